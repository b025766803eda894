"""Second blind review of the RIS and EndNote XML readers and writers: records laid out as EndNote 20,
IEEE Xplore, Ovid, JSTOR and EBSCOhost export them.  Each test names the bug it pins down."""
from __future__ import annotations

import citeport
from citeport.formats.ris import parse_ris_date, parse_ris_name
from citeport.model.diagnostics import Context


def _one(text: str, fmt: str = "ris") -> dict:
    (item,) = citeport.read(text, fmt)
    return item


def _losses(items: list[dict], fmt: str) -> tuple[str, set[str]]:
    ctx = Context()
    text = citeport.write(items, fmt, ctx=ctx)
    return text, {d.field for d in ctx.diagnostics if d.is_loss}


# --------------------------------------------------------------------------
# RIS names
# --------------------------------------------------------------------------
def test_endnote_trailing_comma_keeps_a_corporate_name_with_a_comma_whole():
    # Before: "Acme Robotics, Inc.," became family "Acme Robotics", given "Inc.".
    assert parse_ris_name("Acme Robotics, Inc.,") == {"family": "Acme Robotics, Inc."}
    assert parse_ris_name("Ordnance Survey,") == {"family": "Ordnance Survey"}
    item = _one("TY  - PAT\r\nTI  - Gripper\r\nAU  - Rossi, Marco\r\nAU  - Acme Robotics, Inc.,\r\nER  - \r\n")
    assert item["author"] == [{"family": "Rossi", "given": "Marco"}, {"family": "Acme Robotics, Inc."}]
    assert list(citeport.read(citeport.write([item], "ris"), "ris")) == [item]


def test_roman_numeral_initial_is_not_taken_for_a_suffix():
    # Before: "van Gogh V" read "V" as a suffix (as in "Gibb FW III") and left a literal name.
    assert parse_ris_name("van Gogh V") == {"family": "Gogh", "given": "V.", "non-dropping-particle": "van"}
    assert parse_ris_name("Gibb FW III") == {"family": "Gibb", "given": "F. W.", "suffix": "III"}


def test_family_first_initials_split_particles_like_the_inverted_form():
    # Before: Ovid's "de la Cruz J." kept "de la Cruz" as the family, while "de la Cruz, J." (what the
    # RIS writer writes back) split the particle, so a round trip changed the name.
    assert parse_ris_name("de la Cruz J.") == parse_ris_name("de la Cruz, J.") == {
        "family": "Cruz", "given": "J.", "non-dropping-particle": "de la"}
    item = _one("TY  - JOUR\nT1  - Statins\nA1  - Kim H.\nA1  - de la Cruz J.\nER  - \n")
    assert list(citeport.read(citeport.write([item], "ris"), "ris")) == [item]


def test_ieee_given_first_name_with_an_accented_one_letter_particle():
    # Before: IEEE Xplore's "M. Ó Briain" was a literal name (and read back as family "Briain").
    assert parse_ris_name("M. Ó Briain") == {"family": "Ó Briain", "given": "M."}
    assert parse_ris_name("J. A. Pulido Guevara Jr.") == {"family": "Pulido Guevara", "given": "J. A.",
                                                           "suffix": "Jr."}


# --------------------------------------------------------------------------
# RIS dates and serials
# --------------------------------------------------------------------------
IEEE_CONF = """TY  - CONF
TI  - A 28-GHz phased array transceiver
T2  - 2021 IEEE International Solid-State Circuits Conference (ISSCC)
SP  - 188
EP  - 190
AU  - J. A. Pulido Guevara
PY  - 2021
KW  - Phased arrays;Transceivers
DO  - 10.1109/ISSCC42613.2021.9365809
SN  - 2376-8606
VL  - 64
Y1  - 13-22 Feb. 2021
ER  - 
"""


def test_ieee_conference_day_range_is_the_date():
    # Before: "13-22 Feb. 2021" was no date, and was silently lost (issued: 2021 only, no tag kept).
    assert parse_ris_date("13-22 Feb. 2021") == {"date-parts": [[2021, 2, 13], [2021, 2, 22]]}
    assert parse_ris_date("28 Feb.-3 March 2021") == {"date-parts": [[2021, 2, 28], [2021, 3, 3]]}
    item = _one(IEEE_CONF)
    # Blind review 3: beside PY, IEEE's Y1 of a conference is the event's dates (CSL event-date).
    assert item["event-date"] == {"date-parts": [[2021, 2, 13], [2021, 2, 22]]}
    assert item["issued"] == {"date-parts": [[2021]]}
    assert item["page"] == "188-190" and item["keyword"] == "Phased arrays; Transceivers"
    assert list(citeport.read(citeport.write([item], "ris"), "ris")) == [item]


def test_a_date_value_that_is_no_date_is_kept_beside_the_year():
    # Before: a Y1 that parsed only as a literal was dropped without a word when PY gave the year.
    item = _one("TY  - JOUR\nTI  - T\nPY  - 2021\nY1  - Winter term, week 3\nER  - \n")
    assert item["issued"] == {"date-parts": [[2021]]}
    assert item["custom"]["tags"]["ris:Y1"] == ["Winter term, week 3"]
    back = _one(citeport.write([item], "ris"))
    assert back["custom"]["tags"]["ris:Y1"] == ["Winter term, week 3"]


def test_jstor_two_issns_in_one_sn_keep_the_second():
    # Before: JSTOR's "SN  - 03600572, 15452115" kept 0360-0572 and lost 1545-2115 silently.
    item = _one("TY  - JOUR\nT1  - The politics of memory\nJO  - Annual Review of Sociology\n"
                "SN  - 03600572, 15452115\nPY  - 1998\nER  - \n")
    assert item["ISSN"] == "0360-0572"
    assert item["custom"]["tags"]["ris:SN"] == ["1545-2115"]


# --------------------------------------------------------------------------
# EndNote XML
# --------------------------------------------------------------------------
_S = '<style face="normal" font="default" size="100%">{}</style>'


def _enxml(ref_type: str, number: int, body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record>'
            '<source-app name="EndNote" version="20.6">EndNote</source-app><rec-number>7</rec-number>'
            f'<ref-type name="{ref_type}">{number}</ref-type>{body}</record></records></xml>')


FILM = _enxml("Film or Broadcast", 21,
              f'<contributors><authors><author>{_S.format("Nolan, Christopher")}</author></authors>'
              f'<tertiary-authors><author>{_S.format("Thomas, Emma")}</author></tertiary-authors>'
              f'<subsidiary-authors><author>{_S.format("McConaughey, Matthew")}</author></subsidiary-authors>'
              f'</contributors><titles><title>{_S.format("Interstellar")}</title></titles>'
              f'<pages>{_S.format("169 min")}</pages><dates><year>{_S.format("2014")}</year></dates>'
              f'<publisher>{_S.format("Warner Bros.")}</publisher>')


def test_endnote_film_roles_and_running_time_as_ris_reads_them():
    # Before: the director was the author, the producer a collection-editor, the performer a
    # translator, and the running time a page (RIS MPCT of the same record said otherwise).
    item = _one(FILM, "endnote-xml")
    assert item["director"] == [{"family": "Nolan", "given": "Christopher"}]
    assert item["producer"] == [{"family": "Thomas", "given": "Emma"}]
    assert item["performer"] == [{"family": "McConaughey", "given": "Matthew"}]
    assert item["dimensions"] == "169 min"
    assert "author" not in item and "translator" not in item and "page" not in item
    text, losses = _losses([item], "endnote-xml")
    assert losses == set()
    assert list(citeport.read(text, "endnote-xml")) == [item]
    ris_item = _one(citeport.write([item], "ris"))
    assert {k: ris_item[k] for k in ("director", "producer", "performer", "dimensions")} == \
        {k: item[k] for k in ("director", "producer", "performer", "dimensions")}


def test_endnote_thesis_advisor_and_statute_country():
    # Before: a thesis's Tertiary Author (Advisor) was an editor; a statute's Country a publisher-place.
    thesis = _one(_enxml("Thesis", 32, f'<contributors><authors><author>{_S.format("Kowalski, Piotr")}</author>'
                         f'</authors><tertiary-authors><author>{_S.format("Nowak, Anna")}</author>'
                         f'</tertiary-authors></contributors><titles><title>{_S.format("Cold atoms")}</title>'
                         f'</titles><pages>{_S.format("214")}</pages>'), "endnote-xml")
    assert thesis["contributor"] == [{"family": "Nowak", "given": "Anna"}] and "editor" not in thesis
    assert thesis["number-of-pages"] == "214"
    statute = _one(_enxml("Statute", 31, f'<titles><title>{_S.format("Equality Act 2010")}</title></titles>'
                          f'<pub-location>{_S.format("United Kingdom")}</pub-location>'), "endnote-xml")
    assert statute["jurisdiction"] == "United Kingdom" and "publisher-place" not in statute
    for item in (thesis, statute):
        text, losses = _losses([item], "endnote-xml")
        assert losses == set() and list(citeport.read(text, "endnote-xml")) == [item]
    assert _one(citeport.write([statute], "ris"))["jurisdiction"] == "United Kingdom"


EBSCO = """TY  - JOUR
T1  - Mindfulness-based stress reduction in nurses
A1  - Jones, Mary
Y1  - 2018///
JF  - Journal of Advanced Nursing
VL  - 74
DP  - EBSCOhost
DB  - CINAHL Plus with Full Text
AN  - 128099123
U2  - PMID: 29023934.
ER  - 
"""


def test_endnote_xml_writer_reports_a_pmid_it_cannot_mark():
    # Before: with provider EBSCOhost the PMID went to accession-num, was read back as the
    # archive location, and no loss was reported (--strict passed).
    item = _one(EBSCO)
    assert item["PMID"] == "29023934" and item["archive_location"] == "128099123"
    assert item["source"] == "EBSCOhost" and item["archive"] == "CINAHL Plus with Full Text"
    _text, losses = _losses([item], "endnote-xml")
    assert {"PMID", "archive_location"} <= losses
    # a PubMed record keeps its PMID through EndNote XML with nothing to report
    pubmed = {**item, "archive": "MEDLINE", "source": "Ovid"}
    del pubmed["archive_location"]
    text, losses = _losses([pubmed], "endnote-xml")
    assert "PMID" not in losses and _one(text, "endnote-xml")["PMID"] == "29023934"


def test_endnote_xml_writer_reports_a_season_beside_a_month():
    item = _one("TY  - JOUR\nTI  - T\nPY  - 2019\nDA  - 2019/05/12/Spring\nER  - \n")
    assert item["issued"] == {"date-parts": [[2019, 5, 12]], "season": 1}
    _text, losses = _losses([item], "endnote-xml")
    assert "issued" in losses
