"""`mkdocs build` with a second process (generator/mkdocs/parallel_hook.py) makes the site MkDocs makes alone:

- pages converted by the child (`markdown_in_child`) are the pages MkDocs converts, and what their conversion logs
  is logged (and counted by `--strict`) as it would be;
- the search index made by the child (`search_in_child`) is the one Material's plugin makes itself: the same
  entries, in the order MkDocs asks for the pages.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex

from generator.mkdocs import child_process, search_in_child
from generator.mkdocs import parallel_hook as mkdocs_parallel_hook
from generator.mkdocs.child_process import PROCESSES, worth_forking

from ..conftest import REPO, make_project, mkdocs_build
from ..registries import search_registry_dir

FORK = {**os.environ, PROCESSES: "2"}
"""A child even with one CPU, so that these tests run the same on any machine."""


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
    in_child = search_in_child.IndexInChild(index, given)
    asked = [given[3], given[0], given[5], given[1]]  # another order, and not every page
    for page in asked:
        index.add_entry_from_context(page)
    assert index.entries == []  # nothing indexed here while the child works
    in_child.finish()
    assert {entry.pop("pid") for entry in index.entries} == {in_child.child.pid}
    assert index.entries == serially(asked)
    assert "add_entry_from_context" not in vars(index)  # Material's method is back


def test_a_page_changed_after_the_fork_is_indexed_here_as_it_now_is() -> None:
    given = pages(3)
    index = WhereIndexed(**CONFIG)
    in_child = search_in_child.IndexInChild(index, given)
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
    in_child = search_in_child.IndexInChild(index, given)
    for page in given:
        index.add_entry_from_context(page)
        page.content = page.content.replace(" data-search-exclude", "")  # as Material's plugin does next
    in_child.finish()
    assert {entry.pop("pid") for entry in index.entries} == {os.getpid()}
    assert index.entries == serially(pages(3))
    assert all("Skipped" not in entry["text"] for entry in index.entries)


def test_a_failed_build_stops_the_child_and_gives_material_its_method_back() -> None:
    index = SearchIndex(**CONFIG)
    in_child = search_in_child.IndexInChild(index, pages(2))
    in_child.abandon()
    with pytest.raises(ChildProcessError):
        os.waitpid(in_child.child.pid, os.WNOHANG)
    assert "add_entry_from_context" not in vars(index)


def test_no_child_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not worth_forking()
        assert search_in_child.start(SearchIndex(**CONFIG), pages(2)) is None
    finally:
        release.set()
        thread.join()


def test_a_child_with_a_second_cpu_or_when_asked_and_never_when_asked_for_one_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(child_process.threading, "active_count", lambda: 1)  # other tests leave threads here
    monkeypatch.setenv(PROCESSES, "2")
    assert worth_forking()
    monkeypatch.setenv(PROCESSES, "1")
    assert not worth_forking()
    monkeypatch.delenv(PROCESSES)
    assert worth_forking() == (len(os.sched_getaffinity(0)) > 1)


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.site
def test_mkdocs_build_makes_the_site_mkdocs_makes_alone(tmp_path: Path) -> None:
    registry = search_registry_dir(tmp_path / "registry")
    parallel, alone = make_project(tmp_path / "parallel", registry), make_project(tmp_path / "alone", registry)
    built = [mkdocs_build(parallel, "--verbose", env=FORK),
             mkdocs_build(alone, "--verbose", env={**os.environ, PROCESSES: "1"})]
    assert [result.returncode for result in built] == [0, 0], [result.stderr for result in built]
    for message in (mkdocs_parallel_hook.MARKDOWN_FORKED, mkdocs_parallel_hook.SEARCH_FORKED):
        assert [message in result.stderr for result in built] == [True, False]
    assert site_files(parallel / "site") == site_files(alone / "site")


PIDMARK = '''
import os
from markdown import Extension
from markdown.preprocessors import Preprocessor


class Mark(Preprocessor):
    def run(self, lines):
        with open(os.environ["CONVERSIONS"], "a") as log:
            log.write(f"{os.getpid()} {lines[0]}\\n")
        return lines


class PidMark(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Mark(md), "pidmark", 100)


def makeExtension(**kwargs):
    return PidMark(**kwargs)
'''

ONLY_HERE = '''
import os

started = None


def on_startup(command, dirty):
    global started
    started = os.getpid()


def on_page_markdown(markdown, page, config, files):
    if os.getpid() != started:
        raise RuntimeError("a plugin that fails in the child")
    return markdown
'''

DIFFERS = '''
import os


def on_page_markdown(markdown, page, config, files):
    return markdown + f"\\n\\nConverted by {os.getpid()}.\\n"
'''


def small_project(root: Path, extra_hook: str | None = None, broken: bool = False) -> Path:
    """Eight pages, Material with its search, the parallel hook, and a Markdown extension noting which process
    converts each page (the page's first line) in the file $CONVERSIONS."""
    root.mkdir()
    (root / "pidmark.py").write_text(PIDMARK, "utf-8")
    hooks = [str(REPO / "generator" / "mkdocs" / "parallel_hook.py")]
    if extra_hook is not None:
        (root / "extra_hook.py").write_text(extra_hook, "utf-8")
        hooks.append("extra_hook.py")
    (root / "mkdocs.yml").write_text("site_name: Small\ntheme:\n  name: material\n  font: false\n"
                                     "plugins:\n  - search\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"
                                     "  - pidmark\nhooks:\n" + "".join(f"  - {hook}\n" for hook in hooks), "utf-8")
    for i in range(8):
        link = "[gone](missing.md)" if broken and i in (3, 4) else f"[next](page{(i + 1) % 8}.md)"
        (root / "docs" / f"page{i}.md").parent.mkdir(exist_ok=True)
        (root / "docs" / f"page{i}.md").write_text(f"# Page {i}\n\nText {i}, {link}.\n\n## Part\n\nMore.\n", "utf-8")
    return root


def build_small(project: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, list[int]]]:
    """Built with --strict; returns the result and, per page, the processes that converted it."""
    conversions = project / "conversions.txt"
    env = {**FORK, "CONVERSIONS": str(conversions),
           "PYTHONPATH": os.pathsep.join([str(project), str(REPO), os.environ.get("PYTHONPATH", "")])}
    result = mkdocs_build(project, "--verbose", *args, env=env)
    converted: dict[str, list[int]] = {}
    for line in conversions.read_text("utf-8").splitlines():
        pid, first = line.split(" ", 1)
        converted.setdefault(first, []).append(int(pid))
    return result, converted


def test_each_page_is_converted_once_and_the_child_converts_every_other(tmp_path: Path) -> None:
    result, converted = build_small(small_project(tmp_path / "small"))
    assert result.returncode == 0, result.stderr
    assert mkdocs_parallel_hook.MARKDOWN_FORKED in result.stderr
    assert sorted(converted) == [f"# Page {i}" for i in range(8)]
    assert all(len(pids) == 1 for pids in converted.values())
    assert sorted(Counter(pid for (pid,) in converted.values()).values()) == [4, 4]
    page5 = (tmp_path / "small" / "site" / "page5" / "index.html").read_text("utf-8")
    assert page5.count('<a href="../page6/">next</a>') == 1


def test_what_a_child_conversion_logs_is_logged_and_fails_the_strict_build(tmp_path: Path) -> None:
    result, converted = build_small(small_project(tmp_path / "small", broken=True))
    assert result.returncode == 1
    assert "Aborted with 2 warnings in strict mode" in result.stdout + result.stderr
    for page in ("page3.md", "page4.md"):
        assert result.stderr.count(f"Doc file '{page}' contains a link 'missing.md'") == 1, result.stderr
    assert len({pids[0] for page, pids in converted.items() if page in ("# Page 3", "# Page 4")}) == 2


@pytest.mark.parametrize("hook", [ONLY_HERE, DIFFERS], ids=["plugin fails in the child", "Markdown differs"])
def test_pages_the_child_could_not_convert_as_this_process_would_are_converted_here(hook: str, tmp_path: Path) -> None:
    result, converted = build_small(small_project(tmp_path / "small", hook))
    assert result.returncode == 0, result.stderr
    assert mkdocs_parallel_hook.MARKDOWN_FORKED in result.stderr
    here = Counter(pids[-1] for pids in converted.values())
    assert len(here) == 1 and here.most_common(1)[0][1] == 8  # every page's HTML converted by the build itself
    if hook == DIFFERS:
        built = (tmp_path / "small" / "site" / "page1" / "index.html").read_text("utf-8")
        assert f"Converted by {here.most_common(1)[0][0]}." in built
