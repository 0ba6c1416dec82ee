"""Looks right: screenshots of the home, a question, a model and a paper page, light and dark, at
desktop (1280 px) and phone (390 px) width, into build/screenshots/ (or $ASKSCOPE_SCREENSHOTS) for a
person to review; and nothing may be wider than the screen, apart from content that scrolls on its
own (code blocks, tables)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

PAGES = {"home": "", "question": "questions/cell-types-without-training/", "model": "models/instructcv/",
         "paper": "papers/gan2024-instructcv/"}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

# Elements that stick out of the viewport and are not inside a box that scrolls or clips them.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    // An off-canvas drawer (entirely left of the screen, like Material's phone menu) is not overflow.
    if (box.width > 0 && (box.right > width + 1 || (box.left < -1 && box.right > 1)) && !clipped(el)
        && getComputedStyle(el).visibility !== 'hidden') {
      wide.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 10)};
}"""


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("ASKSCOPE_SCREENSHOTS") or REPO / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def overflow(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(OVERFLOW)
    return result


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_fit_the_screen_and_are_photographed(search_site: Path, serve: Any, page: Any, browser_log: Any,
                                                   scheme: str) -> None:
    base = serve(search_site)
    folder = screenshot_dir()
    page.emulate_media(color_scheme=scheme)
    problems = {}
    for device, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        for name, path in PAGES.items():
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(800)  # fonts, Mermaid and Material's layout scripts
            shot = folder / f"{name}-{scheme}-{device}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 5_000, shot
            result = overflow(page)
            if result["scrollWidth"] > result["innerWidth"] or result["wide"]:
                problems[f"{name} {device}"] = result
    assert not problems, problems
    assert not browser_log.external_requests and not browser_log.page_errors


def test_the_overflow_check_catches_a_too_wide_element(search_site: Path, serve: Any, page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(serve(search_site) + PAGES["question"], wait_until="load")
    assert overflow(page)["wide"] == []
    page.evaluate("""() => document.querySelector('article p').insertAdjacentHTML('beforeend',
        '<span style="display:inline-block;width:900px">wide</span>')""")
    result = overflow(page)
    assert result["wide"] and result["scrollWidth"] > result["innerWidth"]
