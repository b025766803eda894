"""Round trips of held-out items of every CSL type through every writer: nothing lost unreported.

The items come from tests/roundtrip_items.py (90 items, every CSL 1.0.2 type and variable).  Each
item is read as CSL-JSON (the baseline), written alone in a format, and read back.  A field that
changed or vanished must be named by a loss report (write or read side) for that record; a
reported loss that did not happen is noise.  The written files are checked for validity.
"""
from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

import citeport
from citeport import api
from citeport.model.diagnostics import Context

from roundtrip_items import ALL_VARS, COMPAT_VARS, TYPES, coverage, items

WRITERS = ("ris", "bibtex", "biblatex", "endnote-xml", "jats", "medline", "csl-json", "csl-yaml")
ITEMS = items()


def baseline(item: dict[str, Any]) -> dict[str, Any]:
    """The item as citeport reads it from a CSL-JSON file (what a user converts from)."""
    return citeport.read(json.dumps([item]), "csl-json")[0]


def flatten(item: dict[str, Any]) -> dict[str, Any]:
    """Top-level variables, with custom split per key and custom.tags per tag (how losses name them)."""
    flat = {k: v for k, v in item.items() if k != "custom"}
    custom = item.get("custom") or {}
    for key, val in custom.items():
        if key == "tags" and isinstance(val, dict):
            flat.update({f"custom.tags.{tag}": v for tag, v in val.items()})
        else:
            flat[f"custom.{key}"] = val
    return flat


def covers(reported: str, changed: str) -> bool:
    return reported == changed or changed.startswith(reported + ".") or reported.startswith(changed + ".")


def _text(value: Any) -> str:
    return re.sub(r"<[^>]+>", "", json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value)


def _norm(value: Any) -> Any:
    """Runs of spaces are one space to every reader (XML, TeX, RIS continuation) and to citeproc."""
    if isinstance(value, str):
        return re.sub(r"[ \t]+", " ", value).strip()
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def round_trip(item: dict[str, Any], fmt: str) -> tuple[list[str], str]:
    """(problems, written text) for one item: unreported changes, and 'dropped' reports of values that came back.

    Not counted as changes: runs of spaces (every reader collapses them), custom keys the reader derived
    (absent before), a container-title filled from container-title-short (conventions), the record id (BibTeX writes its own keys, MEDLINE has none) and a citation-key
    the reader took from the entry key; a note that gained lines for variables reported as written to the
    note/N1; a kept tag holding a value whose variable was reported.  A 'down-converted' report of a value
    that came back is no noise: the writer put it where other tools do not read it (csl-* fields, N1).
    """
    base = baseline(item)
    ctx = Context()
    text = api.write([base], fmt, ctx=ctx)
    back_records = citeport.read(text, fmt)
    assert len(back_records) == 1, (fmt, item["id"], text)
    back = back_records[0]
    diags = [d for d in [*ctx.diagnostics, *back_records.diagnostics] if d.is_loss]
    reported = {d.field or "" for d in diags}
    before, after = flatten(base), flatten(back)
    changed = {k for k in before.keys() | after.keys() if _norm(before.get(k)) != _norm(after.get(k))} - {"id"}
    # Derived additions are no loss: PT from the type, custom.issn from ISSN, a kept SO line...
    changed -= {k for k in changed if k.startswith("custom.") and k not in before}
    if "container-title" not in before and after.get("container-title") == before.get("container-title-short"):
        changed.discard("container-title")  # conventions: only the abbreviation known -> both hold it
    if "citation-key" not in before and after.get("citation-key") == back.get("id"):
        changed.discard("citation-key")
    moved_texts = [_text(before[r]) for r in reported if r in before and r in changed]

    def explained(key: str) -> bool:
        if any(covers(r, key) for r in reported):
            return True
        if key == "note" and any(re.search(r"\bN1\b|\bnote\b", d.message) for d in diags):
            return True
        added = _text(after.get(key)) if before.get(key) is None else ""
        return bool(added) and any(t and t in added for t in moved_texts)

    problems = [f"{item['id']} {item['type']}: {k} unreported: {before.get(k)!r} -> {after.get(k)!r}"
                for k in sorted(changed) if not explained(k)]
    dropped = {d.field for d in diags if d.code == "dropped" and d.field}
    problems += [f"{item['id']} {item['type']}: {r} reported dropped, came back" for r in sorted(dropped)
                 if not any(covers(r, k) for k in changed)]
    return problems, text


def test_the_items_use_every_type_and_variable():
    types, variables = coverage(ITEMS)
    assert len(ITEMS) >= 80
    assert types == set(TYPES)
    assert variables >= set(ALL_VARS) | set(COMPAT_VARS)


#: Problems still open, per writer, by field (see the report of this round); a NEW kind of problem fails.
KNOWN: dict[str, set[str]] = {
    "ris": set(),
    "bibtex": set(),
    "biblatex": set(),
    "endnote-xml": set(),
    "jats": set(),
    "medline": set(), "csl-json": set(), "csl-yaml": set(),
}


def _kind(problem: str) -> str:
    field, _, rest = problem.split(": ", 1)[1].partition(" ")
    return field + ("+" if rest.startswith("reported dropped") else "")


@pytest.mark.parametrize("fmt", WRITERS)
def test_every_change_is_a_reported_loss(fmt):
    problems = [p for item in ITEMS for p in round_trip(item, fmt)[0]]
    new = [p for p in problems if _kind(p) not in KNOWN[fmt]]
    assert not new, "\n".join(new)


def _one(item: dict, fmt: str) -> tuple[dict, set[tuple[str, str]]]:
    ctx = Context()
    text = api.write([item], fmt, ctx=ctx)
    return citeport.read(text, fmt)[0], {(d.code, d.field) for d in ctx.diagnostics if d.is_loss}


UNPARSED = {"id": "p1", "type": "book", "title": "T", "citation-key": "fontaine1668",
            "author": [{"family": "de la Fontaine", "given": "Jean", "parse-names": False}],
            "language": "de-DE", "available-date": {"date-parts": [[2019, 11], [2020, 2]]}}


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml", "medline"])
def test_parse_names_false_and_citation_key_are_reported(fmt):
    # Was: "de la Fontaine, Jean" came back with a particle, and the cite key vanished, unreported.
    back, losses = _one(UNPARSED, fmt)
    assert back["author"] == [{"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"}]
    assert ("dropped", "author") in losses and ("dropped", "citation-key") in losses
    assert "citation-key" not in back


@pytest.mark.parametrize("fmt", ["endnote-xml", "medline"])
def test_a_language_region_is_a_reported_down_conversion(fmt):
    back, losses = _one(UNPARSED, fmt)
    assert back["language"] == "de" and ("down-converted", "language") in losses
    _, losses = _one({**UNPARSED, "language": "de"}, fmt)
    assert ("down-converted", "language") not in losses


def test_medline_dep_range_keeps_its_start_and_title_short_is_reported():
    # Was: DEP "201911/202002" read back as a literal date; title-short dropped without a word.
    back, losses = _one({**UNPARSED, "title-short": "Short"}, "medline")
    assert back["available-date"] == {"date-parts": [[2019, 11]]}
    assert ("down-converted", "available-date") in losses and ("dropped", "title-short") in losses


def test_endnote_issued_range_across_years_and_span_markup():
    # Was: <date>Nov-2020 Feb</date> read back as 2019 alone; small caps/nocase removed unreported.
    item = {"id": "e1", "type": "report", "title": 'A <span style="font-variant:small-caps;">Caps</span> <i>x</i>',
            "issued": {"date-parts": [[2019, 11], [2020, 2]]}}
    back, losses = _one(item, "endnote-xml")
    assert back["issued"] == item["issued"]
    assert back["title"] == "A Caps <i>x</i>" and ("down-converted", "title") in losses


def test_written_files_are_valid():
    from lxml import etree

    base = [baseline(item) for item in ITEMS]
    ris = api.write(base, "ris", ctx=Context(), newline="\n")
    tag = re.compile(r"[A-Z][A-Z0-9]  - ")
    assert all(tag.match(line) or not tag.match(line[:6] + "x") for line in ris.splitlines())
    assert ris.count("\nER  - \n") + ris.startswith("ER  - ") == len(base)
    medline = api.write(base, "medline", ctx=Context())
    assert all(re.match(r"([A-Z]{2,4} *- |      \S)", line) for line in medline.splitlines() if line)
    xml = etree.fromstring(api.write(base, "endnote-xml", ctx=Context()).encode())
    from citeport.formats.endnote_xml import RECORD_ORDER

    for record in xml.iterfind("records/record"):
        ranks = [RECORD_ORDER.index(child.tag) for child in record]
        assert ranks == sorted(ranks), [child.tag for child in record]
    import bibtexparser

    for fmt in ("bibtex", "biblatex"):
        library = bibtexparser.parse_string(api.write(base, fmt, ctx=Context()))
        assert (len(library.entries), len(library.failed_blocks)) == (len(base), 0)
    import jsonschema

    from conftest import shared_path

    schema = json.loads(shared_path("schemas", "csl", "input", "csl-data.json").read_text())
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(json.loads(api.write(base, "csl-json"))))
    assert not errors, errors[:3]


def test_strict_fails_exactly_when_there_is_a_loss(tmp_path):
    from conftest import run_cli

    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]}}]))
    assert run_cli("convert", str(src), "--to", "ris", "--strict").returncode == 0
    src.write_text(json.dumps([UNPARSED]))
    proc = run_cli("convert", str(src), "--to", "ris", "--strict")
    assert proc.returncode == 1 and "citation-key" in proc.stderr_text
