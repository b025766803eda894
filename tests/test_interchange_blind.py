"""Blind review of the BibTeX/BibLaTeX, JATS and CSL-JSON/YAML readers and writers.

Each case is a small record written the way a real tool writes it, with a bug
the existing suites did not see; the assertions are the exact fixed values.
"""
from __future__ import annotations

import re

import citeport

# -- BibTeX / BibLaTeX -----------------------------------------------------------------------------


def bib_one(text: str, fmt: str = "bibtex") -> tuple[dict, list]:
    records = citeport.read(text, fmt)
    assert len(records) == 1, records
    return records[0], list(records.diagnostics)


def test_bibtex_month_macro_joined_with_day():
    # Classic BibTeX style (IEEE, ACM exports): month = jan # "~15" is "January 15", not "1 15"
    item, _ = bib_one('@article{a, title={T}, journal={J}, year=2020, month=jan # "~15"}')
    assert item["issued"] == {"date-parts": [[2020, 1, 15]]}
    item, _ = bib_one('@article{a, title={T}, journal={J}, year=2020, month="15~" # mar}')
    assert item["issued"] == {"date-parts": [[2020, 3, 15]]}


def test_bibtex_month_range_is_a_date_range():
    # Journals issued bimonthly: month = {Jan/Feb} (or "Mar-Apr") is a range, not January alone
    item, _ = bib_one("@article{a, title={T}, journal={J}, year=2020, month={Jan/Feb}}")
    assert item["issued"] == {"date-parts": [[2020, 1], [2020, 2]]}
    item, _ = bib_one("@article{a, title={T}, journal={J}, year=2019, month=mar # {--} # apr}")
    assert item["issued"] == {"date-parts": [[2019, 3], [2019, 4]]}


def test_bibtex_unknown_month_is_kept_and_reported():
    item, diags = bib_one("@article{a, title={T}, journal={J}, year=2020, month={13}}")
    assert item["issued"] == {"date-parts": [[2020]]}
    assert item["custom"]["tags"]["bibtex:month"] == "13"
    assert any(d.field == "month" and "13" in d.message for d in diags)
    # ... and the writer puts it back where it came from
    out = citeport.write([item], "bibtex")
    assert re.search(r"\n  month +=  ?\{13\}\n", out), out


def test_biblatex_edtf_unspecified_digits():
    # biblatex/EDTF "XX" for an unknown day or month is a month/year precision date, not a literal
    item, _ = bib_one("@article{a, title={T}, journaltitle={J}, date={2020-03-XX}}", "biblatex")
    assert item["issued"] == {"date-parts": [[2020, 3]]}
    item, _ = bib_one("@article{a, title={T}, journaltitle={J}, date={2020-XX-XX}}", "biblatex")
    assert item["issued"] == {"date-parts": [[2020]]}


# -- JATS --------------------------------------------------------------------------------------------

JATS_HEAD = '<?xml version="1.0"?>\n<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">'


def jats(meta: str, back: str = "") -> str:
    return (JATS_HEAD + "<front><journal-meta><journal-title-group><journal-title>eLife</journal-title>"
            f"</journal-title-group></journal-meta><article-meta>{meta}</article-meta></front><back>{back}</back></article>")


def jats_refs(refs: str) -> list[dict]:
    return list(citeport.read(jats("<title-group><article-title>A</article-title></title-group>",
                                   f"<ref-list>{refs}</ref-list>"), "jats", refs="only"))


def test_jats_ref_etal_is_kept_and_written_back():
    refs = jats_refs('<ref id="bib1"><element-citation publication-type="journal"><person-group person-group-type="author">'
                     "<name><surname>Schultz</surname><given-names>W</given-names></name><etal/></person-group>"
                     "<year>1997</year><article-title>A neural substrate</article-title><source>Science</source>"
                     "</element-citation></ref>")
    assert refs[0]["author"] == [{"family": "Schultz", "given": "W."}]
    assert refs[0]["custom"]["et-al"] == ["author"]
    xml = citeport.write(refs, "jats")
    assert "</name><etal/></person-group>" in xml
    assert citeport.read(xml, "jats", refs="only")[0]["custom"]["et-al"] == ["author"]
    bib = citeport.write(refs, "bibtex")
    assert "Schultz, W. and others" in bib


def test_jats_ref_doi_under_another_pub_id_type():
    # eLife data citations: <pub-id pub-id-type="accession" xlink:href="https://doi.org/..">10.5061/..</pub-id>
    refs = jats_refs('<ref id="data1"><element-citation publication-type="data"><person-group person-group-type="author">'
                     "<collab>Allen Institute</collab></person-group><year>2019</year><data-title>Mouse atlas</data-title>"
                     '<source>Dryad</source><pub-id pub-id-type="accession" xlink:href="https://doi.org/10.5061/dryad.abc">'
                     '10.5061/dryad.abc</pub-id></element-citation></ref>'
                     '<ref id="data2"><element-citation publication-type="data"><data-title>GEO set</data-title>'
                     '<source>NCBI GEO</source><year>2020</year><pub-id pub-id-type="accession" '
                     'xlink:href="https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE1">GSE1</pub-id>'
                     "</element-citation></ref>")
    assert refs[0]["DOI"] == "10.5061/dryad.abc"
    assert "URL" not in refs[0] and "other-ids" not in refs[0].get("custom", {})
    assert refs[1]["custom"]["other-ids"] == {"accession": "GSE1"}
    assert refs[1]["URL"] == "https://www.ncbi.nlm.nih.gov/geo/query/acc.cgi?acc=GSE1"


def test_jats_ref_comment_in_press_is_status():
    refs = jats_refs('<ref id="B5"><element-citation publication-type="journal"><person-group person-group-type="author">'
                     "<name><surname>Q</surname><given-names>R</given-names></name></person-group><year>2018</year>"
                     "<article-title>In press article</article-title><source>Journal</source><comment>In press.</comment>"
                     "</element-citation></ref>")
    assert refs[0]["status"] == "In press"
    assert "note" not in refs[0]


def test_jats_affiliation_identifiers_marker_on_behalf_and_funding_statement():
    meta = ('<title-group><article-title>T</article-title></title-group><contrib-group>'
            '<contrib contrib-type="author"><name><surname>Berg</surname><given-names>Anna</given-names></name>'
            '<xref ref-type="aff" rid="aff1">1</xref></contrib>'
            '<contrib contrib-type="author"><name><surname>Ruiz</surname><given-names>Ana</given-names></name>'
            '<xref ref-type="aff" rid="aff2">2</xref></contrib>'
            "<on-behalf-of>on behalf of the ENIGMA Study Group</on-behalf-of></contrib-group>"
            '<aff id="aff1"><label>1</label><institution-wrap><institution-id institution-id-type="ror">'
            "https://ror.org/03vek6s52</institution-id><institution>Harvard University</institution></institution-wrap>"
            ', <country country="US">United States</country></aff>'
            '<aff id="aff2"><sup>2</sup>Universidad de Chile, Santiago, Chile</aff>'
            "<funding-group><award-group><funding-source>National Institutes of Health</funding-source>"
            "<award-id>R01MH123456</award-id></award-group>"
            "<funding-statement>The funders had no role in study design.</funding-statement></funding-group>")
    item = citeport.read(jats(meta), "jats")[0]
    details = item["custom"]["author-details"]
    assert details[0] == {"affiliation": ["Harvard University, United States"],
                          "affiliation-identifiers": ["ROR: https://ror.org/03vek6s52"]}
    assert details[1] == {"affiliation": ["Universidad de Chile, Santiago, Chile"]}
    assert item["custom"]["tags"]["jats:on-behalf-of"] == ["on behalf of the ENIGMA Study Group"]
    assert item["custom"]["grants"] == ["R01MH123456/National Institutes of Health"]
    assert item["custom"]["tags"]["jats:funding-statement"] == ["The funders had no role in study design."]


# -- CSL-JSON / CSL-YAML -----------------------------------------------------------------------------

CROSSREF_CN = """{"type": "journal-article", "id": "https://doi.org/10.1000/abc", "DOI": "10.1000/abc",
 "title": "A title", "container-title": "Journal of Tests", "short-container-title": ["J Tests"],
 "author": [{"given": "Ann", "family": "Lee", "sequence": "first", "affiliation": []}],
 "published-print": {"date-parts": [[2018, 7]]}, "published-online": {"date-parts": [[2018, 6, 1]]},
 "issued": {"date-parts": [[2018, 6, 1]]},
 "ISSN": ["1234-5678", "8765-4321"],
 "issn-type": [{"value": "8765-4321", "type": "electronic"}, {"value": "1234-5678", "type": "print"}],
 "license": [{"URL": "http://creativecommons.org/licenses/by/4.0/", "content-version": "vor",
              "start": {"date-parts": [[2018, 6, 1]]}}],
 "funder": [{"name": "National Institutes of Health", "award": ["R01 MH123456"]}]}"""


def test_crossref_content_negotiation_json_follows_the_conventions():
    # `curl -LH "Accept: application/vnd.citationstyles.csl+json" https://doi.org/...` saved as a file:
    # the same CSL as the enrich path makes of it (enrich/crossref.py)
    item = citeport.read(CROSSREF_CN, "csl-json")[0]
    assert item["issued"] == {"date-parts": [[2018, 7]]}  # the print date
    assert item["available-date"] == {"date-parts": [[2018, 6, 1]]}
    assert item["container-title-short"] == "J Tests"
    assert item["ISSN"] == "1234-5678"
    assert item["custom"]["issn"] == {"electronic": "8765-4321", "print": "1234-5678"}
    assert item["custom"]["license"] == "http://creativecommons.org/licenses/by/4.0/"
    assert item["custom"]["grants"] == ["R01 MH123456/National Institutes of Health"]
    assert "short-container-title" not in item["custom"] and "issn-type" not in item["custom"]


def test_csl_yaml_pandoc_superscript_and_subscript():
    text = "---\nreferences:\n- id: a\n  type: article-journal\n  title: 'H~2~O at 10^5^ Pa, 2~3 and ~ 4'\n...\n"
    item = citeport.read(text, "csl-yaml")[0]
    assert item["title"] == "H<sub>2</sub>O at 10<sup>5</sup> Pa, 2~3 and ~ 4"
    back = citeport.read(citeport.write([item], "csl-yaml"), "csl-yaml")[0]
    assert back["title"] == item["title"]


def test_biblatex_set_is_reported_not_silently_dropped():
    text = "@set{set1, entryset = {m1,m2}}\n@book{m1, title={Vol 1}, date={2000}}\n@book{m2, title={Vol 2}, date={2001}}\n"
    records = citeport.read(text, "biblatex")
    assert [r["id"] for r in records] == ["m1", "m2"]
    assert any(d.record == "set1" and d.field == "entryset" and "m1,m2" in d.message for d in records.diagnostics)


def test_jats_season_month_range_as_medline_reads_it():
    # PMC nxml: <season>Jan-Feb</season> is the same two-month issue MEDLINE writes as DP "2010 Jan-Feb"
    meta = ('<title-group><article-title>A</article-title></title-group>'
            '<pub-date pub-type="ppub"><season>Jan-Feb</season><year>2010</year></pub-date>')
    item = citeport.read(jats(meta), "jats")[0]
    medline = citeport.read("PMID- 1\nTI  - A\nDP  - 2010 Jan-Feb\n", "medline")[0]
    assert item["issued"] == medline["issued"] == {"date-parts": [[2010, 1], [2010, 2]]}
    summer = citeport.read(jats(meta.replace("Jan-Feb", "Summer")), "jats")[0]
    assert summer["issued"] == {"date-parts": [[2010]], "season": 2}
