"""What a page offers for citing: "cite this page" and the BibTeX of the works it is about. Pure.

Every BibTeX block is returned as a complete Markdown code fence (see `bibtex.fence`), so the
templates print it as `Safe` and no registry value can leave the fence.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.citations.references import Reference
from generator.pages.bibtex import fence, model_entry, page_entry, paper_entry, reference_keys
from generator.pages.escape import Safe, md_inline
from generator.registry.loading import Registry
from generator.registry.schema import Model, Paper, Question


def page_url(site_url: str, kind: str, entity_id: str) -> str:
    """The page's address: absolute under `site_url` when the site declares one, else site-relative."""
    path = f"{kind}/{entity_id}/"
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def registry_keys(registry: Registry) -> dict[tuple[str, str], str]:
    return reference_keys(registry.papers, registry.models)


class Works:
    """The BibTeX entries of the registry's papers and models, each made once per run: a paper is cited by many
    questions, and making its entry again for each was a sixth of the time spent rendering question pages."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.keys = registry_keys(registry)
        """Citation keys by (kind, id); they depend on the whole registry (see `bibtex.reference_keys`)."""
        self._texts: dict[tuple[str, str], str] = {}

    def text(self, kind: str, entity_id: str) -> str:
        """The entry of `registry.<kind>[entity_id]`, kind being "papers" or "models"."""
        found = self._texts.get((kind, entity_id))
        if found is None:
            key = self.keys[(kind, entity_id)]
            entry = (paper_entry(self.registry.papers[entity_id], key) if kind == "papers"
                     else model_entry(self.registry.models[entity_id], key))
            found = self._texts[(kind, entity_id)] = entry.text()
        return found


@dataclass(frozen=True)
class PageCitation:
    text: Safe  # one line of Markdown, e.g. "AskScope developers (2026). *Question*. AskScope. questions/x/"
    page_bibtex: Safe  # a fenced block
    works_bibtex: Safe | None  # a fenced block with the cited works, or None


def _block(texts: list[str]) -> Safe:
    return Safe(fence("\n\n".join(texts)))


def _line(authors: str, year: int | None, title: str, url: str) -> Safe:
    who = f"{md_inline(authors)} " if authors else ""
    when = f"({year}). " if year else ""
    return Safe(f"{who}{when}*{md_inline(title)}*. AskScope. {md_inline(url)}")


def question_citation(works: Works, question: Question, references: list[Reference],
                      site_url: str = "") -> PageCitation:
    """`references`: the question's numbered references (`citations.references.number_references`)."""
    url = page_url(site_url, "questions", question.id)
    prov = question.provenance
    entry = page_entry(f"askscope-{question.id}", question.question, prov.written_by, prov.date.year,
                       f"AskScope question page, last revised {prov.date.isoformat()}", url if site_url else "")
    cited = sorted(references, key=lambda r: (r.kind != "papers", r.id))  # as `bibtex.bibliography` orders them
    works_bibtex = [works.text(r.kind, r.id) for r in cited]
    return PageCitation(_line(", ".join(prov.written_by), prov.date.year, question.question, url),
                        _block([entry.text()]), _block(works_bibtex) if works_bibtex else None)


def model_citation(works: Works, model: Model, site_url: str = "") -> PageCitation:
    url = page_url(site_url, "models", model.id)
    entry = page_entry(f"askscope-model-{model.id}", f"{model.name} (model)", note="AskScope model page",
                       url=url if site_url else "")
    cited = [works.text("models", model.id)]
    if model.paper and model.paper in works.registry.papers:
        cited.insert(0, works.text("papers", model.paper))
    return PageCitation(_line("", None, f"{model.name} (model)", url), _block([entry.text()]), _block(cited))


def paper_citation(works: Works, paper: Paper, site_url: str = "") -> PageCitation:
    url = page_url(site_url, "papers", paper.id)
    entry = page_entry(f"askscope-paper-{paper.id}", f"{paper.title} (paper summary)",
                       note="AskScope paper page", url=url if site_url else "")
    return PageCitation(_line("", None, f"{paper.title} (paper summary)", url), _block([entry.text()]),
                        _block([works.text("papers", paper.id)]))
