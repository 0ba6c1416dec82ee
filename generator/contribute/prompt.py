"""Read a question bundle written as a prompt: a quoted question, a "Recommended AI Models" list
and a "Related Papers" list whose items carry `Model:`/`Paper:`/`GitHub:`/`Summary:` lines.

The instructions around the lists vary from prompt to prompt and are ignored. What people do
to such text is tolerated: Windows line endings, extra blank lines, missing lines, Markdown
bold or list markers around labels, `abs`/`pdf` arXiv links with versions. Every line inside a
list that is not understood is reported with its line number rather than dropped silently.
Pure: text in, a `Bundle` and diagnostics out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.contribute.promptlinks import (
    Link,
    find_github,
    find_paper_link,
    markdown_link,
    read_github,
    read_paper_link,
    read_weights,
)
from generator.diagnostics import Diagnostic, error, warning

MAX_PROMPT_BYTES = 1024 * 1024

_LABELS = {
    "name": {"model", "modelname", "name", "title", "tool", "papertitle"},
    "paper": {"paper", "paperlink", "arxiv", "arxivlink", "link", "url", "doi", "publication", "pdf"},
    "github": {"github", "githublink", "githubrepo", "code", "repository", "repo", "sourcecode"},
    "weights": {"huggingface", "huggingfacemodel", "hf", "weights", "modelweights"},
    "summary": {"summary", "abstract", "description", "tldr"},
}
_SLOT = {label: slot for slot, labels in _LABELS.items() for label in labels}
_FIELD = re.compile(r"^\s*(?:[-*+\u2022]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__)?\s*(?P<label>[A-Za-z][A-Za-z ._-]{0,30}?)"
                    r"\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<value>.*?)\s*$")
_MODELS = re.compile(r"(?:the )?(?:recommended |suggested |relevant |candidate )?(?:ai |ml )?(?:models?|tools?)"
                     r"(?: (?:and|&) (?:tools?|models?))?(?: ?\(.*\))?")
_PAPERS = re.compile(r"(?:the )?(?:related |relevant |supporting |recommended |background )?(?:research )?"
                     r"(?:papers?|publications?|literature|references?|reading)"
                     r"(?: (?:and|&) (?:tools?|resources?|links?))?(?: ?\(.*\))?")
_STOP = re.compile(r"(?:your )?(?:answer|response|output|instructions?)")
_DECORATION = re.compile(r"^[\s\-*_=#>\u2022]*$|^\s*_?no response_?\s*$|^\s*(?:```|~~~)[\w-]*\s*$", re.IGNORECASE)
"""Rules, bullets, GitHub issue forms' `_No response_` and code fences: nothing to import, nothing lost."""
_OPEN = re.compile(r"^\s*(?:>\s*)?(?:(?:\*\*)?[A-Za-z][\w ]{0,40}?(?:\*\*)?\s*:\s*)?(?:\*\*|_)?([\"\u201c\u2018'])")
_CLOSE = re.compile(r"[\"\u201d\u2019'](?:\*\*|_)?\s*$")
_QUOTES = "\"'\u201c\u201d\u2018\u2019"


@dataclass
class Item:
    """One entry of a list; values are copied from the prompt, identifiers made canonical."""

    line: int
    name: str | None = None
    paper: Link | None = None
    github: str | None = None
    weights: str | None = None
    summary: str | None = None
    paper_title: str | None = None
    """Text written around the paper's link (`Paper: <title> (<link>)`): its title, as the prompt gives it."""
    slots: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Bundle:
    path: str
    question: str
    line: int
    models: tuple[Item, ...]
    papers: tuple[Item, ...]


_READ_CODES = {"import": ("import.too-large", "import.encoding"), "draft": ("draft.too-large", "draft.encoding")}


def decode_prompt(path: str, raw: bytes, command: str = "import") -> tuple[str | None, list[Diagnostic]]:
    """The prompt's (or, for `draft`, the answer's) text with `\\n` line endings, or why it cannot be read."""
    too_large, encoding = _READ_CODES[command]
    if len(raw) > MAX_PROMPT_BYTES:
        return None, [error(path, 1, 1, too_large, f"the file is {len(raw):,} bytes; at most "
                            f"{MAX_PROMPT_BYTES:,} are read", "one question bundle, or one answer, per file")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [error(path, line, 1, encoding, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                            "save the file as UTF-8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _plain(line: str) -> str:
    """A line without Markdown heading/bold markers and a trailing colon, lower-cased."""
    text = line.strip().lstrip("#").strip().strip("*_").strip().rstrip(":").strip().strip("*_").strip()
    return " ".join(re.sub(r"^\d{1,2}[.)]\s+", "", text).lower().split())


def _section(line: str) -> str | None:
    if _FIELD.match(line) and _slot(line) is not None:
        return None
    plain = _plain(line)
    if _MODELS.fullmatch(plain):
        return "models"
    if _PAPERS.fullmatch(plain):
        return "papers"
    # A short line set off as a heading ("AI models to use:", "## Papers worth reading") names a list too.
    heading = line.lstrip().startswith(("#", "**", "__")) or line.rstrip().endswith(":")
    if heading and len(plain.split()) <= 4 and not plain.endswith("question"):
        if re.search(r"\b(?:models?|tools?)\b", plain):
            return "models"
        if re.search(r"\b(?:papers?|publications?|literature|references?)\b", plain):
            return "papers"
    return None


def _slot(line: str) -> str | None:
    match = _FIELD.match(line)
    if not match:
        return None
    return _SLOT.get(re.sub(r"[\s._-]", "", match["label"].lower()))


def _find_question(lines: list[str], end: int) -> tuple[str, int] | None:
    """The quoted question among the first `end` lines (preferring one introduced as a question),
    else a `Question: …` line, else the paragraph after a line ending in 'question'."""
    candidates: list[tuple[str, int, bool]] = []
    for i in range(end):
        opening = _OPEN.match(lines[i])
        if not opening:
            continue
        parts, j = [lines[i][opening.end():]], i
        while not _CLOSE.search(parts[-1]) and j + 1 < end and lines[j + 1].strip():
            j += 1
            parts.append(lines[j])
        if not _CLOSE.search(parts[-1]):
            continue
        text = " ".join(p.strip() for p in parts)  # a question wrapped over lines joins with spaces
        text = _CLOSE.sub("", text).strip()
        previous = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        if text:
            candidates.append((text, i + 1, "question" in (lines[i][:opening.start(1)] + previous).lower()))
    for text, line, introduced in candidates:
        if introduced:
            return text, line
    if candidates:
        return candidates[0][0], candidates[0][1]
    for i in range(end):
        match = _FIELD.match(lines[i])
        if match and (match["label"].lower().endswith("question") or match["label"].lower() == "q") \
                and match["value"].strip():
            return match["value"].strip().strip(_QUOTES).strip(), i + 1
        if _plain(lines[i]).endswith("question") and len(lines[i]) < 100:
            k = i + 1
            while k < end and not lines[k].strip():
                k += 1
            para: list[str] = []
            while k + len(para) < end and lines[k + len(para)].strip():
                para.append(lines[k + len(para)].strip().lstrip(">").strip())
            text = " ".join(para).strip(_QUOTES).strip()
            if text:
                return text, k + 1
    return None


def parse_prompt(path: str, text: str) -> tuple[Bundle | None, list[Diagnostic]]:
    """The bundle the prompt describes, and every problem with a line number; None if there is
    no question or no model to import."""
    lines = text.split("\n")
    diagnostics: list[Diagnostic] = []
    lists: dict[str, list[Item]] = {"models": [], "papers": []}
    starts = [i for i, line in enumerate(lines) if _section(line)]
    follows = _fields_follow(lines)
    current: str | None = None
    item: Item | None = None
    last_slot: str | None = None
    for i, line in enumerate(lines):
        number, section = i + 1, _section(line)
        if section:
            current, item, last_slot = section, None, None
            continue
        if current is None:
            continue
        match = _FIELD.match(line)
        slot = _SLOT.get(re.sub(r"[\s._-]", "", match["label"].lower())) if match else None
        if match is None or slot is None:
            if not line.strip() or _DECORATION.match(line):
                last_slot = None
                continue
            if line.lstrip().startswith("#") or _STOP.fullmatch(_plain(line)):
                current, item, last_slot = None, None, None
                continue
            if last_slot == "summary" and item is not None and item.summary is not None:
                item.summary += " " + line.strip()
                continue
            if i and not lines[i - 1].strip() and not follows[i] and not _has_identifier(line):
                current, item, last_slot = None, None, None  # a paragraph after the list: instructions
                continue
            diagnostics.append(warning(path, number, 1, "import.unparsed",
                                       f"not understood in the {current} list, so not imported: "
                                       f"{_snippet(line)!r}",
                                       "write it as `Model:`, `Paper:`, `GitHub:` or `Summary:` lines, "
                                       "or remove it"))
            last_slot = None
            continue
        if item is None or slot in item.slots or (slot == "name" and item.slots):
            item = Item(number)
            lists[current].append(item)
        item.slots.add(slot)
        last_slot = slot
        _fill(item, slot, match["value"], path, number, diagnostics)
    found = _find_question(lines, starts[0] if starts else len(lines))
    if found is None:
        diagnostics.append(error(path, 1, 1, "import.no-question", "no question found",
                                 'write the question in double quotes on its own line, e.g. "How does it know?"'))
    if not lists["models"]:
        where = starts[0] + 1 if starts else 1
        diagnostics.append(error(path, where, 1, "import.no-models", "no recommended model found",
                                 "add a `Recommended AI Models:` heading followed by `Model:` lines"))
    if found is None or not lists["models"]:
        return None, diagnostics
    return Bundle(path, found[0], found[1], tuple(lists["models"]), tuple(lists["papers"])), diagnostics


def _fields_follow(lines: list[str]) -> list[bool]:
    """For each line: does a `Label: value` line of a list come after it, before the list ends?"""
    follows, seen = [False] * len(lines), False
    for i in range(len(lines) - 1, -1, -1):
        follows[i] = seen
        line = lines[i]
        if _section(line) or line.lstrip().startswith("#") or _STOP.fullmatch(_plain(line)):
            seen = False
        elif _slot(line) is not None:
            seen = True
    return follows


def _has_identifier(line: str) -> bool:
    return bool(find_github(line) or find_paper_link(line)[0])


def _fill(item: Item, slot: str, value: str, path: str, line: int, diagnostics: list[Diagnostic]) -> None:
    if not value:
        return
    if slot == "name":
        _fill_name(item, value)
    elif slot == "summary":
        item.summary = value
    elif slot == "paper":
        linked = markdown_link(value)
        link, rest = (read_paper_link(linked[1]), linked[0]) if linked else (read_paper_link(value), "")
        if link is None and not linked:
            link, rest = find_paper_link(value)
        item.paper = item.paper or link
        if link is None and "/" not in value and "." not in value.split()[0]:
            rest = value  # `Paper: <its title>`
        elif link is None:
            diagnostics.append(_bad_link(path, line, "paper", value, "an arXiv id or link, a DOI, or an https URL"))
        if rest.strip("*_ "):
            item.paper_title = " ".join(rest.split()).strip("*_ ").strip()
    elif slot == "github":
        item.github = read_github(value) or find_github(value)
        if item.github is None:
            diagnostics.append(_bad_link(path, line, "GitHub repository", value, "https://github.com/owner/repo"))
    elif slot == "weights":
        item.weights = read_weights(value)
        if item.weights is None:
            diagnostics.append(_bad_link(path, line, "Hugging Face id", value, "owner/name"))


def _fill_name(item: Item, value: str) -> None:
    """`Model: Cellpose`, `Model: [Cellpose](https://github.com/…)` or `Model: Cellpose (https://…)`."""
    linked = markdown_link(value)
    text, url = linked if linked else (value, "")
    if not linked:
        url_github, (url_paper, rest) = find_github(value), find_paper_link(value)
        if url_github or url_paper:
            text = rest if url_paper else re.sub(r"\(?\s*\S*github\.com/\S*\s*\)?", "", value)
            item.github = item.github or url_github
            item.paper = item.paper or url_paper
    elif read_github(url):
        item.github = item.github or read_github(url)
    else:
        item.paper = item.paper or read_paper_link(url)
    item.name = " ".join(text.split()).strip("*_ ").strip() or item.name


def _bad_link(path: str, line: int, what: str, value: str, expected: str) -> Diagnostic:
    return warning(path, line, 1, "import.bad-link", f"{_snippet(value)!r} is not a {what} AskScope can read; "
                   "the entry gets a TODO instead", f"expected {expected}")


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."
