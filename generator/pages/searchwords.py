"""Search in the reader's words: the hidden keywords of each page, and the word forms the search box uses.

A page's keywords are its task's lay name, expert name and synonyms (and, for a question, its tags); the
words of broader tasks are kept apart, as `broader_keywords`, so that they count for less. Both go into
front matter and from there into meta fields of the search index (`mkdocs.search_hook`), which the
search box (`docs/assets/javascripts/search.js`) boosts. Pagefind stems the words it indexes, so each word
is written once, as it is.

`word_forms` is the table that lets a reader's word meet the task vocabulary's other forms of it
(*noisy* → *noise*, *denoise*): published as `search-words.json` and read by the search box. Pure.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping

from generator.registry.loading import Registry
from generator.registry.schema import Question, Task

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Tokens such as "H&E" that the search separator keeps whole: indexed as written, lower case.
_SYMBOL_TOKEN = re.compile(r"[^\W_]+(?:[&+][^\W_]+)+", re.UNICODE)
_UNSAFE = re.compile(r"[^\w &+]", re.UNICODE)
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


def expand(phrases: Iterable[str]) -> str:
    """The phrases, each as its words without stop words (and with tokens such as `H&E` whole), lower case,
    once each, in first-seen order, joined by ', ': the search box gives a page a bonus when a query holds a
    whole phrase of its task (*count cells*)."""
    return _expand(tuple(phrases))


# Questions share tasks and tags, so the same few hundred phrase lists come back thousands of times.
@functools.lru_cache(maxsize=1 << 12)
def _expand(phrases: tuple[str, ...]) -> str:
    seen: dict[str, None] = {}
    for phrase in phrases:
        words = [*(token.lower() for token in _SYMBOL_TOKEN.findall(phrase)),
                 *(word.lower() for word in _WORD.findall(phrase) if word.lower() not in _STOP)]
        cleaned = _UNSAFE.sub("", " ".join(words))
        if cleaned:
            seen.setdefault(cleaned, None)
    return ", ".join(seen)


def _task_chain(tasks: Mapping[str, Task], tid: str) -> list[Task]:
    chain: list[Task] = []
    seen: set[str] = set()
    current: str | None = tid
    while current and current in tasks and current not in seen:
        seen.add(current)
        chain.append(tasks[current])
        current = tasks[current].parent
    return chain


def _words(task: Task) -> list[str]:
    return [task.name, task.expert_name, *task.synonyms]


def _keywords(registry: Registry, tid: str, extra: Iterable[str] = ()) -> dict[str, str]:
    chain = _task_chain(registry.tasks, tid)
    own = [*(_words(chain[0]) if chain else []), *extra]
    return {"keywords": expand(own), "broader_keywords": expand([w for task in chain[1:] for w in _words(task)])}


def task_keywords(registry: Registry, tid: str) -> dict[str, str]:
    """`{"keywords": the task's own words, "broader_keywords": the words of every broader task}`."""
    return _keywords(registry, tid)


def question_keywords(registry: Registry, question: Question) -> dict[str, str]:
    """As `task_keywords` for the question's task, with the question's tags among its own words."""
    tags = question.tags
    return _keywords(registry, question.task, [*tags.modality, *tags.organism, *tags.topic])


# Kept in step with stem() in docs/assets/javascripts/search.js (tests/browser/test_reader_queries.py checks).
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "ied", "ed", "es", "ly", "y", "s", "e")
_PREFIXES = ("de", "un")


def stem(word: str) -> str:
    """A crude stem that the search box looks up as the start of indexed words: `labelled` -> `label`,
    `noisy` and `noise` -> `nois`, `training` -> `train`."""
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[:-len(suffix)]
            break
    if len(w) >= 5 and w[-1] == w[-2] and w[-1] not in _VOWELS and w[-1] != "s":
        w = w[:-1]
    return w


def word_forms(registry: Registry) -> str:
    """`search-words.json`: `{"forms": {stem: [other stems of the vocabulary that mean it]}}`, from the task
    vocabulary (names, expert names, synonyms), where a word with a prefix such as *de-* is another form of
    the word without it (*denoise* of *noise*)."""
    stems = {stem(word) for task in registry.tasks.values() for phrase in _words(task)
             for word in _WORD.findall(phrase.lower()) if len(word) >= 4 and word not in _STOP}
    forms: dict[str, set[str]] = {}
    for base in stems:
        for prefix in _PREFIXES:
            if base.startswith(prefix) and base[len(prefix):] in stems:
                forms.setdefault(base[len(prefix):], set()).add(base)
    table = {key: sorted(value) for key, value in sorted(forms.items())}
    return json.dumps({"forms": table}, sort_keys=True, separators=(",", ":")) + "\n"
