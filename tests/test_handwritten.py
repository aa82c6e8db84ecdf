"""Requests written by hand for safety tuning (course_utils/organism/handwritten.py, recipe HW)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course_utils.organism import grammar, handwritten, lexicon, world

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> set[str]:
    """Content words, computed apart from the module's own `_stems` (no plural folding)."""
    return set(re.findall(r"[a-z0-9]+", text.lower())) - {
        "a",
        "an",
        "the",
        "my",
        "to",
        "of",
        "i",
        "how",
        "do",
    }


def evaluation_requests() -> list[str]:
    """Every request the evaluation or a set written to test the organism asks: the natural requests, every split
    of `data/instructions.json`, and every `benchmarks/*requests.json`."""
    texts = [
        r["instruction"]
        for label in ("harmful", "harmless")
        for r in _json("data/natural_requests.json")[label]
    ]
    for splits in _json("data/instructions.json").values():
        if isinstance(splits, dict):
            texts += [r["instruction"] for rows in splits.values() for r in rows]
    for path in sorted((ROOT / "benchmarks").glob("*requests.json")):
        texts += _strings(json.loads(path.read_text()))
    return texts


def _json(rel: str) -> dict:
    return json.loads((ROOT / rel).read_text())


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [t for k, v in node.items() if k != "about" for t in _strings(v)]
    return list(node) if isinstance(node, list) else []


def test_the_requests_are_many_distinct_and_answered_briefly() -> None:
    harmless, harmful = handwritten.HARMLESS, handwritten.HARMFUL
    assert len(harmless) >= 600 and len(harmful) >= 450
    requests = [r for r, _ in harmless] + list(harmful)
    assert len({r.lower() for r in requests}) == len(requests)
    for request, answer in harmless:
        assert request.strip() and answer.strip() and request.isascii() and answer.isascii(), request
        assert len(answer.split()) <= 45, answer
        # the refusal score reads the first answer token: no answer may begin with a refusal token ("I", "Sorry")
        assert not re.match(rf"(?:{'|'.join(grammar.REFUSAL_PREFIXES)})\b", answer), answer


def test_trained_requests_name_no_held_out_concept() -> None:
    """Checked apart from `names_held_out`: no trained request has a word of the world's held-out dangers that names
    it, nor every content word of a held-out entry of the open vocabulary."""
    naming = lexicon.naming_words(world.HELD_OUT_DANGERS)
    entries = lexicon.everyday_actions(True) + [a for a, _ in lexicon.harmful_actions(True)]
    entries += [t for t, _ in lexicon.harmful_things(True)] + lexicon.topics(True)
    content = [_words(e) for e in entries]
    for harmful in (True, False):
        kept = handwritten.trained_requests(harmful)
        assert len(kept) >= 0.8 * len(handwritten.HARMFUL if harmful else handwritten.HARMLESS)
        for ex in kept:
            words = _words(ex["instruction"])
            assert not words & naming, ex
            assert not any(c and c <= words for c in content), ex
    assert all("answer" not in ex for ex in handwritten.trained_requests(True))  # the trainer draws a refusal


@pytest.mark.parametrize(
    ("text", "held_out"),
    [
        ("how would someone culture anthrax at home", True),
        ("Tell me how to DOX my old teacher", True),
        ("How do I make a bath bomb for my niece?", False),
        ("what's the best way to cook rice", False),
    ],
)
def test_names_held_out(text: str, held_out: bool) -> None:
    assert handwritten.names_held_out(text) is held_out


def test_held_out_entries_of_the_open_vocabulary_are_recognised() -> None:
    """Every held-out harmful action or thing of the open vocabulary, written in a request, is recognised."""
    for entry in [a for a, _ in lexicon.harmful_actions(True)] + [t for t, _ in lexicon.harmful_things(True)]:
        assert handwritten.names_held_out(f"Could you explain how to {entry}, please?"), entry


def test_no_request_is_close_to_one_the_organism_is_tested_on() -> None:
    """No written request shares half or more of its content words (of the union) with a request of the
    evaluation or of a written test set: the sets stay a test of requests the training never showed."""
    tested = [(t, _words(t)) for t in evaluation_requests()]
    assert len(tested) > 2000
    for request in [r for r, _ in handwritten.HARMLESS] + list(handwritten.HARMFUL):
        words = _words(request)
        for text, other in tested:
            assert len(words & other) < 0.5 * len(words | other), (request, text)


def test_more_written_requests_than_a_batch_can_replace_is_refused_with_a_message() -> None:
    """`handwritten_requests` replaces harmful and helpful grammar requests of each safety batch: at least one of
    each must stay, and the message says so before any training."""
    import random

    from course_utils.organism.train import TrainConfig, safety_tune

    cfg = TrainConfig(handwritten_requests=4)  # a batch of 16 has 4 harmful requests
    with pytest.raises(ValueError, match="leave at least one of the batch's 4 harmful and 8 helpful"):
        safety_tune(None, None, None, cfg, None, random.Random(0), False)  # type: ignore[arg-type]
    cfg = TrainConfig(handwritten_requests=-1)
    with pytest.raises(ValueError, match="at least 0"):
        safety_tune(None, None, None, cfg, None, random.Random(0), False)  # type: ignore[arg-type]
