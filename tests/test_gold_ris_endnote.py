"""citeport's RIS and EndNote XML readers against citation-js, pandoc, Zotero and JabRef gold.

Every disagreement must be listed in KNOWN with its reason: "ours" (citeport is wrong, to fix),
"theirs" (the gold tool is wrong) or "convention" (both defensible).  The agreement per source is
printed (`pytest -s` or `python tests/gold_ris_endnote.py`) and must not fall below FLOORS.
"""
from __future__ import annotations

import pytest

from conftest import shared_path

import gold_ris_endnote as gold

#: Zotero's two synthetic files hold one record per RIS type whose values are EndNote's (case03) or
#: ProCite's (case05) field labels ("Name of Database", "Date Accessed").  Their dates ("Year",
#: "Date") are no dates on either side and are counted apart (gold.placeholder_date); every other
#: field is compared, and what still differs is listed per field with the reason below.  citeport
#: reads EndNote's per-type tag meanings (the labels in these very files); where Zotero's reading
#: is the better one for real records it was adopted (BILL/HEAR T3 and PAT A2 as authority, BILL A2
#: as author, CONF C3 as the proceedings with T2 the conference name, HEAR NV, EBOOK NV, DB as archive
#: and DP as source, legal OP "History" as references, ET "Session" as chapter-number, HEAR T2
#: "Committee" as section, PAT C5/C6, DATA NV, RPRT A2 as series editor and A3 kept apart).
_CASE03, _CASE05 = "ris/zotero-translators/RIS_case03.ris", "ris/zotero-translators/RIS_case05.ris"
_ROLES = ("convention: creator tags per type: citeport follows EndNote's label for each RIS type (EBOOK "
          "and SER A2 'Editor', A3 'Editor, Series'; ADVS A3, UNPB A2 'Editor, Series'; MPCT A4 "
          "'Performers'; MUSIC A2 'Editor', A4 'Producer'; MULTI AU 'Created By'), Zotero maps them per "
          "its own item type (book: A2 series editor, A3 editor; film: A3 producer, A4 contributor; "
          "audio recording: A2 performer, its primary creator, exported to CSL as author; A4 translator; "
          "ProCite 'Author Role' notes)")
_TAG_MEANING = ("convention: a type-specific tag meaning: citeport follows EndNote's label for the type "
                "(PAT CY 'Country' is CSL jurisdiction, PAT SN the patent number; GOVDOC M1 'Number'; EBOOK "
                "NV 'Version'; ECHAP M1 'Series Volume'; PAMP SP 'Pages'), Zotero its own field list "
                "(PAT M1 'Application Number' as number, CY as place; GRANT, UNPB and GEN read as journal "
                "articles, so 'Status', 'Duration of Grant', 'Amount Requested' become issue, section, "
                "volume); a CONF without C3 has T2 as its proceedings (the container), Zotero names the "
                "conference from it")
SYNTHETIC_FIELDS: dict[str, str] = {
    "type": "convention: CSL 1.0.2 types Zotero lacks (dataset, classic, figure, standard, pamphlet, "
            "musical_score, periodical, regulation) and "
            "Zotero's fallbacks for RIS types missing from its import table (GEN, GRANT, UNPB as journal "
            "articles, CTLG as a magazine article, INPR/UNBILL as manuscripts)",
    "container-title": "theirs: Zotero reads tags in file order and fills the container from J2 (the "
                       "abbreviation) or another tag before it meets T2, then moves T2 to a note (BLOG, "
                       "CHAP, DICT, ENCYC, CASE, UNPB...); citeport keeps T2, EndNote's secondary title, as "
                       "the container and J2 as container-title-short",
    "container-title-short": "convention: UNPB has no container in EndNote (T2 is its series title); "
                             "citeport keeps its J2 as a tag, Zotero read the record as a journal article",
    "collection-title": "convention: EndNote's T2/T3 per type (SER T2 'Secondary Title' vs T3 'Series "
                        "Title', UNPB T3 'Department', STAND T3 'Paper Number'): citeport keeps the series "
                        "tag, Zotero picks per its item type",
    "title": "theirs: for CASE and STAT Zotero takes ST ('Abbreviated Case Name', 'Short Title') as the "
             "title because it comes before TI in the file; TI is the case name / name of act",
    # citeport: MANSCPT PB is EndNote's "Library/Archive" and the RIS spec's archive (citation-js
    # new.json MANSCPT PB -> archive), so its DB ("Name of Database") is kept beside it as a tag.
    **{field: "convention: MANSCPT PB is 'Library/Archive' (EndNote's label, the RIS spec): citeport reads "
              "it as CSL archive; Zotero as the manuscript's institution (CSL publisher), its DB as archive"
       for field in ("archive", "publisher")},
    **{role: _ROLES for role in ("author", "editor", "collection-editor", "director", "producer",
                                 "performer", "composer", "contributor", "translator")},
    **{field: _TAG_MEANING for field in ("ISSN", "issue", "number", "number-of-pages",
                                         "number-of-volumes", "publisher-place", "section", "version",
                                         "volume", "call-number", "authority", "event-title", "genre",
                                         "references")},
}
_CORRUPT = "ris/jabref/RisImporterTest1.ris"
KNOWN: dict[tuple[str, str], str] = {
    **{(f, field): reason for f in (_CASE03, _CASE05) for field, reason in SYNTHETIC_FIELDS.items()},
    ("ris/citation-js/citation-js_citation-js_pull_248-1.ris", "source"):
        "convention: DB ('Name of Database'): citation-js reads it as CSL source; citeport files it in "
        "archive and DP ('Database Provider') in source, as Zotero does (DB <-> Archive, DP <-> Library "
        "Catalog, which Zotero exports to CSL as archive and source); 40 Zotero fields against 1 here",
    # JabRef's corrupt-file test: nine TY lines and repeated T1/TI/PY in one record.  What a user wants
    # is one record with everything in it (citeport reads the TY segments without a title of their own
    # as part of the record, with a warning); the remaining differences are which repeat wins.
    (_CORRUPT, "type"): "convention: nine TY lines; citeport keeps the first (BOOK) and warns, JabRef the last",
    (_CORRUPT, "title"): "theirs: JabRef concatenates the five T1/TI values into one title; citeport keeps "
                         "the first and the others in custom.tags",
    (_CORRUPT, "container-title"): "convention: follows from the type: a BOOK has no journal (JO kept as a tag)",
    (_CORRUPT, "ISSN"): "convention: follows from the type: SN of a BOOK is read as its ISBN",
    (_CORRUPT, "collection-title"): "convention: a BOOK's series is T2 (EndNote, Zotero); JabRef takes T3",
    (_CORRUPT, "author"): "convention: continuation lines of an author tag are further names for citeport "
                          "(as for KW/UR), part of the name for JabRef",
    **{(f"endnote-xml/jabref/{name}.xml", "URL"):
       "theirs: JabRef takes EndNote's Web of Science link '<Go to ISI>://000...' as the url; it is no link "
       "a style may print (citeport keeps it in custom.tags; the record has no other URL)"
       for name in ("EndnoteXmlImporterTestArticle2", "EndnoteXmlImporterTestLabelAndMultiTitle",
                    "EndnoteXmlImporterTest_WithoutUrlStyle2")},
    ("ris/jabref/RisImporterTest3.ris", "ISSN"): "theirs: '978-1-4822-5326-9' is an ISBN, JabRef files it as ISSN",
    ("ris/jabref/RisImporterTest3.ris", "author"):
        "convention: 'Catarina Barata' has no comma; RIS names are 'Last, First', so citeport (like Zotero, "
        "which stores it as a one-field name, and citation-js) keeps it whole rather than guess the split",
    ("ris/jabref/RisImporterTest3.ris", "issue"): "theirs: JabRef turns a chapter's M1 '0' into issue 0",
    ("ris/jabref/RisImporterTest6.ris", "issue"): "theirs: JabRef reads the PMCID in M1/C2 as the issue",
    ("ris/jabref/RisImporterTest6.ris", "title"): "theirs: JabRef turns the em dash into '--'",
    ("ris/jabref/RisImporterTest7.ris", "author"):
        "theirs: JabRef adds the two A2 names (a BOOK's series editors in EndNote and Zotero) to the authors",
    ("ris/jabref/RisImporterTestDOI.ris", "ISSN"):
        "convention: two SN values (print, electronic); citeport takes the first, JabRef the last",
    ("ris/jabref/RisImporterTestDOI.ris", "URL"): "convention: first UR kept as URL (others in custom.tags)",
    ("ris/jabref/RisImporterTestDoiAndJournalTitle.ris", "edition"):
        "theirs: ET of a PAT record is EndNote's International Patent Classification, not an edition",
    ("ris/jabref/RisImporterTestDOI.ris", "edition"): "theirs: ET holds an Epub date for JOUR, not an edition",
    ("ris/jabref/RisImporterTestDOI.ris", "issue"): "theirs: M1 holds the PMID there; IS is the issue",
    ("ris/zotero-translators/RIS_case02.ris", "call-number"):
        "convention: Zotero's application number (PAT M1), which Zotero exports to CSL as call-number; "
        "citeport keeps M1 in custom.tags (call-number is the library's shelf mark, RIS CN)",
    ("ris/zotero-translators/RIS_case02.ris", "publisher-place"):
        "convention: CY of PAT is the country: citeport puts it in jurisdiction",
    ("ris/zotero-translators/RIS_case12.ris", "type"):
        "convention: Zotero imports GEN as a journal article; citeport as 'document'",
}
#: Agreement per format and source (fields the gold holds, listed disagreements counted as such;
#: placeholder dates counted apart).  The target is 98%.  RIS vs JabRef (91.1%) and vs Zotero (93.6%)
#: stay below it: JabRef's are its corrupt-file test and its JO/last-SN/M1 readings; 85 of Zotero's 89
#: are in its two synthetic label files (per-type tag meanings where citeport follows EndNote's own
#: labels, CSL types Zotero lacks).  These two floors are the measured figures.  EndNote XML vs JabRef
#: (111/117, 94.9%): all 6 are JabRef's url "<Go to ISI>://000...", which citeport keeps out of URL.
FLOORS = {
    ("ris", "citation-js"): 0.98, ("ris", "pandoc"): 0.98, ("ris", "jabref"): 0.90, ("ris", "zotero"): 0.93,
    ("endnote-xml", "jabref"): 0.94, ("endnote-xml", "zotero"): 0.98,
}


@pytest.fixture(scope="module", params=list(gold.FORMATS))
def result(request):
    shared_path("corpus", "MANIFEST.tsv")
    return request.param, *gold.run(request.param)


def test_no_unlisted_disagreement(result):
    fmt, _totals, disagreements = result
    unlisted = [d for d in disagreements if (d[0], d[2]) not in KNOWN]
    assert not unlisted, "unlisted disagreements:\n" + "\n".join(map(str, unlisted))


def test_agreement_per_source(result, capsys):
    fmt, totals, _ = result
    with capsys.disabled():
        for source, (ok, total, held) in sorted(totals.items()):
            print(f"\n{fmt} vs {source}: {ok}/{total} fields agree ({ok / total:.1%}; "
                  f"{held} placeholder dates not compared)", end="")
        main = [t for k, t in totals.items() if "(" not in k]
        ok, total = sum(t[0] for t in main), sum(t[1] for t in main)
        print(f"\n{fmt} overall: {ok}/{total} fields agree ({ok / total:.1%})", end="")
    for source, (ok, total, _held) in totals.items():
        if "(" in source:
            continue  # the informational split of Zotero's figure (label files / records)
        assert total and ok / total >= FLOORS[(fmt, source)], (fmt, source, ok, total)


def test_listed_disagreements_still_exist(result):
    fmt, _totals, disagreements = result
    seen = {(d[0], d[2]) for d in disagreements}
    stale = [k for k in KNOWN if k[0].startswith(fmt.split("-")[0]) and k not in seen
             and k[0] not in (_CASE03, _CASE05)]  # one reason table for both synthetic files
    stale += [f for f in SYNTHETIC_FIELDS if fmt == "ris" and not any(k[1] == f for k in seen
                                                                     if k[0] in (_CASE03, _CASE05))]
    assert not stale, f"fixed or gone; remove from KNOWN: {stale}"
