"""Page-text reader throughput and memory: copied PubMed pages -> CSL items, records/second.

    .venv/bin/python benchmarks/page_text_bench.py [--records 1200] [--repeat 3] [--src DIR] [--dump FILE]

Generates benchmarks/data/pubmed-text-pages-N.jsonl (gitignored) once: N seeded PubMed XML records of
tests/pubmed_record_gen.py, each rendered by tests/pubmed_page_render.py as the copied text of its PubMed
page in both layouts (legacy and current, with the rough copy variations the generated differential test
uses), so 2 x N pages.  Then, in a child process each time (peak memory is that run's max RSS), every page
is read with ``citeport.read(text, "pubmed-text")``; the best of ``--repeat`` runs by wall-clock is shown
with its CPU time.  No peer reads PubMed page text, so there is none beside it.

``--src DIR`` reads with another citeport source tree (e.g. an older checkout, to compare revisions on the
same pages); ``--dump FILE`` writes the items read, one JSON line per page, to compare outputs byte for byte.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
SEED = 7  # the generated differential test's seed: the same kind of pages


def generate(n: int) -> Path:
    """The page texts of *n* generated records (2 x n pages), one JSON string a line."""
    path = DATA / f"pubmed-text-pages-{n}.jsonl"
    if path.exists():
        return path
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
    import citeport
    from pubmed_page_render import LAYOUTS, copy_variants, render
    from pubmed_record_gen import generate as records

    rng = random.Random(SEED)
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for item in citeport.read(records(n, SEED), "pubmed-xml", jobs=1):
            for layout in LAYOUTS:
                # One plain copy or one rough variation per page, as tests/test_pubmed_text_generated.py does.
                variants = copy_variants(rng, 2, rough=True)
                copy = variants[0] if rng.random() < 0.5 else variants[1]
                fh.write(json.dumps(render(item, layout, copy), ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


def child(path: str, src: str, dump: str | None) -> None:
    """Read every page of *path* with the citeport in *src*; print one JSON line of figures."""
    sys.path.insert(0, src)
    import citeport
    with open(path, encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh]
    citeport.formats()  # the registry is loaded before the clock starts (start-up is not throughput)
    out = open(dump, "w", encoding="utf-8") if dump else None
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for text in pages:
        items = list(citeport.read(text, "pubmed-text"))
        n += len(items)
        if out:
            out.write(json.dumps(items, ensure_ascii=False, sort_keys=True) + "\n")
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    if out:
        out.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": len(pages), "records": n, "seconds": elapsed, "cpu": cpu, "peak_mb": peak_mb}))


def run(path: Path, src: str, dump: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", str(path), "--src", src] + (["--dump", dump] if dump else [])
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=1200, help="generated records (two pages each)")
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best by wall-clock is shown")
    ap.add_argument("--src", default=str(ROOT / "src"), help="the citeport source tree to measure")
    ap.add_argument("--dump", help="write the items read here (one JSON line per page)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.src, args.dump)
        return
    path = generate(args.records)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    best: dict | None = None
    for i in range(args.repeat):
        r = run(path, args.src, args.dump if i == 0 else None)
        if "error" in r:
            sys.exit(f"page-text run failed: {r['error']}")
        if best is None or r["seconds"] < best["seconds"]:
            best = dict(r, peak_mb=max(r["peak_mb"], best["peak_mb"] if best else 0))
    assert best is not None
    print(f"{path.name}: {best['pages']} pages, best of {args.repeat}")
    print(f"  citeport pubmed-text, 1 process  {best['records']:>6} rec {best['seconds']:6.1f} s "
          f"{best['records'] / best['seconds']:6.0f} rec/s  cpu {best['cpu']:5.1f} s  peak {best['peak_mb']:5.1f} MB")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
