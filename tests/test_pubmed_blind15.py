"""Fifteenth round of the PubMed page-text reader: the two misses blind round 14 left (tests/test_pubmed_blind14.py
KNOWN) and why a given-first Spanish name keeps the last word as its family name.

1. A legacy whole book's page that starts at its title ("Clinical Methods. 3rd edition." / "Walker HK, ...,
   editors." / "Boston: Butterworths; 1990."): its plain imprint has no "(MA)" / "(UK)", so alone it is the
   shape of an abstract's sentence ("Results: odds ratio; 2019."); it is read as the imprint only in its place --
   the line right under the title (and the editors line), on a page with a Bookshelf ID.
2. A legacy "Retraction in" box copied above the citation line: its whole entries ("... [Crit Care Med. 2019]")
   are links, as the same box below the citation is; other lines there stay the user's note.
"""
from __future__ import annotations

from pathlib import Path

import citeport
from citeport.formats import pubmed_text_parse as P
from citeport.model.names import parse_name

BLIND14 = Path(__file__).parent / "data" / "pubmed_text_blind14"

BOOK = """Books & Documents
Format: Abstract
Send to
{title}
{editors}
{imprint}
Excerpt
This book describes the clinical examination of the patient as it is practised at the bedside.
PMID: 21250045 Bookshelf ID: NBK201
"""


def _book(title="Clinical Methods: The History, Physical, and Laboratory Examinations. 3rd edition.",
          editors="Walker HK, Hall WD, Hurst JW, editors.", imprint="Boston: Butterworths; 1990.", page=BOOK):
    text = page.format(title=title, editors=editors, imprint=imprint).replace("\n\n", "\n")
    (it,) = citeport.read(text, "pubmed-text")
    return it


# -- 1: the title-first whole book --------------------------------------------------------------------------

def test_title_first_whole_book_with_editors_and_a_plain_imprint():
    (it,) = citeport.read(BLIND14 / "13-legacy-bookshelf-book-editors-edition.txt")
    assert (it["type"], it["title"], it["edition"]) == (
        "book", "Clinical Methods: The History, Physical, and Laboratory Examinations", "3")
    assert (it["publisher"], it["publisher-place"], it["issued"]) == ("Butterworths", "Boston",
                                                                      {"date-parts": [[1990]]})
    assert [e["family"] for e in it["editor"]] == ["Walker", "Hall", "Hurst"]
    assert "note" not in it and "author" not in it


def test_title_first_whole_book_without_editors():
    it = _book(title="Pathology of the Heart.", editors="", imprint="New York: Springer; 2004 Mar.")
    assert (it["type"], it["title"], it["publisher"], it["publisher-place"]) == (
        "book", "Pathology of the Heart", "Springer", "New York")
    assert it["issued"] == {"date-parts": [[2004, 3]]}
    assert "editor" not in it


def test_imprint_shaped_line_without_a_bookshelf_id_is_no_imprint():
    # the same lines on a page with no Bookshelf ID: nothing says book (an article's page with no citation line)
    page = BOOK.replace(" Bookshelf ID: NBK201", "")
    it = _book(page=page)
    assert it["type"] != "book" and "publisher" not in it


def test_imprint_shape_with_an_abstract_label_or_more_text_is_no_imprint():
    assert P.parse_title_first_book("", "Results: Odds ratio; 2019.") is None  # a label, not a place
    assert P.parse_title_first_book("", "Boston: Butterworths; 1990. We studied it.") is None
    assert P.parse_title_first_book("Walker HK, Hall WD.", "Boston: Butterworths; 1990.") is None  # no editors
    cit = P.parse_title_first_book("Walker HK, editors.", "Boston (MA): Little, Brown; 1990.")
    assert (cit.place, cit.publisher, cit.book) == ("Boston (MA)", "Little, Brown", "")


# -- 2: a link box above the citation ---------------------------------------------------------------------

def test_retraction_box_above_the_citation_is_a_link():
    (it,) = citeport.read(BLIND14 / "27-legacy-retracted-article.txt")
    assert it["custom"]["comments-corrections"] == [
        {"type": "RetractionIn", "ref": 'Retraction notice to "Serum biomarkers of early sepsis" [Crit Care Med. 2019]'}]
    assert "Retraction notice" not in it.get("note", "").replace("Retraction in: Retraction notice", "")


ABOVE = """Format: Abstract
Send to
{box}

Gut. 2017 Jun;66(6):1116-22. doi: 10.1136/gutjnl-2016-312345.
A study of the gut in adults.
Lee A1, Kim B2.
Abstract
We did it in the wards of the towns.
PMID: 28000001
"""


def test_text_under_a_link_heading_that_is_no_entry_stays_a_note():
    box = "Erratum in\n    Corrected figure 2. [Gut. 2018]\nREAD THIS before the meeting please"
    (it,) = citeport.read(ABOVE.format(box=box), "pubmed-text")
    assert it["custom"]["comments-corrections"] == [{"type": "ErratumIn", "ref": "Corrected figure 2. [Gut. 2018]"}]
    assert "READ THIS before the meeting please" in it["note"]
    (it,) = citeport.read(ABOVE.format(box="Erratum in\nplease fix the figure before we cite it"), "pubmed-text")
    assert "comments-corrections" not in it.get("custom", {})
    assert "please fix the figure before we cite it" in it["note"]


# -- why "John García Sánchez" on the current page reads family "Sánchez" -----------------------------------
# The page-text reader does send given-first bylines through model/names.py (parse_name -> family_start).  Its
# Iberian rule takes a surname-shaped word as the family's start only before a lower-case particle
# ("Ramón García-Sánchez de León"); with no particle the page gives nothing to go by, and PubMed itself files
# such names both ways: the corpus's "Ariel Rodriguez Romero" is LastName "Romero", "Sue Ann Costa Clemens" is
# "Clemens".  So the last word stays the family name (the generated differential explains the other way as
# "no marker of a multi-word family name").

def test_given_first_name_without_particle_keeps_the_last_word():
    assert parse_name("Ariel Rodriguez Romero") == {"family": "Romero", "given": "Ariel Rodriguez"}
    assert parse_name("Sue Ann Costa Clemens") == {"family": "Clemens", "given": "Sue Ann Costa"}
    assert parse_name("Ramón García-Sánchez de León")["family"] == "García-Sánchez de León"
