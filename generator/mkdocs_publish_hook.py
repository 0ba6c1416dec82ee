"""MkDocs hook: publish, from their single sources, what the site serves besides the registry's pages.

- the registry's JSON Schemas at stable URLs, `/schema.json` and `/schema/<kind>.json`, generated
  from `generator/schema.py` (the same text as the committed `registry/schema*.json`);
- `CONTRIBUTING.md` from the top of the repository as the page `contributing.md`, so the guide on
  GitHub and on the site are one file, never two copies to keep in step.

Nothing is written into `docs/`: the files exist only in the build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from generator.jsonschema import published_schemas

log = logging.getLogger("mkdocs.plugins.askscope")
CONTRIBUTING = "CONTRIBUTING.md"
CONTRIBUTING_PAGE = "contributing.md"


def site_files(root: Path) -> dict[str, str]:
    """Site path → content of every file this hook adds to the build."""
    files = published_schemas()
    source = root / CONTRIBUTING
    if source.is_file():
        files[CONTRIBUTING_PAGE] = source.read_text("utf-8")
    else:
        log.warning("%s is missing next to mkdocs.yml, so the site has no contributing page", CONTRIBUTING)
    return files


def on_files(files: Files, config: Any) -> Files:
    for src_uri, content in site_files(Path(config.config_file_path).parent).items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            log.warning("docs/%s is in the way of the %s this build publishes; remove docs/%s",
                        src_uri, src_uri, src_uri)
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))
    return files
