"""Crossref: the works API and DOI content negotiation, both mapped to CSL-JSON.

Both answers describe a work with (nearly) the same keys; the works API wraps
it in an envelope (``status``, ``message-type``, ``message``) and writes titles
as lists.  The mapping is the CSL-JSON reader's (``formats.crossref_map``), so a
saved answer read from a file and one fetched here give the same item.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ..formats.crossref_map import issns as _issns
from ..formats.crossref_map import rich_text  # noqa: F401  (part of this module's API)
from ..formats.csljson import normalize
from ..model.diagnostics import Context
from ..model.item import Item, prune, set_custom
from .http import Http, OnlineError, Response

CSL_JSON = "application/vnd.citationstyles.csl+json"

#: Facts about the deposit, not the work (counts, index times, text-mining links, the reference list):
#: a remote answer only fills a record, and these are no part of it.
BOOKKEEPING = frozenset({
    "indexed", "reference-count", "references-count", "is-referenced-by-count", "score", "member", "prefix",
    "deposited", "created", "content-domain", "link", "reference", "update-policy", "free-to-read",
    "content-updated", "status", "message-type", "message-version",
})


def to_csl(work: dict[str, Any]) -> Item:
    """A Crossref work (works API message or content-negotiation CSL-JSON) as a CSL item.

    The CSL-JSON normaliser with the Crossref mapping (``formats.crossref_map``), the deposit's
    bookkeeping left out; keys with no rule stay in ``custom`` (nothing lost).
    """
    raw = {k: v for k, v in work.items() if k not in BOOKKEEPING}
    item = normalize(raw, Context(), 1, crossref=True)
    if item.get("issued") and isinstance(item.get("custom"), dict):
        for key in ("published-print", "published-online", "published", "journal-issue"):  # now issued...
            item["custom"].pop(key, None)
    if not item.get("ISSN"):
        kinds = _issns(work)
        if kinds:
            item["ISSN"] = kinds.get("print") or next(iter(kinds.values()))
            set_custom(item, "issn", kinds)
    return prune(item)


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
