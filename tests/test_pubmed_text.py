"""The pubmed-text reader: legacy page, current page and "Abstract (text)" export -> CSL-JSON."""
from __future__ import annotations

import json
import re

import pytest

import citeport
from citeport.formats import pubmed_text_parse as P
from citeport.formats.pubmed_text import sniff
from conftest import EXAMPLES, check_fields, run_cli, shared_path


def read(text: str) -> citeport.Records:
    return citeport.read(text, format="pubmed-text")


def one(text: str) -> dict:
    items = read(text)
    assert len(items) == 1, items
    return items[0]


check = check_fields


# -- the user's seed (acceptance) -------------------------------------------------------

def test_seed_acceptance(seed_path):
    proc = run_cli("convert", str(seed_path), "--to", "csl-json")
    assert proc.returncode == 0, proc.stderr_text
    items = json.loads(proc.stdout_text)
    assert len(items) == 1
    check(items[0], {
        "type": "article-journal",
        "title": "Creating an impersonal NHS? Personalization, choice and the erosion of intimacy",
        "container-title-short": "Health Expect",
        "issued": {"date-parts": [[2015, 2]]},
        "available-date": {"date-parts": [[2012, 9, 4]]},
        "volume": "18", "issue": "1", "page": "22-31", "DOI": "10.1111/hex.12000",
        "author": None,
        "custom.copyright": "© 2012 John Wiley & Sons Ltd.",
        "note": "[PubMed - in process]",
    })
    assert items[0]["keyword"].split("; ") == [
        "NHS reform", "co-production", "consumer", "direct payments", "doctor-patient relationship", "intimacy",
        "patient choice", "patient-centred", "personal budgets", "personalization"]
    assert items[0]["abstract"].startswith("Personalization - most often")
    assert items[0]["abstract"].count("\n") == 3  # four paragraphs, labels lost
    assert "PubMed Commons" not in json.dumps(items[0]) and "Help Desk" not in json.dumps(items[0])
    assert re.search(r"warning: .*author", proc.stderr_text) and "Traceback" not in proc.stderr_text


def test_seed_apa(seed_path):
    proc = run_cli("format", str(seed_path), "--style", "apa")
    assert proc.returncode == 0, proc.stderr_text
    out = proc.stdout_text
    assert out.startswith("Creating an impersonal NHS?")
    for bit in ("(2015)", "18(1), 22–31", "https://doi.org/10.1111/hex.12000"):
        assert bit in out


def test_seed_variations(seed_path):
    """The seed with Windows line endings, NBSP, tabs and an author line still reads the same."""
    text = seed_path.read_text(encoding="utf-8")
    base = one(text)
    crlf = text.replace("\n", "\r\n").replace("Creating an", "Creating\u00a0an").replace("Author information",
                                                                                          "\tAuthor information")
    check(one(crlf), {k: base[k] for k in ("title", "issued", "page", "DOI", "keyword", "abstract")})
    with_authors = text.replace("Author information", "Owens J1.\n\nAuthor information", 1)
    item = one(with_authors)
    assert item["author"] == [{"family": "Owens", "given": "J."}]
    assert item["custom"]["author-details"][0]["affiliation"][0].startswith("Research Associate, Centre")
    assert not read(with_authors).diagnostics


# -- the real exports --------------------------------------------------------------------

@pytest.mark.parametrize("path, records, authors, doi, abstract", [
    (("corpus", "pubmed-abstract-text", "berenkeskin", "nlp_lund_pubmed_result.txt"), 249, 245, 240, 205),
    (("corpus", "pubmed-abstract-text", "bkchem", "ophthalmology_pubmed_result.txt"), 26, 26, 23, 26),
])
def test_real_exports(path, records, authors, doi, abstract):
    """Every record has title, journal, year and PMID; authors/DOI/abstract nearly always.

    The nlp_lund file numbers 249 records; two more lines start like "2019. We extend ..." inside wrapped
    abstracts and are not records.
    """
    items = citeport.read(shared_path(*path))
    assert items.format == "pubmed-text" and items.skipped == 0
    assert len(items) == records
    for it in items:
        assert it["title"] and it["container-title-short"] and it["issued"]["date-parts"][0][0] >= 1990
        assert re.fullmatch(r"\d+", it["PMID"])
        assert not re.search(r"PMID:|Author information|^DOI:|Copyright ©", it.get("abstract", ""), re.M)
    assert sum(1 for it in items if it.get("author")) >= authors
    assert sum(1 for it in items if it.get("DOI")) >= doi
    assert sum(1 for it in items if it.get("abstract")) >= abstract
    assert len({it["PMID"] for it in items}) == records


def test_real_export_details():
    items = {it["PMID"]: it for it in citeport.read(
        shared_path("corpus", "pubmed-abstract-text", "berenkeskin", "nlp_lund_pubmed_result.txt"))}
    first = items["32113880"]
    check(first, {
        "title": "Corona Virus International Public Health Emergencies: Implications for Radiology Management",
        "container-title-short": "Acad Radiol", "volume": "27", "issue": "4", "page": "463-467",
        "available-date": {"date-parts": [[2020, 2, 26]]}, "PMCID": "PMC7102529",
        "custom.comments-corrections": [{"type": "CommentIn", "ref": "Acad Radiol. 2020 May;27(5):750."}],
    })
    assert len(first["author"]) == 28 and first["author"][3] == {"family": "Lei", "given": "Y."}
    assert first["custom"]["author-details"][3]["affiliation"][0].endswith("Electronic address: 13602658583@163.com.")
    group = items["32250385"]  # "...; COVID-19 Lombardy ICU Network, Nailescu A, ...": members are investigators
    assert group["author"][-1] == {"literal": "COVID-19 Lombardy ICU Network"}
    assert {"family": "Nailescu", "given": "A."} in group["custom"]["investigators"]
    german = items["32356298"]
    check(german, {"language": "de", "custom.other-abstract": lambda v: v and v[0].startswith("Italien ist")})
    assert items["32321223"]["issued"] == {"date-parts": [[2020, 4, 21]]}  # "... Print 2020 Apr 21."
    assert "Crown Copyright" in items["32294583"]["custom"]["copyright"]
    assert items["32291462"]["custom"]["comments-corrections"][0]["type"] == "ErratumFor"


# -- table-driven layouts ----------------------------------------------------------------

LEGACY_WITH_LABELS = """\
Send to:

Choose Destination
Br J Surg. 2009 Jun;96(6):577-84. doi: 10.1002/bjs.6595.

Risk factors for wound dehiscence after laparotomy: a case-control study.

Smith AB1, van der Berg C2, O'Hara D1,2; Dutch Wound Group.

Author information

1Department of Surgery, City Hospital, Leeds, UK.
2Department of Epidemiology, University of Amsterdam, The Netherlands.

Abstract

BACKGROUND:

Wound dehiscence remains a serious complication.

METHODS:

A case-control design was used.

KEYWORDS:

abdominal closure; dehiscence; laparotomy

PMID: 19434700 [PubMed - indexed for MEDLINE]
"""

LEGACY_TITLE_CASE_LABELS = """\
Health Policy. 2012 Winter;6(2):e10-e22.

The cost of waiting: queues in public clinics.

Jones K.

Background
Queues are common in public clinics.
Objective
To estimate the cost of waiting.
Copyright © 2012 Example Publishing.
PMID: 23000001 PMCID: PMC3400001 [Available on 2013-02-01]
"""

CURRENT_MINIMAL = """\
Editorial
Lancet Infect Dis
. 2021 Jan;21(1):1.
 doi: 10.1016/S1473-3099(20)30950-1.
A year of pandemic lessons
Ana Ruiz-García 1
Affiliation
1 Editorial office, London, UK.
PMID: 33357390
DOI: 10.1016/S1473-3099(20)30950-1
No abstract available
Comment in
A year of pandemic lessons: a response.
Chen L.
Lancet Infect Dis. 2021 May;21(5):600. doi: 10.1016/S1473-3099(21)00100-1.
PMID: 33900001
Similar articles
Another editorial on something else.
Roe R, et al.
Lancet. 2020 Dec 12;396(10266):1861. doi: 10.1016/S0140-6736(20)32600-0.
PMID: 33300000 Free PMC article.
Cited by
Something unrelated.
Doe J.
Vaccine. 2022;40(1):1-2.
PMID: 34000000
"""

CURRENT_ONLINE_AHEAD = """\
J Med Virol
. 2020 Apr 3;10.1002/jmv.25827.
 doi: 10.1002/jmv.25827. Online ahead of print.
Mathematical modelling of quarantine in a well-mixed population
Wei Zhang 1 2 , Li-Na Wang 2 , Jean-Pierre Dupont 3
Affiliations
1 School of Public Health, Lanzhou University, Lanzhou, China.
2 Department of Mathematics, Lanzhou University, Lanzhou, China.
3 Institut Pasteur, Paris, France.
PMID: 32243600 DOI: 10.1002/jmv.25827
Abstract
Background: We model quarantine.
Results: It works.
Keywords: COVID-19; SEIR; quarantine.
© 2020 Wiley Periodicals, Inc.
Publication types
Research Support, Non-U.S. Gov't
MeSH terms
Betacoronavirus*
Quarantine / methods*
"""

LEGACY_COMMENTS = """\
Send to:
J Hosp Med. 2011 Mar;6(3):120-4. doi: 10.1002/jhm.800.

Hospitalists and handoffs.

Green T1, Black U2.

Author information

1Department of Medicine, Central Hospital, Springfield, IL, USA.
2School of Medicine, State University, Springfield, IL, USA.

Comment in
Handoffs revisited. [J Hosp Med. 2012]
Better handoffs now. [J Hosp Med. 2012]

Abstract
Handoffs are risky moments in care. We describe a structured tool.

PMID: 21300001 [PubMed - indexed for MEDLINE]
"""

EXPORT_SHAPES = """\
1. Cochrane Database Syst Rev. 2018 Dec 3;12:CD012345. doi:
10.1002/14651858.CD012345.pub2.

Exercise for chronic low back pain.

Lee H(1), Kim S(2).

Author information: 
(1)Department of Physiotherapy, Seoul University, Seoul, Korea.
(2)Department of Medicine, Busan Hospital, Busan, Korea.

Update of
    Cochrane Database Syst Rev. 2012;(4):CD009790.

BACKGROUND: Back pain is common.
MAIN RESULTS: Exercise helps a little.

PMID: 30500001  [Indexed for MEDLINE]


2. Nurs Stand. 2017 Mar 1;31(27):61-2.

Caring for patients after stroke.

[No authors listed]

PMID: 28245001  [Indexed for MEDLINE]


3. J Infect Dis. 2015;212 Suppl 2:S1-5. doi: 10.1093/infdis/jiv001.

Vaccination in the tropics: an introduction.

Brown PT.

PMID: 26100001
"""


CASES = [
    ("legacy with labels", LEGACY_WITH_LABELS, {
        "title": "Risk factors for wound dehiscence after laparotomy: a case-control study",
        "author": [{"family": "Smith", "given": "A. B."},
                   {"family": "Berg", "given": "C.", "non-dropping-particle": "van der"},
                   {"family": "O'Hara", "given": "D."}, {"literal": "Dutch Wound Group"}],
        "custom.author-details": [
            {"affiliation": ["Department of Surgery, City Hospital, Leeds, UK."]},
            {"affiliation": ["Department of Epidemiology, University of Amsterdam, The Netherlands."]},
            {"affiliation": ["Department of Surgery, City Hospital, Leeds, UK.",
                             "Department of Epidemiology, University of Amsterdam, The Netherlands."]}, {}],
        "abstract": "BACKGROUND: Wound dehiscence remains a serious complication.\nMETHODS: A case-control design was used.",
        "keyword": "abdominal closure; dehiscence; laparotomy",
        "PMID": "19434700", "id": "pmid:19434700", "custom.medline-status": "MEDLINE",
        "note": "[PubMed - indexed for MEDLINE]", "page": "577-84", "DOI": "10.1002/bjs.6595",
    }),
    ("legacy title-case labels", LEGACY_TITLE_CASE_LABELS, {
        "issued": {"date-parts": [[2012]], "season": 4}, "page": "e10-e22",
        "author": [{"family": "Jones", "given": "K."}],
        "abstract": "Background: Queues are common in public clinics.\nObjective: To estimate the cost of waiting.",
        "PMCID": "PMC3400001", "custom.pmc-release": "2013-02-01",
        "custom.copyright": "Copyright © 2012 Example Publishing.",
    }),
    ("current page, minimal, other records after it", CURRENT_MINIMAL, {
        "type": "article-journal", "title": "A year of pandemic lessons",
        "author": [{"family": "Ruiz-García", "given": "Ana"}],
        "custom.author-details": [{"affiliation": ["Editorial office, London, UK."]}],
        "container-title-short": "Lancet Infect Dis", "volume": "21", "issue": "1", "page": "1",
        "DOI": "10.1016/S1473-3099(20)30950-1", "PMID": "33357390", "abstract": None,
        "custom.publication-types": ["Editorial"],
        "custom.comments-corrections": [{
            "type": "CommentIn", "PMID": "33900001",
            "ref": "A year of pandemic lessons: a response. Chen L. Lancet Infect Dis. 2021 May;21(5):600. "
                   "doi: 10.1016/S1473-3099(21)00100-1."}],
    }),
    ("current page, online ahead of print", CURRENT_ONLINE_AHEAD, {
        "title": "Mathematical modelling of quarantine in a well-mixed population",
        "author": [{"family": "Zhang", "given": "Wei"}, {"family": "Wang", "given": "Li-Na"},
                   {"family": "Dupont", "given": "Jean-Pierre"}],
        "volume": None, "page": None, "DOI": "10.1002/jmv.25827",
        "issued": {"date-parts": [[2020, 4, 3]]}, "available-date": {"date-parts": [[2020, 4, 3]]},
        "custom.publication-status": "aheadofprint",
        "abstract": "Background: We model quarantine.\nResults: It works.",
        "keyword": "COVID-19; SEIR; quarantine", "custom.copyright": "© 2020 Wiley Periodicals, Inc.",
        "custom.mesh": ["*Betacoronavirus", "Quarantine/*methods"],
        "custom.publication-types": ["Research Support, Non-U.S. Gov't"],
        "custom.author-details": lambda d: d[0]["affiliation"][1].startswith("Department of Mathematics"),
    }),


    ("legacy with comment links", LEGACY_COMMENTS, {
        "abstract": "Handoffs are risky moments in care. We describe a structured tool.",
        "note": "Comment in: Handoffs revisited. [J Hosp Med. 2012]\nComment in: Better handoffs now. "
                "[J Hosp Med. 2012]\n[PubMed - indexed for MEDLINE]",
        "custom.comments-corrections": [{"type": "CommentIn", "ref": "Handoffs revisited. [J Hosp Med. 2012]"},
                                        {"type": "CommentIn", "ref": "Better handoffs now. [J Hosp Med. 2012]"}],
        "author": [{"family": "Green", "given": "T."}, {"family": "Black", "given": "U."}],
    }),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_layouts(name, text, expected):
    check(one(text), expected)


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_layouts_survive_crlf_nbsp_tabs_and_blank_lines(name, text, expected):
    """Browsers differ: CRLF, NBSP for spaces, tabs, a blank line after every line (Chrome)."""
    variants = [
        text.replace("\n", "\r\n"),
        text.replace(" ", "\u00a0", 3).replace("\n", "\n\t", 2),
        re.sub(r"\n(?=\S)", "\n\n", text) if "Affiliation" in text else text,
    ]
    for variant in variants:
        check(one(variant), expected)


def test_current_page_ids_on_their_own_lines_and_one_line_citation():
    text = CURRENT_ONLINE_AHEAD.replace("PMID: 32243600 DOI: 10.1002/jmv.25827", "PMID:\n32243600\nPMCID:\nPMC7000001")
    text = text.replace("J Med Virol\n. 2020 Apr 3;10.1002/jmv.25827.\n doi:", "J Med Virol. 2020 Apr 3;10.1002/jmv.25827. doi:")
    check(one(text), {"PMID": "32243600", "PMCID": "PMC7000001", "DOI": "10.1002/jmv.25827",
                      "title": "Mathematical modelling of quarantine in a well-mixed population"})


def test_no_similar_article_leaks():
    item = one(CURRENT_MINIMAL)
    blob = json.dumps(item)
    for other in ("33300000", "34000000", "Another editorial", "Something unrelated", "Vaccine"):
        assert other not in blob


def test_export_shapes():
    items = read(EXPORT_SHAPES)
    assert [it["PMID"] for it in items] == ["30500001", "28245001", "26100001"]
    first, second, third = items
    check(first, {"volume": "12", "page": "CD012345", "DOI": "10.1002/14651858.CD012345.pub2",
                  "abstract": "BACKGROUND: Back pain is common.\nMAIN RESULTS: Exercise helps a little.",
                  "custom.comments-corrections": [{"type": "UpdateOf",
                                                   "ref": "Cochrane Database Syst Rev. 2012;(4):CD009790."}]})
    assert "Update of: Cochrane Database Syst Rev. 2012;(4):CD009790." in first["note"]
    check(second, {"author": None, "abstract": None, "title": "Caring for patients after stroke"})
    check(third, {"volume": "212 Suppl 2", "page": "S1-5", "issued": {"date-parts": [[2015]]},
                  "author": [{"family": "Brown", "given": "P. T."}]})
    warnings = [d for d in items.diagnostics if d.code == "missing-field"]
    assert len(warnings) == 1 and warnings[0].field == "author" and "28245001" in warnings[0].record
    assert warnings[0].line == 21


def test_bad_record_is_skipped_and_the_rest_still_come():
    text = EXPORT_SHAPES.replace("2. Nurs Stand. 2017 Mar 1;31(27):61-2.",
                                 "2. StatPearls [Internet]. Treasure Island (FL): StatPearls Publishing")
    items = read(text)
    assert [it["PMID"] for it in items] == ["30500001", "26100001"]
    assert items.skipped == 1
    err = next(items.diagnostics[i] for i in range(len(items.diagnostics)) if items.diagnostics[i].level == "error")
    assert err.record == "record 2" and err.line == 21 and "citation line" in err.message


def test_page_without_title_or_citation_is_skipped():
    items = read("Some notes I took\n\nPMID: 123456\n")
    assert len(items) == 0 and items.skipped == 1
    items = read("Lancet. 2020 Jan;1(1):1-2.\n")
    assert len(items) == 0 and items.skipped == 1 and "title" in items.diagnostics[0].message


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("pubmed-*.txt")), ids=lambda p: p.name)
def test_examples_read_completely(path):
    items = citeport.read(path)
    assert items.format == "pubmed-text" and items.skipped == 0 and not items.diagnostics
    for it in items:
        assert it["title"] and it["author"] and it["PMID"] and it["issued"] and it["DOI"]


# -- pieces ----------------------------------------------------------------------------

CITATIONS = [
    ("Health Expect. 2015 Feb;18(1):22-31. doi: 10.1111/hex.12000. Epub 2012 Sep 4.",
     dict(journal="Health Expect", volume="18", issue="1", page="22-31", doi="10.1111/hex.12000",
          issued={"date-parts": [[2015, 2]]}, epub={"date-parts": [[2012, 9, 4]]})),
    ("Sci Rep. 2019;9(1):123. doi: 10.1038/s41598-018-36000-0.", dict(volume="9", issue="1", page="123")),
    ("J Infect Dis. 2015 Oct 1;212 Suppl 2:S1-5.", dict(volume="212 Suppl 2", issue="", page="S1-5")),
    ("Front Immunol. 2019 Jan 22;10:12. doi: 10.3389/fimmu.2019.00012. eCollection 2019.",
     dict(volume="10", page="12", ecollection={"date-parts": [[2019]]})),
    ("Cell. 2020 Apr 16;181(2):271-280.e8. doi: 10.1016/j.cell.2020.02.052.", dict(page="271-280.e8")),
    ("Intensive Care Med. 2020 Mar 2;:.", dict(volume="", page="", issued={"date-parts": [[2020, 3, 2]]})),
    ("ACS Nano. 2020 Apr 29. doi: 10.1021/acsnano.9b09744. [Epub ahead of print]",
     dict(volume="", ahead_of_print=True, doi="10.1021/acsnano.9b09744")),
    ("Ann Intern Med. 2012 Dec-2013 Jan;157(11):801-2.",
     dict(issued={"date-parts": [[2012, 12], [2013, 1]]}, page="801-2")),
    ("Med Clin (Barc). 2020 Jan 17;154(2):60-61.", dict(journal="Med Clin (Barc)")),
    ("Rev Esp Cardiol. 2010 Jul-Aug;63(4):(2):1.", dict(issued={"date-parts": [[2010, 7], [2010, 8]]})),
    ("J Allergy Clin Immunol. 2020 Apr 25. pii: S0091-6749(20)30569-8. doi: 10.1016/j.jaci.2020.04.021. "
     "[Epub ahead of print]", dict(pii="S0091-6749(20)30569-8", doi="10.1016/j.jaci.2020.04.021")),
]


@pytest.mark.parametrize("line, expected", CITATIONS, ids=[c[0][:30] for c in CITATIONS])
def test_parse_citation(line, expected):
    cit = P.parse_citation(line)
    assert cit is not None
    for key, value in expected.items():
        assert getattr(cit, key) == value, key


@pytest.mark.parametrize("line", [
    "The trial began in 2015. 2016 was the first full year; 12 sites took part.",
    "SO  - Health Expect. 2015 Feb;18(1):22-31.",
    "Smith, J., and Doe, K. 2006. Title. Journal 3: 1-2.",
    "  source = {Adv Biomed Res. 2016 Apr 19;5:67.},",
])
def test_not_a_citation(line):
    assert P.parse_citation(line) is None


AUTHORS = [
    ("Zhang SX(1), Ma JH(2), Bhatta M(3).", False, [("Zhang", "S. X.", [1]), ("Ma", "J. H.", [2]), ("Bhatta", "M.", [3])]),
    ("Owens J1.", False, [("Owens", "J.", [1])]),
    ("Okafor CN1, Walsh M2,3.", False, [("Okafor", "C. N.", [1]), ("Walsh", "M.", [2, 3])]),
    ("John Owens 1 , Jane Doe 2 3", True, [("Owens", "John", [1]), ("Doe", "Jane", [2, 3])]),
    ("John Owens 1, Jane Doe 2, 3", True, [("Owens", "John", [1]), ("Doe", "Jane", [2, 3])]),
    ("Kenry(1), Yeo T(2).", False, [("Kenry", None, [1]), ("Yeo", "T.", [2])]),
    ("Makani J(#)(2)(5), Kirkham FJ(#)(3).", False, [("Makani", "J.", [2, 5]), ("Kirkham", "F. J.", [3])]),
    ("van der Merwe V.", False, [("Merwe", "V.", [])]),
]


@pytest.mark.parametrize("line, full, expected", AUTHORS, ids=[a[0][:25] for a in AUTHORS])
def test_authors(line, full, expected):
    assert P.looks_like_authors(line)
    got = P.parse_authors(line, full_names=full)
    assert [(a.name.get("family"), a.name.get("given"), a.markers) for a in got] == expected


@pytest.mark.parametrize("line", [
    "Personalization - most often understood in terms of granting patients greater opportunity, has become key.",
    "Author information", "Similar articles", "PMID: 22943560", "We measured blood pressure in 20 adults.",
])
def test_not_authors(line):
    assert not P.looks_like_authors(line, single_needs_marker=True)


def test_parse_pubmed_short_single_initial_is_not_a_suffix():
    """model.names fix: in "van der Merwe V" the V is an initial; "Smith JR Jr" keeps its suffix."""
    from citeport.model.names import parse_pubmed_short
    assert parse_pubmed_short("van der Merwe V") == {"family": "Merwe", "given": "V.", "non-dropping-particle": "van der"}
    assert parse_pubmed_short("Smith JR Jr")["suffix"] == "Jr"


def test_affiliations_and_mesh():
    assert P.split_affiliations("(1)Dept A, X. (2)Dept B, Y.") == {1: "Dept A, X.", 2: "Dept B, Y."}
    assert P.split_affiliations("1Research Associate, King's College") == {1: "Research Associate, King's College"}
    assert P.split_affiliations("2 Department of Surgery") == {2: "Department of Surgery"}
    assert P.mesh_term("Patient Participation / psychology*") == "Patient Participation/*psychology"
    assert P.mesh_term("Choice Behavior*") == "*Choice Behavior"


def test_sniff():
    assert sniff("1. Health Expect. 2015 Feb;18(1):22-31.\n\nA title.\n") > 0.9
    assert sniff("Lorem ipsum dolor sit amet. In 2015. 2016 we went home.\n" * 20) == 0
    assert sniff("PMID- 22943560\nOWN - NLM\nSO  - Health Expect. 2015 Feb;18(1):22-31.\n") == 0
    assert sniff('[{"type": "article-journal", "title": "x"}]') == 0


def test_sniff_picks_pubmed_text_for_the_layouts(seed_path):
    assert citeport.read(seed_path).format == "pubmed-text"
    for text in (CURRENT_MINIMAL, CURRENT_ONLINE_AHEAD, EXPORT_SHAPES, LEGACY_WITH_LABELS):
        assert citeport.read(text).format == "pubmed-text"
