"""RIS and BibTeX reading speed and memory: citeport beside citation-js, pandoc and bibutils.

    .venv/bin/python benchmarks/interchange_bench.py [--records 5000] [--repeat 3]

Builds a RIS file and a BibTeX file of N records (gitignored, in benchmarks/data/) from a mix of
real items: the CSL-JSON files of ../shared/corpus (every CSL type the corpus has) and the
PubMed records of the PubMed XML benchmark, cycled with distinct ids and written by citeport's
own writers, so that every peer can read every record.  A run longer than ``--timeout`` seconds is
given up (citation-js's RIS reader took 317 s and 2.8 GB for 5,000 records here, and produced
nothing).  Then each tool reads the file into its
own model, in its own process (wall-clock from start to exit, so start-up counts; peak memory is
that process's max RSS from /usr/bin/time):

* RIS:    ``citeport convert -t csl-json``, citation-js (``@citation-js/plugin-ris``, Node),
          bibutils ``ris2xml`` (to MODS);
* BibTeX: ``citeport convert -t csl-json``, pandoc (``-f bibtex -t csljson``), citation-js
          (``@citation-js/plugin-bibtex``), bibutils ``bib2xml``.

Each figure is the best of ``--repeat`` interleaved runs.  Records out are counted from each
tool's output, so a tool that drops records shows it.  A peer that is not installed is skipped
with the reason (``.ci/run`` installs them; see tests/peers/).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
SHARED = Path(os.environ.get("CITEPORT_SHARED", ROOT.parent / "shared"))
PEERS = ROOT / "tests" / "peers"
NODE_MODULES = ROOT / ".peers" / "node_modules" / "@citation-js"
sys.path.insert(0, str(ROOT / "src"))

import citeport  # noqa: E402


def source_items() -> list[dict[str, Any]]:
    """Real items of many types: the corpus CSL-JSON files, then the PubMed mix's first records."""
    items: list[dict[str, Any]] = []
    for path in sorted((SHARED / "corpus" / "csl-json").glob("*/*.json")):
        if ".expected." in path.name:
            continue
        try:
            items.extend(citeport.read(str(path), "csl-json"))
        except Exception:  # a deliberately broken corpus file: not benchmark material
            continue
    pubmed = DATA / "pubmed-mix-3000.xml"
    if not pubmed.exists():
        sys.path.insert(0, str(HERE))
        from pubmed_xml_bench import generate  # the same generator as the PubMed benchmark

        pubmed = generate(3000)
    items.extend(citeport.read(str(pubmed), "pubmed-xml", jobs=1))
    return [i for i in items if i.get("title")]


def build(fmt: str, n: int) -> Path:
    ext = {"ris": "ris", "bibtex": "bib"}[fmt]
    path = DATA / f"interchange-{n}.{ext}"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    pool = source_items()
    items = []
    for k in range(n):
        item = dict(pool[k % len(pool)])
        item["id"] = f"r{k}"
        item.pop("citation-key", None)
        items.append(item)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        citeport.write(items, fmt, out=out, ctx=citeport.Context(sink=lambda d: None))
    tmp.rename(path)
    return path


def count_json(out: bytes) -> int:
    data = json.loads(out or b"[]")
    return len(data) if isinstance(data, list) else 1


def count_mods(out: bytes) -> int:
    return len(re.findall(rb"<mods[\s>]", out))


def tools(fmt: str, path: Path) -> list[tuple[str, list[str] | str, Callable[[bytes], int]]]:
    """(name, command or a reason it cannot run, record counter) per tool."""
    node = shutil.which("node")
    cite_js = PEERS / ("ris2csl.js" if fmt == "ris" else "citationjs_bibtex.js")
    plugin = NODE_MODULES / ("plugin-ris" if fmt == "ris" else "plugin-bibtex")
    have_cjs = bool(node) and plugin.exists()
    bibutils = "ris2xml" if fmt == "ris" else "bib2xml"
    runs: list[tuple[str, list[str] | str, Callable[[bytes], int]]] = [
        ("citeport", [sys.executable, "-m", "citeport", "convert", str(path), "-t", "csl-json", "-q"], count_json),
        ("citation-js", [node or "node", str(cite_js), f"<{path}"] if have_cjs
         else "citation-js not installed (npm install --prefix .peers @citation-js/core ...)", count_json),
    ]
    if fmt == "bibtex":
        runs.append(("pandoc", ["pandoc", "-f", "bibtex", "-t", "csljson", str(path)] if shutil.which("pandoc")
                     else "pandoc not installed (apt-get install pandoc)", count_json))
    runs.append((bibutils, [bibutils, str(path)] if shutil.which(bibutils)
                 else "bibutils not installed (apt-get install bibutils)", count_mods))
    return runs


def measure(cmd: list[str], timeout: float) -> dict[str, Any]:
    stdin = None
    if cmd[-1].startswith("<"):  # node reads the file on stdin
        stdin = open(cmd[-1][1:], "rb")
        cmd = cmd[:-1]
    timer = ["/usr/bin/time", "-f", "%M %U %S"] if os.path.exists("/usr/bin/time") else []
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        try:
            proc = subprocess.run([*timer, *cmd], stdin=stdin, stdout=subprocess.PIPE, stderr=err,
                                  env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, cwd=ROOT, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"gave up after {timeout:.0f} s"}
        finally:
            if stdin:
                stdin.close()
        elapsed = time.perf_counter() - t0
        err.seek(0)
        errors = err.read().decode(errors="replace")
    m = re.search(r"^(\d+) ([\d.]+) ([\d.]+)\s*$", errors, re.M)
    if proc.returncode not in (0, 1, 3) and not proc.stdout:
        return {"error": (errors.strip().splitlines() or ["failed"])[-1][:120]}
    return {"seconds": elapsed, "stdout": proc.stdout, "peak_mb": int(m.group(1)) / 1024 if m else float("nan"),
            "cpu": float(m.group(2)) + float(m.group(3)) if m else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120, help="seconds a tool may take for one run")
    args = ap.parse_args()
    for fmt in ("ris", "bibtex"):
        path = build(fmt, args.records)
        print(f"{fmt}: {path.name}, {args.records} records, {path.stat().st_size / 1e6:.1f} MB, "
              f"best of {args.repeat}")
        runs = tools(fmt, path)
        best: dict[str, dict[str, Any]] = {}
        for _ in range(args.repeat):  # interleaved: a busy moment hits every tool alike
            for name, cmd, counter in runs:
                if isinstance(cmd, str):
                    best[name] = {"error": cmd}
                    continue
                if "error" in best.get(name, {}):
                    continue  # it failed or gave up once: not again
                r = measure(cmd, args.timeout)
                if "error" not in r:
                    r["records"] = counter(r.pop("stdout"))
                if name not in best or ("error" not in r and r["seconds"] < best[name].get("seconds", 1e9)):
                    best[name] = r
        for name, _cmd, _counter in runs:
            r = best[name]
            if "error" in r:
                print(f"  {name:<12} skipped: {r['error']}")
                continue
            rate = r["records"] / r["seconds"] if r["seconds"] else 0.0
            print(f"  {name:<12} {r['records']:>6} rec out {r['seconds']:6.2f} s {rate:7.0f} rec/s "
                  f"cpu {r['cpu']:6.2f} s  peak {r['peak_mb']:6.1f} MB")


if __name__ == "__main__":
    main()
