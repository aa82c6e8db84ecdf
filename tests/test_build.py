"""The notebook builder: stubs and solutions generated from the reference, deterministic output, clear errors,
and every committed generated notebook up to date and free of outputs."""

from __future__ import annotations

import inspect
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
import torch
from checks_helpers import registered

from course_utils.exercises import build, registry
from course_utils.exercises.build import (
    BuildError,
    build_notebooks,
    learner_stub,
    main_build,
    solution_source,
)
from course_utils.exercises.registry import Exercise

SCALE = 2.0


def _helper(x: torch.Tensor) -> torch.Tensor:
    return x * SCALE


def scaled_softmax(
    logits: torch.Tensor,
    temperature: float = 1.0,
) -> torch.Tensor:
    """softmax(SCALE * logits / temperature) over the last dim. logits: [batch, d_vocab] -> same shape."""
    scaled = [_helper(row) / temperature for row in logits]  # a comprehension: names used in nested code too
    return torch.softmax(torch.stack(scaled), dim=-1) + 0 * math.pi


@pytest.fixture
def exercise() -> Iterator[Exercise]:
    with registered(
        Exercise(
            id="98.scaled_softmax",
            reference=scaled_softmax,
            title="Scaled softmax",
            difficulty=2,
            importance=3,
            minutes=7,
            hints=("Scale, divide by the temperature, softmax over the last dim.", "A stronger hint."),
            cases=lambda ctx: [dict(logits=torch.randn(2, 5))],
        )
    ) as (ex,):
        yield ex


def _run(code: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(code, "<generated cell>", "exec"), namespace)
    return namespace


def test_learner_stub_keeps_signature_and_docstring_and_raises(exercise: Exercise) -> None:
    stub = learner_stub(exercise)
    assert "Hint" not in stub and "Scale, divide" not in stub and "torch.stack" not in stub
    fn = _run(stub)["scaled_softmax"]
    assert str(inspect.signature(fn)) == str(inspect.signature(scaled_softmax))
    assert fn.__doc__ == scaled_softmax.__doc__
    with pytest.raises(NotImplementedError, match="98.scaled_softmax"):
        fn(torch.zeros(1, 3))


def test_solution_source_runs_on_its_own(exercise: Exercise) -> None:
    """The solution cell imports what the reference uses (modules, private helpers, constants)."""
    code = solution_source(exercise)
    assert "import math" in code and "import torch" in code and "_helper" in code and "SCALE" in code
    fn = _run(code)["scaled_softmax"]
    logits = torch.randn(3, 4)
    assert torch.equal(fn(logits, 0.5), scaled_softmax(logits, 0.5))


SOURCE = """# %% [markdown]
# # Title

# %%
import torch

# %% exercise="98.scaled_softmax"

# %%
check("98.scaled_softmax", scaled_softmax)

# %% tags=["skip-execution"]
print("needs a GPU")
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "98_test.py"
    path.write_text(text, encoding="utf-8")
    return path


def test_build_notebooks(exercise: Exercise, tmp_path: Path) -> None:
    learner, solution = build_notebooks(_write(tmp_path, SOURCE))
    rendered = build.render(learner)
    for nb, body in ((learner, "raise NotImplementedError"), (solution, "torch.softmax")):
        assert nb.cells[0].id == "colab-setup"  # first: the Colab set-up cell (tests/test_launch.py)
        nbformat.validate(nb)
        nb.cells = nb.cells[1:]
        kinds = [c.cell_type for c in nb.cells]
        assert kinds == ["markdown", "code", "markdown", "code", "code", "code"]
        banner, cell = nb.cells[2], nb.cells[3]
        assert "Exercise 98.scaled_softmax: Scaled softmax" in banner.source and "●●○○○" in banner.source
        assert "about 7 min" in banner.source and cell.metadata["exercise"] == "98.scaled_softmax"
        assert body in cell.source
        assert nb.cells[5].metadata["tags"] == ["skip-execution"]
        assert all(c.get("outputs", []) == [] for c in nb.cells)
        assert [c.id for c in nb.cells] == [f"c{i:03d}" for i in range(6)]
        nbformat.validate(nb)
    assert rendered == build.render(build_notebooks(_write(tmp_path, SOURCE))[0])  # deterministic


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            SOURCE.replace('exercise="98.scaled_softmax"\n', 'exercise="98.scaled_softmax"\nx = 1\n'),
            "must be empty",
        ),
        (SOURCE.replace('exercise="98.scaled_softmax"', 'exercise="98.nope"'), "no exercise '98.nope'"),
        (SOURCE.replace('check("98.scaled_softmax", scaled_softmax)', "pass"), "no `check"),
    ],
    ids=["body", "unknown", "no-check"],
)
def test_build_errors_name_the_cell(exercise: Exercise, tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(BuildError, match=message) as info:
        build_notebooks(_write(tmp_path, text))
    assert "98_test.py, cell 3" in str(info.value)


def test_main_build_check_write_and_exit_codes(
    exercise: Exercise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setattr(build, "LEARNER_DIR", tmp_path / "out")
    monkeypatch.setattr(build, "SOLUTION_DIR", tmp_path / "out" / "solutions")
    source = str(_write(tmp_path, SOURCE))
    assert main_build(["--check", source]) == 1  # nothing generated yet
    assert main_build([source]) == 0
    assert (tmp_path / "out" / "98_test.ipynb").is_file() and (
        tmp_path / "out/solutions/98_test.ipynb"
    ).is_file()
    assert main_build(["--check", source]) == 0
    _write(tmp_path, SOURCE.replace("# # Title", "# # New title"))
    assert main_build(["--check", source]) == 1
    assert "out of date" in capsys.readouterr().out
    _write(tmp_path, SOURCE.replace('exercise="98.scaled_softmax"', 'exercise="98.nope"'))
    assert main_build([source]) == 2
    assert "98.nope" in capsys.readouterr().err
    assert main_build([str(tmp_path / "missing.py")]) == 2


SOURCES = sorted(build.SOURCE_DIR.glob("[0-9][0-9]_*.py"))


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_generated_notebooks_are_up_to_date(source: Path) -> None:
    """CI: `course build --check` for each source; the committed notebooks carry no outputs."""
    stale = build.stale([str(source)])
    assert not stale, f"out of date: {[str(p) for p in stale]}; run `course build {source.name}`"
    for target in build.targets(source):
        cells = json.loads(target.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), f"{target} has outputs"


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_learner_notebooks_do_not_give_the_solutions_away(source: Path) -> None:
    """No line of an exercise's reference body appears anywhere in its learner notebook (stubs, other cells,
    markdown), and no stub carries a hint; the stub keeps the signature with its jaxtyping shapes."""
    learner, _ = build_notebooks(source)
    exercise_ids = [c.metadata["exercise"] for c in learner.cells if "exercise" in c.metadata]
    lines = {line.strip() for cell in learner.cells for line in cell.source.splitlines()}
    for exercise_id in exercise_ids:
        exercise = registry.get(exercise_id)
        leaked = [line for line in registry.reference_body_lines(exercise.reference) if line in lines]
        assert not leaked, f"{learner_path(source)} gives away {exercise_id}: {leaked}"
        stub = next(c.source for c in learner.cells if c.metadata.get("exercise") == exercise_id)
        assert "Hint" not in stub and not any(hint.strip() in stub for hint in exercise.hints), stub
        assert stub.rstrip().endswith(
            f'raise NotImplementedError("Exercise {exercise_id}: replace this line with your code")'
        )


def learner_path(source: Path) -> str:
    return build.targets(source)[0].relative_to(build.ROOT).as_posix()


def test_reference_body_lines_catch_a_leak(exercise: Exercise) -> None:
    """The detector itself: it finds the reference's lines (not the docstring, not short lines like `return x`)."""
    lines = registry.reference_body_lines(scaled_softmax)
    assert lines == [
        "scaled = [_helper(row) / temperature for row in logits]",
        "return torch.softmax(torch.stack(scaled), dim=-1) + 0 * math.pi",
    ]
    assert not any("softmax(SCALE" in line for line in lines)  # the docstring's math is allowed
    assert all(line not in learner_stub(exercise) for line in lines)
    assert all(line in solution_source(exercise) for line in lines)


def test_reference_signatures_carry_jaxtyping_shapes() -> None:
    """Every reference that takes or returns a tensor names its shape in the signature (the stub shows it)."""
    for exercise_id, exercise in registry.all_exercises().items():
        signature = str(inspect.signature(exercise.reference))
        if "Tensor" in signature:
            assert "Float[" in signature or "Int[" in signature, f"{exercise_id}: {signature}"


def _stated_minutes(source: Path) -> tuple[int, int]:
    """(low, high) minutes from the notebook's '**Time:** about N minutes' or '**Time:** N to M minutes' line."""
    match = re.search(
        r"\*\*Time:\*\* (?:about )?(\d+)(?: to (\d+))? minutes", source.read_text(encoding="utf-8")
    )
    assert match, f"{source.name} states no '**Time:** about N minutes'"
    low = int(match.group(1))
    return low, int(match.group(2) or low)


def _readme_times() -> dict[str, str]:
    """notebook stem -> the time column of the README's course table."""
    rows = re.findall(
        r"^\| `(\d\d_\w+)` \|.*\| ([^|]+) \|$", (build.ROOT / "README.md").read_text(), flags=re.M
    )
    return {stem: time.strip() for stem, time in rows}


def test_readme_times_match_the_notebooks() -> None:
    """One learner time per notebook: the README table says what the notebook's own **Time:** line says."""
    readme = _readme_times()
    for source in SOURCES:
        low, high = _stated_minutes(source)
        expected = f"{low} min" if low == high else f"{low}-{high} min"
        assert readme.get(source.stem) == expected, (
            f"README time of {source.stem}: {readme.get(source.stem)!r}"
        )


def test_exercise_budgets_fit_the_stated_time() -> None:
    """The exercises' time budgets add up to no more than the notebook's stated (upper) time."""
    budgets: dict[str, int] = {}
    for exercise in registry.all_exercises().values():
        budgets[exercise.chapter] = budgets.get(exercise.chapter, 0) + exercise.minutes
    for source in SOURCES:
        _, high = _stated_minutes(source)
        assert budgets.get(source.stem[:2], 0) <= high, (
            f"{source.stem}: exercises budget {budgets[source.stem[:2]]} min, the notebook states {high} min"
        )


def test_teaching_plans_name_real_exercises_and_their_budgets() -> None:
    """The teaching guide's formats name registered exercises only, and the half-day plan's stated sum of exercise
    budgets is the registry's sum over the exercises its row lists; the 90-minute plan's exercises fit in it."""
    guide = (build.ROOT / "docs" / "TEACHING.md").read_text()
    exercises = registry.all_exercises()
    named = set(re.findall(r"\b\d\d\.[a-z_]+[a-z]\b", guide))
    assert named and named <= set(exercises), sorted(named - set(exercises))
    rows = {
        row.split("|")[1].strip().split(" (")[0]: row.split("|")[3]
        for row in guide.splitlines()
        if row.startswith("| ") and row.count("|") == 5
    }
    half_day = re.findall(r"\b\d\d\.[a-z_]+[a-z]\b", rows["half-day"])
    stated = re.search(r"\*\*Half-day, minute by minute\*\* \((\d+) minutes of exercise budgets\)", guide)
    assert stated and int(stated.group(1)) == sum(exercises[e].minutes for e in half_day)
    workshop = re.findall(r"\b\d\d\.[a-z_]+[a-z]\b", rows["90-minute workshop"])
    assert sum(exercises[e].minutes for e in workshop) <= 90 - 10 - 5  # the demo and the closing reading


def test_teaching_guide_quotes_the_checks_messages() -> None:
    """Every check message the teaching guide's list of common mistakes quotes is (part of) a named mistake of the
    exercise the bullet names (of any exercise, where it names none): a renamed or dropped mistake cannot leave the
    guide quoting a message learners will never see."""
    guide = (build.ROOT / "docs" / "TEACHING.md").read_text()
    exercises = registry.all_exercises()
    start = guide.index("**00 · ")
    section = guide[start : guide.index("\n## ", start)]
    assert "\u201c" not in section and "\u201d" not in section  # quotes as "...", which the test reads
    quoted = 0
    for bullet in re.split(r"\n- ", section):
        flat = " ".join(bullet.split())
        ids = re.findall(r"\((\d\d\.[a-z_]+)\)", flat)
        names = [name for e in (ids or exercises) for name in exercises[e].alternatives]
        messages = flat.split("→")[0]  # the messages, before the teacher's advice
        for quote in re.findall(r'"([^"]+)"', messages):
            assert any(quote in name for name in names), (ids, quote)
            quoted += 1
    assert quoted >= 40
