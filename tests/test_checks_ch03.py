"""Chapter 03 checks coach a learner: named wrong solutions get their diagnosis, solutions written differently
from the reference pass."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from checks_helpers import assert_mistakes_named, expect, expect_pass

from course_utils.exercises import get

# ------------------------------------------------------------------------------------ 03.cosine_similarity


def cosine_builtin(acts: torch.Tensor, direction: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: torch's own cosine similarity, broadcasting the direction."""
    return F.cosine_similarity(acts, direction.expand_as(acts), dim=-1)


def test_cosine_similarity() -> None:
    ex = "03.cosine_similarity"
    expect_pass(ex, cosine_builtin)
    projection = lambda acts, direction: acts @ (direction / direction.norm())
    expect(ex, projection, "alternative", "that is the scalar projection")
    unnormalised = lambda acts, direction: acts @ direction / acts.norm(dim=-1)
    expect(ex, unnormalised, "alternative", "did not normalise the direction")
    dot = lambda acts, direction: acts @ direction
    expect(ex, dot, "alternative", "raw dot product")
    angle = lambda acts, direction: torch.arccos(cosine_builtin(acts, direction))
    expect(ex, angle, "wrong_values", "wrong values")
    keepdim = lambda acts, direction: cosine_builtin(acts, direction)[..., None]
    result = expect(ex, keepdim, "wrong_shape", "got (7, 1), expected (7,)")
    assert "acts (7, 12) float32, direction (12,) float32" in result.message


# ----------------------------------------------------------------------------- 03.cosine_similarity_matrix


def matrix_pairwise(directions: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: pairwise cosine by broadcasting [n, 1, d] against [1, n, d]."""
    return F.cosine_similarity(directions[:, None, :], directions[None, :, :], dim=-1)


def test_cosine_similarity_matrix() -> None:
    ex = "03.cosine_similarity_matrix"
    expect_pass(ex, matrix_pairwise)
    dots = lambda directions: directions @ directions.T
    expect(ex, dots, "alternative", "matrix of dot products")
    columns = lambda directions: F.normalize(directions, dim=0) @ F.normalize(directions, dim=0).T
    expect(ex, columns, "alternative", "wrong axis (each column, dim=0)")
    transposed = lambda directions: F.normalize(directions, dim=-1).T @ F.normalize(directions, dim=-1)
    expect(ex, transposed, "wrong_shape", "got (12, 12), expected (6, 6)")
    one_row = lambda directions: F.cosine_similarity(directions, directions[:1], dim=-1)
    expect(ex, one_row, "wrong_shape", "wrong shape")


# ----------------------------------------------------------------------------------------- 03.separation


def cohens_d(acts: torch.Tensor, labels: torch.Tensor, direction: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: torch.var_mean per class, the unit direction by F.normalize."""
    proj = (acts * F.normalize(direction, dim=-1)).sum(-1)
    var1, mean1 = torch.var_mean(proj[labels == 1], dim=0)
    var0, mean0 = torch.var_mean(proj[labels == 0], dim=0)
    return (mean1 - mean0) / torch.sqrt((var1 + var0) / 2)


def _parts(acts, labels, direction):
    proj = (acts * F.normalize(direction, dim=-1)).sum(-1)
    return proj[labels == 1], proj[labels == 0], proj


def test_separation() -> None:
    ex = "03.separation"
    expect_pass(ex, cohens_d)

    def all_std(acts, labels, direction):
        pos, neg, proj = _parts(acts, labels, direction)
        return (pos.mean(0) - neg.mean(0)) / proj.std(0)

    expect(ex, all_std, "alternative", "spread of all projections together")

    def variance(acts, labels, direction):
        pos, neg, _ = _parts(acts, labels, direction)
        return (pos.mean(0) - neg.mean(0)) / ((pos.var(0) + neg.var(0)) / 2)

    expect(ex, variance, "alternative", "take its square root")

    def biased(acts, labels, direction):
        pos, neg, _ = _parts(acts, labels, direction)
        return (pos.mean(0) - neg.mean(0)) / (
            (pos.var(0, unbiased=False) + neg.var(0, unbiased=False)) / 2
        ).sqrt()

    expect(ex, biased, "alternative", "biased variances")

    def reversed_classes(acts, labels, direction):
        return -cohens_d(acts, labels, direction)

    expect(ex, reversed_classes, "sign_flipped", "sign flipped")

    def no_unit(acts, labels, direction):
        proj = (acts * direction).sum(-1)
        pos, neg = proj[labels == 1], proj[labels == 0]
        return (pos.mean(0) - neg.mean(0)) / torch.sqrt((pos.var(0) + neg.var(0)) / 2)

    expect_pass(ex, no_unit)  # Cohen's d does not depend on the length of r: not normalising is not a mistake


# ------------------------------------------------------------------------------------------ every exercise


@pytest.mark.parametrize(
    "exercise_id", ["03.cosine_similarity", "03.cosine_similarity_matrix", "03.separation"]
)
def test_reference_passes_and_each_named_mistake_is_diagnosed(exercise_id: str, capsys) -> None:
    expect_pass(exercise_id, get(exercise_id).reference)
    assert_mistakes_named(exercise_id, exact=False)
