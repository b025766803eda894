"""Free-text references of a JATS ``<ref-list>`` (a ``<mixed-citation>`` with no elements).

Publishers deliver many reference lists as the printed text only.  Two layouts are
regular enough to read without guessing much: Vancouver/NLM ("Smith JA, Jones B. Title.
N Engl J Med. 2019;380(5):123-30.") and APA ("Smith, J. A., & Jones, B. (2019). Title.
Journal, 12(3), 45-67."), both for journal articles.  Any other text stays whole in the
title, as before; identifiers written in it (DOI, PMID, PMCID, URL) are taken in every case.
"""
from __future__ import annotations

import re

from ..model.dates import parse_date
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import Item
from ..model.names import Name, parse_name
from ..model.text import clean, strip_final_period
from .pubmed_text_parse import looks_like_authors, parse_authors, parse_citation

DOI_IN_TEXT = re.compile(r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s\"<>]+?)[.,;]?(?=\s|$)", re.I)
PMID_IN_TEXT = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
PMCID_IN_TEXT = re.compile(r"\b(?:PMCID:?\s*)?(PMC\d{4,9})\b")
URL_IN_TEXT = re.compile(r"(?<![\w/])(https?://[^\s\"<>]+?)[.,;)]?(?=\s|$)")
#: A journal abbreviated with periods ("J. Biol. Chem.", "Proc. Natl. Acad. Sci. U.S.A.") before the year.
_DOTTED_JOURNAL = re.compile(r"((?:(?:[A-Z][\w'-]{0,9}|[a-z]{1,3}|&)\.?\s+)*[A-Z][\w'.-]{0,9})\.\s+(?:1[6-9]|20)\d\d\b")
ET_AL = re.compile(r",?\s*\bet al\.?\s*$", re.I)

#: APA: "Authors (2019a, March 3). Title. Journal, 12(3), 45–67."
_APA = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>(?:1[5-9]|20)\d\d)(?P<suffix>[a-z])?(?:,\s*(?P<md>[A-Z][a-z]+(?:\s+\d{1,2})?))?\)\.\s+"
    r"(?P<title>.+?[.?!])\s+(?P<journal>[^.,]+?),\s*(?P<volume>\d[\w-]*)\s*(?:\((?P<issue>[^()]+)\))?"
    r"(?:,\s*(?P<page>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-\u2013]\s*[A-Za-z]?\d+)?))?\.?(?P<rest>\s.*)?$")
#: One APA name: "Smith, J. A." or "van der Berg, K.-L."
_APA_NAME = re.compile(r"[^,&]+?,\s*(?:[A-Z][a-z]?\.(?:\s*-?\s*[A-Z][a-z]?\.)*)")


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
        if cit is None or not cit.issued:
            continue
        et_al = bool(ET_AL.search(authors_text))
        authors_text = ET_AL.sub("", authors_text)
        if not looks_like_authors(authors_text):
            return None
        item: Item = {"type": "article-journal",
                      "author": [a.name for a in parse_authors(authors_text, full_names=False)],
                      "title": strip_final_period(title), "container-title": cit.journal, "issued": cit.issued}
        for var, value in (("volume", cit.volume), ("issue", cit.issue), ("page", cit.page), ("DOI", cit.doi)):
            if value:
                item[var] = value
        if et_al:
            item["custom"] = {"et-al": ["author"]}
        return item
    return None


def _apa_names(text: str) -> list[Name] | None:
    text = re.sub(r",?\s*(?:&|and)\s+", ", ", ET_AL.sub("", text))
    names = _APA_NAME.findall(text)
    if not names or clean(re.sub(r"[,\s]", "", "".join(names))) != re.sub(r"[,\s]", "", text):
        return None  # something other than "Family, I." pairs: not a name list we can trust
    return [parse_name(n.strip(" ,")) for n in names]


def _apa(text: str) -> Item | None:
    m = _APA.match(text)
    if not m:
        return None
    names = _apa_names(m.group("authors").strip())
    if not names:
        return None
    date = parse_date(f"{m.group('year')} {m.group('md') or ''}".strip()) or {"date-parts": [[int(m.group("year"))]]}
    item: Item = {"type": "article-journal", "author": names, "title": strip_final_period(m.group("title")),
                  "container-title": m.group("journal").strip(), "issued": date, "volume": m.group("volume")}
    for var in ("issue", "page"):
        if m.group(var):
            item[var] = re.sub(r"\s*[-\u2013]\s*", "-", m.group(var).strip())
    if m.group("suffix"):
        item["year-suffix"] = m.group("suffix")
    if ET_AL.search(m.group("authors")):
        item["custom"] = {"et-al": ["author"]}
    return item


def parse_reference_text(text: str) -> Item | None:
    """The fields of a Vancouver or APA journal reference written as plain text (None: neither)."""
    plain = clean(re.sub(r"<[^>]+>", "", text))
    plain = re.sub(r"^\s*(?:\[\d+\]|\d{1,4}[.)])\s+", "", plain)  # a number printed before the reference
    return _vancouver(plain) or _apa(plain)
