"""Read the registry's files from disk, for the CLI and the MkDocs hook (writing pages is `generator.output`).

Every file below the registry folder is read, ignored by a pattern of `registry/.askscopeignore`, or
reported (`registry.places`): hidden files, editor backups, other extensions and files in the wrong folder
are never skipped in silence. Symbolic links are reported and never followed (a pull request could otherwise
publish any file of the machine that builds the site), and at most one byte more than its size limit is read
of a file (`registry.loading.max_file_bytes`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from generator.diagnostics import Diagnostic, error
from generator.registry.loading import Unread, kind_of, max_file_bytes
from generator.registry.places import IGNORE_FILE, is_ignored, parse_ignore, unread_reason
from generator.registry.yamlsource import Refused


def read_registry(root: Path, display_root: str | None = None) -> dict[str, bytes]:
    """Every registry file below `root` as `{display path: bytes}`; display paths use `/`.
    A file that must not be read (a symbolic link) maps to a `Refused` placeholder that
    parses to its diagnostic; a file that is not a registry file maps to an `Unread` one."""
    prefix = display_root if display_root is not None else root.as_posix()
    patterns = _ignore_patterns(root)
    files: dict[str, bytes] = {}
    for parts, entry in sorted(_entries(str(root), (), patterns), key=lambda found: found[0]):
        name = _printable("/".join(parts))
        display = f"{prefix}/{name}" if prefix else name
        if entry.is_symlink():  # a linked folder is not descended either
            files[display] = Refused(error(display, 1, 1, "file.symlink",
                                           "registry files and folders must not be symbolic links",
                                           "replace the link with the file or folder itself"))
        elif entry.is_file():
            problem = unread_reason(display, [_printable(part) for part in parts])
            files[display] = (Unread(problem) if problem is not None
                              else _read_at_most(entry.path, max_file_bytes(kind_of(display)) + 1))
    return files


def _ignore_patterns(root: Path) -> list[str]:
    try:
        return parse_ignore((root / IGNORE_FILE).read_bytes().decode("utf-8", "replace"))
    except OSError:
        return []


def _read_at_most(path: str, limit: int) -> bytes:
    """The file's first `limit` bytes. It asks for no more than the file's size (and one byte, to see it grew):
    a read of `limit` bytes allocates a buffer that large, which made reading the registry twice as slow."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(limit, size + 1))
        return data + handle.read(limit - len(data)) if size < len(data) < limit else data


def _entries(folder: str, parts: tuple[str, ...],
             patterns: Sequence[str]) -> Iterator[tuple[tuple[str, ...], os.DirEntry[str]]]:
    """(path parts below the root, entry) of everything below `folder` that no ignore pattern names; symbolic
    links to folders are listed, not followed. `os.scandir` rather than `Path.rglob`: under `mkdocs serve` the
    registry is read on every save, and this is ~5x faster. A folder that is missing or cannot be listed
    yields nothing, as with `rglob`."""
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        for entry in entries:
            where = (*parts, entry.name)
            is_dir = entry.is_dir(follow_symlinks=False)
            if is_ignored(where, is_dir, patterns):
                continue
            yield where, entry
            if is_dir:
                yield from _entries(entry.path, where, patterns)


def _printable(name: str) -> str:
    """A file name that was not valid UTF-8 keeps U+FFFD where its bad bytes were."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def misplaced_files(files: Mapping[str, bytes]) -> list[Diagnostic]:
    """What `read_registry` did not read, and why (a refused file that is an entry reports itself when parsed)."""
    return [data.diagnostic for path, data in files.items()
            if isinstance(data, Unread) or (isinstance(data, Refused) and kind_of(path) is None)]
