"""One module per format; see :mod:`citeport.formats.registry` for the plugin API."""
from .registry import REGISTRY, Format, all_formats, get_format

__all__ = ["REGISTRY", "Format", "all_formats", "get_format"]
