"""RIS (Research Information Systems tagged format), read and written.

Reading copes with what EndNote, Zotero, Mendeley, Web of Science, Scopus,
EBSCO, Ovid, PubMed, IEEE Xplore, JSTOR and publishers' sites really write
(tests/test_ris_dialects.py renders 16 of them): every reference type, the old and new tag
sets (T1/TI, JO/JF/JA/J1/J2/T2, Y1/PY/DA, N2/AB, A1/AU, BT/CT...), type-
specific meanings (SN is an ISSN, ISBN or report number depending on TY),
CRLF, BOMs, UTF-16 and Latin-1 (decoding is the Source's job), blank lines,
empty tags, continuation lines, ``ER`` without its trailing space, preamble
text between records, and tags nobody knows (kept in ``custom.tags`` as
``ris:XX`` and written back).  Writing follows the RIS specification:
``TAG  - value``, ``ER  - `` closes a record, SP/EP split, DA as
``YYYY/MM/DD/``, PY as ``YYYY``.

The mappings are the tables in ris_tables.py, used in both directions.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, TextIO

from ..model.attachments import add_attachments, attachments, extras_lost, plain_paths
from ..model.dates import SEASON_NAMES, SEASONS, Date, first_parts, month_number, parse_date, to_iso, to_text
from ..model.diagnostics import CiteportError, Context
from ..model.html_notes import html_note_to_rich, looks_like_html
from ..model.ids import normalize_doi, normalize_isbn, normalize_pmcid, normalize_pmid, normalize_issn
from ..model.item import Item, NAME_VARIABLES, circa_dates, foreign_tags, label, open_start_dates, set_custom
from ..model.languages import to_bcp47
from ..model.names import Name, extra_name_parts, family_given, is_suffix, parse_name
from ..model.text import clean, has_markup, iter_lines, repair_mojibake, strip_markup
from ..sources import Source
from .registry import Format
from .ris_tables import (  # noqa: F401  (re-exported: the tables are part of this module's API)
    ABBR_TITLE_TAGS, ACCESS_DATE_TAGS, ACCESS_WRITE_TAGS, CONFERENCE_TYPES, CSL_TO_RIS, DATE_TAGS, DA_ACCESSED_TYPES, FIELDS,
    FULL_TITLE_TAGS, ISBN_KINDS, ISBN_TYPES, ISSN_KINDS, KNOWN_TAGS, LEGACY_TYPES, LIST_TAGS, LOSSY_TYPES, M1_ISSUE_TYPES,
    DIALECT_RETAG, NAME_TAGS, PAGE_COUNT_TYPES, PARAGRAPH_TAGS, PROCITE_NOTES, PROCITE_RETAG, RESTATED_GENRES,
    RIS_TO_CSL, SERIES_T2_TYPES, SN_NUMBER_TYPES, SHADOW_TAGS, TITLE_OVERRIDABLE, TYPE_FIELDS, TYPE_NAME_TAGS, WHOLE_SP_TYPES,
    WRITE_ORDER,
)

_PROCITE_NOTE = re.compile(r"^([A-Za-z(),/ ]+?)\s*:\s*(.*)$", re.S)
MAX_LINE = 1_000_000  # characters; a longer line is corruption, not a value
_TAG_LINE = re.compile(r"^\s*([A-Z][A-Z0-9])\s{1,2}-(?:\s(.*)|\s*)$")
_TAG_LINE_LOOSE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(.*)$")
#: Lower-case tags ("ty  - JOUR", hand-edited files, some scripts): read when the tag is a known one,
#: so an abstract line such as "as - needed" is not taken for a tag.
_TAG_LINE_LOWER = re.compile(r"^\s*([A-Za-z][A-Za-z0-9])\s{1,2}-(?:\s(.*)|\s*)$")  # also "Ty", "Au"
#: A record opened by "TY-JOUR" (no spaces: hand-made and script-made files) reads its known tags so too.
_TY_TIGHT = re.compile(r"^\s*[Tt][Yy]-\s?([A-Za-z]{3,7})\s*$")
_TAG_LINE_TIGHT = re.compile(r"^([A-Za-z][A-Za-z0-9])\s?-(?:\s?(.*))$")
#: A longer tag some scripts write ("PMID  - 123", MEDLINE's): read as a tag of its own, never glued
#: to the value before it.  Two spaces before the dash, so a wrapped line "HIV - positive" stays text.
_LONG_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{2,4})  - ?(.*)$")
#: Several "XX  - " tags on one line: the line ends were lost (a file pasted into one line).
_EMBEDDED_TAG = re.compile(r"\s+(?=([A-Z][A-Z0-9])  -(?:\s|$))")
_SNIFF = re.compile(r"^\s*[Tt][Yy](?: {1,2}- ?\S|-\s?[A-Za-z]{3,7}\s*$)", re.M)
#: Numeric dates that are not RIS's YYYY/MM/DD: "3/15/2022" (EndNote's free-text Access Date, US
#: order), "15/03/2022" (day first); the year comes last.
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/?$")
#: A UR value that is no link: EndNote's Web of Science links "<Go to ISI>://WOS:000...".
_NOT_A_URL = re.compile(r"^<[^>]*>:|\s")
_WOS = re.compile(r"^(FN |VR |PT [A-Z]\b)", re.M)
_ISSN = re.compile(r"\b(\d{4})-?(\d{3}[\dXx])\b")
_INITIALS_TAIL = re.compile(r"^(?P<family>\S.*?)\s+(?P<init>(?:[A-Z]\.?-?){1,4})$")
#: Given-name initials before the family name ("J. A. Smith", "J.-P. Dupont"): dotted, then a word.
_INITIALS_HEAD = re.compile(
    r"^[A-Z]\.(?:\s?-?\s?[A-Z]\.)*\s+(?=(?:[a-z]+\s+|[\u00C0-\u024F]\s+)*[A-Z\u00C0-\u024F][^\s.])")
# (an accented one-letter particle may start the family name: IEEE's "M. Ó Briain")
_SHADOW_NOTE = re.compile(r"^RIS ([A-Z][A-Z0-9]{1,4}): (.*)$", re.S)
_PMID_NOTE = re.compile(r"^\s*(PMID|PMCID)\s*:\s*(\S+)\s*$", re.I)


def sniff(head: str) -> float:
    """RIS starts a record with ``TY  - ``; WoS tagged files (``FN``, ``PT J``) are not RIS."""
    text = head.lstrip("\ufeff")
    first = [ln for ln in text.splitlines()[:40] if ln.strip()]
    if not first or _WOS.search("\n".join(first[:3])):
        return 0.0
    for ln in first[:12]:
        if _SNIFF.match(ln):
            return 0.95
    if _SNIFF.search(text):
        return 0.6
    # a first record whose TY is empty ("TY  - "), closed by ER
    return 0.5 if re.search(r"^TY  -\s*$", text, re.M) and re.search(r"^ER  -", text, re.M) else 0.0


# --------------------------------------------------------------------------
# Reading: lines -> raw records (tag, value, line) -> items
# --------------------------------------------------------------------------
#: Tags whose continuation lines are new paragraphs rather than wrapped text.
MULTILINE_TAGS = frozenset(("AB", "N2"))


class _Raw:
    """One record as read: ordered (tag, value, line) triples."""

    def __init__(self, line: int):
        self.line = line
        self._tags: list[list[Any]] = []  # [tag, value, line]
        # Continuation lines of the last tag, joined when the tags are next looked at: adding each
        # line to the value string was quadratic in the lines of a long abstract (1 MB: minutes).
        self._more: list[str] = []
        self._lstrip = False
        self.bad: str | None = None
        self.no_ty = False  # tag lines found before any TY line

    @property
    def tags(self) -> list[list[Any]]:
        if self._more:
            last = self._tags[-1]
            last[1] = "".join([last[1], *self._more])
            if self._lstrip:
                last[1] = last[1].lstrip()
            self._more, self._lstrip = [], False
        return self._tags

    def add(self, tag: str, value: str, line: int) -> None:
        self.tags.append([tag, value, line])

    def continue_last(self, text: str, paragraph: bool = False) -> None:
        """Append a continuation line; *paragraph*: a blank line came before it (a note's paragraphs)."""
        if not self._tags:
            return
        last = self._tags[-1]
        if last[0] in LIST_TAGS:
            self.tags.append([last[0], text, last[2]])
            return
        newline = last[0] in MULTILINE_TAGS or (paragraph and last[0] in PARAGRAPH_TAGS)  # paragraphs kept
        if not (last[1] or self._more):
            last[1] = text
            return
        self._more.append(("\n" if newline else " ") + text)  # *text* is stripped, never empty
        self._lstrip = self._lstrip or not newline  # as f"{value} {text}".strip() did


#: Tags that give a record its title: a TY segment without one is no record of its own.
_TITLE_TAGS = frozenset(("TI", "T1", "CT"))


def _physical_lines(text: str, ctx: Context) -> Iterator[tuple[int, str]]:
    """(line number, line); a line holding several known tags (line ends lost) is split into them."""
    for lineno, line in enumerate(iter_lines(text), start=1):  # no list of all lines
        if len(line) <= MAX_LINE and "  - " in line[4:] and _TAG_LINE.match(line.lstrip("\ufeff")):
            parts = _EMBEDDED_TAG.split(line)
            tags = parts[1::2]
            if len(tags) >= 2 and all(t in KNOWN_TAGS for t in tags):
                ctx.report("warning", f"line {lineno} holds {len(tags) + 1} tags (its line ends were lost); "
                           "read as separate lines", line=lineno, code="malformed")
                yield from ((lineno, piece) for piece in parts[0::2])
                continue
        yield lineno, line


def _match_tag(line: str, tight: bool) -> tuple[str, str] | None:
    """(TAG, value) of a tag line, else None."""
    bare = line.lstrip("\ufeff")
    m = _TAG_LINE.match(bare) or _TAG_LINE_LOOSE.match(line)
    if not m:
        m = _TAG_LINE_LOWER.match(bare) or (_TAG_LINE_TIGHT.match(bare) if tight else None)
        m = m if m and m.group(1).upper() in KNOWN_TAGS else None
    if not m:
        m = _LONG_TAG_LINE.match(bare)
    return (m.group(1).upper(), (m.group(2) or "").strip()) if m else None


def _segments(text: str, ctx: Context) -> Iterator[tuple[_Raw, str]]:
    """Split text at TY and ER lines: (segment, what ended it: "ER", "TY" or "EOF").

    Tag lines before any TY (a record whose TY line was lost) make a segment marked ``no_ty``."""
    current: _Raw | None = None
    tight = False  # the record was opened by "TY-JOUR"
    blank = False  # a blank line since the last text: a continuation line after it starts a paragraph
    for lineno, line in _physical_lines(text, ctx):
        if len(line) > MAX_LINE:
            msg = f"line {lineno} is {len(line):,} characters long (limit {MAX_LINE:,}); not RIS"
            if current is not None:
                current.bad = current.bad or msg
            else:
                ctx.report("error", msg, line=lineno, code="malformed")
            continue
        if "\x00" in line:  # a damaged copy: the byte goes, the record stays (as every other reader does)
            ctx.report("error", f"NUL byte on line {lineno} removed (corrupt data); check this record",
                       line=lineno, code="bad-input",
                       record=f"record at line {current.line}" if current is not None else None)
            line = line.replace("\x00", "")
        ty_tight = _TY_TIGHT.match(line.lstrip("\ufeff"))
        found = ("TY", ty_tight.group(1)) if ty_tight else _match_tag(line, tight)
        if found:
            tag, value = found
            blank = False
            if tag == "TY":
                if current is not None:
                    if len(current.tags) == 1 and not current.no_ty:  # a TY right after TY: keep the first
                        ctx.report("warning", f"repeated TY {value!r} ignored", line=lineno,
                                   record=f"record at line {current.line}")
                        continue
                    yield current, "TY"
                current = _Raw(lineno)
                current.add("TY", value, lineno)
                tight = bool(ty_tight)
                continue
            if tag == "ER":
                if current is None:
                    ctx.report("warning", "ER without a record; ignored", line=lineno)
                else:
                    yield current, "ER"
                current = None
                continue
            if current is None:  # the TY line is missing: collect the tags; _records decides
                current = _Raw(lineno)
                current.no_ty = True
                current.add("TY", "", lineno)
            current.add(tag, value, lineno)
        elif current is not None and line.strip():
            current.continue_last(line.strip(), paragraph=blank)
            blank = False
        elif not line.strip():
            blank = True
        # text outside records (export headers, "1.", blank lines) is not data
    if current is not None:
        yield current, "EOF"


def _records(text: str, ctx: Context) -> Iterator[_Raw]:
    """Raw records; reports problems with their line numbers.

    A TY line after data either starts the next record (the previous one lacks its ER) or is a
    stray repeated TY inside one record (JabRef's corrupt-file test has nine).  The tags after it
    decide: with a title of their own they are a new record; without one they continue the
    titled record before, as JabRef and Zotero read it, so nothing is split off into a record
    nobody can cite.
    """
    pending: _Raw | None = None  # a titled record that ended at a TY line, not at ER
    for seg, ended in _segments(text, ctx):
        current = seg
        if seg.no_ty:  # tag lines with no TY before them
            if pending is not None:
                ctx.report("error", "record has no ER line; ended at the next TY and kept",
                           line=pending.line, record=f"record at line {pending.line}", code="missing-er")
                yield pending
                pending = None
            tags = [t[0] for t in seg.tags[1:]]
            n_lines = len({t[2] for t in seg.tags[1:]})
            if any(t in _TITLE_TAGS for t in tags):
                ctx.report("error", f"record has no TY line (it starts with {tags[0]}); read as a generic "
                           "record (GEN)", line=seg.line, record=f"record at line {seg.line}", code="missing-ty")
                seg.tags[0][1] = "GEN"
                yield seg
            else:
                ctx.report("warning", f"{n_lines} tag line(s) ({', '.join(dict.fromkeys(tags))}) outside a "
                           "record and without a title (no TY before them); ignored", line=seg.line,
                           code="malformed")
            continue
        if pending is not None:
            titled = any(t[0] in _TITLE_TAGS for t in seg.tags)
            if not titled:
                ctx.report("warning", f"TY {seg.tags[0][1]!r} repeated inside a record (no title after it); "
                           "read as part of that record", line=seg.line, record=f"record at line {pending.line}",
                           code="malformed")
                pending.tags.extend(seg.tags[1:])
                pending.bad = pending.bad or seg.bad
                current = pending
            else:
                ctx.report("error", "record has no ER line; ended at the next TY and kept",
                           line=pending.line, record=f"record at line {pending.line}", code="missing-er")
                yield pending
        pending = None
        if ended == "TY" and any(t[0] in _TITLE_TAGS for t in current.tags):
            pending = current
            continue
        if ended == "TY":
            ctx.report("error", "record has no ER line; ended at the next TY and kept",
                       line=current.line, record=f"record at line {current.line}", code="missing-er")
        elif ended == "EOF":
            ctx.report("error", "record has no ER line at the end of the file; kept", line=current.line,
                       record=f"record at line {current.line}", code="missing-er")
        yield current


def parse_ris_date(value: str) -> Date | None:
    """'2015/02/03/', '2015///', '2015/02//Spring', '///in press', '2015', 'July 2015' -> CSL date."""
    v = value.strip()
    if not v:
        return None
    dmy = _DMY.match(v)
    if dmy:
        return _day_month_year(*(int(g) for g in dmy.groups()))
    span = _DAY_SPAN.match(v)  # IEEE Xplore's conference dates: "13-22 Feb. 2021", "28 Feb.-3 March 2021"
    if span:
        d1, m1, d2, m2, year = span.groups()
        date = parse_date(f"{year} {m1 or m2} {d1}-{m2} {d2}")
        if date and "date-parts" in date:
            return date
    if "/" not in v:
        date = parse_date(v)
        return None if date and date.get("literal") == "0000" else date
    y, m, d, *rest = (v.split("/") + ["", "", ""])[:3] + ["/".join(v.split("/")[3:])]
    other = rest[0].strip() if rest else ""
    y, m, d = y.strip(), m.strip(), d.strip()
    if not y.isdigit() or int(y) == 0:
        if other:
            return parse_date(other)
        if not (y or m or d):
            return None
        return {"literal": v}
    parts = [int(y)]
    if m.isdigit() and 1 <= int(m) <= 12:
        parts.append(int(m))
        if d.isdigit() and 1 <= int(d) <= 31:
            parts.append(int(d))
    elif m and month_number(m):
        parts.append(month_number(m))  # type: ignore[arg-type]
    date: Date = {"date-parts": [parts]}
    if other:
        if other.lower() in SEASONS:
            date["season"] = SEASONS[other.lower()]
        elif len(parts) == 1 and month_number(other.split()[0]):
            sub = parse_date(f"{y} {other}")
            if sub and "date-parts" in sub:
                date = sub
        else:
            # "1984///1984-1985": the other-info part refines the date (ranges).
            sub = parse_date(other)
            if sub and "date-parts" in sub and first_parts(sub)[:len(parts)] == parts:
                date = sub
    return date


_DAY_SPAN = re.compile(r"^(\d{1,2})(?:\s+([A-Za-z]{3,9})\.?)?\s*[-\u2013]\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")


def _day_month_year(a: int, b: int, year: int) -> Date:
    """'3/15/2022' (month first) or '15/3/2022' (day first): the number over 12 is the day.  When both
    could be months the order is unknown: the year alone (is_ambiguous_date tells callers to keep
    the value)."""
    if 1 <= a <= 12 and (b > 12 or a == b) and b <= 31:
        return {"date-parts": [[year, a, b]]}
    if 1 <= b <= 12 and 12 < a <= 31:
        return {"date-parts": [[year, b, a]]}
    return {"date-parts": [[year]]}


def is_ambiguous_date(value: str) -> bool:
    """True for a numeric date whose day and month cannot be told apart ('4/5/2020')."""
    m = _DMY.match(value.strip())
    return bool(m) and len(first_parts(_day_month_year(*(int(g) for g in m.groups())))) == 1


_ACCESS_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)")
_DAY_MONTH = re.compile(r"^\d{1,2}\s*([/.-])\s*\d{1,2}\.?$")


def _access_part(value: str, role: str, year: int | None) -> Date | None:
    """One part of an access date as a date, or None when it is no date ('42', a volume '3').
    A "day" part without a year ("March 3", "3/15") takes *year* (from the other parts)."""
    if is_ambiguous_date(value):
        return None  # "03/04/2021": day and month unknown; kept as written
    own = _ACCESS_YEAR.search(value)
    if own:
        date = parse_ris_date(value)
        ok = bool(date) and "date-parts" in date and first_parts(date)[0] == int(own.group(1))
        return date if ok else None
    if role != "day" or year is None:
        return None
    numeric = _DAY_MONTH.match(value.strip())
    if numeric:
        text = f"{value.strip().rstrip('.')}{numeric.group(1)}{year}"
    elif any(month_number(w) for w in re.findall(r"[A-Za-z]{3,}", value)):
        text = f"{value.strip()} {year}"
    else:
        return None
    date = None if is_ambiguous_date(text) else parse_ris_date(text)
    return date if date and len(first_parts(date)) >= 2 and first_parts(date)[0] == year else None


def access_date(accessed: Date | None, parts: list[tuple[str, str, str]]
                ) -> tuple[Date | None, list[tuple[str, str]], list[tuple[str, str]]]:
    """Join an access date already read (RIS Y2, EndNote <access-date>) with the parts a type keeps
    elsewhere: *parts* are (tag, role, value), roles as in ACCESS_DATE_TAGS.  The most precise date
    they agree on wins; a part that disagrees with it stays as written.  Returns (accessed, parts that
    are no date: (tag, value), parts that disagree: (tag, value))."""
    years = [int(m.group(1)) for _t, role, v in parts if role == "year" and (m := _ACCESS_YEAR.fullmatch(v.strip()))]
    known = first_parts(accessed) if accessed else []
    year = years[0] if years else (known[0] if known else None)
    if year is None:  # a whole date among the parts gives the year to a day-only one
        year = next((first_parts(d)[0] for _t, r, v in parts if (d := _access_part(v, r, None))), None)
    best, not_dates, disagree = accessed, [], []
    for tag, role, value in parts:
        date = _access_part(value, role, year)
        if date is None:
            not_dates.append((tag, value))
            continue
        have, new = (first_parts(best) if best else []), first_parts(date)
        if best is None:
            best = date
        elif have and new[:len(have)] == have[:len(new)]:
            if len(new) > len(have):
                best = date  # "2021" (VL) refined by "March 3" (M1)
        else:
            disagree.append((tag, value))
    return best, not_dates, disagree


def parse_ris_name(text: str) -> Name:
    """'Family, Given[, Suffix]'; 'Family G.' (Embase); one word -> family; else a literal name."""
    s = clean(text).strip(" ;")
    if not s:
        return {}
    if s.endswith(","):  # EndNote's mark of a name that is one family name: "Acme Robotics, Inc.,"
        return {"family": s.rstrip(", ")}
    if "," in s:
        family, _, rest = s.partition(",")
        words = family.split()
        if len(words) > 1 and s.count(",") == 1 and is_suffix(words[-1]) and len(words[-1].strip(".")) > 1:
            # Scopus / EBSCOhost "Smith Jr., Robert": the suffix written inside the family part
            name = parse_name(f"{' '.join(words[:-1])}, {rest.strip()}", organisation=False)
            return {**name, "suffix": words[-1]} if "family" in name else parse_name(s, organisation=False)
        return parse_name(s, organisation=False)
    if " " not in s:
        return {"family": s}
    head = _INITIALS_HEAD.match(s)
    if head:  # IEEE Xplore "J. A. Pulido Guevara Jr.": initials, then the whole family name
        rest = s[head.end():].split()
        suffix = rest.pop() if len(rest) > 1 and is_suffix(rest[-1]) else ""
        inverted = ", ".join(p for p in (" ".join(rest), head.group(0).strip(), suffix) if p)
        return parse_name(inverted, organisation=False)
    words = s.split(" ")
    # MEDLINE "Gibb FW Jr"; but the "V" of "van Gogh V" is an initial, not a suffix: try both.
    tries = ([(words[:-1], words[-1])] if len(words) > 2 and is_suffix(words[-1]) else []) + [(words, "")]
    for head_words, suffix in tries:
        m = _INITIALS_TAIL.match(" ".join(head_words))
        if m and not m.group("family").isupper():
            init = m.group("init").replace(".", "").replace("-", "")
            # through parse_name, so particles split as in "de la Cruz, J." (Ovid's "de la Cruz J.")
            name = parse_name(f"{m.group('family')}, {' '.join(f'{c}.' for c in init)}", organisation=False)
            return {**name, "suffix": suffix} if suffix else name
    return {"literal": s}


def _spelled_out_type(value: str) -> str:
    """A known RIS type that *value* spells out ("JOURN", "JOURNAL" -> JOUR; "CHAPTER" -> CHAP),
    else *value*.  Only types of four letters or more, extended by at most three: "ARTICLE" is
    not ART (artwork)."""
    word = re.sub(r"[^A-Z]", "", value)
    hits = [t for t in RIS_TO_CSL if len(t) >= 4 and word.startswith(t) and len(word) <= len(t) + 3]
    return max(hits, key=len) if hits else value


def _first_date(values: list[str]) -> Date | None:
    for v in values:
        date = parse_ris_date(v)
        if date and ("date-parts" in date):
            return date
    return None


def _resolve_dates(tags: dict[str, list[str]]) -> tuple[Date | None, list[tuple[str, str]]]:
    """Pick the publication date from DA/PY/Y1 (DA wins, PY gives the year); return leftovers."""
    dates = {t: _first_date(tags.get(t, [])) for t in DATE_TAGS}
    year_src = next((dates[t] for t in ("PY", "DA", "Y1") if dates[t]), None)
    year = first_parts(year_src)[0] if year_src else None
    chosen: Date | None = None
    for t in ("DA", "Y1", "PY"):
        cand = dates[t]
        if cand and first_parts(cand)[0] == year:
            if chosen is None or len(first_parts(cand)) > len(first_parts(chosen)):
                chosen = cand
    if chosen is None and year is None:
        # Only unparseable values: keep the first as a literal date.
        for t in DATE_TAGS:
            for v in tags.get(t, []):
                lit = parse_ris_date(v)
                if lit:
                    chosen = lit
                    break
            if chosen:
                break
    if chosen and year and len(first_parts(chosen)) == 1 and tags.get("DA"):
        # "PY 1948" + "DA July": a month without a year belongs to that year.
        da = tags["DA"][0]
        if month_number(da.split()[0]) and not re.search(r"\d{4}", da):
            chosen = parse_date(f"{year} {da}") or chosen
    leftovers = []
    for t in DATE_TAGS:
        for v in tags.get(t, []):
            parsed = parse_ris_date(v)
            if chosen is None or parsed is None or "date-parts" not in parsed:
                if parsed != chosen and v.strip() and not v.strip().startswith("0000"):
                    leftovers.append((t, v))  # a value that is no date ("13-22 Feb.") is kept as written
                continue
            pp, cp = first_parts(parsed), first_parts(chosen)
            if pp and cp and (pp[0] != cp[0] or pp[1:] != cp[1:len(pp)]) or is_ambiguous_date(v):
                leftovers.append((t, v))  # an ambiguous "4/5/2020" gave only its year: keep it as written
    return chosen, leftovers


def _classify_sn(value: str, ty: str) -> tuple[str, str]:
    """Is this SN value an ISBN or an ISSN?  The value decides; the type breaks ties."""
    digits = re.sub(r"[^0-9Xx]", "", value.split("(")[0])
    looks_13 = len(digits) == 13 and digits[:3] in ("978", "979")  # even with a bad check digit
    if (normalize_isbn(digits) or looks_13) and len(digits) in (10, 13) and not _ISSN.fullmatch(value.strip()):
        return "ISBN", value.strip()
    if _ISSN.search(value) and (len(digits) == 8 or ty not in ISBN_TYPES):
        return "ISSN", value.strip()
    return ("ISBN" if ty in ISBN_TYPES else "ISSN"), value.strip()


_ISBN_IN = re.compile(r"(?<![\w-])(97[89]-?(?:\d-?){9}\d|(?:\d-?){9}[\dXx])(?![\w-])(?:\s*\(([^)]*)\))?")


def is_isbn13(value: str) -> bool:
    """A valid ISBN-13 (978/979, check digit right), alone in *value*."""
    digits = re.sub(r"[-\s]", "", value.strip())
    return bool(re.fullmatch(r"97[89]\d{10}", digits) and normalize_isbn(digits))


def isbn_parts(value: str) -> tuple[str, dict[str, str], list[str]]:
    """An SN / <isbn> value holding several ISBNs ("978-1 (print); 978-2 (ebook)", WorldCat's
    "9780060114183 0060114185") -> (the first, custom.isbn kinds from the labels, the others).  One
    ISBN or none: the value as it is."""
    found = [(m.group(1), ISBN_KINDS.get((m.group(2) or "").strip(" .").lower())) for m in _ISBN_IN.finditer(value)]
    if len(found) < 2:
        return value.strip(), {}, []
    kinds: dict[str, str] = {}
    for isbn, kind in found:
        if kind:
            kinds.setdefault(kind, isbn)
    if len(set(kinds.values())) < 2:  # one labelled ISBN beside its ISBN-10: no kinds to tell apart
        kinds = {}
    first = found[0][0]
    return first, kinds, [isbn for isbn, _k in found[1:] if isbn not in kinds.values()]


_ISSN_IN = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")


def _issn_kinds(values: list[str]) -> tuple[str | None, dict[str, str]]:
    """ISSN values, possibly labelled '(Print)', '(Electronic)', '(Linking)' -> (ISSN, kinds)."""
    kinds: dict[str, str] = {}
    found: list[str] = []
    for v in values:
        for m in re.finditer(r"(\d{4}-?\d{3}[\dXx])\s*(?:\((\w+)\))?", v):
            issn = normalize_issn(m.group(1)) or m.group(1)
            found.append(issn)
            kind = ISSN_KINDS.get((m.group(2) or "").lower())
            if kind:
                kinds.setdefault(kind, issn)
    if not found:
        return (values[0] if values else None), {}
    return kinds.get("print", found[0]), kinds


#: PubMed's RIS export labels identifiers in free tags: "U1  - 26957754[pmid]", "U2  - PMC4756000[pmcid]";
#: EBSCO and EndNote users write them as "U2  - PMID: 32133674." instead.  Either way the whole value is the id.
_LABELLED_ID = re.compile(r"^\s*([^\s\[\]]+)\s*\[(pmid|pmcid|doi)\]\s*$", re.I)
_PREFIXED_ID = re.compile(r"^\s*(pmid|pmcid|doi)\s*:\s*(\S+?)\.?\s*$", re.I)
_LABELLED_ID_TAGS = ("U1", "U2", "U3", "U4", "U5", "M2", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8")
_ID_NORMALIZERS = {"pmid": ("PMID", normalize_pmid), "pmcid": ("PMCID", normalize_pmcid), "doi": ("DOI", normalize_doi)}
#: CSL date variables a tag can fill (parsed; a value that is no date is kept as the tag).
_DATE_VARS = frozenset(("accessed", "available-date"))
_RIS_LITERAL_DATE = re.compile(r"^\d{0,4}/\d{0,2}/\d{0,2}/\S")


#: Tags a database's export fills with a PubMed ID (by the DB value it writes): Scopus's C2.
DATABASE_PMID_TAGS: dict[str, str] = {"scopus": "C2"}
#: A record from PubMed / MEDLINE (DB "PubMed" as EndNote writes it, "Ovid MEDLINE(R)", EBSCO
#: "MEDLINE", Europe PMC) has its PMID as the accession number AN; the AN is kept as archive_location too.
#: (The NLM Catalog's AN is a catalogue number, so DP "NLM" alone does not count.)
_PUBMED_DB = re.compile(r"\b(pubmed|medline|europe ?pmc)\b", re.I)  # Europe PMC's numeric AN: the PMID


#: Tags some exporters name after an identifier: Cochrane CENTRAL's "PM  - PUBMED 26789012", and
#: "PMID  - n" / "PMCID  - PMCn" lines of scripts that borrow MEDLINE's tags.
_ID_TAGS = {"PM": ("PMID", normalize_pmid), "PMID": ("PMID", normalize_pmid), "PMCID": ("PMCID", normalize_pmcid),
            "PMC": ("PMCID", normalize_pmcid)}


def _database_ids(item: Item, by_tag: dict[str, list[str]]) -> None:
    tag = DATABASE_PMID_TAGS.get((by_tag.get("DB") or [""])[0].strip().lower())
    value = normalize_pmid(by_tag[tag][0]) if tag and len(by_tag.get(tag, [])) == 1 else None
    if value and not item.get("PMID"):
        item["PMID"] = value
        del by_tag[tag]
    for tag, (var, norm) in _ID_TAGS.items():
        values = by_tag.get(tag, [])
        m = re.fullmatch(r"(?:PUBMED:?\s*)?(\S+)", values[0].strip(), re.I) if len(values) == 1 else None
        value = norm(m.group(1)) if m else None
        if value and item.get(var, value) == value:
            item[var] = value
            del by_tag[tag]
    an = by_tag.get("AN", [])
    if len(an) == 1 and re.fullmatch(r"\d{1,9}", an[0].strip()) and _PUBMED_DB.search(" ".join(by_tag.get("DB", []))):
        item.setdefault("PMID", normalize_pmid(an[0]))


def _labelled_ids(item: Item, by_tag: dict[str, list[str]]) -> None:
    """Take PubMed-labelled identifiers out of *by_tag* into the item (the first of each kind wins;
    a value that does not normalise stays in its tag)."""
    for tag in _LABELLED_ID_TAGS:
        rest = []
        for v in by_tag.get(tag, []):
            m = _LABELLED_ID.match(v)
            kind, raw = (m.group(2), m.group(1)) if m else (None, None)
            if not m and (m := _PREFIXED_ID.match(v)):
                kind, raw = m.group(1), m.group(2)
            var, norm = _ID_NORMALIZERS[kind.lower()] if kind else (None, None)
            value = norm(raw) if kind and norm else None
            if value and item.get(var, value) == value:
                item[var] = value
            else:
                rest.append(v)
        if tag in by_tag:
            if rest:
                by_tag[tag] = rest
            else:
                del by_tag[tag]


def _procite_fields(by_tag: dict[str, list[str]], ty: str) -> list[tuple[str, str]]:
    """Take ProCite's labelled N1 notes out of *by_tag*; return them as (CSL variable, value).
    ProCite also puts some fields in other tags than EndNote does (PROCITE_RETAG)."""
    notes = by_tag.get("N1", [])
    record_id = any(re.match(r"Record (ID|Number)\s*:", v) for v in notes)
    # ProCite does not always write its Record ID line; two or more N1 notes under its field labels
    # ("Call Number: QA76", "Notes: ...") are its mark too.  Tags are re-read (PROCITE_RETAG) only
    # on the Record ID: a VL is not taken for an edition on the strength of two notes.
    labelled = sum(1 for v in notes if (m := _PROCITE_NOTE.match(v)) and m.group(1) in PROCITE_NOTES)
    if not record_id and labelled < 2:
        return []
    for old, new in PROCITE_RETAG.get(ty, ()) if record_id else ():
        if old in by_tag:
            by_tag.setdefault(new, []).extend(by_tag.pop(old))
    found, rest = [], []
    for v in notes:
        m = _PROCITE_NOTE.match(v)
        if m and m.group(1) in PROCITE_NOTES and m.group(2).strip():
            found.append((PROCITE_NOTES[m.group(1)], m.group(2).strip()))
        else:
            rest.append(v)
    if rest:
        by_tag["N1"] = rest
    else:
        by_tag.pop("N1", None)
    return found


#: HTML character references some exporters (IEEE Xplore, ACM) write for accents and '&':
#: numeric ones, and the few named ones such text uses; only with their ';' ("AT&T" stays).
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}


def _unentity(m: re.Match) -> str:
    ref = m.group(1)
    if ref[0] != "#":
        return _NAMED_ENTITIES[ref]
    code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)


#: Wiley (and some Atypon sites) start the abstract with its heading: "N2  - Abstract Background ...".
_ABSTRACT_HEADING = re.compile(r"^Abstract(?:\s*[:.]\s*|\s*\n\s*|\s+(?=[A-Z]))(?=\S)")
#: JSTOR writes the full date as a note in C1 (for every type, where C1 may mean a place).
_FULL_DATE_NOTE = re.compile(r"^Full publication date:\s*(.+)$", re.I)


def _date_notes(by_tag: dict[str, list[str]]) -> list[tuple[Date, str]]:
    """Take JSTOR's 'Full publication date: Feb., 1999' C1 notes out of *by_tag*: (date, note)."""
    dates, rest = [], []
    for v in by_tag.get("C1", []):
        m = _FULL_DATE_NOTE.match(v)
        date = parse_date(m.group(1).replace(".,", "").replace(".", "")) if m else None
        if date and "date-parts" in date:
            dates.append((date, v))
        else:
            rest.append(v)
    if dates:
        if rest:
            by_tag["C1"] = rest
        else:
            del by_tag["C1"]
    return dates


def _build(raw: _Raw, ctx: Context, index: int) -> Item:
    """Turn one raw record into a CSL item (the tables do the mapping)."""
    ty_value = raw.tags[0][1].strip().upper() if raw.tags else ""
    ty = ty_value if ty_value in RIS_TO_CSL else _spelled_out_type(ty_value)
    item: Item = {"type": RIS_TO_CSL.get(ty, "document")}
    keep: dict[str, list[str]] = {}  # custom.tags
    rec = f"record {index} (line {raw.line})"
    if ty_value not in RIS_TO_CSL and ty_value not in LEGACY_TYPES:
        read_as = f"as {ty}" if ty in RIS_TO_CSL else "as 'document'"
        ctx.report("warning", f"unknown RIS type {ty_value!r}; read {read_as}", record=rec, line=raw.line,
                   code="guessed", field="type")
        if ty_value:
            keep["ris:TY"] = [ty_value]
    ty = LEGACY_TYPES.get(ty, ty)
    if ty in RIS_TO_CSL and CSL_TO_RIS.get(item["type"]) != ty:
        keep["ris:TY"] = [ty]  # e.g. EBOOK: the CSL type is book; the writer restores EBOOK
    by_tag: dict[str, list[str]] = {}
    mojibake: list[str] = []
    for tag, value, _line in raw.tags[1:]:
        if tag == "N1" and looks_like_html(value):  # Zotero exports its notes as HTML: its paragraphs are lines
            value = "\n".join(clean(v) for v in html_note_to_rich(value).split("\n"))
        else:
            value = _ENTITY.sub(_unentity, value) if "&" in value else value
            value = "\n".join(clean(v) for v in value.split("\n")) if tag in PARAGRAPH_TAGS else clean(value)
        fixed = repair_mojibake(value)
        if fixed != value:
            mojibake.append(tag)
            value = fixed
        if value:
            by_tag.setdefault(tag, []).append(value)
    if mojibake:  # UTF-8 text decoded as Latin-1 somewhere before us (an old export, a mail): undone
        ctx.report("warning", f"UTF-8 text shown as Latin-1 (\"MÃ¼ller\" for \"Müller\") in "
                   f"{', '.join(dict.fromkeys(mojibake))}; repaired", record=rec, line=raw.line, code="guessed")
    procite = _procite_fields(by_tag, ty)
    for old, new in DIALECT_RETAG.get(ty, {}).get(next((m for m in DIALECT_RETAG.get(ty, {}) if m in by_tag), ""), ()):
        if old in by_tag and new not in by_tag:
            by_tag[new] = by_tag.pop(old)
    full_dates = _date_notes(by_tag)
    _labelled_ids(item, by_tag)
    _database_ids(item, by_tag)
    if ty in DA_ACCESSED_TYPES and "DA" in by_tag and "Y2" not in by_tag:
        by_tag["Y2"] = by_tag.pop("DA")
    overrides = TYPE_FIELDS.get(ty, {})
    names_map = {t: v for t, v in {**NAME_TAGS, **TYPE_NAME_TAGS.get(ty, {})}.items() if t not in overrides}
    # A web page's VL/M1 (access year and date) are read with Y2 after the loop.
    access_parts = [(t, role, v) for t, role in ACCESS_DATE_TAGS.get(ty, {}).items() for v in by_tag.pop(t, [])]
    # A type's own tag for the archive (a manuscript's PB, "Library/Archive") is read before DB (the
    # database's name, where Zotero writes an archive): that one is kept when they differ.
    own_first = [t for t in by_tag if overrides.get(t) == "archive"]
    by_tag = {**{t: by_tag[t] for t in own_first}, **by_tag}

    def extra(tag: str, values: Iterable[str]) -> None:
        for v in values:
            if v not in keep.setdefault(f"ris:{tag}", []):
                keep[f"ris:{tag}"].append(v)

    def put(var: str, value: Any, tag: str) -> None:
        if var in item:
            if item[var] != value:
                extra(tag, [value] if isinstance(value, str) else [])
        else:
            item[var] = value

    def put_date(var: str, v: str, tag: str) -> None:
        """A date variable; a value that is no date stays the tag (JOUR ET is sometimes an edition)."""
        date = parse_ris_date(v)
        # "///text" is RIS's own form of a date given only as text (the spec's "other info")
        literal = bool(date) and "literal" in date and bool(_RIS_LITERAL_DATE.match(v))
        if date and ("date-parts" in date or literal) and var not in item:
            item[var] = date
            if is_ambiguous_date(v):
                extra(tag, [v])  # only the year was certain: the value stays as written
        else:
            extra(tag, [v])

    for tag, values in by_tag.items():
        if tag in names_map:
            var = names_map[tag]
            for v in values:
                for part in v.split(";") if ";" in v and "," in v.split(";")[0] else [v]:
                    name = parse_ris_name(part)
                    if name:
                        item.setdefault(var, []).append(name)
        elif tag in ("TI", "T1", "CT"):
            for v in values:
                put("title", v, tag)
        elif tag == "BT":
            if ty in SERIES_T2_TYPES or ty == "MANSCPT":
                if "TI" not in by_tag and "T1" not in by_tag:
                    put("title", values[0], tag)
                continue  # any other BT is kept by _titles
            for v in values:
                put("container-title", v, tag)
        elif (tag in FULL_TITLE_TAGS or tag in ABBR_TITLE_TAGS or tag == "T3") and tag not in overrides:
            continue  # resolved below
        elif tag in DATE_TAGS:
            continue
        elif tag in ("SP", "EP"):
            continue
        elif tag in ("AB", "N2"):
            text = _ABSTRACT_HEADING.sub("", "\n".join(values), count=1)
            if "abstract" in item and text != item["abstract"]:
                item["abstract"] = f"{item['abstract']}\n{text}"
            else:
                item["abstract"] = text
        elif tag == "N1":
            notes = []
            for v in values:
                shadow = _SHADOW_NOTE.match(v)
                if shadow:
                    extra(shadow.group(1), [shadow.group(2)])
                elif v != item.get("title"):
                    notes.append(v)
            if notes:
                item["note"] = "\n".join(notes)
        elif tag == "KW":
            kws = [k.strip() for v in values for k in v.split(";") if k.strip()]
            item["keyword"] = "; ".join(dict.fromkeys(kws))
        elif tag == "DO":
            for v in values:
                doi = normalize_doi(v)
                if doi:
                    put("DOI", doi, tag)
                else:  # "DOI", "n/a": not a DOI (Zotero drops these); kept as the tag
                    extra(tag, [v])
        elif tag == "UR":
            urls = [u for v in values for u in v.split()] if all(" " not in v.strip() or v.count("http") > 1 for v in values) else values
            for u in urls:
                if u.startswith("PM:"):  # Reference Manager puts PMIDs here
                    item.setdefault("PMID", normalize_pmid(u[3:]))
                    continue
                if _NOT_A_URL.search(u):  # "<Go to ISI>://WOS:...": no link a style may print
                    extra(tag, [u])
                    continue
                put("URL", u, tag)
        elif tag == "L1":  # linked files (EndNote "File Attachments", Zotero's PDFs)
            add_attachments(item, [{"path": v.strip()} for v in values if v.strip()])
        elif tag == "LA":
            item["language"] = to_bcp47(values[0]) or values[0]
            extra(tag, values[1:])
        elif tag == "ID":
            item["id"] = values[0]
            extra(tag, values[1:])
        elif tag == "SN":
            continue
        elif tag == "M2":
            rest = []
            for v in values:
                m = _PMID_NOTE.match(v)
                var = ("PMID" if m.group(1).upper() == "PMID" else "PMCID") if m else ""
                value = (normalize_pmid if var == "PMID" else normalize_pmcid)(m.group(2)) if m else None
                if value and item.get(var, value) == value:  # a second, different id stays in the tag
                    item[var] = value
                else:
                    rest.append(v)
            typed = TYPE_FIELDS.get(ty, {}).get("M2")  # EndNote's PAMP "Number of Pages"
            if typed and rest and typed not in item:
                put(typed, rest[0], tag)
                rest = rest[1:]
            extra(tag, rest)
        elif tag in ("C2", "C3", "C7", "AN") and all(re.fullmatch(r"PMC\d+", v.strip()) for v in values):  # PMC "Cite": AN
            put("PMCID", values[0].strip(), tag)
            extra(tag, values[1:])
        elif tag == "C7" and ty in M1_ISSUE_TYPES:
            set_custom(item, "elocation", values[0])
            extra(tag, values[1:])
        elif tag == "M1":
            var = overrides.get("M1", "issue" if ty in M1_ISSUE_TYPES and "IS" not in by_tag else None)
            if var is None and ty in M1_ISSUE_TYPES and values == by_tag.get("IS"):
                continue  # EndNote repeats the issue in M1: the same value, nothing to keep
            if var in _DATE_VARS:  # a date-valued M1 (a type's access date) is parsed as one
                for v in values:
                    put_date(var, v, tag)
            elif var:
                put(var, values[0], tag)
                extra(tag, values[1:])
            else:
                extra(tag, values)
        elif tag == "M3":
            rest = []
            for v in values:
                doi = normalize_doi(v) if re.search(r"\b10\.\d{4,}/", v) else None
                if doi:
                    item.setdefault("DOI", doi)
                    if item["DOI"] != doi:
                        rest.append(v)
                else:
                    rest.append(v)
            var = overrides.get("M3", "genre")
            if var == "genre" and rest and restates_type(rest[0], item["type"]):
                var = None  # Scopus's "Article", Ovid's "Journal; Journal Article": kept as the tag
            if rest and var:
                put(var, rest[0], tag)
                extra(tag, rest[1:])
            else:
                extra(tag, rest)
        elif tag in overrides or tag in FIELDS:
            var = overrides[tag] if tag in overrides else FIELDS[tag]
            if var is None:
                extra(tag, values)
                continue
            for v in values:
                if var in _DATE_VARS:
                    put_date(var, v, tag)
                else:
                    put(var, v, tag)
        else:
            extra(tag, values)  # unknown or unmapped: kept, and written back

    if access_parts:
        accessed, not_dates, disagree = access_date(item.get("accessed"), access_parts)
        if accessed:
            item["accessed"] = accessed
        for tag, v in not_dates:
            if ACCESS_DATE_TAGS[ty][tag] == "year":
                put("volume", v, tag)  # a VL that is no year: the volume after all
            else:
                extra(tag, [v])
        for tag, v in disagree:
            extra(tag, [v])
    writable = set(_inverse(ty)) | {"id", "ISBN", "language", "collection-title", "container-title", "note"}
    if overrides.get("SP", "page") == "page":
        writable.add("page")
    for var, value in procite:
        if var not in writable:  # e.g. a volume for a web page: RIS cannot hold it there; stays a note
            label_ = next(k for k, v in PROCITE_NOTES.items() if v == var)
            item["note"] = "\n".join(filter(None, (item.get("note"), f"{label_}: {value}")))
        elif var == "note":
            item["note"] = f"{item['note']}\n{value}" if item.get("note") else value
        elif var == "language":
            put(var, to_bcp47(value) or value, "N1")
        else:
            put(var, value, "N1")
    if ty in CONFERENCE_TYPES and item.get("event-place") and "publisher-place" not in item:
        # CY alone: EndNote means the conference location, but Zotero, Mendeley, Springer and most
        # exporters write the one place they have there; CSL styles print publisher-place.
        item["publisher-place"] = item["event-place"]
    _titles(item, {t: v for t, v in by_tag.items() if t not in TITLE_OVERRIDABLE or t not in overrides}, ty, extra)
    _pages(item, by_tag, ty, extra)
    _serials(item, by_tag, ty, extra)
    _event_date(item, by_tag, ty)
    issued, leftovers = _resolve_dates(by_tag)
    for date, note in full_dates:  # a fuller date from the note refines the same year
        if not issued or (first_parts(date)[:1] == first_parts(issued)[:1]
                          and len(first_parts(date)) > len(first_parts(issued))):
            issued = date
        extra("C1", [note])
    if issued:
        item["issued"] = issued
    for tag, v in leftovers:
        extra(tag, [v])
    _doi_fallbacks(item, keep.get("ris:L3", []))
    if keep:
        item.setdefault("custom", {})["tags"] = {k: v for k, v in keep.items() if v}
    return item


def _event_date(item: Item, by_tag: dict[str, list[str]], ty: str) -> None:
    """IEEE Xplore writes a conference's dates as words in Y1 ("13-22 Feb. 2021") beside the year in
    PY: the event's dates (CSL event-date), not the issue date.  A Y1 in RIS's own slash form is a
    publication date (older exporters' only date tag) and stays one."""
    if ty not in CONFERENCE_TYPES or not by_tag.get("PY") or not by_tag.get("Y1") or "/" in by_tag["Y1"][0]:
        return
    date = parse_ris_date(by_tag["Y1"][0])
    if date and "date-parts" in date and len(first_parts(date)) > 1:
        item["event-date"] = date
        by_tag["Y1"] = by_tag["Y1"][1:]


def _titles(item: Item, tags: dict[str, list[str]], ty: str, extra) -> None:
    if ty in CONFERENCE_TYPES and tags.get("C3") and tags.get("T2"):
        # EndNote: C3 "Proceedings Title" (the container, already read), T2 "Conference Name".
        item.setdefault("event-title", tags["T2"][0])
        tags = {**tags, "T2": tags["T2"][1:]}
    full = [v for t in FULL_TITLE_TAGS if t != "BT" for v in tags.get(t, [])]
    abbr = [(t, v) for t in ABBR_TITLE_TAGS for v in tags.get(t, [])]
    if ty in SERIES_T2_TYPES:
        series = tags.get("T2", []) + tags.get("T3", [])
        if series:
            item["collection-title"] = series[0]
            extra("T3" if not tags.get("T2") else "T2", series[1:])
        full = []  # a book has no container: JF/BT/J2 are kept as tags
        extra("BT", [v for v in tags.get("BT", []) if v != item.get("title")])
        for t, v in abbr:
            extra(t, [v])
        abbr = []
    elif "T3" not in TYPE_FIELDS.get(ty, {}):
        if tags.get("T3"):
            item["collection-title"] = tags["T3"][0]
            extra("T3", tags["T3"][1:])
    if full and "container-title" not in item:
        item["container-title"] = full[0]
    for t in ("T2", "JF"):
        for v in tags.get(t, []):
            if v not in (item.get("container-title"), item.get("collection-title")):
                extra(t, [v])
    if abbr:
        if "container-title" not in item:
            # Only an abbreviation (JO alone is what old exporters write): both hold it.
            item["container-title"] = abbr[0][1]
        short = next((v for t, v in abbr if v != item.get("container-title")), abbr[0][1])
        item["container-title-short"] = short
        for t, v in abbr:
            if v not in (item["container-title"], short):
                extra(t, [v])


def _pages(item: Item, tags: dict[str, list[str]], ty: str, extra) -> None:
    sp, ep = tags.get("SP", []), tags.get("EP", [])
    sp_var = TYPE_FIELDS.get(ty, {}).get("SP", "page")
    if sp_var != "page" and sp:  # SP is not a page here (a description, a running time)
        if sp_var and sp_var not in item:
            item[sp_var] = sp[0]
            sp = sp[1:]
        extra("SP", sp)
        sp = []
    first = sp[0] if sp else ""
    last = ep[0] if ep else ""
    if first and last and "-" not in first and first != last:
        item["page"] = f"{first}-{last}"
    elif first and last and first == last:
        item["page"] = first
    elif first:
        if ty in PAGE_COUNT_TYPES and not last and not re.search(r"\w\s*[-–]\s*\w", first):
            item["number-of-pages"] = first
        else:
            item["page"] = first
        if last:
            extra("EP", [last])
    elif last:
        item["page"] = last
    elif item.get("custom", {}).get("elocation") and sp_var == "page":
        item["page"] = item["custom"]["elocation"]  # an article number (C7) stands in for pages
    extra("SP", sp[1:])
    extra("EP", ep[1:])


def _is_serial(value: str) -> bool:
    """An ISSN or ISBN by its form (the check digit aside: a mistyped one is still no rule number)."""
    return bool(re.fullmatch(r"\s*\d{4}-?\d{3}[\dXx]\s*(\(\w+\))?\s*", value) or normalize_isbn(value))


def _serials(item: Item, tags: dict[str, list[str]], ty: str, extra) -> None:
    values = tags.get("SN", [])
    target = TYPE_FIELDS.get(ty, {}).get("SN")
    if ty in SN_NUMBER_TYPES:  # an ISSN/ISBN by its value, else the rule's / document's number
        numbers = [v for v in values if not _is_serial(v)]
        values = [v for v in values if v not in numbers]
        if numbers and "number" not in item:
            item["number"] = numbers.pop(0)
        extra("SN", numbers)
    if target and "ISBN" not in item:
        # A valid ISBN-13 in the SN of a report (EndNote's "Report Number", where EndNote puts a
        # catalogue's ISBN) is the ISBN; the number is then the M1.  No report number looks so.
        isbn = next((v for v in values if is_isbn13(v)), None)
        if isbn:
            item["ISBN"] = isbn
            values = [v for v in values if v != isbn]
    if target:
        if values:
            old = item.get(target)
            if old is not None and old != values[0]:
                # SN is the type's own number (EndNote: report / patent / document number); what
                # another tag put there first (a report's M1, a patent's IS) is kept as that tag.
                source_tag = next((t for t, vs in tags.items() if t != "SN" and old in vs), "M1")
                extra(source_tag, [old])
            item[target] = values[0]
            extra("SN", values[1:])
        return
    isbns, issns = [], []
    for v in values:
        kind, val = _classify_sn(v, ty)
        (isbns if kind == "ISBN" else issns).append(val)
    if isbns:
        first, kinds, others = isbn_parts("; ".join(isbns))
        if first == "; ".join(isbns):  # one ISBN a line, or none recognised: as written
            first, others = isbns[0], isbns[1:]
        item["ISBN"] = first
        if kinds:
            set_custom(item, "isbn", kinds)
        extra("SN", others)
    if issns:
        issn, kinds = _issn_kinds(issns)
        if issn:
            item["ISSN"] = issn
        if kinds:
            set_custom(item, "issn", kinds)
        elif len(issns) > 1:
            extra("SN", issns[1:])
        elif len(_ISSN_IN.findall(issns[0])) > 1:  # JSTOR: "03600572, 15452115" in one SN
            extra("SN", [normalize_issn(v) or v for v in _ISSN_IN.findall(issns[0])[1:]])


def restates_type(value: str, csl_type: str) -> bool:
    """Whether a document type (RIS M3, EndNote <work-type>) only restates the reference type: Scopus's
    "Article", or a database's list of publication types that all do (Ovid PsycINFO's
    "Journal; Peer Reviewed Journal; Journal Article")."""
    parts = [p.strip().lower() for p in value.split(";") if p.strip()]
    return bool(parts) and all(csl_type in RESTATED_GENRES.get(p, ()) for p in parts)


def _doi_fallbacks(item: Item, related: list[str]) -> None:
    """No DO tag: a DOI link (UR, L3 *related*) or a note that is only a DOI is the DOI, as Zotero
    reads it.  (The L3 stays a kept tag: it is written back as it was.)"""
    if item.get("DOI"):
        return
    for c in [item.get("URL", "")] + related:
        # EBSCOhost writes the bare DOI in L3: "L3  - 10.1111/jan.13875"
        if c and (re.match(r"^(https?://(dx\.)?doi\.org/|doi:)", c, re.I)
                  or (c in related and re.fullmatch(r"10\.\d{4,9}/\S+", c.strip()))):
            item["DOI"] = normalize_doi(c)
            return
    for line in (item.get("note") or "").split("\n"):  # Wiley: "N1  - doi: 10.1002/..."
        if re.fullmatch(r"\s*(doi\s*:?\s*)?10\.\d{4,9}/\S+\s*", line, re.I):
            item["DOI"] = normalize_doi(line)
            return


def read(source: Source, ctx: Context) -> Iterator[Item]:
    try:
        text = source.text()
    except CiteportError:
        # A NUL byte early in the file makes it look binary; read it anyway and
        # let the line scanner name the line and skip only that record.
        data = source.bytes()
        if data.count(b"\x00") > len(data) // 100 + 2:
            raise
        text = data.decode("utf-8", errors="replace")
    found = 0
    for index, raw in enumerate(_records(text, ctx), start=1):
        found += 1
        if raw.bad:
            ctx.skip(raw.bad, record=f"record {index}", line=raw.line)
            continue
        if not any(v.strip() for _t, v, _l in raw.tags[1:]):
            ctx.skip(f"record has no data (every tag after TY {raw.tags[0][1]!r} is empty)",
                     record=f"record {index}", line=raw.line)
            continue
        yield _build(raw, ctx, index)
    if not found:
        ctx.report("error", "no RIS records found (no 'TY  - ' line)", code="empty")


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
def _inverse(ty: str) -> dict[str, str]:
    """CSL variable -> tag for RIS type *ty* (type overrides first, then FIELDS)."""
    out: dict[str, str] = {}
    for tag, var in TYPE_FIELDS.get(ty, {}).items():
        if var:
            out.setdefault(var, tag)
    # A tag the type gives its own meaning (PAMP VL: number, CHAP SE: chapter-number, JOUR ET: a date)
    # holds only that variable: written with the general one it would be read back as the type's.
    blocked = set(TYPE_FIELDS.get(ty, {}))
    for tag, var in FIELDS.items():
        if tag not in blocked and tag not in ("CP", "PP", "PU", "PI", "H1", "H2", "AV"):
            out.setdefault(var, tag)
    return out


def _name_tags(ty: str) -> dict[str, str]:
    out: dict[str, str] = {}
    taken = TYPE_FIELDS.get(ty, {})  # e.g. PAT A2 is the issuing authority, not a name tag
    for tag, var in {**NAME_TAGS, **TYPE_NAME_TAGS.get(ty, {})}.items():
        if tag not in ("A1", "ED") and tag not in taken:
            out.setdefault(var, tag)
    for tag, var in TYPE_NAME_TAGS.get(ty, {}).items():
        if tag not in taken and var != "author":  # authors are AU for every reader (a bill's A2 too)
            out[var] = tag if tag not in ("A1", "ED") else out.get(var, tag)
    out = {var: tag for var, tag in out.items() if tag not in taken}
    if "editor" not in out:
        out["editor"] = "ED"  # A2 means something else for this type; ED is the old editor tag
    return out


def format_ris_date(date: Date) -> tuple[str, str]:
    """CSL date -> (PY, DA): '2015', '2015/02/03/'; a season as '2015///Spring'; a literal as '///text'."""
    parts = first_parts(date)
    if not parts:
        lit = date.get("literal") or date.get("raw") or ""
        return "", f"///{lit}" if lit else ""
    y = f"{parts[0]:04d}"
    season = date.get("season")
    other = SEASON_NAMES.get(int(season), str(season)) if str(season or "").isdigit() else (season or "")
    if len(date.get("date-parts") or []) > 1:
        other = to_text({"date-parts": date["date-parts"]})  # a range, e.g. '2015 Jan-Feb
    if len(parts) == 1 and not other:
        return y, ""
    mm = f"{parts[1]:02d}" if len(parts) > 1 else ""
    dd = f"{parts[2]:02d}" if len(parts) > 2 else ""
    return y, f"{y}/{mm}/{dd}/{other}"


def _split_pages(page: str) -> tuple[str, str]:
    m = re.fullmatch(r"\s*([^\s,;–—-]+)\s*[-–—]+\s*([^\s,;–—-]+)\s*", page)
    if m:
        return m.group(1), m.group(2)  # an abbreviated end ("455-60") stays as written: readers join it back
    return page.strip(), ""


#: Two or more spaces between a tag shape and a dash inside a value: written as one (whitespace only).
_EMBEDDED_WRITE = re.compile(r"(?<=\b[A-Za-z][A-Za-z0-9])[ \t]{2,}(?=-)")


def _looks_like_tag_line(text: str) -> bool:
    """Whether *text* at the start of a line would be read as a tag line (by citeport's lenient reader,
    which accepts more shapes than Zotero's or citation-js's: lower case, 'TY-JOUR', long tags)."""
    return bool(_match_tag(text, True) or _TY_TIGHT.match(text))


def _one_line(value: Any) -> str:
    return clean(str(value))


#: CSL variables the writer places itself (everything else goes to N1 with a loss report).
_HANDLED = frozenset((
    "id", "type", "title", "container-title", "container-title-short", "collection-title", "issued",
    "page", "ISBN", "ISSN", "DOI", "URL", "abstract", "note", "keyword", "language", "PMID", "PMCID",
    "custom", "citation-key", *NAME_VARIABLES,
))
#: Variables the writer places only in some records (else N1 with a loss report).
_HANDLED_IF = {"event-date": lambda item, ty: ty in CONFERENCE_TYPES and bool(item.get("issued"))
               and isinstance(item.get("event-date"), dict) and len(first_parts(item["event-date"])) > 1}


def _record(item: Item, ctx: Context, index: int) -> list[tuple[str, str]]:
    rec = label(item, index)
    csl_type = item.get("type", "document")
    custom = item.get("custom") or {}
    kept: dict[str, list[str]] = dict(custom.get("tags") or {}) if isinstance(custom.get("tags"), dict) else {}
    kept = {k: list(v) if isinstance(v, list) else [str(v)] for k, v in kept.items() if k.startswith("ris:")}
    ty = CSL_TO_RIS.get(csl_type, "GEN")
    orig = (kept.pop("ris:TY", None) or [None])[0]
    if orig and (RIS_TO_CSL.get(orig) == csl_type or orig not in RIS_TO_CSL):
        ty = orig
    elif csl_type in LOSSY_TYPES or csl_type not in CSL_TO_RIS:
        ctx.loss("down-converted", "type", f"CSL type {csl_type!r} has no RIS type; written as {ty}", record=rec)
    out: list[tuple[str, str]] = [("TY", ty)]
    lines: dict[str, list[str]] = {}
    notes: list[str] = []

    def add(tag: str, value: Any) -> None:
        text = _one_line(value) if tag not in ("AB", "N1") else str(value).strip()
        if " -" in text or "\t-" in text:  # the only texts the (slow, look-behind) pattern can change
            text = _EMBEDDED_WRITE.sub(" ", text)  # "x ER  - y": one space, so no reader splits the line there
        if text:
            lines.setdefault(tag, []).append(text)

    def text_of(var: str) -> str:
        value = item.get(var)
        if value is None:
            return ""
        value = str(value)
        if has_markup(value):
            ctx.loss("down-converted", var, f"{var}: rich-text markup removed (RIS holds plain text)", record=rec)
            value = strip_markup(value)
        return value

    if item.get("id") is not None:
        add("ID", item["id"])
    if item.get("citation-key"):  # ID holds the record id; no other tag names a cite key
        ctx.loss("dropped", "citation-key", "citation-key: no RIS tag for it", record=rec)
    name_tags = _name_tags(ty)
    for var in NAME_VARIABLES:
        extra = extra_name_parts(item.get(var))
        if extra:  # 'parse-names': false: "de la Fontaine, Jean" reads back with a particle
            ctx.loss("dropped", var, f"{var}: name flag(s) {', '.join(extra)} have no RIS form", record=rec)
        for name in item.get(var) or []:
            written = family_given(name) if isinstance(name, dict) else str(name)
            if isinstance(name, dict) and "literal" not in name and "given" not in name and " " in written:
                written += ","  # a family-only name with spaces is not an organisation
            if var in name_tags:
                add(name_tags[var], written)
            else:
                notes.append(f"{var.replace('-', ' ').capitalize()}: {written}")
                ctx.loss("down-converted", var, f"{var}: RIS has no tag for this role; written to N1",
                         record=rec)
    if item.get("title"):
        add("TI", text_of("title"))
    series_type = ty in SERIES_T2_TYPES
    # The tag a type's container goes to when T2 means something else (a case's reporter: A2).
    container_tag = next((t for t, v in TYPE_FIELDS.get(ty, {}).items() if v == "container-title"), "T2")
    if ty in CONFERENCE_TYPES and item.get("container-title"):
        # EndNote and Zotero (RIS.js fieldMap T2: conferenceName, C3: proceedingsTitle): T2 is
        # the conference's name, C3 the proceedings title; citation-js reads C3 alone as the container.
        if item.get("event-title"):
            add("T2", text_of("event-title"))
        add("C3", text_of("container-title"))
    elif item.get("container-title"):
        if series_type or TYPE_FIELDS.get(ty, {}).get(container_tag, "container-title") != "container-title":
            notes.append(f"Container title: {text_of('container-title')}")
            ctx.loss("down-converted", "container-title", f"{ty} has no container title tag; written to N1",
                     record=rec)
        else:
            add(container_tag, text_of("container-title"))
    if ty in CONFERENCE_TYPES and item.get("event-place") and not item.get("publisher-place"):
        # EndNote's CONF CY is the conference's place, Zotero's and Mendeley's the one place they have:
        # a CY alone is read (by citeport too) as both.  Nothing in RIS can say "no publisher-place".
        ctx.loss("guessed", "publisher-place", "publisher-place: none given; readers take the conference's place "
                 "(CY) as the place of publication too", record=rec)
    if item.get("collection-title") and not series_type and "T3" in TYPE_FIELDS.get(ty, {}):
        notes.append(f"Collection title: {text_of('collection-title')}")
        ctx.loss("down-converted", "collection-title", f"{ty} T3 means something else; written to N1", record=rec)
    elif item.get("collection-title"):
        add("T2" if series_type else "T3", text_of("collection-title"))
    if item.get("container-title-short") and (series_type or "J2" in TYPE_FIELDS.get(ty, {})):
        # A book's or program's J2 is no journal abbreviation to readers (kept as a tag), a case's
        # is its parallel citation: the abbreviation goes to N1.
        notes.append(f"container-title-short: {_one_line(item['container-title-short'])}")
        ctx.loss("down-converted", "container-title-short", f"{ty} has no journal abbreviation tag; written to N1",
                 record=rec)
    elif item.get("container-title-short"):
        add("J2", item["container-title-short"])
    if item.get("issued"):
        py, da = format_ris_date(item["issued"])
        add("PY", py)
        add("Y1" if ty in DA_ACCESSED_TYPES else "DA", da)
        if ty in CONFERENCE_TYPES and isinstance(item.get("event-date"), dict) and len(first_parts(item["event-date"])) > 1:
            add("Y1", to_text(item["event-date"]))  # as IEEE writes it; read back as the event-date
    if item.get("page") and TYPE_FIELDS.get(ty, {}).get("SP", "page") != "page":
        notes.append(f"page: {_one_line(item['page'])}")
        ctx.loss("down-converted", "page", f"{ty} has no pages tag (SP means something else); written to N1",
                 record=rec)
    elif item.get("page"):
        sp, ep = _split_pages(str(item["page"])) if ty not in WHOLE_SP_TYPES else (str(item["page"]), "")
        add("SP", sp)
        add("EP", ep)
    elif item.get("number-of-pages") and ty in PAGE_COUNT_TYPES:
        add("SP", item["number-of-pages"])
    inverse = _inverse(ty)
    for var, value in item.items():
        if var in _HANDLED or var in NAME_VARIABLES or (var in _HANDLED_IF and _HANDLED_IF[var](item, ty)):
            continue
        if var == "event-title" and ty in CONFERENCE_TYPES and item.get("container-title"):
            continue  # written as T2 above
        tag = inverse.get(var)
        if var == "number-of-pages" and ty in PAGE_COUNT_TYPES:
            continue
        if var == "issue" and ty == "PAT":
            tag = None
        if var == "volume" and tag is None and "VL" in ACCESS_DATE_TAGS.get(ty, {}) and not _access_part(str(value), "year", None):
            tag = "VL"  # a web page's or blog's volume that is no year reads back as the volume
        if tag is None and var == "number" and ty in M1_ISSUE_TYPES | {"BILL", "HEAR", "STAT"}:
            tag = "M1" if ty not in M1_ISSUE_TYPES else None
        if tag is None and var == "number" and ty in SN_NUMBER_TYPES:
            tag = "SN"  # a legal rule's number (RIS spec); read back as the number unless it looks like an ISSN/ISBN
            if _is_serial(str(value)):
                ctx.loss("guessed", var, f"number {value!r} looks like an ISSN/ISBN; {ty} SN is read back as one",
                         record=rec)
        if tag:
            if isinstance(value, dict) and ("date-parts" in value or "literal" in value):
                _py, da = format_ris_date(value)
                add(tag, da or _py)
                if var == "accessed" and ty in ACCESS_WRITE_TAGS:
                    add(ACCESS_WRITE_TAGS[ty], da or _py)  # a web page's access date where citation-js reads it
            elif isinstance(value, str) and has_markup(value):
                add(tag, text_of(var))  # a short title, an original title: plain text like TI
            else:
                add(tag, value)
            if var == "archive" and tag != "DB":
                add("DB", value)  # a manuscript's PB is its archive to EndNote; Zotero reads one from DB only
            continue
        shown = value
        if isinstance(value, dict):
            shown = to_iso(value) if ("date-parts" in value or "literal" in value) else value
        if isinstance(shown, (str, int, float)) and str(shown).strip():
            notes.append(f"{var}: {_one_line(shown)}")
            ctx.loss("down-converted", var, f"{var}: no RIS tag; written to N1 as '{var}: ...'", record=rec)
        else:
            ctx.loss("dropped", var, f"{var}: no RIS tag for this value", record=rec)
    if item.get("number-of-pages") and ty not in PAGE_COUNT_TYPES:
        pass  # written by the loop above (N1) when the type has no SP count
    for var, kind in (("ISBN", "ISBN"), ("ISSN", "ISSN")):
        if item.get(var):
            add("SN", item[var])
            if TYPE_FIELDS.get(ty, {}).get("SN"):  # SN is this type's own number (a report's, a patent's)
                ctx.loss("down-converted", var, f"{var}: SN of {ty} is its number; the {var} is read back as "
                         "the number, or as a kept SN tag after it", record=rec)
    isbn_kinds = custom.get("isbn") if isinstance(custom.get("isbn"), dict) else {}
    for kind, isbn in isbn_kinds.items():  # labelled as read: "SN  - 978-... (Electronic)"
        if isbn and isbn != item.get("ISBN"):
            add("SN", f"{isbn} ({kind.capitalize()})")
        elif isbn and lines.get("SN") and item.get("ISBN") in lines["SN"]:
            lines["SN"][lines["SN"].index(item["ISBN"])] = f"{isbn} ({kind.capitalize()})"
    issn_kinds = custom.get("issn") if isinstance(custom.get("issn"), dict) else {}
    for kind, issn in issn_kinds.items():
        if issn and issn != item.get("ISSN"):
            add("SN", f"{issn} ({kind.capitalize()})")
        elif issn and lines.get("SN") and item.get("ISSN") in lines["SN"]:
            lines["SN"][lines["SN"].index(item["ISSN"])] = f"{issn} ({kind.capitalize()})"
    if item.get("DOI"):
        add("DO", item["DOI"])
    if item.get("URL"):
        add("UR", item["URL"])
    if item.get("language"):
        add("LA", item["language"])
    for kw in re.split(r"\s*;\s*", item.get("keyword") or ""):
        add("KW", kw)
    if isinstance(custom.get("mesh"), list) and not item.get("keyword"):
        for heading in custom["mesh"]:
            add("KW", heading)
        ctx.loss("down-converted", "custom.mesh", "MeSH headings written as keywords (KW)", record=rec)
    if item.get("abstract"):
        # One AB whose later paragraphs are continuation lines: Zotero, EndNote,
        # rispy and citation-js join those into one abstract, whereas a repeated
        # AB becomes a list (citation-js) or loses all but the first (bibutils).
        paras = [p.strip() for p in text_of("abstract").split("\n") if p.strip()]
        joined = 0
        for i in range(len(paras) - 1, 0, -1):
            if _looks_like_tag_line(paras[i]):  # "AU  - x" on a line of its own is an author to any reader
                paras[i - 1] = f"{paras[i - 1]} {paras.pop(i)}"
                joined += 1
        if joined:
            ctx.loss("down-converted", "abstract", f"abstract: {joined} paragraph(s) starting like an RIS tag "
                     "line joined to the one before (on a line of their own they would be read as that tag)",
                     record=rec)
        if paras:
            add("AB", "\n".join(paras))
    if item.get("note"):
        for line in str(item["note"]).split("\n"):
            add("N1", line.strip())
    for line in notes:
        add("N1", line)
    # PMID/PMCID: Zotero's RIS import sends M1/M2 to Extra, where "PMID: n" and
    # "PMCID: PMCn" lines are recognised as the item's PubMed identifiers.  AN
    # would land in "Loc. in Archive" and C2 in a note, so M2 is the tag that
    # survives a Zotero round trip; citeport reads it back the same way.
    if item.get("PMID"):
        add("M2", f"PMID: {item['PMID']}")
    if item.get("PMCID"):
        add("M2", f"PMCID: {item['PMCID']}")
    if custom.get("elocation") and ty in M1_ISSUE_TYPES:
        add("C7", custom["elocation"])
    files = attachments(item)
    for path in plain_paths(files):
        add("L1", path)
    if extras_lost(files):
        ctx.loss("dropped", "custom.attachments", f"attachment {', '.join(extras_lost(files))}: RIS L1 holds "
                 "only the path", record=rec)
    for key, value in custom.items():
        if key in ("tags", "issn", "isbn", "elocation", "attachments") or (key == "mesh" and not item.get("keyword")):
            continue
        if key == "elocation":
            continue
        ctx.loss("dropped", f"custom.{key}", f"custom.{key}: RIS has no place for it", record=rec)
    for key in foreign_tags(custom, "ris:"):  # another format's tags (pubmed-xml:DataBank, bibtex:...): said, not lost
        ctx.loss("dropped", f"custom.tags.{key}", f"{key}: RIS has no place for it", record=rec)
    for var in circa_dates(item):  # DA has no "approximately": say so rather than drop it unseen
        ctx.loss("dropped", var, f"{var}: 'circa' has no RIS form", record=rec)
    for var in open_start_dates(item):  # "../2001": RIS dates have no open start
        ctx.loss("down-converted", var, f"{var} {item[var]['raw']!r}: written as its known end", record=rec)
    for tag in WRITE_ORDER:
        for value in lines.pop(tag, []):
            out.append((tag, value))
    for tag, values in lines.items():
        out.extend((tag, v) for v in values)
    written = {tag for tag, _v in out}
    for key, values in kept.items():
        tag = key.split(":", 1)[1]
        if re.fullmatch(r"[A-Z][A-Z0-9]{1,4}", tag):
            shadow = tag in SHADOW_TAGS or tag in written or len(tag) > 2  # RIS tags have two characters
            if tag == "M3" and tag not in written and all(restates_type(v, csl_type) for v in values):
                shadow = False  # Scopus's "M3  - Article": read back as this same tag, never a genre
            out.extend(("N1", f"RIS {tag}: {_one_line(v)}") if shadow else (tag, _one_line(v))
                       for v in values if _one_line(v))
        elif any(_one_line(v) for v in values):
            ctx.loss("dropped", f"custom.tags.{key}", f"{key}: no RIS tag of that name", record=rec)
    return out


def write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    newline = ctx.options.get("newline", "\r\n")
    for index, item in enumerate(items, start=1):
        for tag, value in _record(item, ctx, index):
            out.write(f"{tag}  - {value}{newline}")
        out.write(f"ER  - {newline}{newline}")


FORMAT = Format(
    name="ris",
    description="RIS tagged format (EndNote, Zotero, Mendeley, Web of Science, Scopus exports)",
    aliases=("ris-tagged",),
    extensions=("ris",),
    sniff=sniff,
    read=read,
    write=write,
    options={"newline": "line ending of written files (default CRLF, as the RIS specification says)"},
)
