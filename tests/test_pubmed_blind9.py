"""Blind review 9 of the PubMed page-text reader: record kinds and copy shapes the earlier rounds did not try.
34 texts with 36 records in tests/data/pubmed_text_blind9/ (Bookshelf chapters and whole books in both layouts,
meeting abstracts, editorials with no abstract, "No authors listed" in both layouts, German/French records,
a 1952 title-only record, titles ending in "!", "?" or a quotation, seasons, "Pt 2", "Suppl 1", date ranges,
multi-year volumes, ahead-of-print lines, a truncated 38-author list, the mobile site, copies starting at the
title or ending before the abstract, three pages pasted together, a search-result list, the "Cite" dialog
alone (AMA, NLM), Windows-1252 bytes after a UTF-8 BOM), checked field by field against what each text says
(expected.json), and one test per bug fixed.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from citeport.formats import pubmed_text_parse as P
from citeport.sources import Source
from conftest import run_cli
from test_pubmed_blind6 import names, summary

DATA = Path(__file__).parent / "data" / "pubmed_text_blind9"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


def read(name_or_text: str, **kw):
    path = DATA / name_or_text
    items = citeport.read(path if path.suffix == ".txt" and path.exists() else name_or_text, **kw)
    assert items.skipped == 0
    return items


# -- the fixtures, field by field ------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name):
    assert [summary(it) for it in read(name)] == EXPECTED[name]


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(EXPECTED)
    assert sum(len(v) for v in EXPECTED.values()) >= 30
    assert len(EXPECTED["23-three-records-pasted.txt"]) == 3
    assert len(EXPECTED["38-current-no-authors-pasted-two.txt"]) == 2


# -- bug 1: a Bookshelf chapter's "Sections" list holds "References": the PMID and Bookshelf ID were lost ----

CHAPTER = """In: StatPearls [Internet]. Treasure Island (FL): StatPearls Publishing; 2025 Jan-.
2024 Feb 12.
Hyponatremia
Authors
Matthew A. Rondon-Berrios 1 , Liam O'Connell 2
Affiliations
1 University of Pittsburgh
2 St. Vincent's University Hospital
Excerpt
Hyponatremia is the most common electrolyte disorder.
Sections
Introduction
References
PMID: 29262111
Bookshelf ID: NBK470386
Similar articles
Hypernatremia.
Sonani B, Naganathan S.
PMID: 30252336 Free Books & Documents. Review.
"""


def test_references_in_a_chapters_section_list_do_not_swallow_its_pmid():
    (it,) = read(CHAPTER, format="pubmed-text")
    assert it["PMID"] == "29262111"
    assert it["custom"]["other-ids"] == {"bookaccession": "NBK470386"}
    assert it["custom"]["tags"]["pubmed-text:Sections"] == ["Introduction", "References"]


# -- bug 2: "Matthew A. Rondon-Berrios" (an initial with its period) was no name: the byline went to the note --

def test_given_names_with_dotted_initials_are_names():
    (it,) = read(CHAPTER, format="pubmed-text")
    assert names(it["author"]) == ["Rondon-Berrios, Matthew A.", "O'Connell, Liam"]
    assert "note" not in it
    assert P.looks_like_authors("Jos W. M. van der Meer 1 , Mihai G. Netea 2")
    assert not P.looks_like_authors("Results were good. Methods were new")


# -- bug 3: "The Lancet" as author became the person {"family": "Lancet", "given": "The"} -------------------

def test_the_journal_as_author_is_a_literal():
    assert [a.name for a in P.parse_authors("The Lancet", full_names=True)] == [{"literal": "The Lancet"}]
    assert [a.name for a in P.parse_authors("The PLOS Medicine Editors", full_names=True)] == [
        {"literal": "The PLOS Medicine Editors"}]


# -- bug 4: a multi-year date ("1995-1996;107:145-63") was no citation line: no journal, title = citation ----

def test_citation_with_a_date_spanning_two_years():
    cit = P.parse_citation("Trans Am Clin Climatol Assoc. 1995-1996;107:145-63.")
    assert (cit.journal, cit.volume, cit.page) == ("Trans Am Clin Climatol Assoc", "107", "145-63")
    assert cit.issued == {"date-parts": [[1995], [1996]]}
    (it,) = read("16-legacy-multiyear-volume.txt")
    assert it["title"] == "Antibiotic resistance in community pathogens: the next decade?"


# -- bug 5: Windows-1252 quotes/dashes after a UTF-8 BOM were decoded as Latin-1 and vanished --------------

def test_cp1252_bytes_after_a_bom():
    text = Source("x", data=b"\xef\xbb\xbfinfant \x93colic\x94 \x96 cohort").text()
    assert text == "infant \u201ccolic\u201d \u2013 cohort"
    (it,) = read("29-cp1252-bom-legacy.txt")
    assert it["title"] == "Breastfeeding and infant \u201ccolic\u201d \u2013 a Scandinavian cohort"


# -- bug 6: a copied search-result list (number, "Cite", "Share", title, authors, citation, PMID line,
#    snippet) came out as ONE record mixing three --------------------------------------------------------

def test_search_result_list_gives_one_record_per_entry():
    items = read("24-search-results-summary.txt")
    assert [it["PMID"] for it in items] == ["31173679", "36874594", "22334819"]
    first, second, third = items
    assert first["title"] == "Vitamin D supplementation and prevention of type 2 diabetes"
    assert first["author"][-1] == {"literal": "D2d Research Group"} and len(first["author"]) == 35
    assert first["custom"]["publication-types"] == ["Clinical Trial"]
    assert first["note"].startswith("Vitamin D and type 2 diabetes (D2d)")  # the snippet: kept, not the abstract
    assert "abstract" not in first
    assert second["title"] == "Vitamin D and the risk of dementia: a cohort study?"
    assert second["container-title"] == "Alzheimers Dement (Amst)" and second["page"] == "e12404"
    assert (third["title"], third["language"], third["custom"]["title-translated"]) == (
        "Vitamin D deficiency in nursing homes", "de", True)
    assert third["custom"]["publication-types"] == ["Review"]


# -- bug 7: the "Cite" dialog copied alone: buttons glued into the title, no authors, or not recognised ---

def test_cite_dialog_alone():
    (nlm,) = read("26-cite-dialog-nlm.txt")
    assert nlm["title"] == "Stop the bleeding! A qualitative study of prescribing"
    assert names(nlm["author"])[-1] == "van der Meer, J., Jr"
    (ama,) = read("25-cite-dialog-ama.txt")
    assert (ama["container-title"], ama["volume"], ama["DOI"]) == ("N Engl J Med", "381", "10.1056/NEJMoa1900906")
    assert names(ama["author"]) == ["Pittas, A. G.", "Dawson-Hughes, B.", "Sheehan, P."]


# -- bug 8: "No authors listed" warned "no author found" as if the reader had failed -------------------------

@pytest.mark.parametrize("name", ["05-current-no-authors-listed.txt", "06-legacy-no-authors-listed.txt"])
def test_no_authors_listed_is_information_not_a_warning(name):
    items = read(name)
    about_author = [d for d in items.diagnostics if getattr(d, "field", None) == "author"]
    assert [(d.level, "lists no authors" in d.message) for d in about_author] == [("info", True)]


# -- bug 9: a whole book's page ("Washington (DC): National Academies Press (US); 2011." above the title)
#    came out as an article titled with the imprint, its editors in the note --------------------------------

@pytest.mark.parametrize("name", ["02-legacy-bookshelf-book.txt", "34-current-whole-book.txt"])
def test_whole_book_page(name):
    (it,) = read(name)
    assert it["type"] == "book"
    assert it["title"] == "Dietary Reference Intakes for Calcium and Vitamin D"
    assert it["author"] == [{"literal": "Institute of Medicine (US) Committee to Review Dietary Reference "
                                        "Intakes for Vitamin D and Calcium"}]
    assert names(it["editor"]) == ["Ross, A. C.", "Taylor, C. L.", "Yaktine, A. L.", "Del Valle, H. B."]
    assert (it["publisher"], it["publisher-place"], it["issued"]) == (
        "National Academies Press (US)", "Washington (DC)", {"date-parts": [[2011]]})
    assert it["custom"]["other-ids"] == {"bookaccession": "NBK56070"}
    assert "note" not in it
    assert not [d for d in read(name).diagnostics if d.level == "warning"]


# -- bug 10: "...Vitamin D." kept PubMed's final period (a lone capital letter looked like an initial) --------

def test_final_period_after_a_lone_capital():
    assert P.parse_title("Dietary Reference Intakes for Calcium and Vitamin D.") == (
        "Dietary Reference Intakes for Calcium and Vitamin D", False)
    assert P.parse_title("Outbreak in Washington, D.C.")[0] == "Outbreak in Washington, D.C."
    assert P.parse_title("Sepsis due to E. coli.")[0] == "Sepsis due to E. coli"


# -- bug 11: "Ignacio Fernández-Sánchez y Ruiz": the family was "y Ruiz" ----------------------------------------

def test_surnames_joined_by_y_i_e():
    got = [a.name for a in P.parse_authors("Ignacio Fernández-Sánchez y Ruiz 3 , Josep Puig i Cadafalch 1 , "
                                           "Ana Silva e Souza 2", full_names=True)]
    assert got == [{"family": "Fernández-Sánchez y Ruiz", "given": "Ignacio"},
                   {"family": "Puig i Cadafalch", "given": "Josep"}, {"family": "Silva e Souza", "given": "Ana"}]


# -- the command line ----------------------------------------------------------------------------------------

def test_cli_apa_for_a_book_and_a_search_list():
    res = run_cli("format", str(DATA / "34-current-whole-book.txt"), "--style", "apa")
    assert res.returncode == 0, res.stderr_text
    assert res.stdout_text.strip() == (
        "Institute of Medicine (US) Committee to Review Dietary Reference Intakes for Vitamin D and Calcium. (2011). "
        "Dietary Reference Intakes for Calcium and Vitamin D (A. C. Ross, C. L. Taylor, A. L. Yaktine, & "
        "H. B. Del Valle, Eds.). National Academies Press (US). https://doi.org/10.17226/13050")
    res = run_cli("convert", str(DATA / "24-search-results-summary.txt"), "-t", "csl-json")
    assert res.returncode == 0 and res.stderr_text == ""
    assert len(json.loads(res.stdout_text)) == 3
