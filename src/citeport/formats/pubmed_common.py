"""What every PubMed source shares (page text, MEDLINE, PubMed XML): publication types and links.

Tables only; see docs/conventions.md for how the fields land in CSL-JSON.
"""
from __future__ import annotations

#: PubMed publication type (lower case) -> CSL type.  The first match in a
#: record's list wins, in the order of this table; anything else is an article.
PUBLICATION_TYPE_TO_CSL: dict[str, str] = {
    "retraction of publication": "article-journal",
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
    ("EXPIN", "ExpressionOfConcernIn", "Expression of concern in"),
    ("EXPFR", "ExpressionOfConcernFor", "Expression of concern for"),
)
CC_BY_TAG = {tag: reftype for tag, reftype, _ in COMMENTS_CORRECTIONS}
CC_BY_REFTYPE = {reftype: tag for tag, reftype, _ in COMMENTS_CORRECTIONS}
CC_LABEL = {reftype: label for _, reftype, label in COMMENTS_CORRECTIONS}
CC_BY_LABEL = {label.lower(): reftype for _, reftype, label in COMMENTS_CORRECTIONS}


def csl_type(publication_types: list[str] | tuple[str, ...], default: str = DEFAULT_TYPE) -> str:
    """CSL type for a list of PubMed publication types (table order decides)."""
    lowered = {p.strip().lower() for p in publication_types}
    for pt, csl in PUBLICATION_TYPE_TO_CSL.items():
        if pt in lowered:
            return csl
    return default


def comment_note(reftype: str, ref: str, pmid: str | None = None) -> str:
    """The human line for a link: 'Comment in: Health Expect. 2015;18(1):1. PMID: 123'."""
    text = f"{CC_LABEL.get(reftype, reftype)}: {ref}".rstrip()
    if pmid and pmid not in ref:
        text += f" PMID: {pmid}"
    return text
