"""The pages of one task, model or paper, and the continuation pages (2, 3, ...) of their long lists.
"""


from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator.memo import Inputs, Make
from generator.pages.cite import Works, model_citation, paper_citation
from generator.pages.entries import authors, identifier_links
from generator.pages.escape import Safe, html_inline, md_inline
from generator.pages.listing import Listing, Section, section
from generator.pages.searchwords import task_keywords
from generator.pages.templating import plain_prose, render_template
from generator.pages.urls import PageLinks, page_links
from generator.registry.loading import Registry
from generator.registry.schema import Model, Paper, Question


@dataclass
class Usage:
    """Who uses what: the inverse of the questions' references, computed once per render."""

    questions_by_task: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    questions_by_model: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    questions_by_paper: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    models_by_task: dict[str, list[Model]] = field(default_factory=lambda: defaultdict(list))
    models_by_paper: dict[str, list[Model]] = field(default_factory=lambda: defaultdict(list))


def usage_of(registry: Registry) -> Usage:
    usage = Usage()
    for qid in sorted(registry.questions):
        question = registry.questions[qid]
        usage.questions_by_task[question.task].append(question)
        for mid in question.models:
            usage.questions_by_model[mid].append(question)
        for related in question.papers:
            usage.questions_by_paper[related.paper].append(question)
    for mid in sorted(registry.models):
        model = registry.models[mid]
        for tid in model.tasks:
            usage.models_by_task[tid].append(model)
        if model.paper:
            usage.models_by_paper[model.paper].append(model)
    return usage


def question_line(links: PageLinks, question: Question) -> Safe:
    return Safe(f'<li><a href="{links.href("questions", question.id)}">{html_inline(question.question)}</a></li>')


def model_line(links: PageLinks, model: Model) -> Safe:
    return Safe(f'<li><a href="{links.href("models", model.id)}">{html_inline(model.name)}</a></li>')


def paper_line(links: PageLinks, paper: Paper) -> Safe:
    return Safe(f'<li><a href="{links.href("papers", paper.id)}">{html_inline(paper.title)}</a> ({paper.year})</li>')


def task_listings(usage: Usage, tid: str) -> tuple[Listing[Question], Listing[Model]]:
    return (Listing("tasks", tid, f"{tid}/questions", usage.questions_by_task[tid]),
            Listing("tasks", tid, f"{tid}/models", usage.models_by_task[tid]))


def model_listings(usage: Usage, mid: str) -> tuple[Listing[Question]]:
    return (Listing("models", mid, f"{mid}/questions", usage.questions_by_model[mid]),)


def paper_listings(usage: Usage, pid: str, related: list[Paper]) -> tuple[Listing[Model], Listing[Question],
                                                                             Listing[Paper]]:
    return (Listing("papers", pid, f"{pid}/models", usage.models_by_paper[pid]),
            Listing("papers", pid, f"{pid}/questions", usage.questions_by_paper[pid]),
            Listing("papers", pid, f"{pid}/related", related))


def task_page(registry: Registry, usage: Usage, tid: str, directory_urls: bool) -> str:
    page, task = f"tasks/{tid}.md", registry.tasks[tid]
    children = [(c, t) for c, t in sorted(registry.tasks.items()) if t.parent == tid]
    questions, models = task_listings(usage, tid)
    linker = page_links(page, directory_urls)
    return render_template("task.md.j2", linker, task=task, prose=plain_prose, children=children,
                   parent=registry.tasks.get(task.parent) if task.parent else None,
                   questions=section(questions, 1, linker, question_line),
                   models=section(models, 1, linker, model_line), keywords=task_keywords(registry, tid))


def model_page(registry: Registry, usage: Usage, mid: str, site_url: str, works: Works,
                directory_urls: bool) -> str:
    page, model = f"models/{mid}.md", registry.models[mid]
    (questions,) = model_listings(usage, mid)
    linker = page_links(page, directory_urls)
    return render_template("model.md.j2", linker, model=model, prose=plain_prose,
                   tasks=[(t, registry.tasks[t]) for t in model.tasks if t in registry.tasks],
                   paper=registry.papers.get(model.paper) if model.paper else None,
                   links=identifier_links(registry, model=model),
                   questions=section(questions, 1, linker, question_line),
                   citation=model_citation(works, model, site_url))


def paper_page(registry: Registry, usage: Usage, pid: str, site_url: str, works: Works,
                related: list[Paper], directory_urls: bool) -> str:
    page, paper = f"papers/{pid}.md", registry.papers[pid]
    models, questions, others = paper_listings(usage, pid, related)
    linker = page_links(page, directory_urls)
    return render_template("paper.md.j2", linker, paper=paper, prose=plain_prose, authors=authors(paper),
                   links=identifier_links(registry, paper=paper), models=section(models, 1, linker, model_line),
                   questions=section(questions, 1, linker, question_line),
                   related=section(others, 1, linker, paper_line),
                   citation=paper_citation(works, paper, site_url))


Build = Callable[[Listing[Any], int, PageLinks], Section]


def _continuation(listing: Listing[Any], number: int, title: str, back: str, build: Build, header: str,
                  directory_urls: bool) -> str:
    """Page `number` (from 2) of a long list: its heading, a link back to the page that owns it, the items."""
    page = listing.path(number)
    links = page_links(page, directory_urls)
    return render_template("listing.md.j2", links, title=f"{title} (page {number} of {listing.pages})",
                   back=Safe(f"Part of [{md_inline(back)}]({links.md(listing.kind, listing.owner)})."),
                   header=Safe(header), section=build(listing, number, links))


def continuations(directory_urls: bool, listing: Listing[Any], inputs: Inputs, title: str, back: str, build: Build,
                   header: str = "", counts: Callable[[Any], int] | None = None) -> Iterator[tuple[str, Inputs, Make]]:
    """Pages 2.. of a long list, each made from `inputs` (what its title shows), the list's length and its
    own items (with their counts, when it shows them)."""
    for number in range(2, listing.pages + 1):
        chunk = listing.chunk(number)
        shown = [counts(item) for item in chunk] if counts else []
        before = listing.items[listing.start(number) - 1]  # a grouped list's heading depends on it
        yield (listing.path(number), (*inputs, directory_urls, len(listing.items), before, *chunk, *shown),
               partial(_continuation, listing, number, title, back, build, header, directory_urls))


def lines(line: Callable[[PageLinks, Any], Safe], bulleted: bool = True) -> Build:
    return partial(section, line=line, bulleted=bulleted)


def co_cited(registry: Registry, questions: Iterable[Question], pid: str) -> list[Paper]:
    others = {r.paper for q in questions for r in q.papers if r.paper != pid}
    return [registry.papers[p] for p in sorted(others) if p in registry.papers]
