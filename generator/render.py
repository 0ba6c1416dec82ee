"""Render the registry as Markdown pages: `{path under docs/: text}`.

Pure. Templates are compiled once; every value a template prints passes through
`escape.md_inline` unless it is already `Safe`, so forgetting a filter cannot
inject markup.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import identifiers
from .citations import Reference, number_references, render_prose, strip_citations
from .cite import Works, model_citation, paper_citation, question_citation
from .escape import Safe, html_inline, html_text, html_url, md_inline, md_url, plain_text, yaml_string
from .facets import FACETS, TagPage, question_tags, tag_pages, tag_value
from .jsonld import question_script
from .listing import Listing, Section, html_list, section
from .memo import Inputs, Make, Memo, remembered
from .mermaid import Node, build_flowchart
from .registry import Registry
from .schema import LockRecord, Model, Paper, Question
from .searchwords import question_keywords, task_keywords
from .status import describe
from .urls import PageLinks, page_links

KINDS = ("questions", "tasks", "models", "papers")


def _finalize(value: Any) -> Any:
    if isinstance(value, Safe):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a template printed {value!r}; print text or numbers only")
    return md_inline(value)


def _indent(text: str, width: int = 4, first: bool = False) -> str:
    pad = " " * width
    lines = text.split("\n")
    out = "\n".join((pad + line if line and (first or i) else line) for i, line in enumerate(lines))
    return Safe(out) if isinstance(text, Safe) else out


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=False, finalize=_finalize,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(indent=_indent, yaml=yaml_string, uncite=strip_citations, html=html_inline)
    env.globals.update(plain=plain_text, meta=html_text, url=md_url)
    return env


_ENV = _environment()


@dataclass
class Usage:
    """Who uses what: the inverse of the questions' references, computed once per render."""

    questions_by_task: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    questions_by_model: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    questions_by_paper: dict[str, list[Question]] = field(default_factory=lambda: defaultdict(list))
    models_by_task: dict[str, list[Model]] = field(default_factory=lambda: defaultdict(list))
    models_by_paper: dict[str, list[Model]] = field(default_factory=lambda: defaultdict(list))


def _usage(registry: Registry) -> Usage:
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


def _render(template: str, linker: PageLinks, **context: Any) -> str:
    text: str = _ENV.get_template(template).render(link=linker.md, href=linker.href, **context)
    return text


def _plain_prose(text: str) -> Safe:
    return render_prose(text, lambda key: md_inline(f"[@{key}]"))


def _lock(registry: Registry, key: str) -> LockRecord | None:
    return registry.lock.records.get(key)


def _identifiers(registry: Registry, paper: Paper | None = None,
                 model: Model | None = None) -> list[tuple[str, str, str]]:
    """(link text, URL, what the lock says) for each identifier of a paper or model."""
    items: list[tuple[str, str, str]] = []
    if paper is not None:
        if paper.arxiv:
            items.append((f"arXiv:{paper.arxiv}", identifiers.arxiv_url(paper.arxiv), f"arxiv:{paper.arxiv}"))
        if paper.doi:
            items.append((f"DOI {paper.doi}", identifiers.doi_url(paper.doi), f"doi:{paper.doi}"))
        if paper.url and not (paper.arxiv or paper.doi):
            items.append((paper.url, paper.url, f"url:{paper.url}"))
        if paper.code:
            items.append((f"Code: {paper.code}", identifiers.github_url(paper.code), f"github:{paper.code}"))
    if model is not None:
        if model.code:
            items.append((f"Code: {model.code}", identifiers.github_url(model.code), f"github:{model.code}"))
        if model.weights:
            items.append((f"Weights: {model.weights}", identifiers.huggingface_url(model.weights),
                          f"huggingface:{model.weights}"))
        if model.url:
            items.append((f"Home page: {model.url}", model.url, f"url:{model.url}"))
    return [(text, target, describe(_lock(registry, key))) for text, target, key in items]


def identifier_links(registry: Registry, paper: Paper | None = None, model: Model | None = None) -> list[Safe]:
    """One Markdown line per identifier: the canonical link and what the lock says about it."""
    return [Safe(f"[{md_inline(text)}]({md_url(target)}): {md_inline(status)}")
            for text, target, status in _identifiers(registry, paper, model)]


def _authors(paper: Paper) -> str:
    names = ", ".join(paper.authors)
    return names + (" et al." if paper.et_al else "")


def _reference(registry: Registry, kind: str, entity_id: str) -> str:
    """A work as an item of a question's References, in HTML, without the item's number: what it is, then a list
    of its identifiers."""
    if kind == "papers":
        paper = registry.papers[entity_id]
        venue = f" {html_inline(paper.venue)}." if paper.venue else ""
        text = f"{html_inline(_authors(paper))} ({paper.year}). <em>{html_inline(paper.title)}</em>.{venue}"
        found = _identifiers(registry, paper=paper)
    else:
        model = registry.models[entity_id]
        text = f"<em>{html_inline(model.name)}</em> (model)."
        if model.paper and model.paper in registry.papers:
            text += f" Introduced in {html_inline(registry.papers[model.paper].title)}."
        found = _identifiers(registry, model=model)
    links = "".join(f'\n  <li><a href="{html_url(target)}">{html_inline(label)}</a>: {html_inline(status)}</li>'
                    for label, target, status in found)
    return text + (f"\n  <ul>{links}\n  </ul>\n" if links else "")


References = Callable[[str, str], str]
"""`_reference` for one registry, remembered: a paper is cited by many questions."""


def _references(reference: References, references: list[Reference]) -> Safe:
    """A question's References as one raw HTML block, which Python-Markdown passes through untouched. As a
    Markdown list of nested link lists it took a third of the time `mkdocs build` spent converting a
    question page (bench/notes.md). Its links are all external, so MkDocs has none to resolve."""
    items = "\n".join(f'<li id="ref-{ref.number}">{reference(ref.kind, ref.id)}</li>' for ref in references)
    return Safe(f'<ol class="askscope-references">\n{items}\n</ol>')


def _workflow(registry: Registry, question: Question) -> tuple[str, list[str]]:
    flow = question.workflow
    steps = []
    for step in flow.steps:
        model = registry.models.get(step.model) if step.model else None
        steps.append(Node(model.name, step.label) if model else Node(step.label))
    inputs = [Node(i.label) for i in flow.inputs]
    outputs = [Node(o.label) for o in flow.outputs]
    words = ([f"Input: {n.label}" for n in inputs]
             + [f"{n.label}: {n.detail}" if n.detail else n.label for n in steps]
             + [f"Output: {n.label}" for n in outputs])
    description = "; then ".join(words)
    chart = build_flowchart(f"Workflow: {question.question}", description, inputs, steps, outputs)
    return chart, words


def render_question(registry: Registry, question: Question, edit_base: str, site_url: str,
                    works: Works, reference: References, *, tag_slugs: Mapping[str, str],
                    directory_urls: bool = True) -> str:
    page = f"questions/{question.id}.md"
    references = number_references(question)
    numbers = {ref.id: ref.number for ref in references}

    def cite(key: str) -> Safe:
        if key not in numbers:
            return md_inline(f"[@{key}]")
        return Safe(f"[&#91;{numbers[key]}&#93;](#ref-{numbers[key]})")

    def cite_html(key: str) -> Safe:
        if key not in numbers:
            return html_inline(f"[@{key}]")
        return Safe(f'<a href="#ref-{numbers[key]}">&#91;{numbers[key]}&#93;</a>')

    chart, words = _workflow(registry, question)
    source = registry.paths.get(("questions", question.id), f"registry/{page.removesuffix('.md')}.yaml")
    return _render(
        "question.md.j2", page_links(page, directory_urls), question=question, task=registry.tasks[question.task],
        flowchart=Safe(chart), workflow_text=words, cite=cite, cite_html=cite_html,
        prose=lambda text: render_prose(text, cite),
        models=[registry.models[m] for m in question.models],
        papers=[(registry.papers[r.paper], r.why) for r in question.papers],
        references=_references(reference, references),
        source_path=source, edit_url=md_url(edit_base + source) if edit_base else "",
        tags=question_tags(registry, question), tag_slugs=tag_slugs, keywords=question_keywords(registry, question),
        citation=question_citation(works, question, references, site_url),
        jsonld=Safe(question_script(registry, question, _absolute(site_url, "questions", question.id))))


def _absolute(site_url: str, kind: str, entity_id: str) -> str:
    return f"{site_url.rstrip('/')}/{kind}/{entity_id}/" if site_url else ""


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
    usage = _usage(registry)
    works, reference = Works(registry), cache(partial(_reference, registry))
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
        yield f"tasks/{tid}.md", inputs, partial(_task_page, registry, usage, tid, dir_urls)
        questions, models = _task_listings(usage, tid)
        yield from _continuations(dir_urls, questions, (task,), f"Questions about {task.name}", task.name,
                                  _lines(_question_line))
        yield from _continuations(dir_urls, models, (task,), f"Models for {task.name}", task.name, _lines(_model_line))
    for mid, model in sorted(registry.models.items()):
        paper = registry.papers.get(model.paper) if model.paper else None
        inputs = (model, tasks_file, lock, site_url, dir_urls, paper, *_keys_of(keys, "models", [model]),
                  *_keys_of(keys, "papers", [paper]), *usage.questions_by_model[mid])
        yield f"models/{mid}.md", inputs, partial(_model_page, registry, usage, mid, site_url, works, dir_urls)
        (questions,) = _model_listings(usage, mid)
        yield from _continuations(dir_urls, questions, (model,), f"Questions that use {model.name}", model.name,
                                  _lines(_question_line))
    for pid, paper in sorted(registry.papers.items()):
        related = _co_cited(registry, usage.questions_by_paper[pid], pid)
        inputs = (paper, lock, site_url, dir_urls, *_keys_of(keys, "papers", [paper]), *usage.models_by_paper[pid],
                  *usage.questions_by_paper[pid], *related)
        yield f"papers/{pid}.md", inputs, partial(_paper_page, registry, usage, pid, site_url, works, related, dir_urls)
        models, questions, others = _paper_listings(usage, pid, related)
        yield from _continuations(dir_urls, models, (paper,), f"Models from {paper.title}", paper.title,
                                  _lines(_model_line))
        yield from _continuations(dir_urls, questions, (paper,), f"Questions that cite {paper.title}", paper.title,
                                  _lines(_question_line))
        yield from _continuations(dir_urls, others, (paper,), f"Papers cited with {paper.title}", paper.title,
                                  _lines(_paper_line))
    everything = (*registry_inputs(registry, edit_base, site_url), dir_urls)
    listings = _index_listings(registry, usage)
    index_pages = cache(partial(_index_pages, registry, usage, tags, listings, dir_urls))  # made together, when needed
    for path in INDEX_PAGES:
        yield path, everything, partial(_pick, index_pages, path)
    for tag in tags.values():
        listing = _tag_listing(tag)
        inputs = (tag.name, len(tag.questions), dir_urls, *tag.questions)
        yield listing.path(1), inputs, partial(_tag_page, tag, dir_urls)
        yield from _continuations(dir_urls, listing, (tag.name,), tag.name, tag.name, _lines(_question_line))
    questions, models, papers = listings
    yield from _continuations(dir_urls, questions, (tasks_file,), "All questions", "All questions",
                              partial(_grouped_by_task, registry))
    yield from _continuations(dir_urls, models, (), "All models", "All models",
                              _lines(partial(_model_row, usage), bulleted=False), MODEL_TABLE,
                              lambda m: len(usage.questions_by_model[m.id]))
    yield from _continuations(dir_urls, papers, (), "All papers", "All papers", _lines(partial(_paper_item, usage)),
                              counts=lambda p: len(usage.questions_by_paper[p.id]))


def _pick(pages: Callable[[], dict[str, str]], path: str) -> str:
    return pages()[path]


def registry_inputs(registry: Registry, edit_base: str = "", site_url: str = "") -> Inputs:
    """What a page listing the whole registry (or an export of it) is made from: every entry, the tasks and
    the citation lock."""
    return (registry.tasks_file, registry.lock, edit_base, site_url, *registry.questions.values(),
            *registry.models.values(), *registry.papers.values())


def question_inputs(registry: Registry, question: Question, keys: dict[tuple[str, str], str],
                    site_url: str) -> Inputs:
    """What a question's page (and its part of the exports) is made from: the question, the tasks, the citation
    lock, its models and papers (and their papers), and their BibTeX keys, which depend on the whole registry."""
    models = [registry.models.get(m) for m in question.models]
    models += [registry.models.get(s.model) for s in question.workflow.steps if s.model]
    papers = [registry.papers.get(r.paper) for r in question.papers]
    papers += [registry.papers.get(m.paper) for m in models if m is not None and m.paper]
    return (question, registry.tasks_file, registry.lock, site_url, *models, *papers,
            *_keys_of(keys, "models", models), *_keys_of(keys, "papers", papers))


def _keys_of(keys: dict[tuple[str, str], str], kind: str, entries: Iterable[Model | Paper | None]) -> list[str]:
    return [keys.get((kind, e.id), "") for e in entries if e is not None]


def _question_line(links: PageLinks, question: Question) -> Safe:
    return Safe(f'<li><a href="{links.href("questions", question.id)}">{html_inline(question.question)}</a></li>')


def _model_line(links: PageLinks, model: Model) -> Safe:
    return Safe(f'<li><a href="{links.href("models", model.id)}">{html_inline(model.name)}</a></li>')


def _paper_line(links: PageLinks, paper: Paper) -> Safe:
    return Safe(f'<li><a href="{links.href("papers", paper.id)}">{html_inline(paper.title)}</a> ({paper.year})</li>')


def _task_listings(usage: Usage, tid: str) -> tuple[Listing[Question], Listing[Model]]:
    return (Listing("tasks", tid, f"{tid}/questions", usage.questions_by_task[tid]),
            Listing("tasks", tid, f"{tid}/models", usage.models_by_task[tid]))


def _model_listings(usage: Usage, mid: str) -> tuple[Listing[Question]]:
    return (Listing("models", mid, f"{mid}/questions", usage.questions_by_model[mid]),)


def _paper_listings(usage: Usage, pid: str, related: list[Paper]) -> tuple[Listing[Model], Listing[Question],
                                                                             Listing[Paper]]:
    return (Listing("papers", pid, f"{pid}/models", usage.models_by_paper[pid]),
            Listing("papers", pid, f"{pid}/questions", usage.questions_by_paper[pid]),
            Listing("papers", pid, f"{pid}/related", related))


def _task_page(registry: Registry, usage: Usage, tid: str, directory_urls: bool) -> str:
    page, task = f"tasks/{tid}.md", registry.tasks[tid]
    children = [(c, t) for c, t in sorted(registry.tasks.items()) if t.parent == tid]
    questions, models = _task_listings(usage, tid)
    linker = page_links(page, directory_urls)
    return _render("task.md.j2", linker, task=task, prose=_plain_prose, children=children,
                   parent=registry.tasks.get(task.parent) if task.parent else None,
                   questions=section(questions, 1, linker, _question_line),
                   models=section(models, 1, linker, _model_line), keywords=task_keywords(registry, tid))


def _model_page(registry: Registry, usage: Usage, mid: str, site_url: str, works: Works,
                directory_urls: bool) -> str:
    page, model = f"models/{mid}.md", registry.models[mid]
    (questions,) = _model_listings(usage, mid)
    linker = page_links(page, directory_urls)
    return _render("model.md.j2", linker, model=model, prose=_plain_prose,
                   tasks=[(t, registry.tasks[t]) for t in model.tasks if t in registry.tasks],
                   paper=registry.papers.get(model.paper) if model.paper else None,
                   links=identifier_links(registry, model=model),
                   questions=section(questions, 1, linker, _question_line),
                   citation=model_citation(works, model, site_url))


def _paper_page(registry: Registry, usage: Usage, pid: str, site_url: str, works: Works,
                related: list[Paper], directory_urls: bool) -> str:
    page, paper = f"papers/{pid}.md", registry.papers[pid]
    models, questions, others = _paper_listings(usage, pid, related)
    linker = page_links(page, directory_urls)
    return _render("paper.md.j2", linker, paper=paper, prose=_plain_prose, authors=_authors(paper),
                   links=identifier_links(registry, paper=paper), models=section(models, 1, linker, _model_line),
                   questions=section(questions, 1, linker, _question_line),
                   related=section(others, 1, linker, _paper_line),
                   citation=paper_citation(works, paper, site_url))


Build = Callable[[Listing[Any], int, PageLinks], Section]


def _continuation(listing: Listing[Any], number: int, title: str, back: str, build: Build, header: str,
                  directory_urls: bool) -> str:
    """Page `number` (from 2) of a long list: its heading, a link back to the page that owns it, the items."""
    page = listing.path(number)
    links = page_links(page, directory_urls)
    return _render("listing.md.j2", links, title=f"{title} (page {number} of {listing.pages})",
                   back=Safe(f"Part of [{md_inline(back)}]({links.md(listing.kind, listing.owner)})."),
                   header=Safe(header), section=build(listing, number, links))


def _continuations(directory_urls: bool, listing: Listing[Any], inputs: Inputs, title: str, back: str, build: Build,
                   header: str = "", counts: Callable[[Any], int] | None = None) -> Iterator[tuple[str, Inputs, Make]]:
    """Pages 2.. of a long list, each made from `inputs` (what its title shows), the list's length and its
    own items (with their counts, when it shows them)."""
    for number in range(2, listing.pages + 1):
        chunk = listing.chunk(number)
        shown = [counts(item) for item in chunk] if counts else []
        before = listing.items[listing.start(number) - 1]  # a grouped list's heading depends on it
        yield (listing.path(number), (*inputs, directory_urls, len(listing.items), before, *chunk, *shown),
               partial(_continuation, listing, number, title, back, build, header, directory_urls))


def _lines(line: Callable[[PageLinks, Any], Safe], bulleted: bool = True) -> Build:
    return partial(section, line=line, bulleted=bulleted)


def _co_cited(registry: Registry, questions: Iterable[Question], pid: str) -> list[Paper]:
    others = {r.paper for q in questions for r in q.papers if r.paper != pid}
    return [registry.papers[p] for p in sorted(others) if p in registry.papers]


INDEX_PAGES = ("index.md", "tags/index.md", "questions/index.md", "tasks/index.md", "models/index.md",
               "papers/index.md")


MODEL_TABLE = "| Model | What it does | Questions |\n|---|---|---|"


def _index_listings(registry: Registry, usage: Usage) -> tuple[Listing[Question], Listing[Model], Listing[Paper]]:
    questions = [q for tid in sorted(registry.tasks) for q in usage.questions_by_task[tid]]
    papers = sorted(registry.papers.values(), key=lambda p: (-p.year, p.id))
    return (Listing("questions", "index", "page", questions),
            Listing("models", "index", "page", [m for _, m in sorted(registry.models.items())]),
            Listing("papers", "index", "page", papers))


def _grouped_by_task(registry: Registry, listing: Listing[Question], number: int, links: PageLinks) -> Section:
    """Questions under a heading per task; a task carried over from the page before says so."""
    lines: list[Safe] = []
    before = listing.items[listing.start(number) - 1].task if number > 1 else None
    for index, (task, group) in enumerate(itertools.groupby(listing.chunk(number), key=lambda q: q.task)):
        continued = " (continued)" if not index and task == before else ""
        gap = "\n" if index else ""
        lines.append(Safe(f"{gap}## {md_inline(registry.tasks[task].name)}{continued}\n"))
        lines += html_list([_question_line(links, question) for question in group])
    return Section(lines, listing.pager(number, links.md))


def _model_row(usage: Usage, links: PageLinks, model: Model) -> Safe:
    count = len(usage.questions_by_model[model.id])
    return Safe(f"| [{md_inline(model.name)}]({links.md('models', model.id)}) | "
                f"{md_inline(plain_text(model.summary, 140))} | {count} |")


def _paper_item(usage: Usage, links: PageLinks, paper: Paper) -> Safe:
    count = len(usage.questions_by_paper[paper.id])
    et_al = " et al." if len(paper.authors) > 1 or paper.et_al else ""
    return Safe(f'<li><a href="{links.href("papers", paper.id)}">{html_inline(paper.title)}</a>, '
                f"{html_inline(paper.authors[0])}{et_al} ({paper.year}) · cited by {count} "
                f"question{'s' if count != 1 else ''}</li>")


def _tag_listing(tag: TagPage) -> Listing[Question]:
    return Listing("tags", tag.slug, tag.slug, tag.questions)


def _tag_page(tag: TagPage, directory_urls: bool) -> str:
    page = f"tags/{tag.slug}.md"
    links = page_links(page, directory_urls)
    return _render("tag.md.j2", links, tag=tag, questions=section(_tag_listing(tag), 1, links, _question_line))


def _tags_index(tags: list[TagPage], directory_urls: bool) -> str:
    facets = [(facet, title, what, [(t, tag_value(t)) for t in tags if t.facet == facet])
              for facet, title, what in FACETS]
    return _render("tags_index.md.j2", page_links("tags/index.md", directory_urls), facets=facets)


def _index_pages(registry: Registry, usage: Usage, tags: Mapping[str, TagPage],
                 listings: tuple[Listing[Question], Listing[Model], Listing[Paper]],
                 directory_urls: bool) -> dict[str, str]:
    tasks = [(tid, task, len(usage.questions_by_task[tid])) for tid, task in sorted(registry.tasks.items())]
    counts = {kind: len(getattr(registry, kind)) for kind in KINDS}
    questions, models, papers = listings

    def links(path: str) -> PageLinks:
        return page_links(path, directory_urls)

    def page(path: str, template: str, **context: Any) -> str:
        return _render(template, links(path), **context)

    return {
        "index.md": page("index.md", "home.md.j2", tasks=[t for t in tasks if t[2]] or tasks, counts=counts),
        "tags/index.md": _tags_index(list(tags.values()), directory_urls),
        "questions/index.md": page("questions/index.md", "questions_index.md.j2",
                                   section=_grouped_by_task(registry, questions, 1, links("questions/index.md"))),
        "tasks/index.md": page("tasks/index.md", "tasks_index.md.j2", tasks=tasks),
        "models/index.md": page("models/index.md", "models_index.md.j2", header=Safe(MODEL_TABLE),
                                section=section(models, 1, links("models/index.md"), partial(_model_row, usage),
                                                bulleted=False)),
        "papers/index.md": page("papers/index.md", "papers_index.md.j2",
                                section=section(papers, 1, links("papers/index.md"), partial(_paper_item, usage))),
    }
