"""Keep the docs and the contributor tooling honest: every command has help and is documented, every
diagnostic code the code can emit is explained in CONTRIBUTING.md, the workflows, hooks and forms
parse and call only commands that exist, and the site publishes the guide and the schemas.

When this file fails after you add a command or a diagnostic code, document it: commands in
README.md or CONTRIBUTING.md, codes in the tables of CONTRIBUTING.md ("Diagnostic codes").
"""

from __future__ import annotations

import ast
import html
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.contribute.prompt import parse_prompt

from .conftest import REPO

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text("utf-8")
README = (REPO / "README.md").read_text("utf-8")
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))

_CODE = re.compile(r"[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*")
_DYNAMIC = re.compile(r"[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*-|[a-z]+\.")
_NOT_A_CODE = {"md", "yaml", "yml", "json", "bib", "txt", "py", "html", "js", "css", "toml", "j2", "lock", "xml",
               "org", "com", "co", "io", "net", "gov", "edu"}
"""Last parts that make a dotted word a file name or a host, not a diagnostic code."""
_NOT_A_FAMILY = {"generator"}
"""First parts that make a dotted word a module path (`generator.pages`), not a diagnostic code."""


def _is_code(text: str) -> bool:
    first, last = text.split(".", 1)[0], text.rsplit(".", 1)[-1]
    return bool(_CODE.fullmatch(text)) and last not in _NOT_A_CODE and first not in _NOT_A_FAMILY


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
    return found


COMMANDS = _commands(main)


def test_there_are_commands_to_document() -> None:
    assert {"check", "generate", "schema", "linkcheck", "new", "import"} <= {name for name, _ in COMMANDS}


@pytest.mark.parametrize("name, command", COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert command.help and command.help.strip(), f"`askscope {name}` needs a docstring"
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert " ".join(command.help.split())[:40] in " ".join(result.output.split())
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"option {param.opts[0]} of `askscope {name}` needs help text"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_is_documented(name: str) -> None:
    assert f"askscope {name}" in README or f"askscope {name}" in CONTRIBUTING, \
        f"describe `askscope {name}` in README.md or CONTRIBUTING.md"


def emitted_codes() -> tuple[set[str], set[str]]:
    """Diagnostic codes in generator/**/*.py: string literals shaped like `family.name` (whether passed to
    error(), warning(), Diagnostic(), a PydanticCustomError or kept in a table), and the fixed start of
    codes built with an f-string (`f"ref.unknown-{what}"` → `ref.unknown-`)."""
    literal, prefixes = set(), set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_code(node.value):
                literal.add(node.value)
            elif isinstance(node, ast.JoinedStr) and len(node.values) >= 2:
                first, second = node.values[0], node.values[1]
                if (isinstance(first, ast.Constant) and isinstance(first.value, str)
                        and isinstance(second, ast.FormattedValue) and _DYNAMIC.fullmatch(first.value)):
                    prefixes.add(first.value)
    return literal, prefixes


def documented_codes() -> set[str]:
    """Codes in the first column of CONTRIBUTING.md's tables."""
    first_cells = [line.split("|")[1] for line in CONTRIBUTING.splitlines() if line.startswith("| `")]
    return {code for cell in first_cells for code in re.findall(r"`([^`\s]+)`", cell) if _is_code(code)}


def test_the_code_collector_finds_codes_of_every_kind() -> None:
    literal, prefixes = emitted_codes()
    assert {"yaml.duplicate-key", "schema.missing", "id.invalid", "todo.unfilled", "import.unparsed"} <= literal
    assert {"ref.unknown-", "cite.malformed-"} <= prefixes
    assert not {"tasks.yaml", "arxiv.org", "index.md"} & literal


def test_every_diagnostic_code_is_documented_in_contributing() -> None:
    literal, prefixes = emitted_codes()
    documented = documented_codes()
    missing = sorted(literal - documented)
    assert not missing, f"add these codes to the tables in CONTRIBUTING.md, with how to fix each: {missing}"
    for prefix in sorted(prefixes):
        assert any(code.startswith(prefix) for code in documented), \
            f"document the codes starting with {prefix!r} in CONTRIBUTING.md"


def test_every_documented_code_exists() -> None:
    literal, prefixes = emitted_codes()
    stale = sorted(code for code in documented_codes()
                   if code not in literal and not any(code.startswith(p) for p in prefixes))
    assert not stale, f"CONTRIBUTING.md documents codes the code no longer emits: {stale}"


def test_contributing_has_only_links_that_work_on_github_and_on_the_site() -> None:
    prose = re.sub(r"```.*?```|`[^`]*`", "", CONTRIBUTING, flags=re.DOTALL)  # code shows links, never makes them
    for target in re.findall(r"\]\(([^)\s]+)", prose):
        assert target.startswith(("https://", "#")), f"{target}: a relative link breaks in one of the two places"


# Workflows ------------------------------------------------------------------------------------------------

def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def make_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", (REPO / "Makefile").read_text("utf-8"), re.MULTILINE))


def run_commands(text: str) -> list[list[str]]:
    """The simple commands of a `run:` script: split on newlines, `&&`, `||`, `;` and `|`."""
    commands = []
    for line in text.splitlines():
        line = line.split(" #")[0].strip()
        for part in re.split(r"&&|\|\||;|\|", line):
            words = shlex.split(part.strip()) if part.strip() else []
            while words and re.fullmatch(r"[A-Za-z_]\w*=\S*", words[0]):
                words = words[1:]
            if words:
                commands.append(words)
    return commands


def steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_parses_and_has_triggers_and_jobs(path: Path) -> None:
    workflow = load_yaml(path)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert triggers and workflow["jobs"] and workflow["permissions"]
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on") and job.get("steps"), name


def test_the_workflows_cover_pull_requests_the_weekly_checks_and_publishing() -> None:
    by_name = {p.name: load_yaml(p) for p in WORKFLOWS}
    ci, weekly, pages = by_name["ci.yml"], by_name["weekly.yml"], by_name["pages.yml"]
    assert "pull_request" in ci[True]
    assert weekly[True]["schedule"][0]["cron"]
    assert pages[True]["push"]["branches"] == ["main"]
    runs = {name: " ".join(s.get("run", "") for s in steps(w)) for name, w in by_name.items()}
    assert "askscope check --strict" in runs["ci.yml"] and "mkdocs build --strict" in runs["ci.yml"]
    assert "askscope linkcheck site" in runs["ci.yml"] and ".ci/run" in runs["ci.yml"]
    assert "askscope verify --online" in runs["weekly.yml"]
    assert "askscope linkcheck --external" in runs["weekly.yml"]
    assert all(s.get("continue-on-error") for s in steps(weekly) if "askscope" in s.get("run", ""))
    assert any("actions/deploy-pages@" in s.get("uses", "") for s in steps(pages))
    assert "make upstream" in runs["upstream.yml"] and "make lowest" in runs["upstream.yml"]
    assert "make lock" in runs["upstream.yml"] and by_name["upstream.yml"][True]["schedule"][0]["cron"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text("utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"pin {action} to a full commit SHA"
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"name the release of {action} in a comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_command_a_workflow_runs_exists(path: Path) -> None:
    targets = make_targets()
    seen = 0
    for step in steps(load_yaml(path)):
        for words in run_commands(step.get("run", "")):
            if words[0] == "askscope":
                check_askscope_command(words[1:])
                seen += 1
            elif words[0] == "make":
                assert set(words[1:]) <= targets, f"{words}: no such make target"
                seen += 1
            elif words[0].startswith((".", "/")):
                script = REPO / words[0]
                assert script.is_file() and os.access(script, os.X_OK), f"{words[0]} is not an executable script"
                seen += 1
            elif words[0] == "mkdocs":
                check_mkdocs_command(words[1:])
    assert seen


def check_askscope_command(words: list[str]) -> None:
    command: click.Command = main
    while isinstance(command, click.Group) and words and not words[0].startswith("-"):
        assert words[0] in command.commands, f"askscope has no command {words[0]!r}"
        command, words = command.commands[words[0]], words[1:]
    options = {opt for param in command.params for opt in param.opts if isinstance(param, click.Option)}
    for word in words:
        if word.startswith("--"):
            assert word.split("=")[0] in options, f"`askscope {command.name}` has no option {word}"


def check_mkdocs_command(words: list[str]) -> None:
    from mkdocs.__main__ import cli

    assert words and words[0] in cli.commands, words
    command = cli.commands[words[0]]
    options = {opt for param in command.params for opt in param.opts}
    assert {w for w in words[1:] if w.startswith("--")} <= options, words


def test_the_command_splitter_sees_every_command() -> None:
    script = 'set -o pipefail\nstatus=0\naskscope verify --online 2>&1 | tee v.txt || status=$?\nmake a && make b'
    assert [w[0] for w in run_commands(script)] == ["set", "askscope", "tee", "make", "make"]


# Hooks, templates, editor settings -------------------------------------------------------------------------

def test_pre_commit_runs_ruff_and_askscope_check_with_the_project_tools() -> None:
    config = load_yaml(REPO / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["ruff"]["types"] == ["python"]
    assert hooks["askscope-check"]["files"] == "^registry/" and hooks["askscope-check"]["pass_filenames"] is False
    for hook in hooks.values():
        words = shlex.split(hook["entry"])
        assert words[0].startswith(".venv/bin/"), hook["id"]
        assert Path(sys.executable).with_name(Path(words[0]).name).exists(), f"{words[0]} is not installed"
        if Path(words[0]).name == "askscope":
            check_askscope_command(words[1:])


def test_pre_commit_accepts_its_config() -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is a dev dependency (pip install -e '.[dev]')")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_template_has_the_checklist() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text("utf-8")
    assert template.count("- [ ]") >= 5
    for needed in ("askscope check --strict", "askscope verify --online", "TODO"):
        assert needed in template


def rendered_issue(form: Any) -> str:
    """The issue body GitHub writes from a filled-in form, filled with each field's placeholder."""
    parts = []
    for element in form["body"]:
        if element["type"] in ("textarea", "input"):
            value = element["attributes"].get("placeholder", "").strip() or "_No response_"
            render = element["attributes"].get("render")
            parts.append(f"### {element['attributes']['label']}\n\n" +
                         (f"```{render}\n{value}\n```" if render else value))
    return "\n\n".join(parts) + "\n"


def test_the_suggest_a_question_form_is_valid_and_its_body_imports() -> None:
    form = load_yaml(REPO / ".github" / "ISSUE_TEMPLATE" / "suggest-question.yml")
    assert form["name"] == "Suggest a question" and form["description"] and form["body"]
    ids = [element["id"] for element in form["body"] if element["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for element in form["body"]:
        assert element["type"] in {"markdown", "textarea", "input", "dropdown", "checkboxes"}
        assert element["attributes"].get("label" if element["type"] != "markdown" else "value")
    bundle, diagnostics = parse_prompt("issue.md", rendered_issue(form))
    assert not [d for d in diagnostics if d.is_error]
    assert bundle is not None and bundle.question.startswith("I uploaded a microscope image")
    assert [m.name for m in bundle.models] == ["Cellpose"] and len(bundle.papers) == 1


def test_editor_settings_map_every_kind_of_file_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))["yaml.schemas"]
    for schema, pattern in settings.items():
        assert (REPO / schema).is_file(), schema
        assert list(REPO.glob(pattern)), pattern
    assert set(settings.values()) >= {"registry/questions/*.yaml", "registry/models/*.yaml",
                                      "registry/papers/*.yaml", "registry/tasks.yaml", "registry/citations.lock.yaml"}


# The built site ---------------------------------------------------------------------------------------------

@pytest.mark.site
def test_the_site_publishes_the_schemas_at_stable_urls(built_site: Path) -> None:
    assert (built_site / "schema.json").read_text("utf-8") == (REPO / "registry" / "schema.json").read_text("utf-8")
    for kind in ("question", "model", "paper", "tasks", "lock"):
        published = (built_site / "schema" / f"{kind}.json").read_text("utf-8")
        assert published == (REPO / "registry" / "schema" / f"{kind}.json").read_text("utf-8")


@pytest.mark.site
def test_the_site_renders_contributing_md_in_its_navigation(built_site: Path) -> None:
    page = html.unescape((built_site / "contributing" / "index.html").read_text("utf-8"))
    for heading in re.findall(r"^#{1,3} (.+)$", CONTRIBUTING, re.MULTILINE):
        assert re.sub(r"`", "", heading) in re.sub(r"<[^>]+>", "", page), heading
    assert 'href="contributing/"' in (built_site / "index.html").read_text("utf-8")
