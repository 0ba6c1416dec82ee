"""Long lists are split over pages of at most PAGE_SIZE items (generator/pages/listing.py), so no page grows with the
registry. The real registry is short, so these tests shrink the page size until every list runs over."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.check import check_registry
from generator.linkcheck import check_links
from generator.pages import listing
from generator.pages.escape import Safe
from generator.pages.listing import Listing
from generator.pages.render import render_site
from generator.pages.urls import page_url
from generator.registry.folder import read_registry

from ..conftest import REPO, make_project, mkdocs_build

LINK = re.compile(r"\]\(([^)#\s]+\.md)\)")
HREF = re.compile(r'<a href="([^"#:]+)"')  # the lists of links written as HTML (urls.py), to pages of the site


def _link(kind: str, entity_id: str) -> Safe:
    return Safe(f"{kind}/{entity_id}.md")


def test_a_list_is_cut_into_pages_of_at_most_the_page_size() -> None:
    items = list(range(250))
    pages = Listing("models", "m", "m/questions", items, size=100)
    assert pages.pages == 3
    assert [len(pages.chunk(n)) for n in (1, 2, 3)] == [100, 100, 50]
    assert [x for n in (1, 2, 3) for x in pages.chunk(n)] == items
    assert [pages.path(n) for n in (1, 2, 3)] == ["models/m.md", "models/m/questions/2.md", "models/m/questions/3.md"]
    assert Listing("models", "m", "m/questions", [], size=100).pages == 1


def test_the_pager_links_to_first_previous_next_and_last_only_where_they_differ() -> None:
    pages = Listing("questions", "index", "page", list(range(5)), size=1)
    assert pages.pager(1, _link) == ("Items 1 to 1 of 5 · page 1 of 5 · [Next page](questions/page/2.md) · "
                                     "[Last page](questions/page/5.md)")
    assert pages.pager(2, _link) == ("Items 2 to 2 of 5 · page 2 of 5 · [Previous page](questions/index.md) · "
                                     "[Next page](questions/page/3.md) · [Last page](questions/page/5.md)")
    assert pages.pager(3, _link) == ("Items 3 to 3 of 5 · page 3 of 5 · [First page](questions/index.md) · "
                                     "[Previous page](questions/page/2.md) · [Next page](questions/page/4.md) · "
                                     "[Last page](questions/page/5.md)")
    assert pages.pager(5, _link) == ("Items 5 to 5 of 5 · page 5 of 5 · [First page](questions/index.md) · "
                                     "[Previous page](questions/page/4.md)")
    assert Listing("questions", "index", "page", [1, 2], size=2).pager(1, _link) is None


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    registry, diagnostics = check_registry(read_registry(REPO / "registry", "registry"), strict=True)
    assert not diagnostics
    return render_site(registry)


def _targets(pages: dict[str, str], page: str) -> list[str]:
    """The pages `page` links to, by their paths under docs/, whether linked in Markdown or in HTML."""
    targets = [posixpath.normpath(posixpath.join(posixpath.dirname(page), t)) for t in LINK.findall(pages[page])]
    for url in HREF.findall(pages[page]):
        target = posixpath.normpath(posixpath.join(page_url(page, True), url))
        targets.append(f"{target}.md" if f"{target}.md" in pages else f"{target}/index.md")
    return targets


def test_every_question_is_listed_exactly_once_over_the_pages_of_the_index(small_pages: dict[str, str]) -> None:
    index = ["questions/index.md", *sorted((p for p in small_pages if p.startswith("questions/page/")),
                                           key=lambda p: int(p.split("/")[-1].removesuffix(".md")))]
    assert len(index) > 2
    listed = [t for page in index for t in _targets(small_pages, page)
              if t.startswith("questions/") and t.count("/") == 1 and "/index" not in t]  # not the Review tag pages
    questions = sorted(p for p in small_pages if re.fullmatch(r"questions/[^/]+\.md", p) and p != "questions/index.md")
    assert sorted(listed) == questions and len(set(listed)) == len(listed)
    assert "(continued)" in "".join(small_pages[p] for p in index)


def test_continuation_pages_hold_at_most_a_page_of_items_and_link_only_to_pages_that_exist(
        small_pages: dict[str, str]) -> None:
    continuations = [p for p in small_pages if re.search(r"/\d+\.md$", p)]
    assert {p.split("/")[0] for p in continuations} == {"questions", "tasks", "models", "papers", "tags"}
    for page in continuations:
        items = re.findall(r"^(?:<li>|\| \[)", small_pages[page], re.MULTILINE)
        assert 1 <= len(items) <= 2, page
        assert "Items " in small_pages[page] and "Part of [" in small_pages[page]
    for page in small_pages:
        for target in _targets(small_pages, page):
            if target.split("/")[0] in {"questions", "tasks", "models", "papers", "tags"}:
                assert target in small_pages, f"{page} links to {target}"


def test_a_site_with_continuation_pages_builds_strictly_and_passes_the_link_check(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO / "registry")
    own = project / "generator" / "pages" / "listing.py"
    own.write_text(own.read_text("utf-8").replace("PAGE_SIZE = 100", "PAGE_SIZE = 2"), "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "questions" / "page" / "2" / "index.html").is_file()
    assert (site / "papers" / "page" / "2" / "index.html").is_file()
    assert (site / "tags" / "modality-brightfield" / "2" / "index.html").is_file()
    assert check_links(site) == 0
