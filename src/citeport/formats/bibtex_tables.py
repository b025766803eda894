"""BibTeX / BibLaTeX <-> CSL mapping tables, shared by the reader and both writers.

Data only.  Each table says something a generic translator in ``bibtex.py``
cannot: which entry type is which CSL type, which field holds which CSL
variable, and what each flavour calls it on output.  Sources: the biblatex
manual (section 2), biblatex-csl-converter and pandoc's BibTeX reader for the
conventional choices (``number`` is the issue of an article, ``institution`` a
publisher...).
"""
from __future__ import annotations

#: Entry type (lower case, either flavour) -> CSL type.
TYPES_IN: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "bookinbook": "book", "inbook": "chapter", "incollection": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "inproceedings": "paper-conference",
    "conference": "paper-conference", "manual": "report", "misc": "document",
    "online": "webpage", "electronic": "webpage", "www": "webpage", "webpage": "webpage",
    "patent": "patent", "periodical": "periodical", "suppperiodical": "article-journal",
    "reference": "book", "mvreference": "book", "inreference": "entry-encyclopedia",
    "report": "report", "techreport": "report", "thesis": "thesis", "phdthesis": "thesis",
    "mastersthesis": "thesis", "unpublished": "manuscript", "dataset": "dataset",
    "software": "software", "softwareversion": "software", "softwaremodule": "software",  # biblatex-software
    "codefragment": "software", "artwork": "graphic", "audio": "song", "video": "motion_picture",
    "movie": "motion_picture", "music": "song", "image": "graphic", "letter": "personal_communication",
    "legislation": "legislation", "jurisdiction": "legal_case", "legal": "treaty",
    "standard": "standard", "review": "review", "commentary": "book", "performance": "performance",
    "set": "document", "xdata": "document", "preprint": "article", "article-magazine": "article-magazine",
}

#: (entry type, entrysubtype) -> CSL type: biblatex's subtype of an article (pandoc writes these,
#: biblatex-chicago and biblatex-apa read them).
ENTRY_SUBTYPES: dict[tuple[str, str], str] = {
    ("article", "magazine"): "article-magazine", ("article", "newspaper"): "article-newspaper",
}

#: CSL type -> (bibtex entry type, biblatex entry type).  The type is the
#: closest each flavour has; ``genre`` or ``note`` carry the rest.
TYPES_OUT: dict[str, tuple[str, str]] = {
    "article": ("misc", "online"), "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"), "article-newspaper": ("article", "article"),
    "bill": ("misc", "legislation"), "book": ("book", "book"), "broadcast": ("misc", "video"),
    "chapter": ("incollection", "incollection"), "classic": ("book", "book"),
    "collection": ("book", "collection"), "dataset": ("misc", "dataset"), "document": ("misc", "misc"),
    "entry": ("misc", "inreference"), "entry-dictionary": ("incollection", "inreference"),
    "entry-encyclopedia": ("incollection", "inreference"), "event": ("misc", "misc"),
    "figure": ("misc", "artwork"), "graphic": ("misc", "artwork"), "hearing": ("misc", "jurisdiction"),
    "interview": ("misc", "misc"), "legal_case": ("misc", "jurisdiction"),
    "legislation": ("misc", "legislation"), "manuscript": ("unpublished", "unpublished"),
    "map": ("misc", "misc"), "motion_picture": ("misc", "video"), "musical_score": ("misc", "misc"),
    "pamphlet": ("booklet", "booklet"), "paper-conference": ("inproceedings", "inproceedings"),
    "patent": ("misc", "patent"), "performance": ("misc", "misc"), "periodical": ("misc", "periodical"),
    "personal_communication": ("misc", "letter"), "post": ("misc", "online"),
    "post-weblog": ("misc", "online"), "regulation": ("misc", "legislation"),
    "report": ("techreport", "report"), "review": ("article", "review"),
    "review-book": ("article", "review"), "software": ("misc", "software"), "song": ("misc", "audio"),
    "speech": ("misc", "misc"), "standard": ("techreport", "standard"), "thesis": ("phdthesis", "thesis"),
    "treaty": ("misc", "legislation"), "webpage": ("misc", "online"),
}

#: CSL types whose ``container-title`` is a journal (the rest: a book or proceedings).
JOURNAL_TYPES = frozenset(("article-journal", "article-magazine", "article-newspaper", "review",
                           "review-book", "periodical", "article"))

#: Entry types whose "number" is the issue of a journal rather than a series or report number.
ISSUE_NUMBER_TYPES = frozenset(("article", "periodical", "suppperiodical", "review"))
#: Entry types whose "number", beside a "series", is the number in that series (biblatex: series + number).
SERIES_NUMBER_TYPES = frozenset(("book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
                                 "incollection", "inbook", "inproceedings", "bookinbook", "reference",
                                 "inreference", "suppbook", "suppcollection", "conference"))

#: Plain text fields: bib field -> CSL variable (read).  Order matters only for
#: aliases: the first field present wins.
TEXT_FIELDS: dict[str, str] = {
    "volume": "volume", "volumes": "number-of-volumes", "edition": "edition",
    "version": "version", "pagetotal": "number-of-pages", "chapter": "chapter-number",
    "part": "part", "abstract": "abstract", "note": "note", "annote": "annote", "annotation": "annote",
    "isbn": "ISBN", "issn": "ISSN", "eventtitle": "event-title", "venue": "event-place", "archive": "archive",
    "shorttitle": "title-short", "shortjournal": "container-title-short", "library": "call-number",
    "pubstate": "status", "origtitle": "original-title", "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place", "numpages": "number-of-pages",
    "series": "collection-title", "type": "genre",
    "journalabbreviation": "container-title-short", "lccn": "call-number",
    "mrnumber": "call-number",
}
#: An article number ("electronic location") in place of pages: biblatex/ADS ``eid``, MDPI ``article-number``,
#: ACM ``articleno``, HighWire's ``elocation-id`` (bioRxiv, medRxiv, PNAS exports).
ELOCATION_FIELDS = ("eid", "article-number", "articleno", "elocation-id")
#: AAS journal macros (aas_macros.sty), as NASA ADS writes ``journal = {\\apj}``: macro -> (full title,
#: the abbreviation the macro prints).
JOURNAL_MACROS: dict[str, tuple[str, str]] = {
    "aj": ("The Astronomical Journal", "AJ"), "actaa": ("Acta Astronomica", "Acta Astron."),
    "araa": ("Annual Review of Astronomy and Astrophysics", "ARA&A"),
    "apj": ("The Astrophysical Journal", "ApJ"), "apjl": ("The Astrophysical Journal Letters", "ApJL"),
    "apjs": ("The Astrophysical Journal Supplement Series", "ApJS"), "ao": ("Applied Optics", "Appl. Opt."),
    "apss": ("Astrophysics and Space Science", "Ap&SS"), "aap": ("Astronomy and Astrophysics", "A&A"),
    "aapr": ("Astronomy and Astrophysics Review", "A&A Rv"),
    "aaps": ("Astronomy and Astrophysics Supplement Series", "A&AS"),
    "azh": ("Astronomicheskii Zhurnal", "AZh"), "baas": ("Bulletin of the American Astronomical Society", "BAAS"),
    "caa": ("Chinese Astronomy and Astrophysics", "Chinese Astron. Astrophys."),
    "cjaa": ("Chinese Journal of Astronomy and Astrophysics", "Chinese J. Astron. Astrophys."),
    "icarus": ("Icarus", "Icarus"), "jcap": ("Journal of Cosmology and Astroparticle Physics", "J. Cosmology "
                                             "Astropart. Phys."),
    "jrasc": ("Journal of the Royal Astronomical Society of Canada", "JRASC"),
    "memras": ("Memoirs of the Royal Astronomical Society", "MmRAS"),
    "mnras": ("Monthly Notices of the Royal Astronomical Society", "MNRAS"),
    "na": ("New Astronomy", "New A"), "nar": ("New Astronomy Reviews", "New A Rev."),
    "pra": ("Physical Review A", "Phys. Rev. A"), "prb": ("Physical Review B", "Phys. Rev. B"),
    "prc": ("Physical Review C", "Phys. Rev. C"), "prd": ("Physical Review D", "Phys. Rev. D"),
    "pre": ("Physical Review E", "Phys. Rev. E"), "prl": ("Physical Review Letters", "Phys. Rev. Lett."),
    "pasa": ("Publications of the Astronomical Society of Australia", "PASA"),
    "pasp": ("Publications of the Astronomical Society of the Pacific", "PASP"),
    "pasj": ("Publications of the Astronomical Society of Japan", "PASJ"),
    "psj": ("The Planetary Science Journal", "PSJ"),
    "rmxaa": ("Revista Mexicana de Astronomía y Astrofísica", "Rev. Mexicana Astron. Astrofis."),
    "qjras": ("Quarterly Journal of the Royal Astronomical Society", "QJRAS"),
    "skytel": ("Sky and Telescope", "S&T"), "solphys": ("Solar Physics", "Sol. Phys."),
    "sovast": ("Soviet Astronomy", "Soviet Ast."), "ssr": ("Space Science Reviews", "Space Sci. Rev."),
    "zap": ("Zeitschrift für Astrophysik", "ZAp"), "nat": ("Nature", "Nature"),
    "iaucirc": ("IAU Circulars", "IAU Circ."), "aplett": ("Astrophysics Letters", "Astrophys. Lett."),
    "apspr": ("Astrophysics Space Physics Research", "Astrophys. Space Phys. Res."),
    "bain": ("Bulletin of the Astronomical Institutes of the Netherlands", "Bull. Astron. Inst. Netherlands"),
    "fcp": ("Fundamentals of Cosmic Physics", "Fund. Cosmic Phys."),
    "gca": ("Geochimica et Cosmochimica Acta", "Geochim. Cosmochim. Acta"),
    "grl": ("Geophysical Research Letters", "Geophys. Res. Lett."),
    "jcp": ("The Journal of Chemical Physics", "J. Chem. Phys."),
    "jgr": ("Journal of Geophysical Research", "J. Geophys. Res."),
    "jqsrt": ("Journal of Quantitative Spectroscopy and Radiative Transfer", "J. Quant. Spectr. Rad. Transf."),
    "memsai": ("Memorie della Società Astronomica Italiana", "Mem. Soc. Astron. Italiana"),
    "nphysa": ("Nuclear Physics A", "Nucl. Phys. A"), "physrep": ("Physics Reports", "Phys. Rep."),
    "physscr": ("Physica Scripta", "Phys. Scr."), "planss": ("Planetary and Space Science", "Planet. Space Sci."),
    "procspie": ("Proceedings of the SPIE", "Proc. SPIE"),
}
#: Fields that hold a list separated by " and " in biblatex (publisher, location...): joined by "; ".
LIST_FIELDS = frozenset(("publisher", "location", "address", "institution", "organization", "school"))

#: Name fields -> CSL name variable.
NAME_FIELDS: dict[str, str] = {
    "author": "author", "editor": "editor", "translator": "translator",
    "bookauthor": "container-author", "origauthor": "original-author",
    "director": "director", "composer": "composer",
}
#: biblatex ``editortype`` values -> CSL name variable (for editor/editora/b/c).
EDITOR_TYPES: dict[str, str] = {
    "editor": "editor", "director": "director", "compiler": "compiler", "organizer": "organizer",
    "collaborator": "contributor", "translator": "translator", "redactor": "editor",
    "reviser": "editor", "founder": "contributor", "continuator": "contributor",
    "producer": "producer", "conductor": "performer", "chair": "chair", "curator": "curator",
    "illustrator": "illustrator", "narrator": "narrator", "host": "host", "interviewer": "interviewer",
}
#: CSL names that the writer can put back under a biblatex ``editora`` with its type.
EDITORA_NAMES = tuple(v for k, v in EDITOR_TYPES.items() if v not in ("editor", "translator"))

#: Output: CSL text variable -> (bibtex field, biblatex field).  None means "no
#: field in that flavour" (the writer keeps it under ``csl-VARIABLE``).
TEXT_OUT: dict[str, tuple[str | None, str | None]] = {
    "volume": ("volume", "volume"), "number-of-volumes": ("volumes", "volumes"),
    "edition": ("edition", "edition"), "version": ("version", "version"),
    "number-of-pages": ("pagetotal", "pagetotal"), "chapter-number": ("chapter", "chapter"),
    "part": ("part", "part"), "abstract": ("abstract", "abstract"), "annote": ("annote", "annotation"),
    "ISBN": ("isbn", "isbn"), "ISSN": ("issn", "issn"), "event-title": ("eventtitle", "eventtitle"),
    "event-place": ("venue", "venue"), "title-short": ("shorttitle", "shorttitle"),
    "container-title-short": ("shortjournal", "shortjournal"), "call-number": ("library", "library"),
    "status": ("pubstate", "pubstate"), "original-title": ("origtitle", "origtitle"),
    "original-publisher": ("origpublisher", "origpublisher"),
    "original-publisher-place": ("origlocation", "origlocation"),
    "medium": ("howpublished", "howpublished"), "collection-title": ("series", "series"),
    "genre": ("type", "type"), "archive": ("archive", "archive"),
    "DOI": ("doi", "doi"), "URL": ("url", "url"), "PMID": ("pmid", "pmid"), "PMCID": ("pmcid", "pmcid"),
    "keyword": ("keywords", "keywords"), "note": ("note", "note"),
}
#: CSL-JSON's old spellings (the schema still lists them) -> the variable they stand for.
COMPAT_NAMES: dict[str, str] = {"shortTitle": "title-short", "journalAbbreviation": "container-title-short"}
#: CSL variables not in lower case, as a csl-VARIABLE field name is read (in lower case).
CSL_CASED: dict[str, str] = {v.lower(): v for v in ("DOI", "ISBN", "ISSN", "PMCID", "PMID", "URL", "shortTitle",
                                                    "journalAbbreviation")}
NAME_OUT: dict[str, str] = {
    "author": "author", "editor": "editor", "translator": "translator",
    "container-author": "bookauthor", "original-author": "origauthor",
}

#: biblatex eprinttype -> CSL variable it identifies.
EPRINT_TYPES: dict[str, str] = {"pubmed": "PMID", "pmid": "PMID", "pmc": "PMCID", "pmcid": "PMCID",
                                "doi": "DOI", "hdl": "custom:handle", "handle": "custom:handle"}

#: Month macros (BibTeX's predefined strings).
MONTH_MACROS: dict[str, str] = {m: str(i) for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

#: babel/polyglossia language names (biblatex ``langid``, ``hyphenation``, ``language``) -> BCP 47.
BABEL_LANGUAGES: dict[str, str] = {
    "english": "en", "american": "en-US", "usenglish": "en-US", "british": "en-GB", "ukenglish": "en-GB",
    "canadian": "en-CA", "australian": "en-AU", "newzealand": "en-NZ", "german": "de", "ngerman": "de",
    "austrian": "de-AT", "naustrian": "de-AT", "swissgerman": "de-CH", "nswissgerman": "de-CH",
    "french": "fr", "francais": "fr", "acadian": "fr-CA", "canadien": "fr-CA", "italian": "it",
    "spanish": "es", "catalan": "ca", "portuguese": "pt", "portuges": "pt", "brazil": "pt-BR",
    "brazilian": "pt-BR", "dutch": "nl", "danish": "da", "swedish": "sv", "norwegian": "nb",
    "norsk": "nb", "nynorsk": "nn", "finnish": "fi", "icelandic": "is", "polish": "pl", "czech": "cs",
    "slovak": "sk", "slovene": "sl", "croatian": "hr", "serbian": "sr", "russian": "ru",
    "ukrainian": "uk", "bulgarian": "bg", "greek": "el", "latin": "la", "hungarian": "hu", "magyar": "hu",
    "romanian": "ro", "turkish": "tr", "hebrew": "he", "arabic": "ar", "japanese": "ja",
    "chinese": "zh", "korean": "ko", "estonian": "et", "latvian": "lv", "lithuanian": "lt",
    "basque": "eu", "galician": "gl", "irish": "ga", "welsh": "cy", "afrikaans": "af", "vietnamese": "vi",
}
#: BCP 47 -> babel name for writing ``langid`` (the inverse, preferring the plain names).
BABEL_OUT: dict[str, str] = {
    "en": "english", "en-US": "american", "en-GB": "british", "de": "ngerman", "de-AT": "naustrian",
    "de-CH": "nswissgerman", "fr": "french", "it": "italian", "es": "spanish", "pt": "portuguese",
    "pt-BR": "brazilian", "nl": "dutch", "da": "danish", "sv": "swedish", "nb": "norsk", "fi": "finnish",
    "pl": "polish", "cs": "czech", "ru": "russian", "uk": "ukrainian", "el": "greek", "la": "latin",
    "hu": "magyar", "ro": "romanian", "tr": "turkish", "he": "hebrew", "ja": "japanese",
    "zh": "chinese", "ko": "korean",
}

#: LaTeX text commands -> CSL rich-text tag (title-like fields).
FORMAT_COMMANDS: dict[str, str] = {
    "textit": "i", "emph": "i", "mkbibemph": "i", "textsl": "i", "mkbibitalic": "i",
    "textbf": "b", "mkbibbold": "b", "textsuperscript": "sup", "mkbibsuperscript": "sup",
    "textsubscript": "sub", "mkbibsubscript": "sub", "sp": "sup", "sb": "sub", "textsc": "sc", "textnormal": "",
    "textrm": "", "textup": "", "texttt": "", "textsf": "", "mbox": "", "hbox": "", "url": "",
    "nolinkurl": "", "enquote": "q", "mkbibquote": "q", "citetitle": "",
}
#: Old-style switches used as ``{\em text}``.
FORMAT_SWITCHES: dict[str, str] = {"em": "i", "it": "i", "itshape": "i", "sl": "i", "slshape": "i",
                                   "bf": "b", "bfseries": "b", "sc": "sc", "scshape": "sc",
                                   "rm": "", "tt": "", "sf": "", "upshape": "", "normalfont": ""}
#: CSL rich text -> LaTeX (writer).
TAGS_OUT: dict[str, str] = {"i": "\\textit{", "b": "\\textbf{", "sup": "\\textsuperscript{",
                            "sub": "\\textsubscript{", "sc": "\\textsc{", "nocase": "{", "": "{"}

#: biblatex localisation keys that turn up as field values (series, pubstate, type).
BIBSTRINGS: dict[str, str] = {
    "newseries": "new series", "oldseries": "old series", "inpress": "in press",
    "inpreparation": "in preparation", "forthcoming": "forthcoming", "submitted": "submitted",
    "prepublished": "prepublished", "jourser": "series",
}

#: Fields that never reach the item (links the reader resolves).  The rest of biblatex's bookkeeping
#: (ids, options, related, sortkey...) is kept as custom.tags ``bibtex:FIELD`` and written back.
IGNORED_FIELDS = frozenset(("crossref", "xdata", "entryset"))  # (xref inherits nothing: kept as a tag)

#: Zotero's "Extra" field lines ("Publisher: Nature Publishing Group", "Original Date: 1781"), which Zotero's
#: BibTeX export writes into ``note`` one per line: label (lower case, words joined by "-", as Zotero reads
#: its own field labels and CSL variable names) -> CSL variable.  Names ("Author: ...") are left in the note.
ZOTERO_EXTRA: dict[str, str] = {
    **{v: v for v in (
        "publisher", "publisher-place", "original-title", "original-publisher", "original-publisher-place",
        "event-place", "event-title", "status", "genre", "number", "issue", "container-title",
        "container-title-short", "medium", "archive", "archive-place", "archive-location", "call-number",
        "collection-title", "collection-number", "number-of-pages", "number-of-volumes", "version", "authority",
        "jurisdiction", "section", "dimensions", "scale", "chapter-number", "edition", "title-short",
        "reviewed-title", "references", "original-date", "event-date", "available-date", "submitted")},
    "place": "publisher-place", "conference-name": "event-title", "publication-title": "container-title",
    "journal-abbreviation": "container-title-short", "series": "collection-title",
    "series-number": "collection-number", "num-pages": "number-of-pages", "short-title": "title-short",
    "archive-id": "archive-location", "loc-in-archive": "archive-location", "type": "genre",
    "doi": "DOI", "isbn": "ISBN", "issn": "ISSN",  # (a "PMID: 123" note is read where PMIDs are)
}

#: Text macros pylatexenc does not know -> their text (logos, biblatex/hyphenation helpers).
TEXT_MACROS: dict[str, str] = {
    "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2\u03b5", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "ConTeXt": "ConTeXt",
    "AmSTeX": "AmSTeX", "AmS": "AmS", "MF": "METAFONT", "MP": "MetaPost", "hyphen": "-",
    "slash": "/", "textnbhyphen": "\u2011", "nbhyphen": "\u2011", "textquotedbl": '"',
    "textdollar": "$", "textunderscore": "_", "textinterrobang": "\u203d", "textinterrobangdown": "\u2e18",
    # text symbols pylatexenc leaves undecoded (thesis .bib files use them in titles and notes)
    "S": "\u00a7", "P": "\u00b6", "copyright": "\u00a9", "pounds": "\u00a3", "ddag": "\u2021",
    "euro": "\u20ac", "EUR": "\u20ac", "textbar": "|", "glqq": "\u201e", "grqq": "\u201c",
    "flqq": "\u00ab", "frqq": "\u00bb", "ohm": "\u03a9", "micro": "\u00b5", "Angstrom": "\u00c5",
    "checkmark": "\u2713", "SS": "SS",
    "textless": "<", "textgreater": ">",  # pandoc and citation-js write a literal < > so
    # MathSciNet's preamble macros for transliterated Cyrillic (soft and hard sign) and the Croatian D-bar
    "cprime": "\u02b9", "cdprime": "\u02ba", "Dbar": "\u0110", "dbar": "\u0111",
}
#: Case-changing commands: their argument's text in that case (as TeX prints it).
CASE_COMMANDS: dict[str, str] = {"uppercase": "upper", "MakeUppercase": "upper", "MakeTextUppercase": "upper",
                                 "lowercase": "lower", "MakeLowercase": "lower", "MakeTextLowercase": "lower"}
#: Macros that only steer typesetting or sorting: dropped with (n) braced arguments.
DROP_MACROS: dict[str, int] = {"relax": 0, "protect": 0, "noopsort": 1, "sortnoop": 1, "nocite": 1,
                               "vphantom": 1, "hphantom": 1, "phantom": 1, "nobreak": 0, "break": 0,
                               "allowbreak": 0, "newblock": 0, "bibrangedash": 0, "ensuremath": 0}
#: Unicode super-/subscript characters for math ``^2``/``_2`` (anything else becomes a <sup>/<sub> tag).
SUPERSCRIPTS = dict(zip("0123456789+-=()n", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
                                            "\u207a\u207b\u207c\u207d\u207e\u207f"))
SUBSCRIPTS = dict(zip("0123456789+-=()", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"
                                         "\u208a\u208b\u208c\u208d\u208e"))

#: biblatex patent type keys (the ``type`` field of @patent) -> the text biblatex prints.
PATENT_KEYS: dict[str, str] = {
    "patent": "patent", "patentau": "Australian patent", "patentch": "Swiss patent",
    "patentde": "German patent", "patenteu": "European patent", "patentfr": "French patent",
    "patentuk": "British patent", "patentus": "U.S. patent", "patreq": "patent request",
    "patreqau": "Australian patent request", "patreqch": "Swiss patent request",
    "patreqde": "German patent request", "patreqeu": "European patent request",
    "patreqfr": "French patent request", "patrequk": "British patent request",
    "patrequs": "U.S. patent request",
}
#: biblatex eprinttype -> URL of the eprint (used when the entry has no url).
EPRINT_URLS: dict[str, str] = {
    "arxiv": "https://arxiv.org/abs/{}", "googlebooks": "https://books.google.com?id={}",
    "jstor": "https://www.jstor.org/stable/{}", "hdl": "https://hdl.handle.net/{}",
    "handle": "https://hdl.handle.net/{}", "pubmed": "https://pubmed.ncbi.nlm.nih.gov/{}/",
}
#: Archives that are eprint servers: an item's ``archive`` among them is written as ``archiveprefix``
#: (arXiv's own BibTeX); any other archive (a library, a museum) as ``archive``.
EPRINT_ARCHIVES = frozenset(("arxiv", "biorxiv", "medrxiv", "chemrxiv", "psyarxiv", "socarxiv", "ssrn",
                             "research square", "preprints.org", "osf preprints", "techrxiv", "eartharxiv"))
#: biblatex country keys (patent ``location``) -> the name biblatex prints.
COUNTRY_KEYS: dict[str, str] = {
    "countryde": "Germany", "countryeu": "European Union", "countryep": "European Union",
    "countryfr": "France", "countryuk": "United Kingdom", "countryus": "United States of America",
}

#: Writing: LaTeX specials and the characters every BibTeX reader knows as input conventions.
SPECIALS_OUT: dict[str, str] = {
    "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_", "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}", "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}",
    "\u2014": "---", "\u2013": "--", "\u00a0": "~",
}
#: Writing: combining accent -> LaTeX accent command (``{\\'e}``, ``{\\v{c}}``).
ACCENTS_OUT: dict[str, str] = {
    "\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
    "\u0307": ".", "\u0306": "u", "\u030c": "v", "\u030b": "H", "\u0327": "c", "\u0328": "k",
    "\u030a": "r", "\u0323": "d",
}
#: Writing: letters LaTeX has a command for.
LETTERS_OUT: dict[str, str] = {
    "\u00df": "{\\ss}", "\u00e6": "{\\ae}", "\u00c6": "{\\AE}", "\u00f8": "{\\o}", "\u00d8": "{\\O}",
    "\u0142": "{\\l}", "\u0141": "{\\L}", "\u0153": "{\\oe}", "\u0152": "{\\OE}", "\u0131": "{\\i}",
    # not "{\r a}": BibTeX's purify$ knows \aa as a letter, JabRef/Zotero/bibutils write it, and
    # biblatex-csl-converter (3.6) decodes \r only before u/U
    "\u00e5": "{\\aa}", "\u00c5": "{\\AA}",
}
