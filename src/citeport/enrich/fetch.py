"""Records from identifiers alone: ``citeport fetch pmid:22943560 doi:10.1111/hex.12000``."""
from __future__ import annotations

import re
from typing import Iterable

from ..model.diagnostics import CiteportError, Context
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import Item, label, prune
from .http import Http
from .policy import Enricher

#: Prefixes a user may write before an identifier -> CSL variable.
PREFIXES = {"pmid": "PMID", "pubmed": "PMID", "pmcid": "PMCID", "pmc": "PMCID", "doi": "DOI"}
NORMALIZERS = {"PMID": normalize_pmid, "PMCID": normalize_pmcid, "DOI": normalize_doi}
#: PubMed and PMC page addresses (old and new hosts) -> the identifier they show.
SERVICE_URL = re.compile(r"^https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/|"
                         r"(?:pmc\.)?ncbi\.nlm\.nih\.gov/(?:pmc/)?articles/)(PMC\d+|\d+)/?(?:[?#].*)?$", re.I)


def parse_identifier(text: str) -> tuple[str, str]:
    """'pmid:22943560' -> ('PMID', '22943560'); bare PMCIDs, DOIs, DOI URLs and digits are recognised."""
    s = text.strip()
    url = SERVICE_URL.match(s)
    if url:  # a PubMed or PMC page address names its record
        s = url.group(1)
    m = re.match(r"^([a-z]+):\s*(.+)$", s, re.I)
    if m and m.group(1).lower() in PREFIXES:
        var = PREFIXES[m.group(1).lower()]
        value = NORMALIZERS[var](m.group(2))
    elif re.fullmatch(r"PMC\d+", s, re.I):
        var, value = "PMCID", normalize_pmcid(s)
    elif re.fullmatch(r"\d{1,9}", s):
        var, value = "PMID", normalize_pmid(s)
    else:
        var, value = "DOI", normalize_doi(s)
    if not value or (var == "PMID" and not re.fullmatch(r"\d+", m.group(2).strip() if m else s)):
        raise CiteportError(f"not an identifier: {text!r} (write pmid:N, pmcid:PMCN or doi:10.x/y)")
    return var, value


def fetch(identifiers: Iterable[str], *, http: Http | None = None, ctx: Context | None = None) -> list[Item]:
    """One CSL item per identifier that a service knows; the others are reported in *ctx* and skipped."""
    ctx = ctx or Context(source="fetch")
    stubs = []
    for text in identifiers:
        try:
            var, value = parse_identifier(text)
        except CiteportError as exc:  # one bad identifier must not cost the others their records
            ctx.skip(exc.message, record=text)
            continue
        stubs.append({"id": f"{var.lower()}:{value}", var: value, "custom": {"fetched-as": text}})
    if not stubs:
        return []
    own = http is None
    http = http or Http()
    try:
        from .journals import load

        enricher = Enricher(http, prefer="remote", journals=load())
        out = []
        inner = Context(source="fetch")
        for item in enricher.enrich(stubs, inner):
            asked = item["custom"].pop("fetched-as")
            if not item.get("title") and not item.get("author"):
                offline = any(d.code == "offline" and d.record in (label(item), "", None) for d in inner.diagnostics)
                ctx.skip(f"{asked} not looked up (offline: no cached answer)" if offline
                         else f"no record found for {asked}", record=asked)
                continue
            item.setdefault("type", "article-journal" if item.get("container-title") else "document")
            if item.get("PMID"):
                item["id"] = f"pmid:{item['PMID']}"
            elif item.get("DOI"):
                item["id"] = f"doi:{item['DOI']}"
            out.append(prune(item))
        # Everything in a fetched record is "filled": keep the warnings, not that provenance.
        ctx.diagnostics[:0] = [d for d in inner.diagnostics if not d.is_loss]
        return out
    finally:
        if own:
            http.close()
