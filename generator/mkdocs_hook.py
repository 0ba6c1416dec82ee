"""MkDocs hook: regenerate the registry's pages before every build, so `mkdocs serve`
shows a YAML edit on the next reload.

On `mkdocs build` a registry error stops the build. Under `mkdocs serve` the
diagnostics are logged, the previous pages stay in place, and the server keeps
running until the next good save.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.build import generate
from generator.diagnostics import format_text

log = logging.getLogger("mkdocs.plugins.askscope")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config: Any) -> None:
    root = Path(config.config_file_path).parent
    edit_base = str(config.extra.get("registry_edit_base") or "")
    diagnostics, report = generate(root / "registry", Path(config.docs_dir), edit_base=edit_base,
                                   display_root="registry", site_url=str(config.site_url or ""))
    for diagnostic in diagnostics:
        (log.error if diagnostic.is_error else log.warning)(format_text(diagnostic))
    if report is None:
        message = "the registry has errors (listed above); the pages were not regenerated"
        if _command != "serve":
            raise PluginError(message)
        log.error(message + "; fix the file and save again")
    elif report.written or report.removed:
        log.info("askscope: %d page(s) written, %d removed", len(report.written), len(report.removed))
