"""Fixtures of the hostile-input suite: the site built once from every content case."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import make_project, mkdocs_build
from .injection import hostile_registry, load_cases


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `mkdocs build --strict` of the valid registry plus every content case; returns the site."""
    root = tmp_path_factory.mktemp("hostile")
    project = make_project(root / "project", hostile_registry(root / "registry", load_cases()))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"
