"""Render one PubMed record (a CSL item) as the text a person copies from its PubMed abstract page.

Test helper for the differential test of the ``pubmed-text`` reader. Two layouts:

* ``legacy``  -- www.ncbi.nlm.nih.gov/pubmed/NNN (until 2020), like ../shared/seed: "Format: Abstract",
  "Send to", the citation line ``TA. 2014 Oct;64(4):341-9. doi: ... Epub ...``, the title with PubMed's final
  period, ``Family INITIALS1,2`` authors, "Author information", upper-case ``LABEL:`` lines, "KEYWORDS:",
  ``PMID: N [Indexed for MEDLINE]`` and the collapsed "Publication types, MeSH terms" blocks.
* ``current`` -- pubmed.ncbi.nlm.nih.gov/NNN/: the site header, "Display options", "Full text links",
  "Page navigation", the journal button on a line of its own followed by ``. 2021 Mar;30(5):812-24.``,
  ``Given Family 1 2 ,`` authors, "Affiliations"/"expand", ``PMID:``/``PMCID:``/``DOI:`` lines, ``Label: text``
  abstract paragraphs, ``Keywords: ...``, "Similar articles", "Cited by", MeSH/Publication types/Grant sections.

Copy variations (:class:`Copy`) imitate the browsers: Chrome puts blank lines around blocks and glues superscript
affiliation numbers to the name; Firefox copies one line per block and keeps the numbers apart; either may keep
NBSPs (author separators, ``doi:``) and Windows line ends. The renderer only reads the CSL item (and its
``custom`` keys), never the reader under test.
"""
from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass, replace

from citeport.model.text import strip_markup

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SEASONS = {1: "Spring", 2: "Summer", 3: "Fall", 4: "Winter"}
LAYOUTS = ("legacy", "current")
NARROW_WIDTHS = (28, 34, 40, 48, 55, 64, 72)  # a phone, a split screen, a zoomed page, an e-mail's 72 columns
# Publication types the current page shows as a badge above the citation (the common ones are not shown).
HIDDEN_TYPES = {"Journal Article", "Research Support, Non-U.S. Gov't", "Research Support, N.I.H., Extramural",
                "Research Support, N.I.H., Intramural", "Research Support, U.S. Gov't, P.H.S.",
                "Research Support, U.S. Gov't, Non-P.H.S.", "Research Support, American Recovery and Reinvestment Act"}
COMMENT_HEADINGS = {"CommentIn": "Comment in", "CommentOn": "Comment on", "ErratumIn": "Erratum in",
                    "ErratumFor": "Erratum for", "UpdateIn": "Update in", "UpdateOf": "Update of",
                    "RetractionIn": "Retraction in", "RetractionOf": "Retraction of"}
LEGACY_HEAD = ["Format: Abstract", "Send to", "Choose Destination"]
CURRENT_HEAD = ["Skip to main page content", "An official website of the United States government",
                "Here's how you know", "NIH NLM Logo", "Log in", "Show account info", "Search:", "Search",
                "Advanced Clipboard", "User Guide", "Save", "Email", "Send to", "Display options",
                "Full text links"]
CURRENT_NAV = ["Actions", "Cite", "Collections", "Share", "Page navigation", "Title & authors", "Abstract",
               "Similar articles", "Cited by", "Publication types", "MeSH terms", "LinkOut - more resources"]
CURRENT_FOOT = ["LinkOut - more resources", "Full Text Sources", "Europe PubMed Central", "Follow NCBI",
                "Connect with NLM", "National Library of Medicine", "8600 Rockville Pike", "Bethesda, MD 20894"]
# Neighbouring records the pages list ("Similar articles", "Cited by"): they carry their own PMIDs and DOIs.
OTHER_RECORDS = [
    ("Telephone follow-up after ambulatory surgery: a systematic review.", "Berg A, et al.",
     "J Adv Nurs. 2019 Jan;75(1):10-22. doi: 10.1111/jan.13800. Epub 2018 Aug 30.", "30160000", " Review."),
    ("Recovery after day surgery: a cohort study.", "Holm K, Larsen T.",
     "Scand J Caring Sci. 2018 Jun;32(2):500-509. doi: 10.1111/scs.12400.", "28900000", ""),
]


# The corpus records name a linked comment/erratum only by its citation; the pages show its title and authors.
LINKED_TITLE = "Response to the letter on this article."
LINKED_AUTHORS = "Okafor CN, et al."


@dataclass(frozen=True)
class Copy:
    """How the page was copied: the browser's line breaks, NBSPs, line ends, collapsed sections."""
    browser: str = "chrome"          # chrome: blank lines between blocks, "Okafor CN1,"; firefox: tight lines
    nbsp: bool = False               # keep the pages' NBSPs (author separators, "doi:", "PMID:")
    crlf: bool = False               # Windows line ends
    expanded: bool = True            # affiliations / "Publication types, MeSH terms" expanded
    authors_per_line: bool = False   # current layout: each author on a line of its own (narrow window)
    # Rougher copies (copy_variants(rough=True) only; the page then lacks what they leave out):
    from_citation: bool = False      # the selection starts at the citation line: no site header, no navigation
    no_authors: bool = False         # the author line is missing (like ../shared/seed's legacy copy)
    authors_cut: int = 0             # current layout: only the first N authors, then "et al." (0: all)
    narrow: int = 0                  # copy_variants(narrow=True): a narrow window wraps every line at N chars
    wrap: str = "word"               # how it wraps: at spaces and after hyphens ("word", a browser); "hyphen"
    #                                  also splits a long word with an added "-" (a printout); "hard" cuts
    #                                  every N characters, mid-word (a terminal's copy)

    def label(self) -> str:
        flags = [self.browser] + [k for k in ("nbsp", "crlf", "authors_per_line", "from_citation", "no_authors")
                                  if getattr(self, k)]
        flags += [f"cut{self.authors_cut}"] if self.authors_cut else []
        flags += [f"narrow{self.narrow}" + ("" if self.wrap == "word" else self.wrap)] if self.narrow else []
        return "+".join(flags + ([] if self.expanded else ["collapsed"]))


def copy_variants(rng: random.Random, n: int, rough: bool = False, narrow: bool = False,
                  wraps: tuple[str, ...] = ("word",)) -> list[Copy]:
    """*n* distinct-ish copy variations, the plain Chrome copy first; *rough* adds partial selections;
    *narrow* wraps every copy but the first at 28-72 characters (a narrow window), in one of *wraps*."""
    out = [Copy()]
    while len(out) < n:
        copy = Copy(browser=rng.choice(["chrome", "firefox"]), nbsp=rng.random() < 0.5,
                    crlf=rng.random() < 0.3, expanded=rng.random() < 0.7,
                    authors_per_line=rng.random() < 0.2)
        if rough:
            copy = replace(copy, from_citation=rng.random() < 0.2, no_authors=rng.random() < 0.1,
                           authors_cut=rng.choice([0, 0, 0, 3, 10]))
        if narrow:
            copy = replace(copy, narrow=rng.choice(NARROW_WIDTHS), wrap=rng.choice(wraps))
        out.append(copy)
    return out


# ---------------------------------------------------------------------------------------------- pieces
def plain(text: str) -> str:
    """Rich text as the browser shows it (no tags, single spaces)."""
    return re.sub(r"[ \t]+", " ", strip_markup(text or "")).strip()


def page_date(date: dict | None) -> str:
    """A CSL date as PubMed writes it: ``2015 Feb``, ``2015 Jan-Feb``, ``1998 Dec-1999 Jan``, ``2014 Winter``."""
    if not date or not date.get("date-parts"):
        return str((date or {}).get("literal", ""))
    parts = [list(p) for p in date["date-parts"]]

    def one(p: list, year: bool = True) -> str:
        bits = [str(p[0])] if year else []
        if len(p) > 1 and p[1]:
            bits.append(MONTHS[int(p[1]) - 1])
        if len(p) > 2 and p[2]:
            bits.append(str(int(p[2])))
        return " ".join(bits)

    text = one(parts[0])
    if len(parts) > 1:
        same_year = parts[1][0] == parts[0][0]
        if same_year and len(parts[0]) > 2 and len(parts[1]) > 2 and parts[0][1] == parts[1][1]:
            text += f"-{int(parts[1][2])}"  # MedlineDate "2017 Mar 2-23": the month is not repeated
        else:
            text += "-" + one(parts[1], year=not same_year)
    if date.get("season") and len(parts[0]) == 1:
        text += " " + SEASONS.get(int(date["season"]), str(date["season"]))
    return text


def journal_of(item: dict) -> str:
    return plain(item.get("container-title-short") or item.get("container-title") or "")


def source_numbers(item: dict) -> str:
    """``;64(4):341-349.e2`` -- volume, issue and pages (or elocation) as the citation line writes them."""
    vol, iss, page = item.get("volume", ""), item.get("issue", ""), item.get("page", "")
    text = ""
    if vol or iss:
        text = ";" + vol
        if iss:  # "33(Suppl 2)"; a volume "18 Suppl 1" (MEDLINE VI, no issue) shows as it is
            text += f"({iss})"
    if page:
        text += ":" + page
    return text


def is_ahead_of_print(item: dict) -> bool:
    return item.get("custom", {}).get("publication-status") == "aheadofprint"


def is_preprint(item: dict) -> bool:
    return item.get("type") == "article" or "Preprint" in item.get("custom", {}).get("publication-types", [])


def title_line(item: dict) -> str:
    """The title as the page shows it: PubMed's final period, brackets for a translated title."""
    title = plain(item.get("title", ""))
    if item.get("custom", {}).get("title-translated"):
        title = f"[{title}]"
    return title if title.endswith((".", "?", "!")) else title + "."


def initials(given: str) -> str:
    """MEDLINE initials of a given name: ``Peter O.`` -> ``PO``, ``Jean-Pierre`` -> ``JP``."""
    return "".join(w[0] for w in re.split(r"[\s.\-]+", given) if w and w[0].isalpha())


def family_of(name: dict) -> str:
    return " ".join(x for x in (name.get("non-dropping-particle"), name.get("family")) if x)


def forename(name: dict) -> str:
    """The given name as PubMed's ForeName has it (no dots): ``Peter O.`` -> ``Peter O``."""
    return re.sub(r"\s+", " ", (name.get("given") or "").replace(".", " ")).strip()


def affiliation_numbers(item: dict) -> tuple[list[list[int]], list[str]]:
    """Per author the affiliation numbers, and the numbered affiliation list (deduplicated, in order)."""
    details = item.get("custom", {}).get("author-details") or []
    affs: list[str] = []
    nums: list[list[int]] = []
    for i, _ in enumerate(item.get("author", [])):
        mine = []
        for aff in (details[i] if i < len(details) else {}).get("affiliation", []):
            if aff not in affs:
                affs.append(aff)
            mine.append(affs.index(aff) + 1)
        nums.append(mine)
    return nums, affs


def ids_of(item: dict) -> list[tuple[str, str]]:
    out = [("PMID", item.get("PMID", ""))]
    if item.get("PMCID"):
        out.append(("PMCID", item["PMCID"]))
    if item.get("DOI"):
        out.append(("DOI", item["DOI"]))
    return out


def comment_blocks(item: dict) -> list[tuple[str, list[dict]]]:
    """Comments/corrections grouped by heading (page order), without "Cites" (those are references)."""
    groups: dict[str, list[dict]] = {}
    for cc in item.get("custom", {}).get("comments-corrections", []):
        heading = COMMENT_HEADINGS.get(cc.get("type", ""))
        if heading:
            groups.setdefault(heading, []).append(cc)
    return list(groups.items())


def _journal_year(ref: str) -> str:
    """``Gut. 2017 Jun;66(6):1`` -> ``Gut. 2017`` (the legacy page's bracketed source of a linked record)."""
    year = re.search(r"\b(1[89]|20)\d\d\b", ref)
    return f"{ref.split('. ')[0]}. {year.group(0) if year else ''}".strip()


def abstract_paragraphs(item: dict) -> list[tuple[str, str]]:
    """(label, text) per abstract paragraph; label '' when unlabelled."""
    out = []
    for para in (item.get("abstract") or "").split("\n"):
        para = plain(para)
        if not para:
            continue
        m = re.match(r"([A-Z][A-Z0-9 ,&/'()-]{1,60}): (.*)$", para)
        out.append((m.group(1), m.group(2)) if m else ("", para))
    return out


def mesh_line(heading: str, sep: str) -> str:
    """MEDLINE ``Flow Cytometry/*methods`` as the pages show it: ``Flow Cytometry/methods*``."""
    return sep.join(p.lstrip("*") + ("*" if p.startswith("*") else "") for p in heading.split("/"))


def label_case(label: str) -> str:
    """The current page's label case: ``BACKGROUND`` -> ``Background``."""
    return label[:1] + label[1:].lower() if label.isupper() else label


# ---------------------------------------------------------------------------------------------- layouts
class _Page:
    """Lines with the browser's block separation."""

    def __init__(self, copy: Copy):
        self.copy, self.lines = copy, []

    def block(self, *lines: str) -> None:
        if self.copy.browser == "chrome" and self.lines:
            self.lines.append("")
        self.lines.extend(lines)

    def text(self) -> str:
        lines = self.lines
        if self.copy.narrow:
            lines = [part for ln in lines for part in (wrap_line(ln, self.copy.narrow, self.copy.wrap) or [ln])]
        text = "\n".join(lines) + "\n"
        if not self.copy.nbsp:
            text = text.replace("\u00a0", " ")
        return text.replace("\n", "\r\n") if self.copy.crlf else text


def wrap_line(line: str, width: int, how: str = "word") -> list[str]:
    """*line* as a narrow window shows it (see Copy.wrap)."""
    if how == "hard":  # every *width* characters; the copy drops the spaces a cut leaves at a line's end
        return [line[i:i + width].rstrip() for i in range(0, len(line), width)]
    if how == "word":  # the browser wraps at spaces and after hyphens, and never splits a word
        return textwrap.wrap(line, width, break_long_words=False)
    out, cur = [], ""
    for word in line.split():
        if cur and len(cur) + 1 + len(word) > width:
            room = width - len(cur) - 2  # the letters of *word* that fit before an added hyphen
            if word.isalpha() and room >= 3 and len(word) - room >= 3:
                out.append(f"{cur} {word[:room]}-")
                cur = word[room:]
                continue
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return out + ([cur] if cur else [])


def render_legacy(item: dict, copy: Copy) -> str:
    page = _Page(copy)
    if not copy.from_citation:
        page.block(*LEGACY_HEAD)
        page.block("See comment in PubMed Commons below")
    cit = f"{journal_of(item)}. {page_date(item.get('issued'))}{source_numbers(item)}."
    if item.get("DOI"):
        cit += f" doi:\u00a0{item['DOI']}."
    if is_ahead_of_print(item):
        cit += " [Epub ahead of print]"
    elif item.get("available-date") and item.get("available-date") != item.get("issued"):
        cit += f" Epub {page_date(item['available-date'])}."
    page.block(cit)
    for heading, entries in comment_blocks(item):
        page.block(heading, *(f"    {LINKED_TITLE} [{_journal_year(e.get('ref', ''))}]" for e in entries))
    page.block(title_line(item))
    nums, affs = affiliation_numbers(item)
    if item.get("author") and not copy.no_authors:
        names = []
        for name, mine in zip(item["author"], nums):
            if name.get("literal"):
                text = name["literal"]
            else:
                text = " ".join(x for x in (family_of(name), initials(name.get("given", "")), name.get("suffix")) if x)
            names.append(text + ",".join(map(str, mine)))  # <sup> glued to the name in every browser
        page.block(", ".join(names) + ".")
    if affs:
        page.block("Author information")
        if copy.expanded:
            bullet = "  \u2022 " if copy.browser == "chrome" else ""
            page.block(*(f"{bullet}{i}{aff}" for i, aff in enumerate(affs, 1)))
    paras = abstract_paragraphs(item)
    if paras:
        page.block("Abstract")
        for label, text in paras:
            if label:
                page.block(label.upper() + ":")
            page.block(text)
    custom = item.get("custom", {})
    if custom.get("copyright"):
        page.block(plain(custom["copyright"]))
    if item.get("keyword"):
        page.block("KEYWORDS:")
        page.block(item["keyword"])
    status = {"MEDLINE": "[Indexed for MEDLINE]", "In-Process": "[PubMed - in process]",
              "Publisher": "[PubMed - as supplied by publisher]"}.get(custom.get("medline-status", ""), "")
    if copy.browser == "chrome":
        page.block(" ".join(f"{k}:\u00a0{v}" for k, v in ids_of(item)), *([status] if status else []))
    else:
        page.block(f"PMID: {item['PMID']} {status}".rstrip(), *(f"{k}: {v}" for k, v in ids_of(item)[1:]))
    if item.get("PMCID"):
        page.block("Free PMC Article")
    types, mesh = custom.get("publication-types", []), custom.get("mesh", [])
    if types or mesh:
        page.block(", ".join(x for x, y in (("Publication types", types), ("MeSH terms", mesh)) if y))
        if copy.expanded:
            if types:
                page.block("Publication types", *types)
            if mesh:
                page.block("MeSH terms", *(mesh_line(m, "/") for m in mesh))
            if custom.get("grants"):
                page.block("Grant support", *custom["grants"])
    page.block("LinkOut - more resources")
    page.block("PubMed Commons home", "PubMed Commons", "How to join PubMed Commons")
    page.block("Supplemental Content", "Full text links", "Similar articles")
    for title, _, cit_, pmid, _ in OTHER_RECORDS:
        page.block(title, f"[{cit_.split('.')[0]}. {cit_.split('. ')[1][:4]}]")
    page.block("Write to the Help Desk")
    return page.text()


def _current_authors(item: dict, copy: Copy) -> list[str]:
    nums, _ = affiliation_numbers(item)
    parts = []
    for name, mine in zip(item.get("author", []), nums):
        if name.get("literal"):
            text = name["literal"]
        else:
            text = " ".join(x for x in (forename(name), family_of(name), name.get("suffix")) if x)
        if mine:  # the <sup> starts with a separator span (NBSP); Firefox also keeps the space before ","
            sup = " ".join(map(str, mine))
            text += ("\u00a0" + sup) if copy.browser == "chrome" else (" " + sup + " ")
        parts.append(text)
    if 0 < copy.authors_cut < len(parts):  # the page's shortened list: "..., Jane Doe 3 , et al."
        parts = parts[:copy.authors_cut] + ["et al."]
    if copy.authors_per_line:
        return [p.rstrip() + ("," if i < len(parts) - 1 else "") for i, p in enumerate(parts)]
    return [",\u00a0".join(p.rstrip() if copy.browser == "chrome" else p for p in parts)]


def render_current(item: dict, copy: Copy) -> str:
    page = _Page(copy)
    custom = item.get("custom", {})
    if not copy.from_citation:
        page.block(*CURRENT_HEAD)
        if item.get("PMCID"):
            page.lines.append("Free PMC article")
        page.lines.extend(CURRENT_NAV)
    badges = [t for t in custom.get("publication-types", []) if t not in HIDDEN_TYPES]
    if badges:
        page.block(*badges)
    journal = journal_of(item) + (" [Preprint]" if is_preprint(item) else "")
    numbers = source_numbers(item)
    date_line = f". {page_date(item.get('issued'))}{numbers}."
    second = f"doi:\u00a0{item['DOI']}." if item.get("DOI") else ""
    if is_ahead_of_print(item):
        second = (second + " Online ahead of print.").strip()
    elif item.get("available-date") and item.get("available-date") != item.get("issued"):
        second = (second + f" Epub {page_date(item['available-date'])}.").strip()
    if copy.browser == "chrome":
        page.block(journal, date_line, *([" " + second] if second else []))
    else:
        page.block(f"{journal} {date_line} {second}".rstrip())
    page.block(title_line(item)[:-1] if title_line(item).endswith(".") else title_line(item))
    if item.get("author") and not copy.no_authors:
        page.block(*_current_authors(item, copy))
    _, affs = affiliation_numbers(item)
    if affs:
        page.block("Affiliations", "collapse" if copy.expanded else "expand")
        if copy.expanded:
            page.lines.extend(f"{i} {aff}" for i, aff in enumerate(affs, 1))
    page.block(*(f"{k}:\u00a0{v}" for k, v in ids_of(item)))
    if item.get("PMCID"):
        page.lines.append("Free PMC article")
    for heading, entries in comment_blocks(item):
        for e in entries:  # like a "Similar articles" entry: title, authors, citation, PMID
            ref = plain(e.get("ref", "")).rstrip(".")
            page.block(heading, LINKED_TITLE, LINKED_AUTHORS,
                       ref + "." + (f" PMID: {e['PMID']}" if e.get("PMID") else "") + " No abstract available.")
    paras = abstract_paragraphs(item)
    page.block("Abstract")
    if paras:
        page.lines.extend(f"{label_case(label)}: {text}" if label else text for label, text in paras)
    else:
        page.lines.append("No abstract available")
    if item.get("keyword"):
        page.lines.append(f"Keywords: {item['keyword']}.")
    if custom.get("copyright"):
        page.lines.append(plain(custom["copyright"]))
    if custom.get("conflict-of-interest"):
        page.block("Conflict of interest statement", plain(custom["conflict-of-interest"]))
    page.block("Similar articles")
    for title, authors, cit, pmid, extra in OTHER_RECORDS:
        page.lines.extend([title, authors, cit, f"PMID: {pmid}{extra}"])
    page.lines.append("See all similar articles")
    page.block("Cited by", OTHER_RECORDS[0][0], OTHER_RECORDS[0][1], OTHER_RECORDS[0][2],
               f"PMID: {OTHER_RECORDS[0][3]} Free PMC article.")
    refs = [cc for cc in custom.get("comments-corrections", []) if cc.get("type") == "Cites"]
    if refs:
        page.block("References", *(plain(cc.get("ref", "")) + (" - PMC - PubMed" if cc.get("PMID") else "")
                                   for cc in refs[:20]))
    if custom.get("publication-types"):
        page.block("Publication types", *custom["publication-types"])
    if custom.get("mesh"):
        page.block("MeSH terms", *(mesh_line(m, " / ") for m in custom["mesh"]))
    if custom.get("grants"):
        page.block("Grant support", *custom["grants"])
    page.block(*CURRENT_FOOT)
    return page.text()


def render(item: dict, layout: str, copy: Copy = Copy()) -> str:
    """The copied text of *item*'s PubMed page in *layout* (``legacy`` or ``current``)."""
    return (render_legacy if layout == "legacy" else render_current)(item, copy)
