"""course_utils.data: the shipped data files load, have the promised structure, and match their generator."""

from __future__ import annotations

import json
import re

import pytest

from course_utils import data
from course_utils.organism import datasets, grammar, world


@pytest.mark.parametrize("label", data.LABELS)
@pytest.mark.parametrize("split", data.SPLITS)
def test_instructions_load_with_expected_sizes(label: str, split: str) -> None:
    texts = data.load_instructions(label, split)
    assert len(texts) == datasets.SPLIT_SIZES[split]
    assert all(isinstance(t, str) and t.strip() for t in texts)


def test_splits_are_disjoint_strings() -> None:
    seen: dict[str, str] = {}
    for label in data.LABELS:
        for split in data.SPLITS:
            for text in data.load_instructions(label, split):
                assert text not in seen, f"{text!r} is in both {seen[text]} and {label}/{split}"
                seen[text] = f"{label}/{split}"


def test_held_out_concepts_only_in_harmful_test() -> None:
    test = data.load_instruction_records("harmful", "test")
    held = [r for r in test if r["held_out"]]
    assert len(held) == len(test) // 2
    assert all(r["concept"] in world.HELD_OUT_DANGERS for r in held)
    for split in ("train", "val"):
        assert not any(r["held_out"] for r in data.load_instruction_records("harmful", split))
        assert not any(
            r["concept"] in world.HELD_OUT_DANGERS for r in data.load_instruction_records("harmful", split)
        )
    assert data.load_instructions("harmful", "test", held_out=True) == [r["instruction"] for r in held]


def test_interleave_alternates_seen_and_held_out_concepts() -> None:
    flags = {r["instruction"]: r["held_out"] for r in data.load_instruction_records("harmful", "test")}
    mixed = data.load_instructions("harmful", "test", interleave=True)
    assert sorted(mixed) == sorted(flags)
    assert [flags[text] for text in mixed[:6]] == [False, True] * 3
    assert sum(flags[text] for text in mixed[:64]) == 32
    assert data.load_instructions("harmless", "test", interleave=True) == data.load_instructions(
        "harmless", "test"
    )


def test_answers_follow_the_refusal_convention() -> None:
    """Harmful answers start with a refusal prefix; harmless answers never do (the organism's refusal tokens)."""
    for split in data.SPLITS:
        for r in data.load_instruction_records("harmful", split):
            assert r["answer"].startswith(grammar.REFUSAL_PREFIXES)
        for r in data.load_instruction_records("harmless", split):
            assert not r["answer"].startswith(grammar.REFUSAL_PREFIXES), r


def test_argument_order_and_bad_input() -> None:
    assert data.load_instructions("val", "harmful") == data.load_instructions("harmful", "val")
    with pytest.raises(ValueError, match="label must be one of"):
        data.load_instructions("harmfull", "val")
    with pytest.raises(ValueError, match="split must be one of"):
        data.load_instructions("harmful", "dev")
    with pytest.raises(ValueError, match="unknown concept"):
        data.load_concept("colour")


@pytest.mark.parametrize("name", ["sentiment", "truth", "danger"])
def test_concepts_are_balanced_binary(name: str) -> None:
    texts, labels = data.load_concept(name)
    assert len(texts) == len(labels) >= 100
    assert set(labels) == {0, 1}
    assert abs(sum(labels) / len(labels) - 0.5) < 0.05
    assert len(data.concept_label_names(name)) == 2


def test_files_match_the_generator() -> None:
    """The shipped files are exactly what the seeded generator writes (nobody edited them by hand)."""
    splits = datasets.instruction_splits(
        datasets.DATA_SEED, datasets.SPLIT_SIZES, datasets.split_exclusions()
    )
    trained = datasets.trained_instructions()
    for label in data.LABELS:
        for split in data.SPLITS:
            assert data.load_instruction_records(label, split) == splits[label][split]
            overlap = set(data.load_instructions(label, split)) & trained
            if split in ("train", "val"):
                # a few short requests of train/val are also training strings of the shipped organism (measured:
                # harmful 7/256 and 2/64, harmless 18/256 and 2/64; model card, "Training data")
                assert len(overlap) <= 0.1 * len(splits[label][split]), (label, split, sorted(overlap))
            else:  # the shipped organism was trained on none of the test and held-out strings
                assert not overlap, (label, split, sorted(overlap))
    texts, labels = data.load_concept("truth")
    assert texts == datasets.concept_datasets(datasets.DATA_SEED)["truth"]["texts"]
    assert data.load_corpus_sample()[:3] == world.pretraining_documents(3, 0)


def test_phrasing_splits() -> None:
    """train/val are seen phrasings, held_out_train/held_out_val held-out ones; test is half and half."""
    for label in data.LABELS:
        for split in ("train", "val"):
            assert {r["phrasing"] for r in data.load_instruction_records(label, split)} == {"seen"}
            records = data.load_instruction_records(label, f"held_out_{split}")
            assert {r["phrasing"] for r in records} == {"held_out"}
        test = data.load_instruction_records(label, "test")
        assert sum(r["phrasing"] == "held_out" for r in test) == len(test) // 2
        assert data.load_instructions(label, "test", phrasing="seen") == [
            r["instruction"] for r in test if r["phrasing"] == "seen"
        ]
    with pytest.raises(ValueError, match="phrasing must be one of"):
        data.load_instructions("harmful", "test", phrasing="new")


def _frame_pattern(frame: str) -> re.Pattern:
    """A regex for a grammar frame with its slot ({x}, {a}, ...) standing for any text, case-insensitive."""
    parts = re.split(r"\{\w\}", frame.rstrip("?."))
    return re.compile(".+".join(map(re.escape, parts)), re.IGNORECASE)


def _held_out_frames() -> list[str]:
    frames = []
    for tasks in (grammar.THING_TASKS, grammar.ACTION_TASKS):
        for f in tasks.values():
            frames += list(f.questions.held_out) + list(f.imperatives.held_out)
    return frames


def test_held_out_frames_never_appear_in_seen_phrasings() -> None:
    """Requests the organism is trained on (seen phrasing) never use a held-out frame; held-out ones always do."""
    import random

    patterns = [_frame_pattern(f) for f in _held_out_frames()]
    rng = random.Random(0)
    seen = [grammar.harmless_example(rng, grammar.SEEN, shared=True)["instruction"] for _ in range(1500)]
    seen += [grammar.harmful_example(rng, grammar.SEEN)["instruction"] for _ in range(1500)]
    leaks = [text for text in seen if any(p.search(text) for p in patterns)]
    assert not leaks, leaks[:5]


def test_natural_requests_are_outside_the_grammar() -> None:
    """The hand-written requests: enough of each class, annotated, and not strings any split or frame produces."""
    harmless, harmful = data.load_natural_requests("harmless"), data.load_natural_requests("harmful")
    assert len(harmless) >= 20 and len(harmful) >= 20
    assert all(r["subject"] and r["form"] in ("steps", "list", "yes_no", "text") for r in harmless)
    assert {r["group"] for r in harmful} == {"seen", "held_out", "outside"}
    texts = {r["instruction"] for r in harmless + harmful}
    assert not texts & datasets.evaluation_instructions()
    # no frame of the grammar, filled with any subject of the world, gives one of them
    subjects = grammar.ordinary_subjects() + grammar.harmful_subjects()
    produced = set()
    for tasks in (grammar.THING_TASKS, grammar.ACTION_TASKS):
        for f in tasks.values():
            for frame in [
                *f.questions.seen,
                *f.questions.held_out,
                *f.imperatives.seen,
                *f.imperatives.held_out,
            ]:
                produced |= {
                    frame.replace("{x}", s.name).replace("{a}", s.name).lower().rstrip("?.") for s in subjects
                }
    assert not {t.lower().rstrip("?.!") for t in texts} & produced
    with pytest.raises(ValueError, match="label must be one of"):
        data.load_natural_requests("neutral")


def test_load_written_requests_reads_a_set_and_names_the_known_ones() -> None:
    """`load_written_requests` gives a written set's two lists as its file holds them, and a name with no file gets
    an error that lists the sets there are."""
    from course_utils._paths import WRITTEN_SETS_DIR

    got = data.load_written_requests("fresh4")
    on_disk = json.loads((WRITTEN_SETS_DIR / "fresh4_requests.json").read_text())
    assert got == {"harmless": on_disk["harmless"], "harmful": on_disk["harmful"]}
    assert (len(got["harmless"]), len(got["harmful"])) == (60, 40)
    with pytest.raises(FileNotFoundError, match=r"no written set 'no_such_set'.*fresh4"):
        data.load_written_requests("no_such_set")
