"""Regenerating without a registry change touches nothing in docs/: `mkdocs serve` watches docs/, so
any rewrite there (even of identical bytes) starts another build, which would rewrite it again, forever."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator import build as build_module
from generator.build import Session, generate
from generator.exports import llmstxt
from generator.pages import entity_pages, index_pages, listing, question_page, templating
from generator.registry import loading as registry_module
from generator.registry.folder import read_registry
from generator.registry.reviews import review_hash
from tests.conftest import REPO


def _stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file()}


def test_a_second_generate_touches_no_file(registry_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    _, report = generate(registry_dir, out)
    assert report is not None and report.written
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = _stats(out)
    _, again = generate(registry_dir, out)
    assert again is not None and not again.written and not again.removed
    assert _stats(out) == before


def test_an_edit_rewrites_only_the_pages_it_changes(registry_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    generate(registry_dir, out)
    question = next((registry_dir / "questions").glob("*.yaml"))
    question.write_text(question.read_text("utf-8").replace("answer: >-\n  ", "answer: >-\n  Edited. ", 1), "utf-8")
    before = _stats(out)
    _, report = generate(registry_dir, out)
    assert report is not None and f"questions/{question.stem}.md" in report.written
    changed = {name for name, stat in _stats(out).items() if before.get(name) != stat}
    assert changed == set(report.written)


# --- A session (the MkDocs hook under `mkdocs serve`) reuses parsed files and unchanged pages -------------------
# Each edit below changes one thing a page may be made from; after every edit the session's output must be
# byte for byte what a fresh run writes. An input missing from a page's inputs (render.page_plan) makes a
# page stale here.

Edit = Callable[[Path], None]


def _set(relative: str, *loc: str | int, value: object = None, append: str = " (edited)") -> Edit:
    """Set (or append to) the value at `loc` in the YAML file `relative`."""
    def edit(root: Path) -> None:
        path = root / relative
        text = path.read_text("utf-8")
        data = yaml.safe_load(text)
        node = data
        for part in loc[:-1]:
            node = node[part]
        node[loc[-1]] = value if value is not None else f"{node[loc[-1]]}{append}"
        first_line = text.split("\n", 1)[0]  # the schema line
        path.write_text(f"{first_line}\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}", "utf-8")
    return edit


def _copy_question(source: str, new_id: str) -> Edit:
    def edit(root: Path) -> None:
        text = (root / "questions" / f"{source}.yaml").read_text("utf-8")
        (root / "questions" / f"{new_id}.yaml").write_text(text.replace(f"id: {source}", f"id: {new_id}", 1), "utf-8")
    return edit


def _remove(relative: str) -> Edit:
    return lambda root: (root / relative).unlink()


def _break_then(relative: str) -> Edit:
    """Leaves `relative` as invalid YAML (the run fails and writes nothing); the next edit repairs it."""
    def edit(root: Path) -> None:
        path = root / relative
        (root.parent / "saved.yaml").write_bytes(path.read_bytes())
        path.write_text("id: [unclosed\n", "utf-8")
    return edit


def _review_as_it_reads(qid: str) -> Edit:
    """A review of the question's text as it is now (its hash matches), added to those it has."""
    def edit(root: Path) -> None:
        question = registry_module.load_registry(read_registry(root))[0].questions[qid]
        review = {"name": "A Reviewer", "date": "2026-12-02", "sha256": review_hash(question)}
        _set(f"questions/{qid}.yaml", "provenance", "reviews",
             value=[*(r.model_dump(mode="json", exclude_none=True) for r in question.provenance.reviews), review])(root)
    return edit


def _restore(relative: str) -> Edit:
    return lambda root: (root / relative).write_bytes((root.parent / "saved.yaml").read_bytes())


EDITS: list[tuple[str, Edit]] = [
    ("question text", _set("questions/outline-cells-without-training.yaml", "answer")),
    ("question title", _set("questions/outline-cells-without-training.yaml", "question")),
    ("why a paper is cited", _set("questions/outline-cells-without-training.yaml", "papers", 0, "why")),
    ("workflow step", _set("questions/outline-cells-without-training.yaml", "workflow", "steps", 0, "label")),
    ("a review of an earlier text", _set("questions/outline-cells-without-training.yaml", "provenance", "reviews",
                                         value=[{"name": "A Reviewer", "date": "2026-12-01", "sha256": "0" * 64}])),
    ("a review of the text as it reads", _review_as_it_reads("outline-cells-without-training")),
    ("the reviewed text edited", _set("questions/outline-cells-without-training.yaml", "limitations", 0)),
    ("model name", _set("models/cellpose.yaml", "name")),
    ("model summary", _set("models/cellpose.yaml", "summary")),
    ("model input", _set("models/cellpose.yaml", "inputs", 0, "description")),
    ("paper title", _set("papers/stringer2021-cellpose.yaml", "title", append=" ")),
    ("paper venue", _set("papers/stringer2021-cellpose.yaml", "venue")),
    ("paper summary", _set("papers/stringer2021-cellpose.yaml", "summary", "overview")),
    ("task name", _set("tasks.yaml", "tasks", "segment-cells", "name")),
    ("parent task description", _set("tasks.yaml", "tasks", "analyse-images", "description")),
    ("citation record", _set("citations.lock.yaml", "records", "github:MouseLand/cellpose", "checked",
                             value="2026-11-22")),
    ("a new question", _copy_question("separate-touching-nuclei", "separate-touching-nuclei-again")),
    ("a question title on its copy", _set("questions/separate-touching-nuclei-again.yaml", "question")),
    ("a removed question", _remove("questions/separate-touching-nuclei-again.yaml")),
    ("a broken file", _break_then("models/cellpose.yaml")),
    ("the file repaired", _restore("models/cellpose.yaml")),
]


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# With two items a page, every list of the real registry runs over continuation pages, so an edit also moves
# items from one page of a list to the next.
@pytest.mark.parametrize("page_size", [listing.PAGE_SIZE, 2])
def test_a_session_writes_what_a_fresh_run_writes_after_every_kind_of_edit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page_size: int) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", page_size)
    root = tmp_path / "registry"
    shutil.copytree(REPO / "registry", root, ignore=shutil.ignore_patterns("schema*"))
    session = Session()
    assert generate(root, tmp_path / "kept", session=session, display_root="registry")[1] is not None
    for name, edit in EDITS:
        edit(root)
        problems, kept = generate(root, tmp_path / "kept", session=session, display_root="registry")
        fresh_problems, _ = generate(root, tmp_path / "fresh", display_root="registry")
        assert problems == fresh_problems, name
        if name == "a broken file":
            assert kept is None and problems, "the broken file must fail the run"
            continue
        assert kept is not None, f"{name}: {problems}"
        assert _contents(tmp_path / "kept") == _contents(tmp_path / "fresh"), name


def test_a_session_skips_unchanged_files_and_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "registry"
    shutil.copytree(REPO / "registry", root, ignore=shutil.ignore_patterns("schema*"))
    session = Session()
    generate(root, tmp_path / "out", session=session)
    parsed: list[str] = []
    rendered: list[str] = []
    real_parse, real_render = registry_module.parse_yaml, templating.render_template
    monkeypatch.setattr(registry_module, "parse_yaml", lambda path, *a: parsed.append(path) or real_parse(path, *a))
    for page_kind in (entity_pages, index_pages, question_page):
        monkeypatch.setattr(page_kind, "render_template",
                            lambda t, linker, **c: rendered.append(linker.page) or real_render(t, linker, **c))
    _set("models/stardist.yaml", "summary")(root)
    generate(root, tmp_path / "out", session=session)
    assert parsed == [f"{root.as_posix()}/models/stardist.yaml"]
    assert "models/stardist.md" in rendered and "questions/separate-touching-nuclei.md" in rendered
    assert "questions/cell-types-without-training.md" not in rendered
    assert len(rendered) < 20


def test_llms_full_parts_outlive_runs_that_reuse_the_whole_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Each edit is followed by a run with nothing changed (under serve, MkDocs saw docs/ change); the next edit
    # must still find every other question's part, so only the edited question's part is made again.
    root = tmp_path / "registry"
    shutil.copytree(REPO / "registry", root, ignore=shutil.ignore_patterns("schema*"))
    session = Session()
    generate(root, tmp_path / "out", session=session)
    made: list[str] = []
    real = llmstxt._question
    monkeypatch.setattr(llmstxt, "_question",
                        lambda registry, q, site_url: made.append(q.id) or real(registry, q, site_url))
    for question in ("separate-touching-nuclei", "outline-cells-without-training"):
        _set(f"questions/{question}.yaml", "answer")(root)
        generate(root, tmp_path / "out", session=session)
        generate(root, tmp_path / "out", session=session)
    assert made == ["separate-touching-nuclei", "outline-cells-without-training"]


def test_a_session_run_with_nothing_changed_reuses_the_last_run(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Under serve every save is followed by builds with no registry change (MkDocs saw docs/ change); those
    # must neither check nor render again, yet still put back a page changed behind the generator's back.
    root = tmp_path / "registry"
    shutil.copytree(REPO / "registry", root, ignore=shutil.ignore_patterns("schema*"))
    out = tmp_path / "out"
    session = Session()
    checks: list[bool] = []
    real_check = build_module.check_registry
    monkeypatch.setattr(build_module, "check_registry", lambda *a: checks.append(True) or real_check(*a))
    first, _ = generate(root, out, session=session)
    page = out / "questions" / "separate-touching-nuclei.md"
    text = page.read_bytes()
    page.unlink()
    again, report = generate(root, out, session=session)
    assert len(checks) == 1
    assert again == first
    assert report is not None and report.written == ["questions/separate-touching-nuclei.md"]
    assert page.read_bytes() == text
    generate(root, out, session=session, site_url="https://example.org/askscope/")
    assert len(checks) == 2, "another site URL is another run"
    _set("questions/separate-touching-nuclei.yaml", "answer")(root)
    generate(root, out, session=session, site_url="https://example.org/askscope/")
    assert len(checks) == 3, "an edit is another run"
    assert b"(edited)" in page.read_bytes()


@pytest.mark.parametrize("enabled_before", [True, False])
def test_a_run_pauses_the_cycle_collector_and_leaves_it_as_it_was(
        registry_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled_before: bool) -> None:
    during: list[bool] = []
    real_check = build_module.check_registry

    def check(*args: object) -> object:
        during.append(gc.isenabled())
        if len(during) == 2:
            raise RuntimeError("a run that fails")
        return real_check(*args)

    monkeypatch.setattr(build_module, "check_registry", check)
    (gc.enable if enabled_before else gc.disable)()
    try:
        generate(registry_dir, tmp_path / "out")
        assert gc.isenabled() is enabled_before
        with pytest.raises(RuntimeError):
            generate(registry_dir, tmp_path / "out")
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()
    assert during == [False, False]
