"""EndNote XML reader and writer: style wrappers, types by name, round trips, malformed XML."""
from __future__ import annotations

import shutil
import subprocess

import pytest

import citeport
from conftest import shared_path

RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<xml><records><record>
  <rec-number>7</rec-number>
  <ref-type name="Journal Article">17</ref-type>
  <contributors><authors>
    <author><style face="normal" font="default" size="100%">Ahmad, AS</style></author>
    <author>World Health Organization</author>
  </authors></contributors>
  <titles>
    <title><style face="normal">Risk in </style><style face="italic">Homo sapiens</style></title>
    <secondary-title><style face="normal">Br J Cancer</style></secondary-title>
  </titles>
  <periodical><full-title>British Journal of Cancer</full-title><abbr-1>Br J Cancer</abbr-1></periodical>
  <pages>943-7</pages><volume>112</volume><number>5</number>
  <dates><year>2015</year><pub-dates><date>Mar 3</date></pub-dates></dates>
  <isbn>1532-1827 (Electronic) 0007-0920 (Linking)</isbn>
  <electronic-resource-num>10.1038/bjc.2014.606</electronic-resource-num>
  <accession-num>25647015</accession-num><remote-database-provider>NLM</remote-database-provider>
  <urls><related-urls><url>http://www.ncbi.nlm.nih.gov/pubmed/25647015</url></related-urls></urls>
  <keywords><keyword>Aged</keyword><keyword>Female</keyword></keywords>
  <language>eng</language><custom2>PMC4453952</custom2>
</record></records></xml>
"""


def test_reads_every_field():
    (item,) = citeport.read(RECORD, "endnote-xml")
    assert item["type"] == "article-journal" and item["id"] == "7"
    assert item["author"] == [{"family": "Ahmad", "given": "AS"}, {"literal": "World Health Organization"}]
    assert item["title"] == "Risk in <i>Homo sapiens</i>"
    # Journal (secondary-title) holds the abbreviation, the journal term list (<periodical>) the full name
    assert item["container-title"] == "British Journal of Cancer" and item["container-title-short"] == "Br J Cancer"
    assert (item["page"], item["volume"], item["issue"]) == ("943-7", "112", "5")
    assert item["issued"] == {"date-parts": [[2015, 3, 3]]}
    assert item["ISSN"] == "1532-1827" and item["custom"]["issn"] == {"electronic": "1532-1827", "linking": "0007-0920"}
    assert item["DOI"] == "10.1038/bjc.2014.606" and item["PMID"] == "25647015"
    assert item["keyword"] == "Aged; Female" and item["language"] == "en"
    assert item["PMCID"] == "PMC4453952"  # a Journal Article's custom2 is EndNote's "PMCID" field


def test_sniff_and_alias():
    assert citeport.read(RECORD).format == "endnote-xml"
    assert len(citeport.read(RECORD, "enw-xml")) == 1


def test_writer_output_reads_back_identically():
    items = list(citeport.read(RECORD, "endnote-xml"))
    xml = citeport.write(items, "endnote-xml")
    assert '<ref-type name="Journal Article">17</ref-type>' in xml
    assert list(citeport.read(xml, "endnote-xml")) == items


def test_malformed_xml_keeps_records_before_the_error():
    broken = RECORD.replace("</record></records></xml>", "</record><record><titles><title>x</titles></record>")
    recs = citeport.read(broken, "endnote-xml")
    assert len(recs) == 1 and recs.skipped == 1
    assert any(d.line and "malformed XML" in d.message for d in recs.diagnostics)


def test_entities_are_refused():
    evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><records/></xml>'
    with pytest.raises(citeport.CiteportError if hasattr(citeport, "CiteportError") else Exception):
        citeport.read(evil, "endnote-xml")


def test_round_trip_over_the_corpus():
    root = shared_path("corpus", "endnote-xml")
    for path in sorted(root.glob("*/*.xml")):
        first = list(citeport.read(str(path), "endnote-xml"))
        again = list(citeport.read(citeport.write(first, "endnote-xml"), "endnote-xml"))
        assert again == first, path.name


@pytest.mark.skipif(not shutil.which("end2xml"), reason="bibutils end2xml not installed")
def test_bibutils_reads_our_endnote_xml(tmp_path):
    items = list(citeport.read(RECORD, "endnote-xml"))
    path = tmp_path / "x.xml"
    path.write_text(citeport.write(items, "endnote-xml"), encoding="utf-8")
    proc = subprocess.run(["endx2xml", str(path)] if shutil.which("endx2xml") else ["end2xml", str(path)],
                          capture_output=True, text=True, timeout=30)
    mods = proc.stdout
    if "endx2xml" not in proc.args[0]:
        pytest.skip("only end2xml (tagged EndNote) is installed; it does not read EndNote XML")
    assert "Homo sapiens" in mods and "10.1038/bjc.2014.606" in mods and "<namePart type=\"family\">Ahmad" in mods


def test_book_record_with_a_periodical_is_in_that_journal():
    xml = ('<xml><records><record><ref-type name="Book">6</ref-type><titles><title>T</title>'
           '<secondary-title>Ecology</secondary-title></titles><periodical><full-title>Ecology</full-title>'
           '</periodical><volume>18</volume><number>1</number><pages>162-168</pages></record></records></xml>')
    (item,) = citeport.read(xml, "endnote-xml")
    assert (item["container-title"], item["issue"], item["volume"]) == ("Ecology", "1", "18")
    assert list(citeport.read(citeport.write([item], "endnote-xml"), "endnote-xml")) == [item]


def test_database_name_and_provider_are_archive_and_source_as_in_ris():
    items = [{"id": "a", "type": "article-journal", "title": "T", "archive": "Embase", "source": "Ovid"},
             {"id": "b", "type": "article-journal", "title": "T", "PMID": "123"}]
    xml = citeport.write(items, "endnote-xml")
    assert "<remote-database-provider>" in xml.split("<rec-number>b")[1]  # NLM marks the PMID
    assert list(citeport.read(xml, "endnote-xml")) == items
    assert [{k: i.get(k) for k in ("archive", "source")} for i in citeport.read(citeport.write(items, "ris"), "ris")] \
        == [{"archive": "Embase", "source": "Ovid"}, {"archive": None, "source": None}]
