"""course_utils.probing against independent numpy computations and invariants on synthetic data."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from course_utils import probing

D = 16


def _two_gaussians(n: int = 200, gap: float = 4.0, noise: float = 1.0, seed: int = 0):
    """n points per class in D dims, class 1 shifted by `gap` along a fixed unit axis; returns acts, labels, axis."""
    gen = torch.Generator().manual_seed(seed)
    axis = torch.randn(D, generator=gen, dtype=torch.float64)
    axis = axis / axis.norm()
    acts = noise * torch.randn(2 * n, D, generator=gen, dtype=torch.float64) + 3.0
    labels = torch.arange(2 * n) % 2
    acts = acts + gap * labels[:, None] * axis
    return acts, labels, axis


def test_class_means_match_numpy():
    acts, labels, _ = _two_gaussians(n=30)
    x, y = acts.numpy(), labels.numpy()
    expected = np.stack([x[y == 0].mean(axis=0), x[y == 1].mean(axis=0)])
    got = probing.class_means(acts, labels)
    assert got.shape == (2, D)
    np.testing.assert_allclose(got.numpy(), expected, atol=1e-12)
    # bool labels give the same answer
    np.testing.assert_allclose(probing.class_means(acts, labels.bool()).numpy(), expected, atol=1e-12)


@pytest.mark.parametrize(
    "labels, message",
    [
        (torch.zeros(10, dtype=torch.long), "both classes"),
        (torch.arange(10) % 3, "0/1"),
        (torch.full((10,), 0.5), "0/1"),
        (torch.zeros(9, dtype=torch.long), "shape"),
        (torch.zeros(10, 1, dtype=torch.long), "shape"),
    ],
)
def test_bad_labels_get_a_clear_message(labels, message):
    with pytest.raises(ValueError, match=message):
        probing.class_means(torch.randn(10, D), labels)


def test_scalar_projection_matches_numpy_and_ignores_direction_length():
    gen = torch.Generator().manual_seed(1)
    acts = torch.randn(3, 5, D, generator=gen, dtype=torch.float64)
    r = torch.randn(D, generator=gen, dtype=torch.float64)
    expected = np.einsum("abd,d->ab", acts.numpy(), r.numpy()) / np.linalg.norm(r.numpy())
    got = probing.scalar_projection(acts, r)
    assert got.shape == (3, 5)
    np.testing.assert_allclose(got.numpy(), expected, atol=1e-12)
    np.testing.assert_allclose(probing.scalar_projection(acts, 7.5 * r).numpy(), expected, atol=1e-12)
    np.testing.assert_allclose(probing.scalar_projection(acts, -r).numpy(), -expected, atol=1e-12)


def test_cosine_similarity_matches_torch_and_ignores_activation_length():
    gen = torch.Generator().manual_seed(2)
    acts = torch.randn(4, 6, D, generator=gen, dtype=torch.float64)
    r = torch.randn(D, generator=gen, dtype=torch.float64)
    expected = torch.nn.functional.cosine_similarity(acts, r.expand_as(acts), dim=-1)
    got = probing.cosine_similarity(acts, r)
    torch.testing.assert_close(got, expected)
    torch.testing.assert_close(probing.cosine_similarity(10 * acts, r), expected)
    assert got.abs().max() <= 1 + 1e-12
    # the scalar projection, by contrast, scales with the activation
    torch.testing.assert_close(
        probing.scalar_projection(10 * acts, r), 10 * probing.scalar_projection(acts, r)
    )


def test_cosine_similarity_matrix_matches_numpy():
    gen = torch.Generator().manual_seed(3)
    dirs = torch.randn(5, D, generator=gen, dtype=torch.float64) * torch.arange(1, 6)[:, None]
    x = dirs.numpy()
    norms = np.linalg.norm(x, axis=1)
    expected = (x @ x.T) / np.outer(norms, norms)
    got = probing.cosine_similarity_matrix(dirs)
    np.testing.assert_allclose(got.numpy(), expected, atol=1e-12)
    np.testing.assert_allclose(np.diag(got.numpy()), 1.0, atol=1e-12)
    np.testing.assert_allclose(got.numpy(), got.numpy().T, atol=1e-12)


def _numpy_projection_accuracy(xtr, ytr, xte, yte) -> float:
    """Independent reference: nearest-midpoint rule along the mean difference, written with numpy."""
    m0, m1 = xtr[ytr == 0].mean(0), xtr[ytr == 1].mean(0)
    r = (m1 - m0) / np.linalg.norm(m1 - m0)
    t = 0.5 * (m0 @ r + m1 @ r)
    return float(((xte @ r > t) == (yte == 1)).mean())


def test_projection_accuracy_separable_noise_and_numpy_reference():
    acts, labels, _ = _two_gaussians(n=200, gap=8.0)
    assert probing.projection_accuracy(acts[:200], labels[:200], acts[200:], labels[200:]) == 1.0
    # overlapping classes: agrees with the numpy reference exactly, and is well below 1
    acts, labels, _ = _two_gaussians(n=200, gap=1.0, seed=4)
    args = (acts[:200], labels[:200], acts[200:], labels[200:])
    got = probing.projection_accuracy(*args)
    assert got == _numpy_projection_accuracy(*(a.numpy() for a in args))
    assert 0.6 < got < 0.9  # Bayes accuracy for a gap of one standard deviation is Phi(0.5) = 0.69
    # random labels: chance level
    shuffled = labels[torch.randperm(400, generator=torch.Generator().manual_seed(0))]
    chance = probing.projection_accuracy(acts[:200], shuffled[:200], acts[200:], shuffled[200:])
    assert 0.35 < chance < 0.65


def test_projection_accuracy_by_layer_refits_each_layer():
    sep, _, _ = _two_gaussians(n=100, gap=8.0)
    _, labels, _ = _two_gaussians(n=100)
    noise = torch.randn(200, D, generator=torch.Generator().manual_seed(5), dtype=torch.float64)
    layers = torch.stack(
        [noise, sep, -sep], dim=1
    )  # the last layer has its classes mirrored: still separable
    acc = probing.projection_accuracy_by_layer(layers[:100], labels[:100], layers[100:], labels[100:])
    assert acc.shape == (3,)
    assert acc[1] == 1.0 and acc[2] == 1.0
    assert 0.3 < acc[0] < 0.7
    with pytest.raises(ValueError, match="n_layers"):
        probing.projection_accuracy_by_layer(sep, labels, sep, labels)


def test_separation_is_cohens_d_per_position():
    acts, labels, axis = _two_gaussians(n=300, gap=2.0, noise=1.0)
    stacked = torch.stack([acts, acts * 0.5 + 1.0, torch.flip(acts, dims=[0])], dim=1)  # [batch, 3, D]
    dirs = torch.stack([axis, axis, axis])
    got = probing.separation(stacked, labels, dirs)
    proj = stacked.numpy() @ axis.numpy()
    y = labels.numpy()
    for k in range(3):
        p1, p0 = proj[y == 1, k], proj[y == 0, k]
        d = (p1.mean() - p0.mean()) / np.sqrt((p1.var(ddof=1) + p0.var(ddof=1)) / 2)
        assert got[k].item() == pytest.approx(d, rel=1e-10)
    assert got[0] == pytest.approx(2.0, abs=0.25)  # the planted gap, in noise standard deviations
    assert got[1] == pytest.approx(got[0].item(), rel=1e-10)  # invariant to scale and shift
    # flipping the rows gives every point the other label (labels alternate, even batch): the sign flips
    assert got[2] == pytest.approx(-got[0].item(), rel=1e-10)


def test_logistic_probe_separates_and_reaches_a_stationary_point():
    acts, labels, _ = _two_gaussians(n=100, gap=6.0)
    l2 = 1e-2
    probe = probing.train_logistic_probe(acts, labels, l2=l2)
    assert probe.accuracy(acts, labels) == 1.0
    # independent check of optimality: the gradient of the penalised loss, written with numpy, vanishes
    x, y, w = acts.numpy(), labels.numpy(), probe.weight.numpy()
    p = 1 / (1 + np.exp(-(x @ w + probe.bias)))
    grad_w = x.T @ (p - y) / len(y) + l2 * w
    grad_b = (p - y).mean()
    assert np.abs(grad_w).max() < 1e-5 and abs(grad_b) < 1e-5


def test_strong_l2_probe_points_along_the_difference_of_means():
    acts, labels, _ = _two_gaussians(n=100, gap=1.0)
    means = probing.class_means(acts, labels)
    probe = probing.train_logistic_probe(acts, labels, l2=1e3)
    cos = probing.cosine_similarity(probe.weight, means[1] - means[0]).item()
    assert cos > 0.999


def test_weak_l2_probe_tilts_away_from_a_noisy_mean_difference():
    """Noise correlated with the mean difference: the probe uses the covariance, the difference of means cannot."""
    gen = torch.Generator().manual_seed(6)
    n = 400
    labels = torch.arange(n) % 2
    shared = 3.0 * torch.randn(n, generator=gen, dtype=torch.float64)  # a big nuisance variable
    acts = 0.15 * torch.randn(n, D, generator=gen, dtype=torch.float64)
    acts[:, 0] += labels + shared  # the signal lives in dim 0 together with the nuisance ...
    acts[:, 1] += shared  # ... which dim 1 measures on its own
    tr, te = slice(0, n // 2), slice(n // 2, n)
    means = probing.class_means(acts[tr], labels[tr])
    probe = probing.train_logistic_probe(acts[tr], labels[tr], l2=1e-4)
    assert probing.cosine_similarity(probe.weight, means[1] - means[0]).abs().item() < 0.9
    assert probe.accuracy(acts[te], labels[te]) > 0.9
    assert probing.projection_accuracy(acts[tr], labels[tr], acts[te], labels[te]) < 0.75


def test_plane_coordinates_axes():
    gen = torch.Generator().manual_seed(7)
    acts, labels, axis = _two_gaussians(n=100, gap=4.0, noise=0.1)
    other = torch.randn(D, generator=gen, dtype=torch.float64)
    other = other - (other @ axis) * axis
    other = other / other.norm()
    acts = acts + 5.0 * torch.randn(200, 1, generator=gen, dtype=torch.float64) * other  # a big second axis
    coords = probing.plane_coordinates(acts, 3.0 * axis)
    assert coords.shape == (200, 2)
    torch.testing.assert_close(coords[:, 0], acts @ axis)
    expected = (acts - acts.mean(0)) @ other
    corr = np.corrcoef(coords[:, 1].numpy(), expected.numpy())[0, 1]
    assert abs(corr) > 0.99


def test_float64_directions_project_float32_activations():
    """diff_of_means returns float64; projecting float32 activations on it must work and keep float32."""
    acts = torch.randn(5, D)
    r = torch.randn(D, dtype=torch.float64)
    got = probing.scalar_projection(acts, r)
    assert got.dtype == torch.float32
    torch.testing.assert_close(got.double(), acts.double() @ (r / r.norm()), atol=1e-5, rtol=1e-5)
    assert probing.plane_coordinates(acts, r).dtype == torch.float32
