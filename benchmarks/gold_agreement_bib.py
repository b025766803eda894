"""Field-by-field agreement of citeport's CSL-JSON with other tools' gold, for BibTeX, BibLaTeX, CSL-JSON/YAML.

Gold: citation-js (CSL-JSON), pandoc (CSL-YAML front matter, csljson, and its BibTeX/BibLaTeX
exports of CSL-YAML), Zotero (items, via tests/zotero_gold.py), manubot (pruned CSL).  Every
field the gold has is compared after normalisation (markup stripped, case folded, particles
joined to the family name, dates as ISO); fields only citeport has are not counted.

    python benchmarks/gold_agreement_bib.py [--list]

Each source's disagreements are also counted by the class of their listed reason
(tests/test_gold_bib.py KNOWN: "theirs wrong", "convention"; citeport's own are fixed, not listed).
"""
from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CITEPORT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

import citeport  # noqa: E402
from citeport.formats.csljson import normalize as csl_normalize  # noqa: E402
from citeport.formats.cslyaml import plain_value  # noqa: E402
from citeport.model.dates import to_iso  # noqa: E402
from citeport.model.diagnostics import Context  # noqa: E402

INPUT_FORMATS = {"bibtex": "bibtex", "biblatex": "biblatex", "csl-json": "csl-json",
                 "csl-yaml (markdown front matter)": "csl-yaml"}
#: Gold file suffix -> (source label, how to read it).
GOLD_KINDS = {
    "citationjs.csl.json": ("citation-js", "csl-json"),
    "pandoc.csl-yaml.md": ("pandoc", "csl-yaml"),
    "pandoc.csl.json": ("pandoc", "csl-json"),
    "zotero.json": ("zotero", "zotero"),
    "pandoc.bibtex.bib": ("pandoc", "bibtex"),
    "pandoc.biblatex.bib": ("pandoc", "biblatex"),
    "citationjs.bibtex.bib": ("citation-js", "bibtex"),
    "citationjs.biblatex.bib": ("citation-js", "biblatex"),
    "manubot-pruned.csl.json": ("manubot", "csl-json"),
}
#: Gold variables that are bookkeeping, not bibliographic data.
SKIP_FIELDS = frozenset(("id", "citation-key", "_graph", "custom", "citation-label", "note_zotero", "source"))
#: Lower-case / alias keys other tools write -> the CSL 1.0.2 name.
KEY_ALIASES = {"doi": "DOI", "url": "URL", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID",
               "shortTitle": "title-short", "journalAbbreviation": "container-title-short",
               "container-title-short": "container-title-short"}


def pairs() -> Iterator[tuple[str, str, Path, Path]]:
    """(source, input format, input path, gold path) for each gold of each input."""
    rows = (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        cols = row.split("\t")
        fmt, gold = cols[1], cols[6]
        if fmt not in INPUT_FORMATS or not gold:
            continue
        for g in gold.split(" ; "):
            for suffix, (source, _) in GOLD_KINDS.items():
                if g.endswith(".expected." + suffix):
                    yield source, INPUT_FORMATS[fmt], CORPUS / cols[0], CORPUS / g


def read_gold(path: Path) -> list[dict[str, Any]]:
    suffix = next(s for s in GOLD_KINDS if path.name.endswith(s))
    kind = GOLD_KINDS[suffix][1]
    if kind == "zotero":
        from zotero_gold import zotero_to_csl

        return [zotero_to_csl(z) for z in json.loads(path.read_text(encoding="utf-8"))]
    if kind == "csl-yaml":
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^---\s*\n(.*?)\n(?:---|\.\.\.)\s*$", text, re.S | re.M)
        data = yaml.safe_load(m.group(1) if m else text) or {}
        refs = data.get("references", []) if isinstance(data, dict) else data
        ctx = Context()
        return [csl_normalize({k: plain_value(v) for k, v in r.items()}, ctx, i) for i, r in enumerate(refs, 1)]
    if kind == "csl-json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = [data]
        return [csl_normalize(r, Context(), i) for i, r in enumerate(data, 1) if isinstance(r, dict)]
    # their BibTeX output read back: only what they wrote, not the title-short our reader derives
    return list(citeport.read(path, kind, **{"short-title": "field"}))




# --- normalisation ------------------------------------------------------------------------------

_MD = [(re.compile(r"`([^`]*)`\{=latex\}"), r"\1"),  # pandoc markdown: raw LaTeX inline
       (re.compile(r"\[([^\]]*)\]\{\.[a-z]+\}"), r"\1"), (re.compile(r"(?<!\w)[*_]{1,2}([^*_]+)[*_]{1,2}(?!\w)"), r"\1"),
       (re.compile(r"\^([^^\s]+)\^"), r"\1"), (re.compile(r"~([^~\s]+)~"), r"\1"),
       (re.compile(r"<[^>]+>"), ""), (re.compile(r"\\([\[\]*_'\"$@#&%~^])"), r"\1")]
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                         "\u00a0": " ", "\u2009": " "})


def norm_text(value: Any) -> str:
    s = str(value)
    s = s.replace("---", "\u2014").replace("--", "\u2013")  # markdown/LaTeX dashes
    for pattern, repl in _MD:
        s = pattern.sub(repl, s)
    s = unicodedata.normalize("NFC", s).translate(_QUOTES)
    return re.sub(r"\s+", " ", s).strip().casefold()


def norm_name(n: Any) -> str:
    if isinstance(n, str):
        return norm_text(n)
    if "literal" in n:
        return norm_text(n["literal"])
    family = " ".join(p for p in (n.get("dropping-particle"), n.get("non-dropping-particle"), n.get("family")) if p)
    given = re.sub(r"\.\s*", ". ", str(n.get("given", ""))).strip()
    if not given and not n.get("suffix"):
        return norm_text(family)  # {"family": "Acme Inc."} and {"literal": "Acme Inc."} are one name
    if n.get("suffix"):  # Zotero has no suffix field: it writes "Michael, III" as the given name
        given = f"{given}, {n['suffix']}"
    return "|".join(norm_text(x) for x in (family, given))


def norm_value(field: str, value: Any) -> Any:
    if isinstance(value, list) and (not value or isinstance(value[0], (dict, str))) and field not in ("categories",):
        if value and isinstance(value[0], dict):
            return [norm_name(n) for n in value]
        return [norm_text(v) for v in value]
    if isinstance(value, dict):
        if "date-parts" in value or "literal" in value or "raw" in value:
            iso = to_iso(value)
            extra = ("season", value.get("season")) if value.get("season") else ""
            return (iso.casefold(), extra)
        return json.dumps(value, sort_keys=True)
    if field in ("DOI", "URL"):  # (a markdown escape "\<" from pandoc's YAML is not part of a DOI)
        value = re.sub(r"\\([<>\[\]*_])", r"\1", str(value)).strip()
        return (unquote(value) if field == "URL" else value).casefold()  # an IRI and its %-encoded URI
    if field == "page":
        return re.sub(r"\s*[-\u2013\u2014]+\s*", "-", str(value)).casefold()
    if field == "language":  # pandoc writes en-US for "english", citation-js keeps "italian": convention
        from citeport.formats.bibtex_tables import BABEL_LANGUAGES

        return BABEL_LANGUAGES.get(str(value).lower(), str(value)).split("-")[0].casefold()
    if field == "keyword":
        return sorted(norm_text(k) for k in re.split(r"\s*[;,]\s*", str(value)) if k.strip())
    return norm_text(value)


def canon(item: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in item.items():
        k = KEY_ALIASES.get(k, k)
        if k == "_tags":  # Zotero tags are BibTeX keywords
            k, v = "keyword", "; ".join(t if isinstance(t, str) else t.get("tag", "") for t in v)
        elif k == "_notes" and "note" not in item:
            k, v = "note", "\n".join(n if isinstance(n, str) else n.get("note", "") for n in v)
        if k in SKIP_FIELDS or v in (None, "", [], {}):
            continue
        if k == "container-title" and isinstance(v, list):
            v = v[0] if v else ""
        out[k] = norm_value(k, v)
    return out


# --- comparison ---------------------------------------------------------------------------------


def compare_pair(in_fmt: str, inp: Path, gold: Path) -> tuple[int, list[tuple[str, str, Any, Any]]]:
    """(fields compared, disagreements as (record, field, ours, theirs))."""
    ours = list(citeport.read(inp, in_fmt))
    theirs = read_gold(gold)
    by_id = {str(i.get("id")): i for i in ours}
    compared, diffs = 0, []
    for index, g in enumerate(theirs):
        gid = str(g.get("id") or g.get("citation-key") or "")
        o = by_id.get(gid)
        if o is None:
            o = ours[index] if index < len(ours) else {}
            gid = gid or f"#{index + 1}"
        go, oo = canon(g), canon(o)
        for field, value in go.items():
            compared += 1
            if oo.get(field) != value:
                diffs.append((gid, field, oo.get(field), value))
    if len(ours) > len(theirs) and theirs:
        compared += 1
        diffs.append(("*", "record-count", len(ours), len(theirs)))
    return compared, diffs


def run() -> tuple[dict[str, list[int]], list[tuple[str, str, str, Any, Any]]]:
    """Per source [agreed, compared]; every disagreement as (gold file, record, field, ours, theirs)."""
    per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    all_diffs = []
    for source, in_fmt, inp, gold in pairs():
        try:
            n, diffs = compare_pair(in_fmt, inp, gold)
        except Exception as exc:  # an unreadable pair is one disagreement, not a crash
            n, diffs = 1, [("*", "error", repr(exc), None)]
        per_source[source][0] += n - len(diffs)
        per_source[source][1] += n
        rel = str(gold.relative_to(CORPUS))
        all_diffs.extend((rel, *d) for d in diffs)
    return dict(per_source), all_diffs


def source_of(gold_rel: str) -> str:
    """The gold tool of a gold file, from its suffix."""
    return next(src for suffix, (src, _) in GOLD_KINDS.items() if gold_rel.endswith(".expected." + suffix))


def reason_class(reason: str | None) -> str:
    """"theirs wrong: ..." -> theirs, "convention: ..." -> convention, "ours..." -> ours; else unlisted."""
    head = (reason or "").split(":", 1)[0].strip()
    return {"theirs wrong": "theirs", "theirs": "theirs", "convention": "convention", "ours": "ours"}.get(head, "unlisted")


def main(argv: list[str]) -> int:
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    from test_gold_bib import KNOWN  # the reasons live with the test that checks them

    per_source, diffs = run()
    total = [sum(v[0] for v in per_source.values()), sum(v[1] for v in per_source.values())]
    print(f"{'source':12s} {'agree':>5s}/{'total':<5s} {'%':>7s}   {'theirs':>6s} {'conv.':>6s} {'ours':>5s} {'unlisted':>8s}")
    for source, (agreed, compared) in sorted(per_source.items()):
        counts = {c: 0 for c in ("theirs", "convention", "ours", "unlisted")}
        for d in diffs:
            if source_of(d[0]) == source:
                counts[reason_class(KNOWN.get((d[0], d[1], d[2])))] += 1
        print(f"{source:12s} {agreed:5d}/{compared:<5d} {100 * agreed / max(compared, 1):6.2f}%   {counts['theirs']:6d} "
              f"{counts['convention']:6d} {counts['ours']:5d} {counts['unlisted']:8d}")
    print(f"{'all':12s} {total[0]:5d}/{total[1]:<5d} {100 * total[0] / max(total[1], 1):6.2f}%")
    if "--list" in argv:
        for d in diffs:
            print(" | ".join(str(x) for x in d))
            print(f"      {KNOWN.get((d[0], d[1], d[2]), 'UNLISTED')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
