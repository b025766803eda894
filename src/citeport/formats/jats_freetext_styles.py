"""More printed reference styles for the free-text parser (:mod:`jats_freetext`).

Each style is recognised by its shape, never by a publisher's name: where the year stands, how the names are
written, whether the title is quoted, how volume, issue and pages are joined.  A text must match a style
from its first character to its last (only identifiers, "Available at"/"Accessed" notes and the like may
follow); anything else is left to the caller, which keeps it whole.  Journal articles in the PLOS, Nature,
Harvard, Chicago author-date, IEEE, ACS and Cell layouts; books and chapters in the Harvard and Vancouver ones.
"""
from __future__ import annotations

import re
from typing import Callable

from ..model.dates import parse_date
from ..model.ids import normalize_doi
from ..model.item import Item
from ..model.names import Name, is_suffix, looks_like_organisation, parse_name
from ..model.text import strip_final_period
from .pubmed_text_parse import looks_like_authors, parse_authors

# -- building blocks ----------------------------------------------------------------------------------------
_UP = "A-Z\u00C0-\u00DE\u0100-\u017F"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?P<suffix>[a-z])?"
#: "J.", "J. A.", "J.A.", "K.-L.", "Th."
INIT = rf"[{_UP}][a-z]?\.(?:\s?-?\s?[{_UP}][a-z]?\.)*"
_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|dos|das|du|la|le|ten|ter|zu|op|d')"
#: A family name: maybe particles, then one or two capitalised words ("García Márquez", "O'Brien-Smith").
FAMILY = rf"(?:{_PARTICLE}\s+){{0,3}}[{_UP}][\w'\u2019-]*(?:\s[{_UP}][\w'\u2019-]*)?"
SUFFIX = r"(?:,?\s(?:Jr|Sr|II|III|IV)\.?)?"
INVERTED = rf"{FAMILY},\s*{INIT}{SUFFIX}"  # "Smith, J. A."
#: The same with as few initials as will do: ACS may print no title, so "Truhlar, D. G. J. Phys. Chem." is
#: split at the first journal word that can begin a journal's name (see ``_ABBR_FIRST``).
INVERTED_LAZY = rf"{FAMILY},\s*[{_UP}][a-z]?\.(?:\s?-?\s?[{_UP}][a-z]?\.)*?{SUFFIX}"
GIVEN_FIRST = rf"(?:[{_UP}][a-z]?\.\s?-?\s?){{1,3}}{FAMILY}{SUFFIX}"  # "J. A. Smith" (IEEE)
ET_AL = r"(?:,?\s*et\s+al\.?)"
_SEP = r"(?:\s*[,;]\s*(?:and\s+|&\s*)?|\s*,?\s*(?:&|and)\s+)"
INVERTED_LIST = rf"{INVERTED}(?:{_SEP}{INVERTED})*{ET_AL}?"
INVERTED_LAZY_LIST = rf"{INVERTED_LAZY}(?:{_SEP}{INVERTED_LAZY})*{ET_AL}?"
GIVEN_FIRST_LIST = rf"{GIVEN_FIRST}(?:{_SEP}{GIVEN_FIRST})*{ET_AL}?"
#: A group as author: no digits, quotes, periods or parentheses (checked with ``looks_like_organisation``).
GROUP = r"[^\W\d][^.,;()\"'\u2018\u2019\u201c\u201d\d]{3,}?"
#: A journal's name: capitalised words or abbreviations ("J. Am. Chem. Soc.", "Proc. Natl Acad. Sci. USA",
#: "Rev. Esp. Cardiol."), small joining words, a parenthesised part; a word ending with a period (an
#: abbreviation) must be capitalised and short, so that a title's last sentence is not taken for one.
_JWORD = (rf"(?:[a-z][A-Z][\w-]*|[{_UP}][\w'\u2019&-]{{0,9}}\.|[{_UP}][\w'\u2019&+-]*|[a-z][a-z]{{0,3}}\.|"
          r"(?:of|and|the|for|in|on|de|der|des|del|la|le|et|und|y|di|du|für|fur|&|[a-z]+(?=\s+[A-Z]))|"
          r"\([^()]{1,25}\)|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?)")
JOURNAL = rf"(?P<journal>{_JWORD}(?:\s+{_JWORD}){{0,11}}?)"
VOLUME = r"(?P<volume>[A-Z]?\d+[A-Za-z]?(?:\s?[-\u2013/]\s?\d+)?)"
ISSUE = r"(?P<issue>[^(),]{1,24})"
PAGE_TOKEN = r"[A-Za-z]{0,3}\d+[A-Za-z]?(?:\.\d+)?"
PAGE = rf"(?P<page>{PAGE_TOKEN}(?:\s?[-\u2013\u2014]\s?{PAGE_TOKEN})?)"
OPEN_Q, CLOSE_Q = "[\u2018\u201c'\"]", "[\u2019\u201d'\"]"
TITLE = r"(?P<title>[^\s].*?[.?!])"
#: What may follow the reference proper: identifiers, links and access notes (taken by ``ids_in_text``).
REST = (r"(?:[.,]?\s+(?P<rest>(?i:doi|https?://|www\.|PMID|PMCID|PMC\d|Available|Accessed|Retrieved|URL|"
        r"\[|\(|Epub|Published|Online)\S*.*?))?\s*\.?$")
#: A title-less ACS reference's journal: abbreviations and capitals only ("J. Phys. Chem. A", "Org. Lett.",
#: "ACS Nano"), with at most one whole word ("Science", "Nano Lett."); its first word is not a lone initial
#: other than "J."/"Z." (so the authors' last initial is not taken for it).
_ABBR = r"(?:[A-Z][a-z]{1,9}\.|[A-Z]{2,6}|[A-Z]\.?)"
_ABBR_FIRST = r"(?:[A-Z][a-z]{1,9}\.|[A-Z]{2,6}|[JZ]\.)"
JOURNAL_ABBR = (rf"(?P<journal>(?:{_ABBR_FIRST}(?:,?\s+{_ABBR})*(?:\s+[A-Z][a-z]+)?|[A-Z][a-z]+)"
                rf"(?:,?\s+{_ABBR}){{0,5}})")  # "Angew. Chem., Int. Ed."
#: A "title" made only of abbreviations is a journal's name that a split took for one.
_ABBREVIATIONS_ONLY = re.compile(rf"{_ABBR}(?:,?\s+{_ABBR})+")
_PLACE = r"(?P<place>[^\d.:;,][^\d.:;]*?)"
_PUBLISHER = r"(?P<publisher>[^\d.;:][^.;:]*?)"
_ED = r"(?:(?P<edition>\d+(?:st|nd|rd|th)|[A-Z][a-z]+)\s+edn?\.\s+)?"

# -- the styles --------------------------------------------------------------------------------------------
_PLOS = re.compile(  # Smith J, Jones K (2004) Title. Lancet 364: 1857-1864.
    rf"^(?P<authors>[^()]+?)\s*\({YEAR}\)\s+{TITLE}\s+{JOURNAL}\s+{VOLUME}(?:\s?\({ISSUE}\))?:\s*{PAGE}{REST}")
_NATURE = re.compile(  # Smith, J. & Jones, K. Title. Nature 431, 931-945 (2004).
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}\.)\s+{TITLE}\s+{JOURNAL},?\s+{VOLUME},\s*{PAGE}\s*\({YEAR}\){REST}")
_HARVARD = re.compile(  # Smith, J. and Jones, K. (2004) 'Title', Journal, 12(3), pp. 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.?\s+{OPEN_Q}(?P<title>.+?)[,.]?{CLOSE_Q},?\s+"
    rf"(?P<journal>[^,]+?),\s*(?:[Vv]ol\.\s*)?{VOLUME}(?:\s?\({ISSUE}\))?"
    rf"(?:,\s*(?:pp?\.|[Aa]rt(?:icle|\.)(?:\s+no\.)?)\s*{PAGE})?{REST}")
_CHICAGO = re.compile(  # Smith, John, and Kate Jones. 2004. "Title." Journal 12 (3): 45-67.
    rf"^(?P<authors>[^\"\u201c\u201d\d]+?)\.\s+{YEAR}\.\s+{OPEN_Q}(?P<title>.+?[.?!]){CLOSE_Q}\s+"
    rf"(?P<journal>[^\"\u201c\u201d,\d]+?)\s+{VOLUME}(?:,?\s?\({ISSUE}\))?(?::\s*{PAGE})?{REST}")
_IEEE = re.compile(  # J. Smith and K. Jones, "Title," IEEE Trans. X, vol. 12, no. 3, pp. 45-67, Mar. 2004.
    rf"^(?P<authors>{GIVEN_FIRST_LIST}|{GROUP}),\s+{OPEN_Q}(?P<title>.+?)[,.]?{CLOSE_Q},?\s+"
    rf"(?P<journal>[^,\"\u201c]+?),\s*vol\.\s*{VOLUME}(?:,\s*no\.\s*{ISSUE})?"
    rf"(?:,\s*(?:pp?\.|[Aa]rt\.\s*no\.)\s*{PAGE})?,\s*(?P<md>(?:[A-Z][a-z]{{2,3}}\.?(?:[-\u2013/][A-Z][a-z]{{2,3}}\.?)?\s+)?"
    rf"(?:\d{{1,2}},?\s+)?){YEAR}{REST}")
_ACS_NO_TITLE = re.compile(  # Smith, J.; Jones, K. J. Am. Chem. Soc. 2004, 126, 45-67.
    rf"^(?P<authors>{INVERTED_LAZY_LIST})\s+{JOURNAL_ABBR}\s+{YEAR},\s*{VOLUME}(?:\s?\({ISSUE}\))?,\s*{PAGE}{REST}")
_ACS = re.compile(  # Smith, J.; Jones, K. Title. J. Am. Chem. Soc. 2004, 126, 45-67.
    rf"^(?P<authors>{INVERTED_LIST})\s+{TITLE}\s+{JOURNAL}\s+{YEAR},\s*{VOLUME}(?:\s?\({ISSUE}\))?,\s*{PAGE}{REST}")
_CELL = re.compile(  # Smith, J., and Jones, K. (2004). Title. Cell 117, 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.\s+{TITLE}\s+{JOURNAL},?\s+{VOLUME},\s*{PAGE}{REST}")
_VANCOUVER_CHAPTER = re.compile(  # Smith J. Chapter. In: Editor A, editor. Book. 2nd ed. City: Publisher; 2004. p. 45-67.
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+{TITLE}\s+In:\s*(?P<editors>[^.]+?{ET_AL}?),\s*(?:editors?|eds?)\.\s+"
    rf"(?P<book>.+?)\.\s+(?:(?P<edition>\d+(?:st|nd|rd|th))\s+ed\.\s+)?{_PLACE}:\s*"
    rf"{_PUBLISHER};\s*(?:c\s?)?{YEAR}[^.]*?\.(?:\s*pp?\.\s*{PAGE}\.?)?{REST}")
_VANCOUVER_BOOK = re.compile(  # Smith J, Jones K. Book. 2nd ed. City: Publisher; 2004.
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+(?P<title>.+?)\.\s+(?:(?P<edition>\d+(?:st|nd|rd|th))\s+ed\.\s+)?"
    rf"{_PLACE}:\s*{_PUBLISHER};\s*(?:c\s?)?{YEAR}\.(?:\s*(?P<pages>\d+)\s*p\.)?{REST}")
_HARVARD_CHAPTER = re.compile(  # Smith, J. (2004) 'Chapter', in Jones, K. (ed.) Book. City: Publisher, pp. 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.?\s+{OPEN_Q}(?P<title>.+?)[,.]?{CLOSE_Q},?\s+[Ii]n:?\s+"
    rf"(?P<editors>{INVERTED_LIST}|{GIVEN_FIRST_LIST})\s*\(eds?\.?\)\.?\s+(?P<book>.+?)\.\s+{_ED}"
    rf"{_PLACE}:\s*{_PUBLISHER},\s*pp?\.\s*{PAGE}{REST}")
_HARVARD_BOOK = re.compile(  # Smith, J. (2004) Title of book. 2nd edn. London: Publisher.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.?\s+(?P<title>[^\s'\u2018\"\u201c].*?)\.\s+{_ED}"
    rf"{_PLACE}:\s*{_PUBLISHER}{REST}")


# -- names -------------------------------------------------------------------------------------------------
def _clean_authors(text: str) -> tuple[str, bool]:
    """The authors' text without a final "et al." (and whether it had one)."""
    stripped = re.sub(rf"{ET_AL}\s*$", "", text.strip(), flags=re.I)
    return stripped.strip(" ,;"), stripped != text.strip()


def _group(text: str) -> list[Name] | None:
    text = text.strip(" .")
    if re.search(r"[,;]", text):  # a list of names that did not read as one: not a group either
        return None
    return [{"literal": text}] if looks_like_organisation(text) else None


def inverted_names(text: str) -> list[Name] | None:
    """"Smith, J. A., van der Berg, K. & Lee, M." (commas, semicolons, "and", "&"), or one group's name."""
    if not re.fullmatch(INVERTED_LIST, text.strip()):
        return _group(text)
    return [parse_name(m.group(0)) for m in re.finditer(INVERTED, text)]


def given_first_names(text: str) -> list[Name] | None:
    """IEEE's "J. A. Smith, K. Jones, and L. van Berg", or one group's name."""
    if not re.fullmatch(GIVEN_FIRST_LIST, text.strip()):
        return _group(text)
    return [parse_name(m.group(0)) for m in re.finditer(GIVEN_FIRST, text)]


def vancouver_names(text: str) -> list[Name] | None:
    """"Smith J, van der Berg KL, WHO Study Group" (NLM's form)."""
    if not looks_like_authors(text):
        return _group(text)
    return [a.name for a in parse_authors(text, full_names=False)]


_GIVEN_WORD = rf"(?:[{_UP}][\w'\u2019-]*\.?|[{_UP}]\.|{_PARTICLE})"


def chicago_names(text: str) -> list[Name] | None:
    """Chicago's "Smith, John A., Kate Jones, and Li Wei": the first inverted, the others given-first."""
    if "," not in text:
        return _group(text)
    parts = [p.strip() for p in re.split(r",?\s+and\s+|\s*,\s*", text) if p.strip()]
    first = f"{parts[0]}, {parts[1]}" if len(parts) > 1 else ""
    rest = parts[2:]
    if rest and is_suffix(rest[0].lower()):
        first, rest = f"{first}, {rest[0]}", rest[1:]
    for part in [first, *rest]:  # only words shaped like names: no digits, at most five words
        words = part.replace(",", " ").split()
        if not words or len(words) > 6 or not all(re.fullmatch(_GIVEN_WORD, w) or is_suffix(w.lower())
                                                  for w in words):
            return None
    if re.search(r"\s[A-Z]$", first):  # "Brown, Alan B." lost its period to the sentence's
        first += "."
    names = [parse_name(first)] + [parse_name(p) for p in rest]
    return names if all(n.get("family") and n.get("given") for n in names) else None


# -- building items ----------------------------------------------------------------------------------------
NameParser = Callable[[str], "list[Name] | None"]
#: (style, pattern, how its author names are written, CSL type). Tried in this order; the first that
#: matches the whole text and whose names read as names wins.
STYLES: tuple[tuple[str, re.Pattern[str], NameParser, str], ...] = (
    ("ieee", _IEEE, given_first_names, "article-journal"),
    ("chicago", _CHICAGO, chicago_names, "article-journal"),
    ("harvard-chapter", _HARVARD_CHAPTER, inverted_names, "chapter"),
    ("harvard", _HARVARD, inverted_names, "article-journal"),
    ("harvard-book", _HARVARD_BOOK, inverted_names, "book"),
    ("plos", _PLOS, vancouver_names, "article-journal"),
    ("nature", _NATURE, inverted_names, "article-journal"),
    ("cell", _CELL, inverted_names, "article-journal"),
    ("acs", _ACS_NO_TITLE, inverted_names, "article-journal"),
    ("acs", _ACS, inverted_names, "article-journal"),
    ("vancouver-chapter", _VANCOUVER_CHAPTER, vancouver_names, "chapter"),
    ("vancouver-book", _VANCOUVER_BOOK, vancouver_names, "book"),
)
_DASHES = re.compile(r"\s*[-\u2013\u2014]\s*")
_ELOCATION = re.compile(r"e\d{3,}")  # PLOS/eLife/BMJ article numbers ("e1000123")
_DOI = re.compile(r"(?:\bdoi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+?)[.,;]?(?=\s|$)", re.I)
_URL = re.compile(r"(?<![\w/])(https?://\S+?)[.,;)]?(?=\s|$)")


def _editors(text: str, parsers: tuple[NameParser, ...]) -> list[Name] | None:
    text, _ = _clean_authors(text)
    return next((names for parse in parsers if (names := parse(text))), None)


def _fill(m: re.Match[str], item: Item) -> None:
    """The fields every style may hold, from the match's named groups."""
    g = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}
    for var in ("volume", "issue", "page"):
        if var in g:
            item[var] = _DASHES.sub("-", g[var])
    if "page" in g and _ELOCATION.fullmatch(g["page"]):
        item.setdefault("custom", {})["elocation"] = g["page"]
    if "pages" in g:
        item["number-of-pages"] = g["pages"]
    if "edition" in g:
        item["edition"] = re.sub(r"(?i)(st|nd|rd|th)$", "", g["edition"])
    if "place" in g:
        item["publisher-place"] = g["place"]
    if "publisher" in g:
        item["publisher"] = strip_final_period(g["publisher"])
    if "suffix" in g:
        item["year-suffix"] = g["suffix"]
    rest = g.get("rest", "")
    if m_doi := _DOI.search(rest):
        item["DOI"] = normalize_doi(m_doi.group(1)) or m_doi.group(1)
    url = next((u for u in _URL.findall(rest) if "doi.org/" not in u.lower()), "")
    if url:
        item["URL"] = url


def _item(style: str, m: re.Match[str], parse_names: NameParser, ctype: str) -> Item | None:
    authors_text, et_al = _clean_authors(m.group("authors"))
    editor_role = ctype == "book" and bool(re.search(r",\s*(?:editors?|eds?\.?)$", authors_text))
    if editor_role:  # "Smith J, editor. Book.": an edited book
        authors_text = re.sub(r",\s*(?:editors?|eds?\.?)$", "", authors_text)
    names = parse_names(authors_text)
    if not names:
        return None
    g = m.groupdict()
    title = (g.get("title") or "").strip().rstrip(",")
    year = int(g["year"])
    md = re.split(r"[-\u2013/]", (g.get("md") or "").replace(".", " ").replace(",", " "))[0]  # "Jan.-Feb.": Jan
    date = parse_date(f"{md} {year}".strip()) or {}
    item: Item = {"type": ctype, ("editor" if editor_role else "author"): names,
                  "issued": date if "date-parts" in date else {"date-parts": [[year]]}}
    if style == "acs" and _ABBREVIATIONS_ONLY.fullmatch(title):
        return None
    if title:  # ACS may print no title
        item["title"] = strip_final_period(title) if not title.endswith(("?", "!")) else title
    if g.get("journal"):
        item["container-title"] = g["journal"].strip()  # a final period is the abbreviation's
    if g.get("book"):
        item["container-title"] = g["book"].strip()
    if g.get("editors"):
        editors = _editors(g["editors"], (vancouver_names,) if style.startswith("vancouver")
                           else (inverted_names, given_first_names))
        if not editors:
            return None
        item["editor"] = editors
    _fill(m, item)
    if et_al:
        item.setdefault("custom", {})["et-al"] = ["editor" if editor_role else "author"]
    return item


def parse_styled(text: str) -> Item | None:
    """The fields of a reference printed in one of :data:`STYLES` (None when none fits the whole text)."""
    for style, pattern, names, ctype in STYLES:
        m = pattern.match(text)
        if m and (item := _item(style, m, names, ctype)):
            return item
    return None


def style_of(text: str) -> str | None:
    """The name of the first style in :data:`STYLES` that reads ``text`` (for reports and tests)."""
    for style, pattern, names, ctype in STYLES:
        m = pattern.match(text)
        if m and _item(style, m, names, ctype):
            return style
    return None
