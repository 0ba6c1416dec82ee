"""Data-driven: each tests/data/invalid/<case>.yaml, and each malformed input in
tests/hostile/malformed/, is dropped into a copy of the valid registry (replacing the file at
its target, if there is one) and `check --strict` must report exactly the diagnostics its
header lists; `askscope check` must print each of them as `path:line:col` and exit 1, never
with a traceback.

Header lines: `# target: questions/x.yaml` (where the file goes), then one
`# expect: LINE:COL code` (or `# expect: other/file.yaml:LINE:COL code`) per diagnostic, in any
order. A case file starts with its header rather than the schema line of registry files, so its
`file.schema-line` warning is not counted unless the case expects it. Two more header lines serve
inputs that cannot be committed as they are: `# pad-to: BYTES` appends comment lines until the file is that large, and
`# symlink: NAME` writes the file outside the registry as NAME and puts a symbolic link to it at
the target. A byte order mark before the header is allowed.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check_registry
from generator.cli import main
from generator.diagnostics import Diagnostic
from generator.registry.folder import read_registry

from .conftest import DATA, REPO, VALID

HOSTILE = REPO / "tests" / "hostile" / "malformed"
CASES = sorted((DATA / "invalid").glob("*.yaml")) + sorted(p for p in HOSTILE.iterdir() if p.suffix != ".md")
_HEADER = re.compile(r"^# (target|expect|pad-to|symlink): (.+)$")


@dataclass
class Case:
    target: str = ""
    expected: set[tuple[str, int, int, str]] = field(default_factory=set)
    pad_to: int = 0
    symlink: str = ""


def _header(case: Path) -> Case:
    header = Case()
    for line in case.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff").splitlines():
        match = _HEADER.match(line)
        if not match:
            continue
        value = match[2].strip()
        if match[1] == "target":
            header.target = value
        elif match[1] == "pad-to":
            header.pad_to = int(value)
        elif match[1] == "symlink":
            header.symlink = value
        else:
            position, code = value.rsplit(" ", 1)
            *path, line_no, col = position.split(":")
            header.expected.add((f"registry/{path[0] if path else header.target}", int(line_no), int(col), code))
    return header


def _place(case: Path, header: Case, registry: Path) -> None:
    """Copy the valid registry to `registry` and drop the case into it."""
    shutil.copytree(VALID, registry)
    target = registry / header.target
    target.parent.mkdir(parents=True, exist_ok=True)
    data = case.read_bytes()
    if header.pad_to:
        padding = b"# padding\n" * (header.pad_to // 10 + 1)
        data = data + padding[: max(0, header.pad_to - len(data))]
    if header.symlink:
        outside = registry.parent / header.symlink
        outside.write_bytes(data)
        target.unlink(missing_ok=True)
        target.symlink_to(outside)
    else:
        target.write_bytes(data)


def _schema_line_of_the_case(diagnostic: Diagnostic, header: Case) -> bool:
    """The case files start with their header, not with the schema line every registry file needs
    (`file.schema-line`, tested by the cases that expect it): that warning is not counted for them."""
    expected = any(code == "file.schema-line" for *_, code in header.expected)
    return diagnostic.code == "file.schema-line" and diagnostic.path == f"registry/{header.target}" and not expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case_reports_exactly_its_diagnostics(case: Path, tmp_path: Path) -> None:
    header = _header(case)
    assert header.target and header.expected, f"{case.name} needs a `# target:` and at least one `# expect:` line"
    registry = tmp_path / "registry"
    _place(case, header, registry)
    _, diagnostics = check_registry(read_registry(registry, "registry"), strict=True)
    found = {(d.path, d.line, d.column, d.code) for d in diagnostics if not _schema_line_of_the_case(d, header)}
    assert found == header.expected, "\n".join(f"{d.path}:{d.line}:{d.column}: {d.code}: {d.message}"
                                               for d in diagnostics)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_askscope_check_prints_the_places_and_exits_1(case: Path, tmp_path: Path) -> None:
    header = _header(case)
    registry = tmp_path / "registry"
    _place(case, header, registry)
    result = CliRunner().invoke(main, ["check", "--strict", "--registry", str(registry)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    for path, line, column, code in header.expected:
        shown = path.replace("registry", registry.as_posix(), 1)
        assert any(text.startswith(f"{shown}:{line}:{column}: ") and text.endswith(f"[{code}]")
                   for text in result.stderr.splitlines()), result.stderr


def test_there_are_invalid_cases() -> None:
    assert len(CASES) >= 10
    assert len([c for c in CASES if c.parent == HOSTILE]) >= 40
