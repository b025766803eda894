"""Render a PubMed XML record (``<PubmedArticle>``) as NCBI renders the same record in MEDLINE format (.nbib).

Test helper for tests/test_cross_format.py: the two renderings of one record must read as the same CSL-JSON. The
rules are NCBI's (written from the public MEDLINE/PubMed field descriptions, not from citeport's writer, so the
comparison checks the readers, not a writer against its own reader): one tag per line padded to four characters and
``- ``, continuation lines indented by six spaces; AU = last name + initials (+ suffix), FAU = "Last, ForeName"
(+ " Suffix"), CN = a collective name; AB = the sections as ``LABEL: text`` joined by a space, CI = the copyright;
DP = "Year Mon Day", a season or the MedlineDate as written; LID/AID = "id [type]"; DEP = the electronic date yyyymmdd.
"""
from __future__ import annotations

import textwrap

from citeport.model.xmlsafe import local, parse_bytes

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _month(value: str) -> str:
    return MONTHS[int(value) - 1] if value.isdigit() and 1 <= int(value) <= 12 else value


def _line(tag: str, value: str) -> str:
    return textwrap.fill(value, width=88, initial_indent=f"{tag:<4}- ", subsequent_indent=" " * 6,
                         break_long_words=False, break_on_hyphens=False)


def _pub_date(date) -> str:
    if date is None:
        return ""
    if date.find("MedlineDate") is not None:
        return _text(date.find("MedlineDate"))
    parts = [_text(date.find("Year")), _month(_text(date.find("Month"))) or _text(date.find("Season")),
             _text(date.find("Day"))]
    return " ".join(p for p in parts if p)


def _ymd(date) -> str:
    return "".join(f"{int(_text(date.find(k)) or 1):0{w}d}" for k, w in (("Year", 4), ("Month", 2), ("Day", 2)))


def render_record(article) -> str:
    """One ``<PubmedArticle>`` element as MEDLINE text."""
    mc, data = article.find("MedlineCitation"), article.find("PubmedData")
    art, journal = mc.find("Article"), mc.find("Article/Journal")
    out = [("PMID", _text(mc.find("PMID"))), ("OWN", mc.get("Owner", "NLM")), ("STAT", mc.get("Status", ""))]
    for issn in journal.findall("ISSN"):
        out.append(("IS", f"{_text(issn)} ({issn.get('IssnType', 'Print')})"))
    ji = journal.find("JournalIssue")
    out += [("VI", _text(ji.find("Volume"))), ("IP", _text(ji.find("Issue"))), ("DP", _pub_date(ji.find("PubDate"))),
            ("TI", _text(art.find("ArticleTitle"))), ("TT", _text(art.find("VernacularTitle"))), ("PG", _text(art.find("Pagination/MedlinePgn"))
                   or "-".join(p for p in (_text(art.find("Pagination/StartPage")), _text(art.find("Pagination/EndPage")))
                               if p))]
    for loc in art.findall("ELocationID"):
        out.append(("LID", f"{_text(loc)} [{loc.get('EIdType')}]"))
    sections = []
    for ab in art.findall("Abstract/AbstractText"):
        sections.append(f"{ab.get('Label')}: {_text(ab)}" if ab.get("Label") else _text(ab))
    out.append(("AB", " ".join(sections)))
    out.append(("CI", _text(art.find("Abstract/CopyrightInformation"))))
    for author in art.findall("AuthorList/Author"):
        if author.get("ValidYN") == "N":
            continue
        if author.find("CollectiveName") is not None:
            out.append(("CN", _text(author.find("CollectiveName"))))
            continue
        last, fore = _text(author.find("LastName")), _text(author.find("ForeName"))
        ini, suffix = _text(author.find("Initials")), _text(author.find("Suffix"))
        out.append(("FAU", ", ".join(p for p in (last, fore or ini) if p) + (f" {suffix}" if suffix else "")))
        out.append(("AU", " ".join(p for p in (last, ini, suffix) if p)))
        for ident in author.findall("Identifier"):
            out.append(("AUID", f"{ident.get('Source')}: {_text(ident)}"))
        for aff in author.findall("AffiliationInfo/Affiliation"):
            out.append(("AD", _text(aff)))
    for lang in art.findall("Language"):
        out.append(("LA", _text(lang)))
    for grant in art.findall("GrantList/Grant"):
        out.append(("GR", "/".join(_text(grant.find(k)) for k in ("GrantID", "Acronym", "Agency", "Country")
                                   if _text(grant.find(k)))))
    for pt in art.findall("PublicationTypeList/PublicationType"):
        out.append(("PT", _text(pt)))
    for date in art.findall("ArticleDate"):
        out.append(("DEP", _ymd(date)))
    info = mc.find("MedlineJournalInfo")
    out += [("PL", _text(info.find("Country"))), ("TA", _text(info.find("MedlineTA"))),
            ("JT", _text(journal.find("Title"))), ("JID", _text(info.find("NlmUniqueID")))]
    for heading in mc.findall("MeshHeadingList/MeshHeading"):
        desc = heading.find("DescriptorName")
        text = ("*" if desc.get("MajorTopicYN") == "Y" else "") + _text(desc)
        for q in heading.findall("QualifierName"):
            text += "/" + ("*" if q.get("MajorTopicYN") == "Y" else "") + _text(q)
        out.append(("MH", text))
    for kw in mc.findall("KeywordList/Keyword"):
        out.append(("OT", _text(kw)))
    for ident in (data.findall("ArticleIdList/ArticleId") if data is not None else []):
        kind = ident.get("IdType")
        if kind == "pmc":
            out.append(("PMC", _text(ident)))
        elif kind not in ("pubmed", "pmcid"):
            out.append(("AID", f"{_text(ident)} [{kind}]"))
    if data is not None:
        out.append(("PST", _text(data.find("PublicationStatus"))))
    return "\n".join(_line(tag, value) for tag, value in out if value) + "\n"


def render(xml: bytes) -> str:
    """Every ``<PubmedArticle>`` of a PubMed XML document as MEDLINE records separated by blank lines."""
    root = parse_bytes(xml)
    articles = [el for el in root.iter() if local(el.tag) == "PubmedArticle"]
    return "\n".join(render_record(a) for a in articles)
