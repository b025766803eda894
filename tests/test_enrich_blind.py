"""Blind review of online enrichment: hand-made answers in the shapes Crossref, DataCite (via doi.org) and NCBI
return, served by an httpx.MockTransport (no socket, no network), for cases the recorded answers do not cover."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import httpx
import pytest

from citeport.enrich import OnlineError, Settings, crossref, http as httpmod, ncbi
from citeport.enrich.policy import Enricher, Layer, merge
from citeport.model.diagnostics import Context

DATA = Path(__file__).parent / "data" / "http_blind"
CROSSREF = "https://api.crossref.org/works/"
DOI = "https://doi.org/"
EFETCH = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"
ESEARCH = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi"
IDCONV = "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/"
EMPTY_SET = b'<?xml version="1.0" ?>\n<PubmedArticleSet></PubmedArticleSet>\n'
NO_HITS = b"<eSearchResult><Count>0</Count><RetMax>0</RetMax><RetStart>0</RetStart><IdList/></eSearchResult>"


def load(name: str) -> bytes:
    return (DATA / name).read_bytes()


class Mock:
    """Answers by URL prefix (first match wins; a list is a queue, its last answer repeats); logs requests."""

    def __init__(self):
        self.routes: list[tuple[str, object]] = []
        self.log: list[httpx.Request] = []

    def add(self, prefix: str, *answers) -> None:
        self.routes.insert(0, (prefix, list(answers)))

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.log.append(request)
        url = str(request.url)
        for prefix, answers in self.routes:
            if url.startswith(prefix):
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                return answer(request) if callable(answer) else answer
        return httpx.Response(404, text="not found")

    def requests(self, prefix: str) -> list[httpx.Request]:
        return [r for r in self.log if str(r.url).startswith(prefix)]


def ok_json(body: bytes | dict, ctype: str = "application/json") -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.Response(200, content=content, headers={"Content-Type": ctype})


def ok_xml(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"Content-Type": "text/xml; charset=UTF-8"})


@pytest.fixture
def mock(monkeypatch, tmp_path):
    """Every Http session answered by a Mock; public service URLs; a fresh cache and data directory."""
    m = Mock()
    for var in ("CITEPORT_EUTILS_URL", "CITEPORT_IDCONV_URL", "CITEPORT_CROSSREF_URL", "CITEPORT_DOI_URL",
                "NCBI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CITEPORT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CITEPORT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CITEPORT_EMAIL", "blind@example.org")
    monkeypatch.setenv("CITEPORT_BACKOFF", "0.01")
    original = httpmod.Http.__init__

    def init(self, settings=None, *, transport=None):
        original(self, settings, transport=httpx.MockTransport(m.handler))

    monkeypatch.setattr(httpmod.Http, "__init__", init)
    return m


def session(**kw) -> httpmod.Http:
    return httpmod.Http(Settings.from_env(**kw))


def works(mock: Mock, name: str, doi: str) -> dict:
    mock.add(CROSSREF, ok_json(load(name)))
    with session() as h:
        return crossref.works(h, doi)


# -- Crossref works: field by field ---------------------------------------------------------------------
def test_book_chapter(mock):
    item = works(mock, "crossref_book_chapter.json", "10.1007/978-3-030-12346-3_5")
    assert item["type"] == "chapter" and item["custom"]["crossref-type"] == "book-chapter"
    assert item["container-title"] == "Methods in Systems Biology" and item["editor"] == [{"family": "Berg", "given": "Anna"}]
    # HTML entity decoded, inline markup kept as CSL rich text, subtitle joined, main title as title-short
    assert item["title"] == "Modelling <i>in vivo</i> kinetics & CO<sub>2</sub> flux: a practical guide"
    assert item["title-short"] == "Modelling <i>in vivo</i> kinetics & CO<sub>2</sub> flux"
    assert item["author"] == [{"family": "García-López", "given": "María José"},
                              {"family": "Smith", "given": "John", "suffix": "Jr."},
                              {"literal": "The ENCODE Consortium"}]
    assert item["custom"]["author-details"][0] == {"ORCID": "0000-0002-1825-0097",
                                                   "affiliation": ["Universidad de Granada, Spain"]}
    assert item["ISBN"] == "9783030123456"
    assert item["custom"]["isbn"] == {"print": "9783030123456", "electronic": "9783030123463"}
    assert item["issued"] == {"date-parts": [[2019]]} and item["available-date"] == {"date-parts": [[2019, 2, 21]]}
    assert item["publisher-place"] == "Cham" and item["page"] == "101-125"
    # JATS abstract: the "Abstract" heading dropped, other headings as labels, italic/sub kept, &amp; decoded
    assert item["abstract"] == ("We model <i>in vivo</i> flux of CO<sub>2</sub> & O<sub>2</sub>.\n"
                                "Methods: Ordinary differential equations.")
    assert item["custom"]["grants"] == ["R01 GM123456/National Institutes of Health",
                                        "U54 HG007990/National Institutes of Health", "Wellcome Trust"]
    assert item["custom"]["license"].startswith("https://www.springernature.com/")
    for bookkeeping in ("indexed", "reference-count", "score", "link", "published-print", "published"):
        assert bookkeeping not in item and bookkeeping not in item["custom"]


def test_posted_content_preprint(mock):
    item = works(mock, "crossref_posted_content.json", "10.1101/2021.08.15.21262067")
    assert item["type"] == "article" and item["custom"]["crossref-subtype"] == "preprint"
    assert item["title"] == "Estimating R<sub>0</sub> for the Delta variant in <i>Homo sapiens</i>"  # MathML
    assert item["abstract"].endswith("Methods: We fitted e<sup>x</sup> curves.")
    assert "variants <5 in most" in item["abstract"]  # &lt; decoded, not taken for a tag
    assert item["custom"]["relation"] == {"is-preprint-of": ["doi:10.1093/jtm/taab124"]}
    assert item["custom"]["institution"] == ["medRxiv"]
    assert item["custom"]["author-details"][0]["affiliation"] == ["London School of Hygiene & Tropical Medicine"]
    assert item["custom"]["author-details"][1] == {"ORCID": "0000-0003-4026-2937"}
    assert item["issued"] == {"date-parts": [[2021, 8, 17]]} and "available-date" not in item
    assert "container-title" not in item and "reference" not in item["custom"]


def test_proceedings_article_event_and_article_number(mock):
    item = works(mock, "crossref_proceedings.json", "10.1145/3397271.3401075")
    assert item["type"] == "paper-conference"
    assert item["event-title"].startswith("SIGIR '20: The 43rd International ACM SIGIR")
    assert item["event-place"] == "Virtual Event China"
    assert item["event-date"] == {"date-parts": [[2020, 7, 25], [2020, 7, 30]]}
    assert item["custom"]["event"] == {"sponsor": ["SIGIR ACM Special Interest Group on Information Retrieval"],
                                       "acronym": "SIGIR '20"}
    # conventions: an article number is custom.elocation (and page only when there are no pages), not `number`
    assert item["custom"]["elocation"] == "176" and item["page"] == "921-930" and "number" not in item
    assert item["author"][1] == {"family": "de Rijke", "given": "Maarten"}


def test_article_number_is_the_page_when_there_is_none(mock):
    work = json.loads(load("crossref_proceedings.json"))
    del work["message"]["page"]
    mock.add(CROSSREF, ok_json(work))
    with session() as h:
        item = crossref.works(h, "10.1145/3397271.3401075")
    assert item["page"] == "176" and item["custom"]["elocation"] == "176"


def test_retracted_article_issue_date_funder_consortium(mock):
    item = works(mock, "crossref_retracted_article.json", "10.1016/j.example.2021.05.012")
    assert item["type"] == "article-journal" and item["volume"] == "12" and item["issue"] == "10"
    assert item["issued"] == {"date-parts": [[2021, 10]]}  # the issue's print date, not the online one
    assert item["available-date"] == {"date-parts": [[2021, 6, 3]]}
    assert item["title"] == ('Mergers & acquisitions of <span style="font-variant:small-caps;">p53</span>'
                             "-null cells: a <10% effect")
    assert item["author"][0] == {"literal": "COVID-19 Genomics UK (COG-UK) Consortium"}
    assert item["author"][1]["suffix"] == "III"
    assert item["ISSN"] == "2222-1111" and item["custom"]["issn"] == {"print": "2222-1111", "electronic": "2222-1120"}
    assert item["container-title-short"] == "J. Ex. Res." and item["page"] == "e2021-e2030"
    assert item["custom"]["comments-corrections"] == [
        {"type": "RetractionIn", "ref": "doi:10.1016/j.example.2022.03.001 (Retraction, 2022-04-07)"}]
    assert item["note"] == "Retraction in: doi:10.1016/j.example.2022.03.001 (Retraction, 2022-04-07)"
    assert item["custom"]["grants"] == ["81970012/National Natural Science Foundation of China"]


def test_retraction_notice_update_to(mock):
    item = works(mock, "crossref_retraction_notice.json", "10.1016/j.example.2022.03.001")
    assert item["custom"]["comments-corrections"][0]["type"] == "RetractionOf"
    assert item["note"].startswith("Retraction of: doi:10.1016/j.example.2021.05.012")
    assert item["title"] == "Retraction notice to \u201cMergers & acquisitions of p53-null cells\u201d"


def test_dissertation_institution_and_degree(mock):
    item = works(mock, "crossref_dissertation.json", "10.7488/era/1234")
    assert item["type"] == "thesis" and item["genre"] == "PhD"
    assert item["publisher"] == "University of Edinburgh" and item["publisher-place"] == "Edinburgh, UK"


@pytest.mark.parametrize("kind, csl", [("dataset", "dataset"), ("report", "report"), ("standard", "standard"),
                                       ("peer-review", "review"), ("component", "document"), ("edited-book", "book"),
                                       ("monograph", "book"), ("reference-entry", "entry"),
                                       ("journal-issue", "periodical"), ("report-component", "report"),
                                       ("database", "dataset")])
def test_work_types(kind, csl):
    item = crossref.to_csl({"type": kind, "title": ["T"], "DOI": "10.1/x", "publisher": "P", "number": "TR-7"})
    assert item["type"] == csl and item["publisher"] == "P"
    if kind == "report":
        assert item["number"] == "TR-7"


# -- DOI content negotiation (DataCite and other agencies) ------------------------------------------------
def test_datacite_software_by_content_negotiation(mock):
    mock.add(DOI, ok_json(load("datacite_zenodo_software.json"), "application/vnd.citationstyles.csl+json"))
    with session() as h:
        item = crossref.content_negotiation(h, "10.5281/zenodo.4567890")
    assert mock.log[0].headers["accept"] == crossref.CSL_JSON
    assert item["type"] == "software" and item["version"] == "v5.2.1" and item["publisher"] == "Zenodo"
    assert item["issued"] == {"date-parts": [[2023]]} and item["DOI"] == "10.5281/ZENODO.4567890"
    assert item["author"][1] == {"literal": "The Astropy Collaboration"}
    assert item["abstract"] == "Release notes for 5.2.\nBug fixes & speed-ups."
    assert item["custom"]["copyright"] == "Creative Commons Attribution 4.0 International"


def test_content_negotiation_keeps_what_the_normaliser_maps(mock):
    """A Crossref CSL answer: print date as issued, the online one as available-date, funders kept."""
    answer = {"type": "article-journal", "title": "T", "DOI": "10.1/y", "published-print": {"date-parts": [[2020, 3]]},
              "published-online": {"date-parts": [[2019, 11, 5]]}, "issued": {"date-parts": [[2019, 11, 5]]},
              "funder": [{"name": "Wellcome Trust", "award": ["WT1"]}], "container-title": "J"}
    mock.add(DOI, ok_json(answer, "application/vnd.citationstyles.csl+json"))
    with session() as h:
        item = crossref.content_negotiation(h, "10.1/y")
    assert item["issued"] == {"date-parts": [[2020, 3]]} and item["available-date"] == {"date-parts": [[2019, 11, 5]]}
    assert item["custom"]["grants"] == ["WT1/Wellcome Trust"]


def test_html_page_and_truncated_json_are_errors_and_not_cached(mock):
    page = httpx.Response(200, text="<!DOCTYPE html><html><body>Landing page</body></html>",
                          headers={"Content-Type": "text/html; charset=utf-8"})
    mock.add(DOI, page)
    with session() as h, pytest.raises(OnlineError, match="answered a web page .*not JSON"):
        crossref.content_negotiation(h, "10.1/html")
    mock.add(DOI, ok_json(b'{"type": "dataset", "title": "Cut'), ok_json({"type": "dataset", "title": "Whole"}))
    with session() as h, pytest.raises(OnlineError, match="malformed answer"):
        crossref.content_negotiation(h, "10.1/cut")
    with session() as h:  # the cut-off body was not cached: asked again, and the good answer is
        assert crossref.content_negotiation(h, "10.1/cut")["title"] == "Whole"
    with session() as h:
        assert crossref.content_negotiation(h, "10.1/cut")["title"] == "Whole"
        assert h.network_requests == 0


def test_429_with_a_long_retry_after_gives_up_at_once(mock):
    mock.add(CROSSREF, httpx.Response(429, text="Too Many Requests", headers={"Retry-After": "3600"}))
    with session() as h, pytest.raises(OnlineError, match="HTTP 429"):
        crossref.works(h, "10.1/x")
    assert len(mock.log) == 1


def test_406_from_the_resolver_is_a_warning_for_the_record(mock):
    mock.add(DOI, httpx.Response(406, text="Not Acceptable"))
    ctx = Context()
    with session() as h:
        out = list(Enricher(h).enrich([{"id": "a", "type": "book", "title": "T", "DOI": "10.5555/none.1"}], ctx))
    assert out[0]["title"] == "T"
    (warning,) = [d for d in ctx.diagnostics if d.code == "lookup-failed"]
    assert "HTTP 406" in warning.message and warning.record


# -- NCBI -------------------------------------------------------------------------------------------------
def test_pubmed_book_article(mock):
    mock.add(EFETCH, ok_xml(load("efetch_pubmed_book_20301295.xml")))
    with session() as h:
        (item,) = ncbi.efetch_pubmed(h, ["20301295"])
    assert item["type"] == "chapter" and item["container-title"] == "GeneReviews\u00ae"
    assert item["editor"][0] == {"family": "Adam", "given": "Margaret P."}
    assert item["custom"]["other-ids"] == {"bookaccession": "NBK1116"}


def test_efetch_error_body_with_status_200_is_an_error_and_not_cached(mock):
    error = (b'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eFetchResult PUBLIC "-//NLM//DTD efetch 20131226//EN"'
             b' "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd">\n'
             b"<eFetchResult>\n\t<ERROR>Unable to obtain query #1</ERROR>\n</eFetchResult>\n")
    mock.add(EFETCH, ok_xml(error), ok_xml(EMPTY_SET))
    with session() as h, pytest.raises(OnlineError, match="Unable to obtain query #1"):
        list(ncbi.efetch_pubmed(h, ["1"]))
    with session() as h:
        assert list(ncbi.efetch_pubmed(h, ["1"])) == []
    assert len(mock.requests(EFETCH)) == 2


def test_batches_and_identity_parameters(mock, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", "k123")
    mock.add(EFETCH, ok_xml(EMPTY_SET))
    with session() as h:
        assert list(ncbi.efetch_pubmed(h, [str(n) for n in range(1, 451)])) == []
    sizes = [len(r.url.params["id"].split(",")) for r in mock.requests(EFETCH)]
    assert sizes == [200, 200, 50]
    params = mock.requests(EFETCH)[0].url.params
    assert (params["api_key"], params["tool"], params["email"]) == ("k123", "citeport", "blind@example.org")


def test_idconv_asks_one_kind_of_identifier_at_a_time(mock):
    def answer(request: httpx.Request) -> httpx.Response:
        ids, kind = request.url.params["ids"].split(","), request.url.params.get("idtype")
        if kind == "pmcid":  # the converter refuses a whole request it cannot read
            return ok_json({"status": "error", "responseDate": "2025-01-01 00:00:00",
                            "message": "Invalid%20article%20id%3A%20PMC12345678"})
        return ok_json({"status": "ok", "records": [
            {"doi": i, "pmcid": "PMC7000001", "pmid": "33000001",
             "versions": [{"pmcid": "PMC7000001.1"}, {"pmcid": "PMC7000001.2", "current": "true"}]} for i in ids]})

    mock.add(IDCONV, answer)
    mock.add(EFETCH, ok_xml(EMPTY_SET))
    ctx = Context()
    records = [{"id": "a", "type": "article-journal", "title": "A", "DOI": "10.1234/a.1"},
               {"id": "b", "type": "article-journal", "title": "B", "PMCID": "PMC12345678"}]
    with session() as h:
        a, b = Enricher(h, crossref_lookup=False).enrich(records, ctx)
    assert [r.url.params["idtype"] for r in mock.requests(IDCONV)] == ["doi", "pmcid"]
    assert a["PMID"] == "33000001" and a["PMCID"] == "PMC7000001"  # the refused PMCID did not cost the DOI
    assert "PMID" not in b
    assert any("Invalid article id: PMC12345678" in d.message for d in ctx.diagnostics)


# -- merge with an existing record ---------------------------------------------------------------------
def test_merge_crossref_into_a_record(mock):
    remote = works(mock, "crossref_retracted_article.json", "10.1016/j.example.2021.05.012")
    local = {"id": "r", "type": "article-journal", "title": "Mergers and acquisitions of p53-null cells",
             "DOI": "10.1016/j.example.2021.05.012", "volume": "11", "issued": {"date-parts": [[2021]]},
             "note": "my own note"}
    ctx = Context()
    merge(local, [Layer("Crossref (works)", remote)], ctx)
    assert local["volume"] == "11" and local["note"] == "my own note"  # the record's values kept
    assert local["DOI"] == "10.1016/j.example.2021.05.012"
    conflicts = {d.field for d in ctx.diagnostics if d.code == "conflict"}
    assert conflicts == {"volume", "title"}  # DOI case and a year-only date are no conflict
    filled = {d.field for d in ctx.diagnostics if d.code == "filled"}
    assert {"author", "container-title", "custom.comments-corrections", "custom.grants"} <= filled
    assert local["custom"]["comments-corrections"][0]["type"] == "RetractionIn"


# -- fetch from the command line --------------------------------------------------------------------------
def test_cli_fetch_identifiers_on_stdin_with_junk(mock, monkeypatch, capsys):
    from citeport.cli import main

    mock.add(EFETCH, ok_xml(load("efetch_pubmed_book_20301295.xml")))
    mock.add(IDCONV, ok_json({"status": "ok", "records": [{"doi": "10.1101/2021.08.15.21262067", "status": "error",
                                                           "errmsg": "Identifier not found in PMC"}]}))
    mock.add(ESEARCH, ok_xml(NO_HITS))
    mock.add(CROSSREF, ok_json(load("crossref_posted_content.json")))
    stdin = "pmid:20301295\nnot-an-id\n10.1101/2021.08.15.21262067, https://pubmed.ncbi.nlm.nih.gov/20301295/\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    code = main(["fetch", "-"])
    out, err = capsys.readouterr()
    assert code == 1  # a record was skipped
    assert "not an identifier: 'not-an-id'" in err and "Traceback" not in err
    items = json.loads(out)
    assert [i["id"] for i in items] == ["pmid:20301295", "doi:10.1101/2021.08.15.21262067", "pmid:20301295"]
    assert items[1]["custom"]["crossref-subtype"] == "preprint"
    requests = len(mock.log)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    assert main(["fetch", "-"]) == 1
    capsys.readouterr()
    assert len(mock.log) == requests  # the second run is answered by the cache


def test_cli_fetch_only_junk_is_one_error(mock, capsys):
    from citeport.cli import main

    assert main(["fetch", "junk"]) == 2
    err = capsys.readouterr().err
    assert "not an identifier: 'junk'" in err and "no record found" in err and "Traceback" not in err
    assert mock.log == []


def test_convert_without_enrich_asks_nothing(mock, tmp_path, capsys):
    from citeport.cli import main

    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "book", "title": "T", "DOI": "10.1/x", "PMID": "1"}]))
    assert main(["convert", str(src), "--to", "ris"]) == 0
    assert mock.log == []
