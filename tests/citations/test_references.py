from __future__ import annotations

from pathlib import Path

from generator.check import check_registry
from generator.citations.references import cited_keys, number_references, strip_citations
from generator.pages.escape import Safe
from generator.pages.templating import render_prose
from generator.registry.folder import read_registry


def test_cited_keys_in_order() -> None:
    assert cited_keys("A [@a] and [@b-2], again [@a].") == ["a", "b-2", "a"]


def test_strip_citations_leaves_readable_text() -> None:
    assert strip_citations("Cellpose [@cellpose] works , mostly [@a] [@b].") == "Cellpose works, mostly."


def test_render_prose_numbers_citations_and_escapes_the_rest() -> None:
    text = render_prose("<b>x</b> [@a] and [@zzz]\ue000 [x](y)", lambda key: Safe(f"[{key}]"))
    assert text == "&lt;b&gt;x&lt;/b&gt; [a] and [zzz] &#91;x&#93;(y)"


def test_a_key_cited_twice_keeps_one_number(registry_dir: Path) -> None:
    question = registry_dir / "questions" / "cell-types-without-training.yaml"
    twice = "explanation: |\n  [@kazimi2024-ssl-gan-em] [@kazimi2024-ssl-gan-em]\n"
    text = question.read_text("utf-8").replace("explanation: |\n", twice, 1)
    question.write_text(text, "utf-8")
    registry, diagnostics = check_registry(read_registry(registry_dir, "registry"))
    assert not [d for d in diagnostics if d.is_error]
    references = number_references(registry.questions["cell-types-without-training"])
    assert [r.id for r in references] == list(dict.fromkeys(r.id for r in references))
    assert [r.number for r in references] == list(range(1, len(references) + 1))
