"""Blind review of the ``pubmed-csv`` reader: held-out exports it was not built on (tests/data/pubmed_csv_blind,
written with their expected values before the reader was run), a 5,000-row file, and a generated differential
against PubMed XML (tests/pubmed_csv_render.py renders generated records as the current CSV's rows)."""
from __future__ import annotations

import json
import os
import re
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

import citeport
from citeport.api import detect
from citeport.model.diagnostics import Context

DATA = Path(__file__).parent / "data" / "pubmed_csv_blind"


def read(name: str) -> tuple[list[dict], Context]:
    ctx = Context(source=name)
    return list(citeport.iter_read((DATA / name).read_bytes(), "pubmed-csv", ctx=ctx)), ctx


def get(item: dict, path: str):
    """``custom.history.entrez`` -> item["custom"]["history"]["entrez"] (None when absent)."""
    for key in path.split("."):
        if not isinstance(item, dict) or key not in item:
            return None
        item = item[key]
    return item


def au(*names: str) -> list[dict]:
    """"Family G. N." -> CSL names (the given name is the trailing initials)."""
    out = []
    for n in names:
        m = re.fullmatch(r"(.+?) ((?:\S\.\s?)+)", n)
        out.append({"family": m.group(1), "given": m.group(2).strip()})
    return out


#: file -> per row: CSL path -> exact expected value (written before the reader was run on these files).
EXPECTED: dict[str, list[dict]] = {
    "01-statpearls-chapter.csv": [
        {"type": "chapter", "title": "Diabetic Retinopathy", "PMID": "29083693",
         "author": au("Shukla U. V.", "Tripathy K."), "container-title": "StatPearls",
         "publisher": "StatPearls Publishing", "publisher-place": "Treasure Island (FL)",
         "issued": {"date-parts": [[2024, 1]]}, "custom.history.entrez": "2017-11-01"},
        {"type": "chapter", "title": "Hypertension", "container-title": "StatPearls",
         "issued": {"date-parts": [[2024, 1]]}, "publisher": "StatPearls Publishing"},
    ],
    "02-genereviews.csv": [
        {"type": "chapter", "title": "Cystic Fibrosis", "container-title": "GeneReviews\u00ae",
         "author": au("Raraigh K. S.", "Cutting G. R."), "publisher": "University of Washington, Seattle",
         "publisher-place": "Seattle (WA)", "PMID": "20301428",
         # as pubmed-text and PubMed XML: the book's start year (its Bookshelf "1993-2024" span is the book's)
         "issued": {"date-parts": [[1993]]}, "editor": au("Adam M. P.", "Feldman J.", "Mirzaa G. M."),
         # fixed: "[updated ...]" before "In:" made the first editor "2001 Mar 26 [updated 2017 Jul 20]. In: Adam MP"
         "custom.tags": {"pubmed-text:ContributionDate": ["2001-03-26"], "pubmed-text:DateRevised": ["2017-07-20"]}},
        {"type": "chapter", "title": "Marfan Syndrome", "container-title": "GeneReviews\u00ae",
         "author": au("Dietz H."), "publisher-place": "Seattle (WA)"},
    ],
    "03-authors-et-al-long.csv": [
        {"container-title-short": "N Engl J Med", "volume": "383", "issue": "27", "page": "2603-2615",
         "DOI": "10.1056/NEJMoa2034577", "available-date": {"date-parts": [[2020, 12, 10]]},
         "issued": {"date-parts": [[2020, 12, 31]]}, "PMCID": "PMC7745181",
         "container-title": "The New England journal of medicine"},
        {"author": au("Larsen P.", "Novak T."), "page": "280-287", "issue": "4"},
    ],
    "04-collective-authors.csv": [
        {"author": [{"literal": "COVID-19 Genomics UK (COG-UK) Consortium"}], "PMCID": "PMC7266609"},
        {"author": [{"family": "Jack", "given": "C. R.", "suffix": "Jr"}, {"family": "Bennett", "given": "D. A."},
                    {"literal": "Alzheimer's Disease Neuroimaging Initiative"}], "page": "e1-e10"},
    ],
    "05-non-english-titles.csv": [
        {"title": "Acute kidney injury in the elderly: a review", "custom.title-translated": True,
         "author": au("Dubois M.", "Lefèvre A."), "page": "300-306",
         "available-date": {"date-parts": [[2018, 11, 2]]}},
        {"title": "Treatment of [18F]FDG-avid lesions", "custom.title-translated": True,
         "issued": {"date-parts": [[2021, 1], [2021, 2]]}, "author": au("García-Márquez J.")},
    ],
    "06-commas-quotes-newlines.csv": [
        {"title": "Sex, drugs, and \"rock 'n' roll\": risk behaviours in adolescents", "page": "e041234",
         "PMCID": "PMC7934000"},
        {"title": "Long-term outcomes of surgery: a multicentre study", "author": au("Smith-Jones A.", "O'Brien K."),
         "page": "1000-1006"},
    ],
    "07-errata-retraction.csv": [
        {"title": "Erratum: Cardiac outcomes in a cohort", "author": None, "page": "e5",
         "DOI": "10.1136/heartjnl-2019-315000corr1", "container-title": "Heart (British Cardiac Society)"},
        {"title": "Retraction Note: A novel biomarker for sepsis", "author": None, "page": "5555", "volume": "12"},
    ],
    # (session 8: a preprint's server is its publisher, its identifier the number -- conventions.md "preprints")
    "08-preprints.csv": [
        {"type": "article", "container-title-short": None, "publisher": "bioRxiv", "number": "2023.01.04.522800",
         "page": None, "DOI": "10.1101/2023.01.04.522800", "issued": {"date-parts": [[2023, 1, 5]]}},
        {"type": "article", "container-title-short": None, "publisher": "Research Square", "number": "rs.3.rs-2600000",
         "page": None, "DOI": "10.21203/rs.3.rs-2600000/v1"},
    ],
    "09-ahead-of-print.csv": [
        {"custom.publication-status": "aheadofprint", "volume": None, "issued": {"date-parts": [[2024, 4, 4]]},
         "container-title-short": "Eye (Lond)", "DOI": "10.1038/s41433-024-03000-1"},
        {"custom.publication-status": "aheadofprint", "volume": None, "page": "S1000-0000(24)00001-1",
         "issued": {"date-parts": [[2024, 3, 3]]}, "author": au("Kim J. H.")},
    ],
    "10-pmid-title-only.csv": [
        {"PMID": "12345678", "title": "A record with only a title", "issued": None, "author": None},
        {"PMID": "12345679", "title": "Another bare record", "issued": {"date-parts": [[1999]]}},
    ],
    "11-1950s.csv": [
        {"author": au("SALK J. E."),  # OLDMEDLINE's capitals, as XML/MEDLINE keep them "issued": {"date-parts": [[1955, 1, 1]]}, "page": "1-5",
         "custom.history.entrez": "1955-01-01", "container-title-short": "J Am Med Assoc"},
        {"title": "On cortisone therapy", "language": "de", "author": au("MÜLLER H."), "page": "360-2",
         "custom.history.entrez": "1953-03-13"},
    ],
    "12-doi-differs-pmc.csv": [
        {"PMCID": "PMC7000001", "custom.mid": "NIHMS1550001", "volume": "35"},
        {"PMCID": "PMC7910001", "DOI": "10.3390/nu13020500", "page": "500"},
    ],
    "13-excel-de.csv": [
        {"title": "Herzinsuffizienz; eine Übersicht", "custom.history.entrez": "2020-03-06",
         "DOI": "10.1055/a-1000-0001", "author": au("Müller K.", "Schmidt A.")},
        {"custom.history.entrez": "2018-03-05", "page": "e20173850"},
    ],
    "14-excel-fr.csv": [
        {"title": "Insuffisance rénale aiguë", "language": "fr", "custom.history.entrez": "2019-02-04"},
        {"custom.history.entrez": "2019-10-11", "issue": "9", "page": "1000-1010"},
    ],
    "15-sheets-all-quoted.csv": [
        {"PMID": "32000017", "page": "zsy200", "author": au("Smith J.", "Doe A."), "PMCID": "PMC6335870",
         "custom.history.entrez": "2018-10-20"},
        {"PMID": "32000018", "volume": "359", "page": "j5024", "container-title-short": "BMJ"},
    ],
    "16-cut-in-quoted-cell.csv": [
        {"PMID": "32000019", "page": "j5024"},
        {"PMID": "32000020", "page": "zsy200"},
    ],
    "17-screener-columns.csv": [
        {"PMID": "32000022", "custom.tags": {"pubmed-csv:Include?": ["Yes"],
                                             "pubmed-csv:Notes": ["RCT, adults; check dose"]}},
        {"PMID": "32000023", "custom.tags": {"pubmed-csv:Include?": ["No"]}, "page": "1509-1518"},
    ],
    "18-legacy-properties-details.csv": [
        {"PMID": "26000003", "PMCID": "PMC4700003", "custom.history.entrez": "2015-08-01",
         "author": au("Nakao S.", "Ishikawa K.", "Yoshida S."), "custom.tags": None},
        {"PMID": "26000004", "custom.history.entrez": "2015-07-21", "available-date": {"date-parts": [[2015, 7, 20]]},
         "custom.tags": None},
        {"PMID": "26000005", "custom.history": None, "custom.publication-status": "aheadofprint",
         "custom.tags": None},
        {"PMID": "26000006", "custom.publication-types": ["Review"],
         "custom.comments-corrections": [{"type": "ErratumIn", "ref": "J AAPOS. 2015 Feb;19(1):100."}]},  # pubmed-text's ref
    ],
    "19-pmcid-nihms.csv": [
        {"PMCID": "PMC6601111", "custom.mid": "NIHMS1530002",
         "author": [{"family": "Beane Freeman", "given": "L. E."}, {"family": "Hofmann", "given": "J. N."}]},
        {"PMCID": None, "custom.mid": "NIHMS1540003", "page": "77001"},
    ],
}


def score(name: str) -> tuple[int, int, list[str]]:
    items, _ = read(name)
    right, wrong = 0, []
    for n, want in enumerate(EXPECTED[name]):
        got = items[n] if n < len(items) else {}
        for path, value in want.items():
            if get(got, path) == value:
                right += 1
            else:
                wrong.append(f"{name} row {n + 1} {path}: want {value!r} got {get(got, path)!r}")
    return right, sum(len(w) for w in EXPECTED[name]), wrong


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_blind_file(name):
    right, total, wrong = score(name)
    assert not wrong, "\n".join(wrong)
    assert detect((DATA / name).read_bytes()).name == "pubmed-csv"


# -- generated differential: the same records from PubMed XML and from their CSV rows ------------------------

#: What both exports hold. Left out, because the CSV has no column for them: abstract, affiliations, full given
#: names (only initials: compared as initials), keywords, MeSH, grants, publication types, comments/corrections,
#: ISSN, language (the Citation cell names a language only in the legacy Details), the investigators, and the
#: publication status beyond "Online ahead of print." (ppublish and epublish look the same). The generator
#: writes no NIHMS id and no "entrez" date, so those two count nothing here (the blind files test them).
FIELDS_DIFF = ["type", "title", "title-translated", "author-count", "author-family", "author-initials",
               "author-literal", "author-suffix", "container-title", "container-title-short", "issued",
               "available-date", "volume", "issue", "page", "DOI", "PMID", "PMCID", "NIHMS", "entrez",
               "ahead-of-print"]
#: Fields only a record with them counts (a generated record without a PMCID says nothing about PMCID).
DIFF_RECORDS = int(os.environ.get("PUBMED_CSV_GEN_RECORDS", "300"))
DIFF_SEED = int(os.environ.get("PUBMED_CSV_GEN_SEED", "7"))


def _initials(given: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s.\-]+", given or "") if w and w[0].isalpha())


def diff_values(item: dict, field: str):
    """The comparable value of *field* (None: the record has none, so the field is not counted)."""
    custom = item.get("custom", {})
    names = item.get("author") or []
    people = [a for a in names if not a.get("literal")]
    if field == "author-count":
        return len(names) or None
    if field == "author-family":
        return [" ".join(filter(None, (a.get("non-dropping-particle"), a.get("family")))) for a in people] or None
    if field == "author-initials":
        return [_initials(a.get("given", "")) for a in people] or None
    if field == "author-literal":
        return [a["literal"] for a in names if a.get("literal")] or None
    if field == "author-suffix":
        return [a.get("suffix") for a in people if a.get("suffix")] or None
    if field == "title":
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item.get("title", ""))).strip().rstrip(".") or None
    if field in ("issued", "available-date"):
        date = item.get(field)
        return {k: v for k, v in date.items() if k in ("date-parts", "season", "literal")} if date else None
    if field == "ahead-of-print":
        return custom.get("publication-status") == "aheadofprint"
    key = {"title-translated": "title-translated", "NIHMS": "mid"}
    if field in key:
        return custom.get(key[field]) or None
    if field == "entrez":
        return custom.get("history", {}).get("entrez")
    if field == "container-title":
        return re.sub(r"<[^>]+>", "", item.get(field, "")) or None
    return item.get(field) or None


def differential(n: int, seed: int) -> tuple[dict, dict, dict, float]:
    """(agreeing, counted, disagreements) per field, and the reading time."""
    from pubmed_csv_render import render
    from pubmed_record_gen import generate
    xml = citeport.read(generate(n, seed), "pubmed-xml")
    text = render(xml)
    start = time.perf_counter()
    got = citeport.read(text, "pubmed-csv")
    seconds = time.perf_counter() - start
    assert len(got) == len(xml) and got.skipped == 0
    ok, counted, bad = Counter(), Counter(), {}
    for want_item, got_item in zip(xml, got):
        assert want_item["PMID"] == got_item["PMID"]
        for field in FIELDS_DIFF:
            want = diff_values(want_item, field)
            if want is None and field not in ("available-date", "NIHMS"):
                continue
            if want is None and diff_values(got_item, field) is None:
                continue
            counted[field] += 1
            if diff_values(got_item, field) == want:
                ok[field] += 1
            else:
                bad.setdefault(field, []).append((want_item["PMID"], want, diff_values(got_item, field)))
    return ok, counted, bad, seconds


def test_generated_differential_per_field():
    ok, counted, bad, seconds = differential(DIFF_RECORDS, DIFF_SEED)
    print(f"\n{DIFF_RECORDS} generated records, CSV read in {seconds:.2f}s")
    for field in FIELDS_DIFF:
        print(f"  {field:22} {ok[field]:5}/{counted[field]:<5}")
    for field, rows in bad.items():
        print(f"  {field} e.g. {rows[:2]}")
    assert sum(counted.values()) > DIFF_RECORDS * 10
    assert not bad, {f: rows[:3] for f, rows in bad.items()}


# -- specific rules found by the blind files -----------------------------------------------------------------

def test_genereviews_updated_date_before_in_is_the_revision_not_an_editor():
    [item, _], _ = read("02-genereviews.csv")
    assert item["editor"][0] == {"family": "Adam", "given": "M. P."}
    assert item["custom"]["tags"]["pubmed-text:DateRevised"] == ["2017-07-20"]


def test_file_cut_inside_a_quoted_cell():
    items, ctx = read("16-cut-in-quoted-cell.csv")
    assert [i["PMID"] for i in items] == ["32000019", "32000020"]
    assert [str(d) for d in ctx.diagnostics] == [
        "16-cut-in-quoted-cell.csv:4: row 3: error: the file ends inside a quoted cell (cut off?): the last row left out"]
    # cut in the last cell, the count of fields looks right: the row comes out, with a warning on its cut cell
    text = (DATA / "16-cut-in-quoted-cell.csv").read_text().rsplit("\n", 1)[0] + (
        '\n"32000021","T.","A B.","BMJ. 2017;1:1.","A B","BMJ","2017","2017/11/24","","","10.1136/bm')
    ctx = Context(source="x.csv")
    items = list(citeport.iter_read(text, "pubmed-csv", ctx=ctx))
    assert items[-1]["DOI"] == "10.1136/bm"
    assert [(d.level, d.code, d.line) for d in ctx.diagnostics] == [("warning", "truncated", 4)]


def test_doi_column_and_citation_doi_differ_both_kept():
    [item, _], _ = read("12-doi-differs-pmc.csv")
    assert item["DOI"] == "10.1002/jbmr.3999"  # the DOI column (ArticleIdList)
    assert item["custom"]["tags"]["pubmed-text:DOI"] == ["10.1002/jbmr.3900"]  # the citation's (ELocationID)


def test_excel_resaves_and_sheets_quoting_read_alike():
    """The same kind of row from Excel (German: BOM, ';', CRLF, dotted dates; French: ``sep=;``, slashed
    day-first dates) and from Google Sheets (every cell quoted, LF)."""
    de, ctx_de = read("13-excel-de.csv")
    fr, ctx_fr = read("14-excel-fr.csv")
    assert [i["custom"]["history"]["entrez"] for i in de + fr] == ["2020-03-06", "2018-03-05", "2019-02-04",
                                                                      "2019-10-11"]
    assert not ctx_de.diagnostics and not ctx_fr.diagnostics


def test_no_authors_and_no_citation_warn_but_come_out():
    items, ctx = read("10-pmid-title-only.csv")
    assert len(items) == 2 and ctx.skipped == 0
    assert {(d.line, d.field) for d in ctx.diagnostics} == {(2, "author"), (2, "container-title"), (2, "issued"),
                                                           (3, "author"), (3, "container-title")}


# -- speed: a 5,000-row export ---------------------------------------------------------------------------------

def test_five_thousand_rows_speed_and_memory():
    rows = []
    for name in sorted(EXPECTED):
        if name.startswith(("06-", "13-", "14-", "16-", "17-", "18-")):
            continue  # a row over two lines, other delimiters, the cut file, other headers
        rows.extend((DATA / name).read_text("utf-8").split("\n", 1)[1].rstrip("\n").split("\n"))
    body = [rows[k % len(rows)] for k in range(5000)]
    text = "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"
    text += "\n".join(body) + "\n"
    start = time.perf_counter()
    count = sum(1 for _ in citeport.iter_read(text, "pubmed-csv", ctx=Context(source="big.csv")))
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for _ in citeport.iter_read(text, "pubmed-csv", ctx=Context(source="big.csv")):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"\n5,000 rows ({len(text) / 1e6:.1f} MB): {count / seconds:.0f} rows/s, peak {peak / 1e6:.1f} MB traced")
    assert count == 5000
    assert count / seconds > 300  # measured ~2,000/s on a loaded 2-core machine
    assert peak < 60e6
