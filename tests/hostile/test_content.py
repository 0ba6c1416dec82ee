"""Every hostile string of tests/hostile/content/, in every text field, renders as inert text.

One site is built with all cases (see injection.py); each case's pages are compared with the
pages of the `plain-text` case, which hold ordinary words in the same places: a hostile page may
not have a tag, attribute, class or inline script the plain one lacks, no element anywhere may
carry an on* handler or a javascript:/data:/vbscript: URL, and its heading and tab title must
read exactly the hostile text (so `{{ 7*7 }}` is shown as written). The browser half is
tests/browser/test_hostile_content.py.
"""

from __future__ import annotations

import html.parser
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..pagefind_bundle import fragments
from .injection import CONTROL, MARKER, ContentCase, load_cases

pytestmark = pytest.mark.site

CASES = load_cases()
KINDS = {"questions": "", "models": "-model", "papers": "-paper", "tasks": ""}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
BAD_SCHEME = re.compile(r"^(?:javascript|data|vbscript):", re.IGNORECASE)
PROSE_TAGS = {"p", "em", "strong", "code", "pre", "ul", "ol", "li", "hr", "br", "blockquote"}
NEVER_IN_CONTENT = {"script", "style", "iframe", "frame", "object", "embed", "img", "svg", "math", "form", "input",
                    "textarea", "button", "base", "meta", "link", "video", "audio", "source", "template"}


def visible(text: str) -> str:
    """What a reader should see of a one-line value: whitespace runs as one space, invisible
    characters (controls, format characters such as bidi overrides) gone, the emoji joiner kept."""
    text = " ".join(text.split())
    kept = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp"} or c == "\u200d")
    return " ".join(kept.split())


@dataclass
class PageFacts:
    title: str = ""
    h1: str = ""
    content_tags: set[str] = field(default_factory=set)
    content_attributes: set[str] = field(default_factory=set)
    content_classes: set[str] = field(default_factory=set)
    handlers: list[str] = field(default_factory=list)
    bad_urls: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    data_scripts: list[str] = field(default_factory=list)


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _Reader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self.stack: list[str] = []
        self.script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        facts, values = self.facts, dict(attrs)
        in_content = "article" in self.stack
        for name, value in attrs:
            if name.startswith("on"):
                facts.handlers.append(f"<{tag} {name}={value!r}>")
            cleaned = "".join(c for c in (value or "") if c.isprintable() and not c.isspace())
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(cleaned):
                facts.bad_urls.append(f"<{tag} {name}={value!r}>")
            if in_content:
                facts.content_attributes.add(name)
                if name == "class":
                    facts.content_classes.update((value or "").split())
        if in_content:  # structured data (JSON-LD) is the one kind of script the content may hold
            facts.content_tags.add("script:json" if tag == "script" and "json" in (values.get("type") or "") else tag)
        if tag == "script" and "src" not in values:
            self.script = (values.get("type") or "", [])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            kind, parts = self.script
            (self.facts.data_scripts if "json" in kind else self.facts.inline_scripts).append("".join(parts))
            self.script = None
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)
        elif self.stack and self.stack[-1] == "title":
            self.facts.title += data
        elif "h1" in self.stack and "a" not in self.stack[self.stack.index("h1"):]:
            self.facts.h1 += data


def read_page(path: Path) -> PageFacts:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    reader.close()
    return reader.facts


def page_path(site: Path, kind: str, case: ContentCase) -> Path:
    return site / kind / f"{case.id}{KINDS[kind]}" / "index.html"


CONTROL_CASE = next(c for c in CASES if c.name == CONTROL)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_text_renders_as_inert_text(hostile_site: Path, case: ContentCase, kind: str) -> None:
    facts = read_page(page_path(hostile_site, kind, case))
    control = read_page(page_path(hostile_site, kind, CONTROL_CASE))
    assert not facts.handlers and not facts.bad_urls, (facts.handlers, facts.bad_urls)
    assert facts.h1 == visible(case.line), "the heading must read exactly the text"
    assert facts.title == f"{visible(case.line)} - AskScope", "the tab title must read exactly the text"
    assert facts.content_tags - NEVER_IN_CONTENT == facts.content_tags
    assert facts.content_tags <= control.content_tags | PROSE_TAGS
    assert facts.content_attributes <= control.content_attributes
    assert facts.content_classes <= control.content_classes
    assert facts.inline_scripts == control.inline_scripts, "no inline script beyond the theme's own"
    for data in facts.data_scripts:
        json.loads(data)  # JSON-LD and the theme's config stay one JSON document each
    assert len(facts.data_scripts) == len(control.data_scripts)


def test_the_control_case_is_ordinary(hostile_site: Path) -> None:
    """The baseline has what the comparison relies on, and no handler or odd URL of its own."""
    facts = read_page(page_path(hostile_site, "questions", CONTROL_CASE))
    assert facts.h1 == CONTROL_CASE.payload and not facts.handlers and not facts.bad_urls
    assert {"ul", "li", "a", "pre", "code"} <= facts.content_tags
    assert facts.inline_scripts and facts.data_scripts


def test_every_page_of_the_site_is_free_of_injected_markup(hostile_site: Path) -> None:
    """Index, tag and hand-written pages list the hostile names too."""
    for path in sorted(hostile_site.rglob("*.html")):
        facts = read_page(path)
        assert not facts.handlers and not facts.bad_urls, (path, facts.handlers, facts.bad_urls)
        assert not facts.content_tags & NEVER_IN_CONTENT, (path, facts.content_tags & NEVER_IN_CONTENT)
        for data in facts.data_scripts:
            json.loads(data)


def test_the_search_index_holds_the_text_the_reader_sees(hostile_site: Path) -> None:
    """Pagefind keeps a page's text, markup-looking characters included, as text: a hostile page's title in the index
    is its heading as the browser shows it. The search box puts titles and excerpts into the page as text
    (tests/browser/test_hostile_content.py)."""
    pages = {url: page for url, page in fragments(hostile_site).items() if "hostile-" in url}
    assert len([page for page in pages.values() if MARKER in page["content"]]) == len(CASES)
    for url, page in pages.items():
        assert page["meta"]["title"] == read_page(hostile_site / url / "index.html").h1, url


def test_there_are_enough_content_cases() -> None:
    assert len(CASES) >= 30
