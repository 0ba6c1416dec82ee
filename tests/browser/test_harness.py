"""The harness's own rules: when a missing Chromium fails the run instead of skipping it."""

from __future__ import annotations

import pytest

from .conftest import running_in_ci


@pytest.mark.parametrize(("value", "required"), [
    ("true", True), ("TRUE", True), ("1", True), ("yes", True), (" true ", True),
    ("", False), ("false", False), ("0", False), ("no", False), ("local", False),
])
def test_ci_means_ci_only_when_it_says_so(monkeypatch: pytest.MonkeyPatch, value: str, required: bool) -> None:
    monkeypatch.setenv("CI", value)
    assert running_in_ci() is required


def test_no_ci_variable_is_not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert running_in_ci() is False
