"""Where the generator's time goes: one run of bench.probe under cProfile, summarised."""

from __future__ import annotations

import pstats
import shutil
import subprocess
import sys
from pathlib import Path

_BENCH = Path(__file__).resolve().parent

# (label, file suffix, function): cumulative time under each, as a share of the profiled run.
_GENERATOR_PARTS = [
    ("reading the files", "generator/registry/folder.py", "read_registry"),
    ("YAML parsing (libyaml events and nodes, yamlsource)", "generator/registry/yamlsource.py", "parse_yaml"),
    ("schema validation (pydantic)", "generator/registry/loading.py", "_validate"),
    ("rendering pages (Jinja2 templates, escaping, Mermaid, references), in every phase",
     "generator/pages/render.py", "__getitem__"),
    ("writing pages (new, then unchanged), with the rendering of the pages written", "generator/output.py",
     "write_pages"),
]
_OF_WHICH = [("escaping (escape.md_inline, md_prose, plain_text, html_inline, html_url)", "generator/pages/escape.py",
              ("md_inline", "md_prose", "plain_text", "html_inline", "html_url"))]

Table = dict[tuple[str, int, str], tuple[int, int, float, float, dict[tuple[str, int, str], tuple[float, ...]]]]


def _cumulative(table: Table, path: str, names: tuple[str, ...]) -> float:
    return sum(entry[3] for func, entry in table.items() if func[0].endswith(path) and func[2] in names)


def summarise(profile: Path, top: int = 12) -> list[tuple[str, float]]:
    """(part, share) for the generator's phases, then the checks after loading, then the hottest functions."""
    stats = pstats.Stats(str(profile))
    table: Table = stats.stats  # type: ignore[attr-defined]
    total = _cumulative(table, "bench/probe.py", ("run",)) or max(entry[3] for entry in table.values())
    rows = [(label, _cumulative(table, path, (name,)) / total) for label, path, name in _GENERATOR_PARTS]
    checks = _cumulative(table, "generator/check.py", ("check_registry",))
    checks -= _cumulative(table, "generator/registry/loading.py", ("load_registry",))
    rows.insert(3, ("cross-reference, citation and other checks after loading", checks / total))
    rows += [(f"  of which {label}", _cumulative(table, path, names) / total) for label, path, names in _OF_WHICH]
    hottest = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:top]
    for (filename, line, name), entry in hottest:
        short = filename.split("site-packages/")[-1].split("/work/main/")[-1]
        rows.append((f"hot: {short}:{line} {name} (own time)", entry[2] / total))
    return rows


def generator_profile(registry: Path, out: Path, profile: Path) -> list[tuple[str, float]]:
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "bench.probe", str(registry), str(out), "--profile", str(profile)],
                   check=True, capture_output=True, cwd=_BENCH.parent)
    return summarise(profile)
