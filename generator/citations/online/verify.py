"""`askscope verify --online`: refresh the citation lock from the sources.

A found identifier whose metadata agrees with the registry becomes `verified`; one that
disagrees becomes `metadata-mismatch` (the record keeps what the source said); a 404
becomes `not-found`. When a source cannot be reached or rate-limits us, the previous
record is kept as it was: a network fault never changes, truncates or corrupts the lock.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.citations.consistency import model_identifiers, paper_identifiers
from generator.citations.metadata import first_authors_match, titles_match, years_match
from generator.citations.online.sources import Answer, Sources
from generator.registry.loading import Registry
from generator.registry.schema import Lock, LockRecord, Paper, Source, Status

ARXIV_BATCH = 50


@dataclass(frozen=True)
class Result:
    key: str
    status: str  # a lock status, "skipped", or "kept" (unreachable/rate-limited, previous record kept)
    detail: str = ""


def keys_to_check(registry: Registry, only_changed: bool) -> dict[str, list[Paper]]:
    """Every identifier the registry cites → the papers that carry it (empty for code and weights)."""
    keys: dict[str, list[Paper]] = defaultdict(list)
    for paper in registry.papers.values():
        for _, key in paper_identifiers(paper):
            keys[key] += [paper] if not key.startswith("github:") else []
    for model in registry.models.values():
        for _, key in model_identifiers(model):
            keys.setdefault(key, [])
    return {k: keys[k] for k in sorted(keys) if not (only_changed and k in registry.lock.records)}


def verify(registry: Registry, sources: Sources, today: datetime.date, only_changed: bool = False,
           progress: Callable[[int], None] = lambda n: None) -> tuple[Lock, list[Result]]:
    keys = keys_to_check(registry, only_changed)
    records = dict(registry.lock.records)
    results: list[Result] = []

    def settle(key: str, source: Source, answer: Answer) -> None:
        record, result = _record(key, source, answer, keys[key], today)
        results.append(result)
        previous = records.get(key)
        if record is not None and not _same_but_date(previous, record):
            records[key] = record
        progress(1)

    arxiv = [k.removeprefix("arxiv:") for k in keys if k.startswith("arxiv:")]
    for batch in _chunks(arxiv, ARXIV_BATCH):
        for arxiv_id, answer in sources.arxiv(batch).items():
            settle(f"arxiv:{arxiv_id}", "arxiv-api", answer)
    for key in keys:
        kind, _, value = key.partition(":")
        if kind == "doi":
            settle(key, *sources.doi(value))
        elif kind == "github":
            settle(key, "github-api", sources.github(value))
        elif kind != "arxiv":
            results.append(Result(key, "skipped", "no online check for this kind of identifier"))
            progress(1)
    return Lock(version=registry.lock.version, records=records), sorted(results, key=lambda r: r.key)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _record(key: str, source: Source, answer: Answer, papers: list[Paper],
            today: datetime.date) -> tuple[LockRecord | None, Result]:
    if answer.status in ("unreachable", "rate-limited"):
        return None, Result(key, "kept", f"{answer.status}: {answer.detail}; the previous record was kept")
    if answer.status == "not-found" or answer.found is None:
        return (LockRecord(status="not-found", source=source, checked=today, note=answer.detail or None),
                Result(key, "not-found", answer.detail))
    found = answer.found
    problems = [problem for paper in papers for problem in _disagreements(paper, source, found)]
    status: Status = "metadata-mismatch" if problems else "verified"
    record = LockRecord(status=status, source=source, checked=today, title=found.title, authors=list(found.authors),
                        year=found.year, full_name=found.full_name, archived=found.archived,
                        default_branch=found.default_branch, note="; ".join(problems) or None)
    return record, Result(key, status, "; ".join(problems))


def _disagreements(paper: Paper, source: str, found: object) -> list[str]:
    title = getattr(found, "title", None)
    authors = getattr(found, "authors", ())
    year = getattr(found, "year", None)
    problems = []
    if title and not titles_match(paper.title, title):
        problems.append(f"papers/{paper.id}: title {paper.title!r} but the source says {title!r}")
    if authors and not first_authors_match(paper.authors[0], authors[0]):
        problems.append(f"papers/{paper.id}: first author {paper.authors[0]!r} but the source says {authors[0]!r}")
    if year is not None and not years_match(paper.year, year, source):
        problems.append(f"papers/{paper.id}: year {paper.year} but the source says {year}")
    return problems


def _same_but_date(old: LockRecord | None, new: LockRecord) -> bool:
    """A re-check that found nothing new keeps the old record, so the lock's diff shows only real changes."""
    if old is None:
        return False
    ignore = {"checked"}
    return old.model_dump(exclude=ignore) == new.model_dump(exclude=ignore)
