"""CSL-JSON items -> citeproc-py references, with rich text kept as formatted segments.

citeproc-py takes field text as plain strings: ``<i>``/``<b>``/``<sup>``/``<sub>`` and
small-caps spans print literally and HTML special characters are not escaped.  Here each
string field becomes a :class:`~citeproc.string.MixedString` of :class:`Seg` pieces that
know their raw text, their formatting and whether case changes may touch them (nocase).
"""
from __future__ import annotations

import re
import unicodedata
import warnings
from typing import Any, Iterable

from citeproc.source import BibliographySource, Date, DateRange, LiteralDate, Name, Reference
from citeproc.string import MixedString, String

from ..model.diagnostics import Context

#: CSL date variables (citeproc-py 0.11 lacks ``available-date``).
DATE_VARIABLES = {"accessed", "available-date", "container", "event-date", "issued",
                  "original-date", "submitted"}
NAME_VARIABLES = {"author", "chair", "collection-editor", "compiler", "composer", "container-author",
                  "contributor", "curator", "director", "editor", "editorial-director",
                  "editor-translator", "executive-producer", "guest", "host", "illustrator",
                  "interviewer", "narrator", "organizer", "original-author", "performer",
                  "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
                  "translator"}
#: Fields given verbatim (no markup parsing, no typographic quotes).
VERBATIM = {"language", "URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN"}
#: CSL 1.0.2 renamed variables: both spellings are filled so either style form works.
ALIASES = {"event-title": "event"}
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

#: Markup allowed in CSL-JSON strings (the citeproc-js set): tag -> wrapper attribute.
_TAGS = {"i": "Italic", "b": "Bold", "sup": "Superscript", "sub": "Subscript",
         'span style="font-variant:small-caps;"': "SmallCaps",
         'span style="font-variant: small-caps;"': "SmallCaps",
         'sc': "SmallCaps", 'span class="nocase"': None}
_TAG_RE = re.compile(r'<(/?)(i|b|sup|sub|sc|span(?: class="nocase"| style="font-variant: ?small-caps;")?)>')


class Seg(String):
    """A run of text with formatting; ``str()`` is the formatted output."""

    def __new__(cls, raw: str, fmt: Any, wrappers: tuple = (), nocase: bool = False):
        out = fmt.preformat(raw.replace(SINGLE_MARK, "") if SINGLE_MARK in raw else raw)
        for w in wrappers:  # the item's own markup: flipped against the style's (DataItalic in HTML)
            out = (getattr(fmt, "Data" + w, None) or getattr(fmt, w))(out)
        self = str.__new__(cls, out)
        self.raw, self.fmt, self.wrappers, self.nocase = raw, fmt, wrappers, nocase
        return self

    def with_raw(self, raw: str) -> "Seg":
        return Seg(raw, self.fmt, self.wrappers, self.nocase)

    def _case(self, fn) -> "Seg":
        return self if self.nocase else self.with_raw(fn(self.raw))

    def lower(self):
        return self._case(str.lower)

    def upper(self):
        return self._case(str.upper)

    soft_lower = lower
    soft_upper = upper

    def capitalize_first(self):
        return self._case(lambda r: r[:1].upper() + r[1:])

    def replace(self, old, new, *a):
        return self.with_raw(self.raw.replace(old, new, *a))

    def rstrip(self, *a):
        return self.with_raw(self.raw.rstrip(*a))

    def words(self):
        for w in self.raw.split():
            yield self.with_raw(w)


SINGLE_MARK = "\ue000"
_SINGLE_PAIR = re.compile(r"(^|[\s(\[\u2014-])'([^'\n]*?[^\s'])'(?=$|[\s.,;:!?)\]\u2014-])")


def smart_quotes(text: str, quotes: tuple[str, str] = ("\u201c", "\u201d")) -> str:
    """Straight quotes and apostrophes -> typographic, as citeproc-js prints them.

    A quoted phrase (``'open'`` or ``"open"``) becomes “open” (flipped to ‘open’ when the
    whole field is later put in quotes); any other ``'`` is an apostrophe (’).
    """
    if "'" not in text and '"' not in text:
        return text
    # SINGLE_MARK remembers the phrase was in single quotes: title case leaves it alone, as citeproc-js
    # does -- but only when a space follows it ("of 'theory' now"; "of 'theory'?" is title-cased)
    oq, cq = quotes
    text = _SINGLE_PAIR.sub(lambda m: m.group(1) + oq + (SINGLE_MARK if m.string[m.end():m.end() + 1].isspace()
                                                         else "") + m.group(2) + cq, text)
    text = re.sub(r'(^|[\s(\[\u2014-])"', lambda m: m.group(1) + oq, text)
    text = text.replace('"', cq)
    return text.replace("'", "\u2019")


def parse_rich(text: str, fmt: Any, quotes: tuple[str, str] = ("\u201c", "\u201d")) -> MixedString:
    """Split a field on its markup into :class:`Seg` pieces."""
    out: list[Seg] = []
    stack: list[str | None] = []
    pos = 0
    for m in _TAG_RE.finditer(text):
        if m.start() > pos:
            out.append(_seg(text[pos:m.start()], fmt, stack, quotes))
        closing, tag = m.group(1), m.group(2)
        if closing:
            if stack:
                stack.pop()
        else:
            stack.append(_TAGS.get(tag, None if tag.startswith("span class") else "SmallCaps"))
        pos = m.end()
    if pos < len(text):
        out.append(_seg(text[pos:], fmt, stack, quotes))
    return MixedString(out)


def _seg(raw: str, fmt: Any, stack: list, quotes: tuple[str, str]) -> Seg:
    wrappers = tuple(w for w in reversed(stack) if w)
    nocase = None in stack or bool(wrappers and ("SmallCaps" in wrappers))
    return Seg(smart_quotes(raw, quotes), fmt, wrappers, nocase)


_CJK = re.compile(r"^[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]+$")


def is_cjk(name: dict) -> bool:
    parts = [name.get("family", ""), name.get("given", "")]
    return bool(parts[0]) and all(not p or _CJK.match(p.replace(" ", "")) for p in parts)


#: marks a particle that joins the next word without a space (d’Jones, al-One)
JOIN_MARK = "\ue002"
#: marks a suffix printed after a comma (Doe, Jr.) -- CSL-JSON "comma-suffix"
COMMA_MARK = "\ue003"
_PARTICLE_WORD = re.compile(r"(\S+?)([\u2019'\-]|\s+)(?=\S)")


#: words taken for a dropping particle at the end of a given name ("Alexander von")
GIVEN_PARTICLES = frozenset("""de la le les van von der den del della dei degli di da du des dos das do ten ter
    zu zum zur af av y al el ibn bin ben bint abu op in het aan bij uit auf dem d' d\u2019 l' l\u2019 't \u2019t
    van't vander vande vanden""".split())


def _lowerish(word: str) -> bool:
    w = word.lstrip("\u2019'")
    return bool(w) and w[0].islower()


def parse_particles(data: dict) -> dict:
    """Name parts as citeproc-js reads CSL-JSON: lower-case words leading the family name are a
    non-dropping particle ("van Gogh", "d'Aubignac", "al-One"), trailing the given name a dropping
    particle ("Alexander von"); "John, III" / "John,! Jr." carry a suffix (the "!" asks for a
    comma); a family name in double quotes is kept as it is."""
    d = dict(data)
    fam = d.get("family")
    if isinstance(fam, str) and len(fam) > 2 and fam[0] == fam[-1] == '"':
        d["family"] = fam[1:-1]
        return d
    if d.get("parse-names") is False or d.get("static-ordering"):
        return d
    given = d.get("given")
    if isinstance(given, str) and "," in given and not d.get("suffix"):
        g, _, suffix = given.partition(",")
        if suffix.startswith("!"):
            suffix, d["comma-suffix"] = suffix[1:], True
        if suffix.strip():
            d["given"], d["suffix"] = g.strip(), suffix.strip()
    if isinstance(fam, str) and not d.get("non-dropping-particle"):
        particle, rest = "", fam
        while (m := _PARTICLE_WORD.match(rest)) and _lowerish(m.group(1)):
            particle += m.group(1) + (m.group(2) if not m.group(2).isspace() else " ")
            rest = rest[m.end():]
        if particle and rest:
            d["non-dropping-particle"], d["family"] = particle.strip(), rest
    given = d.get("given")
    if isinstance(given, str) and not d.get("dropping-particle"):
        words = given.split()
        tail = []
        while len(words) > 1 and _lowerish(words[-1]) and words[-1].lower() in GIVEN_PARTICLES:
            tail.insert(0, words.pop())
        if tail:
            d["given"], d["dropping-particle"] = " ".join(words), " ".join(tail)
    return d


def parse_name(data: dict, fmt: Any) -> Name:
    """A citeproc-py Name; CJK names print family+given unspaced, as a literal."""
    data = parse_particles(data) if "literal" not in data else data
    comma = bool(data.get("comma-suffix"))
    data = {k: v for k, v in data.items() if k in
            ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
            and isinstance(v, str) and v}
    for k in ("dropping-particle", "non-dropping-particle"):
        if data.get(k, "")[-1:] in ("'", "\u2019", "-"):
            data[k] += JOIN_MARK
    if comma and data.get("suffix"):
        data["suffix"] = COMMA_MARK + data["suffix"]
    person = "literal" not in data
    family = data.get("family", "")
    if person and is_cjk(data):
        data = {"literal": data.get("family", "") + data.get("given", "")}
    if not data:
        data = {"literal": ""}
    name = Name(**{k: fmt.preformat(smart_quotes(v).replace(SINGLE_MARK, "")) for k, v in data.items()})
    if person and "literal" in name:
        name["literal"] = PersonLiteral(name["literal"])
        name["literal"].family = fmt.preformat(family)
    return name


class PersonLiteral(str):
    """A person's name printed as one string (CJK family+given): not an institution.
    ``family`` is what a short form prints (citeproc-js: 田中太郎 -> 田中)."""

    family = ""


def is_institution(name: Any) -> bool:
    """A literal name given as such ({"literal": "WHO"}): citeproc-js joins it as an institution."""
    lit = name.get("literal") if hasattr(name, "get") else None
    return lit is not None and not isinstance(lit, PersonLiteral)


def _int(v: Any) -> int | None:
    try:
        return int(str(v).strip())
    except ValueError:
        return None


class NamedSeason(int):
    """A season given by name ("Winter"): citeproc-js prints it with the year only, never in a
    month/day date element (a numeric season, 1-4, is printed there)."""


def _date(parts: dict, **kw: Any) -> Date:
    date = Date(**parts, **kw)
    if isinstance(parts.get("season"), NamedSeason):
        date["season"] = parts["season"]  # Date() makes it a plain int
    return date


def parse_date(value: Any) -> Date | DateRange | LiteralDate | None:
    """A CSL date object -> citeproc-py date; seasons become numbers 1-4 (never crash sorting)."""
    if isinstance(value, str):
        return LiteralDate(value)
    if not isinstance(value, dict):
        return None
    circa = bool(value.get("circa"))
    season = value.get("season")
    if season is not None:
        named = SEASONS.get(str(season).strip().lower())
        season = _int(season) or (NamedSeason(named) if named else None)
    dates = []
    for parts in value.get("date-parts") or []:
        nums = [_int(p) for p in (parts or [])[:3]]
        if not nums or nums[0] is None:
            break
        d = {"year": nums[0]}
        if len(nums) > 1 and nums[1] is not None:
            if 13 <= nums[1] <= 24:  # citeproc-js: "months" 13-24 are seasons (13, 17, 21: spring)
                d["season"] = (nums[1] - 13) % 4 + 1
            elif 1 <= nums[1] <= 12:
                d["month"] = nums[1]
                if len(nums) > 2 and nums[2]:
                    d["day"] = nums[2]
        if season and "month" not in d:
            d["season"] = season
        dates.append(d)
    if dates and dates[0]["year"] == 0 and len(dates) == 1:
        dates = []
    if len(dates) == 1 or (len(dates) == 2 and dates[0] == dates[1]):
        return _date(dates[0], circa=circa)
    if len(dates) >= 2:
        return DateRange(begin=_date(dates[0]), end=_date(dates[1]), circa=circa)
    if value.get("literal") or value.get("raw"):
        return LiteralDate(str(value.get("literal") or value.get("raw")), circa=circa)
    return None


_LABEL_NAMES = ("author", "editor", "translator", "composer", "director", "collection-editor")


def citation_label(item: dict) -> str | None:
    """The ``citation-label`` citeproc-js makes when the item has none (trigraph
    ``Aaaa00:AaAa00:AaAA00:AAAA00``): letters of up to four family names, then the year's last
    two digits -- Asth00, BrCh98, DEFG26."""
    names = next((item[v] for v in _LABEL_NAMES if isinstance(item.get(v), list) and item[v]), None)
    if not names:
        return None
    fams = [re.sub(r"\W", "", str((parse_particles(n) if "family" in n else n).get("family") or n.get("literal") or ""))
            for n in names if isinstance(n, dict)]
    fams = [f for f in fams if f]
    if not fams:
        return None
    widths = {1: (4,), 2: (2, 2), 3: (2, 1, 1)}.get(len(fams), (1, 1, 1, 1))
    label = "".join(f[:w] for f, w in zip(fams, widths))
    issued = item.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    year = _int(parts[0][0]) if parts and parts[0] else None
    return label + (f"{abs(year) % 100:02}" if year is not None else "")


class Source(BibliographySource):
    """The items of one render, keyed by lower-cased id (citeproc-py's convention)."""

    def __init__(self, items: Iterable[dict], fmt: Any, ctx: Context | None = None,
                 quotes: tuple[str, str] = ("\u201c", "\u201d")):
        super().__init__()
        self.quotes = quotes
        self.order: list[str] = []
        for n, item in enumerate(items, 1):
            try:
                ref = self.reference(item, fmt, quotes)
            except Exception as exc:  # one bad record never takes down the bibliography
                if ctx:
                    ctx.report("warning", f"could not prepare item for rendering: {exc}",
                               record=str(item.get("id", n)), code="render")
                ref = Reference(str(item.get("id", n)).lower(), str(item.get("type") or "document"),
                                title=parse_rich(str(item.get("title", "")), fmt))
            if ref.key in self:
                continue
            self.add(ref)
            self.order.append(ref.key)

    @staticmethod
    def reference(item: dict, fmt: Any, quotes: tuple[str, str] = ("\u201c", "\u201d")) -> Reference:
        data: dict[str, Any] = {}
        for key, value in item.items():
            if key in ("id", "type") or value in (None, "", [], {}):
                continue
            if key in NAME_VARIABLES:
                if isinstance(value, list):
                    data[key] = [parse_name(n, fmt) for n in value if isinstance(n, dict)]
            elif key in DATE_VARIABLES:
                d = parse_date(value)
                if d is not None:
                    data[key] = d
            elif key in VERBATIM:
                data[key] = MixedString([Seg(str(value), fmt)]) if key != "language" else str(value)
            elif isinstance(value, (str, int, float)):
                data[key] = parse_rich(str(value), fmt, quotes)
        if "citation-label" not in data:
            label = citation_label(item)
            if label:
                data["citation-label"] = MixedString([Seg(label, fmt)])
        for new, old in ALIASES.items():
            if old in data and new not in data:  # the deprecated name also fills the new one
                data[new] = data[old]
        if "title-short" not in data and "shortTitle" in data:
            data["title-short"] = data.pop("shortTitle")
        args = {k.replace("-", "_"): v for k, v in data.items()}
        args.pop("key", None)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns on CSL 1.0.2 variables it does not list
            ref = Reference(str(item.get("id", "")).lower(), str(item.get("type") or "document"), **args)
        for key in NAME_VARIABLES & data.keys():
            if "-" in key:  # citeproc-py's cs:names looks roles up as spelled (reviewed-author), not reviewed_author
                dict.__setitem__(ref, key, data[key])
        return ref
