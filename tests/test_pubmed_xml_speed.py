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


# -- the steps after mapping -------------------------------------------------

def _ordered_general(item: dict) -> dict:
    """ordered_item as it was before its key-order cache: KEY_ORDER first, the rest, custom last."""
    from citeport.formats.pubmed_common import KEY_ORDER

    out = {k: item[k] for k in KEY_ORDER if k in item}
    out.update((k, v) for k, v in item.items() if k not in out and k != "custom")
    if "custom" in item:
        out["custom"] = item["custom"]
    return out


def test_ordered_item_is_the_general_order():
    from citeport.formats.pubmed_common import KEY_ORDER, ordered_item

    rng = random.Random(11)
    keys = list(KEY_ORDER) + ["custom", "URL", "event-title", "number"]
    for _ in range(5000):
        item = {k: k for k in rng.sample(keys, rng.randint(0, 12))}
        got, want = ordered_item(item), _ordered_general(item)
        assert list(got.items()) == list(want.items()), list(item)
        if list(item) == list(want):
            assert got is item  # already in order: not copied
        else:
            assert got is not item
        assert list(ordered_item(dict(item)).items()) == list(want.items())  # the cached order again


class _OldUniqueIds:
    """UniqueIds as it was (a dict whose oldest key is found with next(iter())): the reference."""

    def __init__(self, window: int) -> None:
        self._seen: dict = {}
        self._window = window

    def __call__(self, item: dict) -> dict:
        key = str(item["id"])
        count = self._seen.pop(key, 0) + 1
        self._remember(key, count)
        if count > 1:
            item["id"] = f"{key}-{count}"
            self._remember(item["id"], self._seen.pop(item["id"], 1))
        return item

    def _remember(self, key: str, count: int) -> None:
        self._seen[key] = count
        if len(self._seen) > self._window:
            del self._seen[next(iter(self._seen))]


def test_unique_ids_is_the_old_window():
    from citeport.model.item import UniqueIds

    rng = random.Random(5)
    for _ in range(3000):
        window = rng.randint(1, 6)
        new, old = UniqueIds(window), _OldUniqueIds(window)
        for _ in range(rng.randint(0, 40)):
            value = rng.choice(["a", "b", "c", "a-2", "a-3", "b-2", "d", 7, "7"])
            assert new({"id": value}) == old({"id": value})
            assert list(new._seen.items()) == list(old._seen.items())


def _prune_general(item: dict) -> dict:
    """What prune() promises: top-level strings stripped, empty values dropped, empty custom entries too."""
    from citeport.model.item import is_empty

    out = {}
    for key, value in item.items():
        if isinstance(value, str):
            value = value.strip()
        if key == "custom" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if not is_empty(v)}
        if not is_empty(value):
            out[key] = value
    return out


def test_prune_fast_check_is_the_general_prune():
    from citeport.model.item import prune

    class Sub(str):
        pass

    rng = random.Random(13)
    values = ["x", " x", "x ", "", None, 0, 1, [], ["a"], {}, {"date-parts": [[2019]]}, Sub("y"), Sub(" y"),
              False, "\u00a0x"]
    customs = [{}, {"a": "b"}, {"a": []}, {"a": None}, {"a": 0}, {"a": ""}, {"a": {"b": []}}]
    for _ in range(20000):
        item = {k: rng.choice(values) for k in rng.sample(["title", "PMID", "author", "issued", "page"], rng.randint(0, 5))}
        if rng.random() < 0.7:
            item["custom"] = dict(rng.choice(customs))
        snapshot = repr(item)
        got = prune(item)
        assert got == _prune_general(item), snapshot
        assert [type(v) for v in got.values()] == [type(v) for v in _prune_general(item).values()], snapshot
        plain = all(v and (type(v) is str and v == v.strip() or not isinstance(v, str)) for v in item.values())
        if plain and all(item.get("custom", {"": 1}).values()):
            assert got is item  # nothing to prune: not copied


# -- mapping fast paths --------------------------------------------------------

def test_mesh_heading_without_qualifiers_is_mesh_string():
    from citeport.formats.pubmed_common import mesh_string

    for text in ["Humans", " Humans ", "Lung  Neoplasms", "Neoplasms,\nExperimental", "Ä\u00a0b"]:
        for major in (None, "N", "Y"):
            headings = etree.Element("MeshHeadingList")
            desc = etree.SubElement(etree.SubElement(headings, "MeshHeading"), "DescriptorName")
            desc.text = text
            if major:
                desc.set("MajorTopicYN", major)
            rec = pubmed_xml._Record()
            rec.mesh(headings)
            assert rec.custom["mesh"] == [mesh_string(" ".join(text.split()), major == "Y", [])]


def test_keep_and_finish_leave_out_empty_values():
    rec = pubmed_xml._Record()
    rec.keep("Owner", "")
    assert rec.custom == {}
    rec.keep("Owner", "PIP")
    rec.keep("Owner", "KIE")
    rec.keep_all("Owner", ["", "NASA"])
    assert rec.custom == {"tags": {"pubmed-xml:Owner": ["PIP", "KIE", "NASA"]}}
    xml = ("<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>T.</ArticleTitle>"
           "<PublicationTypeList/></Article></MedlineCitation></PubmedArticle>")
    item = pubmed_xml.article_to_item(etree.fromstring(xml))
    assert item["custom"] == {}  # the empty list publication_types() started is left out (prune drops {})
    rec = pubmed_xml._Record()
    rec.item.update(type="article-journal", title="T")
    rec.custom.update({"mesh": ["Humans"], "publication-types": ["Letter"]})
    done = rec.finish()
    assert done["custom"] == {"mesh": ["Humans"], "publication-types": ["Letter"]}
    assert list(done) == ["type", "title", "custom"]
