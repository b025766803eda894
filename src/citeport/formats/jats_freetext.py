"""Free-text references of a JATS ``<ref-list>`` (a ``<mixed-citation>`` with no elements).

Publishers deliver many reference lists as the printed text only.  Three layouts are
regular enough to read without guessing much: Vancouver/NLM ("Smith JA, Jones B. Title.
N Engl J Med. 2019;380(5):123-30."), APA ("Smith, J. A., & Jones, B. (2019). Title.
Journal, 12(3), 45-67.") and MLA ('Smith, John, et al. "Title." Journal, vol. 12, no. 3,
2020, pp. 45-67.', or PubMed's '... Journal vol. 12,3 (2020): 45-67.'), all for journal
articles (PubMed's "Cite" dialog reuses them).  Any other text stays whole in the
title, as before; identifiers written in it (DOI, PMID, PMCID, URL) are taken in every case.
"""
from __future__ import annotations

import re

from ..model.dates import parse_date
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import Item
from ..model.names import Name, looks_like_organisation, parse_name
from ..model.text import clean, strip_final_period
from .jats_freetext_styles import accessed_in, parse_styled
from .pubmed_text_parse import looks_like_authors, parse_authors, parse_citation

DOI_IN_TEXT = re.compile(r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s\"<>]+?)[.,;]?(?=\s|$)", re.I)
PMID_IN_TEXT = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
PMCID_IN_TEXT = re.compile(r"\b(?:PMCID:?\s*)?(PMC\d{4,9})\b")
URL_IN_TEXT = re.compile(r"(?<![\w/])(https?://[^\s\"<>]+?)[.,;)]?(?=\s|$)")
#: A journal abbreviated with periods ("J. Biol. Chem.", "Proc. Natl. Acad. Sci. U.S.A.") before the year.
_DOTTED_JOURNAL = re.compile(r"((?:(?:[A-Z][\w'-]{0,9}|[a-z]{1,3}|&)\.?\s+)*[A-Z][\w'.-]{0,9})\.\s+(?:1[6-9]|20)\d\d\b")
ET_AL = re.compile(r",?\s*\bet al\.?\s*$", re.I)
#: BMJ, Lancet and OUP print NLM's citation without the period after the journal ("BMJ 2017;357:j2099",
#: "Lancet 2020; 396: 1223-49"): the journal is the words before a year that a semicolon follows.
_JOURNAL_NO_PERIOD = re.compile(r"^(?P<journal>[^\W\d][^.;:\d]*?)\s+(?=(?:1[6-9]|20)\d\d(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s?;)")
#: What NLM's citation may hold as a volume: a short token with a digit ("12", "12 Suppl 1"), not words.
_VOLUME_LIKE = re.compile(r"[\w-]{0,8}\d[\w-]*(?:\s+(?:Suppl|Pt|Spec No)\.?\s*\w*)?")
#: NLM's notes on an online journal, which stand inside its citation (the access date is read apart).
_ONLINE_NOTES = re.compile(r"\s*\[(?:Internet|(?:updated[^\[\]]*?;\s*)?cited[^\[\]]*)\]")

#: APA: "Authors (2019a, March 3). Title. Journal, 12(3), 45–67."  The journal may hold a parenthesised
#: place or edition ("Lancet (London, England)", "BMJ (Clinical research ed.)"); a paper ahead of print has
#: its article id where the volume goes ("Journal, S0140-6736(23)00001-1. Advance online publication.").
_APA = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>(?:1[5-9]|20)\d\d)(?P<suffix>[a-z])?(?:,\s*(?P<md>[A-Z][a-z]+(?:\s+\d{1,2})?))?\)\.\s+"
    r"(?P<title>.+?[.?!])\.?\s+(?P<journal>(?:[^.,()]|\([^()]*\))+?),\s*"
    r"(?:(?P<volume>\d[\w-]*)\s*(?:\((?P<issue>[^()]+)\))?"
    r"(?:,\s*(?P<page>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-\u2013]\s*[A-Za-z]?\d+)?))?"
    r"|(?P<eloc>\S+?)(?=\.\s+Advance online publication))\.?(?P<rest>\s.*)?$")
#: One APA name: "Smith, J. A." or "van der Berg, K.-L.", maybe with a suffix ("van der Meer, J., Jr")
_APA_NAME = re.compile(r"[^,&\u2026]+?,\s*(?:[A-Z][a-z]?\.(?:\s*-?\s*[A-Z][a-z]?\.)*)"
                       r"(?:,\s*(?:Jr|Sr|II|III|IV|2nd|3rd|4th)\.?(?=\s*(?:,|$)))?")
#: APA 7 leaves out the names between the 19th and the last: "..., LeBlanc, E. S., … D2d Research Group"
_APA_GAP = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")

#: MLA as PubMed's "Cite" dialog writes it: 'Smith, John A et al. "Title." Journal vol. 12,3 (2020): 45-67.'
_MLA_PUBMED = re.compile(
    r"^(?P<authors>[^\u201c\u201d\"]+?)\.?\s+[\u201c\"](?P<title>[^\u201c\u201d\"]+?)[\u201d\"]\s+"
    r"(?P<journal>[^\u201c\u201d\"]+?)\s+vol\.\s*(?P<volume>[^\s,()]+)(?:\s*,\s*(?P<issue>[^\s()]+))?\s*"
    r"\((?P<year>(?:1[5-9]|20)\d\d)\)(?::\s*(?P<page>\S+?))?\.?(?P<rest>\s.*)?$")
#: ... and of a paper with an article number: '... PloS one vol. 15,3 e0229519. 5 Mar. 2020, doi:...'
_MLA_ELOC = re.compile(
    r"^(?P<authors>[^\u201c\u201d\"]+?)\.?\s+[\u201c\"](?P<title>[^\u201c\u201d\"]+?)[\u201d\"]\s+"
    r"(?P<journal>[^\u201c\u201d\"]+?)\s+vol\.\s*(?P<volume>[^\s,()]+)(?:\s*,\s*(?P<issue>[^\s()]+))?\s+"
    r"(?P<page>[^\s()]+?)\.\s+(?P<md>(?:\d{1,2}\s+)?[A-Z][a-z]{2,3}\.?\s+)?(?P<year>(?:1[5-9]|20)\d\d)(?P<rest>[,.\s].*)?$")
#: MLA 9: 'Smith, John, et al. "Title." Journal, vol. 12, no. 3, 2020, pp. 45-67, https://doi.org/...'
_MLA_9 = re.compile(
    r"^(?P<authors>[^\u201c\u201d\"]+?)\.?\s+[\u201c\"](?P<title>[^\u201c\u201d\"]+?)[\u201d\"]\s+"
    r"(?P<journal>[^\u201c\u201d\"]+?),\s*vol\.\s*(?P<volume>[^\s,]+)(?:,\s*no\.\s*(?P<issue>[^\s,]+))?,\s*"
    r"(?P<md>(?:\d{1,2}\s+)?[A-Z][a-z]{2,3}\.?\s+)?(?P<year>(?:1[5-9]|20)\d\d)"
    r"(?:,\s*pp?\.\s*(?P<page>[^\s,]+?))?[.,]?(?P<rest>\s.*)?$")
#: MLA of a paper ahead of print (PubMed): '... "Title." Journal, S0140-6736(23)00001-1. 5 Jan. 2023, doi:...'
_MLA_AHEAD = re.compile(
    r"^(?P<authors>[^\u201c\u201d\"]+?)\.?\s+[\u201c\"](?P<title>[^\u201c\u201d\"]+?)[\u201d\"]\s+"
    r"(?P<journal>[^\u201c\u201d\"]+?),\s*(?P<eloc>\S+?)\.\s+"
    r"(?P<md>\d{1,2}\s+[A-Z][a-z]{2,3}\.?\s+)(?P<year>(?:1[5-9]|20)\d\d)(?P<rest>[,.\s].*)?$")


def ids_in_text(text: str) -> dict[str, str]:
    """DOI, PMID, PMCID and the first other URL written in a reference's text."""
    out: dict[str, str] = {}
    if m := DOI_IN_TEXT.search(text):
        out["DOI"] = normalize_doi(m.group(1)) or m.group(1)
    if (m := PMID_IN_TEXT.search(text)) and normalize_pmid(m.group(1)):
        out["PMID"] = normalize_pmid(m.group(1)) or ""
    if (m := PMCID_IN_TEXT.search(text)) and normalize_pmcid(m.group(1)):
        out["PMCID"] = normalize_pmcid(m.group(1)) or ""
    url = next((u for u in URL_IN_TEXT.findall(text) if not re.search(r"doi\.org/", u, re.I)), "")
    if url:
        out["URL"] = url
    return out


def _vancouver(text: str) -> Item | None:
    """Authors. Title. Journal. Year;Vol(Issue):Pages. — split where the rest reads as an NLM citation."""
    text = _ONLINE_NOTES.sub("", text)  # NLM's "J Med Internet Res [Internet]. 2019 [cited 2020 May 1];21(3):e1"
    for m in re.finditer(r"(?<=[^\s.][.?!])\s+(?=\S)", text):
        head, tail = text[:m.start()], text[m.end():]
        authors_text, dot, title = head.partition(". ")
        if not dot or not title:
            continue
        journal = _DOTTED_JOURNAL.match(tail)
        cit = parse_citation(tail)
        if cit is None and journal:  # "J. Biol. Chem. 2001;5:1-2": NLM's form has no periods
            cit = parse_citation(journal.group(1).replace(". ", " ") + tail[journal.end(1):])
            if cit is not None:
                cit.journal = journal.group(1) + "."
        if cit is None and (bare := _JOURNAL_NO_PERIOD.match(tail)):
            cit = parse_citation(f"{bare.group('journal')}. {tail[bare.end():]}")
        if cit is None or not cit.issued:
            continue
        if cit.volume and not _VOLUME_LIKE.fullmatch(cit.volume):  # "2020; published online March 3"
            cit.volume = cit.issue = cit.page = ""
        et_al = bool(ET_AL.search(authors_text))
        authors_text = ET_AL.sub("", authors_text)
        if not looks_like_authors(authors_text):
            return None
        item: Item = {"type": "article-journal",
                      "author": [a.name for a in parse_authors(authors_text, full_names=False)],
                      "title": strip_final_period(title), "container-title": cit.journal, "issued": cit.issued}
        for var, value in (("volume", cit.volume), ("issue", cit.issue), ("page", cit.page), ("DOI", cit.doi)):
            if value:
                item[var] = re.sub(r"\s*[-\u2013]\s*", "-", value) if var == "page" else value
        if et_al:
            item["custom"] = {"et-al": ["author"]}
        return item
    return None


def _apa_names(text: str) -> list[Name] | None:
    """"Smith, J. A., & Jones, B." (a group's name may stand among them); None when the text is not such a list."""
    text = _APA_GAP.sub(", ", ET_AL.sub("", text))
    text = re.sub(r",?\s*(?:&|\band)\s+", ", ", text)
    names: list[Name] = []
    pos = 0
    text = re.sub(r"(?:,\s*){2,}", ", ", text).strip(" ,")
    while pos < len(text):
        m = _APA_NAME.match(text, pos)
        if m:
            names.append(parse_name(m.group(0).strip(" ,")))
        else:  # no "Family, I." here: a group's name ("D2d Research Group"), or not a name list we can trust
            m = re.compile(r"[^,]+").match(text, pos)
            if not m or not looks_like_organisation(m.group(0).strip()):
                return None
            names.append({"literal": m.group(0).strip()})
        pos = m.end()
        sep = re.compile(r"\s*,\s*|\s*$").match(text, pos)
        if not sep or sep.end() == pos and pos < len(text):
            return None
        pos = sep.end()
    return names or None


def _apa(text: str) -> Item | None:
    m = _APA.match(text)
    if not m:
        return None
    names = _apa_names(m.group("authors").strip())
    if not names:
        return None
    date = parse_date(f"{m.group('year')} {m.group('md') or ''}".strip()) or {"date-parts": [[int(m.group("year"))]]}
    item: Item = {"type": "article-journal", "author": names, "title": strip_final_period(m.group("title")),
                  "container-title": m.group("journal").strip(), "issued": date}
    for var in ("volume", "issue", "page"):
        if m.group(var):
            item[var] = re.sub(r"\s*[-\u2013]\s*", "-", m.group(var).strip())
    if m.group("eloc"):  # ahead of print: the article id where the volume goes (a DOI is taken from the text)
        if not m.group("eloc").startswith("10."):
            item["custom"] = {"elocation": m.group("eloc")}
    if m.group("suffix"):
        item["year-suffix"] = m.group("suffix")
    if ET_AL.search(m.group("authors")) or _APA_GAP.search(m.group("authors")):
        item.setdefault("custom", {})["et-al"] = ["author"]
    return item


def _mla_names(text: str) -> list[Name] | None:
    """MLA's authors: the first inverted ("Smith, John A"), a second given-first ("and Jane Doe"), or a group."""
    text = ET_AL.sub("", text).strip(" ,.")
    first, _, second = re.sub(r",?\s+and\s+", "\0", text, count=1).partition("\0")
    if "," not in first:
        return [{"literal": first}] if first and looks_like_organisation(first) else None
    names = [parse_name(first)]
    if second:
        names.append(parse_name(second))
    for name in names:
        if not name.get("family") or re.search(r"\d", name.get("family", "")):
            return None
        if name.get("given"):  # "John A": PubMed writes the middle initial without its period
            name["given"] = re.sub(r"\b([A-Z\u00C0-\u00DE])(?=\s|$)", r"\1.", name["given"])
    return names


def _mla(text: str) -> Item | None:
    m = _MLA_PUBMED.match(text) or _MLA_ELOC.match(text) or _MLA_9.match(text) or _MLA_AHEAD.match(text)
    if not m:
        return None
    names = _mla_names(m.group("authors"))
    if not names:
        return None
    md = (m.groupdict().get("md") or "").replace(".", "").strip()
    date = parse_date(f"{md} {m.group('year')}".strip()) or {"date-parts": [[int(m.group("year"))]]}
    item: Item = {"type": "article-journal", "author": names, "title": strip_final_period(m.group("title").strip()),
                  "container-title": m.group("journal").strip(), "issued": date}
    for var in ("volume", "issue", "page"):
        value = m.groupdict().get(var)
        if value:
            item[var] = re.sub(r"\s*[-\u2013]\s*", "-", value.strip())
    eloc = m.groupdict().get("eloc")
    if eloc and not eloc.startswith("10."):
        item["custom"] = {"elocation": eloc}
    if ET_AL.search(m.group("authors").rstrip(".") + "."):
        item.setdefault("custom", {})["et-al"] = ["author"]
    return item


def parse_apa(text: str) -> Item | None:
    """The fields of an APA journal reference ("Smith, J. A., & Jones, B. (2019). Title. Journal, 12(3), 45-67.")."""
    return _apa(clean(text))


def parse_mla(text: str) -> Item | None:
    """The fields of an MLA journal reference, in MLA 9 or in PubMed's form ("... Journal vol. 12,3 (2020): 45-67.")."""
    return _mla(clean(text))


def parse_reference_text(text: str) -> Item | None:
    """The fields of a reference written as plain text: a Vancouver, APA or MLA journal reference, or one in
    a style of :mod:`jats_freetext_styles` (PLOS, Nature, Harvard, Chicago, IEEE, ACS, Cell journals; books,
    chapters, reports, theses, conference papers, web pages and data sets in the APA, Chicago, IEEE, MLA,
    Vancouver and Harvard forms), with the access date it gives.  None when no style fits the whole text."""
    plain = clean(re.sub(r"<[^>]+>", "", text))
    plain = re.sub(r"^\s*(?:\[\d+\]|\d{1,4}[.)])\s+", "", plain)  # a number printed before the reference
    plain = re.sub(r"(?<=\d)[\u2010\u2011\u2212](?=\d)", "-", plain)  # "301\u2011310": a page range's hyphen
    item = _vancouver(plain) or _apa(plain) or _mla(plain) or parse_styled(plain)
    if item is not None and "accessed" not in item and (accessed := accessed_in(plain)):
        item["accessed"] = accessed
    if item is not None and "DOI" not in item and (doi := ids_in_text(plain).get("DOI")):
        item["DOI"] = doi  # a DOI written after any style's citation ("... 87(2), 221-239. https://doi.org/...")
    return item
