"""CSL-JSON: the model itself, read and written (pandoc's ``csljson``).

Reading is forgiving about what other tools emit: a single object instead of
an array, ``{"items": [...]}``, dates as strings or ``raw``, names as strings,
numbers where CSL wants strings.  Writing streams one item at a time.
"""
from __future__ import annotations

import json
import re
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # the C escaper
from typing import Any, Iterable, Iterator, TextIO

try:  # a declared dependency (the fast writer); without it the json module writes the same text
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]
try:  # a declared dependency (streaming a big file item by item); without it the file is read whole
    import ijson
except ImportError:  # pragma: no cover
    ijson = None  # type: ignore[assignment]

from ..model.dates import parse_date
from ..model.diagnostics import Context
from ..model.ids import normalize_doi, normalize_pmcid, normalize_pmid
from ..model.item import (
    CSL_TYPES, CSL_VARIABLES, DATE_VARIABLES, NAME_PARTS, NAME_VARIABLES, Item, json_bytes_clean, scrub, set_custom,
)
from ..model.languages import to_bcp47
from ..model.names import parse_name
from ..model.text import leaked_markup
from ..sources import Source
from . import crossref_map
from .crossref_map import CROSSREF_TYPES, crossref_issns, jats_abstract  # noqa: F401  (re-exported)
from .registry import Format


def sniff(head: str) -> float:
    s = head.lstrip("\ufeff \t\r\n")
    if not s.startswith(("[", "{")):
        return 0.0
    # JSON opens "[" with a value ("[{", "[[", '["', "[]") and "{" with a key: "[HTML] Title" (a Google
    # Scholar copy) or "[1] Smith J" (a numbered list) is not JSON
    if s[1:].lstrip()[:1] not in (('{', '[', '"', ']') if s[0] == "[" else ('"', '}')):
        return 0.0
    probe = s[:4000]
    if '"type"' in probe and ('"id"' in probe or '"title"' in probe):
        return 0.9
    if '"items"' in probe or '"author"' in probe:
        return 0.6
    return 0.3 if s.startswith("[") else 0.2


#: Spellings other producers use (pandoc's YAML writes ``doi``/``url``) -> CSL 1.0.2 names.
KEY_ALIASES = {"doi": "DOI", "url": "URL", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID",
               "shortTitle": "title-short", "journalAbbreviation": "container-title-short",
               "citation_key": "citation-key"}
#: Type names producers put in CSL-JSON that CSL 1.0.2 does not have: Zotero's own item types (its web API's
#: ``itemType``, Citoid, hand-made files), keyed as :func:`_type_key` folds them. CSL's own names are found in
#: any case or separator ("ARTICLE-JOURNAL", "Article Journal") without this table.
TYPE_ALIASES = {
    "journalarticle": "article-journal", "magazinearticle": "article-magazine",
    "newspaperarticle": "article-newspaper", "booksection": "chapter", "conferencepaper": "paper-conference",
    "encyclopediaarticle": "entry-encyclopedia", "dictionaryentry": "entry-dictionary", "preprint": "article",
    "letter": "personal_communication", "email": "personal_communication",
    "instantmessage": "personal_communication", "film": "motion_picture", "videorecording": "motion_picture",
    "artwork": "graphic", "case": "legal_case", "statute": "legislation", "blogpost": "post-weblog",
    "forumpost": "post", "audiorecording": "song", "podcast": "song", "presentation": "speech",
    "tvbroadcast": "broadcast", "radiobroadcast": "broadcast", "computerprogram": "software",
}


def _type_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).casefold()


_CSL_TYPE_KEYS = {_type_key(t): t for t in CSL_TYPES}
_STRING_VARIABLES_FROM_LISTS = ("container-title", "title", "container-title-short", "publisher",
                                "original-title", "collection-title")


#: Name keys outside CSL that exporters add: Crossref's ORCID/affiliation/sequence, pandoc-less tools'
#: ``name`` for organisations.  ORCID and affiliation go to custom.author-details (conventions).
_NAME_EXTRAS = ("ORCID", "affiliation", "sequence", "authenticated-orcid", "name")
#: ``KEY: value`` lines in ``note`` that Zotero (Extra) and citeproc-js read as variables.
NOTE_VARIABLES = {"pmid": "PMID", "pmcid": "PMCID", "doi": "DOI", "isbn": "ISBN", "issn": "ISSN",
                  "citation key": "citation-key", "citation-key": "citation-key"}
#: Variables a note line never sets: names need citeproc-js' "Family || Given" form (kept as text), and
#: the item's identity and free text are not "Key: value" data.
_NOTE_NOT_LIFTED = frozenset(("note", "id", "type", "custom", "abstract", "title"))
_NOTE_LINE = re.compile(r"^\s*(?:\{:([A-Za-z_-]+):\s*([^}]*)\}|([A-Za-z][A-Za-z_ -]*?):[ \t]*(\S.*?))\s*$")


def _names(value: Any, key: str, item: Item) -> list:
    """CSL names from strings or objects; exporters' extra keys kept in custom.{key}-details."""
    if isinstance(value, str):
        value = _name_strings(value)
    elif isinstance(value, dict):
        value = [value]
    names, details = [], []
    for name in value if isinstance(value, list) else []:
        if isinstance(name, str):
            names.append(parse_name(name))
            details.append({})
        elif isinstance(name, dict):
            clean = {k: v for k, v in name.items() if v not in (None, "") and k in NAME_PARTS}
            if not any(clean.get(k) for k in ("family", "given", "literal")) and name.get("name"):
                clean["literal"] = name["name"]  # Crossref/DataCite organisations
            detail: dict = {}
            if name.get("ORCID"):
                detail["ORCID"] = re.sub(r"^https?://orcid\.org/", "", str(name["ORCID"]))
            aff = [a.get("name") if isinstance(a, dict) else a for a in name.get("affiliation") or []]
            if [a for a in aff if a]:
                detail["affiliation"] = [a for a in aff if a]
            orcid = name.get("_orcid") or name.get("orcid")  # citation-js keeps an ORCID as '_orcid'
            if orcid and "ORCID" not in detail:
                detail["ORCID"] = re.sub(r"^https?://orcid\.org/", "", str(orcid))
            for k, v in name.items():  # anything else a producer put in a name: kept beside it
                if k not in NAME_PARTS and k not in _NAME_EXTRAS and k not in ("_orcid", "orcid") and v not in (None, ""):
                    detail[k] = v
            names.append(clean)
            details.append(detail)
    if any(details):
        set_custom(item, f"{key}-details", details)
    return names


def _name_strings(text: str) -> list[str]:
    """Several names written as one string (hand-made files, converters copying BibTeX): split at ";", or
    at "and" when every part is "Family, Given" (so "Johnson and Johnson" or "Ministry of X and Y" stay one)."""
    if ";" in text:
        return [p for p in (p.strip() for p in text.split(";")) if p]
    parts = re.split(r"\s+and\s+", text.strip())
    if len(parts) > 1 and all(p.count(",") == 1 and not p.endswith(",") for p in parts):
        return parts
    return [text]


def _lift_note_variables(item: Item) -> None:
    """Zotero's Extra convention (``PMID: 123`` lines) and citeproc-js' ``{:PMID:123}``: identifier lines
    in ``note`` fill the variable when it is absent; the note keeps its other lines."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return
    kept = []
    for line in note.split("\n"):
        m = _NOTE_LINE.match(line)
        var = _note_variable(m[1] or m[3]) if m else None
        if var is None:
            kept.append(line)
            continue
        value: Any = (m[2] or m[4]).strip()
        if var == "PMID":
            value = normalize_pmid(value) or ""
        elif var == "PMCID":
            value = normalize_pmcid(value) or ""
        elif var in DATE_VARIABLES:
            value = normalize_date(value) or ""
        if not value:
            kept.append(line)
        elif not item.get(var):
            item[var] = value
        elif str(item[var]).casefold() != str(value).casefold():
            kept.append(line)  # a different value: keep it where it was
    rest = "\n".join(kept).strip()
    if rest:
        item["note"] = rest
    else:
        del item["note"]


def _note_variable(key: str) -> str | None:
    """The CSL variable a note line's key names: the identifiers and Zotero's ``Citation Key`` in any case,
    other variables only spelt as CSL spells them (``original-date``, ``archive_location``), as citeproc-js
    reads them: a human "Accessed: 6th September 2021" note stays a note."""
    key = key.strip()
    if key.lower() in NOTE_VARIABLES:
        return NOTE_VARIABLES[key.lower()]
    if key in CSL_VARIABLES and key not in NAME_VARIABLES and key not in _NOTE_NOT_LIFTED:
        return key
    return None


_EDTF_LIKE = re.compile(r"^-?[\duX]{4}(-\d\d){0,2}[?~%]?(/(-?\d{4}(-\d\d){0,2}[?~%]?)?)?$")


def _date_part(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return value


def normalize_date(value: Any) -> Any:
    """CSL dates in every shape seen: "2015-02", 2015, [[2015, 2]], {"raw": ...},
    citeproc-hs/pandoc's [{"year": 2015, "month": 2}] and {"year": ...}."""
    if isinstance(value, (str, int)):
        # EDTF's unspecified month/day ("2004-XX", "2004-06-XX"): the date known to the part before
        text = re.sub(r"^(-?\d{4}(?:-\d\d)?)(?:-XX)+([?~%]?)$", r"\1\2", str(value).strip())
        if _EDTF_LIKE.match(text):  # pandoc's CSL YAML writes EDTF: "-0876", "2004-22", "1723~", "20uu"
            from .bibtex import parse_edtf

            return parse_edtf(text) or parse_date(text)
        return parse_date(text)
    if isinstance(value, dict) and "date-parts" not in value and any(k in value for k in ("year", "month", "day")):
        value = [value]
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):  # [{"year":..}, {"year":..}] (a range)
            if len(value) == 1 and not any(k in value[0] for k in ("year", "month", "day")):
                return normalize_date(value[0])  # [{"literal": "1908-1912"}]: the date in a list
            parts = [[_date_part(v[k]) for k in ("year", "month", "day") if v.get(k) not in (None, "")]
                     for v in value]
            parts = [p for p in parts if p]
            return {"date-parts": parts} if parts else None
        return {"date-parts": value if value and isinstance(value[0], list) else [value]}
    if isinstance(value, dict):
        if "date-parts" not in value and isinstance(value.get("edtf"), str):  # CSL-M / 1.1: not CSL 1.0.2
            from .bibtex import parse_edtf

            rest = {k: v for k, v in value.items() if k != "edtf"}
            parsed = parse_edtf(value["edtf"])
            return {**parsed, **rest} if parsed and parsed.get("date-parts") else {**rest, "raw": value["edtf"]}
        if "date-parts" not in value and value.get("raw"):
            parsed = parse_date(value["raw"])
            return {**parsed, **{k: v for k, v in value.items() if k != "raw"}} if parsed else value
        if "date-parts" in value:
            value = dict(value)
            # A part that is null is no part; a fourth (an hour, from some APIs) is not CSL's.
            parts = [[_date_part(p) for p in dp if p not in (None, "")][:3] for dp in value["date-parts"]
                     if isinstance(dp, list)]
            # [[1999, 0, 0]]: a month or day 0 is none (citeproc-js reads it so); a year 0 is a year
            parts = [dp[:1] + dp[1:dp.index(0, 1)] if 0 in dp[1:] else dp for dp in parts]
            if all(len(dp) == 1 and isinstance(dp[0], str) for dp in parts) and parts:
                # [["2020-05-01"]]: a whole date written as the year part (hand-made and converted files)
                whole = [normalize_date(dp[0]) for dp in parts]
                if all(w and set(w) == {"date-parts"} and len(w["date-parts"]) == 1 for w in whole):
                    parts = [w["date-parts"][0] for w in whole]
            value["date-parts"] = [dp for dp in parts if dp]
            if not value["date-parts"]:
                del value["date-parts"]
                if not value:
                    return None
            if isinstance(value.get("season"), str) and value["season"].isdigit():
                value["season"] = int(value["season"])
    return value


def normalize(raw: dict[str, Any], ctx: Context, index: int, crossref: bool | None = None,
              markup: bool = True) -> Item:
    """Coerce what lenient producers write into CSL-JSON 1.0.2 shapes.

    *markup*: reduce JATS/HTML tags CSL rich text lacks to their text (:func:`leaked_markup`); the CSL-YAML
    reader does it itself, where Markdown can say that a ``<`` is literal.

    A Crossref record (*crossref* True, or None and :func:`crossref_map.looks_crossref`) gets the
    Crossref mapping ``--enrich`` uses too (events, article numbers, ISBN kinds, update notices...).
    """
    extra: Item | None = None
    if crossref or (crossref is None and crossref_map.looks_crossref(raw)):
        raw, extra = crossref_map.split(raw)
    item: Item = {}
    for key, value in raw.items():
        if key in KEY_ALIASES and KEY_ALIASES[key] not in raw:
            key = KEY_ALIASES[key]
        if key in NAME_VARIABLES:
            value = _names(value, key, item)
        elif key in DATE_VARIABLES:
            value = normalize_date(value)
        elif isinstance(value, bool):
            if key in CSL_VARIABLES:  # YAML's `title: true`: CSL variables are text (JSON keeps it too)
                value = "true" if value else "false"
        elif isinstance(value, (int, float)) and key not in ("id",):
            value = str(value)
        elif isinstance(value, list) and key in _STRING_VARIABLES_FROM_LISTS:  # Crossref writes lists
            value = next((str(v) for v in value if v), "")
        elif isinstance(value, list) and key in ("ISSN", "ISBN", "keyword"):
            value = ", ".join(str(v) for v in value) if key != "keyword" else "; ".join(str(v) for v in value)
        elif key == "custom" and isinstance(value, dict) and isinstance(item.get("custom"), dict):
            # name details gathered from earlier keys join the item's own custom block (its values win)
            value = {**value, **{k: v for k, v in item["custom"].items() if k not in value}}
        item[key] = value
    _from_crossref(item)
    _from_ncbi(item)
    if extra is not None:
        crossref_map.merge(item, extra)
    if isinstance(item.get("abstract"), str) and re.search(r"<p\b", item["abstract"]):
        item["abstract"] = html_paragraphs(item["abstract"])
    for key in RICH_TEXT_VARIABLES.intersection(item) if markup else ():
        if isinstance(item[key], str) and "<" in item[key]:
            item[key] = leaked_markup(item[key])
    if item.get("categories") and not item.get("keyword"):  # DataCite's subjects; CSL 'categories'
        cats = item["categories"]
        item["keyword"] = "; ".join(" ".join(str(c).split()) for c in (cats if isinstance(cats, list) else [cats]))
    _lift_note_variables(item)
    _normalize_ids_and_pages(item)
    for key in [k for k in item if k not in CSL_VARIABLES]:  # not CSL: kept, in custom (valid CSL-JSON)
        value = item.pop(key)
        if value not in (None, "", [], {}):
            custom = item.setdefault("custom", {})
            if not isinstance(custom, dict):
                custom = item["custom"] = {"custom": custom}
            custom[key if key not in custom else f"csl-json:{key}"] = value
            ctx.report("info", f"{key!r} is not a CSL variable; kept in custom", record=index, field=key)
    tags = item["custom"].get("tags") if isinstance(item.get("custom"), dict) else None
    if tags is not None and not isinstance(tags, dict):  # Zotero's/papis's tag list is no FORMAT:TAG dict
        item["custom"]["tags"] = {"csl-json:tags": tags}
    kept = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    if "itemType" in kept and "creators" in kept:  # Zotero's own item JSON: only title-like keys are CSL's
        ctx.report("warning", "this is Zotero's own item JSON (itemType, creators), not CSL-JSON: creators, "
                   "date and other Zotero fields are kept in custom only; export from Zotero as 'CSL JSON' to "
                   "read them", record=index, code="guessed")
    if "type" not in item:
        ctx.report("warning", "no type; assumed 'document'", record=index, code="guessed", field="type")
        item["type"] = "document"
    elif item["type"] not in CSL_TYPES:
        _csl_type(item, ctx, index)
    return item


_ID_NORMALIZERS = {"DOI": normalize_doi, "PMID": normalize_pmid, "PMCID": normalize_pmcid}
_DASHED_RANGE = re.compile(r"^\s*([\w.]+)\s*[\u2010-\u2015\u2212]\s*([\w.]+)\s*$")


def _normalize_ids_and_pages(item: Item) -> None:
    """IDs in the conventions' form ("https://doi.org/10.1/x" -> "10.1/x", "PMID: 123" -> "123"), and a
    page range written with an en dash (Zotero, Quarto, Crossref) with a hyphen, as every reader gives it.
    What a normaliser cannot read stays as written."""
    for key, norm in _ID_NORMALIZERS.items():
        if isinstance(item.get(key), str) and item[key].strip():
            item[key] = norm(item[key]) or item[key]
    if isinstance(item.get("page"), str):
        item["page"] = _DASHED_RANGE.sub(r"\1-\2", item["page"])


def _csl_type(item: Item, ctx: Context, index: int) -> None:
    """A type CSL 1.0.2 lacks: CSL's own name spelt otherwise taken as it; a Zotero item type mapped (kept
    in custom.source-type); anything else is a 'document' with the type kept there and a warning."""
    given = str(item["type"])
    key = _type_key(given)
    if key in _CSL_TYPE_KEYS:
        item["type"] = _CSL_TYPE_KEYS[key]
        return
    set_custom(item, "source-type", given)
    if key in TYPE_ALIASES:
        item["type"] = TYPE_ALIASES[key]
        return
    item["type"] = "document"
    ctx.report("warning", f"type {given!r} is no CSL type; 'document' (kept in custom.source-type)",
               record=index, code="guessed", field="type")


def html_paragraphs(text: str) -> str:
    """An HTML abstract (``<p>...</p>``, as Rogue Scholar and some publishers deposit) with its paragraphs
    as lines: CSL rich text has no ``<p>``, which citeproc would print."""
    text = re.sub(r"\s*</p>\s*|\s*<p\b[^>]*>\s*|\s*<br\s*/?>\s*", "\n", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


#: Prose variables where JATS/HTML markup leaks in (NCBI's citation exporter keeps the publisher's
#: ``<ext-link>`` in abstracts). Identifiers, URLs and notes are left alone: a SICI DOI holds ``<...>``.
RICH_TEXT_VARIABLES = frozenset(("title", "title-short", "abstract", "container-title", "container-title-short",
                                 "collection-title", "original-title", "reviewed-title", "event-title",
                                 "part-title", "volume-title"))


#: PubMed's publication-status codes: NCBI's citation exporter writes them in CSL ``status``, which styles
#: print ("in press"); the conventions keep them in custom.publication-status, as the PubMed readers do.
PUBMED_STATUS = frozenset(("ppublish", "epublish", "aheadofprint"))


def _from_ncbi(item: Item) -> None:
    """NCBI's Literature Citation Exporter (``/lit/ctxp/v1/pubmed/?format=csl``): ``epub-date`` is the
    conventions' available-date; a PubMed status code is no CSL status; PubMed's title conventions (an
    added final period, brackets round a translated title) undone as the PubMed readers undo them."""
    if item.get("status") in PUBMED_STATUS:
        set_custom(item, "publication-status", item.pop("status"))
    epub = item.get("epub-date")
    if isinstance(epub, dict) and epub.get("date-parts") and not item.get("available-date"):
        item["available-date"] = normalize_date(item.pop("epub-date"))
    if item.get("source") == "PubMed" and str(item.get("id", "")).startswith("pmid:") \
            and isinstance(item.get("title"), str):
        from .pubmed_common import translated_title

        if isinstance(item.get("language"), str):  # PubMed's ISO 639-2 ("ger") as BCP 47, as its readers
            item["language"] = to_bcp47(item["language"]) or item["language"]
        title, bracketed = translated_title(item["title"])
        if title:
            item["title"] = title
            if bracketed:
                set_custom(item, "title-translated", True)


def _from_crossref(item: Item) -> None:
    """Crossref's API shapes inside CSL-JSON: its type names, dates beside ``issued``, JATS abstracts."""
    kind = item.get("type")
    if isinstance(kind, str) and kind not in CSL_TYPES and kind in CROSSREF_TYPES:
        set_custom(item, "crossref-type", kind)
        item["type"] = CROSSREF_TYPES[kind]
    printed, online = (normalize_date(item[k]) if isinstance(item.get(k), dict) and item[k].get("date-parts")
                       else None for k in ("published-print", "published-online"))
    if printed and printed.get("date-parts"):  # the conventions' issued is the print date, as enrich maps it
        item["issued"] = printed
        if online and online.get("date-parts") and online != printed:
            item.setdefault("available-date", online)
    if "issued" not in item:
        for key in ("published-online", "published"):
            if isinstance(item.get(key), dict) and item[key].get("date-parts"):
                item["issued"] = normalize_date(item[key])
                break
    if item.get("short-container-title") and not item.get("container-title-short"):
        short = item["short-container-title"]
        short = next((str(v) for v in short if v), "") if isinstance(short, list) else str(short)
        if short:
            item["container-title-short"] = short
            del item["short-container-title"]
    subtitle = item.get("subtitle")
    subtitle = next((str(v) for v in subtitle if v), "") if isinstance(subtitle, list) else subtitle
    if isinstance(subtitle, str) and isinstance(item.get("title"), str):  # the works API's list
        del item["subtitle"]
        if subtitle and subtitle.casefold() not in item["title"].casefold():  # conventions: "Title: Sub"
            item.setdefault("title-short", item["title"])
            item["title"] = f"{item['title']}: {subtitle}"
    licences = item.get("license")
    if isinstance(licences, list) and all(isinstance(x, dict) for x in licences):
        urls = list(dict.fromkeys(str(x["URL"]) for x in licences if x.get("URL")))
        if urls:  # custom.license is a string (conventions); Crossref lists one per version of the work
            del item["license"]
            set_custom(item, "license", urls[0])
            if len(urls) > 1:
                item["crossref-licenses"] = urls
    funders = item.get("funder")
    if isinstance(funders, list) and all(isinstance(x, dict) for x in funders):
        grants = [f"{award}/{f['name']}" if f.get("name") else str(award)
                  for f in funders for award in (f.get("award") or [])]
        grants += [str(f["name"]) for f in funders if f.get("name") and not f.get("award")]
        if grants:  # the MEDLINE GR form "R01 XX/NIH" the conventions use for custom.grants
            del item["funder"]
            set_custom(item, "grants", list(dict.fromkeys(grants)))
    issns = crossref_issns(item.get("issn-type"))
    if issns:  # ISSN is the print one (conventions), every kind in custom.issn
        item["ISSN"] = issns.get("print") or next(iter(issns.values()))
        set_custom(item, "issn", issns)
        del item["issn-type"]
    if isinstance(item.get("abstract"), str) and "<jats:" in item["abstract"]:
        item["abstract"] = jats_abstract(item["abstract"])


#: A file larger than this that is one JSON array is read item by item (ijson's C parser): memory stays
#: flat (a 120 MB file of 30,000 items peaked at 600 MB read whole, at 40 MB streamed).
STREAM_BYTES = 16 * 1024 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"


def read(source: Source, ctx: Context) -> Iterator[Item]:
    if ijson is not None and source.path is not None and source.path.stat().st_size > STREAM_BYTES \
            and source.head(4096).lstrip("\ufeff \t\r\n")[:1] == "[":
        streamed = yield from _read_stream(source, ctx)
        if streamed:
            return
    text = source.text().lstrip("\ufeff")  # a BOM left in text given as a string (Windows editors)
    if "\x00" in text:  # a damaged copy: JSON forbids the byte, the records around it are good
        line = text.count("\n", 0, text.index("\x00")) + 1
        ctx.report("error", "NUL byte(s) in the input removed", line=line, code="bad-input")
        text = text.replace("\x00", "")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        data = _lenient_json(text, exc, ctx)
        if data is None:
            return
    except RecursionError:  # "[[[[..." thousands deep: Python's parser recurses; no CSL item nests so
        ctx.skip("invalid JSON: nested too deeply")
        return
    data = _unwrap(data)
    if not isinstance(data, list):
        ctx.skip("expected a JSON array of CSL items")
        return
    for index, raw in enumerate(data, start=1):
        raw = _item_data(raw)
        if not isinstance(raw, dict):
            ctx.skip(f"not a CSL item (a JSON {type(raw).__name__})", record=index)
            continue
        if too_deep(raw):
            ctx.skip(f"not a CSL item: values nested over {MAX_DEPTH} levels deep", record=index)
            continue
        yield normalize(raw, ctx, index)


#: How deep an item's values may nest (CSL needs 4: item, date, date-parts, part; custom data a few more).
#: Deeper junk would make every recursive step after the reader (normalising, writers) overflow the stack.
MAX_DEPTH = 64


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when lists/dicts in *value* nest more than *limit* levels (checked without recursion)."""
    if not isinstance(value, (list, dict)):
        return False
    stack = [(value, 0)]
    while stack:  # only containers are pushed: the strings of every item are most of its values
        v, depth = stack.pop()
        if depth >= limit:
            return True
        stack.extend((c, depth + 1) for c in (v.values() if isinstance(v, dict) else v)
                     if isinstance(c, (list, dict)))
    return False


def _unwrap(data: Any) -> Any:
    """The list of items inside the envelopes producers put around CSL-JSON: ``{"items": [...]}``, a
    Crossref REST answer (``{"status": "ok", "message": {work}}`` or a work list's ``message.items``), a
    ``csl-citation`` object (Zotero / Mendeley word-processor fields: ``citationItems[].itemData``)."""
    if not isinstance(data, dict):
        return data
    if isinstance(data.get("message"), dict) and "status" in data and "type" not in data:
        message = data["message"]
        return message["items"] if isinstance(message.get("items"), list) else [message]
    if isinstance(data.get("citationItems"), list) and "type" not in data:
        return data["citationItems"]
    return data.get("items", data.get("references", [data]))


#: Keys of a csl-citation's cited item that describe the citation, not the work (kept in custom.citation).
_CITATION_KEYS = ("locator", "label", "prefix", "suffix", "suppress-author", "author-only", "position")


def _item_data(raw: Any) -> Any:
    """A citation item (``{"id", "itemData": {...}, "uris": [...]}``, as Mendeley Desktop and word-processor
    fields hold items) as its item; the links and the citation's locator are kept beside it."""
    if not (isinstance(raw, dict) and isinstance(raw.get("itemData"), dict) and "type" not in raw):
        return raw
    item = dict(raw["itemData"])
    if raw.get("id") not in (None, "") and "id" not in item:
        item["id"] = raw["id"]
    if raw.get("uris") and "uris" not in item:
        item["uris"] = raw["uris"]
    citation = {k: raw[k] for k in _CITATION_KEYS if raw.get(k) not in (None, "")}
    if citation:
        item["citation"] = citation
    return item


#: JSON text a strict parser refuses but hand-edited files have: comments and trailing commas.
_JSON_LENIENT = re.compile(r'("(?:\\.|[^"\\])*")|(//[^\n]*|/\*.*?\*/)|,(\s*[\]}])', re.S)


def _lenient_json(text: str, exc: json.JSONDecodeError, ctx: Context) -> Any:
    """What strict JSON parsing refused, read the way its producers meant it, or None (reported):
    JSON Lines / concatenated values (``jq -c '.[]'``: one item a line) become a list, and comments and
    trailing commas (hand-edited files, JSON5-ish) are removed, with a warning naming the line."""
    if exc.msg == "Extra data":
        return _json_values(text, ctx)
    stripped = _JSON_LENIENT.sub(
        lambda m: m[1] or (re.sub(r"[^\n]", " ", m[2]) if m[2] else " " + m[3]), text)
    if stripped != text:
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError:
            pass
        else:
            first = next(m for m in _JSON_LENIENT.finditer(text) if not m[1])
            ctx.report("warning", "not strict JSON: comments and trailing commas ignored",
                       line=text.count("\n", 0, first.start()) + 1, code="bad-input")
            return data
    kept = _array_prefix(text)  # as a big file read item by item keeps the items before the damage
    ctx.skip(f"invalid JSON: {exc.msg}" + (f" (the {len(kept)} item(s) before it are kept)" if kept else ""),
             line=exc.lineno, record=len(kept) + 1 if kept else None)
    return kept or None


def _array_prefix(text: str) -> list[Any]:
    """The values of the JSON array *text* up to the first damaged one (a missing comma, a cut-off file)."""
    decoder, values = json.JSONDecoder(), []
    pos = len(text) - len(text.lstrip())
    if text[pos:pos + 1] != "[":
        return values
    pos += 1
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError):
            return values
        values.append(value)
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text[pos:pos + 1] != ",":
            return values
        pos += 1


def _json_values(text: str, ctx: Context) -> list:
    """Every JSON value in *text*: JSON Lines (a bad line skipped, the others kept), else values one after
    another (``jq '.[]'``'s pretty-printed stream; reading stops at a bad one)."""
    values: list = []
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if all(line.lstrip()[:1] in ("{", "[") for _, line in lines):
        for n, line in lines:
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                ctx.skip(f"invalid JSON: {exc.msg}", line=n)
                continue
            values.extend(value if isinstance(value, list) else [value])
        if values:
            return values
    decoder = json.JSONDecoder()
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            return values
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            ctx.skip(f"invalid JSON: {exc.msg}", line=exc.lineno)
            return values
        values.extend(value if isinstance(value, list) else [value])


def _read_stream(source: Source, ctx: Context) -> Iterator[Item]:
    """The items of a big JSON array as they are parsed.  Returns False, having yielded nothing, when the
    file is no UTF-8 JSON after all (UTF-16, Windows-1252, NaN): the whole-file reader then decides."""
    found: list[Any] = ijson.sendable_list()
    parser = ijson.items_coro(found, "item", use_float=True)
    index = 0
    error: Exception | None = None
    with source.open_binary() as fh:
        first = True
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            if first and chunk.startswith(_UTF8_BOM):
                chunk = chunk[len(_UTF8_BOM):]
            first = False
            try:
                parser.send(chunk)
            except ijson.JSONError as exc:
                error = exc
            if error is not None and index == 0 and not found:
                return False  # nothing read yet: let the whole-file reader try (and report)
            for raw in found:  # the items complete so far (before an error too)
                index += 1
                raw = _item_data(raw)
                if isinstance(raw, dict) and too_deep(raw):
                    ctx.skip(f"not a CSL item: values nested over {MAX_DEPTH} levels deep", record=index)
                elif isinstance(raw, dict):
                    yield normalize(raw, ctx, index)
                else:
                    ctx.skip(f"not a CSL item (a JSON {type(raw).__name__})", record=index)
            del found[:]
            if error is not None:
                break
        if error is None:
            try:
                parser.close()
            except ijson.JSONError as exc:
                error = exc
    if error is not None:
        if index == 0:
            return False
        ctx.skip(f"invalid JSON after item {index}: {error}", record=index + 1)
    return True


_SCALARS = {True: "true", False: "false", None: "null"}
_KEYS: dict[str, str] = {}  # encoded '"key": ' prefixes (CSL has few distinct keys)


def _indented(value: Any, pad: str, step: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=len(step))``, the same text, faster.

    The standard library runs its pure-Python encoder whenever ``indent`` is set; here
    the strings (most of the work) go through its C escaper and only the nesting is Python.
    Raises TypeError for what this does not know (then the caller uses json.dumps).
    """
    if type(value) is str:
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + step
        parts = []
        for key, val in value.items():
            prefix = _KEYS.get(key) if type(key) is str else None
            if prefix is None:
                if type(key) is not str:
                    raise TypeError("non-string key")
                prefix = encode_basestring(key) + ": "
                if len(_KEYS) < 10000:
                    _KEYS[key] = prefix
            parts.append(prefix + (encode_basestring(val) if type(val) is str else _indented(val, inner, step)))
        return "{" + inner + ("," + inner).join(parts) + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = pad + step
        return "[" + inner + ("," + inner).join(
            [encode_basestring(v) if type(v) is str else _indented(v, inner, step) for v in value]) + pad + "]"
    if value is None or isinstance(value, bool):
        return _SCALARS[value]
    if type(value) is int:
        return int.__repr__(value)
    raise TypeError("not a plain JSON value")  # floats (NaN...), str/int subclasses: json.dumps does them


#: Types orjson writes but json.dumps does not (or not the same way): refused, so json.dumps decides.
_ORJSON_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS
                   | orjson.OPT_PASSTHROUGH_DATETIME) if orjson else 0
_DIGITS = frozenset(b"0123456789")
_EXPONENT = re.compile(rb"e-[0-9]")


def _refuse(value: Any) -> Any:
    raise TypeError


def _maybe_unlike_json(data: bytes) -> bool:
    """Could orjson's *data* differ from json.dumps' text?  (False: surely the same.)

    orjson writes strings, ints, bools and nesting exactly as json.dumps does; floats only differ
    when tiny (orjson '0.00001' and '1e-9', Python '1e-05' and '1e-09'; tests/test_csljson_fast.py
    checks this on a million floats), and NaN/Infinity become null.  So: no 'null', no '0.0000',
    no digit-'e-'-digit means no difference; text that only looks like one costs the slow path.
    """
    if b"null" in data or b"0.0000" in data:
        return True
    for m in _EXPONENT.finditer(data):  # 'e-' is common in text ('re-', 'e-mail'); rarely before a digit
        if data[m.start() - 1] in _DIGITS:
            return True
    return False


def dumps(item: Any, indent: int | str | None = 2) -> str:
    """One item as JSON text, as ``json.dumps(item, ensure_ascii=False, indent=indent)`` writes it."""
    if indent == 2 and type(indent) is int and orjson is not None and type(item) in (dict, list):
        try:  # orjson (C) when its text is surely json.dumps' (see _maybe_unlike_json)
            data = orjson.dumps(item, default=_refuse, option=_ORJSON_OPTIONS)
        except TypeError:  # big ints, non-str keys, surrogates, other types
            pass
        else:
            if not _maybe_unlike_json(data):
                return data.decode()
    if isinstance(indent, int) and not isinstance(indent, bool) and indent >= 0:
        try:
            return _indented(item, "\n", " " * indent)
        except (TypeError, RecursionError):
            pass
    return json.dumps(item, ensure_ascii=False, indent=indent)


def _dump_scrubbed(item: Any, indent: Any) -> str:
    """dumps(scrub(item), indent), with one orjson pass for the usual clean item (see dumps)."""
    if indent == 2 and type(indent) is int and orjson is not None and type(item) is dict:
        try:
            data = orjson.dumps(item, default=_refuse, option=_ORJSON_OPTIONS)
        except TypeError:
            pass
        else:
            if json_bytes_clean(data) and not _maybe_unlike_json(data):
                return data.decode()
    return dumps(scrub(item), indent)


def write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    indent = ctx.options.get("indent", 2)
    out.write("[")
    sep = "\n"
    for item in items:
        out.write(sep + _dump_scrubbed(item, indent))
        sep = ",\n"
    out.write("\n]\n" if sep == ",\n" else "]\n")




FORMAT = Format(
    name="csl-json",
    description="CSL-JSON (citeproc-js, pandoc, Zotero, Mendeley)",
    aliases=("csljson", "json", "csl"),
    extensions=("json", "csljson"),
    sniff=sniff,
    read=read,
    write=write,
    writer_scrubs=True,  # the writer checks its own serialisation (see _dump_scrubbed)
)
