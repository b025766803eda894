"""Third blind review of the CSL-JSON / CSL-YAML readers: forms earlier rounds did not cover.

tests/data/csl_blind3/: pandoc-citeproc's old YAML (dates as lists of ``year:``/``month:`` maps, Markdown
emphasis in titles, as pandoc reads a YAML bibliography), a Quarto ``.qmd`` front matter, Mendeley Reference
Manager's CSL-JSON (empty particles, ``parse-names``), and identifiers/numbers in the forms tools write
(DOI as a URL, ``PMID: ...``, en-dash pages, numbers as JSON numbers).  EXPECTED was written before citeport
read the files.  ``pytest -s`` prints the agreement.
"""
from __future__ import annotations

from pathlib import Path

import citeport

DATA = Path(__file__).parent / "data" / "csl_blind3"
ABSENT = object()


def _d(*parts: int) -> dict:
    return {"date-parts": [list(parts)]}


EXPECTED: dict[str, dict[str, dict]] = {
    "01_pandoc_citeproc.yaml": {
        "jones2006": {"type": "article-journal", "issued": _d(2006, 4), "volume": "357", "page": "22-31",
                      # pandoc reads a YAML bibliography's strings as Markdown
                      "title": "The <i>lac</i> operon revisited",
                      "author": [{"family": "Jones", "given": "Mary"}, {"family": "Brown", "given": "Tom"}],
                      "container-title": "Journal of Molecular Biology"},
        "twovol": {"type": "book", "issued": {"date-parts": [[1998], [2001]]}, "publisher-place": "Oxford",
                   "publisher": "Oxford University Press"},
    },
    "02_quarto.qmd": {
        "smith2020": {"type": "chapter", "issued": _d(2020), "page": "45-67", "title": "Networks of trust",
                      "author": [{"family": "Smith", "given": "Anne"}], "editor": [{"family": "Ng", "given": "Kai"}],
                      "container-title": "Handbook of Trust", "publisher": "Routledge", "publisher-place": "London"},
    },
    "03_mendeley_rm.json": {
        "3f2b1c4e-9a7d-3e1f-8b2a-1c2d3e4f5a6b": {
            # empty particles and suffixes say nothing ("parse-names" is compared apart: see the test)
            "author": [{"family": "Berg", "given": "Anna", "non-dropping-particle": "van den"},
                       {"family": "Smith", "given": "John", "suffix": "Jr."}],
            "issued": _d(2019), "container-title-short": "J. Things", "page": "101-110", "issue": "3",
            "volume": "12"},
    },
    "04_ids_pages.json": {
        "a1": {"DOI": "10.1371/journal.pone.0123456", "PMID": "25812345", "page": "22-31", "volume": "10",
               "issue": "4", "issued": _d(2015, 3, 25)},
        "b1": {"ISBN": "978-0-12-345678-9", "issued": _d(2010)},
    },
}

KNOWN: dict[tuple[str, str, str], str] = {}


def _names(value):
    """Names without the parse-names processing hint (with explicit parts it changes nothing)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [{k: v for k, v in n.items() if k != "parse-names"} for n in value]
    return value


def test_fields_agree_with_the_expectations_written_first():
    total, bad = 0, []
    for name, records in EXPECTED.items():
        got = {r["id"]: r for r in citeport.read(DATA / name)}
        for key, fields in records.items():
            item = got.get(key, {})
            for field, want in fields.items():
                total += 1
                have = _names(item.get(field, ABSENT))
                if have != want:
                    bad.append((name, key, field, want, have))
    print(f"\ncsl: {total - len(bad)}/{total} expected fields agree")
    for row in bad:
        print("   ", *row)
    assert not [row for row in bad if row[:3] not in KNOWN]


def test_mendeley_empty_name_parts_are_not_kept():
    (item,) = citeport.read(DATA / "03_mendeley_rm.json")
    for name in item["author"]:
        assert all(v != "" for v in name.values()), name


def test_ids_and_dashed_pages_in_the_conventions_form():
    # were kept as written: a DOI as a URL, "PMID: ...", an en-dash page range
    (item,) = citeport.read('[{"id": "x", "type": "article-journal", "DOI": "https://doi.org/10.1000/ABC.1",'
                            ' "PMID": "PMID: 123", "PMCID": "PMC99", "page": "22\u201331"}]', "csl-json")
    assert (item["DOI"], item["PMID"], item["PMCID"], item["page"]) == ("10.1000/ABC.1", "123", "PMC99", "22-31")
    (item,) = citeport.read("- id: y\n  type: book\n  DOI: not a doi\n  page: 'S12\u2013S19, 44'\n", "csl-yaml")
    assert (item["DOI"], item["page"]) == ("not a doi", "S12\u2013S19, 44")  # unreadable / a list: as written
