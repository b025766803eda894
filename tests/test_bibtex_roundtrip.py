"""Round trips over the whole corpus: X -> CSL-JSON -> X -> CSL-JSON gives the same CSL-JSON.

For BibTeX, BibLaTeX, CSL-JSON and CSL-YAML.  What a writer cannot hold is
reported as a loss; the only normalisation here is the case protection the
BibTeX writers add on purpose (an acronym "DNA" comes back as a nocase span,
which renders identically), "&amp;" for "&" and a season's name for its number.  Every other
changed field must be one the writer named in a loss for that record (``ctx.loss``).
"""
from __future__ import annotations

import re

import pytest

import citeport
from citeport.model.diagnostics import LOSS_CODES, Context
from conftest import shared_path

FLAVOURS = {"bibtex": "bibtex", "biblatex": "biblatex", "csl-json": "csl-json",
            "csl-yaml (markdown front matter)": "csl-yaml"}
_NOCASE_WORD = re.compile(r'<span class="nocase">([^<\s]+)</span>')
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def corpus_files():
    manifest = shared_path("corpus", "MANIFEST.tsv")
    for row in manifest.read_text(encoding="utf-8").splitlines()[1:]:
        cols = row.split("\t")
        if cols[1] in FLAVOURS:
            yield manifest.parent / cols[0], FLAVOURS[cols[1]]


def _norm(value):
    """What renders the same: a word the writer braced (nocase), "&amp;" and "&", "Summer" and season 2,
    and spaces around a paragraph break (TeX reads white space, not its amount)."""
    if isinstance(value, str):
        return re.sub(r"[ \t]*\n[ \t]*", "\n", _NOCASE_WORD.sub(r"\1", value).replace("&amp;", "&"))
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) if k != "season" else _SEASONS.get(str(v).lower(), v) for k, v in value.items()}
    return value


def _differences(a: dict, b: dict) -> set[str]:
    fields = {k for k in set(a) | set(b) if k != "id" and _norm(a.get(k)) != _norm(b.get(k))}
    if "citation-key" in fields and not a.get("citation-key"):
        fields.discard("citation-key")  # a BibTeX entry needs a key: the writer makes one
    return fields


def round_trip(target: str):
    """Per corpus file: records, identical ones, and differences no reported loss explains."""
    checked, records, same, explained, unexplained = 0, 0, 0, 0, []
    for path, fmt in corpus_files():
        first = citeport.read(path, fmt)
        if not first:
            continue
        ctx = Context()
        text = citeport.write(first, target, ctx=ctx)
        second = citeport.read(text, target)
        checked += 1
        if len(first) != len(second):
            unexplained.append((path.name, "*", f"{len(first)} records became {len(second)}"))
            continue
        lost: dict[str, set[str]] = {}
        for d in ctx.diagnostics:
            if d.code in LOSS_CODES and d.field:
                lost.setdefault(str(d.record), set()).add(d.field.split(".")[0])
        for a, b in zip(first, second):
            records += 1
            diff = _differences(a, b)
            if not diff:
                same += 1
                continue
            label = str(a.get("citation-key") or a.get("id") or "record")
            missing = diff - lost.get(label, set())
            if missing:
                unexplained.append((path.name, label, sorted(missing)))
            else:
                explained += 1
    return checked, records, same, explained, unexplained


@pytest.mark.parametrize("target", ["bibtex", "biblatex", "csl-json", "csl-yaml"])
def test_round_trip_over_corpus(target):
    """Identical, or every changed field named by a loss the writer reported for that record."""
    checked, records, same, explained, unexplained = round_trip(target)
    assert checked > 100
    print(f"{target}: {same}/{records} records identical after the round trip, {explained} differ only "
          f"where the loss report says so")
    assert not unexplained, unexplained[:10]
    if target.startswith("csl"):
        assert same == records
