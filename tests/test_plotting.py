"""Figures: labels, colour scale and integer layer ticks."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402

from course_utils import plotting  # noqa: E402


def test_layer_curves_label_axes_and_use_whole_layer_ticks() -> None:
    fig = plotting.layer_curves(
        {"harmful": [0.0, 1.5, 3.0, 2.0], "harmless": [0.0, 0.1, 0.2, 0.1]}, title="t", ylabel="y"
    )
    ax = fig.axes[0]
    fig.canvas.draw()
    assert ax.get_xlabel() == "layer" and ax.get_ylabel() == "y" and ax.get_title() == "t"
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["harmful", "harmless"]
    assert all(float(tick).is_integer() for tick in ax.get_xticks())
    plt.close(fig)


def test_heatmap_colour_scale_and_colourbar_label() -> None:
    values = torch.tensor([[0.2, -0.1], [0.5, 0.0]])
    fig = plotting.heatmap(values, title="t", xlabel="x", ylabel="y", colorbar_label="cos", vmin=-1, vmax=1)
    image = fig.axes[0].images[0]
    assert image.get_clim() == (-1, 1)
    assert fig.axes[1].get_ylabel() == "cos"  # the colour bar's own axes
    plt.close(fig)
    fig = plotting.heatmap(values, title="t", xlabel="x", ylabel="y", colorbar_label="cos")
    assert fig.axes[0].images[0].get_clim() == pytest.approx((-0.1, 0.5))  # the data's range
    plt.close(fig)


def test_class_histograms_count_in_whole_numbers() -> None:
    """Counts on the y axis are whole numbers (a 2.5 tick on a count axis reads as a bug), and each class's legend
    entry gives its size."""
    fig = plotting.class_histograms(
        {"harmful": [1.0, 2.0, 2.1, 2.2, 2.3], "harmless": [-3.0, -2.0, -1.9]},
        title="t",
        xlabel="score",
        bins=8,
    )
    ax = fig.axes[0]
    fig.canvas.draw()
    assert all(float(tick).is_integer() for tick in ax.get_yticks())
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "harmful (n = 5)",
        "harmless (n = 3)",
    ]
    plt.close(fig)


@pytest.mark.parametrize(
    ("labels", "rotation"), [(["1", "2", "3"], 0.0), (["<|end|>", "\\n", "model"], 45.0)]
)
def test_heatmap_slants_only_long_tick_labels(labels: list[str], rotation: float) -> None:
    fig = plotting.heatmap(
        torch.rand(2, 3), title="t", xlabel="x", ylabel="y", colorbar_label="c", xticklabels=labels
    )
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == labels
    assert {t.get_rotation() for t in ax.get_xticklabels()} == {rotation}
    plt.close(fig)


def test_heatmap_without_labels_ticks_whole_rows_and_columns() -> None:
    fig = plotting.heatmap(torch.rand(6, 4), title="t", xlabel="head", ylabel="layer", colorbar_label="c")
    ax = fig.axes[0]
    fig.canvas.draw()
    assert all(float(tick).is_integer() for tick in (*ax.get_xticks(), *ax.get_yticks()))
    plt.close(fig)
