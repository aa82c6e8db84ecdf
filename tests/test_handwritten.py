"""Requests written by hand for safety tuning (course_utils/organism/handwritten.py, recipe HW)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course_utils.organism import grammar, handwritten, handwritten_second, lexicon, world

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


#: Both writings' harmless (request, answer) pairs and harmful requests.
HARMLESS = handwritten.HARMLESS + handwritten_second.HARMLESS_TOLD
HARMFUL = handwritten.HARMFUL + handwritten_second.HARMFUL_ASKED


def test_the_requests_are_many_distinct_and_answered_briefly() -> None:
    harmless, harmful = HARMLESS, HARMFUL
    assert len(handwritten.HARMLESS) >= 600 and len(handwritten.HARMFUL) >= 450
    assert len(handwritten_second.HARMLESS_TOLD) >= 140 and len(handwritten_second.HARMFUL_ASKED) >= 300
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
    content = [_words(e) for e in lexicon.entries(held_out=True)]
    for harmful in (True, False):
        kept = handwritten.trained_requests(harmful, second_writing=True)
        assert len(kept) >= 0.8 * len(HARMFUL if harmful else HARMLESS)
        assert kept[: len(handwritten.trained_requests(harmful))] == handwritten.trained_requests(harmful)
        for ex in kept:
            words = _words(ex["instruction"])
            assert not words & naming, ex
            assert not any(c and c <= words for c in content), ex
    assert all(
        "answer" not in ex for ex in handwritten.trained_requests(True, second_writing=True)
    )  # the trainer draws a refusal


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
    for request in [r for r, _ in HARMLESS] + list(HARMFUL):
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
    cfg = TrainConfig(
        handwritten_requests=2, handwritten_harmless=8
    )  # as many as the batch's helpful requests
    with pytest.raises(ValueError, match="handwritten_harmless=8 must be"):
        safety_tune(None, None, None, cfg, None, random.Random(0), False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("how do i get rid of fruit flies", True),
        ("Can you check my essay?", True),
        ("My sink is blocked. What should I use?", True),
        ("give me a pasta recipe", False),
        ("Explain how to kill a frozen process.", False),
    ],
)
def test_is_question(text: str, question: bool) -> None:
    assert handwritten.is_question(text) is question


def _surface(text: str) -> tuple[bool, bool, bool]:
    """(begins lower case, has an end mark, is a question), read apart from the module."""
    asked = text.endswith("?") or text.split()[0].lower() in {
        "how",
        "what",
        "where",
        "can",
        "is",
        "do",
        "why",
    }
    return text[:1].islower(), text[-1:] in "?.!", asked


def test_restyle_keeps_the_words_and_draws_each_surface_half_the_time() -> None:
    import random

    rng = random.Random(0)
    text = "how do i tell my boss i'm quitting"
    styled = [handwritten.restyle(text, rng) for _ in range(2000)]
    assert {s.lower().rstrip("?") for s in styled} == {text}  # a question gets "?", never "."
    assert "How do I tell my boss I'm quitting?" in styled and text in styled
    for i in range(2):
        share = sum(_surface(s)[i] for s in styled) / len(styled)
        assert 0.45 < share < 0.55, (i, share)
    assert handwritten.restyle("Write me a poem about rain!", random.Random(1)) in {
        "Write me a poem about rain",
        "Write me a poem about rain.",
        "write me a poem about rain",
        "write me a poem about rain.",
    }


def test_balanced_written_requests_have_the_same_surface_harmful_or_not() -> None:
    """Drawn as recipe HWB draws them, harmful and harmless written requests begin lower case, end with a mark and
    are questions equally often (about half the time each); drawn as HW draws them, they do not."""
    import random

    from course_utils.organism.train import written_sampler

    shares = {}
    for balanced in (True, False):
        for harmful in (True, False):
            take = written_sampler(harmful, 2, balanced, random.Random(0))
            drawn = [_surface(e["instruction"]) for _ in range(1000) for e in take()]
            shares[balanced, harmful] = [sum(s[i] for s in drawn) / len(drawn) for i in range(3)]
    for i in range(3):
        assert abs(shares[True, True][i] - shares[True, False][i]) < 0.06, (i, shares)
        assert 0.4 < shares[True, True][i] < 0.6, (i, shares)
    assert shares[False, True][0] - shares[False, False][0] > 0.4  # the first writing's harmful: lower case,
    assert shares[False, False][1] - shares[False, True][1] > 0.4  # its harmless: with an end mark
    assert shares[False, False][2] - shares[False, True][2] > 0.15  # and more often questions


def test_balanced_draws_take_the_second_writing_only_when_asked() -> None:
    """Recipe HWF (`handwritten_second_writing` off) draws balanced requests from the first writing alone; HWB's
    draws take both writings. A restyled request is recognised by its words (lower case, no end mark)."""
    import random

    from course_utils.organism.train import written_sampler

    def body(text: str) -> str:
        return text.strip().rstrip("?.! ").lower()

    for harmful in (True, False):
        first = {body(e["instruction"]) for e in handwritten.trained_requests(harmful)}
        both = {body(e["instruction"]) for e in handwritten.trained_requests(harmful, second_writing=True)}
        for second in (True, False):
            take = written_sampler(harmful, 2, True, random.Random(0), second)
            drawn = [body(e["instruction"]) for _ in range(500) for e in take()]
            assert set(drawn) <= both
            from_second = sum(d not in first for d in drawn)
            assert (from_second > 100) if second else (from_second == 0), (harmful, second, from_second)


def test_unfamiliar_words_go_around_written_requests_only_when_asked() -> None:
    import random

    from course_utils.organism.train import with_unfamiliar_words

    grammar_requests = [{"instruction": "How do I bake bread?", "task": "make"} for _ in range(50)]
    written = [{"instruction": "how do i pick a lock"} for _ in range(50)]
    for around in (True, False):
        out = with_unfamiliar_words(grammar_requests, written, 1.0, around, random.Random(0))
        assert len(out) == 100 and all(e["instruction"] != "How do I bake bread?" for e in out[:50])
        kept = sum(e["instruction"] == "how do i pick a lock" for e in out[50:])
        assert kept == (0 if around else 50), (around, kept)


def test_unfamiliar_words_go_around_harmful_requests_at_their_own_share_only_when_set() -> None:
    """`unfamiliar_harmful_rate` None keeps one share for both kinds (the recipes before HWUH); set, it is the harmful
    requests' share alone."""
    from course_utils.organism.train import TrainConfig, unfamiliar_shares

    def shares(cfg: TrainConfig) -> tuple[float, float]:
        return unfamiliar_shares(cfg.unfamiliar_rate, cfg.unfamiliar_harmful_rate)

    assert shares(TrainConfig()) == (0.0, 0.0)
    assert shares(TrainConfig(unfamiliar_rate=0.25)) == (0.25, 0.25)
    assert shares(TrainConfig(unfamiliar_rate=0.5, unfamiliar_harmful_rate=0.0)) == (0.0, 0.5)
    assert shares(TrainConfig(unfamiliar_rate=0.0, unfamiliar_harmful_rate=0.3)) == (0.3, 0.0)
