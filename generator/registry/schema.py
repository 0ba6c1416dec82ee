"""The registry's data model: strict pydantic models, one per kind of file.

Unknown keys are errors (`extra="forbid"`), types are not coerced (`strict=True`),
and identifiers are stored in their canonical form (see `identifiers`).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from generator.registry import identifiers
from generator.registry.reviews import canonical_orcid, review_hash

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EDAM = re.compile(r"http://edamontology\.org/operation_\d{4}")
RESERVED_IDS = frozenset({"index", "tags", "search", "assets", "con", "nul", "prn", "aux"})


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > 80:
        raise PydanticCustomError(
            "id.invalid",
            "'{value}' is not a valid id: use 1-80 lowercase letters, digits and single hyphens",
            {"value": value},
        )
    if value in RESERVED_IDS:
        raise PydanticCustomError("id.reserved", "'{value}' is a reserved name", {"value": value})
    return value


def _text(max_length: int, multiline: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if not value:
            raise PydanticCustomError("schema.empty", "must not be empty")
        if len(value) > max_length:
            raise PydanticCustomError("schema.too-long", "is {n} characters long; at most {max} are allowed",
                                      {"n": len(value), "max": max_length})
        if _CONTROL.search(value) or (not multiline and ("\n" in value or "\r" in value)):
            what = "control characters" if multiline else "line breaks or control characters"
            raise PydanticCustomError("schema.text", "must not contain {what}", {"what": what})
        return value

    return check


def _canonical(kind: str, function: Callable[[str], str], code: str = "") -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return function(value)
        except ValueError as exc:
            raise PydanticCustomError(code or f"cite.malformed-{kind}", "{reason}", {"reason": str(exc)}) from None

    return check


def _edam(value: str) -> str:
    if not _EDAM.fullmatch(value):
        raise PydanticCustomError("schema.edam", "'{value}' is not an EDAM operation IRI "
                                  "(http://edamontology.org/operation_NNNN)", {"value": value})
    return value


Id = Annotated[str, AfterValidator(_slug)]
LINE_MAX = 300
"""The longest one-line text (a title, a note, a label) any registry or lock field holds."""
Line = Annotated[str, AfterValidator(_text(LINE_MAX, multiline=False))]
Prose = Annotated[str, AfterValidator(_text(20_000, multiline=True))]
ArxivId = Annotated[str, BeforeValidator(_canonical("arxiv", identifiers.canonical_arxiv))]
Doi = Annotated[str, BeforeValidator(_canonical("doi", identifiers.canonical_doi))]
GitHubRepo = Annotated[str, BeforeValidator(_canonical("github", identifiers.canonical_github))]
HuggingFaceId = Annotated[str, BeforeValidator(_canonical("huggingface", identifiers.canonical_huggingface))]
HttpsUrl = Annotated[str, BeforeValidator(_canonical("url", identifiers.canonical_url))]
EdamOperation = Annotated[str, AfterValidator(_edam)]
Orcid = Annotated[str, BeforeValidator(_canonical("orcid", canonical_orcid, "review.bad-orcid"))]
Year = Annotated[int, Field(ge=1900, le=2100)]
_NOT_JSON = {"not": {"type": ["string", "number", "boolean", "array", "object", "null"]}}
Date = Annotated[datetime.date, Field(strict=False), WithJsonSchema({
    "anyOf": [{"type": "string", "format": "date"}, _NOT_JSON],
    "description": "YYYY-MM-DD. YAML 1.1 loaders (PyYAML) read an unquoted date as a date value, not "
                   "as text; such a value is accepted too."})]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class WorkflowInput(Entry):
    """Something the person brings: an image, a stack, a prompt."""

    label: Line = Field(description="What goes in, in plain words (e.g. 'fluorescence image of cells').")


class WorkflowStep(Entry):
    """One processing step; `model` names a model of the bundle when a model does the work."""

    label: Line = Field(description="What happens in this step, in plain words.")
    model: Id | None = Field(None, description="Id of the model doing this step; must be in the bundle's `models`.")


class WorkflowOutput(Entry):
    """What the person gets back."""

    label: Line = Field(description="What comes out, in plain words.")


class Workflow(Entry):
    """input(s) → step(s) → output(s), drawn as a Mermaid flowchart and listed as text."""

    inputs: list[WorkflowInput] = Field(min_length=1)
    steps: list[WorkflowStep] = Field(min_length=1)
    outputs: list[WorkflowOutput] = Field(min_length=1)


class RelatedPaper(Entry):
    paper: Id = Field(description="Id of a paper in registry/papers/.")
    why: Line = Field(description="One line: why this paper matters for the question.")


class Tags(Entry):
    modality: list[Id] = Field(default_factory=list, description="e.g. fluorescence, electron, brightfield.")
    organism: list[Id] = Field(default_factory=list, description="Where it applies, e.g. human, mouse, yeast.")
    topic: list[Id] = Field(default_factory=list, description="Free topics, e.g. self-supervised-learning.")


class Review(Entry):
    """One review, pinned to the text it approved: `askscope review` writes it."""

    name: Line = Field(description="Who reviewed the entry.")
    orcid: Orcid | None = Field(None, description="The reviewer's ORCID iD, e.g. 0000-0002-1825-0097 (its "
                                                  "checksum is checked).")
    date: Date = Field(description="When it was reviewed (YYYY-MM-DD).")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the reviewed fields (question, answer, explanation, workflow, limitations, "
                    "models and papers) when they were reviewed; see generator/registry/reviews.py.")


class Provenance(Entry):
    written_by: list[Line] = Field(min_length=1, description="Who wrote the entry.")
    reviews: list[Review] = Field(default_factory=list, description="Who reviewed it, when, and which version; "
                                                                    "empty if nobody yet.")
    date: Date = Field(description="When the entry was written or last revised (YYYY-MM-DD).")
    machine_drafted: bool = Field(description="Whether any of its text was drafted by a language model.")


class Question(Entry):
    """registry/questions/<id>.yaml: one question-model-paper bundle."""

    id: Id = Field(description="Must equal the file name without .yaml.")
    question: Line = Field(description="The question as a person asked it, verbatim.")
    also_asked: list[Line] = Field(default_factory=list, max_length=10,
                                   description="Other ways people put the same question, in their own words: "
                                               "shown under the question and found by search.")
    task: Id = Field(description="Id of the task in registry/tasks.yaml.")
    answer: Prose = Field(description="The short plain answer, a few sentences.")
    explanation: Prose = Field(description="Markdown; may cite only the bundle's models and papers as [@id].")
    workflow: Workflow
    models: list[Id] = Field(min_length=1, description="Recommended models, ids in registry/models/.")
    papers: list[RelatedPaper] = Field(default_factory=list, description="Related papers, each with why it matters.")
    limitations: list[Prose] = Field(min_length=1, description="How this answer or these tools can be wrong.")
    tags: Tags = Field(default_factory=Tags)
    provenance: Provenance

    @functools.cached_property
    def reviewed_hash(self) -> str:
        """`reviews.review_hash`, computed once: the page, its tags, the exports and `check` all ask."""
        return review_hash(self)


class ModelIO(Entry):
    modality: Line = Field(description="Kind of data, e.g. 'RGB image', 'text instruction'.")
    description: Line


class Model(Entry):
    """registry/models/<id>.yaml: a model or tool a question can recommend."""

    id: Id
    name: Line
    summary: Prose = Field(description="What it does, in plain words.")
    inputs: list[ModelIO] = Field(min_length=1)
    outputs: list[ModelIO] = Field(min_length=1)
    tasks: list[Id] = Field(default_factory=list, description="Task ids it performs.")
    paper: Id | None = Field(None, description="Id of the paper that introduced it.")
    code: GitHubRepo | None = Field(None, description="GitHub repository, owner/repo.")
    weights: HuggingFaceId | None = Field(None, description="Hugging Face model id, owner/name.")
    licence: Line | None = None
    url: HttpsUrl | None = Field(None, description="Home page, https only.")


class PaperSummary(Entry):
    """A structured summary, in the shape of a paper-summary page. Only the overview is required,
    so that a short summary (e.g. one kept by `askscope import`) has a place before the rest is written."""

    overview: Prose
    plain_english: Prose | None = None
    technical: Prose | None = None
    critical_analysis: Prose | None = None


class Paper(Entry):
    """registry/papers/<id>.yaml: a paper, preprint or software reference."""

    id: Id
    title: Line
    authors: list[Line] = Field(min_length=1, description="In published order.")
    et_al: bool = Field(False, description="True when `authors` lists only the first few.")
    year: Year
    venue: Line | None = None
    arxiv: ArxivId | None = None
    doi: Doi | None = None
    url: HttpsUrl | None = None
    code: GitHubRepo | None = None
    summary: PaperSummary | None = None

    @model_validator(mode="after")
    def _has_identifier(self) -> Paper:
        if not (self.arxiv or self.doi or self.url):
            raise PydanticCustomError("cite.no-identifier", "a paper needs at least one of arxiv, doi or url")
        return self


class Task(Entry):
    """One entry of registry/tasks.yaml, keyed by its id."""

    name: Line = Field(description="The lay name: what a person would call it.")
    expert_name: Line = Field(description="The name an expert would use.")
    description: Prose
    edam: EdamOperation | None = Field(None, description="EDAM operation IRI, where one clearly fits.")
    parent: Id | None = Field(None, description="Id of a broader task.")
    synonyms: list[Line] = Field(default_factory=list, description="Other words people use for it.")


class Tasks(Entry):
    """registry/tasks.yaml: the task vocabulary."""

    tasks: dict[Id, Task]


Source = Literal["arxiv-api", "doi", "crossref", "github-api", "manual"]
Status = Literal["verified", "metadata-mismatch", "not-found", "unreachable", "rate-limited"]
Confirmable = Literal["title", "authors", "year", "full_name", "archived", "default_branch"]


class LockRecord(Entry):
    """What a source said about one canonical identifier, and when and where it was checked."""

    status: Status
    source: Source
    checked: Date
    evidence: list[Line] = Field(default_factory=list, description="For manual checks: what was read.")
    title: Line | None = None
    authors: list[Line] = Field(default_factory=list)
    year: Year | None = None
    full_name: Line | None = Field(None, description="GitHub: owner/repo as GitHub spells it now.")
    archived: bool | None = None
    default_branch: Line | None = None
    confirmed: list[Confirmable] = Field(
        default_factory=list,
        description="For manual checks: the recorded fields that the evidence (or a recorded answer) confirmed.")
    note: Line | None = None

    @model_validator(mode="after")
    def _confirmed_fields_are_set(self) -> LockRecord:
        unset = [name for name in self.confirmed if getattr(self, name) in (None, [])]
        if unset:
            raise PydanticCustomError("cite.confirmed-unset", "confirmed names {fields}, which the record does not "
                                      "give", {"fields": ", ".join(unset)})
        return self


class Lock(Entry):
    """registry/citations.lock.yaml: the verification record per canonical identifier."""

    version: Literal[1]
    records: dict[str, LockRecord] = Field(default_factory=dict)
