"""Undo what the place a PubMed page was pasted into did to it, before the page is read.

Real copies travel: quoted in a forwarded e-mail ("> " on every line, "> > " in a reply of a reply),
dumped by a text browser (lynx numbers every link "[4]Lancet Neurol" and lists the addresses under
"References"), printed and OCR'd (ligatures "ﬁ"), or machine-translated (Google Translate turns
"Abstract" into "Résumé" and "Keywords:" into "Mots-clés :").  Each step here is a rule about how
that tool writes, applied only when the text shows that tool's mark; line numbers never change.
"""
from __future__ import annotations

import re

#: e-mail / Markdown quoting: one or more ">" (with or without a space between them)
_QUOTE = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?")
#: lynx's link list at the foot of a dump: a heading, then "  1. https://..." entries
_LINK_LIST_HEADING = re.compile(r"^\s*(?:References|Visible links|Hidden links|Links)\s*:?\s*$", re.I)
_LINK_ENTRY = re.compile(r"^\s*\d{1,4}\.\s+(?:https?|ftp|file|mailto):\S*\s*$", re.I)
#: lynx's link number glued to the link text: "[4]Lancet Neurol", "doi: [5]10.1016/..."
_LINK_MARK = re.compile(r"\[\d{1,4}\](?=\S)")

#: typographic ligatures of PDF text and OCR, spelled out
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})

#: the page's headings as a machine translation of the page prints them (French, Spanish, Portuguese,
#: German, Italian), lower case -> PubMed's English heading
TRANSLATED_HEADINGS = {
    "résumé": "Abstract", "resume": "Abstract", "resumen": "Abstract", "resumo": "Abstract",
    "zusammenfassung": "Abstract", "abstrakt": "Abstract", "riassunto": "Abstract", "sommario": "Abstract",
    "affiliations": "Affiliations", "afiliaciones": "Affiliations", "afiliações": "Affiliations",
    "zugehörigkeiten": "Affiliations", "affiliazioni": "Affiliations",
    "informations sur l'auteur": "Author information", "information sur l'auteur": "Author information",
    "información del autor": "Author information", "informação do autor": "Author information",
    "informações do autor": "Author information", "autoreninformationen": "Author information",
    "informazioni sull'autore": "Author information",
    "articles similaires": "Similar articles", "artículos similares": "Similar articles",
    "artigos semelhantes": "Similar articles", "ähnliche artikel": "Similar articles",
    "articoli simili": "Similar articles",
    "cité par": "Cited by", "citado por": "Cited by", "zitiert von": "Cited by", "citato da": "Cited by",
    "références": "References", "referencias": "References", "referências": "References",
    "literaturverzeichnis": "References", "riferimenti": "References",
    "types de publication": "Publication types", "tipos de publicación": "Publication types",
    "tipos de publicação": "Publication types", "publikationstypen": "Publication types",
    "termes mesh": "MeSH terms", "términos mesh": "MeSH terms", "termos mesh": "MeSH terms",
    "mesh-begriffe": "MeSH terms", "termini mesh": "MeSH terms",
}
#: translated "Keywords:" labels (French puts a space before the colon)
_TRANSLATED_KEYWORDS = re.compile(r"^(?:mots[- ]cl[ée]s|palabras[- ]clave|palavras[- ]chave|schl[üu]sselw[öo]rter|"
                                  r"stichw[öo]rter|parole chiave)\s*:\s*", re.I)
#: "PMID : 31535829" (French typography) -> "PMID: 31535829"
_SPACED_ID = re.compile(r"^(PMID|PMCID|DOI|NIHMSID)\s+:\s*", re.I)


def unquote(lines: list[str]) -> list[str]:
    """Strip e-mail quoting when it carries the page: five quoted lines or more, and at least 40% of the
    text's non-blank lines (a stray "> 65 years" line of an abstract is not quoting)."""
    nonblank = [ln for ln in lines if ln.strip()]
    quoted = [ln for ln in nonblank if _QUOTE.match(ln)]
    if len(quoted) < 5 or len(quoted) < 0.4 * len(nonblank):
        return lines
    return [_QUOTE.sub("", ln, count=1) if _QUOTE.match(ln) else ln for ln in lines]


def unlynx(lines: list[str]) -> list[str]:
    """A lynx dump: drop its link list (the foot, "References" + numbered addresses) and the "[n]" link
    numbers glued to the text.  Only when such a link list is there: "[1]" in an abstract stays."""
    foot = None
    for i, ln in enumerate(lines):
        if _LINK_LIST_HEADING.match(ln):
            entries = [x for x in lines[i + 1:] if x.strip()]
            if entries and sum(1 for x in entries if _LINK_ENTRY.match(x) or _LINK_LIST_HEADING.match(x)) \
                    == len(entries):
                foot = i
                break
    if foot is None:
        return lines
    return [_LINK_MARK.sub("", ln) if k < foot else "" for k, ln in enumerate(lines)]


def untranslate(lines: list[str]) -> list[str]:
    """A machine-translated page: its headings, "Keywords:" label and "PMID :" back in PubMed's English.
    Headings are translated only when the page has no English "Abstract" heading (PubMed's own pages show
    a Spanish abstract under "Abstract" with an "in English, Spanish" switch)."""
    english = any(ln.strip().lower() == "abstract" for ln in lines)
    out = []
    for ln in lines:
        s = ln.strip()
        low = s.lower().rstrip(":").strip()
        if not english and low in TRANSLATED_HEADINGS:
            ln = TRANSLATED_HEADINGS[low]
        elif _TRANSLATED_KEYWORDS.match(s):
            ln = "Keywords: " + _TRANSLATED_KEYWORDS.sub("", s).replace(" ;", ";")
        elif _SPACED_ID.match(s):
            ln = _SPACED_ID.sub(lambda m: m.group(1) + ": ", s)
        out.append(ln)
    return out


def unpaste(lines: list[str]) -> list[str]:
    """All of the above, in the order the tools were applied last-first (quoting wraps everything)."""
    return untranslate(unlynx(unquote(lines)))
