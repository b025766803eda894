"""JATS reader and writer: table-driven cases, DTD validation, round trips, corpus, safety."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

import citeport
from citeport.model.diagnostics import Context

from conftest import EXAMPLES, SHARED, run_cli, shared_path

HEAD = '<?xml version="1.0"?>\n<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="{atype}">'


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    path = shared_path("schemas", "jats-1.2-archiving", "JATS-archivearticle1-mathml3.dtd")
    return etree.DTD(str(path))


def article(meta: str, journal: str = "", back: str = "", atype: str = "research-article") -> str:
    return (HEAD.format(atype=atype) + f"<front><journal-meta>{journal}</journal-meta><article-meta>{meta}"
            f"</article-meta></front><back>{back}</back></article>")


def read_one(text: str, **options) -> dict:
    records = citeport.read(text, "jats", **options)
    assert len(records) == 1, records
    return records[0]


# -- reader: article-meta ----------------------------------------------------

ARTICLE_CASES = [
    ("subtitle and markup",
     '<title-group><article-title>Role of <italic>p53</italic> in H<sub>2</sub>O<sup>+</sup></article-title>'
     '<subtitle>a <sc>review</sc></subtitle></title-group>',
     {"title": 'Role of <i>p53</i> in H<sub>2</sub>O<sup>+</sup>: a <span style="font-variant:small-caps;">review</span>',
      "title-short": "Role of <i>p53</i> in H<sub>2</sub>O<sup>+</sup>"}),
    ("title footnote markers are not text",
     '<title-group><article-title>Sleep<xref ref-type="fn" rid="fn1">*</xref> and memory</article-title></title-group>',
     {"title": "Sleep and memory"}),
    ("translated title",
     '<title-group><article-title>Título</article-title><trans-title-group xml:lang="en">'
     '<trans-title>Title</trans-title></trans-title-group></title-group>',
     {"title": "Título", "custom.translated-titles": [{"language": "en", "title": "Title"}]}),
    ("authors, collab, ORCID, aff by xref, editor",
     '<contrib-group><contrib contrib-type="author"><contrib-id contrib-id-type="orcid">http://orcid.org/0000-0002-1825-0097'
     '</contrib-id><name><surname>van Dijk</surname><given-names>Jan</given-names><suffix>Jr</suffix></name>'
     '<xref ref-type="aff" rid="a2">2</xref></contrib><contrib contrib-type="author"><collab>The ABC Group</collab></contrib>'
     '<contrib contrib-type="editor"><name><surname>Lee</surname><given-names>Ann</given-names></name></contrib>'
     '<aff id="a2"><label>2</label><institution>Univ X</institution><country>Chile</country></aff></contrib-group>',
     {"author": [{"family": "Dijk", "given": "Jan", "non-dropping-particle": "van", "suffix": "Jr"},
                 {"literal": "The ABC Group"}],
      # a journal article's editor handled its review: not CSL's editor (styles would print "editor")
      "editor": None, "custom.handling-editors": [{"family": "Lee", "given": "Ann"}],
      "custom.author-details": [{"affiliation": ["Univ X, Chile"], "ORCID": "0000-0002-1825-0097"}, {}]}),
    ("one aff without xrefs applies to every author",
     '<contrib-group><contrib><name><surname>A</surname><given-names>B</given-names></name></contrib>'
     '<contrib><name><surname>C</surname><given-names>D</given-names></name></contrib></contrib-group>'
     '<aff>Dept of Y, Lyon, France</aff>',
     {"custom.author-details": [{"affiliation": ["Dept of Y, Lyon, France"]}] * 2}),
    ("pub-dates: ppub is issued, epub is available-date",
     '<pub-date pub-type="epub"><day>4</day><month>9</month><year>2012</year></pub-date>'
     '<pub-date pub-type="ppub"><season>Spring</season><year>2015</year></pub-date>',
     {"issued": {"date-parts": [[2015]], "season": 1}, "available-date": {"date-parts": [[2012, 9, 4]]}}),
    ("JATS 1.1 date-type/publication-format and iso-8601-date",
     '<pub-date date-type="pub" publication-format="electronic" iso-8601-date="2020-05-06"><year>2020</year></pub-date>'
     '<pub-date date-type="collection"><year>2020</year></pub-date>',
     {"issued": {"date-parts": [[2020]]}, "available-date": {"date-parts": [[2020, 5, 6]]}}),
    ("only an epub date: it is also the issued date",
     '<pub-date pub-type="epub"><day>1</day><month>2</month><year>2021</year></pub-date>',
     {"issued": {"date-parts": [[2021, 2, 1]]}, "available-date": {"date-parts": [[2021, 2, 1]]}}),
    ("pages, ids",
     '<article-id pub-id-type="pmid">123</article-id><article-id pub-id-type="pmc">PMC456</article-id>'
     '<article-id pub-id-type="doi">10.1000/XYZ</article-id><article-id pub-id-type="publisher-id">p-1</article-id>'
     '<volume>18</volume><issue>1</issue><fpage>22</fpage><lpage>31</lpage>',
     {"PMID": "123", "PMCID": "PMC456", "DOI": "10.1000/XYZ", "custom.other-ids": {"publisher-id": "p-1"},
      "volume": "18", "issue": "1", "page": "22-31", "id": "pmid:123"}),
    ("elocation-id without pages",
     "<elocation-id>e0123</elocation-id>", {"page": "e0123", "custom.elocation": "e0123"}),
    ("structured abstract, keywords, license, copyright",
     '<permissions><copyright-statement>© 2020 A</copyright-statement><license><ali:license_ref '
     'xmlns:ali="http://www.niso.org/schemas/ali/1.0/">https://creativecommons.org/licenses/by/4.0/</ali:license_ref>'
     '</license></permissions><abstract><title>Abstract</title><sec><title>Background</title><p>One.</p><p>Two.</p></sec>'
     '<sec><title>Methods</title><p>Three <italic>x</italic>.</p></sec></abstract>'
     '<abstract abstract-type="executive-summary"><p>Digest.</p></abstract>'
     '<kwd-group><title>Keywords</title><kwd>sleep</kwd><kwd>memory</kwd></kwd-group>',
     {"abstract": "Background: One.\nTwo.\nMethods: Three <i>x</i>.", "keyword": "sleep; memory",
      "custom.license": "https://creativecommons.org/licenses/by/4.0/", "custom.copyright": "© 2020 A",
      "custom.abstracts-other": {"executive-summary": "Digest."}}),
    ("funding and history",
     '<history><date date-type="received"><day>1</day><month>7</month><year>2012</year></date></history>'
     '<funding-group><award-group><funding-source>NIH</funding-source><award-id>R01 1</award-id>'
     '<award-id>R01 2</award-id></award-group></funding-group>',
     {"custom.history": {"received": "2012-07-01"}, "custom.grants": ["R01 1/NIH", "R01 2/NIH"]}),
    ("MathML keeps its scripts; alternatives prefer MathML over an image",
     '<title-group><article-title>Data</article-title></title-group><abstract><p>Energy <inline-formula>'
     '<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:mi>E</mml:mi><mml:mo>=</mml:mo><mml:mi>m</mml:mi>'
     '<mml:msup><mml:mi>c</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math></inline-formula> and <inline-formula>'
     '<alternatives><inline-graphic xlink:href="f1.gif"/><mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">'
     '<mml:msub><mml:mi>x</mml:mi><mml:mi>i</mml:mi></mml:msub></mml:math><tex-math>x_i</tex-math></alternatives>'
     '</inline-formula>.</p></abstract>',
     {"abstract": "Energy E=mc<sup>2</sup> and x<sub>i</sub>."}),
    ("a group author's members are its investigators",
     '<contrib-group><contrib contrib-type="author"><name><surname>Li</surname><given-names>Wei</given-names></name>'
     '</contrib><contrib contrib-type="author"><collab>The Ribosome Consortium<contrib-group><contrib '
     'contrib-type="author"><name><surname>Doe</surname><given-names>Jane</given-names></name></contrib><contrib>'
     '<name><surname>Roe</surname><given-names>R</given-names></name></contrib></contrib-group></collab></contrib>'
     '</contrib-group>',
     {"author": [{"family": "Li", "given": "Wei"}, {"literal": "The Ribosome Consortium"}],
      "custom.investigators": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "R."}]}),
]


@pytest.mark.parametrize("name,meta,expected", ARTICLE_CASES, ids=[c[0] for c in ARTICLE_CASES])
def test_article_meta(name: str, meta: str, expected: dict) -> None:
    item = read_one(article(meta))
    for key, value in expected.items():
        got = item.get("custom", {}).get(key[7:]) if key.startswith("custom.") else item.get(key)
        assert got == value, (key, got)


def test_journal_meta_and_types() -> None:
    journal = ('<journal-id journal-id-type="nlm-ta">Health Expect</journal-id><journal-title-group>'
               '<journal-title>Health Expectations</journal-title></journal-title-group>'
               '<issn pub-type="epub">1369-7625</issn><issn pub-type="ppub">1369-6513</issn>'
               '<publisher><publisher-name>Wiley</publisher-name><publisher-loc>Oxford</publisher-loc></publisher>')
    item = read_one(article("<title-group><article-title>T</article-title></title-group>", journal, atype="book-review"))
    assert item["container-title"] == "Health Expectations"
    assert item["container-title-short"] == "Health Expect"
    assert item["ISSN"] == "1369-6513"
    assert item["custom"]["issn"] == {"print": "1369-6513", "electronic": "1369-7625"}
    assert (item["publisher"], item["publisher-place"]) == ("Wiley", "Oxford")
    assert item["type"] == "review-book"
    assert read_one(article("<title-group><article-title>T</article-title></title-group>"))["type"] == "article-journal"


def test_missing_author_warns_and_pmc_articleset_streams() -> None:
    one = "<article><front><article-meta><title-group><article-title>{}</article-title></title-group></article-meta></front></article>"
    text = f"<pmc-articleset>{one.format('First')}{one.format('Second')}</pmc-articleset>"
    records = citeport.read(text, "jats")
    assert [r["title"] for r in records] == ["First", "Second"]
    assert any(d.code == "missing-field" and d.field == "author" and d.record == "article 2" for d in records.diagnostics)


# -- reader: references --------------------------------------------------------

REF_CASES = [
    ("element-citation journal",
     '<element-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Avery'
     '</surname><given-names>SV</given-names></name><etal/></person-group><article-title>Cell <italic>x</italic>'
     '</article-title><source>Nat Rev</source><year>2006</year><volume>4</volume><fpage>577</fpage><lpage>587</lpage>'
     '<pub-id pub-id-type="doi">10.1038/nrm1</pub-id><pub-id pub-id-type="pmid">16845428</pub-id></element-citation>',
     {"type": "article-journal", "author": [{"family": "Avery", "given": "S. V."}], "title": "Cell <i>x</i>",
      "container-title": "Nat Rev", "issued": {"date-parts": [[2006]]}, "volume": "4", "page": "577-587",
      "DOI": "10.1038/nrm1", "PMID": "16845428"}),
    ("mixed-citation: punctuation between elements is skipped",
     '<mixed-citation publication-type="journal"><name><surname>Rich</surname><given-names>KM</given-names></name>, '
     '<name><surname>Wanyoike</surname><given-names>F</given-names></name> (<year>2010</year>) <article-title>An '
     'assessment</article-title>. <source>Am J Trop Med Hyg</source> <volume>83</volume>: <fpage>52</fpage>&#x2013;'
     '<lpage>57</lpage></mixed-citation>',
     {"author": [{"family": "Rich", "given": "K. M."}, {"family": "Wanyoike", "given": "F."}], "title": "An assessment",
      "container-title": "Am J Trop Med Hyg", "page": "52-57", "issued": {"date-parts": [[2010]]}}),
    ("book chapter with text-only editor group",
     '<mixed-citation publication-type="book"><name><surname>Friedman</surname><given-names>DI</given-names></name>'
     '<person-group person-group-type="editor">Hendrix RW,Roberts JW</person-group><article-title>Lytic mode'
     '</article-title><source>Lambda II</source><year>1983</year><publisher-name>CSH Press</publisher-name>'
     '<publisher-loc>New York</publisher-loc><fpage>21</fpage><lpage>51</lpage></mixed-citation>',
     {"type": "chapter", "editor": [{"family": "Hendrix", "given": "R. W."}, {"family": "Roberts", "given": "J. W."}],
      "title": "Lytic mode", "container-title": "Lambda II", "publisher": "CSH Press", "publisher-place": "New York"}),
    ("book: source is the title; NLM 2.3 citation element",
     '<citation citation-type="book"><person-group person-group-type="author"><name><surname>Fisher</surname>'
     '<given-names>RA</given-names></name></person-group><year>1930</year><source>The Genetical Theory</source>'
     '<edition>2</edition><isbn>978-0-19-850440-5</isbn></citation>',
     {"type": "book", "title": "The Genetical Theory", "edition": "2", "ISBN": "978-0-19-850440-5"}),
    ("webpage: collab, link in comment, accessed date",
     '<element-citation publication-type="webpage"><collab>NCBI</collab><year>2008</year><source>GenBank Overview'
     '</source><comment>Available: <ext-link ext-link-type="uri" xlink:href="http://www.ncbi.nlm.nih.gov/Genbank/">'
     'http://www.ncbi.nlm.nih.gov/Genbank/</ext-link></comment><date-in-citation>[accessed 4 November 2008]'
     '</date-in-citation></element-citation>',
     {"type": "webpage", "author": [{"literal": "NCBI"}], "title": "GenBank Overview",
      "URL": "http://www.ncbi.nlm.nih.gov/Genbank/", "accessed": {"date-parts": [[2008, 11, 4]]}, "note": None}),
    ("string-name, in-press year, comment note, DOI link",
     '<element-citation publication-type="journal"><string-name>Smith J</string-name><article-title>X</article-title>'
     '<source>Y</source><year>in press</year><comment>Erratum in Y 2021</comment>'
     '<ext-link xlink:href="https://doi.org/10.1000/abc">link</ext-link></element-citation>',
     {"author": [{"family": "Smith", "given": "J."}], "status": "in press", "note": "Erratum in Y 2021",
      "DOI": "10.1000/abc", "URL": "https://doi.org/10.1000/abc"}),
    ("conference paper",
     '<element-citation publication-type="confproc"><person-group><name><surname>Ng</surname><given-names>Andrew'
     '</given-names></name></person-group><article-title>Deep</article-title><source>Proc ICML</source>'
     '<conf-name>ICML 2012</conf-name><conf-loc>Edinburgh</conf-loc><year>2012</year></element-citation>',
     {"type": "paper-conference", "event-title": "ICML 2012", "event-place": "Edinburgh", "container-title": "Proc ICML"}),
]


@pytest.mark.parametrize("name,cit,expected", REF_CASES, ids=[c[0] for c in REF_CASES])
def test_references(name: str, cit: str, expected: dict) -> None:
    text = article("<title-group><article-title>Citing</article-title></title-group>",
                   back=f'<ref-list><ref id="b1">{cit}</ref></ref-list>')
    records = citeport.read(text, "jats", refs=True)
    assert [r["id"] for r in records][1:] == ["b1"]
    ref = records[1]
    for key, value in expected.items():
        assert ref.get(key) == value, (key, ref.get(key))


def test_unstructured_reference_keeps_text_and_warns() -> None:
    text = ('<ref-list><ref id="r9"><mixed-citation publication-type="other">Murphy FA (1999) Veterinary Virology. '
            'USA: Elsevier.</mixed-citation></ref></ref-list>')
    records = citeport.read(text, "jats")
    assert records[0]["title"] == "Murphy FA (1999) Veterinary Virology. USA: Elsevier."
    assert any(d.level == "warning" and "unstructured" in d.message and d.record == "ref r9"
               for d in records.diagnostics)


def test_refs_only_option_and_cli_flag() -> None:
    path = EXAMPLES / "jats-article.xml"
    assert len(citeport.read(path, "jats")) == 1
    only = citeport.read(path, "jats", refs="only")
    assert [r["id"] for r in only] == ["r1", "r2", "r3", "r4"]
    proc = run_cli("convert", str(path), "--refs", "--to", "csl-json")
    assert proc.returncode == 0, proc.stderr_text
    items = json.loads(proc.stdout_text)
    assert [i["id"] for i in items] == ["pmid:99000001", "r1", "r2", "r3", "r4"]
    assert items[0]["custom"]["author-details"][0]["ORCID"] == "0000-0002-1825-0097"
    assert items[2]["type"] == "chapter" and items[2]["editor"] == [{"family": "Green", "given": "Pat"}]
    assert "unstructured reference" in proc.stderr_text


# -- writer --------------------------------------------------------------------

WRITE_CASES = [
    ({"id": "pmid:1", "type": "article-journal", "title": "The <i>E. coli</i> H<sub>2</sub> story",
      "author": [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der", "suffix": "Jr"},
                 {"literal": "WHO Study Group"}],
      "container-title": "Health Expect", "issued": {"date-parts": [[2015, 2]]}, "volume": "18", "issue": "1",
      "page": "22-31", "DOI": "10.1111/hex.12000", "PMID": "1", "PMCID": "PMC2"},
     {"@publication-type": "journal", "article-title": "The E. coli H2 story", "article-title/italic": "E. coli",
      "article-title/sub": "2", "source": "Health Expect", "year": "2015", "month": "02", "volume": "18",
      "fpage": "22", "lpage": "31", "person-group/name/surname": "van der Berg", "person-group/name/suffix": "Jr",
      "person-group/collab": "WHO Study Group", "pub-id[@pub-id-type='doi']": "10.1111/hex.12000",
      "pub-id[@pub-id-type='pmcid']": "PMC2", "../@id": "pmid-1"}),
    ({"id": "b", "type": "chapter", "title": "Rocky shores", "container-title": "Coasts", "editor": [{"family": "Green"}],
      "translator": [{"family": "Roe", "given": "R."}], "publisher": "Brill", "publisher-place": "Leiden",
      "edition": "2", "ISBN": "9780000000002", "page": "1021-9", "accessed": {"date-parts": [[2020, 1, 2]]},
      "URL": "https://example.org/x", "note": "A note", "issued": {"date-parts": [[1999]], "season": 2}},
     {"@publication-type": "book", "chapter-title": "Rocky shores", "source": "Coasts",
      "person-group[@person-group-type='translator']/name/surname": "Roe", "publisher-loc": "Leiden", "edition": "2",
      "isbn": "9780000000002", "fpage": "1021", "lpage": "1029", "page-range": "1021-9", "season": "Summer",
      "date-in-citation[@content-type='access-date']": "2020-01-02", "ext-link": "https://example.org/x",
      "comment": "A note"}),
    ({"id": "c", "type": "report", "title": "Annual report", "number": "TR-7", "publisher": "Agency",
      "custom": {"elocation": "e12"}, "page": "e12"},
     {"@publication-type": "report", "source": "Annual report", "comment[@content-type='number']": "TR-7",
      "elocation-id": "e12", "fpage": None}),
    ({"id": "d", "type": "entry-encyclopedia", "title": "Snail", "container-title": "Encyclopedia"},
     {"@publication-type": "entry-encyclopedia", "chapter-title": "Snail"}),
]


def _check(cit: etree._Element, expected: dict) -> None:
    for path, value in expected.items():
        if path.startswith("@"):
            assert cit.get(path[1:]) == value, path
            continue
        found = cit.xpath(path if "@" in path.split("/")[-1] else f"{path}")
        if value is None:
            assert not found, path
            continue
        assert found, path
        got = found[0] if isinstance(found[0], str) else "".join(found[0].itertext())
        assert got == value, (path, got)


@pytest.mark.parametrize("item,expected", WRITE_CASES, ids=[c[0]["id"] for c in WRITE_CASES])
def test_writer_cases(item: dict, expected: dict, dtd: etree.DTD) -> None:
    xml = citeport.write([item], "jats", wrap=True)
    doc = etree.fromstring(xml.encode())
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    _check(doc.find(".//element-citation"), expected)


def test_writer_reports_losses() -> None:
    ctx = Context()
    citeport.write([{"id": "x", "type": "article-journal", "title": "T", "original-date": {"date-parts": [[1900]]},
                     "container-title-short": "J", "custom": {"mesh": ["A"]}}], "jats", ctx=ctx)
    losses = {(d.code, d.field) for d in ctx.diagnostics if d.is_loss}
    assert ("dropped", "original-date") in losses
    assert ("down-converted", "container-title-short") in losses
    assert ("dropped", "custom.mesh") in losses


def test_bare_ref_list_validates_when_wrapped_and_matches_gold_structure(dtd: etree.DTD) -> None:
    src = shared_path("corpus", "csl-json", "manubot-rendered", "input-bibliography.csl.json")
    gold = (src.parent / "input-bibliography.expected.pandoc-2.11.3.1.jats.xml").read_text()
    items = citeport.read(src, "csl-json")
    ref_list = etree.fromstring(citeport.write(items, "jats").encode())
    assert ref_list.tag == "ref-list"
    # Embedded in an article, as a user would: the article root declares xlink, the ref-list's copy goes.
    doc = etree.fromstring((HEAD.format(atype="other") + "<front><article-meta/></front><back/></article>").encode())
    doc.find("back").append(ref_list)
    etree.cleanup_namespaces(doc, top_nsmap={"xlink": "http://www.w3.org/1999/xlink"})
    doc = etree.fromstring(etree.tostring(doc))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    # pandoc's gold: the same publication types in the same order, and the same DOIs as pub-id
    gold_types = re.findall(r"publication-type=&quot;\{\{/jats\}\}([\w-]+)", gold)
    assert [c.get("publication-type") for c in doc.iter("element-citation")] == gold_types
    gold_dois = re.findall(r'pub-id-type=&quot;doi&quot;&gt;\{\{/jats\}\}<ext-link[^>]*>([^<]+)', gold)
    assert [p.text for p in doc.iter("pub-id") if p.get("pub-id-type") == "doi"] == gold_dois


# -- round trip ------------------------------------------------------------------

def _norm_date(d):
    if not isinstance(d, dict):
        return d
    out = {"date-parts": [[int(p) for p in parts] for parts in d.get("date-parts", [])][:1]}
    if d.get("season"):
        out["season"] = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}.get(str(d["season"]).lower(), d["season"])
        out["season"] = int(out["season"])
    return out


def _norm(key: str, value):
    if key in ("issued", "accessed", "event-date"):
        return _norm_date(value)
    if isinstance(value, list) and value and isinstance(value[0], dict):  # names: CSL parts only
        parts = ("family", "given", "suffix", "non-dropping-particle", "dropping-particle", "literal")
        return [{k: v for k, v in n.items() if k in parts and v} for n in value]
    if key in ("ISSN", "ISBN") and isinstance(value, list):
        return value[0]
    if key == "type":
        return {"chapter": "chapter"}.get(value, value)
    return value


def assert_round_trip(items: list[dict]) -> int:
    ctx = Context()
    xml = citeport.write(items, "jats", ctx=ctx)
    back = citeport.read(xml, "jats")
    assert len(back) == len(items)
    lost = {(d.record, d.field) for d in ctx.diagnostics if d.is_loss}
    compared = 0
    for index, (a, b) in enumerate(zip(items, back), start=1):
        rec = citeport.model.item.label(a, index)
        for key, value in a.items():
            if key in ("id", "custom") or (rec, key) in lost or any(f == key for r, f in lost if r == rec):
                continue
            if isinstance(value, dict) and "date-parts" in value and not all(isinstance(p, list) for p in value["date-parts"]):
                continue  # not CSL (a literal inside date-parts)
            assert _norm(key, b.get(key)) == _norm(key, value), (rec, key, value, b.get(key))
            compared += 1
    return compared


VARIED = [
    WRITE_CASES[0][0], WRITE_CASES[1][0], WRITE_CASES[2][0], WRITE_CASES[3][0],
    {"id": "e", "type": "book", "title": "Origin", "author": [{"family": "Darwin", "given": "Charles"}],
     "publisher": "Murray", "issued": {"date-parts": [[1859, 11, 24]]}, "number-of-pages": "502", "language": "en"},
    {"id": "f", "type": "dataset", "title": "Counts", "container-title": "Zenodo", "version": "1.2",
     "author": [{"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}], "DOI": "10.5281/zenodo.1"},
    {"id": "g", "type": "thesis", "title": "On snails", "publisher": "Univ Z", "genre": "PhD thesis",
     "issued": {"date-parts": [[2001]]}, "note": "line one\nline two", "custom": {"translated-titles": [{"language": "fr", "title": "Escargots"}]}},
    {"id": "h", "type": "article-journal", "title": "A & B < C", "container-title": "J", "page": "S1-S9",
     "collection-title": "Series", "event-title": "Meeting", "event-place": "Rome", "status": "in press"},
    {"id": "i", "type": "software", "title": "tool", "URL": "https://x.org/?a=1&b=2", "version": "2"},
]


def test_round_trip_varied_items() -> None:
    assert assert_round_trip(VARIED) >= 55
    back = citeport.read(citeport.write(VARIED, "jats"), "jats")
    assert back[6]["custom"]["translated-titles"] == [{"language": "fr", "title": "Escargots"}]


def test_round_trip_csl_json_corpus() -> None:
    folder = shared_path("corpus", "csl-json")
    compared = 0
    for path in sorted(folder.rglob("*.json")):
        if "zotero" in path.name:
            continue
        items = citeport.read(path, "csl-json")
        if all(isinstance(i.get("type"), str) and "title" in i for i in items):
            compared += assert_round_trip(list(items))
    assert compared > 300


# -- corpus, gold ----------------------------------------------------------------

def test_every_corpus_jats_file_reads() -> None:
    files = sorted(p for p in shared_path("corpus", "jats-xml").rglob("*") if p.suffix in (".xml", ".nxml"))
    assert len(files) >= 19
    refs = 0
    for path in files:
        records = citeport.read(path, "jats", refs=True)
        assert records.skipped == 0, path
        assert records[0].get("title"), path
        refs += len(records) - 1
    assert refs > 500


def test_corpus_article_details() -> None:
    item = citeport.read(shared_path("corpus", "jats-xml", "biopython", "efetch_pmc.xml"))[0]
    assert (item["PMID"], item["PMCID"], item["DOI"]) == ("34527728", "PMC8435807", "10.1183/23120541.50193-2021")
    assert item["container-title"] == "ERJ Open Research" and item["container-title-short"] == "ERJ Open Res"
    assert item["issued"] == {"date-parts": [[2021, 7]]} and item["available-date"] == {"date-parts": [[2021, 9, 13]]}
    assert item["page"] == "50193-2021" and item["custom"]["pmc-release"] == "2021-09-13"
    assert item["custom"]["comments-corrections"][0] == {"type": "ErratumFor", "ref": "10.1183/23120541.00193-2021"}
    elife = citeport.read(shared_path("corpus", "jats-xml", "elife-tools", "elife-kitchen-sink.xml"))[0]
    assert elife["author"][0] == {"family": "Alegado", "given": "Rosanna A", "suffix": "Jnr"}
    assert {"literal": "NISC Comparative Sequencing Program"} in elife["author"]
    assert elife["custom"]["author-details"][1]["ORCID"] == "0000-0002-7361-560X"


def test_pandoc_gold_metadata() -> None:
    path = shared_path("corpus", "jats-xml", "pandoc", "jats-reader.xml")
    gold = path.with_name("jats-reader.expected.pandoc-native.txt").read_text()
    records = citeport.read(path, "jats", refs=True)
    item = records[0]
    assert item["title"] == "Pandoc Test Suite" and 'Str "Test"' in gold
    names = [" ".join(p for p in (a.get("given"), a.get("family")) if p) for a in item["author"]]
    assert names == ["John MacFarlane", "Anonymous"]
    assert item["custom"]["copyright"] == "\u00a9 2023, MacFarlane et al" and '"\\169 2023, MacFarlane et al"' in gold
    assert item["custom"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    gold_refs = set(re.findall(r'\( "id" , MetaString "([^"]+)" \)', gold))
    assert gold_refs <= {r["id"] for r in records[1:]}
    # the file repeats an attribute (line 230): read in recovery mode, with a warning naming the line
    assert any(d.line == 230 and d.level == "warning" for d in records.diagnostics)


# -- safety ----------------------------------------------------------------------

def test_xxe_and_billion_laughs_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>\n'
                   "<article><front><article-meta><title-group><article-title>&x;</article-title></title-group>"
                   "</article-meta></front></article>")
    laughs = tmp_path / "laughs.xml"
    laughs.write_text('<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY a "aaaaaaaaaa">'
                      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
                      "<article><front><article-meta><title-group><article-title>&c;</article-title></title-group>"
                      "</article-meta></front></article>")
    for path in (xxe, laughs):
        proc = run_cli("convert", str(path), "--from", "jats", "--to", "csl-json")
        assert proc.returncode == 2, proc.stderr_text
        assert "ENTITY" in proc.stderr_text and "Traceback" not in proc.stderr_text
        assert "TOP-SECRET" not in proc.stdout_text + proc.stderr_text
        with pytest.raises(citeport.CiteportError):
            citeport.read(path, "jats")


def test_malformed_xml_error_names_the_line(tmp_path: Path) -> None:
    one = "<article><front><article-meta><title-group><article-title>{}</article-title></title-group></article-meta></front></article>\n"
    bad = tmp_path / "bad.xml"
    bad.write_text("<pmc-articleset>\n" + one.format("Good") + "<article><front>\n<article-meta><oops></article-meta>\n")
    proc = run_cli("convert", str(bad), "--from", "jats", "--to", "csl-json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr_text
    assert re.search(r"bad\.xml:4: error: malformed XML", proc.stderr_text), proc.stderr_text
    assert json.loads(proc.stdout_text)[0]["title"] == "Good"
    garbage = tmp_path / "garbage.xml"
    garbage.write_text("<article>\n<front>\n<<<\n")
    proc = run_cli("convert", str(garbage), "--from", "jats", "--to", "csl-json")
    assert proc.returncode == 2 and "garbage.xml:3" in proc.stderr_text and "Traceback" not in proc.stderr_text


def test_external_dtd_is_not_fetched_but_parses(tmp_path: Path) -> None:
    # A PMC-style DOCTYPE naming a remote DTD and a local one that would break parsing if it were loaded.
    (tmp_path / "JATS-archivearticle1.dtd").write_text("<!ELEMENT broken (")
    path = tmp_path / "pmc.nxml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and '
                    'Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">\n'
                    + article("<title-group><article-title>Offline</article-title></title-group>").split("\n", 1)[1])
    assert citeport.read(path)[0]["title"] == "Offline"  # sniffed as JATS too
    remote = tmp_path / "remote.xml"
    remote.write_text('<!DOCTYPE pmc-articleset PUBLIC "-//NLM//DTD ARTICLE SET 2.0//EN" '
                      '"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd">\n<pmc-articleset>'
                      + article("<title-group><article-title>Remote</article-title></title-group>").split("\n", 1)[1]
                      + "</pmc-articleset>")
    assert citeport.read(remote)[0]["title"] == "Remote"


def test_article_meta_without_a_rule_is_kept_and_conferences_map_to_events() -> None:
    item = read_one(article(
        '<title-group><article-title>T</article-title></title-group>'
        '<author-notes><corresp>Correspondence: <email>a@b.org</email></corresp>'
        '<fn fn-type="equal"><p>These authors contributed equally.</p></fn></author-notes>'
        '<issue-title>Special issue on <italic>tests</italic></issue-title>'
        '<isbn>978-3-16-148410-0</isbn>'
        '<conference><conf-date>2020 May 1</conf-date><conf-name>Test Conf</conf-name>'
        '<conf-loc>Oslo, Norway</conf-loc></conference>'
        '<self-uri xlink:href="article.pdf">PDF</self-uri>'
        '<counts><fig-count count="3"/><ref-count count="40"/></counts>'
        '<custom-meta-group><custom-meta><meta-name>Impact</meta-name><meta-value>High</meta-value>'
        '</custom-meta></custom-meta-group>'
        '<future-element>kept anyway</future-element>'))
    assert item["event-title"] == "Test Conf" and item["event-place"] == "Oslo, Norway"
    assert item["volume-title"] == "Special issue on <i>tests</i>" and item["ISBN"] == "978-3-16-148410-0"
    tags = item["custom"]["tags"]
    assert tags["jats:author-notes"] == ["Correspondence: a@b.org", "These authors contributed equally."]
    assert tags["jats:conference"] == ["2020 May 1"]
    assert tags["jats:self-uri"] == ["PDF <article.pdf>"]
    assert tags["jats:counts"] == ["fig-count=3; ref-count=40"]
    assert tags["jats:custom-meta"] == ["Impact: High"]
    assert tags["jats:future-element"] == ["kept anyway"]


def test_mixed_citation_text_outside_its_elements_is_not_lost() -> None:
    """Untagged authors and year ("Rawls, J. (1971).", "Smith J, Doe A.") used to vanish without a word."""
    back = ('<ref-list><ref id="r1"><mixed-citation publication-type="book">Rawls, J. (1971). <source>A Theory of '
            'Justice</source>. Cambridge, MA: Harvard University Press.</mixed-citation></ref>'
            '<ref id="r2"><mixed-citation publication-type="journal">Smith J, van der Berg AB. <article-title>Something'
            '</article-title>. <source>Nature</source>. <year>2020</year>;<volume>5</volume>:<fpage>1</fpage>.'
            '</mixed-citation></ref><ref id="r3"><mixed-citation publication-type="journal"><string-name><surname>Li'
            '</surname> <given-names>W</given-names></string-name>. <article-title>T</article-title>. In: <source>J'
            '</source>. <year>2019</year>. Available from: <ext-link xlink:href="https://x.org">https://x.org'
            '</ext-link></mixed-citation></ref></ref-list>')
    records = citeport.read(article("<title-group><article-title>A</article-title></title-group>", back=back),
                            "jats", refs=True)
    book, paper, tagged = records[1:]
    assert book["issued"] == {"date-parts": [[1971]]} and "author" not in book  # APA names: not guessed
    assert book["custom"]["tags"]["jats:mixed-citation"] == [
        "Rawls, J. (1971). A Theory of Justice. Cambridge, MA: Harvard University Press."]
    assert paper["author"] == [{"family": "Smith", "given": "J."},
                               {"family": "Berg", "given": "A. B.", "non-dropping-particle": "van der"}]
    assert paper["issued"] == {"date-parts": [[2020]]}  # from the tag, not the text
    assert "custom" not in tagged  # only connectives between the tags: nothing to keep
    warned = [d.record for d in records.diagnostics if "outside its elements" in d.message]
    assert warned == ["ref r1", "ref r2"]


def test_academic_editor_is_not_printed_as_an_editor():
    meta = ('<contrib-group><contrib contrib-type="author"><name><surname>Okafor</surname><given-names>Ada'
            '</given-names></name></contrib></contrib-group><contrib-group><contrib contrib-type="editor">'
            '<name><surname>Ruiz</surname><given-names>Pablo</given-names></name><role>Academic Editor</role>'
            '<aff>Universidad de Chile, CHILE</aff></contrib></contrib-group>'
            '<title-group><article-title>Soil microbes and drought</article-title></title-group>'
            '<pub-date pub-type="epub"><year>2021</year></pub-date><volume>16</volume><elocation-id>e0250001'
            '</elocation-id>')
    item = read_one(article(meta, journal="<journal-title>PLOS ONE</journal-title>"))
    assert "editor" not in item
    assert item["custom"]["handling-editors"] == [{"family": "Ruiz", "given": "Pablo"}]
    assert item["custom"]["handling-editor-details"] == [{"affiliation": ["Universidad de Chile, CHILE"],
                                                          "roles": ["Academic Editor"]}]
    text = citeport.render([item], "vancouver")
    assert "Ruiz" not in text and "editor" not in text and text.startswith("1. Okafor A. Soil microbes")
