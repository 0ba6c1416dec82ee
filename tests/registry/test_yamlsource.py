from __future__ import annotations

import pytest
import yaml

from generator.registry import yamlsource
from generator.registry.yamlsource import MAX_FILE_BYTES, parse_yaml

# Every parser PyYAML may run here: libyaml's (0.2.5, or 0.2.6+ with its own nesting limit) and the pure-Python
# one that PyYAML falls back to when it was built without libyaml.
LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml-" + yaml._yaml.get_version_string()))


def codes(raw: bytes) -> list[tuple[int, int, str]]:
    _, diagnostics = parse_yaml("x.yaml", raw)
    return [(d.line, d.column, d.code) for d in diagnostics]


def test_plain_values_and_positions() -> None:
    source, diagnostics = parse_yaml("x.yaml", b"a: 1\nb:\n  - c: true\n    d: 2026-11-21\n")
    assert not diagnostics and source is not None
    assert source.data == {"a": 1, "b": [{"c": True, "d": "2026-11-21"}]}
    assert source.locate(["b", 0, "d"]) == (4, 8)
    assert source.locate(["b", 0, "d"], key=True) == (4, 5)
    assert source.locate(["b", 5]) == (3, 3)  # nearest existing node


def test_duplicate_keys_are_reported_and_the_first_value_kept() -> None:
    source, diagnostics = parse_yaml("x.yaml", b"a: 1\nb: 2\na: 3\n")
    assert [(d.line, d.column, d.code) for d in diagnostics] == [(3, 1, "yaml.duplicate-key")]
    assert source is not None and source.data == {"a": 1, "b": 2}


@pytest.mark.parametrize(("raw", "expected"), [
    (b"a: [1, 2\n", (2, 1, "yaml.syntax")),
    (b"a:\n\tb: 1\n", (2, 1, "yaml.syntax")),
    (b"", (1, 1, "yaml.empty")),
    (b"# only a comment\n", (1, 1, "yaml.empty")),
    (b"a: &x 1\nb: *x\n", (1, 4, "yaml.alias")),
    (b"a: !!python/object/apply:os.system ['true']\n", (1, 4, "yaml.tag")),
    (b"a: !custom 1\n", (1, 4, "yaml.tag")),
    (b"a: !!binary aGVsbG8=\n", (1, 4, "yaml.tag")),
    (b"? [a, b]\n: 1\n", (1, 3, "yaml.key")),
    (b"a: \xff\xfe\n", (1, 4, "yaml.encoding")),
    (b"ok: 1\nbad: caf\xe9\n", (2, 9, "yaml.encoding")),
])
def test_bad_yaml_is_a_diagnostic(raw: bytes, expected: tuple[int, int, str]) -> None:
    assert codes(raw) == [expected]


def test_billion_laughs_fails_fast_without_expanding() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    assert codes("\n".join(lines).encode())[0][2] == "yaml.alias"


def test_size_limit() -> None:
    assert codes(b"a: " + b"x" * MAX_FILE_BYTES) == [(1, 1, "yaml.too-large")]


def test_deep_nesting_is_refused() -> None:
    assert codes(b"a: " + b"[" * 100 + b"]" * 100 + b"\n")[0][2] == "yaml.too-deep"


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(("raw", "expected"), [
    # The root collection is level 1, so the 33rd level is the one reported. The first two pass libyaml 0.2.6's
    # own limit of 1,000 flow levels, which it reaches while scanning ahead for a possible key.
    (b"id: x\nanswer: " + b"[" * 60_000 + b"\n", (2, 9 + 31, "yaml.too-deep")),
    (b"a:\n  b: " + b"{c: " * 5_000 + b"\n", (2, 6 + 30 * 4, "yaml.too-deep")),
    (b"".join(b"  " * i + b"- \n" for i in range(100)), (33, 1 + 32 * 2, "yaml.too-deep")),
    (b"a: " + b"[" * 40 + b"1, ]]\n", (1, 4 + 31, "yaml.too-deep")),  # too deep comes before the syntax error
    (b"a: [[[1, ]\n", (2, 1, "yaml.syntax")),
])
def test_nesting_limit_is_ours_whatever_the_parser(monkeypatch: pytest.MonkeyPatch, loader: type,
                                                   raw: bytes, expected: tuple[int, int, str]) -> None:
    monkeypatch.setattr(yamlsource, "_LOADER", loader)
    assert codes(raw) == [expected]


def test_byte_order_mark_is_accepted() -> None:
    source, diagnostics = parse_yaml("x.yaml", "\ufeffa: 1\n".encode())
    assert not diagnostics and source is not None and source.data == {"a": 1}
