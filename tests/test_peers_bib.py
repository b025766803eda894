"""citeport's BibTeX and BibLaTeX read back by real peers: pandoc, citation-js, bibutils.

The records: every record of the shared corpus in the formats citeport reads (BibTeX, BibLaTeX,
CSL-JSON/YAML, RIS, MEDLINE, PubMed XML, JATS, EndNote XML) plus varied CSL items made here
(every CSL type, particles, suffixes, organisations, accents, markup, LaTeX specials, ranges,
e-locations), at least 200.  Each is written once as BibTeX and once as BibLaTeX, and read back
by ``pandoc -f bibtex|biblatex -t csljson``, citation-js (plugin-bibtex, tests/peers/) and
bibutils ``bib2xml`` (MODS).  For title, author, year, volume, page and DOI the share of values
that come back equal is printed and must be >= 99% for every peer and flavour.

A peer that is not installed is skipped with the reason.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache

import pytest

import citeport
from citeport.model.dates import year_of
from citeport.model.text import strip_markup
from citeport.model.xmlsafe import local, parse_bytes
from conftest import ROOT, SHARED

FIELDS = ("title", "author", "year", "volume", "page", "DOI")
TARGET = 0.99
NODE_SCRIPT = ROOT / "tests" / "peers" / "citationjs_bibtex.js"
CITATION_JS = ROOT / ".peers" / "node_modules" / "@citation-js" / "plugin-bibtex"
#: Corpus formats read for records (MANIFEST name -> citeport format).
CORPUS_FORMATS = {"bibtex": "bibtex", "biblatex": "biblatex", "csl-json": "csl-json",
                  "csl-yaml (markdown front matter)": "csl-yaml", "ris": "ris", "medline-nbib": "medline",
                  "pubmed-xml": "pubmed-xml", "jats-xml": "jats", "endnote-xml": "endnote-xml"}
CSL_TYPES = ["article-journal", "book", "chapter", "paper-conference", "report", "thesis", "webpage",
             "dataset", "article-newspaper", "article-magazine", "manuscript", "patent", "software",
             "entry-encyclopedia", "motion_picture", "song", "graphic", "legal_case", "pamphlet", "review"]
NAMES = [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
         {"family": "Smith", "given": "John R.", "suffix": "Jr."}, {"literal": "WHO Study Group"},
         {"family": "Müller", "given": "Zoë"}, {"family": "O'Brien", "given": "Ann-Marie"},
         {"family": "Lloyd Webber", "given": "Andrew"}, {"family": "Dvořák", "given": "Antonín"},
         {"family": "la Fontaine", "given": "Jean", "non-dropping-particle": "de"},
         {"family": "Nguyễn", "given": "Văn A."}, {"literal": "Acme Research & Development, Inc."}]
TITLES = ["Effects of X & Y on DNA repair: a review", "The 50% rule — revisited", "Über die Größe von C#",
          "mRNA vaccines against COVID-19 in the NHS", "A <i>Drosophila</i> model of sleep",
          "Cost in $ and time_to_event", "Naïve Bayes, façade & café", "H<sub>2</sub>O and CO<sub>2</sub>"]


def _made_items() -> list[dict]:
    items = []
    for n in range(140):
        t = CSL_TYPES[n % len(CSL_TYPES)]
        item = {"id": f"made{n}", "type": t, "title": f"{TITLES[n % len(TITLES)]} {n}",
                "author": [NAMES[n % len(NAMES)], NAMES[(n + 3) % len(NAMES)]],
                "issued": {"date-parts": [[1950 + n % 75, 1 + n % 12]]}}
        if n % 3:
            item["volume"] = str(n % 40 + 1)
        if n % 5:
            item["page"] = f"{100 + n}-{112 + n}" if n % 4 else f"e{n:05d}"
        if n % 2:
            item["DOI"] = f"10.{1000 + n}/abc_{n}.x-{n % 7}"
        if t in ("article-journal", "article-newspaper", "article-magazine", "review"):
            item["container-title"] = f"Journal of Tests {n % 7}"
            item["issue"] = str(n % 12 + 1)
        elif t in ("chapter", "paper-conference", "entry-encyclopedia"):
            item["container-title"] = f"Proceedings & Papers {n % 5}"
            item["editor"] = [NAMES[(n + 1) % len(NAMES)]]
        if t in ("book", "report", "thesis"):
            item["publisher"] = "Oxford University Press" if n % 2 else "Institute of Tests"
            item["publisher-place"] = "Oxford"
        items.append(item)
    return items


@lru_cache(maxsize=1)
def _items() -> tuple[dict, ...]:
    out = list(_made_items())
    manifest = SHARED / "corpus" / "MANIFEST.tsv"
    if manifest.exists():
        for row in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            cols = row.split("\t")
            fmt = CORPUS_FORMATS.get(cols[1])
            if fmt:
                try:
                    out.extend(citeport.read(str(manifest.parent / cols[0]), fmt))
                except Exception:  # a file citeport rejects as a whole is not a record to compare
                    continue
    return tuple(out)


# --- normalisation: the same value, written by two tools ------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u00a0": " ", "{": "", "}": ""})


def _text(value: object) -> str:
    s = strip_markup(str(value)).replace("---", "-").replace("--", "-")
    s = unicodedata.normalize("NFC", s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    return re.sub(r"\s+", " ", s.translate(_QUOTES)).strip().casefold()


def _family(name: dict) -> str:
    if name.get("literal"):
        return _text(name["literal"])
    return _text(" ".join(p for p in (name.get("dropping-particle"), name.get("non-dropping-particle"),
                                      name.get("family") or name.get("given")) if p))


def _values(item: dict) -> dict[str, str]:
    """The six compared values of a CSL item (absent ones left out)."""
    out: dict[str, str] = {}
    if item.get("title"):
        out["title"] = _text(item["title"])
    names = item.get("author") or item.get("editor") or []
    if names:
        out["author"] = " | ".join(_family(n) for n in names)
    year = year_of(item.get("issued"))
    if year:
        out["year"] = str(year)
    for var in ("volume", "page", "DOI"):
        if item.get(var):
            out[var] = re.sub(r"\s*[-\u2013\u2014]+\s*", "-", str(item[var])).strip().casefold()
    if "page" in out:  # "943-7" and "943-947" are one range
        out["page"] = re.sub(r"^(\d+)-(\d+)$", lambda m: m.group(1) + "-" + (
            m.group(1)[:len(m.group(1)) - len(m.group(2))] + m.group(2)
            if len(m.group(2)) < len(m.group(1)) else m.group(2)), out["page"])
    return out


# --- peers ------------------------------------------------------------------------------------------


def _write(flavour: str) -> tuple[list[str], str]:
    """citeport's output and the key of each record, in order."""
    items = _items()
    text = citeport.write(items, flavour)
    keys = re.findall(r"^@[A-Za-z]+\{([^,\n]+),?$", text, re.M)
    assert len(keys) == len(items)
    return keys, text


def _pandoc(text: str, flavour: str) -> dict[str, dict]:
    proc = subprocess.run(["pandoc", "-f", flavour, "-t", "csljson"], input=text, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[:500]
    return {str(i["id"]): i for i in json.loads(proc.stdout)}


def _citation_js(text: str, flavour: str) -> dict[str, dict]:
    proc = subprocess.run(["node", str(NODE_SCRIPT)], input=text, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[:500]
    return {str(i.get("citation-key") or i["id"]): i for i in json.loads(proc.stdout)}


def _mods_item(mods) -> dict:
    """The compared variables from one MODS record (bibutils)."""
    item: dict = {}
    kids = [k for k in mods if isinstance(k.tag, str)]
    for ti in (k for k in kids if local(k.tag) == "titleInfo" and not k.get("type")):
        parts = {local(c.tag): (c.text or "") for c in ti if isinstance(c.tag, str)}
        title = parts.get("title", "")
        item["title"] = f"{title}: {parts['subTitle']}" if parts.get("subTitle") else title
        break
    names: dict[str, list] = {}
    for name in (k for k in kids if local(k.tag) == "name"):
        fam = [p.text or "" for p in name if isinstance(p.tag, str) and local(p.tag) == "namePart"
               and p.get("type") in ("family", None)]
        role = "".join(t.text or "" for t in name.iter() if isinstance(t.tag, str) and local(t.tag) == "roleTerm")
        if fam:
            names.setdefault(role or "author", []).append({"family": " ".join(fam)})
    if names.get("author") or names.get("editor"):
        item["author"] = names.get("author") or names["editor"]
    for el in mods.iter():
        if not isinstance(el.tag, str):
            continue
        tag = local(el.tag)
        if tag in ("dateIssued", "date") and el.text and "issued" not in item:
            m = re.match(r"-?\d+", el.text.strip())
            if m:
                item["issued"] = {"date-parts": [[int(m.group(0))]]}
        elif tag == "detail" and el.get("type") in ("volume", "page") and el.get("type") not in item:
            item[el.get("type")] = "".join(el.itertext()).strip()
        elif tag == "extent" and el.get("unit") == "page" and "page" not in item:
            ends = {local(c.tag): (c.text or "") for c in el if isinstance(c.tag, str)}
            item["page"] = "-".join(v for v in (ends.get("start"), ends.get("end")) if v) or ends.get("list", "")
        elif tag == "identifier" and el.get("type") == "doi" and el.text:
            item["DOI"] = el.text.strip()
    return item


def _bibutils(text: str, flavour: str) -> dict[str, dict]:
    proc = subprocess.run(["bib2xml", "-i", "utf8", "-o", "utf8"] if flavour == "bibtex" else
                          ["biblatex2xml", "-i", "utf8", "-o", "utf8"], input=text.encode("utf-8"),
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[:500]
    root = parse_bytes(proc.stdout.lstrip(b"\xef\xbb\xbf"), "bib2xml output")
    return {m.get("ID"): _mods_item(m) for m in root if isinstance(m.tag, str) and local(m.tag) == "mods"}


PEERS = {"pandoc": (_pandoc, lambda: shutil.which("pandoc"), "pandoc is not installed"),
         "citation-js": (_citation_js, lambda: shutil.which("node") and CITATION_JS.exists(),
                         "node or @citation-js/plugin-bibtex missing (npm install --prefix .peers ...)"),
         "bibutils": (_bibutils, lambda: shutil.which("bib2xml") and shutil.which("biblatex2xml"),
                      "bibutils (bib2xml) is not installed")}


def supported(peer: str, flavour: str, entry_types: set[str]) -> dict[str, set[str]]:
    """Which of FIELDS the peer reads at all, per entry type: a probe entry with every field set.

    (bibutils, for one, has no volume or pages for a @techreport, nor a DOI for a biblatex @patent.)
    """
    probe = "".join(f"@{t}{{probe-{t}, author = {{Probe, Anna}}, title = {{Probe}}, year = {{2000}}, "
                    f"date = {{2000}}, volume = {{5}}, pages = {{10--20}}, doi = {{10.1/probe}}, "
                    f"journal = {{J}}, journaltitle = {{J}}, booktitle = {{B}}}}\n" for t in sorted(entry_types))
    back = PEERS[peer][0](probe, flavour)
    return {t: set(_values(back.get(f"probe-{t}", {}))) for t in entry_types}


def kept_share(peer: str, flavour: str) -> tuple[int, int, list[tuple[str, str, str, str]]]:
    """(values kept, values written, the lost ones as (key, field, ours, theirs)); fields the peer
    does not read for an entry type are not counted."""
    keys, text = _write(flavour)
    types = [t.lower() for t in re.findall(r"^@([A-Za-z]+)\{", text, re.M)]
    support = supported(peer, flavour, set(types))
    theirs = PEERS[peer][0](text, flavour)
    kept, total, lost = 0, 0, []
    for key, etype, item in zip(keys, types, _items()):
        ours = _values(item)
        back = _values(theirs.get(key, {}))
        if peer == "bibutils" and "title" in back:  # it leaves LaTeX commands it does not know as text
            # and writes \textasciicircum as U+2303
            # (it drops the braces too: "\textsuperscriptsup", so the known command names go first)
            back["title"] = re.sub(r"\\(?:textsuperscript|textsubscript)\s*|\\[a-z]+\s*", "",
                                   back["title"]).replace("\u2303", "^")
        for field in FIELDS:
            if field in ours and field in support[etype]:
                total += 1
                if back.get(field) == ours[field] or (field == "title" and item.get("volume-title") and
                                                      back.get(field) == _text(item["volume-title"])):
                    kept += 1  # BibTeX has no maintitle: the volume's own title is the entry's title
                else:
                    lost.append((key, field, ours[field], back.get(field, "")))
    return kept, total, lost


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
@pytest.mark.parametrize("peer", list(PEERS))
def test_peer_reads_back(peer, flavour):
    available = PEERS[peer][1]
    if not available():
        pytest.skip(PEERS[peer][2])
    if not (SHARED / "corpus" / "MANIFEST.tsv").exists():
        pytest.skip(f"shared corpus not available ({SHARED}): the check needs its records (200 or more)")
    assert len(_items()) >= 200
    kept, total, lost = kept_share(peer, flavour)
    print(f"{peer} reading citeport's {flavour}: {kept}/{total} values kept = {kept / total:.2%} "
          f"({len(_items())} records)")
    assert kept / total >= TARGET, "\n".join(" | ".join(x) for x in lost[:25])


if __name__ == "__main__":  # python tests/test_peers_bib.py: the figures and the lost values
    import sys

    for p in PEERS:
        for fl in ("bibtex", "biblatex"):
            if PEERS[p][1]():
                k, t, lost_values = kept_share(p, fl)
                print(f"{p:12s} {fl:9s} {k}/{t} = {k / t:.2%}")
                if "--list" in sys.argv:
                    for x in lost_values:
                        print("   ", " | ".join(x)[:300])
