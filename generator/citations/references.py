"""Citations in prose (`[@paper-id]`, `[@model-id]`) and a question's numbered reference list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.registry.schema import Question

CITATION = re.compile(r"\[@([A-Za-z0-9_.:/-]+)\]")


@dataclass(frozen=True)
class Reference:
    number: int
    kind: str  # "papers" or "models"
    id: str


def cited_keys(text: str) -> list[str]:
    return CITATION.findall(text)


def strip_citations(text: str) -> str:
    """Prose without its `[@key]` markers, for summaries such as a page's meta description."""
    return " ".join(CITATION.sub("", text).split()).replace(" .", ".").replace(" ,", ",")


def prose_fields(question: Question) -> list[tuple[tuple[str | int, ...], str]]:
    """Every prose field of a question that may cite, with its place in the file."""
    fields: list[tuple[tuple[str | int, ...], str]] = [(("answer",), question.answer),
                                                      (("explanation",), question.explanation)]
    fields += [(("limitations", i), text) for i, text in enumerate(question.limitations)]
    return fields


def number_references(question: Question) -> list[Reference]:
    """The bundle's models and papers, numbered in order of first citation, then the rest in bundle order."""
    bundle = {mid: "models" for mid in question.models}
    for related in question.papers:
        bundle.setdefault(related.paper, "papers")
    order: list[str] = []
    for _, text in prose_fields(question):
        order += [key for key in cited_keys(text) if key in bundle]
    order = list(dict.fromkeys(order + list(bundle)))
    return [Reference(n, bundle[key], key) for n, key in enumerate(order, start=1)]
