"""The whole check, as one pure function: file contents in, registry and diagnostics out."""

from __future__ import annotations

from collections.abc import Mapping

from generator.citations.consistency import check_citations
from generator.citations.grounding import check_grounding
from generator.diagnostics import Diagnostic, Severity, promote_warnings, sort_diagnostics
from generator.registry.crossrefs import check_references
from generator.registry.folder import misplaced_files
from generator.registry.loading import LoadedFile, Registry, load_registry
from generator.registry.reviews import current_reviews
from generator.registry.todos import drop_covered


def check_registry(files: Mapping[str, bytes], strict: bool = False,
                   previous: Mapping[str, LoadedFile] | None = None) -> tuple[Registry, list[Diagnostic]]:
    """Every check the registry must pass. `strict` turns warnings into errors. `previous` is the
    `loaded` of an earlier run's registry, whose unchanged files are then not parsed again."""
    registry, diagnostics = load_registry(files, previous)
    diagnostics += misplaced_files(files)
    diagnostics += check_references(registry)
    diagnostics += check_citations(registry)
    diagnostics += check_grounding(registry)
    diagnostics += check_reviews(registry)
    todos = [todo for loaded in registry.loaded.values() for todo in loaded.todos]
    diagnostics = drop_covered(diagnostics, todos) + todos
    if strict:
        diagnostics = promote_warnings(diagnostics)
    return registry, sort_diagnostics(set(diagnostics))


def check_reviews(registry: Registry) -> list[Diagnostic]:
    """`review.stale` for a question whose reviewed fields changed after every review of it. Advisory: the
    page says so, and `--strict` leaves it a warning (`Diagnostic.is_advisory`), so an edit never waits for a
    reviewer."""
    found = []
    for qid, question in sorted(registry.questions.items()):
        current, earlier = current_reviews(question)
        if earlier and not current:
            last = max(earlier, key=lambda r: r.date)
            found.append(registry.diagnostic_at(
                "questions", qid, ["provenance", "reviews"], "review.stale",
                f"the reviewed fields changed after the last review ({last.name}, {last.date.isoformat()})",
                f"ask a reviewer to check it again and run `askscope review {qid} --by NAME`",
                severity=Severity.WARNING))
    return found
