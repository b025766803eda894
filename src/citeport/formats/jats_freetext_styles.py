"""More printed reference styles for the free-text parser (:mod:`jats_freetext`).

Each style is recognised by its shape, never by a publisher's name: where the year stands, how the names are
written, whether the title is quoted, how volume, issue and pages are joined.  A text must match a style
from its first character to its last (only identifiers, "Available at"/"Accessed" notes and the like may
follow); anything else is left to the caller, which keeps it whole.  Journal articles in the PLOS, Nature,
Harvard, Chicago author-date, IEEE, ACS and Cell layouts; books and chapters in the Harvard, Vancouver, APA 7,
Chicago (both forms), IEEE and MLA 9 ones; reports, theses, conference papers and presentations, web pages,
data sets and software in the APA, IEEE, Vancouver/NLM, MLA and Harvard forms.  The type follows from the
words a style prints (``KINDS``: "[Doctoral dissertation, Univ]", "[dissertation]", "[Data set]", "Tech. Rep.",
"Paper presented at"); a presentation at a meeting is ``speech`` (as Zotero's "presentation"), a paper in
proceedings ``paper-conference``.  An access date ("[cited 2020 May 1]", "(Accessed: 1 May 2020)") is
``accessed`` (:func:`accessed_in`).
"""
from __future__ import annotations

import re
from typing import Any, Callable

from ..model.dates import parse_date
from ..model.ids import normalize_doi
from ..model.item import Item
from ..model.names import Name, is_suffix, looks_like_organisation, parse_name
from ..model.text import strip_final_period
from .pubmed_text_parse import looks_like_authors, parse_authors

class _Lazy:
    """A style pattern compiled when it is first used.  The style table takes a quarter of a second to compile,
    which every citeport start-up paid (the registry imports every reader) though only free-text references
    need it."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only what the instance lacks: re.Pattern's methods
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        value = getattr(compiled, name)
        setattr(self, name, value)  # later look-ups are plain attributes
        return value


# -- building blocks ----------------------------------------------------------------------------------------
_UP = "A-Z\u00C0-\u00DE\u0100-\u017F"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?P<suffix>[a-z])?"
#: "J.", "J. A.", "J.A.", "K.-L.", "Th."
INIT = rf"[{_UP}][a-z]?\.(?:\s?-?\s?[{_UP}][a-z]?\.)*"
_PARTICLE = r"(?:[Vv]an|[Vv]on|[Dd]e|der|den|[Dd]el|della|di|da|dos|das|du|la|le|ten|ter|zu|op|d')"
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
_JWORD = (rf"(?:[a-z][A-Z][\w-]*|[{_UP}][\w'\u2019&-]{{0,10}}\.|[{_UP}][\w'\u2019&+-]*|[a-z][a-z]{{0,3}}\.|"
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
REST = (r"(?:[.,;]?\s+(?P<rest>(?i:doi|https?://|www\.|PMID|PMCID|PMC\d|Available|Accessed|Retrieved|URL|Dispon|Acess|"
        r"\[|\(|Epub|Published|Online)\S*.*?))?\s*\.?$")
#: A title-less ACS reference's journal: abbreviations and capitals only ("J. Phys. Chem. A", "Org. Lett.",
#: "ACS Nano"), with at most one whole word ("Science", "Nano Lett."); its first word is not a lone initial
#: other than "J."/"Z." (so the authors' last initial is not taken for it).
_ABBR = r"(?:[A-Z][a-z]{1,9}\.|[A-Z]{2,6}|[A-Z]\.?)"
_ABBR_FIRST = r"(?:[A-Z][a-z]{1,9}\.|[A-Z]{2,6}|[JZ]\.)"
JOURNAL_ABBR = (rf"(?P<journal>(?:{_ABBR_FIRST}(?:,?\s+{_ABBR})*(?:\s+[A-Z][a-z]+)?|(?:[A-Z][a-z]+)+)"
                rf"(?:,?\s+{_ABBR}){{0,5}})")  # "Angew. Chem., Int. Ed.", "ChemPhysChem"
#: A "title" made only of abbreviations is a journal's name that a split took for one.
_ABBREVIATIONS_ONLY = re.compile(rf"{_ABBR}(?:,?\s+{_ABBR})+")
_PLACE = rf"(?P<place>(?!Available\b|Accessed\b|Retrieved\b)[{_UP}][^\d.:;]*?)"  # a name: capitalised
_PUBLISHER = r"(?P<publisher>[^\d.;:][^.;:]*?)"
_ED = r"(?:(?P<edition>\d+(?:st|nd|rd|th)|[A-Z][a-z]+)\s+edn?\.\s+)?"

# -- the styles --------------------------------------------------------------------------------------------
_PLOS = _Lazy(  # Smith J, Jones K (2004) Title. Lancet 364: 1857-1864.
    rf"^(?P<authors>[^()]+?)\s*\({YEAR}\)\s+{TITLE}\s+{JOURNAL}\s+{VOLUME}(?:\s?\({ISSUE}\))?:\s*{PAGE}{REST}")
_NATURE = _Lazy(  # Smith, J. & Jones, K. Title. Nature 431, 931-945 (2004).
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}\.)\s+{TITLE}\s+{JOURNAL},?\s+{VOLUME},\s*{PAGE}\s*\({YEAR}\){REST}")
_HARVARD = _Lazy(  # Smith, J. and Jones, K. (2004) 'Title', Journal, 12(3), pp. 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.?\s+{OPEN_Q}(?P<title>.+?)[,.]?{CLOSE_Q},?\s+"
    rf"(?P<journal>[^,]+?),\s*(?:[Vv]ol\.\s*)?{VOLUME}(?:\s?\({ISSUE}\))?"
    rf"(?:,\s*(?:pp?\.|[Aa]rt(?:icle|\.)(?:\s+no\.)?)\s*{PAGE})?{REST}")
_CHICAGO = _Lazy(  # Smith, John, and Kate Jones. 2004. "Title." Journal 12 (3): 45-67.
    rf"^(?P<authors>[^\"\u201c\u201d\d]+?)\.\s+{YEAR}\.\s+{OPEN_Q}(?P<title>.+?[.?!]){CLOSE_Q}\s+"
    rf"(?P<journal>[^\"\u201c\u201d,\d]+?)\s+{VOLUME}(?:,?\s?\({ISSUE}\))?(?::\s*{PAGE})?{REST}")
_IEEE = _Lazy(  # J. Smith and K. Jones, "Title," IEEE Trans. X, vol. 12, no. 3, pp. 45-67, Mar. 2004.
    rf"^(?P<authors>{GIVEN_FIRST_LIST}|{GROUP}),\s+{OPEN_Q}(?P<title>.+?)[,.]?{CLOSE_Q},?\s+"
    rf"(?P<journal>[^,\"\u201c]+?),\s*vol\.\s*{VOLUME}(?:,\s*no\.\s*{ISSUE})?"
    rf"(?:,\s*(?:pp?\.|[Aa]rt\.\s*no\.)\s*{PAGE})?,\s*(?P<md>(?:[A-Z][a-z]{{2,3}}\.?(?:[-\u2013/][A-Z][a-z]{{2,3}}\.?)?\s+)?"
    rf"(?:\d{{1,2}},?\s+)?){YEAR}{REST}")
_ACS_NO_TITLE = _Lazy(  # Smith, J.; Jones, K. J. Am. Chem. Soc. 2004, 126, 45-67.
    rf"^(?P<authors>{INVERTED_LAZY_LIST})\s+{JOURNAL_ABBR}\s+{YEAR},\s*{VOLUME}(?:\s?\({ISSUE}\))?,\s*{PAGE}{REST}")
_ACS = _Lazy(  # Smith, J.; Jones, K. Title. J. Am. Chem. Soc. 2004, 126, 45-67.
    rf"^(?P<authors>{INVERTED_LIST})\s+{TITLE}\s+{JOURNAL}\s+{YEAR},\s*{VOLUME}(?:\s?\({ISSUE}\))?,\s*{PAGE}{REST}")
_CELL = _Lazy(  # Smith, J., and Jones, K. (2004). Title. Cell 117, 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.\s+{TITLE}\s+{JOURNAL},?\s+{VOLUME},\s*{PAGE}{REST}")
#: NLM's "In:" and editors' role in the languages of SciELO and European journals ("En:", "organizador", "éd.").
_IN = r"(?:In|En|Em|Dans)\s?:"
_NLM_ROLE = r"(?:editors?|eds?|organizador(?:es|as?)?|orgs?|coordinador(?:es)?|coord|éds?|dir|Hrsg)\.?"
_VANCOUVER_CHAPTER = _Lazy(  # Smith J. Chapter. In: Editor A, editor. Book. 2nd ed. City: Publisher; 2004. p. 45-67.
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+{TITLE}\s+{_IN}\s*(?:(?P<editors>[^.]+?{ET_AL}?),\s*{_NLM_ROLE}\s+)?"
    rf"(?P<book>.+?)\.\s+(?:Vol(?:ume)?\.?\s*{VOLUME}\.\s+)?(?:(?P<edition>\d+)(?:st|nd|rd|th|a|e|\.)?\s+(?:ed|éd)\.\s+)?"
    rf"{_PLACE}:\s*{_PUBLISHER}\s*;\s*(?:c\s?)?{YEAR}[^.]*?\.(?:\s*pp?\.\s*{PAGE}\.?)?{REST}")
_HARVARD_CHAPTER = _Lazy(  # Smith, J. (2004) 'Chapter', in Jones, K. (ed.) Book. City: Publisher, pp. 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.?\s+{OPEN_Q}(?P<title>.+?)[,.]?{CLOSE_Q},?\s+[Ii]n:?\s+"
    rf"(?P<editors>{INVERTED_LIST}|{GIVEN_FIRST_LIST})\s*\(eds?\.?\)\.?\s+(?P<book>.+?)\.\s+{_ED}"
    rf"{_PLACE}:\s*{_PUBLISHER},\s*pp?\.\s*{PAGE}{REST}")
#: A title followed by "In A. Editor (Ed.)," (or "Dans ... (dir.)", "In ... (Hrsg.)"): a chapter, not a book.
_CHAPTER_IN = r"[^()]*?\.\s+(?:In|Dans|En)\s[^()]*\((?:Eds?|Hrsg|dir|coords?|orgs?|[ÉéEe]ds?)\.\)"
_HARVARD_BOOK = _Lazy(  # Smith, J. (2004) Title of book. 2nd edn. London: Publisher.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.?\s+(?!{_CHAPTER_IN})(?P<title>[^\s'\u2018\"\u201c].*?)"
    rf"(?:\s+\((?P<pedition>\d+)(?:\.|e|a|st|nd|rd|th)?\s*(?:Aufl|éd|ed)\.\))?\.\s+{_ED}{_PLACE}:\s*{_PUBLISHER}{REST}")

# -- books, reports, theses, conference papers, web pages, data sets ---------------------------------------
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_MD = rf"(?P<md>{_MONTH}(?:\s+\d{{1,2}}(?:\s?[-\u2013]\s?(?:{_MONTH}\s+)?\d{{1,2}})?)?)"
_DAY_MONTH = rf"(?P<md>\d{{1,2}}\s+{_MONTH})"  # MLA: "1 May 2020"
#: What ends a title: a period, or the title's own "?"/"!".
_T_END = r"(?:(?<=[?!])|\.)\s+"
_T_STOP = r"(?:\.|(?<=[?!]))"
_QUOTED = rf"{OPEN_Q}(?P<title>.+?)[.,]?{CLOSE_Q}"
_EDITION = r"(?:(?P<edition>\d+(?:st|nd|rd|th))\s+ed\.[,]?\s+)?"
_YEAR_RANGE = rf"(?:c\s?)?{YEAR}(?:[-\u2013]\d{{2,4}})?"
#: A segment between periods: a publisher, a site, a conference (checked by ``_no_volume``).
_SEGMENT = r"(?:(?:[A-Z]\.){2,}|[^\s.\[\]()])(?:(?:[A-Z]\.){2,}|[^.\[\]()\"\u201c\u201d])*?"  # "U.S. Department"
#: MLA's publisher: no period but an initial's ("Alfred A. Knopf", "W. W. Norton").
_MLA_PUBLISHER = r"(?P<publisher>(?:[A-Z]\.\s|[^\d.:;\"\u201c\u201d])+?)"
_CHI_AUTHORS = r"(?P<authors>[^\"\u201c\u201d\d]+?)(?=\.\s+(?![A-Z]\.\s))"  # not inside "J. K."
_IEEE_AUTHORS = rf"(?P<authors>{GIVEN_FIRST_LIST}|{GROUP})"
_CONFERENCE = r"(?:Proc\.|Proceedings|Conf\.|Conference|Symp\.|Symposium|Workshop|Congress|Meeting|Convention)"
_APA_HEAD = (rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\.?\s*(?:\((?P<edrole>Eds?\.)\)\.?\s*)?"
             rf"\((?:{YEAR}|n\.d\.)(?:,\s*{_MD})?\)\.\s+")
_APA_WORK = _Lazy(  # Smith, J. (2020). Title (2nd ed.) [Doctoral dissertation, Univ]. Publisher. URL
    rf"{_APA_HEAD}(?P<title>[^\s\[\"\u201c].*?)(?:\s+\((?P<paren>[^()]+)\))?(?:\s+\[(?P<bracket>[^\[\]]+)\])?{_T_STOP}"
    rf"(?:\s+(?P<publisher>{_SEGMENT})\.)?{REST}")
_APA_CHAPTER = _Lazy(  # Smith, J. (2020). Chapter. In E. Editor (Ed.), Book (2nd ed., pp. 1-9). Publisher.
    rf"{_APA_HEAD}(?P<title>[^\s\[].*?)(?:\s+\[(?P<bracket>[^\[\]]+)\])?{_T_END}(?:In|Dans|En)\s+"
    rf"(?:(?P<editors>{GIVEN_FIRST_LIST}|{GROUP})\s+\((?:Eds?|Hrsg|dir|coords?|orgs?|[ÉéEe]ds?)\.\),\s+)?"
    rf"(?P<book>[^()]+?)(?:\s+\((?P<paren>[^()]+)\))?\."
    rf"(?:\s+(?:{_PLACE}\s*:\s*)?(?P<publisher>{_SEGMENT})\.)?{REST}")
_CHICAGO_AD_BOOK = _Lazy(  # Smith, John. 2004. Title of Book. 2nd ed. New York: Publisher.
    rf"^{_CHI_AUTHORS}\.\s+{YEAR}\.\s+(?P<title>[^\s\"\u201c'\u2018].*?){_T_END}{_EDITION}{_PLACE}:\s*{_PUBLISHER}{REST}")
_CHICAGO_AD_CHAPTER = _Lazy(  # Smith, John. 2004. "Chapter." In Book, edited by Jane Doe, 45-67. City: Pub.
    rf"^{_CHI_AUTHORS}\.\s+{YEAR}\.\s+{_QUOTED}\s+In\s+(?P<book>[^\"\u201c\u201d]+?),\s+"
    rf"(?:edited\s+by\s+(?P<editors>[^\d]+?),\s+)?{PAGE}\.\s+{_PLACE}:\s*{_PUBLISHER}{REST}")
_CHICAGO_NB_BOOK = _Lazy(  # Smith, John. Title of Book. 2nd ed. New York: Publisher, 2004.
    rf"^{_CHI_AUTHORS}\.\s+(?P<title>[^\s\"\u201c'\u2018].*?){_T_END}{_EDITION}{_PLACE}:\s*{_PUBLISHER},\s*"
    rf"{YEAR}{REST}")
_CHICAGO_NB_CHAPTER = _Lazy(  # Smith, John. "Chapter." In Book, edited by Jane Doe, 45-67. City: Pub, 2004.
    rf"^{_CHI_AUTHORS}\.\s+{_QUOTED}\s+In\s+(?P<book>[^\"\u201c\u201d]+?),\s+(?:edited\s+by\s+(?P<editors>[^\d]+?),\s+)?"
    rf"{PAGE}\.\s+{_PLACE}:\s*{_PUBLISHER},\s*{YEAR}{REST}")
_IEEE_BOOK = _Lazy(  # A. Author, Title of Book, 2nd ed. City, Country: Publisher, 2004.
    rf"^{_IEEE_AUTHORS},\s+(?P<title>[^\s\"\u201c].*?)(?:,\s+(?P<edition>\d+(?:st|nd|rd|th))\s+ed\.|[,.])\s+"
    rf"{_PLACE}:\s*{_PUBLISHER},\s*(?:[A-Z][a-z]{{2,3}}\.?\s+)?{YEAR}(?:,\s*pp?\.\s*{PAGE})?{REST}")
_IEEE_CHAPTER = _Lazy(  # A. Author, "Chapter," in Book, 2nd ed., B. Editor, Ed. City: Publisher, 2004, pp. 1-9.
    rf"^{_IEEE_AUTHORS},\s+{_QUOTED},?\s+in\s+(?P<book>[^,\"\u201c]+?)(?:,\s+(?P<edition>\d+(?:st|nd|rd|th))\s+ed\.)?"
    rf"(?:,\s+vol\.\s*{VOLUME})?(?:,\s+(?P<editors>{GIVEN_FIRST_LIST}),\s+Eds?\.)?[,.]?\s+{_PLACE}:\s*{_PUBLISHER},\s*{YEAR}"
    rf"(?:,\s*(?:ch\.\s*\d+,\s*)?pp?\.\s*{PAGE})?{REST}")
_IEEE_CONFERENCE = _Lazy(  # A. Author, "Title," in Proc. Conf. X, City, Country, 2019, pp. 1-5.
    rf"^{_IEEE_AUTHORS},\s+{_QUOTED},?\s+in\s+(?P<book>[^,\"\u201c]*?{_CONFERENCE}[^,\"\u201c]*?)"
    rf"(?:,\s+(?P<eplace>[^\d\"\u201c]+?))?,\s*(?:{_MD},?\s+)?{YEAR}"
    rf"(?:,\s*(?:vol\.\s*{VOLUME},\s*)?(?:pp?\.|[Aa]rt\.\s*no\.)\s*{PAGE})?{REST}")
_REP = r"(?:Tech\.\s+|Technical\s+)?Rep(?:\.|ort)"
_IEEE_REPORT = _Lazy(  # A. Author, "Title," Inst., City, Tech. Rep. TR-12, May 2004.
    rf"^{_IEEE_AUTHORS},\s+{_QUOTED},?\s+(?P<inst>[^\"\u201c\u201d]+?),\s+(?P<genre>{_REP})\s*(?:[Nn]o\.\s*)?"
    rf"(?P<number>[^,]+?),\s*(?:{_MD},?\s+)?{YEAR}{REST}")
_IEEE_REPORT_FIRST = _Lazy(  # A. Author, "Title," Tech. Rep. TR-12, Inst., City, 2004.
    rf"^{_IEEE_AUTHORS},\s+{_QUOTED},?\s+(?P<genre>{_REP})\s*(?:[Nn]o\.\s*)?(?P<number>[^,]+?),\s+"
    rf"(?P<inst>[^\"\u201c\u201d]+?),\s*(?:{_MD},?\s+)?{YEAR}{REST}")
_IEEE_THESIS = _Lazy(  # A. Author, "Title," Ph.D. dissertation, Dept., Univ., City, 2004.
    rf"^{_IEEE_AUTHORS},\s+{_QUOTED},?\s+(?P<genre>(?:Ph\.\s?D\.|M\.\s?S\.|M\.\s?Sc\.|M\.\s?A\.|B\.\s?S\.|Master's|"
    rf"Doctoral|Bachelor's)\s+(?:dissertation|thesis)),\s+(?P<inst>[^\"\u201c\u201d]+?),\s*(?:{_MD},?\s+)?{YEAR}{REST}")
_IEEE_ONLINE = _Lazy(  # A. Author, "Title," Site. Accessed: May 1, 2020. [Online]. Available: URL
    rf"^{_IEEE_AUTHORS}[.,]\s+{_QUOTED}\s+(?P<site>[^\"\u201c\u201d]+?)(?:,\s+(?:{_MD},?\s+)?{YEAR})?\.\s+"
    r"(?:Accessed:?\s+[^\[\]]+?\d{4}\.\s+)?(?:\[Online\]\.?\s+)?(?:Available:?\s+)?(?P<url>https?://\S+?)\.?"
    r"(?:\s+\([Aa]ccessed[^()]+\))?\.?$")
_MLA_BOOK = _Lazy(  # Smith, John. Title of Book. 2nd ed., Publisher, 2004.
    rf"^{_CHI_AUTHORS}\.\s+(?P<title>[^\s\"\u201c].*?){_T_END}{_EDITION}{_MLA_PUBLISHER},\s*{YEAR}{REST}")
_MLA_CHAPTER = _Lazy(  # Smith, John. "Chapter." Book, edited by Jane Doe, Publisher, 2004, pp. 45-67.
    rf"^{_CHI_AUTHORS}\.\s+{_QUOTED}\s+(?P<book>[^\"\u201c\u201d,]+?),\s+(?:edited\s+by\s+(?P<editors>[^\d]+?),\s+)?"
    rf"{_EDITION}{_MLA_PUBLISHER},\s*{YEAR},\s*pp?\.\s*{PAGE}{REST}")
_MLA_WEB = _Lazy(  # Smith, John. "Title." Site, Publisher, 1 May 2020, www.site.org/page. Accessed 3 June 2021.
    rf"^{_CHI_AUTHORS}\.\s+{_QUOTED}\s+(?P<site>[^\"\u201c\u201d,]+?),\s+(?:(?P<publisher>[^\"\u201c\u201d\d,]+?),\s+)?"
    rf"(?:{_DAY_MONTH}\s+{YEAR},\s+)?(?P<url>(?:https?://|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{{2,}}/)\S+?)\.(?:\s+Accessed\s+[^.]+\.)?$")
#: NLM's "[cited ...]" and "Available from:" as SciELO, French and German journals print them.
_CITED = r"(?:cited|citado|citada|acesso\s+em|acessado\s+em|consultado|cit[ée]\s+le|consult[ée]\s+le|zitiert)"
_AVAILABLE = r"(?:Available\s+from|Disponible\s+en|Dispon[íi]vel\s+em|Disponible\s+sur|Verf[üu]gbar\s+unter)"
_VANCOUVER_WORK = _Lazy(  # Smith J. Title [dissertation]. City: Univ; 2004 [cited 2020 May 1]. Report No.: 12.
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+(?P<title>.+?)(?:\s+\[(?P<bracket>[^\[\]]+)\])?\.\s+"
    rf"(?:Version\s+(?P<version>\d+(?:\.\d+)*[a-z]?)\.\s+)?"  # "[computer program]. Version 3.8."
    rf"(?:(?P<edition>\d+(?:st|nd|rd|th))\s+ed\.\s+)?{_PLACE}:\s*{_PUBLISHER};\s*{_YEAR_RANGE}(?:\s+{_MD})?"
    rf"(?:\s*\[(?P<cited>(?:updated[^\[\]]*?;\s*)?{_CITED}[^\[\]]*)\])?\.(?:\s*(?P<pages>\d+)\s*p\.)?"
    r"(?:\s*(?:\((?P<series>[^()]+)\)\.?))?(?:\s*Report\s+No\.?:?\s*(?P<number>[^.\s]+(?:\s[^.\s]+)?)\.)?"
    rf"{REST}")
_VANCOUVER_WEB = _Lazy(  # Smith J. Title [Internet]. Publisher; 2020 [cited 2020 May 1]. Available from: URL
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+(?P<title>.+?)\s+\[(?P<bracket>[^\[\]]*Internet|[Ww]eb page)\]\.\s+"
    rf"{_PUBLISHER};\s*(?:{_YEAR_RANGE}(?:\s+{_MD})?\s*)?\[(?P<cited>(?:updated[^\[\]]*?;\s*)?{_CITED}[^\[\]]*)\]\."
    rf"\s+(?P<rest>{_AVAILABLE}:?\s+\S+)\s*$")
_VANCOUVER_PRESENTED = _Lazy(  # Smith J. Title. Paper presented at: Conference; 2004 May 1-3; City, Country.
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+(?P<title>.+?)\.\s+(?P<genre>Paper|Poster|Abstract|Presentation)\s+"
    rf"presented\s+at:?\s+(?P<event>[^;]+?);\s*{YEAR}(?:\s+{_MD})?;\s*(?P<eplace>[^.;]+?){REST}")
_HARVARD_WEB = _Lazy(  # Smith, J. (2020) Title. Available at: URL (Accessed: 1 May 2020).
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\((?:{YEAR}|n\.d\.|no date)\)\.?\s+(?P<title>[^\s'\u2018\"\u201c].*?)"
    r"[.,]?\s+(?P<rest>(?:\[Online\]\.?\s+)?Available\s+(?:at|from):?\s+<?https?://\S+?>?\.?\s*"
    r"[\[(](?:[Aa]ccessed|[Dd]ate accessed|[Vv]iewed):?\s+[^()\[\]]+[)\]])\.?$")

# -- journal layouts of more publishers (round 3) ----------------------------------------------------------
#: Full given-first names up to the sentence that holds the year (ACM: "Patricia S. Abril and Robert Plant. 2007.").
_FULL_AUTHORS = r"(?P<authors>[^\"\u201c\u201d\d]+?)(?=\.\s+(?:1[5-9]|20)\d\d[a-z]?\.)"
_VANCOUVER_YEAR = _Lazy(  # eLife, ESA, Mol Biol Evol: Smith J, Jones K. 2004. Title. Journal 12(3):45-67.
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+{YEAR}\.\s+{TITLE}\s+{JOURNAL}\.?\s+{VOLUME}(?:\s?\({ISSUE}\))?:\s*{PAGE}{REST}")
_NAR = _Lazy(  # Nucleic Acids Res.: Smith,J.A. and Jones,K. (2004) Title. J. Abbr., 12, 45-67.
    rf"^(?P<authors>{INVERTED_LIST})\s*\({YEAR}\)\s+{TITLE}\s+{JOURNAL},\s+{VOLUME}(?:\s?\({ISSUE}\))?,\s*{PAGE}{REST}")
_ELSEVIER_HARVARD = _Lazy(  # Smith, J.A., Jones, K., 2004. Title. J. Abbr. 12, 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}),\s+{YEAR}\.\s+{TITLE}\s+{JOURNAL},?\s+{VOLUME}(?:\s?\({ISSUE}\))?,\s*"
    rf"{PAGE}{REST}")
_ELSEVIER_NUMBERED = _Lazy(  # J.A. Smith, K. Jones, Title, J. Abbr. 12 (2004) 45-67.
    rf"^(?P<authors>{GIVEN_FIRST_LIST}),\s+(?P<title>[^\s,\"\u201c].*?),\s+{JOURNAL}\s+{VOLUME}\s+\({YEAR}\)\s+{PAGE}{REST}")
_PHYSICS = _Lazy(  # AIP/APS: A. B. Smith and C. Doe, Phys. Rev. Lett. 98, 123456 (2007). (a title in quotes or none)
    rf"^(?P<authors>{GIVEN_FIRST_LIST}),\s+(?:{_QUOTED},?\s+)?{JOURNAL_ABBR},?\s+{VOLUME},\s*{PAGE}\s*\({YEAR}\){REST}")
_CHEM_NO_TITLE = _Lazy(  # RSC, Wiley (Angew.): J. Smith and K. Jones, Chem. Soc. Rev., 2019, 48, 1234-1256.
    rf"^(?P<authors>{GIVEN_FIRST_LIST}),\s+{JOURNAL_ABBR},?\s+{YEAR},\s*{VOLUME}(?:\s?\({ISSUE}\))?,\s*{PAGE}{REST}")
_FRONTIERS = _Lazy(  # Smith, J., and Jones, K. (2004). Title. Front. Abbr. 12:345. doi: ...
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.\s+{TITLE}\s+{JOURNAL}\s+{VOLUME}:\s*{PAGE}{REST}")
_ACM_JOURNAL = _Lazy(  # Jane Doe and Li Wei. 2007. Title. Commun. ACM 50, 1 (Jan. 2007), 36-44. https://doi.org/...
    rf"^{_FULL_AUTHORS}\.\s+{YEAR}\.\s+{TITLE}\s+{JOURNAL}\s+{VOLUME},\s*(?P<issue>\d+[\w-]*)\s+"
    rf"\((?:{_MONTH}\s+)?\d{{4}}\),\s*(?:Article\s+\S+\s+)?{PAGE}{REST}")
_ACM_PROCEEDINGS = _Lazy(  # Jane Doe. 2019. Title. In Proceedings of X (CHI '19). ACM, New York, NY, USA, 1-12. URL
    rf"^{_FULL_AUTHORS}\.\s+{YEAR}\.\s+{TITLE}\s+In\s+(?P<book>[^()]+?)(?:\s+\([^()]*\d{{2}}\))?\.\s+"
    rf"(?P<publisher>[^,.]+(?:\s+Inc\.)?),\s+{_PLACE},\s*{PAGE}{REST}")
#: Chicago notes: given-first names, then the title, the facts of publication in parentheses.
_NOTE_AUTHORS = r"(?P<authors>(?:[^\"\u201c\u201d\d(),]+?,\s+)*?[^\"\u201c\u201d\d(),]+?(?:\s+et\s+al\.)?)"
_CHICAGO_NOTE_ARTICLE = _Lazy(  # John Smith, "Title," Journal 12, no. 3 (May 2004): 45-67.
    rf"^{_NOTE_AUTHORS},\s+{_QUOTED}\s+(?P<journal>[^\"\u201c\u201d\d]+?)\s+{VOLUME}(?:,\s+no\.\s+{ISSUE})?\s+"
    rf"\((?:{_MD}\s+)?{YEAR}\):\s*{PAGE}{REST}")
_CHICAGO_NOTE_BOOK = _Lazy(  # John Smith, Title of Book, 2nd ed. (New York: Publisher, 2004).
    rf"^{_NOTE_AUTHORS},\s+(?P<title>[^\s\"\u201c(][^()]*?)(?:,\s+(?P<edition>\d+(?:st|nd|rd|th))\s+ed\.)?\s+"
    rf"\({_PLACE}:\s*{_PUBLISHER},\s*{YEAR}\){REST}")
_CHICAGO_NOTE_CHAPTER = _Lazy(  # John Smith, "Chapter," in Book, ed. Jane Doe (City: Publisher, 2004), 45-67.
    rf"^{_NOTE_AUTHORS},\s+{_QUOTED}\s+in\s+(?P<book>[^\"\u201c\u201d]+?),\s+ed\.\s+(?P<editors>[^()]+?)\s+"
    rf"\({_PLACE}:\s*{_PUBLISHER},\s*{YEAR}\),\s*{PAGE}{REST}")

# -- books, chapters and theses in the Springer and Elsevier layouts ----------------------------------------
#: The word an editor's role is given by: English, German "Hrsg.", French "dir.", Portuguese/Spanish "org."/"coord.".
_ED_ROLE = r"(?:[Ee]ds?\.?|[Ee]ditors?|Hrsg\.?|dir\.|[Oo]rgs?\.|[Cc]oords?\.)"
#: "2nd edn", "3. Aufl.", "2e éd.", "2. ed." — the edition's number (or word, "fourth ed.").
_ED_ANY = r"(?P<edition>\d+|[a-z]+)(?:st|nd|rd|th|e|a|\.)?\s+(?:edn|ed|Aufl|éd)\.?"
_SPRINGER_BOOK = _Lazy(  # Smith J, Jones K (eds) (2004) Title, 2nd edn. Publisher, City
    rf"^(?P<authors>[^()]+?)\s*(?:\((?P<edrole>{_ED_ROLE})\)\s*)?\({YEAR}\)\s+(?P<title>[^\s\"\u201c].*?)"
    rf"(?:,\s+{_ED_ANY})?\.\s+{_PUBLISHER},\s+{_PLACE}{REST}")
_SPRINGER_CHAPTER = _Lazy(  # Smith J (2004) Chapter. In: Doe A (ed) Book, 2nd edn. Publisher, City, pp 45-67
    rf"^(?P<authors>[^()]+?)\s*\({YEAR}\)\s+{TITLE}\s+In:\s*(?P<editors>[^()]+?)\s*\({_ED_ROLE}\)\s+(?P<book>.+?)"
    rf"(?:,\s+{_ED_ANY})?\.\s+{_PUBLISHER},\s+{_PLACE},\s*(?:pp?|S)\.?\s*{PAGE}{REST}")
_SPRINGER_THESIS = _Lazy(  # Smith J (2004) Title. Dissertation, University of X
    rf"^(?P<authors>[^()]+?)\s*\({YEAR}\)\s+{TITLE}\s+(?P<genre>(?:PhD\s+|Doctoral\s+|Master'?s\s+|Diploma\s+)?"
    rf"(?:[Dd]issertation|[Tt]hesis)),\s+(?P<inst>[^.]+?){REST}")
_SPRINGER_WEB = _Lazy(  # Smith J (2007) Title. Site. URL. Accessed 26 June 2007
    rf"^(?P<authors>[^()]+?)\s*\({YEAR}\)\s+{TITLE}\s+(?P<site>[^.]+?)\.\s+(?P<url>https?://\S+?)\.?"
    r"\s+Accessed\s+[^.]+?\.?$")
_ELSEVIER_BOOK = _Lazy(  # Smith, J., Jones, K., 2004. Title, fourth ed. Publisher, City.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}),\s+{YEAR}\.\s+(?P<title>[^\s\"\u201c].*?)(?:,\s+{_ED_ANY})?\.?\s+"
    rf"{_PUBLISHER},\s+{_PLACE}{REST}")
_ELSEVIER_NUMBERED_BOOK = _Lazy(  # J. Smith, K. Jones, Title, fourth ed., Publisher, City, 2004.
    rf"^(?P<authors>{GIVEN_FIRST_LIST}),\s+(?P<title>[^\s,\"\u201c].*?)(?:,\s+{_ED_ANY})?,\s+{_PUBLISHER},\s+{_PLACE},\s+"
    rf"{YEAR}{REST}")
#: A publisher whose name ends with a company's abbreviation ("E-Publishing Inc.", "Wiley & Sons Ltd.").
_PUBLISHER_CO = r"(?P<publisher>[^\d.;:][^.;:]*?(?:\s(?:Inc|Ltd|Co|Corp|Pvt|GmbH)\.)?)"
_PLACE_COMMAS = r"(?P<place>[^\d.:;]+?)"  # "Cham, Switzerland", "London, UK"
_ELSEVIER_CHAPTER = _Lazy(  # Smith, J., 2004. Chapter, in: Doe, A. (Ed.), Book. Publisher, City, pp. 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}),\s+{YEAR}\.\s+(?P<title>[^\s].*?),\s+in:\s+(?P<editors>{INVERTED_LIST})\s+"
    rf"\(Eds?\.\),\s+(?P<book>.+?)\.\s+{_PUBLISHER_CO},\s+{_PLACE},\s*pp?\.\s*{PAGE}{REST}")
_ELSEVIER_NUMBERED_CHAPTER = _Lazy(  # J. Smith, Chapter, in: A. Doe (Eds.), Book, Publisher, City, 2004, pp. 45-67.
    rf"^(?P<authors>{GIVEN_FIRST_LIST}),\s+(?P<title>[^\s,\"\u201c].*?),\s+in:\s+(?P<editors>{GIVEN_FIRST_LIST})\s+"
    rf"\(Eds?\.\),\s+(?P<book>[^,]+),\s+{_PUBLISHER_CO},\s+{_PLACE},\s+{YEAR},\s*pp?\.\s*{PAGE}{REST}")
_FRONTIERS_CHAPTER = _Lazy(  # Smith, J. (2004). "Chapter," in Book, ed. A. Doe (City: Publisher), 45-67.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})\s*\({YEAR}\)\.\s+{_QUOTED},?\s+in\s+(?P<book>[^\"\u201c\u201d]+?),\s+"
    rf"eds?\.\s+(?P<editors>[^()]+?)\s+\({_PLACE_COMMAS}:\s*{_PUBLISHER}\),\s*{PAGE}{REST}")
_MDPI_BOOK = _Lazy(  # Smith, J.; Jones, K. Title, 2nd ed.; Publisher: City, Country, 2004.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}\.)\s+(?P<title>[^\s].*?)(?:,\s+{_ED_ANY})?;\s+{_PUBLISHER}:\s+{_PLACE_COMMAS},\s+"
    rf"{YEAR}(?:;\s*pp?\.\s*{PAGE})?{REST}")
_MDPI_CHAPTER = _Lazy(  # Smith, J. Chapter. In Book, 2nd ed.; Doe, A., Eds.; Publisher: City, Country, 2004; Volume 3, pp. 1-9.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}\.)\s+{TITLE}\s+In\s+(?P<book>[^;]+?)(?:,\s+{_ED_ANY})?;\s+(?P<editors>[^;]+?),\s+"
    rf"Eds?\.;\s+{_PUBLISHER}:\s+{_PLACE_COMMAS},\s+{YEAR}(?:;\s+Volume\s+{VOLUME})?(?:[,;]\s*pp?\.\s*{PAGE})?{REST}")
_MDPI_PROCEEDINGS = _Lazy(  # Smith, J. Title. In Proceedings of X, City, Country, 20-24 May 2019; pp. 1-6.
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP}\.)\s+{TITLE}\s+In\s+(?P<book>Proceedings[^,;]+?),\s+(?P<eplace>[^;\d]+?),\s+"
    rf"(?:\d{{1,2}}(?:\s?[-\u2013]\s?\d{{1,2}})?\s+)?(?:{_MONTH}\s+)?{YEAR};\s*pp?\.\s*{PAGE}{REST}")
_AVAILABLE_ONLINE = _Lazy(  # Org. Title. Available online: URL (accessed on 9 June 2021).  (MDPI, Frontiers, Elsevier)
    rf"^(?P<authors>{INVERTED_LIST}|{GROUP})(?:(?:\s*\(|,\s+){YEAR}\)?\.|\.)\s+(?P<title>[^\s\"\u201c].*?)\.\s+"
    r"(?:Available\s+online(?:\s+at)?:?\s+)?(?P<url>https?://\S+?)\.?\s+\([Aa]ccessed[^()]+\)\.?$")

# -- preprints on arXiv -------------------------------------------------------------------------------------
#: An arXiv identifier, new ("1706.03762v2") or old ("hep-th/9901001") form.
_ARXIV = r"(?:arXiv\s+preprint\s+)?arXiv:\s?(?P<arxiv>\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)"
_ARXIV_AUTHOR_YEAR = _Lazy(  # Springer / APA: Smith J (2014) Title. arXiv:1412.6980 | Smith, J. (2018). Title. arXiv preprint arXiv:...
    rf"^(?P<authors>[^()]+?)\s*\({YEAR}\)\.?\s+{TITLE}\s+{_ARXIV}(?:\s*\[[^\[\]]+\])?{REST}")
_ARXIV_IEEE = _Lazy(  # A. Smith et al., "Title," arXiv:1706.03762, 2017.
    rf"^{_IEEE_AUTHORS},\s+{_QUOTED},?\s+{_ARXIV},\s*(?:{_MD},?\s+)?{YEAR}{REST}")
_ARXIV_NLM = _Lazy(  # Smith J. Title. arXiv:1706.03762 [Preprint]. 2017 [cited 2023 Jan 5]. Available from: URL
    rf"^(?P<authors>[^.]+?{ET_AL}?)\.\s+{TITLE}\s+{_ARXIV}\s*(?:\[Preprint\])?\.?\s+{YEAR}(?:\s+{_MD})?"
    rf"(?:\s*\[[^\[\]]*\])?{REST}")
_ARXIV_NATURE = _Lazy(  # Smith, J. & Jones, K. Title. Preprint at https://arxiv.org/abs/1512.03385 (2015).
    rf"^(?P<authors>{INVERTED_LIST})\s+{TITLE}\s+Preprint\s+at\s+(?P<url>https?://arxiv\.org/abs/"
    rf"(?P<arxiv>[^\s()]+?))\s+\({YEAR}\)\.?$")

# -- patents ------------------------------------------------------------------------------------------------
#: A patent's number: an office's letters, then digits maybe grouped by commas or spaces, a kind code ("B2").
_PATENT_NO = r"(?P<number>(?:[A-Z]{2}\s?)?\d[\d,\s]*\d(?:\s?[A-Z]\d?)?)"
_NLM_PATENT = _Lazy(  # Smith J, inventor; Acme Inc., assignee. Title. United States patent US 1234567. 2002 Aug 1.
    rf"^(?P<authors>[^.;]+?),\s+inventors?(?:;\s+[^;]+?,\s+assignees?)?\.\s+{TITLE}\s+[A-Z][\w.\s]*?\s+patent\s+"
    rf"{_PATENT_NO}\.\s+{YEAR}(?:\s+{_MD})?{REST}")
_IEEE_PATENT = _Lazy(  # J. Smith, "Title," U.S. Patent 9 123 456, Jan. 5, 2016.
    rf"^{_IEEE_AUTHORS},\s+{_QUOTED},?\s+[A-Z][\w.\s]*?\s+Patent\s+{_PATENT_NO},\s*(?:{_MD},?\s+)?{YEAR}{REST}")


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


def full_names(text: str) -> list[Name] | None:
    """Chicago's and MLA's editors, all given-first: "Jane Doe, Kate A. Lee, and Li Wei"."""
    parts = [p.strip() for p in re.split(r",?\s+and\s+|\s*,\s*", text.strip()) if p.strip()]
    if not parts or not all(re.fullmatch(rf"{_GIVEN_WORD}(?:\s+{_GIVEN_WORD}){{1,5}}", p) for p in parts):
        return None
    return [parse_name(p) for p in parts]


# -- building items ----------------------------------------------------------------------------------------
NameParser = Callable[[str], "list[Name] | None"]
#: (style, pattern, how its author names are written, CSL type). Tried in this order; the first that
#: matches the whole text and whose names read as names wins.
STYLES: tuple[tuple[str, re.Pattern[str], NameParser, str], ...] = (
    ("ieee", _IEEE, given_first_names, "article-journal"),
    ("chicago", _CHICAGO, chicago_names, "article-journal"),
    ("harvard-chapter", _HARVARD_CHAPTER, inverted_names, "chapter"),
    ("harvard", _HARVARD, inverted_names, "article-journal"),
    ("harvard-web", _HARVARD_WEB, inverted_names, "webpage"),
    ("harvard-book", _HARVARD_BOOK, inverted_names, "book"),
    ("plos", _PLOS, vancouver_names, "article-journal"),
    ("nature", _NATURE, inverted_names, "article-journal"),
    ("cell", _CELL, inverted_names, "article-journal"),
    ("acs", _ACS_NO_TITLE, inverted_names, "article-journal"),
    ("acs", _ACS, inverted_names, "article-journal"),
    ("vancouver-chapter", _VANCOUVER_CHAPTER, vancouver_names, "chapter"),
    ("vancouver-presented", _VANCOUVER_PRESENTED, vancouver_names, "speech"),
    ("vancouver-web", _VANCOUVER_WEB, vancouver_names, "webpage"),
    ("vancouver-work", _VANCOUVER_WORK, vancouver_names, "book"),
    ("arxiv", _ARXIV_NLM, vancouver_names, "article"),
    ("arxiv", _ARXIV_AUTHOR_YEAR, vancouver_names, "article"),
    ("arxiv", _ARXIV_AUTHOR_YEAR, inverted_names, "article"),
    ("arxiv", _ARXIV_IEEE, given_first_names, "article"),
    ("arxiv", _ARXIV_NATURE, inverted_names, "article"),
    ("available-online", _AVAILABLE_ONLINE, inverted_names, "webpage"),
    ("apa-chapter", _APA_CHAPTER, inverted_names, "chapter"),
    ("apa-work", _APA_WORK, inverted_names, "book"),
    ("chicago-chapter", _CHICAGO_AD_CHAPTER, chicago_names, "chapter"),
    ("chicago-book", _CHICAGO_AD_BOOK, chicago_names, "book"),
    ("chicago-chapter", _CHICAGO_NB_CHAPTER, chicago_names, "chapter"),
    ("chicago-book", _CHICAGO_NB_BOOK, chicago_names, "book"),
    ("ieee-chapter", _IEEE_CHAPTER, given_first_names, "chapter"),
    ("ieee-conference", _IEEE_CONFERENCE, given_first_names, "paper-conference"),
    ("ieee-report", _IEEE_REPORT, given_first_names, "report"),
    ("ieee-report", _IEEE_REPORT_FIRST, given_first_names, "report"),
    ("ieee-thesis", _IEEE_THESIS, given_first_names, "thesis"),
    ("ieee-online", _IEEE_ONLINE, given_first_names, "webpage"),
    ("ieee-book", _IEEE_BOOK, given_first_names, "book"),
    ("mla-chapter", _MLA_CHAPTER, chicago_names, "chapter"),
    ("mla-web", _MLA_WEB, chicago_names, "webpage"),
    ("mla-book", _MLA_BOOK, chicago_names, "book"),
    ("vancouver-year", _VANCOUVER_YEAR, vancouver_names, "article-journal"),
    ("nar", _NAR, inverted_names, "article-journal"),
    ("elsevier-harvard", _ELSEVIER_HARVARD, inverted_names, "article-journal"),
    ("elsevier-numbered", _ELSEVIER_NUMBERED, given_first_names, "article-journal"),
    ("physics", _PHYSICS, given_first_names, "article-journal"),
    ("chemistry", _CHEM_NO_TITLE, given_first_names, "article-journal"),
    ("frontiers", _FRONTIERS, inverted_names, "article-journal"),
    ("acm", _ACM_JOURNAL, full_names, "article-journal"),
    ("acm-proceedings", _ACM_PROCEEDINGS, full_names, "paper-conference"),
    ("chicago-note", _CHICAGO_NOTE_ARTICLE, full_names, "article-journal"),
    ("chicago-note-chapter", _CHICAGO_NOTE_CHAPTER, full_names, "chapter"),
    ("chicago-note-book", _CHICAGO_NOTE_BOOK, full_names, "book"),
    ("springer-chapter", _SPRINGER_CHAPTER, vancouver_names, "chapter"),
    ("springer-thesis", _SPRINGER_THESIS, vancouver_names, "thesis"),
    ("springer-web", _SPRINGER_WEB, vancouver_names, "webpage"),
    ("springer-book", _SPRINGER_BOOK, vancouver_names, "book"),
    ("elsevier-chapter", _ELSEVIER_CHAPTER, inverted_names, "chapter"),
    ("elsevier-book", _ELSEVIER_BOOK, inverted_names, "book"),
    ("elsevier-numbered-chapter", _ELSEVIER_NUMBERED_CHAPTER, given_first_names, "chapter"),
    ("elsevier-numbered-book", _ELSEVIER_NUMBERED_BOOK, given_first_names, "book"),
    ("frontiers-chapter", _FRONTIERS_CHAPTER, inverted_names, "chapter"),
    ("mdpi-chapter", _MDPI_CHAPTER, inverted_names, "chapter"),
    ("mdpi-proceedings", _MDPI_PROCEEDINGS, inverted_names, "paper-conference"),
    ("mdpi-book", _MDPI_BOOK, inverted_names, "book"),
    ("patent", _NLM_PATENT, vancouver_names, "patent"),
    ("patent", _IEEE_PATENT, given_first_names, "patent"),
)
_DASHES = re.compile(r"\s*[-\u2013\u2014]\s*")
_ELOCATION = re.compile(r"e\d{3,}")  # PLOS/eLife/BMJ article numbers ("e1000123")
_DOI = re.compile(r"(?:\bdoi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+?)[.,;]?(?=\s|$)", re.I)
_URL = re.compile(r"(?<![\w/])(https?://\S+?)[.,;)]?(?=\s|$)")


# -- what the words of a book, report or web page say ------------------------------------------------------
#: The bracketed description after a title (APA "[Doctoral dissertation, Univ]", NLM "[dissertation]"):
#: (pattern, CSL type, whether its words are kept as ``genre``).  "[Internet]" is a medium, not a kind.
KINDS: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (re.compile(r"(?i)(?:unpublished\s+)?(?:(?:doctoral|master'?s|ph\.?\s?d\.?|bachelor'?s|honou?rs|diploma)\s+)?"
                r"(?:dissertation|thesis)"), "thesis", True),
    (re.compile(r"(?i)(?:disserta[çc][ãa]o|tese|tesis|th[èe]se|Dissertation|Doktorarbeit)(?:\s+(?:de|doctoral|de doctorat|"
                r"de mestrado|de doutorado|de maestr[íi]a))?"), "thesis", True),
    (re.compile(r"(?i)data\s?set|database"), "dataset", False),
    (re.compile(r"(?i)(?:computer\s+)?software|computer program|mobile app"), "software", False),
    (re.compile(r"(?i)(?:paper|poster|conference|symposium|keynote)\s+(?:presentation|session|address)"), "speech", True),
    (re.compile(r"(?i)fact sheet|policy brief|white paper|(?:technical\s+)?report|brochure|(?:working|issue)\s+"
                r"(?:paper|brief)"), "report", True),
    (re.compile(r"(?i)internet|homepage|web\s?page"), "", False),
)
#: What an APA parenthesis after a title may hold, comma-separated: "(2nd ed., Vol. 3, pp. 1-9)",
#: "(Report No. 12)", "(Version 2.1)".  A part none of these reads means the shape is not understood.
PAREN_PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d+)(?:st|nd|rd|th)\s+ed\.?"), "edition"),
    (re.compile(r"(\d+)(?:\.|e|a)\s+(?:Aufl|éd|ed)\.?"), "edition"),  # German, French, Spanish
    (re.compile(r"(Rev\.|Revised)\s+ed\.?"), "edition"),
    (re.compile(r"Vols?\.\s*(\S+)"), "volume"),
    (re.compile(rf"(?:pp?|S)\.\s*({PAGE_TOKEN}(?:\s?[-\u2013]\s?{PAGE_TOKEN})?)"), "page"),
    (re.compile(r"(?:Version|Ver\.)\s*(\S+)"), "version"),
    (re.compile(r"(.*?)\s*No\.\s*(.+)"), "number"),  # "Technical Report No. 5": genre, then number
)
#: A container that is a conference's proceedings (its papers are ``paper-conference``).
_PROCEEDINGS = re.compile(rf"(?i)\b{_CONFERENCE}")
#: A bare 1-3 digit number: a volume or an issue, which no publisher, site or conference name holds.
_VOLUME_LIKE = re.compile(r"\b\d{1,3}\b(?!st|nd|rd|th)")
#: "[cited 2020 May 1]", "(Accessed: 1 May 2020)", "Accessed May 1, 2020", "Retrieved May 1, 2020, from"
ACCESSED = re.compile(r"(?:\bcited|\b[Aa]ccessed|\b[Dd]ate accessed|\b[Vv]iewed|\bRetrieved|"
                      r"\bcitad[oa]|\b[Aa]cess(?:o|ado)\s+em|\bconsultad[oa]|\b[Cc]onsult[ée]\s+le|\b[Aa]brufen\s+am|"
                      r"\b[Zz]itiert|\b[Zz]ugegriffen\s+am)(?::|\s+on)?\s+"
                      r"(?P<date>[^()\[\];]*?(?:1[6-9]|20)\d\d(?:\s+[A-Za-z][a-z]{2,8}\.?(?:\s+\d{1,2})?)?)"
                      r"(?=\s*(?:[)\];.]|,\s*from\b|$))")
_WEEKDAY = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+")


def accessed_in(text: str) -> dict | None:
    """The date a text says it was accessed or cited (NLM "[cited 2020 May 1]", Harvard "(Accessed: 1 May
    2020)", IEEE "Accessed: May 1, 2020" / "(accessed Jun. 5, 2020)", MLA "Accessed 3 June 2021", APA 6
    "Retrieved May 1, 2020, from"); None when it says none or the date does not read."""
    for m in ACCESSED.finditer(text):
        date = parse_date(_WEEKDAY.sub("", m.group("date").strip()).replace(",", " "))
        if date and "date-parts" in date:
            return date
    return None


def _date(year: str | None, md: str | None) -> dict | None:
    """A CSL date from a year and what a style writes with it ("May 1", "Jan.-Feb.", "1 May", "May 1-3")."""
    if not year:
        return None  # "n.d.", "no date"
    md = re.sub(r"\.(?=\S)", ". ", (md or "").replace(",", " ")).strip()
    if re.fullmatch(r"[A-Z][a-z]+\.?\s*[-\u2013/]\s*[A-Z].*", md):  # "Jan.-Feb.": its first month
        md = re.split(r"\s*[-\u2013/]\s*", md)[0]
    md = re.sub(r"\s*[-\u2013]\s*", "-", md)
    for text in (f"{year} {md}", f"{md} {year}"):
        date = parse_date(text.strip())
        if date and "date-parts" in date:
            return date
    return {"date-parts": [[int(year)]]}


def _genre(words: str) -> str:
    return re.sub(r"(?i)\s+on\s+the\s+internet$", "", words.strip())


def _bracket(item: Item, bracket: str) -> str | None:
    """The type an APA or NLM bracket says ('' for a medium); None for a description no row of KINDS reads."""
    words, _, inst = bracket.partition(",")
    for pattern, ctype, keep in KINDS:
        if pattern.fullmatch(_genre(words)):
            if keep:
                item["genre"] = _genre(words)
            if inst.strip():
                item["publisher"] = inst.strip()
            return ctype
    return None


def _paren(item: Item, paren: str) -> bool:
    """The parts of an APA parenthesis into their fields; False when a part is not understood."""
    for part in re.split(r";\s*|,\s+", paren.strip()):  # not inside "No. 7,654,321"
        for pattern, var in PAREN_PARTS:
            if m := pattern.fullmatch(part.strip()):
                if var == "number":
                    if m.group(1).strip() and m.group(1).strip().lower() not in ("report", "rep."):
                        item["genre"] = m.group(1).strip()
                    item["number"] = m.group(2)
                elif var == "edition":
                    item["edition"] = m.group(1).replace("Revised", "Rev.")
                else:
                    item[var] = _DASHES.sub("-", m.group(1))
                break
        else:
            return False
    return True


def _event(item: Item, text: str) -> None:
    """ "Annual Meeting of X, Chicago, IL, United States": the event's name, then its place."""
    name, _, place = text.partition(", ")
    item["event-title"] = name.strip()
    if place.strip():
        item["event-place"] = place.strip()


def _settle(style: str, item: Item, g: dict[str, str]) -> bool:
    """Type and fields a book-like style decides from its words; False when the text is not understood."""
    kind = None
    if g.get("bracket"):
        kind = _bracket(item, g["bracket"])
        if kind is None:
            return False
    if g.get("paren") and not _paren(item, g["paren"]):
        return False
    segment = item.get("publisher", "") if not g.get("bracket") or "," not in g["bracket"] else g.get("publisher", "")
    if segment and _VOLUME_LIKE.search(segment):
        return False  # "Journal, 12, 45-67": a journal reference that fits no journal style
    if style == "vancouver-presented":  # "Poster presented at:" is APA's "[Poster presentation]"
        item["genre"] = f"{g['genre']} presentation"
    if kind:
        item["type"] = kind
    elif re.search(r"(?i)\bpatent\b", item.get("genre", "")):  # APA: "(U.S. Patent No. 7,654,321)"
        item["type"] = "patent"
    elif "number" in item and item["type"] == "book":
        item["type"] = "report"
    if item["type"] == "thesis" and g.get("bracket") and "," in g["bracket"] and g.get("publisher"):
        item["archive"] = g["publisher"].strip()  # APA: "[Doctoral dissertation, Univ]. ProQuest ..."
    if item["type"] == "speech" and "publisher" in item and style.startswith("apa"):
        _event(item, item.pop("publisher"))
    web = style == "apa-work" and not kind and "URL" in item and "edition" not in item and "number" not in item and (
        g.get("md") or not g.get("year") or re.match(r"Retrieved", g.get("rest") or ""))
    if style == "vancouver-work" and kind == "" and g.get("cited") and not (
            {"edition", "number", "number-of-pages"} & item.keys()):
        web = True  # NLM's "[Internet] ... [cited ...]" without an edition, pages or report number
    if web or style in ("vancouver-web", "harvard-web", "ieee-online", "mla-web"):
        item["type"] = "webpage"
        if style == "apa-work" and "publisher" in item:  # APA: "Title. Site Name. URL"
            item["container-title"] = item.pop("publisher")
    container = item.get("container-title", "")
    if item["type"] == "chapter" and _PROCEEDINGS.search(container):
        item["type"] = "paper-conference"
        if ";" in container:  # NLM: "Proceedings of X; 2002 Apr 3-5; Place"
            parts = [p.strip() for p in container.split(";")]
            item["container-title"] = parts[0]
            if len(parts) > 2 and not re.search(r"\d{4}", parts[-1]):
                item["event-place"] = parts[-1]
    return True


def _editors(text: str, parsers: tuple[NameParser, ...]) -> list[Name] | None:
    text, _ = _clean_authors(text)
    return next((names for parse in parsers if (names := parse(text))), None)


#: Editions written as words (Elsevier: "fourth ed."), first to tenth.
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
#: Named groups that go to one variable as they are.
_PLAIN_GROUPS = {"site": "container-title", "event": "event-title", "eplace": "event-place", "number": "number",
                 "inst": "publisher", "url": "URL", "version": "version"}
#: Styles whose type and fields follow from their words (see ``_settle``).
_WORKS = {"vancouver-presented", "apa-work", "apa-chapter", "vancouver-work", "vancouver-chapter", "vancouver-web", "ieee-chapter",
          "ieee-conference", "harvard-web", "ieee-online", "mla-web"}
_EDITOR_ROLE = re.compile(r",\s*(?:editors?|eds?\.?)$")
#: How the editors after "In" are written, per style family (the first parser that reads them wins).
_EDITOR_PARSERS: dict[str, tuple[NameParser, ...]] = {
    "vancouver": (vancouver_names,), "chicago": (full_names,), "mla": (full_names,), "springer": (vancouver_names,)}


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
    if "pedition" in g:  # "Title (2. Aufl.)"
        g["edition"] = g["pedition"]
    if "edition" in g:
        edition = g["edition"] if g["edition"].lower() in ORDINALS else re.sub(r"(?i)(st|nd|rd|th)$", "", g["edition"])
        item["edition"] = str(ORDINALS.index(edition.lower()) + 1) if edition.lower() in ORDINALS else edition
    if "place" in g:
        item["publisher-place"] = g["place"]
    if "publisher" in g:
        item["publisher"] = strip_final_period(g["publisher"])
    if "suffix" in g:
        item["year-suffix"] = g["suffix"]
    for group, var in _PLAIN_GROUPS.items():
        if group in g:
            item[var] = strip_final_period(g[group]) if var != "URL" else g[group]
    if "genre" in g:
        item["genre"] = g["genre"]
    if "arxiv" in g:  # a preprint: arXiv is its archive, the identifier its number (as the BibTeX reader does)
        item["archive"], item["number"] = "arXiv", re.sub(r"v\d+$", "", g["arxiv"])
    rest = g.get("rest", "")
    if m_doi := _DOI.search(rest):
        item["DOI"] = normalize_doi(m_doi.group(1)) or m_doi.group(1)
    url = next((u for u in _URL.findall(rest) if "doi.org/" not in u.lower()), "")
    if url:
        item["URL"] = url


def _item(style: str, m: re.Match[str], parse_names: NameParser, ctype: str) -> Item | None:
    authors_text, et_al = _clean_authors(m.group("authors"))
    g = m.groupdict()
    editor_role = bool(g.get("edrole")) or ctype == "book" and bool(_EDITOR_ROLE.search(authors_text))
    if editor_role:  # "Smith J, editor. Book." / "Smith, J. (Ed.). (2020).": an edited book
        authors_text = _EDITOR_ROLE.sub("", authors_text)
    names = parse_names(authors_text)
    if not names:
        return None
    title = (g.get("title") or "").strip().rstrip(",")
    item: Item = {"type": ctype, ("editor" if editor_role else "author"): names}
    if date := _date(g.get("year"), g.get("md")):
        item["issued"] = date
    if style == "acs" and _ABBREVIATIONS_ONLY.fullmatch(title):
        return None
    if title:  # ACS may print no title
        item["title"] = strip_final_period(title) if not title.endswith(("?", "!")) else title
    if g.get("journal"):
        item["container-title"] = g["journal"].strip()  # a final period is the abbreviation's
    if g.get("book"):
        item["container-title"] = g["book"].strip()
    if g.get("editors"):
        parsers = _EDITOR_PARSERS.get(style.split("-")[0], (inverted_names, given_first_names))
        if not (editors := _editors(g["editors"], parsers)):
            return None
        item["editor"] = editors
    _fill(m, item)
    if (style in _WORKS or ctype == "book") and not _settle(style, item, g):
        return None
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
