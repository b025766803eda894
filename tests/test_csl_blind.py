"""Blind review of the CSL-JSON / CSL-YAML readers against files written as real producers write them.

tests/data/csl_blind/ holds 28 hand-made files in the producers' layouts: Zotero's CSL JSON export (tabs,
string date parts, Extra lines in ``note``), Better BibTeX JSON and YAML, Mendeley's citation objects,
citation-js (arXiv, Wikidata), pandoc's csljson and front matter, pandoc-citeproc's old dates, Manubot,
NCBI's citation exporter, Crossref content negotiation and its REST envelope, DataCite, JSON Lines,
hand-edited JSON with comments, UTF-16, BOM.  Every file reads, validates, and survives both writers.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from citeport.formats import csljson

from conftest import assert_csl_round_trip_and_valid, run_cli

DATA = Path(__file__).parent / "data" / "csl_blind"
YAML_FILES = (".yaml", ".md")


def _read(name: str):
    return citeport.read(str(DATA / name), "csl-yaml" if name.endswith(YAML_FILES) else "csl-json")


def _one(text: str, fmt: str = "csl-json") -> dict:
    (item,) = citeport.read(text, fmt)
    return item


# --- envelopes and JSON shapes -------------------------------------------------------------------

def test_crossref_rest_envelope_is_unwrapped_and_subtitle_joined():
    # `curl https://api.crossref.org/works/DOI` saved as a file: the work is in "message"
    item = _one((DATA / "12_crossref_rest_work.json").read_text())
    assert item["type"] == "article-journal" and item["custom"]["crossref-type"] == "journal-article"
    assert item["title"] == ("edgeR: a Bioconductor package for differential expression analysis of digital "
                             "gene expression data: a short subtitle")
    assert item["title-short"] == ("edgeR: a Bioconductor package for differential expression analysis of "
                                   "digital gene expression data")
    assert "subtitle" not in item["custom"] and "status" not in item and "message" not in item.get("custom", {})
    assert item["issued"] == {"date-parts": [[2010, 1, 1]]} and item["ISSN"] == "1367-4803"
    assert item["author"][1] == {"given": "Gordon K.", "family": "Smyth"}
    works = citeport.read(str(DATA / "13_crossref_rest_list.json"), "csl-json")  # a /works?query= page
    assert [(w["DOI"], w["type"], w["title"]) for w in works] == [
        ("10.1000/a1", "article-journal", "First hit"), ("10.1000/b2", "chapter", "Second hit")]


def test_csl_citation_objects_give_their_items():
    # A Mendeley Cite / Zotero word-processor field (csl-citation.json) and Mendeley Desktop's item list
    cite = _read("03_mendeley_citation.json")
    assert [i["id"] for i in cite] == ["7b2c5e1a-0d9f-3c4b-8a61-2f0e9d1c4b7a"]
    assert cite[0]["type"] == "article-journal" and cite[0]["DOI"] == "10.1111/ele.12900"
    assert cite[0]["author"][0] == {"family": "García", "given": "María", "parse-names": False}
    assert "container-title-short" not in cite[0] and "abstract" not in cite[0]  # Mendeley's "" values
    desk = _read("04_mendeley_desktop.json")[0]
    assert desk["id"] == "ITEM-1" and desk["issue"] == "D1" and desk["issued"] == {"date-parts": [[2017]]}
    assert desk["custom"]["uris"] == ["http://www.mendeley.com/documents/?uuid=1a2b3c4d"]
    located = _one('{"citationItems": [{"id": 7, "locator": "12", "label": "page", '
                   '"itemData": {"type": "book", "title": "B"}}], "properties": {"noteIndex": 0}}')
    assert located["id"] == 7 and located["custom"]["citation"] == {"locator": "12", "label": "page"}


def test_citation_items_are_read_alike_when_streamed(tmp_path, monkeypatch):
    text = (DATA / "04_mendeley_desktop.json").read_text()
    whole = list(citeport.read(text, "csl-json"))
    monkeypatch.setattr(csljson, "STREAM_BYTES", 0)
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    assert list(citeport.read(str(path), "csl-json")) == whole


def test_json_lines_are_read_one_item_a_line():
    got = _read("18_ndjson.jsonl")
    assert [i["id"] for i in got] == ["n1", "n2", "n3"] and not got.diagnostics
    broken = citeport.read('{"id": "a", "type": "book"}\n{"id": "b", "type": \n{"id": "c", "type": "book"}\n',
                           "csl-json")
    assert [i["id"] for i in broken] == ["a", "c"]
    (err,) = [d for d in broken.diagnostics if d.level == "error"]
    assert err.line == 2 and "invalid JSON" in err.message


def test_hand_edited_json_with_comments_and_trailing_commas():
    got = _read("20_json5.json")
    assert got[0] == {"id": "h1", "type": "book", "title": "Hand edited", "URL": "https://example.org/a//b",
                      "issued": {"date-parts": [[2001]]}}
    (warn,) = got.diagnostics
    assert warn.level == "warning" and warn.line == 2 and "comments" in warn.message
    bad = citeport.read('[{"id": "x", "type": "book" "title": "no comma"}]', "csl-json")
    assert not list(bad) and "invalid JSON" in bad.diagnostics[0].message  # still refused, not guessed


def test_cli_reads_json_lines_and_reports_nothing_lost():
    proc = run_cli("convert", str(DATA / "18_ndjson.jsonl"), "-f", "csl-json", "-t", "csl-json")
    assert proc.returncode == 0, proc.stderr_text
    assert [i["title"] for i in json.loads(proc.stdout_text)] == ["One", "Two", "Three"]


# --- note lines (Zotero Extra, citeproc-js "cheater syntax") ------------------------------------

def test_zotero_extra_lines_in_note_fill_variables():
    first, second = _read("01_zotero_export.json")
    assert (first["PMID"], first["PMCID"], first["citation-key"]) == ("31186412", "PMC6560000", "muller2019")
    assert first["original-date"] == {"date-parts": [[2018]]}
    assert first["note"] == "tex.ids: muller2019a\nRead twice; key paper."
    assert first["issued"] == {"date-parts": [[2019, 6, 11]]}  # Zotero's string year
    assert first["accessed"] == {"date-parts": [[2024, 3, 5]]} and first["archive_location"] == "31234567"
    assert second["event-place"] == "Lucca, Italy" and "citation-key" not in second
    thesis = _read("28_zotero_single_obj.json")[0]
    assert thesis["citation-key"] == "ito2015" and "medium" not in thesis
    assert thesis["note"] == "Medium: Online\nADS Bibcode: 2015PhDT........12I"  # human labels stay
    kept = _one('{"type": "book", "title": "T", "publisher": "A", "note": "publisher: B\\nauthor: X || Y\\n'
                'title: other\\narchive_location: box 3\\nAccessed: 6th September 2021"}')
    assert kept["publisher"] == "A" and kept["archive_location"] == "box 3" and "accessed" not in kept
    assert kept["note"] == ("publisher: B\nauthor: X || Y\ntitle: other\n"  # differs / a name / not data
                            "Accessed: 6th September 2021")  # a human note, not CSL's "accessed"


# --- dates ---------------------------------------------------------------------------------------

def test_dates_in_every_producer_shape_come_out_as_csl_1_0_2():
    got = {i["id"]: i["issued"] for i in _read("15_dates.json")}
    assert got["d1"] == {"date-parts": [[2020, 5]], "circa": True}  # {"edtf": ...} is CSL-M, not 1.0.2
    assert got["d11"] == {"date-parts": [[2004, 6], [2006, 8]]}
    assert got["d8"] == {"date-parts": [[2020, 5, 1]]}  # [["2020-05-01"]]
    assert got["d7"] == {"date-parts": [[2020, 5, 1]]} and got["d2"] == {"date-parts": [[2019, 3, 4]]}
    assert got["d3"] == {"literal": "Spring term, 1999"} and got["d13"] == {"date-parts": [[2004], [2006]]}
    assert got["d4"] == {"date-parts": [[2011]], "season": "Summer"} and got["d12"] == {"date-parts": [[-44, 3, 15]]}
    assert got["d15"] == {"date-parts": [[2001]], "season": 1}  # EDTF season 21
    assert _one('{"type": "book", "issued": {"edtf": "not a date"}}')["issued"] == {"raw": "not a date"}
    assert _one('{"type": "book", "issued": {"date-parts": [["Spring 2020"]]}}')["issued"] == \
        {"date-parts": [["Spring 2020"]]}  # not a whole date: kept as written


# --- producers' own conventions --------------------------------------------------------------------

def test_ncbi_citation_exporter_follows_the_pubmed_conventions():
    (item,) = _read("09_ncbi_ctxp.json")
    assert item["title"] == "Cancer statistics, 2017"  # PubMed's added period
    assert item["available-date"] == {"date-parts": [[2017, 1, 5]]}  # its epub-date
    assert "status" not in item and item["custom"] == {"publication-status": "ppublish"}
    assert item["accessed"] == {"date-parts": [[2024, 2, 14]]} and item["source"] == "PubMed"
    _, german = _read("10_ncbi_ctxp_multi.json")
    assert german["title"] == "Chronic pain in the elderly" and german["custom"]["title-translated"] is True
    assert german["language"] == "de"
    other = _one('{"type": "article-journal", "title": "In press.", "status": "in press", "source": "PubMed"}')
    assert other["status"] == "in press" and other["title"] == "In press."  # not the exporter: as written


def test_html_paragraph_abstracts_become_lines():
    item = _one('{"type": "post", "title": "T", "abstract": "<p>One <i>a</i>.</p>\\n<p>Two.<br/>Three.</p>"}')
    assert item["abstract"] == "One <i>a</i>.\nTwo.\nThree."


def test_crossref_content_negotiation_jats_abstract_and_funders():
    item = _read("11_crossref_cn.json")[0]
    assert item["abstract"] == ("CO<sub>2</sub> reduction on Cu<sup>+</sup> sites in <i>operando</i> conditions.\n"
                                "Second & last.")
    assert item["custom"]["grants"] == ["R01GM123/NIH", "U54HG456/NIH", "Wellcome Trust"]
    assert item["issued"] == {"date-parts": [[2021, 7]]} and item["container-title-short"] == "Nat Chem"
    assert item["author"][1] == {"given": "Tomás", "family": "Ó Ceallaigh"}


# --- CSL-YAML ------------------------------------------------------------------------------------

def test_markdown_front_matter_with_other_keys_first_is_recognised(tmp_path):
    path = tmp_path / "paper.md"
    path.write_text((DATA / "22_pandoc_frontmatter.md").read_text(), encoding="utf-8")
    fenner, old = citeport.read(str(path))  # sniffed: title/author/bibliography come before references
    assert fenner["issued"] == {"date-parts": [[2012, 3]]} and fenner["volume"] == "11"
    assert old["title"] == ('Über <i>Flüsse</i> und <b>Seen</b>: H<sub>2</sub>O and E = mc<sup>2</sup> in '
                            '<span style="font-variant:small-caps;">GSM</span>')
    assert old["issued"] == {"date-parts": [[1845]]} and old["note"] == "Folded note on two lines."
    assert old["author"] == [{"family": "Humboldt", "given": "Alexander", "non-dropping-particle": "von"}]


def test_yaml_duplicate_key_is_reported_and_tab_error_names_the_file_line():
    got = _read("26_dupkeys.yaml")
    assert got[0]["title"] == "Second title" and got[0]["publisher"] == "Springer"  # pandoc keeps the last too
    (dup,) = got.diagnostics
    assert (dup.level, dup.line, dup.field, dup.code) == ("warning", 6, "title", "dropped")
    assert "'First title'" in dup.message
    tabs = citeport.read(str(DATA / "25_tabs.yaml"), "csl-yaml")
    assert not list(tabs) and tabs.diagnostics[0].line == 5  # the tab's line in the file, after '---'


def test_yaml_anchors_dates_and_bbt_dates():
    _, chapter = _read("23_pandoc_yaml.yaml")
    assert chapter["author"] == chapter["editor"] == [{"family": "Ng", "given": "Andrew"}]
    assert chapter["issued"] == {"date-parts": [[2020, 5, 1]]} and chapter["page"] == "026002"
    bbt = _read("24_bbt.yaml")[0]
    assert bbt["issued"] == {"date-parts": [[1905, 6, 30]]} and bbt["citation-key"] == "einstein1905"


# --- every file: schema-valid, and both writers give it back ------------------------------------

ROUND_TRIP = sorted(p.name for p in DATA.iterdir() if p.name != "25_tabs.yaml")


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_every_file_is_valid_and_round_trips(name):
    items = list(_read(name))
    assert items, name
    assert_csl_round_trip_and_valid(items, name)
