"""Chapter 06 exercises (weight orthogonalization): the checks accept right answers written differently, and name
the typical mistakes."""

from __future__ import annotations

import pytest
import torch

from course_utils.exercises import check, get

CHAPTER_06 = ["06.orthogonalize_matrix", "06.orthogonalize_embedding", "06.orthogonalize_bias"]


def _projector(direction: torch.Tensor) -> torch.Tensor:
    """P = I - r_hat r_hat^T in float64, built independently of the library."""
    r = direction.double() / direction.double().norm()
    return torch.eye(len(r), dtype=torch.float64) - torch.outer(r, r)


# Right answers written another way than the references: an explicit projector matrix in float64.
INDEPENDENT = {
    "06.orthogonalize_matrix": lambda W, direction: (_projector(direction) @ W.double()).to(W.dtype),
    "06.orthogonalize_embedding": lambda W_E, direction: (W_E.double() @ _projector(direction)).to(W_E.dtype),
    "06.orthogonalize_bias": lambda b, direction: (_projector(direction) @ b.double()).to(b.dtype),
}


@pytest.mark.parametrize("exercise_id", CHAPTER_06)
def test_reference_and_an_independent_solution_pass(exercise_id, capsys):
    exercise = get(exercise_id)
    assert check(exercise_id, exercise.reference).passed
    assert check(exercise_id, INDEPENDENT[exercise_id]).passed


@pytest.mark.parametrize("exercise_id", CHAPTER_06)
def test_each_named_mistake_is_diagnosed_by_name(exercise_id, capsys):
    exercise = get(exercise_id)
    assert len(exercise.alternatives) >= 2, "every exercise names its typical mistakes"
    for name, mistake in exercise.alternatives.items():
        result = check(exercise_id, mistake)
        assert (result.status, result.message.split(" [case")[0]) == ("alternative", name)


@pytest.mark.parametrize("exercise_id", CHAPTER_06)
def test_a_stub_is_not_attempted_and_an_identity_is_wrong(exercise_id, capsys):
    def stub(**kwargs):
        raise NotImplementedError

    assert check(exercise_id, stub).status == "not_attempted"
    identity = lambda **kwargs: next(iter(kwargs.values())).clone()  # returns the weight unchanged
    assert not check(exercise_id, identity).passed


def test_the_result_has_no_component_along_the_direction():
    """The invariant behind all three exercises, on every case: r_hat . (each written vector) = 0."""
    for exercise_id, written in [
        ("06.orthogonalize_matrix", lambda out: out.T),  # columns of [d_out, d_in]
        ("06.orthogonalize_embedding", lambda out: out),  # rows of [d_vocab, d_model]
        ("06.orthogonalize_bias", lambda out: out[None]),
    ]:
        exercise = get(exercise_id)
        for case in exercise.cases({}):
            r_hat = case["direction"] / case["direction"].norm()
            out = exercise.reference(**case)
            assert (written(out) @ r_hat).abs().max() < 1e-5, exercise_id
