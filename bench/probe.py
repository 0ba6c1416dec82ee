"""One generator run, in its own process, so that its peak memory is its own.

`python -m bench.probe REGISTRY OUT [--profile FILE]` reads, checks and renders the
registry, writes the pages into OUT twice (the second time nothing changes), and
prints the phase times (seconds) and peak resident memory (MB) as JSON.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports kilobytes


def run(registry_dir: Path, out_dir: Path) -> dict[str, float]:
    start = time.perf_counter()
    from generator.files import read_registry, write_pages
    from generator.pipeline import check_registry
    from generator.render import render_site

    baseline = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    files = read_registry(registry_dir, "registry")
    t1 = time.perf_counter()
    registry, diagnostics = check_registry(files, strict=True)
    t2 = time.perf_counter()
    if diagnostics:
        raise SystemExit(f"the synthetic registry has {len(diagnostics)} problem(s), e.g. {diagnostics[0]}")
    pages = render_site(registry)
    t3, c3 = time.perf_counter(), time.process_time()
    peak_core = _rss_mb()
    _, problems = write_pages(out_dir, pages)
    t4 = time.perf_counter()
    report, _ = write_pages(out_dir, pages)
    t5 = time.perf_counter()
    if problems or report.written:
        raise SystemExit("writing the pages failed, or the second write was not a no-op")
    return {"imports": t0 - start, "read": t1 - t0, "check": t2 - t1, "render": t3 - t2,
            "core": t3 - t0, "core_cpu": c3 - c0, "write_new": t4 - t3, "write_same": t5 - t4,
            "rss_baseline_mb": baseline, "rss_peak_core_mb": peak_core, "rss_peak_mb": _rss_mb(),
            "pages": len(pages), "page_bytes": sum(len(p.encode("utf-8")) for p in pages.values())}


def main(argv: list[str]) -> None:
    registry_dir, out_dir = Path(argv[0]), Path(argv[1])
    if len(argv) > 3 and argv[2] == "--profile":
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(run, registry_dir, out_dir)
        profiler.dump_stats(argv[3])
    else:
        result = run(registry_dir, out_dir)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
