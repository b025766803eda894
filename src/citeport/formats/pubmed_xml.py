"""PubMed XML (E-utilities efetch, annual baseline and update files), read in a stream.

Records are parsed one at a time with ``iterparse`` (through model.xmlsafe:
no DTD, no entities, no network); each record element is mapped, then cleared
and its earlier siblings deleted, so memory stays flat on a 200 MB baseline
file and the first item comes out before the file is read.  ``.gz`` files are
undone by Source.open_binary().  A large plain file is read in pieces by worker processes
(``jobs`` option, ``citeport convert --jobs N``), with the same output; see _read_parallel.
"""
from __future__ import annotations

import gc
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
from typing import IO, Any, Iterator, NamedTuple

from lxml import etree

from ..model.dates import from_parts, month_number, parse_date
from ..model.diagnostics import CiteportError, Context
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import Item, add_notes
from ..model.languages import to_bcp47
from ..model.mathml import math_text
from ..model.names import Name, parse_name

from ..model.xmlsafe import reject_entity_declarations, safe_iterparse
from ..sources import Source
from .pubmed_common import (
    CC_NOT_NOTED, HISTORY_KEYS, ISSN_KINDS, clean_title, comment_note, csl_type, dot_initials, grant_string,
    mesh_string, normalize_orcid, ordered_item, other_abstract_text, translated_title,
)
from .registry import Format


def clean(text: str | None) -> str:
    """Collapse white space (str.split knows NBSP and the Unicode spaces) - the hot path of this reader.

    Most values have no newline, tab, NBSP or double space: then strip() is enough.  isprintable() says
    so at ~5 ns a character; for long ASCII text three memchr scans are cheaper (in XML text, tab,
    newline and CR are the only ASCII control characters).
    """
    if not text:
        return ""
    if len(text) > 40 and text.isascii():
        if "\n" not in text and "\t" not in text and "\r" not in text and "  " not in text:
            return text.strip()
    elif text.isprintable() and "  " not in text:
        return text.strip()
    return " ".join(text.split())


#: A DOI and nothing else (ids._DOI, whole): normalize_doi would return it as it is.
_PLAIN_DOI = re.compile(r"10\.\d{4,9}/\S+")


def _doi(value: str) -> str | None:
    """normalize_doi(value) for a cleaned value; the usual bare '10.1234/x' without its regex passes."""
    if value.startswith("10.") and "%" not in value and not value.endswith((".", ",", ";", ")", "]")) \
            and _PLAIN_DOI.fullmatch(value):
        return value
    return normalize_doi(value)


def _pmid(text: str | None) -> str | None:
    """A PMID element's text; the general normaliser only when it is not a plain number."""
    if text and text.isascii() and text.isdigit() and text[0] != "0" and len(text) <= 9:
        return text
    return normalize_pmid(text)


ENTITY_REFUSED = "XML declares or uses entities (<!ENTITY>); refused for safety (XXE / entity expansion)"
RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation", "MedlineCitation")
TAG_PREFIX = "pubmed-xml:"
#: Inline markup PubMed uses -> the CSL rich-text tag (None: keep the text, drop the tag).
INLINE = {"i": "i", "b": "b", "sup": "sup", "sub": "sub", "u": None}
#: ArticleId IdType -> where it goes; anything else lands in custom.other-ids.
ARTICLE_IDS = {"pubmed": "PMID", "doi": "DOI", "pmc": "PMCID", "pii": "pii", "mid": "mid"}
#: Signs PubMed sets in <sup> that are not a superscript (MEDLINE writes 'GeneReviews((R))' for the first).
_SIGNS = frozenset(("\u00ae", "\u2122", "\u2120"))
#: Article-level elements kept as text in custom.tags (no CSL or convention home).
KEPT_TEXT = ("GeneralNote", "NumberOfReferences", "SpaceFlightMission", "CitationSubset", "OtherID")


def sniff(head: str) -> float:
    probe = head[:8000]
    if "<PubmedArticleSet" in probe or "<PubmedBookArticleSet" in probe or "<MedlineCitationSet" in probe:
        return 0.95
    if "<PubmedArticle" in probe or "<PubmedBookArticle" in probe or "<MedlineCitation" in probe:
        return 0.9
    return 0.0


# -- text -------------------------------------------------------------------
#
# Children are read as ``el[:]`` (one call that builds the list of child proxies), not by iterating
# the element (an iterator step per child): about half the cost a child, on ~120 elements a record.

def rich(el: etree._Element | None) -> str:
    """Element content as CSL rich text: <i>/<b>/<sup>/<sub> kept, MathML as its text, spaces collapsed."""
    if el is None:
        return ""
    if len(el) == 0:  # the common case: plain text
        return clean(el.text)
    parts: list[str] = []
    _walk(el, parts)
    return clean("".join(parts))


def _walk(el: etree._Element, parts: list[str]) -> None:
    text = el.text
    if text:
        parts.append(text)
    for child in el[:]:
        tag = child.tag
        if isinstance(tag, str):
            name = tag[tag.rfind("}") + 1:]
            mark = INLINE.get(name)
            if name == "math":
                parts.append(math_text(child))
            elif mark == "sup" and len(child) == 0 and (child.text or "").strip() in _SIGNS:
                parts.append(child.text.strip())  # 'GeneReviews<sup>®</sup>': the sign, as MEDLINE and the page give it
            elif mark:
                parts.append(f"<{mark}>")
                _walk(child, parts)
                parts.append(f"</{mark}>")
            else:
                _walk(child, parts)
        tail = child.tail
        if tail:  # the text after a child (and after a comment) belongs to the parent
            parts.append(tail)


def _text(el: etree._Element | None, path: str) -> str:
    if el is None:
        return ""
    found = el.find(path)
    return clean(found.text) if found is not None and len(found) == 0 else rich(found)


def _date(el: etree._Element | None) -> dict | None:
    """PubDate / ArticleDate / PubMedPubDate: Year, Month, Day, Season, or MedlineDate text."""
    if el is None:
        return None
    year = month = day = season = None
    for child in el[:]:  # one pass: four findtext() calls cost more
        tag = child.tag
        if tag == "Year":
            year = child.text
        elif tag == "Month":
            month = child.text
        elif tag == "Day":
            day = child.text
        elif tag == "Season":
            season = child.text
        elif tag == "MedlineDate" and child.text and child.text.strip():
            return parse_date(child.text)
    # The usual PubDate (digits, an English month abbreviation): what from_parts makes of it, directly.
    if season is None and year and year.isdigit() and year.isascii() and month in _MONTHS:
        parts = [int(year)]
        if month is not None:
            parts.append(_MONTHS[month])
            if day is not None:
                if not (day.isdigit() and day.isascii()):
                    return from_parts(year, month, day)
                if int(day):
                    parts.append(int(day))
        return {"date-parts": [parts]}
    return from_parts(year, month, day, season)


#: Month texts _date reads without from_parts (None: no Month element); each number checked against it.
_MONTHS: dict[str | None, int | None] = {
    None: None, **{name: month_number(name) for name in
                   ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")},
    **{f"{n:02}": n for n in range(1, 13)}, **{str(n): n for n in range(1, 10)}}


def _iso(el: etree._Element) -> str:
    """A Year/Month/Day[/Hour/Minute] element as an ISO date (the time only when it is not midnight)."""
    y = m = d = hh = mm = ""
    for child in el[:]:  # if/elif on the tag: cheaper than a table lookup for five children
        text = child.text
        if text:
            tag = child.tag
            if tag == "Year":
                y = text.strip()
            elif tag == "Month":
                m = text.strip()
            elif tag == "Day":
                d = text.strip()
            elif tag == "Hour":
                hh = text.strip()
            elif tag == "Minute":
                mm = text.strip()
    if m and not m.isdigit():
        parsed = from_parts(y, m)
        m = str(parsed["date-parts"][0][1]) if parsed and len(parsed["date-parts"][0]) > 1 else m
    text = y
    if m:
        text = f"{text}-{m.zfill(2)}" if text else m.zfill(2)
        if d:
            text += f"-{d.zfill(2)}"
    elif d:
        text = f"{text}-{d.zfill(2)}" if text else d.zfill(2)
    if hh and (hh.strip("0") or (mm or "0").strip("0")):
        text += f"T{hh.zfill(2)}:{(mm or '0').zfill(2)}"
    return text


# -- people -----------------------------------------------------------------

def _person(el: etree._Element) -> tuple[Name, dict[str, Any]]:
    """An Author/Investigator: one pass over its children (lxml's find() costs more than a loop)."""
    last = fore = suffix = ""
    collective = initials = None
    detail: dict[str, Any] = {}
    for child in el[:]:
        tag = child.tag
        if tag == "LastName":
            last = clean(child.text)
        elif tag == "ForeName":
            fore = clean(child.text)
        elif tag == "Initials":
            initials = child  # read below, only when there is no ForeName
        elif tag == "AffiliationInfo":
            for aff in child[:]:
                if aff.tag == "Affiliation":
                    detail.setdefault("affiliation", []).append(rich(aff) if len(aff) else clean(aff.text))
                elif aff.tag == "Identifier" and aff.text:  # the institution's ROR, GRID or ISNI
                    detail.setdefault("affiliation-identifiers", []).append(
                        f"{aff.get('Source') or 'id'}: {aff.text.strip()}")
        elif tag == "Suffix":
            suffix = clean(child.text)
        elif tag == "CollectiveName":
            collective = child
        elif tag == "Identifier" and child.text:
            source = child.get("Source") or "id"
            orcid = normalize_orcid(child.text) if source.upper() == "ORCID" else None
            if orcid:
                detail["ORCID"] = orcid
            else:
                detail.setdefault("identifiers", []).append(f"{source}: {child.text.strip()}")
    if collective is not None:
        return {"literal": rich(collective)}, detail
    if fore and " " not in last:  # the common case, without the general name parser
        name: Name = {"family": last, "given": fore if fore.isalpha() and len(fore) > 1 else _given(fore)}
    elif fore:
        name = parse_name(f"{last}, {fore}", organisation=False)
        name["given"] = dot_initials(name.get("given", ""))
    elif initials is not None and (initials.text or "").strip():
        name = parse_name(f"{last}, X", organisation=False) if " " in last else {"family": last}
        name["given"] = " ".join(f"{c}." for c in clean(initials.text))
    else:
        name = {"family": last}
    if suffix:
        name["suffix"] = suffix
    return name, detail


def _given(fore: str) -> str:
    """dot_initials(fore), without its regex for the usual 'John A' (a name, then one capital)."""
    if len(fore) > 3 and fore[-2] == " " and "A" <= fore[-1] <= "Z" and fore[:-2].isalpha():
        return fore + "."
    return dot_initials(fore)


def _people(el: etree._Element | None, invalid: list[Name] | None = None) -> tuple[list[Name], list[dict[str, Any]]]:
    """The names of an AuthorList/InvestigatorList and their details; ValidYN="N" names go to *invalid*."""
    if invalid is None:
        invalid = []
    names: list[Name] = []
    details: list[dict[str, Any]] = []
    if el is None:
        return names, details
    for person in el[:]:
        tag = person.tag
        if tag == "Author" or tag == "Investigator":
            name, detail = _person(person)
            if person.get("ValidYN") == "N":  # a wrong spelling PubMed keeps but never shows (nor exports)
                invalid.append(name)
                continue
            if person.get("EqualContrib") == "Y":
                detail["equal-contribution"] = True
            names.append(name)
            details.append(detail)
    return names, details


# -- records ----------------------------------------------------------------

class _Record:
    """Accumulates one item and its ``custom`` block."""

    def __init__(self) -> None:
        self.item: Item = {}
        self.custom: dict[str, Any] = {}

    def keep(self, key: str, value: Any) -> None:
        if value:
            tags = self.custom.get("tags")
            if tags is None:
                tags = self.custom["tags"] = {}
            key = TAG_PREFIX + key
            if key in tags:
                tags[key].append(value)
            else:
                tags[key] = [value]

    def keep_all(self, key: str, values: list[Any]) -> None:
        """keep() for each of *values*, finding the list once."""
        values = [v for v in values if v]
        if values:
            self.custom.setdefault("tags", {}).setdefault(TAG_PREFIX + key, []).extend(values)

    def people(self, variable: str, names: list[Name], details: list[dict[str, Any]]) -> None:
        if not names:
            return
        if variable == "investigators":
            self.custom["investigators"] = names
            if any(details):
                self.custom["investigator-details"] = details
            return
        self.item[variable] = names
        if any(details):
            self.custom[f"{variable}-details"] = details

    def author_list(self, el: etree._Element) -> None:
        """AuthorList; CompleteYN="N" (older records name only the first 10 or 25 authors) is custom.et-al."""
        self.people("author", *self.valid_people(el))
        if el.get("CompleteYN") == "N" and "author" in self.item:
            self.custom.setdefault("et-al", []).append("author")

    def valid_people(self, el: etree._Element | None) -> tuple[list[Name], list[dict[str, Any]]]:
        """_people(el); the ValidYN="N" names kept as 'Family, Given' in custom.tags (pubmed-xml:InvalidName)."""
        invalid: list[Name] = []
        found = _people(el, invalid)
        if invalid:
            self.keep_all("InvalidName", [n.get("literal") or ", ".join(
                filter(None, (" ".join(filter(None, (n.get("non-dropping-particle"), n.get("family")))),
                              n.get("given"), n.get("suffix")))) for n in invalid])
        return found

    def abstract(self, el: etree._Element | None) -> None:
        if el is None:
            return
        sections = []
        for part in el[:]:
            tag = part.tag
            if tag == "AbstractText":
                text = rich(part)
                label = part.get("Label")
                sections.append(f"{label}: {text}" if label and label.upper() != "UNLABELLED" else text)
            elif tag == "CopyrightInformation" and part.text:
                self.custom["copyright"] = clean(part.text)
        if sections:
            self.item["abstract"] = "\n".join(s for s in sections if s)

    def location_ids(self, parent: etree._Element) -> None:
        for eloc in parent[:]:
            if eloc.tag == "ELocationID":
                self.location_id(eloc)

    def location_id(self, eloc: etree._Element) -> None:
        kind, value = (eloc.get("EIdType") or "").lower(), clean(eloc.text)
        doi = _doi(value) if kind == "doi" else None
        if doi and self.item.get("DOI", doi).lower() == doi.lower():
            self.item["DOI"] = self.item.get("DOI", doi)
        elif doi:  # a second, different DOI (an erratum's, a data set's): kept, not dropped
            self.keep("ELocationID", f"{value} [{kind}]")
        elif value and "elocation" not in self.custom:
            self.custom["elocation"] = value
        else:
            self.keep("ELocationID", f"{value} [{kind}]")

    def article_ids(self, el: etree._Element | None) -> None:
        if el is None:
            return
        for aid in el[:]:
            kind, value = (aid.get("IdType") or "").lower(), clean(aid.text)
            if not value:
                continue
            target = ARTICLE_IDS.get(kind)
            if target == "PMID":
                if "PMID" not in self.item:
                    self.item["PMID"] = _pmid(value)
            elif target == "DOI" and (doi := _doi(value)):
                self.item.setdefault("DOI", doi)
            elif target == "PMCID" and (pmcid := normalize_pmcid(value)):
                self.item.setdefault("PMCID", pmcid)
            elif target in ("pii", "mid"):
                self.custom.setdefault(target, value)
            else:
                self.custom.setdefault("other-ids", {}).setdefault(kind or "id", value)

    def common(self, el: etree._Element, data: etree._Element | None) -> None:
        """Elements shared by Article and BookDocument, then the PubmedData block."""
        for child in el[:]:
            handler = _COMMON_CHILDREN.get(child.tag)  # type: ignore[arg-type]
            if handler is not None:
                handler(self, child)
        self.pubmed_data(data)

    def language(self, child: etree._Element) -> None:
        if not child.text:
            return
        if "language" in self.item:
            self.keep("Language", child.text)
        else:
            self.item["language"] = to_bcp47(child.text.strip().lower())

    def publication_types(self, child: etree._Element) -> None:
        pts = self.custom.setdefault("publication-types", [])
        if child.tag == "PublicationType":
            if child.text:
                pts.append(clean(child.text))
        else:
            pts += [clean(pt.text) for pt in child[:] if pt.text]

    def grants(self, child: etree._Element) -> None:
        grants = self.custom.setdefault("grants", [])
        for grant in child[:]:
            parts = {c.tag: clean(c.text) for c in grant[:]}
            grants.append(grant_string(parts.get("GrantID"), parts.get("Acronym"), parts.get("Agency"),
                                       parts.get("Country")))

    def vernacular_title(self, child: etree._Element) -> None:
        self.item["original-title"] = clean_title(rich(child))

    def pubmed_data(self, data: etree._Element | None) -> None:
        """PubmedData / PubmedBookData: history, status, ids, reference list."""
        if data is None:
            return
        for child in data[:]:
            tag = child.tag
            if tag == "History":
                history = self.custom.setdefault("history", {})
                for date in child[:]:
                    status = (date.get("PubStatus") or "").lower()
                    key = HISTORY_KEYS.get(status)
                    if key and key not in history:
                        history[key] = _iso(date)
                    elif isinstance(date.tag, str):  # a repeated or unknown status: kept with its name
                        self.keep("PubMedPubDate", f"{_iso(date)} [{key or status or 'unknown'}]")
            elif tag == "PublicationStatus" and child.text:
                self.custom["publication-status"] = child.text.strip()
            elif tag == "ArticleIdList":
                self.article_ids(child)
            elif tag == "ReferenceList":
                self.references(child)
            else:
                self.unknown(child)

    def references(self, refs: etree._Element) -> None:
        """The cited works, one string each: the citation, then its ids ('... [pubmed: 123; doi: 10.1/x]').

        No CSL home; kept as text (cheap: no item is built per reference).
        """
        out: list[str] = []
        for ref in refs[:]:
            tag = ref.tag
            if tag == "ReferenceList":  # nested lists (a Title, then References)
                self.references(ref)
                continue
            if tag != "Reference":
                continue
            citation, ids = "", []
            for part in ref[:]:
                tag = part.tag
                if tag == "Citation":
                    citation = rich(part) if len(part) else clean(part.text)
                elif tag == "ArticleIdList":
                    for aid in part[:]:
                        text = aid.text
                        if text:
                            ids.append(f"{aid.get('IdType') or 'id'}: {text.strip()}")
            if ids:
                citation = f"{citation} [{'; '.join(ids)}]" if citation else f"[{'; '.join(ids)}]"
            if citation:
                out.append(citation)
        self.keep_all("ReferenceList", out)

    def citation_extras(self, children: list[etree._Element]) -> None:
        """MedlineCitation children outside Article: MeSH, keywords, links, journal info."""
        for child in children:
            tag = child.tag
            handler = _CITATION_CHILDREN.get(tag)  # type: ignore[arg-type]
            if handler is not None:
                handler(self, child)
            elif tag in KEPT_TEXT:
                self.keep(tag, clean(child.text))  # type: ignore[arg-type]
            else:
                self.unknown(child)

    def unknown(self, el: etree._Element) -> None:
        """An element this reader has no rule for (a newer DTD's): its text kept under its own tag.

        A list of plain elements gives one value each; text with markup or anything deeper gives its whole text.
        """
        if not isinstance(el.tag, str):
            return  # a comment or processing instruction
        children = [c for c in el if isinstance(c.tag, str)]
        mixed = (el.text or "").strip() or any((c.tail or "").strip() for c in children)
        if children and not mixed and not any(len(c) for c in children):
            self.keep_all(el.tag, [clean(c.text) for c in children])
        else:
            self.keep(el.tag, clean(" ".join(el.itertext())))

    def databanks(self, banks: etree._Element) -> None:
        """DataBankList: trial registrations and data deposits, as MEDLINE's SI writes them ('ClinicalTrials.gov/NCT…')."""
        for bank in banks.iterfind("DataBank"):
            name = clean(bank.findtext("DataBankName"))
            numbers = [clean(n.text) for n in bank.iterfind("AccessionNumberList/AccessionNumber") if n.text]
            self.keep_all("DataBank", [f"{name}/{n}" if name else n for n in numbers] or [name])

    def suppl_mesh(self, names: etree._Element) -> None:
        """SupplMeshList: supplementary concepts (diseases, chemicals, organisms) with their kind."""
        self.keep_all("SupplMeshName", [f"{clean(n.text)} [{n.get('Type')}]" if n.get("Type") else clean(n.text)
                                        for n in names if n.tag == "SupplMeshName" and n.text])

    def name_subjects(self, people: etree._Element) -> None:
        """PersonalNameSubjectList: the people an article is about (a biography, an obituary)."""
        self.keep_all("PersonalNameSubject", [
            ", ".join(filter(None, (clean(p.findtext("LastName")), clean(p.findtext("ForeName")),
                                    clean(p.findtext("Suffix")))))
            for p in people if p.tag == "PersonalNameSubject"])

    def journal_info(self, info: etree._Element) -> None:
        for child in info[:]:
            tag, text = child.tag, clean(child.text)
            if not text:
                continue
            if tag == "Country":
                self.item["publisher-place"] = text
            elif tag == "MedlineTA":
                self.item["container-title-short"] = text
            elif tag == "NlmUniqueID":
                self.custom["nlm-unique-id"] = text
            elif tag == "ISSNLinking":
                self.custom.setdefault("issn", {}).setdefault("linking", text)

    def mesh(self, headings: etree._Element) -> None:
        mesh = self.custom.setdefault("mesh", [])
        for heading in headings[:]:
            parts = heading[:]
            if len(parts) == 1 and parts[0].tag == "DescriptorName" and (text := parts[0].text):
                # A heading without qualifiers (most): the MH form is the descriptor, '*' when major.
                mesh.append(("*" if parts[0].get("MajorTopicYN") == "Y" else "") + clean(text))
            elif parts and parts[0].tag == "DescriptorName" and parts[0].text:
                # The MH form ('*Heading/qualifier/*major qualifier'), as pubmed_common.mesh_string builds it.
                mesh.append("/".join([("*" if part.get("MajorTopicYN") == "Y" else "") + clean(part.text)
                                      for part in parts]))
            elif parts:  # not in the DTD's order: the general way
                desc = heading.find("DescriptorName")
                if desc is not None and desc.text:
                    quals = [(clean(q.text), q.get("MajorTopicYN") == "Y") for q in heading.iterfind("QualifierName")]
                    mesh.append(mesh_string(clean(desc.text), desc.get("MajorTopicYN") == "Y", quals))

    def keywords(self, keywords: etree._Element) -> None:
        words = [rich(k) if len(k) else clean(k.text) for k in keywords[:] if k.tag == "Keyword"]
        words = [w for w in words if w]
        if words:
            self.item["keyword"] = "; ".join(filter(None, (self.item.get("keyword"), *words)))

    def links(self, ccs: etree._Element) -> None:
        links = self.custom.setdefault("comments-corrections", [])
        notes = []
        for cc in ccs[:]:
            if cc.tag != "CommentsCorrections":
                continue
            parts = {c.tag: c.text for c in cc[:]}
            link = {"type": cc.get("RefType") or "", "ref": clean(parts.get("RefSource"))}
            pmid = parts.get("PMID")
            if pmid:
                link["PMID"] = pmid.strip()
            links.append(link)
            if link["type"] not in CC_NOT_NOTED:  # "Cites": data, not a note line
                notes.append(comment_note(link["type"], link["ref"], link.get("PMID")))
        add_notes(self.item, notes)

    def chemicals(self, chemicals: etree._Element) -> None:
        found = []
        for chem in chemicals[:]:
            parts = {c.tag: c.text for c in chem[:]}
            found.append(f"{parts.get('RegistryNumber') or '0'} ({clean(parts.get('NameOfSubstance'))})")
        self.keep_all("Chemical", found)

    def other_abstract(self, other: etree._Element) -> None:
        """OtherAbstract -> custom.other-abstract as MEDLINE OAB and the page show it (a type other than
        'Publisher' in front); its language kept for MEDLINE's OABL."""
        sections = []
        for part in other.iterfind("AbstractText"):
            label = part.get("Label")
            sections.append(f"{label}: {rich(part)}" if label and label.upper() != "UNLABELLED" else rich(part))
        text = "\n".join(s for s in sections if s)
        if not text:
            return
        kind = other.get("Type") or "Publisher"
        self.custom.setdefault("other-abstract", []).append(other_abstract_text(f"{kind}: {text}"))
        self.keep("OtherAbstractLanguage", other.get("Language"))
        copyright_ = other.findtext("CopyrightInformation")
        if copyright_ and "copyright" not in self.custom:
            self.custom["copyright"] = clean(copyright_)

    def coi(self, el: etree._Element) -> None:
        if el.text:
            self.custom["conflict-of-interest"] = rich(el)

    def admin_date(self, el: etree._Element) -> None:
        self.keep(el.tag, _iso(el))  # type: ignore[arg-type]

    def finish(self) -> Item:
        item, custom = self.item, self.custom
        if not item.get("title") and item.get("original-title"):
            item["title"] = item["original-title"]  # an empty ArticleTitle: the vernacular one is all there is
        if "container-title-short" in item and "container-title" not in item and item["type"] != "chapter":
            item["container-title"] = item["container-title-short"]
        if "page" not in item and custom.get("elocation"):
            item["page"] = custom["elocation"]
        if item.get("PMID"):
            item["id"] = f"pmid:{item['PMID']}"
        if custom:  # copied only to leave out an empty value (most records have none)
            item["custom"] = custom if all(custom.values()) else \
                {k: v for k, v in custom.items() if v or v not in (None, "", [], {})}
        return ordered_item(item)


#: MedlineCitation child -> the _Record method that reads it.
_CITATION_CHILDREN = {
    "MedlineJournalInfo": _Record.journal_info, "MeshHeadingList": _Record.mesh,
    "KeywordList": _Record.keywords, "CommentsCorrectionsList": _Record.links,
    "InvestigatorList": lambda rec, el: rec.people("investigators", *rec.valid_people(el)),
    "CoiStatement": _Record.coi, "ChemicalList": _Record.chemicals, "OtherAbstract": _Record.other_abstract,
    "DateCompleted": _Record.admin_date, "DateRevised": _Record.admin_date, "DateCreated": _Record.admin_date,
    "SupplMeshList": _Record.suppl_mesh, "PersonalNameSubjectList": _Record.name_subjects,
}


def _journal(rec: _Record, journal: etree._Element) -> None:
    item = rec.item
    issns: dict[str, str] = {}
    for child in journal[:]:
        tag = child.tag
        if tag == "JournalIssue":
            for part in child[:]:
                part_tag = part.tag
                if part_tag == "PubDate":
                    date = _date(part)
                    if date:
                        item["issued"] = date
                elif (part_tag == "Volume" or part_tag == "Issue") and (text := part.text):
                    item["volume" if part_tag == "Volume" else "issue"] = clean(text)
        elif text := child.text:
            if tag == "ISSN":
                issns.setdefault(ISSN_KINDS.get((child.get("IssnType") or "print").lower(), "print"), text.strip())
            elif tag == "Title":
                item["container-title"] = clean(text)
            elif tag == "ISOAbbreviation":
                rec.keep("ISOAbbreviation", clean(text))
    if issns:
        item["ISSN"] = issns.get("print") or next(iter(issns.values()))
        rec.custom["issn"] = issns


def _title(rec: _Record, el: etree._Element) -> None:
    text = rich(el)
    if text[:1] == "[":  # '[Translated title].': PubMed's mark of a non-English original
        rec.item["title"], translated = translated_title(text)
        if translated:
            rec.custom["title-translated"] = True
    else:
        rec.item["title"] = clean_title(text)


def _pagination(rec: _Record, el: etree._Element) -> None:
    page = _pages(el)
    if page:
        rec.item["page"] = page


def _article_date(rec: _Record, el: etree._Element) -> None:
    if (el.get("DateType") or "Electronic").lower() == "electronic" and "available-date" not in rec.item:
        rec.item["available-date"] = _date(el)


def _pages(pages: etree._Element) -> str:
    parts = {c.tag: clean(c.text) for c in pages[:]}
    return parts.get("MedlinePgn") or "-".join(p for p in (parts.get("StartPage"), parts.get("EndPage")) if p)


#: Article (and BookDocument) children any record type has -> the _Record method that reads it.
_COMMON_CHILDREN = {
    "Language": _Record.language, "PublicationTypeList": _Record.publication_types,
    "PublicationType": _Record.publication_types, "GrantList": _Record.grants,
    "VernacularTitle": _Record.vernacular_title,
}
#: Article child -> its reader.
_ARTICLE_CHILDREN = {
    **_COMMON_CHILDREN, "Journal": _journal, "ArticleTitle": _title, "Pagination": _pagination,
    "Abstract": _Record.abstract, "AuthorList": _Record.author_list,
    "ArticleDate": _article_date, "ELocationID": _Record.location_id, "DataBankList": _Record.databanks,
}


def article_to_item(el: etree._Element) -> Item:
    """Map a PubmedArticle (or a bare MedlineCitation) element."""
    rec = _Record()
    item, custom = rec.item, rec.custom
    mc = data = None
    if el.tag == "MedlineCitation":
        mc = el
    else:
        for child in el[:]:
            if child.tag == "MedlineCitation":
                mc = child
            elif child.tag == "PubmedData":
                data = child
    if mc is None:
        raise ValueError("no MedlineCitation")
    art = None
    extras = []  # MedlineCitation's other children, read after the article and PubmedData (key order)
    for child in mc[:]:
        tag = child.tag
        if tag == "PMID":
            item["PMID"] = _pmid(child.text)
        elif tag == "Article":
            art = child
        else:
            extras.append(child)
    if mc.get("Status"):
        custom["medline-status"] = mc.get("Status")
    if art is None:  # very old citations put the article fields directly in MedlineCitation
        for child in mc[:]:
            handler = _ARTICLE_CHILDREN.get(child.tag)  # type: ignore[arg-type]
            if handler is not None:
                handler(rec, child)
        extras = [child for child in extras if child.tag not in _ARTICLE_CHILDREN]
    else:
        for child in art[:]:  # one pass, dispatching on the tag
            handler = _ARTICLE_CHILDREN.get(child.tag)  # type: ignore[arg-type]
            if handler is not None:
                handler(rec, child)
            else:
                rec.unknown(child)
    rec.pubmed_data(data)
    rec.citation_extras(extras)
    item["type"] = csl_type(custom.get("publication-types") or ())
    if (mc.get("Owner") or "NLM") != "NLM":
        rec.keep("Owner", mc.get("Owner"))
    return rec.finish()


def book_to_item(el: etree._Element) -> Item:
    """Map a PubmedBookArticle: a whole book, or a chapter when it has an ArticleTitle."""
    rec = _Record()
    item, custom = rec.item, rec.custom
    doc = el.find("BookDocument")
    if doc is None:
        raise ValueError("no BookDocument")
    data = el.find("PubmedBookData")
    item["PMID"] = normalize_pmid(doc.findtext("PMID"))
    rec.article_ids(doc.find("ArticleIdList"))
    book = doc.find("Book")
    chapter_title = doc.find("ArticleTitle")
    book_authors: tuple[list[Name], list[dict[str, Any]]] = ([], [])
    book_editors: tuple[list[Name], list[dict[str, Any]]] = ([], [])
    if book is not None:
        publisher = book.find("Publisher")
        if publisher is not None:
            if publisher.findtext("PublisherName"):
                item["publisher"] = clean(publisher.findtext("PublisherName"))
            if publisher.findtext("PublisherLocation"):
                item["publisher-place"] = clean(publisher.findtext("PublisherLocation"))
        book_title = clean_title(rich(book.find("BookTitle")))
        item["container-title" if chapter_title is not None else "title"] = book_title
        date = _date(book.find("PubDate"))
        if date:
            item["issued"] = date
        book_authors, book_editors = _typed_people(rec, book)
        for tag, var in (("Volume", "volume"), ("VolumeTitle", "volume-title"), ("Edition", "edition"),
                         ("CollectionTitle", "collection-title"), ("Medium", "medium"),
                         ("ReportNumber", "number")):
            value = _text(book, tag)
            if value:
                item[var] = value
        isbns = [clean(i.text) for i in book.iterfind("Isbn") if i.text]
        if isbns:
            item["ISBN"] = isbns[0]
            for extra in isbns[1:]:
                rec.keep("Isbn", extra)
        rec.location_ids(book)
        for tag in ("BeginningDate", "EndingDate"):
            found = book.find(tag)
            if found is not None:
                rec.keep(tag, _iso(found))
    # BookDocument's own AuthorList Type="editors" (the DTD allows it beside Type="authors") edits the
    # document: CSL has one editor list, so it follows the book's editors rather than being lost.
    own, own_editors = _typed_people(rec, doc)
    rec.people("editor", book_editors[0] + own_editors[0], book_editors[1] + own_editors[1])
    if chapter_title is not None:
        _title(rec, chapter_title)
        item["type"] = "chapter"
        rec.people("author", *own)
        rec.people("container-author", *book_authors)
    else:
        item["type"] = "book"
        rec.people("author", *(own if own[0] else book_authors))
    label = doc.findtext("LocationLabel")
    if label:
        rec.keep("LocationLabel", clean(label))
    pages = doc.find("Pagination")
    if pages is not None and pages.findtext("MedlinePgn"):
        item["page"] = clean(pages.findtext("MedlinePgn"))
    rec.location_ids(doc)
    rec.abstract(doc.find("Abstract"))
    rec.common(doc, data)
    rec.people("investigators", *rec.valid_people(doc.find("InvestigatorList")))
    keywords = [rich(k) for k in doc.iterfind("KeywordList/Keyword")]
    if keywords:
        item["keyword"] = "; ".join(k for k in keywords if k)
    sections = [rich(t) for t in doc.iterfind("Sections//SectionTitle")]  # nested sections too
    if sections:
        custom.setdefault("tags", {})[TAG_PREFIX + "Sections"] = sections
    found = doc.find("ContributionDate")
    if found is not None:
        rec.keep("ContributionDate", _iso(found))
    # The rest of BookDocument (DateRevised, ItemList, a reference list...), as MedlineCitation's extras.
    rec.citation_extras([child for child in doc if child.tag not in _BOOK_READ])
    return rec.finish()


def _typed_people(rec: _Record, parent: etree._Element) -> tuple[tuple[list[Name], list[dict[str, Any]]], ...]:
    """The (names, details) of *parent*'s AuthorList Type="authors" (the default) and Type="editors" lists."""
    found: dict[str, tuple[list[Name], list[dict[str, Any]]]] = {"authors": ([], []), "editors": ([], [])}
    for authors in parent.iterfind("AuthorList"):
        names, details = rec.valid_people(authors)
        kind = found["editors" if authors.get("Type") == "editors" else "authors"]
        kind[0].extend(names)
        kind[1].extend(details)
    return found["authors"], found["editors"]


#: BookDocument children book_to_item reads itself.
_BOOK_READ = frozenset((
    "PMID", "ArticleIdList", "Book", "ArticleTitle", "AuthorList", "LocationLabel", "Pagination", "ELocationID",
    "Abstract", "InvestigatorList", "KeywordList", "Sections", "ContributionDate", *_COMMON_CHILDREN))


# -- streaming --------------------------------------------------------------
#
# The parse yields *events* (an item, or a diagnostic still to be reported) rather than calling
# ctx itself, so that the same code serves the plain stream and the pieces of a parallel read:
# a worker's events are pickled to a temp file and replayed later by the main process, with
# its line numbers and record numbers shifted to where the piece sits in the file.

class _Prefixed:
    """A binary stream whose first bytes were already read (to check them before parsing)."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head, self._rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                data, self._head = self._head + self._rest.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._rest.read(size)


def _check_head(head: bytes, name: str) -> None:
    reject_entity_declarations(head, name)
    doctype = head.find(b"<!DOCTYPE")
    decl = head[doctype:head.find(b">", doctype)] if doctype >= 0 else b""
    if b"[" in decl and not re.search(rb"\]\s*>", head[doctype:]):  # an internal subset past the head
        raise CiteportError("XML document type declaration too long to check; refused for safety", source=name)


def _events(stream: Any, name: str, state: dict) -> Iterator[tuple]:
    """Parse *stream*; yield ("item", item), ("report", level, message, kwargs), ("skip", message,
    kwargs) or, last, ("malformed", message, line, records-so-far).  ``state["index"]`` counts
    the records met (read or skipped), the numbering diagnostics use.
    """
    events = safe_iterparse(stream, tags=RECORD_TAGS)
    index = 0
    checked = False
    try:
        for _event, el in events:
            if not checked:  # a DTD past the first 64 KB: refuse its entities too (they would vanish)
                checked = True
                dtd = el.getroottree().docinfo.internalDTD
                if dtd is not None and any(True for _ in dtd.entities()):
                    raise CiteportError(ENTITY_REFUSED, source=name)
            tag = el.tag
            parent = el.getparent()
            if tag == "MedlineCitation" and parent is not None and parent.tag == "PubmedArticle":
                continue  # handled with its PubmedArticle
            if tag == "DeleteCitation":
                pmids = [p.text.strip() for p in el.iterfind("PMID") if p.text]
                yield ("report", "info", f"DeleteCitation: PubMed withdrew {len(pmids)} record(s): "
                       f"{', '.join(pmids[:20])}{' ...' if len(pmids) > 20 else ''}",
                       {"line": el.sourceline, "code": "deleted"})
            elif len(el) == 0:
                yield ("report", "warning", f"empty {tag}, no record",
                       {"record": index + 1, "line": el.sourceline, "code": "skipped"})
            else:
                index += 1
                state["index"] = index
                try:
                    item = book_to_item(el) if tag == "PubmedBookArticle" else article_to_item(el)
                except Exception as exc:  # one odd record must not stop the stream
                    yield ("skip", f"could not read {tag}: {exc}", {"record": index, "line": el.sourceline})
                else:
                    if not item.get("title"):
                        yield ("report", "warning", "record has no title",
                               {"record": f"PMID {item.get('PMID')}", "line": el.sourceline,
                                "code": "missing-field", "field": "title"})
                    yield ("item", item)
            # Free what is parsed: the record itself and everything before it.
            el.clear()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        if "entity" in exc.msg.lower() or "amplification" in exc.msg.lower():
            raise CiteportError(ENTITY_REFUSED, source=name, line=exc.lineno) from None
        yield ("malformed", exc.msg, exc.lineno, index)


def _emit(event: tuple, ctx: Context, line_off: int = 0, rec_off: int = 0) -> Iterator[Item]:
    """Hand one event to ctx (or yield its item), lines and record numbers shifted by a piece's offsets."""
    kind = event[0]
    if kind == "item":
        yield event[1]
        return
    if kind == "malformed":
        _, msg, line, index = event
        if line_off:  # libxml2 names lines in its message too ('... b line 167 and Volume, line 167 ...')
            msg = re.sub(r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + line_off}", msg)
        ctx.skip(f"malformed XML, reading stopped after {index + rec_off} record(s): {msg}",
                 line=line + line_off if line else line, record=index + rec_off + 1)
        return
    kwargs = event[-1]
    if line_off and kwargs.get("line"):
        kwargs["line"] += line_off
    if rec_off and isinstance(kwargs.get("record"), int):
        kwargs["record"] += rec_off
    if kind == "skip":
        ctx.skip(event[1], **kwargs)
    else:
        ctx.report(event[1], event[2], **kwargs)


def read(source: Source, ctx: Context) -> Iterator[Item]:
    if source.path is not None and _jobs(ctx.options.get("jobs")) > 1:
        plan = _plan(source, _jobs(ctx.options.get("jobs")))
        if plan is not None:
            yield from _read_parallel(source, ctx, plan)
            return
    with source.open_binary() as stream:
        head = stream.read(65536)
        _check_head(head, source.name)
        for event in _events(_Prefixed(head, stream), source.name, {}):
            if event[0] == "item":  # most events: no generator for _emit
                yield event[1]
            else:
                yield from _emit(event, ctx)


# -- parallel reading of large plain files ------------------------------------
#
# The file is cut into pieces at record boundaries.  Worker processes map most pieces and
# pickle their events to temp files; the main process maps the other pieces itself (yielding
# as it goes) and, in file order, replays the workers' files, deleting each when done.  So the
# output - items and diagnostics, with their line and record numbers - is the plain reader's.
#
# Damage: a piece that fails to parse (malformed XML, a crash) means the plain reader would stop
# somewhere in it, so the rest of the file, from that piece's start, is read by the main process
# as one stream: records up to the damage, then the one error - exactly the plain reader's
# output; nothing after the damage comes out, even if later pieces are fine.

#: Files smaller than this are read in one process (starting workers costs ~0.3 s).
PARALLEL_MIN_BYTES = 20_000_000
#: Bytes per round (one piece for the main process, one per worker); tests make it small.
ROUND_BYTES = (4_000_000, 48_000_000)
#: Costs relative to mapping a record in the main process: in a worker (no JSON writing), and
#: replaying a worker's record (unpickling); they set the main process's share of each round.
WORKER_COST, REPLAY_COST = 0.9, 0.2
#: A cut goes at the start of a line that opens a record right after a record closed: text
#: ('</PubmedArticle>' in a CDATA section or comment) could fake one only at that exact line.
_ANCHOR = re.compile(rb"</(?:PubmedArticle|PubmedBookArticle|DeleteCitation)>[ \t\r]*\n"
                     rb"(?=[ \t]*<(?:PubmedArticle|PubmedBookArticle|DeleteCitation)[\s>])")
_SPLIT_ROOTS = (b"PubmedArticleSet", b"PubmedBookArticleSet")


def _jobs(value: Any) -> int:
    """ctx.options["jobs"]: None/0 -> the CPU count capped at 4; 1 -> one process."""
    try:
        jobs = int(value or 0)
    except (TypeError, ValueError):
        raise CiteportError(f"jobs must be a number, not {value!r}") from None
    return jobs if jobs > 0 else min(os.cpu_count() or 1, 4)


class _Piece(NamedTuple):
    start: int
    end: int | None  # None: to the end of the file (the real closing tag)
    worker: bool


class _Plan(NamedTuple):
    header: bytes  # the prolog up to and including the root's start tag
    closing: bytes  # the root's end tag, closing every piece but the last
    pieces: list[_Piece]
    workers: int


def _root(head: bytes) -> tuple[bytes, bytes] | None:
    """(header, root name): skip the XML declaration, comments, processing instructions, DOCTYPE."""
    pos = 0
    while True:
        pos = head.find(b"<", pos)
        if pos < 0:
            return None
        if head.startswith(b"<?", pos):
            pos = head.find(b"?>", pos)
        elif head.startswith(b"<!--", pos):
            pos = head.find(b"-->", pos)
        elif head.startswith(b"<!", pos):
            bracket, close = head.find(b"[", pos), head.find(b">", pos)
            pos = head.find(b"]", bracket) if 0 <= bracket < close else close
        else:
            m = re.compile(rb"<([A-Za-z_][\w.:-]*)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*>").match(head, pos)
            return (head[:m.end()], m.group(1)) if m else None
        if pos < 0:
            return None
        pos += 1


def _plan(source: Source, jobs: int) -> _Plan | None:
    """Where to cut a plain file into pieces; None when it is to be read in one stream."""
    path = source.path
    assert path is not None
    try:
        size = os.path.getsize(path)
        if not os.path.isfile(path) or size < PARALLEL_MIN_BYTES:
            return None
        with open(path, "rb") as fh:
            head = fh.read(65536)
            if head[:2] == b"\x1f\x8b":
                return None  # gzip: one stream (it cannot be entered in the middle)
            _check_head(head, source.name)
            root = _root(head)
            if root is None or root[1] not in _SPLIT_ROOTS:
                return None
            header, name = root
            workers = jobs - 1
            share = max(0.15, WORKER_COST - workers * REPLAY_COST)  # main piece / worker piece
            round_bytes = min(max(size // 6, ROUND_BYTES[0]), ROUND_BYTES[1])
            worker_bytes = int(round_bytes / (share + workers))
            sizes = [(int(worker_bytes * share), False)] + [(worker_bytes, True)] * workers
            pieces = [_Piece(0, None, False)]
            turn = 0
            while True:  # cut the last piece after its share; the next one starts there
                cut = _find_cut(fh, pieces[-1].start + max(sizes[turn % len(sizes)][0], 1), size)
                if cut is None:
                    break
                pieces[-1] = pieces[-1]._replace(end=cut)
                turn += 1
                pieces.append(_Piece(cut, None, sizes[turn % len(sizes)][1]))
    except OSError:
        return None
    if not any(p.worker for p in pieces):
        return None
    return _Plan(header, b"</" + name + b">\n", pieces, workers)


def _find_cut(fh: IO[bytes], target: int, size: int, window: int = 1 << 18) -> int | None:
    """The first record boundary at or after *target* (within 8 MB), or None."""
    pos = target
    while pos < size and pos < target + (8 << 20):
        base = max(pos - 64, 0)  # a closing tag may straddle the previous window
        fh.seek(base)
        for m in _ANCHOR.finditer(fh.read(window + 64)):
            if base + m.end() >= target:
                return base + m.end()
        pos += window
    return None


class _PieceStream:
    """header + the file's bytes [start, end) + closing: a piece as a document of its own."""

    def __init__(self, path: Any, header: bytes, start: int, end: int | None, closing: bytes):
        self._fh = open(path, "rb")
        self._fh.seek(start)
        self._parts = [header, closing]
        self._left = -1 if end is None else end - start
        self.newlines = 0  # in the file's bytes only: where the next piece's lines start

    def read(self, size: int = -1) -> bytes:
        if self._parts[0]:
            data = self._parts[0] if size < 0 else self._parts[0][:size]
            self._parts[0] = self._parts[0][len(data):]
            return data
        if self._left:
            want = self._left if size < 0 or 0 < self._left < size else size
            data = self._fh.read(want)
            if data:
                self.newlines += data.count(b"\n")
                if self._left > 0:
                    self._left -= len(data)
                return data
            self._left = 0
        data = self._parts[1] if size < 0 else self._parts[1][:size]
        self._parts[1] = self._parts[1][len(data):]
        return data

    def drain(self) -> None:
        while self._left or self._parts[1]:
            self.read(1 << 20)

    def close(self) -> None:
        self._fh.close()


def _map_piece(path: str, name: str, header: bytes, start: int, end: int | None, closing: bytes,
               out: str) -> tuple[bool, int, int]:
    """Worker: map one piece, pickle its events to *out*; (parsed cleanly, newlines, records)."""
    state = {"index": 0}
    stream = _PieceStream(path, header, start, end, closing)
    try:
        with open(out, "wb") as fh:
            batch: list[tuple] = []
            for event in _events(stream, name, state):
                if event[0] == "malformed":
                    return False, 0, 0
                batch.append(event)
                if len(batch) >= 200:
                    pickle.dump(batch, fh, pickle.HIGHEST_PROTOCOL)
                    batch = []
            pickle.dump(batch, fh, pickle.HIGHEST_PROTOCOL)
        stream.drain()
        return True, stream.newlines, state["index"]
    except Exception:  # anything else (an entity refusal...): the main process reads it and says so
        return False, 0, 0
    finally:
        stream.close()


def _replay(out: str) -> Iterator[tuple]:
    with open(out, "rb") as fh:
        while True:
            # Unpickling makes thousands of small containers: the cyclic GC would run over them
            # again and again (4x the cost of the load); there are no cycles to find in them.
            gc_was_on = gc.isenabled()
            gc.disable()
            try:
                batch = pickle.load(fh)
            except EOFError:
                return
            finally:
                if gc_was_on:
                    gc.enable()
            yield from batch


def _worker_main() -> None:
    """A worker process: one task a line on stdin (JSON), one result a line on stdout."""
    for line in sys.stdin.buffer:
        t = json.loads(line)
        result = _map_piece(t["path"], t["name"], t["header"].encode("latin-1"), t["start"], t["end"],
                            t["closing"].encode("latin-1"), t["out"])
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


class _Workers:
    """Worker processes started as ``python -c`` (not multiprocessing: spawning would re-run the
    caller's main script, forking is unsafe in a threaded program); piece j of the workers' goes
    to worker j mod n, and each answers its tasks in order."""

    def __init__(self, n: int):
        import subprocess

        # The workers import citeport from where this process did: they get its sys.path.
        code = ("import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
                "from citeport.formats.pubmed_xml import _worker_main; _worker_main()")
        self.procs = [subprocess.Popen([sys.executable, "-c", code, json.dumps(sys.path)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                      for _ in range(n)]

    def send(self, worker: int, task: dict) -> None:
        proc = self.procs[worker]
        proc.stdin.write(json.dumps(task).encode() + b"\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]

    def result(self, worker: int) -> tuple[bool, int, int]:
        line = self.procs[worker].stdout.readline()  # type: ignore[union-attr]
        return tuple(json.loads(line)) if line else (False, 0, 0)  # type: ignore[return-value]  # died

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for pipe in (proc.stdin, proc.stdout):
                try:
                    pipe.close()  # type: ignore[union-attr]
                except OSError:  # a task still buffered for a worker that is gone
                    pass


def _read_parallel(source: Source, ctx: Context, plan: _Plan) -> Iterator[Item]:
    path, name, pieces = str(source.path), source.name, plan.pieces
    tmpdir = tempfile.mkdtemp(prefix="citeport-pubmed-")
    workers = None
    try:
        workers = _Workers(plan.workers)
        todo = [i for i, p in enumerate(pieces) if p.worker]
        owner = {k: j % plan.workers for j, k in enumerate(todo)}
        sent = 0
        lines = records = 0  # newlines and records before the current piece
        for i, piece in enumerate(pieces):
            while todo and sent < 2 * plan.workers:  # at most two rounds ahead: bounded temp space
                k = todo.pop(0)
                p = pieces[k]
                workers.send(owner[k], {
                    "path": path, "name": name, "header": plan.header.decode("latin-1"), "start": p.start,
                    "end": p.end, "closing": (plan.closing if p.end is not None else b"").decode("latin-1"),
                    "out": os.path.join(tmpdir, f"{k}.pickle")})
                sent += 1
            header = plan.header if i else b""
            line_off = lines - header.count(b"\n")
            if piece.worker:
                ok, newlines, count = workers.result(owner[i])
                sent -= 1
                if not ok:
                    break  # damaged: the rest is read as one stream below
                out = os.path.join(tmpdir, f"{i}.pickle")
                for event in _replay(out):
                    yield from _emit(event, ctx, line_off, records)
                os.unlink(out)
            else:
                state = {"index": 0}
                stream = _PieceStream(path, header, piece.start, piece.end,
                                      plan.closing if piece.end is not None else b"")
                try:
                    done = 0
                    for event in _events(stream, name, state):
                        if event[0] == "malformed" and piece.end is not None:
                            break
                        done += 1
                        yield from _emit(event, ctx, line_off, records)
                    else:
                        stream.drain()
                        newlines, count = stream.newlines, state["index"]
                        done = -1
                finally:
                    stream.close()
                if done >= 0:  # damaged: read on from this piece's start, skipping what already came out
                    workers.close()
                    yield from _rest(path, name, plan, piece, ctx, line_off, records, skip=done)
                    return
            lines += newlines
            records += count
        else:
            return
        workers.close()  # a worker's piece was damaged: the later pieces are of no use
        yield from _rest(path, name, plan, piece, ctx, line_off, records, skip=0)
    finally:
        if workers is not None:
            workers.close()
        shutil.rmtree(tmpdir, ignore_errors=True)


def _rest(path: str, name: str, plan: _Plan, piece: _Piece, ctx: Context, line_off: int, records: int,
          skip: int) -> Iterator[Item]:
    """From *piece* to the end of the file as one stream (after damage), minus *skip* events already out."""
    header = plan.header if piece.start else b""
    stream = _PieceStream(path, header, piece.start, None, b"")
    try:
        for n, event in enumerate(_events(stream, name, {})):
            if n >= skip:
                yield from _emit(event, ctx, line_off, records)
    finally:
        stream.close()


FORMAT = Format(
    name="pubmed-xml",
    description="PubMed XML (efetch PubmedArticleSet, baseline/update files; .gz; streamed)",
    aliases=("medline-xml", "pubmedxml"),
    extensions=("xml",),
    sniff=sniff,
    read=read,
    reads_clean_text=True,  # parsed without recovery: lxml refuses every control character
)
