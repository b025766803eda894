"""Crossref: the works API and DOI content negotiation, both mapped to CSL-JSON.

Both answers describe a work with (nearly) the same keys; the works API wraps
it in an envelope (``status``, ``message-type``, ``message``) and writes titles
as lists.  One table-driven mapping serves both.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import quote

from ..formats.csljson import crossref_issns, html_paragraphs, jats_abstract, normalize
from ..formats.pubmed_common import comment_note
from ..model.dates import from_parts
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_issn
from ..model.item import Item, prune, set_custom
from ..model.text import clean
from .http import Http, OnlineError, Response

CSL_JSON = "application/vnd.citationstyles.csl+json"

#: Crossref types the CSL-JSON reader's table lacks (newer or rarer work types).
EXTRA_TYPES = {"report-component": "report", "proceedings-series": "book", "database": "dataset",
               "book-series": "book", "journal-volume": "periodical"}

#: Facts about the deposit, not the work (counts, index times, text-mining links, the reference list).
BOOKKEEPING = frozenset({
    "indexed", "reference-count", "references-count", "is-referenced-by-count", "score", "member", "prefix",
    "deposited", "created", "content-domain", "link", "reference", "update-policy", "free-to-read",
    "content-updated", "status", "message-type", "message-version",
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
_TEXT_KEYS = ("title", "subtitle", "container-title", "short-container-title", "original-title", "short-title",
              "collection-title", "group-title")


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
    text = re.sub(r"<[^>]+>", "", text)  # anything else (<scp> handled, <u>, <span>...) keeps its text
    text = html.unescape(text).replace("\x00", "").replace("\x03", "")
    return clean(text.replace("\x01", "<").replace("\x02", ">"))


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int)) and str(v).strip()), None)
    if isinstance(value, (str, int, float)):
        return clean(str(value)) or None
    return None


def _date(value: Any) -> dict | None:
    if isinstance(value, dict) and value.get("date-parts"):
        parts = value["date-parts"][0] if value["date-parts"] else []
        if parts and parts[0] is not None:
            return from_parts(*parts[:3])
    return None


def _abstract(text: str) -> str:
    """A Crossref abstract (JATS fragment, sometimes HTML-escaped text) as the conventions' lines."""
    if "<" not in text and "&" not in text:
        return clean(text)
    if re.search(r"<p\b", text) and "<jats:" not in text:  # an HTML abstract (DataCite, some publishers)
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


NAME_ROLES = ("author", "editor", "translator", "chair", "container-author", "reviewed-author")


def _unescaped(value: Any) -> Any:
    """HTML entities decoded in every string of a name object (affiliations too)."""
    if isinstance(value, str):
        return html.unescape(value) if "&" in value else value
    if isinstance(value, list):
        return [_unescaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _unescaped(v) for k, v in value.items()}
    return value


def _extras(work: dict[str, Any]) -> tuple[dict, Item]:
    """Split *work* into what the CSL-JSON normaliser reads and the Crossref-only keys mapped here."""
    raw = {k: v for k, v in work.items() if k not in BOOKKEEPING}
    extra: Item = {}
    kind = raw.get("type")
    if isinstance(kind, str) and kind in EXTRA_TYPES:
        set_custom(extra, "crossref-type", kind)
        raw["type"] = EXTRA_TYPES[kind]
    for key in _TEXT_KEYS:
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
    issue = raw.pop("journal-issue", None)
    if isinstance(issue, dict):  # the issue's print date is the work's print date when none is given
        if not _date(raw.get("published-print")) and _date(issue.get("published-print")):
            raw["published-print"] = issue["published-print"]
        if issue.get("issue") and not raw.get("issue"):
            raw["issue"] = str(issue["issue"])
    if raw.get("issued") or raw.get("published-print") or raw.get("published-online"):
        raw.pop("published", None)  # Crossref's copy of issued
    event = raw.pop("event", None)
    if isinstance(event, dict):
        if event.get("name"):
            extra["event-title"] = clean(str(event["name"]))
        if event.get("location"):
            extra["event-place"] = clean(str(event["location"]))
        start, end = _date(event.get("start")), _date(event.get("end"))
        if start:
            extra["event-date"] = {"date-parts": start["date-parts"] + (end["date-parts"] if end and end != start else [])}
        rest = {k: v for k, v in event.items() if k not in ("name", "location", "start", "end") and v}
        set_custom(extra, "event", rest)  # acronym, sponsor, theme, number
    elif isinstance(event, str) and event.strip():
        extra["event-title"] = clean(event)
    number = _first(raw.pop("article-number", None))
    if number:  # conventions: an article number is an electronic location, and the page when none is given
        set_custom(extra, "elocation", number)
        if not raw.get("page"):
            raw["page"] = number
    isbns = {}
    for entry in raw.pop("isbn-type", None) or []:
        if isinstance(entry, dict) and entry.get("value"):
            isbns.setdefault("print" if entry.get("type") == "print" else "electronic", str(entry["value"]))
    if isbns:
        raw["ISBN"] = isbns.get("print") or next(iter(isbns.values()))
        set_custom(extra, "isbn", isbns)
    elif isinstance(raw.get("ISBN"), list):
        raw["ISBN"] = _first(raw["ISBN"])
    institutions = [i for i in raw.pop("institution", None) or [] if isinstance(i, dict) and i.get("name")]
    if institutions:  # theses and reports: the degree-granting / issuing body
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
    links += [{**l, "type": UPDATED_BY.get(l["type"], "UpdateIn")}
              for l in _links(raw.pop("updated-by", None), UPDATE_TO, "UpdateOf")]
    if links:
        set_custom(extra, "comments-corrections", links)
        extra["note"] = "\n".join(comment_note(l["type"], l["ref"]) for l in links)
    return raw, extra


def to_csl(work: dict[str, Any]) -> Item:
    """A Crossref work (works API message or content-negotiation CSL-JSON) as a CSL item.

    The CSL-JSON normaliser reads what it shares with saved Crossref answers (types, print/online
    dates, ISSNs, names with ORCID/affiliation, funders, licences, subtitle); :func:`_extras` maps the
    Crossref-only keys first.  Keys with no rule stay in ``custom`` (nothing lost).
    """
    raw, extra = _extras(work)
    item = normalize(raw, Context(), 1)
    for key, value in extra.items():
        if key == "custom":
            for k, v in value.items():
                item.setdefault("custom", {}).setdefault(k, v)
        elif key == "note" and item.get("note"):
            item["note"] = f"{item['note']}\n{value}"
        else:
            item.setdefault(key, value)
    if item.get("issued") and isinstance(item.get("custom"), dict):
        for key in ("published-print", "published-online", "published"):  # now issued / available-date
            item["custom"].pop(key, None)
    doi = normalize_doi(item.get("DOI"))
    if doi:
        item["DOI"] = doi
    if not item.get("ISSN"):
        issns = _issns(work)
        if issns:
            item["ISSN"] = issns.get("print") or next(iter(issns.values()))
            set_custom(item, "issn", issns)
    elif isinstance(item.get("ISSN"), str) and "," in item["ISSN"]:  # the normaliser joined a list
        issns = _issns(work)
        item["ISSN"] = issns.get("print") or next(iter(issns.values()))
        set_custom(item, "issn", issns)
    return prune(item)


def _issns(work: dict) -> dict[str, str]:
    out = crossref_issns(work.get("issn-type"))  # as the CSL-JSON reader takes a saved Crossref answer
    if not out:
        raw = work.get("ISSN")
        if isinstance(raw, str):  # "0002-7863, 1520-5126" from a lenient reader
            raw = re.split(r"[,;\s]+", raw)
        for i, value in enumerate(raw if isinstance(raw, list) else []):
            issn = normalize_issn(value)
            if issn:
                out.setdefault("print" if i == 0 else "electronic", issn)
    return out


def _json(http: Http, resp: Response, what: str) -> Any:
    """The JSON of *resp*; a web page or a cut-off body is an error, and is not kept in the cache."""
    try:
        return json.loads(resp.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        http.discard(resp)
        if resp.body.lstrip()[:1] == b"<" or "html" in resp.content_type:
            raise OnlineError(f"{what}: answered a web page ({resp.content_type or 'HTML'}), not JSON "
                              f"(from {resp.url})") from None
        raise OnlineError(f"{what}: malformed answer ({exc})") from None


def doi_path(doi: str) -> str:
    return quote(doi, safe="/:;()._-")


def works(http: Http, doi: str) -> Item:
    """The Crossref works API record of *doi* (raises NotFound when Crossref has none)."""
    resp = http.get("crossref", "works/" + doi_path(doi))
    data = _json(http, resp, f"Crossref works {doi}")
    if not isinstance(data, dict) or data.get("status") != "ok" or not isinstance(data.get("message"), dict):
        raise OnlineError(f"Crossref works {doi}: unexpected answer (no 'ok' work message)")
    return to_csl(data["message"])


def content_negotiation(http: Http, doi: str) -> Item:
    """CSL-JSON for *doi* from its registration agency through the DOI resolver."""
    resp = http.get("doi", doi_path(doi), accept=CSL_JSON)
    data = _json(http, resp, f"DOI content negotiation {doi}")
    if isinstance(data, list) and data:
        data = data[0]
    if not isinstance(data, dict):
        raise OnlineError(f"DOI content negotiation {doi}: unexpected answer (not a CSL-JSON object)")
    return to_csl(data)
