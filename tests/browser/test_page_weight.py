"""Page weight budgets (issue 23), measured by bench/weight.py on the real registry's site served with gzip on
127.0.0.1: cold cache, search not yet used, bodies counted uncompressed, everything the page loads included.
The search (Pagefind, issue 19) loads nothing until the reader opens the search box: a visit makes no search
request."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bench import weight

pytestmark = pytest.mark.browser
KB = 1024
NO_DIAGRAM_BUDGET = 400 * KB
QUESTION_BUDGET = 1536 * KB
DIAGRAM_AFTER_LOAD_MS = 1000
MERMAID = "assets/vendor/mermaid/"


@pytest.fixture(scope="module")
def weights(real_site: Path, playwright_instance: Any, chromium_executable: str) -> dict[str, weight.Weight]:
    rows = weight.measure_with(playwright_instance, real_site, chromium=chromium_executable)
    return {row.page: row for row in rows}


def test_pages_without_a_diagram_stay_within_400_kb(weights: dict[str, weight.Weight]) -> None:
    for name in ("home", "model", "paper", "tag"):
        row = weights[name]
        assert row.diagram_ms is None, name
        assert row.uncompressed <= NO_DIAGRAM_BUDGET, (name, weight.kb(row.uncompressed))
        assert row.search_requests == 0, name
        assert row.external == [], (name, row.external)


def test_a_question_page_stays_within_1_5_mb_and_draws_its_diagram_within_1_s(
        weights: dict[str, weight.Weight], real_site: Path, playwright_instance: Any,
        chromium_executable: str) -> None:
    row = weights["question"]
    assert row.uncompressed <= QUESTION_BUDGET, weight.kb(row.uncompressed)
    assert row.search_requests == 0
    assert row.external == [], row.external
    assert row.diagram_ms is not None
    tries = [row.diagram_ms]
    while min(tries) > DIAGRAM_AFTER_LOAD_MS and len(tries) < 3:  # a busy shared machine: best of three
        again = weight.measure_with(playwright_instance, real_site, {"question": weight.PAGES["question"]},
                                    walk=False, chromium=chromium_executable)[0]
        assert again.diagram_ms is not None
        tries.append(again.diagram_ms)
    assert min(tries) <= DIAGRAM_AFTER_LOAD_MS, tries


def test_the_walk_from_home_to_a_question_loads_mermaid_only_at_the_question(
        weights: dict[str, weight.Weight]) -> None:
    home, listing, question = (weights[name] for name in weights if name.startswith("walk: "))
    assert home.uncompressed <= NO_DIAGRAM_BUDGET
    assert listing.uncompressed <= NO_DIAGRAM_BUDGET and listing.diagram_ms is None
    assert question.diagram_ms is not None
    assert all(row.external == [] for row in (home, listing, question))


def test_the_budget_can_fail_mermaid_on_every_page_would_break_it(real_site: Path, tmp_path: Path,
                                                                   playwright_instance: Any,
                                                                   chromium_executable: str) -> None:
    """The old way (all of Mermaid on every page), simulated by loading the vendored entry and the flowchart
    on the home page, is over budget: the measurement sees module scripts."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    home = site / "index.html"
    flowchart = next((site / MERMAID / "chunks" / "mermaid.esm.min").glob("flowDiagram-*.mjs"))
    tags = "".join(f'<script type="module" src="{path}"></script>'
                   for path in (MERMAID + "mermaid.esm.min.mjs", flowchart.relative_to(site).as_posix()))
    home.write_text(home.read_text("utf-8").replace("</body>", tags + "</body>", 1), "utf-8")
    row = weight.measure_with(playwright_instance, site, {"home": ""}, walk=False, chromium=chromium_executable)[0]
    assert row.uncompressed > NO_DIAGRAM_BUDGET
