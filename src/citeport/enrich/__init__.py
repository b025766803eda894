"""Optional online look-ups: NCBI E-utilities, the PMC ID converter, Crossref, NLM's journal list.

Off by default: nothing here runs unless ``--enrich``, ``citeport fetch`` or
``citeport journals update`` is used (or the API below is called).

>>> from citeport.enrich import fetch                       # doctest: +SKIP
>>> items = fetch(["pmid:22943560", "doi:10.1111/hex.12000"])  # doctest: +SKIP
"""
from __future__ import annotations

from .config import Settings
from .fetch import fetch, parse_identifier
from .http import CacheMiss, Http, NotFound, OnlineError, Unreachable
from .policy import Enricher, enrich, merge

__all__ = ["CacheMiss", "Enricher", "Http", "NotFound", "OnlineError", "Settings", "Unreachable",
           "enrich", "fetch", "merge", "parse_identifier"]
