"""MkDocs' conversion of the pages from Markdown to HTML, every other page done by a forked child
(`child_process`) during `mkdocs build`.

Python-Markdown converting each page is ~45% of `mkdocs build` at 1,000 questions (bench/results.md), one page
after another. `MarkdownInChild`, started when MkDocs has its navigation (the `nav` event, before it reads any
page), forks a child that reads and converts every other page exactly as MkDocs is about to (each plugin's page
events, then `Page.render`) and sends back what `Page.render` leaves on the page. When MkDocs comes to one of
those pages, `prepare` (a `page_markdown` handler) has the page's `render` take the child's result instead,
if the child converted the very Markdown this process has for it by then; otherwise, or if the child failed,
the page is rendered here as usual. What the conversion logged in the child (a link to a missing page, say) is
logged here when the page is rendered, so `--strict` counts it as it would.

Written against MkDocs 1.6's `Page.render`, which sets `content`, `toc`, `_title_from_render`,
`present_anchor_ids` and `links_to_anchors`; `start` returns None (and MkDocs converts every page itself) under
any other MkDocs version, or when forking is not worth it.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Sequence
from functools import partial
from typing import Any, BinaryIO

import mkdocs
from mkdocs.structure.pages import Page

from generator.mkdocs.child_process import Child, send, worth_forking

RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids")
"""What `Page.render` sets on the page, besides `links_to_anchors` (keyed by files, sent by their paths)."""


def start(config: Any, files: Any) -> MarkdownInChild | None:
    if not (worth_forking() and mkdocs.__version__.startswith("1.6.")):
        return None
    return MarkdownInChild(config, files)


class MarkdownInChild:
    def __init__(self, config: Any, files: Any) -> None:
        self._parent = os.getpid()
        theirs = list(files.documentation_pages())[1::2]
        self._expected = {file.src_uri for file in theirs}
        self.child = Child(partial(_convert_and_send, config, files, theirs), [file.src_uri for file in theirs])

    def prepare(self, page: Any) -> None:
        """In this process, when MkDocs has read the page: its `render` will take the child's result."""
        if os.getpid() == self._parent and page.file.src_uri in self._expected:
            page.render = partial(self._render, page)

    def _render(self, page: Any, config: Any, files: Any) -> None:
        del page.render  # the page's own method again
        message = self.child.receive(page.file.src_uri)
        result = None if message is None else pickle.loads(message)
        links = None if result is None or result["links_to_anchors"] is None else {
            files.get_file_from_path(path): anchors for path, anchors in result["links_to_anchors"].items()}
        if result is None or result["markdown"] != page.markdown or (links is not None and None in links):
            page.render(config, files)
            return
        for name in RENDERED:
            setattr(page, name, result[name])
        if links is not None:
            page.links_to_anchors = links
        for name, level, text in result["logged"]:
            logging.getLogger(name).log(level, text)

    def finish(self) -> None:
        self.child.stop()


def _convert_and_send(config: Any, files: Any, theirs: Sequence[Any], pipe: BinaryIO) -> None:
    """In the child: read and convert each page as MkDocs' build does, and send what rendering left on it."""
    logged = _Captured()
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        logger.handlers = [logged]  # this process only: logged in the parent when it takes the page
    for file in theirs:
        send(pipe, pickle.dumps(_converted(config, files, file, logged), pickle.HIGHEST_PROTOCOL))


def _converted(config: Any, files: Any, file: Any, logged: _Captured) -> dict[str, Any] | None:
    try:
        page = file.page if file.page is not None else Page(None, file, config)
        config._current_page = page
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        logged.records.clear()
        page.render(config, files)
    except Exception:  # converted again in the parent, which meets (and reports) the same error
        return None
    links = page.links_to_anchors
    return {"markdown": page.markdown, **{name: getattr(page, name) for name in RENDERED},
            "links_to_anchors": None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
            "logged": list(logged.records)}


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))
