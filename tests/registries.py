"""Test registries for search, tags and exports: the seed (tests/data/valid) with the overlay in
tests/data/search/ on top, and helpers to load a registry folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.check import check_registry
from generator.registry.folder import read_registry
from generator.registry.loading import Registry

DATA = Path(__file__).resolve().parent / "data"


def search_registry_dir(target: Path) -> Path:
    """tests/data/valid plus tests/data/search/ (whose tasks.yaml replaces the seed's), copied to `target`."""
    shutil.copytree(DATA / "valid", target)
    shutil.copytree(DATA / "search", target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return target


def load(directory: Path) -> Registry:
    registry, diagnostics = check_registry(read_registry(directory, "registry"), strict=True)
    assert not diagnostics, diagnostics
    return registry
