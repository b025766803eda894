"""Person and organisation names as CSL name objects.

CSL names are ``{"family", "given", "suffix", "non-dropping-particle",
"dropping-particle"}`` or ``{"literal"}`` for organisations and anything
that must not be split.
"""
from __future__ import annotations

import re
from typing import Any

Name = dict[str, Any]

#: Lower-case words that start a family name ("van der Berg", "de la Cruz").
PARTICLES = frozenset((
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du",
    "la", "le", "les", "lo", "ten", "ter", "te", "op", "het", "'t", "zu", "zur", "vom",
    "af", "al", "el", "bin", "ibn", "y", "d'", "l'", "de'", "st.", "mac",
))
SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "vi", "2nd", "3rd", "4th"))
#: Words that mark an organisation rather than a person.
ORG_WORDS = re.compile(
    # plurals too: "Centers for Disease Control and Prevention", "Royal College of Physicians"
    r"\b(groups?|consorti(um|a)|committees?|collaborat\w*|associations?|societ(y|ies)|institutes?|"
    r"organi[sz]ations?|councils?|networks?|teams?|investigators|working|study|trial|"
    r"departments?|universit(y|ies)|foundations?|agenc(y|ies)|board|federation|centres?|centers?|office|"
    r"ministry|inc|ltd|corporation|program(me)?|project|initiative|panel|alliance|"
    r"academy|commission|colleges?|hospitals?|services|authors?)\b",
    re.I,
)
_INITIALS = re.compile(r"^[A-Z\u00C0-\u024F]{1,4}$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def is_suffix(word: str) -> bool:
    return word.lower().rstrip(",") in SUFFIXES


def looks_like_organisation(text: str) -> bool:
    return bool(ORG_WORDS.search(text)) or len(text.split()) > 5


def _split_particle(family: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'); 'Berg' -> ('', 'Berg')."""
    words = family.split(" ")
    i = 0
    while i < len(words) - 1 and words[i].lower() in PARTICLES and words[i][:1].islower():
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def _name(family: str, given: str = "", suffix: str = "", particle: str = "") -> Name:
    out: Name = {"family": family.strip()}
    if given.strip():
        out["given"] = given.strip()
    if particle:
        out["non-dropping-particle"] = particle
    if suffix:
        out["suffix"] = suffix
    return out


def parse_name(text: str, *, organisation: bool | None = None) -> Name:
    """Parse a personal name written "Family, Given[, Suffix]" or "Given Family".

    ``organisation=True`` (or a brace-protected / institution-like string when
    None) returns ``{"literal": ...}``.
    """
    s = re.sub(r"\s+", " ", text).strip().strip(";")
    if not s:
        return {"literal": ""}
    if organisation or (organisation is None and "," not in s and looks_like_organisation(s)):
        return {"literal": s}
    if _CJK.search(s) and " " not in s and "," not in s:
        # East Asian names written without a separator: family name is the first character
        # (two for the common compound surnames is a guess we do not make).
        return {"family": s[0], "given": s[1:]} if len(s) > 1 else {"literal": s}
    if "," in s:
        parts = [p.strip() for p in s.split(",")]
        family = parts[0]
        rest = [p for p in parts[1:] if p]
        suffix = ""
        if len(rest) >= 2 and is_suffix(rest[0]):  # "Smith, Jr., John" (BibTeX order)
            suffix, given = rest[0], ", ".join(rest[1:])
        elif len(rest) >= 2 and is_suffix(rest[-1]):
            suffix, given = rest[-1], ", ".join(rest[:-1])
        elif len(rest) == 1 and is_suffix(rest[0]):
            suffix, given = rest[0], ""
        else:
            given = ", ".join(rest)
        particle, family = _split_particle(family)
        # Particles after the given names ("Beethoven, Ludwig van", "Koning, A. P. de") are what CSL
        # calls dropping particles: the writer chose the inverted form that puts them last, and
        # citeproc-js reads a given name's trailing particles the same way.
        gwords = given.split(" ")
        j = len(gwords)
        while j > 0 and gwords[j - 1].lower() in PARTICLES and gwords[j - 1][:1].islower():
            j -= 1
        dropping = ""
        if 0 < j < len(gwords):
            dropping = " ".join(gwords[j:])
            given = " ".join(gwords[:j])
        name = _name(family, given, suffix, particle)
        if dropping:
            name["dropping-particle"] = dropping
        return name
    words = s.split(" ")
    suffix = ""
    if len(words) > 1 and is_suffix(words[-1]):
        suffix = words.pop()
    if len(words) == 1:
        return _name(words[0], suffix=suffix)
    # Given names run until the first lower-case particle or the last word.
    i = 0
    while i < len(words) - 1 and not (words[i].lower() in PARTICLES and words[i][:1].islower()):
        i += 1
    given = " ".join(words[:i]) if i < len(words) - 1 else " ".join(words[:-1])
    family_words = words[i:] if i < len(words) - 1 else words[-1:]
    particle, family = _split_particle(" ".join(family_words))
    return _name(family, given, suffix, particle)


def parse_pubmed_short(text: str) -> Name:
    """PubMed's short author form "Owens J", "van der Berg JA", "Smith JR Jr"."""
    s = re.sub(r"\s+", " ", text).strip().rstrip(".,")
    words = s.split(" ")
    suffix = ""
    # A suffix follows the initials ("Smith JR Jr"); in "van der Merwe V" the V is an initial.
    # In capitals (old records) "LE GALL JR" is family "LE GALL", initials JR: a 3+ letter word is no initials.
    if (len(words) > 2 and is_suffix(words[-1]) and _INITIALS.match(words[-2])
            and not (words[-1].isupper() and len(words[-2]) >= 3)):
        suffix = words.pop()
    if len(words) >= 2 and _INITIALS.match(words[-1]):
        initials = words.pop()
        given = " ".join(f"{c}." for c in initials)
        particle, family = _split_particle(" ".join(words))
        name = _name(family, given, suffix, particle)
        name["given"] = given  # keep dotted initials, as Zotero and citation-js do
        return name
    if looks_like_organisation(s) or len(words) == 1:
        return {"literal": s} if len(words) > 1 else _name(s)
    return parse_name(s)


def initials(given: str, *, dots: bool = False) -> str:
    """'John Ronald' -> 'JR' ('J.R.' with dots); hyphens kept ('Jean-Paul' -> 'J-P')."""
    out = []
    for word in re.split(r"\s+", given.replace(".", " ").strip()):
        if not word:
            continue
        pieces = word.split("-")
        letters = "-".join(p[:1] for p in pieces if p)
        out.append(letters + ("." if dots else ""))
    return "".join(out)


#: The keys of a CSL name object that name formats hold; others ("parse-names", "comma-suffix",
#: "static-ordering") are flags for citeproc that a tagged format has no place for.
NAME_PARTS = frozenset(("family", "given", "suffix", "non-dropping-particle", "dropping-particle", "literal"))


def extra_name_parts(names: Any, known: frozenset[str] = NAME_PARTS) -> list[str]:
    """The keys of the name objects in *names* beyond *known*, sorted (what a writer must report)."""
    if not names:  # writers ask for every name variable; most are absent
        return []
    return sorted({k for n in names or [] if isinstance(n, dict) for k in n} - known)


def family_given(name: Name) -> str:
    """"Family, Given, Suffix" (RIS/MEDLINE FAU order); literal names as they are."""
    if "literal" in name:
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    parts = [family]
    if given:
        parts.append(given)
    if name.get("suffix"):
        parts.append(name["suffix"])
    return ", ".join(parts)


def display(name: Name) -> str:
    """"Given Family Suffix" for human-facing text."""
    if "literal" in name:
        return name["literal"]
    bits = [name.get("given"), name.get("dropping-particle"), name.get("non-dropping-particle"), name.get("family")]
    text = " ".join(b for b in bits if b)
    if name.get("suffix"):
        text += f" {name['suffix']}"
    return text
