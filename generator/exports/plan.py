"""Files for other tools, published at the root of the site: `{file name: text}`. Pure.

- `registry.json`: the whole registry (questions, models, papers, tasks, citation records, review status),
  valid against `registry.schema.json` (generated from the same pydantic models).
- `references.bib`: BibTeX for every paper and model.
- `references.csl.json`: the same as CSL-JSON (citeproc, Zotero, Pandoc).
- `llms.txt` and `llms-full.txt`: an index and the full text for language-model tools (llmstxt.org).
"""

from __future__ import annotations

import json
from functools import cache, partial
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.exports.csl import csl_items
from generator.exports.llmstxt import llms_full_txt, llms_txt
from generator.memo import Inputs, Make, Memo
from generator.pages.bibtex import bibliography
from generator.pages.cite import registry_keys
from generator.pages.render import registry_inputs
from generator.registry.loading import Registry
from generator.registry.reviews import STATUSES, ReviewStatus, review_status
from generator.registry.schema import LockRecord, Model, Paper, Question, Task

EXPORT_FILES = ("registry.json", "registry.schema.json", "references.bib", "references.csl.json", "llms.txt",
                "llms-full.txt")


class RegistryExport(BaseModel):
    """registry.json: the whole AskScope registry in one file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["askscope-registry"] = Field(description="Always 'askscope-registry'.")
    version: Literal[1] = Field(description="Version of this file's layout; changes only when it breaks.")
    site_url: str | None = Field(description="Where the site is published, if it declares it; pages live at "
                                             "<site_url>/<questions|tasks|models|papers>/<id>/.")
    questions: list[Question] = Field(description="Every question-model-paper bundle, sorted by id.")
    models: list[Model] = Field(description="Every model, sorted by id.")
    papers: list[Paper] = Field(description="Every paper, sorted by id.")
    tasks: dict[str, Task] = Field(description="The task vocabulary, by task id.")
    reviews: dict[ReviewStatus, int] = Field(
        description="How many questions are reviewed (a review approved their text as it reads now), stale (their "
                    "reviewed fields changed since every review) and unreviewed.")
    review_status: dict[str, ReviewStatus] = Field(description="Each question's review status, by question id.")
    citations: dict[str, LockRecord] = Field(
        description="The verification record of each canonical identifier (e.g. 'arxiv:2310.00390', "
                    "'doi:10.…', 'github:owner/repo'), as in registry/citations.lock.yaml.")


def registry_export(registry: Registry, site_url: str = "") -> RegistryExport:
    statuses = {k: review_status(registry.questions[k]) for k in sorted(registry.questions)}
    return RegistryExport(
        format="askscope-registry", version=1, site_url=site_url or None,
        questions=[registry.questions[k] for k in sorted(registry.questions)],
        models=[registry.models[k] for k in sorted(registry.models)],
        papers=[registry.papers[k] for k in sorted(registry.papers)],
        tasks={k: registry.tasks[k] for k in sorted(registry.tasks)},
        reviews={s: sum(v == s for v in statuses.values()) for s in STATUSES}, review_status=statuses,
        citations={k: registry.lock.records[k] for k in sorted(registry.lock.records)})


def export_schema() -> dict[str, Any]:
    schema = RegistryExport.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "AskScope registry export (registry.json)"
    return schema


@cache
def _schema_text() -> str:
    return _json(export_schema())


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export_files(registry: Registry, site_url: str = "", memo: Memo | None = None) -> dict[str, str]:
    """Every export file, keyed by its path under docs/ (MkDocs copies them to the site unchanged)."""
    return {path: make() for path, _, make in export_plan(registry, site_url, memo)}


def export_plan(registry: Registry, site_url: str = "",
                memo: Memo | None = None) -> list[tuple[str, Inputs, Make]]:
    """Each export file as (path, what it is made from, how to make it), like `pages.render.page_plan`. With `memo`
    (its own, see `llms_full_txt`), the largest (llms-full.txt) is rebuilt only where its entries changed."""
    everything = registry_inputs(registry, "", site_url)
    works = (*registry.models.values(), *registry.papers.values())  # all that the bibliographies are made from
    return [
        ("registry.json", everything,
         lambda: registry_export(registry, site_url).model_dump_json(indent=1) + "\n"),
        ("registry.schema.json", (), _schema_text),
        ("references.bib", works, partial(_bibtex, registry)),
        ("references.csl.json", works,
         lambda: _json(csl_items(registry.papers, registry.models, registry_keys(registry)))),
        ("llms.txt", everything, partial(llms_txt, registry, site_url)),
        ("llms-full.txt", everything, partial(llms_full_txt, registry, site_url, memo)),
    ]


def _bibtex(registry: Registry) -> str:
    entries = bibliography(registry.papers, registry.models, registry_keys(registry))
    header = ("% AskScope references: every paper and model in the registry, from the registry's data only.\n"
              "% Papers are misc entries because the registry's venue is free text;\n"
              "% models carry no author or year because the registry records none.\n\n")
    return header + "\n\n".join(e.text() for e in entries) + "\n"
