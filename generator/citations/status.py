"""What a lock record means for a reader: one sentence per verification status."""

from __future__ import annotations

from generator.registry.schema import LockRecord

SOURCE_NAMES = {"arxiv-api": "the arXiv API", "doi": "doi.org", "crossref": "Crossref",
                "github-api": "the GitHub API", "manual": "by hand"}


def describe(record: LockRecord | None) -> str:
    if record is None:
        return "not yet verified"
    when = record.checked.isoformat()
    if record.status == "verified":
        if record.source == "manual":
            if not record.evidence:
                return f"checked by hand on {when}"
            more = len(record.evidence) - 1
            first = record.evidence[0].split(" (")[0]
            return f"checked by hand on {when} against {first}" + (f" and {more} more source(s)" if more else "")
        return f"verified against {SOURCE_NAMES[record.source]} on {when}"
    if record.status == "metadata-mismatch":
        return f"warning: {SOURCE_NAMES[record.source]} disagreed with this entry on {when}"
    if record.status == "not-found":
        return f"warning: not found at {SOURCE_NAMES[record.source]} on {when}"
    return f"could not be checked on {when} ({record.status})"
