"""PubMed records as text: pages copied from a browser and the "Abstract (text)" export.

Three layouts share one record parser:

* the legacy abstract page (www.ncbi.nlm.nih.gov/pubmed, until 2020): citation line, title, "Owens J1."
  authors, "Author information", abstract, keywords, "PMID: ..." and UI noise around it;
* the current page (pubmed.ncbi.nlm.nih.gov): publication type, a citation line often split over lines
  ("Health Expect\\n. 2015 Feb;..."), title, "John Owens 1" authors, "Affiliations", ids, "Abstract",
  "Keywords:", then sections quoting other records (Similar articles, Cited by, References) and
  sections about this one (Publication types, MeSH terms, ...);
* the export: numbered records ("1. Health Expect. 2015 ...") of blank-line separated, wrapped blocks.

Several pages pasted into one file are cut apart first (:mod:`pubmed_text_split`); Bookshelf records
("StatPearls [Internet]. Treasure Island (FL): ...") are read as chapters or books.  Each record is cut
into *units* (a page line, or an export block joined up), then one pass over the units fills a
:class:`pubmed_text_item.Record`, which becomes a CSL-JSON item (docs/conventions.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..model.diagnostics import Context
from ..model.item import Item
from ..model.languages import to_bcp47, to_iso639_2
from ..sources import Source
from . import pubmed_text_cite as C
from . import pubmed_text_parse as P
from . import pubmed_text_paste as T
from . import pubmed_text_split as S
from . import pubmed_text_unwrap as U
from .pubmed_text_item import Record as _Record, item as _item
from .registry import Format

#: Headings over the abstract (a Bookshelf chapter has an "Excerpt").
ABSTRACT_HEADINGS = frozenset(("abstract", "excerpt", "summary", "english abstract"))
#: Headings that introduce the authors' affiliations.
AFFILIATION_HEADINGS = frozenset(("author information", "affiliations", "affiliation", "author affiliations",
                                  # the current page's link row when the record also lists collaborators
                                  "collaborators, affiliations", "affiliations, collaborators"))
_RECORD_START = S.RECORD_START
#: Headings only a PubMed page has (lower case, no colon), for sniffing a page without a citation line.
_PAGE_FURNITURE = frozenset(("affiliations", "author information", "pubmed disclaimer", "skip to main page content",
                             "an official website of the united states government", "send to", "full text links",
                             "similar articles", "cited by", "mesh terms", "publication types", "page navigation",
                             "linkout - more resources", "supplemental content", "pubmed commons home"))
_COLLAB_HEADING = re.compile(r"^(?:Collaborators|Investigators)(?:\s*\(\d+\))?:?$", re.I)
#: a notice where the abstract would be ("Abstract available in Japanese from the publisher."): a note
_ABSTRACT_NOTICE = re.compile(r"^\[?Abstract available (?:in|from) [^\]]{2,80}\]?\.?$", re.I)
#: the current page's language switch over an abstract given in several languages ("in English, Spanish")
_ABSTRACT_LANGS = re.compile(r"^in ([A-Z][a-z]+(?:(?:,\s*|\s+and\s+)[A-Z][a-z]+)*)\.?$")
#: "ATLAS-AF Investigators: Sarah Adams, ..." under the current page's "Collaborators": group, then members
_GROUP_PREFIX = re.compile(r"^[^:,;]{2,200}:\s*")
#: an author list the page shortened: "..., Andrew J S Coats 6 , et al." / "Show all 10 authors"
_AUTHORS_CUT = re.compile(r"(?:\bet al\.?|\bshow all (\d+) authors)\s*$", re.I)
#: a rule a user typed or Word drew between pasted pages
_SEPARATOR = re.compile(r"^[-=_~*#+.\u2013\u2014\u2500\u2501\u2550 ]{3,}$")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
#: the page's "Cite" dialog (copied with the page): its heading, then its buttons and format chooser
_CITE_DIALOG = re.compile(r"^(?:format:.*|copy|download \.nbib.*|ama|apa|mla|nlm)$", re.I)
#: an "Associated data" entry: bank name / accession, as MEDLINE's SI writes it
_DATABANK = re.compile(r"^[A-Za-z][\w .&-]{1,60}/\S{2,120}$")
#: a Bookshelf byline or source quoted as a citation: "In: Adam MP, ..., editors."
_IN_PREFIX = re.compile(r"^In:\s*")
_BOOK_EDITORS = re.compile(r"^(.{2,2000}?),\s*editors?\.?$")
#: trailing-section headings that are also section titles of a Bookshelf chapter ("Sections" list)
_CHAPTER_SECTIONS = frozenset(("references", "figures", "supplementary info"))
_INLINE_HEADING = re.compile(r"^(Author information|Collaborators|Conflict of interest statement|Publisher|"
                             r"Affiliations?|Investigators)\s*:\s*(.*)$", re.I)
#: reader view runs the affiliations into their heading: "Affiliations 1 Institute ...", "Author information 1Dept"
_GLUED_HEADING = re.compile(r"^(Author information|Affiliations?)\s*(\d.*)$", re.I)
#: keywords run into the abstract's last paragraph (reader view): "... in older adults. Keywords: aging; cohort."
_KEYWORDS_INSIDE = re.compile(r"(?<=[.?!])\s+(?=(?:Key\s*words?)\s*:\s*\S)", re.I)
#: what a reader view prints between its title and the page: the site, the reading time
_READER_FURNITURE = re.compile(r"^(?:[\w-]+\.)+(?:gov|org|com)$|^\d+(?:\s*[-\u2013]\s*\d+)?\s+min(?:ute)?s?$", re.I)


@dataclass
class _Unit:
    """A line of a page, or a paragraph of an export record."""

    text: str
    line: int
    block: int  # units of one export block share this number


# -- sniffing -------------------------------------------------------------------

_EDITED_BOOK = re.compile(r"^In:\s.{2,2000}?,\s*editors?\.\s")


def sniff(head: str) -> float:
    """Score PubMed page text / export: a citation line, helped by PMID lines and page furniture."""
    lines = [P.clean_line(ln) for ln in U.unwrap(T.unpaste(head.lstrip("\ufeff").splitlines()[:400]))]
    nonblank = [ln for ln in lines if ln]
    if not nonblank:
        return 0.0
    first = _RECORD_START.match(nonblank[0])
    if first and _citation_at(nonblank, 0, strip_number=True):
        return 0.95
    cited = any(_citation_at(nonblank, i) for i in range(min(len(nonblank), 200)))
    if not cited and _summaries(_without_cite_dialog(lines[:60])):
        return 0.85  # the "Summary (text)" export, or NLM citations from the page's "Cite" button
    if not cited and C.dialog_citations(lines[:60]):  # the "Cite" dialog in APA/MLA; without it, citations
        return 0.85 if C.has_dialog_chrome(lines) else 0.5  # that other readers may know better
    if not cited:  # a Bookshelf record's page: "StatPearls [Internet]. Treasure Island (FL): ..."
        # ... or a printed book's chapter: "In: Kufe DW, ..., editors. Holland-Frei Cancer Medicine. 6th edition. ..."
        cited = any(("[Internet]" in ln or _EDITED_BOOK.match(ln)) and P.parse_book_citation(ln)
                    for ln in nonblank[:200])
    if not cited:
        # A page copied without its citation line: its PMID line and the page's own headings.
        furniture = sum(1 for ln in nonblank if ln.lower().rstrip(":") in _PAGE_FURNITURE)
        # a selection from the title to the abstract's end: "Affiliations" and "Abstract" are all it has
        furniture += any(ln.lower().rstrip(":") in ABSTRACT_HEADINGS for ln in nonblank[:80])
        return 0.6 if furniture >= 2 and re.search(r"^PMID:\s*\d+", "\n".join(nonblank), re.M) else 0.0
    text = "\n".join(nonblank[:400])
    score = 0.4
    if re.search(r"^(?:Bookshelf ID:\s*NBK\d+\s+)?PMID:\s*\d+", text, re.M):
        score += 0.4
    if re.search(r"^(Author information|Affiliations?|Abstract|Send to:?|PubMed Commons|Keywords:)\s*$|"
                 r"\[PubMed[^\]]*\]|PMCID:\s*PMC\d+", text, re.M | re.I):
        score += 0.15
    return min(score, 0.9)


def _citation_at(lines: list[str], i: int, strip_number: bool = False) -> P.Citation | None:
    text = lines[i]
    if strip_number:
        m = _RECORD_START.match(text)
        if not m:
            return None
        text = m.group(2)
    if i + 1 < len(lines) and S.SPLIT_CITATION.match(lines[i + 1]):
        text += (" " if lines[i + 1].startswith("[") else "") + lines[i + 1]  # the current page splits "Health Expect" / ". 2015 Feb;18(1):22-31."
    return P.parse_citation(text)


# -- reading ----------------------------------------------------------------------

def read(source: Source, ctx: Context) -> Iterator[Item]:
    """Yield one item per PubMed record in *source* (page text, pasted pages, or "Abstract (text)" export).

    A page pasted twice in a row (the copy made twice, or selected twice) is one record: a record equal in
    every field to the one just before it is left out, with a warning.  (A list pasted twice keeps its
    records: the same record further away may be meant, as a user's own list can hold it twice.)"""
    last = None
    for number, it in enumerate(_read_all(source, ctx), 1):
        key = repr(sorted(it.items()))
        if key == last:
            ctx.report("warning", f"the same record again (a page pasted twice?): record {number} repeats "
                       f"record {number - 1}, left out", record=f"record {number}", code="duplicate")
            continue
        last = key
        yield it


def _read_all(source: Source, ctx: Context) -> Iterator[Item]:
    # Notes apps and Word's soft line break save lines with U+2028 / vertical tab, not "\n"
    raw = _LINE_BREAKS.sub("\n", source.text())
    # a page printed to text repeats the browser's header and footer on every sheet: not record text
    # quoted in an e-mail, dumped by lynx, machine-translated: undone first (pubmed_text_paste); then the
    # lines a narrow window wrapped are re-joined (pubmed_text_unwrap)
    cleaned = (P.clean_line(ln) for ln in U.unwrap(T.unpaste(raw.split("\n"))) if not P.is_print_furniture(ln))
    # a rule typed between pasted pages ("=====") is a blank line, not a bullet or record text
    lines = ["" if _SEPARATOR.match(ln) else P.drop_toggle(P.strip_bullet(ln)) for ln in cleaned]
    lines = _without_leading_neighbours(lines)
    records = list(S.export_records(lines))
    if records:
        previous = None
        for number, start, rec_lines in records:
            label = f"record {number}"
            if previous is not None and number > previous + 1:  # "2." then "7.": two saves, or a cut
                ctx.report("warning", f"the numbering jumps from {previous} to {number} (line {start}): records "
                           "may be missing", record=label, line=start, code="truncated")
            previous = number
            yield from _read_record(rec_lines, start, label, ctx, export=True)
            if not any(_EXPORT_PMID.match(ln) for ln in rec_lines):
                # every record of PubMed's export ends with its "PMID:" line (a pasted page need not)
                ctx.report("warning", f"{label} (line {start}) ends without its PMID line: the file may be cut",
                           record=label, line=start, code="truncated")
        return
    cited = C.dialog_citations(lines)
    if cited:
        yield from _read_cite_dialog(cited, ctx)
        return
    summaries = _search_results(lines) or _summaries(_without_cite_dialog(lines))
    if summaries:
        yield from _read_summaries(summaries, ctx)
        return
    starts = S.page_starts(lines)
    if not starts:
        yield from _read_uncited(lines, ctx)
        return
    begins = [0] + [S.segment_begin(lines, s, starts[k]) for k, s in enumerate(starts[1:])]
    for k, (begin, start) in enumerate(zip(begins, starts)):
        end = begins[k + 1] if k + 1 < len(begins) else len(lines)
        yield from _read_record(lines[begin:end], begin + 1, f"record {k + 1}", ctx, export=False,
                                start=start - begin)


def _read_record(lines: list[str], first_line: int, label: str, ctx: Context, *, export: bool,
                 start: int = 0) -> Iterator[Item]:
    found = _export_citation(lines) if export else S.citation_block(lines, start)
    if found is None:
        ctx.skip("not a PubMed record: no citation line ('Journal. Year;Volume(Issue):Pages' or "
                 "'Book [Internet]. Place: Publisher; Year.') in the first block", record=label, line=first_line)
        return
    cit, body_start = found
    cit_start = start if not export else S.first_nonblank(lines)
    rec = _Record(line=first_line + cit_start, label=label, citation=cit)
    if not export:
        rec.page_types = _page_types(lines, cit_start)
    units = _units(lines, body_start, first_line, export)
    title = None if export else _reader_title(lines, cit_start, units)
    if title is not None:
        units.insert(0, _Unit(lines[title], first_line + title, -1))
    _fill(rec, units, export)
    if not export and first_line == 1:  # the user's own words typed above the first page: a note
        rec.leftovers[:0] = _notes_above(_links_above(rec, lines[:cit_start]), title)
    if not rec.title:
        ctx.skip("not a PubMed record: no title after the citation line", record=label, line=rec.line)
        return
    yield _item(rec, ctx)


def _reader_title(lines: list[str], cit_start: int, units: list[_Unit]) -> int | None:
    """A reader view (Firefox/Safari) shows the page's title as its own header, above the citation line, and
    drops it from the page: the byline follows the citation.  The index of that header line, or None."""
    if len(units) < 2 or not P.looks_like_authors(units[0].text, single_needs_marker=True):
        return None
    nxt = units[1].text
    if not (nxt.lower().rstrip(":") in AFFILIATION_HEADINGS or _GLUED_HEADING.match(nxt)
            or _INLINE_HEADING.match(nxt) or P.is_id_line(nxt)):
        return None
    for k in range(cit_start - 1, -1, -1):
        line = lines[k]
        if not line or _READER_FURNITURE.match(line) or P.is_noise(line):
            continue
        lines[k] = re.sub(r"\s+[-|\u2013]\s+PubMed$", "", line)  # the browser tab's "Title - PubMed"
        title = lines[k]
        if (title.lower().rstrip(".") in P.PAGE_PUBLICATION_TYPES or P.looks_like_authors(title)
                or len(title.split()) < 3):
            return None
        return k
    return None


def _read_uncited(lines: list[str], ctx: Context) -> Iterator[Item]:
    """A page copied without its citation line: read it when a title and an identifier are there."""
    has_id = any(P.is_id_line(ln) and P.parse_ids(ln) for ln in lines)
    title = S.title_without_citation(lines) if has_id else None
    if title is None:
        ctx.skip("not a PubMed record: no citation line ('Journal. Year;Volume(Issue):Pages') and no title "
                 "with a PMID/DOI line", record="record 1", line=max(S.first_nonblank(lines), 0) + 1)
        return
    book = _title_first_book(lines, title)
    rec = _Record(line=title + 1, label="record 1", citation=book[0] if book else None)
    rec.page_types = _page_types(lines, title)
    units = _units(lines, title, 1, False)
    if book:  # the title, then what follows the imprint
        units = [units[0]] + [u for u in units if u.line > book[1] + 1]
    _fill(rec, units, False)
    if not (rec.ids.get("PMID") or rec.ids.get("DOI")) or not (rec.authors or rec.affiliations or rec.abstract):
        ctx.skip("not a PubMed record: no citation line, and no authors or abstract with the PMID/DOI",
                 record="record 1", line=rec.line)
        return
    yield _item(rec, ctx)


def _title_first_book(lines: list[str], title: int) -> tuple[P.BookCitation, int] | None:
    """A legacy whole book's page that starts at its title: "Clinical Methods. 3rd edition." / "Walker HK, ...,
    editors." / "Boston: Butterworths; 1990." on a page with a Bookshelf ID.  Its citation and the imprint's
    line index, or None."""
    if not any(re.search(r"\bBookshelf ID:\s*NBK\d+", ln) for ln in lines):
        return None
    after = [k for k in range(title + 1, min(len(lines), title + 6)) if lines[k]][:2]
    for editors, imprint in ((None, after[0] if after else None), tuple(after) if len(after) == 2 else (None, None)):
        if imprint is not None:
            cit = P.parse_title_first_book(lines[editors] if editors is not None else "", lines[imprint])
            if cit:
                return cit, imprint
    return None


def _links_above(rec: _Record, lines: list[str]) -> list[str]:
    """*lines* (above a page's citation) without the legacy page's box of links that a selection from the top
    takes in ("Retraction in" / "Retraction notice to ... [Crit Care Med. 2019]"): its entries go to the links.
    Only whole entries directly under a link heading count; anything else stays for the note."""
    out = list(lines)
    for k, line in enumerate(lines):
        reftype = P.LINK_HEADINGS.get(line.strip().lower().rstrip(":"))
        j = k + 1
        while reftype and j < len(lines) and lines[j].strip() and _is_ref(lines[j].strip()):
            rec.comments.append((reftype, *P.comment_ref(lines[j].strip())))
            out[k] = out[j] = ""
            j += 1
    return out


def _notes_above(lines: list[str], title: int | None) -> list[str]:
    """Lines above a page's citation that a person typed ("READ THIS!!! cite for intro").  What a PubMed page
    prints there is a closed set of short labels -- site header, buttons, badges, publication types, "Free PMC
    article", "Format: Abstract" -- all known as noise or of one or two words; a phrase of three words or more
    (or one ending in "!"/"?") that is none of them is the user's.  The lines right above the citation (no blank
    line between) are the page's badges, perhaps translated ("Ensayo clínico controlado aleatorio"), and a line
    naming PubMed/NCBI is the browser's header, one naming "full text" the page's link: none is a note."""
    adjacent = len(lines)
    while adjacent > 0 and lines[adjacent - 1].strip():
        adjacent -= 1
    out = []
    for k, line in enumerate(lines[:adjacent]):
        s = line.strip()
        if (not s or k == title or P.is_noise(s) or re.search(r"\b(?:PubMed|NCBI|full[- ]text)\b", s, re.I) or s.lower().rstrip(".") in P.PAGE_PUBLICATION_TYPES
                or s.lower().rstrip(":") in P.TRAILING_SECTIONS or _READER_FURNITURE.match(s)
                or re.fullmatch(r"(?:https?://|www\.)\S+", s)):
            continue
        if len(s.split()) >= 3 or s.endswith(("!", "?")):
            out.append(s)
    return out


_NEIGHBOUR_HEADINGS = frozenset(("similar articles", "cited by", "related citations in pubmed",
                                 "see all similar articles", "see all \"cited by\" articles"))
_ENTRY_PMID = re.compile(r"^PMID:\s*\d+\b")
#: the export's own id line: "PMID: 31577399  Bookshelf ID: ...", "PMID: 1 [PubMed - indexed for MEDLINE]"
_EXPORT_PMID = re.compile(r"^\s*PMID:\s*\d+", re.I)


def _without_leading_neighbours(lines: list[str]) -> list[str]:
    """The "Similar articles" / "Cited by" list of another page pasted above a page: blank lines (line numbers
    stay).  Only a heading and whole entries (title, authors, "Journal. Year;...", "PMID: N") go, and only when
    a page follows: a list pasted alone is still read as the records it lists."""
    nb = [i for i, ln in enumerate(lines) if ln]
    if not nb or lines[nb[0]].lower().rstrip(":") not in _NEIGHBOUR_HEADINGS:
        return lines
    k, end = 1, None
    while k < len(nb):
        if lines[nb[k]].lower().rstrip(":") in _NEIGHBOUR_HEADINGS:
            k += 1
            continue
        for size in (4, 3):  # an entry with or without its authors line
            if (k + size <= len(nb) and not P.looks_like_citation(lines[nb[k]])
                    and P.looks_like_citation(lines[nb[k + size - 2]]) and _ENTRY_PMID.match(lines[nb[k + size - 1]])):
                end, k = nb[k + size - 1], k + size
                break
        else:
            break
    if end is None or k >= len(nb):
        return lines
    return [""] * (end + 1) + lines[end + 1:]


def _without_cite_dialog(lines: list[str]) -> list[str]:
    """The "Cite" dialog copied alone ("Cite" / "Format:" / "NLM" / its citation): its buttons become blank
    lines, so that the citation is a paragraph of its own (line numbers stay)."""
    top = [i for i, ln in enumerate(lines) if ln][:6]
    if not top or lines[top[0]].lower() != "cite" or not any(_CITE_DIALOG.match(lines[i]) for i in top[1:]):
        return lines
    out = list(lines)
    for i in top:
        if i == top[0] or _CITE_DIALOG.match(lines[i]):
            out[i] = ""
    return out


def _opens_like_a_page(block: list[str]) -> bool:
    """A short page copied without blank lines, not a summary record: a citation line among its first lines
    with two lines or more (title, byline...) after it before the ids.  A summary record ends at its
    citation line, or at the "PMID: ..." line under it."""
    for k in range(min(len(block), 4)):
        if _citation_at(block, k) is None:
            continue
        rest = block[k + 1:]
        if rest and S.SPLIT_CITATION.match(rest[0]):
            rest = rest[1:]
        before_ids = next((j for j, ln in enumerate(rest) if P.is_id_line(ln)), len(rest))
        return before_ids >= 2
    return False


def _summaries(lines: list[str]) -> list[tuple[int, str, tuple | None]]:
    """The records of a "Summary (text)" export or pasted "Cite" lines; [] when no paragraph is one."""
    blocks = S.summary_blocks(lines)
    out = []
    for k, (start, text) in enumerate(blocks):
        # the block's own lines only: the next record's lines (after a blank line, or its "2: ") are not
        # this block's tail -- a wrapped entry followed by another was taken for a page and the file lost
        end = min(blocks[k + 1][0] if k + 1 < len(blocks) else len(lines), start + 13)
        height = sum(1 for _ in filter(None, lines[start:end]))
        # a page pasted without blank lines is no record, nor a short page that opens with its citation line
        parsed = None if height > 12 else S.parse_summary(text)
        if parsed is not None and _opens_like_a_page([ln for ln in lines[start:end] if ln]):
            parsed = None  # the slower test last: only for a block that reads as a summary at all
        out.append((start, text, parsed))
    # Summary records only: the first paragraph is one, and most others too (a page's first block is not).
    if not out or out[0][2] is None or 2 * sum(1 for _, _, p in out if p) < len(out):
        return []
    return out


#: the buttons beside each entry of a search-result list: its number, "Cite", "Share"
_RESULT_BUTTON = re.compile(r"^(?:\d{1,6}|cite|share)$", re.I)
_RESULT_IDS = re.compile(r"^PMID:\s*(\d+)\b(.*)$")


def _search_results(lines: list[str]) -> list[tuple[int, str, tuple | None]]:
    """A copied search-result list (Summary view): per entry its number, "Cite" / "Share", then title,
    authors, citation line, "PMID: n Free PMC article. Review." and the abstract's snippet on lines of
    their own.  Each entry becomes one summary line (the snippet stays a note); [] when not such a list."""
    marks = [i for i in range(len(lines) - 1) if re.fullmatch(r"\d{1,6}", lines[i])
             and lines[i + 1].lower() == "cite"]
    if not marks:
        return []
    out: list[tuple[int, str, tuple | None]] = []
    for k, mark in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else len(lines)
        body = [ln for ln in lines[mark:end] if ln]
        while body and _RESULT_BUTTON.match(body[0]):
            body.pop(0)
        ids = next((j for j, ln in enumerate(body) if _RESULT_IDS.match(ln)), None)
        head, snippet = (body[:ids], body[ids + 1:]) if ids is not None else (body, [])
        # "PMID: 1 Free PMC article. Clinical Trial. German.": types and languages go where a summary line has them
        found = _RESULT_IDS.match(body[ids]) if ids is not None else None
        tail = P._FREE_NOISE.sub(" ", found.group(2)).strip() if found else ""
        pmid = f" PMID: {found.group(1)}." if found else ""
        text = " ".join(head + ([tail] if tail else [])) + pmid
        parsed = S.parse_summary(text)
        snippet = [ln for ln in snippet if not P.is_noise(ln)]
        out.append((mark, text, parsed + (snippet,) if parsed else None))
    return out if any(p for _, _, p in out) else []


def _read_summaries(records: list[tuple[int, str, tuple | None]], ctx: Context) -> Iterator[Item]:
    for number, (start, text, parsed) in enumerate(records, start=1):
        label = f"record {number}"
        if parsed is None:
            ctx.skip(f"not a PubMed summary record ('Authors. Title. Journal. Year;Volume(Issue):Pages. PMID: n'): "
                     f"{text[:60]!r}", record=label, line=start + 1)
            continue
        authors, title, cit, ids = parsed[:4]
        rec = _Record(line=start + 1, label=label, citation=cit)
        rec.leftovers.extend(parsed[4] if len(parsed) > 4 else ())  # a result list's abstract snippet
        rec.title, rec.translated = P.parse_title(title)
        if authors:
            people = P.parse_authors(authors, full_names=False)
            rec.authors = [a for a in people if not a.member]
            rec.investigators.extend(a.name for a in people if a.member)
            if re.search(r"\bet al\.?$", authors):
                rec.authors_cut = 0
        rec.ids.update(P.parse_ids(ids))
        shelf = re.search(r"/books/(NBK\d+)", text)  # "Available from: https://www.ncbi.nlm.nih.gov/books/NBK1/"
        if shelf:
            rec.ids.setdefault("bookshelf", shelf.group(1))
        status = P.parse_status(ids)
        if status:
            rec.status.append(status)
        if isinstance(cit, P.Citation):
            cit.extra = summary_extras(rec, cit.extra)
        yield _item(rec, ctx)


def _read_cite_dialog(cited: list[tuple[int, str, str, object]], ctx: Context) -> Iterator[Item]:
    """The "Cite" dialog: each citation read in its style; the styles of one record merged into one item."""
    works: list[list[tuple[str, Item, bool, int, Context]]] = []
    for start, text, style, parsed in cited:
        scratch = Context(source=ctx.source, options=ctx.options)
        if style == "nlm":
            item = next(_read_summaries([(start, text, parsed)], scratch), None)
            cut = any(d.code == "truncated" for d in scratch.diagnostics)
        else:
            item = C.reference_item(parsed, text)
            cut = "et-al" in item.get("custom", {})
        if item is None:
            continue
        group = next((g for g in works if C.same_work(g[0][1], item)), None)
        if group is None:
            works.append(group := [])
        group.append((style, item, cut, start + 1, scratch))
    for number, group in enumerate(works, start=1):
        label = f"record {number}"
        if len(group) == 1 and group[0][0] == "nlm":  # an NLM/AMA citation alone: as a summary line
            for d in group[0][4].diagnostics:
                ctx.report(d.level, d.message, record=label if d.record == "record 1" else d.record, line=d.line,
                           code=d.code, field=d.field)
            yield group[0][1]
            continue
        item, cut = C.merge([(style, it, c) for style, it, c, _, _ in group])
        line = group[0][3]
        if item.get("PMID"):
            label += f" (PMID {item['PMID']})"
        if len(group) > 1:
            ctx.report("info", f"{len(group)} citations of one record (the 'Cite' dialog's styles) merged into one",
                       record=label, line=line)
        if cut:
            ctx.report("warning", f"the citation shortens the author list: only {len(item['author'])} kept "
                       "(the NLM style, or the MEDLINE/XML export, lists them all)", record=label, line=line,
                       code="truncated", field="author")
        if not item.get("author"):
            ctx.report("warning", "no author found: the record comes out without one", record=label, line=line,
                       code="missing-field", field="author")
        yield item


#: "Erratum in: JAMA. 2018 Jun 12;319(22):2341." in a summary line: a link label and the citations after it
_SUMMARY_LINK = re.compile(r"(?:^|(?<=\.)\s+)(%s):\s+" % "|".join(
    re.escape(k) for k in sorted(P.LINK_HEADINGS, key=len, reverse=True)), re.I)
#: the end of a linked citation: pages, an e-locator or a year ("...;319(22):2341." / "...; 2018.")
_LINK_END = re.compile(r"(?:\d|\))\.(?=\s+[A-Z][a-z]+\.?(?:\s|$))")


def _summary_links(rec: _Record, extra: str) -> str:
    """Take the comment/correction links out of a summary line's tail into rec.comments; returns the rest.

    Their citations hold ". " ("JAMA. 2018 Jun...") that the sentence split below would cut."""
    found = list(_SUMMARY_LINK.finditer(extra))
    if not found:
        return extra
    rest = [extra[:found[0].start()]]
    for k, m in enumerate(found):
        seg = extra[m.end():found[k + 1].start() if k + 1 < len(found) else len(extra)].strip()
        # what follows the last citation ("... 2341. Review.") is not part of the link
        end = max((e.end() for e in _LINK_END.finditer(seg)), default=None)
        if end is not None and end < len(seg):
            seg, tail = seg[:end], seg[end:].strip()
            rest.append(tail)
        for ref in filter(None, (r.strip() for r in re.split(r"(?<=[\d\).])\s*;\s+(?=[A-Z])", seg))):
            ref = ref if ref.endswith(".") else ref + "."
            rec.comments.append((P.LINK_HEADINGS[m.group(1).lower()], *P.comment_ref(ref)))
    return " ".join(r.strip() for r in rest if r.strip())


def summary_extras(rec: _Record, extras: list[str]) -> list[str]:
    """What a summary line adds after the pages: its languages ("English, Spanish."), publication types
    ("Review."), comment/correction links; the rest stays a note."""
    left = []
    extras = [_summary_links(rec, extra) for extra in extras]
    for part in (p.strip() for extra in extras for p in re.split(r"\.\s+", extra)):
        names = [n.strip() for n in re.split(r",\s*|\s+and\s+", part.rstrip("."))]
        if part and all(n[:1].isupper() and to_iso639_2(n) != n for n in names):  # known language names
            rec.languages.extend(names)
        elif part.rstrip(".").lower() in P.PAGE_PUBLICATION_TYPES:
            rec.page_types.append(part.rstrip("."))
        elif part:
            left.append(part)
    return left


def _export_citation(lines: list[str]) -> tuple[P.Citation | P.BookCitation, int] | None:
    """An export record's first block: its citation, and the index of the line after the block."""
    i = S.first_nonblank(lines)
    end = i
    while end < len(lines) and lines[end]:
        end += 1
    text = " ".join(lines[i:end])
    cit: P.Citation | P.BookCitation | None = (P.parse_citation(text) or P.parse_book_citation(text)
                                               or P.parse_export_imprint(text))
    if isinstance(cit, P.BookCitation) and not cit.book and not cit.extra:
        # a whole book's series line may stand as a block of its own under the imprint, above the title
        nxt = S.next_nonblank(lines, end)
        if nxt is not None and P.parse_series(S.block_text(lines, nxt)):
            cit.extra.append(S.block_text(lines, nxt))
            end = nxt
            while end < len(lines) and lines[end]:
                end += 1
    return (cit, end) if cit else None


def _page_types(lines: list[str], cit_start: int) -> list[str]:
    """Publication types printed just above the current page's citation line ("Review")."""
    out: list[str] = []
    badges = 0  # "Free PMC article" may sit between the type and the citation line
    i = cit_start - 1
    while i >= 0 and len(out) < 4:
        line = lines[i]
        if line:
            if line.lower() in P.PAGE_PUBLICATION_TYPES:
                out.insert(0, line)
            elif not out and badges < 2 and P.is_noise(line):
                badges += 1
            else:
                break
        i -= 1
    return out


def _units(lines: list[str], start: int, first_line: int, export: bool) -> list[_Unit]:
    """Page: one unit per line.  Export: one per block, split where a labelled section starts."""
    units: list[_Unit] = []
    block = 0
    i = start
    while i < len(lines):
        if not lines[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j]:
            j += 1
        block += 1
        if not export:
            for k in range(i, j):
                # "PMID:" / "22943560" on two lines (some browsers) -> one id line
                prev = units[-1] if units else None
                if prev and prev.line == first_line + k - 1 and re.fullmatch(r"(?:PMID|PMCID|DOI):?", prev.text, re.I):
                    prev.text = f"{prev.text.rstrip(':')}: {lines[k]}"
                    continue
                units.append(_Unit(lines[k], first_line + k, block))
        else:
            units.extend(_export_block(lines[i:j], first_line + i, block))
        i = j
    return units


def _export_block(block: list[str], line: int, number: int) -> list[_Unit]:
    head = block[0].rstrip(":").strip().lower()
    if head in P.LINK_HEADINGS or head in AFFILIATION_HEADINGS:
        # A heading line: comment links one per line; affiliations joined.
        rest = [ln for ln in block[1:]]
        if head in P.LINK_HEADINGS:
            return [_Unit(block[0], line, number)] + [_Unit(t, line + k + 1, number) for k, t in enumerate(rest)]
        return [_Unit(block[0], line, number), _Unit(" ".join(rest), line + 1, number)] if rest else \
            [_Unit(block[0], line, number)]
    if head in ABSTRACT_HEADINGS and len(block) > 1:
        # a book's "Excerpt" heading sits on the line above its text, in one block
        return [_Unit(block[0], line, number)] + _export_block(block[1:], line + 1, number)
    out: list[_Unit] = []
    cur: list[str] = []
    cur_line = line
    for k, text in enumerate(block):
        if cur and P.starts_with_label(text):
            out.append(_Unit(" ".join(cur), cur_line, number))
            cur, cur_line = [], line + k
        cur.append(text)
    out.append(_Unit(" ".join(cur), cur_line, number))
    return out


# -- one pass over the units ------------------------------------------------------

def _fill(rec: _Record, units: list[_Unit], export: bool) -> None:
    stage = "title"  # title -> authors -> body
    section: str | None = ""  # "" in the record itself; a role or None (skipped) after a trailing heading
    closed = False  # the abstract ended (copyright, keywords, ids after it)
    pending_label = ""
    headed = False  # the record's "Abstract" heading was met
    i = 0
    while i < len(units):
        u = units[i]
        text = u.text
        low = text.lower().rstrip(":").strip()
        i += 1
        # The sections after the record: only some are about this record.
        if not export:
            is_heading, role = P.trailing_section(text)
            if is_heading and section == "sections" and low in _CHAPTER_SECTIONS:
                is_heading = False  # a chapter's own "References" section title, listed before its PMID line
            if is_heading:
                section = role
                continue
            if section != "" and low in P.LINK_HEADINGS:
                section = "cc:" + P.LINK_HEADINGS[low]
                continue
        if not export and low == "cite" and any(_CITE_DIALOG.match(v.text) for v in units[i:i + 4]):
            section = None  # the "Cite" dialog quotes this record in another format: nothing new
            continue
        if section is None and low in ABSTRACT_HEADINGS and not rec.abstract and not closed and stage != "title":
            section = ""  # the mobile order puts the "Actions" / "Full text links" boxes above the abstract
        if section is None:
            continue
        if section and not section.startswith("cc:") and P.is_id_line(text) and "PMID" in P.parse_ids(text):
            section = ""  # a Bookshelf page's "Sections" list ends at the record's own "PMID: ..." line
        if section:
            # "Cite" / "Share" buttons after the last section are noise; a Bookshelf "Summary" section is not
            if not P.is_noise(text) or (section == "sections" and low in ABSTRACT_HEADINGS):
                _section_line(rec, section, text)
            continue
        if low.strip("[]. ") == "no authors listed":
            rec.no_authors = True
        if P.is_noise(text):
            if low in ABSTRACT_HEADINGS and stage != "title":
                stage = "body"
                if rec.abstract and not headed and i < len(units):
                    # Lines before the page's own "Abstract" heading were not the abstract (an
                    # unknown widget's text): they become a note, the abstract starts here.
                    rec.leftovers.extend(rec.abstract)
                    rec.abstract, closed = [], False
                headed = True
            continue
        if stage == "title" and low in P.LINK_HEADINGS:  # legacy page: "Comment in" links between citation and title
            i = _take_comments(rec, units, i, P.LINK_HEADINGS[low], export)
            continue
        if stage == "title":
            rec.title, rec.translated = P.parse_title(text)
            if export:  # a wrapped title is one block; pages keep it on one line
                while i < len(units) and units[i].block == u.block:
                    rec.title, rec.translated = P.parse_title(f"{text} {units[i].text}")
                    text = f"{text} {units[i].text}"
                    i += 1
            else:  # ... unless printed to text or saved with line breaks (Word): the byline tells
                while _title_goes_on(text, units, i):
                    text = _join_wrapped(text, units[i].text)
                    rec.title, rec.translated = P.parse_title(text)
                    i += 1
            stage = "authors"
            continue
        if (not export and low in ("authors", "editors") and i < len(units)
                and P.looks_like_authors(_IN_PREFIX.sub("", units[i].text))):
            # a Bookshelf record's labelled bylines: "Authors" / names, "Editors" / names ("In: Adam MP1, ...")
            if low == "editors":
                people = re.sub(r",?\s*\b(?:editors?|eds?)\.?\s*$", "", _IN_PREFIX.sub("", units[i].text), flags=re.I)
                full = not re.search(r"[A-Z]\d", people)  # "Adam MP1, Ardinger HH1": initials and markers
                eds = [a.name for a in P.parse_authors(people, full_names=full)]
                if isinstance(rec.citation, P.BookCitation) and not rec.citation.editors:
                    rec.citation.editors = eds
                else:
                    rec.leftovers.append(f"Editors: {units[i].text}")
                i += 1
            continue
        if (not export and low == "source" and i < len(units) and isinstance(rec.citation, P.BookCitation)
                and P.parse_book_citation(_IN_PREFIX.sub("", units[i].text))):
            i += 1  # a Bookshelf page's "Source" / its citation again: read already
            continue
        lang = P.parse_language_line(text)
        if lang:
            rec.languages, rest = lang
            rec.language_note = rest
            continue
        if _ABSTRACT_NOTICE.match(text):
            rec.leftovers.append(text)
            continue
        langs = _ABSTRACT_LANGS.match(text) if not export and not rec.abstract and stage == "body" else None
        if langs and all(to_bcp47(x) for x in re.split(r",\s*|\s+and\s+", langs.group(1))):
            continue
        inline = _INLINE_HEADING.match(text) or (_GLUED_HEADING.match(text) if not export else None)
        if low in AFFILIATION_HEADINGS or (inline and inline.group(1).lower() in AFFILIATION_HEADINGS):
            body = inline.group(2) if inline else ""
            i = _take_affiliations(rec, units, i, body, export)
            stage = "body"
            continue
        if not export and _COLLAB_HEADING.match(text):  # current page: "Collaborators (12)", names below
            i = _take_collaborators(rec, units, i)
            continue
        if inline and inline.group(1).lower() in ("collaborators", "investigators"):
            rec.investigators.extend(a.name for a in P.parse_authors(inline.group(2), full_names=False))
            continue
        if low in P.LINK_HEADINGS:
            i = _take_comments(rec, units, i, P.LINK_HEADINGS[low], export)
            continue
        if inline and inline.group(1).lower() == "conflict of interest statement":
            rec.coi.append(inline.group(2))
            if not export:
                section = "coi"
            continue
        if inline and inline.group(1).lower() == "publisher":
            rec.other_abstract.append(inline.group(2))
            closed = closed or bool(rec.abstract)
            continue
        if P.is_id_line(text):
            for key, value in P.parse_ids(text).items():
                rec.ids.setdefault(key, value)
            for key, value in P.id_pairs(text):  # a second PMCID: kept beside the first
                if key == "PMCID" and rec.ids.get(key) != value and value not in rec.more_pmcids:
                    rec.more_pmcids.append(value)
            status = P.parse_status(text)
            if status:
                rec.status.append(status)
            closed = closed or bool(rec.abstract)
            stage = "body"
            continue
        if P.is_status_line(text):
            rec.status.append(P.parse_status(text))  # type: ignore[arg-type]
            closed = closed or bool(rec.abstract)
            continue
        if P.is_copyright(text):
            rec.copyright.append(text)
            closed = closed or bool(rec.abstract)
            continue
        kws = P.parse_keywords(text, labelled_only=True)
        if kws == [] and i < len(units):  # "KEYWORDS:" alone, the list on the next line
            kws = P.parse_keywords("Keywords: " + units[i].text)
            i += 1
        while kws and text.endswith((";", ",")) and i < len(units) and len(units[i].text) < 300 \
                and not _stops_authors(units[i].text) and not P.is_copyright(units[i].text):
            text = units[i].text  # a keyword list wrapped over lines ("...; cytokine release syndrome;" / "...")
            kws += P.parse_keywords("Keywords: " + text) or []
            i += 1
        if kws is not None:
            rec.keywords.extend(kws)
            closed = closed or bool(rec.abstract)
            continue
        book_eds = _BOOK_EDITORS.match(text) if isinstance(rec.citation, P.BookCitation) else None
        if stage == "authors" and book_eds and not rec.citation.editors:  # type: ignore[union-attr]
            # a book's byline: "Institute of Medicine (US) Committee ...; Ross AC, Taylor CL, editors."
            group, _, people = book_eds.group(1).rpartition(";")
            rec.citation.author = rec.citation.author or group.strip()  # type: ignore[union-attr]
            rec.citation.editors = [a.name for a in P.parse_authors(people, full_names=False)]  # type: ignore[union-attr]
            stage = "body"
            continue
        if stage == "authors":
            stage = "body"
            if not export:
                text, i = _gather_authors(units, i - 1)
            nxt = units[i].text.lower().rstrip(":") if i < len(units) else ""
            # a byline is credible alone when a heading of the page follows it (affiliations, ids, links)
            # ... or the "Abstract" heading (the legacy page's lone unmarked author: "Suharto." / "Abstract")
            needs_marker = (not export and nxt not in AFFILIATION_HEADINGS and not P.is_id_line(nxt)
                            and nxt not in P.LINK_HEADINGS and nxt not in ABSTRACT_HEADINGS)
            if P.looks_like_authors(text, single_needs_marker=needs_marker):
                full = not export and not re.search(r"\(\d+\)|[A-Z]\d", text)
                people = P.parse_authors(text, full_names=full)
                cut = _AUTHORS_CUT.search(text)
                if cut:
                    rec.authors_cut = int(cut.group(1) or 0)
                rec.authors = [a for a in people if not a.member]
                rec.investigators.extend(a.name for a in people if a.member)
                if export:
                    while i < len(units) and units[i].block == u.block:  # should not happen: one block
                        i += 1
                continue
            text, i = u.text, units.index(u) + 1  # not authors: read the first line again as body
        label = P.abstract_label(text)
        if label and not closed and i < len(units) and not P.abstract_label(units[i].text):
            pending_label = label
            continue
        if (rec.abstract or closed) and not rec.keywords and P.parse_keywords(text) is not None:
            rec.keywords.extend(P.parse_keywords(text) or [])
            closed = True
            continue
        if closed:
            rec.leftovers.append(text)
            continue
        if pending_label:
            text = f"{pending_label}: {text}"
            pending_label = ""
        inside = _KEYWORDS_INSIDE.search(text) if not export else None
        if inside and P.parse_keywords(text[inside.end():]):
            rec.keywords.extend(P.parse_keywords(text[inside.end():]) or [])
            text = text[:inside.start()]
            closed = True
        rec.abstract.append(text)


def _title_goes_on(title: str, units: list[_Unit], i: int) -> bool:
    """Whether units[i] continues a page title wrapped over lines: a long title line without final
    punctuation, then a line that is neither byline nor heading, then the byline."""
    if title.endswith((".", "?", "!", ",", ";")) or i + 1 >= len(units):
        return False
    text, after = units[i].text, units[i + 1].text
    if _DANGLING.search(title) and len(title) >= 20 and not _stops_authors(text) and not S.MARKER_LINE.match(text):
        # no title ends on "the" or "meta-": the next line is its tail, even one that could be a name
        return P.looks_like_authors(after, single_needs_marker=True) or _title_goes_on(f"{title} {text}", units, i + 1)
    if len(title) < 50:
        return False
    if (_stops_authors(text) or P.is_status_line(text) or P.is_copyright(text) or _ABSTRACT_NOTICE.match(text)
            or S.MARKER_LINE.match(text) or P.looks_like_authors(text, single_needs_marker=True)
            # one name per line (a narrow window), the first without affiliation: "Maria Müller," / "Jean Roy 1,"
            or (text.endswith(",") and P.looks_like_name(text[:-1]))):
        return False
    return P.looks_like_authors(after, single_needs_marker=True) and not _stops_authors(after)


#: a title line that cannot be the title's end: a function word, or a word broken at its hyphen
_DANGLING = re.compile(r"(?:\b(?:the|a|an|of|in|for|and|or|with|on|to|from|by|versus|vs|at|among|after|during|"
                       r"between|into|via|its|their)|[A-Za-z]-|:)$", re.I)


def _join_wrapped(text: str, tail: str) -> str:
    """A title wrapped by a printout or a narrow window, joined: "meta-" + "analysis" -> "meta-analysis"
    (the hyphen kept: a compound's own hyphen and a broken word's cannot be told apart)."""
    if re.search(r"[A-Za-z]-$", text) and tail[:1].islower():
        return text + tail
    return f"{text} {tail}"


def _stops_authors(text: str) -> bool:
    low = text.lower().rstrip(":").strip()
    return (low in AFFILIATION_HEADINGS or low in P.NOT_AUTHORS or P.is_noise(text) or P.is_id_line(text)
            or P.trailing_section(text)[0] or P.abstract_label(text) is not None or bool(_COLLAB_HEADING.match(text))
            or low in P.LINK_HEADINGS or P.parse_language_line(text) is not None or bool(_GLUED_HEADING.match(text)))


def _gather_authors(units: list[_Unit], i: int) -> tuple[str, int]:
    """An author list a browser spread over lines ("John Owens" / "1" / "," / "Jane Doe" / "2" / "3").

    Returns the joined text and the index after it; a line that is not part of the list ends it.
    """
    parts = [units[i].text]
    j = i + 1
    while j < len(units) and len(parts) < 2000:
        t, prev = units[j].text, parts[-1]
        if S.MARKER_LINE.match(t) or P.AUTHOR_NOISE.fullmatch(t):
            pass
        elif len(t) > 300 or _stops_authors(t):
            break
        elif not (prev.endswith((",", ";")) or t.startswith((",", ";")) or S.MARKER_LINE.match(prev)):
            # a byline wrapped mid-list (Word's "insert line breaks", printing): "..., Benedetto" / "U6, Byrne
            # RA7." -- but a byline ends with "." on the legacy page, and affiliation lines start with a number
            if (prev.endswith(".") or t[:1].isdigit() or not P.looks_like_authors(t, single_needs_marker=True)
                    or not P.looks_like_authors(f"{prev} {t}")):
                break
        elif not (P.looks_like_name(t) or P.looks_like_authors(t.lstrip(",; "))):
            break  # (a group author's line is followed by ", Jane Doe 1 , ..." in some copies)
        parts.append(t)
        j += 1
    text = " ".join(parts)
    return re.sub(r"\s+([,;])", r" \1", text), j


_TRUNCATED_END = re.compile(r"\s*,?\s*(?:\u2026|\.\.\.)$")


def _take_collaborators(rec: _Record, units: list[_Unit], i: int) -> int:
    """Names under the current page's "Collaborators (N)" heading, up to the next heading."""
    while i < len(units) and not _stops_authors(units[i].text):
        # "Group: Ann Lee , Bo Kim , …" then "Show all 12 collaborators": the page cut the list short
        text = _TRUNCATED_END.sub("", _GROUP_PREFIX.sub("", units[i].text))
        if not text and units[i].text.endswith(":"):  # the group's name alone, its members below
            i += 1
            continue
        if not P.looks_like_authors(text):
            break
        people = P.parse_authors(text, full_names=True)
        rec.investigators.extend(a.name for a in people)
        i += 1
    return i


def _section_line(rec: _Record, role: str, text: str) -> None:
    if role == "publication-types":
        rec.publication_types.append(text)
    elif role == "mesh":
        rec.mesh.append(P.mesh_term(text))
    elif role == "substances":
        rec.substances.append(text)
    elif role == "grants":
        rec.grants.append(text)
    elif role == "sections":
        rec.sections.append(text)
    elif role == "databank":
        if _DATABANK.match(text):  # "ClinicalTrials.gov/NCT03036124"; the page's links and buttons are not
            rec.databanks.append(text)
    elif role == "coi":
        rec.coi.append(text)
    elif role == "data":
        rec.data_availability.append(text)
    elif role.startswith("cc:"):
        ref, pmid = P.comment_ref(text)
        if rec.comments and rec.comments[-1][0] == role[3:] and rec.comments[-1][2] is None:
            _, prev, _ = rec.comments[-1]
            rec.comments[-1] = (role[3:], f"{prev} {ref}".strip(), pmid)  # an item spread over lines
        elif ref or pmid:
            rec.comments.append((role[3:], ref, pmid))


def _take_affiliations(rec: _Record, units: list[_Unit], i: int, inline: str, export: bool) -> int:
    """Read affiliations after their heading; returns the index of the next unit."""
    texts = [inline] if inline.strip() else []
    if export:
        while i < len(units) and units[i].block == units[i - 1].block:
            texts.append(units[i].text)
            i += 1
    else:
        while i < len(units):
            t = units[i].text
            if t.lower() in ABSTRACT_HEADINGS or _COLLAB_HEADING.match(t):  # a collapsed list: nothing here
                break
            if P.is_noise(t):
                i += 1
                continue
            if re.fullmatch(r"\d{1,3}", t) and i + 1 < len(units) and not _stops_authors(units[i + 1].text):
                # the legacy page in Firefox: the number on a line of its own, the affiliation under it
                units[i + 1] = _Unit(f"{t} {units[i + 1].text}", units[i].line, units[i].block)
                i += 1
                continue
            numbered = bool(re.match(r"^(?:\(\d{1,3}\)|\d{1,3})\s*\S", t)) and not P.is_id_line(t)
            if numbered or (not texts and len(t) < 400 and P.looks_like_affiliation(t) and not P.is_id_line(t)
                            and P.abstract_label(t) is None):
                texts.append(t)
                i += 1
                if not numbered:
                    break
                continue
            break
    for t in texts:
        for number, aff in P.split_affiliations(t).items():
            if aff:
                key = number
                while key in rec.affiliations:  # two unnumbered ones: keep both
                    key += 1000
                rec.affiliations[key] = aff
    return i


def _take_comments(rec: _Record, units: list[_Unit], i: int, reftype: str, export: bool) -> int:
    """Read 'Comment in' / 'Erratum for' ... links after their heading."""
    if export:
        first = len(rec.comments)
        while i < len(units) and units[i].block == units[i - 1].block:
            ref, pmid = P.comment_ref(units[i].text)
            if len(rec.comments) > first and not _is_ref(units[i].text):  # a wrapped link
                _, prev, prev_pmid = rec.comments[-1]
                rec.comments[-1] = (reftype, f"{prev} {ref}".strip(), prev_pmid or pmid)
            else:
                rec.comments.append((reftype, ref, pmid))
            i += 1
        return i
    parts: list[str] = []
    while i < len(units):
        t = units[i].text
        if _stops_refs(t):
            break
        ahead: list[str] = []
        for u in units[i:i + 3]:
            if _stops_refs(u.text):
                break
            ahead.append(u.text)
        if not parts and not any(_is_ref(a) for a in ahead):
            break
        if P.trailing_section(t)[0] or P.abstract_label(t) or t.lower() in AFFILIATION_HEADINGS or len(t) > 400:
            break
        parts.append(t)
        i += 1
        if _is_ref(t):
            following = units[i].text if i < len(units) else ""
            if not _LEGACY_LINK.search(t) and _is_link_pmid(following, units[i + 1].text if i + 1 < len(units) else ""):
                parts.append(following)
                i += 1
            ref, pmid = P.comment_ref(" ".join(parts))
            rec.comments.append((reftype, ref, pmid))
            parts = []
    if parts:
        ref, pmid = P.comment_ref(" ".join(parts))
        rec.comments.append((reftype, ref, pmid))
    return i


def _is_link_pmid(text: str, after: str) -> bool:
    """The "PMID: 29356789 Free PMC article." line that closes a linked record (not this record's id line)."""
    if not re.match(r"^PMID:\s*\d+", text) or not P.is_id_line(text) or re.search(r"PMCID|DOI", text, re.I):
        return False
    if P.parse_status(text):  # "PMID: 25285542 [PubMed - indexed for MEDLINE]": only a record's own id line
        return False
    return not re.match(r"^(?:PMCID|DOI)\s*:", after, re.I)  # this record's own ids go on below


def _stops_refs(text: str) -> bool:
    low = text.lower().rstrip(":")
    return (low in ABSTRACT_HEADINGS or P.is_id_line(text) or P.is_status_line(text) or low in P.LINK_HEADINGS
            or low in AFFILIATION_HEADINGS or P.trailing_section(text)[0])


#: the legacy page's link "Title. [Ann Intern Med. 2014]" is complete: no PMID line follows it
_LEGACY_LINK = re.compile(r"\[[^\[\]]+\.\s+(?:1[6-9]|20)\d\d\]\.?$")


def _is_ref(text: str) -> bool:
    """A line that ends one linked record: a citation, a PMID, or the legacy '... [Health Expect. 2015]'."""
    return (P.looks_like_citation(text) or bool(re.search(r"PMID:\s*\d", text))
            or bool(_LEGACY_LINK.search(text)) or bool(P.BARE_REF.match(text)))


FORMAT = Format(
    name="pubmed-text",
    description="PubMed record text: a legacy or current abstract page copied from a browser, or the "
                "'Abstract (text)' export (read only)",
    aliases=("pubmed-page", "pubmed-abstract", "pubmed-txt", "pubmed-abstract-text"),
    extensions=(),
    sniff=sniff,
    read=read,
)
