"""JATS reader: ``<article-meta>`` -> one CSL item; ``<ref-list>`` -> one item per reference (option ``refs``).

Streams: articles of a PMC ``<pmc-articleset>`` come out as they are parsed and
are cleared afterwards.  A document that is only a ``<ref-list>`` (what the
writer emits) yields its references.  See docs/conventions.md for where each
field lands; the tables are in :mod:`.jats`.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from lxml import etree

from ..model.dates import SEASONS, from_parts, parse_date, to_iso
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_isbn, normalize_issn, normalize_pmcid, normalize_pmid
from ..model.languages import to_bcp47
from ..model.item import CSL_TYPES, NAME_VARIABLES, Item, add_note, set_custom
from ..model.names import PARTICLES, Name, _split_particle, is_suffix, parse_name, parse_pubmed_short
from ..model.text import clean, strip_final_period
from ..model.xmlsafe import local, reject_entity_declarations, reject_late_entities, safe_iterparse, safe_parser
from ..sources import Source
from .jats import (
    ARTICLE_ID_TO_CSL, ARTICLE_TYPE_TO_CSL, COMMENT_VARIABLES, DEFAULT_ARTICLE_TYPE,
    DEFAULT_PUBLICATION_TYPE, INLINE_TO_CSL, PERSON_GROUP_TO_CSL, PUBLICATION_TYPE_TO_CSL,
    RELATED_ARTICLE_TO_CC,
)
from ..model.mathml import math_text
from .jats_freetext import ids_in_text, parse_reference_text
from .pubmed_common import comment_note, normalize_orcid

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Elements whose text never belongs in a title, name or abstract.
DROP = frozenset(("label", "fn", "object-id", "institution-id"))
#: abstract-type values that name the main abstract (Wiley writes "main"), not a summary or teaser.
MAIN_ABSTRACT_TYPES = frozenset(("", "main", "abstract", "author", "standard", "structured"))
#: An abstract paragraph that only gives the abstract's own DOI (eLife 2012-2016).
ABSTRACT_DOI_LINE = re.compile(r"^\s*DOI:?\s*(https?://(dx\.)?doi\.org/)?10\.\S+\s*$", re.I)
#: Cross-references that are footnote/affiliation markers, not text.
MARKER_XREFS = frozenset(("fn", "aff", "corresp", "table-fn", "author-notes", "other"))
CITATION_TAGS = ("element-citation", "mixed-citation", "citation", "nlm-citation")
#: CSL types whose ``<source>`` is the container even when there is no article title.
JOURNALISH = frozenset(("article-journal", "article-magazine", "article-newspaper", "review", "review-book"))
#: Words around a URL in a reference ``<comment>`` that carry no information.
#: "Accessed 12 January 2006." / "[cited 2020 Jan 5]" in a reference's comment: the access date.
ACCESSED = re.compile(r"(?i)[\[(]?\b(accessed|cited|retrieved|viewed)(?: on)?:?\s+([^\])]*?\d{4}[^\])]*?)[\])]?\s*\.?\s*$")
#: A citation <comment> that is the publication status, not a note.
STATUS_WORDS = re.compile(r"[\s(\[]*(in press|forthcoming|accepted|submitted|in preparation|under review)[\s.)\]]*", re.I)
URL_LABELS = re.compile(r"^[\s\[\](),.:;]*(available( (at|from|online))?|online|url|accessed|from|at|see)?[\s\[\](),.:;]*$", re.I)


# -- text ------------------------------------------------------------------

def _rich_parts(el: etree._Element, out: list[str], drop: frozenset[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        name = local(child.tag)
        if name and name not in drop and not (name == "xref" and child.get("ref-type") in MARKER_XREFS):
            if name == "alternatives":  # the same thing in several notations: MathML, TeX, else the first
                options = {local(c.tag): c for c in reversed(child) if local(c.tag)}
                first = next((options[k] for k in ("math", "tex-math") if k in options), None)
                if first is None:
                    first = next((c for c in child if local(c.tag)), None)
                if first is not None and local(first.tag) == "math":
                    out.append(math_text(first))
                elif first is not None:
                    _rich_parts(first, out, drop)
            elif name == "math":
                out.append(math_text(child))
            elif name in INLINE_TO_CSL:
                inner: list[str] = []
                _rich_parts(child, inner, drop)
                text = "".join(inner)
                if text.strip():
                    open_, close = INLINE_TO_CSL[name]
                    out.append(f"{open_}{text}{close}")
            else:
                _rich_parts(child, out, drop)
        if child.tail:
            out.append(child.tail)


def rich(el: etree._Element | None, drop: frozenset[str] = DROP) -> str:
    """Text of *el* with italic/bold/sup/sub/sc as CSL rich text, white space collapsed."""
    if el is None:
        return ""
    out: list[str] = []
    _rich_parts(el, out, drop)
    text = clean("".join(out))
    if "<" in text:  # white space belongs outside the markup
        text = re.sub(r"(<(?:i|b|sup|sub|span[^>]*)>)\s+", r" \1", text)
        text = clean(re.sub(r"\s+(</(?:i|b|sup|sub|span)>)", r"\1 ", text))
    return text


def plain(el: etree._Element | None, drop: frozenset[str] = DROP) -> str:
    """Text of *el* without markup, white space collapsed."""
    if el is None:
        return ""
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text:
            out.append(e.text)
        for c in e:
            name = local(c.tag)
            if name and name not in drop and not (name == "xref" and c.get("ref-type") in MARKER_XREFS):
                walk(c)
            if c.tail:
                out.append(c.tail)

    walk(el)
    return clean("".join(out))


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if local(c.tag) in names]


def _first(el: etree._Element | None, *names: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in el if local(c.tag) in names), None)


#: Address elements whose parts (city, state...) the markup separates but the text may not.
ADDRESS_PARTS = frozenset(("addr-line", "institution-wrap", "address"))


def _joined(el: etree._Element) -> str:
    """Address-like text (aff, publisher): pieces the markup separates but the text does not get ', '."""
    original = next((c for c in el if local(c.tag) == "institution" and c.get("content-type") == "original"), None)
    if original is not None and plain(original):  # SciELO: the affiliation as printed, beside its parsed parts
        return plain(original)
    pieces: list[str] = []
    if el.text and el.text.strip():
        pieces.append(el.text)
    for c in el:
        name = local(c.tag)
        if name == "institution" and c.get("content-type") == "normalized":
            name = ""  # a registry's spelling of an institution already named
        if name == "sup" and not pieces and re.fullmatch(r"\W?[\w*†‡§¶#]{0,3}\W?", plain(c)):
            name = ""  # a leading superscript is the affiliation's marker ("<sup>1</sup>Univ..."), not text
        if name and name not in DROP and name != "email":
            text = _joined(c) if name in ADDRESS_PARTS and len(c) else plain(c)
            if text:
                if pieces and not re.search(r"[,;:(\s]\s*$", pieces[-1]) and not pieces[-1].strip() == "":
                    pieces.append(", ")
                pieces.append(text)
        if c.tail and c.tail.strip():
            pieces.append(c.tail)
        elif c.tail and pieces:
            pieces.append(" ")
    text = clean("".join(pieces))
    return re.sub(r"\s+([,;.])", r"\1", text).strip(" ,;")


# -- names -----------------------------------------------------------------

def _given(text: str) -> tuple[str, str]:
    """Given names and a trailing dropping particle ('Ludwig van' -> ('Ludwig', 'van'))."""
    words = text.split(" ")
    j = len(words)
    while j > 1 and words[j - 1] in PARTICLES:
        j -= 1
    return " ".join(words[:j]), " ".join(words[j:])


def _dotted(given: str) -> str:
    """PMC references write initials run together ('SV'): dotted as the conventions want ('S. V.')."""
    if re.fullmatch(r"[A-Z]{1,3}", given):
        return " ".join(f"{c}." for c in given)
    return given


def _is_latin(text: str) -> bool:
    return bool(text) and all(not c.isalpha() or c < "\u0250" or "\u1e00" <= c < "\u1f00" for c in text)


def _preferred_alternative(el: etree._Element) -> etree._Element | None:
    """The form of a <name-alternatives> a citation uses: the first in Latin script
    (Chinese/Japanese journals often put the name in their own script first), else the first."""
    forms = _children(el, "name", "string-name")
    return next((f for f in forms if _is_latin(plain(f))), forms[0] if forms else None)


def _alternative_names(contrib: etree._Element, chosen: Name) -> list[Name]:
    """The other forms of a contributor's <name-alternatives> (kept in author-details)."""
    out = []
    for alts in _children(contrib, "name-alternatives"):
        for form in _children(alts, "name", "string-name"):
            n = name_of(form)
            if n and n != chosen and n not in out:
                out.append(n)
    return out


def name_of(el: etree._Element) -> Name | None:
    """A CSL name from <name>, <string-name>, <collab>, <name-alternatives> or <anonymous>."""
    tag = local(el.tag)
    if tag == "name-alternatives":
        alt = _preferred_alternative(el)
        return name_of(alt) if alt is not None else None
    if tag == "collab":
        text = plain(el, DROP | {"contrib-group", "contrib"})
        return {"literal": text} if text else None
    if tag == "anonymous":
        return {"literal": plain(el) or "Anonymous"}
    if tag not in ("name", "string-name"):
        return None
    surname, given_el = _first(el, "surname"), _first(el, "given-names")
    if surname is None and given_el is None:
        text = plain(el)
        if not text:
            return None
        # "Smith JR" / "Smith JR III" is PubMed's short form; "WJ Drury III" ends in a suffix, not initials
        head, _, last = text.rpartition(" ")
        bare = head if " " in head and is_suffix(last) else text  # "Smith JR": JR are initials
        return parse_pubmed_short(text) if re.search(r"\s[A-Z]{1,3}\.?$", bare) else parse_name(text)
    name: Name = {}
    particle, family = _split_particle(plain(surname))
    given, dropping = _given(plain(given_el))
    if family:
        name["family"] = family
    if given:
        name["given"] = _dotted(given)
    if particle:
        name["non-dropping-particle"] = particle
    if dropping:
        name["dropping-particle"] = dropping
    suffix = plain(_first(el, "suffix"))
    if suffix:
        name["suffix"] = suffix
    return name or None


def names_in(group: etree._Element) -> list[Name]:
    """Names of a <person-group>; a group holding only text ('Hendrix RW, Roberts JW') is split."""
    out = []
    for c in group:
        n = name_of(c) if local(c.tag) else None
        if n:
            out.append(n)
    if not out and plain(group):
        for piece in re.split(r"\s*[,;]\s*|\s+and\s+", plain(group)):
            piece = piece.strip(" .")
            if piece and piece.lower() not in ("eds", "ed", "et al", "editors", "editor"):
                out.append(parse_pubmed_short(piece))
    return out


#: Item types whose article-level <contrib contrib-type="editor"> is a handling editor (see _contribs).
_PERIODICAL_TYPES = frozenset(("article-journal", "article-magazine", "article-newspaper", "article", "review",
                               "review-book"))


def _role(kind: str | None, default: str = "author") -> str:
    kind = (kind or default).strip().lower()
    if kind in PERSON_GROUP_TO_CSL:
        return PERSON_GROUP_TO_CSL[kind]
    return kind if kind in NAME_VARIABLES else "contributor"


# -- dates -----------------------------------------------------------------

def date_of(el: etree._Element | None) -> dict | None:
    """A CSL date from a JATS date element (iso-8601-date wins over year/month/day/season)."""
    if el is None:
        return None
    iso = el.get("iso-8601-date")
    if iso:
        parsed = parse_date(iso)
        if parsed and "date-parts" in parsed:
            return parsed
    year = plain(_first(el, "year"))
    if not year:
        text = plain(_first(el, "string-date")) or plain(el)
        return parse_date(text) if text else None
    month = plain(_first(el, "month")) or plain(_first(el, "season"))
    if re.search(r"[A-Za-z]{3}\s*[-–/]\s*[A-Za-z]{3}", month):  # PMC's <season>Jan-Feb</season>: a range,
        ranged = parse_date(f"{year} {month}")                  # as MEDLINE's DP "2010 Jan-Feb" reads
        if ranged and "date-parts" in ranged:
            return ranged
    return from_parts(year, month or None, plain(_first(el, "day")) or None)


#: ``publication-format`` of a publication date -> the pub-type word of older DTDs.
PUBLICATION_FORMATS = {"electronic": "epub", "epub": "epub", "online": "epub", "print": "ppub", "ppub": "ppub"}


def _pub_date_kind(el: etree._Element) -> str:
    kind = (el.get("pub-type") or el.get("date-type") or "pub").lower()
    fmt = (el.get("publication-format") or "").lower()
    if kind in ("pub", "publication"):  # eLife: date-type="publication" publication-format="electronic"
        return PUBLICATION_FORMATS.get(fmt, "pub")  # OJS writes publication-format="epub"
    if kind == "original-publication":  # eLife's reviewed preprints: the first (online) publication
        return "ppub" if fmt == "print" else "epub"
    return {"epub-ppub": "ppub", "epreprint": "epub"}.get(kind, kind)


# -- article ---------------------------------------------------------------

def _ids(item: Item, kind: str, value: str, use: str = "") -> None:
    target = ARTICLE_ID_TO_CSL.get(kind.lower())
    if target == "DOI":
        value = normalize_doi(value) or value
    elif target in ("PMID", "PMCID"):  # PMC Bookshelf's book-id "pmcid" is a book's name ("gene"), kept aside
        normal = normalize_pmid(value) if target == "PMID" else normalize_pmcid(value)
        target, value = (target, normal or value) if normal or re.search(r"\d", value) else (None, value)
    elif target == "ISBN":
        value = normalize_isbn(value) or value
    if target is None or target.startswith("custom.other-ids."):
        others = item.setdefault("custom", {}).setdefault("other-ids", {})
        key = kind if target is None else target.rsplit(".", 1)[1]
        if others.setdefault(key, value) != value:  # SciELO's second publisher-id (specific-use="scielo-v3")
            others.setdefault(f"{key}:{use}" if use else f"{key}:{len(others)}", value)
    elif target == "custom.mid" and value.isdigit():  # Springer/BMC's own manuscript number, not an NIHMS/EMS id
        item.setdefault("custom", {}).setdefault("other-ids", {}).setdefault(kind, value)
    elif target.startswith("custom."):
        set_custom(item, target[7:], value)
    elif item.setdefault(target, value) != value:  # a second DOI (eLife's version DOI) is kept, not dropped
        item.setdefault("custom", {}).setdefault("other-ids", {}).setdefault(f"{kind}:{use}" if use else kind, value)


def _journal(item: Item, meta: etree._Element | None) -> None:
    if meta is None:
        return
    title = next((rich(e) for e in meta.iter("{*}journal-title") if plain(e)), "")
    # A publisher's own abbreviation ("IJMS", "ACP") is the last choice beside an NLM/ISO one
    abbrevs = sorted((e for e in meta.iter("{*}abbrev-journal-title") if plain(e)),
                     key=lambda e: (e.get("abbrev-type") or "").lower() == "publisher")
    abbrev = plain(abbrevs[0]) if abbrevs else ""
    ids = {(e.get("journal-id-type") or ""): plain(e) for e in _children(meta, "journal-id")}
    abbrev = abbrev or ids.get("nlm-ta") or ids.get("iso-abbrev") or ""
    if title or abbrev:
        item["container-title"] = title or abbrev
    if abbrev:
        item["container-title-short"] = abbrev
    issns: dict[str, str] = {}
    for e in _children(meta, "issn", "issn-l"):
        value = normalize_issn(plain(e)) or plain(e)
        kind = "linking" if local(e.tag) == "issn-l" else (e.get("pub-type") or e.get("publication-format") or "")
        kind = {"ppub": "print", "epub": "electronic"}.get(kind.lower(), kind.lower() or "print")
        issns.setdefault(kind, value)
    if issns:
        item["ISSN"] = issns.get("print") or next(iter(issns.values()))
        set_custom(item, "issn", issns)
    if ids.get("nlm-journal-id"):
        set_custom(item, "nlm-unique-id", ids["nlm-journal-id"])
    pub = _first(meta, "publisher")
    if pub is not None:
        if plain(_first(pub, "publisher-name")):
            item["publisher"] = plain(_first(pub, "publisher-name"))
        if plain(_first(pub, "publisher-loc")):
            item["publisher-place"] = _joined(_first(pub, "publisher-loc"))  # type: ignore[arg-type]


def _rid_affs(contrib: etree._Element, affs: dict[str, str]) -> list[str]:
    """Affiliations a <contrib rid="aff1 aff2"> points to directly (Copernicus), not through <xref>."""
    return [affs[r] for r in (contrib.get("rid") or "").split() if r in affs]


#: ``institution-id-type`` -> the scheme word of ``affiliation-identifiers`` (PubMed's Identifier/@Source).
INSTITUTION_ID_SCHEMES = {"ror": "ROR", "grid": "GRID", "isni": "ISNI", "ringgold": "Ringgold"}


def _aff_ids(aff: etree._Element) -> list[str]:
    """``"ROR: https://ror.org/..."`` for each <institution-id> of an <aff> (dropped from its text)."""
    out = []
    for e in aff.iter("{*}institution-id"):
        kind = (e.get("institution-id-type") or "id").strip()
        if plain(e):
            out.append(f"{INSTITUTION_ID_SCHEMES.get(kind.lower(), kind)}: {plain(e)}")
    return out


#: <xref ref-type> values that point from a contributor to its correspondence note.
CORRESP_XREFS = frozenset(("corresp", "author-notes", "fn"))


def _corresp_emails(meta: etree._Element, groups: list[etree._Element]) -> dict[etree._Element, str]:
    """The e-mail of each <contrib> given only in an <author-notes> <corresp> it points to
    (PLOS, MDPI, Frontiers: <xref ref-type="corresp" rid="cor1">): only a note with one address that one
    contributor points to is unambiguous; the note itself stays in custom.tags['jats:author-notes']."""
    emails = {c.get("id"): [plain(e) for e in c.iter("{*}email") if plain(e)]
              for n in _children(meta, "author-notes") for c in n if local(c.tag) in ("corresp", "fn") and c.get("id")}
    pointing: dict[str, list[etree._Element]] = {}
    for group in groups:
        for contrib in _children(group, "contrib"):
            rids = {r for x in contrib.iter("{*}xref") if x.get("ref-type") in CORRESP_XREFS
                    for r in (x.get("rid") or "").split()}
            for rid in rids & emails.keys():
                pointing.setdefault(rid, []).append(contrib)
    return {contribs[0]: emails[rid][0] for rid, contribs in pointing.items()
            if len(contribs) == 1 and len(emails[rid]) == 1}


def _contribs(item: Item, meta: etree._Element) -> None:
    affs: dict[str, str] = {}
    aff_ids: dict[str, list[str]] = {}  # affiliation text -> its institution identifiers
    for aff in meta.iter("{*}aff"):
        parent = aff.getparent()
        key = aff.get("id") or (parent.get("id") if parent is not None and local(parent.tag) == "aff-alternatives" else None)
        if key and key not in affs:
            affs[key] = _joined(aff)
        if _aff_ids(aff):
            aff_ids.setdefault(_joined(aff), _aff_ids(aff))
    behalf = [plain(b) for g in _children(meta, "contrib-group") for b in g.iter("{*}on-behalf-of") if plain(b)]
    if behalf:  # "on behalf of the X Study Group": no CSL name form, kept as written
        item.setdefault("custom", {}).setdefault("tags", {})["jats:on-behalf-of"] = behalf
    groups = _children(meta, "contrib-group")
    corresp_emails = _corresp_emails(meta, groups)
    linked = any(x.get("ref-type") == "aff" for g in groups for c in _children(g, "contrib") for x in c.iter("{*}xref")) \
        or any(_first(c, "aff") is not None or _rid_affs(c, affs) for g in groups for c in _children(g, "contrib"))
    shared = [] if linked else [_joined(a) for a in meta.iter("{*}aff") if local(a.getparent().tag) != "aff-alternatives"]
    for group in groups:
        for contrib in _children(group, "contrib"):
            name = next((n for n in (name_of(c) for c in contrib if local(c.tag)) if n), None)
            if name is None:
                continue
            role = _role(contrib.get("contrib-type"))
            editorial = role == "editor" or (role == "contributor" and "editor" in (contrib.get("contrib-type") or ""))
            if editorial and item.get("type") in _PERIODICAL_TYPES:  # also eLife's "senior_editor"
                # A journal article's editor (PLOS academic editor, eLife reviewing editor) handled its
                # review; CSL's editor is the editor of the container, which styles print ("editor").
                role = "handling-editor"
            details: dict = {}
            mine = [affs[r] for x in contrib.iter("{*}xref") if x.get("ref-type") == "aff"
                    for r in (x.get("rid") or "").split() if r in affs]
            mine += [_joined(a) for a in _children(contrib, "aff")] + _rid_affs(contrib, affs)
            mine = list(dict.fromkeys(a for a in (mine or shared) if a))
            if mine:
                details["affiliation"] = mine
                ids = list(dict.fromkeys(i for a in mine for i in aff_ids.get(a, [])))
                if ids:
                    details["affiliation-identifiers"] = ids
            for cid in _children(contrib, "contrib-id"):
                orcid = normalize_orcid(plain(cid))
                if orcid and (cid.get("contrib-id-type") or "orcid").lower() == "orcid":
                    details["ORCID"] = orcid
            for link in _children(contrib, "ext-link", "uri"):  # Copernicus, Crossref-built files
                target = link.get(XLINK_HREF) or plain(link)
                if "ORCID" not in details and "orcid.org/" in target.lower():
                    details["ORCID"] = normalize_orcid(target) or target
            email = plain(_first(contrib, "email")) or plain(_first(_first(contrib, "address"), "email"))  # BMC
            email = email or corresp_emails.get(contrib, "")
            if email:
                details["email"] = email
            # what a CSL name cannot hold: "Sir", "MD, PhD", "Academic Editor" / CRediT roles
            forms = [f for c in contrib for f in ([c] if local(c.tag) != "name-alternatives" else list(c))]
            name_el = next((f for f in forms if local(f.tag) in ("name", "string-name") and plain(_first(f, "prefix"))),
                           None)
            if name_el is not None:
                details["prefix"] = plain(_first(name_el, "prefix"))
            if degrees := "; ".join(plain(d) for d in _children(contrib, "degrees") if plain(d)):
                details["degrees"] = degrees
            if roles := [plain(r) for r in _children(contrib, "role") if plain(r)]:
                details["roles"] = roles
            if alternatives := _alternative_names(contrib, name):
                details["name-alternatives"] = alternatives
            if role == "handling-editor":
                custom = item.setdefault("custom", {})
                custom.setdefault("handling-editors", []).append(name)
                custom.setdefault("handling-editor-details", []).append(details)
                continue
            item.setdefault(role, []).append(name)
            for collab in _children(contrib, "collab"):  # a group's members (PubMed: InvestigatorList)
                members = [n for g in _children(collab, "contrib-group") for c in _children(g, "contrib")
                           for n in [next((x for x in (name_of(e) for e in c if local(e.tag)) if x), None)] if n]
                if members:
                    item.setdefault("custom", {}).setdefault("investigators", []).extend(members)
            if role in ("author", "editor"):
                item.setdefault("custom", {}).setdefault(f"{role}-details", []).append(details)
    if any(_first(g, "etal") is not None for g in groups) and item.get("author"):
        _et_al(item, "author")  # <etal/> ends a contrib-group as it ends a person-group
    for role in ("author", "editor", "handling-editor"):  # details only when one of them says something
        details = item.get("custom", {}).get(f"{role}-details")
        if details is not None and not any(details):
            del item["custom"][f"{role}-details"]


def _abstract_text(ab: etree._Element) -> str:
    lines: list[str] = []

    def walk(el: etree._Element, label: str) -> None:
        pending = label
        for c in el:
            name = local(c.tag)
            if not name or name in ("title", "label", "object-id"):
                continue
            if name == "sec":
                walk(c, plain(_first(c, "title")))
                continue
            text = rich(c)
            if text and ABSTRACT_DOI_LINE.match(plain(c)):  # eLife's "DOI: ..." line is the object-id again
                continue
            if text:
                lines.append(f"{pending}: {text}" if pending else text)
                pending = ""
        if pending:
            lines.append(f"{pending}:")

    walk(ab, "")
    return "\n".join(lines)


def _abstracts(item: Item, meta: etree._Element) -> None:
    others: dict[str, str] = {}
    for ab in _children(meta, "abstract", "trans-abstract"):
        text = _abstract_text(ab)
        if not text:
            continue
        kind = ab.get("abstract-type")
        if local(ab.tag) == "trans-abstract":
            kind = f"trans-abstract:{ab.get(XML_LANG) or ''}".rstrip(":")
        if (kind or "").lower() in MAIN_ABSTRACT_TYPES:  # Wiley's abstract-type="main" is the abstract
            kind = None
        if not kind and "abstract" not in item:
            item["abstract"] = text
        else:
            others.setdefault(kind or "abstract", text)
    if others and "abstract" not in item and "abstract" in others:
        item["abstract"] = others.pop("abstract")
    set_custom(item, "abstracts-other", others)


def _permissions(item: Item, meta: etree._Element) -> None:
    perm = _first(meta, "permissions")
    if perm is None:  # NLM 2.x: copyright-statement, license... directly in article-meta
        perm = meta
    lic = _first(perm, "license")
    if lic is not None:
        ref = next((plain(e) for e in lic.iter() if local(e.tag) == "license_ref"), "")
        set_custom(item, "license", lic.get(XLINK_HREF) or ref or plain(_first(lic, "license-p")) or plain(lic))
    statement = plain(_first(perm, "copyright-statement"))
    if not statement:
        statement = " ".join(p for p in ("©", plain(_first(perm, "copyright-year")),
                                         plain(_first(perm, "copyright-holder"))) if p != "")
        statement = "" if statement == "©" else statement
    set_custom(item, "copyright", statement)


def _funding(item: Item, meta: etree._Element) -> None:
    grants: list[str] = []
    for fg in _children(meta, "funding-group"):
        for ag in _children(fg, "award-group"):
            sources = [plain(s, DROP | {"institution-id"}) for s in _children(ag, "funding-source")]
            source = "; ".join(s for s in sources if s)
            award_ids = [plain(a) for a in _children(ag, "award-id") if plain(a)]
            grants += [f"{a}/{source}" if source else a for a in award_ids] or ([source] if source else [])
        statements = [plain(s) for s in _children(fg, "funding-statement") if plain(s)]
        if not grants:
            grants += statements
        elif statements:  # awards give the grants; the statement's prose is kept beside them
            item.setdefault("custom", {}).setdefault("tags", {}).setdefault(
                "jats:funding-statement", []).extend(statements)
    set_custom(item, "grants", list(dict.fromkeys(grants)))


#: pub-date kinds that never date the work itself (a later version, an archive's release, a submission).
NOT_ISSUED = frozenset(("pmc-release", "nihms-submitted", "update", "updated", "corrected", "retracted",
                        "accepted", "received", "rev-recd", "manuscript"))


def _dates(item: Item, meta: etree._Element) -> None:
    found: dict[str, dict] = {}
    for pd in _children(meta, "pub-date"):
        date = date_of(pd)
        if date:
            found.setdefault(_pub_date_kind(pd), date)
    issued = found.get("ppub") or found.get("collection") or found.get("pub") or found.get("epub")
    if not issued:  # only a kind without a rule ("first", "online-first"): still the work's date
        issued = next((d for k, d in found.items() if k not in NOT_ISSUED), None)
    if issued:
        item["issued"] = issued
    if found.get("epub"):
        item["available-date"] = found["epub"]
    if found.get("pmc-release"):
        set_custom(item, "pmc-release", to_iso(found["pmc-release"]))
    history = {k: to_iso(v) for k, v in found.items() if k not in ("ppub", "collection", "pub", "epub", "pmc-release")}
    events: list[str] = []
    for hist in _children(meta, "history", "pub-history"):  # JATS 1.2+ <pub-history>: preprint versions
        for d in hist.iter("{*}date"):  # JATS 1.3 puts dates in <event>s too
            date = date_of(d)
            if date:
                history.setdefault(d.get("date-type") or "other", to_iso(date))
        for event in _children(hist, "event"):  # "published as a preprint" + its link
            links = [u.get(XLINK_HREF) or plain(u) for u in event.iter("{*}self-uri", "{*}ext-link", "{*}uri")]
            dates = [(d.get("date-type") or "other", to_iso(date_of(d) or {})) for d in event.iter("{*}date")]
            # a date that history could not hold (a second "preprint" version) stays in the event's text
            extra = [f"({iso})" for kind, iso in dates if iso and history.get(kind) != iso]
            text = " ".join(t for t in [plain(_first(event, "event-desc")), *extra] + [f"<{u}>" for u in links if u]
                            if t)
            if text:
                events.append(text)
    set_custom(item, "history", history)
    if events:
        item.setdefault("custom", {}).setdefault("tags", {})["jats:history-event"] = events


#: Words an <article-version> holds when it gives the article's status, not its version: PMC's "preprint" and
#: NISO's Journal Article Versions (JAV) acronyms.
VERSION_STATUS_WORDS = frozenset(("preprint", "ao", "smur", "am", "p", "vor", "cvor", "evor"))


def _version_status(el: etree._Element | None, value: str) -> bool:
    """True when an <article-version> states a status ("preprint", "VoR") rather than a version number."""
    kind = ((el.get("article-version-type") if el is not None else "") or "").lower()
    return kind == "status" or value.strip().lower() in VERSION_STATUS_WORDS


#: article-meta children article_item reads; any other is kept by _other_meta.
META_READ = frozenset((
    "article-id", "article-categories", "title-group", "contrib-group", "aff", "aff-alternatives", "pub-date",
    "pub-date-not-available", "volume", "issue", "fpage", "lpage", "page-range", "elocation-id", "history",
    "permissions", "abstract", "trans-abstract", "kwd-group", "funding-group", "related-article",
    "copyright-statement", "copyright-year", "copyright-holder", "license", "article-version", "issue-part",
    "pub-history", "volume-issue-group",
))


#: Parts of a name that the text of their parent runs together ("<surname>Porter</surname><given-names>Roy").
_NAME_PARTS = frozenset(("surname", "given-names", "prefix", "suffix"))


def _spaced(el: etree._Element) -> str:
    """Plain text of *el* with a space after each name part, the label dropped."""
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        out.append(e.text or "")
        for c in e:
            if local(c.tag) and local(c.tag) not in DROP:
                walk(c)
                if local(c.tag) in _NAME_PARTS:
                    out.append(" ")
            out.append(c.tail or "")
    walk(el)
    return re.sub(r"\s+([,;.:)])", r"\1", clean("".join(out)))


def _product(item: Item, product: etree._Element) -> None:
    """``reviewed-title`` and ``reviewed-author`` from a review's first <product> with a title."""
    if "reviewed-title" in item:
        return
    title = next((rich(c) for c in product if local(c.tag) in ("source", "article-title", "chapter-title") and plain(c)), "")
    if not title:
        return
    item["reviewed-title"] = title
    names = [n for c in product if local(c.tag) == "person-group"
             and _role(c.get("person-group-type")) == "author" for n in names_in(c)]
    names += [n for c in product if local(c.tag) in ("name", "string-name", "collab") for n in [name_of(c)] if n]
    if names:
        item["reviewed-author"] = names


def _supplement(el: etree._Element) -> str:
    """A <supplementary-material> as "Label: caption <link>"."""
    label = plain(_first(el, "label"))
    caption = next((plain(c) for c in el.iter("{*}caption") if plain(c)), "") or \
        " ".join(plain(c) for c in el if local(c.tag) not in ("label", "media", "caption"))
    hrefs = [e.get(XLINK_HREF) for e in el.iter() if e.get(XLINK_HREF)]
    text = ": ".join(t for t in (label.rstrip(":. "), clean(caption)) if t)
    return clean(" ".join([text, *(f"<{h}>" for h in dict.fromkeys(hrefs))]))


#: <fn fn-type> of a competing-interests statement (JATS 1.2+ "COI-statement", older "conflict").
COI_FN_TYPES = frozenset(("coi-statement", "conflict", "conflicts", "competing-interests"))


def _other_meta(item: Item, meta: etree._Element) -> None:
    """The rest of article-meta: a conference, an issue title and ISBN to CSL; the others (author notes,
    self-uri, custom-meta, counts...) kept as text in custom.tags['jats:ELEMENT'], never dropped."""
    kept: dict[str, list[str]] = {}
    for child in meta:
        name = local(child.tag)
        if not name or name in META_READ:
            continue
        if name == "conference":
            for tag, var in (("conf-name", "event-title"), ("conf-loc", "event-place")):
                if text := plain(_first(child, tag)):
                    item.setdefault(var, text)
            rest = [plain(c) for c in child if local(c.tag) not in ("conf-name", "conf-loc") and plain(c)]
            kept.setdefault(name, []).extend(rest)
        elif name == "product":  # the book (or product) a review is about
            _product(item, child)
            kept.setdefault(name, []).append(_spaced(child))
        elif name == "supplementary-material":
            kept.setdefault(name, []).append(_supplement(child))
        elif name == "issue-title" and plain(child):
            item.setdefault("volume-title", rich(child))
        elif name == "isbn" and plain(child):
            item.setdefault("ISBN", plain(child))
        elif name == "custom-meta-group":
            kept.setdefault("custom-meta", []).extend(
                f"{plain(_first(m, 'meta-name'))}: {plain(_first(m, 'meta-value'))}" for m in _children(child, "custom-meta"))
        elif name == "author-notes":
            coi = [c for c in _children(child, "fn") if (c.get("fn-type") or "").lower() in COI_FN_TYPES]
            if text := "\n".join(" ".join(plain(p) for p in _children(c, "p")) or plain(c) for c in coi if plain(c)):
                item.setdefault("custom", {}).setdefault("conflict-of-interest", text)
            notes = [plain(c, DROP - {"fn"}) for c in child if local(c.tag) in ("fn", "corresp", "p") and c not in coi]
            kept.setdefault(name, []).extend(n for n in notes if n)
        elif name == "counts":
            kept.setdefault(name, []).append("; ".join(f"{local(c.tag)}={c.get('count')}" for c in child
                                                       if local(c.tag) and c.get("count")))
        else:
            text = plain(child, frozenset()) or child.get(XLINK_HREF) or ""
            href = child.get(XLINK_HREF)
            kept.setdefault(name, []).append(f"{text} <{href}>" if href and href != text else text)
    for key, values in kept.items():
        if values := [v for v in values if v]:
            item.setdefault("custom", {}).setdefault("tags", {}).setdefault(f"jats:{key}", []).extend(values)


def _keywords(item: Item, meta: etree._Element, lang: str) -> None:
    """``keyword`` from the kwd-groups in the article's language (or without one); the groups in
    other languages (SciELO gives pt, en, es) go to ``custom.tags['jats:kwd:LANG']``."""
    by_lang: dict[str, list[str]] = {}
    for g in _children(meta, "kwd-group"):
        words = [plain(k) if local(k.tag) == "kwd" else ": ".join(plain(p) for p in _children(k, "compound-kwd-part"))
                 for k in g.iter("{*}kwd", "{*}compound-kwd")]
        by_lang.setdefault((g.get(XML_LANG) or "").lower(), []).extend(w for w in words if w)
    mains = [key for key in dict.fromkeys(("", lang.lower())) if key in by_lang] or list(by_lang)[:1]
    main = [k for key in mains for k in by_lang.pop(key)]
    if main:
        item["keyword"] = "; ".join(dict.fromkeys(main))
    for key, words in by_lang.items():
        if words:
            item.setdefault("custom", {}).setdefault("tags", {})[f"jats:kwd:{key}"] = list(dict.fromkeys(words))


def _pages(item: Item, fpage: str, lpage: str, page_range: str, elocation: str) -> None:
    if page_range:
        item["page"] = page_range
    elif fpage:
        item["page"] = f"{fpage}-{lpage}" if lpage and lpage != fpage else fpage
    if elocation:
        set_custom(item, "elocation", elocation)
        # a preprint's e-location is the server's identifier (bioRxiv "2024.01.15.575123"), not a page
        item.setdefault("number" if item.get("type") == "article" else "page", elocation)


def article_item(article: etree._Element, ctx: Context, record: str) -> Item | None:
    """The CSL item for one <article> (None when its front matter is empty)."""
    front = _first(article, "front")
    meta = _first(front, "article-meta")
    if meta is None:
        return None
    item: Item = {}
    atype = (article.get("article-type") or "").lower()
    item["type"] = ARTICLE_TYPE_TO_CSL.get(atype, DEFAULT_ARTICLE_TYPE)
    if atype:
        item.setdefault("custom", {}).setdefault("tags", {})["jats:article-type"] = [atype]
    for aid in _children(meta, "article-id"):
        if plain(aid):
            _ids(item, aid.get("pub-id-type") or "other", plain(aid), aid.get("specific-use") or "")
    tg = _first(meta, "title-group")
    if tg is not None:
        title, subtitle = rich(_first(tg, "article-title")), rich(_first(tg, "subtitle"))
        if title:
            item["title"] = f"{title}: {subtitle}" if subtitle else title
            short = title if subtitle else plain(_first(tg, "alt-title"))
            if short and short != item["title"]:
                item["title-short"] = short
        translated = []
        for ttg in _children(tg, "trans-title-group"):
            tt, ts = rich(_first(ttg, "trans-title")), rich(_first(ttg, "trans-subtitle"))
            if tt:
                lang = ttg.get(XML_LANG) or _first(ttg, "trans-title").get(XML_LANG)  # type: ignore[union-attr]
                translated.append({"language": to_bcp47(lang) or "", "title": f"{tt}: {ts}" if ts else tt})
        set_custom(item, "translated-titles", [{k: v for k, v in t.items() if v} for t in translated])
    _contribs(item, meta)
    _journal(item, _first(front, "journal-meta"))
    _dates(item, meta)
    # JATS 1.1+ may group them: <volume-issue-group><volume/><issue/><issue-title/></volume-issue-group>
    groups = [meta, *_children(meta, "volume-issue-group")]
    for tag, var in (("volume", "volume"), ("issue", "issue"), ("article-version", "version")):
        if value := next((plain(_first(g, tag)) for g in groups if plain(_first(g, tag))), ""):
            if tag == "article-version" and _version_status(_first(meta, tag), value):
                # PMC's <article-version article-version-type="status">preprint</article-version>: a status
                # ("preprint", JAV's "VoR"), not a version number a style would print as "Version preprint"
                item["custom"].setdefault("tags", {})["jats:article-version"] = [value]  # type: ignore[index]
                continue
            item[var] = value
    if title := next((rich(_first(g, "issue-title")) for g in groups[1:] if plain(_first(g, "issue-title"))), ""):
        item.setdefault("volume-title", title)
    if part := plain(_first(meta, "issue-part")):  # "Pt 2": PubMed's Issue holds it as "4 Pt 2"
        item["issue"] = f"{item['issue']} {part}" if item.get("issue") else part
    _pages(item, plain(_first(meta, "fpage")), plain(_first(meta, "lpage")), plain(_first(meta, "page-range")),
           plain(_first(meta, "elocation-id")))
    _abstracts(item, meta)
    _keywords(item, meta, article.get(XML_LANG) or "")
    subjects = [plain(s) for s in meta.iter("{*}subject") if plain(s)]
    if subjects:
        item["custom"].setdefault("tags", {})["jats:subject"] = list(dict.fromkeys(subjects))  # type: ignore[index]
    _permissions(item, meta)
    _funding(item, meta)
    for rel in _children(meta, "related-article"):
        cc = RELATED_ARTICLE_TO_CC.get((rel.get("related-article-type") or "").lower())
        ref = rel.get(XLINK_HREF) or plain(rel)
        if cc and ref:
            link = {"type": cc, "ref": ref}
            pmid = normalize_pmid(ref) if (rel.get("ext-link-type") or "").lower() == "pubmed" else None
            if pmid:  # as PubMed's CommentsCorrections: the PMID as data, the line "...: PMID: N"
                link["PMID"] = pmid
            item.setdefault("custom", {}).setdefault("comments-corrections", []).append(link)
            add_note(item, comment_note(cc, "" if pmid else ref, pmid))
    _other_meta(item, meta)
    lang = to_bcp47(article.get(XML_LANG))
    if lang:
        item["language"] = lang
    if not item.get("title"):
        ctx.report("warning", "article has no title", record=record, line=article.sourceline,
                   code="missing-field", field="title")
    if not item.get("author"):
        ctx.report("warning", "article has no author", record=record, line=article.sourceline,
                   code="missing-field", field="author")
    if "custom" in item:  # data without a CSL home goes last, as in the other readers
        item["custom"] = item.pop("custom")
    return item


# -- references ------------------------------------------------------------

#: Elements that make a citation "structured" (a mixed-citation without any is free text).
FIELD_TAGS = frozenset((
    "person-group", "name", "string-name", "collab", "article-title", "chapter-title", "source", "year",
    "volume", "issue", "fpage", "lpage", "page-range", "elocation-id", "pub-id", "publisher-name", "date",
    "data-title", "part-title", "edition", "conf-name", "isbn", "issn",
))
SIMPLE_FIELDS = {  # element -> CSL variable, plain text
    "volume": "volume", "issue": "issue", "edition": "edition", "publisher-name": "publisher",
    "version": "version", "supplement": "supplement", "conf-name": "event-title", "conf-loc": "event-place",
    "series": "collection-title", "patent": "number", "gov": "authority",
}


def _url_of(el: etree._Element) -> str:
    return (el.get(XLINK_HREF) or plain(el)).strip()


#: A bare DOI ("10.5061/dryad.abc") whatever pub-id-type a producer gave it.
DOI_SHAPE = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?10\.\d{4,9}/\S+$", re.I)


def _et_al(item: Item, role: str) -> None:
    """Mark a name list as cut short: ``custom.et-al`` lists the roles (BibTeX reads ``and others`` so)."""
    roles = item.setdefault("custom", {}).setdefault("et-al", [])
    if role not in roles:
        roles.append(role)


#: A reference year with a letter ("2020a") that tells apart works of one author and year.
YEAR_SUFFIX = re.compile(r"(?:1[5-9]|20)\d\d([a-z]{1,2})")
#: A thesis <source> or <comment> that names the kind of thesis, not a container.
THESIS_GENRE = re.compile(r"(?i)^[\w .'’-]{0,30}\b(thesis|dissertation|diss\.|habilitation)\b[\w .'’()-]{0,30}$")


def _unpunctuated(text: str, source: str | bool = False) -> str:
    """A title or source without the punctuation a mixed-citation put inside its element
    ("<article-title>Title.</article-title>", "<source><italic>Nature.</italic></source>").
    A source's final period stays when other periods show it is an abbreviation ("J. Biol. Chem.")."""
    m = re.fullmatch(r"(.*?)\s*([.,;:])((?:</[a-z]+>)*)", text, re.S)
    if not m:
        return text
    body, mark, closing = m.groups()
    if mark == ".":
        if source and "." in re.sub(r"<[^>]+>", "", body):
            return text
        if strip_final_period(body + ".") != body:  # "et al.", "Inc.": an abbreviation's period
            return text
    return body + closing


def _citation_type(cit: etree._Element) -> str:
    """JATS ``publication-type``, or NLM 2.x ``citation-type``."""
    return (cit.get("publication-type") or cit.get("citation-type") or "").strip()


def citation_item(cit: etree._Element, ctx: Context, record: str) -> Item:
    """The CSL item for one element-citation / mixed-citation / citation."""
    item: Item = {}
    got: dict[str, str] = {}
    rich_fields: dict[str, str] = {}
    urls: list[str] = []
    notes: list[str] = []
    tags: dict[str, list[str]] = {}
    structured = False
    for c in cit:
        name = local(c.tag)
        if not name:
            continue
        structured |= name in FIELD_TAGS
        if name == "person-group":
            role = _role(c.get("person-group-type"))
            item.setdefault(role, []).extend(names_in(c))
            if _first(c, "etal") is not None:  # "et al." ends the list (as BibTeX's "and others")
                _et_al(item, role)
        elif name == "etal":  # mixed-citation: <etal/> after the names
            _et_al(item, "author")
        elif name in ("name", "string-name", "collab", "name-alternatives", "anonymous"):
            n = name_of(c)
            if n:
                item.setdefault("author", []).append(n)
        elif name in ("article-title", "chapter-title", "data-title", "part-title", "source", "std"):
            text = rich(c)  # a mixed-citation's elements may hold the printed punctuation; JATS4R's
            if local(cit.tag) != "element-citation":  # element-citation holds none, so what is there is content
                text = _unpunctuated(text, name == "source")
            rich_fields.setdefault(name, text)
        elif name == "trans-title":
            item.setdefault("custom", {}).setdefault("translated-titles", []).append(
                {k: v for k, v in (("language", c.get(XML_LANG)), ("title", rich(c))) if v})
        elif name in ("year", "month", "day", "season", "fpage", "lpage", "page-range", "elocation-id"):
            got.setdefault(name, plain(c))
            if name == "year" and c.get("iso-8601-date"):
                got.setdefault("iso", c.get("iso-8601-date", ""))
        elif name in ("date", "string-date"):
            date = date_of(c)
            if date:
                item.setdefault("issued", date)
        elif name == "date-in-citation":
            kind = (c.get("content-type") or "access-date").lower()
            text = re.sub(r"(?i)\b(accessed|cited|retrieved|last|viewed|on)\b|[\[\]]", " ", plain(c))
            date = date_of(c) if c.get("iso-8601-date") else parse_date(text)
            if date and "access" in kind:
                item["accessed"] = date
            elif plain(c):
                notes.append(plain(c))
        elif name in SIMPLE_FIELDS:
            if plain(c):
                item.setdefault(SIMPLE_FIELDS[name], plain(c))
            if name == "patent" and c.get("country"):  # the issuing country, as RIS CY of a patent
                item.setdefault("jurisdiction", c.get("country"))
        elif name == "publisher-loc":
            item.setdefault("publisher-place", _joined(c))
        elif name == "institution":
            if plain(c):
                item.setdefault("publisher", plain(c))
        elif name == "conf-date":
            item.setdefault("event-date", date_of(c) or {"literal": plain(c)})
        elif name == "size":
            if plain(c) and (c.get("units") or "pages").lower() in ("pages", "page", "pp"):  # NLM 2.x: "page"
                item.setdefault("number-of-pages", re.sub(r"\s*(pp?\.?|pages?)$", "", plain(c)))
        elif name == "isbn":  # kept as written (hyphens help people); several are joined
            if plain(c):
                item["ISBN"] = f"{item['ISBN']}; {plain(c)}" if item.get("ISBN") else plain(c)
        elif name in ("issn", "issn-l"):
            value = normalize_issn(plain(c)) or plain(c)
            item.setdefault("ISSN", value)
            kind = "linking" if name == "issn-l" else (c.get("pub-type") or c.get("publication-format") or "print")
            item.setdefault("custom", {}).setdefault("issn", {}).setdefault(
                {"ppub": "print", "epub": "electronic"}.get(kind, kind), value)
        elif name in ("pub-id", "object-id"):
            if plain(c):
                kind = c.get("pub-id-type") or "other"
                if kind.lower() not in ARTICLE_ID_TO_CSL and DOI_SHAPE.match(plain(c)):
                    kind = "doi"  # eLife data citations: pub-id-type="accession" holding a DOI
                _ids(item, kind, plain(c))
            href = c.get(XLINK_HREF) or ""
            if href and not DOI_SHAPE.search(href):  # a DOI link only repeats the DOI
                urls.append(href)
        elif name in ("ext-link", "uri"):
            urls.append(_url_of(c))
        elif name in ("comment", "annotation", "note"):
            var = c.get("content-type")
            if var in COMMENT_VARIABLES and plain(c):
                item[var] = rich(c) if var in ("title-short", "original-title") else plain(c)
                continue
            for pid in c.iter("{*}pub-id", "{*}object-id"):  # NLM 2.x: <comment>doi:<pub-id>10...</pub-id></comment>
                if plain(pid):
                    _ids(item, pid.get("pub-id-type") or ("doi" if DOI_SHAPE.match(plain(pid)) else "other"), plain(pid))
            inner = [e for e in c.iter("{*}ext-link", "{*}uri")]
            urls += [_url_of(e) for e in inner]
            text = plain(c)
            for e in [*inner, *c.iter("{*}pub-id", "{*}object-id")]:
                text = text.replace(plain(e), " ")
            if (m := ACCESSED.search(text)) and "accessed" not in item and \
                    "date-parts" in (accessed := parse_date(m.group(2)) or {}):  # PLOS: "Accessed 12 January 2006."
                item["accessed"] = accessed
                text = text[:m.start()] + text[m.end():]
            if inner or c.find(".//{*}pub-id") is not None:
                text = re.sub(r"(?i)\bdoi:?\s*(?=\s|$)", " ", text)  # the label of the id taken
            if not inner and THESIS_GENRE.match(clean(text).strip("[]() .")) and "genre" not in item and \
                    PUBLICATION_TYPE_TO_CSL.get(_citation_type(cit).lower()) == "thesis":
                item["genre"] = clean(text).strip(" ().[]")  # "PhD thesis": the kind of thesis
            elif not inner and STATUS_WORDS.fullmatch(clean(text)) and "status" not in item:
                item["status"] = clean(text).strip(" ().[]")  # "in press", "forthcoming"
            elif not ((inner or "accessed" in item or c.find(".//{*}pub-id") is not None) and URL_LABELS.match(text)) \
                    and clean(text):
                notes.append(plain(c) if inner else rich(c))
        elif name in ("label", "role", "x", "fn", "xref"):
            continue
        elif name in INLINE_TO_CSL:  # formatting of free text in a mixed-citation
            continue
        elif plain(c):
            tags.setdefault(f"jats:{name}", []).append(plain(c))

    ptype = _citation_type(cit)
    title = next((rich_fields[k] for k in ("chapter-title", "article-title", "data-title", "part-title", "std")
                  if rich_fields.get(k)), "")
    source = rich_fields.get("source", "")
    if ptype:
        ctype = PUBLICATION_TYPE_TO_CSL.get(ptype.lower()) or (ptype if ptype in CSL_TYPES else DEFAULT_PUBLICATION_TYPE)
    else:  # no type given: a titled piece in a source is an article, a bare source a book
        ctype = "article-journal" if title and source else ("book" if source else DEFAULT_PUBLICATION_TYPE)
    if ctype == "book" and (rich_fields.get("chapter-title") or (title and source)):
        ctype = "chapter"
    item = {"type": ctype, **item}
    if ctype == "thesis" and title and source and THESIS_GENRE.search(source):
        item.setdefault("genre", source)  # <source>PhD dissertation</source> beside the thesis title
        source = ""
    if title:
        item["title"] = title
        if source:
            item["container-title"] = source
    elif source:
        item["container-title" if ctype in JOURNALISH else "title"] = source

    year = got.get("year", "")
    if year and "issued" not in item:
        iso = parse_date(got["iso"]) if got.get("iso") else None
        m = re.search(r"\d{4}", year)
        if iso and "date-parts" in iso:
            item["issued"] = iso
        elif m:
            item["issued"] = from_parts(m.group(0), got.get("month") or None, got.get("day") or None)
        else:  # "in press", "n.d."
            item["status"] = year
        if suffix := YEAR_SUFFIX.fullmatch(year.strip()):  # "2020a": the author-date disambiguation letter
            item["year-suffix"] = suffix.group(1)
        season = SEASONS.get(got.get("season", "").lower())
        if season and "issued" in item and len(item["issued"].get("date-parts", [[0, 0]])[0]) == 1:
            item["issued"]["season"] = season
    _pages(item, got.get("fpage", ""), got.get("lpage", ""), got.get("page-range", ""), got.get("elocation-id", ""))

    for url in urls:  # the first link is the URL; a DOI link also gives the DOI when none is tagged
        doi = normalize_doi(url) if re.search(r"doi\.org/|^doi:", url, re.I) else None
        if doi and not item.get("DOI"):
            item["DOI"] = doi
        if url and "URL" not in item:
            item["URL"] = url
        elif url and url != item.get("URL") and not (doi and doi.lower() == str(item.get("DOI", "")).lower()):
            notes.append(url)
    for note in notes:
        add_note(item, note)
    lang = cit.get(XML_LANG)
    if lang:
        item["language"] = lang
    if tags:
        item.setdefault("custom", {}).setdefault("tags", {}).update(tags)

    if structured and local(cit.tag) == "mixed-citation":
        _untagged_text(cit, item, ctx, record)
    if not structured:
        text = rich(cit)
        if text:
            item = _free_text_item(text, plain(cit), ctype if ptype else "", item.get("URL"), ctx, record,
                                   cit.sourceline)
    elif not item.get("title") and not item.get("container-title"):
        ctx.report("warning", "reference has no title or source", record=record, line=cit.sourceline,
                   code="missing-field", field="title")
    return item


def _free_text_item(text: str, flat: str, ctype: str, url: str | None, ctx: Context, record: str,
                    line: int | None) -> Item:
    """A reference given only as printed text: a Vancouver or APA journal reference is read into fields
    (the text kept whole in ``custom.tags["jats:mixed-citation"]``); any other text is the title.
    Identifiers written in the text (DOI, PMID, PMCID, a link) are taken either way."""
    found = ids_in_text(flat)
    if url:
        found["URL"] = url
    parsed = parse_reference_text(text)
    if parsed is None:
        ctx.report("warning", "unstructured reference: its whole text is kept as the title",
                   record=record, line=line, code="guessed", field="title")
        return {"type": ctype or DEFAULT_PUBLICATION_TYPE, "title": text, **found}
    if ctype and ctype not in (DEFAULT_PUBLICATION_TYPE, "article-journal"):
        parsed["type"] = ctype  # the publisher's word wins ("preprint")
    custom = parsed.pop("custom", {})
    item = {**parsed, **{k: v for k, v in found.items() if k not in parsed}}
    item["custom"] = {**custom, "tags": {"jats:mixed-citation": [text]}}
    ctx.report("warning", "free-text reference read as a journal reference (authors, title, journal, date); "
               "check it: its text is kept in custom.tags jats:mixed-citation", record=record, line=line,
               code="guessed")
    return item


#: Words between the tagged parts of a mixed-citation that carry nothing of their own.
_CONNECTIVES = re.compile(r"(?i)\b(in|eds?|editors?|pp?|vol|no|et al|and|doi|available|from|at|online|accessed|"
                          r"retrieved|cited|internet|url|https?|www)\b")
#: A Vancouver author list left untagged before the first element: "Smith J, Doe AB, van der Berg K."
_UNTAGGED_AUTHORS = re.compile(r"^\s*((?:[^\W\d][\w'\u2019-]*(?: [^\W\d][\w'\u2019-]*)* [A-Z]{1,3}(?:, |\.?\s*$))+)")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b")


def _untagged_text(cit: etree._Element, item: Item, ctx: Context, record: str) -> None:
    """A mixed-citation's text outside its elements ("Rawls, J. (1971). <source>…</source>. Cambridge, MA:
    Harvard University Press.") may hold what the tags do not: nothing is lost, the whole citation is kept
    in ``custom.tags["jats:mixed-citation"]`` (and reported); a Vancouver author list before the first
    element and a year become the authors and the date when no element gave them."""
    untagged = clean(" ".join([cit.text or "", *(c.tail or "" for c in cit)]))
    if not re.search(r"[^\W\d_]{2,}", _CONNECTIVES.sub(" ", untagged)):
        return  # only punctuation, numbers and connectives between the tags
    lead = cit.text or ""
    roles = [r for r in NAME_VARIABLES if item.get(r)]
    m = _UNTAGGED_AUTHORS.match(lead) if not roles and lead.strip() else None
    if m:
        item["author"] = [parse_pubmed_short(p.strip(" .")) for p in m.group(1).split(", ") if p.strip(" .")]
    year = _YEAR.search(untagged) if "issued" not in item else None
    if year:
        item["issued"] = {"date-parts": [[int(year.group(1))]]}
    item.setdefault("custom", {}).setdefault("tags", {})["jats:mixed-citation"] = [rich(cit)]
    ctx.report("warning", "mixed-citation has text outside its elements; the whole citation is kept in "
               "custom.tags jats:mixed-citation", record=record, line=cit.sourceline, code="guessed")


def _in_sub_article(el: etree._Element, scope: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not scope:
        if local(parent.tag) in ("sub-article", "response"):
            return True
        parent = parent.getparent()
    return False


def ref_items(scope: etree._Element, ctx: Context, prefix: str = "") -> Iterator[Item]:
    """One item per citation in every <ref> under *scope*, except those of a <sub-article> or <response>
    (a referee report's or reply's references are not the article's)."""
    skipped = 0
    for ref in scope.iter("{*}ref"):
        if _in_sub_article(ref, scope):
            skipped += 1
            continue
        cits = [c for c in ref if local(c.tag) in CITATION_TAGS]
        alt = _first(ref, "citation-alternatives")
        if alt is not None:  # several encodings of one reference: the structured one
            choice = _first(alt, "element-citation")
            choice = choice if choice is not None else _first(alt, *CITATION_TAGS)
            cits += [choice] if choice is not None else []
        ref_id = ref.get("id") or ""
        if not cits and plain(ref):  # a note-only reference (footnote-style ref-lists): read as free text,
            # so that a style prints it (an item with only a note prints as an empty entry)
            text = plain(ref)
            item = _free_text_item(text, text, "", None, ctx, f"ref {ref_id or ref.sourceline}", ref.sourceline)
            if ref_id:
                item["id"] = f"{prefix}{ref_id}"
            yield item
            continue
        for n, cit in enumerate(cits, start=1):
            record = f"ref {ref_id or ref.sourceline}"
            item = citation_item(cit, ctx, record)
            if ref_id:
                item["id"] = f"{prefix}{ref_id}" + (f"-{n}" if n > 1 else "")
            note = plain(_first(ref, "note"))
            if note:
                add_note(item, note)
            yield item
    if skipped:
        ctx.report("info", f"{skipped} reference(s) of a <sub-article>/<response> (referee report, reply) "
                   "left out: they are not the article's", code="skipped")


# -- the reader ------------------------------------------------------------

def _is_empty(item: Item) -> bool:
    return not any(item.get(k) for k in ("title", "author", "DOI", "PMID", "PMCID", "container-title"))


def _article_records(article: etree._Element, ctx: Context, number: int, refs: Any) -> Iterator[Item]:
    only_refs = isinstance(refs, str) and refs.lower() == "only"
    item = article_item(article, ctx, f"article {number}")
    if item is not None and not (only_refs or (refs and _is_empty(item))):
        yield item
    if refs:
        yield from ref_items(article, ctx)


_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)(\s[^<>]*?)(/?)>")
_ATTRIBUTE = re.compile(rb"""\s+([\w.:-]+)\s*=\s*("[^"]*"|'[^']*')""")


def _drop_repeated_attributes(data: bytes) -> bytes:
    """Keep the first of a repeated attribute: after that fault libxml2's recovery mode
    silently drops every later ``&amp;``/``&lt;``, so the text would lose its '&' and '<'."""
    def tag(m: re.Match) -> bytes:
        seen: set[bytes] = set()

        def attribute(a: re.Match) -> bytes:
            if a.group(1) in seen:
                return b""
            seen.add(a.group(1))
            return a.group(0)
        return b"<" + m.group(1) + _ATTRIBUTE.sub(attribute, m.group(2)) + m.group(3) + b">"
    return _START_TAG.sub(tag, data)


def _recover(source: Source) -> etree._Element | None:
    """Parse a damaged document as far as libxml2's recovery mode goes (same protections)."""
    data = _drop_repeated_attributes(source.bytes())
    for parser in (safe_parser(), safe_parser(recover=True)):
        try:
            return etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError):
            continue
    return None


def read(source: Source, ctx: Context) -> Iterator[Item]:
    """Yield the article(s) of a JATS document; with ``refs`` also (or only) their references.

    Malformed XML: in a set, the articles before the damage come out and one
    error names the line; a single damaged article is read in recovery mode
    with a warning naming the line (PMC and publisher files often have small
    faults, such as a repeated attribute, that leave the metadata intact).
    """
    refs = ctx.options.get("refs")
    reject_entity_declarations(source.head().encode("utf-8", "replace"), source.name)
    stream = source.open_binary()
    articles = 0
    root: etree._Element | None = None
    try:
        events = safe_iterparse(stream, events=("end",))
        checked = False
        for _, el in events:
            if not checked:  # a DOCTYPE past the checked head: its entities would silently vanish
                checked = True
                reject_late_entities(el, source.name)
            if local(el.tag) != "article":
                continue
            articles += 1
            yield from _article_records(el, ctx, articles, refs)
            el.clear()
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
        root = events.root
    except etree.XMLSyntaxError as exc:
        root = None if articles else _recover(source)
        found = root is not None and (local(root.tag) in ("article", "ref-list") or root.find(".//{*}article") is not None)
        if not found:
            ctx.skip(f"malformed XML: {exc.msg}", line=exc.lineno)
            return
        ctx.report("warning", f"malformed XML ({exc.msg}); read in recovery mode, check this record",
                   line=exc.lineno, code="malformed")
    finally:
        stream.close()
    if articles or root is None:
        return
    found_articles = [root] if local(root.tag) == "article" else list(root.iter("{*}article"))
    for n, article in enumerate(found_articles, start=1):
        yield from _article_records(article, ctx, n, refs)
    if found_articles:
        return
    if local(root.tag) in ("book-part-wrapper", "book"):  # BITS: a PMC Bookshelf chapter, a book
        from .jats_book import book_items

        if not (isinstance(refs, str) and refs.lower() == "only"):
            yield from book_items(root, ctx)
        if refs:
            yield from ref_items(root, ctx)
        return
    if local(root.tag) == "ref-list" or root.find(".//{*}ref") is not None:
        yield from ref_items(root, ctx)
    else:
        ctx.skip(f"no JATS <article> or <ref-list> found (root element <{local(root.tag)}>)")
