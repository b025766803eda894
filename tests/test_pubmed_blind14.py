"""Fourteenth review of the PubMed page-text reader: record kinds the earlier rounds did not write.

27 pages in tests/data/pubmed_text_blind14/ (expected.json written before the reader ran): "Partial Retraction in",
"Summary for patients in" / "Original report in", a legacy "Reprint of", case-report abstract labels, abstracts
whose paragraphs start with a digit (with ≥ ± μ Δ), Jr / 3rd / II / 2nd and particles in both layouts, a
"Writing Committee" leading a given-first byline, arXiv and bioRxiv preprints, a printed book's chapter with editors
and an edition, a 1955 German record in capitals, the 1953 "PMID only" record, two errata and two comments,
an Italian record, affiliation numbers 10-12 beside two-letter names, an editorial with "Associated data" and
grants, badges in odd places, repeated "STUDY 1:" / "METHOD:" labels, a legacy collaborators block, bullet lists.

Expectations follow the earlier rounds' conventions: with "eCollection" the collection year is `issued` and the
epub date `available-date`; an ahead-of-print article id ("2024 Feb 14:dc231847") is the page (and elocation).
KNOWN lists what is still read wrong, with the reason; a change there fails until the table is updated.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from citeport.formats import pubmed_text_parse as P
from test_pubmed_blind6 import names

DATA = Path(__file__).parent / "data" / "pubmed_text_blind14"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))

#: page -> {field: what the reader gives instead}, with why it is still wrong.
KNOWN = {
    # (13-legacy-bookshelf-book-editors-edition.txt: the title-first whole book with a plain imprint is read since
    # round 15 -- tests/test_pubmed_blind15.py)
    # (27-legacy-retracted-article.txt: its "Retraction in" box above the citation line is read as links since
    # round 15 -- tests/test_pubmed_blind15.py)
}

#: Written before the preprint convention (docs/conventions.md "preprints", session 8): the server was the
#: journal and its identifier the pages; the same values now sit in publisher and number.
PREPRINT_SHAPE: dict[str, dict] = {
    "10-current-arxiv-preprint.txt": {"container-title": None, "page": None, "publisher": "arXiv",
                                      "number": "arXiv:2310.03456v2"},
    "11-current-biorxiv-update-in-disclaimer.txt": {"container-title": None, "page": None, "publisher": "bioRxiv",
                                                    "number": "2022.01.11.475843"},
}


def summary(item: dict) -> dict:
    keys = ("type", "title", "container-title", "volume", "issue", "page", "number", "DOI", "PMID", "PMCID", "keyword",
            "language", "publisher", "publisher-place", "edition")
    d = {k: item.get(k) for k in keys}
    d["issued"] = item.get("issued", {}).get("date-parts", [[None]])[0]
    d["available"] = item.get("available-date", {}).get("date-parts", [[None]])[0] if "available-date" in item else None
    d["author"] = names(item.get("author", [])) or None
    d["editor"] = names(item.get("editor", [])) or None
    ab = item.get("abstract")
    d["abstract"] = [ab[:40], ab[-40:], ab.count("\n") + 1] if ab else None
    custom = item.get("custom", {})
    d["links"] = [[c["type"], c.get("PMID")] for c in custom.get("comments-corrections", [])] or None
    for key in ("copyright", "publication-types", "title-translated", "substances", "grants"):
        d[key] = custom.get(key)
    return {k: v for k, v in d.items() if v is not None}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name):
    items = citeport.read(DATA / name)  # sniffed, as the CLI does
    assert items.skipped == 0
    got = [summary(it) for it in items]
    assert got == expected_for(EXPECTED[name], PREPRINT_SHAPE.get(name, {}), KNOWN.get(name, {}))


def expected_for(records: list[dict], *overrides: dict) -> list[dict]:
    """The expected records with the first one's fields overridden (None: removed), in order."""
    want = [dict(e) for e in records]
    for field, value in {k: v for o in overrides for k, v in o.items()}.items():
        want[0].pop(field, None)
        if value is not None:
            want[0][field] = value
    return want


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


# -- fix 1: "Writing Committee for the X Investigators; Lise J Estcourt 1 , ..." — the first person after the
#    leading group was taken for a second group ({"literal": "Lise J Estcourt"}) and the rest of the byline lost --

def test_group_leading_a_given_first_byline():
    line = "Writing Committee for the REMAP-CAP Investigators; Lise J Estcourt 1 , Alexis F Turgeon 2 , Zoe K McQuilten 3"
    assert [a.name for a in P.parse_authors(line, full_names=True)] == [
        {"literal": "Writing Committee for the REMAP-CAP Investigators"},
        {"family": "Estcourt", "given": "Lise J."}, {"family": "Turgeon", "given": "Alexis F."},
        {"family": "McQuilten", "given": "Zoe K."}]
    # people first, then the group: still PubMed's group at the end
    line = "Lise J Estcourt 1 , Alexis F Turgeon 2 ; REMAP-CAP Writing Committee"
    assert [a.name for a in P.parse_authors(line, full_names=True)][-1] == {"literal": "REMAP-CAP Writing Committee"}
    (it,) = citeport.read(DATA / "09-current-writing-committee-first.txt")
    assert names(it["author"]) == ["Writing Committee for the REMAP-CAP Investigators", "Estcourt, Lise J.",
                                   "Turgeon, Alexis F.", "McQuilten, Zoe K."]


# -- fix 2: "Collaborators" / "Group: Ann Lee , Bo Kim , …" / "Show all 12 collaborators": the trailing "…" made
#    the line no byline, so it fell to the keywords (after the abstract) or the note -----------------------------

def test_truncated_collaborator_list():
    (it,) = citeport.read(DATA / "09-current-writing-committee-first.txt")
    assert "keyword" not in it and "note" not in it
    assert it["custom"]["investigators"] == [
        {"family": "Al-Beidh", "given": "Farah"}, {"family": "Angus", "given": "Derek"},
        {"family": "Annane", "given": "Djillali"}]
    (it,) = citeport.read(Path(__file__).parent / "data" / "pubmed_text_blind9" / "17-current-long-author-list-truncated.txt")
    assert [n["family"] for n in it["custom"]["investigators"]] == ["Adams", "Ajayi", "Alfaro"]
    assert "note" not in it


# -- fix 3: an e-only journal's epub citation "2021 Aug 10:12:712345" gave page "12:712345" and no volume ---------

@pytest.mark.parametrize("line, vip", [
    ("Front Immunol. 2021 Aug 10:12:712345. doi: 10.3389/fimmu.2021.712345.", ("12", "", "712345")),
    ("Sci Rep. 2017 Mar 6:7(1):e43771.", ("7", "1", "e43771")),
    ("Diabetes Care. 2024 Feb 14:dc231847. Online ahead of print.", ("", "", "dc231847")),  # an article id stays
    ("ArXiv. 2023 Oct 5:arXiv:2310.03456v2.", ("", "", "arXiv:2310.03456v2")),
    ("Lancet. 2026 Jan 10:S0140-6736(25)02345-6.", ("", "", "S0140-6736(25)02345-6")),
])
def test_volume_after_the_epub_date(line, vip):
    cit = P.parse_citation(line)
    assert (cit.volume, cit.issue, cit.page) == vip


# -- fix 4: a printed book's chapter ("In: Kufe DW, ..., editors. Holland-Frei Cancer Medicine. 6th edition.
#    Hamilton (ON): BC Decker; 2003."): not recognised without "[Internet]"; the edition stayed in the book title --

def test_edited_book_chapter_is_recognised_and_its_edition_split():
    cit = P.parse_book_citation("In: Kufe DW, Pollock RE, Weichselbaum RR, et al., editors. Holland-Frei Cancer "
                                "Medicine. 6th edition. Hamilton (ON): BC Decker; 2003.")
    assert (cit.book, cit.edition, cit.place, cit.publisher) == (
        "Holland-Frei Cancer Medicine", "6", "Hamilton (ON)", "BC Decker")
    assert P.split_edition("Clinical Methods. 3rd edition.") == ("Clinical Methods", "3")
    assert P.split_edition("Pathology. 2nd ed") == ("Pathology", "2")
    assert P.split_edition("Treatment of the 3rd edition of a disease") == (
        "Treatment of the 3rd edition of a disease", "")
    (it,) = citeport.read(DATA / "12-current-bookshelf-chapter-edition.txt")
    assert (it["type"], it["container-title"], it["edition"]) == ("chapter", "Holland-Frei Cancer Medicine", "6")


# -- fix 5: a legacy Bookshelf imprint outside the US names the country after the publisher
#    ("London: National Institute for Health and Care Excellence (UK); 2019 Nov."): it was read as the title ---

WHOLE_BOOK = """Format: Abstract
Send to
London: National Institute for Health and Care Excellence (UK); 2019 Nov.
Hypertension in adults: diagnosis and management. 2nd edition.
National Guideline Centre (UK).
Excerpt
This guideline covers identifying and treating primary hypertension in people aged 18 and over.
PMID: 31577399 Bookshelf ID: NBK547161
"""


def test_legacy_whole_book_with_a_foreign_imprint_and_edition():
    (it,) = citeport.read(WHOLE_BOOK, format="pubmed-text")
    assert (it["type"], it["title"], it["edition"]) == ("book", "Hypertension in adults: diagnosis and management", "2")
    assert (it["publisher"], it["publisher-place"]) == ("National Institute for Health and Care Excellence (UK)",
                                                        "London")
    assert it["issued"] == {"date-parts": [[2019, 11]]}
    assert it["author"] == [{"literal": "National Guideline Centre (UK)"}]
    assert "note" not in it
    assert P.parse_book_citation("Results: the effect was small (OR); 2019.") is None  # a sentence
    assert P.parse_book_citation("Results: Odds Ratio (OR); 2019.") is None  # an abstract label is no place
