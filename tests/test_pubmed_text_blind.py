"""Blind check of the pubmed-text reader.

The fixtures in tests/data/pubmed_text_blind/ were written from knowledge of
what PubMed pages and "Abstract (text)" exports look like when copied from a
browser, before reading the reader's own fixtures.  Each expectation row says
what CSL-JSON the record must give.  A key left out of a row is not checked;
``None`` means "must be absent".
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import citeport

DATA = Path(__file__).parent / "data" / "pubmed_text_blind"


def _name(n: dict) -> str:
    if "literal" in n:
        return "=" + n["literal"]
    family = " ".join(p for p in (n.get("non-dropping-particle"), n.get("family")) if p)
    return f"{family}, {n.get('given', '')}".rstrip(", ")


# One row per record: file, record index, expected fields.
EXPECTED: list[tuple[str, int, dict[str, Any]]] = [
    ("01-legacy-labelled-chrome.txt", 0, dict(
        title="Reporting of adverse events in randomized trials of acupuncture: a systematic review",
        authors=["Hartmann, K.", "Lindqvist, P. E.", "Moreau, S."],
        cts="J Clin Epidemiol", issued=[[2016, 3]], available=[[2015, 10, 23]],
        volume="71", issue=None, page="45-53", DOI="10.1016/j.jclinepi.2015.10.002",
        PMID="26505387", PMCID=None, kw=6,
        abstract="BACKGROUND AND OBJECTIVE: To assess how completely",
        abstract_has=["RESULTS: Of 214", "CONCLUSION: Reporting"],
        pubtypes=["Research Support, Non-U.S. Gov't", "Review", "Systematic Review"],
        mesh_n=4, mesh_has=["Humans", "Acupuncture Therapy/*adverse effects"],
        copyright="Copyright © 2015 Elsevier Inc.",
    )),
    ("02-legacy-expanded-affiliations-firefox.txt", 0, dict(
        title="Walking groups for older adults in deprived urban areas: a qualitative study of barriers "
              "and facilitators",
        authors=["O'Donnell, C.", "McAllister-Briggs, J.", "Nwosu, E. A."],
        affil={0: "Institute of Health and Wellbeing", 1: "School of Nursing", 2: "Institute of Health"},
        cts="BMJ Open", issued=[[2013]], available=[[2013, 5, 28]], volume="3", issue="5", page="e002514",
        DOI="10.1136/bmjopen-2012-002514", PMID="23793705", PMCID="PMC3673456", kw=0,
        abstract="Physical activity declines with age", abstract_paras=4,
        pubtypes=["Research Support, Non-U.S. Gov't"], mesh_n=8,
        not_in_item=["who walks and who talks"], note_has=["Comment in: Walking groups"],
        comments_types=["CommentIn"],
    )),
    ("03-legacy-german-collective-safari.txt", 0, dict(
        title="Chronic heart failure in the elderly: what is new in the 2013 guideline?",
        translated=True,
        authors=["Bauer, M.", "Keller, T.", "=Arbeitsgruppe Herzinsuffizienz der DGK"],
        cts="Dtsch Med Wochenschr", issued=[[2014, 1]], available=[[2014, 1, 14]],
        volume="139", issue="3", page="87-92", DOI="10.1055/s-0033-1359925", PMID="24408710",
        language="de", abstract="Chronic heart failure affects", kw=0,
        not_in_item=["Heart failure therapy in old age"],
    )),
    ("04-legacy-ahead-of-print.txt", 0, dict(
        title="Financial toxicity after breast cancer surgery in Europe: a cross-sectional survey",
        authors=["Lindgren, A.", "Petrov, D.", "Ó Súilleabháin, N."],
        cts="Eur J Cancer Care (Engl)", issued=[[2019, 3, 14]], volume=None, issue=None,
        page="e13021", DOI="10.1111/ecc.13021", PMID="30873612", kw=4,
        abstract="OBJECTIVE: To measure out-of-pocket costs", abstract_has=["\nMETHODS: A cross"],
    )),
    ("05-current-partial-chrome.txt", 0, dict(
        title="Oral favipiravir versus placebo in adults with mild COVID-19 (FAVOR-1): a multicentre, "
              "double-blind, randomised, controlled trial",
        authors=["Gonzalez-Ruiz, Maria", "Becker, Thomas", "van den Broek, Pieter", "Tanaka, Aiko",
                 "=FAVOR-1 Trial Group"],
        cts="Lancet Infect Dis", issued=[[2021, 4]], available=[[2020, 12, 3]], volume="21", issue="4",
        page="512-523", DOI="10.1016/S1473-3099(20)30801-2", PMID="33275886", PMCID="PMC7712345",
        kw=4, keyword="COVID-19; SARS-CoV-2; antiviral therapy; favipiravir",
        abstract="Background: Favipiravir inhibits", abstract_has=["\nFunding: Fujifilm Toyama Chemical."],
        pubtypes=["Randomized Controlled Trial"],
    )),
    ("06-current-full-page-firefox.txt", 0, dict(
        title="Continuity of primary care and emergency department use among adults with multimorbidity",
        authors=["Adeyemi, Rachel K.", "Chen, David", "O'Neill, Susan M."],
        affil={0: "Department of Family Medicine", 1: "ICES", 2: "School of Public Health"},
        cts="Ann Fam Med", issued=[[2020, 1], [2020, 2]], available=None, volume="18", issue="1",
        page="34-42", DOI="10.1370/afm.2471", PMID="31937531", PMCID="PMC6959301", kw=4,
        abstract="Purpose: We examined whether", abstract_paras=4,
        coi="Conflicts of interest: authors report none",
        pubtypes=["Observational Study", "Research Support, Non-U.S. Gov't"],
        mesh_n=11, mesh_has=["*Multimorbidity", "Continuity of Patient Care/*statistics & numerical data"],
        grants_n=1,
        not_in_item=["Nguyen T", "CMAJ Open", "Epidemiology of multimorbidity", "Figure 1", "Rockville"],
    )),
    ("07-current-safari-season-question.txt", 0, dict(
        title="Do interprofessional simulation workshops change students' attitudes toward teamwork?",
        authors=["Whitfield, Hannah L.", "Oyelaran, Marcus", "Park-Sato, Jennifer"],
        cts="J Allied Health", issued_full={"date-parts": [[2019]], "season": 4}, available=None,
        volume="48", issue="4", page="245-251", DOI=None, PMID="31710691", PMCID=None, kw=0,
        abstract="Purpose: Interprofessional simulation", abstract_paras=4,
        pubtypes=["Evaluation Study"], mesh_n=6, not_in_item=["scoping review", "Kim S"],
    )),
    ("08-current-supplement-no-abstract.txt", 0, dict(
        title="Measuring what matters in veterans' primary care",
        authors=["Lefebvre, Anne-Marie", "Martínez, José A."],
        cts="J Gen Intern Med", issued=[[2018, 5]], volume="33", issue="Suppl 2", page="S23-S30",
        DOI="10.1007/s11606-018-4321-x", PMID="29633145", PMCID="PMC5930217", abstract=None, kw=0,
        type="article-journal", pubtypes=["Editorial", "Research Support, U.S. Gov't, Non-P.H.S."],
        comments={"CommentOn": "29356789", "ErratumIn": "29789012"}, mesh_n=5,
    )),
    ("09-export-single-cell.txt", 0, dict(
        title="Spatial transcriptomics of the human placenta reveals a trophoblast differentiation trajectory",
        authors=["Okonkwo, C. N.", "Varga-Lind, E.", "Hashemi, S.", "Brandt-Olsen, M.", "Li, W."],
        affil={0: "Department of Obstetrics", 3: "Novo Nordisk", 4: "Science for Life"},
        cts="Cell", issued=[[2021, 3, 4]], available=[[2021, 2, 10]], volume="184", issue="5",
        page="1245-1261.e18", DOI="10.1016/j.cell.2021.01.045", PMID="33592172", PMCID=None, kw=0,
        abstract="The placenta mediates exchange between mother and fetus, but how trophoblast subtypes",
        copyright="Copyright © 2021 Elsevier Inc.",
    )),
    ("10-export-three-records.txt", 0, dict(
        title="Sleep duration and depressive symptoms in adolescents: a longitudinal analysis of the "
              "Kowloon cohort",
        authors=["Chan, K. Y.", "Leung, S. M.", "Ho-Wong, T."], affil={1: "School of Public Health"},
        cts="PLoS One", issued=[[2019]], available=[[2019, 8, 12]], volume="14", issue="8", page="e0220123",
        DOI="10.1371/journal.pone.0220123", PMID="31404087", PMCID="PMC6690001",
        abstract="BACKGROUND: Short sleep is common in adolescents and has been linked to depression",
        coi="The authors have declared that no competing interests exist",
    )),
    ("10-export-three-records.txt", 1, dict(
        title="Does mindfulness training reduce burnout in nurses? A meta-analysis",
        authors=["Rossi, F.", "Bianchi, L.", "Esposito, G."], cts="Front Psychol",
        issued=[[2020]], available=[[2020, 2, 18]], volume="11", issue=None, page="213", DOI="10.3389/fpsyg.2020.00213",
        PMID="32132950", PMCID="PMC7040212", abstract="Burnout is frequent among nurses",
    )),
    ("10-export-three-records.txt", 2, dict(
        title="Surgical outcomes after elective surgery in low-income and middle-income countries: an "
              "international prospective cohort study",
        authors=["=GlobalSurg Collaborative"], investigators_n=7, cts="BMJ", issued=[[2022, 6, 14]],
        volume="377", issue=None, page="e069876", DOI="10.1136/bmj-2021-069876", PMID="35701021",
        PMCID="PMC9195431", abstract="OBJECTIVE: To compare 30 day outcomes",
        coi="Competing interests: All authors", note_has=["Comment in", "Erratum in"],
        comments_types=["CommentIn", "ErratumIn"],
    )),
    ("11-export-ahead-of-print-erratum.txt", 0, dict(
        title="Time to adjuvant chemotherapy after pancreatoduodenectomy and overall survival",
        authors=["Feldman, R. J.", "Osei-Bonsu, K.", "Nakamura, H."], cts="JAMA Surg",
        issued=[[2025, 10, 1]], volume=None, issue=None, page=None, DOI="10.1001/jamasurg.2025.3012",
        PMID="41023456", abstract="IMPORTANCE: The optimal interval",
    )),
    ("11-export-ahead-of-print-erratum.txt", 1, dict(
        title="Textbook outcome after liver resection for colorectal metastases",
        authors=["Moreno-Vidal, A.", "Carr, J. S."], cts="Ann Surg Oncol", issued=[[2020, 7]],
        available=[[2020, 2, 26]], volume="27", issue="7", page="2345-2353",
        DOI="10.1245/s10434-020-08301-5", PMID="32103416", abstract="BACKGROUND: Textbook outcome",
        note_has=["Erratum in"], comments_types=["ErratumIn"],
    )),
    ("11-export-ahead-of-print-erratum.txt", 2, dict(
        title="Frailty index predicts readmission after emergency laparotomy",
        authors=["Whitaker, P. B.", "Dunn, E."], cts="J Surg Res", issued=[[2019, 1, 3]], volume=None,
        DOI="10.1016/j.jss.2018.12.005", PMID="30612345", pii="S0022-4804(18)30876-5",
        abstract="Frailty was measured in 611 patients",
    )),
    ("11-export-ahead-of-print-erratum.txt", 3, dict(
        title="Department of Error", authors=[], cts="Lancet", issued=[[2020, 1, 4]], volume="395",
        issue="10217", page="e3", DOI="10.1016/S0140-6736(19)32937-5", PMID="31908290", abstract=None,
        comments_types=["ErratumFor"],
    )),
    ("12-export-crlf-nbsp-spanish-supplement.txt", 0, dict(
        title="Vaccination coverage against influenza in health workers: a regional study",
        translated=True, authors=["García-López, M.", "Fernández Ruiz, J. L."],
        cts="Rev Esp Salud Publica", issued=[[2018, 9, 4]], volume="92", issue=None, page="e201809045",
        DOI=None, PMID="30182943", language="es", abstract="OBJECTIVE: To describe influenza",
        other_abstract="OBJETIVO: Describir",
    )),
    ("12-export-crlf-nbsp-spanish-supplement.txt", 1, dict(
        title="Birthweight reference charts for twins: a population-based study",
        authors=["Andersen, L. B.", "Nielsen, K.", "Jensen-Holm, S."], cts="Paediatr Perinat Epidemiol",
        issued=[[2018]], page="S23-S30",
        # PubMed prints "18 Suppl 1:" when MEDLINE's VI is "18 Suppl 1" (no IP), "33(Suppl 2)" when IP is
        volume="18 Suppl 1", issue=None, DOI="10.1111/ppe.12480",
        PMID="29876543", abstract="We constructed sex-specific", copyright="© 2018 John Wiley",
    )),
    ("13-current-japanese-bracketed.txt", 0, dict(
        title="Factors associated with frailty among community-dwelling older adults in a rural town in Japan",
        translated=True, authors=["Yamamoto, Takeshi", "Sato, Yuki", "Watanabe, Kenji"],
        cts="Nihon Koshu Eisei Zasshi", issued=[[2017]], volume="64", issue="8", page="423-432",
        DOI="10.11236/jph.64.8_423", PMID="28931782", PMCID=None, language="ja", kw=4,
        abstract="Objectives", abstract_has=["This study aimed to identify factors"],
        pubtypes=["English Abstract"], mesh_n=6, not_in_item=["Social participation and frailty"],
    )),
    ("14-legacy-titlecase-labels-2012.txt", 0, dict(
        title="Reflective writing in undergraduate nursing: an exploratory study of student perceptions",
        authors=["Kowalczyk, A.", "Brennan-Hughes, M.", "De la Cruz, R. M."], cts="Nurse Educ Today",
        issued=[[2012, 7]], available=[[2011, 11, 9]], volume="32", issue="5", page="e19-24",
        DOI="10.1016/j.nedt.2011.10.007", PMID="22079015", kw=0,
        abstract="Background: Reflective writing is widely required", abstract_paras=4,
        abstract_has=["\nConclusion: Assessment may undermine"],
        pubtypes=["Research Support, Non-U.S. Gov't"], mesh_n=4,
    )),
    ("15-current-badge-above-citation.txt", 0, dict(
        title="Association of Social Media Use With Adolescent Sleep: A Systematic Review and Meta-analysis",
        authors=["Natarajan, Priya", "Hughes, Oliver J.", "Al-Sayed, Fatima"], cts="JAMA Netw Open",
        issued=[[2023, 6, 1]], volume="6", issue="6", page="e2317781", PMID="37294567", PMCID="PMC10254321",
        DOI="10.1001/jamanetworkopen.2023.17781", pubtypes=["Meta-Analysis"], abstract_paras=3,
        abstract="Importance: Social media use", kw=0,
    )),
    ("16-export-french-publisher-update-of.txt", 0, dict(
        title="Hypertension artérielle chez la personne âgée", translated=True, language="fr",
        authors=["Dupont, C.", "Favre-Meylan, L."], cts="Rev Med Suisse", issued=[[2021, 3, 10]],
        volume="17", issue="729", page="512-516", PMID="33715303", DOI=None,
        abstract=None, other_abstract="L'hypertension artérielle est fréquente",
    )),
    ("16-export-french-publisher-update-of.txt", 1, dict(
        title="Exercise for depression in older adults",
        authors=["Turner, A.", "Banerjee, S.", "=Cochrane Common Mental Disorders Group"],
        cts="Cochrane Database Syst Rev", issued=[[2019, 10, 8]], volume="10", issue="10", page="CD012345",
        DOI="10.1002/14651858.CD012345.pub2", PMID="31593987", PMCID="PMC6783456",
        abstract="BACKGROUND: Depression is common.", comments_types=["UpdateOf", "RetractionIn"],
        note_has=["Update of: Cochrane", "Retraction in: Cochrane"],
    )),
]

RECORD_COUNTS = {"16-export-french-publisher-update-of.txt": 2, "10-export-three-records.txt": 3, "11-export-ahead-of-print-erratum.txt": 4,
                 "12-export-crlf-nbsp-spanish-supplement.txt": 2}

_cache: dict[str, Any] = {}


def _read(name: str):
    if name not in _cache:
        _cache[name] = citeport.read(DATA / name)
    return _cache[name]


def _check(item: dict, exp: dict[str, Any]) -> list[str]:
    """Every mismatch between *item* and the expectation row, as readable strings."""
    custom = item.get("custom") or {}
    bad: list[str] = []

    def eq(label: str, got: Any, want: Any) -> None:
        if got != want:
            bad.append(f"{label}: got {got!r}, want {want!r}")

    simple = {"title": "title", "cts": "container-title-short", "volume": "volume", "issue": "issue",
              "page": "page", "DOI": "DOI", "PMID": "PMID", "PMCID": "PMCID", "type": "type",
              "keyword": "keyword"}
    for key, var in simple.items():
        if key in exp:
            eq(var, item.get(var), exp[key])
    if "cts" in exp and not item.get("container-title"):
        bad.append("container-title missing")
    if "authors" in exp:
        eq("author", [_name(n) for n in item.get("author") or []], exp["authors"])
    if "issued" in exp:
        eq("issued", (item.get("issued") or {}).get("date-parts"), exp["issued"])
    if "issued_full" in exp:
        eq("issued", item.get("issued"), exp["issued_full"])
    if "available" in exp:
        got = item.get("available-date")
        eq("available-date", got and got.get("date-parts"), exp["available"])
    if "kw" in exp:
        kws = [k for k in (item.get("keyword") or "").split("; ") if k]
        eq("keyword count", len(kws), exp["kw"])
    if "abstract" in exp:
        ab = item.get("abstract")
        if exp["abstract"] is None:
            eq("abstract", ab, None)
        elif not (ab or "").startswith(exp["abstract"]):
            bad.append(f"abstract starts {(ab or '')[:70]!r}, want {exp['abstract']!r}")
    for frag in exp.get("abstract_has", []):
        if frag not in (item.get("abstract") or ""):
            bad.append(f"abstract lacks {frag!r}")
    if "abstract_paras" in exp:
        eq("abstract paragraphs", len((item.get("abstract") or "").split("\n")), exp["abstract_paras"])
    if "language" in exp:
        eq("language", item.get("language"), exp["language"])
    elif item.get("language") not in (None, "en"):
        bad.append(f"language: got {item.get('language')!r}")
    if "translated" in exp:
        eq("custom.title-translated", custom.get("title-translated"), exp["translated"])
    if "pubtypes" in exp:
        eq("publication-types", custom.get("publication-types"), exp["pubtypes"])
    if "mesh_n" in exp:
        eq("mesh count", len(custom.get("mesh") or []), exp["mesh_n"])
    for m in exp.get("mesh_has", []):
        if m not in (custom.get("mesh") or []):
            bad.append(f"mesh lacks {m!r}: {custom.get('mesh')}")
    if "grants_n" in exp:
        eq("grants count", len(custom.get("grants") or []), exp["grants_n"])
    if "investigators_n" in exp:
        eq("investigators count", len(custom.get("investigators") or []), exp["investigators_n"])
    if "coi" in exp and exp["coi"] not in (custom.get("conflict-of-interest") or ""):
        bad.append(f"conflict-of-interest: got {custom.get('conflict-of-interest')!r}")
    if "copyright" in exp and not (custom.get("copyright") or "").startswith(exp["copyright"]):
        bad.append(f"copyright: got {custom.get('copyright')!r}")
    if "other_abstract" in exp:
        others = custom.get("other-abstract") or []
        if not any(exp["other_abstract"] in o for o in others):
            bad.append(f"other-abstract: got {others!r}")
    if "pii" in exp:
        pii = custom.get("pii") or (custom.get("other-ids") or {}).get("pii")
        eq("pii", pii, exp["pii"])
    for line in exp.get("note_has", []):
        if line not in (item.get("note") or ""):
            bad.append(f"note lacks {line!r}: {item.get('note')!r}")
    cc = custom.get("comments-corrections") or []
    if "comments_types" in exp:
        eq("comments-corrections types", sorted(c.get("type") for c in cc), sorted(exp["comments_types"]))
    for kind, pmid in exp.get("comments", {}).items():
        if not any(c.get("type") == kind and c.get("PMID") == pmid for c in cc):
            bad.append(f"comments-corrections lacks {kind} {pmid}: {cc}")
    details = custom.get("author-details") or []
    for idx, frag in exp.get("affil", {}).items():
        affs = details[idx].get("affiliation", []) if idx < len(details) else []
        if not any(a.startswith(frag) for a in affs):
            bad.append(f"author {idx} affiliation lacks {frag!r}: {affs}")
    # links to other records legitimately quote them (note, comments-corrections)
    flat = repr({k: v for k, v in item.items() if k not in ("note", "custom")}) + repr(
        {k: v for k, v in custom.items() if k != "comments-corrections"})
    for frag in exp.get("not_in_item", []):
        if frag in flat:
            bad.append(f"leaked text {frag!r}")
    return bad


@pytest.mark.parametrize("name,index,exp", EXPECTED, ids=[f"{n[:2]}-{i}" for n, i, _ in EXPECTED])
def test_blind_record(name: str, index: int, exp: dict[str, Any]) -> None:
    records = _read(name)
    assert records.format == "pubmed-text"
    assert len(records) == RECORD_COUNTS.get(name, 1)
    problems = _check(records[index], exp)
    assert not problems, "\n".join(problems)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in DATA.glob("*.txt")} == {n for n, _, _ in EXPECTED}
    assert len({n for n, _, _ in EXPECTED}) >= 12


def test_missing_author_warns_with_record() -> None:
    records = _read("11-export-ahead-of-print-erratum.txt")
    warnings = [d for d in records.diagnostics if getattr(d, "field", None) == "author"]
    assert len(warnings) == 1
