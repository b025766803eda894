"""Online look-up and enrichment against the real recorded answers, served from 127.0.0.1."""
from __future__ import annotations

import json
import socket

import pytest

import citeport
from citeport.enrich import CacheMiss, Http, NotFound, OnlineError, Settings, Unreachable, fetch, parse_identifier
from citeport.enrich import crossref, ncbi
from citeport.enrich.cache import request_key
from citeport.enrich.http import retry_after
from citeport.enrich.policy import Layer, merge, same
from citeport.model.diagnostics import CiteportError, Context
from conftest import SHARED, run_cli, shared_path
from test_enrich_replay import start


@pytest.fixture(scope="module")
def server():
    shared_path("http")
    replay, srv = start(SHARED)
    yield replay
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def online(server, tmp_path, monkeypatch):
    """Every service pointed at the replay server; a fresh cache; an empty request log."""
    base = server.base
    for var, path in (("CITEPORT_EUTILS_URL", "/eutils/"), ("CITEPORT_IDCONV_URL", "/idconv/"),
                      ("CITEPORT_CROSSREF_URL", "/crossref/"), ("CITEPORT_DOI_URL", "/doi/"),
                      ("CITEPORT_JOURNALS_URL", "/journals/J_Medline.txt")):
        monkeypatch.setenv(var, base + path)
    monkeypatch.setenv("CITEPORT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CITEPORT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CITEPORT_EMAIL", "tests@example.org")
    monkeypatch.setenv("CITEPORT_TIMEOUT", "5")
    monkeypatch.setenv("CITEPORT_BACKOFF", "0.05")
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    server.log.clear()
    server.script.clear()
    return server


def http(**kw) -> Http:
    return Http(Settings.from_env(**kw))


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the command line in-process (faster than a process on a busy machine): (exit code, stdout, stderr)."""
    import io
    import sys

    from citeport.cli import main

    def run(*args: str, input: str | None = None):
        capsys.readouterr()
        if input is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(input.encode("utf-8")), encoding="utf-8"))
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def needs(fmt: str) -> None:
    try:
        citeport.api.REGISTRY.get(fmt)
    except CiteportError:
        pytest.skip(f"the {fmt} reader is not available yet")


# -- clients ------------------------------------------------------------------------------------
def test_efetch_reads_recorded_pubmed_xml_with_identity_params(online):
    needs("pubmed-xml")
    with http() as h:
        items = list(ncbi.efetch_pubmed(h, ["22351513", "34709863"]))
    assert [i["PMID"] for i in items] == ["22351513", "34709863"]
    assert items[1]["PMCID"] == "PMC8561068"
    (req,) = online.requests("/eutils/efetch.fcgi")
    assert req.query["id"] == "22351513,34709863" and req.query["db"] == "pubmed"
    assert req.query["tool"] == "citeport" and req.query["email"] == "tests@example.org"
    assert "citeport/" in req.headers["user-agent"]


def test_efetch_batches_at_most_200_ids(online):
    needs("pubmed-xml")
    ids = [str(1000000 + n) for n in range(450)] + ["22351513"]
    with http() as h:
        items = list(ncbi.efetch_pubmed(h, ids))
    assert [i["PMID"] for i in items] == ["22351513"]  # unknown PMIDs yield nothing, like PubMed
    sizes = [len(r.query["id"].split(",")) for r in online.requests("/eutils/efetch.fcgi")]
    assert sizes == [200, 200, 51]


def test_esearch_and_idconv_recorded(online):
    with http() as h:
        assert ncbi.esearch(h, "hart rk[author]")[:3] == ["40455089", "40211185", "40122602"]
        (rec,) = ncbi.idconv(h, ["10.1038/ng.590"])
        assert (rec["pmid"], rec["pmcid"]) == ("20495566", "PMC2883744")
        assert ncbi.idconv(h, ["10.9999/unknown"]) == []  # the converter's per-record error
    (req,) = online.requests("/idconv/")[:1]
    assert req.query["tool"] == "citeport" and req.query["email"] == "tests@example.org"


def test_idconv_404_body_explains(online):
    # the recorded 404 answer is JSON with status=error and a URL-quoted message
    online.script["/idconv/"] = [(404, {"Content-Type": "application/json"},
                                  online.read("ncbi_pmc_idconv/rcrossref_idconv_bad_type_01_404.json"), 0)]
    with http() as h, pytest.raises(OnlineError, match="ID type 'doi' mismatch for '28371833'"):
        ncbi.idconv(h, ["28371833"])


def test_crossref_works_and_polite_pool(online):
    with http() as h:
        item = crossref.works(h, "10.1371/journal.pone.0033693")
    assert item["type"] == "article-journal" and item["container-title"] == "PLoS ONE"
    assert item["author"][1] == {"family": "Pond", "given": "Brooks B."}
    assert item["issued"] == {"date-parts": [[2012, 3, 21]]} and item["page"] == "e33693"
    assert online.requests("/crossref/")[0].query["mailto"] == "tests@example.org"


def test_crossref_404_is_not_found(online):
    with http() as h, pytest.raises(NotFound):
        crossref.works(h, "10.1371/notarealdoi")


def test_content_negotiation_follows_recorded_redirect(online):
    with http() as h:
        science = crossref.content_negotiation(h, "10.1126/science.169.3946.635")
        acs = crossref.content_negotiation(h, "10.1021/JA01577A030")
    assert science["author"] == [{"family": "Frank", "given": "Henry S."}]
    assert science["container-title"] == "Science" and science["issued"] == {"date-parts": [[1970, 8, 14]]}
    assert [r.path for r in online.requests("/")][:2] == ["/doi/10.1126/science.169.3946.635",
                                                          "/crossref/v1/works/10.1126%2Fscience.169.3946.635/transform"]
    assert online.requests("/doi/")[0].headers["accept"] == crossref.CSL_JSON
    assert acs["author"] == [{"family": "Hall", "given": "H. K.", "suffix": "Jr."}]
    assert acs["container-title-short"] == "J. Am. Chem. Soc." and acs["ISSN"] == "0002-7863"
    assert "indexed" not in acs and "reference-count" not in acs  # Crossref bookkeeping is not CSL


# -- failure modes -------------------------------------------------------------------------------
def test_429_then_success_honours_retry_after(online):
    body = online.read("crossref_works/habanero_works_pone.0033693_01_200.json")
    path = "/crossref/works/10.1371/journal.pone.0033693"
    online.script[path] = [(429, {"Retry-After": "1"}, b"Too Many Requests", 0)]
    with http() as h:
        item = crossref.works(h, "10.1371/journal.pone.0033693")
    assert item["DOI"] == "10.1371/journal.pone.0033693"
    first, second = online.requests(path)
    assert second.time - first.time >= 0.95


def test_503_retried_with_backoff_then_gives_up(online):
    path = "/crossref/works/10.1371/journal.pone.0033693"
    online.script[path] = [(503, {}, b"busy", 0)] * 3
    with http(retries=2) as h, pytest.raises(OnlineError, match="HTTP 503"):
        crossref.works(h, "10.1371/journal.pone.0033693")
    assert len(online.requests(path)) == 3


def test_timeout_is_one_clear_error(online):
    path = "/crossref/works/10.1371/journal.pone.0033693"
    online.script[path] = [(200, {}, b"{}", 1.5)] * 2
    with http(timeout=0.3, retries=1) as h, pytest.raises(Unreachable, match="did not answer within 0.3 s"):
        crossref.works(h, "10.1371/journal.pone.0033693")
    assert len(online.requests(path)) == 2


def test_malformed_bodies(online):
    online.script["/crossref/works/10.1371/journal.pone.0033693"] = [(200, {}, b'{"status": "ok", "mess', 0)]
    online.script["/eutils/efetch.fcgi"] = [(200, {}, b"<PubmedArticleSet><PubmedArticle><MedlineCitation>", 0)]
    with http() as h:
        with pytest.raises(OnlineError, match="malformed answer"):
            crossref.works(h, "10.1371/journal.pone.0033693")
        with pytest.raises(OnlineError, match="malformed answer"):
            list(ncbi.efetch_pubmed(h, ["22351513"]))


def test_unreachable_service(tmp_path, monkeypatch):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    monkeypatch.setenv("CITEPORT_CROSSREF_URL", f"http://127.0.0.1:{port}/")
    monkeypatch.setenv("CITEPORT_CACHE_DIR", str(tmp_path))
    with http() as h, pytest.raises(Unreachable, match=f"cannot reach 127.0.0.1:{port}"):
        crossref.works(h, "10.1234/x")
    proc = run_cli("fetch", "doi:10.1234/x")
    assert proc.returncode == 2
    assert proc.stderr_text.count("\n") == 1 and "cannot reach" in proc.stderr_text
    assert "Traceback" not in proc.stderr_text


def test_ncbi_rate_limit_spacing(online):
    """Arrival times at the server: 5 NCBI requests span at least 4 intervals (1/3 s; 1/10 s with a key).

    The span, not each gap, is asserted: a busy machine may delay one arrival, which shortens the next gap.
    """
    with http(cache=False) as h:
        for n in range(5):
            (ncbi.esearch if n % 2 else lambda h, _: ncbi.idconv(h, ["10.1038/ng.590"]))(h, "hart rk[author]")
    times = [r.time for r in online.log]
    assert len(times) == 5 and times[-1] - times[0] >= 4 / 3 - 0.03  # eutils and idconv share the budget
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.15
    online.log.clear()
    with http(cache=False, ncbi_api_key="k") as h:
        for _ in range(5):
            ncbi.esearch(h, "hart rk[author]")
    times = [r.time for r in online.log]
    assert 4 / 10 - 0.03 <= times[-1] - times[0] < 4 / 3 - 0.1  # 10 per second with an API key
    assert online.log[0].query["api_key"] == "k"


def test_retry_after_parsing():
    assert retry_after("7") == 7.0
    assert retry_after(None) is None and retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past: no wait


# -- cache --------------------------------------------------------------------------------------------
def test_cache_second_run_makes_no_request_and_offline_uses_it(online):
    with http() as h:
        first = crossref.works(h, "10.1371/journal.pone.0033693")
    with http() as h:
        again = crossref.works(h, "10.1371/journal.pone.0033693")
        assert h.network_requests == 0
    assert first == again and len(online.log) == 1
    with http(offline=True) as h:
        assert crossref.works(h, "10.1371/journal.pone.0033693") == first
        with pytest.raises(CacheMiss, match="offline"):
            crossref.works(h, "10.1111/hex.12000")
    with http(cache=False) as h:
        crossref.works(h, "10.1371/journal.pone.0033693")
    assert len(online.log) == 2


def test_cache_expiry_and_key(online):
    with http(cache_ttl=0) as h:
        crossref.works(h, "10.1371/journal.pone.0033693")
        crossref.works(h, "10.1371/journal.pone.0033693")
    assert len(online.log) == 2  # expired at once
    # identity parameters do not split the cache
    assert request_key("GET", "u", {"ids": "1", "email": "a"}) == request_key("GET", "u", {"ids": "1"})
    assert request_key("GET", "u", {"ids": "1"}) != request_key("GET", "u", {"ids": "2"})


def test_concurrent_runs_share_the_cache(online, tmp_path):
    import threading

    errors = []

    def run():
        try:
            with http() as h:
                crossref.works(h, "10.1371/journal.pone.0033693")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    entries = list((tmp_path / "cache" / "http").glob("*/*"))
    assert len(entries) == 1 and entries[0].suffix == ".entry"  # no temporary files left behind


# -- policy ---------------------------------------------------------------------------------------------
def test_merge_fills_reports_and_keeps_local_on_conflict():
    ctx = Context()
    item = {"title": "A title.", "container-title": "Health Expect", "container-title-short": "Health Expect",
            "page": "2310-5", "issued": {"date-parts": [[2015]]}, "volume": "18"}
    remote = {"title": "A title", "container-title": "Health expectations", "page": "2310-2315",
              "issued": {"date-parts": [[2015, 2]]}, "volume": "19", "author": [{"family": "Owens", "given": "John"}],
              "custom": {"nlm-unique-id": "9815926"}}
    merge(item, [Layer("PubMed (efetch PMID 1)", remote)], ctx, record="r1")
    assert item["author"] == [{"family": "Owens", "given": "John"}]
    assert item["container-title"] == "Health expectations"  # the abbreviation only stood in
    assert item["volume"] == "18" and item["title"] == "A title." and item["page"] == "2310-5"
    filled = {d.field: d.message for d in ctx.diagnostics if d.code == "filled"}
    assert filled["author"] == "from PubMed (efetch PMID 1)" and "custom.nlm-unique-id" in filled
    (conflict,) = [d for d in ctx.diagnostics if d.code == "conflict"]
    assert conflict.field == "volume" and conflict.level == "warning" and "'18'" in conflict.message
    ctx = Context()
    merge(item, [Layer("X", {"ISSN": "1369-7625", "custom": {"issn": {"print": "1369-6513"}}})], Context())
    item["ISSN"] = "1369-6513"
    merge(item, [Layer("X", {"ISSN": "1369-7625", "custom": {"issn": {"print": "1369-6513"}}})], ctx)
    assert not [d for d in ctx.diagnostics if d.code == "conflict"]  # print vs electronic ISSN: no conflict
    merge(item, [Layer("Crossref", {"volume": "19"})], ctx, prefer="remote")
    assert item["volume"] == "19" and any(d.code == "filled" for d in ctx.diagnostics)


def test_same_compares_meaning_not_spelling():
    assert same("page", "1021-9", "1021-1029")
    assert not same("page", "1021-9", "1021-1039")
    assert same("title", "<i>E. coli</i> growth.", "E. coli growth")
    assert same("author", [{"family": "Owens", "given": "J."}], [{"family": "OWENS", "given": "John"}])
    assert not same("author", [{"family": "Owens"}], [{"family": "Owen"}])
    assert same("ISSN", "13696513", "1369-6513")
    assert same("container-title", "Health Expectations", "Health expectations : an international journal")
    assert not same("container-title", "Health", "Health Expectations")


def test_parse_identifier():
    assert parse_identifier("pmid:22943560") == ("PMID", "22943560")
    assert parse_identifier("PMC5060756") == ("PMCID", "PMC5060756")
    assert parse_identifier("pmcid:PMC5060756") == ("PMCID", "PMC5060756")
    assert parse_identifier("https://doi.org/10.1111/hex.12000") == ("DOI", "10.1111/hex.12000")
    assert parse_identifier("22943560") == ("PMID", "22943560")
    with pytest.raises(CiteportError, match="not an identifier"):
        parse_identifier("pmid:abc")


# -- fetch: records from identifiers ----------------------------------------------------------------
def test_fetch_seed_identifiers(online):
    needs("pubmed-xml")
    ctx = Context()
    items = fetch(["pmid:22943560", "doi:10.1111/hex.12000", "pmcid:PMC5060756"], ctx=ctx)
    assert len(items) == 3
    for item in items:
        assert item["author"][0] == {"family": "Owens", "given": "John"}
        assert (item["PMID"], item["PMCID"], item["DOI"]) == ("22943560", "PMC5060756", "10.1111/hex.12000")
        assert item["container-title"].startswith("Health expectations : an international journal")
        assert item["id"] == "pmid:22943560"


def test_fetch_unknown_identifier_is_skipped(online):
    ctx = Context()
    assert fetch(["doi:10.1371/notarealdoi"], ctx=ctx) == []
    assert ctx.skipped == 1 and "no record found for doi:10.1371/notarealdoi" in str(ctx.diagnostics[-1])


def test_cli_fetch_pmid_csl_json_and_apa(online, cli):
    needs("pubmed-xml")
    code, out, err = cli("fetch", "pmid:22351513")
    assert code == 0, err
    (item,) = json.loads(out)
    assert item["title"].startswith("Variation in oil content and fatty acid composition of the seed oil")
    assert item["container-title-short"] == "J Sci Food Agric" and item["volume"] == "92"
    assert item["page"] == "2310-5" and item["DOI"] == "10.1002/jsfa.5627"
    code, out, err = cli("fetch", "pmid:22351513", "--style", "apa")
    assert code == 0, err
    assert "(2012)" in out and "Variation in oil content" in out
    assert "https://doi.org/10.1002/jsfa.5627" in out


def test_cli_fetch_doi_csl_json_and_apa(online, cli):
    code, out, err = cli("fetch", "doi:10.1371/journal.pone.0033693")
    assert code == 0, err
    (item,) = json.loads(out)
    assert item["id"] == "doi:10.1371/journal.pone.0033693" and item["type"] == "article-journal"
    assert item["author"][0] == {"family": "Sadasivan", "given": "Shankar"} and item["volume"] == "7"
    code, out, err = cli("fetch", "10.1371/journal.pone.0033693", "--style", "apa")
    assert code == 0, err
    assert out.startswith("Sadasivan, S., Pond, B. B.")
    assert "PLoS ONE, 7(3), e33693" in out and "(2012)" in out


def test_cli_fetch_pmcid_csl_json_and_apa(online, cli):
    needs("jats")
    code, out, err = cli("fetch", "pmcid:PMC3299399")
    assert code == 0, err
    (item,) = json.loads(out)
    assert (item["PMCID"], item["PMID"], item["DOI"]) == ("PMC3299399", "22416237", "10.3389/fpsyt.2012.00018")
    assert item["title"] == "The Effects of Psychosis Risk Variants on Brain Connectivity: A Review"
    assert item["author"][0] == {"family": "Mothersill", "given": "Omar"}
    code, out, err = cli("fetch", "PMC3299399", "--style", "apa")
    assert code == 0, err
    assert out.startswith("Mothersill, O., Kelly, S.") and "Frontiers in Psychiatry" in out


# -- --enrich on convert ----------------------------------------------------------------------------------
def test_seed_page_enriched_by_its_doi(online, seed_path):
    needs("pubmed-text")
    needs("pubmed-xml")
    proc = run_cli("convert", str(seed_path), "--enrich", "--to", "csl-json", "--report")
    assert proc.returncode == 0, proc.stderr_text
    (item,) = json.loads(proc.stdout_text)
    assert item["author"] == [{"family": "Owens", "given": "John"}]
    assert (item["PMID"], item["PMCID"]) == ("22943560", "PMC5060756")
    assert item["container-title"] == ("Health expectations : an international journal of public participation "
                                       "in health care and health policy")
    assert item["container-title-short"] == "Health Expect"
    assert "filled author: from PubMed (efetch PMID 22943560)" in proc.stderr_text
    assert "filled PMID: from the PMC ID converter" in proc.stderr_text
    requests = len(online.log)
    assert requests >= 3
    again = run_cli("convert", str(seed_path), "--enrich", "--to", "ris")
    assert again.returncode == 0, again.stderr_text
    assert "AU  - Owens, John" in again.stdout_text
    assert len(online.log) == requests  # the second run is answered by the cache


def test_enrich_conflict_reported_not_overwritten(online, cli):
    needs("pubmed-xml")
    local = [{"id": "x", "type": "article-journal", "DOI": "10.1111/hex.12000", "volume": "81",
              "title": "Creating an impersonal NHS"}]
    code, out, err = cli("convert", "-", "--from", "csl-json", "--enrich", "--to", "csl-json", input=json.dumps(local))
    (item,) = json.loads(out)
    assert item["volume"] == "81" and item["author"][0]["family"] == "Owens"
    assert "volume: the record has '81', PubMed (efetch PMID 22943560) has '18'" in err
    assert "title:" in err  # a different title is a conflict too
    code, out, err = cli("convert", "-", "--from", "csl-json", "--enrich", "--prefer", "remote", "--to", "csl-json",
                   input=json.dumps(local))
    assert json.loads(out)[0]["volume"] == "18"


def test_enrich_offline_without_cache_warns_and_keeps_records(online, cli):
    local = [{"id": "x", "type": "book", "title": "T", "DOI": "10.1371/journal.pone.0033693"}]
    code, out, err = cli("convert", "-", "--from", "csl-json", "--enrich", "--offline", "--to", "csl-json",
                   input=json.dumps(local))
    assert code == 0 and json.loads(out)[0]["title"] == "T"
    assert "offline: no cached answer" in err and len(online.log) == 0


def test_format_with_enrich(online, cli, seed_path):
    needs("pubmed-text")
    needs("pubmed-xml")
    code, out, err = cli("format", str(seed_path), "--enrich", "--style", "apa", "--no-cache")
    assert code == 0, err
    assert out.startswith("Owens, J. (2015). Creating an impersonal NHS?")
    assert "Health Expectations : An International Journal" in out  # APA title-cases the NLM title
    code, out, err = cli("format", str(seed_path), "--enrich", "--style", "apa", "--offline")
    assert "offline: no cached answer" in err  # --no-cache wrote nothing


def test_convert_without_enrich_opens_no_socket(monkeypatch, tmp_path, capsys):
    from citeport import cli

    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "a", "type": "book", "title": "T", "DOI": "10.1111/hex.12000",
                                "PMID": "22943560"}]))
    assert cli.main(["convert", str(src), "--to", "csl-json"]) == 0
    assert cli.main(["format", str(src), "--style", "apa"]) == 0
    assert "T" in capsys.readouterr().out
