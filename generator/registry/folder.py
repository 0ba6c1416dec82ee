"""Read the registry's files from disk, for the CLI and the MkDocs hook (writing pages is `generator.output`).

Hidden files and editor backups (`~`) are skipped, symbolic links are
reported and never followed (a pull request could otherwise publish any file of
the machine that builds the site), and at most one byte more than its size limit
is read of a file (`registry.loading.max_file_bytes`). Files in `questions/`, `models/` or `papers/` that are not
`<id>.yaml` are reported rather than silently ignored.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path

from generator.diagnostics import Diagnostic, error
from generator.registry.loading import ENTITY_DIRS, kind_of, max_file_bytes
from generator.registry.yamlsource import Refused


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
