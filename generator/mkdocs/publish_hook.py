"""MkDocs hook: publish, from their single sources, what the site serves besides the registry's pages.

- the registry's JSON Schemas at stable URLs, `/schema.json` and `/schema/<kind>.json`, generated
  from `generator/registry/schema.py` (the same text as the committed `registry/schema*.json`);
- `CONTRIBUTING.md` from the top of the repository as the page `contributing.md`, so the guide on
  GitHub and on the site are one file, never two copies to keep in step.

Nothing is written into `docs/`: the files exist only in the build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from generator.exports.jsonschema import published_schemas

log = logging.getLogger("mkdocs.plugins.askscope")
CONTRIBUTING = "CONTRIBUTING.md"
CONTRIBUTING_PAGE = "contributing.md"


def on_files(files: Files, config: Any) -> Files:
    for src_uri, content in published_schemas().items():
        _publish(files, File.generated(config, src_uri, content=content))
    source = Path(config.config_file_path).parent / CONTRIBUTING
    if source.is_file():  # from its path, not its text, so that `mkdocs serve --dirty` renders it only when it changed
        _publish(files, File.generated(config, CONTRIBUTING_PAGE, abs_src_path=str(source)))
    else:
        log.warning("%s is missing next to mkdocs.yml, so the site has no contributing page", CONTRIBUTING)
    return files


def _publish(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning("docs/%s is in the way of the %s this build publishes; remove docs/%s",
                    file.src_uri, file.src_uri, file.src_uri)
        files.remove(existing)
    files.append(file)
