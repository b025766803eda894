"""Fixes after blind round 18 of PubMed's text exports (tests/test_pubmed_export_blind18.py).

1. A whole Bookshelf book's "Abstract (text)" record opens with its imprint alone ("5. London: National Institute
   for Health and Care Excellence (NICE); 2023 Nov 21."): no "[Internet]" title and no "(UK)" country, so it was
   skipped with an error.  The first block of an export record is always its citation, so an imprint there is one.
2. A Bookshelf book's series line ("(NICE Clinical Guidelines, No. 189)", "NICE Guideline, No. 136.") went to
   ``note``: it is ``collection-title`` + ``collection-number`` (as pubmed-xml's CollectionTitle); other text stays
   in the note.
3. A lone collective opening a "Summary (text)" entry ("SoSTART Collaboration. Oral anticoagulation ...") was read
   as the title's first sentence.
4. A record cut short (no "PMID:" line) and a jump in the export's numbering came out with no warning.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import citeport
from citeport.formats import pubmed_text_parse as P

HERE = Path(__file__).parent

BOOK = """\
1. London: National Institute for Health and Care Excellence (NICE); 2019 Aug 28.
(NICE Guideline, No. 136.)

Hypertension in adults: diagnosis and management.

National Guideline Centre (UK).

Excerpt
This guideline covers identifying and treating primary hypertension in people
aged 18 and over.

Copyright © NICE 2019.

PMID: 31577399  Bookshelf ID: NBK547161


2. Rockville (MD): Agency for Healthcare Research and Quality (US); 2020 Jun.

Interventions for Breathlessness in Patients With Advanced Cancer.

Feliciano JL, Waldfogel JM, Sharma R.

Comparative Effectiveness Review, No. 232.

OBJECTIVES: To evaluate interventions for breathlessness.

PMID: 33001234  Bookshelf ID: NBK562111
"""


def _read(text: str):
    records = citeport.read(text, "pubmed-text")
    return list(records), records.diagnostics


# -- 1 and 2: a whole book's export record, its series line ------------------------------------------------------

def test_whole_book_export_record_is_a_book():
    items, diagnostics = _read(BOOK)
    assert not [d for d in diagnostics if d.level in ("error", "warning")]
    nice, ahrq = items
    assert nice["type"] == "book"
    assert nice["title"] == "Hypertension in adults: diagnosis and management"
    assert nice["author"] == [{"literal": "National Guideline Centre (UK)"}]
    assert (nice["publisher"], nice["publisher-place"]) == ("National Institute for Health and Care Excellence (NICE)",
                                                            "London")
    assert nice["issued"] == {"date-parts": [[2019, 8, 28]]}
    assert (nice["collection-title"], nice["collection-number"]) == ("NICE Guideline", "136")
    assert "No. 136" not in nice.get("note", "")
    assert nice["PMID"] == "31577399"
    assert nice["custom"]["other-ids"]["bookaccession"] == "NBK547161"
    assert nice["abstract"].startswith("This guideline covers identifying and treating primary hypertension")
    assert "container-title" not in nice
    # the series line as its own block after the authors
    assert ahrq["type"] == "book" and ahrq["title"] == "Interventions for Breathlessness in Patients With Advanced Cancer"
    assert [a["family"] for a in ahrq["author"]] == ["Feliciano", "Waldfogel", "Sharma"]
    assert (ahrq["collection-title"], ahrq["collection-number"]) == ("Comparative Effectiveness Review", "232")
    assert ahrq["publisher-place"] == "Rockville (MD)" and ahrq["issued"] == {"date-parts": [[2020, 6]]}
    assert ahrq["abstract"].startswith("OBJECTIVES: To evaluate")


def test_blind18_whole_book_record():
    (book,) = [it for it in citeport.read(HERE / "data/pubmed_export_blind18/"
                                          "02-current-crlf-bom-books-preprint-106authors.txt")
               if it.get("PMID") == "31577399"]
    assert (book["type"], book["title"], book["issued"]) == (
        "book", "Hypertension in adults: diagnosis and management", {"date-parts": [[2023, 11, 21]]})


@pytest.mark.parametrize("line, expected", [
    ("(NICE Clinical Guidelines, No. 189)", ("NICE Clinical Guidelines", "189")),
    ("NICE Guideline, No. 136.", ("NICE Guideline", "136")),
    ("(Health Technology Assessment, No. 23.12.)", ("Health Technology Assessment", "23.12")),
    ("(Evidence Report/Technology Assessment, No. 217)", ("Evidence Report/Technology Assessment", "217")),
    ("Results: No. 12 patients, 2019.", None),
    ("Copyright © NICE 2019.", None),
    ("See also: the guideline, No. 12 of the series, for children.", None),
])
def test_series_line_shape(line, expected):
    assert P.parse_series(line) == expected


def test_page_text_series_line_goes_to_collection():
    (it,) = citeport.read(HERE / "data/pubmed_text_blind16/31-current-nice-guideline-book.txt")
    assert (it["collection-title"], it["collection-number"]) == ("NICE Clinical Guidelines", "189")
    assert "No. 189" not in it.get("note", "")


# -- 3: a lone collective opening a Summary entry -----------------------------------------------------------------

SUMMARY = """\
1: SoSTART Collaboration. Oral anticoagulation after intracerebral haemorrhage
(SoSTART): a randomised trial. Lancet. 2021 Feb 13;397(10274):592-604. doi:
10.1016/S0140-6736(21)00100-1. PMID: 33515452.

2: Writing Committee for the REMAP-CAP Investigators. Effect of Hydrocortisone on
Mortality and Organ Support in Patients With Severe COVID-19. JAMA. 2020 Oct
6;324(13):1317-1329. doi: 10.1001/jama.2020.17022. PMID: 32876697.

3: Heart Failure in Women. A Review. Circ Res. 2022 Feb 18;130(4):436-454. doi:
10.1161/CIRCRESAHA.121.319999. PMID: 35175843.

4: Smith J, Jones AB. The Study Group. A history. Med Hist. 2010 Jan;54(1):1-10.
PMID: 20000001.
"""


def test_lone_collective_opens_a_summary_entry():
    items, _ = _read(SUMMARY)
    sostart, remap, review, history = items
    assert sostart["author"] == [{"literal": "SoSTART Collaboration"}]
    assert sostart["title"] == "Oral anticoagulation after intracerebral haemorrhage (SoSTART): a randomised trial"
    assert remap["author"] == [{"literal": "Writing Committee for the REMAP-CAP Investigators"}]
    assert remap["title"].startswith("Effect of Hydrocortisone on Mortality")
    # a title of two sentences is no collective: "Heart Failure in Women." has no group word at its end
    assert review["title"] == "Heart Failure in Women. A Review" and "author" not in review
    # persons first: "The Study Group." is the title's
    assert [a["family"] for a in history["author"]] == ["Smith", "Jones"]
    assert history["title"] == "The Study Group. A history"


# -- 4: records cut short, numbering that jumps --------------------------------------------------------------------

CUT = """\
1. Psychol Med. 2021 Jan;51(2):190-199. doi: 10.1017/S0033291719003001.

Loneliness and depressive symptoms in older adults.

Lee SL(1), Pearce E(2).

BACKGROUND: Loneliness may cause depression.

DOI: 10.1017/S0033291719003001
PMID: 31684001  [Indexed for MEDLINE]


2. Am J Psychiatry. 2020 Oct 1;177(10):931-941. doi: 10.1176/appi.ajp.2020.19101001.

Ketamine for treatment-resistant depression: a meta-analysis.

Bahji A(1), Vazquez GH(2).

OBJECTIVE: The authors compared racemic and esketamine.
METHODS: A systematic review of 36 trials was


7. Schizophr Bull. 2018 Oct 17;44(6):1180-1191. doi: 10.1093/schbul/sby001.

Cannabis use and the onset of psychosis: a case-control study.

Di Forti M(1), Quattrone D(1).

We studied 901 patients.

DOI: 10.1093/schbul/sby001
PMID: 29501001  [Indexed for MEDLINE]


8. Stroke. 2023 Dec;54(12):3050-3059. doi: 10.1161/STROKEAHA.123.044001.

Tenecteplase versus alteplase before thrombectomy: a pooled analysis.

Campbell BCV(1), Mitchell PJ(2).

Author information:
(1)Department of Neurology, Royal Melbourne Hospital, University of Melbourne,
"""


def test_cut_records_and_numbering_jump_are_warned():
    items, diagnostics = _read(CUT)
    assert [it.get("PMID") for it in items] == ["31684001", None, "29501001", None]
    warnings = [(d.record, d.line, d.message) for d in diagnostics if d.level == "warning" and d.code == "truncated"]
    # (the line numbers first written, 12/22/33, were miscounted by hand: "2." is CUT's line 13, "7." 23, "8." 35)
    assert warnings == [
        ("record 2", 13, "record 2 (line 13) ends without its PMID line: the file may be cut"),
        ("record 7", 23, "the numbering jumps from 2 to 7 (line 23): records may be missing"),
        ("record 8", 35, "record 8 (line 35) ends without its PMID line: the file may be cut"),
    ]


def test_whole_exports_stay_quiet():
    items, diagnostics = _read(BOOK + "\n\n" + CUT.split("\n\n\n2.")[0] .replace("1. Psychol", "3. Psychol") + "\n")
    assert len(items) == 3
    assert not [d for d in diagnostics if d.code == "truncated"]


def test_legacy_pmid_line_counts():
    text = ("1. Ann Intern Med. 2018 Jan 2;168(1):74-75. doi: 10.7326/L17-0501.\n\n"
            "Drug Prices and Out-of-Pocket Spending.\n\nWong AK.\n\n"
            "PMID: 29309999 [PubMed - indexed for MEDLINE]\n")
    _, diagnostics = _read(text)
    assert not [d for d in diagnostics if d.code == "truncated"]


def test_blind18_cut_files_are_warned():
    data = HERE / "data/pubmed_export_blind18"
    found = []
    for name in ("01-current-mixed.txt", "03-current-cut-at-end.txt", "04-current-cut-in-middle-then-second-save.txt"):
        records = citeport.read(data / name)
        list(records)
        found += [(name[:2], d.record) for d in records.diagnostics if d.code == "truncated"]
    assert found == [("03", "record 5"), ("04", "record 2"), ("04", "record 7")]
