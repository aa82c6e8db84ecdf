"""Build the learner and solution notebooks from one jupytext source per notebook.

    notebooks/src/NN_name.py  ->  notebooks/NN_name.ipynb            (learner: stubs, no outputs)
                              ->  notebooks/solutions/NN_name.ipynb  (solution: reference source, no outputs)

A code cell whose header carries `exercise="<id>"` (`# %% exercise="02.diff_of_means"`) has an empty body in the
source. The builder puts a generated banner (markdown) above it and fills it:
- learner version: the reference's signature (jaxtyping shapes) and docstring, `raise NotImplementedError(...)`;
- solution version: the imports the reference needs and its source (`inspect.getsource`).
Every other cell is copied unchanged. Output is deterministic (fixed cell ids), so `--check` can compare bytes.

Usage: `course build [--check] [SOURCE ...]` (or `python -m course_utils.exercises.build`).
"""

from __future__ import annotations

import argparse
import ast
import inspect
import sys
import textwrap
import types
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from nbformat import NotebookNode

from course_utils._paths import NOTEBOOK_DIR, REPO_ROOT, SOLUTION_DIR, SOURCE_DIR
from course_utils.exercises.registry import Exercise, get

ROOT = REPO_ROOT
LEARNER_DIR = NOTEBOOK_DIR
FUTURE = (
    "from __future__ import annotations  # lets the type hints name classes this notebook has not imported"
)
_KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class BuildError(ValueError):
    """A notebook source that cannot be built; the message names the file and cell."""


# --------------------------------------------------------------------------------------------- exercise cells


def banner(exercise: Exercise) -> str:
    """The markdown shown above an exercise: title, difficulty, importance, time budget, where to get help."""
    dots = lambda n: "●" * n + "○" * (5 - n)
    return (
        f"#### Exercise {exercise.id}: {exercise.title}\n\n"
        f"Difficulty {dots(exercise.difficulty)} · Importance {dots(exercise.importance)} · "
        f"about {exercise.minutes} min\n\n"
        f"Write `{exercise.function_name}` in the cell below, then run the check after it. Stuck past the time "
        f'budget? `hint("{exercise.id}")` gives a nudge, `hint("{exercise.id}", level=2)` a stronger one, '
        f'`solution("{exercise.id}")` the reference.'
    )


def learner_stub(exercise: Exercise) -> str:
    """The reference's `def` line(s) and docstring, then `raise NotImplementedError` (no hint, no solution code).

    The signature is copied as written in the source (annotations and defaults included); the body is dropped.
    """
    source = textwrap.dedent(inspect.getsource(exercise.reference))
    lines = source.splitlines()
    node = _function_node(source, exercise)
    first = node.body[0]
    has_doc = isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant)
    has_doc = has_doc and isinstance(first.value.value, str)
    end = first.end_lineno if has_doc else first.lineno - 1
    indent = " " * first.col_offset
    header = lines[node.lineno - 1 : end]
    message = f"Exercise {exercise.id}: replace this line with your code"
    stub = [f'{indent}raise NotImplementedError("{message}")']
    return "\n".join([FUTURE, "", *header, *stub])


def solution_source(exercise: Exercise) -> str:
    """The imports the reference needs, then its source."""
    source = textwrap.dedent(inspect.getsource(exercise.reference)).rstrip()
    _function_node(source, exercise)
    imports = sorted(_imports_for(exercise.reference))
    return "\n".join([FUTURE, "", *imports, *([""] if imports else []), source])


def _function_node(source: str, exercise: Exercise) -> ast.FunctionDef:
    node = ast.parse(source).body[0]
    if not isinstance(node, ast.FunctionDef):
        raise BuildError(
            f"exercise {exercise.id}: the reference must be a plain function, got {type(node).__name__}"
        )
    return node


def _global_names(code: types.CodeType) -> Iterator[str]:
    """Every name a code object (and the code nested in it: comprehensions, lambdas) may look up globally."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _global_names(const)


def _imports_for(fn: Callable[..., Any]) -> set[str]:
    """Import lines binding each module-level name `fn` uses, as its module binds it."""
    lines = set()
    for name in set(_global_names(fn.__code__)) & set(fn.__globals__):
        value = fn.__globals__[name]
        if isinstance(value, types.ModuleType):
            package, _, leaf = value.__name__.rpartition(".")
            if value.__name__ == name:
                lines.add(f"import {name}")
            elif leaf == name:
                lines.add(f"from {package} import {name}")
            else:
                lines.add(f"import {value.__name__} as {name}")
            continue
        module = getattr(value, "__module__", None)
        own = getattr(value, "__name__", None)
        if module and own and module != "builtins" and not isinstance(value, (int, float, str)):
            lines.add(f"from {module} import {own}" + (f" as {name}" if own != name else ""))
        else:
            lines.add(f"from {fn.__module__} import {name}")
    return lines


# --------------------------------------------------------------------------------------------- notebooks


def build_notebooks(source: Path) -> tuple[NotebookNode, NotebookNode]:
    """(learner, solution) notebooks for one jupytext percent source."""
    text = source.read_text(encoding="utf-8")
    nb = jupytext.reads(text, fmt="py:percent")
    learner, solution = [], []
    for index, cell in enumerate(nb.cells):
        exercise_id = cell.metadata.get("exercise")
        if exercise_id is None:
            learner.append(_plain_cell(cell))
            solution.append(_plain_cell(cell))
            continue
        exercise = _exercise_for(source, index, cell, text)
        for cells, body in ((learner, learner_stub(exercise)), (solution, solution_source(exercise))):
            cells.append(nbformat.v4.new_markdown_cell(banner(exercise)))
            cells.append(nbformat.v4.new_code_cell(body, metadata={"exercise": exercise.id}))
    relative = source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else source.name
    learner_nb, solution_nb = (
        _notebook(learner, relative, "learner"),
        _notebook(solution, relative, "solution"),
    )
    return _with_colab_setup(learner_nb), _with_colab_setup(solution_nb)


def _plain_cell(cell: NotebookNode) -> NotebookNode:
    """A copy of a source cell with its metadata (e.g. tags=["skip-execution"]) and no outputs."""
    metadata = dict(cell.metadata)
    if cell.cell_type == "markdown":
        return nbformat.v4.new_markdown_cell(cell.source, metadata=metadata)
    if cell.cell_type == "raw":
        return nbformat.v4.new_raw_cell(cell.source, metadata=metadata)
    return nbformat.v4.new_code_cell(cell.source, metadata=metadata)


def _exercise_for(source: Path, index: int, cell: NotebookNode, text: str) -> Exercise:
    """The registered exercise of an exercise cell, after checking the cell and its check call."""
    where = f"{source.name}, cell {index + 1}"
    exercise_id = cell.metadata["exercise"]
    if cell.cell_type != "code":
        raise BuildError(f'{where}: `exercise=` belongs on a code cell (`# %% exercise="{exercise_id}"`)')
    body = [line for line in cell.source.splitlines() if line.strip() and not line.strip().startswith("#")]
    if body:
        raise BuildError(
            f"{where}: the body of exercise cell {exercise_id} must be empty; the reference lives in course_utils"
        )
    try:
        exercise = get(exercise_id)
    except KeyError as err:
        raise BuildError(f"{where}: {err.args[0]}") from None
    except Exception as err:  # noqa: BLE001 - a chapter module that fails to import is reported, not raised
        raise BuildError(
            f"{where}: importing the exercises of {exercise_id} failed: {type(err).__name__}: {err}"
        ) from None
    if f'check("{exercise_id}"' not in text:
        raise BuildError(
            f'{where}: no `check("{exercise_id}", {exercise.function_name})` call in the notebook'
        )
    return exercise


def _notebook(cells: list[NotebookNode], source: str, version: str) -> NotebookNode:
    """A notebook with deterministic cell ids and no outputs."""
    for index, cell in enumerate(cells):
        cell["id"] = f"c{index:03d}"
    metadata = {
        "kernelspec": dict(_KERNELSPEC),
        "language_info": {"name": "python"},
        "course": {"source": source, "version": version, "generated_by": "course build"},
    }
    nb = nbformat.v4.new_notebook(cells=cells, metadata=metadata)
    nb.nbformat_minor = 5
    nbformat.validate(nb)
    return nb


def targets(source: Path) -> tuple[Path, Path]:
    """(learner path, solution path) for a source."""
    name = source.with_suffix(".ipynb").name
    return LEARNER_DIR / name, SOLUTION_DIR / name


def render(nb: NotebookNode) -> str:
    """The exact text written to disk."""
    return nbformat.writes(nb) + "\n"


def sources(paths: Sequence[str] = ()) -> list[Path]:
    """The requested sources, or every notebooks/src/*.py."""
    if not paths:
        return sorted(SOURCE_DIR.glob("[0-9][0-9]_*.py"))
    found = [Path(p).resolve() for p in paths]
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise BuildError(f"no such notebook source: {', '.join(missing)} (sources live in notebooks/src/)")
    return found


def _outputs(source: Path) -> list[tuple[Path, str]]:
    """(target path, text) of both notebooks generated from `source`."""
    return [(target, render(nb)) for nb, target in zip(build_notebooks(source), targets(source), strict=True)]


def _is_current(target: Path, text: str) -> bool:
    return target.is_file() and target.read_text(encoding="utf-8") == text


def stale(paths: Sequence[str] = ()) -> list[Path]:
    """Generated notebooks that are missing or differ from what the sources generate (raises BuildError)."""
    return [
        target
        for source in sources(paths)
        for target, text in _outputs(source)
        if not _is_current(target, text)
    ]


def build(paths: Sequence[str] = ()) -> list[Path]:
    """Write the learner and solution notebooks of each source; return the files written (raises BuildError)."""
    written = []
    for source in sources(paths):
        for target, text in _outputs(source):
            if not _is_current(target, text):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                written.append(target)
    return written


def main_build(argv: Sequence[str] | None = None) -> int:
    """`course build [--check] [SOURCE ...]`; exit status 0 ok, 1 out of date, 2 a source cannot be built.

    Each source is handled on its own, so one broken notebook does not block the others.
    """
    parser = argparse.ArgumentParser(
        prog="course build", description="Generate learner and solution notebooks."
    )
    parser.add_argument("sources", nargs="*", help="notebooks/src/NN_name.py files (default: all)")
    parser.add_argument("--check", action="store_true", help="fail if a generated notebook is out of date")
    args = parser.parse_args(argv)
    try:
        found = sources(args.sources)
    except BuildError as err:
        print(f"course build: {err}", file=sys.stderr)
        return 2
    status = 0
    for source in found:
        try:
            changed = stale([str(source)]) if args.check else build([str(source)])
        except BuildError as err:
            print(f"course build: {err}", file=sys.stderr)
            status = 2
            continue
        for path in changed:
            print(f"{'out of date' if args.check else 'wrote'}: {_relative(path)}")
        if changed and args.check:
            status = max(status, 1)
    if status == 1:
        print("run `course build` and commit the regenerated notebooks")
    elif status == 0:
        print(f"{len(found)} source(s): generated notebooks {'up to date' if args.check else 'written'}")
    return status


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


# --------------------------------------------------------------------------------------------- Colab set-up


def _with_colab_setup(nb: NotebookNode) -> NotebookNode:
    """`nb` with the Colab set-up cell first (course_utils.launch: installs the course on Colab, a no-op elsewhere).

    Its id is fixed ("colab-setup"), so the ids of the other cells do not move; the tag `remove-cell` keeps it off
    the course website.
    """
    from course_utils.launch import colab_setup_source

    cell = nbformat.v4.new_code_cell(colab_setup_source(), metadata={"tags": ["remove-cell"]})
    cell["id"] = "colab-setup"
    nb.cells.insert(0, cell)
    nbformat.validate(nb)
    return nb


if __name__ == "__main__":
    sys.exit(main_build(sys.argv[1:]))
