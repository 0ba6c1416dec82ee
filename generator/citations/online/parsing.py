"""Read what the sources answer: an arXiv Atom feed, CSL-JSON (doi.org) or a Crossref work, a GitHub repository.

Pure functions of the response body, tested against real recorded answers in `tests/data/responses/`.
What real answers do that these functions undo: arXiv hard-wraps long titles over several lines and
escapes `&`, `<` and `>`; Crossref wraps title markup in JATS tags (`<jats:i>`) and HTML entities;
CSL-JSON gives `title` as a string where Crossref gives a list; dates come as `date-parts`
(`[[2012, 3, 21]]`, sometimes strings, sometimes `[[null]]`) under `issued`, `published-print`,
`published-online` or `published`.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from generator.registry import identifiers

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
DATE_FIELDS = ("issued", "published-print", "published-online", "published")
"""Where a year is looked for, in order: `issued` is the earliest of print and online
publication (what CSL processors cite); the others are what a record may carry instead."""

_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True)
class Found:
    """What a source says about one identifier."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    doi: str | None = None
    full_name: str | None = None
    archived: bool | None = None
    default_branch: str | None = None


class Malformed(ValueError):
    """The source answered, but not in a form we can read."""


def clean_title(text: str) -> str:
    """One line of plain text: markup tags (JATS, MathML, HTML) dropped, entities decoded, whitespace folded."""
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _text(element: ET.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def parse_arxiv_feed(body: bytes, _headers: dict[str, str] | None = None) -> dict[str, Found]:
    """An arXiv Atom feed → {canonical id: what it says}. Error entries are left out, as are ids
    the feed does not mention (arXiv answers an unknown id with an empty feed)."""
    try:
        feed = ET.fromstring(body)
    except ET.ParseError as exc:
        raise Malformed(f"not an Atom feed: {exc}") from None
    if feed.tag != f"{ATOM}feed":
        raise Malformed("not an Atom feed")
    result: dict[str, Found] = {}
    for entry in feed.iter(f"{ATOM}entry"):
        title, entry_id = _text(entry.find(f"{ATOM}title")), _text(entry.find(f"{ATOM}id"))
        if title == "Error" or "/api/errors" in entry_id:
            continue
        try:
            arxiv_id = identifiers.canonical_arxiv(entry_id.replace("https://", "http://", 1))
        except ValueError:
            raise Malformed(f"entry id {entry_id!r} is not an arXiv id") from None
        published = _text(entry.find(f"{ATOM}published"))
        authors = tuple(_text(a.find(f"{ATOM}name")) for a in entry.iter(f"{ATOM}author"))
        doi = _text(entry.find(f"{ARXIV}doi")) or None
        result[arxiv_id] = Found(title=clean_title(title), authors=authors, year=_year(published[:4]), doi=doi)
    return result


def parse_error_feed(body: bytes) -> str | None:
    """arXiv's explanation in an error feed (HTTP 400 for a malformed id), if the body is one."""
    try:
        feed = ET.fromstring(body)
    except ET.ParseError:
        return None
    for entry in feed.iter(f"{ATOM}entry"):
        if "/api/errors" in _text(entry.find(f"{ATOM}id")):
            return _text(entry.find(f"{ATOM}summary")) or "error"
    return None


def _year(value: Any) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1000 <= year <= 9999 else None


def date_year(data: dict[str, Any]) -> int | None:
    """The year of the first of `DATE_FIELDS` that has one: `date-parts` (numbers or strings), else `raw`."""
    for name in DATE_FIELDS:
        date = data.get(name)
        if not isinstance(date, dict):
            continue
        parts = date.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = _year(parts[0][0])
            if year is not None:
                return year
        raw = re.search(r"\b\d{4}\b", str(date.get("raw") or date.get("literal") or ""))
        if raw:
            return _year(raw.group())
    return None


def _person(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    name = " ".join(" ".join(str(person[p]).split()) for p in ("given", "family") if person.get(p))
    return name or " ".join(str(person.get("name") or person.get("literal") or "").split())


def parse_csl(data: Any) -> Found:
    """CSL-JSON (doi.org) or a Crossref `message`: title, authors, year and DOI."""
    if not isinstance(data, dict):
        raise Malformed("expected a JSON object")
    title = data.get("title")
    title = title[0] if isinstance(title, list) and title else title
    if not isinstance(title, str) or not clean_title(title):
        raise Malformed("no title in the metadata")
    authors = tuple(name for name in map(_person, data.get("author") or []) if name)
    doi = data.get("DOI")
    return Found(title=clean_title(title), authors=authors, year=date_year(data),
                 doi=doi.lower() if isinstance(doi, str) else None)


def parse_csl_body(body: bytes, _headers: dict[str, str] | None = None) -> Found:
    return parse_csl(parse_json(body))


def parse_crossref_body(body: bytes, _headers: dict[str, str] | None = None) -> Found:
    data = parse_json(body)
    return parse_csl(data.get("message") if isinstance(data, dict) else None)


def parse_github(body: bytes, _headers: dict[str, str] | None = None) -> Found:
    """A GitHub repository: its name as GitHub spells it now (after a rename), archived flag, default branch."""
    data = parse_json(body)
    if not isinstance(data, dict) or not isinstance(data.get("full_name"), str):
        raise Malformed("no full_name in the repository data")
    return Found(full_name=data["full_name"], archived=bool(data.get("archived")),
                 default_branch=str(data.get("default_branch") or "") or None)


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Malformed(f"not JSON: {exc}") from None
