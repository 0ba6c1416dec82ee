"""Typing a query into the search box the way a reader does, and reading the result pages. The site's box
(docs/assets/javascripts/search.js) and Material's (bench/search.py compares them) share their markup. Used by
the browser tests too."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

# One entry per result group (a page), in the order shown; its first link is the page itself.
_RESULT_PAGES = """
(base) => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')].map(item => {
  const a = item.querySelector('a');
  return a ? a.href : '';
})
"""


def _page_path(href: str, base_path: str) -> str:
    path = urlsplit(href).path
    return path[len(base_path):] if path.startswith(base_path) else path


def search(page: Any, base: str, query: str, timeout: float = 15.0) -> list[str]:
    """The pages the search box lists for `query`, as site paths like `questions/x/`, best first."""
    if not page.url.startswith(base):
        page.goto(base, wait_until="load")
    field = page.locator("input.md-search__input")
    if not field.evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")  # the shortcut to the search box
    field.wait_for(state="visible")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(query, delay=15)  # as a reader types: key events, one by one
    deadline = time.monotonic() + timeout
    meta = page.locator(".md-search-result__meta")
    previous: tuple[str, list[str]] = ("", [])
    page.wait_for_timeout(300)
    while time.monotonic() < deadline:
        state = (meta.inner_text() if meta.count() else "", page.evaluate(_RESULT_PAGES, base))
        if state == previous and "matching" in state[0]:  # the same answer twice in a row: settled
            break
        previous = state
        page.wait_for_timeout(300)
    base_path = urlsplit(base).path
    return [_page_path(h, base_path) for h in previous[1] if h]
