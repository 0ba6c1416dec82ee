"""Exports agree with the registry: registry.json (and its schema), references.bib (parsed by pybtex),
CSL-JSON, the question pages' JSON-LD, llms.txt / llms-full.txt, tags and search keywords.
Hostile registry text must not break out of BibTeX, the Markdown fence or the <script> element."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest
from pybtex.database import parse_string

from generator.exports.csl import csl_items
from generator.exports.plan import RegistryExport, export_files
from generator.pages import bibtex, facets, searchwords
from generator.pages.cite import registry_keys
from generator.pages.facets import question_tags, tag_pages
from generator.pages.jsonld import question_jsonld, script_json
from generator.pages.render import render_site
from generator.registry.loading import Registry
from generator.registry.schema import Model, Paper, Question, Task

from ..registries import load, search_registry_dir

HOSTILE = ('Evil} @misc{pwn, title={x}} </script><script>alert(1)</script> <!-- % \\input{/etc/passwd} '
           '$x$ & #1 ^ _ ~ ``` é —')


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return load(search_registry_dir(tmp_path_factory.mktemp("reg") / "registry"))


@pytest.fixture(scope="module")
def files(registry: Registry) -> dict[str, str]:
    return export_files(registry)


# --- a strict reading of the escapes bibtex.tex() writes, to check that nothing is lost -------------------

_UNTEX = [(r"\textbackslash{}", "\\"), (r"\textbraceleft{}", "{"), (r"\textbraceright{}", "}"),
          (r"\textasciicircum{}", "^"), (r"\textasciitilde{}", "~"), (r"\#", "#"), (r"\$", "$"), (r"\%", "%"),
          (r"\&", "&"), (r"\_", "_")]


def untex(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        for escaped, char in _UNTEX:
            if value.startswith(escaped, i):
                out.append(char)
                i += len(escaped)
                break
        else:
            assert value[i] not in "\\{}", f"unescaped {value[i]!r} at {i} in {value!r}"
            out.append(value[i])
            i += 1
    return "".join(out)


def unbrace(value: str) -> str:
    assert value.startswith("{") and value.endswith("}"), value
    return value[1:-1]


def _hostile_registry() -> Registry:
    paper = Paper.model_validate({"id": "evil", "title": HOSTILE, "authors": [HOSTILE, "Ada Lovelace"],
                                  "year": 2020, "venue": HOSTILE, "arxiv": "2310.00390"})
    model = Model.model_validate({"id": "evil", "name": HOSTILE, "summary": HOSTILE,
                                  "inputs": [{"modality": "x", "description": "y"}],
                                  "outputs": [{"modality": "x", "description": "y"}], "licence": HOSTILE})
    question = Question.model_validate({
        "id": "evil-question", "question": HOSTILE, "task": "t", "answer": HOSTILE + " [@evil]",
        "explanation": "# heading\n\n" + HOSTILE, "models": ["evil"], "papers": [{"paper": "evil", "why": HOSTILE}],
        "workflow": {"inputs": [{"label": HOSTILE}], "steps": [{"label": HOSTILE, "model": "evil"}],
                     "outputs": [{"label": HOSTILE}]},
        "limitations": [HOSTILE], "tags": {"modality": ["fluorescence"]},
        "provenance": {"written_by": [HOSTILE], "date": datetime.date(2026, 1, 2), "machine_drafted": False}})
    task = Task.model_validate({"name": HOSTILE, "expert_name": HOSTILE, "description": HOSTILE,
                                "synonyms": [HOSTILE]})
    return Registry(questions={question.id: question}, models={"evil": model}, papers={"evil": paper},
                    tasks={"t": task})


# --- registry.json -----------------------------------------------------------------------------------------

def test_registry_json_is_the_whole_registry(registry: Registry, files: dict[str, str]) -> None:
    data = json.loads(files["registry.json"])
    assert data["format"] == "askscope-registry" and data["version"] == 1
    assert [q["id"] for q in data["questions"]] == sorted(registry.questions)
    for q in data["questions"]:
        assert q == registry.questions[q["id"]].model_dump(mode="json")
    assert {m["id"]: m for m in data["models"]} == {k: m.model_dump(mode="json") for k, m in registry.models.items()}
    assert {p["id"]: p for p in data["papers"]} == {k: p.model_dump(mode="json") for k, p in registry.papers.items()}
    assert data["tasks"]["denoise-images"]["synonyms"] == ["denoise", "noise removal", "low light", "grainy"]
    assert data["citations"].keys() == registry.lock.records.keys()
    assert RegistryExport.model_validate_json(files["registry.json"]).questions == [
        registry.questions[k] for k in sorted(registry.questions)]


def test_registry_json_validates_against_its_published_schema(files: dict[str, str]) -> None:
    schema = json.loads(files["registry.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(files["registry.json"])
    jsonschema.Draft202012Validator(schema).validate(data)
    data["questions"][0]["answer"] = 42
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


# --- BibTeX ------------------------------------------------------------------------------------------------

def test_references_bib_parses_and_agrees_with_the_registry(registry: Registry, files: dict[str, str]) -> None:
    bib = parse_string(files["references.bib"], "bibtex")
    keys = registry_keys(registry)
    assert set(bib.entries) == set(keys.values())
    for pid, paper in registry.papers.items():
        entry = bib.entries[keys[("papers", pid)]]
        assert untex(unbrace(entry.fields["title"])) == paper.title
        assert entry.fields["year"] == str(paper.year)
        names = [str(p) for p in entry.persons["author"]]
        assert len(names) == len(paper.authors) + (1 if paper.et_al else 0)
        assert entry.fields.get("doi") == paper.doi
        assert entry.fields.get("eprint") == paper.arxiv
    for mid, model in registry.models.items():
        entry = bib.entries[keys[("models", mid)]]
        assert untex(unbrace(entry.fields["title"])) == model.name
        assert "author" not in entry.persons and "year" not in entry.fields  # the registry records neither


def test_hostile_text_stays_inside_its_bibtex_field() -> None:
    hostile = _hostile_registry()
    keys = registry_keys(hostile)
    assert keys == {("papers", "evil"): "evil", ("models", "evil"): "evil-software"}
    text = "\n\n".join(e.text() for e in bibtex.bibliography(hostile.papers, hostile.models, keys))
    bib = parse_string(text, "bibtex")
    assert list(bib.entries) == ["evil", "evil-software"]  # no injected @misc{pwn}
    paper = bib.entries["evil"]
    assert untex(unbrace(paper.fields["title"])) == " ".join(HOSTILE.split())
    assert untex(paper.fields["howpublished"]) == " ".join(HOSTILE.split())
    assert len(paper.persons["author"]) == 2
    assert untex(unbrace(str(paper.persons["author"][0]))) == HOSTILE
    assert untex(unbrace(bib.entries["evil-software"].fields["title"])) == HOSTILE


@pytest.mark.parametrize(("name", "split"), [
    ("Yulu Gan", ("Yulu", "Gan")), ("Ahmed M. Alaa", ("Ahmed M.", "Alaa")),
    ("Sergei V. Kalinin", ("Sergei V.", "Kalinin")),
    ("Carlos Fernandez Lopez", None), ("Ludwig van Beethoven", None), ("Plato", None), ("Lovelace, Ada", None),
    ("AskScope developers", None)])
def test_names_are_split_only_when_unambiguous(name: str, split: tuple[str, str] | None) -> None:
    assert bibtex.split_unambiguous(name) == split
    assert bibtex.bib_name(name) == (name if split else "{" + name + "}")


def test_fence_cannot_be_closed_by_backticks_inside() -> None:
    assert bibtex.fence("a ```` b").startswith("`````bibtex\n")
    assert bibtex.fence("plain") == "```bibtex\nplain\n```"


def test_every_page_offers_cite_this_page_and_bibtex(registry: Registry) -> None:
    pages = render_site(registry)
    for page in [f"questions/{q}.md" for q in registry.questions] + [f"models/{m}.md" for m in registry.models] + [
            f"papers/{p}.md" for p in registry.papers]:
        text = pages[page]
        assert "\n## Cite this page " in text, page
        blocks = re.findall(r"^ *```bibtex\n(.*?)^ *```$", text, re.MULTILINE | re.DOTALL)
        assert len(blocks) == 2, page  # the page itself, and the works it is about
        for block in blocks:
            assert parse_string(re.sub(r"^    ", "", block, flags=re.MULTILINE), "bibtex").entries
    question = pages["questions/dark-grainy-live-cells.md"]
    cite = parse_string(re.findall(r"```bibtex\n(.*?)```", question, re.DOTALL)[0], "bibtex")
    entry = cite.entries["askscope-dark-grainy-live-cells"]
    assert untex(unbrace(entry.fields["title"])) == registry.questions["dark-grainy-live-cells"].question
    assert entry.fields["year"] == "2026"


def test_hostile_question_page_keeps_bibtex_inside_its_fence() -> None:
    page = render_site(_hostile_registry())["questions/evil-question.md"]
    cite = page[page.index("\n## Cite this page "):]
    fences = re.findall(r"^ *(`{3,})", cite, re.MULTILINE)
    assert len(fences) == 4 and len(set(fences)) == 1  # two blocks, each opened and closed by the same fence


# --- CSL-JSON ----------------------------------------------------------------------------------------------

def test_csl_json_agrees_with_the_registry(registry: Registry, files: dict[str, str]) -> None:
    items = {item["id"]: item for item in json.loads(files["references.csl.json"])}
    keys = registry_keys(registry)
    for pid, paper in registry.papers.items():
        item = items[keys[("papers", pid)]]
        assert item["type"] == "article" and item["title"] == paper.title
        assert item["issued"] == {"date-parts": [[paper.year]]}
        names = [n.get("literal") or f"{n['given']} {n['family']}" for n in item["author"]]
        assert names == paper.authors
        assert item.get("DOI") == paper.doi
    for mid, model in registry.models.items():
        assert items[keys[("models", mid)]]["type"] == "software"
        assert items[keys[("models", mid)]]["title"] == model.name
    hostile = _hostile_registry()
    assert csl_items(hostile.papers, hostile.models, registry_keys(hostile))[0]["author"][0] == {"literal": HOSTILE}


# --- JSON-LD -----------------------------------------------------------------------------------------------

_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def test_question_jsonld_is_a_faq_page_with_its_answer_and_works(registry: Registry) -> None:
    page = render_site(registry)["questions/dark-grainy-live-cells.md"]
    (raw,) = _SCRIPT.findall(page)
    data = json.loads(raw)
    question = registry.questions["dark-grainy-live-cells"]
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    (entity,) = data["mainEntity"]
    assert entity["@type"] == "Question" and entity["name"] == question.question
    assert entity["acceptedAnswer"]["@type"] == "Answer"
    assert entity["acceptedAnswer"]["text"] == " ".join(question.answer.replace("[@example-denoiser]", "[1]").split())
    types = {w["name"]: w["@type"] for w in data["citation"]}
    assert types == {"Example denoiser": "SoftwareSourceCode",
                     registry.papers["kazimi2024-ssl-gan-em"].title: "ScholarlyArticle"}
    article = next(w for w in data["citation"] if w["@type"] == "ScholarlyArticle")
    assert article["url"] == "https://arxiv.org/abs/2402.18286"
    assert [a["name"] for a in article["author"]] == registry.papers["kazimi2024-ssl-gan-em"].authors


def test_jsonld_cannot_close_its_script_element() -> None:
    hostile = _hostile_registry()
    page = render_site(hostile)["questions/evil-question.md"]
    (raw,) = _SCRIPT.findall(page)
    assert not re.search(r"[<>&]", raw) and "\u2028" not in raw
    data = json.loads(raw)
    assert data == question_jsonld(hostile, hostile.questions["evil-question"])
    assert data["name"] == HOSTILE
    assert json.loads(script_json({"x": "</script>\u2028<!--"})) == {"x": "</script>\u2028<!--"}


# --- llms.txt ----------------------------------------------------------------------------------------------

def test_llms_txt_follows_the_convention(registry: Registry, files: dict[str, str]) -> None:
    text = files["llms.txt"]
    lines = text.splitlines()
    assert lines[0] == "# AskScope" and lines[2].startswith("> ")
    assert [line for line in lines if line.startswith("## ")] == [
        "## Questions", "## Tasks", "## Models", "## Papers", "## Optional"]
    for qid in registry.questions:
        assert f"](questions/{qid}/)" in text
    assert "(llms-full.txt)" in text
    full = files["llms-full.txt"]
    for question in registry.questions.values():
        assert f"## {question.question}" in full or question.question.replace(".", ".") in full
    assert "Kazimi" in full and "arXiv:2402.18286" in full


def test_llms_files_keep_hostile_text_from_making_structure() -> None:
    hostile = export_files(_hostile_registry())
    for name in ("llms.txt", "llms-full.txt"):
        headings = [line for line in hostile[name].splitlines() if line.startswith("#")]
        assert all(not line.startswith("# heading") for line in headings), name
        assert "\n# heading" not in hostile[name]


# --- tags and search words ---------------------------------------------------------------------------------

def test_question_tags_cover_modality_organism_task_topic_and_review(registry: Registry) -> None:
    assert question_tags(registry, registry.questions["dark-grainy-live-cells"]) == [
        "Modality: fluorescence", "Organism: human", "Task: Clean up dim, grainy images",
        "Topic: self-supervised-learning", "Review: not yet reviewed"]
    tags = tag_pages(registry)
    assert [t.name for t in tags.values() if t.facet == "organism"] == ["Organism: human", "Organism: mouse",
                                                                         "Organism: yeast"]
    assert tags["Organism: human"].slug == "organism-human"
    assert [q.id for q in tags["Organism: human"].questions] == sorted(
        qid for qid, q in registry.questions.items() if "human" in q.tags.organism)
    pages = render_site(registry)
    index = pages["tags/index.md"]
    assert "- [human](organism-human.md) (" in index and index.count("\n## ") == 5
    assert '<a href="../../questions/dark-grainy-live-cells/">' in pages["tags/organism-human.md"]
    assert ('<a class="md-tag" href="../../tags/organism-human/">Organism: human</a>'
            in pages["questions/dark-grainy-live-cells.md"])


def test_tag_slugs_are_unique_and_safe_whatever_the_tag() -> None:
    slugs = facets._unique_slugs(["Topic: a b", "Topic: a-b", "Topic: A/B", "Topic: 顕微鏡", "Topic: émigré"])
    assert list(slugs.values()) == ["topic-a-b", "topic-a-b-2", "topic-a-b-3", "topic", "topic-emigre"]
    assert facets._unique_slugs(["", "Index"]) == {"": "tag", "Index": "index-2"}


def test_the_tags_page_says_when_a_facet_has_no_tag(registry: Registry) -> None:
    hostile = _hostile_registry()
    page = render_site(hostile)["tags/index.md"]
    assert page.count("No question has a tag of this kind yet.") == 2  # organism and topic
    assert "<" not in page.split("---", 2)[2]


def test_question_keywords_include_its_task_and_tags_and_keep_broader_tasks_apart(registry: Registry) -> None:
    words = searchwords.question_keywords(registry, registry.questions["dark-grainy-live-cells"])
    own, broader = words["keywords"].replace(",", " ").split(), words["broader_keywords"].replace(",", " ").split()
    for expected in ("denoise", "denoising", "grainy", "restoration", "fluorescence", "human", "clean", "up"):
        assert expected in own
    for expected in ("poor", "deblur", "sharpen", "enhance"):
        assert expected in broader and expected not in own
    assert "the" not in own  # stop words are dropped by the index anyway
    assert searchwords.task_keywords(registry, "restore-images")["broader_keywords"] == ""


def test_keywords_keep_symbol_tokens_and_drop_markup() -> None:
    words = searchwords.expand(["H&E slides", "<b>x</b> \"q\""]).replace(",", " ").split()
    assert words[0] == "h&e" and "slides" in words and "q" in words
    assert not set(searchwords.expand([HOSTILE])) & set("<>\"'`{}[]\\")


def test_word_forms_join_a_readers_word_to_the_vocabularys_other_forms(registry: Registry) -> None:
    assert [searchwords.stem(w) for w in ("labelled", "labels", "noisy", "noise", "trained", "training", "cells")] \
        == ["label", "label", "nois", "nois", "train", "train", "cell"]
    forms = json.loads(searchwords.word_forms(registry))["forms"]
    assert forms == {"nois": ["denois"]}  # "noise removal" and "denoise" in the test vocabulary


def test_export_files_are_written_by_generate(tmp_path: Path) -> None:
    from generator.build import generate

    diagnostics, report = generate(search_registry_dir(tmp_path / "registry"), tmp_path / "docs")
    assert report is not None and not [d for d in diagnostics if d.is_error]
    for name in ("registry.json", "registry.schema.json", "references.bib", "references.csl.json", "llms.txt",
                 "llms-full.txt", "tags/index.md"):
        assert (tmp_path / "docs" / name).is_file(), name


def test_site_url_makes_addresses_absolute(registry: Registry) -> None:
    files = export_files(registry, "https://example.org/askscope/")
    assert "](https://example.org/askscope/questions/measure-each-cell/)" in files["llms.txt"]
    assert json.loads(files["registry.json"])["site_url"] == "https://example.org/askscope/"
    page = render_site(registry, site_url="https://example.org/askscope")["questions/measure-each-cell.md"]
    assert "url = {https://example.org/askscope/questions/measure-each-cell/}" in page
    (raw,) = _SCRIPT.findall(page)
    assert json.loads(raw)["url"] == "https://example.org/askscope/questions/measure-each-cell/"
