"""The PubMed XML reader's fast paths give exactly what the general code they skip gives.

Each fast path (pubmed_xml._date, _given, clean, _doi; item.add_notes) is compared with the
general function it stands in for, on the usual values and on unusual ones ('Sep', missing Day,
whitespace, non-ASCII digits, bracketed or %-escaped DOIs...).
"""
from __future__ import annotations

import itertools
import random

from lxml import etree

from citeport.formats import pubmed_xml
from citeport.formats.pubmed_common import dot_initials
from citeport.model.dates import from_parts, parse_date
from citeport.model.ids import normalize_doi
from citeport.model.item import add_note, add_notes


def _element(tag: str, children: list[tuple[str, str | None]]) -> etree._Element:
    el = etree.Element(tag)
    for child_tag, text in children:
        etree.SubElement(el, child_tag).text = text
    return el


def test_date_fast_path_is_from_parts():
    years = ["2019", "0999", " 2019", "2019 ", "19a", "\u0662\u0660\u0661\u0669", ""]
    months = [None, "Sep", "sep", "Sept", "09", "9", "0", "13", "21", " 5", "Spring", ""]
    days = [None, "01", "1", "0", "00", "31", "32", " 7", "x", "\u0663", ""]
    for year, month, day in itertools.product(years, months, days):
        children = [("Year", year)] + ([("Month", month)] if month is not None else [])
        children += [("Day", day)] if day is not None else []
        got = pubmed_xml._date(_element("PubDate", children))
        # lxml keeps "" as None: the general code sees what the element holds
        want = from_parts(year or None, month or None if month is not None else None,
                          day or None if day is not None else None)
        assert got == want, (year, month, day)


def test_date_with_season_or_medline_date_takes_the_general_way():
    assert pubmed_xml._date(_element("PubDate", [("Year", "1999"), ("Season", "Spring")])) == \
        from_parts("1999", None, None, "Spring")
    assert pubmed_xml._date(_element("PubDate", [("MedlineDate", "1998 Dec-1999 Jan")])) == \
        parse_date("1998 Dec-1999 Jan") == {"date-parts": [[1998, 12], [1999, 1]]}


def test_given_is_dot_initials():
    rng = random.Random(7)
    alphabet = "AaBbJohnZz ÉéÀÞß.-'_1"
    samples = ["John A", "Maria J", "J A", "Jo A", "John AB", "John a", "Jean-Pierre A", "O'B A", "Éva Z",
               "John A.", "Ab C", "John  A", "John Ä"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(20000)]
    for fore in samples:
        assert pubmed_xml._given(fore) == dot_initials(fore), fore


def test_clean_is_split_and_join():
    rng = random.Random(3)
    pieces = ["word", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u2009", "é", "x" * 30, ".", "\u200b"]
    samples = ["", "a", " a ", "a" * 41, " " + "a b" * 20 + " "]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    for text in samples:
        assert pubmed_xml.clean(text) == " ".join(text.split()), repr(text)
    assert pubmed_xml.clean(None) == ""


def test_doi_is_normalize_doi():
    samples = ["10.1000/xyz", "10.1000/xyz.", "10.1000/xyz)", "10.1000/(xyz)", "10.1000/a]", "10.100/x",
               "10.1234567890/x", "10.1000/a%2Fb", "doi:10.1000/x", "https://doi.org/10.1000/X", "10.1000/",
               "10.1000/a b", "10.1000/a;", "10.1000/a,", "x10.1000/a", "10.12345/abc-(1)", "10.1000/é"]
    for value in samples:
        assert pubmed_xml._doi(value) == normalize_doi(value), value


def test_add_notes_is_add_note_each():
    rng = random.Random(9)
    lines = ["Comment in: A", "Comment in: B", "Erratum in: C", "  Comment in: A  ", "", "x\ny", "y", " "]
    for _ in range(3000):
        start = rng.choice([None, "", "Comment in: A", "y\nz"])
        texts = rng.choices(lines, k=rng.randint(0, 6))
        one, many = ({"note": start} if start is not None else {}), ({"note": start} if start is not None else {})
        for text in texts:
            add_note(one, text)
        add_notes(many, texts)
        assert one == many, (start, texts)
