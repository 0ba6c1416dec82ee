"""Serve a built site on 127.0.0.1 the way GitHub Pages does: text (HTML, CSS, JavaScript, JSON, SVG, XML)
gzip-compressed when the browser accepts gzip, everything else as it is on disk; cacheable for 10 minutes."""

from __future__ import annotations

import gzip
import http.server
import os
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from generator.linkcheck import serve_directory

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        # Module scripts must come as JavaScript (a browser refuses them otherwise), whatever mime.types says.
        return "text/javascript" if str(path).endswith((".js", ".mjs")) else super().guess_type(path)

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and content_type.startswith(COMPRESSED_TYPES)):
            super().do_GET()  # redirects, 404s and files sent as they are
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_gzip(directory: Path) -> AbstractContextManager[str]:
    """Serve `directory` on a free port of 127.0.0.1 with gzip; yields the base URL (ending in `/`)."""
    return serve_directory(directory, GzipHandler)
