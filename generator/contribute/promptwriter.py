"""`askscope prompt`: a question's bundle written out in the seed's prompt form, for a person or a language
model to draft an answer from exactly that bundle. `askscope import` reads it back into the same bundle
(tests/contribute/test_prompt_loop.py checks that for every question of the registry). Pure.

Each model and paper gets its canonical link (arXiv `abs` page, doi.org, its URL; GitHub; Hugging Face) and its
summary on one line: a model's `summary`, a paper's `summary.overview`. A model's paper that is not among the
related papers is written as `Paper: <title> (<link>)`, so that its title comes back too.
"""

from __future__ import annotations

from generator.registry.loading import Registry
from generator.registry.schema import Paper

INSTRUCTIONS = """You are an AI scientist.

A user has asked the following question:
"{question}"

Based on the following recommended models, explain:

1. What task the user is trying to perform.
2. How the model(s) would work in a CNAPS AI-like workflow (input → model → output).
3. List relevant papers and tools (with GitHub or ArXiv links) that support your answer.

Use **only the provided models and papers**. Do not refer to outside sources.
"""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def paper_link(paper: Paper) -> str:
    if paper.arxiv:
        return f"https://arxiv.org/abs/{paper.arxiv}"
    if paper.doi:
        return f"https://doi.org/{paper.doi}"
    return paper.url or ""


def write_prompt(registry: Registry, qid: str) -> str:
    question = registry.questions[qid]
    related = [r.paper for r in question.papers]
    lines = [INSTRUCTIONS.format(question=_one_line(question.question)), "### Recommended AI Models:"]
    for mid in question.models:
        model = registry.models[mid]
        lines.append(f"Model: {_one_line(model.name)}")
        if model.paper and model.paper in registry.papers:
            paper = registry.papers[model.paper]
            title = "" if model.paper in related else f"{_one_line(paper.title)} "
            lines.append(f"Paper: {title}({paper_link(paper)})" if title else f"Paper: {paper_link(paper)}")
        if model.code:
            lines.append(f"GitHub: https://github.com/{model.code}")
        if model.weights:
            lines.append(f"Hugging Face: {model.weights}")
        lines += [f"Summary: {_one_line(model.summary)}", ""]
    lines.append("### Related Papers:")
    for pid in related:
        paper = registry.papers[pid]
        lines += [f"Model: {_one_line(paper.title)}", f"Paper: {paper_link(paper)}"]
        if paper.code:
            lines.append(f"GitHub: https://github.com/{paper.code}")
        if paper.summary:
            lines.append(f"Summary: {_one_line(paper.summary.overview)}")
        lines.append("")
    return "\n".join(lines) + "\nAnswer:\n"
