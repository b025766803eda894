"""Blind review 5 of the PubMed page-text reader: 27 page texts written for this review
(tests/data/pubmed_text_blind5/, expectations checked field by field against what each page says in
expected.json), and one test per bug fixed: names in capitals (OLDMEDLINE), Vietnamese "Van",
equal-contribution markers, badges in linked records, a legacy erratum reference without a period,
publication types of the previous pasted page, the "Cite" dialog, wrapped keywords, Notes-app line
separators, the legacy "Related citations in PubMed" list and a "III" suffix.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from citeport.model.names import parse_pubmed_short
from conftest import run_cli

DATA = Path(__file__).parent / "data" / "pubmed_text_blind5"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


from conftest import one_page as one, read_page as read  # noqa: E402


def names(item: dict) -> list[str]:
    out = []
    for a in item.get("author", []):
        if "literal" in a:
            out.append(a["literal"])
            continue
        family = " ".join(x for x in (a.get("non-dropping-particle"), a["family"]) if x)
        out.append(f"{family}, {a.get('given', '')}" + (f", {a['suffix']}" if a.get("suffix") else ""))
    return out


def summary(item: dict) -> dict:
    keys = ("type", "title", "container-title", "volume", "issue", "page", "DOI", "PMID", "PMCID", "keyword",
            "language")
    d = {k: item.get(k) for k in keys}
    d["issued"] = item.get("issued", {}).get("date-parts", [[None]])[0]
    d["author"] = names(item)
    ab = item.get("abstract")
    d["abstract"] = [ab[:40], ab.count("\n") + 1] if ab else None
    return {k: v for k, v in d.items() if v is not None}


# -- the fixtures, field by field ------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name):
    items = citeport.read(DATA / name)  # sniffed, as the CLI does
    assert [summary(it) for it in items] == EXPECTED[name]
    assert items.skipped == 0


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(EXPECTED)
    assert sum(len(v) for v in EXPECTED.values()) >= 30


# -- bug 1: names in capitals (OLDMEDLINE records, 1950s-60s) -------------------------------------------
# "R B ROSS" (current page) was read as short form family "R B", initials "R. O. S. S."; "LE GALL JR"
# (legacy page) as family "LE", initials "G. A. L. L.", suffix "JR".

def test_names_in_capitals():
    cur = one("Br Med J\n. 1962 Jun 2;1(5291):1512-4.\nHypothermia in the elderly\n"
              "R B ROSS, J R LE GALL, J D WATSON\nPMID: 13913456\n")
    assert cur["author"] == [{"family": "ROSS", "given": "R. B."}, {"family": "LE GALL", "given": "J. R."},
                             {"family": "WATSON", "given": "J. D."}]
    leg = one("Presse Med. 1965 Mar 13;73:657-60.\n\nHypothermia.\n\nDUPONT J, LE GALL JR, SMITH JA JR.\n\n"
              "PMID: 14276981 [PubMed - OLDMEDLINE for Pre1966]\n")
    assert leg["author"] == [{"family": "DUPONT", "given": "J."}, {"family": "LE GALL", "given": "J. R."},
                             {"family": "SMITH", "given": "J. A.", "suffix": "JR"}]


def test_parse_pubmed_short_capitals_keeps_suffix_after_initials():
    assert parse_pubmed_short("LE GALL JR") == {"family": "LE GALL", "given": "J. R."}
    assert parse_pubmed_short("Smith JR Jr") == {"family": "Smith", "given": "J. R.", "suffix": "Jr"}
    assert parse_pubmed_short("SMITH JA JR")["suffix"] == "JR"


# -- bug 2: "Hung Van Nguyen" gave family "Van Nguyen" (Van is a Vietnamese middle name there) -----------

def test_vietnamese_middle_name_van_is_not_a_particle():
    item = one("Lancet Oncol\n. 2018 Aug;19(8):e398-e409.\nA title of the review\n"
               "Hung Van Nguyen 1 , Thi Thu Ha Tran 1 , Jan Van Dijk 2 , Ngoc Anh Le 1\n"
               "Affiliations\n1 Hanoi Medical University, Hanoi, Vietnam.\n2 KU Leuven, Leuven, Belgium.\n"
               "PMID: 30102235\n")
    assert names(item) == ["Nguyen, Hung Van", "Tran, Thi Thu Ha", "Van Dijk, Jan", "Le, Ngoc Anh"]


# -- bug 3: equal-contribution "#" and corresponding "*" markers made the byline unreadable ---------------

def test_equal_contribution_markers():
    page = ("Nat Commun\n. 2021 Mar 5;12(1):1479.\nSingle-cell atlas of the human fetal kidney\n"
            "Li Wang # 1 , Hannah K Müller # 2 , Priya Ramaswamy * 2\nAffiliations\n1 Harvard Medical School, "
            "Boston, MA, USA.\n2 Max Delbrück Center, Berlin, Germany.\n# Contributed equally.\nPMID: 33674584\n")
    item = one(page)
    assert names(item) == ["Wang, Li", "Müller, Hannah K.", "Ramaswamy, Priya"]
    assert [d["affiliation"] for d in item["custom"]["author-details"]] == [
        ["Harvard Medical School, Boston, MA, USA."], ["Max Delbrück Center, Berlin, Germany."],
        ["Max Delbrück Center, Berlin, Germany."]]
    # Firefox: each marker on a line of its own
    firefox = page.replace("Li Wang # 1 , Hannah K Müller # 2 , Priya Ramaswamy * 2",
                           "Li Wang\n#\n1\n,\nHannah K Müller\n#\n2\n,\nPriya Ramaswamy\n*\n2")
    assert names(one(firefox)) == names(item)
    legacy = one("Nat Commun. 2021 Mar 5;12(1):1479.\n\nAtlas.\n\nWang L#1, Müller HK#2, Ramaswamy P*2.\n\n"
                 "PMID: 33674584\n")
    assert names(legacy) == ["Wang, L.", "Müller, H. K.", "Ramaswamy, P."]


# -- bug 4: "Free PMC article." / "Clinical Trial." after a linked record's PMID stayed in its reference -------

def test_badges_after_a_linked_pmid_are_not_the_reference():
    item = one("JAMA\n. 2020 Aug 4;324(5):511.\nHydroxychloroquine for COVID-19-Reply\nAlexandre B Cavalcanti 1\n"
               "Affiliations\n1 HCor Research Institute, São Paulo, Brazil.\nPMID: 32749496\nComment on\n"
               "Hydroxychloroquine with or without Azithromycin in Mild-to-Moderate Covid-19.\n"
               "Cavalcanti AB, Zampieri FG, Rosa RG, et al.\n"
               "N Engl J Med. 2020 Nov 19;383(21):2041-2052. doi: 10.1056/NEJMoa2019014. Epub 2020 Jul 23.\n"
               "PMID: 32706953 Free PMC article. No abstract available. Clinical Trial.\n")
    assert item["custom"]["comments-corrections"] == [{
        "type": "CommentOn", "PMID": "32706953",
        "ref": "Hydroxychloroquine with or without Azithromycin in Mild-to-Moderate Covid-19. Cavalcanti AB, "
               "Zampieri FG, Rosa RG, et al. N Engl J Med. 2020 Nov 19;383(21):2041-2052. "
               "doi: 10.1056/NEJMoa2019014. Epub 2020 Jul 23."}]


# -- bug 5: the legacy "Erratum in" reference "Lancet 2002 Jul 6;360(9326):94." went into the abstract -----

def test_legacy_erratum_reference_without_period_after_journal():
    item = one("Lancet. 2002 Jun 15;359(9323):2059-74.\n\nEffects of ramipril.\n\nYusuf S, Sleight P.\n\n"
               "Abstract\n\nRamipril reduces the rates of death.\n\nErratum in\n\n"
               "    Lancet 2002 Jul 6;360(9326):94.\n\nPMID: 12086760 [PubMed - indexed for MEDLINE]\n")
    assert item["abstract"] == "Ramipril reduces the rates of death."
    assert item["custom"]["comments-corrections"] == [{"type": "ErratumIn",
                                                       "ref": "Lancet 2002 Jul 6;360(9326):94."}]


# -- bug 6: a page without a type line took the previous pasted page's last publication type ------------

def test_pasted_page_does_not_take_the_previous_pages_publication_types():
    first = ("Blood\n. 1998 Nov 15;92(10):3490-3500.\nDonor T cell depletion and graft failure\nPaul J Martin 1\n"
             "Affiliation\n1 Fred Hutchinson Cancer Research Center, Seattle, WA, USA.\nPMID: 9808540\n"
             "Publication types\nComparative Study\n")
    second = ("BMJ\n. 2024 Feb 27;384:e077192.\nPrevalence of long covid symptoms in adults\nAisha Rahman 1\n"
              "Affiliations\n1 University of Bristol, Bristol, UK.\nPMID: 38413103\n")
    items = read(first + "\n" + second)
    assert [it["PMID"] for it in items] == ["9808540", "38413103"]
    assert items[0]["custom"]["publication-types"] == ["Comparative Study"]
    assert "publication-types" not in items[1].get("custom", {})
    # its own type line, after a blank line, is still its own
    items = read(first + "\nReview\n" + second)
    assert items[1]["custom"]["publication-types"] == ["Review"]


# -- bug 7: the "Cite" dialog (and "Cite"/"Share" buttons) became publication types / grants -------------

def test_cite_dialog_text_is_not_record_data():
    page = ("Annu Rev Immunol\n. 2020 Apr 26;38:289-313.\nThe Biology of Tissue-Resident Memory T Cells\n"
            "Laura K Mackay 1 , Francis R Carbone 1\nAffiliations\n1 University of Melbourne, Melbourne, Australia.\n"
            "PMID: 31986068\nAbstract\nTissue-resident memory T cells provide frontline protection.\n"
            "Publication types\nReview\nGrants and funding\nR01 AI123456/AI/NIAID NIH HHS/United States\n")
    dialog = ("Cite\nFormat: AMA APA MLA NLM\nMackay LK, Carbone FR. The Biology of Tissue-Resident Memory T Cells. "
              "Annu Rev Immunol. 2020 Apr 26;38:289-313. PMID: 31986068.\nCopy\nDownload .nbib .ris\n")
    item = one(page + dialog)
    assert item["custom"]["publication-types"] == ["Review"]
    assert item["custom"]["grants"] == ["R01 AI123456/AI/NIAID NIH HHS/United States"]
    assert "note" not in item
    # right after the abstract, the chooser's options on lines of their own
    short = page[:page.index("Publication types")]
    item = one(short + "Cite\nCopy\nDownload .nbib\nFormat:\nAMA\nAPA\nMLA\nNLM\n"
               "Mackay LK, Carbone FR. The Biology. Annu Rev Immunol. 2020;38:289-313. PMID: 31986068.\n")
    assert item["abstract"] == "Tissue-resident memory T cells provide frontline protection."
    assert "note" not in item
    assert one(page + "Cite\nShare\n")["custom"]["grants"] == ["R01 AI123456/AI/NIAID NIH HHS/United States"]


# -- bug 8: a keyword list wrapped after a ";" left its end in the note ---------------------------------------

def test_wrapped_keyword_line():
    item = one("Front Immunol\n. 2022 Oct 3;13:1001234.\nCase report: HLH after CAR T-cell therapy\n"
               "Ming-Hui Lin 1\nAffiliations\n1 National Taiwan University Hospital, Taipei, Taiwan.\nPMID: 36263039\n"
               "Abstract\nHLH is a rare complication.\nKeywords: CAR T-cell; Castleman disease;\n"
               "hemophagocytic lymphohistiocytosis.\nCopyright © 2022 Lin.\n")
    assert item["keyword"] == "CAR T-cell; Castleman disease; hemophagocytic lymphohistiocytosis"
    assert item["abstract"] == "HLH is a rare complication."
    assert "note" not in item


# -- bug 9: a page saved by a Notes app (U+2028 line separators) or with Word's soft breaks (\v) ------------

@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x0b", "\r\n", "\r"])
def test_line_separators(sep):
    lines = ["Editorial", "BMJ", ". 2011 Mar 8;342:d1548.", "doi: 10.1136/bmj.d1548.", "Retraction of Wakefield paper",
             "Fiona Godlee", "PMID: 21386290", "No abstract available"]
    item = one(sep.join(lines))
    assert (item["title"], names(item), item["PMID"], item["page"]) == (
        "Retraction of Wakefield paper", ["Godlee, Fiona"], "21386290", "d1548")


# -- bug 10: the legacy "Related citations in PubMed" list became publication types -----------------------

def test_legacy_related_citations_are_not_publication_types():
    item = one("Eur Heart J. 2012 Jul;33(14):1787-847.\n\nESC Guidelines 2012.\n\nMcMurray JJ, Adamopoulos S.\n\n"
               "PMID: 22611136 [PubMed - indexed for MEDLINE]\nPublication Types, MeSH Terms\n\nPublication Types\n"
               "Practice Guideline\n\nRelated citations in PubMed\n\n"
               "    2016 ESC Guidelines for heart failure. [Eur Heart J. 2016]\n")
    assert item["custom"]["publication-types"] == ["Practice Guideline"]
    assert "2016" not in item.get("note", "")


# -- bug 11: "John Q Public III" was read as family "John Q Public", initials "I. I. I." ----------------

def test_roman_suffix_after_a_full_name():
    item = one("J Clin Oncol\n. 2015 Jul 10;33(20):2245-53.\nA phase II trial\n"
               "John Q Public III 1 , Robert W Carlson 3rd 1 , Ann Lee 1\nAffiliations\n1 Stanford University, "
               "Stanford, CA, USA.\nPMID: 26055001\n")
    assert names(item) == ["Public, John Q., III", "Carlson, Robert W., 3rd", "Lee, Ann"]


# -- the CLI end to end -------------------------------------------------------------------------------------

def test_cli_apa_for_a_word_paste():
    result = run_cli("format", str(DATA / "03-word-smartquotes-crlf.txt"), "--style", "apa")
    assert result.returncode == 0, result.stderr_text
    assert result.stdout_text.strip() == (
        "O’Brien, S., García-Pérez, J. M., Nguyen, H. V., Tran, T. T. H., & Da Silva, A. P. (2018). “Watch and "
        "wait” after neoadjuvant therapy for rectal cancer: a systematic review of patients’ perspectives. "
        "Lancet Oncol, 19(8), e398–e409. https://doi.org/10.1016/S1470-2045(18)30350-2")
