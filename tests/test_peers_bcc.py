"""citeport's BibTeX, BibLaTeX, RIS and EndNote XML read by biblatex-csl-converter (Fidus Writer, npm).

The records are the peer-test set of tests/test_peers_bib.py (the shared corpus in every format
citeport reads plus made items of every CSL type; 900 or so).  Each file is written once by
citeport and parsed by the converter (tests/peers/bcc2csl.js: ``parse`` for BibTeX/BibLaTeX,
``parseRIS``, ``parseEndNote``), whose CSL-JSON export is compared, field by field (FIELDS of
tests/peers/fieldmap.py), with the items written.  The values kept are printed per format (``-s``);
every value not kept must be explained in KNOWN (``theirs``: the converter's own reading, with the
reason); an unlisted disagreement fails (grouped in the message), and so does a KNOWN entry no record
needs any more.  KNOWN is keyed (format or "*", field or "*", cause); the kept share must also stay
above FLOOR.

Skips with the reason when node, the package (npm install --prefix .peers biblatex-csl-converter)
or the shared corpus is missing.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import citeport
from citeport.model.xmlsafe import local, parse_bytes
from conftest import ROOT, SHARED

sys.path.insert(0, str(Path(__file__).resolve().parent / "peers"))
import fieldmap  # noqa: E402
from test_peers_bib import _items  # noqa: E402  (the shared peer-test record set)
from test_peers_jabref import KNOWN as JABREF_KNOWN  # noqa: E402  (conventions shared by both peers)

NODE_SCRIPT = ROOT / "tests" / "peers" / "bcc2csl.js"
PACKAGE = ROOT / ".peers" / "node_modules" / "biblatex-csl-converter"
#: citeport format -> the converter's input kind (bcc2csl.js argument).
FORMATS = {"bibtex": "biblatex", "biblatex": "biblatex", "ris": "ris", "endnote-xml": "endnote-json"}

#: Why a value the converter has is not citeport's: (format or "*", field) -> (reason, predicate over
#: (our CSL item, our value, its value)).  "theirs" = the converter's own reading.
#: The measured kept share (all fields) per format, less a small margin: a writer change that loses
#: values fails.
FLOOR = {"bibtex": 0.80, "biblatex": 0.81, "ris": 0.85, "endnote-xml": 0.84}
_BIB = ("bibtex", "biblatex")
#: The BibTeX/BibLaTeX fields citeport writes a compared variable to (for "theirs-set-aside").
_SET_ASIDE_NAMES = {n for names in fieldmap.BIB_FIELDS.values() for n in names} | {
    "number", "date", "year", "author", "editor", "pages", "keywords"}
KNOWN: dict[tuple[str, str, str], tuple[str, object]] = {
    **{(f, "*", "theirs-set-aside"): (
        "theirs: a field outside the parser's field list for the entry type (publisher/location of "
        "@article, pages of @misc, institution...) goes to unexpected_fields/unknown_fields, which "
        "CSLExporter.getCSLEntry never reads (it reads bib.fields only)",
        lambda it, a, b, t: not b and any(n in (t.get("_set_aside") or ()) for n in _SET_ASIDE_NAMES))
        for f in _BIB},
    **{(f, "issue", "theirs-number"): (
        "theirs: @article is its generic BibTypes 'article' (csl 'article'), not 'article-journal', so "
        "BibFieldTypes.number goes to collection-number; biblatex's number of @article is the issue",
        lambda it, a, b, t: fieldmap.text(t.get("collection-number") or "") == a) for f in _BIB},
    ("endnote-xml", "issue", "theirs-number"): (
        "theirs: endnote.ts reads <number> (EndNote's 'Issue' of a journal/magazine article, 'Series "
        "Volume'...) as biblatex number, which CSLExporter writes as collection-number for every type "
        "but article-journal", lambda it, a, b, t: fieldmap.text(t.get("collection-number") or "") == a),
    **{(f, "type", "theirs-article"): (
        "theirs: @article is read as CSL 'article' (preprint) and @misc/@online as 'article'... "
        "(BibTypes lookup by biblatex name takes the first generic key)",
        lambda it, a, b, t: t.get("type") == "article") for f in _BIB},
    ("*", "keyword", "theirs-no-csl"): (
        "theirs: BibFieldTypes.keywords has no csl key: CSLExporter never writes keyword",
        lambda it, a, b, t: not b),
    **{(f, "*", "theirs-no-csl-field"): (
        "theirs: institution/school/organization (l_literal) have no csl key in BibFieldTypes: the "
        "converter's CSL has no publisher for a report/thesis",
        lambda it, a, b, t: not b and t.get("type") in ("report", "thesis")) for f in _BIB},
    ("*", "URL", "theirs-not-uri"): (
        "theirs (input junk): the value is not a URI ('Location/URL', '%E0%A4%A', two URLs joined by ';'); the converter's f_uri "
        "check drops it", lambda it, a, b, t: not b and (
            not re.match(r"[a-z][a-z0-9+.-]*://", a) or bool(re.search(r"[;\s]\s*[a-z][a-z0-9+.-]*://", a)))),
    ("*", "page", "theirs-range"): (
        "theirs: RIS SP/EP and EndNote start/end become one range part with two text nodes "
        "([[[{start},{end}]]], ris.ts parseRecord / endnote.ts) so CSLExporter._reformRange joins them "
        "(an abbreviated end page as written: '943-7' -> '9437'); endnote.ts convertRange also drops the "
        "space after a comma",
        lambda it, a, b, t: bool(b) and re.sub(r"[\s-]", "", b) in (
            re.sub(r"[\s-]", "", a), re.sub(r"[\s\u2013\u2014-]", "", str(it.get("page") or "")).casefold())),
    ("ris", "ISBN", "theirs-sn-guess"): (
        "theirs: parseRIS calls SN an ISBN only when it has a hyphen and <= 13 characters, else ISSN",
        lambda it, a, b, t: fieldmap.values(t).get("ISSN") == a or not b),
    ("ris", "ISSN", "theirs-sn-guess"): (
        "theirs: parseRIS reads only the first SN and calls a hyphenated one of <= 13 characters an ISBN",
        lambda it, a, b, t: not b or b in a.split() or fieldmap.values(t).get("ISBN", "") in a.split()
        or b in fieldmap.values(it).get("ISBN", "").split()),
    ("endnote-xml", "ISSN", "theirs-no-isbn"): (
        "theirs: EndNote XML has no issn element (EndNote's ISBN/ISSN field is <isbn>); endnote.ts "
        "reads record.issn only", lambda it, a, b, t: not b),
    ("*", "author", "theirs-corporate"): (
        "theirs: RIS/EndNote have no corporate-name marker; the converter splits an organisation "
        "('WHO Study Group', 'Acme, Inc.') into given/family",
        lambda it, a, b, t: any(n.get("literal") for n in it.get("author") or [])),
    ("*", "*", "theirs-rejected"): (
        "theirs: the converter leaves the whole record out: a BibTeX entry with no fields (biblatex.ts "
        "keyValueList: 'Entry has no fields, so we delete it'), an EndNote/RIS Standard (its type maps "
        "to 'standard', no BibTypes key: convertRecord pushes unknown_type and returns false)",
        lambda it, a, b, t: not t),
    **{(f, "type", "theirs-misc-article"): (
        "theirs: RIS GEN, EndNote Generic and the RIS types RISTypeMap lacks (AGGR, EQUA, MULTI, UNPB...) "
        "are BibTypes.misc, whose csl is 'article' (const.ts)",
        lambda it, a, b, t: t.get("type") == "article") for f in ("ris", "endnote-xml")},
    ("ris", "type", "theirs-ctlg"): (
        "theirs: RISTypeMap maps CTLG (RIS spec: Catalog) to article-magazine",
        lambda it, a, b, t: t.get("type") == "article-magazine"
        and "CTLG" in ((it.get("custom") or {}).get("tags") or {}).get("ris:TY", [])),
    ("endnote-xml", "type", "conference-proceedings"): (
        "convention: a paper in proceedings is EndNote's 'Conference Proceedings' (Zotero reads it as "
        "conferencePaper, 'Conference Paper' as a presentation: tests/test_import_mappings.py); "
        "EndNoteTypeMap makes it 'proceedings', csl 'book'",
        lambda it, a, b, t: it.get("type") == "paper-conference" and b == "book"),
    ("endnote-xml", "type", "theirs-serial"): (
        "theirs: EndNoteTypeMap maps 'Serial' (a periodical as a whole) to book",
        lambda it, a, b, t: it.get("type") == "periodical" and b == "book"),
    ("ris", "editor", "a3-editor"): (
        "convention: a book's A3 is its editor and A2 its series editor (EndNote's Book: Tertiary Author "
        "'Editor'; Zotero RIS.js A3 of a book: editor, tests/test_import_mappings.py); parseRIS reads A2 "
        "as editor and A3 as editora for every type, and editora has no csl key",
        lambda it, a, b, t: not b and "A3" in fieldmap.written_to("ris", it.get("type"), "editor")),
    ("endnote-xml", "editor", "tertiary-bookauthor"): (
        "convention: a book's editor is EndNote's Tertiary Author (the Book type's 'Editor'; Secondary "
        "Author is the series editor); endnote.ts reads tertiary-authors of a book as bookauthor, "
        "exported as container-author", lambda it, a, b, t: not b and " | ".join(
            fieldmap.text(n.get("family") or n.get("literal") or "") for n in t.get("container-author") or []) == a),
    ("ris", "abstract", "theirs-indent"): (
        "theirs: parseRISFormat takes a line without a tag as a continuation only when it starts with six "
        "spaces (the MEDLINE layout; RIS has no continuation rule): the later paragraphs of an abstract, "
        "which citeport writes as plain lines as Zotero and EndNote do and read, are left out",
        lambda it, a, b, t: bool(b) and "\n" in str(it.get("abstract") or "") and a.startswith(b)),
    ("ris", "*", "theirs-first-n1"): (
        "theirs: parseRIS keeps only the first N1 (getFirstValue), so what the type has no tag for "
        "(citeport's N1 'variable: value', as the in-note entry) is lost after the first note",
        lambda it, a, b, t, field: not b and not fieldmap.in_note(a, t)
        and "N1" in fieldmap.written_to("ris", it.get("type"), field)),
    ("endnote-xml", "year", "theirs-pub-dates"): (
        "theirs: endnote.ts parsePubDateText keeps a <pub-dates> text it cannot parse (a range '1999 Oct "
        "14-2010 Jan 23', a season 'Spring') verbatim in place of the <year> (step 8), and the exporter's "
        "EDTF check then drops the whole date", lambda it, a, b, t: not b and not t.get("issued") and (
            len((it.get("issued") or {}).get("date-parts") or []) > 1 or bool((it.get("issued") or {}).get("season")))),
    ("endnote-xml", "URL", "theirs-url-join"): (
        "theirs: endnote.ts joins the URLs of web-, related-, pdf- and text-urls with '; ' into one url",
        lambda it, a, b, t: a in b.split("; ")),
    ("endnote-xml", "ISBN", "theirs-isbn-issn"): (
        "format: EndNote has one <isbn> field for ISBN and ISSN (a line each); endnote.ts reads it all as "
        "the ISBN", lambda it, a, b, t: fieldmap.codes_within(a, b)),
    ("biblatex", "*", "theirs-list-comma"): (
        "theirs: CSLExporter joins a biblatex list (location, publisher: 'Durham and London') with ', ' "
        "into one CSL string; the comparison joins lists with '; '",
        lambda it, a, b, t: bool(b) and b == a.replace("; ", ", ")),
    ("*", "title", "theirs-textasciicircum"): (
        "theirs: the converter's TeX table has no \\textasciicircum (citeport writes '^' so, as "
        "\\textasciitilde for '~'): the character is dropped",
        lambda it, a, b, t: "^" in a and b == a.replace("^", "")),
    ("*", "author", "theirs-xname"): (
        "theirs: name-parser.ts reads any '=' in a name as biblatex's extended name format (biber takes "
        "only its name-part keys: 'C, A=B' is family C, given A=B) and returns no name",
        lambda it, a, b, t: not b and any("=" in str(v) for n in it.get("author") or [] for v in n.values())),
    ("*", "editor", "theirs-corporate"): (
        "theirs: RIS/EndNote have no corporate-name marker; the converter splits an organisation into "
        "given/family", lambda it, a, b, t: bool(b) and any(n.get("literal") for n in it.get("editor") or [])),
    ("endnote-xml", "*", "in-note"): (
        "format: the EndNote type has no field for the variable (a film's author, a web page's pages, a "
        "thesis' volume, a report's ISBN: its <isbn> is the report number) or the element holds another "
        "variable (a manuscript's <publisher> is its archive): citeport writes 'variable: value' to "
        "<notes>, which the converter keeps as note", lambda it, a, b, t: fieldmap.in_note(a, t)),
    ("endnote-xml", "publisher-place", "conf-custom1"): (
        "format: a conference paper's place of publication is custom1 (EndNote 'Place Published', Zotero's "
        "Endnote XML.js place); <pub-location> is the conference location; endnote.ts reads no custom1",
        lambda it, a, b, t: it.get("type") == "paper-conference"
        and (not b or fieldmap.text(it.get("event-place") or "") == b)),
    # citeport's own conventions, the same for every importer (reasons in tests/test_peers_jabref.py)
    **{k: v for k, v in JABREF_KNOWN.items() if k[2] in (
        "multivolume", "volume-part", "particle", "astronomical", "no-bibtex-type", "in-note", "conf-c3",
        "conf-c1", "ed-tag", "literal-date", "jour-et-epub", "version", "book-t2-series")},
}



def _known(fmt: str):
    return fieldmap.explainer(KNOWN, fmt)


def _xml_object(el):
    """An element as fast-xml-parser shapes it (attributes as keys, '#text', repeated children as a
    list): the input the converter's EndNoteParser takes."""
    kids = [k for k in el if isinstance(k.tag, str)]
    text = "".join(el.itertext()) if not kids else (el.text or "").strip()
    if not kids and not el.attrib:
        return text
    obj: dict = dict(el.attrib)
    for kid in kids:
        value = _xml_object(kid)
        name = local(kid.tag)
        if name in obj:
            obj[name] = (obj[name] if isinstance(obj[name], list) else [obj[name]]) + [value]
        else:
            obj[name] = value
    if text:
        obj["#text"] = text
    return obj


def _input(fmt: str, text: str) -> str:
    if fmt != "endnote-xml":
        return text
    root = parse_bytes(text.encode("utf-8"), "citeport EndNote XML")
    records = [_xml_object(r) for r in root.iter() if isinstance(r.tag, str) and local(r.tag) == "record"]
    return json.dumps({"xml": {"records": {"record": records}}})


@pytest.fixture(scope="module")
def converted():
    """{format: [(our item, the converter's CSL item or None)]}."""
    if not shutil.which("node") or not PACKAGE.exists():
        pytest.skip("node or biblatex-csl-converter missing (npm install --prefix .peers biblatex-csl-converter)")
    if not (SHARED / "corpus" / "MANIFEST.tsv").exists():
        pytest.skip(f"shared corpus not available ({SHARED}): the check needs its records (200 or more)")
    items = [dict(it, id=f"r{n}") for n, it in enumerate(_items())]
    assert len(items) >= 200
    result = {}
    for fmt, kind in FORMATS.items():
        text = citeport.write(items, fmt)
        proc = subprocess.run(["node", str(NODE_SCRIPT), kind], input=_input(fmt, text),
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        out = json.loads(proc.stdout)
        if kind == "biblatex":  # matched by key: an entry the parser rejects is missing, not shifted
            by_key = {key: out["csl"].get(i) for key, i in zip(out["order"], out["ids"])}
            keys = re.findall(r"^@[A-Za-z]+\{([^,\n]+),?$", text, re.M)
            assert len(keys) == len(items)
            result[fmt] = [(it, by_key.get(k)) for it, k in zip(items, keys)]
        else:
            # keys are generated (Smith2020), so records pair up in order, re-synchronised on the
            # title where the parser left one out
            theirs = [out["csl"].get(i) for i in out["ids"]]
            pairs, j = [], 0
            for it in items:
                title = fieldmap.values(it).get("title")
                if j < len(theirs) and (title is None or fieldmap.values(theirs[j]).get("title") == title
                                        or len(theirs) - j >= len(items) - len(pairs)):
                    pairs.append((it, theirs[j]))
                    j += 1
                else:
                    pairs.append((it, None))
            result[fmt] = pairs
    return result


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_bcc_reads_our_file(converted, fmt):
    pairs = converted[fmt]
    fieldmap.check_peer(pairs, "bcc", "biblatex-csl-converter", fmt, _known(fmt), KNOWN, FLOOR[fmt])


def test_known_entries_are_needed(converted):
    stale = fieldmap.stale_known(converted, "bcc", _known, KNOWN)
    assert not stale, f"fixed or gone; remove from KNOWN: {stale}"
