"""Disk I/O for the CLI and the MkDocs hook: read the registry, write generated pages safely.

Reading: hidden files and editor backups (`~`) are skipped, symbolic links are
reported and never followed (a pull request could otherwise publish any file of
the machine that builds the site), and at most one byte more than its size limit
is read of a file (`registry.max_file_bytes`). Files in `questions/`, `models/` or `papers/` that are not
`<id>.yaml` are reported rather than silently ignored.

Writing: only pages whose content changed are rewritten (so unchanged files keep
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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, error
from .registry import ENTITY_DIRS, kind_of, max_file_bytes
from .yamlsource import Refused

MANIFEST = ".askscope-generated.json"
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]+\.tmp")


def read_registry(root: Path, display_root: str | None = None) -> dict[str, bytes]:
    """Every registry file below `root` as `{display path: bytes}`; display paths use `/`.
    A file that must not be read (a symbolic link) maps to a `Refused` placeholder that
    parses to its diagnostic."""
    prefix = display_root if display_root is not None else root.as_posix()
    files: dict[str, bytes] = {}
    for parts, entry in sorted(_visible_entries(str(root), ()), key=lambda found: found[0]):
        if entry.name.endswith("~"):
            continue
        name = _printable("/".join(parts))
        display = f"{prefix}/{name}" if prefix else name
        relevant = kind_of(display) is not None or name.endswith(".yml") or _in_entity_dir(display)
        if entry.is_symlink() and (relevant or entry.is_dir()):  # a linked folder is not descended either
            files[display] = Refused(error(display, 1, 1, "file.symlink",
                                           "registry files and folders must not be symbolic links",
                                           "replace the link with the file or folder itself"))
        elif relevant and entry.is_file():
            files[display] = _read_at_most(entry.path, max_file_bytes(kind_of(display)) + 1)
    return files


def _read_at_most(path: str, limit: int) -> bytes:
    """The file's first `limit` bytes. It asks for no more than the file's size (and one byte, to see it grew):
    a read of `limit` bytes allocates a buffer that large, which made reading the registry twice as slow."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(limit, size + 1))
        return data + handle.read(limit - len(data)) if size < len(data) < limit else data


def _visible_entries(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], os.DirEntry[str]]]:
    """(path parts below the root, entry) of everything below `folder` but hidden files and folders; symbolic
    links to folders are listed, not followed. `os.scandir` rather than `Path.rglob`: under `mkdocs serve` the
    registry is read on every save, and this is ~5x faster. A folder that is missing or cannot be listed
    yields nothing, as with `rglob`."""
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            where = (*parts, entry.name)
            yield where, entry
            if entry.is_dir(follow_symlinks=False):
                yield from _visible_entries(entry.path, where)


def _printable(name: str) -> str:
    """A file name that was not valid UTF-8 keeps U+FFFD where its bad bytes were."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _in_entity_dir(path: str) -> bool:
    return any(part in ENTITY_DIRS for part in path.split("/")[:-1])


def misplaced_files(files: Mapping[str, bytes]) -> list[Diagnostic]:
    """Files that look like registry entries but are not read as such."""
    found = []
    for path, data in files.items():
        directory, name = posixpath.split(path)
        if isinstance(data, Refused) and kind_of(path) is None:  # else parsing it reports it
            found.append(data.diagnostic)
        elif path.endswith(".yml"):
            found.append(error(path, 1, 1, "file.extension", "registry files end in .yaml, not .yml",
                               f"rename it to {path[:-4]}.yaml"))
        elif _in_entity_dir(path) and posixpath.basename(directory) not in ENTITY_DIRS:
            found.append(error(path, 1, 1, "file.misplaced", "registry entries are not read from sub-folders",
                               "move the file up into questions/, models/ or papers/"))
        elif _in_entity_dir(path) and not name.endswith(".yaml"):
            found.append(error(path, 1, 1, "file.extension", "this file is not read: registry entries are "
                               "named <id>.yaml", f"rename it to {name.split('.')[0].lower()}.yaml, or remove it"))
    return found


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
