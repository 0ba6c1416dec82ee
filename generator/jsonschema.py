"""The registry's JSON Schema, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .schema import Lock, Model, Paper, Question, Tasks

KINDS: dict[str, type[BaseModel]] = {"Question": Question, "Model": Model, "Paper": Paper, "Tasks": Tasks, "Lock": Lock}


def registry_schema() -> dict[str, Any]:
    """One document: `$defs` for every file kind; a file validates if it matches one of them."""
    _, schema = models_json_schema([(model, "validation") for model in KINDS.values()],
                                   ref_template="#/$defs/{model}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "AskScope registry entry",
        "description": "questions/<id>.yaml is a Question, models/<id>.yaml a Model, papers/<id>.yaml a Paper; "
                       "tasks.yaml holds the task vocabulary under `tasks:`; citations.lock.yaml is the Lock.",
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in KINDS],
        "$defs": schema["$defs"],
    }
