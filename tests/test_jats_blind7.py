"""Blind review 7 of the JATS reader: older NLM DTDs (2.3/3.0 <citation>, <nlm-citation>), PMC author
manuscripts, non-PMC JATS (bioRxiv/medRxiv, SciELO, Redalyc, J-STAGE, OJS, eLife, MDPI, Copernicus, BMC),
BITS books and book parts, and contributor/date details.  Fixtures: tests/data/jats_blind7/ (written for
these tests)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from citeport.formats.jats import sniff
from conftest import shared_path

DATA = Path(__file__).parent / "data" / "jats_blind7"


def read(name: str, **options) -> list[dict]:
    return list(citeport.read((DATA / name).read_text(encoding="utf-8"), "jats", **options))


def one(name: str) -> dict:
    records = read(name)
    assert len(records) == 1, records
    return records[0]


def test_pub_history_events_are_separate_and_keep_dates_history_cannot_hold() -> None:
    # was: <pub-history> (JATS 1.2+) was not read: its events ran together as one tag
    # "Version 1 posted17042020Version 2 posted30042020" and the preprint dates were lost
    item = one("07_medrxiv_pubhistory.xml")
    assert item["custom"]["history"] == {"preprint": "2020-04-17"}
    assert item["custom"]["tags"]["jats:history-event"] == [
        "Version 1 posted <https://www.medrxiv.org/content/10.1101/2020.04.14.20062463v1>",
        "Version 2 posted (2020-04-30)"]
    assert "jats:pub-history" not in item["custom"]["tags"]


def test_elife_reviewed_preprint_original_publication_date_is_the_date() -> None:
    # was: no issued at all (date-type="original-publication" had no rule)
    item = one("25_elife_subarticle_abstract.xml")
    assert item["issued"] == {"date-parts": [[2023, 9, 1]]}
    assert item["available-date"] == {"date-parts": [[2023, 9, 1]]}
    assert item["custom"]["history"]["update"] == "2024-01-10"
    assert item["custom"]["tags"]["jats:history-event"][3] == \
        "Reviewed preprint v2 (2023-12-01) <https://doi.org/10.7554/eLife.90001.2>"
    assert [a["family"] for a in item["author"]] == ["Main"]  # the assessment's author is not the article's


def test_ojs_publication_format_epub_is_the_electronic_date() -> None:
    # was: date-type="pub" publication-format="epub" counted as a plain "pub" date and was lost under the
    # collection date: no available-date
    item = one("20_ojs.xml")
    assert item["issued"] == {"date-parts": [[2021]]}
    assert item["available-date"] == {"date-parts": [[2021, 3, 15]]}
    assert item["author"][0] == {"family": "Souza", "given": "João Carlos", "dropping-particle": "de"}


def test_volume_issue_group() -> None:
    # was: JATS 1.1+ <volume-issue-group> not read: no volume, no issue, a tag "124Special issue on tides"
    item = one("16_volissgroup.xml")
    assert (item["volume"], item["issue"], item["volume-title"]) == ("12", "4", "Special issue on tides")
    assert "jats:volume-issue-group" not in item["custom"]["tags"]


@pytest.mark.parametrize("name, short", [("18_mdpi.xml", "Int. J. Mol. Sci."), ("19_copernicus.xml", "Atmos. Chem. Phys."),
                                         ("22_redalyc.xml", "Rev. Mex. Cienc. Agríc.")])
def test_a_publisher_abbreviation_comes_after_an_nlm_or_iso_one(name: str, short: str) -> None:
    # was: the first <abbrev-journal-title>, the publisher's "IJMS" / "ACP"
    assert one(name)["container-title-short"] == short


def test_prefix_degrees_and_roles_of_a_contributor_are_kept() -> None:
    # was: <prefix>Sir</prefix>, <degrees>MD, PhD</degrees> and <role>Senior Editor</role> silently dropped
    item = one("03_name_styles.nxml")
    assert item["author"][3] == {"family": "Doe", "given": "John", "suffix": "Jr"}
    assert item["custom"]["author-details"][3] == {"prefix": "Sir", "degrees": "MD, PhD"}
    assert item["author"][1] == {"given": "Sukarno"}  # name-style="given-only"
    assert item["author"][6] == {"family": "Yamada", "given": "Taro"}
    assert item["author"][7] == {"literal": "Anonymous"}
    assert one("24_dates_misc.xml")["custom"]["author-details"] == [{}, {"prefix": "Dr"}]


def test_elife_senior_editor_is_a_handling_editor_not_a_contributor() -> None:
    # was: contrib-type="senior_editor" became a CSL "contributor" of the article
    item = one("10_elife.xml")
    assert "contributor" not in item and "editor" not in item
    assert item["custom"]["handling-editors"] == [{"family": "Editor", "given": "Reviewing"},
                                                  {"family": "Senior", "given": "Ed"}]
    assert item["custom"]["handling-editor-details"] == [
        {"affiliation": ["Somewhere"], "roles": ["Reviewing Editor"]}, {"roles": ["Senior Editor"]}]
    assert item["custom"]["investigators"] == [{"family": "Alpha", "given": "A."}, {"family": "Beta", "given": "B."}]
    assert item["author"][1] == {"literal": "Mito Consortium"}


def test_bmc_manuscript_number_and_email_in_address() -> None:
    # was: BMC's own manuscript number went to custom.mid (PubMed's NIHMS/EMS id) and an <email> inside
    # <address> was lost
    item = one("23_bmc_new.xml")
    assert "mid" not in item["custom"]
    assert item["custom"]["other-ids"] == {"publisher-id": "s12889-021-10000-1", "manuscript": "10000"}
    assert [d.get("email") for d in item["custom"]["author-details"]] == ["e.brown@example.ac.uk", "m.taylor@example.ac.uk"]
    assert one("05_nihms.nxml")["custom"]["mid"] == "NIHMS598765"  # an NIHMS id still is one


def test_bits_book_part_wrapper_is_a_chapter_in_its_book() -> None:
    # was: "not a recognised bibliographic format" (and the reader skipped a <book-part-wrapper>)
    text = (DATA / "09_bits_bookpart.xml").read_text(encoding="utf-8")
    assert sniff(text) >= 0.9 and sniff(text.split("\n", 2)[2]) >= 0.9  # with and without the DOCTYPE
    item = one("09_bits_bookpart.xml")
    assert item["type"] == "chapter" and item["id"] == "pmid:20301428"
    assert item["title"] == "Cystic Fibrosis: Clinical overview" and item["title-short"] == "Cystic Fibrosis"
    assert item["chapter-number"] == "3"
    assert item["container-title"] == "GeneReviews<sup>®</sup>" and item["collection-title"] == "GeneReviews®"
    assert item["author"] == [{"family": "Ong", "given": "Thida"}, {"family": "Ramsey", "given": "Bonnie W"}]
    assert item["editor"] == [{"family": "Adam", "given": "Margaret P"}, {"family": "Feldman", "given": "Jerry"}]
    assert (item["publisher"], item["publisher-place"], item["page"]) == (
        "University of Washington, Seattle", "Seattle (WA)", "45-60")
    assert item["issued"] == {"date-parts": [[1993]]} and item["DOI"] == "10.1000/genereviews.cf"
    assert item["custom"]["history"] == {"created": "2001-03-26", "updated": "2023-03-09"}
    assert item["custom"]["other-ids"] == {"book-doi": "10.1000/genereviews", "book-pmcid": "genereviews"}
    text = citeport.render([item], "apa")
    assert "In M. P. Adam & J. Feldman (Eds.), GeneReviews" in text and "(pp. 45–60)" in text


def test_bits_book() -> None:
    item = one("27_bits_book.xml")
    assert item["type"] == "book" and item["title"] == "Bacterial Genomics: Methods and Protocols"
    assert item["author"] == [{"family": "Okonkwo", "given": "Chidi"}]
    assert (item["edition"], item["collection-title"], item["collection-number"]) == (
        "2nd", "Methods in Molecular Biology", "2145")
    assert item["ISBN"] == "978-1-0716-0602-4"
    assert item["custom"]["isbn"] == {"print": "978-1-0716-0602-4", "electronic": "978-1-0716-0603-1"}


def test_nlm_2_3_citation_comments_give_doi_access_date_and_thesis_genre() -> None:
    # was: <comment>doi:<pub-id pub-id-type="doi">…</pub-id></comment> only a note; "Accessed 12 January
    # 2006." kept in a note, no accessed date; "[PhD thesis]" of a citation-type="thesis" a note;
    # <size units="page"> dropped
    refs = {r["id"]: r for r in read("26_nlm23_refs.nxml", refs="only")}
    assert refs["b5"]["DOI"] == "10.1056/NEJM000001" and "note" not in refs["b5"]
    assert refs["b5"]["issue"] == "Suppl 1" and refs["b5"]["page"] == "S12-S19"
    assert refs["b4"]["accessed"] == {"date-parts": [[2006, 1, 12]]} and "note" not in refs["b4"]
    assert refs["b4"]["URL"] == "http://www.unaids.org/epi/2005" and refs["b4"]["type"] == "webpage"
    assert refs["b7"]["genre"] == "PhD thesis" and "note" not in refs["b7"]
    assert refs["b2"]["number-of-pages"] == "248"
    assert refs["pmed-0030001-b1"]["title"] == \
        "Mortality by cause for eight regions of the world: Global Burden of Disease Study"


def test_older_dtds_and_the_pmc_articleset() -> None:
    a = one("01_nlm23_citation.nxml")
    assert (a["issued"], a["available-date"]) == ({"date-parts": [[2008]]}, {"date-parts": [[2008, 3, 25]]})
    assert a["custom"]["pmc-release"] == "2008-03-25" and a["PMCID"] == "PMC2323384"
    assert [r["id"] for r in read("02_nlm30_nlmcitation.nxml", refs="only")] == ["r1"]
    first, second = read("04_articleset.xml")
    assert first["custom"]["author-details"][0]["ORCID"] == "0000-0002-1825-0097"
    assert first["custom"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert second["issued"] == {"date-parts": [[2015]], "season": 1}


def test_all_fixtures_validate_and_format() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schemas/csl/input/csl-data.json").read_text(encoding="utf-8"))
    items = [i for p in sorted(DATA.iterdir()) for i in read(p.name, refs=True)]
    assert len(items) >= 38  # 27 files: articles, books and their references
    jsonschema.validate(items, schema)
    text = citeport.render([i for i in items if i.get("title")], "apa")
    assert "Cystic Fibrosis" in text and "Educação e desigualdade" in text
