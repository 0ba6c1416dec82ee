"""Are a refactoring's outputs byte-identical? Builds the real registry and the search test registry with a
past commit and with the working tree, and lists every file that differs.

    python -m bench.same_outputs REV

Compared, for each registry: the site of `mkdocs build --strict`, the pages and exports of `askscope generate`,
what `askscope check --strict` prints, and `askscope schema`. Pages built from the project's own hand-written
docs (CONTRIBUTING, the README) are left out: a move that renames a file is expected to change them. Exit 0 when
nothing differs, 1 otherwise.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ("site/contributing/", "site/pagefind/")
"""The search index holds the hand-written pages' text too."""
_TIMING = re.compile(rb"in [0-9.]+ seconds")


def outputs(checkout: Path, work: Path) -> dict[str, bytes]:
    """Every output of `checkout` (a project tree), by name."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(checkout)}
    for module in [m for m in sys.modules if m == "tests" or m.startswith(("tests.", "generator"))]:
        del sys.modules[module]  # the other checkout's
    sys.path.insert(0, str(checkout))
    try:
        from tests.conftest import make_project  # this checkout's own copy of the project
        from tests.registries import search_registry_dir
    finally:
        sys.path.remove(str(checkout))
    found: dict[str, bytes] = {}
    registries = {"real": checkout / "registry", "search": search_registry_dir(work / "search-registry")}
    for name, registry in registries.items():
        project = make_project(work / name, registry)
        for label, args in (("build", ["-m", "mkdocs", "build", "--strict"]),
                            ("generate", ["-m", "generator", "generate", "--out", "generated"]),
                            ("check", ["-m", "generator", "check", "--strict"])):
            run = subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, check=False)
            said = (run.stdout + run.stderr).replace(str(project).encode(), b"PROJECT")
            found[f"{name}/{label}.txt"] = _TIMING.sub(b"in N seconds", said) + f"\nexit {run.returncode}\n".encode()
        for folder in ("site", "generated"):
            for path in sorted((project / folder).rglob("*")):
                if path.is_file():
                    found[f"{name}/{path.relative_to(project).as_posix()}"] = path.read_bytes()
    schema = subprocess.run([sys.executable, "-m", "generator", "schema"], cwd=checkout, env=env,
                            capture_output=True, check=False)
    found["schema.json"] = schema.stdout + schema.stderr
    left_out = set(outputs_left_out(found))
    return {name: data for name, data in found.items() if name not in left_out}


def outputs_left_out(names: Iterable[str]) -> list[str]:
    """The outputs made from the project's hand-written docs."""
    return [name for name in names if name.split("/", 1)[-1].startswith(HAND_WRITTEN)]


def differences(before: Mapping[str, bytes], after: Mapping[str, bytes]) -> list[str]:
    """Each output that is missing on one side or whose bytes differ, as `name: what`."""
    names = sorted(set(before) | set(after))
    return [f"{name}: {'only before' if name not in after else 'only after' if name not in before else 'differs'}"
            for name in names if before.get(name) != after.get(name)]


def checkout_of(rev: str, target: Path) -> Path:
    """The tree of commit `rev` in `target`."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=REPO, capture_output=True, check=True)
    archive_path = target.with_suffix(".tar")
    archive_path.write_bytes(archive.stdout)
    with tarfile.open(archive_path) as tar:
        tar.extractall(target, filter="data")
    return target


def main(rev: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        before = outputs(checkout_of(rev, work / "before-tree"), work / "before")
        after = outputs(REPO, work / "after")
    found = differences(before, after)
    print(f"{len(before)} outputs at {rev}, {len(after)} in the working tree, {len(found)} differ")
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
