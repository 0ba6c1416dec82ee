"""A real `mkdocs build --strict` of the test registry, and LinkChecker over the result."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.linkcheck import check_links

from .conftest import make_project, mkdocs_build
from .pagefind_bundle import fragments

pytestmark = pytest.mark.site
SEED = "questions/cell-types-without-training/index.html"
QUESTION = ("I uploaded a microscope image, and it instantly told me what kind of cells they were—without any "
            "extra training. How does it know that right away?")


def test_seed_question_page_is_built(built_site: Path) -> None:
    html = (built_site / SEED).read_text("utf-8")
    assert "<h1 id=" in html and QUESTION in html
    assert '<pre class="mermaid" data-pagefind-ignore><code>flowchart LR' in html
    assert 'href="https://arxiv.org/abs/2310.00390"' in html
    assert 'href="https://github.com/AlaaLab/InstructCV"' in html
    for page in ("index.html", "tasks/identify-cell-types/index.html", "models/instructcv/index.html",
                 "papers/gan2024-instructcv/index.html", "questions/index.html", "verification/index.html"):
        assert (built_site / page).is_file(), page


_LOADS = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.IGNORECASE)
_CSS_URL = re.compile(r"(?:url\(|@import\s+)['\"]?(https?:|//)")


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        for url in _LOADS.findall(page.read_text("utf-8")):
            tag_is_link_to_page = url.startswith(("https://arxiv.org", "https://doi.org", "https://github.com",
                                                  "https://huggingface.co"))
            assert not url.startswith(("http:", "https:", "//")) or tag_is_link_to_page, (page, url)
    for css in built_site.rglob("*.css"):
        assert not _CSS_URL.search(css.read_text("utf-8")), css


def test_external_citation_links_are_only_anchors(built_site: Path) -> None:
    html = (built_site / SEED).read_text("utf-8")
    for match in re.finditer(r"<(\w+)[^>]*\"https://(?:arxiv|github|doi|huggingface)", html):
        assert match[1] == "a"


def test_search_index_has_the_question_but_not_the_diagram_source(built_site: Path) -> None:
    page = fragments(built_site)["questions/cell-types-without-training/"]["content"]
    assert "How does it know that right away?" in page
    assert "flowchart LR" not in page and "accTitle" not in page


def test_linkchecker_passes_on_the_built_site(built_site: Path) -> None:
    assert check_links(built_site) == 0


def test_the_html_the_generator_writes_reaches_the_page_as_html(built_site: Path) -> None:
    # Lists of links, the tag chips and the home page's cards are raw HTML in the generated Markdown (urls.py).
    home = (built_site / "index.html").read_text("utf-8")
    assert re.search(r'<div class="grid cards">\s*<ul>\s*<li>\s*<p><a href="tasks/[a-z-]+/"><strong>', home)
    question = (built_site / SEED).read_text("utf-8")
    assert '<nav class="md-tags" aria-label="Tags">\n<a class="md-tag" href="../../tags/modality-' in question
    paper = (built_site / "papers" / "gan2024-instructcv" / "index.html").read_text("utf-8")
    assert '<li><a href="../../questions/cell-types-without-training/">' in paper
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "&lt;li&gt;" not in html and " markdown>" not in html and "](../" not in html, page


def test_every_link_within_a_page_has_its_target(built_site: Path) -> None:
    # MkDocs checks the anchors of Markdown links only; the citations in the lists written as HTML are not.
    checked = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        for anchor in re.findall(r'href="#([^"]+)"', html):
            assert anchor in ids, (page, anchor)
            checked += 1
    assert checked > 100


def test_a_site_without_directory_urls_passes_the_link_check(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = mkdocs_build(project, "--no-directory-urls")
    assert result.returncode == 0, result.stderr
    paper = (project / "site" / "papers" / "gan2024-instructcv.html").read_text("utf-8")
    assert '<li><a href="../questions/cell-types-without-training.html">' in paper
    assert check_links(project / "site") == 0


def test_linkchecker_catches_a_broken_internal_link(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / SEED
    page.write_text(page.read_text("utf-8").replace("</article>", '<a href="../no-such-page/">x</a></article>'),
                    "utf-8")
    assert check_links(site) == 1


def test_a_broken_link_in_the_docs_fails_the_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\n[gone](no-such-page.md) and [anchor](verification.md#nope)\n",
                     "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr and "nope" in result.stderr


def test_a_registry_error_stops_the_build_with_its_diagnostic(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "registry" / "papers" / "kazimi2024-ssl-gan-em.yaml").write_text("id: [\n", "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "registry/papers/kazimi2024-ssl-gan-em.yaml:2:1: error: YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr
