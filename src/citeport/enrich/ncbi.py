"""NCBI E-utilities (esearch, efetch) and the PMC ID converter.

efetch answers are PubMed XML and are read by citeport's own ``pubmed-xml``
reader, so a fetched record is exactly what reading a downloaded file gives.
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator
from urllib.parse import unquote

from ..model.diagnostics import CiteportError
from ..model.item import Item
from ..model.xmlsafe import local, parse_bytes
from .http import Http, NotFound, OnlineError, Response

#: NCBI asks for at most 200 UIDs per efetch GET; the PMC ID converter takes at most 200 ids.
EFETCH_BATCH = 200
IDCONV_BATCH = 200


def _xml(http: Http, resp: Response, what: str):
    """The XML of *resp*; a cut-off or non-XML body is an error, and is not kept in the cache."""
    try:
        return parse_bytes(resp.body, what)
    except CiteportError as exc:
        http.discard(resp)
        raise OnlineError(f"{what}: malformed answer ({exc.message})") from None


def _refused(http: Http, resp: Response, message: str) -> OnlineError:
    """An E-utilities ``<ERROR>`` answered with status 200: often passing trouble, so not cached."""
    http.discard(resp)
    return OnlineError(message)


def esearch(http: Http, term: str, db: str = "pubmed", retmax: int = 20) -> list[str]:
    """UIDs matching *term* (Entrez query syntax)."""
    resp = http.get("eutils", "esearch.fcgi", {"db": db, "term": term, "retmax": retmax, "retmode": "xml"})
    root = _xml(http, resp, "NCBI esearch")
    if local(root.tag) != "eSearchResult":
        raise _refused(http, resp, f"NCBI esearch: unexpected answer <{local(root.tag)}>")
    error = root.findtext("ERROR")
    if error and not root.findall("IdList/Id"):
        raise _refused(http, resp, f"NCBI esearch: {error.strip()}")
    return [e.text.strip() for e in root.iterfind("IdList/Id") if e.text and e.text.strip()]


def pmids_for_doi(http: Http, doi: str) -> list[str]:
    return esearch(http, f"{doi}[doi]")


def efetch_raw(http: Http, ids: Iterable[str], db: str = "pubmed") -> Iterator[bytes]:
    """efetch XML bodies, one per batch of at most EFETCH_BATCH ids."""
    ids = list(dict.fromkeys(str(i) for i in ids))
    for start in range(0, len(ids), EFETCH_BATCH):
        batch = ids[start:start + EFETCH_BATCH]
        resp = http.get("eutils", "efetch.fcgi", {"db": db, "id": ",".join(batch), "retmode": "xml"})
        root = _xml(http, resp, f"NCBI efetch ({db})")
        tag = local(root.tag)
        if tag in ("eFetchResult", "ERROR"):
            error = root.text if tag == "ERROR" else root.findtext("ERROR")
            raise _refused(http, resp, f"NCBI efetch ({db}): {(error or 'error').strip()}")
        if db == "pubmed" and tag != "PubmedArticleSet":
            raise _refused(http, resp, f"NCBI efetch: expected PubMed XML, got <{tag}>")
        yield resp.body


def efetch_pubmed(http: Http, pmids: Iterable[str]) -> Iterator[Item]:
    """CSL items for *pmids*, read by the pubmed-xml reader (absent PMIDs simply yield nothing)."""
    from .. import api

    for body in efetch_raw(http, pmids, "pubmed"):
        yield from api.read(body, "pubmed-xml")


def efetch_pmc(http: Http, pmcid: str) -> Iterator[Item]:
    """The PMC (JATS) record of *pmcid*, when citeport has a JATS reader."""
    from .. import api

    number = pmcid.upper().removeprefix("PMC")
    for body in efetch_raw(http, [number], "pmc"):
        yield from api.read(body, "jats")


def id_type(ident: str) -> str:
    """The converter's ``idtype`` of an identifier: doi, pmcid, mid (NIHMS...) or pmid."""
    s = ident.strip().lower()
    return "doi" if s.startswith("10.") else "pmcid" if s.startswith("pmc") else \
        "mid" if s.startswith("nihms") else "pmid"


def idconv(http: Http, ids: Iterable[str]) -> list[dict]:
    """PMC ID converter records ({"pmid", "pmcid", "doi", ...}) for DOIs, PMIDs or PMCIDs.

    The converter reads a whole request as one kind of identifier (a PMID among DOIs is refused,
    failing them all), so identifiers are asked in groups of one kind, at most IDCONV_BATCH a request.
    """
    groups: dict[str, list[str]] = {}
    for ident in dict.fromkeys(str(i).strip() for i in ids if str(i).strip()):
        groups.setdefault(id_type(ident), []).append(ident)
    out = []
    for kind, same_kind in groups.items():
        for start in range(0, len(same_kind), IDCONV_BATCH):
            out += _idconv(http, same_kind[start:start + IDCONV_BATCH], kind)
    return out


def _idconv(http: Http, ids: list[str], kind: str) -> list[dict]:
    resp = None
    try:
        resp = http.get("idconv", "", {"ids": ",".join(ids), "idtype": kind, "format": "json"})
        body = resp.body
    except NotFound as exc:  # the converter explains a refused request in a JSON 404
        body = exc.body
        if not body.strip().startswith(b"{"):
            raise
    try:
        data = json.loads(body.decode("utf-8", "replace"))
    except ValueError as exc:
        if resp is not None:
            http.discard(resp)
        raise OnlineError(f"PMC ID converter: malformed answer ({exc})") from None
    if not isinstance(data, dict):
        raise OnlineError("PMC ID converter: malformed answer (not a JSON object)")
    if data.get("status") == "error":
        raise OnlineError(f"PMC ID converter: {unquote(str(data.get('message', 'error')))}")
    records = data.get("records") or []
    return [r for r in records if isinstance(r, dict) and r.get("status") != "error"]
