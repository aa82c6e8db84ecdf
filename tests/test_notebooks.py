"""Every notebook, learner and solution version, executes top to bottom (nbclient), with the expected checks.

Discovers every notebooks/src/NN_*.py, builds both versions in memory and executes them in a fresh python3 kernel
(one CPU thread, offline, the inline matplotlib backend). Asserts:
- solution: every `check(...)` cell shows "✔ passed", and there are at least 3 checked exercises;
- learner: every check shows "○ not attempted" (stubs in place, later cells do not need them) and a sentinel
  cell appended at the end runs, so the kernel survived;
- both: at least one figure (image/png).
The model is the organism when data/models/refusal-organism/ holds one, else $COURSE_MODEL, else a tiny random
Llama built by the `tiny_model_dir` fixture (then the numbers are meaningless but every cell must still run).
Select with `-m notebooks`, deselect with `-m "not notebooks"`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from course_utils._environment import kernel_env
from course_utils.exercises.build import ROOT, SOURCE_DIR, build_notebooks
from course_utils.exercises.checking import FAILED, NOT_ATTEMPTED, PASSED
from course_utils.registry import ORGANISM_DIR

pytestmark = pytest.mark.notebooks

SOURCES = sorted(SOURCE_DIR.glob("[0-9][0-9]_*.py"))
SENTINEL = "__kernel_alive_at_the_end__"
TIMEOUT_S = 600
BUDGET_00_03_S = 300.0  # kernel CPU seconds for notebooks 00-03, both versions (the brief: <= 5 min)
_DURATIONS: dict[tuple[str, str], tuple[float, float]] = {}  # (wall s, kernel CPU s)


@pytest.fixture(scope="module")
def notebook_env(tiny_model_dir: Callable[..., Path]) -> Iterator[dict[str, str]]:
    """Environment of the kernels: offline, one thread (matplotlib keeps the inline backend); the model chosen as
    described above."""
    env = kernel_env(one_thread=True)
    if not os.environ.get("COURSE_MODEL") and not (ROOT / ORGANISM_DIR / "config.json").is_file():
        env["COURSE_MODEL"] = str(tiny_model_dir("llama"))
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the kernel process inherits this environment
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run `nb` in place in a fresh kernel, from the notebooks/ folder; cells tagged skip-execution are skipped."""
    # the sentinel also reports the kernel's CPU seconds (one thread: about its wall time on an idle machine)
    sentinel = f"import time as _t\nprint({SENTINEL!r}, _t.process_time())"
    nb.cells.append(nbformat.v4.new_code_cell(sentinel))
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    )
    try:
        client.execute()
    except CellExecutionError as err:  # a short failure: the cell and the error, not the coloured traceback
        cell = next((c for c in nb.cells if c.cell_type == "code" and _error(c)), None)
        where = f"cell:\n{cell.source}\n" if cell is not None else ""
        pytest.fail(f"{where}raised {err.ename}: {err.evalue}", pytrace=False)
    return nb


def _error(cell: nbformat.NotebookNode) -> bool:
    return any(output.output_type == "error" for output in cell.get("outputs", []))


def _texts(cell: nbformat.NotebookNode) -> list[str]:
    """The plain-text content of a cell's outputs (stream text and text/plain of displays and results)."""
    texts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            texts.append(output.text)
        elif "data" in output and "text/plain" in output.data:
            texts.append(output.data["text/plain"])
    return texts


def _check_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """Code cells that call check(...) on a line of their own."""
    return [
        c
        for c in nb.cells
        if c.cell_type == "code" and any(line.startswith("check(") for line in c.source.splitlines())
    ]


def _has_figure(nb: nbformat.NotebookNode) -> bool:
    return any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("version", ["solution", "learner"])
@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_notebook_executes(source: Path, version: str, notebook_env: dict[str, str]) -> None:
    learner, solution = build_notebooks(source)
    nb = solution if version == "solution" else learner
    start = time.perf_counter()
    _execute(nb)
    wall = time.perf_counter() - start

    checks = _check_cells(nb)
    assert len(checks) >= 3, f"{source.name}: {len(checks)} check(...) cells; every notebook needs at least 3"
    expected = PASSED if version == "solution" else NOT_ATTEMPTED
    for cell in checks:
        shown = "\n".join(_texts(cell))
        assert expected in shown and FAILED not in shown, (
            f"{source.name} ({version}): {cell.source!r} -> {shown!r}"
        )
    # `use(...)` notes: the solution's figures come from its own (pasted reference) functions, the learner's from
    # the reference with a visible note; never from a function that failed its check
    notes = [
        line for c in nb.cells for text in _texts(c) for line in text.splitlines() if line.startswith("↳ ")
    ]
    wrong = "↳ using the reference" if version == "solution" else "↳ using your"
    assert not [n for n in notes if n.startswith(wrong) or "failed its check" in n], (
        f"{source.name} ({version}): {notes}"
    )
    last = "".join(_texts(nb.cells[-1])).split()
    assert SENTINEL in last, f"{source.name} ({version}): the last cell did not run"
    _DURATIONS[(source.stem, version)] = (wall, float(last[last.index(SENTINEL) + 1]))
    assert _has_figure(nb), f"{source.name} ({version}): no figure (image/png output)"


def test_notebooks_00_to_03_within_budget() -> None:
    """Notebooks 00-03, both versions, need at most BUDGET_00_03_S of kernel CPU time in total.

    CPU time, not wall time: on a machine shared with other jobs the wall time measures the neighbours. Each kernel
    runs one thread, so its CPU time is about its wall time on an idle machine. Wall times are in the message.
    """
    chapters = {"00", "01", "02", "03"}
    timed = {key: t for key, t in _DURATIONS.items() if key[0][:2] in chapters}
    expected = {(s.stem, v) for s in SOURCES if s.stem[:2] in chapters for v in ("solution", "learner")}
    if not expected or set(timed) != expected:
        pytest.skip("run every 00-03 notebook test in the same session to time them")
    cpu = sum(c for _, c in timed.values())
    wall = sum(w for w, _ in timed.values())
    detail = ", ".join(
        f"{stem} {version} {c:.0f}s CPU/{w:.0f}s wall" for (stem, version), (w, c) in sorted(timed.items())
    )
    print(f"notebooks 00-03: {cpu:.0f}s CPU, {wall:.0f}s wall: {detail}")  # shown with -rP
    assert cpu <= BUDGET_00_03_S, (
        f"notebooks 00-03 used {cpu:.0f}s CPU ({wall:.0f}s wall) > {BUDGET_00_03_S:.0f}s: {detail}"
    )
