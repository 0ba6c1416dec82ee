"""The search index made by a forked child during `mkdocs build` (generator/mkdocs_search_child_hook.py) is the
index Material's plugin makes itself: the same entries, in the order MkDocs asks for the pages."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex

from generator import mkdocs_search_child_hook as hook

from .conftest import make_project, mkdocs_build
from .registries import search_registry_dir

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}}


@dataclass
class FakePage:
    url: str
    content: str
    title: str = "A page"
    toc: list[Any] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def pages(n: int) -> list[FakePage]:
    return [FakePage(f"p{i}/", f"<h1 id='t{i}'>Page {i}</h1><p>Text {i} <code>x</code></p>"
                               f"<h2 id='s{i}' data-search-exclude>Cite</h2><p>Skipped {i}</p>"
                               f"<h2 id='u{i}'>Usage</h2><ul><li>item {i}</li></ul>",
                     meta={"tags": [f"tag {i}"], "search": {"boost": i}}) for i in range(n)]


def serially(asked: list[FakePage]) -> list[dict[str, Any]]:
    index = SearchIndex(**CONFIG)
    for page in asked:
        index.add_entry_from_context(page)
    return index.entries


class WhereIndexed(SearchIndex):
    """Material's index, noting the process that indexed each page."""

    def __init__(self, fail_in_child: bool = False, **config: Any) -> None:
        super().__init__(**config)
        self.parent, self.fail_in_child = os.getpid(), fail_in_child

    def add_entry_from_context(self, page: Any) -> None:
        if self.fail_in_child and os.getpid() != self.parent:
            raise RuntimeError("the child fails")
        before = len(self.entries)
        super().add_entry_from_context(page)
        for entry in self.entries[before:]:
            entry["pid"] = os.getpid()


def test_the_child_indexes_the_pages_and_the_index_is_materials_own() -> None:
    given = pages(6)
    index = WhereIndexed(**CONFIG)
    in_child = hook.IndexInChild(index, given)
    asked = [given[3], given[0], given[5], given[1]]  # another order, and not every page
    for page in asked:
        index.add_entry_from_context(page)
    assert index.entries == []  # nothing indexed here while the child works
    in_child.finish()
    assert {entry.pop("pid") for entry in index.entries} == {in_child._pid}
    assert index.entries == serially(asked)
    assert "add_entry_from_context" not in vars(index)  # Material's method is back


def test_a_page_changed_after_the_fork_is_indexed_here_as_it_now_is() -> None:
    given = pages(3)
    index = WhereIndexed(**CONFIG)
    in_child = hook.IndexInChild(index, given)
    given[1].content = "<h1 id='new'>Changed</h1><p>New text</p>"
    stranger = FakePage("elsewhere/", "<h1 id='e'>Not given to the child</h1><p>Other</p>")
    for page in [*given, stranger]:
        index.add_entry_from_context(page)
    in_child.finish()
    where = [entry.pop("pid") for entry in index.entries]
    assert index.entries == serially([*given, stranger])
    assert {pid for pid, entry in zip(where, index.entries, strict=True)
            if entry["location"].startswith(("p1/", "elsewhere/"))} == {os.getpid()}
    assert os.getpid() not in {pid for pid, entry in zip(where, index.entries, strict=True)
                               if entry["location"].startswith(("p0/", "p2/"))}


def test_if_the_child_fails_every_page_is_indexed_here_from_the_html_it_had() -> None:
    given = pages(3)
    index = WhereIndexed(fail_in_child=True, **CONFIG)
    in_child = hook.IndexInChild(index, given)
    for page in given:
        index.add_entry_from_context(page)
        page.content = page.content.replace(" data-search-exclude", "")  # as Material's plugin does next
    in_child.finish()
    assert {entry.pop("pid") for entry in index.entries} == {os.getpid()}
    assert index.entries == serially(pages(3))
    assert all("Skipped" not in entry["text"] for entry in index.entries)


def test_a_failed_build_stops_the_child_and_gives_material_its_method_back() -> None:
    index = SearchIndex(**CONFIG)
    in_child = hook.IndexInChild(index, pages(2))
    in_child.abandon()
    with pytest.raises(ChildProcessError):
        os.waitpid(in_child._pid, os.WNOHANG)
    assert "add_entry_from_context" not in vars(index)


def test_no_child_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert hook.start(SearchIndex(**CONFIG), pages(2)) is None
    finally:
        release.set()
        thread.join()


@pytest.mark.site
def test_mkdocs_build_writes_the_index_material_writes_without_the_child(tmp_path: Path) -> None:
    registry = search_registry_dir(tmp_path / "registry")
    with_child, without = make_project(tmp_path / "with", registry), make_project(tmp_path / "without", registry)
    config = without / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - generator/mkdocs_search_child_hook.py\n", ""), "utf-8")
    assert "search_child" not in config.read_text("utf-8")
    built = [mkdocs_build(project, "--verbose") for project in (with_child, without)]
    assert [result.returncode for result in built] == [0, 0], [result.stderr for result in built]
    forked = [hook.FORKED in result.stderr for result in built]
    assert forked == [len(os.sched_getaffinity(0)) > 1, False]
    index = "search/search_index.json"
    assert (with_child / "site" / index).read_bytes() == (without / "site" / index).read_bytes()
