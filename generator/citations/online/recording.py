"""How a request reaches a source: over the network (`fetch`), recorded to a folder on the way
(`Recorder`, `askscope verify --online --record DIR`) or answered from such a folder with no
network at all (`Replayer`, `--replay DIR`), so that a maintainer's real run can be reproduced
offline and attached to a bug report.

A recording is one JSON file per URL asked, holding every answer in order (a retried request
has several): status, the final URL after redirects, the headers that matter and the body, or
the network error. Request headers are never written, so a token cannot end up in a recording.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import http.client
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.output import atomic_write

KEPT_HEADERS = ("content-type", "location", "retry-after", "date", "x-ratelimit-limit", "x-ratelimit-remaining",
                "x-ratelimit-reset", "x-ratelimit-used", "x-ratelimit-resource")
"""The response headers a recording keeps: the ones the verifier reads, and the date of the answer."""
RUN_FILE = "run.json"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    """Lower-case names."""
    body: bytes
    url: str
    """The URL asked."""


Transport = Callable[[str, dict[str, str], float], Response]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an answer of its own: `sources.Http` follows it, so each hop is recorded


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict[str, str], timeout: float) -> Response:
    """One GET over the network, redirects not followed. An HTTP error status is an answer, not an
    exception; only network failures (timeouts, refused connections, DNS) raise `OSError`."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            return Response(answer.status, _lower(answer.headers), answer.read(), answer.geturl())
    except urllib.error.HTTPError as exc:
        with exc:
            body = exc.read() if exc.fp is not None else b""
        return Response(exc.code, _lower(exc.headers), body, exc.geturl() or url)
    except http.client.HTTPException as exc:  # a connection cut mid-answer
        raise ConnectionError(f"{type(exc).__name__}: {exc}") from None


def _lower(headers: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()} if headers is not None else {}


def _file_name(url: str) -> str:
    readable = re.sub(r"[^A-Za-z0-9.]+", "-", url.split("://", 1)[-1])[:60].strip("-")
    return f"{readable}-{hashlib.sha256(url.encode()).hexdigest()[:12]}.json"


def _encode(response: Response) -> dict[str, Any]:
    kept = {k: v for k, v in sorted(response.headers.items()) if k in KEPT_HEADERS}
    entry: dict[str, Any] = {"status": response.status, "url": response.url, "headers": kept}
    try:
        entry["body"] = response.body.decode("utf-8")
    except UnicodeDecodeError:
        entry["body_base64"] = base64.b64encode(response.body).decode("ascii")
    return entry


def _decode(entry: dict[str, Any], url: str) -> Response:
    if "error" in entry:
        raise OSError(f"recorded network failure: {entry['error']}")
    body = (base64.b64decode(entry["body_base64"]) if "body_base64" in entry
            else str(entry.get("body", "")).encode("utf-8"))
    return Response(int(entry["status"]), dict(entry.get("headers") or {}), body, str(entry.get("url") or url))


class Recorder:
    """A transport that asks `transport` and writes every answer (or network failure) under `folder`."""

    def __init__(self, folder: Path, transport: Transport = fetch) -> None:
        self.folder, self.transport = folder, transport
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, url: str, headers: dict[str, str], timeout: float) -> Response:
        try:
            response = self.transport(url, headers, timeout)
        except OSError as exc:
            self._append(url, {"error": f"{type(exc).__name__}: {exc}"})
            raise
        self._append(url, _encode(response))
        return response

    def _append(self, url: str, entry: dict[str, Any]) -> None:
        path = self.folder / _file_name(url)
        answers: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["answers"] if path.exists() else []
        data = {"url": url, "answers": [*answers, entry]}
        atomic_write(path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))

    def finish(self, today: datetime.date) -> None:
        """Note the day of the run, so that a replay writes the same `checked` dates."""
        atomic_write(self.folder / RUN_FILE, json.dumps({"date": today.isoformat()}).encode("utf-8"))


class NotRecorded(OSError):
    """A replay was asked for a URL the recording does not have."""


class Replayer:
    """A transport that answers from a recording: each URL's answers in the order they were recorded,
    the last one again when they run out. Never touches the network."""

    def __init__(self, folder: Path) -> None:
        self.answers: dict[str, list[dict[str, Any]]] = {}
        self.asked: dict[str, int] = {}
        for path in sorted(folder.glob("*.json")):
            if path.name == RUN_FILE:
                continue
            data = json.loads(path.read_text("utf-8"))
            self.answers[str(data["url"])] = list(data["answers"])
        run = folder / RUN_FILE
        self.date = (datetime.date.fromisoformat(json.loads(run.read_text("utf-8"))["date"])
                     if run.exists() else None)

    def __call__(self, url: str, headers: dict[str, str], timeout: float) -> Response:
        answers = self.answers.get(url)
        if not answers:
            raise NotRecorded(f"the recording has no answer for {url}")
        index = self.asked.get(url, 0)
        self.asked[url] = index + 1
        return _decode(answers[min(index, len(answers) - 1)], url)
