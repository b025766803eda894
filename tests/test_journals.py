"""NLM journal list: parser (text layout and CSV), look-ups, normalisation, `citeport journals`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeport.enrich import journals as J
from citeport.model.diagnostics import Context
from conftest import SHARED, run_cli, shared_path

TEXT = """--------------------------------------------------------
JrId: 22060
JournalTitle: Health expectations : an international journal of public participation in health care and health policy
MedAbbr: Health Expect
ISSN (Print): 1369-6513
ISSN (Online): 1369-7625
IsoAbbr: Health Expect
NlmId: 9815926
--------------------------------------------------------
JrId: 1
JournalTitle: Journal of twins
MedAbbr: J Twins
ISSN (Print):
ISSN (Online):
IsoAbbr: J Twins
NlmId: 1
--------------------------------------------------------
JrId: 2
JournalTitle: Journal of twin studies
MedAbbr: J Twins
ISSN (Print):
ISSN (Online):
IsoAbbr: J. Twins
NlmId: 2
--------------------------------------------------------
"""
HEX = "Health expectations : an international journal of public participation in health care and health policy"


def test_parse_text_layout_and_lookups():
    jl = J.JournalList(J.parse(TEXT))
    assert len(jl) == 3
    assert jl.expand("Health Expect") == HEX
    assert jl.expand("health expect.") == HEX  # case and punctuation do not matter
    assert jl.abbreviate(HEX) == "Health Expect"
    assert jl.find(issn="13697625").nlm_id == "9815926"
    assert jl.expand("J Twins") is None  # two journals share it: no guess
    assert jl.abbreviate("Journal of twins") == "J Twins"


def test_parse_shared_j_medline_csv():
    jl = J.load(shared_path("reference", "journals", "J_Medline.csv"))
    assert len(jl) == 29891
    assert jl.expand("Health Expect") == HEX
    j = jl.find("J Am Chem Soc")
    assert (j.title, j.issn_print, j.issn_online, j.nlm_id) == (
        "Journal of the American Chemical Society", "0002-7863", "1520-5126", "7503056")
    assert jl.expand("J. Am. Chem. Soc.") == "Journal of the American Chemical Society"


def test_parse_shared_nlm_text_layout(tmp_path):
    src = shared_path("reference", "journals", "J_Sequence_20190207.txt")
    journals = list(J.parse(src.read_text(encoding="utf-8")))
    assert len(journals) == 7797
    assert journals[0] == J.Journal("Acarologia", "Acarologia", "Acarologia", "0044-586X", "", "14510400R", "7")
    copy = tmp_path / "J_Medline.txt"
    copy.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    first = J.load(copy)
    assert J._index_path(copy).exists()  # the fast index is written beside the list
    J._LOADED.clear()
    assert J.load(copy).journals == first.journals


def test_normalize_item_fills_and_reports():
    jl = J.JournalList(J.parse(TEXT))
    ctx = Context()
    item = {"container-title": "Health Expect", "container-title-short": "Health Expect"}
    J.normalize_item(item, jl, ctx, "r")
    assert item["container-title"] == HEX
    (d,) = ctx.diagnostics
    assert (d.code, d.field) == ("filled", "container-title") and "NLM journal list" in d.message
    item = {"container-title": HEX}
    J.normalize_item(item, jl)
    assert item["container-title-short"] == "Health Expect"
    item = {"container-title": "Some other journal", "container-title-short": "Health Expect"}
    assert J.normalize_item(dict(item), jl) == item  # both known: left alone


def test_load_absent_list(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEPORT_DATA_DIR", str(tmp_path))
    assert J.load() is None
    proc = run_cli("journals", "lookup", "Health Expect")
    assert proc.returncode == 2 and "citeport journals update" in proc.stderr_text


def test_journals_update_lookup_and_offline_expansion(tmp_path, monkeypatch, capsys):
    import io
    import sys

    from citeport.cli import main

    def run_cli(*args, input=None):  # in-process: quicker than a process on a busy machine
        capsys.readouterr()
        if input is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(input.encode()), encoding="utf-8"))
        code = main(list(args))
        out = capsys.readouterr()
        return type("P", (), {"returncode": code, "stdout_text": out.out, "stderr_text": out.err})


    from test_enrich_replay import start

    shared_path("reference", "journals", "J_Sequence_20190207.txt")
    replay, server = start(SHARED)
    try:
        monkeypatch.setenv("CITEPORT_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("CITEPORT_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("CITEPORT_JOURNALS_URL", replay.base + "/journals/J_Medline.txt")
        proc = run_cli("journals", "update")
        assert proc.returncode == 0, proc.stderr_text
        assert "7797 journals saved to" in proc.stderr_text
        assert (tmp_path / "data" / "J_Medline.txt").exists() and len(replay.log) == 1
        proc = run_cli("journals", "lookup", "Acta Anaesthesiol Scand", "1399-6576")
        assert proc.stdout_text.splitlines() == [
            "Acta anaesthesiologica Scandinavica\tActa Anaesthesiol Scand\t0001-5172 (print), 1399-6576 (online)"
            "\tNLM 0370270"] * 2
        # --enrich --offline: no network, but the abbreviation still expands from the installed list
        item = [{"id": "a", "type": "article-journal", "title": "T", "container-title-short": "Acta Anaesthesiol Scand"}]
        proc = run_cli("convert", "-", "--from", "csl-json", "--to", "csl-json", "--enrich", "--offline", "--report",
                       input=json.dumps(item))
        assert json.loads(proc.stdout_text)[0]["container-title"] == "Acta anaesthesiologica Scandinavica"
        assert "filled container-title: from the NLM journal list" in proc.stderr_text
        assert len(replay.log) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_update_refuses_a_non_list(tmp_path, monkeypatch):
    from citeport.enrich import Http, Settings
    from citeport.model.diagnostics import CiteportError
    from test_enrich_replay import start

    replay, server = start(SHARED)
    try:
        replay.script["/journals/J_Medline.txt"] = [(200, {}, b"<html>maintenance</html>", 0)]
        with Http(Settings.from_env(cache_path=tmp_path)) as h, pytest.raises(CiteportError, match="not an NLM"):
            J.update(h, replay.base + "/journals/J_Medline.txt", dest=tmp_path / "J.txt")
        assert not (tmp_path / "J.txt").exists()
    finally:
        server.shutdown()
        server.server_close()
