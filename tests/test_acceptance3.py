"""Third acceptance pass (a fresh clone, README top to bottom): each test is a discrepancy found
between what README.md promises and what the command line did."""
from __future__ import annotations

import io
import json

import pytest

from citeport.formats.registry import Format, _guarded
from citeport.model.diagnostics import CiteportError, Context
from conftest import run_cli

#: Read from a DOI (so the id is ``doi:…``), yet the record also has a PMID and a PMCID.
DOI_ITEM = {"id": "doi:10.1111/hex.12000", "type": "article-journal", "title": "Creating an impersonal NHS?",
            "author": [{"family": "Owens", "given": "John"}], "issued": {"date-parts": [[2015]]},
            "DOI": "10.1111/hex.12000", "PMID": "22943560", "PMCID": "PMC5060756"}
#: A BibTeX-keyed item and one whose own id is ``pmid:5`` while another item has PMID 5.
KEYED = {"id": "doe2020", "type": "book", "title": "A book", "PMID": "5",
         "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}}
OWN_PMID = {"id": "pmid:5", "type": "book", "title": "Another book",
            "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2019]]}}


def _format(items: list[dict], *args: str):
    return run_cli("format", "-", "--from", "csl-json", "--style", "apa", *args, input=json.dumps(items))


@pytest.mark.parametrize("cite", ["pmid:22943560:p. 5", "PMCID:PMC5060756:p. 5", "doi:10.1111/HEX.12000:p. 5"])
def test_a_record_can_be_cited_by_its_pmid_pmcid_or_doi(cite):
    # README: `--cite "pmid:22943560:p. 5"`; a PubMed page whose id came from its DOI has that PMID too
    proc = _format([DOI_ITEM], "--cite", cite)
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.strip() == "(Owens, 2015, p. 5)"
    assert "not in the input" not in proc.stderr_text


def test_an_item_id_wins_over_another_items_pmid_and_unknown_ids_still_warn():
    proc = _format([KEYED, OWN_PMID], "--cite", "pmid:5", "--cite", "-doe2020:p. 3", "--cite", "nosuch:3")
    lines = proc.stdout_text.splitlines()
    assert lines[0] == "(Smith, 2019)"  # the item whose id is pmid:5, not doe2020 (PMID 5)
    assert lines[1] == "(2020, p. 3)"
    assert "nosuch" in proc.stderr_text and "not in the input" in proc.stderr_text


def test_cites_file_ids_resolve_the_same_way(tmp_path):
    clusters = tmp_path / "clusters.json"
    clusters.write_text(json.dumps([[{"id": "pmid:22943560", "locator": "7"}]]), encoding="utf-8")
    proc = _format([DOI_ITEM], "--cites-file", str(clusters))
    assert proc.returncode == 0, proc.stderr_text
    assert proc.stdout_text.strip() == "(Owens, 2015, p. 7)"


def _plugin(exc: Exception) -> Format:
    def write(items, out, ctx):
        raise exc

    return _guarded(Format(name="probe", write=write), "plugin probe 0.1")


def test_a_closed_pipe_under_a_plugin_writer_is_not_a_plugin_failure():
    # README: `citeport … | head` ends quietly; a plugin writer's BrokenPipeError was wrapped as
    # "format 'refer' (plugin …) failed to write: BrokenPipeError" and printed as an error.
    with pytest.raises(BrokenPipeError):
        _plugin(BrokenPipeError(32, "Broken pipe")).write([], io.StringIO(), Context())
    with pytest.raises(CiteportError, match="probe.*failed to write: ValueError"):  # a real bug still named
        _plugin(ValueError("bad")).write([], io.StringIO(), Context())
