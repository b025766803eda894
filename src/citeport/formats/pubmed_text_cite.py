"""PubMed's "Cite" dialog copied as text: one record's citation in AMA, APA, MLA or NLM style.

NLM and AMA read as a "Summary (text)" line (:func:`pubmed_text_split.parse_summary`); APA and MLA
are read by the free-text reference parser of the JATS reader (:mod:`jats_freetext`).  A copy of the
dialog in several styles ("Format:" menu, then the citation after each choice) is one record: the
styles tell different parts of it, so they are merged (:func:`merge`) rather than given as duplicates.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from ..model.item import Item
from ..model.names import Name
from . import pubmed_text_split as S
from .jats_freetext import ids_in_text, parse_apa, parse_mla

#: the dialog's heading, buttons and style menu (alone on a line, or "Format: APA")
BUTTON = re.compile(r"^(?:cite|copy|download \.nbib(?:\s+\.nbib)?|format:?(?:\s*(?:ama|apa|mla|nlm))?|"
                    r"ama|apa|mla|nlm)$", re.I)
#: which style's reading leads a merge: NLM has the full date, the ids and the whole author list
_RANK = {"nlm": 0, "apa": 1, "mla": 2}


def parse(text: str) -> tuple[str, object] | None:
    """("apa"|"mla", item) or ("nlm", summary tuple) for one citation of the dialog; None: none of them."""
    if len(text) > 4000:  # a page's paragraph, not one citation
        return None
    for style, reader in (("apa", parse_apa), ("mla", parse_mla)):
        found = reader(text)
        if found and found.get("title"):
            return style, found
    found = S.parse_summary(text)  # NLM, and AMA ("...2019;381(6):520-530. doi:10...")
    return ("nlm", found) if found else None


def paragraphs(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line index, text) of each citation: the dialog's buttons separate them; a blank-line paragraph is
    one citation unless every line of it reads as a citation by itself (styles copied one per line).
    Yielded in order, so that a page's first paragraph that is no citation ends the search (each costs parses)."""
    block: list[tuple[int, str]] = []
    for i, line in enumerate(lines + [""]):
        if line and not BUTTON.match(line):
            block.append((i, line))
            continue
        if len(block) > 1 and all(parse(text) for _, text in block):
            yield from block
        elif block:
            yield block[0][0], " ".join(text for _, text in block)
        block = []


def dialog_citations(lines: list[str]) -> list[tuple[int, str, str, object]]:
    """(line index, text, style, parsed) of each citation when the text is the dialog (or citations copied
    from it) with at least one APA/MLA citation; [] otherwise (NLM/AMA alone read as a summary list)."""
    if sum(1 for ln in lines if ln) > 400:
        return []
    out = []
    for start, text in paragraphs(lines):
        found = parse(text)
        if found is None:
            return []
        out.append((start, text, *found))
    return out if any(style != "nlm" for _, _, style, _ in out) else []


def has_dialog_chrome(lines: list[str]) -> bool:
    """Whether the first lines are the dialog's ("Cite", "Copy", "Format:", a style name)."""
    top = [ln for ln in lines if ln][:8]
    return sum(1 for ln in top if BUTTON.match(ln)) >= 2


def reference_item(item: Item, text: str) -> Item:
    """An APA/MLA reading as a record: its identifiers from the text, its id."""
    ids = ids_in_text(text)
    ids.pop("URL", None)  # the "https://doi.org/..." of APA is the DOI
    item.update(ids)
    if re.search(r"\bAdvance online publication\b", text):  # APA's "ahead of print"
        item.setdefault("custom", {})["publication-status"] = "aheadofprint"
    if item.get("custom", {}).get("elocation") and not item.get("page"):
        item["page"] = item["custom"]["elocation"]
    return _with_id(item)


def _with_id(item: Item) -> Item:
    """*item* with its id first: pmid:..., else doi:..."""
    ident = f"pmid:{item['PMID']}" if item.get("PMID") else f"doi:{item['DOI']}" if item.get("DOI") else None
    rest = {k: v for k, v in item.items() if k != "id"}
    return {"id": ident, **rest} if ident else rest


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def same_work(a: Item, b: Item) -> bool:
    """Two readings of one record: the same DOI or PMID, or (with neither to compare) the same title."""
    for var in ("DOI", "PMID"):
        if a.get(var) and b.get(var):
            return a[var].lower() == b[var].lower()
    return _key(a.get("title", "")) == _key(b.get("title", ""))


def _initials(name: Name) -> str:
    return "".join(w[0] for w in re.split(r"[\s.\-]+", name.get("given", "")) if w)


def merge(parts: list[tuple[str, Item, bool]]) -> tuple[Item, bool]:
    """One item from the readings (style, item, author list cut short) of one record in several styles, and
    whether its author list is still short.

    The NLM/AMA reading leads (full date, ids, abbreviated journal); APA/MLA give the journal's full name
    (then the NLM abbreviation is the short title), MLA the first author's given names in full; the longest
    author list wins (AMA, APA and MLA shorten it), and is whole when one style printed it whole."""
    parts = sorted(parts, key=lambda p: (_RANK[p[0]], -len(p[1])))  # NLM's line before AMA's
    out: Item = {k: (dict(v) if k == "custom" else v) for k, v in parts[0][1].items()}
    abbrev = next((it.get("container-title-short") for style, it, _ in parts if style == "nlm"
                   and it.get("container-title-short")), None)
    full = next((it["container-title"] for style, it, _ in parts if style != "nlm" and it.get("container-title")), None)
    if full:
        out["container-title"] = full
        if abbrev and _key(abbrev) != _key(full):
            out["container-title-short"] = abbrev
        else:
            out.pop("container-title-short", None)
    for _, it, _ in parts[1:]:
        for var, value in it.items():
            if var == "issued":
                if len(value.get("date-parts", [[]])[0]) > len(out.get("issued", {}).get("date-parts", [[]])[0]):
                    out[var] = value
            elif var == "custom":
                for key, val in value.items():
                    out.setdefault("custom", {}).setdefault(key, val)
            elif var not in out:
                out[var] = value
    authors, cut = max(((it.get("author", []), c) for _, it, c in parts), key=lambda p: len(p[0]))
    cut = cut and not any(not c and len(it.get("author", [])) >= len(authors) for _, it, c in parts)
    if authors:
        out["author"] = [dict(a) for a in authors]
    custom = out.get("custom", {})
    custom.pop("et-al", None)
    if cut:
        custom["et-al"] = ["author"]
    if not custom:
        out.pop("custom", None)
    _full_given_names(out, [it for _, it, _ in parts])
    return _with_id(out), cut


def _full_given_names(out: Item, readings: list[Item]) -> None:
    """Given names written in full by one style (MLA's first author) replace the initials of the same person."""
    for k, name in enumerate(out.get("author", [])):
        for it in readings:
            other = it.get("author", [])[k] if k < len(it.get("author", [])) else None
            if (other and other.get("family") == name.get("family") and len(other.get("given", "")) >
                    len(name.get("given", "")) and _initials(other) == _initials(name)):
                out["author"][k] = dict(name, given=other["given"])
