"""Mangled real files never crash or hang citeport: every format, every writer, the renderer.

Seeded mutations (truncation, random bytes, duplicated spans, lost line breaks) of corpus
files; the only acceptable failure is a CiteportError (a one-line message for the user).
"""
import glob
import random
import signal

import pytest

import citeport
from citeport.model.diagnostics import CiteportError
from conftest import shared_path

WRITERS = ("ris", "bibtex", "biblatex", "jats", "medline", "csl-json", "csl-yaml", "endnote-xml")


def _mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    op = rng.randrange(4)
    if op == 0 and b:
        del b[rng.randrange(len(b)):]
    elif op == 1 and b:
        for _ in range(5):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif op == 2 and b:
        i = rng.randrange(len(b))
        b[i:i] = b[: rng.randrange(200)]
    else:
        b = bytearray(bytes(b).replace(b"\n", b"\r", rng.randrange(50)))
    return bytes(b)


def test_mangled_corpus_files_never_crash_or_hang():
    root = shared_path("corpus")
    files = sorted(f for f in glob.glob(f"{root}/*/*/*") if not f.endswith((".md", ".tsv")) and "expected" not in f)
    rng = random.Random(20261125)
    rng.shuffle(files)

    def hang(*_):
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, hang)
    failures = []
    try:
        for path in files[:60]:
            data = open(path, "rb").read()
            for _ in range(2):
                signal.alarm(10)
                try:
                    items = citeport.read(_mutate(data, rng))
                    for fmt in WRITERS:
                        citeport.write(items, fmt)
                    citeport.render(items[:10], "apa")
                except CiteportError:
                    pass
                except Exception as exc:  # noqa: BLE001 - the point is to catch anything
                    failures.append((path, type(exc).__name__, str(exc)[:100]))
                finally:
                    signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, old)
    assert not failures, failures


# A stray NUL byte (a damaged copy) is named by line; the good records still come out and the exit
# status says the input was damaged.  Only a file full of control bytes is refused as binary.
NUL_FILES = {
    "refs.ris": (b"TY  - JOUR\nTI  - O\x00ne\nER  - \nTY  - JOUR\nTI  - Two\nER  - \n", ["One", "Two"], ":2:"),
    "refs.bib": (b"@article{a, title={O\x00ne}}\n@article{b, title={Two}}\n", ["One", "Two"], ":1:"),
    "refs.xml": (b'<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n<record><ref-type name="Book">6</ref-type>'
                 b'<titles><title>O\x00ne</title></titles></record>\n<record><ref-type name="Book">6</ref-type>'
                 b'<titles><title>Two</title></titles></record></records></xml>\n', ["One", "Two"], ":3:"),
    "refs.nbib": (b"PMID- 1\nTI  - O\x00ne\n\nPMID- 2\nTI  - Two\n", ["One", "Two"], ":2:"),
    "refs.json": (b'[{"id": "a", "type": "book", "title": "O\x00ne"},\n'
                  b' {"id": "b", "type": "book", "title": "Two"}]', ["One", "Two"], ":1:"),
}


@pytest.mark.parametrize("name", sorted(NUL_FILES))
def test_a_stray_nul_byte_keeps_the_good_records(tmp_path, name):
    import json

    from conftest import run_cli

    data, titles, where = NUL_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    proc = run_cli("convert", str(path), "-t", "csl-json")
    assert proc.returncode == 1, proc.stderr_text
    assert [i["title"] for i in json.loads(proc.stdout_text)] == titles
    assert "NUL" in proc.stderr_text and where in proc.stderr_text and "Traceback" not in proc.stderr_text


def test_binary_files_are_still_refused(tmp_path):
    from conftest import run_cli

    path = tmp_path / "paper.pdf"
    rng = random.Random(7)
    path.write_bytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(4000)))
    proc = run_cli("convert", str(path), "-t", "csl-json")
    assert proc.returncode == 2 and "binary file" in proc.stderr_text
