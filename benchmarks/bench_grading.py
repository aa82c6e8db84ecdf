"""Benchmark of `course grade`: 20 submissions of notebook 05 on this machine, every result checked.

    python benchmarks/bench_grading.py [--jobs 2] [--timeout 120] [--out benchmarks/RESULTS_grading.md]

The 20 submissions are built from the real learner notebook 05 (every cell runs, model and all): 6 complete, 4
untouched, 4 with named mistakes, 3 cheaters (a fake `check` that prints "✔ passed"; `check` and torch
monkeypatched; the exercise registry edited), a notebook that hangs, one that crashes its kernel, and a corrupt
file. The expected row of each is known by construction; the script runs `course grade` once (a subprocess, as a
teacher would), compares every row with its expectation and writes wall time, CPU time and the comparison.
Target (issue 13): <= 10 minutes on 2 cores, every honest result right, every bad one on its own error row.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_utils.exercises.build import SOURCE_DIR, build_notebooks  # noqa: E402

IDS = ["05.ablate", "05.add_direction", "05.is_refusal"]
WRONG = {
    "05.ablate": "def ablate(x, direction):\n    r = direction / direction.norm()\n"
    "    return x + (x * r).sum(-1, keepdim=True) * r\n",
    "05.add_direction": "def add_direction(x, vector, coeff=1.0):\n    return x + vector.to(x.dtype)\n",
    "05.is_refusal": "from course_utils.metrics import REFUSAL_PHRASES\n\n"
    "def is_refusal(text):\n    return any(p in text for p in REFUSAL_PHRASES)\n",
}
CHEAT_BODIES = {
    "05.ablate": "def ablate(x, direction):\n    return x\n",
    "05.add_direction": "def add_direction(x, vector, coeff=1.0):\n    return x\n",
    "05.is_refusal": "def is_refusal(text):\n    return True\n",
}
CHEATS = {
    "fake_check": "def check(exercise_id, fn, **ctx):\n    print(f'✔ passed · {exercise_id}: 2 cases match')\n",
    "patched": "import torch\nimport course_utils.exercises.checking as checking\n"
    "from course_utils.exercises.checking import CheckResult\n"
    "checking._run = lambda e, fn, ctx: CheckResult(e.id, True, 'passed', 'all cases match')\n"
    "torch.allclose = lambda *a, **k: True\n",
    "registry": "import dataclasses\nfrom course_utils.exercises.registry import _REGISTRY, get\n"
    "for i in ['05.ablate', '05.add_direction', '05.is_refusal']:\n"
    "    _REGISTRY[i] = dataclasses.replace(get(i), cases=lambda ctx: [])\n",
}


def _variant(
    learner: nbformat.NotebookNode, bodies: dict[str, str], before: str = "", after: str = ""
) -> nbformat.NotebookNode:
    """A copy of the learner notebook with exercise cells replaced, a cell inserted before the first exercise
    and one appended at the end."""
    nb = nbformat.reads(nbformat.writes(learner), as_version=4)  # a copy
    for cell in nb.cells:
        exercise = cell.get("metadata", {}).get("exercise")
        if exercise in bodies:
            cell.source = bodies[exercise]
    at = next(i for i, c in enumerate(nb.cells) if "exercise" in c.get("metadata", {}))
    if before:
        nb.cells.insert(at, nbformat.v4.new_code_cell(before))
    if after:
        nb.cells.append(nbformat.v4.new_code_cell(after))
    return nb


def make_submissions(folder: Path) -> dict[str, dict]:
    """Write the 20 submissions; return learner -> expected {"outcomes": {...}, "error": substring or ""}."""
    learner, solution = build_notebooks(SOURCE_DIR / "05_ablation_and_addition.py")
    solutions = {c.metadata["exercise"]: c.source for c in solution.cells if "exercise" in c.metadata}
    passed, failed, blank = "passed", "failed", "not attempted"
    expected: dict[str, dict] = {}

    def add(name: str, nb, outcomes: dict[str, str] | None, error: str = "") -> None:
        nbformat.write(nb, folder / f"{name}.ipynb")
        expected[name] = {"outcomes": outcomes, "error": error}

    for i in range(6):
        add(f"complete_{i}", _variant(learner, solutions), dict.fromkeys(IDS, passed))
    for i in range(4):
        add(f"untouched_{i}", _variant(learner, {}), dict.fromkeys(IDS, blank))
    for i, wrong in enumerate(IDS):
        bodies = {**solutions, wrong: WRONG[wrong]}
        add(f"mistake_{i}", _variant(learner, bodies), {e: failed if e == wrong else passed for e in IDS})
    add("mistake_3", _variant(learner, WRONG), dict.fromkeys(IDS, failed))
    add(
        "cheat_fake_check",
        _variant(learner, {}, CHEATS["fake_check"], "print('✔ passed' * 3)"),
        dict.fromkeys(IDS, blank),
    )
    add("cheat_patched", _variant(learner, CHEAT_BODIES, CHEATS["patched"]), dict.fromkeys(IDS, failed))
    add("cheat_registry", _variant(learner, CHEAT_BODIES, CHEATS["registry"]), dict.fromkeys(IDS, failed))
    add("hang", _variant(learner, solutions, after="import time\ntime.sleep(100000)"), None, "timed out")
    add("crash", _variant(learner, solutions, after="import os\nos._exit(1)"), None, "kernel died")
    text = (folder / "complete_0.ipynb").read_text()
    (folder / "corrupt.ipynb").write_text(text[: len(text) // 3])
    expected["corrupt"] = {"outcomes": None, "error": "not a readable notebook"}
    return expected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=120, help="seconds per notebook")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS_grading.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        subs = Path(tmp) / "submissions"
        subs.mkdir()
        expected = make_submissions(subs)
        grades = Path(tmp) / "grades.csv"
        command = [sys.executable, "-m", "course_utils.grading", str(subs), "--out", str(grades)]
        command += ["--jobs", str(args.jobs), "--timeout", str(args.timeout)]
        load_before = os.getloadavg()
        start = time.perf_counter()
        log = ROOT / "build" / "bench_grading.log"  # live progress: one line per graded submission
        log.parent.mkdir(exist_ok=True)
        with log.open("w") as handle:
            done = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
        wall = time.perf_counter() - start
        load_after = os.getloadavg()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows = {row["learner"]: row for row in csv.DictReader(grades.open(encoding="utf-8"))}
    lines, n_right = [], 0
    for name, want in sorted(expected.items()):
        row = rows.get(name, {})
        got = {i: row.get(i, "") for i in IDS}
        if want["outcomes"] is None:
            right = want["error"] in row.get("error", "") and row.get("total") == ""
        else:
            right = got == want["outcomes"] and row.get("error") == ""
        n_right += right
        shown = row.get("error") or ", ".join(got.values())
        lines.append(f"| {name} | {'right' if right else 'WRONG'} | {shown} |")
    cpu = usage.ru_utime + usage.ru_stime
    report = [
        "# Benchmark: `course grade` on 20 submissions of notebook 05 (benchmarks/bench_grading.py)",
        "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; machine: {platform.machine()}, "
        f"{os.cpu_count()} CPU cores, Python {platform.python_version()}",
        f"- `course grade --jobs {args.jobs} --timeout {args.timeout}` (exit status {done.returncode}), run under "
        f"`nice -n 10` on a machine SHARED with other jobs: load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after (2 cores)",
        f"- wall time: {wall:.0f} s ({wall / 60:.1f} min; target <= 10 min); CPU time of the grader, its workers and "
        f"kernels: {cpu:.0f} s",
        f"- rows as expected: {n_right} / {len(expected)}",
        "",
        "| submission | verdict | row (error, or the three exercises) |",
        "|---|---|---|",
        *lines,
        "",
    ]
    args.out.write_text("\n".join(report))
    print("\n".join(report))
    return 0 if n_right == len(expected) else 1


if __name__ == "__main__":
    sys.exit(main())
