"""Crossref: the works API and DOI content negotiation, both mapped to CSL-JSON.

Both answers describe a work with (nearly) the same keys; the works API wraps
it in an envelope (``status``, ``message-type``, ``message``) and writes titles
as lists.  One table-driven mapping serves both.
"""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from ..formats.csljson import CROSSREF_TYPES, crossref_issns, normalize
from ..model.dates import from_parts
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_issn
from ..model.item import CSL_TYPES, Item, prune, set_custom
from ..model.text import clean
from .http import Http, OnlineError

CSL_JSON = "application/vnd.citationstyles.csl+json"

#: Keys copied as strings (first element when Crossref writes a list), Crossref key -> CSL variable.
TEXT_FIELDS = {
    "title": "title", "container-title": "container-title",
    "short-container-title": "container-title-short", "container-title-short": "container-title-short",
    "collection-title": "collection-title", "original-title": "original-title", "short-title": "title-short",
    "volume": "volume", "issue": "issue", "page": "page", "publisher": "publisher",
    "publisher-location": "publisher-place", "publisher-place": "publisher-place",
    "edition-number": "edition", "edition": "edition", "language": "language", "URL": "URL",
    "article-number": "number", "number": "number", "event": "event-title", "genre": "genre",
    "version": "version", "archive": "archive", "source": "source",
}

#: Name keys CSL knows; Crossref adds ``sequence``, ``affiliation``, ``ORCID``...
NAME_KEYS = ("family", "given", "suffix", "non-dropping-particle", "dropping-particle", "literal")
NAME_ROLES = ("author", "editor", "translator", "chair", "container-author")


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


def _names(raw: Any) -> tuple[list[dict], list[dict]]:
    names, details = [], []
    for person in raw if isinstance(raw, list) else []:
        if not isinstance(person, dict):
            continue
        name = {k: clean(str(person[k])) for k in NAME_KEYS if person.get(k)}
        if not name and person.get("name"):
            name = {"literal": clean(person["name"])}
        if not name:
            continue
        names.append(name)
        detail: dict = {}
        aff = [a.get("name") for a in person.get("affiliation") or [] if isinstance(a, dict) and a.get("name")]
        if aff:
            detail["affiliation"] = aff
        if person.get("ORCID"):
            detail["ORCID"] = re.sub(r"^https?://orcid\.org/", "", str(person["ORCID"]))
        details.append(detail)
    return names, details


def _abstract(text: str) -> str:
    """Crossref abstracts are JATS fragments: paragraphs to lines, tags removed."""
    text = re.sub(r"</jats:p>\s*", "\n", text)
    text = re.sub(r"<jats:title>(.*?)</jats:title>\s*", r"\1: ", text)
    text = re.sub(r"<[^>]+>", "", text)
    return "\n".join(clean(line) for line in text.splitlines() if clean(line))


def to_csl(work: dict[str, Any]) -> Item:
    """A Crossref work (works API message or content-negotiation CSL-JSON) as a CSL item."""
    item: Item = {}
    kind = str(work.get("type") or "")
    item["type"] = kind if kind in CSL_TYPES else CROSSREF_TYPES.get(kind, "document")
    for key, var in TEXT_FIELDS.items():
        if var not in item and _first(work.get(key)):
            item[var] = _first(work[key])
    subtitle = _first(work.get("subtitle"))
    if subtitle and item.get("title") and subtitle.lower() not in item["title"].lower():
        item["title"] = f"{item['title']}: {subtitle}"
    for role in NAME_ROLES:
        names, details = _names(work.get(role))
        if names:
            item[role] = names
            if role == "author" and any(details):
                set_custom(item, "author-details", details)
    issued = _date(work.get("published-print")) or _date(work.get("issued"))
    if issued:
        item["issued"] = issued
    online = _date(work.get("published-online"))
    if online and online != issued:
        item["available-date"] = online
    doi = normalize_doi(work.get("DOI"))
    if doi:
        item["DOI"] = doi
    issns = _issns(work)
    if issns:
        item["ISSN"] = issns.get("print") or next(iter(issns.values()))
        set_custom(item, "issn", issns)
    if _first(work.get("ISBN")):
        item["ISBN"] = _first(work["ISBN"])
    if isinstance(work.get("abstract"), str):
        item["abstract"] = _abstract(work["abstract"])
    licences = [lic.get("URL") for lic in work.get("license") or [] if isinstance(lic, dict) and lic.get("URL")]
    if licences:
        set_custom(item, "license", licences[0])
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


def _json(body: bytes, what: str) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise OnlineError(f"{what}: malformed answer ({exc})") from None


def doi_path(doi: str) -> str:
    return quote(doi, safe="/:;()._-")


def works(http: Http, doi: str) -> Item:
    """The Crossref works API record of *doi* (raises NotFound when Crossref has none)."""
    resp = http.get("crossref", "works/" + doi_path(doi))
    data = _json(resp.body, f"Crossref works {doi}")
    if not isinstance(data, dict) or data.get("status") != "ok" or not isinstance(data.get("message"), dict):
        raise OnlineError(f"Crossref works {doi}: unexpected answer (no 'ok' work message)")
    return to_csl(data["message"])


def content_negotiation(http: Http, doi: str) -> Item:
    """CSL-JSON for *doi* from its registration agency through the DOI resolver."""
    resp = http.get("doi", doi_path(doi), accept=CSL_JSON)
    data = _json(resp.body, f"DOI content negotiation {doi}")
    if isinstance(data, list) and data:
        data = data[0]
    if not isinstance(data, dict):
        raise OnlineError(f"DOI content negotiation {doi}: unexpected answer (not a CSL-JSON object)")
    # Lenient shapes (string dates, names as strings) first, then Crossref's extras.
    return to_csl(normalize(data, Context(), 1))
