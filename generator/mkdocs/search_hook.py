"""MkDocs hook: the site search (Pagefind), in place of Material's search plugin.

- Each page gets the search box in Material's place in the header (`search_box.html`, driven by
  `docs/assets/javascripts/search.js`, which loads nothing until the reader searches), a `<noscript>` note
  that links the browse pages, `data-pagefind-body` on its article (only the article is indexed) and, as
  `<meta data-pagefind-meta>`, the fields that `search.js` boosts: the task words and synonyms of its front
  matter (`keywords`, `broader_keywords`, from `pages.searchwords`), a question's `also_asked` paraphrases
  and the page's `search.boost` (questions 3, tasks 2, models 1.5), which orders pages that match as much of a query.
  A page whose front matter says `search: exclude: true` (the long lists) is left out of the index.
- After every build, `pagefind_index` indexes the site into `site/pagefind/`. Under `mkdocs serve` too, so the
  preview can be searched (with `--dirty` the served site still holds every page, so it indexes them all), but in
  the background, so that a saved page is shown without waiting for the index.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from generator.mkdocs import pagefind_index

log = logging.getLogger("mkdocs.plugins.askscope")
BOX = (Path(__file__).with_name("search_box.html")).read_text("utf-8")
ARTICLE = '<article class="md-content__inner md-typeset">'
FIELDS = ("keywords", "broader_keywords", "also_asked")
"""Front-matter keys carried into the index as meta fields of the same name."""
NOSCRIPT = ('<noscript><div class="md-grid askscope-noscript">Search needs JavaScript, which is off in this browser. '
            'Browse <a href="{tasks}">questions by task</a> or <a href="{questions}">all questions</a>.</div>'
            '</noscript>')


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, page: Any, config: Any) -> str:
    return add_search(output, page.meta, page.url, config.use_directory_urls)


def add_search(output: str, meta: dict[str, Any], url: str, directory_urls: bool) -> str:
    """The page's HTML with the search box, the `<noscript>` note and what the index needs."""
    end = output.find("</header>")
    nav = output.rfind("</nav>", 0, end)
    if end < 0 or nav < 0:
        return output
    index = "index.html" if not directory_urls else ""
    links = {name: html.escape(get_relative_url(f"{name}/{index}", url or "."), quote=True)
             for name in ("tasks", "questions")}
    output = (output[:nav] + BOX + output[nav:end + len("</header>")] + NOSCRIPT.format(**links)
              + output[end + len("</header>"):])
    if ARTICLE in output and _search_meta(meta).get("exclude") is not True:
        output = output.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
        output = output.replace("</head>", "".join(_meta_tags(meta)) + "</head>", 1)
    return output


def _meta_tags(meta: dict[str, Any]) -> list[str]:
    fields = {name: meta.get(name) for name in FIELDS}
    boost = _search_meta(meta).get("boost")
    if isinstance(boost, int | float) and not isinstance(boost, bool):
        fields["boost"] = f"{boost:g}"
    return [f'<meta data-pagefind-meta="{name}[content]" content="{html.escape(value, quote=True)}">'
            for name, value in fields.items() if isinstance(value, str) and value.strip()]


def _search_meta(meta: dict[str, Any]) -> dict[str, Any]:
    search = meta.get("search")
    return search if isinstance(search, dict) else {}


@event_priority(-100)  # after every other hook has written its files
def on_post_build(config: Any) -> None:
    if _serving:
        pagefind_index.build_in_background(Path(config.site_dir))
    else:
        pagefind_index.build(Path(config.site_dir))
