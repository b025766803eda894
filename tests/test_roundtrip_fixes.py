"""Round-trip fixes of the RIS, EndNote XML and JATS writers: each change is kept, or reported.

Companion of test_roundtrip_types.py (the 90 held-out items): here the single rules, one by one,
with the reading side of each (another tool's file in the same shape reads the same way).
"""
from __future__ import annotations

import re

import pytest
from lxml import etree

import citeport
from citeport import api
from citeport.model.dates import parse_date
from citeport.model.diagnostics import Context

from conftest import shared_path


def _trip(item: dict, fmt: str, **options) -> tuple[str, dict, set[tuple[str, str]]]:
    """(written text, item read back, {(loss code, field)} of the write)."""
    ctx = Context(options=options) if options else Context()
    text = api.write([item], fmt, ctx=ctx)
    back = citeport.read(text, fmt)
    assert len(back) == 1, text
    return text, back[0], {(d.code, d.field) for d in ctx.diagnostics if d.is_loss}


# -- RIS: continuation lines that look like tags --------------------------------------------
#: How Zotero's RIS.js and citation-js's RIS parser recognise a tag line (two spaces or one, dash).
OTHER_READERS_TAG = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: |$)")
TAG_SHAPED = {"id": "a1", "type": "article-journal", "title": "T", "container-title": "J",
              "abstract": "Background.\nAU  - Not An Author\ner  - lower case too\nER  - \nMethods follow.",
              "note": "First.\nAU  - Not An Author\nER  - ", "URL": "https://example.org/x"}


def test_ris_paragraphs_shaped_like_tags_are_joined_and_reported():
    # Was: "AU  - x" on a continuation line became an author, "ER  - " ended the record (URL lost).
    text, back, losses = _trip(TAG_SHAPED, "ris")
    lines = text.splitlines()
    real = [line for line in lines if OTHER_READERS_TAG.match(line)]
    assert [line[:2] for line in real].count("AU") == 0 and [line[:2] for line in real].count("ER") == 1
    assert not [line for line in lines if line and not OTHER_READERS_TAG.match(line)
                and re.match(r"\s*[A-Za-z][A-Za-z0-9]\s{0,2}-", line)]
    assert "author" not in back and back["URL"] == TAG_SHAPED["URL"]
    assert back["abstract"].split("\n")[0] == "Background. AU - Not An Author er - lower case too ER -"
    assert back["abstract"].endswith("\nMethods follow.")
    assert back["note"] == TAG_SHAPED["note"].replace("  ", " ").replace(" \n", "\n").strip()
    assert ("down-converted", "abstract") in losses
    # A paragraph that merely contains a tag shape stays a paragraph of its own, unreported.
    _, back, losses = _trip({**TAG_SHAPED, "abstract": "One.\nTwo: ER  - not an end."}, "ris")
    assert back["abstract"] == "One.\nTwo: ER - not an end." and ("down-converted", "abstract") not in losses


def test_ris_value_with_several_embedded_tags_stays_one_value():
    # The reader splits a tag line holding several known "XX  - " (a file whose line ends were lost);
    # titles are single-spaced anyway, an abstract's first paragraph was not.
    abstract = "Why ER  - and KW  - and AU  - are not tags"
    text, back, _ = _trip({"id": "t", "type": "book", "title": "T", "abstract": abstract}, "ris")
    assert back["abstract"] == re.sub(r"  +", " ", abstract) and "keyword" not in back and "author" not in back


# -- RIS: tags whose meaning depends on the type ------------------------------------------
@pytest.mark.parametrize("item,var,tag", [
    ({"type": "pamphlet", "volume": "3", "number": "7"}, "volume", "VL"),       # PAMP VL: number
    # (a chapter's section has its own tag now, C1 "Section": tests/test_ris_types_spec.py)
    ({"type": "book", "section": "S 4", "collection-number": "9"}, "section", "SE"),  # BOOK SE: no section
    ({"type": "article-journal", "edition": "2"}, "edition", "ET"),               # JOUR ET: a date
    ({"type": "patent", "publisher-place": "Paris"}, "publisher-place", "CY"),    # PAT CY: jurisdiction
])
def test_ris_a_tag_holds_only_its_types_meaning(item, var, tag):
    item = {"id": "x", "title": "T", **item}
    text, back, losses = _trip(item, "ris")
    assert f"{tag}  - {item[var]}" not in text
    assert ("down-converted", var) in losses and f"{var}: {item[var]}" in back["note"]
    for other in set(item) - {"id", var}:  # the type's own variable still has the tag
        assert back.get(other) == item[other], other


def test_ris_journal_abbreviation_of_a_program_goes_to_the_note():
    text, back, losses = _trip({"id": "s", "type": "software", "title": "T", "container-title-short": "J. A."}, "ris")
    assert "J2  -" not in text and ("down-converted", "container-title-short") in losses
    assert "container-title-short: J. A." in back["note"]
    _, back, losses = _trip({"id": "j", "type": "article-journal", "title": "T", "container-title": "Journal",
                             "container-title-short": "J. A."}, "ris")
    assert back["container-title-short"] == "J. A." and not losses


def test_ris_literal_accessed_date_round_trips_and_other_y2_text_stays_a_tag():
    item = {"id": "w", "type": "webpage", "title": "T", "accessed": {"literal": "Michaelmas term, 1999"}}
    text, back, _ = _trip(item, "ris")
    assert "Y2  - ///Michaelmas term, 1999" in text and back["accessed"] == item["accessed"]
    # JOUR ET is a date to EndNote, an edition to others: text that is no RIS date stays the tag.
    back = citeport.read("TY  - JOUR\nTI  - T\nET  - 2nd ed.\nER  - \n", "ris")[0]
    assert "available-date" not in back and back["custom"]["tags"]["ris:ET"] == ["2nd ed."]


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml"])
def test_a_conference_place_alone_is_reported_as_read_for_the_publisher_place_too(fmt):
    item = {"id": "c", "type": "paper-conference", "title": "T", "container-title": "Proc.",
            "event-title": "Conf", "event-place": "Lyon"}
    _, back, losses = _trip(item, fmt)
    assert back["event-place"] == "Lyon" and back["publisher-place"] == "Lyon"
    assert ("guessed", "publisher-place") in losses
    _, back, losses = _trip({**item, "publisher-place": "Berlin"}, fmt)
    assert back["publisher-place"] == "Berlin" and ("guessed", "publisher-place") not in losses


# -- EndNote XML -----------------------------------------------------------------------------
def test_endnote_isbn_and_issn_share_the_field_a_line_each():
    item = {"id": "b", "type": "book", "title": "T", "ISBN": "0-306-40615-2", "ISSN": "1234-5679"}
    text, back, _ = _trip(item, "endnote-xml")
    assert (back["ISBN"], back["ISSN"]) == (item["ISBN"], item["ISSN"])
    assert text.count("<isbn>") == 1 and "&#13;" in text  # EndNote's own separator of lines in a field
    # One line: as before (an ISBN with a space stays whole; labelled ISSNs are the journal's).
    rec = ('<xml><records><record><ref-type name="Book">6</ref-type><titles><title>T</title></titles>'
           '<isbn>{}</isbn></record></records></xml>')
    for sep in ("\n", " "):  # two ISSNs: one kind of value, read as before whatever separates them
        back = citeport.read(rec.format(f"1532-1827 (Electronic){sep}0007-0920 (Linking)"), "endnote-xml")[0]
        assert "ISBN" not in back and back["custom"]["issn"] == {"electronic": "1532-1827", "linking": "0007-0920"}
    back = citeport.read(rec.format("9780306406157\n1234-5679"), "endnote-xml")[0]
    assert (back["ISBN"], back["ISSN"]) == ("9780306406157", "1234-5679")


def test_endnote_abbreviation_alone_is_the_container_too():
    item = {"id": "g", "type": "document", "title": "T", "container-title-short": "J. Abbr."}
    _, back, _ = _trip(item, "endnote-xml")
    assert back["container-title-short"] == back["container-title"] == "J. Abbr."


def test_endnote_access_date_in_words_is_a_literal_date_and_numbers_stay_a_tag():
    item = {"id": "w", "type": "webpage", "title": "T", "accessed": {"literal": "Michaelmas term, 1999"}}
    _, back, _ = _trip(item, "endnote-xml")
    assert back["accessed"] == item["accessed"]
    rec = ('<xml><records><record><ref-type name="Web Page">12</ref-type><titles><title>T</title></titles>'
           '<access-date>4/5/2020</access-date></record></records></xml>')
    back = citeport.read(rec, "endnote-xml")[0]
    assert "accessed" not in back and back["custom"]["tags"]["endnote:access-date"] == ["4/5/2020"]


def test_endnote_source_is_written_not_reported_and_plain_fields_report_markup():
    item = {"id": "p", "type": "bill", "title": "T", "source": "Provider", "authority": "Senate <b>x</b>"}
    _, back, losses = _trip(item, "endnote-xml")
    assert back["source"] == "Provider" and not any(f == "source" for _c, f in losses)
    assert back["authority"] == "Senate x" and ("down-converted", "authority") in losses
    item = {"id": "h", "type": "hearing", "title": "T", "container-title": "The <i>Record</i>"}
    _, back, losses = _trip(item, "endnote-xml")
    assert back["container-title"] == "The Record" and ("down-converted", "container-title") in losses


# -- JATS --------------------------------------------------------------------------------------
@pytest.mark.parametrize("var", ["accessed", "event-date"])
@pytest.mark.parametrize("date", [{"date-parts": [[2018]], "season": 2},
                                  {"date-parts": [[2019, 11], [2020, 2]]},
                                  {"date-parts": [[2021, 1, 5], [2021, 1, 9]]}])
def test_jats_season_and_ranges_of_one_element_dates_round_trip(var, date):
    item = {"id": "s", "type": "speech", "title": "T", "event-title": "E", var: date}
    _, back, losses = _trip(item, "jats")
    assert back[var] == date and not any(f == var for _c, f in losses)


def test_jats_page_first_beside_a_page_is_kept_and_alone_is_reported():
    item = {"id": "p", "type": "article-journal", "title": "T", "container-title": "J", "page": "iii-xii",
            "page-first": "7"}
    _, back, losses = _trip(item, "jats")
    assert (back["page"], back["page-first"]) == ("iii-xii", "7") and ("down-converted", "page-first") in losses
    _, back, losses = _trip({**item, "page": None}, "jats")
    assert back["page"] == "7" and ("down-converted", "page-first") in losses


def test_jats_nocase_is_reported_for_the_variable_that_had_it():
    item = {"id": "n", "type": "article-journal", "title": "Plain",
            "container-title": '<span class="nocase">iPhone</span> <i>J</i>'}
    _, back, losses = _trip(item, "jats")
    assert back["container-title"] == "iPhone <i>J</i>"
    assert ("down-converted", "container-title") in losses and ("down-converted", "title") not in losses


def test_iso_interval_dates_parse_as_ranges():
    assert parse_date("2019-11/2020-02") == {"date-parts": [[2019, 11], [2020, 2]]}
    assert parse_date("2021-01-05/2021-01-09") == {"date-parts": [[2021, 1, 5], [2021, 1, 9]]}
    assert parse_date("2019-13/2020-02") == {"literal": "2019-13/2020-02"}
    assert parse_date("2010/2011") == {"date-parts": [[2010], [2011]]}  # as before


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    return etree.DTD(str(shared_path("schemas", "jats-1.2-archiving", "JATS-archivearticle1-mathml3.dtd")))


def test_jats_output_of_the_held_out_items_is_valid_bare_and_wrapped(dtd):
    from test_roundtrip_types import ITEMS, baseline

    base = [baseline(item) for item in ITEMS]
    for options in ({}, {"wrap": True}):
        doc = etree.fromstring(api.write(base, "jats", ctx=Context(options=options)).encode())
        assert doc.tag == ("article" if options else "ref-list")
        assert dtd.validate(doc), dtd.error_log.filter_from_errors()[:5]
        assert len(doc.findall(".//ref")) == len(base)
