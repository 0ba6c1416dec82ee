"""Long lists split over pages of at most PAGE_SIZE items, so that no page grows with the registry. Pure.

A list's first page is the page that owns it (an index, or a task, model or paper page); the rest
are continuation pages `<kind>/<stem>/<n>.md` for n from 2, e.g. `questions/page/2.md` or
`models/<id>/questions/2.md`. Entry ids never contain "/", so these paths cannot be an entry's page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from generator.pages.escape import Safe
from generator.pages.urls import Link, PageLinks

PAGE_SIZE = 100

T = TypeVar("T")


@dataclass(frozen=True)
class Listing(Generic[T]):
    kind: str  # the folder under docs/: questions, tasks, models or papers
    owner: str  # page 1 is `<kind>/<owner>.md`
    stem: str  # page n > 1 is `<kind>/<stem>/<n>.md`
    items: Sequence[T]
    size: int = field(default_factory=lambda: PAGE_SIZE)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.items) // self.size))

    def start(self, number: int) -> int:
        """The index of page `number`'s first item."""
        return (number - 1) * self.size

    def page_id(self, number: int) -> str:
        """The page's id under `kind`, as `link` takes it."""
        return self.owner if number == 1 else f"{self.stem}/{number}"

    def path(self, number: int) -> str:
        return f"{self.kind}/{self.page_id(number)}.md"

    def chunk(self, number: int) -> Sequence[T]:
        return self.items[self.start(number): self.start(number + 1)]

    def pager(self, number: int, link: Link) -> Safe | None:
        """"Items 101 to 200 of 812 · page 2 of 9" with links to the first, previous, next and last pages;
        None when the list fits on one page."""
        if self.pages == 1:
            return None
        first, last = self.start(number) + 1, min(self.start(number + 1), len(self.items))
        parts = [f"Items {first} to {last} of {len(self.items)} · page {number} of {self.pages}"]
        for label, target, show in (("First page", 1, number > 2), ("Previous page", number - 1, number > 1),
                                    ("Next page", number + 1, number < self.pages),
                                    ("Last page", self.pages, number < self.pages - 1)):
            if show:
                parts.append(f"[{label}]({link(self.kind, self.page_id(target))})")
        return Safe(" · ".join(parts))


@dataclass(frozen=True)
class Section:
    """What a page shows of one list: its lines (Markdown, or an HTML list) and, for a long list, the pager."""

    lines: list[Safe]
    pager: Safe | None


def section(listing: Listing[T], number: int, links: PageLinks, line: Callable[[PageLinks, T], Safe],
            bulleted: bool = True) -> Section:
    """Page `number` of `listing`, one `line` per item: `<li>` items in a `<ul>` when `bulleted`."""
    lines = [line(links, item) for item in listing.chunk(number)]
    return Section(html_list(lines) if bulleted else lines, listing.pager(number, links.md))


def html_list(items: list[Safe]) -> list[Safe]:
    """A list of links to other pages. It stays out of the search index: those pages are found by their own
    words, and a page that carried every word of its neighbours' titles would match most queries (and make each
    search slower, as Pagefind's time grows with the number of pages a word is on)."""
    return [Safe("<ul data-pagefind-ignore>"), *items, Safe("</ul>")] if items else []
