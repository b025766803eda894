"""Second blind review of the PubMed XML and MEDLINE readers and the MEDLINE writer.

tests/data/pubmed_blind8 holds the same 14 records as PubMed XML (2025 DTD: every PubModel and status,
Bookshelf chapters and books) and as MEDLINE .nbib; the XML file has one more chapter and a DeleteCitation.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import citeport
from citeport.formats import medline
from citeport.model.diagnostics import Context
from citeport.sources import Source

DATA = Path(__file__).parent / "data" / "pubmed_blind8"
MARKUP = re.compile(r"</?(?:i|b|sup|sub)>")
#: Differences the two formats really have: XML markup MEDLINE writes differently ('Na(+)'), XML-only data
#: (affiliation ids, equal contribution, Cites links, Book/Medium) and MEDLINE-only data (STAT of a book).
EXPECTED = {
    ("pmid:39200004", "title"), ("pmid:33000007", "abstract"), ("pmid:20301012", "medium"),
    ("pmid:30725613", "medium"), ("pmid:38111001", "custom.author-details"),
    ("pmid:31000008", "custom.comments-corrections"), ("pmid:20301012", "custom.publication-types"),
    *((pmid, "custom.medline-status") for pmid in ("pmid:20301012", "pmid:30725613", "pmid:36000014")),
}
CUSTOM_KEYS = ("author-details", "mesh", "issn", "history", "comments-corrections", "grants", "pii",
               "publication-types", "publication-status", "medline-status", "nlm-unique-id", "copyright",
               "elocation", "other-ids", "investigators", "investigator-details", "editor-details",
               "conflict-of-interest", "title-translated", "mid")


def _read(name: str, fmt: str) -> dict[str, dict]:
    return {item["id"]: item for item in citeport.read(DATA / name, fmt)}


def _differences(a: dict, b: dict, markup: bool = False) -> set[str]:
    out = set()
    for key in set(a) | set(b):
        if key == "custom":
            continue
        x, y = a.get(key), b.get(key)
        if markup and isinstance(x, str) and isinstance(y, str):
            x, y = MARKUP.sub("", x), MARKUP.sub("", y)
        if x != y:
            out.add(key)
    ca, cb = a.get("custom", {}), b.get("custom", {})
    return out | {f"custom.{k}" for k in CUSTOM_KEYS if ca.get(k) != cb.get(k)}


def test_the_same_records_from_xml_and_nbib_agree():
    xml, nbib = _read("records.xml", "pubmed-xml"), _read("records.nbib", "medline")
    assert len(xml) == 15 and len(nbib) == 14 and set(nbib) <= set(xml)
    found = {(pmid, key) for pmid in nbib for key in _differences(xml[pmid], nbib[pmid], markup=True)}
    assert found == EXPECTED


def _round_trip(items: list[dict]) -> tuple[list[dict], Context]:
    ctx = Context()
    out = io.StringIO()
    medline.write(items, out, ctx)
    return citeport.read(Source.of(out.getvalue().encode(), name="rt.nbib"), "medline"), ctx


def test_nbib_round_trips_exactly():
    items = list(_read("records.nbib", "medline").values())
    back, ctx = _round_trip(items)
    assert back == items
    assert [(d.field, d.message) for d in ctx.diagnostics] == []


def test_xml_written_as_medline_reads_back_with_every_difference_reported():
    items = list(_read("records.xml", "pubmed-xml").values())
    back, ctx = _round_trip(items)
    losses: dict[str, set[str]] = {}
    for d in ctx.diagnostics:
        losses.setdefault(str(d.record), set()).add(d.field)
    for a, b in zip(items, back):
        for key in _differences(a, b, markup=True):
            assert key in losses[f"PMID {a['PMID']}"], (a["id"], key)
    assert {"medium", "container-author", "custom.comments-corrections", "custom.author-details"} <= set().union(
        *losses.values())


def test_invalid_author_names_are_not_authors_but_kept():
    item = _read("records.xml", "pubmed-xml")["pmid:9888001"]
    assert [a["family"] for a in item["author"]] == ["Olanow", "Koller", "Smith"]
    assert item["custom"]["tags"]["pubmed-xml:InvalidName"] == ["Koler, W. C."]


def test_equal_contribution_is_kept_in_author_details_and_its_loss_reported():
    item = _read("records.xml", "pubmed-xml")["pmid:38111001"]
    details = item["custom"]["author-details"]
    assert [d.get("equal-contribution") for d in details] == [True, True, None, None]
    assert item["author"][2] == {"family": "Ryan", "given": "Donna H.", "suffix": "3rd"}
    _, ctx = _round_trip([item])
    assert any(d.field == "custom.author-details" and "affiliation-identifiers, equal-contribution" in d.message
               for d in ctx.diagnostics)


def test_registered_sign_in_a_superscript_is_the_sign():
    item = _read("records.xml", "pubmed-xml")["pmid:20301012"]
    assert item["container-title"] == "GeneReviews®"
    assert item["type"] == "chapter" and item["editor"][0] == {"family": "Adam", "given": "Margaret P."}


@pytest.mark.parametrize("pmid, kind", [("pmid:20301012", "chapter"), ("pmid:30725613", "chapter"),
                                        ("pmid:36000014", "book")])
def test_bookshelf_records_are_books_or_chapters_whatever_their_publication_type(pmid, kind):
    item = _read("records.nbib", "medline")[pmid]
    assert item["type"] == kind
    assert item["custom"]["other-ids"]["bookaccession"].startswith("NBK")


def test_nbib_study_guide_chapter():
    item = _read("records.nbib", "medline")["pmid:30725613"]
    assert (item["title"], item["container-title"], item["publisher"], item["publisher-place"]) == (
        "Acute Pancreatitis", "StatPearls", "StatPearls Publishing", "Treasure Island (FL)")
    assert item["issued"] == {"date-parts": [[2025, 1]]}


def test_superscripts_are_written_as_pubmed_writes_them():
    item = _read("records.xml", "pubmed-xml")["pmid:39200004"]
    ctx = Context()
    fields = dict(medline.item_to_fields(item, ctx))
    assert fields["TI"] == "Ecology of Drosophila melanogaster in the wild: a 10(3)-fold range."
    nbib = _read("records.nbib", "medline")["pmid:39200004"]
    assert fields["TI"] == f"{nbib['title']}."
    sodium = _read("records.xml", "pubmed-xml")["pmid:33000007"]
    assert dict(medline.item_to_fields(sodium, Context()))["AB"] == "OBJECTIVE: To study Na(+) ions. RESULTS: It worked."
    assert any(d.field == "title" and d.code == "down-converted" for d in ctx.diagnostics)


def test_untagged_links_are_reported_not_silently_dropped():
    item = _read("records.xml", "pubmed-xml")["pmid:31000008"]
    ctx = Context()
    fields = medline.item_to_fields(item, ctx)
    assert [t for t, _ in fields if t in ("RIN", "EIN", "ECI", "CIN", "UOF")] == ["RIN", "EIN", "ECI", "CIN", "UOF"]
    (loss,) = [d for d in ctx.diagnostics if d.field == "custom.comments-corrections"]
    assert "Cites link has no MEDLINE tag: Cell. 2018;1:1 29000001" in loss.message


def test_number_of_references_is_written_as_rf():
    item = _read("records.xml", "pubmed-xml")["pmid:9888001"]
    fields = medline.item_to_fields(item, Context())
    assert ("RF", "92") in fields
    assert _read("records.nbib", "medline")["pmid:9888001"]["custom"]["tags"]["medline:RF"] == ["92"]


def test_status_models_dates_and_ids_across_the_records():
    xml = _read("records.xml", "pubmed-xml")
    assert {k: v["custom"].get("medline-status") for k, v in xml.items() if "medline-status" in v["custom"]} == {
        "pmid:38111001": "MEDLINE", "pmid:38111002": "PubMed-not-MEDLINE", "pmid:9888001": "MEDLINE",
        "pmid:39200004": "In-Process", "pmid:39300005": "Publisher", "pmid:39400006": "In-Data-Review",
        "pmid:33000007": "PubMed-not-MEDLINE", "pmid:31000008": "MEDLINE", "pmid:11540009": "MEDLINE",
        "pmid:25000010": "MEDLINE", "pmid:20000011": "MEDLINE"}
    assert xml["pmid:9888001"]["issued"] == {"date-parts": [[1998, 12], [1999, 1]]}
    assert xml["pmid:39400006"]["issued"] == {"date-parts": [[2019, 11], [2019, 12]]}
    assert xml["pmid:33000007"]["issued"] == {"date-parts": [[2020]], "season": 4}
    assert xml["pmid:38111002"]["page"] == "1226730" and xml["pmid:38111002"]["custom"]["history"]["ecollection"] \
        == "2023-01-01"
    assert xml["pmid:20000011"]["custom"]["mid"] == "NIHMS170001"
    assert xml["pmid:39300005"]["custom"]["publication-status"] == "aheadofprint"
    assert "volume" not in xml["pmid:39300005"] and "page" not in xml["pmid:39300005"]
