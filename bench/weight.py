"""Page weight: what a reader's browser downloads for a cold visit to each kind of page.

`python -m bench.weight [SITE]` (or `make bench-weight`, which builds site/ first) serves the built site on
127.0.0.1 with gzip, as GitHub Pages does (bench/gzip_server.py), opens each page in headless Chromium with an
empty cache, waits until the network has been idle for 0.5 s, and counts every request and its response body
as received (compressed) and as decoded (uncompressed); headers are not counted, nor responses the browser
took from its cache (in the walk). Requests of the search (site/pagefind/ and search-words.json, which the
search box fetches only when the reader opens it) are also counted on their own: a visit makes none.
The question page is visited once more over a slow network (SLOW: 150 ms round trip, 10 Mbit/s). Then it
walks from the home page to a question page by clicking links. No request may leave 127.0.0.1: Chromium
resolves every other host to nothing, and such requests are listed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .gzip_server import serve_gzip
from .report import table

PAGES = {"home": "", "question": "questions/cell-types-without-training/", "model": "models/instructcv/",
         "paper": "papers/gan2024-instructcv/", "tag": "tags/modality-fluorescence/"}
WALK = ("questions/", "questions/cell-types-without-training/")
"""From the home page: the links clicked, one after another (each found by its href)."""
SEARCH = re.compile(r"/pagefind/|/search-words\.json$")
CHROMIUM = os.environ.get("ASKSCOPE_CHROMIUM") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
# The first <svg> in a shadow root (where Material draws a Mermaid diagram), in ms after the load event.
DIAGRAM_CLOCK = """(() => {
  const original = Element.prototype.attachShadow, roots = [];
  Element.prototype.attachShadow = function (init) { const r = original.call(this, init); roots.push(r); return r; };
  const check = () => roots.some(r => r.querySelector('svg'))
    ? (window.__askscopeDiagramAt = performance.now()) : requestAnimationFrame(check);
  requestAnimationFrame(check);
})();"""
DIAGRAM_AFTER_LOAD = """() => window.__askscopeDiagramAt === undefined ? null
  : window.__askscopeDiagramAt - performance.getEntriesByType('navigation')[0].loadEventEnd"""
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1_250_000, "uploadThroughput": 250_000}
"""A slow network for one more visit to the question page: 150 ms round trip, 10 Mbit/s down, 2 up."""


@dataclass
class Weight:
    page: str
    requests: int = 0
    compressed: int = 0
    uncompressed: int = 0
    search_requests: int = 0
    search_uncompressed: int = 0
    external: list[str] = field(default_factory=list)
    diagram_ms: float | None = None
    """Milliseconds from the load event to the diagram drawn (None: no diagram on the page)."""
    diagram_from_start_ms: float | None = None
    """The same from the start of the navigation."""

    @property
    def without_search(self) -> int:
        return self.uncompressed - self.search_uncompressed


def count(weight: Weight, requests: list[Any]) -> None:
    for request in requests:
        if request.url.startswith("data:"):
            continue
        response = request.response()
        # Playwright gives a negative body size for a response from the browser's cache (walk), and 0 for
        # one a worker fetched: the bytes on the wire are the response's Content-Length (always sent here).
        received = response is not None and request.sizes()["responseBodySize"] >= 0
        sent = int(response.headers.get("content-length") or 0) if received else 0
        body = response.body() if received else b""
        weight.requests += 1
        weight.compressed += sent
        weight.uncompressed += len(body)
        if SEARCH.search(urlsplit(request.url).path):
            weight.search_requests += 1
            weight.search_uncompressed += len(body)
        if urlsplit(request.url).hostname != "127.0.0.1":
            weight.external.append(request.url)


def _record(context: Any, requests: list[Any]) -> None:
    """Every request of the context's pages and their workers, once it has finished or failed."""
    context.on("requestfinished", lambda request: requests.append(request))
    context.on("requestfailed", lambda request: requests.append(request))


def _settle(page: Any, weight: Weight) -> None:
    page.wait_for_load_state("networkidle")
    if page.locator("pre.mermaid, div.mermaid").count():
        deadline = time.monotonic() + 10
        while page.evaluate(DIAGRAM_AFTER_LOAD) is None and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        weight.diagram_ms = page.evaluate(DIAGRAM_AFTER_LOAD)
        weight.diagram_from_start_ms = page.evaluate("() => window.__askscopeDiagramAt ?? null")
        page.wait_for_load_state("networkidle")


def _visit(browser: Any, url: str, name: str, network: dict[str, Any] | None = None) -> Weight:
    """A cold visit: a fresh context, so an empty cache; `network`: conditions to emulate (like SLOW)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if network:
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", network)
        page.add_init_script(DIAGRAM_CLOCK)
        requests: list[Any] = []
        _record(context, requests)
        weight = Weight(name)
        page.goto(url, wait_until="load")
        _settle(page, weight)
        count(weight, requests)
        return weight
    finally:
        context.close()


def _walk(browser: Any, base: str) -> list[Weight]:
    """Home page, then each link of WALK clicked in turn, in one context (so a warm cache after the first)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(DIAGRAM_CLOCK)
        requests: list[Any] = []
        _record(context, requests)
        steps = []
        for i, href in enumerate(("", *WALK)):
            weight = Weight("walk: home" if not href else f"walk: click {href}")
            if i == 0:
                page.goto(base, wait_until="load")
            else:
                last = href.rstrip("/").rsplit("/", 1)[-1] + "/"
                page.locator(f'a[href$="{last}"]:visible').first.click()
                page.wait_for_url(base + href, wait_until="load")
            _settle(page, weight)
            count(weight, requests)
            requests.clear()
            steps.append(weight)
        return steps
    finally:
        context.close()


def measure_with(playwright: Any, site: Path, pages: dict[str, str] | None = None, walk: bool = True,
                 chromium: str = CHROMIUM) -> list[Weight]:
    """Cold visits to each page of `pages` (name: path under the site), then the walk."""
    with serve_gzip(site) as base:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        try:
            rows = [_visit(browser, base + path, name) for name, path in (pages or PAGES).items()]
            if walk:
                rows.append(_visit(browser, base + PAGES["question"], "question, slow network", SLOW))
            return rows + (_walk(browser, base) if walk else [])
        finally:
            browser.close()


def measure(site: Path, pages: dict[str, str] | None = None, walk: bool = True) -> list[Weight]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return measure_with(playwright, site, pages, walk)


def kb(value: int) -> str:
    return f"{value / 1024:,.0f} KB"


def _after_load(ms: float | None) -> str:
    return "-" if ms is None else "before load" if ms <= 0 else f"{ms:.0f} ms"


def render(rows: list[Weight]) -> str:
    header = ["page (cold cache)", "requests", "transferred (gzip)", "uncompressed", "search",
              "uncompressed without search", "diagram drawn after load", "after navigation start"]
    lines = [[w.page, str(w.requests), kb(w.compressed), kb(w.uncompressed),
              f"{w.search_requests} req., {kb(w.search_uncompressed)}", kb(w.without_search),
              _after_load(w.diagram_ms),
              "-" if w.diagram_from_start_ms is None else f"{w.diagram_from_start_ms:.0f} ms"] for w in rows]
    external = sorted({url for w in rows for url in w.external})
    note = f"\n\nRequests to other hosts: {', '.join(external) if external else 'none'}."
    return table(header, lines) + note


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.weight", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), help="the built site (default: site)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site}/index.html: no built site here; run `make site` first")
    print(render(measure(args.site)))


if __name__ == "__main__":
    main()
