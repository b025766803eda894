"""PubMed's CSV export, read (``pubmed-csv``): both layouts PubMed has written, and Excel's re-save of them.

* current (pubmed.ncbi.nlm.nih.gov, "Save -> CSV", since 2020)::

    PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI

* legacy (www.ncbi.nlm.nih.gov/pubmed, "Send to: File, CSV"; every row ends in an extra comma)::

    Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,Properties

Columns are found by their header (any order, any of them missing, the delimiter ``,``, ``;`` or tab, an
Excel ``sep=;`` line).  A row is read the way the page-text reader reads a "Summary (text)" line: the title
with :func:`pubmed_text_parse.parse_title`, the initials-form authors with ``parse_authors``, the citation
column with ``parse_citation`` (its "Review." / "Japanese." tails as the summary reader takes them), and the
record is built by :func:`pubmed_text_item.item`, so the same PMID reads the same from every PubMed export.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Callable, Iterator

from ..model.dates import parse_date
from ..model.diagnostics import Context
from ..model.ids import normalize_pmid
from ..model.item import Item
from ..sources import Source
from . import pubmed_text_parse as P
from .pubmed_text import summary_extras
from .pubmed_text_item import Record, item as record_item
from .registry import Format

#: keep(header, value): a cell with no home, kept in ``custom.tags["pubmed-csv:HEADER"]``
Keep = Callable[[str, str], None]

#: Header (lower case, spaces collapsed) -> the role of its column, for both layouts.
COLUMNS: dict[str, str] = {
    # current layout
    "pmid": "pmid", "title": "title", "authors": "authors", "citation": "citation",
    "first author": "first-author", "journal/book": "journal", "publication year": "year",
    "create date": "create-date", "pmcid": "pmcid", "nihms id": "nihms", "nihmsid": "nihms", "doi": "doi",
    "abstract": "abstract", "journal": "journal", "year": "year",  # a hand-made table, read with --from
    # legacy layout
    "url": "url", "description": "authors", "details": "citation", "shortdetails": "short-details",
    "resource": "resource", "type": "type", "identifiers": "identifiers", "db": "db", "entrezuid": "pmid",
    "properties": "properties",
}
#: Legacy "Properties" keys ("create date:2014/12/30 | first author:Nakao S") -> roles.
PROPERTIES: dict[str, str] = {"create date": "create-date", "first author": "first-author"}
#: Columns that only repeat what the record says when they hold these values (lower case): dropped then,
#: kept in ``custom.tags`` otherwise.
EXPECTED: dict[str, tuple[str, ...]] = {"resource": ("pubmed",), "db": ("pubmed",), "type": ("citation",)}
#: Roles a header must have for the file to be PubMed's CSV: a title, the PMID and one of these (or, without
#: the PMID, PubMed's own citation column and authors: Scopus' or WoS' CSV has no "Citation"/"Details").
_NEEDED_ANY = ("citation", "authors", "journal", "identifiers")
#: Headers only PubMed's exports write: sniffing needs one, so that a table someone made with a PMID and a
#: Title column is not taken for the export (``explain`` names it; ``--from pubmed-csv`` still reads it).
DISTINCTIVE = frozenset(("citation", "journal/book", "first author", "create date", "nihms id", "entrezuid",
                         "shortdetails", "properties"))
_DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r"^\ufeff?\"?sep=(.)\"?\s*$", re.I)  # Excel's delimiter hint line
#: "2014 Nov 28. In: StatPearls [Internet]. ...": a Bookshelf chapter's date (GeneReviews adds its revision,
#: "2001 Mar 26 [updated 2017 Jul 20]. In: Adam MP, ..."), then its book
_DAY = r"(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8}(?:\s+\d{1,2})?)?"
_CHAPTER_CITATION = re.compile(rf"^({_DAY})(?:\s*\[updated\s+({_DAY})\])?\.\s+(In:\s.*)$", re.I)


def _key(header: str) -> str:
    return re.sub(r"\s+", " ", header.replace("\ufeff", "")).strip().strip('"').strip().lower()


def _split_header(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _header(line: str, strict: bool = False) -> tuple[str, list[str]] | None:
    """(delimiter, headers) when *line* is a PubMed CSV header line (*strict*: with a column only PubMed
    writes); None otherwise."""
    best = None
    for delim in _DELIMITERS:
        if delim not in line:
            continue
        headers = _split_header(line, delim)
        keys = {_key(h) for h in headers}
        roles = {COLUMNS.get(k) for k in keys}
        if "title" in roles and (("pmid" in roles and any(r in roles for r in _NEEDED_ANY))
                                 or {"citation", "authors"} <= keys) and (not strict or keys & DISTINCTIVE):
            # (without the PMID: an Excel user may delete that column)
            known = len(roles - {None})
            if best is None or known > best[0]:
                best = (known, delim, headers)
    return (best[1], best[2]) if best else None


def _first_lines(text: str) -> tuple[int, str | None, str]:
    """(index of the header's line, delimiter named by an Excel ``sep=`` line, header line)."""
    lines = text.lstrip("\ufeff").splitlines()
    k = 0
    while k < len(lines) and not lines[k].strip():
        k += 1
    sep = None
    if k < len(lines):
        m = _SEP_LINE.match(lines[k])
        if m:
            sep, k = m.group(1), k + 1
    return k, sep, lines[k] if k < len(lines) else ""


def sniff(head: str) -> float:
    _, sep, line = _first_lines(head[:8000])
    found = _header(line, strict=True)
    if found and (sep is None or found[0] == sep):
        return 0.97
    return 0.0


def _iso_day(text: str, day_first: bool) -> str | None:
    """A create date as PubMed ("2014/12/30") or Excel ("30.12.2014", "12/30/2014") writes it -> ISO."""
    text = text.strip()
    m = re.fullmatch(r"((?:1[6-9]|20)\d\d)[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?", text)
    if m:
        y, mo, d = m.groups()
    else:
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-]((?:1[6-9]|20)\d\d)(?:\s+\d{1,2}:\d\d(?::\d\d)?)?", text)
        if not m:
            return None
        a, b, y = m.groups()
        # a day over 12 settles the order; else the locale: a ";"-delimited or dotted date is day-first
        if int(a) > 12 or (day_first and int(b) <= 12) or "." in text:
            d, mo = a, b
        else:
            mo, d = a, b
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def _authors(rec: Record, text: str) -> None:
    text = text.strip()
    if not text or re.fullmatch(r"\[?No authors listed\]?\.?", text, re.I):
        rec.no_authors = bool(text)
        return
    people = P.parse_authors(text.rstrip("."), full_names=False)
    rec.authors = [a for a in people if not a.member]
    rec.investigators.extend(a.name for a in people if a.member)
    if re.search(r"\bet al\.?$", text):
        rec.authors_cut = 0


def _citation(text: str) -> P.Citation | P.BookCitation | None:
    text = text.strip()
    if not text:
        return None
    chapter = _CHAPTER_CITATION.match(text)
    if chapter:
        book = P.parse_book_citation(chapter.group(3))
        if book:
            book.contribution = book.contribution or P._iso(chapter.group(1))
            book.revised = book.revised or P._iso(chapter.group(2))
            return book
    return P.parse_citation(text) or P.parse_book_citation(text)


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", re.sub(r"\[internet\]", "", s.lower()))
    return key(a) == key(b)


def _build(row: dict[str, str], extra: dict[str, str], number: int, line: int, ctx: Context,
           day_first: bool) -> Item:
    """The item of one row: *row* maps roles to cell text, *extra* unknown headers to cell text."""
    label = f"row {number}"
    tags: dict[str, list[str]] = {f"pubmed-csv:{h}": [v] for h, v in extra.items()}

    def keep(header: str, value: str) -> None:
        tags.setdefault(f"pubmed-csv:{header}", []).append(value)

    for part in filter(None, (p.strip() for p in row.pop("properties", "").split("|"))):
        name, _, value = part.partition(":")
        role = PROPERTIES.get(_key(name))
        if role and value.strip() and not row.get(role):
            row[role] = value.strip()
        else:
            keep("Properties", part)
    cit = _citation(row.get("citation", ""))
    rec = Record(line=line, label=label, citation=cit)
    rec.title, rec.translated = P.parse_title(row["title"])
    _authors(rec, row.get("authors", ""))
    if not rec.authors and not rec.no_authors and row.get("first-author"):
        _authors(rec, row["first-author"])  # only the first author: the list is cut short
        rec.authors_cut = 0 if rec.authors else None
    rec.ids.update(P.parse_ids(row.get("identifiers", "")))
    for role, key in (("pmid", "PMID"), ("pmcid", "PMCID"), ("nihms", "mid"), ("doi", "DOI")):
        if row.get(role):
            rec.ids[key] = row[role].strip()
    if isinstance(cit, P.Citation):
        cit.extra = summary_extras(rec, cit.extra)
    if row.get("abstract"):
        rec.abstract = [p.strip() for p in row["abstract"].splitlines() if p.strip()]
    scratch = Context(source=ctx.source, options=ctx.options)
    out = record_item(rec, scratch)
    record = f"{label} (PMID {out['PMID']})" if out.get("PMID") else label
    if row.get("citation", "").strip() and cit is None:
        ctx.report("warning", f"citation not understood, kept as a note: {row['citation'][:80]!r}",
                   record=record, line=line, code="guessed", field="container-title")
        out["note"] = "\n".join(filter(None, (out.get("note"), row["citation"].strip())))
    _journal(out, row.get("journal", "").strip(), keep)
    _year(out, row.get("year", "").strip(), keep)
    if row.get("create-date"):
        iso = _iso_day(row["create-date"], day_first)
        if iso:  # PubMed's Create Date is the MEDLINE CRDT, the XML's PubMedPubDate "entrez"
            out.setdefault("custom", {}).setdefault("history", {}).setdefault("entrez", iso)
        else:
            keep("Create Date", row["create-date"])
    _redundant(out, row, keep)
    for d in scratch.diagnostics:  # "no citation line: ... without issued" is moot when a column filled it
        if not (d.code == "missing-field" and d.field in out):
            ctx.report(d.level, d.message, record=d.record, line=d.line, code=d.code, field=d.field)
    if tags:
        out.setdefault("custom", {}).setdefault("tags", {}).update(tags)
    return out


def _journal(out: Item, journal: str, keep: Keep) -> None:
    """The "Journal/Book" column: the journal's full title (NLM's, as MEDLINE JT), or a book's title."""
    if not journal:
        return
    if out.get("container-title-short") and out.get("type") not in ("book", "chapter"):
        out["container-title"] = journal  # the citation gave the abbreviation: that stays the short form
    elif not out.get("container-title") and out.get("type") != "book":
        out["container-title"] = journal
    elif not any(_same(journal, out.get(v, "")) for v in ("container-title", "title")):
        keep("Journal/Book", journal)


def _year(out: Item, year: str, keep: Keep) -> None:
    if not year:
        return
    if "issued" not in out and re.fullmatch(r"(?:1[6-9]|20)\d\d", year):
        out["issued"] = parse_date(year)
    elif str((out.get("issued", {}).get("date-parts") or [[None]])[0][0]) != year:
        keep("Publication Year", year)  # e.g. an epub year beside the print year


def _redundant(out: Item, row: dict[str, str], keep: Keep) -> None:
    """Columns that repeat the record (legacy URL, ShortDetails, Resource...) are dropped when they do."""
    pmid = out.get("PMID", "")
    if row.get("url") and not (pmid and re.search(rf"(?:^|/)pubmed/(?:\?term=)?{pmid}/?$", row["url"].strip())):
        keep("URL", row["url"])
    short = row.get("short-details", "").strip()
    if short:
        journal = out.get("container-title-short") or out.get("container-title") or ""
        year = str((out.get("issued", {}).get("date-parts") or [[""]])[0][0])
        if not _same(short, f"{journal} {year}"):
            keep("ShortDetails", short)
    for role, header in (("resource", "Resource"), ("db", "Db"), ("type", "Type")):
        if row.get(role) and row[role].strip().lower() not in EXPECTED[role]:
            keep(header, row[role])
    first = row.get("first-author", "").strip().rstrip(".")
    authors = out.get("author") or []
    if first and first == re.split(r"[,;]", row.get("authors", ""))[0].strip().rstrip("."):
        pass  # the Authors column's first name as written: no need to parse it again
    elif first and authors:
        got = P.parse_authors(first, full_names=False)
        if not got or got[0].name != authors[0]:
            keep("First Author", first)
    elif first and not authors:
        keep("First Author", first)
    if row.get("pmid") and normalize_pmid(row["pmid"]) != out.get("PMID"):
        keep("PMID", row["pmid"])  # a PMID column that disagrees with the legacy Identifiers


def read(source: Source, ctx: Context) -> Iterator[Item]:
    text = source.text().lstrip("\ufeff")
    start, sep, line = _first_lines(text)
    found = _header(line)
    if found is None:
        ctx.skip("no PubMed CSV header (PMID,Title,Authors,Citation,... or Title,URL,Description,Details,...) "
                 f"on the first line: {line[:80]!r}", line=start + 1)
        return
    delim, headers = found
    if sep and sep != delim:
        ctx.report("warning", f"the 'sep={sep}' line disagrees with the header; {delim!r} used", line=start)
    roles = [COLUMNS.get(_key(h)) for h in headers]
    day_first = delim == ";"  # Excel writes ';' in the locales that write dates day first
    body = "".join(text.splitlines(keepends=True)[start + 1:])
    # csv counts physical lines; a quoted cell may hold a newline, so a row's line is the one after the last
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delim)
    # an odd count of quotes: the file stops inside a quoted cell (a cut download); csv closes that cell at the
    # end, so the last row's count of fields may even look right
    last_line = start + 1 + len(body.splitlines())
    cut_off = body.count('"') % 2 == 1
    prev_end = start + 1
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader carries on at the next line
            number += 1
            ctx.skip(f"unreadable CSV row: {exc}", record=f"row {number}", line=prev_end + 1)
            prev_end = start + 1 + reader.line_num
            continue
        row_line, prev_end = prev_end + 1, start + 1 + reader.line_num
        if not any(c.strip() for c in cells):
            continue  # a blank line or Excel's empty row
        number += 1
        label = f"row {number}"
        while len(cells) > len(headers) and not cells[-1].strip():
            cells.pop()  # the legacy layout ends every row with a comma
        if cut_off and prev_end >= last_line:
            if len(cells) != len(headers):
                ctx.skip("the file ends inside a quoted cell (cut off?): the last row left out",
                         record=label, line=row_line)
                continue
            ctx.report("warning", f"the file ends inside a quoted cell (cut off?): the last cell may be cut, "
                       f"{cells[-1][-40:]!r}", record=label, line=row_line, code="truncated")
        if len(cells) != len(headers):
            ctx.skip(f"{len(cells)} fields, the header has {len(headers)} (an unquoted delimiter or a cut row?): "
                     f"{(delim.join(cells))[:60]!r}", record=label, line=row_line)
            continue
        row: dict[str, str] = {}
        extra: dict[str, str] = {}
        for header, role, cell in zip(headers, roles, cells):
            if not cell.strip():
                continue
            if role is None:
                extra[header.strip()] = cell
            elif role in row:
                extra[header.strip()] = cell  # a second column of one role
            else:
                row[role] = cell
        if not row.get("title", "").strip():
            ctx.skip("no title: row left out", record=label, line=row_line)
            continue
        yield _build(row, extra, number, row_line, ctx, day_first)


FORMAT = Format(
    name="pubmed-csv",
    description="PubMed's CSV export (current 'Save -> CSV' and legacy 'Send to: File, CSV'), read only",
    aliases=("pubmed_csv", "pubmedcsv"),
    extensions=("csv",),
    sniff=sniff,
    read=read,
)
