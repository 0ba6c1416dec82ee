"""bench/weight.py and bench/gzip_server.py without a browser: what the server sends, how responses are
counted, and the table."""

from __future__ import annotations

import gzip
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench import weight
from bench.gzip_server import serve_gzip


def _get(url: str, gzip_ok: bool = True) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(response.headers), response.read()


def test_text_is_sent_gzip_compressed_and_images_as_they_are(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>hello</p>" * 100, "utf-8")
    (tmp_path / "a.mjs").write_text("export const a = 1;\n" * 50, "utf-8")
    (tmp_path / "i.png").write_bytes(b"\x89PNG" + bytes(100))
    with serve_gzip(tmp_path) as base:
        headers, body = _get(base + "page/")
        assert headers["Content-Encoding"] == "gzip" and int(headers["Content-Length"]) == len(body)
        assert gzip.decompress(body) == (tmp_path / "page" / "index.html").read_bytes()
        headers, body = _get(base + "a.mjs")
        assert headers["Content-Type"] == "text/javascript" and headers["Content-Encoding"] == "gzip"
        headers, body = _get(base + "i.png")
        assert "Content-Encoding" not in headers and body == (tmp_path / "i.png").read_bytes()
        headers, body = _get(base + "a.mjs", gzip_ok=False)
        assert "Content-Encoding" not in headers and body.startswith(b"export")
        assert headers["Cache-Control"] == "max-age=600"
        headers, body = _get(base + "page")  # redirected to page/, as GitHub Pages does
        assert body.startswith(b"\x1f\x8b")


@dataclass
class FakeResponse:
    body_bytes: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> bytes:
        return self.body_bytes


@dataclass
class FakeRequest:
    url: str
    response_: FakeResponse | None
    body_size: int

    def response(self) -> FakeResponse | None:
        return self.response_

    def sizes(self) -> dict[str, int]:
        return {"responseBodySize": self.body_size}


def test_requests_are_counted_as_received_and_search_on_its_own() -> None:
    requests = [
        FakeRequest("http://127.0.0.1:1/", FakeResponse(b"x" * 1000, {"content-length": "100"}), 100),
        FakeRequest("http://127.0.0.1:1/pagefind/x.pf_meta", FakeResponse(b"s" * 500, {"content-length": "50"}),
                    50),
        # A worker's request: Playwright gives no size, the Content-Length counts.
        FakeRequest("http://127.0.0.1:1/pagefind/pagefind-worker.js",
                    FakeResponse(b"w" * 300, {"content-length": "30"}), 0),
        FakeRequest("http://127.0.0.1:1/cached.css", FakeResponse(b"c" * 999, {"content-length": "99"}), -260),
        FakeRequest("https://unpkg.com/mermaid.js", None, 0),
        FakeRequest("data:image/svg+xml,<svg/>", None, 0),
    ]
    row = weight.Weight("page")
    weight.count(row, requests)
    assert (row.requests, row.compressed, row.uncompressed) == (5, 180, 1800)
    assert (row.search_requests, row.search_uncompressed, row.without_search) == (2, 800, 1000)
    assert row.external == ["https://unpkg.com/mermaid.js"]


def test_the_table_says_what_was_measured() -> None:
    rows = [weight.Weight("home", 10, 150 * 1024, 600 * 1024, 2, 377 * 1024),
            weight.Weight("question", 37, 387 * 1024, 1517 * 1024, 2, 377 * 1024, diagram_ms=439.6)]
    text = weight.render(rows)
    assert "| home " in text and "600 KB" in text and "223 KB" in text and "2 req., 377 KB" in text
    assert "440 ms" in text and "1,517 KB" in text
    assert text.endswith("Requests to other hosts: none.")


def test_without_a_built_site_it_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="run `make site` first"):
        weight.main([str(tmp_path)])
