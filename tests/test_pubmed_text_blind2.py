"""Second blind check of the ``pubmed-text`` reader.

The page texts in tests/data/pubmed_text_blind2/ were written from memory of how PubMed pages
and its "Abstract (text)" export look, before reading the reader, to probe shapes the earlier
fixtures may have missed (long and particle-rich author lists, collectives in any position,
non-English articles, retractions and other link blocks, ahead-of-print / eCollection /
supplement / season citation lines, Firefox-style affiliation numbers, several pages in one file).
Each record is checked field by field against a table of expectations.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import citeport

DATA = Path(__file__).parent / "data" / "pubmed_text_blind2"

J = "article-journal"


def name(a: dict[str, Any]) -> str:
    """One author as "particle family, given" (or the literal)."""
    if "literal" in a:
        return a["literal"]
    family = " ".join(p for p in (a.get("non-dropping-particle"), a.get("family")) if p)
    given = " ".join(p for p in (a.get("given"), a.get("dropping-particle")) if p)
    return f"{family}, {given}" if given else family


def rec(title: str, n: int, first: str | None, last: str | None, cts: str, issued: list, **kw: Any) -> dict:
    return dict(title=title, n=n, first=first, last=last, cts=cts, issued=issued, **kw)


# file -> expected records, in order.  Keys besides the rec() arguments: available (date-parts),
# volume, issue, page, DOI, PMID, PMCID (None = must be absent), kw (keyword count, 0 = none),
# abs (abstract start, None = no abstract), language, type, season, cc (comments-corrections
# types that must be present), pt (publication types that must be present).
CASES: dict[str, list[dict]] = {
    "01-current-chrome-long-authors.txt": [rec(
        "Intermittent Dosing of Oral Anticoagulants after Atrial Ablation", 38,
        "Anderson, Kristin L.", "ATLAS-AF Investigators", "N Engl J Med", [[2019, 12, 12]],
        available=[[2019, 9, 28]], volume="381", issue="24", page="2304-2316",
        DOI="10.1056/NEJMoa1909311", PMID="31562798", PMCID="PMC7010132", kw=0,
        abs="Background: Continuous oral anticoagulation", type=J, cc={"CommentIn"},
        pt={"Randomized Controlled Trial", "Multicenter Study"})],
    "02-current-firefox-particles.txt": [rec(
        "Socioeconomic inequalities in cardiovascular mortality in Southern Europe: a systematic review",
        7, "García-López, María José", "Nguyen, Van Anh", "Eur J Epidemiol", [[2017, 7], [2017, 8]],
        available=[[2017, 7, 14]], volume="32", issue="7-8", page="555-571",
        DOI="10.1007/s10654-017-0288-1", PMID="28711111", PMCID=None, kw=5,
        abs="Cardiovascular mortality shows", type=J, pt={"Review", "Systematic Review"},
        names={1: "O'Neill, Seán", 2: "D'Amico, Giuseppe", 3: "de la Fuente, Marta",
               4: "Müller, Hans-Peter", 5: "van der Berg, Jan"})],
    "03-legacy-author-info.txt": [rec(
        "Prevalence of vitamin D insufficiency in adolescents: a multicentre cross-sectional study", 7,
        "O'Connor, M.", "Kiran", "Pediatrics", [[2005, 12]],
        available=[[2005, 11, 15]], volume="116", issue="6 Pt 2", page="e812-9",
        DOI="10.1542/peds.2005-0934", PMID="16322141", kw=0,
        abs="OBJECTIVE: To estimate the prevalence", type=J,
        names={1: "D'Souza, R.", 2: "Al-Hassan, F.", 3: "van den Broek, P.", 4: "St-Pierre, J.",
               5: "MacDonald, A. B."}, pt={"Multicenter Study"})],
    "04-export-six-mixed.txt": [
        rec("Exercise for depression in older adults", 4, "Fernández-Ruiz, A.", "Whitfield-Jones, K.",
            "Cochrane Database Syst Rev", [[2019, 6, 11]], volume="6", issue="6", page="CD012345",
            DOI="10.1002/14651858.CD012345.pub2", PMID="31185712", PMCID="PMC6557841",
            abs="BACKGROUND: Depression is common", type=J, cc={"UpdateOf"},
            names={1: "Ó Dónaill, C.", 2: "Cochrane Common Mental Disorders Group"}),
        rec("Retracted: Circulating tumor DNA predicts relapse in resected colorectal cancer", 4,
            "Zhang, W.", "Schmidt-Hansen, L.", "J Clin Oncol", [[2012, 3, 10]], available=[[2012, 2, 6]],
            volume="30", issue="8", page="812-20", DOI="10.1200/JCO.2011.38.1234", PMID="22312100",
            PMCID=None, abs="PURPOSE: To determine whether", cc={"RetractionIn", "CommentIn"}, n_cc=3,
            names={2: "Petrov, A. V."}),
        rec("Endoscopic submucosal dissection for early gastric cancer in patients aged 85 years and older",
            3, "Tanaka, T.", "Yamamoto, H.", "Nihon Shokakibyo Gakkai Zasshi", [[2018]], volume="115",
            issue="3", page="290-298", DOI="10.11405/nisshoshi.115.290", PMID="29515097", abs=None,
            language="ja", translated=True),
        rec("Dexamethasone in hospitalised adults with influenza pneumonia: a randomised controlled trial",
            5, "RECOVERY Collaborative Group", "Landray, M. J.", "Lancet Infect Dis", [[2023, 2, 3]],
            volume=None, issue=None, page="S1473-3099(23)00011-9", DOI="10.1016/S1473-3099(23)00011-9",
            PMID="36750000", abs="BACKGROUND: The role of corticosteroids", coi="We declare no competing"),
        rec("Gut microbiota composition in children with autism spectrum disorder", 3, "Nguyen, V. A.",
            "de Souza Lima, R.", "PLoS One", [[2019]], available=[[2019, 3, 15]], volume="14", issue="3",
            page="e0213456", DOI="10.1371/journal.pone.0213456", PMCID="PMC6420001", PMID="30875000",
            abs="The gut microbiota has been implicated"),
        rec("Antimicrobial stewardship in long-term care facilities", 3, "Müller-Schmidt, K.",
            "de Vries, E.", "Clin Infect Dis", [[2011, 1]], volume="52 Suppl 1", issue=None, page="S1-5",
            DOI="10.1093/cid/ciq001", PMID="21148510", abs="Long-term care facilities are reservoirs",
            cc={"ErratumIn"}, names={1: "Dell'Acqua, L."}),
    ],
    "05-current-chinese-ahead.txt": [rec(
        "Expert consensus on the management of severe pneumonia caused by a novel coronavirus", 2,
        "Chinese Thoracic Society", "Chinese Association of Chest Physicians", "Zhonghua Jie He He Hu Xi Za Zhi",
        [[2020, 2, 6]], volume="43", issue="0", page="E005", DOI="10.3760/cma.j.issn.1001-0939.2020.0005",
        PMID="32026000", PMCID=None, abs=None, language="zh", kw=0, translated=True,
        pt={"English Abstract", "Practice Guideline"})],
    "06-current-retracted-eoc.txt": [rec(
        "Curcumin supplementation improves memory in healthy older adults", 4, "Papadopoulos, Dimitrios",
        "bin Rashid, Ahmed", "Sci Rep", [[2016, 9, 14]], volume="6", issue=None, page="33121",
        DOI="10.1038/srep33121", PMID="27624000", PMCID="PMC5021980", kw=3,
        abs="Curcumin has anti-inflammatory properties", type=J,
        cc={"RetractionIn", "ExpressionOfConcernIn"}, pt={"Retracted Publication"},
        names={1: "Ní Bhriain, Aoife", 2: "Lefèvre, Jean-Luc"})],
    # (session 8: the server "bioRxiv" is the preprint's publisher and "2020.04.27.064774" its number, not
    # journal and pages -- conventions.md "preprints"; tests/test_preprints.py checks where they went)
    "07-current-preprint.txt": [rec(
        "Structural basis of receptor recognition by a bat coronavirus spike protein", 4,
        "Takahashi, Yuki", "Eriksson, Lars", None, [[2020, 4, 30]], volume=None, issue=None,
        page=None, DOI="10.1101/2020.04.27.064774", PMID="32511300", PMCID="PMC7217200",
        abs="Bat coronaviruses are a reservoir", type="article", cc={"UpdateIn"}, pt={"Preprint"})],
    "08-export-german-season.txt": [rec(
        "Health literacy in migrants in Germany: a cross-sectional study", 3, "Schäfer-Köhler, B.",
        "von Stein, J.", "Gesundheitswesen", [[2016]], season=4, available=[[2016, 3, 8]], volume="78",
        issue="12", page="e150-e158", DOI="10.1055/s-0042-100000", PMID="26953000",
        abs="OBJECTIVE: We examined the health literacy", language="de", translated=True,
        abs_not="ZIEL DER STUDIE", names={1: "Yıldız, A."})],
    "09-current-spanish-season.txt": [rec(
        "Adherence to antihypertensive treatment in primary care in Chile", 3, "Muñoz-Soto, Paula Andrea",
        "Vergara-Pérez, Claudio", "Rev Med Chil", [[2019]], season=1, volume="147", issue="3", page="301-309",
        DOI="10.4067/S0034-98872019000300301", PMID="31344000", abs="Background: Adherence to antihypertensive",
        language="es", translated=True, names={1: "de la Cerda, José Ignacio"})],
    "10-export-corrected-republished.txt": [rec(
        "Effect of a Mediterranean diet on cardiovascular events: a randomized trial", 5, "Estruch, R.",
        "PREDIMED Study Investigators", "JAMA", [[2018, 7, 3]], volume="320", issue="1", page="39-48",
        DOI="10.1001/jama.2018.7894", PMID="29971300", abs="IMPORTANCE: Observational studies",
        cc={"CorrectedandRepublishedFrom", "CommentIn"}, n_cc=4, names={2: "Salas-Salvadó, J."})],
    "11-legacy-crlf-nbsp.txt": [rec(
        "Screening for hepatitis C in primary care: a cost-effectiveness analysis", 4,
        "Lindqvist-Berg, E.", "Abdel-Rahman, O.", "Ann Intern Med", [[2014, 10, 7]], volume="161",
        issue="7", page="473-80", DOI="10.7326/M14-0123", PMID="25285542", kw=4,
        abs="BACKGROUND: Hepatitis C virus infection", names={1: "Ó Súilleabháin, P.", 2: "de Klerk, N."},
        cc={"CommentIn"}, note="indexed for MEDLINE")],
    "12-current-two-pages.txt": [
        rec("Effects of a polypill on cardiovascular risk factors in middle-aged adults", 4, "Yusuf, Salim",
            "Indian Polycap Study (TIPS)", "Lancet", [[2008, 11, 22]], volume="372", issue="9652",
            page="1809-18", DOI="10.1016/S0140-6736(08)61591-7", PMID="19054000", kw=0,
            abs="Background: A polypill", pt={"Clinical Trial, Phase II"}),
        rec("Single-cell transcriptomics of the ageing human heart", 3, "O'Brien, Liam", "Park, Hye-Jin",
            "Circ Res", [[2021, 1, 8]], available=[[2020, 11, 20]], volume="128", issue="1", page="e1-e15",
            DOI="10.1161/CIRCRESAHA.120.317000", PMID="33216000", kw=4,
            abs="The cellular composition of the heart", names={1: "D'Angelo, Sofia"}),
    ],
    "13-current-erratum-update-parts.txt": [rec(
        "Diagnosis and classification of diabetes mellitus", 1, "American Diabetes Association",
        "American Diabetes Association", "Diabetes Care", [[2010, 1]], volume="33 Suppl 1", issue="Suppl 1",
        page="S62-9", DOI="10.2337/dc10-S062", PMID="20042775", PMCID="PMC2797383", abs=None,
        cc={"ErratumIn", "UpdateOf", "UpdateIn"}, pt={"Practice Guideline"})],
    "14-legacy-no-authors-pmc.txt": [rec(
        "Part 2 of a two-part series on heart failure with preserved ejection fraction", 0, None, None,
        "Circulation", [[2003, 12, 16]], available=[[2003, 11, 24]], volume="108", issue="24",
        page="3006-10", DOI="10.1161/01.CIR.0000103131.70301.4F", PMID="14638539", PMCID="PMC1234567",
        kw=3, abs="Diastolic heart failure accounts", missing_author_warning=True)],
    "15-export-long-authors.txt": [rec(
        "Genome-wide association meta-analysis of 1.3 million individuals identifies loci for blood pressure",
        34, "Abe, A.", "GenScot Consortium", "Nat Genet", [[2022, 4]], available=[[2022, 3, 31]],
        volume="54", issue="4", page="412-436", DOI="10.1038/s41588-022-01024-z", PMID="35361930",
        PMCID="PMC9005432", abs="Blood pressure is a heritable trait", cc={"ErratumIn"},
        names={13: "Nagy, E. F.", 32: "Grant, D."}, coi="The authors declare no competing")],
    "16-current-truncated-authors.txt": [rec(
        "Baseline Characteristics and Outcomes of 1591 Patients Infected With SARS-CoV-2 Admitted to ICUs "
        "of the Lombardy Region, Italy", 22, "Grasselli, Giacomo", "COVID-19 Lombardy ICU Network", "JAMA",
        [[2020, 4, 28]], volume="323", issue="16", page="1574-1581", DOI="10.1001/jama.2020.5394",
        PMID="32250385", PMCID="PMC7136855", abs="Importance: In December 2019", cc={"CommentIn"}, n_cc=2,
        names={16: "Ranieri, Marco Vito"}, pt={"Multicenter Study"})],
    "17-current-bmjopen-oneline.txt": [rec(
        "Burnout among junior doctors in low-income countries: a mixed-methods study", 5,
        "Mensah-Bonsu, Kwame", "Dlamini, Thandiwe", "BMJ Open", [[2020, 11, 2]], volume="10", issue="11",
        page="e038712", DOI="10.1136/bmjopen-2020-038712", PMID="33139300", PMCID="PMC7607611", kw=4,
        abs="Objectives: To estimate the prevalence", coi="Competing interests: None declared",
        copyright="Author(s)")],
    # -- written after reading the reader (regressions for what a probe found, not part of the blind count) --
    "18-current-et-al-shortened.txt": [rec(
        "Heart failure", 6, "Savarese, Gianluigi", "Coats, Andrew J. S.", "Nat Rev Dis Primers", [[2022, 6, 9]],
        volume="8", issue="1", page="38", DOI="10.1038/s41572-022-00365-2", PMID="35680900",
        abs="Heart failure is a clinical syndrome", pt={"Review"}, warn="truncated")],
    "19-export-cochrane-erratum-for.txt": [
        rec("Exercise for depression", 8, "Cooney, G. M.", "Mead, G. E.", "Cochrane Database Syst Rev",
            [[2014, 3, 27]], volume=None, issue="3", page="CD004366", DOI="10.1002/14651858.CD004366.pub6",
            PMID="24026850", PMCID="PMC6464519", cc={"UpdateIn", "UpdateOf"}, n_cc=2),
        rec("Letter to the editor", 1, "Smith, J.", "Smith, J.", "Am J Public Health", [[1998, 9]],
            PMID="9736875", abs=None, cc={"ErratumFor"}),
        rec("Outcomes of awake craniotomy in eloquent glioma", 3, "Yamada, K.", "Kim, J. H.", "J Neurosurg",
            [[2024, 1, 5]], volume=None, page="1-10", DOI="10.3171/2023.11.JNS231234", PMID="38181500"),
        rec("Not Available", 2, "Hansen, J. B.", "Ødegaard, S.", "Ugeskr Laeger", [[2012, 10, 1]], language="da",
            abs=None),
        rec("Vitamin D status of the adult population of Moscow", 2, "Kodentsova, V. M.", "Risnik, D. V.",
            "Vopr Pitan", [[2020]], available=[[2020, 6, 24]], language="ru", abs=None, translated=True,
            note="Abstract available in Russian from the publisher"),
    ],
}
BLIND = [name for name in CASES if name < "18"]  # the files written before reading the reader

ABSENT = object()
SIMPLE = ("volume", "issue", "page", "DOI", "PMID", "PMCID", "language", "type")
NOISE = re.compile(r"\d|Affiliation|Collaborator|Expand|Show all|Author information|et al", re.I)


def check(item: dict, exp: dict, diagnostics: list) -> list[str]:
    """Every difference between *item* and the expectations *exp*."""
    bad: list[str] = []

    def eq(label: str, got: Any, want: Any) -> None:
        if got != want:
            bad.append(f"{label}: got {got!r}, want {want!r}")

    eq("title", item.get("title"), exp["title"])
    authors = [name(a) for a in item.get("author", [])]
    eq("author count", len(authors), exp["n"])
    if authors:
        eq("first author", authors[0], exp["first"])
        eq("last author", authors[-1], exp["last"])
    for i, want in exp.get("names", {}).items():
        eq(f"author {i}", authors[i] if i < len(authors) else None, want)
    noisy = [a for a in authors if NOISE.search(a) and a not in (exp["first"], exp["last"])]
    eq("noisy authors", noisy, [])
    eq("container-title-short", item.get("container-title-short"), exp["cts"])
    issued = item.get("issued", {})
    eq("issued", issued.get("date-parts"), exp["issued"])
    if "season" in exp:
        eq("season", issued.get("season"), exp["season"])
    if "available" in exp:
        eq("available-date", item.get("available-date", {}).get("date-parts"), exp["available"])
    for key in SIMPLE:
        if key in exp:
            eq(key, item.get(key), exp[key])
    if "kw" in exp:
        kws = [k for k in item.get("keyword", "").split("; ") if k]
        eq("keyword count", len(kws), exp["kw"])
    if "abs" in exp:
        abstract = item.get("abstract")
        if exp["abs"] is None:
            eq("abstract", abstract, None)
        elif not (abstract or "").startswith(exp["abs"]):
            bad.append(f"abstract: got {(abstract or '')[:60]!r}, want start {exp['abs']!r}")
    if "abs_not" in exp and exp["abs_not"] in (item.get("abstract") or ""):
        bad.append(f"abstract contains {exp['abs_not']!r}")
    custom = item.get("custom", {})
    cc = custom.get("comments-corrections", [])
    if "cc" in exp:
        missing = exp["cc"] - {c.get("type") for c in cc}
        if missing:
            bad.append(f"comments-corrections lacks {sorted(missing)} (got {cc!r})")
    if "n_cc" in exp:
        eq("comments-corrections count", len(cc), exp["n_cc"])
    if "pt" in exp:
        missing = exp["pt"] - set(custom.get("publication-types", []))
        if missing:
            bad.append(f"publication-types lacks {sorted(missing)} (got {custom.get('publication-types')!r})")
    if exp.get("translated"):
        eq("title-translated", custom.get("title-translated"), True)
    if "coi" in exp and not (custom.get("conflict-of-interest") or "").startswith(exp["coi"]):
        bad.append(f"conflict-of-interest: got {custom.get('conflict-of-interest')!r}")
    if "copyright" in exp and exp["copyright"] not in (custom.get("copyright") or ""):
        bad.append(f"copyright: got {custom.get('copyright')!r}")
    if "note" in exp and exp["note"] not in (item.get("note") or ""):
        bad.append(f"note lacks {exp['note']!r}: {item.get('note')!r}")
    if "warn" in exp and not any(d.code == exp["warn"] and d.field == "author" for d in diagnostics):
        bad.append(f"no {exp['warn']!r} warning about the authors")
    if exp.get("missing_author_warning"):
        if not any(getattr(d, "field", None) == "author" for d in diagnostics):
            bad.append("no missing-author warning")
    return bad


@pytest.mark.parametrize("filename", sorted(CASES))
def test_blind2_record(filename: str) -> None:
    records = citeport.read(DATA / filename)
    assert records.format == "pubmed-text"
    expected = CASES[filename]
    assert len(records) == len(expected), [r.get("title") for r in records]
    problems = []
    for index, (item, exp) in enumerate(zip(records, expected), start=1):
        problems += [f"record {index}: {p}" for p in check(item, exp, records.diagnostics)]
    assert not problems, "\n".join(problems)


def test_blind2_covers_enough_records() -> None:
    assert len(BLIND) >= 15 and sum(len(CASES[name]) for name in BLIND) >= 20
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(CASES)
