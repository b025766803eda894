"""Blind review 5: the style sweep round 2 (benchmarks/csl_sweep.py, seeds 1 and 7) against citeproc-js;
each expected string is citeproc-js's output for the same item and style."""
from __future__ import annotations

import pytest

from citeport.render import render

SC = '<span style="font-variant:small-caps;">{}</span>'


def entries(items, style, output="text", locale=None):
    return render(items, style, locale, output, wrap=False).splitlines()


def _parts_style(name_attrs: str = "", parts: str = "") -> str:
    parts = parts or '<name-part name="family" font-variant="small-caps"/><name-part name="given" font-style="italic"/>'
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
demote-non-dropping-particle="never"><info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout suffix="."><names variable="author"><name {name_attrs}>{parts}</name></names>
<text variable="title" prefix=": "/></layout></bibliography></style>"""


VAN = {"id": "a", "type": "book", "title": "T1",
       "author": [{"family": "Dijk", "non-dropping-particle": "van", "given": "Jan"}]}
VON = {"id": "b", "type": "book", "title": "T2",
       "author": [{"family": "Humboldt", "dropping-particle": "von", "given": "Alexander"}]}


# --- name-part formatting: particles formatted apart (citeproc-js) --------------------------------

def test_particles_formatted_apart_in_display_order():
    assert entries([VAN, VON], _parts_style(), "html") == [
        f"<i>Jan</i> {SC.format('van')} {SC.format('Dijk')}: T1.",
        f"<i>Alexander</i> <i>von</i> {SC.format('Humboldt')}: T2."]


def test_particles_formatted_apart_in_sort_order():
    assert entries([VAN, VON], _parts_style('name-as-sort-order="all"'), "html") == [
        f"{SC.format('van')} {SC.format('Dijk')}, <i>Jan</i>: T1.",
        f"{SC.format('Humboldt')}, <i>Alexander</i> <i>von</i>: T2."]


def test_particle_case_and_affixes_of_the_family_part():
    parts = ('<name-part name="family" font-weight="bold" text-case="uppercase" prefix="(" suffix=")"/>'
             '<name-part name="given" font-style="italic" prefix="[" suffix="]"/>')
    style = _parts_style('initialize-with=". "', parts)
    # the dropping particle prints inside the family's affixes and case, with the given name's font
    assert entries([VAN, VON], style, "html") == ["[<i>J.</i>] (<b>VAN</b> <b>DIJK</b>): T1.",
                                                  "[<i>A.</i>] (<i>VON</i> <b>HUMBOLDT</b>): T2."]
    assert entries([VAN, VON], style) == ["[J.] (VAN DIJK): T1.", "[A.] (VON HUMBOLDT): T2."]


def test_no_particle_marks_left_without_name_part_formatting():
    plain = _parts_style(parts='<name-part name="family" text-case="uppercase"/>')
    assert entries([VAN, VON], plain, "html") == ["Jan VAN DIJK: T1.", "Alexander VON HUMBOLDT: T2."]
    apostrophe = {"id": "c", "type": "book", "title": "T3",
                  "author": [{"family": "Alembert", "non-dropping-particle": "d’", "given": "Jean"}]}
    # a particle that joins its family name is still formatted apart, with no space
    assert entries([apostrophe], _parts_style(), "html") == [f"<i>Jean</i> {SC.format('d’')}{SC.format('Alembert')}: T3."]
    assert entries([apostrophe], plain) == ["Jean D’ALEMBERT: T3."]


# --- cs:names affixes and formatting do not wrap a cs:text substitute (citeproc-js) ----------------

def _substitute_style(sub: str) -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<macro name="title"><text variable="title"/></macro>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout><names variable="author" prefix="&lt;" suffix=": " font-style="italic"><name/><label prefix=", "/>
<substitute><names variable="editor"/>{sub}</substitute></names><text variable="publisher" prefix=", "/></layout>
</bibliography></style>"""


NO_AUTHOR = {"id": "s1", "type": "legislation", "title": "Clean Air Act", "publisher": "P"}
EDITED = {"id": "s2", "type": "book", "title": "T2", "publisher": "P", "editor": [{"family": "Ed"}]}


@pytest.mark.parametrize("sub", ['<text variable="title"/>', '<text macro="title"/>',
                                 '<group><text variable="title"/></group>'])
def test_text_substitute_prints_without_the_names_decorations(sub):
    assert entries([NO_AUTHOR, EDITED], _substitute_style(sub), "html") == [
        "Clean Air Act, P", "&#60;<i>Ed, editor</i>: , P"]  # a names substitute keeps them


def test_text_substitute_in_a_real_style():
    legislation = {"id": "leg", "type": "legislation", "title": "Clean Air Act", "issued": {"date-parts": [[1970]]}}
    assert entries([legislation], "karger-journals-author-date") == ["Clean Air Act, 1970."]


# --- subsequent-author-substitute ending in a period meets the names' period suffix ---------------

def _sas_style(given: str) -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography subsequent-author-substitute="___."><sort><key variable="title"/></sort><layout>
<names variable="author" suffix=". "><name name-as-sort-order="all" {given}/></names>
<text variable="title"/></layout></bibliography></style>"""


SWELLER = [{"id": f"y{n}", "type": "book", "title": f"Title {n}", "author": [{"family": "Sweller", "given": "John"}]}
           for n in (1, 2)]


@pytest.mark.parametrize("given, first", [('initialize-with=". "', "Sweller, J. Title 1"),
                                          ("", "Sweller, John. Title 1")])
def test_substitute_with_a_period_takes_no_second_one(given, first):
    assert entries(SWELLER, _sas_style(given)) == [first, "___. Title 2"]


def test_substitute_in_a_real_style():
    items = [{"id": f"s{n}", "type": "book", "title": f"Book {n}", "publisher": "Springer",
              "author": [{"family": "Sweller", "given": "John"}], "issued": {"date-parts": [[1988 + n]]}}
             for n in (1, 2)]
    assert entries(items, "associacao-brasileira-de-normas-tecnicas-ipea")[1].startswith("___. ")


# --- text-case: citeproc-js looks at a word up to its first punctuation -------------------------

def _case_style(case: str, values: list[str]) -> str:
    body = "".join(f'<text value="{v}" text-case="{case}" suffix="|"/>' for v in values)
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation><bibliography><layout>{body}</layout></bibliography></style>"""


CASE_VALUES = ["o.O.", "e-Science", "iPhone", "s.l.", "x/y Test", "(in press)", "eBay-shop"]


@pytest.mark.parametrize("case, expected", [
    ("capitalize-first", "O.O.|E-Science|iPhone|S.l.|X/y Test|(In press)|eBay-shop|"),
    ("capitalize-all", "O.O.|E-Science|iPhone|S.L.|X/Y Test|(In Press)|eBay-Shop|"),
])
def test_case_words_split_at_punctuation(case, expected):
    assert entries([{"id": "a", "type": "book", "title": "T"}], _case_style(case, CASE_VALUES)) == [expected]


def test_no_place_term_capitalized_in_a_real_style():
    # Würzburg's term no-place is "o.O." with text-case="capitalize-first"
    book = {"id": "b", "type": "book", "title": "A medieval chronicle", "author": [{"literal": "Anonymous"}],
            "issued": {"date-parts": [[2003]]}}
    assert "O.O. 2003" in entries([book], "universitat-wurzburg-institut-fur-deutsche-philologie-museologie")[0]


# --- a year date-part with affixes: the year-suffix and a literal date take them too (citeproc-js) -

def _year_style(year_part: str) -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation disambiguate-add-year-suffix="true"><layout><names variable="author"/></layout></citation>
<bibliography><sort><key variable="title"/></sort><layout><names variable="author"/>
<date variable="issued" prefix=" ">{year_part}</date><text variable="title" prefix=" "/></layout></bibliography></style>"""


YEARS = [{"id": x, "type": "book", "title": x, "author": [{"family": "Doe"}], "issued": {"date-parts": [[2019, 5]]}}
         for x in "ab"] + [{"id": "c", "type": "book", "title": "c", "author": [{"family": "Roe"}],
                            "issued": {"literal": "in press"}}]


@pytest.mark.parametrize("year_part, expected", [
    ('<date-part name="year" prefix="(" suffix=")"/>', ["Doe (2019)(a) a", "Doe (2019)(b) b", "Roe (in press) c"]),
    ('<date-part name="year" suffix="]"/>', ["Doe 2019]a] a", "Doe 2019]b] b", "Roe in press] c"]),
    ('<date-part name="year" font-weight="bold" prefix="(" suffix=")"/>',
     ["Doe (<b>2019</b>)(<b>a</b>) a", "Doe (<b>2019</b>)(<b>b</b>) b", "Roe (<b>in press</b>) c"]),
    ('<date-part name="year" text-case="uppercase" prefix="(" suffix=")"/><date-part name="month" prefix=" {" suffix="}"/>',
     ["Doe (2019)(A) {May} a", "Doe (2019)(B) {May} b", "Roe (IN PRESS) c"]),
    # no style on the year: the suffix joins it, the literal prints bare (unchanged)
    ('<date-part name="year"/>', ["Doe 2019a a", "Doe 2019b b", "Roe in press c"]),
])
def test_year_part_style_applies_to_suffix_and_literal(year_part, expected):
    assert entries(YEARS, _year_style(year_part), "html") == expected


def test_year_part_affixes_in_a_real_style():
    assert entries([{**YEARS[2], "type": "article-journal", "container-title": "Ethics"}],
                   "mathematical-geosciences")[0].startswith("Roe (in press) ")


# --- the ";" of an HTML character reference is not punctuation at a seam --------------------------

def test_period_after_an_escaped_angle_bracket_stays():
    broadcast = {"id": "bc", "type": "broadcast", "title": "The unbearable lightness of being Ada",
                 "author": [{"family": "Bragg", "given": "Melvyn"}], "container-title": "In Our Time",
                 "publisher": "BBC Radio 4", "URL": "https://www.bbc.co.uk/programmes/b0092j0x",
                 "issued": {"date-parts": [[2008]]}}
    html, = entries([broadcast], "anglia", "html")
    text, = entries([broadcast], "anglia")
    assert html.endswith("&#60;https://www.bbc.co.uk/programmes/b0092j0x&#62;.")
    assert text.endswith("<https://www.bbc.co.uk/programmes/b0092j0x>.")


# --- disambiguation compares cites in their first-position form (position="ibid" in the layout) ----

def test_year_suffix_with_an_ibid_branch_in_the_citation_layout():
    items = [{"id": f"s{n}", "type": "book", "title": f"Book {n}", "publisher": "Springer",
              "author": [{"family": "Sweller", "given": "John"}], "issued": {"date-parts": [[1988]]}}
             for n in (1, 2)]
    assert entries(items, "fachhochschule-sudwestfalen") == [
        "Sweller, John (1988a): Book 1. Springer.", "Sweller, John (1988b): Book 2. Springer."]
