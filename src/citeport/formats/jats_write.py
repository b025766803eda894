"""JATS writer: CSL items -> a JATS 1.2 ``<ref-list>`` of ``<ref>``/``<element-citation>``.

Streams: each item becomes one ``<ref>`` as it arrives.  The output validates
against the JATS 1.2 Archiving DTD as it is and placed in an ``<article>``
(option ``wrap`` writes that minimal article too).  What JATS cannot hold is either
kept in ``<comment content-type="VAR">`` (plain CSL variables, read back by the
reader) or reported with ``ctx.loss``.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, TextIO

from ..model.dates import first_parts, is_open_start, to_iso, to_text
from ..model.diagnostics import Context
from ..model.ids import normalize_doi
from ..model.item import DATE_VARIABLES, NAME_VARIABLES, Item, label
from ..model.preprints import in_shape, server_name
from ..model.text import escape_xml
from .jats import COMMENT_VARIABLES, CSL_TO_PERSON_GROUP, CSL_TO_PUB_ID, CSL_TO_PUBLICATION_TYPE, INLINE_TO_CSL

XLINK = "http://www.w3.org/1999/xlink"
DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD '
           'v1.2 20190208//EN" "JATS-archivearticle1.dtd">')
#: Types whose title, when there is no container, is the ``<source>`` (a book, not an article in one).
SOURCE_IS_TITLE = frozenset(("book", "report", "thesis", "webpage", "software", "dataset", "patent",
                             "standard", "document", "manuscript", "pamphlet", "map", "motion_picture",
                             "musical_score", "graphic", "periodical", "collection", "classic"))
#: Types whose title goes in ``<chapter-title>`` rather than ``<article-title>``.
CHAPTER_TYPES = frozenset(("chapter", "entry", "entry-dictionary", "entry-encyclopedia"))
#: Simple CSL variable -> JATS element (plain text).
SIMPLE: dict[str, str] = {
    "volume": "volume", "issue": "issue", "edition": "edition", "publisher": "publisher-name",
    "publisher-place": "publisher-loc", "version": "version", "supplement": "supplement",
    "event-title": "conf-name", "event-place": "conf-loc", "collection-title": "series", "ISSN": "issn",
}
#: What the writer handles itself (never reported as lost).
HANDLED = frozenset((
    "id", "type", "title", "container-title", "issued", "accessed", "event-date", "page", "page-first",
    "DOI", "PMID", "PMCID", "URL", "ISBN", "note", "language", "number-of-pages", "custom", *SIMPLE,
    *NAME_VARIABLES,
))
NAME_PARTS = frozenset(("family", "given", "suffix", "non-dropping-particle", "dropping-particle", "literal"))
_RICH_TAG = re.compile(r'<(/?)(i|b|sup|sub|span)((?:\s+[a-z-]+="[^"]*")*)\s*>')
_CSL_TO_JATS_TAG = {"i": "italic", "b": "bold", "sup": "sup", "sub": "sub"}
_PAGE_RANGE = re.compile(r"^\s*([A-Za-z]*\d+)\s*[-\u2013\u2014]+\s*([A-Za-z]*\d+)\s*$")


def rich_xml(text: str) -> str:
    """CSL rich text -> JATS inline XML (italic, bold, sup, sub, sc); anything else escaped."""
    out: list[str] = []
    stack: list[str | None] = []
    pos = 0
    for m in _RICH_TAG.finditer(text):
        out.append(escape_xml(text[pos:m.start()]))
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if not closing:
            jats = _CSL_TO_JATS_TAG.get(tag) or ("sc" if "small-caps" in attrs else None)
            stack.append(jats)  # a nocase span (or unknown style) opens nothing
            if jats:
                out.append(f"<{jats}>")
        elif stack:
            jats = stack.pop()
            if jats:
                out.append(f"</{jats}>")
        else:
            out.append(escape_xml(m.group(0)))
    out.append(escape_xml(text[pos:]))
    out.extend(f"</{j}>" for j in reversed(stack) if j)  # unbalanced input still gives well-formed XML
    return "".join(out)


def _attr(value: str) -> str:
    return escape_xml(value).replace('"', "&quot;")


def _el(tag: str, content: str, **attrs: str) -> str:
    """One element; *content* is already XML."""
    at = "".join(f' {k.replace("_", "-")}="{_attr(v)}"' for k, v in attrs.items() if v)
    return f"<{tag}{at}>{content}</{tag}>"


def _text(tag: str, value: Any, **attrs: str) -> str:
    return _el(tag, escape_xml(str(value)), **attrs)


def name_xml(name: dict) -> str:
    """<name> (particles inside surname/given-names, as JATS wants) or <collab> for a literal name."""
    if name.get("literal") or not (name.get("family") or name.get("given")):
        return _text("collab", name.get("literal") or "")
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    parts = []
    if family:
        parts.append(_text("surname", family))
    if given:
        parts.append(_text("given-names", given))
    if name.get("suffix"):
        parts.append(_text("suffix", name["suffix"]))
    return _el("name", "".join(parts))


def date_xml(date: dict, ctx: Context, record: str, field: str) -> list[str]:
    """<year>/<month>/<day>/<season> for the first date; a range or literal is reported."""
    parts = first_parts(date)
    if not parts:
        if date.get("literal") or date.get("raw"):
            ctx.loss("down-converted", field, "date kept as text in <year>", record=record)
            return [_text("year", date.get("literal") or date.get("raw"))]
        ctx.loss("dropped", field, f"unreadable date {date!r}", record=record)
        return []
    iso = "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
    out = [_text("year", parts[0], iso_8601_date=iso)]
    if len(parts) > 1:
        out.append(_text("month", f"{parts[1]:02d}"))
    if len(parts) > 2:
        out.append(_text("day", f"{parts[2]:02d}"))
    season = date.get("season")
    if season and len(parts) == 1:
        names = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}
        out.append(_text("season", names.get(int(season), str(season)) if str(season).isdigit() else season))
    if len(date.get("date-parts") or []) > 1:
        ctx.loss("down-converted", field, f"date range {to_iso(date)} kept as its start", record=record)
    if date.get("circa"):
        ctx.loss("dropped", field, "'circa' has no JATS form", record=record)
    if is_open_start(date):  # "../2001": JATS dates have no open start
        ctx.loss("down-converted", field, f"{field} {date['raw']!r}: written as its known end", record=record)
    return out


def _date_text(date: dict) -> tuple[str, str]:
    """(text, iso-8601-date) of a date written as one element: the ISO form (an interval for a range),
    but "2018 Summer" without an ISO date for a season (ISO 8601 has none; readers parse the text)."""
    iso = to_iso(date) if first_parts(date) else ""
    if iso and date.get("season"):
        return to_text(date), ""
    return iso or to_iso(date) or date.get("literal", ""), iso


def pages_xml(page: str, elocation: str | None) -> list[str]:
    """fpage/lpage for "22-31" ("1021-9" gets a full lpage and keeps its form in page-range)."""
    page = str(page).strip()
    if not page or page == elocation:
        return []
    m = _PAGE_RANGE.match(page)
    if not m:
        return [_text("fpage", page)] if re.fullmatch(r"[A-Za-z]*\d+[A-Za-z]*", page) else [_text("page-range", page)]
    first, last = m.groups()
    out = [_text("fpage", first)]
    if first.isdigit() and last.isdigit() and len(last) < len(first):  # MEDLINE's abbreviated end page
        last = first[: len(first) - len(last)] + last
        out += [_text("lpage", last), _text("page-range", page)]
    else:
        out.append(_text("lpage", last))
        if page != f"{first}-{last}":
            out.append(_text("page-range", page))
    return out


def _ref_id(item: Item, index: int, used: set[str]) -> str:
    """An XML ID (NCName) from the item id: 'pmid:123' -> 'pmid-123'."""
    raw = str(item.get("id") or f"ref{index}")
    rid = re.sub(r"[^\w.-]", "-", raw)
    if not re.match(r"[A-Za-z_]", rid):
        rid = f"ref-{rid}"
    base, n = rid, 1
    while rid in used:
        n += 1
        rid = f"{base}-{n}"
    used.add(rid)
    return rid


def _preprint_view(item: Item, ctx: Context, record: str) -> Item:
    """A preprint as JATS4R cites one: the server as ``<source>``, its identifier as ``<elocation-id>``,
    a publishing body that is not the server as ``<publisher-name>``; the reader takes it back to the shape.
    What has no place (an abbreviation, a title no reader knows as a server) is reported."""
    if not in_shape(item):
        return item
    custom = dict(item.get("custom") or {})
    kept = dict(custom.pop("preprint-server", None) or {})
    view = {k: v for k, v in item.items() if k not in ("publisher", "number")}
    # the full title only when it names the server again (else the source reads back as a journal)
    title = kept.pop("title", None)
    view["container-title"] = title if server_name(title) == server_name(item["publisher"]) and title \
        else item["publisher"]
    if title and view["container-title"] != title:
        kept["title"] = title
    if kept.get("publisher"):
        view["publisher"] = kept.pop("publisher")
    if item.get("number") and not custom.get("elocation") and not item.get("page"):
        custom["elocation"] = item["number"]
    elif item.get("number"):
        view["number"] = item["number"]
    for key, value in kept.items():
        ctx.loss("dropped", f"custom.preprint-server.{key}", f"the server's {key} {value!r} has no JATS "
                 "element", record=record)
    view["custom"] = custom
    return view


def citation_xml(item: Item, ctx: Context, record: str) -> str:
    """The <element-citation> for one item (losses reported on *ctx*)."""
    item = _preprint_view(item, ctx, record)
    ctype = item.get("type") or "document"
    ptype = CSL_TO_PUBLICATION_TYPE.get(ctype, ctype)
    body: list[str] = []
    for var in NAME_VARIABLES:
        names = item.get(var)
        if names:
            group = CSL_TO_PERSON_GROUP.get(var, var)
            extra = sorted({k for n in names if isinstance(n, dict) for k in n} - NAME_PARTS)
            if extra:
                ctx.loss("dropped", var, f"name parts JATS cannot hold: {', '.join(extra)}", record=record)
            etal = "<etal/>" if var in ((item.get("custom") or {}).get("et-al") or []) else ""
            body.append(_el("person-group", "".join(name_xml(n) for n in names if isinstance(n, dict)) + etal,
                            person_group_type=group))
    title, container = item.get("title"), item.get("container-title")
    if title and (container or ctype not in SOURCE_IS_TITLE):
        body.append(_el("chapter-title" if ctype in CHAPTER_TYPES else "article-title", rich_xml(title)))
        if container:
            body.append(_el("source", rich_xml(container)))
    elif title or container:
        body.append(_el("source", rich_xml(title or container)))
    custom = item.get("custom") or {}
    for tt in custom.get("translated-titles") or []:
        if isinstance(tt, dict) and tt.get("title"):
            body.append(_el("trans-title", rich_xml(tt["title"]), **({"xml:lang": tt["language"]} if tt.get("language") else {})))
    for var, tag in SIMPLE.items():
        values = item.get(var)
        for value in values if isinstance(values, list) else [values]:  # ISSN lists from Crossref
            if value not in (None, ""):
                body.append(_text(tag, value))
    if item.get("number-of-pages"):
        body.append(_text("size", item["number-of-pages"], units="pages"))
    for var, tag in (("issued", None), ("event-date", "conf-date")):
        date = item.get(var)
        if not isinstance(date, dict):
            continue
        if tag is None:
            body += date_xml(date, ctx, record, var)
        else:
            text, iso = _date_text(date)
            body.append(_text(tag, text, iso_8601_date=iso))
    elocation = custom.get("elocation")
    body += pages_xml(item.get("page") or item.get("page-first") or "", elocation)
    if item.get("page") and item.get("page-first") not in (None, ""):  # <fpage> holds the page's own start
        body.append(_text("comment", item["page-first"], content_type="page-first"))
        ctx.loss("down-converted", "page-first", 'kept in <comment content-type="page-first">', record=record)
    elif item.get("page-first") not in (None, ""):
        ctx.loss("down-converted", "page-first", "written as <fpage>: read back as the page", record=record)
    if elocation:
        body.append(_text("elocation-id", elocation))
    isbns = item.get("ISBN") or ""
    for isbn in isbns if isinstance(isbns, list) else re.split(r"\s*[;,]\s*|\s+(?=\d)", str(isbns)):
        if isbn:
            body.append(_text("isbn", isbn))
    for var, kind in CSL_TO_PUB_ID.items():
        if item.get(var):
            value = normalize_doi(item[var]) or item[var] if var == "DOI" else item[var]
            body.append(_text("pub-id", value, pub_id_type=kind))
    if item.get("URL"):
        url = str(item["URL"])
        # The namespace is declared where it is used: the DTD allows xmlns:xlink on <ext-link>, not on a
        # <ref-list>, so a bare ref-list validates, and keeps valid pasted into any article.
        body.append(f'<ext-link xmlns:xlink="{XLINK}" ext-link-type="uri" xlink:href="{_attr(url)}">'
                    f'{escape_xml(url)}</ext-link>')
    if isinstance(item.get("accessed"), dict) and to_iso(item["accessed"]):
        text, iso = _date_text(item["accessed"])
        body.append(_text("date-in-citation", text, content_type="access-date", iso_8601_date=iso))
    for line in str(item.get("note") or "").split("\n"):
        if line.strip():
            body.append(_el("comment", rich_xml(line.strip())))
    for var, value in item.items():
        if var in HANDLED:
            continue
        if var in COMMENT_VARIABLES and isinstance(value, (str, int, float)):
            body.append(_el("comment", rich_xml(str(value)), content_type=var))
            ctx.loss("down-converted", var, f'kept in <comment content-type="{var}">', record=record)
        elif var in DATE_VARIABLES:
            ctx.loss("dropped", var, "JATS citations have no element for this date", record=record)
        else:
            ctx.loss("dropped", var, "no JATS element for this variable", record=record)
    for key in custom:
        if key not in ("translated-titles", "elocation", "et-al"):
            ctx.loss("dropped", f"custom.{key}", "no JATS element for this custom field", record=record)
    if ctype not in CSL_TO_PUBLICATION_TYPE:
        ctx.loss("down-converted", "type", f'publication-type="{ctype}" is not a JATS-suggested value', record=record)
    attrs = {"publication_type": ptype}
    if item.get("language"):
        attrs["xml:lang"] = str(item["language"])
    for var, value in (("title", title), ("container-title", container)):
        if 'class="nocase"' in str(value or ""):
            ctx.loss("down-converted", var, "case protection (nocase) has no JATS form", record=record)
    if not body:  # element-citation may not be empty
        body.append("<comment/>")
    inner = "".join(f"\n      {b}" for b in body)
    return _el("element-citation", inner + "\n    ", **attrs)


def write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    """Write *items* as one ``<ref-list>`` (inside a minimal ``<article>`` with option ``wrap``)."""
    wrap = bool(ctx.options.get("wrap"))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if wrap:
        out.write(DOCTYPE + "\n")
        out.write(f'<article xmlns:xlink="{XLINK}" xmlns:mml="http://www.w3.org/1998/Math/MathML" '
                  'dtd-version="1.2" article-type="other">\n<front>\n<article-meta>\n'
                  '<title-group><article-title>References</article-title></title-group>\n'
                  '</article-meta>\n</front>\n<back>\n<ref-list>\n')
    else:
        out.write("<ref-list>\n")
    used: set[str] = set()
    for index, item in enumerate(items, start=1):
        record = label(item, index)
        rid = _ref_id(item, index, used)
        out.write(f'  <ref id="{_attr(rid)}">\n    {citation_xml(item, ctx, record)}\n  </ref>\n')
    out.write("</ref-list>\n")
    if wrap:
        out.write("</back>\n</article>\n")


