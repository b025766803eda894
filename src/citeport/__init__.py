"""citeport: bibliographic records in, correct citations and clean files out.

Every record becomes a CSL-JSON item (a ``dict``); readers produce items,
writers and the citation renderer consume them::

    import citeport
    items = citeport.read("page.txt")            # sniffed: PubMed page text
    print(citeport.write(items, "ris"))
    print(citeport.render(items, "apa"))
"""
import types
from typing import TYPE_CHECKING

from . import api as _api
from . import formats as _formats_package
from .api import Records, detect, iter_read, read, write
from .formats.registry import Format
from .model.diagnostics import CiteportError, Context, Diagnostic
from .model.item import Item
from .render import CiteRef, styles
from .api import render  # noqa: E402  (after .render: citeport.render is this function)


class _FormatsPackage(types.ModuleType):
    """``citeport.formats`` is the package of format modules (``citeport.formats.registry``...)
    and, called, the function :func:`citeport.api.formats`: a plain function of that name would
    hide the package, and ``import citeport.formats.registry as reg`` would fail."""

    def __call__(self) -> list[Format]:
        return _api.formats()


_formats_package.__class__ = _FormatsPackage
if TYPE_CHECKING:
    from .api import formats
else:
    formats = _formats_package

__version__ = "0.1.0"

__all__ = [
    "CiteRef", "CiteportError", "Context", "Diagnostic", "Format", "Item", "Records", "detect", "formats",
    "iter_read", "read", "render", "styles", "write", "__version__",
]
