"""Grounding: an answer cites only its own bundle, and prose smuggles in no unregistered source.

A question's prose may cite `[@id]` for the models and papers the bundle lists. A URL,
arXiv id or DOI written out in any prose is traced to the registered entry that owns it:
unowned, or owned by an entry outside the bundle, is an error; owned by the bundle, it
should be a citation instead (a warning).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from generator.citations.references import cited_keys
from generator.diagnostics import Diagnostic, Severity
from generator.registry import identifiers
from generator.registry.loading import Registry

Loc = tuple[str | int, ...]
Owner = tuple[str, str]
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'`\]\[)(]+", re.IGNORECASE)
_BARE_HOST = re.compile(r"\b(?:arxiv\.org|doi\.org|github\.com|huggingface\.co)/[^\s<>\"'`\]\[)(]+", re.IGNORECASE)
_ARXIV = re.compile(r"\barxiv:\s*[\w./-]+|\b\d{4}\.\d{4,5}(?:v\d+)?\b", re.IGNORECASE)
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s<>\"'`\]\[)(]+")
_TRAILING = ".,;:!?*_"
# A cheap necessary condition for each pattern: find its punctuation first, then look behind it. Most prose
# holds no identifier at all, and scanning it with the four patterns above was 5% of the generator's time.
_MAY_MATCH = {
    _URL: re.compile(r"://|\.(?<=www\.)", re.IGNORECASE),
    _BARE_HOST: re.compile(r"/(?:(?<=arxiv\.org/)|(?<=doi\.org/)|(?<=github\.com/)|(?<=huggingface\.co/))",
                           re.IGNORECASE),
    _ARXIV: re.compile(r":(?<=arxiv:)|\.(?<=\d{4}\.)\d", re.IGNORECASE),
    _DOI: re.compile(r"\.(?<=10\.)\d"),
}


def question_prose(registry: Registry, qid: str) -> Iterator[tuple[Loc, str]]:
    question = registry.questions[qid]
    yield ("answer",), question.answer
    yield ("explanation",), question.explanation
    for i, text in enumerate(question.also_asked):
        yield ("also_asked", i), text
    for i, text in enumerate(question.limitations):
        yield ("limitations", i), text
    for i, related in enumerate(question.papers):
        yield ("papers", i, "why"), related.why
    for part in ("inputs", "steps", "outputs"):
        for i, item in enumerate(getattr(question.workflow, part)):
            yield ("workflow", part, i, "label"), item.label


def _entity_prose(registry: Registry) -> Iterator[tuple[str, str, Loc, str, set[Owner]]]:
    """Prose of models, papers and tasks, with the entries each may mention: a model its paper,
    a paper the models it introduced."""
    for mid, model in sorted(registry.models.items()):
        allowed = {("models", mid)} | ({("papers", model.paper)} if model.paper else set())
        yield "models", mid, ("summary",), model.summary, allowed
        for part in ("inputs", "outputs"):
            for i, io in enumerate(getattr(model, part)):
                yield "models", mid, (part, i, "description"), io.description, allowed
    introduced: dict[str, set[Owner]] = {}
    for mid, model in registry.models.items():
        if model.paper:
            introduced.setdefault(model.paper, set()).add(("models", mid))
    for pid, paper in sorted(registry.papers.items()):
        allowed = {("papers", pid)} | introduced.get(pid, set())
        if paper.summary:
            for field in ("overview", "plain_english", "technical", "critical_analysis"):
                if getattr(paper.summary, field) is not None:
                    yield "papers", pid, ("summary", field), getattr(paper.summary, field), allowed
    for tid, task in sorted(registry.tasks.items()):
        yield "tasks", tid, ("description",), task.description, set()


def owners_of(registry: Registry) -> dict[str, Owner]:
    """Canonical identifier or URL → (kind, id) of the entry that owns it."""
    owners: dict[str, Owner] = {}
    for pid, paper in registry.papers.items():
        for key in (f"arxiv:{paper.arxiv}" if paper.arxiv else "", f"doi:{paper.doi}" if paper.doi else "",
                    f"github:{paper.code.lower()}" if paper.code else "", f"url:{paper.url}" if paper.url else ""):
            if key:
                owners.setdefault(key, ("papers", pid))
    for mid, model in registry.models.items():
        for key in (f"github:{model.code.lower()}" if model.code else "",
                    f"huggingface:{model.weights.lower()}" if model.weights else "",
                    f"url:{model.url}" if model.url else ""):
            if key:
                owners.setdefault(key, ("models", mid))
    return owners


def canonical_mention(mention: str) -> str:
    """The owner key a mention would have: `arxiv:…`, `doi:…`, `github:…`, `huggingface:…` or `url:…`."""
    if "://" not in mention:
        for kind, parse in (("doi", identifiers.canonical_doi), ("arxiv", identifiers.canonical_arxiv)):
            try:
                return f"{kind}:{parse(mention)}"
            except ValueError:
                pass
    url = mention if "://" in mention else "https://" + mention
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    for kind, domain, parse in _URL_PARSERS:
        if host == domain or host.endswith("." + domain):
            try:
                value = parse(url)
            except ValueError:
                break
            return f"{kind}:{value.lower() if kind in ('github', 'huggingface') else value}"
    return f"url:{url}"


_URL_PARSERS = (("arxiv", "arxiv.org", identifiers.canonical_arxiv), ("doi", "doi.org", identifiers.canonical_doi),
                ("github", "github.com", identifiers.canonical_github),
                ("huggingface", "huggingface.co", identifiers.canonical_huggingface))


def mention_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Each URL, arXiv id or DOI written out in `text`: (start, end, the mention without trailing punctuation)."""
    spans: list[tuple[int, int]] = []
    for pattern in (_URL, _BARE_HOST, _DOI, _ARXIV):
        if not _MAY_MATCH[pattern].search(text):
            continue
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in spans):
                continue
            spans.append(match.span())
            mention = match[0].rstrip(_TRAILING)
            yield match.start(), match.start() + len(mention), mention


def _mentions(text: str) -> Iterator[str]:
    return (mention for _, _, mention in mention_spans(text))


def check_grounding(registry: Registry) -> list[Diagnostic]:
    owners = owners_of(registry)
    found: list[Diagnostic] = []
    for qid, question in sorted(registry.questions.items()):
        bundle = {("models", m) for m in question.models} | {("papers", r.paper) for r in question.papers}
        keys = {eid for _, eid in bundle}
        if len(keys) < len(bundle):
            found.append(registry.diagnostic_at("questions", qid, ["models"], "cite.ambiguous-key",
                                                "a model and a paper of this bundle share an id, so [@id] is "
                                                "ambiguous", "rename one of them"))
        for loc, text in question_prose(registry, qid):
            cited, mentions = _scan(text)
            for key in cited:
                if key not in keys:
                    found.append(registry.diagnostic_at(
                        "questions", qid, list(loc), "cite.unknown-key",
                        f"[@{key}] is not one of this question's models or papers",
                        "cite only ids listed under `models` or `papers`; add the entry to the bundle first"))
            found += _check_mentions(registry, owners, "questions", qid, loc, mentions, bundle)
    for kind, eid, loc, text, allowed in _entity_prose(registry):
        cited, mentions = _scan(text)
        for key in cited:
            found.append(registry.diagnostic_at(kind, eid, list(loc), "cite.unknown-key",
                                                f"[@{key}]: only question bundles can cite", "remove the citation"))
        found += _check_mentions(registry, owners, kind, eid, loc, mentions, allowed)
    return found


@functools.lru_cache(maxsize=1 << 16)
def _scan(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The `[@id]` keys and the written-out identifiers in `text`. Remembered, because under `mkdocs serve`
    every rebuild checks the same texts again."""
    return tuple(cited_keys(text)), tuple(_mentions(text))


def _check_mentions(registry: Registry, owners: dict[str, Owner], kind: str, eid: str, loc: Loc,
                    mentions: tuple[str, ...], allowed: set[Owner]) -> list[Diagnostic]:
    found = []
    for mention in mentions:
        owner = owners.get(canonical_mention(mention))
        if owner is None:
            found.append(registry.diagnostic_at(
                kind, eid, list(loc), "cite.unregistered-source",
                f"{mention!r} is not a registered paper or model",
                "register the work under registry/papers/ or registry/models/, add it to the bundle, and cite it "
                "as [@id]"))
        elif owner not in allowed:
            found.append(registry.diagnostic_at(
                kind, eid, list(loc), "cite.not-in-bundle",
                f"{mention!r} belongs to {owner[0]}/{owner[1]}, which this entry does not list",
                "add it to the bundle and cite it as [@id], or remove it"))
        elif kind == "questions":
            found.append(registry.diagnostic_at(
                kind, eid, list(loc), "cite.bare-identifier", f"{mention!r} is written out in the text",
                f"cite it as [@{owner[1]}] so it is numbered and verified", severity=Severity.WARNING))
    return found
