"""A throw-away project around a synthetic registry: `mkdocs build`, LinkChecker and page sizes."""

from __future__ import annotations

import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.mkdocs.child_process import PROCESSES

REPO = Path(__file__).resolve().parent.parent
_STANDARD_GENERATED = {"index.md", "questions", "tasks", "models", "papers", ".askscope-generated.json"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _generated_in_repo() -> set[str]:
    """Top-level names under docs/ that the generator wrote (so that the copy holds only hand-written pages)."""
    names = set(_STANDARD_GENERATED)
    try:
        listed = json.loads((REPO / "docs" / ".askscope-generated.json").read_text("utf-8"))
    except (OSError, ValueError):
        listed = []
    names.update(str(page).split("/", 1)[0] for page in listed)
    return names


def make_project(target: Path, registry: Path) -> Path:
    """mkdocs.yml, generator/ and the hand-written docs of this checkout, with `registry` as the registry."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "generator", target / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    generated = _generated_in_repo()
    shutil.copytree(REPO / "docs", target / "docs",
                    ignore=lambda d, names: [n for n in names if Path(d) == REPO / "docs" and n in generated])
    shutil.copytree(registry, target / "registry")
    for extra in _watched_extras():
        if (REPO / extra).is_file():
            shutil.copy(REPO / extra, target / extra)
    return target


def _watched_extras() -> list[str]:
    """Other files mkdocs.yml watches (e.g. CONTRIBUTING.md, included into a page): MkDocs needs them."""
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    return [str(path) for path in config.get("watch", []) if str(path) not in {"registry", "generator", "docs"}
            and "/" not in str(path) and ".." not in str(path)]


def child_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(what: str, command: list[str], cwd: Path | None = None, env: dict[str, str] = ENV) -> float:
    """Wall time of `command`; a RuntimeError with the end of its output if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}):\n{(result.stderr + result.stdout)[-3000:]}")
    return elapsed


def mkdocs_build(project: Path, site: Path, profile: Path | None = None) -> float:
    """Wall time of one `mkdocs build --strict` into `site` (which is cleaned first by MkDocs). A profiled build
    runs in one process (ASKSCOPE_PROCESSES=1), so that the profile sees all of its work."""
    prefix = [sys.executable, "-m", "cProfile", "-o", str(profile)] if profile else [sys.executable]
    command = [*prefix, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    return _timed("mkdocs build", command, project, {**ENV, PROCESSES: "1"} if profile else ENV)


def registry_check(project: Path) -> float:
    """Wall time of `askscope check --strict` on the project's registry (the first step of `make site`)."""
    return _timed("askscope check", [sys.executable, "-m", "generator", "check", "--strict"], project)


def linkcheck(site: Path) -> float:
    """Wall time of `askscope linkcheck SITE` (LinkChecker over the site served on 127.0.0.1)."""
    return _timed("askscope linkcheck", [sys.executable, "-m", "generator", "linkcheck", str(site)])


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def page_sizes(site: Path) -> dict[str, float]:
    """Bytes: the whole site, its search index, the median and largest page of each generated kind
    (the kind's own index page excluded), each index page, and the largest page of all."""
    files = [p for p in site.rglob("*") if p.is_file()]
    sizes: dict[str, float] = {"site": sum(_size(p) for p in files), "files": len(files),
                               "search_index": sum(_size(p) for p in (site / "pagefind").rglob("*") if p.is_file()),
                               "home": _size(site / "index.html")}
    for kind in ("questions", "models", "papers", "tasks", "tags"):
        pages = [_size(p) for p in (site / kind).glob("*/index.html")]
        sizes[f"{kind}_median"] = statistics.median(pages) if pages else 0
        sizes[f"{kind}_max"] = max(pages, default=0)
        sizes[f"{kind}_index"] = _size(site / kind / "index.html")
    sizes["largest"] = max(_size(p) for p in files if p.name == "index.html")  # any page, lists' later pages too
    return sizes


# Where `mkdocs build` spends its time: cumulative time under these functions, from one profiled build.
# A caller restriction attributes Jinja's Template.render to MkDocs' page building (Material's templates)
# rather than to the generator's own Markdown templates.
_PARTS: list[tuple[str, str, str, str | None]] = [
    ("generator (hook: read, check, render, write the Markdown)", "generator/build.py", "generate", None),
    ("Markdown → HTML (Python-Markdown, pymdownx, link validation)", "mkdocs/structure/pages.py", "render", None),
    ("Material page templates (Jinja2)", "jinja2/environment.py", "render", "_build_page"),
    ("search index: pages parsed (on_page_context)", "search/plugin.py", "on_page_context", None),
    ("search index: JSON written (on_post_build)", "search/plugin.py", "on_post_build", None),
    ("finding the docs files (get_files)", "mkdocs/structure/files.py", "get_files", None),
    ("writing HTML files", "mkdocs/utils/__init__.py", "write_file", None),
]


def _find(stats: pstats.Stats, path: str, name: str) -> list[tuple[str, int, str]]:
    table: dict[tuple[str, int, str], object] = stats.stats  # type: ignore[attr-defined]
    return [func for func in table if func[0].endswith(path) and func[2] == name]


def mkdocs_profile(profile: Path) -> list[tuple[str, float]]:
    """(part, share of the profiled build's time) for the parts above, then the rest."""
    stats = pstats.Stats(str(profile))
    table: dict[tuple[str, int, str], tuple[int, int, float, float, dict[tuple[str, int, str], tuple[float, ...]]]]
    table = stats.stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in table.values())
    parts: list[tuple[str, float]] = []
    for label, path, name, caller in _PARTS:
        seconds = 0.0
        for func in _find(stats, path, name):
            if caller is None:
                seconds += table[func][3]
            else:
                seconds += sum(edge[3] for who, edge in table[func][4].items() if who[2] == caller)
        parts.append((label, seconds / total))
    parts.append(("everything else (startup, imports, config, theme, static files)",
                  max(0.0, 1 - sum(share for _, share in parts))))
    return parts


@dataclass
class Timing:
    """Medians of several runs: wall-clock seconds, and CPU seconds of the processes the runs started (less
    disturbed than wall time when other work shares the machine)."""

    wall: float
    cpu: float
    walls: list[float]


def median_of(runs: int, measure: Callable[[], float]) -> Timing:
    walls, cpus = [], []
    for _ in range(runs):
        before = child_cpu()
        walls.append(measure())
        cpus.append(child_cpu() - before)
    return Timing(statistics.median(walls), statistics.median(cpus), walls)
