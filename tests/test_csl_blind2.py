"""Second blind review of the CSL-JSON / CSL-YAML readers: files as real producers write them.

tests/data/csl_blind2/ holds 31 hand-made files in producers' layouts: Zotero's export (note-field
"cheater" lines) and web API, Better BibTeX JSON/YAML, a Mendeley Word field, citeproc-js fixtures, Manubot,
pandoc's csljson of BibLaTeX and front matter with nocite, Quarto/R Markdown, citation-js data, Crossref and
DataCite content negotiation, OpenAlex, ORCID, Citoid, CSL 0.8-1.1 and Zotero type names, EDTF in every
form, names/numbers/ids, JSON Lines, YAML anchors, merge keys and multi-document streams, YAML scalars.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport

from conftest import assert_csl_round_trip_and_valid, run_cli

DATA = Path(__file__).parent / "data" / "csl_blind2"
YAML_FILES = (".yaml", ".yml", ".md", ".Rmd")


def _read(name: str):
    return citeport.read(str(DATA / name), "csl-yaml" if name.endswith(YAML_FILES) else "csl-json")


def _one(text: str, fmt: str = "csl-json") -> dict:
    (item,) = citeport.read(text, fmt)
    return item


# --- bugs fixed in this review ------------------------------------------------------------------

def test_yaml_dates_stay_text_and_an_impossible_day_is_no_crash(tmp_path):
    y1, y2 = _read("22_yaml_scalars.yaml")  # was: ValueError "day is out of range for month"
    assert y1["issued"] == {"date-parts": [[2015, 2, 30]]} and y1["accessed"] == {"date-parts": [[2021, 3, 4]]}
    assert (y1["title"], y1["title-short"], y1["language"], y1["volume"], y1["issue"]) == ("no", "on", "no",
                                                                                          "1.10", "012")
    assert y1["annote"] == "true"  # a YAML boolean in a CSL text variable: text (was a bool: invalid CSL)
    assert y2["id"] == 12345 and y2["issued"] == {"date-parts": [[2020, 5]]}
    explicit = _one("- id: x\n  type: book\n  issued: !!timestamp 2015-02-30\n", "csl-yaml")
    assert explicit["issued"] == {"date-parts": [[2015, 2, 30]]}
    path = tmp_path / "bad.yaml"
    path.write_text("references:\n- id: x\n  type: book\n  issued: 2019-13-45\n", encoding="utf-8")
    result = run_cli("convert", str(path), "-t", "csl-json")
    assert result.returncode == 0 and b"internal error" not in result.stderr
    assert json.loads(result.stdout)[0]["id"] == "x"


def test_a_multi_document_yaml_stream_gives_every_document():
    a1, a2, a3 = _read("21_yaml_anchors_multidoc.yaml")  # was: the second document silently dropped
    assert a3 == {"id": "a3", "type": "book", "title": "Second document"}
    assert a1["author"] == a1["editor"] == [{"family": "Smith", "given": "Anna"}]
    assert a1["issued"] == {"date-parts": [[2019, 7, 4]]} and a1["container-title"] == "The Big Book"
    assert (a2["type"], a2["publisher"], a2["container-title"]) == ("article-journal", "Elsevier",
                                                                    "Journal of Stuff")  # a << merge key
    bad = citeport.read("---\n- id: a\n  type: book\n---\n- id: b\n  title: [x\n---\n- id: c\n  type: book\n",
                        "csl-yaml")
    assert [i["id"] for i in bad] == ["a", "c"]  # the broken document reported, the others kept
    (diag,) = bad.diagnostics
    assert diag.level == "error" and "invalid YAML" in diag.message and diag.line in (6, 7)
    # a Markdown body after front matter is no further YAML document
    (md,) = citeport.read("---\nreferences:\n- id: m\n  type: book\n---\n\n- a list\n- in Markdown\n", "csl-yaml")
    assert md["id"] == "m"


def test_a_yaml_stream_starting_with_a_marker_is_sniffed(tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text((DATA / "21_yaml_anchors_multidoc.yaml").read_text(), encoding="utf-8")
    assert [i["id"] for i in citeport.read(str(path))] == ["a1", "a2", "a3"]


def test_type_names_outside_csl_1_0_2():
    got = {i["id"]: (i["type"], i.get("custom", {}).get("source-type")) for i in _read("17_types_versions.json")}
    assert got["t8"] == ("article-journal", "Journal Article")
    assert got["t9"] == ("article-journal", "journalArticle")  # Zotero's item type
    assert got["t12"] == ("article-journal", None)  # CSL's own name in capitals
    assert got["t4"] == ("software", "computer_program")
    assert got["t13"] == ("document", "misc") and got["t19"] == ("document", None)
    assert got["t1"] == ("article", None) and got["t2"] == ("review-book", None) and got["t3"] == ("software", None)
    warnings = [(d.record, d.field, d.code) for d in _read("17_types_versions.json").diagnostics
                if d.level == "warning"]
    assert warnings == [("record 13", "type", "guessed"), ("record 19", "type", "guessed")]
    assert _one('{"type": "bookSection", "title": "x"}')["type"] == "chapter"


def test_zero_month_and_day_are_no_parts():
    _, newspaper, seasons = _read("06_citeproc_js_fixture.json")
    assert newspaper["issued"] == {"date-parts": [[1999]]}  # [[1999, 0, 0]]
    assert seasons["issued"] == {"season": 2, "date-parts": [[1999]]}
    assert _one('{"type": "book", "issued": {"date-parts": [["2001", "3", "0"]]}}')["issued"] == \
        {"date-parts": [[2001, 3]]}
    assert _one('{"type": "book", "issued": {"date-parts": [[0]]}}')["issued"] == {"date-parts": [[0]]}


def test_edtf_unspecified_month_and_day():
    got = {i["id"]: i["issued"] for i in _read("18_edtf_all.json")}
    assert got["e13"] == {"date-parts": [[2004]]}  # "2004-XX" was {"literal": "2004-XX"}
    assert _one('{"type": "book", "issued": "2004-06-XX"}')["issued"] == {"date-parts": [[2004, 6]]}
    assert _one('{"type": "book", "issued": "2004-XX-XX~"}')["issued"] == {"date-parts": [[2004]], "circa": True}
    # already right: uncertain/approximate, decades, intervals, seasons, BCE, ISO timestamps
    assert got["e1"] == {"date-parts": [[1984]], "circa": True}
    assert got["e4"] == {"date-parts": [[2010], [2019]]} and got["e6"] == {"date-parts": [[2004, 6], [2006, 8]]}
    assert got["e10"] == {"date-parts": [[2001]], "season": 1} and got["e12"] == {"date-parts": [[-101]]}
    assert got["e14"] == {"date-parts": [[2020, 5, 1]]} and got["e16"] == {"date-parts": [[1999], [2001]]}
    assert got["e20"] == {"date-parts": [[2004, 6, 11], [2004, 6, 12]], "circa": True}


def test_several_names_in_one_string():
    (item,) = _read("27_single_object_crlf_bom.json")  # BOM, CRLF, a single object
    assert item["author"] == [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Richard"}]
    assert _one('{"type": "book", "author": "Doe, J.; Roe, R."}')["author"] == \
        [{"family": "Doe", "given": "J."}, {"family": "Roe", "given": "R."}]
    assert len(_one('{"type": "book", "author": "Johnson and Johnson"}')["author"]) == 1


# --- already right (guarded) ----------------------------------------------------------------------

def test_zotero_cheater_lines_and_mendeley_field():
    first, book = _read("01_zotero_export_cheater.json")
    assert (first["PMID"], first["PMCID"], first["publisher-place"]) == ("31986264", "PMC7159299", "London")
    assert first["original-date"] == {"date-parts": [[2019, 12, 30]]}
    assert first["issued"] == {"date-parts": [[2020, 2]]} and first["type"] == "article-journal"
    assert first["note"] == "issued: 2020-01-24\ntype: dataset\nEvent Date: Jan 2020"  # differs / not data
    assert book["citation-key"] == "cormen2001" and book["note"].startswith("OCLC: 46792720\nLCCN:")
    cats, roe = _read("05_mendeley_word_field.json")
    assert cats["custom"] == {"citation": {"locator": "5", "label": "page"}}
    assert cats["author"][0] == {"family": "Doe", "given": "Jane", "parse-names": False}
    assert roe["number-of-pages"] == "300"


def test_names_numbers_and_ids():
    items = list(_read("19_names_numbers_ids.json"))
    assert items[0]["author"][:3] == [
        {"family": "Yamada", "given": "Taro", "static-ordering": True},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr.", "comma-suffix": True},
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van", "parse-names": True}]
    assert (items[0]["id"], items[0]["volume"], items[0]["page"]) == (1, "12", "45")
    assert [i["id"] for i in items[1:]] == ["dup", "dup-2", "item4", "item5", "2.5"]


# --- every file: schema-valid, and both writers give it back ------------------------------------

ROUND_TRIP = sorted(p.name for p in DATA.iterdir() if p.name != "23_yaml_tab_indent.yaml")


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_every_file_is_valid_and_round_trips(name):
    items = list(_read(name))
    assert items, name
    assert_csl_round_trip_and_valid(items, name)
