"""Link-check a built site with LinkChecker, served over HTTP on 127.0.0.1.

Serving (rather than checking files) lets LinkChecker resolve directory URLs, and
works when it drops root privileges. The server sends a `LinkChecker` header, so
LinkChecker applies its configured request rate instead of throttling the host.
Internal links and assets are fetched; external links are checked for syntax only.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LINKCHECKER_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=200
timeout=20
[filtering]
checkextern=0
[output]
status=0
"""


EXTERNAL_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=200
timeout=30
[filtering]
checkextern=1
ignore=
  ^https?://(www\\.|export\\.)?arxiv\\.org/
[output]
status=0
"""
"""`--external`: links to other sites are fetched too. LinkChecker paces each external host on its own
(only our server sends the header that lifts the pacing); arxiv.org is skipped, since `askscope verify
--online` checks every arXiv id through the arXiv API, as arXiv asks of automated clients."""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "askscope")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port; yields the base URL (ending in `/`)."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _linkchecker() -> list[str]:
    script = Path(sys.executable).with_name("linkchecker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linkcheck"]


def check_links(site_dir: Path, extra_args: tuple[str, ...] = (), external: bool = False) -> int:
    """Run LinkChecker over the site; returns its exit status (0 clean, 1 broken links, 2 failure).
    With `external`, links to other sites are checked as well (see EXTERNAL_CONFIG)."""
    with tempfile.TemporaryDirectory(prefix="askscope-linkcheck-") as tmp:
        os.chmod(tmp, 0o755)
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(EXTERNAL_CONFIG if external else LINKCHECKER_CONFIG, "utf-8")
        os.chmod(config, 0o644)
        with serve_directory(site_dir) as base_url:
            command = [*_linkchecker(), "--config", str(config), *extra_args, base_url]
            return subprocess.run(command, check=False, env={**os.environ, "HOME": tmp}).returncode
