"""Grading submitted learner notebooks: `course grade SUBMISSIONS/ --out grades.csv`.

Each submission is graded in its own worker process (`python -m course_utils.grading worker ...`), in three steps:

1. **Trusted set-up, before any learner code runs.** The worker imports the exercise registry, the chapter modules
   (cases, references, named mistakes) and, if a check needs it, the model, fresh from disk.
2. **Untrusted execution.** A grader cell prepended to the notebook captures the harvest (its tools and a private
   copy of each exercise) before any learner code runs. The notebook, copied into a fresh temporary working folder,
   runs top to bottom in its own Jupyter kernel (a separate process, stdout and stderr to /dev/null) under a time
   limit for the whole notebook. A cell that raises does not stop the run. At the end an appended grader cell runs
   the captured harvest: it calls each learner function (looked up by its name) on the exercise's cases and saves
   the outputs as plain data (`plain`: tensors, numbers, strings, lists, dicts, dataclass fields) and the input
   tensors after the call to a file. For an exercise with `evaluate` (hook lists, models: not data), it saves
   `evaluate(output, case)` instead, computed in the kernel by the captured `evaluate`. No verdict is computed there.
3. **Trusted verdict.** Back in the worker, the outputs are loaded with `torch.load(weights_only=True)` (which
   builds plain data only, never runs code) and fed to the official `check` machinery
   (`course_utils.exercises.checking._run`) in place of the learner's function: the cases, the references and the
   diagnoses are the worker's own, loaded in step 1. So redefining or monkeypatching `check`, editing the exercise
   registry, patching the library, or printing "✔ passed" changes nothing the grade is computed from. The printed
   outputs of the notebook are never read.

The parent (`grade`) runs `jobs` workers at a time (default: one per CPU core; each kernel uses one thread), kills a
worker and its kernel that overrun the limit, gives every unreadable, non-notebook, hanging, crashing or
file-deleting submission its own error row, and writes the CSV and one feedback file per learner.

Threat model and its limits (docs/GRADING.md): learner code runs as the same operating-system user as the grader.
It cannot change the verdict through the kernel, but it could, in principle, change the course's files on disk
(the grader hashes `course_utils/` and `data/` after every submission and stops if they changed), or read the
reference solutions (they are in the library: a function that calls the reference passes, as copying the solution
would). The evaluated outputs of exercises with `evaluate` are computed in the kernel, by the captured `evaluate`
but with whatever torch and model code the kernel then holds (docs/GRADING.md says what that trusts). For high-stakes
exams, run `course grade` in a container or as a separate user with a read-only checkout.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from course_utils._environment import kernel_env
from course_utils._paths import NOTEBOOK_DIR, REPO_ROOT

LEARNER_DIR = NOTEBOOK_DIR
DEFAULT_TIMEOUT_S = 300
_GRACE_S = 60  # worker overhead on top of the notebook's limit: imports, kernel start, harvest, shutdown
_RESULT_MARKER = "@@course-grade-result@@"
_OBJECT_KEY = "__course_grade_object__"
_DATACLASS_KEY = "__course_grade_dataclass__"
PASSED, FAILED, NOT_ATTEMPTED = "passed", "failed", "not attempted"


# ------------------------------------------------------------------------------------------------ results


@dataclass
class ExerciseGrade:
    """The official verdict on one exercise: `outcome` is passed / failed / not attempted; `line` is the check's
    one line (`✔ passed · 05.ablate: 2 cases match the reference`)."""

    exercise_id: str
    outcome: str
    status: str
    line: str


@dataclass
class SubmissionGrade:
    """One row of the grade table. `error` is empty for a graded submission; an error row (unreadable file, hang,
    crash, deleted files) keeps whatever verdicts were obtained, but has no total: a teacher should look at it."""

    learner: str
    file: str
    chapter: str = ""
    exercises: list[ExerciseGrade] = field(default_factory=list)
    error: str = ""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int | None:
        return None if self.error else sum(e.outcome == PASSED for e in self.exercises)


# ------------------------------------------------------------------------------------------------ assignment


def notebook_chapter(nb: Mapping[str, Any]) -> str | None:
    """The two-digit chapter of a course notebook: from its `course.source` metadata, else its exercise cells."""
    source = nb.get("metadata", {}).get("course", {}).get("source", "")
    name = Path(str(source)).name
    if name[:2].isdigit():
        return name[:2]
    ids = [c.get("metadata", {}).get("exercise") for c in nb.get("cells", [])]
    chapters = Counter(str(i)[:2] for i in ids if isinstance(i, str) and i[:2].isdigit())
    return chapters.most_common(1)[0][0] if chapters else None


def assignment_exercises(chapter: str, learner_dir: Path = LEARNER_DIR) -> list[str]:
    """The exercise ids of the OFFICIAL learner notebook of `chapter`, in notebook order (never the submission's)."""
    import nbformat

    found = sorted(learner_dir.glob(f"{chapter}_*.ipynb"))
    if not found:
        raise ValueError(
            f"no learner notebook notebooks/{chapter}_*.ipynb: is {chapter!r} a chapter of the course?"
        )
    nb = nbformat.read(found[0], as_version=4)
    return [c.metadata["exercise"] for c in nb.cells if "exercise" in c.get("metadata", {})]


def find_submissions(folder: Path) -> list[Path]:
    """Every regular file under `folder` (recursively), sorted; hidden files and checkpoint folders skipped.

    Every file is a submission, so a stray PDF or a corrupt notebook gets its own error row instead of vanishing.
    """
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder: give the folder holding the submitted notebooks")
    files = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(p.startswith(".") for p in parts):
            files.append(path)
    return files


def learner_name(path: Path, folder: Path) -> str:
    """`alice` for alice.ipynb; `alice/05_ablation_and_addition` for nbgrader's one-folder-per-student layout."""
    relative = path.relative_to(folder)
    return relative.with_suffix("").as_posix() if relative.suffix == ".ipynb" else relative.as_posix()


# ------------------------------------------------------------------------------------------------ harvest
# Two grader cells run in the learner's kernel. The first (prepended: it runs BEFORE any learner code) imports the
# harvest's tools and captures each exercise (cases, `evaluate`) in a closure, so editing the registry later changes
# nothing; the second (appended) calls the captured harvest. The harvest returns data only; it decides nothing.

_PREPARE = r"""
def __course_grade_prepare(exercise_ids):
    import copy
    import numbers

    import torch

    from course_utils.exercises.checking import (
        _build_cases, _copy, _describe_exception, _hook_keys, _models, _remove_leaked_hooks,
    )
    from course_utils.exercises.registry import get
    from course_utils.grading import plain
    from course_utils.models import default_model_name, load_model

    exercises = {}
    for exercise_id in exercise_ids:
        try:
            exercises[exercise_id] = copy.copy(get(exercise_id))  # private: registry edits miss it
        except Exception as err:
            exercises[exercise_id] = err
    save, no_grad = torch.save, torch.no_grad
    ctx = {}
    if any("model" in getattr(e, "requires", ()) for e in exercises.values()):
        try:  # loaded now, before the learner's code: its own copy, whatever the notebook does to its folder
            ctx["model"] = load_model(default_model_name())
        except Exception as err:
            ctx["model"] = err

    def call(exercise, fn, case, ctx):
        # One call of the learner's function on a copy of `case`: what it returned (evaluated, for exercises
        # whose outputs are hooks or models), or how it failed.
        learner_case = _copy(case)
        models = _models([*ctx.values(), *learner_case.values()])
        if models:  # as the official check does: the reference runs first (a first forward pass may set up hooks)
            exercise.reference(**_copy(case))
        before = [_hook_keys(m) for m in models]
        try:
            out = fn(**learner_case)
        except NotImplementedError:
            _remove_leaked_hooks(models, before)
            return {"kind": "not_attempted"}
        except Exception as err:
            _remove_leaked_hooks(models, before)
            return {"kind": "error", "message": _describe_exception(err, fn)}
        leak = _remove_leaked_hooks(models, before)
        if leak:
            return {"kind": "hook_leak", "message": leak}
        record = {"kind": "ok"}
        if exercise.evaluate is not None:
            try:
                with no_grad():
                    out = exercise.evaluate(out, learner_case)
            except Exception as err:
                return {"kind": "unusable", "error": type(err).__name__, "message": str(err)[:300]}
            record["evaluated"] = True
        record["out"] = plain(out)
        record["inputs"] = {
            k: v.detach().clone() for k, v in learner_case.items() if isinstance(v, torch.Tensor)
        }
        return record

    def harvest(namespace, plan, out_path):
        records = {}
        for exercise_id, name in plan:
            fn = namespace.get(name)
            if fn is None:
                records[exercise_id] = {"status": "missing"}
                continue
            if not callable(fn):
                records[exercise_id] = {"status": "not_callable"}
                continue
            try:
                exercise = exercises[exercise_id]
                if isinstance(exercise, Exception):
                    raise exercise
                if isinstance(ctx.get("model"), Exception):
                    raise ctx["model"]
                calls = []
                for case in _build_cases(exercise, ctx):
                    calls.append(call(exercise, fn, case, ctx))
                    if calls[-1]["kind"] != "ok":
                        break
                records[exercise_id] = {"status": "called", "calls": calls}
            except Exception as err:
                records[exercise_id] = {"status": "harvest_error", "message": f"{type(err).__name__}: {err}"[:300]}
        save(records, out_path)
        return len(records)

    return harvest
"""


def plain(value: Any, depth: int = 0, *, strict: bool = False) -> Any:
    """`value` as plain data that `torch.load(weights_only=True)` reads back: tensors, numbers, strings, None, lists,
    tuples, dicts; a dataclass becomes its type name and fields; anything else a type marker, or (`strict`, for the
    grader's own outputs) a TypeError. The kernel converts the learner's outputs with it, the worker the reference's
    and the named mistakes', so both sides are compared in the same form."""
    import dataclasses
    import numbers

    import torch

    if depth > 20:
        return {_OBJECT_KEY: "deeply nested object"}
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if value is None or isinstance(value, bool | int | float | complex | str):
        return value
    if isinstance(value, list | tuple):
        items = [plain(v, depth + 1, strict=strict) for v in value]
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict) and all(isinstance(k, str | int) for k in value):
        return {k: plain(v, depth + 1, strict=strict) for k, v in value.items()}
    if isinstance(value, numbers.Number) and hasattr(value, "item"):
        return value.item()  # a numpy scalar: compare as a Python number
    kind = type(value)
    name = f"{kind.__module__}.{kind.__qualname__}"
    if dataclasses.is_dataclass(value):
        fields = {
            f.name: plain(getattr(value, f.name), depth + 1, strict=strict) for f in dataclasses.fields(value)
        }
        return {_DATACLASS_KEY: name, "fields": fields}
    if strict:
        raise TypeError(
            f"an output of type {name} cannot be graded from a harvest: give the exercise an `evaluate`"
        )
    return {_OBJECT_KEY: name}


def prepare_source(exercise_ids: Sequence[str]) -> str:
    """The cell prepended to a submission: capture the harvest (and each exercise) before any learner code runs."""
    return (
        f"{_PREPARE}\n__course_grade_harvest = __course_grade_prepare({list(exercise_ids)!r})\n"
        "del __course_grade_prepare\n"
    )


def harvest_source(plan: Sequence[tuple[str, str]], out_path: Path) -> str:
    """The cell appended to a submission: call the harvest captured by the prepended cell, then delete it."""
    call = f"__course_grade_harvest(globals(), {list(plan)!r}, {str(out_path)!r})"
    return f"{call}\ndel __course_grade_harvest\n"


# ------------------------------------------------------------------------------------------------ verdict


class _RecordedError(Exception):
    """The learner's function raised in the kernel; `_run` turns this into a failure we then relabel."""


def _unmarshal(value: Any) -> Any:
    """Type markers back into stand-in objects whose type name is the original's (for `wrong type` messages)."""
    if isinstance(value, dict):
        if set(value) == {_OBJECT_KEY}:
            module, _, name = str(value[_OBJECT_KEY]).rpartition(".")
            return type(name or "object", (), {"__module__": module or "builtins"})()
        return {k: _unmarshal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unmarshal(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_unmarshal(v) for v in value)
    return value


def official_grade(
    exercise_id: str, record: Mapping[str, Any] | None, ctx: Mapping[str, Any]
) -> ExerciseGrade:
    """The verdict of the official check on the outputs a learner's function produced in the kernel.

    `record` is the harvest of one exercise (None: the harvest never ran). The official `_run` builds its own cases
    and references; a replay function stands in for the learner's, returning the recorded output of each case and
    writing the recorded post-call inputs into the grader's copies (so "modified `x` in place" is detected here).
    """
    import torch

    from course_utils.exercises.checking import _run, _shorten
    from course_utils.exercises.registry import get

    exercise = get(exercise_id)
    if record is None:
        return _grade(exercise_id, FAILED, "not_graded", "not graded: the notebook did not run to the end")
    status = record.get("status")
    if status == "missing":
        message = (
            f"no function `{exercise.function_name}` in the notebook (exercise cell deleted or renamed?)"
        )
        return _grade(exercise_id, NOT_ATTEMPTED, "not_attempted", message)
    if status == "not_callable":
        return _grade(exercise_id, FAILED, "bad_call", f"`{exercise.function_name}` is not a function")
    if status != "called":
        detail = record.get("message", "no record")
        return _grade(exercise_id, FAILED, "error", f"the grader could not call your function: {detail}")
    calls = list(record.get("calls", []))
    index = 0
    raised: list[tuple[str, str]] = []  # (status, message) of what the learner's function did in the kernel

    def replay(**learner_case: Any) -> Any:
        nonlocal index
        call = calls[index] if index < len(calls) else {"kind": "error", "message": "no output for this case"}
        index += 1
        if call["kind"] == "not_attempted":
            raise NotImplementedError
        if call["kind"] in ("error", "hook_leak"):
            raised.append((call["kind"], str(call["message"])))
            raise _RecordedError(raised[-1][1])
        for name, after in call.get("inputs", {}).items():
            mine = learner_case.get(name)
            if (
                isinstance(mine, torch.Tensor)
                and isinstance(after, torch.Tensor)
                and mine.shape == after.shape
            ):
                mine.copy_(after.to(mine.dtype))
        return _Recorded(call)

    try:
        result = _run(_judged_on_records(exercise), replay, ctx)
    except Exception as err:  # noqa: BLE001 - the official machinery failing on odd output is the learner's fail
        return _grade(
            exercise_id, FAILED, "error", f"your output could not be checked: {type(err).__name__}: {err}"
        )
    status, message = result.status, result.message
    if status == "error" and raised:  # the learner's own exception (or hook leak), as described in the kernel
        where = re.search(r" \[case \d+ of \d+(: .*)?\]$", message)
        status = raised[-1][0]
        message = _shorten(raised[-1][1] + (where.group(0) if where else ""))
    outcome = PASSED if result.passed else NOT_ATTEMPTED if status == "not_attempted" else FAILED
    return _grade(exercise_id, outcome, status, message)


@dataclass
class _Recorded:
    """One call's kernel record, standing for the learner's output. For an exercise with `evaluate` it holds what
    the output DOES (e.g. the logits under its hooks), computed in the kernel by the grader's copy of `evaluate`,
    captured before the learner's code ran (docs/GRADING.md says what that trusts)."""

    call: Mapping[str, Any]


def _judged_on_records(exercise: Any) -> Any:
    """`exercise` with an `evaluate` that passes a recorded learner output (`_Recorded`) through, and puts every
    output computed here (the reference's, the named mistakes') through the official `evaluate`, if any, then into
    the same plain form as the kernel's records, so both sides of each comparison have the same form."""
    import dataclasses

    official = exercise.evaluate

    def evaluate(output: Any, case: Any) -> Any:
        if not isinstance(output, _Recorded):
            return _unmarshal(plain(output if official is None else official(output, case), strict=True))
        call = output.call
        if call["kind"] == "unusable":  # the official evaluate raised in the kernel: report it as `_run` does
            raise type(str(call.get("error", "Error")), (Exception,), {})(str(call.get("message", "")))
        if official is not None and not call.get("evaluated"):
            raise ValueError("the grader's harvest holds no evaluated output for this case")
        return _unmarshal(call.get("out"))

    return dataclasses.replace(exercise, evaluate=evaluate)


def _grade(exercise_id: str, outcome: str, status: str, message: str) -> ExerciseGrade:
    from course_utils.exercises.checking import FAILED as FAILED_MARK
    from course_utils.exercises.checking import NOT_ATTEMPTED as NOT_ATTEMPTED_MARK
    from course_utils.exercises.checking import PASSED as PASSED_MARK

    mark = {PASSED: PASSED_MARK, NOT_ATTEMPTED: NOT_ATTEMPTED_MARK}.get(outcome, FAILED_MARK)
    return ExerciseGrade(exercise_id, outcome, status, f"{mark} · {exercise_id}: {message}")


# ------------------------------------------------------------------------------------------------ worker


def _cell_errors(cells: Sequence[Any]) -> list[str]:
    """`cell 12: NameError: name 'x' is not defined` for each code cell whose output is an error."""
    found = []
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index + 1}: {output.get('ename')}: {str(output.get('evalue'))[:120]}")
    return found


def grade_one(path: Path, exercise_ids: Sequence[str], timeout_s: float, learner: str) -> SubmissionGrade:
    """Grade one submission (call in a process of its own: it starts a kernel). Never raises for bad input."""
    import nbformat

    grade = SubmissionGrade(learner=learner, file=path.name)
    start = time.perf_counter()
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # noqa: BLE001 - any unreadable file is an error row
        grade.error = (
            f"not a readable notebook ({type(err).__name__}: {_one_line(err)}); ask for the .ipynb file"
        )
        return grade
    grade.chapter = notebook_chapter(nb) or ""
    if exercise_ids and grade.chapter and grade.chapter != exercise_ids[0][:2]:
        grade.notes.append(
            f"this is notebook {grade.chapter}, the assignment is notebook {exercise_ids[0][:2]}"
        )

    # 1. trusted set-up: everything the verdict uses is imported before any learner code runs
    from course_utils.exercises.registry import get

    exercises = [get(i) for i in exercise_ids]
    ctx: dict[str, Any] = {}
    if any("model" in e.requires for e in exercises):
        from course_utils.models import default_model_name, load_model

        ctx["model"] = load_model(default_model_name())

    # 2. untrusted execution, in two private temporary folders (work: the kernel's; out: the harvest's)
    with (
        tempfile.TemporaryDirectory(prefix="course-grade-work-", ignore_cleanup_errors=True) as work,
        tempfile.TemporaryDirectory(prefix="course-grade-out-", ignore_cleanup_errors=True) as out,
    ):
        work_copy = Path(work) / "submission" / "notebook.ipynb"
        work_copy.parent.mkdir()
        shutil.copyfile(path, work_copy)
        harvest_path = Path(out) / f"harvest-{os.getpid()}.pt"
        plan = [(e.id, e.function_name) for e in exercises]
        nb.cells.insert(0, nbformat.v4.new_code_cell(prepare_source(exercise_ids)))
        nb.cells.append(nbformat.v4.new_code_cell(harvest_source(plan, harvest_path)))
        grade.error = _execute(nb, work_copy.parent, timeout_s, Path(out))
        errors = _cell_errors(nb.cells[1:-1])  # numbered as in the submission
        if errors:
            grade.notes.append(f"{len(errors)} cell(s) raised an error: " + "; ".join(errors[:3]))
        harvest_errors = _cell_errors([nb.cells[0], nb.cells[-1]])
        if harvest_errors:
            grade.notes.append("the grader's cell raised " + harvest_errors[0].split(": ", 1)[1])
        if not grade.error and not work_copy.is_file():
            grade.error = "the notebook deleted files of its working folder; its results need a look"

        # 3. trusted verdict
        records: Mapping[str, Any] | None = None
        if harvest_path.is_file():
            records = load_harvest(harvest_path)
            if records is None:
                grade.error = grade.error or "the grader's harvest file was damaged or forged"
        elif not grade.error:
            grade.error = "the grader's harvest cell did not run (the notebook interfered with it)"
    if records is not None:  # no harvest (hang, crash, interference): nothing was judged, the row says why
        grade.exercises = [official_grade(i, records.get(i), ctx) for i in exercise_ids]
    grade.seconds = time.perf_counter() - start
    return grade


def load_harvest(path: Path) -> Mapping[str, Any] | None:
    """The kernel's recorded outputs, read as plain data only (`weights_only=True` never runs code); None when the
    file is not a harvest (damaged, or forged by the notebook)."""
    import torch

    try:
        records = torch.load(path, weights_only=True)
    except Exception:  # noqa: BLE001 - a file we cannot read as plain data gives no credit
        return None
    return records if isinstance(records, Mapping) else None


def _execute(nb: Any, cwd: Path, timeout_s: float, out: Path) -> str:
    """Run every cell (errors in cells allowed) within `timeout_s` in total; '' or the reason it stopped.

    Cells are numbered as in the submission: `nb` starts with the grader's prepended cell (number 0)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    deadline = time.monotonic() + timeout_s
    client = NotebookClient(
        nb, timeout=int(timeout_s), kernel_name="python3", allow_errors=True, resources={"metadata": {}}
    )
    index = -1
    try:
        with client.setup_kernel(
            cwd=str(cwd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
        ):
            pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
            if pid:  # the parent kills this process group if the worker itself must be killed
                (out / "kernel.pid").write_text(str(pid))
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CellTimeoutError(f"time limit of {timeout_s:.0f} s reached")
                client.timeout = max(1, int(left))
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    except CellTimeoutError:
        return f"timed out: the notebook ran past {timeout_s:.0f} s (at cell {index})"
    except DeadKernelError:
        return f"the kernel died at cell {index} (crash, os._exit or out of memory)"
    except Exception as err:  # noqa: BLE001 - anything else: report it on this row only
        return f"could not run the notebook: {type(err).__name__}: {_one_line(err)}"
    return ""


def _one_line(err: BaseException) -> str:
    lines = [line for line in str(err).splitlines() if line.strip()]
    return (lines[-1] if lines else type(err).__name__)[:200]


def main_worker(argv: Sequence[str]) -> int:
    """`python -m course_utils.grading worker PATH LEARNER TIMEOUT ID...`: print the result as one JSON line."""
    path, learner, timeout_s, *exercise_ids = argv
    signal.signal(
        signal.SIGTERM, lambda *_: sys.exit(143)
    )  # unwinds: the kernel is shut down, temp dirs removed
    grade = grade_one(Path(path), exercise_ids, float(timeout_s), learner)
    print(_RESULT_MARKER + json.dumps(asdict(grade)), flush=True)
    return 0


# ------------------------------------------------------------------------------------------------ parent


def _course_files_digest() -> str:
    """One hash of every file of course_utils/ (sources) and data/: a submission must not change them."""
    digest = hashlib.sha256()
    for root in (REPO_ROOT / "course_utils", REPO_ROOT / "data"):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(REPO_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass


def run_worker(path: Path, learner: str, exercise_ids: Sequence[str], timeout_s: float) -> SubmissionGrade:
    """Grade `path` in a worker process; kill it (and its kernel) past the limit; never raises."""
    env = dict(os.environ)
    env.update(kernel_env(one_thread=True))
    env.update(
        MPLBACKEND="Agg",
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p),
    )
    command = [sys.executable, "-m", "course_utils.grading", "worker", str(path), learner, str(timeout_s)]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-grade-worker-", ignore_cleanup_errors=True) as scratch:
        env["TMPDIR"] = scratch  # the worker's temp folders (and the kernel pid file) live here
        proc = subprocess.Popen(
            [*command, *exercise_ids],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout_s + _GRACE_S)
        except subprocess.TimeoutExpired:
            for pid_file in Path(scratch).rglob("kernel.pid"):
                _kill(int(pid_file.read_text() or 0) or -1)
            _kill(proc.pid)
            proc.communicate()
            grade = SubmissionGrade(
                learner, path.name, error=f"timed out: killed after {timeout_s + _GRACE_S:.0f} s"
            )
            grade.seconds = time.perf_counter() - start
            return grade
    for line in reversed(stdout.splitlines()):
        if line.startswith(_RESULT_MARKER):
            data = json.loads(line[len(_RESULT_MARKER) :])
            data["exercises"] = [ExerciseGrade(**e) for e in data["exercises"]]
            return SubmissionGrade(**data)
    last = [line for line in stderr.splitlines() if line.strip()][-1:] or [f"exit status {proc.returncode}"]
    grade = SubmissionGrade(learner, path.name, error=f"the grader's worker failed: {last[0][:200]}")
    grade.seconds = time.perf_counter() - start
    return grade


def grade(
    folder: Path,
    *,
    chapter: str | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    jobs: int | None = None,
    report: Callable[[SubmissionGrade], None] | None = None,
) -> tuple[list[str], list[SubmissionGrade]]:
    """Grade every file under `folder`; returns (exercise ids, one SubmissionGrade per file, in file order).

    `chapter`: the assignment ("05"); default: the chapter most submissions are (from their metadata).
    Stops early (remaining rows: error) if the course's files on disk change while grading.
    """
    import nbformat

    files = find_submissions(folder)
    if chapter is None:
        seen = Counter()
        for path in files:
            try:
                found = notebook_chapter(nbformat.read(path, as_version=4))
            except Exception:  # noqa: BLE001 - unreadable files are reported by their worker
                continue
            if found:
                seen[found] += 1
        if not seen:
            raise ValueError(f"no course notebook under {folder}: pass --assignment NN (e.g. 05)")
        chapter = seen.most_common(1)[0][0]
    exercise_ids = assignment_exercises(chapter)
    jobs = jobs or max(1, os.cpu_count() or 1)
    before = _course_files_digest()
    results: dict[Path, SubmissionGrade] = {}
    tampered: list[str] = []

    def one(path: Path) -> SubmissionGrade:
        name = learner_name(path, folder)
        if tampered:
            return SubmissionGrade(name, path.name, error="not graded: " + tampered[0])
        result = run_worker(path, name, exercise_ids, timeout_s)
        if _course_files_digest() != before and not tampered:
            tampered.append(
                f"the course's files (course_utils/, data/) changed while {name} (or a submission graded at the "
                "same time) ran; restore them "
                "(git checkout -- course_utils data) and grade again"
            )
            result.error = "changed the course's files on disk: " + tampered[0]
        if report is not None:
            report(result)
        return result

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for path, result in zip(files, pool.map(one, files), strict=True):
            results[path] = result
    return exercise_ids, [results[p] for p in files]


def write_csv(path: Path, exercise_ids: Sequence[str], grades: Sequence[SubmissionGrade]) -> None:
    """One row per submission: learner, file, <one column per exercise>, total, out_of, error, notes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner", "file", *exercise_ids, "total", "out_of", "error", "notes"])
        for g in grades:
            outcome = {e.exercise_id: e.outcome for e in g.exercises}
            total = "" if g.total is None else g.total
            cells = [outcome.get(i, "") for i in exercise_ids]
            writer.writerow(
                [g.learner, g.file, *cells, total, len(exercise_ids), g.error, "; ".join(g.notes)]
            )


def feedback_text(g: SubmissionGrade, exercise_ids: Sequence[str]) -> str:
    """A short markdown feedback for one learner: score, the check's line per exercise with its hint, notes."""
    from course_utils.exercises.registry import get

    lines = [f"# Feedback: {g.learner}", ""]
    if g.error:
        lines += [f"**Your notebook could not be graded automatically:** {g.error}.", ""]
        lines += [
            "Your teacher will look at it. Check that it runs top to bottom (Kernel > Restart and Run All).",
            "",
        ]
    else:
        lines += [f"**Score: {g.total} of {len(exercise_ids)} exercises passed.**", ""]
    lines += [
        "Each exercise was checked by the grader with the course's official checks, on the function your notebook",
        "defines (what the notebook printed was not used).",
        "",
    ]
    for e in g.exercises:
        lines.append(f"- {e.line}")
        if e.outcome == FAILED:
            lines.append(
                f"  - hint: {get(e.exercise_id).hints[0]} (a stronger one: hint('{e.exercise_id}', level=2))"
            )
    if g.notes:
        lines += ["", "Notes:", *[f"- {note}" for note in g.notes]]
    return "\n".join(lines) + "\n"


def write_feedback(
    folder: Path, exercise_ids: Sequence[str], grades: Sequence[SubmissionGrade]
) -> list[Path]:
    """One `<learner>.md` per submission (folders in learner names become `__`)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for g in grades:
        target = folder / (g.learner.replace("/", "__") + ".md")
        target.write_text(feedback_text(g, exercise_ids), encoding="utf-8")
        written.append(target)
    return written


def main_grade(argv: Sequence[str] | None = None) -> int:
    """`course grade SUBMISSIONS --out grades.csv`: exit 0 when every file was graded, 1 with error rows, 2 on
    bad arguments, 3 when the course's files changed during grading."""
    parser = argparse.ArgumentParser(
        prog="course grade",
        description="Grade submitted learner notebooks with the official checks (see docs/GRADING.md).",
    )
    parser.add_argument("submissions", type=Path, help="folder of submitted notebooks (one file per learner)")
    parser.add_argument(
        "--out", type=Path, default=Path("grades.csv"), help="CSV to write (default grades.csv)"
    )
    parser.add_argument(
        "--feedback", type=Path, default=None, help="feedback folder (default: <out>_feedback/)"
    )
    parser.add_argument("--assignment", default=None, help="chapter, e.g. 05 (default: from the notebooks)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        help=f"seconds per notebook (default {DEFAULT_TIMEOUT_S})",
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help="notebooks graded at once (default: CPU cores)"
    )
    parser.add_argument("--model", default=None, help="model for notebooks and checks (sets COURSE_MODEL)")
    args = parser.parse_args(argv)
    if args.model:
        os.environ["COURSE_MODEL"] = args.model
    if args.assignment is not None and not re.fullmatch(r"\d{1,2}", args.assignment):
        print(
            f"course grade: --assignment takes a chapter number such as 05, got {args.assignment!r}",
            file=sys.stderr,
        )
        return 2
    try:
        assignment = None if args.assignment is None else f"{int(args.assignment):02d}"
        start = time.perf_counter()

        def report(g: SubmissionGrade) -> None:
            status = f"error: {g.error}" if g.error else f"{g.total}/{len(g.exercises)} passed"
            print(f"graded {g.learner} ({g.seconds:.0f} s): {status}", flush=True)

        exercise_ids, grades = grade(
            args.submissions, chapter=assignment, timeout_s=args.timeout, jobs=args.jobs, report=report
        )
    except ValueError as err:
        print(f"course grade: {err}", file=sys.stderr)
        return 2
    write_csv(args.out, exercise_ids, grades)
    feedback = args.feedback or args.out.with_name(args.out.stem + "_feedback")
    write_feedback(feedback, exercise_ids, grades)
    n_errors = sum(bool(g.error) for g in grades)
    print(
        f"{len(grades)} submission(s), {n_errors} error row(s), {time.perf_counter() - start:.0f} s\n"
        f"grades: {args.out}\nfeedback: {feedback}/"
    )
    if any(g.error.startswith(("changed the course", "not graded: the course")) for g in grades):
        return 3
    return 1 if n_errors else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        sys.exit(main_worker(sys.argv[2:]))
    sys.exit(main_grade(sys.argv[1:]))
