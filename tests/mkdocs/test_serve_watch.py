"""Under `mkdocs serve` the hook wakes MkDocs' rebuild loop from the operating system's change notifications
for the registry, instead of waiting for MkDocs' next poll (generator/mkdocs/serve_watch.py). These run a real
LiveReloadServer whose polling observer never polls, so only the notifications can start a build."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from generator.mkdocs import generate_hook as mkdocs_hook
from generator.mkdocs import serve_watch


class Served:
    def __init__(self, project: Path) -> None:
        self.registry = project / "registry"
        self.builds = 0
        self.built = threading.Event()
        self.server = LiveReloadServer(builder=self._build, host="127.0.0.1", port=0, root=str(project))
        self.server.observer = PollingObserver(timeout=3600)  # MkDocs' own watcher: no poll during a test
        self.server.watch(str(self.registry))
        config = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))
        mkdocs_hook.on_serve(self.server, config=config, builder=self._build)
        assert mkdocs_hook._registry_watch is not None, "no change notifications for the registry (see the log)"
        self.thread = threading.Thread(target=self.server.serve)
        self.thread.start()

    def _build(self) -> None:
        for path in sorted(self.registry.rglob("*.yaml")):  # as the generator does on every build
            path.read_bytes()
        self.builds += 1
        self.built.set()

    def close(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        mkdocs_hook.on_shutdown()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    (tmp_path / "registry" / "questions").mkdir(parents=True)
    for name in ("a", "b"):
        (tmp_path / "registry" / "questions" / f"{name}.yaml").write_text(f"id: {name}\n", "utf-8")
    served = Served(tmp_path)
    try:
        yield served
    finally:
        served.close()


def _wait(event: threading.Event) -> None:
    assert event.wait(timeout=20), "no build started (MkDocs' polling is off, so only a notification can start one)"


def test_a_save_in_the_registry_starts_a_build(served: Served) -> None:
    (served.registry / "questions" / "a.yaml").write_text("id: a\ntitle: edited\n", "utf-8")
    _wait(served.built)
    served.built.clear()
    (served.registry / "questions" / "c.yaml").write_text("id: c\n", "utf-8")  # a new file
    _wait(served.built)
    served.built.clear()
    (served.registry / "questions" / "b.yaml").unlink()
    _wait(served.built)


def test_an_editor_s_save_by_rename_starts_a_build(served: Served) -> None:
    temporary = served.registry / "questions" / ".a.yaml.swp"
    temporary.write_text("id: a\ntitle: renamed into place\n", "utf-8")
    _wait(served.built)  # writing the editor's temporary file is itself a change
    served.built.clear()
    temporary.replace(served.registry / "questions" / "a.yaml")
    _wait(served.built)


def test_reading_the_registry_does_not_start_a_build(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.askscope")
    (served.registry / "questions" / "a.yaml").read_bytes()
    # Notifications arrive in order: by the time this write's is handled, the read's have been.
    (served.registry / "questions" / "b.yaml").write_text("id: b\ntitle: edited\n", "utf-8")
    _wait(served.built)
    changed = [record.getMessage() for record in caplog.records if "registry changed" in record.getMessage()]
    assert changed, "the write was not logged"
    assert all(message.endswith("b.yaml") for message in changed), changed


def test_the_builds_own_reads_do_not_start_another(served: Served) -> None:
    (served.registry / "questions" / "a.yaml").write_text("id: a\ntitle: edited\n", "utf-8")
    _wait(served.built)
    time.sleep(1.0)  # a build reads every file; were reads taken for changes, builds would follow each other
    assert served.builds <= 2, f"{served.builds} builds for one save"  # ~10 a second if they did


def test_without_a_rebuild_loop_to_wake_nothing_is_started(tmp_path: Path) -> None:
    class FutureServer:  # a MkDocs whose server has other internals
        pass

    server: Any = FutureServer()
    assert serve_watch.start(server, tmp_path) is None
    live = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert serve_watch.start(live, tmp_path / "no-registry") is None
    live.server_close()
    serve_watch.stop(None)
