"""arXiv's Atom API, doi.org content negotiation, Crossref and the GitHub REST API as recorded: served on
127.0.0.1 from the real answers in tests/data/responses/ (`tests/recorded.py`), never from bodies made here.

What no real recording was found for is scripted and named as such: failures (429 with Retry-After, 5xx,
timeouts, GitHub's rate limit, unreadable answers) and the 301 GitHub sends for a renamed repository.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .recorded import Exchange, only

ARXIV_UNKNOWN = "arxiv.py/id_0000.0000_s0_m100_8b51d9633a68.json"
"""arXiv's real answer for an id it does not know: an empty feed."""
CROSSREF_404 = "habanero/test_works_bad_id_warn.yaml"
GITHUB_404 = "PyGithub/Exceptions.testUnknownObject.txt"


@dataclass
class FakeServices:
    arxiv: dict[str, Exchange] = field(default_factory=dict)
    """The `id_list` asked (comma-separated, as the client sends it) → a recorded feed. Any other
    query gets arXiv's recorded empty feed."""
    dois: dict[str, Exchange] = field(default_factory=dict)
    """DOI (lower case) → recorded CSL-JSON (doi.org). Any other DOI: 404 with no body (doi.org's
    real 404 page was not found recorded; only its status is relied on)."""
    crossref: dict[str, Exchange] = field(default_factory=dict)
    """DOI (lower case) → recorded Crossref `/works` answer. Any other DOI: Crossref's recorded 404."""
    repos: dict[str, Exchange] = field(default_factory=dict)
    """owner/repo → recorded GitHub answer. Any other repository: GitHub's recorded 404."""
    renamed: dict[str, str] = field(default_factory=dict)
    """SCRIPTED: owner/repo → owner/repo it was renamed to, or the absolute URL GitHub gives
    (`https://api.github.com/repositories/<id>`); answered 301 with that Location."""
    failures: dict[str, list[str]] = field(default_factory=dict)
    """SCRIPTED: service ("arxiv", "doi", "crossref", "github"), or "service:key" for one identifier
    (the `id_list`, DOI or owner/repo as asked) → what the next requests get instead:
    "429", "429:<retry-after>", "500", "503", "timeout", "malformed", "ratelimit"."""
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    timeout_seconds: float = 1.0

    def endpoints(self, base: str) -> dict[str, str]:
        return {"ASKSCOPE_ARXIV_API": f"{base}/arxiv/api/query", "ASKSCOPE_DOI_API": f"{base}/doi",
                "ASKSCOPE_CROSSREF_API": f"{base}/crossref", "ASKSCOPE_GITHUB_API": f"{base}/github"}

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        service = path.split("/")[1]
        self.requests.append((service, path, headers))
        parts = urlsplit(path)
        key = (parse_qs(parts.query).get("id_list", [""])[0] if service == "arxiv"
               else unquote(parts.path).split("/", 2)[2].removeprefix("works/").removeprefix("repos/"))
        queue = self.failures.get(f"{service}:{key}") or self.failures.get(service)
        if queue:
            return self._failure(service, queue.pop(0))
        if service == "arxiv":
            return _serve(self.arxiv.get(key) or only(ARXIV_UNKNOWN))
        if service == "doi":
            recorded = self.dois.get(key.lower())
            return _serve(recorded) if recorded else (404, {}, b"")
        if service == "crossref":
            return _serve(self.crossref.get(key.lower()) or only(CROSSREF_404))
        repo = key
        target = next((new for old, new in self.renamed.items() if old.lower() == repo.lower()), None)
        if target:
            location = target if "://" in target else f"{path.split('/repos/')[0]}/repos/{target}"
            return 301, {"Location": location}, b""
        recorded = next((v for k, v in self.repos.items() if k.lower() == repo.lower()), None)
        return _serve(recorded or only(GITHUB_404))

    def _failure(self, service: str, failure: str) -> tuple[int, dict[str, str], bytes]:
        if failure == "timeout":
            time.sleep(self.timeout_seconds)
            return 200, {}, b""
        if failure == "malformed":
            return 200, {}, b"<html>not what you asked for" if service == "arxiv" else b"{not json"
        if failure == "ratelimit":
            return 403, {"X-RateLimit-Remaining": "0"}, b""
        code, _, retry_after = failure.partition(":")
        return int(code), ({"Retry-After": retry_after} if retry_after else {}), b""


def _serve(exchange: Exchange) -> tuple[int, dict[str, str], bytes]:
    kept = {k: v for k, v in exchange.headers.items() if k in ("content-type", "retry-after")
            or k.startswith("x-ratelimit")}
    return exchange.status, kept, exchange.body


@contextmanager
def serve(services: FakeServices) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            code, headers, body = services.answer(self.path, {k.lower(): v for k, v in self.headers.items()})
            try:
                self.send_response(code)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
