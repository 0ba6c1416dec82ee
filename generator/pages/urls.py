"""Links from one generated page to another, as a Markdown link target (`../models/x.md`, which MkDocs turns
into the page's URL and checks) and as an `href` for raw HTML (`../../models/x/`, the URL MkDocs would
write). Pure.

Long lists of links are written as HTML: Python-Markdown is slow with links (its link processor scans each
link's text one character at a time), and these lists were a third of `mkdocs build`'s Markdown time. Every
page they link to is one the generator writes, for an id it checked, and LinkChecker checks the built site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from generator.pages.escape import Safe, html_url, md_url

Link = Callable[[str, str], Safe]  # link(kind, id): the page `<kind>/<id>.md`, relative to the page rendered


@dataclass(frozen=True)
class PageLinks:
    page: str
    """The page the links are on (`models/x.md`)."""
    md: Link
    """Markdown link targets: `md("models", "x")` is `../models/x.md` on a question page."""
    href: Link
    """HTML-escaped URLs: `href("models", "x")` is `../../models/x/` on a question page."""


def page_links(page: str, directory_urls: bool) -> PageLinks:
    return PageLinks(page, _markdown_linker(page), _html_linker(page, directory_urls))


def _markdown_linker(page: str) -> Link:
    here = posixpath.dirname(page)
    up = "../" if here else ""

    def link(kind: str, entity_id: str) -> Safe:
        if "/" in here or "/" in entity_id or entity_id in {".", ".."}:
            return md_url(posixpath.relpath(f"{kind}/{entity_id}.md", here or "."))
        # What posixpath.relpath gives for a page at most one folder deep, without its ~25 µs per link.
        return md_url(f"{entity_id}.md" if kind == here else f"{up}{kind}/{entity_id}.md")

    return link


def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the page at `path` under docs/ (`models/x.md`): `models/x/`, or `models/x.html`
    without directory URLs. An index page has its folder's URL."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return "./"
    return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"


def _html_linker(page: str, directory_urls: bool) -> Link:
    url = page_url(page, directory_urls)
    here = (url if url.endswith("/") or not url else posixpath.dirname(url)).rstrip("/") or "."
    folders: dict[str, str] = {}
    suffix = "/" if directory_urls else ".html"  # page_url of `<id>.md`, ids never being "index" or "*/index"

    def folder(kind: str) -> str:
        if kind not in folders:
            relative = posixpath.relpath(kind, here)
            folders[kind] = "" if relative == "." else f"{relative}/"
        return folders[kind]

    def href(kind: str, entity_id: str) -> Safe:
        if entity_id == "index":  # the folder's own page
            return html_url(folder(kind) + ("" if directory_urls else "index.html") or "./")
        head, _, name = entity_id.rpartition("/")  # a continuation page (`p/related/3`): relative to its own folder
        return html_url(f"{folder(posixpath.join(kind, head) if head else kind)}{name}{suffix}")

    return href
