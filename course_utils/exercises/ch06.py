"""Chapter 06 (weight orthogonalization): checked exercises. References live in `course_utils.interventions`.

The first case of each matrix exercise is square, so that projecting the wrong side of the matrix is *named* by
its diagnosis; the later cases are not square (the same mistake would be a shape error there). Directions are not
unit vectors, so a forgotten normalisation shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import interventions
from course_utils.exercises.registry import Case, Exercise, register

D_MODEL = 12


def _unit(direction: torch.Tensor) -> torch.Tensor:
    return direction / direction.norm()


def _matrix_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(W=torch.randn(D_MODEL, D_MODEL), direction=0.3 * torch.randn(D_MODEL)),
        dict(W=torch.randn(D_MODEL, 20), direction=3.0 * torch.randn(D_MODEL)),
        dict(W=torch.randn(D_MODEL, 5), direction=torch.randn(D_MODEL)),
    ]


def _embedding_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(W_E=torch.randn(D_MODEL, D_MODEL), direction=0.5 * torch.randn(D_MODEL)),
        dict(W_E=torch.randn(30, D_MODEL), direction=2.0 * torch.randn(D_MODEL)),
    ]


def _bias_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(b=torch.randn(D_MODEL), direction=4.0 * torch.randn(D_MODEL)),
        dict(b=torch.randn(D_MODEL) + 1.0, direction=0.2 * torch.randn(D_MODEL)),
    ]


def _left(W: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
    """W - r (r^T W): remove r from each column (r is used as given, normalised or not)."""
    return W - torch.outer(r, r @ W)


def _right(W: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
    """W - (W r) r^T: remove r from each row (r is used as given)."""
    return W - torch.outer(W @ r, r)


def _square(W: torch.Tensor) -> bool:
    """Projecting the wrong side of W is only a *named* mistake for square W (elsewhere it is a shape error)."""
    return W.shape[0] == W.shape[1]


register(
    Exercise(
        id="06.orthogonalize_matrix",
        reference=interventions.orthogonalize_matrix,
        title="Remove a direction from everything a matrix writes",
        difficulty=2,
        importance=5,
        minutes=10,
        hints=(
            "Each column of W is a vector written into the residual stream; remove its component along the unit direction.",
            "With the unit direction r, every column w loses (r . w) r; for all columns at once that is W minus an outer product of r with (r^T W).",
        ),
        cases=_matrix_cases,
        alternatives={
            "you did not normalise the direction: use r_hat = direction / direction.norm()": (
                lambda W, direction: _left(W, direction)
            ),
            "you returned the part of W along r_hat (r_hat r_hat^T W); subtract it from W instead": (
                lambda W, direction: W - _left(W, _unit(direction))
            ),
            "you projected the rows (W - (W r_hat) r_hat^T): an nn.Linear weight is [d_out, d_in] and its "
            "columns are what it writes, so multiply by (I - r_hat r_hat^T) from the left": (
                lambda W, direction: _right(W, _unit(direction)) if _square(W) else None
            ),
        },
    )
)

register(
    Exercise(
        id="06.orthogonalize_embedding",
        reference=interventions.orthogonalize_embedding,
        title="Remove a direction from the embedding",
        difficulty=2,
        importance=4,
        minutes=8,
        hints=(
            "In an embedding matrix the ROWS are what gets written into the stream.",
            "Transpose so the written vectors are columns, apply your column-wise orthogonalization, transpose back.",
        ),
        cases=_embedding_cases,
        alternatives={
            "you did not normalise the direction: use r_hat = direction / direction.norm()": (
                lambda W_E, direction: _right(W_E, direction)
            ),
            "you returned the part of W_E along r_hat; subtract it from W_E instead": (
                lambda W_E, direction: W_E - _right(W_E, _unit(direction))
            ),
            "you projected the columns, as for an nn.Linear weight: the embedding is stored [d_vocab, d_model] "
            "and each ROW is the vector written for one token": (
                lambda W_E, direction: _left(W_E, _unit(direction)) if _square(W_E) else None
            ),
        },
    )
)

register(
    Exercise(
        id="06.orthogonalize_bias",
        reference=interventions.orthogonalize_bias,
        title="Remove a direction from a bias",
        difficulty=1,
        importance=3,
        minutes=5,
        hints=(
            "A bias is a single vector written into the stream at every position.",
            "Remove its component along the unit direction, exactly as for one column of a matrix.",
        ),
        cases=_bias_cases,
        alternatives={
            "you did not normalise the direction: use r_hat = direction / direction.norm()": (
                lambda b, direction: b - (b @ direction) * direction
            ),
            "you returned the part of b along r_hat, (b . r_hat) r_hat; subtract it from b instead": (
                lambda b, direction: (b @ _unit(direction)) * _unit(direction)
            ),
        },
    )
)
