from __future__ import annotations

import pytest

from generator.citations.metadata import (
    TITLE_THRESHOLD,
    family_name,
    first_authors_match,
    normalise,
    title_similarity,
    titles_match,
    years_match,
)

INSTRUCTCV = "InstructCV: Instruction-Tuned Text-to-Image Diffusion Models as Vision Generalists"


def test_normalise() -> None:
    assert normalise("  Self-Supervised  Learning: with $\\mathcal{GAN}$s — Électron ") == \
        "self supervised learning with gans electron"


@pytest.mark.parametrize("variant", [
    INSTRUCTCV.upper(),
    "InstructCV - Instruction-tuned text-to-image diffusion models as vision generalists.",
    "InstructCV: Instruction-Tuned Text-to-Image Diffusion Models as Vision Generalist",
])
def test_same_title_in_other_clothes_matches(variant: str) -> None:
    assert titles_match(INSTRUCTCV, variant)


@pytest.mark.parametrize("other", [
    "Segment Anything",
    "InstructCV: Instruction-Tuned Text-to-Image Diffusion Models as Medical Segmenters",
    "Self-supervised pseudo-colorizing of masked cells",
])
def test_another_papers_title_does_not_match(other: str) -> None:
    assert title_similarity(INSTRUCTCV, other) < TITLE_THRESHOLD


def test_first_authors() -> None:
    assert family_name("Kalinin, Sergei V.") == family_name("Sergei V. Kalinin") == "kalinin"
    assert first_authors_match("Mickaël Lelek", "Mickael Lelek")
    assert not first_authors_match("Yulu Gan", "Sungwoo Park")
    assert not first_authors_match("", "")


def test_years() -> None:
    assert years_match(2024, 2023, "arxiv-api") and years_match(2023, 2023, "arxiv-api")
    assert not years_match(2022, 2023, "arxiv-api") and not years_match(2025, 2023, "arxiv-api")
    assert years_match(2024, 2024, "manual") and not years_match(2024, 2023, "manual")
    assert years_match(2021, 2020, "crossref") and not years_match(2022, 2020, "doi")
