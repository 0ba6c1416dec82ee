"""`python -m bench.same_outputs REV`, the check that a refactoring changed no output, reports every difference."""

from __future__ import annotations

from bench.same_outputs import differences, outputs_left_out


def test_every_missing_extra_or_changed_output_is_reported() -> None:
    before = {"real/site/index.html": b"a", "real/generated/index.md": b"b", "schema.json": b"c"}
    after = {"real/site/index.html": b"a", "real/generated/index.md": b"B", "search/check.txt": b"d"}
    assert differences(before, after) == ["real/generated/index.md: differs", "schema.json: only before",
                                          "search/check.txt: only after"]
    assert differences(before, dict(before)) == []


def test_only_pages_made_from_the_projects_own_docs_are_left_out() -> None:
    assert outputs_left_out(["real/site/contributing/index.html", "search/site/pagefind/pagefind.js",
                             "real/site/questions/x/index.html", "real/generated/contributing.md"]) == [
        "real/site/contributing/index.html", "search/site/pagefind/pagefind.js"]
