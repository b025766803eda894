"""Enrichment: complete records from the authoritative sources of their identifiers.

For each record the identifiers it carries (DOI, PMID, PMCID) are completed
through the PMC ID converter (or esearch), then PubMed (efetch), PMC and
Crossref records are fetched.  Their fields fill what the record lacks; a
field the record already has is compared, and a disagreement is reported as a
conflict and kept as it was unless ``prefer="remote"``.  Every filled field is
reported with ``ctx.loss("filled", field, "from ...")`` (``--report`` shows it).

Records are handled in chunks so that the NCBI look-ups are batched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from ..model.dates import first_parts
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import Item, label
from ..model.text import strip_final_period, strip_markup
from . import crossref, ncbi
from .http import CacheMiss, Http, NotFound, OnlineError, Unreachable
from .journals import JournalList, key

CHUNK = ncbi.EFETCH_BATCH

#: Fields never taken from a remote record (the record's own identity, service bookkeeping).
NEVER_FILL = frozenset({"id", "source", "citation-key"})
#: Free-text fields that are filled when missing but never compared (wording differs harmlessly).
FILL_ONLY = frozenset({"abstract", "note", "keyword", "URL", "language", "publisher-place"})


@dataclass
class Layer:
    """One remote record and how to name where it came from."""

    source: str
    item: Item


@dataclass
class _State:
    item: Item
    layers: list[Layer] = field(default_factory=list)

    @property
    def doi(self) -> str | None:
        return normalize_doi(self.item.get("DOI")) or next(
            (normalize_doi(l.item.get("DOI")) for l in self.layers if l.item.get("DOI")), None)

    def _id(self, var: str, norm: Callable[[Any], str | None]) -> str | None:
        for it in (self.item, *(l.item for l in self.layers)):
            if it.get(var) and norm(it[var]):
                return norm(it[var])
        return None

    @property
    def pmid(self) -> str | None:
        return self._id("PMID", normalize_pmid)

    @property
    def pmcid(self) -> str | None:
        return self._id("PMCID", normalize_pmcid)


# -- comparison -----------------------------------------------------------------
def _pages(value: str) -> str:
    """'2310-5' and '2310-2315' compare equal."""
    m = re.fullmatch(r"\s*(\w*?)(\d+)\s*[-\u2013]\s*(\w*?)(\d+)\s*", value)
    if not m:
        return key(value)
    first, last = m.group(2), m.group(4)
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{m.group(1)}{first}-{last}".lower()


def _names_key(names: Any) -> list[str]:
    return [key(n.get("family") or n.get("literal") or "") for n in names or [] if isinstance(n, dict)]


def same(field_name: str, local: Any, remote: Any, journals: JournalList | None = None) -> bool:
    """Do two values of *field_name* say the same thing (case, punctuation, precision aside)?"""
    if isinstance(local, list) and local and isinstance(local[0], dict):
        return _names_key(local) == _names_key(remote)
    if isinstance(local, dict) and "date-parts" in local:
        a, b = first_parts(local), first_parts(remote if isinstance(remote, dict) else None)
        n = min(len(a), len(b))
        return n > 0 and a[:n] == b[:n]
    if isinstance(local, dict) or isinstance(remote, dict):
        return local == remote
    a, b = str(local), str(remote)
    if field_name == "page":
        return _pages(a) == _pages(b)
    if field_name in ("title", "container-title", "container-title-short", "original-title"):
        a, b = strip_final_period(strip_markup(a)), strip_final_period(strip_markup(b))
        ka, kb = key(a), key(b)
        if ka != kb and field_name.startswith("container"):
            # NLM titles carry a subtitle ("Health expectations : an international journal ...")
            short, long = sorted((a.strip(), b.strip()), key=len)
            if short and re.match(re.escape(short) + r"\s*[:(]", long, re.I):
                return True
            if journals:
                ja, jb = journals.find(a), journals.find(b)
                return ja is not None and ja == jb
        return ka == kb
    if field_name == "ISSN":
        return a.replace("-", "").upper() == b.replace("-", "").upper()
    return key(a) == key(b)


# -- merging ------------------------------------------------------------------------
def combine(layers: list[Layer]) -> tuple[Item, dict[str, str]]:
    """One remote record from several, the first source giving a field winning; field -> source."""
    merged: Item = {}
    origin: dict[str, str] = {}
    for layer in layers:
        for name, value in layer.item.items():
            if name in NEVER_FILL or value in (None, "", [], {}):
                continue
            if name == "custom":
                mine = merged.setdefault("custom", {})
                for k, v in value.items():
                    if k not in mine:
                        mine[k] = v
                        origin[f"custom.{k}"] = layer.source
            elif name not in merged:
                merged[name] = value
                origin[name] = layer.source
    return merged, origin


def merge(item: Item, layers: list[Layer], ctx: Context, prefer: str = "local",
          journals: JournalList | None = None, record: str | None = None) -> Item:
    """Fill *item* from *layers*; report each filled field and each conflict."""
    remote, origin = combine(layers)
    record = record or label(item)
    abbreviation_only = bool(item.get("container-title")) and item.get("container-title") == item.get(
        "container-title-short")
    for name, value in remote.items():
        if name == "custom":
            mine = item.setdefault("custom", {})
            for k, v in value.items():
                if k not in mine:
                    mine[k] = v
                    ctx.loss("filled", f"custom.{k}", f"from {origin[f'custom.{k}']}", record=record)
            continue
        local = item.get(name)
        if local in (None, "", [], {}):
            item[name] = value
            ctx.loss("filled", name, f"from {origin[name]}", record=record)
        elif name == "container-title" and abbreviation_only and not same(name, local, value):
            item[name] = value  # conventions: the abbreviation stood in for a missing full title
            ctx.loss("filled", name, f"full title from {origin[name]} (was the abbreviation)", record=record)
        elif name in FILL_ONLY or same(name, local, value, journals):
            continue
        elif name == "ISSN" and any(same(name, local, v) for v in (remote.get("custom") or {}).get("issn", {}).values()):
            continue  # the record names the print ISSN, the service the electronic one
        elif prefer == "remote":
            item[name] = value
            ctx.report("warning", f"{name}: replaced {_show(local)} by {_show(value)} from {origin[name]} "
                       "(--prefer remote)", record=record, code="conflict", field=name)
            ctx.loss("filled", name, f"from {origin[name]}, replacing the record's value", record=record)
        else:
            ctx.report("warning", f"{name}: the record has {_show(local)}, {origin[name]} has {_show(value)}; "
                       "kept the record's (use --prefer remote to take the other)",
                       record=record, code="conflict", field=name)
    return item


def _show(value: Any) -> str:
    if isinstance(value, dict) and "date-parts" in value:
        return "-".join(str(p) for p in first_parts(value))
    if isinstance(value, list):
        text = "; ".join(" ".join(filter(None, (n.get("family") or n.get("literal"), n.get("given"))))
                         for n in value if isinstance(n, dict))
    else:
        text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


# -- the enricher -----------------------------------------------------------------------
class Enricher:
    """Look-ups for a stream of records, sharing one HTTP session and one cache."""

    def __init__(self, http: Http, *, prefer: str = "local", journals: JournalList | None = None,
                 crossref_lookup: bool = True):
        if prefer not in ("local", "remote"):
            raise ValueError("prefer must be 'local' or 'remote'")
        self.http = http
        self.prefer = prefer
        self.journals = journals
        self.crossref_lookup = crossref_lookup

    def enrich(self, items: Iterable[Item], ctx: Context) -> Iterator[Item]:
        it = iter(items)
        while chunk := list(islice(it, CHUNK)):
            yield from self._chunk(chunk, ctx)

    def _try(self, ctx: Context, record: str, what: str, call: Callable[[], Any], missing: str = "warning",
             offline_miss: bool = False) -> Any:
        """Run one look-up; a missing or broken answer is a warning, no network at all is fatal.

        *missing* is the level for "not found" (info when another source already answered); an answer that
        --offline could not take from the cache is raised (*offline_miss*) or reported as not looked up.
        """
        try:
            return call()
        except Unreachable:
            raise
        except CacheMiss:
            if offline_miss:
                raise
            ctx.report("warning", f"{what}: not looked up (offline: no cached answer)", record=record,
                       code="offline")
        except NotFound:
            ctx.report(missing, f"{what}: not found", record=record, code="not-found")  # type: ignore[arg-type]
        except OnlineError as exc:
            ctx.report("warning", f"{what}: {exc.message}", record=record, code="lookup-failed")
        return None

    def _chunk(self, items: list[Item], ctx: Context) -> list[Item]:
        states = [_State(i) for i in items]
        self._convert_ids(states, ctx)
        self._pubmed(states, ctx)
        for st in states:
            rec = label(st.item)
            if st.pmcid and not any(l.source.startswith(("PubMed", "PMC efetch")) for l in st.layers):
                self._pmc(st, ctx, rec)
            if self.crossref_lookup and st.doi:
                self._crossref(st, ctx, rec)
        out = []
        for st in states:
            rec = label(st.item)
            if st.layers:
                merge(st.item, st.layers, ctx, self.prefer, self.journals, rec)
            if self.journals:  # offline too: abbreviation <-> full title from NLM's list
                from .journals import normalize_item

                normalize_item(st.item, self.journals, ctx, rec)
            pmid = normalize_pmid(st.item.get("PMID"))
            if pmid and str(st.item.get("id", "")).startswith("doi:"):
                st.item["id"] = f"pmid:{pmid}"  # conventions: pmid:NNN once a PMID is known
            out.append(st.item)
        return out

    def _convert_ids(self, states: list[_State], ctx: Context) -> None:
        """PMID/PMCID for records that only have a DOI or a PMCID (PMC ID converter, then esearch)."""
        wanted: dict[str, list[_State]] = {}
        for st in states:
            if not st.pmid:
                ident = st.pmcid or st.doi
                if ident:
                    wanted.setdefault(ident.lower(), []).append(st)
        if not wanted:
            return
        by_kind: dict[str, list[str]] = {}
        for ident in wanted:
            by_kind.setdefault(ncbi.id_type(ident), []).append(ident)
        records = []
        for kind, idents in by_kind.items():  # one kind failing (refused, malformed) spares the others
            records += self._try(ctx, "", f"PMC ID converter ({kind})", lambda i=idents: ncbi.idconv(self.http, i)) or []
        for rec in records:
            for ident in (rec.get("doi"), rec.get("pmcid"), rec.get("pmid")):
                for st in wanted.pop(str(ident).lower(), []) if ident else []:
                    layer = {k: v for k, v in (("PMID", normalize_pmid(rec.get("pmid"))),
                                               ("PMCID", normalize_pmcid(rec.get("pmcid"))),
                                               ("DOI", normalize_doi(rec.get("doi")))) if v}
                    st.layers.append(Layer(f"the PMC ID converter ({ident})", layer))
        for ident, sts in wanted.items():  # not in PMC: PubMed may still know the DOI
            for st in sts:
                doi = st.doi
                if not doi:
                    continue
                pmids = self._try(ctx, label(st.item), f"NCBI esearch {doi}[doi]",
                                  lambda d=doi: ncbi.pmids_for_doi(self.http, d)) or []
                if len(pmids) == 1:
                    st.layers.append(Layer(f"NCBI esearch ({doi}[doi])", {"PMID": pmids[0]}))

    def _pubmed(self, states: list[_State], ctx: Context) -> None:
        by_pmid: dict[str, list[_State]] = {}
        for st in states:
            if st.pmid:
                by_pmid.setdefault(st.pmid, []).append(st)
        if not by_pmid:
            return
        try:
            found = self._try(ctx, "", "PubMed efetch", lambda: list(ncbi.efetch_pubmed(self.http, list(by_pmid))),
                              offline_miss=True)
        except CacheMiss:  # --offline and not cached: PubMed was not asked, so nothing is known about the PMIDs
            for pmid, sts in by_pmid.items():
                for st in sts:
                    ctx.report("warning", f"PMID {pmid} not looked up in PubMed (offline: no cached answer)",
                               record=label(st.item), code="offline")
            return
        if found is None:
            return  # the look-up failed (reported by _try): no PMID is known to be missing
        for rec in found:
            pmid = normalize_pmid(rec.get("PMID"))
            for st in by_pmid.pop(pmid or "", []):
                doi, rdoi = st.doi, normalize_doi(rec.get("DOI"))
                if doi and rdoi and doi.lower() != rdoi.lower():
                    ctx.report("warning", f"PubMed record {pmid} has DOI {rdoi}, not {doi}; not used",
                               record=label(st.item), code="conflict", field="DOI")
                    continue
                st.layers.append(Layer(f"PubMed (efetch PMID {pmid})", rec))
        for pmid, sts in by_pmid.items():
            for st in sts:
                ctx.report("warning", f"PubMed has no record for PMID {pmid}", record=label(st.item),
                           code="not-found")

    def _pmc(self, st: _State, ctx: Context, rec: str) -> None:
        from ..formats.registry import REGISTRY

        try:
            REGISTRY.get("jats")
        except Exception:
            return  # no JATS reader: PMC records cannot be read
        pmcid = st.pmcid
        found = self._try(ctx, rec, f"PMC efetch {pmcid}", lambda: list(ncbi.efetch_pmc(self.http, pmcid)))
        if found:
            st.layers.append(Layer(f"PMC (efetch {pmcid})", found[0]))

    def _crossref(self, st: _State, ctx: Context, rec: str) -> None:
        doi = st.doi
        try:
            work = crossref.works(self.http, doi)
            source = f"Crossref (works {doi})"
        except NotFound:
            work = self._try(ctx, rec, f"DOI {doi} (Crossref, DOI resolver)",
                             lambda: crossref.content_negotiation(self.http, doi),
                             missing="info" if st.layers else "warning")
            source = f"the DOI resolver (content negotiation {doi})"
        except Unreachable:
            raise
        except CacheMiss:
            ctx.report("warning", f"Crossref works {doi}: not looked up (offline: no cached answer)", record=rec,
                       code="offline")
            return
        except OnlineError as exc:
            ctx.report("warning", f"Crossref works {doi}: {exc.message}", record=rec, code="lookup-failed")
            return
        if work:
            st.layers.append(Layer(source, work))


def enrich(items: Iterable[Item], ctx: Context, *, http: Http | None = None, prefer: str = "local",
           journals: JournalList | None = None) -> Iterator[Item]:
    """Enrich *items* (a generator); opens an :class:`Http` session from the environment if none is given."""
    from .journals import load

    own = http is None
    http = http or Http()
    try:
        yield from Enricher(http, prefer=prefer, journals=journals or load()).enrich(items, ctx)
    finally:
        if own:
            http.close()
