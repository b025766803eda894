"""The API and CLI contract: sources, sniffing, exit codes, one-line errors."""
import json

import pytest

import citeport
from citeport.sources import Source, detect_encoding
from conftest import run_cli

CSL = [{"id": "a", "type": "book", "title": "Über alles", "author": [{"family": "Owens", "given": "John"}],
        "issued": {"date-parts": [[2015]]}}]


def test_detect_encoding_boms_and_legacy():
    assert detect_encoding(b"\xef\xbb\xbfTY  - JOUR") == "utf-8-sig"
    assert detect_encoding("TY  - JOUR".encode("utf-16")) == "utf-16"
    assert detect_encoding("TY  - JOUR".encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding("café".encode("cp1252")) == "cp1252"
    assert detect_encoding(b"\x00\x01\x02\x03\xff\xfe\x00\x00\x13") is None


def test_source_of_text_path_and_bytes(tmp_path):
    p = tmp_path / "x.json"
    p.write_text(json.dumps(CSL), encoding="utf-16")
    assert Source.of(str(p)).text().startswith("[")
    assert Source.of(p).path == p
    assert Source.of(json.dumps(CSL)).name == "<text>"
    assert Source.of(b"[]").text() == "[]"


def test_gzip_source_is_transparent(tmp_path):
    import gzip

    p = tmp_path / "items.json.gz"
    p.write_bytes(gzip.compress(json.dumps(CSL).encode()))
    items = citeport.read(p)
    assert items[0]["title"] == "Über alles"


def test_read_returns_records_with_diagnostics():
    items = citeport.read(json.dumps(CSL + [{"id": "b", "title": "No type"}, 5]), "csl-json")
    assert [i["id"] for i in items] == ["a", "b"]
    assert items.skipped == 1
    assert any(d.code == "guessed" and d.field == "type" for d in items.diagnostics)


def test_duplicate_ids_are_made_unique():
    items = citeport.read(json.dumps([CSL[0], CSL[0]]))
    assert [i["id"] for i in items] == ["a", "a-2"]


def test_write_roundtrip_csljson():
    out = citeport.write(CSL, "csl-json")
    assert json.loads(out) == CSL


def test_unknown_format_is_an_error():
    with pytest.raises(citeport.CiteportError, match="unknown format"):
        citeport.write(CSL, "nope")


@pytest.mark.parametrize("setup,expected", [
    ("missing", "no such file"),
    ("empty", "empty input"),
    ("binary", "binary file"),
    ("prose", "not a recognised bibliographic format"),
])
def test_bad_inputs_give_one_line_and_exit_2(tmp_path, setup, expected):
    p = tmp_path / "in.txt"
    if setup == "empty":
        p.write_text("")
    elif setup == "binary":
        p.write_bytes(bytes(range(256)) * 8)
    elif setup == "prose":
        p.write_text("It was a bright cold day in April, and the clocks were striking thirteen.\n" * 3)
    proc = run_cli("convert", str(p), "--to", "csl-json")
    assert proc.returncode == 2
    assert expected in proc.stderr_text
    assert "Traceback" not in proc.stderr_text
    assert len(proc.stderr_text.strip().splitlines()) == 1


def test_stdin_and_stdout_with_dash():
    proc = run_cli("convert", "-", "--to", "csl-yaml", input=json.dumps(CSL))
    assert proc.returncode == 0, proc.stderr_text
    assert "title: Über alles" in proc.stdout_text


def test_partial_failure_exits_1_and_keeps_good_records():
    proc = run_cli("convert", "-", "--from", "csl-json", "--to", "csl-json", input=json.dumps(CSL + ["junk"]))
    assert proc.returncode == 1
    assert json.loads(proc.stdout_text)[0]["id"] == "a"
    assert "skipped 1" in proc.stderr_text


def test_output_file_is_written_atomically(tmp_path):
    out = tmp_path / "out.json"
    proc = run_cli("convert", "-", "--to", "csl-json", "-o", str(out), input=json.dumps(CSL))
    assert proc.returncode == 0
    assert json.loads(out.read_text())[0]["title"] == "Über alles"
    assert not list(tmp_path.glob("*.citeport-tmp"))


def test_usage_error_exit_2():
    proc = run_cli("convert", "x.json")  # --to missing
    assert proc.returncode == 2
    assert "--to" in proc.stderr_text


def test_help_has_examples():
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "examples:" in proc.stdout_text
    assert "citeport convert page.txt --to ris" in proc.stdout_text


def test_unknown_style_suggests_names():
    proc = run_cli("format", "-", "--style", "vancuver", input=json.dumps(CSL))
    assert proc.returncode == 2
    assert "vancouver" in proc.stderr_text


def test_formats_and_styles_listing():
    proc = run_cli("formats")
    assert proc.returncode == 0 and "csl-json" in proc.stdout_text
    proc = run_cli("styles", "vancouver")
    assert proc.returncode == 0 and "vancouver\t" in proc.stdout_text


def test_ids_stay_unique_across_input_files(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps(CSL))
    proc = run_cli("convert", str(p), str(p), "--to", "csl-json")
    assert proc.returncode == 0, proc.stderr_text
    assert [i["id"] for i in json.loads(proc.stdout_text)] == ["a", "a-2"]


def test_progress_counter_only_on_a_terminal():
    import io
    import time

    from citeport.cli import Reporter

    class FakeTTY(io.StringIO):
        def isatty(self):
            return True

    assert Reporter(stream=io.StringIO()).progress("x") is None  # pipes and files stay quiet
    assert Reporter(quiet=True, stream=FakeTTY()).progress("x") is None
    tty = FakeTTY()
    rep = Reporter(stream=tty)
    bar = rep.progress("big.xml")
    bar.delay = 0  # shown at once here; in use only after a second of work
    for _ in range(3):
        bar.update()
        time.sleep(0.01)
    bar.refresh()
    rep.end_progress()
    assert "citeport: big.xml" in tty.getvalue() and "records" in tty.getvalue()


def test_control_characters_never_break_a_writer():
    item = {"id": "c", "type": "article-journal", "title": "Bad\x00 title\x0c with\x1b controls",
            "author": [{"family": "N\x07ame"}], "issued": {"date-parts": [[2020]]}}
    for fmt in ("jats", "endnote-xml", "ris", "bibtex", "medline", "csl-json", "csl-yaml"):
        out = citeport.write([item], fmt)
        assert "Bad title with controls" in out or "Bad title with controls" in out.replace("{", "").replace("}", "")
        assert "\x00" not in out and "\x0c" not in out
    read = citeport.read(json.dumps([item]))
    assert read[0]["title"] == "Bad title with controls" and read[0]["author"][0]["family"] == "Name"


def test_an_internal_error_is_one_line_without_traceback(monkeypatch, capsys, tmp_path):
    """A bug met while converting: a clear one-line message and a non-zero exit; --verbose shows the traceback."""
    from citeport import api, cli

    def broken(*args, **kwargs):
        raise RuntimeError("mapping exploded")
        yield  # pragma: no cover

    src = tmp_path / "a.ris"
    src.write_text("TY  - JOUR\nTI  - T\nER  - \n")
    monkeypatch.setattr(api, "iter_read", broken)
    assert cli.main(["convert", str(src), "--to", "csl-json"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: mapping exploded" in err and "Traceback" not in err
    with pytest.raises(RuntimeError):
        cli.main(["convert", str(src), "--to", "csl-json", "--verbose"])


def test_streaming_calls_without_a_context_log_diagnostics_instead_of_keeping_them(caplog, monkeypatch):
    """Kept in a list, one loss report a record grew the memory of a 2 GB stream (100 MB at 30,000 records)."""
    import logging

    from citeport.model import diagnostics

    kept = []
    real = diagnostics.Context.report

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        kept.append(len(self.diagnostics))

    monkeypatch.setattr(diagnostics.Context, "report", spy)
    caplog.set_level(logging.INFO, logger="citeport")
    citeport.write([{"id": f"c{i}", "type": "legal_case", "title": "T"} for i in range(50)], "bibtex")
    items = list(citeport.iter_read("TY  - JOUR\nTI  - T\n", "ris"))  # no ER: an error, the record kept
    assert len(items) == 1
    assert kept and max(kept) == 0  # nothing accumulated
    messages = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "citeport"]
    assert sum("legal_case" in m or "type" in m for _, m in messages) >= 50
    assert any(level == "ERROR" and "no ER line" in m for level, m in messages)


def test_the_library_prints_nothing_unless_logging_is_set_up():
    import subprocess
    import sys

    code = ("import citeport\n"
            "citeport.write([{'id': 'a', 'type': 'legal_case', 'title': 'T'}], 'medline')\n"
            "list(citeport.iter_read('TY  - JOUR\\nTI  - T\\n', 'ris'))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == "" and proc.stdout == ""


@pytest.mark.parametrize("target", ["csl-json", "jats", "endnote-xml", "ris"])
def test_an_input_that_fails_at_once_leaves_stdout_empty(target, tmp_path):
    """`citeport convert missing.ris > out.json` must not leave a lone "[" or "<xml>" behind."""
    proc = run_cli("convert", str(tmp_path / "missing.ris"), "--to", target)
    assert proc.returncode == 2 and proc.stdout == b""
    assert "no such file" in proc.stderr_text and "Traceback" not in proc.stderr_text
    proc = run_cli("convert", "-", "--from", "ris", "--to", target, input="@article{k, title={Not RIS}}\n")
    assert proc.returncode == 2 and "error: no RIS records found" in proc.stderr_text  # an empty document at most
