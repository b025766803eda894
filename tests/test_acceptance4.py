"""Fourth acceptance pass (a fresh clone, today's features as README.md describes them), and markup that is no
CSL rich text in CSL-JSON/YAML input: each test is a discrepancy found, or the rule that fixes it."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import citeport
from conftest import ROOT, run_cli, shared_path

NCBI_ABSTRACT = ('Our browser at <ext-link ext-link-type="uri" xlink:href="https://x.example/scihub">'
                 'https://x.example/scihub</ext-link> shows it (p < 0.05, n > 3).')


def _one(item: dict, fmt: str = "csl-json") -> dict:
    text = json.dumps([item]) if fmt == "csl-json" else item
    items = citeport.read(text, fmt)
    assert len(items) == 1, items.diagnostics
    return items[0]


# -- CSL-JSON with JATS/HTML markup CSL rich text does not have ----------------------------------------------

def test_ncbi_ext_link_in_an_abstract_is_read_as_its_text_and_a_literal_less_than_stays():
    item = _one({"id": "pmid:1", "type": "article-journal", "title": "T", "abstract": NCBI_ABSTRACT})
    assert item["abstract"] == "Our browser at https://x.example/scihub shows it (p < 0.05, n > 3)."


def test_jats_inline_markup_becomes_csl_rich_text_and_csl_markup_stays():
    item = _one({"id": "a", "type": "article-journal",
                 "title": "<italic>E. coli</italic> in H<sub>2</sub>O: <span class=\"nocase\">iPhone</span> and "
                          "<span lang=\"de\">Haus</span> <span style=\"font-variant:small-caps;\">sc</span>",
                 "container-title": "<bold>J</bold> <b>Chem</b> <named-content content-type=\"x\">Res</named-content>"})
    assert item["title"] == ("<i>E. coli</i> in H<sub>2</sub>O: <span class=\"nocase\">iPhone</span> and Haus "
                             "<span style=\"font-variant:small-caps;\">sc</span>")
    assert item["container-title"] == "<b>J</b> <b>Chem</b> Res"


def test_identifiers_urls_and_notes_are_not_markup():
    doi = "10.1002/(SICI)1097-4636(199706)35:4<449::AID-JBM5>3.0.CO;2-F"  # a SICI DOI holds '<' and '>'
    item = _one({"id": "a", "type": "article-journal", "title": "A <xref ref-type=\"bibr\" rid=\"b1\"/> cite",
                 "DOI": doi, "URL": "https://x.example/?q=<sup>", "note": "keep <ext-link>this</ext-link>"})
    assert item["DOI"] == doi and item["URL"] == "https://x.example/?q=<sup>"
    assert item["note"] == "keep <ext-link>this</ext-link>"
    assert item["title"] == "A cite"  # the removed empty element leaves one space, not two


def test_csl_yaml_reads_the_same_leak_the_same_way():
    yaml_text = "- id: a\n  type: article-journal\n  title: T\n  abstract: '" + NCBI_ABSTRACT.replace("'", "''") + "'\n"
    assert _one(yaml_text, "csl-yaml")["abstract"] == _one(
        {"id": "a", "type": "article-journal", "title": "T", "abstract": NCBI_ABSTRACT})["abstract"]


def test_csl_yaml_keeps_a_markdown_escaped_tag_as_text():
    """In pandoc Markdown ``\\<xref>`` is a literal "<" (the YAML writer escapes so): only raw tags are markup."""
    yaml_text = "- id: a\n  type: book\n  title: 'The \\<xref> element and <ext-link>u</ext-link> <italic>x</italic>'\n"
    assert _one(yaml_text, "csl-yaml")["title"] == "The <xref> element and u <i>x</i>"
    written = citeport.write([{"id": "a", "type": "book", "title": "A <uri> tag"}], "csl-yaml")
    assert citeport.read(written, "csl-yaml")[0]["title"] == "A <uri> tag"


def test_ncbi_csl_export_abstract_agrees_with_the_medline_record_of_the_same_article():
    csl = citeport.read(shared_path("corpus", "csl-json", "manubot", "pubmed-scihub-study-csl.raw.csl.json"))
    nbib = citeport.read(shared_path("corpus", "medline-nbib", "manubot", "bibliography.nbib"))
    medline = next(i for i in nbib if i.get("PMID") == csl[0].get("PMID"))
    assert "<ext-link" not in csl[0]["abstract"]
    assert csl[0]["abstract"] == medline["abstract"]


# -- help and messages ---------------------------------------------------------------------------------------

def test_main_help_names_pubmed_csv_among_the_inputs():
    proc = run_cli("--help")
    assert proc.returncode == 0 and "PubMed XML and CSV" in proc.stdout_text


def test_styles_help_puts_the_ranking_rule_in_its_own_paragraph():
    proc = run_cli("styles", "--help")
    assert proc.returncode == 0 and "\n\norder: the style named WORD" in proc.stdout_text


def test_a_csv_of_ones_own_with_pmid_and_title_is_refused_with_the_way_to_read_it(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("PMID,Title,Authors,Journal,Year\n123,My title,Smith J,Lancet,2019\n")
    proc = run_cli("convert", str(path), "--to", "ris")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr_text
    assert len(proc.stderr_text.strip().splitlines()) == 1 and "mine.csv" in proc.stderr_text
    assert "--from pubmed-csv" in proc.stderr_text
    proc = run_cli("convert", str(path), "--from", "pubmed-csv", "--to", "ris")  # ... which works
    assert proc.returncode == 0 and "TI  - My title" in proc.stdout_text
    other = tmp_path / "notes.csv"  # a table without PMID/Title: no such advice
    other.write_text("Author,Year,Journal\nSmith,2019,Lancet\n")
    proc = run_cli("convert", str(other), "--to", "ris")
    assert proc.returncode == 2 and "pubmed-csv" not in proc.stderr_text


BAD_CSV = ("PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"
           "31452104,Good one.,Smith J,Lancet. 2019;1(2):3-4.,Smith J,Lancet,2019,2019/08/28,,,10.1/x\n"
           "31452105,Too many,Doe A,BMJ. 2019;1:1.,Doe A,BMJ,2019,2019/08/28,,,10.1/y,extra,more\n"
           "31452106,,Roe B,BMJ. 2019;1:1.,Roe B,BMJ,2019,2019/08/28,,,\n"
           "31452107,\"Good two, with comma.\",Lee K,Nature. 2020;5:6-7.,Lee K,Nature,2020,2020/01/01,,,10.1/z\n")


@pytest.mark.parametrize("from_stdin", [False, True])
def test_pubmed_csv_bad_rows_are_named_by_file_row_and_line_and_the_good_rows_come_out(tmp_path, from_stdin):
    path = tmp_path / "pubmed_result.csv"
    path.write_text(BAD_CSV)
    proc = run_cli("convert", "-", "--to", "ris", input=BAD_CSV) if from_stdin else \
        run_cli("convert", str(path), "--to", "ris")
    name = "<stdin>" if from_stdin else "pubmed_result.csv"
    assert proc.returncode == 1 and "Traceback" not in proc.stderr_text
    assert proc.stdout_text.count("TY  - JOUR") == 2
    assert f"{name}:3: row 2: error:" in proc.stderr_text and f"{name}:4: row 3: error:" in proc.stderr_text


# -- the demo: conversions beside the formatting, their messages and failures still reported --------------------

def test_demo_shows_conversion_messages_in_order_and_fails_when_a_conversion_fails(tmp_path):
    """demo.sh run against a stand-in `citeport` (fast): every file converted to every writable format, the
    conversions' messages shown after their file's citations, and one failed conversion makes the demo fail."""
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "demo.sh").write_text((ROOT / "examples" / "demo.sh").read_text())
    for name in ("a.ris", "b.bib"):
        (examples / name).write_text("x")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "citeport"
    stub.write_text("""#!/usr/bin/env bash
case "$1" in
  formats) printf 'name rw\\nris rw\\nbibtex rw\\npubmed-text r\\n' ;;
  format) echo "cited $2 $4" ;;
  convert) echo "msg $2 $4" >&2; : > "$6"; [ "$2/$4" != "b.bib/ris" ] || exit 1 ;;
esac
""")
    stub.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", str(examples / "demo.sh")], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    out_dir = tmp_path / "demo-out"
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.ris.bibtex", "a.ris.ris", "b.bib.bibtex", "b.bib.ris"]
    # the stand-in's messages (stderr) follow the citations (stdout) of their own file
    assert proc.stderr.splitlines() == ["msg a.ris ris", "msg a.ris bibtex", "msg b.bib ris", "msg b.bib bibtex"]
    assert "cited a.ris vancouver" in proc.stdout and "cited b.bib apa" in proc.stdout
