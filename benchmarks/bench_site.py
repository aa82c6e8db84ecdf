"""Benchmark: how long `course site` takes (target: <= 3 minutes on 2 cores from cached executions).

    python benchmarks/bench_site.py [--execute GLOB] [--write-results]

Three builds of the full website, every chapter executed, one after the other in this process:
  (1) fill: as `course site` after a fresh clone or a code change (executes what the cache lacks);
  (2) from cache, clean: `course site --clean` with the executions cached (every page re-rendered, no kernel);
  (3) after a prose edit: one markdown cell of chapter 05 changed (one page re-read, no kernel).
Each row gives wall seconds, CPU seconds (this process + finished child processes, i.e. kernels) and the number of
notebook executions jupyter-cache recorded. Results go to benchmarks/RESULTS_site.md with --write-results.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_utils.site import SITE_DIR, SOLUTION_DIR, WORK_DIR, broken_links, build_site  # noqa: E402


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _executions() -> int:
    from jupyter_cache import get_cache

    return len(get_cache(WORK_DIR / "jupyter_cache").list_cache_records())


def _timed(label: str, execute: str, **kwargs: object) -> dict[str, object]:
    before, cpu, start = (
        _executions() if (WORK_DIR / "jupyter_cache").exists() else 0,
        _cpu(),
        time.perf_counter(),
    )
    result = build_site(SITE_DIR, work_dir=WORK_DIR, quiet=True, execute=execute, **kwargs)
    row = {
        "build": label,
        "wall": time.perf_counter() - start,
        "cpu": _cpu() - cpu,
        "new executions": _executions() - before,
        "warnings": len(result.warnings),
        "broken": len(broken_links(SITE_DIR)),
    }
    print(row, flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--execute", default="*", help="chapters executed, as `course site --execute` (default all)"
    )
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    rows = [_timed("(1) fill the cache (course site)", args.execute)]
    rows.append(_timed("(2) from cache, every page (course site --clean)", args.execute, clean=True))
    with tempfile.TemporaryDirectory() as tmp:
        solutions = Path(tmp) / "solutions"
        shutil.copytree(SOLUTION_DIR, solutions)
        path = solutions / "05_ablation_and_addition.ipynb"
        nb = nbformat.read(path, as_version=4)
        cell = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## "))
        cell.source += "\n\nA prose edit made by the benchmark."
        nbformat.write(nb, path)
        rows.append(_timed("(3) after a prose edit of chapter 05", args.execute, solution_dir=solutions))
    _timed("(restore the pages from the repository)", args.execute)
    table = [
        "| build | wall s | CPU s | new executions | warnings | broken links |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {r['build']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['new executions']} | {r['warnings']} | "
            f"{r['broken']} |"
            for r in rows
        ),
    ]
    text = (
        "# `course site` build times\n\n"
        f"Measured by `python benchmarks/bench_site.py {' '.join(sys.argv[1:])}` on {time.strftime('%Y-%m-%d')}, "
        f"{platform.machine()}, Python {platform.python_version()}, chapters executed: `{args.execute}` (the others "
        "published without outputs), 2 CPU cores SHARED with other jobs (wall "
        "times are inflated by the neighbours; CPU seconds are this process and its finished kernels). Row (1) "
        "executes only what the cache lacked when it ran.\n\n" + "\n".join(table) + "\n"
    )
    print(text)
    if args.write_results:
        (ROOT / "benchmarks" / "RESULTS_site.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
