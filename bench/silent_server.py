"""A port on 127.0.0.1 where no service answers properly: it accepts every connection and then never answers
(`answer=None`), or answers every request with the same bytes (an HTTP 500, a 429) and closes. Used by
bench/verify_hang.py and the verifier's guard tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def silent_server(answer: bytes | None = None) -> Iterator[tuple[str, list[socket.socket]]]:
    """The server's base URL and the connections it accepted so far (one per request)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                connection = listener.accept()[0]
            except OSError:
                return
            accepted.append(connection)
            if answer is not None:
                connection.recv(65536)
                connection.sendall(answer)
                connection.close()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
