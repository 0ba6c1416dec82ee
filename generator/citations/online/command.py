"""The I/O around `verify`: load the registry, ask the sources, report, write the lock atomically."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from generator.citations.lockfile import dump_lock
from generator.citations.online.sources import Endpoints, Http, Sources
from generator.citations.online.verify import Result, keys_to_check, verify
from generator.citations.status import describe
from generator.diagnostics import format_text
from generator.output import atomic_write
from generator.registry.folder import read_registry
from generator.registry.loading import LOCK_FILE, load_registry

_PROBLEMS = {"metadata-mismatch", "not-found"}


def run_verify(registry_dir: Path, online: bool, only_changed: bool, sources: Sources | None = None,
               today: datetime.date | None = None) -> int:
    """Exit status: 0 when nothing disagrees, 1 when a source disagreed or did not know an identifier
    (or the registry cannot be read), 2 when the lock itself cannot be read."""
    lock_path = registry_dir / LOCK_FILE
    registry, diagnostics = load_registry(read_registry(registry_dir, registry_dir.as_posix()))
    lock_problems = [d for d in diagnostics if d.path.endswith(LOCK_FILE) and d.is_error]
    for diagnostic in diagnostics:
        click.echo(format_text(diagnostic), err=True)
    if lock_problems:
        click.echo(f"{lock_path} cannot be read; fix it before refreshing it (nothing was written)", err=True)
        return 2
    if not online:
        for key in keys_to_check(registry, only_changed):
            click.echo(f"{key}: {describe(registry.lock.records.get(key))}")
        return 1 if any(d.is_error for d in diagnostics) else 0
    sources = sources or Sources(Endpoints.from_environment(), Http())
    total = len(keys_to_check(registry, only_changed))
    with click.progressbar(length=total, label="verifying citations", file=sys.stderr) as bar:
        lock, results = verify(registry, sources, today or datetime.datetime.now(datetime.UTC).date(),
                               only_changed, bar.update)
    _report(results)
    text = dump_lock(lock)
    previous = lock_path.read_text("utf-8") if lock_path.exists() else ""
    if text != previous:
        atomic_write(lock_path, text.encode("utf-8"))
        click.echo(f"updated {lock_path}", err=True)
    else:
        click.echo(f"{lock_path} unchanged", err=True)
    return 1 if any(r.status in _PROBLEMS for r in results) or any(d.is_error for d in diagnostics) else 0


def _report(results: list[Result]) -> None:
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
        if result.status != "verified":
            click.echo(f"{result.key}: {result.status}" + (f": {result.detail}" if result.detail else ""))
    click.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to check", err=True)
