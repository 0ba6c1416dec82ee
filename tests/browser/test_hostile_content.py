"""The hostile-content site in headless Chromium: no dialog opens, no injected script runs (every
payload that would run sets `window.__askscopePwned` or calls alert), nothing is fetched from
another host, and every question's Mermaid diagram still renders as an SVG, in strict mode, with
its labels as text. See tests/hostile/ for the cases and the built-HTML half (this file lives here
to share the session's one Playwright instance)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from ..hostile.conftest import hostile_site
from ..hostile.injection import MARKER, load_cases
from ..hostile.test_content import KINDS, visible
from .test_mermaid_offline import CAPTURE_SHADOW_ROOTS, SVG_RENDERED, assert_strict

pytestmark = [pytest.mark.browser, pytest.mark.site]
CASES = load_cases()
__all__ = ["hostile_site"]  # the fixture, built once per session for this module
PWNED = "() => window.__askscopePwned === undefined ? null : String(window.__askscopePwned)"
CLICK_EVERY_NODE = """() => window.__askscopeShadowRoots.forEach(root =>
    root.querySelectorAll('g.node, a, g.edgeLabel').forEach(el =>
        el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))))"""
DIAGRAM_TEXT = "() => window.__askscopeShadowRoots.map(r => r.textContent).join('\\n')"
ACTIVE_ATTRIBUTES = """() => window.__askscopeShadowRoots.flatMap(root => [...root.querySelectorAll('*')])
    .flatMap(el => [...el.attributes]
        .filter(a => /^on/i.test(a.name) || /^\\s*(javascript|vbscript|data):/i.test(a.value))
    .map(a => `<${el.tagName} ${a.name}=${a.value}>`))"""
DIAGRAM_MARKUP = "() => window.__askscopeShadowRoots.map(r => r.innerHTML).join('\\n')"


def _wait_for_diagram(page: Any, log: Any, url: str) -> None:
    deadline = time.monotonic() + 20
    while not page.evaluate(SVG_RENDERED):
        assert not log.page_errors and time.monotonic() < deadline, f"{url}: no diagram; {log}"
        page.wait_for_timeout(50)


def test_hostile_questions_run_nothing_and_their_diagrams_render(hostile_site: Path, serve: Any, page: Any,
                                                                 browser_log: Any) -> None:
    base = serve(hostile_site)
    page.add_init_script(CAPTURE_SHADOW_ROOTS)
    problems: list[str] = []
    for case in CASES:
        url = f"{base}questions/{case.id}/"
        page.goto(url, wait_until="load")
        _wait_for_diagram(page, browser_log, url)
        markup, text = page.evaluate(DIAGRAM_MARKUP), page.evaluate(DIAGRAM_TEXT)
        if "Syntax error" in markup or page.evaluate(ACTIVE_ATTRIBUTES):
            problems.append(f"{case.name}: the diagram broke or has {page.evaluate(ACTIVE_ATTRIBUTES)}")
        label = visible(case.line)[:60]  # labels are cut at 120 characters; the start must be there, as text
        if label not in " ".join(text.split()):
            problems.append(f"{case.name}: the diagram does not show the label as text: {label!r}")
        page.evaluate(CLICK_EVERY_NODE)
        assert_strict(page)
        if page.evaluate(PWNED) is not None:
            problems.append(f"{case.name}: injected script ran ({page.evaluate(PWNED)})")
    page.wait_for_timeout(300)  # let any delayed handler fire
    assert problems == [], "\n".join(problems)
    assert browser_log.dialogs == [] and browser_log.page_errors == []
    assert browser_log.external_requests == []


def test_hostile_models_papers_and_tasks_run_nothing(hostile_site: Path, serve: Any, page: Any,
                                                     browser_log: Any) -> None:
    base = serve(hostile_site)
    ran = []
    for case in CASES:
        for kind, suffix in KINDS.items():
            if kind != "questions":
                page.goto(f"{base}{kind}/{case.id}{suffix}/", wait_until="load")
                if page.evaluate(PWNED) is not None:
                    ran.append(f"{kind}/{case.id}{suffix}")
    page.wait_for_timeout(300)
    assert ran == []
    assert browser_log.dialogs == [] and browser_log.page_errors == []
    assert browser_log.external_requests == []


def test_search_results_for_hostile_pages_stay_text(hostile_site: Path, serve: Any, page: Any,
                                                    browser_log: Any) -> None:
    page.goto(serve(hostile_site), wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type(MARKER, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    shown = page.locator(".md-search-result").inner_html()
    assert "hostile" in shown
    assert page.locator(".md-search-result img, .md-search-result script, .md-search-result iframe, "
                        ".md-search-result svg").count() == 0
    assert page.evaluate(PWNED) is None
    assert browser_log.dialogs == [] and browser_log.page_errors == [] and browser_log.external_requests == []
