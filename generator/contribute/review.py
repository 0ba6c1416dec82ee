"""`askscope review` and `askscope draft` as edits of a question's file: the new text of the file, with the rest
of it kept as it was (`yamledit`). Pure.
"""

from __future__ import annotations

import datetime

from generator.contribute.yamledit import set_values
from generator.registry.schema import Question


def with_review(path: str, text: str, question: Question, name: str, orcid: str | None,
                today: datetime.date) -> str | None:
    """The file with a review by `name` of the question as it reads now appended; None if `name` has
    already reviewed this very text."""
    digest = question.reviewed_hash
    if any(r.name == name and r.sha256 == digest for r in question.provenance.reviews):
        return None
    reviews = [r.model_dump(exclude_none=True) for r in question.provenance.reviews]
    entry = {"name": name, "orcid": orcid, "date": today, "sha256": digest}
    reviews.append({key: value for key, value in entry.items() if value is not None})
    return set_values(path, text, [(("provenance", "reviews"), reviews)])


def with_answer(path: str, text: str, field: str, answer: str, machine_drafted: bool, today: datetime.date) -> str:
    """The file with `field` (answer or explanation) replaced by the checked draft, `machine_drafted` set as
    the author says, and the date of the last revision moved to today."""
    return set_values(path, text, [((field,), answer), (("provenance", "machine_drafted"), machine_drafted),
                                   (("provenance", "date"), today)])
