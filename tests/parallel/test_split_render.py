"""Pages made by two processes (generator/parallel/split_render.py) are the pages one process makes, whatever the child
does: fails, stops early, or sends pages larger than the pipe."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

import pytest

from generator.build import Session, generate
from generator.memo import Memo
from generator.pages.render import LazyPages
from generator.parallel import child_process, split_render
from generator.parallel.child_process import PROCESSES

from ..conftest import VALID


def made_by(name: str, size: int = 0) -> Callable[[], str]:
    """A page whose text says which process made it; `size` pads it (with text no codec would pass unchanged)."""
    return lambda: f"{name} made by {os.getpid()} é—\ud800 " + "x" * size


def plan_of(n: int, size: int = 0) -> split_render.Plan:
    return [(f"p{i:04}.md", (i,), made_by(f"p{i:04}.md", size)) for i in range(n)]


def pages(plan: split_render.Plan, memo: Memo | None = None, share: float = 0.5) -> dict[str, str]:
    with split_render.split(plan, memo, share) as split:
        lazy = LazyPages(split, memo)
        return {path: lazy[path] for path in sorted(lazy)}


def makers(made: dict[str, str]) -> dict[str, int]:
    return {path: int(text.split(" made by ")[1].split()[0]) for path, text in made.items()}


def reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def child_pids(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the children `split` forks (when there are 200 pages or more to make), with one CPU too, and
    although other tests leave threads in this process (Playwright's, idle): the children only make pages."""
    pids: list[int] = []
    start = split_render.Child.__init__

    def noting(self: split_render.Child, work: Callable[..., None], names: Sequence[Hashable]) -> None:
        start(self, work, names)
        pids.append(self.pid)

    monkeypatch.setattr(split_render.Child, "__init__", noting)
    monkeypatch.setenv(PROCESSES, "2")
    monkeypatch.setattr(child_process.threading, "active_count", lambda: 1)
    return pids


@pytest.mark.parametrize("share", [0.5, 0.75])
def test_the_child_makes_its_share_and_the_pages_are_the_same(child_pids: list[int], share: float) -> None:
    plan = plan_of(400, size=3000)
    made = pages(plan, share=share)
    assert len(child_pids) == 1 and reaped(child_pids[0])
    by = makers(made)
    assert sum(pid == child_pids[0] for pid in by.values()) == int(share * 400)
    assert set(by.values()) == {os.getpid(), child_pids[0]}
    assert {path: text.replace(str(child_pids[0]), str(os.getpid())) for path, text in made.items()} == {
        path: make() for path, _, make in plan}


def test_pages_larger_than_the_pipe_come_through_whole(child_pids: list[int]) -> None:
    plan = plan_of(200, size=3 << 20)
    made = pages(plan)
    assert child_pids and child_pids[0] in makers(made).values()
    assert all(len(text) > 3 << 20 and text.endswith("x" * 100) for text in made.values())


def test_pages_kept_in_the_memo_are_not_made_again_by_anyone(child_pids: list[int]) -> None:
    plan, memo = plan_of(450), Memo()
    for path, inputs, _ in plan[:100]:
        memo.get(path, inputs, lambda: "kept")
    made = pages(plan, memo)
    assert [made[path] for path, _, _ in plan[:100]] == ["kept"] * 100
    assert sum(pid == child_pids[0] for pid in makers({p: made[p] for p, _, _ in plan[100:]}).values()) == 175


def test_too_few_pages_to_make_are_made_here(child_pids: list[int]) -> None:
    plan, memo = plan_of(300), Memo()
    for path, inputs, _ in plan[:150]:
        memo.get(path, inputs, lambda: "kept")
    pages(plan, memo)
    pages(plan_of(split_render.ENOUGH_PAGES - 1))
    assert child_pids == []


def test_if_the_child_fails_this_process_makes_the_rest(child_pids: list[int]) -> None:
    parent = os.getpid()

    def fails_in_the_child() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return "made here"

    plan = plan_of(300)
    plan[201] = (plan[201][0], plan[201][1], fails_in_the_child)
    made = pages(plan)
    by = makers({path: text for path, text in made.items() if path != plan[201][0]})
    assert made[plan[201][0]] == "made here"
    assert all(pid == child_pids[0] for path, pid in by.items() if path < plan[200][0] and int(path[1:5]) % 2)
    assert all(pid == parent for path, pid in by.items() if path > plan[201][0])
    assert reaped(child_pids[0])


def test_an_error_in_a_page_is_raised_here_and_the_child_is_stopped(child_pids: list[int]) -> None:
    def broken() -> str:
        raise ValueError("a broken page")

    plan = plan_of(300)
    plan[7] = (plan[7][0], plan[7][1], broken)
    with pytest.raises(ValueError, match="a broken page"):
        pages(plan)
    assert reaped(child_pids[0])


def test_a_caller_that_stops_early_stops_the_child(child_pids: list[int]) -> None:
    with split_render.split(plan_of(2000, size=5000)) as split:
        assert "made by" in LazyPages(split)["p0001.md"]
    assert reaped(child_pids[0])


def test_generate_writes_the_same_pages_with_and_without_the_child(
        child_pids: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(split_render, "ENOUGH_PAGES", 1)
    outputs = []
    for fork in ("2", "1"):
        monkeypatch.setenv(PROCESSES, fork)
        for session in (None, Session()):
            out = tmp_path / f"{fork}-{session is None}"
            diagnostics, report = generate(VALID, out, display_root="registry", session=session)
            assert report is not None and report.written, diagnostics
            outputs.append({path.relative_to(out).as_posix(): path.read_bytes()
                            for path in sorted(out.rglob("*")) if path.is_file()})
    assert len(child_pids) == 2
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]


def test_a_session_kept_to_one_process_forks_no_child(child_pids: list[int], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.mkdocs import generate_hook as mkdocs_hook

    monkeypatch.setattr(split_render, "ENOUGH_PAGES", 1)
    mkdocs_hook.on_startup("serve", dirty=True)
    assert mkdocs_hook._session.two_processes is False
    mkdocs_hook.on_startup("build", dirty=False)
    assert mkdocs_hook._session.two_processes is True
    diagnostics, report = generate(VALID, tmp_path / "out", display_root="registry",
                                   session=Session(two_processes=False))
    assert report is not None and report.written and child_pids == [], diagnostics
    generate(VALID, tmp_path / "again", display_root="registry", session=Session())
    assert len(child_pids) == 1
