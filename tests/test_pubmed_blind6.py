"""Blind review 6 of the PubMed page-text reader: 34 page texts of varied real content (oncology, surgery,
psychology, nursing, veterinary, chemistry, medical physics, public health, dentistry, genetics; GeneReviews and
StatPearls chapters; Cochrane, MMWR, BMJ/Nature/IJMS citation shapes; Arabic, Irish, Iberian, Indian, Korean and
Chinese names) in tests/data/pubmed_text_blind6/, their expectations checked field by field against what each page
says (expected.json), and one test per bug fixed.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from citeport.model.names import parse_name
from conftest import run_cli

DATA = Path(__file__).parent / "data" / "pubmed_text_blind6"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


from conftest import one_page as one  # noqa: E402


def names(people: list[dict]) -> list[str]:
    out = []
    for a in people:
        if "literal" in a:
            out.append(a["literal"])
            continue
        family = " ".join(x for x in (a.get("non-dropping-particle"), a["family"]) if x)
        out.append(f"{family}, {a.get('given', '')}" + (f", {a['suffix']}" if a.get("suffix") else ""))
    return out


def summary(item: dict) -> dict:
    keys = ("type", "title", "container-title", "volume", "issue", "page", "DOI", "PMID", "PMCID", "keyword",
            "language", "publisher", "publisher-place")
    d = {k: item.get(k) for k in keys}
    d["issued"] = item.get("issued", {}).get("date-parts", [[None]])[0]
    d["available"] = item.get("available-date", {}).get("date-parts", [[None]])[0] if "available-date" in item else None
    d["author"] = names(item.get("author", []))
    d["editor"] = names(item.get("editor", [])) or None
    ab = item.get("abstract")
    d["abstract"] = [ab[:40], ab[-40:], ab.count("\n") + 1] if ab else None
    custom = item.get("custom", {})
    d["links"] = [[c["type"], c.get("PMID")] for c in custom.get("comments-corrections", [])] or None
    for key in ("copyright", "publication-types", "title-translated", "substances", "grants"):
        d[key] = custom.get(key)
    d["tags"] = {k: v for k, v in custom.get("tags", {}).items() if k != "pubmed-text:affiliation"} or None
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


CURRENT = ("J Clin Oncol\n. 2019 Jun 10;37(17):1440-1450.\n doi: 10.1200/JCO.18.02157.\nA title of the trial\n"
           "{byline}\nAffiliations\n1 Dublin, Ireland.\n2 Cairo, Egypt.\nPMID: 30969862\n")


def byline(line: str) -> list[str]:
    return names(one(CURRENT.format(byline=line))["author"])


# -- bug 1 and 2: one name the byline test rejected ("St. Clair": a period and a space; "de' Medici": a particle
# with an apostrophe) made the whole current byline fall into the note, the record without authors ----------------

def test_byline_with_st_period_and_italian_de_apostrophe():
    assert byline("Tomás Ó Súilleabháin 1 , Hiroshi Tanaka 2 , Emma J St. Clair 2") == [
        "Ó Súilleabháin, Tomás", "Tanaka, Hiroshi", "St. Clair, Emma J."]
    item = one(CURRENT.format(byline="Giovanni de' Medici 1 , Pieter van der Berg-Jansen 2 , ESODATA-II Collaborative"))
    assert item["author"] == [{"family": "Medici", "given": "Giovanni", "non-dropping-particle": "de'"},
                              {"family": "Berg-Jansen", "given": "Pieter", "non-dropping-particle": "van der"},
                              {"literal": "ESODATA-II Collaborative"}]
    assert "note" not in item


def test_de_apostrophe_is_a_particle():
    assert parse_name("Giovanni de' Medici") == {"family": "Medici", "given": "Giovanni", "non-dropping-particle": "de'"}
    assert parse_name("de' Medici, Lorenzo") == {"family": "Medici", "given": "Lorenzo", "non-dropping-particle": "de'"}


# -- bug 3: a person's name of six words with particles was taken for an organisation (literal) ----------------

def test_long_name_with_particles_is_a_person():
    assert byline("Abdullah Al-Mansouri 1 , Rosa María Gómez de la Torre 2") == [
        "Al-Mansouri, Abdullah", "Gómez de la Torre, Rosa María"]  # blind10: "-ez" before "de" is a surname
    # seven words: still a person (where its family name starts is parse_name's general rule)
    assert "literal" not in one(CURRENT.format(byline="María del Carmen García de la Fuente 1"))["author"][0]
    # an organisation keeps its literal form
    assert byline("Jane Roe 1 , Grupo de Estudio de la Sociedad Española de Cardiología") == [
        "Roe, Jane", "Grupo de Estudio de la Sociedad Española de Cardiología"]


# -- bug 4: the current page's "Dataset use reported in" link went into the note as raw lines -----------------

def test_dataset_use_reported_in_is_a_link():
    page = CURRENT.format(byline="Jane Roe 1") + (
        "Dataset use reported in\nRe-analysis of the trial data.\nBucci E, et al.\n"
        "Lancet. 2021 May;397(10288):1803. doi: 10.1016/S0140-6736(21)00899-0.\nPMID: 33965000\n"
        "Abstract\nBackground: The abstract.\n")
    item = one(page)
    assert item["custom"]["comments-corrections"] == [{
        "type": "AssociatedPublication", "PMID": "33965000",
        "ref": "Re-analysis of the trial data. Bucci E, et al. Lancet. 2021 May;397(10288):1803. "
               "doi: 10.1016/S0140-6736(21)00899-0."}]
    assert item["abstract"] == "Background: The abstract."
    assert item["note"].startswith("Associated publication: Re-analysis of the trial data.")


# -- bug 5: a legacy Bookshelf page's "Editors" line ends with "editors.", which became an editor -------------

def test_legacy_bookshelf_editors_line():
    item = one((DATA / "28-legacy-genereviews-bookshelf.txt").read_text(encoding="utf-8"))
    assert names(item["editor"]) == ["Adam, M. P.", "Feldman, J.", "Mirzaa, G. M.", "Pagon, R. A.", "Wallace, S. E.",
                                     "Amemiya, A."]


# -- bug 6: "Kavya R" in the current page's "Given Family" byline (PubMed LastName "R") read as family Kavya ------

def test_single_letter_last_name_in_a_current_byline():
    assert byline("Priya Raghunathan 1 , S Venkatesh 2 , Kavya R 2 , Gaurav Mehta 1") == [
        "Raghunathan, Priya", "Venkatesh, S.", "R, Kavya", "Mehta, Gaurav"]
    # PubMed's short form stays short: a legacy byline without markers, a current byline of short names only
    legacy = one("Nature. 2016;533(7604):452-4.\n\nA title.\n\nBaker M, Kumar S.\n\nPMID: 27225100\n")
    assert names(legacy["author"]) == ["Baker, M.", "Kumar, S."]


# -- bug 7: the short form "R S" (LastName R, initials S) was read initials first: family S -----------------------

def test_one_letter_family_in_the_short_form():
    item = one("J Dent Res. 2018 Dec;97(13):1443-1451.\n\nA title.\n\nSrinivasan V1, R S2, Jain P1.\n\n"
               "Author information\n\n1Manipal, India.\n2Chennai, India.\n\nPMID: 30134045\n")
    assert names(item["author"]) == ["Srinivasan, V.", "R, S.", "Jain, P."]


# -- bug 8, 9 and 10: compound family names in the "Given Family" form were cut to their last word -----------------

def test_compound_family_names_given_first():
    assert byline("Mohamed Abd El-Rahman 1 , Ahmed Abd El Aziz 2 , Sarah Dos Santos Silva 1 , "
                  "Ana Luísa Da Costa Pereira 2 , Siobhán Mac Giolla Phádraig 1 , Marco De Luca 2") == [
        "Abd El-Rahman, Mohamed", "Abd El Aziz, Ahmed", "Dos Santos Silva, Sarah", "Da Costa Pereira, Ana Luísa",
        "Mac Giolla Phádraig, Siobhán", "De Luca, Marco"]
    # unchanged: Vietnamese "Van", one word after a particle, lower-case particles
    assert byline("Hung Van Nguyen 1 , Mateus Dos Santos 2 , Lucía Fernández de Córdoba 2") == [
        "Nguyen, Hung Van", "Dos Santos, Mateus", "Fernández de Córdoba, Lucía"]  # blind10's particle rule


# -- bug 11: "Updated." after a linked Cochrane review's PMID stayed in the reference --------------------------------

def test_updated_badge_after_a_linked_pmid():
    item = one((DATA / "04-current-cochrane.txt").read_text(encoding="utf-8"))
    first = item["custom"]["comments-corrections"][0]
    assert first["ref"].endswith("doi: 10.1002/14651858.CD012345.") and first["PMID"] == "23939759"
    assert "Updated" not in item["note"]


# -- bug 12: a Bookshelf chapter's "Summary" section was taken for page furniture and lost -----------------------

def test_bookshelf_summary_section_is_kept():
    item = one((DATA / "07-current-genereviews.txt").read_text(encoding="utf-8"))
    assert item["custom"]["tags"]["pubmed-text:Sections"] == ["Summary", "Diagnosis", "Clinical Characteristics"]


# -- bug 13: a second DOI on the citation line ("doi: A. doi: B.", two ELocationIDs) was lost without a word ----

def test_second_doi_is_kept():
    item = one("Vestn Oftalmol\n. 2020;136(4):112-118.\n doi: 10.17116/oftalma2020136041112. "
               "doi: 10.17116/oftalma2020136041112e.\nA title\nIvan A Petrov 1\nAffiliations\n1 Moscow, Russia.\n"
               "PMID: 32880000\nDOI: 10.17116/oftalma2020136041112\n")
    assert item["DOI"] == "10.17116/oftalma2020136041112"
    assert item["custom"]["tags"] == {"pubmed-text:DOI": ["10.17116/oftalma2020136041112e"]}


def test_cli_apa_and_vancouver():
    path = DATA / "02-current-nature-matters-arising.txt"
    apa = run_cli("format", str(path), "--style", "apa")
    assert apa.returncode == 0, apa.stderr
    assert apa.stdout.decode().strip() == ("Mensah, K., Al-Hassan, A., El Sayed, M., & Abd El-Rahman, M. (2020). Reply to: "
                                  "SARS-CoV-2 spike protein binding to ACE2 in bats? Nature, 580(7803), E7. "
                                  "https://doi.org/10.1038/s41586-020-2012-7")
    van = run_cli("format", str(DATA / "03-current-bmj-elocator.txt"), "--style", "vancouver")
    assert van.returncode == 0, van.stderr
    assert "Raghunathan P, Menon AK, Venkatesh S, R K, Dos Santos Silva S. Long COVID-19 in primary care" in van.stdout.decode()
