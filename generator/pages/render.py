"""Render the registry as Markdown pages: `{path under docs/: text}`.

Pure. `page_plan` lists every page with what it is made from and how to make it (the page kinds live in
`question_page`, `entity_pages` and `index_pages`); `LazyPages` makes each page when it is asked for.
"""


from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, partial

from generator.memo import Inputs, Make, Memo, remembered
from generator.pages.cite import Works
from generator.pages.entity_pages import (
    co_cited,
    continuations,
    lines,
    model_line,
    model_listings,
    model_page,
    paper_line,
    paper_listings,
    paper_page,
    question_line,
    task_listings,
    task_page,
    usage_of,
)
from generator.pages.entries import reference_item
from generator.pages.facets import question_tags, tag_pages
from generator.pages.index_pages import (
    INDEX_PAGES,
    MODEL_TABLE,
    grouped_by_task,
    index_listings,
    make_index_pages,
    model_row,
    paper_item,
    tag_listing,
    tag_page,
)
from generator.pages.question_page import keys_of, question_inputs, render_question
from generator.pages.searchwords import word_forms
from generator.registry.loading import Registry


def render_site(registry: Registry, edit_base: str = "", site_url: str = "",
                memo: Memo | None = None, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page of the site. Assumes the registry passed its checks. With a `memo` filled by an
    earlier run, pages whose inputs did not change are taken from it. `directory_urls` is MkDocs' setting
    of that name: the URLs of the links written as HTML depend on it."""
    return dict(LazyPages(page_plan(registry, edit_base, site_url, directory_urls), memo))


class LazyPages(Mapping[str, str]):
    """Pages by path, each rendered when it is asked for and not kept (unless by `memo`): the writer
    takes one page at a time, so a run never holds the whole site in memory."""

    def __init__(self, plan: Iterable[tuple[str, Inputs, Make]], memo: Memo | None = None) -> None:
        self._plan = {path: (inputs, make) for path, inputs, make in plan}
        self._memo = memo

    def __getitem__(self, path: str) -> str:
        inputs, make = self._plan[path]
        return remembered(self._memo, path, inputs, make)

    def __iter__(self) -> Iterator[str]:
        return iter(self._plan)

    def __len__(self) -> int:
        return len(self._plan)


def page_plan(registry: Registry, edit_base: str = "", site_url: str = "",
              directory_urls: bool = True) -> Iterator[tuple[str, Inputs, Make]]:
    """Every page as (path, what it is made from, how to make it)."""
    dir_urls = directory_urls  # short, for the lines below
    usage = usage_of(registry)
    works, reference = Works(registry), cache(partial(reference_item, registry))
    keys = works.keys
    lock, tasks_file = registry.lock, registry.tasks_file
    tags = tag_pages(registry)
    slugs = {name: tag.slug for name, tag in tags.items()}
    for qid, question in sorted(registry.questions.items()):
        inputs: Inputs = (*question_inputs(registry, question, keys, site_url), edit_base, dir_urls,
                          registry.paths.get(("questions", qid)),
                          *[slugs[t] for t in question_tags(registry, question)])
        yield f"questions/{qid}.md", inputs, partial(render_question, registry, question, edit_base, site_url, works,
                                                     reference, tag_slugs=slugs, directory_urls=dir_urls)
    for tid, task in sorted(registry.tasks.items()):
        inputs = (task, tasks_file, dir_urls, *usage.questions_by_task[tid], *usage.models_by_task[tid])
        yield f"tasks/{tid}.md", inputs, partial(task_page, registry, usage, tid, dir_urls)
        questions, models = task_listings(usage, tid)
        yield from continuations(dir_urls, questions, (task,), f"Questions about {task.name}", task.name,
                                  lines(question_line))
        yield from continuations(dir_urls, models, (task,), f"Models for {task.name}", task.name, lines(model_line))
    for mid, model in sorted(registry.models.items()):
        paper = registry.papers.get(model.paper) if model.paper else None
        inputs = (model, tasks_file, lock, site_url, dir_urls, paper, *keys_of(keys, "models", [model]),
                  *keys_of(keys, "papers", [paper]), *usage.questions_by_model[mid])
        yield f"models/{mid}.md", inputs, partial(model_page, registry, usage, mid, site_url, works, dir_urls)
        (questions,) = model_listings(usage, mid)
        yield from continuations(dir_urls, questions, (model,), f"Questions that use {model.name}", model.name,
                                  lines(question_line))
    for pid, paper in sorted(registry.papers.items()):
        related = co_cited(registry, usage.questions_by_paper[pid], pid)
        inputs = (paper, lock, site_url, dir_urls, *keys_of(keys, "papers", [paper]), *usage.models_by_paper[pid],
                  *usage.questions_by_paper[pid], *related)
        yield f"papers/{pid}.md", inputs, partial(paper_page, registry, usage, pid, site_url, works, related, dir_urls)
        models, questions, others = paper_listings(usage, pid, related)
        yield from continuations(dir_urls, models, (paper,), f"Models from {paper.title}", paper.title,
                                  lines(model_line))
        yield from continuations(dir_urls, questions, (paper,), f"Questions that cite {paper.title}", paper.title,
                                  lines(question_line))
        yield from continuations(dir_urls, others, (paper,), f"Papers cited with {paper.title}", paper.title,
                                  lines(paper_line))
    yield "search-words.json", (tasks_file, *registry.tasks.values()), partial(word_forms, registry)
    everything = (*registry_inputs(registry, edit_base, site_url), dir_urls)
    listings = index_listings(registry, usage)
    index_pages = cache(partial(make_index_pages, registry, usage, tags, listings, dir_urls))  # made together
    for path in INDEX_PAGES:
        yield path, everything, partial(_pick, index_pages, path)
    for tag in tags.values():
        listing = tag_listing(tag)
        inputs = (tag.name, len(tag.questions), dir_urls, *tag.questions)
        yield listing.path(1), inputs, partial(tag_page, tag, dir_urls)
        yield from continuations(dir_urls, listing, (tag.name,), tag.name, tag.name, lines(question_line))
    questions, models, papers = listings
    yield from continuations(dir_urls, questions, (tasks_file,), "All questions", "All questions",
                              partial(grouped_by_task, registry))
    yield from continuations(dir_urls, models, (), "All models", "All models",
                              lines(partial(model_row, usage), bulleted=False), MODEL_TABLE,
                              lambda m: len(usage.questions_by_model[m.id]))
    yield from continuations(dir_urls, papers, (), "All papers", "All papers", lines(partial(paper_item, usage)),
                              counts=lambda p: len(usage.questions_by_paper[p.id]))


def _pick(pages: Callable[[], dict[str, str]], path: str) -> str:
    return pages()[path]


def registry_inputs(registry: Registry, edit_base: str = "", site_url: str = "") -> Inputs:
    """What a page listing the whole registry (or an export of it) is made from: every entry, the tasks and
    the citation lock."""
    return (registry.tasks_file, registry.lock, edit_base, site_url, *registry.questions.values(),
            *registry.models.values(), *registry.papers.values())
