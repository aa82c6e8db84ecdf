"""course_utils.progress: progress bars leave no widget residue ("0%|   | 0/10") in an executed notebook.

A notebook is executed headless (nbclient, a real kernel with ipywidgets, as `course run` does); its saved outputs
are searched for the text a static viewer would show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from course_utils.exercises.build import ROOT

RESIDUE = re.compile(r"\b0%\|")
WIDGET = "application/vnd.jupyter.widget-view+json"


def _texts(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", "") if output.output_type == "stream" else "")
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def _widgets(cell: nbformat.NotebookNode) -> int:
    return sum(WIDGET in output.get("data", {}) for output in cell.get("outputs", []))


def test_executed_notebook_has_no_progress_residue(tiny_model_dir: Callable[..., Path]) -> None:
    model_dir = tiny_model_dir("llama")
    cells = [
        "from course_utils.progress import tqdm, NotebookProgress\nassert tqdm is NotebookProgress",
        "for _ in tqdm(range(10), desc='quiet', leave=False): pass",
        "for _ in tqdm(range(10), desc='kept'): pass",
        "try:\n    for i in tqdm(range(10), desc='broken'):\n        assert i < 4\nexcept AssertionError:\n    pass",
        "import warnings\nwarnings.simplefilter('ignore')\n"
        "from course_utils.models import load_model\nfrom course_utils.generation import generate\n"
        f"model = load_model({str(model_dir)!r})\n"
        "replies = generate(model, ['a', 'b', 'c'], max_new_tokens=2, batch_size=1, progress=True)",
        # control: tqdm's own notebook bar DOES leave the residue, so this test can see it
        "from tqdm.auto import tqdm as plain\nfor _ in plain(range(10), desc='control', leave=False): pass",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    *ours, control = nb.cells[1:]
    for cell in ours:
        assert not RESIDUE.search(_texts(cell)), (cell.source, _texts(cell))
        assert _widgets(cell) == 0, cell.source  # replaced by text once closed
    assert _texts(ours[0]) == "" and _texts(ours[3]) == ""  # leave=False: nothing left
    assert re.search(r"kept: 100%\|.*\| 10/10", _texts(ours[1]))  # leave=True: the final line
    assert re.search(
        r"broken:\s+\d+%\|.*\| 4/10", _texts(ours[2])
    )  # an interrupted bar shows where it stopped
    assert RESIDUE.search(_texts(control)) and _widgets(control) == 1
