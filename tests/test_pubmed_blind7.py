"""Blind review 7 of the PubMed text reader: the legacy abstract page (2015-2019) in its states and PubMed's
text exports (current and legacy "Abstract (text)", current and legacy "Summary (text)").  17 texts with 41
records in tests/data/pubmed_text_blind7/ (hepatology, microbiology, surgery, public health, cardiology, geriatrics,
ophthalmology, psychiatry, oncology, physiology; French, German, Chinese, Japanese records; GeneReviews and Endotext
chapters), checked field by field against what each text says (expected.json), and one test per bug fixed.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from conftest import run_cli
from test_pubmed_blind6 import summary

DATA = Path(__file__).parent / "data" / "pubmed_text_blind7"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


def read(name: str):
    items = citeport.read(DATA / name)  # sniffed, as the CLI does
    assert items.skipped == 0
    return items


# -- the fixtures, field by field ------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name):
    assert [summary(it) for it in read(name)] == EXPECTED[name]


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(EXPECTED)
    assert sum(len(v) for v in EXPECTED.values()) >= 30


def test_record_counts_of_the_exports_and_pasted_pages():
    counts = {name: len(v) for name, v in EXPECTED.items()}
    assert counts["06-export-current-seven.txt"] == 7
    assert counts["07-export-legacy-blankline.txt"] == 4  # one blank line between records
    assert counts["15-export-risky-numbers.txt"] == 5  # "1. entry receptors; 2. proteases" inside an abstract
    assert counts["11-legacy-two-pages-second-missing-authors.txt"] == 2
    assert counts["17-legacy-three-pages-mixed.txt"] == 3


# -- bug 1: the legacy page in Firefox puts each affiliation's number on a line of its own ---------------

def test_legacy_affiliation_numbers_on_their_own_lines():
    """'1' / 'Université de Bordeaux, ...' went to the note as four lines; the authors had no affiliation."""
    it = read("10-legacy-firefox-aff-separate-lines.txt")[0]
    assert it["note"] == "[Indexed for MEDLINE]"
    assert it["custom"]["author-details"] == [
        {"affiliation": ["Université de Bordeaux, ISPED, Centre INSERM U1219, Bordeaux, France."]},
        {"affiliation": ["Université de Bordeaux, ISPED, Centre INSERM U1219, Bordeaux, France."]},
        {"affiliation": ["Université Paris 13, Equipe de Recherche en Epidémiologie Nutritionnelle, Bobigny, "
                         "France."]},
        {"affiliation": ["Université de Bordeaux, ISPED, Centre INSERM U1219, Bordeaux, France."]},
    ]


# -- bug 2: a legacy Bookshelf page: "Sections" swallowed the PMID line; "In: ... editors." was a note ------

def test_legacy_bookshelf_sections_end_at_the_pmid_line():
    it = read("13-legacy-book-genereviews.txt")[0]
    assert it["id"] == "pmid:20301526" and it["PMID"] == "20301526"  # was "item1", no PMID
    assert it["custom"]["tags"]["pubmed-text:Sections"] == ["Summary", "Diagnosis", "Clinical Characteristics"]
    assert [e["family"] for e in it["editor"]] == ["Adam", "Ardinger", "Pagon", "Wallace", "Bean", "Stephens",
                                                   "Amemiya"]
    assert it["editor"][4] == {"family": "Bean", "given": "L. J. H."}  # "Bean LJH1": the marker is not a name
    assert "note" not in it  # "Editors" / "In: ..." / "Source" / the citation again were the note


# -- bug 3: links in a "Summary (text)" line were cut at ". " into a broken note --------------------------

def test_summary_links_are_comments_corrections():
    items = read("16-summary-links.txt")
    first = items[0]
    assert first["custom"]["comments-corrections"] == [
        {"type": "ErratumIn", "ref": "JAMA. 2018 Jun 12;319(22):2341."},
        {"type": "CommentIn", "ref": "Lancet. 2018 May 5;391(10131):1765."},
        {"type": "CommentIn", "ref": "N Engl J Med. 2018 Jul 5;379(1):92-93."},
    ]  # was note "Erratum in: JAMA\n2018 Jun 12;319(22):2341 ..."
    assert first["PMID"] == "29710164" and first["PMCID"] == "PMC5933396"
    second = items[1]  # "Epub 2012 Sep 4. Review. Erratum in: ...": the type stays a type
    assert second["custom"]["publication-types"] == ["Review"]
    assert second["custom"]["comments-corrections"] == [
        {"type": "ErratumIn", "ref": "Health Expect. 2016 Feb;19(1):203."}]


def test_summary_link_before_a_publication_type():
    text = ("1: Owens J. Creating an impersonal NHS? Health Expect. 2015 Feb;18(1):22-31. "
            "Erratum in: Health Expect. 2016 Feb;19(1):203. Review. PubMed PMID: 22943560.\n")
    it = citeport.read(text, "pubmed-text")[0]
    assert it["custom"]["comments-corrections"] == [
        {"type": "ErratumIn", "ref": "Health Expect. 2016 Feb;19(1):203."}]
    assert it["custom"]["publication-types"] == ["Review"]
    assert it["note"] == "Erratum in: Health Expect. 2016 Feb;19(1):203."


# -- bug 4: the legacy "Summary (text)": title, authors, citation, PMID, one a line -----------------------

def test_legacy_summary_layout_title_before_authors():
    items = read("08-summary-legacy-layout.txt")
    assert [it["title"] for it in items] == [
        "Creating an impersonal NHS? Personalization, choice and the erosion of intimacy",
        "Five-year outcomes of trabeculectomy with mitomycin C in primary open-angle glaucoma",
        "Retinal vein occlusion: current therapeutic options",
    ]  # were "... intimacy. Owens J." with no author
    assert items[0]["author"] == [{"family": "Owens", "given": "J."}]
    assert [a["family"] for a in items[1]["author"]] == ["Iwasaki", "Arimura", "Takihara", "Takamura", "Inatani"]
    assert items[2]["language"] == "de" and items[2]["custom"]["title-translated"] is True


def test_current_summary_title_with_lower_case_sentence_is_not_an_author_list():
    text = ("1: Smith AB, Jones C. Outcomes after surgery. Part of the trial. Ann Surg. 2019 Jan;269(1):1-9. "
            "PMID: 30000001.\n")
    it = citeport.read(text, "pubmed-text")[0]
    assert it["title"] == "Outcomes after surgery. Part of the trial"
    assert [a["family"] for a in it["author"]] == ["Smith", "Jones"]


# -- bug 5: "Associated data" (trial registrations) was dropped silently ---------------------------------

def test_associated_data_is_kept():
    it = read("05-legacy-comment-erratum-collective.txt")[0]
    assert it["custom"]["tags"]["pubmed-text:DataBank"] == ["ClinicalTrials.gov/NCT02201771"]
    current = citeport.read(DATA.parent / "pubmed_text_blind5" / "08-current-plos-ecollection-trial.txt")
    assert current[0]["custom"]["tags"]["pubmed-text:DataBank"] == ["ClinicalTrials.gov/NCT01630304"]


def test_cli_convert_and_format_the_legacy_summary():
    out = run_cli("format", str(DATA / "08-summary-legacy-layout.txt"), "--style", "apa")
    assert out.returncode == 0, out.stderr_text
    assert "Owens, J. (2015). Creating an impersonal NHS?" in out.stdout_text
    assert "warning" not in out.stderr_text
