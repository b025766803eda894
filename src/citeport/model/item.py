"""The CSL-JSON item, the one model between readers and writers.

An item is a plain ``dict`` with CSL 1.0.2 variable names (see
``shared/schemas/csl/input/csl-data.json``).  What CSL has no variable for
goes under ``item["custom"]`` (CSL-JSON 1.0.2's place for key-value data),
never silently dropped.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any, Dict

try:  # a declared dependency; without it scrub() walks every string (the same result, slower)
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

Item = Dict[str, Any]

NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editorial-director",
    "executive-producer", "guest", "host", "interviewer", "illustrator", "narrator",
    "organizer", "original-author", "performer", "producer", "recipient",
    "reviewed-author", "script-writer", "series-creator", "translator",
)
DATE_VARIABLES = (
    "accessed", "available-date", "event-date", "issued", "original-date", "submitted",
)
#: CSL "number" variables (rendered by <number>, may be numeric or text).
NUMBER_VARIABLES = (
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first",
    "part", "printing", "section", "supplement", "version", "volume",
)

#: The other CSL 1.0.2 item variables (csl-data.json's properties besides names, dates and numbers).
TEXT_VARIABLES = (
    "id", "type", "citation-key", "categories", "language", "journalAbbreviation", "shortTitle", "abstract",
    "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority", "call-number",
    "citation-label", "collection-title", "container-title", "container-title-short", "dimensions", "division",
    "DOI", "event", "event-title", "event-place", "genre", "ISBN", "ISSN", "jurisdiction", "keyword", "medium",
    "note", "original-publisher", "original-publisher-place", "original-title", "part-title", "PMCID", "PMID",
    "publisher", "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "source", "status",
    "title", "title-short", "URL", "volume-title", "volume-title-short", "year-suffix", "custom",
)
#: The keys a CSL name object may have.
NAME_PARTS = frozenset(("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "comma-suffix",
                        "static-ordering", "literal", "parse-names"))

CSL_TYPES = frozenset((
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
))


#: Every key a CSL-JSON 1.0.2 item may have.
CSL_VARIABLES = frozenset((*NAME_VARIABLES, *DATE_VARIABLES, *NUMBER_VARIABLES, *TEXT_VARIABLES))


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def prune(item: Item) -> Item:
    """Drop empty values (recursively in ``custom``), keep the key order.

    An item with nothing to drop or strip (what most readers yield) comes back as it is, not copied.
    """
    if _is_pruned(item):
        return item
    out: Item = {}
    for key, value in item.items():
        if type(value) is str:  # the common cases first, without is_empty()
            value = value.strip()
            if value:
                out[key] = value
            continue
        if isinstance(value, str):
            value = value.strip()
        if key == "custom" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if v or not is_empty(v)}
        if value or not is_empty(value):  # a true value is never one of is_empty's
            out[key] = value
    return out


def _is_pruned(item: Item) -> bool:
    """True when :func:`prune` would change nothing: every string stripped, no empty value anywhere it looks."""
    if not all(item.values()):
        return False  # a falsy value (0 is kept, None dropped): the full walk decides
    custom = item.get("custom")
    if type(custom) is dict and not all(custom.values()):
        return False  # a falsy custom entry
    for value in item.values():
        if type(value) is str:
            if value.strip() is not value:  # CPython: strip() returns the string itself if unchanged
                return False
        elif isinstance(value, str):
            return False  # a str subclass: prune strips it
    return True


#: Characters no text format can carry (XML 1.0 forbids them; they are corruption elsewhere).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
#: The same characters as orjson writes them: \u00XX escapes (\b and \f short), DEL raw, U+FFFE/U+FFFF
#: as UTF-8 (surrogates make orjson fail).  A match may be a false alarm ('\\b' is a backslash and a b):
#: then the exact walk runs; no match means there is nothing to remove.
_CONTROL_JSON = re.compile(rb"\\[bf]|\\u00[01]|\x7f|\xef\xbf[\xbe\xbf]")
_CONTROL_ESCAPES = frozenset(b"bfu")
#: Types orjson would write in its own way (subclasses, dataclasses, dates): left to the walk.
_ORJSON_STRICT = (orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS
                  | orjson.OPT_PASSTHROUGH_DATETIME) if orjson else 0


def _refuse(value: Any) -> Any:
    raise TypeError


def is_clean(value: Any) -> bool:
    """True when *value* (a dict or list) surely holds no character :func:`scrub` removes.

    One C-level serialisation and one byte search instead of a Python walk over every string
    (a PubMed item has hundreds); False means "not known", not "dirty".
    """
    if orjson is None or type(value) not in (dict, list):
        return False
    try:
        data = orjson.dumps(value, default=_refuse, option=_ORJSON_STRICT)
    except TypeError:  # big ints, non-str keys, surrogates, unknown types: the walk decides
        return False
    return json_bytes_clean(data)


def json_bytes_clean(data: bytes) -> bool:
    """True when orjson's serialisation *data* (compact or indented) surely holds no control character."""
    if b"\x7f" in data or (b"\xef" in data and _CONTROL_JSON.search(data)):  # memchr-fast tests first
        return False
    pos = data.find(b"\\")
    while pos >= 0:  # an escape: \b, \f and \u00XX are control characters (orjson's only \u escapes)
        if data[pos + 1] in _CONTROL_ESCAPES:
            return False
        pos = data.find(b"\\", pos + 2)  # past the escaped character (an escaped backslash too)
    return True


def scrub(value: Any) -> Any:
    """*value* with control characters removed from every string in it (recursively).

    A NUL or form feed in one field must not make the JATS or EndNote XML writer
    fail on the whole file; tab, newline and carriage return stay.  A dict or list
    with nothing to remove comes back as it is (not copied).
    """
    if is_clean(value):
        return value
    return _scrub(value)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return _CONTROL.sub("", value) if _CONTROL.search(value) else value
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def foreign_tags(custom: dict[str, Any], own: str) -> list[str]:
    """The keys of ``custom["tags"]`` another format kept (``pubmed-xml:DataBank``...), for a writer's loss report."""
    tags = custom.get("tags")
    if not isinstance(tags, dict):
        return []
    return [key for key, value in tags.items() if value and not str(key).startswith(own)]


def circa_dates(item: Item) -> list[str]:
    """The date variables marked ``circa``, for the loss report of a writer whose dates cannot say so."""
    return [var for var, value in item.items() if isinstance(value, dict) and value.get("circa")]


def open_start_dates(item: Item) -> list[str]:
    """The date variables that are intervals with an open start ("../2001"), for the loss report of a writer
    that writes only the known end."""
    from .dates import is_open_start  # late: keeps model.item free of imports at load

    return [var for var, value in item.items() if is_open_start(value)]


def set_custom(item: Item, key: str, value: Any) -> None:
    """Store *value* under ``item["custom"][key]`` unless it is empty."""
    if is_empty(value):
        return
    item.setdefault("custom", {})[key] = value


def add_note(item: Item, text: str) -> None:
    """Append a line to the CSL ``note`` (the honest place for leftovers)."""
    text = text.strip()
    if not text:
        return
    note = item.get("note")
    if note and text in note.split("\n"):
        return
    item["note"] = f"{note}\n{text}" if note else text


def add_notes(item: Item, texts: list[str]) -> None:
    """:func:`add_note` for each of *texts*, splitting the note into lines once, not once a text."""
    note = item.get("note")
    lines = set(note.split("\n")) if note else set()
    new = []
    for text in texts:
        text = text.strip()
        if text and text not in lines:
            new.append(text)
            lines.update(text.split("\n"))
    if new:
        item["note"] = "\n".join([note, *new] if note else new)


def label(item: Item, index: int | None = None) -> str:
    """How messages name a record: its PMID, DOI or id, else its position."""
    for key, prefix in (("PMID", "PMID "), ("DOI", "DOI "), ("id", "")):
        if item.get(key):
            return f"{prefix}{item[key]}"
    return f"record {index}" if index is not None else "record"


_ID_CLEAN = re.compile(r"[^A-Za-z0-9_.:-]+")


def ensure_id(item: Item, index: int) -> Item:
    """Give *item* a stable ``id`` when its reader did not: PMID, DOI, else ``itemN``."""
    if not item.get("id"):
        if item.get("PMID"):
            item["id"] = f"pmid:{item['PMID']}"
        elif item.get("DOI"):
            item["id"] = f"doi:{item['DOI']}"
        else:
            item["id"] = f"item{index}"
    elif not isinstance(item["id"], (str, int)):
        item["id"] = str(item["id"])
    return item


class UniqueIds:
    """Makes ids unique across everything passed through it (``a``, ``a-2``, ``a-3``).

    citeproc and BibTeX keys need unique ids; the same record read from two
    files (or twice in one) must not collapse into one entry.  Only the last
    *window* ids are remembered, so streaming a multi-gigabyte file keeps
    memory flat; duplicates further apart than that keep their id.
    """

    def __init__(self, window: int = 20_000) -> None:
        # An OrderedDict: dropping the oldest is O(1); a dict's next(iter()) walks over the slots
        # its earlier deletions left (7 us an item once the window is full, 1 us before).
        self._seen: OrderedDict[str, int] = OrderedDict()
        self._window = window

    def __call__(self, item: Item) -> Item:
        key = str(item["id"])
        seen = self._seen
        count = seen.get(key, 0) + 1
        seen[key] = count
        if count > 1:
            seen.move_to_end(key)  # most recent last
            item["id"] = f"{key}-{count}"
            self._remember(item["id"], seen.pop(item["id"], 1))
        elif len(seen) > self._window:
            seen.popitem(last=False)  # the oldest
        return item

    def _remember(self, key: str, count: int) -> None:
        self._seen[key] = count
        if len(self._seen) > self._window:
            self._seen.popitem(last=False)  # the oldest
