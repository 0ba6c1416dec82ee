"""The `askscope` command line: parsing arguments, printing diagnostics and exit statuses, nothing more. Each
command calls one entry point of a lower package; options and diagnostic printing shared by commands are in
`options`, the drafting loop's commands (prompt, draft, review) in `drafting`. It imports any package below it
and is imported only by `generator.__main__` (and the `askscope` console script)."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import click
from pydantic import TypeAdapter, ValidationError

from generator import __version__
from generator.build import generate
from generator.check import check_registry
from generator.citations.online.command import Run, run_verify
from generator.citations.online.guard import DEFAULT_DEADLINE, DEFAULT_TIMEOUT
from generator.cli.drafting import draft_command, prompt_command, review_command
from generator.cli.options import format_option, registry_option, report_diagnostics, strict_option
from generator.contribute.importer import build_index, plan_import, read_lock
from generator.contribute.naming import one_line, slugify
from generator.contribute.prompt import decode_prompt, parse_prompt
from generator.contribute.scaffold import KINDS, lock_facts, model_id, new_entry, paper_id, question_id
from generator.diagnostics import Diagnostic, error, sort_diagnostics
from generator.exports.jsonschema import KIND_FILES, kind_schema, registry_schema
from generator.linkcheck import check_links
from generator.registry.folder import read_registry
from generator.registry.identifiers import canonical_arxiv
from generator.registry.schema import Id


@click.group()
@click.version_option(__version__, prog_name="askscope")
def main() -> None:
    """AskScope: check the registry of microscopy AI questions and generate the site's pages."""


@main.command()
@registry_option
@strict_option
@format_option
def check(registry_dir: Path, strict: bool, output_format: str | None) -> None:
    """Run every check on the registry; exit 1 if any error is found."""
    if not registry_dir.is_dir():
        raise click.UsageError(f"no registry folder at {registry_dir}")
    registry, diagnostics = check_registry(read_registry(registry_dir), strict)
    report_diagnostics(diagnostics, output_format)
    if any(d.is_error for d in diagnostics):
        sys.exit(1)
    click.echo(f"ok: {len(registry.questions)} questions, {len(registry.models)} models, "
               f"{len(registry.papers)} papers, {len(registry.tasks)} tasks", err=True)


@main.command("generate")
@registry_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"),
              show_default=True, help="Folder the pages are written into (MkDocs' docs_dir).")
@click.option("--use-directory-urls/--no-directory-urls", "directory_urls", default=True, show_default=True,
              help="Write the links between pages for MkDocs' use_directory_urls setting (models/x/) or "
                   "without it (models/x.html), as `mkdocs build` has it.")
@strict_option
@format_option
def generate_command(registry_dir: Path, out_dir: Path, directory_urls: bool, strict: bool,
                     output_format: str | None) -> None:
    """Check the registry, then write its pages as Markdown (only changed files)."""
    if not registry_dir.is_dir():
        raise click.UsageError(f"no registry folder at {registry_dir}")
    diagnostics, report = generate(registry_dir, out_dir, strict, directory_urls=directory_urls)
    report_diagnostics(diagnostics, output_format)
    if report is None:
        sys.exit(1)
    click.echo(f"generated into {out_dir}: {len(report.written)} written, {report.unchanged} unchanged, "
               f"{len(report.removed)} removed", err=True)


@main.command()
@click.option("--kind", type=click.Choice(sorted(KIND_FILES)), default=None,
              help="Print the schema of one kind of file (committed as registry/schema/<kind>.json, which the "
                   "`$schema` line of each entry points to) instead of the one for all kinds.")
def schema(kind: str | None) -> None:
    """Print the registry's JSON Schema (the committed copy is registry/schema.json)."""
    click.echo(json.dumps(kind_schema(kind) if kind else registry_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("site"))
@click.option("--external", is_flag=True,
              help="Also check links to other sites (uses the network; each host is paced, and arxiv.org is "
                   "left to `askscope verify --online`). The weekly workflow uses this.")
def linkcheck(site_dir: Path, external: bool) -> None:
    """Serve a built site on 127.0.0.1 and check every internal link and asset with LinkChecker."""
    sys.exit(check_links(site_dir, external=external))


@main.command("verify")
@registry_option
@click.option("--online", is_flag=True,
              help="Ask arXiv, doi.org/Crossref and GitHub and refresh registry/citations.lock.yaml "
                   "(opt-in: the only command that uses the network).")
@click.option("--only-changed", is_flag=True, help="Check only identifiers that have no lock record yet.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --online: a dry run. Write what would change (per identifier: the lock's record, the "
                   "source's answer, the status, the fields that differ) to FILE as Markdown and beside it as "
                   "JSON (FILE with the suffix .json), leave the lock untouched, and exit 0.")
@click.option("--record", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --online: save every answer the sources give (status, the headers that matter, body) "
                   "under DIR, so the run can be replayed offline and attached to a bug report.")
@click.option("--replay", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="With --online: answer every request from a folder written by --record, with no network, "
                   "and date the records as the recorded run did.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="With --online: seconds one request may wait for an answer.")
@click.option("--deadline", type=click.FloatRange(min=1), default=DEFAULT_DEADLINE, show_default=True,
              help="With --online: seconds after which nothing more is asked; what is left is reported "
                   "unreachable and the command exits 1.")
def verify_command(registry_dir: Path, online: bool, only_changed: bool, report: Path | None,
                   record: Path | None, replay: Path | None, timeout: float, deadline: float) -> None:
    """Show every cited identifier's verification status; with --online, refresh them from their sources."""
    if not registry_dir.is_dir():
        raise click.UsageError(f"no registry folder at {registry_dir}")
    if not online and (report or record or replay):
        raise click.UsageError("--report, --record and --replay go with --online")
    if record is not None and replay is not None and record.resolve() == replay.resolve():
        raise click.UsageError("--record and --replay need different folders")
    run = Run(report=report, record=record, replay=replay, timeout=timeout, deadline=deadline)
    sys.exit(run_verify(registry_dir, online, only_changed, run=run))


@main.command("new")
@click.argument("kind", type=click.Choice(["question", "model", "paper"]))
@click.option("--id", "entity_id", default=None,
              help="The id, which is also the file name: lowercase letters, digits and single hyphens. "
                   "Derived from --title (or, for a paper, from the lock's record) when omitted.")
@click.option("--title", default=None, help="The question word for word, the model's name or the paper's title.")
@click.option("--arxiv", default=None,
              help="For a paper: its arXiv id or link. Title, authors and year are copied from the citation "
                   "lock when it has a record for the id; otherwise they stay TODO.")
@registry_option
def new_command(kind: str, entity_id: str | None, title: str | None, arxiv: str | None, registry_dir: Path) -> None:
    """Write a commented skeleton for a new question, model or paper; never overwrites an entry."""
    if arxiv is not None and kind != "paper":
        raise click.UsageError("--arxiv is only for `askscope new paper`")
    try:
        arxiv = canonical_arxiv(arxiv) if arxiv is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--arxiv") from None
    files = read_registry(registry_dir) if registry_dir.is_dir() else {}
    owner = build_index(files).papers.get(f"arxiv:{arxiv}") if arxiv else None
    if owner:
        raise click.ClickException(f"arXiv {arxiv} is already {(registry_dir / 'papers' / owner).as_posix()}.yaml; "
                                   "edit that entry instead")
    facts = lock_facts(read_lock(files), [f"arxiv:{arxiv}"]) if arxiv else None
    if entity_id is None:
        entity_id = (question_id(title, set()) if kind == "question" else model_id(title, None, set()) if kind ==
                     "model" else paper_id(title or (facts.title if facts else None), facts.authors if facts else (),
                                           facts.year if facts else None, "arxiv", arxiv, set()))
        if not slugify(title or "") and not (kind == "paper" and arxiv):
            raise click.UsageError("give --id, or --title to derive it from" +
                                   (" (or --arxiv)" if kind == "paper" else ""))
    try:
        TypeAdapter(Id).validate_python(entity_id)
    except ValidationError as exc:
        raise click.BadParameter(exc.errors()[0]["msg"], param_hint="--id") from None
    path = registry_dir / KINDS[kind] / f"{entity_id}.yaml"
    if not _create(path, new_entry(kind, entity_id, title, datetime.date.today(), facts, arxiv)):
        raise click.ClickException(f"{path.as_posix()} already exists; edit it, or choose another --id")
    click.echo(path.as_posix())
    if facts:
        click.echo(f"title, authors and year {facts.note}", err=True)
    elif arxiv:
        click.echo(f"the citation lock has no record for arxiv:{arxiv}: fill in title, authors and year, "
                   "then run `askscope verify --online`", err=True)
    click.echo("next: replace every TODO in it; `askscope check` lists those left", err=True)


@main.command("import")
@click.argument("prompts", nargs=-1, required=True,
                type=click.Path(dir_okay=False, exists=True, path_type=Path))
@registry_option
@click.option("--dry-run", is_flag=True, help="Report what would be created and matched, and write nothing.")
@format_option
def import_command(prompts: tuple[Path, ...], registry_dir: Path, dry_run: bool, output_format: str | None) -> None:
    """Create registry entries from question bundles written as prompts (quoted question, "Recommended AI
    Models", "Related Papers"); entries the registry already has are matched by identifier, never duplicated."""
    files = read_registry(registry_dir) if registry_dir.is_dir() else {}
    index, lock, today = build_index(files), read_lock(files), datetime.date.today()
    diagnostics: list[Diagnostic] = []
    counts = {"created": 0, "matched": 0}
    for prompt in prompts:
        text, problems = decode_prompt(prompt.as_posix(), prompt.read_bytes())
        bundle, more = parse_prompt(prompt.as_posix(), text) if text is not None else (None, [])
        diagnostics += problems + more
        if bundle is None:
            continue
        plan = plan_import(bundle, index, lock, today)
        click.echo(f"{prompt.as_posix()}:{bundle.line}: {one_line(bundle.question)}")
        for outcome in plan.outcomes:
            counts[outcome.action] += 1
            path = (registry_dir / outcome.path).as_posix()
            if outcome.action == "created" and not dry_run and not _create(registry_dir / outcome.path,
                                                                          plan.files[outcome.path]):
                diagnostics.append(error(path, 1, 1, "import.exists", "a file is already where this entry would go",
                                         "run the import again: it matches what is already there"))
            action = "new" if dry_run and outcome.action == "created" else outcome.action
            click.echo(f"  {action:8} {path}  ({outcome.reason}; line {outcome.line})")
        for note in plan.notes:
            click.echo(f"  note: {note}")
        index = plan.index
    report_diagnostics(sort_diagnostics(diagnostics), output_format)
    unread = sum(d.code in ("import.unparsed", "import.bad-link") for d in diagnostics)
    click.echo(f"{'would create' if dry_run else 'created'} {counts['created']}, matched {counts['matched']}, "
               f"{unread} line(s) not understood", err=True)
    if any(d.is_error for d in diagnostics):
        sys.exit(1)
    if counts["created"] and not dry_run:
        click.echo("next: replace every TODO in the new files; `askscope check` lists those left", err=True)


def _create(path: Path, text: str) -> bool:
    """Write a new file; False, writing nothing, if something is already there."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    except OSError as exc:
        raise click.ClickException(f"cannot write {path.as_posix()}: {exc.strerror or exc}") from None
    return True


main.add_command(prompt_command)
main.add_command(draft_command)
main.add_command(review_command)
