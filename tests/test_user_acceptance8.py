"""Eighth acceptance pass (a demanding user, README.md top to bottom): every command and code sample the
README shows is run here, and each other test is a rough edge found by using the command line and the API
the way people do (``-o /dev/stdout``, a symlinked or read-only output, a non-UTF-8 locale).

The README is the source of the commands, so a command added to it is tried too; those that need the
network, ``../shared`` or a plugin that is not installed are skipped with the reason.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import citeport
from citeport import api, cli
from conftest import EXAMPLES, ROOT, SHARED, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")

#: The README's placeholder file names, and the example each stands for in a scratch directory.
PLACEHOLDERS = {
    "page.txt": "pubmed-current-page.txt", "pubmed_result.txt": "pubmed-abstract-export.txt",
    "export.nbib": "medline-invented.nbib", "items.json": "items.json", "refs.json": "items.json",
    "article.nxml": "jats-article.xml", "refs.ris": "references.ris", "refs.bib": "library.bib",
}
#: Commands that go online or need what a fresh clone has not got.
NEEDS = {"--enrich": "the network", "citeport fetch": "the network", "citeport journals": "the network "
         "(journals update) or its download", "refs.enw": "the examples/plugin package installed"}


def _console_blocks() -> list[tuple[str, list[str]]]:
    """``(command, expected output lines)`` for each ``$ citeport`` line of the README's console blocks."""
    runs = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ "):
                out = []
                for follow in lines[i + 1:]:
                    if follow.startswith("$ "):
                        break
                    out.append(follow)
                runs.append((line[2:], out))
    return runs


def _shell_commands() -> list[str]:
    """The README's indented (4-space) ``citeport`` commands, comments removed."""
    found = []
    for line in README.splitlines():
        if line.startswith("    citeport "):
            command = re.sub(r"\s+#.*$", "", line.strip())
            if command not in found:
                found.append(command)
    return found


def test_the_readme_has_the_commands_this_file_runs():
    # guards the extraction itself: if the README's layout changes, the tests below must not pass empty
    assert len(_console_blocks()) >= 3 and len(_shell_commands()) >= 12
    assert "```python" in README


@pytest.mark.parametrize("command,expected", _console_blocks(), ids=[c for c, _ in _console_blocks()])
def test_readme_console_example_prints_what_the_readme_shows(command, expected):
    args = shlex.split(command)
    assert args[0] == "citeport"
    for arg in args:
        if arg.startswith("../shared/") and not (ROOT / arg).exists():
            pytest.skip(f"shared material not available: {arg}")
    proc = run_cli(*args[1:])
    assert proc.returncode == 0, proc.stderr_text
    want_err = [line for line in expected if line.startswith("citeport: ")]
    want_out = [line for line in expected if not line.startswith("citeport: ")]
    got_out = [line.rstrip() for line in proc.stdout_text.replace("\r\n", "\n").rstrip("\n").splitlines()]
    if "..." in want_out:  # the README shows the start, "...", then (maybe) the end
        cut = want_out.index("...")
        head, tail = want_out[:cut], want_out[cut + 1:]
        assert got_out[:len(head)] == head
        assert not tail or got_out[-len(tail):] == tail
    else:
        assert got_out == want_out
    assert [line for line in proc.stderr_text.splitlines()] == want_err


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A directory with the README's placeholder files (made from examples/), as the current directory."""
    for name, example in PLACEHOLDERS.items():
        shutil.copy(EXAMPLES / example, tmp_path / name)
    (tmp_path / "pubmed25n0001.xml.gz").write_bytes(gzip.compress((EXAMPLES / "pubmed-invented.xml").read_bytes()))
    shutil.copy(ROOT / "styles" / "apa.csl", tmp_path / "my-style.csl")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", _shell_commands())
def test_readme_command_runs(command, scratch, capsys):
    for needle, reason in NEEDS.items():
        if needle in command and not (needle == "refs.enw" and "refer" in {f.name for f in citeport.formats()}):
            pytest.skip(f"needs {reason}")
    args = shlex.split(command)[1:]
    code = cli.main(args)
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err
    # --strict on the examples' items is meant to fail: items.json has fields BibTeX cannot hold
    assert code == (1 if "--strict" in args else 0), err
    if "-o" in args:
        assert (scratch / args[args.index("-o") + 1]).stat().st_size > 0
    else:
        assert out.strip(), err
    if "--report" in args:
        assert "down-converted" in err or "dropped" in err


def test_readme_python_sample_runs(scratch, capsys):
    sample = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    exec(compile(sample, "README.md", "exec"), {"__name__": "readme_sample"})
    out = capsys.readouterr().out
    assert "TY  - JOUR" in out and "ID  - pmid:33289210" in out  # the RIS of page.txt
    assert '<div class="csl-bib-body">' in out  # render(..., output="html")
    assert (scratch / "refs.bib").read_text(encoding="utf-8").startswith("@article{lindqvist2021nurse")


# -- -o FILE: what a user points it at ------------------------------------------------------------------

def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.ris"
    target.write_text("old\n")
    link = tmp_path / "link.ris"
    link.symlink_to(target.name)
    assert cli.main(["convert", str(EXAMPLES / "references.ris"), "--to", "ris", "-o", str(link), "-q"]) == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("TY  - ")


def test_a_replaced_output_keeps_its_permissions_and_no_temporary_file_is_left(tmp_path):
    out = tmp_path / "private.ris"
    out.write_text("old\n")
    out.chmod(0o600)
    api.write([{"id": "a", "type": "book", "title": "T"}], "ris", out=str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "TI  - T" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["private.ris"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_output_file_is_refused_and_kept(tmp_path):
    out = tmp_path / "ro.ris"
    out.write_text("keep me\n")
    out.chmod(0o444)
    with pytest.raises(citeport.CiteportError, match="read-only"):
        api.write([{"id": "a", "type": "book", "title": "T"}], "ris", out=str(out))
    assert out.read_text() == "keep me\n"


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    api.write([{"id": "a", "type": "book", "title": "Through a pipe"}], "ris", out=str(fifo))
    reader.join(10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # was: replaced by a regular file, the reader left waiting
    assert got and "TI  - Through a pipe" in got[0]


def test_dev_fd_output_shares_the_shells_descriptor_and_does_not_truncate(tmp_path):
    # `{ echo HEADER; citeport ... -o /dev/stdout; } > out.txt` kept no HEADER (truncated) or, opened anew,
    # had the next line of the shell written over citeport's output.
    out = tmp_path / "out.txt"
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        os.write(fd, b"HEADER\n")
        api.write([{"id": "a", "type": "book", "title": "T"}], "ris", out=f"/dev/fd/{fd}")
        os.write(fd, b"TAIL\n")
    finally:
        os.close(fd)
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("HEADER\nTY  - BOOK") and text.endswith("ER  - \r\n\r\nTAIL\n")


def test_dev_stdout_as_output_file_writes_to_standard_output():
    proc = subprocess.run([sys.executable, "-m", "citeport", "convert", str(EXAMPLES / "references.ris"),
                           "--to", "ris", "-o", "/dev/stdout"], capture_output=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith(b"TY  - ") and not proc.stderr


# -- locale, API errors, --strict ----------------------------------------------------------------------

def test_a_non_utf8_locale_still_writes_utf8_output():
    # was: "internal error: UnicodeEncodeError: 'ascii' codec can't encode character '\u2013'"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    proc = subprocess.run([sys.executable, "-m", "citeport", "format", str(EXAMPLES / "references.ris"),
                           "--style", "apa"], capture_output=True, timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Müller, J. (2021)".encode("utf-8") in proc.stdout and "115–131".encode("utf-8") in proc.stdout


@pytest.mark.parametrize("items,message", [
    (["lee2021"], "item 1 is a str"),
    ([{"id": "a", "type": "book", "title": "T", "author": "Smith, Ann"}], "'author' must be a list of names"),
])
def test_render_refuses_what_write_refuses_with_citeports_own_error(items, message):
    # was: AttributeError for a str, and a name string rendered as a book without author
    with pytest.raises(citeport.CiteportError, match=message):
        citeport.render(items, "apa")


def test_strict_does_not_fail_on_a_title_short_a_reader_would_derive(tmp_path):
    src = tmp_path / "in.json"
    item = {"id": "a", "type": "book", "title": "Main: sub", "author": [{"family": "X", "given": "Y"}],
            "issued": {"date-parts": [[2020]]}, "publisher": "P"}
    src.write_text(json.dumps([item]))
    assert cli.main(["convert", str(src), "--to", "bibtex", "--strict", "-o", str(tmp_path / "o.bib")]) == 0
    src.write_text(json.dumps([{**item, "reviewed-author": [{"family": "R"}]}]))  # a real down-conversion
    assert cli.main(["convert", str(src), "--to", "bibtex", "--strict", "-o", str(tmp_path / "o.bib")]) == 1


# -- inputs a user has, and the API's own errors ----------------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n", "a\n", "a\nb", "a\r\nb\rc\x0cd\u2028e\n\n", "\r\n\r\n", "x\r", "\x85\x1c"])
def test_line_readers_take_lines_one_at_a_time_as_splitlines_cuts_them(text):
    from citeport.model.text import iter_lines

    # RIS and MEDLINE read through it: a 15 MB RIS file took 118 MB (the list of its lines), now 67 MB
    assert list(iter_lines(text)) == text.splitlines()


@pytest.mark.parametrize("to", ["bibtex", "biblatex", "medline", "ris", "csl-yaml"])
def test_a_csl_json_tag_list_is_kept_and_does_not_crash_a_writer(to):
    # was: "internal error: AttributeError: 'list' object has no attribute 'get'" (bibtex, medline)
    text = json.dumps([{"id": "a", "type": "book", "title": "T", "custom": {"tags": ["x", "y"]}},
                       {"id": "b", "type": "book", "title": "U", "tags": [{"tag": "z"}]}])
    items = citeport.read(text, "csl-json")
    assert items[0]["custom"]["tags"] == {"csl-json:tags": ["x", "y"]}
    assert items[1]["custom"]["tags"] == {"csl-json:tags": [{"tag": "z"}]}
    citeport.write(items, to)


def test_write_refuses_a_custom_tags_list_with_citeports_own_error():
    with pytest.raises(citeport.CiteportError, match="'tags' a dict keyed 'FORMAT:TAG'"):
        citeport.write([{"id": "a", "type": "book", "title": "T", "custom": {"tags": ["x"]}}], "bibtex")


def test_zoteros_own_item_json_is_named_not_silently_read_as_csl():
    native = [{"itemType": "journalArticle", "title": "A title", "date": "2001",
               "creators": [{"firstName": "Nancy K", "lastName": "Adams", "creatorType": "author"}]}]
    items = citeport.read(json.dumps(native))
    assert items[0]["title"] == "A title" and items[0]["custom"]["creators"]  # kept, not lost
    assert any("Zotero's own item JSON" in d.message and d.level == "warning" for d in items.diagnostics)


def test_format_output_given_a_file_name_says_to_use_o(tmp_path, capsys):
    # `format` takes -o FILE and --output KIND, while `convert` takes -o/--output FILE: the slip is common
    assert cli.main(["format", str(EXAMPLES / "references.ris"), "--output", "refs.txt"]) == 2
    assert "to write a file use -o refs.txt" in capsys.readouterr().err
    assert cli.main(["format", str(EXAMPLES / "references.ris"), "--output", "MD"]) == 0  # kinds as before
    assert "*How to read a paper" in capsys.readouterr().out


def test_main_help_states_the_exit_statuses():
    help_text = cli.build_parser().format_help()
    assert "exit status: 0 done; 1 some records skipped" in help_text and "2 usage or input error" in help_text


def test_a_small_json_array_with_a_missing_comma_keeps_the_items_before_it():
    # was: "no record could be read (1 skipped)": one slip lost the whole hand-edited file
    text = '[\n{"id": "a", "type": "book", "title": "ok"},\n{"id": "b", "type": "book" "title": "bad"}\n]\n'
    items = citeport.read(text, "csl-json")
    assert [i["title"] for i in items] == ["ok"] and items.skipped == 1
    assert items.diagnostics[0].line == 3 and "1 item(s) before it are kept" in items.diagnostics[0].message


def test_a_wrong_from_says_what_the_file_looks_like(capsys):
    # was only "error: no records found in the input", naming neither the file nor the way out
    assert cli.main(["convert", str(EXAMPLES / "references.ris"), "--from", "bibtex", "--to", "ris"]) == 2
    err = capsys.readouterr().err
    assert "references.ris: warning: no bibtex record found; the file looks like ris" in err
    assert "error: no records found in the input" in err


def test_a_gzip_file_cut_off_keeps_its_complete_records_and_says_why(tmp_path, capsys):
    # an interrupted download of a .ris.gz / .xml.gz: was "corrupt gzip data", exit 2, nothing read
    record = "TY  - JOUR\nTI  - Record {n}\nAU  - Smith, Ann\nPY  - 2019\nER  - \n\n"
    whole = gzip.compress("".join(record.format(n=n) for n in range(400)).encode())
    cut = tmp_path / "refs.ris.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    items = citeport.read(str(cut))
    assert 10 < len(items) < 400 and items[0]["title"] == "Record 0"
    assert any("gzip file cut off" in d.message and d.level == "error" for d in items.diagnostics)
    assert cli.main(["convert", str(cut), "--to", "ris", "-o", str(tmp_path / "out.ris")]) == 1
    assert "the records before the cut were read" in capsys.readouterr().err
    (tmp_path / "bad.gz").write_bytes(b"\x1f\x8b\x08\x00junk")  # cut inside the header: no gzip at all
    with pytest.raises(citeport.CiteportError, match="corrupt gzip data"):
        citeport.read(str(tmp_path / "bad.gz"))


# -- -q, a --from the file disagrees with, style suggestions, non-ASCII arguments (ninth review) ---------

def test_quiet_prints_the_skipped_records_errors_but_not_the_summary(tmp_path, capsys):
    # -q is "errors only": each skipped record is already an error line and the exit status (1) says
    # records were skipped, so "converted N, skipped M" is not repeated; without -q it is still printed
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "book", "title": "T"}, "junk"]))
    out = str(tmp_path / "out.json")
    assert cli.main(["convert", str(src), "--to", "csl-json", "-o", out, "-q"]) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "skipped 1" not in err
    assert cli.main(["convert", str(src), "--to", "csl-json", "-o", out]) == 1
    assert "converted 1 record, skipped 1" in capsys.readouterr().err


def test_an_explicit_from_that_reads_garbage_says_what_the_file_looks_like(capsys):
    # was: --from nbib on a RIS file read 4 garbage records, exit 0, not a word (the tag lines look alike)
    assert cli.main(["convert", str(EXAMPLES / "references.ris"), "--from", "nbib", "--to", "ris"]) == 0
    err = capsys.readouterr().err
    assert "references.ris: warning: read 4 records as medline, but the file looks like ris" in err
    assert "give --from ris" in err
    assert cli.main(["convert", str(EXAMPLES / "references.ris"), "--from", "nbib", "--to", "ris", "-q"]) == 0
    assert "warning" not in capsys.readouterr().err
    for name, given in [("references.ris", "ris"), ("medline-invented.nbib", "nbib"), ("library.bib", "bibtex"),
                        ("library.bib", "biblatex"), ("pubmed-invented.xml", "pubmed-xml")]:
        assert cli._looks_like(str(EXAMPLES / name), given) is None, (name, given)


#: The corpus's own format names, as --from takes them (rows without a gold annotation are inputs).
CORPUS_FROM = {"biblatex": "biblatex", "bibtex": "bibtex", "csl-json": "csl-json", "endnote-xml": "endnote-xml",
               "jats-xml": "jats", "medline-nbib": "medline", "pubmed-abstract-text": "pubmed-text",
               "pubmed-csv": "pubmed-csv", "pubmed-xml": "pubmed-xml", "ris": "ris"}


def test_the_right_from_on_every_corpus_input_raises_no_alarm():
    if not (SHARED / "corpus" / "MANIFEST.tsv").exists():
        pytest.skip("shared corpus not available")
    rows = [line.split("\t") for line in
            (SHARED / "corpus" / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    checked, alarms, wrong_caught = 0, [], 0
    for row in rows:
        if row[1] not in CORPUS_FROM:
            continue
        path = str(SHARED / "corpus" / row[0])
        checked += 1
        if cli._looks_like(path, CORPUS_FROM[row[1]]):
            alarms.append(row[0])
        if row[1] in ("ris", "medline-nbib"):  # and the look-alike the other way round is caught
            wrong_caught += bool(cli._looks_like(path, "medline" if row[1] == "ris" else "ris"))
    assert checked > 300 and not alarms
    assert wrong_caught > 50


@pytest.mark.parametrize("typed,first", [("apa-7", "apa"), ("apa8", "apa"), ("vancover", "vancouver"),
                                         ("vancouver-style", "vancouver"), ("harvrd", "harvard-"),
                                         ("chicgo", "chicago-"), ("modern language", "modern-language-")])
def test_an_unknown_style_suggests_the_obvious_one_first(typed, first):
    from citeport.render.styles import resolve_style

    with pytest.raises(citeport.CiteportError, match="did you mean") as err:
        resolve_style(typed)
    suggested = str(err.value).split("did you mean: ")[1].rstrip("?").split(", ")
    assert suggested[0].startswith(first) and len(suggested) <= 6


def test_an_unknown_style_like_nothing_gets_no_far_fetched_guess():
    from citeport.render.styles import resolve_style

    # was: "did you mean: henoch?"
    with pytest.raises(citeport.CiteportError, match="unknown style 'nosuch'; see 'citeport styles WORD'"):
        resolve_style("nosuch")
    with pytest.raises(citeport.CiteportError, match="chicago-author-date"):
        resolve_style("chicago-date")  # prefix and word matches first


def test_a_non_ascii_argument_in_a_c_locale_is_read_as_utf8():
    # was: "no style matches 'universit\udcc3\udca9'": the argument arrived as surrogate escapes
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    proc = subprocess.run([sys.executable, "-m", "citeport", "styles", "université"], capture_output=True,
                          timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Université".encode("utf-8") in proc.stdout
    assert cli._utf8_arg("universit\udcc3\udca9") == "université"
    assert cli._utf8_arg("bad\udcff") == "bad\udcff"  # not UTF-8: left as it came
