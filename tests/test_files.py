"""The page writer: only changed files, atomic, never touching what it did not write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output import MANIFEST, write_pages
from generator.registry.folder import _read_at_most, read_registry
from generator.registry.loading import Unread
from generator.registry.yamlsource import Refused


def test_writes_then_rewrites_only_changed_pages(tmp_path: Path) -> None:
    report, problems = write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B"})
    assert not problems and report.written == ["a.md", "sub/b.md"]
    os.utime(tmp_path / "a.md", (1, 1))
    report, _ = write_pages(tmp_path, {"a.md": "A", "sub/b.md": "B2"})
    assert report.written == ["sub/b.md"] and report.unchanged == 1
    assert (tmp_path / "a.md").stat().st_mtime == 1
    assert (tmp_path / "sub" / "b.md").read_text("utf-8") == "B2"


def test_removes_only_its_own_stale_pages(tmp_path: Path) -> None:
    write_pages(tmp_path, {"q/old.md": "old", "q/keep.md": "keep"})
    (tmp_path / "q" / "notes.md").write_text("hand-written", "utf-8")
    report, _ = write_pages(tmp_path, {"q/keep.md": "keep"})
    assert report.removed == ["q/old.md"]
    assert (tmp_path / "q" / "notes.md").read_text("utf-8") == "hand-written"


def test_removes_empty_folders_it_emptied(tmp_path: Path) -> None:
    write_pages(tmp_path, {"gone/x.md": "x"})
    write_pages(tmp_path, {})
    assert not (tmp_path / "gone").exists()


def test_refuses_to_overwrite_a_hand_written_file(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("mine", "utf-8")
    report, problems = write_pages(tmp_path, {"about.md": "generated", "other.md": "x"})
    assert [p.code for p in problems] == ["output.conflict"]
    assert (tmp_path / "about.md").read_text("utf-8") == "mine"
    assert not (tmp_path / "other.md").exists() and not report.written


def test_a_tampered_manifest_cannot_delete_outside_the_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.md"
    victim.write_text("precious", "utf-8")
    (out / MANIFEST).write_text('["../victim.md", "/etc/passwd"]', "utf-8")
    write_pages(out, {})
    assert victim.read_text("utf-8") == "precious"


def test_leaves_no_temporary_files(tmp_path: Path) -> None:
    write_pages(tmp_path, {"a.md": "A"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "a.md"]


def test_remembered_pages_are_not_read_back_but_a_changed_file_is_rewritten(tmp_path: Path) -> None:
    on_disk: dict[str, tuple[str, tuple[int, int, int]]] = {}
    pages = {"a.md": "A" * 10, "b.md": "B"}
    write_pages(tmp_path, pages, on_disk)
    assert set(on_disk) == {"a.md", "b.md"}
    report, _ = write_pages(tmp_path, pages, on_disk)
    assert report.unchanged == 2 and not report.written
    (tmp_path / "a.md").write_text("someone else", "utf-8")
    report, _ = write_pages(tmp_path, pages, on_disk)
    assert report.written == ["a.md"] and (tmp_path / "a.md").read_text("utf-8") == "A" * 10
    report, _ = write_pages(tmp_path, {"a.md": pages["a.md"]}, on_disk)
    assert report.removed == ["b.md"] and set(on_disk) == {"a.md"}


def test_reads_at_most_one_byte_past_the_limit_whatever_the_size(tmp_path: Path) -> None:
    for size in (0, 1, 9, 10, 11, 50):
        path = tmp_path / f"{size}.yaml"
        path.write_bytes(bytes(range(size)))
        assert _read_at_most(str(path), 11) == bytes(range(size))[:11]


def test_a_file_that_grows_while_read_is_read_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 4)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:  # the size seen before another process appended
        result = real_fstat(fd)
        return os.stat_result((*result[:6], 2, *result[7:]))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fstat", stale_fstat)
        assert _read_at_most(str(path), 100) == b"x" * 4
        assert _read_at_most(str(path), 3) == b"xxx"


def test_reads_the_registry_as_display_paths_and_lists_every_other_file(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    for name in ("tasks.yaml", "questions/b.yaml", "questions/a.yaml", "questions/a.yaml~", "questions/.a.yaml.swp",
                 ".git/config", "papers/notes.txt", "models/m.yaml", "README.md", "schema/x.json", "ok.txt",
                 ".askscopeignore"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / ".askscopeignore").write_text("# comment\nschema/\n/ok.txt\n")
    (root / "linked").symlink_to(root / "questions", target_is_directory=True)
    files = read_registry(root, "registry")
    assert list(files) == ["registry/.git/config", "registry/README.md", "registry/linked",
                           "registry/models/m.yaml", "registry/papers/notes.txt", "registry/questions/.a.yaml.swp",
                           "registry/questions/a.yaml", "registry/questions/a.yaml~", "registry/questions/b.yaml",
                           "registry/tasks.yaml"]
    assert isinstance(files["registry/linked"], Refused)
    assert files["registry/questions/a.yaml"] == b"questions/a.yaml"
    unread = {path: (data.diagnostic.code, data.diagnostic.severity.value) for path, data in files.items()
              if isinstance(data, Unread)}
    assert unread == {"registry/.git/config": ("file.backup", "warning"),
                      "registry/README.md": ("file.unknown", "error"),
                      "registry/papers/notes.txt": ("file.extension", "error"),
                      "registry/questions/.a.yaml.swp": ("file.backup", "warning"),
                      "registry/questions/a.yaml~": ("file.backup", "warning")}
    assert read_registry(tmp_path / "missing") == {}
