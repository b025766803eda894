"""Agreement of citeport's bibliographies with citeproc-js, per bundled style, in text and HTML.

    .venv/bin/python benchmarks/csl_agreement.py [--style apa] [--show 3] [--items FILE]
    .venv/bin/python benchmarks/csl_agreement.py --items benchmarks/items/heldout3.json \
        --style turabian-notes-bibliography
    .venv/bin/python benchmarks/csl_agreement.py --items benchmarks/items/heldout3.json --style apa --locale de-DE

``--locale`` overrides the style's default-locale in both engines (citeproc-js with forceLang);
without it each style renders in its own default-locale (en-US when it has none).

A dependent style (turabian-notes-bibliography) is given to citeproc-js as its parent, as citeport renders it.

citeproc-js (npm ``citeproc``) is taken from .peers/ or installed into benchmarks/.cache/.
Prints identical/total entries per style and output, and the first differences.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CACHE = ROOT / "benchmarks" / ".cache"
STYLES = ["apa", "vancouver", "harvard-cite-them-right", "chicago-author-date",
          "modern-language-association", "american-medical-association", "ieee", "nature"]

#: The citeproc-js set-up both benchmarks share: the job (items, style, locales) arrives on stdin.
NODE_PRELUDE = r"""
const fs = require('fs'), path = require('path');
const CSL = require(process.env.CITEPROC_JS);
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = {}; for (const it of job.items) byId[it.id] = it;
const sys = {
  retrieveLocale: (lang) => { for (const d of job.localesDirs) { const f = path.join(d, `locales-${lang}.xml`);
      if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8'); } return false; },
  retrieveItem: (id) => byId[id],
};
"""
NODE_SCRIPT = NODE_PRELUDE + r"""const out = {};
for (const fmt of job.formats) {
  const t0 = Date.now();
  const engine = new CSL.Engine(sys, job.style, job.lang, !!job.forceLang);
  engine.setOutputFormat(fmt);
  engine.updateItems(job.items.map((i) => i.id));
  const bib = engine.makeBibliography();
  const r = {entries: bib ? bib[1] : [], ids: bib ? bib[0].entry_ids.map((x) => x[0]) : []};
  if (r.ids.length !== r.entries.length) {  // empty entries are left out of bib[1] but not of entry_ids
    const one = new CSL.Engine(sys, job.style, job.lang, !!job.forceLang);
    one.setOutputFormat(fmt);
    r.ids = r.ids.filter((id) => { one.updateItems([id]); const b = one.makeBibliography(); return b && b[1].length; });
  }
  if (job.citations) r.citations = job.items.map((i) => engine.makeCitationCluster([{id: i.id}]));
  if (job.write) { fs.writeFileSync(job.write, bib[0].bibstart + bib[1].join('') + bib[0].bibend); }
  r.ms = Date.now() - t0;
  out[fmt] = r;
}
process.stdout.write(JSON.stringify(out));
"""


def citeproc_js() -> Path | None:
    """The citeproc-js package directory, installing it into benchmarks/.cache if needed."""
    for base in (ROOT / ".peers", CACHE):
        p = base / "node_modules" / "citeproc"
        if (p / "package.json").is_file():
            return p
    if not shutil.which("node") or not shutil.which("npm"):
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--silent", "--prefix", str(CACHE), "citeproc"], check=False)
    p = CACHE / "node_modules" / "citeproc"
    return p if p.is_dir() else None


def node_script(name: str = "render_citeproc_js.js", text: str = NODE_SCRIPT) -> Path:
    """The citeproc-js driver *text* as a file in the cache (rewritten when the benchmark changed it)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    f = CACHE / name
    if not f.is_file() or f.read_text() != text:
        f.write_text(text)
    return f


def run_js(style_xml: str, items: list, formats: list[str], lang: str = "en-US", write: str | None = None,
           force_lang: bool = False) -> dict:
    """citeproc-js output; the style's default-locale wins unless *force_lang* (as in citeport)."""
    from citeproc import LOCALES_PATH

    pkg = citeproc_js()
    if pkg is None:
        raise SystemExit("citeproc-js not available (needs node and npm)")
    job = {"style": style_xml, "items": items, "formats": formats, "lang": lang, "write": write, "forceLang": force_lang,
           "localesDirs": [LOCALES_PATH, "/usr/share/citation-style-language/locales"]}
    env = dict(os.environ, CITEPROC_JS=str(pkg))
    r = subprocess.run(["node", str(node_script())], input=json.dumps(job), capture_output=True,
                       text=True, env=env)
    if r.returncode:
        raise RuntimeError(r.stderr[-2000:])
    return json.loads(r.stdout)


def style_xml(style: str) -> str:
    """The XML citeproc-js gets: a dependent style's parent, as citeport renders with it."""
    from citeport.render.engine import load_style

    loaded = load_style(style)
    return (loaded.parent or loaded.path).read_text(encoding="utf-8")


def norm_html(s: str) -> str:
    s = re.sub(r">\s*\n\s*<", "><", s.strip())
    s = re.sub(r'^<div class="csl-entry">(.*)</div>$', r"\1", s, flags=re.S)
    return s.strip()


def norm_text(s: str) -> str:
    return s.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", action="append", help="style(s) to compare (default: the 8 bundled)")
    ap.add_argument("--show", type=int, default=3, help="differences to print per style")
    ap.add_argument("--diff-format", default="text", choices=("text", "html"), help="differences shown for")
    ap.add_argument("--items", default=str(ROOT / "benchmarks" / "items" / "items.json"))
    ap.add_argument("--locale", help="locale forced on every style (default: each style's default-locale)")
    args = ap.parse_args()

    from citeport.model.diagnostics import Context
    from citeport.render import Processor

    items = json.loads(Path(args.items).read_text(encoding="utf-8"))
    worst = 100.0
    print(f"{len(items)} items; citeport vs citeproc-js (identical entries / total)")
    for style in args.style or STYLES:
        js = run_js(style_xml(style), items, ["text", "html"], args.locale or "en-US",
                    force_lang=bool(args.locale))
        line = [f"{style:32}"]
        diffs = []
        for fmt, norm in (("text", norm_text), ("html", norm_html)):
            ctx = Context(source="agreement")
            mine = dict(Processor(style, args.locale, fmt, ctx).entries(items))
            theirs = {i.lower(): norm(e) for i, e in zip(js[fmt]["ids"], js[fmt]["entries"])}
            same = sum(1 for k, v in theirs.items() if norm(mine.get(k, "")) == v)
            total = len(theirs)
            pct = 100.0 * same / max(total, 1)
            worst = min(worst, pct)
            line.append(f"{fmt} {same}/{total} ({pct:.1f}%)")
            if fmt == args.diff_format:
                diffs = [(k, v, norm(mine.get(k, ""))) for k, v in theirs.items() if norm(mine.get(k, "")) != v]
            if fmt == "text":
                order_same = [i.lower() for i in js[fmt]["ids"]] == [k for k, v in mine.items() if v.strip()]
        line.append("order same" if order_same else "order differs")
        print("  ".join(line))
        for k, v, m in diffs[: args.show]:
            print(f"    {k}\n      js: {v}\n      us: {m}")
    print(f"worst style: {worst:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
