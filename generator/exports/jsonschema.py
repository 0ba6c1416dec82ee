"""The registry's JSON Schema, generated from the pydantic models: one document for every kind
of file (registry/schema.json), and one per kind (registry/schema/<kind>.json), which editors
use through the `# yaml-language-server: $schema=` line at the top of each entry."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from generator.registry.schema import Lock, Model, Paper, Question, Tasks

KINDS: dict[str, type[BaseModel]] = {"Question": Question, "Model": Model, "Paper": Paper, "Tasks": Tasks, "Lock": Lock}
DRAFT = "https://json-schema.org/draft/2020-12/schema"
KIND_FILES = {"question": "questions/<id>.yaml", "model": "models/<id>.yaml", "paper": "papers/<id>.yaml",
              "tasks": "tasks.yaml", "lock": "citations.lock.yaml"}
"""`askscope schema --kind` names → the registry files each describes."""


def registry_schema() -> dict[str, Any]:
    """One document: `$defs` for every file kind; a file validates if it matches one of them."""
    _, schema = models_json_schema([(model, "validation") for model in KINDS.values()],
                                   ref_template="#/$defs/{model}")
    return {
        "$schema": DRAFT,
        "title": "AskScope registry entry",
        "description": "questions/<id>.yaml is a Question, models/<id>.yaml a Model, papers/<id>.yaml a Paper; "
                       "tasks.yaml holds the task vocabulary under `tasks:`; citations.lock.yaml is the Lock.",
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in KINDS],
        "$defs": schema["$defs"],
    }


def kind_schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file (`question`, `model`, `paper`, `tasks` or `lock`), standalone."""
    model = KINDS[kind.capitalize()]
    schema = model.model_json_schema(mode="validation")
    return {"$schema": DRAFT, **schema, "title": f"AskScope registry: {KIND_FILES[kind]}"}


@cache
def published_schemas() -> Mapping[str, str]:
    """Site path → JSON text of every schema file the site publishes (and registry/ commits). Made once per
    process: it depends only on the code, and under `mkdocs serve` every rebuild asks for it (~25 ms)."""
    files = {"schema.json": registry_schema()} | {f"schema/{kind}.json": kind_schema(kind) for kind in KIND_FILES}
    return MappingProxyType({path: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
                             for path, schema in files.items()})
