"""`askscope prompt`: every question of the registry, written as a seed-000 prompt and imported into an empty
registry, comes back as the same bundle: the question word for word, each model (name, code, weights, summary,
its paper's identifier) and each related paper (title, identifier, code, summary), in order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.registry.folder import read_registry
from generator.registry.loading import load_registry
from generator.registry.yamlsource import parse_yaml

from ..conftest import DATA, REPO

REGISTRY = load_registry(read_registry(REPO / "registry"))[0]
SEED = DATA / "import" / "seed-000.txt"


def _flat(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _get(entry: dict[str, Any], key: str) -> Any:
    """A value of an imported entry; the importer writes `TODO` for what a prompt does not say (a model with no
    `GitHub:` line may still have code), which for an optional field the registry leaves out is the same."""
    value = entry.get(key)
    return None if value == "TODO" else value


def _link(arxiv: str | None, doi: str | None, url: str | None) -> str | None:
    """The paper's identifier that a prompt carries, as in the seed: its arXiv id, else its DOI, else its URL (a
    DOI beside an arXiv id is, like authors and year, not part of the seed's form)."""
    return f"arxiv:{arxiv}" if arxiv else f"doi:{doi}" if doi else f"url:{url}" if url else None


def _ids(paper: dict[str, Any]) -> str | None:
    return _link(_get(paper, "arxiv"), _get(paper, "doi"), _get(paper, "url"))


def expected_bundle(qid: str) -> dict[str, Any]:
    question = REGISTRY.questions[qid]

    def paper(pid: str) -> tuple[Any, ...]:
        p = REGISTRY.papers[pid]
        return (p.title, _link(p.arxiv, p.doi, p.url), p.code, _flat(p.summary.overview) if p.summary else None)

    models = []
    for mid in question.models:
        m = REGISTRY.models[mid]
        linked = REGISTRY.papers[m.paper] if m.paper else None
        models.append((m.name, m.code, m.weights, _flat(m.summary),
                       (linked.title, _link(linked.arxiv, linked.doi, linked.url)) if linked else None))
    return {"question": question.question, "models": models, "papers": [paper(r.paper) for r in question.papers]}


def imported_bundle(registry: Path) -> dict[str, Any]:
    def load(kind: str, eid: str) -> dict[str, Any]:
        source, problems = parse_yaml(eid, (registry / kind / f"{eid}.yaml").read_bytes())
        assert source is not None and not problems
        data: dict[str, Any] = source.data
        return data

    [question_file] = (registry / "questions").iterdir()
    question = load("questions", question_file.stem)
    models = []
    for mid in question["models"]:
        m = load("models", mid)
        linked = load("papers", m["paper"]) if _get(m, "paper") else None
        models.append((m["name"], _get(m, "code"), _get(m, "weights"), _flat(m["summary"]),
                       (linked["title"], _ids(linked)) if linked else None))
    papers = []
    for related in question["papers"]:
        p = load("papers", related["paper"])
        overview = p["summary"]["overview"] if isinstance(p.get("summary"), dict) else None
        papers.append((p["title"], _ids(p), _get(p, "code"), _flat(overview)))
    return {"question": question["question"], "models": models, "papers": papers}


@pytest.mark.parametrize("qid", sorted(REGISTRY.questions))
def test_prompt_then_import_gives_the_same_bundle(qid: str, tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(main, ["prompt", qid, "--registry", str(REPO / "registry")])
    assert printed.exit_code == 0, printed.output
    prompt = tmp_path / "prompt.txt"
    prompt.write_text(printed.stdout, "utf-8")
    imported = runner.invoke(main, ["import", "--registry", str(tmp_path / "empty"), str(prompt)])
    assert imported.exit_code == 0, imported.output
    assert "not understood" not in imported.stderr or "0 line(s) not understood" in imported.stderr
    assert imported_bundle(tmp_path / "empty") == expected_bundle(qid)


def test_the_prompt_has_the_seed_form() -> None:
    printed = CliRunner().invoke(main, ["prompt", "cell-types-without-training", "--registry",
                                        str(REPO / "registry")]).stdout
    lines = printed.splitlines()
    assert lines[0] == "You are an AI scientist."
    assert lines[3] == f'"{REGISTRY.questions["cell-types-without-training"].question}"'
    assert "Use **only the provided models and papers**. Do not refer to outside sources." in lines
    assert lines.index("### Recommended AI Models:") < lines.index("### Related Papers:")
    assert "GitHub: https://github.com/AlaaLab/InstructCV" in lines
    assert "Paper: https://arxiv.org/abs/2310.00390" in lines
    assert lines[-1] == "Answer:"
    seed = SEED.read_text("utf-8")  # the instructions are the seed's, word for word
    assert printed[:printed.index("### Recommended")] == seed[:seed.index("### Recommended")]


def test_an_unknown_question_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["prompt", "no-such-question", "--registry", str(REPO / "registry")])
    assert result.exit_code == 1
    assert "'no-such-question' is not in the registry" in result.stderr
