"""BITS (Book Interchange Tag Suite) documents: a ``<book-part-wrapper>`` (a PMC Bookshelf chapter) or a
``<book>`` -> CSL items, with the JATS reader's helpers (BITS shares JATS's metadata elements).

A wrapper yields one ``chapter`` per top-level ``<book-part>`` that has ``<book-part-meta>`` (the book's
``<book-meta>`` gives container, editors, publisher, ISBN, and the date when the part has none); a wrapper
without such a part, or a ``<book>``, yields the ``book``.
"""
from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from ..model.diagnostics import Context
from ..model.item import Item, set_custom
from ..model.languages import to_bcp47
from ..model.xmlsafe import local
from .jats_read import (
    XML_LANG, _abstracts, _children, _contribs, _dates, _first, _funding, _ids, _keywords, _joined, _pages,
    _permissions, plain, rich,
)

#: Name variables of the book's own contributors, seen from one of its chapters.
BOOK_ROLE_FOR_CHAPTER = {"author": "container-author", "editor": "editor", "translator": "translator"}


def _title(group: etree._Element | None, title_tag: str) -> tuple[str, str]:
    """(``"Title: Subtitle"``, the main title) of a title group."""
    if group is None:
        return "", ""
    title, subtitle = rich(_first(group, title_tag)), rich(_first(group, "subtitle"))
    return (f"{title}: {subtitle}" if title and subtitle else title), title


def _meta_item(meta: etree._Element, ctype: str, id_attr: str, title_group: str, title_tag: str) -> Item:
    """The fields a <book-meta> or <book-part-meta> gives on its own."""
    item: Item = {"type": ctype}
    for bid in _children(meta, id_attr):
        if plain(bid):
            _ids(item, bid.get(f"{id_attr}-type") or "other", plain(bid), bid.get("specific-use") or "")
    full, main = _title(_first(meta, title_group), title_tag)
    if full:
        item["title"] = full
        if main != full:
            item["title-short"] = main
    _contribs(item, meta)
    _dates(item, meta)
    _pages(item, plain(_first(meta, "fpage")), plain(_first(meta, "lpage")), plain(_first(meta, "page-range")),
           plain(_first(meta, "elocation-id")))
    _abstracts(item, meta)
    _keywords(item, meta, meta.get(XML_LANG) or "")
    _permissions(item, meta)
    _funding(item, meta)
    return item


def _book_fields(book_meta: etree._Element, collection: etree._Element | None) -> Item:
    book = _meta_item(book_meta, "book", "book-id", "book-title-group", "book-title")
    pub = _first(book_meta, "publisher")
    if pub is not None and plain(_first(pub, "publisher-name")):
        book["publisher"] = plain(_first(pub, "publisher-name"))
    if pub is not None and plain(_first(pub, "publisher-loc")):
        book["publisher-place"] = _joined(_first(pub, "publisher-loc"))  # type: ignore[arg-type]
    isbns: dict[str, str] = {}
    for e in _children(book_meta, "isbn"):
        kind = (e.get("publication-format") or e.get("pub-type") or "print").lower()
        kind = {"ppub": "print", "epub": "electronic", "online": "electronic"}.get(kind, kind)
        isbns.setdefault(kind, plain(e))  # kept as written, as an article-meta <isbn>
    if isbns:
        book["ISBN"] = isbns.get("print") or next(iter(isbns.values()))
        set_custom(book, "isbn", isbns)
    for tag, var in (("edition", "edition"), ("book-volume-number", "volume")):
        if plain(_first(book_meta, tag)):
            book[var] = plain(_first(book_meta, tag))
    if collection is not None:  # the series (GeneReviews, NCBI's "Methods in Molecular Biology")
        series, _ = _title(_first(collection, "title-group"), "title")
        if series:
            book["collection-title"] = series
        if number := plain(_first(collection, "volume-in-collection")):
            book["collection-number"] = re.sub(r"^\D+", "", number) or number
    return book


def _chapter(part: etree._Element, book: Item) -> Item:
    """A book part with the book around it."""
    meta = _first(part, "book-part-meta")
    item = _meta_item(meta, "chapter", "book-part-id", "title-group", "title")  # type: ignore[arg-type]
    label = plain(_first(_first(meta, "title-group"), "label"))
    if label:
        item["chapter-number"] = re.sub(r"^(chapter|ch\.|part)\s*", "", label, flags=re.I)
    if book.get("title"):
        item["container-title"] = book["title"]
    for role, target in BOOK_ROLE_FOR_CHAPTER.items():
        names = book.get(role)
        if names and not (role == "author" and not item.get("author")):
            item.setdefault(target, names)
        elif names:  # a monograph's chapter without its own authors is by the book's authors
            item["author"] = names
    for var in ("publisher", "publisher-place", "ISBN", "edition", "volume", "collection-title",
                "collection-number", "issued", "language"):
        if var in book:
            item.setdefault(var, book[var])
    custom, book_custom = item.setdefault("custom", {}), book.get("custom", {})
    for key in ("isbn", "license", "copyright"):
        if key in book_custom:
            custom.setdefault(key, book_custom[key])
    book_ids = {k: book[k] for k in ("DOI", "PMID", "PMCID") if k in book}
    for kind, value in book_ids.items():  # the book's own identifiers are not the chapter's
        custom.setdefault("other-ids", {})[f"book-{kind.lower()}"] = value
    for key, value in book_custom.get("other-ids", {}).items():
        custom.setdefault("other-ids", {})[f"book-{key}"] = value
    if part.get("book-part-type"):
        custom.setdefault("tags", {})["jats:book-part-type"] = [part.get("book-part-type")]
    if not custom:
        del item["custom"]
    else:
        item["custom"] = item.pop("custom")
    return item


def book_items(root: etree._Element, ctx: Context) -> Iterator[Item]:
    """The chapter(s) of a <book-part-wrapper>, or the book of a <book>."""
    book_meta = _first(root, "book-meta")
    if book_meta is None:
        ctx.skip(f"BITS <{local(root.tag)}> without <book-meta>", line=root.sourceline)
        return
    book = _book_fields(book_meta, _first(root, "collection-meta"))
    lang = to_bcp47(root.get(XML_LANG))
    if lang:
        book["language"] = lang
    if "custom" in book:  # data without a CSL home goes last, as in the other readers
        book["custom"] = book.pop("custom")
    parts = [p for p in _children(root, "book-part") if _first(p, "book-part-meta") is not None]
    for n, item in enumerate([_chapter(p, book) for p in parts] if local(root.tag) == "book-part-wrapper" and parts
                             else [book], start=1):
        if not item.get("title"):
            ctx.report("warning", "book part has no title", record=f"{local(root.tag)} {n}", line=root.sourceline,
                       code="missing-field", field="title")
        yield item
