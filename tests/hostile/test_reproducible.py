"""Reproducible output: two runs of `askscope generate`, and two site builds, on the same
registry are byte-identical whatever the order files were created on disk, the locale, the time
zone, PYTHONHASHSEED or the folder the project sits in. The only dates come from the data (the
hook sets SOURCE_DATE_EPOCH from the registry's newest date unless it is given)."""

from __future__ import annotations

import datetime
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import VALID, make_project, mkdocs_build
from .injection import hostile_registry, load_cases

ENVIRONMENTS = [
    {"LC_ALL": "C", "TZ": "UTC", "PYTHONHASHSEED": "0"},
    {"LC_ALL": "C.utf8", "LANG": "C.utf8", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "4242"},
]
NEWEST_DATE = "2025-03-04"  # every date of the registry below is moved here, away from today


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_in_order(source: Path, target: Path, reverse: bool) -> Path:
    """Copy a folder creating its files in sorted or reverse order (so directory order may differ)."""
    for path in sorted(source.rglob("*"), reverse=reverse):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / path.relative_to(source))
    return target


def environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "LANG", "LC_ALL", "TZ")}
    return {**env, **extra, "NO_MKDOCS_2_WARNING": "1"}


def assert_same(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.fixture(scope="module")
def registry_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid registry plus a few hostile entries (odd characters make ordering and encoding matter)."""
    cases = [c for c in load_cases() if c.name in ("emoji", "right-to-left", "plain-text", "jinja")]
    registry = hostile_registry(tmp_path_factory.mktemp("source") / "registry", cases)
    for path in registry.rglob("*.yaml"):
        text = path.read_text("utf-8")
        path.write_text(re.sub(r"20\d\d-\d\d-\d\d", NEWEST_DATE, text), "utf-8")
    return registry


def test_generate_is_byte_identical_across_environments(registry_source: Path, tmp_path: Path) -> None:
    outputs = []
    for i, extra in enumerate(ENVIRONMENTS):
        root = tmp_path / f"run{i}" / ("nested" * i)
        copy_in_order(registry_source, root / "registry", reverse=bool(i))
        result = subprocess.run([sys.executable, "-m", "generator", "generate", "--out", "docs"], cwd=root,
                                env=environment(extra), capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        outputs.append(tree(root / "docs"))
    assert_same(*outputs)
    assert len(outputs[0]) > 20


@pytest.mark.site
def test_the_site_build_is_byte_identical_across_environments(registry_source: Path, tmp_path: Path) -> None:
    sites = []
    for i, extra in enumerate(ENVIRONMENTS):
        registry = copy_in_order(registry_source, tmp_path / f"registry{i}", reverse=bool(i))
        project = with_site_url(make_project(tmp_path / f"build{i}" / ("deeper" * i) / "project", registry))
        result = mkdocs_build(project, env=environment(extra))
        assert result.returncode == 0, result.stderr
        sites.append(tree(project / "site"))
    assert_same(*sites)
    for name in ("sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind.js", "index.html"):
        assert name in sites[0]
    sitemap = sites[0]["sitemap.xml"].decode("utf-8")
    assert f"<lastmod>{NEWEST_DATE}</lastmod>" in sitemap and sitemap.count("<lastmod>") == sitemap.count(NEWEST_DATE)
    newest = datetime.datetime.fromisoformat(NEWEST_DATE).replace(tzinfo=datetime.UTC)
    assert gzip_mtime(sites[0]["sitemap.xml.gz"]) == int(newest.timestamp())


@pytest.mark.site
def test_source_date_epoch_is_honoured(tmp_path: Path) -> None:
    project = with_site_url(make_project(tmp_path / "project", VALID))
    result = mkdocs_build(project, env={**os.environ, "SOURCE_DATE_EPOCH": "946684800"})  # 2000-01-01
    assert result.returncode == 0, result.stderr
    assert "<lastmod>2000-01-01</lastmod>" in (project / "site" / "sitemap.xml").read_text("utf-8")
    assert gzip_mtime((project / "site" / "sitemap.xml.gz").read_bytes()) == 946684800


def with_site_url(project: Path) -> Path:
    """MkDocs lists pages (with their dates) in sitemap.xml only when the site has a URL."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\nsite_url:" not in text
    config.write_text(text + "\nsite_url: https://askscope.example/\n", "utf-8")
    return project


def gzip_mtime(data: bytes) -> int:
    assert data[:2] == b"\x1f\x8b"
    gzip.decompress(data)
    return int.from_bytes(data[4:8], "little")
