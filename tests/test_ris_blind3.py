"""RIS / EndNote XML blind review 3: EndNote XML's per-type meanings taken from the RIS tables (one
source of truth), more exporters' RIS (Mendeley, RefWorks, Papers, Cochrane, PMC, Taylor & Francis,
Citavi) and EndNote XML (Zotero, Mendeley), and small leftovers (HTML links in notes, Wiley's
"N1 - doi:", IEEE conference dates)."""
from __future__ import annotations

import pytest

import citeport
from citeport.formats import endnote_xml as ex
from citeport.model.html_notes import html_note_to_rich

# --------------------------------------------------------------------------
# 1. Every EndNote type: EndNote XML and the same fields as RIS read alike
# --------------------------------------------------------------------------
VALUES = {"secondary-title": "Second Title", "tertiary-title": "Third Title", "pages": "12-19", "volume": "7",
          "number": "42", "edition": "3rd", "section": "Sec 5", "num-vols": "4", "pub-location": "Oslo",
          "publisher": "Acme Press", "call-num": "QA76", "work-type": "Kind of work", "label": "Lbl",
          **{f"custom{n}": f"Custom value {n}" for n in range(1, 8)}}
GROUPS = {"authors": "Author, Alice", "secondary-authors": "Second, Bob", "tertiary-authors": "Third, Carol",
          "subsidiary-authors": "Fourth, Dan"}


def _s(v: str) -> str:
    return f'<style face="normal" font="default" size="100%">{v}</style>'


def _enxml(name: str, body: str, number: int = 0) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><xml><records><record><rec-number>1</rec-number>'
            f'<ref-type name="{name}">{number}</ref-type>{body}</record></records></xml>')


def _pair(name: str) -> tuple[str, str]:
    """One record with every field, as EndNote XML and as the RIS EndNote exports for the type."""
    ris_ty = ex.RIS_TYPES[name]
    tags = ex._element_tags(ris_ty)
    contrib = "".join(f"<{g}><author>{_s(v)}</author></{g}>" for g, v in GROUPS.items())
    titles = f"<title>{_s('Main title')}</title>" + "".join(
        f"<{t}>{_s(VALUES[t])}</{t}>" for t in ("secondary-title", "tertiary-title"))
    body = "".join(f"<{e}>{_s(v)}</{e}>" for e, v in VALUES.items() if "title" not in e)
    xml = _enxml(name, f"<contributors>{contrib}</contributors><titles>{titles}</titles>{body}"
                       f"<dates><year>{_s('2020')}</year></dates>")
    lines = [f"TY  - {ris_ty}", "ID  - 1", *(f"{tags[g]}  - {v}" for g, v in GROUPS.items()), "TI  - Main title",
             *(f"{tags[e]}  - {v}" for e, v in VALUES.items()), "PY  - 2020", "ER  - ", ""]
    return xml, "\n".join(lines)


def _split(item: dict) -> tuple[dict, dict, list[str]]:
    """CSL without custom; custom without tags; the kept values (their keys name each format's tag)."""
    item = dict(item)
    custom = dict(item.pop("custom", {}) or {})
    tags = custom.pop("tags", {}) or {}
    return item, custom, sorted(v for k, vs in tags.items() if k not in ("ris:TY", "endnote:ref-type") for v in vs)


@pytest.mark.parametrize("name", sorted(ex.RIS_TYPES))
def test_every_endnote_type_reads_as_its_ris_export(name):
    xml, ris = _pair(name)
    from_xml, from_ris = citeport.read(xml, "endnote-xml")[0], citeport.read(ris, "ris")[0]
    assert _split(from_xml) == _split(from_ris)
    # and EndNote XML writes it back as it was
    assert citeport.read(citeport.write([from_xml], "endnote-xml"), "endnote-xml") == [from_xml]


def _one(text: str, fmt: str) -> dict:
    return citeport.read(text, fmt)[0]


def test_patent_issuing_authority_and_numbers():
    # Before: the issuing organisation was an editor, and the application number (<number>) won over
    # the patent number (<isbn>).
    item = _one(_enxml("Patent", f'<contributors><authors><author>{_s("Curie, Marie")}</author></authors>'
                       f'<secondary-authors><author>{_s("European Patent Office,")}</author></secondary-authors>'
                       f'</contributors><titles><title>{_s("Radium lamp")}</title></titles>'
                       f'<number>{_s("EP19990001")}</number><isbn>{_s("EP1234567B1")}</isbn>'
                       f'<pub-location>{_s("Europe")}</pub-location><publisher>{_s("Acme SA")}</publisher>', 25),
                "endnote-xml")
    assert item["authority"] == "European Patent Office" and "editor" not in item
    assert item["number"] == "EP1234567B1" and item["jurisdiction"] == "Europe"
    assert item["custom"]["tags"]["endnote:number"] == ["EP19990001"]
    assert citeport.read(citeport.write([item], "endnote-xml"), "endnote-xml") == [item]
    assert _one(citeport.write([item], "ris"), "ris")["authority"] == "European Patent Office"


def test_web_page_volume_and_number_are_access_year_and_date():
    # Before: EndNote's "Access Year" (<volume>) and "Access Date" (<number>) were volume and issue.
    item = _one(_enxml("Web Page", f'<titles><title>{_s("Home")}</title></titles><volume>{_s("2021")}</volume>'
                       f'<number>{_s("March 3")}</number>', 12), "endnote-xml")
    assert "volume" not in item and "issue" not in item
    assert item["accessed"] == {"date-parts": [[2021, 3, 3]]} and "custom" not in item  # one access date
    assert citeport.read(citeport.write([item], "endnote-xml"), "endnote-xml") == [item]


def test_case_court_report_number_hearing_committee():
    case = _one(_enxml("Case", f'<titles><title>{_s("Roe v. Wade")}</title></titles><publisher>{_s("Supreme Court")}'
                       f'</publisher><number>{_s("70-18")}</number><volume>{_s("410")}</volume>', 7), "endnote-xml")
    assert case["authority"] == "Supreme Court" and case["number"] == "70-18" and case["volume"] == "410"
    assert "publisher" not in case and "issue" not in case
    report = _one(_enxml("Report", f'<titles><title>{_s("Annual")}</title></titles><isbn>{_s("TR-2020-7")}</isbn>'
                         f'<num-vols>{_s("12")}</num-vols>', 27), "endnote-xml")
    assert report["number"] == "TR-2020-7" and report["collection-number"] == "12" and "ISBN" not in report
    hearing = _one(_enxml("Hearing", f'<titles><title>{_s("Oversight")}</title><secondary-title>'
                          f'{_s("Committee on Energy")}</secondary-title><tertiary-title>{_s("Senate")}'
                          f'</tertiary-title></titles><number>{_s("S. Hrg. 116-1")}</number>', 14), "endnote-xml")
    assert hearing["section"] == "Committee on Energy" and hearing["authority"] == "Senate"
    assert hearing["number"] == "S. Hrg. 116-1" and "container-title" not in hearing
    for item in (case, report, hearing):
        assert citeport.read(citeport.write([item], "endnote-xml"), "endnote-xml") == [item]


def test_book_section_number_of_volumes_and_series_volume():
    # EndNote's own labelled RIS export (Zotero's RIS_case03): CHAP "M1 - Number of Volumes",
    # "SV - Series Volume"; the EndNote XML elements are <num-vols> and <number>.
    item = _one(_enxml("Book Section", f'<titles><title>{_s("Ch")}</title><secondary-title>{_s("Book")}'
                       f'</secondary-title></titles><number>{_s("42")}</number><num-vols>{_s("3")}</num-vols>', 5),
                "endnote-xml")
    assert item["collection-number"] == "42" and item["number-of-volumes"] == "3"
    ris = _one("TY  - CHAP\nTI  - Ch\nT2  - Book\nSV  - 42\nM1  - 3\nER  - \n", "ris")
    assert {k: ris[k] for k in ("collection-number", "number-of-volumes")} == {"collection-number": "42",
                                                                              "number-of-volumes": "3"}


# --------------------------------------------------------------------------
# 2. Exporters not tried before (records written as each exports them)
# --------------------------------------------------------------------------
PMC_CITE = """TY  - JOUR
AU  - Lee, Ji-Yeon
AU  - Park, Min
T1  - Gut microbiota and depression
T2  - Front Psychiatry
PY  - 2021
DA  - 2021/03/12
VL  - 12
SP  - 634567
DO  - 10.3389/fpsyt.2021.634567
AN  - PMC7987654
UR  - https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7987654/
SN  - 1664-0640
ER  - 
"""


def test_pmc_cite_ris_accession_number_is_the_pmcid():
    # Before: PMC's "Cite > RIS" PMCID in AN was read as archive_location.
    item = _one(PMC_CITE, "ris")
    assert item["PMCID"] == "PMC7987654" and "archive_location" not in item
    assert item["issued"] == {"date-parts": [[2021, 3, 12]]} and item["page"] == "634567"
    assert _one(citeport.write([item], "ris"), "ris") == item


TANDF = """TY  - JOUR
T1  - Urban heat and health
AU  - Ng, Edward
Y1  - 2018/06/03
PY  - 2018
DA  - 2018/06/03
N1  - doi: 10.1080/00207233.2018.1477304
DO  - 10.1080/00207233.2018.1477304
T2  - International Journal of Environmental Studies
JO  - Int J Environ Stud
SP  - 1
EP  - 15
VL  - 75
IS  - 4
PB  - Routledge
SN  - 0020-7233
M3  - doi: 10.1080/00207233.2018.1477304
UR  - https://doi.org/10.1080/00207233.2018.1477304
Y2  - 2023/01/05
ER  - 
"""
CITAVI = """TY  - CHAP
AU  - Meier, Hans
A2  - Schulz, Petra
PY  - 2015
TI  - Ein Kapitel
T2  - Handbuch der Dinge
CY  - Berlin
PB  - Springer
SP  - 23
EP  - 45
SN  - 978-3-662-00000-1
LA  - ger
ER  - 
"""


def test_taylor_francis_and_citavi_ris():
    tf = _one(TANDF, "ris")
    assert tf["DOI"] == "10.1080/00207233.2018.1477304" and "genre" not in tf  # M3 "doi: ..." is no genre
    assert tf["issued"] == {"date-parts": [[2018, 6, 3]]} and tf["accessed"] == {"date-parts": [[2023, 1, 5]]}
    assert tf["container-title-short"] == "Int J Environ Stud" and tf["page"] == "1-15"
    chap = _one(CITAVI, "ris")
    assert chap["editor"] == [{"family": "Schulz", "given": "Petra"}] and chap["container-title"] == "Handbuch der Dinge"
    assert chap["language"] == "de" and chap["ISBN"] == "978-3-662-00000-1" and chap["page"] == "23-45"


_ZOTERO_NOTE = "&lt;p&gt;See &lt;a href=&quot;https://example.org/data&quot;&gt;the data&lt;/a&gt;&lt;/p&gt;"
ZOTERO_ENXML = _enxml("Journal Article", f'<source-app name="Zotero">Zotero</source-app><contributors><authors>'
                      f'<author>{_s("Rossi, Paolo")}</author></authors></contributors><titles><title>{_s("Article")}'
                      f'</title><secondary-title>{_s("Nature")}</secondary-title></titles><periodical><full-title>'
                      f'{_s("Nature")}</full-title></periodical><pages>{_s("1-9")}</pages><volume>{_s("5")}</volume>'
                      f'<number>{_s("2")}</number><dates><year>{_s("2020")}</year></dates>'
                      f'<notes>{_s(_ZOTERO_NOTE)}</notes>', 17)


def test_zotero_endnote_xml_note_keeps_a_links_target():
    # Before: "See the data" (the link's URL was lost).
    item = _one(ZOTERO_ENXML, "endnote-xml")
    assert item["note"] == "See the data <https://example.org/data>"
    assert item["issue"] == "2" and item["container-title"] == "Nature" and item["page"] == "1-9"


# --------------------------------------------------------------------------
# 3. Leftovers
# --------------------------------------------------------------------------
def test_html_note_links():
    assert html_note_to_rich('<p>See <a href="https://x.org/a?b=1&amp;c=2">the <em>data</em></a>.</p>') == \
        "See the <i>data</i> <https://x.org/a?b=1&c=2>."
    assert html_note_to_rich('<p><a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a></p>') == \
        "https://doi.org/10.1/x"
    assert html_note_to_rich("<p><a name='top'>Top</a></p>") == "Top"


def test_wiley_note_doi_fills_a_missing_doi():
    item = _one("TY  - JOUR\nTI  - A Wiley article\nJO  - Angew Chem\nN1  - doi: 10.1002/anie.201800001\n"
                "PY  - 2019\nER  - \n", "ris")
    assert item["DOI"] == "10.1002/anie.201800001"


IEEE_CPAPER = """TY  - CPAPER
TI  - Fast solvers
T2  - 2019 International Conference on Numerical Methods
SP  - 211
EP  - 219
AU  - M. J. de la Cruz
PY  - 2019
Y1  - 3-5 Oct. 2019
ER  - 
"""


def test_ieee_conference_y1_beside_py_is_the_event_date():
    item = _one(IEEE_CPAPER, "ris")
    assert item["event-date"] == {"date-parts": [[2019, 10, 3], [2019, 10, 5]]}
    assert item["issued"] == {"date-parts": [[2019]]}
    assert _one(citeport.write([item], "ris"), "ris") == item
    # a Y1 in RIS's slash form is a publication date, and a journal's Y1 is never an event
    assert "event-date" not in _one(IEEE_CPAPER.replace("3-5 Oct. 2019", "2019/10/03/"), "ris")
    assert "event-date" not in _one(IEEE_CPAPER.replace("CPAPER", "JOUR"), "ris")
