"""Ask the sources: the arXiv API, doi.org content negotiation, Crossref and the GitHub REST API.

Every request is retried on timeouts, connection errors, 429 (honouring Retry-After, or GitHub's
`x-ratelimit-reset`), 5xx and unreadable answers, with exponential backoff; what still fails becomes
an `unreachable` or `rate-limited` answer, never an exception. A `guard.Guard` stops asking a service
that keeps failing, and stops the run at its deadline. Base URLs come from
`ASKSCOPE_ARXIV_API`, `ASKSCOPE_DOI_API`, `ASKSCOPE_CROSSREF_API` and `ASKSCOPE_GITHUB_API`, so
tests (and mirrors) can point them elsewhere. Reading the answers is `parsing`'s job; how a
request travels (network, recorded, replayed) is `recording`'s.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar
from urllib.parse import quote, urlencode, urljoin

from generator import __version__
from generator.citations.online.guard import DEFAULT_TIMEOUT, Guard
from generator.citations.online.parsing import (
    Found,
    Malformed,
    parse_arxiv_feed,
    parse_crossref_body,
    parse_csl_body,
    parse_github,
)
from generator.citations.online.recording import Response, Transport, fetch

T = TypeVar("T")
USER_AGENT = f"AskScope-citation-verifier/{__version__}"
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5


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

    def rebase(self, url: str) -> str:
        """A redirect to a real service's address goes to the configured one instead (a mirror, or a
        recording served locally), so that a redirect never leaves the endpoints chosen."""
        real = Endpoints()
        for default, chosen in ((real.github, self.github), (real.crossref, self.crossref), (real.doi, self.doi),
                                (real.arxiv, self.arxiv)):
            if chosen.rstrip("/") != default and url.startswith(default + "/"):
                return chosen.rstrip("/") + url.removeprefix(default)
        return url


class _RateLimited(Exception):
    def __init__(self, wait: float) -> None:
        super().__init__(wait)
        self.wait = wait


@dataclass
class Http:
    """GET with retries. `sleep`, `clock`, the delays and the transport are injectable, so tests run
    fast and a run can be recorded or replayed (`recording`)."""

    timeout: float = DEFAULT_TIMEOUT
    """Seconds a request may wait for the service (per socket operation), cut to the time the guard has left."""
    attempts: int = 4
    backoff: float = 2.0
    max_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    transport: Transport = fetch
    clock: Callable[[], float] = time.time
    rebase: Callable[[str], str] = str
    """Where a redirect goes: `Sources` points the real services' addresses at the configured ones."""
    log: list[str] = field(default_factory=list)
    guard: Guard = field(default_factory=Guard)
    """The circuit breakers and the deadline of the run (`guard`)."""

    def get(self, url: str, headers: dict[str, str], parse: Callable[[bytes, dict[str, str]], T],
            service: str = "") -> T | Answer:
        """`parse(body, headers)` the answer; 404/410 give `not-found`; failures after retries give
        `unreachable` or `rate-limited`, and so does a request the guard refuses (`guard`)."""
        last = Answer("unreachable", detail="no attempt made")
        for attempt in range(self.attempts):
            refusal = self.guard.refusal(service)
            if refusal is not None:
                return last if attempt else Answer(refusal[0], detail=refusal[1])
            delay = self.backoff * 2**attempt
            try:
                found = self._once(url, headers, parse)
                self.guard.answered(service)
                return found
            except _RateLimited as exc:
                last = Answer("rate-limited", detail=f"rate-limited by {url}")
                delay = max(delay, exc.wait)
            except _Status as exc:
                if exc.code < 500:
                    self.guard.answered(service)
                    return Answer("not-found" if exc.code in (404, 410) else "unreachable",
                                  detail=f"HTTP {exc.code} from {url}")
                last = Answer("unreachable", detail=f"HTTP {exc.code} from {url}")
            except OSError as exc:
                last = Answer("unreachable", detail=f"{type(exc).__name__} for {url}: {exc}")
            except Malformed as exc:
                last = Answer("unreachable", detail=f"unreadable answer from {url}: {exc}")
            self.guard.failed(service, last.status)
            self.log.append(f"attempt {attempt + 1} failed: {last.detail}")
            if attempt + 1 < self.attempts:
                if delay > self.max_wait or not self.guard.may_wait(delay) or self.guard.refusal(service):
                    break
                self.sleep(delay)
        return last

    def _once(self, url: str, headers: dict[str, str], parse: Callable[[bytes, dict[str, str]], T]) -> T:
        response = self.transport(url, {"User-Agent": USER_AGENT, **headers}, self.guard.timeout(self.timeout))
        for _ in range(MAX_REDIRECTS):  # GitHub answers a renamed repository with 301, doi.org with 302
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location:
                break
            url = self.rebase(urljoin(url, location))
            response = self.transport(url, {"User-Agent": USER_AGENT, **headers}, self.guard.timeout(self.timeout))
        if response.status == 429 or (response.status == 403 and
                                      response.headers.get("x-ratelimit-remaining") == "0"):
            raise _RateLimited(self._wait(response))
        if not 200 <= response.status < 300:
            raise _Status(response.status)
        if response.body.strip() == b"Rate exceeded.":
            raise _RateLimited(0.0)
        return parse(response.body, response.headers)

    def _wait(self, response: Response) -> float:
        """Retry-After in seconds, else GitHub's x-ratelimit-reset (epoch seconds) from now, else 0."""
        for name, offset in (("retry-after", 0.0), ("x-ratelimit-reset", self.clock())):
            try:
                return max(0.0, float(response.headers[name]) - offset)
            except (KeyError, ValueError):
                continue
        return 0.0


class _Status(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class Sources:
    """One client per run: the endpoints, the HTTP policy and arXiv's pacing."""

    def __init__(self, endpoints: Endpoints, http: Http, arxiv_interval: float = 3.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.endpoints, self.http, self.arxiv_interval, self.clock = endpoints, http, arxiv_interval, clock
        self._last_arxiv: float | None = None
        http.rebase = endpoints.rebase

    def arxiv(self, ids: list[str]) -> dict[str, Answer]:
        """One batched `id_list` request, at most one per `arxiv_interval` seconds."""
        if self._last_arxiv is not None:
            wait = self.arxiv_interval - (self.clock() - self._last_arxiv)
            if wait > 0:
                self.http.sleep(wait)
        query = urlencode({"id_list": ",".join(ids), "max_results": str(len(ids))})
        answer = self.http.get(f"{self.endpoints.arxiv}?{query}", {"Accept": "application/atom+xml"},
                               parse_arxiv_feed, "arxiv")
        self._last_arxiv = self.clock()
        if isinstance(answer, Answer):
            return dict.fromkeys(ids, answer)
        return {i: Answer("found", answer[i]) if i in answer else Answer("not-found", detail="not in arXiv's answer")
                for i in ids}

    def doi(self, doi: str) -> tuple[Literal["doi", "crossref"], Answer]:
        """doi.org content negotiation (CSL-JSON), falling back to Crossref; returns (source, answer)."""
        url = f"{self.endpoints.doi.rstrip('/')}/{quote(doi, safe='/:;()')}"
        answer = self.http.get(url, {"Accept": "application/vnd.citationstyles.csl+json"}, parse_csl_body, "doi")
        if isinstance(answer, Found):
            return "doi", Answer("found", answer)
        if answer.status == "not-found":
            return "doi", answer
        url = f"{self.endpoints.crossref.rstrip('/')}/works/{quote(doi, safe='/:;()')}"
        fallback = self.http.get(url, {"Accept": "application/json"}, parse_crossref_body, "crossref")
        return "crossref", Answer("found", fallback) if isinstance(fallback, Found) else fallback

    def github(self, repo: str) -> Answer:
        """GitHub answers a renamed repository with 301 to its new address, which is followed; the
        answer's `full_name` is then the new name."""
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
        if self.endpoints.github_token:
            headers["Authorization"] = f"Bearer {self.endpoints.github_token}"
        answer = self.http.get(f"{self.endpoints.github.rstrip('/')}/repos/{repo}", headers, parse_github, "github")
        return Answer("found", answer) if isinstance(answer, Found) else answer
