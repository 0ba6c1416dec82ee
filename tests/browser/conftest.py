"""Browser test harness: offline headless Chromium driven by Playwright.

* ``page`` gives a Playwright page in a fresh persistent context (temporary
  user-data-dir) of the system Chromium (``/usr/bin/chromium`` or
  ``$ASKSCOPE_CHROMIUM``).  Every request to a host other than 127.0.0.1 /
  localhost / ::1 is aborted and recorded; console errors, page errors and
  dialogs (auto-dismissed) are recorded too.  The records are in the
  ``browser_log`` fixture (a :class:`BrowserLog`).
* ``serve`` is a factory: ``base_url = serve(directory)`` serves a directory
  over HTTP on 127.0.0.1 (ephemeral port) until the test ends.
  :func:`serve_directory` is the same as a context manager.

If Chromium is absent the tests are skipped with that reason, but fail under CI:
``CI`` set to ``true``, ``1`` or ``yes`` (any case; GitHub Actions sets ``true``).
Any other value, empty included, is not CI.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.linkcheck import serve_directory

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})


CI_VALUES = frozenset({"true", "1", "yes"})


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in CI_VALUES


def chromium_path() -> str:
    return os.environ.get("ASKSCOPE_CHROMIUM") or DEFAULT_CHROMIUM


def is_external(url: str) -> bool:
    """True for a network URL whose host is not this machine's loopback."""
    parts = urlsplit(url)
    if parts.scheme not in NETWORK_SCHEMES:
        return False
    return (parts.hostname or "") not in LOCAL_HOSTS


@dataclass
class BrowserLog:
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def serve() -> Iterator[Callable[[str | os.PathLike[str]], str]]:
    with ExitStack() as stack:

        def start(directory: str | os.PathLike[str]) -> str:
            return stack.enter_context(serve_directory(Path(directory)))

        yield start


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        reason = (
            f"Chromium not found at {path!r} (install Debian's 'chromium' package "
            "or set ASKSCOPE_CHROMIUM to a Chromium binary)"
        )
        if running_in_ci():
            pytest.fail(reason + "; browser tests are required in CI", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def playwright_instance(chromium_executable: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def page(
    playwright_instance: Any, chromium_executable: str, browser_log: BrowserLog
) -> Iterator[Any]:
    """A Playwright page of a fresh offline Chromium context."""
    log = browser_log
    user_data_dir = tempfile.mkdtemp(prefix="askscope-chromium-")
    context = playwright_instance.chromium.launch_persistent_context(
        user_data_dir,
        executable_path=chromium_executable,
        headless=True,
        args=CHROMIUM_ARGS,
        service_workers="block",
    )
    try:

        def route(route: Any) -> None:
            url = route.request.url
            if is_external(url):
                log.external_requests.append(url)
                route.abort("blockedbyclient")
            else:
                route.continue_()

        def on_request(request: Any) -> None:
            # Belt and braces: anything that bypassed routing is still recorded.
            if is_external(request.url) and request.url not in log.external_requests:
                log.external_requests.append(request.url)

        def on_websocket(ws: Any) -> None:
            if is_external(ws.url):
                log.external_requests.append(ws.url)

        def on_dialog(dialog: Any) -> None:
            log.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_console(msg: Any) -> None:
            if msg.type == "error":
                log.console_errors.append(msg.text)

        def on_page_error(error: Any) -> None:
            log.page_errors.append(str(error))

        context.route("**/*", route)
        context.on("request", on_request)

        attached: list[Any] = []

        def attach(p: Any) -> None:
            if any(p is seen for seen in attached):
                return
            attached.append(p)
            p.on("websocket", on_websocket)
            p.on("dialog", on_dialog)
            p.on("console", on_console)
            p.on("pageerror", on_page_error)

        context.on("page", attach)
        for existing in context.pages:
            attach(existing)
        pg = context.pages[0] if context.pages else context.new_page()
        attach(pg)
        yield pg
    finally:
        context.close()
        shutil.rmtree(user_data_dir, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    # The marker is registered in pyproject.toml; this keeps the directory
    # usable on its own (e.g. with --strict-markers) before that lands.
    config.addinivalue_line("markers", "browser: needs headless Chromium (tests/browser)")
