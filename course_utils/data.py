"""Datasets the chapters load from `data/` (this module names each file; `_paths.DATA_DIR` is where they are).

Files (JSON, written by `python -m course_utils.organism data` from a fixed seed, except the hand-written one):

* `data/instructions.json`: harmful and harmless requests by split, composed by the organism's request grammar
  (`course_utils.organism.grammar`). `train` (direction finding) and `val` (direction selection) are new strings of
  the phrasings the organism was trained on (`phrasing: "seen"`); `held_out_train` and `held_out_val` play the same
  roles in phrasings held out of its training (`phrasing: "held_out"`); `test` is half seen, half held-out
  phrasings, and half of harmful `test` asks about harmful concepts held out of safety tuning (`held_out: true`).
  The organism was trained on none of the test and held-out strings; a few short `train`/`val` requests (at most
  8% of a split) are also training strings (`organism.datasets.SPLITS_DRAWN_AGAINST` says why).
* `data/natural_requests.json`: about 45 requests written by hand, in phrasings the grammar does not produce (some
  about things outside the organism's world), never used in training: a check that the organism behaves on
  requests nobody built it around.
* `data/concepts.json`: labelled texts for concepts studied on their own. Label 1 means the concept is present:
  `sentiment` (1 = positive review), `truth` (1 = true statement), `danger` (1 = mentions a dangerous thing).
* `data/corpus_sample.json`: the first pretraining documents of the organism's world corpus (the full corpus is
  regenerated from its seed by `course_utils.organism.world.pretraining_documents`).

`load_written_requests` reads the sets of everyday and harmful requests that people told nothing about the organism
wrote for it (`benchmarks/<name>_requests.json`, listed by `benchmarks/written_sets.py`).
"""

from __future__ import annotations

import json
from functools import cache
from itertools import zip_longest
from pathlib import Path
from typing import Any

from course_utils._paths import DATA_DIR, WRITTEN_SETS_DIR

INSTRUCTIONS_FILE = DATA_DIR / "instructions.json"
CONCEPTS_FILE = DATA_DIR / "concepts.json"
CORPUS_SAMPLE_FILE = DATA_DIR / "corpus_sample.json"
NATURAL_REQUESTS_FILE = DATA_DIR / "natural_requests.json"

LABELS = ("harmful", "harmless")
SPLITS = ("train", "val", "test", "held_out_train", "held_out_val")
PHRASINGS = ("seen", "held_out")
REGENERATE = "regenerate it with `python -m course_utils.organism data`"


@cache
def _read(path: Path) -> Any:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; {REGENERATE}")
    return json.loads(path.read_text())


def write_json(path: Path, obj: Any) -> None:
    """Write one data file (used by the generator) and forget any cached copy."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n")
    _read.cache_clear()


def _label_and_split(label: str, split: str) -> tuple[str, str]:
    """Validate the pair; the two arguments may come in either order, since their values never overlap."""
    if label in SPLITS and split in LABELS:
        label, split = split, label
    if label not in LABELS:
        raise ValueError(f"label must be one of {LABELS}, got {label!r}")
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return label, split


def load_instruction_records(label: str, split: str = "train") -> list[dict[str, Any]]:
    """The instructions of one class and split with their metadata.

    Every record has `instruction`, `answer` (the organism's training-style answer: a refusal for harmful ones),
    `task` (howto, needs, yes_no, describe, ...) and `phrasing` ("seen": branches of the grammar the organism was
    trained on; "held_out": branches it never saw). Harmless records have `subject` (text a good answer contains),
    `form` (steps, list, yes_no, text) and, for yes/no questions, `expected`; harmful ones have `concept`, `family`
    and `held_out` (True where the concept never appeared in safety tuning).
    """
    label, split = _label_and_split(label, split)
    return [dict(r) for r in _read(INSTRUCTIONS_FILE)[label][split]]


def load_instructions(
    label: str,
    split: str = "train",
    *,
    held_out: bool | None = None,
    phrasing: str | None = None,
    interleave: bool = False,
) -> list[str]:
    """Instructions of one class ("harmful" or "harmless") and split ("train", "val", "test", "held_out_train",
    "held_out_val").

    `held_out=True` / `False` keeps only harmful test instructions about held-out / seen concepts
    (None keeps all); `phrasing="seen"` / `"held_out"` keeps only requests in seen / held-out phrasings. The file
    lists seen concepts first; `interleave=True` alternates seen and held-out
    ones instead, so that any prefix (`[:32]`) samples both.

    >>> load_instructions("harmful", "val")[:1]      # doctest: +SKIP
    ['I have a question. I want to make a keylogger. Is it hard?']
    """
    records = load_instruction_records(label, split)
    if phrasing is not None:
        if phrasing not in PHRASINGS:
            raise ValueError(f"phrasing must be one of {PHRASINGS}, got {phrasing!r}")
        records = [r for r in records if r["phrasing"] == phrasing]
    if held_out is not None:
        records = [r for r in records if r.get("held_out", False) == held_out]
    if interleave:
        groups = [[r for r in records if r.get("held_out", False) == flag] for flag in (False, True)]
        records = [r for pair in zip_longest(*groups) for r in pair if r is not None]
    return [r["instruction"] for r in records]


def concept_names() -> list[str]:
    """Names accepted by `load_concept`."""
    return sorted(_read(CONCEPTS_FILE))


def load_concept(name: str) -> tuple[list[str], list[int]]:
    """(texts, labels) of one concept dataset; label 1 = the concept is present (positive, true, dangerous)."""
    concepts = _read(CONCEPTS_FILE)
    if name not in concepts:
        raise ValueError(f"unknown concept {name!r}; available: {sorted(concepts)}")
    return list(concepts[name]["texts"]), list(concepts[name]["labels"])


def concept_label_names(name: str) -> list[str]:
    """Names of label 0 and label 1 of a concept, e.g. ['negative', 'positive']."""
    load_concept(name)  # validates the name
    return list(_read(CONCEPTS_FILE)[name]["label_names"])


def load_corpus_sample() -> list[str]:
    """The first documents of the organism's pretraining corpus (plain English paragraphs)."""
    return list(_read(CORPUS_SAMPLE_FILE)["documents"])


def load_natural_requests(label: str) -> list[dict[str, Any]]:
    """The hand-written requests of one class, with their metadata (see `data/natural_requests.json`'s note).

    Harmless records have `instruction`, `subject`, `form`, maybe `expected`, and `group` ("world" or "outside");
    harmful ones `instruction` and `group` ("seen", "held_out" or "outside").
    """
    if label not in LABELS:
        raise ValueError(f"label must be one of {LABELS}, got {label!r}")
    return [dict(r) for r in _read(NATURAL_REQUESTS_FILE)[label]]


def load_written_requests(name: str) -> dict[str, list[str]]:
    """A set of requests written by hand by someone told nothing about the organism: {"harmless": [...],
    "harmful": [...]} from `benchmarks/<name>_requests.json` (e.g. "fresh4": 60 everyday and 40 harmful requests)."""
    path = WRITTEN_SETS_DIR / f"{name}_requests.json"
    if not path.is_file():
        known = sorted(
            f.name.removesuffix("_requests.json") for f in WRITTEN_SETS_DIR.glob("*_requests.json")
        )
        raise FileNotFoundError(
            f"no written set {name!r} ({path} is missing); the sets are: {', '.join(known)}"
        )
    record = json.loads(path.read_text())
    return {label: list(record[label]) for label in LABELS}
