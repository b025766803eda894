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
