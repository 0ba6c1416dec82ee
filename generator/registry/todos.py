"""Unfilled placeholders: `askscope new` and `askscope import` write `TODO` where only a person
can fill in the value; any value still holding the word is an error at its own line and column.

A placeholder usually also breaks the schema (`year: TODO` is not a number, `task: TODO` is not
a valid id). Those follow-on errors at the very same place say nothing new, so `drop_covered`
removes them and the contributor sees one clear `todo.unfilled` per placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from generator.diagnostics import Diagnostic, error
from generator.registry.yamlsource import SourceFile

MARKER = "TODO"
CODE = "todo.unfilled"
_MARKER = re.compile(rf"\b{MARKER}\b")

Loc = list[str | int]


def _placeholders(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        if _MARKER.search(data):
            yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, [*loc, str(key)])
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _placeholders(value, [*loc, i])


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "value"


def find_todos(source: SourceFile) -> list[Diagnostic]:
    """One error per value of `source` that still contains the TODO marker."""
    if MARKER.encode() not in source.raw and b"\\" not in source.raw:  # no value can hold it, not even escaped
        return []
    found = []
    lines: list[str] = []
    for loc, text in _placeholders(source.data, []):
        lines = lines or source.text.splitlines()
        line, column = _marker_place(lines, *source.locate(loc))
        what = " ".join(text.split())
        what = what if len(what) <= 80 else what[:77] + "..."
        found.append(error(source.path, line, column, CODE, f"{_dotted(loc)} is still a placeholder: {what!r}",
                           "replace the TODO with the real value (see the comment next to it and CONTRIBUTING.md)"))
    return found


def _marker_place(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """Where the marker itself is: a block scalar (`answer: >-`) starts a line above its text."""
    if line - 1 < len(lines) and MARKER in lines[line - 1][column - 1:]:
        return line, column
    for number in range(line, min(len(lines), line + 200)):
        hit = _MARKER.search(lines[number])
        if hit:
            return number + 1, hit.start() + 1
    return line, column


def drop_covered(diagnostics: Iterable[Diagnostic], todos: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`diagnostics` without those reported at exactly the place of a placeholder."""
    places = {(d.path, d.line, d.column) for d in todos}
    return [d for d in diagnostics if d.code == CODE or (d.path, d.line, d.column) not in places]
