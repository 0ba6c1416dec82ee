"""Where a file sits under registry/ decides whether it is read: every file is either a registry file, ignored
by a rule of `registry/.askscopeignore`, or reported with a code that says how to fix it. Nothing is skipped
in silence (a question saved as `questions/.draft.yaml` would otherwise not exist, and `check` say ok).

Pure: path parts relative to the registry folder in, a diagnostic (or None: read it) out.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

from generator.diagnostics import Diagnostic, Severity

ENTRY_FOLDERS = ("questions", "models", "papers")
ROOT_FILES = ("tasks.yaml", "citations.lock.yaml")
IGNORE_FILE = ".askscopeignore"
"""Patterns of files under registry/ that are neither read nor reported."""
_BACKUP_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".bak", ".orig", ".tmp")
_IGNORE_HINT = f"or name it in registry/{IGNORE_FILE}"


def is_yaml_like(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml"))


def _is_backup(name: str) -> bool:
    return name.endswith(_BACKUP_SUFFIXES) or (len(name) > 2 and name.startswith("#") and name.endswith("#"))


def unread_reason(display: str, parts: Sequence[str]) -> Diagnostic | None:
    """Why the file at `parts` (below the registry folder) is not read, or None when it is a registry file."""
    name, folders = parts[-1], tuple(parts[:-1])
    hidden = [part for part in parts if part.startswith(".")]

    def report(code: str, message: str, hint: str, severity: Severity = Severity.ERROR) -> Diagnostic:
        return Diagnostic(display, 1, 1, code, message, severity, hint)

    if hidden and is_yaml_like(name):
        where = (f"the name {name!r} starts with a dot" if name.startswith(".")
                 else f"it is in the hidden folder {hidden[0]!r}")
        return report("file.hidden", f"this file is not read: {where} (hidden files are not read)",
                      "rename it to <id>.yaml, the `id` inside it, in questions/, models/ or papers/ "
                      "(or delete it if it is a draft that must not be published)")
    if _is_backup(name) or hidden:
        return report("file.backup", "this file is not read: it looks like an editor's backup or temporary "
                      "file, or a hidden system file", f"delete it (close the editor first), {_IGNORE_HINT}",
                      Severity.WARNING)
    if len(parts) == 1 and name in ROOT_FILES:
        return None
    if len(parts) == 2 and folders[0] in ENTRY_FOLDERS and name.endswith(".yaml"):
        return None
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if is_yaml_like(name) and len(parts) == 2 and folders[0] in ENTRY_FOLDERS:
        return report("file.extension", "this file is not read: registry files end in .yaml (lower case)",
                      f"rename it to {stem.lower()}.yaml")
    if is_yaml_like(name) and len(parts) == 1 and name.lower() in ROOT_FILES:
        return report("file.extension", "this file is not read: registry files end in .yaml (lower case)",
                      f"rename it to {name.lower().rsplit('.', 1)[0]}.yaml")
    if is_yaml_like(name):
        fix = (f"move it up into {folders[0]}/" if folders and folders[0] in ENTRY_FOLDERS
               else "move it into questions/, models/ or papers/ (the folder of its kind)")
        return report("file.misplaced", "this file is not read: registry entries are read only from "
                      "questions/, models/ and papers/, and the registry folder holds only tasks.yaml and "
                      "citations.lock.yaml", f"{fix}, and name it <id>.yaml")
    if folders and folders[0] in ENTRY_FOLDERS:
        return report("file.extension", "this file is not read: registry entries are named <id>.yaml",
                      f"rename it to {stem.lower()}.yaml if it is an entry; else move it out of registry/, "
                      f"{_IGNORE_HINT}")
    return report("file.unknown", "this file is not read: it is not a registry file",
                  f"move it out of registry/, {_IGNORE_HINT}")


def parse_ignore(text: str) -> list[str]:
    """The patterns of an ignore file: one per line; blank lines and lines starting with `#` are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def is_ignored(parts: Sequence[str], is_dir: bool, patterns: Sequence[str]) -> bool:
    """As in .gitignore: a pattern without `/` matches a file or folder name at any depth; one with `/`
    matches the path from the registry folder; a trailing `/` matches folders only; `*` and `?` are wildcards."""
    if tuple(parts) == (IGNORE_FILE,):
        return True
    path = "/".join(parts)
    for pattern in patterns:
        folder_only = pattern.endswith("/")
        bare = pattern.strip("/")
        if folder_only and not is_dir:
            continue
        if fnmatch.fnmatchcase(path if "/" in bare else parts[-1], bare):
            return True
    return False
