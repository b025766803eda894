"""CSL dates: parse the forms bibliographic sources use, and write them back.

A CSL date is ``{"date-parts": [[y, m, d]]}`` (a second inner list for a
range), optionally with ``season`` or ``circa``; anything unparseable is kept
as ``{"literal": text}`` rather than lost.
"""
from __future__ import annotations

import re
from typing import Any

Date = dict[str, Any]

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # German/French/Spanish short forms that turn up in exports
    "mär": 3, "mai": 5, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "avr": 4,
    "juil": 7, "août": 8, "déc": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
}
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: CSL seasons are 1-4; 21-24 are the EDTF/CSL month numbers for seasons.
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
SEASON_NAMES = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}

_YEAR = r"(?P<y>\d{4})"
_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ]\d\d:\d\d[\d:.]*Z?(?:[+-]\d\d:?\d\d)?)?/*$")
_TOKEN = re.compile(r"\d+|[^\W\d_]+\.?", re.UNICODE)
# Compiled once: parse_date runs for every MedlineDate of a large PubMed file.
_YYYYMMDD = re.compile(r"^(\d{4})(\d\d)(\d\d)$")
_SPACES = re.compile(r"\s+")
_CIRCA = re.compile(r"^(c\.|ca\.?|circa)\s*", re.I)
_RANGE_SEP = re.compile(r"\s*(?:--?|–|—|/)\s*")
_ISO_INTERVAL = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)/(\d{4}(?:-\d{2}(?:-\d{2})?)?)$")
_OPEN_DASH = re.compile(r"^(\d{4}(?: [A-Za-z]{3})?)\s*[-–]$")
#: EDTF intervals with an open or unknown side: "1985/..", "1985/" (biblatex), "../2001", "/2001", "1985/unknown"
_OPEN_INTERVAL = re.compile(r"^(?:(\d{4}(?:-\d{2}(?:-\d{2})?)?)/(\.\.|open|unknown|)|(\.\.|open|unknown|)/(\d{4}(?:-\d{2}(?:-\d{2})?)?))$")


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS[w]
    if len(w) >= 3 and w[:3] in MONTHS:
        return MONTHS[w[:3]]
    return None


def _valid(y: int, m: int | None = None, d: int | None = None) -> bool:
    return 0 < y < 3000 and (m is None or 1 <= m <= 12) and (d is None or 1 <= d <= 31)


def _parts(y: int, m: int | None = None, d: int | None = None) -> list[int]:
    out = [y]
    if m:
        out.append(m)
        if d:
            out.append(d)
    return out


def _parse_single(text: str) -> tuple[list[int] | None, int | None]:
    """Parse one date (no range). Returns (date-parts, season)."""
    s = text.strip().strip(",;")
    if not s:
        return None, None
    m = _ISO.match(s)
    if m:
        y, mo, d = (int(g) if g else None for g in m.groups())
        if mo == 0:
            mo = d = None
        if d == 0:
            d = None
        if _valid(y, mo, d):  # type: ignore[arg-type]
            return _parts(y, mo, d), None  # type: ignore[arg-type]
    m = _YYYYMMDD.match(s)  # 20150203
    if m:
        y, mo, d = map(int, m.groups())
        if _valid(y, mo, d):
            return _parts(y, mo, d), None
    tokens = _TOKEN.findall(s)
    year = month = day = season = None
    numbers: list[int] = []
    for tok in tokens:
        if tok.isdigit():
            n = int(tok)
            if len(tok) == 4 and year is None:
                year = n
            else:
                numbers.append(n)
            continue
        word = tok.lower().rstrip(".")
        if month is None and month_number(word):
            month = month_number(word)
        elif word in SEASONS and season is None:
            season = SEASONS[word]
        elif word in ("st", "nd", "rd", "th", "of", "the", "epub", "circa", "ca", "c"):
            continue
        else:
            return None, None
    if year is None:
        return None, None
    if month is None and numbers:
        # "2013 06 10" (PubMed DP oddity), "10/06/2013" is ambiguous: only take y m d order
        if s.startswith(str(year)):
            month = numbers.pop(0)
        elif len(numbers) == 1 and 1 <= numbers[0] <= 12:
            month = numbers.pop(0)
    if numbers:
        day = numbers.pop(0)
    if numbers or not _valid(year, month, day):
        return None, None
    return _parts(year, month, day), season


def parse_date(text: str | None) -> Date | None:
    """Parse a date as written in PubMed, RIS, BibTeX, JATS... into a CSL date.

    >>> parse_date("2015 Jan-Feb")
    {'date-parts': [[2015, 1], [2015, 2]]}
    >>> parse_date("1999 Spring")
    {'date-parts': [[1999]], 'season': 1}
    """
    if text is None:
        return None
    s = _SPACES.sub(" ", str(text)).strip()
    if not s:
        return None
    circa = False
    if _CIRCA.match(s):
        circa = True
        s = _CIRCA.sub("", s)
    parts, season = _parse_single(s)
    date: Date | None = None
    interval = _ISO_INTERVAL.match(s)
    opened = None if interval else _OPEN_INTERVAL.match(s)
    # "1985/..", "../2001" (not "1985/": RIS writes dates so); "1985-", "1985 Feb-" as to_text writes an open end
    running = None if opened else _OPEN_DASH.match(s)
    if running and _parse_single(running.group(1))[0]:
        date = open_interval(_parse_single(running.group(1))[0], None, f"{running.group(1)}/..")
    elif opened and (opened.group(1) or opened.group(4)) and (opened.group(2) or opened.group(3)):
        start, end = (_parse_single(g)[0] if g else None for g in (opened.group(1), opened.group(4)))
        date = open_interval(start, end, s) if start or end else None
    elif parts:
        date = {"date-parts": [parts]}
    elif interval:  # ISO 8601 "2019-11/2020-02" (JATS iso-8601-date, to_iso): its dashes are no range marks
        a, b = _parse_single(interval.group(1))[0], _parse_single(interval.group(2))[0]
        date = ({"date-parts": [a]} if a == b else {"date-parts": [a, b]}) if a and b else None
    else:
        date = _parse_range(s)
    if date is None:
        return {"literal": str(text).strip()}
    if season:
        date["season"] = season
    if circa:
        date["circa"] = True
    return date


def open_interval(start: list[int] | None, end: list[int] | None, text: str) -> Date:
    """A CSL date for an interval with one side open ("..", "open", empty) or unknown ("unknown").

    An open or unknown end is CSL's open range ``[[1985], [0]]`` (the CSL test suite's
    date_TextFormYeardateYearRangeOpen: citeproc-js prints "1985–"; pandoc reads "1985/unknown" as "1985/" too).
    CSL has no open start, so the date-parts hold the known end and ``raw`` the interval as written
    ("../2001"): a writer can keep it, a style cannot show it.
    """
    if start:
        return {"date-parts": [start, [0]]}
    return {"date-parts": [end or []], "raw": text.strip()}


def is_open_start(date: Date | None) -> bool:
    """Whether *date* is an interval with an open or unknown start ("../2001"): CSL holds only its end."""
    if not isinstance(date, dict) or len(date.get("date-parts") or []) != 1:
        return False
    m = _OPEN_INTERVAL.match(str(date.get("raw") or ""))
    return bool(m and m.group(4))


def is_open_end(date: Date | None) -> bool:
    """Whether *date* is an open range (``[[1985], [0]]``)."""
    ranges = (date or {}).get("date-parts") or []
    return len(ranges) == 2 and _ints(ranges[1])[:1] == [0] and bool(_ints(ranges[0]))


def _parse_range(s: str) -> Date | None:
    # "2015 Jan-Feb", "2012 Dec-2013 Jan", "2015-2016", "1999 Dec 24-31", "2010/2011"
    pieces = _RANGE_SEP.split(s)
    if len(pieces) != 2:
        return None
    left, right = pieces
    a, season_a = _parse_single(left)
    if not a:
        return _year_last_range(left, right)
    b, _ = _parse_single(right)
    if b is None:
        # right side lacks the year: borrow from the left ("Jan-Feb", "24-31")
        toks = _TOKEN.findall(right)
        if len(toks) == 1:
            tok = toks[0]
            if tok.isdigit() and len(a) == 3:
                b = [a[0], a[1], int(tok)]
            elif not tok.isdigit() and month_number(tok):
                b = [a[0], month_number(tok)]  # type: ignore[list-item]
            elif tok.lower() in SEASONS:
                return {"date-parts": [a], "season": season_a or SEASONS[tok.lower()]}
        elif len(toks) == 2 and month_number(toks[0]) and toks[1].isdigit():
            b = [a[0], month_number(toks[0]), int(toks[1])]  # type: ignore[list-item]
        if b is None or not _valid(*b):
            return None
    if b == a:
        return {"date-parts": [a]}
    return {"date-parts": [a, b]}


def _year_last_range(left: str, right: str) -> Date | None:
    """"Mar-Apr 2019", "24-31 Dec 1999", "28 Feb-3 Mar 2021": the left side borrows the year (and
    month) written once at the end, as EBSCOhost and ProQuest write issue dates."""
    b, _ = _parse_single(right)
    toks = _TOKEN.findall(left)
    if not b or not toks or len(toks) > 2:
        return None
    month = next((month_number(t) for t in toks if not t.isdigit() and month_number(t)), None)
    day = next((int(t) for t in toks if t.isdigit()), None)
    if len(toks) != (month is not None) + (day is not None):
        return None
    if day is not None and month is None:
        if len(b) != 3:
            return None
        month = b[1]
    if month is None or (day is not None and len(b) != 3) or (day is None and len(b) != 2):
        return None
    a = _parts(b[0] - (1 if month > b[1] else 0), month, day)  # "Dec-Jan 2019" starts the year before
    if not a or not _valid(*a):
        return None
    return {"date-parts": [a, b]}


def from_parts(year: Any, month: Any = None, day: Any = None, season: Any = None) -> Date | None:
    """Build a CSL date from separate fields (XML elements, BibTeX year/month)."""
    try:
        y = int(str(year).strip()) if year not in (None, "") else None
    except ValueError:
        return parse_date(" ".join(str(p) for p in (year, month, day) if p))
    if y is None:
        return None
    m: int | None = None
    if month not in (None, ""):
        ms = str(month).strip()
        m = int(ms) if ms.isdigit() else month_number(ms)
        if m is None and ms.lower() in SEASONS:
            season = season or ms
    d = int(str(day).strip()) if day not in (None, "") and str(day).strip().isdigit() else None
    if m is not None and not 1 <= m <= 12:
        if 21 <= m <= 24:  # EDTF season months
            season, m = season or (m - 20), None
        else:
            m = None
    date: Date = {"date-parts": [_parts(y, m, d if m else None)]}
    if season:
        date["season"] = SEASONS.get(str(season).lower(), season) if not isinstance(season, int) else season
    return date


def _ints(parts: Any) -> list[int]:
    """Date parts as integers, up to the first that is missing or not a number
    (lenient producers write ``[[2015, null]]`` or ``[["2015", "Feb"]]``)."""
    out: list[int] = []
    for p in parts if isinstance(parts, (list, tuple)) else []:
        try:
            out.append(int(str(p).strip()))
        except (TypeError, ValueError):
            break
    return out


def first_parts(date: Date | None) -> list[int]:
    if not date:
        return []
    parts = date.get("date-parts") or []
    if parts and parts[0]:
        try:
            return [int(p) for p in parts[0] if p not in (None, "")]
        except (TypeError, ValueError):
            return []
    if date.get("raw"):
        parsed = parse_date(date["raw"])
        return first_parts(parsed) if parsed and "date-parts" in parsed else []
    return []


def year_of(date: Date | None) -> int | None:
    parts = first_parts(date)
    if parts:
        return parts[0]
    if date and date.get("literal"):
        m = re.search(r"\b(\d{4})\b", date["literal"])
        return int(m.group(1)) if m else None
    return None


def to_iso(date: Date | None) -> str:
    """``2015-02-03``, ``2015-02``, ``2015``; a range as ``2015-01/2015-02``."""
    if not date:
        return ""
    ranges = date.get("date-parts") or []
    if is_open_end(date):
        return f"{to_iso({'date-parts': ranges[:1]})}/.."  # EDTF's open end
    if len(ranges) == 1 and _OPEN_INTERVAL.match(str(date.get("raw") or "")):
        return date["raw"]  # "../2001": the date-parts hold only the known end
    out = []
    for parts in ranges[:2]:
        ps = _ints(parts)
        if ps:
            out.append("-".join([f"{ps[0]:04d}", *(f"{p:02d}" for p in ps[1:])]))
    if out:
        return "/".join(out)
    return date.get("literal") or date.get("raw") or ""


def to_text(date: Date | None) -> str:
    """PubMed-style text: ``2015 Feb 3``, ``2015 Jan-Feb``, ``1999 Spring``."""
    if not date:
        return ""
    ranges = date.get("date-parts") or []
    if not ranges or not ranges[0]:
        return date.get("literal") or date.get("raw") or ""

    def one(ps: list[int]) -> str:
        bits = [str(ps[0])]
        if len(ps) > 1 and 1 <= ps[1] <= 12:
            bits.append(MONTH_ABBR[ps[1] - 1])
            if len(ps) > 2:
                bits.append(str(ps[2]))
        return " ".join(bits)

    a = _ints(ranges[0])
    if not a:
        return date.get("literal") or date.get("raw") or ""
    text = one(a)
    if is_open_end(date):
        text += "-"  # an open range, as bibliographies print a serial still running ("1985-")
    elif len(ranges) > 1 and _ints(ranges[1]):
        b = _ints(ranges[1])
        if b[0] == a[0] and len(b) > 2 and len(a) > 2 and a[1] == b[1]:
            text += f"-{b[2]}"
        elif b[0] == a[0] and len(b) > 1:
            text += "-" + one(b).split(" ", 1)[1]
        else:
            text += "-" + one(b)
    season = date.get("season")
    if season and len(a) == 1:
        text += " " + SEASON_NAMES.get(int(season), str(season)) if str(season).isdigit() else f" {season}"
    return text
