"""Free-text references in the journal, book and chapter styles publishers print (jats_freetext + _styles).

The references are in tests/data/freetext_styles/refs.txt, one a line with the exact fields expected; a line
whose expected fields are all empty must stay unparsed (kept whole by the JATS reader).  Run this file as a
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


def load() -> list[tuple[str, str, dict[str, str]]]:
    rows = []
    for line in REFS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        style, text, *values = [c.strip() for c in line.split("|")]
        values += [""] * (len(FIELDS) - len(values))
        rows.append((style, text, {f: v for f, v in zip(FIELDS, values) if v}))
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
    out = {k: str(item[k]) for k in FIELDS if k in item and k not in ("author", "year")}
    names = [_name(n) for n in item.get("author", [])]
    if "author" in item.get("custom", {}).get("et-al", []):
        names.append("+et-al")
    if names:
        out["author"] = "; ".join(names)
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
