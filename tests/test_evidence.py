"""Evidence helpers (course_utils.evidence) against independent computations (chapter 08's exercise checks are in
tests/test_checks_ch08.py)."""

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
