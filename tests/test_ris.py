"""RIS reader and writer: dialects, dates, malformed input, round trips, loss report."""
from __future__ import annotations

import json

import pytest

import citeport
from citeport.formats.ris import CSL_TO_RIS, RIS_TO_CSL, parse_ris_date, parse_ris_name, sniff
from citeport.model.diagnostics import Context
from conftest import run_cli, shared_path

ENDNOTE = """TY  - JOUR
AU  - Owens, John A.
AU  - van der Berg, Jan, Jr.
TI  - A title
that wraps
JF  - Journal of Tests
JO  - J Tests
PY  - 2015
DA  - 2015/02/03/
VL  - 12
IS  - 3
SP  - 22
EP  - 31
SN  - 0028-0836
DO  - https://doi.org/10.1000/XYZ.1
KW  - alpha
KW  - beta; gamma
AB  - First paragraph.
AB  - Second paragraph.
N1  - A note
LA  - eng
M2  - PMID: 12345678
ZZ  - an unknown tag
ZZ  - again
ER  - 
"""


def read(text: str, **kw):
    return citeport.read(text, "ris", **kw)


def test_endnote_record_maps_every_field():
    (item,) = read(ENDNOTE)
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Owens", "given": "John A."},
                              {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der", "suffix": "Jr."}]
    assert item["title"] == "A title that wraps"
    assert item["container-title"] == "Journal of Tests" and item["container-title-short"] == "J Tests"
    assert item["issued"] == {"date-parts": [[2015, 2, 3]]}
    assert (item["volume"], item["issue"], item["page"]) == ("12", "3", "22-31")
    assert item["ISSN"] == "0028-0836" and item["DOI"] == "10.1000/XYZ.1"
    assert item["keyword"] == "alpha; beta; gamma"
    assert item["abstract"] == "First paragraph.\nSecond paragraph."
    assert item["language"] == "en" and item["PMID"] == "12345678"
    assert item["custom"]["tags"]["ris:ZZ"] == ["an unknown tag", "again"]


@pytest.mark.parametrize("value,expected", [
    ("2015/02/03/", {"date-parts": [[2015, 2, 3]]}),
    ("2015///", {"date-parts": [[2015]]}),
    ("2015/02//Spring", {"date-parts": [[2015, 2]], "season": 1}),
    ("2015", {"date-parts": [[2015]]}),
    ("2015/2/3", {"date-parts": [[2015, 2, 3]]}),
    ("2001/00/00/", {"date-parts": [[2001]]}),
    ("///in press", {"literal": "in press"}),
    ("1984///1984-1985", {"date-parts": [[1984], [1985]]}),
    ("///", None),
])
def test_ris_dates(value, expected):
    assert parse_ris_date(value) == expected


def test_da_wins_over_deprecated_y1_and_month_only_da_joins_py():
    (a,) = read("TY  - JOUR\nY1  - 1900/01/01\nDA  - 1950/01/01\nER  - \n")
    assert a["issued"] == {"date-parts": [[1950, 1, 1]]}
    (b,) = read("TY  - JOUR\nPY  - 1948\nDA  - July\nER  - \n")
    assert b["issued"] == {"date-parts": [[1948, 7]]}


@pytest.mark.parametrize("text,name", [
    ("Doe, John, Jr.", {"family": "Doe", "given": "John", "suffix": "Jr."}),
    ("Baldwin,S.A.", {"family": "Baldwin", "given": "S.A."}),
    ("Homerus", {"family": "Homerus"}),
    ("De Vlinderstichting", {"literal": "De Vlinderstichting"}),
    ("Fanning E.", {"family": "Fanning", "given": "E."}),
])
def test_ris_names(text, name):
    assert parse_ris_name(text) == name


def test_type_tables_cover_the_spec_both_ways():
    spec = ("JOUR BOOK CHAP CONF CPAPER THES RPRT ELEC DATA COMP NEWS MGZN PAT GEN ABST ADVS AGGR ANCIENT ART "
            "BILL BLOG CASE CHART CLSWK CTLG DBASE DICT EBOOK ECHAP EDBOOK EJOUR ENCYC EQUA FIGURE GOVDOC GRANT "
            "HEAR ICOMM INPR JFULL LEGAL MANSCPT MAP MPCT MULTI MUSIC PAMP PCOMM SER SLIDE SOUND STAND STAT "
            "UNBILL UNPB VIDEO").split()
    assert not [t for t in spec if t not in RIS_TO_CSL]
    from citeport.model.item import CSL_TYPES
    assert set(CSL_TO_RIS) == set(CSL_TYPES)
    for ty in spec:  # every RIS type survives RIS -> CSL -> RIS
        (item,) = read(f"TY  - {ty}\nTI  - x\nER  - \n")
        assert citeport.write([item], "ris").startswith(f"TY  - {ty}\r\n"), ty


def test_sn_is_isbn_or_issn_by_value_then_type():
    (book,) = read("TY  - BOOK\nSN  - 978-0-06-297658-1\nER  - \n")
    (jour,) = read("TY  - JOUR\nSN  - 1540-8779\nER  - \n")
    (rprt,) = read("TY  - RPRT\nSN  - TR-42\nER  - \n")
    assert book["ISBN"] == "978-0-06-297658-1" and jour["ISSN"] == "1540-8779" and rprt["number"] == "TR-42"


def test_dialects_crlf_bom_blank_lines_empty_tags_and_er_without_space():
    text = "\ufeffTY  - JOUR\r\n\r\nTI  - T\r\nVL  -\r\nIS  - \r\nER  -\r\n\r\nTY - BOOK\r\nTI - B\r\nER -"
    items = read(text)
    assert [i["type"] for i in items] == ["article-journal", "book"]
    assert "volume" not in items[0] and items[1]["title"] == "B"


def test_utf16_and_latin1_inputs():
    text = "TY  - JOUR\nTI  - Café über\nER  - \n"
    for data in (text.encode("utf-16"), text.encode("latin-1")):
        (item,) = citeport.read(data, "ris")
        assert item["title"] == "Café über"


def test_sniff_claims_ris_not_wos():
    assert sniff("TY  - JOUR\nTI  - x\n") > 0.9
    assert sniff("Provider: X\n\n1.\nTY  - JOUR\n") > 0.9
    assert sniff("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Doe, J\nER\n") == 0.0


def test_wos_file_is_not_detected_as_ris():
    path = shared_path("corpus", "ris", "rispy", "example_wos.ris")
    from citeport.formats.registry import REGISTRY
    fmt, _score = REGISTRY.sniff(path.read_text(encoding="utf-8")[:65536])
    assert fmt is None or fmt.name != "ris"


def test_missing_er_nul_byte_and_huge_line_keep_good_records():
    good = "TY  - JOUR\nTI  - Good {n}\nER  - \n"
    text = (good.format(n=1) + "TY  - JOUR\nTI  - No ER\n" + good.format(n=2)
            + "TY  - JOUR\nTI  - bad\x00byte\nER  - \n" + "TY  - JOUR\nAB  - " + "x" * 10_500_000 + "\nER  - \n"
            + good.format(n=3))
    recs = read(text)
    assert [i["title"] for i in recs] == ["Good 1", "No ER", "Good 2", "badbyte", "Good 3"]
    messages = [(d.line, d.message) for d in recs.diagnostics if d.level == "error"]
    assert any(line == 4 and "no ER" in msg for line, msg in messages)
    assert any("NUL byte on line 10" in msg for _l, msg in messages)
    assert any("line 13 is 10,500,006 characters long" in msg for _l, msg in messages)
    assert recs.skipped == 1  # the 10 MB line; the NUL byte is removed and its record kept


def test_cli_reports_errors_with_line_numbers_no_traceback(tmp_path):
    path = tmp_path / "bad.ris"
    path.write_bytes(b"TY  - JOUR\nTI  - ok\nER  - \nTY  - JOUR\nTI  - x\x00y\nER  - \nTY  - JOUR\nTI  - last\n")
    proc = run_cli("convert", str(path), "--from", "ris", "--to", "csl-json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr_text
    assert "bad.ris:5" in proc.stderr_text and "NUL byte on line 5" in proc.stderr_text
    assert [i["title"] for i in json.loads(proc.stdout_text)] == ["ok", "xy", "last"]


def test_writer_follows_the_spec():
    item = {"id": "x1", "type": "article-journal", "title": "T", "author": [{"family": "Doe", "given": "J."}],
            "issued": {"date-parts": [[2015, 2, 3]]}, "page": "22-31", "container-title": "J",
            "PMID": "123", "PMCID": "PMC456"}
    text = citeport.write([item], "ris")
    lines = text.split("\r\n")
    assert lines[0] == "TY  - JOUR" and "ER  - " in lines
    for tag, value in (("PY", "2015"), ("DA", "2015/02/03/"), ("SP", "22"), ("EP", "31"),
                       ("M2", "PMID: 123"), ("M2", "PMCID: PMC456"), ("AU", "Doe, J.")):
        assert f"{tag}  - {value}" in lines
    assert read(text)[0] == item


def test_losses_are_reported_and_strict_fails(tmp_path):
    items = [{"id": "a", "type": "review", "title": "<i>Rich</i> title", "event-title": "Conf",
              "director": [{"family": "Lynch"}], "custom": {"grants": ["R01"]}}]
    path = tmp_path / "x.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    ctx = Context()
    citeport.write(citeport.read(str(path)), "ris", ctx=ctx)
    fields = {d.field for d in ctx.diagnostics if d.is_loss}
    assert {"type", "title", "event-title", "director", "custom.grants"} <= fields
    report = run_cli("convert", str(path), "--to", "ris", "--report")
    assert report.returncode == 0 and "down-converted event-title" in report.stderr_text
    assert "N1  - event-title: Conf" in report.stdout_text
    strict = run_cli("convert", str(path), "--to", "ris", "--strict")
    assert strict.returncode == 1 and "--strict" in strict.stderr_text


def test_round_trip_over_the_corpus():
    root = shared_path("corpus", "ris")
    for path in sorted(root.glob("*/*.ris")):
        first = list(citeport.read(str(path), "ris"))
        again = list(citeport.read(citeport.write(first, "ris"), "ris"))
        assert again == first, path.name


def test_kept_title_and_translated_tags_go_to_n1_and_come_back():
    text = "TY  - JOUR\nTI  - Main title\nT1  - Another title\nTT  - Translated title\nTA  - Autor, Ubersetzt\n" \
           "AD  - Somewhere\nER  - \n"
    (item,) = read(text)
    assert item["title"] == "Main title"
    ris = citeport.write([item], "ris", newline="\n")
    # Other tools read TT as the title and TA as the author: those go to N1, AD stays a tag.
    assert "\nTT  -" not in ris and "\nTA  -" not in ris and "\nT1  -" not in ris
    assert "N1  - RIS TT: Translated title" in ris and "AD  - Somewhere" in ris
    assert list(read(ris)) == [item]


def test_a_doi_tag_that_is_no_doi_is_kept_apart():
    (item,) = read("TY  - JOUR\nTI  - X\nDO  - DOI\nER  - \n")
    assert "DOI" not in item and item["custom"]["tags"]["ris:DO"] == ["DOI"]


@pytest.mark.parametrize("record,expected,kept", [
    ("TY  - FIGURE\nTI  - F\nVL  - 300x200\nSP  - A chart\nER  - \n", {"dimensions": "300x200"}, {"ris:SP": ["A chart"]}),
    ("TY  - BOOK\nTI  - B\nM1  - 12\nSP  - 350 p.\nER  - \n", {"collection-number": "12", "number-of-pages": "350 p."}, {}),
    ("TY  - CONF\nTI  - P\nC1  - Berlin\nCY  - Vienna\nER  - \n", {"publisher-place": "Berlin", "event-place": "Vienna"}, {}),
    # EndNote's Web Page VL is its "Access Year" (see test_ris_access_rows.py)
    ("TY  - ELEC\nTI  - W\nVL  - 2019\nER  - \n", {"accessed": {"date-parts": [[2019]]}, "volume": None}, {}),
])
def test_endnote_type_specific_tag_meanings(record, expected, kept):
    (item,) = read(record)
    assert {k: item.get(k) for k in expected} == expected
    assert {k: item["custom"]["tags"].get(k) for k in kept} == kept
    assert list(read(citeport.write([item], "ris"))) == [item]


def test_procite_labelled_notes_are_fields():
    text = "TY  - BOOK\nN1  - Record ID: 7\nTI  - B\nVL  - 2nd\nN1  - Call Number: QA76\n" \
           "N1  - Series Title: Lecture Notes\nN1  - Notes: a real note\nN1  - Mood: odd\nER  - \n"
    (item,) = read(text)
    assert (item["id"], item["call-number"], item["collection-title"]) == ("7", "QA76", "Lecture Notes")
    assert item["edition"] == "2nd"  # ProCite writes a book's edition in VL
    assert item["note"] == "Mood: odd\na real note"
    assert list(read(citeport.write([item], "ris"))) == [item]


def test_ebook_da_is_the_access_date():
    (item,) = read("TY  - EBOOK\nTI  - E\nPY  - 2010\nDA  - 2019/09/18/\nER  - \n")
    assert item["issued"] == {"date-parts": [[2010]]} and item["accessed"] == {"date-parts": [[2019, 9, 18]]}
    item["issued"] = {"date-parts": [[2010, 5, 1]]}
    ris = citeport.write([item], "ris", newline="\n")
    assert "Y1  - 2010/05/01/" in ris and "\nDA  -" not in ris
    assert list(read(ris)) == [item]


def test_multi_paragraph_abstract_is_one_ab_with_continuation_lines():
    rispy = pytest.importorskip("rispy")
    item = {"id": "x", "type": "article-journal", "title": "T",
            "abstract": "BACKGROUND: First part.\nMETHODS: Second part."}
    text = citeport.write([item], "ris")
    assert text.count("AB  - ") == 1
    assert "\nMETHODS: Second part." in text.replace("\r\n", "\n")
    # rispy (like Zotero and citation-js) joins continuation lines into the one abstract
    entry = rispy.loads(text.replace("\r\n", "\n"))[0]
    assert "First part." in entry["abstract"] and "Second part." in entry["abstract"]
    # and citeport reads its paragraphs back
    assert citeport.read(text, "ris")[0]["abstract"] == item["abstract"]


def test_stray_ty_inside_a_record_is_one_record_but_a_titled_segment_is_the_next():
    # JabRef's corrupt-file case: TY lines inside one record; the tags after them have no title.
    recs = read("TY  - BOOK\nTY  - JOUR\nTI  - Editorial\nTY  - THES\nPB  - Uni\nTY  - OTHER\nKW  - k\nER  - \n")
    (item,) = recs
    assert item["title"] == "Editorial" and item["publisher"] == "Uni" and item["keyword"] == "k"
    assert item["type"] == "book"
    assert [d.line for d in recs.diagnostics if "repeated inside a record" in d.message] == [4, 6]
    # A record without ER followed by a titled one: two records, the missing ER reported.
    a, b = read("TY  - JOUR\nTI  - First\nTY  - BOOK\nTI  - Second\nER  - \n")
    assert (a["title"], b["title"], b["type"]) == ("First", "Second", "book")


@pytest.mark.parametrize("ty", ["JOUR", "GEN", "BOOK", "BILL", "HEAR", "CASE", "PAT", "STAT", "STAND", "GRANT",
                                "UNPB", "CONF", "GOVDOC", "ANCIENT", "SOUND", "MUSIC", "ADVS", "BLOG"])
def test_real_dates_for_every_type_zotero_tested_with_placeholders(ty):
    # Zotero's synthetic files only hold labels ("Year", "Date"); with real values citeport and
    # Zotero both take DA as the date and PY as its year.
    (item,) = read(f"TY  - {ty}\nTI  - T\nPY  - 2015\nDA  - 2015/03/04/\nER  - \n")
    assert item["issued"] == {"date-parts": [[2015, 3, 4]]}


def test_ebook_da_stays_the_access_date_with_py_the_year():
    (item,) = read("TY  - EBOOK\nTI  - T\nPY  - 2015\nDA  - 2019/03/04/\nER  - \n")
    assert item["issued"] == {"date-parts": [[2015]]} and item["accessed"] == {"date-parts": [[2019, 3, 4]]}


@pytest.mark.parametrize("record, expected", [
    ("TY  - BILL\nTI  - An Act\nA2  - Smith, Jo\nT3  - Senate\nM1  - S. 12\nER  - \n",
     {"author": [{"family": "Smith", "given": "Jo"}], "authority": "Senate", "number": "S. 12"}),
    ("TY  - HEAR\nTI  - Hearing\nT3  - House\nNV  - 2\nER  - \n", {"authority": "House", "number-of-volumes": "2"}),
    ("TY  - PAT\nTI  - Gadget\nAU  - Doe, A\nA2  - USPTO\nSN  - US 123\nCY  - US\nER  - \n",
     {"authority": "USPTO", "number": "US 123", "jurisdiction": "US"}),
    ("TY  - CONF\nTI  - Paper\nT2  - ICSE 2020\nC3  - Proceedings of ICSE\nER  - \n",
     {"container-title": "Proceedings of ICSE", "event-title": "ICSE 2020"}),
    ("TY  - CONF\nTI  - Paper\nT2  - Proceedings of ICSE\nER  - \n", {"container-title": "Proceedings of ICSE"}),
    ("TY  - EBOOK\nTI  - E\nNV  - 2.1\nER  - \n", {"version": "2.1"}),
    ("TY  - JOUR\nTI  - J\nDB  - PubMed\nDP  - NLM\nER  - \n", {"archive": "PubMed", "source": "NLM"}),
    # PubMed's own RIS: labelled identifiers in free tags, the Epub date in ET (EndNote's JOUR label)
    ("TY  - JOUR\nTI  - J\nET  - 2016/01/30\nU1  - 26957754[pmid]\nU2  - PMC4756000[pmcid]\nU4  - jpts-817[PII]\nER  - \n",
     {"PMID": "26957754", "PMCID": "PMC4756000", "available-date": {"date-parts": [[2016, 1, 30]]},
      "custom": {"tags": {"ris:U4": ["jpts-817[PII]"]}}}),
    # EBSCO / hand-entered: "PMID: n." and "PMCID: PMCn" as the whole value of a free tag
    ("TY  - JOUR\nTI  - J\nU2  - PMID: 32133674.\nC1  - PMCID: PMC7000001\nER  - \n",
     {"PMID": "32133674", "PMCID": "PMC7000001", "custom": None}),
    ("TY  - JOUR\nTI  - J\nU2  - PMID: 32133674 (retracted)\nER  - \n",
     {"PMID": None, "custom": {"tags": {"ris:U2": ["PMID: 32133674 (retracted)"]}}}),
    ("TY  - JOUR\nTI  - J\nC2  - 31189950\nDB  - Scopus\nER  - \n", {"PMID": "31189950", "archive": "Scopus"}),
    ("TY  - JOUR\nTI  - J\nC2  - 31189950\nER  - \n", {"PMID": None, "custom": {"tags": {"ris:C2": ["31189950"]}}}),
    ("TY  - JOUR\nTI  - J\nET  - 2nd ed.\nU1  - not-a-pmid[pmid]\nER  - \n",
     {"available-date": None, "PMID": None, "custom": {"tags": {"ris:ET": ["2nd ed."], "ris:U1": ["not-a-pmid[pmid]"]}}}),
    ("TY  - BILL\nTI  - An Act\nET  - 2nd session\nOP  - Passed the House\nER  - \n",
     {"chapter-number": "2nd session", "references": "Passed the House"}),
    ("TY  - HEAR\nTI  - Hearing\nT2  - Committee on Finance\nER  - \n",
     {"section": "Committee on Finance", "container-title": None}),
    ("TY  - CASE\nTI  - Roe v. Wade\nA2  - U.S. Reports\nJ2  - 93 S. Ct. 705\nVL  - 410\nOP  - Reversed\nER  - \n",
     {"container-title": "U.S. Reports", "volume": "410", "references": "Reversed", "container-title-short": None}),
    ("TY  - PAT\nTI  - Gadget\nC5  - US 1,000,000\nC6  - Granted\nER  - \n",
     {"references": "US 1,000,000", "status": "Granted"}),
    ("TY  - DATA\nTI  - Survey\nNV  - ICPSR 123\nER  - \n", {"number": "ICPSR 123"}),
    # a type's own number tag (SN) wins; what another tag put there first is kept as that tag
    ("TY  - RPRT\nTI  - R\nM1  - Doc 12\nSN  - TR-2020-01\nER  - \n",
     {"number": "TR-2020-01", "custom": {"tags": {"ris:M1": ["Doc 12"]}}}),
    ("TY  - PAT\nTI  - P\nIS  - 4,904,581\nER  - \n", {"number": "4,904,581"}),
    ("TY  - RPRT\nTI  - R\nA2  - Doe, Series\nA3  - Acme Press\nER  - \n",
     {"collection-editor": [{"family": "Doe", "given": "Series"}], "editor": None}),
    ("TY  - MPCT\nTI  - Film\nAU  - Kubrick, Stanley\nA4  - Nicholson, Jack\nER  - \n",
     {"director": [{"family": "Kubrick", "given": "Stanley"}], "performer": [{"family": "Nicholson", "given": "Jack"}]}),
])
def test_type_specific_readings_shared_with_zotero_and_round_trip(record, expected):
    (item,) = read(record)
    assert {k: item.get(k) for k in expected} == expected
    if "C3" not in record:
        assert "event-title" not in item
    (again,) = read(citeport.write([item], "ris"))
    assert again == item


def test_a_spelled_out_type_is_read_as_the_type_it_spells_with_a_warning():
    records = citeport.read("TY  - Journ\nTI  - T\nT2  - Metropolitan Museum Journal\nER  - \n", "ris")
    (item,) = records
    assert item["type"] == "article-journal" and item["container-title"] == "Metropolitan Museum Journal"
    assert any("unknown RIS type 'JOURN'; read as JOUR" in d.message for d in records.diagnostics)
    (art,) = read("TY  - ARTICLE\nTI  - T\nER  - \n")  # not ART (artwork): too far from any type
    assert art["type"] == "document" and art["custom"]["tags"]["ris:TY"] == ["ARTICLE"]


@pytest.mark.parametrize("fmt", ["ris", "endnote-xml"])
def test_another_formats_kept_tags_are_reported_when_the_writer_cannot_hold_them(fmt):
    from citeport.model.diagnostics import Context

    item = {"id": "a", "type": "article-journal", "title": "T",
            "custom": {"tags": {"pubmed-xml:DataBank": ["ClinicalTrials.gov/NCT01234567"], "ris:M3": ["x"],
                                "endnote:work-type": ["y"]}}}
    ctx = Context()
    citeport.write([item], fmt, ctx=ctx)
    dropped = {d.field for d in ctx.diagnostics if d.code == "dropped"}
    assert "custom.tags.pubmed-xml:DataBank" in dropped
    own = "custom.tags.ris:M3" if fmt == "ris" else "custom.tags.endnote:work-type"
    assert own not in dropped  # the writer's own tags are written back, not lost


def test_zotero_html_notes_become_csl_rich_text():
    """Zotero exports notes as HTML (N1 and EndNote XML <notes>); CSL's note is text with CSL's markup."""
    ris = ('TY  - JOUR\nTI  - T\nN1  - <div data-schema-version="8"><p>First &amp; <em>second</em></p>\n'
           '<p>Then x &lt; 5<br/>and <strong>y</strong></p></div>\nN1  - A plain EndNote note & <not html>\nER  - \n')
    (item,) = read(ris)
    assert item["note"] == "First & <i>second</i>\nThen x < 5\nand <b>y</b>\nA plain EndNote note & <not html>"
    (back,) = read(citeport.write([item], "ris"))
    assert back["note"] == item["note"]
    xml = ('<xml><records><record><ref-type name="Journal Article">17</ref-type><titles><title>T</title></titles>'
           '<notes>&lt;p&gt;One &amp;amp; &lt;i&gt;two&lt;/i&gt;&lt;/p&gt;&lt;p&gt;Three&lt;/p&gt;</notes></record></records></xml>')
    (from_xml,) = citeport.read(xml, "endnote-xml")
    assert from_xml["note"] == "One & <i>two</i>\nThree"


def test_procite_dataset_version_is_in_is():
    # ProCite writes a data file's version in IS (its labels: "IS  - Version"); EndNote in ET.
    text = ("TY  - DATA\nN1  - Record Number: 7\nTI  - Household survey 2019\nIS  - 2.1\n"
            "N1  - Call Number: HA1 .S9\nER  - \n")
    item = next(iter(citeport.read(text, "ris")))
    assert item["version"] == "2.1" and "issue" not in item
    assert item["call-number"] == "HA1 .S9" and item["id"] == "7"


def test_pamphlet_page_count_in_m2():
    # EndNote labels a pamphlet's M2 "Number of Pages" (its SP is "Pages"); a PMID note in M2 still wins.
    text = "TY  - PAMP\nTI  - Flu shots\nSP  - 3-4\nM2  - 12\nM2  - PMID: 123\nER  - \n"
    item = next(iter(citeport.read(text, "ris")))
    assert (item["number-of-pages"], item["page"], item["PMID"]) == ("12", "3-4", "123")
    again = next(iter(citeport.read(citeport.write([item], "ris"), "ris")))
    assert again["number-of-pages"] == "12"


def test_isbn_of_a_report_is_a_reported_loss():
    from citeport.model.diagnostics import Context

    ctx = Context(source="t")
    citeport.api.write([{"id": "g", "type": "report", "title": "T", "number": "GAO-20-1",
                         "ISBN": "978-0-16-091234-4"}], "ris", ctx=ctx)
    assert [(d.code, d.field) for d in ctx.diagnostics if d.is_loss] == [("down-converted", "ISBN")]


def test_short_title_and_abstract_are_plain_text_like_the_title():
    from citeport.model.diagnostics import Context

    ctx = Context(source="t")
    text = citeport.api.write([{"id": "a", "type": "article-journal", "title": "Rhythms in <i>Littorina</i>",
                                "title-short": "Rhythms in <i>Littorina</i>",
                                "abstract": "Grazing by <i>L. saxatilis</i> peaked at low tide."}], "ris", ctx=ctx)
    assert "ST  - Rhythms in Littorina" in text and "AB  - Grazing by L. saxatilis peaked" in text
    assert {d.field for d in ctx.diagnostics if d.is_loss} == {"title", "title-short", "abstract"}
