"""A local HTTP server that replays the recorded service answers in ../shared/http/ (and tests/data/http/).

No tests here (pytest collects nothing). Used by tests/test_enrich*.py: the clients are pointed at it through the
CITEPORT_*_URL variables, so no test touches the internet.  Every request is
logged (time, path, query, headers) so tests can count requests and measure
their spacing; ``script`` queues canned answers (429, 503, malformed bodies,
delays) for a path before the replay takes over.
"""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

HERE = Path(__file__).resolve().parent
BUILT = HERE / "data" / "http"

#: PMID -> efetch file (relative to shared/http or tests/data/http).
PUBMED = {
    "1234567": "ncbi_eutils/eutils_efetch_01_200.xml",
    "22351513": "ncbi_eutils/eutils_efetch_pubmed_22351513_01_200.xml",
    "23121403": "ncbi_eutils/eutils_efetch_pubmed_23121403_01_200.xml",
    "29915538": "ncbi_eutils/eutils_efetch_pubmed_29915538_01_200.xml",
    **{p: f"ncbi_eutils/metapub_efetch_pubmed/{p}.xml" for p in (
        "11636720", "33856845", "34709863", "34843274", "35679569", "38048813", "38546579", "38962805")},
    "22943560": "BUILT:ncbi_eutils/efetch_pubmed_22943560_200.xml",
}
PMC = {"3299399": "ncbi_eutils/eutils_efetch_pmc_PMC3299399_01_200.xml"}
ESEARCH = {
    "hart rk[author]": "ncbi_eutils/eutils_esearchresult_02_200.xml",
    "10.1111/hex.12000[doi]": "BUILT:ncbi_eutils/esearch_doi_hex.12000_200.xml",
}
IDCONV = {
    "10.1038/ng.590": "ncbi_pmc_idconv/rcrossref_idconv_doi_10.1038_ng.590_01_200.json",
    "10.1111/hex.12000": "BUILT:ncbi_pmc_idconv/idconv_doi_10.1111_hex.12000_200.json",
}
WORKS = {
    "10.1371/journal.pone.0033693": "crossref_works/habanero_works_pone.0033693_01_200.json",
    "10.1111/hex.12000": "BUILT:crossref_works/works_10.1111_hex.12000_200.json",
}
#: DOI content negotiation (lower-cased DOI -> file); science.* goes through the recorded 302.
CSL = {
    "10.1021/ja01577a030": "doi_content_negotiation/citationjs_cn_csljson_10.1021_JA01577A030.json",
    "10.1101/2021.08.15.21262067": "doi_content_negotiation/citationjs_cn_csljson_10.1101_2021.08.15.21262067.json",
    "10.5281/zenodo.8242099": "doi_content_negotiation/citationjs_cn_csljson_10.5281_ZENODO.8242099.json",
    "10.59350/hhtcn-zah03": "doi_content_negotiation/citationjs_cn_csljson_10.59350_HHTCN-ZAH03.json",
}
SCIENCE = "10.1126/science.169.3946.635"


@dataclass
class Logged:
    time: float
    path: str
    query: dict
    headers: dict


@dataclass
class Replay:
    shared: Path
    log: list[Logged] = field(default_factory=list)
    #: path -> queued (status, headers, body, delay) answers, used before the replay.
    script: dict[str, list[tuple]] = field(default_factory=dict)
    base: str = ""

    def read(self, name: str) -> bytes:
        if name.startswith("BUILT:"):
            return (BUILT / name[6:]).read_bytes()
        return (self.shared / "http" / name).read_bytes()

    def requests(self, prefix: str = "") -> list[Logged]:
        return [r for r in self.log if r.path.startswith(prefix)]

    # -- routing ------------------------------------------------------------------------
    def answer(self, path: str, q: dict, headers: dict) -> tuple[int, dict, bytes]:
        xml = {"Content-Type": "text/xml; charset=UTF-8"}
        jsn = {"Content-Type": "application/json"}
        if path == "/eutils/efetch.fcgi":
            ids = q.get("id", "").split(",")
            table = PMC if q.get("db") == "pmc" else PUBMED
            found = [self.read(table[i]) for i in ids if i in table]
            if q.get("db") == "pmc":
                return (200, xml, found[0]) if found else (200, xml, b"<pmc-articleset></pmc-articleset>")
            articles = b"".join(re.findall(rb"<PubmedArticle>.*?</PubmedArticle>", f, re.S)[0] for f in found)
            empty = self.read("ncbi_eutils/metapub_efetch_pubmed/37909814.xml")  # the real "no record" answer
            return 200, xml, empty.replace(b"<PubmedArticleSet>\n", b"<PubmedArticleSet>\n" + articles)
        if path == "/eutils/esearch.fcgi":
            name = ESEARCH.get(q.get("term", "").lower())
            if name:
                return 200, xml, self.read(name)
            return 200, xml, (b'<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult><Count>0</Count>'
                              b"<RetMax>0</RetMax><RetStart>0</RetStart><IdList/></eSearchResult>")
        if path == "/idconv/":
            if q.get("idtype") == "doi" and q.get("ids", "").isdigit():
                return 404, jsn, self.read("ncbi_pmc_idconv/rcrossref_idconv_bad_type_01_404.json")
            ids = q.get("ids", "").lower().split(",")
            for i in ids:
                if i in IDCONV:
                    return 200, jsn, self.read(IDCONV[i])
            records = [{"doi" if i.startswith("10.") else "pmcid" if i.startswith("pmc") else "pmid": i,
                        "live": "false", "status": "error", "errmsg": "Identifier not found in PMC"} for i in ids]
            return 200, jsn, json.dumps({"status": "ok", "responseDate": "2026-11-25 12:00:00",
                                         "request": "format=json", "records": records}).encode()
        if path.startswith("/crossref/v1/works/") and path.endswith("/transform"):
            doi = unquote(path[len("/crossref/v1/works/"):-len("/transform")])
            if doi == SCIENCE and "csl+json" in headers.get("accept", ""):
                return 200, {}, self.read("doi_content_negotiation/rcrossref_cn_csljson_science.169.3946.635_02_200.json")
            if doi == SCIENCE and "x-bibtex" in headers.get("accept", ""):
                return 200, {"Content-Type": "application/x-bibtex"}, self.read(
                    "doi_content_negotiation/habanero_cn_bibtex_via_doi.org_science.169.3946.635_02_200.bib")
        if path.startswith("/crossref/works/"):
            doi = unquote(path[len("/crossref/works/"):])
            if doi.endswith("/agency") and doi[:-7] == SCIENCE:
                return 200, jsn, self.read("crossref_works/habanero_agency_science.169.3946.635_01_200.json")
            if doi in WORKS:
                return 200, jsn, self.read(WORKS[doi])
            return 404, {"Content-Type": "text/plain"}, self.read("crossref_works/habanero_works_bad_id_01_404.txt")
        if path.startswith("/doi/"):
            doi = unquote(path[len("/doi/"):])
            if doi == SCIENCE:
                return 302, {"Location": f"{self.base}/crossref/v1/works/10.1126%2Fscience.169.3946.635/transform",
                             "Content-Type": "text/html;charset=utf-8"}, self.read(
                    "doi_content_negotiation/habanero_cn_bibtex_via_doi.org_science.169.3946.635_01_302.html")
            if doi.lower() in CSL and "csl+json" in headers.get("accept", ""):
                return 200, {"Content-Type": "application/vnd.citationstyles.csl+json"}, self.read(CSL[doi.lower()])
            return 404, {"Content-Type": "text/plain"}, b"DOI Not Found"
        if path == "/journals/J_Medline.txt":
            return 200, {"Content-Type": "text/plain"}, (self.shared / "reference" / "journals" /
                                                          "J_Sequence_20190207.txt").read_bytes()
        return 404, {"Content-Type": "text/plain"}, b"Not found"


def start(shared: Path) -> tuple[Replay, ThreadingHTTPServer]:
    replay = Replay(shared)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            replay.log.append(Logged(time.monotonic(), parts.path, query, headers))
            queued = replay.script.get(parts.path)
            if queued:
                status, extra, body, delay = queued.pop(0)
                time.sleep(delay)
            else:
                status, extra, body = replay.answer(parts.path, query, headers)
            try:
                self.send_response(status)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    replay.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return replay, server
