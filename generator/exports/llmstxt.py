"""`llms.txt` (an index of the site) and `llms-full.txt` (its full text) for language-model tools,
following the llmstxt.org conventions: an H1, a one-paragraph summary in a blockquote, then
H2 sections of `- [name](url): notes` links. Pure.

Registry text is Markdown-escaped with backslashes (readable for a model, inert for a renderer):
one-line fields cannot open a heading, a link or a list, and prose cannot open a heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

from generator.citations.references import CITATION, number_references
from generator.citations.status import describe
from generator.memo import Memo, remembered
from generator.pages.cite import page_url, registry_keys
from generator.pages.jsonld import plain_citations
from generator.pages.question_page import question_inputs
from generator.registry import identifiers
from generator.registry.loading import Registry
from generator.registry.schema import Model, Paper, Question

_INLINE = re.compile(r"([\\`*_\[\]<>#|])")
_LINE_START = re.compile(r"^([ \t]*)([#>]|[-=]{2,}[ \t]*$)", re.MULTILINE)

SUMMARY = ("AskScope answers everyday questions about AI in microscopy. Each answer is built from a curated "
           "registry of question-model-paper bundles, uses only the models and papers in its bundle, and every "
           "citation carries its verification record.")


# Names and titles recur in every question that cites them; bounded like escape's caches, for `mkdocs serve`.
@lru_cache(maxsize=1 << 16)
def text(value: str) -> str:
    """One line of literal text."""
    return _INLINE.sub(r"\\\1", " ".join(value.split()))


def prose(value: str, numbers: dict[str, int] | None = None) -> str:
    """A prose field: citations as [n], no headings or block quotes, paragraphs kept."""
    out = value if numbers is None else CITATION.sub(
        lambda m: f"[{numbers[m[1]]}]" if m[1] in numbers else m[0], value)
    out = "\n".join(line.rstrip() for line in out.replace("\r", "").split("\n"))
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], out).strip()


def _first_sentence(value: str, limit: int = 200) -> str:
    flat = plain_citations(CITATION.sub("", value), {})
    cut = flat.split(". ")[0].rstrip(".") + "."
    return cut if len(cut) <= limit else cut[: limit - 1].rstrip() + "…"


def llms_txt(registry: Registry, site_url: str = "") -> str:
    def link(kind: str, eid: str, label: str, note: str = "") -> str:
        return f"- [{text(label)}]({page_url(site_url, kind, eid)})" + (f": {text(note)}" if note else "")

    base = f"{site_url.rstrip('/')}/" if site_url else ""
    lines = ["# AskScope", "", f"> {SUMMARY}", "",
             "Pages live at `questions/<id>/`, `tasks/<id>/`, `models/<id>/` and `papers/<id>/`. "
             f"The whole registry is in [registry.json]({base}registry.json) "
             f"(schema: [registry.schema.json]({base}registry.schema.json)); references are in "
             f"[references.bib]({base}references.bib) and [references.csl.json]({base}references.csl.json).",
             "", "## Questions", ""]
    lines += [link("questions", q.id, q.question, _first_sentence(q.answer))
              for _, q in sorted(registry.questions.items())]
    lines += ["", "## Tasks", ""]
    lines += [link("tasks", tid, t.name, t.expert_name) for tid, t in sorted(registry.tasks.items())]
    lines += ["", "## Models", ""]
    lines += [link("models", mid, m.name, _first_sentence(m.summary)) for mid, m in sorted(registry.models.items())]
    lines += ["", "## Papers", ""]
    lines += [link("papers", pid, p.title, f"{p.authors[0]}{' et al.' if len(p.authors) > 1 or p.et_al else ''}, "
                   f"{p.year}") for pid, p in sorted(registry.papers.items())]
    lines += ["", "## Optional", "",
              f"- [llms-full.txt]({base}llms-full.txt): every question, model and paper in full, in one file", ""]
    return "\n".join(lines)


def _paper_line(registry: Registry, paper: Paper) -> str:
    ids = [f"arXiv:{paper.arxiv}" if paper.arxiv else "", f"DOI {paper.doi}" if paper.doi else "",
           paper.url if paper.url and not (paper.arxiv or paper.doi) else ""]
    authors = ", ".join(paper.authors) + (" et al." if paper.et_al else "")
    venue = f" {paper.venue}." if paper.venue else ""
    key = (identifiers.lock_key("arxiv", paper.arxiv) if paper.arxiv else
           identifiers.lock_key("doi", paper.doi) if paper.doi else identifiers.lock_key("url", paper.url or ""))
    return (f"{text(authors)} ({paper.year}). {text(paper.title)}.{text(venue)} "
            f"{text('; '.join(i for i in ids if i))} ({text(describe(registry.lock.records.get(key)))})")


def _model_line(registry: Registry, model: Model) -> str:
    parts = [f"code: {identifiers.github_url(model.code)}" if model.code else "",
             f"weights: {identifiers.huggingface_url(model.weights)}" if model.weights else "",
             f"home page: {model.url}" if model.url else ""]
    status = describe(registry.lock.records.get(identifiers.lock_key("github", model.code))) if model.code else ""
    return f"{text(model.name)} (model). {text('; '.join(p for p in parts if p))}" + (
        f" ({text(status)})" if status else "")


def _question(registry: Registry, q: Question, site_url: str) -> list[str]:
    refs = number_references(q)
    numbers = {r.id: r.number for r in refs}
    task = registry.tasks[q.task]
    out = [f"## {text(q.question)}", "", f"Page: {page_url(site_url, 'questions', q.id)}", "",
           f"Task: {text(task.name)} (expert name: {text(task.expert_name)})", "",
           "### Short answer", "", prose(q.answer, numbers), "", "### Explanation", "", prose(q.explanation, numbers),
           "", "### Workflow", ""]
    out += [f"- Input: {text(i.label)}" for i in q.workflow.inputs]
    out += [f"- Step: {text(s.label)}" + (f" (model: {text(registry.models[s.model].name)})"
                                          if s.model and s.model in registry.models else "") for s in q.workflow.steps]
    out += [f"- Output: {text(o.label)}" for o in q.workflow.outputs]
    out += ["", "### How this can be wrong", ""] + [f"- {prose(x, numbers)}" for x in q.limitations]
    out += ["", "### References", ""]
    for r in refs:
        line = (_paper_line(registry, registry.papers[r.id]) if r.kind == "papers"
                else _model_line(registry, registry.models[r.id]))
        out.append(f"{r.number}. {line}")
    return [*out, ""]


def llms_full_txt(registry: Registry, site_url: str = "", memo: Memo | None = None) -> str:
    """With `memo`, the part of each question, model and paper is made again only when what it is made from
    changed (see `memo`). The memo is this file's own: each call is one run of it, so the parts are kept
    however many runs reuse the whole file in between. Each part is one string, not a list of lines: at
    10,000 questions that is the difference between ~2 million small objects and ~15,000."""
    keys = registry_keys(registry)
    parts = ["# AskScope (full text)", "", f"> {SUMMARY}", ""]
    for qid, q in sorted(registry.questions.items()):
        parts.append(remembered(memo, ("llms-full.txt", "questions", qid), question_inputs(registry, q, keys, site_url),
                                partial(_joined, _question, registry, q, site_url)))
    parts += ["## Models", ""]
    for mid, m in sorted(registry.models.items()):
        parts.append(remembered(memo, ("llms-full.txt", "models", mid), (m, registry.lock, site_url),
                                partial(_joined, _model_section, registry, m, site_url)))
    parts += ["## Papers", ""]
    for pid, p in sorted(registry.papers.items()):
        parts.append(remembered(memo, ("llms-full.txt", "papers", pid), (p, registry.lock, site_url),
                                partial(_joined, _paper_section, registry, p, site_url)))
    if memo is not None:
        memo.next_run()
    return "\n".join(parts)


def _joined(make: Callable[[Registry, Any, str], list[str]], registry: Registry, entry: Any, site_url: str) -> str:
    return "\n".join(make(registry, entry, site_url))


def _model_section(registry: Registry, m: Model, site_url: str) -> list[str]:
    return [f"### {text(m.name)}", "", f"Page: {page_url(site_url, 'models', m.id)}", "", prose(m.summary), "",
            _model_line(registry, m), ""]


def _paper_section(registry: Registry, p: Paper, site_url: str) -> list[str]:
    lines = [f"### {text(p.title)}", "", f"Page: {page_url(site_url, 'papers', p.id)}", "",
             _paper_line(registry, p), ""]
    if p.summary:
        lines += [prose(p.summary.overview), ""]
    return lines
