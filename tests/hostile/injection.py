"""Build one registry in which every hostile string of tests/hostile/content/ sits in every kind of
text field: for each case, a question, a model, a paper, a task and a lock record full of it.

Each case file is YAML: `payload` (the hostile string) and, in its header comment, what it must
give (inert text). One-line fields get the payload with line breaks turned into spaces (a line
break in a one-line field is itself an error, see tests/hostile/malformed/text-*); prose fields
get it verbatim. Every question's answer also carries the word `zqxhostile`, so one search finds
them all.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.registry.loading import kind_of
from generator.registry.schemaline import schema_line

from ..conftest import REPO, VALID

CONTENT = REPO / "tests" / "hostile" / "content"
MARKER = "zqxhostile"
CONTROL = "plain-text"
"""The case whose payload is ordinary words: its pages are the baseline the others are compared with."""


@dataclass(frozen=True)
class ContentCase:
    name: str
    payload: str

    @property
    def id(self) -> str:
        return f"hostile-{self.name}"

    @property
    def model(self) -> str:
        return f"{self.id}-model"

    @property
    def paper(self) -> str:
        return f"{self.id}-paper"

    @property
    def line(self) -> str:
        """The payload as a one-line field holds it."""
        return " ".join(self.payload.split())


def load_cases() -> list[ContentCase]:
    cases = []
    for path in sorted(CONTENT.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        assert isinstance(data, dict) and isinstance(data.get("payload"), str), f"{path.name} needs a `payload`"
        cases.append(ContentCase(path.stem, data["payload"]))
    return cases


def _dump(path: Path, data: Any) -> None:
    kind = kind_of(path.as_posix())
    assert kind is not None
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"{schema_line(kind)}\n{text}", "utf-8")


def hostile_registry(target: Path, cases: list[ContentCase]) -> Path:
    """A copy of tests/data/valid with every case's entries added; returns `target`."""
    shutil.copytree(VALID, target)
    tasks = yaml.safe_load((target / "tasks.yaml").read_text("utf-8"))
    lock = yaml.safe_load((target / "citations.lock.yaml").read_text("utf-8"))
    for case in cases:
        line, prose, cid = case.line, case.payload, case.id
        doi = f"10.5555/{cid}"
        tasks["tasks"][cid] = {"name": line, "expert_name": line, "description": prose, "synonyms": [line]}
        _dump(target / "models" / f"{case.model}.yaml", {
            "id": case.model, "name": line, "summary": prose,
            "inputs": [{"modality": line, "description": line}], "outputs": [{"modality": line, "description": line}],
            "tasks": [cid], "paper": case.paper, "licence": line})
        _dump(target / "papers" / f"{case.paper}.yaml", {
            "id": case.paper, "title": line, "authors": [line, line], "year": 2024, "venue": line, "doi": doi,
            "summary": {"overview": prose, "plain_english": prose, "technical": prose, "critical_analysis": prose}})
        lock["records"][f"doi:{doi}"] = {
            "status": "verified", "source": "manual", "checked": "2026-11-21", "evidence": [line, line],
            "title": line, "authors": [line, line], "year": 2024, "note": line}
        _dump(target / "questions" / f"{cid}.yaml", {
            "id": cid, "question": line, "also_asked": [line], "task": cid,
            "answer": f"{prose}\n\nSearch word: {MARKER}.",
            "explanation": f"{prose}\n\nAs the model shows [@{case.model}], and its paper [@{case.paper}].",
            "workflow": {"inputs": [{"label": line}], "steps": [{"model": case.model, "label": line}, {"label": line}],
                         "outputs": [{"label": line}]},
            "models": [case.model], "papers": [{"paper": case.paper, "why": line}], "limitations": [prose, line],
            "tags": {"topic": ["hostile-input"]},
            "provenance": {"written_by": [line], "date": "2026-11-21",
                           "reviews": [{"name": line, "date": "2026-11-21", "sha256": "0" * 64}],
                           "machine_drafted": True}})
    _dump(target / "tasks.yaml", tasks)
    _dump(target / "citations.lock.yaml", lock)
    return target
