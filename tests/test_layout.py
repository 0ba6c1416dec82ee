"""The layout of `generator/` shows the pipeline: imports point only down it, every package says what it owns,
and no module grows past what a newcomer reads in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import REPO

GENERATOR = REPO / "generator"

LAYERS = [
    ("generator", "generator.diagnostics"),
    ("generator.memo", "generator.output", "generator.linkcheck"),
    ("generator.registry",),
    ("generator.citations",),
    ("generator.citations.online", "generator.pages", "generator.contribute"),
    ("generator.exports", "generator.check"),
    ("generator.build", "generator.drafting"),
    ("generator.mkdocs",),
    ("generator.cli",),
    ("generator.__main__",),
]
"""From the bottom of the pipeline up. A part may import its own modules and any part of a lower layer; parts of
one layer do not import each other."""

MOST_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(module: str) -> str:
    """The most specific part of LAYERS that `module` belongs to."""
    parts = [part for layer in LAYERS for part in layer if module == part or module.startswith(part + ".")]
    return max(parts, key=len)


def layer_of(part: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if part in layer)


def imported_modules(path: Path) -> set[str]:
    """The project modules `path` imports: `from generator.a import b` counts as `generator.a.b` when that is a
    module, `generator.a` otherwise."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; import absolutely, from `generator.`"
            if node.module and node.module.split(".")[0] == "generator":
                found |= {_module_of(f"{node.module}.{alias.name}") or node.module for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "generator"}
    return found


def _module_of(name: str) -> str | None:
    path = REPO.joinpath(*name.split("."))
    return name if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file() else None


def wrong_imports(modules: dict[str, set[str]]) -> list[str]:
    """Each import that points up the pipeline or sideways between parts of one layer, as `importer -> imported`."""
    wrong = []
    for importer, imports in sorted(modules.items()):
        mine = part_of(importer)
        for imported in sorted(imports):
            theirs = part_of(imported)
            if theirs != mine and layer_of(theirs) >= layer_of(mine):
                wrong.append(f"{importer} -> {imported}")
    return wrong


MODULES = {module_name(path): imported_modules(path) for path in sorted(GENERATOR.rglob("*.py"))}


def test_every_module_belongs_to_a_part_of_the_pipeline() -> None:
    assert [m for m in MODULES if m != "generator" and part_of(m) == "generator"] == []


def test_imports_point_only_down_the_pipeline() -> None:
    assert wrong_imports(MODULES) == []


@pytest.mark.parametrize(("importer", "imported"), [
    ("generator.registry.loading", "generator.pages.escape"),  # up
    ("generator.pages.render", "generator.contribute.naming"),  # sideways, same layer
    ("generator.citations.references", "generator.citations.online.sources"),  # into a higher sub-package
])
def test_an_import_up_or_sideways_is_reported(importer: str, imported: str) -> None:
    assert wrong_imports({importer: {imported}}) == [f"{importer} -> {imported}"]


def test_imports_down_and_within_a_part_are_allowed() -> None:
    assert wrong_imports({"generator.citations.online.verify": {"generator.citations.consistency"},
                          "generator.pages.render": {"generator.pages.cite", "generator.registry.schema"},
                          "generator.cli": {"generator.build", "generator.diagnostics"}}) == []


def test_every_package_says_what_it_owns_and_may_import() -> None:
    docstrings = {init.parent.name: ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
                  for init in GENERATOR.rglob("__init__.py") if init.parent != GENERATOR}
    silent = [package for package, docstring in docstrings.items() if "imports" not in docstring.lower()]
    assert silent == []


def test_no_module_is_longer_than_a_sitting() -> None:
    long = {module: n for path in GENERATOR.rglob("*.py")
            if (n := len(path.read_text("utf-8").splitlines())) > MOST_LINES for module in [module_name(path)]}
    assert long == {}
