from __future__ import annotations

import pytest

from generator.registry import identifiers as ids


@pytest.mark.parametrize(("given", "canonical"), [
    ("2310.00390", "2310.00390"),
    ("arXiv:2310.00390v3", "2310.00390"),
    ("https://arxiv.org/abs/2310.00390", "2310.00390"),
    ("https://arxiv.org/pdf/2310.00390", "2310.00390"),
    ("http://arxiv.org/pdf/2302.05968v2.pdf", "2302.05968"),
    ("https://arxiv.org/html/2402.18286v2", "2402.18286"),
    ("0704.0001", "0704.0001"),
    ("1412.9999", "1412.9999"),
    ("math.GT/0309136", "math.GT/0309136"),
    ("hep-th/9901001v2", "hep-th/9901001"),
    ("https://arxiv.org/abs/cond-mat/0703470", "cond-mat/0703470"),
])
def test_arxiv_forms(given: str, canonical: str) -> None:
    assert ids.canonical_arxiv(given) == canonical


@pytest.mark.parametrize("bad", ["2313.00390", "2300.00390", "1501.0001", "1412.00001", "0703.0001",
                                 "2310.0039", "math.GT/0813136", "hep-th/9913001", "banana", "2310.00390x", ""])
def test_impossible_arxiv_ids(bad: str) -> None:
    with pytest.raises(ValueError):
        ids.canonical_arxiv(bad)


@pytest.mark.parametrize(("given", "canonical"), [
    ("10.1038/s41592-018-0216-7", "10.1038/s41592-018-0216-7"),
    ("doi:10.1038/NBT.4106", "10.1038/nbt.4106"),
    ("https://doi.org/10.1371/journal.pone.0290561", "10.1371/journal.pone.0290561"),
    ("http://dx.doi.org/10.1093/mictod/qaad096", "10.1093/mictod/qaad096"),
])
def test_doi_forms(given: str, canonical: str) -> None:
    assert ids.canonical_doi(given) == canonical


@pytest.mark.parametrize("bad", ["11.1038/x", "10.12/x", "10.1038/", "doi 10.1038/x y"])
def test_bad_dois(bad: str) -> None:
    with pytest.raises(ValueError):
        ids.canonical_doi(bad)


@pytest.mark.parametrize(("given", "canonical"), [
    ("AlaaLab/InstructCV", "AlaaLab/InstructCV"),
    ("https://github.com/AlaaLab/InstructCV", "AlaaLab/InstructCV"),
    ("https://github.com/AlaaLab/InstructCV.git", "AlaaLab/InstructCV"),
    ("https://github.com/AlaaLab/InstructCV/tree/main/src", "AlaaLab/InstructCV"),
    ("git@github.com:roydenwa/pseudo-colorize-masked-cells.git", "roydenwa/pseudo-colorize-masked-cells"),
])
def test_github_forms(given: str, canonical: str) -> None:
    assert ids.canonical_github(given) == canonical


@pytest.mark.parametrize("bad", ["-owner/repo", "owner-/repo", "ow--ner/repo", "owner/..", "owner",
                                 "a/b/c", "owner/re po", "https://gitlab.com/a/b", "x" * 40 + "/repo"])
def test_bad_github_names(bad: str) -> None:
    with pytest.raises(ValueError):
        ids.canonical_github(bad)


def test_huggingface_and_urls() -> None:
    assert ids.canonical_huggingface("alaa-lab/InstructCV") == "alaa-lab/InstructCV"
    assert ids.canonical_huggingface("https://huggingface.co/alaa-lab/InstructCV/tree/main") == "alaa-lab/InstructCV"
    assert ids.canonical_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ["http://example.org", "javascript:alert(1)", "data:text/html,x", "https://", "https://a b",
                "https://user:pw@example.org/"]:
        with pytest.raises(ValueError):
            ids.canonical_url(bad)
    with pytest.raises(ValueError):
        ids.canonical_huggingface("../etc/passwd")
