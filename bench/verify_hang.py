"""How long `askscope verify --online` takes when no service answers, with the default timeout and deadline.

`python -m bench.verify_hang [REGISTRY] [--mode hang|500|429]...` serves a port on 127.0.0.1 that, in each
mode, accepts every connection and never answers (`hang`), answers every request with HTTP 500, or with
HTTP 429 and no Retry-After; points the four service addresses at it; runs `askscope verify --online` on a
copy of REGISTRY (default: registry/) and prints the wall time, the requests (connections) it made, its exit
status and whether the lock changed. The guard's bound (generator/citations/online/guard.py) with every
service hanging is 4 services x 3 requests x the 10 s timeout, plus two waits before retries per service
(2 s and 4 s): 4 x (3 x 10 + 6) = 144 s; answering 500 or 429 at once, about the waits alone, 4 x 6 = 24 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .silent_server import silent_server

_ANSWERS = {"500": b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "429": b"HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"}


def measure(registry_dir: Path, mode: str) -> str:
    with silent_server(_ANSWERS.get(mode)) as (base, accepted):
        env = {"ASKSCOPE_ARXIV_API": f"{base}/arxiv/api/query", "ASKSCOPE_DOI_API": f"{base}/doi",
               "ASKSCOPE_CROSSREF_API": f"{base}/crossref", "ASKSCOPE_GITHUB_API": f"{base}/github"}
        environment = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
        with tempfile.TemporaryDirectory() as folder:
            registry = Path(folder) / "registry"
            shutil.copytree(registry_dir, registry)
            before = (registry / "citations.lock.yaml").read_bytes()
            start = time.monotonic()
            result = subprocess.run([sys.executable, "-m", "generator", "verify", "--online"], cwd=folder,
                                    env={**environment, **env}, capture_output=True, text=True, check=False)
            elapsed = time.monotonic() - start
            unchanged = (registry / "citations.lock.yaml").read_bytes() == before
    summary = next((line for line in result.stderr.splitlines() if "could not be checked" in line), "")
    return (f"{mode}: {elapsed:.1f} s, {len(accepted)} requests, exit status {result.returncode}, "
            f"lock {'unchanged' if unchanged else 'CHANGED'}, traceback: {'Traceback' in result.stderr}; {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("registry", nargs="?", type=Path, default=Path("registry"))
    parser.add_argument("--mode", action="append", choices=["hang", "500", "429"],
                        help="what the services do (repeat for several; default: all three)")
    args = parser.parse_args()
    for mode in args.mode or ["hang", "500", "429"]:
        print(measure(args.registry, mode), flush=True)


if __name__ == "__main__":
    main()
