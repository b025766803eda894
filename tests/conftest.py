"""Shared test helpers: where ../shared is, and running the CLI in-process or as a process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CITEPORT_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"
SEED = SHARED / "seed" / "pubmed-legacy-abstract-page.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not available: {path}")
    return path


@pytest.fixture
def seed_path() -> Path:
    return shared_path("seed", "pubmed-legacy-abstract-page.txt")


def run_cli(*args: str, input: str | bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m citeport ARGS`` as a real process (exit codes, stderr, no traceback)."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "citeport", *args], input=input, capture_output=True, timeout=timeout,
        cwd=ROOT,
    )
    proc.stdout_text = proc.stdout.decode("utf-8", "replace")  # type: ignore[attr-defined]
    proc.stderr_text = proc.stderr.decode("utf-8", "replace")  # type: ignore[attr-defined]
    return proc


def field(item: dict, key: str):
    """A CSL variable of *item*, or ``custom.KEY`` for a key under ``custom``."""
    if key.startswith("custom."):
        return item.get("custom", {}).get(key[7:])
    return item.get(key)


def check_fields(item: dict, expected: dict) -> None:
    """Every key of *expected* matches *item*; None means absent; a callable is a predicate."""
    for key, want in expected.items():
        got = field(item, key)
        if want is None:
            assert got is None, f"{key}: expected nothing, got {got!r}"
        elif callable(want):
            assert want(got), f"{key}: {got!r}"
        else:
            assert got == want, f"{key}: {got!r} != {want!r}"


def read_page(text: str):
    """PubMed page text (or an "Abstract (text)" export) read as the pubmed-text format."""
    import citeport

    return citeport.read(text, "pubmed-text")


def one_page(text: str) -> dict:
    """The one record of a page text (fails with the diagnostics when there are more or none)."""
    items = read_page(text)
    assert len(items) == 1, items.diagnostics
    return items[0]


def assert_csl_round_trip_and_valid(items: list, name: str) -> None:
    """*items* come back unchanged through the CSL-JSON and CSL-YAML writers, and validate against
    csl-data.json (skipped without jsonschema or ../shared)."""
    import json

    import citeport

    for fmt in ("csl-json", "csl-yaml"):
        assert list(citeport.read(citeport.write(items, fmt), fmt)) == items, (name, fmt)
    schema = pytest.importorskip("jsonschema")
    path = shared_path("schemas", "csl", "input", "csl-data.json")
    schema.validate(json.loads(citeport.write(items, "csl-json")), json.loads(path.read_text()))
