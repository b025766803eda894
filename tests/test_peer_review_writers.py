"""Writer fixes found by reviewing what JabRef and biblatex-csl-converter made of citeport's files
(tests/test_peers_jabref.py, tests/test_peers_bcc.py): exact values, no peer needed."""
from __future__ import annotations

import re

import citeport
from citeport.model.diagnostics import Context


def _write(items, fmt):
    ctx = Context()
    text = citeport.write(items, fmt, ctx=ctx)
    return text, {(d.code, d.field) for d in ctx.diagnostics if d.is_loss}


def _notes(text: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<notes>(.*?)</notes>", text, re.S)]


def test_endnote_values_without_a_field_go_to_the_note_as_ris_n1():
    # A web page has no Pages field, a film no Author role (its director is), a thesis no Volume:
    # 'variable: value' in <notes> (as RIS N1) instead of nothing.
    film = {"id": "f", "type": "motion_picture", "title": "T", "page": "114-126",
            "author": [{"family": "O'Brien", "given": "Ann-Marie"}, {"literal": "WHO"}],
            "director": [{"family": "Lynch", "given": "David"}], "note": "Own note."}
    text, losses = _write([film], "endnote-xml")
    assert _notes(text) == ["Own note.\nAuthor: O'Brien, Ann-Marie\nAuthor: WHO\npage: 114-126"]
    assert ("down-converted", "author") in losses and ("down-converted", "page") in losses
    assert ("dropped", "page") not in losses
    back = citeport.read(text, "endnote-xml")[0]
    assert back["director"] == film["director"] and "page" not in back
    assert back["note"] == "Own note.\nAuthor: O'Brien, Ann-Marie\nAuthor: WHO\npage: 114-126"
    text, losses = _write([{"id": "t", "type": "thesis", "title": "T", "volume": "6"}], "endnote-xml")
    assert _notes(text) == ["volume: 6"] and ("down-converted", "volume") in losses


def test_endnote_report_isbn_beside_its_number_field_goes_to_the_note():
    # A report's <isbn> is its report number: the ISBN (with or without a number) goes to the note.
    for extra in ({}, {"number": "TR-7"}):
        item = {"id": "r", "type": "report", "title": "T", "ISBN": "0-226-10403-6", **extra}
        text, losses = _write([item], "endnote-xml")
        assert "ISBN: 0-226-10403-6" in _notes(text)[0] and ("down-converted", "ISBN") in losses
        assert bool(re.search(r"<isbn>\s*<style[^>]*>TR-7</style>", text)) == bool(extra)


def test_endnote_variables_written_in_a_per_type_element_stay_out_of_the_note():
    # A newspaper's <number> is its start page (EndNote 'Start Page'): written there, not noted too.
    item = {"id": "n", "type": "article-newspaper", "title": "T", "page-first": "59712", "page": "A23"}
    text, losses = _write([item], "endnote-xml")
    assert "page-first" not in "".join(_notes(text)) and not any(f == "page-first" for _, f in losses)


def test_bibtex_a_ring_is_the_latex_letter():
    # {\aa}, not {\r a}: what JabRef, Zotero and bibutils write, a letter to BibTeX's purify$, and the
    # only form biblatex-csl-converter decodes.
    item = {"id": "k", "type": "book", "title": "Ångström på Åland", "author": [{"family": "Håkansson", "given": "Åsa"}]}
    for fmt in ("bibtex", "biblatex"):
        text, _ = _write([item], fmt)
        assert "author = {H{\\aa}kansson, {\\AA}sa}" in text.replace("  ", " ").replace("  ", " ")
        assert "\\r " not in text
        back = citeport.read(text, fmt)[0]
        assert back["title"] == item["title"] and back["author"] == item["author"]
