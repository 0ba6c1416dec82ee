"""Does a registry entry agree with what a source says? Titles, first authors and years.

Shared by the offline consistency check (registry against the lock) and the online
verifier (registry against arXiv, Crossref or doi.org).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

TITLE_THRESHOLD = 0.90
"""Titles match when their normalised forms are at least this similar (difflib ratio):
enough to absorb capitalisation, punctuation, LaTeX markup and a changed word in a long
title, not enough for a different paper's title."""

_MARKUP = re.compile(r"\$|\\[a-zA-Z]+|[{}]")
_NOT_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lowercase ASCII words: accents, punctuation, LaTeX markup and spacing removed."""
    folded = unicodedata.normalize("NFKD", _MARKUP.sub("", text))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return " ".join(_NOT_WORD.sub(" ", ascii_text.casefold()).split())


@functools.lru_cache(maxsize=1 << 14)  # every check (every rebuild under `mkdocs serve`) compares the same titles
def title_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def titles_match(a: str, b: str) -> bool:
    return title_similarity(a, b) >= TITLE_THRESHOLD


def family_name(name: str) -> str:
    """`Sergei V. Kalinin` and `Kalinin, Sergei V.` both give `kalinin`."""
    if "," in name:
        return normalise(name.split(",", 1)[0])
    words = normalise(name).split()
    return words[-1] if words else ""


def first_authors_match(a: str, b: str) -> bool:
    return family_name(a) == family_name(b) != ""


def years_match(registry_year: int, source_year: int, source: str) -> bool:
    """By hand: the same year. From arXiv: the entry may give the year of the later formal
    publication, so the registry year may be the preprint's year or the next. From a DOI:
    online-first and issue years can differ by one."""
    difference = registry_year - source_year
    if source == "manual":
        return difference == 0
    if source == "arxiv-api":
        return 0 <= difference <= 1
    return abs(difference) <= 1
