"""Regenerating without a registry change touches nothing in docs/: `mkdocs serve` watches docs/, so
any rewrite there (even of identical bytes) starts another build, which would rewrite it again, forever."""

from __future__ import annotations

import os
from pathlib import Path

from generator.build import generate


def _stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file()}


def test_a_second_generate_touches_no_file(registry_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    _, report = generate(registry_dir, out)
    assert report is not None and report.written
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = _stats(out)
    _, again = generate(registry_dir, out)
    assert again is not None and not again.written and not again.removed
    assert _stats(out) == before


def test_an_edit_rewrites_only_the_pages_it_changes(registry_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    generate(registry_dir, out)
    question = next((registry_dir / "questions").glob("*.yaml"))
    question.write_text(question.read_text("utf-8").replace("answer: >-\n  ", "answer: >-\n  Edited. ", 1), "utf-8")
    before = _stats(out)
    _, report = generate(registry_dir, out)
    assert report is not None and f"questions/{question.stem}.md" in report.written
    changed = {name for name, stat in _stats(out).items() if before.get(name) != stat}
    assert changed == set(report.written)
