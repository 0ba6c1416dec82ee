"""The drafting loop on disk: `askscope prompt`, `draft` and `review` read the registry, change one question's
file (`contribute.draft`, `contribute.review`) and write it only if `check` then finds no error in it, in one
step (`output.atomic_write`): a file is never half written, and nothing is written when a rule is broken.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import check_registry
from generator.contribute.draft import check_draft
from generator.contribute.prompt import decode_prompt
from generator.contribute.promptwriter import write_prompt
from generator.contribute.review import with_answer, with_review
from generator.contribute.yamledit import EditError
from generator.diagnostics import Diagnostic, sort_diagnostics
from generator.output import atomic_write
from generator.registry.folder import read_registry
from generator.registry.loading import Registry, load_registry


class CommandError(Exception):
    """What went wrong, for the command line to print; nothing was written."""


@dataclass
class Outcome:
    message: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False


def load_question(registry_dir: Path, question_id: str) -> tuple[dict[str, bytes], Registry]:
    files = read_registry(registry_dir) if registry_dir.is_dir() else {}
    registry, _ = load_registry(files)
    if question_id not in registry.questions:
        problem = "does not load (run `askscope check`)" if ("questions", question_id) in registry.unreadable \
            else "is not in the registry"
        raise CommandError(f"question {question_id!r} {problem}")
    return files, registry


def prompt(registry_dir: Path, question_id: str) -> str:
    return write_prompt(load_question(registry_dir, question_id)[1], question_id)


def draft(registry_dir: Path, question_id: str, answer_file: Path, field: str, machine_drafted: bool,
          today: datetime.date) -> Outcome:
    files, registry = load_question(registry_dir, question_id)
    text, problems = decode_prompt(answer_file.as_posix(), answer_file.read_bytes(), "draft")
    answer, more = check_draft(registry, question_id, answer_file.as_posix(), text) if text is not None else (None, [])
    if answer is None:
        return Outcome("nothing was written", sort_diagnostics(problems + more), failed=True)
    path = registry.paths[("questions", question_id)]
    return _write_checked(files, path, lambda old: with_answer(path, old, field, answer, machine_drafted, today),
                          f"wrote the {field} of {path}; next: `askscope check --strict`, then a pull request")


def review(registry_dir: Path, question_id: str, name: str, orcid: str | None, today: datetime.date) -> Outcome:
    files, registry = load_question(registry_dir, question_id)
    path, question = registry.paths[("questions", question_id)], registry.questions[question_id]
    name = " ".join(name.split())
    return _write_checked(files, path, lambda old: with_review(path, old, question, name, orcid, today),
                          f"recorded the review of {question_id} by {name} in {path}")


def _write_checked(files: dict[str, bytes], path: str, edit: Callable[[str], str | None], done: str) -> Outcome:
    """Apply `edit` to the file at `path` and write the result if `check` finds no error in it."""
    try:
        text = edit(files[path].decode("utf-8-sig"))
    except EditError as exc:
        raise CommandError(f"{path}: {exc}; nothing was written") from None
    if text is None:
        return Outcome(f"already recorded in {path}: nothing to add")
    _, diagnostics = check_registry({**files, path: text.encode("utf-8")})
    mine = [d for d in diagnostics if d.path == path]
    if any(d.is_error for d in mine):
        return Outcome(f"{path} would not pass `askscope check`; nothing was written", mine, failed=True)
    try:
        atomic_write(Path(path), text.encode("utf-8"))
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}; it is as it was") from None
    return Outcome(done, mine)
