"""The check API (course_utils.exercises.checking): each diagnosis is produced by a deliberately wrong function of
a synthetic exercise, and every model-using check of every chapter catches a leaked hook. Each chapter's own
exercises are tested in tests/test_checks_chNN.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
import torch
from checks_helpers import registered

from course_utils.exercises import checking, registry
from course_utils.exercises.checking import FAILED, NOT_ATTEMPTED, PASSED, check, hint, solution, use
from course_utils.exercises.registry import Exercise, get, register
from course_utils.hooks import count_hooks

# ------------------------------------------------------------------------------------- a synthetic exercise


def unit_mean(x: torch.Tensor) -> torch.Tensor:
    """Unit vector along the mean row: m / ||m||, m = x.mean(0). x: [batch, d] -> [d]."""
    mean = x.mean(dim=0)
    return mean / mean.norm()


def column_sums(x: torch.Tensor) -> torch.Tensor:
    """x.sum(0): [batch, d] -> [d]."""
    return x.sum(dim=0)


def describe(x: torch.Tensor) -> dict[str, Any]:
    """A structured output: {"n": rows, "names": [...], "norm": float}."""
    return {"n": x.shape[0], "names": [f"row{i}" for i in range(x.shape[0])], "norm": float(x.norm())}


def _x_cases(ctx: Any) -> list[dict[str, torch.Tensor]]:
    return [dict(x=torch.randn(6, 4) + 1.0), dict(x=torch.randn(3, 4) * 5 + 2.0)]


def _exercise(exercise_id: str, reference: Callable[..., Any] = unit_mean, **fields: Any) -> Exercise:
    """A synthetic exercise: difficulty, importance and minutes 1, two hints, the `_x_cases`; `fields` override."""
    defaults = dict(
        title="",
        difficulty=1,
        importance=1,
        minutes=1,
        hints=("A nudge.", "A stronger hint."),
        cases=_x_cases,
    )
    return Exercise(id=exercise_id, reference=reference, **{**defaults, **fields})


@pytest.fixture
def exercises() -> Iterator[dict[str, Exercise]]:
    """Synthetic exercises under chapter 99, removed from the registry afterwards."""
    made = {
        "unit": _exercise(
            "99.unit_mean",
            title="unit mean",
            hints=("Average over the batch, divide by the norm.", "A stronger hint."),
            alternatives={"you averaged over the wrong axis (dim=1)": lambda x: unit_mean(x.T)},
            normalised=True,
        ),
        "sums": _exercise(
            "99.column_sums", column_sums, title="sums", hints=("Sum over the batch.", "A stronger hint.")
        ),
        "describe": _exercise(
            "99.describe", describe, title="describe", hints=("A dict.", "A stronger hint.")
        ),
        "needs_model": _exercise(
            "99.needs_model",
            column_sums,
            title="needs a model",
            hints=("-", "A stronger hint."),
            requires=("model",),
        ),
    }
    with registered(*made.values()):
        yield made


def test_reference_passes_and_prints_one_line(exercises: dict[str, Exercise], capsys: Any) -> None:
    result = check("99.unit_mean", unit_mean)
    assert result.passed and result.status == "passed"
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith(PASSED) and "2 cases" in out


def test_not_attempted(exercises: dict[str, Exercise]) -> None:
    def stub(x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("Exercise 99.unit_mean: replace this line with your code")

    result = check("99.unit_mean", stub)
    assert (result.passed, result.status) == (False, "not_attempted")
    assert result.line.startswith(NOT_ATTEMPTED)


def test_learner_exception_names_type_message_and_line(exercises: dict[str, Exercise]) -> None:
    def broken(x: torch.Tensor) -> torch.Tensor:
        mean = x.mean(dim=0)
        return mean[17]  # index out of range

    result = check("99.unit_mean", broken)
    assert result.status == "error"
    assert "IndexError" in result.message and "line 3 of broken" in result.message
    assert "mean[17]" in result.message and result.line.startswith(FAILED)
    assert len(result.line) < 400 and "\n" not in result.line


@pytest.mark.parametrize(
    ("fn", "status", "fragment"),
    [
        (lambda x: unit_mean(x).numpy(), "wrong_type", "torch.as_tensor"),
        (lambda x: unit_mean(x).tolist(), "wrong_type", "expected a torch.Tensor"),
        (lambda x: unit_mean(x)[None], "wrong_shape", "got (1, 4), expected (4,)"),
        (lambda x: unit_mean(x).double(), "wrong_dtype", "got torch.float64, expected torch.float32"),
        (lambda x: torch.empty(4, device="meta"), "wrong_device", "got meta, expected cpu"),
        (lambda x: unit_mean(x).index_fill(0, torch.tensor([1]), float("nan")), "nan", "1 of 4 values"),
        (lambda x: x.mean(dim=0), "not_normalised", "not normalised"),
        (lambda x: -unit_mean(x), "sign_flipped", "sign flipped"),
        (lambda x: unit_mean(x.T), "alternative", "wrong axis"),
        (lambda x: unit_mean(x) + 3e-4, "not_close", "close but outside tolerance"),
        (lambda x: unit_mean(x + torch.randn_like(x)), "wrong_values", "max |error|"),
    ],
    ids=[
        "numpy",
        "list",
        "shape",
        "dtype",
        "device",
        "nan",
        "norm",
        "sign",
        "alternative",
        "close",
        "values",
    ],
)
def test_each_diagnosis(
    exercises: dict[str, Exercise], fn: Callable[..., Any], status: str, fragment: str
) -> None:
    result = check("99.unit_mean", fn)
    assert result.status == status, result.line
    assert fragment in result.message and not result.passed


def test_alternative_wins_over_shape(exercises: dict[str, Exercise]) -> None:
    """The wrong-axis mistake has the wrong shape too; the named diagnosis is the more useful one."""
    result = check("99.unit_mean", lambda x: unit_mean(x.T))
    assert result.status == "alternative" and "shape" not in result.message


def test_scaled_and_case_index(exercises: dict[str, Exercise]) -> None:
    result = check("99.column_sums", lambda x: x.mean(dim=0))
    assert result.status == "scaled" and "0.1667 x" in result.message and "1/6" in result.message
    assert result.message.endswith("[case 1 of 2: x (6, 4) float32]")


def test_modified_input_in_place(exercises: dict[str, Exercise]) -> None:
    def sneaky(x: torch.Tensor) -> torch.Tensor:
        out = x.sum(dim=0)
        x.zero_()
        return out

    result = check("99.column_sums", sneaky)
    assert result.status == "modified_input" and "`x`" in result.message


def test_in_place_edit_cannot_corrupt_the_reference(exercises: dict[str, Exercise]) -> None:
    """Cases are shared between reference and learner; each call must get its own copy."""

    def doubles_then_sums(x: torch.Tensor) -> torch.Tensor:
        return x.mul_(2).sum(dim=0) / 2

    result = check("99.column_sums", doubles_then_sums)
    assert result.status == "modified_input"


def test_structured_outputs(exercises: dict[str, Exercise]) -> None:
    ok = check("99.describe", describe)
    assert ok.passed
    missing = check("99.describe", lambda x: {"n": x.shape[0], "norm": float(x.norm())})
    assert missing.status == "wrong_shape" and "missing ['names']" in missing.message
    renamed = check("99.describe", lambda x: {**describe(x), "names": [f"r{i}" for i in range(x.shape[0])]})
    assert renamed.status == "wrong_values" and "['names'][0]" in renamed.message
    tensor_number = check("99.describe", lambda x: {**describe(x), "norm": x.norm()})
    assert tensor_number.status == "wrong_type" and ".item()" in tensor_number.message
    float_count = check("99.describe", lambda x: {**describe(x), "n": x.shape[0] + 0.5})
    assert float_count.status == "wrong_type" and "expected an int" in float_count.message


def test_bad_calls(exercises: dict[str, Exercise]) -> None:
    not_callable = check("99.column_sums", torch.zeros(3))
    assert not_callable.status == "bad_call" and "column_sums" in not_callable.message
    no_model = check("99.needs_model", column_sums)
    assert no_model.status == "bad_call" and "model=model" in no_model.message
    assert check("99.needs_model", column_sums, model=None).passed


def test_check_does_not_disturb_the_callers_random_state(exercises: dict[str, Exercise]) -> None:
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    check("99.unit_mean", unit_mean)
    assert torch.equal(torch.rand(3), expected)


def test_cases_are_deterministic(exercises: dict[str, Exercise]) -> None:
    first = checking._build_cases(exercises["unit"], {})
    torch.manual_seed(999)
    second = checking._build_cases(exercises["unit"], {})
    assert all(torch.equal(a["x"], b["x"]) for a, b in zip(first, second, strict=True))


def test_notebook_display_bundle(exercises: dict[str, Exercise]) -> None:
    result = check("99.column_sums", lambda x: -x.sum(dim=0))
    bundle = result._repr_mimebundle_()
    assert bundle["text/plain"] == result.line
    assert "#cf222e" in bundle["text/html"] and "sign flipped" in bundle["text/html"]


def test_hint_and_solution_print(exercises: dict[str, Exercise], capsys: Any) -> None:
    hint("99.unit_mean")
    first = capsys.readouterr().out
    assert "1. Average over the batch" in first and "A stronger hint." not in first and "level=2" in first
    hint("99.unit_mean", level=2)
    both = capsys.readouterr().out
    assert both.index("1. Average over the batch") < both.index("2. A stronger hint.") and "solution(" in both
    with pytest.raises(ValueError, match="hints 1 to 2"):
        hint("99.unit_mean", level=3)
    solution("99.unit_mean")
    out = capsys.readouterr().out
    assert "def unit_mean" in out and "mean.norm()" in out


def test_hints_must_be_tiered_and_must_not_contain_the_solution(exercises: dict[str, Exercise]) -> None:
    with pytest.raises(ValueError, match="at least two"):
        _exercise("99.z", hints=("only one",))
    with pytest.raises(ValueError, match="at least two"):
        _exercise("99.z", hints="a plain string")
    with pytest.raises(ValueError, match="one non-empty line"):
        _exercise("99.z", hints=("a", "two\nlines"))
    with pytest.raises(ValueError, match="contains a line of the reference"):
        _exercise("99.z", hints=("a", "write `mean = x.mean(dim=0)` first"))


def test_registry_errors(exercises: dict[str, Exercise]) -> None:
    with pytest.raises(KeyError, match="ids look like"):
        get("diff_of_means")
    with pytest.raises(KeyError, match="no exercises for chapter 98"):
        get("98.anything")
    with pytest.raises(KeyError, match="99.column_sums"):
        get("99.not_there")
    with pytest.raises(ValueError, match="two-digit chapter"):
        _exercise("2.x")
    with pytest.raises(ValueError, match="difficulty must be 1..5"):
        _exercise("99.y", difficulty=7)
    with pytest.raises(ValueError, match="already registered"):
        register(_exercise("99.unit_mean", np.mean))


# ------------------------------------------------------------------------------------------------------ use()


def test_use_returns_the_learner_function_only_when_it_passes(
    exercises: dict[str, Exercise], capsys: Any
) -> None:
    calls = []

    def mine(x: torch.Tensor) -> torch.Tensor:
        calls.append(1)
        return x.sum(dim=0)

    check("99.column_sums", mine)
    n_checked = len(calls)
    assert use("99.column_sums", mine) is mine and len(calls) == n_checked  # the check's result is reused
    assert "using your column_sums for 99.column_sums (it passed its check)" in capsys.readouterr().out

    def stub(x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    assert use("99.column_sums", stub) is column_sums
    assert "using the reference for 99.column_sums: not attempted" in capsys.readouterr().out
    wrong = lambda x: -x.sum(dim=0)
    assert use("99.column_sums", wrong) is column_sums
    assert "using the reference for 99.column_sums: your function failed its check (sign flipped" in (
        capsys.readouterr().out
    )
    assert use("99.column_sums", mine, mine=False) is column_sums
    assert "USE_MY_CODE is False" in capsys.readouterr().out


def test_use_checks_with_the_given_context(exercises: dict[str, Exercise], capsys: Any) -> None:
    """A function checked with one context is rechecked with another (the cached result is per context)."""
    fn = lambda x, model=None: x.sum(dim=0)  # noqa: E731
    assert use("99.needs_model", fn, model="a") is fn
    assert use("99.needs_model", fn) is column_sums  # no model: the check says so, the reference is used
    assert "this check needs model=model" in capsys.readouterr().out


# ---------------------------------------------------------------- every model-using check catches a leaked hook


def _model_exercises() -> list[str]:
    return [eid for eid, ex in registry.all_exercises().items() if "model" in ex.requires]


@pytest.mark.parametrize("exercise_id", _model_exercises())
def test_every_model_check_names_a_leaked_hook(exercise_id: str, load_tiny: Callable[..., Any]) -> None:
    """The reference plus a hook it forgets to remove: the check fails with `hook_leak`, names the hook point,
    says how to fix it, and leaves the model clean (the next check of the reference passes)."""
    model = load_tiny("llama")
    exercise = get(exercise_id)
    extra = [name for name in exercise.requires if name != "model"]
    if extra:
        pytest.skip(f"{exercise_id} also needs {extra}: its chapter's tests leak a hook with that context")

    def leaky(**kwargs: Any) -> Any:
        model.bridge.add_hook("blocks.0.hook_resid_pre", lambda activation, hook: activation * 2)
        return exercise.reference(**kwargs)

    result = check(exercise_id, leaky, model=model)
    assert result.status == "hook_leak", result.line
    assert "blocks.0.hook_resid_pre" in result.message and "with hooks(model" in result.message
    assert count_hooks(model) == 0
    assert check(exercise_id, exercise.reference, model=model).passed
