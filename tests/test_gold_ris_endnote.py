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
#: ProCite's (case05) field labels ("Name of Database", "Date Accessed").  citeport now reads most of
#: them as Zotero does (EndNote's per-type tag meanings, ProCite's labelled notes); each remaining
#: disagreement is listed per field with its reason.
_CASE03, _CASE05 = "ris/zotero-translators/RIS_case03.ris", "ris/zotero-translators/RIS_case05.ris"
SYNTHETIC_FIELDS: dict[str, str] = {
    "issued": "theirs: the dates are placeholders ('Year', 'Date'); Zotero stores its no-year form "
              "'0000 Year Date', citeport keeps the text as a literal date: neither is a date",
    "archive": "convention: DB (Name of Database) is CSL 'source' (the database an item comes from), "
               "as citation-js reads it; Zotero files it as archive",
    "type": "convention: CSL 1.0.2 types Zotero lacks (classic, figure, standard, pamphlet, "
            "musical_score, periodical, regulation, dataset), Zotero's guesses (GEN as a journal "
            "article, CTLG as a magazine article, INPR/UNBILL as manuscripts) and zotero_gold's "
            "hearing->bill",
    "container-title": "convention: Zotero falls back to J2 or other tags where EndNote's type has no "
                       "container, and takes C3 as a conference's proceedings title; citeport keeps "
                       "T2 (the secondary title) as the container",
    "container-title-short": "convention: as container-title (Zotero's J2 fallback)",
    "collection-title": "convention: T3 of GEN/STAND/UNPB is EndNote's tertiary title; Zotero reads "
                        "T2/T3 per its own item types",
    "title": "convention: Zotero takes ST (short title) or an abbreviated name as the title of "
             "CASE/STAT; citeport keeps TI",
    **{role: "convention: type-specific creator tags (A2-A4, C4, ProCite 'Author Role' notes) that "
             "Zotero maps to its own creator types (sponsor, counsel, cast member...); citeport maps "
             "A2-A4 by its type tables and keeps the rest in custom.tags"
       for role in ("author", "editor", "collection-editor", "director", "producer", "performer",
                    "composer", "contributor")},
    "authority": "convention: Zotero's legislative body/issuing authority/court from T3, A2 or PB; "
                 "CSL authority is not a name list and citeport keeps those tags as they are",
    "event-title": "ours (not done): T2 of CONF/CPAPER is EndNote's conference name; citeport reads "
                   "it as the container (what most exporters mean) and has no event-title tag to "
                   "write back",
    **{field: "convention: EndNote's type-specific meaning of a tag (VL, M1, SE, NV, ET, CY, C1-C6) "
              "where Zotero picks another field or keeps a value citeport's tables (citation-js's "
              "reading where the two differ) leave in custom.tags"
       for field in ("ISSN", "issue", "jurisdiction", "medium", "number", "number-of-pages",
                     "number-of-volumes", "publisher-place", "section", "version", "volume",
                     "call-number")},
}
KNOWN: dict[tuple[str, str], str] = {
    **{(f, field): reason for f in (_CASE03, _CASE05) for field, reason in SYNTHETIC_FIELDS.items()},
    ("ris/citation-js/citation-js_citation-js_pull_248-2.ris", "type"):
        "convention: 'JOURN' is no RIS type; citation-js guesses JOUR, citeport reads 'document' and warns",
    ("ris/jabref/RisImporterTest1.ris", "record count"):
        "convention: JabRef's corrupt-file test has several TY lines in one record; citeport starts a "
        "new record at a TY after data (a file missing ER must not merge records)",
    **{("ris/jabref/RisImporterTest1.ris", f): "convention: follows from the record split above (JabRef "
       "concatenates repeated titles and takes the last TY)"
       for f in ("ISSN", "URL", "abstract", "author", "collection-title", "container-title", "keyword",
                 "publisher", "title", "type")},
    ("ris/jabref/RisImporterTest3.ris", "ISSN"): "theirs: '978-1-4822-5326-9' is an ISBN, JabRef files it as ISSN",
    ("ris/jabref/RisImporterTest3.ris", "author"):
        "convention: 'Catarina Barata' has no comma; RIS names are 'Last, First', so citeport (like "
        "citation-js) keeps it whole rather than guess the split",
    ("ris/jabref/RisImporterTest3.ris", "issue"): "theirs: JabRef turns an empty/zero M1 into issue 0",
    ("ris/jabref/RisImporterTest6.ris", "issue"): "theirs: JabRef reads the PMCID in M1/C2 as the issue",
    ("ris/jabref/RisImporterTest6.ris", "title"): "theirs: JabRef turns the em dash into '--'",
    ("ris/jabref/RisImporterTest7.ris", "author"):
        "convention: a name without comma kept whole (see RisImporterTest3)",
    ("ris/jabref/RisImporterTest8_date.ris", "container-title"):
        "convention: JabRef prefers JO (abbreviation) as journal; citeport keeps T2/JF full title and "
        "JO in container-title-short",
    ("ris/jabref/RisImporterTestDate1.1.ris", "container-title"): "convention: JO vs JF, as above",
    ("ris/jabref/RisImporterTestDate1.2.ris", "container-title"): "convention: JO vs JF, as above",
    ("ris/jabref/RisImporterTestWithEmptyER.ris", "container-title"): "convention: JO vs JF, as above",
    ("ris/jabref/RisImporterTestDOI.ris", "ISSN"):
        "convention: two SN values; citeport takes the first (print), JabRef the last",
    ("ris/jabref/RisImporterTestDOI.ris", "URL"): "convention: first UR kept as URL (others in custom.tags)",
    ("ris/jabref/RisImporterTestDoiAndJournalTitle.ris", "edition"):
        "theirs: ET of a PAT record is EndNote's International Patent Classification, not an edition",
    ("ris/jabref/RisImporterTestDOI.ris", "edition"): "theirs: ET holds an Epub date for JOUR, not an edition",
    ("ris/jabref/RisImporterTestDOI.ris", "issue"): "theirs: M1 holds the PMID there; IS is the issue",
    ("ris/jabref/RisImporterTestDoiAndJournalTitle.ris", "number"):
        "convention: JOUR M1 fills the issue only when IS is absent; else kept in custom.tags",
    ("ris/zotero-translators/RIS_case02.ris", "authority"):
        "convention: Zotero reads A2 of PAT as issuing authority; citeport keeps A2 as editor",
    ("ris/zotero-translators/RIS_case02.ris", "number"):
        "convention: Zotero's application number (M1); CSL number holds the patent number (SN)",
    ("ris/zotero-translators/RIS_case02.ris", "publisher-place"):
        "convention: CY of PAT is the country: citeport puts it in jurisdiction",
    ("ris/zotero-translators/RIS_case04.ris", "author"):
        "ours: 'KONING, A. P. JASON de': citeport moves the trailing 'de' to the family particle; Zotero keeps it in the given name",
    ("ris/zotero-translators/RIS_case12.ris", "type"):
        "convention: Zotero imports GEN as a journal article; citeport as 'document'",
}
#: Agreement per format and source (fields the gold holds, listed disagreements counted as such).
#: The target is 98%.  RIS vs JabRef (86%) and vs Zotero (84%) are below it: the listed
#: disagreements there are JabRef's corrupt-file test (one record with nine TY lines), JabRef
#: taking JO/the last SN/M1 as journal/ISSN/issue, and Zotero's synthetic label files (placeholder
#: dates, DB as archive, CSL types Zotero lacks); these floors are the measured figures.
FLOORS = {
    ("ris", "citation-js"): 0.98, ("ris", "pandoc"): 0.98, ("ris", "jabref"): 0.86, ("ris", "zotero"): 0.83,
    ("endnote-xml", "jabref"): 0.98, ("endnote-xml", "zotero"): 0.98,
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
        for source, (ok, total) in sorted(totals.items()):
            print(f"\n{fmt} vs {source}: {ok}/{total} fields agree ({ok / total:.1%})", end="")
    for source, (ok, total) in totals.items():
        assert total and ok / total >= FLOORS[(fmt, source)], (fmt, source, ok, total)


def test_listed_disagreements_still_exist(result):
    fmt, _totals, disagreements = result
    seen = {(d[0], d[2]) for d in disagreements}
    stale = [k for k in KNOWN if k[0].startswith(fmt.split("-")[0]) and k not in seen
             and k[0] not in (_CASE03, _CASE05)]  # one reason table for both synthetic files
    stale += [f for f in SYNTHETIC_FIELDS if fmt == "ris" and not any(k[1] == f for k in seen
                                                                     if k[0] in (_CASE03, _CASE05))]
    assert not stale, f"fixed or gone; remove from KNOWN: {stale}"
