"""bench/synth.py: the synthetic registries are valid, and their words are spread over pages as a real
registry's are (a task's words on that task's pages, not on every page), so that search figures measured on them
are not those of a text where every word is on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bench.synth import TOPICS, write_registry
from tests.registries import load


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    write_registry(root, 400)
    return root


def test_the_synthetic_registry_passes_the_strict_check(synthetic: Path) -> None:
    registry = load(synthetic)
    assert len(registry.questions) == 400 and set(TOPICS) <= set(registry.tasks)


def test_a_tasks_words_are_on_its_questions_and_on_few_others(synthetic: Path) -> None:
    by_task: dict[str, list[str]] = {}
    for path in (synthetic / "questions").glob("*.yaml"):
        text = path.read_text("utf-8")
        by_task.setdefault(yaml.safe_load(text)["task"], []).append(text)
    checked = 0
    for task, (_, things) in TOPICS.items():
        own = by_task.get(task, [])
        others = [text for other, texts in by_task.items() if other != task for text in texts]
        if len(own) < 10:
            continue
        words = re.compile("|".join(re.escape(thing) for thing in things), re.IGNORECASE)
        share_own = sum(bool(words.search(text)) for text in own) / len(own)
        share_others = sum(bool(words.search(text)) for text in others) / len(others)
        assert share_own >= 0.9 and share_others <= 0.35, (task, share_own, share_others)
        checked += 1
    assert checked >= 5
