"""MEDLINE / .nbib: PubMed's "Citation manager" export, read and written.

A record is a run of ``TAG - value`` lines (the tag padded to four characters),
continuation lines indented by six spaces, records separated by blank lines.
Mapped tags land in CSL variables or ``custom`` keys (docs/conventions.md);
every other tag is kept verbatim in ``custom.tags["medline:TAG"]`` and written
back, so nbib -> CSL-JSON -> nbib keeps the record.
"""
from __future__ import annotations

import re
import textwrap
from typing import Any, Iterable, Iterator, TextIO

from ..model.dates import parse_date, to_iso, to_text
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_issn, normalize_pmcid, normalize_pmid
from ..model.item import Item, add_note, circa_dates, label, open_start_dates, set_custom
from ..model.languages import to_bcp47, to_iso639_2
from ..model.names import (
    Name, extra_name_parts, family_given, initials, is_suffix, looks_like_organisation, parse_name,
    parse_pubmed_short,
)
from ..model.preprints import as_journal
from ..model.text import clean, iter_lines, leaked_markup  # markup PubMed leaks into AB/TI
from ..sources import Source
from .pubmed_common import (
    CC_BY_REFTYPE, CC_BY_TAG, CSL_TO_PUBLICATION_TYPE, HISTORY_KEYS, ISSN_KINDS, clean_title, comment_note,
    csl_type, dot_initials, normalize_orcid, ordered_item, other_abstract_oab, other_abstract_text, registered_sign,
    split_abstract_labels, translated_title, undot_initials,
)
from .registry import Format

#: 'TAG - value'; a tag in lower case ('ti  - ', as some tools and hand edits write it) only when
#: it is a known tag (see _tag()), so that an unindented 'word - text' stays text.
_TAG_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9]{0,4}) *- ?(.*)$")
#: Ovid's record number line ('<1>') between records.
_OVID_NUMBER = re.compile(r"^\s*<\d+>\s*$")
_ID_KIND = re.compile(r"^(.*?)\s*\[([\w-]+(?::[\w-]+)?)\]\s*$")  # other-ids' "KIND:SPECIFIC-USE" too
_PHST = re.compile(r"^(\d{4})/(\d\d)/(\d\d)(?: (\d\d):(\d\d))?\s*\[([\w-]+)\]$")
_CC_PMID = re.compile(r"\s*PMID:\s*(\d+)\s*$")
#: The SO line as PubMed writes it ('J Biol Chem. 1953 Apr;201(2):473-84. doi: ...') and as Ovid does
#: ('Sleep Medicine. 45(2):1-10, 2018 05.'): read only when a record has no JT/TA (Ovid, hand-made files).
_SO_PUBMED = re.compile(r"^(?P<j>.+?)\. (?P<d>\d{4}\b[^;:]*?)(?:;(?P<v>[^(:;]*)(?:\((?P<i>[^)]*)\))?)?"
                        r"(?::(?P<p>[^\s;]+?))?\.(?:\s|$)")
_SO_EPUB = re.compile(r"\bEpub (\d{4}(?: [A-Z][a-z]{2}(?: \d{1,2})?)?)\b")
_SO_OVID = re.compile(r"^(?P<j>.+?)\. (?P<v>[^(:,\s]*)(?:\((?P<i>[^)]*)\))?(?::(?P<p>[^,\s]+))?, (?P<d>\d{4}\b[^.]*)")

#: Tags holding one value that map to a CSL variable (both directions).
SCALAR_VARIABLES: dict[str, str] = {
    "VI": "volume", "IP": "issue", "PG": "page", "PL": "publisher-place", "PB": "publisher",
    "EN": "edition", "CTI": "collection-title", "VTI": "volume-title",
}
#: Tags holding one value that go to a ``custom`` key.
SCALAR_CUSTOM: dict[str, str] = {
    "STAT": "medline-status", "PST": "publication-status", "JID": "nlm-unique-id", "PMCR": "pmc-release",
    "MID": "mid", "COIS": "conflict-of-interest", "CI": "copyright", "TT": "title-transliterated",
}
#: Repeatable tags that go to a ``custom`` list.
LIST_CUSTOM: dict[str, str] = {"PT": "publication-types", "MH": "mesh", "GR": "grants"}
#: Spellings seen in the wild for a standard tag.
TAG_ALIASES: dict[str, str] = {"ISSN": "IS", "LG": "LA", "DO": "LID"}  # LG, DO: Ovid's language, DOI

#: Name tags -> (whose list, which form): FAU/FED/FIR "Family, Given", AU/ED/IR "Family AB", CN a group.
PEOPLE_TAGS: dict[str, tuple[str, str]] = {
    "FAU": ("author", "full"), "AU": ("author", "short"), "CN": ("author", "literal"),
    "FED": ("editor", "full"), "ED": ("editor", "short"),
    "FIR": ("investigator", "full"), "IR": ("investigator", "short"),
}

#: The order PubMed writes tags in; unknown tags go before SO.
ORDER = (
    "PMID", "OWN", "STAT", "DCOM", "DA", "LR", "IS", "ISBN", "VI", "IP", "DP", "TI", "BTI", "CTI", "VTI", "EN",
    "PG", "LID", "AB", "CI", "FED", "ED", "FAU", "AU", "AUID", "AD", "CN", "FIR", "IR", "IRAD", "LA", "SI", "GR",
    "PT", "DEP", "PL", "PB", "TA", "JT", "JID", "RN", "NM", "GS", "SB", "MH", "PS", "FPS", "OTO", "OT", "GN", "SFM",
    *CC_BY_TAG, "TT", "PMC", "MID", "PMCR", "OID", "COIS", "EDAT", "MHDA", "CRDT", "PHST", "AID", "PST", "SO",
)
#: What the PubMed XML reader keeps in custom.tags -> the MEDLINE tag PubMed writes for it (None: none).
PUBMED_XML_TAGS: dict[str, str | None] = {
    "Chemical": "RN", "DataBank": "SI", "SupplMeshName": "NM", "PersonalNameSubject": "PS",
    "GeneSymbolList": "GS", "CitationSubset": "SB", "GeneralNote": "GN", "SpaceFlightMission": "SFM",
    "OtherID": "OID", "OtherAbstract": "OAB", "OtherAbstractLanguage": "OABL", "Owner": "OWN", "ELocationID": "LID",
    "Language": "LA",
    "Isbn": "ISBN", "DateCompleted": "DCOM", "DateRevised": "LR", "DateCreated": "DA", "PubMedPubDate": "PHST",
    "ISOAbbreviation": None, "ReferenceList": None, "NumberOfReferences": "RF",
}
#: Kept tags whose place is not their usual one: an AD/IRAD read before any author belongs to the record.
KEPT_RANK = {"AD": "CI", "IRAD": "CN"}
#: CSL variables and custom keys item_to_fields writes (or reports itself); any other is reported dropped.
#: (title-short and citation-key are not here: MEDLINE has no tag for them and its reader does not derive them.)
WRITTEN_VARIABLES = frozenset((
    "id", "type", "PMID", "ISSN", "ISBN", *SCALAR_VARIABLES.values(), "issued", "title",
    "container-title", "container-title-short", "DOI", "abstract", "author", "editor", "language",
    "available-date", "keyword", "PMCID", "custom", "URL", "note", "original-title",
))
WRITTEN_CUSTOM = frozenset((
    "issn", "elocation", "pii", "other-ids", "history", "comments-corrections", "tags", "other-abstract",
    "title-translated", "author-details", "editor-details", "investigators", "investigator-details",
    *SCALAR_CUSTOM.values(), *LIST_CUSTOM.values(),
))
_CSL_MARKUP = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>")
_SUPERSCRIPT = re.compile(r"<sup>([^<>]*)</sup>")
#: The keys of an author-details entry the MEDLINE writer puts in AUID/AD lines; any other is reported.
WRITTEN_DETAILS = frozenset(("affiliation", "ORCID", "identifiers"))
_RANK = {tag: i for i, tag in enumerate(ORDER)}
#: Tags read in lower case too: PubMed's (ORDER and the XML-kept ones) and those the reader knows.
_KNOWN_TAGS = frozenset((*ORDER, *(t for t in PUBMED_XML_TAGS.values() if t), *TAG_ALIASES, *PEOPLE_TAGS,
                         "OAB", "OABL", "RF", "UI"))
_BEFORE_SO = _RANK["SO"] - 0.5
WIDTH = 80
#: PubMed's own MEDLINE lines are at most 87 characters (six of indent); a token longer than a line starts a
#: line and is cut at 87 ("xlink:href=...scihu" + "b</ext-link>"), so a one-token line of exactly 87 continues.
NCBI_WIDTH = 87


# -- reading ----------------------------------------------------------------

def _tag(m: re.Match | None) -> str | None:
    """The tag of a _TAG_LINE match in capitals, or None when a lower-case 'tag' is no known tag."""
    if m is None:
        return None
    tag = m.group(1)
    if tag.isupper():
        return tag
    return tag.upper() if tag.upper() in _KNOWN_TAGS else None


def sniff(head: str) -> float:
    lines = [ln for ln in head.lstrip("\ufeff").splitlines()[:60] if ln.strip() and not _OVID_NUMBER.match(ln)]
    if not lines:
        return 0.0
    tagged = [t for t in map(_tag, map(_TAG_LINE.match, lines)) if t]
    if lines[0][:5].upper() == "PMID-" or (tagged and tagged[0] == "PMID" and lines[0][4:6] == "- "):
        return 0.95
    known = sum(1 for t in tagged if t in _RANK)
    if known >= 3 and known >= len(lines) / 3 and any(t in ("TI", "AU", "FAU", "PMID") for t in tagged):
        return 0.8
    return 0.0


def iter_records(text: str, ctx: Context) -> Iterator[tuple[int, list[tuple[str, str, int]]]]:
    """Split MEDLINE text into records: (first line, [(tag, value, line), ...]); continuations joined."""
    fields: list[list[Any]] = []  # [tag, [value, continuation, ...], line]: joined once (not per line,
    # which was quadratic in the lines of a long abstract)
    start = 0
    hard_cut = False  # the previous line is one token filling the line (NCBI_WIDTH): NCBI cut a longer token
    for lineno, raw in enumerate(iter_lines(text), start=1):  # no list of all lines: flatter memory
        line = raw.rstrip("\r\n\ufeff")
        if "\x00" in line:  # a damaged copy: name the line, keep the record
            ctx.report("error", "NUL byte(s) removed", line=lineno, code="bad-input")
            line = line.replace("\x00", "")
        glue, hard_cut = hard_cut, len(line) == NCBI_WIDTH and " " not in line[6:].strip()
        if not line.strip() or ("<" in line and _OVID_NUMBER.match(line)):  # a cheap test first: every line
            if fields:
                yield start, _joined(fields)
                fields = []
            continue
        m = None if line[:1] in " \t" else _TAG_LINE.match(line)
        tag = _tag(m)
        if tag:
            value = m.group(2).strip()
            if tag == "PMID" and any(f[0] == "PMID" for f in fields):
                yield start, _joined(fields)  # records not separated by a blank line
                fields = []
            if not fields:
                start = lineno
            fields.append([TAG_ALIASES.get(tag, tag), [value], lineno])
        elif fields:
            if line[:1] not in " \t":
                ctx.report("warning", f"line without a tag, kept as a continuation of {fields[-1][0]}",
                           line=lineno, code="guessed")
            if glue and line[:1] in " \t":  # the rest of a URL/DOI cut by NCBI: "...scihu" + "b</ext-link>"
                fields[-1][1][-1] += line.strip()
            else:
                fields[-1][1].append(line.strip())
        else:
            ctx.report("warning", f"text outside a record ignored: {line.strip()[:60]!r}", line=lineno,
                       code="dropped")
    if fields:
        yield start, _joined(fields)


def _joined(fields: list[list[Any]]) -> list[tuple[str, str, int]]:
    return [(t, " ".join(v).strip() if len(v) > 1 else v[0], n) for t, v, n in fields]


def _person(full: str | None, short: str | None) -> Name:
    """CSL name from FAU (full) and/or AU (short); initials dotted as the convention says."""
    if full and "," not in full and looks_like_organisation(full):
        return {"literal": full.strip()}  # 'FAU - Sleep Research Consortium': a group PubMed listed as an author
    if full:
        name = parse_name(full, organisation=False)
        given = name.get("given", "")
        words = given.split(" ")
        # "Kaelin, William G Jr"; but a last single letter after initials is one more initial ("Le, L T V")
        if len(words) > 1 and is_suffix(words[-1]) and "suffix" not in name and not (
                len(words[-1]) == 1 and all(len(w.rstrip(".")) == 1 for w in words[:-1])):
            name["suffix"], given = words[-1], " ".join(words[:-1])
        if given:
            name["given"] = dot_initials(given)
        return name
    if short and "," in short:  # ERIC and other non-NLM exports write "Family, Given" in AU
        return _person(short, None)
    return parse_pubmed_short(short or "")


class _People:
    """Collects FAU/AU (or FED/ED, FIR/IR) pairs with the AD/AUID lines that follow them."""

    def __init__(self) -> None:
        self.names: list[Name] = []
        self.details: list[dict[str, Any]] = []
        self._pending_full: str | None = None
        self._paired = True
        self._short_alone = False  # the last name came from an AU/ED/IR with no FAU/FED/FIR before it

    def full(self, value: str) -> None:
        name = _person(value, None)
        if self._short_alone and _same_person(self.names[-1], name):
            # the pair written the other way round (IR then FIR, as some tools and hand edits leave it):
            # one person, with the full name and the AD/IRAD lines already read
            self.names[-1], self._paired, self._short_alone = name, True, False
            return
        self.names.append(name)
        self.details.append({})
        self._pending_full, self._paired, self._short_alone = value, False, False

    def short(self, value: str) -> None:
        if not self._paired and self._pending_full is not None:
            self._paired = True  # the AU of the FAU just read
            if "given" not in self.names[-1] and "literal" not in self.names[-1]:
                self.names[-1] = _person(None, value)
            return
        self.names.append(_person(None, value))
        self.details.append({})
        self._paired, self._short_alone = True, True

    def literal(self, value: str) -> None:
        self.names.append({"literal": value})
        self.details.append({})
        self._paired, self._short_alone = True, False

    def affiliation(self, value: str) -> bool:
        if not self.details:
            return False
        self.details[-1].setdefault("affiliation", []).append(value)
        return True

    def identifier(self, value: str) -> bool:
        if not self.details:
            return False
        orcid = normalize_orcid(value) if "orcid" in value.lower() or normalize_orcid(value) else None
        if orcid:
            self.details[-1]["ORCID"] = orcid
        else:
            self.details[-1].setdefault("identifiers", []).append(value)
        return True


def _same_person(short: Name, full: Name) -> bool:
    """True when the full name *full* ("Wallace, Rhona") is the short form *short* ("Wallace R") spelt out."""
    def key(name: Name) -> tuple[str, str, str]:
        initials = "".join(w[0] for w in re.split(r"[\s.\-]+", name.get("given", "")) if w)
        return (name.get("non-dropping-particle", "").casefold(), name.get("family", "").casefold(),
                initials.casefold())
    return "family" in short and key(short) == key(full)


def record_to_item(fields: list[tuple[str, str, int]], ctx: Context, index: int) -> Item:
    """Map one MEDLINE record to a CSL-JSON item."""
    item: Item = {}
    custom: dict[str, Any] = {}
    tags: dict[str, list[str]] = {}
    authors, editors, investigators = _People(), _People(), _People()
    people = {"author": authors, "editor": editors, "investigator": investigators}
    last_people = authors
    titles: list[str] = []
    book_title = ""
    abstract: list[str] = []
    keywords: list[str] = []
    issn: dict[str, str] = {}
    history: dict[str, str] = {}
    languages: list[str] = []
    ccs: list[dict[str, str]] = []
    record = f"record {index}"
    # Ovid MEDLINE's UI is the PMID; PubMed's own (older) UI, next to a PMID line, is the MEDLINE UI: kept
    ui_is_pmid = not any(tag == "PMID" for tag, _, _ in fields)

    def keep(tag: str, value: str) -> None:
        tags.setdefault(f"medline:{tag}", []).append(value)

    for tag, value, lineno in fields:
        if not value and tag not in ("AB",):
            continue
        if tag == "PMID" or (tag == "UI" and ui_is_pmid and value.isdigit() and "PMID" not in item):
            item["PMID"] = normalize_pmid(value) or value
            record = f"PMID {item['PMID']}"
        elif tag == "TI":
            titles.append(value)
        elif tag == "BTI":
            book_title = value
        elif tag == "AB":
            abstract.append(value)
        elif tag in SCALAR_VARIABLES:
            var = SCALAR_VARIABLES[tag]
            if var in item:
                keep(tag, value)
            else:
                item[var] = value
        elif tag == "TT" and "original-title" not in item:  # PubMed XML's VernacularTitle: the same record
            item["original-title"] = clean_title(value)    # read from either gives the same item
        elif tag in SCALAR_CUSTOM and SCALAR_CUSTOM[tag] not in custom:
            custom[SCALAR_CUSTOM[tag]] = value
        elif tag in LIST_CUSTOM:
            custom.setdefault(LIST_CUSTOM[tag], []).append(value)
        elif tag == "AU" and value.lower().rstrip(".") == "et al":
            keep(tag, value)  # "et al" is not an author (older records list only the first ten)
        elif tag in PEOPLE_TAGS and not any(c.isalpha() for c in value):
            keep(tag, value)  # no name: Ovid's ED is its entry date ('20180601'), not an editor
        elif tag in PEOPLE_TAGS:
            role, form = PEOPLE_TAGS[tag]
            last_people = people[role]
            getattr(last_people, form)(value)  # full / short / literal name
        elif tag in ("AD", "IRAD") and (investigators if tag == "IRAD" else last_people).affiliation(value):
            pass
        elif tag == "AUID" and last_people.identifier(value):
            pass
        elif tag == "JT":
            item.setdefault("container-title", value)
        elif tag == "TA":
            item.setdefault("container-title-short", value)
        elif tag == "IS":
            m = re.match(r"^(\S+)\s*(?:\((\w+)\))?", value)
            kind = ISSN_KINDS.get((m.group(2) or "print").lower(), "print") if m else "print"
            number = normalize_issn(m.group(1)) if m else None
            if number and kind not in issn:
                issn[kind] = number
            else:
                keep(tag, value)
        elif tag == "ISBN":
            item.setdefault("ISBN", value) if "ISBN" not in item else keep(tag, value)
        elif tag == "DP":
            date = parse_date(value)
            if date and "literal" in date:
                ctx.report("warning", f"date {value!r} not understood; kept as text", record=record,
                           line=lineno, code="guessed", field="issued")
            item["issued"] = date
        elif tag == "DEP":  # yyyymmdd; a month-precision 'yyyymm' (citeport's own, older files) too
            item["available-date"] = parse_date(f"{value[:4]}-{value[4:]}" if re.fullmatch(r"\d{6}", value) else value)
        elif tag == "PHST":
            m = _PHST.match(value)
            key = HISTORY_KEYS.get(m.group(6).lower()) if m else None
            if m and key and key not in history:
                y, mo, d, hh, mm = m.group(1, 2, 3, 4, 5)
                history[key] = f"{y}-{mo}-{d}" + (f"T{hh}:{mm}" if hh and (hh, mm) != ("00", "00") else "")
            else:
                keep(tag, value)
        elif tag in ("LID", "AID"):
            _read_location_id(tag, value, item, custom, keep)
        elif tag == "LA":
            languages.append(value)
        elif tag == "OT":
            keywords.append(value)
        elif tag == "OAB":
            # sections on separate lines, as in the AB and in the XML's OtherAbstract
            custom.setdefault("other-abstract", []).append(split_abstract_labels(other_abstract_text(value)))
        elif tag == "PMC":
            item["PMCID"] = normalize_pmcid(value) or value
        elif tag in CC_BY_TAG:
            m = _CC_PMID.search(value)
            link = {"type": CC_BY_TAG[tag], "ref": value[:m.start()].strip() if m else value}
            if m:
                link["PMID"] = m.group(1)
            ccs.append(link)
        else:
            keep(tag, value)

    if titles:
        item["title"], translated = translated_title(leaked_markup(" ".join(titles)))
        if translated:
            custom["title-translated"] = True
    if book_title:  # 'GeneReviews((R))': the page and the XML show the sign
        item["container-title" if titles else "title"] = registered_sign(clean_title(book_title))
    if item.get("collection-title"):
        item["collection-title"] = registered_sign(item["collection-title"])
    if abstract:
        item["abstract"] = split_abstract_labels(leaked_markup(" ".join(a for a in abstract if a)))
    if authors.names:
        item["author"] = authors.names
        if any(authors.details):
            custom["author-details"] = authors.details
    if editors.names:
        item["editor"] = editors.names
        if any(editors.details):
            custom["editor-details"] = editors.details
    if investigators.names:
        custom["investigators"] = investigators.names
        if any(investigators.details):
            custom["investigator-details"] = investigators.details
    source = tags.get("medline:SO")
    if source and not book_title and "container-title" not in item and "container-title-short" not in item:
        _read_source_line(source[0], item, ctx, record)
    epub = _SO_EPUB.search(source[0]) if source and "available-date" not in item else None
    if epub and not any(tag == "PHST" for tag, _, _ in fields):
        # a file without DEP and PHST (EndNote's, older tools'): SO's 'Epub 2012 Sep 4' is that date; PubMed's
        # own export writes DEP when the XML has an ArticleDate, so there an SO Epub alone is no DEP
        item["available-date"] = parse_date(epub.group(1))
    if "container-title-short" in item and "container-title" not in item and not book_title:
        item["container-title"] = item["container-title-short"]
    if not item.get("title") and item.get("original-title"):
        item["title"] = item["original-title"]  # no TI: the TT is all there is (as pubmed-xml reads the same record)
    if issn:
        item["ISSN"] = issn.get("print") or next(iter(issn.values()))
        custom["issn"] = issn
    if languages:
        item["language"] = to_bcp47(languages[0].lower())
        for extra in languages[1:]:
            keep("LA", extra)
    if keywords:
        item["keyword"] = "; ".join(keywords)
    if history:
        custom["history"] = history
    if ccs:
        custom["comments-corrections"] = ccs
        for link in ccs:
            add_note(item, comment_note(link["type"], link["ref"], link.get("PMID")))
    if "page" not in item and custom.get("elocation"):
        item["page"] = custom["elocation"]
    pts = custom.get("publication-types", [])
    if book_title:  # a Bookshelf record: its PT ('Review', 'Study Guide', 'Technical Report') says what kind
        item["type"] = "chapter" if titles else "book"  # of text, BTI/TI whether it is a book or a chapter
    else:          # (as the PubMed XML reader decides from BookDocument)
        item["type"] = csl_type(pts) if pts else "article-journal"
    if tags:
        custom["tags"] = tags
    for key, value in custom.items():
        set_custom(item, key, value)
    if "title" not in item:
        ctx.report("warning", "record has no title (TI/BTI)", record=record, line=fields[0][2],
                   code="missing-field", field="title")
    if item.get("PMID"):
        item["id"] = f"pmid:{item['PMID']}"
    return ordered_item(item)


def _read_source_line(so: str, item: Item, ctx: Context, record: str) -> None:
    """Journal, volume, issue, pages (and date) from an SO line, for a record without JT/TA; fills gaps only."""
    m = _SO_PUBMED.match(so)
    ovid = m is None
    m = m or _SO_OVID.match(so)
    if not m:
        return
    # PubMed's SO names the journal by its abbreviation (TA); Ovid's by its full title
    item["container-title" if ovid else "container-title-short"] = m.group("j").strip()
    for group, var in (("v", "volume"), ("i", "issue"), ("p", "page")):
        if m.group(group) and m.group(group).strip() and var not in item:
            item[var] = m.group(group).strip()
    date = parse_date(m.group("d").strip()) if "issued" not in item else None
    if date and "literal" not in date:
        item["issued"] = date
    ctx.report("info", "no JT/TA: journal, volume, issue and pages read from the SO line", record=record,
               code="guessed", field="container-title")


def _read_location_id(tag: str, value: str, item: Item, custom: dict[str, Any], keep) -> None:
    m = _ID_KIND.match(value)
    ident, kind = (m.group(1).strip(), m.group(2).lower()) if m else (value, "")
    if not kind and normalize_doi(ident):  # 'doi:10.1016/...' without the [doi] kind
        kind = "doi"
    if kind == "doi" and normalize_doi(ident):
        item.setdefault("DOI", normalize_doi(ident))
        if normalize_doi(ident) != item["DOI"]:
            keep(tag, value)
    elif kind == "pii" and tag == "LID" and "elocation" not in custom:
        custom["elocation"] = ident
    elif kind == "pii" and tag == "AID" and "pii" not in custom:
        custom["pii"] = ident
    elif kind == "pmcid" and normalize_pmcid(ident):
        item.setdefault("PMCID", normalize_pmcid(ident))
    elif kind and kind not in custom.setdefault("other-ids", {}):
        custom["other-ids"][kind] = ident
        if tag == "LID":
            keep(tag, value)  # the writer puts other-ids in AID lines; the LID line is kept as it was
    elif not kind or (custom.get("other-ids") or {}).get(kind) != ident or tag == "LID":
        keep(tag, value)  # another id of a known kind (an AID repeating the LID's needs no copy)
    if not custom.get("other-ids"):
        custom.pop("other-ids", None)


def read(source: Source, ctx: Context) -> Iterator[Item]:
    for index, (line, fields) in enumerate(iter_records(source.text(), ctx), start=1):
        if not any(tag in ("TI", "BTI", "PMID", "AU", "FAU", "AB") for tag, _, _ in fields):
            ctx.skip(f"not a MEDLINE record (tags {', '.join(t for t, _, _ in fields[:5])})",
                     record=index, line=line)
            continue
        try:
            yield record_to_item(fields, ctx, index)
        except Exception as exc:  # one odd record must not stop the rest
            ctx.skip(f"could not read record: {exc}", record=index, line=line)


# -- writing ----------------------------------------------------------------

def _fau(name: Name) -> str:
    if "literal" in name:
        return name["literal"]
    given = undot_initials(" ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p))
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    text = f"{family}, {given}" if given else family
    return f"{text} {name['suffix']}" if name.get("suffix") else text


def _au(name: Name) -> str:
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    ini = initials(name.get("given", "")).replace("-", "")
    text = f"{family} {ini}".strip()
    return f"{text} {name['suffix']}" if name.get("suffix") else text


def _people(names: list[Name], details: list[dict[str, Any]], full: str, short: str, aff: str,
            literal: str | None) -> Iterator[tuple[str, str]]:
    for i, name in enumerate(names):
        if not isinstance(name, dict):
            continue
        if "literal" in name:
            yield (literal or short), name["literal"]
        else:
            yield full, _fau(name)
            yield short, _au(name)
        detail = details[i] if i < len(details) and isinstance(details[i], dict) else {}
        if detail.get("ORCID") and full == "FAU":
            yield "AUID", f"ORCID: {detail['ORCID']}"
        for other in detail.get("identifiers", []):
            yield "AUID", other
        for affiliation in detail.get("affiliation", []):
            yield aff, affiliation


def _plain(text: str, field: str, ctx: Context, record: str) -> str:
    if _CSL_MARKUP.search(text):
        ctx.loss("down-converted", field, f"{field}: rich-text markup removed (MEDLINE is plain text)",
                 record=record)
        text = _SUPERSCRIPT.sub(r"(\1)", text)  # PubMed's MEDLINE form of a superscript: 'Na(+)', '10(3)'
        return _CSL_MARKUP.sub("", text)
    return text


def item_to_fields(item: Item, ctx: Context, index: int = 1) -> list[tuple[str, str]]:
    """The (tag, value) lines of one record, in PubMed's order."""
    item = as_journal(item)  # a preprint's server is PubMed's JT/TA, its identifier PG
    custom = item.get("custom") or {}
    record = label(item, index)
    out: list[tuple[float, int, str, str]] = []

    def emit(tag: str, value: Any, rank_tag: str | None = None) -> None:
        if value in (None, "", [], {}):
            return
        out.append((_RANK.get(rank_tag or tag, _BEFORE_SO), len(out), tag, str(value)))

    pmid = item.get("PMID") or (str(item.get("id", ""))[5:] if str(item.get("id", "")).startswith("pmid:") else "")
    emit("PMID", pmid)
    for kind, number in (custom.get("issn") or {}).items():
        emit("IS", f"{number} ({kind.capitalize()})")
    if item.get("ISSN") and not custom.get("issn"):
        emit("IS", item["ISSN"])
    emit("ISBN", item.get("ISBN"))
    for tag, var in SCALAR_VARIABLES.items():
        if tag == "PG" and item.get("page") and item.get("page") == custom.get("elocation"):
            continue  # the e-location is written as LID
        emit(tag, item.get(var))
    if item.get("issued"):
        emit("DP", to_text(item["issued"]))
    ctype = item.get("type")
    title = _plain(item.get("title", ""), "title", ctx, record)
    if title and custom.get("title-translated") and not title.startswith("["):
        title = f"[{title}]"  # PubMed's mark of a translated title (the reader removes it)
    if ctype == "book":
        emit("BTI", title)  # a Bookshelf BTI has no added period ("BTI - StatPearls"), TI has
    else:
        if title and title[-1] not in ".?!":
            title += "."  # PubMed ends every title with a period (the reader removes it)
        emit("TI", title)
        if ctype == "chapter":
            emit("BTI", item.get("container-title"))
    if item.get("DOI"):
        emit("LID", f"{item['DOI']} [doi]")
    if custom.get("elocation"):
        emit("LID", f"{custom['elocation']} [pii]")
    if item.get("abstract"):
        plain_abstract = _plain(item["abstract"], "abstract", ctx, record)
        emit("AB", " ".join(plain_abstract.split("\n")))
        if split_abstract_labels(" ".join(plain_abstract.split("\n"))) != plain_abstract:
            # AB is one paragraph: only 'LABEL: ' sections in capitals are found again by a reader
            ctx.loss("down-converted", "abstract", "abstract paragraphs joined into one AB paragraph", record=record)
    for tag, key in SCALAR_CUSTOM.items():
        emit(tag, custom.get(key))
    if item.get("original-title") and not custom.get("title-transliterated"):
        original = _plain(item["original-title"], "original-title", ctx, record)
        emit("TT", original if original[-1:] in ".?!" else f"{original}.")
    for text in custom.get("other-abstract") or []:
        emit("OAB", other_abstract_oab(text))
    editors = item.get("editor") or []
    for tag, value in _people(editors, custom.get("editor-details") or [], "FED", "ED", "AD", None):
        emit(tag, value, "FED")
    for tag, value in _people(item.get("author") or [], custom.get("author-details") or [], "FAU", "AU", "AD",
                              "CN"):
        emit(tag, value, "FAU")
    for tag, value in _people(custom.get("investigators") or [], custom.get("investigator-details") or [],
                              "FIR", "IR", "IRAD", "IR"):
        emit(tag, value, "FIR")
    for var, names in (("author", item.get("author")), ("editor", item.get("editor")),
                       ("custom.investigators", custom.get("investigators"))):
        odd = [n["suffix"] for n in names or [] if isinstance(n, dict) and n.get("suffix") and not is_suffix(n["suffix"])]
        if odd:  # FAU "Freitas, Paulo Neto": a suffix MEDLINE readers do not know reads back as a given name
            ctx.loss("down-converted", var, f"suffix(es) {', '.join(odd)} written after the given name; read "
                     "back as part of it", record=record)
    for var in ("author", "editor"):
        if extra_name_parts(item.get(var)):  # 'parse-names': false: "de la Fontaine, Jean" gains a particle
            ctx.loss("dropped", var, f"{var}: name flag(s) {', '.join(extra_name_parts(item.get(var)))} have "
                     "no MEDLINE form", record=record)
    if item.get("language"):
        emit("LA", to_iso639_2(item["language"]))
        if to_bcp47(to_iso639_2(item["language"])) != item["language"]:  # LA is ISO 639-2: no region or script
            ctx.loss("down-converted", "language", f"language {item['language']!r} written as LA "
                     f"{to_iso639_2(item['language'])!r}", record=record)
    for tag, key in LIST_CUSTOM.items():
        for value in custom.get(key) or []:
            emit(tag, value)
    if not custom.get("publication-types") and ctype in CSL_TO_PUBLICATION_TYPE and ctype != "article-journal":
        emit("PT", CSL_TO_PUBLICATION_TYPE[ctype])
    elif not custom.get("publication-types") and ctype not in CSL_TO_PUBLICATION_TYPE and ctype not in (
            None, "article-journal", "chapter"):
        ctx.loss("down-converted", "type", f"CSL type {ctype!r} has no PubMed publication type (PT); it reads "
                 "back as a journal article", record=record)
    dep = item.get("available-date")
    if isinstance(dep, dict) and dep.get("date-parts"):
        # DEP is one yyyymmdd date: a range keeps its start, a season is lost
        emit("DEP", to_iso({"date-parts": dep["date-parts"][:1]}).replace("-", ""))
        if len(dep["date-parts"]) > 1 or dep.get("season"):
            ctx.loss("down-converted", "available-date", "available-date: DEP holds one date; written "
                     f"{to_iso({'date-parts': dep['date-parts'][:1]})}", record=record)
    elif dep:
        ctx.loss("dropped", "available-date", f"available-date {to_text(dep)!r}: DEP holds only a yyyymmdd date",
                 record=record)
    if ctype != "chapter":
        emit("JT", item.get("container-title"))
        emit("TA", item.get("container-title-short"))
    for keyword in re.split(r";\s*", item.get("keyword", "")) if item.get("keyword") else []:
        emit("OT", _plain(keyword, "keyword", ctx, record))  # PubMed XML keeps <i> in a Keyword
    for link in custom.get("comments-corrections") or []:
        tag = CC_BY_REFTYPE.get(link.get("type", ""))
        if tag:
            value = f"{link.get('ref', '')} PMID: {link['PMID']}".strip() if link.get("PMID") else link.get("ref")
            emit(tag, value, "CIN")  # one block, in the record's order
        else:  # 'Cites', 'ReprintIn', 'AssociatedDataset'...: links MEDLINE has no tag for
            ctx.loss("dropped", "custom.comments-corrections", f"{link.get('type') or 'untyped'} link has no "
                     f"MEDLINE tag: {link.get('ref', '')} {link.get('PMID', '')}".rstrip(), record=record)
    emit("PMC", item.get("PMCID"))
    for key, iso in (custom.get("history") or {}).items():
        emit("PHST", _phst(iso, f"[{key}]"))
    if item.get("DOI"):
        emit("AID", f"{item['DOI']} [doi]")
    emit("AID", f"{custom['pii']} [pii]" if custom.get("pii") else None)
    for kind, ident in (custom.get("other-ids") or {}).items():
        emit("AID", f"{ident} [{kind}]")
    for key in ("author-details", "editor-details", "investigator-details"):
        extra = sorted({k for d in custom.get(key) or [] if isinstance(d, dict) for k, v in d.items()
                        if k not in WRITTEN_DETAILS and v not in (None, "", [], {})})
        if extra:
            ctx.loss("dropped", f"custom.{key}", f"{', '.join(extra)} of {key[:-8]}s: no MEDLINE tag", record=record)
    kept = custom.get("tags") or {}
    for key, values in kept.items():
        values = values if isinstance(values, list) else [values]
        if key.startswith("medline:"):
            for value in values:
                emit(key[8:], value, KEPT_RANK.get(key[8:]))
        elif key.startswith(("pubmed-xml:", "pubmed-text:")) and PUBMED_XML_TAGS.get(key.split(":", 1)[1]):
            # the page text keeps the same PubMed elements under its own prefix (DataBank: trial registrations)
            tag = PUBMED_XML_TAGS[key.split(":", 1)[1]]
            for value in values:
                emit(tag, _kept_xml_value(tag, str(value)))
        else:
            ctx.loss("dropped", f"custom.tags.{key}", f"{key} has no MEDLINE tag", record=record)
    if "medline:SO" not in kept and ctype not in ("book", "chapter"):
        emit("SO", source_line(item))
    for key in ("URL", "note"):
        if item.get(key) and not (key == "note" and custom.get("comments-corrections")):
            ctx.loss("dropped", key, f"{key} has no MEDLINE tag", record=record)
    for key, value in item.items():  # whatever no tag above took is said, never dropped unseen
        if key not in WRITTEN_VARIABLES and value not in (None, "", [], {}):
            ctx.loss("dropped", key, f"{key} has no MEDLINE tag", record=record)
    for key in circa_dates(item):
        if key in WRITTEN_VARIABLES:
            ctx.loss("dropped", key, f"{key}: 'circa' has no MEDLINE form", record=record)
    for key in open_start_dates(item):  # "../2001": DP has no open start
        if key in WRITTEN_VARIABLES:
            ctx.loss("down-converted", key, f"{key} {item[key]['raw']!r}: written as its known end", record=record)
    for key, value in custom.items():
        if key not in WRITTEN_CUSTOM and value not in (None, "", [], {}):
            ctx.loss("dropped", f"custom.{key}", f"custom.{key} has no MEDLINE tag", record=record)
    out.sort()
    return [(tag, value) for _, _, tag, value in out]


def _kept_xml_value(tag: str, value: str) -> str:
    """A value the PubMed XML reader kept, in MEDLINE's form: dates '20240105', PHST '2024/01/05 00:00 [x]'."""
    if tag in ("DCOM", "LR", "DA"):
        return value.partition("T")[0].replace("-", "")
    if tag == "PHST":
        iso, _, status = value.partition(" ")
        return _phst(iso, status)
    return value


def _phst(iso: str, status: str) -> str:
    """An ISO date[Thh:mm] and its '[status]' as PHST writes them: '2024/01/05 00:00 [received]'."""
    date, _, time = iso.partition("T")
    return f"{date.replace('-', '/')} {time or '00:00'} {status}".rstrip()


def source_line(item: Item) -> str:
    """The SO citation line: 'Proc Natl Acad Sci U S A. 1996 Jul 9;93(14):6913-7. doi: ...'."""
    journal = item.get("container-title-short") or item.get("container-title")
    if not journal:
        return ""
    text = f"{journal.rstrip('.')}. {to_text(item.get('issued'))}".rstrip().rstrip(".")  # "n.d." + "." once
    if item.get("volume"):
        text += f";{item['volume']}"
    if item.get("issue"):
        text += f"({item['issue']})"
    if item.get("page"):
        text += f":{item['page']}"
    text += "."
    if item.get("DOI"):
        text += f" doi: {item['DOI']}."
    return text


def format_field(tag: str, value: str) -> str:
    """One tag, wrapped at 80 columns with PubMed's six-space continuation indent."""
    prefix = f"{tag:<4}- "
    value = clean(value)
    if len(prefix) + len(value) <= WIDTH:
        return prefix + value
    lines = textwrap.wrap(value, WIDTH - 6, break_long_words=False, break_on_hyphens=False)
    return prefix + lines[0] + "".join(f"\n      {ln}" for ln in lines[1:])


def write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    first = True
    for index, item in enumerate(items, start=1):
        if first and not item.get("PMID"):
            # Zotero and JabRef recognise a MEDLINE file by its first line, "PMID- n".
            ctx.report("warning", "the first record has no PMID: Zotero and JabRef recognise a MEDLINE file "
                       "by a first 'PMID-' line (RIS suits records from outside PubMed)", record=label(item, index),
                       code="compatibility")
        if not first:
            out.write("\n")
        first = False
        for tag, value in item_to_fields(item, ctx, index):
            out.write(format_field(tag, value) + "\n")


FORMAT = Format(
    name="medline",
    description="MEDLINE / PubMed .nbib (Send to: Citation manager)",
    aliases=("nbib", "pubmed-medline"),
    extensions=("nbib", "medline"),
    sniff=sniff,
    read=read,
    write=write,
)
