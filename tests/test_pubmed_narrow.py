"""Page text copied from a narrow window at several widths: the re-join rules of pubmed_text_unwrap.

Each rule has a small page of its own below (the causes found by dumping the generated narrow pages that
failed: a citation wrapped inside "(Suppl 3)", a linked record's "[Journal. Year]" wrapped, a byline that
wraps mid-name, a bulleted affiliation entry, a sentence ending on a full line inside a paragraph, pages
wrapped at an e-mail's 72 columns or with no lower-case continuation).  The generated measurement at the
end reads every generated record in both layouts at 28, 40, 55 and 72 characters.
"""
from __future__ import annotations

import os
import random
from dataclasses import replace

import pytest

import citeport
from citeport.formats.pubmed_text_unwrap import unwrap, width
from pubmed_page_render import LAYOUTS, copy_variants, wrap_line
from pubmed_record_gen import generate
from test_pubmed_text_differential import FIELDS, compare_pages
from test_pubmed_text_generated import generated_reason


def _one(text: str) -> dict:
    items = citeport.read(text, "pubmed-text")
    assert len(items) == 1, items
    return items[0]


def _joined(lines: list[str]) -> list[str]:
    return [s for s in unwrap(lines) if s.strip()]


FILLER = ["Abstract", "Memory T cells that stay in", "tissues protect against", "reinfection in mice and in",
          "humans, as we show here for", "skin and gut of the adults."]


# ---------------------------------------------------------------------------------------------- rules
def test_citation_wrapped_inside_its_numbers():
    # PubMed's citation line ends with "."; until then every line carries it on ("(Suppl" / "3):...")
    lines = ["Ann Oncol. 2019 Jun;29(Suppl", "3):1790-1797; discussion", "1798.", "A title that is short",
             *FILLER]
    assert _joined(lines)[:2] == ["Ann Oncol. 2019 Jun;29(Suppl 3):1790-1797; discussion 1798.",
                                  "A title that is short"]


def test_citation_then_doi_line_then_title():
    lines = ["Nat Rev Immunol. 2019", "Apr;19(4):236-247.", "doi: 10.1038/s41577-", "019-0111-6.",
             "Tissue-resident memory T", "cells in mice and humans", "Laura K Mackay 1 ,", "Axel Kallies 2",
             *FILLER]
    assert _joined(lines)[:4] == ["Nat Rev Immunol. 2019 Apr;19(4):236-247.", "doi: 10.1038/s41577-019-0111-6.",
                                  "Tissue-resident memory T cells in mice and humans",
                                  "Laura K Mackay 1 , Axel Kallies 2"]


def test_linked_record_entry_wrapped_before_its_year():
    # legacy "Comment in" entries: "[Journal. Year]" ends the entry; a bracket left open carries on
    lines = ["Gut. 2017 Jun;66(6):1116-22.", "Comment in", "    Response to the letter on this",
             "article. [Eur J Nucl Med Mol Imaging.", "2027]", "Why does long-term outcome after hip",
             "fracture matter? A review.", "du Plessis JP, dos Santos PO1, dos", "Santos C1, de Vries É.", *FILLER]
    assert _joined(lines)[:5] == [
        "Gut. 2017 Jun;66(6):1116-22.", "Comment in",
        "    Response to the letter on this article. [Eur J Nucl Med Mol Imaging. 2027]",
        "Why does long-term outcome after hip fracture matter? A review.",
        "du Plessis JP, dos Santos PO1, dos Santos C1, de Vries É."]


def test_byline_after_a_title_that_is_not_full():
    # the byline's first line is no author list as a whole ("... Emily R van den"), its part up to the
    # last comma is; a title is not carried on into it although "M" would have fitted
    lines = ["Nucleic Acids Res. 2004", "Mar;17(2):104-12.", "mRNA vaccines and HbA1c variability",
             "M Carmen Müller 1 , Emily R van den", "Broek 1 , Kenji Sato 2 3 , Olga", "Johansson 1", *FILLER]
    assert _joined(lines)[:3] == ["Nucleic Acids Res. 2004 Mar;17(2):104-12.", "mRNA vaccines and HbA1c variability",
                                   "M Carmen Müller 1 , Emily R van den Broek 1 , Kenji Sato 2 3 , Olga Johansson 1"]


def test_bulleted_affiliation_entry_wrapped():
    lines = ["Author information", "  \u2022 1Faculty of Health Sciences,", "University of Cape Town.",
             "  \u2022 2Institut Pasteur, Unité de", "Virologie, Paris, France.", *FILLER]
    assert _joined(lines)[1:3] == ["  \u2022 1Faculty of Health Sciences, University of Cape Town.",
                                   "  \u2022 2Institut Pasteur, Unité de Virologie, Paris, France."]


def test_sentence_ending_on_a_full_line_inside_a_paragraph():
    # "... 30 days." fills its line: the paragraph goes on ("Three themes emerged: ..." is no label);
    # a known label ("Methods and results:") or a line that did not fill the width starts a paragraph
    lines = ["Abstract", "Aims: The primary outcome was", "all-cause mortality at 30 days.",
             "Three themes emerged: trust,", "access and cost in the groups.", "Methods and results: We did",
             "it in the wards of the towns.", "Short.", "Next paragraph is this one", "here."]
    assert _joined(lines) == ["Abstract", "Aims: The primary outcome was all-cause mortality at 30 days. Three "
                              "themes emerged: trust, access and cost in the groups.",
                              "Methods and results: We did it in the wards of the towns.", "Short.",
                              "Next paragraph is this one here."]


def test_conflict_of_interest_heading_is_not_carried_on():
    lines = [*FILLER, "Conflict of interest statement", "Dr. Smith reports grants from", "Pfizer; no other."]
    assert _joined(lines)[-2:] == ["Conflict of interest statement", "Dr. Smith reports grants from Pfizer; no other."]


def test_email_width_page_without_lower_case_continuations():
    # wrapped at 72 columns (wider than the old 60-character limit), no abstract: the evidence is lines
    # filled to near the width that end no clause
    page = """Zhonghua Yi Xue Za Zhi. 1971 Oct 24;53:1238-61.
[Na+/K+-ATPase activity in kidneys of rats given high-salt diets: Author
Information and Copyright Issues in Abstracts of Chinese Reports]
Ingrid Andersen 1 2 3 , Maria Müller 2 , Chidi Schneider, Sven Cohen 4 ,
Björn Müller, John Garcia 4 1 2 , Ingrid Van Dyke 3 , Kenji Sato 3
Affiliations
expand
PMID: 30700007
No abstract available
Keywords: Children; Oxidative stress; Quality of life; IL-6; Randomized
Controlled trial; NF-κB.
"""
    it = _one(page)
    assert it["title"] == ("Na+/K+-ATPase activity in kidneys of rats given high-salt diets: Author Information "
                           "and Copyright Issues in Abstracts of Chinese Reports")
    assert [a["family"] for a in it["author"]] == ["Andersen", "Müller", "Schneider", "Cohen", "Müller",
                                                   "Garcia", "Van Dyke", "Sato"]


def test_normal_short_lines_are_not_joined():
    # a normal copy's own short lines (buttons, a short title, one author) show no wrap
    lines = ["Send to", "Gut. 2017 Jun;66(6):1116-22.", "A study of things", "Ann Lee 1", "Affiliations",
             "1 University of Oslo, Oslo, Norway.", "PMID: 30000001", "Abstract", "We did it.",
             "Keywords: Things."]
    assert unwrap(lines) == lines


# ---------------------------------------------------------------------------------------------- round 15
# Causes of the abstract regression at 28/55/72 (dumped generated pages): labels the unwrap's word list did not
# know ("Selection criteria:", "Data collection and analysis:") were carried into the previous paragraph, a
# "©" line never started a block (no \b after "©"), a "doi: <long DOI>" line the browser cannot break set the
# width, a label wider than the window ("Design, setting, and" / "participants: ..."), an id in a sentence.

def test_known_label_after_a_full_sentence_line_starts_a_paragraph():
    lines = ["Abstract", "Search methods: We searched", "databases up to March 2013.",
             "Selection criteria: Trials of", "adults in wards of hospitals.", "Authors' conclusions: We did",
             "not find the ones we wanted."]
    assert _joined(lines)[1:] == ["Search methods: We searched databases up to March 2013.",
                                  "Selection criteria: Trials of adults in wards of hospitals.",
                                  "Authors' conclusions: We did not find the ones we wanted."]


def test_label_wider_than_the_window_starts_a_paragraph():
    lines = ["Abstract", "Objective: We studied them", "all in the wards of towns.", "Design, setting, and",
             "participants: A cohort of", "adults in the hospitals."]
    assert _joined(lines)[1:] == ["Objective: We studied them all in the wards of towns.",
                                  "Design, setting, and participants: A cohort of adults in the hospitals."]


def test_copyright_line_and_wrapped_coi_heading_start_blocks():
    lines = ["Abstract", "Conclusion: We performed a", "search of all the databases", "up to March 2013.",
             "© 2021 The Authors. Published", "by Elsevier Inc.", "Conflict of interest", "statement",
             "Dr. Smith reports grants from", "Pfizer; no other disclosures."]
    assert _joined(lines)[1:] == ["Conclusion: We performed a search of all the databases up to March 2013.",
                                  "© 2021 The Authors. Published by Elsevier Inc.", "Conflict of interest statement",
                                  "Dr. Smith reports grants from Pfizer; no other disclosures."]


def test_doi_line_the_browser_cannot_break_does_not_set_the_width():
    # "doi:" and the DOI are joined by a no-break space: the line is wider than the window (28 here)
    lines = ["Nat Rev Immunol. 2019", "Apr;19(4):236-247.", "doi: 10.2412/jama.278482496(19)30123-4.",
             "Abstract", "The results: we measured", "levels by ELISA; values", ">50 ng/mL were considered",
             "elevated. See also PMID: 2896 and", "doi: 10.1000/xyz896.", "Keywords: Things."]
    assert width(lines) == 33
    assert _joined(lines)[2:4] == ["Abstract", "The results: we measured levels by ELISA; values >50 ng/mL were "
                                   "considered elevated. See also PMID: 2896 and doi: 10.1000/xyz896."]


def test_keyword_line_wrapped_at_72_is_joined():
    page = """Zhonghua Yi Xue Za Zhi. 1971 Oct 24;53:1238-61.
[Na+/K+-ATPase activity in kidneys of rats given high-salt diets: Author
Information and Copyright Issues in Abstracts of Chinese Reports]
Ingrid Andersen 1 2 3 , Maria Müller 2 , Chidi Schneider, Sven Cohen 4 ,
Björn Müller, John Garcia 4 1 2 , Ingrid Van Dyke 3 , Kenji Sato 3
PMID: 30700007
No abstract available
Keywords: Children; Oxidative stress; Quality of life; IL-6; Randomized
Controlled trial; NF-κB.
"""
    assert _one(page)["keyword"] == ("Children; Oxidative stress; Quality of life; IL-6; Randomized Controlled "
                                     "trial; NF-κB")


PRINTOUT = ["Abstract", "Immunological responses to", "vaccination were characteri-", "sed in the hospitalised",
            "participants, whose immuno-", "logy was of long-term inter-", "est. The T-cell and COVID-19",
            "data of the cohort were long-", "term ones from self-reported", "surveys, with a dose-", "dependent rise of T-",
            "cell counts after COVID-", "19 in the CD4+ cell lines.", "Keywords: Things."]


def test_printout_hyphenation_rejoined_only_where_a_word_was_split():
    # an added "-" goes ("characteri-" / "sed", "immuno-" / "logy", "inter-" / "est": an ending); a compound's
    # own stays: one the text writes whole elsewhere ("long-term"), a common part ("dose-" / "dependent"),
    # capitals or digits ("T-" / "cell", "COVID-" / "19")
    (para,) = _joined(PRINTOUT)[1:2]
    assert "characterised in the hospitalised participants, whose immunology was of long-term interest." in para
    assert "long-term ones" in para and "dose-dependent rise of T-cell counts after COVID-19 in" in para


def test_hyphen_kept_when_the_line_did_not_fill_the_window():
    # a line shorter than the window ended at the hyphen by choice: no printout split
    lines = ["Abstract", "Memory T cells that stay in the", "tissues protect against the", "immuno-", "logy of",
             "reinfection in mice and in", "humans, as we show here for", "skin and gut of the adults."]
    assert _joined(lines)[1].endswith("against the immuno-logy of")


# ---------------------------------------------------------------------------------------------- renderer
def test_renderer_wraps_three_ways():
    text = "Immunological responses to vaccination were characterised in hospitalised participants."
    assert wrap_line(text, 28) == ["Immunological responses to", "vaccination were",
                                   "characterised in", "hospitalised participants."]
    assert wrap_line(text, 28, "hyphen") == ["Immunological responses to", "vaccination were characteri-",
                                             "sed in hospitalised", "participants."]  # no split at "."
    assert wrap_line(text, 28, "hard") == ["Immunological responses to v", "accination were characterise",
                                           "d in hospitalised participan", "ts."]


# ---------------------------------------------------------------------------------------------- generated
NARROW_RECORDS = int(os.environ.get("PUBMED_NARROW_RECORDS", "60"))
#: per width (word wrap, as a browser does), the lowest agreement of the two layouts measured (60 records,
#: seed 7; see the report's table for 120 records): title, author-family, abstract.  The floors sit a few points
#: below; they guard the rules, they are not a target.  Round 15 raised them (abstract 28: 55 -> 78, 40: 72 -> 90,
#: 55: 72 -> 92, 72: 65 -> 80) with the label, "©", width, id-in-a-sentence and two-wraps-suffice fixes above.
FLOORS = {28: {"title": 0.87, "author-family": 0.82, "abstract": 0.78},
          40: {"title": 0.94, "author-family": 0.90, "abstract": 0.90},
          55: {"title": 0.92, "author-family": 0.88, "abstract": 0.92},
          72: {"title": 0.92, "author-family": 0.90, "abstract": 0.80}}
#: the same for a printout's hyphenation (wrap "hyphen": words split with an added "-"), fewer records and
#: widths to stay fast; before round 15 its abstracts agreed at 20-48%
HYPHEN_RECORDS = 40
HYPHEN_FLOORS = {28: {"title": 0.88, "author-family": 0.92, "abstract": 0.68},
                 72: {"title": 0.95, "author-family": 0.95, "abstract": 0.77}}


def _tables(records: int, floors: dict, wrap: str) -> dict:
    items = citeport.read(generate(records, 7), "pubmed-xml")
    rng = random.Random(13)
    base = [(it, layout, copy_variants(rng, 2)[1]) for it in items for layout in LAYOUTS]
    out = {}
    for w in floors:
        pages = [(it["PMID"], it, layout, replace(c, narrow=w, wrap=wrap)) for it, layout, c in base]
        table, crashes, _, _ = compare_pages(pages, generated_reason)
        out[w] = (table, crashes, len(pages))
    return out


@pytest.fixture(scope="module")
def narrow_tables():
    return _tables(NARROW_RECORDS, FLOORS, "word")


@pytest.fixture(scope="module")
def hyphen_tables():
    return _tables(HYPHEN_RECORDS, HYPHEN_FLOORS, "hyphen")


def _check(tables, floors, w, what):
    table, crashes, n = tables[w]
    assert len(crashes) <= 0.1 * n, crashes[:5]
    rows = {}
    for key in FIELDS:
        cells = [table.get((key, layout)) for layout in LAYOUTS]
        shares = [(c["agree"] + len(c["known"])) / c["n"] for c in cells if c and c["n"]]
        if shares:
            rows[key] = round(100 * min(shares), 1)
    print(f"\n{what} {w}: lowest agreement of the two layouts per field: {rows}")
    low = {k: v for k, v in rows.items() if k in floors[w] and v < 100 * floors[w][k]}
    assert not low, low


@pytest.mark.parametrize("w", sorted(FLOORS))
def test_generated_pages_per_width(narrow_tables, w):
    _check(narrow_tables, FLOORS, w, "narrow")


@pytest.mark.parametrize("w", sorted(HYPHEN_FLOORS))
def test_generated_printout_pages_per_width(hyphen_tables, w):
    _check(hyphen_tables, HYPHEN_FLOORS, w, "printout")
