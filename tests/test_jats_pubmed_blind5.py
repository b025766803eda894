"""Blind review 5 of the JATS, PubMed XML and MEDLINE readers: layouts earlier tests did not cover
(namespaced JATS in the PMC OAI-PMH wrapper, name-alternatives, JATS 1.3 history events, NLM 2.3
permissions, SciELO affiliations and multilingual keywords, PubMed's incomplete author lists, MEDLINE TT)."""
from __future__ import annotations

import citeport
from citeport.model.languages import to_bcp47

XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def one(text: str, fmt: str) -> dict:
    records = citeport.read(text, fmt)
    assert len(records) == 1, records
    return records[0]


def jats(meta: str, journal: str = "", attrs: str = 'article-type="research-article"') -> str:
    return (f'<?xml version="1.0"?>\n<article {XLINK} {attrs}><front><journal-meta>{journal}</journal-meta>'
            f"<article-meta>{meta}</article-meta></front></article>")


# -- JATS ----------------------------------------------------------------------

OAI = f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record><header>
<identifier>oai:pubmedcentral.nih.gov:7842345</identifier></header><metadata>
<article xmlns="https://jats.nlm.nih.gov/ns/archiving/1.3/" {XLINK} article-type="research-article" xml:lang="en">
<front><journal-meta><journal-id journal-id-type="nlm-ta">PLoS One</journal-id>
<journal-title-group><journal-title>PLoS ONE</journal-title></journal-title-group></journal-meta>
<article-meta><article-id pub-id-type="pmid">33507953</article-id>
<article-categories><subj-group subj-group-type="heading"><subject>Research Article</subject></subj-group></article-categories>
<title-group><article-title>Sleep and memory</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Nguyen</surname><given-names>Thi Mai</given-names></name>
<xref ref-type="aff" rid="aff001"><sup>1</sup></xref></contrib>
<contrib contrib-type="author"><name><surname>Cruz</surname><given-names>Juan</given-names></name>
<xref ref-type="aff" rid="aff002"><sup>2</sup></xref></contrib></contrib-group>
<aff id="aff001"><label>1</label><addr-line>Department of Biology, University of Somewhere, Springfield, USA</addr-line></aff>
<aff id="aff002"><label>2</label><institution-wrap><institution-id institution-id-type="ror">https://ror.org/01abcd123</institution-id>
<institution>Instituto Nacional</institution></institution-wrap>, <country>Mexico</country></aff>
<pub-date pub-type="epub"><day>28</day><month>1</month><year>2021</year></pub-date>
<kwd-group kwd-group-type="author"><kwd>sleep</kwd><kwd>memory</kwd></kwd-group>
</article-meta></front></article></metadata></record></GetRecord></OAI-PMH>"""


def test_namespaced_jats_in_the_pmc_oai_wrapper_keeps_affiliations_journal_and_keywords() -> None:
    # was: every descendant lookup missed the JATS 1.3 namespace: no affiliations, no keywords, no
    # subjects, and container-title fell back to the NLM abbreviation "PLoS One"
    item = one(OAI, "jats")
    assert item["container-title"] == "PLoS ONE" and item["container-title-short"] == "PLoS One"
    assert item["keyword"] == "sleep; memory"
    assert item["custom"]["author-details"] == [
        {"affiliation": ["Department of Biology, University of Somewhere, Springfield, USA"]},
        {"affiliation": ["Instituto Nacional, Mexico"], "affiliation-identifiers": ["ROR: https://ror.org/01abcd123"]},
    ]
    assert item["custom"]["tags"]["jats:subject"] == ["Research Article"]
    assert item["PMID"] == "33507953" and item["available-date"] == {"date-parts": [[2021, 1, 28]]}


def test_name_alternatives_prefer_the_latin_form_and_keep_the_other() -> None:
    # was: the first form, the Chinese one, became the author
    meta = ('<title-group><article-title>T</article-title></title-group><contrib-group>'
            '<contrib contrib-type="author"><name-alternatives>'
            '<name name-style="eastern" xml:lang="zh"><surname>李</surname><given-names>明</given-names></name>'
            '<name name-style="western" xml:lang="en"><surname>Li</surname><given-names>Ming</given-names></name>'
            '</name-alternatives></contrib>'
            '<contrib contrib-type="author"><name name-style="eastern"><surname>Wang</surname>'
            '<given-names>Xiao-Hong</given-names></name></contrib></contrib-group>')
    item = one(jats(meta, attrs='article-type="research-article" xml:lang="EN"'), "jats")
    assert item["author"] == [{"family": "Li", "given": "Ming"}, {"family": "Wang", "given": "Xiao-Hong"}]
    assert item["custom"]["author-details"] == [{"name-alternatives": [{"family": "李", "given": "明"}]}, {}]
    assert item["language"] == "en"  # was "EN"


def test_history_events_and_a_second_doi_are_kept() -> None:
    # was: JATS 1.3 <event> dates (eLife's preprint) and the version DOI were silently dropped
    meta = ('<article-id pub-id-type="doi">10.7554/eLife.80123</article-id>'
            '<article-id pub-id-type="doi" specific-use="version">10.7554/eLife.80123.3</article-id>'
            '<title-group><article-title>T</article-title></title-group>'
            '<history><date date-type="received" iso-8601-date="2022-05-10"><day>10</day><month>05</month>'
            '<year>2022</year></date><event><event-desc>This manuscript was published as a preprint.</event-desc>'
            '<date date-type="preprint" iso-8601-date="2022-05-12"><day>12</day><month>05</month><year>2022</year>'
            '</date><self-uri content-type="preprint" xlink:href="https://doi.org/10.1101/2022.05.12.491234"/>'
            '</event></history>')
    item = one(jats(meta), "jats")
    assert item["DOI"] == "10.7554/eLife.80123"
    assert item["custom"]["other-ids"] == {"doi:version": "10.7554/eLife.80123.3"}
    assert item["custom"]["history"] == {"received": "2022-05-10", "preprint": "2022-05-12"}
    assert item["custom"]["tags"]["jats:history-event"] == [
        "This manuscript was published as a preprint. <https://doi.org/10.1101/2022.05.12.491234>"]


def test_nlm_2_3_copyright_and_license_outside_permissions() -> None:
    # was: kept only as jats:copyright-statement / jats:license tags, not custom.copyright / license
    meta = ('<title-group><article-title>T</article-title></title-group>'
            '<copyright-statement>Copyright © 2019 Jones and Ng.</copyright-statement><copyright-year>2019</copyright-year>'
            '<license license-type="open-access" xlink:href="http://creativecommons.org/licenses/by/4.0/">'
            '<p>This is an open-access article.</p></license>')
    item = one(jats(meta), "jats")
    assert item["custom"]["copyright"] == "Copyright © 2019 Jones and Ng."
    assert item["custom"]["license"] == "http://creativecommons.org/licenses/by/4.0/"
    assert "jats:license" not in item["custom"].get("tags", {})


def test_preprint_version_and_identifier() -> None:
    # was: article-version only as a tag; the preprint id in page ("p. 2024.01.15.575123" in APA)
    meta = ('<article-id pub-id-type="doi">10.1101/2024.01.15.575123</article-id>'
            '<article-version article-version-type="publisher-id">2</article-version>'
            '<title-group><article-title>T</article-title></title-group>'
            '<pub-date pub-type="epub"><year>2024</year><month>01</month><day>17</day></pub-date>'
            '<elocation-id>2024.01.15.575123</elocation-id>')
    journal = '<journal-title-group><journal-title>bioRxiv</journal-title></journal-title-group>'
    item = one(jats(meta, journal, 'article-type="preprint"'), "jats")
    assert item["type"] == "article" and item["version"] == "2"
    assert item["number"] == "2024.01.15.575123" and "page" not in item
    assert item["custom"]["elocation"] == "2024.01.15.575123"


def test_issue_part_compound_keywords_and_related_article_pmid() -> None:
    meta = ('<title-group><article-title>T</article-title></title-group>'
            '<volume>90</volume><issue>4</issue><issue-part>Pt 1</issue-part><fpage>S1001</fpage><lpage>S1009</lpage>'
            '<related-article related-article-type="corrected-article" ext-link-type="pubmed" xlink:href="14999999"/>'
            '<related-article related-article-type="retraction-forward" ext-link-type="doi"'
            ' xlink:href="10.1210/jc.2006-9999"/>'
            '<kwd-group><kwd>Vitamin D</kwd><compound-kwd><compound-kwd-part content-type="code">E11'
            '</compound-kwd-part><compound-kwd-part content-type="text">Diabetes</compound-kwd-part></compound-kwd>'
            '</kwd-group>')
    item = one(jats(meta), "jats")
    assert item["issue"] == "4 Pt 1"  # was "4", the part only in a tag (PubMed's Issue is "4 Pt 1")
    assert item["page"] == "S1001-S1009"
    assert item["keyword"] == "Vitamin D; E11: Diabetes"  # was "E11Diabetes"
    assert item["custom"]["comments-corrections"] == [
        {"type": "ErratumFor", "ref": "14999999", "PMID": "14999999"},
        {"type": "RetractionIn", "ref": "10.1210/jc.2006-9999"}]
    assert item["note"] == "Erratum for: PMID: 14999999\nRetraction in: 10.1210/jc.2006-9999"


SCIELO_META = """<article-id pub-id-type="publisher-id">00123</article-id>
<article-id specific-use="scielo-v3" pub-id-type="publisher-id">Abc123</article-id>
<title-group><article-title>Mortalidade por COVID-19 no Brasil</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Silva</surname><given-names>João</given-names></name>
<xref ref-type="aff" rid="aff1 aff2"><sup>I,II</sup></xref></contrib></contrib-group>
<aff id="aff1"><label>I</label><institution content-type="original">Universidade de São Paulo. Faculdade de Medicina.
São Paulo, SP, Brasil</institution><institution content-type="normalized">Universidade de São Paulo</institution>
<institution content-type="orgname">Universidade de São Paulo</institution><addr-line>
<named-content content-type="city">São Paulo</named-content></addr-line><country country="BR">Brasil</country></aff>
<aff id="aff2"><label>II</label><institution content-type="orgname">Fiocruz</institution><addr-line>
<named-content content-type="city">Rio de Janeiro</named-content><named-content content-type="state">RJ</named-content>
</addr-line><country country="BR">Brasil</country></aff>
<kwd-group xml:lang="pt"><title>DESCRITORES</title><kwd>COVID-19</kwd><kwd>Mortalidade</kwd></kwd-group>
<kwd-group xml:lang="en"><title>DESCRIPTORS</title><kwd>COVID-19</kwd><kwd>Mortality</kwd></kwd-group>"""


def test_scielo_affiliations_keywords_by_language_and_two_publisher_ids() -> None:
    item = one(jats(SCIELO_META, attrs='article-type="research-article" xml:lang="pt"'), "jats")
    # was: original + normalized + parsed parts run together ("..., Universidade de São Paulo, ...")
    # and "Rio de JaneiroRJ"
    assert item["custom"]["author-details"] == [{"affiliation": [
        "Universidade de São Paulo. Faculdade de Medicina. São Paulo, SP, Brasil", "Fiocruz, Rio de Janeiro, RJ, Brasil"]}]
    # was: "COVID-19; Mortalidade; Mortality"
    assert item["keyword"] == "COVID-19; Mortalidade"
    assert item["custom"]["tags"]["jats:kwd:en"] == ["COVID-19", "Mortality"]
    # was: the second publisher-id overwrote the first
    assert item["custom"]["other-ids"] == {"publisher-id": "00123", "publisher-id:scielo-v3": "Abc123"}


def test_keyword_groups_without_a_language_all_count() -> None:
    meta = ('<title-group><article-title>T</article-title></title-group>'
            '<kwd-group kwd-group-type="author-keywords"><kwd><italic>C. elegans</italic></kwd><kwd>α-synuclein</kwd>'
            '</kwd-group><kwd-group kwd-group-type="research-organism"><title>Research organism</title>'
            '<kwd><italic>C. elegans</italic></kwd></kwd-group>')
    item = one(jats(meta), "jats")
    assert item["keyword"] == "C. elegans; α-synuclein"
    assert "tags" not in item["custom"] or not any(k.startswith("jats:kwd") for k in item["custom"]["tags"])


# -- PubMed XML ----------------------------------------------------------------

PUBMED = """<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN"
 "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">
<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">10234567</PMID>
<Article PubModel="Print"><Journal><ISSN IssnType="Print">0022-3476</ISSN><JournalIssue CitedMedium="Print">
<Volume>133</Volume><Issue>6 Pt 2</Issue><PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue>
<Title>The Journal of pediatrics</Title><ISOAbbreviation>J Pediatr</ISOAbbreviation></Journal>
<ArticleTitle>[Treatment of otitis media in children].</ArticleTitle>
<Pagination><MedlinePgn>S12-9</MedlinePgn></Pagination>
<AuthorList CompleteYN="N"><Author ValidYN="Y"><LastName>Müller</LastName><ForeName>H-J</ForeName><Initials>HJ</Initials>
</Author><Author ValidYN="Y"><CollectiveName>Otitis Media Study Group</CollectiveName></Author></AuthorList>
<Language>ger</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>
</PublicationTypeList><VernacularTitle>Behandlung der Otitis media bei Kindern.</VernacularTitle></Article>
<MedlineJournalInfo><Country>United States</Country><MedlineTA>J Pediatr</MedlineTA><NlmUniqueID>0375410</NlmUniqueID>
</MedlineJournalInfo></MedlineCitation><PubmedData><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>
<ArticleId IdType="pubmed">10234567</ArticleId></ArticleIdList></PubmedData></PubmedArticle></PubmedArticleSet>"""


def test_pubmed_xml_incomplete_author_list_is_et_al_and_the_rest_is_right() -> None:
    item = one(PUBMED, "pubmed-xml")
    assert item["custom"]["et-al"] == ["author"]  # was: CompleteYN="N" ignored
    assert item["author"] == [{"family": "Müller", "given": "H.-J."}, {"literal": "Otitis Media Study Group"}]
    assert item["issued"] == {"date-parts": [[1998, 12], [1999, 1]]}
    assert item["title"] == "Treatment of otitis media in children" and item["custom"]["title-translated"] is True
    assert item["original-title"] == "Behandlung der Otitis media bei Kindern"
    assert item["language"] == "de" and item["issue"] == "6 Pt 2" and item["page"] == "S12-9"
    complete = one(PUBMED.replace('CompleteYN="N"', 'CompleteYN="Y"'), "pubmed-xml")
    assert "et-al" not in complete["custom"]


# -- MEDLINE -------------------------------------------------------------------

NBIB = """PMID- 11111111
STAT- MEDLINE
DP  - 2001 Jan-Feb
TI  - [Treatment of otitis media in children].
PG  - 1-10.e3
LA  - ger
TT  - Behandlung der Otitis media bei Kindern.
TA  - J Pediatr
"""


def test_medline_tt_is_the_original_title_as_pubmed_xml_vernacular_title() -> None:
    # was: custom.title-transliterated, while the same record's XML gives original-title; and the
    # writer reported original-title as dropped instead of writing TT
    item = one(NBIB, "medline")
    assert item["original-title"] == "Behandlung der Otitis media bei Kindern"
    assert "title-transliterated" not in item["custom"]
    xml_item = one(PUBMED, "pubmed-xml")
    assert "TT  - Behandlung der Otitis media bei Kindern.\n" in citeport.write([xml_item], "medline")
    assert "TT  - Behandlung der Otitis media bei Kindern.\n" in citeport.write([item], "medline")
    assert item["issued"] == {"date-parts": [[2001, 1], [2001, 2]]} and item["page"] == "1-10.e3"
    old = {"id": "x", "type": "article-journal", "title": "T", "custom": {"title-transliterated": "Titel."}}
    assert citeport.write([old], "medline").count("TT  - Titel.\n") == 1


# -- shared model --------------------------------------------------------------

def test_bcp47_case_is_normalised() -> None:
    assert [to_bcp47(v) for v in ("EN", "en-us", "zh-hans-cn", "sr-Latn-RS", "eng", "English", "Deutsch")] == \
        ["en", "en-US", "zh-Hans-CN", "sr-Latn-RS", "en", "en", "Deutsch"]
