"""Chapter 08 (capstone): checked exercises. References live in `course_utils.evidence`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import torch

from course_utils import evidence
from course_utils.exercises.registry import Case, Exercise, register


def _direction_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(direction=3.0 * torch.randn(16), n=5, seed=0),
        dict(direction=0.2 * torch.randn(8, dtype=torch.float64), n=3, seed=7),
    ]


def _answer_cases(ctx: Mapping[str, Any]) -> list[Case]:
    answers = [
        "Positive.",
        "The review is positive.",
        "This review is negative.",
        "positively not",
        "POSITIVE!",
    ]
    return [
        dict(completions=answers, word="positive"),
        dict(completions=["Negative.", "It is nonnegative", "negative, surely", "Yes."], word="negative"),
    ]


def _z_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(effect=0.9, control_effects=torch.tensor([0.10, 0.05, 0.12, 0.08])),
        dict(effect=-0.4, control_effects=torch.tensor([0.0, 0.02, -0.01])),
    ]


def _substring_rate(completions: list[str], word: str) -> float:
    return sum(word.lower() in text.lower() for text in completions) / len(completions)


def _case_sensitive_rate(completions: list[str], word: str) -> float:
    return sum(bool(re.search(rf"\b{re.escape(word)}\b", text)) for text in completions) / len(completions)


def _population_z(effect: float, control_effects: torch.Tensor) -> float:
    controls = control_effects.double()
    return float((effect - controls.mean()) / controls.std(unbiased=False))


register(
    Exercise(
        id="08.matched_random_directions",
        reference=evidence.matched_random_directions,
        title="Random directions of the same norm (the control)",
        difficulty=1,
        importance=4,
        minutes=5,
        hints=(
            "Controls must match the direction: same dimension, same norm, same dtype, reproducible from the seed.",
            "Draw Gaussian rows from a generator seeded with `seed`, rescale each row to the direction's norm, and cast to the direction's dtype.",
        ),
        cases=_direction_cases,
        alternatives={
            "your directions are unit vectors: rescale them to |direction| so the control is as strong": (
                lambda direction, n, seed: evidence.matched_random_directions(
                    direction / direction.norm(), n, seed
                )
            ),
        },
    )
)

register(
    Exercise(
        id="08.answer_rate",
        reference=evidence.answer_rate,
        title="How often the model gives an answer",
        difficulty=1,
        importance=2,
        minutes=5,
        hints=(
            "'Answer' must be a whole word, whatever its case: a regular expression with word boundaries.",
            "For each completion, search for the escaped word between word boundaries, ignoring case; return the fraction that match.",
        ),
        cases=_answer_cases,
        alternatives={
            "you matched substrings: 'positively' and 'nonnegative' must not count (use word boundaries \\b)": (
                _substring_rate
            ),
            "you matched case-sensitively: 'Positive.' must count": _case_sensitive_rate,
        },
    )
)

register(
    Exercise(
        id="08.control_z_score",
        reference=evidence.control_z_score,
        title="An effect measured against random controls",
        difficulty=2,
        importance=4,
        minutes=8,
        hints=(
            "A z-score measures the effect in units of the controls' spread.",
            "Subtract the controls' mean from the effect and divide by their sample standard deviation (n - 1), in float64, returned as a Python float.",
        ),
        cases=_z_cases,
        alternatives={
            "you used the population standard deviation (unbiased=False); with few controls use n - 1": _population_z,
            "you returned the plain difference effect - mean(controls): divide by the controls' spread": (
                lambda effect, control_effects: float(effect - control_effects.double().mean())
            ),
        },
        atol=1e-6,
    )
)


# --------------------------------------------------------------------------------------------------------------
# 08.rank_p_value
# --------------------------------------------------------------------------------------------------------------
def _p_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """20 controls each: a tie with the effect, an effect above every control, and the 'less' side with ties."""
    tied = torch.rand(20, dtype=torch.float64) * 0.5
    tied[[3, 11]] = torch.tensor([0.9, 0.95], dtype=torch.float64)  # one tie, one above
    below = torch.rand(20, dtype=torch.float64) * 0.5 + 0.4
    below[[0, 7, 9]] = 0.4  # ties with the effect on the 'less' side
    return [
        dict(effect=0.9, control_effects=tied, alternative="greater"),
        dict(effect=2.0, control_effects=torch.randn(20, dtype=torch.float64), alternative="greater"),
        dict(effect=0.4, control_effects=below, alternative="less"),
    ]


def _count(effect: float, controls: torch.Tensor, side: str, strict: bool = False) -> int:
    c = controls.double()
    if side == "greater":
        return int((c > effect).sum() if strict else (c >= effect).sum())
    return int((c < effect).sum() if strict else (c <= effect).sum())


def _other(alternative: str) -> str:
    return "less" if alternative == "greater" else "greater"


register(
    Exercise(
        id="08.rank_p_value",
        reference=evidence.rank_p_value,
        title="A rank p-value against random controls",
        difficulty=2,
        importance=5,
        minutes=10,
        hints=(
            "Under 'the direction is not special' the effect is just one more draw among the n + 1 values: "
            "where does it rank?",
            "Count the controls at least as extreme as the effect (on the side `alternative` names, ties "
            "included), add one for the effect itself, and divide by n + 1.",
        ),
        cases=_p_cases,
        alternatives={
            "you left out the +1s: with (1 + count) / (n + 1) the effect counts as one of the draws, so p is "
            "never 0 (its smallest value is 1 / (n + 1))": (
                lambda effect, control_effects, alternative="greater": (
                    _count(effect, control_effects, alternative) / control_effects.numel()
                )
            ),
            "ties: you counted only controls strictly more extreme; a control EQUAL to the effect counts against "
            "it (>= for 'greater', <= for 'less')": (
                lambda effect, control_effects, alternative="greater": (
                    (1 + _count(effect, control_effects, alternative, strict=True))
                    / (control_effects.numel() + 1)
                )
            ),
            "you ignored `alternative`: for 'less' (a claim that the effect is SMALL) count the controls <= effect": (
                lambda effect, control_effects, alternative="greater": (
                    (1 + _count(effect, control_effects, "greater")) / (control_effects.numel() + 1)
                    if alternative == "less"
                    else None
                )
            ),
            "you counted the controls on the wrong side: p counts the controls at least as extreme as the effect "
            "(>= effect for 'greater'), not those it beats": (
                lambda effect, control_effects, alternative="greater": (
                    (1 + _count(effect, control_effects, _other(alternative))) / (control_effects.numel() + 1)
                )
            ),
        },
        atol=1e-9,
        rtol=1e-9,
    )
)


# --------------------------------------------------------------------------------------------------------------
# 08.bootstrap_ci
# --------------------------------------------------------------------------------------------------------------
def _ci_cases(ctx: Mapping[str, Any]) -> list[Case]:
    steps = torch.randint(-1, 2, (40,)).double()  # per-prompt changes of a 0/1 outcome: -1, 0 or +1
    return [
        dict(values=torch.randn(25, dtype=torch.float64) + 0.3, n_boot=200, level=0.95, seed=0),
        dict(values=steps, n_boot=300, level=0.9, seed=3),
    ]


def _quantiles(x: torch.Tensor, low: float, high: float) -> tuple[float, float]:
    q = torch.quantile(x.double(), torch.tensor([low, high], dtype=torch.float64))
    return float(q[0]), float(q[1])


def _resampled_means(values: torch.Tensor, n_boot: int, seed: int) -> torch.Tensor:
    idx = torch.randint(
        values.numel(), (n_boot, values.numel()), generator=torch.Generator().manual_seed(seed)
    )
    return values.double()[idx].mean(dim=1)


def _without_replacement(values: torch.Tensor, n_boot: int, level: float, seed: int) -> tuple[float, float]:
    generator = torch.Generator().manual_seed(seed)
    means = torch.stack(
        [values.double()[torch.randperm(values.numel(), generator=generator)].mean() for _ in range(n_boot)]
    )
    alpha = 1 - level
    return _quantiles(means, alpha / 2, 1 - alpha / 2)


def _normal_ci(values: torch.Tensor, n_boot: int, level: float, seed: int) -> tuple[float, float]:
    v = values.double()
    z = float(torch.distributions.Normal(0.0, 1.0).icdf(torch.tensor(1 - (1 - level) / 2)))
    half = z * float(v.std()) / values.numel() ** 0.5
    return float(v.mean()) - half, float(v.mean()) + half


register(
    Exercise(
        id="08.bootstrap_ci",
        reference=evidence.bootstrap_ci,
        title="A bootstrap confidence interval for an effect",
        difficulty=3,
        importance=4,
        minutes=15,
        hints=(
            "Pretend the prompts you have are the population: draw new prompt sets of the same size from them, "
            "with replacement, and see how much the mean moves.",
            "One randint call gives all n_boot x n indices (seeded generator, as the docstring says); average "
            "each row of resampled values; the interval is the alpha/2 and 1 - alpha/2 quantiles of those means.",
        ),
        cases=_ci_cases,
        alternatives={
            "you resampled WITHOUT replacement: every resample is a permutation, so every mean is the same and "
            "the interval has width 0; draw indices with torch.randint": _without_replacement,
            "you took the interval of the values themselves; the interval is for their MEAN: quantiles of the "
            "resampled means": lambda values, n_boot=1000, level=0.95, seed=0: _quantiles(
                values, (1 - level) / 2, 1 - (1 - level) / 2
            ),
            "your quantiles are one-sided: a 95 % interval leaves 2.5 % on EACH side, so use alpha / 2 and "
            "1 - alpha / 2 (alpha = 1 - level)": lambda values, n_boot=1000, level=0.95, seed=0: _quantiles(
                _resampled_means(values, n_boot, seed), 1 - level, level
            ),
            "you used the normal approximation mean +- z * std / sqrt(n): this exercise asks for the percentile "
            "bootstrap (quantiles of resampled means), which does not assume normality": _normal_ci,
        },
        atol=1e-9,
        rtol=1e-9,
    )
)


# --------------------------------------------------------------------------------------------------------------
# 08.shuffled_label_accuracies
# --------------------------------------------------------------------------------------------------------------
def _shuffle_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """Small [n, n_layers, d] activations; the real labels are readable at layer 1 only, so layers differ."""
    cases = []
    for n_train, n_test, seed in ((40, 30, 0), (24, 20, 5)):
        train_labels, test_labels = torch.randint(0, 2, (n_train,)), torch.randint(0, 2, (n_test,))
        train_acts, test_acts = torch.randn(n_train, 3, 8), torch.randn(n_test, 3, 8)
        train_acts[:, 1, 0] += 3.0 * train_labels
        test_acts[:, 1, 0] += 3.0 * test_labels
        cases.append(
            dict(
                train_acts=train_acts,
                train_labels=train_labels,
                test_acts=test_acts,
                test_labels=test_labels,
                n=6,
                seed=seed,
            )
        )
    return cases


def _shuffle_variant(
    train_acts: torch.Tensor,
    train_labels: torch.Tensor,
    test_acts: torch.Tensor,
    test_labels: torch.Tensor,
    n: int = 20,
    seed: int = 0,
    *,
    train_only: bool = False,
    reseed: bool = False,
    layer: str = "best",
    evaluate_on_train: bool = False,
) -> torch.Tensor:
    """shuffled_label_accuracies with one ingredient changed (the named mistakes)."""
    from course_utils.probing import projection_accuracy_by_layer

    generator = torch.Generator().manual_seed(seed)
    real_best = int(projection_accuracy_by_layer(train_acts, train_labels, test_acts, test_labels).argmax())
    all_labels, n_train = torch.cat([train_labels, test_labels]), len(train_labels)
    out = []
    for _ in range(n):
        if reseed:
            generator = torch.Generator().manual_seed(seed)
        if train_only:
            fit, truth = train_labels[torch.randperm(n_train, generator=generator)], test_labels
        else:
            fake = all_labels[torch.randperm(len(all_labels), generator=generator)]
            fit, truth = fake[:n_train], fake[n_train:]
        if evaluate_on_train:
            by_layer = projection_accuracy_by_layer(train_acts, fit, train_acts, fit)
        else:
            by_layer = projection_accuracy_by_layer(train_acts, fit, test_acts, truth)
        out.append(float(by_layer[real_best] if layer == "real" else by_layer.max()))
    return torch.tensor(out, dtype=torch.float64)


register(
    Exercise(
        id="08.shuffled_label_accuracies",
        reference=evidence.shuffled_label_accuracies,
        title="The shuffled-label control, with the same choice of layer",
        difficulty=3,
        importance=4,
        minutes=15,
        hints=(
            "A permutation test: labels that mean nothing must go through everything the real labels went "
            "through, including the choice of layer.",
            "Create one seeded generator before the loop; each round permute the concatenated train and test "
            "labels with it, split them back, get the held-out accuracy at every layer with "
            "probing.projection_accuracy_by_layer, and keep the maximum.",
        ),
        cases=_shuffle_cases,
        alternatives={
            "you shuffled only the training labels: the real test labels still carry the concept, and a direction "
            "fitted to noise can line up with the data's main axis and score on them; permute ALL the labels "
            "together": lambda **case: _shuffle_variant(**case, train_only=True),
            "every round used the same permutation: you re-created the generator inside the loop; create it "
            "once, before the loop": lambda **case: _shuffle_variant(**case, reseed=True),
            "you used the real direction's layer for every shuffle; the real layer was CHOSEN as the best one, so "
            "each shuffle must get the same advantage: its own best layer": (
                lambda **case: _shuffle_variant(**case, layer="real")
            ),
            "you scored the fits on the training activations (in-sample): a fit always looks good on its own "
            "data; score on the test activations": lambda **case: _shuffle_variant(
                **case, evaluate_on_train=True
            ),
        },
        atol=1e-9,
        rtol=1e-9,
    )
)
