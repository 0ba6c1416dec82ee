"""Reviews pinned to what was reviewed: the hash of a question's reviewed fields, ORCID iDs, and whether a
question is reviewed, changed since its review (stale) or not yet reviewed. Pure.

The hash is SHA-256 over the JSON text of the reviewed fields as the schema reads them (texts stripped):
`{"answer", "citations": {"models": [ids], "papers": [{"paper", "why"}]}, "explanation", "limitations",
"question", "workflow": {"inputs", "steps", "outputs"}}`, keys sorted, no spaces (`separators=(",", ":")`),
non-ASCII as `\\uXXXX` escapes (Python's `json.dumps` defaults, three times faster than without them), and a
step's `model` always present (null when unset). So reformatting the YAML (folding, quoting, comments,
key order) keeps a review; changing a word of those fields does not.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from generator.registry.schema import Question, Review

ReviewStatus = Literal["reviewed", "stale", "unreviewed"]
STATUSES: tuple[ReviewStatus, ...] = ("reviewed", "stale", "unreviewed")
_ORCID = re.compile(r"(?:https?://(?:www\.)?orcid\.org/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])", re.IGNORECASE)


def reviewed_fields(question: Question) -> dict[str, object]:
    return {
        "question": question.question,
        "answer": question.answer,
        "explanation": question.explanation,
        "workflow": question.workflow.model_dump(mode="json"),
        "limitations": list(question.limitations),
        "citations": {"models": list(question.models),
                      "papers": [related.model_dump(mode="json") for related in question.papers]},
    }


def review_hash(question: Question) -> str:
    """The 64 hex digits of SHA-256 over the canonical JSON of `reviewed_fields`."""
    text = json.dumps(reviewed_fields(question), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def canonical_orcid(value: str) -> str:
    """`0000-0002-1825-0097` from that form, without hyphens, or as an orcid.org link; ValueError when it
    is not 16 digits (the last may be X) or its check digit is wrong (ISO 7064 MOD 11-2)."""
    match = _ORCID.fullmatch(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not an ORCID iD: 16 digits in four groups, e.g. 0000-0002-1825-0097")
    digits = "".join(match.groups()).upper()
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise ValueError(f"{value!r} is not an ORCID iD: its last character (the checksum) does not match; "
                         "copy it again from orcid.org")
    return "-".join(match.groups()).upper()


def current_reviews(question: Question) -> tuple[list[Review], list[Review]]:
    """(reviews of the text as it is now, reviews of an earlier version)."""
    now = question.reviewed_hash if question.provenance.reviews else ""
    current = [r for r in question.provenance.reviews if r.sha256 == now]
    return current, [r for r in question.provenance.reviews if r.sha256 != now]


def review_status(question: Question) -> ReviewStatus:
    if not question.provenance.reviews:
        return "unreviewed"
    return "reviewed" if current_reviews(question)[0] else "stale"
