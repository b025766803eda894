"""PubMed XML throughput and memory: citeport vs a bare lxml iterparse pass vs bibutils.

    .venv/bin/python benchmarks/pubmed_xml_bench.py [--records 30000] [--scale10]

Generates benchmarks/data/pubmed-N.xml (gitignored) by replicating the real
records of ../shared/corpus/pubmed-xml with distinct PMIDs, then runs, each in
its own process (so peak memory is that run's max RSS):

* ``iterparse``  the floor: lxml iterparse over the records (same options and tag filter as
                 citeport), clearing as it goes, nothing else;
* ``iterparse-bare``  for reference, the plainest reading of "a bare iterparse pass":
                 ``for _, el in etree.iterparse(path): el.clear()`` (an event for every element, so
                 slower than the floor; the ratios are judged against the floor);
* ``csl-json``   citeport.iter_read(...) -> the csl-json writer (to /dev/null): in one process
                 (``jobs=1``), then with citeport's default jobs (the CPU count, at most 4: the
                 file is read in pieces by worker processes), indented and compact (``indent=None``);
* ``ris``        the same into RIS (when the ris format exists);
* ``bibutils``   ``med2xml FILE | xml2ris`` (Debian bibutils), when installed.

The machine may be shared: each measurement is the best of ``--repeat`` interleaved runs
(by wall-clock), the ratio to the floor is given by wall-clock and by total CPU time (the
main process plus its workers: what parallel reading costs), peak memory of the main process
and of the largest worker are shown, and the load average is printed.  ``--scale10`` runs the
floor and citeport -> CSL-JSON (one process and parallel) once more on a file ten times larger
(generated as a stream) to show that the peak memory does not grow with the file.
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
import tempfile
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

#: The record tags citeport's reader asks iterparse for; the floor asks for the same ones.
RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation", "MedlineCitation")


def child(mode: str, path: str) -> None:
    n = 0
    if mode == "iterparse-bare":
        from lxml import etree

        t0, c0 = time.perf_counter(), time.process_time()
        for _, el in etree.iterparse(path):
            n += el.tag == "PubmedArticle"
            el.clear()
    elif mode == "iterparse":
        from lxml import etree

        t0, c0 = time.perf_counter(), time.process_time()
        # The same work citeport's stream does around its mapping: the same parser options and
        # tag filter, each record cleared and its earlier siblings deleted.
        for _, el in etree.iterparse(path, events=("end",), tag=RECORD_TAGS, resolve_entities=False,
                                     load_dtd=False, no_network=True, huge_tree=False):
            n += el.tag != "MedlineCitation"
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

        fmt, *variants = mode.split(":")
        # jobs: 'j1' one process; no 'jN': citeport's default (the CPU count, at most 4)
        jobs = next((int(v[1:]) for v in variants if v.startswith("j")), None)
        ctx = Context(options={} if jobs is None else {"jobs": jobs})
        citeport.formats()  # load the registry before the clock starts (start-up is not throughput)
        options = {"indent": None} if "compact" in variants else {}
        t0, c0 = time.perf_counter(), time.process_time()
        with open(os.devnull, "w", encoding="utf-8") as out:
            citeport.write(counted(citeport.api.iter_read(path, "pubmed-xml", ctx=ctx)), fmt, out=out, **options)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes, once they have ended
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"records": n, "seconds": elapsed, "cpu": cpu + kids.ru_utime + kids.ru_stime,
                      "main_cpu": cpu, "peak_mb": peak_kb / 1024, "worker_peak_mb": kids.ru_maxrss / 1024}))


def run_child(mode: str, path: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_bibutils(path: Path) -> dict:
    if not (shutil.which("med2xml") and shutil.which("xml2ris")):
        return {"error": "bibutils not installed (apt-get install bibutils)"}
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # stderr to files, not pipes: med2xml warns a lot, and a full stderr pipe would stall the pipeline.
    with tempfile.TemporaryFile() as med_err, tempfile.TemporaryFile() as ris_err:
        t0 = time.perf_counter()
        med = subprocess.Popen([*timer, "med2xml", str(path)], stdout=subprocess.PIPE, stderr=med_err)
        ris = subprocess.Popen([*timer, "xml2ris"], stdin=med.stdout, stdout=subprocess.PIPE, stderr=ris_err)
        med.stdout.close()  # type: ignore[union-attr]  # xml2ris owns the pipe now
        records = 0
        for line in ris.stdout:  # type: ignore[union-attr]  # counted as it streams: the RIS is not kept
            records += line.startswith(b"TY  - ")
        ris.wait()
        med.wait()
        elapsed = time.perf_counter() - t0
        med_err.seek(0)
        ris_err.seek(0)
        errors = med_err.read().decode(errors="replace") + ris_err.read().decode(errors="replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peaks = [int(m) for m in re.findall(r"^(\d+)$", errors, re.M)]
    peak_mb = max(peaks) / 1024 if peaks else float("nan")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"records": records, "seconds": elapsed, "cpu": cpu, "peak_mb": peak_mb}


def show(name: str, r: dict, floor: dict | None = None, bare: dict | None = None) -> None:
    if "error" in r:
        print(f"  {name:<26} skipped: {r['error']}")
        return
    rate = r["records"] / r["seconds"] if r["seconds"] else 0.0
    rel = ""
    if floor:
        rel = (f"  {rate / (floor['records'] / floor['seconds']):4.2f}x floor by wall-clock,"
               f" {floor['cpu'] / r['cpu'] * r['records'] / floor['records']:4.2f}x by total CPU")
        if bare and "error" not in bare:
            rel += f" ({rate / (bare['records'] / bare['seconds']):4.2f}x the bare pass)"
    workers = f" (+ workers: peak {r['worker_peak_mb']:5.1f} MB)" if r.get("worker_peak_mb") else ""
    print(f"  {name:<30} {r['records']:>7} rec {r['seconds']:7.1f} s {rate:7.0f} rec/s "
          f"cpu {r['cpu']:6.1f} s  peak {r['peak_mb']:6.1f} MB{workers}{rel}")


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
    ap.add_argument("--scale10", action="store_true", help="also run on a file 10x larger (streamed to disk)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is shown")
    ap.add_argument("--no-bibutils", action="store_true")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    jobs = f"{min(os.cpu_count() or 1, 4)} processes"
    modes = ["csl-json:j1", "csl-json", "csl-json:compact"] + (["ris"] if have_ris() else [])
    if not have_ris():
        print("  (no ris writer yet: citeport -> ris skipped)")
    sizes = [args.records] + ([args.records * 10] if args.scale10 else [])
    for n in sizes:
        path = generate(n)
        repeat = args.repeat if n == args.records else 1  # the 10x file: once is long enough
        print(f"{path.name}: {n} records, {path.stat().st_size / 1e6:.0f} MB, best of {repeat}")
        # The 10x file shows memory and scaling: the floor and the default CSL-JSON run suffice.
        results = {m: None for m in ["iterparse", "iterparse-bare", *(modes if n == args.records else modes[:2])]}
        for _ in range(repeat):  # interleaved, so that a busy minute hurts every mode alike
            for mode in results:
                r = run_child(mode, path)
                old = results[mode]
                if old is None or "error" in old or ("error" not in r and r["seconds"] < old["seconds"]):
                    if old and "error" not in old and "error" not in r:
                        r["peak_mb"] = max(r["peak_mb"], old["peak_mb"])
                        r["worker_peak_mb"] = max(r.get("worker_peak_mb", 0), old.get("worker_peak_mb", 0))
                    results[mode] = r
        floor = results.pop("iterparse")
        bare = results.pop("iterparse-bare")
        show("lxml iterparse (floor)", floor)
        show("  (bare iterparse, all events)", bare)
        for mode, r in results.items():
            label = {"csl-json:j1": "citeport -> csl-json, 1 process", "csl-json": f"citeport -> csl-json, {jobs}",
                     "csl-json:compact": f"  ... compact, {jobs}", "ris": f"citeport -> ris, {jobs}"}[mode]
            show(label, r, floor if "error" not in floor else None, bare)
        if not args.no_bibutils and n == args.records:
            show("bibutils med2xml|xml2ris", run_bibutils(path), floor if "error" not in floor else None)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
