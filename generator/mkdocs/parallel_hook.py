"""MkDocs hook: on `mkdocs build`, a second process does part of MkDocs' own work, on the machine's second CPU:
while MkDocs reads and converts the pages, a child converts every other page (`markdown_in_child`).

The site is the same, byte for byte (`tests/mkdocs/test_parallel_build.py`). Under `mkdocs serve`, with `--dirty`, with
one CPU, or where forking is not possible, MkDocs does all of it itself as usual.
"""

from __future__ import annotations

import logging
from typing import Any

from generator.mkdocs import markdown_in_child

log = logging.getLogger("mkdocs.plugins.askscope")
MARKDOWN_FORKED = "parallel build: every other page is converted by a child process"

_building = False
_markdown: markdown_in_child.MarkdownInChild | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _building
    _building = command == "build" and not dirty


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    global _markdown
    if _building:
        _markdown = markdown_in_child.start(config, files)
        if _markdown is not None:
            log.debug(MARKDOWN_FORKED)
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if _markdown is not None:
        _markdown.prepare(page)
    return markdown


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Every page's HTML exists now."""
    _stop_markdown()
    return env


def on_build_error(error: Exception) -> None:
    _stop_markdown()


def _stop_markdown() -> None:
    global _markdown
    markdown, _markdown = _markdown, None
    if markdown is not None:
        markdown.finish()
