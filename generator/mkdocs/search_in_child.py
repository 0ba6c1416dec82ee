"""Material's search index, made by a forked child (`child_process`) during `mkdocs build`.

Material's search plugin parses every page's HTML with `html.parser` to index it: ~20% of `mkdocs build` at
1,000 questions (bench/results.md), one page after another while MkDocs renders the page templates.
`IndexInChild` forks a child once every page's HTML exists (MkDocs' `env` event). The child runs Material's own
indexing over those pages while this process renders the templates, and hands back each page's entries;
`finish` puts them in the index in the order MkDocs asked for them. The index is the same, entry for entry:

- a page whose HTML, table of contents or metadata is not the very object the child was given is indexed here,
  when MkDocs asks;
- if the child fails, every page is indexed here, from what the child was given.

It relies on Material's `SearchIndex` having `add_entry_from_context(page)` and `entries`; `start` returns None
(and indexing stays as it is) when it has not, or when forking is not worth it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from generator.mkdocs.child_process import Child, send, worth_forking

Entries = list[dict[str, Any]]


def start(index: Any, pages: Sequence[Any]) -> IndexInChild | None:
    usable = (worth_forking() and callable(getattr(index, "add_entry_from_context", None))
              and isinstance(getattr(index, "entries", None), list))
    return IndexInChild(index, pages) if usable else None


class IndexInChild:
    def __init__(self, index: Any, pages: Sequence[Any]) -> None:
        self._index = index
        self._add: Callable[[Any], None] = index.add_entry_from_context
        self._pages = list(pages)
        self._given = [(page.content, page.toc, page.meta) for page in self._pages]
        self._position = {id(page): i for i, page in enumerate(self._pages)}
        self._asked: list[int | Entries] = []
        """Per page MkDocs asked to index, in order: its position in `_pages`, or its entries, made here."""
        self.child = Child(self._send_entries, ["entries"])
        index.add_entry_from_context = self._ask

    def _send_entries(self, pipe: BinaryIO) -> None:
        """In the child: each page's entries, as Material's indexing makes them."""
        send(pipe, pickle.dumps([self._entries_here(page) for page in self._pages], pickle.HIGHEST_PROTOCOL))

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
        message = self.child.receive("entries")
        self.child.stop()
        entries: list[Entries] | None = None if message is None else pickle.loads(message)
        return entries

    def abandon(self) -> None:
        """The build failed: stop the child and give Material back its method."""
        del self._index.add_entry_from_context
        self.child.stop()
