"""Turn a source's answer into a lock record that fits the lock's schema, whatever the source sent.

What a source sends is untrusted: a title may be 1,000 characters long or hold control characters, a
year may be 1665. The lock's one-line fields hold at most `LINE_MAX` characters, so every text is
folded onto one line and cut with an ellipsis; the note that says how the entry and the source
disagree shortens the titles it quotes until it fits. The full, uncut disagreement goes to the
terminal and the dry-run report (`Result.detail`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.citations.metadata import first_authors_match, titles_match, years_match
from generator.citations.online.parsing import Found
from generator.citations.online.sources import Answer
from generator.registry.schema import LINE_MAX, LockRecord, Paper, Source, Status

ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SHORTEST = 12
"""Below this many characters a quoted title says nothing; the note then drops whole disagreements."""


@dataclass(frozen=True)
class Result:
    key: str
    status: str
    """A lock status; "skipped" (no online check for the kind); "unreachable" or "rate-limited" (the
    previous record was kept); "failed" (the answer could not be made into a record; previous kept)."""
    detail: str = ""


UNCHECKED = frozenset({"unreachable", "rate-limited", "failed"})
"""Results that leave an identifier unchecked: the run exits 1."""


@dataclass(frozen=True)
class Disagreement:
    paper: str
    field: str
    ours: str | int
    theirs: str | int

    def text(self, width: int | None = None) -> str:
        """One line; quoted values cut to `width` characters."""
        def show(value: str | int) -> str:
            return repr(clip(value, width)) if isinstance(value, str) else str(value)
        return f"papers/{self.paper}: {self.field} {show(self.ours)} but the source says {show(self.theirs)}"


def clip(text: str, width: int | None = LINE_MAX) -> str:
    """`text` on one line (control characters and runs of spaces become one space), cut to `width`
    characters with an ellipsis."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    return line if width is None or len(line) <= width else line[:width - 1].rstrip() + ELLIPSIS


def fit_note(disagreements: list[Disagreement]) -> str | None:
    """The disagreements as one note of at most LINE_MAX characters: in full if they fit, else with
    every quoted value cut to the widest width that fits, else as many as fit and a count of the rest."""
    if not disagreements:
        return None
    for width in (None, *range(LINE_MAX, _SHORTEST - 1, -1)):
        note = "; ".join(d.text(width) for d in disagreements)
        if len(note) <= LINE_MAX:
            return note
    shown: list[str] = []
    for count, disagreement in enumerate(disagreements):
        rest = f"; and {len(disagreements) - count - 1} more" if count + 1 < len(disagreements) else ""
        candidate = "; ".join([*shown, disagreement.text(_SHORTEST)])
        if len(candidate + rest) > LINE_MAX:
            return clip("; ".join(shown) + f"; and {len(disagreements) - count} more")
        shown.append(disagreement.text(_SHORTEST))
    return clip("; ".join(shown))


def disagreements(paper: Paper, source: str, found: Found) -> list[Disagreement]:
    found_list = []
    if found.title and not titles_match(paper.title, found.title):
        found_list.append(Disagreement(paper.id, "title", paper.title, found.title))
    if found.authors and not first_authors_match(paper.authors[0], found.authors[0]):
        found_list.append(Disagreement(paper.id, "first author", paper.authors[0], found.authors[0]))
    if found.year is not None and not years_match(paper.year, found.year, source):
        found_list.append(Disagreement(paper.id, "year", paper.year, found.year))
    return found_list


def lock_record(key: str, source: Source, answer: Answer, papers: list[Paper],
                today: datetime.date) -> tuple[LockRecord | None, Result]:
    """The record an answer gives (None: keep the previous one) and what to report about it."""
    if answer.status in ("unreachable", "rate-limited"):
        return None, Result(key, answer.status, f"{answer.detail}; the previous record was kept")
    if answer.status == "not-found" or answer.found is None:
        return (LockRecord(status="not-found", source=source, checked=today, note=_line(answer.detail)),
                Result(key, "not-found", answer.detail))
    found = answer.found
    problems = [problem for paper in papers for problem in disagreements(paper, source, found)]
    status: Status = "metadata-mismatch" if problems else "verified"
    authors = [name for name in map(_line, found.authors) if name]
    year = found.year if found.year is not None and 1900 <= found.year <= 2100 else None
    record = LockRecord(status=status, source=source, checked=today, title=_line(found.title), authors=authors,
                        year=year, full_name=_line(found.full_name), archived=found.archived,
                        default_branch=_line(found.default_branch), note=fit_note(problems))
    return record, Result(key, status, "; ".join(p.text() for p in problems))


def _line(text: str | None) -> str | None:
    return (clip(text) or None) if text else None
