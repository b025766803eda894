"""The one CSL shape of a preprint, whatever reader found it (docs/conventions.md, "preprint").

A preprint is CSL ``type: article`` with the server in ``publisher`` and the server's identifier in
``number`` (Zotero's preprint item: repository -> publisher, archiveID -> number).  Readers see it
as a journal article in a "journal" named after the server (PubMed's "bioRxiv : the preprint server
for biology", with the e-location as pages; bioRxiv's own RIS/BibTeX ``JO``/``journal``), which
styles print as "In bioRxiv ... (p. 2023.02.07.527548)".  :func:`preprint_shape` moves those fields;
what the move takes away (the full server title, its abbreviation, a publisher that is not the
server) stays in ``custom["preprint-server"]`` so writers can put it back.
"""
from __future__ import annotations

import re
from typing import Any

from .item import Item

#: Preprint servers, by the lower-case name or abbreviation sources use -> the name they go by.
#: Only these turn a journal article into a preprint by its container alone; any record typed as a
#: preprint (PubMed "Preprint", Crossref's subtype, RIS/BibTeX preprint types) is one whatever its server.
SERVERS: dict[str, str] = {
    "biorxiv": "bioRxiv", "medrxiv": "medRxiv", "arxiv": "arXiv", "arxiv.org": "arXiv",
    "chemrxiv": "ChemRxiv", "psyarxiv": "PsyArXiv", "socarxiv": "SocArXiv", "eartharxiv": "EarthArXiv",
    "engrxiv": "engrXiv", "techrxiv": "TechRxiv", "edarxiv": "EdArXiv", "sportrxiv": "SportRxiv",
    "research square": "Research Square", "res sq": "Research Square", "researchsquare": "Research Square",
    "ssrn": "SSRN", "ssrn electronic journal": "SSRN", "ssrn electron j": "SSRN",
    "preprints.org": "Preprints.org", "preprints": "Preprints.org", "osf preprints": "OSF Preprints",
    "authorea": "Authorea", "authorea preprints": "Authorea", "scielo preprints": "SciELO Preprints",
    "qeios": "Qeios", "peerj preprints": "PeerJ Preprints",
    "biorxiv : the preprint server for biology": "bioRxiv",
    "medrxiv : the preprint server for health sciences": "medRxiv",
    # NASA ADS's journal, DBLP's (arXiv's Computing Research Repository), OpenAlex's source name
    "arxiv e-prints": "arXiv", "corr": "arXiv", "arxiv (cornell university)": "arXiv",
}

#: Genres / publication types that say "preprint" (lower case).
PREPRINT_WORDS = frozenset({"preprint", "preprints", "pre-print", "posted content", "posted-content"})

#: "bioRxiv : the preprint server for biology" -> "bioRxiv": the name before a subtitle.
_SUBTITLE = re.compile(r"\s*:\s+.*$")
#: Google Scholar's "journal": "arXiv preprint arXiv:1706.03762", "bioRxiv preprint" -> server, identifier.
_SAID = re.compile(r"(?P<server>\S+(?:\s\S+)?)\s+(?:preprint|e-prints?)(?:[\s,]+(?:(?P=server)\s*:\s*)?"
                   r"(?P<id>\S+))?", re.I)
#: DBLP's and Semantic Scholar's volume of an arXiv paper in "CoRR"/"ArXiv": "abs/2101.00001".
_ABS_VOLUME = re.compile(r"abs/(\S+)")
#: A page that is a real range or page number, not a server's identifier.
_PAGES = re.compile(r"\d{1,5}(?:\s*[-–]\s*\d{1,5})?")


def server_name(title: str | None) -> str | None:
    """The known server a container title names ("bioRxiv : the preprint ..." -> "bioRxiv"), else None."""
    if not title:
        return None
    key = " ".join(title.split()).lower().rstrip(".")
    said = _SAID.fullmatch(key)
    return (SERVERS.get(key) or SERVERS.get(_SUBTITLE.sub("", key))
            or (SERVERS.get(said.group("server")) if said else None))


def _said_id(title: str | None) -> str | None:
    """The identifier a Google Scholar "journal" carries ("arXiv preprint arXiv:1706.03762" -> "1706.03762")."""
    said = _SAID.fullmatch(" ".join((title or "").split()))
    return said.group("id") if said and server_name(said.group("server")) else None


def _eprint(item: Item, server: str | None) -> str | None:
    """A BibTeX ``eprint`` (kept in custom) that is an identifier on *server*."""
    custom = item.get("custom") or {}
    kind = server_name(str(custom.get("eprinttype") or item.get("archive") or ""))
    return custom.get("eprint") if server and kind == server else None


def is_preprint(item: Item) -> bool:
    """True when *item* says it is a preprint: its type/genre, PubMed's or Crossref's word, or its server."""
    kind = item.get("type")
    if kind not in ("article", "article-journal", "manuscript", "document"):
        return False
    custom = item.get("custom") or {}
    said = [str(p).lower() for p in custom.get("publication-types") or ()]
    said += [str(custom.get("crossref-subtype") or "").lower(), str(item.get("genre") or "").lower()]
    # JATS article-type="preprint" (bioRxiv's, PMC's preprint records), kept by the reader as a tag
    tags = custom.get("tags") if isinstance(custom.get("tags"), dict) else {}
    said += [str(t).lower() for t in tags.get("jats:article-type") or ()]
    if kind != "article-journal" and PREPRINT_WORDS.intersection(said):
        return True
    if not item.get("container-title") and kind != "article-journal" and _eprint(item, server_name(item.get("archive"))):
        return True  # arXiv's own @misc: the server as archivePrefix (CSL archive), its id as eprint
    if kind in ("manuscript", "document"):
        # RIS UNPB/GEN, EndNote "Unpublished Work": a preprint when its publisher is a server
        return not item.get("container-title") and bool(server_name(item.get("publisher")))
    # A journal article whose "journal" is a preprint server (bioRxiv's own RIS/BibTeX exports).
    return bool(server_name(item.get("container-title")) or server_name(item.get("container-title-short")))


def preprint_shape(item: Item) -> Item:
    """*item* in the preprint shape when it is a preprint (in place; returned); anything else unchanged.

    ``container-title``/``-short`` -> ``publisher`` (the server's name) with the titles kept in
    ``custom["preprint-server"]``; a ``page`` that is no page range (the server's identifier, as
    PubMed gives it) -> ``number``.  An item already in the shape is left as it is.
    """
    if not is_preprint(item):
        return item
    item["type"] = "article"
    title, short = item.get("container-title"), item.get("container-title-short")
    # Crossref names a posted-content's server as its "institution", not as a container.
    hosts = [server_name(h) for h in (item.get("custom") or {}).get("institution") or () if isinstance(h, str)]
    host = next((h for h in hosts if h), None) or server_name(item.get("archive"))
    if title or short or host:
        name = server_name(title) or server_name(short) or host or _SUBTITLE.sub("", title or short)
        kept: dict[str, Any] = {}
        if title and title != name:
            kept["title"] = title
        if short and short not in (name, title):
            kept["abbreviation"] = short
        publisher = item.get("publisher")
        if publisher and publisher != name:
            kept["publisher"] = publisher
        item["publisher"] = name
        item.pop("container-title", None)
        item.pop("container-title-short", None)
        if kept:
            custom = item.setdefault("custom", {})
            custom["preprint-server"] = {**kept, **(custom.get("preprint-server") or {})}
    server = server_name(item.get("publisher"))
    if server and server_name(item.get("archive")) == server:
        del item["archive"]  # the server is the publisher now; twice, styles print it twice
    volume = _ABS_VOLUME.fullmatch(str(item.get("volume") or "").strip())
    ident = _said_id(title) or _eprint(item, server) or (volume.group(1) if volume else None)
    if ident and not item.get("number"):
        item["number"] = ident
    if volume and volume.group(1) == item.get("number"):
        del item["volume"]
    page = item.get("page")
    if page and not _PAGES.fullmatch(str(page).strip()):
        if not item.get("number"):
            item["number"] = page
        # ADS gives the id again as pages, with the server's prefix: "arXiv:2101.00001"
        if str(page).split(":")[-1].strip() == item["number"] or item["number"] == page:
            del item["page"]
    return item


def journal_titles(item: Item) -> tuple[str | None, str | None]:
    """(full title, abbreviation) of a preprint's server for writers with journal fields (MEDLINE JT/TA)."""
    kept = (item.get("custom") or {}).get("preprint-server") or {}
    name = item.get("publisher")
    return kept.get("title") or name, kept.get("abbreviation") or name


def in_shape(item: Item) -> bool:
    """True for a preprint in the shape above (server in ``publisher``, no container)."""
    if item.get("type") != "article" or item.get("container-title") or not item.get("publisher"):
        return False
    custom = item.get("custom") or {}
    said = {str(p).lower() for p in custom.get("publication-types") or ()}
    return bool("preprint-server" in custom or server_name(item["publisher"]) or PREPRINT_WORDS & said
                or str(item.get("genre") or "").lower() in PREPRINT_WORDS)


def as_journal(item: Item) -> Item:
    """A copy of a preprint with the server as its journal and its identifier as pages: the form of
    writers whose only place for a server is a journal (MEDLINE JT/TA/PG); *item* itself otherwise."""
    if not in_shape(item):
        return item
    full, abbr = journal_titles(item)
    view = {k: v for k, v in item.items() if k not in ("publisher", "number")}
    view["container-title"], view["container-title-short"] = full, abbr
    if item.get("number") and not item.get("page"):
        view["page"] = item["number"]
    elif item.get("number"):
        view["number"] = item["number"]
    kept = dict((item.get("custom") or {}).get("preprint-server") or {})
    if kept.get("publisher"):
        view["publisher"] = kept["publisher"]
    if "custom" in item:
        view["custom"] = {k: v for k, v in item["custom"].items() if k != "preprint-server"}
    return view
