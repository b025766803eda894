"""PubMed's CSV export (``pubmed-csv``): the current "Save -> CSV" layout, the legacy "Send to: File, CSV"
layout, Excel's re-save of them, bad rows, sniffing, and the legacy corpus file cross-checked against the
"Abstract (text)" export of the same search."""
from __future__ import annotations

import json

import pytest

import citeport
from citeport.api import detect
from citeport.formats import pubmed_csv
from citeport.model.diagnostics import Context
from conftest import run_cli, shared_path

HEADER = "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"
ROW_ARTICLE = ('"31000001","Retinal vein occlusion outcomes after anti-VEGF therapy: a cohort study.",'
               '"Okafor CN, van der Berg JH, Li X.","Ophthalmol Retina. 2019 Nov;3(11):950-958. '
               'doi: 10.1016/j.oret.2019.06.004. Epub 2019 Jun 20.","Okafor CN","Ophthalmology. Retina","2019",'
               '"2019/07/02","PMC6800001","NIHMS1540001","10.1016/j.oret.2019.06.004"\n')
ROW_TRANSLATED = ('"31000002","[Treatment of macular edema in diabetic patients].",'
                  '"Müller K, Schmidt A; Deutsche Retina Studiengruppe.","Ophthalmologe. 2020 Feb;117(2):120-127. '
                  'doi: 10.1007/s00347-019-00001-x. German.","Müller K","Der Ophthalmologe","2020","2019/12/05",'
                  '"","",""\n')
ROW_GROUP = ('"31000003","Global burden of visual impairment.","GBD 2019 Vision Impairment Collaborators.",'
             '"Lancet Glob Health. 2021 Feb;9(2):e144-e160. doi: 10.1016/S2214-109X(20)30489-7. Epub 2020 Dec 1.",'
             '"GBD 2019 Vision Impairment Collaborators","The Lancet. Global health","2021","2020/12/05",'
             '"PMC7820391","",""\n')
ROW_AHEAD = ('"31000004","Choroidal thickness in myopia.","Tanaka H, Sato Y.","Eye (Lond). 2024 Apr 4. '
             'doi: 10.1038/s41433-024-00001-1. Online ahead of print.","Tanaka H","Eye (London, England)","2024",'
             '"2024/04/05","","","10.1038/s41433-024-00001-1"\n')
ROW_CHAPTER = ('"31000005","Diabetic Retinopathy.","Shukla UV, Tripathy K.","2023 Aug 25. In: StatPearls [Internet]. '
               'Treasure Island (FL): StatPearls Publishing; 2024 Jan-.","Shukla UV","StatPearls","","2020/06/18",'
               '"","",""\n')
CURRENT = HEADER + ROW_ARTICLE + ROW_TRANSLATED + ROW_GROUP + ROW_AHEAD + ROW_CHAPTER

LEGACY = (
    "Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,Properties\n"
    '"[Choroidal neovascularization in pathologic myopia].","/pubmed/26000001","Sato K, Ito M.",'
    '"Nippon Ganka Gakkai Zasshi. 2015 Mar;119(3):201-9. Review. Japanese. ","Nippon Ganka Gakkai Zasshi.  2015",'
    '"PubMed","citation","PMID:26000001","pubmed","26000001","create date:2015/04/01 | first author:Sato K",\n'
    '"Macular hole surgery: long-term results.","/pubmed/26000002","Brown AB, Nguyen T, et al.",'
    '"Retina. 2015 Jan;35(1):10-8. doi: 10.1097/IAE.0000000000000001. Epub 2014 Dec 2.","Retina.  2015",'
    '"PubMed","citation","PMID:26000002 | PMCID:PMC4300002 | NIHMSID:NIHMS650002","pubmed","26000002",'
    '"create date:2014/12/03 | first author:Brown AB",\n'
)


def read(text: str | bytes, **kw) -> tuple[list[dict], Context]:
    ctx = Context(source="x.csv")
    items = list(citeport.iter_read(text, "pubmed-csv", ctx=ctx, **kw))
    return items, ctx


# -- current layout ---------------------------------------------------------------------------------------

def test_current_article_all_columns():
    items, ctx = read(HEADER + ROW_ARTICLE)
    assert items == [{
        "id": "pmid:31000001", "type": "article-journal",
        "title": "Retinal vein occlusion outcomes after anti-VEGF therapy: a cohort study",
        "author": [{"family": "Okafor", "given": "C. N."},
                   {"family": "Berg", "given": "J. H.", "non-dropping-particle": "van der"},
                   {"family": "Li", "given": "X."}],
        "container-title": "Ophthalmology. Retina", "container-title-short": "Ophthalmol Retina",
        "issued": {"date-parts": [[2019, 11]]}, "available-date": {"date-parts": [[2019, 6, 20]]},
        "volume": "3", "issue": "11", "page": "950-958", "DOI": "10.1016/j.oret.2019.06.004",
        "PMID": "31000001", "PMCID": "PMC6800001",
        "custom": {"mid": "NIHMS1540001", "history": {"entrez": "2019-07-02"}},
    }]
    assert not ctx.diagnostics


def test_current_translated_title_language_and_group_author():
    (de, gbd), _ = read(HEADER + ROW_TRANSLATED + ROW_GROUP)
    assert de["title"] == "Treatment of macular edema in diabetic patients"
    assert de["custom"]["title-translated"] is True
    assert de["language"] == "de"
    assert de["author"][-1] == {"literal": "Deutsche Retina Studiengruppe"}
    assert [a.get("family") for a in de["author"][:2]] == ["Müller", "Schmidt"]
    assert gbd["author"] == [{"literal": "GBD 2019 Vision Impairment Collaborators"}]
    assert (gbd["page"], gbd["PMCID"], gbd["DOI"]) == ("e144-e160", "PMC7820391", "10.1016/S2214-109X(20)30489-7")
    assert "tags" not in gbd["custom"]  # "First Author" repeats the author: nothing to keep


def test_current_ahead_of_print_and_bookshelf_chapter():
    (ahead, chapter), _ = read(HEADER + ROW_AHEAD + ROW_CHAPTER)
    assert ahead["custom"]["publication-status"] == "aheadofprint"
    assert ahead["issued"] == {"date-parts": [[2024, 4, 4]]}
    assert "volume" not in ahead and ahead["container-title-short"] == "Eye (Lond)"
    assert chapter["type"] == "chapter"
    assert (chapter["container-title"], chapter["publisher"], chapter["publisher-place"]) == (
        "StatPearls", "StatPearls Publishing", "Treasure Island (FL)")
    assert chapter["issued"] == {"date-parts": [[2024, 1]]}
    assert chapter["custom"]["tags"]["pubmed-text:ContributionDate"] == ["2023-08-25"]  # as pubmed-text keeps it


def test_excel_resave_semicolon_bom_crlf_day_first_dates():
    """Excel in a European locale: BOM, ';', CRLF, unquoted cells, the create date re-typed day first."""
    text = ("\ufeff" + HEADER.replace(",", ";").replace("\n", "\r\n") +
            '31000001;Retinal vein occlusion outcomes.;Okafor CN, Li X.;"Ophthalmol Retina. 2019 Nov;3(11):950-958.";'
            "Okafor CN;Ophthalmology. Retina;2019;02.07.2019;;;\r\n"
            '31000006;Vision screening, a review.;Lee J.;"Pediatrics. 2018 Mar;141(3):e20173850.";Lee J;Pediatrics;'
            "2018;05/03/2018;;;\r\n")
    (a, b), ctx = read(text.encode("utf-8"))
    assert a["custom"]["history"] == {"entrez": "2019-07-02"}
    assert b["custom"]["history"] == {"entrez": "2018-03-05"}  # ';' locale: day first
    assert (a["volume"], a["issue"], a["page"]) == ("3", "11", "950-958")
    assert b["title"] == "Vision screening, a review"
    assert detect(text.encode("utf-8")).name == "pubmed-csv"
    # a comma locale's Excel writes month first; a day over 12 settles it either way
    assert pubmed_csv._iso_day("7/2/2019", day_first=False) == "2019-07-02"
    assert pubmed_csv._iso_day("25/12/2019", day_first=False) == "2019-12-25"


def test_columns_reordered_missing_and_unknown():
    text = ('Title,Citation,Authors,Notes\n'
            '"Macular hole surgery.","Retina. 2015 Jan;35(1):10-8.","Brown AB.","screened: include"\n')
    [item], ctx = read(text)
    assert detect(text).name == "pubmed-csv"
    assert (item["title"], item["container-title"], item["page"]) == ("Macular hole surgery", "Retina", "10-8")
    assert item["custom"]["tags"] == {"pubmed-csv:Notes": ["screened: include"]}  # a reviewer's column kept
    assert "PMID" not in item


def test_only_first_author_is_a_cut_list():
    text = ("PMID,Title,First Author,Citation\n"
            '"1","A title.","Smith JA","BMJ. 2020 Jan 2;368:m1.",\n')
    [item], ctx = read(text)
    assert item["author"] == [{"family": "Smith", "given": "J. A."}]
    assert [d.code for d in ctx.diagnostics] == ["truncated"]


def test_citation_not_understood_is_kept_and_reported():
    text = HEADER + '"7","A title.","Smith J.","See the journal website","Smith J","J Foo","2001","","","",""\n'
    [item], ctx = read(text)
    assert item["note"] == "See the journal website"
    assert item["container-title"] == "J Foo" and item["issued"] == {"date-parts": [[2001]]}
    # the columns filled what the citation did not give: no "no citation line" warning for them
    assert [(d.code, d.line, d.record) for d in ctx.diagnostics] == [("guessed", 2, "row 1 (PMID 7)")]


# -- errors --------------------------------------------------------------------------------------------

def test_bad_rows_named_by_row_and_line_good_rows_kept():
    text = (HEADER
            + ROW_ARTICLE.replace("a cohort study.", "a cohort study\nover two lines.")  # lines 2-3
            + '"9","Unquoted, comma","Smith J.","BMJ. 2020;1:1.","Smith J","BMJ","2020","","","","","x",extra\n'  # 4
            + '"8","","Smith J.","BMJ. 2020;1:1.","Smith J","BMJ","2020","","","",""\n'  # 5: no title
            + ROW_GROUP)  # line 6
    items, ctx = read(text)
    assert [i["PMID"] for i in items] == ["31000001", "31000003"]
    errors = [(d.record, d.line, d.code) for d in ctx.diagnostics if d.level == "error"]
    assert errors == [("row 2", 4, "skipped"), ("row 3", 5, "skipped")]
    assert "13 fields, the header has 11" in str(ctx.diagnostics[0])
    assert str(ctx.diagnostics[0]).startswith("x.csv:4: row 2: error:")
    assert ctx.skipped == 2


def test_cli_reports_bad_row_without_traceback(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(HEADER + '"8","","Smith J.","BMJ. 2020;1:1.","","","","","","",""\n' + ROW_ARTICLE, "utf-8")
    proc = run_cli("convert", str(path), "-t", "ris")
    assert "Traceback" not in proc.stderr_text
    assert f"{path}:2: row 1: error: no title" in proc.stderr_text
    assert "AN  - 31000001" in proc.stdout_text or "PMID: 31000001" in proc.stdout_text
    assert "TI  - Retinal vein occlusion outcomes after anti-VEGF therapy: a cohort study" in proc.stdout_text


def test_not_a_pubmed_csv_with_format_named():
    items, ctx = read("Authors,Title,Year,Source title,DOI\nSmith J.,A title,2020,BMJ,10.1/x\n")
    assert items == [] and ctx.skipped == 1 and "no PubMed CSV header" in ctx.diagnostics[0].message


# -- sniffing --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("head, expected", [
    (CURRENT, "pubmed-csv"),
    (LEGACY, "pubmed-csv"),
    ("\ufeff" + CURRENT.replace("\n", "\r\n"), "pubmed-csv"),
    ("sep=;\n" + CURRENT.replace(",", ";"), "pubmed-csv"),
    ("PMID- 12345\nTI  - A title.\nSO  - BMJ. 2020;1:1.\n", "medline"),
    ("TY  - JOUR\nTI  - Title,URL,Description\nER  - \n", "ris"),
    ('[{"id": "a", "type": "book", "title": "PMID,Title,Authors,Citation"}]', "csl-json"),
])
def test_sniff_does_not_steal(head, expected):
    assert detect(head).name == expected


def test_sniff_refuses_other_tables():
    for head in ("Authors,Title,Year,Source title,DOI,PubMed ID\n",  # Scopus
                 "id,name,price\n1,a,2\n",
                 "Title,Description,Details\nx,y,z\n",  # too generic without a PMID column
                 '"PMID","Title","Authors","Journal","Year"\n'):  # a table made by hand: no column only PubMed writes
        assert pubmed_csv.sniff(head) == 0.0


def test_hand_made_table_read_when_named():
    """Not sniffed (``explain`` calls it a table of fields), but ``--from pubmed-csv`` reads it."""
    [item], ctx = read('"PMID","Title","Authors","Journal","Year"\n'
                       '"31535829","Dapagliflozin in heart failure","McMurray JJV, Solomon SD","N Engl J Med","2019"\n')
    assert (item["PMID"], item["container-title"], item["issued"]) == ("31535829", "N Engl J Med",
                                                                       {"date-parts": [[2019]]})
    assert item["author"][0] == {"family": "McMurray", "given": "J. J. V."}


# -- the legacy layout and the corpus file -------------------------------------------------------------------

def test_legacy_inline():
    (jp, cut), ctx = read(LEGACY)
    assert jp == {
        "id": "pmid:26000001", "type": "article-journal",
        "title": "Choroidal neovascularization in pathologic myopia",
        "author": [{"family": "Sato", "given": "K."}, {"family": "Ito", "given": "M."}],
        "container-title": "Nippon Ganka Gakkai Zasshi", "container-title-short": "Nippon Ganka Gakkai Zasshi",
        "issued": {"date-parts": [[2015, 3]]}, "volume": "119", "issue": "3", "page": "201-9",
        "PMID": "26000001", "language": "ja",
        "custom": {"publication-types": ["Review"], "title-translated": True, "history": {"entrez": "2015-04-01"}},
    }
    assert (cut["PMCID"], cut["custom"]["mid"], cut["available-date"]) == (
        "PMC4300002", "NIHMS650002", {"date-parts": [[2014, 12, 2]]})
    assert [a["family"] for a in cut["author"]] == ["Brown", "Nguyen"]
    assert [(d.record, d.code) for d in ctx.diagnostics] == [("row 2 (PMID 26000002)", "truncated")]


def test_legacy_odd_values_are_kept():
    text = (LEGACY.replace('"/pubmed/26000001"', '"/pmc/articles/PMC1/"').replace('"citation"', '"book"', 1)
            .replace('"/pubmed/26000002"', '"https://www.ncbi.nlm.nih.gov/pubmed/26000002"'))
    jp, other = read(text)[0]
    assert jp["custom"]["tags"] == {"pubmed-csv:URL": ["/pmc/articles/PMC1/"], "pubmed-csv:Type": ["book"]}
    assert "tags" not in other["custom"]  # the record's own PubMed address says nothing new


CORPUS_CSV = ("corpus", "pubmed-csv", "bkchem", "ophthalmology_pubmed_result.csv")
CORPUS_TXT = ("corpus", "pubmed-abstract-text", "bkchem", "ophthalmology_pubmed_result.txt")


def test_corpus_legacy_file():
    path = shared_path(*CORPUS_CSV)
    assert detect(path).name == "pubmed-csv"
    records = citeport.read(path)
    assert len(records) == 26 and records.skipped == 0
    assert not [d for d in records.diagnostics if d.level != "info"]
    first = records[0]
    assert (first["PMID"], first["language"], first["custom"]["publication-types"]) == ("25543385", "ja", ["Review"])
    assert first["custom"]["history"] == {"entrez": "2014-12-30"}
    by_pmid = {i["PMID"]: i for i in records}
    tawfik = by_pmid["25016930"]
    assert tawfik["title"].startswith("Alterations of retinal vasculature in cystathionine-β-synthase")
    assert len(tawfik["author"]) == 8 and tawfik["PMCID"] == "PMC4188277"
    assert by_pmid["23676229"]["issued"] == {"date-parts": [[2013, 5], [2013, 6]]}  # "2013 May-Jun"
    assert sum("PMCID" in i for i in records) == 9  # rows whose Identifiers hold "PMCID:"
    assert sum(i.get("language") == "zh" for i in records) == 2
    assert not any("tags" in i.get("custom", {}) for i in records)  # the redundant columns agree


def test_corpus_cross_check_with_abstract_text():
    """The same search read from the CSV and the "Abstract (text)" export: every field both hold agrees."""
    csv_items = {i["PMID"]: i for i in citeport.read(shared_path(*CORPUS_CSV))}
    txt_items = {i["PMID"]: i for i in citeport.read(shared_path(*CORPUS_TXT))}
    assert set(csv_items) == set(txt_items) and len(csv_items) == 26
    compared = 0
    for pmid, a in csv_items.items():
        b = txt_items[pmid]
        for var in set(a) & set(b) - {"custom", "note"}:
            assert a[var] == b[var], (pmid, var)
            compared += 1
        for key in set(a.get("custom", {})) & set(b.get("custom", {})):
            assert a["custom"][key] == b["custom"][key], (pmid, key)
    assert compared > 26 * 9


def test_cli_convert_corpus_to_ris():
    proc = run_cli("convert", str(shared_path(*CORPUS_CSV)), "-t", "ris")
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.count("TY  - JOUR") == 26
    assert ("TI  - Impact of anti-VEGF therapy on the cellular microenvironment in retinal angiogenesis"
            in proc.stdout_text)


def test_cli_formats_lists_it():
    proc = run_cli("formats")
    assert any(line.split()[:2] == ["pubmed-csv", "r-"] for line in proc.stdout_text.splitlines())


def test_current_to_csl_json_is_valid_json():
    items, _ = read(CURRENT)
    assert len(items) == 5 and json.loads(json.dumps(items)) == items


def test_unreadable_row_is_skipped_and_reading_goes_on():
    text = HEADER + '"1","' + "x" * 140000 + '","A B.","BMJ. 2020;1:1.","","","","","","",""\n' + ROW_GROUP
    items, ctx = read(text)
    assert [i["PMID"] for i in items] == ["31000003"]
    assert [(d.record, d.line, d.code) for d in ctx.diagnostics] == [("row 1", 2, "skipped")]
    assert "field larger than field limit" in ctx.diagnostics[0].message
