"""JATS (NISO Z39.96) article XML: read ``<article-meta>`` (and ``<ref-list>``), write a ``<ref-list>``.

The mapping tables live here, shared by both directions; the reader is
:mod:`.jats_read`, the writer :mod:`.jats_write`.

Options (``ctx.options``):

* reader ``refs``: ``True`` yields the article and then every reference of its
  ``<ref-list>`` as separate records; ``"only"`` yields just the references.
* writer ``wrap``: ``True`` emits a whole minimal JATS 1.2 ``<article>`` (with
  DOCTYPE) holding the ``<ref-list>``, instead of the bare ``<ref-list>``.
"""
from __future__ import annotations

import re

from .registry import Format

#: JATS ``article-type`` -> CSL type.  Anything else is a journal article.
ARTICLE_TYPE_TO_CSL: dict[str, str] = {
    "book-review": "review-book",
    "product-review": "review",
    "dissertation": "thesis",
    "meeting-report": "paper-conference",
    "preprint": "article",
    "data-paper": "article-journal",
    "news": "article-journal",
}
DEFAULT_ARTICLE_TYPE = "article-journal"

#: ``publication-type`` / ``citation-type`` of a reference -> CSL type.  A CSL
#: type name used as publication-type (what the writer emits when JATS has no
#: word for it) maps to itself.
PUBLICATION_TYPE_TO_CSL: dict[str, str] = {
    "journal": "article-journal",
    "book": "book",
    "bookchapter": "chapter",
    "book-chapter": "chapter",
    "chapter": "chapter",
    "confproc": "paper-conference",
    "conference": "paper-conference",
    "conf-proc": "paper-conference",
    "thesis": "thesis",
    "dissertation": "thesis",
    "report": "report",
    "gov": "report",
    "government": "report",
    "patent": "patent",
    "webpage": "webpage",
    "web": "webpage",
    "website": "webpage",
    "blog": "post-weblog",
    "data": "dataset",
    "dataset": "dataset",
    "database": "dataset",
    "software": "software",
    "computer-program": "software",
    "program": "software",
    "preprint": "article",
    "working-paper": "report",
    "newspaper": "article-newspaper",
    "magazine": "article-magazine",
    "standard": "standard",
    "std": "standard",
    "commun": "personal_communication",
    "communication": "personal_communication",
    "discussion": "post",
    "list": "post",
    "other": "document",
}
DEFAULT_PUBLICATION_TYPE = "document"

#: CSL type -> JATS ``publication-type`` for the writer.  CSL types missing here
#: are written under their own name (the attribute is CDATA), so nothing is lost.
CSL_TO_PUBLICATION_TYPE: dict[str, str] = {
    "article-journal": "journal",
    "article": "preprint",
    "article-magazine": "magazine",
    "article-newspaper": "newspaper",
    "book": "book",
    "chapter": "book",  # with <chapter-title>, which the reader turns back into a chapter
    "paper-conference": "confproc",
    "thesis": "thesis",
    "report": "report",
    "patent": "patent",
    "webpage": "webpage",
    "post-weblog": "blog",
    "dataset": "data",
    "software": "software",
    "standard": "standard",
    "document": "other",
}

#: ``person-group-type`` / ``contrib-type`` -> CSL name variable.  A CSL name
#: variable used as person-group-type maps to itself; anything else is a contributor.
PERSON_GROUP_TO_CSL: dict[str, str] = {
    "author": "author",
    "allauthors": "author",
    "inventor": "author",
    "editor": "editor",
    "guest-editor": "editor",
    "series-editor": "collection-editor",
    "translator": "translator",
    "transed": "translator",
    "compiler": "compiler",
    "curator": "curator",
    "director": "director",
    "assignee": "contributor",
}
#: CSL name variable -> person-group-type (the writer); others keep their CSL name.
CSL_TO_PERSON_GROUP: dict[str, str] = {
    "author": "author", "editor": "editor", "translator": "translator", "compiler": "compiler",
    "curator": "curator", "director": "director",
}

#: ``article-id``/``pub-id`` type -> where the reader puts it (CSL variable or ``custom.<key>``).
ARTICLE_ID_TO_CSL: dict[str, str] = {
    "doi": "DOI",
    "pmid": "PMID",
    "pmc": "PMCID",
    "pmcid": "PMCID",
    "pmc-uid": "PMCID",
    "publisher-id": "custom.other-ids.publisher-id",
    "pii": "custom.pii",
    "manuscript": "custom.mid",
    "arxiv": "custom.other-ids.arxiv",
    "isbn": "ISBN",
}
#: The writer's ``pub-id-type`` for each identifier variable.
CSL_TO_PUB_ID: dict[str, str] = {"DOI": "doi", "PMID": "pmid", "PMCID": "pmcid"}

#: ``related-article-type`` -> the ``custom.comments-corrections`` type (PubMed's RefType words).
RELATED_ARTICLE_TO_CC: dict[str, str] = {
    "corrected-article": "ErratumFor",
    "correction-forward": "ErratumIn",
    "retracted-article": "RetractionOf",
    "retraction-forward": "RetractionIn",
    "commentary-article": "CommentOn",
    "commentary": "CommentIn",
    "companion": "CommentOn",
    "addended-article": "UpdateOf",
    "object-of-concern": "ExpressionOfConcernFor",
    "republished-article": "RepublishedFrom",
}

#: JATS inline formatting -> CSL rich-text tag (and back, for the writer).
INLINE_TO_CSL: dict[str, tuple[str, str]] = {
    "italic": ("<i>", "</i>"),
    "bold": ("<b>", "</b>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>"),
}

#: Plain CSL string variables with no JATS element: the writer keeps them in
#: ``<comment content-type="VAR">`` and the reader reads them back from there.
#: (``abstract`` and ``keyword`` are not citation content: reported as dropped.)
COMMENT_VARIABLES = frozenset((
    "number", "genre", "medium", "archive", "archive_location", "archive-place", "call-number",
    "status", "title-short", "container-title-short", "collection-number", "number-of-volumes",
    "chapter-number", "section", "dimensions", "scale", "source", "references", "annote",
    "authority", "jurisdiction", "original-title", "original-publisher", "original-publisher-place",
    "reviewed-title", "part", "part-title", "printing", "volume-title", "event", "division",
    "citation-label", "year-suffix", "page-first",
))


def sniff(head: str) -> float:
    """JATS articles, PMC efetch sets, BITS books and book parts, and bare ref-lists."""
    s = head.lstrip("\ufeff \t\r\n")
    if not s.startswith("<"):
        return 0.0
    probe = s[:20000]
    if "<pmc-articleset" in probe or re.search(r"//DTD (JATS|Journal (Archiving|Publishing)|BITS)|JATS-\w+\.dtd", probe):
        return 0.95
    if re.search(r"<book-part-wrapper[\s>]", probe) or (re.search(r"<book[\s>]", probe) and "<book-meta" in probe):
        return 0.9
    if re.search(r"<article[\s>]", probe) and ("<front" in probe or "<article-meta" in probe):
        return 0.9
    if re.search(r"<ref-list[\s>]", probe) and re.search(r"<(element|mixed)-citation[\s>]", probe):
        return 0.8
    return 0.0


def _read(source, ctx):
    from .jats_read import read

    return read(source, ctx)


def _write(items, out, ctx):
    from .jats_write import write

    return write(items, out, ctx)


FORMAT = Format(
    name="jats",
    description="JATS article XML (PMC .nxml, publishers); writes a JATS 1.2 <ref-list>",
    aliases=("jats-xml", "nxml", "pmc-xml"),
    extensions=("nxml",),
    sniff=sniff,
    read=_read,
    write=_write,
    options={
        "refs": "read: also yield each <ref-list> reference as a record (True), or only those ('only')",
        "wrap": "write: a whole minimal JATS 1.2 <article> holding the <ref-list> (default: the bare <ref-list>)",
    },
)
