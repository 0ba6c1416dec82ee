"""Accessibility of the built site: axe-core (vendored, tests/vendor/axe-core) on the home, question,
model, paper and tag pages in light and dark mode; keyboard navigation; the dark-mode toggle offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
PAGES = ["", "questions/dark-grainy-live-cells/", "models/example-denoiser/", "papers/kazimi2024-ssl-gan-em/",
         "tags/", "reuse/", "contributing/"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '))}));
}"""


def axe_violations(page: Any, url: str) -> list[dict[str, Any]]:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    # Material adds parts of the page (code block toolbars) as they scroll into view: show everything once.
    page.evaluate("""async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) {
        window.scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); } window.scrollTo(0, 0); }""")
    page.wait_for_timeout(500)  # let Material and the diagram scripts settle
    page.add_script_tag(content=AXE.read_text("utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, AXE_TAGS)
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(search_site: Path, serve: Any, page: Any, browser_log: Any, scheme: str) -> None:
    base = serve(search_site)
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in PAGES:
        violations = axe_violations(page, base + path)
        expected_scheme = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected_scheme
        if violations:
            found[path or "home"] = violations
    assert not found, found
    assert not browser_log.external_requests


def test_axe_would_report_a_low_contrast_link(search_site: Path, serve: Any, page: Any) -> None:
    """The check can fail: a pale, unstyled link in running text is reported."""
    base = serve(search_site)
    page.goto(base + "reuse/", wait_until="load")
    page.evaluate("""() => { const p = document.querySelector('article p');
        p.insertAdjacentHTML('beforeend', ' <a href="#" style="color:#ccc;text-decoration:none">pale</a>'); }""")
    page.add_script_tag(content=AXE.read_text("utf-8"))
    ids = {v["id"] for v in page.evaluate(RUN_AXE, AXE_TAGS)}
    assert "color-contrast" in ids


def test_keyboard_reaches_skip_link_search_and_citation(search_site: Path, serve: Any, page: Any) -> None:
    base = serve(search_site)
    page.goto(base + "questions/dark-grainy-live-cells/", wait_until="load")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Skip to content"
    page.keyboard.press("Enter")  # the skip link moves the focus past the header and the navigation
    focused: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("""() => { const e = document.activeElement;
            return [e.tagName, e.className || '', e.title || '', (e.textContent || '').trim().slice(0, 40)]
                .join('|'); }"""))
    assert any("BibTeX for every reference" in f and f.startswith("SUMMARY") for f in focused), focused
    assert any(f.startswith("BUTTON|md-code__button") and "|Copy to clipboard|" in f for f in focused), focused
    # The folded BibTeX opens from the keyboard.
    summary = page.locator("details summary", has_text="BibTeX for every reference")
    summary.focus()
    page.keyboard.press("Enter")
    assert summary.evaluate("s => s.parentElement.open")
    # "/" jumps to the search box.
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_dark_mode_toggle_works_offline_and_is_remembered(search_site: Path, serve: Any, page: Any,
                                                          browser_log: Any) -> None:
    base = serve(search_site)
    page.emulate_media(color_scheme="light")
    page.goto(base + "questions/dark-grainy-live-cells/", wait_until="load")
    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "default"
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    assert toggle.get_attribute("title") == "Switch to dark mode"
    toggle.click()
    assert page.evaluate(scheme) == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(base + "models/example-denoiser/", wait_until="load")
    assert page.evaluate(scheme) == "slate"  # remembered across pages
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background != "rgb(255, 255, 255)"
    assert not browser_log.external_requests and not browser_log.page_errors
