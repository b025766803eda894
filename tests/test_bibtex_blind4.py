"""Fourth blind review of the BibTeX/BibLaTeX reader: files as real services and tools export them.

The realistic exports written for the review are in tests/data/bibtex_blind4/ (one file per service or
tool; test_bibtex_stream.py reads them all streamed and whole).  Each bug found is pinned here with exact
values; a few cases found right are kept so that they stay right.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import citeport
from citeport.formats.bibtex_latex import to_rich_text

DATA = Path(__file__).parent / "data" / "bibtex_blind4"


def _one(text: str, fmt: str = "bibtex") -> dict:
    records = citeport.read(text, fmt)
    assert len(records) == 1, list(records)
    return records[0]


def _by_id(name: str, fmt: str = "bibtex") -> dict[str, dict]:
    return {r["id"]: r for r in citeport.read(DATA / name, fmt)}


# --- HighWire's elocation-id (bioRxiv, medRxiv, PNAS) is the article number --------------------------

def test_highwire_elocation_id_is_the_elocation():
    item = _by_id("biorxiv.bib")["Chen2021.03.01.433456"]
    assert item["custom"]["elocation"] == "2021.03.01.433456"
    # a bioRxiv record is a preprint: its identifier is the number, not pages (conventions.md "preprints")
    assert item["number"] == "2021.03.01.433456" and "page" not in item
    assert "tags" not in item["custom"] or "bibtex:elocation-id" not in item["custom"]["tags"]
    pnas = _one("@article{p, title={T}, journal={PNAS}, year={2020}, volume={117}, number={3},"
                " pages={1200--1210}, elocation-id={e2001234}}")
    assert (pnas["page"], pnas["custom"]["elocation"]) == ("1200-1210", "e2001234")


# --- Zotero's BibTeX export writes the item's Extra field into note, one "Label: value" a line --------

ZOTERO_NOTE = """@article{lecun_deep_2015,
\ttitle = {Deep learning},
\tvolume = {521},
\tnumber = {7553},
\tjournal = {Nature},
\tauthor = {LeCun, Yann},
\tyear = {2015},
\tnote = {Number: 7553
Publisher: Nature Publishing Group
Original Date: 2014-11-02
Read it twice},
}
"""


def test_zotero_extra_lines_in_the_note_fill_their_variables():
    item = _one(ZOTERO_NOTE)
    assert item["publisher"] == "Nature Publishing Group"
    assert item["original-date"] == {"date-parts": [[2014, 11, 2]]}
    assert item["issue"] == "7553"
    assert "number" not in item  # Zotero's "Number" repeating the article's issue says nothing new
    assert item["note"] == "Read it twice"


def test_a_zotero_extra_line_that_disagrees_stays_in_the_note():
    item = _one("@book{b, title={T}, publisher={Penguin}, year={2001}, note={Publisher: Vintage\nPlace: London}}")
    assert item["publisher"] == "Penguin"
    assert item["publisher-place"] == "London"
    assert item["note"] == "Publisher: Vintage"


def test_better_bibtex_tex_lines_in_a_note_are_fields():
    item = _one("@inproceedings{t, title={A Talk}, booktitle={Proc.}, year={2021},\n"
                " note={tex.ids= smith2021talk\ntex.eventtitle: Things Conference\n{:event-place: Online}}}",
                "biblatex")
    assert item["event-title"] == "Things Conference"
    assert item["event-place"] == "Online"
    assert item["custom"]["tags"]["bibtex:ids"] == "smith2021talk"
    assert "note" not in item or not item["note"]


def test_notes_that_are_not_extra_lines_are_untouched():
    assert _one("@misc{a, title={T}, year={2000}, note={Available online 12 December 2022}}")["note"] \
        == "Available online 12 December 2022"
    pm = _one("@article{a, title={T}, journal={J}, year={2000}, note={PMID: 12345678}}")
    assert (pm["note"], pm["PMID"]) == ("PMID: 12345678", "12345678")
    ratio = _one("@misc{a, title={T}, year={2000}, note={Ratio: 3:1, see p. 4}}")
    assert ratio["note"] == "Ratio: 3:1, see p. 4"


def test_zotero_extra_lines_survive_a_bibtex_round_trip():
    item = _one(ZOTERO_NOTE)
    for fmt in ("bibtex", "biblatex"):
        back = _one(citeport.write([item], fmt), fmt)
        for var in ("publisher", "original-date", "note", "issue"):
            assert back[var] == item[var], (fmt, var)


# --- Mendeley writes all links of a record into one url field -----------------------------------------

def test_mendeley_space_separated_urls():
    item = _by_id("mendeley.bib")["Kingma2014"]
    assert item["URL"] == "http://arxiv.org/abs/1412.6980"
    assert item["custom"]["tags"]["bibtex:url"] == "https://arxiv.org/abs/1412.6980v9"
    one = _one("@misc{a, title={T}, year={2000}, url={https://x.org/a%20b}}")
    assert one["URL"] == "https://x.org/a%20b" and "custom" not in one


# --- PMLR: a conference's days in the month field -------------------------------------------------------

@pytest.mark.parametrize("month, issued", [
    ("09--15 Jun", [[2019, 6, 9], [2019, 6, 15]]),
    ("9-15 June", [[2019, 6, 9], [2019, 6, 15]]),
    ("30 Jun -- 2 Jul", [[2019, 6, 30], [2019, 7, 2]]),
    ("June 9--15", [[2019, 6, 9], [2019, 6, 15]]),
    ("2 sep", [[2019, 9, 2]]),
])
def test_day_ranges_in_the_month_field(month, issued):
    records = citeport.read(f"@inproceedings{{p, title={{T}}, booktitle={{ICML}}, year={{2019}},"
                            f" month={{{month}}}}}", "bibtex")
    assert records[0]["issued"] == {"date-parts": issued}
    assert not records.diagnostics
    assert "custom" not in records[0]


def test_impossible_day_ranges_stay_a_tag_with_a_warning():
    records = citeport.read("@misc{p, title={T}, year={2019}, month={31--32 Jun}}", "bibtex")
    assert records[0]["issued"] == {"date-parts": [[2019]]}
    assert records[0]["custom"]["tags"]["bibtex:month"] == "31–32 Jun"
    assert [d.level for d in records.diagnostics] == ["warning"]


# --- ACM's titles carry HTML character references -------------------------------------------------------

def test_html_numeric_character_references_are_decoded():
    item = _by_id("acm.bib")["10.1145/3442188"]
    assert item["title"] == "On the Dangers of Stochastic Parrots: Can Language Models Be Too Big? 🦜"
    assert _one(r"@misc{a, title={Caf&#233; \&\#233; &#60;b&#62;}, year={2000}}")["title"] == "Café é &#60;b&#62;"


# --- papis repeats the entry type in a type field --------------------------------------------------------

def test_a_type_field_repeating_the_entry_type_is_no_genre():
    item = _by_id("papis.bib")["Doe2020Paper"]
    assert "genre" not in item
    assert item["custom"]["tags"]["bibtex:type"] == "article"
    assert _one("@thesis{t, title={T}, institution={U}, date={2000}, type={phdthesis}}", "biblatex")["genre"] \
        == "PhD thesis"
    assert _one("@report{r, title={T}, institution={U}, date={2000}, type={Working paper}}", "biblatex")["genre"] \
        == "Working paper"


# --- found right, kept right ----------------------------------------------------------------------------

def test_service_exports_read_right():
    tf = _by_id("tandf.bib")["doi:10.1080/01621459.2017.1285773"]
    assert tf["URL"] == "https://doi.org/10.1080/01621459.2017.1285773"  # "URL = { \n https://... \n}"
    assert tf["custom"]["eprint"] == tf["URL"] and "archive" not in tf  # a URL, no arXiv id
    inspire = _by_id("inspire.bib")["ATLAS:2012yve"]
    assert inspire["custom"]["tags"]["bibtex:collaboration"] == "ATLAS"
    assert inspire["custom"]["et-al"] == ["author"]
    ads = _by_id("ads.bib")["2019MNRAS.482.1234X"]
    assert ads["container-title"] == "Monthly Notices of the Royal Astronomical Society"
    assert ads["author"][1] == {"family": "van den Bosch", "given": "Frank C."}  # braced: one family name
    types = _by_id("biblatex_types.bib", "biblatex")
    assert types["kant1781"]["container-title"] == "Kants Werke"
    assert types["kant1781"]["original-date"] == {"date-parts": [[1781]]}
    assert types["edison1880"]["jurisdiction"] == "US"
    fields = _by_id("biblatex_fields.bib", "biblatex")
    assert fields["uncertain1"]["issued"] == {"date-parts": [[1850]], "circa": True}
    assert fields["orwell1949"]["publisher"] == "Penguin"  # from its @xdata
    assert fields["gonzalez2020"]["status"] == "in press"


# --- ScienceDirect abstracts are plain text with LaTeX's special characters unescaped -------------------

def test_plain_text_dollar_and_tilde_in_an_exported_abstract():
    item = _by_id("sciencedirect.bib")["JOHNSON2022104512"]
    assert item["abstract"] == ("Warming increased respiration by 12% (95% CI: 8–16%) & decreased SOC; "
                                "R^2 = 0.8 for T > 25 °C, with #samples ~ 120 and costs of $5_000.")
    assert to_rich_text("$x$ costs $5") == "x costs $5"  # the math pair stays math, the lone $ is a dollar
    assert to_rich_text(r"$\alpha$ and \$3") == "α and $3"
    assert to_rich_text("a~b") == "a\u00a0b"  # a tie is still a no-break space


def test_a_zotero_note_beside_several_publisher_fields():
    item = _one("@inproceedings{i, title={T}, booktitle={B}, year={2000}, organization={IEEE},"
                " publisher={IEEE Press}, note={Place: Piscataway}}")
    assert (item["publisher"], item["publisher-place"]) == ("IEEE Press", "Piscataway")
    assert item["custom"]["tags"] == {"bibtex:organization": "IEEE"}


def test_semantic_scholar_journal_repeated_as_booktitle_is_no_tag():
    item = _by_id("acl_openreview.bib")["Smith2020SemanticScholar"]
    assert item["container-title"] == "Nature Communications" and "custom" not in item
    other = _one("@incollection{c, title={T}, booktitle={Book}, journal={Series J}, year={2000}}")
    assert other["custom"]["tags"]["bibtex:journal"] == "Series J"


def test_tags_in_custom_tags_and_in_their_own_fields_both_come_back():
    item = {"id": "a", "type": "book", "title": "T", "publisher": "P",
            "custom": {"tags": {"bibtex:foo": "1", "bibtex:publisher": "Q"}}}
    for fmt in ("bibtex", "biblatex"):
        back = _one(citeport.write([item], fmt), fmt)
        assert back["custom"]["tags"] == {"bibtex:foo": "1", "bibtex:publisher": "Q"}, fmt
    mendeley = _by_id("mendeley.bib")["Kingma2014"]
    back = _one(citeport.write([mendeley], "bibtex"))
    assert back["custom"] == mendeley["custom"] and back["URL"] == mendeley["URL"]


def test_zotero_type_line_names_the_csl_type_or_the_genre():
    data = _one("@misc{d, title={Rain data}, year={2020}, publisher={Zenodo}, note={Type: dataset\nGenre: Survey}}")
    assert (data["type"], data["genre"]) == ("dataset", "Survey") and "note" not in data
    report = _one("@techreport{r, title={R}, year={2020}, institution={X}, note={Type: Working paper}}")
    assert (report["type"], report["genre"]) == ("report", "Working paper")


# --- a date with a month or day out of range was read as its year alone, silently -----------------------

def test_a_date_out_of_range_is_said_and_kept():
    records = citeport.read("@article{a, title={T}, date={2024-99-99}, eventdate={2020-13}, urldate={2020-02-03}}",
                            "biblatex")
    item = records[0]
    assert item["issued"] == {"date-parts": [[2024]]}
    assert item["accessed"] == {"date-parts": [[2020, 2, 3]]}
    assert item["custom"]["tags"] == {"bibtex:date": "2024-99-99", "bibtex:eventdate": "2020-13"}
    assert [(d.level, d.field) for d in records.diagnostics] == [("warning", "date"), ("warning", "eventdate")]
    season = citeport.read("@article{a, title={T}, date={2024-21}}", "biblatex")
    assert season[0]["issued"] == {"date-parts": [[2024]], "season": 1} and not season.diagnostics


# --- biblatex xref and a crossref to an entry not in the file were dropped -------------------------------

def test_xref_and_an_unresolved_crossref_are_kept():
    records = citeport.read(DATA / "biblatex_xref.bib", "biblatex")
    items = {r["id"]: r for r in records}
    assert items["child"]["container-title"] == "Proceedings of X" and "custom" not in items["child"]
    assert items["ch"]["custom"]["tags"] == {"bibtex:xref": "bk"}
    assert items["orphan"]["custom"]["tags"] == {"bibtex:crossref": "notinfile"}
    assert [(d.level, d.record) for d in records.diagnostics] == [("warning", "orphan")]
    back = {r["id"]: r for r in citeport.read(citeport.write(list(records), "biblatex"), "biblatex")}
    assert back["ch"]["custom"] == items["ch"]["custom"]
