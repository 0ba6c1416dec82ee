"""Turn a parsed prompt (`prompt.Bundle`) into registry entries: match what the registry already
has by canonical identifier, create the rest with TODOs for what the prompt does not say.

Related papers are read first, as they carry titles. Matching, in order: a paper by its arXiv
id, DOI or URL, then by its exact title; a model by its GitHub repository, then its Hugging Face
id, then as the only model of its paper, then by its exact name; a question by its text. A
matched entry is never rewritten, so a second import of the same prompt creates nothing.
Matching reads the registry's raw YAML, so entries that still hold TODOs (and so do not pass
the schema yet) are matched too. New ids never repeat a model's or a paper's id, since a
bundle cites both kinds as `[@id]`.
Pure: file contents in, the files to create and a report out.
"""

from __future__ import annotations

import copy
import datetime
import posixpath
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.contribute.prompt import Bundle, Item
from generator.contribute.promptlinks import Link
from generator.contribute.scaffold import (
    KINDS,
    LockFacts,
    ModelDraft,
    PaperDraft,
    QuestionDraft,
    lock_facts,
    model_id,
    paper_id,
    question_id,
    render_model,
    render_paper,
    render_question,
)
from generator.registry import identifiers
from generator.registry.loading import kind_of, load_registry
from generator.registry.schema import Lock
from generator.registry.yamlsource import parse_yaml


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass
class Index:
    """What the registry holds, keyed for matching. Keys: `arxiv:…`, `doi:…`, `url:…`, `title:…` for
    papers; `github:…`, `huggingface:…`, `name:…` for models (GitHub and Hugging Face lower-cased)."""

    ids: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS.values()})
    questions: dict[str, str] = field(default_factory=dict)
    bundles: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    papers: dict[str, str] = field(default_factory=dict)
    models: dict[str, list[str]] = field(default_factory=dict)
    """Several models may share a repository (two generations of one tool), so each key lists them all."""
    models_of_paper: dict[str, list[str]] = field(default_factory=dict)
    model_paper: dict[str, str] = field(default_factory=dict)


def _canonical(function: Any, value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        result: str = function(value)
    except ValueError:
        return None
    return result


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def build_index(files: Mapping[str, bytes]) -> Index:
    """Index every question, model and paper file that parses as YAML, valid or not."""
    index = Index()
    for path in sorted(files):
        kind = kind_of(path)
        if kind not in index.ids:
            continue
        entity_id = posixpath.basename(path).removesuffix(".yaml")
        index.ids[kind].add(entity_id)
        source, _ = parse_yaml(path, files[path])
        data = source.data if source is not None and isinstance(source.data, dict) else {}
        _add(index, kind, entity_id, data)
    return index


def _add(index: Index, kind: str, entity_id: str, data: dict[str, Any]) -> None:
    index.ids[kind].add(entity_id)
    if kind == "questions":
        if isinstance(data.get("question"), str):
            index.questions.setdefault(_norm(data["question"]), entity_id)
        items = data.get("papers")
        papers = [p.get("paper") for p in (items if isinstance(items, list) else []) if isinstance(p, dict)]
        index.bundles[entity_id] = (_strings(data.get("models")), _strings(papers))
    elif kind == "papers":
        for key, function in (("arxiv", identifiers.canonical_arxiv), ("doi", identifiers.canonical_doi),
                              ("url", identifiers.canonical_url)):
            value = _canonical(function, data.get(key))
            if value:
                index.papers.setdefault(f"{key}:{value}", entity_id)
        if isinstance(data.get("title"), str):
            index.papers.setdefault(f"title:{_norm(data['title'])}", entity_id)
    else:
        code = _canonical(identifiers.canonical_github, data.get("code"))
        weights = _canonical(identifiers.canonical_huggingface, data.get("weights"))
        for key in (f"github:{code.lower()}" if code else "", f"huggingface:{weights.lower()}" if weights else "",
                    f"name:{_norm(data['name'])}" if isinstance(data.get("name"), str) else ""):
            if key and entity_id not in index.models.setdefault(key, []):
                index.models[key].append(entity_id)
        if isinstance(data.get("paper"), str):
            index.models_of_paper.setdefault(data["paper"], []).append(entity_id)
            index.model_paper[entity_id] = data["paper"]


@dataclass(frozen=True)
class Outcome:
    kind: str
    """questions, models or papers."""
    id: str
    action: str
    """created or matched."""
    reason: str
    line: int

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.id}.yaml"


@dataclass
class ImportPlan:
    files: dict[str, str] = field(default_factory=dict)
    """Registry-relative path (`papers/x.yaml`) → text of a file to create."""
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    index: Index = field(default_factory=Index)
    """The registry's index once these files exist: plan the next prompt against it."""


def _link_key(link: Link) -> str:
    return f"{link.kind}:{link.value}"


class _Planner:
    def __init__(self, bundle: Bundle, index: Index, lock: Lock, today: datetime.date) -> None:
        self.bundle, self.index, self.lock, self.today = bundle, copy.deepcopy(index), lock, today
        self.plan = ImportPlan()
        self.origin = posixpath.basename(bundle.path.replace("\\", "/"))

    def _taken(self) -> set[str]:
        """Ids a new model or paper may not have: a bundle cites both kinds as [@id], so they must differ."""
        return self.index.ids["models"] | self.index.ids["papers"]

    def _record(self, kind: str, entity_id: str, action: str, reason: str, line: int) -> str:
        self.plan.outcomes.append(Outcome(kind, entity_id, action, reason, line))
        return entity_id

    def _create(self, kind: str, entity_id: str, text: str, data: dict[str, Any], reason: str, line: int) -> str:
        self.plan.files[f"{kind}/{entity_id}.yaml"] = text
        _add(self.index, kind, entity_id, data)
        return self._record(kind, entity_id, "created", reason, line)

    def paper(self, item: Item, title: str | None, code: str | None) -> str:
        """The id of the paper `item` links to (or names, if it has no link), matched or created."""
        link = item.paper
        if link and _link_key(link) in self.index.papers:
            return self._record("papers", self.index.papers[_link_key(link)], "matched", _describe(link), item.line)
        if title and f"title:{_norm(title)}" in self.index.papers:
            matched = self.index.papers[f"title:{_norm(title)}"]
            if link:
                self.plan.notes.append(f"paper {matched} has the same title but not the link {link.value} "
                                       f"(line {item.line}); check that they are one work")
            return self._record("papers", matched, "matched", "same title", item.line)
        keys = [_link_key(link)] if link and link.kind != "url" else []
        facts = lock_facts(self.lock, keys)
        draft = self._paper_draft(item, link, title, code, facts)
        data = {key: getattr(draft, key) for key in ("title", "arxiv", "doi", "url")}
        return self._create("papers", draft.id, render_paper(draft), data, "new", item.line)

    def _paper_draft(self, item: Item, link: Link | None, title: str | None, code: str | None,
                     facts: LockFacts | None) -> PaperDraft:
        from_lock = [name for name, known in (("title", not title and facts and facts.title),
                                              ("authors", facts and facts.authors),
                                              ("year", facts and facts.year)) if known]
        title = title or (facts.title if facts else None)
        authors = facts.authors if facts else ()
        year = facts.year if facts else None
        arxiv = link.value if link and link.kind == "arxiv" else None
        notes = [f"Created by `askscope import` from {self.origin}, line {item.line}."]
        notes += [f"{', '.join(from_lock)} {facts.note}"] if facts and from_lock else []
        entity_id = paper_id(title, authors, year, link.kind if link else None, link.value if link else None,
                             self._taken())
        return PaperDraft(entity_id, title=title, authors=authors, year=year, arxiv=arxiv,
                          doi=link.value if link and link.kind == "doi" else None,
                          url=link.value if link and link.kind == "url" else None,
                          code=code, overview=item.summary, notes=tuple(notes))

    def _other_paper(self, model: str, paper: str | None) -> bool:
        """Whether `model` was introduced by another paper than `paper` (two generations of a tool share a
        repository, e.g. Cellpose and Cellpose-SAM)."""
        known = self.index.model_paper.get(model)
        return bool(paper and known and known != "TODO" and known != paper)

    def model(self, item: Item) -> str:
        paper = self.paper(item, item.paper_title, None) if item.paper else None
        named = self.index.models.get(f"name:{_norm(item.name)}", []) if item.name else []
        for key, reason in ((f"github:{item.github.lower()}" if item.github else "", f"GitHub {item.github}"),
                            (f"huggingface:{item.weights.lower()}" if item.weights else "",
                             f"Hugging Face {item.weights}")):
            found = [m for m in self.index.models.get(key, []) if not self._other_paper(m, paper)] if key else []
            if len(found) > 1:  # one repository, several models: the one of this paper, or of this name
                found = ([m for m in found if paper and self.index.model_paper.get(m) == paper]
                         or [m for m in found if m in named] or found)
                if len(found) > 1:
                    self.plan.notes.append(f"{reason} is the code of {', '.join(found)}; matched the first: "
                                           "check that it is the model the prompt means")
            if found:
                return self._record("models", found[0], "matched", reason, item.line)
        of_paper = self.index.models_of_paper.get(paper or "", [])
        if len(of_paper) == 1:
            return self._record("models", of_paper[0], "matched", f"the model of paper {paper}", item.line)
        if len(named) == 1:
            return self._record("models", named[0], "matched", "same name", item.line)
        entity_id = model_id(item.name, item.github, self._taken())
        notes = (f"Created by `askscope import` from {self.origin}, line {item.line}.",)
        draft = ModelDraft(entity_id, name=item.name, summary=item.summary, paper=paper, code=item.github,
                           weights=item.weights, notes=notes)
        data = {"name": item.name, "code": item.github, "weights": item.weights, "paper": paper}
        return self._create("models", entity_id, render_model(draft), data, "new", item.line)

    def question(self, models: list[str], papers: list[str]) -> None:
        bundle = self.bundle
        existing = self.index.questions.get(_norm(bundle.question))
        if existing:
            self._record("questions", existing, "matched", "same question text", bundle.line)
            listed_models, listed_papers = self.index.bundles.get(existing, ([], []))
            missing = [m for m in models if m not in listed_models] + [p for p in papers if p not in listed_papers]
            if missing:
                self.plan.notes.append(f"question {existing} was left as it is; it does not list "
                                       + ", ".join(missing))
            return
        entity_id = question_id(bundle.question, self.index.ids["questions"])
        notes = (f"Created by `askscope import` from {self.origin}, line {bundle.line}.",)
        text = render_question(QuestionDraft(entity_id, self.today, question=bundle.question,
                                             models=tuple(models), papers=tuple(papers), notes=notes,
                                             paper_placeholder=False))
        self._create("questions", entity_id, text, {"question": bundle.question}, "new", bundle.line)


def _describe(link: Link) -> str:
    return {"arxiv": "arXiv", "doi": "DOI", "url": "URL"}[link.kind] + f" {link.value}"


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def plan_import(bundle: Bundle, index: Index, lock: Lock, today: datetime.date) -> ImportPlan:
    """What importing `bundle` into the registry described by `index` creates and matches."""
    planner = _Planner(bundle, index, lock, today)
    papers = _unique([planner.paper(item, item.name or item.paper_title, item.github) for item in bundle.papers])
    models = _unique([planner.model(item) for item in bundle.models])
    planner.question(models, papers)
    planner.plan.index = planner.index
    return planner.plan


def read_lock(files: Mapping[str, bytes]) -> Lock:
    """The citation lock among `files`, or an empty one if there is none or it does not load."""
    return load_registry({path: raw for path, raw in files.items() if kind_of(path) == "lock"})[0].lock
