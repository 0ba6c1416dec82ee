"""The machine the benchmark ran on, and its figures as a Markdown table."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata

PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "pydantic", "pydantic-core",
            "PyYAML", "LinkChecker")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def _yaml_loader() -> str:
    import yaml

    return "C (libyaml)" if getattr(yaml, "__with_libyaml__", False) else "pure Python (no libyaml!)"


def machine() -> list[tuple[str, str]]:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rows = [("CPUs (nproc)", str(cpus)), ("CPU", _cpu_model()), ("memory", _memory_gb()),
            ("OS", platform.platform()), ("Python", sys.version.split()[0]), ("PyYAML loader", _yaml_loader())]
    for name in PACKAGES:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    rows.append(("load average at the start", " ".join(f"{x:.2f}" for x in load)))
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table whose columns line up in a terminal too."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def size(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 1024 * 1024:
        return f"{value / 1024 / 1024:.1f} MB"
    return f"{value / 1024:.1f} KB"


def ratio(small: float | None, large: float | None) -> str:
    if not small or not large:
        return "-"
    return f"x{large / small:.2f}"
