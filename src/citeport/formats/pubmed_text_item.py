"""PubMed record text -> CSL-JSON item: what the pubmed-text reader found in a record, mapped per
docs/conventions.md (journal articles from a citation line, Bookshelf chapters/books from a book line)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import Item, add_note, set_custom
from ..model.languages import to_bcp47
from ..model.names import Name
from . import pubmed_text_parse as P
from .pubmed_common import comment_note, csl_type


@dataclass
class Record:
    line: int
    label: str
    citation: P.Citation | P.BookCitation | None = None
    page_types: list[str] = field(default_factory=list)
    title: str = ""
    translated: bool = False
    authors: list[P.Author] = field(default_factory=list)
    affiliations: dict[int, str] = field(default_factory=dict)
    investigators: list[Name] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    other_abstract: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    copyright: list[str] = field(default_factory=list)
    coi: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    status: list[tuple[str, str]] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    language_note: str = ""
    comments: list[tuple[str, str, str | None]] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)
    substances: list[str] = field(default_factory=list)
    grants: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    databanks: list[str] = field(default_factory=list)
    #: the page showed only part of the author list ("..., et al." / "Show all 45 authors"): the count, or 0
    authors_cut: int | None = None
    #: the page says "[No authors listed]": no author is what PubMed has, not a reading failure
    no_authors: bool = False
    #: PMCIDs after the first (a paper in two PMC collections)
    more_pmcids: list[str] = field(default_factory=list)
    #: the page's "Data availability" section
    data_availability: list[str] = field(default_factory=list)


# -- the item ------------------------------------------------------------------

def unwrap_paragraphs(lines: list[str]) -> list[str]:
    """Lines a printout or a narrow window wrapped, joined back: a line that ends without punctuation
    followed by one that starts in lower case is one sentence ("... pneumonia in" / "children is ...").
    The page itself gives each paragraph its own line, so its paragraphs stay apart."""
    out: list[str] = []
    for line in lines:
        if out and line[:1].islower() and not re.search(r"[.?!:;)\]]$", out[-1]):
            out[-1] += line if re.search(r"[A-Za-z]-$", out[-1]) else " " + line
        else:
            out.append(line)
    return out


def item(rec: Record, ctx: Context) -> Item:
    cit = rec.citation
    item: Item = {}
    pubtypes = list(dict.fromkeys(rec.page_types + rec.publication_types))
    if isinstance(cit, P.Citation) and cit.preprint and "Preprint" not in pubtypes:
        pubtypes.insert(0, "Preprint")
    pmid = normalize_pmid(rec.ids.get("PMID"))
    doi = normalize_doi(rec.ids.get("DOI")) or (cit.doi if isinstance(cit, P.Citation) else None)
    if pmid:
        item["id"] = f"pmid:{pmid}"
    elif doi:
        item["id"] = f"doi:{doi}"
    item["type"] = csl_type(pubtypes)
    item["title"] = rec.title
    if rec.authors:
        item["author"] = [a.name for a in rec.authors]
    if isinstance(cit, P.BookCitation):
        _book_fields(item, rec, cit)
    elif cit is not None:
        _journal_fields(item, cit)
    if doi:
        item["DOI"] = doi
    if pmid:
        item["PMID"] = pmid
    pmcid = normalize_pmcid(rec.ids.get("PMCID"))
    if pmcid:
        item["PMCID"] = pmcid
    if rec.languages:
        lang = to_bcp47(rec.languages[0])
        if lang:
            item["language"] = lang
        if len(rec.languages) > 1 or not lang or rec.language_note:
            add_note(item, f"[Article in {', '.join(rec.languages)}"
                     + (f"; {rec.language_note}]" if rec.language_note else "]"))
    if len(rec.abstract) >= 2 and not rec.copyright and P.is_signless_copyright(rec.abstract[-1]):
        rec.copyright.append(rec.abstract.pop())  # "British Veterinary Association." under the abstract
    if isinstance(cit, P.BookCitation) and rec.abstract and P.parse_series(rec.abstract[0]):
        rec.leftovers.insert(0, rec.abstract.pop(0))  # the series line under a book's authors: no abstract
    if rec.abstract:
        item["abstract"] = "\n".join(unwrap_paragraphs(rec.abstract))
    if rec.keywords:
        item["keyword"] = "; ".join(dict.fromkeys(k for k in rec.keywords if k))
    for reftype, ref, cc_pmid in rec.comments:
        add_note(item, comment_note(reftype, ref, cc_pmid))
    for status_text, _ in rec.status:
        add_note(item, status_text)
    for text in [*(cit.extra if cit else ()), *rec.leftovers]:
        series = P.parse_series(text) if isinstance(cit, P.BookCitation) else None
        if series and "collection-title" not in item:  # a Bookshelf book's "(NICE Guideline, No. 136.)"
            item["collection-title"], item["collection-number"] = series
        else:
            add_note(item, text)
    if rec.data_availability:
        add_note(item, "Data availability: " + " ".join(rec.data_availability))
    _custom(item, rec)
    if rec.authors and rec.authors_cut is not None:
        of = f" of {rec.authors_cut}" if rec.authors_cut > len(rec.authors) else ""
        ctx.report("warning", f"the page shows a shortened author list: {len(rec.authors)}{of} authors kept "
                   "(copy the page with all authors shown, or use the MEDLINE/XML export)",
                   record=_label(item, rec), line=rec.line, code="truncated", field="author")
    if not rec.authors and rec.no_authors:
        ctx.report("info", "PubMed lists no authors: the record comes out without one", record=_label(item, rec),
                   line=rec.line, code="missing-field", field="author")
    elif not item.get("author"):  # a book's corporate author came with its editors
        ctx.report("warning", "no author found: the record comes out without one", record=_label(item, rec),
                   line=rec.line, code="missing-field", field="author")
    if cit is None:
        for var in ("container-title", "issued"):
            ctx.report("warning", f"no citation line: the record comes out without {var}",
                       record=_label(item, rec), line=rec.line, code="missing-field", field=var)
    return item


def _journal_fields(item: Item, cit: P.Citation) -> None:
    """Journal, dates, volume/issue/pages from a journal citation line."""
    item["container-title"] = cit.journal
    item["container-title-short"] = cit.journal
    if cit.ecollection or cit.printed:
        # "2020 Apr 20;5:16. eCollection 2020" / "... Print 2020 Apr 21": the epub date leads the line
        item["issued"] = cit.printed or cit.ecollection
        item["available-date"] = cit.epub or cit.issued
    else:
        if cit.issued:
            item["issued"] = cit.issued
        if cit.epub:
            item["available-date"] = cit.epub
        elif cit.ahead_of_print and cit.issued:
            item["available-date"] = cit.issued
    for key, value in (("volume", cit.volume), ("issue", cit.issue), ("page", cit.page)):
        if value:
            item[key] = value
    if cit.page and not cit.volume and not cit.issue and not re.match(r"^\d+-\d+$", cit.page):
        set_custom(item, "elocation", cit.page)  # "2023 Aug 21:S0264-410X(23)00912-3": an article id, not pages


def _book_fields(item: Item, rec: Record, book: P.BookCitation) -> None:
    """A Bookshelf record: a chapter of *book* (StatPearls, GeneReviews), or the book itself."""
    if not book.book or rec.title.rstrip(".").lower() == book.book.lower():
        item["type"] = "book"
        title, edition = P.split_edition(item["title"])  # a whole book's title line carries its edition
        if edition:
            item["title"], item["edition"] = title, edition
    else:
        item["type"] = "chapter"
        item["container-title"] = book.book
    if book.author:
        item.setdefault("author", [{"literal": book.author}])
    if book.editors:
        item["editor"] = book.editors
    for key, value in (("publisher", book.publisher), ("publisher-place", book.place), ("medium", book.medium),
                       ("edition", book.edition)):
        if value:
            item[key] = value
    if book.issued:
        item["issued"] = book.issued
    # As the pubmed-xml reader keeps ContributionDate: the chapter's own date, and its revision date.
    tags = {f"pubmed-text:{k}": [v] for k, v in (("ContributionDate", book.contribution),
                                                  ("DateRevised", book.revised)) if v}
    if tags:
        item.setdefault("custom", {}).setdefault("tags", {}).update(tags)


def _custom(item: Item, rec: Record) -> None:
    details, unused = _author_details(rec)
    if any(details):
        set_custom(item, "author-details", details)
    set_custom(item, "investigators", rec.investigators)
    set_custom(item, "publication-types", list(dict.fromkeys(rec.page_types + rec.publication_types)))
    set_custom(item, "mesh", rec.mesh)
    set_custom(item, "substances", rec.substances)
    set_custom(item, "grants", rec.grants)
    set_custom(item, "comments-corrections", [
        {k: v for k, v in (("type", t), ("ref", r), ("PMID", p)) if v} for t, r, p in rec.comments])
    set_custom(item, "copyright", " ".join(rec.copyright))
    set_custom(item, "conflict-of-interest", " ".join(rec.coi))
    set_custom(item, "other-abstract", rec.other_abstract)
    set_custom(item, "pmc-release", rec.ids.get("pmc-release"))
    set_custom(item, "mid", rec.ids.get("mid"))
    if isinstance(rec.citation, P.Citation) and rec.citation.pii:
        set_custom(item, "pii", rec.citation.pii)
    if rec.ids.get("bookshelf"):
        item.setdefault("custom", {}).setdefault("other-ids", {})["bookaccession"] = rec.ids["bookshelf"]
    if rec.status:
        set_custom(item, "medline-status", rec.status[-1][1])
    if isinstance(rec.citation, P.Citation) and rec.citation.ahead_of_print:
        set_custom(item, "publication-status", "aheadofprint")
    if rec.translated:
        set_custom(item, "title-translated", True)
    # a DOI beside the record's (a second ELocationID, or a citation line that disagrees with the ids)
    dois = ([rec.citation.doi, *rec.citation.other_dois] if isinstance(rec.citation, P.Citation) else [])
    more_dois = list(dict.fromkeys(d for d in dois if d and d != item.get("DOI")))
    tags = {key: value for key, value in (("pubmed-text:affiliation", unused), ("pubmed-text:Sections", rec.sections),
                                          ("pubmed-text:DOI", more_dois), ("pubmed-text:DataBank", rec.databanks),
                                          ("pubmed-text:PMCID", rec.more_pmcids))
            if value}
    if tags:
        item.setdefault("custom", {}).setdefault("tags", {}).update(tags)


def _author_details(rec: Record) -> tuple[list[dict], list[str]]:
    """Affiliations per author (by marker), and the affiliations no author claims."""
    affs = rec.affiliations
    details: list[dict] = [{} for _ in rec.authors]
    used: set[int] = set()
    if any(a.markers for a in rec.authors):
        for d, a in zip(details, rec.authors):
            found = [affs[m] for m in a.markers if m in affs]
            used.update(m for m in a.markers if m in affs)
            if found:
                d["affiliation"] = found
    elif rec.authors and affs and (len(affs) == 1 or len(rec.authors) == 1):
        # No markers: the old layouts give the (first) author's affiliation alone.
        details[0]["affiliation"] = list(affs.values())
        used.update(affs)
    unused = [v for k, v in affs.items() if k not in used]
    return details, unused


def _label(item: Item, rec: Record) -> str:
    if item.get("PMID"):
        return f"{rec.label} (PMID {item['PMID']})"
    return rec.label
