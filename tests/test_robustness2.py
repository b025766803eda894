"""Adversarial inputs beyond random mutation: super-linear slow paths, hostile XML, the CLI contract.

Each slow-path test uses a size at which the old quadratic/exponential rule took many seconds and the
linear one takes a fraction of a second; the time budgets are generous (shared, loaded machines).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import citeport
from citeport.model.diagnostics import Context
from conftest import ROOT, run_cli


def _timed(fn, *args, **kw):
    start = time.perf_counter()
    result = fn(*args, **kw)
    return result, time.perf_counter() - start


# --- slow paths -----------------------------------------------------------------------------------

def test_yaml_alias_bomb_is_refused_at_once():
    # billion laughs in YAML: 10**12 values once expanded; PyYAML builds it shared, then every later
    # step (copying values, normalising) walked it in full: hung for ever
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    lines += ["references:", "- id: x", "  type: book", "  title: *l", ""]
    records, took = _timed(citeport.read, "---\n" + "\n".join(lines) + "...\n", "csl-yaml")
    assert took < 2 and len(records) == 0
    assert any("alias bomb" in d.message for d in records.diagnostics)


def test_yaml_aliases_used_sensibly_still_read():
    text = ("---\nreferences:\n- id: x\n  type: book\n  title: T\n  author: &au\n  - family: Smith\n"
            "    given: J\n- id: y\n  type: book\n  title: U\n  author: *au\n...\n")
    records = citeport.read(text, "csl-yaml")
    assert [r["author"] for r in records] == [[{"family": "Smith", "given": "J"}]] * 2


def test_yaml_that_contains_itself_is_refused():
    records = citeport.read("---\nreferences:\n- &c [*c]\n...\n", "csl-yaml")
    assert len(records) == 0 and any("alias" in d.message for d in records.diagnostics)


def test_deep_yaml_and_json_nesting_are_clean_errors():
    # 20,000 "[" : Python's JSON parser and PyYAML's composer recursed until RecursionError (an
    # "internal error"); PyYAML's pure-Python scanner also took 6 s on 10 KB of them
    deep_yaml = "---\nreferences:\n- id: a\n  type: book\n  title: " + "[" * 20000 + "]" * 20000 + "\n...\n"
    records, took = _timed(citeport.read, deep_yaml, "csl-yaml")
    assert took < 2 and len(records) == 0 and records.diagnostics
    records = citeport.read("[" * 20000 + "]" * 20000, "csl-json")
    assert len(records) == 0 and any("nested too deeply" in d.message for d in records.diagnostics)


@pytest.mark.parametrize("fmt", ["csl-json", "csl-yaml"])
def test_an_item_nested_hundreds_deep_is_skipped_and_the_good_one_kept(fmt):
    # parsed fine at 700 levels, then normalising and every writer overflowed the stack
    bad = {"id": "a", "type": "book", "title": "Bad", "custom": json.loads('{"a":' * 700 + "1" + "}" * 700)}
    data = [bad, {"id": "b", "type": "book", "title": "Good"}]
    text = json.dumps(data) if fmt == "csl-json" else json.dumps({"references": data})  # JSON is YAML
    records = citeport.read(text, fmt)
    if fmt == "csl-yaml" and not records:  # PyYAML builds the whole document at once: refused whole
        assert any("nested too deeply" in d.message for d in records.diagnostics)
        return
    assert [r["title"] for r in records] == ["Good"]
    assert any(str(d.record) == "record 1" and "nested" in d.message for d in records.diagnostics)
    for writer in ("csl-json", "csl-yaml", "ris", "bibtex", "jats", "endnote-xml"):
        citeport.write(records, writer)


def test_bibtex_writer_is_linear_in_nested_markup():
    # "nocase" looked up in the stack of open tags for every tag: quadratic (10,000 nested <i>: 5 s)
    item = {"id": "a", "type": "book", "title": "<i>" * 20000 + "DNA x" + "</i>" * 20000}
    out, took = _timed(citeport.write, [item], "bibtex")
    assert took < 2 and out.count("\\textit{") == 20000 and "{DNA}" in out
    nocase = {"id": "b", "type": "book", "title": '<span class="nocase"><i>DNA</i></span> and RNA'}
    assert "{\\textit{DNA}} and {RNA}" in citeport.write([nocase], "bibtex")


def test_medline_continuation_lines_are_linear():
    # each continuation line was added by rebuilding the whole value: 40,000 lines took 2.3 s, 80,000 ~10 s
    text = "PMID- 1\nTI  - T\nAB  - start\n" + "      more words\n" * 80000 + "AU  - Smith J\n"
    records, took = _timed(citeport.read, text, "medline")
    assert took < 3
    assert records[0]["abstract"].startswith("start more words more") and records[0]["author"]


def test_ris_continuation_lines_are_linear():
    from citeport.formats.ris import _Raw

    raw = _Raw(1)
    raw.add("TY", "JOUR", 1)
    raw.add("T1", "  Title", 2)
    start = time.perf_counter()
    for _ in range(100000):  # was quadratic: minutes
        raw.continue_last("continued")
    assert time.perf_counter() - start < 2
    assert raw.tags[1][1] == "Title" + " continued" * 100000  # joined (and stripped) as before
    raw.add("AB", "First", 3)
    raw.continue_last("second")
    raw.continue_last("third", paragraph=True)
    assert raw.tags[2][1] == "First\nsecond\nthird"  # abstract lines stay lines
    records = citeport.read("TY  - JOUR\nTI  - A title\nAB  - One\n" + "two\n" * 20000 + "ER  - \n", "ris")
    assert records[0]["abstract"] == "One" + "\ntwo" * 20000 and records[0]["title"] == "A title"


def test_bibtex_long_line_without_percent_is_linear():
    # the "% after something on its line" test rescanned a long line from every character: 360 KB, 17 s
    text = "% a comment\n" + "@comment{" * 40000 + "\n@article{k, title={T}}\n"
    records, took = _timed(citeport.read, text, "bibtex")
    assert took < 3 and [r["title"] for r in records] == ["T"]
    records = citeport.read("@article{k, title={A}, % why\n note={x}}\n", "bibtex")
    assert records[0]["title"] == "A" and records[0].get("note") == "x"


def test_render_with_numbers_of_thousands_of_digits():
    # int() of over 4300 digits raises ValueError in Python: sorting by volume crashed the renderer
    big = {"id": "a", "type": "article-journal", "title": "T", "volume": "1" * 6000, "issue": "9" * 5000,
           "author": [{"family": "A"}], "issued": {"date-parts": [[2001]]}}
    small = {"id": "b", "type": "article-journal", "title": "T", "volume": "2", "author": [{"family": "A"}],
             "issued": {"date-parts": [[2001]]}}
    for style in ("apa", "vancouver", "chicago-author-date"):
        assert "1" * 6000 in citeport.render([big, small], style)


def test_sort_key_orders_digit_runs_as_numbers():
    from citeport.render.fixes import sort_text

    values = ["10", "9", "010", "2020-01", "2022", "1" * 5000, "x"]
    keys = sorted(values, key=sort_text)
    assert keys.index("9") < keys.index("10") < keys.index("2020-01") < keys.index("2022") < keys.index("1" * 5000)
    assert sort_text("010") == sort_text("10")


# --- hostile XML ----------------------------------------------------------------------------------

XML_DOCS = {
    "pubmed-xml": ("PubmedArticleSet", "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
                   "<ArticleTitle>{T}</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"),
    "jats": ("article", "<article><front><article-meta><title-group><article-title>{T}</article-title>"
             "</title-group></article-meta></front></article>"),
    "endnote-xml": ("xml", '<xml><records><record><ref-type name="Book">6</ref-type><titles><title>{T}</title>'
                    "</titles></record></records></xml>"),
}


def _hostile(root: str, body: str, secret: str) -> dict[str, str]:
    xi = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret}" parse="text"/>'
    head = '<?xml version="1.0"?>\n'
    return {
        "xxe": head + f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file://{secret}">]>\n' + body.replace("{T}", "A&x;"),
        "parameter entity": head + f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n'
                            + body.replace("{T}", "A"),
        "external DTD": head + f'<!DOCTYPE {root} SYSTEM "file://{secret}">\n' + body.replace("{T}", "A"),
        "xinclude": head + body.replace("{T}", "A" + xi),
        "stylesheet PI": head + f'<?xml-stylesheet href="file://{secret}"?>\n' + body.replace("{T}", "A"),
        # a DOCTYPE after 64 KB of comment: past the text the entity check looks at
        "late xxe": head + "<!--" + "x" * 70000 + "-->\n"
                    + f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file://{secret}">]>\n' + body.replace("{T}", "A&x;"),
        "billion laughs": head + f"<!DOCTYPE {root} [<!ENTITY a \"aaaaaaaaaa\">"
                          + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
                          + "]>\n" + body.replace("{T}", "A&j;"),
        "10,000 deep": head + body.replace("{T}", "A" + "<i>" * 10000 + "b" + "</i>" * 10000),
    }


@pytest.mark.parametrize("fmt", sorted(XML_DOCS))
def test_hostile_xml_reads_nothing_it_was_not_given(fmt, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    root, body = XML_DOCS[fmt]
    for name, doc in _hostile(root, body, str(secret)).items():
        start = time.perf_counter()
        try:
            records = citeport.read(doc.encode(), fmt)
        except citeport.CiteportError as exc:  # refused: fine, if it says why
            assert str(exc), name
            continue
        finally:
            assert time.perf_counter() - start < 3, name
        out = citeport.write(records, "csl-json")
        assert "TOPSECRET" not in out, name
        assert "aaaaaaaaaa" not in out, name


def test_xml_entity_files_are_never_opened(tmp_path):
    """The file an entity names is not even opened (an open FIFO would block: a read would hang)."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    root, body = XML_DOCS["endnote-xml"]
    doc = _hostile(root, body, str(fifo))
    result: list = []
    thread = threading.Thread(target=lambda: result.append([
        len(_read_or_refuse(text, "endnote-xml")) for text in (doc["late xxe"], doc["external DTD"])]), daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # unblock the reader before failing
        with open(fifo, "w"):
            pass
    assert result, "the reader opened the file an entity/DTD names"


def _read_or_refuse(text: str, fmt: str) -> list:
    try:
        return list(citeport.read(text.encode(), fmt))
    except citeport.CiteportError:
        return []


# --- the CLI contract -----------------------------------------------------------------------------

RIS = "TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Two\nER  - \n"


def test_a_fifo_is_read_like_a_file(tmp_path):
    # `citeport convert <(zcat refs.ris.gz)`: the sniffer's seek(0) failed: "internal error"
    fifo = tmp_path / "in.ris"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "w") as fh:
            fh.write(RIS)
    threading.Thread(target=feed, daemon=True).start()
    proc = run_cli("convert", str(fifo), "-t", "csl-json", timeout=60)
    assert proc.returncode == 0, proc.stderr_text
    assert [i["title"] for i in json.loads(proc.stdout_text)] == ["One", "Two"]


def test_bad_inputs_name_the_problem_without_traceback(tmp_path):
    for args, words in ((["convert", str(tmp_path), "-t", "ris"], "directory"),
                        (["convert", str(tmp_path / "none.ris"), "-t", "ris"], "no such file")):
        proc = run_cli(*args, "--verbose")
        assert proc.returncode == 2 and words in proc.stderr_text and proc.stdout_text == ""
        assert "Traceback" not in proc.stderr_text


def _big_ris(tmp_path, n: int = 20000):
    path = tmp_path / "big.ris"
    path.write_text("".join(f"TY  - JOUR\nTI  - Title {i}\nAU  - Smith, J\nER  - \n" for i in range(n)))
    return path


def test_sigint_and_a_closed_pipe_end_quietly(tmp_path):
    path = _big_ris(tmp_path)
    cmd = [sys.executable, "-m", "citeport", "convert", str(path), "-t", "csl-yaml", "--verbose"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()  # running: it has written its first line
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"Traceback" not in err
    # `citeport convert ... | head -1`: the reader of stdout goes away
    cmd = [sys.executable, "-m", "citeport", "convert", str(path), "-t", "ris"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0 and err == b""


@pytest.mark.parametrize("fmt, doc", [
    ("endnote-xml", '<!DOCTYPE xml [<!ENTITY x "EVIL">]>\n<xml><records><record><ref-type name="Journal Article">17'
                    '</ref-type><titles><title>A &x; title</title></titles></record></records></xml>'),
    ("jats", '<!DOCTYPE article [<!ENTITY x "EVIL">]>\n<article><front><article-meta><title-group>'
             '<article-title>A &x; title</article-title></title-group></article-meta></front></article>'),
])
def test_entities_declared_past_the_checked_head_are_refused(fmt, doc, tmp_path):
    # A 70 KB comment pushes the DOCTYPE past the 64 KB head check; the parsed tree's DTD is checked too,
    # so the entity is refused rather than kept as "&x;" (EndNote) or dropped (JATS).
    path = tmp_path / "late.xml"
    path.write_text('<?xml version="1.0"?>\n<!--' + "x" * 70000 + "-->\n" + doc)
    proc = run_cli("convert", str(path), "--from", fmt, "-t", "csl-json")
    assert proc.returncode == 2
    assert "declares entities" in proc.stderr_text and "Traceback" not in proc.stderr_text
    assert "EVIL" not in proc.stdout_text
