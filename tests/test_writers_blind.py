"""Blind review of the writers: what reference managers and pandoc import from citeport's output.

Each test pins a bug found by writing hand-made CSL items of many types and reading the result back
(citeport, pandoc): element order EndNote's DTD wants, losses that went unreported, Markdown in CSL-YAML.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest

from citeport import api
from citeport.model.diagnostics import Context

from conftest import run_cli


def _write(items: list[dict], fmt: str) -> tuple[str, Context]:
    ctx = Context()
    buf = io.StringIO()
    api.write(items, fmt, out=buf, ctx=ctx)
    return buf.getvalue(), ctx


def _losses(ctx: Context) -> set[tuple[str, str, str]]:
    return {(str(d.record), d.code, d.field) for d in ctx.diagnostics if d.code in ("dropped", "down-converted")}


JOURNAL = {
    "id": "j1", "type": "article-journal", "title": "A title", "author": [{"family": "Doe", "given": "Jane"}],
    "container-title": "Journal of Things", "volume": "12", "issue": "3", "page": "1-9",
    "issued": {"date-parts": [[2020, 3]]}, "DOI": "10.1000/x.1", "PMID": "12345678", "keyword": "a; b",
    "abstract": "Text.", "note": "A note", "language": "en", "URL": "https://example.org/x",
}
CIRCA_BOOK = {"id": "b1", "type": "book", "title": "Old book", "issued": {"date-parts": [[1869]], "circa": True}}


def test_endnote_xml_record_children_follow_the_dtd_order():
    # Was: number, keywords and dates after abstract/notes/accession-num (EndNote's RSXML.dtd order broken).
    from lxml import etree

    text, _ = _write([JOURNAL], "endnote-xml")
    record = etree.fromstring(text.encode()).find("records/record")
    assert [child.tag for child in record] == [
        "rec-number", "ref-type", "contributors", "titles", "periodical", "pages", "volume", "number",
        "keywords", "dates", "accession-num", "electronic-resource-num", "abstract", "notes",
        "remote-database-provider", "language", "urls",
    ]
    back = api.read(io.StringIO(text), "endnote-xml")[0]
    assert (back["issue"], back["keyword"], back["PMID"]) == ("3", "a; b", "12345678")


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml", "medline"])
def test_circa_is_reported_not_silently_dropped(fmt):
    # Was: {"circa": true} vanished from RIS, EndNote XML and MEDLINE with no diagnostic (JATS reported it).
    _, ctx = _write([CIRCA_BOOK], fmt)
    assert ("b1", "dropped", "issued") in _losses(ctx)


def test_medline_reports_every_variable_it_cannot_write():
    # Was: only URL and note were reported; translator, accessed, genre, number, director... vanished.
    item = {"id": "m1", "type": "motion_picture", "title": "A film", "director": [{"family": "Kubrick"}],
            "translator": [{"family": "T"}], "accessed": {"date-parts": [[2023, 2, 1]]}, "dimensions": "142 min",
            "issued": {"date-parts": [[1968]]}, "custom": {"license": "CC-BY"}}
    text, ctx = _write([item], "medline")
    assert _losses(ctx) == {
        ("m1", "dropped", "director"), ("m1", "dropped", "translator"), ("m1", "dropped", "accessed"),
        ("m1", "dropped", "dimensions"), ("m1", "dropped", "custom.license"), ("m1", "down-converted", "type"),
    }
    assert "TI  - A film.\n" in text
    # What MEDLINE does hold is not reported.
    _, ctx = _write([{k: v for k, v in JOURNAL.items() if k not in ("URL", "note")}], "medline")
    assert _losses(ctx) == set()


def test_medline_strict_fails_on_an_unwritable_variable(tmp_path):
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{**JOURNAL, "URL": None, "note": None, "translator": [{"family": "T"}]}]))
    proc = run_cli("convert", str(src), "--to", "medline", "--strict")
    assert proc.returncode == 1
    assert "translator" in proc.stderr.decode()


def test_medline_source_line_with_a_literal_date_has_one_period():
    # Was: "SO  - J. n.d.." (the date's own period, then the SO period).
    text, _ = _write([{"id": "x", "type": "article-journal", "title": "T", "container-title": "J",
                       "issued": {"literal": "n.d."}}], "medline")
    assert "SO  - J. n.d.\n" in text


RICH = {"id": "y1", "type": "article-journal",
        "title": "The <i>in vivo</i> effect of CO<sub>2</sub> on H<sup>+</sup> & <span class=\"nocase\">iOS</span>",
        "abstract": "Values <5 mm at @site cost $5.", "container-title": "J"}


def test_csl_yaml_writes_rich_text_as_pandoc_markdown():
    # Was: title: 'The <i>in vivo</i> effect of CO<sub>2</sub> ...' -- raw HTML to pandoc, whose CSL output
    # drops it, and "<5 mm at" in an abstract was swallowed as an HTML tag.
    text, _ = _write([RICH], "csl-yaml")
    assert "title: The *in vivo* effect of CO~2~ on H^+^ \\& [iOS]{.nocase}\n" in text
    assert "abstract: Values \\<5 mm at \\@site cost \\$5.\n" in text
    back = api.read(io.StringIO(text), "csl-yaml")[0]
    assert (back["title"], back["abstract"]) == (RICH["title"], RICH["abstract"])


@pytest.mark.parametrize("title", ["<i> spaced</i> start", "mc<sup>2 a</sup>", "half <i>open",
                                   "<i>i</i><b>b</b><sup>sup</sup>"])
def test_csl_yaml_markup_without_a_markdown_form_stays_text(title):
    text, _ = _write([{"id": "z", "type": "book", "title": title}], "csl-yaml")
    assert api.read(io.StringIO(text), "csl-yaml")[0]["title"] == title


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
def test_pandoc_reads_csl_yaml_rich_text_and_angle_brackets():
    text, _ = _write([RICH], "csl-yaml")
    md = text.replace("...\n", "---\n")
    out = subprocess.run(["pandoc", "-f", "markdown", "-t", "csljson"], input=md.encode(), capture_output=True,
                         timeout=60, check=True).stdout
    item = json.loads(out)[0]
    assert item["title"].startswith("The <i>in vivo</i> effect of CO<sub>2</sub> on H<sup>+</sup> &")
    assert item["abstract"] == "Values <5 mm at @site cost $5."
