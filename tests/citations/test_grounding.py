from __future__ import annotations

import pytest

from generator.check import check_registry
from generator.citations.grounding import _entity_prose, _mentions
from generator.citations.grounding import canonical_mention as _canonical
from generator.registry.folder import read_registry
from tests.conftest import REPO


@pytest.mark.parametrize(("mention", "key"), [
    ("2310.00390v3", "arxiv:2310.00390"),
    ("arXiv:2310.00390", "arxiv:2310.00390"),
    ("https://arxiv.org/pdf/2302.05968v2.pdf", "arxiv:2302.05968"),
    ("10.1093/mictod/qaad096", "doi:10.1093/mictod/qaad096"),
    ("https://doi.org/10.1371/JOURNAL.PONE.0290561", "doi:10.1371/journal.pone.0290561"),
    ("github.com/AlaaLab/InstructCV", "github:alaalab/instructcv"),
    ("https://github.com/AlaaLab/InstructCV/tree/main", "github:alaalab/instructcv"),
    ("https://huggingface.co/alaa-lab/InstructCV", "huggingface:alaa-lab/instructcv"),
    ("www.example.org/x", "url:https://www.example.org/x"),
    ("ftp://example.org/x", "url:ftp://example.org/x"),
])
def test_canonical(mention: str, key: str) -> None:
    assert _canonical(mention) == key


def test_mentions_finds_each_source_once() -> None:
    text = ("See https://arxiv.org/abs/2310.00390, github.com/a/b. Also 10.1038/nbt.4106 and "
            "arXiv:1906.07697; javascript:alert(1) and www.example.org.")
    assert list(_mentions(text)) == ["https://arxiv.org/abs/2310.00390", "www.example.org", "github.com/a/b",
                                     "10.1038/nbt.4106", "arXiv:1906.07697"]


def test_plain_numbers_are_not_mentions() -> None:
    assert list(_mentions("In 2023 it reached 99.5% on 1,000 images at 0.2 µm.")) == []


def test_a_paper_s_prose_may_name_the_models_it_introduced_and_no_other() -> None:
    registry, _ = check_registry(read_registry(REPO / "registry"))
    allowed_by_paper = {eid: allowed for kind, eid, _, _, allowed in _entity_prose(registry) if kind == "papers"}
    assert any(len(allowed) > 1 for allowed in allowed_by_paper.values()), "no paper of the test registry has a model"
    for pid, allowed in allowed_by_paper.items():
        assert allowed == {("papers", pid)} | {("models", mid) for mid, model in registry.models.items()
                                               if model.paper == pid}
