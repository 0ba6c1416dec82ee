"""The home page, the all-questions, all-models, all-papers and all-tasks lists, and the tag pages.
"""


from __future__ import annotations

import itertools
from collections.abc import Mapping
from functools import partial
from typing import Any

from generator.pages.entity_pages import (
    Usage,
    question_line,
)
from generator.pages.escape import Safe, html_inline, md_inline, plain_text
from generator.pages.facets import FACETS, REVIEW_VALUES, TagPage, tag, tag_value
from generator.pages.listing import Listing, Section, html_list, section
from generator.pages.templating import render_template
from generator.pages.urls import PageLinks, page_links
from generator.registry.loading import Registry
from generator.registry.reviews import STATUSES
from generator.registry.schema import Model, Paper, Question

KINDS = ("questions", "tasks", "models", "papers")


INDEX_PAGES = ("index.md", "tags/index.md", "questions/index.md", "tasks/index.md", "models/index.md",
               "papers/index.md")


MODEL_TABLE = "| Model | What it does | Questions |\n|---|---|---|"


def index_listings(registry: Registry, usage: Usage) -> tuple[Listing[Question], Listing[Model], Listing[Paper]]:
    questions = [q for tid in sorted(registry.tasks) for q in usage.questions_by_task[tid]]
    papers = sorted(registry.papers.values(), key=lambda p: (-p.year, p.id))
    return (Listing("questions", "index", "page", questions),
            Listing("models", "index", "page", [m for _, m in sorted(registry.models.items())]),
            Listing("papers", "index", "page", papers))


def grouped_by_task(registry: Registry, listing: Listing[Question], number: int, links: PageLinks) -> Section:
    """Questions under a heading per task; a task carried over from the page before says so."""
    lines: list[Safe] = []
    before = listing.items[listing.start(number) - 1].task if number > 1 else None
    for index, (task, group) in enumerate(itertools.groupby(listing.chunk(number), key=lambda q: q.task)):
        continued = " (continued)" if not index and task == before else ""
        gap = "\n" if index else ""
        lines.append(Safe(f"{gap}## {md_inline(registry.tasks[task].name)}{continued}\n"))
        lines += html_list([question_line(links, question) for question in group])
    return Section(lines, listing.pager(number, links.md))


def model_row(usage: Usage, links: PageLinks, model: Model) -> Safe:
    count = len(usage.questions_by_model[model.id])
    return Safe(f"| [{md_inline(model.name)}]({links.md('models', model.id)}) | "
                f"{md_inline(plain_text(model.summary, 140))} | {count} |")


def paper_item(usage: Usage, links: PageLinks, paper: Paper) -> Safe:
    count = len(usage.questions_by_paper[paper.id])
    et_al = " et al." if len(paper.authors) > 1 or paper.et_al else ""
    return Safe(f'<li><a href="{links.href("papers", paper.id)}">{html_inline(paper.title)}</a>, '
                f"{html_inline(paper.authors[0])}{et_al} ({paper.year}) · cited by {count} "
                f"question{'s' if count != 1 else ''}</li>")


def tag_listing(tag: TagPage) -> Listing[Question]:
    return Listing("tags", tag.slug, tag.slug, tag.questions)


def tag_page(tag: TagPage, directory_urls: bool) -> str:
    page = f"tags/{tag.slug}.md"
    links = page_links(page, directory_urls)
    return render_template("tag.md.j2", links, tag=tag, questions=section(tag_listing(tag), 1, links, question_line))


def _tags_index(tags: list[TagPage], directory_urls: bool) -> str:
    facets = [(facet, title, what, [(t, tag_value(t)) for t in tags if t.facet == facet])
              for facet, title, what in FACETS]
    return render_template("tags_index.md.j2", page_links("tags/index.md", directory_urls), facets=facets)


def review_counts(tags: Mapping[str, TagPage]) -> list[tuple[str, int, str]]:
    """(what, how many questions, the slug of their tag page, "" when none) for reviewed, stale, unreviewed."""
    pages = [tags.get(tag("review", REVIEW_VALUES[status])) for status in STATUSES]
    return [(REVIEW_VALUES[status], len(page.questions) if page else 0, page.slug if page else "")
            for status, page in zip(STATUSES, pages, strict=True)]


def make_index_pages(registry: Registry, usage: Usage, tags: Mapping[str, TagPage],
                 listings: tuple[Listing[Question], Listing[Model], Listing[Paper]],
                 directory_urls: bool) -> dict[str, str]:
    tasks = [(tid, task, len(usage.questions_by_task[tid])) for tid, task in sorted(registry.tasks.items())]
    counts = {kind: len(getattr(registry, kind)) for kind in KINDS}
    questions, models, papers = listings

    def links(path: str) -> PageLinks:
        return page_links(path, directory_urls)

    def page(path: str, template: str, **context: Any) -> str:
        return render_template(template, links(path), **context)

    return {
        "index.md": page("index.md", "home.md.j2", tasks=[t for t in tasks if t[2]] or tasks, counts=counts,
                         reviews=review_counts(tags)),
        "tags/index.md": _tags_index(list(tags.values()), directory_urls),
        "questions/index.md": page("questions/index.md", "questions_index.md.j2", reviews=review_counts(tags),
                                   section=grouped_by_task(registry, questions, 1, links("questions/index.md"))),
        "tasks/index.md": page("tasks/index.md", "tasks_index.md.j2", tasks=tasks),
        "models/index.md": page("models/index.md", "models_index.md.j2", header=Safe(MODEL_TABLE),
                                section=section(models, 1, links("models/index.md"), partial(model_row, usage),
                                                bulleted=False)),
        "papers/index.md": page("papers/index.md", "papers_index.md.j2",
                                section=section(papers, 1, links("papers/index.md"), partial(paper_item, usage))),
    }
