"""Files the peers write (pandoc, citation-js, bibutils) read by citeport: the fixed behaviours.

The full figures per peer x format: ``python tests/peers/peer_written.py`` (minutes); here the
rules found there, on small inline files as the peers write them, and a few items written by the
real peers (skipped with a reason when a peer is absent).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import citeport

sys.path.insert(0, str(Path(__file__).resolve().parent / "peers"))
import peer_written  # noqa: E402


def _one(text: str, fmt: str) -> dict:
    items = list(citeport.read(text, fmt))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
@pytest.mark.parametrize("subtype,csl", [("magazine", "article-magazine"), ("newspaper", "article-newspaper"),
                                         ("Magazine", "article-magazine")])
def test_article_entrysubtype_is_the_type(fmt, subtype, csl):
    # pandoc: -t biblatex writes a magazine article as @article + entrysubtype
    item = _one(f"@article{{k,\n  title = {{T}},\n  journal = {{The Atlantic}},\n  entrysubtype = {{{subtype}}},\n"
                f"  volume = {{320}}\n}}\n", fmt)
    assert item["type"] == csl
    assert item["container-title"] == "The Atlantic"
    assert "bibtex:entrysubtype" not in (item.get("custom") or {}).get("tags", {})


def test_other_entrysubtypes_are_kept_not_typed():
    item = _one("@article{k, title = {T}, entrysubtype = {blog}}\n", "biblatex")
    assert item["type"] == "article-journal"
    assert item["custom"]["tags"]["bibtex:entrysubtype"] == "blog"
    # the subtype of another entry type says nothing about an article
    assert _one("@misc{k, title = {T}, entrysubtype = {magazine}}\n", "biblatex")["type"] == "document"


def test_legal_entry_is_a_treaty():
    # biblatex manual 2.1.1: "@legal: a legal document such as a treaty" (pandoc, citation-js read it so)
    item = _one("@legal{k, title = {Treaty of Rome}, date = {1957-03-25}}\n", "biblatex")
    assert item["type"] == "treaty"
    assert item["issued"] == {"date-parts": [[1957, 3, 25]]}


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_textless_textgreater(fmt):
    # pandoc and citation-js write a literal "<" and ">" as \textless / \textgreater
    item = _one("@book{k,\n  title = {Is \\textless{}a\\textgreater{} b},\n"
                "  publisher = {A \\textless b\\textgreater{} c \\textless\\textgreater}\n}\n", fmt)
    assert item["publisher"] == "A <b> c <>"
    assert item["title"] == "Is <a> b"


def test_markdown_escapes_in_identifiers_of_pandoc_yaml():
    # pandoc -t markdown -s escapes "<" and ">" in a SICI DOI; its own reader undoes them
    text = ('---\nnocite: "[@*]"\nreferences:\n- DOI: "10.5555/(SICI)1234-5678(199601)1:1\\\\<2::AID\\\\>3.0.CO;2-Z"\n'
            '  id: a\n  title: T\n  type: article-journal\n  URL: https://example.org/a_b?c=1&d=2\n---\n')
    item = _one(text, "csl-yaml")
    assert item["DOI"] == "10.5555/(SICI)1234-5678(199601)1:1<2::AID>3.0.CO;2-Z"
    assert item["URL"] == "https://example.org/a_b?c=1&d=2"
    assert item["title"] == "T"


def test_measure_counts_only_what_some_reader_recovers():
    # the harness itself: a field no reader gets is not held; one only another reader gets is a miss
    original = {"id": "x", "type": "book", "title": "A Title", "volume": "3", "publisher": "P"}
    assert peer_written._ok_fields({"type": "book", "title": "a title", "volume": "3"}, original) == \
        {"type", "title", "volume"}
    aligned = peer_written.align([original, {"id": "y", "type": "book", "title": "Other"}],
                                 [{"type": "book", "title": "Other"}])
    assert aligned == [None, {"type": "book", "title": "Other"}]


def _peer(peer: str, pfmt: str, cfmt: str) -> None:
    why = peer_written.WRITERS[(peer, pfmt, cfmt)][1]()
    if why:
        pytest.skip(why)


@pytest.mark.parametrize("key,floor", [
    (("pandoc", "biblatex", "biblatex"), 0.97), (("pandoc", "bibtex", "bibtex"), 0.97),
    (("pandoc", "markdown", "csl-yaml"), 1.0), (("pandoc", "csljson", "csl-json"), 1.0),
    # bibutils loses a CONF record's C3 (proceedings title) to N1: its T2, the meeting, is read as the container
    (("bibutils", "xml2bib", "bibtex"), 1.0), (("bibutils", "xml2ris", "ris"), 0.99),
    (("citation-js", "data", "csl-json"), 1.0),
])
def test_peer_written_own_items(key, floor):
    """The hand-made common-type items, written by the real peer: what its file holds, citeport reads."""
    _peer(*key)
    r = peer_written.measure(*key, peer_written.OWN)
    assert r["held"] > 150
    assert r["kept"] / r["held"] >= floor, r["misses"]


@pytest.fixture(scope="module")
def pandoc_biblatex() -> list[dict]:
    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed")
    items = [{"id": "m", "type": "article-magazine", "title": "Mag", "container-title": "The Atlantic",
              "issued": {"date-parts": [[2017, 11]]}},
             {"id": "n", "type": "article-newspaper", "title": "News", "container-title": "The Times",
              "issued": {"date-parts": [[2015, 9, 28]]}},
             {"id": "t", "type": "treaty", "title": "Treaty of Rome", "issued": {"date-parts": [[1957]]}},
             {"id": "p", "type": "book", "title": "Less", "publisher": "A <b> & c", "issued": {"date-parts": [[2000]]}}]
    proc = subprocess.run(["pandoc", "-f", "csljson", "-t", "biblatex"], input=json.dumps(items).encode(),
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return list(citeport.read(proc.stdout.decode("utf-8"), "biblatex"))


def test_pandoc_biblatex_types_and_symbols(pandoc_biblatex):
    assert [i["type"] for i in pandoc_biblatex] == ["article-magazine", "article-newspaper", "treaty", "book"]
    assert pandoc_biblatex[3]["publisher"] == "A <b> & c"
