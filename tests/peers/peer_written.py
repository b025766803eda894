"""Files the PEERS write, read by citeport: citation-js, pandoc and bibutils, every format each writes.

The items: benchmarks/items/heldout2.json (71), tests/roundtrip_items.py (90, every CSL type and
variable) and ``OWN`` below (common types with particles, suffixes, organisations, non-ASCII,
ranges, editors, translators, identifiers, abstracts, keywords, accessed dates, date ranges).
Each peer writes them all in one file per format; citeport reads the file back and every field of
the original item is compared with what citeport read (normalised as in tests/gold_ris_endnote.py).

Titles are compared without letter case (pandoc writes BibTeX titles in Title Case).
"Held" = the peer's file holds the value: at least one reader (citeport, or an independent one:
citation-js, pandoc) recovers the original value from it.  "Kept" = citeport recovered it.  The
figure per peer x format is kept/held; a field another reader got and citeport did not is the
thing to look at (``--list``).  Values the peer lost (no reader recovers them) are not counted.

bibutils writers take MODS: citeport's RIS -> ris2xml -> MODS -> xml2bib / xml2ris (its other
writers, xml2end, xml2wordbib, xml2isi, xml2ads, write formats citeport does not read).

    python tests/peers/peer_written.py [--list] [--only PEER:FORMAT] [--save DIR]
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import citeport  # noqa: E402
from gold_ris_endnote import compare_items  # noqa: E402

NODE_DIR = ROOT / ".peers" / "node_modules" / "@citation-js"
CSL2PEER = ROOT / "tests" / "peers" / "csl2peer.js"
RIS2CSL = ROOT / "tests" / "peers" / "ris2csl.js"
BIB2CSL = ROOT / "tests" / "peers" / "citationjs_bibtex.js"

_J = {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}
_K = {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
_O = {"literal": "World Health Organization"}
_M = {"family": "Müller", "given": "Zoë"}
_A = {"family": "O'Brien", "given": "Ann-Marie"}
_N = {"family": "Núñez-García", "given": "María José"}
_L = {"family": "Fontaine", "given": "Jean", "dropping-particle": "de la"}
_ABS = "Background: we tested α/β effects (n = 1,204).\nResults: a 12% gain; see §3."
#: Hand-made items: the common types as reference managers hold them.
OWN: list[dict[str, Any]] = [
    {"id": "own01", "type": "article-journal", "title": "Effects of Δ9-THC on sleep: a randomised trial",
     "author": [_J, _K, _M], "container-title": "Journal of Sleep Research", "container-title-short": "J Sleep Res",
     "volume": "29", "issue": "4", "page": "e13012", "issued": {"date-parts": [[2020, 8, 3]]},
     "DOI": "10.1111/jsr.13012", "PMID": "32187463", "PMCID": "PMC7412345", "ISSN": "0962-1105",
     "abstract": _ABS, "keyword": "cannabis, sleep, insomnia", "language": "en",
     "URL": "https://onlinelibrary.wiley.com/doi/10.1111/jsr.13012"},
    {"id": "own02", "type": "article-journal", "title": "Über die Quantentheorie der Strahlung",
     "author": [{"family": "Einstein", "given": "Albert"}], "container-title": "Physikalische Zeitschrift",
     "volume": "18", "page": "121-128", "issued": {"date-parts": [[1917]]}, "language": "de"},
    {"id": "own03", "type": "book", "title": "The Lord of the Rings", "author": [{"family": "Tolkien", "given": "J. R. R."}],
     "editor": [_A], "translator": [_N], "publisher": "Allen & Unwin", "publisher-place": "London",
     "edition": "2", "ISBN": "978-0-261-10320-7", "number-of-pages": "1216", "issued": {"date-parts": [[1966]]},
     "collection-title": "Fantasy Classics", "collection-number": "3"},
    {"id": "own04", "type": "chapter", "title": "Sleep and memory consolidation", "author": [_L, _M],
     "editor": [_K, _J], "container-title": "Handbook of Sleep Science", "publisher": "Springer",
     "publisher-place": "Cham", "page": "211-240", "issued": {"date-parts": [[2019]]}, "ISBN": "978-3-030-12345-6",
     "DOI": "10.1007/978-3-030-12345-6_11", "edition": "3"},
    {"id": "own05", "type": "paper-conference", "title": "Attention is all you need",
     "author": [{"family": "Vaswani", "given": "Ashish"}, {"family": "Shazeer", "given": "Noam"}],
     "container-title": "Advances in Neural Information Processing Systems 30", "event-title": "NIPS 2017",
     "event-place": "Long Beach, CA", "publisher": "Curran Associates", "page": "5998-6008",
     "issued": {"date-parts": [[2017, 12]]}, "URL": "https://papers.nips.cc/paper/7181"},
    {"id": "own06", "type": "thesis", "title": "Essays on monetary policy", "author": [_A], "genre": "PhD thesis",
     "publisher": "University of Chicago", "publisher-place": "Chicago, IL", "issued": {"date-parts": [[2015, 6]]},
     "URL": "https://knowledge.uchicago.edu/record/123"},
    {"id": "own07", "type": "thesis", "title": "Ein Beitrag zur Theorie", "author": [_M], "genre": "Master's thesis",
     "publisher": "Technische Universität München", "issued": {"date-parts": [[2011]]}},
    {"id": "own08", "type": "report", "title": "Global tuberculosis report 2021", "author": [_O],
     "publisher": "World Health Organization", "publisher-place": "Geneva", "number": "WHO/HTM/TB/2021.13",
     "collection-title": "Technical Report Series", "issued": {"date-parts": [[2021, 10, 14]]},
     "URL": "https://www.who.int/publications/i/item/9789240037021", "ISBN": "978-92-4-003702-1"},
    {"id": "own09", "type": "webpage", "title": "Coronavirus disease (COVID-19) pandemic", "author": [_O],
     "container-title": "WHO website", "URL": "https://www.who.int/emergencies/diseases/novel-coronavirus-2019",
     "issued": {"date-parts": [[2023, 3, 1]]}, "accessed": {"date-parts": [[2024, 1, 15]]}},
    {"id": "own10", "type": "dataset", "title": "ERA5 hourly data on single levels",
     "author": [{"family": "Hersbach", "given": "H."}, _J], "publisher": "Copernicus Climate Data Store",
     "DOI": "10.24381/cds.adbb2d47", "version": "1.0", "issued": {"date-parts": [[2018, 6, 14]]},
     "accessed": {"date-parts": [[2022, 5, 2]]}},
    {"id": "own11", "type": "software", "title": "citeproc-js", "author": [{"family": "Bennett", "given": "Frank"}],
     "version": "2.4.62", "URL": "https://github.com/Juris-M/citeproc-js", "publisher": "GitHub",
     "issued": {"date-parts": [[2021]]}},
    {"id": "own12", "type": "patent", "title": "Method for producing graphene sheets",
     "author": [{"family": "Kim", "given": "Sung-Ho"}, {"family": "Lee", "given": "Ji-Yeon"}],
     "number": "US 9,123,456 B2", "authority": "United States Patent and Trademark Office",
     "issued": {"date-parts": [[2015, 9, 1]]}, "submitted": {"date-parts": [[2012, 3, 20]]}},
    {"id": "own13", "type": "article-newspaper", "title": "Scientists find water on Mars",
     "author": [{"family": "Chang", "given": "Kenneth"}], "container-title": "The New York Times",
     "section": "Science", "page": "A1", "issued": {"date-parts": [[2015, 9, 28]]}, "publisher-place": "New York",
     "URL": "https://www.nytimes.com/2015/09/29/science/space/mars-water.html"},
    {"id": "own14", "type": "article-magazine", "title": "The coming software apocalypse",
     "author": [{"family": "Somers", "given": "James"}], "container-title": "The Atlantic", "volume": "320",
     "issue": "5", "page": "80-91", "issued": {"date-parts": [[2017, 11]]}},
    {"id": "own15", "type": "manuscript", "title": "Notes on the theory of sets (unpublished draft)",
     "author": [{"family": "Gödel", "given": "Kurt"}], "issued": {"date-parts": [[1940]]},
     "archive": "Institute for Advanced Study", "note": "Box 7, folder 3"},
    {"id": "own16", "type": "entry-encyclopedia", "title": "Photosynthesis", "author": [_N],
     "container-title": "Encyclopædia Britannica", "edition": "15", "volume": "9", "page": "412-415",
     "publisher": "Encyclopædia Britannica, Inc.", "publisher-place": "Chicago", "issued": {"date-parts": [[2010]]}},
    {"id": "own17", "type": "article-journal", "title": "A cross-year issue", "author": [_K],
     "container-title": "Annals of Things", "volume": "12", "issue": "3-4", "page": "1001-1019",
     "issued": {"date-parts": [[2019, 11], [2020, 2]]}, "DOI": "10.5555/annals.2020.12.3"},
    {"id": "own18", "type": "book", "title": "Corporate governance handbook", "author": [{"literal": "OECD"}],
     "publisher": "OECD Publishing", "publisher-place": "Paris", "issued": {"date-parts": [[2023]]},
     "DOI": "10.1787/ed750b30-en", "ISBN": "978-92-64-91015-8", "language": "fr",
     "abstract": "Un manuel sur la gouvernance d'entreprise.", "keyword": "governance; corporations"},
    {"id": "own19", "type": "article-journal", "title": "Ethnic differences in outcome: the 北京 cohort",
     "author": [{"family": "王", "given": "小明"}, {"family": "Ivanova", "given": "Анна"}],
     "container-title": "Chinese Medical Journal", "volume": "133", "issue": "2", "page": "150-158",
     "issued": {"date-parts": [[2020, 1, 20]]}, "PMID": "31895726", "DOI": "10.1097/CM9.0000000000000585"},
    {"id": "own20", "type": "chapter", "title": "Les Misérables, tome premier", "author": [{"family": "Hugo", "given": "Victor"}],
     "translator": [{"family": "Wilbour", "given": "Charles E."}], "container-title": "Collected novels",
     "volume": "1", "chapter-number": "4", "publisher": "Carleton", "publisher-place": "New York",
     "issued": {"date-parts": [[1862]]}, "original-date": {"date-parts": [[1862]]}},
    {"id": "own21", "type": "paper-conference", "title": "Robust inference for small samples", "author": [_M, _A],
     "editor": [_J], "container-title": "Proceedings of the 12th International Conference on Statistics",
     "collection-title": "Lecture Notes in Statistics", "volume": "210", "page": "33-47",
     "publisher": "Springer", "publisher-place": "Berlin", "issued": {"date-parts": [[2016, 7, 4]]},
     "DOI": "10.1007/978-3-319-00000-0_3", "ISBN": "978-3-319-00000-0"},
    {"id": "own22", "type": "report", "title": "Working paper on inflation expectations",
     "author": [{"family": "Smith", "given": "John R.", "suffix": "III"}], "publisher": "National Bureau of Economic Research",
     "genre": "Working paper", "number": "w25123", "publisher-place": "Cambridge, MA",
     "issued": {"date-parts": [[2018, 10]]}, "DOI": "10.3386/w25123"},
    {"id": "own23", "type": "article-journal", "title": "Supplement issue paper", "author": [_O, _J],
     "container-title": "The Lancet", "volume": "395", "issue": "Suppl 1", "page": "S12-S19",
     "issued": {"date-parts": [[2020, 2, 1]]}, "ISSN": "0140-6736", "keyword": "epidemiology; global health; Δ-variant"},
    {"id": "own24", "type": "webpage", "title": "Python 3.12 release notes", "container-title": "Python documentation",
     "URL": "https://docs.python.org/3/whatsnew/3.12.html", "issued": {"date-parts": [[2023, 10, 2]]},
     "accessed": {"date-parts": [[2024, 2, 29]]}, "author": [{"literal": "Python Software Foundation"}]},
    {"id": "own25", "type": "book", "title": "Edited volume on climate", "editor": [_L, _N],
     "publisher": "Cambridge University Press", "publisher-place": "Cambridge", "issued": {"date-parts": [[2014]]},
     "number-of-volumes": "2", "ISBN": "978-1-107-05799-9"},
]


def items() -> list[dict[str, Any]]:
    from roundtrip_items import items as roundtrip

    heldout = json.loads((ROOT / "benchmarks" / "items" / "heldout2.json").read_text(encoding="utf-8"))
    return heldout + roundtrip() + OWN


def _run(cmd: list[str], data: str) -> str:
    proc = subprocess.run(cmd, input=data.encode("utf-8"), capture_output=True, timeout=600)
    if proc.returncode:
        raise RuntimeError(f"{cmd[0]} failed: {proc.stderr.decode('utf-8', 'replace')[:300]}")
    return proc.stdout.decode("utf-8").lstrip("\ufeff")


def _cjs(fmt: str) -> Callable[[str], str]:
    return lambda csl: _run(["node", str(CSL2PEER), fmt], csl)


def _pandoc(fmt: str) -> Callable[[str], str]:
    extra = ["-s"] if fmt == "markdown" else []
    return lambda csl: _run(["pandoc", "-f", "csljson", "-t", fmt, *extra], csl)


def _bibutils(writer: str) -> Callable[[str], str]:
    def write(csl: str) -> str:
        ris = citeport.write(json.loads(csl), "ris")
        mods = _run(["ris2xml", "-i", "utf8", "-o", "utf8"], ris)
        return _run([writer, "-i", "utf8", "-o", "utf8"], mods)
    return write


def _have_cjs() -> str | None:
    return None if shutil.which("node") and NODE_DIR.exists() else "citation-js (node + .peers) is not installed"


def _have(tool: str) -> Callable[[], str | None]:
    return lambda: None if shutil.which(tool) else f"{tool} is not installed"


#: (peer, the peer's format name, citeport format) -> writer of the peer's file, availability check.
WRITERS: dict[tuple[str, str, str], tuple[Callable[[str], str], Callable[[], str | None]]] = {
    ("citation-js", "ris", "ris"): (_cjs("ris"), _have_cjs),
    ("citation-js", "bibtex", "bibtex"): (_cjs("bibtex"), _have_cjs),
    ("citation-js", "biblatex", "biblatex"): (_cjs("biblatex"), _have_cjs),
    ("citation-js", "data", "csl-json"): (_cjs("data"), _have_cjs),
    ("pandoc", "biblatex", "biblatex"): (_pandoc("biblatex"), _have("pandoc")),
    ("pandoc", "bibtex", "bibtex"): (_pandoc("bibtex"), _have("pandoc")),
    ("pandoc", "csljson", "csl-json"): (_pandoc("csljson"), _have("pandoc")),
    ("pandoc", "markdown", "csl-yaml"): (_pandoc("markdown"), _have("pandoc")),
    ("bibutils", "xml2bib", "bibtex"): (_bibutils("xml2bib"), _have("xml2bib")),
    ("bibutils", "xml2ris", "ris"): (_bibutils("xml2ris"), _have("xml2ris")),
}


def _json_list(text: str) -> list[dict]:
    data = json.loads(text)
    return data if isinstance(data, list) else [data]


#: Independent readers of a peer's file, by citeport format: name -> text -> CSL items in file order.
OTHER_READERS: dict[str, dict[str, Callable[[str], list[dict]]]] = {
    "ris": {"citation-js": lambda t: _json_list(_run(["node", str(RIS2CSL)], t))},
    "bibtex": {"pandoc": lambda t: _json_list(_run(["pandoc", "-f", "bibtex", "-t", "csljson"], t)),
               "citation-js": lambda t: _json_list(_run(["node", str(BIB2CSL)], t))},
    "biblatex": {"pandoc": lambda t: _json_list(_run(["pandoc", "-f", "biblatex", "-t", "csljson"], t)),
                 "citation-js": lambda t: _json_list(_run(["node", str(BIB2CSL)], t))},
    "csl-json": {"pandoc": lambda t: _json_list(_run(["pandoc", "-f", "csljson", "-t", "csljson"], t))},
    "csl-yaml": {"pandoc": lambda t: _json_list(_run(["pandoc", "-f", "markdown", "-t", "csljson"], t))},
}
#: Not compared: bookkeeping and keys each tool makes itself.
SKIP = frozenset(("id", "citation-key", "custom", "citation-label", "citation-number",
                  "first-reference-note-number", "locator", "year-suffix"))


def _comparable(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in SKIP and v not in (None, "", [], {})}


#: Compared without letter case: pandoc writes titles in Title Case into BibTeX (a style's business).
TITLE_FIELDS = ("title", "container-title", "collection-title", "event-title", "original-title", "title-short")


def _uncased(item: dict) -> dict:
    return {k: v.lower() if k in TITLE_FIELDS and isinstance(v, str) else v for k, v in item.items()}


def _ok_fields(reader_item: dict | None, original: dict) -> set[str]:
    """The fields of *original* that *reader_item* holds with the same (normalised) value."""
    if reader_item is None:
        return set()
    gold = _comparable(original)
    reader_item, gold = _uncased(reader_item), _uncased(gold)
    _, bad = compare_items(reader_item, gold)
    wrong = {f.split(":")[-1] for f, _, _ in bad}
    return set(gold) - wrong


def _write_all(writer: Callable[[str], str], originals: list[dict]) -> tuple[list[dict], str, list[str]]:
    """(the items the peer wrote, its file, ids of the items it failed on): a peer that crashes on
    one item is asked again in halves, so that one item does not cost the whole file."""
    try:
        return originals, writer(json.dumps(originals, ensure_ascii=False)), []
    except RuntimeError:
        if len(originals) == 1:
            return [], "", [str(originals[0].get("id"))]
    half = len(originals) // 2
    a, ta, ra = _write_all(writer, originals[:half])
    b, tb, rb = _write_all(writer, originals[half:])
    return a + b, ta + ("\n" if ta and not ta.endswith("\n") else "") + tb, ra + rb


def _records(text: str, cfmt: str) -> list[str]:
    """The file cut into records, for re-reading a file a reader refuses piece by piece."""
    if cfmt == "csl-json":
        return [json.dumps([i], ensure_ascii=False) for i in _json_list(text)]
    if cfmt in ("bibtex", "biblatex"):
        return [p for p in re.split(r"(?m)^(?=@)", text) if p.strip()]
    if cfmt == "ris":
        return [p for p in re.split(r"(?m)(?<=^ER  -)[^\n]*\n", text) if p.strip()]
    return [text]


def _read_all(fn: Callable[[str], list[dict]], records: list[str], cfmt: str, bad: list[str]) -> list[dict]:
    """*fn* over the records; where it fails on a batch, over each half (a reader that refuses one
    record still witnesses the others)."""
    joined = ("" if cfmt != "csl-json" else None)
    text = json.dumps([i for r in records for i in json.loads(r)], ensure_ascii=False) if joined is None \
        else "".join(r if r.endswith("\n") else r + "\n" for r in records)
    try:
        return fn(text)
    except (RuntimeError, ValueError) as exc:
        if len(records) <= 1:
            bad.append(str(exc).splitlines()[0][:60] if not records else records[0][:40].strip())
            return []
    half = len(records) // 2
    return _read_all(fn, records[:half], cfmt, bad) + _read_all(fn, records[half:], cfmt, bad)


def align(originals: list[dict], read: list[dict]) -> list[dict | None]:
    """The read item for each original, in order: a reader may split or drop records, so each
    original takes the best-agreeing of the next few read items (None when none agrees at all)."""
    out: list[dict | None] = []
    j = 0
    for orig in originals:
        window = read[j:j + 12]
        scores = [len(_ok_fields(r, orig) - {"type"}) for r in window]
        if scores and max(scores) > 0:
            k = scores.index(max(scores))
            out.append(window[k])
            j += k + 1
        else:
            out.append(None)
    return out


def _other_reader_available(name: str) -> bool:
    return (_have_cjs() if name == "citation-js" else _have("pandoc")()) is None


def measure(peer: str, pfmt: str, cfmt: str, originals: list[dict], save: Path | None = None) -> dict[str, Any]:
    """Write *originals* with the peer, read them with citeport and the other readers, compare."""
    writer, _ = WRITERS[(peer, pfmt, cfmt)]
    originals, text, refused = _write_all(writer, originals)
    if save:
        save.mkdir(parents=True, exist_ok=True)
        (save / f"{peer}.{pfmt}.{cfmt}").write_text(text, encoding="utf-8")
    ours = list(citeport.read(text, cfmt))
    others: dict[str, list[dict]] = {}
    failed: dict[str, list[str]] = {}
    for name, fn in OTHER_READERS[cfmt].items():
        if _other_reader_available(name):
            bad: list[str] = []
            others[name] = _read_all(fn, _records(text, cfmt), cfmt, bad)
            if bad:
                failed[name] = bad
    held = kept = 0
    misses: list[tuple[str, str, Any, Any, str]] = []
    counts = {"ours": len(ours), "peer": len(originals), **{n: len(v) for n, v in others.items()}}
    ours = align(originals, ours)
    others = {name: align(originals, v) for name, v in others.items()}
    for n, orig in enumerate(originals):
        mine = _ok_fields(ours[n], orig)
        by_other = {name: _ok_fields(v[n], orig) for name, v in others.items()}
        held_fields = mine.union(*by_other.values())
        held += len(held_fields)
        kept += len(mine)
        for field in sorted(held_fields - mine):
            who = ",".join(name for name, ok in by_other.items() if field in ok)
            misses.append((str(orig.get("id")), field, (ours[n] or {}).get(field),
                           orig.get(field), who))
    return {"held": held, "kept": kept, "misses": misses, "counts": counts, "failed": failed, "refused": refused}


def main(argv: list[str]) -> int:
    originals = items()
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    save = Path(argv[argv.index("--save") + 1]) if "--save" in argv else None
    print(f"{len(originals)} items; figure = fields citeport read right / fields the peer's file holds "
          "(some reader recovers them)")
    for (peer, pfmt, cfmt), (_, available) in WRITERS.items():
        if only and only != f"{peer}:{pfmt}":
            continue
        why = available()
        if why:
            print(f"{peer:12} {pfmt:9} -> {cfmt:9} skipped: {why}")
            continue
        r = measure(peer, pfmt, cfmt, originals, save)
        share = r["kept"] / max(r["held"], 1)
        print(f"{peer:12} {pfmt:9} -> {cfmt:9} {r['kept']:5}/{r['held']:<5} {share:.1%}  records {r['counts']}"
              + (f" unreadable to {r['failed']}" if r["failed"] else "")
              + (f" peer failed on {r['refused']}" if r["refused"] else ""))
        if "--list" in argv:
            for rid, field, got, want, who in r["misses"]:
                print(f"    {rid:10} {field:18} citeport={str(got)[:70]!r} orig={str(want)[:70]!r} ({who})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
