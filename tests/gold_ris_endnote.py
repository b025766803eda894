"""Field-by-field agreement of citeport's RIS and EndNote XML readers with other tools' gold.

Gold: citation-js (CSL-JSON), pandoc (csljson), Zotero (items, mapped by tests/zotero_gold.py) and
JabRef (its import result as BibTeX, mapped to CSL below).  Every field the gold holds is compared
after normalisation (markup stripped, whitespace collapsed, particles joined to the family name,
given names compared by their letters, dates to the gold's precision, keywords as sets);
fields only citeport has are not counted.  pandoc's EndNote XML gold is a pandoc-native AST and is
not compared.

    python tests/gold_ris_endnote.py [--format ris|endnote-xml] [--list]

Besides the figures, each source's disagreements are counted by the class of their listed reason
(tests/test_gold_ris_endnote.py): theirs, convention, ours (still to fix), and the ours-fixed ones.
"""
from __future__ import annotations

import html
import json
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CITEPORT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import citeport  # noqa: E402
from citeport.model.dates import first_parts, parse_date  # noqa: E402
from citeport.model.languages import to_bcp47  # noqa: E402
from zotero_gold import zotero_to_csl  # noqa: E402

FORMATS = {"ris": "ris", "endnote-xml": "endnote-xml"}
GOLD_SUFFIXES = {
    ".expected.citationjs.csl.json": "citation-js",
    ".expected.pandoc.csl.json": "pandoc",
    ".expected.zotero.json": "zotero",
    ".expected.jabref.bib": "jabref",
}
#: JabRef BibTeX entry types -> CSL types.
JABREF_TYPES = {
    "article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "phdthesis": "thesis",
    "mastersthesis": "thesis", "techreport": "report", "report": "report", "misc": "document",
    "unpublished": "manuscript", "online": "webpage", "patent": "patent", "manual": "report",
}
#: JabRef BibTeX fields -> CSL variables (the ones its RIS/EndNote importers fill).
JABREF_FIELDS = {
    "title": "title", "journal": "container-title", "booktitle": "container-title", "volume": "volume",
    "pages": "page", "doi": "DOI", "url": "URL", "issn": "ISSN", "isbn": "ISBN", "publisher": "publisher",
    "abstract": "abstract", "keywords": "keyword", "language": "language", "edition": "edition",
    "series": "collection-title", "school": "publisher", "institution": "publisher", "pmid": "PMID",
}
#: Fields not compared: bookkeeping, or attachments/notes whose form is each tool's own.
SKIP = frozenset(("id", "custom", "_notes", "note", "citation-key", "attachments"))


def pairs(fmt: str) -> Iterator[tuple[str, Path, Path]]:
    """(gold source, input, gold) for every corpus input of *fmt* with gold."""
    folder = {"ris": "ris", "endnote-xml": "endnote-xml"}[fmt]
    ext = {"ris": ".ris", "endnote-xml": ".xml"}[fmt]
    for inp in sorted((CORPUS / folder).glob(f"*/*{ext}")):
        stem = inp.name[: -len(ext)]
        for suffix, source in GOLD_SUFFIXES.items():
            gold = inp.with_name(stem + suffix)
            if gold.exists():
                yield source, inp, gold


def read_gold(source: str, path: Path) -> list[dict[str, Any]]:
    if source == "zotero":
        return [zotero_to_csl(z) for z in json.loads(path.read_text(encoding="utf-8"))]
    if source == "jabref":
        return jabref_to_csl(path.read_text(encoding="utf-8"))
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def jabref_to_csl(text: str) -> list[dict[str, Any]]:
    import bibtexparser

    counter = iter(range(1, 10_000))  # JabRef writes empty keys; give each entry one
    lib = bibtexparser.parse_string(re.sub(r"(@\w+\{)\s*,", lambda m: f"{m.group(1)}k{next(counter)},", text))
    out = []
    for entry in lib.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        item: dict[str, Any] = {"type": JABREF_TYPES.get(entry.entry_type.lower(), "document")}
        for key, var in JABREF_FIELDS.items():
            if fields.get(key):
                item.setdefault(var, fields[key])
        if re.fullmatch(r"\d{4}-\d{3}[\dX]\b.*", item.get("ISBN", "")):
            item["ISSN"] = item.pop("ISBN")  # JabRef files EndNote's one <isbn> field as isbn
        if fields.get("number"):
            item["number" if item["type"] in ("report", "patent") else "issue"] = fields["number"]
        for role in ("author", "editor"):
            if fields.get(role):
                item[role] = [_bib_name(n) for n in re.split(r"\s+and\s+", fields[role])]
        if fields.get("year"):
            date = fields["year"] + (f" {fields['month']}" if fields.get("month") else "")
            item["issued"] = parse_date(date)
        out.append(item)
    return out


def _bib_name(text: str) -> dict[str, str]:
    if "," in text:
        family, given = text.split(",", 1)
        return {"family": family.strip(), "given": given.strip()}
    return {"family": text.strip()}


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u00a0": " "})


def norm_text(value: Any) -> str:
    s = html.unescape(re.sub(r"<[^>]+>", "", str(value)))
    s = unicodedata.normalize("NFC", s).translate(_QUOTES)
    return re.sub(r"\s+", " ", s).strip().rstrip(".")


def norm_name(name: Any) -> str:
    if isinstance(name, str):
        return norm_text(name).lower()
    if "literal" in name:
        # A single-field name (Zotero fieldMode 1, CSL literal) and a family name without given
        # names are the same name: both are compared as "name|".
        return f"{norm_text(name['literal'])}|".lower()
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle"), name.get("suffix")) if p)
    given = re.sub(r"[\s.,]+", "", given)
    return f"{norm_text(family)}|{given}".lower()


def norm_value(field: str, value: Any) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], (dict, str)) and field not in ("keyword",):
        return [norm_name(n) for n in value]
    if isinstance(value, dict):
        return tuple(first_parts(value)) or norm_text(value.get("literal", ""))
    if field == "keyword":
        return frozenset(k.strip().lower() for k in re.split(r"[;,]\s*|\n", str(value)) if k.strip())
    if field == "_tags":
        return frozenset(str(k).strip().lower() for k in value)
    if field == "page":
        return re.sub(r"\s*[-\u2013]+\s*", "-", str(value))
    if field in ("DOI", "URL"):
        return str(value).strip().lower()
    if field == "language":
        return (to_bcp47(str(value)) or str(value)).lower()
    return norm_text(value)


def agree(field: str, ours: Any, gold: Any) -> bool:
    if field in ("ISSN", "ISBN") and isinstance(gold, str) and isinstance(ours, str) and ours:
        # JabRef keeps EndNote's whole labelled field ("1532-1827 (Electronic) 0007-0920 (Linking)"):
        # one of the numbers in it is the value.
        found = re.findall(r"[\dXx][\dXx-]{7,16}[\dXx]", gold)
        if len(found) > 1:
            return ours.replace("-", "").lower() in {f.replace("-", "").lower() for f in found}
    if field == "issued" or field == "accessed":
        if isinstance(gold, tuple) and isinstance(ours, tuple):
            return ours[: len(gold)] == gold and len(gold) > 0
    return ours == gold


def placeholder_date(field: str, ours: Any, gold: Any) -> bool:
    """Both sides found no date: Zotero's no-year form ("0000 Year Date", from EndNote's field labels
    in its synthetic test files) against citeport's literal date.  Neither is a date, so the field
    is counted as a placeholder, not as agreement or disagreement."""
    return (field in ("issued", "accessed", "submitted") and isinstance(gold, dict) and "date-parts" not in gold
            and isinstance(ours, dict) and "date-parts" not in ours)


def same_journal(field: str, ours: dict[str, Any], gvalue: Any) -> bool:
    """JabRef's BibTeX has one `journal` field and fills it from JO (the abbreviation) when a record
    has one; citeport keeps the full name in container-title and JO in container-title-short.  The
    gold's journal is then exactly our abbreviation: the same journal, named by the form BibTeX kept."""
    return (field == "container-title" and bool(ours.get("container-title"))
            and norm_text(ours.get("container-title-short", "")) == norm_text(gvalue))


def compare_items(ours: dict[str, Any], gold: dict[str, Any], source: str = "") -> tuple[int, list[tuple[str, Any, Any]]]:
    """(fields compared, [(field, ours, gold)] that disagree); placeholder dates are not compared
    (see placeholder_date) and are returned as disagreements with field "placeholder:<field>"."""
    ours = dict(ours)
    if "_tags" in gold:  # Zotero tags are RIS/EndNote keywords
        gold = dict(gold)
        gold["keyword"] = "; ".join(gold.pop("_tags"))
    compared, bad = 0, []
    for field, gvalue in gold.items():
        if field in SKIP or field.startswith("_") or gvalue in (None, "", [], {}):
            continue
        if placeholder_date(field, ours.get(field), gvalue):
            bad.append((f"placeholder:{field}", ours.get(field), gvalue))
            continue
        if source == "jabref" and same_journal(field, ours, gvalue):
            compared += 1
            continue
        compared += 1
        g, o = norm_value(field, gvalue), norm_value(field, ours.get(field)) if field in ours else None
        if not agree(field, o, g):
            bad.append((field, ours.get(field), gvalue))
    return compared, bad


#: Zotero's synthetic files: one record per RIS type whose values are EndNote's (case03) or ProCite's
#: (case05) field labels.  They test per-type tag meanings, not real records, so the figures are also
#: shown apart ("zotero (label files)" / "zotero (records)"); the per-source total counts both.
LABEL_FILES = frozenset(("ris/zotero-translators/RIS_case03.ris", "ris/zotero-translators/RIS_case05.ris"))


def run(fmt: str) -> tuple[dict[str, list[int]], list[tuple[str, int, str, Any, Any, str]]]:
    """Per source [agreeing, compared, placeholder dates not compared]; every disagreement as
    (file, record, field, ours, gold, source)."""
    totals: dict[str, list[int]] = {}
    disagreements = []
    for source, inp, gold_path in pairs(fmt):
        ours = list(citeport.read(str(inp), FORMATS[fmt]))
        gold = read_gold(source, gold_path)
        tot = totals.setdefault(source, [0, 0, 0])
        rel = str(inp.relative_to(CORPUS))
        split = (totals.setdefault(f"{source} ({'label files' if rel in LABEL_FILES else 'records'})", [0, 0, 0])
                 if source == "zotero" and fmt == "ris" else [0, 0, 0])
        if len(ours) != len(gold):
            disagreements.append((rel, 0, "record count", len(ours), len(gold), source))
        for n, (o, g) in enumerate(zip(ours, gold), start=1):
            compared, bad = compare_items(o, g, source)
            placeholders = [b for b in bad if b[0].startswith("placeholder:")]
            for t in (tot, split):
                t[1] += compared
                t[0] += compared - (len(bad) - len(placeholders))
                t[2] += len(placeholders)
            disagreements.extend((rel, n, f, ov, gv, source) for f, ov, gv in bad
                                 if not f.startswith("placeholder:"))
    return totals, disagreements


def reason_class(reason: str | None) -> str:
    """The class a listed reason starts with ("theirs: ...", "convention: ..."), or "unlisted"."""
    head = (reason or "").split(":", 1)[0].strip()
    return head if head in ("ours", "theirs", "convention") else "unlisted"


def tally_lines(fmt: str, totals: dict[str, list[int]], disagreements: list[tuple], reason: Callable[[tuple], str | None],
                fixed: Iterable[tuple[str, int, str]] = ()) -> list[str]:
    """One line per source: agree / compared / %, then the disagreements by class.  *reason* gives
    a disagreement's listed reason; *fixed* are (file, record, field) keys of citeport's fixed ones."""
    files = {(str(inp.relative_to(CORPUS)), source) for source, inp, _ in pairs(fmt)}
    lines = [f"{'format':12} {'source':22} {'agree':>5}/{'total':<5} {'%':>6}  {'theirs':>6} {'conv.':>6} "
             f"{'ours':>5} {'unlisted':>8} {'ours-fixed':>10}"]
    for source, (ok, total, held) in sorted(totals.items()):
        if "(" in source:
            label_files = "label" in source
            mine = [d for d in disagreements if d[5] == source.split(" ")[0] and (d[0] in LABEL_FILES) == label_files]
            done = [k for k in fixed if (k[0], source.split(" ")[0]) in files and (k[0] in LABEL_FILES) == label_files]
        else:
            mine = [d for d in disagreements if d[5] == source]
            done = [k for k in fixed if (k[0], source) in files]
        counts = {c: 0 for c in ("theirs", "convention", "ours", "unlisted")}
        for d in mine:
            counts[reason_class(reason(d))] += 1
        extra = f"  (+{held} placeholder dates)" if held else ""
        lines.append(f"{fmt:12} {source:22} {ok:5}/{total:<5} {ok / max(total, 1):6.1%}  {counts['theirs']:6} "
                     f"{counts['convention']:6} {counts['ours']:5} {counts['unlisted']:8} {len(done):10}{extra}")
    return lines


def main(argv: list[str]) -> int:
    from test_gold_ris_endnote import FIXED, reason  # the reasons live with the test that checks them

    fmts = [argv[argv.index("--format") + 1]] if "--format" in argv else list(FORMATS)
    for fmt in fmts:
        totals, disagreements = run(fmt)
        for line in tally_lines(fmt, totals, disagreements, reason, FIXED):
            print(line)
        main = [t for k, t in totals.items() if "(" not in k]
        ok, total = sum(t[0] for t in main), sum(t[1] for t in main)
        print(f"{fmt:12} {'all':22} {ok:5}/{total:<5} {ok / max(total, 1):6.1%}")
        if "--list" in argv:
            for d in disagreements:
                rel, n, field, ours, gold, source = d
                why = reason(d) or "UNLISTED"
                print(f"  {rel} #{n} {field} [{source}]: ours={str(ours)[:80]!r} gold={str(gold)[:80]!r}\n"
                      f"      {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
