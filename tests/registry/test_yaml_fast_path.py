"""yamlsource's fast path (compose once when the text cannot nest dangerously deep) gives exactly what the
careful path (event-stream depth check, then compose) gives, on every kind of file; and it is really taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.registry import yamlsource
from generator.registry.yamlsource import parse_yaml

from ..conftest import REPO

CORPUS = sorted(p for folder in ("tests", "registry") for p in (REPO / folder).rglob("*.yaml"))
PIECES = ["a", "b: ", ":", "- ", "? ", "[", "]", "{", "}", ", ", "\n", "  ", "&x ", "*x", "!!str ", "!!int ",
          "!x ", "<<: ", "'q'", '"d"', "1", "yes", "~", "2024-01-01", "#c", "---\n", "|\n", ">-\n", "\t", "é"]


def _both(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    fast = parse_yaml("x.yaml", raw)
    with monkeypatch.context() as patch:
        patch.setattr(yamlsource, "_SAFE_COMPOSE_DEPTH", -1)
        careful = parse_yaml("x.yaml", raw)
    return fast, careful


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_fast_path_matches_the_careful_path_on_every_yaml_file(path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fast, careful = _both(path.read_bytes()[: yamlsource.MAX_FILE_BYTES + 1], monkeypatch)
    assert fast == careful


@pytest.mark.parametrize("text", [
    "a: " + "[" * 32 + "]" * 32, "a: " + "[" * 33 + "]" * 33, "a: " + "[" * 31 + "x" + "]" * 31,
    "a: &x [1]\nb: *x\n", "a: &x " + "[" * 40 + "]" * 40 + "\nb: *x\n", "x:\n" + "".join(
        f"{'  ' * i}k{i}:\n" for i in range(40)), "- " * 40 + "a\n", "a: [\n", "a: b\na: c\n",
    "a: " + "[" * 3000 + "]" * 3000])
def test_the_fast_path_matches_on_nesting_aliases_and_errors(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, careful = _both(text.encode(), monkeypatch)
    assert fast == careful


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_the_fast_path_matches_on_generated_yaml(pieces: list[str]) -> None:
    raw = "".join(pieces).encode()
    fast = parse_yaml("x.yaml", raw)
    saved = yamlsource._SAFE_COMPOSE_DEPTH
    yamlsource._SAFE_COMPOSE_DEPTH = -1
    try:
        careful = parse_yaml("x.yaml", raw)
    finally:
        yamlsource._SAFE_COMPOSE_DEPTH = saved
    assert fast == careful


def test_registry_files_take_the_fast_path_and_nothing_is_cached() -> None:
    for path in sorted((REPO / "registry").rglob("*.yaml")):
        composed, node = yamlsource._compose_if_shallow(path.read_text("utf-8-sig"))
        assert composed and node is not None, path
        source, _ = parse_yaml(path.name, path.read_bytes())
        assert source is not None
    assert not yamlsource._constructor.constructed_objects


def test_too_deep_input_is_still_refused_where_it_starts() -> None:
    source, diagnostics = parse_yaml("x.yaml", b"a: " + b"[" * 33 + b"]" * 33 + b"\n")
    assert source is None and [(d.line, d.column, d.code) for d in diagnostics] == [(1, 35, "yaml.too-deep")]
