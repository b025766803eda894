"""papis importers and exporters backed by citeport (``pip install citeport[papis]``).

papis finds them through the entry points declared in citeport's pyproject.toml:

* importers (``papis.importer``): ``citeport`` sniffs the format of a local file;
  ``citeport-<format>`` reads one named format (``citeport-pubmed-text``, ``citeport-ris``...).
  ``papis add --batch --from citeport page.txt``
* exporters (``papis.exporter``): ``citeport-ris``, ``citeport-bibtex``, ``citeport-jats``,
  ``citeport-csl-json``, ``citeport-nbib``, and ``citeport-text`` / ``citeport-html``, a
  bibliography in the CSL style named by the papis setting ``citeport-style`` (default apa;
  ``citeport-locale`` default en-US).  ``papis export --all --format citeport-ris``

Documents are mapped by :mod:`citeport.integrations.papis_map`.
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable
from urllib.parse import unquote, urlparse

import papis.config
import papis.document
import papis.logging
from papis.importer import Importer

from .. import api
from ..formats.registry import REGISTRY
from ..model.attachments import attachments
from ..model.diagnostics import CiteportError, Context, Diagnostic
from ..model.item import Item
from ..render import render
from .papis_map import to_csl, to_papis

logger = papis.logging.get_logger(__name__)

papis.config.register_default_settings({"settings": {"citeport-style": "apa", "citeport-locale": "en-US"}})

#: Input formats whose importers pyproject.toml declares (entry-point names are static).
PLANNED_IMPORTERS = ("pubmed-text", "medline", "pubmed-xml", "jats", "ris", "bibtex", "csl-json")
#: papis exporter name -> citeport output format, tried in order (the first that exists is used).
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "citeport-ris": ("ris",),
    "citeport-bibtex": ("bibtex",),
    "citeport-jats": ("jats",),
    "citeport-csl-json": ("csl-json",),
    "citeport-nbib": ("nbib", "medline"),
}


def _local_path(uri: str) -> str:
    if uri.startswith("file://"):
        return unquote(urlparse(uri).path)
    return os.path.expanduser(uri)


def _log_diagnostics(diagnostics: list[Diagnostic], where: Any = logger) -> None:
    for d in diagnostics:
        if d.level == "error":
            where.error("%s", d)
        elif d.level == "warning":
            where.warning("%s", d)
        elif d.is_loss:  # a field the target cannot hold: the user must be able to see it
            where.info("%s", d)
        else:
            where.debug("%s", d)


def _local_files(item: Item, base: str) -> list[str]:
    """The item's attachments that are files on this machine (relative ones next to *base*)."""
    found = []
    for entry in attachments(item):
        path = _local_path(entry["path"])
        if "://" in path:
            continue
        path = path if os.path.isabs(path) else os.path.join(os.path.dirname(os.path.abspath(base)), path)
        if os.path.isfile(path):
            found.append(path)
    return found


class CiteportImporter(Importer):
    """citeport: any file citeport can read (PubMed page, MEDLINE, PubMed XML, JATS, RIS, BibTeX, CSL-JSON...)."""

    #: The citeport format this importer reads; None sniffs it from the content.
    format_name: str | None = None

    def __init__(self, uri: str = "", name: str = "", ctx: Any = None) -> None:
        default = f"citeport-{self.format_name}" if self.format_name else "citeport"
        super().__init__(uri=uri, name=name or default, ctx=ctx)

    @classmethod
    def match(cls, uri: str) -> CiteportImporter | None:
        """A local file (path or file:// URI) that citeport can read in this importer's format."""
        path = _local_path(uri)
        if not os.path.isfile(path):
            return None
        try:
            if cls.format_name is None:
                api.detect(path)
            elif not REGISTRY.get(cls.format_name).can_read:
                return None
        except CiteportError as exc:
            logger.warning("citeport cannot read '%s': %s", uri, exc)
            return None
        return cls(uri=path)

    def fetch_data(self) -> None:
        try:
            records = api.read(self.uri, self.format_name)
        except CiteportError as exc:
            self.logger.error("citeport could not read '%s': %s", self.uri, exc)
            return
        _log_diagnostics(records.diagnostics, self.logger)
        if not records:
            self.logger.error("citeport found no record in '%s'.", self.uri)
            return
        if len(records) > 1:
            self.logger.warning("'%s' holds %d records; papis adds one document: the first. "
                                "Split the file to add the others.", self.uri, len(records))
        data = to_papis(records[0])
        if data.get("author_list"):  # follow the user's multiple-authors-format setting
            data["author"] = papis.document.author_list_to_author(data)
        self.ctx.data = data
        # Linked PDFs that exist here: papis copies them when files are wanted (--download-files)
        self.ctx.files = _local_files(records[0], self.uri)


def _class_name(format_name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", format_name) if part) + "Importer"


def importer_for(format_name: str) -> type[CiteportImporter]:
    """The importer class for one citeport input format (made once, kept in this module)."""
    cls_name = _class_name(format_name)
    cls = globals().get(cls_name)
    if cls is None:
        try:
            desc = REGISTRY.get(format_name).description or format_name
        except CiteportError:
            desc = f"{format_name} (not installed in this citeport)"
        cls = type(cls_name, (CiteportImporter,), {
            "format_name": format_name,
            "__doc__": f"citeport: {desc}",
            "__module__": __name__,
        })
        globals()[cls_name] = cls
    return cls


# Importers for the declared names, then for every readable format there is (plugins too).
for _name in PLANNED_IMPORTERS:
    importer_for(_name)
for _fmt in REGISTRY.all():
    if _fmt.can_read:
        importer_for(_fmt.name)


# --- exporters -----------------------------------------------------------------------------------

def documents_to_items(documents: list[Any]) -> list[Item]:
    """CSL items for papis documents, with ids unique within the selection."""
    items: list[Item] = []
    seen: dict[str, int] = {}
    for number, doc in enumerate(documents, start=1):
        data = papis.document.to_dict(doc) if not isinstance(doc, dict) else doc
        item = to_csl(data)
        key = str(item.get("id") or f"item{number}")
        seen[key] = seen.get(key, 0) + 1
        item["id"] = key if seen[key] == 1 else f"{key}-{seen[key]}"
        items.append(item)
    return items


def _export(names: tuple[str, ...], documents: list[Any]) -> str:
    for name in names:
        try:
            fmt = REGISTRY.get(name)
        except CiteportError:
            continue
        ctx = Context(source=f"papis export ({fmt.name})")
        text = api.write(documents_to_items(documents), fmt.name, ctx=ctx)
        _log_diagnostics(ctx.diagnostics)
        return text
    raise CiteportError(f"this citeport has no {names[0]} writer (yet)")


def _make_exporter(papis_name: str, names: tuple[str, ...]) -> Callable[[list[Any]], str]:
    def exporter(documents: list[Any]) -> str:
        return _export(names, documents)

    exporter.__name__ = papis_name.replace("-", "_")
    exporter.__doc__ = f"{papis_name}: the documents as {names[0]}, written by citeport."
    return exporter


ris_exporter = _make_exporter("citeport-ris", EXPORT_FORMATS["citeport-ris"])
bibtex_exporter = _make_exporter("citeport-bibtex", EXPORT_FORMATS["citeport-bibtex"])
jats_exporter = _make_exporter("citeport-jats", EXPORT_FORMATS["citeport-jats"])
csl_json_exporter = _make_exporter("citeport-csl-json", EXPORT_FORMATS["citeport-csl-json"])
nbib_exporter = _make_exporter("citeport-nbib", EXPORT_FORMATS["citeport-nbib"])


def _formatted(documents: list[Any], output: str) -> str:
    style = papis.config.getstring("citeport-style")
    locale = papis.config.getstring("citeport-locale")
    ctx = Context(source=f"papis export ({style})")
    text = render(documents_to_items(documents), style, locale, output, ctx=ctx)
    _log_diagnostics(ctx.diagnostics)
    return text


def text_exporter(documents: list[Any]) -> str:
    """citeport-text: a bibliography as plain text in the style of the setting citeport-style (apa)."""
    return _formatted(documents, "text")


def html_exporter(documents: list[Any]) -> str:
    """citeport-html: a bibliography as HTML in the style of the setting citeport-style (apa)."""
    return _formatted(documents, "html")
