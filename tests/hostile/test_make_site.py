"""`make site` never leaves a half-built site/: the real Makefile recipe, run on a copy of the
project (with this checkout's virtual environment), keeps the previous site/ byte for byte when
the build or the link check fails, and swaps in the new one only when both pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO, make_project

pytestmark = pytest.mark.site
VENV = Path(sys.executable).parent.parent


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_site(project: Path) -> subprocess.CompletedProcess[str]:
    installed = VENV / ".site-installed"  # -o: never (re)install into the shared environment from a test
    return subprocess.run(["make", "--no-print-directory", "-o", str(installed), "site", f"VENV={VENV}"],
                          cwd=project, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_failed_make_site_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copy(REPO / "Makefile", project / "Makefile")
    about = project / "docs" / "about.md"
    original = about.read_text("utf-8")

    first = make_site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    built = tree(project / "site")
    assert "index.html" in built and "pagefind/pagefind.js" in built

    about.write_text(original + "\n[broken](no-such-page.md)\n", "utf-8")  # mkdocs build --strict fails
    failed = make_site(project)
    assert failed.returncode != 0 and "no-such-page.md" in failed.stderr
    assert tree(project / "site") == built

    about.write_text(original + '\n<a href="no-such-page/">raw link</a>\n', "utf-8")  # only LinkChecker sees it
    failed = make_site(project)
    assert failed.returncode != 0 and "linkcheck" in failed.stdout + failed.stderr
    assert tree(project / "site") == built

    about.write_text(original + "\nA new sentence.\n", "utf-8")
    again = make_site(project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "A new sentence." in (project / "site" / "about" / "index.html").read_text("utf-8")
    assert not (project / ".site-tmp").exists() and not (project / ".site-tmp-old").exists()
