"""The streaming BibTeX reader gives exactly what the whole-file reader gives, a batch at a time."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from citeport.formats import bibtex as B
from citeport.formats.bibtex_blocks import prescan
from citeport.model.diagnostics import Context
from citeport.sources import Source
from conftest import ROOT, SHARED, shared_path


def _run(text_or_path: str | Path, reader: str, batch: int | None = None, monkeypatch=None):
    """(items, diagnostics) of one reader: 'whole', or 'stream' with *batch* characters a batch."""
    diags: list = []
    ctx = Context(sink=diags.append)
    source = Source.from_path(text_or_path) if isinstance(text_or_path, Path) else Source("<t>", text=text_or_path)
    text = B._prepare(source, ctx)
    if reader == "whole":
        items = list(B._read_whole(text, ctx, "biblatex"))
    else:
        if batch is not None:
            monkeypatch.setattr(B, "_BATCH_CHARS", batch)
        scan = prescan(text)
        items = list(B._read_stream(text, scan, ctx, "biblatex") if scan else B._read_whole(text, ctx, "biblatex"))
    return items, [(d.level, d.message, d.record, d.line, d.code, d.field) for d in diags]


def _same(text_or_path, monkeypatch, batches=(1, 300, None)) -> list:
    """Assert every batch size reads *text_or_path* as the whole-file reader does; its items."""
    want = _run(text_or_path, "whole")
    for batch in batches:  # 1: every block start is a batch boundary
        got = _run(text_or_path, "stream", batch, monkeypatch)
        assert got[0] == want[0], f"items differ with batch={batch}"
        assert got[1] == want[1], f"diagnostics differ with batch={batch}"
    return want[0]


def _bib_files() -> list[Path]:
    local = sorted(p for d in (ROOT / "tests" / "data").glob("bibtex*") for p in d.rglob("*.bib"))
    corpus = sorted((SHARED / "corpus").rglob("*.bib")) if (SHARED / "corpus").exists() else []
    return local + corpus


def test_every_bib_file_reads_the_same_streamed(monkeypatch):
    shared_path("corpus")
    files = _bib_files()
    assert len(files) > 50
    streamed = 0
    for path in files:
        try:
            _same(path, monkeypatch, batches=(1,))
        except AssertionError as exc:
            raise AssertionError(f"{path}: {exc}") from None
        streamed += prescan(B._prepare(Source.from_path(path), Context(sink=lambda d: None))) is not None
    assert streamed >= len(files) - 5  # nearly all stream; the rest are read whole (same output anyway)


MALFORMED = r"""@string{jgr = "Journal of {G}eophysical Research"}
% a comment line
@article{owens2015, author = {Owens, John}, title = {A}, journal = jgr, year = 2015, month = feb}
@inproceedings{child, author = {Doe, Jane}, title = {Child}, crossref = {proc}, pages = {1--10}}
@article{bad, title = {Unbalanced {, year = 2001}
@book{ok, title = {Still here}, author = {Last, First}, year = 1999}
@article{twice, title = {One}, title = {Two}}
@misc{paren, title = {Opened with a brace})
@misc(paren2, title = {Parentheses}, note = "a ) in quotes")
junk between entries @misc{midline, title = {Starts mid-line}}
@article{nocomma title = {x}}
@string{jgr = "Redefined"}
@book{ok, title = {Same key again}}
@book{OK, title = {Same key, other case}}
@proceedings{proc, title = {Proceedings of {ACM}}, year = 2001, publisher = {ACM}}
@article{late, journal = later, month = jan, title = {Uses a macro defined below}}
@article{open, title = {never closed,
  year = 2020,
@misc{after, title = {After an unclosed entry}, crossref = {nowhere}}
@string{later = "Defined Late"}
@string{jan = "Janvier"}
@comment{ @article{commented, title = {x}} }
@xdata{pub, publisher = {Springer}, location = {Berlin}}
@book{usesx, title = {With xdata}, xdata = {pub}}
@misc{last, title = {Unclosed at the end of the file}
"""


def test_malformed_and_tricky_input_reads_the_same_streamed(monkeypatch):
    items = _same(MALFORMED, monkeypatch)
    ids = [i["id"] for i in items]
    assert ids[:3] == ["owens2015", "child", "ok"] and "bad" not in ids and "after" in ids
    by = {i["id"]: i for i in items}
    assert by["child"]["container-title"] == "Proceedings of ACM"  # parent read after the child
    assert by["late"]["container-title"] == "Defined Late"  # macro defined after its use
    assert by["usesx"]["publisher"] == "Springer"
    msgs = _run(MALFORMED, "stream", 1, monkeypatch)[1]
    assert any(m[3] == 5 and m[4] == "skipped" for m in msgs)  # the unbalanced entry, named by its line
    assert any("duplicate key 'ok' (first at line 6)" in m[1] and m[3] == 13 for m in msgs)


def _big(n: int, head: str = "", tail: str = "") -> str:
    rows = [head]
    for k in range(n):
        rows.append(f"@article{{a{k},\n  author = {{Writer, Anne and Other, Bob}},\n  title = {{Title {k}}},\n"
                    f"  journal = {{Journal {k % 7}}},\n  year = {{{1990 + k % 30}}},\n  pages = {{{k}--{k + 9}}}\n}}\n")
    rows.append(tail)
    return "".join(rows)


def test_child_first_parent_last_in_a_large_file(monkeypatch):
    head = "@incollection{chap, author = {Doe, Jane}, title = {Chapter}, crossref = {BOOK}, pages = {3--9}}\n"
    tail = "@collection{book, title = {The Book}, editor = {Ed, Ida}, publisher = {Pub}, year = 2001}\n"
    text = _big(1500, head, tail)
    items = _same(text, monkeypatch, batches=(4096,))
    assert len(items) == 1502
    chap = items[0]
    assert chap["container-title"] == "The Book" and chap["publisher"] == "Pub"
    assert chap["editor"] == [{"family": "Ed", "given": "Ida"}]
    assert chap["issued"] == {"date-parts": [[2001]]}


def test_items_come_before_the_file_is_parsed(monkeypatch):
    """Streaming: the first item needs one batch parsed, not the file."""
    calls = []
    parse = B._parse_quietly
    monkeypatch.setattr(B, "_parse_quietly", lambda text: calls.append(len(text)) or parse(text))
    monkeypatch.setattr(B, "_BATCH_CHARS", 2000)
    text = _big(800)
    it = B._read(Source("<t>", text=text), Context(sink=lambda d: None), "bibtex")
    first = next(it)
    assert first["id"] == "a0" and len(calls) == 1 and calls[0] < 3000
    assert sum(1 for _ in it) == 799 and sum(calls) == len(text)  # every character parsed once


def test_parent_key_in_a_macro_falls_back_to_the_whole_file(monkeypatch):
    text = ('@string{p = "proc"}\n@inproceedings{c, title = {C}, crossref = p}\n'
            "@proceedings{proc, title = {P}, year = 2000}\n")
    assert prescan(text) is None
    items = _same(text, monkeypatch)
    assert items[0]["container-title"] == "P"


def test_crossref_cycles_case_variants_and_nested_parents(monkeypatch):
    text = ("@book{a, title = {A}, crossref = {b}, year = 1}\n@book{b, title = {B}, crossref = {a}, note = {nb}}\n"
            "@inbook{c, title = {C}, crossref = {mid}}\n@misc{x, title = {between}}\n"
            "@book{MID, title = {Mid}, crossref = {top}}\n@book{mid, title = {Mid 2}, crossref = {top}}\n"
            "@mvbook{top, title = {Top}, publisher = {TP}, year = 1999}\n")
    items = _same(text, monkeypatch)
    by = {i["id"]: i for i in items}
    assert by["c"]["volume-title"] == "Mid 2" and by["c"]["publisher"] == "TP"  # the last 'mid' wins
    assert "publisher" not in by["MID"]  # its lower-case key was resolved already (today's rule)
    assert by["a"]["note"] == "nb" and "issued" not in by["b"]  # a cycle stops where it closes


def test_comment_lines_shift_nothing_in_the_stream(monkeypatch):
    text = ("% JabRef header\n@article{x,\n% a commented-out field = {1}\n title = {T},\n year = 2000}\n"
            "@article{y, title = {unclosed\n% @article{z, title = {commented}}\n"
            "@article{\n% comment in the key\nw, title = {W}, crossref = {x}}\n")
    items = _same(text, monkeypatch)
    assert [i["id"] for i in items] == ["x", "w"]


def test_messages_come_in_file_order_both_ways(monkeypatch):
    """A repeated field's or mended delimiter's warning comes at its entry's place, not first."""
    text = ("@article{a, title = {A}}\n@article{twice, title = {One}, title = {Two}}\n@misc{p, title = {x})\n"
            "@article{bad, title = {Unbalanced {, year = 2001}\n@book{c, title = {C}}\n"
            "@article{twice2, title = {One}, title = {Two}}\n")
    _same(text, monkeypatch)
    lines = [m[3] for m in _run(text, "stream", 1, monkeypatch)[1]]
    assert lines == sorted(lines) == [2, 3, 4, 6]


def test_damaged_corpus_files_read_the_same_streamed(monkeypatch):
    """Seeded damage (stray braces, block starts, comments, escaped newlines, parents): same output."""
    shared_path("corpus")
    files = _bib_files()
    rng = random.Random(8)
    pieces = ["{", "}", "@", "\n@misc{", "\n@article(", ")", '"', ",", "=", "\n", "\n% x\n", "#", "\\\n",
              "crossref = {item1}", "\n@book{ITEM1, title = {x}}\n", "\n@string{jan = {J}}\n", "xdata = {x2}",
              "\n@xdata{x2, publisher = {P}}\n"]
    for _ in range(40):
        text = rng.choice(files).read_text(encoding="utf-8", errors="replace")
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(pieces) + text[at + rng.choice((0, 0, 1, 3)):]
        _same(text, monkeypatch, batches=(1,))


def test_parents_at_the_end_are_read_ahead_so_children_stream(monkeypatch):
    """BibTeX's own layout (dblp): children first, their @proceedings at the end of the file."""
    rows = [f"@inproceedings{{p{k},\n  author = {{Au, Thor}},\n  title = {{Paper {k}}},\n  crossref = {{conf{k % 3}}},\n"
            f"  pages = {{{k}--{k + 5}}}\n}}\n" for k in range(600)]
    rows += [f"@proceedings{{conf{c},\n  title = {{Conference {c}}},\n  year = {{200{c}}},\n  publisher = {{ACM}}\n}}\n"
             for c in range(3)]
    text = "".join(rows)
    items = _same(text, monkeypatch, batches=(2000,))
    assert items[4]["container-title"] == "Conference 1" and items[4]["issued"] == {"date-parts": [[2001]]}
    monkeypatch.setattr(B, "_BATCH_CHARS", 2000)
    it = B._read(Source("<t>", text=text), Context(sink=lambda d: None), "bibtex")
    calls = []
    parse = B._parse_quietly
    monkeypatch.setattr(B, "_parse_quietly", lambda t: calls.append(len(t)) or parse(t))
    assert next(it)["container-title"] == "Conference 0"
    assert sum(calls) < 3000  # three parents and one batch, not the file
