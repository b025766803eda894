"""BibTeX/BibLaTeX reader and writers: table-driven cases, malformed input, loss report."""
from __future__ import annotations

import json
import re

import pytest

import citeport
from citeport.formats.citekeys import KeyMaker
from citeport.model.diagnostics import Context
from conftest import run_cli

BIB = r"""@string{jgr = "Journal of {G}eophysical Research"}
% a comment line
@article{owens2015,
  author = {Owens, John A. and van der Berg, Jan and Smith, Jr., Bob and {World Health Organization}},
  title = {Creating a {DNA} map of \emph{E. coli} in M\"{u}nchen: 50\% \& more},
  journal = jgr, year = 2015, month = feb, volume = 5, number = 2, pages = {22--31},
  doi = {https://doi.org/10.1000/xyz_1}, pmid = {12345}, keywords = {dna, maps},
}
@inproceedings{child, author = {Doe, Jane}, title = {Child}, crossref = {proc}, pages = {1--10}}
@proceedings{proc, title = {Proceedings of {ACM}}, year = 2001, publisher = {ACM}, address = {New York}}
@online{web, title = {A page}, date = {2015-02/2015-03}, url = {http://x.org/a_b%20c}, langid = {ngerman}}
@article{bad, title = {Unbalanced {, year = 2001}
@book{ok, title = {Still here}, author = {Last, First}, year = 1999}
"""


def test_reader_maps_fields_and_keeps_good_entries():
    records = citeport.read(BIB, "bibtex")
    by_id = {r["id"]: r for r in records}
    assert sorted(by_id) == ["child", "ok", "owens2015", "proc", "web"]
    a = by_id["owens2015"]
    # "{DNA}" is case protection of a word CSL keeps as typed anyway: plain text (bibtex_latex.STABLE_WORD)
    assert a["title"] == 'Creating a DNA map of <i>E. coli</i> in München: 50% & more'
    assert a["container-title"] == 'Journal of <span class="nocase">G</span>eophysical Research'
    assert a["author"][1] == {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}
    assert a["author"][2] == {"family": "Smith", "given": "Bob", "suffix": "Jr."}
    assert a["author"][3] == {"literal": "World Health Organization"}
    assert a["issued"] == {"date-parts": [[2015, 2]]}
    assert (a["page"], a["issue"], a["DOI"], a["PMID"], a["keyword"]) == ("22-31", "2", "10.1000/xyz_1", "12345",
                                                                      "dna; maps")
    assert by_id["child"]["container-title"] == 'Proceedings of ACM'
    assert by_id["child"]["publisher-place"] == "New York"
    assert by_id["web"]["issued"] == {"date-parts": [[2015, 2], [2015, 3]]}
    assert by_id["web"]["URL"] == "http://x.org/a_b%20c" and by_id["web"]["language"] == "de"
    (err,) = [d for d in records.diagnostics if d.level == "error"]
    assert err.line == 12 and "unparseable" in err.message and records.skipped == 1


def test_writers_flavours_and_escaping():
    items = list(citeport.read(BIB, "bibtex"))
    bib = re.sub(r" +=", " =", citeport.write(items, "bibtex"))
    assert "journal = {Journal of {G}eophysical Research}" in bib
    assert r"50\% \& more" in bib and r"\textit{E. coli}" in bib and "pages = {22--31}" in bib
    assert "month = feb," in bib and "{World Health Organization}" in bib and "address = {New York}" in bib
    blx = re.sub(r" +=", " =", citeport.write(items, "biblatex"))
    assert "journaltitle = {" in blx and "date = {2015-02}" in blx and "langid = {ngerman}" in blx
    assert "location = {New York}" in blx and "journal =" not in blx


def test_acronyms_protected_and_keys_generated():
    item = {"type": "article-journal", "title": "COVID-19 and the NHS: creating mRNA",
            "author": [{"family": "Øwens", "given": "J"}], "issued": {"date-parts": [[2015]]}}
    bib = citeport.write([item, dict(item)], "bibtex")
    assert "{COVID}-19 and the {NHS}: creating {mRNA}" in bib
    assert "@article{owens2015covid," in bib and "@article{owens2015covida," in bib
    keys = KeyMaker(keep=False)
    assert keys.key({"title": "The art of war", "author": [{"family": "Sun"}]}) == "sunart"


def test_malformed_input_nul_and_long_line():
    text = "@article{a, title={One}, year=2000}\n\x00\n@article{b, title={" + "x" * 10_000_000 + "}}\n" \
           "@article{c, title={Three}}\n"
    records = citeport.read(text, "bibtex")
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert any(d.line == 2 and "NUL" in d.message for d in records.diagnostics)


def test_report_and_strict(tmp_path):
    src = tmp_path / "x.json"
    src.write_text(json.dumps([{"id": "a", "type": "article-journal", "title": "T", "medium": "print",
                                "custom": {"mesh": ["A"]}, "container-author": [{"family": "X"}],
                                "reviewed-author": [{"family": "R"}]}]))
    ok = run_cli("convert", str(src), "--to", "bibtex", "--report")
    assert ok.returncode == 0 and "down-converted reviewed-author" in ok.stderr_text
    assert "custom-mesh" in ok.stdout_text and "csl-reviewed-author" in ok.stdout_text
    strict = run_cli("convert", str(src), "--to", "bibtex", "--strict")
    assert strict.returncode == 1 and "--strict" in strict.stderr_text
    back = citeport.read(ok.stdout_text, "bibtex")[0]
    assert back["reviewed-author"] == [{"family": "R"}] and back["custom"]["mesh"] == ["A"]


def test_loss_reported_in_context():
    ctx = Context()
    citeport.write([{"id": "a", "type": "legal_case", "title": "T"}], "bibtex", ctx=ctx)
    assert any(d.code == "down-converted" and d.field == "type" for d in ctx.diagnostics)


def test_repeated_string_definition_is_a_warning_not_a_crash():
    import citeport

    bib = '@string{j = "Journal A"}\n@string{j = "Journal B"}\n@article{k, title = {T}, journal = j, year = 2001}\n'
    items = citeport.read(bib, "bibtex")
    assert [i["container-title"] for i in items] == ["Journal A"]
    assert any("@string 'j'" in d.message for d in items.diagnostics)


@pytest.mark.parametrize("opening, closing", [("{", ")"), ("(", "}")])
def test_mismatched_entry_delimiters_are_read_with_a_warning(opening, closing, capfd):
    bib = ('@book{a,\n  title = "First",\n  year = 2020\n}\n\n'
           f'@book{opening}b,\n  title = "Second",\n  author = "Last, First",\n  year = 2021\n{closing}\n\n'
           '@article{c, title = {Third}, year = 2022}\n')
    items = citeport.read(bib, "bibtex")
    assert [i["title"] for i in items] == ["First", "Second", "Third"]
    assert items[1]["author"] == [{"family": "Last", "given": "First"}]
    warning = next(d for d in items.diagnostics if "closed with" in d.message)
    assert (warning.level, warning.line, warning.record) == ("warning", 6, "b")
    assert items.skipped == 0
    assert capfd.readouterr().err == ""  # bibtexparser's own log stays quiet: readers never print


def test_unbalanced_braces_skip_one_entry_and_keep_the_rest():
    items = citeport.read("@book{a, title = {Open {brace}, year = 2020}\n@book{b, title = {Fine}}\n", "bibtex")
    assert [i["title"] for i in items] == ["Fine"]
    assert items.skipped == 1 and any(d.line == 1 for d in items.diagnostics if d.level == "error")


@pytest.mark.parametrize("raw, name", [
    ("sudhin jacob", {"family": "jacob", "given": "sudhin"}),  # all lower case: case marks no von part
    ("jean de la fontaine", {"family": "fontaine", "given": "jean", "non-dropping-particle": "de la"}),
    ("Ludwig van Beethoven", {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}),
    ("American Rights at Work", {"family": "Work", "given": "American Rights", "non-dropping-particle": "at"}),
])
def test_bib_name_grammar_and_all_lower_case_names(raw, name):
    from citeport.formats.bibtex import parse_bib_name
    assert parse_bib_name(raw) == name


def test_wrapped_indented_values_read_as_tex_reads_them():
    """DBLP, ACM and most editors wrap long values onto indented lines: one space to TeX."""
    text = ("@inproceedings{k,\n  title = {{BERT:} Pre-training of Deep Bidirectional Transformers for Language\n"
            "                  Understanding},\n  booktitle = {Proceedings of the 2019 Conference of the North\n"
            "                  American Chapter},\n  abstract = {First paragraph\n  wraps here.\n\n  Second"
            " paragraph.},\n  publisher = {D\\\\ Press},\n  year = 2019\n}\n")
    (item,) = citeport.read(text, "bibtex")
    assert item["title"] == ('<span class="nocase">BERT:</span> Pre-training of Deep Bidirectional Transformers'
                             ' for Language Understanding')
    assert item["container-title"] == "Proceedings of the 2019 Conference of the North American Chapter"
    assert item["abstract"] == "First paragraph wraps here.\nSecond paragraph."
    assert item["publisher"] == "D Press"  # \\ is a line break inside a paragraph
    again = citeport.write([item], "bibtex")
    assert "First paragraph wraps here.\n\nSecond paragraph." in again  # paragraphs as blank lines
    (back,) = citeport.read(again, "bibtex")
    assert back["abstract"] == item["abstract"] and back["title"] == item["title"]


@pytest.mark.parametrize("raw, expected", [
    (r"Test:E\:\\some\\folder\\a.pdf:application/pdf",  # Zotero, Windows
     [{"path": r"E:\some\folder\a.pdf", "description": "Test", "file-type": "application/pdf"}]),
    (r":C$\backslash$:/Users/x/test.pdf:pdf", [{"path": "C:/Users/x/test.pdf", "file-type": "pdf"}]),  # Mendeley
    (r":C:/p/\{a\}\~{}\_b.pdf:pdf", [{"path": "C:/p/{a}~_b.pdf", "file-type": "pdf"}]),  # Mendeley's LaTeX escapes
    ("Full Text PDF:files/12/Smith 2020.pdf:application/pdf;Snapshot:files/12/page.html:text/html",  # Zotero
     [{"path": "files/12/Smith 2020.pdf", "description": "Full Text PDF", "file-type": "application/pdf"},
      {"path": "files/12/page.html", "description": "Snapshot", "file-type": "text/html"}]),
    ("/home/u/a.pdf;/home/u/b c.pdf", [{"path": "/home/u/a.pdf"}, {"path": "/home/u/b c.pdf"}]),  # Better BibTeX
    ("https://example.org/a.pdf", [{"path": "https://example.org/a.pdf"}]),
])
def test_file_field_is_read_as_attachments_and_written_back(raw, expected):
    """A file field holds linked files, not LaTeX and not CSL's source (the database a record came from)."""
    (item,) = citeport.read("@misc{k, title={T}, file={" + raw + "}}", "bibtex")
    assert item["custom"]["attachments"] == expected and "source" not in item
    out = citeport.write([item], "bibtex")
    assert "custom-attachments" not in out and re.search(r"^  file +=", out, re.M)
    (back,) = citeport.read(out, "bibtex")
    assert back["custom"]["attachments"] == expected


def test_attachments_travel_between_bibtex_ris_and_endnote_xml():
    bib = "@article{k, title={T}, file={Full Text PDF:files/1/a.pdf:application/pdf;:/tmp/b.pdf:}}"
    (item,) = citeport.read(bib, "bibtex")
    ctx = citeport.Context()
    ris = citeport.write([item], "ris", ctx=ctx)
    assert "L1  - files/1/a.pdf" in ris and "L1  - /tmp/b.pdf" in ris
    assert any(d.field == "custom.attachments" and d.code == "dropped" for d in ctx.diagnostics)  # desc, type
    (from_ris,) = citeport.read(ris, "ris")
    assert [a["path"] for a in from_ris["custom"]["attachments"]] == ["files/1/a.pdf", "/tmp/b.pdf"]
    xml = citeport.write([item], "endnote-xml")
    block = re.search(r"<pdf-urls>(.*)</pdf-urls>", xml, re.S)
    assert block and re.search(r"files/1/a\.pdf.*/tmp/b\.pdf", block.group(1), re.S)
    (from_xml,) = citeport.read(xml, "endnote-xml")
    assert [a["path"] for a in from_xml["custom"]["attachments"]] == ["files/1/a.pdf", "/tmp/b.pdf"]
    again = citeport.write([from_xml], "bibtex")
    assert "file" in again and "files/1/a.pdf" in again


def test_a_field_left_empty_by_a_stray_brace_does_not_stop_the_file():
    """Found by fuzzing: 'title =} ...' left bibtexparser an empty raw value, and the reader crashed."""
    bib = '@string{ foo g "bar" }\n\n@a{b,\n  title =} "Foo" # fo. # bar\n}\n@book{c, title = {Fine}}\n'
    items = citeport.read(bib, "bibtex")
    assert "Fine" in [i.get("title") for i in items]


def test_a_mend_that_fails_is_reported_once_and_prints_nothing(capfd):
    items = citeport.read("@book{x, title = {Open, year = 2021)\n", "bibtex")
    assert len(items) == 0 and items.skipped == 1
    assert capfd.readouterr().err == ""


def test_arxiv_id_is_a_preprints_number_not_a_journal_articles():
    bib = ("@misc{p, title={BERT}, year=2019, eprint={1810.04805}, archivePrefix={arXiv}, primaryClass={cs.CL}}\n"
           "@article{j, title={Few-Shot}, journal={CoRR}, volume={abs/2005.14165}, year=2020, eprinttype={arXiv},"
           " eprint={2005.14165}}\n")
    pre, art = citeport.read(bib, "bibtex")
    # the preprint shape (docs/conventions.md "preprints"): arXiv is the publisher, not also the archive
    assert (pre["type"], pre["number"], pre["publisher"]) == ("article", "1810.04805", "arXiv")
    assert "archive" not in pre  # APA would print "arXiv. arXiv."
    # DBLP's "journal" CoRR is arXiv: a preprint too (APA "(2005.14165). arXiv.", not "Article 2005.14165")
    assert (art["type"], art["number"], art["publisher"]) == ("article", "2005.14165", "arXiv")
    assert "volume" not in art and "container-title" not in art
    assert art["custom"]["eprint"] == "2005.14165"
    # a journal article with an arXiv eprint keeps its own numbers (test_preprints.py)
    for item in (pre, art):  # and a round trip keeps it so
        (back,) = citeport.read(citeport.write([item], "bibtex"), "bibtex")
        assert back.get("number") == item.get("number")


def test_clashing_keys_take_the_next_free_suffix_however_many_there_are():
    maker = KeyMaker()
    item = {"author": [{"family": "Owens"}], "issued": {"date-parts": [[2015]]}, "title": "Creating an NHS"}
    keys = [maker.key(dict(item)) for _ in range(3)]
    assert keys == ["owens2015creating", "owens2015creatinga", "owens2015creatingb"]
    assert maker.key({**item, "citation-key": "owens2015creatingd"}) == "owens2015creatingd"  # its own key
    more = [maker.key(dict(item)) for _ in range(30)]
    assert more[:3] == ["owens2015creatingc", "owens2015creatinge", "owens2015creatingf"]  # d is taken
    assert more[-1] == "owens2015creatingag" and len(set(keys + more)) == 33


def test_archive_is_archiveprefix_only_for_eprint_servers():
    items = [{"id": "a", "type": "manuscript", "title": "Letters", "archive": "National Library of Wales",
              "archive_location": "MS 21"},
             {"id": "b", "type": "article", "title": "A preprint", "archive": "arXiv", "number": "2101.00001"}]
    for flavour in ("bibtex", "biblatex"):
        text = citeport.write(items, flavour)
        assert re.search(r"\barchive\s*= \{National Library of Wales\}", text)
        assert re.search(r"\barchiveprefix\s*= \{arXiv\}", text)
        back = list(citeport.read(text, flavour))
        assert [i["archive"] for i in back] == ["National Library of Wales", "arXiv"]
