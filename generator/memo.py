"""Results kept from one run to the next, each with what it was made from.

Under `mkdocs serve` the generator runs once per save. Registry entries are immutable and an unchanged file
yields the very same objects (see `registry.loading.load_registry`), so a page or fragment whose inputs are the same
objects as last time (and the same plain values) is the same text, and is not made again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

Inputs = tuple[Any, ...]
"""What a result is made from: registry entries, compared by identity, and strings or numbers, by equality."""

Make = Callable[[], str]
"""How to make a page or an export file."""

T = TypeVar("T")


def same(old: Inputs, new: Inputs) -> bool:
    return len(old) == len(new) and all(
        a is b or (type(a) is type(b) and isinstance(a, (str, int)) and a == b) for a, b in zip(old, new, strict=True))


class Memo:
    """A run asks for results by name with `get`; `next_run` forgets what the last run did not ask for."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, tuple[Inputs, Any]] = {}
        self._current: dict[Hashable, tuple[Inputs, Any]] = {}

    def get(self, name: Hashable, inputs: Inputs, make: Callable[[], T]) -> T:
        kept = self._kept(name, inputs)
        value: T = kept[1] if kept is not None else make()
        self._current[name] = (inputs, value)
        return value

    def has(self, name: Hashable, inputs: Inputs) -> bool:
        """Whether `get` would return a kept result rather than make one."""
        return self._kept(name, inputs) is not None

    def _kept(self, name: Hashable, inputs: Inputs) -> tuple[Inputs, Any] | None:
        before = self._current.get(name) or self._previous.get(name)
        return before if before is not None and same(before[0], inputs) else None

    def next_run(self) -> None:
        self._previous, self._current = self._current, {}


def remembered(memo: Memo | None, name: Hashable, inputs: Inputs, make: Callable[[], T]) -> T:
    """`make()`, or with a memo, its result from an earlier run when the inputs are the same."""
    return make() if memo is None else memo.get(name, inputs, make)
