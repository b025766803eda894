"""Fourth blind review of RIS / EndNote XML: exporters not covered before, and damaged files.

Each test is one bug found by converting realistic exports (Mendeley, Cochrane CENTRAL, Europe PMC,
Embase/Ovid) or damaged RIS (no TY, lost line ends, mixed-case tags, mojibake, empty records).
"""
from __future__ import annotations

import citeport
from citeport.model.text import repair_mojibake


def _read(text: str, fmt: str = "ris"):
    recs = citeport.read(text, fmt)
    return list(recs), [str(d) for d in recs.diagnostics]


def test_record_without_ty_is_kept_as_a_generic_record_with_a_message():
    items, diags = _read("AU  - Smith, J\nTI  - Orphan record\nPY  - 2001\nER  - \n\n"
                         "TY  - JOUR\nTI  - Good record\nER  - \n")
    assert [(i["type"], i["title"]) for i in items] == [("document", "Orphan record"),
                                                        ("article-journal", "Good record")]
    assert items[0]["author"] == [{"family": "Smith", "given": "J"}]
    assert any("no TY line (it starts with AU)" in d and "line 1" in d for d in diags)


def test_untitled_tag_lines_after_the_last_record_are_junk_reported_once():
    items, diags = _read("TY  - JOUR\nTI  - Before junk\nER  - \n\n<html>expired</html>\nAU  - x\nmore junk\n")
    assert [i["title"] for i in items] == ["Before junk"]
    assert sum("outside a record" in d for d in diags) == 1
    assert any("1 tag line(s) (AU)" in d and ":6:" in d for d in diags)


def test_mixed_case_tags_are_sniffed_and_read():
    text = "Ty  - JOUR\nAu  - Mixed, A\nti  - mixed case tags\npy  - 2003\nEr  - \n"
    items = list(citeport.read(text))  # sniffed, no --from
    assert items == [{"type": "article-journal", "author": [{"family": "Mixed", "given": "A"}],
                      "title": "mixed case tags", "issued": {"date-parts": [[2003]]}, "id": "item1"}]


def test_tags_without_spaces_in_a_record_opened_so():
    items, _ = _read("TY-JOUR\nAU-Tight, A\nTI-No spaces\nPY-2004\nER-\n")
    assert items[0]["title"] == "No spaces" and items[0]["author"] == [{"family": "Tight", "given": "A"}]
    assert items[0]["issued"] == {"date-parts": [[2004]]}
    # in an ordinary record a wrapped abstract line "ET-1 ..." is text, not the ET tag
    items, _ = _read("TY  - JOUR\nTI  - T\nAB  - Levels of\nET-1 rose.\nER  - \n")
    assert items[0]["abstract"] == "Levels of\nET-1 rose." and "edition" not in items[0]


def test_a_file_whose_line_ends_were_lost_is_split_at_its_tags():
    items, diags = _read("TY  - JOUR  AU  - Smith, J  TI  - All on one line  PY  - 2001  ER  - ")
    assert items == [{"type": "article-journal", "author": [{"family": "Smith", "given": "J"}],
                      "title": "All on one line", "issued": {"date-parts": [[2001]]}, "id": "item1"}]
    assert any("line ends were lost" in d for d in diags)
    # one "XX  - " inside a value is no reason to split it
    items, _ = _read("TY  - JOUR\nTI  - Dash AB  - in a title\nER  - \n")
    assert items[0]["title"] == "Dash AB - in a title"


def test_a_longer_tag_is_its_own_line_not_glued_to_the_value_before():
    items, _ = _read("TY  - JOUR\nTI  - T\nDO  - 10.1000/xyz\nPMID  - 12345678\nXYZW  - other\nER  - \n")
    assert items[0]["DOI"] == "10.1000/xyz" and items[0]["PMID"] == "12345678"
    assert items[0]["custom"]["tags"] == {"ris:XYZW": ["other"]}
    # written back as a note (RIS tags have two letters) and read back
    text = citeport.write(items, "ris")
    assert "N1  - RIS XYZW: other" in text
    assert list(citeport.read(text, "ris"))[0]["custom"]["tags"] == {"ris:XYZW": ["other"]}


def test_record_with_every_tag_empty_is_skipped_with_a_message():
    items, diags = _read("TY  - \nAU  - \nTI  - \nPY  - \nER  - \n\nTY  - JOUR\nTI  - Kept\nER  - \n")
    assert [i["title"] for i in items] == ["Kept"]
    assert any("record 1" in d and "no data" in d for d in diags)
    # a file whose only record has an empty TY is still sniffed as RIS
    assert citeport.read("TY  - \nTI  - \nER  - \n").format == "ris"


def test_utf8_read_as_latin1_is_repaired_and_said():
    items, diags = _read("TY  - JOUR\nAU  - MÃ¼ller, JÃ¼rgen\nTI  - Ã‰tude sur la sÃ©curitÃ©\nER  - \n")
    assert items[0]["author"] == [{"family": "Müller", "given": "Jürgen"}]
    assert items[0]["title"] == "Étude sur la sécurité"
    assert any("repaired" in d and "AU, TI" in d for d in diags)


def test_repair_mojibake_leaves_real_latin1_text_alone():
    assert repair_mojibake("MÃ¼ller") == "Müller"
    assert repair_mojibake("SÃO PAULO Ã©") == "SÃO PAULO é"  # the real "SÃO" stays, the mojibake goes
    assert repair_mojibake("Ãgua") == "Ãgua" and repair_mojibake("plain") == "plain"


def test_note_paragraphs_after_a_blank_line_stay_paragraphs():
    """Mendeley Desktop writes a note's paragraphs as continuation lines with a blank line between."""
    items, _ = _read("TY  - JOUR\nTI  - T\nN1  - From Duplicate 1 (T - Smith)\n\nSecond paragraph\n"
                     "wrapped on.\nER  - \n")
    assert items[0]["note"] == "From Duplicate 1 (T - Smith)\nSecond paragraph wrapped on."
    back = list(citeport.read(citeport.write(items, "ris"), "ris"))
    assert back[0]["note"] == items[0]["note"]


def test_cochrane_central_pubmed_id_tag():
    items, _ = _read("Record #1 of 1\nID: CN-01234567\nTY  - JOUR\nTI  - Vitamin D in asthma\n"
                     "KW  - *Asthma [drug therapy]\nXR  - EMBASE 612345678\nPM  - PUBMED 26789012\n"
                     "AN  - CN-01234567\nER  - \n")
    assert items[0]["PMID"] == "26789012" and items[0]["archive_location"] == "CN-01234567"
    assert items[0]["keyword"] == "*Asthma [drug therapy]"
    assert items[0]["custom"]["tags"] == {"ris:XR": ["EMBASE 612345678"]}


def test_europe_pmc_accession_number_is_the_pmid():
    items, _ = _read("TY  - JOUR\nTI  - T\nAN  - 32139487\nDB  - Europe PMC\nC2  - PMC7059512\nER  - \n")
    assert items[0]["PMID"] == "32139487" and items[0]["PMCID"] == "PMC7059512"


def test_endnote_xml_keeps_an_unlabelled_print_issn_beside_a_labelled_one():
    """Embase/Ovid: "SN  - 0028-4793" and "SN  - 1533-4406 (electronic)"; EndNote XML lost the print one."""
    items, _ = _read("TY  - JOUR\nTI  - T\nSN  - 0028-4793\nSN  - 1533-4406 (electronic)\nER  - \n")
    assert items[0]["ISSN"] == "0028-4793" and items[0]["custom"]["issn"] == {"electronic": "1533-4406"}
    back = list(citeport.read(citeport.write(items, "endnote-xml"), "endnote-xml"))
    assert back[0]["ISSN"] == "0028-4793" and back[0]["custom"]["issn"] == {"electronic": "1533-4406"}


def test_endnote_xml_writer_reports_the_accession_number_a_pmid_displaces():
    """Cochrane CENTRAL: AN "CN-..." beside the PMID; <accession-num> holds one of them (it said so only
    when the record also had a provider)."""
    from citeport.model.diagnostics import Context
    items, _ = _read("TY  - JOUR\nTI  - T\nAN  - CN-01234567\nPM  - PUBMED 26789012\nER  - \n")
    ctx = Context()
    citeport.write(items, "endnote-xml", ctx=ctx)
    assert [(d.code, d.field) for d in ctx.diagnostics if d.is_loss] == [("dropped", "archive_location")]
