"""Load the registry from file contents: parse, validate against the schema, keep positions.

Pure: takes `{display path: bytes}` and returns data and diagnostics; reading the
files from disk is the caller's job (see `registry.folder.read_registry`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic, Severity, error
from generator.registry.schema import Lock, Model, Paper, Question, Task, Tasks
from generator.registry.schemaline import check_schema_line
from generator.registry.todos import find_todos
from generator.registry.yamlsource import MAX_FILE_BYTES, MAX_SHARED_FILE_BYTES, Refused, SourceFile, parse_yaml

ENTITY_DIRS: dict[str, type[Question] | type[Model] | type[Paper]] = {
    "questions": Question, "models": Model, "papers": Paper}
TASKS_FILE = "tasks.yaml"
LOCK_FILE = "citations.lock.yaml"

M = TypeVar("M", bound=BaseModel)
Entry = Tasks | Lock | Question | Model | Paper


@dataclass
class Registry:
    questions: dict[str, Question] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    lock: Lock = field(default_factory=lambda: Lock(version=1))
    paths: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) → display path of the file that defines it; kind is questions, models, papers or tasks."""
    tasks_file: Tasks | None = None
    """The validated tasks.yaml (the same object as long as the file does not change)."""
    loaded: dict[str, LoadedFile] = field(default_factory=dict)
    """What each file yielded, by display path: pass it to the next `load_registry` to skip unchanged files."""
    unreadable: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of files that exist but failed to load (("tasks", "*") for tasks.yaml), so that
    references to them are not reported a second time as unknown."""

    def exists(self, kind: str, entity_id: str) -> bool:
        return (entity_id in getattr(self, kind) or (kind, entity_id) in self.unreadable
                or (kind == "tasks" and ("tasks", "*") in self.unreadable))

    def position(self, path: str, loc: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        loaded = self.loaded.get(path)
        return loaded.source.locate(loc, key) if loaded is not None and loaded.source is not None else (1, 1)

    def diagnostic_at(self, kind: str, entity_id: str, loc: Sequence[str | int], code: str, message: str,
                      hint: str = "", key: bool = False, severity: Severity = Severity.ERROR) -> Diagnostic:
        """A diagnostic pointing into the file that defines `entity_id` (a task's loc is inside tasks.yaml)."""
        path = self.paths.get((kind, entity_id), "")
        full_loc = ["tasks", entity_id, *loc] if kind == "tasks" else list(loc)
        line, column = self.position(path, full_loc, key)
        return Diagnostic(path, line, column, code, message, severity, hint)


class Unread(Refused):
    """Stands for a file under the registry folder that is not a registry file (`registry.places`): it is
    not loaded, only reported."""


def kind_of(path: str) -> str | None:
    """Which kind of registry file `path` is, from its place: questions/x.yaml is a question."""
    directory, name = posixpath.split(path)
    parent = posixpath.basename(directory)
    if name.startswith("."):
        return None
    if name == TASKS_FILE and parent not in ENTITY_DIRS:
        return "tasks"
    if name == LOCK_FILE and parent not in ENTITY_DIRS:
        return "lock"
    if parent in ENTITY_DIRS and name.endswith(".yaml"):
        return parent
    return None


@dataclass(frozen=True)
class LoadedFile:
    """What one file yielded: a pure function of its path and bytes, so a later run may reuse it
    whenever the bytes are the same (`load_registry`'s `previous`)."""

    raw: bytes
    source: SourceFile | None
    value: Entry | None
    """The validated Tasks, Lock, Question, Model or Paper; None if the file failed to load."""
    diagnostics: tuple[Diagnostic, ...]
    todos: tuple[Diagnostic, ...]


def load_registry(files: Mapping[str, bytes],
                  previous: Mapping[str, LoadedFile] | None = None) -> tuple[Registry, list[Diagnostic]]:
    """Parse and validate every registry file; collect every diagnostic rather than stop at the first.
    `previous` is an earlier run's `registry.loaded`: files whose bytes did not change are not parsed again,
    and their entries are the very same (immutable) objects, which lets the renderer reuse their pages."""
    registry = Registry()
    diagnostics: list[Diagnostic] = []
    for path in sorted(files):
        kind, raw = kind_of(path), files[path]
        if kind is None or isinstance(raw, Unread):
            continue
        before = previous.get(path) if previous is not None else None
        loaded = before if before is not None and before.raw == raw and not isinstance(raw, Refused) \
            else _load_file(kind, path, raw)
        registry.loaded[path] = loaded
        diagnostics += loaded.diagnostics
        if loaded.value is None:
            registry.unreadable.add((kind, "*" if kind == "tasks" else _stem(path)))
        else:
            _add(registry, kind, path, loaded.value)
    return registry, diagnostics


def _load_file(kind: str, path: str, raw: bytes) -> LoadedFile:
    source, diagnostics = parse_yaml(path, raw, max_file_bytes(kind))
    value: Entry | None = None
    if source is not None:
        schema: type[Entry] = ENTITY_DIRS.get(kind) or (Tasks if kind == "tasks" else Lock)
        value = _validate(schema, source, diagnostics)
        if isinstance(value, (Question, Model, Paper)) and value.id != _stem(path):
            entity_id, stem = value.id, _stem(path)
            line, column = source.locate(["id"])
            diagnostics.append(error(path, line, column, "id.mismatch",
                                     f"id {entity_id!r} does not match the file name {stem!r}",
                                     f"rename the file to {entity_id}.yaml or set `id: {stem}`"))
            value = None
        schema_line = check_schema_line(path, kind, raw)
        diagnostics += [schema_line] if schema_line is not None else []
    todos = tuple(find_todos(source)) if source is not None else ()
    kept = replace(source, data=None) if source is not None else None  # the entry holds the data now
    return LoadedFile(raw, kept, value, tuple(diagnostics), todos)


def max_file_bytes(kind: str | None) -> int:
    """The size limit of a registry file: entries are small; tasks.yaml and the lock grow with the registry."""
    return MAX_SHARED_FILE_BYTES if kind in ("tasks", "lock") else MAX_FILE_BYTES


def _stem(path: str) -> str:
    return posixpath.basename(path).removesuffix(".yaml")


def _add(registry: Registry, kind: str, path: str, value: Entry) -> None:
    if isinstance(value, Tasks):
        registry.tasks = dict(value.tasks)
        registry.tasks_file = value
        registry.paths.update((("tasks", t), path) for t in value.tasks)
    elif isinstance(value, Lock):
        registry.lock = value
    else:
        entity_id = value.id
        table: dict[str, Any] = getattr(registry, kind)
        table[entity_id] = value
        registry.paths[(kind, entity_id)] = path


def _validate(model: type[M], source: SourceFile, diagnostics: list[Diagnostic]) -> M | None:
    if not isinstance(source.data, dict):
        line, column = source.locate([])
        diagnostics.append(error(source.path, line, column, "schema.type",
                                 f"the file must hold a mapping (key: value lines), not {_kind(source.data)}",
                                 "see registry/schema.json or run `askscope new`"))
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        diagnostics += _schema_diagnostics(source, exc)
        return None


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), "an empty value" if value is None else type(value).__name__)


_CODES = {"missing": "schema.missing", "extra_forbidden": "schema.unknown-key"}
_UNPINNED = ("reviewed_by: a list of names says nothing about what was reviewed; reviews are now `reviews` "
             "entries pinned to the text they approved",
             "delete `reviewed_by` if it is empty; otherwise ask each reviewer to check the entry and run "
             "`askscope review <id> --by NAME`, then delete it")


def _schema_diagnostics(source: SourceFile, exc: ValidationError) -> list[Diagnostic]:
    result = []
    for item in exc.errors(include_url=False):
        loc = [part for part in item["loc"] if isinstance(part, (str, int))]
        on_key = bool(loc) and loc[-1] == "[key]"
        loc = loc[:-1] if on_key else loc
        kind: str = item["type"]
        code = _CODES.get(kind) or (kind if "." in kind else
                                    "schema.type" if kind.endswith("_type") or kind.startswith("is_") else
                                    "schema.value")
        where = _dotted(loc)
        if kind == "missing":
            line, column = source.locate(loc[:-1])
            message, hint = f"missing required field {where!r}", f"add `{loc[-1]}:` here"
        elif kind == "extra_forbidden" and loc == ["provenance", "reviewed_by"]:
            line, column = source.locate(loc, key=True)
            code, (message, hint) = "review.unpinned", _UNPINNED
        elif kind == "extra_forbidden":
            line, column = source.locate(loc, key=True)
            message, hint = f"unknown field {where!r}", "check its spelling against registry/schema.json, or remove it"
        else:
            line, column = source.locate(loc, key=on_key)
            got = item.get("input")
            message = f"{where or 'entry'}: {item['msg']}"
            hint = f"got {_kind(got)}" if code == "schema.type" else ""
        result.append(error(source.path, line, column, code, message, hint))
    return result


def _dotted(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
