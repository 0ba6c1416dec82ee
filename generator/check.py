"""The whole check, as one pure function: file contents in, registry and diagnostics out."""

from __future__ import annotations

from collections.abc import Mapping

from generator.citations.consistency import check_citations
from generator.citations.grounding import check_grounding
from generator.diagnostics import Diagnostic, promote_warnings, sort_diagnostics
from generator.registry.crossrefs import check_references
from generator.registry.folder import misplaced_files
from generator.registry.loading import LoadedFile, Registry, load_registry
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
    todos = [todo for loaded in registry.loaded.values() for todo in loaded.todos]
    diagnostics = drop_covered(diagnostics, todos) + todos
    if strict:
        diagnostics = promote_warnings(diagnostics)
    return registry, sort_diagnostics(set(diagnostics))
