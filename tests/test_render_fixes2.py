"""Second round of render fixes (issue 5): initials, sort keys, particles, disambiguation by given
name, year-suffix placement and collapsing, note-term capitals, display blocks, superscripts.

Each test names the CSL test-suite fixture (../shared/csl-test-suite/humans) it mirrors; these run
without the suite, on small inline styles and items.
"""
from __future__ import annotations

import pytest

from citeport.render import CiteRef, Processor
from citeport.render.fixes import REGISTRY, date_sort_key, html_superscripts, sort_text
from citeport.render.initials import initialize_with
from citeport.render.outputs import get_formatter
from citeport.render.source import parse_date, parse_particles


def style(citation: str = "", bibliography: str = "", cls: str = "in-text", **attrs: str) -> str:
    extra = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (f'<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0" {extra}>'
            f'<info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>'
            f'{citation}{bibliography}</style>')


@pytest.mark.parametrize("given, mark, init, want", [
    ("ME", ". ", True, "M."),             # name_InitialsInitializeTruePeriodSpace
    ("M.E", ". ", True, "M. E."),
    ("Ph.M.E.", " ", True, "Ph M E"),     # an abbreviation keeps its letters
    ("John M.E.", "", False, "John ME"),  # name_InitialsInitializeFalseEmpty
    ("M E.", ".", False, "M.E."),         # name_InitialsInitializeFalsePeriod
    ("Tserendorj", ". ", True, "T."),
    ("Ts. Tserendorj", ". ", True, "Ts. T."),  # name_LongAbbreviation
    ("Jean-Pierre", ". ", True, "J.-P."),
    ("Maria", ". ", False, "Maria"),      # issue 5: initialize="false" keeps names
])
def test_initials(given, mark, init, want):
    assert initialize_with(given, mark, init) == want


def test_sort_text_numbers_and_folding():
    """Digits compare as numbers ("2020-01" before "2022"); Ø files under O (citeproc-js localeCompare)."""
    assert sort_text("2020-01") < sort_text("2022")
    assert sort_text("9") < sort_text("10")
    assert sort_text("Østergaard") < sort_text("Peters")
    assert sort_text(None) is None and sort_text("") == ()


def test_date_sort_key():
    """date_NegativeDateSortViaMacro: BC first; the printed parts only; ranges start then end."""
    bc, ad = parse_date({"date-parts": [[-100, 7, 13]]}), parse_date({"date-parts": [[44, 3, 15]]})
    assert sort_text(date_sort_key(bc)) < sort_text(date_sort_key(ad))
    rng = parse_date({"date-parts": [[2001, 3], [2002, 5]]})
    year_only = parse_date({"date-parts": [[2001]]})
    assert date_sort_key(rng, "year") .startswith(date_sort_key(year_only, "year"))


@pytest.mark.parametrize("name, want", [
    ({"family": "van Gogh", "given": "Vincent"}, {"non-dropping-particle": "van", "family": "Gogh"}),
    ({"family": "al-One", "given": "Alan"}, {"non-dropping-particle": "al-", "family": "One"}),
    ({"family": "Humboldt", "given": "Alexander von"}, {"dropping-particle": "von", "given": "Alexander"}),
    ({"family": "Doe", "given": "John,! Jr."}, {"suffix": "Jr.", "comma-suffix": True, "given": "John"}),
    ({"family": '"Van Dyke"', "given": "Dick"}, {"family": "Van Dyke"}),
    ({"family": "La Fontaine", "given": "Jean"}, {"family": "La Fontaine"}),  # capitalised: not a particle
])
def test_parse_particles(name, want):
    """name_ParseNames; magic_NameSuffixWithComma; name_ParticleCaps3."""
    got = parse_particles(name)
    assert {k: got.get(k) for k in want} == want


def test_particle_joins_and_comma_suffix():
    """bugreports_ApostropheOnParticle: "d’Jones"; name_ArticularWithComma: "Doe, Jr."."""
    csl = style('<citation><layout delimiter="; "><names variable="author"><name/></names></layout></citation>')
    items = [{"id": "a", "type": "book", "author": [{"family": "Jones", "given": "John", "dropping-particle": "d'"}]},
             {"id": "b", "type": "book", "author": [{"family": "Doe", "given": "Jeffrey", "suffix": "Jr.",
                                                    "comma-suffix": True}]}]
    assert Processor(csl, None, "text").citations(items) == ["John d\u2019Jones", "Jeffrey Doe, Jr."]


def test_add_givenname_by_cite():
    """disambiguate_ByCiteGivennameShortFormInitializeWith: Doe; Doe -> J Doe; A Doe."""
    csl = style('<citation disambiguate-add-givenname="true"><layout delimiter="; ">'
                '<names variable="author"><name form="short" initialize-with=""/></names></layout></citation>')
    items = [{"id": "r", "type": "book", "author": [{"family": "Roe", "given": "Jane"}]},
             {"id": "j", "type": "book", "author": [{"family": "Doe", "given": "John"}]},
             {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "Aloysius"}]}]
    out = Processor(csl, None, "text").citations(items, [[CiteRef("r")], [CiteRef("j"), CiteRef("a")]])
    assert out == ["Roe", "J Doe; A Doe"]


def test_add_givenname_all_names_rule():
    """disambiguate_AllNamesGenerally: the rule applies to every cite, ambiguous or not."""
    csl = style('<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names">'
                '<layout delimiter="; "><group delimiter=" "><names variable="author">'
                '<name form="short" initialize-with=". "/></names><date variable="issued"><date-part name="year"/>'
                '</date></group></layout></citation>')
    items = [{"id": "a", "type": "book", "author": [{"family": "Cold", "given": "Cecil"}], "issued": {"date-parts": [[1980]]}},
             {"id": "b", "type": "book", "author": [{"family": "Cold", "given": "Oliver"}], "issued": {"date-parts": [[1995]]}}]
    assert Processor(csl, None, "text").citations(items, [[CiteRef("a"), CiteRef("b")]]) == \
        ["C. Cold 1980; O. Cold 1995"]


YS_CSL = style('<citation disambiguate-add-year-suffix="true" collapse="year-suffix-ranged">'
               '<layout delimiter=";" prefix="(" suffix=")"><group delimiter=" "><names variable="author">'
               '<name form="short"/></names><date variable="issued">'
               '<date-part name="year"/></date></group></layout></citation>')


def test_implicit_year_suffix_goes_after_the_year_and_collapses():
    """disambiguate_YearSuffixAtTwoLevels ((1986a), not (1986)a); collapse_YearSuffixCollapse (a–c)."""
    items = [{"id": k, "type": "book", "title": k, "author": [{"family": "Smith"}],
              "issued": {"date-parts": [[2000]]}} for k in "abc"]
    items.append({"id": "d", "type": "book", "author": [{"family": "Smith"}], "issued": {"date-parts": [[2001]]}})
    out = Processor(YS_CSL, None, "text").citations(items, [[CiteRef(k) for k in "abcd"], [CiteRef("b")]])
    assert out == ["(Smith 2000a–c;2001)", "(Smith 2000b)"]


def test_note_term_capitalized():
    """position_IbidWithLocator; bugreports_CapsAfterOneWordPrefix: "Ibid." opens a note."""
    csl = style('<citation><layout suffix="."><text term="ibid"/></layout></citation>', cls="note")
    proc = Processor(csl, None, "text")
    items = [{"id": "a", "type": "book", "title": "T"}]
    assert proc.citations(items) == ["Ibid."]
    assert proc.citations(items, [[CiteRef("a", prefix="Nocapsafter. ")]]) == ["Nocapsafter. ibid."]
    assert proc.citations(items, [[CiteRef("a", prefix="Caps after. ")]]) == ["Caps after. Ibid."]


def test_display_block_html():
    """display_DisplayBlock: display="indent" makes a csl-indent div in HTML."""
    csl = style(bibliography='<bibliography><layout><text variable="title"/>'
                             '<text variable="note" display="indent"/></layout></bibliography>')
    out = Processor(csl, None, "html").bibliography([{"id": "a", "type": "book", "title": "T", "note": "N"}])
    assert out == ['T<div class="csl-indent">N</div>']


def test_html_superscripts():
    """magic_SuperscriptChars; number_NewOrdinalsEdition: 1ʳᵉ -> 1<sup>r</sup><sup>e</sup>."""
    assert html_superscripts("1\u02b3\u1d49 éd.", get_formatter("html")) == "1<sup>r</sup><sup>e</sup> éd."
    assert html_superscripts("1\u02b3\u1d49", get_formatter("text")) == "1\u02b3\u1d49"


def test_name_count_adds_variables():
    """name_AuthorEditorCount: form="count" over author and editor adds up (3 + 2 = 5)."""
    csl = style('<citation et-al-min="4" et-al-use-first="3"><layout><names variable="author editor"><name form="count"/></names>'
                '</layout></citation>')
    people = [{"family": f"P{n}"} for n in range(5)]
    item = {"id": "a", "type": "book", "author": people[:3], "editor": people[3:]}
    assert Processor(csl, None, "text").citations([item]) == ["5"]


def test_seasons_13_to_24():
    """date_SeasonRange1: citeproc-js reads "months" 21-24 (and 13-16) as seasons."""
    assert parse_date({"date-parts": [[1999, 21]]}).get("season") == 1
    assert parse_date({"date-parts": [[1999, 16]]}).get("season") == 4


def test_new_fixes_registered():
    names = set(REGISTRY)
    assert {"implicit_year_suffix", "add_givenname", "note_term_capitalized", "display_blocks",
            "particle_joins", "name_count_sum", "html_superscripts"} <= names


def test_first_reference_note_number():
    """integration_SimpleFirstReferenceNoteNumber: "supra note 1" from the cluster's note number."""
    csl = style('<citation><layout suffix="."><group delimiter=", "><names variable="author">'
                '<name form="short"/></names><choose><if position="subsequent"><group delimiter=" ">'
                '<text value="supra note"/><text variable="first-reference-note-number"/></group></if>'
                '<else><text variable="title"/></else></choose></group></layout></citation>', cls="note")
    items = [{"id": "d", "type": "book", "title": "Life of Doe", "author": [{"family": "Doe"}]}]
    out = Processor(csl, None, "text").citations(items, [[CiteRef("d", note=1)], [CiteRef("d", note=3)]])
    assert out == ["Doe, Life of Doe.", "Doe, supra note 1."]


def test_citation_label_generated():
    """disambiguate_CitationLabelDefault: Asth00a; Asth00b; Bron00 (trigraph + year-suffix)."""
    csl = style('<citation disambiguate-add-year-suffix="true"><layout delimiter="; ">'
                '<text variable="citation-label"/></layout></citation>')
    items = [{"id": "a", "type": "book", "title": "A", "author": [{"family": "Asthma"}], "issued": {"date-parts": [[2000]]}},
             {"id": "b", "type": "book", "title": "B", "author": [{"family": "Asthma"}], "issued": {"date-parts": [[2000]]}},
             {"id": "c", "type": "book", "author": [{"family": "Bronchitis"}, {"family": "Cholera"}],
              "issued": {"date-parts": [[1998]]}}]
    out = Processor(csl, None, "text").citations(items, [[CiteRef("a"), CiteRef("b"), CiteRef("c")]])
    assert out == ["Asth00a; Asth00b; BrCh98"]
