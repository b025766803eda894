"""Cheap text scans that let the BibTeX reader stream: batch boundaries and what must be kept.

The reader hands bibtexparser the file a batch of blocks at a time.  Two things a batch cannot see
are found here beforehand, with regular expressions over the whole text (C speed, no parsing):

* where the last ``@string`` may be: entries wait for it, since every macro of the file resolves
  every entry (an entry may use a macro defined after it);
* which keys are crossref/xdata parents, and where the last entry with each such key may start: a
  parent is kept in memory, and a child waits until its parents can no longer change.

Both are supersets (an ``@string`` or a key in a field value counts too): a wrong guess only keeps
something longer.  A parent reference the scan cannot read for sure (a macro, ``#``, braces inside)
makes :func:`prescan` return None, and the reader then reads the file whole, as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: An "@type{" or "@type(" at the start of a line: bibtexparser's splitter ends any block there
#: (it aborts an unclosed one), so a batch may start at one and see what the whole file would.
BLOCK_AT_LINE_START = re.compile(r"^[^\S\n]*(@\w*[ \t]*[{(])", re.M)
#: Anything the splitter may take for a block start (bibtexparser's own pattern, plus the delimiter).
_BLOCK_START = re.compile(r"@(\w*)[ \t]*([{(])")
#: An entry key: text up to the first unescaped delimiter character, as bibtexparser reads it.
_KEY_BRACE = re.compile(r'(?:[^{}",=]|(?<=\\)[{}",=])*')
_KEY_PAREN = re.compile(r'(?:[^{}",=)]|(?<=\\)[{}",=)])*')
#: "crossref =" or "xdata =" in any case; spelt out so that the scan starts from a character set
#: (several times faster than re.I over a large file).
_PARENT_FIELD = re.compile(r"[cCxX](?:(?<=[cC])[rR][oO][sS][sS][rR][eE][fF]|(?<=[xX])[dD][aA][tT][aA])\s*=\s*")
_STRING_START = re.compile(r"@[sS][tT][rR][iI][nN][gG]\w*[ \t]*[{(]")
_FIELD_END = re.compile(r"\s*[,})]|\s*\Z")
_COMMENT_IN_KEY = re.compile(r"\n[ \t]*%[^\n]*")


@dataclass
class Prescan:
    """What the streaming reader must know about the whole file before it yields anything."""

    #: Offset of the last possible ``@string`` block (-1: none).
    last_string: int = -1
    #: Lower-cased parent key -> offset of the last block that may define it.
    parents: dict[str, int] = field(default_factory=dict)
    #: Parent keys only one block may define, a block at the start of a line (so surely a block):
    #: the reader parses these first, and their children need not wait for them.
    single: dict[str, int] = field(default_factory=dict)


def prescan(text: str) -> Prescan | None:
    """Scan *text* (comment lines not blanked: they only add candidates); None when a parent
    reference is not plain text."""
    wanted: set[str] = set()
    for m in _PARENT_FIELD.finditer(text):
        refs = _plain_refs(text, m.end())
        if refs is None:
            return None
        wanted.update(refs)
    scan = Prescan()
    for m in _STRING_START.finditer(text):
        scan.last_string = m.start()
    for m in _BLOCK_START.finditer(text) if wanted else ():
        if not m.group(1).lower().startswith(("string", "comment", "preamble")):
            key_re = _KEY_PAREN if m.group(2) == "(" else _KEY_BRACE
            key = key_re.match(text, m.end()).group()  # type: ignore[union-attr]
            if "%" in key:  # a comment line inside the key's text: the reader blanks it
                key = _COMMENT_IN_KEY.sub("\n", key)
            key = key.strip().lower()
            if key in wanted:
                if key in scan.parents:
                    scan.single.pop(key, None)
                elif _at_line_start(text, m.start()):
                    scan.single[key] = m.start()
                scan.parents[key] = m.start()
    return scan


def _at_line_start(text: str, at: int) -> bool:
    """Only white space between *at* and the line's start (bibtexparser's test)."""
    return not text[text.rfind("\n", 0, at) + 1:at].strip()


def _plain_refs(text: str, at: int) -> list[str] | None:
    """The keys of a ``crossref = {a, b}`` value starting at *at*, or None if not plain text."""
    opener = text[at:at + 1]
    if opener == "{":
        close = text.find("}", at + 1)
    elif opener == '"':
        close = text.find('"', at + 1)
    else:
        return None  # a macro or a number: only resolving the file tells what it names
    content = text[at + 1:close] if close > 0 else "{"
    if any(c in content for c in '{}"\\%#') or not _FIELD_END.match(text, close + 1):
        return None  # nested braces, escapes, comments or "#" concatenation
    return [r.strip().lower() for r in content.split(",")]


def next_cut(text: str, start: int, size: int) -> int:
    """Where the batch starting at *start* ends: the first line-start block at least *size* on."""
    m = BLOCK_AT_LINE_START.search(text, start + size)
    return m.start(1) if m else len(text)
