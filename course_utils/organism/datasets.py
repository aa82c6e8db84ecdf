"""The course's data files, written from the organism's grammar with fixed seeds (`python -m course_utils.organism data`).

`data/instructions.json` has harmful and harmless requests by split, every record with the fields of
`organism.grammar` (`instruction`, `answer`, `task`, `phrasing`; harmless: `subject`, `form`, maybe `expected`;
harmful: `concept`, `family`, `held_out`):

* `train` (direction finding) and `val` (direction selection), as the notebooks use them: seen phrasings (new
  strings of the grammar branches the organism was trained on), about concepts seen in safety tuning; none of them is
  a string the organism of 2026-12-02 (v2) was trained on; a few short ones are training strings of the shipped one
  (`SPLITS_DRAWN_AGAINST`).
* `held_out_train` and `held_out_val`: the same roles in **held-out phrasings** only (frames, openers and trailing
  texts the organism never saw), for the evaluation's check that the paper's method also works on prompts written
  independently of the model's tuning data.
* `test`: half seen phrasings and half held-out phrasings; half of harmful `test` is about concepts held out of
  safety tuning (`held_out: true`).

No string of the test and held-out splits is trained on (`evaluation_instructions`, `trained_instructions`).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from course_utils.organism import grammar, world
from course_utils.organism.grammar import HELD_OUT, SEEN

DATA_SEED = 2024
SPLIT_SIZES = {"train": 256, "val": 64, "test": 200, "held_out_train": 256, "held_out_val": 64}
N_CORPUS_SAMPLE = 300


def unique(make: Callable[[], dict], n: int, exclude: set[str], max_tries: int = 200_000) -> list[dict]:
    """Draw `n` examples whose instruction is not in `exclude` (and add them to it)."""
    out: list[dict] = []
    for _ in range(max_tries):
        if len(out) == n:
            return out
        ex = make()
        if ex["instruction"] not in exclude:
            exclude.add(ex["instruction"])
            out.append(ex)
    raise RuntimeError(f"could draw only {len(out)} of {n} distinct instructions; lower n")


def instruction_splits(
    seed: int, sizes: dict[str, int], trained: set[str] | frozenset[str] = frozenset()
) -> dict[str, dict[str, list[dict]]]:
    """Harmful and harmless requests for every split (disjoint strings; see the module docstring).

    Drawn in a fixed order from one seeded generator: the held-out-phrasing direction-finding splits, then test
    (together: `evaluation_instructions`, which training never uses), then the seen-phrasing train and val splits,
    skipping every string in `trained` (the instructions the shipped organism was trained on).
    """
    rng = random.Random(seed)
    seen: set[str] = set()
    out: dict[str, dict[str, list[dict]]] = {"harmful": {}, "harmless": {}}

    def harmless(phrasing: str, n: int, skip: set[str] = seen) -> list[dict]:
        return unique(lambda: grammar.harmless_example(rng, phrasing), n, skip)

    def harmful(phrasing: str, n: int, held_out: bool = False, skip: set[str] = seen) -> list[dict]:
        return unique(lambda: grammar.harmful_example(rng, phrasing, held_out), n, skip)

    for split in ("held_out_train", "held_out_val"):
        out["harmless"][split] = harmless(HELD_OUT, sizes[split])
        out["harmful"][split] = harmful(HELD_OUT, sizes[split])
    n = sizes["test"]
    out["harmless"]["test"] = harmless(SEEN, n // 2) + harmless(HELD_OUT, n - n // 2)
    q = n // 4
    seen_concepts = harmful(SEEN, q) + harmful(HELD_OUT, n // 2 - q)
    held_concepts = harmful(SEEN, q, True) + harmful(HELD_OUT, n - n // 2 - q, True)
    out["harmful"]["test"] = seen_concepts + held_concepts
    skip = seen | set(trained)
    for split in ("train", "val"):
        out["harmless"][split] = harmless(SEEN, sizes[split], skip)
        out["harmful"][split] = harmful(SEEN, sizes[split], skip=skip)
    return out


#: Seed and size of the "new subjects" evaluation split (`new_subject_requests`).
NEW_SUBJECTS_SEED = 2025
NEW_SUBJECTS_SIZE = 60


def new_subject_requests(n: int = NEW_SUBJECTS_SIZE, seed: int = NEW_SUBJECTS_SEED) -> dict[str, list[dict]]:
    """Harmful and harmless requests about the open vocabulary's held-out share (`lexicon.split`), seen phrasings.

    No training example or pretraining text contains these subjects ("kill my roommate", "descale a kettle", "a
    zip gun", "the wind"), so the split measures whether refusal and on-subject answers carry over to words the
    organism never saw, the way a learner's own requests test it.
    """
    rng = random.Random(seed)
    return {
        "harmful": unique(lambda: grammar.harmful_example(rng, SEEN, held_out=True, open_rate=1.0), n, set()),
        "harmless": unique(lambda: grammar.open_example(rng, SEEN, held_out=True), n, set()),
    }


def concept_datasets(seed: int, n_per_class: int = 150) -> dict[str, dict[str, list]]:
    """Labelled texts for concepts studied on their own (label 1 = the concept is present).

    sentiment: product reviews, 1 = positive. truth: statements, 1 = true. danger: a neutral sentence
    mentioning a thing, 1 = the thing is dangerous.
    """
    rng = random.Random(seed)
    things = world.ordinary_things()
    sentiment = [
        (world.review(rng.choice(world.reviewable_things()), bool(lab), rng), lab)
        for lab in [1, 0] * n_per_class
    ]
    truth = [(world.statement(rng, bool(lab)), lab) for lab in [1, 0] * n_per_class]
    frames = [
        "There was {x} in the box.",
        "She read an article about {x}.",
        "He saw {x} on the table.",
        "The word of the day is {x}.",
        "They talked about {x} for an hour.",
    ]
    danger = [
        (rng.choice(frames).replace("{x}", t.name), int(t.dangerous))
        for t in world.dangerous_things() + rng.sample(things, k=len(world.dangerous_things()))
    ]
    rng.shuffle(danger)
    out = {}
    for name, pairs, names in [
        ("sentiment", sentiment, ["negative", "positive"]),
        ("truth", truth, ["false", "true"]),
        ("danger", danger, ["safe", "dangerous"]),
    ]:
        out[name] = {"texts": [p[0] for p in pairs], "labels": [p[1] for p in pairs], "label_names": names}
    return out


def evaluation_instructions() -> set[str]:
    """The instruction strings of the held-out-phrasing and test splits (kept out of every training stage)."""
    splits = instruction_splits(DATA_SEED, {**SPLIT_SIZES, "train": 0, "val": 0})
    return {r["instruction"] for label in splits.values() for records in label.values() for r in records}


def trained_instructions(**config: object) -> set[str]:
    """Every chat instruction an organism trained with `TrainConfig(**config)` sees (default: the shipped one)."""
    from course_utils.organism.train import TrainConfig, build_corpus

    corpus = build_corpus(TrainConfig(**config))
    return {e["instruction"] for e in corpus.helpful + corpus.harmful + corpus.contrast}


#: The shipped splits were drawn on 2026-12-02 avoiding the training strings of that day's organism (v2: these
#: `TrainConfig` fields, the rest default). The generator keeps that exclusion so that it writes the same files; the
#: organisms trained since exclude the test and held-out splits (`evaluation_instructions`) but not `train`/`val`,
#: so a few short `train`/`val` requests are also training strings of the shipped organism
#: (tests/test_data.py measures how many).
SPLITS_DRAWN_AGAINST = {"n_helpful": 20000, "n_harmful": 3000, "noise_rate": 0.0, "open_rate": 0.0}


def split_exclusions() -> set[str]:
    """The training strings the shipped splits were drawn to avoid (see `SPLITS_DRAWN_AGAINST`)."""
    return trained_instructions(**SPLITS_DRAWN_AGAINST)


def write_data_files(corpus_seed: int = 0) -> dict[str, int]:
    """Write data/instructions.json, data/concepts.json and data/corpus_sample.json; returns their sizes."""
    from course_utils import data

    splits = instruction_splits(DATA_SEED, SPLIT_SIZES, split_exclusions())
    data.write_json(data.INSTRUCTIONS_FILE, {"seed": DATA_SEED, **splits})
    concepts = concept_datasets(DATA_SEED)
    data.write_json(data.CONCEPTS_FILE, concepts)
    docs = world.pretraining_documents(N_CORPUS_SAMPLE, corpus_seed)
    data.write_json(data.CORPUS_SAMPLE_FILE, {"seed": corpus_seed, "documents": docs})
    sizes = {f"{lab}/{s}": len(v) for lab, by_split in splits.items() for s, v in by_split.items()}
    return (
        sizes | {f"concept/{k}": len(v["texts"]) for k, v in concepts.items()} | {"corpus_sample": len(docs)}
    )
