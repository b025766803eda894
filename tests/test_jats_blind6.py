"""Blind review 6 of the JATS reader: reference lists (punctuation inside mixed-citation elements, year
suffixes, patents, theses, free-text Vancouver/APA references, references of sub-articles) and front
matter not covered before (book-review <product>, <supplementary-material>)."""
from __future__ import annotations

import json

import pytest

import citeport
from citeport.formats.jats_freetext import ids_in_text, parse_reference_text

from conftest import shared_path

XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def article(meta: str = "<title-group><article-title>Citing</article-title></title-group>", back: str = "",
            attrs: str = 'article-type="research-article"', tail: str = "") -> str:
    return (f'<?xml version="1.0"?>\n<article {XLINK} {attrs}><front><journal-meta><journal-title>J</journal-title>'
            f"</journal-meta><article-meta>{meta}</article-meta></front><back>{back}</back>{tail}</article>")


def refs(*cits: str) -> list[dict]:
    back = "<ref-list>" + "".join(f'<ref id="r{n}">{c}</ref>' for n, c in enumerate(cits, 1)) + "</ref-list>"
    return list(citeport.read(article(back=back), "jats", refs="only"))


def test_punctuation_inside_mixed_citation_elements_is_not_part_of_the_title() -> None:
    """F1000/PeerJ print "<article-title>Title one.</article-title> <source><italic>Nature.</italic></source>":
    the title was 'Title one.' and the journal '<i>Nature.</i>' (APA printed 'Nature.,')."""
    mixed, dotted, element = refs(
        '<mixed-citation publication-type="journal"><person-group><name><surname>Foo</surname><given-names>B'
        '</given-names></name></person-group>: <article-title>Title one.</article-title> <source><italic>Nature.'
        '</italic></source> <year>2001</year>;<volume>1</volume>:<fpage>3</fpage>.</mixed-citation>',
        '<mixed-citation publication-type="journal"><article-title>Cells, et al.</article-title> <source>J. Biol. '
        'Chem.</source> <year>2001</year>.</mixed-citation>',
        '<element-citation publication-type="journal"><article-title>Ends with a period.</article-title>'
        '<source>Nature.</source><year>2001</year></element-citation>')
    assert mixed["title"] == "Title one" and mixed["container-title"] == "<i>Nature</i>"
    assert dotted["title"] == "Cells, et al." and dotted["container-title"] == "J. Biol. Chem."  # abbreviations
    assert element["title"] == "Ends with a period." and element["container-title"] == "Nature."  # content
    assert "Nature.," not in citeport.render([mixed], "apa")


def test_year_suffix_patent_country_and_thesis_genre() -> None:
    year, patent, thesis, thesis2 = refs(
        '<element-citation publication-type="journal"><article-title>A</article-title><source>Blood</source>'
        '<year>2020a</year></element-citation>',
        '<element-citation publication-type="patent"><article-title>Widget</article-title>'
        '<patent country="US">US1234567B2</patent><year>2018</year></element-citation>',
        '<element-citation publication-type="thesis"><source>My thesis</source><publisher-name>MIT</publisher-name>'
        '<year>2015</year><comment>PhD thesis</comment></element-citation>',
        '<element-citation publication-type="thesis"><article-title>Thesis title</article-title><source>PhD '
        'dissertation</source><institution>University of Oxford</institution><year>2012</year></element-citation>')
    assert year["issued"] == {"date-parts": [[2020]]} and year["year-suffix"] == "a" and "status" not in year
    assert patent["number"] == "US1234567B2" and patent["jurisdiction"] == "US"
    assert thesis["genre"] == "PhD thesis" and thesis["title"] == "My thesis" and "note" not in thesis
    assert thesis2["genre"] == "PhD dissertation" and thesis2["title"] == "Thesis title"
    assert thesis2["publisher"] == "University of Oxford" and "container-title" not in thesis2


def test_references_of_a_sub_article_are_not_the_articles() -> None:
    back = ('<ref-list><ref id="r1"><element-citation publication-type="journal"><article-title>Main ref'
            '</article-title><source>J</source><year>2000</year></element-citation></ref></ref-list>')
    sub = ('<sub-article article-type="ref-report" id="report1"><front-stub><title-group><article-title>Referee '
           'report</article-title></title-group></front-stub><back><ref-list><ref id="s1"><element-citation '
           'publication-type="journal"><article-title>Report ref</article-title><source>K</source><year>2001</year>'
           '</element-citation></ref></ref-list></back></sub-article>')
    records = citeport.read(article(back=back, tail=sub), "jats", refs=True)
    assert [r.get("title") for r in records] == ["Citing", "Main ref"]
    assert any(d.level == "info" and "1 reference(s) of a <sub-article>" in d.message for d in records.diagnostics)


def test_book_review_product_gives_the_reviewed_title_and_author() -> None:
    meta = ('<title-group><article-title>A History of Medicine</article-title></title-group><contrib-group><contrib '
            'contrib-type="author"><name><surname>Reviewer</surname><given-names>Rachel</given-names></name></contrib>'
            '</contrib-group><pub-date pub-type="ppub"><year>2020</year></pub-date><volume>64</volume>'
            '<product product-type="book"><person-group person-group-type="author"><name><surname>Porter</surname>'
            '<given-names>Roy</given-names></name></person-group>, <source>The Greatest Benefit to Mankind</source> '
            '(<publisher-loc>London</publisher-loc>: <publisher-name>HarperCollins</publisher-name>, <year>1997</year>)'
            ', ISBN: <isbn>978-0-00-215173-3</isbn>.</product>')
    item = citeport.read(article(meta, attrs='article-type="book-review"'), "jats")[0]
    assert item["type"] == "review-book"
    assert item["reviewed-title"] == "The Greatest Benefit to Mankind"
    assert item["reviewed-author"] == [{"family": "Porter", "given": "Roy"}]
    assert item["custom"]["tags"]["jats:product"] == [
        "Porter Roy, The Greatest Benefit to Mankind (London: HarperCollins, 1997), ISBN: 978-0-00-215173-3."]
    assert "Review of the book The Greatest Benefit to Mankind, by R. Porter" in citeport.render([item], "apa")


def test_supplementary_material_keeps_label_caption_and_link() -> None:
    meta = ('<title-group><article-title>T</article-title></title-group><supplementary-material id="SM1">'
            '<label>Supplementary File 1</label><media xlink:href="suppl.pdf"><caption><p>Big table</p></caption>'
            '</media></supplementary-material>')
    item = citeport.read(article(meta), "jats")[0]
    assert item["custom"]["tags"]["jats:supplementary-material"] == ["Supplementary File 1: Big table <suppl.pdf>"]


FREE = [
    ("Smith JA, Jones B. Title of the article. N Engl J Med. 2019;380(5):123-130. doi:10.1056/NEJMoa123",
     {"author": [{"family": "Smith", "given": "J. A."}, {"family": "Jones", "given": "B."}],
      "title": "Title of the article", "container-title": "N Engl J Med", "issued": {"date-parts": [[2019]]},
      "volume": "380", "issue": "5", "page": "123-130", "DOI": "10.1056/NEJMoa123"}),
    ("Garcia-Lopez M, van der Berg K, et al. Is it working? A trial. BMJ. 2020 Mar 3;368:m123. PMID: 32123456; "
     "PMCID: PMC7000001.",
     {"author": [{"family": "Garcia-Lopez", "given": "M."},
                 {"family": "Berg", "given": "K.", "non-dropping-particle": "van der"}],
      "title": "Is it working? A trial", "container-title": "BMJ", "issued": {"date-parts": [[2020, 3, 3]]},
      "volume": "368", "page": "m123", "PMID": "32123456", "PMCID": "PMC7000001"}),
    ("1. Kuhn T. Structure of things. J. Biol. Chem. 2001;5:1-2.",
     {"author": [{"family": "Kuhn", "given": "T."}], "title": "Structure of things",
      "container-title": "J. Biol. Chem.", "volume": "5", "page": "1-2"}),
    ("Smith, J. A., &amp; Jones, B. (2019). Title of the article. <italic>Journal of Stuff</italic>, <italic>12"
     "</italic>(3), 45&#x2013;67. https://doi.org/10.1000/xyz",
     {"author": [{"family": "Smith", "given": "J. A."}, {"family": "Jones", "given": "B."}],
      "title": "Title of the article", "container-title": "Journal of Stuff", "issued": {"date-parts": [[2019]]},
      "volume": "12", "issue": "3", "page": "45-67", "DOI": "10.1000/xyz"}),
    ("Nguyen, T., Lee, K.-H., &amp; Brown, A. B. (2021b, March). Deep learning: A review. Nature Reviews Physics, "
     "3, 100\u2013115.",
     {"author": [{"family": "Nguyen", "given": "T."}, {"family": "Lee", "given": "K.-H."},
                 {"family": "Brown", "given": "A. B."}], "year-suffix": "b",
      "issued": {"date-parts": [[2021, 3]]}, "container-title": "Nature Reviews Physics", "page": "100-115"}),
]


@pytest.mark.parametrize("text,expected", FREE, ids=[f[0][:20] for f in FREE])
def test_free_text_vancouver_and_apa_references_are_read_into_fields(text: str, expected: dict) -> None:
    (ref,) = refs(f'<mixed-citation publication-type="journal">{text}</mixed-citation>')
    assert ref["type"] == "article-journal"
    for key, value in expected.items():
        assert ref.get(key) == value, (key, ref.get(key))
    assert ref["custom"]["tags"]["jats:mixed-citation"][0].startswith(("Smith", "Garcia", "1. Kuhn", "Nguyen"))


def test_other_free_text_stays_whole_but_gives_its_identifiers() -> None:
    harvard, chicago = refs(
        "<mixed-citation>Smith, J. and Jones, B. (2019) 'Title', J Stuff, 12(3), pp. 45-67. Available at: "
        "https://example.org/a (Accessed: 1 May 2020).</mixed-citation>",
        '<mixed-citation publication-type="journal">Smith, John. 2019. "Title." Journal 12 (3): 45\u201367. '
        "https://doi.org/10.1000/chi.</mixed-citation>")
    # Harvard and Chicago are read since jats_freetext_styles (tests/test_freetext_styles.py); the text is kept
    assert (harvard["title"], harvard["container-title"], harvard["page"]) == ("Title", "J Stuff", "45-67")
    assert harvard["custom"]["tags"]["jats:mixed-citation"][0].startswith("Smith, J. and Jones, B. (2019)")
    assert harvard["URL"] == "https://example.org/a" and harvard["type"] == "article-journal"
    assert chicago["DOI"] == "10.1000/chi" and chicago["type"] == "article-journal" and "URL" not in chicago
    assert (chicago["title"], chicago["volume"], chicago["issue"]) == ("Title", "12", "3")
    assert ids_in_text("see PMC123456 and PMID 999") == {"PMID": "999", "PMCID": "PMC123456"}
    assert parse_reference_text("Murphy FA (1999) Veterinary Virology. USA: Elsevier.") is None


def test_outputs_validate_against_the_csl_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schemas", "csl", "input", "csl-data.json").read_text())
    items = refs(*(f'<mixed-citation publication-type="journal">{t}</mixed-citation>' for t, _ in FREE),
                 '<element-citation publication-type="patent"><patent country="US">US1</patent><year>2018a</year>'
                 '</element-citation>')
    jsonschema.validate(json.loads(citeport.write(items, "csl-json")), schema)


def test_note_only_reference_prints():
    xml = ('<article><front><article-meta><title-group><article-title>A</article-title></title-group></article-meta>'
           '</front><back><ref-list><ref id="r1"><note><p>Smith J, Doe A. Sleep and memory. J Sleep Res. '
           '2019;28(2):e12765.</p></note></ref><ref id="r2"><note><p>Data on file, Acme Pharma, 2020.</p></note>'
           '</ref></ref-list></back></article>')
    refs = list(citeport.read(xml, "jats", refs=True))[1:]
    assert refs[0]["title"] == "Sleep and memory" and refs[0]["container-title"] == "J Sleep Res"
    assert refs[1]["title"] == "Data on file, Acme Pharma, 2020."
    assert citeport.render(refs[1:], "vancouver").strip() == "1. Data on file, Acme Pharma, 2020."
