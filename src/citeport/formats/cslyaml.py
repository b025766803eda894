"""CSL-YAML: CSL-JSON's variables in YAML, as pandoc reads from front matter or ``.yaml`` files."""
from __future__ import annotations

import re
from typing import Iterable, Iterator, TextIO

import yaml

from ..model.diagnostics import Context
from ..model.item import NAME_VARIABLES, Item
from ..model.text import leaked_markup
from ..sources import Source
from .csljson import MAX_DEPTH, RICH_TEXT_VARIABLES, normalize, too_deep
from .registry import Format


def sniff(head: str) -> float:
    s = head.lstrip("\ufeff \t\r\n")
    if re.match(r"^(---\s*\n)?\s*references:\s*\n", s):
        return 0.9
    front = re.match(r"^---[ \t]*\r?\n(.*?)(?:\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)|\Z)", s, re.S)
    if front and re.search(r"^references:[ \t]*\r?$", front[1], re.M):  # Markdown front matter, other keys first
        return 0.9
    s = re.sub(r"^---[ \t]*\r?\n", "", s)  # a YAML document marker before a bare list of items
    if s.startswith("- ") and re.search(r"^\s+type:\s", s, re.M) and re.search(r"^\s*-?\s*id:\s", s, re.M):
        return 0.6
    return 0.0


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML 1.2 core scalars, as pandoc reads a bibliography: ``page: 026002`` stays text (YAML 1.1 would
    make it octal 11266), ``volume: 1.10`` stays "1.10", ``no``/``on`` stay words; true/false and plain
    decimal integers are still typed.  libyaml's parser when present: PyYAML's pure-Python scanner is
    quadratic in flow nesting ("[[[[..." of 10 KB took 6 s) and recurses without a depth limit."""

    duplicates: list  # (key, line, earlier value) of keys given twice, for the reader to report


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                                                    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _construct_mapping(loader: "_Loader", node: yaml.MappingNode, deep: bool = False) -> dict:
    """A mapping; a key given twice keeps its last value (as pandoc does) and the earlier one is noted
    in ``loader.duplicates`` for the reader to report (YAML forbids duplicates; PyYAML keeps the last)."""
    seen: dict = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = key_node.value
            if key in seen:
                earlier = seen[key]
                loader.duplicates.append((key, key_node.start_mark.line + 1,
                                          earlier.value if isinstance(earlier, yaml.ScalarNode) else "..."))
            seen[key] = value_node
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


# Dates stay text, as pandoc reads them: YAML 1.1 timestamps would be date objects, and one that is no
# calendar day ("2015-02-30", a typo a CSL date reader reports) made PyYAML raise ValueError.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
_Loader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: _construct_mapping(loader, node, deep=True))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
                              list("-+0123456789"))

#: Values pandoc keeps verbatim (identifiers, links): no Markdown reading.
VERBATIM_KEYS = frozenset(("id", "type", "DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID", "language",
                           "citation-key", "doi", "url"))
#: Pandoc Markdown inline forms -> CSL rich text (applied in order, after backslash escapes are set aside).
_MARKDOWN = [
    (re.compile(r"\[([^\]]*)\]\{\.nocase\}"), r'<span class="nocase">\1</span>'),
    (re.compile(r"\[([^\]]*)\]\{\.smallcaps\}"), r'<span style="font-variant:small-caps;">\1</span>'),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<b>\1</b>"),
    (re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"), r"<i>\1</i>"),
    (re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])"), r"<i>\1</i>"),
    # pandoc's ^super^ and ~sub~ (no unescaped space inside; "~~" is strikeout, not handled)
    (re.compile(r"\^(?=[^\s^])([^\s^]+?)\^"), r"<sup>\1</sup>"),
    (re.compile(r"(?<!~)~(?=[^\s~])([^\s~]+?)~(?!~)"), r"<sub>\1</sub>"),
    (re.compile(r"(?<![-!<])---(?!-)"), "\u2014"),
    (re.compile(r"(?<![-!<])--(?![->])"), "\u2013"),
]
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Identifiers, which never hold a backslash: one before punctuation is a Markdown escape.
_IDENTIFIER_KEYS = frozenset(("DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID", "doi", "url"))


def markdown_inline(text: str) -> str:
    """Pandoc Markdown in a YAML value (pandoc reads metadata strings as Markdown) as CSL rich text."""
    if not re.search(r"[*_^~\\\[]|--", text):
        return text
    escaped: list[str] = []

    def hold(m: re.Match) -> str:
        escaped.append(m[1])
        return f"\x00{len(escaped) - 1}\x01"

    text = _ESCAPED.sub(hold, text)
    for rx, repl in _MARKDOWN:
        text = rx.sub(repl, text)
    return re.sub(r"\x00(\d+)\x01", lambda m: escaped[int(m[1])], text)


def _raw_markup(text: str) -> str:
    """Raw JATS/HTML tags in Markdown that CSL rich text lacks, read as the CSL-JSON reader reads them
    (:func:`model.text.leaked_markup`); a Markdown-escaped ``\\<`` is a literal "<" and stays."""
    held: list[str] = []

    def hold(m: re.Match) -> str:
        held.append(m[0])
        return f"\x00{len(held) - 1}\x01"

    text = leaked_markup(_ESCAPED.sub(hold, text))
    return re.sub(r"\x00(\d+)\x01", lambda m: held[int(m[1])], text) if held else text


def _markdown_values(value, key: str):
    """Top-level text and name parts are Markdown; structured data (custom, reference lists) is not."""
    if isinstance(value, str):
        if key in RICH_TEXT_VARIABLES and "<" in value:
            value = _raw_markup(value)
        if key in _IDENTIFIER_KEYS:  # pandoc's writer escapes Markdown punctuation here too ("1:1\\<2::AID\\>")
            return _ESCAPED.sub(r"\1", value) if "\\" in value else value
        return value if key in VERBATIM_KEYS else markdown_inline(value)
    if key in NAME_VARIABLES and isinstance(value, list):
        return [{k: markdown_inline(v) if isinstance(v, str) else v for k, v in n.items()}
                if isinstance(n, dict) else n for n in value]
    return value


# "<" (raw HTML), "&" (entities), "@" (citations) and "$" (TeX math) mean something to pandoc too.
_SPECIALS = re.compile(r"([\\*_^~\[<&@$])|(?<=-)(?=-)")
#: CSL rich-text tags -> pandoc Markdown delimiters (opening, closing).
_MARKUP_TO_MARKDOWN: dict[str, tuple[str, str]] = {
    "i": ("*", "*"), "b": ("**", "**"), "sup": ("^", "^"), "sub": ("~", "~"),
    'span class="nocase"': ("[", "]{.nocase}"), 'span style="font-variant:small-caps;"': ("[", "]{.smallcaps}"),
}
_MARKUP_TAG = re.compile(r"<(/?)(i|b|sup|sub|span class=\"nocase\"|span style=\"font-variant:small-caps;\"|span)>")


# Markdown has no form for these: "* x*" is not emphasis, "^a b^" not a superscript.
_NO_MARKDOWN_FORM = re.compile(r"<(i|b)>(?:\s|</\1>)|\s</(i|b)>|<(sup|sub)>[^<]*\s[^<]*</\3>")


def _escape(text: str) -> str:
    return _SPECIALS.sub(lambda m: "\\" + (m[1] or ""), text)


def rich_to_markdown(text: str) -> str:
    """CSL rich text as pandoc Markdown: ``<i>x</i>`` -> ``*x*``, other text escaped.

    Pandoc reads a YAML value as Markdown, so an HTML tag would be raw HTML that its CSL output drops
    (and a literal "<" would start one). Markup that is unbalanced or has no Markdown form (emphasis
    starting with a space, a super/subscript holding one) is kept as escaped text, as before.
    """
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _MARKUP_TAG.finditer(text):
        out.append(_escape(text[pos:m.start()]))
        pos = m.end()
        if not m[1]:
            if m[2] == "span":
                return _escape(text)  # another span style: no Markdown form
            stack.append(m[2])
            out.append(_MARKUP_TO_MARKDOWN[m[2]][0])
            continue
        opener = stack.pop() if stack else None
        if opener is None or not (opener == m[2] or (m[2] == "span" and opener.startswith("span"))):
            return _escape(text)
        out.append(_MARKUP_TO_MARKDOWN[opener][1])
    if stack:
        return _escape(text)
    out.append(_escape(text[pos:]))
    result = "".join(out)
    if _NO_MARKDOWN_FORM.search(text) or markdown_inline(result) != text:
        return _escape(text)  # e.g. "*i***b**": adjacent delimiters read back otherwise
    return result


def escape_markdown(value, key: str):
    """The writer's inverse of _markdown_values: CSL markup as Markdown, specials backslash-escaped, so text
    reads back as it was (in pandoc too)."""
    if isinstance(value, str):
        return value if key in VERBATIM_KEYS else rich_to_markdown(value)
    if key in NAME_VARIABLES and isinstance(value, list):
        return [{k: escape_markdown(v, "") for k, v in n.items()} if isinstance(n, dict) else n for n in value]
    return value


#: Values an aliased document may expand to before it is refused (or 4 per byte of YAML, if more).
MAX_EXPANSION = 100_000


def _children(node: yaml.Node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [v for pair in node.value for v in pair]
    return []


def _expanded_size(node: yaml.Node) -> float:
    """How many nodes the document has once every alias is expanded (as construction and every later
    step see it), counted in time linear in the distinct nodes (an alias is the same node object);
    a node that contains itself (``&a [*a]``) never ends: infinite."""
    sizes: dict[int, float] = {}
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:  # post-order without recursion: a node's size after its children's
        n, done = stack.pop()
        if done:
            sizes[id(n)] = 1 + sum(sizes[id(c)] for c in _children(n))
            continue
        if id(n) in sizes:
            if sizes[id(n)] < 0:  # still open above us: a cycle
                return float("inf")
            continue
        sizes[id(n)] = -1
        stack.append((n, True))
        stack.extend((c, False) for c in _children(n))
    return sizes[id(node)]


#: After a first ``---`` document, what starts another YAML document of references in a stream (a ``.yaml``
#: file of several documents), not a Markdown body: a list item, ``references:``, or an item key.
_NEXT_DOCUMENT = re.compile(r"^(?:\s*\n)*(?:-[ \t]|references:|id:)")
_DOCUMENT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def read(source: Source, ctx: Context) -> Iterator[Item]:
    text = source.text().lstrip("\ufeff")
    # Markdown front matter: take the first YAML document between --- lines.
    m = re.match(r"^---[ \t]*\r?\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|$)", text, re.S)
    body = m.group(1) if m else text
    offset = text[:m.start(1)].count("\n") if m else 0  # front matter: lines of the file, not of the YAML
    documents = [(body, offset)]
    if m and _NEXT_DOCUMENT.match(text[m.end():]):
        # a multi-document YAML stream: every document's references, not only the first (pandoc, a
        # Markdown reader, stops there; the rest of a .yaml file is no Markdown body)
        pos = m.end()
        for end in [e.start() for e in _DOCUMENT_END.finditer(text, pos)] + [len(text)]:
            if text[pos:end].strip():
                documents.append((text[pos:end], text.count("\n", 0, pos)))
            pos = text.find("\n", end) + 1 if end < len(text) else end
            if pos == 0:
                break
    index = 0
    for body, offset in documents:
        data = _load(body, offset, ctx)
        if data is None:
            continue
        for raw in data:
            index += 1
            if not isinstance(raw, dict):
                ctx.skip("not a CSL item", record=index)
                continue
            if too_deep(raw):
                ctx.skip(f"not a CSL item: values nested over {MAX_DEPTH} levels deep", record=index)
                continue
            yield normalize({k: _markdown_values(plain_value(v), k) for k, v in raw.items()}, ctx, index,
                            markup=False)


def _load(body: str, offset: int, ctx: Context) -> list | None:
    """One YAML document's list of references, or None (reported); *offset*: lines of the file before it."""
    loader = _Loader(body)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > max(MAX_EXPANSION, 4 * len(body)):
            ctx.skip("YAML aliases expand to more values than the file holds many times over "
                     "(an alias bomb); refused")
            return None
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ctx.skip(f"invalid YAML: {getattr(exc, 'problem', exc)}", line=mark.line + 1 + offset if mark else None)
        return None
    except RecursionError:
        ctx.skip("invalid YAML: nested too deeply")
        return None
    finally:
        loader.dispose()
    for key, line, earlier in loader.duplicates:
        ctx.report("warning", f"key {key!r} given twice; the last value kept, {earlier!r} dropped",
                   line=line + offset, code="dropped", field=key)
    if isinstance(data, dict):
        data = data.get("references", [])
    if not isinstance(data, list):
        ctx.skip("expected a list of references", line=offset + 1 if offset else None)
        return None
    return data


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
        item = {k: escape_markdown(v, k) for k, v in item.items()}
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
