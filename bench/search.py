"""Search, side by side: Material's search (lunr, the site's search until issue 19) and Pagefind (the site's search).

`python -m bench.search [--sizes 100 1000 10000]` builds each synthetic registry's site twice: as the project
builds it (Pagefind, indexed after `mkdocs build` by generator/mkdocs/search_hook.py), and with Material's search
plugin instead of that hook. For each site it measures the time Pagefind takes to index the built site (run again
on its own) and what that adds to `make site` (against the rest of it: `askscope check --strict`, `mkdocs build`
without the index, `askscope linkcheck`), the index on disk (site/pagefind/, or search/search_index.json), and, in
headless Chromium served with gzip on 127.0.0.1, for each query of QUERIES with a cold cache (a fresh context): the
bytes of the search's responses as received (`bench.weight.count`) from the page load until the results are shown,
the time from the last keystroke to the last change of the result list, and whether a question is listed first.
The reader queries of tests/data/reader_queries.yaml are measured on the real registry's questions mixed into a
synthetic registry (`--readers N`).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.mkdocs import pagefind_index

from . import site, weight
from .gzip_server import serve_gzip
from .report import table
from .searchbox import search

BENCH = Path(__file__).resolve().parent
QUERIES = ["count cells", "denoise", "how do I remove background from my images", "cell tracking over time"]
"""Typical queries on the synthetic registries: two lay words, one word, a question, an expert name."""
ENGINES = {"Material's search": re.compile(r"/search/search_index\.json$|/workers/search\.[^/]*\.js$"),
           "Pagefind": weight.SEARCH}
CLOCK = """(() => {
  window.__askscopeLastKey = 0; window.__askscopeShown = 0;
  document.addEventListener('keydown', () => { window.__askscopeLastKey = performance.now(); }, true);
  new MutationObserver(changes => {
    if (changes.some(c => (c.target.nodeType === 1 ? c.target : c.target.parentElement)?.closest('.md-search-result')))
      window.__askscopeShown = performance.now();
  }).observe(document, {childList: true, subtree: true, characterData: true});
})();"""
SHOWN = """() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')].length"""


@dataclass
class Query:
    query: str
    transferred: int
    uncompressed: int
    requests: int
    latency_ms: float
    results: list[str]


def engines(material: bool) -> list[tuple[str, re.Pattern[str]]]:
    """The engines to measure: both, or Pagefind only."""
    return [(name, engine) for name, engine in ENGINES.items() if material or name == "Pagefind"]


def material_project(project: Path, target: Path) -> Path:
    """A copy of `project` that searches with Material's plugin, as the site did before Pagefind."""
    shutil.copytree(project, target)
    config = (target / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  - generator/mkdocs/search_hook.py\n", "")
    config = config.replace("plugins: []\n", "plugins:\n  - search\n")
    config = config.replace("  - assets/javascripts/search.js\n", "")
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target


def index_size(built: Path) -> int:
    bundle = built / "pagefind"
    files = list(bundle.rglob("*")) if bundle.is_dir() else [built / "search" / "search_index.json"]
    return sum(p.stat().st_size for p in files if p.is_file())


def _search_once(browser: Any, base: str, query: str, engine: re.Pattern[str], timeout: float) -> Query:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(CLOCK)
        requests: list[Any] = []
        context.on("requestfinished", lambda request: requests.append(request))
        page.goto(base, wait_until="load")
        results = search(page, base, query, timeout=timeout)
        latency = page.evaluate("() => window.__askscopeShown - window.__askscopeLastKey")
        ours = [r for r in requests if engine.search(r.url)]
        row = weight.Weight(query)
        weight.count(row, ours)
        return Query(query, row.compressed, row.uncompressed, row.requests, max(0.0, latency), results)
    finally:
        context.close()


def measure_queries(built: Path, queries: list[str], engine: re.Pattern[str], timeout: float = 300) -> list[Query]:
    from playwright.sync_api import sync_playwright

    with serve_gzip(built) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=weight.CHROMIUM, headless=True, args=weight.ARGS)
        try:
            return [_search_once(browser, base, query, engine, timeout) for query in queries]
        finally:
            browser.close()


def measure_size(n: int, work: Path, material: bool = True,
                 linkcheck: float | None = None) -> dict[str, dict[str, Any]]:
    """The typical queries and the index build on an `n`-question synthetic site. `linkcheck`: the link check's time
    on that site if the caller has measured it already (`make bench` has), else it is measured here."""
    from .synth import write_registry

    registry = work / f"registry-{n}"
    write_registry(registry, n)
    project = site.make_project(work / f"project-{n}", registry)
    rows: dict[str, dict[str, Any]] = {}
    for name, engine in engines(material):
        here = project if name == "Pagefind" else material_project(project, work / f"project-{n}-material")
        built = work / f"site-{n}-{name[:4].lower()}"
        build = site.mkdocs_build(here, built)
        indexing = share = None
        if name == "Pagefind":
            start = time.perf_counter()
            pagefind_index.build(built)
            indexing = time.perf_counter() - start
            checked = site.linkcheck(built) if linkcheck is None else linkcheck
            make_site = site.registry_check(here) + build + checked
            share = indexing / (make_site - indexing)
        queries = measure_queries(built, QUERIES, engine)
        rows[name] = {"build": build, "indexing": indexing, "share": share, "size": index_size(built),
                      "queries": queries}
    return rows


def reader_registry(n: int, target: Path) -> Path:
    """The real registry with synthetic questions, models and papers added up to `n` questions (their own tasks and
    lock records merged in), so that the reader queries are asked of a site of that size."""
    from .synth import write_registry

    synthetic = target.parent / f"synthetic-{n}"
    real = BENCH.parent / "registry"
    write_registry(synthetic, max(0, n - len(list((real / "questions").glob("*.yaml")))))
    shutil.copytree(real, target)
    for kind in ("questions", "models", "papers"):
        for path in (synthetic / kind).glob("*.yaml"):
            shutil.copy(path, target / kind / path.name)
    tasks = yaml.safe_load((target / "tasks.yaml").read_text("utf-8"))
    extra = yaml.safe_load((synthetic / "tasks.yaml").read_text("utf-8"))["tasks"]
    renamed = {tid: f"synthetic-{tid}" for tid in extra}
    for tid, task in extra.items():
        if task.get("parent"):
            task["parent"] = renamed[task["parent"]]
        tasks["tasks"][renamed[tid]] = task
    (target / "tasks.yaml").write_text(yaml.safe_dump(tasks, allow_unicode=True, sort_keys=False), "utf-8")
    for path in (target / "questions").glob("synthetic-*.yaml"):
        text = path.read_text("utf-8")
        path.write_text(re.sub(r"(?m)^task: (\S+)", lambda m: f"task: {renamed[m[1]]}", text), "utf-8")
    for path in (target / "models").glob("synthetic-*.yaml"):
        text = path.read_text("utf-8")
        path.write_text(re.sub(r"(?m)^tasks: \[(.*)\]$", lambda m: "tasks: [" + ", ".join(
            renamed[t.strip()] for t in m[1].split(",")) + "]", text), "utf-8")
    lock = (target / "citations.lock.yaml").read_text("utf-8").rstrip("\n")
    records = (synthetic / "citations.lock.yaml").read_text("utf-8").split("records:", 1)[1]
    (target / "citations.lock.yaml").write_text(lock + records, "utf-8")
    return target


def measure_readers(n: int, work: Path, material: bool = True) -> dict[str, Any]:
    """Top-1 and top-3 of every reader query on the real registry grown to `n` questions, for both engines (or
    Pagefind only)."""
    items = yaml.safe_load((BENCH.parent / "tests" / "data" / "reader_queries.yaml").read_text("utf-8"))
    project = site.make_project(work / f"readers-{n}", reader_registry(n, work / f"readers-registry-{n}"))
    found: dict[str, Any] = {}
    for name, engine in engines(material):
        here = project if name == "Pagefind" else material_project(project, work / f"readers-{n}-material")
        built = work / f"readers-site-{n}-{name[:4].lower()}"
        site.mkdocs_build(here, built)
        rows = measure_queries(built, [item["query"] for item in items], engine)
        ranks = [row.results.index(want) + 1 if (want := f"questions/{item['page']}/") in row.results else None
                 for row, item in zip(rows, items, strict=True)]
        found[name] = {"top1": sum(r == 1 for r in ranks), "top3": sum(r is not None and r <= 3 for r in ranks),
                       "total": len(ranks), "latency": statistics.median(row.latency_ms for row in rows)}
    return found


def questions_first(queries: list[Query]) -> int:
    """How many of the queries list a question page first (questions should rank above the other pages)."""
    return sum(bool(q.results) and q.results[0].startswith("questions/") for q in queries)


def render(sizes: dict[int, dict[str, dict[str, Any]]], readers: dict[int, dict[str, Any]]) -> str:
    rows = []
    for n, engines in sorted(sizes.items()):
        for name, r in engines.items():
            queries: list[Query] = r["queries"]
            rows.append([f"{n:,}", name, weight.kb(int(statistics.median(q.transferred for q in queries))),
                         weight.kb(max(q.transferred for q in queries)),
                         f"{statistics.median(q.latency_ms for q in queries):,.0f} ms",
                         f"{max(q.latency_ms for q in queries):,.0f} ms", f"{r['build']:.1f} s",
                         "inside the build" if r["indexing"] is None else f"{r['indexing']:.1f} s",
                         "" if r["share"] is None else f"{r['share']:.1%}", f"{r['size'] / 1_048_576:,.1f} MB",
                         f"{questions_first(queries)}/{len(queries)}"])
    text = table(["questions", "search", "first query: transferred (median)", "(largest)",
                  "last keystroke → results (median)", "(slowest)", "mkdocs build", "index build",
                  "index added to make site", "index on disk", "a question first"], rows)
    text += f"\n\nQueries (each with a cold cache): {', '.join(repr(q) for q in QUERIES)}."
    for n, engines in sorted(readers.items()):
        lines = [[name, f"{r['top1']}/{r['total']}", f"{r['top3']}/{r['total']}", f"{r['latency']:,.0f} ms"]
                 for name, r in engines.items()]
        text += (f"\n\nReader queries (tests/data/reader_queries.yaml) on the real registry grown to {n:,} questions:"
                 f"\n\n" + table(["search", "top 1", "top 3", "last keystroke → results (median)"], lines))
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000], help="registry sizes (questions)")
    parser.add_argument("--material", type=int, nargs="*", default=[100, 1000],
                        help="the sizes at which Material's search is measured too, for the typical and the reader "
                             "queries (at 10,000 questions each cold query downloads its 113 MB index)")
    parser.add_argument("--readers", type=int, nargs="*", default=[1000], help="sizes for the reader queries")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="askscope-bench-search-"))
    try:
        sizes: dict[int, dict[str, dict[str, Any]]] = {}
        readers: dict[int, dict[str, Any]] = {}
        for n in args.sizes:  # each size's figures as soon as they are measured (a 10,000 run takes long)
            sizes[n] = measure_size(n, work, n in args.material)
            print(render({n: sizes[n]}, {}), file=sys.stderr, flush=True)
        for n in args.readers:
            readers[n] = measure_readers(n, work, n in args.material)
            print(render({}, {n: readers[n]}), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(sizes, readers))


if __name__ == "__main__":
    main()
