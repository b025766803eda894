"""Linked files (PDFs, supplements) a record points to, kept in ``custom.attachments``.

CSL has no variable for them, yet every reference manager exports them: BibTeX ``file`` (JabRef,
Zotero, Mendeley, Better BibTeX), RIS ``L1``, EndNote XML ``<pdf-urls>``.  One shape in the middle
lets a Zotero BibTeX export become an EndNote file with its PDFs still linked:

    {"path": "files/12/Smith 2020.pdf", "description": "Full Text PDF", "file-type": "application/pdf"}

Only ``path`` is required.  A path is kept as written (relative, absolute, ``file://`` or ``http``):
resolving it is the importing tool's business, and citeport never opens it.
"""
from __future__ import annotations

import re
from .item import Item

Attachment = dict[str, str]

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def attachments(item: Item) -> list[Attachment]:
    """The item's attachments (an empty list when it has none)."""
    found = (item.get("custom") or {}).get("attachments")
    return [a for a in found if isinstance(a, dict) and a.get("path")] if isinstance(found, list) else []


def add_attachments(item: Item, found: list[Attachment]) -> None:
    """Append *found* to the item's attachments, skipping a path it already has."""
    if not found:
        return
    kept = item.setdefault("custom", {}).setdefault("attachments", [])
    have = {a.get("path") for a in kept if isinstance(a, dict)}
    for a in found:
        if a.get("path") and a["path"] not in have:
            kept.append(a)
            have.add(a["path"])


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split at *sep* where no backslash escapes it (JabRef and Zotero write ``\\:`` ``\\;`` ``\\\\``)."""
    parts, cur, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            cur.append(text[i:i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _unescape_path(value: str) -> str:
    """Undo the escapes reference managers put in BibTeX paths: ``\\:`` ``\\;`` ``\\\\`` (JabRef,
    Zotero), Mendeley's ``$\\backslash$`` and LaTeX specials (``\\_``, ``\\~{}``)."""
    v = value.replace("$\\backslash$", "\\")
    v = re.sub(r"\\([~^])\{\}", r"\1", v)
    return re.sub(r"\\([\\:;{}#$%&_])", r"\1", v)


def parse_bibtex_file_field(raw: str) -> list[Attachment]:
    """Attachments from a BibTeX ``file`` field as its raw (unescaped-by-nobody) text.

    Forms: ``desc:path:type`` entries separated by ``;`` (JabRef, Zotero, Mendeley, whose Windows
    paths escape the drive colon), or bare paths separated by ``;`` (Better BibTeX)."""
    out: list[Attachment] = []
    text = raw.strip().replace("$\\backslash$", "\\")
    for entry in _split_unescaped(text, ";"):
        entry = entry.strip()
        if not entry:
            continue
        parts = _split_unescaped(entry, ":")
        if _URL.match(entry) or len(parts) < 3 or (len(parts) == 2 and len(parts[0]) == 1):
            a: Attachment = {"path": _unescape_path(entry)}
        else:
            a = {"path": _unescape_path(":".join(parts[1:-1]))}
            if parts[0].strip():
                a["description"] = _unescape_path(parts[0].strip())
            if parts[-1].strip():
                a["file-type"] = _unescape_path(parts[-1].strip())
        if a["path"]:
            out.append(a)
    return out


def _escape_part(value: str) -> str:
    return re.sub(r"([\\:;{}])", r"\\\1", value)


def bibtex_file_field(found: list[Attachment]) -> str:
    """The ``file`` field JabRef and Zotero read: ``desc:path:type`` entries joined by ``;``."""
    return ";".join(f"{_escape_part(a.get('description', ''))}:{_escape_part(a['path'])}:"
                    f"{_escape_part(a.get('file-type', ''))}" for a in found)


def plain_paths(found: list[Attachment]) -> list[str]:
    """Just the paths (RIS L1, EndNote XML pdf-urls), for formats that hold nothing else."""
    return [a["path"] for a in found]


def extras_lost(found: list[Attachment]) -> list[str]:
    """Which parts of *found* a paths-only format drops (for the loss report)."""
    return sorted({k for a in found for k in a if k != "path"})

