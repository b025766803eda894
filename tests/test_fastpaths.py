"""The fast paths of the PubMed XML -> CSL-JSON pipeline give exactly what the slow ones give.

scrub() skips its walk when one orjson pass shows nothing to remove; csl-json is written by orjson
when its text is surely json.dumps'; dot_initials() and csl_type() run cheaper code.  Each is checked
here against the plain implementation it replaces.
"""
from __future__ import annotations

import copy
import json
import math
import random
import re
import struct

import pytest

import citeport
from citeport.formats import csljson
from citeport.formats.pubmed_common import PUBLICATION_TYPE_TO_CSL, csl_type, dot_initials
from citeport.model import item as model_item
from citeport.model.item import _scrub, is_clean, scrub

orjson = pytest.importorskip("orjson")

CONTROLS = [chr(c) for c in (*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF, 0xD800, 0xDFFF)]


def sample_item(text: str = "plain") -> dict:
    return {"id": "pmid:1", "type": "article-journal", "title": f"A {text} title",
            "author": [{"family": "Name", "given": "A. B."}], "issued": {"date-parts": [[2020, 5, 1]]},
            "abstract": "BACKGROUND: one.\nMETHODS: \"two\" \\ three\t", "custom": {"mesh": ["*X/y"], "n": 0}}


def test_scrub_returns_a_clean_item_itself_and_cleans_every_control_character():
    clean = sample_item("Ünïcödé ½ \ufffd")
    assert is_clean(clean) and scrub(clean) is clean
    for ch in CONTROLS:
        for dirty in (sample_item(f"x{ch}y"), {"custom": {"tags": {"k": [f"{ch}"]}}}, [{"a": [[ch]]}]):
            assert not is_clean(dirty), repr(ch)
            assert scrub(dirty) == _scrub(dirty)
            assert ch not in json.dumps(scrub(dirty), ensure_ascii=False)
    # Text that only looks like an escape: an escaped backslash before b/f/u.
    tricky = {"title": "C:\\bin\\u0007\\f"}
    assert is_clean(tricky) and scrub(tricky) is tricky


def test_scrub_leaves_what_it_does_not_know_to_the_walk():
    odd = {"big": 2 ** 70, 1: "non-str key", "t": ("a\x00",), "s": type("S", (str,), {})("x\x01")}
    assert not is_clean(odd)
    assert scrub(odd) == _scrub(odd)


def _json(value):
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_dumps_is_json_dumps_for_every_character_and_value_kind():
    chars = "".join(chr(c) for c in range(0x3000)) + "\u2028\u2029\ufeff\U0001f600"
    values = [
        {"s": chars, "k" + chars[:40]: [chars[::-1]]},
        {"empty": {}, "list": [], "nested": [[[]], {"a": {}}], "n": None, "t": True, "f": False},
        {"ints": [0, -1, 2 ** 63 - 1, -(2 ** 63), 2 ** 64, 10 ** 30]},  # past 64 bits: orjson refuses
        {"floats": [0.0, -0.0, 1.5, 1e16, 1e-5, 3e-7, 1e-10, 5e-324, 1.7976931348623157e308]},
        {"nan": [math.nan, math.inf, -math.inf]},
        {"tuple": (1, "a"), "sub": type("S", (str,), {})("x"), 3: "int key"},
        {"text that looks like numbers": "0.00001 1e-9 null e-5 re-1"},
        [sample_item()],
    ]
    for value in values:
        assert csljson.dumps(value) == _json(value)
        assert csljson.dumps(value, indent=4) == json.dumps(value, ensure_ascii=False, indent=4)
        assert csljson.dumps(value, indent=None) == json.dumps(value, ensure_ascii=False, indent=None)


def test_orjson_floats_differ_from_json_only_where_the_check_looks():
    rng = random.Random(11)
    floats = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(20000)]
    floats += [rng.random() * 10.0 ** rng.uniform(-30, 30) for _ in range(20000)]
    floats += [m * 10.0 ** k for k in range(-320, 309) for m in (1.0, 2.5, 9.999)]
    for value in floats:
        data = orjson.dumps([value], option=orjson.OPT_INDENT_2)
        if data.decode() != _json([value]):
            assert csljson._maybe_unlike_json(data), repr(value)


def test_csljson_writer_scrubs_and_matches_the_plain_path():
    items = [sample_item(), sample_item("bad\x00\x0c"), {"id": "x", "type": "book", "custom": {"f": 1e-7}}]
    out = citeport.write(copy.deepcopy(items), "csl-json")
    expected = "[\n" + ",\n".join(_json(_scrub(i)) for i in items) + "\n]\n"
    assert out == expected and "\x00" not in out


@pytest.mark.parametrize("fmt", [f.name for f in citeport.formats() if f.can_write])
def test_writers_do_not_change_the_items_they_are_given(fmt):
    # scrub() no longer copies clean items, so a writer that edited its input would change the caller's.
    items = [sample_item(), {**sample_item(), "id": "b", "type": "book", "editor": [{"literal": "Org"}],
                             "ISBN": "978-3-16-148410-0", "PMID": "123", "DOI": "10.1/x"}]
    before = copy.deepcopy(items)
    citeport.write(items, fmt)
    assert items == before


def test_dot_initials_matches_the_template_substitution():
    old = re.compile(r"(?<![\w.])([A-Z\u00C0-\u00DE])(?=\s|$|-)")
    rng = random.Random(5)
    alphabet = "AaBZz .-\tÀÞßé_1\nÜ"
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert dot_initials(s) == old.sub(r"\1.", s)


def test_csl_type_keeps_the_table_order():
    def plain(types):
        lowered = {p.strip().lower() for p in types}
        return next((csl for pt, csl in PUBLICATION_TYPE_TO_CSL.items() if pt in lowered), "article-journal")

    names = [*PUBLICATION_TYPE_TO_CSL, "Other", " Review "]
    rng = random.Random(2)
    for _ in range(2000):
        types = rng.sample(names, rng.randint(0, 4))
        assert csl_type(types) == plain(types)


def test_without_orjson_the_same_results(monkeypatch):
    monkeypatch.setattr(model_item, "orjson", None)
    monkeypatch.setattr(csljson, "orjson", None)
    item = sample_item("x\x01")
    assert scrub(item) == _scrub(item)
    assert citeport.write([sample_item()], "csl-json") == "[\n" + _json(sample_item()) + "\n]\n"


@pytest.mark.parametrize("item, copied", [
    ({**sample_item(), "abstract": "One.", "custom": {"mesh": ["*X/y"]}}, False),  # nothing to do: itself
    (sample_item(), True),  # custom's 0 is kept, by the full walk
    ({**sample_item(), "title": " padded "}, True),
    ({**sample_item(), "note": ""}, True),
    ({**sample_item(), "volume": None}, True),
    ({**sample_item(), "custom": {"mesh": [], "n": 0}}, True),
    ({**sample_item(), "page": 0}, True),  # a falsy number is kept, by the full walk
    ({**sample_item(), "title": type("S", (str,), {})(" sub ")}, True),
])
def test_prune_skips_the_copy_only_when_nothing_changes(item, copied):
    from citeport.model.item import prune
    from test_pubmed_xml_speed import _prune_general  # prune's rules, written out

    expected = _prune_general(copy.deepcopy(item))
    result = prune(item)
    assert result == expected and list(result) == list(expected)
    assert (result is not item) == copied
