"""papis document <-> CSL-JSON item, as data tables plus the few rules a table cannot say.

papis keeps a document as a flat dict (``info.yaml``) with BibTeX-like keys
(``author_list``, ``journal``, ``year``, ``pages``...).  :func:`to_papis` fills those keys
from a CSL item; whatever the keys cannot hold exactly (a CSL variable with no papis key,
a day in a date, a name particle, the item's ``custom`` data...) is kept, as CSL, under
the papis key ``citeport_csl``.  :func:`to_csl` goes back: the papis keys win where the
user changed them in papis, the kept CSL wins where the papis keys still say what
:func:`to_papis` wrote -- so an item that goes into papis and out again is unchanged.
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable

from ..formats.bibtex_latex import to_rich_text
from ..model.dates import first_parts, from_parts, month_number
from ..model.item import Item
from ..model.names import Name
from ..model.names import parse_name

#: The papis key under which CSL data without an exact papis home is kept.
STASH_KEY = "citeport_csl"
#: Inside the stash: the original order of the item's variables.
ORDER_KEY = "_order"
#: Key order of items built from papis data alone.
CANONICAL_ORDER = ("id", "type", "title", "title-short", "author", "editor", "container-title",
                   "container-title-short", "issued", "volume", "issue", "number", "page")

#: CSL variable -> papis key, for values copied as they are (both directions).
TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "title-short": "shorttitle",
    "container-title-short": "journal_abbrev",
    "volume": "volume",
    "issue": "issue",
    "number": "number",
    "DOI": "doi",
    "PMID": "pmid",
    "PMCID": "pmcid",
    "URL": "url",
    "ISSN": "issn",
    "ISBN": "isbn",
    "abstract": "abstract",
    "publisher": "publisher",
    "publisher-place": "address",
    "language": "language",
    "note": "note",
    "edition": "edition",
    "collection-title": "series",
    "event-title": "eventtitle",
    "genre": "genre",
}

#: CSL type -> papis (BibTeX) type; several CSL types share one papis type.
TYPE_TO_PAPIS: dict[str, str] = {
    "article-journal": "article",
    "article": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "book": "book",
    "chapter": "inbook",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "report",
    "webpage": "online",
    "post-weblog": "online",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "manuscript": "unpublished",
    "entry-encyclopedia": "inreference",
    "document": "misc",
}
#: papis (BibTeX/BibLaTeX) type -> CSL type.
TYPE_FROM_PAPIS: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "book",
    "collection": "book",
    "proceedings": "book",
    "manual": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "report": "report",
    "techreport": "report",
    "online": "webpage",
    "www": "webpage",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "unpublished": "manuscript",
    "inreference": "entry-encyclopedia",
    "misc": "document",
}
#: CSL types whose container is a book or proceedings: papis calls it ``booktitle``.
BOOKTITLE_TYPES = frozenset(("chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"))

#: CSL variables whose papis text keeps BibTeX's case protection (``{DNA} repair``, as papis stores a
#: title it took from BibTeX): a braced span is CSL ``<span class="nocase">`` and goes back as braces.
BRACED: frozenset[str] = frozenset(("title", "title-short", "container-title", "collection-title", "event-title"))

#: papis keys papis manages itself; they are not part of the record.
PAPIS_INTERNAL = frozenset(("ref", "papis_id", "time-added", "files", "notes", "_papis_local_folder",
                            "author", "editor", STASH_KEY))
#: papis keys that :func:`to_csl` reads (everything else goes to ``custom.papis``).
PAPIS_READ = frozenset((*TEXT_FIELDS.values(), "type", "journal", "booktitle", "author_list",
                        "editor_list", "year", "month", "day", "pages", "keywords"))


# --- case-protecting braces -------------------------------------------------------------------------

_BRACE = re.compile(r"[{}]")
_LITERAL_SPECIALS = re.compile(r"(?<!\\)([&%#])")  # papis text means them literally (papis escapes them)
_TAG = re.compile(r'<(/?)(i|b|sup|sub|span)((?:\s+[a-z-]+="[^"]*")*)\s*>')


def braces_in(text: str) -> str:
    """papis text -> CSL rich text: each top-level ``{...}`` decoded as BibTeX decodes it (the BibTeX
    reader's own conversion: ``{DNA}`` a nocase span, ``{\\"o}`` "ö"); the text around it is papis's
    plain Unicode, left as it is.  Unbalanced braces are text."""
    if "{" not in text:
        return text
    out, depth, start, pos = [], 0, 0, 0
    for m in _BRACE.finditer(text):
        if m.group() == "{":
            if depth == 0:
                out.append(text[pos:m.start()])
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                group = _LITERAL_SPECIALS.sub(r"\\\1", text[start:m.end()])
                out.append(to_rich_text(group))
                pos = m.end()
        else:
            return text  # a "}" with no "{": not BibTeX's braces
    return text if depth else "".join(out) + text[pos:]


def braces_out(text: str) -> str:
    """CSL rich text -> papis text: nocase spans as braces (papis's BibTeX export keeps them); other
    markup stays as it is."""
    if "nocase" not in text:
        return text
    out, stack, pos = [], [], 0
    for m in _TAG.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        if m.group(1):
            out.append("}" if stack and stack.pop() else m.group())
        else:
            nocase = m.group(2) == "span" and "nocase" in m.group(3)
            stack.append(nocase)
            out.append("{" if nocase else m.group())
    return "".join(out) + text[pos:]


# --- names -------------------------------------------------------------------------------------

def name_to_papis(name: Name, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """A CSL name as a papis ``author_list`` entry ({family, given}, affiliations as papis has them)."""
    if "literal" in name:
        entry = {"family": name["literal"], "given": ""}
    else:
        family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
        given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
        if name.get("suffix"):
            given = f"{given}, {name['suffix']}" if given else name["suffix"]
        entry = {"family": family, "given": given}
    affiliations = (details or {}).get("affiliation") or []
    if affiliations:
        entry["affiliation"] = [{"name": a} for a in affiliations]
    return entry


def name_from_papis(entry: dict[str, Any] | str) -> Name:
    if isinstance(entry, str):
        return parse_name(entry)
    family = str(entry.get("family") or "").strip()
    given = str(entry.get("given") or "").strip()
    if not given:
        return {"literal": family} if family else parse_name(str(entry.get("name") or ""))
    return parse_name(f"{family}, {given}")


def names_text(entries: list[dict[str, Any]]) -> str:
    """papis's default ``author`` string: ``Family, Given and Family, Given``."""
    return " and ".join(f"{e['family']}, {e['given']}".strip(" ,") for e in entries)


# --- rules: one per CSL variable that needs more than a copy ----------------------------------
# Each rule turns the whole item into papis keys (it may look at the type) and names the papis
# keys it writes, so that to_csl can tell whether the user changed them.

def _authors(item: Item) -> dict[str, Any]:
    details = (item.get("custom") or {}).get("author-details") or []
    entries = [name_to_papis(n, details[i] if i < len(details) else None) for i, n in enumerate(item["author"])]
    return {"author_list": entries, "author": names_text(entries)}


def _editors(item: Item) -> dict[str, Any]:
    entries = [name_to_papis(n) for n in item["editor"]]
    return {"editor_list": entries, "editor": names_text(entries)}


def _issued(item: Item) -> dict[str, Any]:
    parts = first_parts(item["issued"])
    out: dict[str, Any] = {}
    for key, value in zip(("year", "month", "day"), parts):
        out[key] = value
    return out


def _container(item: Item) -> dict[str, Any]:
    key = "booktitle" if item.get("type") in BOOKTITLE_TYPES else "journal"
    return {key: braces_out(item["container-title"])}


def _type(item: Item) -> dict[str, Any]:
    return {"type": TYPE_TO_PAPIS.get(item["type"], "misc")}


def _page(item: Item) -> dict[str, Any]:
    return {"pages": item["page"]}


def _keyword(item: Item) -> dict[str, Any]:
    return {"keywords": item["keyword"]}


def _citation_key(item: Item) -> dict[str, Any]:
    return {"ref": str(item["citation-key"])}  # papis keeps a ref it is given (its BibTeX key)


RULES: dict[str, tuple[Callable[[Item], dict[str, Any]], tuple[str, ...]]] = {
    "citation-key": (_citation_key, ("ref",)),
    "author": (_authors, ("author_list",)),
    "editor": (_editors, ("editor_list",)),
    "issued": (_issued, ("year", "month", "day")),
    "container-title": (_container, ("journal", "booktitle")),
    "type": (_type, ("type",)),
    "page": (_page, ("pages",)),
    "keyword": (_keyword, ("keywords",)),
}


def _papis_fields(item: Item) -> dict[str, Any]:
    """The papis keys for *item*, without the stash."""
    data: dict[str, Any] = {}
    for var, value in item.items():
        if var in RULES:
            try:
                data.update(RULES[var][0](item))
            except (TypeError, ValueError, KeyError, AttributeError, IndexError):
                pass  # not CSL-shaped (e.g. a date as a bare list): the stash keeps it as it is
        elif var in TEXT_FIELDS and isinstance(value, (str, int)):
            data[TEXT_FIELDS[var]] = braces_out(value) if var in BRACED and isinstance(value, str) else value
    return data


def _papis_keys(var: str) -> tuple[str, ...]:
    if var in RULES:
        return RULES[var][1]
    return (TEXT_FIELDS[var],) if var in TEXT_FIELDS else ()


def _from_fields(doc: dict[str, Any]) -> Item:
    """A CSL item from papis keys alone (no stash)."""
    item: Item = {}
    ptype = str(doc.get("type") or "").strip().lower()
    item["type"] = TYPE_FROM_PAPIS.get(ptype, "document") if ptype else "article-journal"
    for var, key in TEXT_FIELDS.items():
        value = doc.get(key)
        if value not in (None, "", []):
            item[var] = value if isinstance(value, str) else str(value)
            if var in BRACED:
                item[var] = braces_in(item[var])
    if "issue" not in item and "number" in item and item["type"].startswith("article"):
        item["issue"] = item.pop("number")  # BibTeX's "number" of a journal article is its issue
    for key in ("journal", "booktitle"):
        if doc.get(key):
            item.setdefault("container-title", braces_in(str(doc[key])))
    for var, key, text_key in (("author", "author_list", "author"), ("editor", "editor_list", "editor")):
        if doc.get(key):
            item[var] = [name_from_papis(e) for e in doc[key]]
        elif isinstance(doc.get(text_key), str) and doc[text_key].strip():
            item[var] = [parse_name(n) for n in re.split(r"\s+and\s+", doc[text_key].strip()) if n.strip()]
    if doc.get("year") not in (None, ""):
        month = doc.get("month")
        if isinstance(month, str) and not month.strip().isdigit():
            month = month_number(month.strip()) or month
        date = from_parts(doc.get("year"), month, doc.get("day"))
        if date:
            item["issued"] = date
    if doc.get("pages") not in (None, ""):
        item["page"] = re.sub(r"\s*-{2,}\s*|\s*[\u2013\u2014]\s*", "-", str(doc["pages"]).strip())
    keywords = doc.get("keywords")
    if isinstance(keywords, (list, tuple)):
        keywords = "; ".join(str(k) for k in keywords if str(k).strip())
    if keywords:
        item["keyword"] = str(keywords)
    return item


def to_papis(item: Item) -> dict[str, Any]:
    """papis document data for a CSL *item*; what papis keys cannot hold goes under ``citeport_csl``.

    ``custom.papis`` (papis keys with no CSL counterpart, as :func:`to_csl` keeps them: ``tags``,
    a user's own keys) become papis keys again, so that papis can search and edit them.
    """
    data = _papis_fields(item)
    back = _from_fields(data)
    stash = {var: value for var, value in item.items() if var not in back or back[var] != value}
    own = (item.get("custom") or {}).get("papis") if isinstance(item.get("custom"), dict) else None
    if isinstance(own, dict):
        restored = {k: v for k, v in own.items() if isinstance(k, str) and _papis_own_key(k) and k not in data}
        data.update(restored)
        if restored:  # the stash keeps only their order; to_csl reads the papis keys themselves
            stash["custom"] = {**stash["custom"],
                               "papis": {k: None if k in restored else v for k, v in own.items()}}
    order = list(item)
    if order != list(_restore_order(back, None)):
        stash[ORDER_KEY] = order  # writers that follow the item's order give the same output
    if stash:
        data[STASH_KEY] = stash
    return data


def to_csl(doc: dict[str, Any]) -> Item:
    """The CSL item for papis document data (as :func:`to_papis` wrote it, or edited in papis).

    A kept CSL value is used when the papis keys it maps to are unchanged; papis keys the
    table does not know (a user's ``tags``...) go to ``custom.papis``.
    """
    item = _from_fields(doc)
    stash = doc.get(STASH_KEY)
    if isinstance(stash, dict) and stash:
        original = {**item, **{k: v for k, v in stash.items() if k != ORDER_KEY}}
        expected = _papis_fields(original)
        for var, value in stash.items():
            if var == ORDER_KEY:
                continue
            keys = _papis_keys(var)
            if not keys or all(_same(doc.get(k), expected.get(k)) for k in keys):
                item[var] = value
    extra = {k: v for k, v in doc.items() if isinstance(k, str) and _papis_own_key(k)
             and v not in (None, "", [], {})}
    custom = dict(item["custom"]) if isinstance(item.get("custom"), dict) else None
    if custom is not None and isinstance(custom.get("papis"), dict):
        # The papis keys themselves win (edited, added or deleted in papis); the kept copy
        # gives their original order, and keeps what could not be a papis key.
        merged = {}
        for k, v in custom["papis"].items():
            if k in extra:
                merged[k] = extra[k]
            elif v is not None and not _papis_own_key(k):
                merged[k] = v
        merged.update((k, v) for k, v in extra.items() if k not in merged)
        if merged:
            custom["papis"] = merged  # in its own place among the custom keys
        else:
            del custom["papis"]
    elif extra:
        custom = custom if custom is not None else {}
        custom["papis"] = extra
    files = _files(doc)
    if files:  # papis's own copies are the document's files now (conventions.md: attachments)
        custom = custom if custom is not None else dict(item.get("custom") or {})
        custom["attachments"] = files
    if custom:
        item["custom"] = custom
    elif custom is not None:
        item.pop("custom", None)
    if doc.get("ref"):
        if "id" not in item:
            item["id"] = str(doc["ref"])
        # papis's ref is the document's citation key: for a document papis made, and for one
        # that came with a key (the user may have renamed it in papis since)
        if not isinstance(stash, dict) or not stash or "citation-key" in stash:
            item["citation-key"] = str(doc["ref"])
    return _restore_order(item, stash.get(ORDER_KEY) if isinstance(stash, dict) else None)


def _papis_own_key(key: str) -> bool:
    """A papis key with no CSL counterpart (``tags``, ``rating``, a user's own): kept in ``custom.papis``."""
    return key not in PAPIS_READ and key not in PAPIS_INTERNAL and not key.startswith("_")


def _files(doc: dict[str, Any]) -> list[dict[str, str]]:
    """The document's files as ``custom.attachments`` entries, absolute when papis says where it lives."""
    files = doc.get("files")
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list):
        return []
    folder = doc.get("_papis_local_folder")
    out = []
    for name in files:
        if isinstance(name, str) and name.strip():
            path = os.path.join(str(folder), name) if folder and not os.path.isabs(name) else name
            out.append({"path": path})
    return out


def _restore_order(item: Item, order: list[str] | None) -> Item:
    """*item* with its keys in *order* (the original item's), else in a fixed CSL-ish order."""
    rank = {k: i for i, k in enumerate(order or CANONICAL_ORDER)}
    return dict(sorted(item.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def _same(a: Any, b: Any) -> bool:
    """papis may store numbers as strings (or the other way round) after an edit."""
    if isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return str(a) == str(b)
    return bool(a == b)
