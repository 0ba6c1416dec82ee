"""Search in the reader's words: the hidden keywords of each page, and their place in the search index.

Material's search (lunr) does not stem and matches each query word as a prefix (`denoise*`), so
"spots" does not find "spot" and "denoising" does not find "denoise". A page's keywords are its
task's lay name, expert name and synonyms (and, for a question, its tags), each word written with
its common English endings; the words of broader tasks are kept apart, as `broader_keywords`, so
that they count for less. Both go into front matter and from there into fields of the search
index (see `mkdocs.search_hook`); mkdocs.yml sets their boosts. Pure.

The boosts and the search separator were chosen by replaying Material's ranking (lunr with its
post-query boost and grouping by page) over a set of lay queries against the real registry.
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
FIELDS = ("keywords", "broader_keywords")
"""Front-matter keys copied into search-index fields of the same name."""
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
    return _expand(tuple(phrases))


# Questions share tasks and tags, so the same few hundred phrase lists come back thousands of times.
@functools.lru_cache(maxsize=1 << 12)
def _expand(phrases: tuple[str, ...]) -> str:
    seen: dict[str, None] = {}
    for phrase in phrases:
        for token in _SYMBOL_TOKEN.findall(phrase):
            seen.setdefault(token.lower(), None)
        for word in _WORD.findall(phrase):
            if word.lower() in _STOP:
                continue
            for form in variants(word):
                seen.setdefault(form, None)
    return _UNSAFE.sub("", " ".join(seen))


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


def add_keywords(index_json: str, keywords: Mapping[str, Mapping[str, str]]) -> str:
    """The search index with each page's words added to the entry of its top section.

    `keywords` maps a page's URL (as MkDocs writes it, e.g. `questions/x/`) to `{field: words}`. Material
    writes the index compactly, each entry opening with `{"location":"…"`, so the words are spliced in there:
    the index is ~11 MB at 1,000 questions and rewritten on every rebuild under `mkdocs serve`, where parsing
    and encoding it again took ~0.1 s. An index written any other way is parsed instead."""
    if '"keywords":"' in index_json or '"broader_keywords":"' in index_json:  # words already there: replace them
        return _add_keywords_parsed(index_json, keywords)
    pieces: list[str] = []
    done, compact = 0, False
    for entry in _ENTRY_START.finditer(index_json):
        compact = True
        raw = entry["location"]
        location = json.loads(f'"{raw}"') if "\\" in raw else raw
        fields = "".join(f"{json.dumps(name)}:{json.dumps(words)}," for name, words in _page_words(keywords, location))
        if fields:
            pieces += [index_json[done:entry.start() + 1], fields]
            done = entry.start() + 1
    if not compact:
        return _add_keywords_parsed(index_json, keywords)
    return "".join([*pieces, index_json[done:]])


# A JSON string cannot hold an unescaped quote, so this matches only where an entry object opens.
_ENTRY_START = re.compile(r'\{"location":"(?P<location>[^"\\]*(?:\\.[^"\\]*)*)"')


def _add_keywords_parsed(index_json: str, keywords: Mapping[str, Mapping[str, str]]) -> str:
    index = json.loads(index_json)
    for entry in index.get("docs", []):
        entry.update(_page_words(keywords, entry.get("location", "")))
    return json.dumps(index, separators=(",", ":"))


def _page_words(keywords: Mapping[str, Mapping[str, str]], location: str) -> list[tuple[str, str]]:
    return [(name, words) for name, words in keywords.get(location, {}).items() if name in FIELDS and words]
