"""citeport's RIS read back by real peers: citation-js (plugin-ris) and bibutils ris2xml (MODS).

The records: every RIS, EndNote XML and CSL-JSON record in the shared corpus plus varied items
made here (types, particles, suffixes, organisations, ranges, e-locations), at least 200.
The kept share of title, author, year, volume, page and DOI values is printed and must be >= 99%.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import citeport
from citeport.model.dates import year_of
from conftest import ROOT, SHARED

NODE_SCRIPT = ROOT / "tests" / "peers" / "ris2csl.js"
CITATION_JS = ROOT / ".peers" / "node_modules" / "@citation-js" / "plugin-ris"
FIELDS = ("title", "author", "year", "volume", "page", "DOI")
#: The kept share of the values each peer supports must reach 99%.
FLOOR = {"citation-js": 0.99, "bibutils": 0.99}
#: What a peer cannot hold, by (peer, RIS type written, field): these values are not counted (they
#: are printed).  Everything else a peer drops counts as lost.
PEER_LIMITS: dict[tuple[str, str, str], str] = {
    **{("citation-js", ty, "author"): "its EndNote spec reads AU as the author only for other types "
       "(a bill's sponsor, a case's counsel have no CSL author there)"
       for ty in ("BILL", "CASE", "HEAR", "STAT", "UNBILL")},
    **{("citation-js", ty, "volume"): "its EndNote spec has no volume for this type"
       for ty in ("STAT", "PAT", "THES", "ELEC", "DATA", "ART", "MAP", "MPCT", "PCOMM", "HEAR", "UNPB")},
}


def _peer_limit(peer: str, ty: str, field: str, ours: dict) -> str | None:
    if (peer, ty, field) in PEER_LIMITS:
        return PEER_LIMITS[(peer, ty, field)]
    url = str(ours.get("URL") or "")
    if peer == "bibutils" and field == "DOI" and re.match(r"https?://(dx\.)?doi\.org/", url, re.I) \
            and ours.get("DOI", "").lower() not in url.lower():
        return "bibutils takes a doi.org URL (a shortDOI) as the DOI and drops DO"
    return None


def _written_types(ris: str) -> list[str]:
    return re.findall(r"^TY  - (\S+)", ris, re.M)


def _made_items() -> list[dict]:
    types = ["article-journal", "book", "chapter", "paper-conference", "report", "thesis", "webpage",
             "dataset", "article-newspaper", "article-magazine"]
    names = [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
             {"family": "Smith", "given": "John R.", "suffix": "Jr."}, {"literal": "WHO Study Group"},
             {"family": "Müller", "given": "Zoë"}, {"family": "O'Brien", "given": "Ann-Marie"}]
    # Only the variables each type has (a web page has no volume, a thesis no container): values
    # with no place in that type are not something a peer could be asked to keep.
    with_volume = {"article-journal", "book", "chapter", "paper-conference", "report", "article-newspaper",
                   "article-magazine"}
    with_container = with_volume - {"book", "report"} | {"webpage"}
    items = []
    for n in range(120):
        kind = types[n % len(types)]
        item = {"id": f"made{n}", "type": kind, "title": f"Study {n}: effects of X & Y — a review",
                "author": [names[n % 5], names[(n + 2) % 5]], "issued": {"date-parts": [[1990 + n % 30, 1 + n % 12]]},
                "DOI": f"10.{1000 + n}/abc.{n}"}
        if kind in with_volume:
            item["volume"] = str(n + 1)
            item["page"] = f"{100 + n}-{110 + n}" if n % 4 else f"e{n:05d}"
        if kind in with_container:
            item["container-title"] = f"Journal {n % 7}"
        items.append(item)
    return items


def _corpus_items() -> list[dict]:
    out = []
    for pattern, fmt in (("ris/*/*.ris", "ris"), ("endnote-xml/*/*.xml", "endnote-xml"), ("csl-json/*/*.json", None)):
        for path in sorted((SHARED / "corpus").glob(pattern)):
            if ".expected." in path.name:
                continue
            try:
                out.extend(citeport.read(str(path), fmt))
            except Exception:
                continue
    return out


def _family(name: dict) -> str:
    """The family name with its particle ('van der Berg'); an organisation's whole name.  RIS has no
    corporate-name marker, so a peer may split an organisation into parts (bibutils: given 'WHO
    Study', family 'Group'); 'whole' is the peer's name with all its parts, compared for those."""
    if name.get("literal"):
        return "=" + name["literal"]
    return " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)


def _same_author(ours: object, theirs: object) -> bool:
    if not isinstance(ours, tuple) or not isinstance(theirs, tuple) or len(ours) != len(theirs):
        return False
    return all(o == t[0] or (o.startswith("=") and o[1:] in t) for o, t in zip(ours, theirs))


def _values(item: dict, peer: bool = False) -> dict[str, object]:
    def norm(s: object) -> str:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", str(s))).strip().lower()
    out: dict[str, object] = {}
    if item.get("title"):
        out["title"] = norm(item["title"])
    # citation-js reads AU of NEWS as EndNote's "reporter" (plain strings): the same names, kept.
    reporters = item.get("reporter") or []
    reporters = [reporters] if isinstance(reporters, str) else reporters
    authors = item.get("author") or [{"family": r.split(",")[0]} for r in reporters]
    if authors:
        if peer:
            out["author"] = tuple((norm(_family(a)), norm(a.get("whole") or a.get("literal") or "")) for a in authors)
        else:
            out["author"] = tuple(norm(_family(a)) for a in authors)
    if year_of(item.get("issued")):
        out["year"] = year_of(item.get("issued"))
    if peer and not item.get("page") and item.get("page-first"):
        item = {**item, "page": item["page-first"]}  # citation-js: SP of CASE/NEWS/... as page-first
    for f in ("volume", "page", "DOI"):
        if item.get(f):
            out[f] = norm(item[f]).replace("\u2013", "-")
    return out


@pytest.fixture(scope="module")
def items() -> list[dict]:
    if not (SHARED / "corpus" / "MANIFEST.tsv").exists():
        pytest.skip(f"shared corpus not available ({SHARED}): the check needs its records (200 or more)")
    items = [i for i in _corpus_items() + _made_items() if i.get("title")]
    assert len(items) >= 200
    return items


def _kept(ours: list[dict], theirs: list[dict], peer: str, types: list[str]) -> tuple[int, int, list, list]:
    """(kept, counted, lost values, values not counted with the peer's limit)."""
    kept = total = 0
    lost, limited = [], []
    for a, b, ty in zip(ours, theirs, types):
        va, vb = _values(a), _values(b, peer=True)
        for field, value in va.items():
            if vb.get(field) == value or (field == "author" and _same_author(value, vb.get(field))):
                kept += 1
                total += 1
            elif _peer_limit(peer, ty, field, a):
                limited.append((a.get("id"), ty, field, _peer_limit(peer, ty, field, a)))
            else:
                total += 1
                lost.append((a.get("id"), ty, field, value, vb.get(field)))
    return kept, total, lost, limited


@pytest.mark.skipif(not shutil.which("node") or not CITATION_JS.exists(),
                    reason="citation-js not installed (npm install --prefix .peers @citation-js/core @citation-js/plugin-ris)")
def test_citation_js_reads_our_ris(items, capsys):
    ris = citeport.write(items, "ris")
    proc = subprocess.run(["node", str(NODE_SCRIPT)], input=ris, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    theirs = json.loads(proc.stdout)
    assert len(theirs) == len(items)
    kept, total, lost, limited = _kept(items, theirs, "citation-js", _written_types(ris))
    PEER = "citation-js"
    with capsys.disabled():
        print(f"\ncitation-js re-import of {len(items)} records: {kept}/{total} values kept ({kept / total:.2%}); "
              f"{len(limited)} not counted (PEER_LIMITS); lost: {lost}")
    assert kept / total >= FLOOR[PEER], lost[:20]


def _mods_items(xml: str) -> list[dict]:
    from lxml import etree
    ns = {"m": "http://www.loc.gov/mods/v3"}
    root = etree.fromstring(xml.encode("utf-8"))
    out = []
    for mods in root.findall("m:mods", ns):
        item: dict = {}
        title = mods.find("m:titleInfo/m:title", ns)
        sub = mods.find("m:titleInfo/m:subTitle", ns)
        if title is not None:
            item["title"] = title.text + (f": {sub.text}" if sub is not None else "")
        names = []
        for name in mods.findall("m:name", ns):
            role = name.findtext("m:role/m:roleTerm", default="author", namespaces=ns)
            if role != "author":
                continue
            family = name.findtext("m:namePart[@type='family']", namespaces=ns) or name.findtext("m:namePart", namespaces=ns)
            whole = " ".join(p.text or "" for p in name.findall("m:namePart", ns))
            names.append({"family": family, "whole": whole})
        if names:
            item["author"] = names
        year = mods.findtext("m:originInfo/m:dateIssued", namespaces=ns) or \
            mods.findtext("m:relatedItem/m:originInfo/m:dateIssued", namespaces=ns) or \
            mods.findtext("m:part/m:date", namespaces=ns) or mods.findtext("m:relatedItem/m:part/m:date", namespaces=ns)
        if year and re.match(r"\d{4}", year):
            item["issued"] = {"date-parts": [[int(year[:4])]]}
        for part in mods.iter("{http://www.loc.gov/mods/v3}part"):
            for detail in part.findall("m:detail", ns):
                if detail.get("type") == "volume":
                    item["volume"] = detail.findtext("m:number", namespaces=ns)
            for detail in part.findall("m:detail[@type='page']", ns):  # a single page / e-location
                item["page"] = detail.findtext("m:number", namespaces=ns)
            extent = part.find("m:extent[@unit='page']", ns)
            if extent is not None:
                start, end = extent.findtext("m:start", namespaces=ns), extent.findtext("m:end", namespaces=ns)
                item["page"] = f"{start}-{end}" if end else start
        for ident in mods.findall("m:identifier", ns):
            if ident.get("type") == "doi":
                item["DOI"] = ident.text
        out.append(item)
    return out


@pytest.mark.skipif(not shutil.which("ris2xml"), reason="bibutils ris2xml not installed")
def test_bibutils_reads_our_ris(items, tmp_path, capsys):
    # bibutils does not know every CSL type's variables (number-of-pages etc.); journal-like records
    # carry the six measured fields.
    path = tmp_path / "x.ris"
    path.write_text(citeport.write(items, "ris", newline="\n"), encoding="utf-8")
    proc = subprocess.run(["ris2xml", "-i", "utf8", "-o", "utf8", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    theirs = _mods_items(proc.stdout)
    assert len(theirs) == len(items)
    kept, total, lost, limited = _kept(items, theirs, "bibutils", _written_types(path.read_text(encoding="utf-8")))
    PEER = "bibutils"
    with capsys.disabled():
        print(f"\nbibutils ris2xml re-import of {len(items)} records: {kept}/{total} values kept ({kept / total:.2%}); "
              f"{len(limited)} not counted (PEER_LIMITS); lost: {lost}")
    assert kept / total >= FLOOR[PEER], lost[:20]
