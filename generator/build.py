"""Check the registry on disk and write its pages: the one path the CLI and the MkDocs hook share."""

from __future__ import annotations

import datetime
from pathlib import Path

from .diagnostics import Diagnostic
from .exports import export_files
from .files import WriteReport, read_registry, write_pages
from .pipeline import check_registry
from .registry import Registry
from .render import render_site


def generate(registry_dir: Path, out_dir: Path, strict: bool = False, edit_base: str = "",
             display_root: str | None = None, site_url: str = "") -> tuple[list[Diagnostic], WriteReport | None]:
    """Returns the diagnostics and, if nothing was wrong, what was written. On any error
    nothing is written, so the previous pages stay as they were. `display_root` is how
    diagnostics and pages name the registry folder (default: `registry_dir` as given). Besides the
    pages it writes the exports (registry.json, references.bib, llms.txt, ...; see `exports`)."""
    registry, diagnostics = check_registry(read_registry(registry_dir, display_root), strict)
    if any(d.is_error for d in diagnostics):
        return diagnostics, None
    files = {**render_site(registry, edit_base, site_url), **export_files(registry, site_url)}
    report, problems = write_pages(out_dir, files)
    report.newest_date = newest_date(registry)
    return diagnostics + problems, None if problems else report


def newest_date(registry: Registry) -> datetime.date | None:
    """The newest date the registry holds: a question's revision or a citation check."""
    dates = [q.provenance.date for q in registry.questions.values()]
    dates += [record.checked for record in registry.lock.records.values()]
    return max(dates, default=None)
