"""The `askscope` command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .build import generate
from .diagnostics import Diagnostic, format_github, format_text, summary
from .files import read_registry
from .jsonschema import registry_schema
from .pipeline import check_registry
from .sitecheck import check_links
from .verify_command import run_verify

_registry_option = click.option(
    "--registry", "registry_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("registry"),
    show_default=True, help="The registry folder.")
_strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors (CI uses this).")
_format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "github"]), default=None,
    help="How to print diagnostics; `github` prints GitHub Actions annotations "
         "(the default when GITHUB_ACTIONS=true).")


def _report(diagnostics: list[Diagnostic], output_format: str | None) -> None:
    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    formatter = format_github if chosen == "github" else format_text
    for diagnostic in diagnostics:
        click.echo(formatter(diagnostic), err=chosen == "text")
    if diagnostics:
        click.echo(summary(diagnostics), err=True)


@click.group()
@click.version_option(__version__, prog_name="askscope")
def main() -> None:
    """AskScope: check the registry of microscopy AI questions and generate the site's pages."""


@main.command()
@_registry_option
@_strict_option
@_format_option
def check(registry_dir: Path, strict: bool, output_format: str | None) -> None:
    """Run every check on the registry; exit 1 if any error is found."""
    if not registry_dir.is_dir():
        raise click.UsageError(f"no registry folder at {registry_dir}")
    registry, diagnostics = check_registry(read_registry(registry_dir), strict)
    _report(diagnostics, output_format)
    if any(d.is_error for d in diagnostics):
        sys.exit(1)
    click.echo(f"ok: {len(registry.questions)} questions, {len(registry.models)} models, "
               f"{len(registry.papers)} papers, {len(registry.tasks)} tasks", err=True)


@main.command("generate")
@_registry_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"),
              show_default=True, help="Folder the pages are written into (MkDocs' docs_dir).")
@_strict_option
@_format_option
def generate_command(registry_dir: Path, out_dir: Path, strict: bool, output_format: str | None) -> None:
    """Check the registry, then write its pages as Markdown (only changed files)."""
    if not registry_dir.is_dir():
        raise click.UsageError(f"no registry folder at {registry_dir}")
    diagnostics, report = generate(registry_dir, out_dir, strict)
    _report(diagnostics, output_format)
    if report is None:
        sys.exit(1)
    click.echo(f"generated into {out_dir}: {len(report.written)} written, {report.unchanged} unchanged, "
               f"{len(report.removed)} removed", err=True)


@main.command()
def schema() -> None:
    """Print the registry's JSON Schema (the committed copy is registry/schema.json)."""
    click.echo(json.dumps(registry_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("site"))
def linkcheck(site_dir: Path) -> None:
    """Serve a built site on 127.0.0.1 and check every internal link and asset with LinkChecker."""
    sys.exit(check_links(site_dir))


@main.command("verify")
@_registry_option
@click.option("--online", is_flag=True,
              help="Ask arXiv, doi.org/Crossref and GitHub and refresh registry/citations.lock.yaml "
                   "(opt-in: the only command that uses the network).")
@click.option("--only-changed", is_flag=True, help="Check only identifiers that have no lock record yet.")
def verify_command(registry_dir: Path, online: bool, only_changed: bool) -> None:
    """Show every cited identifier's verification status; with --online, refresh them from their sources."""
    if not registry_dir.is_dir():
        raise click.UsageError(f"no registry folder at {registry_dir}")
    sys.exit(run_verify(registry_dir, online, only_changed))
