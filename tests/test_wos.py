"""Web of Science field-tagged export ("Plain text file"): the ``wos`` reader.

Fixtures under tests/data/wos/ were written from the shape of real WoS exports (two-letter tags,
three-space continuation lines, ER/EF) and their expected CSL values written before the reader
ran: a journal article with full names, C1 author brackets, Keywords Plus and OI ORCIDs; a
Lecture Notes proceedings paper (PT S, CT/CY/CL); a book chapter (PT B, BE, SE, BN); early-access
records (EA, AR, one without PY); a record with group authors (GP/CA), a supplement and a season.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from citeport import api
from citeport.formats import ris, wos
from conftest import run_cli, shared_path

DATA = Path(__file__).parent / "data" / "wos"


def _read(name: str):
    recs = api.read(DATA / name)
    return list(recs), [str(d) for d in recs.diagnostics]


def test_sniff_and_detection():
    text = (DATA / "conference.txt").read_text()
    assert wos.sniff(text) > 0.9
    assert ris.sniff(text) == 0.0
    assert wos.sniff("PT J\nAU Smith, J\nTI A title\nER\n") >= 0.8
    assert wos.sniff("PMID- 123\nOWN - NLM\nTI  - Title\n") == 0.0
    assert wos.sniff("TY  - JOUR\nTI  - Title\nER  - \n") == 0.0
    assert wos.sniff("PT  - Journal Article\n") == 0.0
    assert api.detect(api._source(DATA / "chapter.txt")).name == "wos"


def test_journal_article():
    items, diags = _read("article_many_authors.txt")
    assert len(items) == 1 and not [d for d in diags if "error" in d]
    it = items[0]
    assert it["type"] == "article-journal"
    assert it["id"] == "pmid:30123456"
    assert it["author"] == [
        {"family": "Nguyen", "given": "Thi Hoa"},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "Garcia-Lopez", "given": "Maria"},
        {"family": "Smith", "given": "John R."},
    ]
    assert it["title"] == "Soil microbial diversity along an elevation gradient in tropical montane forests"
    assert it["container-title"] == "SOIL BIOLOGY & BIOCHEMISTRY"
    assert it["container-title-short"] == "Soil Biol. Biochem."
    assert it["issued"] == {"date-parts": [[2019, 3, 15]]}
    assert (it["volume"], it["issue"], it["page"]) == ("130", "3 Pt 2", "112-124")
    assert it["number-of-pages"] == "13"
    assert it["DOI"] == "10.1016/j.soilbio.2018.12.003" and it["PMID"] == "30123456"
    assert it["ISSN"] == "0038-0717"
    assert it["custom"]["issn"] == {"print": "0038-0717", "electronic": "1879-3428"}
    assert it["language"] == "en"
    assert it["publisher"] == "PERGAMON-ELSEVIER SCIENCE LTD" and it["publisher-place"] == "OXFORD"
    assert it["keyword"] == "Soil bacteria; Elevation gradient; 16S rRNA; COMMUNITY COMPOSITION; BACTERIAL DIVERSITY; PATTERNS"
    assert it["abstract"] == "Microbial diversity was measured at 12 sites.\nA second paragraph of the abstract."
    c = it["custom"]
    assert c["other-ids"]["wos"] == "WOS:000459364400012"
    assert c["publication-types"] == ["Article"]
    assert c["grants"] == ["National Science Foundation [DEB-1234567]", "European Research Council [ERC-2015-AdG]"]
    assert c["cited-references"] == ["Anderson MJ, 2001, AUSTRAL ECOL, V26, P32",
                                     "Fierer N, 2006, P NATL ACAD SCI USA, V103, P626, DOI 10.1073/pnas.0507535103"]
    det = c["author-details"]
    assert det[0] == {"affiliation": ["Univ Hanoi, Dept Biol, Hanoi, Vietnam."]}
    assert det[1] == {"affiliation": ["Wageningen Univ, Soil Biol Grp, Wageningen, Netherlands."],
                      "ORCID": "0000-0002-1825-0097"}
    assert det[2] == {}
    assert det[3] == {"affiliation": ["Univ Hanoi, Dept Biol, Hanoi, Vietnam."]}
    tags = c["tags"]
    for tag, value in {"wos:TC": ["15"], "wos:Z9": ["16"], "wos:WC": ["Soil Science"], "wos:SC": ["Agriculture"],
                       "wos:FX": ["We thank the field crews."], "wos:GA": ["HK3AB"],
                       "wos:RI": ["Garcia-Lopez, Maria/A-1234-2010"],
                       "wos:EM": ["jsmith@example.edu"], "wos:C3": ["Wageningen University & Research"]}.items():
        assert tags[tag] == value, tag
    assert tags["wos:RP"][0].startswith("Smith, JR (corresponding author)")
    assert tags["wos:PA"] == ["THE BOULEVARD, LANGFORD LANE, KIDLINGTON, OXFORD OX5 1GB, ENGLAND"]


def test_conference_paper_in_series():
    items, _ = _read("conference.txt")
    it = items[0]
    assert it["type"] == "paper-conference"
    assert it["id"] == "doi:10.1007/978-3-319-57454-7_24"
    assert it["author"] == [{"family": "Lee", "given": "Kyungmin"}, {"family": "Park", "given": "Sojin"}]
    assert it["container-title"] == "ADVANCES IN KNOWLEDGE DISCOVERY AND DATA MINING, PAKDD 2017, PT I"
    assert it["collection-title"] == "Lecture Notes in Artificial Intelligence"
    assert it["event-title"] == "21st Pacific-Asia Conference on Knowledge Discovery and Data Mining (PAKDD)"
    assert it["event-date"] == {"date-parts": [[2017, 5, 23], [2017, 5, 26]]}
    assert it["event-place"] == "Jeju, SOUTH KOREA"
    assert it["issued"] == {"date-parts": [[2017]]}
    assert it["volume"] == "10234" and it["page"] == "301-313"
    assert it["ISBN"] == "978-3-319-57453-0"
    assert it["custom"]["tags"]["wos:BN"] == ["978-3-319-57454-7"]
    assert it["custom"]["tags"]["wos:SP"] == ["Korea Informat Sci Soc"]
    assert it["custom"]["tags"]["wos:HO"] == ["Jeju Int Convent Ctr"]
    assert it["publisher"] == "SPRINGER INTERNATIONAL PUBLISHING AG" and it["publisher-place"] == "CHAM"
    assert "container-title-short" not in it  # J9 of a series abbreviates the series, not the volume
    assert it["custom"]["tags"]["wos:J9"] == ["LECT NOTES ARTIF INT"]


def test_book_chapter():
    it = _read("chapter.txt")[0][0]
    assert it["type"] == "chapter"
    assert it["author"] == [{"family": "Okafor", "given": "Chidi"}]
    assert it["editor"] == [{"family": "Fischer", "given": "H."}, {"family": "Rossi", "given": "A."}]
    assert it["container-title"] == "HANDBOOK OF WATER POLICY"
    assert it["collection-title"] == "Water Science and Technology Library"
    assert it["ISBN"] == "978-94-007-1234-5"
    assert it["page"] == "45-78" and it["number-of-pages"] == "34"
    assert it["publisher"] == "SPRINGER" and it["publisher-place"] == "DORDRECHT"
    assert it["custom"]["publication-types"] == ["Article", "Book Chapter"]


def test_early_access():
    items, _ = _read("early_access.txt")
    assert len(items) == 2
    a, b = items
    assert a["type"] == "article-journal"
    assert a["issued"] == {"date-parts": [[2021]], "season": 1}
    assert a["available-date"] == {"date-parts": [[2021, 1]]}
    assert a["page"] == "1034" and a["custom"]["elocation"] == "1034"
    assert a["ISSN"] == "2041-1723" and a["custom"]["issn"] == {"electronic": "2041-1723"}
    assert a["container-title-short"] == "Nat. Commun."
    # no print year yet: the early-access date is the only date there is
    assert b["issued"] == {"date-parts": [[2023, 11]]}
    assert b["available-date"] == {"date-parts": [[2023, 11]]}
    assert b["id"] == "doi:10.1152/japplphysiol.00001.2024"


def test_group_authors_supplement():
    it = _read("group.txt")[0][0]
    assert it["author"] == [
        {"family": "Harrison", "given": "Ewen M."}, {"family": "Docherty", "given": "Annemarie B."},
        {"literal": "ISARIC4C Investigators"}, {"literal": "COVID-19 Genomics UK Consortium"},
    ]
    assert it["issue"] == "10246 Suppl 1"
    assert it["issued"] == {"date-parts": [[2020, 7], [2020, 8]]}
    assert it["language"] == "en"
    assert it["custom"]["tags"]["wos:LA"] == ["English; French"]


def test_bad_input_keeps_good_records():
    text = (
        "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        "PT J\nAU Smith, J\nTI First record has no ER\nPY 2001\n"
        "PT J\nAU Jones, K\nTI Second record\nthis line is garbage\nPY 2002\nER\n"
        "EF\n"
    )
    recs = api.read(text, "wos")
    assert [i["title"] for i in list(recs)] == ["First record has no ER", "Second record"]
    msgs = [str(d) for d in recs.diagnostics]
    assert any(":3:" in m and "ER" in m for m in msgs), msgs
    assert any(":10:" in m for m in msgs), msgs
    assert list(recs)[0]["author"] == [{"family": "Smith", "given": "J."}]
    assert list(recs)[1]["custom"]["tags"]["wos:unparsed"] == ["this line is garbage"]


def test_truncated_file_reports_missing_er():
    recs = api.read("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Cut off here\n", "wos")
    assert [i["title"] for i in list(recs)] == ["Cut off here"]
    assert any("ER" in str(d) for d in recs.diagnostics)


def test_corpus_file():
    path = shared_path("corpus", "ris", "rispy", "example_wos.ris")
    assert ris.sniff(path.read_text()) == 0.0
    items = list(api.read(path))
    assert len(items) == 2
    a, b = items
    assert a["id"] == "pmid:15170338"
    assert a["author"][0] == {"family": "Parkes-Loach", "given": "P. S."}
    assert a["container-title"] == "BIOCHEMISTRY" and a["container-title-short"] == "Biochemistry"
    assert a["issued"] == {"date-parts": [[2004, 6, 8]]}
    assert (a["volume"], a["issue"], a["page"]) == ("43", "22", "7003-7016")
    assert a["custom"]["other-ids"]["wos"] == "WOS:000221807500019"
    assert len(a["custom"]["cited-references"]) == 59
    assert a["keyword"].startswith("CHEMICALLY SYNTHESIZED POLYPEPTIDES; IN-VITRO RECONSTITUTION; AMINO-ACID-SEQUENCE")
    assert len(b["author"]) == 9 and b["custom"]["grants"] == ["NIGMS NIH HHS [GM-52002]", "NIDDK NIH HHS [DK035090]"]
    assert b["custom"]["tags"]["wos:C1"] == ["Northeastern Univ, Dept Phys, Boston, MA 02115 USA.",
                                             "Northeastern Univ, Ctr Interdisciplinary Res Complex Syst, Boston, MA 02115 USA."]


def test_cli_converts(tmp_path):
    out = run_cli("convert", str(DATA / "group.txt"), "-t", "csl-json")
    assert out.returncode == 0, out.stderr_text
    assert "ISARIC4C Investigators" in out.stdout_text


def test_items_are_valid_csl():
    from conftest import assert_csl_round_trip_and_valid

    for name in sorted(p.name for p in DATA.glob("*.txt")):
        assert_csl_round_trip_and_valid(_read(name)[0], name)


def test_cy_and_pd_forms():
    """Conference dates and PD forms WoS writes: a range across months, a year-only PD, a season."""
    text = ("PT C\nAU Roe, A\nTI Talk\nSO PROC X\nCT Meeting\nCY SEP 30-OCT 02, 2019\nPD FAL\nPY 2019\nER\n"
            "PT J\nAU Roe, A\nTI Paper\nSO J X\nPD 2018\nPY 2018\nER\nEF\n")
    a, b = list(api.read(text, "wos"))
    assert a["type"] == "paper-conference"
    assert a["event-date"] == {"date-parts": [[2019, 9, 30], [2019, 10, 2]]}
    assert a["issued"] == {"date-parts": [[2019]], "season": 3}
    assert b["issued"] == {"date-parts": [[2018]]}


def test_anonymous_and_empty_records():
    """WoS writes "[Anonymous]" for unsigned items (no author, kept as a tag); a record with nothing
    to cite is skipped with its line, the next one still read."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\n"
            "PT J\nAU [Anonymous]\nTI Editorial note\nSO NATURE\nPY 1990\nER\n\n"
            "PT J\nPY 1991\nER\n\n"
            "PT J\nAU Doe, J\nTI Kept\nSO NATURE\nPY 1992\nER\nEF\n")
    recs = api.read(text, "wos")
    items = list(recs)
    assert [i["title"] for i in items] == ["Editorial note", "Kept"]
    assert "author" not in items[0] and items[0]["custom"]["tags"]["wos:AU"] == ["[Anonymous]"]
    assert recs.skipped == 1
    # line 10 opens the empty record (the expectation first said 11: a miscount of the fixture's lines)
    assert any(":10:" in str(d) for d in recs.diagnostics), [str(d) for d in recs.diagnostics]


def test_whole_book_keeps_a_differing_source():
    """A Book Citation Index book record: BA/BF are its authors; an SO that is not its title is kept."""
    text = ("PT B\nBA Kumar, R\nBF Kumar, Ravi\nTI Foundations of Hydrology\nSO FOUNDATIONS OF HYDROLOGY, 2ND EDITION\n"
            "DT Book\nPU CRC PRESS\nPI BOCA RATON\nBN 978-1-4398-1234-5\nPD MAY\nPG 412\nER\nEF\n")
    it = list(api.read(text, "wos"))[0]
    assert it["type"] == "book"
    assert it["author"] == [{"family": "Kumar", "given": "Ravi"}]
    assert "container-title" not in it
    assert it["custom"]["tags"]["wos:SO"] == ["FOUNDATIONS OF HYDROLOGY, 2ND EDITION"]
    assert it["custom"]["tags"]["wos:PD"] == ["MAY"] and "issued" not in it  # no PY: no year to date
    assert it["number-of-pages"] == "412"
