"""Zotero items (the gold in ``*.expected.zotero.json``) mapped to CSL-JSON, for comparisons.

The tables restate Zotero's own mapping to CSL (the ``csl`` block and the base fields of
zotero-schema's schema.json, as Zotero's ``itemToCSLJSON`` applies them): a type-specific field
is first taken to its base field (``university`` -> ``publisher``), the base field to its CSL
variable; the item type's primary creator becomes ``author``; fields and creator types Zotero
itself does not export to CSL (``country``, ``counsel``, ``cosponsor``...) are left out, so a
disagreement with citeport is about the record, not about two naming schemes.
"""
from __future__ import annotations

import re
from typing import Any

from citeport.model.dates import parse_date
from citeport.model.languages import to_bcp47

#: Zotero item type -> CSL type (schema.json csl.types, inverted).
ITEM_TYPES = {
    "preprint": "article", "journalArticle": "article-journal", "magazineArticle": "article-magazine",
    "newspaperArticle": "article-newspaper", "bill": "bill", "book": "book", "podcast": "broadcast",
    "tvBroadcast": "broadcast", "radioBroadcast": "broadcast", "bookSection": "chapter", "dataset": "dataset",
    "document": "document", "attachment": "document", "note": "document", "dictionaryEntry": "entry-dictionary",
    "encyclopediaArticle": "entry-encyclopedia", "artwork": "graphic", "hearing": "hearing",
    "interview": "interview", "case": "legal_case", "statute": "legislation", "manuscript": "manuscript",
    "map": "map", "film": "motion_picture", "videoRecording": "motion_picture",
    "conferencePaper": "paper-conference", "patent": "patent", "letter": "personal_communication",
    "email": "personal_communication", "instantMessage": "personal_communication", "forumPost": "post",
    "blogPost": "post-weblog", "report": "report", "computerProgram": "software", "audioRecording": "song",
    "presentation": "speech", "standard": "standard", "thesis": "thesis", "webpage": "webpage",
}
#: Type-specific field -> its base field (schema.json itemTypes[].fields[].baseField).
BASE_FIELDS = {
    "artworkMedium": "medium", "audioRecordingFormat": "medium", "videoRecordingFormat": "medium",
    "interviewMedium": "medium", "audioFileType": "medium", "format": "medium", "label": "publisher",
    "company": "publisher", "distributor": "publisher", "institution": "publisher", "university": "publisher",
    "network": "publisher", "studio": "publisher", "repository": "publisher", "repositoryLocation": "place",
    "billNumber": "number", "docketNumber": "number", "identifier": "number", "documentNumber": "number",
    "patentNumber": "number", "episodeNumber": "number", "archiveID": "number", "reportNumber": "number",
    "publicLawNumber": "number", "codeVolume": "volume", "reporterVolume": "volume", "codePages": "pages",
    "firstPage": "pages", "legislativeBody": "authority", "court": "authority", "issuingAuthority": "authority",
    "organization": "authority", "blogTitle": "publicationTitle", "bookTitle": "publicationTitle",
    "proceedingsTitle": "publicationTitle", "dictionaryTitle": "publicationTitle",
    "encyclopediaTitle": "publicationTitle", "forumTitle": "publicationTitle", "programTitle": "publicationTitle",
    "sessionTitle": "publicationTitle", "websiteTitle": "publicationTitle", "websiteType": "type",
    "genre": "type", "postType": "type", "letterType": "type", "manuscriptType": "type", "mapType": "type",
    "presentationType": "type", "reportType": "type", "thesisType": "type", "caseName": "title",
    "subject": "title", "nameOfAct": "title", "dateDecided": "date", "issueDate": "date",
    "dateEnacted": "date", "priorityDate": "originalDate", "legalStatus": "status",
}
#: Base field -> CSL variable (schema.json csl.fields.text).
FIELDS = {
    "abstractNote": "abstract", "archive": "archive", "archiveLocation": "archive_location",
    "authority": "authority", "callNumber": "call-number", "applicationNumber": "call-number",
    "session": "chapter-number", "seriesNumber": "collection-number", "seriesTitle": "collection-title",
    "series": "collection-title", "publicationTitle": "container-title", "reporter": "container-title",
    "code": "container-title", "artworkSize": "dimensions", "runningTime": "dimensions", "DOI": "DOI",
    "edition": "edition", "eventPlace": "event-place", "meetingName": "event-title",
    "conferenceName": "event-title", "type": "genre", "programmingLanguage": "genre", "ISBN": "ISBN",
    "ISSN": "ISSN", "issue": "issue", "priorityNumbers": "issue", "journalAbbreviation": "container-title-short",
    "language": "language", "rights": "license", "medium": "medium", "system": "medium", "number": "number",
    "numPages": "number-of-pages", "numberOfVolumes": "number-of-volumes", "originalPublisher": "original-publisher",
    "originalPlace": "original-publisher-place", "pages": "page", "PMID": "PMID", "PMCID": "PMCID",
    "publisher": "publisher", "place": "publisher-place", "history": "references", "references": "references",
    "scale": "scale", "section": "section", "committee": "section", "shortTitle": "title-short",
    "libraryCatalog": "source", "status": "status", "title": "title", "url": "URL",
    "versionNumber": "version", "volume": "volume", "codeNumber": "volume",
}
DATE_FIELDS = {"date": "issued", "accessDate": "accessed", "filingDate": "submitted", "originalDate": "original-date"}
#: Zotero creator type -> CSL name variable (schema.json csl.names); the item type's primary creator
#: (PRIMARY_CREATORS) is "author" whatever its type.
CREATOR_TYPES = {
    "author": "author", "bookAuthor": "container-author", "chair": "chair", "castMember": "performer",
    "composer": "composer", "contributor": "contributor", "creator": "author", "director": "director",
    "editor": "editor", "executiveProducer": "executive-producer", "guest": "guest", "host": "host",
    "interviewer": "interviewer", "narrator": "narrator", "originalCreator": "original-author",
    "organizer": "organizer", "podcaster": "host", "producer": "producer", "recipient": "recipient",
    "reviewedAuthor": "reviewed-author", "seriesCreator": "series-creator", "seriesEditor": "collection-editor",
    "scriptwriter": "script-writer", "translator": "translator",
}
PRIMARY_CREATORS = {
    "artwork": "artist", "audioRecording": "performer", "bill": "sponsor", "computerProgram": "programmer",
    "film": "director", "hearing": "contributor", "interview": "interviewee", "map": "cartographer",
    "patent": "inventor", "podcast": "podcaster", "presentation": "presenter", "radioBroadcast": "creator",
    "tvBroadcast": "director", "videoRecording": "creator",
}
_EXTRA_ID = re.compile(r"^(PMID|PMCID|DOI|ISSN|Original Date|Publisher|Type):\s*(.+)$", re.I | re.M)


#: Primary creator types that CSL 1.0.2 names itself: a film's director is compared as CSL
#: ``director`` (Zotero's export predates that variable and calls every primary creator author).
PRIMARY_KEPT = frozenset(("director",))


def csl_name_role(item_type: str, creator_type: str) -> str | None:
    """The CSL name variable Zotero exports a creator as, None when it does not export it."""
    if creator_type == PRIMARY_CREATORS.get(item_type, "author") and creator_type not in PRIMARY_KEPT:
        return "author"
    return CREATOR_TYPES.get(creator_type)


def zotero_to_csl(z: dict[str, Any]) -> dict[str, Any]:
    """Map one Zotero item to CSL-JSON (the variables a comparison looks at)."""
    item_type = z.get("itemType", "")
    out: dict[str, Any] = {"type": ITEM_TYPES.get(item_type, "document")}
    for field, value in z.items():
        field = BASE_FIELDS.get(field, field)
        if field in FIELDS and value not in (None, ""):
            out.setdefault(FIELDS[field], str(value))
        elif field in DATE_FIELDS and value:
            out[DATE_FIELDS[field]] = parse_date(str(value))
    for creator in z.get("creators", []):
        role = csl_name_role(item_type, creator.get("creatorType", "author"))
        if role is None:
            continue  # Zotero's own CSL export leaves this creator type out
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
