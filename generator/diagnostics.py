"""The one diagnostic type every check produces, and the ways it is printed."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in one file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_advisory(self) -> bool:
        """A warning that `--strict` and `mkdocs build --strict` leave a warning (see `ADVISORY`)."""
        return self.code in ADVISORY


ADVISORY = frozenset({"review.stale"})
"""Codes that tell a reader something rather than block a change: an answer edited after its review is
published, and its page says so."""


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, code, message, Severity.ERROR, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, code, message, Severity.WARNING, hint)


def promote_warnings(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`--strict`: every warning becomes an error, except the advisory ones."""
    return [
        d if d.is_advisory else Diagnostic(d.path, d.line, d.column, d.code, d.message, Severity.ERROR, d.hint)
        for d in diagnostics
    ]


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.path, d.line, d.column, d.code, d.message))


def _one_line(text: str) -> str:
    """One line with every control or invisible character shown as an escape, so that text
    quoted from a hostile file cannot move the cursor, recolour or rewrite the terminal."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in flat)


def format_text(d: Diagnostic) -> str:
    """`path:line:col: severity: message [code]`, then the hint on its own line."""
    text = f"{_one_line(d.path)}:{d.line}:{d.column}: {d.severity.value}: {_one_line(d.message)} [{d.code}]"
    if d.hint:
        text += f"\n    hint: {_one_line(d.hint)}"
    return text


def _escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the file in a pull request."""
    props = f"file={_escape_github_property(_one_line(d.path))},line={max(d.line, 1)},col={max(d.column, 1)}"
    props += f",title={_escape_github_property(d.code)}"
    body = _one_line(d.message) + (f" (hint: {_one_line(d.hint)})" if d.hint else "")
    return f"::{d.severity.value} {props}::{_escape_github_data(body)}"


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error(s), {warnings} warning(s)"
