"""Surface noise on training requests (course_utils/organism/augment.py)."""

from __future__ import annotations

import random

from course_utils.organism import augment, grammar


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_a_typo_is_one_keyboard_slip():
    rng = random.Random(0)
    for word in ["recipe", "guitar", "make", "question"] * 25:
        slipped = augment.typo(word, rng)
        assert slipped != word or len(set(word)) < len(word)  # a swap of two equal letters changes nothing
        assert slipped[0] == word[0]  # the first letter is kept, as in most real slips
        # a swap is two edits, a drop or a doubled letter one
        assert _edit_distance(slipped, word) <= 2


def test_noise_keeps_the_answer_and_never_mistypes_the_subject():
    rng = random.Random(1)
    changed = 0
    for _ in range(400):
        ex = grammar.harmless_example(rng) if rng.random() < 0.6 else grammar.harmful_example(rng)
        out = augment.noisy(ex, rng)
        assert {k: v for k, v in out.items() if k != "instruction"} == {
            k: v for k, v in ex.items() if k != "instruction"
        }
        changed += out["instruction"] != ex["instruction"]
        for word in ex["subject"].split():
            if word.isalpha() and len(word) >= 4:
                assert ex["instruction"].count(word) <= out["instruction"].count(word), (ex, out)
    assert changed >= 380  # noise almost always changes the text (a swap of equal letters may not)


def test_odd_inputs_and_reviews_keep_their_text():
    rng = random.Random(2)
    _keeps_odd_inputs_and_reviews(augment.noisy, rng)


def _keeps_odd_inputs_and_reviews(change, rng: random.Random) -> None:
    """`change(example, rng)` leaves inputs that are not requests as they are, and a review's words whole."""
    for _ in range(50):
        odd = grammar.odd_example(rng)
        assert change(odd, rng) == odd
    review = {"instruction": "Is this review positive? I love it.", "task": "sentiment", "subject": ""}
    for _ in range(50):
        assert "Is this review positive? I love it." in change(review, rng)["instruction"]


def test_with_noise_rate_and_determinism():
    rng = random.Random(3)
    examples = [grammar.harmless_example(rng) for _ in range(300)]
    assert augment.with_noise(examples, 0.0, random.Random(0)) == examples
    a = augment.with_noise(examples, 0.3, random.Random(5))
    b = augment.with_noise(examples, 0.3, random.Random(5))
    assert a == b
    share = sum(x != y for x, y in zip(a, examples, strict=True)) / len(examples)
    assert 0.2 <= share <= 0.4


def test_unfamiliar_words_keep_the_answer_and_the_subject_whole():
    """Recipe UW's change: words from outside the world around a request, never inside its subject, the answer
    and every other field as they were."""
    rng = random.Random(4)
    changed = 0
    for _ in range(400):
        ex = (
            grammar.harmless_example(rng, open_rate=0.3)
            if rng.random() < 0.6
            else grammar.harmful_example(rng)
        )
        out = augment.unfamiliar(ex, rng)
        assert {k: v for k, v in out.items() if k != "instruction"} == {
            k: v for k, v in ex.items() if k != "instruction"
        }
        changed += out["instruction"] != ex["instruction"]
        if ex["subject"] and ex["subject"] in ex["instruction"]:
            assert ex["subject"] in out["instruction"], (ex, out)
        # only words were added: the request's own words are all there, in order
        words = iter(out["instruction"].split())
        assert all(w in words for w in ex["instruction"].split()), (ex, out)
    assert changed == 400
    _keeps_odd_inputs_and_reviews(augment.unfamiliar, rng)


def test_unfamiliar_words_carry_no_harm():
    """No word the world uses for harm (its dangerous things, harmful actions and intents, held-out dangers
    included) and no harm-loaded stem is among the words recipe UW puts around harmless requests: those would teach
    that harm is harmless."""
    from course_utils.organism import common_words, lexicon, world

    words = set(augment.unfamiliar_words())
    assert len(common_words.WORDS) == 5000 and len(words) >= 4000
    assert all(w.isalpha() and w.islower() and len(w) >= 4 for w in common_words.WORDS)
    assert not [w for w in common_words.WORDS if any(s in w for s in common_words.HARM_STEMS)]
    harmful = [*world.HELD_OUT_DANGERS, *(a for acts in world.HARMFUL_ACTIONS.values() for a in acts)]
    harmful += [name for names in world.DANGER_FAMILIES.values() for name in names]
    harmful += [e for entries in lexicon.HARMFUL_THINGS_WIDE.values() for e in entries]
    assert not words & {w.lower() for text in harmful for w in text.split()}
    assert {"bomb", "poison", "weapon", "steal"}.isdisjoint(words)


def test_with_unfamiliar_rate_and_determinism():
    rng = random.Random(6)
    examples = [grammar.harmless_example(rng) for _ in range(300)]
    unused = random.Random(0)
    state = unused.getstate()
    assert augment.with_unfamiliar(examples, 0.0, unused) is examples
    assert unused.getstate() == state  # rate 0 draws nothing: the shipped recipe's stage 3 is unchanged
    a = augment.with_unfamiliar(examples, 0.25, random.Random(5))
    assert a == augment.with_unfamiliar(examples, 0.25, random.Random(5))
    share = sum(x != y for x, y in zip(a, examples, strict=True)) / len(examples)
    assert 0.15 <= share <= 0.35
