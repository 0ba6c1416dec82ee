"""Mermaid diagrams render offline, in strict mode, and stay out of search.

Each test builds a tiny MkDocs + Material site in tmp_path with the same
Mermaid configuration as the real site (vendored Mermaid ESM build, loaded on
demand and kept strict by mermaid-on-demand.js, generator.mkdocs.mermaid_fence.fence_mermaid), serves it on
127.0.0.1 and opens it in headless Chromium with every other host blocked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.pagefind_bundle import fragments

# ``browser_log`` is conftest.BrowserLog (lists external_requests, dialogs,
# page_errors, console_errors); typed Any to avoid importing conftest.

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "docs" / "assets"

MKDOCS_YML = """\
site_name: Mermaid offline test
theme:
  name: material
  font: false
extra:
  generator: false
extra_javascript:
  - assets/javascripts/mermaid-on-demand.js
exclude_docs: |
  assets/vendor/**/README.md
hooks:
  - {repo}/generator/mkdocs/search_hook.py
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:generator.mkdocs.mermaid_fence.fence_mermaid
""".replace("{repo}", REPO.as_posix())

SIMPLE_PAGE = """\
# Diagram page

A normal paragraph mentioning zebrafish.

```mermaid
graph TD
  qwertyAlpha["Alpha & Beta"] --> qwertyOmega
```
"""

HOSTILE_PAGE = """\
# Hostile diagram

```mermaid
%%{init: {"securityLevel": "loose", "secure": []}}%%
graph TD
  n0["Click me"] --> n1["Or me"]
  click n0 call alert(1)
  click n1 href "javascript:alert(2)"
```
"""

# Material renders each diagram into a *closed* shadow root; keep a reference
# to every shadow root so the test can look inside.
CAPTURE_SHADOW_ROOTS = """
(() => {
  const original = Element.prototype.attachShadow;
  window.__askscopeShadowRoots = [];
  Element.prototype.attachShadow = function (init) {
    const root = original.call(this, init);
    window.__askscopeShadowRoots.push(root);
    return root;
  };
})();
"""

SVG_RENDERED = """
() => (window.__askscopeShadowRoots || []).some(r => r.querySelector('svg'))
"""

pytestmark = pytest.mark.browser


def build_site(root: Path, page_md: str, more: dict[str, str] | None = None, yml: str = MKDOCS_YML) -> Path:
    """Write and build a mini site under ``root`` (``page_md`` as index.md, ``more`` as other pages);
    return the site directory."""
    docs = root / "docs"
    (docs / "assets").mkdir(parents=True)
    shutil.copytree(ASSETS / "vendor", docs / "assets" / "vendor")
    shutil.copytree(ASSETS / "javascripts", docs / "assets" / "javascripts")
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    (docs / "index.md").write_text(page_md, encoding="utf-8")
    for name, text in (more or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), env.get("PYTHONPATH", "")) if p
    )
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def open_and_render(page: Any, log: Any, url: str) -> str:
    """Open ``url``, wait for Mermaid's SVG, return the diagram's markup."""
    page.add_init_script(CAPTURE_SHADOW_ROOTS)
    page.goto(url, wait_until="load")
    deadline = time.monotonic() + 20
    while not page.evaluate(SVG_RENDERED):
        if log.page_errors or time.monotonic() > deadline:
            raise AssertionError(f"diagram not rendered to <svg>; log={log}")
        page.wait_for_timeout(100)
    markup: str = page.evaluate(
        "() => window.__askscopeShadowRoots.map(r => r.innerHTML).join('\\n')"
    )
    return markup


def effective_security(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """() => ({
            site: mermaid.mermaidAPI.getSiteConfig().securityLevel,
            current: mermaid.mermaidAPI.getConfig().securityLevel,
            secure: mermaid.mermaidAPI.getSiteConfig().secure,
        })"""
    )
    return result


def assert_strict(page: Any) -> None:
    sec = effective_security(page)
    assert sec["site"] == "strict", sec
    assert sec["current"] == "strict", sec
    assert "securityLevel" in sec["secure"] and "secure" in sec["secure"], sec


def test_site_has_no_external_loads_and_diagram_not_indexed(tmp_path: Path) -> None:
    site = build_site(tmp_path, SIMPLE_PAGE)
    html = (site / "index.html").read_text(encoding="utf-8")
    # No script, stylesheet, font or preconnect pointing at another host.
    external = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*"', html)
    assert external == []
    for css in site.rglob("*.css"):
        assert not re.search(r"@import|url\((['\"]?)(?:https?:)?//", css.read_text("utf-8")), css
    # The diagram is in the page (escaped) but not in the search index.
    assert '<pre class="mermaid"' in html
    assert "qwertyAlpha[&quot;Alpha &amp; Beta&quot;]" in html or (
        'qwertyAlpha["Alpha &amp; Beta"]' in html
    )
    text = json.dumps(fragments(site))
    assert "zebrafish" in text
    assert "qwerty" not in text


def test_mermaid_renders_offline_in_strict_mode(
    tmp_path: Path,
    serve: Callable[[Path], str],
    page: Any,
    browser_log: Any,
) -> None:
    site = build_site(tmp_path, SIMPLE_PAGE)
    markup = open_and_render(page, browser_log, serve(site))
    assert "<svg" in markup
    assert "qwertyOmega" in markup
    assert "Syntax error" not in markup
    assert_strict(page)
    assert browser_log.external_requests == []
    assert browser_log.page_errors == []
    assert browser_log.console_errors == []
    assert browser_log.dialogs == []


def test_hostile_diagram_cannot_loosen_security(
    tmp_path: Path,
    serve: Callable[[Path], str],
    page: Any,
    browser_log: Any,
) -> None:
    site = build_site(tmp_path, HOSTILE_PAGE)
    markup = open_and_render(page, browser_log, serve(site))
    assert "Syntax error" not in markup
    assert "javascript:" not in markup
    assert_strict(page)
    # Click every node; in 'loose' mode this would run alert(1).
    page.evaluate(
        """() => window.__askscopeShadowRoots.forEach(root =>
              root.querySelectorAll('g.node, a, [id*="n0"], [id*="n1"]').forEach(el =>
                el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))))"""
    )
    page.wait_for_timeout(500)
    assert browser_log.dialogs == []
    assert browser_log.external_requests == []
    assert browser_log.page_errors == []


def test_page_script_cannot_loosen_security(
    tmp_path: Path,
    serve: Callable[[Path], str],
    page: Any,
    browser_log: Any,
) -> None:
    """Even an explicit initialize({securityLevel: 'loose'}) stays strict."""
    site = build_site(tmp_path, SIMPLE_PAGE)
    open_and_render(page, browser_log, serve(site))
    source = textwrap.dedent(HOSTILE_PAGE.split("```mermaid\n", 1)[1].split("```", 1)[0])
    clicked = page.evaluate(
        """async (source) => {
            mermaid.initialize({securityLevel: 'loose', secure: [], startOnLoad: false});
            const host = document.createElement('div');
            document.body.appendChild(host);
            const {svg, bindFunctions} = await mermaid.render('askscope_hostile', source);
            host.innerHTML = svg;
            if (bindFunctions) bindFunctions(host);
            const nodes = host.querySelectorAll('g.node, a');
            nodes.forEach(el => el.dispatchEvent(
                new MouseEvent('click', {bubbles: true, cancelable: true})));
            return nodes.length;
        }""",
        source,
    )
    assert clicked > 0
    page.wait_for_timeout(500)
    assert_strict(page)
    assert browser_log.dialogs == []
    assert browser_log.page_errors == []


def test_missing_mermaid_does_not_fall_back_to_cdn(
    tmp_path: Path,
    serve: Callable[[Path], str],
    page: Any,
    browser_log: Any,
) -> None:
    """If the vendored file fails to load, Material must not fetch unpkg."""
    site = build_site(tmp_path, SIMPLE_PAGE)
    (site / "assets" / "vendor" / "mermaid" / "mermaid.esm.min.mjs").unlink()
    page.goto(serve(site), wait_until="load")
    page.wait_for_timeout(1_500)
    assert browser_log.external_requests == []
    assert any("vendored Mermaid is missing" in e for e in browser_log.console_errors)


def test_mermaid_loads_only_with_a_diagram_and_never_from_a_cdn(
    tmp_path: Path,
    serve: Callable[[Path], str],
    page: Any,
    browser_log: Any,
) -> None:
    """A page without a diagram loads no Mermaid; a reader who then goes to a page with a diagram
    through Material's instant navigation (no page load, so no script runs again) gets it drawn from
    this site, and no request leaves 127.0.0.1 (Material would fetch Mermaid from unpkg if the global
    `mermaid` were missing)."""
    # Instant navigation follows only links to pages in sitemap.xml, so site_url is where it is served.
    base = serve(tmp_path / "site")
    yml = f"site_url: {base}\n" + MKDOCS_YML.replace(
        "  font: false\n", "  font: false\n  features:\n    - navigation.instant\n")
    plain = "# No diagram\n\nJust text. [The workflow](diagram.md)\n"
    build_site(tmp_path, plain, {"diagram.md": SIMPLE_PAGE}, yml)
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.add_init_script(CAPTURE_SHADOW_ROOTS)
    page.goto(base, wait_until="networkidle")
    assert not [url for url in loaded if "/vendor/mermaid/" in url]
    loaded.clear()
    page.evaluate("() => { window.__askscopeSamePage = true; }")
    page.get_by_role("link", name="The workflow").click()
    deadline = time.monotonic() + 20
    while not page.evaluate(SVG_RENDERED):
        assert not browser_log.page_errors and time.monotonic() < deadline, browser_log
        page.wait_for_timeout(50)
    assert page.url.endswith("/diagram/")
    assert page.evaluate("() => window.__askscopeSamePage") is True  # instant navigation, no page load
    assert any(url.endswith("/mermaid.esm.min.mjs") for url in loaded)
    assert_strict(page)
    assert browser_log.external_requests == []
    assert browser_log.page_errors == [] and browser_log.console_errors == []
