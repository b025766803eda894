"""NLM's journal list (J_Medline): abbreviations <-> full titles, offline.

``citeport journals update`` downloads J_Medline.txt into the user's data
directory; afterwards :func:`load` gives a :class:`JournalList` that expands
"Health Expect" to "Health expectations : an international journal of ..."
and abbreviates back, by title or ISSN, without the network.  The parser reads
NLM's text layout (``Key: value`` blocks between dashed lines, as in
J_Medline.txt / J_Sequence.txt / J_Entrez.txt) and the CSV conversion of it.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..model.diagnostics import CiteportError, Context
from ..model.ids import normalize_issn
from ..model.item import Item
from .config import data_dir

FILENAME = "J_Medline.txt"

#: NLM field names -> Journal attributes.
FIELDS = {
    "JrId": "jrid", "JournalTitle": "title", "MedAbbr": "med_abbr", "ISSN (Print)": "issn_print",
    "ISSN (Online)": "issn_online", "IsoAbbr": "iso_abbr", "NlmId": "nlm_id",
}


@dataclass(frozen=True)
class Journal:
    title: str
    med_abbr: str = ""
    iso_abbr: str = ""
    issn_print: str = ""
    issn_online: str = ""
    nlm_id: str = ""
    jrid: str = ""


def _journal(fields: dict[str, str]) -> Journal | None:
    values = {FIELDS[k]: v.strip() for k, v in fields.items() if k in FIELDS and v}
    if not values.get("title"):
        return None
    return Journal(**values)


def parse(text: str) -> Iterator[Journal]:
    """Journals from NLM's text layout or its CSV conversion (header ``JrId,JournalTitle,...``)."""
    text = text.lstrip("\ufeff")
    if text.startswith("JrId,"):
        for row in csv.DictReader(io.StringIO(text)):
            j = _journal(row)
            if j:
                yield j
        return
    block: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("---"):
            j = _journal(block)
            if j:
                yield j
            block = {}
        elif ":" in line:
            key, _, value = line.partition(":")
            block[key.strip()] = value.strip()
    j = _journal(block)
    if j:
        yield j


def key(text: str) -> str:
    """Comparison key: case, punctuation and spacing ignored ('J. Am. Chem. Soc.' == 'J Am Chem Soc')."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


class JournalList:
    """Look-ups by abbreviation, title and ISSN; ambiguous abbreviations expand to nothing."""

    def __init__(self, journals: Iterable[Journal]):
        self.journals = list(journals)
        self._indexed = False

    def _index(self) -> None:
        """Build the look-up tables on first use (30,000 journals: a noticeable second)."""
        if self._indexed:
            return
        self._indexed = True
        self._abbr: dict[str, Journal | None] = {}
        self._title: dict[str, Journal | None] = {}
        self._issn: dict[str, Journal] = {}
        for j in self.journals:
            for a in {j.med_abbr, j.iso_abbr} - {""}:
                self._add(self._abbr, key(a), j)
            self._add(self._title, key(j.title), j)
            for issn in (j.issn_print, j.issn_online):
                if issn:
                    self._issn.setdefault(issn.upper(), j)

    @staticmethod
    def _add(table: dict, k: str, j: Journal) -> None:
        if k in table and table[k] is not None and table[k] != j:
            table[k] = None  # two journals share it: refuse to guess
        else:
            table.setdefault(k, j)

    def __len__(self) -> int:
        return len(self.journals)

    def find(self, name: str | None = None, issn: str | None = None) -> Journal | None:
        """The journal with this ISSN, else whose abbreviation or title is *name*."""
        self._index()
        norm = normalize_issn(issn) if issn else None
        if norm and norm in self._issn:
            return self._issn[norm]
        if name:
            k = key(name)
            return self._abbr.get(k) or self._title.get(k)
        return None

    def expand(self, abbreviation: str) -> str | None:
        self._index()
        j = self._abbr.get(key(abbreviation))
        return j.title if j else None

    def abbreviate(self, title: str) -> str | None:
        self._index()
        j = self._title.get(key(title)) or self._abbr.get(key(title))
        return (j.med_abbr or j.iso_abbr) if j else None


def path() -> Path:
    return data_dir() / FILENAME


_LOADED: dict[tuple[str, float], JournalList] = {}
_ORDER = ("title", "med_abbr", "iso_abbr", "issn_print", "issn_online", "nlm_id", "jrid")


def _index_path(file: Path) -> Path:
    return file.with_suffix(".index.json")


def _write_index(file: Path, journals: list[Journal]) -> None:
    """A JSON copy of the parsed list beside it: loading it is ~10x faster than parsing the text."""
    rows = [[getattr(j, a) for a in _ORDER] for j in journals]
    _atomic_write(_index_path(file), json.dumps(rows, ensure_ascii=False, separators=(",", ":")))


def load(file: Path | None = None) -> JournalList | None:
    """The installed journal list, or None when ``citeport journals update`` has not been run."""
    file = file or path()
    try:
        stamp = (str(file), file.stat().st_mtime)
    except OSError:
        return None
    if stamp not in _LOADED:
        journals: list[Journal] | None = None
        index = _index_path(file)
        try:
            if index.stat().st_mtime >= stamp[1]:
                journals = [Journal(*row) for row in json.loads(index.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            journals = None
        if journals is None:
            journals = list(parse(file.read_text(encoding="utf-8", errors="replace")))
            try:
                _write_index(file, journals)
            except OSError:
                pass
        _LOADED[stamp] = JournalList(journals)
    return _LOADED[stamp]


def _atomic_write(dest: Path, text: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, dest)  # concurrent readers see the old or the new file, never half
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def update(http, url: str | None = None, dest: Path | None = None) -> tuple[Path, int]:
    """Download the list (CITEPORT_JOURNALS_URL or NLM's) into the data directory; returns (path, journals)."""
    from .http import Http

    assert isinstance(http, Http)
    if url:
        http.settings.urls["journals"] = url
    resp = http.get("journals", "", use_cache=False)
    text = resp.body.decode("utf-8", "replace")
    journals = list(parse(text))
    if not journals:
        raise CiteportError(f"{resp.url}: not an NLM journal list (no JournalTitle records)")
    dest = dest or path()
    _atomic_write(dest, text)
    _write_index(dest, journals)
    return dest, len(journals)


def normalize_item(item: Item, journals: JournalList, ctx: Context | None = None,
                   record: str | None = None) -> Item:
    """Fill the full journal title from an abbreviation (and the abbreviation from a title).

    Conventions: when only the abbreviation is known, ``container-title`` holds it
    too; that case counts as "no full title".  Each filled field is reported as
    provenance ("filled ... from NLM journal list").
    """
    title, short = item.get("container-title"), item.get("container-title-short")
    if not (title or short or item.get("ISSN")) or (title and short and key(title) != key(short)):
        return item  # nothing to go by, or both already known
    j = journals.find(short or title, item.get("ISSN"))
    if j is None and title and short and title != short:
        j = journals.find(title)
    if j is None:
        return item
    if (not title or (short and key(title) == key(short))) and key(j.title) != key(title or ""):
        item["container-title"] = j.title
        if ctx:
            ctx.loss("filled", "container-title", f"from the NLM journal list ({j.med_abbr or j.iso_abbr})",
                     record=record)
    if not short and (j.med_abbr or j.iso_abbr):
        item["container-title-short"] = j.med_abbr or j.iso_abbr
        if ctx:
            ctx.loss("filled", "container-title-short", f"from the NLM journal list ({j.title})", record=record)
    return item
