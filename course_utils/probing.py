"""Reading a concept off the residual stream: class means, projections, projection classifiers, logistic probes.

Reference functions of chapters 02 (difference of means) and 03 (projection analysis). Conventions:

- activations are `[batch, d_model]` (or `[..., d_model]` where a function says so), labels `[batch]` in {0, 1}
  (bool or integer), label 1 the "positive" class (harmful, true, positive review, ...);
- a direction is `[d_model]` and is never assumed to be unit length: functions that need r_hat = r / ||r||
  normalise it themselves;
- every function is deterministic (no sampling; the logistic probe starts from zero and uses full-batch L-BFGS).

The difference-of-means direction itself is `course_utils.directions.diff_of_means` (one definition).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from jaxtyping import Float, Int
from torch import Tensor

_EPS = 1e-12


def check_binary_labels(acts: Tensor, labels: Tensor) -> None:
    """Raise a ValueError that says what is wrong unless `labels` [batch] are 0/1 labels for `acts` [batch, ...]
    with both classes present."""
    if labels.ndim != 1 or labels.shape[0] != acts.shape[0]:
        raise ValueError(
            f"labels must have shape [batch] = [{acts.shape[0]}] to match acts {tuple(acts.shape)}; "
            f"got {tuple(labels.shape)}. Pass one 0/1 label per row of acts."
        )
    values = {float(v) for v in labels.unique().tolist()}
    if not values <= {0, 1}:
        raise ValueError(f"labels must be 0/1 (or bool); got the values {sorted(values)[:10]}.")
    if values != {0, 1}:
        raise ValueError(
            f"both classes must be present; labels contain only {sorted(values)}: add examples of the other class."
        )


def class_means(
    acts: Float[Tensor, "batch d_model"], labels: Int[Tensor, " batch"]
) -> Float[Tensor, "2 d_model"]:
    """The mean activation of each class.

    acts: [batch, d_model]; labels: [batch], 0/1 or bool. Returns [2, d_model]: row c is
    mu_c = (1 / n_c) * sum_{i : y_i = c} x_i, so row 0 is the mean of class 0 and row 1 the mean of class 1.
    """
    check_binary_labels(acts, labels)
    return torch.stack([acts[labels == c].mean(dim=0) for c in (0, 1)])


def scalar_projection(acts: Tensor, direction: Tensor) -> Tensor:
    """How far each activation reaches along a direction: the scalar projection x . r_hat.

    acts: [..., d_model]; direction: [d_model] (any length, moved to acts' device and dtype). Returns [...]:
    (x . r) / ||r||, in the units of the residual stream, so it grows with the norm of x.
    """
    direction = direction.to(acts.device, acts.dtype)
    return acts @ (direction / direction.norm())


def cosine_similarity(
    acts: Float[Tensor, "... d_model"], direction: Float[Tensor, " d_model"]
) -> Float[Tensor, " ..."]:
    """The cosine of the angle between each activation and a direction.

    acts: [..., d_model]; direction: [d_model]. Returns [...] in [-1, 1]: (x . r) / (||x|| ||r||), the scalar
    projection divided by ||x||; it ignores how large x is.
    """
    return scalar_projection(acts, direction) / acts.norm(dim=-1).clamp_min(_EPS)


def cosine_similarity_matrix(directions: Float[Tensor, "n d_model"]) -> Float[Tensor, "n n"]:
    """Cosine similarity between every pair of directions.

    directions: [n, d_model] (e.g. one per layer). Returns [n, n] with entry (i, j) = r_i . r_j / (||r_i|| ||r_j||);
    the diagonal is 1 and the matrix is symmetric.
    """
    unit = directions / directions.norm(dim=-1, keepdim=True).clamp_min(_EPS)
    return unit @ unit.T


def projection_accuracy(
    train_acts: Float[Tensor, "n_train d_model"],
    train_labels: Int[Tensor, " n_train"],
    test_acts: Float[Tensor, "n_test d_model"],
    test_labels: Int[Tensor, " n_test"],
) -> float:
    """Held-out accuracy of the difference-of-means projection classifier.

    train_acts: [n_train, d_model], test_acts: [n_test, d_model], labels [n] 0/1. On the training set,
    r = mu_1 - mu_0 and the threshold t is the midpoint of the two class means' projections,
    t = (mu_0 . r_hat + mu_1 . r_hat) / 2. A test activation x is predicted class 1 when x . r_hat > t.
    Returns the fraction of test activations predicted correctly.
    """
    means = class_means(train_acts, train_labels)
    direction = means[1] - means[0]
    threshold = scalar_projection(means, direction).mean()
    predictions = scalar_projection(test_acts, direction) > threshold
    return (predictions == test_labels.bool()).double().mean().item()


def projection_accuracy_by_layer(
    train_acts: Tensor, train_labels: Tensor, test_acts: Tensor, test_labels: Tensor
) -> Tensor:
    """`projection_accuracy` at every layer, the direction refitted per layer.

    train_acts: [n_train, n_layers, d_model], test_acts: [n_test, n_layers, d_model] (the layout of
    `get_activations` at one position). Returns [n_layers] float64 held-out accuracies.
    """
    if train_acts.ndim != 3 or test_acts.ndim != 3 or train_acts.shape[1:] != test_acts.shape[1:]:
        raise ValueError(
            "expected train_acts [n_train, n_layers, d_model] and test_acts [n_test, n_layers, d_model] "
            f"(select one position first); got {tuple(train_acts.shape)} and {tuple(test_acts.shape)}."
        )
    accuracies = [
        projection_accuracy(train_acts[:, layer], train_labels, test_acts[:, layer], test_labels)
        for layer in range(train_acts.shape[1])
    ]
    return torch.tensor(accuracies, dtype=torch.float64)


def separation(
    acts: Float[Tensor, "batch *rest d_model"],
    labels: Int[Tensor, " batch"],
    direction: Float[Tensor, "*rest d_model"],
) -> Float[Tensor, "*rest"]:
    """How well a direction separates two classes, in standard deviations (Cohen's d of the projections).

    acts: [batch, ..., d_model] (e.g. [batch, n_layers, n_positions, d_model]); labels: [batch] 0/1;
    direction: [..., d_model], broadcast against acts without the batch axis. With p = x . r_hat,
    d = (mean_1(p) - mean_0(p)) / sqrt((var_1(p) + var_0(p)) / 2), unbiased variances. Returns [...];
    positive when class 1 projects further along r than class 0.
    """
    check_binary_labels(acts, labels)
    unit = direction / direction.norm(dim=-1, keepdim=True).clamp_min(_EPS)
    proj = (acts * unit).sum(dim=-1)
    pos, neg = proj[labels == 1], proj[labels == 0]
    pooled_var = (pos.var(dim=0) + neg.var(dim=0)) / 2
    return (pos.mean(dim=0) - neg.mean(dim=0)) / pooled_var.clamp_min(_EPS).sqrt()


@dataclass
class LogisticProbe:
    """A linear classifier p(y = 1 | x) = sigmoid(x . weight + bias).

    weight: [d_model]; bias: a float. `weight` is the probe's direction in the residual stream.
    """

    weight: Tensor
    bias: float

    def logits(self, acts: Tensor) -> Tensor:
        """acts: [batch, d_model] -> [batch] logits x . w + b."""
        return acts.to(self.weight.dtype) @ self.weight + self.bias

    def accuracy(self, acts: Tensor, labels: Tensor) -> float:
        """Fraction of acts [batch, d_model] whose predicted class (logit > 0) equals labels [batch]."""
        return ((self.logits(acts) > 0) == labels.bool()).double().mean().item()


def train_logistic_probe(
    acts: Tensor, labels: Tensor, *, l2: float = 1e-3, max_iter: int = 200
) -> LogisticProbe:
    """Fit a logistic-regression probe by full-batch L-BFGS in float64 (deterministic: starts from w = 0, b = 0).

    acts: [batch, d_model]; labels: [batch] 0/1. Minimises the mean binary cross-entropy plus (l2 / 2) ||w||^2,
    L(w, b) = (1/n) sum_i [log(1 + exp(z_i)) - y_i z_i] + (l2 / 2) ||w||^2, with z_i = x_i . w + b.
    The bias is not penalised. With strong l2, w points along the difference of class means: at w = 0 and with the
    bias at its optimum for w = 0 (sigmoid(b) = n_1 / n) the gradient is -(n_0 n_1 / n^2)(mu_1 - mu_0). With weak l2 it also uses the classes' covariance (it can tilt away from
    mu_1 - mu_0 to avoid directions in which the data varies a lot).
    """
    check_binary_labels(acts, labels)
    if l2 <= 0:
        raise ValueError(f"l2 must be > 0 (separable data has no finite unpenalised optimum); got {l2}.")
    x, y = acts.detach().double(), labels.double()
    params = torch.zeros(x.shape[1] + 1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([params], max_iter=max_iter, line_search_fn="strong_wolfe")

    def closure() -> Tensor:
        optimizer.zero_grad()
        logits = x @ params[:-1] + params[-1]
        loss = (
            torch.nn.functional.binary_cross_entropy_with_logits(logits, y)
            + l2 / 2 * params[:-1].square().sum()
        )
        loss.backward()
        return loss

    with torch.enable_grad():
        optimizer.step(closure)
    weight = params[:-1].detach().clone()
    return LogisticProbe(weight=weight, bias=params[-1].item())


def plane_coordinates(acts: Tensor, direction: Tensor) -> Tensor:
    """Coordinates of activations in a 2-D picture whose x-axis is the direction.

    acts: [batch, d_model]; direction: [d_model]. Returns [batch, 2]: column 0 is x . r_hat; column 1 is the
    coordinate along u, the top principal component of the activations once their r_hat component is removed
    (x - (x . r_hat) r_hat, centred). u is orthogonal to r_hat, so the picture shows the data's largest other
    variation next to the direction. The sign of u is fixed (its largest-magnitude entry is positive).
    """
    unit = direction.to(acts.dtype) / direction.norm()
    along = acts @ unit
    rest = acts - along[:, None] * unit
    rest = rest - rest.mean(dim=0)
    _, _, vh = torch.linalg.svd(rest.double(), full_matrices=False)
    u = vh[0]
    u = u * u[u.abs().argmax()].sign()
    return torch.stack([along, (rest.double() @ u).to(acts.dtype)], dim=-1)
