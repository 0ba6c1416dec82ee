"""One generator run, in its own process, so that its peak memory is its own.

`python -m bench.probe REGISTRY OUT [--profile FILE | --no-session]` reads, checks and renders the
registry (each page made and dropped, as the writer takes them), writes the pages into OUT
twice (the second time nothing changes), and prints the phase times (seconds) and peak
resident memory (MB) as JSON. With --profile FILE it also writes a cProfile of the run.
Then, after the peak is taken, it runs the generator as the MkDocs hook does, with a Session: a full
run, a run with nothing changed, and a run after each of three edits of one question's answer (their
median is reported, and the first apart; the edit is undone afterwards).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

EDITS = 3


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports kilobytes


def _cpu() -> float:
    return time.process_time()


def run(registry_dir: Path, out_dir: Path, with_session: bool = True) -> dict[str, float]:
    start = time.perf_counter()
    from generator.build import cycle_collection_paused

    with cycle_collection_paused():  # as in `askscope generate` and the MkDocs hook
        return _measure(registry_dir, out_dir, with_session, start)


def _measure(registry_dir: Path, out_dir: Path, with_session: bool, start: float) -> dict[str, float]:
    from generator.build import Session, generate
    from generator.check import check_registry
    from generator.exports.plan import export_plan
    from generator.output import write_pages
    from generator.pages.render import LazyPages, page_plan
    from generator.registry.folder import read_registry

    baseline = _rss_mb()
    t0, c0 = time.perf_counter(), _cpu()
    files = read_registry(registry_dir, "registry")
    t1 = time.perf_counter()
    registry, diagnostics = check_registry(files, strict=True)
    t2, c2 = time.perf_counter(), _cpu()
    if diagnostics:
        raise SystemExit(f"the synthetic registry has {len(diagnostics)} problem(s), e.g. {diagnostics[0]}")
    plan = [*page_plan(registry), *export_plan(registry)]
    pages = LazyPages(plan)
    page_bytes = sum(len(pages[path].encode("utf-8")) for path in sorted(pages))  # made, measured, dropped
    t3, c3 = time.perf_counter(), _cpu()
    _, problems = write_pages(out_dir, LazyPages(plan))  # what `askscope generate` does: make, write, drop
    t4, c4 = time.perf_counter(), _cpu()
    report, _ = write_pages(out_dir, LazyPages(plan))
    t5 = time.perf_counter()
    if problems or report.written:
        raise SystemExit("writing the pages failed, or the second write was not a no-op")
    peak = _rss_mb()
    figures = {"imports": t0 - start, "read": t1 - t0, "check": t2 - t1, "render": t3 - t2,
               "core": t3 - t0, "core_cpu": c3 - c0, "write_new": t4 - t3, "write_same": t5 - t4,
               "generate": (t2 - t0) + (t4 - t3), "generate_cpu": (c2 - c0) + (c4 - c3),
               "rss_baseline_mb": baseline, "rss_peak_mb": peak,
               "pages": len(plan), "page_bytes": page_bytes}
    if not with_session:
        return figures
    # The MkDocs hook's path (one process, a Session carried from run to run), after the figures above.
    session, session_out = Session(), out_dir.parent / (out_dir.name + "-session")
    generate(registry_dir, session_out, session=session, display_root="registry")
    t6 = time.perf_counter()
    generate(registry_dir, session_out, session=session, display_root="registry")
    t7 = time.perf_counter()
    edited = sorted((registry_dir / "questions").glob("*.yaml"))[len(files) // 7 % 50]
    text = edited.read_text("utf-8")
    edits = []
    try:
        for n in range(EDITS):
            edited.write_text(text.replace("answer: >-\n  ", f"answer: >-\n  Edit {n} by the benchmark. ", 1), "utf-8")
            t8 = time.perf_counter()
            _, edit_report = generate(registry_dir, session_out, session=session, display_root="registry")
            edits.append(time.perf_counter() - t8)
            if edit_report is None or f"questions/{edited.stem}.md" not in edit_report.written:
                raise SystemExit("the session did not rewrite the edited question's page")
    finally:
        edited.write_text(text, "utf-8")
    return {**figures, "session_same": t7 - t6, "session_edit": statistics.median(edits),
            "session_first_edit": edits[0]}


def main(argv: list[str]) -> None:
    registry_dir, out_dir = Path(argv[0]), Path(argv[1])
    if len(argv) > 3 and argv[2] == "--profile":
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(run, registry_dir, out_dir, False)
        profiler.dump_stats(argv[3])
    else:
        result = run(registry_dir, out_dir, with_session="--no-session" not in argv)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
