"""LaTeX <-> Unicode for BibTeX values, and the reader rules added for the gold comparisons."""
from __future__ import annotations

import pytest

import citeport
from citeport.formats.bibtex_latex import latex_escape, to_rich_text
from citeport.model.diagnostics import Context
from citeport.model.text import latex_to_unicode


def test_latex_to_unicode_math_argument():
    # the default keeps math as written (other formats' text may hold a literal "$")
    assert latex_to_unicode(r"costs $\alpha$ and {\"o}") == r"costs $\alpha$ and ö"
    # math="text" decodes it, as a .bib title wants
    assert latex_to_unicode(r"costs $\alpha$ and {\"o}", math="text") == "costs α and ö"
    assert latex_to_unicode(r"$\Sigma$", math="text") == "Σ"
    assert latex_to_unicode("no latex at all", math="text") == "no latex at all"


@pytest.mark.parametrize("latex, rich", [
    (r"The {\TeX} book", "The TeX book"),                       # logos pylatexenc does not know
    (r"methodology\hyphen independent", "methodology-independent"),
    (r"the string \enquote*{series} is", "the string \u2018series\u2019 is"),
    (r"\bibstring{newseries}", "new series"),
    (r"ElsevierGlyph: \ElsevierGlyph{2014}", "ElsevierGlyph: \u2014"),
    (r"with \arabic{author} authors", r"with \arabic{author} authors"),  # unknown: kept as written
    (r"unknown: \unknown", r"unknown: \unknown"),
    (r"e=$mc^2$ and $\Sigma^0$", "e=mc\u00b2 and \u03a3\u2070"),  # math scripts: Unicode when it has them
    (r"DNA$_{\textrm{2}}$ and $4^{\textrm{\`eme}}$", "DNA\u2082 and 4<sup>\u00e8me</sup>"),
    (r"{\noopsort{a}}Zed\relax", "Zed"),                          # sorting helpers dropped
    (r"a\begin{it}b\end{it}c", "abc"),
])
def test_to_rich_text(latex, rich):
    assert to_rich_text(latex) == rich


@pytest.mark.parametrize("text", [
    "Naïve façade — Dvořák, Łódź, Erdős, Ångström; 50% of $5 & x_y {z} ~^\\",
    "a literal -- stays two hyphens, a\u00a0no-break space",
    "Greek γ and ² and 🙂 stay UTF-8",
])
def test_latex_escape_round_trips(text):
    written = latex_escape(text)
    assert to_rich_text(written, protect=False) == text
    assert "\\v{" not in written  # "{\\v r}": the form bibutils' biblatex reader knows


def test_reader_rules_from_gold():
    bib = r"""
@book{short, title = {Spooky action: a study}, year = 2021}
@patent{pat, title = {T}, type = {patentus}, location = {countryfr and countryuk}, year = 2000}
@book{vol, title = {Biographia}, volume = 7, part = 2, year = 1983}
@article{ser, title = {A}, series = 3, journal = {J}, year = 1990}
@manual{day, title = {G}, year = 2019, month = {2 sep}}
@article{mr, title = {H}, journal = {Adv. Math.}, fjournal = {Advances in Mathematics}, year = 2013}
@book{gb, title = {Earnest}, eprint = {4HIWAAAAYAAJ}, eprinttype = {googlebooks}, year = 1899}
@article{nc, title = {Missing comma}
  file = {a.pdf}, year = 2001}
"""
    records = citeport.read(bib, "biblatex")
    by_id = {r["id"]: r for r in records}
    assert by_id["short"]["title-short"] == "Spooky action"  # pandoc's convention
    assert by_id["pat"]["genre"] == "U.S. patent"
    assert by_id["pat"]["jurisdiction"] == "France; United Kingdom"
    assert by_id["vol"]["volume"] == "7.2"
    assert by_id["ser"]["collection-title"] == "3rd series"
    assert by_id["day"]["issued"] == {"date-parts": [[2019, 9, 2]]}
    assert (by_id["mr"]["container-title"], by_id["mr"]["container-title-short"]) == \
        ("Advances in Mathematics", "Adv. Math.")
    assert by_id["gb"]["URL"] == "https://books.google.com?id=4HIWAAAAYAAJ"
    assert by_id["nc"]["title"] == "Missing comma" and by_id["nc"]["custom"]["attachments"] == [{"path": "a.pdf"}]
    assert any("missing comma" in d.message and d.record == "nc" for d in records.diagnostics)
    # only an explicit shorttitle when asked (what another tool wrote, read back)
    assert "title-short" not in citeport.read(bib, "biblatex", **{"short-title": "field"})[0]


def test_writer_round_trips_volume_part_and_reports_derived_short_title():
    ctx = Context()
    item = {"id": "v", "type": "book", "title": "Works: volume seven", "volume": "7.2", "part": "2"}
    bib = citeport.write([item], "biblatex", ctx=ctx)
    assert "volume = {7}" in bib.replace("  ", " ") or "volume    = {7}" in bib
    back = citeport.read(bib, "biblatex")[0]
    assert back["volume"] == "7.2" and back["title-short"] == "Works"
    assert any(d.code == "filled" and d.field == "title-short" for d in ctx.diagnostics)


@pytest.mark.parametrize("latex, text", [
    (r"tilde operator: \~", "tilde operator: ~"),  # an accent closing the value: over nothing
    (r"{a \~}", "a ~"),
    (r"x\"{}y", "x\u00a8y"),  # before: the umlaut vanished
    (r"\'{} and \`{}", "\u00b4 and `"),
    (r"\v{} \u{}", "\u02c7 \u02d8"),
    (r"\~{n} and {\~n} and \v{c}", "ñ and ñ and č"),  # accents over a letter are unchanged
    (r"http://example.org/\~{}user", "http://example.org/~user"),
])
def test_an_accent_over_nothing_is_the_accent_itself(latex, text):
    assert to_rich_text(latex, protect=False) == text


def test_latex_islands_decode_as_pylatexenc_does_on_the_whole_value():
    """_latex_islands hands pylatexenc only the words that need it (it costs microseconds a character);
    the result must be what pylatexenc gives for the whole value.  Random values built from what
    .bib files hold (accents, control words followed by a space, math with spaces, braces across
    words, ties, escapes), compared after the dash/quote ligatures the reader applies next."""
    import random

    from citeport.formats.bibtex_latex import _latex_islands
    from citeport.model.text import latex_to_unicode

    atoms = ["word", "Foo", "a", "\\ss", "\\ss{}", '{\\"o}', '\\"o', "\\'{e}", "\\LaTeX{}", "\\&", "\\%", "\\$",
             "$x^2$", "$a b$", "$\\alpha$", "{Foo Bar}", "{DNA} repair", "~", "a~b", "\\,", "\\\\", "--", "---",
             "``", "''", "\\o", "\\aa", "\\i", "\\v{c}", "\\c c", "\\c{c}", "x", "-", "\\{", "\\}", "\\_", "\\#",
             "\\textbackslash{}", "{\\relax X}", "\\dots", "\\ldots{}", "\\textendash{}", "\\S", "\\copyright{}",
             "H$_2$O", "\\`a", "\\k{a}", "\\r{a}", "\\u{g}", "\\AA", "\\H{o}", "M{\\\"u}ller", "\u00e9", "\n"]
    ligatures = lambda t: t.replace("---", "\u2014").replace("--", "\u2013").replace("``", "\u201c").replace("''", "\u201d")
    rng = random.Random(7)
    for _ in range(3000):
        text = " ".join(rng.choice(atoms) for _ in range(rng.randint(1, 14)))
        assert ligatures(_latex_islands(text)) == ligatures(latex_to_unicode(text, math="text")), text


def test_spanish_ligatures_are_decoded_whatever_else_the_value_holds():
    (a, b) = citeport.read("@misc{a, title={?`Qu\\'e pasa? !`Vamos!}}\n@misc{b, title={?`Por qu\u00e9?}}", "bibtex")
    assert a["title"] == "\u00bfQu\u00e9 pasa? \u00a1Vamos!" and b["title"] == "\u00bfPor qu\u00e9?"
