"""Evidence for a linear-representation claim: controls and effect sizes (notebook 08, the capstone).

A claim "the model represents concept C along direction r" needs more than one number. The capstone collects:
classification by projection (does r separate the classes on held-out data?), causal effects (does ablating r
remove the model's use of C; does adding r push its behaviour?), specificity (how much else changes, e.g. the
next-token KL on unrelated prompts) and controls (the same measurements with random directions of the same norm).
This module holds the small pieces that turn measurements into evidence.

Statistics against controls. With n controls, a z-score assumes the control effects are roughly normal and
estimates their spread from n values: with 5 controls the spread itself is uncertain by about a third, and a
z of 3 can come from one control that happens to sit close to the others. A **rank p-value** assumes only that
the real direction, had it no special role, would be exchangeable with the random ones:
p = (1 + #{controls at least as extreme as the effect}) / (n + 1). It can never be below 1 / (n + 1), so it takes
at least 19 controls to reach p = 0.05 and 99 to reach 0.01. A **bootstrap confidence interval** (resampling the
prompts) says how much the effect itself would move with other prompts of the same kind.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

import torch
from jaxtyping import Float, Int
from torch import Tensor

from course_utils.probing import projection_accuracy_by_layer


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


def rank_p_value(
    effect: float,
    control_effects: Float[Tensor, " n"],
    alternative: Literal["greater", "less"] = "greater",
) -> float:
    """Rank (permutation-style) p-value of an effect against n control effects.

        greater: p = (1 + #{i : c_i >= effect}) / (n + 1)      less: p = (1 + #{i : c_i <= effect}) / (n + 1)

    The effect counts as one more draw (the 1 in numerator and denominator), so p is never 0 and its smallest
    value is 1 / (n + 1); ties count against the effect. Valid whatever the distribution of the controls, if the
    effect and the controls are exchangeable under the null hypothesis ("the direction is not special").

    Args:
        effect: the measurement for the direction under test.
        control_effects: [n] the same measurement for n random controls (n >= 1).
        alternative: "greater" when a large effect is the claim, "less" when a small one is (e.g. accuracy
            falling under ablation).

    Returns:
        p in [1 / (n + 1), 1], a Python float.
    """
    if alternative not in ("greater", "less"):
        raise ValueError(f"alternative must be 'greater' or 'less', got {alternative!r}.")
    controls = control_effects.double().flatten()
    if controls.numel() == 0:
        raise ValueError("rank_p_value needs at least one control effect.")
    extreme = controls >= effect if alternative == "greater" else controls <= effect
    return (1 + int(extreme.sum())) / (controls.numel() + 1)


def bootstrap_ci(
    values: Float[Tensor, " n"], n_boot: int = 1000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of the mean of `values` (e.g. one effect per prompt).

    Draws, in this order, idx = torch.randint(n, (n_boot, n), generator=torch.Generator().manual_seed(seed)):
    n_boot resamples of the n values WITH replacement. The means m_b = mean(values[idx[b]]) (float64) estimate
    how the mean would vary with other prompts of the same kind; the interval is their alpha/2 and 1 - alpha/2
    quantiles (torch.quantile, linear interpolation), alpha = 1 - level.

    Returns:
        (low, high), Python floats.
    """
    if values.ndim != 1 or values.numel() < 2:
        raise ValueError(
            f"bootstrap_ci needs a 1-D tensor of at least 2 values, got shape {tuple(values.shape)}."
        )
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), got {level}.")
    n = values.numel()
    idx = torch.randint(n, (n_boot, n), generator=torch.Generator().manual_seed(seed))
    means = values.double()[idx].mean(dim=1)
    alpha = 1 - level
    low, high = torch.quantile(means, torch.tensor([alpha / 2, 1 - alpha / 2], dtype=torch.float64))
    return float(low), float(high)


def shuffled_label_accuracies(
    train_acts: Float[Tensor, "n_train n_layers d_model"],
    train_labels: Int[Tensor, " n_train"],
    test_acts: Float[Tensor, "n_test n_layers d_model"],
    test_labels: Int[Tensor, " n_test"],
    n: int = 20,
    seed: int = 0,
) -> Float[Tensor, " n"]:
    """The shuffled-label control (chapter 02) for a direction whose layer was chosen by held-out accuracy.

    A permutation test of the whole procedure: n times, permute ALL the labels (one permutation of the training and
    test labels concatenated, the first n_train of the result are the new training labels, the rest the new test
    labels), fit the difference-of-means classifier at every layer (probing.projection_accuracy_by_layer) and keep
    the best layer's held-out accuracy, as the real direction's layer was chosen. The permutations come from ONE
    generator, torch.Generator().manual_seed(seed), created once: permutation k is torch.randperm(n_train + n_test,
    generator=...) drawn k-th. Labels that mean nothing can still score above 0.5 by luck and by the choice of
    layer; this is how far.

    Returns:
        [n] float64 accuracies, in the order drawn.
    """
    generator = torch.Generator().manual_seed(seed)
    all_labels, n_train = torch.cat([train_labels, test_labels]), len(train_labels)
    best = []
    for _ in range(n):
        fake = all_labels[torch.randperm(len(all_labels), generator=generator)]
        by_layer = projection_accuracy_by_layer(train_acts, fake[:n_train], test_acts, fake[n_train:])
        best.append(float(by_layer.max()))
    return torch.tensor(best, dtype=torch.float64)
