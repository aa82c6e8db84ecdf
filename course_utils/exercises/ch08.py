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
