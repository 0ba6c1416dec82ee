"""The first line of every registry file names its JSON Schema, for every editor that runs yaml-language-server
(VS Code with Red Hat's YAML extension, Neovim, Helix, Zed, JetBrains IDEs):
`# yaml-language-server: $schema=../schema/question.json`. The path is relative to the file, so it points at
the committed copy in registry/schema/ (`make schema` writes it; a test keeps it in sync with the models).

Pure: a file's kind and bytes in, a warning out when the line is missing or names another schema.
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic, Severity

PREFIX = "# yaml-language-server: $schema="
SCHEMA_FILES = {"questions": "question", "models": "model", "papers": "paper", "tasks": "tasks", "lock": "lock"}
"""Kind of registry file (`registry.loading.kind_of`) → the name of its schema in registry/schema/."""


def schema_line(kind: str) -> str:
    """The line for a file of `kind`: entries sit one folder below tasks.yaml and the lock."""
    up = "../" if kind in ("questions", "models", "papers") else ""
    return f"{PREFIX}{up}schema/{SCHEMA_FILES[kind]}.json"


def check_schema_line(path: str, kind: str, raw: bytes) -> Diagnostic | None:
    expected = schema_line(kind)
    first = raw.split(b"\n", 1)[0].decode("utf-8", "replace").removeprefix("\ufeff").rstrip("\r")
    if first == expected:
        return None
    if first.startswith(PREFIX):
        message = f"the first line names the schema {first.removeprefix(PREFIX)!r}, not the one for this file"
        hint = f"make the first line `{expected}`"
    else:
        message = "the first line does not name the file's JSON Schema, so editors cannot complete or check it"
        hint = f"insert this first line: `{expected}`"
    return Diagnostic(path, 1, 1, "file.schema-line", message, Severity.WARNING, hint)
