"""Render PubMed records (CSL items read from PubMed XML) as rows of PubMed's current "Save -> CSV" export.

Test helper for the generated differential of the ``pubmed-csv`` reader. The Citation cell is the string
PubMed's Summary format and the page's citation line print (``J Abbr. 2019 Apr;19(4):247-259. doi: 10.1038/...
Epub 2019 Jan 3.``; ``Online ahead of print.``; ``bioRxiv [Preprint]. ...``), built with the page renderer's
pieces; Authors is ``Family INITIALS Suffix`` (collective names as they are), Journal/Book the full title.
The CSV has no abstract, affiliations, full given names, keywords, MeSH, types or links.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable

from pubmed_page_render import (family_of, initials, is_ahead_of_print, is_preprint, journal_of, page_date, plain,
                                source_numbers, title_line)

HEADER = ["PMID", "Title", "Authors", "Citation", "First Author", "Journal/Book", "Publication Year", "Create Date",
          "PMCID", "NIHMS ID", "DOI"]


def author_cell(name: dict) -> str:
    if name.get("literal"):
        return plain(name["literal"])
    return " ".join(x for x in (family_of(name), initials(name.get("given", "")), name.get("suffix")) if x)


def citation_cell(item: dict) -> str:
    journal = journal_of(item) + (" [Preprint]" if is_preprint(item) else "")
    text = f"{journal}. {page_date(item.get('issued'))}{source_numbers(item)}."
    if item.get("DOI"):
        text += f" doi: {item['DOI']}."
    if is_ahead_of_print(item):
        text += " Online ahead of print."
    elif item.get("available-date") and item.get("available-date") != item.get("issued"):
        text += f" Epub {page_date(item['available-date'])}."
    return text


def row(item: dict) -> list[str]:
    custom = item.get("custom", {})
    authors = [author_cell(a) for a in item.get("author", [])]
    year = str(((item.get("issued") or {}).get("date-parts") or [[""]])[0][0])
    entrez = custom.get("history", {}).get("entrez", "")
    return [item.get("PMID", ""), title_line(item), ", ".join(authors) + ("." if authors else ""),
            citation_cell(item), authors[0] if authors else "", plain(item.get("container-title", "")), year,
            entrez.replace("-", "/"), item.get("PMCID", ""), custom.get("mid", ""), item.get("DOI", "")]


def render(items: Iterable[dict]) -> str:
    """The CSV file of *items*: every text cell quoted, as PubMed writes it, LF line ends."""
    buf = io.StringIO()
    out = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    out.writerow(HEADER)
    for item in items:
        out.writerow(row(item))
    return buf.getvalue()
