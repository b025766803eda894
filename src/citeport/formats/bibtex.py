"""BibTeX and BibLaTeX, read and written, on bibtexparser v2.

Reading is bibtexparser's pipeline: split the file into blocks, then our
middlewares resolve values (``@string`` macros, month macros, ``#``
concatenation), crossref/xdata inheritance, and finally each entry is mapped
to CSL with the tables in ``bibtex_tables`` (the same tables drive the
writers).  Blocks bibtexparser cannot parse are reported with their line and
left out; every good entry still comes through.

The file is handed to bibtexparser a batch of blocks at a time (``_read_stream``),
so that its parsed blocks and the items are not all alive at once; a scan of the
text beforehand (``bibtex_blocks``) says what must wait or be kept (``@string``
macros, crossref parents).  The output is exactly that of parsing the whole file
at once (``_read_whole``, used when a parent is named through a macro).

Writing has two flavours: ``bibtex`` (journal, year/month, address, school)
and ``biblatex`` (journaltitle, date, location, institution).  Keys come from
``citekeys``; what neither flavour has a field for is kept in a ``csl-*`` or
``custom-*`` field (read back by citeport, ignored by BibTeX) and reported as
a loss.
"""
from __future__ import annotations

import json
import logging
import re
from collections import deque
from typing import Any, Iterable, Iterator, TextIO

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import LibraryMiddleware
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock, String

from ..model import dates as D
from ..model.attachments import add_attachments, attachments, bibtex_file_field, parse_bibtex_file_field
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES, Item, set_custom
from ..model.languages import to_bcp47
from ..model.names import PARTICLES
from ..model.preprints import in_shape, server_name
from ..model.text import strip_markup
from ..sources import Source
from . import bibtex_tables as T
from .bibtex_blocks import Prescan, next_cut, prescan
from .bibtex_latex import escape, from_rich_text, plain, to_rich_text
from .citekeys import KeyMaker
from .registry import Format

# --- value resolution (middleware) --------------------------------------------------------------


_COMMENT_LINE = re.compile(r"^[ \t]*%.*$", re.M)
#: parser_metadata flag of an entry whose values are resolved.
_RESOLVED = "citeport-resolved"
#: parser_metadata of an entry read in spite of a repeated field or mismatched delimiters: (warning, line).
_SETTLED = "citeport-settled"
# A "%" right after a digit ("95% CI", as ScienceDirect and Springer write abstracts unescaped) is a
# percent sign, not the start of a comment.
_COMMENT = re.compile(r"(?<![\\\d])%[^\n]*\n[ \t]*")


def _split_concat(raw: str) -> list[str]:
    """Split ``a # "b" # {c}`` at top-level ``#``."""
    if "#" not in raw:  # nearly every value: nothing to split
        return [raw.strip()]
    parts, depth, quote, start = [], 0, False, 0
    for i, c in enumerate(raw):
        if c == "\\":
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0 and (i == 0 or raw[i - 1] != "\\"):
            quote = not quote
        elif c == "#" and depth == 0 and not quote:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return [p.strip() for p in parts]


_NEXT_FIELD = re.compile(r"\s*\n\s*([A-Za-z][\w:.+-]*)\s*=\s*(\S.*)$", re.S)


def _split_missing_commas(entry: Entry) -> None:
    """``title = {A}`` NEWLINE ``file = {B}`` with the comma forgotten: two fields, as Zotero reads it."""
    for f in list(entry.fields):
        raw = f.value
        if not isinstance(raw, str) or not raw or raw[0] not in "{\"":
            continue
        end = _matching_close(raw, 0) if raw[0] == "{" else raw.find('"', 1)
        m = _NEXT_FIELD.match(raw, end + 1) if 0 < end < len(raw) - 1 else None
        if m and m.group(1).lower() not in entry.fields_dict:
            f.value = raw[:end + 1]
            entry.set_field(type(f)(m.group(1), m.group(2).rstrip().rstrip(",")))
            entry.parser_metadata.setdefault("missing-commas", []).append(f.key)


class ResolveValues(LibraryMiddleware):
    """Turn raw values into text: macros (``@string``, ``jan``..``dec``), ``#`` and enclosing braces/quotes.

    Unknown macros are kept as their name and listed in the entry's parser
    metadata (the reader reports them).
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)
        self.strings: dict[str, str] = {}

    def _value(self, raw: Any, strings: dict[str, str], unknown: list[str], month: bool = False) -> str:
        if not isinstance(raw, str):
            return str(raw)
        out = []
        pieces = _split_concat(raw)
        # a lone month macro is the month number; joined with text ("jan # ~15") it must read as a name
        month = month and len(pieces) == 1
        for piece in pieces:
            if len(piece) >= 2 and ((piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')):
                out.append(piece[1:-1])
            elif piece.isdigit():
                out.append(piece)
            elif piece.lower() in strings:
                out.append(strings[piece.lower()])
            elif piece.lower() in T.MONTH_MACROS:
                out.append(T.MONTH_MACROS[piece.lower()] if month else
                           ("January February March April May June July August September October "
                            "November December").split()[int(T.MONTH_MACROS[piece.lower()]) - 1])
            elif piece:
                unknown.append(piece)
                out.append(piece)
        return "".join(out)

    def transform(self, library: Library) -> Library:
        self.strings = {}
        for s in library.strings:  # in file order: later strings may use earlier ones
            self.add_string(s)
        for entry in library.entries:
            self.resolve_entry(entry)
        return library

    def add_string(self, string: String) -> None:
        """Define an ``@string`` macro (a later one with the same name, in any case, replaces it)."""
        self.strings[string.key.lower()] = self._value(string.value, self.strings, [])

    def resolve_entry(self, entry: Entry) -> None:
        """Resolve *entry*'s values in place (once: resolving twice would strip a second brace pair)."""
        entry.parser_metadata[_RESOLVED] = True
        unknown: list[str] = []
        _split_missing_commas(entry)
        for f in entry.fields:
            value = self._value(f.value, self.strings, unknown, month=f.key.lower() == "month")
            # "%" ends a line as a LaTeX comment (what TeX makes of it when typesetting)
            f.value = _COMMENT.sub("", value) if "%" in value else value
        if unknown:
            entry.parser_metadata["unknown-macros"] = unknown


# --- crossref / xdata (middleware) --------------------------------------------------------------

#: Parent fields a child inherits under another name (biblatex's default inheritance).
_INHERIT_AS = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_INHERIT_MV = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_NO_INHERIT = frozenset(("ids", "crossref", "xref", "entryset", "label", "shorthand", "shorthandintro",
                         "sortkey", "xdata", "shorttitle", "indextitle", "indexsorttitle", "sorttitle",
                         "annotation", "annote", "abstract", "keywords", "file"))


class ResolveCrossrefs(LibraryMiddleware):
    """Fill children from ``crossref`` and ``xdata`` parents (nested too); keys compare case-insensitively.

    ``by_key`` holds the possible parents (the last entry of each lower-cased key wins) and ``done``
    the keys already resolved; the streaming reader fills them as it goes and calls :meth:`resolve`
    on each entry in file order, as :meth:`transform` does for a whole library.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)
        self.by_key: dict[str, Entry] = {}
        self.done: set[str] = set()

    def transform(self, library: Library) -> Library:
        self.by_key = {e.key.lower(): e for e in library.entries}
        self.done = set()
        for e in library.entries:
            self.resolve(e)
        return library

    @staticmethod
    def refs(entry: Entry, kind: str) -> list[str]:
        """The parent keys *entry* names in its ``xdata`` or ``crossref`` field."""
        fields = entry.fields_dict
        ref = fields.get(kind) or fields.get(kind.capitalize())
        return [r.strip() for r in str(ref.value).split(",")] if ref else []

    def resolve(self, entry: Entry, seen: tuple[str, ...] | None = None) -> None:
        """Inherit *entry*'s parents' fields (theirs resolved first); a cycle stops where it closes."""
        seen = seen if seen is not None else (entry.key.lower(),)
        if entry.key.lower() in self.done:
            return
        for kind in ("xdata", "crossref"):
            for parent_key in self.refs(entry, kind):
                parent = self.by_key.get(parent_key.lower())
                if parent is None:
                    entry.parser_metadata.setdefault("missing-parents", []).append(parent_key)
                    continue
                if parent.key.lower() in seen:
                    continue
                self.resolve(parent, seen + (parent.key.lower(),))
                self._inherit(entry, parent, kind)
        self.done.add(entry.key.lower())

    @staticmethod
    def _inherit(child: Entry, parent: Entry, kind: str) -> None:
        have = {f.key.lower() for f in child.fields}
        ptype, ctype = parent.entry_type.lower(), child.entry_type.lower()
        renames: dict[str, str] = {}
        if kind == "crossref":
            if ptype.startswith("mv") and not ctype.startswith("mv"):
                renames = _INHERIT_MV
            elif ctype.startswith(("in", "book", "supp")) and ctype != "inproceedings" or ctype in (
                    "inproceedings", "incollection", "inbook", "inreference", "bookinbook"):
                renames = _INHERIT_AS
            elif ptype == "periodical" and ctype in ("article", "suppperiodical"):
                renames = {"title": "journaltitle", "subtitle": "journalsubtitle"}
            if ctype in ("inbook", "bookinbook", "suppbook") and "bookauthor" not in have:
                renames = {**renames, "author": "bookauthor"}
        for f in parent.fields:
            name = f.key.lower()
            if name in _NO_INHERIT or name == "xdata" or (kind == "crossref" and ptype == "xdata" and False):
                continue
            target = renames.get(name, name)
            if target not in have:
                child.set_field(type(f)(target, f.value))
                have.add(target)
            if name in renames and name not in have and name == "author" and ctype in ("inbook", "bookinbook"):
                child.set_field(type(f)("author", f.value))
                have.add("author")


# --- names --------------------------------------------------------------------------------------


def _split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split at *sep* where it is outside braces."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0:
            m = sep.match(text, i)
            if m:
                out.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    out.append(text[start:])
    return out


_AND = re.compile(r"\s+and\s+", re.I)
_COMMA = re.compile(r",")
_SPACE = re.compile(r"[\s~]+")


def _first_char_lower(word: str) -> bool:
    """BibTeX's von test: the first letter at brace depth 0 is lower case."""
    depth = 0
    i = 0
    while i < len(word):
        c = word[i]
        if c == "{":
            depth += 1
            if word.startswith("{\\", i):  # special character: its letter counts
                m = re.match(r"\{\\(?:[^A-Za-z]|[A-Za-z]+\s)?\s*\{?([A-Za-z])", word[i:])
                if m:
                    return m.group(1).islower()
        elif c == "}":
            depth -= 1
        elif c.isalpha() and depth == 0:
            return c.islower()
        i += 1
    return False


_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))


_SORT_PREFIX = re.compile(r"^(?:\{\\(?:noopsort|sortnoop|SortNoop)\s*\{[^{}]*\}\}|\\(?:noopsort|sortnoop|SortNoop)"
                          r"\s*\{[^{}]*\})\s*")


def parse_bib_name(raw: str) -> dict[str, str]:
    """One BibTeX name ("von Last, Jr, First" or "First von Last") as a CSL name."""
    raw = raw.strip().strip(",")
    # a sort key in front ("{\noopsort{A}}{Royal Society}") prints nothing: the name is what follows
    raw = _SORT_PREFIX.sub("", raw, count=1) or raw
    if len(raw) > 1 and raw[0] == "{" and raw[-1] == "}" and _matching_close(raw, 0) == len(raw) - 1:
        return {"literal": plain(raw[1:-1]).strip()}
    if "=" in raw and re.match(r"^\s*(family|given|prefix|suffix)\s*=", raw, re.I):
        return _parse_extended_name(raw)
    parts = [p.strip() for p in _split_top(raw, _COMMA)]
    dropping: list[str] = []
    if len(parts) == 1:
        words = [w for w in _split_top(parts[0], _SPACE) if w]
        if not words:
            return {"literal": ""}
        # First von Last: von starts at the first lower-case word before the last word.  A name
        # written all in lower case ("sudhin jacob") marks nothing by case: only known particles
        # are von then, as a person would read it.
        is_von = _first_char_lower
        if all(_first_char_lower(w) for w in words):
            is_von = lambda w: w.lower() in PARTICLES  # noqa: E731
        vstart = next((i for i, w in enumerate(words[:-1]) if is_von(w)), None)
        if vstart is None:
            first, von, last = words[:-1], [], words[-1:]
        else:
            vend = max(i for i, w in enumerate(words[:-1]) if is_von(w) and i >= vstart)
            first, von, last = words[:vstart], words[vstart:vend + 1], words[vend + 1:]
        jr: list[str] = []
        if len(last) == 1 and len(first) >= 1 and last[0].strip("{}").lower() in _SUFFIXES:
            # "Guy L. Steele Jr." (dblp, IEEE): BibTeX would make "Jr." the family name
            jr, last, first = [last[0].strip("{}")], first[-1:], first[:-1]
    else:
        vl = [w for w in _split_top(parts[0], _SPACE) if w]
        if len(parts) == 3 and parts[2].strip("{}").lower() in _SUFFIXES \
                and parts[1].strip("{}").lower() not in _SUFFIXES:
            parts = [parts[0], parts[2], parts[1]]  # "King, Martin Luther, Jr.": the suffix written last
        jr = [parts[1]] if len(parts) == 3 else []
        first = [parts[-1]] if len(parts) >= 2 else []
        i = len(vl) - 1
        while i > 0 and not _first_char_lower(vl[i - 1]):
            i -= 1
        j = 0
        while j < len(vl) - 1 and not _first_char_lower(vl[j]):
            j += 1
        if j < len(vl) - 1 and _first_char_lower(vl[j]):
            k = max(x for x in range(len(vl) - 1) if _first_char_lower(vl[x]))
            von, last = vl[:k + 1], vl[k + 1:]
            if j > 0:
                # a capitalised word before "von" starts the family name and the particle stays inside it,
                # as model.names reads a name written given-first: "Ortega y Gasset, José",
                # "García-Sánchez de León, Juan" (not "de García-Sánchez León")
                von, last = [], vl
        else:
            von, last = [], vl
        gwords = [w for w in _split_top(first[0], _SPACE) if w] if first else []
        j = len(gwords)
        while j > 1 and gwords[j - 1].lower() in PARTICLES and gwords[j - 1][:1].islower():
            j -= 1
        if j < len(gwords):
            # "Beethoven, Ludwig van": particles after the given names are CSL's dropping particle
            # (citeproc-js and model.names read them so; the writer puts a dropping particle there)
            first, dropping = [" ".join(gwords[:j])], gwords[j:]
    name: dict[str, str] = {}
    plain_ = _name_part
    family = plain_(" ".join(last))
    if family:
        name["family"] = family
    given = plain_(" ".join(first))
    if given:
        name["given"] = given
    if dropping:
        name["dropping-particle"] = plain_(" ".join(dropping))
    if von:
        name["non-dropping-particle"] = plain_(" ".join(von))
    if jr and jr[0].strip():
        name["suffix"] = plain_(jr[0])
    if not family and given:
        return {"family": given}
    return name


def _name_part(raw: str) -> str:
    """Decoded, with line breaks (``\\\\``) and runs of spaces as one space (a no-break space stays)."""
    return re.sub(r"[ \t\n\r]+", " ", plain(raw)).strip()


_UNESCAPED_BRACE = re.compile(r"(?<!\\)[{}]")


def _matching_close(text: str, start: int) -> int:
    """Index of the brace closing the one at *start* (braces after a backslash do not count), or -1."""
    depth = 0
    for m in _UNESCAPED_BRACE.finditer(text, start):  # only the braces, not every character
        depth += 1 if m.group() == "{" else -1
        if depth == 0:
            return m.start()
    return -1


def _parse_extended_name(raw: str) -> dict[str, str]:
    """biblatex's ``family=Smith, given=John, prefix=van, useprefix=true``."""
    keys = {"family": "family", "given": "given", "prefix": "non-dropping-particle", "suffix": "suffix"}
    name: dict[str, str] = {}
    parts = _split_top(raw, _COMMA)
    if any(re.fullmatch(r"\s*useprefix\s*=\s*\{?\s*false\s*\}?\s*", p, re.I) for p in parts):
        keys["prefix"] = "dropping-particle"  # left out of citations and sorting: CSL's dropping particle
    for part in parts:
        k, _, v = part.partition("=")
        k = k.strip().lower()
        v = v.strip()
        if v.startswith("{") and v.endswith("}"):
            v = v[1:-1]
        if k in keys and v:
            name[keys[k]] = plain(v).strip()
    return name


def parse_names(value: str) -> tuple[list[dict[str, str]], bool]:
    """All names of a field; the flag says the list ended in ``and others``."""
    names, others = [], False
    for raw in _split_top(f" {value.strip()} ", _AND):  # (padded: a dangling "A and" is one name)
        if raw.strip().lower() == "others":
            others = True
            continue
        if raw.strip():
            name = parse_bib_name(raw)
            if any(name.values()):
                names.append(name)
    return names, others


def format_name(name: dict[str, Any]) -> str:
    """A CSL name as BibTeX writes it: "von Last, Jr, First"; literals braced."""
    if set(name) == {"family"} and re.fullmatch(r"[^\s,{}]+", name["family"]):
        return escape(name["family"])  # a lone word is BibTeX's last name: no braces needed
    if "literal" in name or not name.get("family"):
        return "{" + escape(str(name.get("literal") or name.get("family") or name.get("given") or "")) + "}"
    family = escape(name["family"])
    if " " in name["family"] or "," in name["family"] or (name["family"][:1].islower()
                                                            and not name.get("non-dropping-particle")):
        family = "{" + family + "}"  # "Lloyd Webber" is one family name
    dropping = name.get("dropping-particle") if name.get("given") else None
    # a dropping particle goes after the given names ("Beethoven, Ludwig van"), where BibTeX prints it
    # in full and the reader takes it back as dropping; with no given name it can only be "von"
    von = " ".join(p for p in (None if dropping else name.get("dropping-particle"),
                               name.get("non-dropping-particle")) if p)
    head = f"{escape(von)} {family}" if von else family
    if von and not von[:1].islower():
        head = "{" + escape(von) + "} " + family
    parts = [head]
    if name.get("suffix"):
        parts.append(escape(name["suffix"]))
    given = " ".join(p for p in (name.get("given", ""), dropping) if p)
    if given or name.get("suffix"):
        parts.append(escape(given))
    return ", ".join(parts)


# --- entry -> item ------------------------------------------------------------------------------

_TITLE_GROUPS = {  # CSL variable: (main, subtitle, titleaddon)
    "title": ("title", "subtitle", "titleaddon"),
    "booktitle": ("booktitle", "booksubtitle", "booktitleaddon"),
    "maintitle": ("maintitle", "mainsubtitle", "maintitleaddon"),
    "journaltitle": ("journaltitle", "journalsubtitle", None),
    "journal": ("journal", "journalsubtitle", None),
    "issuetitle": ("issuetitle", "issuesubtitle", None),
}
_THESIS_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_GENRE_KEYS = {"phdthesis": "PhD thesis", "mathesis": "Master's thesis", "candthesis": "Candidate thesis",
               "techreport": "Technical report", "resreport": "Research report",
               "software": "Computer software", "datacd": "Data CD", "audiocd": "Audio CD",
               **T.PATENT_KEYS}
_CONSUMED = frozenset(sum((tuple(x for x in v if x) for v in _TITLE_GROUPS.values()), ())) | {
    "year", "month", "day", "date", "urldate", "eventdate", "origdate", "pages", "number", "issue",
    "doi", "url", "eprint", "eprinttype", "archiveprefix", "eprintclass", "primaryclass", "pmid",
    "pmcid", "keywords", "howpublished", "langid", "language", "hyphenation", "publisher", "institution", "school",
    "organization", "address", "location", "editortype", "editoratype", "editorbtype", "editorctype",
    "editora", "editorb", "editorc", "addendum", "others", "fjournal", "origyear", "copyright", "file",
} | set(T.ELOCATION_FIELDS) | set(T.TEXT_FIELDS) | set(T.NAME_FIELDS) | T.IGNORED_FIELDS


#: Entry types that are a whole book (their booktitle is no container of theirs).
_WHOLE_BOOK_TYPES = frozenset(("book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
                               "reference", "mvreference"))


#: Entry types whose ``pages`` without a range is the work's extent (CSL ``number-of-pages``).
_EXTENT_PAGES_TYPES = _WHOLE_BOOK_TYPES | {"thesis", "phdthesis", "mastersthesis"}


def _title(fields: dict[str, str], group: str) -> str:
    main, sub, addon = _TITLE_GROUPS[group]
    text = to_rich_text(fields[main]) if fields.get(main) else ""
    if sub and fields.get(sub):
        text = f"{text}: {to_rich_text(fields[sub])}" if text else to_rich_text(fields[sub])
    if addon and fields.get(addon):
        text = f"{text}. {to_rich_text(fields[addon])}" if text else to_rich_text(fields[addon])
    return text.strip()


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _before_colon(title: str) -> str:
    """'Spooky action: a study' -> 'Spooky action' (a colon outside markup; '' when there is none)."""
    m = re.match(r"([^:<]*(?:<[^>]*>[^:<]*)*?):\s", title)
    if not m or not m.group(1).strip():
        return ""
    head = m.group(1).strip()
    return head if head.count("<") == head.count(">") and len(re.findall(r"<[a-z]", head)) == len(
        re.findall(r"</", head)) else ""


def _list_value(value: str) -> str:
    """biblatex lists ("Westport, Conn. and London") -> "Westport, Conn.; London"."""
    return "; ".join(plain(v).strip() for v in _split_top(value, _AND) if v.strip())


def _date(fields: dict[str, str], ctx: Context, label: str) -> dict | None:
    if fields.get("date"):
        d = parse_edtf(_date_text(fields["date"]))
        # the year field is decoded only for a date without date-parts (most dates have them: no cost there)
        year = plain(fields.get("year", "")).strip() if d and "date-parts" not in d else ""
        if year and re.fullmatch(r"\d{4}", year):
            # a date without its year beside a year field ("Mar 3": JabRef's copy of EndNote's pub-dates)
            joined = D.parse_date(f"{year} {plain(fields['date']).strip()}")
            if "date-parts" in joined and joined["date-parts"][0][0] == int(year):
                return joined
        if d:
            return d
    if fields.get("year") or fields.get("month"):
        year = plain(fields.get("year", "")).strip()
        month = plain(fields.get("month", "")).strip()
        day = plain(fields.get("day", "")).strip()
        if not day and month and not month.isdigit():
            m = _MONTH_WITH_DAY.fullmatch(month)
            if m and (m.group(1) or m.group(3)):  # "July 30th", "2 sep": the day rides in the month field
                month, day = m.group(2), m.group(1) or m.group(3)
        if re.fullmatch(r"-?\d+", year) or not year:
            if not year:
                return None
            days = _DAY_RANGE.fullmatch(month) if month and not day else None
            if days and D.month_number(days[3]) and D.month_number(days[5] or days[3]):
                # a conference's days in the month field (PMLR's "09--15 Jun", "30 Jun--2 Jul")
                start = D.from_parts(year, D.month_number(days[3]), int(days[1]))
                end = D.from_parts(year, D.month_number(days[5] or days[3]), int(days[4] or days[2]))
                if start and end and len(start["date-parts"][0]) == len(end["date-parts"][0]) == 3 \
                        and start["date-parts"][0] < end["date-parts"][0] and end["date-parts"][0][2] <= 31:
                    return {"date-parts": start["date-parts"] + end["date-parts"]}
            if month and not month.isdigit() and re.search(r"[-/–]", month):
                ranged = D.parse_date(" ".join(p for p in (year, month, day) if p))  # "Jan/Feb", "Mar-Apr"
                if "date-parts" in ranged:
                    return ranged
            date = D.from_parts(year, month or None, day or None)
            if month and date and len(date["date-parts"][0]) < 2 and "season" not in date:
                # a month no calendar knows ("13", "Fall issue"): say so, keep the text
                ctx.report("warning", f"month {month!r} is not a month; kept as custom tag bibtex:month",
                           record=label, code="guessed", field="month")
            return date
        m = _YEAR_SPAN.fullmatch(year)
        if m:  # MathSciNet's "1980/81", a volume's "1998--1999"
            end = m.group(2) if len(m.group(2)) == 4 else m.group(1)[:2] + m.group(2)
            if int(end) > int(m.group(1)):
                return {"date-parts": [[int(m.group(1))], [int(end)]]}
        m = _YEAR_LETTER.fullmatch(year)
        if m:  # "2020a": a year the author disambiguated by hand; the letter is kept in custom.tags
            return _date({**fields, "year": m.group(1)}, ctx, label)
        parsed = D.parse_date(" ".join(p for p in (year, month, day) if p))
        return parsed
    return None


_YEAR_SPAN = re.compile(r"(\d{4})\s*(?:/|-{1,3}|–|—)\s*(\d{4}|\d{2})")
_YEAR_LETTER = re.compile(r"(\d{4})\s*([a-z])")
#: Days before the month: "09--15 Jun", "9-15 June", "30 Jun -- 2 Jul" (groups: day, day, month, day, month).
_DAY_RANGE = re.compile(r"(\d{1,2})\.?(?:\s*(?:-{1,3}|–|—)\s*(\d{1,2})\.?)?\s+([A-Za-z]+)\.?"
                        r"(?:\s*(?:-{1,3}|–|—)\s*(\d{1,2})\.?\s+([A-Za-z]+)\.?)?")
_MONTH_WITH_DAY = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s+)?([A-Za-z]+)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?")


def _edtf_out_of_range(text: str) -> bool:
    """An EDTF date whose month (1-12, seasons 21-24) or day (1-31) is out of range: parse_edtf drops it."""
    for piece in text.split("/"):
        m = _EDTF.match(piece.strip())
        if m and m.group(2) and m.group(2).isdigit() and not (1 <= int(m.group(2)) <= 12 or 21 <= int(m.group(2)) <= 24):
            return True
        if m and m.group(3) and m.group(3).isdigit() and not 1 <= int(m.group(3)) <= 31:
            return True
    return False


def _date_text(value: str) -> str:
    """An EDTF date as written: its "~" (approximate) is not LaTeX's no-break space."""
    v = value.strip()
    return v if re.fullmatch(r"[0-9Xu\-/~?%.:T ]+", v) else plain(v)


_EDTF = re.compile(r"^(-?\d{4})(?:-(\d{2}|XX|uu)(?:-(\d{2}|XX|uu))?)?([?~%]?)$")


#: the sides of an EDTF interval that are no date: open ("..", biblatex's empty side) or unknown
_EDTF_OPEN = ("", "..", "open", "unknown")


def parse_edtf(text: str) -> dict | None:
    """biblatex/EDTF dates: ``2015-02-03``, ``2015-02/2015-03``, ``2015/``, ``2015~``, ``2015-21`` (season)."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,3})[uX]{1,3}", text)
    if m and len(text) == 4:  # unspecified digits: "20uu" is 2000-2099
        return {"date-parts": [[int(text.replace("u", "0").replace("X", "0"))],
                               [int(text.replace("u", "9").replace("X", "9"))]]}
    pieces = text.split("/")
    out: list[list[int]] = []
    season = None
    circa = False
    for piece in pieces[:2]:
        piece = piece.strip()
        if not piece or piece in ("..", "unknown", "open"):
            continue
        m = _EDTF.match(piece)
        if not m:
            return D.parse_date(text)
        y, mo, d, q = m.groups()
        mo, d = (v if v and v.isdigit() else None for v in (mo, d))  # "2020-03-XX": day unspecified
        # EDTF/ISO 8601 count years astronomically (0000 is 1 BC, -0749 is 750 BC); CSL has no year 0.
        parts = [int(y) if int(y) > 0 else int(y) - 1]
        if mo:
            if 21 <= int(mo) <= 24:
                season = int(mo) - 20
            elif 1 <= int(mo) <= 12:
                parts.append(int(mo))
                if d:
                    parts.append(int(d))
        if q:
            circa = True
        out.append(parts)
    if not out:
        return None
    date: dict[str, Any] = {"date-parts": out if len(out) == 1 or out[0] != out[1] else out[:1]}
    sides = [p.strip() for p in pieces]
    if len(sides) == 2 and len(out) == 1 and (sides[0] in _EDTF_OPEN or sides[1] in _EDTF_OPEN):
        known = out[0]  # "2015/", "2015/..": an open range; "../2001": CSL has no open start (D.open_interval)
        date = D.open_interval(None, known, text) if sides[0] in _EDTF_OPEN else D.open_interval(known, None, text)
    if season:
        date["season"] = season
    if circa:
        date["circa"] = True
    return date


#: One line of Zotero's Extra field in a note: "Label: value", Better BibTeX's "tex.field: value" (or "="),
#: and the older "{:csl-variable: value}".
_EXTRA_LINE = re.compile(r"\s*(?:\{:([A-Za-z-]+):\s*(.*?)\s*\}|(tex\.)?([A-Za-z][\w -]*?)\s*(:|=)\s*(\S.*?))\s*")


def _note_extra(fields: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Zotero's BibTeX export writes an item's Extra field into ``note``, one "Label: value" per line.

    ``tex.FIELD: value`` lines (Better BibTeX's way to add a field) become fields the entry lacks; lines
    whose label Zotero reads as a field (T.ZOTERO_EXTRA) are returned as (CSL variable, value, line) for
    the caller to fill; every other line stays in the note.
    """
    note = fields.get("note", "")
    if ":" not in note and "=" not in note:
        return fields, []
    keep: list[str] = []
    found: list[tuple[str, str, str]] = []
    added: dict[str, str] = {}
    for line in note.split("\n"):
        m = _EXTRA_LINE.fullmatch(line)
        if m and m.group(1):  # {:csl-variable: value}
            label, value, tex = m.group(1), m.group(2), False
        elif m and (m.group(3) or m.group(5) == ":"):
            label, value, tex = m.group(4), m.group(6), bool(m.group(3))
        else:
            keep.append(line)
            continue
        if tex:
            name = label.strip().lower()
            if not fields.get(name) and name != "note":
                added[name] = value
                continue
        else:
            var = T.ZOTERO_EXTRA.get(re.sub(r"(?<=[a-z])(?=[A-Z])|[ _]+", "-", label.strip()).lower())
            if var:
                found.append((var, value, line.strip()))
                continue
        keep.append(line)
    if not added and not found:
        return fields, []
    return {**fields, **added, "note": "\n".join(keep).strip()}, found


def _fill_extra(item: Item, found: list[tuple[str, str, str]]) -> None:
    """Fill the CSL variables a note's Zotero Extra lines name, where the entry has none; a line that
    says something else than the entry goes back into the note."""
    rest = []
    for var, raw, line in found:
        if var in DATE_VARIABLES:
            value: Any = parse_edtf(raw.strip()) or D.parse_date(plain(raw))
            if not value or "date-parts" not in value:
                rest.append(line)
                continue
        elif var == "DOI":
            value = normalize_doi(_verbatim(raw)) or _verbatim(raw)
        elif var == "genre" and raw.strip().lower() in CSL_TYPES:
            item["type"] = raw.strip().lower()  # Zotero's "Type: dataset": the CSL type, as Zotero cites it
            continue
        else:
            value = plain(raw).strip()
        if var not in item:
            if var == "number" and value == item.get("issue"):
                continue  # Zotero's "Number" of an article repeating its issue says nothing new
            item[var] = value
        elif item[var] != value:
            rest.append(line)
    if rest:
        item["note"] = "\n".join(([item["note"]] if item.get("note") else []) + [to_rich_text(x) for x in rest])


#: A page label written into the pages field ("pp. 1-10", "p. 5", "S. 12-15", "pages 3-4").
_PAGE_LABEL = re.compile(r"^\s*(?:(?:pp?|pgs?|S)\.\s*|(?:pp|pgs?|pages?)\s+)(?=\S*\d|[ivxlcdm]+\b)", re.I)


def entry_to_item(entry_type: str, key: str, fields: dict[str, str], ctx: Context, label: str,
                  flavour: str = "biblatex") -> Item:
    """Map one resolved entry (lower-case field names, LaTeX values) to CSL-JSON."""
    etype = entry_type.lower()
    item: Item = {"id": key, "citation-key": key}
    fields, extra_lines = _note_extra(fields)
    csl_type = T.TYPES_IN.get(etype)
    if csl_type is None:
        ctx.report("warning", f"unknown entry type @{entry_type}; read as 'document'", record=label,
                   code="guessed", field="type")
        csl_type = "document"
        set_custom(item, "tags", {"bibtex:entrytype": etype})
    subtype = T.ENTRY_SUBTYPES.get((etype, plain(fields.get("entrysubtype", "")).strip().lower()))
    if subtype:  # @article + entrysubtype {magazine}: the type said in full (pandoc, biblatex-chicago)
        csl_type = subtype
        fields = {k: v for k, v in fields.items() if k != "entrysubtype"}
    item["type"] = csl_type
    custom: dict[str, Any] = {}

    # Titles: title / booktitle / maintitle / journal, as pandoc arranges multi-volume works.
    title = _title(fields, "title")
    book = _title(fields, "booktitle")
    main = _title(fields, "maintitle")
    journal = _title(fields, "journaltitle") or _title(fields, "journal")
    macro = re.fullmatch(r"\s*\\([A-Za-z]+)\s*(?:\{\})?\s*",
                         fields.get("journaltitle") or fields.get("journal") or "")
    if macro and macro.group(1).lower() in T.JOURNAL_MACROS:  # NASA ADS: journal = {\apj}
        journal, short = T.JOURNAL_MACROS[macro.group(1).lower()]
        if not fields.get("shortjournal"):
            item["container-title-short"] = short
    if fields.get("fjournal"):  # AMS/MathSciNet: the full name beside an abbreviated journal
        if journal and not fields.get("shortjournal"):
            item["container-title-short"] = journal
        journal = to_rich_text(fields["fjournal"])
    if main and etype in ("book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
                          "mvproceedings", "mvreference", "periodical"):
        item["title"] = main
        if title:
            item["volume-title"] = title
    else:
        if title:
            item["title"] = title
        if main:
            item["container-title"] = main
            if book:
                item["volume-title"] = book
        elif book and not (book == title and etype in _WHOLE_BOOK_TYPES):
            # (dblp gives a @proceedings its own title again as booktitle, for its crossref children)
            item["container-title"] = book
    if journal:
        if item.get("container-title"):
            if journal != item["container-title"]:  # (Semantic Scholar writes the journal as booktitle too)
                custom.setdefault("tags", {})["bibtex:journal"] = journal
        else:
            item["container-title"] = journal
    if fields.get("issuetitle"):
        item["volume-title"] = _title(fields, "issuetitle")
    if fields.get("title") and not fields.get("shorttitle") and ctx.options.get("short-title", "derive") == "derive":
        # pandoc's convention: the short title is the title field before a colon, or the title
        # field alone when a subtitle follows it
        short = to_rich_text(fields["title"]).strip()
        head = _before_colon(short)
        if head:
            item["title-short"] = head
        elif fields.get("subtitle") or fields.get("titleaddon"):
            item["title-short"] = short

    # Names.
    editor_vars: dict[str, str] = {}
    for fname, var in T.NAME_FIELDS.items():
        if fields.get(fname):
            names, others = parse_names(fields[fname])
            if fname == "editor":
                var = T.EDITOR_TYPES.get(plain(fields.get("editortype", "editor")).lower(), "editor")
            if names:
                item.setdefault(var, []).extend(names)
            if others:
                custom.setdefault("et-al", []).append(var)
    for letter in "abc":
        if fields.get(f"editor{letter}"):
            names, _ = parse_names(fields[f"editor{letter}"])
            role = plain(fields.get(f"editor{letter}type", "")).lower()
            var = T.EDITOR_TYPES.get(role)
            if var:
                item.setdefault(var, []).extend(names)
            else:
                custom.setdefault("tags", {})[f"bibtex:editor{letter}"] = [n for n in names]
                if role:
                    custom["tags"][f"bibtex:editor{letter}type"] = role
    del editor_vars

    # Dates.
    issued = _date(fields, ctx, label)
    if issued:
        item["issued"] = issued
        month = plain(fields.get("month", "")).strip()
        if month and len(issued.get("date-parts", [[0, 0]])[0]) < 2 \
                and "season" not in issued:
            custom.setdefault("tags", {})["bibtex:month"] = month  # a month no calendar knows
        year = plain(fields.get("year", "")).strip()
        if _YEAR_LETTER.fullmatch(year):  # kept even beside a date: the year field is read no further
            custom.setdefault("tags", {})["bibtex:year"] = year
    if fields.get("origyear") and not fields.get("origdate"):
        fields = {**fields, "origdate": fields["origyear"]}
    for fname, var in (("urldate", "accessed"), ("eventdate", "event-date"), ("origdate", "original-date")):
        if fields.get(fname):
            d = parse_edtf(_date_text(fields[fname]))
            if d:
                item[var] = d
    for fname in ("date", "urldate", "eventdate", "origdate"):
        if fields.get(fname) and _edtf_out_of_range(_date_text(fields[fname])):
            # "2024-13-45": what no calendar knows is not read; said, and kept as written
            ctx.report("warning", f"{fname} {fields[fname].strip()!r} has a month or day out of range; "
                       f"kept as custom tag bibtex:{fname}", record=label, code="guessed", field=fname)
            custom.setdefault("tags", {})[f"bibtex:{fname}"] = fields[fname].strip()

    # Numbers: "number" is the issue of an article, else a report/series number.
    if fields.get("pages"):
        pages = _PAGE_LABEL.sub("", plain(fields["pages"].replace("--", "-")))  # "pp. 1-10": the label is the style's
        item["page"] = re.sub(r"\s*(--|–|—|-)\s*", "-", pages)
        if etype in _EXTENT_PAGES_TYPES and "-" not in item["page"] and not (fields.get("pagetotal")
                                                                            or fields.get("numpages")):
            # a whole book's or thesis' pages are its extent (MathSciNet "xvi+496"; Zotero reads them as
            # its number of pages); a range stays the pages cited
            item["number-of-pages"] = item.pop("page")
    eloc = next((plain(fields[f]).strip() for f in T.ELOCATION_FIELDS if fields.get(f)), "")
    if eloc:  # an article number (biblatex eid, ADS, MDPI): custom.elocation, and the page when none is given
        custom["elocation"] = eloc
        item.setdefault("page", eloc)
    issue, number = fields.get("issue"), fields.get("number")
    if etype in T.ISSUE_NUMBER_TYPES:
        vals = [plain(v) for v in (number, issue) if v]
        if vals:
            item["issue"] = ", ".join(vals)
    else:
        if issue:
            item["issue"] = plain(issue)
        if number:
            item[number_means(etype, bool(fields.get("series")))] = plain(number)

    # Plain text fields from the table.
    for fname, var in T.TEXT_FIELDS.items():
        if fields.get(fname) and var not in item:
            rich = var in ("collection-title", "original-title", "title-short", "event-title", "note",
                           "abstract", "annote", "volume-title")
            raw = re.sub(r"\s*\\par\b\s*", "\n\n", fields[fname]) if rich else fields[fname]  # BBT's \par
            value = to_rich_text(raw) if rich else plain(raw)
            if fname == "series" and value.strip().isdigit() and etype in T.ISSUE_NUMBER_TYPES:
                # a journal's series: biblatex prints "3rd series"
                value = f"{_ordinal(int(value))} series"
            if fname == "type" and value.strip().lower() == etype and etype not in _GENRE_KEYS:
                # papis repeats the entry type here: no genre of the work, kept as a tag
                custom.setdefault("tags", {})["bibtex:type"] = value.strip()
                continue
            if fname in ("series", "pubstate", "type") and value.strip().lower() in T.BIBSTRINGS:
                value = T.BIBSTRINGS[value.strip().lower()]
            item[var] = value.strip()
    if item.get("ISSN"):  # Mendeley writes ISSNs without the hyphen ("00280836")
        item["ISSN"] = re.sub(r"\b(\d{4})-?(\d{3}[\dXx])\b", lambda m: f"{m[1]}-{m[2].upper()}", item["ISSN"])
    if item.get("volume") and item.get("part"):
        item["volume"] = f"{item['volume']}.{item['part']}"  # biblatex prints a physical part as "7.2"
    if fields.get("howpublished") and not fields.get("csl-medium"):  # a URL or a publisher (Zotero, citation-js)
        how = _verbatim(fields["howpublished"]) if "url" in fields["howpublished"] or "://" in \
            fields["howpublished"] else to_rich_text(fields["howpublished"])
        if re.match(r"https?://", how):
            if fields.get("url") and _verbatim(fields["url"]) != how:  # a second link: kept, not lost
                custom.setdefault("tags", {})["bibtex:howpublished"] = how
            else:
                item.setdefault("URL", how)
        elif not any(fields.get(f) for f in ("publisher", "institution", "school", "organization")):
            fields = {**fields, "publisher": fields["howpublished"]}
        else:
            item["medium"] = how
    if etype == "periodical" and fields.get("issuetitle"):  # an issue of a journal: pandoc's reading
        item["type"] = "article-journal"
        item["container-title"], item["title"] = item.pop("title", ""), item.pop("volume-title", "")
    if etype in _THESIS_GENRE and not item.get("genre"):
        item["genre"] = _THESIS_GENRE[etype]
    if item.get("genre") and item["genre"].lower() in _GENRE_KEYS:
        item["genre"] = _GENRE_KEYS[item["genre"].lower()]
    if fields.get("addendum"):
        add = to_rich_text(fields["addendum"])
        item["note"] = f"{item['note']}. {add}" if item.get("note") else add

    # Publisher and place: the first of publisher/institution/school/organization.
    pubs = [f for f in ("publisher", "institution", "school", "organization") if fields.get(f)]
    if pubs:
        # BibTeX's publisher is one name ("Taylor and Francis"); biblatex's is a list (pandoc splits it)
        item["publisher"] = _list_value(fields[pubs[0]]) if flavour == "biblatex" else \
            re.sub(r"[ \t\r\n]+", " ", plain(fields[pubs[0]])).strip(" ")
        for extra in pubs[1:]:
            if _list_value(fields[extra]) != item["publisher"]:  # the same body twice says nothing new
                custom.setdefault("tags", {})[f"bibtex:{extra}"] = _list_value(fields[extra])
    place = fields.get("location") or fields.get("address")
    if fields.get("location") and fields.get("address") and plain(fields["location"]) != plain(fields["address"]):
        # both (ACM's habit): address is the publisher's place, location the event's
        place = fields["address"]
        if csl_type == "paper-conference" and "event-place" not in item:
            item["event-place"] = _list_value(fields["location"])
        else:
            custom.setdefault("tags", {})["bibtex:location"] = _list_value(fields["location"])
    if place and etype == "patent":
        # a patent's location is where it is valid, often as biblatex keys ("countryfr")
        item["jurisdiction"] = "; ".join(T.COUNTRY_KEYS.get(p.lower(), p) for p in _list_value(place).split("; "))
    elif place:
        item["publisher-place"] = _list_value(place)
    if fields.get("copyright"):
        custom["copyright"] = plain(fields["copyright"])

    # Identifiers.
    if fields.get("doi"):
        item["DOI"] = normalize_doi(_verbatim(fields["doi"])) or _verbatim(fields["doi"])
    if fields.get("url"):
        links = _verbatim(fields["url"]).split()
        item["URL"] = _verbatim(fields["url"])
        if len(links) > 1 and all(re.match(r"[a-z][a-z0-9+.-]*://", x, re.I) for x in links):
            # Mendeley writes all of a record's links into one url field, separated by spaces
            item["URL"] = links[0]
            custom.setdefault("tags", {})["bibtex:url"] = " ".join(links[1:])
    if not item.get("URL") and fields.get("bdsk-url-1"):  # BibDesk's linked URLs
        item["URL"] = _verbatim(fields["bdsk-url-1"])
    if fields.get("pmid"):
        item["PMID"] = normalize_pmid(plain(fields["pmid"])) or plain(fields["pmid"])
    elif re.fullmatch(r"\s*PMID:?\s*\d+\s*", strip_markup(item.get("note", ""))):
        item["PMID"] = re.sub(r"\D", "", item["note"])  # Zotero's and Mendeley's "PMID: 123" note
    if fields.get("pmcid"):
        item["PMCID"] = normalize_pmcid(plain(fields["pmcid"])) or plain(fields["pmcid"])
    preprint_id = ""
    if fields.get("eprint"):
        kind = plain(fields.get("eprinttype") or fields.get("archiveprefix") or "").strip()
        eprint = plain(fields["eprint"]).strip()
        target = T.EPRINT_TYPES.get(kind.lower())
        if target and target.startswith("custom:"):
            custom[target[7:]] = eprint
        elif target and target not in item:
            item[target] = eprint
        else:
            custom["eprint"] = eprint
            if kind:
                custom["eprinttype"] = kind
            template = T.EPRINT_URLS.get(kind.lower())
            if template and not fields.get("url") and "URL" not in item:
                item["URL"] = template.format(eprint)
            if kind.lower() == "arxiv":
                if item["type"] == "document":  # arXiv's own @misc export: a preprint
                    item["type"] = "article"
                item.setdefault("archive", "arXiv")
                preprint_id = eprint
    elif fields.get("archiveprefix"):
        item["archive"] = plain(fields["archiveprefix"])
    eclass = fields.get("eprintclass") or fields.get("primaryclass")
    if eclass:
        custom["eprintclass"] = plain(eclass)
    if fields.get("keywords"):
        words = [plain(w).strip() for w in re.split(r"[;,]", fields["keywords"]) if w.strip()]
        item["keyword"] = "; ".join(words)
    lang = fields.get("langid") or fields.get("hyphenation") or fields.get("language")
    if lang:  # langid/hyphenation name one babel language; biblatex's language may be a list
        name = _split_top(plain(lang).strip(), _AND)[0].strip()
        name = name[4:] if name.lower().startswith("lang") and name[4:].lower() in T.BABEL_LANGUAGES else name
        item["language"] = T.BABEL_LANGUAGES.get(name.lower()) or to_bcp47(name) or name

    if fields.get("file"):  # linked PDFs: paths, not LaTeX (see model.attachments)
        add_attachments(item, parse_bibtex_file_field(fields["file"]))

    # Everything else: kept under custom.tags as bibtex:FIELD (or read back from our own csl-/custom- fields).
    for fname, value in fields.items():
        if fname in _CONSUMED or not value:
            continue
        if fname.startswith("csl-"):
            var = T.CSL_CASED.get(fname[4:], fname[4:])  # (field names are read in lower case)
            item[var] = _from_field_json(value) if (var in NAME_VARIABLES or var in DATE_VARIABLES
                                                    or value.strip()[:1] in "[{") else to_rich_text(value)
        elif fname == "custom-tags" and isinstance(custom.get("tags"), dict):
            tags = _from_field_json(value)  # beside tags read from their own fields: both kept
            custom["tags"].update(tags) if isinstance(tags, dict) else custom["tags"].update({"custom-tags": tags})
        elif fname.startswith("custom-"):
            custom[fname[7:]] = _from_field_json(value)
        else:
            custom.setdefault("tags", {})[f"bibtex:{fname}"] = plain(value)
    for k, v in custom.items():
        if k == "tags" and isinstance(item.get("custom", {}).get("tags"), dict):
            item["custom"]["tags"].update(v)
        else:
            set_custom(item, k, v)
    if extra_lines:
        _fill_extra(item, extra_lines)
    if preprint_id and item["type"] in ("article", "document", "report", "manuscript"):
        # an arXiv id is a preprint's number (Zotero, citation-js); a journal article has its own.
        # Decided last: a csl-type field read back above may have changed the type.
        item.setdefault("number", preprint_id)
    return item


def number_means(etype: str, series: bool) -> str:
    """The CSL variable a ``number`` field is in an entry of this type (the writer asks the same)."""
    if etype in T.ISSUE_NUMBER_TYPES:
        return "issue"
    return "collection-number" if series and etype in T.SERIES_NUMBER_TYPES else "number"


def _paragraphs(text: str) -> str:
    """CSL's paragraph breaks ("\\n") as TeX's: a blank line (one newline is only a space to TeX)."""
    return re.sub(r"\n+", "\n\n", text) if "\n" in text else text


def _verbatim(value: str) -> str:
    """URL and DOI fields are verbatim in biblatex: only undo escapes and a \\url{} wrapper."""
    v = value.strip()
    m = re.fullmatch(r"\\(?:url|href|nolinkurl)\s*\{(.*?)\}(?:\{.*\})?", v, re.S)
    if m:
        v = m.group(1)
    v = re.sub(r"\\([%#&_$~{}])", r"\1", v)
    return v.replace("{", "").replace("}", "").strip()


def _from_field_json(text: str) -> Any:
    """Our own csl-*/custom-* fields hold JSON as written (no LaTeX); anything else is text."""
    if text.strip()[:1] in ("[", "{", '"'):
        try:
            return json.loads(text)
        except ValueError:
            pass
    return to_rich_text(text) if text.strip()[:1] in "[{" else plain(text)


# --- reading ------------------------------------------------------------------------------------


def sniff(head: str) -> float:
    s = head.lstrip("\ufeff")
    if re.search(r"^\s*@(article|book|inproceedings|incollection|misc|techreport|phdthesis|online|string|"
                 r"preamble|comment|inbook|report|thesis|unpublished|manual|mastersthesis|proceedings|"
                 r"collection|conference|software|dataset|[a-z]+)\s*[{(]", s, re.I | re.M):
        return 0.85 if re.search(r"^\s*@[a-z]+\s*[{(][^,]*,", s, re.I | re.M) else 0.6
    return 0.0


def _sniff_biblatex(head: str) -> float:
    score = sniff(head)
    if score and re.search(r"^\s*(journaltitle|date|location|langid|urldate|eprinttype)\s*=", head, re.I | re.M):
        return score + 0.02  # breaks the tie in biblatex's favour; reading is the same
    return score * 0.5


#: Characters of text per bibtexparser batch (about 70 entries): small enough that the parsed
#: blocks of one batch are little memory, large enough that the per-batch cost is lost in the parse.
_BATCH_CHARS = 256 * 1024
_EOF_ABORT = "Unexpectedly reached end of file."
#: A batch's blocks get the file's line numbers through this attribute (bibtexparser 2.x has no setter).
_CAN_SHIFT = hasattr(Entry("misc", "k", []), "_start_line_in_file")


def _read(source: Source, ctx: Context, flavour: str) -> Iterator[Item]:
    text = _prepare(source, ctx)
    scan = prescan(text) if _CAN_SHIFT else None
    if scan is None:  # a parent named in a way only resolving tells: read the file whole
        return _read_whole(text, ctx, flavour)
    return _read_stream(text, scan, ctx, flavour)


def _prepare(source: Source, ctx: Context) -> str:
    """The text to parse, NUL bytes out (comment lines are blanked a batch at a time: no second copy)."""
    text = source.text()
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        ctx.report("error", "NUL byte(s) in the input removed", line=line, code="bad-input")
        text = text.replace("\x00", "")
    return text


def _blank_comments(text: str) -> str:
    """Lines starting with "%" are comments to biber and pandoc (a commented-out entry or field):
    blanked rather than removed, so that line numbers stay right.  A "%" between fields, outside any
    value (``title = {A}, % why``), is one too (biber, pandoc): blanked with spaces, offsets kept."""
    if "%" not in text:
        return text
    text = _COMMENT_LINE.sub("", text)
    return _blank_field_comments(text) if _INNER_PERCENT.search(text) else text


#: A "%" after something else on its line (the only case ``_blank_field_comments`` has work for).
#: Anchored at the line start: unanchored, every character of a long line without "%" began a scan
#: to the line's end (quadratic: a 360 KB line took 17 s).
_INNER_PERCENT = re.compile(r"^[^\S\n]*\S[^\n]*%", re.M)
#: What the comment scanner stops at: a block start, braces, quotes, "%" and the delimiters of an entry.
_SCAN_TOKEN = re.compile(r'^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]|[{}"%]', re.M)


def _blank_field_comments(text: str) -> str:
    """Blank "%"-to-line-end where it stands between an entry's fields (not inside a braced or quoted
    value, where TeX reads it and the value resolver decides, nor a percent in a URL)."""
    out: list[str] | None = None
    last, depth, top, quoted = 0, 0, 0, False
    for m in _SCAN_TOKEN.finditer(text):
        tok = m.group()
        if m.start() < last:  # inside a comment just blanked
            continue
        if len(tok) > 1:  # a block starts ("@type{" or "@type("): the state is reset
            top = depth = 1 if tok[-1] == "{" else 0
            quoted = False
            continue
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth = max(depth - 1, 0)
        elif tok == '"' and depth == top and text[m.start() - 1:m.start()] != "\\":
            quoted = not quoted
        elif tok == "%" and depth == top and not quoted and text[m.start() - 1:m.start()] != "\\":
            end = text.find("\n", m.start())
            end = len(text) if end < 0 else end
            out = out if out is not None else []
            out.append(text[last:m.start()])
            out.append(" " * (end - m.start()))
            last = end
    if out is None:
        return text
    out.append(text[last:])
    return "".join(out)


def _raw_offset(text: str, blanked_offset: int) -> int:
    """The offset in *text* of a character at *blanked_offset* in ``_blank_comments(text)``."""
    removed = 0
    for m in _COMMENT_LINE.finditer(text):
        if m.start() - removed >= blanked_offset:
            break
        removed += m.end() - m.start()
    return blanked_offset + removed


def _read_whole(text: str, ctx: Context, flavour: str) -> Iterator[Item]:
    """Parse the whole text at once (memory grows with the file); the reference for the streaming reader."""
    library = _parse_quietly(_blank_comments(text))
    blocks = [_settle(block) for block in library.blocks]
    library = Library(blocks, fail_on_duplicate_key=False) if blocks else library
    resolver = ResolveValues()
    library = ResolveCrossrefs().transform(resolver.transform(library))
    for block in library.blocks:
        yield from _emit(block, ctx, resolver, flavour)


def _settle(block: Any) -> Any:
    """An entry with a repeated field or mismatched delimiters is still an entry: keep it.

    The warning saying so waits in the entry (``_emit`` reports it first among the entry's
    messages), so that messages come in file order, however the file is read.
    """
    if type(block) is ParsingFailedBlock and (mended := _mend_delimiters(block)) is not None:
        mended.parser_metadata[_SETTLED] = [
            (f"entry opened with {block.raw.lstrip()[len(mended.entry_type) + 1]!r} "
             f"but closed with {block.raw.rstrip()[-1]!r}; read as if it matched", (block.start_line or 0) + 1)]
        block = mended
    if isinstance(block, ParsingFailedBlock) and not isinstance(block, DuplicateBlockKeyBlock) \
            and isinstance(block.ignore_error_block, Entry):
        entry = block.ignore_error_block
        entry.parser_metadata.setdefault(_SETTLED, []).append(
            (str(block.error).split(". Note:")[0], (block.start_line or 0) + 1))
        block = entry
    return block


def _emit(block: Any, ctx: Context, resolver: ResolveValues, flavour: str) -> Iterator[Item]:
    """The item of one block (values and parents resolved), or its diagnostics."""
    line = (block.start_line or 0) + 1
    entry = block.ignore_error_block if isinstance(block, DuplicateBlockKeyBlock) else block
    if isinstance(entry, Entry):
        for msg, at in entry.parser_metadata.get(_SETTLED, []):
            ctx.report("warning", msg, record=entry.key, line=at)
    if isinstance(block, DuplicateBlockKeyBlock):
        block_before, block = block, block.ignore_error_block
        if not isinstance(block, Entry):  # a repeated @string: the first definition stands
            ctx.report("warning", f"@string {block.key!r} defined again; the first definition is used",
                       line=line)
            return
        first = getattr(block_before, "previous_block", None)
        where = f" (first at line {(first.start_line or 0) + 1})" if first is not None else ""
        ctx.report("warning", f"duplicate key {block.key!r}{where}; both kept", record=block.key, line=line)
        resolver.resolve_entry(block)
    elif isinstance(block, ParsingFailedBlock):
        err = block.error
        msg = (getattr(err, "abort_reason", None) or getattr(err, "message", None) or str(err)
               or type(err).__name__).split("\n")[0]
        head = (block.raw or "").strip().split("\n")[0][:60]
        ctx.skip(f"unparseable block {head!r}: {msg}", line=line)
        return
    if not isinstance(block, Entry):
        return  # @string, @preamble, @comment and text between entries
    if block.entry_type.lower() in ("xdata", "set"):
        if block.entry_type.lower() == "set":  # its members come through as records of their own
            members = next((str(f.value) for f in block.fields if f.key.lower() == "entryset"), "")
            ctx.report("info", f"@set {block.key!r} (of {members or 'no entries'}) is a grouping, not a "
                       "record: not output", record=block.key, line=line, code="dropped", field="entryset")
        return
    fields: dict[str, str] = {}
    for f in block.fields:  # first value of a repeated field wins
        if f.key.lower() not in fields or not fields[f.key.lower()]:
            fields[f.key.lower()] = f.value if isinstance(f.value, str) else str(f.value)
    for macro in block.parser_metadata.get("unknown-macros", []):
        ctx.report("warning", f"undefined @string macro {macro!r} kept as text", record=block.key, line=line)
    for fname in block.parser_metadata.get("missing-commas", []):
        ctx.report("warning", f"missing comma after field {fname!r}; read as two fields", record=block.key,
                   line=line)
    missing = block.parser_metadata.get("missing-parents", [])
    for parent in missing:
        ctx.report("warning", f"crossref/xdata {parent!r} not found; the reference kept as a custom tag",
                   record=block.key, line=line)
    try:
        item = entry_to_item(block.entry_type, block.key, fields, ctx, block.key, flavour)
    except Exception as exc:  # a mapping bug must not cost the other entries
        ctx.skip(f"could not map entry: {exc}", record=block.key, line=line)
        return
    for kind in ("crossref", "xdata"):  # a parent not in the file: the reference to it is all there is
        if fields.get(kind) and any(p.strip() in missing for p in fields[kind].split(",")):
            item.setdefault("custom", {}).setdefault("tags", {})[f"bibtex:{kind}"] = fields[kind].strip()
    yield item


class _FirstLine:
    """Stands for the first block of a repeated key in a duplicate's message (only its line is kept)."""

    def __init__(self, start_line: int | None) -> None:
        self.start_line = start_line


class _Keys:
    """A library's key bookkeeping without the blocks: a repeated entry or @string key is a duplicate."""

    def __init__(self) -> None:
        self.lines: dict[tuple[type, str], int | None] = {}

    def add(self, block: Any) -> Any:
        kind = Entry if isinstance(block, Entry) else String if isinstance(block, String) else None
        if kind is None:
            return block
        if (kind, block.key) not in self.lines:
            self.lines[(kind, block.key)] = block.start_line
            return block
        return DuplicateBlockKeyBlock(key=block.key, previous_block=_FirstLine(self.lines[(kind, block.key)]),
                                      duplicate_block=block, start_line=block.start_line, raw=block.raw)


def _shift(block: Any, lines: int) -> Any:
    """Make a batch's line numbers the file's."""
    for b in {id(b): b for b in (block, getattr(block, "ignore_error_block", None)) if b is not None}.values():
        if b.start_line is not None:
            b._start_line_in_file = b.start_line + lines
    return block


def _batches(text: str) -> Iterator[tuple[list[Any], int]]:
    """bibtexparser's blocks of *text* a batch at a time, each with the offset before which all are read.

    A batch ends where a line starts with a block ("@type{"): the splitter ends any block there, so
    it sees what it would see in the whole file.  A block still open at the end of a batch (the
    splitter ran out of text) is read again with the next batch, where it meets that line.
    Comments and @preamble are left out (they make no record and no message).
    """
    start, lines, size = 0, 0, _BATCH_CHARS
    while start < len(text):
        end = next_cut(text, start, size)
        chunk = text[start:end]
        blanked = _blank_comments(chunk)
        used = len(blanked)
        blocks = [b for b in _parse_quietly(blanked).blocks if isinstance(b, (Entry, String, ParsingFailedBlock))]
        if end < len(text) and blocks and type(blocks[-1]) is ParsingFailedBlock \
                and getattr(blocks[-1].error, "abort_reason", None) == _EOF_ABORT:
            opened = len(blanked) - len(blocks[-1].raw or "")  # its raw runs to the batch's end
            open_at = start + _raw_offset(chunk, opened)
            if open_at == start:  # the batch is that block alone: read on to the next block start
                size = end - start + 1
                continue
            if text.startswith("@", open_at):
                blocks.pop()
                end, used = open_at, opened
        size = _BATCH_CHARS
        yield [_shift(b, lines) for b in blocks], end
        # the splitter counts the newlines it sees: a "\" hides one from it (a batch starts with "@")
        lines += blanked.count("\n", 0, used) - blanked.count("\\\n", 0, used)
        start = end


def _read_stream(text: str, scan: Prescan, ctx: Context, flavour: str) -> Iterator[Item]:
    """The same items and messages as :func:`_read_whole`, parsing a batch at a time.

    Blocks wait in ``pending`` (in file order) until every ``@string`` is known and, for a crossref
    or xdata child, until its parents can no longer change; only possible parents are kept after.
    """
    resolver, crossrefs = ResolveValues(), ResolveCrossrefs()
    early = _early_parents(text, scan)
    crossrefs.by_key.update(early)
    split_keys, library_keys = _Keys(), _Keys()  # bibtexparser's two libraries: split, then settled
    pending: deque[Any] = deque()
    for blocks, read_to in _batches(text):
        for block in blocks:
            if isinstance(block, DuplicateBlockKeyBlock):  # repeated within the batch: judged file-wide
                block = block.ignore_error_block
            block = library_keys.add(_settle(split_keys.add(block)))
            if isinstance(block, Entry) and (first := early.get(block.key.lower())) is not None \
                    and first.raw == block.raw:  # the parent read first: one object, as in a library
                first._start_line_in_file = block.start_line
                first.parser_metadata.pop(_SETTLED, None)
                if _SETTLED in block.parser_metadata:
                    first.parser_metadata[_SETTLED] = block.parser_metadata[_SETTLED]
                block = first
            if isinstance(block, String):
                resolver.add_string(block)
                continue
            if isinstance(block, Entry) and block.key.lower() in scan.parents:
                crossrefs.by_key[block.key.lower()] = block  # the last one of a key wins, as in a library
            pending.append(block)
        if read_to > scan.last_string:
            yield from _drain(pending, read_to, scan, resolver, crossrefs, ctx, flavour)
    yield from _drain(pending, len(text) + 1, scan, resolver, crossrefs, ctx, flavour)


def _early_parents(text: str, scan: Prescan) -> dict[str, Entry]:
    """The parents only one block can define, parsed ahead (BibTeX puts them after their children).

    Each is parsed with the text up to the second block start after it, so that bibtexparser ends
    it as it would in the whole file; the reader swaps in this object when it meets the block.
    """
    early: dict[str, Entry] = {}
    for key, at in scan.single.items():
        end = next_cut(text, at, 1)
        end = next_cut(text, end, 1) if end < len(text) else end
        blocks = [b for b in _parse_quietly(_blank_comments(text[at:end])).blocks
                  if isinstance(b, (Entry, String, ParsingFailedBlock))]
        block = _settle(blocks[0]) if blocks else None
        if isinstance(block, Entry) and block.key.lower() == key:
            early[key] = block
    return early


def _drain(pending: deque[Any], read_to: int, scan: Prescan, resolver: ResolveValues,
           crossrefs: ResolveCrossrefs, ctx: Context, flavour: str) -> Iterator[Item]:
    """Emit pending blocks in order while the next one is final."""
    while pending:
        block = pending[0]
        if isinstance(block, Entry):
            if not _parents_final(block, read_to, scan, resolver, crossrefs):
                return
            crossrefs.resolve(block)
        pending.popleft()
        yield from _emit(block, ctx, resolver, flavour)


def _parents_final(entry: Entry, read_to: int, scan: Prescan, resolver: ResolveValues,
                   crossrefs: ResolveCrossrefs) -> bool:
    """Whether no entry after *read_to* can be one of *entry*'s parents (theirs too); resolves their values."""
    todo, seen = [entry], {id(entry)}
    while todo:
        e = todo.pop()
        if not e.parser_metadata.get(_RESOLVED):
            resolver.resolve_entry(e)
        for kind in ("xdata", "crossref"):
            for ref in crossrefs.refs(e, kind):
                # a parent read ahead is final; so is one never defined (what ahead did not find, the
                # same text will not give later)
                if ref.lower() not in scan.single and scan.parents.get(ref.lower(), -1) >= read_to:
                    return False
                parent = crossrefs.by_key.get(ref.lower())
                if parent is not None and id(parent) not in seen:
                    seen.add(id(parent))
                    todo.append(parent)
    return True


def _parse_quietly(text: str) -> Library:
    """bibtexparser's blocks, its log messages silenced: they become our diagnostics; readers never print."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return bibtexparser.parse_string(text, parse_stack=[])
    finally:
        logger.setLevel(level)


#: An entry's opening delimiter -> the closing one it needs.
_CLOSING = {"{": "}", "(": ")"}


def _mend_delimiters(block: ParsingFailedBlock) -> Entry | None:
    """The entry of a block opened with '{' and closed with ')' (or the reverse), or None.

    citation-js and BibTeX's own scanner are lenient here; bibtexparser gives up on the block.
    Only the last character is swapped, so nothing else is guessed.
    """
    raw = (block.raw or "").strip()
    m = re.match(r"@\s*[A-Za-z]+\s*([{(])", raw)
    if not m or not raw or raw[-1] not in ")}" or raw[-1] == _CLOSING[m.group(1)]:
        return None
    mended = _parse_quietly(raw[:-1] + _CLOSING[m.group(1)])
    if len(mended.blocks) != 1 or not isinstance(mended.blocks[0], Entry):
        return None
    entry = mended.blocks[0]
    return Entry(entry.entry_type, entry.key, entry.fields, start_line=block.start_line, raw=block.raw)


def read_bibtex(source: Source, ctx: Context) -> Iterator[Item]:
    return _read(source, ctx, "bibtex")


def read_biblatex(source: Source, ctx: Context) -> Iterator[Item]:
    return _read(source, ctx, "biblatex")


# --- writing ------------------------------------------------------------------------------------

_RICH_VARS = frozenset(("title", "container-title", "collection-title", "volume-title", "original-title",
                        "title-short", "event-title", "note", "abstract", "annote"))
#: CSL variables the writer maps itself (not through TEXT_OUT).
_HANDLED = frozenset(("id", "type", "citation-key", "title", "container-title", "volume-title", "issued",
                      "accessed", "event-date", "original-date", "page", "issue", "number",
                      "collection-number", "publisher", "publisher-place", "language", "custom",
                      "journalAbbreviation", "shortTitle"))


_NAME_KEYS = frozenset(("family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal"))


class _Writer:
    def __init__(self, flavour: str, ctx: Context) -> None:
        self.biblatex = flavour == "biblatex"
        self.ctx = ctx
        self.keys = KeyMaker(keep=ctx.options.get("keys", "keep") != "generate")

    def lossy(self, kind: str, var: str, msg: str, label: str) -> None:
        self.ctx.loss(kind, var, msg, record=label)

    def fields(self, item: Item) -> tuple[str, str, list[tuple[str, str]]]:
        label = str(item.get("citation-key") or item.get("id") or "record")
        item = _arxiv_eprint(item)
        csl_type = item.get("type", "document")
        bibtex_type, biblatex_type = T.TYPES_OUT.get(csl_type, ("misc", "misc"))
        etype = biblatex_type if self.biblatex else bibtex_type
        out: list[tuple[str, str]] = []
        put = out.append
        genre = str(item.get("genre") or "")
        if csl_type == "thesis" and not self.biblatex and re.search(r"master|m\.?a\.?|m\.?sc", genre, re.I):
            etype = "mastersthesis"
        elif csl_type == "thesis" and not self.biblatex and not genre:
            self.lossy("guessed", "genre", "a thesis of no stated kind written as @phdthesis (BibTeX has no "
                       "plain @thesis); it reads back as a PhD thesis", label)
        own_type = ((item.get("custom") or {}).get("tags") or {}).get("bibtex:entrytype")
        if own_type and csl_type == "document":
            etype = own_type  # an entry type citeport does not know goes back as it came
        elif T.TYPES_IN.get(etype) != csl_type:
            out.append(("csl-type", csl_type))  # read back by citeport; BibTeX ignores it
            self.lossy("down-converted", "type", f"type {csl_type!r} written as @{etype} (csl-type keeps it)",
                       label)

        extra_names = [v for v in NAME_VARIABLES if item.get(v) and v not in T.NAME_OUT]
        letters: dict[str, str] = {}  # biblatex's editora/b/c with their editortype hold three more roles
        for var in extra_names:
            if self.biblatex and var in T.EDITORA_NAMES and len(letters) < 3:
                letters[var] = "abc"[len(letters)]
        for var in NAME_VARIABLES:
            if var not in T.NAME_OUT and var not in letters:
                continue  # kept whole as JSON in a csl- field: nothing of the names is lost
            extra = sorted({k for n in item.get(var) or [] if isinstance(n, dict) for k in n} - _NAME_KEYS)
            if any(isinstance(n, dict) and n.get("given") and not (n.get("family") or n.get("literal"))
                   for n in item.get(var) or []):
                self.lossy("down-converted", var, f"{var}: a name with only a given name is written as one "
                           "literal name", label)
            if extra:
                self.lossy("dropped", var, f"{var}: name part(s) {', '.join(extra)} have no BibTeX form", label)
            if any(isinstance(n, dict) and str(n.get("non-dropping-particle") or "")[:1].isupper()
                   for n in item.get(var) or []):  # BibTeX knows "von" only by its lower case
                self.lossy("down-converted", var, f"{var}: a capitalised non-dropping particle is written "
                           "as part of the family name", label)
            if any(isinstance(n, dict) and n.get("dropping-particle") and not n.get("given")
                   for n in item.get(var) or []):
                self.lossy("down-converted", var, f"{var}: a dropping particle with no given name is written "
                           "as 'von' (it reads back as non-dropping)", label)
        for var in ("author", "editor", "translator", "container-author", "original-author"):
            if item.get(var):
                put((T.NAME_OUT[var], " and ".join(format_name(n) for n in item[var])
                     + (" and others" if var in (item.get("custom") or {}).get("et-al", []) else "")))
        for var in extra_names:
            names = " and ".join(format_name(n) for n in item[var])
            if var in letters:
                letter = letters[var]
                put((f"editor{letter}", names))
                put((f"editor{letter}type", next(k for k, v in T.EDITOR_TYPES.items() if v == var)))
            else:
                put((f"csl-{var}", json.dumps(item[var], ensure_ascii=False)))
                self.lossy("down-converted", var, f"{var} kept in field csl-{var} (BibTeX styles ignore it)", label)

        title, container = item.get("title"), item.get("container-title")
        if isinstance(container, list):
            container = container[0] if container else ""
        volume_title = item.get("volume-title")
        if volume_title and etype in ("book", "collection", "proceedings", "reference") and title \
                and not container:
            # a volume of a multi-volume work: maintitle + title (pandoc's reading, reversed)
            put(("maintitle", from_rich_text(title)))
            title, volume_title = volume_title, None
            if not self.biblatex:
                self.lossy("down-converted", "title", "multi-volume title written as biblatex's maintitle "
                           "(BibTeX styles print only the volume's title)", label)
        elif volume_title and container and csl_type not in T.JOURNAL_TYPES \
                and etype not in ("book", "collection", "proceedings", "reference"):
            put(("maintitle", from_rich_text(container)))
            container, volume_title = volume_title, None
            if not self.biblatex:
                self.lossy("down-converted", "container-title", "multi-volume title written as biblatex's "
                           "maintitle (BibTeX styles print only the volume's title)", label)
        if title:
            put(("title", from_rich_text(title)))
            if not item.get("title-short") and (_before_colon(str(item.get("title") or "")) or
                                                "maintitle" in dict(out)):
                self.lossy("filled", "title-short", "no short title: a BibTeX reader (pandoc, citeport) "
                           "derives one from the title before ':'", label)
        if volume_title:
            put(("csl-volume-title", from_rich_text(volume_title)))
            self.lossy("down-converted", "volume-title", "volume-title kept in field csl-volume-title", label)
        if container:
            if csl_type in T.JOURNAL_TYPES or etype in ("article", "periodical"):
                put(("journaltitle" if self.biblatex else "journal", from_rich_text(container)))
            else:
                put(("booktitle", from_rich_text(container)))

        date = item.get("issued")
        for var in DATE_VARIABLES:
            d = item.get(var)
            if not isinstance(d, dict):
                continue
            if not D.first_parts(d) and not (d.get("literal") or d.get("raw")):
                self.lossy("dropped", var, "an empty date is left out", label)
            elif any(isinstance(p, list) and len(p) > 3 for p in d.get("date-parts") or []):
                self.lossy("dropped", var, "date parts after the day have no BibTeX form", label)
            elif not D.first_parts(d):  # '1908-1912' as text: a reader may take it for a range
                self.lossy("down-converted", var, "a literal date is written as text, which readers may parse",
                           label)
        if date:
            parts = D.first_parts(date)
            if self.biblatex:
                iso = _edtf_out(date)
                if iso:
                    put(("date", iso))
                elif date.get("literal") or date.get("raw"):
                    put(("date", escape(date.get("literal") or date.get("raw"))))
            else:
                if parts:
                    put(("year", str(parts[0])))
                    if len(parts) > 1:
                        put(("month", T.MONTH_NAMES[parts[1] - 1]))
                    if len(parts) > 2 or len(date.get("date-parts", [])) > 1 or date.get("season") \
                            or date.get("circa"):
                        put(("date", _edtf_out(date)))  # biber and JabRef read it; BibTeX ignores it
                elif date.get("literal") or date.get("raw"):
                    put(("year", escape(date.get("literal") or date.get("raw"))))
        for var, fname in (("accessed", "urldate"), ("event-date", "eventdate"), ("original-date", "origdate")):
            if item.get(var):
                put((fname, _edtf_out(item[var]) or escape(item[var].get("literal", ""))))

        if item.get("page"):
            put(("pages", re.sub(r"(?<=\w)\s*[-–—]+\s*(?=\w)", "--", str(item["page"]))))
            if etype in _EXTENT_PAGES_TYPES and not re.search(r"[-–—]", str(item["page"])) \
                    and not item.get("number-of-pages"):
                self.lossy("down-converted", "page", f"page {item['page']!r} of a @{etype} reads back as its "
                           "number of pages (pages without a range are a whole book's extent)", label)
        if item.get("volume"):
            volume = str(item["volume"])
            if item.get("part") and volume.endswith(f".{item['part']}"):
                volume = volume[:-len(str(item["part"])) - 1]  # the reader joins them again
            elif item.get("part"):
                self.lossy("down-converted", "volume", f"volume and part are printed, and read back (pandoc, "
                           f"citeport), as one volume {volume}.{item['part']} (biblatex's physical part)", label)
            put(("volume", escape(volume)))
        # "number" is the issue of a journal, the number in a series of a book, else the work's own
        # number: each value goes there only when a reader takes it back as such (number_means)
        means = number_means(etype, bool(item.get("collection-title")))
        if item.get("issue"):
            put(("number" if means == "issue" else "issue", escape(str(item["issue"]))))
        custom = item.get("custom") or {}
        for var in ("number", "collection-number"):
            value = item.get(var)
            if not value or var == "number" and custom.get("eprint") == value:
                continue
            name = "number" if means == var and not any(k == "number" for k, _ in out) else f"csl-{var}"
            put((name, escape(str(value))))
            if name != "number":
                self.lossy("down-converted", var, f"{var} kept in field {name} (a number field here is "
                           f"read as the {means})", label)

        if item.get("publisher"):
            pub_field = {"phdthesis": "school", "mastersthesis": "school", "techreport": "institution",
                         "thesis": "institution", "report": "institution", "manual": "organization"}.get(
                etype, "publisher")
            if not self.biblatex and etype == "thesis":
                pub_field = "school"
            value = " and ".join("{" + escape(p.strip()) + "}" if " and " in p else escape(p.strip())
                                 for p in str(item["publisher"]).split(";")) if self.biblatex \
                else re.sub(r"\s+and\s+", " {and} ", escape(str(item["publisher"])))  # not a list
            put((pub_field, value))
        if etype == "patent" and item.get("jurisdiction"):  # a patent's location is where it holds
            put(("location" if self.biblatex else "address", _list_out(str(item["jurisdiction"]))))
        if item.get("publisher-place") and etype == "patent":
            put(("csl-publisher-place", escape(str(item["publisher-place"]))))
            self.lossy("down-converted", "publisher-place", "kept in field csl-publisher-place (a patent's "
                       "location is its jurisdiction)", label)
        elif item.get("publisher-place"):
            place = str(item["publisher-place"])
            if self.biblatex:  # a list: a part holding " and " is braced, as for publisher
                put(("location", _list_out(place)))
            else:  # one literal; "{and}" keeps biblatex-minded readers from splitting it
                put(("address", re.sub(r"\s+and\s+", " {and} ", escape(place))))
        if item.get("language"):
            lang = str(item["language"])
            if self.biblatex:
                put(("langid", T.BABEL_OUT.get(lang, T.BABEL_OUT.get(lang.split("-")[0], lang))))
                if lang not in T.BABEL_OUT and lang.split("-")[0] in T.BABEL_OUT:
                    put(("csl-language", lang))  # babel has no name for the region: keep the tag
            else:
                put(("language", escape(lang)))

        for old_name, var in T.COMPAT_NAMES.items():  # the schema's old spellings: kept when they differ
            if item.get(old_name) and item[old_name] != item.get(var):
                put((f"csl-{old_name}", from_rich_text(str(item[old_name]), protect=False)))
                self.lossy("down-converted", old_name, f"{old_name} (beside {var}) kept in field csl-{old_name}",
                           label)
        for var, value in item.items():
            if var in _HANDLED or var in NAME_VARIABLES or var in ("volume",) or value in (None, "", [], {}):
                continue
            if var == "jurisdiction" and etype == "patent":
                continue  # written as the location above
            target = T.TEXT_OUT.get(var)
            fname = (target[1] if self.biblatex else target[0]) if target else None
            if var == "archive" and str(value).lower() == str(custom.get("eprinttype", "")).lower():
                continue
            if var == "archive" and str(value).strip().lower() in T.EPRINT_ARCHIVES:
                fname = "archiveprefix"
            if var == "keyword":
                if "," in str(value):
                    self.lossy("down-converted", "keyword", "',' separates keywords in BibTeX: a keyword "
                               "with a comma comes back as two", label)
                put(("keywords", escape(", ".join(k.strip() for k in str(value).split(";") if k.strip()))))
                continue
            if var == "medium" and not item.get("publisher"):
                put(("csl-medium", escape(str(value))))  # a lone howpublished reads as the publisher
            if fname in ("doi", "url"):
                put((fname, str(value).replace("{", "%7B").replace("}", "%7D")))
                continue
            if fname:
                put((fname, _paragraphs(from_rich_text(str(value), protect=False) if var in _RICH_VARS
                                        else escape(str(value)))))
                if var == "collection-title" and str(value).isdigit() and etype in T.ISSUE_NUMBER_TYPES:
                    put(("csl-collection-title", str(value)))  # a bare "3" reads back as "3rd series"
                continue
            if isinstance(value, (dict, list)):
                put((f"csl-{var}", json.dumps(value, ensure_ascii=False)))
            else:
                put((f"csl-{var}", _paragraphs(from_rich_text(str(value), protect=False))))
            self.lossy("down-converted", var, f"{var} kept in field csl-{var} (BibTeX styles ignore it)", label)

        for key, value in (item.get("custom") or {}).items():
            if key == "tags" and isinstance(value, dict):
                for tag, tval in value.items():
                    if tag.startswith("bibtex:") and isinstance(tval, str):
                        if tag[7:] == "entrytype":
                            continue
                        if any(k == tag[7:] for k, _ in out):  # the field is taken (publisher -> institution)
                            put(("custom-tags", json.dumps({tag: tval}, ensure_ascii=False)))
                            continue
                        put((tag[7:], escape(tval)))
                    else:
                        put(("custom-tags", json.dumps({tag: tval}, ensure_ascii=False)))
                        self.lossy("down-converted", "custom", f"custom tag {tag} kept in field custom-tags", label)
                continue
            if key == "et-al":
                continue
            if key == "attachments" and attachments(item):  # JabRef's and Zotero's form
                put(("file", bibtex_file_field(attachments(item))))
                continue
            if key == "elocation" and isinstance(value, str):
                put(("eid", escape(value)))  # biblatex's field; the reader takes it back
                continue
            if key in ("eprint", "eprinttype", "eprintclass") and isinstance(value, str):
                name = {"eprinttype": "eprinttype" if self.biblatex else "archiveprefix",
                        "eprintclass": "eprintclass" if self.biblatex else "primaryclass"}.get(key, key)
                put((name, escape(value)))
                continue
            put((f"custom-{key}", value if isinstance(value, str) and not value.startswith(("[", "{", '"'))
                 else json.dumps(value, ensure_ascii=False)))
            self.lossy("down-converted", f"custom.{key}", f"custom.{key} kept in field custom-{key}", label)
        # custom-tags may repeat: merge them into one JSON object
        merged: dict[str, Any] = {}
        final: list[tuple[str, str]] = []
        seen: set[str] = set()
        for k, v in out:
            if k == "custom-tags":
                merged.update(json.loads(v))
            elif k not in seen:
                final.append((k, v))
                seen.add(k)
        if merged:
            final.append(("custom-tags", json.dumps(merged, ensure_ascii=False)))
        key = self.keys.key(item)
        if item.get("citation-key") and key != item["citation-key"]:
            self.lossy("down-converted", "citation-key", f"key {item['citation-key']!r} written as {key!r} "
                       "(not a valid BibTeX key, or already used in this file)", label)
        return etype, key, final


_SEASON_NUMBERS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def _arxiv_eprint(item: Item) -> Item:
    """An arXiv preprint whose id came from elsewhere (Google Scholar's "journal", Zotero's archiveID) with
    that id as its ``eprint``, which BibTeX/biblatex and arXiv's own export use (read back as the number)."""
    custom = item.get("custom") or {}
    number = str(item.get("number") or "")
    if custom.get("eprint") or not number or not in_shape(item) or server_name(item["publisher"]) != "arXiv":
        return item
    eprint = re.sub(r"^arxiv:\s*", "", number, flags=re.I)
    # a number that is not the bare id ("arXiv:2304.02112v2", PubMed's) is written as well, and read back
    return {**item, "custom": {**custom, "eprint": eprint, "eprinttype": "arXiv"}}


def _astronomical(bc_year: int) -> str:
    """A CSL BC year (750 of -750) as an EDTF year: '-0749'; 1 BC is '0000'."""
    year = bc_year - 1
    return f"-{year:04d}" if year else "0000"


def _edtf_out(date: dict) -> str:
    parts = [p[:3] for p in date.get("date-parts") or [] if isinstance(p, list)]
    iso = D.to_iso({**date, "date-parts": parts}) if parts else ""
    if not iso:
        return ""
    # CSL's -750 is 750 BC, which EDTF (astronomical years, with a year 0) writes -0749; -1 is 0000.
    iso = re.sub(r"(?:(?<=^)|(?<=/))-(\d{1,4})(?=\b)", lambda m: _astronomical(int(m.group(1))), iso)
    season = _SEASON_NUMBERS.get(str(date.get("season", "")).lower(), date.get("season"))
    if season and len(D.first_parts(date)) == 1:
        iso = f"{iso}-{20 + int(season)}" if str(season).isdigit() else iso
    if date.get("circa"):
        iso += "~"
    return iso


def _list_out(value: str) -> str:
    """A "; "-separated CSL value as a biblatex list; a part holding " and " is braced."""
    return " and ".join("{" + escape(p.strip()) + "}" if " and " in p else escape(p.strip())
                        for p in value.split(";"))


def _braced(value: str) -> str:
    """Enclose in braces; a value with unbalanced braces has them escaped."""
    depth = 0
    if "{" in value or "}" in value:
        for m in _UNESCAPED_BRACE.finditer(value):  # only the braces, not every character
            depth += 1 if m.group() == "{" else -1
            if depth < 0:
                break
    if depth != 0:
        value = re.sub(r"(?<!\\)([{}])", r"\\\1", value)
    return "{" + value + "}"


def _write(items: Iterable[Item], out: TextIO, ctx: Context, flavour: str) -> None:
    writer = _Writer(flavour, ctx)
    first = True
    for item in items:
        etype, key, fields = writer.fields(item)
        if not first:
            out.write("\n")
        first = False
        width = max((len(k) for k, _ in fields), default=0)
        out.write(f"@{etype}{{{key}" + ("" if fields else ","))  # "@misc{key}" alone trips pandoc
        for name, value in fields:
            # a month as BibTeX's macro (jan), which every style localises; "{jan}" would be literal text
            shown = value if name == "month" and value in T.MONTH_NAMES else _braced(value)
            out.write(f",\n  {name.ljust(width)} = {shown}")
        out.write("\n}\n")


def write_bibtex(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    _write(items, out, ctx, "bibtex")


def write_biblatex(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    _write(items, out, ctx, "biblatex")


_OPTIONS = {"keys": "'keep' (default: a record's own citation-key when it has one) or 'generate'",
            "short-title": "reading: 'derive' (default; pandoc's title-short from the title before ':') "
                           "or 'field' (only an explicit shorttitle field)"}

FORMATS = (
    Format(name="bibtex", description="BibTeX (.bib; journal, year/month, address, school)",
           aliases=("bib",), extensions=("bib", "bibtex"), sniff=sniff, read=read_bibtex,
           write=write_bibtex, options=_OPTIONS),
    Format(name="biblatex", description="BibLaTeX (.bib; journaltitle, date, location, langid)",
           aliases=("bbx",), extensions=("biblatex",), sniff=_sniff_biblatex, read=read_biblatex,
           write=write_biblatex, options=_OPTIONS),
)
