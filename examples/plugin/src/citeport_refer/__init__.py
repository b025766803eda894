"""Refer / EndNote tagged records as a citeport format plugin.

A record is a block of ``%X value`` lines, blank lines separate records, and a
line that does not start with a tag continues the previous field::

    %0 Journal Article
    %A Smith, Jane
    %T A title
    %J A Journal
    %D 2012

The tag tables are data; the code only handles what a table cannot say
(names, dates, ids, the record's type).  Everything citeport offers a
built-in format -- ``Format``, ``Context`` diagnostics, the model helpers --
is available to a plugin in the same way.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, TextIO

from citeport.formats.registry import Format
from citeport.model.dates import first_parts, parse_date, to_iso, year_of
from citeport.model.diagnostics import Context
from citeport.model.ids import normalize_doi, normalize_isbn, normalize_issn
from citeport.model.item import Item, label
from citeport.model.names import family_given, parse_name
from citeport.model.text import has_markup, strip_markup

#: Tags holding one text value, tag -> CSL variable (used both ways).
TEXT_TAGS = {
    "T": "title",
    "J": "container-title",
    "S": "collection-title",
    "V": "volume",
    "N": "issue",
    "P": "page",
    "I": "publisher",
    "C": "publisher-place",
    "U": "URL",
    "X": "abstract",
    "G": "language",
    "7": "edition",
    "L": "call-number",
    "!": "title-short",
    "&": "section",
    "9": "genre",
    "~": "source",
    "W": "archive",
}
#: Tags holding one name each, repeated; tag -> CSL name variable.
NAME_TAGS = {"A": "author", "E": "editor", "Y": "collection-editor", "H": "translator"}
#: EndNote reference types (%0) <-> CSL types; the first of a CSL type wins when writing.
TYPES = {
    "Journal Article": "article-journal",
    "Electronic Article": "article-journal",
    "Magazine Article": "article-magazine",
    "Newspaper Article": "article-newspaper",
    "Book": "book",
    "Edited Book": "book",
    "Book Section": "chapter",
    "Conference Paper": "paper-conference",
    "Conference Proceedings": "paper-conference",
    "Thesis": "thesis",
    "Report": "report",
    "Web Page": "webpage",
    "Patent": "patent",
    "Dataset": "dataset",
    "Computer Program": "software",
    "Generic": "document",
}
CSL_TO_TYPE = {}
for _name, _csl in TYPES.items():
    CSL_TO_TYPE.setdefault(_csl, _name)

#: Tags whose continuation lines are separate lines (paragraphs), not wrapped text.
MULTILINE_TAGS = frozenset("XZO")

_TAG_LINE = re.compile(r"^%([A-Za-z0-9@!&~+#$^*()])(?: (.*))?$")


def sniff(head: str) -> float:
    """Most non-blank lines are ``%X value`` tag lines (a LaTeX ``% comment`` is not)."""
    lines = [ln for ln in head.lstrip("\ufeff").splitlines()[:40] if ln.strip()]
    if not lines or not _TAG_LINE.match(lines[0]):
        return 0.0
    tagged = [m.group(1) for m in map(_TAG_LINE.match, lines) if m]
    if len(tagged) < 2:
        return 0.1
    score = 0.6 + 0.3 * (len(tagged) / len(lines))
    return min(score, 0.95) if {"A", "T", "0"} & set(tagged) else 0.5


def _records(text: str) -> Iterator[tuple[int, list[tuple[str, str, int]]]]:
    """(first line, [(tag, value, line)]) per blank-line separated block."""
    fields: list[tuple[str, str, int]] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if fields:
                yield start, fields
            fields = []
            continue
        m = _TAG_LINE.match(line)
        if m:
            if not fields:
                start = number
            fields.append((m.group(1), (m.group(2) or "").strip(), number))
        elif fields:  # a continuation line
            tag, value, at = fields[-1]
            joiner = "\n" if tag in MULTILINE_TAGS else " "
            fields[-1] = (tag, f"{value}{joiner}{line.strip()}", at)
        else:
            fields.append(("?", line.strip(), number))
            start = number
    if fields:
        yield start, fields


def _guess_type(tags: set[str]) -> str:
    if "J" in tags:
        return "article-journal"
    if "B" in tags:
        return "chapter"
    if "R" in tags and "I" in tags:
        return "report"
    return "book" if "I" in tags else "document"


def _item(fields: list[tuple[str, str, int]], ctx: Context, index: int) -> Item:
    item: Item = {}
    tags: dict[str, list[str]] = {}
    year = when = ""
    for tag, value, line in fields:
        if not value:
            continue
        if tag in TEXT_TAGS:
            var = TEXT_TAGS[tag]
            if var in item:  # a repeated single-valued tag: keep the extra honestly
                tags.setdefault(f"refer:{tag}", []).append(value)
            else:
                item[var] = value
        elif tag in NAME_TAGS:
            item.setdefault(NAME_TAGS[tag], []).append(parse_name(value))
        elif tag == "Q":
            item.setdefault("author", []).append({"literal": value})
        elif tag == "0":
            item["type"] = TYPES.get(value, "")
            if not item["type"]:
                ctx.report("warning", f"unknown reference type {value!r}; kept as genre", record=index,
                           line=line, code="guessed", field="type")
                item["genre"] = value
        elif tag == "B":
            item.setdefault("container-title", value)
        elif tag == "D":
            year = value
        elif tag == "8":  # EndNote's full date; alone, or "Sep 4" completing %D
            when = value
        elif tag == "K":
            item.setdefault("_keywords", []).extend(k.strip() for k in re.split(r"[\n;]", value) if k.strip())
        elif tag == "R" and normalize_doi(value):
            item["DOI"] = normalize_doi(value)
        elif tag == "R":
            item["number"] = value
        elif tag == "@":
            if normalize_issn(value):
                item["ISSN"] = normalize_issn(value)
            else:
                item["ISBN"] = normalize_isbn(value) or value
        elif tag in ("Z", "O"):
            item["note"] = f"{item['note']}\n{value}" if item.get("note") else value
        elif tag == "F":
            item["id"] = value
        elif tag == "M" and value.isdigit():  # EndNote's accession number: the PMID for PubMed records
            item["PMID"] = value
        else:  # %M, %1..%6, %+ ...: no CSL variable; nothing is lost
            tags.setdefault(f"refer:{tag}", []).append(value)
            if tag == "?":
                ctx.report("warning", "text before the first tag kept in custom.tags", record=index, line=line)
    full = parse_date(when) if when else None
    if full and year_of(full) and (not year or str(year_of(full)) == year.strip()):
        item["issued"] = full
    elif year or when:
        item["issued"] = parse_date(f"{year} {when}".strip())
    if "_keywords" in item:
        item["keyword"] = "; ".join(item.pop("_keywords"))
    if not item.get("type"):
        item["type"] = _guess_type({t for t, _v, _l in fields})
        ctx.report("info", f"no %0 type; guessed {item['type']}", record=index, code="guessed", field="type")
    if tags:
        item["custom"] = {"tags": tags}
    return item


def read(source, ctx: Context) -> Iterator[Item]:
    """Yield one CSL-JSON item per record; a block with no title and no author is skipped."""
    for index, (line, fields) in enumerate(_records(source.text()), start=1):
        item = _item(fields, ctx, index)
        if not (item.get("title") or item.get("author")):
            ctx.skip("record has neither %T nor %A", record=index, line=line)
            continue
        yield item


def _date_lines(date: dict | None) -> list[tuple[str, str]]:
    parts = first_parts(date)
    if not parts:
        text = (date or {}).get("literal") or ""
        return [("D", text)] if text else []
    out = [("D", str(parts[0]))]
    if len(parts) > 1 or len(date.get("date-parts", [])) > 1:
        out.append(("8", to_iso(date)))  # month/day or a range
    return out


def _continued(value: str) -> str:
    """Multi-line values continue on untagged lines: no blank line (it would end the
    record), and a leading space keeps a line starting with "%X " from reading as a tag."""
    lines = [ln.strip() for ln in str(value).splitlines() if ln.strip()]
    return "\n".join([lines[0], *(f" {ln}" if ln.startswith("%") else ln for ln in lines[1:])]) if lines else ""


#: CSL variables the writer handles outside the tables (so they are not reported as lost).
_HANDLED = {"id", "type", "issued", "keyword", "DOI", "number", "ISSN", "ISBN", "note", "custom", "PMID"}


def write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    """One tagged block per item; what Refer cannot hold is reported as a loss."""
    var_to_tag = {v: t for t, v in TEXT_TAGS.items()}
    name_to_tag = {v: t for t, v in NAME_TAGS.items()}
    for index, item in enumerate(items, start=1):
        rec = label(item, index)
        lines: list[tuple[str, str]] = [("0", CSL_TO_TYPE.get(item.get("type", ""), "Generic"))]
        if item.get("type") not in CSL_TO_TYPE:
            ctx.loss("down-converted", "type", f"type {item.get('type')!r} written as Generic", record=rec)
        for var, names in item.items():
            if var in name_to_tag:
                for name in names:
                    tag = "Q" if "literal" in name and var == "author" else name_to_tag[var]
                    lines.append((tag, family_given(name)))
        for var, value in item.items():
            if var in var_to_tag and isinstance(value, str):
                tag = var_to_tag[var]
                if var == "container-title" and item.get("type") in ("chapter", "paper-conference"):
                    tag = "B"
                if has_markup(value):  # CSL rich text (<i>, <sup>...): Refer fields are plain text
                    ctx.loss("down-converted", var, f"{var}: rich-text markup removed (Refer holds plain text)",
                             record=rec)
                    value = strip_markup(value)
                lines.append((tag, value))
            elif var not in _HANDLED and var not in name_to_tag:
                ctx.loss("dropped", var, f"Refer has no tag for {var}", record=rec)
        lines += _date_lines(item.get("issued"))
        lines += [("K", k.strip()) for k in item.get("keyword", "").split(";") if k.strip()]
        for var, tag in (("DOI", "R"), ("number", "R"), ("ISSN", "@"), ("ISBN", "@"), ("PMID", "M"),
                         ("note", "Z"), ("id", "F")):
            if item.get(var):
                lines.append((tag, str(item[var])))
        custom = item.get("custom") or {}
        for key, values in (custom.get("tags") or {}).items():
            if key.startswith("refer:"):
                lines += [(key[6:], v) for v in values]
        if set(custom) - {"tags"}:
            ctx.loss("dropped", "custom", f"custom keys {sorted(set(custom) - {'tags'})} not written", record=rec)
        for tag, value in lines:
            out.write(f"%{tag} {_continued(value)}".rstrip() + "\n")
        out.write("\n")


FORMAT = Format(
    name="refer",
    description="Refer / EndNote tagged records (%A %T %J ...), an example plugin",
    aliases=("endnote-tagged", "enw"),
    extensions=("enw", "refer"),
    sniff=sniff,
    read=read,
    write=write,
)
