"""Check the registry on disk and write its pages: the one path the CLI and the MkDocs hook share."""

from __future__ import annotations

import contextlib
import datetime
import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import check_registry
from generator.diagnostics import Diagnostic
from generator.exports.plan import export_plan
from generator.memo import Memo
from generator.output import OnDisk, WriteReport, write_pages
from generator.pages.render import LazyPages, page_plan
from generator.registry.folder import read_registry
from generator.registry.loading import LoadedFile, Registry


@dataclass
class Session:
    """What a run hands to the next one in the same process (the MkDocs hook, once per rebuild under
    `mkdocs serve`): what each file yielded, and the pages and export parts with what they were made from.
    Files whose bytes did not change are not parsed again, and pages whose inputs did not change are not
    rendered again; the result is byte for byte that of a fresh run."""

    loaded: dict[str, LoadedFile] = field(default_factory=dict)
    memo: Memo = field(default_factory=Memo)
    parts: Memo = field(default_factory=Memo)
    """llms-full.txt's parts, in a memo of their own: a run of it is a making of llms-full.txt, so the parts
    outlive runs that reuse the whole file."""
    on_disk: OnDisk = field(default_factory=dict)
    last: LastRun | None = None
    """The previous run, reused whole when the registry's bytes and the options are the same (under serve,
    the builds that follow each save because MkDocs saw docs/ change)."""


@dataclass(frozen=True)
class LastRun:
    options: tuple[object, ...]
    files: Mapping[str, bytes]
    registry: Registry
    diagnostics: list[Diagnostic]
    pages: Mapping[str, str] | None
    """None when the registry had errors and nothing was written."""


def generate(registry_dir: Path, out_dir: Path, strict: bool = False, edit_base: str = "",
             display_root: str | None = None, site_url: str = "", session: Session | None = None,
             directory_urls: bool = True) -> tuple[list[Diagnostic], WriteReport | None]:
    """Returns the diagnostics and, if nothing was wrong, what was written. On any error
    nothing is written, so the previous pages stay as they were. `display_root` is how
    diagnostics and pages name the registry folder (default: `registry_dir` as given). Besides the
    pages it writes the exports (registry.json, references.bib, llms.txt, ...; see `exports.plan`).
    `directory_urls` is MkDocs' `use_directory_urls`, which the links the pages write as HTML depend on."""
    with cycle_collection_paused():
        return _generate(registry_dir, out_dir, strict, edit_base, display_root, site_url, session, directory_urls)


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """A run makes millions of objects that live until it ends and no reference cycles to speak of (peak memory
    at 10,000 questions is the same without the collector), but Python's cycle collector would walk them all
    again and again: 14 full collections that found nothing, ~10% of a 10,000-question run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _generate(registry_dir: Path, out_dir: Path, strict: bool, edit_base: str, display_root: str | None,
              site_url: str, session: Session | None,
              directory_urls: bool) -> tuple[list[Diagnostic], WriteReport | None]:
    files_read = read_registry(registry_dir, display_root)
    if session is None:
        registry, diagnostics = check_registry(files_read, strict)
        if any(d.is_error for d in diagnostics):
            return diagnostics, None
        plan = [*page_plan(registry, edit_base, site_url, directory_urls), *export_plan(registry, site_url)]
        return _written(registry, diagnostics, write_pages(out_dir, LazyPages(plan)))
    last = session.last
    options = (out_dir, strict, edit_base, site_url, directory_urls)
    if last is None or last.options != options or last.files != files_read:
        last = session.last = LastRun(options, files_read,
                                      *_run(session, files_read, strict, edit_base, site_url, directory_urls))
    if last.pages is None:
        return list(last.diagnostics), None
    return _written(last.registry, list(last.diagnostics), write_pages(out_dir, last.pages, session.on_disk))


def _run(session: Session, files_read: Mapping[str, bytes], strict: bool, edit_base: str,
         site_url: str, directory_urls: bool) -> tuple[Registry, list[Diagnostic], dict[str, str] | None]:
    """Check and render in `session`: only changed files are parsed, only pages with changed inputs rendered."""
    registry, diagnostics = check_registry(files_read, strict, session.loaded)
    session.loaded = registry.loaded
    if any(d.is_error for d in diagnostics):
        return registry, diagnostics, None
    plan = [*page_plan(registry, edit_base, site_url, directory_urls),
            *export_plan(registry, site_url, session.parts)]
    lazy = LazyPages(plan, session.memo)
    pages = {path: lazy[path] for path in sorted(lazy)}  # the memo keeps every page anyway
    session.memo.next_run()
    return registry, diagnostics, pages


def _written(registry: Registry, diagnostics: list[Diagnostic],
             written: tuple[WriteReport, list[Diagnostic]]) -> tuple[list[Diagnostic], WriteReport | None]:
    report, problems = written
    report.newest_date = newest_date(registry)
    return diagnostics + problems, None if problems else report


def newest_date(registry: Registry) -> datetime.date | None:
    """The newest date the registry holds: a question's revision or a citation check."""
    dates = [q.provenance.date for q in registry.questions.values()]
    dates += [record.checked for record in registry.lock.records.values()]
    return max(dates, default=None)
