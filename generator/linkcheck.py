"""Link-check a built site with LinkChecker, served over HTTP on 127.0.0.1.

Serving (rather than checking files) lets LinkChecker resolve directory URLs, and
works when it drops root privileges. The server sends a `LinkChecker` header, so
LinkChecker applies its configured request rate instead of throttling the host.
Internal links and assets are fetched; external links are checked for syntax only.
"""

from __future__ import annotations

import collections
import functools
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# The rate: LinkChecker waits 1/rate to 6/rate between requests to a host that sends the header, so at
# 200 it waited ~17 ms per URL, which was most of its time. One thread: it is then CPU-bound, and more
# threads only contend for its interpreter lock (1,000 questions: 32 s with 1 thread, 37 s with 4).
# The size limits: LinkChecker does not read a page over 1 MB (its default), and the list of all questions
# passes that at ~6,000 questions; unread, its links went unchecked.
LINKCHECKER_CONFIG = """\
[checking]
threads=1
maxrequestspersecond=10000
maxfilesizeparse=268435456
maxfilesizedownload=268435456
timeout=20
[filtering]
checkextern=0
[output]
status=0
"""


EXTERNAL_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=10000
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


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # LinkChecker may hang up early: not news
            super().handle_error(request, client_address)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "askscope")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(directory: Path,
                    handler_class: type[http.server.SimpleHTTPRequestHandler] = _SiteHandler) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port; yields the base URL (ending in `/`)."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
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
            command = [*_linkchecker(), "--config", str(config), *extra_args]
            env = {**os.environ, "HOME": tmp}
            if external or (os.cpu_count() or 1) < 2 or not (site_dir / "questions" / "index.html").is_file():
                return subprocess.run([*command, base_url], check=False, env=env).returncode
            return _check_in_two_parts(command, base_url, env, site_dir)


def _check_in_two_parts(command: list[str], base_url: str, env: dict[str, str], site_dir: Path) -> int:
    """Two LinkChecker processes at once, one per core: one reads most question pages, the other every
    other page. Each still checks every link it finds (a page it does not read is fetched, not parsed),
    so together they check what one process would; the exit status is the worse of the two."""
    base = re.escape(base_url)
    ends = _ends_of_most_question_ids(site_dir)
    some_questions = f"questions/[^/]*[{ends}]/"
    parts = [[*command, f"--no-follow-url=^{base}{some_questions}", base_url],
             [*command, f"--no-follow-url=^{base}(?!{some_questions}|questions/(?:index\\.html)?$)",
              base_url + "questions/"]]
    processes = [subprocess.Popen(part, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env) for part in parts]
    outputs = [process.communicate()[0] for process in processes]
    for output in outputs:
        sys.stdout.write(output.decode("utf-8", "replace"))
    sys.stdout.flush()
    return max(process.returncode for process in processes)


def _ends_of_most_question_ids(site_dir: Path, share: float = 0.75) -> str:
    """Last characters of about `share` of the question pages' ids (ids are [a-z0-9-], never ending in `-`):
    reading the other pages, and fetching every link, is about as much work as reading the rest of them."""
    ids = [page.parent.name for page in (site_dir / "questions").glob("*/index.html")]
    counts = collections.Counter(i[-1] for i in ids if i and (i[-1].isascii() and i[-1].isalnum()))
    chosen, covered = [], 0
    for char, count in counts.most_common():
        if covered >= share * len(ids):
            break
        chosen.append(char)
        covered += count
    return "".join(chosen) or "a-z0-9"
