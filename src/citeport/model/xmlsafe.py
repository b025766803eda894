"""XML parsing that cannot be turned against the user.

Every XML reader in citeport parses through these helpers: no DTD loading,
no entity expansion, no network, no huge-tree tricks.  An input that declares
entities (XXE, billion laughs) gets a clear error instead of being expanded.
"""
from __future__ import annotations

from typing import IO, Iterator

from lxml import etree

from .diagnostics import CiteportError


def safe_parser(**kwargs) -> etree.XMLParser:
    """An lxml parser with DTD loading, entity resolution and network access off."""
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
        huge_tree=False, remove_comments=False, **kwargs,
    )


def parse_bytes(data: bytes, name: str = "<input>") -> etree._Element:
    """Parse a whole document; raises CiteportError naming the line on malformed XML."""
    reject_entity_declarations(data[:65536], name)
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise CiteportError(f"malformed XML: {exc.msg}", source=name, line=exc.lineno) from None


def reject_entity_declarations(head: bytes, name: str) -> None:
    """Refuse documents whose internal DTD subset declares entities (XXE / billion laughs).

    Real bibliographic XML never needs them; refusing is clearer than silently
    leaving references unexpanded.
    """
    if b"<!ENTITY" in head or b"<!entity" in head:
        raise CiteportError("XML declares entities (<!ENTITY>); refused for safety (XXE / entity expansion)",
                            source=name)


def reject_late_entities(el: etree._Element, name: str) -> None:
    """:func:`reject_entity_declarations` for a DOCTYPE past the checked head (after a long comment):
    called on the first parsed element, it refuses the entities the parser saw but did not expand."""
    dtd = el.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise CiteportError("XML declares entities (<!ENTITY>); refused for safety (XXE / entity expansion)",
                            source=name)


def safe_iterparse(stream: IO[bytes], tags: tuple[str, ...] | None = None, events=("end",)) -> Iterator:
    """``lxml.etree.iterparse`` with the same protections as :func:`safe_parser`."""
    return etree.iterparse(
        stream, events=events, tag=tags, resolve_entities=False, load_dtd=False,
        no_network=True, huge_tree=False, recover=False,
    )


class NulFilter:
    """A binary stream with NUL bytes taken out (a damaged copy of a UTF-8 export: XML forbids the
    byte, and one would end the parse and lose every record after it).  ``first_line`` is the line
    of the first NUL, ``removed`` how many there were.  Not for UTF-16 input, whose text is half NULs."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.removed = 0
        self.first_line: int | None = None
        self._lines = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if b"\x00" in data:
            if self.first_line is None:
                self.first_line = self._lines + data.count(b"\n", 0, data.index(b"\x00")) + 1
            self.removed += data.count(b"\x00")
            data = data.replace(b"\x00", b"")
        self._lines += data.count(b"\n")
        return data

    def close(self) -> None:
        self.raw.close()


def local(tag: object) -> str:
    """Tag name without namespace ('{ns}title' -> 'title'); comments give ''."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
