"""Citation clusters from the command line: ``--cite "id1,id2:p. 5;id3"`` and JSON files."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

from ..model.diagnostics import CiteportError
from .engine import CiteRef

#: Locator label words people type -> CSL locator labels.
LABELS = {"p": "page", "pp": "page", "page": "page", "pages": "page", "ch": "chapter", "chap": "chapter",
          "chapter": "chapter", "fig": "figure", "figure": "figure", "sec": "section", "section": "section",
          "vol": "volume", "volume": "volume", "para": "paragraph", "paragraph": "paragraph",
          "l": "line", "line": "line", "n": "note", "note": "note", "tab": "table", "table": "table",
          "col": "column", "no": "issue", "§": "section", "art": "article", "bk": "book", "pt": "part"}
_LOC = re.compile(r"^\s*([^\d\s.]+)\.?\s*(.+)$")


def parse_locator(text: str) -> tuple[str, str]:
    """``"p. 5"`` -> ``("page", "5")``; a bare number is a page."""
    m = _LOC.match(text)
    if m and m.group(1).lower() in LABELS:
        return LABELS[m.group(1).lower()], m.group(2).strip()
    return "page", text.strip()


def _split_id(part: str, ids: set[str] | None) -> tuple[str, str]:
    """``"pmid:123:p. 5"`` -> ``("pmid:123", "p. 5")``: ids may hold colons (citeport's own
    ``pmid:…``, ``doi:…``), so with the known *ids* (lower case) the longest id that matches wins;
    without them, or when none matches, the first colon starts the locator."""
    if ids:
        cuts = [len(part)] + [i for i in range(len(part) - 1, 0, -1) if part[i] == ":"]
        for cut in cuts:
            if part[:cut].strip().lstrip("-").lower() in ids:
                return part[:cut], part[cut + 1:]
    cid, _, loc = part.partition(":")
    return cid, loc


def parse_cluster(spec: str, ids: Iterable[str] | None = None) -> list[CiteRef]:
    """``"id1,id2:p. 5;id3"``: items separated by ``;`` or ``,`` (an id with ``:`` takes a locator);
    a leading ``-`` suppresses the author.  *ids*, the input's item ids, let an id contain ``:``."""
    known = {str(i).lower() for i in ids} if ids is not None else None
    refs: list[CiteRef] = []
    for part in re.split(r"[;,]", spec):
        part = part.strip()
        if not part:
            continue
        if ":" not in part and refs and refs[-1].locator and re.fullmatch(r"[\divxlcIVXLC\u2013-]+", part):
            refs[-1].locator += ", " + part  # "p. 5, 7": a list of locators
            continue
        cid, loc = _split_id(part, known)
        cid = cid.strip()
        ref = CiteRef(cid.lstrip("-"), suppress_author=cid.startswith("-"))
        if loc.strip():
            ref.label, ref.locator = parse_locator(loc)
        refs.append(ref)
    return refs


def parse_cite_args(cites: list[str] | None, path: str | None,
                    ids: Iterable[str] | None = None) -> list[list[CiteRef]]:
    """Clusters from ``--cite`` strings and a ``--cites-file`` (*ids*: see :func:`parse_cluster`)."""
    ids = list(ids) if ids is not None else None
    clusters = [parse_cluster(c, ids) for c in cites or []]
    if path:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CiteportError(f"{path}: cannot read citation clusters: {exc}") from None
        if not isinstance(data, list):  # silently printing the bibliography instead would mislead
            raise CiteportError(f"{path}: not a JSON list of citation clusters "
                                '([[{"id": ..., "locator": ...}], ...])')
        for n, cluster in enumerate(data, 1):
            note = None
            if isinstance(cluster, dict):  # citeproc-js shape: {"citationItems": [...], "properties": {"noteIndex": 3}}
                note = (cluster.get("properties") or {}).get("noteIndex") or None
                cluster = cluster.get("citationItems") or []
            refs = []
            for c in cluster:
                if isinstance(c, str):
                    refs.append(CiteRef(c))
                elif isinstance(c, dict) and c.get("id") is not None:
                    refs.append(CiteRef(str(c["id"]), c.get("locator"), c.get("label") or "page",
                                        c.get("prefix") or "", c.get("suffix") or "",
                                        bool(c.get("suppress-author")), bool(c.get("author-only")),
                                        note if isinstance(note, int) else None))
                else:
                    raise CiteportError(f"{path}: cluster {n}: each item needs an \"id\"")
            clusters.append(refs)
    return clusters
