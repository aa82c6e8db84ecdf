"""Small figure helpers shared by the notebooks: every figure gets a title, labelled axes, units and a legend.

Each helper draws on a new figure (or on `ax` when given) and returns the `Figure`; the notebook calls
`plt.show()`. Other chapters may append helpers here: keep them short and labelled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

Values = Sequence[float] | torch.Tensor


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize)
    return fig, ax


def _as_list(values: Values) -> list[float]:
    return (
        values.detach().float().cpu().tolist()
        if isinstance(values, torch.Tensor)
        else [float(v) for v in values]
    )


def layer_curves(
    series: Mapping[str, Values],
    *,
    title: str,
    ylabel: str,
    xlabel: str = "layer",
    x: Sequence[float] | None = None,
    xticklabels: Sequence[str] | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (7.0, 3.5),
) -> Figure:
    """One line per named series over layers (x = 0, 1, ... unless given), with markers, legend and grid."""
    fig, ax = _axes(ax, figsize)
    for name, values in series.items():
        ys = _as_list(values)
        xs = list(x) if x is not None else list(range(len(ys)))
        ax.plot(xs, ys, marker="o", markersize=3, label=name)
    if xticklabels is not None:
        ax.set_xticks(list(x) if x is not None else list(range(len(xticklabels))), xticklabels)
    elif x is None:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # layers are whole numbers
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig


def heatmap(
    values: torch.Tensor,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    xticklabels: Sequence[str] | None = None,
    yticklabels: Sequence[str] | None = None,
    annotations: Sequence[Sequence[str]] | None = None,
    cmap: str = "viridis",
    vmin: float | None = None,
    vmax: float | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (8.0, 4.0),
) -> Figure:
    """A [rows, cols] heatmap with a labelled colour bar; `annotations[r][c]` is written in cell (r, c). Without tick
    labels, an axis is ticked at whole row or column numbers.

    `vmin` / `vmax` fix the colour scale (e.g. -1 and 1 for cosines); by default it spans the data.
    """
    fig, ax = _axes(ax, figsize)
    data = values.detach().float().cpu().numpy()
    image = ax.imshow(data, aspect="auto", cmap=cmap, vmin=vmin, vmax=vmax)
    fig.colorbar(image, ax=ax, label=colorbar_label)
    if xticklabels is not None:
        # slant only labels that would collide
        long = max((len(str(label)) for label in xticklabels), default=0) > 3
        ax.set_xticks(
            range(len(xticklabels)), xticklabels, rotation=45 if long else 0, ha="right" if long else "center"
        )
    if yticklabels is not None:
        ax.set_yticks(range(len(yticklabels)), yticklabels)
    for axis, labels in ((ax.xaxis, xticklabels), (ax.yaxis, yticklabels)):
        if labels is None:  # rows and columns are whole numbers (imshow would tick at -0.5, 0.0, 0.5, ...)
            axis.set_major_locator(MaxNLocator(integer=True))
    if annotations is not None:
        middle = (data.max() + data.min()) / 2
        for r, row in enumerate(annotations):
            for c, text in enumerate(row):
                colour = "black" if data[r, c] > middle else "white"
                ax.text(c, r, text, ha="center", va="center", fontsize=7, color=colour)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    fig.tight_layout()
    return fig


def class_histograms(
    values: Mapping[str, Values],
    *,
    title: str,
    xlabel: str,
    ylabel: str = "count",
    bins: int = 20,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (6.0, 3.5),
) -> Figure:
    """Overlaid histograms, one per named class, on shared bin edges (so the bars are comparable)."""
    fig, ax = _axes(ax, figsize)
    lists = {name: _as_list(v) for name, v in values.items()}
    everything = [v for vs in lists.values() for v in vs]
    edges = torch.linspace(min(everything), max(everything), bins + 1).tolist()
    for name, vs in lists.items():
        ax.hist(vs, bins=edges, alpha=0.55, label=f"{name} (n = {len(vs)})")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts are whole numbers
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend()
    fig.tight_layout()
    return fig
