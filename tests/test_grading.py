"""course_utils.grading: `course grade` gives credit only for what the official checks, run by the grader, accept.

Most tests grade small synthetic chapter-05 submissions (built from the real notebook's exercise cells; the
model-based 05.ablation_hooks runs on a tiny local model named by COURSE_MODEL, so a submission runs in seconds): an
honest learner, one with named mistakes, cheaters (a fake `check`, a monkeypatched checker and torch, an
edited registry, printed "✔ passed"), a corrupt file, a non-notebook, a hang, a kernel crash, a notebook that deletes
its working folder. They are graded together, two at a time, by one `grade()` call (module fixture).
"""

from __future__ import annotations

import csv
import textwrap
from pathlib import Path

import nbformat
import pytest
import torch

from course_utils import grading
from course_utils.exercises.build import SOURCE_DIR, build_notebooks
from course_utils.exercises.registry import all_exercises, get

SOURCE_05 = SOURCE_DIR / "05_ablation_and_addition.py"
IDS = grading.assignment_exercises("05")  # the official learner notebook's exercises, in notebook order
HANG_LIMIT_S = (
    60  # every submission gets this limit: generous for a loaded machine; the hang overlaps the rest
)


def _exercise_bodies() -> tuple[dict[str, str], dict[str, str]]:
    """(learner stub, reference solution) source of each chapter-05 exercise cell, from the real notebook."""
    learner, solution = build_notebooks(SOURCE_05)
    bodies = []
    for nb in (learner, solution):
        bodies.append({c.metadata["exercise"]: c.source for c in nb.cells if "exercise" in c.metadata})
    return bodies[0], bodies[1]


STUBS, SOLUTIONS = _exercise_bodies()
EVALUATED = [i for i in IDS if get(i).evaluate is not None]  # outputs judged by what they do
ONLY_INPUTS = "you hooked only the input of every block"

WRONG = {  # named mistakes of ch05 (their alternatives' names are the expected messages)
    "05.ablate": "def ablate(x, direction):\n    r = direction / direction.norm()\n"
    "    return x + (x * r).sum(-1, keepdim=True) * r\n",
    "05.is_refusal": "from course_utils.metrics import REFUSAL_PHRASES\n\n"
    "def is_refusal(text):\n    return any(p in text for p in REFUSAL_PHRASES)\n",
    "05.ablation_hooks": "def ablation_hooks(model, direction):\n    r = direction / direction.norm()\n\n"
    "    def fn(activation, hook=None):\n        u = r.to(activation.dtype)\n"
    "        return activation - (activation * u).sum(-1, keepdim=True) * u\n\n"
    '    return [(f"blocks.{layer}.hook_resid_pre", fn) for layer in range(model.n_layers)]\n',
}


def _submission(path: Path, bodies: dict[str, str], before: str = "", after: str = "") -> Path:
    """A chapter-05 learner notebook: setup, the three exercise cells (metadata exercise=<id>) with their checks."""
    cells = [nbformat.v4.new_code_cell("import torch\nfrom course_utils.exercises import check")]
    if before:
        cells.append(nbformat.v4.new_code_cell(textwrap.dedent(before)))
    for exercise_id in IDS:
        name = exercise_id.split(".")[1]
        body = bodies.get(exercise_id, STUBS[exercise_id])
        cells.append(nbformat.v4.new_code_cell(body, metadata={"exercise": exercise_id}))
        if not get(exercise_id).requires:  # (the grader never reads the notebook's own checks)
            cells.append(nbformat.v4.new_code_cell(f'check("{exercise_id}", {name})'))
    if after:
        cells.append(nbformat.v4.new_code_cell(textwrap.dedent(after)))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["course"] = {"source": "notebooks/src/05_ablation_and_addition.py", "version": "learner"}
    nbformat.write(nb, path)
    return path


FAKE_CHECK = """
def check(exercise_id, fn, **ctx):
    print(f"✔ passed · {exercise_id}: 2 cases match the reference")
"""
PATCH_CHECKER = """
import course_utils.exercises.checking as checking
from course_utils.exercises.checking import CheckResult
checking._run = lambda exercise, fn, ctx: CheckResult(exercise.id, True, "passed", "all cases match")
torch.allclose = lambda *args, **kwargs: True
torch.equal = lambda *args, **kwargs: True
"""
EDIT_REGISTRY = """
import dataclasses
from course_utils.exercises.registry import _REGISTRY, get
_REGISTRY["05.ablate"] = dataclasses.replace(get("05.ablate"), reference=lambda x, direction: x)
_REGISTRY["05.add_direction"] = dataclasses.replace(get("05.add_direction"), cases=lambda ctx: [])
_REGISTRY["05.is_refusal"] = dataclasses.replace(get("05.is_refusal"), reference=lambda text: True)
_REGISTRY["05.ablation_hooks"] = dataclasses.replace(
    get("05.ablation_hooks"), evaluate=lambda output, case: get("05.ablation_hooks").evaluate(
        get("05.ablation_hooks").reference(**case), case))
"""
CHEAT_BODIES = {  # wrong on purpose: a cheat must not turn them into credit
    "05.ablation_hooks": "def ablation_hooks(model, direction):\n    return []\n",
    "05.ablate": "def ablate(x, direction):\n    return x\n",
    "05.add_direction": "def add_direction(x, vector, coeff=1.0):\n    return x\n",
    "05.is_refusal": "def is_refusal(text):\n    return True\n",
}


@pytest.fixture(scope="module")
def course_model(tiny_model_dir) -> Path:
    """COURSE_MODEL for the module: the tiny local model that notebooks, kernels and the grader's workers load."""
    path = tiny_model_dir("qwen2")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_MODEL", str(path))
        yield path


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory, course_model: Path) -> dict:
    root = tmp_path_factory.mktemp("grading")
    subs = root / "submissions"
    subs.mkdir()
    _submission(subs / "honest.ipynb", SOLUTIONS)
    _submission(subs / "mistakes.ipynb", {**WRONG, "05.add_direction": SOLUTIONS["05.add_direction"]})
    _submission(subs / "only_hooks.ipynb", {"05.ablation_hooks": SOLUTIONS["05.ablation_hooks"]})
    _submission(subs / "fake_check.ipynb", {}, before=FAKE_CHECK, after='print("✔ passed " * 3)')
    _submission(subs / "patched_checker.ipynb", CHEAT_BODIES, before=PATCH_CHECKER)
    _submission(subs / "edited_registry.ipynb", CHEAT_BODIES, before=EDIT_REGISTRY)
    _submission(subs / "hang.ipynb", SOLUTIONS, after="import time\ntime.sleep(3600)")
    _submission(subs / "crash.ipynb", SOLUTIONS, after="import os\nos._exit(1)")
    _submission(
        subs / "deleter.ipynb",
        SOLUTIONS,
        after="import os, shutil\nhere = os.getcwd()\nshutil.rmtree(here)\n"
        "shutil.rmtree(os.path.dirname(here), ignore_errors=True)",
    )
    text = (subs / "honest.ipynb").read_text()
    (subs / "corrupt.ipynb").write_text(text[: len(text) // 2])
    (subs / "essay.pdf").write_bytes(b"%PDF-1.4 not a notebook")
    before = {p.name: p.read_bytes() for p in subs.iterdir()}
    seen = []
    ids, grades = grading.grade(subs, timeout_s=HANG_LIMIT_S, jobs=2, report=seen.append)
    out = root / "grades.csv"
    grading.write_csv(out, ids, grades)
    grading.write_feedback(root / "feedback", ids, grades)
    return {
        "ids": ids,
        "grades": {g.learner: g for g in grades},
        "rows": {row["learner"]: row for row in csv.DictReader(out.open(encoding="utf-8"))},
        "root": root,
        "subs": subs,
        "before": before,
        "reported": seen,
    }


def _outcomes(graded: dict, learner: str) -> dict[str, str]:
    return {e.exercise_id: e.outcome for e in graded["grades"][learner].exercises}


def _lines(graded: dict, learner: str) -> dict[str, str]:
    return {e.exercise_id: e.line for e in graded["grades"][learner].exercises}


def test_columns_are_the_official_notebooks_exercises(graded: dict) -> None:
    assert graded["ids"] == IDS
    assert set(graded["rows"]) == {
        p.stem if p.suffix == ".ipynb" else p.name for p in graded["subs"].iterdir()
    }
    assert len(graded["reported"]) == len(
        graded["rows"]
    )  # every submission reported once, none stopped the rest


def test_honest_results_are_the_checks_verdicts(graded: dict) -> None:
    assert _outcomes(graded, "honest") == dict.fromkeys(IDS, grading.PASSED)
    row = graded["rows"]["honest"]
    assert (row["total"], row["out_of"], row["error"]) == (str(len(IDS)), str(len(IDS)), "")
    # the fake-check submission left the stubs in place: the honest verdict is "not attempted"
    assert _outcomes(graded, "fake_check") == dict.fromkeys(IDS, grading.NOT_ATTEMPTED)
    mistakes = _lines(graded, "mistakes")
    assert _outcomes(graded, "mistakes") == {
        **dict.fromkeys(IDS, grading.FAILED),
        "05.add_direction": grading.PASSED,
    }
    assert "you added the component instead of subtracting it" in mistakes["05.ablate"]
    assert "case-sensitive" in mistakes["05.is_refusal"]
    assert graded["rows"]["mistakes"]["total"] == "1"


@pytest.mark.parametrize("cheater", ["fake_check", "patched_checker", "edited_registry"])
def test_cheats_get_no_credit(graded: dict, cheater: str) -> None:
    grade = graded["grades"][cheater]
    assert not grade.error
    assert grade.total == 0, [e.line for e in grade.exercises]
    assert graded["rows"][cheater]["total"] == "0"


def test_ablation_hooks_is_graded_by_what_the_hooks_do(graded: dict) -> None:
    """05.ablation_hooks returns (name, fn) pairs, which cannot leave the kernel: it is graded on the logits under the
    hooks. Correct: passed; a named mistake: failed with its name; the stub: not attempted; alone in an otherwise
    untouched notebook: only it passes."""
    assert "05.ablation_hooks" in EVALUATED
    assert _outcomes(graded, "honest")["05.ablation_hooks"] == grading.PASSED
    assert _outcomes(graded, "mistakes")["05.ablation_hooks"] == grading.FAILED
    assert ONLY_INPUTS in _lines(graded, "mistakes")["05.ablation_hooks"]
    assert _outcomes(graded, "fake_check")["05.ablation_hooks"] == grading.NOT_ATTEMPTED
    assert _outcomes(graded, "only_hooks") == {
        **dict.fromkeys(IDS, grading.NOT_ATTEMPTED),
        "05.ablation_hooks": grading.PASSED,
    }
    assert graded["rows"]["only_hooks"]["total"] == "1"


def test_the_cheats_did_work_inside_the_notebook(tmp_path: Path) -> None:
    """Control: the patched checker and the edited registry DO make the notebook's own checks pass, so the test
    above fails if the grader ever trusted the kernel."""
    from nbclient import NotebookClient

    for before in (PATCH_CHECKER, EDIT_REGISTRY):
        path = _submission(tmp_path / "cheat.ipynb", CHEAT_BODIES, before=before)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3").execute()
        shown = "".join(
            o.get("data", {}).get("text/plain", "") for c in nb.cells for o in c.get("outputs", [])
        )
        assert shown.count("✔ passed") >= 2, shown


def test_bad_files_get_their_own_error_rows(graded: dict) -> None:
    rows = graded["rows"]
    assert "not a readable notebook" in rows["corrupt"]["error"]
    assert "not a readable notebook" in rows["essay.pdf"]["error"]
    assert "timed out" in rows["hang"]["error"] and f"{HANG_LIMIT_S} s" in rows["hang"]["error"]
    assert "kernel died" in rows["crash"]["error"]
    assert "deleted files" in rows["deleter"]["error"]
    for learner in ("corrupt", "essay.pdf", "hang", "crash", "deleter"):
        assert rows[learner]["total"] == "", learner  # an error row has no total: a teacher looks at it
    # the deleter's functions were still judged (shown for the teacher), and nothing outside its folder was lost
    assert _outcomes(graded, "deleter") == dict.fromkeys(IDS, grading.PASSED)
    assert {p.name: p.read_bytes() for p in graded["subs"].iterdir()} == graded["before"]


def test_hang_took_about_its_limit(graded: dict) -> None:
    assert graded["grades"]["hang"].seconds < HANG_LIMIT_S + grading._GRACE_S


def test_feedback_files(graded: dict) -> None:
    folder = graded["root"] / "feedback"
    assert sorted(p.stem for p in folder.glob("*.md")) == sorted(graded["rows"])
    mistakes = (folder / "mistakes.md").read_text(encoding="utf-8")
    assert f"Score: 1 of {len(IDS)}" in mistakes
    assert "✘ failed · 05.ablate: you added the component instead of subtracting it" in mistakes
    assert "hint:" in mistakes
    hang = (folder / "hang.md").read_text(encoding="utf-8")
    assert "could not be graded automatically" in hang and "timed out" in hang
    assert not graded["grades"][
        "hang"
    ].exercises  # nothing judged: the notebook never reached the grader's cell


# --------------------------------------------------------------------------------- the verdict, without kernels


def _record(outputs: list, inputs: list[dict] | None = None) -> dict:
    inputs = inputs or [{}] * len(outputs)
    return {
        "status": "called",
        "calls": [{"kind": "ok", "out": o, "inputs": i} for o, i in zip(outputs, inputs, strict=True)],
    }


def _reference_outputs(exercise_id: str) -> tuple[list, list[dict]]:
    from course_utils.exercises.checking import _build_cases, _copy
    from course_utils.exercises.registry import get

    exercise = get(exercise_id)
    cases = _build_cases(exercise, {})
    return [exercise.reference(**_copy(c)) for c in cases], cases


def test_official_grade_judges_recorded_outputs() -> None:
    outputs, cases = _reference_outputs("05.ablate")
    assert grading.official_grade("05.ablate", _record(outputs), {}).outcome == grading.PASSED
    flipped = grading.official_grade("05.ablate", _record([2 * o for o in outputs]), {})
    assert flipped.outcome == grading.FAILED and "constant factor" in flipped.line
    # an input modified in place is seen by the grader, from the post-call inputs the kernel sent back
    changed = [{"x": torch.zeros_like(c["x"]), "direction": c["direction"]} for c in cases]
    modified = grading.official_grade("05.ablate", _record(outputs, changed), {})
    assert modified.status == "modified_input"
    error = {
        "status": "called",
        "calls": [{"kind": "error", "message": "your function raised KeyError: 'x'"}],
    }
    assert grading.official_grade("05.ablate", error, {}).line.endswith(
        "KeyError: 'x' [case 1 of 4: x (2, 3, 12) float32, direction (12,) float32]"
    )
    assert grading.official_grade("05.ablate", {"status": "missing"}, {}).outcome == grading.NOT_ATTEMPTED
    assert grading.official_grade("05.ablate", None, {}).outcome == grading.FAILED
    too_few = grading.official_grade("05.ablate", _record(outputs[:1]), {})
    assert too_few.outcome == grading.FAILED and "no output" in too_few.line


def test_a_hook_left_attached_in_the_kernel_fails() -> None:
    leak = {
        "status": "called",
        "calls": [{"kind": "hook_leak", "message": "your function left a hook attached"}],
    }
    result = grading.official_grade("05.ablate", leak, {})
    assert (result.outcome, result.status) == (grading.FAILED, "hook_leak")
    assert "left a hook attached [case 1 of 4: x " in result.line


def _harvest_in_process(plan: list[tuple[str, str]], namespace: dict, out: Path) -> dict:
    """The two grader cells, run here instead of in a kernel (same code), and the harvest read back as the worker
    reads it."""
    exec(grading.prepare_source([i for i, _ in plan]), namespace)
    exec(grading.harvest_source(plan, out), namespace)
    records = grading.load_harvest(out)
    assert records is not None
    return records


def test_every_exercise_of_every_chapter_can_be_graded(
    tmp_path: Path, course_model: Path, tiny_model: object
) -> None:
    """Each registered exercise of chapters 00-08, answered with its reference: the outputs (evaluated in the
    'kernel' where the exercise has `evaluate`) survive the harvest's plain-data round trip and pass the worker's
    official grade. Stand-in answers (a constant) fail, so this test can fail."""
    exercises = {i: e for i, e in all_exercises().items() if "00" <= e.chapter <= "08"}
    assert {e.chapter for e in exercises.values()} == {f"{c:02d}" for c in range(9)}
    assert any(e.evaluate is not None for e in exercises.values())
    plan = [(i, e.function_name) for i, e in exercises.items()]
    namespace = {e.function_name: e.reference for e in exercises.values()}
    records = _harvest_in_process(plan, namespace, tmp_path / "harvest.pt")
    ctx = {"model": tiny_model}
    lines = {i: grading.official_grade(i, records.get(i), ctx) for i in exercises}
    assert {i: g.outcome for i, g in lines.items()} == dict.fromkeys(exercises, grading.PASSED), [
        g.line for g in lines.values() if g.outcome != grading.PASSED
    ]
    evaluated = [i for i, e in exercises.items() if e.evaluate is not None]
    constant = {exercises[i].function_name: (lambda **kwargs: []) for i in evaluated}
    wrong = _harvest_in_process(
        [(i, exercises[i].function_name) for i in evaluated], constant, tmp_path / "w.pt"
    )
    for i in evaluated:
        assert grading.official_grade(i, wrong[i], ctx).outcome == grading.FAILED, i


def test_a_forged_harvest_file_runs_no_code(tmp_path: Path) -> None:
    """The harvest file is read with weights_only=True: a pickle that would run code is refused."""
    import pickle

    class Evil:
        def __reduce__(self):
            return (Path.write_text, (tmp_path / "pwned", "x"))

    forged = tmp_path / "harvest.pt"
    forged.write_bytes(pickle.dumps({"05.ablate": Evil()}, protocol=2))
    assert grading.load_harvest(forged) is None
    assert not (tmp_path / "pwned").exists()
    torch.save({"05.ablate": {"status": "missing"}}, forged)  # control: a real harvest file is read
    assert grading.load_harvest(forged) == {"05.ablate": {"status": "missing"}}


def test_unknown_output_types_get_a_wrong_type_message() -> None:
    outputs, _ = _reference_outputs("05.ablate")
    marker = {grading._OBJECT_KEY: "numpy.ndarray"}
    result = grading.official_grade("05.ablate", _record([marker] * len(outputs)), {})
    assert result.status == "wrong_type" and "numpy.ndarray" in result.line


def test_course_files_changed_stops_grading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A submission that changes the course's files (here: a stand-in folder) stops the grading of the rest."""
    watched = tmp_path / "course_files"
    watched.mkdir()
    (watched / "checking.py").write_text("original")
    monkeypatch.setattr(grading, "_course_files_digest", lambda: (watched / "checking.py").read_text())
    subs = tmp_path / "subs"
    subs.mkdir()
    _submission(
        subs / "a_tamper.ipynb", {}, after=f"open({str(watched / 'checking.py')!r}, 'w').write('hacked')"
    )
    _submission(subs / "b_next.ipynb", {})
    _, grades = grading.grade(subs, timeout_s=60, jobs=1)
    assert "changed the course's files" in grades[0].error
    assert grades[1].error.startswith("not graded: the course's files")


def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from course_utils import cli

    assert cli.main(["grade", str(tmp_path / "missing"), "--out", str(tmp_path / "g.csv")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert cli.main(["grade", str(tmp_path / "empty"), "--out", str(tmp_path / "g.csv")]) == 2
    assert "--assignment" in capsys.readouterr().err
    assert cli.main(["grade", str(tmp_path / "empty"), "--assignment", "42"]) == 2
    assert "is '42' a chapter" in capsys.readouterr().err
    assert cli.main(["grade", str(tmp_path / "empty"), "--assignment", "ch5"]) == 2
    assert "chapter number such as 05" in capsys.readouterr().err
