"""MkDocs hook: put each page's front-matter `keywords` and `broader_keywords` into the search index
as fields of the same names.

mkdocs.yml gives those fields boosts (`plugins: search: fields:`), so a lay word such as
"denoise" finds the pages of its task. The words themselves are computed by `searchwords`; this
hook only carries them from the page's front matter into `search/search_index.json` after the
search plugin has written it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from generator.pages.searchwords import FIELDS, add_keywords

_keywords: dict[str, dict[str, str]] = {}
"""Page URL -> {field: words}. Kept across rebuilds so that `mkdocs serve --dirty` keeps every page's words."""


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    words = {name: page.meta[name] for name in FIELDS if isinstance(page.meta.get(name), str)}
    if words:
        _keywords[page.url] = words
    return markdown


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: Any) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if _keywords and index.is_file():
        index.write_text(add_keywords(index.read_text("utf-8"), _keywords), "utf-8")
