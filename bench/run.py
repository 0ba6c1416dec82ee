"""AskScope's performance benchmark: `python -m bench.run [--quick]` (or `make bench [QUICK=1]`).

Generates synthetic registries (bench/synth.py) in a temporary folder and measures, as medians of
several runs: the generator (read + check + render, and writing the pages) and its peak memory, in a
fresh process each time; `mkdocs build`; `askscope linkcheck`; site, page and search-index sizes; and
the time from saving one YAML edit to the rebuilt page under `mkdocs serve`. It prints the tables and
writes them, with the machine and the command, to bench/results.md (bench/results-quick.md in quick
mode, so a quick run never overwrites the committed full results).
"""

from __future__ import annotations

import argparse
import functools
import json
import pickle
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import report, search, serve, site, weight
from .profiles import generator_profile
from .synth import write_registry
from .tables import render

BENCH = Path(__file__).resolve().parent


@dataclass
class Plan:
    generator_sizes: list[int]
    generator_runs: dict[int, int]
    site_sizes: list[int]
    build_runs: dict[int, int]
    linkcheck_runs: dict[int, int]
    serve_sizes: list[int]
    serve_edits: int
    serve_without_dirty: list[int]
    """Sizes also measured with full rebuilds (no --dirty), with `full_rebuild_edits` edits."""
    full_rebuild_edits: int
    profile_size: int
    out: Path


def plan(quick: bool) -> Plan:
    if quick:
        return Plan([100, 1000, 2000], {100: 3, 1000: 3, 2000: 2}, [100], {100: 2}, {100: 2}, [100], 3, [], 0,
                    1000, BENCH / "results-quick.md")
    return Plan([100, 1000, 2000, 5000, 10000], {100: 5, 1000: 5, 2000: 5, 5000: 3, 10000: 3},
                [100, 1000, 2000, 10000], {100: 3, 1000: 3, 2000: 2, 10000: 1}, {100: 3, 1000: 3, 2000: 2, 10000: 1},
                [100, 1000, 2000], 5, [1000], 2, 10000, BENCH / "results.md")


@dataclass
class Results:
    generator: dict[int, dict[str, float]] = field(default_factory=dict)
    generator_profile: list[tuple[str, float]] = field(default_factory=list)
    build: dict[int, site.Timing] = field(default_factory=dict)
    linkcheck: dict[int, site.Timing] = field(default_factory=dict)
    sizes: dict[int, dict[str, float]] = field(default_factory=dict)
    build_profile: list[tuple[str, float]] = field(default_factory=list)
    build_profile_size: int = 0
    serve: dict[tuple[int, bool], serve.ServeResult] = field(default_factory=dict)
    counts: dict[int, dict[str, int]] = field(default_factory=dict)
    weight: list[weight.Weight] | None = None
    """Page weight of the real registry's site (bench/weight.py); None without Chromium."""
    search: dict[int, dict[str, dict[str, Any]]] | None = None
    """Material's search and Pagefind per registry size (bench/search.py); None without Chromium."""
    readers: dict[int, dict[str, Any]] = field(default_factory=dict)


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _generator_run(registry: Path, out: Path, with_session: bool) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "bench.probe", str(registry), str(out)]
    command += [] if with_session else ["--no-session"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=BENCH.parent)
    if result.returncode != 0:
        raise RuntimeError(f"generator probe failed:\n{result.stderr[-3000:]}")
    data: dict[str, float] = json.loads(result.stdout)
    return data


def measure_generator(p: Plan, registries: dict[int, Path], work: Path, results: Results) -> None:
    for n in p.generator_sizes:
        # The session figures (the MkDocs hook's path) come from the first run only, to keep quick mode quick.
        runs = [_generator_run(registries[n], work / "gen-out", with_session=i == 0)
                for i in range(p.generator_runs[n])]
        results.generator[n] = {key: statistics.median(run[key] for run in runs if key in run) for key in runs[0]}
        _log(f"generator {n:>6}: core {report.seconds(results.generator[n]['core'])} "
             f"(CPU {report.seconds(results.generator[n]['core_cpu'])}), "
             f"peak {results.generator[n]['rss_peak_mb']:.0f} MB")
    results.generator_profile = generator_profile(registries[p.profile_size], work / "gen-out", work / "gen.prof")


def measure_site(p: Plan, registries: dict[int, Path], work: Path, results: Results) -> dict[int, Path]:
    projects = {}
    for n in p.site_sizes:
        project = site.make_project(work / f"project-{n}", registries[n])
        projects[n] = project
        results.build[n] = site.median_of(p.build_runs[n], functools.partial(site.mkdocs_build, project, work / "site"))
        results.sizes[n] = site.page_sizes(work / "site")
        build = results.build[n]
        _log(f"mkdocs build {n:>6}: {report.seconds(build.wall)}, CPU {report.seconds(build.cpu)}")
        results.linkcheck[n] = site.median_of(p.linkcheck_runs[n], lambda: site.linkcheck(work / "site"))
        check = results.linkcheck[n]
        _log(f"linkcheck {n:>6}: {report.seconds(check.wall)}, CPU {report.seconds(check.cpu)}")
    profile_size = 1000 if 1000 in projects else min(projects)
    site.mkdocs_build(projects[profile_size], work / "site", profile=work / "mkdocs.prof")
    results.build_profile, results.build_profile_size = site.mkdocs_profile(work / "mkdocs.prof"), profile_size
    return projects


def measure_serve(p: Plan, registries: dict[int, Path], projects: dict[int, Path], work: Path,
                  results: Results) -> None:
    for n in p.serve_sizes:
        for dirty in (True, False):
            if not dirty and n not in p.serve_without_dirty:
                continue
            project = projects.get(n) or site.make_project(work / f"project-{n}", registries[n])
            projects[n] = project
            edits = p.serve_edits if dirty else p.full_rebuild_edits
            ids = [f"synthetic-question-{i * max(1, n // edits):05d}" for i in range(edits)]
            outcome = serve.measure(project, ids, dirty, work / f"serve-{n}-{dirty}.log")
            results.serve[(n, dirty)] = outcome
            _log(f"serve {n:>6} {'--dirty' if dirty else 'full'}: median edit→page "
                 f"{report.seconds(statistics.median(outcome.latencies))}")


def measure_weight(work: Path, results: Results) -> None:
    """The real registry (registry/), built and opened page by page in headless Chromium."""
    if not Path(weight.CHROMIUM).is_file():
        _log(f"page weight: not measured, no Chromium at {weight.CHROMIUM} (set ASKSCOPE_CHROMIUM)")
        return
    project = site.make_project(work / "project-real", BENCH.parent / "registry")
    site.mkdocs_build(project, work / "site-real")
    results.weight = weight.measure(work / "site-real")
    home = results.weight[0]
    _log(f"page weight: home {weight.kb(home.uncompressed)} uncompressed ({weight.kb(home.compressed)} with gzip)")


def measure_search(p: Plan, work: Path, results: Results) -> None:
    """Search at each site size (Material's search too up to 1,000 questions), and the reader queries at 1,000."""
    if not Path(weight.CHROMIUM).is_file():
        _log("search: not measured, no Chromium")
        return
    linkcheck = {n: timing.wall for n, timing in results.linkcheck.items()}  # measured by measure_site
    results.search = {n: search.measure_size(n, work / "search", n <= 1000, linkcheck.get(n)) for n in p.site_sizes}
    for n, engines in results.search.items():
        medians = {name: int(statistics.median(q.transferred for q in r["queries"])) for name, r in engines.items()}
        _log(f"search {n:>6}: " + ", ".join(f"{name} {weight.kb(size)}" for name, size in medians.items()))
    readers = 1000 if 1000 in p.site_sizes else min(p.site_sizes)
    results.readers = {readers: search.measure_readers(readers, work / "search")}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100-2,000 questions, fewer runs: under two minutes")
    parser.add_argument("--out", type=Path, help="where to write the results (Markdown)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--rerender", action="store_true",
                        help="only write the results again from the last run's saved figures (e.g. after editing "
                             "bench/notes.md)")
    args = parser.parse_args(argv)
    saved = (BENCH / ".last-quick.pickle") if args.quick else (BENCH / ".last-full.pickle")
    if args.rerender:
        with open(saved, "rb") as handle:
            state = pickle.load(handle)
        text = render(*state)
        print(text)
        (args.out or state[0].out).write_text(text, "utf-8")
        return
    p = plan(args.quick)
    if args.out:
        p.out = args.out
    command = shlex.join(["python", "-m", "bench.run", *(argv if argv is not None else sys.argv[1:])])
    started = time.monotonic()
    machine = report.machine()
    work = Path(tempfile.mkdtemp(prefix="askscope-bench-"))
    work.chmod(0o755)
    results = Results()
    try:
        sizes = sorted({*p.generator_sizes, *p.site_sizes, *p.serve_sizes, p.profile_size})
        registries = {}
        for n in sizes:
            registries[n] = work / f"registry-{n}"
            results.counts[n] = write_registry(registries[n], n)
        _log(f"synthetic registries written: {', '.join(map(str, sizes))} questions")
        measure_generator(p, registries, work, results)
        projects = measure_site(p, registries, work, results)
        measure_serve(p, registries, projects, work, results)
        measure_weight(work, results)
        measure_search(p, work, results)
    finally:
        if args.keep:
            _log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    state = (p, results, machine, command, time.monotonic() - started, args.quick)
    with open(saved, "wb") as handle:
        pickle.dump(state, handle)
    text = render(*state)
    print(text)
    p.out.write_text(text, "utf-8")
    _log(f"wrote {p.out}")


if __name__ == "__main__":
    main()

