"""Data-driven: each tests/data/invalid/<case>.yaml is dropped into a copy of the valid registry
(replacing the file at its target, if there is one) and `check --strict` must report exactly
the diagnostics its header lists.

Header lines: `# target: questions/x.yaml` (where the file goes), then one
`# expect: LINE:COL code` per diagnostic, in any order.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.files import read_registry
from generator.pipeline import check_registry

from .conftest import DATA, VALID

CASES = sorted((DATA / "invalid").glob("*.yaml"))
_HEADER = re.compile(r"^# (target|expect): (.+)$")


def _header(case: Path) -> tuple[str, set[tuple[str, int, int, str]]]:
    target, expected = "", set()
    for line in case.read_bytes().decode("utf-8", "replace").splitlines():
        match = _HEADER.match(line)
        if match and match[1] == "target":
            target = match[2].strip()
        elif match:
            position, code = match[2].split()
            *path, line_no, col = position.split(":")
            expected.add((f"registry/{path[0] if path else target}", int(line_no), int(col), code))
    return target, expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_reports_exactly_its_diagnostics(case: Path, tmp_path: Path) -> None:
    target, expected = _header(case)
    assert target and expected, f"{case.name} needs a `# target:` and at least one `# expect:` line"
    registry = tmp_path / "registry"
    shutil.copytree(VALID, registry)
    (registry / target).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(case, registry / target)
    _, diagnostics = check_registry(read_registry(registry, "registry"), strict=True)
    found = {(d.path, d.line, d.column, d.code) for d in diagnostics}
    assert found == expected, "\n".join(f"{d.path}:{d.line}:{d.column}: {d.code}: {d.message}" for d in diagnostics)


def test_there_are_invalid_cases() -> None:
    assert len(CASES) >= 10
