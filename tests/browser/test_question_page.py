"""The seed question page as a reader sees it: offline, diagram drawn, findable by search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_mermaid_offline import assert_strict, open_and_render

pytestmark = pytest.mark.browser
SEED = "questions/cell-types-without-training/"


def test_seed_question_renders_its_diagram_offline(built_site: Path, serve: Any, page: Any,
                                                   browser_log: Any) -> None:
    base = serve(built_site)
    markup = open_and_render(page, browser_log, base + SEED)
    assert "Syntax error" not in markup
    assert "InstructCV: reads the instruction" in markup
    assert "<title" in markup  # accTitle became the SVG's accessible title
    assert page.locator("h1").inner_text().startswith("I uploaded a microscope image")
    assert_strict(page)
    assert not browser_log.external_requests
    assert not browser_log.page_errors and not browser_log.dialogs


def test_search_box_finds_the_seed_question(built_site: Path, serve: Any, page: Any, browser_log: Any) -> None:
    base = serve(built_site)
    page.goto(base, wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type("cells without extra training", delay=20)  # Material reacts to key events, not fill()
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15_000)
    assert SEED in (first.get_attribute("href") or "")
    assert "what kind of cells" in first.inner_text()
    assert not browser_log.external_requests
