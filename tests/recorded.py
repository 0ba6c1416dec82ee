"""Real answers of arXiv, Crossref, doi.org and GitHub, read from the recordings other projects made
(tests/data/responses/, see its SOURCES.md), in their own formats and without changing a byte of the body."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

RESPONSES = Path(__file__).resolve().parent / "data" / "responses"


@dataclass(frozen=True)
class Exchange:
    url: str
    status: int
    headers: dict[str, str]
    """Lower-case names; empty where the recording kept none."""
    body: bytes


def load(name: str) -> list[Exchange]:
    """Every request and answer in one recording, in order. `name` is its path under tests/data/responses."""
    path = RESPONSES / name
    text = path.read_text("utf-8")
    if path.suffix == ".xml":  # arxiv.py: the raw feed, named after its query
        return [Exchange(f"https://export.arxiv.org/api/query?{path.stem}", 200,
                         {"content-type": "application/atom+xml"}, text.encode("utf-8"))]
    if path.suffix == ".json":  # arxiv.py: {"url", "status_code", "body"}
        data = json.loads(text)
        return [Exchange(data["url"], data["status_code"], {"content-type": "application/atom+xml"},
                         data["body"].encode("utf-8"))]
    if path.suffix == ".yaml":  # VCR.py cassette (habanero)
        return [_vcr(interaction) for interaction in yaml.safe_load(text)["interactions"]]
    return _pygithub(text)


def only(name: str) -> Exchange:
    """The last exchange of a recording (the one a test is about)."""
    return load(name)[-1]


def _vcr(interaction: dict[str, object]) -> Exchange:
    request, response = interaction["request"], interaction["response"]
    assert isinstance(request, dict) and isinstance(response, dict)
    headers = {k.lower(): v[0] for k, v in (response.get("headers") or {}).items()}
    content = response["content"] if "content" in response else response["body"]["string"]
    return Exchange(request["uri"], response["status_code"], headers, str(content).encode("utf-8"))


def _pygithub(text: str) -> list[Exchange]:
    """PyGithub's ReplayData: per exchange, 10 lines (scheme, method, host, port, path, request headers,
    request body, status, response headers as a list of pairs, response body) and a blank line."""
    lines = text.split("\n")
    exchanges = []
    while len(lines) >= 10 and lines[0]:
        scheme, _, host, _, path, _, _, status, headers, body = lines[:10]
        pairs = ast.literal_eval(headers)
        exchanges.append(Exchange(f"{scheme}://{host}{path}", int(status), {k.lower(): v for k, v in pairs},
                                  body.encode("utf-8")))
        lines = lines[11:]
    return exchanges


def path_of(exchange: Exchange) -> str:
    parts = urlsplit(exchange.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
