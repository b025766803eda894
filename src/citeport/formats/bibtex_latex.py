"""LaTeX field values <-> CSL rich text, for the BibTeX/BibLaTeX reader and writers.

Reading: formatting commands (``\\textit``, ``{\\em ...}``) become CSL tags,
top-level braces ``{DNA}`` become ``<span class="nocase">`` (BibTeX's case
protection), and everything else is decoded by pylatexenc
(``model.text.latex_to_unicode``).  Tags are carried through pylatexenc as
private-use sentinels, so its decoding never sees or breaks them.

Writing: the inverse; acronyms and words with inner capitals get protective
braces, as BibTeX styles would otherwise lower-case them.
"""
from __future__ import annotations

import re

import unicodedata
from functools import lru_cache

from ..model.text import latex_to_unicode
from .bibtex_tables import (ACCENTS_OUT, BIBSTRINGS, CASE_COMMANDS, DROP_MACROS, FORMAT_COMMANDS, FORMAT_SWITCHES,
                            LETTERS_OUT, SPECIALS_OUT, SUBSCRIPTS, SUPERSCRIPTS, TAGS_OUT, TEXT_MACROS)

_OPEN, _CLOSE, _END = "\ue000", "\ue001", "\ue002"  # sentinel: OPEN name CLOSE ... END
#: A word whose case CSL processors keep as typed in a mixed-case title (acronyms: DNA, COVID; inner
#: capitals: mRNA, iPhone), but BibTeX styles lower-case: writers brace it ("{DNA}"), and a reader
#: takes such a brace for that protection (plain text), not for a nocase span.
STABLE_WORD = r"[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*"
#: Verbatim LaTeX kept as text (an unknown macro): backslash and braces hidden from pylatexenc.
_VERBATIM = str.maketrans({"\\": "\ue005", "{": "\ue006", "}": "\ue007"})
_UNVERBATIM = str.maketrans({"\ue005": "\\", "\ue006": "{", "\ue007": "}", "\ue00a": "%", "\ue00b": "$",
                             "\ue00c": "-", "\ue00d": "'", "\ue00e": "`"})
#: A URL's characters hidden from every later step (pylatexenc, dashes, quotes, "~" as a space).
_URL_HIDE = str.maketrans({"\\": "\ue005", "{": "\ue006", "}": "\ue007", "~": "\ue004", "%": "\ue00a",
                           "$": "\ue00b", "-": "\ue00c", "'": "\ue00d", "`": "\ue00e"})
_SCHEME = re.compile(r"^[a-z]+://|/$")


def _url_text(raw: str) -> str:
    """The argument of ``\\url{...}`` as the URL it is (its escapes undone), hidden from decoding."""
    return re.sub(r"\\([%#&_$~{}])", r"\1", raw.strip()).translate(_URL_HIDE)
#: An accent over nothing ("\\~{}", a "\\'" closing a group) is the accent itself, not a lone combining mark
#: (pylatexenc) or nothing; "^" and "~" go through sentinels because pylatexenc reads them.
SPACING_ACCENTS = {"'": "\u00b4", "`": "`", '"': "\u00a8", "=": "\u00af", ".": "\u02d9", "^": "\ue003",
                   "~": "\ue004", "u": "\u02d8", "v": "\u02c7", "H": "\u02dd", "c": "\u00b8", "k": "\u02db",
                   "r": "\u02da"}
_BARE_ACCENT = re.compile(r"(?<!\\)\\(?:(['`\"=.^~])(?:\{\}|(?=\}|$))|([uvHckr])\{\})")
_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)
_CMD = re.compile(r"\\([A-Za-z]+)\s*")
_SWITCH = re.compile(r"\{\\(" + "|".join(sorted(FORMAT_SWITCHES, key=len, reverse=True)) + r")(?![A-Za-z])\s*")
_HTML_TAG = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"),
             "sub": ("<sub>", "</sub>"), "sc": ('<span style="font-variant:small-caps;">', "</span>"),
             "nocase": ('<span class="nocase">', "</span>"), "q": ("\u201c", "\u201d"),
             "q1": ("\u2018", "\u2019"), "": ("", "")}


@lru_cache(maxsize=1024)
def _known_macro(name: str) -> bool:
    """pylatexenc decodes it (else citeport keeps it as written)."""
    from pylatexenc.latex2text import get_default_latex_context_db

    return get_default_latex_context_db().get_macro_spec(name) is not None


def _scripts(math: str) -> str:
    """Math ``^2``/``_{2}`` -> Unicode super/subscript digits, anything longer -> <sup>/<sub> marks."""
    out, i = [], 0
    while i < len(math):
        c = math[i]
        if c in "^_" and i + 1 < len(math) and (i == 0 or math[i - 1] != "\\"):
            table, tag = (SUPERSCRIPTS, "sup") if c == "^" else (SUBSCRIPTS, "sub")
            if math[i + 1] == "{":
                j = _matching(math, i + 1)
                arg = math[i + 2:j]
            elif math[i + 1] == "\\":
                m = _CMD.match(math, i + 1)
                j = (m.end() - 1) if m else i + 2
                arg = math[i + 1:j + 1]
            else:
                j, arg = i + 1, math[i + 1]
            bare = re.sub(r"\\(?:text[a-z]*|mathrm|mathit|mbox)\s*|[{}\s]", "", arg)
            if bare and all(ch in table for ch in bare):
                out.append("".join(table[ch] for ch in bare))
            else:
                out.append(_mark(tag) + arg + _END)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _mark(name: str) -> str:
    return f"{_OPEN}{name}{_CLOSE}"


_BLANK_LINE = re.compile(r"[ \t\r]*\n[ \t\r]*\n[ \t\r\n]*")
_SPACE_RUN = re.compile(r"[ \t\r\n]+")


def _collapse_space(value: str) -> str:
    """White space as TeX reads it: any run (a wrapped, indented line too) is one space; a blank
    line is a paragraph break, kept as a newline (an abstract's paragraphs)."""
    paragraphs = _BLANK_LINE.split(value)
    return "\n".join(p for p in (_SPACE_RUN.sub(" ", p) for p in paragraphs) if p.strip() or len(paragraphs) == 1)


def to_rich_text(value: str, *, protect: bool = True, markup: bool = True) -> str:
    """Decode a LaTeX field value into CSL rich text (see _decode); white space as TeX reads it,
    in the value and in what decoding leaves ("\\! \\log" must not give two spaces)."""
    if "\\\\" in value:  # TeX's line break inside a paragraph: a space in plain text
        value = _LINE_BREAK.sub(" ", value)
    if "\n" in value or "\t" in value or "  " in value:
        value = _collapse_space(value)
    out = _decode(value, protect=protect, markup=markup)
    if "&#" in out:  # an HTML character reference an exporter left in (ACM: "Too Big? \&\#x1f99c;")
        out = _CHAR_REF.sub(_char_ref, out)
    return _SPACES.sub(" ", out) if "  " in out else out


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));")


def _char_ref(m: re.Match[str]) -> str:
    """The character of a numeric reference; "&", "<", ">", controls and non-characters stay as written."""
    cp = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if cp in (38, 60, 62) or cp < 32 or 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
        return m.group(0)
    return chr(cp)


_SPACES = re.compile(r"(?<=\S)  +(?=\S)")
_LINE_BREAK = re.compile(r"\\\\\*?(?:\[[^\]]*\])?")


def _decode(value: str, *, protect: bool = True, markup: bool = True) -> str:
    """Decode a LaTeX field value into CSL rich text.

    *protect*: top-level braces become nocase spans (titles); otherwise they
    are just removed.  *markup*: formatting commands become tags (else their
    text is kept plain, e.g. for names or URLs).
    """
    if not value or not re.search(r"[\\{}$~%]|--|``|''|[?!]`", value):
        return value
    # a literal ^ and ~ (pylatexenc would make them modifier letters)
    value = re.sub(r"\\textasciicircum\{\}", "\ue003", value)
    value = re.sub(r"\\textasciitilde\{\}", "\ue004", value)
    value = _BARE_ACCENT.sub(lambda m: SPACING_ACCENTS[m.group(1) or m.group(2)], value)
    value = re.sub(r"(?<!\\)%", r"\\%", value)  # a bare % is text in a .bib value, not a comment
    if "$" in value:  # a "$" TeX could not close ("costs $5" in an exported abstract) is a dollar sign
        dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", value)]
        if len(dollars) % 2:
            value = value[:dollars[-1]] + "\\" + value[dollars[-1]:]
    if "~" in value:  # "~" between spaces is plain text's "approximately" (no one ties two spaces)
        value = re.sub(r"(?<=\s)~(?=\s)", "\ue004", value)
    value = value.replace("-{}-", "-\ue009-")  # "-{}-": two hyphens, not an en dash
    if "\\-" in value:  # a hyphenation hint ("hy\-phen"), no character of the text
        value = _SOFT_HYPHEN.sub("", value)
    if "\\t" in value:  # the tie accent over two letters ("\t{oo}"), which pylatexenc leaves as it is
        value = _TIE.sub("\\1\u0361\\2", value)
    if "$" in value and ("^" in value or "_" in value):
        value = _MATH.sub(lambda m: "$" + _scripts(m.group(1)) + "$", value)
    out: list[str] = []
    closers: list[str] = []
    nocase_depth = 0
    # (in a title in capitals only, a braced acronym is kept from sentence case: a nocase span)
    stable_ok = protect and "{" in value and re.search("[a-z]", _CMD.sub("", _STABLE_GROUP.sub("", value)))
    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if c == "\\":
            m = _CMD.match(value, i)
            if m and m.group(1) in ("url", "nolinkurl", "path") and value.startswith("{", m.end()):
                j = _matching(value, m.end())  # verbatim: "~", "--", "%" in a URL are themselves
                out.append(_url_text(value[m.end() + 1:j]))
                i = j + 1
                continue
            if m and m.group(1) in FORMAT_COMMANDS and m.end() < n and value[m.end()] == "{":
                tag = FORMAT_COMMANDS[m.group(1)] if markup else ""
                out.append(_mark(tag))
                closers.append(_END)
                i = m.end() + 1
                continue
            name = m.group(1) if m else ""
            if name in ("enquote", "mkbibquote") and value.startswith("*{", m.end()):
                out.append(_mark("q1" if markup else ""))  # the starred form: inner (single) quotes
                closers.append(_END)
                i = m.end() + 2
                continue
            if name in TEXT_MACROS:
                out.append(TEXT_MACROS[name])
                i = m.end() if not value.startswith("{}", m.end()) else m.end() + 2
                continue
            if name.lower() == "elsevierglyph" and value.startswith("{", m.end()):
                j = _matching(value, m.end())  # Elsevier's \ElsevierGlyph{2014}: a code point
                code = value[m.end() + 1:j].strip()
                out.append(chr(int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{2,6}", code) else code)
                i = j + 1
                continue
            if name in CASE_COMMANDS and value.startswith("{", m.end()):
                j = _matching(value, m.end())
                arg = _decode(value[m.end() + 1:j], protect=False, markup=markup)
                if "<" not in arg:  # (with markup inside, its text is kept as it is)
                    arg = getattr(arg, CASE_COMMANDS[name])()
                out.append(arg.translate(_VERBATIM))
                i = j + 1
                continue
            if name == "bibstring" and value.startswith("{", m.end()):
                j = _matching(value, m.end())
                key = value[m.end() + 1:j].strip()
                out.append(BIBSTRINGS.get(key.lower(), key))
                i = j + 1
                continue
            if name in ("begin", "end") and value.startswith("{", m.end()):
                i = _matching(value, m.end()) + 1  # an environment's markers; its text stays
                continue
            if name in FORMAT_SWITCHES:  # an unbraced "\\it": its scope is unclear, keep the text plain
                i = m.end()
                continue
            if name in DROP_MACROS:
                i = m.end()
                for _ in range(DROP_MACROS[name]):
                    if i < n and value[i] == "{":
                        i = _matching(value, i) + 1
                continue
            if m and name not in FORMAT_COMMANDS and name != "href" and not _known_macro(name):
                # Unknown to us and to pylatexenc: kept as written (citation-js and pandoc do too).
                end = m.end()
                while end < n and value[end] == "{":
                    end = _matching(value, end) + 1
                raw = value[i:end].rstrip() + (" " if value[m.end() - 1:m.end()].isspace() and end == m.end()
                                               else "")
                out.append(raw.translate(_VERBATIM))
                i = end
                continue
            if m and m.group(1) == "href" and m.end() < n and value[m.end()] == "{":
                j = _matching(value, m.end())  # \href{url}{text}: the text, and the URL after it
                url = _url_text(value[m.end() + 1:j])
                i = j + 1
                if i < n and value[i] == "{":
                    k = _matching(value, i)
                    same = _SCHEME.sub("", value[i + 1:k].strip()) == _SCHEME.sub("", value[m.end() + 1:j].strip())
                    out.append(_mark(""))
                    closers.append(_END if same else f"{_END} ({url})")
                    i += 1
                else:
                    out.append(url)
                continue
            # Any other command or accent: pylatexenc decodes it; a brace right after it is its
            # argument ("\\"{u}", "\\v{c}"), not case protection.
            end = m.end() if m else min(i + 2, n)
            out.append(value[i:end])
            i = end
            if i < n and value[i] == "{":
                out.append("{")
                closers.append("}")
                i += 1
            continue
        if c == "{":
            m = _SWITCH.match(value, i)
            if m:
                tag = FORMAT_SWITCHES[m.group(1)] if markup else ""
                out.append(_mark(tag))
                closers.append(_END)
                i = m.end()
                continue
            if value.startswith("{\\", i):  # "{\"o}", "{\relax X}": a special character, not protection
                out.append("{")
                closers.append("}")
            elif protect and nocase_depth == 0 and stable_ok and (word := _STABLE_GROUP.match(value, i)) \
                    and not value[i - 1:i].isalnum() and not value[word.end():word.end() + 1].isalnum():
                out.append(word.group(1))  # "{DNA}": case protection, which CSL needs not (see STABLE_WORD)
                i = word.end()
                continue
            elif protect and nocase_depth == 0:
                out.append(_mark("nocase"))
                closers.append(_END)
                nocase_depth = len(closers)
            else:
                out.append("{")
                closers.append("}")
            i += 1
            continue
        if c == "}":
            if closers:
                if len(closers) == nocase_depth:
                    nocase_depth = 0
                out.append(closers.pop())
            i += 1  # an unbalanced closing brace is dropped
            continue
        run = _PLAIN_RUN.match(value, i)  # text up to the next backslash or brace, in one step
        out.append(run.group())
        i = run.end()
    while closers:
        out.append(closers.pop())
    text = _latex_islands("".join(out))
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("``", "\u201c").replace("''", "\u201d")
    if "`" in text:  # `single quotes' (after the double ones are taken)
        text = _SINGLE_QUOTES.sub("\u2018\\1\u2019", text)
    text = _sentinels_to_tags(text).replace("\ue009", "").replace("\ue003", "^").replace("\ue004", "~")
    return text.translate(_UNVERBATIM)


_PLAIN_RUN = re.compile(r"[^\\{}]+")
_STABLE_GROUP = re.compile(r"\{(" + STABLE_WORD + r")\}")
_SOFT_HYPHEN = re.compile(r"(?<!\\)\\-")
_TIE = re.compile(r"(?<!\\)\\t\s*\{(\w)(\w)\}")
_SINGLE_QUOTES = re.compile(r"(?<![\w`])`([^`'\n]+)'(?![\w'])")
_UNMARKED_RUN = re.compile(f"[^{_OPEN}{_END}]+")
_TEX_SPECIAL = re.compile(r"[\\{}~$]")
_LATEX_SPECIAL = re.compile(r"[\\{}~$]|[?!]`")  # ?` and !` are TeX's ligatures for ¿ and ¡
#: A word whose last command may take the next word as its argument ("\\ss x", "\\' e", "\\c c").
_CONTROL_WORD_END = re.compile(r"\\(?:[A-Za-z@]+\*?|.)?$")


def _latex_islands(text: str) -> str:
    """latex_to_unicode(text, math="text"), but pylatexenc sees only the words that need it.

    pylatexenc costs microseconds a character, so a 2,000-character abstract with one ``\\&``
    cost milliseconds.  The text is cut at spaces where nothing LaTeX spans the cut (outside
    braces and math, and not after a control word, which would eat the space); the pieces
    without a special character are already plain text."""
    if not _LATEX_SPECIAL.search(text):
        return text
    pieces: list[str] = []
    cur: list[str] = []
    depth, math, eating = 0, False, False
    for word in text.split(" "):
        cur.append(word)
        if eating and not word.strip():  # TeX skips every space after a control word, a run too
            continue
        if "\\" in word or "{" in word or "}" in word or "$" in word:
            i = 0
            while i < len(word):
                c = word[i]
                if c == "\\":
                    i += 2  # an escaped character ("\\{", "\\$") opens nothing
                    continue
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                elif c == "$":
                    math = not math
                i += 1
        eating = bool(_CONTROL_WORD_END.search(word))
        if depth <= 0 and not math and not eating:
            pieces.append(" ".join(cur))
            cur, depth = [], 0
    if cur:
        pieces.append(" ".join(cur))
    return " ".join(_decode_piece(p) if _LATEX_SPECIAL.search(p) else p for p in pieces)


@lru_cache(maxsize=8192)  # the same few pieces recur in a file ("\\&", "M{\\"u}ller", "{DNA}")
def _decode_piece(piece: str) -> str:
    """One piece of _latex_islands: pylatexenc, or just the Spanish ligatures when that is all it has."""
    if _TEX_SPECIAL.search(piece):
        return latex_to_unicode(piece, math="text")
    return piece.replace("?`", "\u00bf").replace("!`", "\u00a1")


def _matching(value: str, start: int) -> int:
    """Index of the brace closing the one at *start* (or the end)."""
    depth = 0
    for j in range(start, len(value)):
        if value[j] == "\\":
            continue
        if value[j] == "{" and (j == 0 or value[j - 1] != "\\"):
            depth += 1
        elif value[j] == "}" and (j == 0 or value[j - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return j
    return len(value) - 1


def _sentinels_to_tags(text: str) -> str:
    if _OPEN not in text and _END not in text:
        return text.replace('<span class="nocase"></span>', "")
    stack: list[str] = []
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == _OPEN:
            j = text.index(_CLOSE, i)
            name = text[i + 1:j]
            stack.append(name)
            out.append(_HTML_TAG.get(name, ("", ""))[0])
            i = j + 1
            continue
        if c == _END:
            name = stack.pop() if stack else ""
            out.append(_HTML_TAG.get(name, ("", ""))[1])
            i += 1
            continue
        run = _UNMARKED_RUN.match(text, i)
        out.append(run.group())
        i = run.end()
    result = "".join(out)
    # An empty nocase span (from "{}") says nothing.
    return result.replace('<span class="nocase"></span>', "")


def plain(value: str) -> str:
    """Decode to plain Unicode text: no tags, braces gone (names, ids, places)."""
    return to_rich_text(value, protect=False, markup=False)


# --- writing ------------------------------------------------------------------------------------

_RICH = re.compile(r'<(/?)(i|b|sup|sub|span)((?:\s+[a-z-]+="[^"]*")*)\s*>')
#: Words BibTeX styles would lower-case but must not: acronyms (DNA, COVID), inner capitals (mRNA, iPhone).
_PROTECT = re.compile(r"(?<![\w{\\])(" + STABLE_WORD + r")(?![\w}])")
_STABLE = re.compile(STABLE_WORD)


def _paired(value: str) -> set[int]:
    """Start offsets of the tags in *value* that have a partner: an opening tag with no closing one
    (a literal "<b>" in an abstract) is text, not markup that would close at the end."""
    paired: set[int] = set()
    stack: list[tuple[str, int]] = []
    for m in _RICH.finditer(value):
        if not m.group(1):
            stack.append((m.group(2), m.start()))
        elif stack and stack[-1][0] == m.group(2):
            paired.update((stack.pop()[1], m.start()))
    return paired


def from_rich_text(value: str, *, protect: bool = True) -> str:
    """CSL rich text -> LaTeX: tags to commands, nocase spans to braces, specials escaped.

    With *protect*, acronyms and words with inner capitals are braced too.
    """
    out: list[str] = []
    stack: list[str] = []
    nocase = 0  # open nocase spans, counted: looking through the stack each time was quadratic in depth
    pos = 0
    paired = _paired(value) if "<" in value else set()
    for m in _RICH.finditer(value):
        if m.start() not in paired:  # a tag with no partner is text
            continue
        out.append(_text_out(value[pos:m.start()], protect and not nocase))
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if closing:
            name = stack.pop()
            nocase -= name.startswith("nocase")
            out.append("}}" if name == "nocase2" else "}")
            continue
        if tag == "span":
            name = "nocase" if "nocase" in attrs else ("sc" if "small-caps" in attrs else "")
        else:
            name = tag
        inner = value[m.end():value.find("<", m.end())] if name == "nocase" else ""
        # the user's nocase around one word the writer would protect anyway ("iPhone") is doubled:
        # a single brace there is read back as the writer's own protection (plain text)
        name = "nocase2" if inner and _STABLE.fullmatch(inner) else name
        stack.append(name)
        nocase += name.startswith("nocase")
        out.append("{{" if name == "nocase2" else TAGS_OUT[name])
    out.append(_text_out(value[pos:], protect and not nocase))
    out.extend("}}" if name == "nocase2" else "}" for name in reversed(stack))
    return "".join(out)


def _text_out(text: str, protect: bool) -> str:
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    escaped = latex_escape(text)
    if protect:
        escaped = _PROTECT.sub(lambda m: "{" + m.group(1) + "}", escaped)
    return escaped


def escape(value: str) -> str:
    """Plain text -> LaTeX (no case protection): for names, places, notes."""
    return latex_escape(value)


def latex_escape(text: str) -> str:
    """Unicode -> what every BibTeX reader decodes alike.

    LaTeX specials are escaped, accented Latin letters become ``{\\'e}`` (BibTeX sorts and
    purifies them), dashes become ``--``/``---`` and a no-break space ``~``; every other character
    (Greek, CJK, symbols) stays UTF-8, which biber, pandoc, citation-js and Zotero read as is,
    where a LaTeX command for it would not survive all of them.
    """
    if not text:
        return text
    text = text.replace("--", "-\ue008-")  # a literal "--" in the text is not an en dash
    # Only the characters that change are visited (a specials or any non-ASCII character).
    return _TO_ESCAPE.sub(_escape_char, text).replace("\ue008", "{}")


_TO_ESCAPE = re.compile("[" + re.escape("".join(SPECIALS_OUT)) + "]|[^\x00-\x7f]")


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    return SPECIALS_OUT[ch] if ch in SPECIALS_OUT else _encode_char(ch)


@lru_cache(maxsize=2048)
def _encode_char(ch: str) -> str:
    if ch in LETTERS_OUT:
        return LETTERS_OUT[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[:1], decomposed[1:]
    if base.isascii() and base.isalpha() and len(marks) == 1 and marks in ACCENTS_OUT:
        cmd = ACCENTS_OUT[marks]
        # "{\\v r}", not "{\\v{r}}": bibutils' biblatex reader only knows the former
        return f"{{\\{cmd}{base}}}" if not cmd.isalpha() else f"{{\\{cmd} {base}}}"
    return ch
