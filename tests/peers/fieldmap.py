"""Field-by-field comparison of citeport's items with what a real importer made of citeport's file.

Shared by tests/test_peers_jabref.py and tests/test_peers_bcc.py.  Everything here is deliberately
independent of citeport's readers: the peer's output is a CSL item (biblatex-csl-converter) or a
BibTeX file JabRef saved, read by the small parser and field table below, so a value only counts as
kept when the peer itself put it in the right place.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree

import citeport

from citeport.model.dates import year_of
from citeport.model.text import strip_markup

#: The compared fields (CSL names); "place" is publisher-place, "keyword" a set, "type" a class.
FIELDS = ("title", "author", "editor", "year", "container-title", "volume", "issue", "page", "DOI", "URL",
          "ISBN", "ISSN", "publisher", "publisher-place", "edition", "abstract", "keyword", "type")

#: Coarse type classes: importers have fewer types than CSL, so a type is kept when its class is.
TYPE_CLASS = {
    **dict.fromkeys(("article-journal", "article-magazine", "article-newspaper", "article", "review",
                     "review-book", "periodical"), "article"),
    **dict.fromkeys(("book", "classic"), "book"),
    **dict.fromkeys(("chapter", "entry-encyclopedia", "entry-dictionary", "entry"), "chapter"),
    "paper-conference": "conference", "thesis": "thesis", "report": "report", "patent": "patent",
    "webpage": "web", "post-weblog": "web", "post": "web",
}

# --- normalisation ------------------------------------------------------------------------------

_PUNCT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u00a0": " ", "{": "", "}": "", "\u2010": "-", "\u2011": "-"})
#: LaTeX a BibTeX file may carry (JabRef saves what it read): command -> text.
_TEX_ESCAPES = {r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "", r"\}": "",
                r"\textasciitilde": "~", r"\textasciicircum": "^", r"\textbackslash": "\\"}
_TEX_WRAPPERS = re.compile(r"\\(?:textsubscript|textsuperscript|emph|textit|textbf|textsc|textup|mkbibquote|"
                           r"mkbibemph|enquote|url|nolinkurl|mbox|textnormal)\s*")


#: LaTeX accent command -> Unicode combining mark; letters written as commands.
_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "d": "\u0323",
            "b": "\u0331", "k": "\u0328", "r": "\u030a"}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "aa": "å", "AA": "Å",
            "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ"}
_ACCENT = re.compile(r"\\([\"'`^~=.]|[uvHcdbkr](?=[\s{]))\s*\{?\s*(\\[ij]\b|[A-Za-z])\}?")
_LETTER = re.compile(r"\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])\s*")


def detex(value: str) -> str:
    """The plain text of a BibTeX value as a BibTeX reader shows it (enough for comparing)."""
    s = re.sub(r"(?<!\\)~", " ", value)  # an unescaped tie is a space
    s = _ACCENT.sub(lambda m: unicodedata.normalize(
        "NFC", m.group(2).replace("\\i", "i").replace("\\j", "j") + _ACCENTS[m.group(1)]), s)
    s = _LETTER.sub(lambda m: _LETTERS[m.group(1)], s)
    s = _TEX_WRAPPERS.sub("", s).replace("\\~{}", "~").replace("\\^{}", "^").replace("-{}-", "--")
    for tex, plain in _TEX_ESCAPES.items():
        s = s.replace(tex, plain)
    return s.replace("---", "\u2014").replace("--", "\u2013")


def text(value: object) -> str:
    s = strip_markup(str(value)).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    s = unicodedata.normalize("NFC", s).translate(_PUNCT).replace("---", "-").replace("--", "-")
    return re.sub(r"\s+", " ", s).strip().casefold()


def _family(name: dict) -> str:
    if name.get("literal"):
        return text(name["literal"])
    return text(" ".join(p for p in (name.get("dropping-particle"), name.get("non-dropping-particle"),
                                     name.get("family") or name.get("given")) if p))


def _page(value: str) -> str:
    s = re.sub(r"\s*[-\u2013\u2014]+\s*", "-", str(value)).strip().casefold()
    # "943-7" and "943-947" are one range
    return re.sub(r"^(\d+)-(\d+)$", lambda m: m.group(1) + "-" + (
        m.group(1)[:len(m.group(1)) - len(m.group(2))] + m.group(2)
        if len(m.group(2)) < len(m.group(1)) else m.group(2)), s)


def _codes(value: object) -> str:
    """ISBN/ISSN: the set of numbers, hyphens and spacing ignored."""
    vals = value if isinstance(value, list) else re.split(r"[,;]\s*|\s+(?=\d{3,})", str(value))
    return " ".join(sorted({re.sub(r"[^0-9X]", "", v.upper()) for v in vals if re.sub(r"[^0-9X]", "", v.upper())}))


def _keywords(value: object) -> str:
    vals = value if isinstance(value, list) else re.split(r"\s*[,;\n]\s*", str(value))
    return " | ".join(sorted({text(v) for v in vals if text(v)}))


def _doi(value: object) -> str:
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", str(value).strip(), flags=re.I).casefold()


def values(item: dict) -> dict[str, str]:
    """The compared values of a CSL item, normalised (absent ones left out)."""
    out: dict[str, str] = {}
    for var in ("title", "container-title", "publisher", "publisher-place", "abstract"):
        if item.get(var):
            out[var] = text(item[var])
    for role in ("author", "editor"):
        names = item.get(role) or []
        if names:
            out[role] = " | ".join(_family(n) for n in names)
    year = year_of(item.get("issued"))
    if year:
        out["year"] = str(year)
    for var in ("volume", "issue"):
        if item.get(var) not in (None, ""):
            out[var] = text(item[var])
    if item.get("page"):
        out["page"] = _page(item["page"])
    if item.get("edition") not in (None, ""):  # "2nd", "2nd ed." and 2 are one edition
        ed = text(item["edition"])
        m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?\.?(?: ed(?:ition|\.)?)?", ed)
        out["edition"] = m.group(1) if m else ed
    if item.get("DOI"):
        out["DOI"] = _doi(item["DOI"])
    if item.get("URL"):
        out["URL"] = str(item["URL"]).strip()
    for var in ("ISBN", "ISSN"):
        if item.get(var) and _codes(item[var]):
            out[var] = _codes(item[var])
    if item.get("keyword"):
        out["keyword"] = _keywords(item["keyword"])
    if item.get("type"):
        out["type"] = TYPE_CLASS.get(str(item["type"]), "other")
    return out


# --- comparison ---------------------------------------------------------------------------------


def compare(pairs, peer: str, fmt: str, known) -> tuple[Counter, Counter, list, Counter]:
    """Compare (our item, the peer's item or None) pairs.

    Returns (kept per field, written per field, unlisted disagreements, KNOWN reasons used).
    ``known(field, ours_item, ours_value, theirs_value, theirs_item)`` gives the KNOWN key that
    explains a disagreement, or None.  ``theirs_value`` is "" when the peer has none.
    """
    kept, written, used = Counter(), Counter(), Counter()
    unlisted = []
    for ours, theirs in pairs:
        va, vb = values(ours), values(theirs or {})
        for field in FIELDS:
            if field not in va:
                continue
            written[field] += 1
            if vb.get(field) == va[field]:
                kept[field] += 1
                continue
            key = known(field, ours, va[field], vb.get(field) or "", theirs or {})
            if key:
                used[key] += 1
            else:
                unlisted.append((ours.get("id"), ours.get("type"), field, va[field][:80], (vb.get(field) or "")[:80]))
    return kept, written, unlisted, used


def table(peer: str, fmt: str, kept: Counter, written: Counter) -> str:
    cells = [f"{f}={kept[f]}/{written[f]}" for f in FIELDS if written[f]]
    total_k, total_w = sum(kept.values()), sum(written.values())
    return f"{peer} reading citeport's {fmt}: {total_k}/{total_w} values kept ({total_k / total_w:.2%}); " + " ".join(cells)


# --- BibTeX as JabRef saves it: a small independent reader ----------------------------------------


def bib_entries(src: str) -> list[tuple[str, str, dict[str, str]]]:
    """(entry type, key, {field: raw value}) of each entry; @Comment/@String/@Preamble skipped."""
    out = []
    for m in re.finditer(r"^@(\w+)\s*\{", src, re.M):
        etype = m.group(1).lower()
        if etype in ("comment", "string", "preamble"):
            continue
        pos = m.end()
        key_end = src.index(",", pos)
        key = src[pos:key_end].strip()
        fields, pos = {}, key_end + 1
        while True:
            fm = re.compile(r"\s*,?\s*([\w:.+-]+)\s*=\s*").match(src, pos)
            if not fm:
                break
            name, pos = fm.group(1).lower(), fm.end()
            if src[pos] == "{":
                depth, start = 0, pos
                while True:
                    c = src[pos]  # BibTeX counts every brace, escaped or not
                    depth += c == "{"
                    depth -= c == "}"
                    pos += 1
                    if depth == 0:
                        break
                fields[name] = src[start + 1:pos - 1]
            elif src[pos] == '"':
                end = src.index('"', pos + 1)
                fields[name], pos = src[pos + 1:end], end + 1
            else:
                bare = re.compile(r"[^,}\s]+").match(src, pos)
                fields[name], pos = bare.group(0), bare.end()
        out.append((etype, key, fields))
    return out


#: BibTeX entry type (JabRef 3.8.2 writes BibTeX and BibLaTeX ones) -> CSL type.
BIB_TYPES = {"article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter",
             "incollection": "chapter", "inreference": "entry-encyclopedia", "inproceedings": "paper-conference",
             "conference": "paper-conference", "proceedings": "book", "phdthesis": "thesis",
             "mastersthesis": "thesis", "thesis": "thesis", "techreport": "report", "report": "report",
             "patent": "patent", "online": "webpage", "electronic": "webpage", "www": "webpage",
             "review": "review", "periodical": "periodical", "suppperiodical": "article-journal"}
#: BibTeX field -> CSL variable, first present wins (BibLaTeX names next to BibTeX ones).
BIB_FIELDS = {"title": ("title",), "container-title": ("journaltitle", "journal", "booktitle"),
              "volume": ("volume",), "issue": ("issue",), "page": ("pages",), "DOI": ("doi",), "URL": ("url",),
              "ISBN": ("isbn",), "ISSN": ("issn",), "edition": ("edition",), "abstract": ("abstract",),
              "keyword": ("keywords",),
              "publisher": ("publisher", "institution", "school", "organization"),
              "publisher-place": ("location", "address")}


def _split_and(value: str) -> list[str]:
    parts, depth, start = [], 0, 0  # split at " and " outside braces
    for m in re.finditer(r"[{}]|\s+and\s+", value):
        if m.group(0) in "{}":
            depth += 1 if m.group(0) == "{" else -1
        elif depth == 0:
            parts.append(value[start:m.start()])
            start = m.end()
    parts.append(value[start:])
    return [p.strip() for p in parts]


def _bib_names(value: str) -> list[dict]:
    names = []
    for part in _split_and(value):
        if part.startswith("{") and part.endswith("}") and part.count("{") == 1:
            names.append({"literal": detex(part[1:-1])})
            continue
        part = detex(part)
        if "," in part:
            names.append({"family": part.split(",")[0].strip()})
        else:  # "First von Last": the particle starts at the first lower-case word
            words = part.split()
            start = next((i for i, w in enumerate(words[:-1]) if w[:1].islower()), len(words) - 1)
            names.append({"family": " ".join(words[start:])})
    return names


def bib_to_csl(etype: str, fields: dict[str, str], lists: bool = True) -> dict:
    """A CSL item from one saved BibTeX entry, by the tables above (no citeport reader involved).

    *lists*: publisher and place are BibLaTeX lists ("A and B"); in BibTeX (and in what JabRef
    saves from RIS) they are one literal ("Routledge and Kegan Paul")."""
    item: dict = {"type": BIB_TYPES.get(etype, "document")}
    for var, names in BIB_FIELDS.items():
        for name in names:
            if fields.get(name):
                # URLs and DOIs are verbatim in BibTeX (no LaTeX to undo)
                item[var] = fields[name] if var in ("URL", "DOI") else detex(fields[name])
                break
    if etype in ("article", "review", "periodical", "suppperiodical") and "issue" not in item \
            and fields.get("number"):
        item["issue"] = detex(fields["number"])  # a periodical's number is its issue
    for var in ("publisher", "publisher-place"):  # BibLaTeX lists: "A and B" (braced names stay whole)
        raw = next((fields[n] for n in BIB_FIELDS[var] if fields.get(n)), None)
        if raw and lists:
            item[var] = "; ".join(detex(p) for p in _split_and(raw))
    for role in ("author", "editor"):
        if fields.get(role):
            item[role] = _bib_names(fields[role])
    if fields.get("number"):  # not compared (an issue only in @article, above): KNOWN looks there
        item["number"] = detex(fields["number"])
    # where JabRef keeps what it has no field for (RIS N1 goes to comment): KNOWN looks there
    notes = [detex(fields[n]) for n in ("comment", "note", "annote") if fields.get(n)]
    if notes:
        item["note"] = "\n".join(notes)
    m = re.search(r"-?\d{3,4}", fields.get("date") or fields.get("year") or "")
    if m:
        item["issued"] = {"date-parts": [[int(m.group(0))]]}
    return item


# --- KNOWN tables ---------------------------------------------------------------------------------


def explainer(known: dict, fmt: str):
    """The ``known`` callback of compare() for a KNOWN table {(format or "*", field, cause): (reason,
    predicate(our item, our value, the peer's value or "", the peer's item[, the field]))}: the first
    key whose predicate holds."""
    def find(field, item, ours, theirs, peer_item):
        for key, (_reason, holds) in known.items():
            if key[1] in (field, "*") and key[0] in (fmt, "*") and (
                    holds(item, ours, theirs, peer_item, field) if holds.__code__.co_argcount == 5
                    else holds(item, ours, theirs, peer_item)):
                return key
        return None
    return find


def grouped(unlisted: list) -> str:
    """Unlisted disagreements by (type, field), three examples each: the failure message."""
    groups: dict = {}
    for d in unlisted:
        groups.setdefault((d[1], d[2]), []).append(d)
    return "\n".join(f"{k}: {len(v)} e.g. {v[:3]}" for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])))


def in_note(value: str, peer_item: dict) -> bool:
    """The value (each name of a name list) sits in the peer's note (RIS N1 'variable: value', a
    BibTeX note/comment)."""
    note = text(peer_item.get("note") or "")
    compact = re.sub(r"\W", "", note)  # an ISBN compared as its digits ('0-226-10403-6')
    return bool(value) and all(part in note or (part.isalnum() and part in compact) for part in value.split(" | "))


def names_within(ours: str, theirs: str) -> bool:
    """Every name of ours is in the peer's list, which has more (another role merged in)."""
    mine, peer = ours.split(" | "), theirs.split(" | ")
    return len(peer) > len(mine) and all(n in peer for n in mine)


def names_rearranged(names: list, ours: str, theirs: str) -> bool:
    """The peer's name list is ours (*names*, compared as *ours*) re-split: at least as many names,
    each made of words of our name parts ('van der Meulen, Marylee J' read as two names 'van der
    Meulen' and 'Marylee')."""
    mine, peer = ours.split(" | "), theirs.split(" | ")
    words = set(text(" ".join(str(v) for n in names if isinstance(n, dict) for v in n.values())).replace(
        ",", " ").split())
    return bool(theirs) and len(peer) >= len(mine) and all(p and set(p.replace(",", " ").split()) <= words
                                                            for p in peer)


def all_issns(item: dict) -> set[str]:
    """Every ISSN of an item: ISSN and the kinds in custom.issn (print, electronic, linking)."""
    kinds = (item.get("custom") or {}).get("issn")
    more = " ".join(str(v) for v in kinds.values()) if isinstance(kinds, dict) else ""
    return set(_codes(f"{item.get('ISSN') or ''} {more}").split())


def codes_within(ours: str, theirs: str) -> bool:
    """Some (not all) of our ISBN/ISSN numbers, or ours plus others: one field for several numbers."""
    mine, peer = set(ours.split()), set(theirs.split())
    return bool(peer) and mine != peer and (peer <= mine or mine <= peer)


_PROBE = "Zqxprobe"


@lru_cache(maxsize=None)
def written_to(fmt: str, csl_type: str, var: str) -> frozenset[str]:
    """Where citeport writes *var* of a *csl_type* item in *fmt* (RIS tags, EndNote XML elements),
    found by writing a probe record: the place a peer has to read, for the KNOWN predicates."""
    value: object = [{"family": _PROBE, "given": "A"}] if var in ("author", "editor") else _PROBE
    text = citeport.write([{"id": "p", "type": csl_type, "title": "T", var: value}], fmt)
    if fmt == "ris":
        return frozenset(re.findall(rf"^([A-Z][A-Z0-9])  - .*{_PROBE}", text, re.M))
    root = etree.fromstring(text.encode("utf-8"))
    return frozenset(next(a.tag for a in el.iterancestors() if a.tag not in ("style", "author"))
                     for el in root.iter() if _PROBE in (el.text or ""))


def check_peer(pairs, peer: str, label: str, fmt: str, known_fmt, known: dict, floor: float) -> None:
    """The peer tests' one assertion: every value not kept is explained in KNOWN, and the share kept holds.

    Prints the kept table and the KNOWN groups used (``-s``); with ``PEERS_DUMP=DIR`` also writes the
    unlisted disagreements and the record pairs there, for review."""
    kept, written, unlisted, used = compare(pairs, peer, fmt, known_fmt)
    print("\n" + table(label, fmt, kept, written))
    for key, n in sorted(used.items()):
        print(f"   KNOWN {key}: {n} values ({known[key][0][:90]})")
    if os.environ.get("PEERS_DUMP"):
        Path(os.environ["PEERS_DUMP"], f"{peer}-{fmt}.tsv").write_text(
            "".join("\t".join(map(str, d)) + "\n" for d in unlisted), encoding="utf-8")
        Path(os.environ["PEERS_DUMP"], f"{peer}-{fmt}.json").write_text(json.dumps(pairs), encoding="utf-8")
    assert not unlisted, "disagreements not explained in KNOWN:\n" + grouped(unlisted)
    assert sum(kept.values()) / sum(written.values()) >= floor


def stale_known(results: dict, peer: str, known_for, known: dict) -> list:
    """KNOWN entries no pair of any format used: fixed or gone, to be removed."""
    used = set()
    for fmt, pairs in results.items():
        used |= set(compare(pairs, peer, fmt, known_for(fmt))[3])
    return [k for k in known if k not in used]
