"""The format registry: built-in formats and plugins under ``citeport.formats``.

A format is a :class:`Format`: a name, aliases, file extensions, and any of
``sniff``, ``read`` and ``write``.  Built-in format modules expose a module-level
``FORMAT`` object (or ``FORMATS``, a tuple, when one module holds several); a plugin
publishes, under the entry-point group ``citeport.formats``, a ``Format``, a tuple of
them, a module with ``FORMAT``/``FORMATS`` or a function returning any of these.  Both go
through :meth:`Registry.add`, so a plugin can do anything a built-in can.  A plugin that
fails to load, or that declares no usable format, is skipped and listed in
``REGISTRY.problems`` (``citeport formats`` prints them); a plugin's reader or writer
that raises is reported as a one-line :class:`CiteportError` naming the plugin.

Signatures::

    sniff(head: str) -> float                 # 0.0 (no) .. 1.0 (certain)
    read(source: Source, ctx: Context) -> Iterator[Item]
    write(items: Iterable[Item], out: TextIO, ctx: Context) -> None
"""
from __future__ import annotations

import dataclasses
import importlib
import logging
import threading
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
    "pubmed_csv",
    "wos",
)


@dataclass
class Format:
    """One format: what built-in modules and plugins declare (see the module docstring).

    ``name`` is what ``--from``/``--to`` and the API take (``aliases`` too, case-insensitive);
    ``extensions`` (without the dot) break sniffing ties; ``sniff(head) -> 0.0..1.0``,
    ``read(source, ctx)`` (a generator of items) and ``write(items, out, ctx)`` may each be
    None (a read-only or write-only format; at least one of read/write is needed).
    """

    name: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    sniff: Callable[[str], float] | None = None
    read: Callable[..., Iterator[Item]] | None = None
    write: Callable[..., None] | None = None
    #: Where the format comes from: "built-in" or the distribution of a plugin.
    origin: str = "built-in"
    #: Options the reader/writer understands, name -> help: keyword arguments of
    #: ``citeport.read``/``iter_read``/``write``, which the format finds in ``ctx.options``.
    options: dict[str, str] = field(default_factory=dict)
    #: The reader cannot yield control characters (an XML 1.0 parser refuses them), so
    #: ``api.iter_read`` does not look for them.
    reads_clean_text: bool = False
    #: The writer removes control characters itself, so ``api.write`` does not first.
    writer_scrubs: bool = False

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
        self._loading = False
        # Loading imports modules and plugins: a second thread must wait for it, not see a
        # half-filled registry ("unknown format 'ris'").  Re-entrant, so that a plugin that
        # looks a format up while it is imported gets the formats loaded so far.
        self._lock = threading.RLock()

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
        with self._lock:
            if self._loaded or self._loading:
                return
            self._loading = True
            try:
                self._load_all()
            finally:
                self._loading = False
                self._loaded = True

    def _load_all(self) -> None:
        for modname in BUILTIN_MODULES:
            try:
                module = importlib.import_module(f"{__package__}.{modname}")
            except Exception as exc:  # one broken module must not take every format down
                self._broken(f"built-in format module {modname!r} skipped: {type(exc).__name__}: {exc}")
                continue
            found = _formats_of(module)
            if not found:
                self._broken(f"built-in format module {modname!r} has no FORMAT or FORMATS")
            for fmt in found:
                self.add(fmt)
        self._load_plugins()

    def _broken(self, message: str) -> None:
        self.problems.append(message)
        log.warning("citeport: %s", message)

    def _broken_once(self, message: str) -> None:
        """:meth:`_broken` for a problem met on every sniff: reported once, not once per file."""
        if message not in self.problems:
            self._broken(message)

    def _load_plugins(self) -> None:
        try:
            eps = list(metadata.entry_points(group=ENTRY_POINT_GROUP))
        except Exception as exc:  # a corrupt installed distribution
            self._broken(f"could not list {ENTRY_POINT_GROUP} plugins: {exc}")
            return
        for ep in eps:
            origin = plugin_origin(ep)
            try:
                found = _formats_of(ep.load())
                if not found:
                    raise TypeError("entry point is neither a Format, a sequence of them, "
                                    "a module with FORMAT/FORMATS nor a function returning one")
                for fmt in found:
                    check_format(fmt)
            except (Exception, SystemExit) as exc:  # a broken plugin must never be fatal
                self._broken(f"plugin {ep.name!r} ({ep.value}, {origin}) skipped: "
                             f"{type(exc).__name__}: {exc}")
                continue
            for fmt in found:
                self.add(_guarded(fmt, origin))

    def all(self) -> list[Format]:
        self._ensure_loaded()
        return sorted(self._formats.values(), key=lambda f: f.name)

    def get(self, name: str) -> Format:
        self._ensure_loaded()
        key = self._names.get(name.lower())
        if key is None:
            known = ", ".join(f.name for f in self.all())
            # A format from a plugin that failed to load is "unknown": say why, not only that.
            failed = [p for p in self.problems if f"{name.lower()!r}" in p.lower()] or (
                [f"{len(self.problems)} plugin problem(s); 'citeport formats' lists them"] if self.problems else [])
            why = f"; {'; '.join(failed)}" if failed else ""
            raise CiteportError(f"unknown format {name!r} (known: {known}){why}")
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
                self._broken_once(f"format {fmt.name!r}: sniff failed: {type(exc).__name__}: {exc}")
                continue
            if not 0.0 <= score <= 1.0:  # the contract says 0..1: a sniff of 7 must not claim every file
                self._broken_once(f"format {fmt.name!r}: sniff gave {score!r}, outside 0..1; counted as "
                                  f"{min(max(score, 0.0), 1.0) if score == score else 0.0}")
                score = min(max(score, 0.0), 1.0) if score == score else 0.0  # NaN counts as no
            if fmt is by_ext and score > 0:
                score += 0.05
            if score > best_score:
                best, best_score = fmt, score
        return best, best_score


def plugin_origin(ep: metadata.EntryPoint) -> str:
    """``"plugin <distribution> <version>"``: what ``citeport formats`` shows for a plugin."""
    dist = getattr(ep, "dist", None)
    if dist is not None:
        return f"plugin {dist.name} {dist.version}"
    return f"plugin {ep.value.split(':')[0]}"


def _formats_of(obj: Any) -> list[Format]:
    """The formats an entry point or built-in module offers (see the module docstring)."""
    if isinstance(obj, Format):
        return [obj]
    if isinstance(obj, (list, tuple)):
        return [f for f in obj if isinstance(f, Format)] if all(isinstance(f, Format) for f in obj) else []
    several = getattr(obj, "FORMATS", None)
    if several is not None:
        return _formats_of(tuple(several))
    single = getattr(obj, "FORMAT", None)
    if single is not None:
        return _formats_of(single)
    if callable(obj) and not isinstance(obj, type):
        return _formats_of(obj())  # a factory function
    return []


def check_format(fmt: Format) -> None:
    """Raise TypeError when *fmt* cannot work, so a plugin fails at load time, not mid-read."""
    if not isinstance(fmt.name, str) or not fmt.name.strip():
        raise TypeError(f"format without a name: {fmt!r}")
    if fmt.read is None and fmt.write is None:
        raise TypeError(f"format {fmt.name!r} has neither read nor write")
    for part in ("sniff", "read", "write"):
        value = getattr(fmt, part)
        if value is not None and not callable(value):
            raise TypeError(f"format {fmt.name!r}: {part} is not callable")
    if isinstance(fmt.aliases, str) or isinstance(fmt.extensions, str):
        raise TypeError(f"format {fmt.name!r}: aliases and extensions must be tuples, not strings")


def _guarded(fmt: Format, origin: str) -> Format:
    """A copy of a plugin's *fmt* with its origin set and its unexpected exceptions turned
    into a :class:`CiteportError` naming the plugin (a one-line message, not a traceback)."""

    def failure(what: str, exc: Exception) -> CiteportError:
        return CiteportError(f"format {fmt.name!r} ({origin}) failed to {what}: {type(exc).__name__}: {exc}")

    read, write = fmt.read, fmt.write

    def guarded_read(source: Any, ctx: Context) -> Iterator[Item]:
        try:
            yield from read(source, ctx)  # type: ignore[misc]
        except (CiteportError, BrokenPipeError):  # a closed pipe (`| head`) is no plugin failure
            raise
        except Exception as exc:
            raise failure("read", exc) from exc

    def guarded_write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
        try:
            write(items, out, ctx)  # type: ignore[misc]
        except (CiteportError, BrokenPipeError):  # a closed pipe (`| head`) is no plugin failure
            raise
        except Exception as exc:
            raise failure("write", exc) from exc

    return dataclasses.replace(fmt, origin=origin, read=guarded_read if read else None,
                               write=guarded_write if write else None)

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
