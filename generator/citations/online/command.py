"""The I/O around `verify`: load the registry, ask the sources (over the network, recording, or from a
recording), then report, write a dry-run report, or write the lock atomically."""

from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from generator.citations.lockfile import dump_lock
from generator.citations.online.guard import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, Guard
from generator.citations.online.recording import Recorder, Replayer
from generator.citations.online.records import UNCHECKED
from generator.citations.online.report import write_report
from generator.citations.online.sources import Endpoints, Http, Sources
from generator.citations.online.verify import Result, keys_to_check, verify
from generator.citations.status import describe
from generator.diagnostics import format_text
from generator.output import atomic_write
from generator.registry.folder import read_registry
from generator.registry.loading import LOCK_FILE, load_registry

_PROBLEMS = {"metadata-mismatch", "not-found"}


@dataclass(frozen=True)
class Run:
    """How an online run gets its answers and what it writes instead of the lock."""

    report: Path | None = None
    """Dry run: write what would change here (Markdown, and JSON beside it) and leave the lock alone."""
    record: Path | None = None
    """Save every answer under this folder."""
    replay: Path | None = None
    """Answer from this recording, with no network."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one request may wait for an answer."""
    deadline: float = DEFAULT_DEADLINE
    """Seconds after which the run asks nothing more and reports the rest `unreachable`."""


def run_verify(registry_dir: Path, online: bool, only_changed: bool, sources: Sources | None = None,
               today: datetime.date | None = None, run: Run = Run(), http: Http | None = None) -> int:
    """Exit status: 0 when every identifier was checked and nothing disagrees (a dry run: when every identifier
    was checked), 1 when an identifier could not be checked (unreachable, rate-limited, failed), or a source
    disagreed or did not know an identifier, or the registry cannot be read; 2 when the lock or a recording
    cannot be read. The lock is rewritten only when a record changed, and only with what was answered."""
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
    http = http or Http(timeout=run.timeout, guard=Guard(run.deadline))
    if run.replay is not None:
        try:
            replayer = Replayer(run.replay)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            click.echo(f"{run.replay}: not a recording made by `askscope verify --online --record` ({exc}); "
                       "nothing was written", err=True)
            return 2
        http.transport, http.sleep, today = replayer, lambda _: None, today or replayer.date
    recorder = Recorder(run.record, http.transport) if run.record is not None else None
    http.transport = recorder or http.transport
    sources = sources or Sources(Endpoints.from_environment(), http, arxiv_interval=0.0 if run.replay else 3.0)
    today = today or datetime.datetime.now(datetime.UTC).date()
    total = len(keys_to_check(registry, only_changed))
    with click.progressbar(length=total, label="verifying citations", file=sys.stderr) as bar:
        lock, results = verify(registry, sources, today, only_changed, bar.update)
    if recorder is not None:
        recorder.finish(today)
        click.echo(f"recorded every answer under {run.record}", err=True)
    _report(results)
    unchecked = any(r.status in UNCHECKED for r in results)
    if run.report is not None:
        written = write_report(run.report, registry.lock, lock, results)
        click.echo(f"dry run: wrote {' and '.join(map(str, written))}; {lock_path} was not touched", err=True)
        return 1 if unchecked else 0
    text = dump_lock(lock)
    previous = lock_path.read_text("utf-8") if lock_path.exists() else ""
    if text != previous:
        atomic_write(lock_path, text.encode("utf-8"))
        click.echo(f"updated {lock_path}", err=True)
    else:
        click.echo(f"{lock_path} unchanged", err=True)
    problems = any(r.status in _PROBLEMS for r in results) or any(d.is_error for d in diagnostics)
    return 1 if unchecked or problems else 0


def _report(results: list[Result]) -> None:
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
        if result.status != "verified":
            click.echo(f"{result.key}: {result.status}" + (f": {result.detail}" if result.detail else ""))
    click.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to check", err=True)
    unchecked = sum(counts.get(status, 0) for status in UNCHECKED)
    if unchecked:
        click.echo(f"{unchecked} identifier(s) could not be checked; their previous records were kept "
                   "(run again later)", err=True)

