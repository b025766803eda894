"""The entry-point format plugin API: the example plugin in examples/plugin is installed
for real (pip, into a temporary target dir put on PYTHONPATH) and used through the CLI;
deliberately broken plugins are reported and skipped, never fatal."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

DATA = Path(__file__).parent / "data" / "plugins"
PLUGIN_SRC = ROOT / "examples" / "plugin"


def _cli(*args: str, path: Path, input: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(path), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "citeport", *args], input=input, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def _has_setuptools() -> bool:
    try:
        import setuptools  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pip-install examples/plugin (a copy, so no build/ lands in the tree) into a target dir."""
    tmp = tmp_path_factory.mktemp("plugin")
    src = tmp / "src"
    shutil.copytree(PLUGIN_SRC, src, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    target = tmp / "site"
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
    if _has_setuptools():  # build offline with the venv's setuptools
        cmd += ["--no-build-isolation", "--no-index"]
    proc = subprocess.run([*cmd, str(src)], capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.fail(f"pip could not install examples/plugin:\n{proc.stderr[-2000:]}")
    assert (target / "citeport_refer").is_dir()
    return target


def test_formats_lists_plugin_with_origin(plugin_path: Path) -> None:
    proc = _cli("formats", path=plugin_path)
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("refer "))
    assert "plugin citeport-refer 0.1.0" in row and "rw" in row and "enw" in row
    csl = next(line for line in proc.stdout.splitlines() if line.startswith("csl-json "))
    assert "built-in" in csl
    assert "skipped" not in proc.stderr


def test_convert_reads_plugin_format_sniffed(plugin_path: Path) -> None:
    proc = _cli("convert", str(DATA / "two.enw"), "--to", "csl-json", path=plugin_path)
    assert proc.returncode == 0, proc.stderr
    items = json.loads(proc.stdout)
    assert [i["title"] for i in items] == ["A study of things", "Second record"]
    first = items[0]
    assert first["type"] == "article-journal"
    assert first["author"][1] == {"family": "Berg", "given": "Piet", "non-dropping-particle": "van der"}
    assert first["author"][2] == {"literal": "WHO Consortium"}
    assert first["issued"] == {"date-parts": [[2012, 9, 4]]}
    assert (first["DOI"], first["PMID"], first["page"]) == ("10.1000/xyz123", "22943560", "22-31")
    assert first["abstract"] == "First paragraph.\nSecond paragraph."
    assert first["keyword"] == "alpha; beta"
    assert first["custom"]["tags"] == {"refer:1": ["custom one"]}
    assert items[1]["type"] == "book"  # guessed from %I without %J


def test_convert_writes_plugin_format_by_alias_and_round_trips(plugin_path: Path) -> None:
    items = [{"id": "x1", "type": "chapter", "title": "A chapter", "container-title": "The book",
              "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2001, 5]]},
              "abstract": "Para one.\n\n%A not a tag\nPara three.", "container-title-short": "Bk"}]
    proc = _cli("convert", "-", "--from", "csl-json", "--to", "enw", "--report", path=plugin_path,
                input=json.dumps(items))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "%0 Book Section\n" in out and "%B The book\n" in out and "%8 2001-05\n" in out
    assert "container-title-short" in proc.stderr and "dropped" in proc.stderr  # --report shows the loss
    back = _cli("convert", "-", "--from", "refer", "--to", "csl-json", path=plugin_path, input=out)
    assert back.returncode == 0, back.stderr
    (item,) = json.loads(back.stdout)
    assert item["abstract"] == "Para one.\n%A not a tag\nPara three."  # no blank line, tag-like line kept
    expected = {k: v for k, v in items[0].items() if k not in ("abstract", "container-title-short")}
    assert {k: v for k, v in item.items() if k != "abstract"} == expected


def test_plugin_gone_without_install() -> None:
    proc = _cli("formats", path=DATA)
    assert proc.returncode == 0
    assert not any(line.startswith("refer ") for line in proc.stdout.splitlines())


BROKEN_MODULE = '''
from citeport.formats.registry import Format

def _read(source, ctx):
    yield {"type": "document", "title": "first"}
    raise ValueError("boom in the middle")

CRASHY = Format(name="crashy", sniff=None, read=_read)
NOTHING = Format(name="nothing")
DUPE = Format(name="csl-json", read=_read)
NOT_A_FORMAT = 42
'''


@pytest.fixture(scope="module")
def broken_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hand-made installed distribution whose entry points are broken in every way."""
    site = tmp_path_factory.mktemp("broken")
    (site / "broken_demo.py").write_text(BROKEN_MODULE)
    (site / "raises_on_import.py").write_text("raise RuntimeError('plugin import failed')\n")
    info = site / "broken_demo-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-demo\nVersion: 0.3\n")
    (info / "entry_points.txt").write_text(textwrap.dedent("""\
        [citeport.formats]
        missing = no_such_module_xyz:FORMAT
        raises = raises_on_import:FORMAT
        number = broken_demo:NOT_A_FORMAT
        nothing = broken_demo:NOTHING
        dupe = broken_demo:DUPE
        crashy = broken_demo:CRASHY
        """))
    return site


def test_broken_plugins_reported_and_skipped(broken_path: Path) -> None:
    proc = _cli("formats", path=broken_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    names = [line.split()[0] for line in proc.stdout.splitlines()[1:]]
    assert "csl-json" in names and "crashy" in names and "nothing" not in names
    csl = next(line for line in proc.stdout.splitlines() if line.startswith("csl-json "))
    assert "built-in" in csl  # the duplicate did not replace the built-in
    for expected in ("'missing'", "no_such_module_xyz", "'raises'", "plugin import failed", "'number'",
                     "'nothing'", "neither read nor write", "broken-demo 0.3", "'csl-json'"):
        assert expected in proc.stderr, expected


def test_crashing_plugin_reader_is_one_line_error(broken_path: Path) -> None:
    proc = _cli("convert", "-", "--from", "crashy", "--to", "csl-json", path=broken_path, input="x\n")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "format 'crashy' (plugin broken-demo 0.3) failed to read: ValueError: boom in the middle" in proc.stderr


def test_builtins_work_beside_broken_plugins(broken_path: Path) -> None:
    proc = _cli("convert", "-", "--from", "csl-json", "--to", "csl-yaml", path=broken_path,
                input='[{"id": "a", "type": "book", "title": "Kept"}]')
    assert proc.returncode == 0, proc.stderr
    assert "Kept" in proc.stdout


def test_registry_add_checks_and_origin() -> None:
    from citeport.formats.registry import Format, Registry, check_format

    reg = Registry()
    reg._loaded = True  # only what is added here
    reg.add(Format(name="one", aliases=("uno",), read=lambda s, c: iter(())))
    assert reg.get("UNO").name == "one" and reg.get("uno").origin == "built-in"
    with pytest.raises(TypeError):
        reg.add("not a format")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        check_format(Format(name="x", aliases="abc", read=lambda s, c: iter(())))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        check_format(Format(name="x", read="nope"))  # type: ignore[arg-type]
