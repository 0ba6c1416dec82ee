"""The dry run's report (`askscope verify --online --report FILE`): per identifier, the lock's record,
what the source answered, the status it would get and the fields that would change, as Markdown
(for a person, and the weekly issue) and JSON (for a program). The lock is not touched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.citations.online.records import UNCHECKED, Result
from generator.output import atomic_write
from generator.registry.schema import Lock, LockRecord

COMPARED = ("status", "source", "title", "authors", "year", "full_name", "archived", "default_branch", "note")
"""The record fields a change is reported for (`checked` moves on every run and is left out)."""


def json_path(path: Path) -> Path:
    """Where the JSON half goes: FILE with its suffix replaced by `.json` (FILE.json when FILE has none)."""
    return path.with_suffix(".json") if path.suffix and path.suffix != ".json" else path.with_name(path.name + ".json")


def _dump(record: LockRecord | None) -> dict[str, Any] | None:
    return record.model_dump(mode="json", exclude_defaults=True) if record is not None else None


def entries(before: Lock, after: Lock, results: list[Result]) -> list[dict[str, Any]]:
    rows = []
    for result in results:
        old, new = before.records.get(result.key), after.records.get(result.key)
        old_data, new_data = _dump(old) or {}, _dump(new) or {}
        differs = [f for f in COMPARED if old_data.get(f) != new_data.get(f)] if new is not old else []
        rows.append({"key": result.key, "status": result.status, "detail": result.detail, "differs": differs,
                     "old": _dump(old), "new": _dump(new) if new is not old else None})
    return rows


def _cell(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ") or "—"


def markdown(rows: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    changing = [row for row in rows if row["differs"]]
    lines = ["# What `askscope verify --online` would change", "",
             ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "Nothing to check.", "",
             f"{len(changing)} of {len(rows)} lock records would change. Nothing was written.", ""]
    if changing:
        lines += ["| identifier | status | field | lock now | source answered |", "| --- | --- | --- | --- | --- |"]
        for row in changing:
            old, new = row["old"] or {}, row["new"] or {}
            key, status = f"`{row['key']}`", row["status"]
            for name in row["differs"]:
                lines.append(f"| {key} | {status} | {name} | {_cell(old.get(name))} | {_cell(new.get(name))} |")
                key = status = ""
        lines.append("")
    kept = [row for row in rows if row["status"] in UNCHECKED | {"skipped"} or (row["detail"] and not row["differs"])]
    if kept:
        lines += ["## Not changed, with a reason", ""]
        lines += [f"- `{row['key']}`: {row['status']}" + (f": {row['detail']}" if row["detail"] else "")
                  for row in kept]
        lines.append("")
    return "\n".join(lines)


def write_report(path: Path, before: Lock, after: Lock, results: list[Result]) -> list[Path]:
    rows = entries(before, after, results)
    written = [path, json_path(path)]
    atomic_write(path, markdown(rows).encode("utf-8"))
    atomic_write(written[1], (json.dumps({"version": 1, "identifiers": rows}, indent=1, ensure_ascii=False)
                              + "\n").encode("utf-8"))
    return written
