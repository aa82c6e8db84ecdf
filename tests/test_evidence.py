"""Evidence helpers (course_utils.evidence) against independent computations, and the ch08 exercises."""

from __future__ import annotations

import math
import statistics

import pytest
import torch

from course_utils.evidence import answer_rate, control_z_score, matched_random_directions


def test_matched_random_directions_have_the_norm_and_are_seeded():
    direction = torch.randn(32, dtype=torch.float64) * 4.0
    rows = matched_random_directions(direction, 6, seed=3)
    assert rows.shape == (6, 32) and rows.dtype == torch.float64
    assert torch.allclose(rows.norm(dim=-1), direction.norm().expand(6), rtol=1e-6)
    assert torch.equal(rows, matched_random_directions(direction, 6, seed=3))
    assert not torch.allclose(rows, matched_random_directions(direction, 6, seed=4))
    cosines = (rows / rows.norm(dim=-1, keepdim=True)) @ (direction / direction.norm())
    assert cosines.abs().max() < 0.8  # random, not aligned with the direction


def test_answer_rate_matches_whole_words_case_insensitively():
    answers = ["Positive.", "The review is POSITIVE", "positively", "negative", "nonpositive"]
    assert answer_rate(answers, "positive") == pytest.approx(2 / 5)
    with pytest.raises(ValueError, match="empty"):
        answer_rate([], "positive")


def test_control_z_score_equals_statistics_module():
    controls = [0.1, 0.3, 0.2, 0.25]
    expected = (0.9 - statistics.mean(controls)) / statistics.stdev(controls)
    assert control_z_score(0.9, torch.tensor(controls)) == pytest.approx(expected)
    assert control_z_score(0.5, torch.tensor([0.5, 0.5])) == 0.0
    assert control_z_score(0.7, torch.tensor([0.5, 0.5])) == math.inf
    # Identical float32 controls: the Python float 0.04 equals them to float32 precision (not a -inf z).
    assert control_z_score(0.04, torch.tensor([0.04, 0.04, 0.04])) == 0.0
    assert control_z_score(0.05, torch.tensor([0.04, 0.04, 0.04])) == math.inf
    with pytest.raises(ValueError, match="at least 2"):
        control_z_score(1.0, torch.tensor([0.3]))


@pytest.mark.parametrize(
    "exercise_id", ["08.matched_random_directions", "08.answer_rate", "08.control_z_score"]
)
def test_ch08_exercises_pass_the_reference_and_name_each_mistake(exercise_id):
    from course_utils.exercises.checking import _run
    from course_utils.exercises.registry import get

    exercise = get(exercise_id)
    assert _run(exercise, exercise.reference, {}).status == "passed"
    for name, mistake in exercise.alternatives.items():
        result = _run(exercise, mistake, {})
        assert result.status == "alternative" and name in result.message, (name, result.message)


# ---------------------------------------------------------------------------------------------------------------
# Capstone statistics: rank p-values and bootstrap intervals
# ---------------------------------------------------------------------------------------------------------------
from course_utils.evidence import bootstrap_ci, rank_p_value  # noqa: E402


def _p_by_loop(effect, controls, alternative="greater"):
    """p = (1 + #controls at least as extreme) / (n + 1), counted in plain Python."""
    extreme = [c >= effect if alternative == "greater" else c <= effect for c in controls]
    return (1 + sum(extreme)) / (len(controls) + 1)


def test_rank_p_value_equals_the_counting_formula():
    gen = torch.Generator().manual_seed(0)
    for _ in range(20):
        controls = torch.randint(0, 5, (21,), generator=gen).double() / 4  # many ties
        effect = float(torch.randint(0, 5, (1,), generator=gen)) / 4
        for side in ("greater", "less"):
            assert rank_p_value(effect, controls, side) == _p_by_loop(effect, controls.tolist(), side)
    assert rank_p_value(10.0, torch.zeros(19)) == pytest.approx(1 / 20)  # the smallest possible p with 19
    assert rank_p_value(-10.0, torch.zeros(19)) == 1.0
    with pytest.raises(ValueError, match="alternative"):
        rank_p_value(0.0, torch.zeros(3), "two-sided")


def test_rank_p_value_is_uniform_when_the_effect_is_one_more_control():
    """Under the null (effect exchangeable with the controls), P(p <= 0.05) = 1/20 exactly with 19 controls."""
    gen = torch.Generator().manual_seed(1)
    draws = torch.randn(4000, 20, generator=gen)
    ps = torch.tensor([rank_p_value(float(row[0]), row[1:]) for row in draws])
    assert abs(float((ps <= 0.05).double().mean()) - 0.05) < 0.012  # binomial sd ~ 0.0034


def test_bootstrap_ci_equals_an_independent_numpy_computation():
    import numpy as np

    values = torch.randn(30, dtype=torch.float64) + 1.0
    idx = torch.randint(30, (500, 30), generator=torch.Generator().manual_seed(7)).numpy()
    means = values.numpy()[idx].mean(axis=1)
    expected = np.percentile(means, [5.0, 95.0])  # numpy's default is linear interpolation, as torch.quantile
    assert bootstrap_ci(values, n_boot=500, level=0.9, seed=7) == pytest.approx(tuple(expected), abs=1e-12)


def test_bootstrap_ci_of_a_normal_sample_approaches_the_normal_interval():
    values = torch.randn(400, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    low, high = bootstrap_ci(values, n_boot=4000)
    half = 1.96 * float(values.std()) / 20
    assert low == pytest.approx(float(values.mean()) - half, abs=0.2 * half)
    assert high == pytest.approx(float(values.mean()) + half, abs=0.2 * half)
    with pytest.raises(ValueError, match="1-D"):
        bootstrap_ci(torch.zeros(1))


def _wrong_p_no_plus_one(effect, control_effects, alternative="greater"):
    c = control_effects.tolist()
    return sum((x >= effect if alternative == "greater" else x <= effect) for x in c) / len(c)


def _wrong_p_strict(effect, control_effects, alternative="greater"):
    c = control_effects.tolist()
    return (1 + sum((x > effect if alternative == "greater" else x < effect) for x in c)) / (len(c) + 1)


def _wrong_p_greater_only(effect, control_effects, alternative="greater"):
    return (1 + int((control_effects >= effect).sum())) / (len(control_effects) + 1)


def _wrong_p_wrong_side(effect, control_effects, alternative="greater"):
    return _p_by_loop(effect, control_effects.tolist(), "less" if alternative == "greater" else "greater")


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
    from course_utils.exercises import check

    result = check(exercise_id, wrong)
    assert result.status == "alternative" and diagnosis in result.message, result.message


@pytest.mark.parametrize(
    ("exercise_id", "right"), [("08.rank_p_value", _right_p_sorted), ("08.bootstrap_ci", _right_ci_loop)]
)
def test_capstone_statistics_accept_a_solution_written_differently(exercise_id, right, capsys):
    from course_utils.exercises import check

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
    from course_utils.exercises import check

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
    from course_utils.exercises import check

    result = check("08.shuffled_label_accuracies", lambda **c: _learner_shuffled(**c, mistake=mistake))
    assert result.status == "alternative" and diagnosis in result.message, result.message


def test_shuffled_label_control_is_near_chance_and_below_a_real_signal():
    from course_utils.evidence import shuffled_label_accuracies

    gen = torch.Generator().manual_seed(3)
    y_train, y_test = torch.randint(0, 2, (200,), generator=gen), torch.randint(0, 2, (200,), generator=gen)
    x_train, x_test = torch.randn(200, 2, 16, generator=gen), torch.randn(200, 2, 16, generator=gen)
    x_train[:, 1, 0] += 2.5 * y_train
    x_test[:, 1, 0] += 2.5 * y_test
    control = shuffled_label_accuracies(x_train, y_train, x_test, y_test, n=20, seed=0)
    assert control.shape == (20,) and abs(float(control.mean()) - 0.5) < 0.08
    real = float(((x_test[:, 1, 0] > 1.25).long() == y_test).double().mean())
    assert real > control.max() + 0.2
