"""Citation keys: stable, readable, unique (``owens2015creating``).

The key is the first author's (or editor's) family name folded to ASCII, the
year, and the first significant word of the title; a clash within one output
gets ``a``, ``b``, ``c``... appended, in input order, so the same input always
gives the same keys.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model.dates import year_of
from ..model.text import letter_suffix, strip_markup

#: Words that never make a key (articles, prepositions, conjunctions in common languages).
STOPWORDS = frozenset("""
a an the of on in at to for from by with and or but as into onto about over under via vs versus
is are was were be its it this that these those how what why when which who whom do does can
der die das ein eine einer eines und oder von zu zur zum mit im am auf fur uber
le la les un une des du de et ou en au aux pour par sur dans
el los las unos unas del y o para por con al
il lo gli uno di da per
""".split())

_KEY_SAFE = re.compile(r"[^A-Za-z0-9]+")
#: What BibTeX (and biber) accept in a key without trouble.
VALID_KEY = re.compile(r"^[A-Za-z0-9_:./+\-]+$")


def ascii_fold(text: str) -> str:
    """'Müller-Łukasz' -> 'MullerLukasz' (letters and digits only)."""
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe").replace("đ", "d").replace("ı", "i")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _KEY_SAFE.sub("", folded)


def base_key(item: dict[str, Any]) -> str:
    """The key before clash suffixes: ``owens2015creating``."""
    names = item.get("author") or item.get("editor") or []
    who = ""
    if names:
        first = names[0]
        who = first.get("family") or first.get("literal") or ""
        if "literal" in first and not first.get("family"):
            who = who.split()[0] if who.split() else ""
    who = ascii_fold(who).lower() or "anon"
    year = year_of(item.get("issued"))
    word = ""
    for token in re.split(r"[\s\-–—/:]+", strip_markup(str(item.get("title") or ""))):
        folded = ascii_fold(token).lower()
        if folded and folded not in STOPWORDS:
            word = folded
            break
    return f"{who}{year or ''}{word}"



class KeyMaker:
    """Hands out unique keys for one output file.

    ``keep=True`` reuses a record's own ``citation-key`` (a BibTeX file read
    and written back keeps its keys); otherwise keys are generated.
    """

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.used: set[str] = set()
        self._next: dict[str, int] = {}  # base key -> the first suffix not yet known to be taken

    def key(self, item: dict[str, Any]) -> str:
        own = str(item.get("citation-key") or "")
        if self.keep and own and VALID_KEY.match(own) and own.lower() not in self.used:
            self.used.add(own.lower())
            return own
        ident = str(item.get("id") or "")
        if self.keep and own and ident != own and VALID_KEY.match(ident) and ident.lower() not in self.used:
            # a key repeated in the file read (ResearchGate names every entry "article"): the reader's
            # unique id for the record ("article-2"), so that the file reads back to the same ids
            self.used.add(ident.lower())
            return ident
        base = base_key(item)
        # Suffixes below _next[base] were all taken when handed out, and keys are never given back:
        # start there, so a file with many clashing keys costs no more than one without.
        candidate, n = base, self._next.get(base, 0)
        if n:
            candidate = base + letter_suffix(n - 1)
        while candidate.lower() in self.used:
            candidate = base + letter_suffix(n)
            n += 1
        self._next[base] = n
        self.used.add(candidate.lower())
        return candidate
