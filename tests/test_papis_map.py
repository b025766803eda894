"""papis document <-> CSL-JSON mapping (no papis needed): the table, edits made in papis,
and a lossless round trip -- through YAML, as papis stores it -- for every CSL-JSON record
of the shared corpus."""
from __future__ import annotations

import json

import pytest
import yaml

from citeport.integrations.papis_map import STASH_KEY, to_csl, to_papis
from conftest import SHARED, shared_path

ARTICLE = {
    "id": "pmid:22943560",
    "type": "article-journal",
    "title": "Creating an impersonal NHS?",
    "author": [{"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"},
               {"family": "Smith", "given": "John", "suffix": "Jr."},
               {"literal": "NHS Consortium"}],
    "container-title": "Health Expectations",
    "container-title-short": "Health Expect",
    "issued": {"date-parts": [[2015, 2]]},
    "available-date": {"date-parts": [[2012, 9, 4]]},
    "volume": "18", "issue": "1", "page": "22-31",
    "DOI": "10.1111/hex.12000", "PMID": "22943560", "PMCID": "PMC5060767", "ISSN": "1369-6513",
    "language": "en", "abstract": "BACKGROUND: One.\nMETHODS: Two.", "keyword": "NHS reform; intimacy",
    "publisher-place": "England",
    "custom": {"mesh": ["*Personalization"], "author-details": [{"affiliation": ["King's College London"]}, {}, {}]},
}


def _through_yaml(data: dict) -> dict:
    """What papis reads back from info.yaml (keys sorted, plain YAML types)."""
    return yaml.safe_load(yaml.safe_dump(data, allow_unicode=True, default_flow_style=False))


def test_papis_field_names() -> None:
    doc = to_papis(ARTICLE)
    assert doc["title"] == "Creating an impersonal NHS?"
    assert doc["author_list"][0] == {"family": "van der Berg", "given": "Anna",
                                     "affiliation": [{"name": "King's College London"}]}
    assert doc["author_list"][1] == {"family": "Smith", "given": "John, Jr."}
    assert doc["author_list"][2] == {"family": "NHS Consortium", "given": ""}
    assert doc["author"] == "van der Berg, Anna and Smith, John, Jr. and NHS Consortium"
    assert (doc["journal"], doc["journal_abbrev"], doc["year"], doc["month"]) == \
        ("Health Expectations", "Health Expect", 2015, 2)
    assert (doc["volume"], doc["issue"], doc["pages"]) == ("18", "1", "22-31")
    assert (doc["doi"], doc["pmid"], doc["pmcid"], doc["issn"]) == \
        ("10.1111/hex.12000", "22943560", "PMC5060767", "1369-6513")
    assert (doc["type"], doc["language"], doc["keywords"], doc["address"]) == \
        ("article", "en", "NHS reform; intimacy", "England")
    stash = doc[STASH_KEY]
    # only what the papis keys cannot hold is kept as CSL
    assert set(stash) - {"_order"} == {"id", "available-date", "custom"}


def test_round_trip_is_lossless_through_yaml() -> None:
    back = to_csl(_through_yaml(to_papis(ARTICLE)))
    assert back == ARTICLE
    assert list(back) == list(ARTICLE)


def test_edits_made_in_papis_win() -> None:
    doc = _through_yaml(to_papis(ARTICLE))
    doc["title"] = "A corrected title"
    doc["year"] = "2016"  # papis edits may turn numbers into strings
    doc["author_list"] = doc["author_list"][:1]
    del doc["pmcid"]
    doc["tags"] = ["to-read"]
    item = to_csl(doc)
    assert item["title"] == "A corrected title"
    assert item["issued"] == {"date-parts": [[2016, 2]]}
    assert item["author"] == [{"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"}]  # edited: papis wins
    assert "PMCID" not in item
    assert item["available-date"] == ARTICLE["available-date"]  # untouched CSL-only data survives
    assert item["custom"]["papis"] == {"tags": ["to-read"]}
    assert item["custom"]["mesh"] == ["*Personalization"]


def test_plain_papis_document() -> None:
    """A document papis made itself (BibTeX-like keys, no citeport data)."""
    doc = {"ref": "Knuth1984", "type": "inproceedings", "title": "Literate programming",
           "author": "Knuth, Donald E.", "booktitle": "Proc. of Something", "year": 1984,
           "month": "may", "pages": "97--111", "number": "2", "papis_id": "abc", "time-added": "x"}
    item = to_csl(doc)
    assert item == {"id": "Knuth1984", "citation-key": "Knuth1984",  # papis's ref is the citation key
                    "type": "paper-conference", "title": "Literate programming",
                    "author": [{"family": "Knuth", "given": "Donald E."}],
                    "container-title": "Proc. of Something", "issued": {"date-parts": [[1984, 5]]},
                    "number": "2", "page": "97-111"}
    # a journal article's BibTeX "number" is its issue; keyword lists are joined
    item = to_csl({"type": "article", "title": "T", "number": "4", "keywords": ["a", "b"]})
    assert (item["issue"], item["keyword"]) == ("4", "a; b")
    assert to_papis({"type": "chapter", "title": "C", "container-title": "Book"})["booktitle"] == "Book"


def _corpus_items() -> list[dict]:
    root = SHARED / "corpus" / "csl-json"
    items: list[dict] = []
    for path in sorted(root.rglob("*.json")) if root.exists() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("type"):
                items.append(item)
    return items


def test_round_trip_corpus_csl_json() -> None:
    shared_path("corpus", "csl-json")
    items = _corpus_items()
    assert len(items) > 20
    for item in items:
        assert to_csl(_through_yaml(to_papis(item))) == _through_yaml(item), item.get("id")
