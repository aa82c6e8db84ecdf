"""Chapter 02 checks coach a learner: named wrong solutions get their diagnosis (with the scalar message for the
accuracy), and solutions written differently from the reference pass."""

from __future__ import annotations

import pytest
import torch
from checks_helpers import assert_mistakes_named, expect, expect_pass

from course_utils import probing
from course_utils.exercises import get

# ------------------------------------------------------------------------------------------ 02.class_means


def means_by_weights(acts: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: 0/1 weights and a matrix product instead of boolean indexing."""
    onehot = torch.stack([labels == 0, labels == 1]).to(acts.dtype)  # [2, batch]
    return onehot @ acts / onehot.sum(dim=1, keepdim=True)


def test_class_means() -> None:
    ex = "02.class_means"
    expect_pass(ex, means_by_weights)
    swapped = lambda acts, labels: torch.stack([acts[labels == 1].mean(0), acts[labels == 0].mean(0)])
    expect(ex, swapped, "alternative", "rows are in the wrong order")
    sums = lambda acts, labels: torch.stack([acts[labels == c].sum(0) for c in (0, 1)])
    expect(ex, sums, "alternative", "summed each class")
    overall = lambda acts, labels: torch.stack([acts.mean(0), acts.mean(0)])
    expect(ex, overall, "alternative", "mean of the whole batch")
    pair = lambda acts, labels: (acts[labels == 0].mean(0), acts[labels == 1].mean(0))
    expect(ex, pair, "wrong_type", "expected a torch.Tensor")


# ----------------------------------------------------------------------------------------- 02.diff_of_means


def diff_by_sums(harmful_acts: torch.Tensor, harmless_acts: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: explicit sums divided by counts."""
    return harmful_acts.sum(0) / len(harmful_acts) - harmless_acts.sum(0) / len(harmless_acts)


def test_diff_of_means() -> None:
    ex = "02.diff_of_means"
    expect_pass(ex, diff_by_sums)
    order = lambda harmful_acts, harmless_acts: harmless_acts.mean(0) - harmful_acts.mean(0)
    expect(ex, order, "alternative", "wrong order")
    sums = lambda harmful_acts, harmless_acts: harmful_acts.sum(0) - harmless_acts.sum(0)
    expect(ex, sums, "alternative", "summed each class")
    pooled = lambda harmful_acts, harmless_acts: (
        harmful_acts.mean(0) - torch.cat([harmful_acts, harmless_acts]).mean(0)
    )
    expect(ex, pooled, "alternative", "averaged both classes together")
    unit = lambda harmful_acts, harmless_acts: torch.nn.functional.normalize(
        harmful_acts.mean(0) - harmless_acts.mean(0), dim=-1
    )
    expect(ex, unit, "alternative", "you normalised the direction")
    last_axis = lambda harmful_acts, harmless_acts: harmful_acts.mean(-1) - harmless_acts.mean(-1)
    expect(ex, last_axis, "error", "your function raised RuntimeError: The size of tensor a (8)")
    single = lambda harmful_acts, harmless_acts: harmful_acts.float().mean(0) - harmless_acts.float().mean(0)
    expect(ex, single, "wrong_dtype", "float64")


# ------------------------------------------------------------------------------------ 02.projection_accuracy


def accuracy_by_midpoint(train_acts, train_labels, test_acts, test_labels) -> float:
    """Correct, written differently: shift by the midpoint of the means, then the sign of the dot product."""
    mu0 = train_acts[train_labels == 0].mean(0)
    mu1 = train_acts[train_labels == 1].mean(0)
    predicted = ((test_acts - (mu0 + mu1) / 2) @ (mu1 - mu0)) > 0
    return float((predicted.long() == test_labels.long()).float().mean())


def _fit(acts: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    means = probing.class_means(acts, labels)
    direction = means[1] - means[0]
    return direction, probing.scalar_projection(means, direction).mean()


def test_projection_accuracy() -> None:
    ex = "02.projection_accuracy"
    expect_pass(ex, accuracy_by_midpoint)

    def zero_threshold(train_acts, train_labels, test_acts, test_labels):
        direction, _ = _fit(train_acts, train_labels)
        return (
            ((probing.scalar_projection(test_acts, direction) > 0) == test_labels.bool())
            .double()
            .mean()
            .item()
        )

    result = expect(ex, zero_threshold, "alternative", "you thresholded at 0")
    assert (
        result.message.startswith("got 0.")
        and "expected 0." in result.message
        and "(tolerance " in result.message
    )

    def fit_on_test(train_acts, train_labels, test_acts, test_labels):
        return accuracy_by_midpoint(test_acts, test_labels, test_acts, test_labels)

    expect(ex, fit_on_test, "alternative", "on the test set")

    def count(train_acts, train_labels, test_acts, test_labels):
        direction, threshold = _fit(train_acts, train_labels)
        predicted = probing.scalar_projection(test_acts, direction) > threshold
        return int((predicted == test_labels.bool()).sum())

    result = expect(
        ex, count, "wrong_values", "a count or sum where a fraction or mean is expected (divide by 30)"
    )
    assert "test_acts (30, 12) float32" in result.message

    def percent(train_acts, train_labels, test_acts, test_labels):
        return 100 * accuracy_by_midpoint(train_acts, train_labels, test_acts, test_labels)

    expect(ex, percent, "wrong_values", "a percentage where a fraction is expected")

    def as_tensor(train_acts, train_labels, test_acts, test_labels):
        return torch.tensor(accuracy_by_midpoint(train_acts, train_labels, test_acts, test_labels))

    expect(ex, as_tensor, "wrong_type", "use .item()")


# ------------------------------------------------------------------------------------------ every exercise


@pytest.mark.parametrize("exercise_id", ["02.class_means", "02.diff_of_means", "02.projection_accuracy"])
def test_reference_passes_and_each_named_mistake_is_diagnosed(exercise_id: str, capsys) -> None:
    expect_pass(exercise_id, get(exercise_id).reference)
    assert_mistakes_named(exercise_id, exact=False)
