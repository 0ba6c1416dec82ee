"""`askscope linkcheck` runs two LinkChecker processes, one reading most question pages and one reading
every other page: a broken link is still found wherever it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.linkcheck import _ends_of_most_question_ids, check_links

pytestmark = pytest.mark.site
BROKEN = '<a href="../../no-such-page/">x</a></article>'


@pytest.mark.parametrize("page", ["models/instructcv/index.html", "papers/gan2024-instructcv/index.html",
                                  "about/index.html", "questions/index.html"])
def test_a_broken_link_outside_the_question_pages_is_found(built_site: Path, tmp_path: Path, page: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    target = site / page
    target.write_text(target.read_text("utf-8").replace("</article>", BROKEN, 1), "utf-8")
    assert check_links(site) == 1


def test_a_broken_link_in_a_question_page_of_either_part_is_found(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    seed = next((site / "questions").glob("*/index.html")).parent
    index = site / "questions" / "index.html"
    pages = [seed / "index.html"]
    for end in "012":  # four ids ending in four characters: three quarters are one part's, one is the other's
        other = site / "questions" / f"zz-other-question-{end}"
        shutil.copytree(seed, other)
        index.write_text(index.read_text("utf-8").replace(
            "</article>", f'<a href="zz-other-question-{end}/">o</a></article>', 1), "utf-8")
        pages.append(other / "index.html")
    assert len(_ends_of_most_question_ids(site)) == 3
    assert check_links(site) == 0
    for page in pages:
        original = page.read_text("utf-8")
        page.write_text(original.replace("</article>", BROKEN, 1), "utf-8")
        assert check_links(site) == 1, page
        page.write_text(original, "utf-8")


def test_most_question_pages_go_to_one_part(tmp_path: Path) -> None:
    for i in range(100):
        (tmp_path / "questions" / f"q-{i:03d}").mkdir(parents=True)
        (tmp_path / "questions" / f"q-{i:03d}" / "index.html").write_text("x", "utf-8")
    ends = _ends_of_most_question_ids(tmp_path)
    assert 7 <= len(ends) <= 8 and set(ends) <= set("0123456789")


def test_a_broken_link_in_a_page_over_a_megabyte_is_found(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    index = site / "questions" / "index.html"  # ~170 bytes per question: 1 MB at ~6,000 questions
    filler = "<p>filler</p>\n" * (1_200_000 // 14)
    index.write_text(index.read_text("utf-8").replace("</article>", filler + BROKEN, 1), "utf-8")
    assert index.stat().st_size > 1024 * 1024
    assert check_links(site) == 1
