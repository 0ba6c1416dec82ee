"""BibTeX entries built from the registry's data only: papers, models and AskScope's own pages.

Pure. Every value is escaped for (La)TeX so that it cannot end its field, open a
new entry or run a command: braces become `\\textbraceleft{}`/`\\textbraceright{}`
(BibTeX counts `\\{` as a brace), and `\\ # $ % & ^ _ ~` are escaped. `@` cannot start
an entry inside a braced value. Names are written in the order the registry gives
them; a name whose family part BibTeX could split wrongly is kept whole in braces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.registry import identifiers
from generator.registry.schema import Model, Paper

_TEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "#": r"\#",
        "$": r"\$", "%": r"\%", "&": r"\&", "^": r"\textasciicircum{}", "_": r"\_", "~": r"\textasciitilde{}"}
_TEX_SPECIAL = re.compile("[" + re.escape("".join(sorted(_TEX))) + "]")
_BRACES = re.compile(r"[{}\\]")
_BACKTICKS = re.compile("`+")
# Fields whose value is a URL or identifier: only brace-balance matters, TeX escapes would corrupt them.
_VERBATIM = frozenset({"url", "doi", "eprint"})


def tex(text: str) -> str:
    """A literal text value for a braced BibTeX field."""
    return _TEX_SPECIAL.sub(lambda m: _TEX[m[0]], " ".join(text.split()))


def _verbatim(text: str) -> str:
    # URLs and DOIs cannot contain braces or backslashes legitimately; drop any so the entry stays balanced.
    return _BRACES.sub("", " ".join(text.split()))


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) <= 1 or (word.endswith(".") and len(word) <= 3)


def split_unambiguous(name: str) -> tuple[str, str] | None:
    """(given, family) when the name is `Given [Initials] Family`, else None (keep it whole)."""
    words = name.split()
    if len(words) < 2 or "," in name or any(not w[:1].isalpha() for w in words):
        return None
    given = words[:-1]
    if sum(1 for w in given if not _is_initial(w)) != 1 or not words[-1][:1].isupper():
        return None
    return " ".join(given), words[-1]


def bib_name(name: str) -> str:
    """One author for an `author` field: as written, or braced whole when splitting it would be a guess."""
    value = tex(name)
    return value if split_unambiguous(name) else "{" + value + "}"


@dataclass(frozen=True)
class Entry:
    kind: str
    key: str
    fields: tuple[tuple[str, str], ...]

    def text(self) -> str:
        lines = [f"@{self.kind}{{{self.key},"]
        for name, value in self.fields:
            lines.append(f"  {name} = {{{value}}},")
        lines.append("}")
        return "\n".join(lines)


def _entry(kind: str, key: str, raw: Iterable[tuple[str, str | None, bool]]) -> Entry:
    """`raw` holds (field, value, already escaped); empty values are left out."""
    fields: list[tuple[str, str]] = []
    for name, value, escaped in raw:
        if value:
            fields.append((name, value if escaped else _verbatim(value) if name in _VERBATIM else tex(value)))
    return Entry(kind, key, tuple(fields))


def authors_field(names: Iterable[str], et_al: bool = False) -> str:
    return " and ".join([bib_name(n) for n in names] + (["others"] if et_al else []))


def paper_entry(paper: Paper, key: str) -> Entry:
    """`@misc`: the registry's venue is free text, so the entry does not guess article or proceedings."""
    url = (identifiers.doi_url(paper.doi) if paper.doi else identifiers.arxiv_url(paper.arxiv) if paper.arxiv
           else paper.url)
    return _entry("misc", key, [
        ("author", authors_field(paper.authors, paper.et_al), True),
        ("title", "{" + tex(paper.title) + "}", True),
        ("year", str(paper.year), False),
        ("howpublished", paper.venue, False),
        ("doi", paper.doi, False),
        ("eprint", paper.arxiv, False),
        ("archiveprefix", "arXiv" if paper.arxiv else None, False),
        ("url", url, False),
    ])


def model_entry(model: Model, key: str) -> Entry:
    """`@misc` for a model or tool; no author or year, since the registry records none."""
    url = identifiers.github_url(model.code) if model.code else model.url
    notes = ["Software"]
    if model.weights:
        notes.append(f"weights: {identifiers.huggingface_url(model.weights)}")
    if model.licence:
        notes.append(f"licence: {model.licence}")
    return _entry("misc", key, [
        ("title", "{" + tex(model.name) + "}", True),
        ("howpublished", identifiers.github_url(model.code) if model.code else None, False),
        ("note", "; ".join(notes), False),
        ("url", url, False),
    ])


def page_entry(key: str, title: str, authors: Iterable[str] = (), year: int | None = None,
               note: str = "", url: str = "") -> Entry:
    """`@misc` for an AskScope page ("cite this page"); authors here are free text, so each is braced whole."""
    names = " and ".join("{" + tex(a) + "}" for a in authors)
    return _entry("misc", key, [
        ("author", names, True),
        ("title", "{" + tex(title) + "}", True),
        ("year", str(year) if year else None, False),
        ("howpublished", "AskScope", False),
        ("note", note, False),
        ("url", url, False),
    ])


def reference_keys(paper_ids: Iterable[str], model_ids: Iterable[str]) -> dict[tuple[str, str], str]:
    """Citation keys: a paper's id; a model's id, or `<id>-software` if a paper already has that id."""
    keys: dict[tuple[str, str], str] = {("papers", p): p for p in paper_ids}
    used = set(keys.values())
    for mid in model_ids:
        key, n = mid, 1
        while key in used:
            key = f"{mid}-software" + (f"-{n}" if n > 1 else "")
            n += 1
        used.add(key)
        keys[("models", mid)] = key
    return keys


def bibliography(papers: Mapping[str, Paper], models: Mapping[str, Model],
                 keys: Mapping[tuple[str, str], str]) -> list[Entry]:
    """Entries for the given papers and models, papers first, each group sorted by id."""
    entries = [paper_entry(papers[pid], keys[("papers", pid)]) for pid in sorted(papers)]
    entries += [model_entry(models[mid], keys[("models", mid)]) for mid in sorted(models)]
    return entries


def fence(text: str, language: str = "bibtex") -> str:
    """A Markdown code fence around `text` that no run of backticks inside it can close."""
    longest = max(map(len, _BACKTICKS.findall(text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{text}\n{ticks}"
