"""EndNote XML (``<xml><records><record>``), read and written.

EndNote, Mendeley, Zotero, JabRef and Bookends all exchange this format.  Text
sits in ``<style>`` wrappers (several per field when formatting changes);
``face="italic"`` etc. become CSL rich text in titles.  The reference type is
read by its *name*: the number after it is library-specific (EndNote lets
users renumber types), so it is only a fallback.  Records are streamed; a
malformed document keeps every record before the error, and the error names
the line.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, TextIO

from lxml import etree

from ..model.attachments import add_attachments, attachments, extras_lost, plain_paths
from ..model.dates import MONTH_ABBR, first_parts, parse_date, to_iso, to_text
from ..model.diagnostics import CiteportError, Context
from ..model.html_notes import html_note_to_rich, looks_like_html
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import Item, NAME_VARIABLES, circa_dates, foreign_tags, label, open_start_dates, set_custom
from ..model.languages import english_name, to_bcp47
from ..model.names import extra_name_parts, family_given, looks_like_organisation, parse_name
from ..model.text import clean, has_markup, strip_markup
from ..model.xmlsafe import NulFilter, reject_entity_declarations, reject_late_entities, safe_iterparse
from ..sources import Source
from .registry import Format
from .ris_tables import (ACCESS_DATE_TAGS, CONFERENCE_TYPES as RIS_CONFERENCE_TYPES, M1_ISSUE_TYPES, NAME_TAGS,
                         PAGE_COUNT_TYPES, RIS_TO_CSL, SERIES_T2_TYPES, TYPE_FIELDS as RIS_TYPE_FIELDS, FIELDS as RIS_FIELDS,
                         TYPE_NAME_TAGS)
from .ris import (_INITIALS_HEAD, _NOT_A_URL, _access_part, access_date, format_ris_date, _classify_sn, _issn_kinds, is_ambiguous_date,
                  is_isbn13, isbn_parts, parse_ris_date, parse_ris_name, restates_type)

#: EndNote reference type name -> CSL type.
TYPES: dict[str, str] = {
    "Aggregated Database": "dataset", "Ancient Text": "classic", "Artwork": "graphic",
    "Audiovisual Material": "motion_picture", "Bill": "bill", "Blog": "post-weblog", "Book": "book",
    "Book Section": "chapter", "Case": "legal_case", "Catalog": "book", "Chart or Table": "graphic",
    "Classical Work": "classic", "Computer Program": "software", "Conference Paper": "paper-conference",
    "Conference Proceedings": "paper-conference", "Dataset": "dataset", "Dictionary": "entry-dictionary",
    "Edited Book": "book", "Electronic Article": "article-journal", "Electronic Book": "book",
    "Electronic Book Section": "chapter", "Encyclopedia": "entry-encyclopedia", "Equation": "figure",
    "Figure": "figure", "Film or Broadcast": "motion_picture", "Generic": "document",
    "Government Document": "report", "Grant": "document", "Hearing": "hearing", "Interview": "interview",
    "Journal Article": "article-journal", "Legal Rule or Regulation": "regulation",
    "Magazine Article": "article-magazine", "Manuscript": "manuscript", "Map": "map", "Music": "musical_score",
    "Newspaper Article": "article-newspaper", "Online Database": "dataset", "Online Multimedia": "motion_picture",
    "Pamphlet": "pamphlet", "Patent": "patent", "Personal Communication": "personal_communication",
    "Podcast": "song", "Press Release": "article-newspaper", "Report": "report", "Serial": "book",
    "Standard": "standard", "Statute": "legislation", "Thesis": "thesis", "Unpublished Work": "manuscript",
    "Unused 1": "document", "Web Page": "webpage",
    # names other exporters (JabRef, older EndNote) use
    "Conference": "paper-conference", "Electronic Source": "webpage", "Online Source": "webpage",
    "Edited Volume": "book", "Dissertation": "thesis", "Journal": "periodical",
}
#: EndNote's default type numbers (used when a record has no type name).
TYPE_NUMBERS: dict[str, str] = {
    "2": "Artwork", "3": "Audiovisual Material", "4": "Bill", "5": "Book Section", "6": "Book", "7": "Case",
    "9": "Computer Program", "10": "Conference Proceedings", "12": "Web Page", "13": "Generic",
    "14": "Hearing", "17": "Journal Article", "19": "Magazine Article", "20": "Map", "21": "Film or Broadcast",
    "23": "Newspaper Article", "25": "Patent", "26": "Personal Communication", "27": "Report",
    "28": "Edited Book", "31": "Statute", "32": "Thesis", "34": "Unpublished Work", "36": "Manuscript",
    "43": "Electronic Article", "47": "Conference Paper", "59": "Dataset",
    # EndNote's later types, numbered as Zotero's "Endnote XML.js" (processNumberType) reads them.
    "8": "Catalog", "24": "Pamphlet", "37": "Figure", "38": "Chart or Table", "39": "Equation",
    "44": "Electronic Book", "45": "Online Database", "46": "Government Document", "48": "Online Multimedia",
    "49": "Classical Work", "50": "Legal Rule or Regulation", "51": "Ancient Text", "52": "Dictionary",
    "53": "Encyclopedia", "54": "Grant", "55": "Aggregated Database", "56": "Blog", "57": "Serial",
    "58": "Standard", "60": "Electronic Book Section", "61": "Music",
}
#: CSL type -> EndNote type written (first name in TYPES wins unless listed here).  A paper in
#: proceedings is "Conference Proceedings": Zotero reads "Conference Paper" as a presentation.
CSL_TO_TYPE: dict[str, str] = {
    "article": "Generic", "article-journal": "Journal Article", "book": "Book", "chapter": "Book Section",
    "paper-conference": "Conference Proceedings", "motion_picture": "Film or Broadcast", "graphic": "Artwork",
    "dataset": "Dataset", "classic": "Classical Work", "manuscript": "Manuscript", "report": "Report",
    "document": "Generic", "broadcast": "Film or Broadcast", "webpage": "Web Page", "post": "Blog",
    "review": "Journal Article", "review-book": "Journal Article", "entry": "Encyclopedia",
    "collection": "Edited Book", "event": "Generic", "performance": "Generic", "periodical": "Serial",
    "speech": "Generic", "treaty": "Legal Rule or Regulation", "song": "Music", "figure": "Figure",
    "article-newspaper": "Newspaper Article",
}
for _name, _csl in TYPES.items():
    CSL_TO_TYPE.setdefault(_csl, _name)
_NUMBER_OF = {name: num for num, name in TYPE_NUMBERS.items()}
LOSSY_TYPES = frozenset(t for t, n in CSL_TO_TYPE.items() if TYPES.get(n) != t)

#: EndNote reference type -> the RIS type EndNote's own RIS export writes for it.  Every per-type
#: meaning of an element comes from citeport.formats.ris_tables through this table and ELEMENT_TAGS
#: (one source of truth): EndNote XML and EndNote's RIS export carry the same fields.
RIS_TYPES: dict[str, str] = {
    "Aggregated Database": "AGGR", "Ancient Text": "ANCIENT", "Artwork": "ART", "Audiovisual Material": "ADVS",
    "Bill": "BILL", "Blog": "BLOG", "Book": "BOOK", "Book Section": "CHAP", "Case": "CASE", "Catalog": "CTLG",
    "Chart or Table": "CHART", "Classical Work": "CLSWK", "Computer Program": "COMP",
    "Conference Paper": "CPAPER", "Conference Proceedings": "CONF", "Dataset": "DATA", "Dictionary": "DICT",
    "Edited Book": "EDBOOK", "Electronic Article": "EJOUR", "Electronic Book": "EBOOK",
    "Electronic Book Section": "ECHAP", "Encyclopedia": "ENCYC", "Equation": "EQUA", "Figure": "FIGURE",
    "Film or Broadcast": "MPCT", "Generic": "GEN", "Government Document": "GOVDOC", "Grant": "GRANT",
    "Hearing": "HEAR", "Journal Article": "JOUR", "Legal Rule or Regulation": "LEGAL",
    "Magazine Article": "MGZN", "Manuscript": "MANSCPT", "Map": "MAP", "Music": "MUSIC",
    "Newspaper Article": "NEWS", "Online Database": "DBASE", "Online Multimedia": "MULTI", "Pamphlet": "PAMP",
    "Patent": "PAT", "Personal Communication": "PCOMM", "Report": "RPRT", "Serial": "SER", "Standard": "STAND",
    "Statute": "STAT", "Thesis": "THES", "Unpublished Work": "UNPB", "Web Page": "ELEC",
    "Conference": "CONF", "Electronic Source": "ELEC", "Online Source": "ELEC", "Edited Volume": "EDBOOK",
    "Dissertation": "THES", "Journal": "JFULL",
}  # Interview, Podcast, Press Release, Unused 1: EndNote writes no type of their own (GEN)
#: EndNote XML element (or contributor group) -> the RIS tag EndNote's RIS export writes it as.
#: <number> is EndNote's generic "Number" field: M1 in its RIS export (the issue of a journal
#: article, RIS reading M1 as the issue when there is no IS).
ELEMENT_TAGS: dict[str, str] = {
    "authors": "AU", "secondary-authors": "A2", "tertiary-authors": "A3", "subsidiary-authors": "A4",
    "secondary-title": "T2", "tertiary-title": "T3", "alt-title": "J2", "pages": "SP", "volume": "VL",
    "number": "M1", "issue": "IS", "edition": "ET", "section": "SE", "num-vols": "NV", "pub-location": "CY",
    "publisher": "PB", "isbn": "SN", "accession-num": "AN", "call-num": "CN", "work-type": "M3",
    "orig-pub": "OP", "label": "LB", "reviewed-item": "RI", "remote-database-name": "DB",
    **{f"custom{n}": f"C{n}" for n in range(1, 9)},
}
#: Per RIS type, elements EndNote's RIS export writes under another tag (its labelled export, Zotero's
#: RIS_case03: a book section's "Number of Volumes" in M1 and "Series Volume" in SV; a case's
#: "Docket Number" in SV).
TYPE_ELEMENT_TAGS: dict[str, dict[str, str]] = {"CHAP": {"number": "SV", "num-vols": "M1"}, "CASE": {"number": "SV"}}


def _element_tags(ris_ty: str) -> dict[str, str]:
    """Element -> RIS tag for one RIS type.  A type whose M1 has no meaning of its own (EndNote gives
    it no Number field) gets <number> only from other tools, which mean the issue: IS."""
    number = "M1" if "M1" in RIS_TYPE_FIELDS.get(ris_ty, {}) or ris_ty in M1_ISSUE_TYPES else "IS"
    return {**ELEMENT_TAGS, "number": number, **TYPE_ELEMENT_TAGS.get(ris_ty, {})}
#: contributors/<group>/author -> CSL name variable (RIS NAME_TAGS through ELEMENT_TAGS).
CONTRIBUTORS = {group: NAME_TAGS[ELEMENT_TAGS[group]] for group in
                ("authors", "secondary-authors", "tertiary-authors", "subsidiary-authors")}
#: Simple element -> CSL variable (element text, first occurrence).
FIELDS: dict[str, str] = {
    "pages": "page", "volume": "volume", "issue": "issue", "edition": "edition", "section": "section",
    "num-vols": "number-of-volumes", "publisher": "publisher", "pub-location": "publisher-place",
    "abstract": "abstract", "notes": "note", "call-num": "call-number", "work-type": "genre",
    # As RIS DB (and Zotero): the database's name is CSL archive.  The provider (RIS DP, CSL
    # source) is read apart: "NLM" there marks accession-num as the PMID.
    "remote-database-name": "archive", "short-title": "title-short", "orig-pub": "original-title",
    "accession-num": "archive_location",
}
#: Elements read apart from the generic loop (their per-type meaning is applied where they are read).
_SPECIAL = frozenset(("authors", "secondary-authors", "tertiary-authors", "subsidiary-authors", "secondary-title",
                      "tertiary-title", "alt-title", "number", "isbn"))


def _derive_fields(ris_ty: str) -> dict[str, str | None]:
    """Element -> meaning for one RIS type, where it differs from FIELDS (None: kept, no CSL home).

    A book's or thesis's <pages> is EndNote's "Number of Pages" (RIS PAGE_COUNT_TYPES): a single
    number is number-of-pages, a range stays page ("pages-or-count").  A journal article's <custom7>
    is its "Article Number" (RIS C7 of M1_ISSUE_TYPES, custom.elocation)."""
    out: dict[str, str | None] = {}
    overrides = RIS_TYPE_FIELDS.get(ris_ty, {})
    for element, tag in _element_tags(ris_ty).items():
        if element in _SPECIAL:
            continue
        if tag in overrides:
            out[element] = overrides[tag]
        elif tag != ELEMENT_TAGS[element]:  # another tag's default meaning (CHAP num-vols: M1)
            out[element] = RIS_FIELDS.get(tag, "issue" if tag == "M1" and ris_ty in M1_ISSUE_TYPES else None)
    if ris_ty in PAGE_COUNT_TYPES and "SP" not in RIS_TYPE_FIELDS.get(ris_ty, {}):
        out["pages"] = "pages-or-count"
    if ris_ty in M1_ISSUE_TYPES:
        out.setdefault("custom7", "custom.elocation")
    return out


#: Per type: elements whose meaning differs from FIELDS, derived from ris_tables.TYPE_FIELDS.
TYPE_FIELDS: dict[str, dict[str, str | None]] = {name: _derive_fields(ris) for name, ris in RIS_TYPES.items()}
CONFERENCE_TYPES = frozenset(n for n, ris in RIS_TYPES.items() if ris in RIS_CONFERENCE_TYPES)
#: Types whose secondary-title is a series (EndNote's "Series Title"), not a container (RIS T2).
SERIES_TYPES = frozenset(n for n, ris in RIS_TYPES.items() if ris in SERIES_T2_TYPES)
_CHAPTER_TYPES = frozenset(n for n, ris in RIS_TYPES.items() if RIS_TYPE_FIELDS.get(ris, {}).get("SE") == "chapter-number"
                           and RIS_TO_CSL.get(ris) == "chapter")


def _number_var(type_name: str) -> str | None:
    """What <number> means for a type (RIS M1; the issue unless the type gives M1 a meaning)."""
    ris_ty = RIS_TYPES.get(type_name, "")
    overrides, tag = RIS_TYPE_FIELDS.get(ris_ty, {}), _element_tags(ris_ty)["number"]
    return overrides[tag] if tag in overrides else "issue" if tag == "M1" else RIS_FIELDS.get(tag, "issue")


def _access_elements(type_name: str) -> dict[str, tuple[str, str]]:
    """Elements holding parts of the access date (a Web Page's <volume> "Access Year" and <number>
    "Access Date", as RIS ACCESS_DATE_TAGS): element -> (RIS tag, role)."""
    ris_ty = RIS_TYPES.get(type_name, "")
    tags = _element_tags(ris_ty)
    return {el: (tag, role) for tag, role in ACCESS_DATE_TAGS.get(ris_ty, {}).items()
            for el, t in tags.items() if t == tag and el not in _SPECIAL - {"number"}}


def _isbn_var(type_name: str) -> str | None:
    """The variable <isbn> holds when it is a document number (RIS SN: "Patent Number",
    "Report Number"...), else None (ISBN/ISSN)."""
    return RIS_TYPE_FIELDS.get(RIS_TYPES.get(type_name, ""), {}).get("SN")


def _title_vars(type_name: str) -> dict[str, str | None]:
    """secondary-/tertiary-/alt-title with a per-type meaning (a hearing's committee, a bill's
    legislative body...): element -> variable (None: kept)."""
    overrides = RIS_TYPE_FIELDS.get(RIS_TYPES.get(type_name, ""), {})
    return {el: overrides[ELEMENT_TAGS[el]] for el in ("secondary-title", "tertiary-title", "alt-title")
            if ELEMENT_TAGS[el] in overrides}


_FACE_TAGS = {"italic": "i", "bold": "b", "superscript": "sup", "subscript": "sub"}
_FACE_ORDER = ("i", "b", "sup", "sub")
_TITLE_TAGS = ("title", "secondary-title", "tertiary-title", "alt-title", "short-title", "translated-title")
_STYLE = '<style face="normal" font="default" size="100%">{}</style>'


def sniff(head: str) -> float:
    s = head.lstrip("\ufeff \t\r\n")
    if not s.startswith("<"):
        return 0.0
    if re.search(r"<xml>\s*<records>\s*<record>", s[:5000]):
        return 0.95
    if "<records>" in s[:5000] and ("<ref-type" in s[:20000] or "<rec-number>" in s[:20000]):
        return 0.85
    return 0.0


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------
def _text(el: etree._Element | None, rich: bool = False) -> str:
    """Element text across <style> wrappers; with *rich*, faces become CSL markup."""
    if el is None:
        return ""
    if not rich:
        return clean("".join(el.itertext()))
    # CSL rich text is plain text with tags ("A & <i>B</i>", as the JATS and RIS readers give it):
    # escaping "&" here made "&amp;" in every title with an ampersand, growing on each round trip.
    out = [el.text] if el.text and el.text.strip() and el.tag != "style" else []
    for child in el.iter("style"):
        piece = child.text or ""
        faces = {_FACE_TAGS[f] for f in (child.get("face") or "").split() if f in _FACE_TAGS}
        for tag in _FACE_ORDER:  # one nesting order, whatever order the faces were listed in
            if tag in faces and piece.strip():
                piece = f"<{tag}>{piece}</{tag}>"
        out.append(piece)
        if child.tail and child.tail.strip() and child.getparent() is el:
            out.append(child.tail)
    if not list(el.iter("style")):
        return clean("".join(el.itertext()))
    text = clean("".join(out))
    return text if has_markup(text) else clean(strip_markup(text))


def _all(el: etree._Element, path: str) -> list[str]:
    return [t for t in (_text(e) for e in el.iterfind(path)) if t]


def _lines(el: etree._Element) -> list[str]:
    """The non-empty lines of a multi-line field.  EndNote separates lines (abstract paragraphs,
    keywords sharing one <keyword>) with CR, written ``&#xD;``, which the XML parser keeps as \\r."""
    return [t for t in (clean(line) for line in re.split(r"\r\n?|\n", "".join(el.itertext()))) if t]


def _person(text: str) -> dict:
    """An EndNote name.  EndNote's own rule: 'Family, Given' with a comma; without one a person is
    'Given Family' (Papers and hand-typed names); organisations end with ',' or look like one."""
    s = clean(text).strip(" ;")
    if "," in s or " " not in s or looks_like_organisation(s):
        return parse_ris_name(s)
    if _INITIALS_HEAD.match(s):  # 'J. Mark FitzGerald': EndNote takes the last word as the family
        return parse_name(s, organisation=False)
    name = parse_ris_name(s)  # MEDLINE's 'Gibb FW' stays family-first
    return parse_name(s, organisation=False) if "literal" in name else name


def _roles(type_name: str) -> dict[str, str]:
    """Contributor group -> CSL name variable for an EndNote type (read and written alike): RIS
    NAME_TAGS / TYPE_NAME_TAGS through ELEMENT_TAGS.  Groups the type gives a field meaning (a
    patent's secondary author is its issuing authority) are in _group_fields instead."""
    ris_ty = RIS_TYPES.get(type_name, "")
    names = {**NAME_TAGS, **TYPE_NAME_TAGS.get(ris_ty, {})}
    overrides = RIS_TYPE_FIELDS.get(ris_ty, {})
    return {g: names[ELEMENT_TAGS[g]] for g in CONTRIBUTORS if ELEMENT_TAGS[g] not in overrides}


def _group_fields(type_name: str) -> dict[str, str | None]:
    """Contributor groups that are a field for this type (RIS TYPE_FIELDS of A2-A4): group -> variable."""
    overrides = RIS_TYPE_FIELDS.get(RIS_TYPES.get(type_name, ""), {})
    return {g: overrides[ELEMENT_TAGS[g]] for g in CONTRIBUTORS if ELEMENT_TAGS[g] in overrides}


def _record(rec: etree._Element, ctx: Context, index: int) -> Item:
    rt = rec.find("ref-type")
    type_name = (rt.get("name") if rt is not None else None) or TYPE_NUMBERS.get(_text(rt), "")
    item: Item = {"type": TYPES.get(type_name, "document")}
    keep: dict[str, list[str]] = {}
    if type_name not in TYPES:
        ctx.report("warning", f"unknown EndNote reference type {type_name!r}; read as 'document'",
                   record=index, code="guessed", field="type")
    if type_name and CSL_TO_TYPE.get(item["type"]) != type_name:
        keep["endnote:ref-type"] = [type_name]
    if _text(rec.find("rec-number")):
        item["id"] = _text(rec.find("rec-number"))
    handled = {"database", "source-app", "rec-number", "foreign-keys", "ref-type", "contributors", "titles",
               "periodical", "alt-periodical", "dates", "keywords", "urls", "isbn", "electronic-resource-num",
               "language", "number", "access-date", "remote-database-provider", "custom-tags", *_TITLE_TAGS}
    access_els = _access_elements(type_name)
    handled |= set(access_els)
    roles = _roles(type_name)
    for group, var in roles.items():
        for name in _all(rec, f"contributors/{group}/author"):
            parsed = _person(name)
            if parsed:
                item.setdefault(var, []).append(parsed)
    group_fields = _group_fields(type_name)
    for group in rec.iterfind("contributors/*"):
        var = group_fields.get(group.tag)
        for n, value in enumerate(_all(group, "author")) if group.tag not in roles else ():
            if var and n == 0 and var not in item:  # e.g. a patent's issuing authority (RIS PAT A2)
                item[var] = value.rstrip(",")
            else:
                keep.setdefault(f"endnote:{group.tag}", []).append(value)
    series = type_name in SERIES_TYPES
    titles: dict[str, str] = {}
    for t in rec.iterfind("titles/*"):  # a second title of a kind is kept (the writer puts it back after)
        if t.tag in titles:
            keep.setdefault(f"endnote:{t.tag}", []).append(_text(t, rich=True))
        else:
            titles[t.tag] = _text(t, rich=True)
    for t in rec:  # JabRef writes secondary/tertiary titles outside <titles>
        if t.tag in _TITLE_TAGS:
            titles.setdefault(t.tag, _text(t, rich=True))
    for element, var in _title_vars(type_name).items():  # a hearing's committee, a bill's legislative body
        value = titles.pop(element, None)
        if value and var and var not in item:
            item[var] = strip_markup(value)
        elif value:
            keep[f"endnote:{element}"] = [value]
    if titles.get("title"):
        item["title"] = titles["title"]
    secondary = titles.get("secondary-title")
    proceedings = _text(rec.find("custom3")) if type_name in CONFERENCE_TYPES else ""
    if proceedings:  # custom3 is the proceedings, secondary-title the conference's name (as RIS C3/T2)
        handled.add("custom3")
        item["container-title"] = proceedings
        if secondary:
            item["event-title"] = strip_markup(secondary)
    elif secondary:
        var = "collection-title" if series else "container-title"
        if item.get(var, secondary) != secondary:
            keep["endnote:secondary-title"] = [secondary]
        else:
            item[var] = secondary
    if titles.get("tertiary-title"):
        if series or "collection-title" in item:
            keep["endnote:tertiary-title"] = [titles["tertiary-title"]]
        else:
            item["collection-title"] = titles["tertiary-title"]
    if titles.get("short-title"):
        item["title-short"] = strip_markup(titles["short-title"])
    for key in ("alt-title", "translated-title"):
        if titles.get(key):
            keep[f"endnote:{key}"] = [titles[key]]
    for per in ("periodical", "alt-periodical"):
        full = _text(rec.find(f"{per}/full-title"))
        abbrs = [_text(rec.find(f"{per}/abbr-{n}")) for n in (1, 2, 3)]
        # A <periodical> is a container even in a book-like record (EndNote fills it only for an
        # item that appeared in a journal), unlike the series in secondary-title there.
        if full and "container-title" not in item:
            item["container-title"] = full
        elif (full and per == "periodical" and secondary and item.get("container-title") == secondary
              and "container-title-short" not in item and secondary in (*abbrs, titles.get("alt-title"))
              and len(full) > len(secondary) and _abbreviates(strip_markup(secondary), full)):
            # The Journal field holds the abbreviation (PubMed/RIS imports), the journal term list the
            # full name: the full name is the container, the abbreviation its short form.
            item["container-title"], item["container-title-short"] = full, strip_markup(secondary)
            if titles.get("alt-title") == secondary:
                keep.pop("endnote:alt-title", None)
        elif full and full != item.get("container-title"):
            if full not in keep.setdefault("endnote:periodical", []):  # one key: either element
                keep["endnote:periodical"].append(full)
        if per == "periodical" and not full and abbrs[0] and "container-title" not in item:
            item["container-title"] = abbrs[0]  # only the abbreviation known: both hold it (conventions)
        for abbr in abbrs:
            if abbr and "container-title-short" not in item and "container-title" in item:
                item["container-title-short"] = abbr
            elif abbr and abbr != item.get("container-title-short"):
                if abbr not in keep.setdefault("endnote:periodical-abbr", []):
                    keep["endnote:periodical-abbr"].append(abbr)
    if item.get("container-title") and "container-title-short" not in item:
        alt = titles.get("alt-title")
        if alt and alt != item["container-title"] and len(alt) < len(item["container-title"]):
            item["container-title-short"] = strip_markup(alt)
            keep.pop("endnote:alt-title", None)
    short, full = item.get("container-title-short"), item.get("container-title")
    if short and full and not proceedings and len(short) > len(strip_markup(full)) and _abbreviates(strip_markup(full), short):
        # EndNote's PubMed import: Journal and the term list's full-title hold MEDLINE's abbreviation
        # (TA), Alternate Journal and abbr-1 the journal's name (JT).  An abbreviation is never longer.
        item["container-title"], item["container-title-short"] = short, strip_markup(full)
    number = _text(rec.find("number")) if "number" not in access_els else ""
    if number:
        var = _number_var(type_name)
        if var == "collection-number" and series and rec.find("periodical/full-title") is not None:
            var = "issue"  # a book-like record in a journal (it has a <periodical>): the journal issue
        if var is None or var in item or (var == "issue" and rec.find("issue") is not None):
            keep["endnote:number"] = [number]
        else:
            item[var] = number
    for el in rec:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in handled or tag in ("titles",):
            continue
        value = _text(el) if tag not in ("abstract", "notes", "research-notes") else "\n".join(_lines(el))
        if tag == "notes" and looks_like_html(value):  # Zotero's notes are HTML
            value = html_note_to_rich(value)
        if not value:
            continue
        overrides = TYPE_FIELDS.get(type_name, {})
        var = overrides[tag] if tag in overrides else FIELDS.get(tag)
        if tag in _PMCID_ELEMENTS and re.fullmatch(r"PMC\d+", value) and "PMCID" not in item:
            var = "PMCID"  # as RIS C2/C3/C7 holding only a PMCID (EndNote's journal "PMCID" field)
        if var and _typed_field(item, var, value):
            continue
        if var == "genre" and restates_type(value, item["type"]):
            var = None  # Scopus's "Article" imported as Type of Article: the type says it (as RIS M3)
        if var and var not in item and var not in _TYPED_VARS:
            item[var] = value
        else:
            keep.setdefault(f"endnote:{tag}", []).append(value)
    _dates(rec, item, keep)
    kws = [k for el in rec.iterfind("keywords/keyword") for k in _lines(el)]
    if kws:
        item["keyword"] = "; ".join(dict.fromkeys(kws))
    for group in rec.iterfind("urls/*"):
        # Several URLs may share one <url> (newline separated); "<Go to ISI>://..." has spaces.
        urls = [u for t in _all(group, "url") for u in (_URL_WORDS.findall(t) if t.count("://") > 1 else [t])]
        if group.tag != "pdf-urls":  # "<Go to ISI>://WOS:...": no link a style may print; kept apart
            keep_out = [u for u in urls if _NOT_A_URL.search(u)]
            if keep_out:
                keep.setdefault(f"endnote:{group.tag}", []).extend(keep_out)
                urls = [u for u in urls if u not in keep_out]
        if group.tag in ("related-urls", "web-urls") and urls and "URL" not in item:
            item["URL"] = urls[0]
            urls = urls[1:]
        if urls and group.tag == "pdf-urls":  # linked files (see model.attachments)
            add_attachments(item, [{"path": u} for u in urls])
        elif urls:
            keep.setdefault(f"endnote:{group.tag}", []).extend(urls)
    isbn_var = _isbn_var(type_name)
    if isbn_var:  # EndNote keeps patent and report numbers in <isbn> (RIS SN of PAT, RPRT...)
        isbn = _text(rec.find("isbn"))
        if isbn and is_isbn13(isbn):  # a catalogue's ISBN in the "Report Number" field (as RIS SN)
            item["ISBN"], isbn = isbn, ""
        if isbn and item.get(isbn_var) not in (None, isbn):
            keep.setdefault("endnote:number", []).append(item[isbn_var])  # as RIS keeps the M1
        if isbn:
            item[isbn_var] = isbn
    elif rec.find("isbn") is not None:
        lines = _lines(rec.find("isbn"))
        kinds = [_classify_sn(line, "BOOK" if TYPES.get(type_name) in ("book", "chapter") else "JOUR")[0]
                 for line in lines]
        if len(set(kinds)) > 1:  # an ISBN and an ISSN, one line each (EndNote's CR between values)
            _serials(" ".join(v for v, k in zip(lines, kinds) if k == "ISBN"), type_name, item)
            _serials(" ".join(v for v, k in zip(lines, kinds) if k == "ISSN"), "Journal Article", item)
        else:
            _serials(_text(rec.find("isbn")), type_name, item)
    erm = _text(rec.find("electronic-resource-num"))
    if erm:
        doi = normalize_doi(erm)
        if doi:
            item["DOI"] = doi
        else:
            keep["endnote:electronic-resource-num"] = [erm]
    lang = _text(rec.find("language"))
    if lang:
        item["language"] = to_bcp47(lang) or lang
    provider = _text(rec.find("remote-database-provider"))
    pubmed = _PUBMED_MARK.search(f"{provider} {item.get('archive', '')}")
    if pubmed and item.get("archive_location") and normalize_pmid(item["archive_location"]) == item["archive_location"]:
        item["PMID"] = item.pop("archive_location")  # EndNote's PubMed imports keep the PMID here
    if provider and not (provider == "NLM" and item.get("PMID")):
        item["source"] = provider  # with a PMID, "NLM" is only the marker the writer puts back
    access = _text(rec.find("access-date"))
    if access:  # free text in EndNote: "3/15/2022", "2022/03/15", "March 15, 2022"
        date = parse_ris_date(access)
        if date and "date-parts" in date and not is_ambiguous_date(access):
            item["accessed"] = date
        elif date and "literal" in date and not re.search(r"\d+\s*[/.-]\s*\d+", access):
            item["accessed"] = {"literal": access}  # words ("Michaelmas term, 1999"): CSL's literal date
        else:
            keep["endnote:access-date"] = [access]
    parts = [(el, role, v) for el, (_tag, role) in access_els.items() for v in [_text(rec.find(el))] if v]
    if parts:
        accessed, not_dates, disagree = access_date(item.get("accessed"), parts)
        if accessed:
            item["accessed"] = accessed
        for el, v in not_dates:
            if access_els[el][1] == "year" and "volume" not in item:
                item["volume"] = v  # a Web Page <volume> that is no year: the volume after all
            else:
                keep.setdefault(f"endnote:{el}", []).append(v)
        for el, v in disagree:
            keep.setdefault(f"endnote:{el}", []).append(v)
    if type_name in CONFERENCE_TYPES and item.get("event-place") and "publisher-place" not in item:
        item["publisher-place"] = item["event-place"]  # as RIS reads a conference's CY alone
    elocation = (item.get("custom") or {}).get("elocation")
    if elocation and "page" not in item:
        item["page"] = elocation  # an article number stands in for pages (as RIS C7)
    if keep:  # beside what _serials kept (a labelled <isbn> field whole)
        item.setdefault("custom", {}).setdefault("tags", {}).update({k: v for k, v in keep.items() if v})
    return item


_PUBMED_MARK = re.compile(r"\b(NLM|PubMed|MEDLINE)\b", re.I)
#: Variables TYPE_FIELDS fills only from a value of the right shape (else the element is kept).
_TYPED_VARS = frozenset(("available-date", "PMCID", "custom.elocation", "pages-or-count"))
_PMCID_ELEMENTS = frozenset(("custom2", "custom3", "custom7"))
#: Variables the title elements carry (a per-type field there is written with the titles).
_TITLE_VARS = frozenset(("container-title", "collection-title", "event-title"))


def rec_has_periodical(item: Item) -> bool:
    """A container-title the writer also puts in <periodical> (so a taken secondary-title loses nothing)."""
    return bool(item.get("container-title"))
#: A range in a book's or thesis's <pages> ("Number of Pages"); "xv, 672" (front matter, then the
#: text: a library's pagination) is a count, as the RIS reader reads the same field's SP.
_PAGE_RANGE = re.compile(r"\w\s*[-–]\s*\w")


#: Several links in one <url>: each is one word, or EndNote's "<Go to ISI>://..." with its spaces.
_URL_WORDS = re.compile(r"<[^<>]*>://\S+|\S+")


def _abbreviates(short: str, full: str) -> bool:
    """Whether *short* abbreviates *full* ("Proc Natl Acad Sci U S A" of "Proceedings of the National
    Academy of Sciences of the United States of America"): each of its words is, in order, a
    subsequence of a word of *full* with the same first letter."""
    words = iter(re.findall(r"\w+", full.lower()))
    for abbr in re.findall(r"\w+", short.lower()):
        if not any(w[0] == abbr[0] and _subsequence(abbr, w) for w in words):
            return False
    return True


def _subsequence(part: str, word: str) -> bool:
    chars = iter(word)
    return all(c in chars for c in part)


def _typed_field(item: Item, var: str, value: str) -> bool:
    """Fill a variable that needs a parsed value (a date, a PMCID, a custom key); False: not filled."""
    if var == "available-date" and var not in item:
        date = parse_ris_date(value)
        if date and "date-parts" in date and not is_ambiguous_date(value):
            item[var] = date
            return True
    elif var == "PMCID" and var not in item:
        pmcid = normalize_pmcid(value) if re.fullmatch(r"\s*PMC\d+\s*", value) else None
        if pmcid:
            item[var] = pmcid
            return True
    elif var == "pages-or-count" and "page" not in item and "number-of-pages" not in item:
        item["page" if _PAGE_RANGE.search(value) or not re.search(r"\d", value) else "number-of-pages"] = value
        return True
    elif var == "custom.elocation" and "elocation" not in (item.get("custom") or {}):
        set_custom(item, "elocation", value)
        return True
    return False


def _dates(rec: etree._Element, item: Item, keep: dict[str, list[str]]) -> None:
    year = _text(rec.find("dates/year"))
    pub = _all(rec, "dates/pub-dates/date")
    month = _text(rec.find("dates/month"))  # JabRef's export
    if month and not pub:
        pub = [month if not month.isdigit() else month_name(month)]
    date = None
    if pub and year and re.fullmatch(r"\d{4}", year) and not re.search(r"\b\d{4}\b", pub[0]):
        date = parse_date(f"{year} {pub[0]}")  # <year>2015</year> + <date>Mar 3</date>
    elif pub and year and re.search(r"\b\d{4}\b", pub[0]):
        cand = parse_date(pub[0])
        if cand and "date-parts" not in cand and not is_ambiguous_date(pub[0]):
            cand = parse_ris_date(pub[0])  # IEEE's "25-28 Oct. 2020", EndNote's "7/21/2023"
        if cand and first_parts(cand)[:1] == [int(year)] if year.isdigit() else False:
            date = cand
    if date is None or "date-parts" not in date:
        date = parse_date(year) if year else None
        if pub:
            keep["endnote:pub-dates"] = pub
    elif len(pub) > 1:
        keep["endnote:pub-dates"] = pub[1:]
    if date:
        item["issued"] = date


def month_name(month: str) -> str:
    return MONTH_ABBR[int(month) - 1] if 1 <= int(month) <= 12 else month


def _serials(value: str, type_name: str, item: Item) -> None:
    """<isbn> holds ISBNs or ISSNs (EndNote's one field for both), often labelled."""
    if not value:
        return
    kind, _ = _classify_sn(value, "BOOK" if TYPES.get(type_name) in ("book", "chapter") else "JOUR")
    if kind == "ISBN":
        first, kinds, others = isbn_parts(value)
        item["ISBN"] = first
        if kinds:
            set_custom(item, "isbn", kinds)
        if others:  # unlabelled further ISBNs: the field is kept whole (written back as it was)
            item.setdefault("custom", {}).setdefault("tags", {})["endnote:isbn"] = [value]
        return
    issn, kinds = _issn_kinds([value])
    if kinds:
        item["ISSN"] = issn
        set_custom(item, "issn", kinds)
        if value != f"{issn}" and not all(k in ("print", "electronic", "linking") for k in kinds):
            item.setdefault("custom", {}).setdefault("tags", {})["endnote:isbn"] = [value]
    else:
        item["ISSN"] = value


def read(source: Source, ctx: Context) -> Iterator[Item]:
    raw = source.open_binary()
    head = raw.read(65536)
    raw.seek(0)
    reject_entity_declarations(head, source.name)
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:2] in (b"<\x00", b"\x00<")
    stream = raw if utf16 else NulFilter(raw)
    index = 0
    try:
        for _event, el in safe_iterparse(stream, tags=("record",)):
            index += 1
            if index == 1:  # a DOCTYPE past the checked head: its entities would be kept as "&x;"
                reject_late_entities(el, source.name)
            try:
                yield _record(el, ctx, index)
            except Exception as exc:  # one odd record must not lose the rest
                ctx.skip(f"record could not be read: {exc}", record=index, line=el.sourceline)
            el.clear()
    except etree.XMLSyntaxError as exc:
        ctx.skip(f"malformed XML: {exc.msg}; {index} record(s) before it were read", line=exc.lineno)
    finally:
        stream.close()
    if isinstance(stream, NulFilter) and stream.removed:
        ctx.report("error", f"{stream.removed} NUL byte(s) removed (the first on this line)",
                   line=stream.first_line, code="bad-input")
    if index == 0:
        ctx.report("error", "no <record> elements found", code="empty")


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
def _el(parent: etree._Element, tag: str, text: str | None = None, styled: bool = True) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        if styled:
            style = etree.SubElement(el, "style", face="normal", font="default", size="100%")
            style.text = text
        else:
            el.text = text
    return el


def _rich(parent: etree._Element, tag: str, text: str) -> None:
    """A title with CSL markup as <style face=...> runs."""
    el = etree.SubElement(parent, tag)
    pos = 0
    stack: list[str] = []
    faces = {v: k for k, v in _FACE_TAGS.items()}
    for m in re.finditer(r"<(/?)(i|b|sup|sub)>", text):
        if m.start() > pos:
            face = " ".join(faces[t] for t in _FACE_ORDER if t in stack) or "normal"
            etree.SubElement(el, "style", face=face, font="default", size="100%").text = \
                strip_markup(text[pos:m.start()])
        if m.group(1):
            if m.group(2) in stack:
                stack.remove(m.group(2))
        else:
            stack.append(m.group(2))
        pos = m.end()
    if pos < len(text):
        face = " ".join(faces[t] for t in _FACE_ORDER if t in stack) or "normal"
        etree.SubElement(el, "style", face=face, font="default", size="100%").text = strip_markup(text[pos:])


def _typed_value(item: Item, var: str) -> str:
    """The text TYPE_FIELDS' element holds for *var* ('2020/05/20' for a date, a custom key's value)."""
    if var == "pages-or-count":
        value = item.get("page") or item.get("number-of-pages")
    elif var.startswith("custom."):
        value = (item.get("custom") or {}).get(var[7:])
    else:
        value = item.get(var)
    if isinstance(value, dict):
        return format_ris_date(value)[1].rstrip("/") or format_ris_date(value)[0]
    return str(value) if value not in (None, "") else ""


def _name_text(name: dict) -> str:
    text = family_given(name) if isinstance(name, dict) else str(name)
    if isinstance(name, dict) and "literal" not in name and "given" not in name and " " in text:
        text += ","  # a family-only name with spaces must not read back as an organisation
    return text


_WRITTEN = frozenset((
    "id", "type", "title", "container-title", "container-title-short", "collection-title", "title-short",
    "issued", "keyword", "URL", "ISBN", "ISSN", "DOI", "language", "PMID", "custom", "accessed",
    "number", "issue", "collection-number", "citation-key", *FIELDS.values(), *CONTRIBUTORS.values(),
))


def _record_xml(item: Item, ctx: Context, index: int) -> etree._Element:
    rec_label = label(item, index)
    custom = item.get("custom") or {}
    kept = {k.split(":", 1)[1]: v for k, v in (custom.get("tags") or {}).items()
            if isinstance(k, str) and k.startswith("endnote:")} if isinstance(custom.get("tags"), dict) else {}
    csl_type = item.get("type", "document")
    type_name = CSL_TO_TYPE.get(csl_type, "Generic")
    orig = (kept.pop("ref-type", None) or [None])[0]
    if orig and TYPES.get(orig) == csl_type:
        type_name = orig
    elif csl_type in LOSSY_TYPES or csl_type not in CSL_TO_TYPE:
        ctx.loss("down-converted", "type", f"CSL type {csl_type!r} written as EndNote {type_name!r}",
                 record=rec_label)
    rec = etree.Element("record")
    written_extra: set[str] = set()  # variables written in a per-type place (beyond _WRITTEN)
    note_lines: list[str] = []  # "variable: value" for what the type has no field for (as RIS N1)
    if item.get("id") is not None:
        _el(rec, "rec-number", str(item["id"]), styled=False)
    rt = _el(rec, "ref-type", _NUMBER_OF.get(type_name, "13"), styled=False)
    rt.set("name", type_name)
    contributors = etree.Element("contributors")
    roles = _roles(type_name)
    for group, var in roles.items():
        names = item.get(var) or []
        if names and var not in list(roles.values())[:list(roles).index(group)]:  # one group per role
            g = _el(contributors, group)
            for name in names:
                _el(g, "author", _name_text(name))
    group_values: dict[str, list[str]] = {}
    for group, var in _group_fields(type_name).items():  # e.g. a patent's issuing authority
        if var and var not in _TITLE_VARS and item.get(var) not in (None, ""):
            value = strip_markup(str(item[var]))
            if value != str(item[var]):
                ctx.loss("down-converted", var, f"{var}: markup removed (an EndNote name holds plain text)",
                         record=rec_label)
            group_values[group] = [value if value.endswith(",") else f"{value},"]  # "," marks a corporate name
            written_extra.add(var)
    for group, names in kept.items():
        if group.endswith("-authors") and group not in roles:
            group_values.setdefault(group, []).extend(names)
    for group, names in group_values.items():
        g = _el(contributors, group)
        for name in names:
            _el(g, "author", name)
    for var in NAME_VARIABLES:
        if item.get(var) and var not in roles.values():
            # As RIS N1: "Director: Lynch, David", a line each, where every importer shows it.
            note_lines.extend(f"{var.replace('-', ' ').capitalize()}: {_name_text(n)}" for n in item[var])
            ctx.loss("down-converted", var, f"{var}: EndNote XML has no contributor role for it; written to "
                     "the note (<notes>)", record=rec_label)
        elif extra_name_parts(item.get(var)):  # 'parse-names': false: "de la Fontaine, Jean" gains a particle
            ctx.loss("dropped", var, f"{var}: name flag(s) {', '.join(extra_name_parts(item.get(var)))} have "
                     "no EndNote XML form", record=rec_label)
    if item.get("citation-key"):  # rec-number holds the record id; EndNote has no cite key field
        ctx.loss("dropped", "citation-key", "citation-key: EndNote XML has no field for it", record=rec_label)
    if len(contributors):
        rec.append(contributors)
    series = type_name in SERIES_TYPES
    titles = _el(rec, "titles")
    if item.get("title"):
        _rich(titles, "title", str(item["title"]))
    secondary = item.get("collection-title") if series else item.get("container-title")
    tertiary = item.get("collection-title") if not series else None
    proceedings = ""
    if type_name in CONFERENCE_TYPES and item.get("container-title"):
        # custom3 "Proceedings Title"; secondary-title is the conference's name (Zotero's Endnote
        # XML.js fieldMap: secondary-title conferenceName, custom3 proceedingsTitle).
        proceedings, secondary = strip_markup(str(item["container-title"])), item.get("event-title")
    title_vars = _title_vars(type_name)  # a hearing's committee in secondary-title, a bill's body in tertiary
    for element, var in title_vars.items():
        lost = secondary if element == "secondary-title" else tertiary if element == "tertiary-title" else None
        if lost and not (element == "secondary-title" and not series and rec_has_periodical(item)):
            what = "collection-title" if lost == item.get("collection-title") else "container-title"
            ctx.loss("dropped", what, f"{what}: {type_name}'s {element} holds its {var or 'own field'}",
                     record=rec_label)
        # Such a field (a committee, a legislative body) is read as plain text: markup would not come back.
        plain = strip_markup(str(item[var])) if var and item.get(var) else None
        secondary = plain if element == "secondary-title" else secondary
        tertiary = plain if element == "tertiary-title" else tertiary
        if var and item.get(var) and element != "alt-title":
            written_extra.add(var)
            if plain != str(item[var]):
                ctx.loss("down-converted", var, f"{var}: markup removed ({type_name}'s {element} holds plain text)",
                         record=rec_label)
    if has_markup(str(item.get("container-title") or "")) and secondary != item["container-title"]:
        # Its only places are plain-text fields (<periodical><full-title>, a conference's custom3).
        ctx.loss("down-converted", "container-title", f"container-title: markup removed ({type_name} keeps the "
                 "container in a plain-text field)", record=rec_label)
    if secondary:
        _rich(titles, "secondary-title", str(secondary))
    if tertiary:
        _rich(titles, "tertiary-title", str(tertiary))
    for key in ("secondary-title", "tertiary-title", "alt-title", "translated-title"):
        for v in kept.pop(key, []):
            _rich(titles, key, v)
    if item.get("title-short"):
        _el(titles, "short-title", str(item["title-short"]))
    if item.get("container-title") or item.get("container-title-short"):
        per = _el(rec, "periodical")
        # A book section's container is the book (secondary-title); a <periodical> would say the
        # section appeared in a journal (and turn its series number into an issue on reading).
        if item.get("container-title") and type_name not in _CHAPTER_TYPES:
            _el(per, "full-title", strip_markup(str(item["container-title"])))
        if item.get("container-title-short"):
            _el(per, "abbr-1", str(item["container-title-short"]))
    for per_tag in ("periodical", "alt-periodical"):
        fulls, abbrs = kept.pop(per_tag, []), kept.pop(f"{per_tag}-abbr", [])
        if fulls or abbrs:
            per = rec.find(per_tag)
            if per is None or per.find("full-title") is not None:
                per = _el(rec, per_tag if per is None else "alt-periodical")
            for v in fulls[:1]:
                _el(per, "full-title", v)
            for n, v in enumerate(abbrs[:3], start=1):
                _el(per, f"abbr-{n}", v)
    overrides = TYPE_FIELDS.get(type_name, {})
    written = set(_WRITTEN) - {FIELDS[t] for t in overrides if t in FIELDS}  # e.g. an article's section
    written |= written_extra
    done: set[str] = set(written_extra)  # each variable in one element (a film's medium: work-type, not custom5 too)
    for tag, var in FIELDS.items():
        if var in ("issue", "title-short") or (var == "archive_location" and item.get("PMID")):
            continue  # written with <number> / inside <titles>
        if tag in overrides:
            var = overrides[tag]
            value = _typed_value(item, var) if var and var not in done else None
            if value:
                _el(rec, tag, value)
                done.add(var)  # type: ignore[arg-type]
                if var == "pages-or-count":
                    var = "page" if item.get("page") else "number-of-pages"
                written.add(var)  # type: ignore[arg-type]
            continue
        if item.get(var) not in (None, "") and var not in done:
            _el(rec, tag, str(item[var]))
            done.add(var)
    for tag, var in overrides.items():
        if tag not in FIELDS and var and var not in done and var not in _TITLE_VARS and _typed_value(item, var):
            _el(rec, tag, _typed_value(item, var))
            written.add(var)
            done.add(var)
    volume = item.get("volume")
    if "volume" in _access_elements(type_name) and volume and "volume" not in done \
            and not _access_part(str(volume), "year", None):
        _el(rec, "volume", str(volume))  # no year: read back as the volume, not the access year
        written.add("volume")
        done.add("volume")
    if item.get("PMCID"):  # EndNote's journal "PMCID" field is custom2; any free custom field reads back
        free = next((el for el in ("custom2", "custom3", "custom7") if not overrides.get(el) and rec.find(el) is None
                     and not (el == "custom3" and proceedings)), None)
        if free:
            _el(rec, free, str(item["PMCID"]))
            written.add("PMCID")
    if proceedings:
        _el(rec, "custom3", proceedings)
        written.add("event-title")
    if type_name in CONFERENCE_TYPES and item.get("event-place") and not item.get("publisher-place"):
        # A conference's <pub-location> alone is read (as RIS CY) as its place of publication too.
        ctx.loss("guessed", "publisher-place", "publisher-place: none given; readers take the conference's place "
                 "(<pub-location>) as the place of publication too", record=rec_label)
    if item.get("PMID"):
        _el(rec, "accession-num", str(item["PMID"]))
        if not item.get("source"):
            _el(rec, "remote-database-provider", "NLM")
        elif not _PUBMED_MARK.search(f"{item['source']} {item.get('archive', '')}"):
            # The reader knows accession-num as a PMID only from a PubMed/NLM provider or database.
            ctx.loss("down-converted", "PMID", f"PMID: written as the accession number, which provider "
                     f"{item['source']!r} does not mark as a PMID (reads back as archive_location)", record=rec_label)
        if item.get("archive_location") and str(item["archive_location"]) != str(item["PMID"]):
            ctx.loss("dropped", "archive_location", "accession-num holds the PMID", record=rec_label)
    if item.get("source"):
        _el(rec, "remote-database-provider", str(item["source"]))
        written.add("source")
    number_var = _number_var(type_name)
    if number_var == "collection-number" and series and item.get("container-title") and not item.get(number_var):
        number_var = "issue"  # read back as the issue: the record has a <periodical>
    isbn_var = _isbn_var(type_name)
    # A report's ISBN-13 goes where EndNote's catalogue import puts it, its number to <number>: both
    # read back so (the reader takes an ISBN-13 in <isbn> for the ISBN).
    isbn_first = bool(isbn_var and number_var == isbn_var and is_isbn13(str(item.get("ISBN") or "")))
    if isbn_first:
        _el(rec, "isbn", str(item["ISBN"]))
    elif isbn_var and item.get(isbn_var):  # a patent's or report's number (RIS SN)
        _el(rec, "isbn", str(item[isbn_var]))
        done.add(isbn_var)
    if number_var and number_var not in done and item.get(number_var):
        _el(rec, "number", str(item[number_var]))
        done.add(number_var)
    for var in ("issue", "number", "collection-number"):
        if var not in done and item.get(var):
            if var == "issue" and "issue" not in overrides:
                _el(rec, "issue", str(item[var]))
            else:
                note_lines.append(f"{var}: {clean(str(item[var]))}")
                ctx.loss("down-converted", var, f"{var}: {type_name} has no field for it; written to the "
                         "note (<notes>)", record=rec_label)
    if item.get("keyword"):
        kws = _el(rec, "keywords")
        for kw in re.split(r"\s*;\s*", str(item["keyword"])):
            if kw:
                _el(kws, "keyword", kw)
    issued = item.get("issued")
    if issued or item.get("accessed"):
        dates = _el(rec, "dates")
        if issued:
            parts = first_parts(issued)
            if parts:
                _el(dates, "year", str(parts[0]))
            if issued.get("season") and len(parts) > 1:  # "May 12" has no room for "Spring" as well
                ctx.loss("dropped", "issued", "issued: a season beside a month has no EndNote XML form",
                         record=rec_label)
            if len(parts) > 1 or issued.get("season") or len(issued.get("date-parts") or []) > 1:
                pd = _el(dates, "pub-dates")
                text = to_text(issued)  # "2015 Mar 3" -> "Mar 3"; a range into another year stays whole
                rest = text.split(" ", 1)[1] if " " in text else text
                _el(pd, "date", text if re.search(r"\b\d{4}\b", rest) else rest)
            elif not parts and issued.get("literal"):
                _el(dates, "year", issued["literal"])
            for v in kept.pop("pub-dates", []):
                pd = dates.find("pub-dates") if dates.find("pub-dates") is not None else _el(dates, "pub-dates")
                _el(pd, "date", v)
    if isbn_var and (item.get("ISBN") or item.get("ISSN")):  # <isbn> is the type's number
        for var in ("ISBN", "ISSN"):
            if item.get(var) and not (var == "ISBN" and isbn_first):
                note_lines.append(f"{var}: {clean(str(item[var]))}")
                ctx.loss("down-converted", var, f"{var}: {type_name}'s <isbn> holds its {isbn_var}; written to "
                         "the note (<notes>)", record=rec_label)
    elif item.get("ISBN") or item.get("ISSN"):
        # Both: one line each, EndNote's own separator of values in a field (CR), so they read back apart.
        value = "\r".join(str(item[v]) for v in ("ISBN", "ISSN") if item.get(v))
        if item.get("ISBN") and item.get("ISSN"):
            ctx.loss("down-converted", "ISSN", "EndNote has one <isbn> field; ISBN and ISSN share it (a line each)",
                     record=rec_label)
        kinds = custom.get("issn") if isinstance(custom.get("issn"), dict) else {}
        if kinds and not item.get("ISBN"):
            labelled = " ".join(f"{v} ({k.capitalize()})" for k, v in kinds.items())
            if item.get("ISSN") and item["ISSN"] not in kinds.values():  # an unlabelled print ISSN goes first
                labelled = f"{item['ISSN']} {labelled}"
            value = (kept.pop("isbn", None) or [labelled])[0]
        isbn_kinds = custom.get("isbn") if isinstance(custom.get("isbn"), dict) else {}
        whole = (kept.get("isbn") or [""])[0]
        if item.get("ISBN") and whole and isbn_parts(whole)[0] == item["ISBN"]:
            value = "\r".join(v for v in (kept.pop("isbn")[0], item.get("ISSN")) if v)  # as read
        elif item.get("ISBN") and isbn_kinds:  # "978-... (Print) 978-... (Electronic)", read back alike
            labelled = " ".join(f"{v} ({k.capitalize()})" for k, v in isbn_kinds.items())
            if item["ISBN"] not in isbn_kinds.values():
                labelled = f"{item['ISBN']} {labelled}"
            value = "\r".join(v for v in (labelled, item.get("ISSN")) if v)
        _el(rec, "isbn", value)
    if item.get("DOI"):
        _el(rec, "electronic-resource-num", str(item["DOI"]))
    if item.get("language"):
        _el(rec, "language", english_name(item["language"]) or str(item["language"]))
        if english_name(item["language"]) and to_bcp47(english_name(item["language"])) != item["language"]:
            ctx.loss("down-converted", "language", f"language {item['language']!r} written as its name "
                     f"{english_name(item['language'])!r} (no region or script)", record=rec_label)
    if item.get("accessed"):
        _el(rec, "access-date", to_text(item["accessed"]))
    urls = [item["URL"]] if item.get("URL") else []
    files = plain_paths(attachments(item))
    if extras_lost(attachments(item)):
        ctx.loss("dropped", "custom.attachments", f"attachment {', '.join(extras_lost(attachments(item)))}: "
                 "<pdf-urls> holds only the path", record=rec_label)
    if urls or files or any(k.endswith("-urls") for k in kept):
        u = _el(rec, "urls")
        groups = {"related-urls": urls + kept.pop("related-urls", []), "pdf-urls": files + kept.pop("pdf-urls", [])}
        for k in list(kept):
            if k.endswith("-urls"):
                groups[k] = kept.pop(k)
        for group, values in groups.items():
            if values:
                g = _el(u, group)
                for v in values:
                    _el(g, "url", v)
    for tag, values in kept.items():
        if re.fullmatch(r"[a-z][a-z0-9-]*", tag) and not tag.endswith("-authors"):
            for v in values:
                _el(rec, tag, v)
    for var, value in item.items():
        if var in written or var in done or var in NAME_VARIABLES:  # done: written in a per-type element
            continue
        shown = to_iso(value) if isinstance(value, dict) and ("date-parts" in value or "literal" in value) else value
        if isinstance(shown, (str, int, float)) and str(shown).strip():
            note_lines.append(f"{var}: {clean(str(shown))}")
            ctx.loss("down-converted", var, f"{var}: {type_name} has no field for it; written to the "
                     "note (<notes>)", record=rec_label)
        else:
            ctx.loss("dropped", var, f"{var}: EndNote XML has no field for it", record=rec_label)
    for key in custom:
        if key not in ("tags", "issn", "isbn", "attachments") and f"custom.{key}" not in written:
            ctx.loss("dropped", f"custom.{key}", f"custom.{key}: EndNote XML has no field for it", record=rec_label)
    for key in foreign_tags(custom, "endnote:"):
        ctx.loss("dropped", f"custom.tags.{key}", f"{key}: EndNote XML has no field for it", record=rec_label)
    for var, value in item.items():  # <style face> has italic/bold/superscript/subscript, no small caps or nocase
        if isinstance(value, str) and "<span" in value:
            ctx.loss("down-converted", var, f"{var}: <span> markup (small caps, nocase) has no EndNote XML face; "
                     "removed", record=rec_label)
    for var in circa_dates(item):  # <dates> has no "approximately"
        ctx.loss("dropped", var, f"{var}: 'circa' has no EndNote XML form", record=rec_label)
    for var in open_start_dates(item):  # "../2001": <dates> has no open start
        ctx.loss("down-converted", var, f"{var} {item[var]['raw']!r}: written as its known end", record=rec_label)
    if note_lines:
        notes = rec.find("notes")
        if notes is None:
            _el(rec, "notes", "\n".join(note_lines))
        else:  # after the item's own note
            notes[0].text = "\n".join([notes[0].text or "", *note_lines])
    # The children were built field by field; EndNote's DTD (RSXML.dtd) wants them in its order.
    rec[:] = sorted(rec, key=lambda el: _RECORD_RANK.get(el.tag, len(_RECORD_RANK)))
    return rec


#: The children of <record> in the order EndNote's XML DTD (RSXML.dtd) declares them.
RECORD_ORDER: tuple[str, ...] = (
    "database", "source-app", "rec-number", "foreign-keys", "ref-type", "contributors", "auth-address",
    "auth-affiliaton", "titles", "periodical", "pages", "volume", "number", "issue", "secondary-volume",
    "secondary-issue", "num-vols", "edition", "section", "reprint-edition", "reprint-status", "keywords", "dates",
    "pub-location", "publisher", "orig-pub", "isbn", "accession-num", "call-num", "report-id", "coden",
    "electronic-resource-num", "abstract", "label", "image", "caption", "notes", "research-notes", "work-type",
    "reviewed-item", "availability", "remote-source", "meeting-place", "work-location", "work-extent",
    "pack-method", "size", "repro-ratio", "remote-database-name", "remote-database-provider", "language", "urls",
    "access-date", "modified-date", "custom1", "custom2", "custom3", "custom4", "custom5", "custom6", "custom7",
    "misc1", "misc2", "misc3",
)
_RECORD_RANK = {tag: i for i, tag in enumerate(RECORD_ORDER)}


def write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <records>\n')
    for index, item in enumerate(items, start=1):
        rec = _record_xml(item, ctx, index)
        etree.indent(rec, space="  ", level=2)
        for run_parent in rec.iter("title", "secondary-title", "tertiary-title", "alt-title", "translated-title"):
            for style in run_parent:  # no indentation between rich-text runs: it would add spaces
                style.tail = None
            if len(run_parent):
                run_parent.text = None
        out.write("    " + etree.tostring(rec, encoding="unicode") + "\n")
    out.write("  </records>\n</xml>\n")


FORMAT = Format(
    name="endnote-xml",
    description="EndNote XML (EndNote, Mendeley, Zotero, JabRef)",
    aliases=("enw-xml", "endnotexml"),
    extensions=(),  # ".xml" says nothing; the content is sniffed
    sniff=sniff,
    read=read,
    write=write,
)
