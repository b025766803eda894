"""PubMed XML throughput and memory: citeport vs a bare lxml iterparse pass vs bibutils.

    .venv/bin/python benchmarks/pubmed_xml_bench.py [--records 30000] [--scale10]

Generates benchmarks/data/pubmed-N.xml (gitignored) by replicating the real
records of ../shared/corpus/pubmed-xml with distinct PMIDs, then runs, each in
its own process (so peak memory is that run's max RSS):

* ``iterparse``  the floor: lxml iterparse over the records, clearing as it goes, nothing else;
* ``csl-json``   citeport.iter_read(...) -> the csl-json writer (to /dev/null);
* ``ris``        the same into RIS (when the ris format exists);
* ``bibutils``   ``med2xml FILE | xml2ris`` (Debian bibutils), when installed.

``--scale10`` repeats the citeport runs on a file ten times larger to show that
the peak memory does not grow with the file.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = Path(os.environ.get("CITEPORT_SHARED", ROOT.parent / "shared")) / "corpus" / "pubmed-xml"
DATA = HERE / "data"
RECORD = re.compile(rb"<PubmedArticle>.*?</PubmedArticle>", re.S)
PMID = re.compile(rb"<PMID( [^>]*)?>\d+</PMID>")
ARTICLE_PMID = re.compile(rb'<ArticleId IdType="pubmed">\d+</ArticleId>')


def templates() -> list[bytes]:
    """Every PubmedArticle of the corpus, with its own PMIDs as placeholders."""
    out = []
    for path in sorted(CORPUS.glob("*/*.xml")):
        data = path.read_bytes()
        if b"<!ENTITY" in data:
            continue
        for rec in RECORD.findall(data):
            if b"<MedlineCitation" not in rec:
                continue
            rec = PMID.sub(rb"<PMID\1>@PMID@</PMID>", rec, count=1)
            rec = ARTICLE_PMID.sub(b'<ArticleId IdType="pubmed">@PMID@</ArticleId>', rec, count=1)
            out.append(rec)
    if not out:
        sys.exit(f"no PubMed XML records found under {CORPUS}")
    return out


def mix(recs: list[bytes], n: int) -> Iterator[bytes]:
    """*n* records drawn from *recs* so that every corpus record contributes about the same bytes.

    The corpus is rich in long showcase records (reference lists, 20+ authors); drawing
    each with a weight of 1/size gives a mean of ~7.5 KB a record, what a real baseline
    file has (~30,000 records in ~200 MB).  Seeded: the same file every time.
    """
    rng = random.Random(3)
    weights = [1 / len(r) for r in recs]
    for _ in range(0, n, 1000):  # in batches: the 10x file is written as a stream too
        yield from rng.choices(recs, weights, k=1000)


def generate(n: int) -> Path:
    path = DATA / f"pubmed-mix-{n}.xml"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n')
        for i, rec in zip(range(n), mix(templates(), n)):
            fh.write(rec.replace(b"@PMID@", str(90000001 + i).encode()))
            fh.write(b"\n")
        fh.write(b"</PubmedArticleSet>\n")
    tmp.rename(path)
    return path


# -- the measured runs (each in a child process) -----------------------------

def child(mode: str, path: str) -> None:
    n = 0
    if mode == "iterparse":
        from lxml import etree

        t0 = time.perf_counter()
        for _, el in etree.iterparse(path, events=("end",), tag=("PubmedArticle",), resolve_entities=False,
                                     load_dtd=False, no_network=True):
            n += 1
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    else:
        sys.path.insert(0, str(ROOT / "src"))
        import citeport
        from citeport.model.diagnostics import Context

        def counted(items):
            nonlocal n
            for item in items:
                n += 1
                yield item

        ctx = Context()
        citeport.formats()  # load the registry before the clock starts (start-up is not throughput)
        t0 = time.perf_counter()
        with open(os.devnull, "w", encoding="utf-8") as out:
            # Compact JSON (indent=None): the indented form runs Python's slow pure-Python encoder.
            options = {"indent": None} if mode == "csl-json" else {}
            citeport.write(counted(citeport.api.iter_read(path, "pubmed-xml", ctx=ctx)), mode, out=out, **options)
    elapsed = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"records": n, "seconds": elapsed, "peak_mb": peak_kb / 1024}))


def run_child(mode: str, path: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_bibutils(path: Path) -> dict:
    if not (shutil.which("med2xml") and shutil.which("xml2ris")):
        return {"error": "bibutils not installed (apt-get install bibutils)"}
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    t0 = time.perf_counter()
    med = subprocess.Popen([*timer, "med2xml", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ris = subprocess.run([*timer, "xml2ris"], stdin=med.stdout, capture_output=True)
    med.stdout.close()  # type: ignore[union-attr]
    med_err = med.stderr.read().decode(errors="replace")  # type: ignore[union-attr]
    med.wait()
    elapsed = time.perf_counter() - t0
    peaks = [int(m) for m in re.findall(r"^(\d+)$", med_err + ris.stderr.decode(errors="replace"), re.M)]
    peak_mb = max(peaks) / 1024 if peaks else float("nan")
    records = len(re.findall(rb"^TY  - ", ris.stdout, re.M))
    return {"records": records, "seconds": elapsed, "peak_mb": peak_mb}


def show(name: str, r: dict, floor: float | None = None) -> None:
    if "error" in r:
        print(f"  {name:<22} skipped: {r['error']}")
        return
    rate = r["records"] / r["seconds"] if r["seconds"] else 0.0
    rel = f"  {rate / floor:5.2f}x floor" if floor else ""
    print(f"  {name:<22} {r['records']:>8} records {r['seconds']:8.2f} s {rate:10.0f} rec/s "
          f"peak {r['peak_mb']:7.1f} MB{rel}")


def have_ris() -> bool:
    sys.path.insert(0, str(ROOT / "src"))
    from citeport.formats.registry import REGISTRY

    try:
        return REGISTRY.get("ris").write is not None
    except Exception:
        return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=30000)
    ap.add_argument("--scale10", action="store_true", help="also run citeport on a file 10x larger")
    ap.add_argument("--no-bibutils", action="store_true")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    sizes = [args.records] + ([args.records * 10] if args.scale10 else [])
    for n in sizes:
        path = generate(n)
        print(f"{path.name}: {n} records, {path.stat().st_size / 1e6:.0f} MB")
        floor_r = run_child("iterparse", path)
        show("lxml iterparse (floor)", floor_r)
        floor = floor_r["records"] / floor_r["seconds"] if "error" not in floor_r else None
        show("citeport -> csl-json", run_child("csl-json", path), floor)
        if have_ris():
            show("citeport -> ris", run_child("ris", path), floor)
        else:
            print("  citeport -> ris          skipped: no ris writer yet")
        if not args.no_bibutils and n == args.records:
            show("bibutils med2xml|xml2ris", run_bibutils(path), floor)


if __name__ == "__main__":
    main()
