"""Blind review 4 of the PubMed page-text reader: copy modes and record kinds the other suites have not
tried (printing to text, Word's line breaks, rules between pasted pages, partial selections, Bookshelf
pages with labelled bylines, corporate-only authors), one test per bug fixed.

Fixtures are inline and written for this file (not copied from the shared corpus).
"""
from __future__ import annotations

from pathlib import Path

import citeport
from citeport.formats import pubmed_text
from citeport.model.names import looks_like_organisation


from conftest import one_page as one, read_page as read  # noqa: E402


def sniffed(tmp_path: Path, text: str, name: str = "page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return citeport.read(path)


# -- bug 1 and 2: a page printed to text ("Save as PDF" -> text, or a text printer) ------------------
# Every sheet repeats the browser's header (date stamp, tab title "... - PubMed") and footer (address,
# sheet counter); they ran into the abstract and the MeSH list.  The print also wraps the long title,
# whose second line became a note while the byline went to the keywords.

PRINTED = """11/26/26, 1:54 AM Internet-delivered cognitive therapy for insomnia in older adults: a randomised controlled trial - PubMed
Randomized Controlled Trial
J Affect Disord. 2019 Mar 1;246:400-408. doi: 10.1016/j.jad.2018.12.050. Epub 2018 Dec 20.
Internet-delivered cognitive therapy for insomnia in older adults: a randomised
controlled trial
Helena K Marsh 1 , Tomas Ibanez 2 3 , Priya R Nair 1
Affiliations
PMID: 30611900 PMCID: PMC6501234 DOI: 10.1016/j.jad.2018.12.050
Abstract
Background: Insomnia is common in later life.
https://pubmed.ncbi.nlm.nih.gov/30611900/ 1/2
11/26/26, 1:54 AM Internet-delivered cognitive therapy for insomnia in older adults: a randomised controlled trial - PubMed
Conclusions: Online cognitive therapy is effective.
Keywords: Aged; Insomnia.
PubMed Disclaimer
Publication types
Randomized Controlled Trial
MeSH terms
Aged
Humans
https://pubmed.ncbi.nlm.nih.gov/30611900/ 2/2
\f"""


def test_printed_page_headers_and_footers_are_not_record_text():
    item = one(PRINTED)
    assert item["abstract"] == ("Background: Insomnia is common in later life.\n"
                                "Conclusions: Online cognitive therapy is effective.")
    assert item["custom"]["mesh"] == ["Aged", "Humans"]
    assert item["keyword"] == "Aged; Insomnia"
    assert "note" not in item


def test_printed_page_title_wrapped_over_two_lines():
    item = one(PRINTED)
    assert item["title"] == ("Internet-delivered cognitive therapy for insomnia in older adults: "
                             "a randomised controlled trial")
    assert item["author"] == [{"family": "Marsh", "given": "Helena K."}, {"family": "Ibanez", "given": "Tomas"},
                              {"family": "Nair", "given": "Priya R."}]
    assert (item["PMID"], item["PMCID"], item["page"]) == ("30611900", "PMC6501234", "400-408")


def test_print_furniture_lines():
    for line in ("11/26/26, 1:54 AM Some title - PubMed", "26.11.2026, 01:54 Some title - PubMed - NCBI",
                 "https://pubmed.ncbi.nlm.nih.gov/30611900/ 1/3", "pubmed.ncbi.nlm.nih.gov",
                 "www.ncbi.nlm.nih.gov/pubmed/22943560", "Page 2 of 5", "1/3", "11/26/2026, 01:54:07"):
        assert pubmed_text.P.is_print_furniture(line), line
    for line in ("Background: Insomnia is common.", "Aged", "Heart failure / physiopathology*",
                 "PMID: 30611900", "1 Department of Psychology, University of Northbridge.", "NHS reform; co-production"):
        assert not pubmed_text.P.is_print_furniture(line), line


def test_a_short_title_is_not_joined_with_a_lone_author_or_a_heading():
    page = ("Lancet. 2020 Jan 4;395(10219):1-2.\nA short title\nJohn Smith 1\nAffiliations\n1 Oxford University.\n"
            "PMID: 31000001\n")
    item = one(page)
    assert item["title"] == "A short title" and item["author"] == [{"family": "Smith", "given": "John"}]


# -- bug 3: the legacy page's "Erratum in" list above the title ---------------------------------------
# Its entries are bare citations; the one followed by the title was taken for a second page, so the
# record came out with the erratum's date and pages (and a skipped "record 1").

LEGACY_LINKS = """Send to

J Clin Oncol. 2014 Oct 1;32(28):3100-7. doi: 10.1200/JCO.2013.54.1234. Epub 2014 Aug 25.

Comment in

    Adjuvant therapy in elderly patients: more questions than answers. [J Clin Oncol. 2014]

Erratum in

    J Clin Oncol. 2015 Jan 10;33(2):220.

Adjuvant chemotherapy in patients aged 70 or older with stage III colon cancer.

Haller DG1, Tabernero J2; XELOXA Study Investigators.

Author information

Abstract

To compare adjuvant regimens in older patients.

PMID: 25154820 PMCID: PMC4171360 DOI: 10.1200/JCO.2013.54.1234
[Indexed for MEDLINE] Free PMC Article
"""


def test_legacy_erratum_in_above_the_title_is_a_link_not_a_page():
    items = read(LEGACY_LINKS)
    assert len(items) == 1 and items.skipped == 0, items.diagnostics
    item = items[0]
    assert item["issued"] == {"date-parts": [[2014, 10, 1]]}
    assert (item["volume"], item["issue"], item["page"]) == ("32", "28", "3100-7")
    assert item["author"][-1] == {"literal": "XELOXA Study Investigators"}
    assert item["custom"]["comments-corrections"] == [
        {"type": "CommentIn", "ref": "Adjuvant therapy in elderly patients: more questions than answers. "
                                     "[J Clin Oncol. 2014]"},
        {"type": "ErratumIn", "ref": "J Clin Oncol. 2015 Jan 10;33(2):220."}]


def test_two_legacy_pages_with_links_still_split():
    items = read(LEGACY_LINKS + "\n" + LEGACY_LINKS.replace("25154820", "25154821"))
    assert [it["PMID"] for it in items] == ["25154820", "25154821"] and items.skipped == 0


# -- bug 4: a selection from the title to the end of the abstract was not recognised ------------------

PARTIAL = """Internet-delivered cognitive therapy for insomnia in older adults: a randomised controlled trial
Helena K Marsh 1 , Priya R Nair 2
Affiliations
1 Sleep Research Unit, University of Northbridge, Northbridge, UK.
2 CIBERSAM, Madrid, Spain.
PMID: 30611900
DOI: 10.1016/j.jad.2018.12.050
Abstract
Background: Insomnia is common in later life.
"""


def test_selection_from_title_to_abstract_is_sniffed(tmp_path):
    items = sniffed(tmp_path, PARTIAL)
    assert items.format == "pubmed-text" and len(items) == 1
    item = items[0]
    assert item["title"].startswith("Internet-delivered") and item["DOI"] == "10.1016/j.jad.2018.12.050"
    assert item["author"] == [{"family": "Marsh", "given": "Helena K."}, {"family": "Nair", "given": "Priya R."}]
    assert any("no citation line" in d.message for d in items.diagnostics)


# -- bug 5: a corporate-only author whose name has a plural organisation word ------------------------

CORPORATE = """Practice Guideline
MMWR Recomm Rep
. 2021 Jul 23;70(4):1-187.
 doi: 10.15585/mmwr.rr7004a1.
Sexually Transmitted Infections Treatment Guidelines, 2021
Centers for Disease Control and Prevention (CDC)
PMID: 34292926
PMCID: PMC8344968
No abstract available
"""


def test_corporate_only_author_is_the_author_not_the_abstract():
    item = one(CORPORATE)
    assert item["author"] == [{"literal": "Centers for Disease Control and Prevention (CDC)"}]
    assert "abstract" not in item


def test_plural_organisation_words():
    for name in ("Centers for Disease Control and Prevention", "Royal College of Physicians",
                 "Centers for Medicare & Medicaid Services", "Nordic Societies of Pathology", "WHO Groups"):
        assert looks_like_organisation(name), name
    for name in ("Smith", "Jane Smith", "Centeno"):
        assert not looks_like_organisation(name), name


# -- bug 6: a group author on its own line, the people after it on a line starting with a comma -------

def test_group_author_then_comma_line():
    page = ("Nature\n. 2021 Jul;595(7865):107-113.\n doi: 10.1038/s41586-021-03547-7.\n"
            "A global catalogue of outcomes\nCOVID-19 Host Genetics Initiative\n"
            ", Mari E K Niemi 1 , Juha Karjalainen 2 , et al.\nShow all 3412 authors\nPMID: 33888907\n")
    items = read(page)
    item = items[0]
    assert item["author"] == [{"literal": "COVID-19 Host Genetics Initiative"},
                              {"family": "Niemi", "given": "Mari E. K."}, {"family": "Karjalainen", "given": "Juha"}]
    assert "note" not in item
    assert any("3 of 3412 authors" in d.message for d in items.diagnostics)


# -- bug 7: a typed rule between pasted pages ran into the previous page's abstract --------------------

def test_rule_between_pasted_pages():
    page1 = ("Lancet. 2020 Feb 15;395(10223):497-506.\nClinical features of patients in Wuhan\n"
             "Chaolin Huang 1 , Yeming Wang 2\nAffiliations\nPMID: 31986264\nAbstract\nA cluster of cases.\n")
    page2 = ("N Engl J Med\n. 2020 Jan 24.\n doi: 10.1056/NEJMoa2001017. Online ahead of print.\n"
             "A novel coronavirus from patients with pneumonia\nNa Zhu 1 , Dingyu Zhang 2\nAffiliations\n"
             "PMID: 31978945\nAbstract\nPatients with pneumonia.\n")
    for rule in ("=" * 40, "*****", "_" * 30, "\u2014" * 10, "- - - - -"):
        items = read(page1 + rule + "\n" + page2 + rule + "\n")
        assert [it["abstract"] for it in items] == ["A cluster of cases.", "Patients with pneumonia."], rule
        assert items[1]["issued"] == {"date-parts": [[2020, 1, 24]]}
        assert items[1]["custom"]["publication-status"] == "aheadofprint"


# -- bug 8 and 9: a Bookshelf page without "In:" was not sniffed; its "Authors" / "Editors" headings ----
# put the byline into the note and the editors nowhere.

GENEREVIEWS = """GeneReviews\u00ae [Internet]. Seattle (WA): University of Washington, Seattle; 1993\u20132025.
2001 Mar 26 [updated 2017 Jul 20].
Cystic Fibrosis
Authors
Karen S Raraigh 1 , Garry R Cutting 1
Editors
Margaret P Adam 2 , Jerry Feldman 2
Affiliations
1 Johns Hopkins University
2 University of Washington
Bookshelf ID: NBK1250 PMID: 20301428
Excerpt
Cystic fibrosis affects the lungs.
"""


def test_bookshelf_page_is_sniffed(tmp_path):
    assert pubmed_text.sniff(GENEREVIEWS) >= 0.8
    items = sniffed(tmp_path, GENEREVIEWS)
    assert items.format == "pubmed-text" and len(items) == 1


def test_bookshelf_labelled_authors_and_editors():
    item = one(GENEREVIEWS)
    assert item["type"] == "chapter" and item["title"] == "Cystic Fibrosis"
    assert item["container-title"] == "GeneReviews\u00ae"
    assert item["author"] == [{"family": "Raraigh", "given": "Karen S."}, {"family": "Cutting", "given": "Garry R."}]
    assert item["editor"] == [{"family": "Adam", "given": "Margaret P."}, {"family": "Feldman", "given": "Jerry"}]
    assert item["custom"]["other-ids"] == {"bookaccession": "NBK1250"}
    assert item["abstract"] == "Cystic fibrosis affects the lungs."
    assert "note" not in item


def test_editors_heading_on_a_journal_page_is_kept_in_the_note():
    page = ("Lancet. 2020 Jan 4;395(10219):1-2.\nA title of this article\nJohn Smith 1\nEditors\nJane Roe\n"
            "Affiliations\n1 Oxford University.\nPMID: 31000001\n")
    item = one(page)
    assert item["note"] == "Editors: Jane Roe" and "editor" not in item


# -- bug 10: "No authors listed" copied without its brackets became an author -------------------------

def test_no_authors_listed_without_brackets():
    page = ("Published Erratum\nJ Biol Chem\n. 2018 Jun 1;293(22):8700.\n doi: 10.1074/jbc.AAC118.003888.\n"
            "Correction: Tumor suppressor p53 regulates glucose metabolism\nNo authors listed\nPMID: 29858263\n"
            "No abstract available\n")
    items = read(page)
    assert "author" not in items[0]
    assert any("no author" in d.message for d in items.diagnostics)


# -- bug 11: a byline wrapped mid-list (Word "Save as text" with line breaks, CRLF, tabs) ---------------

WORD_WRAPPED = ("Eur Heart J. 2019 Jan 7;40(2):87-165. doi: 10.1093/eurheartj/ehy394.\r\n\r\n"
                "2018 ESC/EACTS Guidelines on myocardial revascularization: the Task Force on\r\n"
                "myocardial revascularization of the European Society of Cardiology (ESC).\r\n\r\n"
                "Neumann FJ1, Sousa-Uva M2, Banning AP1, Benedetto\r\nU2, Byrne RA1; ESC Scientific Document Group.\r\n\r\n"
                "Author information\r\n\r\n\t1\tUniversit\u00e4ts-Herzzentrum Freiburg, Bad Krozingen, Germany.\r\n"
                "\t2\tHospital Santa Cruz, Carnaxide, Portugal.\r\n\r\n"
                "PMID:\t30165437\tDOI:\t10.1093/eurheartj/ehy394\r\n[Indexed for MEDLINE]\r\n")


def test_word_wrapped_legacy_byline_and_title():
    item = one(WORD_WRAPPED)
    assert item["title"] == ("2018 ESC/EACTS Guidelines on myocardial revascularization: the Task Force on "
                             "myocardial revascularization of the European Society of Cardiology (ESC)")
    assert item["author"] == [
        {"family": "Neumann", "given": "F. J."}, {"family": "Sousa-Uva", "given": "M."},
        {"family": "Banning", "given": "A. P."}, {"family": "Benedetto", "given": "U."},
        {"family": "Byrne", "given": "R. A."}, {"literal": "ESC Scientific Document Group"}]
    details = item["custom"]["author-details"]
    assert details[3] == {"affiliation": ["Hospital Santa Cruz, Carnaxide, Portugal."]}
    assert "abstract" not in item


def test_current_byline_wrapped_without_comma():
    page = ("Lancet. 2020 Jan 4;395(10219):1-2.\nA title of this article\nHelena K Marsh 1 , Priya R\nNair 2\n"
            "Affiliations\n1 Oxford.\n2 Leeds.\nPMID: 31000001\n")
    assert one(page)["author"] == [{"family": "Marsh", "given": "Helena K."}, {"family": "Nair", "given": "Priya R."}]


def test_legacy_byline_then_affiliation_line_is_not_joined():
    page = ("Lancet. 2020 Jan 4;395(10219):1-2.\n\nA title of this article.\n\nSmith J1, Roe K2\n"
            "1Department of Surgery, University of Oxford, Oxford, UK.\n\nPMID: 31000001\n")
    item = one(page)
    assert item["author"] == [{"family": "Smith", "given": "J."}, {"family": "Roe", "given": "K."}]


# -- bug 12: Word's list markers saved as text ("o<TAB>" second level, the Symbol-font bullet U+F0B7) -----

def test_word_list_markers_are_not_part_of_the_terms():
    page = ("Lancet. 2020 Jan 4;395(10219):1-2.\r\n\r\nA title of this article.\r\n\r\nSmith J1, Roe K2.\r\n\r\n"
            "Author information\r\n\r\n\u00b7\t1Department of Surgery, University of Oxford, Oxford, UK.\r\n"
            "\u00b7\t2University of Leeds, Leeds, UK.\r\n\r\nPMID: 31000001\r\n\r\nPublication types\r\n\r\n"
            "o\tJournal Article\r\n\r\nMeSH terms\r\n\r\no\tHumans\r\n\u00a7\tAged\r\n\r\nSubstances\r\n\r\n"
            "\uf0b7\tVitamin D\r\n\uf0b7 Calcium\r\n")
    item = one(page)
    assert item["custom"]["publication-types"] == ["Journal Article"]
    assert item["custom"]["mesh"] == ["Humans", "Aged"]
    assert item["custom"]["substances"] == ["Vitamin D", "Calcium"]
    assert item["custom"]["author-details"] == [{"affiliation": ["Department of Surgery, University of Oxford, Oxford, UK."]},
                                                {"affiliation": ["University of Leeds, Leeds, UK."]}]


def test_a_word_starting_with_o_and_a_tab_inside_a_line_is_kept():
    assert pubmed_text.P.clean_line("Outcomes\tof care") == "Outcomes of care"
    assert pubmed_text.P.clean_line("o\tHumans") == "Humans"
