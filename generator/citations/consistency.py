"""Offline citation checks: identifiers agree with each other and with the lock's record of the source."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.citations.metadata import first_authors_match, normalise, title_similarity, titles_match, years_match
from generator.diagnostics import Diagnostic, Severity
from generator.registry import identifiers
from generator.registry.loading import Registry
from generator.registry.schema import LockRecord, Model, Paper

Loc = tuple[str | int, ...]
_STRICT_HINT = "run `askscope verify --online`, or add a `source: manual` record with its evidence to the lock"


def paper_identifiers(paper: Paper) -> Iterator[tuple[Loc, str]]:
    """The lock keys a paper needs, with the field each comes from."""
    if paper.arxiv:
        yield ("arxiv",), f"arxiv:{paper.arxiv}"
    if paper.doi:
        yield ("doi",), f"doi:{paper.doi}"
    if paper.code:
        yield ("code",), f"github:{paper.code}"


def model_identifiers(model: Model) -> Iterator[tuple[Loc, str]]:
    if model.code:
        yield ("code",), f"github:{model.code}"
    if model.weights:
        yield ("weights",), f"huggingface:{model.weights}"


def check_citations(registry: Registry) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for pid, paper in sorted(registry.papers.items()):
        found += _check_url(registry, "papers", pid, paper.url, paper.arxiv, paper.doi, paper.code)
        for loc, key in paper_identifiers(paper):
            found += _check_record(registry, "papers", pid, loc, key, paper)
    for mid, model in sorted(registry.models.items()):
        found += _check_url(registry, "models", mid, model.url, None, None, model.code)
        for loc, key in model_identifiers(model):
            found += _check_record(registry, "models", mid, loc, key, None)
        found += _check_model_against_paper(registry, mid, model)
    found += _check_duplicate_papers(registry)
    return found


def _check_url(registry: Registry, kind: str, eid: str, url: str | None, arxiv: str | None, doi: str | None,
               code: str | None) -> list[Diagnostic]:
    if url is None:
        return []
    for field, value, parse in (("arxiv", arxiv, identifiers.canonical_arxiv),
                                ("doi", doi, identifiers.canonical_doi),
                                ("code", code, identifiers.canonical_github)):
        try:
            from_url = parse(url) if _looks_like(field, url) else None
        except ValueError:
            from_url = None
        if from_url is None:
            continue
        if value is None:
            return [registry.diagnostic_at(kind, eid, ["url"], "cite.url-is-identifier",
                                           f"`url` is a {field} link; put {from_url!r} in `{field}` instead",
                                           f"set `{field}: {from_url}` and remove `url`")]
        if from_url.lower() != value.lower():
            return [registry.diagnostic_at(kind, eid, ["url"], "cite.url-mismatch",
                                           f"`url` points to {from_url!r} but `{field}` is {value!r}",
                                           "one of them belongs to another work; check both at their source")]
    return []


def _looks_like(field: str, url: str) -> bool:
    host = {"arxiv": "arxiv.org/", "doi": "doi.org/", "code": "github.com/"}[field]
    return host in url.lower()


def _check_record(registry: Registry, kind: str, eid: str, loc: Loc, key: str,
                  paper: Paper | None) -> list[Diagnostic]:
    record = registry.lock.records.get(key)
    if record is None:
        return [_warn(registry, kind, eid, loc, "cite.unverified", f"{key} has no record in the citation lock",
                      _STRICT_HINT)]
    if record.status in ("unreachable", "rate-limited"):
        return [_warn(registry, kind, eid, loc, "cite.unverified",
                      f"{key} could not be checked on {record.checked} ({record.status})", _STRICT_HINT)]
    if record.status == "not-found":
        return [registry.diagnostic_at(kind, eid, loc, "cite.not-found",
                                       f"{key} was not found at its source on {record.checked}",
                                       "the identifier is probably wrong; check it at the source")]
    if record.status == "metadata-mismatch":
        return [registry.diagnostic_at(kind, eid, loc, "cite.source-mismatch",
                                       f"the source of {key} disagreed with this entry on {record.checked}"
                                       + (f" (it says: {record.title!r})" if record.title else ""),
                                       "fix the entry, or the identifier if it belongs to another work")]
    if key.startswith("github:"):
        return _check_repository(registry, kind, eid, loc, key, record)
    return _check_metadata(registry, eid, key, record, paper) if paper is not None else []


def _check_repository(registry: Registry, kind: str, eid: str, loc: Loc, key: str,
                      record: LockRecord) -> list[Diagnostic]:
    found = []
    if record.full_name and record.full_name.lower() != key.removeprefix("github:").lower():
        found.append(_warn(registry, kind, eid, loc, "cite.renamed",
                           f"GitHub now calls {key.removeprefix('github:')!r} {record.full_name!r}",
                           f"update the entry to `{record.full_name}`"))
    if record.archived:
        found.append(_warn(registry, kind, eid, loc, "cite.archived",
                           f"{key} is archived (read-only) on GitHub", "say so where the entry recommends it"))
    return found


def _check_metadata(registry: Registry, pid: str, key: str, record: LockRecord, paper: Paper) -> list[Diagnostic]:
    found = []
    if record.title and not titles_match(paper.title, record.title):
        found.append(registry.diagnostic_at(
            "papers", pid, ["title"], "cite.title-mismatch",
            f"title differs from the record of {key}: {record.title!r} "
            f"(similarity {title_similarity(paper.title, record.title):.2f})",
            "the id may belong to another paper; check it at the source"))
    if record.authors and not first_authors_match(paper.authors[0], record.authors[0]):
        found.append(registry.diagnostic_at(
            "papers", pid, ["authors", 0], "cite.author-mismatch",
            f"first author {paper.authors[0]!r} differs from the record of {key}: {record.authors[0]!r}",
            "use the author order of the publication"))
    if record.year is not None and not years_match(paper.year, record.year, record.source):
        found.append(registry.diagnostic_at(
            "papers", pid, ["year"], "cite.year-mismatch",
            f"year {paper.year} differs from the record of {key}: {record.year}", "check the publication year"))
    return found


def _check_model_against_paper(registry: Registry, mid: str, model: Model) -> list[Diagnostic]:
    paper = registry.papers.get(model.paper) if model.paper else None
    if paper is None or not (paper.code and model.code) or paper.code.lower() == model.code.lower():
        return []
    return [registry.diagnostic_at("models", mid, ["code"], "cite.code-mismatch",
                                   f"code {model.code!r} differs from the code of its paper {paper.id!r}: "
                                   f"{paper.code!r}", "one of the two links is wrong; check both")]


def _check_duplicate_papers(registry: Registry) -> list[Diagnostic]:
    """Papers sharing an arXiv id, a DOI or a normalised title: reported in each file, naming the other."""
    by_value: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pid, paper in sorted(registry.papers.items()):
        for field, value in (("arxiv", paper.arxiv), ("doi", paper.doi), ("title", normalise(paper.title))):
            if value:
                by_value[(field, value)].append(pid)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (field, _), pids in by_value.items():
        for pid in pids:
            for other in pids:
                if other != pid:
                    shared[(pid, other)].append(field)
    found = []
    for (pid, other), fields in sorted(shared.items()):
        first = min(fields, key=("arxiv", "doi", "title").index)
        found.append(registry.diagnostic_at(
            "papers", pid, [first], "cite.duplicate-paper",
            f"papers/{pid}.yaml and papers/{other}.yaml are one paper under two ids (same {', '.join(sorted(fields))})",
            "keep one entry and point every question at it"))
    return found


def _warn(registry: Registry, kind: str, eid: str, loc: Loc, code: str, message: str, hint: str) -> Diagnostic:
    return registry.diagnostic_at(kind, eid, loc, code, message, hint, severity=Severity.WARNING)
