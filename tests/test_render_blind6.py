"""Blind review 6: the differences left after sweep round 2, reproduced against citeproc-js on small
inline styles and items written for them; each expected string is citeproc-js's output (recorded),
and ``test_live_*`` re-runs citeproc-js when node and the package are present (else skips).

- collapsed year-suffixes with locators: "1988a, p. 5, b, p. 7; c" — a cite with a locator still
  collapses to its suffix, the locator after it; the delimiter before it is citeproc-js's splice
  delimiter (after-collapse-delimiter after a locator, else the layout delimiter, or ", " when the
  style sets no after-collapse-delimiter);
- punctuation-in-quote (en-US) happens only across plain seams: a comma in the prefix of a decorated
  element stays out ("“A title”, <i>Book</i>"); punctuation moved in also goes inside a decoration
  within the quotes ("“<i>A title,</i>”").  Not matched: a decorated group around a quoted text keeps
  what follows out in citeproc-js ("<i>“A title”</i>, Book") while data quotes inside italics take it
  ("<i>on “the whale.”</i>"); citeport moves it in both.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citeport.render import CiteRef, render

ROOT = Path(__file__).resolve().parents[1]


def _ys_style(attrs: str, delimiter: str, collapse: str = "year-suffix") -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation disambiguate-add-year-suffix="true" collapse="{collapse}" {attrs}><sort><key variable="issued"/></sort>
<layout prefix="(" suffix=")" delimiter="{delimiter}"><group delimiter=", "><names variable="author"><name form="short"/>
</names><date variable="issued"><date-part name="year"/></date><group><label variable="locator" form="short" suffix=" "/>
<text variable="locator"/></group></group></layout></citation>
<bibliography><layout><names variable="author"/><text variable="title" prefix=". "/></layout></bibliography></style>"""


def _book(iid: str, title: str, family: str, year: int) -> dict:
    return {"id": iid, "type": "book", "title": title, "author": [{"family": family, "given": "J."}],
            "issued": {"date-parts": [[year]]}, "publisher": "P"}


DOES = [_book("d1", "Alpha", "Doe", 1988), _book("d2", "Beta", "Doe", 1988), _book("d3", "Gamma", "Doe", 1988),
        _book("d4", "Delta", "Doe", 1988), _book("s1", "Other", "Smith", 1990)]
CLUSTERS = [
    [("d1", None), ("d2", None), ("d3", None)],
    [("d1", "5"), ("d2", "7"), ("d3", None)],
    [("d1", None), ("d2", "7"), ("d3", None)],
    [("d1", "5"), ("d2", None), ("d3", None), ("d4", None)],
    [("d1", None), ("d2", None), ("d3", "9"), ("s1", None)],
    [("d1", None), ("d2", None), ("d3", None), ("d4", "3")],
    [("s1", None), ("d1", "5"), ("d2", None), ("d3", None)],
    [("d1", None), ("d2", "5"), ("d3", "6")],
]

#: (citation attributes, layout delimiter, collapse) -> citeproc-js 1.4 output of CLUSTERS
YS_CASES = {
    ("", "; ", "year-suffix"): [
        "(Doe, 1988a; b; c)", "(Doe, 1988a, p. 5, b, p. 7; c)", "(Doe, 1988a, b, p. 7; c)",
        "(Doe, 1988a, p. 5; b; c; d)", "(Doe, 1988a; b, c, p. 9; Smith, 1990)", "(Doe, 1988a; b; c, d, p. 3)",
        "(Doe, 1988a, p. 5; b; c; Smith, 1990)", "(Doe, 1988a, b, p. 5, c, p. 6)"],
    ('after-collapse-delimiter=" / "', "; ", "year-suffix"): [
        "(Doe, 1988a; b; c)", "(Doe, 1988a, p. 5 / b, p. 7; c)", "(Doe, 1988a; b, p. 7; c)",
        "(Doe, 1988a, p. 5; b; c; d)", "(Doe, 1988a; b; c, p. 9 / Smith, 1990)", "(Doe, 1988a; b; c; d, p. 3)",
        "(Doe, 1988a, p. 5; b; c / Smith, 1990)", "(Doe, 1988a; b, p. 5 / c, p. 6)"],
    ('year-suffix-delimiter="+"', "; ", "year-suffix"): [
        "(Doe, 1988a+b+c)", "(Doe, 1988a, p. 5, b, p. 7+c)", "(Doe, 1988a, b, p. 7+c)",
        "(Doe, 1988a, p. 5+b+c+d)", "(Doe, 1988a+b, c, p. 9; Smith, 1990)", "(Doe, 1988a+b+c, d, p. 3)",
        "(Doe, 1988a, p. 5+b+c; Smith, 1990)", "(Doe, 1988a, b, p. 5, c, p. 6)"],
    # Annual Reviews' combination
    ('year-suffix-delimiter="," after-collapse-delimiter="; "', ", ", "year-suffix-ranged"): [
        "(Doe, 1988a–c)", "(Doe, 1988a, p. 5; b, p. 7,c)", "(Doe, 1988a, b, p. 7,c)", "(Doe, 1988a, p. 5,b–d)",
        "(Doe, 1988a,b, c, p. 9; Smith, 1990)", "(Doe, 1988a–c, d, p. 3)", "(Doe, 1988a, p. 5,b,c; Smith, 1990)",
        "(Doe, 1988a, b, p. 5; c, p. 6)"],
}


def _cites(style: str) -> list[str]:
    clusters = [[CiteRef(i, loc) for i, loc in cl] for cl in CLUSTERS]
    return render(DOES, style, citations=clusters).splitlines()


@pytest.mark.parametrize("case", list(YS_CASES), ids=lambda c: f"{c[2]}:{c[0] or 'plain'}:{c[1]!r}")
def test_collapsed_year_suffixes_with_locators(case):
    assert _cites(_ys_style(*case)) == YS_CASES[case]


#: cite affixes stay around the collapsed suffix; the delimiter next to them is the splice delimiter.
#: (A first draft expected "(Doe, 1988a; 1988b note)" here, i.e. no collapse with a cite suffix: that
#: was a guess, citeproc-js collapses; corrected from citeproc-js's output, not from citeport's.)
AFFIX_CASES = [
    ("", [{"id": "d1"}, {"id": "d2", "prefix": "cf. "}], "(Doe, 1988a, cf. b)"),
    ("", [{"id": "d1"}, {"id": "d2", "suffix": " x"}, {"id": "d3"}], "(Doe, 1988a, b x, c)"),
    ("", [{"id": "d1", "locator": "3"}, {"id": "d2", "suffix": " x"}, {"id": "d3"}], "(Doe, 1988a, p. 3, b x, c)"),
    ("", [{"id": "d1"}, {"id": "d2", "locator": "4", "suffix": " x"}, {"id": "d3"}], "(Doe, 1988a, b, p. 4 x, c)"),
    ("", [{"id": "d1", "prefix": "see "}, {"id": "d2"}], "(see Doe, 1988a; b)"),
    ('after-collapse-delimiter=" / "', [{"id": "d1"}, {"id": "d2", "suffix": " note"}], "(Doe, 1988a; b note)"),
    ('after-collapse-delimiter=" / "', [{"id": "d1", "suffix": " x"}, {"id": "d2"}], "(Doe, 1988a x; b)"),
    ('after-collapse-delimiter=" / "', [{"id": "d1"}, {"id": "d2", "suffix": " x"}, {"id": "d3"}],
     "(Doe, 1988a; b x; c)"),
]


def _refs(cluster: list[dict]) -> list[CiteRef]:
    return [CiteRef(c["id"], c.get("locator"), prefix=c.get("prefix", ""), suffix=c.get("suffix", ""))
            for c in cluster]


@pytest.mark.parametrize("attrs,cluster,expected", AFFIX_CASES)
def test_cite_affixes_stay_around_the_collapsed_suffix(attrs, cluster, expected):
    assert render(DOES, _ys_style(attrs, "; "), citations=[_refs(cluster)]).strip() == expected


# --- punctuation-in-quote only across plain seams ---------------------------------------------------

def _piq_style(bib: str) -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title" quotes="true"/></layout></citation>
<bibliography><layout>{bib}</layout></bibliography></style>"""


CHAPTER = {"id": "a", "type": "chapter", "title": "A title", "container-title": "Book", "publisher": "Pub",
           "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2000]]}}
QUESTION = dict(CHAPTER, id="c", title="Why?")
T = '<text variable="title" quotes="true"/>'

#: layout -> citeproc-js (text, html) for CHAPTER and QUESTION
PIQ_CASES = {
    # the prefix of a decorated element stays out of the quote
    T + '<text variable="container-title" prefix=", " font-style="italic"/>':
        (["“A title”, Book", "“Why?”, Book"], ["“A title”, <i>Book</i>", "“Why?”, <i>Book</i>"]),
    T + '<text variable="container-title" prefix=". " font-weight="bold"/>':
        (["“A title”. Book", "“Why?”. Book"], ["“A title”. <b>Book</b>", "“Why?”. <b>Book</b>"]),
    T + '<names variable="author" prefix=", " font-style="italic"/>':
        (["“A title”, J. Doe", "“Why?”, J. Doe"], ["“A title”, <i>J. Doe</i>", "“Why?”, <i>J. Doe</i>"]),
    T + '<group prefix=", " font-variant="small-caps"><text variable="container-title"/></group>':
        (["“A title”, Book", "“Why?”, Book"],
         ['“A title”, <span style="font-variant:small-caps;">Book</span>',
          '“Why?”, <span style="font-variant:small-caps;">Book</span>']),
    # ... unless it is the first child of a plain group: citeproc-js lifts it there, and it moves
    T + '<group><text variable="container-title" prefix=", " font-style="italic"/></group>':
        (["“A title,” Book", "“Why?,” Book"], ["“A title,” <i>Book</i>", "“Why?,” <i>Book</i>"]),
    # a plain prefix moves in
    T + '<text variable="container-title" prefix=", "/>':
        (["“A title,” Book", "“Why?,” Book"], ["“A title,” Book", "“Why?,” Book"]),
    # a delimiter moves in, and inside the decoration within the quotes
    '<group delimiter=", "><text variable="title" quotes="true" font-style="italic"/>'
    '<text variable="container-title"/></group>':
        (["“A title,” Book", "“Why?,” Book"], ["“<i>A title,</i>” Book", "“<i>Why?,</i>” Book"]),
}


@pytest.mark.parametrize("layout", list(PIQ_CASES))
def test_punctuation_in_quote_only_across_plain_seams(layout):
    text, html = PIQ_CASES[layout]
    style = _piq_style(layout)
    assert render([CHAPTER, QUESTION], style, wrap=False).splitlines() == text
    assert render([CHAPTER, QUESTION], style, output="html", wrap=False).splitlines() == html


def test_no_marks_left_in_sort_keys_or_citations():
    style = _piq_style(T + '<text variable="container-title" prefix=", " font-style="italic"/>')
    out = render([CHAPTER, QUESTION], style, output="html") + render([CHAPTER], style, citations=True)
    assert "\ue054" not in out


# --- live: the same cases against citeproc-js -----------------------------------------------------

def _node_ready() -> bool:
    return bool(shutil.which("node")) and (ROOT / ".peers" / "node_modules" / "citeproc" / "package.json").is_file()


def _js_clusters(style: str, items: list, clusters: list, raw: list | None = None) -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import csl_clusters
    finally:
        sys.path.pop(0)
    js = raw or [[{"id": i, **({"locator": loc, "label": "page"} if loc else {})} for i, loc in cl] for cl in clusters]
    return [s.strip() for s in csl_clusters.run_js(style, items, js, ["text"])["text"]]


def _js_bib(style: str, items: list, fmt: str) -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import csl_agreement
    finally:
        sys.path.pop(0)
    out = csl_agreement.run_js(style, items, [fmt])[fmt]["entries"]
    return [csl_agreement.norm_html(e) if fmt == "html" else e.strip() for e in out]


live = pytest.mark.skipif(not _node_ready() or os.environ.get("CITEPORT_NO_NODE") == "1",
                          reason="node or citeproc-js (.peers) not available")


@live
def test_live_year_suffix_cases_match_citeproc_js():
    for case in YS_CASES:
        style = _ys_style(*case)
        assert _js_clusters(style, DOES, CLUSTERS) == _cites(style), case


@live
def test_live_affix_cases_match_citeproc_js():
    for attrs, cluster, _expected in AFFIX_CASES:
        style = _ys_style(attrs, "; ")
        js = _js_clusters(style, DOES, [[(c["id"], c.get("locator")) for c in cluster]], [cluster])
        assert js == [render(DOES, style, citations=[_refs(cluster)]).strip()], cluster


@live
def test_live_piq_cases_match_citeproc_js():
    for layout in PIQ_CASES:
        style = _piq_style(layout)
        for fmt in ("text", "html"):
            ours = render([CHAPTER, QUESTION], style, output=fmt, wrap=False).splitlines()
            assert _js_bib(style, [CHAPTER, QUESTION], fmt) == ours, (layout, fmt)


# --- whitespace: a sort-separator's run of spaces prints as one (citeproc-js) ------------------------

def test_sort_separator_spaces_collapse():
    said = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2000]]},
            "author": [{"family": "Said", "given": "Edward W."}, {"family": "Roe", "given": "Ann"}]}

    def bib(name_attrs: str) -> str:
        return _piq_style(f'<names variable="author"><name name-as-sort-order="all" initialize-with="" '
                          f'{name_attrs}/></names>')
    # medicinski-razgledi has sort-separator="  "; a delimiter keeps its spaces
    assert render([said], bib('sort-separator="  "'), wrap=False) == "Said EW, Roe A\n"
    assert render([said], bib('sort-separator=",  " delimiter="  ;"'), wrap=False) == "Said, EW  ;Roe, A\n"
