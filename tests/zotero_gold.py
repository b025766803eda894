"""Zotero items (the gold in ``*.expected.zotero.json``) mapped to CSL-JSON, for comparisons.

The tables follow Zotero's own item-type and field mapping to CSL (its
``csl-mappings``), so a disagreement with citeport is about the record, not
about two naming schemes.
"""
from __future__ import annotations

import re
from typing import Any

from citeport.model.dates import parse_date
from citeport.model.languages import to_bcp47

ITEM_TYPES = {
    "journalArticle": "article-journal", "magazineArticle": "article-magazine",
    "newspaperArticle": "article-newspaper", "book": "book", "bookSection": "chapter",
    "thesis": "thesis", "report": "report", "conferencePaper": "paper-conference",
    "webpage": "webpage", "blogPost": "post-weblog", "forumPost": "post", "patent": "patent",
    "statute": "legislation", "bill": "bill", "case": "legal_case", "hearing": "bill",
    "manuscript": "manuscript", "map": "map", "film": "motion_picture", "artwork": "graphic",
    "audioRecording": "song", "videoRecording": "motion_picture", "tvBroadcast": "broadcast",
    "radioBroadcast": "broadcast", "podcast": "song", "interview": "interview", "letter": "personal_communication",
    "email": "personal_communication", "instantMessage": "personal_communication",
    "presentation": "speech", "computerProgram": "software", "dictionaryEntry": "entry-dictionary",
    "encyclopediaArticle": "entry-encyclopedia", "document": "document", "dataset": "dataset",
    "preprint": "article", "standard": "standard", "note": "document",
}
#: Zotero field -> CSL variable (base fields and their type-specific aliases).
FIELDS = {
    "title": "title", "caseName": "title", "nameOfAct": "title", "subject": "title",
    "abstractNote": "abstract", "publicationTitle": "container-title", "bookTitle": "container-title",
    "proceedingsTitle": "container-title", "websiteTitle": "container-title", "blogTitle": "container-title",
    "encyclopediaTitle": "container-title", "dictionaryTitle": "container-title", "forumTitle": "container-title",
    "programTitle": "container-title", "reporter": "container-title", "code": "container-title",
    "journalAbbreviation": "container-title-short", "shortTitle": "title-short",
    "volume": "volume", "codeVolume": "volume", "reporterVolume": "volume",
    "issue": "issue", "pages": "page", "codePages": "page", "firstPage": "page",
    "numPages": "number-of-pages", "numberOfVolumes": "number-of-volumes", "edition": "edition",
    "series": "collection-title", "seriesTitle": "collection-title", "seriesNumber": "collection-number",
    "publisher": "publisher", "university": "publisher", "institution": "publisher", "company": "publisher",
    "label": "publisher", "distributor": "publisher", "studio": "publisher", "court": "authority",
    "legislativeBody": "authority", "issuingAuthority": "authority",
    "place": "publisher-place", "language": "language", "DOI": "DOI", "ISSN": "ISSN", "ISBN": "ISBN",
    "url": "URL", "archive": "archive", "repository": "publisher", "archiveLocation": "archive_location",
    "callNumber": "call-number", "rights": "license", "section": "section", "reportNumber": "number",
    "billNumber": "number", "patentNumber": "number", "docketNumber": "number", "publicLawNumber": "number",
    "documentNumber": "number", "applicationNumber": "number", "versionNumber": "version",
    "reportType": "genre", "thesisType": "genre", "manuscriptType": "genre", "letterType": "genre",
    "websiteType": "genre", "mapType": "genre", "genre": "genre", "conferenceName": "event-title",
    "medium": "medium", "artworkMedium": "medium", "videoRecordingFormat": "medium",
    "audioRecordingFormat": "medium", "scale": "scale", "runningTime": "dimensions",
    "artworkSize": "dimensions", "PMID": "PMID", "PMCID": "PMCID", "country": "jurisdiction",
}
DATE_FIELDS = {"date": "issued", "dateDecided": "issued", "dateEnacted": "issued", "issueDate": "issued",
               "accessDate": "accessed", "filingDate": "submitted"}
CREATOR_TYPES = {
    "author": "author", "editor": "editor", "seriesEditor": "collection-editor", "translator": "translator",
    "bookAuthor": "container-author", "director": "director", "interviewer": "interviewer",
    "recipient": "recipient", "reviewedAuthor": "reviewed-author", "composer": "composer",
    "inventor": "author", "programmer": "author", "artist": "author", "sponsor": "author",
    "cartographer": "author", "performer": "author", "presenter": "author", "podcaster": "author",
    "interviewee": "author", "contributor": "contributor", "castMember": "performer",
    "producer": "producer", "scriptwriter": "script-writer", "guest": "guest",
}
_EXTRA_ID = re.compile(r"^(PMID|PMCID|DOI|ISSN|Original Date|Publisher|Type):\s*(.+)$", re.I | re.M)


def zotero_to_csl(z: dict[str, Any]) -> dict[str, Any]:
    """Map one Zotero item to CSL-JSON (the variables a comparison looks at)."""
    out: dict[str, Any] = {"type": ITEM_TYPES.get(z.get("itemType", ""), "document")}
    for field, value in z.items():
        if field in FIELDS and value not in (None, ""):
            out.setdefault(FIELDS[field], str(value))
        elif field in DATE_FIELDS and value:
            out[DATE_FIELDS[field]] = parse_date(str(value))
    for creator in z.get("creators", []):
        role = CREATOR_TYPES.get(creator.get("creatorType", "author"), "author")
        if "name" in creator or creator.get("fieldMode") == 1:
            name = {"literal": creator.get("name") or creator.get("lastName", "")}
        else:
            name = {k: v for k, v in (("family", creator.get("lastName")), ("given", creator.get("firstName"))) if v}
        out.setdefault(role, []).append(name)
    for m in _EXTRA_ID.finditer(z.get("extra", "") or ""):
        key = m.group(1).upper() if m.group(1).upper() in ("PMID", "PMCID", "DOI", "ISSN") else None
        if key:
            out.setdefault(key, m.group(2).strip())
    if out.get("language"):
        out["language"] = to_bcp47(out["language"])
    tags = [t["tag"] if isinstance(t, dict) else str(t) for t in z.get("tags", [])]
    if tags:
        out["_tags"] = tags  # Zotero tags: keywords or MeSH depending on the translator
    notes = [n["note"] if isinstance(n, dict) else str(n) for n in z.get("notes", [])]
    if notes:
        out["_notes"] = notes
    return out
