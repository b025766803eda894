"""Issue 2's acceptance checks, end to end through the CLI and independent parsers.

The seed is the user's own PubMed page (../shared/seed); the examples are ours.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import citeport
from citeport.model.item import UniqueIds
from conftest import EXAMPLES, SHARED, run_cli, shared_path

BUNDLED_STYLES = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "styles").glob("*.csl"))
EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in {
    ".txt", ".nbib", ".xml", ".ris", ".bib", ".json", ".yaml"})
JATS_DTD = SHARED / "schemas" / "jats-1.2-archiving" / "JATS-archivearticle1-mathml3.dtd"
SEED_KEYWORDS = ["NHS reform", "co-production", "consumer", "direct payments", "doctor-patient relationship",
                 "intimacy", "patient choice", "patient-centred", "personal budgets", "personalization"]


@pytest.fixture(scope="module")
def seed_item():
    path = shared_path("seed", "pubmed-legacy-abstract-page.txt")
    proc = run_cli("convert", str(path), "--to", "csl-json")
    assert proc.returncode == 0, proc.stderr_text
    items = json.loads(proc.stdout_text)
    assert len(items) == 1
    return items[0], proc.stderr_text


def test_seed_to_csl_json(seed_item):
    item, stderr = seed_item
    assert item["type"] == "article-journal"
    assert item["title"] == "Creating an impersonal NHS? Personalization, choice and the erosion of intimacy"
    assert item["container-title-short"] == "Health Expect"
    assert item["issued"] == {"date-parts": [[2015, 2]]}
    assert item["available-date"] == {"date-parts": [[2012, 9, 4]]}
    assert (item["volume"], item["issue"], item["page"]) == ("18", "1", "22-31")
    assert item["DOI"] == "10.1111/hex.12000"
    assert item["keyword"].split("; ") == SEED_KEYWORDS
    assert item["abstract"].startswith("Personalization - most often")
    assert "author" not in item
    assert "warning" in stderr and "author" in stderr
    assert "Traceback" not in stderr


def test_seed_csl_json_is_schema_valid(seed_item):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schemas", "csl", "input", "csl-data.json").read_text())
    jsonschema.validate([seed_item[0]], schema)


def test_seed_apa_puts_title_in_author_position():
    path = shared_path("seed", "pubmed-legacy-abstract-page.txt")
    proc = run_cli("format", str(path), "--style", "apa")
    assert proc.returncode == 0, proc.stderr_text
    out = proc.stdout_text.strip()
    assert out.startswith("Creating an impersonal NHS? Personalization, choice and the erosion of intimacy")
    assert "(2015)" in out
    assert "18(1), 22–31" in out
    assert out.endswith("https://doi.org/10.1111/hex.12000")


def _inputs():
    files = list(EXAMPLE_FILES)
    seed = SHARED / "seed" / "pubmed-legacy-abstract-page.txt"
    if seed.exists():
        files.append(seed)
    return files


@pytest.mark.parametrize("style", BUNDLED_STYLES)
@pytest.mark.parametrize("output", ["text", "html"])
def test_every_bundled_style_formats_seed_and_examples(style, output):
    items, ids = [], UniqueIds()
    for path in _inputs():
        items += citeport.iter_read(path, ids=ids)
    assert len(items) >= 10
    rendered = citeport.render(items, style, output=output)
    entries = [line for line in rendered.splitlines() if line.strip()]
    assert len(entries) >= len(items) if output == "text" else entries
    for item in items:  # every record shows up by its title (first words)
        words = citeport.model.text.strip_markup(item.get("title", "")).split()[:2]
        if words and style not in ("nature",):
            assert any(w.lower() in rendered.lower() for w in words), (style, item.get("title"))


def _fields_of(item):
    return item.get("title"), item.get("DOI"), item.get("volume"), item.get("page")


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)
def test_ris_output_parses_with_rispy(path):
    rispy = pytest.importorskip("rispy")
    items = citeport.read(path)
    text = citeport.write(items, "ris")
    entries = rispy.loads(text.replace("\r\n", "\n"))
    assert len(entries) == len(items)
    for item, entry in zip(items, entries):
        if item.get("title"):
            assert citeport.model.text.strip_markup(item["title"]) in (entry.get("title") or entry.get("primary_title") or "")
        if item.get("DOI"):
            assert entry.get("doi") == item["DOI"]
        if item.get("volume"):
            assert entry.get("volume") == item["volume"]
        if item.get("page") and "-" in item["page"] and item["page"].split("-")[0].isdigit():
            assert entry.get("start_page") == item["page"].split("-")[0]
        if item.get("keyword"):
            assert len(entry.get("keywords", [])) == len(item["keyword"].split("; "))


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)
def test_bibtex_output_parses_with_bibtexparser(path):
    import bibtexparser

    items = citeport.read(path)
    lib = bibtexparser.parse_string(citeport.write(items, "bibtex"))
    assert not lib.failed_blocks
    assert len(lib.entries) == len(items)
    keys = [e.key for e in lib.entries]
    assert len(set(keys)) == len(keys)
    for item, entry in zip(items, lib.entries):
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        if item.get("DOI"):
            assert fields.get("doi") == item["DOI"]
        if item.get("volume"):
            assert fields.get("volume") == item["volume"]
        if item.get("issued", {}).get("date-parts"):
            assert fields.get("year") == str(item["issued"]["date-parts"][0][0])


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)
def test_jats_output_validates_against_the_dtd(path):
    from lxml import etree

    if not JATS_DTD.exists():
        pytest.skip(f"JATS DTD not available: {JATS_DTD}")
    items = citeport.read(path)
    doc = citeport.write(items, "jats", wrap=True)
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    tree = etree.fromstring(doc.encode("utf-8"), parser)
    dtd = etree.DTD(str(JATS_DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()[:3]
    refs = tree.findall(".//ref")
    assert len(refs) == len(items)
    for item, ref in zip(items, refs):
        if item.get("DOI"):
            assert ref.findtext(".//pub-id[@pub-id-type='doi']") == item["DOI"]
        if item.get("volume"):
            assert ref.findtext(".//volume") == item["volume"]
