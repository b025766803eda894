"""Preprints read into one CSL shape from every reader, and formatted as citeproc-js formats that shape.

The shape (docs/conventions.md, "preprint"; model/preprints.py): ``type: article``, the server in
``publisher``, its identifier in ``number``, no ``container-title``/``page`` (which styles print as
"In bioRxiv ... (p. 2023.02.07.527548)"); the server's full title and abbreviation in
``custom["preprint-server"]``.  Fixtures are written here from the exporters' usual output.
The APA/Vancouver/AMA strings are citeproc-js's output for that shape, recorded.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

import citeport
from citeport.model.preprints import as_journal, preprint_shape, server_name
from test_enrich import online, server  # noqa: F401  (fixtures: the recorded-answer server)

MEDLINE = """PMID- 36798302
STAT- PubMed-not-MEDLINE
DP  - 2023 Feb 8
TI  - Dynamic mapping of proteome trafficking within and between living cells by TransitID.
PG  - 2023.02.07.527548
LID - 2023.02.07.527548 [pii]
LID - 10.1101/2023.02.07.527548 [doi]
FAU - Xu, Wei Qin
AU  - Xu WQ
FAU - Ting, Alice Y
AU  - Ting AY
LA  - eng
PT  - Preprint
PL  - United States
TA  - bioRxiv
JT  - bioRxiv : the preprint server for biology
JID - 101680187
SO  - bioRxiv. 2023 Feb 8:2023.02.07.527548. doi: 10.1101/2023.02.07.527548.
"""

PUBMED_XML = """<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation Status="PubMed-not-MEDLINE" Owner="NLM">
<PMID Version="1">37064529</PMID><Article PubModel="Electronic">
<Journal><ISSN IssnType="Electronic">2331-8422</ISSN><JournalIssue CitedMedium="Internet">
<PubDate><Year>2023</Year><Month>Apr</Month><Day>06</Day></PubDate></JournalIssue>
<Title>ArXiv</Title><ISOAbbreviation>ArXiv</ISOAbbreviation></Journal>
<ArticleTitle>Self-organized intracellular twisters.</ArticleTitle>
<ELocationID EIdType="pii" ValidYN="Y">arXiv:2304.02112v2</ELocationID>
<AuthorList><Author><LastName>Dutta</LastName><ForeName>Sayantan</ForeName></Author></AuthorList>
<Language>eng</Language><PublicationTypeList><PublicationType UI="D000076942">Preprint</PublicationType>
</PublicationTypeList></Article><MedlineJournalInfo><MedlineTA>ArXiv</MedlineTA></MedlineJournalInfo>
</MedlineCitation></PubmedArticle></PubmedArticleSet>
"""

RIS = """TY  - UNPB
AU  - Smith, Jane
TI  - A preprint about mice
PY  - 2022
PB  - Research Square
M1  - rs.3.rs-1234567/v1
DO  - 10.21203/rs.3.rs-1234567/v1
ER  - 
"""

BIBTEX_BIORXIV = """@article {Lee2020.01.02.123456,
  author = {Lee, Min and Park, Ji},
  title = {Cell atlas of the fly gut},
  elocation-id = {2020.01.02.123456},
  year = {2020},
  doi = {10.1101/2020.01.02.123456},
  publisher = {Cold Spring Harbor Laboratory},
  URL = {https://www.biorxiv.org/content/early/2020/01/03/2020.01.02.123456},
  journal = {bioRxiv}
}
"""

CROSSREF = json.dumps([{
    "type": "posted-content", "subtype": "preprint", "DOI": "10.1101/2021.02.26.21252524",
    "title": ["Household transmission of SARS-CoV-2 variant B.1.1.7"], "publisher": "Cold Spring Harbor Laboratory",
    "institution": [{"name": "medRxiv"}], "author": [{"family": "Lopez", "given": "Ana"}],
    "posted": {"date-parts": [[2021, 3, 1]]}, "issued": {"date-parts": [[2021, 3, 1]]}}])


def _one(text: str, fmt: str) -> dict:
    items = citeport.read(text, fmt)
    assert len(items) == 1, items.diagnostics
    return items[0]


def test_medline_preprint_has_the_shape():
    it = _one(MEDLINE, "medline")
    assert it["type"] == "article" and it["publisher"] == "bioRxiv" and it["number"] == "2023.02.07.527548"
    assert "container-title" not in it and "page" not in it
    assert it["custom"]["preprint-server"] == {"title": "bioRxiv : the preprint server for biology"}
    assert it["custom"]["elocation"] == "2023.02.07.527548"  # still where the convention puts it


def test_medline_writes_the_server_back_as_journal():
    text = citeport.write([_one(MEDLINE, "medline")], "medline")
    assert "JT  - bioRxiv : the preprint server for biology" in text and "TA  - bioRxiv" in text
    # the writer gives an e-location as LID [pii] rather than PG (medline.py), as PubMed does
    assert "LID - 2023.02.07.527548 [pii]" in text and "PB  -" not in text
    back = _one(text, "medline")
    assert (back["publisher"], back["number"]) == ("bioRxiv", "2023.02.07.527548")


def test_pubmed_xml_arxiv():
    it = _one(PUBMED_XML, "pubmed-xml")
    assert (it["type"], it["publisher"], it["number"]) == ("article", "arXiv", "arXiv:2304.02112v2")
    assert "container-title" not in it and "container-title-short" not in it
    assert it["custom"]["preprint-server"]["title"] == "ArXiv"  # NLM's spelling kept


def test_ris_unpublished_work_from_a_server():
    it = _one(RIS, "ris")
    assert (it["type"], it["publisher"], it["number"]) == ("article", "Research Square", "rs.3.rs-1234567/v1")
    # written as Zotero writes its preprints (GEN); PB names the server, which reads it back as one
    assert citeport.write([it], "ris").startswith("TY  - GEN")


def test_biorxiv_bibtex_journal_is_the_server():
    it = _one(BIBTEX_BIORXIV, "bibtex")
    assert (it["type"], it["publisher"]) == ("article", "bioRxiv")
    assert "container-title" not in it
    # the publishing body is not lost
    assert it["custom"]["preprint-server"]["publisher"] == "Cold Spring Harbor Laboratory"


def test_crossref_posted_content_server_from_institution():
    it = _one(CROSSREF, "csl-json")
    assert (it["type"], it["publisher"]) == ("article", "medRxiv")
    assert it["custom"]["preprint-server"]["publisher"] == "Cold Spring Harbor Laboratory"


def test_plain_csl_json_article_is_kept_as_written():
    raw = json.dumps([{"id": "a", "type": "article", "title": "T", "container-title": "bioRxiv", "page": "x.1"}])
    it = _one(raw, "csl-json")
    assert it["container-title"] == "bioRxiv" and it["page"] == "x.1"


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml", "bibtex", "jats", "medline", "csl-yaml"])
def test_shape_round_trips(fmt):
    it = _one(MEDLINE, "medline")
    back = _one(citeport.write([it], fmt), fmt)
    assert (back["type"], back["publisher"], back["number"]) == ("article", "bioRxiv", "2023.02.07.527548")
    assert "container-title" not in back and "page" not in back


def test_not_a_preprint_is_untouched():
    journal = {"type": "article-journal", "container-title": "Cell", "page": "3307-3324.e30"}
    assert preprint_shape(dict(journal)) == journal
    report = {"type": "report", "publisher": "bioRxiv", "number": "1"}
    assert preprint_shape(dict(report)) == report
    assert as_journal(journal) is journal
    assert server_name("medRxiv : the preprint server for health sciences") == "medRxiv"
    assert server_name("Journal of Biology") is None


def test_real_pages_of_a_preprint_stay_pages():
    it = preprint_shape({"type": "article", "container-title": "SSRN Electronic Journal", "page": "1-34"})
    assert it["publisher"] == "SSRN" and it["page"] == "1-34" and "number" not in it


#: citeproc-js 1.x output for the MEDLINE record above (text), recorded.
CITEPROC_JS = {
    "apa": "Xu, W. Q., & Ting, A. Y. (2023). Dynamic mapping of proteome trafficking within and between living "
           "cells by TransitID (2023.02.07.527548). bioRxiv. https://doi.org/10.1101/2023.02.07.527548",
    # MEDLINE PL (the server's country) is publisher-place, which Vancouver prints before the publisher
    "vancouver": "1. Xu WQ, Ting AY. Dynamic mapping of proteome trafficking within and between living cells by "
                 "TransitID. United States: bioRxiv; 2023.",
    "american-medical-association": "1. Xu WQ, Ting AY. Dynamic mapping of proteome trafficking within and "
                                    "between living cells by TransitID. bioRxiv. Preprint posted online "
                                    "February 8, 2023:2023.02.07.527548. doi:10.1101/2023.02.07.527548",
}


@pytest.mark.parametrize("style", sorted(CITEPROC_JS))
def test_formatted_like_citeproc_js(style):
    it = _one(MEDLINE, "medline")
    got = citeport.render([it], style)
    text = got if isinstance(got, str) else "\n".join(got)
    want = CITEPROC_JS[style]
    assert " ".join(text.split()).removeprefix("1. ") == want.removeprefix("1. ")
    assert "In bioRxiv" not in text and "p. 2023" not in text


@pytest.mark.skipif(not shutil.which("node"), reason="node absent")
def test_recorded_strings_are_citeproc_js_today():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from csl_agreement import citeproc_js, run_js, style_xml
    if citeproc_js() is None:
        pytest.skip("citeproc-js absent")
    it = _one(MEDLINE, "medline")
    for style, want in CITEPROC_JS.items():
        got = run_js(style_xml(style), [dict(it, id="x")], ["text"])["text"]["entries"][0]
        assert " ".join(got.split()) == want, style


# --- BibTeX/BibLaTeX arXiv entries, as the usual exporters write them (written before running citeport) ---

#: arXiv's own "Export BibTeX citation"
ARXIV_MISC = """@misc{doe2021study,
      title={A Study of Things},
      author={Jane Doe and John Roe},
      year={2021},
      eprint={2101.00001},
      archivePrefix={arXiv},
      primaryClass={cs.LG},
      url={https://arxiv.org/abs/2101.00001},
}
"""
#: Google Scholar: the server and the id as the "journal"
SCHOLAR = """@article{vaswani2017attention,
  title={Attention is all you need},
  author={Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
  journal={arXiv preprint arXiv:1706.03762},
  year={2017}
}
"""
#: DBLP: arXiv's CoRR as the journal, "abs/ID" as the volume
DBLP = """@article{DBLP:journals/corr/abs-2101-00001,
  author       = {Jane Doe and
                  John Roe},
  title        = {A Study of Things},
  journal      = {CoRR},
  volume       = {abs/2101.00001},
  year         = {2021},
  url          = {https://arxiv.org/abs/2101.00001},
  eprinttype    = {arXiv},
  eprint       = {2101.00001},
  timestamp    = {Mon, 04 Jan 2021 10:00:00 +0100},
  biburl       = {https://dblp.org/rec/journals/corr/abs-2101-00001.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}
"""
#: NASA ADS: "arXiv e-prints" with the id as eid and pages
ADS = """@ARTICLE{2021arXiv210100001D,
       author = {{Doe}, Jane and {Roe}, John},
        title = "{A Study of Things}",
      journal = {arXiv e-prints},
     keywords = {Computer Science - Machine Learning},
         year = 2021,
        month = jan,
          eid = {arXiv:2101.00001},
        pages = {arXiv:2101.00001},
archivePrefix = {arXiv},
       eprint = {2101.00001},
 primaryClass = {cs.LG},
       adsurl = {https://ui.adsabs.harvard.edu/abs/2021arXiv210100001D},
      adsnote = {Provided by the SAO/NASA Astrophysics Data System}
}
"""
#: Semantic Scholar: journal ArXiv, volume abs/ID
S2 = """@article{Doe2021ASO,
  title={A Study of Things},
  author={Jane Doe and John Roe},
  journal={ArXiv},
  year={2021},
  volume={abs/2101.00001},
  url={https://api.semanticscholar.org/CorpusID:123456}
}
"""
#: hand-written: howpublished names the server, a DOI from arXiv's DataCite
UNPUBLISHED = """@unpublished{doe2021u,
  author = {Doe, Jane},
  title = {A Study of Things},
  year = {2021},
  howpublished = {arXiv},
  note = {Preprint},
  eprint = {2101.00001},
  archivePrefix = {arXiv},
  doi = {10.48550/arXiv.2101.00001}
}
"""


@pytest.mark.parametrize("text, number, kept", [
    (ARXIV_MISC, "2101.00001", None), (SCHOLAR, "1706.03762", "arXiv preprint arXiv:1706.03762"),
    (DBLP, "2101.00001", "CoRR"), (ADS, "2101.00001", "arXiv e-prints"),
    # expectation corrected after the first run: "ArXiv" is a spelling of its own, kept as PubMed's is above
    (S2, "2101.00001", "ArXiv"),
    (UNPUBLISHED, "2101.00001", None)])
@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtex_arxiv_entries_have_the_shape(text, number, kept, fmt):
    it = _one(text, fmt)
    assert (it["type"], it["publisher"], it["number"]) == ("article", "arXiv", number)
    for gone in ("container-title", "container-title-short", "volume", "page"):
        assert gone not in it, gone
    assert it.get("custom", {}).get("preprint-server", {}).get("title") == kept
    assert "preprint-server" not in it.get("custom", {}) or kept


def test_bibtex_arxiv_keeps_links_and_class():
    it = _one(ARXIV_MISC, "bibtex")
    assert it["URL"] == "https://arxiv.org/abs/2101.00001" and it["custom"]["eprintclass"] == "cs.LG"
    assert _one(UNPUBLISHED, "bibtex")["DOI"] == "10.48550/arXiv.2101.00001"
    assert _one(S2, "bibtex")["URL"] == "https://api.semanticscholar.org/CorpusID:123456"


def test_journal_article_with_an_arxiv_eprint_stays_a_journal_article():
    text = ARXIV_MISC.replace("@misc", "@article").replace("year={2021},", "year={2021}, journal={Phys. Rev. D}, "
                                                           "volume={95}, pages={123456},")
    it = _one(text, "bibtex")
    assert (it["type"], it["container-title"], it["volume"]) == ("article-journal", "Phys. Rev. D", "95")
    assert it["custom"]["eprint"] == "2101.00001" and "number" not in it


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
@pytest.mark.parametrize("text", [ARXIV_MISC, DBLP, SCHOLAR])
def test_bibtex_writes_arxiv_preprints_back(text, fmt):
    it = _one(text, "bibtex")
    out = citeport.write([it], fmt)
    # biblatex: @online, as Better BibTeX writes a preprint (its csl-type reads back as article)
    assert out.lstrip().startswith("@online" if fmt == "biblatex" else "@misc")
    assert re.search(r"^  eprint +=", out, re.M)
    assert re.search(r"^  (eprinttype|archiveprefix) += \{arXiv\}", out, re.M | re.I)
    back = _one(out, fmt)
    for var in ("type", "publisher", "number", "title"):
        assert back.get(var) == it.get(var), var
    # (corrected after the first run) an entry without url gains arXiv's abs link from its eprint, as read
    assert back["URL"] == it.get("URL", f"https://arxiv.org/abs/{it['number']}")
    assert back.get("custom", {}).get("preprint-server") == it.get("custom", {}).get("preprint-server")


def test_biorxiv_bibtex_writes_back_the_same():
    it = _one(BIBTEX_BIORXIV, "bibtex")
    back = _one(citeport.write([it], "bibtex"), "bibtex")
    for var in ("type", "publisher", "number", "DOI"):
        assert back.get(var) == it.get(var), var
    assert back["custom"]["preprint-server"] == it["custom"]["preprint-server"]


# --- the server's full title, abbreviation and publisher in writers without a place for them ---

def test_jats_cites_a_preprint_as_jats4r_and_reads_it_back():
    it = _one(BIBTEX_BIORXIV, "bibtex")
    text = citeport.write([it], "jats")
    assert "<source>bioRxiv</source>" in text and "<publisher-name>Cold Spring Harbor Laboratory<" in text
    assert "<elocation-id>2020.01.02.123456</elocation-id>" in text
    back = _one(text, "jats")
    for var in ("type", "publisher", "number", "DOI", "URL"):
        assert back.get(var) == it.get(var), var
    assert back["custom"]["preprint-server"] == {"publisher": "Cold Spring Harbor Laboratory"}
    # PubMed's full title goes back as the source (it names the server again); the abbreviation cannot
    med = _one(MEDLINE, "medline")
    back = _one(citeport.write([med], "jats"), "jats")
    assert (back["publisher"], back["number"]) == ("bioRxiv", "2023.02.07.527548") and "page" not in back
    assert back["custom"]["preprint-server"] == med["custom"]["preprint-server"]


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml", "jats"])
def test_preprint_server_fields_are_written_or_reported(fmt, tmp_path):
    from conftest import run_cli
    src = tmp_path / "in.bib"
    src.write_text(BIBTEX_BIORXIV + SCHOLAR, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    proc = run_cli("convert", str(src), "-f", "bibtex", "-t", fmt, "-o", str(out), "--report")
    assert proc.returncode == 0, proc.stderr_text
    back = citeport.read(out.read_text(encoding="utf-8"), fmt)
    originals = citeport.read(BIBTEX_BIORXIV + SCHOLAR, "bibtex")
    for orig, got in zip(originals, back):
        assert (got["type"], got["publisher"], got["number"]) == (orig["type"], orig["publisher"], orig["number"])
        want = orig["custom"]["preprint-server"]
        have = (got.get("custom") or {}).get("preprint-server") or {}
        if fmt == "jats":  # JATS4R's source + publisher-name hold both
            assert have == want
        for key, value in want.items():  # each kept value comes back, or the report names it
            assert have.get(key) == value or "custom.preprint-server" in proc.stderr_text, (fmt, key)
    if fmt != "jats":
        assert "custom.preprint-server" in proc.stderr_text


# --- JATS articles that are preprints (written before running citeport) ---

#: PMC's NIH Preprint Pilot record of a bioRxiv preprint
PMC_PREPRINT = """<?xml version="1.0" encoding="UTF-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="preprint" dtd-version="1.3" xml:lang="en">
<front><journal-meta><journal-id journal-id-type="nlm-ta">bioRxiv</journal-id>
<journal-id journal-id-type="iso-abbrev">bioRxiv</journal-id>
<journal-title-group><journal-title>bioRxiv</journal-title></journal-title-group>
<publisher><publisher-name>Cold Spring Harbor Laboratory</publisher-name></publisher></journal-meta>
<article-meta><article-id pub-id-type="pmcid">PMC9934542</article-id><article-id pub-id-type="pmid">36798302</article-id>
<article-id pub-id-type="doi">10.1101/2023.02.07.527548</article-id>
<article-version article-version-type="status">preprint</article-version>
<article-categories><subj-group subj-group-type="heading"><subject>Article</subject></subj-group></article-categories>
<title-group><article-title>Dynamic mapping of proteome trafficking within and between living cells by TransitID</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Xu</surname><given-names>Wei Qin</given-names></name></contrib>
<contrib contrib-type="author"><name><surname>Ting</surname><given-names>Alice Y.</given-names></name></contrib></contrib-group>
<pub-date pub-type="epub"><day>08</day><month>2</month><year>2023</year></pub-date>
<elocation-id>2023.02.07.527548</elocation-id>
<custom-meta-group><custom-meta><meta-name>pmc-status-qastatus</meta-name><meta-value>0</meta-value></custom-meta>
<custom-meta><meta-name>pmc-prop-preprint</meta-name><meta-value>yes</meta-value></custom-meta></custom-meta-group>
</article-meta></front></article>
"""

#: Research Square's own JATS: a research article whose version and journal say preprint
RESEARCH_SQUARE = """<?xml version="1.0" encoding="UTF-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" dtd-version="1.2">
<front><journal-meta><journal-id journal-id-type="publisher-id">RS</journal-id>
<journal-title-group><journal-title>Research Square</journal-title></journal-title-group>
<publisher><publisher-name>Research Square Platform LLC</publisher-name></publisher></journal-meta>
<article-meta><article-id pub-id-type="doi">10.21203/rs.3.rs-1234567/v1</article-id>
<article-version vocab="JAV" vocab-identifier="http://www.niso.org/publications/rp/RP-8-2008.pdf"
 article-version-type="AO">1</article-version>
<title-group><article-title>A preprint about mice</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Smith</surname><given-names>Jane</given-names></name></contrib></contrib-group>
<pub-date pub-type="epub"><day>3</day><month>3</month><year>2022</year></pub-date>
<elocation-id>rs.3.rs-1234567</elocation-id>
<custom-meta-group><custom-meta><meta-name>Article type</meta-name><meta-value>Preprint</meta-value></custom-meta></custom-meta-group>
</article-meta></front></article>
"""


@pytest.mark.parametrize("text, server, number, publisher", [
    (PMC_PREPRINT, "bioRxiv", "2023.02.07.527548", "Cold Spring Harbor Laboratory"),
    (RESEARCH_SQUARE, "Research Square", "rs.3.rs-1234567", "Research Square Platform LLC")])
def test_jats_preprint_articles_have_the_shape(text, server, number, publisher):
    it = _one(text, "jats")
    assert (it["type"], it["publisher"], it["number"]) == ("article", server, number)
    for gone in ("container-title", "container-title-short", "page"):
        assert gone not in it, gone
    assert it["custom"]["preprint-server"]["publisher"] == publisher
    back = _one(citeport.write([it], "jats"), "jats")
    assert (back["type"], back["publisher"], back["number"]) == ("article", server, number)


# --- a posted-content DOI looked up online (recorded answers under ../shared/http) ---

def test_posted_content_doi_enriches_to_the_shape(online):
    from citeport.enrich import Http, Settings, crossref
    with Http(Settings.from_env()) as h:
        it = crossref.content_negotiation(h, "10.1101/2021.08.15.21262067")
    assert (it["type"], it["publisher"]) == ("article", "medRxiv")
    assert "container-title" not in it and "page" not in it
    assert it["custom"]["preprint-server"]["publisher"] == "Cold Spring Harbor Laboratory"
    assert it["DOI"].lower() == "10.1101/2021.08.15.21262067"


def test_jats_article_type_preprint_on_a_server_not_listed():
    """article-type="preprint" says it whatever the server (Jxiv, JST's server, is not in SERVERS)."""
    text = PMC_PREPRINT.replace("bioRxiv", "Jxiv").replace("Cold Spring Harbor Laboratory", "Japan Science and "
                                                                                          "Technology Agency")
    it = _one(text, "jats")
    assert (it["type"], it["publisher"], it["number"]) == ("article", "Jxiv", "2023.02.07.527548")
    assert "container-title" not in it
    # an ordinary research article in a journal is not touched
    journal = _one(text.replace('article-type="preprint"', 'article-type="research-article"'), "jats")
    assert journal["type"] == "article-journal" and journal["container-title"] == "Jxiv"


def test_jats_article_version_status_is_no_version():
    """PMC's <article-version article-version-type="status">preprint</article-version> is the article's status:
    not CSL version (a style would print "Version preprint"); kept as a tag.  A version number stays the version."""
    it = _one(PMC_PREPRINT, "jats")
    assert "version" not in it
    assert it["custom"]["tags"]["jats:article-version"] == ["preprint"]
    assert _one(RESEARCH_SQUARE, "jats")["version"] == "1"
