"""`askscope prompt`, `draft` and `review`: the drafting loop's commands (their work is in generator.drafting)."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from pathlib import Path

import click

from generator import drafting
from generator.cli.options import format_option, registry_option, report_diagnostics
from generator.registry.reviews import canonical_orcid


@click.command("prompt")
@click.argument("question_id")
@registry_option
def prompt_command(question_id: str, registry_dir: Path) -> None:
    """Print a question's bundle as a prompt in the seed's form, to draft an answer from exactly that bundle
    (`askscope import` reads it back as the same bundle)."""
    _finish(lambda: drafting.prompt(registry_dir, question_id), None)


@click.command("draft")
@click.argument("question_id")
@click.argument("answer_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--machine-drafted", type=click.Choice(["yes", "no"]), required=True,
              help="Whether a language model drafted any of the entry's text: sets provenance.machine_drafted.")
@click.option("--field", type=click.Choice(["answer", "explanation"]), default="answer", show_default=True,
              help="Which field of the question the draft becomes.")
@registry_option
@format_option
def draft_command(question_id: str, answer_file: Path, machine_drafted: str, field: str, registry_dir: Path,
                  output_format: str | None) -> None:
    """Check a drafted answer (Markdown, as written after the prompt's "Answer:") against the question's bundle
    and write it into the question's file with its citations as [@id]; nothing is written if a rule is broken."""
    _finish(lambda: drafting.draft(registry_dir, question_id, answer_file, field, machine_drafted == "yes",
                                   datetime.date.today()), output_format)


@click.command("review")
@click.argument("question_id")
@click.option("--by", "name", required=True, help="The reviewer's name, as it is to appear on the page.")
@click.option("--orcid", default=None, help="The reviewer's ORCID iD (0000-0002-1825-0097 or its orcid.org link).")
@registry_option
@format_option
def review_command(question_id: str, name: str, orcid: str | None, registry_dir: Path,
                   output_format: str | None) -> None:
    """Record that NAME reviewed the question as it reads now, pinned by a hash of the reviewed fields."""
    try:
        orcid = canonical_orcid(orcid) if orcid is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--orcid") from None
    _finish(lambda: drafting.review(registry_dir, question_id, name, orcid, datetime.date.today()), output_format)


def _finish(run: Callable[[], drafting.Outcome | str], output_format: str | None) -> None:
    try:
        outcome = run()
    except drafting.CommandError as exc:
        raise click.ClickException(str(exc)) from None
    if isinstance(outcome, str):
        click.echo(outcome, nl=False)
        return
    report_diagnostics(outcome.diagnostics, output_format)
    click.echo(outcome.message, err=True)
    if outcome.failed:
        sys.exit(1)
