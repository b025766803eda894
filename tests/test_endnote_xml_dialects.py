"""Dialect differential test: real records written as real tools write EndNote XML, read back.

Records come from the corpus through citeport's PubMed XML and CSL-JSON readers (plus three small
inline records for types the corpus lacks: thesis, conference paper, edited chapter with particles
and suffixes).  ``tests/endnote_xml_dialect_render.py`` writes them as EndNote X7/X9/20/21,
Mendeley, JabRef, Citavi, RefWorks and Papers do; the EndNote XML reader must give back every
field the dialect carries.  ``pytest -s`` prints the agreement table.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

import citeport
from citeport.model.dates import first_parts
from citeport.model.names import display, initials
from citeport.model.text import clean, strip_markup

from conftest import shared_path
from dialect_table import CORPUS, assert_known_still_seen, corpus_records, paragraphs_lost, report_and_check, tally
from endnote_xml_dialect_render import BOOKISH, CONTAINER_TYPES, DIALECTS, Dialect, keywords, paragraphs, render


#: Types the corpus lacks, with particles, suffixes, accents and an e-locator (inline, not corpus).
INLINE = [
    {"id": "thesis1", "type": "thesis", "title": "Über die Stabilität gekoppelter Oszillatoren",
     "author": [{"family": "Berg", "non-dropping-particle": "van der", "given": "Jan-Willem"}],
     "publisher": "Universiteit Leiden", "publisher-place": "Leiden", "genre": "PhD thesis",
     "issued": {"date-parts": [[2017, 6, 21]]}, "URL": "https://hdl.handle.net/1887/50000",
     "abstract": "First paragraph of the summary.\nSecond paragraph, with an ampersand & a quote \"x\" <and> angle.",
     "keyword": "oscillators; synchronisation"},
    {"id": "conf1", "type": "paper-conference", "title": "Fast sparse solvers for <i>wave</i> problems",
     "author": [{"family": "Cruz", "non-dropping-particle": "de la", "given": "María José"},
                {"family": "Smith", "given": "Robert A.", "suffix": "Jr."},
                {"family": "Ørsted", "given": "Søren"}],
     "container-title": "Proceedings of the 12th International Conference on Numerical Methods",
     "publisher": "IEEE", "publisher-place": "New York", "page": "211-219", "DOI": "10.1109/ICNM.2019.00042",
     "ISBN": "978-1-7281-0000-1", "issued": {"date-parts": [[2019, 10, 3]]}},
    {"id": "chap1", "type": "chapter", "title": "Mapping the ecology of reading",
     "author": [{"family": "O'Brien", "given": "Siobhán"}],
     "editor": [{"family": "Müller", "given": "Hans-Peter"}, {"family": "Lee", "given": "Ji-Yeon"}],
     "container-title": "Handbook of Literacy Studies", "publisher": "Springer", "publisher-place": "Cham",
     "page": "45-67", "ISBN": "978-3-030-00000-0", "DOI": "10.1007/978-3-030-00000-0_3",
     "issued": {"date-parts": [[2020]]}},
    {"id": "eloc1", "type": "article-journal", "title": "An article with an article number",
     "author": [{"literal": "Canadian Respiratory Research Network"}, {"family": "Tremblay", "given": "Zoë"}],
     "container-title": "PLoS ONE", "volume": "12", "issue": "3", "page": "e0173456", "ISSN": "1932-6203",
     "DOI": "10.1371/journal.pone.0173456", "PMID": "28282456", "issued": {"date-parts": [[2017, 3, 10]]},
     "keyword": "asthma; COPD, chronic; spirometry"},
]

FIELDS = ["type", "title", "author", "container-title", "issued", "volume", "issue", "page", "DOI", "ISBN",
          "ISSN", "publisher", "publisher-place", "abstract", "keyword", "URL", "PMID"]

#: Floor per field (share of compared cells that agree, over all dialects), measured after the
#: reader fixes: 100% for every field but author (194/198, the KNOWN Papers cases).  Before them:
#: author 90% (Papers 2/22), keyword 89% (EndNote20 0/8), and 12 abstracts lost their paragraphs.
FLOOR = {f: 1.0 for f in FIELDS} | {"author": 0.97}

#: Disagreements we know and accept: (dialect, field) -> reason.  Anything else fails.
KNOWN: dict[tuple[str, str], str] = {
    ("Papers", "author"): "given-first names without a comma cannot show a compound family name "
                          "('Barbara A. Pulido Guevara', 'Bastian Greshake Tzovaras'): EndNote's rule takes "
                          "the last word; and a source organisation mis-split into family/given "
                          "(\"Alzheimer's Disease\" + 'Neuroimaging Initiative') comes back whole",
}


def load_records() -> list[dict]:
    return corpus_records(CORPUS) + [dict(r) for r in INLINE]


# --- normalisers: what counts as the same value -----------------------------------------

def _text(v) -> str:
    return clean(strip_markup(str(v or ""))).casefold()


def _title(v) -> str:
    return re.sub(r"[.\s]+$", "", _text(v))


def _page(v) -> str:
    return (v or "").replace("\u2013", "-").replace(" ", "")


def _issn(v) -> str:
    vals = v if isinstance(v, list) else re.split(r"[,;\s]+", v or "")
    first = next((x for x in vals if x), "")
    d = first.replace("-", "").upper()
    return d[:4] + "-" + d[4:] if len(d) == 8 else d


def _isbn(v) -> str:
    raw = v[0] if isinstance(v, list) else (v or "")
    return re.sub(r"[^0-9Xx]", "", raw.split(" ")[0]).upper()


def _doi(v) -> str:
    return re.sub(r"^https?://(dx\.)?doi\.org/", "", (v or "").strip()).casefold()


def _kw(v) -> frozenset:
    return frozenset(k.casefold() for k in keywords({"keyword": v or ""}))


def _name_key(n: dict, given_mode: str):
    if n.get("literal"):
        return ("lit", _text(n["literal"]).rstrip(","))
    family = " ".join(p for p in (n.get("non-dropping-particle"), n.get("family")) if p)
    given = " ".join(p for p in (n.get("given"), n.get("dropping-particle")) if p)
    if not given and not n.get("suffix"):  # a family-only name prints like a literal one
        return ("lit", _text(family))
    g = initials(given).replace("-", "") if given_mode == "initials" else _text(given).replace(".", "")
    return (_text(family), g.casefold(), _text(n.get("suffix")).rstrip("."))


def _names(v, given_mode: str):
    return [_name_key(n, given_mode) for n in v or []]


def _date(v, precision: int):
    return first_parts(v)[:precision] if v else []


def expected_and_got(field: str, src: dict, got: dict, d: Dialect):
    """The comparable value of *field* in the source (as *d* can express it) and in the read item."""
    if field == "type":
        return d.expected_type(src), got.get("type")
    if field == "title":
        return _title(src.get("title")), _title(got.get("title"))
    if field == "author":
        mode = "initials" if d.name_form == "initials" else "full"
        exp, val = _names(src.get("author"), mode), _names(got.get("author"), mode)
        # A person the source held as one literal string ("D. K. Watson") may come back split.
        for i, (e, n) in enumerate(zip(exp, got.get("author") or [])):
            if e[0] == "lit" and _text(display(n)).replace(".", "") == e[1].replace(".", ""):
                val[i] = e
        return exp, val
    if field == "container-title":
        return _text(src.get("container-title")), _text(got.get("container-title"))
    if field == "issued":
        return _date(src.get("issued"), d.precision), _date(got.get("issued"), d.precision)
    if field == "page":
        return _page(src.get("page")), _page(got.get("page"))
    if field == "DOI":
        return _doi(src.get("DOI")), _doi(got.get("DOI"))
    if field == "ISSN":
        return _issn(src.get("ISSN")), _issn(got.get("ISSN"))
    if field == "ISBN":
        return _isbn(src.get("ISBN")), _isbn(got.get("ISBN"))
    if field == "abstract":
        return " ".join(paragraphs(src)).casefold(), " ".join(_text(got.get("abstract")).split())
    if field == "keyword":
        return _kw(src.get("keyword")), _kw(got.get("keyword"))
    if field in ("publisher", "publisher-place"):
        return _text(src.get(field)), _text(got.get(field))
    return str(src.get(field) or "").strip(), str(got.get(field) or "").strip()


def _present(field: str, src: dict) -> bool:
    typ = src.get("type")
    if field == "container-title" and typ not in CONTAINER_TYPES:
        return False
    if field == "ISBN" and typ not in BOOKISH or field == "ISSN" and typ in BOOKISH:
        return False  # one <isbn> element: the renderer writes the identifier the type uses
    return field == "type" or bool(src.get(field))


@pytest.fixture(scope="module")
def results():
    records = load_records()
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[str, str, str, object, object]] = []
    paragraph_misses: list[tuple[str, str]] = []
    for name, d in DIALECTS.items():
        got_items = citeport.read(render(records, d), "endnote-xml")
        assert len(got_items) == len(records), f"{name}: {len(got_items)} records read, {len(records)} written"
        for src, got in zip(records, got_items):
            tally(table, misses, name, [(src, got)], FIELDS,
                  lambda f, s, g: expected_and_got(f, s, g, d) if f in d.carries and _present(f, s) else None)
            if d.keeps_paragraphs and len(paragraphs(src)) > 1:
                if paragraphs_lost(paragraphs(src), got):
                    paragraph_misses.append((name, src.get("id", "?")))
    return table, misses, paragraph_misses


def test_dialects_agree(results):
    table, misses, paragraph_misses = results
    report_and_check("EndNote XML", FIELDS, DIALECTS, table, misses, KNOWN, FLOOR, width=10)
    for m in paragraph_misses:
        print(f"  PARA  {m[0]:10} {m[1]}: abstract paragraphs not kept")
    assert not paragraph_misses, paragraph_misses[:3]


def test_known_reasons_still_needed(results):
    """A listed disagreement that no longer happens must be taken off the list (keeps KNOWN honest)."""
    _, misses, _ = results
    assert_known_still_seen(misses, KNOWN)


# --- the reader features this test found missing (inline, no corpus needed) ------------------

def _one(fields: str) -> dict:
    return citeport.read(f"<xml><records><record><ref-type name=\"Journal Article\">17</ref-type>{fields}"
                         "</record></records></xml>".encode(), "endnote-xml")[0]


def test_cr_separated_lines_are_paragraphs_and_keywords():
    style = '<style face="normal" font="default" size="100%">{}</style>'
    item = _one(f"<abstract>{style.format('BACKGROUND: one.&#xD;METHODS: two.')}</abstract>"
                f"<keywords><keyword>{style.format('asthma&#xD;COPD, chronic&#xD;')}</keyword>"
                "<keyword>spirometry</keyword></keywords>")
    assert item["abstract"] == "BACKGROUND: one.\nMETHODS: two."
    assert item["keyword"] == "asthma; COPD, chronic; spirometry"


@pytest.mark.parametrize("written, expected", [
    ("Smith, Robert A., Jr.", {"family": "Smith", "given": "Robert A.", "suffix": "Jr."}),
    ("Robert A. Smith Jr.", {"family": "Smith", "given": "Robert A.", "suffix": "Jr."}),   # Papers
    ("J. Mark FitzGerald", {"family": "FitzGerald", "given": "J. Mark"}),                  # last word
    ("María José de la Cruz", {"family": "Cruz", "given": "María José", "non-dropping-particle": "de la"}),
    ("Gibb FW", {"family": "Gibb", "given": "F. W."}),                                      # MEDLINE short
    ("World Health Organization,", {"family": "World Health Organization"}),  # kept whole (prints whole)
    ("Canadian Respiratory Research Network", {"literal": "Canadian Respiratory Research Network"}),
])
def test_name_forms(written, expected):
    assert _one(f"<contributors><authors><author>{written}</author></authors></contributors>")["author"] == [expected]
