"""Write CSL items the way real exporters write CSL-JSON and CSL-YAML (for tests/test_csl_dialects.py).

Each dialect is written from what those tools really produce: key order and casing, indentation,
escaping, id forms, date forms (ints, strings, ``raw``, ``literal``, pandoc/BBT YAML dates), name
objects (Mendeley's empty particles, Crossref's ORCID/affiliation/sequence, citeproc-js flags),
wrappers (single object, ``{"items": [...]}``, Markdown front matter), BOM and CRLF.  A dialect also
says which fields it carries (``carries``) and why the others are absent (``reasons``).
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Callable

BASE = ("type", "title", "author", "container-title", "issued", "volume", "issue", "page", "DOI", "ISBN",
        "ISSN", "publisher", "publisher-place", "abstract", "keyword", "URL", "PMID")

#: CSL type -> Crossref type (the API / content-negotiation names).
CROSSREF_TYPES = {"article-journal": "journal-article", "chapter": "book-chapter", "book": "book",
                  "paper-conference": "proceedings-article", "thesis": "dissertation", "report": "report",
                  "article": "posted-content", "dataset": "dataset"}
#: CSL type -> DataCite resourceTypeGeneral as its CSL export writes the CSL type (bolognese).
DATACITE_TYPES = {"article-journal": "article-journal", "book": "book", "chapter": "chapter",
                  "paper-conference": "paper-conference", "thesis": "thesis", "report": "report",
                  "article": "article", "dataset": "dataset"}


NAME_PARTS = ("family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal")


@dataclass
class Dialect:
    name: str
    render: Callable[[list[dict]], str]
    yaml: bool = False
    carries: frozenset = frozenset(BASE)
    reasons: dict = field(default_factory=dict)
    date: int = 3  # date precision the dialect keeps
    per_record: bool = False  # the service answers one record per request: read each alone

    @property
    def fmt(self) -> str:
        return "csl-yaml" if self.yaml else "csl-json"


def _without(*names: str) -> frozenset:
    return frozenset(f for f in BASE if f not in names)


def _parts(item: dict) -> list:
    dp = (item.get("issued") or {}).get("date-parts") or [[]]
    return [int(x) for x in dp[0] if str(x).strip().lstrip("-").isdigit()]


def _keywords(item: dict) -> list[str]:
    return [k.strip() for k in re.split(r"[;\n]", item.get("keyword") or "") if k.strip()]


def _base(item: dict, keys=BASE + ("editor", "container-title-short", "language", "PMCID", "genre",
                                   "collection-title", "edition", "number")) -> dict:
    out = {k: item[k] for k in keys if item.get(k) not in (None, "", [])}
    for role in ("author", "editor"):  # only the CSL name parts (corpus names may carry more)
        if role in out:
            out[role] = [{k: v for k, v in n.items() if k in NAME_PARTS and isinstance(v, str) and v}
                         for n in out[role]]
    return out


def _jdump(obj, indent=None, ascii=False, sort=False, sep=None) -> str:
    return json.dumps(obj, indent=indent, ensure_ascii=ascii, sort_keys=sort, separators=sep)


# --- JSON dialects ------------------------------------------------------------------------------

def zotero_export(items: list[dict]) -> str:
    """Zotero 'CSL JSON' export: tab-indented array; Extra's PMID/PMCID as 'KEY: value' note lines;
    tags not exported; year as a string; ids are item URIs."""
    out = []
    for n, it in enumerate(items):
        d = {"id": f"http://zotero.org/users/local/Xa9Kp2Qz/items/{n:04d}ABCD", "type": it["type"]}
        d.update({k: v for k, v in _base(it).items() if k not in ("type", "keyword", "PMID", "PMCID", "issued")})
        note = [f"{k}: {it[k]}" for k in ("PMID", "PMCID") if it.get(k)]
        if note:
            d["note"] = "\n".join(note)
        p = _parts(it)
        if p:
            d["issued"] = {"date-parts": [[str(p[0])] + p[1:]]}
        d["accessed"] = {"date-parts": [["2021", 3, 4]]}
        if it.get("type") == "article-journal" and it.get("container-title"):
            d["source"] = "PubMed" if it.get("PMID") else "DOI.org (Crossref)"
        out.append(d)
    return json.dumps(out, indent="\t", ensure_ascii=False)


def zotero_api(items: list[dict]) -> str:
    """Zotero web API ``?format=csljson``: an ``{"items": [...]}`` wrapper, ids 'LIBRARY/KEY'."""
    out = []
    for n, it in enumerate(items):
        d = {"id": f"5421871/K{n:07d}"}
        d.update({k: v for k, v in _base(it).items() if k not in ("keyword", "PMID", "PMCID")})
        if it.get("PMID"):
            d["note"] = f"PMID: {it['PMID']}"
        out.append(d)
    return json.dumps({"items": out}, indent=4, ensure_ascii=False)


def _cite_key(it: dict, n: int) -> str:
    a = (it.get("author") or [{}])[0]
    fam = re.sub(r"\W", "", (a.get("family") or a.get("literal") or "anon").split()[0]).lower()
    year = (_parts(it) or [""])[0]
    word = re.sub(r"\W", "", (re.findall(r"[A-Za-z]{4,}", it.get("title") or "x") or ["x"])[0]).lower()
    return f"{fam}{word}{year}{'' if n < 26 else n}"


def bbt_json(items: list[dict]) -> str:
    """Better BibTeX 'Better CSL JSON': citation keys as ids and ``citation-key``; ints in dates;
    PMID as a real variable; no keywords."""
    out = []
    for n, it in enumerate(items):
        d = {"id": _cite_key(it, n), "citation-key": _cite_key(it, n)}
        d.update({k: v for k, v in _base(it).items() if k != "keyword"})
        out.append(d)
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def mendeley(items: list[dict]) -> str:
    """Mendeley (the itemData its plugin and export write): compact, sorted keys, ids 'ITEM-n',
    names with empty particles and ``parse-names: false``, date-parts as strings."""
    out = []
    for n, it in enumerate(items, 1):
        d = {k: v for k, v in _base(it).items() if k not in ("keyword", "PMCID")}
        d["id"] = f"ITEM-{n}"
        for role in ("author", "editor"):
            if it.get(role):
                d[role] = [{"dropping-particle": n_.get("dropping-particle", ""),
                            "family": n_.get("family", n_.get("literal", "")),
                            "given": n_.get("given", ""),
                            "non-dropping-particle": n_.get("non-dropping-particle", ""),
                            "parse-names": False, "suffix": n_.get("suffix", "")} for n_ in it[role]]
        if _parts(it):
            d["issued"] = {"date-parts": [[str(x) for x in _parts(it)]]}
        out.append(d)
    return json.dumps(out, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def citation_js(items: list[dict]) -> str:
    """citation-js ``cite.format('data')``: 2-space JSON with ``_graph`` and ``citation-key``."""
    out = []
    for n, it in enumerate(items):
        d = dict(_base(it))
        d["id"] = it.get("DOI") or f"temp_id_{3000 + n}"
        d["citation-key"] = _cite_key(it, n)
        d["_graph"] = [{"type": "@else/list+object", "data": "[...]"},
                       {"type": "@csl/list+object", "data": "[...]"}]
        out.append(d)
    return json.dumps(out, indent=2, ensure_ascii=False)


def pandoc_json(items: list[dict]) -> str:
    """pandoc ``-t csljson``: aeson-pretty, sorted keys, one date part a line, title markup kept."""
    out = []
    for n, it in enumerate(items):
        d = dict(_base(it))
        d["id"] = _cite_key(it, n)
        if d.get("keyword"):
            d["keyword"] = ", ".join(_keywords(it))
        out.append(d)
    return json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


JATS_INLINE = {"i": "jats:italic", "b": "jats:bold", "sup": "jats:sup", "sub": "jats:sub", "sc": "jats:sc"}


def _jats_abstract(text: str) -> str:
    """Crossref's abstracts are JATS: ``<jats:p>`` paragraphs, ``<jats:italic>`` etc., XML escapes."""
    paras = []
    for p in (p for p in text.split("\n") if p.strip()):
        p = html.escape(p, quote=False)
        p = re.sub(r"&lt;(/?)(i|b|sup|sub)&gt;", lambda m: f"<{m[1]}{JATS_INLINE[m[2]]}>", p)
        paras.append(f"<jats:p>{p}</jats:p>")
    title = "<jats:title>Abstract</jats:title>" if len(paras) > 1 else ""
    return f"<jats:sec>{title}" + "".join(paras) + "</jats:sec>" if title else "".join(paras)


def crossref(items: list[dict]) -> str:
    """Crossref content negotiation (``application/vnd.citationstyles.csl+json``) as served: one
    object per DOI (several concatenated as an array here), compact, ASCII-escaped; Crossref type
    names, container-title and ISSN as lists, ORCID/affiliation/sequence on names, JATS abstract,
    en dash pages, published-print/-online beside issued."""
    out = []
    for it in items:
        p = _parts(it)
        d = {"indexed": {"date-parts": [[2023, 4, 1]], "date-time": "2023-04-01T10:22:31Z",
                         "timestamp": 1680344551000},
             "reference-count": 31, "publisher": it.get("publisher") or "Elsevier BV",
             "content-domain": {"domain": [], "crossmark-restriction": False},
             "short-container-title": [it["container-title-short"]] if it.get("container-title-short") else [],
             "DOI": it.get("DOI", ""), "type": CROSSREF_TYPES.get(it["type"], "other"),
             "created": {"date-parts": [[2019, 1, 2]], "date-time": "2019-01-02T08:00:00Z",
                         "timestamp": 1546416000000},
             "source": "Crossref", "is-referenced-by-count": 12, "title": it.get("title", ""),
             "prefix": (it.get("DOI") or "10.0000/").split("/")[0], "member": "78",
             "container-title": [it["container-title"]] if it.get("container-title") else [],
             "link": [{"URL": "https://api.elsevier.com/content/article/x", "content-type": "text/xml",
                       "content-version": "vor", "intended-application": "text-mining"}],
             "deposited": {"date-parts": [[2020, 2, 3]]}, "score": 1}
        if not it.get("publisher"):
            del d["publisher"]
        for k in ("volume", "issue", "publisher-place"):
            if it.get(k):
                d[k] = it[k]
        if it.get("page"):
            d["page"] = it["page"].replace("-", "\u2013")
        if it.get("abstract"):
            d["abstract"] = _jats_abstract(it["abstract"])
        if it.get("ISSN"):
            d["ISSN"] = [it["ISSN"]] if isinstance(it["ISSN"], str) else list(it["ISSN"])
            d["issn-type"] = [{"value": d["ISSN"][0], "type": "print"}]
        if it.get("ISBN"):
            d["ISBN"] = [it["ISBN"]]
        for role in ("author", "editor"):
            if it.get(role):
                names = []
                for i, nm in enumerate(it[role]):
                    # Crossref has no particle fields: they stay in the given / family strings
                    x = ({"name": nm["literal"]} if nm.get("literal") else
                         {"given": " ".join(q for q in (nm.get("given"), nm.get("dropping-particle")) if q),
                          "family": " ".join(q for q in (nm.get("non-dropping-particle"), nm.get("family")) if q)})
                    if nm.get("suffix"):
                        x["suffix"] = nm["suffix"]
                    if i == 0:
                        x["ORCID"] = "http://orcid.org/0000-0002-1825-0097"
                        x["authenticated-orcid"] = False
                    x["sequence"] = "first" if i == 0 else "additional"
                    x["affiliation"] = [{"name": "Dept. of Medicine, Univ. of X"}] if i % 2 else []
                    names.append(x)
                d[role] = names
        if p:
            d["published-print"] = {"date-parts": [p]}
            d["published-online"] = {"date-parts": [p[:1] + [1]]}
            d["issued"] = {"date-parts": [p]}
        d["URL"] = f"http://dx.doi.org/{it['DOI']}" if it.get("DOI") else it.get("URL", "")
        d["relation"] = {}
        d["subject"] = ["General Medicine"]
        out.append(d)
    return json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=True, separators=(",", ":"))


def datacite(items: list[dict]) -> str:
    """DataCite's CSL (bolognese): 2-space, id is the DOI URL, subjects as ``categories``,
    organisations as ``literal``; no issue/page for most records."""
    out = []
    for it in items:
        d = {"type": DATACITE_TYPES.get(it["type"], "article"),
             "id": f"https://doi.org/{it['DOI'].lower()}" if it.get("DOI") else it.get("URL", "")}
        if _keywords(it):
            d["categories"] = _keywords(it)
        if it.get("language"):
            d["language"] = it["language"]
        for role in ("author", "editor"):
            if it.get(role):
                d[role] = [({"literal": n["literal"]} if n.get("literal") else
                            {k: n[k] for k in NAME_PARTS if n.get(k)})
                           for n in it[role]]
        if _parts(it):
            d["issued"] = {"date-parts": [_parts(it)]}
        d["submitted"] = None
        for k in ("abstract", "container-title", "DOI", "volume", "issue", "page", "publisher", "title",
                  "ISSN", "ISBN", "URL", "PMID", "publisher-place"):
            if it.get(k):
                d[k] = it[k]
        d["copyright"] = "Creative Commons Attribution 4.0 International"
        d["version"] = "1"
        out.append(d)
    return json.dumps(out, indent=2, ensure_ascii=False)


def manubot(items: list[dict]) -> str:
    """Manubot ``cite --format csljson``: 2-space array, short hashed ids, the provenance note."""
    out = []
    for n, it in enumerate(items):
        d = {k: v for k, v in _base(it).items() if k != "keyword"}
        std = f"doi:{it['DOI']}" if it.get("DOI") else (f"pubmed:{it['PMID']}" if it.get("PMID") else f"url:x{n}")
        d = {"id": f"{'abcdefgh'[n % 8]}Xk9{n}q2Y", **d}
        d["note"] = (f"This CSL Item was generated by Manubot v0.5.2 from its persistent identifier "
                     f"(standard_id).\nstandard_id: {std}")
        out.append(d)
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def _name_flags(n: dict, i: int) -> dict:
    x = dict(n)
    if x.get("suffix"):
        x["comma-suffix"] = True
    if i == 0 and x.get("family") and not x.get("literal"):
        x["parse-names"] = False
    if i == 1 and x.get("family"):
        x["static-ordering"] = False
    return x


def citeproc_fixture(items: list[dict]) -> str:
    """citeproc-js test fixtures: ids and numbers as ints, date-parts as strings, name flags,
    ``circa``, seasons."""
    out = []
    for n, it in enumerate(items):
        d = {"id": n + 1}
        d.update(_base(it))
        for k in ("volume", "issue"):
            if str(d.get(k, "")).isdigit():
                d[k] = int(d[k])
        for role in ("author", "editor"):
            if it.get(role):
                d[role] = [_name_flags(x, i) for i, x in enumerate(it[role])]
        p = _parts(it)
        if p:
            d["issued"] = {"date-parts": [[str(x) for x in p]]}
            if n % 3 == 1:
                d["issued"]["circa"] = 1
        out.append(d)
    return json.dumps(out, indent=4, ensure_ascii=False)


def citeproc_raw(items: list[dict]) -> str:
    """citeproc-js fixtures and hand-written files with ``raw`` and ``literal`` dates."""
    out = []
    for n, it in enumerate(items):
        d = {"id": f"ITEM-{n + 1}"}
        d.update(_base(it))
        p = _parts(it)
        if p:
            iso = "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(p))
            d["issued"] = {"raw": iso} if n % 2 == 0 else {"literal": iso}
        out.append(d)
    return json.dumps(out, indent=2, ensure_ascii=False)


def hand_edited(items: list[dict]) -> str:
    """Windows-saved hand/legacy files: BOM, CRLF, lower-case ``url``, unknown keys, ASCII-escaped,
    family+given only names (particles folded into family), ``season`` in dates."""
    out = []
    for n, it in enumerate(items):
        d = {k: v for k, v in _base(it).items() if k != "URL"}
        d["id"] = f"ref{n}"
        if it.get("URL"):
            d["url"] = it["URL"]
        for role in ("author", "editor"):
            if it.get(role):
                d[role] = [({"literal": x["literal"]} if x.get("literal") else
                            {"family": " ".join(q for q in (x.get("non-dropping-particle"), x.get("family")) if q),
                             "given": " ".join(q for q in (x.get("given"), x.get("dropping-particle")) if q),
                             **({"suffix": x["suffix"]} if x.get("suffix") else {})})
                           for x in it[role]]
        d["x-imported-from"] = "EndNote"
        d["rating"] = 4
        out.append(d)
    text = json.dumps(out, indent=2, ensure_ascii=True)
    return "\ufeff" + text.replace("\n", "\r\n")


# --- YAML dialects ------------------------------------------------------------------------------

_PLAIN_BAD = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: | #|[\n\t]|\s$|^(true|false|null|yes|no|on|off|~)$",
                        re.I)


def _looks_number(s: str) -> bool:
    return bool(re.fullmatch(r"[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+", s))


def _q_pandoc(v) -> str:
    """pandoc's YAML scalars: plain when safe, otherwise double-quoted with JSON escapes."""
    if isinstance(v, int):
        return str(v)
    s = str(v)
    if _PLAIN_BAD.search(s) or s == "" or re.search(r"[:#&*!|>'\"%@`{}\[\]?,]", s) \
            or (_looks_number(s) and not s.isdigit()):
        return json.dumps(s, ensure_ascii=False)
    return s


def _md(text: str) -> str:
    """Markdown inline form of CSL rich text, as pandoc writes metadata strings."""
    t = re.sub(r"([*_`\\\[\]])", r"\\\1", str(text))
    t = re.sub(r"<i>(.*?)</i>", r"*\1*", t)
    t = re.sub(r"<b>(.*?)</b>", r"**\1**", t)
    t = re.sub(r"<sup>(.*?)</sup>", r"^\1^", t)
    t = re.sub(r"<sub>(.*?)</sub>", r"~\1~", t)
    t = re.sub(r'<span class="nocase">(.*?)</span>', r"[\1]{.nocase}", t)
    return t.replace("\u2013", "--").replace("\u2014", "---")


def _pandoc_date(p: list) -> str:
    return "-".join(f"{x:02d}" if i else f"{x:04d}" for i, x in enumerate(p))


def pandoc_yaml(items: list[dict], front_matter: bool = False) -> str:
    """pandoc ``-f csljson -t markdown -s`` (checked against pandoc 2.17): ``nocite`` then
    ``references:``, keys sorted case-blind, Markdown values (``*italic*``, ``~sub~``, escaped
    ``[ ] *``), double-quoted when YAML needs it, ISO dates, numbers and pages bare (``page: 026002``),
    the abstract on one line (pandoc reads it as inline text); in front matter after a title, then a body."""
    lines = ["---"]
    lines += ["title: Notes on the literature"] if front_matter else ['nocite: "[@*]"']
    lines.append("references:")
    for n, it in enumerate(items):
        d = dict(_base(it))
        d["id"] = _cite_key(it, n)
        for k in sorted(d, key=str.casefold):
            v = d[k]
            pre = "- " if k == min(d, key=str.casefold) else "  "
            if k in ("author", "editor"):
                lines.append(f"{pre}{k}:")
                for nm in v:
                    for j, a in enumerate(sorted(nm)):
                        lines.append(f"  {'- ' if j == 0 else '  '}{a}: {_q_pandoc(_md(nm[a]))}")
            elif k == "issued":
                if _parts(it):
                    lines.append(f"{pre}issued: {_pandoc_date(_parts(it))}")
            else:
                val = str(v) if k in ("DOI", "URL", "ISSN", "ISBN", "id", "type", "PMID", "PMCID", "page") \
                    else _md(" ".join(str(v).split()))
                lines.append(f"{pre}{k}: {_q_pandoc(val)}")
    lines.append("---")
    if front_matter:
        lines += ["", "As shown before [@" + _cite_key(items[0], 0) + "], the effect holds.", ""]
    return "\n".join(lines) + "\n"


def _q_js(v) -> str:
    """js-yaml's dump: plain when safe, otherwise single-quoted (quotes doubled)."""
    if isinstance(v, int):
        return str(v)
    s = str(v)
    if _PLAIN_BAD.search(s) or s == "" or _looks_number(s):
        return "'" + s.replace("'", "''") + "'"
    return s


def _fold(s: str, indent: str, width: int = 80) -> list[str]:
    """js-yaml's folded (``>-``) block: lines broken at spaces near *width*; paragraphs kept by a
    blank line (a single newline in the value)."""
    out: list[str] = []
    for j, para in enumerate(s.split("\n")):
        if j:
            out.append("")
        line = ""
        for word in para.split(" "):
            if line and len(indent) + len(line) + 1 + len(word) > width:
                out.append(indent + line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(indent + line)
    return out


def bbt_yaml(items: list[dict]) -> str:
    """Better BibTeX 'Better CSL YAML': ``references:`` (js-yaml dump), dates as lists of
    ``{year, month, day}``, long strings folded with ``>-``, numbers as strings single-quoted."""
    lines = ["---", "references:"]
    for n, it in enumerate(items):
        d = {"id": _cite_key(it, n), "citation-key": _cite_key(it, n)}
        d.update({k: v for k, v in _base(it).items() if k != "keyword"})
        first = True
        for k, v in d.items():
            pre = "- " if first else "  "
            first = False
            if k in ("author", "editor"):
                lines.append(f"{pre}{k}:")
                for nm in v:
                    for j, (a, b) in enumerate((a, b) for a, b in nm.items() if b):
                        lines.append(f"    {'- ' if j == 0 else '  '}{a}: {_q_js(b)}")
            elif k == "issued":
                p = _parts(it)
                if p:
                    lines.append(f"{pre}issued:")
                    for j, (a, b) in enumerate(zip(("year", "month", "day"), p)):
                        lines.append(f"    {'- ' if j == 0 else '  '}{a}: {b}")
            elif isinstance(v, str) and (len(v) + len(k) + 4 > 80 or "\n" in v) and not _PLAIN_BAD.match(v):
                lines.append(f"{pre}{k}: >-")
                lines += _fold(v, "    ")
            else:
                lines.append(f"{pre}{k}: {_q_js(v)}")
    lines.append("...")
    return "\n".join(lines) + "\n"


DIALECTS: dict[str, Dialect] = {d.name: d for d in [
    Dialect("Zotero", zotero_export, carries=_without("keyword"),
            reasons={"keyword": "Zotero's CSL JSON export leaves tags out"}),
    Dialect("ZoteroAPI", zotero_api, carries=_without("keyword"),
            reasons={"keyword": "the Zotero API's csljson leaves tags out"}),
    Dialect("BBT-JSON", bbt_json, carries=_without("keyword"),
            reasons={"keyword": "Better CSL JSON has no keywords"}),
    Dialect("BBT-YAML", bbt_yaml, yaml=True, carries=_without("keyword"),
            reasons={"keyword": "Better CSL YAML has no keywords"}),
    Dialect("Mendeley", mendeley, carries=_without("keyword"),
            reasons={"keyword": "Mendeley's itemData has no keywords"}),
    Dialect("citeJS", citation_js),
    Dialect("pandocJ", pandoc_json),
    Dialect("pandocY", pandoc_yaml, yaml=True),
    Dialect("pandocMD", lambda items: pandoc_yaml(items, front_matter=True), yaml=True),
    Dialect("Crossref", crossref, per_record=True, carries=_without("keyword", "PMID"),
            reasons={"keyword": "Crossref has subjects, not keywords", "PMID": "Crossref has no PMID"}),
    Dialect("DataCite", lambda items: datacite(items)[1:-1].strip().replace("\n  ", "\n"), per_record=True),
    Dialect("Manubot", manubot, carries=_without("keyword"),
            reasons={"keyword": "Manubot's CSL from Crossref/NCBI has no keywords"}),
    Dialect("cpjsFix", citeproc_fixture),
    Dialect("cpjsRaw", citeproc_raw),
    Dialect("handEd", hand_edited),
]}


def render(items: list[dict], d: Dialect) -> str:
    return d.render(items)
