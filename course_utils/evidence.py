"""Evidence for a linear-representation claim: controls and effect sizes (notebook 08, the capstone).

A claim "the model represents concept C along direction r" needs more than one number. The capstone collects:
classification by projection (does r separate the classes on held-out data?), causal effects (does ablating r
remove the model's use of C; does adding r push its behaviour?), specificity (how much else changes, e.g. the
next-token KL on unrelated prompts) and controls (the same measurements with random directions of the same norm).
This module holds the small pieces that turn measurements into evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import torch
from jaxtyping import Float
from torch import Tensor


def matched_random_directions(
    direction: Float[Tensor, " d_model"], n: int, seed: int = 0
) -> Float[Tensor, "n d_model"]:
    """n random directions with the same norm as `direction`: the control for every measurement.

    Draws g = torch.randn(n, d_model, generator=torch.Generator().manual_seed(seed)) (float32) and rescales each
    row to |direction|: rows g_i |r| / |g_i|. Returns [n, d_model] in the dtype of `direction`.
    """
    gaussian = torch.randn(n, direction.shape[-1], generator=torch.Generator().manual_seed(seed))
    rows = gaussian / gaussian.norm(dim=-1, keepdim=True) * direction.norm().float()
    return rows.to(direction.dtype)


def answer_rate(completions: Sequence[str], word: str) -> float:
    """Fraction of completions that contain `word` as a whole word, case-insensitively (e.g. "positive").

    "Positive." and "The review is positive" count for "positive"; "positively" and "nonpositive" do not.
    """
    completions = list(completions)
    if not completions:
        raise ValueError("answer_rate of an empty list is undefined: pass at least one completion.")
    pattern = re.compile(rf"\b{re.escape(word)}\b", flags=re.IGNORECASE)
    return sum(bool(pattern.search(text)) for text in completions) / len(completions)


def control_z_score(effect: float, control_effects: Float[Tensor, " n"]) -> float:
    """How many control standard deviations an effect lies from the controls' mean.

    z = (effect - mean(c)) / std(c), with the unbiased standard deviation (n - 1) of the control effects c [n]
    (n >= 2). |z| well above 3 means random directions of the same norm do not produce the effect. When every
    control gives the same value, z is 0 for an effect equal to it (to the precision of the controls' dtype, so
    0.04 and float32(0.04) count as equal) and +-inf otherwise.
    """
    if control_effects.numel() < 2:
        raise ValueError("control_z_score needs at least 2 control effects to estimate their spread.")
    controls = control_effects.double().flatten()
    gap = float(effect - controls.mean())
    spread = float(controls.std(unbiased=True))
    if spread == 0.0:
        precision = torch.finfo(control_effects.dtype).eps if control_effects.is_floating_point() else 0.0
        if abs(gap) <= precision * max(1.0, abs(float(controls[0]))):
            return 0.0
        return math.copysign(math.inf, gap)
    return gap / spread
