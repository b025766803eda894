"""MEDLINE/.nbib: reading every kind of tag, writing, and nbib -> CSL-JSON -> nbib over the corpus."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest

import citeport
from citeport.formats.medline import iter_records
from citeport.model.diagnostics import Context
from conftest import SHARED, run_cli

DATA = Path(__file__).parent / "data" / "pubmed"


def corpus_files() -> list[Path]:
    base = SHARED / "corpus" / "medline-nbib"
    if not base.exists():
        return []
    return sorted(p for p in base.glob("*/*") if p.suffix in (".txt", ".nbib"))


@pytest.fixture(scope="module")
def invented() -> dict:
    items = citeport.read(DATA / "invented.nbib", "medline")
    assert len(items) == 1 and not list(items.diagnostics)
    return items[0]


def test_core_fields(invented):
    it = invented
    assert it["id"] == "pmid:99000001" and it["PMID"] == "99000001"
    assert it["type"] == "article-journal"
    assert it["title"] == "Invented heron counts along the Lune estuary: a test record"
    assert it["container-title"] == "Invented ornithology" and it["container-title-short"] == "Invent Ornithol"
    assert it["issued"] == {"date-parts": [[2021, 3], [2021, 4]]}
    assert it["available-date"] == {"date-parts": [[2021, 1, 15]]}
    assert (it["volume"], it["issue"], it["page"]) == ("12", "3", "101-9")
    assert it["DOI"] == "10.1234/heron.2021.003"
    assert it["ISSN"] == "1234-5679"
    assert it["language"] == "en"
    assert it["keyword"] == "herons; estuary"
    assert it["publisher-place"] == "England"
    assert it["abstract"].split("\n")[1] == "METHODS: Two observers walked the invented shore."
    assert it["note"] == "Comment in: Invent Ornithol. 2021 Jun;12(5):300. PMID: 99000002"


def test_people_and_their_details(invented):
    assert invented["author"] == [
        {"family": "Berg", "given": "Anna Maria", "non-dropping-particle": "van der"},
        {"family": "Okafor", "given": "Chidi J."},
        {"family": "Smith", "given": "John R.", "suffix": "Jr"},
        {"literal": "Heron Watch Collaborative Group"},
    ]
    details = invented["custom"]["author-details"]
    assert details[0] == {"ORCID": "0000-0002-1825-0097",
                          "affiliation": ["Department of Imaginary Birds, Nowhere University, Lancaster, UK."]}
    assert details[1]["affiliation"] == ["Institute of Made-up Studies, Lagos, Nigeria.",
                                         "Second Invented Lab, Cork, Ireland."]
    assert details[2] == {} and details[3] == {}


def test_custom_block(invented):
    c = invented["custom"]
    assert c["mesh"] == ["Animals", "*Birds/physiology", "Estuaries/*statistics & numerical data"]
    assert c["issn"] == {"electronic": "1234-5679", "linking": "0000-0019"}
    assert c["history"] == {"received": "2020-10-01", "accepted": "2020-12-20", "pubmed": "2021-01-16T06:00",
                            "epublish": "2021-01-15"}
    assert c["comments-corrections"] == [{"type": "CommentIn", "ref": "Invent Ornithol. 2021 Jun;12(5):300.",
                                          "PMID": "99000002"}]
    assert c["grants"] == ["R01 XX000001/XX/NIXX NIH HHS/United States"]
    assert c["pii"] == "S0000-0019(21)00003-1"
    assert c["publication-status"] == "ppublish" and c["medline-status"] == "MEDLINE"
    assert c["nlm-unique-id"] == "99999999" and c["copyright"].startswith("Copyright (c) 2021")
    assert c["tags"]["medline:SB"] == ["IM"] and c["tags"]["medline:OTO"] == ["NOTNLM"]


@pytest.mark.parametrize("dp, expected", [
    ("2015 Feb", {"date-parts": [[2015, 2]]}),
    ("2015 Jan-Feb", {"date-parts": [[2015, 1], [2015, 2]]}),
    ("2015 Spring", {"date-parts": [[2015]], "season": 1}),
    ("1999 Dec 24", {"date-parts": [[1999, 12, 24]]}),
    ("2012 Dec-2013 Jan", {"date-parts": [[2012, 12], [2013, 1]]}),
    ("2013 06 10", {"date-parts": [[2013, 6, 10]]}),
    ("2010   06", {"date-parts": [[2010, 6]]}),
])
def test_dp_forms(dp, expected):
    item = citeport.read(f"PMID- 1\nTI  - T.\nDP  - {dp}\n", "medline")[0]
    assert item["issued"] == expected


def test_odd_dp_is_kept_and_reported():
    items = citeport.read("PMID- 1\nTI  - T.\nDP  - Article 10 2019\n", "medline")
    assert items[0]["issued"] == {"literal": "Article 10 2019"}
    assert any(d.field == "issued" for d in items.diagnostics)


def test_book_chapter_editors_and_location_ids():
    text = ("PMID- 21249755\nSTAT- Publisher\nPB  - NCBI (US)\nDP  - 2009\nTI  - Peutz-Jeghers Syndrome\n"
            "BTI - Cancer Syndromes\nFED - Riegert-Johnson, Douglas L\nED  - Riegert-Johnson DL\n"
            "FAU - Westra, Wytske\nAU  - Westra W\nPT  - Book Chapter\nPL  - Bethesda (MD)\n"
            "AID - NBK1826 [bookaccession]\n")
    it = citeport.read(text, "medline")[0]
    assert it["type"] == "chapter" and it["container-title"] == "Cancer Syndromes"
    assert it["editor"] == [{"family": "Riegert-Johnson", "given": "Douglas L."}]
    assert it["custom"]["other-ids"] == {"bookaccession": "NBK1826"}
    assert "container-title-short" not in it


def test_continuations_unknown_tags_and_junk_lines():
    text = ("PMID- 5\nTI  - A title that\n      continues.\nAU  - Owens J\nXYZ - some new tag\n"
            "garbage line\n\nnot a record at all\n")
    items = citeport.read(text, "medline")
    assert items[0]["title"] == "A title that continues"
    assert items[0]["author"] == [{"family": "Owens", "given": "J."}]
    assert items[0]["custom"]["tags"]["medline:XYZ"] == ["some new tag garbage line"]
    assert any("without a tag" in d.message and d.line == 6 for d in items.diagnostics)
    assert any(d.line == 8 for d in items.diagnostics)  # the stray text is reported, not silently lost


def test_writer_layout_and_names(invented):
    text = citeport.write([invented], "medline")
    lines = text.splitlines()
    assert lines[0] == "PMID- 99000001"
    assert all(len(line) <= 80 for line in lines)
    assert all(line[:4].strip() and line[4:6] == "- " or line.startswith("      ") for line in lines)
    for expected in ("FAU - van der Berg, Anna Maria", "AU  - van der Berg AM",
                     "AUID- ORCID: 0000-0002-1825-0097", "FAU - Smith, John R Jr", "AU  - Smith JR Jr",
                     "CN  - Heron Watch Collaborative Group", "TI  - Invented heron counts along the Lune estuary: "
                     "a test record.", "IS  - 0000-0019 (Linking)", "DP  - 2021 Mar-Apr",
                     "PHST- 2021/01/16 06:00 [pubmed]", "MH  - *Birds/physiology", "LA  - eng",
                     "CIN - Invent Ornithol. 2021 Jun;12(5):300. PMID: 99000002"):
        assert expected in lines, expected
    # AD follows the author it belongs to
    assert lines.index("AD  - Institute of Made-up Studies, Lagos, Nigeria.") == \
        lines.index("AU  - Okafor CJ") + 1


def test_writer_reports_rich_text_loss():
    ctx = Context()
    text = citeport.write([{"id": "x", "type": "article-journal", "title": "The <i>E. coli</i> genome"}],
                          "medline", ctx=ctx)
    assert "TI  - The E. coli genome." in text
    assert any(d.code == "down-converted" and d.field == "title" for d in ctx.diagnostics)


def test_cli_sniffs_nbib():
    proc = run_cli("convert", str(DATA / "invented.nbib"), "--to", "csl-json")
    assert proc.returncode == 0, proc.stderr_text
    assert '"PMID": "99000001"' in proc.stdout_text


# -- the corpus ----------------------------------------------------------------

#: Tags a writer may legitimately write in the other member of a pair (FAU for AU, BTI for a book's TI...).
EQUIVALENT = {"AU": "FAU", "ED": "FED", "IR": "FIR", "BTI": "TI", "AID": "LID", "ISSN": "IS"}


def _tags(text: str) -> set[str]:
    out = set()
    for _, fields in iter_records(text, Context()):
        out.update(EQUIVALENT.get(tag, tag) for tag, value, _ in fields if value)
    return out


def _without_so(item: dict) -> dict:
    item = dict(item)
    custom = dict(item.get("custom", {}))
    tags = {k: v for k, v in custom.get("tags", {}).items() if k != "medline:SO"}  # SO is derived
    custom["tags"] = tags
    item["custom"] = {k: v for k, v in custom.items() if v}
    return item


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_reads_and_round_trips(path):
    first = citeport.read(path, "medline")
    assert not [d for d in first.diagnostics if d.level == "error"], first.diagnostics
    assert first, "no record"
    text = citeport.write(first, "medline")
    again = citeport.read(text, "medline")
    assert [_without_so(i) for i in again] == [_without_so(i) for i in first]
    source_text = path.read_text(encoding="utf-8", errors="replace")
    missing = _tags(source_text) - _tags(text)
    assert not missing, f"tags lost in nbib -> CSL-JSON -> nbib: {missing}"


def test_every_corpus_file_was_found():
    if not corpus_files():
        pytest.skip("shared corpus not available")
    assert len(corpus_files()) >= 20


def test_fau_without_comma_that_names_a_group_is_a_literal():
    text = ("PMID- 7\nTI  - Sleep and stuff.\nFAU - Sleep Research Consortium\nAU  - Sleep Research Consortium\n"
            "FAU - Okafor, Chidi J\nAU  - Okafor CJ\nCN  - Heron Watch Collaborative Group\nFAU - Madonna\n")
    it = citeport.read(text, "medline")[0]
    assert it["author"] == [{"literal": "Sleep Research Consortium"}, {"family": "Okafor", "given": "Chidi J."},
                            {"literal": "Heron Watch Collaborative Group"}, {"family": "Madonna"}]
    out = citeport.write([it], "medline").splitlines()
    assert "CN  - Sleep Research Consortium" in out and "CN  - Heron Watch Collaborative Group" in out


def test_a_first_record_without_pmid_is_warned_about():
    """Zotero's and JabRef's MEDLINE importers only recognise a file whose first line is 'PMID- '."""
    from citeport.model.diagnostics import Context
    ctx = Context()
    citeport.write([{"id": "a", "type": "article-journal", "title": "T"}], "medline", ctx=ctx)
    assert [d.code for d in ctx.diagnostics if d.level == "warning"] == ["compatibility"]
    ctx = Context()
    text = citeport.write([{"id": "b", "type": "article-journal", "title": "T", "PMID": "123"}], "medline", ctx=ctx)
    assert text.startswith("PMID- 123") and not ctx.diagnostics


def test_page_text_trial_registrations_are_written_as_si():
    item = {"id": "pmid:1", "type": "article-journal", "title": "T", "PMID": "1",
            "custom": {"tags": {"pubmed-text:DataBank": ["ClinicalTrials.gov/NCT02201771"]}}}
    text = citeport.write([item], "medline")
    assert "SI  - ClinicalTrials.gov/NCT02201771" in text
