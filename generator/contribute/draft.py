"""`askscope draft`: check an answer drafted from `askscope prompt` (free Markdown, by a person or a language
model) against the question's bundle, and turn its citations into `[@id]` keys. Pure: text in, the answer to
store (or None) and diagnostics with line:column in the answer file out.

The rules are the registry's grounding rules (`citations.grounding`), applied to the draft before it becomes
YAML: every link, arXiv id, DOI and GitHub or Hugging Face repository written out must belong to a model or
paper of the bundle, and the draft must not name a registered paper (by its title, or a title in the citation
lock) or model (by its name) that the bundle does not list. A link or identifier of the bundle becomes
`[@id]`; a Markdown link `[text](link)` becomes `text [@id]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.citations.grounding import Owner, canonical_mention, mention_spans, owners_of
from generator.citations.references import CITATION
from generator.diagnostics import Diagnostic, error, sort_diagnostics
from generator.registry.loading import Registry

_MD_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]+)\)")
_LABEL = re.compile(r"\A\s*(?:\*\*)?answer\s*:?\s*(?:\*\*)?\s*\n", re.IGNORECASE)
_CODES = {"arxiv": ("draft.outside-arxiv", "arXiv id"), "doi": ("draft.outside-doi", "DOI"),
          "github": ("draft.outside-repository", "repository"),
          "huggingface": ("draft.outside-repository", "repository"), "url": ("draft.outside-link", "link")}
_HINT = ("use only the bundle's models and papers (`askscope prompt` lists them); to cite another work, add it "
         "to the registry and the bundle first")


def _position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _names(registry: Registry, bundle: set[Owner]) -> Iterator[tuple[str, str, bool]]:
    """(title or name, what it is, whether the bundle lists it) for every registered work."""
    for pid, paper in registry.papers.items():
        yield paper.title, f"the paper papers/{pid}", ("papers", pid) in bundle
    for mid, model in registry.models.items():
        yield model.name, f"the model models/{mid}", ("models", mid) in bundle
    owners = owners_of(registry)
    for key, record in registry.lock.records.items():
        if record.title and key.split(":", 1)[0] in ("arxiv", "doi"):
            owner = owners.get(key)
            yield record.title, f"the work {key}", owner in bundle if owner else False


def _pattern(name: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def _outside_names(registry: Registry, bundle: set[Owner], text: str,
                   skip: list[tuple[int, int]]) -> Iterator[tuple[int, str, str]]:
    found = [(match.span(), name, what, listed) for name, what, listed in _names(registry, bundle)
             if len(name) >= 3 for match in _pattern(name).finditer(text)]
    inside = [span for span, _, _, listed in found if listed] + skip
    reported: set[int] = set()
    for (start, end), name, what, listed in sorted(found):
        if listed or start in reported or any(s <= start and end <= e for s, e in inside):
            continue  # "Cellpose" inside "Cellpose 2.0" of the bundle is the bundle's, and inside [@cellpose] a key
        reported.add(start)
        yield start, name, what


def check_draft(registry: Registry, qid: str, path: str, text: str) -> tuple[str | None, list[Diagnostic]]:
    """The draft with its citations as `[@id]` keys, or None and every rule it breaks."""
    question = registry.questions[qid]
    bundle = {("models", m) for m in question.models} | {("papers", r.paper) for r in question.papers}
    keys = {eid for _, eid in bundle}
    owners = owners_of(registry)
    label = _LABEL.match(text)
    start = label.end() if label else 0
    diagnostics: list[Diagnostic] = []
    edits: list[tuple[int, int, str]] = []

    def report(offset: int, code: str, message: str, hint: str = _HINT) -> None:
        diagnostics.append(error(path, *_position(text, offset), code, message, hint))

    def cite(offset: int, end: int, mention: str, text_before: str = "", at: int | None = None) -> None:
        owner = owners.get(canonical_mention(mention))
        if owner is not None and owner in bundle:
            edits.append((offset, end, f"{text_before} [@{owner[1]}]" if text_before else f"[@{owner[1]}]"))
            return
        code, what = _CODES[canonical_mention(mention).split(":", 1)[0]]
        where = f"belongs to {owner[0]}/{owner[1]}, which" if owner else "is not registered, and"
        report(offset if at is None else at, code, f"the {what} {mention!r} {where} the bundle of {qid} does not list")

    handled: list[tuple[int, int]] = []
    for link in _MD_LINK.finditer(text, start):
        url = link["url"].strip("<>")
        if next(mention_spans(url), None):
            cite(link.start(), link.end(), url, link["text"].strip(), at=link.start("url"))
            handled.append(link.span())
    for offset, end, mention in mention_spans(text[start:]):
        offset, end = offset + start, end + start
        if any(s <= offset < e for s, e in handled):
            continue
        handled.append((offset, end))
        if text[offset - 1:offset] == "<" and text[end:end + 1] == ">":
            offset, end = offset - 1, end + 1
        cite(offset, end, mention)
    for match in CITATION.finditer(text, start):
        if match[1] not in keys:
            report(match.start(), "draft.unknown-key", f"[@{match[1]}] is not one of the models or papers of {qid}",
                   "cite only the ids `askscope prompt` lists")
    handled += [match.span() for match in CITATION.finditer(text, start)]
    for offset, name, what in _outside_names(registry, bundle, text, handled):
        if offset < start:
            continue
        report(offset, "draft.outside-title", f"{name!r} is {what}, which the bundle of {qid} does not list")
    answer = text
    for offset, end, new in sorted(edits, reverse=True):
        answer = answer[:offset] + new + answer[end:]
    answer = "\n".join(line.rstrip() for line in answer[start:].strip().split("\n"))
    if not answer:
        report(0, "draft.empty", "the answer file holds no answer", "write the answer, then run `askscope draft`")
    return (None if diagnostics else answer), sort_diagnostics(diagnostics)
