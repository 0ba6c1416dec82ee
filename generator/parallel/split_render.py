"""Pages made by two processes: this one and a forked child (`child_process`), each making a share of them.

Rendering is most of a generator run (bench/results.md) and needs nothing but the checked registry, which
the child has as a copy. `split` gives a share of the pages still to be made, spread evenly in path order, to
the child, which makes them in that order and sends each through a pipe as it is made, while this process makes
the others.
A caller that takes the pages in path order (`output.write_pages`, `build`) keeps both processes busy, and
neither runs more than the pipe's worth of pages ahead of the other.

The pages are the same, byte for byte: the same code on the same registry. If the child fails, this process
makes the pages it did not send (and meets the same error, if a page raises one).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from functools import partial
from typing import BinaryIO

from generator.memo import Inputs, Make, Memo
from generator.parallel.child_process import Child, send, worth_forking

Plan = list[tuple[str, Inputs, Make]]

ENOUGH_PAGES = 200
"""Fewer pages to make than this (a save under `mkdocs serve`, a small registry) are not worth a child."""

WRITER_SHARE = 0.75
"""The child's share when this process also writes each page as it takes it (`askscope generate`): writing a
new page costs about half as much as making it (bench/notes.md)."""


@contextlib.contextmanager
def split(plan: Plan, memo: Memo | None = None, child_share: float = 0.5) -> Iterator[Plan]:
    """`plan`, where `child_share` of the pages still to be made (not in `memo`) come from a child process."""
    forking = worth_forking()  # not under `mkdocs serve` (threads): there, spare comparing every page's inputs
    todo = sorted(path for path, inputs, _ in plan if forking and (memo is None or not memo.has(path, inputs)))
    if len(todo) < ENOUGH_PAGES:
        yield plan
        return
    makes = {path: make for path, _, make in plan}
    theirs = [path for i, path in enumerate(todo) if int((i + 1) * child_share) > int(i * child_share)]
    child = Child(partial(_make_and_send, [makes[path] for path in theirs]), theirs)
    expected = set(theirs)
    try:
        yield [(path, inputs, partial(_take, child, path, make) if path in expected else make)
               for path, inputs, make in plan]
    finally:
        child.stop()


def _make_and_send(makes: Sequence[Make], pipe: BinaryIO) -> None:
    for make in makes:
        send(pipe, make().encode("utf-8", "surrogatepass"))  # any text a page can hold comes through as it is


def _take(child: Child, path: str, make: Make) -> str:
    message = child.receive(path)
    return make() if message is None else message.decode("utf-8", "surrogatepass")  # made here if not sent
