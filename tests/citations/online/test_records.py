"""What the verifier writes fits the lock's schema whatever the sources say (titles of 1,000 characters,
control characters, impossible years, every paper disagreeing at once), and one identifier that cannot be
made into a record is reported for itself while every other identifier is still checked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.check import check_registry
from generator.citations.online.command import run_verify
from generator.citations.online.parsing import Found
from generator.citations.online.records import ELLIPSIS, Disagreement, clip, fit_note, lock_record
from generator.citations.online.sources import Answer, Sources
from generator.cli import main
from generator.registry.folder import read_registry
from generator.registry.schema import LINE_MAX, Lock, LockRecord, Paper

from ...fakeservices import FakeServices
from .test_verify import PLOS_ON_DOI_ORG, TODAY, lock, sources

LONG = "A study of everything " * 46  # 1,012 characters: no real title, a stand-in for an overlong one


def paper(title: str = "Heat-bath random walks with Markov bases") -> Paper:
    return Paper(id="stanley2016-heat-bath", title=title, authors=["Caprice Stanley"], year=2016, arxiv="1605.08386")


def test_clip_keeps_one_line_and_the_limit() -> None:
    assert clip("short") == "short"
    assert clip("a\x00b\x1fc\n d\u0085") == "a b c d"
    cut = clip(LONG)
    assert len(cut) == LINE_MAX and cut.endswith(ELLIPSIS) and cut.startswith("A study of everything")


@pytest.mark.parametrize("ours, theirs", [(LONG[:LINE_MAX], LONG), (LONG[:150], LONG[:160]), ("x" * 140, "y" * 140)])
def test_a_mismatch_note_fits_the_lock_whatever_the_titles(ours: str, theirs: str) -> None:
    note = fit_note([Disagreement("stanley2016-heat-bath", "title", ours, theirs)])
    assert note is not None and len(note) <= LINE_MAX
    assert note.startswith("papers/stanley2016-heat-bath: title '") and "but the source says '" in note
    assert LockRecord(status="metadata-mismatch", source="arxiv-api", checked=TODAY, note=note).note == note


def test_a_short_note_is_left_whole() -> None:
    disagreement = Disagreement("p", "year", 2016, 2019)
    assert fit_note([disagreement]) == "papers/p: year 2016 but the source says 2019"


def test_many_disagreements_at_once_still_fit() -> None:
    many = [Disagreement(f"paper-{n}", "title", LONG, LONG[::-1]) for n in range(40)]
    note = fit_note(many)
    assert note is not None and len(note) <= LINE_MAX and note.endswith(" more")


def test_a_thousand_character_title_from_the_source_makes_a_valid_record() -> None:
    found = Found(title=LONG, authors=("X" * 1000, "\x07"), year=1665)
    record, result = lock_record("arxiv:1605.08386", "arxiv-api", Answer("found", found), [paper(LONG[:LINE_MAX])],
                                 TODAY)
    assert record is not None and record.status == "metadata-mismatch"
    assert record.title is not None and len(record.title) == LINE_MAX and record.year is None
    assert record.authors == ["X" * (LINE_MAX - 1) + ELLIPSIS]
    assert record.note is not None and len(record.note) <= LINE_MAX
    assert LONG.strip() in result.detail  # the terminal and the report get the whole disagreement
    Lock.model_validate({"version": 1, "records": {"arxiv:1605.08386": record.model_dump()}})


def test_every_paper_disagreeing_at_once_with_long_titles(recorded_dir: Path, services: FakeServices,
                                                          base: str) -> None:
    """The registry's four papers get 300-character titles, another first author and year; the recorded
    answers say otherwise, so every one disagrees on three fields at once."""
    for path in sorted((recorded_dir / "papers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        data.update(title=(path.stem + " " + LONG)[:LINE_MAX], authors=["Nobody Atall"], year=1999)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), "utf-8")
    services.failures = {PLOS_ON_DOI_ORG: ["503"] * 3}
    assert run_verify(recorded_dir, True, False, sources(services, base, []), TODAY) == 1
    records = lock(recorded_dir)
    assert {r["status"] for r in records.values()} == {"metadata-mismatch"} and len(records) == 4
    assert all(len(str(r["note"])) <= LINE_MAX for r in records.values())
    _, diagnostics = check_registry(read_registry(recorded_dir, "registry"))
    assert {d.code for d in diagnostics if d.path.endswith("citations.lock.yaml")} == set()
    assert {d.code for d in diagnostics if d.is_error} >= {"cite.source-mismatch"}


class OneFaultySource(Sources):
    """Scripted: a fault inside the client (as a bug in reading one answer would raise) for one repository."""

    def github(self, repo: str) -> Answer:
        if repo == "AlaaLab/InstructCV":
            raise RecursionError("maximum recursion depth exceeded while reading the answer")
        return super().github(repo)


def test_one_identifier_s_fault_is_reported_and_the_others_are_checked(registry_dir: Path, services: FakeServices,
                                                                      base: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = yaml.safe_load((registry_dir / "citations.lock.yaml").read_text("utf-8"))["records"]
    client = sources(services, base, [])
    faulty = OneFaultySource(client.endpoints, client.http, arxiv_interval=0.0)
    assert run_verify(registry_dir, True, False, faulty, TODAY) == 1
    out = capsys.readouterr().out
    assert "github:AlaaLab/InstructCV: failed: could not be checked (RecursionError: maximum recursion" in out
    assert "Traceback" not in out
    after = lock(registry_dir)
    assert after["github:AlaaLab/InstructCV"] == before["github:AlaaLab/InstructCV"]  # kept as it was
    assert after["arxiv:2402.18286"]["status"] == "not-found"  # the others were still asked and written
    assert after["github:roydenwa/pseudo-colorize-masked-cells"]["status"] == "not-found"


def test_the_command_line_reports_a_long_mismatch_without_a_traceback(recorded_dir: Path, services: FakeServices,
                                                                      base: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case: a long registry title against the source's makes a note over 300 characters."""
    path = recorded_dir / "papers" / "stanley2016-heat-bath.yaml"
    path.write_text(path.read_text("utf-8").replace("title: Heat-bath random walks with Markov bases",
                                                    f"title: {LONG[:290]}"), "utf-8")
    for name, value in services.endpoints(base).items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["verify", "--online", "--registry", str(recorded_dir), "--timeout", "1"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "arxiv:1605.08386: metadata-mismatch: papers/stanley2016-heat-bath: title" in result.stdout
    note = lock(recorded_dir)["arxiv:1605.08386"]["note"]
    assert isinstance(note, str) and len(note) <= LINE_MAX and ELLIPSIS in note
