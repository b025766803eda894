"""CSL-YAML: CSL-JSON's variables in YAML, as pandoc reads from front matter or ``.yaml`` files."""
from __future__ import annotations

import re
from typing import Iterable, Iterator, TextIO

import yaml

from ..model.diagnostics import Context
from ..model.item import Item
from ..sources import Source
from .csljson import normalize
from .registry import Format


def sniff(head: str) -> float:
    s = head.lstrip("\ufeff \t\r\n")
    if re.match(r"^(---\s*\n)?\s*references:\s*\n", s):
        return 0.9
    if s.startswith("- ") and re.search(r"^\s+type:\s", s, re.M) and re.search(r"^\s*-?\s*id:\s", s, re.M):
        return 0.6
    return 0.0


def read(source: Source, ctx: Context) -> Iterator[Item]:
    text = source.text()
    # Markdown front matter: take the first YAML document between --- lines.
    m = re.match(r"^\ufeff?---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|$)", text, re.S)
    body = m.group(1) if m else text
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ctx.skip(f"invalid YAML: {getattr(exc, 'problem', exc)}", line=mark.line + 1 if mark else None)
        return
    if isinstance(data, dict):
        data = data.get("references", [])
    if not isinstance(data, list):
        ctx.skip("expected a list of references")
        return
    for index, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            ctx.skip("not a CSL item", record=index)
            continue
        yield normalize({k: plain_value(v) for k, v in raw.items()}, ctx, index)


def plain_value(value):
    """YAML turns 2015-02-03 into a date object; CSL wants text."""
    import datetime as _dt

    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    return value


def write(items: Iterable[Item], out: TextIO, ctx: Context) -> None:
    out.write("---\nreferences:\n")
    for item in items:
        dumped = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=10_000)
        out.write(dumped)
    out.write("...\n")


FORMAT = Format(
    name="csl-yaml",
    description="CSL-YAML (pandoc bibliography / front matter)",
    aliases=("yaml", "cslyaml"),
    extensions=("yaml", "yml"),
    sniff=sniff,
    read=read,
    write=write,
)
