"""Chapter 08 checks (matched random directions, answer rate, z-score against controls, rank p-values, bootstrap
intervals, the shuffled-label control) coach a learner: named wrong solutions get their diagnosis (with the scalar
message), solutions written differently pass."""

from __future__ import annotations

import re
import statistics

import pytest
import torch
from checks_helpers import assert_mistakes_named, expect, expect_pass

from course_utils.exercises import check, get

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


# ---------------------------------------------------------------------------------------------------------------
# Capstone statistics: rank p-values and bootstrap intervals
# ---------------------------------------------------------------------------------------------------------------
def _wrong_p_no_plus_one(effect, control_effects, alternative="greater"):
    c = control_effects.tolist()
    return sum((x >= effect if alternative == "greater" else x <= effect) for x in c) / len(c)


def _wrong_p_strict(effect, control_effects, alternative="greater"):
    c = control_effects.tolist()
    return (1 + sum((x > effect if alternative == "greater" else x < effect) for x in c)) / (len(c) + 1)


def _wrong_p_greater_only(effect, control_effects, alternative="greater"):
    return (1 + int((control_effects >= effect).sum())) / (len(control_effects) + 1)


def _right_p_sorted(effect, control_effects, alternative="greater"):
    """Right, written differently: from the sorted controls with searchsorted."""
    c = torch.sort(control_effects.double()).values
    e = torch.tensor([effect], dtype=torch.float64)
    n = len(c)
    if alternative == "greater":
        at_least = n - int(torch.searchsorted(c, e, right=False))
    else:
        at_least = int(torch.searchsorted(c, e, right=True))
    return (at_least + 1) / (n + 1)


def _wrong_p_wrong_side(effect, control_effects, alternative="greater"):
    """The right p-value of the other side."""
    return _right_p_sorted(effect, control_effects, "less" if alternative == "greater" else "greater")


def _wrong_ci_values(values, n_boot=1000, level=0.95, seed=0):
    a = 1 - level
    q = torch.quantile(values.double(), torch.tensor([a / 2, 1 - a / 2], dtype=torch.float64))
    return float(q[0]), float(q[1])


def _wrong_ci_one_sided(values, n_boot=1000, level=0.95, seed=0):
    idx = torch.randint(len(values), (n_boot, len(values)), generator=torch.Generator().manual_seed(seed))
    means = values.double()[idx].mean(1)
    q = torch.quantile(means, torch.tensor([1 - level, level], dtype=torch.float64))
    return float(q[0]), float(q[1])


def _wrong_ci_permutations(values, n_boot=1000, level=0.95, seed=0):
    m = float(values.double().mean())
    return m, m


def _right_ci_loop(values, n_boot=1000, level=0.95, seed=0):
    """Right, written differently: one resample per loop iteration (same draws in the same order), numpy quantiles."""
    import numpy as np

    gen = torch.Generator().manual_seed(seed)
    means = [
        float(values.double()[torch.randint(len(values), (len(values),), generator=gen)].mean())
        for _ in range(n_boot)
    ]
    low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


@pytest.mark.parametrize(
    ("exercise_id", "wrong", "diagnosis"),
    [
        ("08.rank_p_value", _wrong_p_no_plus_one, "you left out the +1s"),
        ("08.rank_p_value", _wrong_p_strict, "ties:"),
        ("08.rank_p_value", _wrong_p_greater_only, "you ignored `alternative`"),
        ("08.rank_p_value", _wrong_p_wrong_side, "you counted the controls on the wrong side"),
        ("08.bootstrap_ci", _wrong_ci_values, "you took the interval of the values themselves"),
        ("08.bootstrap_ci", _wrong_ci_one_sided, "your quantiles are one-sided"),
        ("08.bootstrap_ci", _wrong_ci_permutations, "you resampled WITHOUT replacement"),
    ],
)
def test_capstone_statistics_name_each_wrong_solution(exercise_id, wrong, diagnosis, capsys):
    result = check(exercise_id, wrong)
    assert result.status == "alternative" and diagnosis in result.message, result.message


@pytest.mark.parametrize(
    ("exercise_id", "right"), [("08.rank_p_value", _right_p_sorted), ("08.bootstrap_ci", _right_ci_loop)]
)
def test_capstone_statistics_accept_a_solution_written_differently(exercise_id, right, capsys):
    assert check(exercise_id, right).passed


# ---------------------------------------------------------------------------------------------------------------
# The shuffled-label control
# ---------------------------------------------------------------------------------------------------------------
def _learner_shuffled(train_acts, train_labels, test_acts, test_labels, n=20, seed=0, *, mistake=None):
    """A learner's version: a loop with the accuracy written by hand (midpoint threshold) at every layer."""
    gen = torch.Generator().manual_seed(seed)
    labels, n_train = torch.cat([train_labels, test_labels]), len(train_labels)
    out = []
    for _ in range(n):
        if mistake == "reseed":
            gen = torch.Generator().manual_seed(seed)
        if mistake == "train only":
            fit, truth = train_labels[torch.randperm(n_train, generator=gen)], test_labels
        else:
            perm = labels[torch.randperm(len(labels), generator=gen)]
            fit, truth = perm[:n_train], perm[n_train:]
        accs = []
        for layer in range(train_acts.shape[1]):
            x = train_acts[:, layer].double()
            mu0, mu1 = x[fit == 0].mean(0), x[fit == 1].mean(0)
            r = (mu1 - mu0) / (mu1 - mu0).norm()
            t = (mu0 @ r + mu1 @ r) / 2
            pred = (test_acts[:, layer].double() @ r > t).long()
            accs.append(float((pred == truth).double().mean()))
        out.append(accs[1] if mistake == "fixed layer" else max(accs))
    return torch.tensor(out, dtype=torch.float64)


def test_shuffled_label_accuracies_accepts_a_hand_written_fit(capsys):
    assert check("08.shuffled_label_accuracies", _learner_shuffled).passed


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ("reseed", "every round used the same permutation"),
        ("train only", "you shuffled only the training labels"),
        ("fixed layer", "you used the real direction's layer"),
    ],
)
def test_shuffled_label_accuracies_names_each_wrong_solution(mistake, diagnosis, capsys):
    result = check("08.shuffled_label_accuracies", lambda **c: _learner_shuffled(**c, mistake=mistake))
    assert result.status == "alternative" and diagnosis in result.message, result.message


# ------------------------------------------------------------------------------------------ every exercise


@pytest.mark.parametrize(
    "exercise_id", ["08.matched_random_directions", "08.answer_rate", "08.control_z_score"]
)
def test_ch08_exercises_pass_the_reference_and_name_each_mistake(exercise_id):
    expect_pass(exercise_id, get(exercise_id).reference)
    assert_mistakes_named(exercise_id, at_least=0, exact=False)
