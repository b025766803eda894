"""citeport's RIS, BibTeX and BibLaTeX imported by a real JabRef (Debian's jabref 3.8.2, headless CLI).

The records are the peer-test set of tests/test_peers_bib.py (the shared corpus in every format
citeport reads plus made items of every CSL type; 900 or so).  Each file is written once by
citeport, imported by ``jabref -n -i FILE,FORMAT -o OUT.bib`` (one JVM per file) and the BibTeX
JabRef saves is read back with the small independent table in tests/peers/fieldmap.py.  For each
of the FIELDS the values kept are printed per format (``-s``); every value that is not kept must be
explained in KNOWN (``theirs``: JabRef's own reading, with the reason); an unlisted disagreement fails (grouped in the message), and so does a KNOWN entry no record
needs any more.  KNOWN is keyed (format or "*", field or "*", cause); the kept share must also stay
above FLOOR.

Skips with the reason when jabref (apt-get install jabref) or the shared corpus is missing.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import sys
from pathlib import Path

import pytest

import citeport
from conftest import SHARED

sys.path.insert(0, str(Path(__file__).resolve().parent / "peers"))
import fieldmap  # noqa: E402
from test_peers_bib import _items  # noqa: E402  (the shared peer-test record set)

FORMATS = {"ris": ("ris", "ris"), "bibtex": ("bib", "bibtex"), "biblatex": ("bib", "bibtex")}

_ARTICLE = {"article-journal", "article-magazine", "article-newspaper", "review", "review-book", "article",
            "periodical"}
#: Why a value JabRef has is not citeport's: (format or "*", field) -> (reason, predicate over
#: (our CSL item, our value, JabRef's value)).  "theirs" = JabRef 3.8.2's own reading.
#: The measured kept share (all fields) per format, less a small margin: a writer change that loses
#: values fails.
FLOOR = {"ris": 0.88, "bibtex": 0.98, "biblatex": 0.985}
KNOWN: dict[tuple[str, str, str], tuple[str, object]] = {
    ("ris", "DOI", "theirs-doi-prefix"): ("theirs: RisImporter.addDoi (3.8.2, see javap of /usr/share/java/jabref.jar) stores DO "
                     "only when the value starts with 'doi:'; a plain DOI is dropped (fixed in later JabRef)",
                     lambda it, a, b, t: not b),
    ("ris", "*", "theirs-tilde"): ("theirs: JabRef saves RIS text as BibTeX without escaping '~' (a tie, read as a space)",
                       lambda it, a, b, t: "~" in a and b == fieldmap.text(a.replace("~", " "))),
    ("ris", "author", "theirs-corporate"): ("theirs: RIS has no corporate-name marker; JabRef splits an organisation into "
                        "given/family ('Group, W. H. O. Study')",
                        lambda it, a, b, t: any(n.get("literal") for n in it.get("author") or [])),
    ("ris", "ISBN", "theirs-sn-issn"): ("theirs: RisImporter maps SN to issn whatever the type (javap: 'SN' -> "
                                        "'issn'); RIS has one SN tag for ISBN and ISSN",
                                        lambda it, a, b, t: fieldmap.values(t).get("ISSN") == a or (
                                            not b and fieldmap.values(t).get("ISSN", "-") in
                                            fieldmap.values(it).get("ISSN", "").split())),
    ("ris", "container-title", "conf-c3"): ("format: a conference paper's proceedings title is C3 (EndNote "
                                            "'Proceedings Title', Zotero proceedingsTitle; T2 is the "
                                            "conference name); JabRef 3.8.2 reads no C3 and takes T2 as booktitle",
                                            lambda it, a, b, t: it.get("type") == "paper-conference"
                                            and (not b or b == fieldmap.text(it.get("event-title") or ""))),
    ("ris", "publisher-place", "conf-c1"): ("format: a conference paper's place of publication is C1 (EndNote "
                                            "'Place Published', Zotero place; CY is the conference location); "
                                            "JabRef 3.8.2 reads no C1 and takes CY as address",
                                            lambda it, a, b, t: it.get("type") == "paper-conference"
                                            and (not b or fieldmap.text(it.get("event-place") or "") == b)),
    ("ris", "editor", "theirs-a2-a3-a4"): ("theirs: RisImporter joins A2, A3 and A4 into editor (javap), so "
                                           "translators and series editors are added",
                                           lambda it, a, b, t: fieldmap.names_within(a, b)),
    ("ris", "*", "in-note"): ("format: the RIS type has no tag for the variable in EndNote's table (SP of a film "
                              "is its running time, AU of a film its director...): citeport writes N1 "
                              "'variable: value' and JabRef keeps it in comment",
                              lambda it, a, b, t: not b and fieldmap.in_note(a, t)),
    ("*", "title", "multivolume"): ("convention: a volume of a multi-volume work: BibTeX has no maintitle, the volume's own "
                     "title is the entry's title (as tests/test_peers_bib.py)",
                     lambda it, a, b, t: bool(it.get("volume-title"))),
    ("*", "container-title", "multivolume"): ("convention: a part of a multi-volume work: the volume's title is the booktitle",
                               lambda it, a, b, t: bool(it.get("volume-title") or it.get("custom", {}).get("tags"))),
    ("*", "volume", "volume-part"): ("convention: BibLaTeX volume + part ('7' + '2') is CSL volume '7.2'",
                      lambda it, a, b, t: bool(b) and a.startswith(b + ".")),
    ("*", "author", "particle"): ("comparison: a particle after the given name ('Goethe, Johann von') is not moved by "
                      "fieldmap's small name reader",
                      lambda it, a, b, t: bool(b) and re.sub(r"\b[a-z]+ ", "", a) == re.sub(r"\b[a-z]+ ", "", b)),
    ("*", "year", "astronomical"): ("convention: BibLaTeX years are astronomical (-877 = 878 BC, 0 = 1 BC), CSL's are not",
                    lambda it, a, b, t: a.startswith("-")),
    ("*", "type", "no-bibtex-type"): ("format: BibTeX has no @online/@patent/@periodical/@standard; citeport writes @misc "
                    "(@techreport for a standard) and keeps the CSL type in the entry; a CSL 'article' "
                    "(preprint) is BibLaTeX @online",
                    lambda it, a, b, t: b in ("other", "report") or it.get("type") == "article"),
}
KNOWN = {  # JabRef's own RIS type table comes before the BibTeX type classes above
    ("ris", "type", "theirs-ris-types"): (
        "theirs: RisImporter knows only BOOK, JOUR, MGZN, THES, UNPB, RPRT, CONF, CHAP and PAT (javap); "
        "every other TY (NEWS, ELEC, GEN, WEB, DATA, COMP...) becomes @Other",
        lambda it, a, b, t: t.get("type") == "document"),
    **KNOWN}
KNOWN.update({
    ("ris", "ISSN", "theirs-last-sn"): (
        "theirs: RisImporter puts each SN into issn with Map.put (javap), so the last of several SN lines "
        "(print and electronic ISSN, ISBN and ISSN) is the one kept", lambda it, a, b, t: fieldmap.codes_within(a, b)
        or (bool(b) and set(b.split()) <= fieldmap.all_issns(it))),
    ("ris", "issue", "theirs-is-number"): (
        "theirs: RisImporter stores IS as BibTeX number for every type, and types other than JOUR/MGZN "
        "become @Other/@Book/@TechReport..., where BibTeX's number is a report or series number (the "
        "comparison reads number as the issue in @article only)",
        lambda it, a, b, t: fieldmap.text(t.get("number") or "") == a),
    ("ris", "publisher-place", "theirs-ad-address"): (
        "theirs: RisImporter maps AD (Author Address) and CY alike to BibTeX address, the place of "
        "publication (javap: 'AD' || 'CY' -> 'address'); the AD after CY wins",
        lambda it, a, b, t: b in [fieldmap.text(v) for v in ((it.get("custom") or {}).get("tags") or {}).get(
            "ris:AD", [])]),
    **{("ris", role, "theirs-name-split"): (
        "theirs: RisImporter joins the AU (A2...) lines with ' and ' and re-parses them with "
        "AuthorList.fixAuthorLastNameFirst (javap), which reads a several-word part before the comma "
        "('van der Meulen, Marylee J', 'Di Giacomo, F. Tony', 'Author Name, Author2 Name2') as two "
        "'First Last' names and one-letter names ('B, A') as initials",
        lambda it, a, b, t: fieldmap.names_rearranged((it.get("author") or []) + (it.get("editor") or []), a, b))
        for role in ("author", "editor")},
    ("ris", "author", "given-only"): (
        "format: a name with a given part only is written 'AU  - , foo' (RIS 'Last, First' with no last "
        "name); JabRef keeps an empty family", lambda it, a, b, t: all(
            not n.get("family") and not n.get("literal") for n in it.get("author") or [])),
    ("ris", "editor", "ed-tag"): (
        "convention: where the type's A2 means something else (a patent's issuing body...), citeport writes "
        "the editor as ED, the old editor tag Zotero's RIS.js reads as editor; JabRef 3.8.2 and "
        "biblatex-csl-converter read no ED", lambda it, a, b, t: not b and "ED" in fieldmap.written_to(
            "ris", it.get("type"), "editor")),
    ("ris", "editor", "theirs-corporate"): (
        "theirs: RIS has no corporate-name marker; JabRef splits an organisation into given/family "
        "(and joins A2/A3/A4)", lambda it, a, b, t: any(n.get("literal") for n in it.get("editor") or [])),
    ("*", "year", "literal-date"): (
        "format: a date that is only text ('1908-1912', 'Article 10 2019') has no RIS/EndNote date form; "
        "citeport writes the text (DA '///text', <year>text) and the peer takes no year from it",
        lambda it, a, b, t: not b and isinstance(it.get("issued"), dict)
        and not it["issued"].get("date-parts")),
    ("*", "edition", "jour-et-epub"): (
        "format: a journal article's ET/<edition> is EndNote's 'Epub Date' (citeport writes the "
        "available-date there and the edition to the note); the peer reads it as the edition",
        lambda it, a, b, t: bool(re.fullmatch(r"\d{4}/\d\d/\d\d/?", b))),
    ("*", "edition", "version"): (
        "format: a program's ET/<edition> is its version (EndNote 'Version', Zotero RIS.js ET of "
        "computerProgram: versionNumber); its edition goes to the note",
        lambda it, a, b, t: bool(b) and b == fieldmap.text(it.get("version") or "")),
    ("ris", "DOI", "theirs-m3-doi"): (
        "theirs: RisImporter reads M3 (Type of Work) as a DOI when it starts with 'doi:' (javap: 'M3' || "
        "'DO' -> addDoi); the work's type here is 'doi: whatever'",
        lambda it, a, b, t: bool(b) and b == fieldmap._doi(it.get("genre") or "")),
    ("ris", "container-title", "book-t2-series"): (
        "format: a book's T2 is its series title (RIS spec and EndNote's Book 'Series Title'); the book's "
        "container (an omnibus, a multi-volume set) has no tag and goes to N1 'Container title: ...'",
        lambda it, a, b, t: "N1" in fieldmap.written_to("ris", it.get("type"), "container-title")
        and (not b or b == fieldmap.text(it.get("collection-title") or ""))),
})



def _known(fmt: str):
    return fieldmap.explainer(KNOWN, fmt)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """{format: [(our item, JabRef's item or None)]}, the three JabRef runs started together."""
    if not shutil.which("jabref"):
        pytest.skip("jabref is not installed (apt-get install --no-install-recommends jabref)")
    if not (SHARED / "corpus" / "MANIFEST.tsv").exists():
        pytest.skip(f"shared corpus not available ({SHARED}): the check needs its records (200 or more)")
    items = [dict(it, id=f"r{n}") for n, it in enumerate(_items())]
    assert len(items) >= 200
    tmp = tmp_path_factory.mktemp("jabref")
    home = tmp / "home"
    home.mkdir()
    # JabRef's single-instance listener: when another JabRef (another test run) holds the port, this one
    # hands its arguments over and writes nothing.  Switched off in this run's own preferences.
    prefs = home / ".java" / ".userPrefs" / "net" / "sf" / "jabref"
    prefs.mkdir(parents=True)
    (prefs / "prefs.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE map SYSTEM "http://java.sun.com/dtd/preferences.dtd">\n'
        '<map MAP_XML_VERSION="1.0"><entry key="useRemoteServer" value="false"/></map>\n', encoding="utf-8")
    # Java takes its preferences from user.home (the passwd entry), not $HOME: point it at this run's home.
    env = {**os.environ, "HOME": str(home), "JAVA_TOOL_OPTIONS": f"-Djava.awt.headless=true -Duser.home={home}"}
    written = {}
    result = {}
    for fmt, (ext, jformat) in FORMATS.items():
        path = tmp / f"{fmt}.{ext}"
        written[fmt] = citeport.write(items, fmt)
        path.write_text(written[fmt], encoding="utf-8")
        out = Path(str(path) + ".out.bib")
        # One JabRef at a time, and again when another instance took the arguments ("Arguments passed on to
        # running JabRef instance"): JabRef 3.8 listens on one fixed port, so concurrent runs collide.
        for _attempt in range(4):
            run = subprocess.run(["jabref", "-n", "-i", f"{path},{jformat}", "-o", str(out)],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=600)
            log = run.stdout.decode("utf-8", "replace")
            if out.exists() or "passed on to running JabRef" not in log:
                break
            time.sleep(3)
        assert out.exists(), f"JabRef wrote nothing for {fmt}: {log[-2000:]}"
        entries = fieldmap.bib_entries(out.read_text(encoding="utf-8"))
        if fmt == "ris":  # RIS import leaves keys empty; our ID comes back as refid
            by_id = {f.get("refid"): (t, f) for t, _, f in entries}
            ids = [it["id"] for it in items]
        else:
            by_id = {k: (t, f) for t, k, f in entries}
            ids = re.findall(r"^@[A-Za-z]+\{([^,\n]+),?$", written[fmt], re.M)
        assert len(ids) == len(items)
        result[fmt] = [(it, fieldmap.bib_to_csl(*by_id[i], lists=fmt == "biblatex") if i in by_id else None) for it, i in zip(items, ids)]
    return result


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_jabref_imports_our_file(imported, fmt):
    pairs = imported[fmt]
    missing = [a["id"] for a, b in pairs if b is None]
    assert not missing, f"JabRef lost whole records: {missing[:20]}"
    fieldmap.check_peer(pairs, "jabref", "JabRef 3.8.2", fmt, _known(fmt), KNOWN, FLOOR[fmt])


def test_known_entries_are_needed(imported):
    stale = fieldmap.stale_known(imported, "jabref", _known, KNOWN)
    assert not stale, f"fixed or gone; remove from KNOWN: {stale}"


if __name__ == "__main__":  # python tests/test_peers_jabref.py: disagreements grouped, for review
    sys.exit(pytest.main([__file__, "-s", "-q", "-p", "no:cacheprovider"]))
