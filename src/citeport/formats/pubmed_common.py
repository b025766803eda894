"""What every PubMed source shares (page text, MEDLINE, PubMed XML): publication types and links.

Tables only; see docs/conventions.md for how the fields land in CSL-JSON.
"""
from __future__ import annotations

#: PubMed publication type (lower case) -> CSL type.  The first match in a
#: record's list wins, in the order of this table; anything else is an article.
PUBLICATION_TYPE_TO_CSL: dict[str, str] = {
    "retraction of publication": "article-journal",
    "journal articles": "article-journal",  # ERIC's types (ERIC exports MEDLINE syntax too)
    "dissertations/theses - doctoral dissertations": "thesis",
    "dissertations/theses - masters theses": "thesis",
    "books": "book",
    "reports - research": "report",
    "reports - evaluative": "report",
    "reports - descriptive": "report",
    "preprint": "article",
    "dataset": "dataset",
    "book": "book",
    "book chapter": "chapter",
    "congress": "paper-conference",
    "consensus development conference": "paper-conference",
    "consensus development conference, nih": "paper-conference",
    "technical report": "report",
    "government publication": "report",
    "legislation": "legislation",
    "patent": "patent",
    "newspaper article": "article-newspaper",
    "webcast": "broadcast",
    "interview": "interview",
    "dictionary": "entry-dictionary",
    "encyclopedias": "entry-encyclopedia",
    "letter": "article-journal",
    "review": "article-journal",
    "journal article": "article-journal",
}
DEFAULT_TYPE = "article-journal"

#: CSL type -> the publication type to write when a record has none (MEDLINE PT, PubMed XML).
CSL_TO_PUBLICATION_TYPE: dict[str, str] = {
    "article-journal": "Journal Article",
    "article": "Preprint",
    "dataset": "Dataset",
    "book": "Book",
    "chapter": "Book Chapter",
    "paper-conference": "Congress",
    "report": "Technical Report",
    "legislation": "Legislation",
    "patent": "Patent",
    "article-newspaper": "Newspaper Article",
    "broadcast": "Webcast",
    "interview": "Interview",
}

#: Comment/correction link types: MEDLINE tag <-> PubMed XML RefType <-> the label PubMed pages print.
COMMENTS_CORRECTIONS: tuple[tuple[str, str, str], ...] = (
    ("CIN", "CommentIn", "Comment in"),
    ("CON", "CommentOn", "Comment on"),
    ("EIN", "ErratumIn", "Erratum in"),
    ("EFR", "ErratumFor", "Erratum for"),
    ("CRI", "CorrectedandRepublishedIn", "Corrected and republished in"),
    ("CRF", "CorrectedandRepublishedFrom", "Corrected and republished from"),
    ("PRIN", "PartialRetractionIn", "Partial retraction in"),
    ("PROF", "PartialRetractionOf", "Partial retraction of"),
    ("RPI", "RepublishedIn", "Republished in"),
    ("RPF", "RepublishedFrom", "Republished from"),
    ("RIN", "RetractionIn", "Retraction in"),
    ("ROF", "RetractionOf", "Retraction of"),
    ("UIN", "UpdateIn", "Update in"),
    ("UOF", "UpdateOf", "Update of"),
    ("SPIN", "SummaryForPatientsIn", "Summary for patients in"),
    ("ORI", "OriginalReportIn", "Original report in"),
    # Spellings some tools wrote before NLM's ECI/ECF; read, never written (the later row wins below).
    ("EXPIN", "ExpressionOfConcernIn", "Expression of concern in"),
    ("EXPFR", "ExpressionOfConcernFor", "Expression of concern for"),
    ("ECI", "ExpressionOfConcernIn", "Expression of concern in"),
    ("ECF", "ExpressionOfConcernFor", "Expression of concern for"),
    ("RRI", "RetractedandRepublishedIn", "Retracted and republished in"),
    ("RRF", "RetractedandRepublishedFrom", "Retracted and republished from"),
)
#: RefTypes with no MEDLINE tag: their label for notes and page text (the link itself is kept as data).
CC_EXTRA_LABELS = {"ReprintIn": "Reprint in", "ReprintOf": "Reprint of", "Cites": "Cites",
                   "AssociatedDataset": "Associated dataset", "AssociatedPublication": "Associated publication"}
#: RefTypes that are data, not a human note (a record may cite hundreds of works).
CC_NOT_NOTED = frozenset(("Cites",))
CC_BY_TAG = {tag: reftype for tag, reftype, _ in COMMENTS_CORRECTIONS}
CC_BY_REFTYPE = {reftype: tag for tag, reftype, _ in COMMENTS_CORRECTIONS}
CC_LABEL = {**CC_EXTRA_LABELS, **{reftype: label for _, reftype, label in COMMENTS_CORRECTIONS}}
CC_BY_LABEL = {label.lower(): reftype for reftype, label in CC_LABEL.items() if reftype not in CC_NOT_NOTED}


#: PUBLICATION_TYPE_TO_CSL with each entry's place in the table (the record's few types are looked up).
_PT_RANK = {pt: (rank, csl) for rank, (pt, csl) in enumerate(PUBLICATION_TYPE_TO_CSL.items())}


def csl_type(publication_types: list[str] | tuple[str, ...], default: str = DEFAULT_TYPE) -> str:
    """CSL type for a list of PubMed publication types (table order decides)."""
    best = None
    for pt in publication_types:  # a loop, not min() over a set: one or two types a record
        rank = _PT_RANK.get(pt.strip().lower())
        if rank is not None and (best is None or rank < best):
            best = rank
    return best[1] if best else default


def comment_note(reftype: str, ref: str, pmid: str | None = None) -> str:
    """The human line for a link: 'Comment in: Health Expect. 2015;18(1):1. PMID: 123'."""
    text = f"{CC_LABEL.get(reftype, reftype)}: {ref}".rstrip()
    if pmid and pmid not in ref:
        text += f" PMID: {pmid}"
    return text


# ---------------------------------------------------------------------------
# Shared by the MEDLINE and PubMed XML readers (and their writers).

import re as _re

from ..model.text import strip_final_period

#: MEDLINE IS / PubMed XML IssnType -> the kind in ``custom.issn``.
ISSN_KINDS: dict[str, str] = {"print": "print", "electronic": "electronic", "linking": "linking",
                              "undetermined": "print"}

#: PHST / PubMedPubDate status -> the key in ``custom.history`` (already the same words; kept as data
#: so that odd spellings map to one key).
HISTORY_KEYS: dict[str, str] = {
    "received": "received", "revised": "revised", "accepted": "accepted", "aheadofprint": "aheadofprint",
    "epublish": "epublish", "ppublish": "ppublish", "ecollection": "ecollection", "pubmed": "pubmed",
    "medline": "medline", "entrez": "entrez", "pmc": "pmc", "pmc-release": "pmc-release",
    "pmcr": "pmc-release", "retracted": "retracted", "premedline": "premedline",
}

#: A section label: capitals, also accented ones ('MÉTODOS', 'RÉSULTATS' in an OtherAbstract).
_LABEL = _re.compile(r"(?<=[.?!)\]]) +(?=[A-Z\u00C0-\u00D6\u00D8-\u00DE][A-Z\u00C0-\u00D6\u00D8-\u00DE0-9 ,&/()'-]{2,60}: )")
_ORCID = _re.compile(r"(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dXx])")


def split_abstract_labels(text: str) -> str:
    """A MEDLINE AB with inline section labels ('BACKGROUND: ... METHODS: ...') -> one section a line.

    PubMed XML has the sections as separate AbstractText elements; the convention joins them
    with newlines, so the MEDLINE form is split the same way.
    """
    if ": " not in text:
        return text
    return _LABEL.sub("\n", text)


def mesh_string(descriptor: str, descriptor_major: bool, qualifiers: list[tuple[str, bool]]) -> str:
    """The MEDLINE MH form of a MeSH heading: '*Heading/qualifier/*major qualifier'."""
    head = ("*" if descriptor_major else "") + descriptor
    return "/".join([head, *(("*" if major else "") + q for q, major in qualifiers)])


def grant_string(grant_id: str | None, acronym: str | None, agency: str | None, country: str | None) -> str:
    """The MEDLINE GR form: 'R01 AI012345/AI/NIAID NIH HHS/United States'."""
    return "/".join(p.strip() for p in (grant_id, acronym, agency, country) if p and p.strip())


def normalize_orcid(text: str | None) -> str | None:
    """'ORCID: https://orcid.org/0000-0002-3012-7446', '0000000230127446' -> '0000-0002-3012-7446'."""
    if not text:
        return None
    m = _ORCID.search(text.replace(" ", ""))
    if not m:
        return None
    d = m.group(1).replace("-", "").upper()
    return f"{d[:4]}-{d[4:8]}-{d[8:12]}-{d[12:]}"


#: The place right after a lone capital (an initial): a literal "." goes there.  Zero-width, so
#: re.sub() needs no template expansion (in Python < 3.12 that runs in Python, once per match).
_AFTER_INITIAL = _re.compile(r"(?<=(?<![\w.])[A-Z\u00C0-\u00DE])(?=\s|$|-)")


def dot_initials(given: str) -> str:
    """'Daniel S' -> 'Daniel S.', 'M J' -> 'M. J.' (FAU writes initials without dots)."""
    return _AFTER_INITIAL.sub(".", given) if given else given


def undot_initials(given: str) -> str:
    """The MEDLINE FAU form again: 'Daniel S.' -> 'Daniel S', 'M. J.' -> 'M J'."""
    return _re.sub(r"(?<![\w.])([A-Z\u00C0-\u00DE])\.", r"\1", given).strip() if given else given


def clean_title(title: str) -> str:
    """PubMed's title conventions undone: the added final period, the brackets of a translated title."""
    return translated_title(title)[0]


#: '[In Process Citation]': a status marker older PubMed records still carry after the title (MEDLINE TI and
#: XML ArticleTitle alike); not part of the title.
_IN_PROCESS = _re.compile(r"\s*\[In[- ]Process Citation\]\.?\s*$", _re.I)


def translated_title(title: str) -> tuple[str, bool]:
    """clean_title(), and whether the title was bracketed: PubMed's mark of an English translation of a
    non-English title (``custom.title-translated``, as the page-text reader sets it)."""
    t = title.strip()
    if t.endswith(("]", "].")) and "Process" in t:  # cheap test first: this runs once a record
        t = _IN_PROCESS.sub("", t)
    bracketed = False
    if t.startswith("[") and (t.endswith("].") or t.endswith("]")):
        end = t.rindex("]")
        if closing_bracket(t) == end:  # one bracketed title (with '[corrected]' inside), not '[A] and [B]'
            t, bracketed = t[1:end], True
    return strip_final_period(t), bracketed


def closing_bracket(text: str) -> int:
    """The index of the ']' that closes the '[' at text[0] (nesting counted); -1 when none does."""
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == "[") - (ch == "]")
        if depth == 0:
            return k if ch == "]" else -1
    return -1


#: OtherAbstract Type values (PubMed DTD); MEDLINE OAB writes the type first: 'OAB - Publisher: ...'.
OTHER_ABSTRACT_TYPES = ("Publisher", "AAMC", "AIDS", "KIE", "NASA", "PIP", "plain-language-summary")
_OAB_TYPE = _re.compile(r"^(%s):\s*" % "|".join(map(_re.escape, OTHER_ABSTRACT_TYPES)))


def other_abstract_text(text: str) -> str:
    """An OAB / OtherAbstract value as ``custom.other-abstract`` holds it: the usual 'Publisher: ' dropped
    (as the page text shows it), any rarer type kept in front ('KIE: ...')."""
    return text[len("Publisher: "):].lstrip() if text.startswith("Publisher: ") else text


def other_abstract_oab(text: str) -> str:
    """The MEDLINE OAB value again: the type in front ('Publisher: ' unless the text names another)."""
    return text if _OAB_TYPE.match(text) else f"Publisher: {text}"


#: MEDLINE's ASCII spellings of a registered-trademark sign ('GeneReviews((R))', 'GeneReviews(R)').
_REGISTERED = _re.compile(r"(?<=[A-Za-z])\(?\(R\)\)?(?![A-Za-z])")


def registered_sign(text: str) -> str:
    """'GeneReviews((R))' -> 'GeneReviews®': MEDLINE's form of the sign the page and the XML show."""
    return _REGISTERED.sub("\u00ae", text) if "(R)" in text else text


#: The key order of the items the PubMed readers make (only for readable CSL-JSON).
KEY_ORDER = ("id", "type", "title", "original-title", "author", "editor", "container-author", "container-title",
             "container-title-short", "issued", "available-date", "volume", "issue", "page", "DOI", "PMID",
             "PMCID", "ISSN", "ISBN", "language", "abstract", "keyword", "publisher", "publisher-place", "note")


def key_order(keys: tuple) -> tuple:
    """*keys* in KEY_ORDER first, then the others in their own order, ``custom`` last."""
    known = [k for k in KEY_ORDER if k in keys]
    return (*known, *(k for k in keys if k not in known and k != "custom"), *(("custom",) if "custom" in keys else ()))


#: An item's keys as it was built -> key_order() of them, or () when that changes nothing: records of
#: one reader share a few dozen key sets, so the order is worked out once a set, not once an item.
_ORDERS: dict[tuple, tuple] = {}


def ordered_item(item: dict) -> dict:
    """The item with its keys in KEY_ORDER first (``custom`` last); *item* itself when already so."""
    keys = tuple(item)
    order = _ORDERS.get(keys)
    if order is None:
        order = key_order(keys)
        if order == keys:
            order = ()
        if len(_ORDERS) < 4096:  # bounded: odd inputs may have many key sets
            _ORDERS[keys] = order
    if not order:
        return item
    return {k: item[k] for k in order}
