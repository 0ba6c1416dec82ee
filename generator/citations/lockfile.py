"""The citation lock's text form: stable key order and formatting, so a diff shows what changed."""

from __future__ import annotations

from typing import Any

import yaml

from generator.registry.schema import Lock
from generator.registry.schemaline import schema_line

HEADER = f"""\
{schema_line("lock")}
# The verification record of every cited identifier: what its source said, where and when.
# Written by `askscope verify`; records with `source: manual` were checked by hand against `evidence`.
"""


def _sort_key(key: str) -> tuple[str, str]:
    kind, _, value = key.partition(":")
    return (kind, value.lower())


def dump_lock(lock: Lock) -> str:
    records: dict[str, Any] = {}
    for key in sorted(lock.records, key=_sort_key):
        data = lock.records[key].model_dump(mode="json", exclude_defaults=True)
        data.setdefault("status", lock.records[key].status)
        records[key] = data
    body = yaml.dump({"version": lock.version, "records": records}, Dumper=yaml.CSafeDumper, sort_keys=False,
                     allow_unicode=True, width=100, default_flow_style=False)
    return HEADER + body
