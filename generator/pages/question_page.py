"""A question's page: the question, the task, the workflow diagram, the answer and its numbered References.
"""


from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator.citations.references import Reference, number_references
from generator.memo import Inputs
from generator.pages.cite import Works, question_citation
from generator.pages.entries import References
from generator.pages.escape import Safe, html_inline, md_inline, md_url
from generator.pages.facets import question_tags
from generator.pages.jsonld import question_script
from generator.pages.mermaid import Node, build_flowchart
from generator.pages.searchwords import question_keywords
from generator.pages.templating import render_prose, render_template
from generator.pages.urls import page_links
from generator.registry.loading import Registry
from generator.registry.reviews import current_reviews
from generator.registry.schema import Model, Paper, Question


def _references(reference: References, references: list[Reference]) -> Safe:
    """A question's References as one raw HTML block, which Python-Markdown passes through untouched. As a
    Markdown list of nested link lists it took a third of the time `mkdocs build` spent converting a
    question page (bench/notes.md). Its links are all external, so MkDocs has none to resolve."""
    items = "\n".join(f'<li id="ref-{ref.number}">{reference(ref.kind, ref.id)}</li>' for ref in references)
    return Safe(f'<ol class="askscope-references" data-pagefind-ignore>\n{items}\n</ol>')


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
    return render_template(
        "question.md.j2", page_links(page, directory_urls), question=question, task=registry.tasks[question.task],
        flowchart=Safe(chart), workflow_text=words, cite=cite, cite_html=cite_html,
        prose=lambda text: render_prose(text, cite),
        models=[registry.models[m] for m in question.models],
        papers=[(registry.papers[r.paper], r.why) for r in question.papers],
        references=_references(reference, references), review_line=_review_line(question),
        source_path=source, edit_url=md_url(edit_base + source) if edit_base else "",
        tags=question_tags(registry, question), tag_slugs=tag_slugs, keywords=question_keywords(registry, question),
        citation=question_citation(works, question, references, site_url),
        jsonld=Safe(question_script(registry, question, _absolute(site_url, "questions", question.id))))


def _review_line(question: Question) -> Safe:
    """"reviewed by A on 2026-12-01", or "changed since it was reviewed by …", or "not yet reviewed"."""
    now, before = current_reviews(question)
    names = [(f"[{md_inline(r.name)}]({md_url('https://orcid.org/' + r.orcid)})" if r.orcid else md_inline(r.name))
             + f" on {r.date.isoformat()}" for r in (now or before)]
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    return Safe(("reviewed by " if now else "changed since it was reviewed by " if before else "not yet reviewed")
                + listed)


def _absolute(site_url: str, kind: str, entity_id: str) -> str:
    return f"{site_url.rstrip('/')}/{kind}/{entity_id}/" if site_url else ""


def question_inputs(registry: Registry, question: Question, keys: dict[tuple[str, str], str],
                    site_url: str) -> Inputs:
    """What a question's page (and its part of the exports) is made from: the question, the tasks, the citation
    lock, its models and papers (and their papers), and their BibTeX keys, which depend on the whole registry."""
    models = [registry.models.get(m) for m in question.models]
    models += [registry.models.get(s.model) for s in question.workflow.steps if s.model]
    papers = [registry.papers.get(r.paper) for r in question.papers]
    papers += [registry.papers.get(m.paper) for m in models if m is not None and m.paper]
    return (question, registry.tasks_file, registry.lock, site_url, *models, *papers,
            *keys_of(keys, "models", models), *keys_of(keys, "papers", papers))


def keys_of(keys: dict[tuple[str, str], str], kind: str, entries: Iterable[Model | Paper | None]) -> list[str]:
    return [keys.get((kind, e.id), "") for e in entries if e is not None]
