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
SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "jnr", "jnr.", "snr", "snr.",  # "Jnr": British/Australian
                      "ii", "iii", "iv", "v", "vi", "2nd", "3rd", "4th"))
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


#: Capitalised particles that start a family name written given-first ("Marco De Luca", "Anne-Marie Le Pen",
#: "Aoife Ní Bhriain"): kept in the family name, as a comma form "De Luca, Marco" would be read.
CAPITAL_PARTICLES = frozenset((
    "Van", "Von", "De", "Del", "Della", "Dei", "Di", "Da", "Dal", "Dalla", "Dos", "Das", "Du", "Des", "Ten", "Ter",
    "Le", "La", "Lo", "El", "Al", "Abu", "Ben", "Bin", "Ibn", "St.", "St", "Mac", "Ní", "Nic", "Ó", "Uí",
))
#: Portuguese/Spanish particles that start a family name of two surnames: "Sarah Dos Santos Silva"
IBERIAN_PARTICLES = frozenset(("Dos", "Das", "Do", "Da", "De", "Del"))
#: Conjunctions joining two surnames into one family name: "Ortega y Gasset", "Puig i Cadafalch", "Silva e Sousa"
SURNAME_CONJUNCTIONS = frozenset(("y", "i", "e"))
#: Devotional given names an Iberian compound given name ends with after a particle ("María del Carmen",
#: "Maria do Carmo", "Rita de Cássia", "María de los Ángeles"): that particle starts no family name
GIVEN_NAME_TAILS = frozenset((
    "carmen", "carmo", "jesús", "dios", "lourdes", "lurdes", "fátima", "fatima", "cássia", "cassia", "pilar",
    "rosario", "guadalupe", "montserrat", "socorro", "conceição", "conceicao", "graça", "graca", "graças",
    "gracas", "penha", "glória", "belén", "nazaré", "mar", "los ángeles", "los angeles", "la luz", "la paz",
    "la concepción", "los dolores", "las mercedes", "los remedios", "la asunción", "el mar",
))
_GIVEN_TAIL_PARTICLES = frozenset(("de", "del", "da", "do", "das", "dos"))
#: Vietnamese family names: in "Hung Van Nguyen" Van (Văn) is a middle name, not a particle
VIETNAMESE_FAMILY = frozenset((
    "nguyen", "nguyễn", "tran", "trần", "le", "lê", "pham", "phạm", "hoang", "hoàng", "huynh", "huỳnh", "phan",
    "vu", "vũ", "vo", "võ", "dang", "đặng", "bui", "bùi", "do", "đỗ", "ho", "hồ", "ngo", "ngô", "duong", "dương",
    "ly", "lý", "truong", "trương", "dinh", "đinh", "dao", "đào", "doan", "đoàn", "luong", "lương", "trinh", "trịnh",
    "mai", "cao", "lam", "lâm", "ha", "hà", "ta", "tạ", "quach", "quách", "chu", "thai", "thái", "tong", "tống",
))
#: a word between the first and a particle is a second given name (Maria Helena, José Luis, Jean Marc: far the
#: commonest case) unless it has a surname's shape: hyphenated capitals ("García-Sánchez"), the Spanish patronymic
#: "-ez" ("Fernández"), or one of the commonest Iberian surnames that are never given names.
IBERIAN_SURNAMES = frozenset((
    "garcía", "garcia", "martín", "martin", "ruiz", "díaz", "diaz", "moreno", "muñoz", "munoz", "romero", "navarro",
    "torres", "gil", "serrano", "blanco", "molina", "morales", "ortega", "delgado", "castro", "ortiz", "rubio",
    "marín", "marin", "sanz", "iglesias", "medina", "garrido", "silva", "santos", "ferreira", "pereira", "oliveira",
    "costa", "rodrigues", "martins", "sousa", "souza", "fernandes", "gonçalves", "goncalves", "gomes", "lopes",
    "marques", "alves", "almeida", "ribeiro", "pinto", "carvalho", "teixeira", "moreira", "correia", "mendes",
    "nunes", "soares", "vieira", "monteiro", "cardoso", "rocha", "coelho", "cunha", "pires", "araújo", "araujo",
    "barbosa", "figueiredo", "azevedo", "freitas", "machado", "fonseca", "cabrera", "vargas", "herrera", "aguilar"))


_HYPHENATED_SURNAME = re.compile(r"[A-Z\u00C0-\u00DE][^\s-]+-[A-Z\u00C0-\u00DE]\S+")  # "García-Sánchez"
_PATRONYMIC = re.compile(r"[a-z\u00DF-\u00FF]{2}ez$")  # "Fernández"


def surname_shaped(word: str) -> bool:
    """Whether a capitalised word before a particle is a surname, not a second given name (see IBERIAN_SURNAMES)."""
    return bool(_HYPHENATED_SURNAME.fullmatch(word) or _PATRONYMIC.search(word) or word.lower() in IBERIAN_SURNAMES)


def _lower_particle(word: str) -> bool:
    return word[:1].islower() and word.lower() in PARTICLES


def family_start(words: list[str]) -> int:
    """Index of the first family-name word of a name written given-first (suffix already removed).

    BibTeX's "First von Last" rule (which citation-js and pandoc follow): the family name starts at the first
    lower-case particle, else it is the last word; so "Anne Dupont de Saint-Exupéry" is given "Anne Dupont"
    (undecidable without a comma).  Three refinements that rule lacks: surnames joined by "y"/"i"/"e" are one
    family name ("José Ortega y Gasset"), a capitalised particle not first starts it ("Marco De Luca", but not
    the Vietnamese middle name in "Hung Van Nguyen"), and a surname-shaped word before a particle starts it
    ("Ramón García-Sánchez de León").  A full word between initials and a particle stays given: "M Carmen
    de la Cruz" (María del Carmen) is common, "P Jansen van Vuren" (a surname there) is rarer.
    """
    n = len(words)
    if n < 2:
        return 0
    tail = _given_name_tail(words)
    if tail:  # "María del Carmen Ruiz Moreno": the rest is read as a name of its own
        return tail - 1 + family_start(words[:1] + words[tail:])
    i = n - 1
    for k, w in enumerate(words[:-1]):  # inline, no next(genexpr): this runs for every given-first name
        if w[:1].islower() and w.lower() in PARTICLES:
            i = k
            break
    if n >= 4 and words[-2] in SURNAME_CONJUNCTIONS and words[-3][:1].isupper() and words[-1][:1].isupper():
        i = min(i, n - 3)  # "José Ortega y Gasset": both surnames
    elif 2 <= i < n - 1:  # a lower-case particle after two or more words
        i = next((k for k in range(1, i) if surname_shaped(words[k])), i)
    elif i == n - 1:  # no lower-case particle
        for k in range(1, n - 1):
            rest = words[k + 1:]
            if words[k] not in CAPITAL_PARTICLES:
                continue
            if len(rest) == 1 and words[k] in ("Van", "Le") and rest[0].lower() in VIETNAMESE_FAMILY:
                continue
            if (len(rest) == 1 or all(w in CAPITAL_PARTICLES or _lower_particle(w) for w in rest[:-1])
                    or (len(rest) == 2 and words[k] in IBERIAN_PARTICLES and rest[0][:1].isupper())):
                return k
    while 1 <= i - 1 and i < n - 1 and words[i - 1] in CAPITAL_PARTICLES:  # "Jan Van den Bossche"
        i -= 1
    return i


def _given_name_tail(words: list[str]) -> int:
    """Index of the word after "del Carmen" / "de los Ángeles" when the first given name is followed by a devotional
    given name (GIVEN_NAME_TAILS) and a family name; else 0."""
    if len(words) < 4 or words[1] not in _GIVEN_TAIL_PARTICLES:
        return 0
    for size in (2, 1):
        if len(words) > 2 + size and " ".join(words[2:2 + size]).lower() in GIVEN_NAME_TAILS:
            return 2 + size
    return 0


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
    i = family_start(words)
    particle, family = _split_particle(" ".join(words[i:]))
    return _name(family, " ".join(words[:i]), suffix, particle)


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
