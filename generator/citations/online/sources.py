"""Ask the sources: the arXiv API, doi.org content negotiation, Crossref and the GitHub REST API.

Every request is retried on timeouts, connection errors, 429 (honouring Retry-After),
5xx and unreadable answers, with exponential backoff; what still fails becomes an
`unreachable` or `rate-limited` answer, never an exception. Base URLs come from
`ASKSCOPE_ARXIV_API`, `ASKSCOPE_DOI_API`, `ASKSCOPE_CROSSREF_API` and
`ASKSCOPE_GITHUB_API`, so tests (and mirrors) can point them elsewhere.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar
from urllib.parse import quote, urlencode

from generator import __version__
from generator.registry import identifiers

T = TypeVar("T")
ATOM = "{http://www.w3.org/2005/Atom}"
USER_AGENT = f"AskScope-citation-verifier/{__version__}"


@dataclass(frozen=True)
class Found:
    """What a source says about one identifier."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    full_name: str | None = None
    archived: bool | None = None
    default_branch: str | None = None


@dataclass(frozen=True)
class Answer:
    status: str  # "found", "not-found", "unreachable" or "rate-limited"
    found: Found | None = None
    detail: str = ""


@dataclass
class Endpoints:
    arxiv: str = "https://export.arxiv.org/api/query"
    doi: str = "https://doi.org"
    crossref: str = "https://api.crossref.org"
    github: str = "https://api.github.com"
    github_token: str = ""

    @classmethod
    def from_environment(cls) -> Endpoints:
        env = os.environ
        default = cls()
        return cls(env.get("ASKSCOPE_ARXIV_API", default.arxiv), env.get("ASKSCOPE_DOI_API", default.doi),
                   env.get("ASKSCOPE_CROSSREF_API", default.crossref),
                   env.get("ASKSCOPE_GITHUB_API", default.github), env.get("GITHUB_TOKEN", ""))


class Malformed(ValueError):
    """The source answered, but not in a form we can read."""


class _RateLimited(Exception):
    def __init__(self, wait: float) -> None:
        super().__init__(wait)
        self.wait = wait


@dataclass
class Http:
    """GET with retries. `sleep` and the delays are injectable so tests run fast."""

    timeout: float = 20.0
    attempts: int = 4
    backoff: float = 2.0
    max_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    log: list[str] = field(default_factory=list)

    def get(self, url: str, headers: dict[str, str], parse: Callable[[bytes, dict[str, str]], T]) -> T | Answer:
        """`parse(body, headers)` the answer; 404/410 give `not-found`; failures after retries give
        `unreachable` or `rate-limited`."""
        last = Answer("unreachable", detail="no attempt made")
        for attempt in range(self.attempts):
            delay = self.backoff * 2**attempt
            try:
                return self._once(url, headers, parse)
            except _RateLimited as exc:
                last = Answer("rate-limited", detail=f"rate-limited by {url}")
                delay = max(delay, exc.wait)
            except urllib.error.HTTPError as exc:
                if exc.code in (404, 410):
                    return Answer("not-found", detail=f"HTTP {exc.code} from {url}")
                last = Answer("unreachable", detail=f"HTTP {exc.code} from {url}")
                if exc.code < 500:
                    return last
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                last = Answer("unreachable", detail=f"{type(exc).__name__} for {url}: {exc}")
            except Malformed as exc:
                last = Answer("unreachable", detail=f"unreadable answer from {url}: {exc}")
            self.log.append(f"attempt {attempt + 1} failed: {last.detail}")
            if attempt + 1 < self.attempts:
                if delay > self.max_wait:
                    break
                self.sleep(delay)
        return last

    def _once(self, url: str, headers: dict[str, str], parse: Callable[[bytes, dict[str, str]], T]) -> T:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read()
                answer_headers = {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as exc:
            remaining = exc.headers.get("X-RateLimit-Remaining") if exc.headers else None
            if exc.code == 429 or (exc.code == 403 and remaining == "0"):
                raise _RateLimited(_retry_after(exc.headers)) from None
            raise
        if body.strip() == b"Rate exceeded.":
            raise _RateLimited(0.0)
        return parse(body, answer_headers)


def _retry_after(headers: Any) -> float:
    value = headers.get("Retry-After") if headers else None
    try:
        return max(0.0, float(value)) if value is not None else 0.0
    except ValueError:
        return 0.0


def _text(element: ET.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def parse_arxiv_feed(body: bytes, _headers: dict[str, str] | None = None) -> dict[str, Found]:
    """An arXiv Atom feed → {canonical id: what it says}. Error entries and absent ids are left out."""
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
        result[arxiv_id] = Found(title=title, authors=authors, year=_year(published[:4]))
    return result


def _year(text: Any) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _csl_found(data: Any) -> Found:
    """CSL-JSON (doi.org) or a Crossref `message`: title, authors, issued year."""
    if not isinstance(data, dict):
        raise Malformed("expected a JSON object")
    title = data.get("title")
    title = title[0] if isinstance(title, list) and title else title
    authors = []
    for person in data.get("author") or []:
        if isinstance(person, dict):
            name = " ".join(str(person[p]) for p in ("given", "family") if person.get(p)) or person.get("name", "")
            authors.append(str(name))
    parts = (data.get("issued") or data.get("published") or {}).get("date-parts") or [[None]]
    year = _year(parts[0][0] if parts and parts[0] else None)
    if not isinstance(title, str) or not title.strip():
        raise Malformed("no title in the metadata")
    return Found(title=" ".join(title.split()), authors=tuple(authors), year=year)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Malformed(f"not JSON: {exc}") from None


class Sources:
    """One client per run: the endpoints, the HTTP policy and arXiv's pacing."""

    def __init__(self, endpoints: Endpoints, http: Http, arxiv_interval: float = 3.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.endpoints, self.http, self.arxiv_interval, self.clock = endpoints, http, arxiv_interval, clock
        self._last_arxiv: float | None = None

    def arxiv(self, ids: list[str]) -> dict[str, Answer]:
        """One batched `id_list` request, at most one per `arxiv_interval` seconds."""
        if self._last_arxiv is not None:
            wait = self.arxiv_interval - (self.clock() - self._last_arxiv)
            if wait > 0:
                self.http.sleep(wait)
        query = urlencode({"id_list": ",".join(ids), "max_results": str(len(ids))})
        answer = self.http.get(f"{self.endpoints.arxiv}?{query}", {"Accept": "application/atom+xml"},
                               parse_arxiv_feed)
        self._last_arxiv = self.clock()
        if isinstance(answer, Answer):
            return dict.fromkeys(ids, answer)
        return {i: Answer("found", answer[i]) if i in answer else Answer("not-found", detail="not in arXiv's answer")
                for i in ids}

    def doi(self, doi: str) -> tuple[Literal["doi", "crossref"], Answer]:
        """doi.org content negotiation (CSL-JSON), falling back to Crossref; returns (source, answer)."""
        url = f"{self.endpoints.doi.rstrip('/')}/{quote(doi, safe='/:;()')}"
        answer = self.http.get(url, {"Accept": "application/vnd.citationstyles.csl+json"},
                               lambda body, _: _csl_found(_json(body)))
        if isinstance(answer, Found):
            return "doi", Answer("found", answer)
        if answer.status == "not-found":
            return "doi", answer
        url = f"{self.endpoints.crossref.rstrip('/')}/works/{quote(doi, safe='/:;()')}"
        fallback = self.http.get(url, {"Accept": "application/json"},
                                 lambda body, _: _csl_found((_json(body) or {}).get("message")))
        return "crossref", Answer("found", fallback) if isinstance(fallback, Found) else fallback

    def github(self, repo: str) -> Answer:
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
        if self.endpoints.github_token:
            headers["Authorization"] = f"Bearer {self.endpoints.github_token}"
        answer = self.http.get(f"{self.endpoints.github.rstrip('/')}/repos/{repo}", headers,
                               lambda body, _: _github_found(_json(body)))
        return Answer("found", answer) if isinstance(answer, Found) else answer


def _github_found(data: Any) -> Found:
    if not isinstance(data, dict) or not isinstance(data.get("full_name"), str):
        raise Malformed("no full_name in the repository data")
    return Found(full_name=data["full_name"], archived=bool(data.get("archived")),
                 default_branch=str(data.get("default_branch") or "") or None)
