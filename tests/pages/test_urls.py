"""The links the generator writes as HTML are the URLs MkDocs itself would write for those pages."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from generator.pages.escape import html_url, md_url
from generator.pages.urls import page_links, page_url

PAGES = st.sampled_from(["index.md", "questions/a.md", "questions/index.md", "models/m.md", "tags/index.md",
                         "tags/organism-human.md", "questions/page/2.md", "papers/p/related/12.md", "a/b/c.md"])
KINDS = st.sampled_from(["questions", "tasks", "models", "papers", "tags", "a"])
IDS = (st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True)
       | st.sampled_from(["index", "a", "page/2", "p/related/3", "x/questions/2"]))


def mkdocs_url(path: str, directory_urls: bool) -> str:
    return File(path, "docs", "site", directory_urls).url


@given(PAGES | st.builds("{}/{}.md".format, KINDS, IDS), st.booleans())
def test_page_url_is_mkdocs_url(path: str, directory_urls: bool) -> None:
    assert page_url(path, directory_urls) == mkdocs_url(path, directory_urls)


@given(PAGES, KINDS, IDS, st.booleans())
def test_href_is_the_relative_url_mkdocs_writes(page: str, kind: str, entity_id: str, directory_urls: bool) -> None:
    target, here = mkdocs_url(f"{kind}/{entity_id}.md", directory_urls), mkdocs_url(page, directory_urls)
    href = page_links(page, directory_urls).href(kind, entity_id)
    if target == here:  # MkDocs writes "./" for a link to the page itself; any URL that resolves to it will do
        folder = here if directory_urls else posixpath.dirname(here)
        assert posixpath.normpath(posixpath.join(folder, href)) == posixpath.normpath(here)
    else:
        assert href == html_url(get_relative_url(target, here))


@given(PAGES, KINDS, IDS)
def test_markdown_link_is_the_relative_path(page: str, kind: str, entity_id: str) -> None:
    expected = posixpath.relpath(f"{kind}/{entity_id}.md", posixpath.dirname(page) or ".")
    assert page_links(page, True).md(kind, entity_id) == md_url(expected)


def test_href_examples() -> None:
    assert page_links("questions/q.md", True).href("models", "m") == "../../models/m/"
    assert page_links("questions/q.md", False).href("models", "m") == "../models/m.html"
    assert page_links("questions/index.md", True).href("questions", "q") == "q/"
    assert page_links("tags/t.md", True).href("tags", "index") == "../"
    assert page_links("papers/p/related/2.md", True).href("papers", "p") == "../../../p/"
