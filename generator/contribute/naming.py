"""Ids and YAML text for new entries: slugs derived from titles, and safely quoted scalars."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

import yaml

from generator.registry.schema import RESERVED_IDS

MAX_ID = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 60) -> str:
    """`'InstructCV: Instruction-Tuned…'` → `'instructcv-instruction-tuned…'`: ASCII letters and digits
    joined by single hyphens, cut at a word boundary to at most `max_length`. May return ''."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", folded).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    cut = cut[: cut.rfind("-")] if "-" in cut else cut[:max_length]
    return cut.strip("-")


_TRAILING = frozenset(["a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                       "via", "with"])


def short_slug(text: str, max_length: int) -> str:
    """The slug of the start of `text`, at most `max_length` long, not ending in a word like 'of'."""
    words = slugify(text, max_length).split("-")
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return "-".join(words)


def unique_id(base: str, taken: Container[str], fallback: str) -> str:
    """`base` (or `fallback` when `base` is empty), made different from every id in `taken` and from the
    reserved names by a numeric suffix: `cellpose`, `cellpose-2`, …"""
    stem = (base or fallback)[: MAX_ID - 4].strip("-") or fallback
    candidate, n = stem, 1
    while candidate in taken or candidate in RESERVED_IDS:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def surname(author: str) -> str:
    """The family name of an author written 'Given Family' (the last word), as a slug."""
    words = author.replace(",", " ").split()
    return slugify(words[-1] if words else "", MAX_ID)


def yaml_str(value: str) -> str:
    """`value` as one double-quoted YAML scalar that reads back exactly as `value`, whatever it holds."""
    text = yaml.dump(value, Dumper=yaml.CSafeDumper, default_style='"', allow_unicode=True, width=1_000_000)
    return text.removesuffix("\n").removesuffix("\n...")


def one_line(text: str, limit: int = 200) -> str:
    """`text` on one line, without control characters: safe inside a YAML comment."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
