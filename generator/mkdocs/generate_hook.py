"""MkDocs hook: regenerate the registry's pages before every build, so `mkdocs serve`
shows a YAML edit on the next reload.

On `mkdocs build` a registry error stops the build. Under `mkdocs serve` the
diagnostics are logged, the previous pages stay in place, every page shows the
errors in a box at its top, and the server keeps running until the next good
save. (MkDocs' strict mode would count the logged errors and abort the rebuild
with a traceback, leaving the browser on the old page; under serve they are kept
out of that count.)

Under serve a save in the registry starts the rebuild at once (`serve_watch`), rather than at MkDocs' next
poll of the watched folders.

Unless SOURCE_DATE_EPOCH is set, it is set to the newest date in the registry
(provenance and citation checks), so the dates MkDocs writes (sitemap.xml,
sitemap.xml.gz) come from the data and two builds are byte-identical.
"""

from __future__ import annotations

import calendar
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler
from watchdog.observers.api import BaseObserver

from generator.build import Session, generate
from generator.diagnostics import Diagnostic, format_text
from generator.mkdocs import serve_watch
from generator.pages.escape import md_inline

log = logging.getLogger("mkdocs.plugins.askscope")
_command = "build"
_errors: list[Diagnostic] = []
"""Under serve: the errors of the last run, shown at the top of every page until a good save."""
_EPOCH_FROM_DATA = "SOURCE_DATE_EPOCH" not in os.environ
SHOWN_ERRORS = 20


_session = Session()
"""Carried from one build to the next: under `mkdocs serve` a save re-parses only the files that changed and
re-renders only the pages they feed (MkDocs loads this hook once per process)."""
_dirty = False
_shown: list[Diagnostic] = []
"""Under `serve --dirty`: the errors the built pages show (MkDocs rebuilds only pages whose Markdown changed)."""
_registry_watch: BaseObserver | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty
    if dirty:  # `make serve` runs `mkdocs serve --dirty`; its warning about it would abort every strict build
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_warning)


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _CompiledTemplates(BytecodeCache):
    """The theme's templates, compiled once per process. MkDocs makes a new Jinja environment for every build,
    so under `mkdocs serve` each save compiled Material's ~40 templates again (~0.2 s). Entries are keyed by
    template, source checksum (checked by Jinja) and the environment's compile-time settings."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        settings = (environment.block_start_string, environment.variable_start_string, environment.trim_blocks,
                    environment.lstrip_blocks, environment.autoescape, sorted(environment.extensions))
        bucket = Bucket(environment, self.get_cache_key(f"{name}\0{filename}\0{settings!r}"),
                        self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    global _registry_watch
    _registry_watch = serve_watch.start(server, Path(config.config_file_path).parent / "registry")
    return server


def on_shutdown() -> None:
    global _registry_watch
    serve_watch.stop(_registry_watch)
    _registry_watch = None


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    env.bytecode_cache = _compiled_templates
    return env


def on_files(files: Any, config: Any) -> Any:
    """Under `serve --dirty`, when the registry's errors appear, change or go, every page is rebuilt so that
    its errors box does too (marking a page's content as set, in memory, makes MkDocs see it as modified)."""
    global _shown
    if _dirty and _errors != _shown:
        for file in files.documentation_pages():
            file.content_string = file.content_string
        _shown = list(_errors)
    return files


def on_pre_build(config: Any) -> None:
    root = Path(config.config_file_path).parent
    edit_base = str(config.extra.get("registry_edit_base") or "")
    diagnostics, report = generate(root / "registry", Path(config.docs_dir), edit_base=edit_base,
                                   display_root="registry", site_url=str(config.site_url or ""),
                                   session=_session, directory_urls=bool(config.use_directory_urls))
    if _command == "serve":
        _keep_out_of_strict_count()
    for diagnostic in diagnostics:
        (log.error if diagnostic.is_error else log.info if diagnostic.is_advisory else log.warning)(
            format_text(diagnostic))
    _errors[:] = [d for d in diagnostics if d.is_error] if report is None else []
    if report is None:
        message = "the registry has errors (listed above); the pages were not regenerated"
        if _command != "serve":
            raise PluginError(message)
        log.error(message + "; fix the file and save again")
        return
    if report.written or report.removed:
        log.info("askscope: %d page(s) written, %d removed", len(report.written), len(report.removed))
    if _EPOCH_FROM_DATA and report.newest_date is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(report.newest_date.timetuple()))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return errors_box(_errors) + markdown if _errors else markdown


def errors_box(errors: Sequence[Diagnostic]) -> str:
    """A Markdown admonition listing `errors` (escaped: they quote the registry)."""
    lines = ['!!! failure "The registry has errors: this preview shows the last good pages"', ""]
    lines += [f"    - {md_inline(f'{d.path}:{d.line}:{d.column}: {d.message} [{d.code}]')}"
              for d in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        lines.append(f"    - and {len(errors) - SHOWN_ERRORS} more, listed in the terminal")
    return "\n".join(lines) + "\n\n"


def _keep_out_of_strict_count() -> None:
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) and _not_askscope not in handler.filters:
            handler.addFilter(_not_askscope)


def _not_askscope(record: logging.LogRecord) -> bool:
    return not record.name.startswith(log.name)
