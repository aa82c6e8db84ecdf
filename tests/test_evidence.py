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
