"""The benchmark's results as Markdown: targets, generator, site, live preview, profiles, notes."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import search, weight
from .report import ratio, seconds, size, table

if TYPE_CHECKING:
    from .run import Plan, Results
    from .site import Timing

NOTES = Path(__file__).resolve().parent / "notes.md"
DOUBLING_LIMIT = 2.0 * 1.15


def _met(ok: bool | None) -> str:
    return "-" if ok is None else ("yes" if ok else "**no**")


def _wall_cpu(timing: Timing) -> str:
    return f"{seconds(timing.wall)}, CPU {seconds(timing.cpu)}"


def _doublings(series: dict[int, float]) -> list[tuple[int, float]]:
    return [(n, series[2 * n] / series[n]) for n in sorted(series) if 2 * n in series and series[n] > 0]


def _targets(r: Results) -> str:
    rows: list[list[str]] = []
    gen = r.generator.get(10000)
    rows.append(["generator (read + check + render), 10,000 questions", "≤ 2 s",
                 f"{seconds(gen['core'])}, CPU {seconds(gen['core_cpu'])}" if gen else "not measured",
                 _met(gen["core"] <= 2 if gen else None)])
    rows.append(["`askscope generate` (read + check + render + write, new pages), 10,000 questions", "≤ 2 s",
                 f"{seconds(gen['generate'])}, CPU {seconds(gen['generate_cpu'])}" if gen else "not measured",
                 _met(gen["generate"] <= 2 if gen else None)])
    rows.append(["generator in a session (MkDocs hook), one question edited (median of 3), 10,000 questions", "≤ 2 s",
                 seconds(gen["session_edit"]) if gen else "not measured",
                 _met(gen["session_edit"] <= 2 if gen else None)])
    rows.append(["generator peak memory (RSS), 10,000 questions", "≤ 300 MB", _memory(gen) if gen else "not measured",
                 _met(gen["rss_peak_mb"] <= 300 if gen else None)])
    build = r.build.get(1000)
    rows.append(["`mkdocs build`, 1,000 questions", "≤ 15 s", _wall_cpu(build) if build else "not measured",
                 _met(build.wall <= 15 if build else None)])
    check = r.linkcheck.get(1000)
    rows.append(["`askscope linkcheck`, 1,000 questions", "≤ 20 s", _wall_cpu(check) if check else "not measured",
                 _met(check.wall <= 20 if check else None)])
    small, large = min(r.sizes, default=None), max(r.sizes, default=None)
    if small is not None and large is not None and small != large:
        a, b = r.sizes[small]["questions_median"], r.sizes[large]["questions_median"]
        rows.append([f"median question page, {small:,} vs {large:,} questions", "the same",
                     f"{size(a)} vs {size(b)} ({(b - a) / a:+.1%})", _met(abs(b - a) / a <= 0.05)])
    scales = sorted(n for n in r.sizes if "largest" in r.sizes[n])
    if len(scales) >= 2:  # the two largest registries: by then every long list runs over several pages
        (m, n), pages = scales[-2:], [r.sizes[k]["largest"] for k in scales[-2:]]
        rows.append([f"largest page of the site, {m:,} vs {n:,} questions", "no growth (±15%)",
                     f"{size(pages[0])} vs {size(pages[1])} ({(pages[1] - pages[0]) / pages[0]:+.1%})",
                     _met(pages[1] <= pages[0] * 1.15)])
    edit = r.serve.get((1000, True))
    if edit:
        rows.append(["one-file edit → rebuilt page under `mkdocs serve --dirty`, 1,000 questions", "≤ 1 s",
                     f"median {seconds(statistics.median(edit.latencies))}, worst {seconds(max(edit.latencies))}",
                     _met(statistics.median(edit.latencies) <= 1)])
    else:
        rows.append(["one-file edit under `mkdocs serve`, 1,000 questions", "≤ 1 s", "not measured", "-"])
    series = {"generator": {n: g["core"] for n, g in r.generator.items()},
              "generator (CPU)": {n: g["core_cpu"] for n, g in r.generator.items()},
              "mkdocs build": {n: b.wall for n, b in r.build.items()},
              "mkdocs build (CPU)": {n: b.cpu for n, b in r.build.items()},
              "linkcheck": {n: c.wall for n, c in r.linkcheck.items()},
              "linkcheck (CPU)": {n: c.cpu for n, c in r.linkcheck.items()},
              "serve edit": {n: statistics.median(s.latencies) for (n, dirty), s in r.serve.items() if dirty}}
    for name, values in series.items():
        for n, factor in _doublings(values):
            rows.append([f"{name}: {n:,} → {2 * n:,} questions", "≤ x2.30 (x2 ± 15%)", f"x{factor:.2f}",
                         _met(factor <= DOUBLING_LIMIT)])
    return table(["target", "goal", "measured", "met"], rows)


def _memory(g: dict[str, float]) -> str:
    return f"{g['rss_peak_mb']:.0f} MB"


def _edit(g: dict[str, float]) -> str:
    first = g.get("session_first_edit")
    return seconds(g["session_edit"]) + (f" (first {seconds(first)})" if first is not None else "")


def _generator(r: Results) -> str:
    rows = []
    previous: dict[str, float] | None = None
    for n, g in sorted(r.generator.items()):
        c = r.counts[n]
        rows.append([f"{n:,}", f"{c['models']:,} / {c['papers']:,}", f"{int(g['pages']):,}", seconds(g["read"]),
                     seconds(g["check"]), seconds(g["render"]), seconds(g["core"]), seconds(g["core_cpu"]),
                     ratio(previous["core"], g["core"]) if previous else "-", seconds(g["write_new"]),
                     seconds(g["write_same"]), _memory(g), seconds(g["session_same"]), _edit(g)])
        previous = g
    return table(["questions", "models / papers", "pages", "read", "parse + validate + check", "render",
                  "core total", "core CPU", "vs previous", "render + write (new)",
                  "render + compare (unchanged)", "peak RSS (this process + child)",
                  "session: nothing changed", "session: one edit (median of 3; the first)"], rows)


def _site(r: Results) -> str:
    rows = []
    for n in sorted(r.build):
        s = r.sizes[n]
        rows.append([f"{n:,}", f"{int(s['files']):,}", f"{_wall_cpu(r.build[n])} ({len(r.build[n].walls)})",
                     f"{_wall_cpu(r.linkcheck[n])} ({len(r.linkcheck[n].walls)})", size(s["site"]),
                     size(s["search_index"]),
                     size(s["questions_median"]), size(s["questions_max"]), size(s["models_median"]),
                     size(s["papers_median"]), size(s["tasks_median"])])
    main = table(["questions", "files", "mkdocs build, CPU (runs)", "linkcheck, CPU (runs)", "site", "search index",
                  "question page (median)", "question page (max)", "model page (median)", "paper page (median)",
                  "task page (median)"], rows)
    index_rows = [[f"{n:,}", size(s["home"]), size(s["questions_index"]), size(s["tasks_index"]),
                   size(s["models_index"]), size(s["papers_index"]), size(s.get("tags_index", 0)),
                   size(s["models_max"]), size(s["papers_max"]), size(s["tasks_max"]), size(s.get("tags_max", 0)),
                   size(s.get("largest", 0))] for n, s in sorted(r.sizes.items())]
    indexes = table(["questions", "home", "all questions", "all tasks", "all models", "all papers", "all tags",
                     "largest model page", "largest paper page", "largest task page", "largest tag page",
                     "largest page of all"], index_rows)
    return (main + "\n\nPages that list other pages (a list of more than 100 items continues on further pages, "
            "so none of these grows past a bound; the tags index grows with the number of distinct tags):\n\n"
            + indexes)


def _serve(r: Results) -> str:
    rows = []
    for (n, dirty), s in sorted(r.serve.items()):
        rows.append([f"{n:,}", "`--dirty`" if dirty else "full rebuild", str(len(s.latencies)),
                     seconds(statistics.median(s.latencies)), seconds(max(s.latencies)),
                     seconds(statistics.median(s.rebuilds)) if s.rebuilds else "-", f"{s.builds_per_edit:.1f}",
                     seconds(s.initial_build)])
    return table(["questions", "mode", "edits", "edit → page (median)", "worst", "rebuild (MkDocs' log, median)",
                  "rebuilds per edit", "first build"], rows)


def _weight(r: Results) -> str:
    rows = getattr(r, "weight", None)  # None also in the saved figures of a run before it was measured
    return weight.render(rows) if rows is not None else "Not measured: no Chromium."


def _search(r: Results) -> str:
    sizes = getattr(r, "search", None)  # None also in the saved figures of a run before it was measured
    return search.render(sizes, getattr(r, "readers", {})) if sizes is not None else "Not measured: no Chromium."


def _shares(rows: list[tuple[str, float]]) -> str:
    return table(["part", "share of the profiled time"], [[label, f"{share:.0%}"] for label, share in rows])


def render(p: Plan, r: Results, machine: list[tuple[str, str]], command: str, elapsed: float, quick: bool) -> str:
    parts = [
        "# AskScope benchmark results" + (" (quick mode)" if quick else ""),
        f"Made by `{command}` (`make bench{' QUICK=1' if quick else ''}`) on "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}; it took {elapsed / 60:.1f} minutes. Synthetic registries "
        "(bench/synth.py) are written to a temporary folder; every figure is the median of the runs shown "
        "(generator: 3-5 runs, each in a fresh process).",
        "## Machine", table(["", ""], [[k, v] for k, v in machine]),
        "## Targets", _targets(r),
        "## Generator", _generator(r),
        f"### Where the generator's time goes ({p.profile_size:,} questions, cProfile, in one process)",
        _shares(r.generator_profile),
        "## Site: `mkdocs build`, LinkChecker, sizes", _site(r),
        f"### Where `mkdocs build` spends its time ({r.build_profile_size:,} questions, cProfile, in one process)",
        _shares(r.build_profile),
        "## Live preview: edit → rebuilt page under `mkdocs serve`", _serve(r),
        "## Page weight: a cold visit to each kind of page (the real registry, headless Chromium, gzip)",
        weight.__doc__.split("\n\n")[1].replace("\n", " ") if weight.__doc__ else "",
        _weight(r),
        "## Search: Material's search and Pagefind, side by side (headless Chromium, gzip, cold cache)",
        search.__doc__.split("\n\n")[1].replace("\n", " ") if search.__doc__ else "",
        _search(r),
    ]
    if NOTES.is_file():
        parts.append(NOTES.read_text("utf-8").strip())
    return "\n\n".join(parts) + "\n"
