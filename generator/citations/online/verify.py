"""`askscope verify --online`: refresh the citation lock from the sources.

A found identifier whose metadata agrees with the registry becomes `verified`; one that
disagrees becomes `metadata-mismatch` (the record keeps what the source said); a 404
becomes `not-found`. When a source cannot be reached or rate-limits us, the previous
record is kept as it was: a network fault never changes, truncates or corrupts the lock.
Each identifier is settled on its own: an answer that cannot be made into a record, or any
other fault while asking about one identifier, is reported for that identifier (`failed`)
and the others are still checked.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial

from generator.citations.consistency import model_identifiers, paper_identifiers
from generator.citations.online.records import Result, lock_record
from generator.citations.online.sources import Answer, Sources
from generator.registry.loading import Registry
from generator.registry.schema import Lock, LockRecord, Paper, Source

ARXIV_BATCH = 50

__all__ = ["ARXIV_BATCH", "Result", "keys_to_check", "verify"]


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

    def settle(key: str, ask: Callable[[], tuple[Source, Answer]]) -> None:
        try:
            record, result = lock_record(key, *ask(), keys[key], today)
        except Exception as exc:  # one identifier's fault must not stop the run
            record, result = None, Result(key, "failed", f"could not be checked ({_one_line(exc)}); "
                                                         "the previous record was kept")
        results.append(result)
        if record is not None and not _same_but_date(records.get(key), record):
            records[key] = record
        progress(1)

    arxiv = [k.removeprefix("arxiv:") for k in keys if k.startswith("arxiv:")]
    for batch in _chunks(arxiv, ARXIV_BATCH):
        answers: dict[str, Answer | Exception]
        try:
            answers = dict(sources.arxiv(batch))
        except Exception as exc:  # as in `settle`, for every id of the batch
            answers = dict.fromkeys(batch, exc)
        for arxiv_id in batch:
            settle(f"arxiv:{arxiv_id}", partial(_from_batch, answers, arxiv_id))
    for key in keys:
        kind, _, value = key.partition(":")
        if kind == "doi":
            settle(key, partial(sources.doi, value))
        elif kind == "github":
            settle(key, partial(_github, sources, value))
        elif kind != "arxiv":
            results.append(Result(key, "skipped", "no online check for this kind of identifier"))
            progress(1)
    return Lock(version=registry.lock.version, records=records), sorted(results, key=lambda r: r.key)


def _from_batch(answers: dict[str, Answer | Exception], arxiv_id: str) -> tuple[Source, Answer]:
    answer = answers[arxiv_id]
    if isinstance(answer, Exception):
        raise answer
    return "arxiv-api", answer


def _github(sources: Sources, repo: str) -> tuple[Source, Answer]:
    return "github-api", sources.github(repo)


def _one_line(exc: Exception) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:500]


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _same_but_date(old: LockRecord | None, new: LockRecord) -> bool:
    """A re-check that found nothing new keeps the old record, so the lock's diff shows only real changes."""
    if old is None:
        return False
    ignore = {"checked"}
    return old.model_dump(exclude=ignore) == new.model_dump(exclude=ignore)
