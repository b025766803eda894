"""1,000-item bibliography, HTML, whole process: citeport vs citeproc-js in the same run.

    .venv/bin/python benchmarks/render_speed.py [--style apa] [--n 1000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from csl_agreement import citeproc_js, node_script  # noqa: E402


def items(n: int) -> list[dict]:
    base = json.loads((ROOT / "benchmarks" / "items" / "items.json").read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        it = dict(base[i % len(base)])
        it["id"] = f"r{i:05}"
        it["title"] = f"{it.get('title', '')} {i}"
        out.append(it)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", action="append")
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    from citeproc import LOCALES_PATH
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "items.json"
        data.write_text(json.dumps(items(args.n)), encoding="utf-8")
        for style in args.style or ["apa", "vancouver"]:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "citeport", "format", str(data), "-f", "csl-json",
                            "--style", style, "--output", "html", "-q", "-o", str(Path(tmp) / "ours.html")],
                           check=True, cwd=ROOT)
            ours = time.perf_counter() - t0
            pkg = citeproc_js()
            js = None
            if pkg:
                from citeport.render import resolve_style
                job = {"style": resolve_style(style).read_text(encoding="utf-8"), "items": json.loads(data.read_text()),
                       "formats": ["html"], "lang": "en-US", "write": str(Path(tmp) / "js.html"),
                       "localesDirs": [LOCALES_PATH]}
                (Path(tmp) / "job.json").write_text(json.dumps(job))
                t0 = time.perf_counter()
                with open(Path(tmp) / "job.json") as fh:
                    subprocess.run(["node", str(node_script())], stdin=fh, stdout=subprocess.DEVNULL, check=True,
                                   env={"CITEPROC_JS": str(pkg), "PATH": "/usr/bin:/bin"})
                js = time.perf_counter() - t0
            print(f"{style:12} {args.n} items html  citeport {ours:.2f} s" +
                  (f"  citeproc-js {js:.2f} s  ratio {ours / js:.2f}" if js else "  citeproc-js n/a"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
