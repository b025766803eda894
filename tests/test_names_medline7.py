"""Given-first names as real names show them, MEDLINE's leaked markup and cut URLs, open-start dates in writers.

The name rules were measured on the corpus's structured names (benchmarks/names_given_first.py); each case
here is a shape that measurement found, written with invented names.
"""
from __future__ import annotations

import pytest
from lxml import etree

import citeport
from citeport.formats.jats_read import name_of
from citeport.formats.medline import leaked_markup
from citeport.formats.pubmed_text_parse import _full_name
from citeport.model.diagnostics import Context
from citeport.model.names import family_start, parse_name


# -- names ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    # a full word between initials and a particle stays given ("M Carmen": María del Carmen), though the corpus
    # has "P Jansen van Vuren" (a surname there): undecidable without a comma, the commoner reading wins
    ("M Carmen de la Cruz", {"family": "Cruz", "given": "M Carmen", "non-dropping-particle": "de la"}),
    ("J. R. van der Berg", {"family": "Berg", "given": "J. R.", "non-dropping-particle": "van der"}),
    ("Maria Helena da Silva", {"family": "Silva", "given": "Maria Helena", "non-dropping-particle": "da"}),
    # "Jnr"/"Snr" (British, Australian) are suffixes like "Jr"
    ("Rosa A Balcombe Jnr", {"family": "Balcombe", "given": "Rosa A", "suffix": "Jnr"}),
    # compound and initial given names stay given
    ("Mary Ann Whitlock", {"family": "Whitlock", "given": "Mary Ann"}),
    ("Jean-Pierre Roussel", {"family": "Roussel", "given": "Jean-Pierre"}),
    ("J. R. R. Tolkien", {"family": "Tolkien", "given": "J. R. R."}),
    # a capitalised particle after the given name starts the family name: in the corpus 14 such words begin a
    # surname and none is a middle name, so "John Ben Smith" stays family "Ben Smith"
    ("John Ben Smith", {"family": "Ben Smith", "given": "John"}),
])
def test_given_first_names(text, expected):
    assert parse_name(text) == expected
    assert _full_name(text) == expected  # the page-text byline reader agrees


def test_family_start_indexes():
    assert family_start("R Scott du Plessis".split()) == 2
    assert family_start("J R de Verdier".split()) == 2
    assert family_start("Ana Lucia de Souza".split()) == 2


@pytest.mark.parametrize("text, expected", [
    ("WJ Drury III", {"family": "Drury", "given": "WJ", "suffix": "III"}),  # a suffix, not initials "I. I. I."
    ("Michael von Hicks III", {"family": "Hicks", "given": "Michael", "non-dropping-particle": "von",
                               "suffix": "III"}),
    ("Smith JR III", {"family": "Smith", "given": "J. R.", "suffix": "III"}),  # PubMed's short form still
    ("Smith JR", {"family": "Smith", "given": "J. R."}),
])
def test_jats_string_name_suffix(text, expected):
    assert name_of(etree.fromstring(f"<string-name>{text}</string-name>")) == expected


# -- MEDLINE: leaked markup and NCBI's cut lines -----------------------------------------------------------
CUT = "      " + 'xlink:href="https://example.org/data/archive/2019/set-a">https://example.org/data'
assert len(CUT) == 87
NBIB = "\n".join([
    "PMID- 11111111",
    "TI  - Growth of <i>Escherichia coli</i> in Na<sup>+</sup>-free media.",
    "AB  - The code is at <ext-link ext-link-type=\"uri\"",
    CUT,
    "      /archive/2019/set-a</ext-link> for all. The <italic>lacZ</italic> gene was",
    "      deleted.",
    "FAU - Doe, Jane",
    "AU  - Doe J",
    "",
])


def test_medline_leaked_markup_and_cut_url():
    item = citeport.read(NBIB, "medline")[0]
    assert item["abstract"] == ("The code is at https://example.org/data/archive/2019/set-a for all. "
                                "The <i>lacZ</i> gene was deleted.")
    assert item["title"] == "Growth of <i>Escherichia coli</i> in Na<sup>+</sup>-free media"


def test_medline_full_line_of_words_is_not_glued():
    words = "      " + "word " * 15 + "abcdef"  # 87 characters, but several words: NCBI wrapped at a space
    assert len(words) == 87
    text = f"PMID- 1\nAB  - Start.\n{words}\n      next line.\n"
    assert citeport.read(text, "medline")[0]["abstract"] == ("Start. " + "word " * 15 + "abcdef next line.")


def test_leaked_markup_keeps_comparisons():
    assert leaked_markup("p < 0.05 and a<b, <b>bold</b> <sc>Caps</sc> <bold>x</bold>") == \
        "p < 0.05 and a<b, <b>bold</b> Caps <b>x</b>"
    assert leaked_markup("no markup") == "no markup"


# -- open-start dates ---------------------------------------------------------------------------------------
OPEN_START = {"id": "x", "type": "article-journal", "title": "T", "author": [{"family": "Doe", "given": "J."}],
              "container-title": "J", "issued": {"date-parts": [[2001]], "raw": "../2001"}}


@pytest.mark.parametrize("fmt", ["ris", "medline", "endnote-xml", "jats"])
def test_open_start_date_is_a_reported_loss(fmt):
    ctx = Context()
    text = citeport.write([OPEN_START], fmt, ctx=ctx)
    assert "2001" in text and "../2001" not in text
    losses = [(d.code, d.field) for d in ctx.diagnostics if d.code in ("dropped", "down-converted")]
    assert ("down-converted", "issued") in losses
    # a closed date says nothing
    ctx = Context()
    citeport.write([dict(OPEN_START, issued={"date-parts": [[2001]]})], fmt, ctx=ctx)
    assert not [d for d in ctx.diagnostics if d.field == "issued"]
