"""Agreement of citeport's in-text citations (clusters) with citeproc-js, per style, text and HTML.

    .venv/bin/python benchmarks/csl_clusters.py --items benchmarks/items/heldout2.json \
        --clusters benchmarks/items/heldout2_clusters.json [--style apa] [--show 5]
    .venv/bin/python benchmarks/csl_clusters.py --items benchmarks/items/heldout3.json \
        --clusters benchmarks/items/heldout3_clusters.json --style chicago-notes-bibliography
    .venv/bin/python benchmarks/csl_clusters.py --items benchmarks/items/heldout3.json \
        --clusters benchmarks/items/heldout3_clusters.json --style apa --locale fr-FR

Clusters are lists of citeproc-js citation items ({"id", "locator", "label", "prefix", "suffix",
"suppress-author"}); cluster n is note n. citeproc-js processes them in order with every item
registered first (as citeport's bibliography does), and the final text of each cluster is compared.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from csl_agreement import NODE_PRELUDE  # noqa: E402  (the shared citeproc-js set-up)

NODE_SCRIPT = NODE_PRELUDE + r"""const out = {};
for (const fmt of job.formats) {
  const engine = new CSL.Engine(sys, job.style, job.lang, !!job.forceLang);
  engine.setOutputFormat(fmt);
  engine.updateItems(job.items.map((i) => i.id));
  const done = [], text = {};
  job.clusters.forEach((cl, n) => {
    const citation = {citationID: 'c' + n, citationItems: cl, properties: {noteIndex: n + 1}};
    const r = engine.processCitationCluster(citation, done.slice(), []);
    for (const [, s, id] of r[1]) text[id] = s;
    done.push(['c' + n, n + 1]);
  });
  out[fmt] = job.clusters.map((_, n) => text['c' + n]);
}
process.stdout.write(JSON.stringify(out));
"""


def run_js(style_xml: str, items: list, clusters: list, formats: list[str], lang: str | None = None) -> dict:
    """citeproc-js clusters; *lang* forces a locale over the style's default-locale."""
    from citeproc import LOCALES_PATH

    from csl_agreement import citeproc_js, node_script

    pkg = citeproc_js()
    if pkg is None:
        raise SystemExit("citeproc-js not available (needs node and npm)")
    script = node_script("clusters_citeproc_js.js", NODE_SCRIPT)
    job = {"style": style_xml, "items": items, "clusters": clusters, "formats": formats, "lang": lang or "en-US", "forceLang": bool(lang),
           "localesDirs": [LOCALES_PATH, "/usr/share/citation-style-language/locales"]}
    r = subprocess.run(["node", str(script)], input=json.dumps(job), capture_output=True, text=True,
                       env=dict(os.environ, CITEPROC_JS=str(pkg)))
    if r.returncode:
        raise RuntimeError(r.stderr[-2000:])
    return json.loads(r.stdout)


def refs(clusters: list) -> list:
    from citeport.render import CiteRef

    return [[CiteRef(str(c["id"]), c.get("locator"), c.get("label") or "page", c.get("prefix") or "",
                     c.get("suffix") or "", bool(c.get("suppress-author")), False, n)
             for c in cl] for n, cl in enumerate(clusters, 1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", action="append", help="style(s) to compare (default: the 8 bundled)")
    ap.add_argument("--show", type=int, default=3, help="differences to print per style")
    ap.add_argument("--diff-format", default="text", choices=("text", "html"))
    ap.add_argument("--items", default=str(ROOT / "benchmarks" / "items" / "heldout2.json"))
    ap.add_argument("--clusters", default=str(ROOT / "benchmarks" / "items" / "heldout2_clusters.json"))
    ap.add_argument("--locale", help="locale forced on every style (default: each style's default-locale)")
    args = ap.parse_args()

    from csl_agreement import STYLES, norm_html, style_xml

    from citeport.render import Processor

    items = json.loads(Path(args.items).read_text(encoding="utf-8"))
    clusters = json.loads(Path(args.clusters).read_text(encoding="utf-8"))
    print(f"{len(clusters)} clusters over {len(items)} items; citeport vs citeproc-js (identical / total)")
    worst = 100.0
    for style in args.style or STYLES:
        js = run_js(style_xml(style), items, clusters, ["text", "html"], args.locale)
        line, diffs = [f"{style:32}"], []
        for fmt in ("text", "html"):
            mine = Processor(style, args.locale, fmt).citations(items, refs(clusters))
            pairs = [(n, (t or "").strip(), (m or "").strip()) for n, (t, m) in enumerate(zip(js[fmt], mine))]
            if fmt == "html":
                pairs = [(n, norm_html(t), norm_html(m)) for n, t, m in pairs]
            same = sum(1 for _n, t, m in pairs if t == m)
            pct = 100.0 * same / max(len(pairs), 1)
            worst = min(worst, pct)
            line.append(f"{fmt} {same}/{len(pairs)} ({pct:.1f}%)")
            if fmt == args.diff_format:
                diffs = [(n, t, m) for n, t, m in pairs if t != m]
        print("  ".join(line))
        for n, t, m in diffs[: args.show]:
            print(f"    cluster {n + 1} {[c['id'] for c in clusters[n]]}\n      js: {t}\n      us: {m}")
    print(f"worst style: {worst:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
