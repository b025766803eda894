"""RIS mapping tables: reference types and tags to CSL, per type, both ways (data, no logic).

citeport.formats.ris reads and writes with them; a tag's meaning per reference type follows EndNote's
own field labels (its RIS export names every tag per type), which Zotero's and citation-js's maps
largely share.  ``None`` in a per-type table: that meaning has no CSL variable (the tag is kept in
``custom.tags`` and written back).
"""
from __future__ import annotations

# --------------------------------------------------------------------------
# Reference types.  RIS -> CSL for reading (every type in the RIS spec, plus
# the legacy ones exporters still write); CSL -> RIS for writing.
# --------------------------------------------------------------------------
RIS_TO_CSL: dict[str, str] = {
    "ABST": "article-journal", "ADVS": "motion_picture", "AGGR": "dataset", "ANCIENT": "classic",
    "ART": "graphic", "BILL": "bill", "BLOG": "post-weblog", "BOOK": "book", "CASE": "legal_case",
    "CHAP": "chapter", "CHART": "graphic", "CLSWK": "classic", "COMP": "software",
    "CONF": "paper-conference", "CPAPER": "paper-conference", "CTLG": "book", "DATA": "dataset",
    "DBASE": "dataset", "DICT": "entry-dictionary", "EBOOK": "book", "ECHAP": "chapter",
    "EDBOOK": "book", "EJOUR": "article-journal", "ELEC": "webpage", "ENCYC": "entry-encyclopedia",
    "EQUA": "figure", "FIGURE": "figure", "GEN": "document", "GOVDOC": "report", "GRANT": "document",
    "GRNT": "document", "HEAR": "hearing", "ICOMM": "personal_communication", "INPR": "article-journal",
    "JFULL": "periodical", "JOUR": "article-journal", "LEGAL": "regulation", "MANSCPT": "manuscript",
    "MAP": "map", "MGZN": "article-magazine", "MPCT": "motion_picture", "MULTI": "motion_picture",
    "MUSIC": "musical_score", "NEWS": "article-newspaper", "PAMP": "pamphlet", "PAT": "patent",
    "PCOMM": "personal_communication", "RPRT": "report", "SER": "book", "SLIDE": "speech",
    "SOUND": "song", "STAND": "standard", "STAT": "legislation", "THES": "thesis", "UNBILL": "bill",
    "UNPB": "manuscript", "UNPD": "manuscript", "VIDEO": "motion_picture", "WEB": "webpage",
}
#: The RIS type written for each CSL type.  Types marked in LOSSY_TYPES have
#: no RIS equivalent: the nearest is written and the loss reported.
CSL_TO_RIS: dict[str, str] = {
    "article": "GEN", "article-journal": "JOUR", "article-magazine": "MGZN",
    "article-newspaper": "NEWS", "bill": "BILL", "book": "BOOK", "broadcast": "MPCT",
    "chapter": "CHAP", "classic": "CLSWK", "collection": "EDBOOK", "dataset": "DATA",
    "document": "GEN", "entry": "ENCYC", "entry-dictionary": "DICT", "entry-encyclopedia": "ENCYC",
    "event": "GEN", "figure": "FIGURE", "graphic": "ART", "hearing": "HEAR", "interview": "PCOMM",
    "legal_case": "CASE", "legislation": "STAT", "manuscript": "MANSCPT", "map": "MAP",
    "motion_picture": "MPCT", "musical_score": "MUSIC", "pamphlet": "PAMP",
    "paper-conference": "CONF", "patent": "PAT", "performance": "GEN", "periodical": "JFULL",
    "personal_communication": "PCOMM", "post": "BLOG", "post-weblog": "BLOG", "regulation": "LEGAL",
    "report": "RPRT", "review": "JOUR", "review-book": "JOUR", "software": "COMP", "song": "SOUND",
    "speech": "SLIDE", "standard": "STAND", "thesis": "THES", "treaty": "LEGAL", "webpage": "ELEC",
}
LOSSY_TYPES = frozenset(t for t, ris in CSL_TO_RIS.items() if RIS_TO_CSL.get(ris) != t)

#: Types where SN holds an ISBN (otherwise an ISSN), unless the value says otherwise.  (MPCT: EndNote's
#: "Film or Broadcast" and ProCite both label its SN "ISBN".)
ISBN_TYPES = frozenset((
    "ANCIENT", "BOOK", "CHAP", "CLSWK", "COMP", "CONF", "CTLG", "DICT", "EBOOK", "ECHAP", "EDBOOK",
    "ENCYC", "GEN", "MAP", "MULTI", "MUSIC", "PAMP", "SER", "SOUND", "VIDEO", "ADVS", "ELEC", "BLOG", "MPCT",
))
#: Types whose T2 is a series title (RIS spec, EndNote, Zotero), not a container.
SERIES_T2_TYPES = frozenset(("BOOK", "EBOOK", "EDBOOK", "CTLG", "CLSWK", "MAP", "RPRT", "COMP", "UNPB", "MULTI"))
#: Types whose SP holds the whole page range: EndNote's single "Code Pages" field of a bill, which
#: Zotero reads as codePages (RIS.js fieldMap SP) and completes with EP only for ``pages``.
WHOLE_SP_TYPES = frozenset(("BILL",))
#: Types whose SP without EP is the number of pages (EndNote "Number of Pages").
PAGE_COUNT_TYPES = frozenset(("BOOK", "EBOOK", "EDBOOK", "THES", "CLSWK", "MANSCPT"))

# --------------------------------------------------------------------------
# Tags.  Simple tag -> CSL variable (first value wins; further values are
# kept in custom.tags).  TYPE_FIELDS overrides per RIS type; None means "no
# CSL home for this type, keep the tag".  Writing inverts the same tables.
# --------------------------------------------------------------------------
FIELDS: dict[str, str] = {
    "VL": "volume", "IS": "issue", "CP": "issue", "CY": "publisher-place", "PP": "publisher-place",
    "PB": "publisher", "PU": "publisher", "PI": "publisher-place", "ET": "edition", "CN": "call-number",
    "H2": "call-number",
    "NV": "number-of-volumes", "SE": "section", "ST": "title-short", "M3": "genre",
    "AN": "archive_location", "DB": "archive", "DP": "source", "H1": "source", "SV": "collection-number",
    "Y2": "accessed", "RI": "reviewed-title", "AV": "archive_location",  # AV: Reference Manager
}  # PU/PI: Web of Science's publisher and publisher city
#: ProCite writes what RIS has no tag for as labelled notes ("N1  - Call Number: QA76"); in a
#: ProCite record (it starts with "N1  - Record ID: n") these labels are fields.
PROCITE_NOTES: dict[str, str] = {
    "Record ID": "id", "Record Number": "id", "Call Number": "call-number", "Edition": "edition",
    "ISBN": "ISBN", "Language": "language", "Publisher Name": "publisher", "Series Title": "collection-title",
    "Proceedings Title": "container-title", "Page(s)": "page", "Volume ID": "volume", "Issue ID": "issue",
    "Issue Identification": "issue", "Series Volume ID": "collection-number", "Scale": "scale",
    "Place of Publication": "publisher-place", "Size": "dimensions", "Notes": "note",
}
#: ProCite's tags that differ from EndNote's, per type, applied in order (Zotero's RIS import
#: knows the same): the edition of a book in VL, its volume in IS; a bill's code in CY...
PROCITE_RETAG: dict[str, tuple[tuple[str, str], ...]] = {
    "CHAP": (("VL", "ET"),), "BOOK": (("VL", "ET"), ("IS", "VL")), "COMP": (("IS", "ET"),),
    "BILL": (("CY", "T2"), ("VL", "M1"), ("SP", "SE")), "ART": (("M1", "M3"),), "DATA": (("IS", "ET"),),
}
#: Exporters whose own tag marks their layout: RIS type -> marker tag -> (tag, EndNote's tag for that
#: meaning), applied in order when the marker is present and the new tag is not.  The ACM Digital
#: Library writes a proceedings paper's conference location in LO, its publisher's city in CY and
#: the proceedings series ("ESEC/FSE 2017", BibTeX series) in SE.
_ACM_CONF = {"LO": (("CY", "C1"), ("LO", "CY"), ("SE", "T3"))}
DIALECT_RETAG: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {"CONF": _ACM_CONF, "CPAPER": _ACM_CONF}
#: Per-type meanings follow EndNote's reference types (its RIS export labels each tag per type,
#: e.g. FIGURE "VL - Image Size", ART "SP - Description", BOOK "M1 - Series Volume"), as Zotero's
#: and citation-js's RIS maps do.  None: no CSL variable for that meaning (kept in custom.tags).
_DESCRIPTION = {"SP": None}  # SP is a free "Description" (artwork, software, maps, web pages)
_IMAGE = {"VL": "dimensions", "SP": None, "ET": "version", "M1": "number", "M3": "medium"}
_SERIES_VOLUME = {"M1": "collection-number"}
TYPE_FIELDS: dict[str, dict[str, str | None]] = {
    # EndNote's patent A2 is the issuing organisation (CSL authority, "USPTO"), not an editor.
    # ProCite/Reference Manager write a patent's number in IS (JabRef reads it so); EndNote in SN.
    # VL is EndNote's "Patent Version Number" (RIS spec PAT VL: version).
    "PAT": {"SN": "number", "CY": "jurisdiction", "A2": "authority", "VL": "version", "IS": "number", "M1": None, "SE": None, "ET": None,
            "NV": None, "C5": "references", "C6": "status"},
    # A report's A3 is EndNote's "Publisher" as a name (Zotero keeps it as a note too).
    "RPRT": {"SN": "number", "M1": "number", "NV": "collection-number", "A3": None},
    # EndNote's Standard: M1 "Start Page" (RIS spec: page-first).
    "STAND": {"SN": "number", "M1": "page-first", "NV": None, "T3": None},
    "DBASE": {"SN": "number", "ET": None},
    # T3 of bills and hearings is EndNote's "Legislative Body": CSL authority (Zotero reads it so).
    # Legal types: OP is EndNote's "History" (CSL references), ET the legislative "Session" (CSL
    # chapter-number, as Zotero and CSL-M file it), a hearing's T2 its "Committee" (CSL section).
    "BILL": {"M1": "number", "ET": "chapter-number", "T3": "authority", "OP": "references"},
    "HEAR": {"M1": "number", "ET": "chapter-number", "NV": "number-of-volumes", "T3": "authority",
             "OP": "references", "T2": "section"},
    "STAT": {"M1": "number", "ET": "chapter-number", "NV": None, "CY": "jurisdiction", "OP": "references"},
    "UNBILL": {"M1": "number"},
    # A case's A2 is EndNote's "Reporter" (the container), J2 its "Parallel Citation" (no CSL home).
    "CASE": {"PB": "authority", "SV": "number", "SE": None, "ET": None, "NV": None, "OP": "references",
             "A2": "container-title", "J2": None},
    "COMP": {"ET": "version", "VL": "edition", **_DESCRIPTION}, "DATA": {"ET": "version", "SE": None, "NV": "number"},
    "CHART": _IMAGE, "EQUA": _IMAGE, "FIGURE": _IMAGE,
    "ART": {**_DESCRIPTION, "M1": None, "M3": "medium", "C3": "dimensions"},
    "MAP": {**_DESCRIPTION, "C1": "scale", "M3": "genre", "C3": "dimensions"},
    # A blog's SE is its "Message Number" (EndNote; RIS spec BLOG SE: number).  Web page and blog VL
    # and M1 are parts of the access date (ACCESS_DATE_TAGS): None here, so no writer puts a volume there.
    "ELEC": {**_DESCRIPTION, "VL": None, "M1": None}, "WEB": {**_DESCRIPTION, "VL": None, "M1": None},
    "BLOG": {**_DESCRIPTION, "VL": None, "SE": "number"},
    "MPCT": {"SP": "dimensions", "C5": "medium", "C4": "genre", "M3": "medium"},
    "ADVS": {"M1": "number", "C5": "medium", "NV": None, "C3": "dimensions"},
    "MULTI": {"M1": None, "C5": "medium"},
    # C5 "Format" of a recording (Zotero RIS.js fieldMap C5: audioRecordingFormat).
    "SOUND": {"C5": "medium"}, "MUSIC": {"C5": "medium"},
    # A presentation's T2 is the meeting and CY its place (Zotero RIS.js fieldMap T2: meetingName).
    "SLIDE": {"T2": "event-title", "CY": "event-place"},
    # C1 of a (e-)book section or serial is EndNote's "Section" (RIS spec C1: section).
    "CHAP": {"SE": "chapter-number", "M1": "number-of-volumes", "C1": "section"},
    "ECHAP": {"SE": "chapter-number", "C1": "section", **_SERIES_VOLUME},
    "SER": {"SE": "chapter-number", "C1": "section", **_SERIES_VOLUME},
    "BOOK": {"SE": None, **_SERIES_VOLUME}, "EDBOOK": _SERIES_VOLUME, "CLSWK": _SERIES_VOLUME,
    "CTLG": {**_SERIES_VOLUME, "SE": "number-of-pages", "NV": None},
    "PAMP": {**_SERIES_VOLUME, "VL": "number", "M2": "number-of-pages"}, "EBOOK": {"NV": "version"},  # EndNote labels EBOOK NV "Version"
    "JOUR": {"SE": None, "ET": "available-date"}, "MGZN": {"SE": None, "NV": None},
    # EJOUR NV "Document Number" (spec: number); NEWS M1 "Start Page" (spec: page-first).
    "EJOUR": {"SE": None, "ET": None, "NV": "number"}, "NEWS": {"M1": "page-first", "NV": None},
    # C3 is EndNote's "Proceedings Title"; with it, T2 is the conference's name (see _titles).
    "CONF": {"CY": "event-place", "C1": "publisher-place", "C3": "container-title"},
    "CPAPER": {"CY": "event-place", "C1": "publisher-place", "C3": "container-title"},
    # GOVDOC A2 is EndNote's "Department": the issuing body (CSL authority), not an editor.
    "THES": {"VL": None, "M1": "number"}, "GOVDOC": {"M1": "number", "A2": "authority"}, "GEN": {"M1": "number"},
    "DICT": {"M1": "number", "SE": "version"}, "UNPB": {"M1": "number"},
    "ANCIENT": {"M1": "number"}, "AGGR": {"M1": "number", "ET": None, "SE": None},
    # LEGAL's SN: see SN_NUMBER_TYPES.  NV of a letter is EndNote's "Communication Number" (spec NV: number).
    "LEGAL": {"M1": None, "NV": None, "OP": "references", "A2": "authority"},
    # A manuscript's PB is EndNote's "Library/Archive" (RIS spec MANSCPT PB: archive).
    "MANSCPT": {"M1": None, "SE": None, "ET": None, "NV": None, "PB": "archive"}, "PCOMM": {"M1": None, "ET": None, "NV": "number"},
    "ICOMM": {"NV": "number"},
    "GRANT": {"VL": None, "M1": None, "SE": None, "ET": None, "NV": None, "CY": None},
}
#: Types whose VL / M1 hold parts of the access date, read with Y2 into one CSL accessed: EndNote's
#: Web Page "Access Year" (VL) and "Access Date" (M1, often without the year: "March 3"), its Blog
#: "Access Year" (VL); the RIS spec (citation-js new.json: ELEC M1+VL, BLOG VL+Y2 -> accessed, written
#: as a whole "2024/3/1/"); Zotero RIS.js (degenerateImportFieldMap: webpage M1, VL -> accessDate).
#: Role "day": a date, the year may come from the other parts; "year": a year or a whole date.  A
#: value that is no date keeps the tag's other meaning: a VL is a volume, an M1 stays the tag.
ACCESS_DATE_TAGS: dict[str, dict[str, str]] = {"ELEC": {"M1": "day", "VL": "year"}, "BLOG": {"VL": "year"}}
#: Where the writer puts the access date besides Y2: citation-js reads a web page's only from M1/VL
#: (Zotero takes Y2 first, EndNote shows M1 as the Web Page's "Access Date").
ACCESS_WRITE_TAGS: dict[str, str] = {"ELEC": "M1"}
#: Types whose SN is an ISSN/ISBN when the value is one, else the document's own number: EndNote
#: labels it "ISSN/ISBN", the RIS spec (citation-js new.json: LEGAL SN -> number, GOVDOC SN ->
#: number) the rule's or document's number.  The writer puts a LEGAL number there.
SN_NUMBER_TYPES = frozenset(("LEGAL", "GOVDOC"))
#: Title tags a type may give another meaning in TYPE_FIELDS (then _titles leaves them alone).
TITLE_OVERRIDABLE = frozenset(("T2", "T3", "JF", "BT", "J2", "JA", "J1", "JO"))
#: Conference types: T2 is the proceedings, or the conference's name when C3 holds the proceedings.
CONFERENCE_TYPES = frozenset(("CONF", "CPAPER"))
#: Types where an M1 stands in for a missing IS (EndNote writes the issue there).
M1_ISSUE_TYPES = frozenset(("JOUR", "EJOUR", "MGZN", "CONF", "CPAPER", "ABST", "INPR"))
#: Creator tags -> CSL name variable.
NAME_TAGS: dict[str, str] = {
    "AU": "author", "A1": "author", "A2": "editor", "ED": "editor", "A3": "collection-editor",
    "A4": "translator",
}
TYPE_NAME_TAGS: dict[str, dict[str, str]] = {
    "BOOK": {"A2": "collection-editor", "A3": "editor"},
    "EDBOOK": {"AU": "editor", "A1": "editor", "A2": "collection-editor"},
    "PCOMM": {"A2": "recipient"}, "ICOMM": {"A2": "recipient"},
    "BILL": {"A2": "author"},  # EndNote's "Sponsor": the author of a bill (Zotero: sponsor -> CSL author)
    "THES": {"A3": "contributor"},
    "MPCT": {"AU": "director", "A1": "director", "A3": "producer", "A4": "performer"},
    "VIDEO": {"AU": "director", "A1": "director", "A3": "producer", "A2": "performer"},
    "MUSIC": {"AU": "composer", "A1": "composer", "A4": "producer"},
    "DATA": {"A2": "producer", "A4": "contributor"}, "CONF": {"A4": "contributor"},
    # A recording's A2 is its performer (RIS spec SOUND/VIDEO A2; Zotero RIS.js A2: performer).
    "SOUND": {"A2": "performer"},
    # EndNote labels a serial's A4 "Editor, Volume": no translator; CSL has no volume-editor role.
    "SER": {"A4": "contributor"},
    # EndNote labels these types' A2 "Editor, Series"; a film's A4 are its "Performers".
    "CLSWK": {"A2": "collection-editor"}, "COMP": {"A2": "collection-editor"}, "MAP": {"A2": "collection-editor"},
    "MULTI": {"A2": "collection-editor"}, "UNPB": {"A2": "collection-editor"}, "RPRT": {"A2": "collection-editor"},
    "ADVS": {"AU": "director", "A1": "director", "A2": "performer"}, "BLOG": {"A3": "illustrator"},
}
#: Journal-name tags: full names first, abbreviations after (order = preference).
FULL_TITLE_TAGS = ("T2", "JF", "BT")
ABBR_TITLE_TAGS = ("J2", "JA", "J1", "JO")
DATE_TAGS = ("DA", "PY", "Y1")
#: Types whose DA is EndNote's "Date Accessed" (citation-js reads it so too); their full publication
#: date is written in Y1, the old RIS date tag.
DA_ACCESSED_TYPES = frozenset(("EBOOK", "EJOUR", "AGGR", "DBASE", "MULTI"))
#: Tags whose continuation lines are further values, not wrapped text.
LIST_TAGS = frozenset(("KW", "UR", "L1", "L2", "L3", "L4", "AU", "A1", "A2", "A3", "A4", "ED"))
#: Tags whose repeated values are joined as paragraphs rather than kept apart.
PARAGRAPH_TAGS = frozenset(("AB", "N2", "N1"))

#: Order of tags in written records (RIS spec order after TY), except IS: JabRef's RisImporter reads
#: IS, M1, AN and C7 all as `number`, the last one winning, so the issue comes after them.
WRITE_ORDER = (
    "ID", "AU", "A2", "A3", "A4", "TI", "T2", "T3", "J2", "ST", "PY", "DA", "Y1", "Y2", "VL", "SP", "EP",
    "SE", "SV", "ET", "NV", "M1", "M3", "CY", "PB", "SN", "DO", "UR", "AN", "CN", "DB", "DP", "LA", "KW", "AB",
    "N1", "M2", "C7", "IS",
)

#: Kept tags (custom.tags) that the writer puts in N1 as "RIS XX: value" instead of an XX line: a
#: second TI/PY/DO..., EndNote's TT/TA, or a type-dependent tag (C1-C8, M1, SE...) would be read by
#: other tools as the record's title, date, DOI, author or volume (citation-js reads TT as the title,
#: TA as the author, AU as the reviewed author when C4 is present, C6 of STAT as the volume).  The
#: reader takes them back.  Tags with one meaning everywhere (AD, L1-L4, RN...) are written as is.
SHADOW_TAGS = frozenset((
    "TY", "ID", "TI", "T1", "CT", "BT", "TT", "TA", "AU", "A1", "A2", "A3", "A4", "ED", "PY", "Y1", "DA",
    "VL", "IS", "SP", "EP", "DO", "T2", "T3", "JF", "JO", "JA", "J1", "J2", "SN", "M1", "M3", "SE", "ET",
    "NV", "CY", "PB", "SV", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8",
))
#: Pre-standard type names (EndNote's WEB, old UNPD/GRNT) are read as their standard RIS type and
#: written as that type: other tools do not know them.
LEGACY_TYPES: dict[str, str] = {"WEB": "ELEC", "UNPD": "UNPB", "GRNT": "GRANT"}
#: Every tag of the RIS specification and the common exporters' additions: a lower-case line
#: ("au  - Smith, J") is read as a tag only when it names one of these.
KNOWN_TAGS = frozenset((
    "TY", "ER", "ID", "AU", "A1", "A2", "A3", "A4", "ED", "TI", "T1", "T2", "T3", "CT", "BT", "TT", "TA",
    "JF", "JO", "JA", "J1", "J2", "ST", "PY", "Y1", "Y2", "DA", "VL", "IS", "CP", "SP", "EP", "SE", "SV",
    "ET", "NV", "M1", "M2", "M3", "CY", "PP", "PB", "PU", "PI", "SN", "DO", "UR", "L1", "L2", "L3", "L4",
    "AN", "CN", "CA", "DB", "DP", "LA", "LB", "KW", "AB", "N1", "N2", "AD", "AV", "C1", "C2", "C3", "C4",
    "C5", "C6", "C7", "C8", "RP", "RI", "RN", "OP", "H1", "H2", "U1", "U2", "U3", "U4", "U5",
))
#: Document-type words that only restate the reference type (Scopus writes its document type in M3:
#: "Article", "Conference Paper"...): as CSL genre a style would print "[Article]".  They stay the
#: M3 tag.  Value (lower case) -> the CSL types it restates.
RESTATED_GENRES: dict[str, frozenset[str]] = {
    "article": frozenset(("article-journal", "article-magazine", "article-newspaper", "article")),
    "journal article": frozenset(("article-journal",)), "research article": frozenset(("article-journal",)),
    "original article": frozenset(("article-journal",)), "article in press": frozenset(("article-journal",)),
    # Ovid PsycINFO's publication types ("Journal; Peer Reviewed Journal; Journal Article"), read as a list
    "journal": frozenset(("article-journal",)), "peer reviewed journal": frozenset(("article-journal",)),
    "conference paper": frozenset(("paper-conference",)), "proceedings paper": frozenset(("paper-conference",)),
    "book chapter": frozenset(("chapter",)), "chapter": frozenset(("chapter",)), "book": frozenset(("book",)),
}
#: ISSN labels as exporters write them after the number ("(Print)", "(Online)"); "(ISSN)" (Scopus)
#: says nothing.  Label (lower case) -> the custom.issn kind.
ISSN_KINDS: dict[str, str] = {
    "print": "print", "electronic": "electronic", "online": "electronic", "linking": "linking",
}
#: ISBN labels as catalogues and EndNote write them ("978-... (print); 978-... (ebook)", "(hbk.)"):
#: label (lower case, no final dot) -> the custom.isbn kind.
ISBN_KINDS: dict[str, str] = {
    "print": "print", "hbk": "print", "hardback": "print", "hardcover": "print", "pbk": "print",
    "paperback": "print", "cloth": "print", "electronic": "electronic", "ebook": "electronic",
    "e-book": "electronic", "online": "electronic", "pdf": "electronic", "epub": "electronic",
}
