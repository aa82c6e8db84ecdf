"""Chapter 08 checks (matched random directions, answer rate, z-score against controls) coach a learner: named
wrong solutions get their diagnosis (with the scalar message), solutions written differently pass."""

from __future__ import annotations

import re
import statistics

import torch
from checks_helpers import expect, expect_pass

# ------------------------------------------------------------------------------- 08.matched_random_directions


def directions_by_rescaling(direction: torch.Tensor, n: int, seed: int = 0) -> torch.Tensor:
    """Correct, written differently: the same seeded draw, rescaled with F.normalize."""
    gaussian = torch.randn(n, direction.shape[-1], generator=torch.Generator().manual_seed(seed))
    rows = torch.nn.functional.normalize(gaussian, dim=-1) * direction.float().norm()
    return rows.to(direction.dtype)


def test_matched_random_directions() -> None:
    ex = "08.matched_random_directions"
    expect_pass(ex, directions_by_rescaling)
    unit = lambda direction, n, seed=0: torch.nn.functional.normalize(
        torch.randn(n, direction.shape[-1], generator=torch.Generator().manual_seed(seed)), dim=-1
    ).to(direction.dtype)
    expect(ex, unit, "alternative", "unit vectors")
    global_rng = lambda direction, n, seed=0: directions_by_rescaling(direction, n, seed + 1)
    expect(ex, global_rng, "wrong_values", "wrong values")  # another seed: not reproducible from `seed`
    float32 = lambda direction, n, seed=0: directions_by_rescaling(direction, n, seed).float()
    expect(ex, float32, "wrong_dtype", "expected torch.float64")
    one = lambda direction, n, seed=0: directions_by_rescaling(direction, n, seed)[0]
    expect(ex, one, "wrong_shape", "got (16,), expected (5, 16)")


# ------------------------------------------------------------------------------------------ 08.answer_rate


def rate_by_tokens(completions: list[str], word: str) -> float:
    """Correct, written differently: split into words, compare lower-cased words."""
    hits = [word.lower() in re.findall(r"\w+", text.lower()) for text in completions]
    return sum(hits) / len(hits)


def test_answer_rate() -> None:
    ex = "08.answer_rate"
    expect_pass(ex, rate_by_tokens)
    substring = lambda completions, word: sum(word in t.lower() for t in completions) / len(completions)
    result = expect(ex, substring, "alternative", "you matched substrings")
    assert result.message.startswith("got 0.8, expected 0.6 (tolerance")
    assert "completions=[5 texts: 'Positive.', ...], word='positive'" in result.message
    sensitive = lambda completions, word: (
        sum(bool(re.search(rf"\b{word}\b", t)) for t in completions) / len(completions)
    )
    expect(ex, sensitive, "alternative", "case-sensitively")
    count = lambda completions, word: sum(word in re.findall(r"\w+", t.lower()) for t in completions)
    expect(ex, count, "wrong_values", "a count or sum where a fraction or mean is expected (divide by 5)")
    missed = lambda completions, word: 1 - rate_by_tokens(completions, word)
    expect(ex, missed, "wrong_values", "1 - expected")


# --------------------------------------------------------------------------------------- 08.control_z_score


def z_by_statistics(effect: float, control_effects: torch.Tensor) -> float:
    """Correct, written differently: the statistics module (sample standard deviation)."""
    controls = [float(c) for c in control_effects.double()]
    return (effect - statistics.mean(controls)) / statistics.stdev(controls)


def test_control_z_score() -> None:
    ex = "08.control_z_score"
    expect_pass(ex, z_by_statistics)
    population = lambda effect, control_effects: (
        (effect - statistics.mean(map(float, control_effects)))
        / (statistics.pstdev(map(float, control_effects.double())))
    )
    result = expect(ex, population, "alternative", "population standard deviation")
    assert result.message.startswith("got ") and "expected " in result.message
    gap = lambda effect, control_effects: effect - float(control_effects.double().mean())
    expect(ex, gap, "alternative", "plain difference")
    variance = lambda effect, control_effects: (
        (effect - float(control_effects.double().mean())) / float(control_effects.double().var())
    )
    expect(ex, variance, "wrong_values", "got ")
    as_tensor = lambda effect, control_effects: torch.tensor(z_by_statistics(effect, control_effects))
    expect(ex, as_tensor, "wrong_type", "use .item()")
