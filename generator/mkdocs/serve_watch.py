"""Under `mkdocs serve`: start the rebuild as soon as a registry file is saved.

MkDocs polls the watched folders every 0.5 s (polling works on network and container mounts, where the
operating system's change notifications may not), then waits 0.1 s for more changes: a save waited
~0.35 s on average before the rebuild began. This adds the operating system's notifications (inotify,
FSEvents, ReadDirectoryChangesW, through watchdog) for the registry and wakes MkDocs' rebuild loop the way
its own watcher does. The polling stays: where notifications do not arrive, a save is seen as before.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger("mkdocs.plugins.askscope")

CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""Event types that can change what the generator reads. Not "opened" or "closed_no_write": the generator
reads every registry file on each build, and those events would start the next build forever."""


class _Nudge(FileSystemEventHandler):
    def __init__(self, wake: threading.Condition, server: Any) -> None:
        self._wake = wake
        self._server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        log.debug("askscope: registry changed: %s %s", event.event_type, event.src_path)
        with self._wake:  # what MkDocs' own watcher does (mkdocs.livereload.LiveReloadServer.watch)
            self._server._want_rebuild = True
            self._wake.notify_all()


def start(server: Any, folder: Path) -> BaseObserver | None:
    """Watch `folder` and wake `server`'s rebuild loop on every change; the observer to stop at shutdown, or
    None when this MkDocs has no rebuild loop to wake or the system gives no notifications for `folder`."""
    wake = getattr(server, "_rebuild_cond", None)
    if not isinstance(wake, threading.Condition) or not hasattr(server, "_want_rebuild") or not folder.is_dir():
        log.debug("askscope: %s is watched by MkDocs' polling only", folder)
        return None
    observer = Observer()
    try:
        observer.schedule(_Nudge(wake, server), str(folder), recursive=True)
        observer.start()
    except OSError as error:  # e.g. the inotify watch limit; MkDocs' polling still sees every save
        observer.stop()
        log.info("askscope: no change notifications for %s (%s); MkDocs' polling will see saves", folder, error)
        return None
    return observer


def stop(observer: BaseObserver | None) -> None:
    if observer is not None:
        observer.stop()
        observer.join(timeout=5)
