"""Write CSL items as RIS the way real exporters do (a blind, differential test aid).

Each dialect imitates one tool's RIS download as it is seen in the wild: its tag
choice (T1/TI, JO/JF/T2, N2/AB, Y1/PY/DA), name order (inverted, MEDLINE short,
Embase initials, IEEE given-first), date and page forms, identifier places
(Scopus C2 PubMed ID, PubMed ``U1 - 123[pmid]``, Atypon ``M3 - doi: ...``, Wiley
``DO - https://doi.org/...``), keyword separators, abstracts with paragraphs as
untagged continuation lines, wrapped lines, header blocks, BOMs and CRLF.

Written from what those tools produce, not from citeport's reader.  ``DIALECTS``
also says what each dialect can carry (``carries``) and how precisely (names as
initials, dates to the year, case lost), so the test compares only what a real
file of that kind could give back.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from citeport.model.dates import first_parts
from citeport.model.names import initials
from citeport.model.text import clean, strip_markup

Item = dict
Lines = list[tuple[str, str]]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

#: CSL type -> RIS TY most exporters write (tools differ in a few rows, below).
COMMON_TY = {
    "article-journal": "JOUR", "article": "JOUR", "book": "BOOK", "chapter": "CHAP",
    "paper-conference": "CONF", "thesis": "THES", "report": "RPRT", "webpage": "ELEC",
    "dataset": "DATA", "article-magazine": "MGZN", "article-newspaper": "NEWS",
}
#: What a TY gives back as a CSL type (RIS's meaning, for building expectations).
TY_MEANS = {
    "JOUR": "article-journal", "BOOK": "book", "CHAP": "chapter", "CONF": "paper-conference",
    "CPAPER": "paper-conference", "THES": "thesis", "RPRT": "report", "ELEC": "webpage",
    "DATA": "dataset", "MGZN": "article-magazine", "NEWS": "article-newspaper", "GEN": "document",
    "EBOOK": "book", "ECHAP": "chapter", "ICOMM": "webpage", "INPR": "article-journal",
}


# --- pieces of an item ---------------------------------------------------------------

def title(item: Item) -> str:
    return clean(strip_markup(item.get("title", "")))


def family_full(n: dict) -> str:
    return " ".join(p for p in (n.get("non-dropping-particle"), n.get("family")) if p)


def given_full(n: dict) -> str:
    return " ".join(p for p in (n.get("given"), n.get("dropping-particle")) if p)


def year_month_day(item: Item, key: str = "issued") -> list[int]:
    return first_parts(item.get(key)) if item.get(key) else []


def pages(item: Item) -> tuple[str, str, str]:
    """(first, last, article-number): an e-locator such as 'e0123' is an article number."""
    page = (item.get("page") or "").replace("\u2013", "-").strip()
    if not page:
        return "", "", ""
    if "-" in page:
        first, last = page.split("-", 1)
        return first.strip(), last.strip(), ""
    if re.fullmatch(r"\d{1,5}", page):
        return page, "", ""
    return "", "", page


def expand_last(first: str, last: str) -> str:
    """'1021', '9' -> '1029' (MEDLINE abbreviation undone)."""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        return first[: len(first) - len(last)] + last
    return last


def abbreviate_last(first: str, last: str) -> str:
    """'1021', '1029' -> '9' as MEDLINE writes page ranges."""
    if first.isdigit() and last.isdigit() and len(first) == len(last):
        i = 0
        while i < len(first) - 1 and first[i] == last[i]:
            i += 1
        return last[i:]
    return last


def paragraphs(item: Item) -> list[str]:
    return [clean(strip_markup(p)) for p in (item.get("abstract") or "").split("\n") if p.strip()]


def keywords(item: Item) -> list[str]:
    return [k.strip() for k in re.split(r"[;\n]", item.get("keyword") or "") if k.strip()]


def issns(item: Item) -> list[str]:
    raw = item.get("ISSN") or ""
    vals = raw if isinstance(raw, list) else re.split(r"[,;\s]+", raw)
    return [v for v in vals if v]


def isbn(item: Item) -> str:
    raw = item.get("ISBN") or ""
    return (raw[0] if isinstance(raw, list) else raw.split(" ")[0]).strip()


def bare(issn: str) -> str:
    return issn.replace("-", "")


def names(item: Item, key: str = "author") -> list[dict]:
    return [n for n in item.get(key) or [] if n.get("literal") or n.get("family")]


# --- name styles -----------------------------------------------------------------------

def inverted(n: dict, corp_comma: bool = False) -> str:
    """'Family, Given, Suffix'; EndNote ends a corporate name with ',' so it stays whole."""
    if n.get("literal"):
        return n["literal"] + ("," if corp_comma else "")
    parts = [family_full(n)]
    if given_full(n):
        parts.append(given_full(n))
    if n.get("suffix"):
        parts.append(n["suffix"])
    return ", ".join(parts)


def inverted_initials(n: dict, space: str = "") -> str:
    """Scopus: 'Family, J.A., Jr.'."""
    if n.get("literal"):
        return n["literal"]
    ini = initials(given_full(n), dots=True).replace(".", "." + space).strip()
    parts = [family_full(n)] + ([ini] if ini else []) + ([n["suffix"]] if n.get("suffix") else [])
    return ", ".join(parts)


def medline_short(n: dict) -> str:
    """PubMed: 'Family JA Jr' (no comma, initials without dots)."""
    if n.get("literal"):
        return n["literal"]
    ini = initials(given_full(n)).replace("-", "")
    suffix = (n.get("suffix") or "").rstrip(".")
    return " ".join(p for p in (family_full(n), ini, suffix) if p)


def embase(n: dict) -> str:
    """Ovid Embase: 'Family J.A.' (no comma, dotted initials run together)."""
    if n.get("literal"):
        return n["literal"]
    ini = initials(given_full(n), dots=True).replace("-", "")
    return " ".join(p for p in (family_full(n), ini) if p)


def given_first_initials(n: dict) -> str:
    """IEEE Xplore: 'J. A. Family Jr.'."""
    if n.get("literal"):
        return n["literal"]
    ini = " ".join(f"{c}." for c in initials(given_full(n)).replace("-", ""))
    return " ".join(p for p in (ini, family_full(n), n.get("suffix")) if p)


# --- dialects --------------------------------------------------------------------------

@dataclass
class Dialect:
    name: str
    build: Callable[[Item], Lines]
    carries: frozenset
    given: str = "full"            # "full" | "initials"
    suffix: bool = True            # False: name suffixes (Jr) are not written
    date: int = 3                  # date parts carried (1 = year only)
    container_case: bool = True    # False: journal written in capitals
    keeps_paragraphs: bool = False
    crlf: bool = False
    bom: bool = False
    header: str = ""
    sort_tags: bool = False
    wrap: int = 0                  # wrap long values at this width (continuation indented)
    empty: tuple = ()              # tags this tool writes with nothing after the dash
    entities: bool = False         # non-ASCII and '&' in title/abstract as HTML entities
    ty: dict = field(default_factory=dict)   # CSL type -> TY overrides
    reasons: dict = field(default_factory=dict)  # field -> why this dialect cannot carry it

    def type_tag(self, item: Item) -> str:
        csl = item.get("type", "document")
        return self.ty.get(csl) or COMMON_TY.get(csl) or "GEN"

    def expected_type(self, item: Item) -> str:
        return TY_MEANS.get(self.type_tag(item), "document")


ALL = frozenset((
    "type", "title", "author", "container-title", "issued", "volume", "issue", "page", "DOI", "ISBN",
    "ISSN", "publisher", "publisher-place", "abstract", "keyword", "URL", "PMID",
))


def _date_slash(parts: list[int], trailing: bool = False, keep_empty: bool = False) -> str:
    """'2019/02/15' (RIS spec form); keep_empty -> '2019/02//'; trailing adds the final '/'."""
    bits = [f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:3]]
    if keep_empty:
        bits += [""] * (3 - len(bits))
        return "/".join(bits) + "/"
    return "/".join(bits) + ("/" if trailing else "")


def _is_container_type(item: Item) -> bool:
    return item.get("type") in ("chapter", "paper-conference")


def endnote(item: Item) -> Lines:
    """EndNote X9/20 'RefMan (RIS) Export': tags alphabetical, SP holds the whole range."""
    out: Lines = [("TY", ENDNOTE.type_tag(item))]
    if item.get("abstract"):
        out.append(("AB", "\n".join(paragraphs(item))))
    if item.get("PMID"):
        out += [("AN", item["PMID"])]
    out += [("AU", inverted(n, corp_comma=True)) for n in names(item)]
    out += [("A2", inverted(n, corp_comma=True)) for n in names(item, "editor")]
    if item.get("PMCID"):
        out.append(("C2", item["PMCID"]))
    first, last, artno = pages(item)
    if artno:
        out.append(("C7", artno))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    ymd = year_month_day(item)
    if len(ymd) > 1:
        out.append(("DA", _date_slash(ymd)))
    if item.get("PMID"):
        out += [("DB", "PubMed"), ("DP", "NLM")]
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    if item.get("container-title-short"):
        out.append(("J2", item["container-title-short"]))
    out += [("KW", k) for k in keywords(item)]
    if item.get("type") == "thesis" and item.get("genre"):
        out.append(("M3", item["genre"]))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    if ymd:
        out.append(("PY", str(ymd[0])))
    sn = [isbn(item)] if isbn(item) else [f"{s} ({k})" for s, k in zip(issns(item), ("Print", "Electronic", "Linking"))]
    if sn:
        out.append(("SN", "\n".join(sn)))  # EndNote keeps several on untagged lines
    if first:
        out.append(("SP", f"{first}-{last}" if last else first))
    if item.get("container-title"):
        out.append(("T2", item["container-title"]))
    out.append(("TI", title(item)))
    if item.get("URL"):
        out.append(("UR", item["URL"]))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    return out


def zotero(item: Item) -> Lines:
    """Zotero's RIS translator: TI/T2, SP and EP, PY plus DA 'YYYY/MM/DD/', LA, KW per line."""
    out: Lines = [("TY", ZOTERO.type_tag(item)), ("TI", item.get("title", ""))]  # Zotero keeps <i> markup
    out += [("AU", inverted(n)) for n in names(item)]
    out += [("A2", inverted(n)) for n in names(item, "editor")]
    if item.get("container-title"):
        out.append(("T2", item["container-title"]))
    if item.get("abstract"):
        out.append(("AB", "\n".join(paragraphs(item))))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    ymd = year_month_day(item)
    if ymd:
        out.append(("DA", _date_slash(ymd, trailing=True)))
    if item.get("type") == "thesis" and item.get("genre"):
        out.append(("M3", item["genre"]))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    if ymd:
        out.append(("PY", str(ymd[0])))
    first, last, artno = pages(item)
    if first:
        out.append(("SP", first))
    if last:
        out.append(("EP", last))
    if artno:
        out.append(("SP", artno))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    sn = isbn(item) or ", ".join(issns(item))
    if sn:
        out.append(("SN", sn))
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    if item.get("URL"):
        out.append(("UR", item["URL"]))
    if item.get("container-title-short"):
        out.append(("J2", item["container-title-short"]))
    if item.get("language"):
        out.append(("LA", item["language"]))
    if item.get("PMID"):
        out.append(("DB", "PubMed"))
    out += [("KW", k) for k in keywords(item)]
    return out


def mendeley(item: Item) -> Lines:
    """Mendeley Desktop: JF journal, full names, SP/EP, ID citation key, sorted tags, LF."""
    out: Lines = [("TY", MENDELEY.type_tag(item))]
    if item.get("abstract"):
        out.append(("AB", "\n".join(paragraphs(item))))
    out += [("AU", inverted(n)) for n in names(item)]
    if item.get("container-title") and _is_container_type(item):
        out.append(("BT", item["container-title"]))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    out += [("ED", inverted(n)) for n in names(item, "editor")]
    first, last, artno = pages(item)
    if last:
        out.append(("EP", last))
    out.append(("ID", item.get("id", "").split(":")[-1]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    if item.get("container-title") and not _is_container_type(item):
        out.append(("JF", item["container-title"]))
    out += [("KW", k) for k in keywords(item)]
    if item.get("PMID"):
        out.append(("N1", f"PMID: {item['PMID']}"))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    ymd = year_month_day(item)
    if ymd:
        out.append(("PY", str(ymd[0])))
    sn = isbn(item) or (issns(item) or [""])[0]
    if sn:
        out.append(("SN", sn))
    if first or artno:
        out.append(("SP", first or artno))
    out.append(("TI", title(item)))
    if item.get("URL"):
        out.append(("UR", item["URL"]))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    return out


def volume_issue_pages(item: Item) -> Lines:
    """VL, IS, SP/EP and a C7 article number, as Web of Science and Scopus write them."""
    first, last, artno = pages(item)
    return [(tag, value) for tag, value in (("VL", item.get("volume")), ("IS", item.get("issue")),
                                            ("SP", first), ("EP", last), ("C7", artno)) if value]


def wos(item: Item) -> Lines:
    """Web of Science 'RIS' export: T2 in capitals, M3 document type, PU/PI, C7 article number, AN WOS:."""
    out: Lines = [("TY", WOS.type_tag(item))]
    out += [("AU", inverted(n)) for n in names(item)]
    out.append(("TI", title(item)))
    if item.get("container-title"):
        out.append(("T2", item["container-title"].upper()))
    out.append(("M3", {"article-journal": "Article", "paper-conference": "Proceedings Paper",
                       "book": "Book", "chapter": "Book Chapter"}.get(item.get("type"), "Article")))
    if item.get("abstract"):
        out.append(("AB", " ".join(paragraphs(item))))
    if item.get("publisher"):
        out.append(("PU", item["publisher"].upper()))
    if item.get("publisher-place"):
        out.append(("PI", item["publisher-place"].upper()))
    out += [("SN", s) for s in issns(item)]
    if isbn(item):
        out.append(("SN", isbn(item)))
    if item.get("container-title-short"):
        out.append(("J9", item["container-title-short"].upper()))
        out.append(("JI", item["container-title-short"]))
    ymd = year_month_day(item)
    if len(ymd) > 1:
        out.append(("DA", MONTHS[ymd[1] - 1].upper() + (f" {ymd[2]}" if len(ymd) > 2 else "")))
    if ymd:
        out.append(("PY", str(ymd[0])))
    out += volume_issue_pages(item)
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    out.append(("AN", "WOS:000123456700001"))
    out.append(("Y2", "2023-01-12"))
    # WoS writes author keywords on one KW line, '; '-separated
    if keywords(item):
        out.append(("KW", "; ".join(keywords(item))))
    return out


def scopus(item: Item) -> Lines:
    """Scopus: 'Family, J.A.' names, ISSN without hyphen, C2 PubMed ID, C7 article number, N1 notes."""
    out: Lines = [("TY", SCOPUS.type_tag(item))]
    out += [("AU", inverted_initials(n)) for n in names(item)]
    out += [("A2", inverted_initials(n)) for n in names(item, "editor")]
    out.append(("TI", title(item)))
    if item.get("container-title"):
        out.append(("T2", item["container-title"]))
    if item.get("container-title-short"):
        out.append(("J2", item["container-title-short"]))
    ymd = year_month_day(item)
    if ymd:
        out.append(("PY", str(ymd[0])))
    out += volume_issue_pages(item)
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    out.append(("UR", "https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000000&doi="
                + (item.get("DOI") or "") + "&partnerID=40&md5=0123456789abcdef"))
    if item.get("abstract"):
        out.append(("AB", " ".join(paragraphs(item))))
    out += [("KW", k) for k in keywords(item)]
    out.append(("N1", "Cited By :12; Export Date: 12 January 2023; Correspondence Address: x@y.org"))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    if isbn(item):
        out.append(("SN", isbn(item).replace("-", "")))
    out += [("SN", bare(s)) for s in issns(item)[:1]]
    if item.get("PMID"):
        out.append(("C2", item["PMID"]))
    out.append(("LA", "English"))
    out.append(("M3", "Article"))
    out.append(("DB", "Scopus"))
    return out


def pubmed(item: Item) -> Lines:
    """PubMed-derived RIS: MEDLINE short names, 'Title.' with the period, Y1 'YYYY/MM/DD',
    pages abbreviated '1021-9', M3 DOI, ``U1 - 123[pmid]``."""
    out: Lines = [("TY", PUBMED.type_tag(item))]
    out += [("AU", medline_short(n)) for n in names(item)]
    t = title(item)
    out.append(("T1", t if t.endswith((".", "?", "!")) else t + "."))
    if item.get("container-title-short") or item.get("container-title"):
        out.append(("JO", item.get("container-title-short") or item["container-title"]))
    if item.get("container-title"):
        out.append(("JF", item["container-title"]))
    ymd = year_month_day(item)
    if ymd:
        out.append(("Y1", _date_slash(ymd, keep_empty=True)))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    first, last, artno = pages(item)
    if first:
        out.append(("SP", f"{first}-{abbreviate_last(first, last)}" if last else first))
    if artno:
        out.append(("SP", artno))
    if item.get("abstract"):
        out.append(("N2", " ".join(paragraphs(item))))
    out += [("KW", k) for k in keywords(item)]
    if item.get("DOI"):
        out.append(("M3", item["DOI"]))
    if item.get("PMID"):
        out.append(("U1", f"{item['PMID']}[pmid]"))
    out += [("SN", s) for s in issns(item)]
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    return out


def ebsco(item: Item) -> Lines:
    """EBSCOhost: T1, JO+JF, Y1 'YYYY/MM//', N2 abstract, N1 accession note, DP/DB, AN, M3 type."""
    out: Lines = [("TY", EBSCO.type_tag(item))]
    out += [("AU", inverted(n)) for n in names(item)]
    out.append(("T1", title(item)))
    if item.get("container-title"):
        out += [("JO", item["container-title"]), ("JF", item["container-title"])]
    ymd = year_month_day(item)
    if ymd:
        out.append(("Y1", _date_slash(ymd[:2], keep_empty=True)))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    first, last, artno = pages(item)
    if first or artno:
        out.append(("SP", first or artno))
    if last:
        out.append(("EP", last))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    out += [("SN", s) for s in issns(item)]
    if isbn(item):
        out.append(("SN", isbn(item)))
    if item.get("abstract"):
        out.append(("N2", " ".join(paragraphs(item))))
    out += [("KW", k) for k in keywords(item)]
    out.append(("N1", "Accession Number: 123456789; Language: English; Entry Date: 20230112."))
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    out.append(("M3", "Article"))
    out.append(("UR", "https://search.ebscohost.com/login.aspx?direct=true&db=a9h&AN=123456789&site=ehost-live"))
    out.append(("DP", "EBSCOhost"))
    out.append(("DB", "Academic Search Complete"))
    return out


def ovid(item: Item, medline: bool = False) -> Lines:
    """Ovid Embase: DB/AN first, T1, A1 'Family J.A.', Y1 'YYYY//', N2, JF/JA, wrapped long lines.
    Ovid MEDLINE: the same layout, AN is the PMID, names in MEDLINE's short form."""
    if medline:
        out: Lines = [("TY", "JOUR"), ("DB", "Ovid MEDLINE(R) ALL"), ("AN", item.get("PMID", ""))]
    else:
        out = [("TY", OVID.type_tag(item)), ("DB", "Embase"), ("AN", "627548823")]
    out.append(("T1", title(item)))
    out += [("A1", medline_short(n) if medline else embase(n)) for n in names(item)]
    ymd = year_month_day(item)
    if ymd:
        out.append(("Y1", f"{ymd[0]}//"))
    if item.get("abstract"):
        out.append(("N2", " ".join(paragraphs(item))))
    out += [("KW", k) for k in keywords(item)]
    if item.get("container-title"):
        out.append(("JF", item["container-title"]))
    if item.get("container-title-short"):
        out.append(("JA", item["container-title-short"]))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    first, last, artno = pages(item)
    if first or artno:
        out.append(("SP", first or artno))
    if last:
        out.append(("EP", last))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    out += [("SN", s) for s in issns(item)]
    if isbn(item):
        out.append(("SN", isbn(item)))
    out.append(("UR", "http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=emed20&NEWS=N&AN=627548823"))
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    return out


def ovid_medline(item: Item) -> Lines:
    return ovid(item, medline=True)


def proquest(item: Item) -> Lines:
    """ProQuest: T1, JF, PY and DA year, names without final period, N2, M3 document type, AN, DB."""
    out: Lines = [("TY", PROQUEST.type_tag(item)), ("T1", title(item))]
    out += [("AU", inverted(n).rstrip(".")) for n in names(item)]
    if item.get("container-title"):
        out.append(("JF", item["container-title"]))
    ymd = year_month_day(item)
    if ymd:
        out += [("PY", str(ymd[0])), ("DA", str(ymd[0]))]
    first, last, artno = pages(item)
    if first or artno:
        out.append(("SP", first or artno))
    if last:
        out.append(("EP", last))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    out += [("SN", s) for s in issns(item)]
    if isbn(item):
        out.append(("SN", isbn(item)))
    if item.get("abstract"):
        out.append(("N2", "\n".join(paragraphs(item))))
    out += [("KW", k) for k in keywords(item)]
    out.append(("M3", {"thesis": "Dissertation/Thesis", "book": "Book"}.get(item.get("type"), "Scholarly Journals")))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    out.append(("UR", "https://www.proquest.com/scholarly-journals/x/docview/1234567890/se-2"))
    out.append(("AN", "1234567890"))
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    out.append(("DB", "ProQuest Central"))
    out.append(("LA", "English"))
    return out


def scholar(item: Item) -> Lines:
    """Google Scholar: T1, A1, JO, VL, IS, SP, EP, Y1 year, PB — nothing more."""
    out: Lines = [("TY", SCHOLAR.type_tag(item)), ("T1", title(item))]
    out += [("A1", inverted(n)) for n in names(item)]
    if item.get("container-title"):
        out.append(("JO", item["container-title"]))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    first, last, artno = pages(item)
    if first or artno:
        out.append(("SP", first or artno))
    if last:
        out.append(("EP", last))
    ymd = year_month_day(item)
    if ymd:
        out.append(("Y1", str(ymd[0])))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    return out


def _ent(text: str) -> str:
    return "".join(c if ord(c) < 128 else f"&#x{ord(c):04X};" for c in text.replace("&", "&amp;"))


def ieee(item: Item) -> Lines:
    """IEEE Xplore: 'J. A. Family' names, T2 and JO, VO and VL, Y1 'Feb. 2019', entities in text."""
    out: Lines = [("TY", IEEE.type_tag(item)), ("TI", _ent(title(item)))]
    if item.get("container-title"):
        out.append(("T2", _ent(item["container-title"])))
    first, last, artno = pages(item)
    if first or artno:
        out.append(("SP", first or artno))
    if last:
        out.append(("EP", last))
    out += [("AU", given_first_initials(n)) for n in names(item)]
    ymd = year_month_day(item)
    if ymd:
        out.append(("PY", str(ymd[0])))
    out += [("KW", k) for k in keywords(item)]
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    if item.get("container-title"):
        out.append(("JO", _ent(item["container-title"])))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    sn = issns(item)[:1] or ([isbn(item)] if isbn(item) else [])
    out += [("SN", s) for s in sn]
    if item.get("volume"):
        out += [("VO", item["volume"]), ("VL", item["volume"])]
    if item.get("container-title-short"):
        out.append(("JA", item["container-title-short"]))
    if ymd:
        out.append(("Y1", (f"{MONTHS[ymd[1] - 1]}. " if len(ymd) > 1 else "") + str(ymd[0])))
    if item.get("abstract"):
        out.append(("AB", _ent(" ".join(paragraphs(item)))))
    return out


def jstor(item: Item) -> Lines:
    """JSTOR: 'Provider:' header, sorted tags, C1 full date note, ISSN without hyphen, stable URL."""
    out: Lines = [("TY", JSTOR.type_tag(item)), ("TI", title(item))]
    out += [("AU", inverted(n)) for n in names(item)]
    out += [("A2", inverted(n)) for n in names(item, "editor")]
    ymd = year_month_day(item)
    if len(ymd) > 1:
        out.append(("C1", f"Full publication date: {MONTHS[ymd[1] - 1]}., {ymd[0]}"))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    if item.get("DOI"):
        out.append(("DO", item["DOI"]))
    first, last, artno = pages(item)
    if last:
        out.append(("EP", last))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    if ymd:
        out.append(("PY", str(ymd[0])))
    sn = [bare(s) for s in issns(item)[:1]] or ([isbn(item)] if isbn(item) else [])
    out += [("SN", s) for s in sn]
    if first or artno:
        out.append(("SP", first or artno))
    if item.get("container-title"):
        out.append(("T2", item["container-title"]))
    out.append(("UR", "http://www.jstor.org/stable/1234567"))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    out.append(("Y2", "2023/01/12/"))
    if item.get("abstract"):
        out.append(("AB", " ".join(paragraphs(item))))
    return out


def springer(item: Item) -> Lines:
    """SpringerLink: PY + DA 'YYYY/MM/DD', JO journal or BT book, ED editors, UR doi.org, ID."""
    out: Lines = [("TY", SPRINGER.type_tag(item))]
    out += [("AU", inverted(n)) for n in names(item)]
    out += [("ED", inverted(n)) for n in names(item, "editor")]
    ymd = year_month_day(item)
    if ymd:
        out += [("PY", str(ymd[0])), ("DA", _date_slash(ymd))]
    out.append(("TI", title(item)))
    if item.get("container-title"):
        out.append(("BT" if _is_container_type(item) else "JO", item["container-title"]))
    first, last, artno = pages(item)
    if first or artno:
        out.append(("SP", first or artno))
    if last:
        out.append(("EP", last))
    if item.get("volume"):
        out.append(("VL", item["volume"]))
    if item.get("issue"):
        out.append(("IS", item["issue"]))
    if item.get("abstract"):
        out.append(("AB", " ".join(paragraphs(item))))
    sn = [isbn(item)] if isbn(item) else issns(item)[:1]
    out += [("SN", s) for s in sn]
    if item.get("publisher"):
        out.append(("PB", item["publisher"]))
    if item.get("publisher-place"):
        out.append(("CY", item["publisher-place"]))
    if item.get("DOI"):
        out += [("UR", "https://doi.org/" + item["DOI"]), ("DO", item["DOI"])]
    out.append(("ID", "Springer" + (str(ymd[0]) if ymd else "")))
    return out


def _atypon(item: Item, dialect: Any, doi_note: str, doi_tag: str, abstract: tuple[str, str], one_issn: bool,
            doi_extra: tuple[str, str] | None) -> Lines:
    """Atypon's export (Wiley Online Library, Taylor & Francis Online): T1, Y1/PY/DA, the DOI in N1, T2+JF+JO,
    SP/EP before VL/IS.  The two platforms differ in the DOI forms and the abstract tag."""
    out: Lines = [("TY", dialect.type_tag(item)), ("T1", title(item))]
    out += [("AU", inverted(n)) for n in names(item)]
    ymd = year_month_day(item)
    if ymd:
        out += [("Y1", _date_slash(ymd)), ("PY", str(ymd[0])), ("DA", _date_slash(ymd))]
    if item.get("DOI"):
        out += [("N1", doi_note + item["DOI"]), ("DO", doi_tag + item["DOI"])]
    if item.get("container-title"):
        ct = item["container-title"]
        out += [("T2", ct), ("JF", ct), ("JO", ct)]
    first, last, artno = pages(item)
    out += [(tag, value) for tag, value in (("SP", first or artno), ("EP", last), ("VL", item.get("volume")),
                                            ("IS", item.get("issue")), ("PB", item.get("publisher"))) if value]
    serials = issns(item)[:1] if one_issn else issns(item)
    out += [("SN", s) for s in ([isbn(item)] if isbn(item) else serials)]
    if item.get("DOI"):
        out += ([(doi_extra[0], doi_extra[1] + item["DOI"])] if doi_extra else [])
        out.append(("UR", "https://doi.org/" + item["DOI"]))
    out.append(("Y2", "2023/01/12"))
    if item.get("abstract"):
        out.append((abstract[0], abstract[1] + " ".join(paragraphs(item))))
    out += [("KW", k) for k in keywords(item)]
    return out


def wiley(item: Item) -> Lines:
    """Wiley Online Library: the DOI as doi.org URLs in N1 and DO, N2 'Abstract ...'."""
    return _atypon(item, WILEY, "https://doi.org/", "https://doi.org/", ("N2", "Abstract "), False, None)


def tandf(item: Item) -> Lines:
    """Taylor & Francis (Atypon): N1 and M3 'doi: ...', AB."""
    return _atypon(item, TANDF, "doi: ", "", ("AB", ""), True, ("M3", "doi: "))


NO_PMID = {"PMID": "this exporter writes no PubMed ID"}
NO_ABS_KW = {"abstract": "Google Scholar exports no abstract", "keyword": "Google Scholar exports no keywords"}

ENDNOTE = Dialect("EndNote", endnote, ALL, crlf=True, bom=True, sort_tags=True, keeps_paragraphs=True,
                  ty={"paper-conference": "CPAPER", "dataset": "DATA", "article": "JOUR"})
ZOTERO = Dialect("Zotero", zotero, ALL - {"PMID"}, crlf=True, keeps_paragraphs=True,
                 reasons={"PMID": "Zotero keeps PMID in Extra, which its RIS export does not write as a tag"})
MENDELEY = Dialect("Mendeley", mendeley, ALL - {"PMID"}, sort_tags=True, keeps_paragraphs=True, date=1,
                   reasons={**NO_PMID, "issued": "PY year only"})
WOS = Dialect("WebOfScience", wos, ALL - {"URL", "PMID"}, container_case=False,
              ty={"paper-conference": "CPAPER"},
              reasons={"URL": "WoS exports no URL", **NO_PMID, "container-title": "WoS writes journals in capitals",
                       "publisher": "WoS writes publishers in capitals"})
SCOPUS = Dialect("Scopus", scopus, ALL - {"URL", "publisher-place"}, given="initials", bom=True, crlf=True,
                 date=1, reasons={"issued": "PY year only", "URL": "Scopus's UR is its own record page",
                                  "publisher-place": "not exported", "author": "Scopus writes initials only"})
PUBMED = Dialect("PubMedRIS", pubmed, ALL - {"URL", "ISBN"}, given="initials",
                 reasons={"URL": "not exported", "ISBN": "not exported", "author": "MEDLINE short names: initials"})
EBSCO = Dialect("EBSCOhost", ebsco, ALL - {"URL", "PMID", "publisher-place"}, date=2, crlf=True,
                empty=("VL", "IS", "DO"),
                reasons={"URL": "UR is EBSCO's own permalink", **NO_PMID, "publisher-place": "not exported",
                         "issued": "Y1 carries year and month only"})
OVID_MEDLINE = Dialect("OvidMedline", ovid_medline, ALL - {"URL", "type"}, given="initials", date=1, wrap=78,
                       reasons={"URL": "UR is Ovid's own link", "type": "MEDLINE records are all JOUR",
                                "issued": "Y1 'YYYY//' carries the year only", "author": "MEDLINE short names"})
OVID = Dialect("OvidEmbase", ovid, ALL - {"URL", "PMID"}, given="initials", suffix=False, date=1, wrap=78,
               reasons={"URL": "UR is Ovid's own link", "PMID": "Embase records carry no PMID tag",
                        "issued": "Y1 'YYYY//' carries the year only", "author": "Embase writes initials only"})
PROQUEST = Dialect("ProQuest", proquest, ALL - {"URL", "PMID"}, date=1, keeps_paragraphs=True, crlf=True,
                   empty=("IS", "CY", "M1"),
                   ty={"article": "JOUR"},
                   reasons={"URL": "UR is ProQuest's own document page", **NO_PMID, "issued": "year only"})
SCHOLAR = Dialect("GoogleScholar", scholar,
                  frozenset({"type", "title", "author", "container-title", "issued", "volume", "issue", "page",
                             "publisher"}), date=1,
                  reasons={**NO_ABS_KW, **NO_PMID, "DOI": "no DOI", "URL": "no URL", "ISSN": "no ISSN",
                           "ISBN": "no ISBN", "publisher-place": "no place", "issued": "year only"})
IEEE = Dialect("IEEEXplore", ieee, ALL - {"URL", "PMID", "publisher", "publisher-place", "ISBN"},
               given="initials", date=2, entities=True, crlf=True,
               reasons={"URL": "not exported", **NO_PMID, "publisher": "not exported",
                        "publisher-place": "not exported", "ISBN": "SN holds the ISSN first",
                        "author": "IEEE writes initials"})
JSTOR = Dialect("JSTOR", jstor, ALL - {"URL", "PMID", "keyword"}, date=2,  # month: in the C1 note
                header=('Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\n'
                        'Content: text/plain; charset="UTF-8"\n\n'),
                reasons={"URL": "UR is the JSTOR stable URL", **NO_PMID, "keyword": "not exported",
                         "issued": "no day (the month is in the C1 note)"})
SPRINGER = Dialect("SpringerLink", springer, ALL - {"PMID", "keyword", "URL"},
                   reasons={**NO_PMID, "keyword": "not exported", "URL": "UR is the doi.org link"})
WILEY = Dialect("Wiley", wiley, ALL - {"PMID", "publisher-place", "URL"}, crlf=True,
                reasons={**NO_PMID, "publisher-place": "not exported", "URL": "UR is the doi.org link"})
TANDF = Dialect("TaylorFrancis", tandf, ALL - {"PMID", "publisher-place", "URL"}, crlf=True,
                reasons={**NO_PMID, "publisher-place": "not exported", "URL": "UR is the doi.org link"})

DIALECTS: dict[str, Dialect] = {d.name: d for d in (
    ENDNOTE, ZOTERO, MENDELEY, WOS, SCOPUS, PUBMED, EBSCO, OVID, OVID_MEDLINE, PROQUEST, SCHOLAR, IEEE, JSTOR, SPRINGER,
    WILEY, TANDF)}


def _value_lines(tag: str, value: str, dialect: Dialect) -> list[str]:
    """One tagged line, untagged continuation lines for embedded newlines, wrapping if the tool wraps."""
    lines = str(value).split("\n")
    out = [f"{tag}  - {lines[0]}"] + lines[1:]
    if dialect.wrap:
        wrapped = []
        for line in out:
            if len(line) > dialect.wrap:
                parts = textwrap.wrap(line, dialect.wrap, break_long_words=False, break_on_hyphens=False)
                wrapped += [parts[0]] + ["      " + p for p in parts[1:]]
            else:
                wrapped.append(line)
        out = wrapped
    return out


def render_record(item: Item, dialect: Dialect) -> list[str]:
    fields = dialect.build(item)
    ty, rest = fields[0], fields[1:]
    if dialect.sort_tags:
        rest = sorted(rest, key=lambda f: f[0])  # stable: repeated tags keep their order
    lines = [f"TY  - {ty[1]}"]
    for tag, value in rest:
        if value == "":
            continue
        lines += _value_lines(tag, value, dialect)
    present = {tag for tag, _v in rest}
    lines += [f"{tag}  - " for tag in dialect.empty if tag not in present]
    lines.append("ER  - ")
    return lines


def render(items: Iterable[Item], dialect: Dialect | str) -> bytes:
    """A whole export file of *items* in *dialect*, as bytes (BOM and CRLF where the tool writes them)."""
    d = DIALECTS[dialect] if isinstance(dialect, str) else dialect
    blocks = ["\n".join(render_record(item, d)) for item in items]
    text = d.header + "\n\n".join(blocks) + "\n\n"
    if d.crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if d.bom else data
