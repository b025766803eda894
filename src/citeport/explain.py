"""Say what a text that no format recognises looks like, and what to do instead.

A user pastes what is at hand: a list of PMIDs/DOIs, a Google Scholar or Europe PMC results copy, a table of
fields from a spreadsheet or a Markdown note.  None is a bibliographic record citeport can read honestly (a
Scholar snippet has cut-off names and journal, "… England Journal of …"), so detection refuses them -- but with
one line that names the kind of text and the way to the records, instead of "not a recognised format".
"""
from __future__ import annotations

import re

#: one identifier, as people list them: PMID, PMCID, DOI (bare, "doi:", doi.org or PubMed/PMC addresses)
_IDENTIFIER = re.compile(r"(?:pmid:\s*)?\d{1,8}|(?:pmcid:\s*)?PMC\d+|(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+|"
                         r"https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov/pmc/articles)/\S+", re.I)
_ID_SEPARATORS = re.compile(r"[\s,;]+")
#: Google Scholar result copies: the "[HTML]"/"[PDF]" marks before titles and the links under each result
_SCHOLAR = re.compile(r"^\s*\[(?:HTML|PDF|BOOK|CITATION|C|B)\]\s|\bCited by \d+\b.*\bRelated articles\b|"
                      r"\bAll \d+ versions\b", re.I | re.M)
_EUROPE_PMC = re.compile(r"^\s*Europe PMC\s*$|europepmc\.org", re.I | re.M)
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_FIELD_WORDS = {"title", "author", "authors", "year", "journal", "doi", "pmid", "volume", "issue", "pages",
                "date", "abstract", "source", "publication year"}
_PMID_IN = re.compile(r"\bPMID:?\s*(\d{1,8})\b")


def _identifier_list(lines: list[str]) -> bool:
    tokens = [t for ln in lines for t in _ID_SEPARATORS.split(ln) if t]
    return bool(tokens) and all(_IDENTIFIER.fullmatch(t.rstrip(".")) for t in tokens)


def _field_table(lines: list[str]) -> bool:
    """A Markdown table, or a CSV/TSV one whose header names bibliographic fields."""
    text = "\n".join(lines)
    if _MD_RULE.search(text):
        return True
    for sep in ("\t", ",", ";"):
        cells = [c.strip().strip('"').lower() for c in lines[0].split(sep)]
        if len(cells) >= 3 and sum(c in _FIELD_WORDS for c in cells) >= 2:
            return True
    return False


def explain(head: str) -> str | None:
    """A one-line description and advice for a text no format recognised, or None when it is none of the
    kinds above."""
    lines = [ln.strip() for ln in head.lstrip("\ufeff").splitlines() if ln.strip()][:200]
    if not lines:
        return None
    if _identifier_list(lines):
        return ("this looks like a list of identifiers (PMIDs/DOIs), not records: get the records with "
                "`citeport fetch ID ...` (or `citeport fetch - < FILE`)")
    text = "\n".join(lines)
    pmids = list(dict.fromkeys(_PMID_IN.findall(text)))
    hint = f" (it names PMID {', '.join(pmids[:3])}: `citeport fetch pmid:{pmids[0]}`)" if pmids else ""
    if _SCHOLAR.search(text):
        return ("this looks like a Google Scholar results copy (its names and journals are cut short): use the "
                "result's \"Cite\" link (BibTeX, EndNote, RefMan) and convert that file, or paste the PubMed page"
                + hint)
    if _EUROPE_PMC.search(text):
        return ("this looks like a Europe PMC page copy, not a PubMed page: export the record from Europe PMC "
                "(\"Cite\" > RIS or BibTeX) and convert that file, or paste the PubMed page" + hint)
    if _field_table(lines):
        # a CSV with PMID and Title columns is what the pubmed-csv reader takes when asked (not sniffed: a
        # table of one's own is no PubMed export), so say so
        csv = "," in lines[0] and {"pmid", "title"} <= {c.strip().strip('"').lower() for c in lines[0].split(",")}
        return ("this looks like a table of fields (Markdown or CSV), which is not a bibliographic format: "
                "export the records from their source as RIS, BibTeX or CSL-JSON" + hint
                + ("; to read this CSV as a PubMed CSV export, give `--from pubmed-csv`" if csv else ""))
    return None
