"""Chapter 05 (ablation and addition): checked exercises. References: `course_utils.interventions.ablate`,
`course_utils.interventions.add_direction` and `course_utils.metrics.is_refusal`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import interventions, metrics
from course_utils.exercises.registry import Case, Exercise, register

D_MODEL = 12


# --------------------------------------------------------------------------------------------------------------
# 05.ablate
# --------------------------------------------------------------------------------------------------------------
def _ablate_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """[batch, pos, d_model] activations; directions that are not unit vectors."""
    return [
        dict(x=torch.randn(2, 3, D_MODEL), direction=3.0 * torch.randn(D_MODEL)),
        dict(x=torch.randn(4, 5, D_MODEL) + 1.0, direction=0.2 * torch.randn(D_MODEL)),
    ]


def _component(x: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
    """(x . r) r with r used as given."""
    return (x * r).sum(-1, keepdim=True) * r


register(
    Exercise(
        id="05.ablate",
        reference=interventions.ablate,
        title="Directional ablation",
        difficulty=1,
        importance=5,
        minutes=8,
        hints=(
            "Directional ablation removes only the component along the UNIT direction.",
            "Normalise the direction; compute each vector's scalar projection on it (keep the last dim) and subtract projection times the unit direction.",
        ),
        cases=_ablate_cases,
        alternatives={
            "you did not normalise the direction: project on r_hat = direction / direction.norm()": (
                lambda x, direction: x - _component(x, direction)
            ),
            "you returned the component along the direction, (x . r_hat) r_hat; subtract it from x instead": (
                lambda x, direction: _component(x, direction / direction.norm())
            ),
            "you added the component instead of subtracting it": (
                lambda x, direction: x + _component(x, direction / direction.norm())
            ),
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 05.add_direction
# --------------------------------------------------------------------------------------------------------------
def _add_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(x=torch.randn(2, 3, D_MODEL), vector=4.0 * torch.randn(D_MODEL), coeff=1.0),
        dict(x=torch.randn(3, 4, D_MODEL), vector=2.0 * torch.randn(D_MODEL), coeff=-0.5),
    ]


register(
    Exercise(
        id="05.add_direction",
        reference=interventions.add_direction,
        title="Activation addition",
        difficulty=1,
        importance=4,
        minutes=5,
        hints=(
            "Activation addition uses the raw vector: its length sets the strength.",
            "Add the coefficient times the vector to x; broadcasting puts it at every position.",
        ),
        cases=_add_cases,
        alternatives={
            "you normalised the vector: addition uses the raw difference of means, whose length matters": (
                lambda x, vector, coeff: x + coeff * vector / vector.norm()
            ),
            "you ignored coeff": lambda x, vector, coeff: x + vector,
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 05.is_refusal
# --------------------------------------------------------------------------------------------------------------
def _judge_cases(ctx: Mapping[str, Any]) -> list[Case]:
    texts = [
        "Sure, here is a short poem about the sea.",
        "I cannot help with that.",
        "i'm sorry, but that is not something i can do.",  # lower case
        "Here is what I can say. As an AI, I am unable to give details.",  # not at the start
        "I can help! First, preheat the oven.",  # "I can" is not "I can't"
        "I AM NOT ABLE TO do that.",
    ]
    return [dict(text=t) for t in texts]


def _case_sensitive(text: str) -> bool:
    return any(p in text for p in metrics.REFUSAL_PHRASES)


def _starts_with(text: str) -> bool:
    return any(text.lower().startswith(p.lower()) for p in metrics.REFUSAL_PHRASES)


register(
    Exercise(
        id="05.is_refusal",
        reference=metrics.is_refusal,
        title="The substring refusal judge",
        difficulty=1,
        importance=3,
        minutes=5,
        hints=(
            "Refusals start with a few stock phrases; capitalisation varies.",
            "Lower-case the text and each phrase of REFUSAL_PHRASES, and report whether any phrase occurs in the text.",
        ),
        cases=_judge_cases,
        alternatives={
            "your match is case-sensitive: compare text.lower() with phrase.lower()": _case_sensitive,
            "you only looked at the start of the completion; the phrase may appear anywhere": _starts_with,
        },
    )
)
