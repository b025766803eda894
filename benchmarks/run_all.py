"""Run every benchmark once, in a size that finishes in minutes (``make bench``).

Each benchmark prints records/second and peak memory (or pass rates / agreement)
beside its peer where one exists; run a single script with ``--help`` for the
full-size options (e.g. ``pubmed_xml_bench.py --records 30000 --scale10``).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: (script, arguments) in the order a reader of the output wants them.
RUNS = (
    ("pubmed_xml_bench.py", ["--records", "30000"]),
    ("interchange_bench.py", ["--records", "2000", "--repeat", "1", "--timeout", "60"]),
    ("render_speed.py", ["--n", "1000"]),
    ("page_text_bench.py", ["--records", "1200"]),
    ("csl_suite.py", []),
    ("csl_agreement.py", ["--show", "0"]),
    ("gold_agreement_bib.py", []),
    (str(ROOT / "tests" / "gold_ris_endnote.py"), []),
)


def main() -> int:
    failed = 0
    for script, args in RUNS:
        path = Path(script) if Path(script).is_absolute() else HERE / script
        print(f"\n=== {path.name} {' '.join(args)}", flush=True)
        proc = subprocess.run([sys.executable, str(path), *args], cwd=ROOT)
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
