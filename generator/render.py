"""Render the registry as Markdown pages: `{path under docs/: text}`.

Pure. Templates are compiled once; every value a template prints passes through
`escape.md_inline` unless it is already `Safe`, so forgetting a filter cannot
inject markup.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import identifiers
from .citations import Reference, number_references, render_prose, strip_citations
from .cite import model_citation, paper_citation, question_citation, registry_keys
from .escape import Safe, html_text, md_inline, md_url, plain_text, yaml_string
from .facets import question_tags, tags_page
from .jsonld import question_script
from .memo import Inputs, Make, Memo, remembered
from .mermaid import Node, build_flowchart
from .registry import Registry
from .schema import LockRecord, Model, Paper, Question
from .searchwords import question_keywords, task_keywords
from .status import describe

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
    env.filters.update(indent=_indent, yaml=yaml_string, uncite=strip_citations)
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


def _linker(page: str) -> Any:
    here = posixpath.dirname(page)
    up = "../" if here else ""

    def link(kind: str, entity_id: str) -> Safe:
        if "/" in here or "/" in entity_id or entity_id in {".", ".."}:
            return md_url(posixpath.relpath(f"{kind}/{entity_id}.md", here or "."))
        # What posixpath.relpath gives for a page at most one folder deep, without its ~25 µs per link.
        return md_url(f"{entity_id}.md" if kind == here else f"{up}{kind}/{entity_id}.md")

    return link


def _render(template: str, page: str, **context: Any) -> str:
    text: str = _ENV.get_template(template).render(link=_linker(page), **context)
    return text


def _plain_prose(text: str) -> Safe:
    return render_prose(text, lambda key: md_inline(f"[@{key}]"))


def _lock(registry: Registry, key: str) -> LockRecord | None:
    return registry.lock.records.get(key)


def identifier_links(registry: Registry, paper: Paper | None = None, model: Model | None = None) -> list[Safe]:
    """One line per identifier: the canonical link and what the lock says about it."""
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
    return [Safe(f"[{md_inline(text)}]({md_url(target)}): {md_inline(describe(_lock(registry, key)))}")
            for text, target, key in items]


def _authors(paper: Paper) -> str:
    names = ", ".join(paper.authors)
    return names + (" et al." if paper.et_al else "")


def _reference(registry: Registry, ref: Reference) -> dict[str, Any]:
    if ref.kind == "papers":
        paper = registry.papers[ref.id]
        venue = f" {md_inline(paper.venue)}." if paper.venue else ""
        text = Safe(f"{md_inline(_authors(paper))} ({paper.year}). *{md_inline(paper.title)}*.{venue}")
        return {"number": ref.number, "text": text, "links": identifier_links(registry, paper=paper)}
    model = registry.models[ref.id]
    text = Safe(f"*{md_inline(model.name)}* (model).")
    if model.paper and model.paper in registry.papers:
        text = Safe(f"{text} Introduced in {md_inline(registry.papers[model.paper].title)}.")
    return {"number": ref.number, "text": text, "links": identifier_links(registry, model=model)}


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


def render_question(registry: Registry, question: Question, edit_base: str = "", site_url: str = "",
                    keys: dict[tuple[str, str], str] | None = None) -> str:
    page = f"questions/{question.id}.md"
    references = number_references(question)
    numbers = {ref.id: ref.number for ref in references}

    def cite(key: str) -> Safe:
        if key not in numbers:
            return md_inline(f"[@{key}]")
        return Safe(f"[&#91;{numbers[key]}&#93;](#ref-{numbers[key]})")

    chart, words = _workflow(registry, question)
    source = registry.paths.get(("questions", question.id), f"registry/{page.removesuffix('.md')}.yaml")
    return _render(
        "question.md.j2", page, question=question, task=registry.tasks[question.task],
        flowchart=Safe(chart), workflow_text=words, cite=cite,
        prose=lambda text: render_prose(text, cite),
        models=[registry.models[m] for m in question.models],
        papers=[(registry.papers[r.paper], r.why) for r in question.papers],
        references=[_reference(registry, ref) for ref in references],
        source_path=source, edit_url=md_url(edit_base + source) if edit_base else "",
        tags=question_tags(registry, question), keywords=question_keywords(registry, question),
        citation=question_citation(registry, question, site_url, keys),
        jsonld=Safe(question_script(registry, question, _absolute(site_url, "questions", question.id))))


def _absolute(site_url: str, kind: str, entity_id: str) -> str:
    return f"{site_url.rstrip('/')}/{kind}/{entity_id}/" if site_url else ""


def render_site(registry: Registry, edit_base: str = "", site_url: str = "",
                memo: Memo | None = None) -> dict[str, str]:
    """Every generated page of the site. Assumes the registry passed its checks. With a `memo` filled by an
    earlier run, pages whose inputs did not change are taken from it."""
    return dict(LazyPages(page_plan(registry, edit_base, site_url), memo))


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


def page_plan(registry: Registry, edit_base: str = "", site_url: str = "") -> Iterator[tuple[str, Inputs, Make]]:
    """Every page as (path, what it is made from, how to make it)."""
    usage = _usage(registry)
    keys = registry_keys(registry)
    lock, tasks_file = registry.lock, registry.tasks_file
    for qid, question in sorted(registry.questions.items()):
        inputs: Inputs = (*question_inputs(registry, question, keys, site_url), edit_base,
                          registry.paths.get(("questions", qid)))
        yield f"questions/{qid}.md", inputs, partial(render_question, registry, question, edit_base, site_url, keys)
    for tid, task in sorted(registry.tasks.items()):
        inputs = (task, tasks_file, *usage.questions_by_task[tid], *usage.models_by_task[tid])
        yield f"tasks/{tid}.md", inputs, partial(_task_page, registry, usage, tid)
    for mid, model in sorted(registry.models.items()):
        paper = registry.papers.get(model.paper) if model.paper else None
        inputs = (model, tasks_file, lock, site_url, paper, *_keys_of(keys, "models", [model]),
                  *_keys_of(keys, "papers", [paper]), *usage.questions_by_model[mid])
        yield f"models/{mid}.md", inputs, partial(_model_page, registry, usage, mid, site_url, keys)
    for pid, paper in sorted(registry.papers.items()):
        related = _co_cited(registry, usage.questions_by_paper[pid], pid)
        inputs = (paper, lock, site_url, *_keys_of(keys, "papers", [paper]), *usage.models_by_paper[pid],
                  *usage.questions_by_paper[pid], *related)
        yield f"papers/{pid}.md", inputs, partial(_paper_page, registry, usage, pid, site_url, keys, related)
    everything = registry_inputs(registry, edit_base, site_url)
    index_pages = cache(partial(_index_pages, registry, usage))  # made together, on the first that is needed
    for path in INDEX_PAGES:
        yield path, everything, partial(_pick, index_pages, path)


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


def _task_page(registry: Registry, usage: Usage, tid: str) -> str:
    page, task = f"tasks/{tid}.md", registry.tasks[tid]
    children = [(c, t) for c, t in sorted(registry.tasks.items()) if t.parent == tid]
    return _render("task.md.j2", page, task=task, prose=_plain_prose, children=children,
                   parent=registry.tasks.get(task.parent) if task.parent else None,
                   questions=usage.questions_by_task[tid], models=usage.models_by_task[tid],
                   keywords=task_keywords(registry, tid))


def _model_page(registry: Registry, usage: Usage, mid: str, site_url: str, keys: dict[tuple[str, str], str]) -> str:
    model = registry.models[mid]
    return _render("model.md.j2", f"models/{mid}.md", model=model, prose=_plain_prose,
                   tasks=[(t, registry.tasks[t]) for t in model.tasks if t in registry.tasks],
                   paper=registry.papers.get(model.paper) if model.paper else None,
                   links=identifier_links(registry, model=model), questions=usage.questions_by_model[mid],
                   citation=model_citation(registry, model, site_url, keys))


def _paper_page(registry: Registry, usage: Usage, pid: str, site_url: str, keys: dict[tuple[str, str], str],
                related: list[Paper]) -> str:
    paper = registry.papers[pid]
    return _render("paper.md.j2", f"papers/{pid}.md", paper=paper, prose=_plain_prose, authors=_authors(paper),
                   links=identifier_links(registry, paper=paper), models=usage.models_by_paper[pid],
                   questions=usage.questions_by_paper[pid], related=related,
                   citation=paper_citation(registry, paper, site_url, keys))


def _co_cited(registry: Registry, questions: Iterable[Question], pid: str) -> list[Paper]:
    others = {r.paper for q in questions for r in q.papers if r.paper != pid}
    return [registry.papers[p] for p in sorted(others) if p in registry.papers]


INDEX_PAGES = ("index.md", "tags/index.md", "questions/index.md", "tasks/index.md", "models/index.md",
               "papers/index.md")


def _index_pages(registry: Registry, usage: Usage) -> dict[str, str]:
    tasks = [(tid, task, len(usage.questions_by_task[tid])) for tid, task in sorted(registry.tasks.items())]
    counts = {kind: len(getattr(registry, kind)) for kind in KINDS}
    groups = [(tid, task, usage.questions_by_task[tid]) for tid, task, n in tasks if n]
    return {
        "index.md": _render("home.md.j2", "index.md", tasks=[t for t in tasks if t[2]] or tasks, counts=counts),
        "tags/index.md": tags_page(registry),
        "questions/index.md": _render("questions_index.md.j2", "questions/index.md", groups=groups),
        "tasks/index.md": _render("tasks_index.md.j2", "tasks/index.md", tasks=tasks),
        "models/index.md": _render("models_index.md.j2", "models/index.md",
                                   models=[(m, len(usage.questions_by_model[mid]))
                                           for mid, m in sorted(registry.models.items())]),
        "papers/index.md": _render("papers_index.md.j2", "papers/index.md",
                                   papers=[(p, len(usage.questions_by_paper[pid])) for pid, p in
                                           sorted(registry.papers.items(), key=lambda kv: (-kv[1].year, kv[0]))]),
    }
