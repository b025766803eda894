"""RIS reader fixes found by re-examining the Zotero gold disagreements one by one (session 8).

Each case was a value filed under a CSL variable its EndNote/ProCite label contradicts, or a
ProCite field left in a note; see tests/test_gold_ris_endnote.py (FIXED, LABEL_KNOWN)."""
from __future__ import annotations

import citeport


def read(text: str) -> list[dict]:
    return list(citeport.read(text, "ris"))


PROCITE_FILM = """TY  - MPCT
T1  - The sorrow and the pity
N1  - Medium Designator: videorecording
A1  - Ophuls, Marcel
CY  - Paris
U5  - Television Rencontre
PY  - 1969
N1  - Size: 2 videodiscs
N1  - Notes: French with English subtitles
N1  - Call Number: PN1997 .S67 1969
ER  - 
"""


def test_procite_record_without_record_id_still_reads_labelled_notes():
    # ProCite does not always write "N1 - Record ID"; its field labels in N1 are its mark too.
    (item,) = read(PROCITE_FILM)
    assert item["call-number"] == "PN1997 .S67 1969"
    assert item["dimensions"] == "2 videodiscs"
    assert item["note"] == "Medium Designator: videorecording\nFrench with English subtitles"
    assert list(read(citeport.write([item], "ris"))) == [item]


def test_one_labelled_note_stays_a_note():
    (item,) = read("TY  - JOUR\nTI  - T\nN1  - Notes: see the erratum\nER  - \n")
    assert item["note"] == "Notes: see the erratum" and "call-number" not in item


def test_labelled_notes_without_record_id_do_not_retag():
    # ProCite's BOOK VL is the edition, but only a Record ID proves ProCite: VL stays the volume.
    (item,) = read("TY  - BOOK\nTI  - B\nVL  - 3\nN1  - Call Number: QA76\nN1  - Edition: 2nd\nER  - \n")
    assert (item["volume"], item["edition"], item["call-number"]) == ("3", "2nd", "QA76")


def test_film_sn_is_an_isbn():
    # EndNote's "Film or Broadcast" and ProCite label a film's SN "ISBN": a mistyped ISBN-10 (bad
    # check digit) of a DVD is no ISSN.
    (item,) = read("TY  - MPCT\nTI  - F\nSN  - 0-7907-4212-3\nER  - \n")
    assert item.get("ISBN") == "0-7907-4212-3" and "ISSN" not in item
    assert list(read(citeport.write([item], "ris"))) == [item]


def test_government_document_department_is_the_authority():
    text = ("TY  - GOVDOC\nAU  - Smith, Anne\nA2  - U.S. Department of Energy\nTI  - Annual energy outlook 2021\n"
            "PY  - 2021\nM1  - DOE/EIA-0383(2021)\nCY  - Washington, DC\nER  - \n")
    (item,) = read(text)
    assert item["authority"] == "U.S. Department of Energy" and "editor" not in item
    assert item["number"] == "DOE/EIA-0383(2021)"
    assert list(read(citeport.write([item], "ris"))) == [item]


def test_serial_volume_editor_is_no_translator():
    # EndNote's Serial: A2 "Editor", A3 "Editor, Series", A4 "Editor, Volume".
    text = ("TY  - SER\nAU  - Rossi, Paolo\nA2  - Bianchi, Carla\nA3  - Verdi, Luca\nA4  - Neri, Anna\n"
            "TI  - Studies in medieval trade\nT3  - Quaderni\nPY  - 2004\nER  - \n")
    (item,) = read(text)
    assert item["editor"] == [{"family": "Bianchi", "given": "Carla"}]
    assert item["collection-editor"] == [{"family": "Verdi", "given": "Luca"}]
    assert item["contributor"] == [{"family": "Neri", "given": "Anna"}] and "translator" not in item
    assert list(read(citeport.write([item], "ris"))) == [item]
