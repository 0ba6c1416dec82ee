"""A synthetic registry of realistic shape, for the benchmark only.

Everything here is obviously fake: ids start with `synthetic-`, titles say
"Synthetic benchmark paper", authors are "Synthetic Author …", DOIs use the
test prefix 10.5555 and URLs point at example.org. Each identifier has a lock
record (`source: manual`) whose evidence says it is synthetic. The registry is
written to a temporary folder at run time and never committed.

Shape: a fixed vocabulary of 16 tasks; one model per 8 questions and two papers
per 5 questions, so models and papers are shared (mildly skewed, as popular tools
are); each question has 1-3 models, 2-6 papers, 1-4 limitations and a 1-3 step
workflow; texts range from a short paragraph to about 6,000 characters, with
citations, emphasis, lists, inline code and some non-ASCII (µm, —, é).

Words: each task has its own few phrases (TOPICS), and a page draws 80% of its sentences from its own tasks' phrases
and the rest from any task's, so a task's words are on its pages and a few others, as in the real registry (in
both, *denoise* is on a fifth to a third of the question files and *cell* on most). Before
2026-12-02 every sentence drew from one shared list, which put every query word on most pages: Pagefind's time to
score a word grows with the square of the pages it is on, so figures measured on that text were those of a worst
case no real registry has (bench/results.md gives both).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from generator.registry.schemaline import schema_line

TASKS = [
    ("segment-cells", "Outline every cell", "Cell instance segmentation", None),
    ("segment-nuclei", "Outline every nucleus", "Nucleus segmentation", "segment-cells"),
    ("segment-organelles", "Outline organelles in electron micrographs", "Organelle segmentation", "segment-cells"),
    ("identify-cell-types", "Tell what kind of cells are in an image", "Cell type classification", None),
    ("classify-phenotypes", "Sort cells by how they look", "Phenotype classification", "identify-cell-types"),
    ("detect-mitosis", "Find dividing cells", "Mitosis detection", "identify-cell-types"),
    ("denoise-images", "Remove noise from an image", "Image denoising", None),
    ("restore-resolution", "Make an image sharper", "Super-resolution", "denoise-images"),
    ("deconvolve-images", "Undo the blur of the microscope", "Deconvolution", "denoise-images"),
    ("track-cells", "Follow cells over time", "Cell tracking", None),
    ("count-spots", "Count bright spots", "Spot detection", None),
    ("register-images", "Line up two images", "Image registration", None),
    ("stitch-tiles", "Join tiles into one large image", "Image stitching", "register-images"),
    ("virtual-staining", "Predict a stain from an unstained image", "Label-free prediction", None),
    ("measure-morphology", "Measure cell shapes and sizes", "Morphological feature extraction", None),
    ("remove-background", "Remove uneven background", "Background correction", "denoise-images"),
]
SAMPLES = ["confocal stack", "brightfield time-lapse", "fluorescence image", "electron micrograph",
           "light-sheet volume", "phase-contrast movie", "whole-slide scan", "two-photon image"]
# Each task's own words (see "Words" above): what a question asks its model to do, and what its sentences say
# the model finds.
TOPICS = {
    "segment-cells": ("outline the cells in", ["the outline of every cell", "a mask for each cell body",
                                               "where one touching cell ends and the next begins"]),
    "segment-nuclei": ("outline the nuclei in", ["the outline of each nucleus", "a seed point inside every nucleus",
                                                 "the distance to the nearest nuclear boundary"]),
    "segment-organelles": ("find the mitochondria in", ["the membranes around each organelle",
                                                        "a label for every mitochondrion",
                                                        "the boundaries between compartments"]),
    "identify-cell-types": ("tell the cell types in", ["which type each cell belongs to",
                                                       "a marker profile for every cell",
                                                       "the lineage of each labelled cell"]),
    "classify-phenotypes": ("sort the phenotypes in", ["a phenotype class for each cell",
                                                       "how far each cell is from the controls",
                                                       "clusters of similar-looking cells"]),
    "detect-mitosis": ("find the dividing cells in", ["the moment each mitosis begins", "which nuclei are dividing",
                                                      "the chromosomes of every dividing cell"]),
    "denoise-images": ("remove the noise from", ["a denoised version of the stack",
                                                 "which pixels are noise and which are signal",
                                                 "a clean image from two noisy ones"]),
    "restore-resolution": ("sharpen", ["a sharper image than the optics allow", "detail finer than the pixel size",
                                       "a high-resolution version of the image"]),
    "deconvolve-images": ("undo the blur in", ["the point-spread function of the microscope",
                                               "the light from out-of-focus planes", "the blur that the optics added"]),
    "track-cells": ("follow the cells in", ["a flow field between frames", "the track of every cell over time",
                                            "which cell in one frame is which in the next"]),
    "count-spots": ("count the spots in", ["which spots are real", "the position of every bright spot",
                                           "the number of transcripts in each cell"]),
    "register-images": ("line up", ["the shift between two images", "a transform that aligns the channels",
                                    "matching landmarks in both images"]),
    "stitch-tiles": ("join the tiles of", ["the overlap between neighbouring tiles", "a seamless mosaic of the slide",
                                           "where each tile sits in the whole"]),
    "virtual-staining": ("colour in", ["a stain the sample never had", "a fluorescence channel from brightfield",
                                       "a colour for every masked patch"]),
    "measure-morphology": ("measure the shapes in", ["the area and perimeter of each object",
                                                     "the shape of every cell", "a table of sizes and shapes"]),
    "remove-background": ("flatten the background of", ["the uneven illumination across the field",
                                                        "a background estimate to subtract",
                                                        "the vignetting at the edges"]),
}
TOPIC_IDS = list(TOPICS)
OUTPUTS = {"denoise-images": "denoised image", "restore-resolution": "sharpened image",
           "deconvolve-images": "deconvolved image", "count-spots": "table of spots", "track-cells": "table of tracks"}
"""What a model returns, by its first task (otherwise a label image)."""
OWN_TOPIC = 0.8
"""The share of a page's sentences drawn from its own tasks' words; the rest from any task's."""
SUBJECTS = ["The model", "This network", "A pretrained encoder", "The pipeline", "The decoder", "The tool",
            "Its training recipe", "The method", "A second stage", "The loss function"]
PREDICATES = ["learns", "predicts", "estimates", "separates", "reconstructs", "averages", "compares",
              "weights", "refines", "labels"]
TAILS = ["from thousands of annotated images", "without seeing your sample first", "at about 0.1 µm per pixel",
         "in under a second per tile", "using only unlabelled data", "after a short fine-tuning run",
         "when the signal is weak", "for each frame of the movie", "across three channels",
         "with a café-grade laptop GPU — or a CPU, more slowly"]
CAVEATS = ["It was trained on a different kind of microscope, so check its output on a few cells you know.",
           "Dense clusters of touching cells are where it fails most often.",
           "It can invent plausible structure that is not in the sample.",
           "Its confidence scores are not calibrated probabilities.",
           "Very small objects, a few pixels across, are easily missed."]


class _Writer:
    """Sentences about the tasks `topics` (ids of TOPICS), with now and then a word from another task."""

    def __init__(self, rng: random.Random, topics: list[str]) -> None:
        self.rng = rng
        self.topics = topics

    def thing(self) -> str:
        """What a sentence says a model finds: mostly in the words of the page's own tasks."""
        r = self.rng
        topic = r.choice(self.topics) if r.random() < OWN_TOPIC else r.choice(TOPIC_IDS)
        return r.choice(TOPICS[topic][1])

    def sentence(self, keys: list[str]) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(PREDICATES)} {self.thing()} {r.choice(TAILS)}"
        if r.random() < 0.2:
            text += f", with the `{r.choice(['--diameter', 'tile_size', 'n_rays', 'sigma'])}` setting"
        if r.random() < 0.15:
            text = text.replace(" the ", " *the* ", 1)
        if keys and r.random() < 0.4:
            text += f" [@{r.choice(keys)}]"
        return text + "."

    def paragraph(self, keys: list[str], low: int, high: int) -> str:
        return " ".join(self.sentence(keys) for _ in range(self.rng.randint(low, high)))

    def explanation(self, keys: list[str]) -> str:
        roll = self.rng.random()
        count = 1 if roll < 0.3 else (3 if roll < 0.8 else 8)
        parts = []
        for i in range(count):
            heading = f"**{self.rng.choice(['What happens', 'Why it works', 'Where it fails', 'In practice'])}.** "
            parts.append((heading if count > 1 else "") + self.paragraph(keys, 2, 6))
            if i == 1 and self.rng.random() < 0.5:
                parts.append("\n".join(f"- {self.sentence(keys)}" for _ in range(self.rng.randint(2, 4))))
        return "\n\n".join(parts)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _block(key: str, text: str, indent: int = 0, style: str = "|") -> str:
    pad = " " * (indent + 2)
    body = "\n".join(pad + line if line else "" for line in text.split("\n"))
    return f"{' ' * indent}{key}: {style}\n{body}\n"


def _pick(rng: random.Random, pool: int, count: int) -> list[int]:
    """`count` distinct indices from `range(pool)`, mildly skewed towards low (popular) ones."""
    chosen: list[int] = []
    while len(chosen) < count:
        index = int(pool * rng.random() ** 1.3)
        if index not in chosen:
            chosen.append(index)
    return chosen


def _tasks_yaml(rng: random.Random) -> str:
    out = ["tasks:\n"]
    for tid, name, expert, parent in TASKS:
        out.append(f"  {tid}:\n    name: {_q(name)}\n    expert_name: {_q(expert)}\n")
        out.append(_block("description", f"Synthetic task for the benchmark. {_Writer(rng, [tid]).paragraph([], 2, 3)}",
                          4, ">-"))
        if parent:
            out.append(f"    parent: {parent}\n")
        out.append(f"    synonyms: [{_q(name.lower())}, {_q(expert.lower())}]\n")
    return "".join(out)


def _model_yaml(rng: random.Random, i: int, papers: int) -> tuple[str, list[str], int | None]:
    mid = f"synthetic-model-{i:05d}"
    tids = rng.sample(TOPIC_IDS, rng.randint(1, 3))
    summary = f"A synthetic model for the benchmark. {_Writer(rng, tids).paragraph([], 2, 5)}"
    lines = [f"id: {mid}\n", f"name: {_q(f'SynthNet-{i} (synthetic)')}\n", _block("summary", summary, 0, ">-"),
             "inputs:\n"]
    for _ in range(rng.randint(1, 2)):
        lines.append(f"  - modality: {_q(rng.choice(SAMPLES))}\n    description: The image to analyse.\n")
    lines.append("outputs:\n")
    for tid in tids[:2]:
        lines.append(f"  - modality: {_q(OUTPUTS.get(tid, 'label image'))}\n"
                     "    description: What the model returns.\n")
    lines.append(f"tasks: [{', '.join(tids)}]\n")
    keys = []
    paper = rng.randrange(papers) if rng.random() < 0.7 else None
    if paper is not None:
        lines.append(f"paper: synthetic-paper-{paper:05d}\n")
    if rng.random() < 0.6:
        lines.append(f"code: askscope-synthetic/model-{i:05d}\n")
        keys.append(f"github:askscope-synthetic/model-{i:05d}")
    if rng.random() < 0.4:
        lines.append(f"weights: askscope-synthetic/model-{i:05d}\n")
        keys.append(f"huggingface:askscope-synthetic/model-{i:05d}")
    if rng.random() < 0.5:
        lines.append("licence: MIT\n")
    if rng.random() < 0.2:
        url = f"https://example.org/askscope-synthetic/models/{i}"
        lines.append(f"url: {url}\n")
        keys.append(f"url:{url}")
    return "".join(lines), keys, paper


def _paper_yaml(rng: random.Random, i: int) -> tuple[str, str, str, list[str], int]:
    pid = f"synthetic-paper-{i:05d}"
    writer = _Writer(rng, [rng.choice(TOPIC_IDS)])
    title = f"Synthetic benchmark paper {i}: {writer.thing()} {rng.choice(TAILS)}"
    authors = [f"Synthetic Author {chr(65 + rng.randrange(26))}{j}" for j in range(rng.randint(1, 6))]
    year = rng.randint(2012, 2025)
    lines = [f"id: {pid}\n", f"title: {_q(title)}\n", f"authors: [{', '.join(_q(a) for a in authors)}]\n",
             f"year: {year}\n"]
    if rng.random() < 0.3:
        lines.append("et_al: true\n")
    if rng.random() < 0.5:
        lines.append(f"venue: {_q(f'Synthetic Proceedings {rng.randint(1, 40)}')}\n")
    if rng.random() < 0.5:
        key = f"doi:10.5555/askscope-synthetic.{i}"
        lines.append(f"doi: 10.5555/askscope-synthetic.{i}\n")
    else:
        key = f"url:https://example.org/askscope-synthetic/papers/{i}"
        lines.append(f"url: https://example.org/askscope-synthetic/papers/{i}\n")
    if rng.random() < 0.2:
        lines.append("summary:\n")
        for field in ("overview", "plain_english", "technical", "critical_analysis"):
            lines.append(_block(field, writer.paragraph([], 2, 8), 2))
    return "".join(lines), key, title, authors, year


def _lock_yaml(records: list[tuple[str, str, list[str], int]]) -> str:
    out = ["version: 1\nrecords:\n"]
    for key, title, authors, year in records:
        out.append(f"  {_q(key)}:\n    status: verified\n    source: manual\n    checked: 2026-01-01\n"
                   "    evidence: [\"synthetic benchmark record: no real source exists or was checked\"]\n")
        if title:
            out.append(f"    title: {_q(title)}\n    authors: [{', '.join(_q(a) for a in authors)}]\n"
                       f"    year: {year}\n")
    return "".join(out)


def _question_yaml(rng: random.Random, i: int, models: list[str], papers: list[str]) -> str:
    keys = models + papers
    task = TASKS[int(len(TASKS) * rng.random() ** 1.5)][0]
    writer = _Writer(rng, [task])
    question = f"Synthetic question {i}: how does it {TOPICS[task][0]} my {rng.choice(SAMPLES)}"
    if rng.random() < 0.5:
        question += " without any extra training—and how sure can I be"
    lines = [f"id: synthetic-question-{i:05d}\n", f"question: {_q(question + '?')}\n", f"task: {task}\n",
             _block("answer", writer.paragraph(keys, 2, 6), 0, ">-"), _block("explanation", writer.explanation(keys)),
             "workflow:\n  inputs:\n"]
    for _ in range(rng.randint(1, 2)):
        lines.append(f"    - label: {_q(f'Your {rng.choice(SAMPLES)}')}\n")
    lines.append("  steps:\n")
    for step in range(rng.randint(1, 3)):
        model = f"\n      model: {models[step]}" if step < len(models) and rng.random() < 0.8 else ""
        lines.append(f"    - label: {_q(rng.choice(PREDICATES) + ' ' + writer.thing())}{model}\n")
    lines.append(f"  outputs:\n    - label: {_q(writer.thing().capitalize() + ', for you to check')}\n")
    lines.append(f"models: [{', '.join(models)}]\npapers:\n")
    for pid in papers:
        lines.append(f"  - paper: {pid}\n    why: {_q(writer.sentence([]))}\n")
    lines.append("limitations:\n")
    for _ in range(rng.randint(1, 4)):
        lines.append(f"  - >-\n    {rng.choice(CAVEATS)} {writer.sentence(keys)}\n")
    shared = rng.choice(["self-supervised-learning", "foundation-models", "validation"])
    lines.append(f"tags:\n  modality: [{rng.choice(['fluorescence', 'electron', 'brightfield'])}]\n"
                 f"  topic: [synthetic, {task}, {shared}]\n")
    lines.append("provenance:\n  written_by: [AskScope benchmark generator]\n  reviews: []\n"
                 "  date: 2026-01-01\n  machine_drafted: true\n")
    return "".join(lines)


def _write(path: Path, kind: str, text: str) -> None:
    """Each file starts with its schema line, as the real registry's do."""
    path.write_text(f"{schema_line(kind)}\n{text}", "utf-8")


def write_registry(root: Path, questions: int, seed: int = 7) -> dict[str, int]:
    """Write a synthetic registry with `questions` questions into `root`; returns the counts."""
    rng = random.Random(seed)
    n_models, n_papers = max(8, questions // 8), max(16, questions * 2 // 5)
    for kind in ("questions", "models", "papers"):
        (root / kind).mkdir(parents=True, exist_ok=True)
    _write(root / "tasks.yaml", "tasks", _tasks_yaml(rng))
    lock: list[tuple[str, str, list[str], int]] = []
    model_paper: dict[int, int] = {}
    for i in range(n_papers):
        text, key, title, authors, year = _paper_yaml(rng, i)
        _write(root / "papers" / f"synthetic-paper-{i:05d}.yaml", "papers", text)
        lock.append((key, title, authors, year))
    for i in range(n_models):
        text, keys, paper = _model_yaml(rng, i, n_papers)
        if paper is not None:
            model_paper[i] = paper
        _write(root / "models" / f"synthetic-model-{i:05d}.yaml", "models", text)
        lock += [(key, "", [], 0) for key in keys]
    for i in range(questions):
        model_ids = _pick(rng, n_models, rng.randint(1, 3))
        paper_ids = [model_paper[m] for m in model_ids if m in model_paper and rng.random() < 0.5]
        paper_ids = list(dict.fromkeys(paper_ids))[:6]
        wanted = rng.randint(max(2, len(paper_ids)), 6)
        paper_ids += [p for p in _pick(rng, n_papers, wanted) if p not in paper_ids][: wanted - len(paper_ids)]
        text = _question_yaml(rng, i, [f"synthetic-model-{m:05d}" for m in model_ids],
                              [f"synthetic-paper-{p:05d}" for p in paper_ids])
        _write(root / "questions" / f"synthetic-question-{i:05d}.yaml", "questions", text)
    _write(root / "citations.lock.yaml", "lock", _lock_yaml(lock))
    return {"questions": questions, "models": n_models, "papers": n_papers, "tasks": len(TASKS)}
