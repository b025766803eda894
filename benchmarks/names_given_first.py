"""How well citeport splits names written given-first, measured on the real names of the shared corpus.

    .venv/bin/python benchmarks/names_given_first.py [--shared ../shared] [--show CLASS] [--all]

Every person name the corpus holds with a structured split (PubMed XML ForeName/LastName/Suffix, also the
recorded NCBI efetch replies; JATS <given-names>/<surname>/<suffix>; CSL-JSON family/given; Zotero gold
creators firstName/lastName; BibTeX/BibLaTeX names written "Last, First"; "Family, Given" in MEDLINE FAU,
RIS AU, refer %A and EndNote XML <author>) is written "Given Family Suffix" and
split again by

* ``family_start``   ``model.names.family_start`` (the rule itself, on the words without the suffix);
* ``parse_name``     ``model.names.parse_name`` (free-text references, CSL-JSON name strings);
* ``jats-string``    ``formats.jats_read.name_of`` on an untagged ``<string-name>``;
* ``page-text``      ``formats.pubmed_text_parse._full_name`` (PubMed page-text bylines).

A split agrees when given names and family name (particles included) are the structured ones, ignoring
case, dots and spaces (``J.R.R.`` = ``J. R. R.``). Names are counted once per source (unique given/family
pairs) and in every class they belong to (a name with none is ``plain``). ``--show CLASS`` lists the
names of a class ``family_start`` splits differently.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lxml import etree  # noqa: E402

from citeport.formats import jats_read, pubmed_text_parse  # noqa: E402
from citeport.model import xmlsafe  # noqa: E402
from citeport.model.names import PARTICLES, family_start, is_suffix, parse_name  # noqa: E402

Struct = tuple[str, str, str]  # given, family (particles included), suffix

#: romanised East Asian family names (Chinese, Korean, Japanese, Vietnamese), to class names, not to split them
EAST_ASIAN = frozenset("""wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren
shen yao jin fu zhong cui tan qiu qin shi hou shao meng long wan duan lei qian yin yi chang kong mao xiong hao kim
lee park choi jung jeong kang cho yoon yun jang lim han shin oh seo kwon hwang ahn song hong jeon ko moon yang son
bae baek heo nam sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki
yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto ishikawa ogawa okada goto hasegawa
murakami kondo ishii saito sakamoto endo aoki fujita nishimura fukuda ota miura fujii okamoto matsuda nakajima
nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly""".split())
DUTCH = frozenset(("van", "ten", "ter", "te", "'t", "van der", "van den", "van de", "vander", "vanden", "op"))


def classes(given: str, family: str) -> list[str]:
    """The name classes of a structured name (several may apply; none: plain)."""
    out = []
    fwords = family.split()
    first = fwords[0].lower() if fwords else ""
    if re.match(r"(?i)(al|el|abd|abu|bin|ben|ibn)[-\s]", family) or re.match(r"(?i)(abd|abu)\b", given.split()[-1]):
        out.append("arabic")
    elif first in DUTCH and len(fwords) > 1:
        out.append("dutch")
    elif len(fwords) > 1 and (first in PARTICLES or first.rstrip("'") + "'" in PARTICLES):
        out.append("particle")
    elif len(fwords) > 1:
        out.append("iberian-double" if not any(w.lower() in PARTICLES for w in fwords) else "particle")
    if family.lower() in EAST_ASIAN:
        out.append("east-asian")
    if "-" in family and "arabic" not in out:
        out.append("hyphenated")
    gwords = given.replace(".", ". ").split()
    if gwords and all(re.fullmatch(r"[A-Z\u00C0-\u00DE](?:-[A-Z])?\.?|[A-Z]{2,3}", w) for w in gwords):
        out.append("initials-given")
    elif len([w for w in gwords if len(w.rstrip(".")) > 1]) >= 2 or re.search(r"\w-\w{2,}", given):
        out.append("compound-given")
    return out or ["plain"]


# -- collecting the structured names ---------------------------------------------------------------------
def _text(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip() if el is not None else ""


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _xml_files(*dirs: Path) -> Iterator[Path]:
    for d in dirs:
        if d.exists():
            yield from sorted(p for p in d.rglob("*") if p.suffix in (".xml", ".nxml") and p.is_file())


def _parse(path: Path):
    try:
        return xmlsafe.parse_bytes(path.read_bytes(), str(path))
    except Exception:  # noqa: BLE001 - a corpus file that is not XML (a recorded error page) has no names
        return None


def pubmed_names(shared: Path) -> Iterator[Struct]:
    for path in _xml_files(shared / "corpus" / "pubmed-xml", shared / "http" / "ncbi_eutils"):
        root = _parse(path)
        if root is None:
            continue
        for a in root.iter("Author", "Investigator"):
            last, fore = a.find("LastName"), a.find("ForeName")
            if last is not None and fore is not None:
                yield _text(fore), _text(last), _text(a.find("Suffix"))


def jats_names(shared: Path) -> Iterator[Struct]:
    for path in _xml_files(shared / "corpus" / "jats-xml"):
        root = _parse(path)
        if root is None:
            continue
        for el in root.iter():
            if _local(el.tag) not in ("name", "string-name"):
                continue
            parts = {_local(c.tag): _text(c) for c in el}
            if parts.get("surname") and parts.get("given-names"):
                yield parts["given-names"], parts["surname"], parts.get("suffix", "")


def _csl_names(data) -> Iterator[Struct]:
    if isinstance(data, dict):
        for key, val in data.items():
            if key in ("author", "editor", "translator", "container-author", "collection-editor", "reviewed-author",
                       "director", "interviewer", "recipient", "composer", "illustrator") and isinstance(val, list):
                for n in val:
                    if isinstance(n, dict) and isinstance(n.get("family"), str) and isinstance(n.get("given"), str):
                        fam = " ".join(p for p in (n.get("dropping-particle"), n.get("non-dropping-particle"),
                                                   n["family"]) if isinstance(p, str) and p)
                        yield n["given"], fam, n.get("suffix", "") if isinstance(n.get("suffix"), str) else ""
            else:
                yield from _csl_names(val)
    elif isinstance(data, list):
        for v in data:
            yield from _csl_names(v)


def csl_names(shared: Path) -> Iterator[Struct]:
    for path in sorted((shared / "corpus").rglob("*.json")):
        if "zotero" in path.name:
            continue
        try:
            yield from _csl_names(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, UnicodeDecodeError):
            continue


def zotero_names(shared: Path) -> Iterator[Struct]:
    for path in sorted((shared / "corpus").rglob("*.expected.zotero.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            for c in item.get("creators", []) if isinstance(item, dict) else []:
                if c.get("firstName") and c.get("lastName") and c.get("fieldMode") != 1:
                    yield c["firstName"], c["lastName"], ""


_BIB_NAMES = re.compile(r"(?im)^\s*(?:author|editor)\s*=\s*[{\"](.*?)[}\"]\s*,?\s*$")


def bibtex_names(shared: Path) -> Iterator[Struct]:
    """Names written "Last, First" (or "Last, Jr, First") in the corpus's .bib files: the comma gives the split."""
    for path in sorted((shared / "corpus").rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in _BIB_NAMES.finditer(text):
            for name in re.split(r"\s+and\s+", m.group(1)):
                if "{" in name or "\\" in name:  # braces/TeX: not a plain name to test splitting on
                    continue
                parts = [p.strip() for p in name.split(",")]
                if len(parts) == 2 and parts[0] and parts[1]:
                    yield parts[1], parts[0], ""
                elif len(parts) == 3 and all(parts):
                    yield parts[2], parts[0], parts[1]


#: comma forms in tagged formats: MEDLINE FAU/FED/FIR, RIS AU/A1-A4/ED, refer %A/%E, EndNote XML <author>
_TAGGED = re.compile(r"(?m)^(?:(?:FAU|FED|FIR|AU|A[1-4]|ED)\s*-\s*|%[AE] )(.+?)\s*$|<author>(?:<style[^>]*>)?([^<]+)<")


def tagged_names(shared: Path) -> Iterator[Struct]:
    """Names written "Family, Given[, Suffix]" in MEDLINE, RIS, refer and EndNote XML files."""
    for path in sorted((shared / "corpus").rglob("*")):
        if not path.is_file() or path.suffix in (".json", ".bib", ".yaml") or path.stat().st_size > 5_000_000:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in _TAGGED.finditer(text):
            parts = [p.strip() for p in (m.group(1) or m.group(2)).split(",")]
            if len(parts) == 2 and all(parts):
                yield parts[1], parts[0], ""
            elif len(parts) == 3 and all(parts) and is_suffix(parts[2]):
                yield parts[1], parts[0], parts[2]


SOURCES: dict[str, Callable[[Path], Iterator[Struct]]] = {
    "pubmed-xml": pubmed_names, "jats": jats_names, "csl-json": csl_names, "zotero-gold": zotero_names,
    "bibtex": bibtex_names, "tagged": tagged_names,
}


# -- splitting them again ---------------------------------------------------------------------------------
def _joined(name: dict) -> tuple[str, str, str]:
    fam = " ".join(p for p in (name.get("dropping-particle"), name.get("non-dropping-particle"), name.get("family"))
                   if p)
    return name.get("given", ""), fam, name.get("suffix", "")


def by_family_start(text: str) -> tuple[str, str, str]:
    words = text.split()
    suffix = words.pop() if len(words) > 2 and is_suffix(words[-1]) else ""
    i = family_start(words)
    return " ".join(words[:i]), " ".join(words[i:]), suffix


def by_jats_string(text: str) -> tuple[str, str, str]:
    el = etree.fromstring(f"<string-name>{text.replace('&', '&amp;').replace('<', '&lt;')}</string-name>")
    return _joined(jats_read.name_of(el) or {})


SPLITTERS: dict[str, Callable[[str], tuple[str, str, str]]] = {
    "family_start": by_family_start,
    "parse_name": lambda t: _joined(parse_name(t)),
    "jats-string": by_jats_string,
    "page-text": lambda t: _joined(pubmed_text_parse._full_name(t)),
}


def _norm(s: str) -> str:
    return re.sub(r"[\s.]", "", s).lower()


def agrees(got: tuple[str, str, str], want: Struct) -> bool:
    return all(_norm(a) == _norm(b) for a, b in zip(got, want))


def collect(shared: Path) -> dict[str, list[Struct]]:
    out = {}
    for source, fn in SOURCES.items():
        seen: dict[Struct, None] = {}
        for given, family, suffix in fn(shared):
            given, family = re.sub(r"\s+", " ", given).strip(), re.sub(r"\s+", " ", family).strip()
            if given and family and not re.search(r"[\d,;()\[\]{}\\]|\s-|-\s", given + " " + family):
                seen[(given, family, suffix.strip())] = None
        out[source] = list(seen)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", help="list the names of this class that family_start splits differently")
    ap.add_argument("--splitter", default="family_start", choices=list(SPLITTERS))
    args = ap.parse_args()
    names = collect(args.shared)
    # agree[splitter][source or class] = [agreeing, total]
    agree: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[str, Struct, tuple]] = []
    for source, structs in names.items():
        for st in structs:
            text = " ".join(p for p in (st[0], st[1], st[2]) if p)
            cls = classes(st[0], st[1])
            for sname, split in SPLITTERS.items():
                got = split(text)
                ok = agrees(got, st)
                for key in [source, "ALL", *(f"class:{c}" for c in cls)]:
                    agree[sname][key][0] += ok
                    agree[sname][key][1] += 1
                if not ok and sname == args.splitter and args.show and (args.show in cls or args.show == "all"):
                    misses.append((source, st, got))
    keys = list(agree["family_start"])
    print(f"{'':22}" + "".join(f"{s:>18}" for s in SPLITTERS))
    for key in sorted(keys, key=lambda k: (k.startswith("class:"), k == "ALL", k)):
        row = "".join(f"{agree[s][key][0]:>7}/{agree[s][key][1]:<5}{100 * agree[s][key][0] / agree[s][key][1]:5.1f}%"
                      for s in SPLITTERS)
        print(f"{key:22}{row}")
    for source, st, got in misses:
        print(f"  [{source}] given={st[0]!r} family={st[1]!r} suffix={st[2]!r} -> given={got[0]!r} family={got[1]!r}")


if __name__ == "__main__":
    main()
