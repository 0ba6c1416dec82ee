"""A stand-in for arXiv's Atom API, doi.org content negotiation, Crossref and the GitHub REST API,
served on 127.0.0.1, with scriptable failures: 429 with Retry-After, 5xx, timeouts, rate limits
and malformed answers."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape


@dataclass
class FakeServices:
    arxiv: dict[str, tuple[str, list[str], str]] = field(default_factory=dict)
    """arXiv id → (title, authors, published date)."""
    dois: dict[str, dict[str, Any]] = field(default_factory=dict)
    """DOI → CSL-JSON (doi.org); Crossref serves the same data as its `message`."""
    repos: dict[str, dict[str, Any]] = field(default_factory=dict)
    """owner/repo → GitHub repository JSON."""
    failures: dict[str, list[str]] = field(default_factory=dict)
    """Service ("arxiv", "doi", "crossref", "github") → what the next requests get instead:
    "429", "429:<retry-after>", "500", "503", "timeout", "malformed", "ratelimit"."""
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    timeout_seconds: float = 1.0

    def endpoints(self, base: str) -> dict[str, str]:
        return {"ASKSCOPE_ARXIV_API": f"{base}/arxiv/api/query", "ASKSCOPE_DOI_API": f"{base}/doi",
                "ASKSCOPE_CROSSREF_API": f"{base}/crossref", "ASKSCOPE_GITHUB_API": f"{base}/github"}

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        service = path.split("/")[1]
        self.requests.append((service, path, headers))
        queue = self.failures.get(service)
        if queue:
            failure = queue.pop(0)
            if failure == "timeout":
                time.sleep(self.timeout_seconds)
                return 200, {}, b""
            if failure == "malformed":
                return 200, {}, b"<html>not what you asked for" if service == "arxiv" else b"{not json"
            if failure == "ratelimit":
                return 403, {"X-RateLimit-Remaining": "0"}, b'{"message": "API rate limit exceeded"}'
            code, _, retry_after = failure.partition(":")
            return int(code), ({"Retry-After": retry_after} if retry_after else {}), b"busy"
        handler = {"arxiv": self._arxiv, "doi": self._doi, "crossref": self._crossref, "github": self._github}
        return handler[service](path)

    def _arxiv(self, path: str) -> tuple[int, dict[str, str], bytes]:
        ids = parse_qs(urlsplit(path).query).get("id_list", [""])[0].split(",")
        entries = []
        for arxiv_id in ids:
            if arxiv_id not in self.arxiv:
                continue
            title, authors, published = self.arxiv[arxiv_id]
            names = "".join(f"<author><name>{escape(a)}</name></author>" for a in authors)
            wrapped = escape(title).replace(" ", "\n  ", 1)  # arXiv hard-wraps long titles
            entries.append(f"<entry><id>http://arxiv.org/abs/{arxiv_id}v2</id><published>{published}</published>"
                           f"<title>{wrapped}</title>{names}</entry>")
        feed = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title>'
                f'{"".join(entries)}</feed>')
        return 200, {"Content-Type": "application/atom+xml"}, feed.encode()

    def _doi(self, path: str) -> tuple[int, dict[str, str], bytes]:
        doi = unquote(urlsplit(path).path.removeprefix("/doi/")).lower()
        if doi not in self.dois:
            return 404, {}, b"DOI Not Found"
        return 200, {"Content-Type": "application/vnd.citationstyles.csl+json"}, json.dumps(self.dois[doi]).encode()

    def _crossref(self, path: str) -> tuple[int, dict[str, str], bytes]:
        doi = unquote(urlsplit(path).path.removeprefix("/crossref/works/")).lower()
        if doi not in self.dois:
            return 404, {}, b"Resource not found."
        return 200, {"Content-Type": "application/json"}, json.dumps({"message": self.dois[doi]}).encode()

    def _github(self, path: str) -> tuple[int, dict[str, str], bytes]:
        repo = urlsplit(path).path.removeprefix("/github/repos/")
        data = next((v for k, v in self.repos.items() if k.lower() == repo.lower()), None)
        if data is None:
            return 404, {}, b'{"message": "Not Found"}'
        return 200, {"Content-Type": "application/json"}, json.dumps(data).encode()


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
