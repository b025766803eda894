"""Blind review against citeproc-js on held-out items (benchmarks/items/heldout2.json): each test
pins the citeproc-js output of a general bug found there, on small inline styles and items."""
from __future__ import annotations

import pytest

from citeport.render import CiteRef, Processor
from citeport.render.fixes import numeric_parts


def style(citation: str = "", bibliography: str = "", **attrs: str) -> str:
    extra = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (f'<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" {extra}>'
            f'<info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>'
            f'{citation}{bibliography}</style>')


def cite(csl: str, items: list[dict], clusters=None) -> list[str]:
    return Processor(csl, None, "text").citations(items, clusters)


TITLE = style('<citation><layout><text variable="title" text-case="title"/></layout></citation>')


@pytest.mark.parametrize("title, want", [
    ("Brown v. Board of Education", "Brown v. Board of Education"),       # legal case names
    ("Smith vs Jones", "Smith vs Jones"),
    ("Notes on c. 1900 and circa 1800 van Gogh de la mer", "Notes on c. 1900 and circa 1800 van Gogh de La Mer"),
    ("Life given plus a theory", "Life given plus a Theory"),
])
def test_title_case_skip_words(title, want):
    """citeproc-js's own list of words title case leaves lower case (v., vs, c., circa, de, van, plus...)."""
    assert cite(TITLE, [{"id": "a", "type": "book", "title": title}]) == [want]


@pytest.mark.parametrize("title, want", [
    ("Data from the 'open' survey", "Data from the \u201copen\u201d Survey"),  # followed by a space: kept
    ("Who's afraid of 'theory'? An introduction", "Who\u2019s Afraid of \u201cTheory\u201d? An Introduction"),
    ("A 'big theory'?", "A \u201cBig Theory\u201d?"),
    ("Afraid of 'theory'", "Afraid of \u201cTheory\u201d"),
])
def test_single_quoted_phrase_title_case(title, want):
    """A phrase in single quotes keeps its case only when a space follows the closing quote (citeproc-js)."""
    assert cite(TITLE, [{"id": "a", "type": "book", "title": title}]) == [want]


PAGE_LABEL = style('<citation><layout><group delimiter=" "><label variable="page" form="short"/>'
                   '<text variable="page"/></group><group prefix=" / " delimiter=" "><text variable="number"/>'
                   '<label variable="number" form="short"/></group></layout></citation>')


@pytest.mark.parametrize("field, value, want", [
    ("page", "xi-xxiv", "pp. xi\u2013xxiv"),        # roman range: plural (was "p.")
    ("page", "iv-12", "pp. iv\u201312"),
    ("page", "12 Suppl 3", "p. 12 Suppl 3"),        # not a list of numbers: singular (was "pp.")
    ("page", "10/12", "p. 10/12"),
    ("page", "S1-S5", "pp. S1\u2013S5"),
    ("page", "A1, A4", "pp. A1, A4"),
    ("page", "e123", "p. e123"),
    ("number", "US 9,123,456 B2", " / US 9,123,456 B2 no."),  # a patent number is one number (was "nos.")
    ("number", "5,123,456", " / 5,123,456 no."),
    ("number", "12-14", " / 12\u201314 nos."),     # a numeric range prints with an en dash
    ("number", "12 and 13", " / 12 and 13 nos."),
])
def test_plural_labels_and_numeric_ranges(field, value, want):
    """label plural="contextual" follows citeproc-js's reading of numeric fields."""
    assert cite(PAGE_LABEL, [{"id": "a", "type": "patent", field: value}]) == [want]


def test_numeric_parts():
    assert numeric_parts("213 et 235", "et") == ["213", "235"]
    assert numeric_parts("213 et 235") is None
    assert numeric_parts("1-2") == ["1", "2"]
    assert numeric_parts("1.2-1.5") is None


def test_issue_range_en_dash():
    """Chicago/APA/Vancouver: issue "1-2" prints "1–2" as in citeproc-js (was "1-2")."""
    csl = style('<citation><layout><text variable="volume"/><text variable="issue" prefix="(" suffix=")"/>'
                '</layout></citation>')
    assert cite(csl, [{"id": "a", "type": "article-journal", "volume": "4", "issue": "1-2"}]) == ["4(1\u20132)"]
    assert cite(csl, [{"id": "a", "type": "article-journal", "volume": "4", "issue": "Suppl-2a/b"}]) == \
        ["4(Suppl-2a/b)"]
    ama = {"id": "a", "type": "article-journal", "title": "S", "author": [{"family": "Sukarno"}], "container-title":
           "AS", "volume": "4", "issue": "1-2", "page": "55-60", "issued": {"date-parts": [[1965]]}}
    assert Processor("american-medical-association", None, "text").bibliography([ama]) == \
        ["1. Sukarno. S. AS. 1965;4(1-2):55-60."]  # the style's page-range-delimiter


@pytest.mark.parametrize("var", ["reviewed-author", "container-author", "collection-editor", "original-author"])
def test_hyphenated_name_roles(var):
    """cs:names variable="reviewed-author" printed nothing (APA "[Review of the book X, by W. Dalrymple]")."""
    csl = style(f'<citation><layout><names variable="{var}"><name/></names></layout></citation>')
    item = {"id": "a", "type": "review-book", var: [{"family": "Dalrymple", "given": "William"}]}
    assert cite(csl, [item]) == ["William Dalrymple"]


def test_apa_review_names_reviewed_author():
    item = {"id": "r", "type": "review-book", "title": "A reckoning with empire", "author": [{"family": "Kakutani",
            "given": "Michiko"}], "reviewed-title": "The Anarchy", "reviewed-author": [{"family": "Dalrymple",
            "given": "William"}], "container-title": "The New York Times", "issued": {"date-parts": [[2019, 9, 9]]},
            "page": "C1"}
    assert Processor("apa", None, "text").bibliography([item]) == [
        "Kakutani, M. (2019). A reckoning with empire [Review of the book The Anarchy, by W. Dalrymple]. "
        "The New York Times, C1."]


def test_term_form_fallback():
    """CSL terms: a missing verb-short form falls back to verb ("by" for reviewed-author in en-US)."""
    csl = style('<citation><layout><names variable="reviewed-author"><label form="verb-short" suffix=" "/>'
                '<name/></names></layout></citation>')
    item = {"id": "a", "type": "review-book", "reviewed-author": [{"family": "Dalrymple", "given": "William"}]}
    assert cite(csl, [item]) == ["by William Dalrymple"]


@pytest.mark.parametrize("authors, want", [
    ([{"family": "Sukarno"}, {"literal": "Plato"}], "Sukarno & Plato"),          # was "Sukarno, & Plato"
    ([{"literal": "WHO"}, {"literal": "UNICEF"}], "WHO & UNICEF"),
    ([{"literal": "WHO"}, {"family": "Smith", "given": "J"}], "WHO, & Smith, J."),  # a person last: kept
    ([{"family": "Smith", "given": "J"}, {"family": "田中", "given": "太郎"}], "Smith, J., & 田中太郎"),
    ([{"family": "A", "given": "B"}, {"family": "C", "given": "D"}, {"literal": "WHO"}], "A, B., C, D., & WHO"),
])
def test_institution_after_one_name(authors, want):
    """citeproc-js joins two names ending in an institution without the delimiter-precedes-last comma."""
    csl = style('<citation><layout><names variable="author"><name and="symbol" delimiter=", " '
                'delimiter-precedes-last="always" name-as-sort-order="all" initialize-with=". "/></names>'
                '</layout></citation>')
    assert cite(csl, [{"id": "a", "type": "book", "author": authors}]) == [want]


def test_cjk_name_short_form_is_family():
    """APA cites 田中太郎 as 田中 (form="short"), in full in the bibliography."""
    items = [{"id": "a", "type": "book", "title": "深層学習", "author": [{"family": "田中", "given": "太郎"},
              {"family": "鈴木", "given": "花子"}], "issued": {"date-parts": [[2019]]}}]
    proc = Processor("apa", None, "text")
    assert proc.citations(items) == ["(田中 & 鈴木, 2019)"]
    assert proc.bibliography(items)[0].startswith("田中太郎, & 鈴木花子. (2019).")


@pytest.mark.parametrize("page, fmt, want", [
    ("S1-S5", "minimal", "S1\u20135"),
    ("H1020-H1025", "minimal-two", "H1020\u201325"),
    ("S101-S109", "chicago-16", "S101\u20139"),
    ("e123-e130", "expanded", "e123\u2013e130"),
    ("S10-T12", "minimal", "S10-T12"),       # different prefixes: not a range, hyphen kept
    ("123A-125A", "minimal", "123A-125A"),
    ("S1-5", "expanded", "S1-5"),
    ("iv-12, 15-19", "minimal", "iv\u201312, 15\u20139"),
])
def test_page_ranges_with_letters(page, fmt, want):
    csl = style('<citation><layout><text variable="page"/></layout></citation>', page_range_format=fmt)
    assert cite(csl, [{"id": "a", "type": "article-journal", "page": page}]) == [want]


def test_year_range_month_element_prints_nothing():
    """chicago-author-date printed "Annals 12 (–)" for issued 1998-1999 (a month-only date element)."""
    csl = style('<citation><layout><text variable="volume"/><group prefix=" (" suffix=")"><date variable="issued">'
                '<date-part name="month"/></date></group></layout></citation>')
    items = [{"id": "a", "type": "article-journal", "volume": "12", "issued": {"date-parts": [[1998], [1999]]}},
             {"id": "b", "type": "article-journal", "volume": "12", "issued": {"date-parts": [[1998, 3], [1999, 4]]}}]
    assert cite(csl, items) == ["12", "12 (March\u2013April)"]


@pytest.mark.parametrize("body, want", [
    # a nested group that printed keeps its parent (IEEE dataset "[Online]. Available: ...")
    ('<group prefix="{" suffix="}" delimiter=". "><group delimiter=": "><text term="accessed"/>'
     '<date variable="accessed" form="text"/></group><group prefix="[" suffix="]"><text term="online"/></group>'
     '</group>', "X{[online]}"),
    ('<group prefix="{" suffix="}"><text variable="note"/><group><text term="online"/></group></group>', "X{online}"),
    # but a term beside an empty variable still goes
    ('<group prefix="{" suffix="}"><group><text term="accessed"/><text variable="note"/></group>'
     '<text term="online"/></group>', "X"),
])
def test_nested_group_suppression(body, want):
    csl = style(f'<citation><layout><text value="X"/>{body}</layout></citation>')
    assert cite(csl, [{"id": "a", "type": "dataset", "title": "T", "URL": "u"}]) == [want]


def test_ieee_dataset_online():
    item = {"id": "a", "type": "dataset", "title": "Survey", "author": [{"family": "Okafor", "given": "Chidi"}],
            "publisher": "ICPSR", "issued": {"date-parts": [[2019]]}, "URL": "https://x.org/a"}
    assert Processor("ieee", None, "text").bibliography([item]) == [
        "[1] C. Okafor, \u201cSurvey.\u201d ICPSR, 2019. [Online]. Available: https://x.org/a"]


@pytest.mark.parametrize("value, numeric", [
    ("xii", True), ("XII", False), ("2nd", True), ("12-15", True), ("HR12", True), ("12 and 13", True),
    ("Table 2", False), ("5,123,456", False), ("1.2", False), ("12, 15", True), ("12 & 15", True),
    ("second", False), ("12a", True),
])
def test_is_numeric(value, numeric):
    """is-numeric as citeproc-js decides it."""
    csl = style('<citation><layout><choose><if is-numeric="edition"><text value="NUM"/></if>'
                '<else><text value="TXT"/></else></choose></layout></citation>')
    assert cite(csl, [{"id": "a", "type": "book", "edition": value}]) == ["NUM" if numeric else "TXT"]


def test_is_numeric_locator_apa_chapter():
    """is-numeric="locator" was always false: APA (McElreath, 2020, 3) -> (McElreath, 2020, Chapter 3)."""
    items = [{"id": "a", "type": "book", "title": "Statistical rethinking", "author": [{"family": "McElreath",
              "given": "Richard"}], "issued": {"date-parts": [[2020]]}}]
    out = Processor("apa", None, "text").citations(items, [[CiteRef("a", "3", "chapter")],
                                                           [CiteRef("a", "22", "line")]])
    assert out == ["(McElreath, 2020, Chapter 3)", "(McElreath, 2020, Line 22)"]


def test_cluster_ties_keep_given_order():
    """Cites that sort alike in a cluster stay as given (citeproc-js): APA (Walker, 2020b, 2020a)."""
    walker = [{"family": "Walker", "given": "Matthew P."}]
    items = [{"id": "x", "type": "article-journal", "title": "Sleep and memory", "author": walker,
              "issued": {"date-parts": [[2020, 1]]}},
             {"id": "y", "type": "article-journal", "title": "A sleep manifesto", "author": walker,
              "issued": {"date-parts": [[2020, 3]]}}]
    proc = Processor("apa", None, "text")
    assert proc.citations(items, [[CiteRef("x"), CiteRef("y")]]) == ["(Walker, 2020b, 2020a)"]
    assert proc.citations(items, [[CiteRef("y"), CiteRef("x")]]) == ["(Walker, 2020a, 2020b)"]


def test_macro_is_an_implicit_group():
    """A macro that calls variables, all empty, prints nothing (ACS printed "2017, p ." for a thesis
    without pages); citeproc-js still prints a label of its own beside an empty variable."""
    csl = ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id/><title/>'
           '<updated>2020-01-01T00:00:00+00:00</updated></info><macro name="pages"><label variable="page" '
           'form="short" suffix=" "/><text variable="page"/></macro><macro name="online"><text term="online" '
           'suffix=" "/><group><text variable="URL"/></group></macro><citation><layout><text value="T"/>'
           '<text macro="pages" prefix=", "/><text macro="online" prefix=" ["/><label variable="volume" '
           'form="short" prefix=" "/></layout></citation></style>')
    assert cite(csl, [{"id": "a", "type": "thesis"}]) == ["T vol."]
    assert cite(csl, [{"id": "a", "type": "thesis", "page": "12-14", "URL": "u"}]) == ["T, pp. 12–14 [online u vol."]


def test_season_in_month_only_date():
    """The Lancet: a month/day date element prints the season ("2020; published online Autumn")."""
    csl = style('<citation><layout><date variable="issued" prefix="; published online ">'
                '<date-part name="month" form="short"/></date></layout></citation>')
    items = [{"id": "a", "type": "webpage", "issued": {"date-parts": [[2020]], "season": 3}},
             {"id": "b", "type": "webpage", "issued": {"date-parts": [[2020]]}},
             # a season given by name is not printed there (APA "(2021)", Harvard "The Atlantic.")
             {"id": "c", "type": "webpage", "issued": {"date-parts": [[2020]], "season": "Winter"}}]
    assert cite(csl, items) == ["; published online Autumn", "", ""]


def test_display_block_trailing_space_html():
    """ISO 690: a display block that ends the entry has no trailing space before </div>."""
    csl = style('<citation><layout><text variable="title"/></layout></citation>',
                '<bibliography><layout><group display="block"><text variable="title" suffix=". "/>'
                '<text variable="publisher" suffix=". "/></group></layout></bibliography>')
    out = Processor(csl, None, "html").bibliography([{"id": "a", "type": "book", "title": "T", "publisher": "P"}])
    assert out == ['<div class="csl-block">T. P.</div>']


def test_second_field_align_text_keeps_number_suffix():
    """citeproc-js text: the number's own suffix stays before the space (BMJ "1  Doe J", Vancouver "1. Doe J")."""
    item = [{"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe", "given": "J"}],
             "issued": {"date-parts": [[2000]]}}]
    assert Processor("bmj", None, "text").bibliography(item) == ["1  Doe J. T. 2000."]
    assert Processor("vancouver", None, "text").bibliography(item)[0].startswith("1. Doe J. T.")


@pytest.mark.parametrize("style_name, want", [
    ("chicago-author-date", ["(Kim and Park 2019, 125\u201327)", "(Hofmann 2015, iv\u2013vi)"]),
    ("modern-language-association", ["(Kim and Park 125\u201327)", "(Hofmann iv\u2013vi)"]),
    ("apa", ["(Kim & Park, 2019, pp. 125\u2013127)", "(Hofmann, 2015, pp. iv\u2013vi)"]),
])
def test_page_locator_follows_page_range_format(style_name, want):
    """A page locator is formatted like the page variable; "iv-vi" is a plural range."""
    items = [{"id": "k", "type": "article-journal", "title": "Korean verbs", "author": [
                {"family": "Kim", "given": "Min-jun"}, {"family": "Park", "given": "Ji Hoon"}],
              "issued": {"date-parts": [[2019]]}},
             {"id": "h", "type": "chapter", "title": "Translating Kafka", "author": [
                 {"family": "Hofmann", "given": "Michael"}], "issued": {"date-parts": [[2015]]}}]
    out = Processor(style_name, None, "text").citations(items, [[CiteRef("k", "125-127")], [CiteRef("h", "iv-vi")]])
    assert out == want


def test_literal_date_sorts_after_no_date():
    """Harvard cites sort by a year macro: a literal date ("forthcoming") has no key and goes last."""
    items = [{"id": "r", "type": "book", "title": "History", "author": [{"family": "Roberts", "given": "J."}],
              "issued": {"literal": "forthcoming"}},
             {"id": "a", "type": "book", "title": "No date", "author": [{"family": "Anonymous"}]},
             {"id": "c", "type": "manuscript", "title": "Notes", "author": [{"family": "Chomsky", "given": "N."}],
              "issued": {"date-parts": [[1955]]}}]
    out = Processor("harvard-cite-them-right", None, "text").citations(
        items, [[CiteRef("r"), CiteRef("a"), CiteRef("c")]])
    assert out == ["(Chomsky, 1955; Anonymous, no date; Roberts, forthcoming)"]


def test_date_range_part_suffix_and_delimiter_make_one_space():
    """ACS: date delimiter=" " with month suffix=" " printed "October  30–November  2,  2022"."""
    csl = style('<citation><layout><date variable="issued" delimiter=" "><date-part name="month" suffix=" "/>'
                '<date-part name="day" suffix=", "/><date-part name="year"/></date></layout></citation>')
    items = [{"id": "a", "type": "article-newspaper", "issued": {"date-parts": [[2022, 10, 30], [2022, 11, 2]]}},
             {"id": "b", "type": "article-newspaper", "issued": {"date-parts": [[2022, 10, 30], [2022, 10, 31]]}}]
    assert cite(csl, items) == ["October 30\u2013November 2, 2022", "October 30\u201331, 2022"]


@pytest.mark.parametrize("title, want", [
    ("情報処理学会論文誌", "情報処理学会論文誌"), ("한국어 제목", "한국어 제목"),
    ("日本語 English", "<i>日本語 English</i>"), ("Привет", "<i>Привет</i>"),
])
def test_cjk_text_not_italic(title, want):
    """citeproc-js prints a CJK-script variable upright where the style asks for italics."""
    csl = style('<citation><layout><text variable="title" font-style="italic"/></layout></citation>')
    assert Processor(csl, None, "html").citations([{"id": "a", "type": "book", "title": title}]) == [want]


def test_et_al_subsequent_for_cited_items():
    """APA 6th: a three-author work is cited in full first, then (Harris et al., 2023)."""
    items = [{"id": "h", "type": "software", "title": "NumPy", "issued": {"date-parts": [[2023]]},
              "author": [{"family": "Harris", "given": "Charles R."}, {"family": "Millman", "given": "K. Jarrod"},
                         {"family": "van der Walt", "given": "Stéfan J."}]}]
    out = Processor("apa-6th-edition", None, "text").citations(items, [[CiteRef("h")], [CiteRef("h", "10")]])
    assert out == ["(Harris, Millman, & van der Walt, 2023)", "(Harris et al., 2023, p. 10)"]


def test_sort_keys_ignore_year_suffix_and_literal_dates():
    """Harvard sorts cites by a year macro: year-suffixes are no part of the key, so equal years keep
    the given order (Walker, 2020b, 2020a; Walker and Stickgold, 2020); Springer's issued key puts a
    literal date with the undated."""
    walker = {"family": "Walker", "given": "Matthew P."}
    items = [{"id": "x", "type": "article-journal", "title": "Sleep and memory", "author": [walker],
              "issued": {"date-parts": [[2020, 1]]}},
             {"id": "y", "type": "article-journal", "title": "A sleep manifesto", "author": [walker],
              "issued": {"date-parts": [[2020, 3]]}},
             {"id": "z", "type": "article-journal", "title": "Dreams", "author": [walker, {"family": "Stickgold",
              "given": "Robert"}], "issued": {"date-parts": [[2020]]}}]
    out = Processor("harvard-cite-them-right", None, "text").citations(
        items, [[CiteRef("x"), CiteRef("y"), CiteRef("z")]])
    assert out == ["(Walker, 2020b, 2020a; Walker and Stickgold, 2020)"]
    undated = [{"id": "r", "type": "book", "title": "H", "author": [{"family": "Roberts"}],
                "issued": {"literal": "forthcoming"}},
               {"id": "a", "type": "book", "title": "N", "author": [{"family": "Anonymous"}]}]
    out = Processor("springer-basic-author-date", None, "text").citations(undated, [[CiteRef("r"), CiteRef("a")]])
    assert out == ["(Anonymous; Roberts forthcoming)"]
