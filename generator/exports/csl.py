"""CSL-JSON items (the format of citeproc, Zotero and Pandoc) from the registry's data only. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.pages.bibtex import split_unambiguous
from generator.registry import identifiers
from generator.registry.schema import Model, Paper


def csl_name(name: str) -> dict[str, str]:
    """`{given, family}` when the name splits without guessing, else `{literal}`: the name as written."""
    parts = split_unambiguous(name)
    return {"given": parts[0], "family": parts[1]} if parts else {"literal": name}


def paper_item(paper: Paper, key: str) -> dict[str, Any]:
    """Type `article` (CSL's generic article): the registry's venue is free text, so no journal is assumed."""
    item: dict[str, Any] = {"id": key, "type": "article", "title": paper.title,
                            "author": [csl_name(a) for a in paper.authors],
                            "issued": {"date-parts": [[paper.year]]}}
    if paper.venue:
        item["container-title"] = paper.venue
    if paper.doi:
        item["DOI"] = paper.doi
    if paper.arxiv:
        item["number"] = f"arXiv:{paper.arxiv}"
    url = (identifiers.doi_url(paper.doi) if paper.doi else identifiers.arxiv_url(paper.arxiv) if paper.arxiv
           else paper.url)
    if url:
        item["URL"] = url
    if paper.et_al:
        item["note"] = "Author list abbreviated: only the first authors are listed."
    return item


def model_item(model: Model, key: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": "software", "title": model.name}
    url = identifiers.github_url(model.code) if model.code else model.url
    if url:
        item["URL"] = url
    notes = []
    if model.weights:
        notes.append(f"weights: {identifiers.huggingface_url(model.weights)}")
    if model.licence:
        notes.append(f"licence: {model.licence}")
    if notes:
        item["note"] = "; ".join(notes)
    return item


def csl_items(papers: Mapping[str, Paper], models: Mapping[str, Model],
              keys: Mapping[tuple[str, str], str]) -> list[dict[str, Any]]:
    items = [paper_item(papers[pid], keys[("papers", pid)]) for pid in sorted(papers)]
    items += [model_item(models[mid], keys[("models", mid)]) for mid in sorted(models)]
    return items
