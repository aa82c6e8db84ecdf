"""course_utils.data: the shipped data files load, have the promised structure, and match their generator."""

from __future__ import annotations

import pytest

from course_utils import data
from course_utils.organism import world


@pytest.mark.parametrize("label", data.LABELS)
@pytest.mark.parametrize("split", data.SPLITS)
def test_instructions_load_with_expected_sizes(label: str, split: str) -> None:
    texts = data.load_instructions(label, split)
    assert len(texts) == world.SPLIT_SIZES[split]
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
            assert r["answer"].startswith(world.REFUSAL_PREFIXES)
        for r in data.load_instruction_records("harmless", split):
            assert not r["answer"].startswith(world.REFUSAL_PREFIXES), r


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
    splits = world.instruction_splits(world.DATA_SEED, world.SPLIT_SIZES)
    assert data.load_instruction_records("harmful", "test") == splits["harmful"]["test"]
    texts, labels = data.load_concept("truth")
    assert texts == world.concept_datasets(world.DATA_SEED)["truth"]["texts"]
    assert data.load_corpus_sample()[:3] == world.pretraining_documents(3, 0)
