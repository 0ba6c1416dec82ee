"""MkDocs hook: on `mkdocs build`, Material's search index is made by a second process.

Material's search plugin parses every page's HTML with `html.parser` to index it: ~20% of `mkdocs build` at
1,000 questions (bench/results.md), one page after another while MkDocs renders the page templates, on one of
the machine's cores. `IndexInChild` forks a child once every page's HTML exists (MkDocs' `env` event). The
child runs Material's own indexing over those pages while this process renders the templates, and hands back
each page's entries; `finish` puts them in the index in the order MkDocs asked for them. The index is the
same, entry for entry:

- a page whose HTML, table of contents or metadata is not the very object the child was given is indexed here,
  when MkDocs asks;
- if the child fails, every page is indexed here, from what the child was given.

Only for `mkdocs build`: under `mkdocs serve` a rebuild indexes a few pages. It relies on Material's
`SearchIndex` having `add_entry_from_context(page)` and `entries`; `start` returns None (and indexing stays as
it is) when it has not, when the platform cannot fork, with one CPU, or with other threads running (a forked
child could inherit a lock held by one of them).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any

from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
from mkdocs.plugins import event_priority

Entries = list[dict[str, Any]]
log = logging.getLogger("mkdocs.plugins.askscope")
FORKED = "search index: the pages are parsed by a child process"


def start(index: Any, pages: Sequence[Any]) -> IndexInChild | None:
    usable = (hasattr(os, "fork") and _cpus() > 1 and threading.active_count() == 1
              and callable(getattr(index, "add_entry_from_context", None))
              and isinstance(getattr(index, "entries", None), list))
    return IndexInChild(index, pages) if usable else None


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class IndexInChild:
    def __init__(self, index: Any, pages: Sequence[Any]) -> None:
        self._index = index
        self._add: Callable[[Any], None] = index.add_entry_from_context
        self._pages = list(pages)
        self._given = [(page.content, page.toc, page.meta) for page in self._pages]
        self._position = {id(page): i for i, page in enumerate(self._pages)}
        self._asked: list[int | Entries] = []
        """Per page MkDocs asked to index, in order: its position in `_pages`, or its entries, made here."""
        self._pipe, self._pid = _fork(self._entries_per_page)
        index.add_entry_from_context = self._ask

    def _entries_per_page(self) -> list[Entries]:
        """In the child: each page's entries, as Material's indexing makes them."""
        return [self._entries_here(page) for page in self._pages]

    def _entries_here(self, page: Any) -> Entries:
        kept, self._index.entries = self._index.entries, []
        try:
            self._add(page)
            entries: Entries = self._index.entries
            return entries
        finally:
            self._index.entries = kept

    def _ask(self, page: Any) -> None:
        i = self._position.get(id(page))
        if i is not None and all(now is given for now, given in
                                 zip((page.content, page.toc, page.meta), self._given[i], strict=True)):
            self._asked.append(i)
        else:
            self._asked.append(self._entries_here(page))

    def finish(self) -> None:
        """Wait for the child and put every asked page's entries into the index, in order."""
        del self._index.add_entry_from_context  # Material's method again
        from_child = self._receive()
        for item in self._asked:
            self._index.entries.extend(item if isinstance(item, list)
                                       else from_child[item] if from_child is not None
                                       else self._entries_as_given(item))

    def _entries_as_given(self, i: int) -> Entries:
        page, now = self._pages[i], self._pages[i].content
        page.content = self._given[i][0]  # Material's plugin edits the HTML after indexing it
        try:
            return self._entries_here(page)
        finally:
            page.content = now

    def _receive(self) -> list[Entries] | None:
        with os.fdopen(self._pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        entries: list[Entries] = pickle.loads(data)
        return entries

    def abandon(self) -> None:
        """The build failed: stop the child and give Material back its method."""
        del self._index.add_entry_from_context
        os.kill(self._pid, signal.SIGKILL)
        os.close(self._pipe)
        os.waitpid(self._pid, 0)


def _fork(work: Callable[[], object]) -> tuple[int, int]:
    """Run `work` in a forked child; returns the pipe its pickled result comes through and the child's id."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return read, pid
    code = 1
    try:  # the child leaves with os._exit: never the parent's exit handlers, buffers or `finally`s
        os.close(read)
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


_building = False
_in_child: IndexInChild | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _building
    _building = command == "build" and not dirty


def on_env(env: Any, config: Any, files: Any) -> Any:
    global _in_child
    search = [plugin for plugin in config.plugins.values() if isinstance(plugin, SearchPlugin)]
    if _building and len(search) == 1 and search[0].config.enabled:
        _in_child = start(search[0].search_index, [file.page for file in files.documentation_pages() if file.page])
        if _in_child is not None:
            log.debug(FORKED)
    return env


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config: Any) -> None:
    in_child = _take()
    if in_child is not None:
        in_child.finish()


def on_build_error(error: Exception) -> None:
    in_child = _take()
    if in_child is not None:
        in_child.abandon()


def _take() -> IndexInChild | None:
    global _in_child
    in_child, _in_child = _in_child, None
    return in_child
