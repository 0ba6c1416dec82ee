"""The vendored Mermaid (docs/assets/vendor/mermaid/, written by `make vendor-mermaid`) is what its SHA256SUMS
says, the version the Makefile and its README pin, and complete: every module it imports is there, from this
site, with nothing fetched from elsewhere."""

from __future__ import annotations

import hashlib
import re

from tests.conftest import REPO

VENDOR = REPO / "docs" / "assets" / "vendor" / "mermaid"
ENTRY = VENDOR / "mermaid.esm.min.mjs"
# `import … from"x"`, `import"x"`, `export … from"x"` and `import("x")`, as esbuild writes them.
IMPORT = re.compile(r"""(?:\bfrom|\bimport\(?)\s*"([^"]+)"(?=\)|;|$)""", re.M)


def vendored() -> set[str]:
    return {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"README.md", "SHA256SUMS"}


def test_sha256sums_list_every_vendored_file_and_match() -> None:
    listed = {}
    for line in (VENDOR / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == vendored()
    wrong = [name for name, digest in listed.items()
             if hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() != digest]
    assert wrong == []


def test_version_is_the_pinned_one() -> None:
    version = re.search(r"^MERMAID_VERSION := (\S+)$", (REPO / "Makefile").read_text("utf-8"), re.M)
    assert version
    assert f'"{version[1]}"' in ENTRY.read_text("utf-8")
    assert f"**{version[1]}**" in (VENDOR / "README.md").read_text("utf-8")


def test_every_import_is_a_vendored_module_and_nothing_points_elsewhere() -> None:
    missing, foreign = [], []
    for path in VENDOR.rglob("*.mjs"):
        text = path.read_text("utf-8")
        assert "sourceMappingURL" not in text, path
        for target in IMPORT.findall(text):
            if not target.startswith("./") and not target.startswith("../"):
                foreign.append(f"{path.name}: {target}")
            elif not (path.parent / target).resolve().is_file():
                missing.append(f"{path.name}: {target}")
    assert missing == [] and foreign == []


def test_the_flowchart_is_imported_on_demand() -> None:
    text = ENTRY.read_text("utf-8")
    assert re.search(r'import\("\./chunks/mermaid\.esm\.min/flowDiagram-\w+\.mjs"\)', text)
    assert not re.search(r'from\s*"\./chunks/mermaid\.esm\.min/flowDiagram', text)
