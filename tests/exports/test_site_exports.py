"""The built site (mkdocs build --strict) publishes the exports, the tag pages, the search keywords
and each question's JSON-LD, and they agree with the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_string

from generator.exports.plan import EXPORT_FILES, export_files
from generator.registry.loading import Registry

from ..pagefind_bundle import fragments
from ..registries import DATA, load, search_registry_dir

pytestmark = pytest.mark.site

_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return load(search_registry_dir(tmp_path_factory.mktemp("reg") / "registry"))


def test_exports_are_published_unchanged_at_the_site_root(search_site: Path, registry: Registry) -> None:
    expected = export_files(registry)
    for name in EXPORT_FILES:
        assert (search_site / name).read_text("utf-8") == expected[name], name
    assert parse_string((search_site / "references.bib").read_text("utf-8"), "bibtex").entries
    assert json.loads((search_site / "registry.json").read_text("utf-8"))["questions"]


def test_question_pages_carry_jsonld_that_parses(search_site: Path, registry: Registry) -> None:
    for qid, question in registry.questions.items():
        text = (search_site / "questions" / qid / "index.html").read_text("utf-8")
        scripts = _JSONLD.findall(text)
        assert len(scripts) == 1, qid
        data = json.loads(scripts[0])
        assert data["@type"] == "FAQPage" and data["mainEntity"][0]["name"] == question.question
        assert "<" not in scripts[0]


def test_tags_are_shown_and_listed_by_facet(search_site: Path) -> None:
    page = (search_site / "questions" / "measure-each-cell" / "index.html").read_text("utf-8")
    assert 'class="md-tags"' in page
    assert '<a class="md-tag" href="../../tags/organism-mouse/">Organism: mouse</a>' in page
    assert '<a class="md-tag" href="../../tags/task-outline-every-cell/">Task: Outline every cell</a>' in page
    tags = (search_site / "tags" / "index.html").read_text("utf-8")
    for heading in ("Modality", "Organism", "Task", "Topic", "Review"):
        assert f'<h2 id="{heading.lower()}">{heading}' in tags
    assert '<a href="organism-mouse/">mouse</a>' in tags
    carrying = [p.parent.name for p in (search_site / "tags").glob("*/index.html")
                if 'href="../../questions/measure-each-cell/"' in p.read_text("utf-8")]
    assert sorted(carrying) == ["modality-brightfield", "modality-fluorescence", "organism-mouse",
                                "review-not-yet-reviewed", "task-outline-every-cell"]


def test_search_index_has_the_keywords_of_question_and_task_pages(search_site: Path) -> None:
    pages = fragments(search_site)
    question = pages["questions/dark-grainy-live-cells/"]
    meta = question["meta"]
    assert "denoise" in meta["keywords"].split(", ") and "deblur" in meta["broader_keywords"].split(", ")
    assert question["meta"]["boost"] == "3" and pages["models/example-denoiser/"]["meta"]["boost"] == "1.5"
    assert "keywords" in pages["tasks/denoise-images/"]["meta"]
    assert "questions/" not in pages  # the long lists (search: exclude) are not indexed
    for url, page in pages.items():  # BibTeX, references and diagram sources stay out of search
        assert "@misc{" not in page["content"] and "ref-1" not in page["content"], url
        assert "flowchart" not in page["content"] and "¶" not in page["content"], url


def test_lists_of_links_to_other_pages_stay_out_of_the_index(search_site: Path) -> None:
    pages = fragments(search_site)
    title = "My live-cell pictures come out dark and speckled"
    assert title in pages["questions/dark-grainy-live-cells/"]["content"]  # the question is found by its words
    listing = [url for url in ("tasks/denoise-images/", "models/example-denoiser/", "tags/topic-denoising/")
               if url in pages]
    assert listing and not [url for url in listing if title in pages[url]["content"]], listing
    html = (search_site / "tasks" / "denoise-images" / "index.html").read_text("utf-8")
    assert "<ul data-pagefind-ignore>" in html and title.replace("-", "") in html.replace("-", "")


def test_the_search_overlay_is_documented() -> None:
    assert (DATA / "search" / "README.md").is_file()
