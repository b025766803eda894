"""Run the CSL test suite through citeport's renderer; print the pass rate per category.

    .venv/bin/python benchmarks/csl_suite.py [--suite DIR] [--only PREFIX] [--failures] [--list-passing]

Fixtures are ``humans/*.txt`` of the official suite (../shared/csl-test-suite by default).
Output is HTML, compared with RESULT after trimming; CITATIONS (incremental note-position)
fixtures are run as plain clusters.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT = ROOT.parent / "shared" / "csl-test-suite" / "humans"
_SECTION = re.compile(r">>=+ *([A-Z-]+) *=+>>\n(.*?)\n<<=+ *\1 *=+<<", re.S)


def parse_fixture(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in _SECTION.finditer(text)}


def _refs(cluster: list, note: int | None = None) -> list:
    from citeport.render import CiteRef

    return [CiteRef(str(c["id"]), str(c["locator"]) if c.get("locator") not in (None, "") else None,
                    c.get("label") or "page", c.get("prefix") or "", c.get("suffix") or "",
                    bool(c.get("suppress-author")), bool(c.get("author-only")), note)
            for c in cluster if "id" in c]


def run_fixture(fx: dict) -> str:
    """citeport's output for one fixture (HTML)."""
    from citeport.render import Processor
    from citeport.render.outputs import get_formatter

    items = json.loads(fx["INPUT"])
    for n, it in enumerate(items, 1):  # the suite's runner numbers items that have no id
        it.setdefault("id", f"ITEM-{n}")
    mode = fx.get("MODE", "citation").strip()
    proc = Processor(fx["CSL"], None, "html")
    if mode.startswith("bibliography"):
        fmt = get_formatter("html")
        return fmt.wrap([fmt.entry(e) for e in proc.bibliography(items)]).strip()
    if "CITATION-ITEMS" in fx:
        clusters = [_refs(c) for c in json.loads(fx["CITATION-ITEMS"])]
    elif "CITATIONS" in fx:
        # processCitationCluster calls: each (citation, pre, post) leaves the document as
        # pre + [citation] + post; a citationID seen again replaces the earlier citation
        found: dict = {}
        doc: list = []
        for n, (cit, pre, post) in enumerate(json.loads(fx["CITATIONS"])):
            cid = cit.get("citationID") or f"c{n}"
            found[cid] = cit
            doc = [p[0] for p in pre] + [cid] + [p[0] for p in post]
        clusters = [_refs(found[c]["citationItems"], (found[c].get("properties") or {}).get("noteIndex") or None)
                    for c in doc if c in found]
        out = proc.citations(items, clusters)
        return "\n".join(f"..[{n}] {t}" for n, t in enumerate(out))
    else:
        clusters = [_refs([{"id": i["id"]} for i in items])]
    return "\n".join(proc.citations(items, clusters)).strip()


def norm(s: str) -> str:
    s = re.sub(r">\s*\n\s*<", "><", s.strip())
    return re.sub(r"^(\.\.|>>)\[", "..[", s, flags=re.M)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", default=str(DEFAULT))
    ap.add_argument("--only", help="fixture name prefix")
    ap.add_argument("--failures", action="store_true", help="print each failing fixture")
    ap.add_argument("--list-passing", action="store_true")
    args = ap.parse_args()
    files = sorted(Path(args.suite).glob("*.txt"))
    if args.only:
        files = [f for f in files if f.name.startswith(args.only)]
    if not files:
        print(f"no fixtures in {args.suite}")
        return 1
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    passing = []
    t0 = time.perf_counter()
    for f in files:
        cat = f.name.split("_")[0]
        fx = parse_fixture(f)
        stats[cat][1] += 1
        try:
            got = run_fixture(fx)
        except Exception as exc:  # counted, never fatal
            stats[cat][2] += 1
            if args.failures:
                print(f"ERROR {f.name}: {type(exc).__name__}: {exc}")
            continue
        if norm(got) == norm(fx.get("RESULT", "")):
            stats[cat][0] += 1
            passing.append(f.name)
        elif args.failures:
            print(f"FAIL {f.name}\n  want: {norm(fx.get('RESULT', ''))[:300]}\n  got:  {norm(got)[:300]}")
    total = [sum(v[i] for v in stats.values()) for i in range(3)]
    for cat, (ok, n, err) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
        print(f"{cat:14} {ok:4}/{n:<4} {100.0 * ok / n:5.1f}%" + (f"  ({err} errors)" if err else ""))
    print(f"{'TOTAL':14} {total[0]:4}/{total[1]:<4} {100.0 * total[0] / total[1]:5.1f}%  "
          f"exceptions: {total[2]}  ({time.perf_counter() - t0:.1f} s)")
    if args.list_passing:
        print("\n".join(passing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
