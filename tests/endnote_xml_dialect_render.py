"""Write CSL items as EndNote XML the way real exporters do (a blind, differential test aid).

All EndNote XML writers share EndNote's element vocabulary (``<record>``, ``<ref-type>``,
``<contributors>``, ``<titles>``, ``<dates>``, ``<urls>``...); they differ in how they wrap text
(EndNote's ``<style face= font= size=>`` runs, several runs where the title has italics),
layout (EndNote's one long line vs pretty-printed with spaces or tabs, CRLF, BOM), header
(``<database>``, ``<source-app>``, ``<rec-number>``, ``<foreign-keys>``), name order, date form
(``<year>`` plus ``<pub-dates><date>`` as ``Feb 12``, ``2015/02/12`` or ISO), keyword
separators, page dashes, where the ISSN goes (``<isbn>``, with EndNote's PubMed import writing
``0028-0836 (Print)`` lines), PMIDs (``<accession-num>`` with a PubMed / MEDLINE database),
abstract paragraph breaks (``&#xD;``, newlines, none) and escaping.  One generic writer is driven
by a :class:`Dialect` per tool; each dialect also says what it carries, so the test compares only
what a real file of that kind could give back.

Written from what those tools produce, not from citeport's reader.  Zotero has no EndNote XML
export (only import), so there is no Zotero dialect.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from citeport.model.dates import first_parts
from citeport.model.names import initials
from citeport.model.text import clean, strip_markup

Item = dict
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

#: CSL type -> (EndNote ref-type name, number).
REF_TYPES = {
    "article-journal": ("Journal Article", 17), "article": ("Journal Article", 17),
    "book": ("Book", 6), "chapter": ("Book Section", 5), "paper-conference": ("Conference Proceedings", 10),
    "thesis": ("Thesis", 32), "report": ("Report", 27), "webpage": ("Web Page", 12),
    "dataset": ("Dataset", 59), "article-magazine": ("Magazine Article", 19),
    "article-newspaper": ("Newspaper Article", 23),
}
GENERIC = ("Generic", 13)
#: What an EndNote ref-type means as a CSL type (for building expectations).
REF_MEANS = {
    "Journal Article": "article-journal", "Book": "book", "Book Section": "chapter",
    "Conference Proceedings": "paper-conference", "Conference Paper": "paper-conference", "Thesis": "thesis",
    "Report": "report", "Web Page": "webpage", "Dataset": "dataset", "Magazine Article": "article-magazine",
    "Newspaper Article": "article-newspaper", "Generic": "document", "Edited Book": "book",
}
#: Types whose CSL container-title EndNote XML carries in <secondary-title>.
CONTAINER_TYPES = {"article-journal", "article", "chapter", "paper-conference"}
#: Types whose <isbn> holds an ISBN (else an ISSN).
BOOKISH = {"book", "chapter", "paper-conference", "thesis", "report"}

#: CSL rich text tag -> EndNote style face.
FACES = {"i": "italic", "b": "bold", "sup": "superscript", "sub": "subscript"}


# --- pieces of an item ---------------------------------------------------------------

def family_full(n: dict) -> str:
    return " ".join(p for p in (n.get("non-dropping-particle"), n.get("family")) if p)


def given_full(n: dict) -> str:
    return " ".join(p for p in (n.get("given"), n.get("dropping-particle")) if p)


def paragraphs(item: Item) -> list[str]:
    return [clean(strip_markup(p)) for p in (item.get("abstract") or "").split("\n") if p.strip()]


def keywords(item: Item) -> list[str]:
    return [k.strip() for k in re.split(r"[;\n]", item.get("keyword") or "") if k.strip()]


def issn_lines(item: Item) -> list[tuple[str, str]]:
    """[(issn, kind)] with the kind PubMed gives it ('Print', 'Electronic', 'Linking') or ''."""
    kinds = (item.get("custom") or {}).get("issn") or {}
    out = [(v, k.capitalize()) for k, v in kinds.items() if v and k in ("print", "electronic", "linking")]
    if out:
        out.sort(key=lambda p: ["Print", "Electronic", "Linking"].index(p[1]))
        return out
    raw = item.get("ISSN") or ""
    vals = raw if isinstance(raw, list) else re.split(r"[,;\s]+", raw)
    return [(v, "") for v in vals if v]


def isbn(item: Item) -> str:
    raw = item.get("ISBN") or ""
    return (raw[0] if isinstance(raw, list) else raw.split(" ")[0]).strip()


def names(item: Item, key: str = "author") -> list[dict]:
    return [n for n in item.get(key) or [] if n.get("literal") or n.get("family")]


def inverted(n: dict, corp_comma: bool) -> str:
    """'Family, Given, Suffix'; EndNote ends a corporate name with ',' so it stays whole."""
    if n.get("literal"):
        return n["literal"] + ("," if corp_comma else "")
    parts = [family_full(n)] + ([given_full(n)] if given_full(n) else []) + ([n["suffix"]] if n.get("suffix") else [])
    return ", ".join(parts)


def given_first(n: dict, corp_comma: bool) -> str:
    """'Given Family Suffix' (Papers)."""
    if n.get("literal"):
        return n["literal"] + ("," if corp_comma else "")
    return " ".join(p for p in (given_full(n), family_full(n), n.get("suffix")) if p)


def inverted_initials(n: dict, corp_comma: bool) -> str:
    """RefWorks: 'Family, J. A.'."""
    if n.get("literal"):
        return n["literal"] + ("," if corp_comma else "")
    ini = " ".join(f"{c}." for c in initials(given_full(n)).replace("-", ""))
    return ", ".join(p for p in (family_full(n), ini, n.get("suffix")) if p)


def date_text(parts: list[int], form: str) -> str:
    """The <pub-dates><date> text (beyond the year) in the tool's form."""
    if len(parts) < 2:
        return ""
    y, m, d = (parts + [0, 0])[:3]
    if form == "month":          # EndNote from PubMed: 'Feb 12' / 'Feb'
        return f"{MONTHS[m - 1]} {d}" if d else MONTHS[m - 1]
    if form == "slash":          # EndNote from RIS / RefWorks: '2015/02/12' / '2015/02//'
        return f"{y}/{m:02d}/{d:02d}" if d else f"{y}/{m:02d}//"
    if form == "iso":            # Papers, Citavi
        return f"{y}-{m:02d}-{d:02d}" if d else f"{y}-{m:02d}"
    return ""


# --- dialects --------------------------------------------------------------------------

@dataclass
class Dialect:
    name: str
    carries: frozenset
    styles: str = "none"           # "none" | "wrap" (one run) | "split" (runs per markup)
    font: str = 'face="normal" font="default" size="100%"'
    indent: str | None = None      # None: one line (EndNote); else pretty-printed with this indent
    newline: str = "\n"
    bom: bool = False
    header: str = ""               # source app name for <source-app>; '' writes none
    database: bool = False         # EndNote's <database name= path=> and <foreign-keys>
    name_form: str = "inverted"    # inverted | given-first | initials
    corp_comma: bool = True
    kw: str = "each"               # each | "; " (joined in one <keyword>) | "\r" (one keyword, CR lines)
    dash: str = "-"
    date: str = "month"            # form of <pub-dates><date>; "" writes the year only
    urls: str = "related-urls"
    issn_kinds: bool = False       # '1476-4687 (Electronic)&#xD;0028-0836 (Linking)'
    pmid_db: tuple = ()            # (remote-database-name, provider) written with the PMID accession-num
    para: str = "&#xD;"            # abstract paragraph separator as written in the file
    ascii: bool = False            # non-ASCII as numeric character references
    empty: tuple = ()              # elements the tool writes empty
    doi_prefix: str = ""           # 'https://doi.org/' where the tool writes the DOI as a link
    type_names: bool = True        # False: <ref-type>17</ref-type> with no name attribute
    ref_types: dict = field(default_factory=dict)  # CSL type -> (name, number) overrides
    reasons: dict = field(default_factory=dict)

    @property
    def precision(self) -> int:
        return 3 if self.date else 1

    @property
    def keeps_paragraphs(self) -> bool:
        return self.para not in (" ",)

    def ref_type(self, item: Item) -> tuple[str, int]:
        typ = item.get("type", "")
        return self.ref_types.get(typ) or REF_TYPES.get(typ, GENERIC)

    def expected_type(self, item: Item) -> str:
        return REF_MEANS[self.ref_type(item)[0]]


ALL = frozenset(("type", "title", "author", "container-title", "issued", "volume", "issue", "page", "DOI",
                 "ISBN", "ISSN", "publisher", "publisher-place", "abstract", "keyword", "URL", "PMID"))
NO_PMID = {"PMID": "this tool writes no PubMed ID into EndNote XML"}

DIALECTS: dict[str, Dialect] = {d.name: d for d in [
    Dialect("EndNoteX7", ALL, styles="wrap", font='face="normal" font="default" size="12"', header="EndNote",
            database=True, pmid_db=("PubMed", "NLM"), issn_kinds=True, date="month"),
    Dialect("EndNoteX9", ALL, styles="wrap", header="EndNote", database=True, bom=True,
            pmid_db=("PubMed", "NLM"), issn_kinds=True, date="slash"),
    Dialect("EndNote20", ALL, styles="split", header="EndNote", database=True, dash="\u2013",
            pmid_db=("Ovid MEDLINE(R)", "Ovid Technologies"), date="month", kw="\r"),
    Dialect("EndNote21", ALL, styles="split", font='face="normal" font="default" charset="238" size="100%"',
            header="EndNote", database=True, bom=True, newline="\r\n", pmid_db=("PubMed", "NLM"),
            issn_kinds=True, date="month", doi_prefix="https://doi.org/",
            ref_types={"paper-conference": ("Conference Paper", 47)}),
    Dialect("Mendeley", ALL - {"PMID"}, styles="wrap", indent="\t", header="Mendeley", urls="web-urls",
            date="", para="\n", empty=("number",), reasons=NO_PMID),
    Dialect("JabRef", ALL - {"PMID"}, indent="  ", header="JabRef", date="iso", para="\n", reasons=NO_PMID),
    Dialect("Citavi", ALL - {"PMID"}, indent="  ", header="Citavi", bom=True, newline="\r\n", date="iso",
            para="\r\n", corp_comma=False, empty=("edition", "number"), reasons=NO_PMID),
    Dialect("RefWorks", ALL - {"PMID"}, header="RefWorks", name_form="initials", kw="; ", date="slash",
            para=" ", ascii=True, dash="-", type_names=False, reasons=NO_PMID | {"author": "initials only"}),
    Dialect("Papers", ALL - {"PMID"}, indent="    ", header="Papers", name_form="given-first",
            corp_comma=False, date="iso", para="\n\n", kw="each", reasons=NO_PMID),
]}


# --- the writer ---------------------------------------------------------------------

Node = tuple  # (tag, attrs: str, children: list[Node] | str raw-xml text)


def _esc(text: str, d: Dialect) -> str:
    out = escape(text)
    if d.ascii:
        out = out.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return out


def _runs(rich: str, d: Dialect) -> str:
    """Raw XML for a text value: plain, one <style> run, or one run per markup span."""
    if d.styles == "none":
        return _esc(clean(strip_markup(rich)), d)
    if d.styles == "wrap":
        return f'<style {d.font}>{_esc(clean(strip_markup(rich)), d)}</style>'
    out, face = [], "normal"
    for piece in re.split(r"(</?(?:i|b|sup|sub)>|<span[^>]*>|</span>)", clean(rich)):
        if not piece:
            continue
        m = re.fullmatch(r"<(/?)(i|b|sup|sub)>", piece)
        if m:
            face = "normal" if m.group(1) else FACES[m.group(2)]
        elif not piece.startswith("<"):
            font = d.font.replace('face="normal"', f'face="{face}"')
            out.append(f"<style {font}>{_esc(piece, d)}</style>")
    return "".join(out)


def _leaf(tag: str, value: str, d: Dialect, styled: bool = True) -> Node:
    return (tag, "", _runs(value, d) if styled else _esc(value, d))


def _person(n: dict, d: Dialect) -> str:
    form = {"inverted": inverted, "given-first": given_first, "initials": inverted_initials}[d.name_form]
    return form(n, d.corp_comma)


def _abstract(item: Item, d: Dialect) -> str:
    paras = paragraphs(item)
    sep = d.para if d.para == "&#xD;" else _esc(d.para, d)
    body = sep.join(_esc(p, d) for p in paras)
    return f"<style {d.font}>{body}</style>" if d.styles != "none" else body


def record(item: Item, d: Dialect, number: int) -> Node:
    """One <record> as the dialect writes it."""
    typ = item.get("type", "")
    kids: list[Node] = []
    if d.database:
        kids.append(("database", ' name="My EndNote Library.enl" path="C:\\Users\\me\\Documents\\My EndNote '
                     'Library.enl"', "My EndNote Library.enl"))
    if d.header:
        kids.append(("source-app", f' name="{d.header}" version="{"20.2" if d.database else "1.0"}"', d.header))
    kids.append(("rec-number", "", str(number)))
    if d.database:
        kids.append(("foreign-keys", "", [("key", ' app="EN" db-id="ftsw0fpx2wa5d2e9tdvp5eaqswwvd0df2szz" '
                                                  f'timestamp="{1600000000 + number}"', str(number))]))
    ref_name, ref_num = d.ref_type(item)
    kids.append(("ref-type", f' name="{ref_name}"' if d.type_names else "", str(ref_num)))
    contrib: list[Node] = []
    for tag, key in (("authors", "author"), ("secondary-authors", "editor")):
        people = [("author", "", _runs(_person(n, d), d)) for n in names(item, key)]
        if people:
            contrib.append((tag, "", people))
    if contrib:
        kids.append(("contributors", "", contrib))
    titles: list[Node] = [_leaf("title", item.get("title", ""), d)]
    container = item.get("container-title") if typ in CONTAINER_TYPES else item.get("collection-title")
    if container:
        titles.append(_leaf("secondary-title", container, d))
    if item.get("container-title-short") and typ in ("article-journal", "article"):
        titles.append(_leaf("alt-title", item["container-title-short"], d))
    kids.append(("titles", "", titles))
    if typ in ("article-journal", "article") and item.get("container-title"):
        per = [_leaf("full-title", item["container-title"], d)]
        if item.get("container-title-short"):
            per.append(_leaf("abbr-1", item["container-title-short"], d))
        kids.append(("periodical", "", per))
    if item.get("page"):
        kids.append(_leaf("pages", item["page"].replace("-", d.dash), d))
    for tag, key in (("volume", "volume"), ("number", "issue"), ("edition", "edition")):
        if item.get(key):
            kids.append(_leaf(tag, str(item[key]), d))
        elif tag in d.empty:
            kids.append((tag, "", ""))
    kws = keywords(item)
    if kws:
        if d.kw == "each":
            kids.append(("keywords", "", [_leaf("keyword", k, d) for k in kws]))
        else:
            sep = "&#xD;" if d.kw == "\r" else d.kw
            body = sep.join(_esc(k, d) for k in kws)
            kids.append(("keywords", "", [("keyword", "", f"<style {d.font}>{body}</style>"
                                           if d.styles != "none" else body)]))
    parts = first_parts(item.get("issued")) if item.get("issued") else []
    if parts:
        dates: list[Node] = [_leaf("year", str(parts[0]), d)]
        when = date_text(parts, d.date)
        if when:
            dates.append(("pub-dates", "", [_leaf("date", when, d)]))
        kids.append(("dates", "", dates))
    if item.get("publisher-place"):
        kids.append(_leaf("pub-location", item["publisher-place"], d))
    if item.get("publisher"):
        kids.append(_leaf("publisher", item["publisher"], d))
    if typ in BOOKISH and isbn(item):
        kids.append(_leaf("isbn", isbn(item), d))
    elif typ not in BOOKISH and issn_lines(item):
        lines = issn_lines(item) if d.issn_kinds else issn_lines(item)[:1]
        body = "&#xD;".join(_esc(f"{v} ({k})" if d.issn_kinds and k else v, d) for v, k in lines)
        kids.append(("isbn", "", f"<style {d.font}>{body}</style>" if d.styles != "none" else body))
    if item.get("PMID") and "PMID" in d.carries:
        kids.append(_leaf("accession-num", item["PMID"], d))
    if item.get("DOI"):
        kids.append(_leaf("electronic-resource-num", d.doi_prefix + item["DOI"], d))
    if item.get("abstract"):
        kids.append(("abstract", "", _abstract(item, d)))
    if typ == "thesis" and item.get("genre"):
        kids.append(_leaf("work-type", item["genre"], d))
    if item.get("URL"):
        kids.append(("urls", "", [(d.urls, "", [_leaf("url", item["URL"], d)])]))
    if item.get("PMCID") and d.database:
        kids.append(_leaf("custom2", item["PMCID"], d))
    if item.get("PMID") and d.pmid_db and "PMID" in d.carries:
        kids.append(_leaf("remote-database-name", d.pmid_db[0], d))
        kids.append(_leaf("remote-database-provider", d.pmid_db[1], d))
    if item.get("language"):
        kids.append(_leaf("language", item["language"], d))
    return ("record", "", kids)


def _serialise(node: Node, d: Dialect, depth: int, out: list[str]) -> None:
    tag, attrs, body = node
    pad = "" if d.indent is None else d.newline + d.indent * depth
    if isinstance(body, str):
        out.append(f"{pad}<{tag}{attrs}/>" if not body and d.indent is not None else
                   f"{pad}<{tag}{attrs}>{body}</{tag}>")
        return
    out.append(f"{pad}<{tag}{attrs}>")
    for child in body:
        _serialise(child, d, depth + 1, out)
    out.append(f"{pad}</{tag}>")


def render(items: list[Item], d: Dialect) -> bytes:
    """The bytes of an EndNote XML file holding *items* as tool *d* writes it."""
    root: Node = ("xml", "", [("records", "", [record(it, d, i + 1) for i, it in enumerate(items)])])
    out: list[str] = []
    _serialise(root, d, 0, out)
    decl = '<?xml version="1.0" encoding="UTF-8" ?>' if d.database else '<?xml version="1.0" encoding="UTF-8"?>'
    body = "".join(out).lstrip("\r\n")
    text = decl + (d.newline if d.indent is not None else "") + body + d.newline
    # literal CR/LF inside values (Citavi's CRLF paragraphs) follow the file's newline convention
    if d.newline == "\r\n":
        text = re.sub(r"(?<!\r)\n", "\r\n", text)
    return (b"\xef\xbb\xbf" if d.bom else b"") + text.encode("utf-8")
