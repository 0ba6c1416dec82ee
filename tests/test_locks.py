"""The lock files and the upstream watch's helper (requirements/): what `make site` and `make test` install."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "requirements"


def try_versions() -> ModuleType:
    spec = importlib.util.spec_from_file_location("try_versions", REQUIREMENTS / "try_versions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def locked(name: str) -> dict[str, str]:
    pins: dict[str, str] = try_versions().pins((REQUIREMENTS / name).read_text("utf-8"))
    return pins


def test_every_pin_is_exact_and_hashed() -> None:
    for name in ("site.txt", "test.txt"):
        text = (REQUIREMENTS / name).read_text("utf-8")
        requirements = [block for block in re.split(r"\n(?=\S)", text) if block and not block.startswith("#")]
        assert requirements, name
        for block in requirements:
            assert re.match(r"[a-z0-9][a-z0-9._-]*==\S+", block), block.splitlines()[0]
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_the_test_lock_holds_the_site_lock_at_the_same_versions() -> None:
    site, test = locked("site.txt"), locked("test.txt")
    assert site and {name: test.get(name) for name in site} == site


def names(specs: Iterable[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower() for spec in specs}


def test_every_direct_dependency_and_the_build_backend_are_locked() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    runtime = names(project["project"]["dependencies"]) | names(project["build-system"]["requires"]) | {"pip"}
    extras = names(spec for group in project["project"]["optional-dependencies"].values() for spec in group)
    assert runtime <= set(locked("site.txt"))
    assert runtime | extras <= set(locked("test.txt"))


def test_pins_differences_and_failures() -> None:
    module = try_versions()
    lock = module.pins("PyYAML==6.0.3 \\\n    --hash=sha256:aa\nmkdocs==1.6.1 ; python_version >= '3.11'\n")
    assert lock == {"pyyaml": "6.0.3", "mkdocs": "1.6.1"}
    tried = module.pins("pyyaml==6.0.4\nmkdocs==1.6.1\nzipp==3.20\n")
    assert module.differences(lock, tried) == ["pyyaml: lock 6.0.3, tried 6.0.4", "zipp: lock (absent), tried 3.20"]
    output = "....\nFAILED tests/a.py::b - AssertionError\nERROR tests/c.py::d\n= 1 failed =\n"
    assert module.failures(output) == ["FAILED tests/a.py::b - AssertionError", "ERROR tests/c.py::d"]
