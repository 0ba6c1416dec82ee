"""Escaping for every context a registry string can reach on a page.

Registry text is untrusted. Single-line fields become literal text; prose fields
keep emphasis, lists and inline code but can never produce HTML, links, images,
attribute lists, tables, fences, headings or admonitions.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import quote


class Safe(str):
    """Text already escaped for Markdown; templates print it unchanged."""


# Characters that start Markdown, HTML or extension syntax inside a line.
# `#` too: a run of them at the end of a heading line would be read as its closing sequence.
_INLINE_SPECIAL = set("\\`*_{}[]<>&|~^=!\"'#")
# Characters that open block syntax when they start a line.
_BLOCK_START = re.compile(r"^([ \t]*)([#>+\-?!:=]|\d+[.)])")
_PROSE_SPECIAL = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "[": "&#91;", "]": "&#93;", "{": "&#123;",
                  "}": "&#125;", "|": "&#124;", "!": "&#33;", "\\": "&#92;"}
_FENCE_RUN = re.compile(r"`{3,}|~{3,}")
# A line of `-` or `=` (even one) under a paragraph makes it a heading; three `*` or `_` make a rule.
_SETEXT_OR_RULE = re.compile(r"^[ \t]*(?:([-=])[ \t]*(?:\1[ \t]*)*|([*_])[ \t]*(?:\2[ \t]*){2,})$", re.MULTILINE)
# Block syntax after the indentation and list markers that open a line (`- # x` is a heading in a list item).
_PROSE_LINE_START = re.compile(r"^((?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]*)([#?:=])", re.MULTILINE)
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


def drop_invisible(text: str, keep_newlines: bool) -> str:
    """`text` without control, format and line-separator characters (the zero-width joiner stays: it holds
    emoji such as 👩‍🔬 together); line breaks stay if `keep_newlines`."""
    return (_MAYBE_INVISIBLE_BUT_NEWLINE if keep_newlines else _MAYBE_INVISIBLE).sub(_visible, text)


def _flatten(text: str) -> str:
    """One line: every run of whitespace (tabs and line breaks too) is one space, invisible characters go."""
    return " ".join(drop_invisible(" ".join(text.split()), keep_newlines=False).split())


def md_inline(text: object) -> Safe:
    """Literal text on one line: nothing in it is Markdown or HTML."""
    if isinstance(text, Safe):
        return text
    return _md_inline(str(text))


# Titles and names are printed on many pages (a question's title on its task, model and paper pages): at
# 1,000 questions 130,000 calls escape only 11,000 distinct strings. Bounded, so `mkdocs serve` cannot grow it.
@functools.lru_cache(maxsize=1 << 17)
def _md_inline(text: str) -> Safe:
    flat = _flatten(text)
    escaped = _INLINE_RUN.sub(lambda m: _INLINE_ENTITIES[m[0]], flat)
    return Safe(_BLOCK_START.sub(lambda m: m[1] + "".join(_entity(c) for c in m[2]), escaped, count=1))


def md_prose(text: str) -> Safe:
    """Multi-line Markdown limited to paragraphs, emphasis, lists and inline code."""
    text = drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n"), keep_newlines=True)
    text = _PROSE_RUN.sub(lambda m: _PROSE_SPECIAL[m[0]], text)
    text = _FENCE_RUN.sub(lambda m: "".join(_entity(c) for c in m[0]), text)
    text = _SETEXT_OR_RULE.sub(lambda m: _entity(m[0].lstrip()[0]) + m[0].lstrip()[1:], text)
    text = _PROSE_LINE_START.sub(lambda m: m[1] + _entity(m[2]), text)
    return Safe(text.strip())


# Bounded like _md_inline: a site links to each page from many others.
@functools.lru_cache(maxsize=1 << 16)
def md_url(url: str) -> Safe:
    """A URL for a Markdown link target: anything that could end or break the link is percent-encoded."""
    return Safe(quote(url, safe=":/?#@!$&*+,;=%-._~"))


def html_inline(text: object) -> Safe:
    """Literal text on one line for a raw HTML block of a page (Python-Markdown passes those through as they
    are): HTML-escaped, quotes too, so it may sit in an element or an attribute value."""
    return text if isinstance(text, Safe) else _html_inline(str(text))


@functools.lru_cache(maxsize=1 << 17)  # as _md_inline: the lists of links print each title many times
def _html_inline(text: str) -> Safe:
    return Safe(html.escape(_flatten(text), quote=True))


def html_url(url: str) -> Safe:
    """A URL for an `href` in a raw HTML block: percent-encoded as `md_url`, then HTML-escaped."""
    return Safe(html.escape(md_url(url), quote=True))


def plain_text(text: str, limit: int = 300) -> str:
    """Text for front matter and HTML titles: no markup characters, no line breaks."""
    flat = _PLAIN_DROP.sub("", _flatten(text))
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def yaml_string(text: str) -> Safe:
    """A double-quoted YAML scalar for front matter, in printable ASCII. (JSON's escapes are not
    enough: YAML reads a JSON surrogate pair such as an emoji's `\\ud83d\\udd2c` as two lone
    surrogates, and MkDocs then drops the whole front matter and shows it as page text.)"""
    return Safe('"' + _YAML_ESCAPED.sub(lambda m: _yaml_char(m[0]), text) + '"')


# What a double-quoted scalar cannot hold as it is: quote, backslash, and everything outside printable ASCII.
_YAML_ESCAPED = re.compile(r'["\\]|[^\x20-\x7e]')


def _yaml_char(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def html_text(text: str, limit: int = 300) -> str:
    """Text for front matter that themes print unescaped into HTML (`<title>`, `content="..."`):
    one line, shortened to `limit` characters, then HTML-escaped, quotes included."""
    flat = _flatten(text)
    flat = flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
    return html.escape(flat, quote=True)
