"""MkDocs hook: on `mkdocs build`, a second process does part of MkDocs' own work, on the machine's second CPU.

- While MkDocs reads and converts the pages, a child converts every other page (`markdown_in_child`).
- While MkDocs renders the page templates, a child parses every page for the search index (`search_in_child`).

The site is the same, byte for byte (`tests/mkdocs/test_parallel_build.py`). Under `mkdocs serve`, with `--dirty`, with
one CPU, or where forking is not possible, MkDocs does all of it itself as usual.
"""

from __future__ import annotations

import logging
from typing import Any

from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
from mkdocs.plugins import event_priority

from generator.mkdocs import markdown_in_child, search_in_child

log = logging.getLogger("mkdocs.plugins.askscope")
MARKDOWN_FORKED = "parallel build: every other page is converted by a child process"
SEARCH_FORKED = "parallel build: the pages are parsed for the search index by a child process"

_building = False
_markdown: markdown_in_child.MarkdownInChild | None = None
_search: search_in_child.IndexInChild | None = None


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
    """Every page's HTML exists now; MkDocs renders the templates next, and the search plugin indexes each page."""
    global _search
    _stop_markdown()
    search = [plugin for plugin in config.plugins.values() if isinstance(plugin, SearchPlugin)]
    if _building and len(search) == 1 and search[0].config.enabled:
        _search = search_in_child.start(search[0].search_index,
                                        [file.page for file in files.documentation_pages() if file.page])
        if _search is not None:
            log.debug(SEARCH_FORKED)
    return env


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config: Any) -> None:
    global _search
    search, _search = _search, None
    if search is not None:
        search.finish()


def on_build_error(error: Exception) -> None:
    global _search
    _stop_markdown()
    search, _search = _search, None
    if search is not None:
        search.abandon()


def _stop_markdown() -> None:
    global _markdown
    markdown, _markdown = _markdown, None
    if markdown is not None:
        markdown.finish()
