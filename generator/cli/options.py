"""Options and output shared by the `askscope` commands."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.diagnostics import Diagnostic, format_github, format_text, summary

registry_option = click.option(
    "--registry", "registry_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("registry"),
    show_default=True, help="The registry folder.")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors (CI uses this).")
format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "github"]), default=None,
    help="How to print diagnostics; `github` prints GitHub Actions annotations "
         "(the default when GITHUB_ACTIONS=true).")


def report_diagnostics(diagnostics: list[Diagnostic], output_format: str | None) -> None:
    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    formatter = format_github if chosen == "github" else format_text
    for diagnostic in diagnostics:
        click.echo(formatter(diagnostic), err=chosen == "text")
    if diagnostics:
        click.echo(summary(diagnostics), err=True)
