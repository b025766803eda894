"""Web of Science field-tagged export ("Plain text file", also ISI/.ciw): read-only.

A file is ``FN Clarivate Analytics Web of Science`` / ``VR 1.0``, then records of two-letter tags
(``PT J``, ``AU Smith, J``), continuation lines indented by three spaces, ``ER`` closing each
record and ``EF`` the file.  A tag's continuation lines are separate values for the list tags
(authors, C1 addresses, cited references) and wrapped text for the others.  No writer: nothing
reads WoS tagged files but WoS-aware tools, and RIS/CSL-JSON carry everything it holds.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model.dates import parse_date
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_issn, normalize_pmid
from ..model.item import Item, set_custom
from ..model.languages import to_bcp47
from ..model.names import parse_name
from ..sources import Source
from .pubmed_common import normalize_orcid
from .registry import Format

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
_CONT = re.compile(r"^ {2,3}\S")

#: Tags whose lines (first and continuations) are one value each.
LIST_TAGS = frozenset(("AU", "AF", "BA", "BF", "BE", "GP", "CA", "C1", "CR"))
#: Tags holding "; "-separated lists.
SEMICOLON_TAGS = frozenset(("DE", "ID", "FU", "EM", "RI", "OI", "DT", "WC", "SC", "BN", "C3"))
#: Tags whose continuation lines start a new paragraph.
PARAGRAPH_TAGS = frozenset(("AB",))

#: One-value tags copied as written into a CSL variable.
DIRECT = {
    "TI": "title", "VL": "volume", "PG": "number-of-pages", "PU": "publisher", "PI": "publisher-place",
    "CT": "event-title", "CL": "event-place",
}

#: PT (publication kind) -> default CSL type; DT words refine it (TYPE_BY_DT).
TYPE_BY_PT = {"J": "article-journal", "B": "book", "S": "book", "C": "paper-conference", "P": "patent"}
#: DT values (any one of a record's "; "-separated list) that decide the type, first match wins.
TYPE_BY_DT = (
    ("Patent", "patent"), ("Data Set", "dataset"), ("Data Study", "dataset"), ("Book Chapter", "chapter"),
    ("Proceedings Paper", "paper-conference"), ("Book Review", "review-book"), ("Book", "book"),
)
#: A journal's records keep their journal type whatever DT adds ("Article; Proceedings Paper" in a journal).
JOURNAL_KEEPS = frozenset(("article-journal",))

#: WoS season abbreviations in PD; the date parser knows the words.
SEASONS = {"SPR": "Spring", "SUM": "Summer", "FAL": "Fall", "AUT": "Autumn", "WIN": "Winter"}

#: Tags read into CSL variables or custom keys; everything else is kept in custom.tags["wos:XX"].
HANDLED = frozenset((
    "PT", "AU", "AF", "BA", "BF", "BE", "GP", "CA", "TI", "SO", "SE", "BS", "CT", "CY", "CL", "PY", "PD", "EA",
    "VL", "IS", "PN", "SU", "BP", "EP", "AR", "PG", "DI", "PM", "SN", "EI", "BN", "PU", "PI", "LA", "DE", "ID",
    "AB", "UT", "FU", "CR", "DT", "JI", "J9", "C1", "OI",
))
#: Bookkeeping tags of the file, not of a record.
FILE_TAGS = frozenset(("FN", "VR", "EF"))


def sniff(head: str) -> float:
    """``FN ...`` + ``VR 1.0`` headers, or a first record opening ``PT J`` with two-letter tags."""
    lines = [ln for ln in head.lstrip("\ufeff").splitlines()[:40] if ln.strip()]
    if not lines:
        return 0.0
    first = lines[0]
    if first.startswith("FN ") and ("Web of" in first or "ISI" in first or "Clarivate" in first):
        return 0.95
    if first.startswith("FN ") and len(lines) > 1 and re.match(r"^VR \d", lines[1]):
        return 0.9
    if re.match(r"^PT [A-Z]\s*$", first):
        tagged = sum(1 for ln in lines[1:12] if _TAG_LINE.match(ln) or _CONT.match(ln))
        return 0.85 if tagged >= min(2, len(lines) - 1) else 0.0
    return 0.0


class _Record:
    """One record as read: tag -> list of raw values (each with its line)."""

    def __init__(self, line: int):
        self.line = line
        self.fields: dict[str, list[str]] = {}
        self.unparsed: list[str] = []
        self.last: str | None = None

    def add(self, tag: str, value: str) -> None:
        self.fields.setdefault(tag, []).append(value)
        self.last = tag

    def cont(self, value: str) -> None:
        values = self.fields[self.last]  # type: ignore[index]
        if self.last in LIST_TAGS:
            values.append(value)
        elif self.last in PARAGRAPH_TAGS:
            values[-1] += "\n" + value
        else:
            values[-1] = f"{values[-1]} {value}".strip()

    def one(self, tag: str) -> str:
        return " ".join(v for v in self.fields.get(tag, ()) if v).strip()

    def many(self, tag: str) -> list[str]:
        vals = [v.strip() for v in self.fields.get(tag, ()) if v.strip()]
        if tag in SEMICOLON_TAGS:
            vals = [p.strip() for v in vals for p in v.split(";") if p.strip()]
        return vals


def _records(source: Source, ctx: Context) -> Iterator[_Record]:
    """Split the file into records, reporting a missing ER and lines that are no tag."""
    rec: _Record | None = None
    for n, raw in enumerate(source.text().splitlines(), 1):
        line = raw.rstrip()
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        m = _TAG_LINE.match(line)
        if _CONT.match(raw) and rec is not None and rec.last:
            rec.cont(line.strip())
            continue
        if not m:
            if rec is not None:
                ctx.report("warning", f"line is no WoS tag, kept in custom.tags['wos:unparsed']: {line[:60]!r}",
                           record=f"record at line {rec.line}", line=n, code="unparsed")
                rec.unparsed.append(line.strip())
                rec.last = None
            else:
                ctx.report("warning", f"line outside any record ignored: {line[:60]!r}", line=n, code="unparsed")
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "ER":
            if rec is not None:
                yield rec
            rec = None
        elif tag in FILE_TAGS:
            if rec is not None and tag == "EF":
                ctx.report("warning", "record has no ER before EF; read as ending there",
                           record=f"record at line {rec.line}", line=rec.line, code="missing-er")
                yield rec
                rec = None
        elif tag == "PT" or rec is None:
            if rec is not None:
                ctx.report("warning", f"record has no ER; it ends where the next record starts (line {n})",
                           record=f"record at line {rec.line}", line=rec.line, code="missing-er")
                yield rec
            rec = _Record(n)
            rec.add(tag, value)
        else:
            rec.add(tag, value)
    if rec is not None:
        ctx.report("warning", "file ends inside a record (no ER): read as it stands",
                   record=f"record at line {rec.line}", line=rec.line, code="missing-er")
        yield rec


def _name(text: str) -> dict:
    """A WoS name: "Parkes-Loach, Pamela S." or the short "Cao, WX" (initials dotted, as PubMed's)."""
    name = parse_name(text, organisation=False if "," in text else None)
    given = name.get("given", "")
    if re.fullmatch(r"[A-Z]{1,4}", given):
        name["given"] = " ".join(f"{c}." for c in given)
    return name


def _people(rec: _Record, full: str, short: str) -> list[dict]:
    """Full names when WoS gives them (AF/BF/...), else the short form."""
    names = rec.many(full) or rec.many(short)
    # "[Anonymous]" is WoS's placeholder for an unsigned work: no author (the tag keeps it)
    return [_name(n) for n in names if n.casefold() != "[anonymous]"]


def _date(text: str) -> dict | None:
    words = [SEASONS.get(w.upper(), w) for w in text.split()]
    return parse_date(" ".join(words)) if words else None


def _issued(rec: _Record) -> dict | None:
    year, pd = rec.one("PY"), rec.one("PD")
    if not year:
        return None
    # PD repeats the year at times ("MAR 15 2019", "2019"): keep only its month/day/season words
    pd = " ".join(w for w in pd.split() if w != year)
    return _date(f"{year} {pd}".strip())


def _type(rec: _Record) -> str:
    pt = rec.one("PT").upper()[:1]
    base = TYPE_BY_PT.get(pt, "article-journal" if rec.one("SO") else "document")
    if base in JOURNAL_KEEPS:
        return base
    dts = rec.many("DT")
    for word, csl in TYPE_BY_DT:
        if word in dts:
            return csl
    if base == "book" and rec.one("SO") and rec.one("TI") and rec.one("SO").casefold() != rec.one("TI").casefold():
        return "chapter"  # a book-citation-index record of a part of a book
    return base


def _details(rec: _Record, authors: list[dict]) -> list[dict] | None:
    """C1 "[Name; Name] Address" lines and OI "Name/ORCID" entries, aligned with the authors."""
    keys = [f"{a.get('family', a.get('literal', ''))}, {a.get('given', '')}".strip(", ").casefold() for a in authors]
    raw_names = [n.casefold() for n in (rec.many("AF") or rec.many("AU"))]
    details: list[dict] = [{} for _ in authors]

    def index_of(name: str) -> int | None:
        key = re.sub(r"\s+", " ", name).strip().casefold()
        for seq in (raw_names, keys):
            if key in seq:
                return seq.index(key)
        return None

    unplaced = []
    for line in rec.many("C1"):
        m = re.match(r"^\[([^\]]*)\]\s*(.*)$", line)
        if not m:
            unplaced.append(line)
            continue
        for who in m.group(1).split(";"):
            i = index_of(who)
            if i is None:
                unplaced.append(line)
                break
            details[i].setdefault("affiliation", []).append(m.group(2))
    other_oi = []
    for entry in rec.many("OI"):
        who, _, orcid = entry.rpartition("/")
        i = index_of(who) if who else None
        if i is None or not normalize_orcid(orcid):
            other_oi.append(entry)
        else:
            details[i]["ORCID"] = normalize_orcid(orcid)
    rec.fields["C1"], rec.fields["OI"] = unplaced, other_oi  # what is left goes to tags
    return details if any(details) else None


def _item(rec: _Record, ctx: Context) -> Item | None:
    item: Item = {"type": _type(rec)}
    for tag, var in DIRECT.items():
        if rec.one(tag):
            item[var] = rec.one(tag)
    authors = _people(rec, "AF", "AU")
    seen = {a.get("literal", "").casefold() for a in authors}
    groups = [{"literal": g} for g in dict.fromkeys(rec.many("GP") + rec.many("CA")) if g.casefold() not in seen]
    book_authors = _people(rec, "BF", "BA")
    if not authors and book_authors:
        authors, book_authors = book_authors, []
    if book_authors:
        item["container-author"] = book_authors
    details = _details(rec, authors)
    if authors or groups:
        item["author"] = authors + groups
    if details:
        set_custom(item, "author-details", details + [{} for _ in groups])
    editors = [_name(n) for n in rec.many("BE")]
    if editors:
        item["editor"] = editors

    so = rec.one("SO")
    if so and item["type"] != "book":
        item["container-title"] = so
        rec.fields.pop("SO")
    elif so and so.casefold() == rec.one("TI").casefold():
        rec.fields.pop("SO")  # a book's SO repeating its title; another SO stays a tag
    series = rec.one("SE")
    if series:
        item["collection-title"] = f"{series}: {rec.one('BS')}" if rec.one("BS") else series
    elif rec.one("BS"):
        item["collection-title"] = rec.one("BS")
    if not series:  # in a series J9/JI abbreviate the series, so they stay tags
        short = rec.one("JI") or rec.one("J9")
        if short and "container-title" in item:
            item["container-title-short"] = short
            rec.fields.pop("JI" if rec.one("JI") else "J9")

    issued = _issued(rec)
    early = _date(rec.one("EA")) if rec.one("EA") else None
    if early:
        item["available-date"] = early
    if issued or early:
        item["issued"] = issued or early
    if rec.one("CY"):
        # "MAY 23-26, 2017", "SEP 30-OCT 02, 2019": the year first, as the date parser reads ranges
        cy = rec.one("CY").replace(",", " ")
        m = re.match(r"^(.*?)\s*\b(\d{4})$", cy)
        item["event-date"] = _date(f"{m.group(2)} {m.group(1)}" if m else cy)

    issue = rec.one("IS")
    if rec.one("PN"):
        issue = f"{issue} Pt {rec.one('PN')}".strip()
    if rec.one("SU"):
        issue = f"{issue} Suppl {rec.one('SU')}".strip()
    if issue:
        item["issue"] = issue
    bp, ep, ar = rec.one("BP"), rec.one("EP"), rec.one("AR")
    if bp:
        item["page"] = f"{bp}-{ep}" if ep and ep != bp else bp
    if ar:
        set_custom(item, "elocation", ar)
        item.setdefault("page", ar)

    doi = normalize_doi(rec.one("DI"))
    if doi:
        item["DOI"] = doi
    pmid = normalize_pmid(rec.one("PM"))
    if pmid:
        item["PMID"] = pmid
    issn = {k: normalize_issn(rec.one(t)) or rec.one(t) for k, t in (("print", "SN"), ("electronic", "EI")) if rec.one(t)}
    if issn:
        item["ISSN"] = issn.get("print") or issn["electronic"]
        set_custom(item, "issn", issn)
    isbns = rec.many("BN")
    if isbns:
        item["ISBN"] = isbns[0]
        rec.fields["BN"] = isbns[1:]
    langs = rec.many("LA") and [p.strip() for p in rec.one("LA").split(";")]
    if langs:
        item["language"] = to_bcp47(langs[0]) or langs[0]
        if len(langs) == 1:
            rec.fields.pop("LA")
    keywords = rec.many("DE") + rec.many("ID")
    if keywords:
        item["keyword"] = "; ".join(keywords)
    abstract = "\n".join(rec.many("AB"))
    if abstract:
        item["abstract"] = abstract

    ut = rec.one("UT")
    if ut:
        set_custom(item, "other-ids", {"wos": ut})
    set_custom(item, "publication-types", rec.many("DT"))
    set_custom(item, "grants", rec.many("FU"))
    set_custom(item, "cited-references", rec.many("CR"))

    if rec.one("PY"):
        rec.fields.pop("PD", None)  # read into issued; without PY it stays a tag
    kept = ("C1", "OI", "BN", "LA", "JI", "J9", "SO", "PD")
    tags = {f"wos:{t}": rec.many(t) for t in rec.fields if t not in HANDLED or t in kept}
    if "[anonymous]" in (v.casefold() for v in rec.many("AU")):
        tags["wos:AU"] = ["[Anonymous]"]
    if rec.one("ID"):
        tags["wos:ID"] = rec.many("ID")  # which keywords are Keywords Plus (WoS's, not the authors')
    tags = {k: v for k, v in tags.items() if v}
    if rec.unparsed:
        tags["wos:unparsed"] = rec.unparsed
    if tags:
        item.setdefault("custom", {})["tags"] = tags
    item["id"] = f"pmid:{pmid}" if pmid else f"doi:{doi}" if doi else ut or ""
    if not item["id"]:
        del item["id"]
    if not any(k in item for k in ("title", "author", "container-title", "DOI")):
        ctx.skip("record has no title, author, source or DOI", record=f"record at line {rec.line}", line=rec.line)
        return None
    return item


def read(source: Source, ctx: Context) -> Iterator[Item]:
    """Yield one CSL item per WoS record; problems are reported with the line they are on."""
    for rec in _records(source, ctx):
        item = _item(rec, ctx)
        if item is not None:
            yield item


FORMAT = Format(
    name="wos",
    description="Web of Science field-tagged plain text export (FN/VR, PT/AU/TI..., ER/EF); read-only",
    aliases=("isi", "web-of-science", "webofscience", "wos-tagged", "ciw"),
    extensions=("ciw", "isi", "txt"),
    sniff=sniff,
    read=read,
)
