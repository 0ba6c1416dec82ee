"""The fast paths added for performance (bench/results.md) give exactly what the plain per-character
definitions give, for any text: invisible and non-ASCII characters, lone surrogates, markup characters."""

from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.citations import grounding
from generator.pages import bibtex, escape, jsonld, mermaid

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def reference_drop_invisible(text: str, keep_newlines: bool) -> str:
    return "".join(c for c in text if (keep_newlines and c == "\n") or unicodedata.category(c) not in _INVISIBLE
                   or c == "\u200d")


TRICKY = ("a\u200db\u200bc\u2028d\u2029e\x00f\x7fg\x85h\ud800i\ufeffj\n\r\tk µm — é *_[x](y)* <b> &amp; # 1. "
          "```\n---\n|a|\n{: .x}\n\\\u00ad\u061c\U000e0001 &#35; ^~=!'\"")
TEXT = st.text(alphabet=st.characters(codec=None, categories=None), max_size=200) | st.text(
    alphabet="ab \n\r\t*_[]<>&#`~-=|{}!:?.1)\\^'\"\u200d\u200b\u2028\x00\x7f\x85µé—", max_size=200)


@settings(max_examples=500)
@given(TEXT)
@example(TRICKY)
@example("")
def test_dropping_invisible_characters_matches_the_per_character_definition(text: str) -> None:
    for keep in (False, True):
        assert escape.drop_invisible(text, keep) == reference_drop_invisible(text, keep)


@settings(max_examples=500)
@given(TEXT)
@example(TRICKY)
def test_regex_escaping_matches_per_character_replacement(text: str) -> None:
    inline = "".join(f"&#{ord(c)};" if c in escape._INLINE_SPECIAL else c for c in text)
    assert escape._INLINE_RUN.sub(lambda m: escape._INLINE_ENTITIES[m[0]], text) == inline
    prose = "".join(escape._PROSE_SPECIAL.get(c, c) for c in text)
    assert escape._PROSE_RUN.sub(lambda m: escape._PROSE_SPECIAL[m[0]], text) == prose
    assert escape._PLAIN_DROP.sub("", text) == "".join(c for c in text if c not in "<>&\"'`{}[]\\")


def test_the_reference_definitions_are_not_trivially_equal() -> None:
    # The comparisons above can fail: the references really do remove and replace characters.
    assert "\u200b" not in reference_drop_invisible(TRICKY, False) != TRICKY
    assert "\n" not in reference_drop_invisible(TRICKY, False)
    assert "\n" in reference_drop_invisible(TRICKY, True) and "\u200d" in reference_drop_invisible(TRICKY, True)
    assert escape._INLINE_RUN.sub(lambda m: escape._INLINE_ENTITIES[m[0]], "#&") == "&#35;&#38;"


@settings(max_examples=300)
@given(TEXT)
@example("a`b``c```d " * 3)
def test_export_escaping_matches_per_character_definitions(text: str) -> None:
    flat = " ".join(text.split())
    assert bibtex.tex(text) == "".join(bibtex._TEX.get(c, c) for c in flat)
    assert bibtex._verbatim(text) == "".join(c for c in flat if c not in "{}\\")
    longest, run = 0, 0
    for c in text:
        run = run + 1 if c == "`" else 0
        longest = max(longest, run)
    assert bibtex.fence(text) == f"{'`' * max(3, longest + 1)}bibtex\n{text}\n{'`' * max(3, longest + 1)}"
    data = {"a": text, "b": [text, 1]}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    assert jsonld.script_json(data) == "".join(jsonld._SCRIPT_UNSAFE.get(c, c) for c in raw)


MENTION_PIECES = ["https://", "HTTP://", "www.", "WWW.", "arxiv.org/", "ArXiv.org/abs/", "doi.org/", "github.com/",
                  "huggingface.co/", "arxiv:", "arXiv: ", "2310.00390", "1234.5678v2", "10.", "10.1038/", "1038",
                  "x", " ", ".", "/", ":", "-", "é", "١٢٣٤", "(", ")", "]", "`", "\n", "0"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(MENTION_PIECES), max_size=30).map("".join))
@example("see https://example.org/x and arXiv:2310.00390 or 10.1038/abc, www.Foo.org, github.com/a/b")
def test_grounding_prefilters_never_hide_a_mention(text: str) -> None:
    expected = list(_all_mentions(text))
    assert list(grounding._mentions(text)) == expected


def _all_mentions(text: str) -> list[str]:
    saved = grounding._MAY_MATCH
    grounding._MAY_MATCH = {pattern: re.compile("") for pattern in saved}
    try:
        return list(grounding._mentions(text))
    finally:
        grounding._MAY_MATCH = saved


def test_grounding_prefilters_are_not_vacuous() -> None:
    assert _all_mentions("see https://example.org/x and 10.1038/abc") == ["https://example.org/x", "10.1038/abc"]


def reference_yaml_string(text: str) -> str:
    def char(c: str) -> str:
        if c in '"\\':
            return "\\" + c
        if 0x20 <= ord(c) < 0x7F:
            return c
        return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"
    return '"' + "".join(char(c) for c in text) + '"'


def reference_mermaid_label(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > mermaid.MAX_LABEL:
        flat = flat[: mermaid.MAX_LABEL - 1].rstrip() + "…"
    out = []
    for c in flat:
        if c.isalnum() or c in mermaid._LABEL_SAFE:
            out.append(c)
        elif unicodedata.category(c) not in _INVISIBLE or c == "\u200d":
            out.append(f"#{ord(c)};")
    return '"' + "".join(out) + '"'


@settings(max_examples=500)
@given(TEXT)
@example(TRICKY)
@example("x" * 200 + "é")
def test_yaml_strings_and_mermaid_labels_match_per_character_definitions(text: str) -> None:
    assert escape.yaml_string(text) == reference_yaml_string(text)
    assert mermaid.label(text) == reference_mermaid_label(text)


def test_the_yaml_and_label_references_are_not_trivially_equal() -> None:
    assert reference_yaml_string('a"\\é\U0001f52c') == '"a\\"\\\\\\u00e9\\U0001f52c"'
    assert reference_mermaid_label("a<b\u200bc_d٣") == '"a#60;bc_d٣"'
