"""The `course` command: `course run` executes notebooks headless; `course build` generates them from sources.

    course run [--model NAME] [--notebooks GLOB] [--solutions] [--timeout S] [--out DIR]
    course build [--check] [SOURCE ...]
    course site [--out DIR] [--execute GLOB] [--clean]      (course_utils.site: the website)
    course grade SUBMISSIONS/ [--out grades.csv] [--assignment NN] [--timeout S] [--jobs N]  (docs/GRADING.md)

`course run` passes the model to the notebooks through the environment variable COURSE_MODEL (read by
`course_utils.models.default_model_name()`), writes each executed notebook and a summary table (notebook, status,
seconds) to the output folder, prints the table, and exits with status 1 if any notebook failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from course_utils._paths import BUILD_DIR, NOTEBOOK_DIR, SOLUTION_DIR


@dataclass
class RunResult:
    """Outcome of executing one notebook."""

    notebook: str
    status: str  # "ok", "failed" or "timeout"
    seconds: float
    error: str = ""


def find_notebooks(pattern: str | None, solutions: bool) -> list[Path]:
    """Notebooks to run: `pattern` as a path glob if it contains a folder, else a file-name glob in the notebook
    folder (notebooks/ or notebooks/solutions/). Default: every notebook of that folder, sorted."""
    folder = SOLUTION_DIR if solutions else NOTEBOOK_DIR
    pattern = pattern or "*.ipynb"
    if os.sep in pattern or "/" in pattern:
        base = Path(pattern).anchor or "."
        return sorted(Path(base).glob(str(Path(pattern).relative_to(base))))
    found = sorted(folder.glob(pattern))
    if not found and not any(c in pattern for c in "*?["):  # a bare prefix such as "04" or "04_refusal"
        found = sorted(folder.glob(f"{pattern}*.ipynb"))
    return found


def _short_error(err: BaseException) -> str:
    """The last line of a cell error (the exception), trimmed for the table."""
    lines = [line for line in str(err).strip().splitlines() if line.strip()]
    last = lines[-1] if lines else type(err).__name__
    return last[:200].replace("|", "/")


def execute_notebook(path: Path, out_path: Path, timeout: int) -> RunResult:
    """Execute one notebook with nbclient (kernel python3, working directory = its folder); save the result."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    status, error = "ok", ""
    try:
        client.execute()
    except CellTimeoutError as err:
        status, error = "timeout", _short_error(err)
    except CellExecutionError as err:
        status, error = "failed", _short_error(err)
    except Exception as err:  # kernel died, bad notebook, ...: report, keep going with the others
        status, error = "failed", f"{type(err).__name__}: {_short_error(err)}"
    seconds = time.perf_counter() - start
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_path)
    return RunResult(path.name, status, seconds, error)


def summary_table(results: Sequence[RunResult], model: str | None) -> str:
    """A markdown table: notebook | status | seconds | error."""
    lines = [
        f"# course run: model {model or 'organism (default)'}, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        "| notebook | status | seconds | error |",
        "|---|---|---:|---|",
    ]
    lines += [f"| {r.notebook} | {r.status} | {r.seconds:.1f} | {r.error} |" for r in results]
    n_ok = sum(r.status == "ok" for r in results)
    lines += ["", f"{n_ok}/{len(results)} notebooks ran without error."]
    return "\n".join(lines) + "\n"


def main_run(argv: Sequence[str] | None = None) -> int:
    """`course run`: execute notebooks headless; exit status 0 if all ran, 1 if any failed, 2 if none found."""
    parser = argparse.ArgumentParser(prog="course run", description="Execute the course notebooks headless.")
    parser.add_argument(
        "--model", default=None, help="model for every notebook (sets COURSE_MODEL); default: organism"
    )
    parser.add_argument(
        "--notebooks",
        default=None,
        help="glob or prefix of notebooks, e.g. '0[0-3]*.ipynb' or 04 (default: all)",
    )
    parser.add_argument(
        "--solutions", action="store_true", help="run notebooks/solutions/ instead of notebooks/"
    )
    parser.add_argument("--timeout", type=int, default=1200, help="seconds allowed per cell (default 1200)")
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="output folder (default: build/)")
    args = parser.parse_args(argv)

    notebooks = find_notebooks(args.notebooks, args.solutions)
    if not notebooks:
        print(f"course run: no notebooks match {args.notebooks or '*.ipynb'}", file=sys.stderr)
        return 2
    executed_dir = args.out / ("executed_solutions" if args.solutions else "executed")
    results = []
    previous = os.environ.get("COURSE_MODEL")
    if args.model:
        os.environ["COURSE_MODEL"] = args.model  # the kernels inherit it
    try:
        for path in notebooks:
            print(f"running {path.name} ...", flush=True)
            results.append(execute_notebook(path, executed_dir / path.name, args.timeout))
    finally:  # leave the caller's environment as it was
        if previous is None:
            os.environ.pop("COURSE_MODEL", None)
        else:
            os.environ["COURSE_MODEL"] = previous
    table = summary_table(results, args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    summary = args.out / ("run_summary_solutions.md" if args.solutions else "run_summary.md")
    summary.write_text(table)
    print(table)
    print(f"executed notebooks: {executed_dir}\nsummary: {summary}")
    return 0 if all(r.status == "ok" for r in results) else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `course` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "run": "execute notebooks headless",
        "build": "generate notebooks from notebooks/src",
        "site": "build the course website into build/site/",
        "grade": "grade submitted learner notebooks",
    }
    if not argv or argv[0] not in commands:
        usage = "\n".join(f"  course {name:<6} {help}" for name, help in commands.items())
        print(
            f"usage: course {{{','.join(commands)}}} [options]\n{usage}\n(course COMMAND --help for options)",
            file=sys.stderr,
        )
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    if argv[0] == "build":
        from course_utils.exercises.build import main_build  # lazy: the builder imports jupytext

        return main_build(argv[1:])
    if argv[0] == "site":
        from course_utils.site import main_site  # lazy: the site needs the `site` extra (Sphinx, myst-nb)

        return main_site(argv[1:])
    if argv[0] == "grade":
        from course_utils.grading import main_grade

        return main_grade(argv[1:])
    return main_run(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
