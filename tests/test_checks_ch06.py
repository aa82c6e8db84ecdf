"""Chapter 06 checks (orthogonalizing a matrix, an embedding, a bias) coach a learner: named wrong solutions get
their diagnosis, solutions written differently from the reference pass."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from checks_helpers import expect, expect_pass


def _projector(direction: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    r = F.normalize(direction.to(dtype), dim=0)
    return torch.eye(r.shape[0], dtype=dtype) - torch.outer(r, r)


# ------------------------------------------------------------------------------------ 06.orthogonalize_matrix


def test_orthogonalize_matrix() -> None:
    ex = "06.orthogonalize_matrix"
    expect_pass(ex, lambda W, direction: _projector(direction, W.dtype) @ W)  # (I - r r^T) W
    expect(
        ex, lambda W, direction: W - torch.outer(direction, direction @ W), "alternative", "did not normalise"
    )
    along = lambda W, direction: W - _projector(direction, W.dtype) @ W
    expect(ex, along, "alternative", "you returned the part of W along r_hat")
    rows = lambda W, direction: W @ _projector(direction, W.dtype)
    expect(ex, rows, "alternative", "you projected the rows")  # case 1 is square: the wrong side is named
    in_place = lambda W, direction: W.copy_(_projector(direction, W.dtype) @ W)
    expect(ex, in_place, "modified_input", "modified `W` in place")


# --------------------------------------------------------------------------------- 06.orthogonalize_embedding


def test_orthogonalize_embedding() -> None:
    ex = "06.orthogonalize_embedding"
    expect_pass(
        ex, lambda W_E, direction: W_E @ _projector(direction, W_E.dtype)
    )  # each row times (I - r r^T)
    raw = lambda W_E, direction: W_E - torch.outer(W_E @ direction, direction)
    expect(ex, raw, "alternative", "did not normalise")
    along = lambda W_E, direction: W_E - W_E @ _projector(direction, W_E.dtype)
    expect(ex, along, "alternative", "you returned the part of W_E along r_hat")
    columns = lambda W_E, direction: _projector(direction, W_E.dtype) @ W_E
    expect(ex, columns, "alternative", "you projected the columns")  # square case first
    transposed = lambda W_E, direction: (W_E @ _projector(direction, W_E.dtype)).T
    expect(ex, transposed, "transposed", "the transpose of the expected one")


# ------------------------------------------------------------------------------------- 06.orthogonalize_bias


def test_orthogonalize_bias() -> None:
    ex = "06.orthogonalize_bias"
    expect_pass(ex, lambda b, direction: _projector(direction, b.dtype) @ b)
    raw = lambda b, direction: b - (b @ direction) * direction
    expect(ex, raw, "alternative", "did not normalise")
    along = lambda b, direction: b - _projector(direction, b.dtype) @ b
    expect(ex, along, "alternative", "you returned the part of b along r_hat")
    matrix = lambda b, direction: (_projector(direction, b.dtype) @ b)[:, None]
    expect(ex, matrix, "wrong_shape", "wrong shape: got (12, 1), expected (12,)")
    in_place = lambda b, direction: b.sub_(
        (b @ F.normalize(direction, dim=0)) * F.normalize(direction, dim=0)
    )
    expect(ex, in_place, "modified_input", "modified `b` in place")
