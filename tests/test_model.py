"""The shared model helpers: dates, names, identifiers, text, languages."""
import pytest

from citeport.model import dates, ids, names, text
from citeport.model.languages import to_bcp47, to_iso639_2

DATE_CASES = [
    ("2015 Feb", {"date-parts": [[2015, 2]]}),
    ("2015 Jan-Feb", {"date-parts": [[2015, 1], [2015, 2]]}),
    ("2012 Dec-2013 Jan", {"date-parts": [[2012, 12], [2013, 1]]}),
    ("1999 Spring", {"date-parts": [[1999]], "season": 1}),
    ("Summer 2001", {"date-parts": [[2001]], "season": 2}),
    ("1999 Dec 24", {"date-parts": [[1999, 12, 24]]}),
    ("1999 Dec 24-31", {"date-parts": [[1999, 12, 24], [1999, 12, 31]]}),
    ("2013 06 10", {"date-parts": [[2013, 6, 10]]}),
    ("2010   06", {"date-parts": [[2010, 6]]}),
    ("Apr 2019", {"date-parts": [[2019, 4]]}),
    ("2015/02/03/", {"date-parts": [[2015, 2, 3]]}),
    ("2015///", {"date-parts": [[2015]]}),
    ("2015-02-03", {"date-parts": [[2015, 2, 3]]}),
    ("2020-05-01T10:00:00Z", {"date-parts": [[2020, 5, 1]]}),
    ("February 3, 2015", {"date-parts": [[2015, 2, 3]]}),
    ("3 February 2015", {"date-parts": [[2015, 2, 3]]}),
    ("2015-2016", {"date-parts": [[2015], [2016]]}),
    ("circa 1850", {"date-parts": [[1850]], "circa": True}),
    ("Article 10 2019", {"literal": "Article 10 2019"}),
    ("", None),
]


@pytest.mark.parametrize("raw,expected", DATE_CASES)
def test_parse_date(raw, expected):
    assert dates.parse_date(raw) == expected


@pytest.mark.parametrize("date,as_text,as_iso", [
    ({"date-parts": [[2015, 1], [2015, 2]]}, "2015 Jan-Feb", "2015-01/2015-02"),
    ({"date-parts": [[1999, 12, 24], [1999, 12, 31]]}, "1999 Dec 24-31", "1999-12-24/1999-12-31"),
    ({"date-parts": [[1999]], "season": 1}, "1999 Spring", "1999"),
    ({"date-parts": [[2012, 9, 4]]}, "2012 Sep 4", "2012-09-04"),
])
def test_date_writers(date, as_text, as_iso):
    assert dates.to_text(date) == as_text
    assert dates.to_iso(date) == as_iso
    assert dates.parse_date(as_text) == date


def test_from_parts_handles_seasons_and_month_names():
    assert dates.from_parts("2015", "Feb", "3") == {"date-parts": [[2015, 2, 3]]}
    assert dates.from_parts("1999", "Spring") == {"date-parts": [[1999]], "season": 1}
    assert dates.from_parts(2001, 22) == {"date-parts": [[2001]], "season": 2}


NAME_CASES = [
    ("Owens, John", {"family": "Owens", "given": "John"}),
    ("van der Berg, Jan", {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}),
    ("Smith, John, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("Smith, Jr., John", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("Ludwig van Beethoven", {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}),
    ("World Health Organization", {"literal": "World Health Organization"}),
    ("Martin Luther King Jr", {"family": "King", "given": "Martin Luther", "suffix": "Jr"}),
    # a particle after the given names is CSL's dropping particle (citeproc-js reads it so too)
    ("Beethoven, Ludwig van", {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}),
    ("KONING, A. P. JASON de", {"family": "KONING", "given": "A. P. JASON", "dropping-particle": "de"}),
    ("Fontaine, Jean de la", {"family": "Fontaine", "given": "Jean", "dropping-particle": "de la"}),
]


def test_dropping_particle_round_trips_through_inverted_form():
    name = names.parse_name("Beethoven, Ludwig van")
    assert names.family_given(name) == "Beethoven, Ludwig van"
    assert names.parse_name(names.family_given(name)) == name


@pytest.mark.parametrize("raw,expected", NAME_CASES)
def test_parse_name(raw, expected):
    assert names.parse_name(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("Owens J", {"family": "Owens", "given": "J."}),
    ("van der Berg JA", {"family": "Berg", "given": "J. A.", "non-dropping-particle": "van der"}),
    ("Smith JR Jr", {"family": "Smith", "given": "J. R.", "suffix": "Jr"}),
])
def test_parse_pubmed_short(raw, expected):
    assert names.parse_pubmed_short(raw) == expected


def test_name_writers():
    n = {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der", "suffix": "Jr"}
    assert names.family_given(n) == "van der Berg, Jan, Jr"
    assert names.display(n) == "Jan van der Berg Jr"
    assert names.initials("Jean-Paul Marie") == "J-PM"


@pytest.mark.parametrize("raw,expected", [
    ("https://doi.org/10.1111/hex.12000.", "10.1111/hex.12000"),
    ("doi: 10.1016/S0140-6736(20)30183-5", "10.1016/S0140-6736(20)30183-5"),
    ("(doi:10.1000/xyz)", "10.1000/xyz"),
    ("not a doi", None),
])
def test_normalize_doi(raw, expected):
    assert ids.normalize_doi(raw) == expected


def test_other_ids():
    assert ids.normalize_pmcid("pmc 5060756") == "PMC5060756"
    assert ids.normalize_pmid("PMID: 22943560") == "22943560"
    assert ids.normalize_issn("13696513") == "1369-6513"
    assert ids.normalize_issn("1369-6514") is None  # bad check digit
    assert ids.normalize_isbn("978-3-16-148410-0") == "9783161484100"
    assert ids.normalize_isbn("0-306-40615-2") == "0306406152"
    assert ids.normalize_isbn("0-306-40615-3") is None


def test_text_helpers():
    assert text.strip_final_period("A title.") == "A title"
    assert text.strip_final_period("Smith et al.") == "Smith et al."
    assert text.strip_final_period("Why?") == "Why?"
    assert text.clean(" a\u00a0 b\n c ") == "a b c"
    assert text.latex_to_unicode(r"M{\"u}ller \& Sons") == "Müller & Sons"
    assert text.unicode_to_latex("Müller & 50%") == r"M{\"u}ller \& 50\%"


def test_languages():
    assert to_bcp47("ENG") == "en"
    assert to_bcp47("Japanese") == "ja"
    assert to_iso639_2("de-DE") == "ger"


def test_unique_ids_rename_duplicates_and_stay_bounded():
    from citeport.model.item import UniqueIds

    ids = UniqueIds(window=3)
    out = [ids({"id": k})["id"] for k in ("a", "b", "a", "a", "c", "d", "e", "f")]
    assert out == ["a", "b", "a-2", "a-3", "c", "d", "e", "f"]
    assert len(ids._seen) <= 3  # flat memory however many records stream through
    big = UniqueIds()
    assert [big({"id": "x"})["id"] for _ in range(3)] == ["x", "x-2", "x-3"]


def test_letter_suffix():
    assert [text.letter_suffix(n) for n in (0, 1, 25, 26, 27, 701, 702)] == ["a", "b", "z", "aa", "ab", "zz", "aaa"]


def test_date_writers_tolerate_lenient_parts():
    assert dates.to_text({"date-parts": [[2015, None]]}) == "2015"
    assert dates.to_iso({"date-parts": [["2015", "2"]]}) == "2015-02"
    assert dates.to_text({"date-parts": [[None]], "literal": "n.d."}) == "n.d."
    assert dates.to_iso({"date-parts": [[]]}) == ""
