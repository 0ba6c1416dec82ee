"""A forked child process that does part of a run's work on the machine's second CPU and sends the results
back through a pipe, one message per named result, in an order both sides know.

The child is a copy of this process: it sees the registry, the pages and their code as they are, with nothing
to pickle on the way in. It leaves with `os._exit`, so it never runs this process's exit handlers or flushes
its buffers.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import BinaryIO, NoReturn

PIPE_SIZE = 1 << 20
"""Linux's default maximum for an unprivileged process (/proc/sys/fs/pipe-max-size): the child can run ahead."""

PROCESSES = "ASKSCOPE_PROCESSES"
"""Set to 1, no child is forked: everything runs in one process (to profile a run, say). Set to 2, a child is
forked even with one CPU (the tests do, so that they run the same on any machine). Unset: a child with a
second CPU."""

_LENGTH = struct.Struct("<Q")


def worth_forking() -> bool:
    """A platform that forks, no other thread (a forked child could inherit a lock held by one of them, and
    MkDocs' server runs threads), and a second CPU or ASKSCOPE_PROCESSES=2; never with ASKSCOPE_PROCESSES=1."""
    asked = os.environ.get(PROCESSES, "")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return (hasattr(os, "fork") and threading.active_count() == 1 and asked != "1"
            and (cpus > 1 or asked == "2"))


def send(pipe: BinaryIO, message: bytes) -> None:
    """In the child: send the next result."""
    pipe.write(_LENGTH.pack(len(message)))
    pipe.write(message)
    pipe.flush()


class Child:
    """Runs `work(pipe)` in a forked child, which `send`s one message per name in `names`, in that order."""

    def __init__(self, work: Callable[[BinaryIO], None], names: Sequence[Hashable]) -> None:
        read, write = os.pipe()
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only (and no fcntl on Windows)
            import fcntl

            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
        pid = os.fork()
        if pid == 0:
            _run_child(read, write, work)
        os.close(write)
        self.pid = pid
        self._results = os.fdopen(read, "rb")
        self._order = iter(names)
        self._waiting: dict[Hashable, bytes] = {}
        self._ended = False

    def receive(self, name: Hashable) -> bytes | None:
        """The message the child sent as `name`; None if it ended (failed, or was stopped) before sending it."""
        while name not in self._waiting and not self._ended:
            self._read_next()
        return self._waiting.pop(name, None)

    def _read_next(self) -> None:
        name = next(self._order, None)
        header = self._results.read(_LENGTH.size) if name is not None else b""
        if len(header) == _LENGTH.size:
            (size,) = _LENGTH.unpack(header)
            message = self._results.read(size)
            if len(message) == size:
                self._waiting[name] = message
                return
        self._ended = True  # every name received, or the child ended early

    def stop(self) -> None:
        """End the child, done or not."""
        self._ended = True
        self._results.close()
        with contextlib.suppress(ProcessLookupError, ChildProcessError):  # already ended and reaped
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def _run_child(read: int, write: int, work: Callable[[BinaryIO], None]) -> NoReturn:
    code = 1
    try:
        os.close(read)
        with os.fdopen(write, "wb") as pipe:
            work(pipe)
        code = 0
    finally:
        os._exit(code)
