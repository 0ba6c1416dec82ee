"""Search in the reader's words: the hidden keywords of each page, and their place in the search index.

Material's search (lunr) does not stem and matches each query word as a prefix (`denoise*`), so
"spots" does not find "spot" and "denoising" does not find "denoise". A page's keywords are its
task's lay name, expert name and synonyms (and those of every broader task), each word written
with its common English endings; they go into front matter (`keywords:`) and from there into a
`keywords` field of the search index (see `mkdocs_search_hook`), boosted like titles. Pure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from .escape import plain_text
from .registry import Registry
from .schema import Question, Task

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_VOWELS = set("aeiou")
# lunr's English stop words: the index drops them, so they are not keywords.
_STOP_WORDS = """
a able about across after all almost also am among an and any are as at be because been but by can cannot
could dear did do does either else ever every for from get got had has have he her hers him his how however i if in
into is it its just least let like likely may me might most must my neither no nor not of off often on only or other
our own rather said say says she should since so some than that the their them then there these they this tis to too
twas us wants was we were what when where which while who whom why will with would yet you your
"""
_STOP = frozenset(_STOP_WORDS.split())


def variants(word: str) -> list[str]:
    """The word and its regular English endings (-s, -ing, -ed), so a prefix search finds each form."""
    w = word.lower()
    if len(w) < 3 or not w.isalpha():
        return [w]
    forms = [w]
    if w.endswith("s") and not w.endswith("ss"):
        return forms  # already a plural or third-person form; its stem is a prefix of it
    if w.endswith("e"):
        forms += [w + "s", w[:-1] + "ing", w + "d"]
    elif w.endswith("y") and w[-2] not in _VOWELS:
        forms += [w[:-1] + "ies", w + "ing", w[:-1] + "ied"]
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms += [w + "es", w + "ing", w + "ed"]
    else:
        forms += [w + "s", w + "ing", w + "ed"]
    return forms


def expand(phrases: Iterable[str]) -> str:
    """Every word of every phrase with its variants, once each, in first-seen order."""
    seen: dict[str, None] = {}
    for phrase in phrases:
        for word in _WORD.findall(phrase):
            if word.lower() in _STOP:
                continue
            for form in variants(word):
                seen.setdefault(form, None)
    return " ".join(seen)


def _task_chain(tasks: Mapping[str, Task], tid: str) -> list[Task]:
    chain: list[Task] = []
    seen: set[str] = set()
    current: str | None = tid
    while current and current in tasks and current not in seen:
        seen.add(current)
        chain.append(tasks[current])
        current = tasks[current].parent
    return chain


def task_words(tasks: Mapping[str, Task], tid: str) -> list[str]:
    return [w for t in _task_chain(tasks, tid) for w in (t.name, t.expert_name, *t.synonyms)]


def question_keywords(registry: Registry, question: Question) -> str:
    tags = question.tags
    words = [*task_words(registry.tasks, question.task), *tags.modality, *tags.organism, *tags.topic]
    return plain_text(expand(words), 4000)


def task_keywords(registry: Registry, tid: str) -> str:
    return plain_text(expand(task_words(registry.tasks, tid)), 4000)


def add_keywords(index_json: str, keywords: Mapping[str, str]) -> str:
    """The search index with `keywords[location]` added to the entry of each page's top section.

    `keywords` maps a page's URL (as MkDocs writes it, e.g. `questions/x/`) to its words."""
    index = json.loads(index_json)
    for entry in index.get("docs", []):
        words = keywords.get(entry.get("location", ""))
        if words:
            entry["keywords"] = words
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)
