"""Run the whole test suite with other versions than the lock's: the newest that pyproject.toml's ranges
allow today (`newest`), or the lowest it claims to support (`lowest`, uv's lowest-direct resolution).

    python requirements/try_versions.py newest|lowest

Writes .upstream/<mode>/: requirements.txt (what was resolved), differs.txt (each package whose version is
not the lock's), failures.txt (the tests that failed or errored), pytest.txt (the whole run) and
status.txt (`passed`, or how it failed); the venv
is .upstream/<mode>/venv. Exits with pytest's status, so a scheduled job can tell a break from a pass.
Run by `make upstream` / `make lowest` and .github/workflows/upstream.yml.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "requirements" / "test.txt"
RESOLUTION = {"newest": ["--upgrade"], "lowest": ["--resolution", "lowest-direct"]}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def pins(text: str) -> dict[str, str]:
    """Package name (normalised as PEP 503 does) → pinned version, from a requirements file's text."""
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(text)}


def differences(locked: dict[str, str], tried: dict[str, str]) -> list[str]:
    """One line per package whose version differs from the lock, or that only one side has."""
    lines = []
    for name in sorted(locked.keys() | tried.keys()):
        old, new = locked.get(name, "(absent)"), tried.get(name, "(absent)")
        if old != new:
            lines.append(f"{name}: lock {old}, tried {new}")
    return lines


def failures(pytest_output: str) -> list[str]:
    """The `FAILED …` and `ERROR …` lines of pytest's short summary (`-ra`)."""
    return [line for line in pytest_output.splitlines() if line.startswith(("FAILED ", "ERROR "))]


def main(mode: str) -> int:
    out = REPO / ".upstream" / mode
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    venv.create(out / "venv", with_pip=True)
    python = str(out / "venv" / "bin" / "python")
    resolved = out / "requirements.txt"
    uv = Path(sys.executable).parent / "uv"
    subprocess.run([str(uv), "pip", "compile", "pyproject.toml", "--extra", "test",
                    "--extra", "dev", "--python", python, "--quiet", "-o", str(resolved), *RESOLUTION[mode]],
                   cwd=REPO, check=True)
    pip = [python, "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run([*pip, "-r", str(resolved)], check=True)
    subprocess.run([*pip, "-e", str(REPO)], check=True)
    differs = differences(pins(LOCK.read_text("utf-8")), pins(resolved.read_text("utf-8")))
    (out / "differs.txt").write_text("".join(line + "\n" for line in differs), "utf-8")
    print(f"{mode}: {len(differs)} package versions differ from requirements/test.txt", flush=True)
    run = subprocess.run([python, "-m", "pytest", "-p", "no:cacheprovider"], cwd=REPO, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    (out / "pytest.txt").write_text(run.stdout, "utf-8")
    (out / "failures.txt").write_text("".join(line + "\n" for line in failures(run.stdout)), "utf-8")
    (out / "status.txt").write_text("passed\n" if run.returncode == 0 else f"failed (pytest exit {run.returncode})\n")
    print(run.stdout[-3000:])
    return run.returncode


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in RESOLUTION:
        sys.exit("usage: python requirements/try_versions.py newest|lowest")
    sys.exit(main(sys.argv[1]))
