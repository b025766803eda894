"""Blind review of the Python API, the plugin host and the papis integration (issue 6):
each test is a bug a third-party developer or a papis user met, fixed."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

import citeport
from citeport import CiteportError
from citeport.formats.registry import Format, Registry
from citeport.integrations.papis_map import STASH_KEY, to_csl, to_papis

RIS = "TY  - JOUR\nTI  - A title\nAU  - Smith, Jo\nPY  - 2020\nER  - \n"
PAPIS = Path(sys.executable).parent / "papis"


# --- the registry and the plugin host ---------------------------------------------------------

def test_registry_loads_once_for_concurrent_threads() -> None:
    """A second thread saw a half-loaded registry: "unknown format 'ris' (known: )"."""
    reg = Registry()
    barrier = threading.Barrier(6)
    found: list[str] = []

    def look_up() -> None:
        barrier.wait()
        try:
            found.append(reg.get("ris").name)
        except CiteportError as exc:
            found.append(str(exc))

    threads = [threading.Thread(target=look_up) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == ["ris"] * 6


def _registry(*formats: Format) -> Registry:
    reg = Registry()
    reg._loaded = True  # only what is added here
    for fmt in formats:
        reg.add(fmt)
    return reg


def test_a_sniff_outside_0_1_cannot_claim_every_file() -> None:
    """A plugin's sniff of 7.0 took RIS files away from the RIS reader."""
    def never(source, ctx):  # pragma: no cover - never called
        return iter(())

    ris = Format(name="ris", sniff=lambda head: 1.0 if head.startswith("TY  -") else 0.0, read=never)
    greedy = Format(name="greedy", sniff=lambda head: 7.0, read=never, origin="plugin x 1")
    reg = _registry(ris, greedy)
    for _ in range(3):
        fmt, score = reg.sniff(RIS)
        assert (fmt.name, score) == ("ris", 1.0)  # clamped to 1.0: the built-in wins the tie
    assert reg.sniff("anything else")[0].name == "greedy"
    assert [p for p in reg.problems if "'greedy'" in p] == [
        "format 'greedy': sniff gave 7.0, outside 0..1; counted as 1.0"]  # once, not per file


def test_unknown_format_says_why_when_its_plugin_failed() -> None:
    reg = _registry(Format(name="ris", read=lambda s, c: iter(())))
    reg.problems.append("plugin 'boom' (cp_boom:FORMAT, plugin cp-boom 0.2) skipped: ImportError: needs libfoo")
    with pytest.raises(CiteportError, match=r"unknown format 'boom' \(known: ris\); plugin 'boom' .*needs libfoo"):
        reg.get("boom")
    with pytest.raises(CiteportError, match=r"1 plugin problem\(s\); 'citeport formats' lists them"):
        reg.get("other")


def test_citeport_formats_is_the_package_and_the_function() -> None:
    """`citeport.formats` (the function) hid the package: `import citeport.formats.registry as r` failed."""
    code = ("import citeport.formats.registry as reg, citeport\n"
            "assert citeport.formats.registry is reg and citeport.Format is reg.Format\n"
            "print(sorted(f.name for f in citeport.formats())[:2])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['biblatex', 'bibtex']"


# --- reading -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lines", [RIS.splitlines(True), [line.encode() for line in RIS.splitlines(True)],
                                   iter(RIS.splitlines(True))])
def test_read_an_iterable_of_lines(lines) -> None:
    """A stream of lines (a generator, a file's readlines()) raised "cannot read from list"."""
    records = citeport.read(lines)
    assert records.format == "ris"
    assert [(r["title"], r["author"]) for r in records] == [("A title", [{"family": "Smith", "given": "Jo"}])]
    assert next(citeport.iter_read(RIS.splitlines(True), "ris"))["title"] == "A title"
    assert citeport.detect(RIS.splitlines(True)).name == "ris"


def test_read_refuses_what_is_no_input_clearly() -> None:
    with pytest.raises(TypeError, match="cannot read from int"):
        citeport.read(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="only str or only bytes"):
        citeport.read(["TY  - JOUR\n", b"ER  - \n"])  # type: ignore[list-item]


# --- writing -----------------------------------------------------------------------------------

def test_write_to_a_path(tmp_path: Path) -> None:
    """out= took only a file object: a path gave AttributeError: 'str' object has no attribute 'write'."""
    items = citeport.read(RIS)
    for out in (tmp_path / "a.ris", str(tmp_path / "b.ris")):
        assert citeport.write(items, "ris", out=out) == ""
        assert Path(out).read_bytes() == citeport.write(items, "ris").encode()  # CRLF kept, UTF-8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ris", "b.ris"]  # no temporary left
    with pytest.raises(CiteportError, match="is a directory"):
        citeport.write(items, "ris", out=tmp_path)
    with pytest.raises(CiteportError, match="cannot write"):
        citeport.write(items, "ris", out=tmp_path / "no" / "such" / "dir.ris")


def test_a_failed_write_to_a_path_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "keep.ris"
    target.write_text("old")
    with pytest.raises(CiteportError, match="item 2 is a str"):
        citeport.write([{"id": "a", "type": "book", "title": "T"}, "not an item"], "ris", out=target)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["keep.ris"]


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "endnote-xml", "medline", "jats", "csl-yaml"])
def test_items_that_are_not_csl_shaped_are_a_clear_error(fmt: str) -> None:
    """A name as a string crashed the writers with AttributeError: 'str' object has no attribute 'get'."""
    with pytest.raises(CiteportError, match=r"item 1 \(a\): 'author' must be a list of names"):
        citeport.write([{"id": "a", "type": "book", "title": "T", "author": "Smith, J."}], fmt)
    with pytest.raises(CiteportError, match="item 1 is a list, not a CSL-JSON dict"):
        citeport.write([["a"]], fmt)


def test_an_edtf_string_date_is_written() -> None:
    """CSL 1.0.2 allows an EDTF string date; RIS/BibTeX/EndNote/MEDLINE writers crashed on it."""
    item = {"id": "a", "type": "book", "title": "T", "issued": "2020-05", "accessed": "2021-03-04"}
    assert "PY  - 2020\r\nDA  - 2020/05//\r\nY2  - 2021/03/04/\r\n" in citeport.write([item], "ris")
    assert "month   = may" in citeport.write([item], "bibtex")
    assert "DP  - 2020 May" in citeport.write([item], "medline")
    assert json.loads(citeport.write([item], "csl-json"))[0]["issued"] == {"date-parts": [[2020, 5]]}
    assert item["issued"] == "2020-05"  # the caller's item is not changed


# --- papis: the mapping ------------------------------------------------------------------------

def _through_yaml(data: dict) -> dict:
    return yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))


def test_papis_own_keys_go_to_custom_and_come_back_as_papis_keys() -> None:
    """custom.papis (tags, rating) stayed inside citeport_csl on the way back: papis could not search them."""
    native = {"ref": "vanderBerg2019", "type": "article", "title": "T", "tags": ["to-read", "nhs"],
              "rating": 5, "papis_id": "x", "time-added": "2024", "files": ["paper.pdf"],
              "_papis_local_folder": "/lib/doc1"}
    item = to_csl(native)
    assert item["custom"] == {"papis": {"tags": ["to-read", "nhs"], "rating": 5},
                              "attachments": [{"path": "/lib/doc1/paper.pdf"}]}
    assert item["citation-key"] == item["id"] == "vanderBerg2019"  # papis's ref is the BibTeX key
    back = _through_yaml(to_papis(item))
    assert (back["tags"], back["rating"], back["ref"]) == (["to-read", "nhs"], 5, "vanderBerg2019")
    assert "files" not in back  # papis manages files itself
    assert to_csl(back) == item


def test_papis_edits_of_own_keys_win_over_the_kept_copy() -> None:
    item = {"id": "k", "type": "book", "title": "T", "citation-key": "Knuth84",
            "custom": {"papis": {"tags": "old", "stars": 2}, "mesh": ["x"]}}
    doc = _through_yaml(to_papis(item))
    assert to_csl(doc) == item  # unchanged (papis sorts the keys of info.yaml)
    doc["tags"] = "new"
    del doc["stars"]
    doc["ref"] = "Knuth1984"
    assert to_csl(doc) == {"id": "k", "type": "book", "title": "T", "citation-key": "Knuth1984",
                           "custom": {"papis": {"tags": "new"}, "mesh": ["x"]}}


def test_papis_files_replace_the_kept_attachments() -> None:
    item = {"id": "k", "type": "book", "title": "T", "custom": {"attachments": [{"path": "orig/a.pdf"}]}}
    doc = _through_yaml(to_papis(item))
    assert to_csl(doc) == item  # no files in papis: the kept ones
    doc.update(files=["a.pdf"], _papis_local_folder="/lib/d")
    assert to_csl(doc)["custom"] == {"attachments": [{"path": "/lib/d/a.pdf"}]}


# --- papis: the real command -------------------------------------------------------------------

def _papis_lib(root: Path) -> dict[str, str]:
    for sub in ("config", "cache", "home", "lib"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "config" / "config").write_text(
        "[settings]\ndefault-library = t\nadd-edit = False\nadd-confirm = False\nadd-open = False\n"
        "add-fetch-citations = False\nauto-doctor = False\npicktool = fzf\n\n"
        f"[t]\ndir = {root / 'lib'}\n")
    home = root / "home"
    return {**os.environ, "HOME": str(home), "PAPIS_CONFIG_DIR": str(root / "config"),
            "PAPIS_CACHE_DIR": str(root / "cache"), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"), "XDG_CACHE_HOME": str(home / ".cache")}


def _papis(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(PAPIS), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_papis_library_out_and_into_another_library(tmp_path: Path) -> None:
    """tags, files and the ref of a papis document survive citeport-csl-json export and citeport import."""
    if not PAPIS.exists():
        pytest.skip("papis is not installed in this venv (pip install 'citeport[papis]')")
    from importlib import metadata

    if "citeport-csl-json" not in {ep.name for ep in metadata.entry_points(group="papis.exporter")}:
        pytest.skip("citeport's papis entry points are not installed (pip install -e .)")
    bib = tmp_path / "in.bib"
    bib.write_text("@article{vdb2019,\n  author = {van der Berg, Anna and Smith, John},\n"
                   "  title = {Shared care},\n  journal = {BMJ Open},\n  year = {2019},\n  month = {mar},\n"
                   "  doi = {10.1136/bmjopen-2018-023456},\n  pmid = {30871475}\n}\n")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    one = _papis_lib(tmp_path / "one")
    _papis(one, "add", "--batch", "--from", "bibtex", str(bib), str(pdf), "--set", "tags", "to-read")
    out = tmp_path / "out.json"
    _papis(one, "export", "--all", "--format", "citeport-csl-json", "-o", str(out))
    item = json.loads(out.read_text())[0]
    assert item["author"][0] == {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"}
    assert (item["issued"], item["DOI"], item["PMID"]) == ({"date-parts": [[2019, 3]]},
                                                          "10.1136/bmjopen-2018-023456", "30871475")
    assert item["custom"]["papis"] == {"tags": "to-read"}
    assert Path(item["custom"]["attachments"][0]["path"]).read_bytes() == b"%PDF-1.4 test"
    ref = item["citation-key"]
    ris = _papis(one, "export", "--all", "--format", "citeport-ris")
    assert "L1  - " + item["custom"]["attachments"][0]["path"] in ris.stdout
    assert "custom.papis: RIS has no place for it" in ris.stderr  # a loss is shown, not hidden

    two = _papis_lib(tmp_path / "two")
    _papis(two, "add", "--batch", "--download-files", "--from", "citeport-csl-json", str(out))
    [info] = (tmp_path / "two" / "lib").glob("*/info.yaml")
    doc = yaml.safe_load(info.read_text())
    assert (doc["tags"], doc["ref"]) == ("to-read", ref)
    assert (info.parent / doc["files"][0]).read_bytes() == b"%PDF-1.4 test"
    assert doc[STASH_KEY]["custom"]["papis"] == {"tags": None}  # the value lives in papis's own key
