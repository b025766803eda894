"""PubMed XML read in parallel pieces: the same items and diagnostics as one stream, damage, clean-up."""
from __future__ import annotations

import gzip
import os
import re
import tempfile
from pathlib import Path

import pytest

import citeport
from citeport.formats import pubmed_xml
from citeport.model.diagnostics import Context
from conftest import run_cli

RECORD = re.search(r"<PubmedArticle>.*?</PubmedArticle>\n",
                   (Path(__file__).parent / "data" / "pubmed" / "invented.xml").read_text(encoding="utf-8"),
                   re.S).group(0)
#: Odd things spread over the file, each of which gives a diagnostic or tempts a wrong cut.
ODDITIES = [
    "<PubmedArticle/>\n",  # empty: a warning with a record number
    "<PubmedArticle><PubmedData/></PubmedArticle>\n",  # no MedlineCitation: skipped (an error)
    re.sub(r"<(ArticleTitle|VernacularTitle)>.*?</\1>", "", RECORD, flags=re.S),  # no title: a warning
    # A comment that looks exactly like a record boundary: a cut there must not change anything.
    "<!-- a fake boundary\n</PubmedArticle>\n<PubmedArticle>\n-->\n",
]


def make_file(path: Path, n: int = 700, tail: str = "") -> Path:
    """About 3 KB a record; PMIDs distinct; oddities every 97 records."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n']
    for i in range(n):
        parts.append(RECORD.replace("99000001", str(10_000_000 + i)))
        if i % 97 == 50:
            parts.append(ODDITIES[(i // 97) % len(ODDITIES)])
    parts.append(tail + "<DeleteCitation><PMID>1</PMID><PMID>2</PMID></DeleteCitation>\n</PubmedArticleSet>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


@pytest.fixture
def small_pieces(monkeypatch, tmp_path):
    """Parallel reading for small files, in ~120 KB pieces, with temp files in tmp_path/tmp."""
    monkeypatch.setattr(pubmed_xml, "PARALLEL_MIN_BYTES", 100_000)
    monkeypatch.setattr(pubmed_xml, "ROUND_BYTES", (250_000, 250_000))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def run(path: Path, jobs: int):
    ctx = Context(source=str(path), options={"jobs": jobs})
    items = list(citeport.api.iter_read(str(path), "pubmed-xml", ctx=ctx))
    diags = [(d.level, d.message, d.record, d.line, d.code) for d in ctx.diagnostics]
    return items, diags


def test_plan_cuts_at_record_starts_only(small_pieces, tmp_path):
    path = make_file(tmp_path / "big.xml")
    plan = pubmed_xml._plan(citeport.sources.Source.of(str(path)), 2)
    assert plan is not None and len(plan.pieces) > 6 and plan.workers == 1
    data = path.read_bytes()
    for prev, piece in zip(plan.pieces, plan.pieces[1:]):
        assert prev.end == piece.start
        assert re.match(rb"<PubmedArticle[\s>/]|<DeleteCitation", data[piece.start:piece.start + 20])
        assert data[:piece.start].rstrip().endswith((b"</PubmedArticle>", b"<PubmedArticle/>"))
    assert plan.pieces[-1].end is None and plan.closing == b"</PubmedArticleSet>\n"
    assert [p.worker for p in plan.pieces[:4]] == [False, True, False, True]


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_output_and_diagnostics_are_the_single_stream_s(small_pieces, tmp_path, jobs):
    path = make_file(tmp_path / "big.xml")
    single = run(path, 1)
    assert len(single[0]) > 650 and {d[0] for d in single[1]} == {"info", "warning", "error"}
    assert run(path, jobs) == single
    assert not os.listdir(small_pieces)  # every temp file deleted


@pytest.mark.parametrize("where", [0.15, 0.55, 0.9])
def test_damage_in_any_piece_stops_where_the_single_stream_stops(small_pieces, tmp_path, where):
    path = make_file(tmp_path / "big.xml")
    data = path.read_bytes()
    # An unclosed tag inside a record: the parse fails there, wherever that piece is read.
    at = data.index(b"<Volume>", int(len(data) * where))
    path.write_bytes(data[:at] + b"<Volume><b>" + data[at + len(b"<Volume>"):])
    damage_line = data[:at].count(b"\n") + 1
    items, diags = run(path, 2)
    assert (items, diags) == run(path, 1)
    errors = [d for d in diags if d[0] == "error" and "malformed XML" in d[1]]
    assert len(errors) == 1 and errors[-1] == diags[-1]
    assert damage_line <= errors[0][3] <= damage_line + 3  # the real line, not the piece's own
    assert items[-1]["PMID"] < str(10_000_000 + int(700 * where) + 1)  # nothing after the damage
    assert not os.listdir(small_pieces)


def test_truncated_file_in_the_last_piece(small_pieces, tmp_path):
    path = make_file(tmp_path / "big.xml")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 5000])
    assert run(path, 2) == run(path, 1)


def test_temp_files_and_workers_go_when_the_consumer_stops_early(small_pieces, tmp_path, monkeypatch):
    started = []
    real = pubmed_xml._Workers

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, n):
            super().__init__(n)
            started.extend(self.procs)

    monkeypatch.setattr(pubmed_xml, "_Workers", Spy)
    path = make_file(tmp_path / "big.xml")
    stream = citeport.api.iter_read(str(path), "pubmed-xml", ctx=Context(options={"jobs": 3}))
    first = [next(stream) for _ in range(300)]  # into the second piece: workers busy, temp files exist
    assert len(first) == 300 and os.listdir(small_pieces)
    stream.close()
    assert not os.listdir(small_pieces)
    assert started and all(p.poll() is not None for p in started)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):  # the consumer fails: the same clean-up
        for n, _item in enumerate(citeport.api.iter_read(str(path), "pubmed-xml", ctx=Context(options={"jobs": 2}))):
            if n == 250:
                raise Boom
    assert not os.listdir(small_pieces)


def test_one_process_for_jobs_1_gzip_small_files_and_bare_records(small_pieces, tmp_path, monkeypatch):
    def no_workers(n):
        raise AssertionError("workers started")

    path = make_file(tmp_path / "big.xml", n=100)
    expected = run(path, 1)
    monkeypatch.setattr(pubmed_xml, "_Workers", no_workers)
    gz = tmp_path / "big.xml.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    ctx = Context(options={"jobs": 4})
    assert list(citeport.api.iter_read(str(gz), "pubmed-xml", ctx=ctx)) == expected[0]
    monkeypatch.setattr(pubmed_xml, "PARALLEL_MIN_BYTES", 10_000_000)  # a small file
    assert run(path, 4) == expected
    assert pubmed_xml._jobs(None) == min(os.cpu_count() or 1, 4) and pubmed_xml._jobs("1") == 1


def test_cli_jobs_option(tmp_path):
    path = make_file(tmp_path / "small.xml", n=20)
    one = run_cli("convert", str(path), "--to", "csl-json", "--jobs", "1")
    two = run_cli("convert", str(path), "--to", "csl-json", "--jobs", "2")
    assert one.returncode == two.returncode and one.stdout == two.stdout and b"\"PMID\": \"10000019\"" in one.stdout
