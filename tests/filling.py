"""Fill the TODO placeholders of a scaffolded or imported entry the way a contributor would, so tests
can show that an entry passes every check once its TODOs are filled."""

from __future__ import annotations

import itertools
from typing import Any

import yaml

DELETE = object()
TEXT = "Written by a contributor."
# key → value a contributor would write; DELETE removes an optional field instead.
BY_KEY: dict[str, Any] = {
    "question": "How does this work?",
    "task": "identify-cell-types",
    "year": 2024,
    "machine_drafted": False,
    "model": "instructcv",
    "paper": "gan2024-instructcv",
    "code": DELETE,
    "arxiv": "1505.04597",
}
_TITLES = itertools.count(1)
IN_LIST: dict[str, Any] = {"models": "instructcv", "authors": "Ada Lovelace", "written_by": "A. Contributor"}


def _fill(value: Any, key: str, in_list: str | None, by_key: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        filled = {k: _fill(v, k, None, by_key) for k, v in value.items()}
        return {k: v for k, v in filled.items() if v is not DELETE}
    if isinstance(value, list):
        return _dedupe([_fill(v, key, key, by_key) for v in value])
    if isinstance(value, str) and "TODO" in value:
        if in_list is not None:
            return IN_LIST.get(in_list, TEXT)
        if key == "title":
            return f"A title, as published, number {next(_TITLES)}"
        return by_key.get(key, TEXT)
    return value


def _dedupe(items: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if item not in result:
            result.append(item)
    return result


def fill_todos(text: str, **overrides: Any) -> str:
    """The entry with every TODO replaced by a plausible value (`overrides` change BY_KEY)."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    filled = _fill(data, "", None, BY_KEY | overrides)
    return yaml.dump(filled, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
