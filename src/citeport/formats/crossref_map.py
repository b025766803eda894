"""Crossref's description of a work -> CSL-JSON: the one mapping of the CSL-JSON reader and ``--enrich``.

Crossref writes a work with (nearly) the same keys in its works API (``message``) and in what DOI
content negotiation returns as CSL-JSON (and what people save from it): CSL variables mixed with
Crossref-only keys (``event`` as an object, ``article-number``, ``isbn-type``, ``institution``,
``update-to``...), titles with HTML/JATS/MathML markup and entities.  :func:`split` maps those keys
before the CSL-JSON normaliser reads the rest, :func:`merge` adds what it mapped afterwards.  The
reader applies this only to items that :func:`looks_crossref` (plain CSL-JSON is left as written);
``enrich.crossref`` always does.
"""
from __future__ import annotations

import html
import re
from typing import Any

from ..model.dates import from_parts
from ..model.ids import normalize_doi, normalize_issn
from ..model.item import Item, set_custom
from ..model.preprints import preprint_shape
from ..model.text import clean
from .pubmed_common import comment_note

#: Crossref's work types (its API and content-negotiation answers) -> CSL types.
CROSSREF_TYPES = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book-section": "chapter",
    "book-part": "chapter", "book-track": "chapter", "proceedings-article": "paper-conference",
    "posted-content": "article", "monograph": "book", "edited-book": "book", "reference-book": "book",
    "book-set": "book", "book-series": "book", "proceedings": "book", "proceedings-series": "book",
    "dissertation": "thesis", "report-series": "report", "report-component": "report",
    "reference-entry": "entry", "peer-review": "review", "journal": "periodical", "journal-issue": "periodical",
    "journal-volume": "periodical", "database": "dataset", "component": "document", "grant": "document",
    "other": "document",
}

#: Keys only Crossref writes (deposit facts and work keys with no CSL variable): an item with one of
#: them is a Crossref record, and gets the rules below.
CROSSREF_ONLY = frozenset({
    "article-number", "isbn-type", "issn-type", "update-to", "updated-by", "subtype", "relation", "institution",
    "degree", "journal-issue", "short-container-title", "published-print", "published-online", "indexed",
    "deposited", "created", "member", "prefix", "reference-count", "references-count", "is-referenced-by-count",
    "content-domain", "update-policy", "alternative-id", "publisher-location",
})

#: Crossref ``update-to`` (this work is a notice about another) and ``updated-by`` (another work is a
#: notice about this one) update types -> the PubMed RefTypes of ``custom.comments-corrections``.
UPDATE_TO = {"correction": "ErratumFor", "erratum": "ErratumFor", "corrigendum": "ErratumFor",
             "retraction": "RetractionOf", "partial_retraction": "PartialRetractionOf", "removal": "RetractionOf",
             "withdrawal": "RetractionOf", "expression_of_concern": "ExpressionOfConcernFor",
             "comment": "CommentOn", "reinstatement": "UpdateOf"}
UPDATED_BY = {"ErratumFor": "ErratumIn", "RetractionOf": "RetractionIn", "PartialRetractionOf": "PartialRetractionIn",
              "ExpressionOfConcernFor": "ExpressionOfConcernIn", "CommentOn": "CommentIn", "UpdateOf": "UpdateIn"}

#: Inline markup in Crossref titles (HTML, JATS with or without the ``jats:`` prefix) -> CSL rich text.
INLINE = {"i": "<i>", "em": "<i>", "italic": "<i>", "b": "<b>", "strong": "<b>", "bold": "<b>",
          "sup": "<sup>", "sub": "<sub>", "sc": '<span style="font-variant:small-caps;">',
          "scp": '<span style="font-variant:small-caps;">', "nocase": '<span class="nocase">'}
_INLINE_TAG = re.compile(r"<(/?)(?:jats:)?([a-zA-Z]+)\b[^>]*?(/?)>")
_MATH = re.compile(r"<(mml:)?math\b.*?</(?:mml:)?math>", re.S)
#: Title-like keys whose markup and entities are mapped (strings or the works API's lists).
TEXT_KEYS = ("title", "subtitle", "container-title", "short-container-title", "original-title", "short-title",
             "collection-title", "group-title")
NAME_ROLES = ("author", "editor", "translator", "chair", "container-author", "reviewed-author")
#: JATS inline elements in Crossref abstracts -> CSL rich text tags.
_JATS_INLINE = {"italic": "i", "bold": "b", "sup": "sup", "sub": "sub"}


def looks_crossref(raw: dict[str, Any]) -> bool:
    """Is *raw* a Crossref record (has a Crossref-only key, an ``event`` object or a Crossref type)?"""
    return (any(k in raw for k in CROSSREF_ONLY) or isinstance(raw.get("event"), dict)
            or isinstance(raw.get("type"), str) and raw["type"] in CROSSREF_TYPES)  # none is a CSL type


def _math(fragment: str) -> str:
    """One MathML formula as CSL rich text (``CO<sub>2</sub>``), its plain text if it is not XML."""
    from ..model.mathml import math_text
    from ..model.xmlsafe import parse_bytes

    xml = re.sub(r"<(/?)mml:", r"<\1", fragment)
    xml = re.sub(r"\sxmlns(:\w+)?=\"[^\"]*\"", "", xml)
    try:
        return math_text(parse_bytes(xml.encode("utf-8"), "MathML"))
    except Exception:  # broken markup from a deposit: keep its words
        return re.sub(r"<[^>]+>", "", fragment)


def rich_text(text: str) -> str:
    """A Crossref title as CSL rich text: MathML as text with scripts, inline tags mapped, entities decoded."""
    text = _MATH.sub(lambda m: "\x00" + _math(m.group(0)).replace("<", "\x01").replace(">", "\x02") + "\x03", text)

    def tag(m: re.Match) -> str:
        opening = INLINE.get(m.group(2).lower())
        if not opening or m.group(3):
            return ""
        closing = "</span>" if opening.startswith("<span") else opening.replace("<", "</")
        return (closing if m.group(1) else opening).replace("<", "\x01").replace(">", "\x02")

    text = _INLINE_TAG.sub(tag, text)
    text = re.sub(r"<[^>]+>", "", text)  # anything else (<u>, <span>...) keeps its text
    text = html.unescape(text).replace("\x00", "").replace("\x03", "")
    return clean(text.replace("\x01", "<").replace("\x02", ">"))


def jats_abstract(text: str) -> str:
    """A Crossref JATS abstract fragment as CSL rich text: paragraphs to lines, italic/bold/sup/sub kept,
    a heading 'Abstract' dropped, other section titles as ``TITLE: `` (the conventions' labelled form)."""
    text = re.sub(r"<jats:title>\s*(?:abstract|summary)\s*</jats:title>\s*", "", text, flags=re.I)
    text = re.sub(r"<jats:title>(.*?)</jats:title>\s*(?:<jats:p>)?", r"\n\1: ", text, flags=re.S)
    text = re.sub(r"</jats:p>|<jats:p\b[^>]*>|</?jats:sec\b[^>]*>", "\n", text)
    text = re.sub(r"<(/?)jats:(italic|bold|sup|sub)\b[^>]*>", lambda m: f"\x00{m[1]}{_JATS_INLINE[m[2]]}\x01", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).replace("\x00", "<").replace("\x01", ">")  # raw text, as other readers
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def crossref_issns(entries: Any) -> dict[str, str]:
    """Crossref's ``issn-type`` ([{"value": ..., "type": "print"|"electronic"}]) as custom.issn."""
    out: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("value"):
            kind = "print" if entry.get("type") == "print" else "electronic"
            out.setdefault(kind, normalize_issn(str(entry["value"])) or str(entry["value"]))
    return out


def issns(work: dict[str, Any]) -> dict[str, str]:
    """Every ISSN of *work* with its kind: ``issn-type``, else a bare list (Crossref lists print first)."""
    out = crossref_issns(work.get("issn-type"))
    if not out:
        raw = work.get("ISSN")
        if isinstance(raw, str):  # "0002-7863, 1520-5126" from a lenient reader
            raw = re.split(r"[,;\s]+", raw)
        for i, value in enumerate(raw if isinstance(raw, list) else []):
            issn = normalize_issn(value)
            if issn:
                out.setdefault("print" if i == 0 else "electronic", issn)
    return out


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int)) and str(v).strip()), None)
    if isinstance(value, (str, int, float)):
        return clean(str(value)) or None
    return None


def _date(value: Any) -> dict | None:
    if isinstance(value, dict) and value.get("date-parts"):
        parts = value["date-parts"][0] if value["date-parts"] else []
        if isinstance(parts, list) and parts and parts[0] is not None:
            return from_parts(*parts[:3])
    return None


def _abstract(text: str) -> str:
    """A Crossref abstract (JATS fragment, sometimes HTML-escaped text) as the conventions' lines."""
    if "<" not in text and "&" not in text:
        return clean(text)
    if re.search(r"<p\b", text) and "<jats:" not in text:  # an HTML abstract (DataCite, some publishers)
        from .csljson import html_paragraphs  # late: csljson imports this module

        return "\n".join(html.unescape(line) for line in html_paragraphs(text).split("\n"))
    # a formula's scripts as JATS inline tags, which jats_abstract keeps
    text = _MATH.sub(lambda m: re.sub(r"<(/?)(sub|sup)>", r"<\1jats:\2>", _math(m.group(0))), text)
    return jats_abstract(text)


def _links(entries: Any, types: dict[str, str], default: str) -> list[dict]:
    """update-to / updated-by entries as custom.comments-corrections links (DOI as the reference)."""
    out = []
    for e in entries if isinstance(entries, list) else []:
        doi = normalize_doi(e.get("DOI")) if isinstance(e, dict) else None
        if not doi:
            continue
        kind = str(e.get("type") or "").lower().replace("-", "_")
        when = _date(e.get("updated"))
        about = ", ".join(filter(None, (e.get("label") or kind.replace("_", " "),
                                        "-".join(f"{p:02d}" for p in when["date-parts"][0]) if when else "")))
        out.append({"type": types.get(kind, default), "ref": f"doi:{doi} ({about})" if about else f"doi:{doi}"})
    return out


def _unescaped(value: Any) -> Any:
    """HTML entities decoded in every string of a name object (affiliations too)."""
    if isinstance(value, str):
        return html.unescape(value) if "&" in value else value
    if isinstance(value, list):
        return [_unescaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _unescaped(v) for k, v in value.items()}
    return value


def split(work: dict[str, Any]) -> tuple[dict, Item]:
    """*work* as what the CSL-JSON normaliser reads, and the CSL values of its Crossref-only keys.

    The normaliser reads what Crossref shares with CSL-JSON (types, print/online dates, ``issn-type``,
    names with ORCID/affiliation, funders, licences, subtitle); the keys mapped here are removed from
    the first dict.  Give both to :func:`merge` after normalising.
    """
    raw = dict(work)
    extra: Item = {}
    for key in TEXT_KEYS:
        value = raw.get(key)
        if isinstance(value, list):
            value = [rich_text(v) for v in value if isinstance(v, str) and v.strip()]
        elif isinstance(value, str):
            value = rich_text(value)
        if value:
            raw[key] = value
        else:
            raw.pop(key, None)
    for role in NAME_ROLES:  # deposits escape names and affiliations as they escape titles
        if isinstance(raw.get(role), list):
            raw[role] = [_unescaped(p) for p in raw[role]]
    if raw.get("short-title") and "title-short" not in raw:
        raw["title-short"] = _first(raw.pop("short-title"))
    if isinstance(raw.get("abstract"), str):
        raw["abstract"] = _abstract(raw["abstract"])
    if raw.get("publisher-location") and not raw.get("publisher-place"):
        raw["publisher-place"] = _first(raw.pop("publisher-location"))
    issue = raw.get("journal-issue")  # kept (in custom) too: the issue's online date has no other place
    if isinstance(issue, dict):  # the issue's print date is the work's print date when none is given
        if not _date(raw.get("published-print")) and _date(issue.get("published-print")):
            raw["published-print"] = issue["published-print"]
        if issue.get("issue") and not raw.get("issue"):
            raw["issue"] = str(issue["issue"])
    if raw.get("issued") or raw.get("published-print") or raw.get("published-online"):
        raw.pop("published", None)  # Crossref's copy of issued
    _event(raw, extra)
    number = _first(raw.pop("article-number", None))
    if number:  # conventions: an article number is an electronic location, and the page when none is given
        set_custom(extra, "elocation", number)
        if not raw.get("page"):
            raw["page"] = number
    _isbns(raw, extra)
    if not raw.get("issn-type") and (isinstance(raw.get("ISSN"), list) and len(raw["ISSN"]) > 1
                                     or isinstance(raw.get("ISSN"), str) and re.search(r"[,;\s]", raw["ISSN"].strip())):
        kinds = issns(raw)
        if kinds:  # the print ISSN (Crossref lists it first), every kind in custom.issn
            raw["ISSN"] = kinds.get("print") or next(iter(kinds.values()))
            set_custom(extra, "issn", kinds)
    institutions = [i for i in raw.pop("institution", None) or [] if isinstance(i, dict) and i.get("name")]
    if institutions:  # theses and reports: the degree-granting / issuing body; preprints: the server
        inst = institutions[0]
        if not raw.get("publisher"):
            raw["publisher"] = clean(str(inst["name"]))
            if inst.get("place") and not raw.get("publisher-place"):
                raw["publisher-place"] = _first(inst["place"])
        set_custom(extra, "institution", [clean(str(i["name"])) for i in institutions])
    degree = _first(raw.pop("degree", None))
    if degree and not raw.get("genre"):
        extra["genre"] = degree
    subtype = raw.pop("subtype", None)
    if isinstance(subtype, str) and subtype:
        set_custom(extra, "crossref-subtype", subtype)
    relation = raw.pop("relation", None)
    if isinstance(relation, dict):
        rel = {k: [f"{r.get('id-type', 'id')}:{r.get('id')}" for r in v if isinstance(r, dict) and r.get("id")]
               for k, v in relation.items() if isinstance(v, list)}
        set_custom(extra, "relation", {k: v for k, v in rel.items() if v})
    links = _links(raw.pop("update-to", None), UPDATE_TO, "UpdateOf")
    links += [{**link, "type": UPDATED_BY.get(link["type"], "UpdateIn")}
              for link in _links(raw.pop("updated-by", None), UPDATE_TO, "UpdateOf")]
    if links:
        set_custom(extra, "comments-corrections", links)
        extra["note"] = "\n".join(comment_note(link["type"], link["ref"]) for link in links)
    return raw, extra


def _event(raw: dict[str, Any], extra: Item) -> None:
    """Crossref's ``event`` object (name, location, start/end, acronym, sponsor...) as CSL event-*."""
    event = raw.get("event")
    if isinstance(event, dict):
        del raw["event"]
        if event.get("name"):
            extra["event-title"] = clean(str(event["name"]))
        if event.get("location"):
            extra["event-place"] = clean(str(event["location"]))
        start, end = _date(event.get("start")), _date(event.get("end"))
        if start:
            extra["event-date"] = {"date-parts": start["date-parts"] + (end["date-parts"] if end and end != start else [])}
        rest = {k: v for k, v in event.items() if k not in ("name", "location", "start", "end") and v}
        set_custom(extra, "event", rest)  # acronym, sponsor, theme, number
    elif isinstance(event, str) and event.strip() and not raw.get("event-title"):
        del raw["event"]  # CSL 1.0.2's deprecated name for event-title
        extra["event-title"] = clean(event)


def _isbns(raw: dict[str, Any], extra: Item) -> None:
    """``isbn-type`` as ISBN (the print one) and custom.isbn."""
    kinds: dict[str, str] = {}
    for entry in raw.pop("isbn-type", None) or []:
        if isinstance(entry, dict) and entry.get("value"):
            kinds.setdefault("print" if entry.get("type") == "print" else "electronic", str(entry["value"]))
    if kinds:  # (a bare list, kinds unknown, is joined by the normaliser: no ISBN is dropped)
        raw["ISBN"] = kinds.get("print") or next(iter(kinds.values()))
        set_custom(extra, "isbn", kinds)


def merge(item: Item, extra: Item) -> None:
    """Add what :func:`split` mapped to the normalised *item*: the item's own values win, a note is appended."""
    for key, value in extra.items():
        if key == "custom":
            custom = item.setdefault("custom", {})
            if isinstance(custom, dict):
                for k, v in value.items():
                    custom.setdefault(k, v)
        elif key == "note" and item.get("note"):
            item["note"] = f"{item['note']}\n{value}"
        else:
            item.setdefault(key, value)
    doi = normalize_doi(item.get("DOI")) if isinstance(item.get("DOI"), str) else None
    if doi:
        item["DOI"] = doi
    preprint_shape(item)  # posted-content: the server is the publisher, not a journal
