"""Escaping, checked by rendering with the site's own Markdown extensions."""

from __future__ import annotations

import html
import html.parser
import unicodedata
from typing import Any

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from generator.pages.escape import html_text, md_inline, md_prose, md_url, plain_text, yaml_string

from ..conftest import REPO


def _site_markdown() -> markdown.Markdown:
    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        config: Any = yaml_load(handle)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            configs[name] = item[name]
    return markdown.Markdown(extensions=names, extension_configs=configs)


MD = _site_markdown()


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(text: str) -> _Collector:
    MD.reset()
    collector = _Collector()
    collector.feed(MD.convert(text))
    return collector


def visible(text: str) -> str:
    """What a reader sees: whitespace runs (tabs, line breaks) as one space, invisible characters gone."""
    text = " ".join(text.split())
    kept = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp"} or c == "\u200d")
    return " ".join(kept.split())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_inline_text_renders_literally(text: str) -> None:
    result = render(md_inline(text))
    assert {tag for tag, _ in result.tags} <= {"p"}
    assert " ".join("".join(result.text).split()) == visible(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab *_`[]()<>!#{}|~^=:-+.>?\n\\&;\"'/%", "\u202e", "\u200b"]),
               max_size=120))
@example("Title\n-")  # a single `-` under a line made it a heading
@example("- # heading\n1. ??? note\n+ : term")  # block syntax after a list marker
def test_prose_never_produces_links_html_or_structure(text: str) -> None:
    result = render(md_prose(text))
    allowed = {"p", "em", "strong", "code", "ul", "ol", "li", "hr", "br", "blockquote", "pre"}
    assert {tag for tag, _ in result.tags} <= allowed
    assert all(not attrs for tag, attrs in result.tags if tag != "ol")


def test_prose_keeps_emphasis_lists_and_code() -> None:
    result = render(md_prose("Some *emphasis* and `code`.\n\n- one\n- two"))
    assert [tag for tag, _ in result.tags] == ["p", "em", "code", "ul", "li", "li"]


def test_hostile_examples_stay_text() -> None:
    for hostile in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                    "![x](data:text/html,<b>)", "{: onclick=alert(1) }", "```mermaid\nclick A call alert()\n```",
                    "!!! danger \"fake\"", "# Heading", "| a | b |\n|---|---|", "---\ntitle: x\n---",
                    "{{ 7*7 }}", "<!-- material/tags -->"]:
        for rendered in (render(md_prose(hostile)), render(md_inline(hostile))):
            assert {tag for tag, _ in rendered.tags} <= {"p", "hr", "em", "strong"}, hostile


def test_url_cannot_break_out_of_a_link() -> None:
    assert md_url("https://example.org/a b)c<d>\"e'") == "https://example.org/a%20b%29c%3Cd%3E%22e%27"


def test_plain_text_has_no_markup_characters() -> None:
    assert plain_text("<b>Bold</b> & \"quoted\"\n text") == "bBold/b  quoted text"
    assert plain_text("x" * 500, limit=10) == "xxxxxxxxx…"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab #*_`[]<>!{}|=:-.\\&;\"'\t", "\u202e", "\u200b"]), max_size=60))
def test_inline_text_in_a_heading_renders_literally(text: str) -> None:
    result = render("# " + md_inline(text))
    assert [tag for tag, attrs in result.tags if ("class", "headerlink") not in attrs] == ["h1"]
    assert " ".join("".join(result.text).replace("\u00b6", "").split()) == visible(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_front_matter_titles_are_literal_text_in_html(text: str) -> None:
    """Themes print the front-matter title unescaped into <title> and attributes."""
    escaped = html_text(text)
    assert not set("<>\"'") & set(escaped)
    assert html.unescape(escaped) == visible(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
@example("\U0001f52c emoji")  # JSON's surrogate-pair escape made MkDocs drop the whole front matter
def test_front_matter_strings_read_back_as_written(text: str) -> None:
    meta = get_data(f"---\ntitle: {yaml_string(text)}\n---\n\nbody\n")[1]
    assert meta == {"title": text}
