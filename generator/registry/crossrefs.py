"""Cross-references between registry entries: every id a file names must exist."""

from __future__ import annotations

from generator.diagnostics import Diagnostic
from generator.registry.loading import Registry


def check_references(registry: Registry) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for qid in registry.questions:
        found += _check_question(registry, qid)
    for mid, model in registry.models.items():
        for i, tid in enumerate(model.tasks):
            if not registry.exists("tasks", tid):
                found.append(_unknown(registry, "models", mid, ["tasks", i], "task", tid))
        if model.paper is not None and not registry.exists("papers", model.paper):
            found.append(_unknown(registry, "models", mid, ["paper"], "paper", model.paper))
    for tid, task in registry.tasks.items():
        if task.parent is not None and not registry.exists("tasks", task.parent):
            found.append(_unknown(registry, "tasks", tid, ["parent"], "task", task.parent))
    found += _check_task_cycles(registry)
    return found


def _check_question(registry: Registry, qid: str) -> list[Diagnostic]:
    question = registry.questions[qid]
    found = []
    if not registry.exists("tasks", question.task):
        found.append(_unknown(registry, "questions", qid, ["task"], "task", question.task))
    for i, mid in enumerate(question.models):
        if not registry.exists("models", mid):
            found.append(_unknown(registry, "questions", qid, ["models", i], "model", mid))
        if mid in question.models[:i]:
            found.append(registry.diagnostic_at("questions", qid, ["models", i], "ref.duplicate",
                                                f"model {mid!r} is listed twice", "remove one of them"))
    seen_papers: set[str] = set()
    for i, related in enumerate(question.papers):
        if not registry.exists("papers", related.paper):
            found.append(_unknown(registry, "questions", qid, ["papers", i, "paper"], "paper", related.paper))
        if related.paper in seen_papers:
            found.append(registry.diagnostic_at("questions", qid, ["papers", i, "paper"], "ref.duplicate",
                                                f"paper {related.paper!r} is listed twice", "remove one of them"))
        seen_papers.add(related.paper)
    for i, step in enumerate(question.workflow.steps):
        if step.model is not None and step.model not in question.models:
            found.append(registry.diagnostic_at(
                "questions", qid, ["workflow", "steps", i, "model"], "ref.not-in-bundle",
                f"workflow step uses model {step.model!r}, which is not in this question's `models`",
                "add it to `models`, or name one of the bundle's models"))
    return found


def _unknown(registry: Registry, kind: str, entity_id: str, loc: list[str | int], what: str,
             target: str) -> Diagnostic:
    where = {"task": "registry/tasks.yaml", "model": "registry/models/", "paper": "registry/papers/"}[what]
    return registry.diagnostic_at(kind, entity_id, loc, f"ref.unknown-{what}",
                                  f"unknown {what} {target!r}", f"no such id in {where}; check the spelling or add it")


def _check_task_cycles(registry: Registry) -> list[Diagnostic]:
    found = []
    for start in sorted(registry.tasks):
        seen = [start]
        parent = registry.tasks[start].parent
        while parent is not None and parent in registry.tasks:
            if parent == start:
                found.append(registry.diagnostic_at("tasks", start, ["parent"], "ref.cycle",
                                                    "task parents form a cycle: " + " → ".join([*seen, start]),
                                                    "a task's parent must be broader, never itself"))
                break
            if parent in seen:
                break
            seen.append(parent)
            parent = registry.tasks[parent].parent
    return found
