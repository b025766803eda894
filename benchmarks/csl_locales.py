"""Agreement with citeproc-js per style x locale: English styles under other locales, and styles
whose default-locale is not English (in their own locale), bibliography in text and HTML.

    .venv/bin/python benchmarks/csl_locales.py --items benchmarks/items/heldout3.json
    .venv/bin/python benchmarks/csl_locales.py --items benchmarks/items/heldout2.json \
        --style apa --locale de-DE --locale ja-JP --show 3

``--locale default`` renders a style in its own default-locale (the default for non-English styles).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from csl_agreement import norm_html, norm_text, run_js, style_xml  # noqa: E402

#: English styles, each run under every LOCALES entry.
EN_STYLES = ["apa", "chicago-author-date", "modern-language-association", "vancouver", "ieee"]
LOCALES = ["de-DE", "fr-FR", "es-ES", "pt-BR", "it-IT", "nl-NL", "pl-PL", "ru-RU", "ja-JP", "zh-CN",
           "ko-KR", "tr-TR", "sv-SE"]
#: Styles written for other languages, run in their own default-locale.
NATIVE_STYLES = ["din-1505-2", "deutsche-gesellschaft-fur-psychologie", "iso690-author-date-de",
                 "iso690-author-date-fr", "iso690-author-date-es", "gost-r-7-0-5-2008",
                 "gost-r-7-0-5-2008-numeric", "associacao-brasileira-de-normas-tecnicas", "sist02",
                 "china-national-standard-gb-t-7714-2015-numeric",
                 "china-national-standard-gb-t-7714-2015-author-date", "apa-fr-provost",
                 "harvard-fachhochschule-salzburg"]


def compare(style: str, locale: str | None, items: list) -> tuple[dict, list]:
    """{fmt: (same, total)} and the text differences, for one style in one locale (None: default)."""
    from citeport.model.diagnostics import Context
    from citeport.render import Processor

    js = run_js(style_xml(style), items, ["text", "html"], locale or "en-US", force_lang=bool(locale))
    res, diffs = {}, []
    for fmt, norm in (("text", norm_text), ("html", norm_html)):
        mine = dict(Processor(style, locale, fmt, Context(source="locales")).entries(items))
        theirs = {i.lower(): norm(e) for i, e in zip(js[fmt]["ids"], js[fmt]["entries"])}
        res[fmt] = (sum(1 for k, v in theirs.items() if norm(mine.get(k, "")) == v), len(theirs))
        if fmt == "text":
            diffs = [(k, v, norm(mine.get(k, ""))) for k, v in theirs.items() if norm(mine.get(k, "")) != v]
    return res, diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", default=str(ROOT / "benchmarks" / "items" / "heldout3.json"))
    ap.add_argument("--style", action="append", help="style(s) (default: EN_STYLES x LOCALES, then NATIVE_STYLES)")
    ap.add_argument("--locale", action="append", help="locale(s); 'default' = the style's own")
    ap.add_argument("--show", type=int, default=0, help="text differences to print per run")
    args = ap.parse_args()
    items = json.loads(Path(args.items).read_text(encoding="utf-8"))
    if args.style:
        runs = [(s, loc) for s in args.style for loc in (args.locale or ["default"])]
    else:
        runs = [(s, loc) for s in EN_STYLES for loc in (args.locale or LOCALES)]
        runs += [(s, "default") for s in NATIVE_STYLES]
    print(f"{len(items)} items; citeport vs citeproc-js (identical entries / total)")
    for style, loc in runs:
        res, diffs = compare(style, None if loc == "default" else loc, items)
        cells = "  ".join(f"{f} {s}/{t} ({100.0 * s / max(t, 1):.1f}%)" for f, (s, t) in res.items())
        print(f"{style:44} {loc:8} {cells}", flush=True)
        for k, v, m in diffs[: args.show]:
            print(f"    {k}\n      js: {v}\n      us: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
