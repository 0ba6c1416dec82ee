"""Editing a registry file in place: the values asked for change, everything else stays byte for byte, and a
change that would not read back is refused."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.contribute.yamledit import EditError, set_values
from generator.registry.yamlsource import parse_yaml

FILE = """# a comment at the top
id: x
answer: >-
  folded
  text   # not a comment
# a comment between keys
explanation: "quoted"
provenance:
  written_by: [me]  # who
  reviews: []
  date: 2026-11-21
  machine_drafted: true
# the end
"""


def read(text: str) -> object:
    source, problems = parse_yaml("x.yaml", text.encode("utf-8"))
    assert source is not None and not problems
    return source.data


def test_values_change_and_the_rest_stays() -> None:
    edited = set_values("x.yaml", FILE, [(("answer",), "one\n\ntwo"), (("provenance", "machine_drafted"), False),
                                         (("provenance", "date"), datetime.date(2026, 12, 2))])
    assert edited == FILE.replace(">-\n  folded\n  text   # not a comment", "|-\n  one\n\n  two").replace(
        "machine_drafted: true", "machine_drafted: false").replace("date: 2026-11-21", "date: 2026-12-02")


def test_a_list_of_mappings_replaces_a_flow_list_and_a_missing_key_is_added() -> None:
    review = {"name": "Ada", "date": datetime.date(2026, 12, 2), "sha256": "0" * 64}
    edited = set_values("x.yaml", FILE, [(("provenance", "reviews"), [review])])
    assert "  reviews:\n    - name: \"Ada\"\n      date: 2026-12-02\n      sha256: \"" in edited
    added = set_values("x.yaml", FILE.replace("  reviews: []\n", ""), [(("provenance", "reviews"), [review])])
    assert read(added) == read(edited)
    assert added.endswith("  machine_drafted: true\n  reviews:\n    - name: \"Ada\"\n      date: 2026-12-02\n"
                          f"      sha256: \"{'0' * 64}\"\n# the end\n")


@pytest.mark.parametrize("text", ["", "just text\n", "answer: [unclosed\n"])
def test_a_file_that_does_not_parse_is_not_edited(text: str) -> None:
    with pytest.raises(EditError):
        set_values("x.yaml", text, [(("answer",), "new")])


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t:#-'\"|>"), max_size=80)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_reads_back_exactly_or_is_refused(value: str) -> None:
    try:
        edited = set_values("x.yaml", FILE, [(("answer",), value)])
    except EditError:
        return
    data = read(edited)
    assert isinstance(data, dict) and data["answer"] == value and data["explanation"] == "quoted"


@settings(max_examples=200, deadline=None)
@given(_TEXT.filter(lambda text: not any(c in text for c in "\x85\u2028\u2029")))
def test_a_draft_as_askscope_draft_makes_it_is_never_refused(value: str) -> None:
    """`askscope draft` strips the answer and each line's end (YAML reads U+0085, U+2028 and U+2029 as line
    breaks, so a text holding them is refused rather than changed)."""
    draft = "\n".join(line.rstrip() for line in value.strip().split("\n"))
    data = read(set_values("x.yaml", FILE, [(("answer",), draft)]))
    assert isinstance(data, dict) and data["answer"] == draft
