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
