"""Third blind review of the MEDLINE/.nbib and PubMed XML readers and the MEDLINE writer.

.nbib as other tools write or mangle it (lower-case tags, Windows Notepad's UTF-16 with CRLF, tab
continuations, Ovid's MEDLINE display, OLDMEDLINE records) and a non-English record as PubMed XML and .nbib.
Fixtures: tests/data/pubmed_blind11.
"""
from __future__ import annotations

import io
from pathlib import Path

import citeport
from citeport.formats import medline
from citeport.formats.pubmed_common import split_abstract_labels, translated_title
from citeport.model.diagnostics import Context
from citeport.sources import Source

DATA = Path(__file__).parent / "data" / "pubmed_blind11"


def _read(name: str, fmt: str = "medline") -> list[dict]:
    return list(citeport.read(DATA / name, fmt))


def _medline(text: str) -> tuple[list[dict], Context]:
    ctx = Context()
    return list(medline.read(Source("t.nbib", data=text.encode()), ctx)), ctx


def _written(items: list[dict]) -> tuple[str, Context]:
    ctx, out = Context(), io.StringIO()
    medline.write(items, out, ctx)
    return out.getvalue(), ctx


def test_lower_case_tags_read_as_the_upper_case_file():
    assert _read("lower.nbib") == _read("current.nbib")


def test_lower_case_file_is_sniffed_as_medline():
    text = (DATA / "lower.nbib").read_text()
    assert medline.sniff(text) >= 0.8


def test_unindented_word_dash_text_is_still_a_continuation():
    items, ctx = _medline("PMID- 1\nTI  - A title\nabout - something.\nAU  - Doe J\n")
    assert items[0]["title"] == "A title about - something"
    assert [d.code for d in ctx.diagnostics] == ["guessed"]


def test_notepad_utf16_crlf_tabs_and_three_blank_lines():
    items = _read("notepad.nbib")
    current = _read("current.nbib")[0]
    assert [i["id"] for i in items] == ["pmid:38765432", "pmid:38765433"]
    assert items[0] == current
    assert items[0]["abstract"].split("\n")[2] == "RESULTS: It worked (P < 0.05)."
    assert items[0]["custom"]["tags"]["medline:SO"] == [
        "PLoS One. 2024 May 15;19(5):e0301234. doi: 10.1371/journal.pone.0301234. eCollection 2024."]


def test_ovid_medline_display():
    ctx = Context()
    items = list(medline.read(Source.of(DATA / "ovid.nbib"), ctx))
    first, second = items
    assert first["id"] == "pmid:30212345" and first["PMID"] == "30212345"  # UI is Ovid's PMID
    assert "editor" not in first  # Ovid's ED is the entry date, kept as a tag
    assert first["custom"]["tags"]["medline:ED"] == ["20180601"]
    assert first["DOI"] == "10.1016/j.sleep.2018.01.001"  # DO
    assert first["language"] == "en"  # LG - English
    assert (first["container-title"], first["volume"], first["page"]) == ("Sleep Medicine", "45", "1-10")
    assert "container-title-short" not in first  # Ovid's SO names the journal in full
    assert (second["container-title"], second["volume"], second["issue"], second["page"]) == (
        "Lancet", "391", "10120", "1-2")
    assert second["issued"] == {"date-parts": [[2018, 2, 3]]}
    assert not [d for d in ctx.diagnostics if d.level != "info"]  # '<1>' lines are no stray text
    text, wctx = _written(items)
    back, _ = _medline(text)
    assert back == items and not wctx.diagnostics


def test_pubmed_ui_beside_a_pmid_is_the_medline_ui_not_the_pmid():
    items, _ = _medline("PMID- 8765432\nUI  - 96123456\nTI  - T.\nAU  - Doe J\n")
    assert items[0]["PMID"] == "8765432"
    assert items[0]["custom"]["tags"]["medline:UI"] == ["96123456"]


def test_pubmed_so_fills_journal_volume_issue_pages_when_no_jt_ta():
    items, ctx = _medline("PMID- 1\nTI  - A.\nAU  - Doe J\nSO  - J Biol Chem. 1953 Apr;201(2):473-84. doi: 10.1/x.\n")
    item = items[0]
    assert (item["container-title"], item["container-title-short"]) == ("J Biol Chem", "J Biol Chem")
    assert (item["volume"], item["issue"], item["page"]) == ("201", "2", "473-84")
    assert item["issued"] == {"date-parts": [[1953, 4]]}
    assert [d.code for d in ctx.diagnostics] == ["guessed"]


def test_jt_ta_win_over_the_so_line():
    items, _ = _medline("PMID- 1\nTI  - A.\nAU  - Doe J\nVI  - 9\nTA  - Nat Med\n"
                        "SO  - Other J. 2012 Oct;18(10):1500-5.\n")
    assert (items[0]["container-title"], items[0]["volume"]) == ("Nat Med", "9") and "issue" not in items[0]


def test_epub_date_of_the_so_line_when_there_is_no_dep():
    items, _ = _medline(
        "PMID- 1\nTI  - A.\nAU  - Doe J\nDP  - 2012 Oct\nTA  - Nat Med\n"
        "SO  - Nat Med. 2012 Oct;18(10):1500-5. doi: 10.1038/nm.2899. Epub 2012 Sep 2.\n\n"
        "PMID- 2\nTI  - B.\nAU  - Doe J\nDEP - 20120903\nSO  - Nat Med. 2012 Oct;18(10):1500-5. Epub 2012 Sep 2.\n\n"
        "PMID- 3\nTI  - C.\nAU  - Doe J\nSO  - Nat Med. 2012 Oct. Epub ahead of print.\n\n"
        "PMID- 4\nTI  - D.\nAU  - Doe J\nPHST- 2012/09/03 06:00 [entrez]\nSO  - Nat Med. 2012 Oct. Epub 2012 Sep 2.\n")
    assert items[0]["available-date"] == {"date-parts": [[2012, 9, 2]]}
    assert items[1]["available-date"] == {"date-parts": [[2012, 9, 3]]}  # DEP wins
    assert "available-date" not in items[2]
    assert "available-date" not in items[3]  # PubMed's own export: no DEP means no ArticleDate in the XML


def test_oldmedline_in_process_marker_is_not_title():
    item = _read("oldmedline.nbib")[0]
    assert item["title"] == "The metabolism of something in the rat"
    assert item["custom"]["medline-status"] == "OLDMEDLINE"
    assert "abstract" not in item and item["page"] == "473-84"
    assert translated_title("[Über etwas]. [In Process Citation]") == ("Über etwas", True)
    text, _ = _written([item])
    assert "TI  - The metabolism of something in the rat.\n" in text
    assert _medline(text)[0] == [item]


def test_accented_section_labels_split_and_oab_sections_as_in_the_xml():
    assert split_abstract_labels("INTRODUCCIÓN: Uno. MÉTODOS: Dos. RÉSULTATS: Trois.") == (
        "INTRODUCCIÓN: Uno.\nMÉTODOS: Dos.\nRÉSULTATS: Trois.")
    nbib = _read("vernacular.nbib")[0]
    assert nbib["custom"]["other-abstract"] == ["INTRODUCCIÓN: La deficiencia es común.\nMÉTODOS: Medimos."]


def test_the_same_record_from_xml_and_nbib():
    xml, nbib = _read("vernacular.xml", "pubmed-xml")[0], _read("vernacular.nbib")[0]
    differ = {k for k in set(xml) | set(nbib) if k != "custom" and xml.get(k) != nbib.get(k)}
    assert differ == {"title", "abstract", "original-title", "keyword"}  # XML markup only
    assert xml["title"] == "Vitamin D<sub>3</sub> status in <i>elderly</i> patients"
    assert nbib["title"] == "Vitamin D3 status in elderly patients"
    assert nbib["keyword"] == "Vitamin D; Elderly"
    cx, cn = xml["custom"], nbib["custom"]
    assert {k for k in set(cx) | set(cn) if k != "tags" and cx.get(k) != cn.get(k)} == set()
    assert nbib["author"] == [{"family": "García-López", "given": "María José"}, {"literal": "Grupo de Estudio NUTRI"}]
    assert nbib["issued"] == {"date-parts": [[2019]], "season": 1}
    assert (nbib["PMCID"], cn["mid"], cn["pii"]) == ("PMC6543210", "NIHMS123456", "S0212-16112019000200012")
    assert cn["issn"] == {"electronic": "1699-5198", "linking": "0212-1611"}


def test_xml_keyword_markup_is_written_plain_and_reported():
    xml = _read("vernacular.xml", "pubmed-xml")
    text, ctx = _written(xml)
    assert "OT  - Elderly\n" in text
    assert any(d.field == "keyword" and d.code == "down-converted" for d in ctx.diagnostics)
    back, _ = _medline(text)
    assert back[0]["keyword"] == "Vitamin D; Elderly"
    assert back[0]["custom"]["other-abstract"] == xml[0]["custom"]["other-abstract"]


def test_round_trip_of_the_current_export_reports_only_the_markup():
    items = _read("current.nbib")
    text, ctx = _written(items)
    back, _ = _medline(text)
    assert back[0]["title"] == "Effects of ad libitum feeding on mice: a randomized trial"
    assert {k: v for k, v in back[0].items() if k != "title"} == {k: v for k, v in items[0].items() if k != "title"}
    assert [(d.code, d.field) for d in ctx.diagnostics] == [("down-converted", "title")]
