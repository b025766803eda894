"""Write one CSL item the way real exporters write BibTeX/BibLaTeX (a test helper).

Each dialect is a function ``render(item) -> Rendering``: the text (bytes, with the BOM / CRLF the tool
writes), whether it is BibLaTeX, what it carried (``expected``: field -> value the reader should give back,
``None`` meaning "must be absent") and what it cannot carry faithfully (``lossy``: field -> reason).  The
layouts follow what each tool is known to write: field order and casing, quoting, indentation and wrapping,
accent escaping, name order, month/date/page forms, identifier placement, keyword separators.  They are
written from the tools' documented/observed output, blind to citeport's reader.
"""
from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

# --- what a CSL item looks like to an exporter -------------------------------------------------------------

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]

# CSL type -> BibTeX entry type most exporters use; per-dialect overrides below.
BIBTEX_TYPE = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "thesis": "phdthesis", "report": "techreport",
}
BIBLATEX_TYPE = dict(BIBTEX_TYPE, chapter="incollection", thesis="thesis", report="report",
                     webpage="online", dataset="dataset", article="online")
# Entry type written -> the CSL types a reader may honestly make of it.
READ_BACK = {
    "article": {"article-journal"}, "book": {"book"}, "incollection": {"chapter"}, "inbook": {"chapter"},
    "inproceedings": {"paper-conference"}, "phdthesis": {"thesis"}, "thesis": {"thesis"},
    "techreport": {"report"}, "report": {"report"}, "online": {"webpage", "article"},
    "dataset": {"dataset"},
}

TAG = re.compile(r"</?(i|b|sup|sub|sc|span)(\s[^>]*)?>")


def plain(text: str | None) -> str | None:
    """Rich text without its tags."""
    return TAG.sub("", text) if text else text


@dataclass
class Name:
    family: str = ""
    given: str = ""
    suffix: str = ""
    particle: str = ""
    literal: str = ""

    @classmethod
    def of(cls, n: dict) -> "Name":
        particle = " ".join(p for p in (n.get("dropping-particle"), n.get("non-dropping-particle")) if p)
        return cls(n.get("family", ""), n.get("given", ""), n.get("suffix", ""), particle, n.get("literal", ""))

    def initials(self) -> str:
        """'J. Michael' -> 'J. M.', 'Jean-Paul' -> 'J.-P.', 'H.S.' -> 'H. S.'"""
        words = []
        for word in self.given.split():
            parts = [" ".join(p[:1] + "." for p in part.split(".") if p) for part in word.split("-")]
            words.append("-".join(p for p in parts if p))
        return " ".join(w for w in words if w)


@dataclass
class Rec:
    """The parts of a CSL item exporters write, in plain shape."""
    item: dict
    type: str
    title: str  # rich text
    authors: list[Name]
    editors: list[Name]
    journal: str | None
    journal_abbr: str | None
    year: int | None
    month: int | None
    day: int | None
    volume: str | None
    issue: str | None
    page: str | None
    doi: str | None
    isbn: str | None
    issn: str | None
    publisher: str | None
    place: str | None
    abstract: str | None
    keywords: list[str]
    url: str | None
    pmid: str | None

    @classmethod
    def of(cls, it: dict) -> "Rec":
        parts = (it.get("issued") or {}).get("date-parts") or [[]]
        dp = list(parts[0]) + [None, None, None]
        kw = [k.strip() for k in re.split(r"[;,]", it.get("keyword", "")) if k.strip()]
        ctype = it.get("type", "document")
        return cls(
            it, ctype, it.get("title", ""), [Name.of(n) for n in it.get("author", [])],
            [Name.of(n) for n in it.get("editor", [])], it.get("container-title"),
            it.get("container-title-short") or it.get("container-title"),
            int(dp[0]) if dp[0] else None, int(dp[1]) if dp[1] else None, int(dp[2]) if dp[2] else None,
            it.get("volume"), it.get("issue"), it.get("page"), it.get("DOI"), it.get("ISBN"),
            it.get("ISSN"), it.get("publisher"), it.get("publisher-place"), it.get("abstract"), kw,
            it.get("URL"), it.get("PMID"))

    @property
    def is_journal(self) -> bool:
        return self.type.startswith("article-")

    @property
    def is_book(self) -> bool:
        return self.type in ("book", "report", "thesis")


@dataclass
class Rendering:
    dialect: str
    data: bytes
    biblatex: bool
    entry_type: str
    expected: dict = field(default_factory=dict)
    lossy: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8-sig")


# --- LaTeX escaping, in the styles the tools use ------------------------------------------------------------

ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0308": '"', "\u0302": "^", "\u0303": "~", "\u030c": "v",
           "\u0327": "c", "\u0306": "u", "\u0304": "=", "\u030a": "r", "\u030b": "H", "\u0328": "k",
           "\u0307": "."}
LETTERS = {"ø": "\\o", "Ø": "\\O", "ß": "\\ss", "æ": "\\ae", "Æ": "\\AE", "å": "\\aa", "Å": "\\AA",
           "ł": "\\l", "Ł": "\\L", "ı": "\\i", "œ": "\\oe"}
SYMBOLS = {"–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "\u00a0": "~"}
SPECIALS = {"&": "\\&", "%": "\\%", "#": "\\#", "_": "\\_", "$": "\\$"}


def accent(cmd: str, base: str, style: str) -> str:
    """One accented letter: style 'braced' {\\"o}, 'bare' \\"{o}, 'full' {\\"{o}}, 'space' {\\v c}."""
    if base == "i" and cmd != "c":
        base = "\\i"
    letter_cmd = cmd.isalpha()
    if style == "bare":
        return f"\\{cmd}{{{base}}}"
    if style == "full":
        return f"{{\\{cmd}{{{base}}}}}"
    if letter_cmd or base.startswith("\\"):
        return f"{{\\{cmd} {base}}}"
    return f"{{\\{cmd}{base}}}"


def latex(text: str | None, style: str = "braced", specials: str = "plain", symbols: bool = True) -> str:
    """Escape *text* to ASCII LaTeX the way a tool does (``specials``: plain \\&, braced {\\&}, none)."""
    if not text:
        return ""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in SPECIALS and specials != "none":
            out.append("{" + SPECIALS[ch] + "}" if specials == "braced" else SPECIALS[ch])
        elif ch in LETTERS:
            out.append("{" + LETTERS[ch] + "}")
        elif symbols and ch in SYMBOLS:
            out.append(SYMBOLS[ch])
        elif ord(ch) > 127:
            d = unicodedata.normalize("NFD", ch)
            if len(d) == 2 and d[1] in ACCENTS:
                out.append(accent(ACCENTS[d[1]], d[0], style))
            else:
                out.append(ch)  # no ASCII form (Greek, emoji): the tools keep it
        else:
            out.append(ch)
    return "".join(out)


def uni(text: str | None, specials: str = "plain") -> str:
    """Unicode kept, only the BibTeX specials escaped (Zotero 'UTF-8', JabRef, BBT BibLaTeX)."""
    if not text:
        return ""
    return "".join(SPECIALS[c] if c in SPECIALS and specials != "none" else c for c in text)


MARKUP_TEX = {"i": "\\textit{", "b": "\\textbf{", "sup": "\\textsuperscript{", "sub": "\\textsubscript{",
              "sc": "\\textsc{", "span": "{"}


def rich(title: str, esc: Callable[[str], str], tex_markup: bool = True,
         protect: Callable[[str], str] = lambda s: s) -> str:
    """Rich text -> LaTeX: tags to commands (or dropped), text pieces capital-protected then escaped."""
    out, pos = [], 0
    for m in TAG.finditer(title):
        out.append(esc(protect(title[pos:m.start()])))
        if tex_markup:
            out.append("}" if m.group(0).startswith("</") else MARKUP_TEX[m.group(1)])
        pos = m.end()
    out.append(esc(protect(title[pos:])))
    return "".join(out)


def protect_words(pred: Callable[[str], bool], double: bool = False) -> Callable[[str], str]:
    def run(text: str) -> str:
        def one(m: re.Match) -> str:
            w = m.group(0)
            return ("{{%s}}" if double else "{%s}") % w if pred(w) else w
        return re.sub(r"[^\s\-:,;.()/\[\]\"'?!]+", one, text)
    return run


has_cap = protect_words(lambda w: any(c.isupper() for c in w))                       # Zotero built-in
inner_cap = protect_words(lambda w: any(c.isupper() for c in w[1:]))                  # BBT, JabRef
acronym = protect_words(lambda w: sum(c.isupper() for c in w) >= 2)                   # DBLP, Crossref


def every_cap(text: str) -> str:
    """TexMed: each capital letter in its own braces."""
    return re.sub(r"([A-Z])", r"{\1}", text)


# --- names -------------------------------------------------------------------------------------------------

def last_first(n: Name, esc: Callable[[str], str], given: str | None = None, brace_family: bool = False) -> str:
    if n.literal:
        return "{" + esc(n.literal) + "}"
    fam = esc(n.family)
    fam = "{" + fam + "}" if brace_family else fam
    fam = f"{esc(n.particle)} {fam}" if n.particle else fam
    g = esc(n.given if given is None else given)
    if n.suffix:
        return f"{fam}, {esc(n.suffix)}, {g}" if g else f"{fam}, {esc(n.suffix)}, "
    return f"{fam}, {g}" if g else fam


def first_last(n: Name, esc: Callable[[str], str], given: str | None = None) -> str:
    if n.literal:
        return "{" + esc(n.literal) + "}"
    g = esc(n.given if given is None else given)
    parts = [p for p in (g, esc(n.particle), esc(n.family)) if p]
    s = " ".join(parts)
    return f"{s} {esc(n.suffix)}" if n.suffix else s


def name_loss(names: list[Name], form: str) -> str | None:
    """Why a 'First Last' list cannot carry a name (BibTeX reads the last word as the family)."""
    if form != "first-last":
        return None
    for n in names:
        if not n.literal and " " in n.family.strip() and not n.particle:
            return f"'First Last' form cannot separate the multi-word family name {n.family!r}"
    return None


# --- a generic field writer ---------------------------------------------------------------------------------

@dataclass
class Style:
    indent: str = "  "
    align: int = 0          # pad field names to this width (JabRef/DBLP), negative: right-align (ADS)
    eq: str = " = "
    open: str = "{"
    close: str = "}"
    upper_type: bool = False
    cap_type: bool = False
    trailing_comma: bool = False
    field_case: Callable[[str], str] = str
    newline: str = "\n"
    end: str = "\n}\n"
    line_suffix: str = ""  # IEEE's trailing space after some commas
    one_line: bool = False
    wrap: int = 0           # DBLP wraps long values onto indented lines
    bom: bool = False
    header: str = ""
    footer: str = ""
    sort: bool = False


def emit(key: str, etype: str, fields: list[tuple[str, str | None]], st: Style, bare: set[str] = frozenset()) -> bytes:
    """Assemble one entry; values in *bare* are written without delimiters (month macros, numbers)."""
    rows = [(k, v) for k, v in fields if v is not None]
    if st.sort:
        rows.sort(key=lambda kv: kv[0].lower())
    t = etype.upper() if st.upper_type else etype.capitalize() if st.cap_type else etype
    lines = []
    for k, v in rows:
        name = st.field_case(k)
        if st.align > 0:
            name = name.ljust(st.align)
        elif st.align < 0:
            name = name.rjust(-st.align)
        val = v if k in bare else f"{st.open}{v}{st.close}"
        prefix = f"{st.indent}{name}{st.eq}"
        if st.wrap and len(prefix) + len(val) > st.wrap and "\n" not in val:
            body = textwrap.wrap(val, width=st.wrap - len(prefix), break_long_words=False,
                                 break_on_hyphens=False)
            val = ("\n" + " " * len(prefix)).join(body)
        lines.append(prefix + val)
    if st.one_line:
        body = ", ".join(lines)
        text = f" @{t}{{{key}, {body} }}\n"
    else:
        sep = "," + st.line_suffix + "\n"
        body = sep.join(lines) + ("," if st.trailing_comma else "")
        text = f"@{t}{{{key},\n{body}{st.end}"
    text = st.header + text + st.footer
    if st.newline != "\n":
        text = text.replace("\n", st.newline)
    return (b"\xef\xbb\xbf" if st.bom else b"") + text.encode("utf-8")


def keybase(r: Rec) -> str:
    fam = next((n.family or n.literal for n in r.authors), "anon") or "anon"
    fam = re.sub(r"[^A-Za-z]", "", unicodedata.normalize("NFKD", fam)) or "anon"
    return f"{fam}{r.year or ''}"


def pages(r: Rec, dash: str = "--") -> str | None:
    return r.page.replace("--", "-").replace("–", "-").replace("-", dash) if r.page else None


def names_field(names: list[Name], fmt: Callable[[Name], str], sep: str = " and ") -> str | None:
    return sep.join(fmt(n) for n in names) if names else None


def place_fields(r: Rec) -> tuple[str | None, str | None]:
    """publisher/address as exporters write them: for books, chapters, reports, theses."""
    if r.is_journal:
        return None, None
    return r.publisher, r.place


# --- expectations ---------------------------------------------------------------------------------------------

def expect(r: Rec, etype: str, *, title=True, authors="full", journal="full", date="month", volume=True,
           issue=True, page=True, doi=True, isbn=True, issn=True, publisher=True, place=True, abstract=True,
           keywords=True, url=None, pmid=False, form="last-first", editors=True) -> tuple[dict, dict]:
    """What the reader should give back from what a dialect wrote, and the known losses with reasons."""
    exp: dict = {"type": READ_BACK.get(etype, {"document", r.type})}
    lossy: dict = {}
    if title:
        exp["title"] = plain(r.title) or None
    if authors:
        exp["author"] = None if not r.authors else (authors, [(n.literal, n.family, n.given, n.particle, n.suffix) for n in r.authors])
        why = name_loss(r.authors, form)
        if why:
            lossy["author"] = why
    if editors and r.editors and not r.is_journal:
        exp["editor"] = (authors or "full", [(n.literal, n.family, n.given, n.particle, n.suffix) for n in r.editors])
        why = name_loss(r.editors, form)
        if why:
            lossy["editor"] = why
    if journal and (r.is_journal or r.type == "chapter"):
        exp["container-title"] = plain(r.journal_abbr if journal == "abbr" else r.journal) or None
    if date:
        parts = [r.year, r.month, r.day][: {"year": 1, "month": 2, "day": 3}[date]]
        while parts and parts[-1] is None:
            parts.pop()
        exp["issued"] = parts or None
    for flag, key, val in ((volume, "volume", r.volume), (issue, "issue", r.issue), (page, "page", r.page),
                           (doi, "DOI", r.doi), (isbn, "ISBN", r.isbn), (issn, "ISSN", r.issn),
                           (abstract, "abstract", r.abstract), (pmid, "PMID", r.pmid)):
        if flag:
            exp[key] = val or None
    if publisher:
        exp["publisher"] = place_fields(r)[0]
    if place:
        exp["publisher-place"] = place_fields(r)[1]
    if keywords:
        exp["keyword"] = r.keywords or None
    if url is not None:
        exp["URL"] = url or None
    return exp, lossy


def journal_or_book(r: Rec, key_journal: str, key_book: str, esc, abbr: bool = False) -> list:
    if r.is_journal:
        return [(key_journal, esc(r.journal_abbr if abbr else r.journal) if r.journal else None)]
    if r.type == "chapter":
        return [(key_book, esc(r.journal) if r.journal else None)]
    return []


def kwsep(r: Rec, sep: str, esc=lambda s: s) -> str | None:
    return sep.join(esc(k) for k in r.keywords) if r.keywords else None


# --- the dialects -------------------------------------------------------------------------------------------

def dblp(r: Rec) -> Rendering:
    """dblp.org: 'First Last and' wrapped names, 2-space indent, names padded to 13, long values wrapped
    onto lines indented to the value column, acronyms braced, {\\"{o}} accents, url = doi.org link."""
    esc = lambda s: latex(s, "full")
    etype = {"chapter": "incollection"}.get(r.type, BIBTEX_TYPE.get(r.type, "misc"))
    url = f"https://doi.org/{r.doi}" if r.doi else r.url
    authors = " and\n                  ".join(first_last(n, esc) for n in r.authors) or None
    editors = " and\n                  ".join(first_last(n, esc) for n in r.editors) or None
    fields = [("author", authors), ("editor", editors if not r.is_journal else None),
              ("title", rich(r.title, esc, False, acronym))]
    fields += journal_or_book(r, "journal", "booktitle", lambda s: rich(s, esc, False, acronym), abbr=True)
    pub, place = place_fields(r)
    fields += [("publisher", esc(pub) if pub else None), ("volume", r.volume), ("number", r.issue),
               ("pages", pages(r)), ("year", str(r.year) if r.year else None),
               ("isbn", r.isbn), ("url", url), ("doi", r.doi),
               ("timestamp", "Tue, 06 Nov 2018 12:51:31 +0100"),
               ("biburl", "https://dblp.org/rec/journals/x/Y18.bib"),
               ("bibsource", "dblp computer science bibliography, https://dblp.org")]
    st = Style(align=12, wrap=80)
    data = emit(f"DBLP:journals/x/{keybase(r)}", etype, fields, st)
    exp, lossy = expect(r, etype, journal="abbr", date="year", issn=False, abstract=False, keywords=False,
                        place=False, url=url, form="first-last")
    return Rendering("dblp", data, False, etype, exp, lossy)


def acm(r: Rec) -> Rendering:
    """ACM DL: no indentation, issue_date, numpages, publisher 'Association...' + address, month macro,
    Unicode en dash in pages, keywords ', '-separated, \\"{o} accents."""
    esc = lambda s: latex(s, "bare")
    etype = {"chapter": "inbook"}.get(r.type, BIBTEX_TYPE.get(r.type, "misc"))
    url = f"https://doi.org/{r.doi}" if r.doi else r.url
    pub, place = place_fields(r)
    fields = [("author", names_field(r.authors, lambda n: last_first(n, esc))),
              ("editor", names_field(r.editors, lambda n: last_first(n, esc)) if not r.is_journal else None),
              ("title", rich(r.title, esc, False)), ("year", str(r.year) if r.year else None),
              ("issue_date", f"{MONTH_NAMES[r.month - 1]} {r.year}" if r.month and r.year and r.is_journal else None),
              ("isbn", r.isbn), ("publisher", esc(pub) if pub else None), ("address", esc(place) if place else None),
              ("volume", r.volume), ("number", r.issue), ("issn", r.issn), ("url", url), ("doi", r.doi),
              ("abstract", esc(r.abstract.replace("\n", " ")) if r.abstract else None)]
    fields += journal_or_book(r, "journal", "booktitle", esc, abbr=True)
    fields += [("month", MONTHS[r.month - 1] if r.month else None), ("pages", pages(r, "–")),
               ("numpages", "8" if r.page else None), ("keywords", kwsep(r, ", ", esc))]
    data = emit(f"10.1145/{keybase(r)}", etype, fields, Style(indent=""), bare={"month"})
    exp, lossy = expect(r, etype, journal="abbr", url=url)
    if r.abstract and "\n" in r.abstract:
        lossy["abstract"] = "ACM writes the abstract on one line (paragraph breaks lost)"
    return Rendering("acm", data, False, etype, exp, lossy)


def ieee(r: Rec) -> Rendering:
    """IEEE Xplore: @ARTICLE, 'key=value' without spaces, '}, ' trailing spaces, initials + {Family},
    ';'-separated keywords, empty volume/number written as {}, full month name, final ',}'."""
    esc = lambda s: latex(s, "braced")
    etype = {"chapter": "inbook"}.get(r.type, BIBTEX_TYPE.get(r.type, "misc"))
    fields = [("author", names_field(r.authors, lambda n: first_last(n, esc, n.initials()) if n.literal
                                     else f"{n.initials()} {{{esc(n.family)}}}" + (f" {esc(n.suffix)}" if n.suffix else ""))),
              ("journal" if r.is_journal else "booktitle", esc(r.journal) if r.journal else None),
              ("title", rich(r.title, esc, False)), ("year", str(r.year) if r.year else None),
              ("volume", r.volume or ""), ("number", r.issue or ""), ("pages", pages(r, "-")),
              ("abstract", esc(r.abstract.replace("\n", " ")) if r.abstract else None),
              ("keywords", kwsep(r, ";")), ("doi", r.doi), ("ISSN", r.issn), ("ISBN", r.isbn),
              ("month", MONTH_NAMES[r.month - 1] if r.month else None)]
    st = Style(eq="=", upper_type=True, line_suffix=" ", end=",}\n")
    data = emit(str(9000000 + (int(r.pmid) % 999999 if r.pmid else 1)), etype, fields, st)
    exp, lossy = expect(r, etype, authors="initials", publisher=False, place=False, url="")
    if r.abstract and "\n" in r.abstract:
        lossy["abstract"] = "IEEE writes the abstract on one line"
    if not r.is_journal and r.type != "chapter":
        exp.pop("container-title", None)
    return Rendering("ieee", data, False, etype, exp, lossy)


def scholar(r: Rec) -> Rendering:
    """Google Scholar: key 'familyYYYYword', title first, {\\"o} accents, 'and others' after many authors,
    publisher on articles too, no DOI/URL/abstract/month."""
    esc = lambda s: latex(s, "braced")
    etype = BIBTEX_TYPE.get(r.type, "misc")
    names = [last_first(n, esc) for n in r.authors]
    truncated = len(names) > 10
    authors = " and ".join(names[:10] + (["others"] if truncated else [])) or None
    pub, place = place_fields(r)
    fields = [("title", rich(r.title, esc, False)), ("author", authors)]
    fields += journal_or_book(r, "journal", "booktitle", esc)
    fields += [("volume", r.volume), ("number", r.issue), ("pages", pages(r)),
               ("year", str(r.year) if r.year else None), ("publisher", esc(pub) if pub else None)]
    data = emit(f"{keybase(r).lower()}title", etype, fields, Style())
    exp, lossy = expect(r, etype, date="year", doi=False, isbn=False, issn=False, abstract=False,
                        keywords=False, place=False, editors=False)
    if truncated:
        exp["author"] = ("full-prefix", exp["author"][1][:10])
    return Rendering("scholar", data, False, etype, exp, lossy)


def _zotero_fields(r: Rec, esc, biblatex: bool, title_protect) -> list:
    pub, place = place_fields(r)
    names = lambda ns: names_field(ns, lambda n: last_first(n, esc))
    rows = [("title", rich(r.title, esc, True, title_protect)), ("volume", r.volume),
            ("isbn", r.isbn), ("issn", r.issn), ("url", r.url), ("doi", r.doi),
            ("abstract", esc(r.abstract) if r.abstract else None), ("number", r.issue),
            ("urldate", "2024-01-15")]
    if biblatex:
        rows += [("journaltitle" if r.is_journal else "booktitle", esc(r.journal) if r.journal and (r.is_journal or r.type == "chapter") else None),
                 ("shortjournal", esc(r.journal_abbr) if r.is_journal and r.journal_abbr != r.journal else None),
                 ("location", esc(place) if place else None), ("publisher", esc(pub) if pub else None),
                 ("author", names(r.authors)), ("editor", names(r.editors) if not r.is_journal else None),
                 ("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(x for x in (r.year, r.month, r.day) if x)) or None)]
    else:
        rows += [("journal" if r.is_journal else "booktitle", esc(r.journal) if r.journal and (r.is_journal or r.type == "chapter") else None),
                 ("address", esc(place) if place else None), ("publisher", esc(pub) if pub else None),
                 ("author", names(r.authors)), ("editor", names(r.editors) if not r.is_journal else None),
                 ("month", MONTHS[r.month - 1] if r.month else None),
                 ("year", str(r.year) if r.year else None)]
    rows += [("note", f"PMID: {r.pmid}" if r.pmid and not biblatex else None),
             ("keywords", kwsep(r, ", ", esc)), ("pages", pages(r)),
             ("file", "Full Text PDF:files/123/Smith - 2020 - Title.pdf:application/pdf")]
    return rows


def zotero_bibtex(r: Rec) -> Rendering:
    """Zotero's built-in BibTeX: BOM, blank first line, tab indent, trailing comma, Unicode kept,
    every capitalised word braced, month macro, PMID (Extra) in note, \\textit markup."""
    esc = uni
    etype = BIBTEX_TYPE.get(r.type, "misc")
    st = Style(indent="\t", trailing_comma=True, bom=True, header="\n", end="\n}\n")
    data = emit(f"{keybase(r).lower()}_title", etype, _zotero_fields(r, esc, False, has_cap), st, bare={"month"})
    exp, lossy = expect(r, etype, url=r.url or "", pmid=True)
    return Rendering("zotero-bibtex", data, False, etype, exp, lossy)


def zotero_biblatex(r: Rec) -> Rendering:
    """Zotero's built-in BibLaTeX: like its BibTeX with journaltitle/shortjournal, date, location."""
    esc = uni
    etype = BIBLATEX_TYPE.get(r.type, "misc")
    st = Style(indent="\t", trailing_comma=True, bom=True, header="\n", end="\n}\n")
    data = emit(f"{keybase(r).lower()}_title", etype, _zotero_fields(r, esc, True, has_cap), st)
    exp, lossy = expect(r, etype, date="day", url=r.url or "")
    if r.publisher and " and " in r.publisher:
        lossy["publisher"] = "biblatex's publisher is a list: an unprotected 'and' separates two publishers"
    return Rendering("zotero-biblatex", data, True, etype, exp, lossy)


def bbt_bibtex(r: Rec) -> Rendering:
    """Better BibTeX (BibTeX): 2-space indent, title/shorttitle/author/year/month first, ASCII escapes
    {\\v c}, inner-capital words double-braced, keywords ','-joined, pmid field."""
    esc = lambda s: latex(s, "space")
    etype = BIBTEX_TYPE.get(r.type, "misc")
    pub, place = place_fields(r)
    fields = [("title", rich(r.title, esc, True, protect_words(lambda w: any(c.isupper() for c in w[1:]), True))),
              ("author", names_field(r.authors, lambda n: last_first(n, esc))),
              ("editor", names_field(r.editors, lambda n: last_first(n, esc)) if not r.is_journal else None),
              ("year", str(r.year) if r.year else None), ("month", MONTHS[r.month - 1] if r.month else None)]
    fields += journal_or_book(r, "journal", "booktitle", esc)
    fields += [("volume", r.volume), ("number", r.issue), ("pages", pages(r)),
               ("publisher", esc(pub) if pub else None), ("address", esc(place) if place else None),
               ("issn", r.issn), ("isbn", r.isbn), ("doi", r.doi), ("url", r.url), ("urldate", "2024-01-15"),
               ("abstract", esc(r.abstract.replace("\n", "\n\n")) if r.abstract else None),
               ("langid", "english"), ("pmid", r.pmid), ("keywords", kwsep(r, ",", esc))]
    data = emit(keybase(r).lower() + "Title", etype, fields, Style(), bare={"month"})
    exp, lossy = expect(r, etype, url=r.url or "", pmid=True)
    return Rendering("bbt-bibtex", data, False, etype, exp, lossy)


def bbt_biblatex(r: Rec) -> Rendering:
    """Better BibLaTeX: Unicode kept, date, journaltitle/shortjournal, eprinttype=pmid, extended name
    format for particles (family=..., prefix=..., useprefix=true), \\par between abstract paragraphs."""
    esc = uni
    etype = BIBLATEX_TYPE.get(r.type, "misc")
    pub, place = place_fields(r)

    def nm(n: Name) -> str:
        if n.particle and not n.literal:
            return f"family={n.family}, given={n.given}, prefix={n.particle}, useprefix=true"
        return last_first(n, esc)
    date = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(x for x in (r.year, r.month, r.day) if x))
    fields = [("title", rich(r.title, esc, True, inner_cap)), ("author", names_field(r.authors, nm)),
              ("editor", names_field(r.editors, nm) if not r.is_journal else None), ("date", date or None)]
    fields += journal_or_book(r, "journaltitle", "booktitle", esc)
    fields += [("shortjournal", esc(r.journal_abbr) if r.is_journal and r.journal_abbr != r.journal else None),
               ("volume", r.volume), ("number", r.issue), ("pages", pages(r)),
               ("publisher", ("{%s}" if " and " in pub else "%s") % esc(pub) if pub else None),
               ("location", esc(place) if place else None),
               ("issn", r.issn), ("isbn", r.isbn), ("doi", r.doi),
               ("eprint", r.pmid), ("eprinttype", "pmid" if r.pmid else None),
               ("url", r.url), ("urldate", "2024-01-15"),
               ("abstract", esc(r.abstract).replace("\n", "\\par\n") if r.abstract else None),
               ("langid", "english"), ("keywords", kwsep(r, ",", esc))]
    data = emit(keybase(r).lower() + "Title", etype, fields, Style())
    exp, lossy = expect(r, etype, date="day", url=r.url or "", pmid=True)
    return Rendering("bbt-biblatex", data, True, etype, exp, lossy)


def jabref(r: Rec) -> Rendering:
    """JabRef 5: CRLF (Windows), '@Article', names padded to 9, fixed first fields then alphabetical,
    Unicode kept, 'First Last' names as typed, month macro, ', ' keywords, pmid, @Comment meta block."""
    esc = uni
    etype = BIBTEX_TYPE.get(r.type, "misc")
    pub, place = place_fields(r)
    head = [("author", names_field(r.authors, lambda n: last_first(n, esc))),
            ("editor", names_field(r.editors, lambda n: last_first(n, esc)) if not r.is_journal else None)]
    head += journal_or_book(r, "journal", "booktitle", esc)
    head += [("title", rich(r.title, esc, False, inner_cap)), ("year", str(r.year) if r.year else None)]
    rest = [("abstract", esc(r.abstract) if r.abstract else None), ("doi", r.doi), ("issn", r.issn),
            ("isbn", r.isbn), ("keywords", kwsep(r, ", ", esc)), ("month", MONTHS[r.month - 1] if r.month else None),
            ("number", r.issue), ("pages", pages(r)), ("pmid", r.pmid), ("publisher", esc(pub) if pub else None),
            ("address", esc(place) if place else None), ("url", r.url), ("volume", r.volume),
            ("creationdate", "2024-01-15T10:00:00"), ("owner", "user")]
    rest.sort(key=lambda kv: kv[0])
    st = Style(align=9, cap_type=True, trailing_comma=True, newline="\r\n",
               header="% Encoding: UTF-8\n\n", footer="\n@Comment{jabref-meta: databaseType:bibtex;}\n")
    data = emit(keybase(r), etype, head + rest, st, bare={"month"})
    exp, lossy = expect(r, etype, url=r.url or "", pmid=True)
    return Rendering("jabref", data, False, etype, exp, lossy)


def mendeley(r: Rec) -> Rendering:
    """Mendeley Desktop: CRLF, no indentation, fields alphabetical, title in double braces, {\\'{e}}
    accents and {\\&} {\\_} specials (URLs too), ISSN without hyphen, month={sep}, ','-joined keywords."""
    esc = lambda s: latex(s, "full", "braced")
    etype = BIBTEX_TYPE.get(r.type, "misc")
    pub, place = place_fields(r)
    fields = [("abstract", esc(r.abstract) if r.abstract else None),
              ("author", names_field(r.authors, lambda n: last_first(n, esc))),
              ("editor", names_field(r.editors, lambda n: last_first(n, esc)) if not r.is_journal else None),
              ("doi", r.doi), ("file", ":C\\:/Users/u/Documents/Mendeley Desktop/x.pdf:pdf"),
              ("issn", r.issn.replace("-", "") if r.issn else None), ("isbn", r.isbn),
              ("keywords", kwsep(r, ",", esc)), ("mendeley-groups", "Thesis"),
              ("month", MONTHS[r.month - 1] if r.month else None), ("number", r.issue), ("pages", pages(r)),
              ("pmid", r.pmid), ("publisher", esc(pub) if pub else None), ("address", esc(place) if place else None),
              ("title", "{" + rich(r.title, esc, False) + "}"), ("url", esc(r.url) if r.url else None),
              ("volume", r.volume), ("year", str(r.year) if r.year else None)]
    fields += journal_or_book(r, "journal", "booktitle", esc)
    st = Style(indent="", sort=True, newline="\r\n")
    data = emit(keybase(r), etype, fields, st)
    exp, lossy = expect(r, etype, url=r.url or "", pmid=True)
    return Rendering("mendeley", data, False, etype, exp, lossy)


def bibdesk(r: Rec) -> Rendering:
    """BibDesk: '%% ... BibDesk' header, tab indent, alphabetical, date-added, bdsk-url-1, '}}' close."""
    esc = lambda s: latex(s, "space")
    etype = BIBTEX_TYPE.get(r.type, "misc")
    pub, place = place_fields(r)
    fields = [("abstract", esc(r.abstract) if r.abstract else None),
              ("author", names_field(r.authors, lambda n: last_first(n, esc))),
              ("editor", names_field(r.editors, lambda n: last_first(n, esc)) if not r.is_journal else None),
              ("date-added", "2024-01-15 10:00:00 +0100"), ("date-modified", "2024-01-15 10:00:00 +0100"),
              ("doi", r.doi), ("issn", r.issn), ("isbn", r.isbn), ("keywords", kwsep(r, ", ", esc)),
              ("month", MONTHS[r.month - 1] if r.month else None), ("number", r.issue), ("pages", pages(r)),
              ("publisher", esc(pub) if pub else None), ("address", esc(place) if place else None),
              ("title", rich(r.title, esc, True)), ("volume", r.volume), ("year", str(r.year) if r.year else None)]
    fields += journal_or_book(r, "journal", "booktitle", esc)
    fields.sort(key=lambda kv: kv[0])
    fields.append(("bdsk-url-1", r.url))
    header = ("%% This BibTeX bibliography file was created using BibDesk.\n%% https://bibdesk.sourceforge.io/\n\n"
              "%% Created for User at 2024-01-15 10:00:00 +0100 \n\n\n%% Saved with string encoding Unicode (UTF-8) \n\n\n\n")
    st = Style(indent="\t", end="}\n", header=header)
    data = emit(keybase(r) + ":aa", etype, fields, st)
    exp, lossy = expect(r, etype, url=r.url or "")
    return Rendering("bibdesk", data, False, etype, exp, lossy)


def crossref(r: Rec) -> Rendering:
    """Crossref content negotiation (application/x-bibtex): one line with a leading space, Unicode,
    ISSN/DOI/ISBN upper-case, url = http://dx.doi.org/..., month macro, en dash in pages, @inbook chapters."""
    esc = lambda s: s
    etype = {"chapter": "inbook"}.get(r.type, BIBTEX_TYPE.get(r.type, "misc"))
    pub, _ = place_fields(r)
    url = f"http://dx.doi.org/{r.doi}" if r.doi else r.url
    fields = [("title", rich(r.title, esc, False)), ("volume", r.volume),
              ("ISSN", r.issn), ("ISBN", r.isbn), ("url", url), ("DOI", r.doi)]
    fields += journal_or_book(r, "journal", "booktitle", esc)
    fields += [("number", r.issue), ("publisher", esc(pub or ("Elsevier BV" if r.is_journal else None))),
               ("author", names_field(r.authors, lambda n: last_first(n, esc))),
               ("editor", names_field(r.editors, lambda n: last_first(n, esc)) if not r.is_journal else None),
               ("year", str(r.year) if r.year else None), ("month", MONTHS[r.month - 1] if r.month else None),
               ("pages", pages(r, "–"))]
    key = f"{(r.authors[0].family or 'anon') if r.authors else 'anon'}_{r.year or ''}".replace(" ", "_")
    data = emit(key, etype, fields, Style(eq="=", one_line=True), bare={"month"})
    exp, lossy = expect(r, etype, abstract=False, keywords=False, place=False, url=url, publisher=False)
    return Rendering("crossref", data, False, etype, exp, lossy)


def arxiv(r: Rec) -> Rendering:
    """arXiv 'Export BibTeX citation': @misc, 6-space indent, 'First Last' names, eprint/archivePrefix/
    primaryClass, url to the abstract page, trailing comma, '}, ' trailing space after title and url."""
    esc = lambda s: s
    eprint = f"2101.{(int(r.pmid) % 90000 + 10000) if r.pmid else 12345:05d}"
    url = f"https://arxiv.org/abs/{eprint}"
    rows = [("title", rich(r.title, esc, False) + "} "), ("author", names_field(r.authors, lambda n: first_last(n, esc))),
            ("year", str(r.year) if r.year else None), ("eprint", eprint), ("archivePrefix", "arXiv"),
            ("primaryClass", "q-bio.QM"), ("url", url + "} ")]
    text = "@misc{" + keybase(r).lower() + "title,\n"
    for k, v in rows:
        if v is None:
            continue
        if v.endswith("} "):
            text += f"      {k}={{{v[:-2]}}}, \n"
        else:
            text += f"      {k}={{{v}}},\n"
    text += "}\n"
    exp, lossy = expect(r, "misc", journal=False, date="year", volume=False, issue=False, page=False, doi=False,
                        isbn=False, issn=False, publisher=False, place=False, abstract=False, keywords=False,
                        url=url, form="first-last", editors=False)
    exp["type"] = {"article"}
    return Rendering("arxiv", text.encode(), False, "misc", exp, lossy)


def sciencedirect(r: Rec) -> Rendering:
    """ScienceDirect: no indentation, key FAMILYyearNNN, Unicode, 'First Last' names, doi as a full
    https://doi.org/ URL, sciencedirect url, ', '-keywords, abstract last, no month."""
    esc = lambda s: s
    etype = BIBTEX_TYPE.get(r.type, "misc")
    pub, place = place_fields(r)
    url = "https://www.sciencedirect.com/science/article/pii/S0000000000000000"
    fields = [("title", rich(r.title, esc, False))]
    fields += journal_or_book(r, "journal", "booktitle", esc)
    fields += [("publisher", pub), ("address", place), ("volume", r.volume), ("number", r.issue),
               ("pages", pages(r, "-")), ("year", str(r.year) if r.year else None), ("issn", r.issn),
               ("isbn", r.isbn), ("doi", f"https://doi.org/{r.doi}" if r.doi else None), ("url", url),
               ("author", names_field(r.authors, lambda n: first_last(n, esc))),
               ("editor", names_field(r.editors, lambda n: first_last(n, esc)) if not r.is_journal else None),
               ("keywords", kwsep(r, ", ")), ("abstract", r.abstract)]
    key = (keybase(r).upper() if r.authors else "ANON") + "101234"
    data = emit(key, etype, fields, Style(indent=""))
    exp, lossy = expect(r, etype, date="year", url=url, form="first-last")
    return Rendering("sciencedirect", data, False, etype, exp, lossy)


def springer(r: Rec) -> Rendering:
    """SpringerLink: quote-delimited values, names broken before 'and' onto new lines, month name and
    day fields, bookTitle camel case, @InBook chapters, no indentation."""
    esc = lambda s: s.replace('"', '{"}')
    etype = {"chapter": "inbook"}.get(r.type, BIBTEX_TYPE.get(r.type, "misc"))
    pub, place = place_fields(r)
    names = lambda ns: "\nand ".join(last_first(n, esc) for n in ns) or None
    fields = [("author", names(r.authors)), ("editor", names(r.editors) if not r.is_journal else None),
              ("title", rich(r.title, esc, False))]
    fields += journal_or_book(r, "journal", "bookTitle", esc)
    fields += [("year", str(r.year) if r.year else None), ("publisher", pub), ("address", place),
               ("month", MONTH_NAMES[r.month - 1] if r.month else None),
               ("day", f"{r.day:02d}" if r.day else None), ("volume", r.volume), ("number", r.issue),
               ("pages", pages(r)), ("abstract", esc(r.abstract) if r.abstract else None),
               ("issn", r.issn), ("isbn", r.isbn), ("doi", r.doi),
               ("url", f"https://doi.org/{r.doi}" if r.doi else r.url)]
    st = Style(indent="", eq="=", open='"', close='"', cap_type=True)
    data = emit(keybase(r), etype, fields, st)
    exp, lossy = expect(r, etype, date="day", keywords=False, url=f"https://doi.org/{r.doi}" if r.doi else (r.url or ""))
    return Rendering("springer", data, False, etype, exp, lossy)


def ads(r: Rec) -> Rendering:
    """NASA ADS: @ARTICLE with a bibcode key, field names right-aligned to 13, {Family}, G. names,
    title as "{...}", bare year, month macro, eid, adsurl/adsnote, {\\"o} accents."""
    esc = lambda s: latex(s, "braced")
    etype = {"chapter": "inbook"}.get(r.type, BIBTEX_TYPE.get(r.type, "misc"))

    def nm(n: Name) -> str:
        if n.literal:
            return "{" + esc(n.literal) + "}"
        fam = "{" + (esc(n.particle) + " " if n.particle else "") + esc(n.family) + "}"
        return f"{fam}, {esc(n.suffix)}, {n.initials()}" if n.suffix else f"{fam}, {n.initials()}"
    fields = [("author", names_field(r.authors, nm)), ("title", '"{' + rich(r.title, esc, False) + '}"')]
    fields += journal_or_book(r, "journal", "booktitle", esc)
    pub, place = place_fields(r)
    fields += [("keywords", kwsep(r, ", ", esc)), ("year", str(r.year) if r.year else None),
               ("month", MONTHS[r.month - 1] if r.month else None), ("volume", r.volume), ("number", r.issue),
               ("pages", pages(r, "-")), ("publisher", esc(pub) if pub else None),
               ("doi", r.doi), ("adsurl", f"https://ui.adsabs.harvard.edu/abs/{r.year}xxx"),
               ("adsnote", "Provided by the SAO/NASA Astrophysics Data System")]
    st = Style(indent="", align=-13, upper_type=True)
    data = emit(f"{r.year}xxx..{r.volume or 0}..1X", etype, fields, st, bare={"title", "year", "month"})
    exp, lossy = expect(r, etype, authors="initials", isbn=False, issn=False, abstract=False, place=False)
    return Rendering("ads", data, False, etype, exp, lossy)


def texmed(r: Rec) -> Rendering:
    """TexMed (PubMed -> BibTeX): key pmidNNN, 3-space indent, Capitalised field names, quoted values,
    'Family, F. M. ' initials with a trailing space, every capital braced, MEDLINE journal abbreviation,
    short month name."""
    esc = lambda s: latex(s, "braced")
    etype = BIBTEX_TYPE.get(r.type, "misc")
    fields = [("Author", " and ".join(last_first(n, esc, n.initials()) + " " for n in r.authors) or None),
              ("Title", "{" + rich(r.title, lambda s: every_cap(esc(s)), False) + "}")]
    if r.is_journal:
        fields.append(("Journal", r.journal_abbr))
    fields += [("Year", str(r.year) if r.year else None), ("Volume", r.volume), ("Number", r.issue),
               ("Pages", pages(r)), ("Month", MONTH_NAMES[r.month - 1][:3] if r.month else None)]
    st = Style(indent="   ", eq="=", open='"', close='"', cap_type=True)
    data = emit(f"pmid{r.pmid or '0'}", etype, fields, st)
    exp, lossy = expect(r, etype, authors="initials", journal="abbr" if r.is_journal else False, doi=False,
                        isbn=False, issn=False, publisher=False, place=False, abstract=False, keywords=False,
                        editors=False)
    return Rendering("texmed", data, False, etype, exp, lossy)


DIALECTS: dict[str, Callable[[Rec], Rendering]] = {
    "dblp": dblp, "acm": acm, "ieee": ieee, "scholar": scholar, "zotero-bibtex": zotero_bibtex,
    "zotero-biblatex": zotero_biblatex, "bbt-bibtex": bbt_bibtex, "bbt-biblatex": bbt_biblatex,
    "jabref": jabref, "mendeley": mendeley, "bibdesk": bibdesk, "crossref": crossref, "arxiv": arxiv,
    "sciencedirect": sciencedirect, "springer": springer, "ads": ads, "texmed": texmed,
}


def render(item: dict, dialect: str) -> Rendering:
    return DIALECTS[dialect](Rec.of(item))
