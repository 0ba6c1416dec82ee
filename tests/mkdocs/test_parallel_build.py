"""`mkdocs build` with a second process (generator/mkdocs/parallel_hook.py) makes the site MkDocs makes alone:

- pages converted by the child (`markdown_in_child`) are the pages MkDocs converts, and what their conversion logs
  is logged (and counted by `--strict`) as it would be.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections import Counter
from pathlib import Path

import pytest

from generator.mkdocs import child_process
from generator.mkdocs import parallel_hook as mkdocs_parallel_hook
from generator.mkdocs.child_process import PROCESSES, worth_forking

from ..conftest import REPO, make_project, mkdocs_build
from ..registries import search_registry_dir

FORK = {**os.environ, PROCESSES: "2"}
"""A child even with one CPU, so that these tests run the same on any machine."""


def test_no_child_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not worth_forking()
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
    assert [mkdocs_parallel_hook.MARKDOWN_FORKED in result.stderr for result in built] == [True, False]
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
    """Eight pages, Material, the parallel hook, and a Markdown extension noting which process
    converts each page (the page's first line) in the file $CONVERSIONS."""
    root.mkdir()
    (root / "pidmark.py").write_text(PIDMARK, "utf-8")
    hooks = [str(REPO / "generator" / "mkdocs" / "parallel_hook.py")]
    if extra_hook is not None:
        (root / "extra_hook.py").write_text(extra_hook, "utf-8")
        hooks.append("extra_hook.py")
    (root / "mkdocs.yml").write_text("site_name: Small\ntheme:\n  name: material\n  font: false\n"
                                     "plugins: []\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"
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
