"""Pieces of a PubMed record as text: tables and parsers for single lines.

Used by :mod:`citeport.formats.pubmed_text`, which finds these lines in a
page copied from a browser or in PubMed's "Abstract (text)" export.  Every
function here works on one already-cleaned line (or paragraph) of text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.dates import parse_date
from ..model.ids import normalize_doi
from ..model.names import (
    ORG_WORDS, PARTICLES, SURNAME_CONJUNCTIONS, VIETNAMESE_FAMILY, Name, looks_like_organisation, parse_name,
    parse_pubmed_short, surname_shaped,
)
from ..model.text import clean, strip_final_period
from .pubmed_common import CC_BY_LABEL, closing_bracket, dot_initials
from .pubmed_text_paste import LIGATURES

#: The link headings a page prints: PubMed's labels for the comment/correction RefTypes, and the page's own
#: label for a dataset record's link to the publication that reports its use.
LINK_HEADINGS = {**CC_BY_LABEL, "dataset use reported in": "AssociatedPublication",
                 "updated in": "UpdateIn"}  # a Cochrane review's "Update of" / "Updated in"

# -- tables -----------------------------------------------------------------

#: Lines of the PubMed web pages (legacy and current) that are user interface, not record (lower case).
UI_NOISE: frozenset[str] = frozenset((
    "send to:", "send to", "choose destination", "see comment in pubmed commons below", "pubmed commons home",
    "pubmed commons", "how to join pubmed commons", "supplemental content", "loading ...", "loading...",
    "write to the help desk", "format: abstract", "format:", "abstract", "free pmc article", "free pmc article.",
    "free article", "free full text", "full text links", "display options", "save", "email", "cite", "share",
    "collections", "actions", "add to collections", "add to my bibliography", "expand", "collapse",
    "show details", "hide details", "show less", "show more", "page navigation", "title & authors",
    "item in clipboard", "full-text links", "add to favorites", "filters:", "search", "clipboard",
    "my ncbi", "log in", "show account info", "skip to main page content", "advanced", "user guide",
    "an official website of the united states government", "here's how you know", "nih nlm logo",
    "pubmed", "format", "abstract format", "excerpt", "books & documents", "free books & documents", "summary", "pubmed disclaimer", "comment in pubmed commons",
    "linkout - more resources", "images from this publication.", "see all images", "[no authors listed]",
    "no authors listed", "no authors listed.",  # a copy that lost the brackets
    "no abstract available", "no abstract available.",
    # the current page's header and footer (Ctrl-A copies)
    "the .gov means it's official.", "the site is secure.", "ncbi home page", "search:", "my bibliography",
    "citation manager", "favorites", "pmid", "save citation to file", "create file", "web policies", "foia",
    "hhs vulnerability disclosure", "help", "accessibility", "careers", "national library of medicine",
    "8600 rockville pike", "bethesda, md 20894", "see all similar articles", 'see all "cited by" articles',
    "nlm", "nih", "usa.gov", "permalink", "copy", "add to search", "doi", "pubmed central", "pmc", "google scholar",
    "x", "facebook", "twitter", "instagram", "youtube", "linkedin", "github", "blog", "support center",
    "cite this article", "download .nbib", "download .nbib .ris", "sort by", "-", "×", "close", "previous",
    "next", "back to top", "full text", "view full text", "citation", "abstract page", "article",
    # the legacy page's furniture
    "resources", "how to", "about ncbi accesskeys", "sign in to ncbi", "sign out", "search term", "search database",
    "result filters", "recent activity", "turn off clear history", "turn off", "clear history", "display settings:",
    "display settings", "see all...", "see reviews...", "free in pmc", "free text", "free full text",
    "pubmed us national library of medicine national institutes of health", "ncbi", "skip to main content",
    "skip to navigation", "my ncbi sign in to ncbi sign out", "abstract send to", "related citations in pubmed",
    "other pubmed searches", "pubmed - indexed for medline", "pubmed - in process",
))
#: Names of full-text providers the current page shows as link buttons (lower case).
FULLTEXT_PROVIDERS: frozenset[str] = frozenset((
    "wiley", "elsevier science", "elsevier", "springer", "silverchair information systems", "atypon",
    "ovid technologies, inc.", "europe pubmed central", "jama", "nejm", "bmj", "bmj publishing group",
    "oxford university press", "sage publications", "taylor & francis", "karger", "thieme", "cambridge university press",
    "lippincott williams & wilkins", "mdpi", "frontiers media sa", "biomed central", "public library of science",
    "nature publishing group", "american chemical society", "iop publishing", "dove medical press",
    "hindawi limited", "j-stage, japan science and technology information aggregator, electronic", "scielo",
    "ingenta plc", "highwire", "wolters kluwer", "cell press", "american physiological society", "ios press",
))
_UI_NOISE_RE = re.compile(
    r"^(?:show all \d+ authors?|cited by \d+ (?:pubmed central )?articles?|\d+ comments?|"
    r"(?:wiley|elsevier|springer|silverchair|atypon|ovid|europe pmc|pmc) full text link.*|"
    r"free (?:pmc )?article\.?|pmcid:?\s*$|.*full text links?|search:.*|federal government websites often end in .*|"
    r"the https:// ensures .*|the \.gov means .*|access keys .*|images from this publication.*|"
    r"see all (?:similar articles|\"?cited by\"? articles|images|references|\d+ .*)|show all \d+ .*|"
    r"display settings:.*|format: .*|loading\W*|"
    r"free (?:pmc )?article\.? free full text)$",
    re.I,
)
#: Headings of the sections of a current/legacy page that follow the record.  Some hold this
#: record's data (value: its custom key or role); the rest quote other records and are skipped.
TRAILING_SECTIONS: dict[str, str | None] = {
    "similar articles": None, "cited by": None, "references": None, "figures": None, "linkout - more resources": None,
    "related information": None, "full text sources": None, "other literature sources": None, "medical": None,
    "miscellaneous": None, "research materials": None, "supplementary info": None,
    "associated data": "databank",  # trial registrations and data deposits: "ClinicalTrials.gov/NCT03036124"
    "recent activity": None, "follow ncbi": None, "connect with nlm": None, "full text links": None,
    "secondary source id": "databank", "publication types, mesh terms, substances": None,
    "publication types, mesh terms, substances, grant support": None, "publication types, mesh terms": None,
    "publication types, mesh terms, grant support": None, "personal name as subject": None,
    "publication types": "publication-types", "mesh terms": "mesh", "substances": "substances",
    "grant support": "grants", "grants and funding": "grants", "conflict of interest statement": "coi",
    "declaration of competing interest": "coi", "comments": None, "mentions": None, "supplementary concepts": None,
    "related links": None, "items in clipboard": None, "other literature sources": None, "clinical trials": None,
    "nih grants": None, "associated data sets": None,
    # the authors' statement about this record's data: a note (it has no CSL variable)
    "data availability statement": "data", "data availability": "data",
    "related citations in pubmed": None,  # the legacy page's list of other records
    "sections": "sections",  # a Bookshelf chapter's section titles (PubMed XML: Sections/SectionTitle)
}
_CITED_BY_RE = re.compile(r"^(?:cited by(?: \d+)?(?: pubmed central)? articles?|images from this publication.*)$", re.I)

#: Headings that a loose name test would take for a group author (lower case).
NOT_AUTHORS: frozenset[str] = frozenset((
    "author information", "affiliations", "affiliation", "author affiliations", "authors", "collaborators",
    "investigators", "keywords", "abstract", "copyright", "comment in", "comment on", "erratum in",
))

#: Publication types that the current page prints above the citation line (lower case).
PAGE_PUBLICATION_TYPES: frozenset[str] = frozenset((
    "review", "systematic review", "meta-analysis", "editorial", "letter", "comment", "comparative study",
    "case reports", "clinical trial", "randomized controlled trial", "observational study", "multicenter study",
    "practice guideline", "guideline", "published erratum", "retracted publication", "retraction of publication",
    "news", "historical article", "biography", "lecture", "congress", "consensus development conference",
    "clinical trial, phase i", "clinical trial, phase ii", "clinical trial, phase iii", "clinical trial, phase iv",
    "controlled clinical trial", "evaluation study", "validation study", "video-audio media", "interview",
    "preprint", "dataset", "english abstract", "introductory journal article", "expression of concern",
    "clinical conference", "twin study", "technical report", "portrait", "case report", "overall",
    "study guide", "systematic review and meta-analysis", "retracted publication", "corrected and republished article",
))

#: Structured-abstract labels written as Title Case (all-caps labels with a colon are recognised by shape).
ABSTRACT_LABELS: frozenset[str] = frozenset((
    "background", "backgrounds", "objective", "objectives", "aim", "aims", "aim of the study", "purpose",
    "introduction", "context", "methods", "method", "methodology", "materials and methods", "design",
    "study design", "setting", "settings", "participants", "patients", "subjects", "interventions",
    "intervention", "measurements", "main outcome measures", "main outcomes and measures", "outcomes",
    "results", "result", "findings", "main results", "conclusions", "conclusion", "conclusions and relevance",
    "interpretation", "discussion", "limitations", "implications", "significance", "summary", "importance",
    "observations", "evidence acquisition", "evidence synthesis", "data sources", "data extraction",
    "study selection", "data synthesis", "case presentation", "case description", "case report",
    "case summary", "rationale", "hypothesis", "funding", "trial registration", "level of evidence",
    "clinical relevance", "clinical significance", "recommendations", "key points", "search methods",
    "selection criteria", "data collection and analysis", "authors' conclusions", "main body",
    "short conclusion", "practice implications", "what is known", "what is new", "plain language summary",
    "purpose of review", "recent findings", "areas covered", "expert opinion", "expert commentary",
    "perspective", "questions", "approach", "experimental design", "principal findings", "research design",
    "patients and methods", "sources of data", "areas of agreement", "areas of controversy", "aims and objectives",
    "methods and results", "aims and methods", "results and conclusions", "methods and findings", "main findings",
    "background and aims", "background and objectives", "background and purpose", "objective and methods",
    "materials and method", "setting and participants", "design, setting, and participants",
    "design, setting and participants", "exposures", "exposure", "main outcome measure", "main outcomes",
    "primary outcome", "primary outcomes", "secondary outcomes", "outcome measures", "study objective",
    "study objectives", "registration", "trial registration number", "ethics and dissemination", "strengths and limitations",
    "meaning", "question", "aim(s)", "problem", "educational objective", "clinical trial registration",
    "clinicaltrials.gov identifier", "systematic review registration", "graphical abstract", "highlights",
    "patient summary",
))
_CAPS_LABEL = re.compile(r"^([A-Z][A-Z0-9 ,&/()'\u2019-]{2,70}):\s*(.*)$")
_TITLE_LABEL = re.compile(r"^([A-Z][A-Za-z ,&/'\u2019-]{2,60}?):\s+(.*)$")

#: Status lines of the legacy page and the export -> custom.medline-status.
STATUS: dict[str, str] = {
    "pubmed - indexed for medline": "MEDLINE", "indexed for medline": "MEDLINE",
    "pubmed - in process": "In-Process", "pubmed - as supplied by publisher": "Publisher",
    "pubmed": "PubMed-not-MEDLINE", "pubmed - oldmedline": "OLDMEDLINE",
    "pubmed - in data review": "In-Data-Review", "in data review": "In-Data-Review",
}
_STATUS_RE = re.compile(r"\[((?:PubMed(?: - [^\]]+)?)|Indexed for MEDLINE|In Data Review)\]", re.I)

# -- normalising lines --------------------------------------------------------

_BULLET_CHARS = "\u2022\u25cf\u25aa\u25e6\u2023\u2043\u00b7\uf0b7\uf0a7*>-"  # \uf0b7: Word's Symbol-font bullet
_BULLETS = re.compile(r"^[\s" + _BULLET_CHARS + r"]*(?=\S)")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LIGATURE = re.compile("[" + "".join(re.escape(chr(c)) for c in LIGATURES) + "]")  # the characters LIGATURES replaces
#: a list marker and its tab as Word saves a list as text: "o\tHumans" (second level), "\u00a7\t", "\uf0b7\t"
_TAB_BULLET = re.compile(r"^[ \t]*[o\u00a7\uf0a7\uf0d8\uf0fc" + _BULLET_CHARS + r"][ \t]*\t(?=\S)")


def clean_line(line: str) -> str:
    """One line as the parsers want it: no NBSP/tabs/zero-width characters, runs of space collapsed."""
    line = _ZERO_WIDTH.sub("", line)
    if _LIGATURE.search(line):  # PDF/OCR text: "ﬁ" -> "fi" (translate() is slow: only lines that need it)
        line = line.translate(LIGATURES)
    if "\t" in line:
        line = _TAB_BULLET.sub("", line)
    return clean(line)


#: A heading of the current page with its toggle button copied onto the same line
#: ("Affiliations expand", "Collaborators, Affiliations collapse").
_TOGGLED_HEADING = re.compile(r"^((?:collaborators(?:\s*\(\d+\))?|investigators|affiliations?|author information)"
                              r"(?:\s*,\s*(?:collaborators|affiliations?))?)\s+(?:expand|collapse)$", re.I)


def drop_toggle(line: str) -> str:
    """'Affiliations expand' -> 'Affiliations': the button is user interface, the heading is not."""
    m = _TOGGLED_HEADING.match(line) if line[-1:] in "dDeE" else None
    return m.group(1) if m else line


def strip_bullet(line: str) -> str:
    """'• 1Research Associate' -> '1Research Associate' (list bullets from a browser copy)."""
    return _BULLETS.sub("", line) if line[:1] in _BULLET_CHARS else line


def is_noise(line: str) -> bool:
    low = line.lower().strip().replace("\u2019", "'")
    return low in UI_NOISE or low in FULLTEXT_PROVIDERS or bool(_UI_NOISE_RE.match(low))


_STAMP = r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?\s?[Mm]\.?)?"
#: What a browser prints around each sheet of a page (and reader mode above it): the tab title
#: ("... - PubMed", "... - PubMed - NCBI"), often after a date stamp; the address, often before "1/3";
#: a date stamp or a sheet counter alone.
_PRINT_FURNITURE = re.compile(
    r"^(?:(?:" + _STAMP + r"\s+)?.{0,600}\s[-–|]\s+PubMed(?:\s[-–]\s+NCBI)?|" + _STAMP + r"|"
    r"(?:https?://)?(?:pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov/pubmed)(?:/\S*)?"
    r"(?:\s+(?:page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}|\s+\d{1,2}/\d{1,2}/\d{2,4})?|"  # "... 1/3", "... 12/03/2015"
    r"(?:page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3})$", re.I)


def is_print_furniture(line: str) -> bool:
    """A printed page's header/footer line (see _PRINT_FURNITURE); raw or cleaned text."""
    if "/" in line or "of" in line or "pubmed" in line.lower():  # a cheap test first: most lines go
        return bool(_PRINT_FURNITURE.match(clean_line(line)))
    return False


def trailing_section(line: str) -> tuple[bool, str | None]:
    """(is a trailing section heading, what it holds)."""
    low = line.lower().strip().rstrip(":")
    if low in TRAILING_SECTIONS:
        return True, TRAILING_SECTIONS[low]
    if _CITED_BY_RE.match(low):
        return True, None
    return False, None


# -- the citation line --------------------------------------------------------

_DATE = r"(?P<date>(?:1[6-9]|20)\d\d(?:-(?:1[6-9]|20)\d\d(?=[;:.]))?(?:\s+(?:[A-Z][a-z]{2,8}|\d{1,2})(?:\s*-\s*(?:(?:1[6-9]|20)\d\d\s+)?[A-Z][a-z]{2,8})?(?:\s+\d{1,2}(?:\s*-\s*(?:(?:(?:1[6-9]|20)\d\d\s+)?[A-Z][a-z]{2,8}\s+)?\d{1,2})?)?)?)"
# a MEDLINE date may span years: "Trans Am Clin Climatol Assoc. 1995-1996;107:145-63.", or days of two months:
# "1977 Jul 15-Aug 15", "2006 Dec 30-2007 Jan 5"
_CITATION = re.compile(
    # a journal may start with a number ("3 Biotech", "2D Mater", "20 Century Br Hist") when a word follows
    r"^(?P<journal>(?:[A-Za-z\u00C0-\u024F(\[]|\d{1,3}(?=[A-Z]|\s[A-Z]))[^;:,={}\"<>\n]{0,150}?)\.\s+" + _DATE +
    r"(?P<rest>(?:\s*[;:]|\.?\s*$|\.?\s+(?:doi|pii|Epub|eCollection|Online|Print|\[Epub|Erratum|PMID|Review))(?:.*))$"
)
_TAGGED_LINE = re.compile(r"^[A-Z][A-Z0-9]{1,3}\s*-\s")  # MEDLINE "SO  - ", RIS "JO  - ": not ours
# MedlinePgn may go on: "1183-9; discussion 1189-90", "e1-2; author reply e3", "S1-14; quiz S15-6"
_PAGE_MORE = r"(?:[;,]\s*(?:discussion|author reply|reply|quiz)\s+\S+?)*"
_VIP = re.compile(
    r"^;\s*(?P<vol>[^():;]*?)\s*(?:\((?P<iss>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*(?::\s*(?P<page>\S*?" + _PAGE_MORE + r"))?\s*(?:\.(?=\s|$)|$)"
)
_COLON_PAGE = re.compile(r"^:\s*(?P<page>\S*?" + _PAGE_MORE + r")\.(?=\s|$)")
_VOL_AFTER_COLON = re.compile(r"^(?P<vol>\d{1,4})(?:\((?P<iss>[^()]+)\))?:(?P<page>[A-Za-z]?\d[\w.-]*)$")
_EPUB = re.compile(r"Epub\s+(?P<d>(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8}(?:\s+\d{1,2})?)?)")
_ECOLLECTION = re.compile(r"eCollection\s+(?P<d>(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8}(?:\s*-\s*[A-Z][a-z]{2,8})?(?:\s+\d{1,2})?)?)")
_PRINT = re.compile(r"\bPrint\s+(?P<d>(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8}(?:\s*-\s*[A-Z][a-z]{2,8})?(?:\s+\d{1,2})?)?)")
_DOI_IN = re.compile(r"\bdoi:\s*(10\.\d{4,9}/\S+?)\.?(?=\s|$)", re.I)
_PII_IN = re.compile(r"\bpii:\s*(\S+?)\.?(?=\s|$)", re.I)
_CONTINUATION = re.compile(r"^(?:\.\s*(?:1[6-9]|20)\d\d|doi:|pii:|Epub\b|eCollection\b|Online ahead of print|"
                           r"\[Epub ahead of print\]|Print\s+(?:1[6-9]|20)\d\d|(?:[A-Z][a-z]{2}\s+)?\d{1,2}\.$|"
                           r"(?:[A-Z][a-z]{2}\s+\d{1,2}\.)|10\.\d{4,9}/)")


@dataclass
class Citation:
    """What a PubMed citation line says ("Health Expect. 2015 Feb;18(1):22-31. doi: ... Epub 2012 Sep 4.")."""

    journal: str
    issued: dict | None
    volume: str = ""
    issue: str = ""
    page: str = ""
    doi: str = ""
    other_dois: list[str] = field(default_factory=list)  # a record with two ELocationIDs: "doi: A. doi: B."
    pii: str = ""
    epub: dict | None = None
    ecollection: dict | None = None
    printed: dict | None = None
    ahead_of_print: bool = False
    preprint: bool = False  # "bioRxiv [Preprint]. 2023 Feb 8:2023.02.07.527548."
    extra: list[str] = field(default_factory=list)


@dataclass
class BookCitation:
    """What a Bookshelf citation says ("[In: Eds, editors.] StatPearls [Internet]. Place: Publisher; 2024 Jan-.
    2023 Jul 4 [updated 2023 Aug 1].")."""

    book: str
    publisher: str
    place: str
    issued: dict | None
    editors: list[Name] = field(default_factory=list)
    medium: str = ""
    contribution: str = ""  # the chapter's own date, ISO
    revised: str = ""  # "[updated ...]", ISO
    author: str = ""  # a corporate author before the editors ("Institute of Medicine (US) Committee ...; ")
    extra: list[str] = field(default_factory=list)
    edition: str = ""  # "Holland-Frei Cancer Medicine. 6th edition." -> "6" (as pubmed-xml reads <Edition>)


#: A book title's edition statement, as Bookshelf prints it after the title: ". 6th edition", ". 2nd ed."
_EDITION = re.compile(r"\.\s+(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?:edition|ed)\.?$", re.I)


def split_edition(title: str) -> tuple[str, str]:
    """'Clinical Methods. 3rd edition.' -> ('Clinical Methods', '3'); a title without one is returned as is."""
    m = _EDITION.search(title.strip())
    return (title.strip()[:m.start()], m.group("n")) if m else (title, "")


#: an imprint's date: a year, its month, and a whole book's day ("London: NICE; 2023 Jul 26.", NLM's form)
_IMPRINT_DATE = re.compile(r"(?:1[6-9]|20)\d\d(?:\s*[A-Z][a-z]{2,8}(?:\s+\d{1,2}(?!\d))?)?")
_BOOK = re.compile(
    r"^(?P<book>\S.{0,300}?)\.\s+"
    r"(?P<place>[A-Z][^.:;]{1,80}):\s*(?P<publisher>[^;]{2,200});\s*"
    r"(?P<date>(?:1[6-9]|20)\d\d(?:\s*[A-Z][a-z]{2,8}(?:\s+\d{1,2}(?!\d))?)?(?:\s*[-\u2013](?:\s*(?:1[6-9]|20)\d\d)?)?)\.?"
    r"(?:\s+(?P<chdate>(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8})?(?:\s+\d{1,2})?)\.?)?"
    r"(?:\s*\[updated (?P<updated>(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2,8})?(?:\s+\d{1,2})?)\]\.?)?"
    r"\s*(?P<rest>.*)$")


#: a whole book's page starts with its imprint alone ("Washington (DC): National Academies Press (US); 2011.")
_IMPRINT = re.compile(_BOOK.pattern.replace(r"^(?P<book>\S.{0,300}?)\.\s+", "^").replace(
    r"(?P<place>[A-Z][^.:;]{1,80})", r"(?P<place>[A-Z][^.:;]{1,60}\([A-Z]{2,3}\))"))
#: ... or a place outside the US, whose country NLM's style names after the publisher: "London: NICE (UK); 2019."
_IMPRINT_ABROAD = re.compile(_BOOK.pattern.replace(r"^(?P<book>\S.{0,300}?)\.\s+", "^").replace(
    r"(?P<publisher>[^;]{2,200})", r"(?P<publisher>[A-Z][^;]{1,200}\([A-Z]{2,3}\))"))


#: ... or, below the title and editors of a legacy whole book's page, with no country: "Boston: Butterworths; 1990."
_IMPRINT_PLAIN = re.compile(_BOOK.pattern.replace(r"^(?P<book>\S.{0,300}?)\.\s+", "^"))
_EDITORS_LINE = re.compile(r"^(?P<people>.{2,2000}?),\s*editors?\.?$")


def parse_title_first_book(editors: str, imprint: str) -> BookCitation | None:
    """A legacy whole book's page that shows its title first, then "Walker HK, Hall WD, editors." (or nothing)
    and then its imprint alone, "Boston: Butterworths; 1990.": the book's citation (its title is the title
    line's), or None.  The imprint alone has the shape of a sentence ("Results: odds ratio; 2019."): the caller
    asks for its place too -- right under the title block, on a page with a Bookshelf ID."""
    m = _IMPRINT_PLAIN.match(clean_line(imprint))
    eds = _EDITORS_LINE.match(clean_line(editors)) if editors else None
    if not m or m.group("rest").strip(" .") or (editors and not eds) or m.group("place").lower() in ABSTRACT_LABELS:
        return None
    year = re.match(_IMPRINT_DATE, m.group("date"))
    people = eds.group("people") if eds else ""
    return BookCitation(book="", publisher=m.group("publisher").strip(), place=m.group("place").strip(),
                        issued=parse_date(year.group(0)) if year else None,
                        editors=[a.name for a in parse_authors(people, full_names=False)] if people else [])


#: a Bookshelf book's series line: "(NICE Clinical Guidelines, No. 189)", "NICE Guideline, No. 136." (the title
#: has no sentence of its own: no ':' / ';' and capitalised words, as NLM prints a series name)
_SERIES = re.compile(r"^\(?(?P<title>[A-Z][\w/&'\u2019-]*(?:\s+(?:[A-Z(][\w/&'\u2019()-]*|of|and|for|on|in|the|&))"
                     r"{0,12}),\s*No\.\s*(?P<number>\d[\w.-]{0,15}?)\.?\)?\.?$")


def parse_series(line: str) -> tuple[str, str] | None:
    """(collection title, number) of a Bookshelf series line, or None."""
    m = _SERIES.match(clean_line(line).strip())
    return (m.group("title"), m.group("number")) if m else None


def parse_export_imprint(text: str) -> BookCitation | None:
    """A whole book's export record opens with its imprint alone ("London: National Institute for Health and
    Care Excellence (NICE); 2023 Nov 21.", a series line may follow): the first block of an export record is
    always its citation, so no country mark is needed there.  None for anything else."""
    m = _IMPRINT_PLAIN.match(clean_line(text))
    if not m or _TAGGED_LINE.match(text) or m.group("place").lower() in ABSTRACT_LABELS:
        return None
    rest = m.group("rest").strip()
    if rest and not parse_series(rest):
        return None
    year = re.match(_IMPRINT_DATE, m.group("date"))
    return BookCitation(book="", publisher=m.group("publisher").strip(), place=m.group("place").strip(),
                        issued=parse_date(year.group(0)) if year else None, extra=[rest] if rest else [])


def _iso(text: str | None) -> str:
    date = parse_date(text) if text else None
    parts = (date or {}).get("date-parts") or [[]]
    return "-".join(f"{n:02d}" if k else str(n) for k, n in enumerate(parts[0]))


def parse_book_citation(line: str) -> BookCitation | None:
    """Parse a Bookshelf (book / chapter) citation line; None when *line* is not one."""
    text = re.sub(r"^In:\s*", "", clean_line(line))
    eds = re.match(r"^(.{2,2000}?),\s*editors?\.\s+(?=\S)", text)
    if eds:
        text = text[eds.end():]
    abroad = None if eds else _IMPRINT_ABROAD.match(text)
    if abroad and abroad.group("place").lower() in ABSTRACT_LABELS:
        abroad = None  # "Results: Odds Ratio (OR); 2019." is an abstract's sentence
    m = _BOOK.match(text) or (None if eds else _IMPRINT.match(text) or abroad)
    if not m or _TAGGED_LINE.match(line):
        return None
    book = m.group("book").strip() if "book" in m.re.groupindex else ""  # a whole book: its title follows
    group, _, people = eds.group(1).rpartition(";") if eds else ("", "", "")
    medium = ""
    mm = re.search(r"\s*\[(Internet)\]$", book)
    if mm:
        book, medium = book[:mm.start()], mm.group(1)
    book, edition = split_edition(book)
    editors = [a.name for a in parse_authors(people, full_names=False)] if people.strip() else []
    year = re.match(_IMPRINT_DATE, m.group("date"))
    cit = BookCitation(book=book, publisher=m.group("publisher").strip(), place=m.group("place").strip(),
                       issued=parse_date(year.group(0)) if year else None, editors=editors, medium=medium,
                       contribution=_iso(m.group("chdate")), revised=_iso(m.group("updated")),
                       author=group.strip(), edition=edition)
    rest = m.group("rest").strip(" .")
    if rest:
        cit.extra.append(rest)
    return cit


def looks_like_citation(line: str) -> bool:
    return not _TAGGED_LINE.match(line) and parse_citation(line) is not None


def is_citation_continuation(line: str) -> bool:
    """A line that carries on a wrapped or split citation line (". 2015 Feb;18(1)...", "doi: ...", "Epub ...")."""
    return bool(_CONTINUATION.match(line))


def parse_citation(line: str) -> Citation | None:
    """Parse a citation line; None when *line* is not one."""
    text = clean_line(line)
    if _TAGGED_LINE.match(text):
        return None
    m = _CITATION.match(text)
    if not m:
        return None
    journal = m.group("journal").strip()
    # A journal abbreviation is a short run of words, not a sentence.
    words = journal.split()
    if len(words) > 14 or sum(1 for w in words if w[:1].islower()) > 2 or journal.endswith(("et al", " and")):
        return None
    if re.search(r"\.\s", journal):  # NLM abbreviations have no periods: "...review. BMJ" ends a sentence
        return None
    preprint = re.search(r"\s*\[Preprint\]$", journal, re.I)
    if preprint:
        journal = journal[:preprint.start()]
    cit = Citation(journal=journal, issued=parse_date(m.group("date")), preprint=bool(preprint))
    rest = m.group("rest").strip()
    vip = _VIP.match(rest) if rest.startswith(";") else _COLON_PAGE.match(rest) if rest.startswith(":") else None
    if vip:
        groups = vip.groupdict()
        cit.volume = (groups.get("vol") or "").strip()
        cit.issue = (groups.get("iss") or "").strip()
        cit.page = (groups.get("page") or "").strip()
        rest = rest[vip.end():]
        vol_page = _VOL_AFTER_COLON.match(cit.page) if not cit.volume else None
        if vol_page:  # "2021 Aug 10:12:712345" (an e-only journal's epub date): a volume, not an article id
            cit.volume, cit.issue, cit.page = vol_page.group("vol"), vol_page.group("iss") or "", vol_page.group("page")
    for attr in ("volume", "page"):
        value = getattr(cit, attr)
        if value.startswith("10.") and "/" in value:  # ahead of print: PubMed puts the DOI where volume/page go
            cit.doi = cit.doi or (normalize_doi(value) or "")
            setattr(cit, attr, "")
    for found in _DOI_IN.finditer(rest):
        doi = normalize_doi(found.group(1))
        if doi and not cit.doi:
            cit.doi = doi
        elif doi and doi != cit.doi and doi not in cit.other_dois:
            cit.other_dois.append(doi)
    pii = _PII_IN.search(rest)
    if pii:
        cit.pii = pii.group(1)
    epub = _EPUB.search(rest)
    if epub:
        cit.epub = parse_date(epub.group("d"))
    ecoll = _ECOLLECTION.search(rest)
    if ecoll:
        cit.ecollection = parse_date(ecoll.group("d"))
    printed = _PRINT.search(rest)
    if printed:
        cit.printed = parse_date(printed.group("d"))
    cit.ahead_of_print = bool(re.search(r"Epub ahead of print|Online ahead of print", rest, re.I))
    leftover = rest
    for pattern in (_DOI_IN, _PII_IN, _EPUB, _ECOLLECTION, _PRINT,
                    re.compile(r"\[?(?:Epub|Online) ahead of print\]?\.?", re.I)):
        leftover = pattern.sub("", leftover)
    leftover = re.sub(r"^[\s.;:]+|[\s.;:]+$", "", re.sub(r"(?:\s*\.\s*){2,}", ". ", leftover))
    if leftover:
        cit.extra.append(leftover)
    return cit


# -- titles -------------------------------------------------------------------

def parse_title(text: str) -> tuple[str, bool]:
    """(title, was translated): PubMed's final period removed, '[Translated title].' unbracketed."""
    t = clean_line(text)
    translated = False
    if t.startswith("[") and re.search(r"\]\.?$", t) and closing_bracket(t) == len(t.rstrip(".")) - 1:
        t = t.rstrip(".")[1:-1]  # not '[A] and [B].' (two brackets); '[... [corrected]].' is one
        translated = True
    if re.search(r"(?<![.\w])[A-Z]\.$", t):  # "... Vitamin D." / "Hepatitis B.": a letter, then PubMed's period
        return t[:-1], translated
    return strip_final_period(t), translated


# -- authors ------------------------------------------------------------------

_MARKERS_PAREN = re.compile(r"((?:\s*\((?:\d+|[#*\u2020\u2021])\))+)\s*$")
# "#" (contributed equally) and "*" (corresponding author) stand among the affiliation numbers
_MARKERS_SPACED = re.compile(r"((?:\s*,?\s+(?:\d{1,3}|[#*\u2020\u2021]))+)\s*$")
_MARKERS_GLUED = re.compile(r"(?<=[A-Za-z\u00C0-\u024F.)])([#*\u2020\u2021]?\d{1,3}(?:\s*,\s*\d{1,3})*[#*\u2020\u2021]?"
                            r"|[#*\u2020\u2021])\s*$")
#: a capital letter, accented ones too: MEDLINE initials keep them ("Gagnon É", "Łukasik Ż")
UPPER = "A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100\u0102\u0104\u0106\u010C\u010E\u0110\u0118\u011A\u0141\u0143\u0147" \
        "\u0150\u0152\u0158\u015A\u015E\u0160\u0162\u0164\u016E\u0170\u0178\u0179\u017B\u017D"
_SHORT_NAME = re.compile(r"^(?:[A-Za-z\u00C0-\u024F'’-]+\s+){1,4}[" + UPPER + r"]{1,4}"
                         r"(?:\s+(?:Jr|Sr|II|III|IV|2nd|3rd))?$")
_NAME_WORD = re.compile(r"^(?:[A-Z\u00C0-\u024F][\w'’.\u00C0-\u024F-]*|[a-z]{1,4}|[a-z]{1,4}['’]\w*|[A-Z]{1,4}|\(\S+\)|\w+-\d+|Jr\.?|Sr\.?|[2-9](?:nd|rd|th))$")
AUTHOR_NOISE = re.compile(r"\b(?:et al\.?|expand|collapse|show (?:all|less|more)(?: \d+ authors)?)\s*$", re.I)


@dataclass
class Author:
    name: Name
    markers: list[int]
    #: listed after a group name ("...; PIPARI Study Group, Ahtola A, ..."): a member, not an author
    member: bool = False


def _split_markers(chunk: str) -> tuple[str, list[int]]:
    for pattern in (_MARKERS_PAREN, _MARKERS_GLUED, _MARKERS_SPACED):
        m = pattern.search(chunk)
        if m and m.start() > 0:
            return chunk[:m.start()].strip(), [int(n) for n in re.findall(r"\d+", m.group(1))]
    if chunk.strip() in ("#", "*", "\u2020", "\u2021"):  # a marker cut off its name ("Jane Doe # , ...")
        return "", []
    return chunk.strip(), []


def _author_chunks(text: str) -> list[tuple[str, bool]]:
    """Split an author line into (chunk, after a semicolon) pieces."""
    s = clean_line(text)
    while True:  # "..., et al. Show all 12 authors": strip every trailing piece of noise
        stripped = AUTHOR_NOISE.sub("", s).strip().rstrip(",;").strip()
        if stripped == s:
            break
        s = stripped
    s = re.sub(r"\.$", "", s.rstrip(",; "))
    out: list[tuple[str, bool]] = []
    for i, group in enumerate(s.split(";")):
        # "Doe J1,2, Roe K" (legacy glued markers) -> split only on a comma followed by space
        for piece in re.split(r"\s*,\s+(?=\D)|\s+,\s*(?=\D)", group):
            if piece.strip():
                out.append((piece.strip(), i > 0))
    return out


def _nameish(chunk: str) -> bool:
    words = chunk.split()
    if not 1 <= len(words) <= 20 or re.search(r"[:!?\"]|(?<!\bSt)(?<!\b[A-Z])\.\s", chunk):
        return False  # a sentence; "Emma J St. Clair" and "Matthew A. Rondon" are names
    if ORG_WORDS.search(chunk) and chunk[:1].isupper() and len(words) <= 20:
        return True
    last = words[-2] if len(words) > 1 and re.fullmatch(r"[2-9](?:nd|rd|th)", words[-1]) else words[-1]  # "... 3rd"
    # lower-case particles do not count: "María del Carmen García de la Fuente" is one person
    return (len([w for w in words if not _is_particle(w)]) <= 6 and all(_NAME_WORD.match(w) for w in words)
            and last[:1].isupper())


def _is_particle(word: str) -> bool:
    return word[:1].islower() and word.lower() in PARTICLES


#: organisation words of the languages whose names have particles ("Grupo de Estudio de la Sociedad ...")
_ORG_WORDS_ROMANCE = re.compile(r"\b(?:grupo|groupe|gruppo|sociedad|sociedade|soci[eé]t[eé]|societ[aà]|instituto|"
                                r"istituto|red|r[eé]seau|rete|conse[jl]h?o|comit[eéê]|comitato|servicio|servi[cç]o|"
                                r"asociaci[oó]n|associa[cç][aã]o|federaci[oó]n|colegio|escola|escuela)\b", re.I)


#: lower-case words of a long name that are no name of their own ("de los Ángeles", "Gengo e Silva")
_NAME_CONNECTORS = SURNAME_CONJUNCTIONS | {"los", "las"}


def _person_with_particles(text: str) -> bool:
    """'Rosa María Gómez de la Torre': more than five words, but a person's (particles, no organisation word;
    the "e" of "Rita de Cássia Gengo e Silva" and the "los" of "de los Ángeles" are no words of their own)."""
    words = text.split()
    return (not ORG_WORDS.search(text) and not _ORG_WORDS_ROMANCE.search(text)
            and any(_is_particle(w) for w in words)
            and len([w for w in words if not _is_particle(w) and w not in _NAME_CONNECTORS]) <= 4)


def looks_like_name(text: str) -> bool:
    """One author's name, maybe with its markers ("Jane A Smith", "Jane A Smith 2 3")."""
    name, _ = _split_markers(clean_line(text).rstrip(",;"))
    return bool(name) and not name.isdigit() and _nameish(name) and not is_noise(name)


def looks_like_authors(text: str, *, single_needs_marker: bool = False) -> bool:
    """Whether a line/paragraph is PubMed's author list (short "Owens J(1)" or full "John Owens 1")."""
    s = clean_line(text)
    low = s.lower().rstrip(":")
    if not s or len(s) > 6000 or low in TRAILING_SECTIONS or low in NOT_AUTHORS or is_noise(s):
        return False
    chunks = _author_chunks(s)
    if not chunks:
        return False
    parsed = [_split_markers(c) for c, _ in chunks]
    named = [(n, m) for n, m in parsed if n and not n.isdigit()]
    if not named:
        return False
    good = sum(1 for n, _ in named if _nameish(n))
    if good < max(1, 0.85 * len(named)):
        return False
    if len(named) == 1:
        name, markers = named[0]
        if markers or _SHORT_NAME.match(name) or looks_like_organisation(name):
            return True
        # The legacy page ends its author line with a period; the current page's lone author
        # ("J Michael Olivero") has none, but then the ids or affiliations follow (no marker needed).
        # (a particle makes a longer name: "Peter O Fernández de Córdoba")
        words = name.split()
        longer = _person_with_particles(name) and all(w[:1].isupper() or _is_particle(w) for w in words)
        return not single_needs_marker and 1 <= len(words) <= (6 if longer else 4)
    return True


#: Capitalised particles that start a family name in the page's "Given Family" form ("Marco De Luca").
CAPITAL_PARTICLES = ("Van der", "Van Der", "Van den", "Van Den", "Van de", "Van De", "De La", "Van", "Von", "De la", "De", "Del", "Della", "Dei", "Di", "Da",
                     "Dal", "Dalla", "Dos", "Das", "Du", "Des", "Ten", "Ter", "Le", "La", "Lo", "El", "Al", "Abu",
                     # Arabic "Abd" (servant of) never stands alone: "Mohamed Abd El-Rahman", "Ahmed Abd El Aziz"
                     "Abd El", "Abd Al", "Abd el", "Abd al", "Abd",
                     "Ben", "Bin", "St.", "St", "Mac Giolla", "Nic Giolla", "Mac",
                     "Ní", "Nic", "Ó", "Uí")  # Irish surnames ("Aoife Ní Bhriain", "Cian Ó Dónaill")
#: Portuguese/Spanish particles start a compound family name of two words: "Sarah Dos Santos Silva"
_IBERIAN_PARTICLES = ("Dos", "Das", "Do", "Da", "De", "Del")
_CAPITAL_PARTICLE_RE = (r"^(\S.*?)\s+((?:(?:" + "|".join(re.escape(p) for p in CAPITAL_PARTICLES) +
                        r")\s+\S+|(?:" + "|".join(_IBERIAN_PARTICLES) + r")\s+[A-Z\u00C0-\u00DE]\S+\s+[A-Z\u00C0-\u00DE]\S+)"
                        r"(?:\s+(?:Jr|Sr|II|III|IV)\.?)?)$")
_CAPITAL_PARTICLE = re.compile(_CAPITAL_PARTICLE_RE)
#: an old (OLDMEDLINE) record prints names in capitals: "J R LE GALL"
_CAPS_PARTICLE = re.compile(_CAPITAL_PARTICLE_RE, re.I)
#: not PubMed's short form "Family INITIALS" though shaped like it: "R B ROSS" (initials first, an old
#: record in capitals), "John Q Public III" (a suffix after a family name)
# "Lise J Estcourt" / "María de la Cruz" in a given-first byline: a person (after a leading group, too)
_GIVEN_FIRST_PERSON = re.compile(r"^[" + UPPER + r"][^\s\d]*(?:\s+[^\s\d]+){1,4}$")
_NOT_SHORT = re.compile(r"^[A-Z]\.?\s+\S|\s[A-Z][a-z\u00DF-\u024F]\S*\s+(?:II|III|IV)$")


_JOINED_SURNAMES = re.compile(r"^(\S.*?)\s+([A-Z\u00C0-\u024F][^\s,]*\s+[yie]\s+[A-Z\u00C0-\u024F][^\s,]*)$")


#: Given-first names with a lower-case particle ("Maria Helena da Silva", "Ramón García-Sánchez de León"):
def _surname_before_particle(text: str) -> Name | None:
    """'Ramón García-Sánchez de León' -> family 'García-Sánchez de León' (``names.surname_shaped``); None: no such."""
    words = text.split()
    at = next((k for k, w in enumerate(words) if _is_particle(w)), None)
    if at is None or at < 2 or at == len(words) - 1:
        return None
    start = next((k for k in range(1, at) if surname_shaped(words[k])), None)
    if start is None:
        return None
    return parse_name(f"{' '.join(words[start:])}, {' '.join(words[:start])}", organisation=False)


def _full_name(text: str) -> Name:
    """'Jane A Smith' -> family/given; 'Marco De Luca' keeps 'De Luca' as the family name."""
    suffix = _SUFFIX_END.search(text)
    if suffix and len(text[:suffix.start()].split()) >= 2:  # "Ana Mac Giolla Phádraig 2nd": the name, then it
        name = _full_name(text[:suffix.start()])
        if "literal" not in name:
            name["suffix"] = suffix.group(0).strip()
            return name
    joined = _JOINED_SURNAMES.match(text)
    if joined:  # "Ignacio Fernández-Sánchez y Ruiz": both surnames, joined by "y" / "i" / "e", are the family
        return parse_name(f"{joined.group(2)}, {joined.group(1)}", organisation=False)
    compound = _surname_before_particle(text)
    if compound:
        return compound
    m = (_CAPS_PARTICLE if text.isupper() else _CAPITAL_PARTICLE).match(text)
    if m and not (m.group(2).split()[0].lower() == "van" and m.group(2).split()[1].lower() in VIETNAMESE_FAMILY):
        return parse_name(f"{m.group(2)}, {m.group(1)}")
    return parse_name(text, organisation=False if _person_with_particles(text) else None)


#: "The Lancet", "The PLOS Medicine Editors": a journal or its editors as author, never a person "The"
#: ... and a journal's editors as a notice's byline: "Editors of The Lancet", "PLOS ONE Editors"
_THE_ORG = re.compile(r"^The\s+\S|^Editors of\s+\S|^\S.*\sEditors$")


#: a name's suffix, left out of the organisation test ("Luis Miguel Mac Giolla Phádraig 2nd" is a person)
#: (after a word in lower case only: "ACCORD II" may be a group)
_SUFFIX_END = re.compile(r"(?<=[a-z\u00DF-\u024F])\s+(?:Jr|Sr|II|III|IV|2nd|3rd|4th)\.?$")


def parse_authors(text: str, *, full_names: bool) -> list[Author]:
    """Authors with their affiliation markers; names after ';' are collective (literal)."""
    authors: list[Author] = []
    previous_group = False
    people_after_group = False
    chunks = _author_chunks(text)
    given_first = full_names and _names_given_first(chunks)
    for chunk, after_semicolon in chunks:
        name_text, markers = _split_markers(chunk)
        if name_text.isdigit() and authors:  # "Jane Doe 2, 3": the 3 belongs to Jane Doe
            authors[-1].markers.append(int(name_text))
            continue
        if not name_text:
            continue
        opens_group = after_semicolon and not previous_group
        if (opens_group and authors and (people_after_group or "literal" in authors[-1].name)
                and (_SHORT_NAME.match(name_text) or (given_first and _GIVEN_FIRST_PERSON.match(name_text)))
                and not looks_like_organisation(name_text)):
            # "RECOVERY Collaborative Group; Horby P, Lim WS": the group leads, the people are authors.
            # After people, "Bauer M, Keller T; Arbeitsgruppe Herzinsuffizienz der DGK" is PubMed's group.
            opens_group = False
            after_semicolon = False
            people_after_group = True
        member = after_semicolon and previous_group
        if opens_group:
            name: Name = {"literal": name_text}
            previous_group = True
            authors.append(Author(name, markers))
            continue
        short = bool(_SHORT_NAME.match(name_text)) and not _NOT_SHORT.search(name_text) and not given_first
        # no family name is one letter ("S Venkatesh")... except in the short form: "R S" is LastName R, initials S
        initials_first = bool(re.match(r"^[A-Z]\.?\s+\S", name_text)) and not (
            not full_names and re.fullmatch(r"[A-Z]\s+[A-Z]{1,3}", name_text))
        if ((looks_like_organisation(_SUFFIX_END.sub("", name_text)) or _THE_ORG.match(name_text))
                and not _SHORT_NAME.match(name_text)
                and not _person_with_particles(name_text)):
            name = {"literal": name_text}
        elif short or len(name_text.split()) == 1:
            name = parse_pubmed_short(name_text)
        else:
            full = full_names or initials_first
            name = _full_name(name_text) if full else parse_pubmed_short(name_text)
            if full and name.get("given"):
                name["given"] = dot_initials(name["given"])  # "Johan P" -> "Johan P.", as MEDLINE FAU is read
        authors.append(Author(name, markers, member))
    return authors


def _names_given_first(chunks: list[tuple[str, bool]]) -> bool:
    """Whether a byline is the current page's "Given Family" list: then "Kavya R" is ForeName Kavya, LastName R.

    Most of its names end with a word in lower case ("Priya Raghunathan"); PubMed's short form ends every
    name with initials ("Okafor CN"), and a legacy byline without markers ("Baker M.") is read that way.
    """
    full = short = 0
    for chunk, _ in chunks:
        name, _ = _split_markers(chunk)
        words = [w for w in name.split() if not is_suffix_word(w)]
        if len(words) < 2 or looks_like_organisation(name):
            continue
        if _SHORT_NAME.match(name) and not _NOT_SHORT.search(name):
            short += 1
        elif any(c.islower() for c in words[-1]):
            full += 1
    return full > short


def is_suffix_word(word: str) -> bool:
    return word.rstrip(".") in ("Jr", "Sr", "JR", "SR", "II", "III", "IV", "2nd", "3rd")


# -- affiliations -------------------------------------------------------------

_AFF_PAREN = re.compile(r"\((\d{1,3})\)\s*")
_AFF_LEAD = re.compile(r"^(\d{1,3})\s*(?=[^\d\s.,;:)])")
_AFF_WORDS = re.compile(r"universit|department|hospital|institut|cent(?:er|re)|school|college|faculty|"
                        r"laborator|clinic|division|unit\b|@|ministry|agency|foundation|inc\b|ltd|gmbh", re.I)


def split_affiliations(text: str) -> dict[int, str]:
    """'(1)Dept A. (2)Dept B.' -> {1: 'Dept A.', 2: 'Dept B.'}; unnumbered text is number 0."""
    s = clean_line(text)
    parts = _AFF_PAREN.split(s)
    out: dict[int, str] = {}
    if len(parts) > 1:
        if parts[0].strip():
            out[0] = parts[0].strip()
        for num, body in zip(parts[1::2], parts[2::2]):
            out.setdefault(int(num), clean_line(body))
        return out
    m = _AFF_LEAD.match(s)
    if m:
        # reader view runs the numbered list into one line: "1 Dept A, Town. 2 Dept B, Town." (numbers in turn)
        number, rest, out = int(m.group(1)), s[m.end():], {}
        while nxt := re.search(r"(?<=[.;])\s+%d\s*(?=[A-Z\u00C0-\u00DE])" % (number + 1), rest):
            out[number], rest, number = rest[:nxt.start()].strip(), rest[nxt.end():], number + 1
        out[number] = rest.strip()
        return out
    return {0: s} if s else {}


def looks_like_affiliation(text: str) -> bool:
    s = clean_line(text)
    return bool(_AFF_PAREN.match(s) or _AFF_LEAD.match(s) and len(s) > 8 or
                (_AFF_WORDS.search(s) and len(s) < 1500))


# -- small lines ----------------------------------------------------------------

_LANG_RE = re.compile(r"^\[?Article in ([A-Z][^\]]{2,200}?)\]?\.?$")
_KEYWORDS_RE = re.compile(r"^key\s*words?\s*[:.]\s*(.*)$", re.I)
# PubMed prints the publisher's CopyrightInformation under the abstract, and some carry no copyright sign:
# "Published by the BMJ Publishing Group Limited. For permission to use ...", "Crown Copyright ..."
_COPYRIGHT_RE = re.compile(r"^(?:copyright\b|\u00a9|\(c\)\s|\(C\)\s|crown copyright\b|"
                           r"published by [^.]{2,80}\.(?:\s+for permission\b|$))", re.I)
_ID_RE = re.compile(r"\b(PMID|PMCID|NIHMSID|DOI|Bookshelf ID)\s*:\s*(\S+)(?:\s*\[Available on ([\d-]+)\])?", re.I)


def parse_language_line(text: str) -> tuple[list[str], str] | None:
    """'[Article in German; Abstract available in German from the publisher]' -> (['German'], rest)."""
    m = _LANG_RE.match(clean_line(text))
    if not m:
        return None
    first, _, rest = m.group(1).partition(";")
    langs = [x.strip() for x in re.split(r",|\band\b", first) if x.strip()]
    return langs, rest.strip()


def parse_keywords(text: str, *, labelled_only: bool = False) -> list[str] | None:
    """Keywords from 'Keywords: a; b; c.' (or an unlabelled 'a; b; c' line when allowed)."""
    s = clean_line(text)
    m = _KEYWORDS_RE.match(s)
    if m:
        body = m.group(1)
    elif labelled_only:
        return None
    else:
        body = s
    body = body.strip().rstrip(".")
    sep = ";" if ";" in body else ","
    words = [w.strip() for w in body.split(sep) if w.strip()]
    if m:
        return words
    # An unlabelled line is keywords only when it is clearly a list of short terms.
    if len(words) < 3 or any(len(w.split()) > 6 or re.search(r"\.\s", w) for w in words) or s.endswith("."):
        return None
    return words


#: a publisher's CopyrightInformation with no sign and no year, as PubMed prints some under the abstract: a short
#: paragraph of capitalised words naming a publisher or society ("British Veterinary Association.", "Georg Thieme
#: Verlag KG Stuttgart · New York."); no sentence of an abstract has that shape (no verb, no lower-case word)
_SIGNLESS_COPYRIGHT = re.compile(r"^[A-Z][\w&'.,-]*(?:\s+(?:[A-Z][\w&'.,-]*|of|and|the|for|in|on|&|·))*$")
_PUBLISHER_WORDS = re.compile(r"\b(?:Association|Society|College|Academy|Verlag|Ltd|Limited|Inc|LLC|GmbH|KG|AG|"
                              r"Publishing|Publishers|Press|Foundation|Federation|Wiley|Elsevier|Springer|Thieme|"
                              r"Karger|Sons)\b")


def is_signless_copyright(text: str) -> bool:
    """'British Veterinary Association.': the last paragraph under an abstract that is its copyright holder."""
    s = clean_line(text)
    return (len(s.split()) <= 12 and s.endswith(".") and bool(_SIGNLESS_COPYRIGHT.match(s))
            and bool(_PUBLISHER_WORDS.search(s)))


def is_copyright(text: str) -> bool:
    """'Copyright © 2014 Elsevier Ltd.', '© 2012 Wiley', 'Crown Copyright ©...', '... All rights reserved.'"""
    s = clean_line(text)
    if _COPYRIGHT_RE.match(s):
        return True
    return len(s) < 400 and bool(re.search(r"\u00a9|\bCopyright\s+(?:\(c\)|\d{4})|All rights reserved\.?$", s, re.I))


#: the id labels of a page whose key is not the label: the author manuscript id is MEDLINE's MID
ID_KEYS = {"BOOKSHELF ID": "bookshelf", "NIHMSID": "mid"}


def id_pairs(text: str) -> list[tuple[str, str]]:
    """Every (key, value) of an id line, a kind repeated too ("PMCID: PMC1" twice: a record in two PMC sets)."""
    return [(ID_KEYS.get(kind.upper(), kind.upper()), value.rstrip(".,;"))
            for kind, value, _ in _ID_RE.findall(clean_line(text))]


def parse_ids(text: str) -> dict[str, str]:
    """'PMID: 22943560 PMCID: PMC5060756 DOI: 10.1111/hex.12000' -> {'PMID': ..., ...}."""
    out: dict[str, str] = {}
    for kind, value, release in _ID_RE.findall(clean_line(text)):
        key = ID_KEYS.get(kind.upper(), kind.upper())
        out.setdefault(key, value.rstrip(".,;"))
        if release:
            out.setdefault("pmc-release", release)
    return out


def is_id_line(text: str) -> bool:
    """A line made of identifiers (and the status/'Free PMC article' noise PubMed prints next to them)."""
    s = clean_line(text)
    if not re.match(r"^(?:PMID|PMCID|NIHMSID|DOI|Bookshelf ID)\s*:", s, re.I):
        return False
    rest = _ID_RE.sub("", s)
    rest = _STATUS_RE.sub("", rest)
    rest = re.sub(r"free (?:pmc )?article\.?|\[indexed for medline\]", "", rest, flags=re.I)
    return len(rest.strip()) < 40


def parse_status(text: str) -> tuple[str, str] | None:
    """'[PubMed - in process]' -> ('[PubMed - in process]', 'In-Process')."""
    m = _STATUS_RE.search(clean_line(text))
    if not m:
        return None
    return m.group(0), STATUS.get(m.group(1).lower(), m.group(1))


_FREE_NOISE = re.compile(r"\s*free (?:pmc )?(?:article|full text)\.?\s*", re.I)


def is_status_line(text: str) -> bool:
    """'[PubMed - in process]', also with the legacy page's 'Free PMC Article' beside it."""
    s = _FREE_NOISE.sub(" ", clean_line(text)).strip()
    return bool(_STATUS_RE.fullmatch(s))


def abstract_label(text: str) -> str | None:
    """'BACKGROUND:' / 'Background' (alone on a line) -> the label, else None."""
    s = clean_line(text).rstrip(":").strip()
    if not s or len(s) > 60:
        return None
    if s.lower() in ABSTRACT_LABELS:
        return s
    if text.strip().endswith(":") and s.isupper() and len(s.split()) <= 6:
        return s
    return None


def starts_with_label(text: str) -> bool:
    """Whether a line starts a labelled section ('RESULTS: ...', 'Results: ...')."""
    s = clean_line(text)
    m = _CAPS_LABEL.match(s)
    if m and len(m.group(1).split()) <= 8 and m.group(1).isupper():
        return True
    m = _TITLE_LABEL.match(s)
    return bool(m and m.group(1).lower() in ABSTRACT_LABELS)


def mesh_term(text: str) -> str:
    """Page form 'Patient Participation / psychology*' -> MEDLINE form 'Patient Participation/*psychology'."""
    parts = [p.strip() for p in re.split(r"\s*/\s*", clean_line(text)) if p.strip()]
    out = []
    for p in parts:
        out.append("*" + p.rstrip("*").strip() if p.endswith("*") else p)
    return "/".join(out)


_LINK_BADGES = frozenset(("no abstract available", "free pmc article", "free article", "free full text",
                          # a Cochrane review's linked version: "PMID: 23939759 Updated. Review."
                          "updated", "free books & documents"))
#: a bare reference in a legacy links list: "Lancet 2002 Jul 6;360(9326):94." (no period after the journal)
BARE_REF = re.compile(r"^[A-Z][^.;:\[\]]{1,80}?\s(?:1[6-9]|20)\d\d(?:\s[A-Z][a-z]{2}(?:\s\d{1,2})?)?;\s*\w[^;]*[:(]")


def comment_ref(text: str) -> tuple[str, str | None]:
    """(reference text, PMID) for one 'Comment in' item."""
    s = clean_line(text)
    m = re.search(r"\s*PMID:\s*(\d+)\.?", s)
    pmid = m.group(1) if m else None
    if m:
        # "PMID: 1 Free PMC article. No abstract available. Clinical Trial.": badges and types, not the reference
        after = [p for p in re.split(r"(?<=\.)\s+", s[m.end():].strip()) if p]
        after = [p for p in after if p.rstrip(".").lower() not in _LINK_BADGES
                 and p.rstrip(".").lower() not in PAGE_PUBLICATION_TYPES]
        s = " ".join([s[:m.start()].strip()] + after).strip()
    s = re.sub(r"\s*(?:No abstract available|Free (?:PMC )?article|Review)\.?\s*$", "", s, flags=re.I).strip()
    return s, pmid

