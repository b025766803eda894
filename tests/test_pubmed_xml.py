"""PubMed XML: mapping, rich text, books, streaming, damage and hostile input; the three forms of one record."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

import citeport
from citeport.formats import pubmed_xml
from citeport.model.diagnostics import CiteportError, Context
from citeport.sources import Source
from conftest import run_cli

DATA = Path(__file__).parent / "data" / "pubmed"

ARTICLE = """<PubmedArticle><MedlineCitation Status="PubMed-not-MEDLINE" Owner="NLM"><PMID>{pmid}</PMID>
<Article><Journal><JournalIssue><Volume>3</Volume><PubDate><Year>1999</Year><Season>Spring</Season></PubDate>
</JournalIssue><Title>Journal of tests</Title></Journal>
<ArticleTitle>The <i>E. coli</i> CO<sub>2</sub> x<sup>2</sup> ratio <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msubsup><mml:mi>&#951;</mml:mi><mml:mi>p</mml:mi><mml:mn>2</mml:mn></mml:msubsup></mml:math> is high<!-- c --> indeed.</ArticleTitle>
<ELocationID EIdType="pii">e0123</ELocationID>
<Abstract><AbstractText>Plain <b>bold</b> tail.</AbstractText></Abstract>
<AuthorList><Author><LastName>Smith</LastName><Initials>JR</Initials><Suffix>Jr</Suffix></Author>
<Author><CollectiveName>The <i>Test</i> Group</CollectiveName></Author></AuthorList>
<Language>ger</Language><PublicationTypeList><PublicationType>Review</PublicationType></PublicationTypeList>
<VernacularTitle>Ein Test.</VernacularTitle></Article>
<MedlineJournalInfo><MedlineTA>J Tests</MedlineTA></MedlineJournalInfo>
<InvestigatorList><Investigator><LastName>Doe</LastName><ForeName>Jane</ForeName>
<AffiliationInfo><Affiliation>Lab X</Affiliation></AffiliationInfo></Investigator></InvestigatorList>
<GeneralNote Owner="NLM">A general note.</GeneralNote>
</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>
<ArticleId IdType="pmc">PMC123456</ArticleId><ArticleId IdType="mid">NIHMS99</ArticleId>
<ArticleId IdType="bookaccession">NBK1</ArticleId></ArticleIdList></PubmedData></PubmedArticle>
"""


def xml(*records: str, head: str = "") -> bytes:
    return (f'<?xml version="1.0"?>\n{head}<PubmedArticleSet>\n' + "".join(records) + "</PubmedArticleSet>\n").encode()


def read(data: bytes):
    return citeport.read(Source.of(data, name="test.xml"), "pubmed-xml")


def test_rich_text_math_and_tails():
    item = read(xml(ARTICLE.format(pmid=11)))[0]
    assert item["title"] == ("The <i>E. coli</i> CO<sub>2</sub> x<sup>2</sup> ratio η<sub>p</sub><sup>2</sup> "
                             "is high indeed")
    assert item["abstract"] == "Plain <b>bold</b> tail."
    assert item["author"] == [{"family": "Smith", "given": "J. R.", "suffix": "Jr"},
                              {"literal": "The <i>Test</i> Group"}]


def test_dates_ids_and_custom():
    item = read(xml(ARTICLE.format(pmid=11)))[0]
    assert item["issued"] == {"date-parts": [[1999]], "season": 1}
    assert item["page"] == "e0123" and item["custom"]["elocation"] == "e0123"
    assert item["PMCID"] == "PMC123456" and item["custom"]["mid"] == "NIHMS99"
    assert item["custom"]["other-ids"] == {"bookaccession": "NBK1"}
    assert item["language"] == "de" and item["original-title"] == "Ein Test"
    assert item["container-title"] == "Journal of tests" and item["container-title-short"] == "J Tests"
    assert item["custom"]["investigators"] == [{"family": "Doe", "given": "Jane"}]
    assert item["custom"]["investigator-details"] == [{"affiliation": ["Lab X"]}]
    assert item["custom"]["medline-status"] == "PubMed-not-MEDLINE"
    assert item["custom"]["tags"]["pubmed-xml:GeneralNote"] == ["A general note."]


def test_book_chapter_and_delete_citation():
    book = """<PubmedBookArticle><BookDocument><PMID>20821847</PMID><Book>
<Publisher><PublisherName>BIOS</PublisherName><PublisherLocation>Oxford</PublisherLocation></Publisher>
<BookTitle>Endocrinology</BookTitle><PubDate><Year>2001</Year></PubDate>
<AuthorList Type="editors"><Author><LastName>Ed</LastName><ForeName>Ann</ForeName></Author></AuthorList>
<AuthorList Type="authors"><Author><LastName>Nussey</LastName><ForeName>Stephen</ForeName></Author></AuthorList>
<Isbn>1859962521</Isbn></Book><ArticleTitle>The pituitary gland</ArticleTitle>
<AuthorList Type="authors"><Author><LastName>Whitehead</LastName><ForeName>Saffron</ForeName></Author></AuthorList>
<DateRevised><Year>2014</Year><Month>10</Month><Day>11</Day></DateRevised>
<ItemList ListType="Figures"><Item>Figure 1</Item><Item>Figure 2</Item></ItemList>
</BookDocument></PubmedBookArticle>"""
    delete = "<DeleteCitation><PMID>1</PMID><PMID>2</PMID></DeleteCitation>"
    items = read(xml(book, delete))
    (chapter,) = items
    assert chapter["type"] == "chapter" and chapter["title"] == "The pituitary gland"
    assert chapter["container-title"] == "Endocrinology" and chapter["publisher-place"] == "Oxford"
    assert chapter["author"] == [{"family": "Whitehead", "given": "Saffron"}]
    assert chapter["container-author"] == [{"family": "Nussey", "given": "Stephen"}]
    assert chapter["editor"] == [{"family": "Ed", "given": "Ann"}]
    assert chapter["custom"]["tags"]["pubmed-xml:DateRevised"] == ["2014-10-11"]
    assert chapter["custom"]["tags"]["pubmed-xml:ItemList"] == ["Figure 1", "Figure 2"]  # no rule: kept
    deleted = [d for d in items.diagnostics if d.code == "deleted"]
    assert deleted and deleted[0].level == "info" and "1, 2" in deleted[0].message
    assert not [d for d in items.diagnostics if d.level == "error"]


def test_truncated_file_yields_good_records_then_one_error_with_line():
    data = xml(*(ARTICLE.format(pmid=n) for n in (1, 2, 3)))
    cut = data[: data.index(b"<PMID>3</PMID>") + 20]
    items = read(cut)
    assert [i["PMID"] for i in items] == ["1", "2"]
    errors = [d for d in items.diagnostics if d.level == "error"]
    assert len(errors) == 1 and errors[0].line and "malformed XML" in errors[0].message


def test_streams_records_before_the_end_and_frees_them():
    data = xml(*(ARTICLE.format(pmid=n) for n in range(1, 401)))

    class Counting(io.BytesIO):
        consumed = 0

        def read(self, size=-1):
            chunk = super().read(size)
            Counting.consumed += len(chunk)
            return chunk

    src = Source("big.xml", data=data)
    src.open_binary = lambda: Counting(data)  # type: ignore[method-assign]
    it = pubmed_xml.read(src, Context())
    first = next(it)
    assert first["PMID"] == "1" and Counting.consumed < len(data) / 2  # the first item came before the end
    assert sum(1 for _ in it) == 399


@pytest.mark.parametrize("payload", [
    '<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    '<!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
])
@pytest.mark.parametrize("padding", [0, 70000])  # a DTD after the first 64 KB is caught as well
def test_entities_are_refused(tmp_path, payload, padding):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    head = ("<!-- " + "x" * padding + " -->\n" if padding else "") + payload.format(secret=secret) + "\n"
    record = ARTICLE.format(pmid=1).replace("is high", "is &xxe; high" if "xxe" in payload else "is &d; high")
    path = tmp_path / "evil.xml"
    path.write_bytes(xml(record, head=head))
    with pytest.raises(CiteportError) as err:
        citeport.read(path, "pubmed-xml")
    assert "entit" in str(err.value)
    proc = run_cli("convert", str(path), "--from", "pubmed-xml", "--to", "csl-json")
    assert proc.returncode == 2 and "TOPSECRET" not in proc.stdout_text + proc.stderr_text
    assert "Traceback" not in proc.stderr_text


def test_gzip_and_corrupt_gzip(tmp_path):
    good = tmp_path / "set.xml.gz"
    good.write_bytes(gzip.compress(xml(ARTICLE.format(pmid=7))))
    assert [i["PMID"] for i in citeport.read(good)] == ["7"]
    bad = tmp_path / "bad.xml.gz"
    bad.write_bytes(gzip.compress(xml(*(ARTICLE.format(pmid=n) for n in range(50))))[:900] + b"\x00garbage")
    proc = run_cli("convert", str(bad), "--from", "pubmed-xml", "--to", "csl-json")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr_text
    assert "bad.xml.gz" in proc.stderr_text and ("gzip" in proc.stderr_text or "corrupt" in proc.stderr_text)


# -- one invented record in three forms ---------------------------------------------

SHARED_FIELDS = ("type", "title", "author", "issued", "available-date", "volume", "issue", "page", "DOI", "PMID",
                 "container-title-short", "keyword", "note")


def _forms() -> dict[str, dict]:
    out = {"nbib": citeport.read(DATA / "invented.nbib", "medline")[0],
           "xml": citeport.read(DATA / "invented.xml", "pubmed-xml")[0]}
    try:
        citeport.api.REGISTRY.get("pubmed-text")
    except CiteportError:
        pytest.skip("formats/pubmed_text.py (PubMed page text) is not there yet")
    out["page"] = citeport.read(DATA / "invented-page.txt", "pubmed-text")[0]
    return out


def test_nbib_and_xml_give_the_same_item():
    forms = _forms()
    nbib, xml_ = forms["nbib"], forms["xml"]
    for key in set(nbib) | set(xml_):
        if key != "custom":
            assert nbib.get(key) == xml_.get(key), key
    for key in ("author-details", "mesh", "issn", "history", "comments-corrections", "grants", "pii",
                "publication-types", "publication-status", "medline-status", "nlm-unique-id", "copyright"):
        assert nbib["custom"].get(key) == xml_["custom"].get(key), key


@pytest.mark.parametrize("field", SHARED_FIELDS + ("abstract",))
def test_page_text_agrees_on_shared_fields(field):
    forms = _forms()
    values = {name: item.get(field) for name, item in forms.items()}
    if field == "abstract":  # the page prints section labels in title case
        values = {k: v.lower() if v else v for k, v in values.items()}
    assert values["page"] == values["nbib"] == values["xml"], values


def test_reference_list_keeps_citation_markup_and_ids_and_mesh_history():
    record = ARTICLE.format(pmid=12).replace("</PubmedData>", """<History>
<PubMedPubDate PubStatus="received"><Year>2020</Year><Month>1</Month><Day>5</Day></PubMedPubDate>
<PubMedPubDate PubStatus="pubmed"><Year>2020</Year><Month>2</Month><Day>6</Day><Hour>6</Hour><Minute>0</Minute>
</PubMedPubDate><PubMedPubDate PubStatus="medline"><Year>2020</Year><Month>Feb</Month><Day>6</Day><Hour>0</Hour>
<Minute>0</Minute></PubMedPubDate></History>
<ReferenceList><Reference><Citation>Cells of <i>Drosophila</i>. Dev 1(2) 3-4.</Citation>
<ArticleIdList><ArticleId IdType="pubmed">9115398</ArticleId><ArticleId IdType="doi">10.1/x</ArticleId></ArticleIdList>
</Reference><Reference><Citation>No ids.</Citation></Reference></ReferenceList></PubmedData>""").replace(
        "<GeneralNote", """<MeshHeadingList><MeshHeading><DescriptorName MajorTopicYN="N">Birds</DescriptorName>
<QualifierName MajorTopicYN="Y">physiology</QualifierName></MeshHeading>
<MeshHeading><DescriptorName MajorTopicYN="Y">Humans</DescriptorName></MeshHeading></MeshHeadingList><GeneralNote""")
    item = read(xml(record))[0]
    assert item["custom"]["tags"]["pubmed-xml:ReferenceList"] == [
        "Cells of <i>Drosophila</i>. Dev 1(2) 3-4. [pubmed: 9115398; doi: 10.1/x]", "No ids."]
    assert item["custom"]["mesh"] == ["Birds/*physiology", "*Humans"]
    assert item["custom"]["history"] == {"received": "2020-01-05", "pubmed": "2020-02-06T06:00",
                                         "medline": "2020-02-06"}


def test_csl_json_fast_indent_is_exactly_what_json_writes():
    import json

    from citeport.formats.csljson import dumps

    item = read(xml(ARTICLE.format(pmid=11)))[0]
    for value in (item, {}, [], {"a": [], "b": {}, "c": [1, True, None, "é\n\"\u2028", {"d": [[]]}]},
                  {1: "int key"}, {"f": 1.5, "t": (1, 2)}):
        for indent in (2, 4, 0, None):
            assert dumps(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)
    text = citeport.write([item, item], "csl-json")
    assert json.loads(text) == [item, item] and text.startswith('[\n{\n  "id": "pmid:11"')


@pytest.mark.parametrize("bad", [b"a&#1;b", b"a\x01b", "a\uffffb".encode()])
def test_control_characters_never_reach_an_item(bad):
    """The format skips citeport's control-character scrub (reads_clean_text): lxml must refuse them."""
    from citeport.formats.registry import REGISTRY
    assert REGISTRY.get("pubmed-xml").reads_clean_text
    xml = (b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>" + bad
           + b"</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>")
    records = citeport.read(xml.decode("utf-8"), "pubmed-xml")
    assert not list(records) and any(d.level == "error" for d in records.diagnostics)


EXTRAS = """<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID>38000001</PMID>
<DateCompleted><Year>2024</Year><Month>01</Month><Day>05</Day></DateCompleted>
<Article><Journal><JournalIssue><PubDate><Year>2024</Year></PubDate></JournalIssue><Title>J Odd</Title></Journal>
<ArticleTitle>Odd things.</ArticleTitle>
<AuthorList><Author EqualContrib="Y"><LastName>Berg</LastName><ForeName>Anna</ForeName>
<AffiliationInfo><Affiliation>Univ B.</Affiliation><Identifier Source="ROR">https://ror.org/012345</Identifier>
</AffiliationInfo></Author></AuthorList>
<DataBankList><DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList>
<AccessionNumber>NCT01234567</AccessionNumber></AccessionNumberList></DataBank></DataBankList>
<FutureArticleElement><Part>one</Part><Part>two</Part></FutureArticleElement>
</Article>
<ChemicalList><Chemical><RegistryNumber>059QF0KO0R</RegistryNumber><NameOfSubstance>Water</NameOfSubstance></Chemical></ChemicalList>
<SupplMeshList><SupplMeshName Type="Disease" UI="C000001">Odd syndrome</SupplMeshName></SupplMeshList>
<GeneSymbolList><GeneSymbol>ODD1</GeneSymbol></GeneSymbolList>
<PersonalNameSubjectList><PersonalNameSubject><LastName>Darwin</LastName><ForeName>Charles</ForeName>
</PersonalNameSubject></PersonalNameSubjectList>
<FutureCitationElement>Some <b>new</b> text</FutureCitationElement>
</MedlineCitation><PubmedData><History>
<PubMedPubDate PubStatus="received"><Year>2023</Year><Month>10</Month><Day>1</Day></PubMedPubDate>
<PubMedPubDate PubStatus="newstatus"><Year>2024</Year><Month>3</Month><Day>4</Day></PubMedPubDate>
</History><ArticleIdList><ArticleId IdType="pubmed">38000001</ArticleId></ArticleIdList>
<ObjectList><Object Type="keyword"><Param Name="value">odd</Param></Object></ObjectList>
</PubmedData></PubmedArticle>
"""


def test_elements_without_a_rule_are_kept_not_dropped():
    (item,) = read(xml(EXTRAS))
    tags = {k.split(":", 1)[1]: v for k, v in item["custom"]["tags"].items()}
    assert tags["DataBank"] == ["ClinicalTrials.gov/NCT01234567"]
    assert tags["SupplMeshName"] == ["Odd syndrome [Disease]"]
    assert tags["GeneSymbolList"] == ["ODD1"]
    assert tags["PersonalNameSubject"] == ["Darwin, Charles"]
    assert tags["Chemical"] == ["059QF0KO0R (Water)"]
    assert tags["FutureArticleElement"] == ["one", "two"]  # a newer DTD's element: its text, not nothing
    assert tags["FutureCitationElement"] == ["Some new text"]
    assert tags["ObjectList"] == ["odd"]
    assert tags["PubMedPubDate"] == ["2024-03-04 [newstatus]"]  # a status citeport has no key for
    assert item["custom"]["author-details"][0]["affiliation-identifiers"] == ["ROR: https://ror.org/012345"]


def test_kept_pubmed_xml_elements_are_written_as_pubmed_writes_them_in_medline():
    items = read(xml(EXTRAS))
    ctx = Context()
    nbib = citeport.write(items, "medline", ctx=ctx)
    lines = set(nbib.splitlines())
    for line in ("SI  - ClinicalTrials.gov/NCT01234567", "RN  - 059QF0KO0R (Water)", "GS  - ODD1",
                 "PS  - Darwin, Charles", "DCOM- 20240105", "PHST- 2024/03/04 00:00 [newstatus]",
                 "PHST- 2023/10/01 00:00 [received]"):
        assert line in lines, line
    # What MEDLINE has no tag for is reported, not silently left out.
    dropped = {d.field for d in ctx.diagnostics if d.code == "dropped"}
    assert "custom.tags.pubmed-xml:FutureArticleElement" in dropped
    assert "SI  - ClinicalTrials.gov/NCT01234567" in citeport.write(citeport.read(nbib, "medline"), "medline")


def test_a_second_doi_elocation_is_kept():
    xml = ('<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">7</PMID>'
           '<Article PubModel="Print"><Journal><Title>J</Title></Journal><ArticleTitle>T.</ArticleTitle>'
           '<ELocationID EIdType="doi" ValidYN="Y">10.1000/a1</ELocationID>'
           '<ELocationID EIdType="doi" ValidYN="Y">10.1000/b2</ELocationID></Article></MedlineCitation>'
           '</PubmedArticle></PubmedArticleSet>')
    item = next(iter(citeport.read(xml, "pubmed-xml")))
    assert item["DOI"] == "10.1000/a1"
    assert item["custom"]["tags"]["pubmed-xml:ELocationID"] == ["10.1000/b2 [doi]"]
