"""Disk I/O for the CLI and the MkDocs hook: read the registry, write generated pages safely.

The writer rewrites only pages whose content changed (so unchanged files keep their
timestamps and `mkdocs serve --dirty` rebuilds only what changed), writes each file
atomically (temporary file, then rename), and removes only stale files listed in
its own manifest: it never touches a file it did not create.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, error
from .registry import kind_of

MANIFEST = ".askscope-generated.json"


def read_registry(root: Path, display_root: str | None = None) -> dict[str, bytes]:
    """Every registry file below `root` as `{display path: bytes}`; display paths use `/`."""
    prefix = display_root if display_root is not None else root.as_posix()
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        display = f"{prefix}/{path.relative_to(root).as_posix()}" if prefix else path.relative_to(root).as_posix()
        if kind_of(display) is not None or path.suffix == ".yml":
            files[display] = path.read_bytes()
    return files


def misplaced_files(files: Mapping[str, bytes]) -> list[Diagnostic]:
    return [error(path, 1, 1, "file.extension", "registry files end in .yaml, not .yml",
                  f"rename it to {path[:-4]}.yaml") for path in files if path.endswith(".yml")]


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write_pages(out: Path, pages: Mapping[str, str]) -> tuple[WriteReport, list[Diagnostic]]:
    """Bring `out` in line with `pages`. Refuses, writing nothing, if a page would overwrite
    a file the generator did not create."""
    previous = _read_manifest(out)
    conflicts = [page for page in sorted(pages) if page not in previous and (out / page).exists()]
    if conflicts:
        return WriteReport(), [error((out / page).as_posix(), 1, 1, "output.conflict",
                                     "a hand-written file is in the way of a generated page",
                                     "move or rename the hand-written file; the generator never overwrites it")
                               for page in conflicts]
    report = WriteReport()
    for page in sorted(pages):
        target = out / page
        data = pages[page].encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        atomic_write(target, data)
        report.written.append(page)
    atomic_write(out / MANIFEST, (json.dumps(sorted(pages), indent=0) + "\n").encode("utf-8"))
    for page in sorted(previous - set(pages)):
        stale = out / page
        if stale.is_file():
            stale.unlink()
            report.removed.append(page)
        _remove_empty_parents(stale.parent, out)
    return report, []


def _read_manifest(out: Path) -> set[str]:
    try:
        names = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    return {n for n in names if isinstance(n, str) and ".." not in n.split("/") and not n.startswith("/")}


def atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_empty_parents(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
