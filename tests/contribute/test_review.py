"""`askscope review`: a review is pinned to the text it approved. An edit of the reviewed fields afterwards makes
`check` warn (`review.stale`, advisory even under --strict) and the built page say "changed since it was
reviewed by"; the home page, the all-questions page and registry.json count reviewed, stale and unreviewed."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.registry.folder import read_registry
from generator.registry.loading import load_registry
from generator.registry.reviews import review_hash, review_status

from ..conftest import REPO

QID = "cell-types-without-training"
ORCID = "0000-0002-1825-0097"  # ORCID's documented example iD (Josiah Carberry)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "registry", tmp_path / "registry")
    return tmp_path / "registry"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def generate(registry: Path, out: Path) -> None:
    result = run("generate", "--registry", str(registry), "--out", str(out))
    assert result.exit_code == 0, result.output


def test_a_review_then_an_edit_makes_check_warn_and_the_page_say_so(registry: Path, tmp_path: Path) -> None:
    result = run("review", QID, "--by", "Ada  Reviewer", "--orcid", f"https://orcid.org/{ORCID}",
                 "--registry", str(registry))
    assert result.exit_code == 0, result.output
    question = load_registry(read_registry(registry))[0].questions[QID]
    [review] = question.provenance.reviews
    assert (review.name, review.orcid, review.date, review.sha256) == (
        "Ada Reviewer", ORCID, datetime.date.today(), review_hash(question))
    assert review_status(question) == "reviewed"
    assert "review.stale" not in run("check", "--registry", str(registry)).output
    generate(registry, tmp_path / "before")
    page = (tmp_path / "before" / "questions" / f"{QID}.md").read_text("utf-8")
    assert f"; reviewed by [Ada Reviewer](https://orcid.org/{ORCID}) on {datetime.date.today().isoformat()}." in page
    again = run("review", QID, "--by", "Ada Reviewer", "--registry", str(registry))
    assert again.exit_code == 0 and "nothing to add" in again.stderr

    answer = tmp_path / "answer.md"
    answer.write_text("A new answer: InstructCV [@instructcv] was trained before you uploaded anything.\n", "utf-8")
    assert run("draft", QID, str(answer), "--machine-drafted", "no", "--registry", str(registry)).exit_code == 0
    for strict in ((), ("--strict",)):
        checked = run("check", *strict, "--registry", str(registry))
        assert checked.exit_code == 0, checked.output
        assert f"{QID}.yaml:" in checked.stderr and "warning: the reviewed fields changed after the last review " \
            f"(Ada Reviewer, {datetime.date.today().isoformat()}) [review.stale]" in checked.stderr
    generate(registry, tmp_path / "after")
    page = (tmp_path / "after" / "questions" / f"{QID}.md").read_text("utf-8")
    assert "; changed since it was reviewed by [Ada Reviewer]" in page and "; reviewed by" not in page
    assert '<a class="md-tag" href="../../tags/review-changed-since-review/">Review: changed since review</a>' in page
    exported = json.loads((tmp_path / "after" / "registry.json").read_text("utf-8"))
    count = len(exported["questions"])
    assert exported["reviews"] == {"reviewed": 0, "stale": 1, "unreviewed": count - 1}
    assert exported["review_status"][QID] == "stale"
    home = (tmp_path / "after" / "index.md").read_text("utf-8")
    assert (f"0 reviewed, [1 changed since review](tags/review-changed-since-review.md), "
            f"[{count - 1} not yet reviewed](tags/review-not-yet-reviewed.md)") in home
    listing = (tmp_path / "after" / "tags" / "review-changed-since-review.md").read_text("utf-8")
    assert f'href="../../questions/{QID}/"' in listing


def test_a_bad_orcid_is_refused_on_the_command_line(registry: Path) -> None:
    before = (registry / "questions" / f"{QID}.yaml").read_bytes()
    result = run("review", QID, "--by", "Ada", "--orcid", "0000-0002-1825-0098", "--registry", str(registry))
    assert result.exit_code == 2 and "checksum" in result.output
    assert (registry / "questions" / f"{QID}.yaml").read_bytes() == before


def test_reviews_in_the_file_are_checked(registry: Path) -> None:
    path = registry / "questions" / f"{QID}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  reviews: []\n", "  reviews:\n    - name: Ada\n      orcid: 0000-0002-1825-0098\n"
                                 "      date: 2026-12-01\n      sha256: " + "0" * 64 + "\n"), "utf-8")
    line = text.splitlines().index("  reviews: []") + 3
    result = run("check", "--registry", str(registry))
    assert result.exit_code == 1
    assert f"{QID}.yaml:{line}:14: error: provenance.reviews[0].orcid: " in result.stderr
    assert "[review.bad-orcid]" in result.stderr


def test_a_leftover_reviewed_by_is_reported_and_kept(registry: Path) -> None:
    path = registry / "questions" / f"{QID}.yaml"
    text = path.read_text("utf-8").replace("  reviews: []\n", "  reviewed_by: [Ada Lovelace]\n")
    path.write_text(text, "utf-8")
    line = text.splitlines().index("  reviewed_by: [Ada Lovelace]") + 1
    result = run("check", "--registry", str(registry))
    assert result.exit_code == 1 and f"{QID}.yaml:{line}:3: error: reviewed_by: " in result.stderr
    assert "[review.unpinned]" in result.stderr and "askscope review" in result.stderr
    assert path.read_text("utf-8") == text
