"""Facet tags for Material's tags plugin: a question is tagged with its modality, organism, task
and topics, and `tags/index.md` lists every tag of each facet with the questions carrying it. Pure.

Tag names are `Facet: value`. Values from the registry are ids (slugs) or, for the task, its
lay name passed through `plain_text`, so a tag can never contain markup, quotes or `-->`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .escape import plain_text
from .registry import Registry
from .schema import Question

FACETS = (("modality", "Modality", "the kind of microscopy or image"),
          ("organism", "Organism", "where it applies"),
          ("task", "Task", "what you are doing"),
          ("topic", "Topic", "the ideas behind it"))


def tag(facet: str, value: str) -> str:
    return f"{dict((f, title) for f, title, _ in FACETS)[facet]}: {plain_text(value, 80)}"


def question_tags(registry: Registry, question: Question) -> list[str]:
    tags = [tag("modality", v) for v in question.tags.modality]
    tags += [tag("organism", v) for v in question.tags.organism]
    tags.append(tag("task", registry.tasks[question.task].name))
    tags += [tag("topic", v) for v in question.tags.topic]
    return list(dict.fromkeys(tags))


def facet_values(registry: Registry) -> dict[str, list[str]]:
    """Every tag in use, per facet, sorted."""
    found: dict[str, set[str]] = {facet: set() for facet, _, _ in FACETS}
    for question in registry.questions.values():
        for name in question_tags(registry, question):
            facet = next(f for f, title, _ in FACETS if name.startswith(title + ": "))
            found[facet].add(name)
    return {facet: sorted(values, key=str.lower) for facet, values in found.items()}


def _listing(tags: Iterable[str]) -> str:
    # The directive's options are YAML; JSON strings are valid YAML flow scalars.
    return "<!-- material/tags { include: [" + ", ".join(json.dumps(t) for t in tags) + "] } -->"


def tags_page(registry: Registry) -> str:
    """tags/index.md: one section per facet, each a Material tag listing limited to that facet's tags."""
    values = facet_values(registry)
    parts = ["---", "title: Browse by tag", "search:", "  exclude: true", "---", "", "# Browse by tag", "",
             "Every question is tagged with the kind of image it is about (modality), the organism, the task and "
             "its topics. Pick a tag to see every question that carries it; the tags at the top of a question "
             "page lead back here.", ""]
    for facet, title, what in FACETS:
        parts += [f"## {title}", "", f"*{what.capitalize()}.*", ""]
        parts += [_listing(values[facet]), ""] if values[facet] else ["No question has a tag of this kind yet.", ""]
    return "\n".join(parts)
