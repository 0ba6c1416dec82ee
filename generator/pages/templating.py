"""The Jinja2 environment the pages are rendered with, and prose with its `[@key]` citations.

Templates are compiled once; every value a template prints passes through `escape.md_inline` unless it is
already `Safe`, so forgetting a filter cannot inject markup.
"""


from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.citations.references import CITATION, strip_citations
from generator.pages.escape import Safe, html_inline, html_text, md_inline, md_prose, md_url, plain_text, yaml_string
from generator.pages.urls import PageLinks


def _finalize(value: Any) -> Any:
    if isinstance(value, Safe):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a template printed {value!r}; print text or numbers only")
    return md_inline(value)


def _indent(text: str, width: int = 4, first: bool = False) -> str:
    pad = " " * width
    lines = text.split("\n")
    out = "\n".join((pad + line if line and (first or i) else line) for i, line in enumerate(lines))
    return Safe(out) if isinstance(text, Safe) else out


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("generator.pages", "templates"), autoescape=False, finalize=_finalize,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(indent=_indent, yaml=yaml_string, uncite=strip_citations, html=html_inline)
    env.globals.update(plain=plain_text, meta=html_text, url=md_url)
    return env


_ENV = _environment()


def render_template(template: str, linker: PageLinks, **context: Any) -> str:
    text: str = _ENV.get_template(template).render(link=linker.md, href=linker.href, **context)
    return text


def plain_prose(text: str) -> Safe:
    return render_prose(text, lambda key: md_inline(f"[@{key}]"))


_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def render_prose(text: str, cite: Callable[[str], Safe]) -> Safe:
    """Escape prose and replace each `[@key]` with `cite(key)`."""
    keys: list[str] = []

    def hold(match: re.Match[str]) -> str:
        keys.append(match[1])
        return f"{_OPEN}{len(keys) - 1}{_CLOSE}"

    held = CITATION.sub(hold, text.replace(_OPEN, "").replace(_CLOSE, ""))
    return Safe(_PLACEHOLDER.sub(lambda m: cite(keys[int(m[1])]), md_prose(held)))
