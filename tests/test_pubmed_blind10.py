"""Tenth blind review of the PubMed page-text reader: the "Cite" dialog in APA and MLA (and in all four
styles at once), given-first names with lower-case particles, reader views (Firefox/Safari), preprints,
Cochrane "Updated in", NIHMS ids and second PMCIDs, "Data availability", legacy retraction notices.

Fixtures: tests/data/pubmed_text_blind10/ (written for this round)."""
from __future__ import annotations

from pathlib import Path

import pytest

import citeport
from citeport.formats import pubmed_text_parse as P
from citeport.formats.jats_freetext import parse_apa, parse_mla, parse_reference_text

DATA = Path(__file__).parent / "data" / "pubmed_text_blind10"


def read(name: str):
    return citeport.read(DATA / name)


def names(people) -> list[str]:
    out = []
    for p in people:
        if "literal" in p:
            out.append(p["literal"])
        else:
            family = " ".join(x for x in (p.get("non-dropping-particle"), p["family"]) if x)
            out.append(f"{family}, {p.get('given', '')}" + (f", {p['suffix']}" if p.get("suffix") else ""))
    return out


def warnings(result) -> list[str]:
    return [d.message for d in result.diagnostics if d.level == "warning"]


# -- 1: the "Cite" dialog in APA: "not a recognised bibliographic format" ----------------------------------

def test_cite_dialog_apa():
    result = read("01-cite-dialog-apa.txt")
    (it,) = result
    assert it["title"] == "Vitamin D Supplementation and Prevention of Type 2 Diabetes"
    assert it["container-title"] == "The New England journal of medicine"
    assert (it["volume"], it["issue"], it["page"], it["issued"]) == ("381", "6", "520-530", {"date-parts": [[2019]]})
    assert (it["id"], it["DOI"]) == ("doi:10.1056/NEJMoa1900906", "10.1056/NEJMoa1900906")
    assert len(it["author"]) == 21
    assert names(it["author"])[:2] == ["Pittas, A. G.", "Dawson-Hughes, B."]
    assert it["author"][-1] == {"literal": "D2d Research Group"}  # after APA's "…"
    assert it["custom"]["et-al"] == ["author"]
    assert any("shortens the author list" in w for w in warnings(result))


def test_cite_dialog_mla_with_article_number():
    (it,) = read("02-cite-dialog-mla.txt")
    assert it["title"] == "Stop the bleeding! A qualitative study of prescribing"
    assert names(it["author"]) == ["O'Brien-Smith, Mary K."]
    assert it["custom"]["et-al"] == ["author"]
    assert (it["container-title"], it["volume"], it["issue"], it["page"]) == ("BMJ open", "12", "9", "e061234")
    assert it["issued"] == {"date-parts": [[2022, 9, 14]]}
    assert it["DOI"] == "10.1136/bmjopen-2022-061234"


def test_cite_dialog_four_styles_make_one_record():
    result = read("03-cite-dialog-four-styles.txt")
    (it,) = result  # AMA, APA, MLA and NLM of one paper: one item, not four
    assert (it["id"], it["PMID"], it["PMCID"]) == ("pmid:32678530", "32678530", "PMC7383595")
    assert it["container-title"] == "The New England journal of medicine"  # APA/MLA: the full name
    assert it["container-title-short"] == "N Engl J Med"  # NLM/AMA: the abbreviation
    assert it["issued"] == {"date-parts": [[2021, 2, 25]]}  # NLM's full date beats APA's year
    assert it["available-date"] == {"date-parts": [[2020, 7, 17]]}
    assert len(it["author"]) == 27 and it["author"][0] == {"literal": "RECOVERY Collaborative Group"}
    assert names(it["author"])[-1] == "Landray, M. J."
    assert "custom" not in it or "et-al" not in it["custom"]  # NLM listed everyone
    assert not warnings(result)


def test_cite_mla_two_authors_and_apa_ahead_of_print():
    (mla,) = read("22-cite-mla-two-authors.txt")
    assert names(mla["author"]) == ["Nakamura, Takeshi", "Ito, Kaori"]
    assert mla["title"] == "Is frailty reversible? A cohort study of older outpatients"
    assert (mla["volume"], mla["issue"], mla["page"]) == ("72", "3", "801-810")
    (apa,) = read("21-cite-apa-ahead-of-print.txt")
    assert names(apa["author"]) == ["Nakamura, T.", "Ito, K."]
    assert apa["title"] == mla["title"] and apa["DOI"] == "10.1111/jgs.18765"
    assert apa["custom"] == {"publication-status": "aheadofprint"}
    assert "volume" not in apa and "page" not in apa


def test_bare_apa_with_a_parenthesised_journal():
    (it,) = read("23-apa-bare-lancet.txt")
    assert it["container-title"] == "Lancet (London, England)"
    assert (it["volume"], it["issue"], it["page"]) == ("395", "10223", "497-506")
    assert names(it["author"])[-1] == "Cao, B." and len(it["author"]) == 21


def test_nlm_and_mla_lines_of_one_paragraph():
    (it,) = read("24-cite-two-styles-one-line-each.txt")
    assert it["title"] == "Physical activity and depressive symptoms in adolescents"  # "HØ." ends the byline
    assert names(it["author"]) == ["Lund, Kirsten", "Jensen, Henrik Ø."]  # MLA's full given names
    assert (it["PMID"], it["PMCID"]) == ("30571763", "PMC6301234")
    assert it["custom"]["comments-corrections"][0]["type"] == "ErratumIn"


def test_apa_and_mla_parsers_directly():
    apa = parse_apa("van der Meer, J., Jr, & Smith, A. (2020). Title? BMJ (Clinical research ed.), 368, m1234.")
    assert names(apa["author"]) == ["van der Meer, J., Jr", "Smith, A."]
    assert (apa["title"], apa["container-title"], apa["page"]) == ("Title?", "BMJ (Clinical research ed.)", "m1234")
    mla = parse_mla('Smith, John, et al. "Title here." Nature, vol. 12, no. 3, 2020, pp. 45-67.')
    assert (mla["volume"], mla["issue"], mla["page"], mla["custom"]) == ("12", "3", "45-67", {"et-al": ["author"]})
    assert parse_reference_text("Smith, John. “A title.” Cureus vol. 15,3 e0229519. Mar. 2020, doi:10.7759/x")[
        "issued"] == {"date-parts": [[2020, 3]]}
    assert parse_apa("Smith, J. (2019). A book title. Publisher.") is None  # no journal: not guessed


# -- 2: given-first names with a lower-case particle --------------------------------------------------------

@pytest.mark.parametrize("byline, family, given", [
    ("Ramón García-Sánchez de León", "García-Sánchez de León", "Ramón"),  # hyphenated surname before "de"
    ("José Luis Rodríguez de la Fuente", "Rodríguez de la Fuente", "José Luis"),  # patronymic "-ez"
    ("Carlos Alberto Pereira da Silva", "Pereira da Silva", "Carlos Alberto"),  # a common Iberian surname
    ("Ana María de la Fuente", "de la Fuente", "Ana María"),  # two given names: the common case
    ("Maria Helena da Costa Santos", "da Costa Santos", "Maria Helena"),
    ("Anne Dupont de Saint-Exupéry", "de Saint-Exupéry", "Anne Dupont"),  # undecidable: read as given names
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig"),
    ("Jan-Willem van der Berg", "van der Berg", "Jan-Willem"),
])
def test_given_first_particles(byline, family, given):
    (author, _) = P.parse_authors(f"{byline} 1 , Jane Doe 2", full_names=True)
    name = author.name
    assert " ".join(x for x in (name.get("non-dropping-particle"), name["family"]) if x) == family
    assert name["given"] == given


def test_particle_names_on_a_page():
    (it,) = read("16-greek-beta-cell.txt")
    assert it["title"] == "TGF-β signalling restrains β-cell proliferation via Smad2/3 in mice and humans"
    assert names(it["author"]) == ["de la Fuente, Ana María", "García-Sánchez de León, Ramón",
                                   "da Silva, Maria", "van Gogh, Vincent"]


# -- 3: reader views -------------------------------------------------------------------------------------

def test_firefox_reader_view_title_above_the_citation_and_glued_sections():
    result = read("04-reader-view-firefox.txt")
    (it,) = result
    assert it["title"] == "Sodium intake and blood pressure in older adults: a cohort study"
    assert names(it["author"]) == ["Hoffmann, Lena", "Meyer, Tobias K.", "Rossi, Sofia"]
    assert [d["affiliation"] for d in it["custom"]["author-details"]] == [
        ["Institute of Epidemiology, Helmholtz Zentrum München, Neuherberg, Germany."],
        ["Department of Cardiology, University Hospital Würzburg, Würzburg, Germany."],
        ["Institute of Epidemiology, Helmholtz Zentrum München, Neuherberg, Germany."]]
    assert it["keyword"] == "aging; cohort; hypertension; sodium"
    assert it["abstract"].endswith("Conclusion: Sodium intake predicts hypertension in older adults.")
    assert not warnings(result)


def test_safari_reader_view_legacy():
    (it,) = read("05-reader-view-safari-legacy.txt")
    assert it["custom"]["author-details"][0]["affiliation"] == [
        "Department of Clinical Sciences, Pediatrics, Umeå University, Umeå, Sweden. staffan.berglund@umu.se."]
    assert it["keyword"] == "Ferritin; Infant; Iron deficiency; Late preterm"
    assert it["abstract"].endswith("Routine screening should be considered.")
    assert "note" not in it


# -- preprints: the journal on its own line, "[Preprint]. 2023 ..." under it ---------------------------------

# (session 8: a preprint's server is its publisher and the identifier its number -- conventions.md "preprints";
# Research Square's "Res Sq" is the server's abbreviation, kept in custom.preprint-server)
@pytest.mark.parametrize("name, journal, page", [("10-preprint-medrxiv.txt", "medRxiv", "2023.03.10.23287123"),
                                                 ("11-preprint-research-square.txt", "Research Square",
                                                  "rs.3.rs-386211")])
def test_preprint_journal_on_its_own_line(name, journal, page):
    (it,) = read(name)
    assert (it["type"], it["publisher"], it["number"]) == ("article", journal, page)
    assert "container-title" not in it and "page" not in it
    assert it["custom"]["publication-types"][0] == "Preprint"


# -- links, ids, sections ---------------------------------------------------------------------------------

def test_cochrane_updated_in_is_a_link_heading():
    (it,) = read("12-cochrane-update.txt")
    links = it["custom"]["comments-corrections"]
    assert [(c["type"], c.get("PMID")) for c in links] == [("UpdateOf", "32365000"), ("UpdateIn", "38197000")]
    assert names(it["author"])[1] == "Camargo, Carlos A., Jr"


def test_nihms_id_second_pmcid_and_data_availability():
    (it,) = read("27-two-pmcids.txt")
    assert it["PMCID"] == "PMC5224386"
    assert it["custom"]["mid"] == "NIHMS838120"
    assert it["custom"]["tags"]["pubmed-text:PMCID"] == ["PMC5224399"]
    assert "note" not in it
    (it,) = read("13-nihms-two-ids.txt")
    assert it["custom"]["mid"] == "NIHMS1504123"
    assert it["custom"]["conflict-of-interest"] == "The authors declare no competing financial interests."
    assert it["note"] == "Data availability: All data are available at https://osf.io/abcde/."


def test_legacy_retraction_notice_short_page():
    result = read("25-legacy-retraction-notice.txt")
    (it,) = result
    assert it["title"] == ("Retraction--Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive "
                           "developmental disorder in children")
    assert it["author"] == [{"literal": "Editors of The Lancet"}]
    assert (it["volume"], it["page"], it["issued"]) == ("375", "445", {"date-parts": [[2010, 2, 6]]})
    assert it["custom"]["comments-corrections"][0]["type"] == "RetractionOf"
    assert "abstract" not in it
    assert not warnings(result)


def test_short_page_with_a_quoted_citation_is_not_a_summary_line():
    text = ("Lancet. 2010 Feb 6;375(9713):445.\nRetraction notice for a trial.\nSmith J.\nRetraction of\n"
            "Jones AB, Brown C. Lancet. 1998 Feb 28;351(9103):637-41.\nPMID: 20137807\n")
    (it,) = citeport.read(text, format="pubmed-text")
    assert (it["title"], it["volume"], it["PMID"]) == ("Retraction notice for a trial", "375", "20137807")


def test_legacy_expression_of_concern_by_the_journals_editors():
    result = read("29-legacy-expression-of-concern.txt")
    (it,) = result
    assert it["title"] == "Expression of Concern: Ca2+ influx through TRPC channels regulates β-cell apoptosis"
    assert it["author"] == [{"literal": "PLOS ONE Editors"}]
    assert it["custom"]["comments-corrections"] == [{"type": "ExpressionOfConcernFor", "ref": (
        "Ca2+ influx through TRPC channels regulates β-cell apoptosis. [PLoS One. 2014]")}]
    assert (it["PMCID"], it["page"]) == ("PMC7932499", "e0248251")
    assert not warnings(result)


def test_mobile_order_sidebars_between_ids_and_abstract():
    (it,) = read("30-mobile-actions-after-title.txt")
    assert it["abstract"].split("\n") == ["Background: Aspirin may prevent cancer.",
                                          "Purpose: To quantify the association.", "Limitations: Observational data.",
                                          "Primary funding source: None."]
    assert it["keyword"] == "aspirin; cancer; meta-analysis"
    assert names(it["author"]) == ["Zhang, W.", "Lee, K.-L.", "van Beethoven, Ludwig"]


def test_portuguese_record_with_initials_only_authors():
    (it,) = read("28-current-portuguese-initials-only.txt")
    assert names(it["author"]) == ["Silva, J.", "Costa, M. F.", "Pereira da Silva, Carlos Alberto"]
    assert (it["language"], it["custom"]["title-translated"]) == ("pt", True)
    assert it["title"] == "Prevalence of hypertension among adults in Brazil"
