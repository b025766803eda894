"""Re-join the lines of a page copied from a narrow window (a phone, a zoomed or split-screen browser, a
printout), where every line -- the citation, the DOI, the byline, the title -- wraps at 30-60 characters.

The text shows it was wrapped when no line of two words or more is longer than ~60 characters (a normal copy
has its title, abstract and affiliations on long lines) and many line ends are wraps.  A break is a wrap
(soft) by how a browser wraps: the next line's first word would not have fitted on this line, or this line
ends in "," / "-" / "/" (a byline, a hyphenated word, a DOI split by the browser).  It is a real line end
(hard) after a sentence, before a heading, an identifier line or a byline, and around blank lines.
A printout may also split a long word with an added "-" ("immuno-" / "logy"): that hyphen goes when the
line is full and the pieces are no compound (see _added_hyphen); in doubt it stays.
Joined lines keep their place: the joined text is on the first line, its continuation lines become blank
(so line numbers in messages stay right, and a blank line only separates blocks, which they were).
"""
from __future__ import annotations

import re

from . import pubmed_text_parse as P
from ..model.names import PARTICLES

#: the widest line of a wrapped copy (characters); normal copies have longer lines
MAX_WIDTH = 74  # an e-mail wraps at 72; PubMed's own text export at 80 has its own paragraph rules
#: a line this share of the width long is full (a wrap's evidence when it does not end a clause)
FULL = 0.8
#: a browser's font is proportional: a line holds fewer characters than the widest one by up to this share
SLACK = 0.8
#: lines that begin a block of their own (headings, labels of the page; "©" is no word: no \b after it)
_STARTS_BLOCK = re.compile(r"^(?:©|(?:PMID|PMCID|NIHMSID|DOI|Bookshelf ID|Keywords?|Copyright|Abstract|Affiliations?|"
                           r"Author information|Similar articles|Cited by|Publication types|MeSH terms|"
                           r"Comment (?:in|on)|Erratum (?:in|for)|Conflict of interest(?: statement)?|Grant support|"
                           r"Free PMC)\b)", re.I)
#: an entry of the affiliations list: "1 Department of ...", legacy "1Institut Pasteur, ...", "(2)Dept ..."
_AFFILIATION_ENTRY = re.compile(r"^(?:[\u2022\u00b7*-]\s*)?(?:\d{1,3}|\(\d{1,3}\))\s?[A-Z\u00C0-\u024F]")
_SENTENCE_END = re.compile(r"[.!?][)\]\"'\u201d]?$")
#: the end of a linked record's entry on the legacy page: "Response to ... [Gut. 2017]"
_LINKED_ENTRY_END = re.compile(r"\[[^\[\]]*\b(?:1[89]|20)\d\d\]$")
#: a paragraph label: "BACKGROUND:", "Methods and results:", "DESIGN, SETTING, AND PARTICIPANTS:"
_LABEL = re.compile(r"^([A-Za-z][A-Za-z ,&/-]{1,60}):(?:\s|$)")
#: the words of structured abstracts' labels (NLM's list of label categories and their usual wordings); a
#: wrapped sentence may start a line with "Conclusion: ...", but a label made of other words is a sentence
HEADING_WORDS = frozenset("""
    abstract aim aims and areas background case clinical conclusion conclusions context covered data design
    discussion evidence expert exposure exposures extraction findings funding implications importance
    interpretation interventions introduction key level limitations main materials measurements measures method
    methodology methods objective objectives of opinion or outcome outcomes participants patients points
    presentation purpose rationale registration relevance report results review selection setting settings
    significance sources statement study summary synthesis the trial""".split())
#: the page's headings of more than one word, which a narrow window may wrap
_WRAPPED_HEADING = re.compile(r"Conflict of interest statement|Similar articles|Publication types|MeSH terms|"
                              r"Author information|Grant support|Associated data|Related information", re.I)
#: a line ending in a word no sentence ends with goes on ("... See also PMID: 21486 and")
_DANGLING = re.compile(r"\b(?:and|or|of|the|a|an|in|to|with|for|by|see|also|at|from|via|on|than)$")
_KEYWORDS = re.compile(r"Keywords?:", re.I)
#: the first and second parts of common hyphenated compounds and prefixes (a printout's split there keeps
#: the hyphen): "long-term", "non-invasive", "dose-dependent", "follow-up"
COMPOUND_FIRST = frozenset("""
    all anti bi co counter cross dose double ex extra follow full half high inter intra large long low meta mid
    multi non one open over part post pre pro pseudo quasi re real semi self short single small sub super two
    three four five six ten first second third under up well wide world""".split())
COMPOUND_SECOND = frozenset("""
    adjusted associated based blind cause cell cells centered controlled dependent derived effective free
    friendly fold grade income induced label level like limiting linked making mediated month naive negative
    old off out positive randomised randomized related reported resistant response risk scale sectional
    sensitive specific term threatening time treated type up week weighted wide year years""".split())
#: endings no compound has as its second word: "high-" / "est" is a split word
WORD_ENDINGS = frozenset("""
    able ably al ally ance ances ation ations ed edly ence ences ency er ers es est ful ial ially ian ians ible
    ic ical ically ics ing ings ise ised ises ism isms ist ists ity ities ive ively ize ized izes less ly ment
    ments ness ogy ology ous ously sion sions tion tional tions ular ure ures""".split())
_TOKEN = re.compile(r"[a-z\u00DF-\u024F]+(?:-[a-z\u00DF-\u024F]+)*")
#: a word split at a line's end: letters (a capital only first) and "-"; the next line goes on in lower case
_SPLIT_HEAD = re.compile(r"(?:^|[\s(\[\"'\u201c])([A-Z\u00C0-\u00DE]?[a-z\u00DF-\u024F]{2,})-$")
_SPLIT_TAIL = re.compile(r"([a-z\u00DF-\u024F]{2,})(?![\w-])")
_CLAUSE_END = re.compile(r"[.!?:;][)\]\"'\u201d]?$")
_WORD = re.compile(r"\S+")
#: a line of one label and one long token: "doi: 10.2412/jama.2784(19)30123-4.", "PMID: 3070..."
_UNBREAKABLE = re.compile(r"^\S{1,12}\s+\S{20,}$")


def _first_word(line: str) -> str:
    m = _WORD.search(line)
    return m.group(0) if m else ""


def width(lines: list[str]) -> int:
    """The wrap width a text shows: its longest line of two words or more (0 when there is none).  A label
    and one long identifier ("doi: 10.1016/...", joined by a no-break space on the page) show none: the
    browser cannot break them."""
    return max((len(s) for s in (ln.strip() for ln in lines) if " " in s and not _UNBREAKABLE.match(s)), default=0)


def _soft(cur: str, nxt: str, w: int, joined: str = "") -> bool:
    """Whether the break between two non-blank (stripped) lines is the window's wrap (*joined*: the text
    joined so far that *cur* ends)."""
    if _WRAPPED_HEADING.fullmatch(f"{joined or cur} {nxt}"):
        return True  # "Conflict of interest" / "statement"
    if P.is_id_line(nxt) and _DANGLING.search(cur) and not P.is_id_line(joined or cur):
        return True  # a sentence goes on: "See also PMID: 21486 and" / "doi: 10.1000/xyz1486."
    if (_STARTS_BLOCK.match(nxt) or _STARTS_BLOCK.sub("", cur).strip(" :") == "" or P.is_id_line(nxt) or P.is_noise(cur) or P.is_noise(nxt)
            or cur.lower().rstrip(".") in P.PAGE_PUBLICATION_TYPES or P.looks_like_citation(nxt)):
        return False  # the page's own lines: headings, buttons, a publication type, the citation
    joined = joined or cur
    citation = P.looks_like_citation(joined) or P.is_citation_continuation(joined)
    if not citation and P.looks_like_citation(joined + " " + nxt):
        return True  # "Am J Physiol Heart Circ Physiol." / "2013 Sep;21(2):3-8."
    if citation and (P.is_citation_continuation(nxt) or not cur.endswith(".") or _unclosed(joined)):
        return True  # "... 2013 Sep;21(2):3-8." / "doi: 10.1/x."; PubMed's citation ends in "." ("29(Suppl" / "3):1-9.")
    if _KEYWORDS.match(joined) and not cur.endswith("."):
        return True  # PubMed's keyword line ends in "." ("...; Randomized" / "Controlled trial; NF-κB.")
    if cur.endswith((",", "/")) or re.search(r"\w-$", cur) or nxt.startswith(","):
        return True
    if _unclosed(joined) and not nxt[:1] == "[":
        return True  # a bracket is open: "[Eur J Nucl Med Mol Imaging." / "2027]", "(p >" / "0.05)"
    if _LINKED_ENTRY_END.search(joined):
        return False  # a linked record's "[Gut. 2017]" ends its entry
    fits = len(cur) + 1 + len(_first_word(nxt)) <= SLACK * w
    if _SENTENCE_END.search(cur) and not nxt[:1].islower() and (
            fits or citation or (len(joined) == len(cur) and len(cur) < FULL * w) or _starts_paragraph(nxt)
            or P.looks_like_authors(nxt) or _byline_start(nxt)):
        # a paragraph ends where the next word would have fitted; a full line ends a sentence inside a
        # wrapped paragraph (a line's end is rarely a paragraph's) unless a label, an entry or a byline follows;
        # a block's first line ends it unless it is full (an abstract's first sentence filled its line)
        return False
    if (P.looks_like_authors(nxt, single_needs_marker=True) or _byline_start(nxt)) and not (
            P.looks_like_authors(cur) or _byline_start(joined) or _AFFILIATION_ENTRY.match(joined)
            or nxt[:1].islower() and _first_word(nxt) not in PARTICLES):  # "Published" / "by Elsevier Inc."
        return False  # the byline after a title whose last line happens to be full
    return not fits


def _starts_paragraph(line: str) -> bool:
    """Whether *line* starts a paragraph of its own: an abstract's label ("RESULTS:", "Methods and results:")
    or an affiliation entry ("2 Department of ...")."""
    if P.starts_with_label(line) or _label_wrapped(line):
        return True  # a label the reader knows ("Selection criteria: ...", "Authors' conclusions: ...")
    m = _LABEL.match(line)
    if m:
        words = re.findall(r"[a-z]+", m.group(1).lower())
        if m.group(1).isupper() or all(w in HEADING_WORDS for w in words):
            return True
    return bool(_AFFILIATION_ENTRY.match(line))


def _label_wrapped(line: str) -> bool:
    """Whether *line* is the first words of a known label of two words or more that the window wrapped
    ("Design, setting, and" / "participants: ...")."""
    low = line.lower()
    return (" " in low and ":" not in low and len(low) < 40
            and any(label.startswith(low + " ") for label in P.ABSTRACT_LABELS))


def _unclosed(text: str) -> bool:
    """Whether *text* opens a bracket or parenthesis it does not close."""
    return text.count("[") > text.count("]") or text.count("(") > text.count(")")


def _byline_start(line: str) -> bool:
    """Whether *line* starts a byline that wraps on: its names up to its last comma are an author list
    ("M Carmen Müller 1 , Emily R van den" / "Broek 2")."""
    head = line.rpartition(",")[0].strip()
    return bool(head) and P.looks_like_authors(head)


def _glue(cur: str, nxt: str, words: "_Words | None" = None, w: int = 0, line: str = "") -> str:
    # a browser breaks after a hyphen (kept: "s41577-" / "019-0111-6", "intermediate-" / "risk") and in a
    # long address after "/"; it does not hyphenate words itself (CSS hyphens: manual), a printout may
    if words is not None and _added_hyphen(line or cur, nxt, words, w):
        return cur[:-1] + nxt
    return cur + nxt if cur.endswith(("-", "/")) or nxt.startswith(",") else cur + " " + nxt


class _Words:
    """The words of a text (lower case), and its hyphenated compounds written whole on one line."""

    def __init__(self, lines: list[str]):
        # the pieces of a word split at a line's end are no words: "... a the-" / "rapeutic target"
        kept = [ln.partition(" ")[2] if prev.endswith("-") else ln for prev, ln in zip([""] + lines, lines)]
        tokens = _TOKEN.findall(" ".join(ln.rpartition(" ")[0] if ln.endswith("-") else ln for ln in kept).lower())
        self.plain = {t for t in tokens if "-" not in t}
        self.compounds = {t for t in tokens if "-" in t}


def _added_hyphen(cur: str, nxt: str, words: _Words, w: int) -> bool:
    """Whether the "-" ending the line *cur* was added by a printout that split a word ("immuno-" / "logy"), not a
    compound's own hyphen ("long-" / "term", "T-" / "cell", "COVID-" / "19").  In doubt it is kept."""
    head, tail = _SPLIT_HEAD.search(cur), _SPLIT_TAIL.match(nxt)
    if not (head and tail) or len(cur) < FULL * w:
        return False  # digits, capitals inside, a piece of one letter, or a line that did not fill the width
    a, b = head.group(1).lower(), tail.group(1)
    if f"{a}-{b}" in words.compounds:
        return False  # the text writes it hyphenated elsewhere
    if a + b in words.plain or b in WORD_ENDINGS:
        return True  # the text has the word whole elsewhere, or the piece is an ending ("high-" / "est")
    if a in COMPOUND_FIRST or b in COMPOUND_SECOND:
        return False  # a common compound's part or a prefix ("non-" / "invasive")
    return not (a in words.plain and b in words.plain)  # two words of the text: a compound of them


def unwrap(lines: list[str]) -> list[str]:
    """*lines* with the narrow window's wraps joined (the same number of lines), or *lines* unchanged when the
    text does not show a narrow wrap."""
    stripped = [ln.strip() for ln in lines]
    nonblank = [s for s in stripped if s]
    w = width(nonblank)
    if len(nonblank) < 6 or not 15 <= w <= MAX_WIDTH:
        return lines
    pairs = [(stripped[i], stripped[i + 1]) for i in range(len(stripped) - 1) if stripped[i] and stripped[i + 1]]
    # the evidence: a line carried on in lower case, mid-sentence ("memory T" / "cells in mice"), or a line
    # filled to near the width without ending a sentence; commas and short lines alone are not (Firefox
    # puts each byline marker "#", "1", "," on its own line)
    # two wraps suffice (a page with no abstract wrapped at 72 shows only its title's and byline's); a page's
    # furniture is many short lines of its own
    soft, enough = 0, max(2, 0.05 * len(nonblank))
    for a, b in pairs:  # counted only until there is enough evidence: _soft is the costly part
        if (b[:1].islower() or len(a) >= FULL * w and not _CLAUSE_END.search(a)) and _soft(a, b, w):
            soft += 1
            if soft >= enough:
                break
    if soft < enough:
        return lines
    out = list(lines)
    # a printout's hyphenation: words split with an added "-" (read against the text's own words)
    words = _Words(nonblank) if any(_SPLIT_HEAD.search(a) and _SPLIT_TAIL.match(b) for a, b in pairs) else None
    head = None  # index of the line the current wrapped block is joined onto
    for i, s in enumerate(stripped):
        if head is not None and s and _soft(stripped[i - 1], s, w, out[head].strip()):
            out[head] = _glue(out[head].rstrip(), s, words, w, stripped[i - 1])
            out[i] = ""
            continue
        head = i if s else None
    return out
