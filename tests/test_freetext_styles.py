"""Free-text references in the styles publishers print (jats_freetext + _styles): journal articles, books,
chapters, reports, theses, conference papers, web pages, data sets and software.

The references are in tests/data/freetext_styles/refs.txt, one a line with the exact fields expected; a line
whose expected fields are all empty must stay unparsed (kept whole by the JATS reader); fields beyond the ten
columns follow as "key=value" columns (see EXTRA).  Run this file as a
script for precision (fields right / fields produced) and recall (fields right / fields expected) per style.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import citeport
from citeport.formats.jats_freetext import parse_reference_text
from citeport.formats.jats_freetext_styles import style_of

from conftest import shared_path

REFS = Path(__file__).parent / "data" / "freetext_styles" / "refs.txt"
FIELDS = ("author", "year", "title", "container-title", "volume", "issue", "page", "DOI", "URL", "type")
#: Further fields, written after the type as "key=value" columns (editors as authors are; accessed as an ISO
#: date); like the others, a field the parser gives that the row does not list is wrong.
EXTRA = ("editor", "edition", "publisher", "publisher-place", "genre", "number", "version", "accessed",
         "event-title", "event-place", "archive")


def load() -> list[tuple[str, str, dict[str, str]]]:
    rows = []
    for line in REFS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        style, text, *values = [c.strip() for c in line.split("|")]
        values, extra = values[:len(FIELDS)], values[len(FIELDS):]
        values += [""] * (len(FIELDS) - len(values))
        expected = {f: v for f, v in zip(FIELDS, values) if v}
        for column in filter(None, extra):
            key, _, value = column.partition("=")
            assert key in EXTRA and value, f"{REFS.name}: bad column {column!r}"
            expected[key] = value
        rows.append((style, text, expected))
    return rows


def _name(name: dict) -> str:
    if "literal" in name:
        return "=" + name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    return f"{family}, {name.get('given', '')}".strip(", ")


def flatten(item: dict | None) -> dict[str, str]:
    """The compared fields of a parsed item, as the strings refs.txt writes."""
    if item is None:
        return {}
    out = {k: str(item[k]) for k in FIELDS + EXTRA if k in item and k not in ("author", "year", "editor", "accessed")}
    for role in ("author", "editor"):
        names = [_name(n) for n in item.get(role, [])]
        if role in item.get("custom", {}).get("et-al", []):
            names.append("+et-al")
        if names:
            out[role] = "; ".join(names)
    if "accessed" in item:
        out["accessed"] = "-".join(f"{p:02d}" for p in item["accessed"]["date-parts"][0])
    if "issued" in item:
        out["year"] = str(item["issued"]["date-parts"][0][0])
    return out


ROWS = load()


@pytest.mark.parametrize("style,text,expected", ROWS, ids=[f"{s}-{i}" for i, (s, _, _) in enumerate(ROWS)])
def test_reference_fields(style: str, text: str, expected: dict[str, str]) -> None:
    assert flatten(parse_reference_text(text)) == expected


def test_corpus_is_big_and_varied() -> None:
    per_style = defaultdict(int)
    for style, _, expected in ROWS:
        per_style[style] += bool(expected)
    assert len(ROWS) >= 80 and all(n >= 8 for s, n in per_style.items() if s != "none"), per_style


@pytest.mark.parametrize("text,style", [
    ("Smith J, Jones K (2004) Title. Lancet 364: 1857–1864.", "plos"),
    ("Smith, J. & Jones, K. Title. Nature 431, 931–945 (2004).", "nature"),
    ("Smith, J. and Jones, K. (2004) 'Title', Journal, 12(3), pp. 45–67.", "harvard"),
    ('Smith, John, and Kate Jones. 2004. "Title." Journal 12 (3): 45–67.', "chicago"),
    ('J. Smith and K. Jones, "Title," IEEE Trans. X, vol. 12, no. 3, pp. 45–67, Mar. 2004.', "ieee"),
    ("Smith, J.; Jones, K. Title. J. Am. Chem. Soc. 2004, 126, 45–67.", "acs"),
    ("Smith, J., and Jones, K. (2004). Title. Cell 117, 45–67.", "cell"),
])
def test_each_style_is_recognised_by_its_shape(text: str, style: str) -> None:
    assert style_of(text) == style


def test_details_beyond_the_compared_fields() -> None:
    ieee = parse_reference_text('J. Smith, "T," IEEE Access, vol. 7, pp. 1–2, Mar. 2019.')
    assert ieee["issued"] == {"date-parts": [[2019, 3]]}
    plos = parse_reference_text("Smith J (2010) T. PLoS ONE 5(3): e9876. doi:10.1371/journal.pone.0009876")
    assert plos["custom"]["elocation"] == "e9876" and plos["page"] == "e9876"
    harvard = parse_reference_text("Patel, S. (2017a) 'Outcomes', BMJ Open, 7(5), p. e015432.")
    assert harvard["year-suffix"] == "a"
    book = parse_reference_text("Smith, J. (2004) Title of book. 2nd edn. London: Big Press.")
    assert (book["edition"], book["publisher-place"], book["publisher"]) == ("2", "London", "Big Press")
    chapter = parse_reference_text("Meltzer PS, Trent JM. Chromosomes. In: Vogelstein B, Kinzler KW, editors. "
                                   "The genetic basis. 2nd ed. New York: McGraw-Hill; 2002. p. 93-113.")
    assert [e["family"] for e in chapter["editor"]] == ["Vogelstein", "Kinzler"] and chapter["edition"] == "2"
    edited = parse_reference_text("Smith J, editor. Handbook of things. Boston: Little; 1999.")
    assert edited["editor"] == [{"family": "Smith", "given": "J."}] and "author" not in edited
    hchap = parse_reference_text("Hall, S. (1980) 'Encoding', in K. Jones and L. Lee (eds) Culture. "
                                 "London: Hutchinson, pp. 1–9.")
    assert [e["family"] for e in hchap["editor"]] == ["Jones", "Lee"]


@pytest.mark.parametrize("text,style,ctype", [
    ("Doe, J. (2020). A book (2nd ed.). Big Press.", "apa-work", "book"),
    ("Doe, J. (2020). A study [Master's thesis, Some University]. Archive.", "apa-work", "thesis"),
    ("Doe, J. (2020). Counts (Version 2) [Data set]. Zenodo. https://doi.org/10.5281/zenodo.1", "apa-work", "dataset"),
    ("Doe, J. (2020, May 1). A page. Site. https://example.org/p", "apa-work", "webpage"),
    ("Doe, J. (2020). A part. In K. Lee (Ed.), A book (pp. 1–9). Big Press.", "apa-chapter", "chapter"),
    ("Doe, Jane. 2020. A Book. Boston: Big Press.", "chicago-book", "book"),
    ("Doe, Jane. A Book. Boston: Big Press, 2020.", "chicago-book", "book"),
    ('Doe, Jane. "A Part." In A Book, edited by Kim Lee, 1–9. Boston: Big Press, 2020.', "chicago-chapter", "chapter"),
    ("J. Doe, A Book, 2nd ed. Boston, MA, USA: Big Press, 2020.", "ieee-book", "book"),
    ('J. Doe, "A talk," in Proc. Int. Conf. Things, Rome, Italy, 2020, pp. 1–4.', "ieee-conference", "paper-conference"),
    ('J. Doe, "A study," Big Lab, Rome, Italy, Tech. Rep. 7, 2020.', "ieee-report", "report"),
    ('J. Doe, "A study," Ph.D. dissertation, Big Univ., Rome, Italy, 2020.', "ieee-thesis", "thesis"),
    ('J. Doe, "A page," Site. Accessed: May 1, 2020. [Online]. Available: https://example.org/p', "ieee-online",
     "webpage"),
    ("Doe, Jane. A Book. Big Press, 2020.", "mla-book", "book"),
    ('Doe, Jane. "A Part." A Book, edited by Kim Lee, Big Press, 2020, pp. 1-9.', "mla-chapter", "chapter"),
    ('Doe, Jane. "A Page." Site, 1 May 2020, example.org/p.', "mla-web", "webpage"),
    ("Doe J. A study [dissertation]. Rome: Big University; 2020.", "vancouver-work", "thesis"),
    ("Doe J. A study. Rome: Big Lab; 2020. Report No.: 7.", "vancouver-work", "report"),
    ("Doe J. A page [Internet]. Site; 2020 [cited 2021 May 1]. Available from: https://example.org/p",
     "vancouver-web", "webpage"),
    ("Doe J. A talk. Paper presented at: Congress of Things; 2020 May 1-3; Rome, Italy.", "vancouver-presented",
     "speech"),
    ("Doe, J. (2020) A page. Available at: https://example.org/p (Accessed: 1 May 2021).", "harvard-web", "webpage"),
])
def test_each_work_shape_is_recognised(text: str, style: str, ctype: str) -> None:
    assert style_of(text) == style and parse_reference_text(text)["type"] == ctype


@pytest.mark.parametrize("text", [
    "Doe, J. (2020). A clip [Video]. YouTube. https://youtu.be/x",  # a kind no row of KINDS reads
    "Doe, J. (2020). A book (Abridged). Big Press.",  # a parenthesis none of PAREN_PARTS reads
    "Doe, J. (2020). A report [Fact sheet]. Big Lab 12 Press.",  # a volume where a publisher goes
    "Doe, Jane. A Book. Boston: Big Press.",  # no year
    'J. Doe, "A talk," presented at the Workshop on Things, 2019.',
    "Doe J. A talk. Paper presented at: Congress of Things; Rome, Italy.",  # no date
    "Doe, J. (2020) A page. Available at: the library (Accessed: 1 May 2021).",  # no link
])
def test_a_work_no_shape_fits_stays_whole(text: str) -> None:
    assert parse_reference_text(text) is None


@pytest.mark.parametrize("text,date", [
    ("Doe J. A page [Internet]. Site; 2020 [updated 2021 Jan 2; cited 2021 May 1]. Available from: "
     "https://example.org/p", [2021, 5, 1]),
    ("Doe, J. (2020) A page. Available at: https://example.org/p (Accessed: 3 June 2021).", [2021, 6, 3]),
    ("Doe, J. (2020) A page. [Online] Available at: https://example.org/p [Accessed 3rd June 2021].", [2021, 6, 3]),
    ('J. Doe. "A page." Site. https://example.org/p (accessed Jun. 5, 2024).', [2024, 6, 5]),
    ("Doe, J. (n.d.). A page. Retrieved March 3, 2021, from https://example.org/p", [2021, 3, 3]),
    ('Doe, Jane. "A Page." Site, example.org/p. Accessed 6 July 2015.', [2015, 7, 6]),
    ("de Vries, P. (2015) 'Water', Water Policy, 17(2), pp. 1–5. Available at: https://example.org/w "
     "(Accessed: 1 May 2020).", [2020, 5, 1]),
])
def test_access_dates_in_each_form(text: str, date: list[int]) -> None:
    assert parse_reference_text(text)["accessed"] == {"date-parts": [date]}


def test_work_details_beyond_the_compared_fields() -> None:
    web = parse_reference_text("Doe, J. (2019, October 31). A page. Site. https://example.org/p")
    assert web["issued"] == {"date-parts": [[2019, 10, 31]]} and "accessed" not in web
    talk = parse_reference_text("Doe, J., Jr. (2019, August 8–11). A talk [Paper presentation]. Big Meeting, "
                                "Rome, Italy.")
    assert talk["author"][0]["suffix"] == "Jr." and talk["issued"] == {"date-parts": [[2019, 8, 8], [2019, 8, 11]]}
    nodate = parse_reference_text("Doe, J. (n.d.). A page. Site. https://example.org/p")
    assert "issued" not in nodate and nodate["type"] == "webpage"
    chapter = parse_reference_text("Doe, J. (2020). A part. In A book (2nd ed., Vol. 3, pp. 1–9). Big Press.")
    assert (chapter["edition"], chapter["volume"], chapter["page"]) == ("2", "3", "1-9")


def test_items_validate_against_the_csl_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schemas", "csl", "input", "csl-data.json").read_text())
    items = [dict(parse_reference_text(t), id=f"r{i}") for i, (_, t, e) in enumerate(ROWS) if e]
    jsonschema.validate(json.loads(citeport.write(items, "csl-json")), schema)


def test_jats_reader_takes_the_styled_reference_and_keeps_its_text() -> None:
    text = "Smith, J. &amp; Jones, K. Title of paper. Nature 431, 931\u2013945 (2004). doi:10.1038/x1"
    xml = ('<?xml version="1.0"?>\n<article><front><article-meta><title-group><article-title>A</article-title>'
           f'</title-group></article-meta></front><back><ref-list><ref id="r1"><mixed-citation>{text}'
           '</mixed-citation></ref></ref-list></back></article>')
    (ref,) = citeport.read(xml.encode(), "jats", refs="only")
    assert (ref["container-title"], ref["volume"], ref["DOI"]) == ("Nature", "431", "10.1038/x1")
    assert ref["author"][1] == {"family": "Jones", "given": "K."}
    assert ref["custom"]["tags"]["jats:mixed-citation"] == [text.replace("&amp;", "&")]


def scores() -> dict[str, tuple[int, int, int]]:
    """Per style: (fields right, fields produced, fields expected)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for style, text, expected in ROWS:
        got = flatten(parse_reference_text(text))
        row = out[style]
        row[0] += sum(1 for k, v in got.items() if expected.get(k) == v)
        row[1] += len(got)
        row[2] += len(expected)
    return {k: tuple(v) for k, v in out.items()}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    total = [0, 0, 0]
    print(f"{'style':10} {'refs':>4} {'precision':>10} {'recall':>8}")
    for style, (right, produced, expected) in scores().items():
        n = sum(1 for s, _, _ in ROWS if s == style)
        total = [a + b for a, b in zip(total, (right, produced, expected))]
        print(f"{style:10} {n:4} {right}/{produced:<7} {right}/{expected}")
    print(f"{'all':10} {len(ROWS):4} {total[0]}/{total[1]:<7} {total[0]}/{total[2]}")
