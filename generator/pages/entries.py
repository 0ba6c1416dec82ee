"""How a paper or model is shown wherever it appears: its identifiers, each with the canonical link and what
the citation lock says about it, and its item in a question's References.
"""


from __future__ import annotations

from collections.abc import Callable

from generator.citations.status import describe
from generator.pages.escape import Safe, html_inline, html_url, md_inline, md_url
from generator.registry import identifiers
from generator.registry.loading import Registry
from generator.registry.schema import LockRecord, Model, Paper


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


def authors(paper: Paper) -> str:
    names = ", ".join(paper.authors)
    return names + (" et al." if paper.et_al else "")


def reference_item(registry: Registry, kind: str, entity_id: str) -> str:
    """A work as an item of a question's References, in HTML, without the item's number: what it is, then a list
    of its identifiers."""
    if kind == "papers":
        paper = registry.papers[entity_id]
        venue = f" {html_inline(paper.venue)}." if paper.venue else ""
        text = f"{html_inline(authors(paper))} ({paper.year}). <em>{html_inline(paper.title)}</em>.{venue}"
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
"""`reference_item` for one registry, remembered: a paper is cited by many questions."""
