"""Held-out CSL items for the writer round trips: every CSL 1.0.2 type and every variable.

``items()`` builds 90 items deterministically: two per CSL type (45 types), each with the
fields that type usually has, plus a rotating share of all the other variables of
/work/shared/schemas/csl/input/csl-data.json, so that every variable turns up in several
types.  Values are hard on writers on purpose: rich text, non-Latin and combining
characters, particles/suffixes/literal names, date ranges/seasons/circa/literal dates,
multi-line notes, and the special characters of RIS, BibTeX and XML.

    python tests/roundtrip_items.py            # the items as CSL-JSON
    python tests/roundtrip_items.py --summary  # per writer: unreported changes and noise
"""
from __future__ import annotations

import json
import sys
from typing import Any

TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
)
NAME_VARS = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editor", "editorial-director", "executive-producer", "guest", "host",
    "interviewer", "illustrator", "narrator", "organizer", "original-author", "performer", "producer",
    "recipient", "reviewed-author", "script-writer", "series-creator", "translator",
)
DATE_VARS = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")
NUMBER_VARS = (
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part",
    "printing", "supplement", "volume",
)
STRING_VARS = (
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority",
    "call-number", "citation-label", "collection-title", "container-title", "container-title-short",
    "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre", "ISBN", "ISSN",
    "jurisdiction", "keyword", "language", "medium", "note", "original-publisher", "original-publisher-place",
    "original-title", "part-title", "PMCID", "PMID", "publisher", "publisher-place", "references",
    "reviewed-genre", "reviewed-title", "scale", "section", "source", "status", "title-short", "URL",
    "version", "volume-title", "volume-title-short", "year-suffix", "citation-key",
)
#: Compatibility spellings the schema also lists (read as their CSL names, or kept).
COMPAT_VARS = ("journalAbbreviation", "shortTitle", "categories")

NAMES: tuple[dict[str, Any], ...] = (
    {"family": "Doe", "given": "Jane Q."},
    {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
    {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
    {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
    {"literal": "World Health Organization & Partners"},
    {"family": "毛", "given": "泽东"},
    {"family": "Zoe\u0308llner", "given": "Ame\u0301lie"},  # combining diaeresis and acute
    {"family": "de la Fontaine", "given": "Jean", "parse-names": False},
    {"family": "Tolkien", "given": "J. R. R."},
    {"family": "Ivanova", "given": "Анна"},
    {"family": "al-Khwarizmi", "given": "Muhammad"},
    {"family": "Núñez-García", "given": "María José"},
)
DATES: tuple[dict[str, Any], ...] = (
    {"date-parts": [[2020, 3, 15]]},
    {"date-parts": [[2019, 11], [2020, 2]]},
    {"date-parts": [[2018]], "season": 2},
    {"date-parts": [[1850]], "circa": True},
    {"literal": "Michaelmas term, 1999"},
    {"date-parts": [[2021, 1, 5], [2021, 1, 9]]},
    {"date-parts": [[2007, 6]]},
    {"date-parts": [[2015]]},
)
RICH_TITLES = (
    "The <i>in vivo</i> role of CO<sub>2</sub> in <b>bold</b> claims",
    "Ca<sup>2+</sup> signalling in <span style=\"font-variant:small-caps;\">Drosophila</span>",
    "<span class=\"nocase\">iPhone</span> use among <i>Homo sapiens</i>: a survey",
    "Plain title with 100% & {braces} @ #1 ~ $5 \\ back",
    "Títulos en español: ¿qué pasa?",
    "日本語のタイトル と 한국어 제목",
)
SPECIAL = "ER  - not an end; {a} 50% & <b> \\path @at #h ~t $m"
#: Paragraphs that start like RIS tag lines: an author and the end of the record to a careless writer.
TAG_SHAPED = "\nAU  - Not An Author\nER  - "
STRINGS: dict[str, tuple[str, ...]] = {
    "abstract": ("First paragraph with <i>italics</i>.\nSecond paragraph: " + SPECIAL + TAG_SHAPED,
                 "One-line abstract about Δ-values and α/β."),
    "note": ("Line one of a note.\nLine two: " + SPECIAL + TAG_SHAPED, "Single note"),
    "annote": ("Annotated: read chapter 3.\nThen chapter 4.",),
    "DOI": ("10.1000/xyz.123", "10.5555/(SICI)1234-5678(199601)1:1<2::AID>3.0.CO;2-Z"),
    "ISBN": ("978-3-16-148410-0", "0-306-40615-2"),
    "ISSN": ("1234-5679", "0028-0836"),
    "PMID": ("31452104", "12345678"),
    "PMCID": ("PMC6712345",),
    "URL": ("https://example.org/a?b=1&c=2#frag", "http://example.com/path%20with%20space"),
    "language": ("en", "de-DE", "zh"),
    "keyword": ("alpha; beta gamma; δ-delta", "single"),
    "citation-key": ("key2020a", "Muller_1999"),
    "title-short": ("Short",),
    "container-title-short": ("J. Abbr.",),
}
NUMBERS: dict[str, tuple[Any, ...]] = {
    "page": ("123-145", "e0123456", "iii-xii", 77),
    "volume": ("12", 3, "IV"),
    "issue": ("3", "Suppl 2", 4),
    "edition": ("2", "Revised ed.", 3),
    "number": ("42", "RFC 9110", "US 5,123,456 A"),
}
#: What each type has before the rotating extras (besides title, author and issued).
CORE: dict[str, tuple[str, ...]] = {
    "article-journal": ("container-title", "volume", "issue", "page", "DOI", "ISSN"),
    "article-magazine": ("container-title", "volume", "issue", "page"),
    "article-newspaper": ("container-title", "section", "page", "publisher-place"),
    "article": ("publisher", "number", "genre", "DOI"),
    "book": ("publisher", "publisher-place", "ISBN", "edition", "number-of-pages"),
    "chapter": ("container-title", "editor", "publisher", "page", "ISBN"),
    "paper-conference": ("container-title", "event-title", "event-place", "publisher", "page"),
    "thesis": ("publisher", "genre", "publisher-place"),
    "report": ("publisher", "number", "collection-title", "publisher-place"),
    "patent": ("number", "authority", "jurisdiction"),
    "legal_case": ("authority", "container-title", "volume", "page"),
    "legislation": ("container-title", "number", "section"),
    "bill": ("number", "authority", "container-title"),
    "webpage": ("container-title", "URL", "accessed"),
    "post-weblog": ("container-title", "URL", "accessed"),
    "post": ("container-title", "URL"),
    "dataset": ("publisher", "version", "DOI", "medium"),
    "software": ("publisher", "version", "URL", "medium"),
    "motion_picture": ("director", "publisher", "dimensions", "medium"),
    "broadcast": ("container-title", "director", "number", "publisher"),
    "song": ("composer", "performer", "container-title", "publisher", "medium"),
    "map": ("scale", "publisher", "publisher-place"),
    "standard": ("number", "authority", "publisher"),
    "entry-encyclopedia": ("container-title", "editor", "publisher", "volume", "page"),
    "entry-dictionary": ("container-title", "publisher", "page"),
    "review-book": ("container-title", "reviewed-title", "reviewed-author", "volume", "page"),
    "review": ("container-title", "reviewed-title", "volume", "page"),
    "interview": ("interviewer", "medium", "container-title"),
    "personal_communication": ("recipient", "genre", "medium"),
    "speech": ("event-title", "event-place", "event-date", "genre"),
    "manuscript": ("archive", "archive_location", "genre"),
    "musical_score": ("composer", "publisher", "publisher-place"),
    "graphic": ("medium", "dimensions", "archive"),
    "hearing": ("authority", "number", "container-title"),
    "regulation": ("container-title", "number", "authority"),
    "treaty": ("container-title", "volume", "page"),
    "classic": ("editor", "translator", "original-date"),
    "collection": ("archive", "archive_collection", "archive-place"),
    "document": ("publisher", "genre"),
    "entry": ("container-title", "publisher"),
    "event": ("event-place", "event-date", "organizer"),
    "figure": ("container-title", "dimensions"),
    "pamphlet": ("publisher", "publisher-place"),
    "performance": ("performer", "event-place", "director"),
    "periodical": ("publisher", "ISSN", "volume", "issue"),
}
ALL_VARS = NAME_VARS + DATE_VARS + NUMBER_VARS + STRING_VARS
EXTRAS_PER_ITEM = 9


def value(var: str, i: int) -> Any:
    """A value for *var* in item *i* (varied across items)."""
    if var in NAME_VARS:
        count = 1 + i % 3
        return [dict(NAMES[(i + k + len(var)) % len(NAMES)]) for k in range(count)]
    if var in DATE_VARS:
        return json.loads(json.dumps(DATES[(i + len(var)) % len(DATES)]))
    if var in NUMBERS:
        pool = NUMBERS[var]
        return pool[i % len(pool)]
    if var in NUMBER_VARS:
        return (str(i % 7 + 1), i % 5 + 2, f"{i % 3 + 1}A")[i % 3]
    if var in STRINGS:
        pool = STRINGS[var]
        return pool[i % len(pool)]
    if var in ("title", "container-title", "collection-title", "original-title", "reviewed-title",
               "volume-title", "part-title", "event-title"):
        return f"{RICH_TITLES[(i + len(var)) % len(RICH_TITLES)]} ({var} {i})"
    if i % 4 == 0:
        return f"{var} value {i} with {SPECIAL}"
    if i % 4 == 1:
        return f"{var} — Ünïcödé {i} 東京"
    return f"{var} {i}"


def items() -> list[dict[str, Any]]:
    """The held-out items (90: two per CSL type), every variable in several of them."""
    out: list[dict[str, Any]] = []
    n = len(ALL_VARS)
    for i in range(2 * len(TYPES)):
        csl_type = TYPES[i % len(TYPES)]
        item: dict[str, Any] = {"id": f"rt{i:03d}", "type": csl_type, "title": value("title", i)}
        if i % 9 != 4:  # some items have no author
            item["author"] = value("author", i)
        item["issued"] = value("issued", i)
        for var in CORE.get(csl_type, ()):
            item[var] = value(var, i)
        for k in range(EXTRAS_PER_ITEM):
            var = ALL_VARS[(i * EXTRAS_PER_ITEM + k) % n]
            item.setdefault(var, value(var, i + k))
        if i % 15 == 7:
            item["custom"] = {"license": "CC BY 4.0", "grants": ["R01 XX/NIH HHS/United States"]}
        if i % 30 == 11:  # the schema's compatibility spellings
            item.update({"journalAbbreviation": "Compat J", "shortTitle": "Compat", "categories": ["x", "y"]})
        out.append(item)
    return out


def coverage(generated: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """(types, variables) the items use."""
    types = {item["type"] for item in generated}
    variables = {k for item in generated for k in item if k not in ("id", "type")}
    return types, variables


if __name__ == "__main__":
    if "--summary" in sys.argv:
        from test_roundtrip_types import WRITERS, round_trip  # noqa: E402

        for fmt in WRITERS:
            problems = [p for item in items() for p in round_trip(item, fmt)[0]]
            print(f"{fmt}: {len(items())} items, {len(problems)} problems")
            for p in problems:
                print("   ", p)
    else:
        json.dump(items(), sys.stdout, ensure_ascii=False, indent=1)
