"""RIS per-type tag meanings checked against the RIS specification's type tables (as citation-js's
plugin-ris spec/new.json derives them) and EndNote's own labels (Zotero RIS.js testCases[2], the
corpus file RIS_case03.ris: every tag of every type carries its EndNote label as the value)."""
from __future__ import annotations

import pytest

import citeport


def _one(text: str) -> dict:
    (item,) = citeport.read(text, "ris")
    return item


def _round(item: dict) -> dict:
    return _one(citeport.write([item], "ris"))


@pytest.mark.parametrize("record,expected", [
    # LEGAL / GOVDOC SN: EndNote "ISSN/ISBN", spec "number": decided by the value.
    ("TY  - LEGAL\nTI  - Data Protection Act\nSN  - c. 12\nER  - \n", {"number": "c. 12"}),
    ("TY  - LEGAL\nTI  - R\nSN  - RFC 9110\nSN  - 0317-8471\nER  - \n", {"number": "RFC 9110", "ISSN": "0317-8471"}),
    ("TY  - GOVDOC\nTI  - G\nSN  - 978-3-16-148410-0\nER  - \n", {"ISBN": "978-3-16-148410-0"}),
    ("TY  - GOVDOC\nTI  - G\nSN  - GAO-21-1\nER  - \n", {"number": "GAO-21-1"}),
    # NEWS / STAND M1: EndNote "Start Page", spec page-first.
    ("TY  - NEWS\nTI  - N\nM1  - A1\nER  - \n", {"page-first": "A1"}),
    ("TY  - STAND\nTI  - S\nM1  - 12\nSN  - ISO 9001\nER  - \n", {"page-first": "12", "number": "ISO 9001"}),
    # C1 of a book section / serial: EndNote "Section", spec section.
    ("TY  - CHAP\nTI  - C\nC1  - Part II\nER  - \n", {"section": "Part II"}),
    ("TY  - SER\nTI  - S\nC1  - 3\nER  - \n", {"section": "3"}),
    # BLOG SE "Message Number"; EJOUR NV "Document Number"; PCOMM NV "Communication Number".
    ("TY  - BLOG\nTI  - B\nSE  - 117\nER  - \n", {"number": "117"}),
    ("TY  - EJOUR\nTI  - E\nNV  - D-7\nER  - \n", {"number": "D-7"}),
    ("TY  - PCOMM\nTI  - L\nNV  - 44\nER  - \n", {"number": "44"}),
    # PAT VL "Patent Version Number".
    ("TY  - PAT\nTI  - P\nVL  - B2\nSN  - US 5,123,456\nER  - \n", {"version": "B2", "number": "US 5,123,456"}),
])
def test_spec_meaning_read_and_round_trip(record, expected):
    item = _one(record)
    assert {k: item.get(k) for k in expected} == expected
    kept = {k: v for k, v in (item.get("custom") or {}).get("tags", {}).items() if k != "ris:TY"}
    assert kept == {}  # nothing left as a bare tag (ris:TY only records GOVDOC/SER/EJOUR)
    assert _round(item) == item


@pytest.mark.parametrize("ty", ["SOUND", "VIDEO"])
def test_recording_a2_is_the_performer(ty):
    item = _one(f"TY  - {ty}\nTI  - R\nAU  - Doe, Jane\nA2  - Ray, Ann\nER  - \n")
    assert item["performer"] == [{"family": "Ray", "given": "Ann"}] and "editor" not in item
    assert _round(item) == item


def test_legal_number_written_to_sn_and_issn_kept_apart():
    item = {"id": "r", "type": "regulation", "title": "Rule", "number": "42", "ISSN": "0317-8471"}
    text = citeport.write([item], "ris")
    assert "SN  - 42\r\n" in text and "SN  - 0317-8471\r\n" in text
    back = _one(text)
    assert (back["number"], back["ISSN"]) == ("42", "0317-8471")


def test_a_legal_number_shaped_like_an_issn_is_a_reported_guess():
    item = {"id": "r", "type": "regulation", "title": "Rule", "number": "1234-5678"}
    text = citeport.write([item], "ris")
    assert "SN  - 1234-5678\r\n" in text
    assert _one(text).get("ISSN") == "1234-5678" and "number" not in _one(text)


def test_news_start_page_and_section_side_by_side():
    item = _one("TY  - NEWS\nTI  - N\nM1  - B3\nSE  - Business\nER  - \n")
    assert (item["page-first"], item["section"]) == ("B3", "Business")


def test_chapter_section_and_chapter_number_keep_their_own_tags():
    item = {"id": "x", "type": "chapter", "title": "T", "section": "S 4", "chapter-number": "9"}
    text = citeport.write([item], "ris")
    assert "C1  - S 4\r\n" in text and "SE  - 9\r\n" in text
    assert _one(text) == item
