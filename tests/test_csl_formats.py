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


def test_a_big_csl_json_array_is_streamed_with_the_same_items(tmp_path, monkeypatch):
    """Above STREAM_BYTES a JSON array is read item by item (flat memory); the items are the same as
    the whole-file reader gives, a BOM is skipped, and a file ijson cannot read (UTF-16, NaN) falls back."""
    from citeport.formats import csljson

    items = [{"id": f"r{i}", "type": "article-journal", "title": f"Title {i} \u00e9\u4e2d", "page": 12 + i,
              "issued": {"date-parts": [[2020, i % 12 + 1]]}, "author": ["Smith, Jane"], "custom": {"x": 1.5}}
             for i in range(50)]
    text = json.dumps(items, ensure_ascii=False)
    files = {"utf8": text.encode("utf-8"), "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
             "utf16": text.encode("utf-16"), "nan": text.replace('"x": 1.5', '"x": NaN', 1).encode("utf-8")}
    expected = citeport.read(text, "csl-json")
    monkeypatch.setattr(csljson, "STREAM_BYTES", 0)
    for name, data in files.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        got = citeport.read(str(path), "csl-json")
        if name == "nan":
            assert got[0]["custom"]["x"] != got[0]["custom"]["x"]  # NaN: the whole-file reader took it
            continue
        assert list(got) == list(expected), name


def test_a_streamed_file_broken_halfway_keeps_the_items_before_it(tmp_path, monkeypatch):
    from citeport.formats import csljson

    monkeypatch.setattr(csljson, "STREAM_BYTES", 0)
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "book", "title": "B"}, '
                    '{"id": "c", "type": "book", "title": "C" "oops": 1}, {"id": "d"}]', encoding="utf-8")
    got = citeport.read(str(path), "csl-json")
    assert [i["id"] for i in got] == ["a", "b"]
    errors = [d for d in got.diagnostics if d.level == "error"]
    assert len(errors) == 1 and "invalid JSON after item 2" in errors[0].message and errors[0].record == "record 3"
