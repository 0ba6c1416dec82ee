"""Write generated pages safely, for the CLI and the MkDocs hook.

Only pages whose content changed are rewritten (so unchanged files keep
their timestamps and `mkdocs serve --dirty` rebuilds only what changed), and
stale files are removed only if the generator's own manifest lists them: it
never touches a file it did not create. A run stages every changed page as a
temporary file first; if that fails (disk full, permissions) it removes the
temporary files and reports a diagnostic, and the previous pages are untouched.
Only then are the temporary files renamed into place, after the manifest has
claimed every page the run may create, so a run killed at any point leaves whole
pages (old or new), no page the next run would mistake for a hand-written one,
and temporary files that the next run sweeps away.
"""

from __future__ import annotations

import datetime
import json
import os
import posixpath
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, error

MANIFEST = ".askscope-generated.json"
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]+\.tmp")


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    newest_date: datetime.date | None = None
    """The newest date in the registry's data, for SOURCE_DATE_EPOCH (set by `build.generate`)."""


OnDisk = dict[str, tuple[str, tuple[int, int, int]]]
"""page → (the text last written or found there, the file's (inode, size, mtime) just after)."""


def write_pages(out: Path, pages: Mapping[str, str],
                on_disk: OnDisk | None = None) -> tuple[WriteReport, list[Diagnostic]]:
    """Bring `out` in line with `pages`. Refuses, writing nothing, if a page would overwrite
    a file the generator did not create; writes nothing either if a page cannot be written.
    `on_disk`, kept by the caller from one call to the next, spares reading back a page whose text is the
    very same object as last time when its file's inode, size and modification time have not changed."""
    previous = _read_manifest(out)
    conflicts = [page for page in sorted(pages) if page not in previous and (out / page).exists()]
    if conflicts:
        return WriteReport(), [error((out / page).as_posix(), 1, 1, "output.conflict",
                                     "a hand-written file is in the way of a generated page",
                                     "move or rename the hand-written file; the generator never overwrites it")
                               for page in conflicts]
    report = WriteReport()
    staged: dict[str, str] = {}
    try:
        _sweep_temporary_files(out, previous | set(pages))
        known = on_disk if on_disk is not None else {}
        for page in sorted(pages):
            target = out / page
            text = pages[page]
            if page in known and known[page][0] is text and _identity(target) == known[page][1]:
                report.unchanged += 1
                continue
            data = text.encode("utf-8")
            if target.is_file() and target.read_bytes() == data:
                report.unchanged += 1
                _remember(on_disk, page, text, target)
                continue
            staged[page] = _stage(target, data)
        if set(staged) - previous:
            atomic_write(out / MANIFEST, _manifest(previous | set(pages)))
        for page in sorted(staged):
            os.replace(staged[page], out / page)
            del staged[page]
            report.written.append(page)
            if on_disk is not None:
                _remember(on_disk, page, pages[page], out / page)
        manifest = _manifest(pages)
        if _read_bytes(out / MANIFEST) != manifest:  # rewriting it unchanged would make `mkdocs serve` rebuild forever
            atomic_write(out / MANIFEST, manifest)
        for page in set(known) - set(pages):
            del known[page]
        for page in sorted(previous - set(pages)):
            stale = out / page
            if stale.is_file():
                stale.unlink()
                report.removed.append(page)
            _remove_empty_parents(stale.parent, out)
    except OSError as exc:
        where = Path(exc.filename).as_posix() if isinstance(exc.filename, str) else out.as_posix()
        return WriteReport(), [error(where, 1, 1, "output.write", f"could not write the pages: {exc.strerror or exc}",
                                     "check the folder's permissions and free space, then run again; "
                                     "pages not yet replaced are as they were")]
    finally:
        for tmp in staged.values():
            Path(tmp).unlink(missing_ok=True)
    return report, []


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _remember(on_disk: OnDisk | None, page: str, text: str, target: Path) -> None:
    identity = _identity(target) if on_disk is not None else None
    if on_disk is not None and identity is not None:
        on_disk[page] = (text, identity)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _manifest(pages: Iterable[str]) -> bytes:
    return (json.dumps(sorted(pages), indent=0) + "\n").encode("utf-8")


def _read_manifest(out: Path) -> set[str]:
    try:
        names = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(names, list):
        return set()
    return {n for n in names if isinstance(n, str) and n and ".." not in n.split("/") and not n.startswith("/")
            and "\\" not in n and "\0" not in n}


def _stage(target: Path, data: bytes) -> str:
    """Write `data` to a new temporary file beside `target`; returns its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` in one step: readers see the old file or the new one, never half."""
    tmp = _stage(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sweep_temporary_files(out: Path, pages: Iterable[str]) -> None:
    """Remove temporary files a killed run left beside the pages it manages (and nothing else)."""
    names_by_directory: dict[str, set[str]] = {"": {MANIFEST}}
    for page in pages:
        directory, name = posixpath.split(page)
        names_by_directory.setdefault(directory, set()).add(name)
    for directory, names in names_by_directory.items():
        try:
            entries = list(os.scandir(out / directory))
        except OSError:  # not there (yet), or not a folder
            continue
        for entry in entries:
            match = _TEMPORARY.fullmatch(entry.name)
            if match and match["name"] in names and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


def _remove_empty_parents(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
