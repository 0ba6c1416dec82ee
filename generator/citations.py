"""Citations in prose (`[@paper-id]`, `[@model-id]`) and a question's numbered reference list."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .escape import Safe, md_prose
from .schema import Question

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


_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def render_prose(text: str, cite: Callable[[str], Safe]) -> Safe:
    """Escape prose and replace each `[@key]` with `cite(key)`."""
    keys: list[str] = []

    def hold(match: re.Match[str]) -> str:
        keys.append(match[1])
        return f"{_OPEN}{len(keys) - 1}{_CLOSE}"

    held = CITATION.sub(hold, text.replace(_OPEN, "").replace(_CLOSE, ""))
    return Safe(_PLACEHOLDER.sub(lambda m: cite(keys[int(m[1])]), md_prose(held)))
