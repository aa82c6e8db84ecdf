"""Progress bars that leave no residue in saved or executed notebooks.

`from course_utils.progress import tqdm` is a drop-in for `tqdm.auto.tqdm`. Outside a notebook it IS
`tqdm.auto.tqdm` (a text bar). In a Jupyter kernel, tqdm's widget bar is displayed through a display handle, and
when the bar closes that output is replaced by plain text: the final bar line (`generate: 100%|█████| 4/4 [...]`)
for a bar with `leave=True`, nothing for `leave=False`. Without this, the saved notebook keeps the widget's text
fallback as it was when the bar appeared, "0%|          | 0/10", which is all a static viewer (GitHub, a course
website, an executed copy) shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import tqdm.notebook as _notebook
from tqdm.auto import tqdm as _auto_tqdm


class NotebookProgress(_notebook.tqdm):
    """tqdm's notebook bar, whose output becomes plain text (or nothing, with `leave=False`) when it closes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._handle: Any = None
        kwargs["display"] = False  # shown below, through a handle we can update
        kwargs["delay"] = 0
        super().__init__(*args, **kwargs)
        if not self.disable:
            from IPython.display import display

            self._handle = display(self.container, display_id=True)
            self.displayed = True

    def close(self) -> None:
        handle, self._handle = self._handle, None
        keep = bool(self.leave) or bool(
            self.total and self.n < self.total
        )  # an interrupted bar stays visible
        final = self.format_meter(**self.format_dict) if handle is not None and keep else ""
        super().close()
        if handle is not None:
            handle.update({"text/plain": final}, raw=True)


tqdm = NotebookProgress if issubclass(_auto_tqdm, _notebook.tqdm) else _auto_tqdm
"""`NotebookProgress` in a Jupyter kernel (with ipywidgets), else `tqdm.auto.tqdm`."""

T = TypeVar("T")


def show_bar(n_steps: int, progress: bool | None) -> bool:
    """The course's one rule for a progress bar: `progress=None` shows one when there is more than one step
    (batch, candidate, ...); True always shows it, False never."""
    return n_steps > 1 if progress is None else bool(progress)


def progress_bar(items: Sequence[T], *, progress: bool | None = None, desc: str = "") -> Iterator[T]:
    """Iterate over `items` with a transient bar (gone once the loop ends), shown by `show_bar`'s rule."""
    return iter(tqdm(items, desc=desc, disable=not show_bar(len(items), progress), leave=False))


def batch_slices(n: int, batch_size: int, *, progress: bool | None = None, desc: str = "") -> Iterator[slice]:
    """Slices `[i, i + batch_size)` covering `range(n)`, batch by batch, with a bar (`show_bar`'s rule)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size}.")
    for start in progress_bar(range(0, n, batch_size), progress=progress, desc=desc):
        yield slice(start, min(start + batch_size, n))


__all__ = ["NotebookProgress", "batch_slices", "progress_bar", "show_bar", "tqdm"]
