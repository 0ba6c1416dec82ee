"""Shared fixtures: a copy of the valid test registry, and a real site built from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.exports.plan import EXPORT_FILES

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
VALID = DATA / "valid"
GENERATED = ("index.md", "questions", "tasks", "models", "papers", "tags", ".askscope-generated.json",
             "search-words.json", *EXPORT_FILES)


@pytest.fixture
def registry_dir(tmp_path: Path) -> Path:
    """A writable copy of tests/data/valid."""
    target = tmp_path / "registry"
    shutil.copytree(VALID, target)
    return target


def make_project(target: Path, registry: Path = VALID) -> Path:
    """A copy of the project's site sources (mkdocs.yml, hand-written docs) with `registry` as its registry."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(REPO / "CONTRIBUTING.md", target / "CONTRIBUTING.md")
    shutil.copytree(REPO / "generator", target / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs", target / "docs",
                    ignore=lambda d, names: [n for n in names if Path(d) == REPO / "docs" and n in GENERATED])
    shutil.copytree(registry, target / "registry")
    return target


def mkdocs_build(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project`, in `env` (default: this process's environment)."""
    env = {**(os.environ if env is None else env), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=project,
                          capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid registry built into a real site by `mkdocs build --strict`; returns the site folder."""
    project = make_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own registry/ built into a real site; returns the site folder."""
    project = make_project(tmp_path_factory.mktemp("real") / "project", REPO / "registry")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/valid with the tests/data/search overlay (tasks with synonyms, more questions), built by
    `mkdocs build --strict`; returns the site folder."""
    from .registries import search_registry_dir

    root = tmp_path_factory.mktemp("search-project")
    project = make_project(root / "project", search_registry_dir(root / "registry"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def write_file() -> Callable[[Path, str], Path]:
    def write(path: Path, text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path

    return write
