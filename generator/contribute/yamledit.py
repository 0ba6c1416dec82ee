"""Change a few values of a registry file in place and keep the rest of it as it was: comments, key order,
quoting and folding of every other value. Pure: text in, text out.

Each value is replaced from the end of its key to the last character of its old value, so the comments and
blank lines after it stay; a missing key is added at the end of its mapping. The result is parsed again and
must hold exactly the data asked for, or nothing is returned: a file is never left half edited.
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Sequence
from typing import Any

import yaml

from generator.registry.yamlsource import parse_yaml

Path = tuple[str, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(ValueError):
    """The file cannot be edited safely (its layout is unusual, or the new value would not read back)."""


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def render_value(value: Any, indent: int) -> str:
    """`value` as it follows `key:` at `indent` spaces: ` scalar`, a literal block for a text of several
    lines, or block lines for a list or mapping."""
    pad = " " * (indent + 2)
    if isinstance(value, str) and "\n" in value:
        return " |-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
    if isinstance(value, list):
        if not value:
            return " []"
        return "".join(f"\n{pad}-" + _item(item, indent + 4) for item in value)
    if isinstance(value, dict):
        return "".join(f"\n{pad}{key}:" + render_value(item, indent + 2) for key, item in value.items())
    return " " + _scalar(value)


def _item(value: Any, indent: int) -> str:
    if isinstance(value, dict) and value:
        first, *rest = value.items()
        pad = " " * indent
        text = f" {first[0]}:" + render_value(first[1], indent)
        return text + "".join(f"\n{pad}{key}:" + render_value(item, indent) for key, item in rest)
    return render_value(value, indent - 2)


def _content_end(text: str, node: yaml.Node) -> int:
    """Where the value `node` ends: after its last character, before the line breaks and comments after it."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark.index
    return len(text[:end].rstrip())


def _find(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        raise EditError("expected a mapping")
    return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _edit_one(text: str, path: Path, value: Any) -> str:
    root: yaml.Node | None = yaml.compose(text, Loader=_LOADER)
    if root is None:
        raise EditError("the file is empty")
    node: yaml.Node = root
    for part in path[:-1]:
        found = _find(node, part)
        if found is None:
            raise EditError(f"no `{part}:` in the file")
        node = found[1]
    found = _find(node, path[-1])
    if found is not None:
        key, old = found
        if key.start_mark.line == old.start_mark.line and old.start_mark.index < key.end_mark.index:
            raise EditError(f"unusual layout at `{path[-1]}:`")
        start, end = key.end_mark.index, _content_end(text, old)
        edited: str = text[:start] + ":" + render_value(value, key.start_mark.column) + text[end:]
        return edited
    if not isinstance(node, yaml.MappingNode) or not node.value or node.flow_style:
        raise EditError(f"cannot add `{path[-1]}:` here; add it by hand")
    column: int = node.value[0][0].start_mark.column
    end = _content_end(text, node)
    return text[:end] + "\n" + " " * column + path[-1] + ":" + render_value(value, column) + text[end:]


def _as_read(value: Any) -> Any:
    """`value` as `parse_yaml` reads it back: dates stay text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_read(item) for key, item in value.items()}
    return value


def set_values(path: str, text: str, edits: Sequence[tuple[Path, Any]]) -> str:
    """`text` with each `(key path, value)` of `edits` set; EditError unless the result reads back as the
    old data with exactly those values changed."""
    source, problems = parse_yaml(path, text.encode("utf-8"))
    if source is None or problems or not isinstance(source.data, dict):
        raise EditError("the file does not parse; fix it first (`askscope check`)")
    expected = copy.deepcopy(source.data)
    for keys, value in edits:
        target = expected
        for part in keys[:-1]:
            target = target.setdefault(part, {})
        target[keys[-1]] = _as_read(value)
        try:
            text = _edit_one(text, keys, value)
        except yaml.YAMLError as exc:
            raise EditError(str(exc)) from None
    again, problems = parse_yaml(path, text.encode("utf-8"))
    if again is None or problems or again.data != expected:
        raise EditError("the edited file would not read back as intended; make the change by hand")
    return text
