"""Blind review 3 of the PubMed readers: records the other suites have not seen, one test per bug fixed.

Fixtures are written for this file (small, realistic; not copied from the shared corpus).
"""
from __future__ import annotations

from pathlib import Path

import citeport
from citeport.formats import medline, pubmed_text

DATA = Path(__file__).parent / "data" / "pubmed_text_blind3"

#: One translated record as MEDLINE writes it: a bracketed title, a publisher's abstract in Spanish.
NBIB_TRANSLATED = """PMID- 30000001
STAT- MEDLINE
DP  - 2018 Nov 10
TI  - [Efficacy of a vaccine against influenza in older adults: a randomised
      trial].
PG  - 1789-1798
AB  - BACKGROUND: Influenza is bad. FINDINGS: Vaccine worked.
FAU - van der Berg, Jan-Willem
AU  - van der Berg JW
LA  - spa
PT  - Journal Article
TA  - Lancet
JT  - Lancet (London, England)
OAB - Publisher: Antecedentes: La gripe es mala.
OABL- spa
ECI - Lancet. 2019 Jan 5;393(10166):28. PMID: 30600001
RRI - Lancet. 2019 Feb 1;393(10167):30. PMID: 30600002
"""

XML_TRANSLATED = """<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle>
<MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">30000001</PMID>
<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Internet"><PubDate><Year>2018</Year><Month>Nov</Month>
<Day>10</Day></PubDate></JournalIssue><Title>Lancet (London, England)</Title></Journal>
<ArticleTitle>[Efficacy of a vaccine against influenza in older adults: a randomised trial].</ArticleTitle>
<Pagination><MedlinePgn>1789-1798</MedlinePgn></Pagination>
<Abstract><AbstractText Label="BACKGROUND">Influenza is bad.</AbstractText>
<AbstractText Label="FINDINGS">Vaccine worked.</AbstractText></Abstract>
<AuthorList><Author><LastName>van der Berg</LastName><ForeName>Jan-Willem</ForeName></Author></AuthorList>
<Language>spa</Language><PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList>
</Article>
<MedlineJournalInfo><MedlineTA>Lancet</MedlineTA></MedlineJournalInfo>
<CommentsCorrectionsList>
<CommentsCorrections RefType="ExpressionOfConcernIn"><RefSource>Lancet. 2019 Jan 5;393(10166):28</RefSource>
<PMID Version="1">30600001</PMID></CommentsCorrections>
<CommentsCorrections RefType="RetractedandRepublishedIn"><RefSource>Lancet. 2019 Feb 1;393(10167):30</RefSource>
<PMID Version="1">30600002</PMID></CommentsCorrections>
<CommentsCorrections RefType="Cites"><RefSource>Nature. 2000;1:1</RefSource><PMID Version="1">10000000</PMID>
</CommentsCorrections>
</CommentsCorrectionsList>
<OtherAbstract Type="Publisher" Language="spa"><AbstractText>Antecedentes: La gripe es mala.</AbstractText></OtherAbstract>
</MedlineCitation></PubmedArticle></PubmedArticleSet>
"""


def one(text: str, fmt: str) -> dict:
    items = citeport.read(text, fmt)
    assert len(items) == 1, items.diagnostics
    return items[0]


# -- bug 1: a bracketed (translated) title was marked only by the page-text reader ------------------

def test_translated_title_is_marked_in_medline_and_xml_as_in_page_text():
    for item in (one(NBIB_TRANSLATED, "medline"), one(XML_TRANSLATED, "pubmed-xml")):
        assert item["title"] == "Efficacy of a vaccine against influenza in older adults: a randomised trial"
        assert item["custom"]["title-translated"] is True
        assert item["language"] == "es"


def test_translated_title_written_back_in_brackets():
    out = citeport.write([one(NBIB_TRANSLATED, "medline")], "medline")
    assert "TI  - [Efficacy of a vaccine against influenza in older adults: a randomised\n      trial].\n" in out


# -- bug 2: OAB / OtherAbstract were left in custom.tags, not custom.other-abstract ---------------

def test_other_abstract_from_medline_and_xml():
    nbib, xml = one(NBIB_TRANSLATED, "medline"), one(XML_TRANSLATED, "pubmed-xml")
    assert nbib["custom"]["other-abstract"] == ["Antecedentes: La gripe es mala."]
    assert xml["custom"]["other-abstract"] == ["Antecedentes: La gripe es mala."]
    assert "medline:OAB" not in nbib["custom"].get("tags", {})
    assert xml["custom"]["tags"]["pubmed-xml:OtherAbstractLanguage"] == ["spa"]
    out = citeport.write([nbib], "medline")
    assert "OAB - Publisher: Antecedentes: La gripe es mala.\nOABL- spa\n" in out


def test_other_abstract_of_another_type_keeps_its_type():
    xml = XML_TRANSLATED.replace('Type="Publisher"', 'Type="KIE"')
    item = one(xml, "pubmed-xml")
    assert item["custom"]["other-abstract"] == ["KIE: Antecedentes: La gripe es mala."]
    assert "OAB - KIE: Antecedentes: La gripe es mala." in citeport.write([item], "medline")


# -- bug 3: ECI/ECF, RRI/RRF (and their RefTypes) were not links; "Cites" flooded the note ----------

def test_expression_of_concern_and_retracted_republished_links():
    expected = [{"type": "ExpressionOfConcernIn", "ref": "Lancet. 2019 Jan 5;393(10166):28", "PMID": "30600001"},
                {"type": "RetractedandRepublishedIn", "ref": "Lancet. 2019 Feb 1;393(10167):30", "PMID": "30600002"}]
    nbib = one(NBIB_TRANSLATED, "medline")
    assert [{**c, "ref": c["ref"].rstrip(".")} for c in nbib["custom"]["comments-corrections"]] == expected
    assert "medline:ECI" not in nbib["custom"].get("tags", {})
    xml = one(XML_TRANSLATED, "pubmed-xml")
    assert xml["custom"]["comments-corrections"][:2] == expected
    assert xml["custom"]["comments-corrections"][2]["type"] == "Cites"  # kept as data ...
    assert xml["note"] == ("Expression of concern in: Lancet. 2019 Jan 5;393(10166):28 PMID: 30600001\n"
                           "Retracted and republished in: Lancet. 2019 Feb 1;393(10167):30 PMID: 30600002")
    out = citeport.write([xml], "medline")  # ... and written with NLM's tags
    assert "ECI - Lancet. 2019 Jan 5;393(10166):28 PMID: 30600001" in out
    assert "RRI - Lancet. 2019 Feb 1;393(10167):30 PMID: 30600002" in out


# -- bug 4: a Bookshelf accession in LID and AID came back as two AID lines, the LID lost --------------

BOOK_NBIB = """PMID- 20301295
STAT- Publisher
PB  - University of Washington, Seattle
DP  - 1993
CTI - GeneReviews(R)
BTI - GeneReviews((R))
TI  - Alpha-1 Antitrypsin Deficiency.
LID - NBK1519 [bookaccession]
FAU - Stoller, James K
AU  - Stoller JK
PT  - Review
PT  - Book Chapter
PL  - Seattle (WA)
AID - NBK1519 [bookaccession]
"""


def test_bookshelf_accession_round_trips_once():
    item = one(BOOK_NBIB, "medline")
    assert item["custom"]["other-ids"] == {"bookaccession": "NBK1519"}
    out = citeport.write([item], "medline")
    assert out.count("LID - NBK1519 [bookaccession]") == 1
    assert out.count("AID - NBK1519 [bookaccession]") == 1


# -- bug 5: MEDLINE's '((R))' made the book title differ from the page's and the XML's '®' -----------

def test_registered_sign_in_book_titles():
    item = one(BOOK_NBIB, "medline")
    assert item["type"] == "chapter"
    assert item["container-title"] == "GeneReviews®"
    assert item["collection-title"] == "GeneReviews®"


# -- bug 6: nested Bookshelf sections were dropped (XML) or went to the note (page text) ----------------

def test_nested_sections_kept_from_xml():
    xml = """<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID>29083672</PMID>
<Book><BookTitle book="statpearls">StatPearls</BookTitle><PubDate><Year>2025</Year><Month>01</Month></PubDate></Book>
<ArticleTitle>Anatomy, Head and Neck, Ear</ArticleTitle>
<Sections><Section><SectionTitle>Introduction</SectionTitle></Section>
<Section><SectionTitle>Structure</SectionTitle><Section><SectionTitle>Inner Ear</SectionTitle></Section></Section>
</Sections></BookDocument></PubmedBookArticle></PubmedArticleSet>"""
    item = one(xml, "pubmed-xml")
    assert item["custom"]["tags"]["pubmed-xml:Sections"] == ["Introduction", "Structure", "Inner Ear"]


def test_bookshelf_page_sections_are_tags_not_note():
    page = """Review
In: StatPearls [Internet]. Treasure Island (FL): StatPearls Publishing; 2025 Jan–.
2023 Jul 24.
Anatomy, Head and Neck, Ear
Kyung-Hee Lee 1 , Ann Abraham 2
Affiliations
1 University of Iowa
2 Mayo Clinic
Bookshelf ID: NBK470359
PMID: 29083672
Excerpt
The ear is a sensory organ. It has three parts.
Copyright © 2025, StatPearls Publishing LLC.
PubMed Disclaimer
Sections
Introduction
Structure and Function
Embryology
Publication types
Study Guide
"""
    item = one(page, "pubmed-text")
    assert item["custom"]["tags"]["pubmed-text:Sections"] == ["Introduction", "Structure and Function", "Embryology"]
    assert "note" not in item
    assert item["custom"]["publication-types"] == ["Review", "Study Guide"]


# -- bug 7: the "Summary (text)" export and the page's "Cite" (NLM) line were not read at all --------

def test_summary_export_is_sniffed_and_read():
    path = DATA / "summary-export.txt"
    assert pubmed_text.sniff(path.read_text(encoding="utf-8")) >= 0.8
    assert medline.sniff(path.read_text(encoding="utf-8")) == 0
    items = citeport.read(path)
    assert items.format == "pubmed-text"
    assert [i.get("PMID") for i in items] == ["22943560", "32624425", "30000002", "1968537", "28846348"]
    owens, spanish, etal, anonymous, chapter = items
    # a wrapped legacy record: "Epub 2012 Sep" / "4. Review. PubMed PMID: ..." is one record
    assert owens["title"] == "Creating an impersonal NHS? Personalization, choice and the erosion of intimacy"
    assert owens["author"] == [{"family": "Owens", "given": "J."}]
    assert owens["available-date"] == {"date-parts": [[2012, 9, 4]]}
    assert owens["PMCID"] == "PMC5060820"
    assert owens["custom"]["publication-types"] == ["Review"]
    assert "language" not in owens
    assert spanish["title"] == "Effect of sacubitril/valsartan in heart failure: a Spanish registry"
    assert spanish["custom"]["title-translated"] is True
    assert spanish["language"] == "en" and spanish["note"] == "[Article in English, Spanish]"
    assert spanish["author"][-1] == {"literal": "REDINSCOR II Investigators"}
    assert spanish["author"][0] == {"family": "García-Pinilla", "given": "J. M."}
    assert (spanish["volume"], spanish["issue"], spanish["page"]) == ("74", "3", "234-241")
    assert [a["family"] for a in etal["author"]] == ["Smith", "Jones", "Brown"]
    assert any(d.code == "truncated" for d in items.diagnostics)
    assert "author" not in anonymous and anonymous["title"] == "Vitamin D and health"
    assert chapter["type"] == "chapter" and chapter["title"] == "Iron Deficiency Anemia"
    assert chapter["container-title"] == "StatPearls"
    assert chapter["custom"]["tags"]["pubmed-text:ContributionDate"] == ["2023-08-08"]


def test_cite_line_from_the_page():
    line = ("Marsh HK, Ibáñez T, Nair PR; Insomnia Online Collaborative Group. Internet-delivered cognitive therapy "
            "for insomnia in older adults: a randomised controlled trial. J Affect Disord. 2019 Mar 1;246:400-408. "
            "doi: 10.1016/j.jad.2018.12.050. Epub 2018 Dec 20. PMID: 30611900; PMCID: PMC6501234.\n")
    item = one(line, "pubmed-text")
    assert item["title"] == ("Internet-delivered cognitive therapy for insomnia in older adults: "
                             "a randomised controlled trial")
    assert item["author"] == [{"family": "Marsh", "given": "H. K."}, {"family": "Ibáñez", "given": "T."},
                              {"family": "Nair", "given": "P. R."}, {"literal": "Insomnia Online Collaborative Group"}]
    assert item["container-title"] == "J Affect Disord"
    assert item["issued"] == {"date-parts": [[2019, 3, 1]]}
    assert item["available-date"] == {"date-parts": [[2018, 12, 20]]}
    assert (item["volume"], item["page"], item["DOI"]) == ("246", "400-408", "10.1016/j.jad.2018.12.050")
    assert (item["PMID"], item["PMCID"]) == ("30611900", "PMC6501234")


def test_bookshelf_cite_line_with_link():
    line = ("Warner KM, Kamath R. Iron Deficiency Anemia. 2023 Aug 8. In: StatPearls [Internet]. Treasure Island "
            "(FL): StatPearls Publishing; 2025 Jan-. Available from: https://www.ncbi.nlm.nih.gov/books/NBK448065/\n")
    item = one(line, "pubmed-text")
    assert item["type"] == "chapter" and item["title"] == "Iron Deficiency Anemia"
    assert item["custom"]["other-ids"] == {"bookaccession": "NBK448065"}
    assert (item["publisher"], item["publisher-place"]) == ("StatPearls Publishing", "Treasure Island (FL)")


def test_summary_reader_leaves_other_text_alone():
    bib = "@article{a,\n  note = {PMID: 31937531. Ann Fam Med. 2020 Jan-Feb;18(1):34-42.}\n}\n"
    assert pubmed_text.sniff(bib) < 0.2
    prose = "We went home. It was late. Lancet. 2018;392:1-2.\n"
    items = citeport.read("1: Smith J. A title. Lancet. 2018;392:1-2. PMID: 1.\n\n" + prose, "pubmed-text")
    assert [i["title"] for i in items] == ["A title"]
