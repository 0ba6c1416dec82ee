"""Escaping for every context a registry string can reach on a page.

Registry text is untrusted. Single-line fields become literal text; prose fields
keep emphasis, lists and inline code but can never produce HTML, links, images,
attribute lists, tables, fences, headings or admonitions.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import quote


class Safe(str):
    """Text already escaped for Markdown; templates print it unchanged."""


# Characters that start Markdown, HTML or extension syntax inside a line.
_INLINE_SPECIAL = set("\\`*_{}[]<>&|~^=!\"'")
# Characters that open block syntax when they start a line.
_BLOCK_START = re.compile(r"^([ \t]*)([#>+\-?!:=]|\d+[.)])")
_PROSE_SPECIAL = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "[": "&#91;", "]": "&#93;", "{": "&#123;",
                  "}": "&#125;", "|": "&#124;", "!": "&#33;", "\\": "&#92;"}
_FENCE_RUN = re.compile(r"`{3,}|~{3,}")
_SETEXT_OR_RULE = re.compile(r"^[ \t]*([-=*_])[ \t]*(?:\1[ \t]*){2,}$", re.MULTILINE)
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def _entity(char: str) -> str:
    return f"&#{ord(char)};"


# Only ASCII controls and non-ASCII characters can be invisible, so only runs of those are looked at
# one by one (per-character work on every character dominated rendering; see bench/results.md).
_MAYBE_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\U0010ffff]+")
_MAYBE_INVISIBLE_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\U0010ffff]+")
# One regex pass with a lookup per special character (str.translate with a dict is ~7x slower).
_INLINE_ENTITIES = {c: f"&#{ord(c)};" for c in _INLINE_SPECIAL}
_INLINE_RUN = re.compile("[" + re.escape("".join(sorted(_INLINE_SPECIAL))) + "]")
_PROSE_RUN = re.compile("[" + re.escape("".join(sorted(_PROSE_SPECIAL))) + "]")
_PLAIN_DROP = re.compile("[" + re.escape("<>&\"'`{}[]\\") + "]")


def _visible(match: re.Match[str]) -> str:
    return "".join(c for c in match[0] if unicodedata.category(c) not in _INVISIBLE or c == "\u200d")


def _drop_invisible(text: str, keep_newlines: bool) -> str:
    return (_MAYBE_INVISIBLE_BUT_NEWLINE if keep_newlines else _MAYBE_INVISIBLE).sub(_visible, text)


def md_inline(text: object) -> Safe:
    """Literal text on one line: nothing in it is Markdown or HTML."""
    if isinstance(text, Safe):
        return text
    flat = " ".join(_drop_invisible(str(text), keep_newlines=False).split())
    escaped = _INLINE_RUN.sub(lambda m: _INLINE_ENTITIES[m[0]], flat)
    return Safe(_BLOCK_START.sub(lambda m: m[1] + "".join(_entity(c) for c in m[2]), escaped, count=1))


def md_prose(text: str) -> Safe:
    """Multi-line Markdown limited to paragraphs, emphasis, lists and inline code."""
    text = _drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n"), keep_newlines=True)
    text = _PROSE_RUN.sub(lambda m: _PROSE_SPECIAL[m[0]], text)
    text = _FENCE_RUN.sub(lambda m: "".join(_entity(c) for c in m[0]), text)
    text = _SETEXT_OR_RULE.sub(lambda m: _entity(m[0].lstrip()[0]) + m[0].lstrip()[1:], text)
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith(("#", "?", ":", "=")):
            stripped = _entity(stripped[0]) + stripped[1:]
        lines.append(indent + stripped)
    return Safe("\n".join(lines).strip())


def md_url(url: str) -> Safe:
    """A URL for a Markdown link target: anything that could end or break the link is percent-encoded."""
    return Safe(quote(url, safe=":/?#@!$&*+,;=%-._~"))


def plain_text(text: str, limit: int = 300) -> str:
    """Text for front matter and HTML titles: no markup characters, no line breaks."""
    flat = " ".join(_drop_invisible(text, keep_newlines=False).split())
    flat = _PLAIN_DROP.sub("", flat)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def yaml_string(text: str) -> Safe:
    """A YAML scalar for front matter (JSON strings are valid YAML)."""
    return Safe(json.dumps(text, ensure_ascii=True))
