"""Locale rules citeproc-py lacks, applied as citeproc-js applies them.

* Terms: the output locale (its in-style ``<locale>`` elements and locale files) is one merged
  locale; a missing form falls back to another form *there* (short -> long) before any en-US
  fallback, so de-DE gives "Gesetz", not the en-US "legis.".
* Ordinals: the most specific locale layer that defines the ``ordinal`` term replaces all
  ordinal terms below it (CSL 1.0.1), and gendered forms follow the noun's gender
  ("1ʳᵉ éd.", "2ᵉ éd." in fr; "2. Aufl." in de, never the en-US "2nd").
* Title case: a text variable of an item without ``language`` is title-cased only when the
  output locale is English (so ``--locale de-DE`` leaves "Radio broadcast" alone).

``engine.set_locales`` records the output locale on the style root (``citeport_lang``) and how
many of ``root.locales`` belong to it (``citeport_primary``; the rest is the en-US fallback).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from citeproc.model import Locale
from citeproc.source import VariableError

from .fixes import NS, _process_with, _state, fix

#: a form missing from a locale is looked up in the next form of the same locale (citeproc-js getField)
FORM_CHAIN = {"symbol": ("symbol", "short", None), "verb-short": ("verb-short", "verb", None),
              "short": ("short", None), "verb": ("verb", None), "long": ("long", None), None: (None,)}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _root(el: Any) -> Any:
    root = el.getroottree().getroot()
    return root.style if isinstance(root, Locale) else root


def locale_groups(root: Any) -> tuple[list, list]:
    """(locales of the output locale, fallback locales) of a style root."""
    locales = getattr(root, "locales", None) or []
    n = root.__dict__.get("citeport_primary", len(locales))
    return locales[:n], locales[n:]


def lookup_term(root: Any, name: str, form: str | None, fallback: bool = True,
                zero_padded: bool = False) -> Any:
    """The term element for *name* in *form*: every form of the output locale, then en-US."""
    primary, rest = locale_groups(root)
    for group in (primary, rest if fallback else []):
        for f in FORM_CHAIN.get(form, (form, None)):
            for loc in group:
                try:
                    return loc.get_term(name, f, zero_padded=zero_padded)
                except IndexError:
                    continue
    return None


def output_language(el: Any) -> str:
    """Two-letter language of the output locale ("de" for de-DE; "en" when unknown)."""
    root = _root(el)
    lang = root.__dict__.get("citeport_lang") or root.get("default-locale") or "en"
    return lang[:2].lower()


_LANG = re.compile(r"^([a-zA-Z]{2})")


def item_language(el: Any, item: Any) -> str:
    """The language a text variable is cased in: the item's ``language`` (its first two
    letters; anything else is "not English"), else the output locale's (citeproc-js getFieldLocale)."""
    try:
        lang = str(item.reference.language or "")
    except (VariableError, AttributeError):
        lang = ""
    if not lang.strip():
        return output_language(el)
    m = _LANG.match(lang.strip())
    return m.group(1).lower() if m else "tlh"


def _ordinal_table(root: Any) -> list[tuple[str, str | None, str | None, Any]]:
    """Ordinal terms in force: (name, gender-form, match, element), most specific layer first.
    A layer that defines ``ordinal`` hides every ordinal term of the layers below it."""
    st = _state(root)
    if "ordinals" in st:
        return st["ordinals"]
    primary, rest = locale_groups(root)
    out: list = []
    for group in (primary, rest):
        for loc in group:
            terms = loc.find(f"{NS}terms")
            if terms is None:
                continue
            found = [t for t in terms.findall(f"{NS}term") if (t.get("name") or "").startswith("ordinal")]
            out += [(t.get("name"), t.get("gender-form"), t.get("match"), t) for t in found]
            if any(t.get("name") == "ordinal" for t in found):
                st["ordinals"] = out
                return out
        if out:
            break
    st["ordinals"] = out
    return out


def noun_gender(el: Any, name: str) -> str | None:
    """The grammatical gender a locale gives the term *name* (``edition`` -> feminine in fr)."""
    root = _root(el)
    genders = _state(root).get("genders")
    if genders is None:
        genders = _state(root)["genders"] = {}
        for loc in reversed(locale_groups(root)[0]):  # most specific last, so it wins
            terms = loc.find(f"{NS}terms")
            for t in terms.findall(f"{NS}term") if terms is not None else ():
                if t.get("gender"):
                    genders[t.get("name")] = t.get("gender")
    return genders.get(name)


def _text(term: Any) -> str:
    return str(term.single) if term is not None else ""


def ordinal(el: Any, number: int, gender: str | None = None) -> str:
    """*number* with its locale ordinal suffix, as citeproc-js's Ordinalizer picks it."""
    table = _ordinal_table(_root(el))
    if not table:
        return str(number)

    def term(name: str, g: str | None) -> Any:
        same = [e for n, gf, _m, e in table if n == name]
        hit = next((e for n, gf, _m, e in table if n == name and gf == g), None)
        hit = hit if hit is not None else next((e for n, gf, _m, e in table if n == name and not gf), None)
        return hit if hit is not None else (same[0] if same else None)

    s = str(number)
    keys: dict[tuple[str, str, str], str] = {}
    for name, gf, match, _e in reversed(table):  # most specific last, so it wins
        if name == "ordinal":
            continue
        stub = name[8:]
        match = match or ("last-digit" if stub.startswith("0") else "last-two-digits")
        keys[(match, stub[1:] if stub.startswith("0") else stub, gf or "neuter")] = name
    suffix = _text(term("ordinal", gender))
    for g in ([gender] if gender else []) + ["neuter"]:
        hit = keys.get(("whole-number", s, g)) or keys.get(("last-two-digits", s[-2:], g)) or \
            keys.get(("last-digit", s[-1:], g))
        if hit:
            suffix = _text(term(hit, gender))
        if suffix:
            break
    return s + suffix


@fix("locale_ordinals", ("number",),
     "ordinals came from en-US when an in-style locale hid the locale file (de: '2nd Aufl.'), "
     "ignored gender (fr: '1ʳᵉ éd.') and the empty zh ordinal",
     "blind review 3 (heldout3 ch_ed1/edbook1 in apa with --locale de-DE, fr-FR, es-ES)")
class LocaleOrdinals:
    def format_number(self, number):
        form = self.get("form", "numeric")
        if form not in ("ordinal", "long-ordinal"):
            return super().format_number(number)
        try:
            n = int(number)
        except ValueError:
            return number
        gender = noun_gender(self, self.get("variable") or "")
        if form == "long-ordinal" and n <= 10:
            long = lookup_term(_root(self), f"long-ordinal-{n:02}", None)
            if long is not None:
                for g in (gender, None):
                    for t in long.getparent().findall(f"{NS}term"):
                        if t.get("name") == f"long-ordinal-{n:02}" and t.get("gender-form") == g \
                                and t.get("form") is None:
                            return str(t.single)
                return str(long.single)
        return ordinal(self, n, gender)


#: variables whose title case depends on the item's language (citeproc-js CSL.MULTI_FIELDS)
LANGUAGE_FIELDS = frozenset({"event", "publisher", "publisher-place", "event-place", "title", "container-title",
                             "collection-title", "authority", "genre", "medium", "country", "jurisdiction",
                             "archive", "archive-place", "event-title"})


@fix("locale_title_case", ("text",),
     "text-case='title' on a title-like variable ignored the output locale for items without language; "
     "other variables (volume-title, section) are title-cased whatever the language",
     "blind review 3 (heldout3 bc3/web2 in apa with --locale de-DE: 'Radio broadcast', 'EPA.gov')")
class LocaleTitleCase:
    def process(self, item, context=None, **kwargs):
        text, language = super().process(item, context, **kwargs)
        var = self.get("variable")
        if var:  # only citeproc-js's multilingual fields heed the language; volume-title etc. are always cased
            language = item_language(self, item) if var.replace("-short", "") in LANGUAGE_FIELDS else "en"
        return text, language


#: scripts in the default collation order of ICU/CLDR (citeproc-js sorts with Intl.Collator):
#: Latin, Greek, Cyrillic, ..., Hangul, kana, Han; a code point outside these sorts after Latin.
_SCRIPTS = (("Latn", 0x0041, 0x024F), ("Grek", 0x0370, 0x03FF), ("Cyrl", 0x0400, 0x052F),
            ("Hebr", 0x0590, 0x05FF), ("Arab", 0x0600, 0x06FF), ("Thai", 0x0E00, 0x0E7F),
            ("Hang", 0xAC00, 0xD7AF), ("Hang", 0x1100, 0x11FF), ("Kana", 0x3040, 0x30FF),
            ("Hani", 0x3400, 0x4DBF), ("Hani", 0x4E00, 0x9FFF))
_ORDER = ["Latn", "Grek", "Cyrl", "Hebr", "Arab", "Thai", "Hang", "Kana", "Hani"]
#: CLDR collations that put the locale's own script(s) first ("[reorder Cyrl]" in ru, ...)
NATIVE_FIRST = {**dict.fromkeys(("ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn"), ("Cyrl",)),
                "el": ("Grek",), "zh": ("Hani",), "ko": ("Hang", "Hani"), "he": ("Hebr",),
                "ar": ("Arab",), "fa": ("Arab",), "th": ("Thai",)}


def script_of(ch: str) -> str | None:
    cp = ord(ch)
    for name, lo, hi in _SCRIPTS:
        if lo <= cp <= hi:
            return name
    return None


@lru_cache(maxsize=32)
def script_ranks(lang: str | None) -> dict[str, str]:
    """Script -> a rank character for sort keys, the locale's native scripts first."""
    first = NATIVE_FIRST.get((lang or "en")[:2].lower(), ())
    order = list(first) + [s for s in _ORDER if s not in first]
    return {s: chr(1 + n) for n, s in enumerate(order)}


def collate(text: str, ranks: dict[str, str]) -> str:
    """*text* with each letter led by its script's rank: strings then compare script first,
    code point second (digits and punctuation rank lowest, as in ICU)."""
    if text.isascii():
        return "".join(ranks["Latn"] + c if c.isalpha() else "\x00" + c for c in text)
    other = ranks["Latn"]
    return "".join((ranks.get(script_of(c) or "", other) if c.isalpha() else "\x00") + c for c in text)


#: output languages that tie name particles to the family name with a no-break space (citeproc-js)
NBSP_PARTICLE_LANGS = frozenset({"fr", "ru", "cs"})


@fix("locale_particle_nbsp", ("name",),
     "in fr/ru/cs output a name's particles are tied to the family name by a no-break space: "
     "'de la\u00a0Fontaine, J.', 'Wernher von\u00a0Braun' (citeproc-js)",
     "blind review 3 (heldout3 part2/part3 in apa and chicago-notes-bibliography with --locale fr-FR)")
class ParticleNbsp:
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        process = super().process
        form = self.get_option("form", context, sort_options)
        if output_language(self) not in NBSP_PARTICLE_LANGS or sort_options is not None \
                or form not in ("long", "short"):
            return process(item, variable, context, sort_options, **kwargs)
        try:
            names = item.reference[variable]
        except VariableError:
            return process(item, variable, context, sort_options, **kwargs)
        if not isinstance(names, list):
            return process(item, variable, context, sort_options, **kwargs)
        order = self.get_option("name-as-sort-order", context, sort_options)
        demoted = self.get_option("demote-non-dropping-particle", context, sort_options) not in ("never", "sort-only")
        tied = [self._tie(n, form, bool(order == "all" or (order == "first" and i == 0)), demoted)
                for i, n in enumerate(names)]
        if all(a is b for a, b in zip(tied, names)):
            return process(item, variable, context, sort_options, **kwargs)
        return _process_with(item, variable, tied, process, context, sort_options, **kwargs)

    @staticmethod
    def _tie(name: Any, form: str, inverted: bool, demoted: bool) -> Any:
        """*name* with the particles that precede the family name joined to it."""
        from citeproc.source import Name as CName

        from .source import JOIN_MARK

        family = name.get("family") if hasattr(name, "get") else None
        if not family or "literal" in name:
            return name
        ndp, dp = name.get("non-dropping-particle"), name.get("dropping-particle")
        glued = lambda p: not p or JOIN_MARK in p or p[-1:] in "'\u2019-"  # noqa: E731  (joined without space)
        lead = [ndp] if not (inverted and demoted) and not glued(ndp) else []
        if form == "long" and not inverted and not glued(dp) and not (ndp and glued(ndp)):
            lead = [dp] + lead
        if not lead:
            return name
        fields = {k: v for k, v in dict(name).items()
                  if not (k == "non-dropping-particle" and ndp in lead or k == "dropping-particle" and dp in lead)}
        return CName(**{**fields, "family": "\u00a0".join(lead + [family])})


_AND_MARK = "\ue021"


def _romanesque(ch: str) -> bool:
    return ch.isascii() or script_of(ch) in ("Latn", "Grek", "Cyrl") or \
        unicodedata.name(ch, "").startswith(("LATIN", "GREEK", "CYRILLIC"))


@fix("locale_cjk_and", ("name",),
     'a non-Latin "and" term joins names without spaces: "Denzin, Norman K., 和Yvonna S. Lincoln", '
     '"A, B和C", "A. Vaswani等" (citeproc-js); citeproc-py printed "A, B, 和 C", "A. Vaswani 等"',
     "blind review 3 (heldout3 edbook1/part3 in chicago-author-date with --locale zh-CN)")
class CjkAnd:
    def get_single_term(self, name, *args, **kwargs):
        if name == "and" and self.__dict__.get("_cjk_and"):
            return _AND_MARK
        return super().get_single_term(name, *args, **kwargs)

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        process = super().process
        if sort_options is not None:
            return process(item, variable, context, sort_options, **kwargs)
        term = str(self.get_single_term("and") or "") \
            if self.get_option("and", context, sort_options) == "text" else ""
        cjk_and = bool(term) and not _romanesque(term[0])
        self.__dict__["_cjk_and"] = cjk_and
        try:
            text = process(item, variable, context, sort_options, **kwargs)
        finally:
            self.__dict__["_cjk_and"] = False
        if text is None or not hasattr(text, "replace"):
            return text
        et_al = str(self.get_single_term("et-al") or "")
        if et_al and not _romanesque(et_al[0]):  # "A. Vaswani等", unitalicized like any CJK text
            for seam in set(re.findall(r"\s(?:<[^>]+>)*" + re.escape(et_al) + r"(?:</[^>]+>)*", str(text))):
                text = text.replace(seam, et_al)
        if not cjk_and or _AND_MARK not in str(text):
            return text
        try:
            two = len(item.reference[variable]) == 2
        except (VariableError, TypeError):
            two = False
        always = self.get_option("delimiter-precedes-last", context, sort_options) == "always"
        delim = self.get_option("delimiter", context, sort_options) or ", "
        lead = delim if two and always else ""
        for seam in (", " + _AND_MARK + " ", " " + _AND_MARK + " ", _AND_MARK + " ", _AND_MARK):
            text = text.replace(seam, lead + term)
        return text
