"""Text helpers shared by formats: whitespace, entities, LaTeX <-> Unicode, CSL rich text.

CSL-JSON rich text allows a small HTML-like markup: ``<i>``, ``<b>``,
``<sup>``, ``<sub>``, ``<span style="font-variant:small-caps;">`` and
``<span class="nocase">`` (case protection).  Readers convert their source
markup into these; writers convert them back or strip them.
"""
from __future__ import annotations

import html
import logging
import re
from functools import lru_cache
from typing import Iterator

_WS = re.compile(r"[ \t\r\n\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^>]*)>")
CSL_TAGS = ("i", "b", "sup", "sub", "span")


def clean(text: str | None) -> str:
    """Collapse runs of white space (NBSP and thin spaces too) and trim."""
    if not text:
        return ""
    return _WS.sub(" ", text).strip()


def unescape(text: str) -> str:
    return html.unescape(text)


#: A UTF-8 lead byte shown as Latin-1/cp1252 ("Ã", "Â", "Ä"...) followed by a continuation byte so
#: shown: the mark of UTF-8 text decoded as Latin-1 ("MÃ¼ller" for "Müller").
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                       "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1/cp1252 on the way ("MÃ¼ller" -> "Müller").

    ftfy does the repair (it knows the many ways mojibake happens and leaves real Latin-1 text, "SÃO
    PAULO", alone); the regular expression only spares it the values that show no sign of it."""
    if not text or not _MOJIBAKE.search(text):
        return text
    import ftfy  # imported on first need: most inputs never get here

    return ftfy.fix_encoding(text)


_ABBREVIATION_END = re.compile(r"\b(?:et al|[A-Z]|etc|vs|spp|sp|Inc|Ltd|Co)\.$")


#: Where str.splitlines() breaks a line.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def iter_lines(text: str) -> Iterator[str]:
    """``text.splitlines()`` one line at a time: line readers keep no list of a whole file's lines
    (for a 15 MB RIS file that list took 50 MB)."""
    start = 0
    for m in _LINE_BREAK.finditer(text):
        yield text[start:m.start()]
        start = m.end()
    if start < len(text):
        yield text[start:]


def strip_final_period(title: str) -> str:
    """Remove the period PubMed/MEDLINE add to every title, keeping '...' and abbreviations like 'et al.'."""
    t = title.rstrip()
    # Only the end can match: search from there (\b still sees the character before).
    if t.endswith(".") and not t.endswith("..") and not _ABBREVIATION_END.search(t, max(0, len(t) - 8)):
        return t[:-1]
    return t


def letter_suffix(n: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa': year suffixes (2019a) and citation-key suffixes."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


def strip_markup(text: str) -> str:
    """Remove CSL/HTML tags, keeping their text."""
    return _TAG.sub("", text or "")


def has_markup(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def escape_xml(text: str) -> str:
    return html.escape(text, quote=False)


@lru_cache(maxsize=4)
def _latex_decoder(math_mode: str = "verbatim"):
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode=math_mode, keep_braced_groups=False, strict_latex_spaces=True)


@lru_cache(maxsize=1)
def _latex_encoder():
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    # "keep" leaves a character with no LaTeX form as it is (biber, pandoc read UTF-8); pylatexenc's
    # warning for each would reach stderr, and library code never prints
    logging.getLogger("pylatexenc.latexencode").setLevel(logging.ERROR)
    return UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="keep")


def latex_to_unicode(text: str, math: str = "verbatim") -> str:
    """Decode LaTeX accents and commands (``{\\\"o}`` -> ``ö``, ``\\&`` -> ``&``) with pylatexenc.

    *math*: ``"verbatim"`` keeps ``$...$`` as written; ``"text"`` decodes it (``$\\alpha$`` -> ``α``).
    """
    if not text or not re.search(r"[\\{}~$]", text):
        return text
    try:
        return _latex_decoder(math).latex_to_text(text)
    except Exception:  # pylatexenc is lenient, but never let a stray brace kill a record
        return text.replace("{", "").replace("}", "")


_LATEX_SPECIALS = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}", "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}"}
_LATEX_SPECIAL_RE = re.compile(r"[&%$#_~^\\{}]")


def unicode_to_latex(text: str) -> str:
    """Escape LaTeX specials and encode non-ASCII characters (pylatexenc)."""
    if not text:
        return text
    escaped = _LATEX_SPECIAL_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)
    if escaped.isascii():
        return escaped
    return _latex_encoder().unicode_to_latex(escaped)


#: JATS/HTML elements that leak into text fields (PubMed's MEDLINE AB, NCBI's CSL export): the CSL rich-text
#: tag each becomes, or None to keep only its text.
LEAKED_MARKUP = {
    "i": "i", "italic": "i", "b": "b", "bold": "b", "sup": "sup", "sub": "sub", "sc": None, "u": None,
    "underline": None, "ext-link": None, "uri": None, "email": None, "named-content": None,
    "styled-content": None, "monospace": None, "inline-formula": None, "xref": None, "span": None,
}
_LEAKED_TAG = re.compile(r"<(/?)(" + "|".join(re.escape(t) for t in LEAKED_MARKUP) + r")\b((?:\s+[\w:.-]+\s*=\s*"
                         r"(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
#: the two spans CSL rich text knows (any other span is reduced to its text)
_CSL_SPANS = frozenset(('class="nocase"', 'style="font-variant:small-caps;"'))


def leaked_markup(text: str) -> str:
    """Markup that is no CSL rich text reduced to its text (:data:`LEAKED_MARKUP`: ``<italic>`` -> ``<i>``,
    ``<ext-link ...>url</ext-link>`` -> url); CSL's own tags and its two spans stay, and a ``<`` that opens
    no such tag ("p < 0.05") is text.  Runs of spaces a removed tag leaves are collapsed."""
    if "<" not in text:
        return text
    spans: list[bool] = []  # per open <span>: is it CSL's, so that its </span> stays too

    def tag(m: re.Match) -> str:
        closing, name, attrs, empty = m.groups()
        if name == "span" and not empty:
            if closing:
                return m.group(0) if spans and spans.pop() else ""
            spans.append(attrs.strip() in _CSL_SPANS)
            return m.group(0) if spans[-1] else ""
        mark = LEAKED_MARKUP[name]
        return f"<{closing}{mark}>" if mark and not empty else ""

    out = _LEAKED_TAG.sub(tag, text)
    return out if out == text else re.sub(r"[ \t]{2,}", " ", out)
