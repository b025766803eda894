"""CSL-JSON and CSL-YAML both ways: lenient reading, schema-valid writing, rich text and custom kept."""
from __future__ import annotations

import json

import pytest

import citeport
from conftest import shared_path

jsonschema = pytest.importorskip("jsonschema")


def test_pandoc_yaml_dates_and_aliases():
    text = "---\nreferences:\n- id: g\n  type: article-journal\n  issued:\n    - year: 1967\n  doi: 10.1/X\n" \
           "  title: A <i>b</i>\n  custom: {k: v}\n...\n"
    (item,) = citeport.read(text, "csl-yaml")
    assert item["issued"] == {"date-parts": [[1967]]} and item["DOI"] == "10.1/X"
    assert item["title"] == "A <i>b</i>" and item["custom"] == {"k": "v"}
    again = citeport.read(citeport.write([item], "csl-yaml"), "csl-yaml")
    assert list(again) == [item]


def test_writer_output_validates_against_schema():
    schema = json.loads(shared_path("schemas", "csl", "input", "csl-data.json").read_text())
    items = list(citeport.read(shared_path("corpus", "bibtex", "citation-js", "mapping_biblatex-input.bib"),
                               "biblatex"))
    items.append({"id": 5, "type": "book", "issued": {"date-parts": [["2015", "2"]]}, "container-title": ["A", "B"]})
    out = json.loads(citeport.write(citeport.read(citeport.write(items, "csl-json"), "csl-json"), "csl-json"))
    jsonschema.validate(out, schema)
    assert out[-1]["issued"] == {"date-parts": [[2015, 2]]} and out[-1]["container-title"] == "A"


def test_csl_json_input_comes_out_valid_and_nothing_is_lost():
    raw = [{"id": "a", "type": "article-journal", "title": "T", "alternative-id": ["X1"], "score": 3,
            "author": [{"family": "Vrandečić", "given": "Denny", "_ordinal": 1, "_orcid": "0000-0002-1825-0097"}],
            "translator": [{"literal": "Org", "affiliation": [{"name": "Univ"}]}],
            "issued": {"date-parts": [[2018, 10, 21, 13]]}, "accessed": {"date-parts": [[None]]},
            "submitted": [{"literal": "1908-1912"}], "custom": {"score": "kept before"}}]
    (item,) = citeport.read(json.dumps(raw), "csl-json")
    assert "alternative-id" not in item and item["custom"]["alternative-id"] == ["X1"]
    assert item["custom"]["score"] == "kept before" and item["custom"]["csl-json:score"] == "3"
    assert item["author"] == [{"family": "Vrandečić", "given": "Denny"}]
    assert item["custom"]["author-details"] == [{"ORCID": "0000-0002-1825-0097", "_ordinal": 1}]
    assert item["custom"]["translator-details"] == [{"affiliation": ["Univ"]}]
    assert item["issued"] == {"date-parts": [[2018, 10, 21]]} and "accessed" not in item
    assert item["submitted"] == {"literal": "1908-1912"}
    schema = pytest.importorskip("jsonschema")
    path = shared_path("schemas", "csl", "input", "csl-data.json")
    schema.validate([item], json.loads(path.read_text()))
