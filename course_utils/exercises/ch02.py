"""Chapter 02 (difference of means): checked exercises. References: `course_utils.probing` and
`course_utils.directions.diff_of_means` (one definition, shared with the refusal chapters)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import directions, probing
from course_utils.exercises.registry import Case, Exercise, register

D_MODEL = 12


def _labelled(n: int, offset: float = 0.0, gap: float = 1.5) -> tuple[torch.Tensor, torch.Tensor]:
    """n activations [n, D_MODEL] with labels [n] (shuffled), class 1 shifted by `gap` along a random axis."""
    labels = torch.randperm(n) % 2
    axis = torch.nn.functional.normalize(torch.randn(D_MODEL), dim=0)
    return torch.randn(n, D_MODEL) + offset + gap * labels[:, None] * axis, labels


def _class_means_cases(ctx: Mapping[str, Any]) -> list[Case]:
    acts, labels = _labelled(10)
    big, big_labels = _labelled(31, offset=3.0)
    return [dict(acts=acts, labels=labels), dict(acts=big, labels=big_labels.bool())]


def _diff_of_means_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """float64 inputs (the reference accumulates in float64); the second case has extra [n_layers, n_pos] axes."""
    f64 = dict(dtype=torch.float64)
    return [
        dict(harmful_acts=torch.randn(8, D_MODEL, **f64) + 1.0, harmless_acts=torch.randn(5, D_MODEL, **f64)),
        dict(
            harmful_acts=3 * torch.randn(6, 3, 2, D_MODEL, **f64),
            harmless_acts=torch.randn(4, 3, 2, D_MODEL, **f64),
        ),
    ]


def _projection_accuracy_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """Noisy classes far from the origin (a threshold at 0 fails) with a train/test shift in size."""
    cases = []
    for n_train, n_test, offset in [(40, 30, 4.0), (24, 40, -3.0)]:
        acts, labels = _labelled(n_train + n_test, offset=offset, gap=1.2)
        cases.append(
            dict(
                train_acts=acts[:n_train],
                train_labels=labels[:n_train],
                test_acts=acts[n_train:],
                test_labels=labels[n_train:],
            )
        )
    return cases


def _accuracy_with(train_acts, train_labels, test_acts, test_labels, mistake: str) -> float:
    """Mistaken projection classifiers, named by `mistake`."""
    fit_acts, fit_labels = (
        (test_acts, test_labels) if mistake == "fit on test" else (train_acts, train_labels)
    )
    means = probing.class_means(fit_acts, fit_labels)
    direction = means[1] - means[0]
    threshold = 0.0 if mistake == "zero threshold" else probing.scalar_projection(means, direction).mean()
    predictions = probing.scalar_projection(test_acts, direction) > threshold
    accuracy = (predictions == test_labels.bool()).double().mean().item()
    return 1.0 - accuracy if mistake == "reversed" else accuracy


register(
    Exercise(
        id="02.class_means",
        reference=probing.class_means,
        title="The mean activation of each class",
        difficulty=1,
        importance=4,
        minutes=8,
        hints=(
            "A boolean mask selects the rows of one class.",
            "For class 0 and then class 1, select its rows with labels == c, average over the batch dim, and stack the two means (class 0 first).",
        ),
        cases=_class_means_cases,
        alternatives={
            "the rows are in the wrong order: row 0 must be class 0 (label 0), row 1 class 1": (
                lambda acts, labels: torch.stack([acts[labels == c].mean(dim=0) for c in (1, 0)])
            ),
            "you summed each class instead of averaging it (divide by the class size)": (
                lambda acts, labels: torch.stack([acts[labels == c].sum(dim=0) for c in (0, 1)])
            ),
            "both rows are the mean of the whole batch: select each class with a mask labels == c first": (
                lambda acts, labels: acts.mean(dim=0).expand(2, -1)
            ),
        },
    )
)

register(
    Exercise(
        id="02.diff_of_means",
        reference=directions.diff_of_means,
        title="Difference of class means",
        difficulty=1,
        importance=5,
        minutes=8,
        hints=(
            "Which dimension is the batch? Only that one is averaged away; any extra axes stay.",
            "Average each class over dim 0, then subtract harmless from harmful; do not normalise.",
        ),
        cases=_diff_of_means_cases,
        alternatives={
            "you subtracted in the wrong order: the direction points from harmless to harmful "
            "(harmful mean - harmless mean)": (
                lambda harmful_acts, harmless_acts: harmless_acts.mean(dim=0) - harmful_acts.mean(dim=0)
            ),
            "you summed each class instead of averaging it: the classes have different sizes, divide each sum by "
            "its own count": (
                lambda harmful_acts, harmless_acts: harmful_acts.sum(dim=0) - harmless_acts.sum(dim=0)
            ),
            "you averaged both classes together before subtracting (or subtracted one overall mean)": (
                lambda harmful_acts, harmless_acts: (
                    harmful_acts.mean(dim=0) - torch.cat([harmful_acts, harmless_acts]).mean(dim=0)
                )
            ),
            "you normalised the direction: the candidate is the raw difference (its length matters for addition)": (
                lambda harmful_acts, harmless_acts: torch.nn.functional.normalize(
                    harmful_acts.mean(dim=0) - harmless_acts.mean(dim=0), dim=-1
                )
            ),
        },
    )
)

register(
    Exercise(
        id="02.projection_accuracy",
        reference=probing.projection_accuracy,
        title="A projection classifier, tested on held-out data",
        difficulty=2,
        importance=4,
        minutes=15,
        hints=(
            "Everything learned (direction and threshold) comes from the training set; the test set only gets predicted.",
            "Direction = train class-1 mean minus class-0 mean; threshold = midpoint of the two means' scalar projections; a test row is class 1 when its projection exceeds the threshold; return the fraction correct.",
        ),
        cases=_projection_accuracy_cases,
        alternatives={
            "you thresholded at 0: use the midpoint of the two class means' projections (the data is not centred)": (
                lambda **case: _accuracy_with(**case, mistake="zero threshold")
            ),
            "you fitted the direction and threshold on the test set: fit them on the training set only": (
                lambda **case: _accuracy_with(**case, mistake="fit on test")
            ),
            "your classes are swapped: predict class 1 when the projection is ABOVE the threshold (r = mu_1 - mu_0)": (
                lambda **case: _accuracy_with(**case, mistake="reversed")
            ),
        },
    )
)
