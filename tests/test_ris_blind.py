"""Blind review of the RIS and EndNote XML readers and writers: records as real exporters write them
(EndNote, Scopus, Web of Science, hand-edited files) that the other suites had not seen.  Each test
names the bug it pins down."""
from __future__ import annotations

import citeport
from citeport.model.diagnostics import Context


def _one(text: str, fmt: str) -> dict:
    (item,) = citeport.read(text, fmt)
    return item


def _round_trip(text: str, fmt: str) -> None:
    first = list(citeport.read(text, fmt))
    assert list(citeport.read(citeport.write(first, fmt), fmt)) == first


# --------------------------------------------------------------------------
# RIS
# --------------------------------------------------------------------------
LOWER_CASE = """ty  - JOUR
au  - Lower, Case
ti  - Tags written in lower case
py  - 2002
er  - 
"""


def test_lower_case_tags_are_read_not_silently_dropped():
    # Before: the record vanished without a word (no tag line matched, no TY found).
    result = citeport.read(LOWER_CASE)
    assert result.format == "ris"
    (item,) = result
    assert item["title"] == "Tags written in lower case"
    assert item["author"] == [{"family": "Lower", "given": "Case"}]
    assert item["issued"] == {"date-parts": [[2002]]}


def test_lower_case_words_in_an_abstract_are_not_tags():
    text = "TY  - JOUR\nTI  - T\nAB  - First line\nas - needed, not a tag\nER  - \n"
    item = _one(text, "ris")
    assert item["abstract"] == "First line\nas - needed, not a tag"


WOS_SCOPUS = """TY  - JOUR
AU  - Zhang, Wei
TI  - Deep learning for protein structure prediction
T2  - NATURE METHODS
PY  - 2020
UR  - <Go to ISI>://WOS:000539005100020
AN  - WOS:000539005100020
ER  - 

TY  - JOUR
T1  - Scopus style record
A1  - Müller, H.
JF  - Journal of Clinical Investigation
Y1  - 2021
M3  - Article
DB  - Scopus
SN  - 00219738 (ISSN)
ER  - 

TY  - JOUR
TI  - An editorial
T2  - BMJ
PY  - 2021
M3  - Editorial
SN  - 0959-8138 (Print)
SN  - 1756-1833 (Online)
ER  - 
"""


def test_web_of_science_go_to_isi_link_is_not_the_url():
    # Before: URL "<Go to ISI>://WOS:..." (Vancouver printed "Available from: <Go to ISI>://...").
    wos, _scopus, _bmj = citeport.read(WOS_SCOPUS, "ris")
    assert "URL" not in wos
    assert wos["custom"]["tags"]["ris:UR"] == ["<Go to ISI>://WOS:000539005100020"]
    rendered = citeport.render([wos], style="vancouver")
    assert "Go to ISI" not in str(rendered)


def test_scopus_document_type_is_no_genre_and_issn_label_no_kind():
    # Before: genre "Article" (APA printed "[Article]") and custom.issn {"issn": ...}.
    _wos, scopus, bmj = citeport.read(WOS_SCOPUS, "ris")
    assert "genre" not in scopus and scopus["custom"]["tags"]["ris:M3"] == ["Article"]
    assert scopus["ISSN"] == "0021-9738" and "issn" not in scopus["custom"]
    # A genre that says more than the type stays one; "(Online)" is the electronic ISSN.
    assert bmj["genre"] == "Editorial"
    assert bmj["ISSN"] == "0959-8138"
    assert bmj["custom"]["issn"] == {"print": "0959-8138", "electronic": "1756-1833"}
    _round_trip(WOS_SCOPUS, "ris")


def test_m1_repeating_the_issue_is_not_kept_twice():
    item = _one("TY  - JOUR\nTI  - T\nIS  - 10231\nM1  - 10231\nER  - \n", "ris")
    assert item["issue"] == "10231" and "custom" not in item
    other = _one("TY  - JOUR\nTI  - T\nIS  - 4\nM1  - Suppl 2\nER  - \n", "ris")
    assert other["custom"]["tags"]["ris:M1"] == ["Suppl 2"]


def test_numeric_day_month_year_dates():
    # Before: "Y2  - 3/15/2022" (EndNote's free-text Access Date) was the year 3.
    text = """TY  - ELEC
TI  - COVID Data Tracker
UR  - https://covid.cdc.gov/covid-data-tracker
PY  - 2023
DA  - 15/03/2023
Y2  - 3/15/2023
ER  - 
"""
    item = _one(text, "ris")
    assert item["accessed"] == {"date-parts": [[2023, 3, 15]]}
    assert item["issued"] == {"date-parts": [[2023, 3, 15]]}
    assert "custom" not in item


def test_ambiguous_numeric_date_keeps_the_year_and_the_value():
    item = _one("TY  - ELEC\nTI  - Page\nY2  - 4/5/2022\nPY  - 2021\nDA  - 6/7/2021\nER  - \n", "ris")
    assert item["accessed"] == {"date-parts": [[2022]]}
    assert item["issued"] == {"date-parts": [[2021]]}
    assert item["custom"]["tags"] == {"ris:Y2": ["4/5/2022"], "ris:DA": ["6/7/2021"]}


# --------------------------------------------------------------------------
# EndNote XML
# --------------------------------------------------------------------------
_S = '<style face="normal" font="default" size="100%">{}</style>'
JOURNAL_XML = f"""<?xml version="1.0" encoding="UTF-8" ?><xml><records><record>
<source-app name="EndNote" version="20.4">EndNote</source-app><rec-number>57</rec-number>
<ref-type name="Journal Article">17</ref-type>
<contributors><authors><author>{_S.format("Okafor, Chinedu N.")}</author></authors></contributors>
<titles><title>{_S.format("Expression of BRCA1")}</title>
<secondary-title>{_S.format("Journal of Cell Science")}</secondary-title></titles>
<periodical><full-title>{_S.format("Journal of Cell Science")}</full-title></periodical>
<volume>{_S.format("133")}</volume><number>{_S.format("12")}</number>
<edition>{_S.format("2020/05/20")}</edition><section>{_S.format("jcs245678")}</section>
<dates><year>{_S.format("2020")}</year><pub-dates><date>{_S.format("Jun 18")}</date></pub-dates></dates>
<urls><related-urls><url>{_S.format("&lt;Go to ISI&gt;://WOS:000356201700010 https://doi.org/10.1242/jcs.245678")}</url></related-urls></urls>
<custom2>{_S.format("PMC7325432")}</custom2><custom6>{_S.format("NIHMS1590123")}</custom6>
<custom7>{_S.format("jcs245678")}</custom7>
<access-date>{_S.format("3/15/2022")}</access-date>
</record></records></xml>
"""


def test_endnote_journal_article_fields_by_their_endnote_labels():
    # Before: edition "2020/05/20" (EndNote's "Epub Date"), section "jcs245678" (its "Start Page"),
    # the PMCID and article number only as custom tags, access date "3/15/2022" unparsed, and the
    # URL text split into "<Go", "to", "ISI>://..." pieces.
    item = _one(JOURNAL_XML, "endnote-xml")
    assert item["available-date"] == {"date-parts": [[2020, 5, 20]]}
    assert "edition" not in item and "section" not in item
    assert item["PMCID"] == "PMC7325432"
    assert item["custom"]["elocation"] == "jcs245678" and item["page"] == "jcs245678"
    assert item["accessed"] == {"date-parts": [[2022, 3, 15]]}
    assert item["URL"] == "https://doi.org/10.1242/jcs.245678"
    assert item["custom"]["tags"] == {
        "endnote:section": ["jcs245678"], "endnote:custom6": ["NIHMS1590123"],
        "endnote:related-urls": ["<Go to ISI>://WOS:000356201700010"],
    }
    _round_trip(JOURNAL_XML, "endnote-xml")


def test_endnote_writer_puts_epub_date_pmcid_and_article_number_in_their_fields():
    ris = "TY  - JOUR\nTI  - T\nT2  - J\nET  - 2020/05/20\nC2  - PMC7325432\nC7  - e0123\nER  - \n"
    items = list(citeport.read(ris, "ris"))
    result = citeport.write(items, "endnote-xml")
    assert "<edition>" in result and "<custom2>" in result and "<custom7>" in result
    back = _one(result, "endnote-xml")
    assert back["available-date"] == {"date-parts": [[2020, 5, 20]]}
    assert back["PMCID"] == "PMC7325432" and back["custom"]["elocation"] == "e0123"


CONFERENCE_XML = """<?xml version="1.0" encoding="UTF-8"?><xml><records><record><rec-number>3</rec-number>
<ref-type name="Conference Proceedings">10</ref-type>
<contributors><authors><author>Lee, Min-Jun</author></authors></contributors>
<titles><title>Graph neural networks for drug discovery</title>
<secondary-title>International Conference on Machine Learning (ICML 2021)</secondary-title></titles>
<pages>1123-1131</pages><dates><year>2021</year></dates><publisher>PMLR</publisher>
<custom3>Proceedings of the 38th International Conference on Machine Learning</custom3>
</record></records></xml>
"""


def test_endnote_conference_custom3_is_the_proceedings_title():
    # Before: container-title was the conference's name and the proceedings only a custom tag.
    item = _one(CONFERENCE_XML, "endnote-xml")
    assert item["container-title"] == "Proceedings of the 38th International Conference on Machine Learning"
    assert item["event-title"] == "International Conference on Machine Learning (ICML 2021)"
    _round_trip(CONFERENCE_XML, "endnote-xml")
    ris = citeport.write([item], "ris")
    assert "T2  - International Conference on Machine Learning (ICML 2021)" in ris
    assert "C3  - Proceedings of the 38th International Conference on Machine Learning" in ris


BOOKISH_XML = """<?xml version="1.0" encoding="UTF-8"?><xml><records>
<record><rec-number>2</rec-number><ref-type name="Book Section">5</ref-type>
<contributors><authors><author>Doe, Jane</author></authors><secondary-authors><author>Smith, Ed</author></secondary-authors></contributors>
<titles><title>A chapter</title><secondary-title>The Big Book</secondary-title>
<tertiary-title>Lecture Notes in Computer Science</tertiary-title></titles>
<pages>10-20</pages><volume>1234</volume><section>3</section><number>42</number>
<dates><year>2019</year></dates><publisher>Springer</publisher></record>
<record><rec-number>3</rec-number><ref-type name="Thesis">32</ref-type>
<contributors><authors><author>Nguyen, Thi Minh</author></authors></contributors>
<titles><title>Sepsis prediction</title></titles><pages>245</pages><dates><year>2019</year></dates>
<publisher>University of Toronto</publisher><work-type>Ph.D. dissertation</work-type></record>
<record><rec-number>5</rec-number><ref-type name="Book">6</ref-type>
<contributors><authors><author>Knuth, Donald E.</author></authors></contributors>
<titles><title>The Art of Computer Programming</title></titles><pages>xv, 672</pages>
<dates><year>1997</year></dates><publisher>Addison-Wesley</publisher></record>
</records></xml>
"""


def test_endnote_book_and_thesis_pages_are_the_number_of_pages():
    # Before: page "245" (APA printed "Sepsis prediction (p. 245)"), and a chapter's <section>
    # (EndNote's "Chapter") was CSL section.
    chapter, thesis, book = citeport.read(BOOKISH_XML, "endnote-xml")
    assert thesis["number-of-pages"] == "245" and "page" not in thesis
    # "xv, 672" is the book's pagination (front matter, text), no range: a count, as the RIS reader
    # reads the same EndNote field (SP); as page, styles printed it as a locator "(pp. xv, 672)".
    assert book["number-of-pages"] == "xv, 672" and "page" not in book
    assert chapter["chapter-number"] == "3" and "section" not in chapter
    assert "(p. 245)" not in str(citeport.render([thesis], style="apa"))


def test_endnote_book_section_round_trip_keeps_the_series_number():
    # Before: the writer put the book's title in <periodical>, which the reader takes for a journal:
    # collection-number 42 came back as issue 42.
    _round_trip(BOOKISH_XML, "endnote-xml")
    chapter = citeport.read(BOOKISH_XML, "endnote-xml")[0]
    assert chapter["collection-number"] == "42"
    assert "<periodical>" not in citeport.write([chapter], "endnote-xml")


def test_ris_thesis_and_chapter_to_endnote_xml():
    ris = """TY  - THES
AU  - Nguyen, Thi Minh
TI  - Sepsis prediction
PY  - 2019
SP  - 245
PB  - University of Toronto
ER  - 

TY  - CHAP
AU  - Doe, Jane
TI  - A chapter
T2  - The Big Book
SE  - 3
SP  - 10
EP  - 20
PY  - 2019
ER  - 
"""
    items = list(citeport.read(ris, "ris"))
    ctx = Context()
    result = citeport.write(items, "endnote-xml", ctx=ctx)
    assert not [d for d in ctx.diagnostics if d.field in ("number-of-pages", "chapter-number")]
    thesis, chapter = citeport.read(result, "endnote-xml")
    assert thesis["number-of-pages"] == "245"
    assert chapter["chapter-number"] == "3" and chapter["page"] == "10-20"


def test_scopus_document_type_is_written_back_as_m3():
    _wos, scopus, _bmj = citeport.read(WOS_SCOPUS, "ris")
    ris = citeport.write([scopus], "ris")
    assert "M3  - Article" in ris and "RIS M3" not in ris
