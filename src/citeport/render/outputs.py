"""Output formats for the renderer: citeproc-py "formatter" namespaces plus entry/list wrapping.

A formatter supplies ``preformat`` (escape plain text) and one wrapper class per CSL
formatting attribute (``Italic``, ``Bold``, ``SmallCaps``...); the renderer builds strings
from them.  HTML follows citeproc-js byte for byte (``&#38;``, ``<div class="csl-entry">``)
so that output can be compared with it.
"""
from __future__ import annotations

import html as _html
import re
from types import SimpleNamespace

from ..model.diagnostics import CiteportError


def _wrapper(name: str, template: str) -> type:
    """A ``str`` subclass whose constructor wraps the text in *template*."""
    return type(name, (str,), {"__new__": lambda cls, text: str.__new__(cls, template.format(text))})


def _flip(name: str, template: str, inner: tuple[str, str], normal: tuple[str, str]) -> type:
    """A wrapper that turns the same formatting nested inside it back to normal (citeproc-js flip-flop):
    ``<i>A <i>B</i></i>`` -> ``<i>A <span style="font-style:normal;">B</span></i>``."""
    def new(cls, text):
        s = str(text)
        if inner[0] in s:
            s = s.replace(inner[0], normal[0]).replace(inner[1], normal[1])
        return str.__new__(cls, template.format(s))
    return type(name, (str,), {"__new__": new})


def _escape_html(text: object) -> str:
    return str(text).replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


def _escape_rtf(text: object) -> str:
    """RTF specials only; non-ASCII is encoded at the end (:func:`_rtf_unicode`), so that
    name initials and text-case see the real characters, not escape sequences."""
    return str(text).replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def _rtf_unicode(text: str) -> str:
    """Non-ASCII characters as RTF ``\\uN?`` (signed 16-bit, surrogate pairs for astral)."""
    out = []
    for ch in text:
        o = ord(ch)
        if o < 128:
            out.append(ch)
            continue
        units = [o] if o < 0x10000 else [0xD800 + ((o - 0x10000) >> 10), 0xDC00 + ((o - 0x10000) & 0x3FF)]
        out.extend(f"\\u{u if u < 32768 else u - 65536}?" for u in units)
    return "".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def _escape_md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _wrappers(**templates: str) -> dict:
    return {k: _wrapper(k, v) for k, v in templates.items()}


_PLAIN = dict(Italic="{}", Oblique="{}", Bold="{}", Light="{}", Underline="{}",
              Superscript="{}", Subscript="{}", SmallCaps="{}", NoDecoration="{}",
              NormalStyle="{}", NormalVariant="{}", NormalWeight="{}")

#: name -> namespace with the formatter interface plus ``entry``/``bibliography`` wrapping.
FORMATTERS: dict[str, SimpleNamespace] = {
    "text": SimpleNamespace(
        name="text", preformat=lambda t: str(t), **_wrappers(**_PLAIN),
        margin=lambda left, right: f"{left} {right}" if left else right,
        entry=lambda e: e, wrap=lambda entries: "".join(e + "\n" for e in entries)),
    "html": SimpleNamespace(
        name="html", preformat=_escape_html,
        **_wrappers(Italic="<i>{}</i>", Oblique="<i>{}</i>", Bold="<b>{}</b>",
                    Light='<span style="font-weight:normal;">{}</span>',
                    Underline='<span style="text-decoration:underline;">{}</span>',
                    Superscript="<sup>{}</sup>", Subscript="<sub>{}</sub>",
                    SmallCaps='<span style="font-variant:small-caps;">{}</span>',
                    NoDecoration='<span style="text-decoration:none;">{}</span>',
                    NormalStyle='<span style="font-style:normal;">{}</span>',
                    NormalVariant='<span style="font-variant:normal;">{}</span>',
                    NormalWeight='<span style="font-weight:normal;">{}</span>'),
        margin=lambda left, right: (f'<div class="csl-left-margin">{left}</div>'
                                    f'<div class="csl-right-inline">{right}</div>') if left else right,
        entry=lambda e: f'  <div class="csl-entry">{e}</div>',
        wrap=lambda entries: '<div class="csl-bib-body">\n' + "".join(e + "\n" for e in entries) + "</div>\n"),
    "rtf": SimpleNamespace(
        name="rtf", preformat=_escape_rtf,
        **_wrappers(Italic="{{\\i {}}}", Oblique="{{\\i {}}}", Bold="{{\\b {}}}", Light="{{\\b0 {}}}",
                    Underline="{{\\ul {}}}", Superscript="{{\\super {}}}", Subscript="{{\\sub {}}}",
                    SmallCaps="{{\\scaps {}}}", NoDecoration="{{\\ul0 {}}}", NormalStyle="{{\\i0 {}}}",
                    NormalVariant="{{\\scaps0 {}}}", NormalWeight="{{\\b0 {}}}"),
        margin=lambda left, right: f"{left}\\tab {right}" if left else right,
        entry=lambda e: "{\\pard " + e + "\\par}",
        wrap=lambda entries: _rtf_unicode("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\uc1\n"
                                          + "".join(e + "\n" for e in entries) + "}\n")),
    "markdown": SimpleNamespace(
        name="markdown", preformat=_escape_md,
        **_wrappers(Italic="*{}*", Oblique="*{}*", Bold="**{}**", Light="{}", Underline="{}",
                    Superscript="^{}^", Subscript="~{}~", SmallCaps="{}", NoDecoration="{}",
                    NormalStyle="{}", NormalVariant="{}", NormalWeight="{}"),
        margin=lambda left, right: f"{left} {right}" if left else right,
        entry=lambda e: e, wrap=lambda entries: "".join(e + "\n\n" for e in entries).rstrip("\n") + "\n"),
    "jats": SimpleNamespace(
        name="jats", preformat=lambda t: _html.escape(str(t), quote=False),
        **_wrappers(Italic="<italic>{}</italic>", Oblique="<italic>{}</italic>", Bold="<bold>{}</bold>",
                    Light="{}", Underline="<underline>{}</underline>", Superscript="<sup>{}</sup>",
                    Subscript="<sub>{}</sub>", SmallCaps="<sc>{}</sc>", NoDecoration="{}",
                    NormalStyle="<roman>{}</roman>", NormalVariant="{}", NormalWeight="{}"),
        margin=lambda left, right: f"<label>{left}</label>{right}" if left else right,
        entry=lambda e: e, wrap=lambda entries: "".join(e + "\n" for e in entries)),
}
_HTML = FORMATTERS["html"]
# citeproc-js flips only an item's own markup against the style's formatting (<i>Title with
# <span style="font-style:normal;">Homo</span></i>); the style's <i> inside <i> prints as it is, and a style's
# explicit font-style="normal" prints a span only inside an italic ancestor.  Until the entry is finished
# (finish_html) data tags carry DATA_MARK and those "normal" spans NORMAL_MARK + kind.
DATA_MARK = "\ue050"
NORMAL_MARK = "\ue051"
_NORMAL_CSS = {"i": "font-style:normal;", "b": "font-weight:normal;", "v": "font-variant:normal;"}


def _html_wrap(name: str, template: str, kind: str, data_tag: str | None) -> type:
    """An HTML wrapper that turns the item markup (*data_tag*) and the style's pending "normal" spans of
    its *kind* inside it into real normal spans."""
    css = _NORMAL_CSS[kind]

    def new(cls, text):
        s = str(text)
        if data_tag and f"<{data_tag}{DATA_MARK}>" in s:
            s = s.replace(f"<{data_tag}{DATA_MARK}>", f'<span style="{css}">').replace(
                f"</{data_tag}{DATA_MARK}>", "</span>")
        if NORMAL_MARK + kind in s:
            s = s.replace(f'<span style="{css}"{NORMAL_MARK}{kind}>', f'<span style="{css}">').replace(
                f"</span{NORMAL_MARK}{kind}>", "</span>")
        return str.__new__(cls, template.format(s))
    return type(name, (str,), {"__new__": new})


_HTML.Italic = _HTML.Oblique = _html_wrap("Italic", "<i>{}</i>", "i", "i")
_HTML.Bold = _html_wrap("Bold", "<b>{}</b>", "b", "b")
_HTML.SmallCaps = _html_wrap("SmallCaps", '<span style="font-variant:small-caps;">{}</span>', "v", None)
_HTML.DataItalic = _html_wrap("DataItalic", f"<i{DATA_MARK}>{{}}</i{DATA_MARK}>", "i", "i")
_HTML.DataBold = _html_wrap("DataBold", f"<b{DATA_MARK}>{{}}</b{DATA_MARK}>", "b", "b")
for _k, _n in (("i", "StyleNormalStyle"), ("b", "StyleNormalWeight"), ("v", "StyleNormalVariant")):
    setattr(_HTML, _n, _wrapper(_n, f'<span style="{_NORMAL_CSS[_k]}"{NORMAL_MARK}{_k}>{{}}</span{NORMAL_MARK}{_k}>'))
_UNUSED_NORMAL = re.compile(f'<span style="[^"]*"{NORMAL_MARK}[ibv]>|</span{NORMAL_MARK}[ibv]>')


def finish_html(text: str) -> str:
    """Finished HTML: data tags unmarked, "normal" spans that undid nothing removed."""
    if NORMAL_MARK in text:
        text = _UNUSED_NORMAL.sub("", text)
    return text.replace(DATA_MARK, "") if DATA_MARK in text else text


FORMATTERS["rtf"].Italic = _flip("Italic", "{{\\i {}}}", ("{\\i ", "}"), ("{\\i0 ", "}"))
FORMATTERS["md"] = FORMATTERS["markdown"]
FORMATTERS["plain"] = FORMATTERS["text"]
OUTPUTS = ("text", "html", "rtf", "markdown", "jats")


def get_formatter(output: str) -> SimpleNamespace:
    try:
        return FORMATTERS[output.lower()]
    except KeyError:
        raise CiteportError(f"unknown output {output!r} (choose from {', '.join(OUTPUTS)})") from None
