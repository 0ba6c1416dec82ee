"""Identifiers as people paste them into prompts: bare, as Markdown links, in angle brackets, inside a
sentence (`Paper: Cellpose (https://doi.org/…)`), without `https://`. Each is returned in the
canonical form of `identifiers`, or None when the text holds no identifier AskScope can read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.registry import identifiers

_MD_LINK = re.compile(r"^\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)$|^<(?P<angle>[^>\s]+)>$")
_URL = re.compile(r"(?:https?://|(?:www\.)?(?:arxiv\.org|doi\.org|github\.com)/)[^\s<>\[\]()\"'`]+", re.IGNORECASE)
_ARXIV_ID = re.compile(r"\barxiv:\s*[\w./-]+|\b\d{4}\.\d{4,5}(?:v\d+)?\b", re.IGNORECASE)
_DOI = re.compile(r"\b(?:doi:\s*)?10\.\d{4,9}/[^\s<>\[\]()\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?"


@dataclass(frozen=True)
class Link:
    """A paper's identifier, canonical: kind is `arxiv`, `doi` or `url`."""

    kind: str
    value: str


def unwrap(value: str) -> str:
    """`[text](url)` or `<url>` → url; surrounding backticks and trailing punctuation removed."""
    value = value.strip().strip("`").strip().rstrip(_TRAILING)
    match = _MD_LINK.match(value)
    if match:
        value = match["url"] or match["angle"]
    return value.rstrip(_TRAILING)


def markdown_link(value: str) -> tuple[str, str] | None:
    """(text, url) of a value that is one Markdown link."""
    match = _MD_LINK.match(value.strip().rstrip(_TRAILING))
    return (match["text"].strip(), match["url"]) if match and match["url"] else None


def _with_scheme(text: str) -> str:
    lowered = text.lower()
    return "https://" + text if lowered.startswith(("arxiv.org/", "www.arxiv.org/", "doi.org/", "github.com/",
                                                    "www.github.com/")) else text


def read_paper_link(value: str) -> Link | None:
    """An arXiv id or link (abs/pdf/html, any version), a DOI or doi.org link, or an https URL."""
    text = _with_scheme(unwrap(value))
    for kind, read in (("arxiv", identifiers.canonical_arxiv), ("doi", identifiers.canonical_doi),
                       ("url", identifiers.canonical_url)):
        try:
            return Link(kind, read(text))
        except ValueError:
            continue
    return None


def read_github(value: str) -> str | None:
    text = _with_scheme(unwrap(value))
    if "/" not in text or ("://" in text and "github.com" not in text.lower()):
        return None
    try:
        return identifiers.canonical_github(text)
    except ValueError:
        return None


def read_weights(value: str) -> str | None:
    try:
        return identifiers.canonical_huggingface(unwrap(value))
    except ValueError:
        return None


def find_paper_link(text: str) -> tuple[Link | None, str]:
    """The first paper identifier written somewhere in `text`, and the text around it (e.g. a title)."""
    for pattern in (_URL, _DOI, _ARXIV_ID):
        for match in pattern.finditer(text):
            link = read_paper_link(match.group().rstrip(_TRAILING))
            if link is not None and not (pattern is _URL and "github.com" in link.value.lower()):
                rest = (text[:match.start()] + text[match.end():]).replace("()", "").replace("<>", "")
                return link, " ".join(rest.split()).strip(" -:,;")
    return None, text


def find_github(text: str) -> str | None:
    """The first GitHub repository linked somewhere in `text`."""
    for match in _URL.finditer(text):
        if "github.com" in match.group().lower():
            repo = read_github(match.group().rstrip(_TRAILING))
            if repo:
                return repo
    return None
