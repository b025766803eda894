"""Robustness of the pubmed-text reader: mangled page texts never crash or hang, and text that is
not a PubMed record is not sniffed as one."""
from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

import citeport
from citeport.formats.pubmed_text import sniff
from citeport.formats.registry import REGISTRY
from citeport.model.diagnostics import CiteportError

DATA = Path(__file__).parent / "data"
FIXTURES = sorted((DATA / "pubmed_text_blind").glob("*.txt")) + sorted((DATA / "pubmed_text").glob("*.txt"))
NOISE = ["", " ", "\t", "Abstract", "Affiliations", "PMID:", "PMID: 12345678", "1.", "2. ", "(1)", "Keywords:",
         "KEYWORDS:", "Similar articles", "MeSH terms", "Comment in", "Erratum in", "\u00a0", "expand", ";", ",",
         ". 2020 Jan;", "doi:", "Health Expect. 2015 Feb;18(1):22-31.", "Author information:", "Collaborators:",
         "[Article in ]", "[", "]", "\u00a9", "Copyright", "Publication types", "\ufeff", "Smith J(1), Doe K(",
         "é" * 300, "x" * 5000, "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z " * 20,
         "1 , 2 , 3 , 4 , 5 , 6 , 7", "Conflict of interest statement", "Erratum for", "Print 2019."]


def _mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        n = len(lines)
        k = rng.randrange(n) if n else 0
        if op == 0 and n:
            del lines[k]
        elif op == 1 and n:
            lines.insert(k, lines[k])
        elif op == 2:
            rng.shuffle(lines)
        elif op == 3:
            joined = "\n".join(lines)
            lines = joined[:rng.randrange(len(joined) + 1)].split("\n")
        elif op == 4:
            lines.insert(k, rng.choice(NOISE))
        elif op == 5 and n:  # cut a line in the middle
            line = lines[k]
            cut = rng.randrange(len(line) + 1)
            lines[k:k + 1] = [line[:cut], line[cut:]]
        elif op == 6 and n:  # glue two lines
            lines[k:k + 2] = [" ".join(lines[k:k + 2])]
    return "\n".join(lines)


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM to detect a hang")
def test_two_thousand_mutations_never_raise_or_hang() -> None:
    rng = random.Random(20261125)
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    fmt = REGISTRY.get("pubmed-text")
    previous = signal.signal(signal.SIGALRM, _alarm)
    slowest = 0.0
    try:
        for case in range(2000):
            text = _mutate(rng, rng.choice(texts))
            signal.alarm(5)
            start = time.perf_counter()
            try:
                score = fmt.sniff(text[:65536])
                assert 0.0 <= score <= 1.0
                records = citeport.read(text, format="pubmed-text")
            except CiteportError:
                pass  # a clean "no records" error is fine
            except _Timeout:
                pytest.fail(f"case {case} hung:\n{text[:2000]}")
            except Exception as exc:  # pragma: no cover - the failure report
                pytest.fail(f"case {case} raised {exc!r}:\n{text[:2000]}")
            else:
                for item in records:
                    assert item.get("title"), f"case {case}: an item without title"
            finally:
                signal.alarm(0)
            slowest = max(slowest, time.perf_counter() - start)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert slowest < 5


NOT_PUBMED = {
    "email": """From: Anna Berg <anna.berg@example.org>
To: Journal club <jc@example.org>
Subject: Re: next week's paper
Date: Tue, 24 Nov 2026 09:12:44 +0100

Hi all,

For Thursday please read the paper on continuity of care. The reference is:
Adeyemi RK, Chen D. Ann Fam Med. 2020 Jan-Feb;18(1):34-42. doi: 10.1370/afm.2471.
PMID: 31937531

Abstract
It is short, so also skim the similar articles PubMed lists.

Best,
Anna
""",
    "readme": """# citeport examples

This folder holds example records.

1. Health Expect. 2015 Feb;18(1):22-31 is the user's record (see the seed).
2. Run `citeport convert page.txt --to ris`.

## Licence
MIT. Copyright (c) 2026 The citeport authors.
""",
    "pubmed csv export": """PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI
31937531,Continuity of primary care and emergency department use among adults with multimorbidity.,"Adeyemi RK, Chen D, O'Neill SM.",Ann Fam Med. 2020 Jan-Feb;18(1):34-42. doi: 10.1370/afm.2471.,Adeyemi RK,Ann Fam Med,2020,2020/01/16,PMC6959301,,10.1370/afm.2471
26505387,Reporting of adverse events in randomized trials of acupuncture: a systematic review.,"Hartmann K, Lindqvist PE, Moreau S.",J Clin Epidemiol. 2016 Mar;71:45-53. doi: 10.1016/j.jclinepi.2015.10.002. Epub 2015 Oct 23.,Hartmann K,J Clin Epidemiol,2016,2015/10/28,,,10.1016/j.jclinepi.2015.10.002
""",
    "ris": """TY  - JOUR
TI  - Continuity of primary care and emergency department use among adults with multimorbidity
AU  - Adeyemi, Rachel K
AU  - Chen, David
T2  - Ann Fam Med
PY  - 2020
VL  - 18
IS  - 1
SP  - 34
EP  - 42
DO  - 10.1370/afm.2471
AN  - PMID: 31937531
N1  - Ann Fam Med. 2020 Jan-Feb;18(1):34-42.
ER  - 
""",
    "bibtex": """@article{adeyemi2020,
  title = {Continuity of primary care and emergency department use among adults with multimorbidity},
  author = {Adeyemi, Rachel K and Chen, David},
  journal = {Ann Fam Med},
  year = {2020},
  volume = {18},
  number = {1},
  pages = {34--42},
  note = {PMID: 31937531. Ann Fam Med. 2020 Jan-Feb;18(1):34-42.},
  doi = {10.1370/afm.2471}
}
""",
    "reference list": """References

1. Barnett K, Mercer SW, Norbury M, Watt G, Wyke S, Guthrie B. Epidemiology of multimorbidity and implications
for health care, research, and medical education: a cross-sectional study. Lancet. 2012;380(9836):37-43.
2. Haggerty JL, Reid RJ, Freeman GK, Starfield BH, Adair CE, McKendry R. Continuity of care: a multidisciplinary
review. BMJ. 2003;327(7425):1219-21.
""",
    "prose": "The study ran from 2015. 2016 was a hard year; results: none. PMID was unknown.\n" * 30,
}


@pytest.mark.parametrize("kind", sorted(NOT_PUBMED))
def test_not_pubmed_is_not_sniffed_as_pubmed_text(kind: str) -> None:
    text = NOT_PUBMED[kind]
    assert sniff(text) < 0.2, kind
    fmt, score = REGISTRY.sniff(text)
    assert fmt is None or fmt.name != "pubmed-text" or score < 0.2


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_page_fixture_is_sniffed(path: Path) -> None:
    assert citeport.read(path).format == "pubmed-text"


_CURRENT_PAGE = """Skip to main page content
Full text links
Cite
Page navigation
Title & authors
Abstract
Randomized Controlled Trial
 
Lancet
. 2021 Jan 9;397(10269):99-111.
 doi: 10.1016/S0140-6736(20)32661-1. Epub 2020 Dec 8.
Safety and efficacy of a vaccine against SARS-CoV-2: an interim analysis of four randomised controlled trials
Merryn Voysey 1, Sue Ann Costa Clemens 2, Shabir A Madhi 3; Oxford COVID Vaccine Trial Group
{between}
PMID: 33306989 PMCID: PMC7723445 DOI: 10.1016/S0140-6736(20)32661-1
Abstract
Background: A safe and efficacious vaccine against SARS-CoV-2 is urgently needed.

Findings: Between April 23 and Nov 4, 2020, 23 848 participants were enrolled.

PubMed Disclaimer
"""


@pytest.mark.parametrize("between, note", [
    ("Affiliations expand", None),  # the heading and its toggle button copied onto one line
    ("Collaborators, Affiliations expand", None),
    ("Collaborators (52) collapse\nAffiliations\nexpand", None),
    ("Rate this article: 5 stars", "Rate this article: 5 stars"),  # an unknown widget: a note, not the abstract
])
def test_current_page_lines_between_authors_and_abstract(between, note):
    (item,) = citeport.read(_CURRENT_PAGE.replace("{between}", between), "pubmed-text")
    assert item["abstract"].startswith("Background: A safe and efficacious vaccine")
    assert "Findings: Between April 23" in item["abstract"]
    assert item.get("note") == note
    assert [a.get("family", a.get("literal")) for a in item["author"]] == [
        "Voysey", "Clemens", "Madhi", "Oxford COVID Vaccine Trial Group"]
    assert item["PMCID"] == "PMC7723445"
