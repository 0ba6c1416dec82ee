"""Reviews pinned by hash: the hash of the reviewed fields, and ORCID iDs checked by their checksum."""

from __future__ import annotations

import pytest

from generator.registry.folder import read_registry
from generator.registry.loading import load_registry
from generator.registry.reviews import canonical_orcid, review_hash
from generator.registry.schema import Question

from ..conftest import REPO

QID = "cell-types-without-training"


@pytest.mark.parametrize(("value", "canonical"), [
    # ORCID's documented examples, one of them with the check character X
    ("0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"),
    ("0000000216942 33x", None), ("0000-0002-1694-233x", "0000-0002-1694-233X"),
    ("0000000218250097", "0000-0002-1825-0097"),
])
def test_orcids_are_read_in_their_common_forms(value: str, canonical: str | None) -> None:
    if canonical is None:
        with pytest.raises(ValueError, match="not an ORCID iD"):
            canonical_orcid(value)
    else:
        assert canonical_orcid(value) == canonical


@pytest.mark.parametrize("value", ["0000-0002-1825-0098", "0000-0002-1825-009X", "0000-0001-5109-3701"])
def test_a_wrong_check_digit_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="checksum"):
        canonical_orcid(value)


def _question(text: str) -> Question:
    files = read_registry(REPO / "registry")
    path = next(p for p in files if p.endswith(f"/{QID}.yaml"))
    registry = load_registry({**files, path: text.encode("utf-8")})[0]
    return registry.questions[QID]


def test_the_hash_follows_the_reviewed_fields_and_nothing_else() -> None:
    text = (REPO / "registry" / "questions" / f"{QID}.yaml").read_text("utf-8")
    digest = review_hash(_question(text))
    assert len(digest) == 64
    refolded = text.replace("answer: >-\n  It does not learn", "# a comment\nanswer: >-\n  It  does not learn")
    assert refolded != text
    assert review_hash(_question(refolded.replace("It  does", "It does"))) == digest
    retagged = text.replace("topic: [zero-shot, ", "topic: [")
    assert review_hash(_question(retagged)) == digest
    for before, after in (("It does not learn", "It does not quite learn"),
                          ("why: The paper behind InstructCV", "why: The paper on InstructCV"),
                          ("label: Your microscope image", "label: Your image")):
        assert before in text
        assert review_hash(_question(text.replace(before, after))) != digest
