"""Facet tags: a question is tagged with its modality, organism, task, topics and review status; `tags/index.md` lists
every tag of each facet and `tags/<slug>.md` the questions carrying one tag (over as many pages as it
takes, see listing.py), so no tag page grows with the registry. Pure.

Tag names are `Facet: value`. Values from the registry are ids (slugs) or, for the task, its
lay name passed through `plain_text`, so a tag can never contain markup, quotes or `-->`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.pages.escape import plain_text
from generator.registry.loading import Registry
from generator.registry.reviews import review_status
from generator.registry.schema import Question

FACETS = (("modality", "Modality", "the kind of microscopy or image"),
          ("organism", "Organism", "where it applies"),
          ("task", "Task", "what you are doing"),
          ("topic", "Topic", "the ideas behind it"),
          ("review", "Review", "whether a person checked the answer as it reads now"))
REVIEW_VALUES = {"reviewed": "reviewed", "stale": "changed since review", "unreviewed": "not yet reviewed"}


_TITLES = {facet: title for facet, title, _ in FACETS}


@functools.lru_cache(maxsize=1 << 12)  # a registry has few distinct tags; each run asks for each ~2x per question
def tag(facet: str, value: str) -> str:
    return f"{_TITLES[facet]}: {plain_text(value, 80)}"


def question_tags(registry: Registry, question: Question) -> list[str]:
    tags = [tag("modality", v) for v in question.tags.modality]
    tags += [tag("organism", v) for v in question.tags.organism]
    tags.append(tag("task", registry.tasks[question.task].name))
    tags += [tag("topic", v) for v in question.tags.topic]
    tags.append(tag("review", REVIEW_VALUES[review_status(question)]))
    return list(dict.fromkeys(tags))


@dataclass(frozen=True)
class TagPage:
    name: str  # "Facet: value"
    facet: str
    slug: str  # the page is tags/<slug>.md
    questions: list[Question]  # by id


def tag_pages(registry: Registry) -> dict[str, TagPage]:
    """Every tag in use, by name, facet by facet and in case-insensitive order within each, with its page."""
    carrying: dict[str, list[Question]] = {}
    for qid in sorted(registry.questions):
        for name in question_tags(registry, registry.questions[qid]):
            carrying.setdefault(name, []).append(registry.questions[qid])
    facet_of = {name: next(f for f, title, _ in FACETS if name.startswith(title + ": ")) for name in carrying}
    order = [f for f, _, _ in FACETS]
    names = sorted(carrying, key=lambda n: (order.index(facet_of[n]), n.lower(), n))
    slugs = _unique_slugs(names)
    return {name: TagPage(name, facet_of[name], slugs[name], carrying[name]) for name in names}


def _unique_slugs(names: list[str]) -> dict[str, str]:
    """`Organism: C. elegans` -> `organism-c-elegans`; two names with one slug are told apart by `-2`, `-3`..."""
    used, slugs = {"index"}, {}
    for name in names:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "tag"
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        slugs[name] = slug
    return slugs


def tag_value(page: TagPage) -> str:
    """The tag without its facet: `confocal` for `Modality: confocal`."""
    return page.name.split(": ", 1)[1]
