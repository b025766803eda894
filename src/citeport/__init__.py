"""citeport: bibliographic records in, correct citations and clean files out.

Every record becomes a CSL-JSON item (a ``dict``); readers produce items,
writers and the citation renderer consume them::

    import citeport
    items = citeport.read("page.txt")            # sniffed: PubMed page text
    print(citeport.write(items, "ris"))
    print(citeport.render(items, "apa"))
"""
from .api import Records, detect, formats, iter_read, read, write
from .model.diagnostics import CiteportError, Context, Diagnostic
from .model.item import Item
from .render import CiteRef, render, styles

__version__ = "0.1.0"

__all__ = [
    "CiteRef", "CiteportError", "Context", "Diagnostic", "Item", "Records", "detect", "formats",
    "iter_read", "read", "render", "styles", "write", "__version__",
]
