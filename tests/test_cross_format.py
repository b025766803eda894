"""The hub promise: the same record read from different formats gives the same CSL-JSON, field by field.

Two sources of "the same record in several formats", and no hand-written expectations:

* REAL groups: records of ../shared/corpus and ../shared/http that share a PMID, PMCID or DOI (with no identifier of
  the same kind in conflict), or a title when they come in different formats: a PubMed efetch XML beside the
  MEDLINE and RIS a tool made of it, a RIS file beside JabRef's BibTeX of it, DOI content negotiation as CSL-JSON
  beside the same DOI as BibTeX, a citation-js CSL-JSON beside its BibTeX... Every pair of members in different
  formats is compared on FIELDS, where both hold the field.
* GENERATED groups: seeded PubMed XML records (tests/pubmed_record_gen.py) and every corpus PubMed XML record,
  rendered the way NCBI renders the same record as MEDLINE (tests/pubmed_medline_render.py), read by both readers and
  compared on every field, a field missing on one side included (both formats hold all of them).

What a format cannot say is normalised in LIMITS (documented per format); every other disagreement must be listed in
KNOWN with its reason or the test fails. ``pytest -s`` prints the agreement per pair of formats.
"""
from __future__ import annotations

import itertools
import re
import warnings
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from fnmatch import fnmatch
from pathlib import Path

import pytest

import citeport
from conftest import shared_path
from pubmed_medline_render import render as render_medline
from pubmed_record_gen import generate

GEN_RECORDS, GEN_SEED = 80, 20240905

# ------------------------------------------------------------------------------------------------ the members
CORPUS_FORMATS = {  # MANIFEST format (before any " (gold: ...)") -> reader
    "pubmed-xml": "pubmed-xml", "medline-nbib": "medline", "jats-xml": "jats", "ris": "ris", "bibtex": "bibtex",
    "biblatex": "bibtex", "csl-json": "csl-json", "endnote-xml": "endnote-xml",
}
# Gold files are tools' outputs in another format than the MANIFEST row says (a JabRef .bib of a RIS input...).
SUFFIX_FORMATS = {".bib": "bibtex", ".json": "csl-json", ".ris": "ris", ".xml": None, ".nbib": "medline"}
HTTP = [("ncbi_eutils/*.xml", "pubmed-xml"), ("ncbi_eutils/metapub_efetch_pubmed/*.xml", "pubmed-xml"),
        ("doi_content_negotiation/*.json", "csl-json"), ("doi_content_negotiation/*.bib", "bibtex"),
        ("crossref_works/*works*.json", "csl-json")]
HTTP_SKIP = ("esearch", "rcrossref_cn_csljson_science.169.3946.635_01_200")  # a search result; an /agency answer


def _corpus_files():
    root = shared_path("corpus")
    for line in (root / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, kind = line.split("\t")[:2]
        fmt = CORPUS_FORMATS.get(kind.split(" (")[0])
        if " (gold" in kind:  # a tool's output: the file's own kind
            fmt = SUFFIX_FORMATS.get(Path(name).suffix, fmt) or fmt
        if fmt and not name.endswith(".zotero.json"):  # Zotero's item schema: tests/test_gold_*.py compare those
            yield f"corpus/{name}", root / name, fmt


def _http_files():
    root = shared_path("http")
    for pattern, fmt in HTTP:
        for path in sorted(root.glob(pattern)):
            if any(skip in path.name for skip in HTTP_SKIP):
                continue
            yield f"http/{path.relative_to(root)}", path, ("jats" if "_pmc_" in path.name else fmt)


def read_members() -> list[tuple[str, str, dict]]:
    """(label, reader, item) for every record of the corpus and the recorded responses."""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for label, path, fmt in [*_corpus_files(), *_http_files()]:
            try:
                items = list(citeport.read(path, fmt))
            except Exception:  # noqa: BLE001 - a file a reader refuses has no place in a comparison
                continue
            out.extend((f"{label}#{n}", fmt, item) for n, item in enumerate(items))
    return out


_MARKUP = re.compile(r"</?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>")  # CSL rich text; a bare '<' is text ("P < 0.001")


def _plain(text) -> str:
    return re.sub(r"\s+", " ", _MARKUP.sub("", str(text or ""))).strip()


def _title_key(item: dict) -> str:
    return re.sub(r"[^a-z0-9]", "", _plain(item.get("title")).lower())


def identifiers(item: dict) -> dict[str, str]:
    ids = {"PMID": str(item.get("PMID") or ""), "PMCID": str(item.get("PMCID") or "").upper(),
           "DOI": str(item.get("DOI") or "").lower()}
    return {k: v for k, v in ids.items() if v}


def same_record(a: dict, b: dict, same_format: bool) -> bool:
    """Do two items describe the same record? A shared id and no id in conflict, or (across formats) the title."""
    ia, ib = identifiers(a), identifiers(b)
    ta, tb = _title_key(a), _title_key(b)
    if any(ia[k] != ib[k] for k in ia.keys() & ib.keys()) or not ta or not tb:
        return False
    if any(ia[k] == ib[k] for k in ia.keys() & ib.keys()):
        # a test file's stub may reuse another record's id: a wholly different title is another record
        return SequenceMatcher(None, ta[:80], tb[:80]).ratio() > 0.6
    key = ta
    return not same_format and len(key) > 25 and key == _title_key(b)


def real_pairs(members):
    """Pairs of members in different formats that are the same record."""
    by_key = defaultdict(set)
    for n, (_, _, item) in enumerate(members):
        for kind, value in identifiers(item).items():
            by_key[f"{kind}:{value}"].add(n)
        if len(_title_key(item)) > 25:
            by_key["title:" + _title_key(item)].add(n)
    seen = set()
    for group in by_key.values():
        for i, j in itertools.combinations(sorted(group), 2):
            (la, fa, a), (lb, fb, b) = members[i], members[j]
            if (i, j) in seen or fa == fb or la.split("#")[0] == lb.split("#")[0]:
                continue
            seen.add((i, j))
            if same_record(a, b, fa == fb):
                yield members[i], members[j]


# ------------------------------------------------------------------------------------------------ comparison
def _given(text: str) -> str:
    """Given names compared without the dots and spaces of initials ("Daniel S." = "Daniel S", "M. W. J." = "MWJ")."""
    text = re.sub(r"\.", " ", text or "")
    return re.sub(r"\b([A-Z])\s+(?=[A-Z]\b)", r"\1", re.sub(r"\s+", " ", text)).strip()


def _names(item: dict):
    out = []
    for a in item.get("author") or []:
        if a.get("literal") or a.get("family") and not a.get("given") and len(a) == 1:
            out.append(("", a.get("literal") or a["family"], ""))  # a family-only name is a literal one
        else:
            family = " ".join(x for x in (a.get("dropping-particle"), a.get("non-dropping-particle"), a.get("family"))
                              if x)
            out.append((family, _given(a.get("given", "")), a.get("suffix", "")))
    return out or None


def _date(item: dict, key: str):
    date = item.get(key) or {}
    return date.get("date-parts") or (date.get("literal") and [date["literal"]]) or None


def _keywords(item: dict):
    return sorted({k.strip().lower() for k in (item.get("keyword") or "").split(";") if k.strip()}) or None


def _abstract(item: dict):
    text = _plain(item.get("abstract")).replace("\u2019", "'")
    return re.sub(r"\s*\n\s*", " ", text) or None


FIELDS = {
    "type": lambda i: i.get("type"),
    "title": lambda i: _plain(i.get("title")).rstrip(".") or None,
    "author": _names,
    "container-title": lambda i: _plain(i.get("container-title")) or None,
    "container-title-short": lambda i: _plain(i.get("container-title-short")) or None,
    "issued": lambda i: _date(i, "issued"),
    "available-date": lambda i: _date(i, "available-date"),
    "volume": lambda i: i.get("volume"),
    "issue": lambda i: i.get("issue"),
    "page": lambda i: i.get("page"),
    "DOI": lambda i: (i.get("DOI") or "").lower() or None,
    "PMID": lambda i: i.get("PMID"),
    "PMCID": lambda i: i.get("PMCID"),
    "ISSN": lambda i: i.get("ISSN"),
    "language": lambda i: i.get("language"),
    "abstract": _abstract,
    "keyword": _keywords,
    "publisher": lambda i: i.get("publisher"),
    "publisher-place": lambda i: i.get("publisher-place"),
    "original-title": lambda i: _plain(i.get("original-title")) or None,
    "mesh": lambda i: i.get("custom", {}).get("mesh"),
    "grants": lambda i: i.get("custom", {}).get("grants"),
    "publication-types": lambda i: i.get("custom", {}).get("publication-types"),
    "elocation": lambda i: i.get("custom", {}).get("elocation"),
    "pii": lambda i: i.get("custom", {}).get("pii"),
}


def _expand_pages(page: str) -> str:
    """'1021-9' -> '1021-1029': MEDLINE and PubMed abbreviate the last page, other formats write it whole."""
    page = page.replace("--", "-").replace("\u2013", "-")
    m = re.fullmatch(r"(\d+)-(\d+)", page)
    if m and len(m[2]) < len(m[1]):
        return f"{m[1]}-{m[1][:len(m[1]) - len(m[2])]}{m[2]}"
    return page


def _prefix_date(short, long) -> bool:
    return bool(short and long and len(short) == len(long) == 1 and len(short[0]) < len(long[0])
                and list(long[0][:len(short[0])]) == list(short[0]))


# What a format cannot express: (reader, field, test(value of this reader, value of the other), why).
LIMITS = [
    ("bibtex", "issued", lambda mine, other: _prefix_date(mine, other),
     "BibTeX year/month fields hold no day (a tool writing BibTeX drops it)"),
    ("bibtex", "page", lambda mine, other: mine.replace("--", "-") == other.replace("--", "-"),
     "a BibTeX page range as the writer typed it ('--' or '-')"),
    ("endnote-xml", "page", lambda mine, other: mine.replace("--", "-") == other.replace("--", "-"),
     "EndNote XML keeps pages as typed, a BibTeX '--' included"),
    ("medline", "page", lambda mine, other: _expand_pages(mine) == _expand_pages(other),
     "MEDLINE PG abbreviates the last page ('764-9'); conventions.md keeps pages as the source writes them"),
    ("pubmed-xml", "page", lambda mine, other: _expand_pages(mine) == _expand_pages(other),
     "PubMed MedlinePgn abbreviates the last page ('228-42'), kept as written"),
    ("bibtex", "type", lambda mine, other: mine == "document",
     "BibTeX @misc holds web pages, software, datasets alike: read as 'document'"),
]


def limit(fa: str, fb: str, field: str, va, vb) -> str | None:
    for fmt, key, test, why in LIMITS:
        if key != field:
            continue
        if fa == fmt and test(va, vb) or fb == fmt and test(vb, va):
            return why
    return None


# Disagreements explained: (label glob of one member, label glob of the other, field, reason). Globs match either way.
CJS, JR = "corpus/*/citation-js/*", "corpus/*/jabref/*"
KNOWN: list[tuple[str, str, str, str]] = [
    # --- one member is a tool's conversion: the difference is the tool's rule (the tool's input is the other member)
    (CJS + "citationjs.csl.json*", "*", "language", "citation-js keeps a language as written ('Dutch'); citeport maps to BCP 47"),
    (CJS + "citationjs.csl.json*", "*", "keyword", "citation-js keeps a comma-separated keywords field as one keyword"),
    (CJS + "citationjs.csl.json*", "*", "author", "citation-js reads 'May, Keith, ...' with the given name as suffix"),
    (CJS + "citationjs.csl.json*", "*", "container-title", "citation-js drops a biblatex booksubtitle"),
    (CJS + "uppercase_and*", "*", "publisher-place", "citation-js takes ACM's location (the venue) as the publisher's "
     "place; citeport the address"),
    (CJS + "to-*.expected.citationjs.*", "*", "author", "citation-js's BibTeX/RIS writers drop a name suffix (Jr.)"),
    (CJS + "to-*.expected.citationjs.*", "*", "title", "citation-js's writers turn <sup>1</sup> into ' 1'"),
    (CJS + "to-*", "*", "issued", "citation-js's test inputs give this work different dates"),
    ("*to-biblatex_no_type*", "*", "type", "a citation-js test input without a type (read as document, as its @misc)"),
    (CJS + "issues_213-*", CJS + "issues_213-*", "issued", "two citation-js test inputs of one dataset with different dates"),
    (JR + ".expected.jabref*", "*", "keyword", "JabRef puts MeSH headings into keywords (citeport: custom.mesh)"),
    (JR + ".expected.jabref*", "*", "container-title", "JabRef puts RIS JO (the abbreviation) in journal; citeport T2/JF"),
    (JR + ".expected.jabref*", "*", "author", "JabRef drops a suffix and splits 'Catarina Barata' (RIS AU without comma, "
     "which citeport keeps literal: tests/test_ris_dialects.py) and organisations into given/family"),
    (JR + ".expected.jabref*", "*", "type", "JabRef maps PubMed books, EndNote sections and odd MEDLINE types to its own"),
    (JR + ".expected.jabref*", "*", "title", "JabRef joins MEDLINE title lines with ': ', and writes an en dash"),
    (JR + ".expected.jabref*", "*", "abstract", "JabRef converts MathML to LaTeX, spaces italics, drops a copyright"),
    (JR + ".expected.jabref*", "*", "issue", "JabRef takes the RIS M1 (PMID) as the issue"),
    (JR + ".expected.jabref*", "*", "ISSN", "JabRef keeps the last of two SN (electronic); citeport the first (print)"),
    (JR + "NbibImporterTest*", "*", "container-title", "JabRef takes CTI (a collection title) as the journal"),
    ("corpus/ris/pandoc/7894.expected.pandoc.csl.json*", "*", "issued", "pandoc reads only the year of RIS PY 1948/07//"),
    ("corpus/ris/pandoc/7894.expected.pandoc.csl.json*", "*", "keyword", "pandoc keeps a RIS KW 'a, b' whole"),
    ("corpus/ris/pandoc/7894.expected.pandoc.csl.json*", "corpus/ris/rispy/example_multi_unknown_tags.ris*", "page",
     "rispy's test record has only EP 423 (no SP)"),
    # --- the sources themselves differ (different services' records of one work)
    ("corpus/csl-json/manubot/pmc-scihub*", "*", "issued", "manubot's PMC-derived CSL has only the year"),
    ("corpus/csl-json/manubot/pmc-scihub*", "*", "container-title-short", "PMC says 'eLife', MEDLINE TA 'Elife'"),
    ("http/doi_content_negotiation/*.bib*", "http/doi_content_negotiation/*.json*", "ISSN",
     "Crossref's BibTeX gives one ISSN (the electronic), its CSL-JSON both (print first)"),
]


def known(la: str, lb: str, field: str) -> str | None:
    for ga, gb, key, why in KNOWN:
        if key in (field, "*") and (fnmatch(la, ga) and fnmatch(lb, gb) or fnmatch(la, gb) and fnmatch(lb, ga)):
            return why
    return None


def compare(a: dict, b: dict, fa: str, fb: str, la: str, lb: str, absent: bool = False):
    """Yield (field, verdict, detail) for each field both hold (*absent*: also a field only one holds)."""
    for field, get in FIELDS.items():
        va, vb = get(a), get(b)
        if va is None and vb is None or (not absent and (va is None or vb is None)):
            continue
        if va == vb:
            yield field, "agree", ""
            continue
        why = (va is not None and vb is not None and limit(fa, fb, field, va, vb)) or known(la, lb, field)
        yield field, ("known" if why else "DIFFER"), why or f"{la} {str(va)[:160]!r} != {lb} {str(vb)[:160]!r}"


def table(results, title: str) -> str:
    lines = [title, f"{'formats':32} {'fields':>7} {'agree':>7} {'known':>7} {'differ':>7}  agreement"]
    for pair, counts in sorted(results.items()):
        total = sum(counts.values())
        lines.append(f"{pair:32} {total:7d} {counts['agree']:7d} {counts['known']:7d} {counts['DIFFER']:7d}  "
                     f"{(counts['agree'] + counts['known']) / total:.3f}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def members():
    return read_members()


@pytest.fixture(scope="module")
def real(members):
    results, differ = defaultdict(Counter), []
    for (la, fa, a), (lb, fb, b) in real_pairs(members):
        (la, fa, a), (lb, fb, b) = sorted([(la, fa, a), (lb, fb, b)], key=lambda m: m[1])
        for field, verdict, detail in compare(a, b, fa, fb, la, lb):
            results[f"{fa} ~ {fb}"][verdict] += 1
            if verdict == "DIFFER":
                differ.append(f"{field}: {detail}")
    return results, differ


def test_real_groups_exist(real):
    results, _ = real
    pairs = set(results)
    assert len(pairs) >= 8, pairs


def test_real_groups_agree(real):
    results, differ = real
    print("\n" + table(results, "REAL groups (corpus + http), fields both members hold"))
    assert not differ, "unexplained disagreements:\n" + "\n".join(differ)


# ------------------------------------------------------------------------------------------------ generated groups
# Why a generated MEDLINE rendering of a record cannot match its XML (a limit of the renderer or of a test stub).
GENERATED_KNOWN = [
    (lambda raw, field: field == "abstract" and b"math" in raw and b"mml:" in raw,
     "MathML: the renderer joins MathML token text with spaces; NCBI's MEDLINE rendering of MathML is not reproduced"),
    (lambda raw, field: field == "PMID" and raw.count(b"<PMID") > 1,
     "a JabRef stub with two MedlineCitation PMIDs (Version 1 and 2): the renderer writes the first"),
]


def _xml_records():
    """(label, raw XML) of the generated records, every corpus PubMed XML file and the efetch recordings."""
    yield "generated", generate(GEN_RECORDS, seed=GEN_SEED).encode()
    for path in sorted(shared_path("corpus").glob("pubmed-xml/*/*.xml")):
        yield f"corpus/{path.parent.name}/{path.name}", path.read_bytes()
    http = shared_path("http", "ncbi_eutils")
    for path in sorted(http.glob("**/*.xml")):
        if "esearch" not in path.name and "_pmc_" not in path.name:
            yield f"http/{path.name}", path.read_bytes()


@pytest.fixture(scope="module")
def generated():
    results, differ, unrendered, records = Counter(), [], [], 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for label, raw in _xml_records():
            try:
                medline = render_medline(raw)
            except Exception as exc:  # noqa: BLE001 - a malformed or journal-less test stub has no MEDLINE form
                unrendered.append(f"{label}: {exc}")
                continue
            xml_items = [i for i in citeport.read(raw, "pubmed-xml") if i.get("type") not in ("book", "chapter")]
            med_items = list(citeport.read(medline.encode(), "medline")) if medline.strip() else []
            assert len(xml_items) == len(med_items), label
            for a, b in zip(xml_items, med_items):
                records += 1
                for field, verdict, detail in compare(a, b, "pubmed-xml", "medline", label, "medline", absent=True):
                    why = verdict == "DIFFER" and next((w for test, w in GENERATED_KNOWN if test(raw, field)), None)
                    verdict = "known" if why else verdict
                    results[verdict] += 1
                    if verdict == "DIFFER":
                        differ.append(f"{field}: {detail}")
    return results, differ, unrendered, records


def test_generated_groups_agree(generated):
    results, differ, unrendered, records = generated
    print(f"\nGENERATED groups: {records} PubMed XML records (seeded + corpus + efetch) and their MEDLINE rendering; "
          f"every field, a field only one side has included")
    print(table({"pubmed-xml ~ medline": results}, ""))
    assert records >= GEN_RECORDS + 35
    assert len(unrendered) <= 3, unrendered  # JabRef's malformed and journal-less stubs
    assert not differ, "unexplained disagreements:\n" + "\n".join(differ)


# ------------------------------------------------------------------------------------------------ fixes found here
def test_bibtex_date_without_year_takes_the_year_field():
    """JabRef copies EndNote's pub-dates ('Mar 3', 'Jan') into BibTeX 'date' and the year into 'year'."""
    bib = b"@article{a, title={T}, date={Mar 3}, year={2015}}\n@article{b, title={T}, date={Jan}, year={1937}}\n" \
          b"@article{c, title={T}, date={in press}, year={2015}}\n@article{d, title={T}, date={2015-02-03}, year={2015}}"
    got = [item.get("issued") for item in citeport.read(bib, "bibtex")]
    assert got[:2] == [{"date-parts": [[2015, 3, 3]]}, {"date-parts": [[1937, 1]]}]
    assert got[2] == {"literal": "in press"}  # no date in it: kept as written
    assert got[3] == {"date-parts": [[2015, 2, 3]]}


def test_medline_record_with_only_a_vernacular_title():
    """No TI but a TT: the TT is the title, as the PubMed XML reader reads an empty ArticleTitle."""
    item = citeport.read(b"PMID- 1\nTT  - Psykisk ohalsa och terrorism.\nTA  - Lakartidningen\n", "medline")[0]
    assert item["title"] == item["original-title"] == "Psykisk ohalsa och terrorism"
