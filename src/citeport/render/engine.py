"""Loading CSL styles into citeproc-py with citeport's element classes, and rendering.

citeproc-py maps each CSL tag to a class in ``citeproc.model`` (``text`` -> ``Text``).  Here
the same lookup is built from those classes with the named fixes of
:mod:`citeport.render.fixes` mixed in, so a gap is closed in the element that has it.
Parsed styles and their locales are cached per (file, mtime, locale).
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS
from citeproc import model as cmodel
from citeproc.source import CitationItem
from lxml import etree

from ..model.diagnostics import CiteportError, Context
from . import fixes
from . import locales as _locales  # noqa: F401  (registers the locale fixes)
from .outputs import get_formatter
from .source import Source

CSL_NS = "http://purl.org/net/xbiblio/csl"
_LOCK = threading.RLock()


def element_classes() -> dict[str, type]:
    """CSL tag -> element class: citeproc-py's, with the registered fixes mixed in."""
    table = {cls.__name__.replace("_", "-").lower(): cls
             for cls in cmodel.CitationStylesElement.__subclasses__()}
    for tag, base in list(table.items()):
        mixins = fixes.mixins_for(tag)
        if mixins:
            table[tag] = type(base.__name__, (*mixins, base), {"__module__": fixes.__name__})
    return table


@lru_cache(maxsize=1)
def _parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    ns = lookup.get_namespace(CSL_NS)
    ns[None] = cmodel.CitationStylesElement
    ns.update(element_classes())
    # No DTD, no entities, no network: style files come from users.
    parser = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False)
    parser.set_element_class_lookup(lookup)
    return parser


def parse_csl(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise CiteportError(f"not a valid CSL file: {exc}") from None


LOCALE_DIRS = [Path(LOCALES_PATH), Path("/usr/share/citation-style-language/locales")]


@lru_cache(maxsize=64)
def _locale_bytes(lang: str) -> bytes | None:
    for d in LOCALE_DIRS:
        f = d / f"locales-{lang}.xml"
        if f.is_file():
            return f.read_bytes()
    return None


def locale_chain(lang: str) -> list[str]:
    """System locale files to consult, most specific first (CSL 1.0.2 fallback)."""
    out = []
    language = lang.split("-")[0]
    if lang in LANGUAGE_NAMES or _locale_bytes(lang):
        out.append(lang)
    if language in PRIMARY_DIALECTS:
        out.append(PRIMARY_DIALECTS[language])
    out.append("en-US")
    return list(dict.fromkeys(out))


_APOSTROPHE = re.compile(r"(?<=\w)'")


def set_locales(root: Any, lang: str) -> None:
    """Like citeproc-py's ``Style.set_locale_list`` but with locales parsed by our classes."""
    root.locales = []
    language = lang.split("-")[0]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    in_style = root.findall(f"{{{CSL_NS}}}locale")
    for want in (lang, language, None):
        for loc in in_style:
            if loc.get(xml_lang) == want:
                root.locales.append(loc)
    for name in locale_chain(lang):
        data = _locale_bytes(name)
        if data:
            if name == "en-US" and language != "en":  # the fallback, not part of the output locale
                root.citeport_primary = len(root.locales)
            root.locales.append(parse_csl(data))
    root.citeport_lang = lang
    for loc in root.locales:  # "à l'adresse" -> "à l’adresse": citeproc-js typesets term apostrophes
        for el in loc.iter(f"{{{CSL_NS}}}term", f"{{{CSL_NS}}}single", f"{{{CSL_NS}}}multiple"):
            if el.text and "'" in el.text:
                el.text = _APOSTROPHE.sub("\u2019", el.text)
    root.__dict__.setdefault("citeport_primary", len(root.locales))
    for loc in root.locales:
        loc.style = root


@dataclass
class LoadedStyle:
    """A parsed style ready to render, with the metadata of the style the user named."""

    root: Any
    title: str
    locale: str
    path: Path
    parent: Path | None = None

    @property
    def has_bibliography(self) -> bool:
        return self.root.find(f"{{{CSL_NS}}}bibliography") is not None


_PARENT = re.compile(rb'<link[^>]*rel="independent-parent"[^>]*>')
_HREF = re.compile(rb'href="([^"]+)"')


def parent_of(data: bytes) -> str | None:
    """The parent style name of a dependent style (``.../styles/apa`` -> ``apa``)."""
    m = _PARENT.search(data)
    if not m:
        return None
    h = _HREF.search(m.group(0))
    return h.group(1).decode().rstrip("/").rsplit("/", 1)[-1] if h else None


_cache: dict[tuple, LoadedStyle] = {}


def load_style(style: str | os.PathLike, locale: str | None = None,
               extra_dirs: list | None = None) -> LoadedStyle:
    """Parse (or reuse) a style by name, path or XML text; dependent styles use their parent."""
    from .styles import resolve_style, style_title

    if isinstance(style, str) and style.lstrip().startswith("<"):
        data, path, key = style.encode(), Path("<string>"), hash(style)
    else:
        path = resolve_style(style, extra_dirs)
        data, key = None, (str(path), path.stat().st_mtime)
    ck = (key, locale, tuple(extra_dirs or ()))
    with _LOCK:
        if ck in _cache:
            return _cache[ck]
    if data is None:
        data = path.read_bytes()
    title = style_title(path) if path.name != "<string>" else ""
    parent_path = None
    default_locale = _attr(data, b"default-locale")
    seen = {str(path)}
    while (parent := parent_of(data)) is not None:  # dependent: render with the parent's rules
        parent_path = resolve_style(parent, extra_dirs)
        if str(parent_path) in seen:
            raise CiteportError(f"style {style}: dependent style loop at {parent}")
        seen.add(str(parent_path))
        data = parent_path.read_bytes()
        default_locale = default_locale or _attr(data, b"default-locale")
    try:
        root = parse_csl(data)
    except CiteportError as exc:  # say which file: the user may have several styles at hand
        raise CiteportError(f"style {parent_path or style}: {exc}") from None
    if not isinstance(root, cmodel.Style):
        raise CiteportError(f"style {style}: not a CSL style (root element {root.tag})")
    _char_refs(root)
    root.citeport_name = path.stem if path.name != "<string>" else "<inline>"  # named in render warnings
    lang = locale or default_locale or "en-US"
    set_locales(root, lang)
    loaded = LoadedStyle(root, title, lang, path, parent_path)
    with _LOCK:
        if len(_cache) > 32:
            _cache.clear()
        _cache[ck] = loaded
    return loaded


_CHAR_REF = re.compile(r"&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _char_refs(root: Any) -> None:
    """Character references escaped twice in a style (``suffix="&amp;#160;"``) are the character
    to citeproc-js, which unescapes its strings: "In:\u00a0The book", not "In:&#160;The book"."""
    def char(m: re.Match) -> str:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        return chr(code) if 0 < code < 0x110000 else m.group(0)

    for el in root.iter():
        for k, v in el.attrib.items():
            if "&#" in v:
                el.set(k, _CHAR_REF.sub(char, v))
            if k == "sort-separator" and "  " in v:  # citeproc-js prints one space: "Said  EW" -> "Said EW"
                el.set(k, re.sub(r"\s{2,}", " ", v))


def _attr(data: bytes, name: bytes) -> str | None:
    m = re.search(rb"<style\b[^>]*?\s" + name + rb'="([^"]+)"', data)
    return m.group(1).decode() if m else None


class Bibliography:
    """citeproc-py's ``CitationStylesBibliography`` for a loaded style and a :class:`Source`."""

    def __init__(self, style: LoadedStyle, source: Source, fmt: Any, ctx: Context | None):
        self.style, self.source, self.formatter, self.ctx = style, source, fmt, ctx
        style.root.formatter = fmt
        style.root.ctx = ctx
        self.keys: list[str] = []
        self.items: list = []
        self.numbers: dict[str, int] = {}

    def register(self, citation: Any) -> None:
        citation.bibliography = self
        for item in citation.cites:
            if item.key in self.source and item.key not in self.numbers:
                self.keys.append(item.key)
                self.items.append(item)
                self.numbers[item.key] = len(self.keys)


class Cite(CitationItem):
    """A cited item; ``number`` is looked up, not searched (citeproc-py scans a list)."""

    def __init__(self, key: str, **args: Any):
        extra = {k: args.pop(k) for k in ("suppress_author", "author_only", "label", "position")
                 if k in args}
        super().__init__(key, **args)
        for k, v in extra.items():
            dict.__setitem__(self, k, v)

    @property
    def reference(self) -> Any:
        ref = self.__dict__.get("_ref")
        if ref is None:
            ref = self.__dict__["_ref"] = self.bibliography.source[self.key]
        return ref

    @property
    def number(self) -> int:
        return self.bibliography.numbers.get(self.key, 0)


@dataclass
class CiteRef:
    """One item of a citation cluster, as the API and CLI give it."""

    id: str
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    author_only: bool = False
    note: int | None = None  # footnote number of the cluster (first-reference-note-number)


class Processor:
    """Render bibliographies and citation clusters in one style and output format."""

    def __init__(self, style: str | os.PathLike, locale: str | None = None, output: str = "text",
                 ctx: Context | None = None, extra_dirs: list | None = None):
        self.style = load_style(style, locale, extra_dirs)
        self.fmt = get_formatter(output)
        self.ctx = ctx

    def _prepare(self, items: Iterable[dict], clusters: list[list[CiteRef]] | None = None):
        from citeproc import Citation, Locator

        root = self.style.root
        root.formatter = self.fmt
        quotes = (str(root.get_single_term("open-quote")) or "\u201c",
                  str(root.get_single_term("close-quote")) or "\u201d")
        source = Source(items, self.fmt, self.ctx, quotes)
        bib = Bibliography(self.style, source, self.fmt, self.ctx)
        citations = []
        if clusters is None:
            clusters = [[CiteRef(k)] for k in source.order]
        for cluster in clusters:
            cites = []
            for ref in cluster:
                args: dict[str, Any] = {}
                if ref.locator:
                    args["locator"] = Locator(ref.label or "page", ref.locator)
                if ref.prefix:
                    args["prefix"] = ref.prefix
                if ref.suffix:
                    args["suffix"] = ref.suffix
                key = str(ref.id).lower()
                if key not in source and self.ctx:
                    self.ctx.report("warning", f"cited item {ref.id!r} is not in the input", code="render")
                cites.append(Cite(key, suppress_author=ref.suppress_author,
                                  author_only=ref.author_only, **args))
            citations.append(Citation(cites))
        for c in citations:
            bib.register(c)
        for key in source.order:  # uncited items still belong in the bibliography
            if key not in bib.numbers:
                c = Citation([Cite(key)])
                bib.register(c)
        root = self.style.root
        if root.bibliography is not None:
            bib.items = root.bibliography.sort(bib.items)
            bib.keys = [i.key for i in bib.items]
            bib.numbers = {k: n for n, k in enumerate(bib.keys, 1)}
        fixes.disambiguate(self.style.root, bib, citations)
        return bib, citations

    def bibliography(self, items: Iterable[dict]) -> list[str]:
        """Formatted bibliography entries (without the list wrapper)."""
        return [e for _k, e in self.entries(items)]

    def entries(self, items: Iterable[dict]) -> list[tuple[str, str]]:
        """(item id, formatted entry) in bibliography order."""
        with _LOCK:
            bib, _ = self._prepare(items)
            root = self.style.root
            if root.bibliography is None:
                if self.ctx:
                    self.ctx.report("warning", "style has no bibliography; printing citations", code="render")
                return [(c.cites[0].key, str(root.citation.render(c, [], _missing))) for c in _singles(bib)]
            rendered = root.bibliography.render(bib.items)
            return [(i.key, str(e)) for i, e in zip(bib.items, rendered) if e is not None]

    def citations(self, items: Iterable[dict], clusters: list[list[CiteRef]] | None = None) -> list[str]:
        """One formatted in-text citation per cluster (each item alone when *clusters* is None)."""
        with _LOCK:
            bib, citations = self._prepare(items, clusters)
            done: list = []
            out = []
            first_note: dict[str, int] = {}
            notes = [next((r.note for r in cl if r.note is not None), None) for cl in clusters] \
                if clusters else [None] * len(citations)
            for c, note in zip(citations, notes):
                _first_reference_notes(c, note, first_note, bib.source)
                text = self.style.root.citation.render(c, done, _missing)
                out.append(str(text) if text is not None else "")
            return out


def _first_reference_notes(citation: Any, note: int | None, first: dict, source: Any) -> None:
    """``first-reference-note-number``: the note of the first cluster that cited the item, set
    for later cites only (CSL 1.0.2)."""
    for cite in citation.cites:
        if cite.key not in source:
            continue
        ref = source[cite.key]
        if cite.key in first:
            ref["first_reference_note_number"] = str(first[cite.key])
        else:
            ref.pop("first_reference_note_number", None)
            if note is not None:
                first[cite.key] = note


def _missing(item: Any) -> str:
    return f"{item.key}?"


def _singles(bib: Bibliography) -> list:
    from citeproc import Citation

    out = []
    for item in bib.items:
        c = Citation([Cite(item.key)])
        c.bibliography = bib
        out.append(c)
    return out
