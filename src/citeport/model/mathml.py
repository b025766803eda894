"""MathML as CSL rich text: what a citation can show of a formula in a title or an abstract.

Leaves are concatenated in reading order and scripts become ``<sub>``/``<sup>`` (``x<sup>2</sup>``),
so "CO2" or "x squared" keep their meaning instead of collapsing to "x2".  Namespaced (JATS
``mml:``) and plain (PubMed XML) element names are both accepted.
"""
from __future__ import annotations

from lxml import etree

#: MathML layout elements whose second/third child is a subscript/superscript.
MATH_SCRIPTS = {"msub": ("sub",), "msup": ("sup",), "msubsup": ("sub", "sup"), "munder": ("sub",),
                "mover": ("sup",), "munderover": ("sub", "sup")}
#: Elements whose content is not part of the rendered formula.
MATH_SILENT = frozenset(("annotation", "annotation-xml", "none", "mprescripts"))


def _local(tag: object) -> str:
    return tag[tag.rfind("}") + 1:] if isinstance(tag, str) else ""


def math_text(el: etree._Element) -> str:
    """The formula under *el* as readable rich text; never truncated."""
    name = _local(el.tag)
    if name in MATH_SILENT:
        return ""
    own = el.text.strip() if el.text else ""
    children = [c for c in el if isinstance(c.tag, str)]
    if not children:
        return own
    scripts = MATH_SCRIPTS.get(name)
    if scripts and len(children) >= 1 + len(scripts):
        out = math_text(children[0])
        for kind, child in zip(scripts, children[1:]):
            inner = math_text(child)
            out += f"<{kind}>{inner}</{kind}>" if inner else ""
        return out
    if name == "semantics":  # the presentation is its first child; annotations follow
        return math_text(children[0])
    parts = [own]
    for child in children:
        parts.append(math_text(child))
        if child.tail:
            parts.append(child.tail.strip())
    return "".join(parts)
