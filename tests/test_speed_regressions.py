"""Guards for the speed regressions found by comparing the benchmarks before and after a day of changes.

Each test pins the mechanism of a fix (work that must not be done), not a timing, so it holds on a busy machine.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import citeport
from citeport.formats import jats_freetext_styles as styles
from citeport.formats import pubmed_text_cite as cite
from citeport.formats import pubmed_text_parse as parse
from citeport.model.names import extra_name_parts

SRC = Path(__file__).resolve().parents[1] / "src"


def test_style_patterns_not_compiled_at_start_up():
    # Compiling the free-text style table took ~0.25 s of every citeport start-up (the registry imports
    # every reader); it is compiled when a free-text reference is first parsed.
    code = ("import citeport; citeport.formats(); from citeport.formats import jats_freetext_styles as s; "
            "print(sum('_compiled' in p.__dict__ for _n, p, *_r in s.STYLES), len(s.STYLES))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}).stdout.split()
    assert out[0] == "0" and int(out[1]) > 10


def test_lazy_style_pattern_behaves_as_compiled():
    text = "Smith J, Jones K (2004) A title of the work. Lancet 364: 1857-1864."
    m = styles._PLOS.match(text)
    assert m and m.group("year") == "2004" and m.group("page") == "1857-1864"
    assert styles._PLOS.groupindex["year"] and styles._PLOS.pattern.startswith("^(?P<authors>")
    assert styles._PLOS.fullmatch("no reference here") is None


def test_page_text_cite_dialog_search_stops_at_first_non_citation(monkeypatch):
    # dialog_citations() ran parse() (APA, MLA, then NLM readers) on every paragraph of every page before
    # giving up at the first paragraph that is no citation.
    calls = []
    real = cite.parse
    monkeypatch.setattr(cite, "parse", lambda text: calls.append(text) or real(text))
    lines = []
    for k in range(50):
        lines += [f"Line one of paragraph {k}, no citation.", f"Line two of paragraph {k}.", ""]
    assert cite.dialog_citations(lines) == []
    assert len(calls) <= 2


def test_ligatures_still_replaced():
    assert parse.clean_line("e\ufb03cient \ufb01t\u200b\tx") == "efficient fit x"
    assert parse.clean_line("plain  line") == "plain line"


def test_extra_name_parts_absent_and_present():
    assert extra_name_parts(None) == [] and extra_name_parts([]) == []
    assert extra_name_parts([{"family": "A", "parse-names": False}, "x"]) == ["parse-names"]


def test_ris_writer_embedded_tag_spacing_kept():
    # The embedded "  -" rule is applied only to texts that can hold one; the rule itself is unchanged.
    items = [{"id": "a", "type": "article-journal", "title": "T", "abstract": "x ER  - y and TI \t- z",
              "note": "plain note"}]
    out = citeport.write(items, "ris")
    assert "AB  - x ER - y and TI - z\r\n" in out and "N1  - plain note" in out
