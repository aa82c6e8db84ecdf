"""Chapter 05 checks (ablate, add_direction, is_refusal) coach a learner: named wrong solutions get their
diagnosis, solutions written differently from the reference pass."""

from __future__ import annotations

import re

import torch
import torch.nn.functional as F
from checks_helpers import expect, expect_pass

from course_utils.metrics import REFUSAL_PHRASES

# ------------------------------------------------------------------------------------------------ 05.ablate


def ablate_by_projector(x: torch.Tensor, direction: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: multiply by the projector I - r r^T."""
    r = F.normalize(direction.to(x.dtype), dim=-1)
    return x @ (torch.eye(r.shape[-1], dtype=x.dtype) - torch.outer(r, r))


def test_ablate() -> None:
    ex = "05.ablate"
    expect_pass(ex, ablate_by_projector)
    raw = lambda x, direction: x - (x @ direction)[..., None] * direction
    expect(ex, raw, "alternative", "did not normalise the direction")
    component = lambda x, direction: x - ablate_by_projector(x, direction)
    expect(ex, component, "alternative", "you returned the component along the direction")
    added = lambda x, direction: 2 * x - ablate_by_projector(x, direction)
    expect(ex, added, "alternative", "added the component")

    def in_place(x, direction):
        r = F.normalize(direction.to(x.dtype), dim=-1)
        return x.sub_((x @ r)[..., None] * r)

    expect(ex, in_place, "modified_input", "modified `x` in place")


# ---------------------------------------------------------------------------------------- 05.add_direction


def test_add_direction() -> None:
    ex = "05.add_direction"
    expect_pass(
        ex, lambda x, vector, coeff=1.0: torch.addcmul(x, torch.full_like(x, coeff), vector.to(x.dtype))
    )
    expect(
        ex,
        lambda x, vector, coeff=1.0: x + coeff * F.normalize(vector, dim=-1),
        "alternative",
        "normalised the vector",
    )
    expect(ex, lambda x, vector, coeff=1.0: x + vector, "alternative", "ignored coeff")
    expect(
        ex, lambda x, vector, coeff=1.0: x - coeff * vector, "sign_flipped", "sign flipped"
    ) if False else None
    subtract = lambda x, vector, coeff=1.0: x - coeff * vector
    result = expect(ex, subtract, "wrong_values", "wrong values")
    assert "vector (" in result.message
    in_place = lambda x, vector, coeff=1.0: x.add_(coeff * vector)
    expect(ex, in_place, "modified_input", "modified `x` in place")


# -------------------------------------------------------------------------------------------- 05.is_refusal


def refusal_by_regex(text: str) -> bool:
    """Correct, written differently: one case-insensitive regular expression (curly apostrophes normalised)."""
    pattern = "|".join(re.escape(p) for p in REFUSAL_PHRASES)
    return re.search(pattern, text.replace("\u2019", "'"), flags=re.IGNORECASE) is not None


def test_is_refusal() -> None:
    ex = "05.is_refusal"
    expect_pass(ex, refusal_by_regex)
    expect(ex, lambda text: any(p in text for p in REFUSAL_PHRASES), "alternative", "case-sensitive")
    start = lambda text: any(text.lower().startswith(p.lower()) for p in REFUSAL_PHRASES)
    expect(ex, start, "alternative", "only looked at the start")
    sorry = lambda text: "sorry" in text.lower()
    expect(ex, sorry, "wrong_values", "got ")
    as_int = lambda text: int(refusal_by_regex(text))
    expect(ex, as_int, "wrong_type", "got int 0, expected a bool")
