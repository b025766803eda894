"""Every format known, built-ins and plugins: ``citeport.formats()`` returns them as a list of
:class:`~citeport.formats.registry.Format` (sorted by name).

This package holds one module per format; see :mod:`citeport.formats.registry` for the plugin API."""
from .registry import REGISTRY, Format, all_formats, get_format

__all__ = ["REGISTRY", "Format", "all_formats", "get_format"]
