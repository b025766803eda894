"""The format registry: built-in formats and plugins under ``citeport.formats``.

A format is a :class:`Format`: a name, aliases, file extensions, and any of
``sniff``, ``read`` and ``write``.  Built-in format modules expose a module-level
``FORMAT`` object (or ``FORMATS``, a tuple, when one module holds several); a plugin publishes a ``Format`` (or a module with ``FORMAT``)
under the entry-point group ``citeport.formats``.  Built-ins use exactly the same
path, so a plugin can do anything a built-in can.

Signatures::

    sniff(head: str) -> float                 # 0.0 (no) .. 1.0 (certain)
    read(source: Source, ctx: Context) -> Iterator[Item]
    write(items: Iterable[Item], out: TextIO, ctx: Context) -> None
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Callable, Iterable, Iterator, TextIO

from ..model.diagnostics import CiteportError, Context
from ..model.item import Item

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "citeport.formats"

#: Built-in format modules, each with a ``FORMAT`` attribute.
BUILTIN_MODULES = (
    "csljson",
    "cslyaml",
    "pubmed_text",
    "medline",
    "pubmed_xml",
    "jats",
    "ris",
    "bibtex",
    "endnote_xml",
)


@dataclass
class Format:
    name: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    sniff: Callable[[str], float] | None = None
    read: Callable[..., Iterator[Item]] | None = None
    write: Callable[..., None] | None = None
    #: Where the format comes from: "built-in" or the distribution of a plugin.
    origin: str = "built-in"
    #: Options the reader/writer understands, name -> help (shown by ``citeport formats``).
    options: dict[str, str] = field(default_factory=dict)

    @property
    def can_read(self) -> bool:
        return self.read is not None

    @property
    def can_write(self) -> bool:
        return self.write is not None


class Registry:
    def __init__(self) -> None:
        self._formats: dict[str, Format] = {}
        self._names: dict[str, str] = {}
        self.problems: list[str] = []
        self._loaded = False

    def add(self, fmt: Format) -> None:
        if not isinstance(fmt, Format):
            raise TypeError(f"not a citeport Format: {fmt!r}")
        key = fmt.name.lower()
        if key in self._formats and self._formats[key].origin != fmt.origin:
            self.problems.append(
                f"format {fmt.name!r} from {fmt.origin} ignored: {self._formats[key].origin} has that name"
            )
            return
        self._formats[key] = fmt
        for alias in (fmt.name, *fmt.aliases):
            self._names.setdefault(alias.lower(), key)

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for modname in BUILTIN_MODULES:
            try:
                module = importlib.import_module(f"{__package__}.{modname}")
            except ModuleNotFoundError as exc:
                if exc.name and exc.name.endswith(modname):
                    continue  # not written yet
                raise
            for fmt in getattr(module, "FORMATS", None) or (module.FORMAT,):
                self.add(fmt)
        self._load_plugins()

    def _load_plugins(self) -> None:
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            origin = f"plugin {ep.dist.name if ep.dist else ep.value}"
            try:
                obj: Any = ep.load()
                fmt = getattr(obj, "FORMAT", obj)
                if callable(fmt) and not isinstance(fmt, Format):
                    fmt = fmt()
                if not isinstance(fmt, Format):
                    raise TypeError("entry point is neither a Format nor a module with FORMAT")
                fmt.origin = origin
                self.add(fmt)
            except Exception as exc:  # a broken plugin must never be fatal
                self.problems.append(f"plugin {ep.name!r} ({ep.value}) skipped: {exc}")
                log.warning("citeport plugin %s skipped: %s", ep.name, exc)

    def all(self) -> list[Format]:
        self._ensure_loaded()
        return sorted(self._formats.values(), key=lambda f: f.name)

    def get(self, name: str) -> Format:
        self._ensure_loaded()
        key = self._names.get(name.lower())
        if key is None:
            known = ", ".join(f.name for f in self.all())
            raise CiteportError(f"unknown format {name!r} (known: {known})")
        return self._formats[key]

    def for_extension(self, filename: str) -> Format | None:
        self._ensure_loaded()
        low = filename.lower()
        if low.endswith(".gz"):
            low = low[:-3]
        for fmt in self._formats.values():
            if any(low.endswith("." + ext.lstrip(".")) for ext in fmt.extensions):
                return fmt
        return None

    def sniff(self, head: str, filename: str | None = None) -> tuple[Format | None, float]:
        """Best reader for content starting with *head*; the extension breaks ties."""
        self._ensure_loaded()
        best: Format | None = None
        best_score = 0.0
        by_ext = self.for_extension(filename) if filename else None
        for fmt in self._formats.values():
            if not (fmt.sniff and fmt.read):
                continue
            try:
                score = float(fmt.sniff(head))
            except Exception as exc:  # a plugin's sniff must not break reading
                self.problems.append(f"format {fmt.name!r}: sniff failed: {exc}")
                continue
            if fmt is by_ext and score > 0:
                score += 0.05
            if score > best_score:
                best, best_score = fmt, score
        return best, best_score


REGISTRY = Registry()


def get_format(name: str) -> Format:
    return REGISTRY.get(name)


def all_formats() -> list[Format]:
    return REGISTRY.all()


def read_items(fmt: Format, source: Any, ctx: Context) -> Iterator[Item]:
    if fmt.read is None:
        raise CiteportError(f"format {fmt.name!r} cannot be read, only written")
    return fmt.read(source, ctx)


def write_items(fmt: Format, items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    if fmt.write is None:
        raise CiteportError(f"format {fmt.name!r} cannot be written, only read")
    fmt.write(items, out, ctx)
