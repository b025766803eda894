"""Blind round 18 of PubMed's text exports read as files of many records: "Abstract (text)" (current and
legacy), "Summary (text)" and CSV (current, Excel re-saves in Windows-1252 with "," and with ";", legacy).

tests/data/pubmed_export_blind18/ (expected.json written before citeport read the files): a 12-record current
export of every kind (structured abstracts, "(#)" equal-contribution marks, "Comment in" / "Erratum in" /
"Retraction in" / "Retraction of" / "Erratum for" / "Update of" / "Comment on" blocks, "[No authors listed]",
a collective before persons, particles, "[Article in German]", a 1950 record in capitals, copyright and
"Conflict of interest statement:" after the PMID line); a CRLF + BOM file with no final newline holding a
StatPearls and a GeneReviews chapter, a NICE whole book, a bioRxiv preprint with "Update in", 105 persons and a
consortium, a supplement issue, a season, "Online ahead of print", an erratum with no authors; a file cut in
the middle of its last record's affiliations, and a file cut mid-abstract and followed by a second save
(numbering jumps from 2 to 7); the legacy export's "[PubMed - ...]" states and "PMCID: ... [Available on ...]".

Each record is compared field by field (``flat``); agreement is printed (``-s``).  KNOWN lists fields still read
differently from the expectation, with the reason; a change there fails until the table is updated.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import citeport
from citeport.model.preprints import in_shape

DATA = Path(__file__).parent / "data" / "pubmed_export_blind18"
EXPECTED: dict[str, list[dict]] = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
CORRECTIONS = EXPECTED.pop("_corrections")  # expectations changed after the first run: each a mistake in them
_LABEL = re.compile(r"^([A-Z][A-Z0-9 ,/'&()-]+?):\s")

#: (file, record index, field) -> why it is still read differently.
_VERNACULAR = ("a Summary/CSV title 'Original [English]' stays whole (blind7's 06/09 expectation); the Abstract "
               "(text) of the same PMID gives title = English, original-title = the vernacular")
KNOWN: dict[tuple[str, int, str], str] = {
    **{("06-summary-current.txt", 2, k): _VERNACULAR for k in ("title", "translated", "original")},
    **{("07-current-excel-cp1252.csv", 1, k): _VERNACULAR for k in ("title", "translated", "original")},
}


def name(a: dict) -> str:
    """A CSL name back in PubMed's "Family GI" form (a literal as it is)."""
    if "literal" in a:
        return a["literal"]
    family = " ".join(p for p in (a.get("non-dropping-particle"), a.get("family")) if p)
    initials = "".join(c for c in a.get("given", "") if c.isupper())
    return " ".join(p for p in (family, initials, a.get("suffix")) if p)


def _date(item: dict, key: str):
    return item[key]["date-parts"][0] if key in item else None


def flat(item: dict, key: str):
    """The value of one expectation key in *item* (None: absent)."""
    custom = item.get("custom", {})
    abstract = item.get("abstract")
    details = custom.get("author-details", [])
    value = {
        "type": lambda: item.get("type"), "title": lambda: item.get("title"),
        "authors": lambda: [name(a) for a in item.get("author", [])],
        "n_authors": lambda: len(item.get("author", [])), "n_editors": lambda: len(item.get("editor", [])),
        # a preprint's server and identifier are its publisher and number (docs/conventions.md, "preprints")
        "container": lambda: item.get("publisher") if in_shape(item) else item.get("container-title"),
        "page": lambda: item.get("page") or (item.get("number") if in_shape(item) else None), "container_short": lambda: item.get("container-title-short"), "issued": lambda: _date(item, "issued"),
        "available": lambda: _date(item, "available-date"), "place": lambda: item.get("publisher-place"),
        "abstract": lambda: abstract,
        "labels": lambda: [m.group(1) for p in (abstract or "").split("\n") if (m := _LABEL.match(p))],
        "links": lambda: [c["type"] for c in custom.get("comments-corrections", [])],
        "coi": lambda: custom.get("conflict-of-interest"), "copyright": lambda: custom.get("copyright"),
        "status": lambda: custom.get("medline-status"), "translated": lambda: custom.get("title-translated"),
        "original": lambda: item.get("original-title"), "entrez": lambda: custom.get("history", {}).get("entrez"),
        "bookshelf": lambda: custom.get("other-ids", {}).get("bookaccession"),
        "aff0": lambda: (details[0].get("affiliation") or [None])[0] if details else None,
        "n_aff2": lambda: len(details[2].get("affiliation", [])) if len(details) > 2 else None,
        "note_has": lambda: item.get("note", ""),
    }.get(key, lambda: item.get(key))()
    return value


def agrees(key: str, want, got) -> bool:
    if key == "note_has":
        return all(w in got for w in want)
    if key in ("abstract", "coi", "copyright") and isinstance(want, str) and isinstance(got, str):
        return got.startswith(want)  # the start is checked; the rest is the export's text
    return got == want


def read(name_: str):
    """The file's items (sniffed, as the CLI does) and its diagnostics."""
    records = citeport.read(DATA / name_)
    return list(records), records.diagnostics


def score(name_: str) -> tuple[int, int, list[str]]:
    items, _ = read(name_)
    want = EXPECTED[name_]
    total = good = 0
    misses: list[str] = []
    by_pmid = {it.get("PMID"): it for it in items if it.get("PMID")}
    for i, exp in enumerate(want):
        # a record left out must not shift the others' comparison: matched by PMID where it has one
        got = by_pmid.get(exp["PMID"], {}) if exp.get("PMID") else (items[i] if i < len(items) else {})
        for key, value in exp.items():
            total += 1
            if agrees(key, value, flat(got, key)):
                good += 1
            elif (name_, i, key) not in KNOWN:
                misses.append(f"{name_} #{i + 1} {key}: want {value!r} got {flat(got, key)!r}")
    return good, total, misses


def test_agreement_over_all_files(capsys):
    good = total = 0
    misses: list[str] = []
    for name_ in sorted(EXPECTED):
        g, t, m = score(name_)
        good, total = good + g, total + t
        misses += m
    with capsys.disabled():
        print(f"\npubmed export blind18: {good}/{total} fields agree ({len(KNOWN)} known)")
    assert not misses, "\n".join(misses)
    assert good == total - len(KNOWN)


#: file -> records still left out, with the reason
KNOWN_COUNTS: dict[str, tuple[int, str]] = {}  # the whole book (fixed in test_pubmed_exports_fixes8.py)


@pytest.mark.parametrize("name_", sorted(EXPECTED))
def test_record_counts(name_):
    """No record merged or split (the cut records count as records: what they have comes out)."""
    items, diagnostics = read(name_)
    missing = KNOWN_COUNTS.get(name_, (0, ""))[0]
    assert len(items) == len(EXPECTED[name_]) - missing
    # a record left out is reported with its number and line
    assert sum(1 for d in diagnostics if d.level == "error" and d.record and d.line) == missing


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in DATA.iterdir() if p.name != "expected.json") == sorted(EXPECTED)


# -- bug: a wrapped "Summary (text)" entry was tested with the next entries' lines as its own ----------------

def test_wrapped_summary_entries_are_not_taken_for_a_page():
    """The page test looked 13 lines ahead across blank lines: entry 1's "Open. 2023 Mar 1;..." line then had
    the next entries under it, read as a page's title and byline, and the whole file became one record."""
    text = ("1: Okafor CN, Lindqvist E. Sleep Duration and Incident Atrial Fibrillation in Adults: A Cohort\n"
            "Study. JAMA Netw\nOpen. 2023 Mar 1;6(3):e231234. doi: 10.1001/jamanetworkopen.2023.1234. PMID:\n"
            "36862411; PMCID: PMC9981234.\n\n"
            "2: Wong AK. Drug Prices and Out-of-Pocket Spending. Ann Intern Med. 2018 Jan\n"
            "2;168(1):74-75. doi: 10.7326/L17-0501. PMID: 29309999.\n\n"
            "3: Walker LS, Greene JW. Coping with chronic pain in adolescents. J Pediatr\n"
            "Psychol. 1998 Winter;23(1):45-52. PMID: 9564001.\n")
    items = citeport.read(text, "pubmed-text")
    assert [it["PMID"] for it in items] == ["36862411", "29309999", "9564001"]
    assert items[0]["container-title"] == "JAMA Netw Open" and items[0]["PMCID"] == "PMC9981234"
    assert [a["family"] for a in items[0]["author"]] == ["Okafor", "Lindqvist"]
