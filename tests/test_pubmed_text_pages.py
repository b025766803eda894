"""pubmed-text against browser copies: whole pages (current and legacy), Bookshelf records, pasted page runs.

Fixtures in tests/data/pubmed_text/ are invented records laid out as PubMed's pages and exports are; every
fixture is also read through the browser variations in BROWSER_VARIANTS, and the author, legacy and
multi-page tables vary one part of a page at a time.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import citeport
from conftest import check_fields, field

DATA = Path(__file__).parent / "data" / "pubmed_text"


def read(text: str) -> citeport.Records:
    return citeport.read(text, format="pubmed-text")


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


get, check = field, check_fields


def families(item: dict) -> list[str]:
    return [a.get("family") or a.get("literal") for a in item.get("author", [])]


# -- whole fixtures ---------------------------------------------------------------------

FILES = {
    "current-full-chrome.txt": [{
        "type": "article-journal",
        "title": "Internet-delivered cognitive therapy for insomnia in older adults: a randomised controlled trial",
        "author": [{"family": "Marsh", "given": "Helena K."}, {"family": "Ibáñez", "given": "Tomás"},
                   {"family": "Nair", "given": "Priya R."}, {"literal": "Insomnia Online Collaborative Group"}],
        "container-title-short": "J Affect Disord", "volume": "246", "issue": None, "page": "400-408",
        "issued": {"date-parts": [[2019, 3, 1]]}, "available-date": {"date-parts": [[2018, 12, 20]]},
        "DOI": "10.1016/j.jad.2018.12.050", "PMID": "30611900", "PMCID": "PMC6501234",
        "abstract": lambda a: a.startswith("Background: Insomnia") and a.endswith(
            "Trial registration: Clinicaltrials.gov identifier: NCT02912345.") and a.count("\n") == 5,
        "keyword": "Aged; Cognitive behavioural therapy; Insomnia; Internet",
        "custom.copyright": "Copyright © 2018 The Authors. Published by Elsevier B.V. All rights reserved.",
        "custom.conflict-of-interest": lambda c: c.startswith("HKM has received"),
        "custom.publication-types": ["Randomized Controlled Trial", "Research Support, Non-U.S. Gov't"],
        "custom.mesh": lambda m: "Cognitive Behavioral Therapy/*methods" in m and "*Internet" in m and len(m) == 7,
        "custom.substances": ["Hypnotics and Sedatives"],
        "custom.grants": ["MR/K000000/1/MRC_/Medical Research Council/United Kingdom"],
        "custom.author-details": lambda d: d[1]["affiliation"] == ["Department of Psychiatry, Hospital Clínic, "
                                                                   "Barcelona, Spain.", "CIBERSAM, Madrid, Spain."],
        "note": None,
    }],
    "legacy-full.txt": [{
        "title": "Social support and loneliness among older immigrants in Oslo: a cross-sectional survey",
        "author": [{"family": "Haugen", "given": "I. K."}, {"family": "Dahl-Ørsted", "given": "E."},
                   {"family": "Ahmadi", "given": "N."}],
        "container-title-short": "Scand J Public Health", "volume": "44", "issue": "6", "page": "590-7",
        "issued": {"date-parts": [[2016, 8]]}, "available-date": {"date-parts": [[2016, 6, 2]]},
        "DOI": "10.1177/1403494816652610", "PMID": "27255231", "PMCID": "PMC4973567",
        "abstract": lambda a: a.startswith("AIMS: To describe") and a.count("\n") == 3,
        "keyword": "Immigrants; loneliness; older adults; social support",
        "custom.copyright": "© 2016 the Nordic Societies of Public Health.",
        "note": "[Indexed for MEDLINE]", "custom.medline-status": "MEDLINE",
        "custom.mesh": lambda m: "Loneliness/*psychology" in m and len(m) == 7,
        "custom.grants": ["218000/Research Council of Norway/International"],
        "custom.author-details": lambda d: len(d[2]["affiliation"]) == 2,
    }],
    "legacy-partial-inprocess.txt": [{
        "title": "Night-time noise on acute medical wards: an observational study",
        "author": [{"family": "Beaumont", "given": "L."}, {"family": "O'Brien", "given": "T."}],
        "issue": "7-8", "page": "1001-9", "DOI": "10.1111/j.1365-2702.2012.04321.x",
        "abstract": lambda a: a.startswith("Noise levels") and a.count("\n") == 2,
        "keyword": "hospital wards; noise; nursing; sleep", "custom.medline-status": "Publisher",
        "note": "[PubMed - as supplied by publisher]", "custom.copyright": "© 2012 Blackwell Publishing Ltd.",
    }],
    "current-comments-firefox.txt": [{
        "title": "Sex differences in outcomes after transcatheter aortic valve replacement",
        "author": [{"family": "Laurent", "given": "Sophie"}, {"family": "De Luca", "given": "Marco"},
                   {"family": "Tanaka", "given": "Aiko"}],
        "custom.author-details": lambda d: [len(x["affiliation"]) for x in d] == [1, 2, 1],
        "container-title-short": "Eur Heart J", "volume": "39", "issue": "42", "page": "3789-3796",
        "abstract": lambda a: a.split("\n")[1].startswith("Methods and results: We compared") and a.count("\n") == 2,
        "custom.comments-corrections": lambda cc: [(c["type"], c["PMID"]) for c in cc] == [
            ("CommentIn", "29800000"), ("ErratumIn", "30300000")],
        "custom.publication-types": ["Comparative Study", "Research Support, Non-U.S. Gov't"],
        "custom.mesh": lambda m: "*Transcatheter Aortic Valve Replacement/mortality" in m,
    }],
    "current-book-page.txt": [{
        "type": "chapter", "title": "Iron Deficiency Anemia", "container-title": "StatPearls",
        "publisher": "StatPearls Publishing", "publisher-place": "Treasure Island (FL)", "medium": "Internet",
        "issued": {"date-parts": [[2025, 1]]}, "PMID": "28846348",
        "author": [{"family": "Warner", "given": "Kathleen M."}, {"family": "Kamath", "given": "Ravi"}],
        "custom.other-ids": {"bookaccession": "NBK448065"},
        "custom.tags": {"pubmed-text:ContributionDate": ["2023-08-08"]},
        "abstract": lambda a: a.startswith("Iron deficiency anemia") and "Excerpt" not in a,
        "custom.copyright": "Copyright © 2025, StatPearls Publishing LLC.",
        "custom.publication-types": ["Review", "Study Guide"],
    }],
    "export-books.txt": [
        {"type": "chapter", "title": "Atrial Fibrillation", "container-title": "StatPearls", "medium": "Internet",
         "publisher": "StatPearls Publishing", "publisher-place": "Treasure Island (FL)",
         "issued": {"date-parts": [[2024, 1]]}, "PMID": "30252328", "DOI": None,
         "custom.tags": {"pubmed-text:ContributionDate": ["2023-07-04"]},
         "custom.other-ids": {"bookaccession": "NBK526072"}, "author": lambda a: len(a) == 3},
        {"type": "chapter", "title": "Cystic Fibrosis", "container-title": "GeneReviews®",
         "editor": lambda e: len(e) == 6 and e[0] == {"family": "Adam", "given": "M. P."},
         "publisher": "University of Washington, Seattle", "publisher-place": "Seattle (WA)",
         "custom.tags": {"pubmed-text:ContributionDate": ["2001-09-17"], "pubmed-text:DateRevised": ["2022-01-13"]},
         "abstract": lambda a: a.startswith("CLINICAL CHARACTERISTICS:") and "\nDIAGNOSIS/TESTING:" in a},
        {"title": "Heart failure with preserved ejection fraction: what is new?", "language": "de",
         "custom.title-translated": True, "custom.other-abstract": lambda o: o[0].startswith("Die Herz"),
         "custom.comments-corrections": lambda cc: [c["type"] for c in cc] == ["ErratumIn", "RetractionIn",
                                                                             "UpdateIn"],
         "custom.conflict-of-interest": "Die Autoren geben an, dass kein Interessenkonflikt besteht."},
        {"author": [{"literal": "PLATFORM Collaborative Group"}, {"family": "Horby", "given": "P."},
                    {"family": "Lim", "given": "W. S."}],
         "custom.investigators": lambda inv: len(inv) == 8 and inv[0] == {"family": "Abbas", "given": "A."},
         "custom.author-details": [{}, {"affiliation": ["Nuffield Department of Medicine, University of Oxford, "
                                                        "Oxford, UK."]},
                                   {"affiliation": ["Nottingham University Hospitals NHS Trust, Nottingham, UK."]}],
         "custom.comments-corrections": lambda cc: len(cc) == 2, "PMCID": "PMC7300000"},
    ],
}

#: Text quoted from other records in the fixtures: it must never reach an item.
LEAKS = ("28899500", "26782800", "32950000", "Morin CM", "Digital CBT", "Loneliness among older adults in Europe",
         "Social isolation in later life", "Recent Activity", "31000001", "Anemia in pregnancy", "28500000",
         "Sex and TAVR", "Follow NCBI", "Careers", "8600 Rockville", "Figure 1", "CONSORT", "See all")


@pytest.mark.parametrize("name", sorted(FILES))
def test_fixture(name):
    items = read(fixture(name))
    assert items.skipped == 0
    assert len(items) == len(FILES[name])
    for item, expected in zip(items, FILES[name]):
        check(item, expected)
        blob = json.dumps(item, ensure_ascii=False)
        assert not [leak for leak in LEAKS if leak in blob]


def test_fixtures_are_sniffed():
    for name in FILES:
        assert citeport.read(DATA / name).format == "pubmed-text", name


# -- browser variations of every fixture ---------------------------------------------------

def _mixed_endings(t: str) -> str:
    lines = t.split("\n")
    return "".join(ln + ("\r\n" if k % 2 else "\n") for k, ln in enumerate(lines))


def _nbsp(t: str) -> str:
    return re.sub(r"(?<=\w) (?=\w)", lambda m: "\u00a0" if hash(m.start()) % 3 == 0 else " ", t)


BROWSER_VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "mixed line endings": _mixed_endings,
    "old mac cr": lambda t: t.replace("\n", "\r"),
    "nbsp": _nbsp,
    "tab indents": lambda t: re.sub(r"\n(?=[A-Z])", "\n\t", t),
    "trailing spaces": lambda t: t.replace("\n", " \t\n"),
    "blank line after every line": lambda t: t.replace("\n", "\n\n"),
    "leading and trailing blank lines": lambda t: "\n\n \n" + t + "\n\n\n",
    "smart quotes": lambda t: t.replace("'", "\u2019"),
    "bom": lambda t: "\ufeff" + t,
    "zero width spaces": lambda t: t.replace("PMID:", "\u200bPMID:"),
}
CORE = ("type", "title", "author", "container-title", "issued", "volume", "issue", "page", "DOI", "PMID", "PMCID",
        "abstract", "keyword", "publisher")


def _unquote(value):
    return json.loads(json.dumps(value, ensure_ascii=False).replace("\u2019", "'"))


@pytest.mark.parametrize("variant", sorted(BROWSER_VARIANTS))
@pytest.mark.parametrize("name", sorted(FILES))
def test_browser_variants(name, variant):
    text = fixture(name)
    base = read(text)
    if variant == "blank line after every line" and name.startswith("export"):
        pytest.skip("an export's blank lines separate its blocks")
    got = read(BROWSER_VARIANTS[variant](text))
    assert len(got) == len(base) and got.skipped == 0
    for a, b in zip(base, got):
        for key in CORE:
            assert _unquote(b.get(key)) == _unquote(a.get(key)), (key, b.get(key))


# -- current page: author blocks as browsers lay them out ----------------------------------

CURRENT_TEMPLATE = """\
Page navigation
Title & authors
Abstract
Similar articles
Observational Study
BMC Public Health
. 2022 May 5;22(1):880.
 doi: 10.1186/s12889-022-13300-1.
Walking to school and physical fitness in 10-year-olds: a cohort study
{authors}
Affiliations
Expand
1 School of Sport Sciences, Northbridge University, Northbridge, UK.
2 Department of Paediatrics, City Hospital, Northbridge, UK.
3 Institute of Public Health, University of Eastmoor, Eastmoor, UK.
PMID: 35501700
PMCID: PMC9060000
DOI: 10.1186/s12889-022-13300-1
Abstract
Background: Active travel may improve fitness.
Results: Walkers were fitter.
Keywords: Active travel; Children; Fitness.
Similar articles
Cycling to school: a review.
Lee K, et al.
J Phys Act Health. 2019;16(1):1-9.
PMID: 30500000
"""

AUTHOR_BLOCKS = [
    ("chrome spaced markers", "Emma J Clarke 1 , Tom O Reilly 2 3 , Aisha Bello 1",
     [("Clarke", [1]), ("Reilly", [2, 3]), ("Bello", [1])]),
    ("comma after marker", "Emma J Clarke 1, Tom O Reilly 2 3, Aisha Bello 1",
     [("Clarke", [1]), ("Reilly", [2, 3]), ("Bello", [1])]),
    ("comma between markers", "Emma J Clarke 1, Tom O Reilly 2, 3, Aisha Bello 1",
     [("Clarke", [1]), ("Reilly", [2, 3]), ("Bello", [1])]),
    ("markers on own lines", "Emma J Clarke\n1\n,\nTom O Reilly\n2\n3\n,\nAisha Bello\n1",
     [("Clarke", [1]), ("Reilly", [2, 3]), ("Bello", [1])]),
    ("markers on own lines, blank lines", "Emma J Clarke\n\n1\n\n,\n\nTom O Reilly\n\n2\n\n3\n\n,\n\nAisha Bello\n\n1",
     [("Clarke", [1]), ("Reilly", [2, 3]), ("Bello", [1])]),
    ("marker lines with comma glued", "Emma J Clarke\n1,\nTom O Reilly\n2\n3,\nAisha Bello\n1",
     [("Clarke", [1]), ("Reilly", [2, 3]), ("Bello", [1])]),
    ("one author per line", "Emma J Clarke 1,\nTom O Reilly 2 3,\nAisha Bello 1",
     [("Clarke", [1]), ("Reilly", [2, 3]), ("Bello", [1])]),
    ("group author last", "Emma J Clarke 1 , Aisha Bello 2 , Northbridge Active Travel Study Group 3",
     [("Clarke", [1]), ("Bello", [2]), ("Northbridge Active Travel Study Group", [3])]),
    ("et al and show all", "Emma J Clarke 1 , Tom O Reilly 2 3 , et al.\nShow all 3 authors",
     [("Clarke", [1]), ("Reilly", [2, 3])]),
    ("single author, marker own line", "Emma J Clarke\n1", [("Clarke", [1])]),
    ("single author inline", "Emma J Clarke 1", [("Clarke", [1])]),
    ("no markers", "Emma J Clarke, Tom O Reilly, Aisha Bello", [("Clarke", []), ("Reilly", []), ("Bello", [])]),
    ("particles and hyphens", "Jan van der Berg 1 , María José García-López 2 , Luca Di Stefano 3",
     [("Berg", [1]), ("García-López", [2]), ("Di Stefano", [3])]),
    ("suffix", "Robert T Hall Jr 1 , Aisha Bello 2", [("Hall", [1]), ("Bello", [2])]),
    ("initials only, collaborators after", "E J Clarke 1 , A Bello 2\nCollaborators (2)\nPeter Novak, Sara Lind",
     [("Clarke", [1]), ("Bello", [2])]),
]


@pytest.mark.parametrize("name, block, expected", AUTHOR_BLOCKS, ids=[a[0] for a in AUTHOR_BLOCKS])
def test_current_page_author_blocks(name, block, expected):
    item = read(CURRENT_TEMPLATE.format(authors=block))[0]
    assert [(families(item)[k], a) for k, (_, a) in enumerate(expected)] == [
        (f, m) for f, m in expected] and len(item["author"]) == len(expected)
    affs = item["custom"].get("author-details", [{}] * len(expected))
    for detail, (_, markers) in zip(affs, expected):
        assert len(detail.get("affiliation", [])) == len(markers)
    if not any(m for _, m in expected):  # no markers: nobody to give them to, so they are kept aside
        assert len(item["custom"]["tags"]["pubmed-text:affiliation"]) == 3
    check(item, {"title": "Walking to school and physical fitness in 10-year-olds: a cohort study",
                 "PMID": "35501700", "page": "880", "keyword": "Active travel; Children; Fitness",
                 "abstract": "Background: Active travel may improve fitness.\nResults: Walkers were fitter.",
                 "custom.publication-types": ["Observational Study"]})
    assert "30500000" not in json.dumps(item)
    if "Collaborators" in block:
        assert item["custom"]["investigators"] == [{"family": "Novak", "given": "Peter"},
                                                   {"family": "Lind", "given": "Sara"}]


# -- current page: the citation line and identifiers in their shapes -------------------------

CITATION_SHAPES = [
    ("split", "BMC Public Health\n. 2022 May 5;22(1):880.\n doi: 10.1186/s12889-022-13300-1.", {"page": "880"}),
    ("one line", "BMC Public Health. 2022 May 5;22(1):880. doi: 10.1186/s12889-022-13300-1.", {"issue": "1"}),
    ("split, blank lines", "BMC Public Health\n\n. 2022 May 5;22(1):880.\n\ndoi: 10.1186/s12889-022-13300-1.",
     {"volume": "22"}),
    ("ecollection", "BMC Public Health\n. 2022 May 5;22(1):880.\n doi: 10.1186/s12889-022-13300-1. eCollection 2022.",
     {"issued": {"date-parts": [[2022]]}, "available-date": {"date-parts": [[2022, 5, 5]]}}),
    ("online ahead of print", "BMC Public Health\n. 2022 May 5:10.1186/s12889-022-13300-1.\n"
                              " doi: 10.1186/s12889-022-13300-1. Online ahead of print.",
     {"volume": None, "custom.publication-status": "aheadofprint"}),
    ("epub on its own line", "BMC Public Health\n. 2022 May 5;22(1):880.\n doi: 10.1186/s12889-022-13300-1.\n"
                             "Epub 2022 Apr 30.", {"available-date": {"date-parts": [[2022, 4, 30]]}}),
    ("no doi in citation", "BMC Public Health\n. 2022 May 5;22(1):880.", {"DOI": "10.1186/s12889-022-13300-1"}),
]


@pytest.mark.parametrize("name, citation, expected", CITATION_SHAPES, ids=[c[0] for c in CITATION_SHAPES])
def test_current_page_citation_shapes(name, citation, expected):
    text = CURRENT_TEMPLATE.format(authors="Emma J Clarke 1 , Aisha Bello 2").replace(
        "BMC Public Health\n. 2022 May 5;22(1):880.\n doi: 10.1186/s12889-022-13300-1.", citation)
    items = read(text)
    assert len(items) == 1
    check(items[0], {"container-title-short": "BMC Public Health", "PMID": "35501700",
                     "title": "Walking to school and physical fitness in 10-year-olds: a cohort study", **expected})


ID_SHAPES = [
    ("one line", "PMID: 35501700 PMCID: PMC9060000 DOI: 10.1186/s12889-022-13300-1"),
    ("one line, free pmc", "PMID: 35501700 PMCID: PMC9060000 DOI: 10.1186/s12889-022-13300-1 Free PMC article"),
    ("labels apart", "PMID:\n35501700\nPMCID:\nPMC9060000\nDOI:\n10.1186/s12889-022-13300-1"),
    ("item in clipboard", "Item in Clipboard\nPMID: 35501700\nPMCID: PMC9060000\nDOI: 10.1186/s12889-022-13300-1\n"
                          "Free PMC article"),
]


@pytest.mark.parametrize("name, ids", ID_SHAPES, ids=[c[0] for c in ID_SHAPES])
def test_current_page_id_shapes(name, ids):
    text = CURRENT_TEMPLATE.format(authors="Emma J Clarke 1 , Aisha Bello 2").replace(
        "PMID: 35501700\nPMCID: PMC9060000\nDOI: 10.1186/s12889-022-13300-1", ids)
    check(read(text)[0], {"PMID": "35501700", "PMCID": "PMC9060000", "DOI": "10.1186/s12889-022-13300-1",
                          "abstract": lambda a: a.startswith("Background:")})


# -- legacy page: author lines, labels, keywords ----------------------------------------------

LEGACY_TEMPLATE = """\
Format: Abstract
Send to
Choose Destination
Full text links
Int J Nurs Stud. 2014 Jan;51(1):45-53. doi: 10.1016/j.ijnurstu.2013.05.001. Epub 2013 Jun 5.
Hand hygiene compliance before and after a ward-based feedback programme.
{authors}
Author information
{affiliations}
Abstract
{abstract}
Copyright © 2013 Elsevier Ltd. All rights reserved.
{keywords}
PMID: 23746700 [PubMed - indexed for MEDLINE]
Publication types
Evaluation Study
MeSH terms
Hand Hygiene/standards*
Humans
LinkOut - more resources
Full Text Sources
Elsevier Science
PubMed Commons home
PubMed Commons
How to join PubMed Commons
Similar articles
Hand hygiene in intensive care: a review. [J Hosp Infect. 2012]
Feedback and hand hygiene. [Am J Infect Control. 2011]
Supplemental Content
Loading ...
Write to the Help Desk
"""
LEGACY_AFFS = ("1Infection Control Unit, St Mary's Hospital, Leeds, UK.\n"
               "2School of Healthcare, University of Leeds, Leeds, UK.")
LEGACY_ABSTRACT = ("BACKGROUND:\nHand hygiene remains poor on many wards.\nMETHODS:\nA before-and-after study on "
                   "six wards.\nRESULTS:\nCompliance rose from 48% to 71%.\nCONCLUSIONS:\nFeedback works.")
LEGACY_KEYWORDS = "KEYWORDS:\nFeedback; Hand hygiene; Infection control; Nursing"

LEGACY_AUTHORS = [
    ("glued markers", "Patel R1, Moore S2, Chen Y1,2.", [("Patel", [1]), ("Moore", [2]), ("Chen", [1, 2])]),
    ("paren markers", "Patel R(1), Moore S(2), Chen Y(1)(2).", [("Patel", [1]), ("Moore", [2]), ("Chen", [1, 2])]),
    ("no markers", "Patel R, Moore S, Chen Y.", [("Patel", []), ("Moore", []), ("Chen", [])]),
    ("group after semicolon", "Patel R1, Moore S2; Leeds Hand Hygiene Group.",
     [("Patel", [1]), ("Moore", [2]), ("Leeds Hand Hygiene Group", [])]),
    ("single author glued", "Patel RK1.", [("Patel", [1])]),
    ("particle", "van den Broek P1, Moore S2.", [("Broek", [1]), ("Moore", [2])]),
]


@pytest.mark.parametrize("name, authors, expected", LEGACY_AUTHORS, ids=[a[0] for a in LEGACY_AUTHORS])
def test_legacy_author_lines(name, authors, expected):
    text = LEGACY_TEMPLATE.format(authors=authors, affiliations=LEGACY_AFFS, abstract=LEGACY_ABSTRACT,
                                  keywords=LEGACY_KEYWORDS)
    item = read(text)[0]
    assert families(item) == [f for f, _ in expected]
    check(item, {"title": "Hand hygiene compliance before and after a ward-based feedback programme",
                 "container-title-short": "Int J Nurs Stud", "page": "45-53", "PMID": "23746700",
                 "keyword": "Feedback; Hand hygiene; Infection control; Nursing",
                 "custom.mesh": ["*Hand Hygiene/standards", "Humans"] if False else
                 (lambda m: m == ["Hand Hygiene/*standards", "Humans"]),
                 "custom.publication-types": ["Evaluation Study"], "note": "[PubMed - indexed for MEDLINE]",
                 "abstract": "BACKGROUND: Hand hygiene remains poor on many wards.\nMETHODS: A before-and-after "
                             "study on six wards.\nRESULTS: Compliance rose from 48% to 71%.\nCONCLUSIONS: "
                             "Feedback works."})
    details = item.get("custom", {}).get("author-details")
    if any(m for _, m in expected):
        assert [len(d.get("affiliation", [])) for d in details] == [len(m) for _, m in expected]
    assert "J Hosp Infect" not in json.dumps(item)


LEGACY_BODIES = [
    ("labels inline", {"abstract": "BACKGROUND: Hand hygiene is poor.\nMETHODS: A study.\nRESULTS: Better.",
                       "keywords": "KEYWORDS: Feedback; Hand hygiene; Nursing"},
     {"abstract": "BACKGROUND: Hand hygiene is poor.\nMETHODS: A study.\nRESULTS: Better.",
      "keyword": "Feedback; Hand hygiene; Nursing"}),
    ("labels lost, bare keywords", {"abstract": "Hand hygiene is poor.\n\nA study was done.\n\nIt got better.",
                                    "keywords": "Feedback; Hand hygiene; Nursing"},
     {"abstract": "Hand hygiene is poor.\nA study was done.\nIt got better.",
      "keyword": "Feedback; Hand hygiene; Nursing"}),
    ("title-case labels on own lines", {"abstract": "Background\nHand hygiene is poor.\nObjective\nTo study it.",
                                        "keywords": "Keywords: Feedback; Hand hygiene."},
     {"abstract": "Background: Hand hygiene is poor.\nObjective: To study it.",
      "keyword": "Feedback; Hand hygiene"}),
    ("no keywords, no abstract heading", {"abstract": "Hand hygiene is poor on wards.", "keywords": ""},
     {"abstract": "Hand hygiene is poor on wards.", "keyword": None}),
]


@pytest.mark.parametrize("name, parts, expected", LEGACY_BODIES, ids=[b[0] for b in LEGACY_BODIES])
def test_legacy_bodies(name, parts, expected):
    text = LEGACY_TEMPLATE.format(authors="Patel R1, Moore S2.", affiliations=LEGACY_AFFS, **parts)
    if "no abstract heading" in name:
        text = text.replace("Abstract\n", "")
    item = read(text)[0]
    check(item, {**expected, "custom.copyright": "Copyright © 2013 Elsevier Ltd. All rights reserved.",
                 "PMID": "23746700"})


@pytest.mark.parametrize("status, code", [
    ("[PubMed - indexed for MEDLINE]", "MEDLINE"), ("[PubMed - in process]", "In-Process"),
    ("[Indexed for MEDLINE]", "MEDLINE"), ("[PubMed - as supplied by publisher]", "Publisher"),
    ("[PubMed]", "PubMed-not-MEDLINE"),
])
def test_legacy_status_lines(status, code):
    text = LEGACY_TEMPLATE.format(authors="Patel R1.", affiliations=LEGACY_AFFS, abstract=LEGACY_ABSTRACT,
                                  keywords=LEGACY_KEYWORDS)
    for layout in (f"PMID: 23746700 {status}", f"PMID: 23746700 PMCID: PMC4000001\n{status} Free PMC Article"):
        item = read(text.replace("PMID: 23746700 [PubMed - indexed for MEDLINE]", layout))[0]
        check(item, {"custom.medline-status": code, "note": status, "PMID": "23746700"})


# -- several pages in one file -----------------------------------------------------------------

def _legacy(pmid: str, title: str) -> str:
    return LEGACY_TEMPLATE.format(authors="Patel R1, Moore S2.", affiliations=LEGACY_AFFS, abstract=LEGACY_ABSTRACT,
                                  keywords=LEGACY_KEYWORDS).replace("23746700", pmid).replace(
        "Hand hygiene compliance before and after a ward-based feedback programme", title)


def _current(pmid: str, title: str, header: bool = True) -> str:
    text = fixture("current-full-chrome.txt").replace("30611900", pmid).replace(
        "Internet-delivered cognitive therapy for insomnia in older adults: a randomised controlled trial", title)
    return text if header else text[text.index("Randomized Controlled Trial\nJ Affect"):]


MULTI = [
    ("two current pages", [_current("30000001", "First page title here"), _current("30000002", "Second page title")]),
    ("three current pages, no headers", [_current(f"3000000{k}", f"Page number {k} title", header=False)
                                         for k in range(1, 4)]),
    ("current then legacy", [_current("30000001", "A current page title"), _legacy("30000002", "A legacy title")]),
    ("two legacy pages", [_legacy("30000001", "Legacy one title"), _legacy("30000002", "Legacy two title")]),
    ("legacy, current, book", [_legacy("30000001", "Legacy title"), _current("30000002", "Current title"),
                               fixture("current-book-page.txt")]),
    ("firefox page twice", [fixture("current-comments-firefox.txt"),
                            fixture("current-comments-firefox.txt").replace("29771301", "29771302")]),
]


@pytest.mark.parametrize("name, pages", MULTI, ids=[m[0] for m in MULTI])
@pytest.mark.parametrize("joiner", ["\n", "\n\n\n", "\r\n"])
def test_several_pages_in_one_file(name, pages, joiner):
    singles = [read(p)[0] for p in pages]
    items = read(joiner.join(pages))
    assert items.skipped == 0
    assert [it.get("PMID") for it in items] == [s.get("PMID") for s in singles]
    for it, single in zip(items, singles):
        for key in CORE + ("custom",):
            assert it.get(key) == single.get(key), key


# -- a page copied without its citation line -----------------------------------------------------

@pytest.mark.parametrize("name, cut, expected", [
    ("current", "J Affect Disord\n. 2019 Mar 1;246:400-408.\n doi: 10.1016/j.jad.2018.12.050. Epub 2018 Dec 20.\n",
     {"PMID": "30611900", "DOI": "10.1016/j.jad.2018.12.050", "author": lambda a: len(a) == 4,
      "title": lambda t: t.startswith("Internet-delivered")}),
    ("legacy", "Scand J Public Health. 2016 Aug;44(6):590-7. doi: 10.1177/1403494816652610. Epub 2016 Jun 2.\n",
     {"PMID": "27255231", "DOI": "10.1177/1403494816652610", "author": lambda a: len(a) == 3,
      "title": lambda t: t.startswith("Social support")}),
])
def test_page_without_citation_line_warns(name, cut, expected):
    text = fixture("current-full-chrome.txt" if name == "current" else "legacy-full.txt")
    assert cut in text
    items = read(text.replace(cut, ""))
    assert len(items) == 1 and items.skipped == 0
    check(items[0], {**expected, "container-title": None, "issued": None})
    missing = sorted(d.field for d in items.diagnostics if d.code == "missing-field")
    assert missing == ["container-title", "issued"]
    assert not [leak for leak in LEAKS if leak in json.dumps(items[0], ensure_ascii=False)]
    assert citeport.read(text.replace(cut, "")).format == "pubmed-text"


def test_notes_with_a_pmid_are_not_a_record():
    items = read("Things to read\n\nPMID: 123456\n")
    assert len(items) == 0 and items.skipped == 1


# -- current page: sections around the abstract ---------------------------------------------

_ABSTRACT = ("Abstract\nBackground: Active travel may improve fitness.\nResults: Walkers were fitter.\n"
             "Keywords: Active travel; Children; Fitness.\n")
CURRENT_BODIES = [
    ("comment in before the abstract", _ABSTRACT, "Comment in\nWalking is good.\nSmith J.\nBMC Public Health. 2022 "
     "Jun 1;22(1):1000. doi: 10.1186/s12889-022-00001-1.\nPMID: 35600000\n" + _ABSTRACT,
     {"custom.comments-corrections": [{"type": "CommentIn", "PMID": "35600000", "ref": "Walking is good. Smith J. "
                                       "BMC Public Health. 2022 Jun 1;22(1):1000. doi: 10.1186/s12889-022-00001-1."}],
      "abstract": "Background: Active travel may improve fitness.\nResults: Walkers were fitter."}),
    ("no abstract, comment on", _ABSTRACT, "No abstract available\nComment on\nAn earlier paper.\nRoe R.\n"
     "BMC Public Health. 2021;21:1.\nPMID: 33000000\n",
     {"abstract": None, "keyword": None, "note": "Comment on: An earlier paper. Roe R. BMC Public Health. 2021;21:1. "
                                                 "PMID: 33000000"}),
    ("translated title, bare language line", "Walking to school and physical fitness in 10-year-olds: a cohort study\n",
     "[Walking to school and physical fitness in 10-year-olds: a cohort study]\nArticle in Japanese\n",
     {"language": "ja", "custom.title-translated": True, "author": lambda a: len(a) == 2}),
    ("erratum in after keywords", "Keywords: Active travel; Children; Fitness.\n",
     "Keywords: Active travel; Children; Fitness.\n© 2022. The Author(s).\nErratum in\nCorrection: Walking to school."
     "\nBMC Public Health. 2022 Jul 1;22(1):1300. doi: 10.1186/s12889-022-13900-1.\nPMID: 35700000\n",
     {"custom.comments-corrections": lambda cc: cc[0]["type"] == "ErratumIn" and cc[0]["PMID"] == "35700000",
      "custom.copyright": "© 2022. The Author(s).", "keyword": "Active travel; Children; Fitness"}),
    ("conflict of interest before similar articles", "Similar articles\nCycling",
     "PubMed Disclaimer\nConflict of interest statement\nThe authors declare no competing interests.\n"
     "Similar articles\nCycling", {"custom.conflict-of-interest": "The authors declare no competing interests."}),
]


@pytest.mark.parametrize("name, old, new, expected", CURRENT_BODIES, ids=[b[0] for b in CURRENT_BODIES])
def test_current_page_bodies(name, old, new, expected):
    text = CURRENT_TEMPLATE.format(authors="Emma J Clarke 1 , Aisha Bello 2")
    assert old in text
    items = read(text.replace(old, new, 1))
    assert len(items) == 1 and not items.diagnostics
    check(items[0], {"PMID": "35501700", "container-title-short": "BMC Public Health", **expected})
    assert "30500000" not in json.dumps(items[0])


def test_current_page_without_authors_warns():
    text = CURRENT_TEMPLATE.format(authors="").replace("\n\nAffiliations", "\nAffiliations")
    items = read(text)
    check(items[0], {"author": None, "PMID": "35501700",
                     "abstract": "Background: Active travel may improve fitness.\nResults: Walkers were fitter."})
    [warning] = items.diagnostics
    assert warning.field == "author" and warning.code == "missing-field" and "35501700" in warning.record


def test_exports_pasted_together_and_numbering_restarts():
    text = fixture("export-books.txt") + "\n\n" + fixture("export-books.txt").replace("PMID: 30252328", "PMID: 1")
    items = read(text)
    assert len(items) == 8 and items.skipped == 0
    assert [it["PMID"] for it in items][3:5] == ["32678530", "1"]
