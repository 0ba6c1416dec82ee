"""The search hook's page edits and the Pagefind step, on small pages (the built sites are checked in
tests/exports/test_site_exports.py, tests/test_site.py and tests/browser/)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from generator.mkdocs import pagefind_index
from generator.mkdocs.search_hook import add_search

from ..pagefind_bundle import fragments

PAGE = ('<html><head><title>T</title></head><body><header class="md-header"><nav class="md-header__inner">'
        '<a href="#">Logo</a></nav></header><main><article class="md-content__inner md-typeset"><h1>Title</h1>'
        '<p>Zebrafish cells.</p><pre class="mermaid" data-pagefind-ignore><code>graph TD; qwerty</code></pre>'
        '</article></main></body></html>')


def test_the_page_gets_the_box_the_noscript_note_the_body_marker_and_escaped_meta() -> None:
    meta = {"keywords": 'count cells, "quoted" <b>', "also_asked": "How? | Why?", "search": {"boost": 3}}
    out = add_search(PAGE, meta, "questions/x/", directory_urls=True)
    header = out[out.index("<header"):out.index("</header>")]
    assert "data-askscope-search" in header and header.index("data-askscope-search") > header.index("Logo")
    assert '</header><noscript>' in out and 'href="../../tasks/"' in out and 'href="../"' in out
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in out
    assert ('<meta data-pagefind-meta="keywords[content]" content="count cells, &quot;quoted&quot; &lt;b&gt;">'
            in out)
    assert '<meta data-pagefind-meta="boost[content]" content="3">' in out
    assert 'also_asked[content]" content="How? | Why?"' in out
    flat = add_search(PAGE, {}, "about/", directory_urls=False)
    assert 'href="../tasks/index.html"' in flat and "data-pagefind-meta" not in flat


def test_a_page_excluded_from_search_is_not_indexed_and_a_page_without_a_header_is_left_alone() -> None:
    out = add_search(PAGE, {"search": {"exclude": True}}, "questions/page/2/", directory_urls=True)
    assert "data-pagefind-body" not in out and "data-askscope-search" in out
    plain = "<html><body>plain</body></html>"
    assert add_search(plain, {}, "", directory_urls=True) == plain


def _site(root: Path) -> Path:
    (root / "a").mkdir(parents=True)
    (root / "a" / "index.html").write_text(add_search(PAGE, {"keywords": "denoise"}, "a/", True), "utf-8")
    return root


def test_pagefind_indexes_the_article_without_what_is_ignored_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    pagefind_index.build(site)
    pagefind_index.build(site)  # again: the new bundle replaces the old one
    page = fragments(site)["a/"]
    assert "Zebrafish" in page["content"] and "qwerty" not in page["content"] and page["meta"]["keywords"] == "denoise"
    assert sorted(p.name for p in site.iterdir()) == ["a", "pagefind"]
    assert not list((site / "pagefind").glob("pagefind-ui*"))


def test_a_failed_index_is_a_build_error_and_keeps_the_previous_bundle(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site")
    pagefind_index.build(site)
    before = sorted(p.relative_to(site) for p in (site / "pagefind").rglob("*"))

    def fails(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 1, "", "Error: out of memory")

    monkeypatch.setattr(pagefind_index.subprocess, "run", fails)
    with pytest.raises(PluginError, match=r"the search index was not built .*out of memory"):
        pagefind_index.build(site)
    assert sorted(p.relative_to(site) for p in (site / "pagefind").rglob("*")) == before
    assert sorted(p.name for p in site.iterdir()) == ["a", "pagefind"]
