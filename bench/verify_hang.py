"""How long `askscope verify --online` takes when every service hangs, with the default timeout and deadline.

`python -m bench.verify_hang [REGISTRY]` serves a port on 127.0.0.1 that accepts every connection and never
answers, points the four service addresses at it, runs `askscope verify --online` on a copy of REGISTRY
(default: registry/) and prints the wall time, the connections the verifier opened, its exit status and
whether the lock changed. The guard's bound (generator/citations/online/guard.py) is 4 services x 3
requests x the timeout, plus two waits before retries per service (2 s and 4 s): 4 x (3 x 10 + 6) = 144 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("registry", nargs="?", type=Path, default=Path("registry"))
    args = parser.parse_args()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    env = {"ASKSCOPE_ARXIV_API": f"{base}/arxiv/api/query", "ASKSCOPE_DOI_API": f"{base}/doi",
           "ASKSCOPE_CROSSREF_API": f"{base}/crossref", "ASKSCOPE_GITHUB_API": f"{base}/github"}
    with tempfile.TemporaryDirectory() as folder:
        registry = Path(folder) / "registry"
        shutil.copytree(args.registry, registry)
        before = (registry / "citations.lock.yaml").read_bytes()
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "generator", "verify", "--online"], cwd=folder,
                                env={**_environment(), **env}, capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - start
        unchanged = (registry / "citations.lock.yaml").read_bytes() == before
    listener.close()
    summary = [line for line in result.stderr.splitlines() if "unreachable" in line or "could not" in line]
    print(f"every service hangs: {elapsed:.1f} s, {len(accepted)} connections, exit status {result.returncode}, "
          f"lock {'unchanged' if unchanged else 'CHANGED'}, traceback: {'Traceback' in result.stderr}")
    print("\n".join(summary))


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}


if __name__ == "__main__":
    main()
