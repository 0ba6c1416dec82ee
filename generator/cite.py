"""What a page offers for citing: "cite this page" and the BibTeX of the works it is about. Pure.

Every BibTeX block is returned as a complete Markdown code fence (see `bibtex.fence`), so the
templates print it as `Safe` and no registry value can leave the fence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .bibtex import Entry, bibliography, fence, model_entry, page_entry, paper_entry, reference_keys
from .citations import number_references
from .escape import Safe, md_inline
from .registry import Registry
from .schema import Model, Paper, Question


def page_url(site_url: str, kind: str, entity_id: str) -> str:
    """The page's address: absolute under `site_url` when the site declares one, else site-relative."""
    path = f"{kind}/{entity_id}/"
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def registry_keys(registry: Registry) -> dict[tuple[str, str], str]:
    return reference_keys(registry.papers, registry.models)


@dataclass(frozen=True)
class PageCitation:
    text: Safe  # one line of Markdown, e.g. "AskScope developers (2026). *Question*. AskScope. questions/x/"
    page_bibtex: Safe  # a fenced block
    works_bibtex: Safe | None  # a fenced block with the cited works, or None


def _block(entries: list[Entry]) -> Safe:
    return Safe(fence("\n\n".join(e.text() for e in entries)))


def _line(authors: str, year: int | None, title: str, url: str) -> Safe:
    who = f"{md_inline(authors)} " if authors else ""
    when = f"({year}). " if year else ""
    return Safe(f"{who}{when}*{md_inline(title)}*. AskScope. {md_inline(url)}")


def question_citation(registry: Registry, question: Question, site_url: str = "",
                      keys: Mapping[tuple[str, str], str] | None = None) -> PageCitation:
    url = page_url(site_url, "questions", question.id)
    prov = question.provenance
    entry = page_entry(f"askscope-{question.id}", question.question, prov.written_by, prov.date.year,
                       f"AskScope question page, last revised {prov.date.isoformat()}", url if site_url else "")
    keys = keys if keys is not None else registry_keys(registry)
    refs = number_references(question)
    works = bibliography({r.id: registry.papers[r.id] for r in refs if r.kind == "papers"},
                         {r.id: registry.models[r.id] for r in refs if r.kind == "models"}, keys)
    return PageCitation(_line(", ".join(prov.written_by), prov.date.year, question.question, url),
                        _block([entry]), _block(works) if works else None)


def model_citation(registry: Registry, model: Model, site_url: str = "",
                   keys: Mapping[tuple[str, str], str] | None = None) -> PageCitation:
    url = page_url(site_url, "models", model.id)
    entry = page_entry(f"askscope-model-{model.id}", f"{model.name} (model)", note="AskScope model page",
                       url=url if site_url else "")
    keys = keys if keys is not None else registry_keys(registry)
    works = [model_entry(model, keys[("models", model.id)])]
    if model.paper and model.paper in registry.papers:
        works.insert(0, paper_entry(registry.papers[model.paper], keys[("papers", model.paper)]))
    return PageCitation(_line("", None, f"{model.name} (model)", url), _block([entry]), _block(works))


def paper_citation(registry: Registry, paper: Paper, site_url: str = "",
                   keys: Mapping[tuple[str, str], str] | None = None) -> PageCitation:
    url = page_url(site_url, "papers", paper.id)
    entry = page_entry(f"askscope-paper-{paper.id}", f"{paper.title} (paper summary)",
                       note="AskScope paper page", url=url if site_url else "")
    keys = keys if keys is not None else registry_keys(registry)
    works = [paper_entry(paper, keys[("papers", paper.id)])]
    return PageCitation(_line("", None, f"{paper.title} (paper summary)", url), _block([entry]), _block(works))
