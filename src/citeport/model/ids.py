"""Identifiers: DOI, PMID, PMCID, ISBN, ISSN — normalise and validate."""
from __future__ import annotations

import re
from urllib.parse import unquote

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.I)
_PMID = re.compile(r"\d{1,9}")
_PMCID = re.compile(r"(?:PMC\s*)?(\d{3,9})", re.I)


def normalize_doi(text: str | None) -> str | None:
    """'https://doi.org/10.1111/HEX.12000.' -> '10.1111/HEX.12000' (case kept; DOIs compare case-insensitively)."""
    if not text:
        return None
    s = unquote(str(text).strip())
    s = _DOI_PREFIX.sub("", s)
    m = _DOI.search(s)
    if not m:
        return None
    doi = m.group(0)
    # Sentence punctuation and closing brackets are not part of a DOI.
    doi = doi.rstrip(".,;")
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    while doi.endswith("]") and doi.count("[") < doi.count("]"):
        doi = doi[:-1]
    return doi


def normalize_pmid(text: str | int | None) -> str | None:
    if text is None:
        return None
    m = _PMID.search(str(text))
    return m.group(0).lstrip("0") or None if m else None


def normalize_pmcid(text: str | None) -> str | None:
    """'PMC5060756', 'pmc 5060756', '5060756' -> 'PMC5060756'."""
    if not text:
        return None
    m = _PMCID.search(str(text))
    return f"PMC{m.group(1)}" if m else None


def _isbn10_ok(d: str) -> bool:
    total = sum((10 - i) * (10 if c in "Xx" else int(c)) for i, c in enumerate(d))
    return total % 11 == 0


def _isbn13_ok(d: str) -> bool:
    return sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(d)) % 10 == 0


def normalize_isbn(text: str | None) -> str | None:
    """Digits (and a final X) of a valid ISBN-10/13, else None."""
    if not text:
        return None
    d = re.sub(r"[^0-9Xx]", "", str(text)).upper()
    if len(d) == 10 and re.fullmatch(r"\d{9}[\dX]", d) and _isbn10_ok(d):
        return d
    if len(d) == 13 and d.isdigit() and _isbn13_ok(d):
        return d
    return None


def split_isbns(text: str) -> list[str]:
    return [m for m in re.findall(r"[\dXx][\dXx -]{8,16}[\dXx]", text or "") if normalize_isbn(m)]


def normalize_issn(text: str | None) -> str | None:
    """'00280836' -> '0028-0836' when the check digit is right, else None."""
    if not text:
        return None
    d = re.sub(r"[^0-9Xx]", "", str(text)).upper()
    if len(d) != 8:
        return None
    total = sum((8 - i) * int(c) for i, c in enumerate(d[:7]))
    check = (11 - total % 11) % 11
    if d[7] != ("X" if check == 10 else str(check)):
        return None
    return f"{d[:4]}-{d[4:]}"
