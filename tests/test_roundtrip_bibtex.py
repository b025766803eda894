"""BibTeX/BibLaTeX writer and reader agree: each value goes where the reader finds it again, or its loss is reported.

One test per rule that closed a case of tests/test_roundtrip_types.py (KNOWN for bibtex/biblatex).
"""
from __future__ import annotations

import pytest

import citeport
from citeport import api
from citeport.model.diagnostics import Context

FLAVOURS = ("bibtex", "biblatex")


def _trip(item: dict, fmt: str) -> tuple[str, dict, set[tuple[str, str]]]:
    ctx = Context()
    text = api.write([{"id": "x", "title": "T", **item}], fmt, ctx=ctx)
    (back,) = citeport.read(text, fmt)
    return text, back, {(d.code, d.field) for d in ctx.diagnostics if d.is_loss}


# -- case protection: the writer's braces are read as protection, a user's nocase survives ------------
@pytest.mark.parametrize("fmt", FLAVOURS)
def test_the_writers_own_case_protection_reads_back_as_plain_text(fmt):
    title = "The <i>in vivo</i> role of CO<sub>2</sub> and mRNA in DNA repair"
    text, back, losses = _trip({"type": "article-journal", "title": title, "container-title": "J of NASA"}, fmt)
    assert "{CO}\\textsubscript{2}" in text and "{mRNA}" in text and "{DNA}" in text  # BibTeX styles keep them
    assert back["title"] == title and back["container-title"] == "J of NASA"
    assert not {f for _, f in losses} & {"title", "container-title"}


@pytest.mark.parametrize("fmt", FLAVOURS)
def test_a_users_nocase_span_survives_even_around_a_protected_word(fmt):
    title = ('<span class="nocase">iPhone</span> and <span class="nocase">DNA repair</span> in '
             '<b><span class="nocase">eBay</span></b>')
    text, back, _ = _trip({"type": "book", "title": title}, fmt)
    assert "{{iPhone}}" in text and "{DNA repair}" in text and "\\textbf{{{eBay}}}" in text
    assert back["title"] == title


@pytest.mark.parametrize("value,expected", [
    ("A {DNA} map of {mRNA}", "A DNA map of mRNA"),                        # protection of case-stable words
    ("Journal of {G}eophysics", 'Journal of <span class="nocase">G</span>eophysics'),  # not a word of its own
    ("{BERT:} pre-training", '<span class="nocase">BERT:</span> pre-training'),       # more than a word
    ("{The Lancet} today", '<span class="nocase">The Lancet</span> today'),
    ("{DNA} REPAIR", '<span class="nocase">DNA</span> REPAIR'),             # all capitals: sentence case would touch it
    ("{{DNA}} repair", '<span class="nocase">DNA</span> repair'),           # doubled: the user's own nocase
    ("a{DNA} b", 'a<span class="nocase">DNA</span> b'),                      # inside a word
])
def test_reading_braces_in_a_title(value, expected):
    (item,) = citeport.read("@book{k, title = {%s}}" % value, "bibtex")
    assert item["title"] == expected


# -- a literal tag in text is text --------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FLAVOURS)
def test_an_unpaired_tag_is_text_not_markup_closed_at_the_end(fmt):
    abstract = "First <i>italics</i>.\nA literal <b> and 5 < 6, a stray </i> too"
    text, back, losses = _trip({"type": "report", "abstract": abstract, "title": "x <sup>2</sup> <b>y"}, fmt)
    assert "\\textbf" not in text and "\\textit{italics}" in text and "\\textsuperscript{2}" in text
    assert back["abstract"] == abstract and back["title"] == "x <sup>2</sup> <b>y"
    assert not losses & {("down-converted", "abstract"), ("down-converted", "title")}


# -- volume + part ------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FLAVOURS)
def test_volume_and_part(fmt):
    text, back, losses = _trip({"type": "book", "volume": "IV", "part": "3A"}, fmt)
    assert "volume = {IV}" in text.replace("  ", " ").replace("  ", " ") and "{3A}" in text
    assert back["volume"] == "IV.3A" and back["part"] == "3A"  # as biblatex prints it, pandoc reads it
    assert ("down-converted", "volume") in losses
    _, back, losses = _trip({"type": "book", "volume": "7.2", "part": "2"}, fmt)
    assert (back["volume"], back["part"]) == ("7.2", "2") and ("down-converted", "volume") not in losses


# -- number / issue / collection-number: one field, three meanings -------------------------------------
@pytest.mark.parametrize("fmt", FLAVOURS)
@pytest.mark.parametrize("item", [
    {"type": "article-journal", "issue": "3", "number": "A12", "collection-number": "2"},
    {"type": "article-newspaper", "collection-number": "2"},
    {"type": "book", "collection-title": "Lecture Notes", "collection-number": "42", "number": "B-7"},
    {"type": "book", "collection-number": "42", "number": "B-7", "issue": "1"},
    {"type": "chapter", "collection-title": "Series", "collection-number": "5", "issue": "2"},
    {"type": "entry-encyclopedia", "collection-number": "5", "issue": "3"},
    {"type": "report", "number": "TR-1", "issue": "Suppl 2", "collection-number": "4"},
    {"type": "manuscript", "collection-number": "3A"},
    {"type": "periodical", "issue": "3"},
    {"type": "post-weblog", "issue": "Suppl 2", "collection-number": "4"},
])
def test_each_number_comes_back_as_what_it_was(fmt, item):
    _, back, losses = _trip(item, fmt)
    for var in ("issue", "number", "collection-number"):
        assert back.get(var) == item.get(var), (var, back)
    # a value outside the number field is said to be kept elsewhere; one in its own field is not
    held = {f for code, f in losses if code == "down-converted"}
    assert held <= {"number", "collection-number", "type"}


def test_number_fields_as_biblatex_means_them():
    text, _, losses = _trip({"type": "book", "collection-title": "LNCS", "collection-number": "42",
                             "number": "B-7"}, "biblatex")
    assert "number           = {42}" in text or "number = {42}" in " ".join(text.split())
    assert "csl-number" in text and ("down-converted", "number") in losses
    text, _, losses = _trip({"type": "article-journal", "container-title": "J", "issue": "3"}, "bibtex")
    assert "number = {3}" in " ".join(text.split()) and not losses & {("down-converted", "issue")}


# -- shortTitle beside title-short --------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FLAVOURS)
def test_the_old_short_title_spelling_is_kept_when_it_differs(fmt):
    item = {"type": "standard", "title": "A long title", "title-short": "Short", "shortTitle": "Compat"}
    text, back, losses = _trip(item, fmt)
    assert "shorttitle" in text and (back["title-short"], back["shortTitle"]) == ("Short", "Compat")
    assert ("down-converted", "shortTitle") in losses
    text, back, losses = _trip({**item, "shortTitle": "Short"}, fmt)  # the same: nothing to keep
    assert "csl-shorttitle" not in text.lower() and not any(f == "shortTitle" for _, f in losses)


# -- a patent's location ------------------------------------------------------------------------------
def test_a_biblatex_patents_location_is_its_jurisdiction():
    item = {"type": "patent", "number": "EP 1", "jurisdiction": "France; Germany", "publisher-place": "Paris"}
    text, back, losses = _trip(item, "biblatex")
    assert "location" in text and "France and Germany" in text
    assert (back["jurisdiction"], back["publisher-place"]) == ("France; Germany", "Paris")
    assert ("down-converted", "publisher-place") in losses


# -- names: a report says dropped only when the value is dropped ---------------------------------------
UNPARSED = {"family": "de la Fontaine", "given": "Jean", "parse-names": False}


@pytest.mark.parametrize("fmt", FLAVOURS)
def test_names_kept_whole_are_not_reported_dropped(fmt):
    item = {"type": "book", "collection-editor": [UNPARSED], "reviewed-author": [UNPARSED],
            "author": [UNPARSED]}
    _, back, losses = _trip(item, fmt)
    assert back["collection-editor"] == [UNPARSED] and back["reviewed-author"] == [UNPARSED]
    assert ("dropped", "collection-editor") not in losses and ("dropped", "reviewed-author") not in losses
    assert ("dropped", "author") in losses and "parse-names" not in back["author"][0]  # written as BibTeX names


def test_biblatex_editor_letters_go_to_roles_it_has_a_type_for():
    # collection-editor has no editortype: it does not take a letter from chair, compiler and curator
    names = {var: [{"family": var.title(), "given": "A."}] for var in
             ("collection-editor", "chair", "compiler", "curator", "illustrator")}
    text, back, losses = _trip({"type": "book", **names}, "biblatex")
    assert "editoratype" in text and "editorctype" in text and "{curator}" in text
    assert all(back[var] == value for var, value in names.items())
    assert ("down-converted", "illustrator") in losses and ("down-converted", "chair") not in losses
