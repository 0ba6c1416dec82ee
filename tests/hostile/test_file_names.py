"""File names that cannot be committed as case files: bytes that are not UTF-8, and names holding
terminal escape sequences or line breaks. Each is shown (escaped) in a diagnostic, never crashed on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check_registry
from generator.cli import main
from generator.diagnostics import format_github, format_text
from generator.registry.folder import read_registry

from ..conftest import VALID


@pytest.mark.parametrize(("name", "shown"), [
    (b"caf\xe9.yaml", "caf\ufffd.yaml"),  # Latin-1, not UTF-8
    (b"\x1b[2Jclear.yaml", "\\x1b[2Jclear.yaml"),  # a terminal escape sequence
    (b"two\nlines.yaml", "two lines.yaml"),  # a line break (GitHub annotations are one line each)
])
def test_odd_file_names_are_reported_not_crashed_on(tmp_path: Path, name: bytes, shown: str) -> None:
    registry = tmp_path / "registry"
    os.makedirs(registry)
    for path in VALID.rglob("*"):
        target = registry / path.relative_to(VALID)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(path.read_bytes())
    question = (VALID / "questions" / "cell-types-without-training.yaml").read_bytes()
    with open(os.path.join(os.fsencode(registry / "questions"), name), "wb") as handle:
        handle.write(question)
    _, diagnostics = check_registry(read_registry(registry, "registry"))
    [mismatch] = [d for d in diagnostics if d.code == "id.mismatch"]
    text, github = format_text(mismatch), format_github(mismatch)
    assert text.startswith(f"registry/questions/{shown}:")
    assert "\x1b" not in text + github and "\n" not in text.split("\n    hint:")[0] and "\n" not in github
    result = CliRunner().invoke(main, ["check", "--registry", str(registry)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "[id.mismatch]" in result.stderr


def test_a_linked_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    """rglob does not descend into a linked folder: without a diagnostic its entries would vanish."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("id: secret\n", "utf-8")
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "tasks.yaml").write_bytes((VALID / "tasks.yaml").read_bytes())
    (registry / "questions").symlink_to(outside, target_is_directory=True)
    _, diagnostics = check_registry(read_registry(registry, "registry"))
    assert [(d.path, d.code) for d in diagnostics] == [("registry/questions", "file.symlink")]
