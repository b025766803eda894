"""Cutting PubMed text into records: numbered export records, or one or more pasted pages.

A page's own citation line is followed by its title and then authors / affiliations / ids; the citation
lines that "Similar articles", "Cited by" and "Comment in" quote come *after* a title and author line and
are followed by "PMID: ...", and references carry their authors on the same line.  That shape tells the
record's citation line from the quoted ones, so several pages pasted into one file split cleanly.
"""
from __future__ import annotations

import re
from typing import Iterator

from . import pubmed_text_parse as P

RECORD_START = re.compile(r"^(\d{1,6})\.\s+(\S.*)$")
#: the current page splits "Health Expect" / ". 2015 Feb;18(1):22-31." over two lines
SPLIT_CITATION = re.compile(r"^(?:\[Preprint\])?\.\s*(?:1[6-9]|20)\d\d", re.I)  # a preprint's: "[Preprint]. 2023 ..."
#: "1" / "2 3" / "," / "1,2": affiliation markers and separators a browser put on lines of their own
MARKER_LINE = re.compile(r"^(?:[,;]\s*)?(?:\d{1,3}(?:\s*,?\s*\d{1,3})*|[*#\u2020\u2021])?\s*[,;]?$")
#: blank lines a browser may put between the pieces of one split line (Firefox: up to 2 per element)
MAX_GAP = 4
#: headings that follow a record's title where authors are absent
_AFTER_TITLE = frozenset(("author information", "affiliations", "affiliation", "abstract", "collaborators",
                          "investigators", "expand", "comment in", "erratum in", "no abstract available"))


def first_nonblank(lines: list[str]) -> int:
    return next((i for i, ln in enumerate(lines) if ln), -1)


def next_nonblank(lines: list[str], j: int) -> int | None:
    while j < len(lines) and not lines[j]:
        j += 1
    return j if j < len(lines) else None


def block_text(lines: list[str], i: int) -> str:
    out = []
    while i < len(lines) and lines[i]:
        out.append(lines[i])
        i += 1
    return " ".join(out)


# -- the export ------------------------------------------------------------------

def export_records(lines: list[str]) -> Iterator[tuple[int, int, list[str]]]:
    """Split an export into (number, first line, lines) per record; nothing when it is not an export.

    A record starts with "N. " after a blank line (or at the top); "2019. We extend..." inside a wrapped
    abstract has no blank line before it, and the number must follow on or look like a citation.
    """
    starts: list[tuple[int, int]] = []
    expected: int | None = None
    for i, line in enumerate(lines):
        m = RECORD_START.match(line)
        if not m or (i > 0 and lines[i - 1]):
            continue
        number = int(m.group(1))
        block = RECORD_START.sub(r"\2", block_text(lines, i))
        if (number == expected or P.parse_citation(block) is not None or P.parse_book_citation(block) is not None
                or (expected is None and P.parse_export_imprint(block) is not None)):  # a whole book first
            starts.append((number, i))
            expected = number + 1
    if not starts or starts[0][1] != first_nonblank(lines):
        return
    for k, (number, i) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
        chunk = list(lines[i:end])
        chunk[0] = RECORD_START.sub(r"\2", chunk[0])
        yield number, i + 1, chunk


# -- pages -------------------------------------------------------------------------

def citation_block(lines: list[str], i: int) -> tuple[P.Citation | P.BookCitation, int] | None:
    """The citation starting at line *i* (joined over a split and continuation lines), and the line after it."""
    line = lines[i]
    if not line or SPLIT_CITATION.match(line):
        return None
    text, j = line, i + 1
    nxt = next_nonblank(lines, j)
    if nxt is not None and nxt - j <= MAX_GAP and SPLIT_CITATION.match(lines[nxt]):
        text, j = text + (" " if lines[nxt].startswith("[") else "") + lines[nxt], nxt + 1
    elif P.is_noise(line):  # "JAMA" / "BMJ" are full-text buttons too, but not when ". 2020 Apr..." follows
        return None
    cit = P.parse_citation(text)
    if cit is None:
        return _book_block(lines, i)
    # Carry on over continuation lines ("doi: ...", "Epub 2012 Sep 4.") split off by the browser.
    while True:
        nxt = next_nonblank(lines, j)
        if nxt is None or nxt - j > MAX_GAP or not P.is_citation_continuation(lines[nxt]):
            break
        text, j = f"{text} {lines[nxt]}", nxt + 1
    return P.parse_citation(text) or cit, j


_DATE_LINE = re.compile(r"^(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8})?(?:\s+\d{1,2})?\.?(?:\s*\[updated [^\]]+\]\.?)?$")


def _book_block(lines: list[str], i: int) -> tuple[P.BookCitation, int] | None:
    """A Bookshelf citation ("In: StatPearls [Internet]. ...; 2025 Jan.") and its chapter date line."""
    if not re.search(r"\(\w{2,3}\)\s*[:;]|\[Internet\]|editors?\.|^In:", lines[i]):
        return None
    text, j = lines[i], i + 1
    nxt = next_nonblank(lines, j)
    if nxt is not None and nxt - j <= 1 and _DATE_LINE.match(lines[nxt]):
        text, j = f"{text} {lines[nxt]}", nxt + 1
    book = P.parse_book_citation(text)
    return (book, j) if book else None


def _meaningful(lines: list[str], j: int) -> int | None:
    """The next line that is neither blank nor page furniture."""
    while True:
        k = next_nonblank(lines, j)
        if k is None or not P.is_noise(lines[k]) or lines[k].lower() in _AFTER_TITLE:
            return k
        j = k + 1


def opens_record(lines: list[str], end: int) -> bool:
    """Whether the lines after a citation look like this record's title and byline (not a quoted record's)."""
    t = _meaningful(lines, end)
    while t is not None and lines[t].lower().rstrip(":") in P.LINK_HEADINGS:
        # the legacy page's "Comment in" / "Erratum in" lists between its citation and its title
        k, entries = next_nonblank(lines, t + 1), 0
        while k is not None and (P.looks_like_citation(lines[k]) or _LEGACY_LINK.search(lines[k])):
            k, entries = next_nonblank(lines, k + 1), entries + 1
        if not entries:  # the current page's lists (title / authors / citation) follow a record's body
            break
        t = _meaningful(lines, k) if k is not None else None
    if t is None:
        return False
    title = lines[t]
    if (len(title) < 8 or P.is_id_line(title) or P.trailing_section(title)[0] or P.looks_like_citation(title)
            or P.is_status_line(title) or title.lower() in _AFTER_TITLE):
        return False
    k = next_nonblank(lines, t + 1)
    if k is None:
        return False
    after = lines[k]
    low = after.lower().rstrip(":")
    if (low in _AFTER_TITLE or P.is_id_line(after) or P.parse_language_line(after) is not None
            or P.looks_like_authors(after) or len(after) > 200):
        return True
    m = next_nonblank(lines, k + 1)  # "Jane Doe" / "1" / "," : a byline spread over lines
    return m is not None and P.looks_like_name(after) and bool(MARKER_LINE.match(lines[m]))


def page_starts(lines: list[str]) -> list[int]:
    """Indices of the citation lines that open a record in a page copy (several pages may be pasted)."""
    first_pmid = next((i for i, ln in enumerate(lines) if P.is_id_line(ln) and "PMID" in P.parse_ids(ln)),
                      len(lines))
    starts: list[int] = []
    i = 0
    while i < len(lines):
        found = citation_block(lines, i)
        if found is None:
            i += 1
            continue
        _, end = found
        if starts and _in_link_list(lines, i):
            pass  # the legacy page's "Erratum in" / "Comment in" list above its title quotes citations
        elif (not starts and i < first_pmid) or opens_record(lines, end):
            starts.append(i)
        i = max(end, i + 1)
    return starts


_LEGACY_LINK = re.compile(r"\[[^\[\]]+\s(?:1[6-9]|20)\d\d\]\.?$")  # "Reply to A. Smith. [J Clin Oncol. 2015]"


def _in_link_list(lines: list[str], i: int) -> bool:
    """Whether the citation at *i* is an entry of a links list ("Erratum in", "Comment on", ...)."""
    k = i - 1
    while k >= 0 and k > i - 40:
        line = lines[k]
        if line and (P.looks_like_citation(line) or _LEGACY_LINK.search(line)):
            pass  # an earlier entry of the same list
        elif line:
            return line.lower().rstrip(":").strip() in P.LINK_HEADINGS
        k -= 1
    return False


def segment_begin(lines: list[str], start: int, floor: int) -> int:
    """Where the page holding the citation at *start* begins: back over its header, nav list and type lines."""
    i = start
    while i - 1 > floor:
        line = lines[i - 1]
        low = line.lower().rstrip(":")
        if line and not (P.is_noise(line) or P.trailing_section(line)[0] or low in P.PAGE_PUBLICATION_TYPES):
            break
        i -= 1
    # Back over the previous page's last section ("Publication types" / "Review"): its heading and the lines
    # under it stay with that page when this page's own furniture ("Full text links") follows them.
    heading = max((h for h in range(i, start) if lines[h] and P.trailing_section(lines[h])[0]
                   and not P.is_noise(lines[h])), default=None)
    if heading is not None:
        furniture = next((k for k in range(heading + 1, start) if lines[k] and P.is_noise(lines[k])), None)
        if furniture is not None:
            i = furniture
        elif P.trailing_section(lines[heading])[1] == "publication-types" and all(
                not ln or ln.lower() in P.PAGE_PUBLICATION_TYPES for ln in lines[heading + 1:start]):
            # "Publication types" / "Comparative Study" / "" / "BMJ" / ". 2024 ...": no header between, so the
            # types under the previous page's heading are its own, up to a blank line gap
            i = max((k + 1 for k in range(heading + 1, start) if not lines[k]), default=start)
    return i


def title_without_citation(lines: list[str]) -> int | None:
    """A page copied without its citation line: the title is the first line that is not page furniture."""
    for i, line in enumerate(lines):
        if not line:
            continue
        low = line.lower().rstrip(":")
        if P.is_noise(line) or P.trailing_section(line)[0] or low in P.PAGE_PUBLICATION_TYPES:
            continue
        if P.is_id_line(line) or low in _AFTER_TITLE or len(line) < 8:
            return None
        return i
    return None


# -- the "Summary (text)" export and the "Cite" (NLM) line --------------------------------------
#
# One record a paragraph: "1: Authors. Title. Journal. 2020 Apr;27(4):463-7. doi: ... PMID: 1; PMCID: PMC2."
# (the legacy export: "PubMed PMID: 1; PubMed Central PMCID: PMC2."), wrapped or not.

_SUMMARY_NUMBER = re.compile(r"^\d{1,6}[.:]\s+(?=\S)")
_SUMMARY_IDS = re.compile(r"(?:^|\s)(?=(?:PubMed\s+)?PMID:\s*\d)")
_SENTENCE = re.compile(r"(?<=[.?!\]])\s+(?=\S)")
#: the end of an author list: "..., Li DF" / "Smith JA Jr" / "et al" (a group name is tested apart)
_LAST_AUTHOR = re.compile(r"(?:^|[,;]\s*)(?:[^\s,;.][^,;.]*\s[A-Z\u00C0-\u00DE]{1,4}(?:\s(?:Jr|Sr|[2-4](?:nd|rd|th)|I{2,3}|IV))?"
                          r"|et al)\.?$|;\s*[A-Z][^,;]*\.?$")  # "...; REDINSCOR II Investigators."


#: a collective author alone ("SoSTART Collaboration", "Writing Committee for the REMAP-CAP Investigators"):
#: capitalised words (a few joining words between), ending with the word that names a group -- a title's
#: first sentence ("Heart Failure in Women.") does not end so
_COLLECTIVE = re.compile(r"^(?:The\s+)?[A-Z][\w&/()'\u2019-]*(?:\s+(?:[A-Z0-9(][\w&/()'\u2019-]*|of|for|the|and|on|in|&)){0,12}"
                         r"\s+(?:Collaborat(?:ion|ive|ive Group|ors)|Consortium|Investigators|(?:Study |Working |Writing )?Group|"
                         r"Committee|Network|Trialists|Task Force|Panel|Alliance)$")


_CHAPTER_DATE = re.compile(r"\.\s+((?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?)\.?$")


def summary_blocks(lines: list[str]) -> list[tuple[int, str]]:
    """(index of the first line, text) of each record: a numbered entry or a blank-line separated paragraph."""
    out: list[tuple[int, str]] = []
    cur: list[str] = []
    start = 0
    expected = None  # a wrapped line may start "4. Review.": only the next number opens a record
    for i, line in enumerate(lines + [""]):
        number = _SUMMARY_NUMBER.match(line)
        if number and cur and expected is not None and int(line[:number.end()].strip(" .:")) != expected:
            number = None
        if cur and (not line or number):
            out.append((start, _SUMMARY_NUMBER.sub("", " ".join(cur), count=1)))
            cur = []
        if number:
            expected = int(line[:number.end()].strip(" .:")) + 1
        if line:
            if not cur:
                start = i
            cur.append(line)
    return out


def _looks_titled(text: str) -> bool:
    """A sentence with lower-case words ("Part II of the trial") is a title's, not an author list."""
    return bool(re.search(r"\b(?:of|the|and|in|for|with|on|a|an|to)\s", text))


def parse_summary(text: str) -> tuple[str, str, P.Citation | P.BookCitation, str] | None:
    """(authors, title, citation, ids text) of one summary record; None when *text* is not one."""
    if len(text) > 6000 or not re.match(r"[A-Z\u00c0-\u024f\[]", text) or re.search(r"[{}=<>]|^\w{2,4}\s+- ", text):
        return None  # not plain citation text (BibTeX, XML, RIS/MEDLINE tags)
    text = re.sub(r"^\[No authors listed\]\s*", "", text)
    ids_at = _SUMMARY_IDS.search(text)
    body, ids = (text[:ids_at.start()], text[ids_at.start():].strip()) if ids_at else (text, "")
    cuts = [m.end() for m in _SENTENCE.finditer(body)]
    for k, pos in enumerate(cuts):
        rest = body[pos:]
        cit = P.parse_citation(rest) or (P.parse_book_citation(rest) if rest.startswith("In: ") else None)
        if cit is None:
            continue
        head = body[:pos].strip()
        first = body[:cuts[0]].strip() if k > 0 else ""
        authors = first if first and _LAST_AUTHOR.search(first) and P.looks_like_authors(first.rstrip(".")) else ""
        title = head[len(authors):].strip() if authors else head
        if not authors and k > 0 and _COLLECTIVE.match(first.rstrip(".")):
            authors, title = first, head[len(first):].strip()  # "SoSTART Collaboration. Oral anticoagulation..."
        if not authors and k > 0:
            # the legacy "Summary (text)": title, then the authors, then the citation, each on a line
            last = body[cuts[k - 1]:pos].strip()
            if _LAST_AUTHOR.search(last) and P.looks_like_authors(last.rstrip(".")) and not _looks_titled(last):
                authors, title = last, body[:cuts[k - 1]].strip()
        chapter_date = _CHAPTER_DATE.search(title) if isinstance(cit, P.BookCitation) else None
        if chapter_date:  # "Iron Deficiency Anemia. 2023 Aug 8. In: StatPearls ...": the chapter's date
            cit.contribution = cit.contribution or P._iso(chapter_date.group(1))
            title = title[:chapter_date.start() + 1]
        if not title or not (authors or ids):  # prose that ends in a citation is not a record
            return None
        return authors.rstrip("."), title, cit, ids
    return None
