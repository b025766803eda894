"""Web page, blog and manuscript rows of RIS and EndNote XML: access dates and archives.

EndNote labels a Web Page's VL "Access Year" and M1 "Access Date", a Blog's VL "Access Year", a
Manuscript's PB "Library/Archive"; the RIS spec (citation-js plugin-ris new.json) reads ELEC M1+VL
and BLOG VL+Y2 as accessed and MANSCPT PB as archive; Zotero's RIS.js reads a webpage's M1/VL as a
backup access date.  Both formats read them alike, and both writers put them back where the readers
(citeport, Zotero, citation-js, EndNote) find them.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET  # parsing our own output only (trusted, no DTD)

import pytest

import citeport
from citeport import api
from citeport.formats.ris import access_date
from citeport.model.diagnostics import Context


def _ris(body: str) -> dict:
    return citeport.read(body + "ER  - \n", "ris")[0]


def _enxml(name: str, number: int, body: str) -> dict:
    text = ('<?xml version="1.0" encoding="UTF-8"?><xml><records><record><rec-number>1</rec-number>'
            f'<ref-type name="{name}">{number}</ref-type><titles><title>T</title></titles>{body}'
            '</record></records></xml>')
    return citeport.read(text, "endnote-xml")[0]


def _tags(item: dict) -> dict:
    return (item.get("custom") or {}).get("tags") or {}


def _lines(text: str) -> list[tuple[str, str]]:
    return [(line[:2], line[6:]) for line in text.replace("\r", "").split("\n") if line[2:6] == "  - "]


# --------------------------------------------------------------------------------------------
# Reading: access year + access date -> one accessed
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body,accessed,kept", [
    # EndNote's Web Page: "Access Year" 2021, "Access Date" March 3 (no year of its own)
    ("TY  - ELEC\nTI  - W\nVL  - 2021\nM1  - March 3\n", [2021, 3, 3], {}),
    # EndNote's old WEB type, a day-first numeric access date
    ("TY  - WEB\nTI  - W\nVL  - 2020\nM1  - 15/3\n", [2020, 3, 15], {}),
    # day and month cannot be told apart: the year only, the value kept as written
    ("TY  - ELEC\nTI  - W\nVL  - 2020\nM1  - 3/4\n", [2020], {"ris:M1": ["3/4"]}),
    # citation-js writes a web page's whole access date in M1, a blog's in VL
    ("TY  - ELEC\nTI  - W\nM1  - 2024/1/15/\n", [2024, 1, 15], {}),
    ("TY  - BLOG\nTI  - B\nVL  - 2024/3/1/\n", [2024, 3, 1], {}),
    # Y2 stays the access date; a VL/M1 that agrees is part of it, one that disagrees is kept
    ("TY  - ELEC\nTI  - W\nY2  - 2022/01/05/\nVL  - 2022\nM1  - 2022/01/05/\n", [2022, 1, 5], {}),
    ("TY  - ELEC\nTI  - W\nY2  - 2022/01/05/\nVL  - 2020\n", [2022, 1, 5], {"ris:VL": ["2020"]}),
    # a Y2 with the year only is refined by the M1's day (its year from the Y2)
    ("TY  - ELEC\nTI  - W\nY2  - 2022\nM1  - June 7\n", [2022, 6, 7], {}),
    ("TY  - BLOG\nTI  - B\nVL  - 2019\nY2  - 2019/05/06/\n", [2019, 5, 6], {}),
])
def test_ris_access_parts_join(body, accessed, kept):
    item = _ris(body)
    assert item["accessed"] == {"date-parts": [accessed]}
    assert _tags(item) == kept
    assert "volume" not in item and "issue" not in item


def test_ris_parts_that_are_no_date_keep_their_meaning():
    # A VL that is no year is still a volume; an M1 that is no date ("12" is no December) stays the tag.
    item = _ris("TY  - ELEC\nTI  - W\nVL  - 3\nM1  - 12\nY2  - 2022/01/05/\n")
    assert item["volume"] == "3" and item["accessed"] == {"date-parts": [[2022, 1, 5]]}
    assert _tags(item) == {"ris:M1": ["12"]}
    blog = _ris("TY  - BLOG\nTI  - B\nVL  - Access Year\n")
    assert blog["volume"] == "Access Year" and "accessed" not in blog
    # A month-day M1 without any year anywhere cannot be a date.
    alone = _ris("TY  - ELEC\nTI  - W\nM1  - March 3\n")
    assert "accessed" not in alone and _tags(alone) == {"ris:M1": ["March 3"]}


def test_other_types_vl_and_m1_are_untouched():
    item = _ris("TY  - JOUR\nTI  - A\nVL  - 2021\nM1  - 4\n")
    assert item["volume"] == "2021" and item["issue"] == "4" and "accessed" not in item


def test_access_date_helper():
    assert access_date(None, []) == (None, [], [])
    assert access_date({"date-parts": [[2021]]}, [("VL", "year", "2021"), ("M1", "day", "Oct 2")]) == \
        ({"date-parts": [[2021, 10, 2]]}, [], [])
    assert access_date({"literal": "n.d."}, [("VL", "year", "2021")]) == ({"literal": "n.d."}, [], [("VL", "2021")])


# --------------------------------------------------------------------------------------------
# Reading: EndNote XML reads the same fields the same way
# --------------------------------------------------------------------------------------------
_S = '<style face="normal" font="default" size="100%">{}</style>'


@pytest.mark.parametrize("xml,ris", [
    (f'<volume>{_S.format("2021")}</volume><number>{_S.format("March 3")}</number>',
     "TY  - ELEC\nTI  - T\nVL  - 2021\nM1  - March 3\n"),
    (f'<volume>{_S.format("7")}</volume><number>{_S.format("42")}</number>'
     f'<access-date>{_S.format("2023/02/01")}</access-date>',
     "TY  - ELEC\nTI  - T\nVL  - 7\nM1  - 42\nY2  - 2023/02/01\n"),
])
def test_endnote_xml_web_page_reads_as_ris(xml, ris):
    from_xml, from_ris = _enxml("Web Page", 12, xml), _ris(ris)
    assert {k: v for k, v in from_xml.items() if k not in ("id", "custom")} == \
        {k: v for k, v in from_ris.items() if k not in ("id", "custom")}
    assert [v for vs in _tags(from_xml).values() for v in vs] == [v for vs in _tags(from_ris).values() for v in vs]


def test_endnote_xml_web_page_values():
    item = _enxml("Web Page", 12, f'<volume>{_S.format("7")}</volume><number>{_S.format("42")}</number>'
                                  f'<access-date>{_S.format("2023/02/01")}</access-date>')
    assert item["volume"] == "7" and item["accessed"] == {"date-parts": [[2023, 2, 1]]}
    assert _tags(item) == {"endnote:number": ["42"]}
    blog = _enxml("Blog", 56, f'<volume>{_S.format("2018")}</volume>')
    assert blog["accessed"] == {"date-parts": [[2018]]} and "volume" not in blog


def test_manuscript_publisher_is_the_archive():
    item = _ris("TY  - MANSCPT\nTI  - Notes\nDB  - ProQuest\nPB  - MIT Archives\nAN  - Box 7\n")
    assert item["archive"] == "MIT Archives" and item["archive_location"] == "Box 7" and "publisher" not in item
    assert _tags(item) == {"ris:DB": ["ProQuest"]}  # the database's name, kept
    assert _ris("TY  - MANSCPT\nTI  - Notes\nDB  - Archive A\n")["archive"] == "Archive A"  # Zotero's export
    xml = _enxml("Manuscript", 36, f'<publisher>{_S.format("Bodleian Library")}</publisher>')
    assert xml["archive"] == "Bodleian Library" and "publisher" not in xml


# --------------------------------------------------------------------------------------------
# Writing: where other tools and citeport find the values again
# --------------------------------------------------------------------------------------------
WEB = {"id": "w", "type": "webpage", "title": "W", "URL": "https://example.org", "volume": "3",
       "accessed": {"date-parts": [[2021, 1, 2]]}}
BLOG = {"id": "b", "type": "post-weblog", "title": "B", "container-title": "Blog",
        "accessed": {"date-parts": [[2021, 1, 2]]}}
MS = {"id": "m", "type": "manuscript", "title": "M", "archive": "MIT Archives", "archive_location": "Box 7"}


def test_ris_writes_access_date_in_y2_and_web_page_m1():
    web = _lines(citeport.write([WEB], "ris"))
    assert ("Y2", "2021/01/02/") in web and ("M1", "2021/01/02/") in web and ("VL", "3") in web
    blog = _lines(citeport.write([BLOG], "ris"))
    assert ("Y2", "2021/01/02/") in blog and not any(t in ("M1", "VL") for t, _v in blog)
    ms = _lines(citeport.write([MS], "ris"))
    assert ("PB", "MIT Archives") in ms and ("DB", "MIT Archives") in ms and ("AN", "Box 7") in ms


def test_endnote_xml_writes_access_date_volume_and_archive():
    web, ms = ET.fromstring(citeport.write([WEB, MS], "endnote-xml").encode()).iter("record")
    assert _text(web, "access-date") == "2021 Jan 2" and _text(web, "volume") == "3"
    assert web.find("number") is None
    assert _text(ms, "publisher") == "MIT Archives" and _text(ms, "accession-num") == "Box 7"


def _text(rec: ET.Element, tag: str) -> str:
    return "".join(rec.find(tag).itertext()).strip()


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml"])
@pytest.mark.parametrize("item", [WEB, BLOG, MS, {**WEB, "volume": "Vol. 2"}], ids=["web", "blog", "ms", "vol"])
def test_round_trip(fmt, item):
    ctx = Context()
    back = citeport.read(api.write([item], fmt, ctx=ctx), fmt)[0]
    assert back == item
    assert not [d for d in ctx.diagnostics if d.is_loss]


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml"])
def test_a_web_page_volume_like_a_year_is_a_reported_loss(fmt):
    # Written as VL/<volume> it would read back as the access year: reported, not silently changed.
    item = {"id": "w", "type": "webpage", "title": "W", "volume": "2019"}
    ctx = Context()
    back = citeport.read(api.write([item], fmt, ctx=ctx), fmt)[0]
    assert "accessed" not in back
    assert ("volume" in {d.field for d in ctx.diagnostics if d.is_loss})


def test_manuscript_publisher_beside_the_archive_is_a_reported_loss():
    item = {**MS, "publisher": "Self-published"}
    ctx = Context()
    text = api.write([item], "ris", ctx=ctx)
    assert ("N1", "publisher: Self-published") in _lines(text) and ("PB", "MIT Archives") in _lines(text)
    assert "publisher" in {d.field for d in ctx.diagnostics if d.is_loss}
