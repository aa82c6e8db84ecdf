"""Chapter 03 (projection analysis): checked exercises. References live in `course_utils.probing`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import probing
from course_utils.exercises.registry import Case, Exercise, register

D_MODEL = 12


def _randn(*shape: int, scale: float = 1.0) -> torch.Tensor:
    """Gaussian test activations with a per-row norm that varies (so 'forgot to divide by ||x||' shows)."""
    return scale * torch.randn(*shape) * torch.rand(*shape[:-1], 1).add(0.5)


def _cosine_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(acts=_randn(7, D_MODEL, scale=4.0), direction=3.0 * torch.randn(D_MODEL)),
        dict(acts=_randn(3, 5, D_MODEL, scale=10.0), direction=0.2 * torch.randn(D_MODEL)),
    ]


def _matrix_cases(ctx: Mapping[str, Any]) -> list[Case]:
    scales = torch.arange(1, 7, dtype=torch.float32)[:, None]  # directions of different lengths, like layers
    return [dict(directions=torch.randn(6, D_MODEL) * scales), dict(directions=torch.randn(3, D_MODEL) * 5.0)]


def _separation_cases(ctx: Mapping[str, Any]) -> list[Case]:
    labels = torch.arange(20) % 2
    shift = torch.randn(D_MODEL)
    acts = torch.randn(20, D_MODEL) + labels[:, None] * shift + 2.0
    per_position = torch.randn(20, 3, D_MODEL) + labels[:, None, None] * torch.randn(3, D_MODEL) + 1.0
    return [
        dict(acts=acts, labels=labels, direction=2.0 * shift),
        dict(acts=per_position, labels=labels, direction=torch.randn(3, D_MODEL)),
    ]


def _unit(t: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return t / t.norm(dim=dim, keepdim=True)


def _projections(acts: torch.Tensor, direction: torch.Tensor) -> torch.Tensor:
    return (acts * _unit(direction)).sum(dim=-1)


def _separation_with(
    acts: torch.Tensor, labels: torch.Tensor, direction: torch.Tensor, spread: str
) -> torch.Tensor:
    """Mistaken versions of Cohen's d: `spread` names what the learner divided by."""
    proj = _projections(acts, direction)
    pos, neg = proj[labels == 1], proj[labels == 0]
    gap = pos.mean(dim=0) - neg.mean(dim=0)
    pooled_var = (pos.var(dim=0) + neg.var(dim=0)) / 2
    return {
        "all": gap / proj.std(dim=0),
        "variance": gap / pooled_var,
        "none": gap,
        "biased": gap / ((pos.var(dim=0, unbiased=False) + neg.var(dim=0, unbiased=False)) / 2).sqrt(),
    }[spread]


register(
    Exercise(
        id="03.cosine_similarity",
        reference=probing.cosine_similarity,
        title="Cosine similarity with a direction",
        difficulty=1,
        importance=4,
        minutes=8,
        hints=(
            "A cosine does not care about the length of either vector.",
            "Project each row on the unit direction (dot with direction / ||direction||), then divide by each row's own norm.",
        ),
        cases=_cosine_cases,
        alternatives={
            "you did not divide by ||x||: that is the scalar projection x . r_hat, not a cosine": (
                lambda acts, direction: acts @ _unit(direction)
            ),
            "you did not normalise the direction: divide by ||r|| as well": (
                lambda acts, direction: acts @ direction / acts.norm(dim=-1)
            ),
            "you computed the raw dot product x . r: divide by ||x|| and by ||r||": (
                lambda acts, direction: acts @ direction
            ),
        },
    )
)

register(
    Exercise(
        id="03.cosine_similarity_matrix",
        reference=probing.cosine_similarity_matrix,
        title="Cosine similarity between the directions of different layers",
        difficulty=2,
        importance=3,
        minutes=8,
        hints=(
            "If every row had length 1, the matrix of all dot products would be the cosines.",
            "Normalise each ROW to unit length (over the last dim), then multiply the matrix by its own transpose.",
        ),
        cases=_matrix_cases,
        alternatives={
            "you did not normalise the rows: that is the matrix of dot products r_i . r_j": (
                lambda directions: directions @ directions.T
            ),
            "you normalised along the wrong axis (each column, dim=0) instead of each row (dim=-1)": (
                lambda directions: _unit(directions, dim=0) @ _unit(directions, dim=0).T
            ),
        },
    )
)

register(
    Exercise(
        id="03.separation",
        reference=probing.separation,
        title="How many standard deviations apart? (Cohen's d)",
        difficulty=2,
        importance=4,
        minutes=12,
        hints=(
            "Cohen's d is a gap between class means measured in units of the within-class spread.",
            "Project on the unit direction; subtract the class-0 mean projection from the class-1 one; divide by the square root of the average of the two unbiased class variances (all over dim 0).",
        ),
        cases=_separation_cases,
        alternatives={
            "you divided by the spread of all projections together; use the within-class (pooled) spread": (
                lambda acts, labels, direction: _separation_with(acts, labels, direction, "all")
            ),
            "you divided by the pooled variance; take its square root (a standard deviation)": (
                lambda acts, labels, direction: _separation_with(acts, labels, direction, "variance")
            ),
            "you returned the raw gap of the class means; divide it by the pooled standard deviation": (
                lambda acts, labels, direction: _separation_with(acts, labels, direction, "none")
            ),
            "you used biased variances (unbiased=False); use the default unbiased ones": (
                lambda acts, labels, direction: _separation_with(acts, labels, direction, "biased")
            ),
        },
        atol=1e-4,
    )
)
