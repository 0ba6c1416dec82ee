"""New registry entries as commented YAML: what `askscope new` and `askscope import` write.

Pure: a draft (the values known so far) in, the text of the file out. Every value that is
not known is written as a `TODO` placeholder with a comment saying what belongs there, so
`askscope check` reports it (`todo.unfilled`) until a person fills it in. Nothing is guessed:
a value is either copied from its source (the command line, an imported prompt, the
citation lock) or left as a TODO.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.contribute.naming import one_line, short_slug, slugify, surname, unique_id, yaml_str
from generator.registry.schema import Lock
from generator.registry.schemaline import schema_line

KINDS = {"question": "questions", "model": "models", "paper": "papers"}
"""Kind of entry → its folder in the registry."""


@dataclass(frozen=True)
class LockFacts:
    """What the citation lock records about one identifier."""

    key: str
    title: str | None
    authors: tuple[str, ...]
    year: int | None
    note: str


def lock_facts(lock: Lock, keys: Sequence[str]) -> LockFacts | None:
    """The first of `keys` (e.g. `arxiv:2310.00390`) that the lock has a record for."""
    for key in keys:
        record = lock.records.get(key)
        if record is not None and (record.title or record.authors or record.year):
            note = f"from the citation lock: {key}, {record.status} ({record.source}, {record.checked})"
            return LockFacts(key, record.title, tuple(record.authors), record.year, note)
    return None


@dataclass(frozen=True)
class PaperDraft:
    id: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    arxiv: str | None = None
    doi: str | None = None
    url: str | None = None
    code: str | None = None
    overview: str | None = None
    notes: tuple[str, ...] = ()
    """Comment lines for the top of the file: where the known values came from."""


@dataclass(frozen=True)
class ModelDraft:
    id: str
    name: str | None = None
    summary: str | None = None
    paper: str | None = None
    code: str | None = None
    weights: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionDraft:
    id: str
    date: datetime.date
    question: str | None = None
    models: tuple[str, ...] = ()
    papers: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    paper_placeholder: bool = True
    """With no `papers`: write one TODO item (a skeleton) rather than an empty list (an imported bundle)."""


def paper_id(title: str | None, authors: Sequence[str], year: int | None, id_kind: str | None,
             identifier: str | None, taken: set[str]) -> str:
    """`<first author's surname><year>-<start of the title>` when those are known, else the start of the
    title, else `arxiv-<id>` or `doi-<doi>`; never one of `taken`."""
    if authors and year and title and surname(authors[0]):
        base = f"{surname(authors[0])}{year}-{short_slug(title, 24)}".strip("-")
    elif title:
        base = short_slug(title, 40)
    else:
        base = slugify(f"{id_kind}-{identifier}", 50) if id_kind in ("arxiv", "doi") and identifier else ""
    return unique_id(base, taken, "paper")


def model_id(name: str | None, code: str | None, taken: set[str]) -> str:
    """The GitHub repository's name when there is one (`AlaaLab/InstructCV` → `instructcv`), else the name."""
    base = slugify(code.split("/")[-1], 40) if code else ""
    return unique_id(base or slugify(name or "", 40), taken, "model")


def question_id(question: str | None, taken: set[str]) -> str:
    return unique_id(slugify(question or "", 60), taken, "question")


def _header(kind: str, what: str, notes: Sequence[str]) -> list[str]:
    lines = [schema_line(KINDS[kind]), f"# {what}",
             "# Replace every TODO, then run `askscope check`: it lists each one left (todo.unfilled).",
             "# Each field is explained in CONTRIBUTING.md; your editor can complete them from the schema."]
    return lines + [f"# {one_line(note)}" for note in notes]


def _or_todo(value: str | None, todo: str) -> str:
    return yaml_str(value) if value is not None else yaml_str(f"TODO: {todo}")


def render_question(draft: QuestionDraft) -> str:
    lines = _header("question", "A question-model-paper bundle: one question, the models that answer it, "
                                "the papers behind them.", draft.notes)
    lines += [f"id: {draft.id}",
              f"question: {_or_todo(draft.question, 'the question, word for word as a person asked it')}",
              "task: TODO  # the id of a task in registry/tasks.yaml, e.g. segment-cells",
              "answer: >-",
              "  TODO: the short plain answer, a few sentences. Cite the bundle's models and papers as [@<id>].",
              "explanation: |",
              "  TODO: the longer explanation, in Markdown; it may cite only this bundle's models and papers,",
              "  as [@<id>].",
              "workflow:",
              "  inputs:",
              f"    - label: {yaml_str('TODO: what the person brings, e.g. a fluorescence image of cells')}",
              "  steps:"]
    for model in draft.models or ("TODO",):
        comment = "  # a model id from `models` below" if model == "TODO" else ""
        lines += [f"    - model: {model}{comment}", f"      label: {yaml_str('TODO: what this model does here')}"]
    lines += ["  outputs:", f"    - label: {yaml_str('TODO: what the person gets back')}"]
    models = ", ".join(draft.models) if draft.models else "TODO"
    lines.append(f"models: [{models}]  # ids of the recommended models, in registry/models/")
    if not draft.papers and not draft.paper_placeholder:
        lines.append("papers: []  # related papers: items of `paper: <id>` and `why: <one line>`")
    else:
        lines.append("papers:")
    for paper in draft.papers or (("TODO",) if draft.paper_placeholder else ()):
        comment = "  # the id of a paper in registry/papers/ (or delete this item)" if paper == "TODO" else ""
        lines += [f"  - paper: {paper}{comment}",
                  f"    why: {yaml_str('TODO: one line on why this paper matters for the question')}"]
    lines += ["limitations:",
              f"  - {yaml_str('TODO: how this answer or these tools can be wrong')}",
              "tags:",
              "  modality: []  # e.g. [fluorescence, electron]",
              "  organism: []  # e.g. [human, mouse]",
              "  topic: []  # e.g. [self-supervised-learning]",
              "provenance:",
              f"  written_by: [{yaml_str('TODO: your name or handle')}]",
              "  reviews: []",
              f'  date: "{draft.date.isoformat()}"',
              "  machine_drafted: TODO  # true if a language model drafted any of the text, otherwise false"]
    return "\n".join(lines) + "\n"


def render_model(draft: ModelDraft) -> str:
    lines = _header("model", "A model or tool that questions can recommend.", draft.notes)
    lines += [f"id: {draft.id}",
              f"name: {_or_todo(draft.name, 'the name its authors use')}",
              f"summary: {_or_todo(draft.summary, 'what it does, in plain words (two to four sentences)')}",
              "inputs:",
              f"  - modality: {yaml_str('TODO: kind of data, e.g. fluorescence image')}",
              f"    description: {yaml_str('TODO: what goes in')}",
              "outputs:",
              f"  - modality: {yaml_str('TODO: kind of data, e.g. label image')}",
              f"    description: {yaml_str('TODO: what comes out')}",
              "tasks: []  # ids of the tasks it performs, from registry/tasks.yaml, e.g. [segment-cells]"]
    lines.append(f"paper: {draft.paper}" if draft.paper else
                 "paper: TODO  # the id of the paper that introduced it, in registry/papers/; or delete the line")
    lines.append(f"code: {yaml_str(draft.code)}" if draft.code else
                 "code: TODO  # its GitHub repository as owner/repo; or delete the line")
    if draft.weights:
        lines.append(f"weights: {yaml_str(draft.weights)}")
    else:
        lines.append("# weights: owner/name  # its Hugging Face model id, if it has one")
    lines += ["# licence: MIT", "# url: https://example.org/  # its home page, https only"]
    return "\n".join(lines) + "\n"


def render_paper(draft: PaperDraft) -> str:
    lines = _header("paper", "A paper, preprint or software reference.", draft.notes)
    lines += [f"id: {draft.id}", f"title: {_or_todo(draft.title, 'the title, exactly as published')}"]
    if draft.authors:
        lines.append("authors: [" + ", ".join(yaml_str(a) for a in draft.authors) + "]")
    else:
        lines.append(f"authors: [{yaml_str('TODO: first author, Given Family')}, "
                     f"{yaml_str('TODO: every other author, in published order')}]")
    lines.append(f"year: {draft.year}" if draft.year else "year: TODO  # the year it was published, e.g. 2023")
    lines.append('# venue: "Nature Methods 18, 100-106 (2021)"')
    known = [(k, v) for k, v in (("arxiv", draft.arxiv), ("doi", draft.doi), ("url", draft.url)) if v]
    lines += [f"{key}: {yaml_str(value)}" for key, value in known]
    if not known:
        lines.append("arxiv: TODO  # its arXiv id, e.g. 2310.00390; or replace this line with doi: or url:")
    lines.append(f"code: {yaml_str(draft.code)}" if draft.code else
                 "# code: owner/repo  # its GitHub repository, if it has one")
    if draft.overview:
        lines += ["summary:", f"  overview: {yaml_str(draft.overview)}",
                  "  # plain_english, technical and critical_analysis may follow (see CONTRIBUTING.md)"]
    return "\n".join(lines) + "\n"


def new_entry(kind: str, entity_id: str, title: str | None, today: datetime.date,
              facts: LockFacts | None = None, arxiv: str | None = None) -> str:
    """The skeleton `askscope new <kind>` writes. For a paper, `facts` (from the lock) fill in
    title, authors and year."""
    if kind == "question":
        return render_question(QuestionDraft(entity_id, today, question=title))
    if kind == "model":
        return render_model(ModelDraft(entity_id, name=title))
    notes = (facts.note,) if facts else ()
    return render_paper(PaperDraft(entity_id, title=(facts.title if facts and facts.title else title),
                                   authors=facts.authors if facts else (), year=facts.year if facts else None,
                                   arxiv=arxiv, notes=notes))
