"""schema.org JSON-LD for a question page: a FAQPage whose Question has the short answer as its
acceptedAnswer, and the bundle's works as ScholarlyArticle / SoftwareSourceCode citations.

Pure. `script_json` makes the JSON safe inside an HTML `<script>` element: `<`, `>` and `&`
(and U+2028/U+2029) are written as `\\uXXXX` escapes, so no registry text can close the
element or open a comment, and the JSON parses to the same values.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.citations.references import CITATION, number_references
from generator.registry import identifiers
from generator.registry.loading import Registry
from generator.registry.schema import Model, Paper, Question

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE_CHAR = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """JSON on one line that can sit between `<script type="application/ld+json">` and `</script>`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return _SCRIPT_UNSAFE_CHAR.sub(lambda m: _SCRIPT_UNSAFE[m[0]], text)


def plain_citations(text: str, numbers: dict[str, int]) -> str:
    """Prose with each `[@key]` replaced by its reference number, e.g. `[1]`; whitespace collapsed."""
    replaced = CITATION.sub(lambda m: f"[{numbers[m[1]]}]" if m[1] in numbers else m[0], text)
    return " ".join(replaced.split())


def _paper(paper: Paper) -> dict[str, Any]:
    links = [u for u in (identifiers.doi_url(paper.doi) if paper.doi else None,
                         identifiers.arxiv_url(paper.arxiv) if paper.arxiv else None, paper.url) if u]
    item: dict[str, Any] = {"@type": "ScholarlyArticle", "name": paper.title,
                            "author": [{"@type": "Person", "name": a} for a in paper.authors],
                            "datePublished": str(paper.year)}
    if links:
        item["@id"] = links[0]
        item["url"] = links[0]
        if len(links) > 1:
            item["sameAs"] = links[1:]
    ids = [("DOI", paper.doi), ("arXiv", paper.arxiv)]
    item["identifier"] = [{"@type": "PropertyValue", "propertyID": k, "value": v} for k, v in ids if v]
    return item


def _model(model: Model) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "SoftwareSourceCode", "name": model.name}
    if model.code:
        item["@id"] = item["codeRepository"] = identifiers.github_url(model.code)
    if model.url:
        item["url"] = model.url
    if model.weights:
        item["sameAs"] = [identifiers.huggingface_url(model.weights)]
    if model.licence:
        item["license"] = model.licence
    return item


def question_jsonld(registry: Registry, question: Question, page_url: str = "") -> dict[str, Any]:
    references = number_references(question)
    numbers = {ref.id: ref.number for ref in references}
    works = [_paper(registry.papers[r.id]) if r.kind == "papers" else _model(registry.models[r.id])
             for r in references]
    answer: dict[str, Any] = {"@type": "Answer", "text": plain_citations(question.answer, numbers)}
    entity: dict[str, Any] = {"@type": "Question", "name": question.question, "text": question.question,
                              "answerCount": 1, "acceptedAnswer": answer}
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "FAQPage", "name": question.question,
                            "dateModified": question.provenance.date.isoformat(), "mainEntity": [entity],
                            "citation": works}
    if page_url:
        data["url"] = answer["url"] = page_url
    return data


def question_script(registry: Registry, question: Question, page_url: str = "") -> str:
    return f'<script type="application/ld+json">{script_json(question_jsonld(registry, question, page_url))}</script>'
