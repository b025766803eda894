"""Notes written as HTML (Zotero's RIS and EndNote XML exports) as CSL rich text.

Zotero stores notes as HTML and exports them so: ``N1  - <div data-schema-version="8"><p>First
&amp; <i>second</i></p></div>``.  CSL ``note`` is text with CSL's small inline markup, so block
elements become line breaks, the inline elements CSL knows are kept, every other tag is dropped
(its text kept) and entities are decoded.  Text that is not HTML is returned unchanged.
"""
from __future__ import annotations

import html
import re

#: A note that is HTML: it opens with a block element (Zotero always wraps notes in <p> or <div>).
_LOOKS_HTML = re.compile(r"^\s*<(p|div|h[1-6]|ul|ol|blockquote|pre|table)\b[^>]*>", re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*?)(/?)>")
_BLOCK = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
                    "table", "tr", "br", "hr"))
#: HTML inline elements -> the CSL rich-text tag that means the same.
_INLINE = {"i": "i", "em": "i", "b": "b", "strong": "b", "sup": "sup", "sub": "sub"}
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_LINK_SAME = re.compile(r"""<a\b[^>]*\bhref\s*=\s*(["'])(.*?)\1[^>]*>\s*(\2)\s*</a>""", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.match(text))


def html_note_to_rich(text: str) -> str:
    """'<p>First &amp; <em>second</em></p><p>Next</p>' -> 'First & <i>second</i>\\nNext'."""
    if not looks_like_html(text):
        return text

    hrefs: list[str] = []  # the open links' targets, written after their text

    def tag(m: re.Match[str]) -> str:
        closing, name = m.group(1), m.group(2).lower()
        if name in _BLOCK:
            return "\n"
        if name == "a":  # a link keeps its target: "text <https://...>" (the text alone if they are the same)
            if not closing:
                href = _HREF.search(m.group(3))
                hrefs.append(html.unescape(href.group(1) or href.group(2)) if href else "")
                return ""
            target = hrefs.pop() if hrefs else ""
            return f" <{html.escape(target, quote=False)}>" if target else ""
        csl = _INLINE.get(name)
        return f"<{closing}{csl}>" if csl and not m.group(4) else ""

    body = _LINK_SAME.sub(lambda m: m.group(3), text)  # <a href="X">X</a>: once is enough
    body = _TAG.sub(tag, body)
    body = html.unescape(body)  # a literal "<" stays literal, as every reader keeps it
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in body.split("\n")]
    return "\n".join(ln for ln in lines if ln)
