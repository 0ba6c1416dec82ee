"""Mermaid flowcharts for a question's workflow: input(s) → step(s) → output(s).

Node ids are generated here, never taken from the registry; every label is a
quoted string in which anything but letters, digits and plain punctuation is a
Mermaid entity code (`#60;`), so registry text cannot close a label, start a
directive (`%%{init}%%`), add a `click` handler or inject HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.pages.escape import drop_invisible

_ENTITY_CODE = re.compile(r"#(?=\w+;)")
_LABEL_SAFE = set(" .,:!?'()/+-_…")
MAX_LABEL = 120


@dataclass(frozen=True)
class Node:
    label: str
    detail: str = ""


def label(text: str) -> str:
    """A quoted Mermaid label with every risky character as an entity code."""
    flat = " ".join(text.split())
    if len(flat) > MAX_LABEL:
        flat = flat[: MAX_LABEL - 1].rstrip() + "…"
    return '"' + _LABEL_RISKY.sub(_label_char, flat) + '"'


# Anything but letters, digits (str.isalnum, which is what `\w` means besides `_`) and _LABEL_SAFE.
_LABEL_RISKY = re.compile("[^\\w" + re.escape("".join(sorted(_LABEL_SAFE))) + "]")


def _label_char(match: re.Match[str]) -> str:
    char = match[0]
    if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} and char != "\u200d":
        return ""  # invisible, but the zero-width joiner holds emoji such as 👩‍🔬 together
    return f"#{ord(char)};"


def accessible_text(text: str) -> str:
    """Text for accTitle/accDescr: one line, no control or invisible characters. Mermaid reads
    these as HTML (then sanitises it, dropping anything tag-like) and decodes `#name;` codes, so
    `<`, `>` and a `#` that would start a code become their full-width look-alikes."""
    flat = " ".join(text.split()).replace("`", "'").replace("<", "\uff1c").replace(">", "\uff1e")
    kept = drop_invisible(_ENTITY_CODE.sub("\uff03", flat), keep_newlines=False)
    while "%%" in kept:
        kept = kept.replace("%%", "%")
    return kept


def build_flowchart(title: str, description: str, inputs: Sequence[Node], steps: Sequence[Node],
                    outputs: Sequence[Node]) -> str:
    """A left-to-right flowchart: every input feeds the first step, steps run in order,
    the last step feeds every output."""
    lines = ["flowchart LR", f"    accTitle: {accessible_text(title)}", f"    accDescr: {accessible_text(description)}"]
    for prefix, nodes, shape in (("in", inputs, ("[/", "/]")), ("step", steps, ("[", "]")),
                                 ("out", outputs, ("[\\", "\\]"))):
        for i, node in enumerate(nodes):
            text = node.label if not node.detail else f"{node.label}: {node.detail}"
            lines.append(f"    {prefix}{i}{shape[0]}{label(text)}{shape[1]}")
    for i in range(len(inputs)):
        lines.append(f"    in{i} --> step0")
    for i in range(1, len(steps)):
        lines.append(f"    step{i - 1} --> step{i}")
    for i in range(len(outputs)):
        lines.append(f"    step{len(steps) - 1} --> out{i}")
    return "\n".join(lines)
