"""Follow-ups: one Crossref mapping for the CSL-JSON reader and --enrich; EDTF string dates in render();
papis brace-protected title spans."""
from __future__ import annotations

import json

import pytest

import citeport
from citeport.enrich import crossref
from citeport.formats import crossref_map

# A DOI content-negotiation answer (application/vnd.citationstyles.csl+json) as Crossref writes one for a
# conference paper: CSL variables mixed with Crossref-only keys, HTML in the title, entities in names.
CN_PAPER = {
    "type": "paper-conference", "DOI": "10.1145/1234567.7654321", "source": "Crossref",
    "title": "Fast <i>k</i>-NN search with <mml:math xmlns:mml=\"http://www.w3.org/1998/Math/MathML\">"
             "<mml:msub><mml:mi>L</mml:mi><mml:mn>2</mml:mn></mml:msub></mml:math> bounds &amp; caches",
    "author": [{"given": "Zo&euml;", "family": "O&apos;Neil", "sequence": "first",
                "affiliation": [{"name": "Universit&eacute; de Lyon"}]}],
    "container-title": "Proceedings of the 12th Workshop on Search",
    "event": {"name": "WOS '22: Workshop on Search", "location": "Lyon, France", "acronym": "WOS '22",
              "start": {"date-parts": [[2022, 6, 1]]}, "end": {"date-parts": [[2022, 6, 3]]}},
    "article-number": "42", "publisher": "ACM", "issued": {"date-parts": [[2022, 6]]},
    "published-print": {"date-parts": [[2022, 6]]},
    "isbn-type": [{"value": "9781450300001", "type": "electronic"}, {"value": "9781450300002", "type": "print"}],
    "ISBN": ["9781450300001", "9781450300002"],
}


def _read(obj) -> dict:
    (item,) = citeport.read(json.dumps(obj), "csl-json")
    return item


def _same_as_enrich(raw: dict) -> dict:
    """The reader's item; what enrich makes of the same answer must agree on every mapped field."""
    item = _read(raw)
    remote = crossref.to_csl(raw)
    for key, value in remote.items():
        if key not in ("custom", "id"):
            assert item.get(key) == value, key
    for key, value in remote.get("custom", {}).items():
        assert item["custom"].get(key) == value, key
    return item


# -- 1. one Crossref mapping ---------------------------------------------------------------------------
def test_content_negotiation_event_article_number_isbn_markup():
    item = _same_as_enrich(CN_PAPER)
    assert item["event-title"] == "WOS '22: Workshop on Search" and item["event-place"] == "Lyon, France"
    assert item["event-date"] == {"date-parts": [[2022, 6, 1], [2022, 6, 3]]}
    assert item["custom"]["event"] == {"acronym": "WOS '22"} and "event" not in item
    assert item["page"] == "42" and item["custom"]["elocation"] == "42"
    assert item["ISBN"] == "9781450300002"
    assert item["custom"]["isbn"] == {"electronic": "9781450300001", "print": "9781450300002"}
    assert item["title"] == "Fast <i>k</i>-NN search with L<sub>2</sub> bounds & caches"
    assert item["author"] == [{"given": "Zoë", "family": "O'Neil"}]
    assert item["custom"]["author-details"] == [{"affiliation": ["Université de Lyon"]}]


def test_article_number_beside_pages_is_only_the_elocation():
    item = _same_as_enrich({**CN_PAPER, "page": "311-318"})
    assert item["page"] == "311-318" and item["custom"]["elocation"] == "42"


def test_content_negotiation_thesis_institution_and_degree():
    item = _same_as_enrich({"type": "dissertation", "DOI": "10.5555/thesis.1", "title": "On &lt;i&gt;tags&lt;/i&gt;",
                            "author": [{"given": "A.", "family": "Ng"}], "issued": {"date-parts": [[2019]]},
                            "institution": [{"name": "University of Oslo", "place": ["Oslo, Norway"]},
                                            {"name": "Department of Informatics"}],
                            "degree": ["PhD"], "created": {"date-parts": [[2019, 9, 1]]}})
    assert item["type"] == "thesis" and item["custom"]["crossref-type"] == "dissertation"
    assert item["publisher"] == "University of Oslo" and item["publisher-place"] == "Oslo, Norway"
    assert item["custom"]["institution"] == ["University of Oslo", "Department of Informatics"]
    assert item["genre"] == "PhD"
    assert item["title"] == "On <i>tags</i>"  # escaped markup in a deposit: decoded, then mapped


def test_content_negotiation_updates_subtype_relation_and_extra_types():
    item = _same_as_enrich({
        "type": "posted-content", "subtype": "preprint", "DOI": "10.1101/2020.01.01.000001",
        "title": "A preprint", "issued": {"date-parts": [[2020, 1, 2]]}, "institution": [{"name": "bioRxiv"}],
        "relation": {"is-preprint-of": [{"id-type": "doi", "id": "10.1000/final", "asserted-by": "subject"}],
                     "has-review": [{"id-type": "doi", "id": "10.1000/rev"}], "cites": []},
        "updated-by": [{"DOI": "10.1000/notice", "type": "retraction", "label": "Retraction",
                        "updated": {"date-parts": [[2021, 3, 4]]}}],
        "note": "Saved from doi.org"})
    assert item["type"] == "article" and item["custom"]["crossref-subtype"] == "preprint"
    assert item["custom"]["relation"] == {"is-preprint-of": ["doi:10.1000/final"], "has-review": ["doi:10.1000/rev"]}
    assert item["custom"]["comments-corrections"] == [
        {"type": "RetractionIn", "ref": "doi:10.1000/notice (Retraction, 2021-03-04)"}]
    assert item["note"] == "Saved from doi.org\nRetraction in: doi:10.1000/notice (Retraction, 2021-03-04)"
    notice = _same_as_enrich({"type": "journal-article", "DOI": "10.1000/notice", "title": "Retraction",
                              "update-to": [{"DOI": "10.1000/x", "type": "correction"}]})
    assert notice["custom"]["comments-corrections"] == [{"type": "ErratumFor", "ref": "doi:10.1000/x (correction)"}]
    assert notice["note"].startswith("Erratum for: doi:10.1000/x")
    for kind, csl in (("report-component", "report"), ("database", "dataset"), ("proceedings-series", "book")):
        item = _read({"type": kind, "title": "T", "DOI": "10.1/x", "member": "1"})
        assert item["type"] == csl and item["custom"]["crossref-type"] == kind


def test_bare_issn_list_and_journal_issue():
    item = _same_as_enrich({"type": "journal-article", "title": "T", "ISSN": ["0028-0836", "1476-4687"],
                            "journal-issue": {"issue": "7", "published-print": {"date-parts": [[1962, 1]]}},
                            "published-online": {"date-parts": [[1961, 12, 20]]}})
    assert item["ISSN"] == "0028-0836" and item["custom"]["issn"] == {"print": "0028-0836", "electronic": "1476-4687"}
    assert item["issue"] == "7" and item["issued"] == {"date-parts": [[1962, 1]]}
    assert item["available-date"] == {"date-parts": [[1961, 12, 20]]}
    assert item["custom"]["journal-issue"]["issue"] == "7"  # the reader loses nothing of the issue


def test_plain_csl_json_is_not_given_crossref_rules():
    plain = {"id": "a", "type": "paper-conference", "title": "Tom &amp; Jerry <em>live</em>",
             "event": "Conf X", "ISBN": "9781450300002", "author": [{"family": "O&apos;Neil", "given": "Z."}]}
    assert not crossref_map.looks_crossref(plain)
    item = _read(plain)
    assert item["title"] == "Tom &amp; Jerry <em>live</em>" and item["event"] == "Conf X"
    assert item["author"] == [{"family": "O&apos;Neil", "given": "Z."}] and "custom" not in item
    assert crossref_map.looks_crossref({**plain, "event": {"name": "Conf X"}})
    assert crossref_map.looks_crossref({"type": "journal-article"})
    assert not crossref_map.looks_crossref({"type": ["journal-article"]})  # junk shapes do not crash


def test_saved_answer_file_from_the_command_line(tmp_path):
    from conftest import run_cli

    path = tmp_path / "cn.json"
    path.write_text(json.dumps(CN_PAPER), encoding="utf-8")
    proc = run_cli("convert", str(path), "-t", "csl-json")
    assert proc.returncode == 0, proc.stderr
    (item,) = json.loads(proc.stdout)
    assert item["event-title"] == "WOS '22: Workshop on Search" and item["custom"]["elocation"] == "42"


# -- 2. EDTF string dates in render() --------------------------------------------------------------------
BOOK = {"id": "t1", "type": "book", "title": "Tides", "author": [{"family": "Tern", "given": "Ann"}],
        "publisher": "P"}


@pytest.mark.parametrize("date, apa_year", [("2020-05", "2020"), ("2020-05-17", "2020"), ("2019/2020", "2019"),
                                            (2018, "2018")])
def test_render_reads_edtf_string_dates(date, apa_year):
    item = {**BOOK, "issued": date}
    entry = citeport.render([item], "apa")
    assert entry.startswith(f"Tern, A. ({apa_year}") and (str(date) not in entry or isinstance(date, int))
    assert citeport.render([item], "apa", citations=True).strip().startswith(f"(Tern, {apa_year}")
    assert item["issued"] == date  # the caller's item is not changed


def test_render_edtf_month_reaches_the_style():
    got = citeport.render([{**BOOK, "type": "article-newspaper", "container-title": "The Times",
                            "issued": "2020-05-17"}], "chicago-author-date")
    assert got == "Tern, Ann. 2020. \u201cTides.\u201d The Times, May 17.\n"


def test_cli_format_of_csl_json_with_edtf_dates(tmp_path):
    from conftest import run_cli

    path = tmp_path / "edtf.json"
    path.write_text(json.dumps([{**BOOK, "issued": "2020-05"}]), encoding="utf-8")
    proc = run_cli("format", str(path), "--style", "apa")
    assert proc.returncode == 0 and proc.stdout_text.strip() == "Tern, A. (2020). Tides. P."


# -- 3. papis: BibTeX braces in titles ---------------------------------------------------------------------
from citeport.integrations import papis_map  # noqa: E402

PAPIS_DOC = {"type": "article", "title": "A {mixed-methods} evaluation of {DNA} repair in R&D labs",
             "journal": "{IEEE} Transactions on {B}iology", "author_list": [{"family": "Ng", "given": "Ann"}],
             "year": 2021, "volume": "3", "pages": "1--9", "ref": "ng2021"}


def test_papis_braces_become_nocase_spans_and_do_not_print():
    item = papis_map.to_csl(PAPIS_DOC)
    assert item["title"] == ('A <span class="nocase">mixed-methods</span> evaluation of '
                             '<span class="nocase">DNA</span> repair in R&D labs')
    assert item["container-title"] == ('<span class="nocase">IEEE</span> Transactions on '
                                       '<span class="nocase">B</span>iology')
    got = citeport.render([item], "apa")
    assert "{" not in got and "mixed-methods evaluation of DNA repair in R&D labs" in got
    bib = citeport.write([item], "bibtex")
    # (a nocase span around a word the writer protects anyway is doubled, so that it reads back as nocase)
    assert "\\{" not in bib and "{mixed-methods}" in bib and "{{DNA}} repair in R\\&D labs" in bib


def test_papis_nocase_spans_go_back_as_braces_and_round_trip():
    item = {"id": "x", "type": "article-journal", "title": 'The <span class="nocase">iPhone</span> and <i>E. coli</i>',
            "title-short": '<span class="nocase">iPhone</span>', "container-title": "Cell"}
    doc = papis_map.to_papis(item)
    assert doc["title"] == "The {iPhone} and <i>E. coli</i>" and doc["shorttitle"] == "{iPhone}"
    assert "title" not in doc.get(papis_map.STASH_KEY, {})  # the braces say it all
    assert papis_map.to_csl(doc) == item
    edited = {**doc, "title": "The {iPhone} in {NYC}"}  # edited in papis: the braces are read
    assert papis_map.to_csl(edited)["title"] == ('The <span class="nocase">iPhone</span> in '
                                                 '<span class="nocase">NYC</span>')


def test_papis_literal_braces_and_specials_are_kept():
    assert papis_map.braces_in("odd } and { braces") == "odd } and { braces"
    assert papis_map.braces_in("50% of {R&D} #1") == '50% of <span class="nocase">R&D</span> #1'
    assert papis_map.braces_in('{\\"O}sterreich') == "Österreich"
    item = {"id": "y", "type": "book", "title": "Sets {a, b} in C"}  # CSL text with literal braces
    assert papis_map.to_csl(papis_map.to_papis(item)) == item
