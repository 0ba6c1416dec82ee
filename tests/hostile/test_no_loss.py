"""Nothing lost, nothing half-done: a failed or interrupted `askscope generate` leaves the
previous pages as they were, never touches a hand-written file, and leaves no temporary files."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import generator.output
import generator.pages.templating
from generator.build import generate
from generator.cli import main
from generator.output import MANIFEST

QUESTION = "questions/cell-types-without-training.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones too) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temporary_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*.tmp")]


@pytest.fixture
def generated(registry_dir: Path, tmp_path: Path) -> Path:
    """An output folder holding a good generation of the valid registry, plus hand-written pages
    beside the generated ones and inside a generated folder."""
    out = tmp_path / "docs"
    out.mkdir()
    (out / "about.md").write_text("# About\n\nhand-written\n", "utf-8")
    diagnostics, report = generate(registry_dir, out)
    assert report is not None, diagnostics
    (out / "questions" / "my-notes.md").write_text("hand-written notes\n", "utf-8")
    return out


def _change_the_registry(registry_dir: Path) -> None:
    question = registry_dir / QUESTION
    question.write_text(question.read_text("utf-8").replace("It does not learn anything", "It learns nothing"),
                        "utf-8")
    model = registry_dir / "models" / "instructcv.yaml"
    model.write_text(model.read_text("utf-8").replace("name: InstructCV", "name: InstructCV (renamed)"), "utf-8")


def _fail_on_call(number: int, error: BaseException, real: Callable[..., Any]) -> Callable[..., Any]:
    calls = {"n": 0}

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == number:
            raise error
        return real(*args, **kwargs)

    return fake


def test_hand_written_pages_survive_every_run(registry_dir: Path, generated: Path) -> None:
    for question in (registry_dir / "questions").iterdir():
        question.unlink()  # every question page becomes stale and is removed...
    diagnostics, report = generate(registry_dir, generated)
    assert report is not None and "questions/cell-types-without-training.md" in report.removed, diagnostics
    assert (generated / "about.md").read_text("utf-8") == "# About\n\nhand-written\n"
    assert (generated / "questions" / "my-notes.md").read_text("utf-8") == "hand-written notes\n"  # ...not this


def test_a_hand_written_file_in_the_way_stops_the_run_and_is_kept(registry_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    (out / "questions").mkdir(parents=True)
    mine = out / "questions" / "cell-types-without-training.md"
    mine.write_text("mine\n", "utf-8")
    result = CliRunner().invoke(main, ["generate", "--registry", str(registry_dir), "--out", str(out)])
    assert result.exit_code == 1 and "[output.conflict]" in result.stderr
    assert snapshot(out) == {"questions/cell-types-without-training.md": b"mine\n"}


def test_an_error_in_the_registry_writes_nothing(registry_dir: Path, generated: Path) -> None:
    before = snapshot(generated)
    (registry_dir / QUESTION).write_text("id: [\n", "utf-8")
    diagnostics, report = generate(registry_dir, generated)
    assert report is None and [d.code for d in diagnostics if d.is_error] == ["yaml.syntax"]
    assert snapshot(generated) == before


def test_rendering_that_fails_midway_leaves_the_previous_pages(registry_dir: Path, generated: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(generated)
    _change_the_registry(registry_dir)
    environment = generator.pages.templating._ENV
    monkeypatch.setattr(environment, "get_template", _fail_on_call(3, RuntimeError("renderer bug"),
                                                                  environment.get_template))
    with pytest.raises(RuntimeError, match="renderer bug"):
        generate(registry_dir, generated)
    assert snapshot(generated) == before


def test_a_write_that_fails_midway_leaves_the_previous_pages(registry_dir: Path, generated: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(generated)
    _change_the_registry(registry_dir)
    disk_full = OSError(errno.ENOSPC, "No space left on device", str(generated / "models" / "instructcv.md"))
    monkeypatch.setattr(generator.output, "_stage", _fail_on_call(2, disk_full, generator.output._stage))
    diagnostics, report = generate(registry_dir, generated)
    assert report is None
    assert [(d.code, d.path) for d in diagnostics if d.is_error] == [
        ("output.write", (generated / "models" / "instructcv.md").as_posix())]
    assert "No space left on device" in diagnostics[-1].message
    assert snapshot(generated) == before
    assert temporary_files(generated) == []


def test_the_cli_reports_a_failed_write_without_a_traceback(registry_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "questions").write_text("a file where the generator needs a folder\n", "utf-8")
    result = CliRunner().invoke(main, ["generate", "--registry", str(registry_dir), "--out", str(out)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "error: could not write the pages" in result.stderr and "[output.write]" in result.stderr
    assert (out / "questions").read_text("utf-8") == "a file where the generator needs a folder\n"
    assert temporary_files(out) == []


def _interrupt_replace(when: str) -> Callable[..., Any]:
    """os.replace that raises KeyboardInterrupt at the first page (`page`) or, after every page,
    at the final manifest (`manifest`)."""
    real, manifests = os.replace, []

    def fake(source: Any, target: Any) -> None:
        is_manifest = Path(target).name == MANIFEST
        manifests.extend([target] if is_manifest else [])
        if (when == "page" and not is_manifest) or (when == "manifest" and len(manifests) == 2):
            raise KeyboardInterrupt
        real(source, target)

    return fake


@pytest.mark.parametrize("when", ["page", "manifest"])
def test_a_run_killed_while_replacing_pages_leaves_whole_pages_and_recovers(
        registry_dir: Path, generated: Path, monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    third = registry_dir / "questions" / "third.yaml"
    if when == "manifest":  # a page goes away too, so that the run ends by rewriting the manifest
        third.write_text((registry_dir / QUESTION).read_text("utf-8").replace(
            "id: cell-types-without-training", "id: third"), "utf-8")
        assert generate(registry_dir, generated)[1] is not None
    before = snapshot(generated)
    _change_the_registry(registry_dir)
    third.unlink(missing_ok=True)
    (registry_dir / "questions" / "second.yaml").write_text(
        (registry_dir / QUESTION).read_text("utf-8").replace("id: cell-types-without-training", "id: second"),
        "utf-8")
    monkeypatch.setattr(os, "replace", _interrupt_replace(when))
    with pytest.raises(KeyboardInterrupt):
        generate(registry_dir, generated)
    monkeypatch.undo()

    _, report = generate(registry_dir, tmp_docs := generated.parent / "expected")
    assert report is not None
    expected = snapshot(tmp_docs)
    after = snapshot(generated)
    for name, data in after.items():  # each page is whole: the previous version or the new one
        if name not in (MANIFEST, "about.md", "questions/my-notes.md"):
            assert data in (before.get(name), expected.get(name)), name
    assert temporary_files(generated) == []

    diagnostics, report = generate(registry_dir, generated)  # the next run completes the job
    assert report is not None, diagnostics  # no page of the killed run is mistaken for a hand-written one
    after = snapshot(generated)
    assert {k: v for k, v in after.items() if k not in ("about.md", "questions/my-notes.md")} == expected


def test_temporary_files_of_a_killed_run_are_swept_and_nothing_else(registry_dir: Path, generated: Path) -> None:
    leftovers = [generated / "questions" / ".cell-types-without-training.md.k2j4x9_a.tmp",
                 generated / f".{MANIFEST}.abcd1234.tmp"]
    unrelated = [generated / "questions" / ".my-notes.md.abcd1234.tmp", generated / ".about.md.swp",
                 generated / "questions" / ".cell-types-without-training.md.bak"]
    for path in leftovers + unrelated:
        path.write_text("x", "utf-8")
    diagnostics, report = generate(registry_dir, generated)
    assert report is not None, diagnostics
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in unrelated)


@pytest.mark.parametrize("manifest", ['{"a": 1}', "42", '["../outside.md", "/etc/hosts", "", "a\\\\b.md"]', "\x00"])
def test_a_damaged_manifest_is_ignored_not_trusted(registry_dir: Path, generated: Path, manifest: str) -> None:
    outside = generated.parent / "outside.md"
    outside.write_text("keep me\n", "utf-8")
    (generated / MANIFEST).write_text(manifest, "utf-8")
    diagnostics, report = generate(registry_dir, generated)
    # With its manifest gone the generator cannot tell its pages from hand-written ones: it refuses.
    assert report is None and {d.code for d in diagnostics} == {"output.conflict"}
    assert outside.read_text("utf-8") == "keep me\n"
    assert (generated / "questions" / "my-notes.md").exists()
