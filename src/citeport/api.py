"""The public Python API: read, write, render, formats, styles."""
from __future__ import annotations

import io
import logging
from typing import Any, Iterable, Iterator, TextIO

from .formats.registry import REGISTRY, Format
from .model.diagnostics import CiteportError, Context, Diagnostic
from .model.item import Item, UniqueIds, ensure_id, prune, scrub
from .sources import Source, SourceLike


_LOG = logging.getLogger("citeport")
_LOG.addHandler(logging.NullHandler())  # a library prints nothing unless the application sets up logging
_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING}


def _log(diag: Diagnostic) -> None:
    """Where a streaming call's diagnostics go when the caller passed no Context: the ``citeport`` logger.

    Kept in a list they would grow with the file (a loss report a record on a 2 GB baseline file);
    losses and other info go to INFO.
    """
    _LOG.log(_LOG_LEVELS.get(diag.level, logging.INFO), "%s", diag)


class Records(list):
    """A list of CSL-JSON items that also carries what reading them reported.

    ``diagnostics`` lists warnings and errors (missing fields, skipped
    records with their line); ``skipped`` counts the records left out;
    ``format`` is the name of the format that was read.
    """

    diagnostics: list[Diagnostic]
    skipped: int
    format: str | None

    def __init__(self, items: Iterable[Item] = (), diagnostics: list[Diagnostic] | None = None,
                 skipped: int = 0, format: str | None = None):
        super().__init__(items)
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.skipped = skipped
        self.format = format


def detect(source: SourceLike) -> Format:
    """The format of *source*, sniffed from its first bytes (the file extension breaks ties)."""
    src = Source.of(source)
    head = src.head()
    if not head.strip():
        raise CiteportError("empty input, no records", source=src.name)
    fmt, score = REGISTRY.sniff(head, src.name if src.path else None)
    if fmt is None or score < 0.2:
        raise CiteportError("not a recognised bibliographic format (use --from to name one)", source=src.name)
    return fmt


def iter_read(source: SourceLike, format: str | None = None, *, ctx: Context | None = None,
              ids: UniqueIds | None = None, **options: Any) -> Iterator[Item]:
    """Yield CSL-JSON items from *source* as they are parsed (flat memory for large files).

    Diagnostics go to *ctx* (pass your own to see them while streaming; give it a ``sink`` to keep
    memory flat), else to the ``citeport`` logger; pass one *ids*
    (:class:`~citeport.model.item.UniqueIds`) to several calls to keep ids unique across inputs.
    """
    src = Source.of(source)
    fmt = REGISTRY.get(format) if format else detect(src)
    if ctx is None:
        ctx = Context(sink=_log)
    ctx.source = ctx.source or src.name
    ctx.options.update(options)
    if fmt.read is None:
        raise CiteportError(f"format {fmt.name!r} cannot be read, only written", source=src.name)
    unique = ids if ids is not None else UniqueIds()
    clean = fmt.reads_clean_text
    for index, item in enumerate(fmt.read(src, ctx), start=1):
        item = unique(ensure_id(prune(item if clean else scrub(item)), index))
        yield item


def read(source: SourceLike, format: str | None = None, **options: Any) -> Records:
    """Read every record of *source* into CSL-JSON items.

    *source* is a path, ``"-"`` for stdin, a text or binary file object, or
    the text itself.  *format* names the input format (``citeport.formats()``);
    without it the format is sniffed.  Bad records are skipped and reported in
    ``Records.diagnostics``; an unreadable input raises :class:`CiteportError`.

    >>> items = read("TY  - JOUR\\nTI  - A title\\nER  - \\n")  # doctest: +SKIP
    """
    src = Source.of(source)
    ctx = Context(source=src.name)
    fmt = REGISTRY.get(format) if format else detect(src)
    items = list(iter_read(src, fmt.name, ctx=ctx, **options))
    return Records(items, ctx.diagnostics, ctx.skipped, fmt.name)


def write(items: Iterable[Item], format: str, *, out: TextIO | None = None,
          ctx: Context | None = None, **options: Any) -> str:
    """Write *items* in *format*; returns the text (or writes to *out* and returns "").

    Losses (fields the format cannot hold) are reported in *ctx* as
    diagnostics with a ``code`` of ``dropped``/``down-converted``; without a *ctx* they go to the
    ``citeport`` logger (INFO), not into a list that would grow with the stream.
    """
    fmt = REGISTRY.get(format)
    if fmt.write is None:
        raise CiteportError(f"format {fmt.name!r} cannot be written, only read")
    if ctx is None:
        ctx = Context(sink=_log)
    ctx.options.update(options)
    buffer = out if out is not None else io.StringIO()
    if not fmt.writer_scrubs:  # csl-json checks its own output
        items = (scrub(item) for item in items)
    fmt.write(items, buffer, ctx)
    return "" if out is not None else buffer.getvalue()  # type: ignore[union-attr]


def formats() -> list[Format]:
    """Every format known: built-ins and ``citeport.formats`` plugins."""
    return REGISTRY.all()
