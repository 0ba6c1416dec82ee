"""Parse one YAML file into plain data, strictly, keeping the way back to line and column.

PyYAML's C parser builds the node tree; this module turns nodes into plain Python
values itself so that duplicate keys, aliases and unknown tags become diagnostics
instead of silent overwrites, exponential expansion or object construction.
Positions are not stored per value: `SourceFile.locate` re-walks the node tree
(re-parsing the text) only when a diagnostic needs a place.

Limits, all checked before anything is built: at most `MAX_FILE_BYTES` bytes (the
caller may pass only the first `MAX_FILE_BYTES + 1`), UTF-8 only, at most
`MAX_DEPTH` levels of nesting (checked on the parser's event stream, because the
C composer recurses and would crash on deeper input), no aliases, no tags other
than the plain scalar, list and mapping ones. A file that cannot nest deeply enough
to crash the composer (counted from its indicator characters) is composed once and
its tree measured instead; anything unusual takes the careful path above, so the
outcome is the same (see bench/results.md for why).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, error

MAX_FILE_BYTES = 512 * 1024
# tasks.yaml and the citation lock are shared by every entry and grow with the registry: the lock holds a
# ~600-byte record per identifier, about 4 MB at 10,000 questions (bench/results.md).
MAX_SHARED_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}
_TIMESTAMP = _TAG + "timestamp"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"
_MERGE = _TAG + "merge"
_STR = _TAG + "str"
_KEY_TAGS = _SCALAR_TAGS | {_TIMESTAMP}
# Every collection needs an indicator of its own (`:` or `?` for a mapping, `-` for a block sequence, `[` or `{`),
# so a text with at most this many of them nests at most this deep: far below where the C composer's recursion
# could overflow the stack (it survives 20,000 levels on an 8 MB stack).
_SAFE_COMPOSE_DEPTH = 2000

# libyaml's parser where PyYAML was built with it (every PyYAML wheel is); the pure-Python one otherwise. Both give
# the same nodes and events, and so the same diagnostics.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_constructor = yaml.constructor.SafeConstructor()
# Called directly rather than through construct_object, which keeps every node it built in a cache that
# is never cleared (a leak of every scalar of every file parsed, for the life of `mkdocs serve`).
_SCALAR_CONSTRUCTORS = {tag: _constructor.yaml_constructors[tag] for tag in _SCALAR_TAGS}


class Refused(bytes):
    """Stands for a file the reader would not read (e.g. a symbolic link): it parses to `diagnostic`."""

    diagnostic: Diagnostic

    def __new__(cls, diagnostic: Diagnostic) -> Refused:
        refused = super().__new__(cls, b"")
        refused.diagnostic = diagnostic
        return refused


@dataclass(frozen=True)
class SourceFile:
    """A parsed YAML file: its display path, its bytes and the plain data it holds (None once the registry has
    validated it: the validated entry holds the same values, and the bytes are enough to find positions)."""

    path: str
    raw: bytes
    data: Any

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8-sig")

    def locate(self, loc: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `loc` (or of its key), or of the
        nearest enclosing node when `loc` does not exist in the file."""
        node = yaml.compose(self.text, Loader=_LOADER)
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for part in loc:
            child, key_node = _child(node, part)
            if child is None:
                break
            mark = key_node.start_mark if (key and key_node is not None and part == loc[-1]) else child.start_mark
            node = child
        return (mark.line + 1, mark.column + 1)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return value_node, key_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    return None, None


class _Reject(Exception):
    def __init__(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.node, self.code, self.message, self.hint = node, code, message, hint


def parse_yaml(path: str, raw: bytes, max_bytes: int = MAX_FILE_BYTES) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Parse `raw` (the bytes of the file at `path`). Returns the file, or None and why not."""
    if isinstance(raw, Refused):
        return None, [raw.diagnostic]
    if len(raw) > max_bytes:
        return None, [error(path, 1, 1, "yaml.too-large",
                            f"file is larger than {max_bytes:,} bytes, the limit for a registry file",
                            "split long texts or move them out of the registry")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(path, line, column, "yaml.encoding",
                            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", "save the file as UTF-8")]
    try:
        composed, node = _compose_if_shallow(text)
        if not composed:
            too_deep = _too_deep(text)
            if too_deep is not None:
                return None, [error(path, *too_deep, "yaml.too-deep",
                                    f"nested more than {MAX_DEPTH} levels deep",
                                    "registry entries are shallow; flatten this value")]
            node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [error(path, line, column, "yaml.syntax", f"YAML syntax error: {problem}",
                            "check indentation (spaces, not tabs), quotes and colons on this line")]
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        return None, [error(path, line, column, "yaml.syntax",
                            f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})",
                            "remove the control character; use spaces, not special characters")]
    except yaml.YAMLError as exc:
        return None, [error(path, 1, 1, "yaml.syntax", f"YAML error: {exc}", "")]
    if node is None:
        return None, [error(path, 1, 1, "yaml.empty", "the file holds no YAML document",
                            "start from `askscope new`, or delete the file")]
    duplicates: list[_Reject] = []
    try:
        data = _to_python(node, set(), 0, duplicates)
    except _Reject as exc:
        return None, [_diagnostic(path, exc)]
    return SourceFile(path, raw, data), [_diagnostic(path, d) for d in duplicates]


def _compose_if_shallow(text: str) -> tuple[bool, yaml.Node | None]:
    """The fast path: (True, node) when `text` composes without error into a tree of distinct nodes (no
    aliases) nested at most `MAX_DEPTH` collections deep, parsed once. (False, None) otherwise: the careful
    path then reports exactly what it always did."""
    bound = sum(map(text.count, ":?-[{"))
    if bound > _SAFE_COMPOSE_DEPTH:
        return False, None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except Exception:
        return False, None
    if node is None or bound <= MAX_DEPTH or _shallow_tree(node):
        return True, node
    return False, None


def _shallow_tree(root: yaml.Node) -> bool:
    """No collection nested more than `MAX_DEPTH` deep (as `_too_deep` counts) and no collection reached twice
    (an alias). Scalars are not visited: an aliased scalar changes no depth, and `_to_python` refuses it."""
    if isinstance(root, yaml.ScalarNode):
        return True
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH or id(node) in seen:
            return False
        seen.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        stack.extend((child, depth + 1) for child in children if not isinstance(child, yaml.ScalarNode))
    return True


def _too_deep(text: str) -> tuple[int, int] | None:
    """1-based line and column where the nesting first exceeds `MAX_DEPTH`, read from the event
    stream (no recursion). The limit is ours, whatever parser is installed: libyaml 0.2.6 and newer stop at
    their own limit (1,000 flow levels) while scanning ahead for a possible key, before handing over the event
    where ours is passed, so on a parser error the pure-Python parser, which has no such limit and yields the
    same events, reads the text again."""
    try:
        return _first_too_deep(yaml.parse(text, Loader=_LOADER))
    except yaml.YAMLError:
        try:
            return _first_too_deep(yaml.parse(text, Loader=yaml.SafeLoader))
        except yaml.YAMLError:
            return None  # a syntax error before the limit: composing the text reports it


def _first_too_deep(events: Iterable[yaml.Event]) -> tuple[int, int] | None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return (mark.line + 1, mark.column + 1) if mark else (1, 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _line_column(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - start + 1


def _diagnostic(path: str, exc: _Reject) -> Diagnostic:
    mark = exc.node.start_mark
    return error(path, mark.line + 1, mark.column + 1, exc.code, exc.message, exc.hint)


def _to_python(node: yaml.Node, seen: set[int], depth: int, duplicates: list[_Reject]) -> Any:
    if id(node) in seen:
        raise _Reject(node, "yaml.alias", "this value is anchored (&name) and reused by an alias (*name)",
                      "aliases are not allowed in the registry; write the value out in full")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Reject(node, "yaml.too-deep", f"nested more than {MAX_DEPTH} levels deep",
                      "registry entries are shallow; flatten this value")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _TIMESTAMP:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise _Reject(node, "yaml.tag", f"the tag {node.tag!r} is not allowed",
                          "remove the `!` tag; write plain strings, numbers, lists and mappings")
        try:
            return node.value if node.tag == _STR else _SCALAR_CONSTRUCTORS[node.tag](_constructor, node)
        except (ValueError, KeyError, TypeError, IndexError, yaml.YAMLError):  # IndexError: `!!int` with no value
            raise _Reject(node, "yaml.value", f"{node.value[:40]!r} cannot be read as {node.tag.rsplit(':', 1)[-1]}",
                          "remove the `!!` tag, or write the value in its usual form") from None
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Reject(node, "yaml.tag", f"the tag {node.tag!r} is not allowed", "remove the `!` tag")
        return [_to_python(item, seen, depth + 1, duplicates) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _Reject(node, "yaml.tag", f"the tag {node.tag!r} is not allowed", "remove the `!` tag")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Reject(key_node, "yaml.alias", "merge keys (`<<: *name`) are not allowed",
                              "aliases are not allowed in the registry; write the values out in full")
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KEY_TAGS:
                raise _Reject(key_node, "yaml.key", "a mapping key must be a plain string",
                              "use `name: value` with a simple name")
            value = _to_python(value_node, seen, depth + 1, duplicates)
            if key_node.value in result:
                duplicates.append(_Reject(key_node, "yaml.duplicate-key", f"duplicate key {key_node.value!r}",
                                          "a key may appear once per mapping; merge or remove one of them"))
                continue
            result[key_node.value] = value
        return result
    raise _Reject(node, "yaml.syntax", "unsupported YAML node", "")
