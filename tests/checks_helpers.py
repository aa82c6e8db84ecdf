"""Helpers for the check tests, one file per chapter (tests/test_checks_chNN.py holds every test of chapter NN's
exercise checks; tests/test_checking.py tests the check API itself): run a learner's function through `check` and
assert the diagnosis a learner would see.

- `expect(id, fn, status, phrase, **ctx)`, `expect_pass(id, fn, **ctx)`: one learner function's diagnosis;
- `assert_leak_named(id, fn, model)`: a correct function that leaks a hook fails by name, and is cleaned up;
- `assert_not_attempted(id, **ctx)`: the shipped stub is 'not attempted';
- `assert_mistakes_named(id, **ctx)`: every mistake the exercise registers is diagnosed by its name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from course_utils.exercises import registry
from course_utils.exercises.checking import CheckResult, check
from course_utils.exercises.registry import Exercise, get, register
from course_utils.hooks import count_hooks


def expect(exercise_id: str, fn: Callable[..., Any], status: str, phrase: str, **ctx: Any) -> CheckResult:
    """`check(exercise_id, fn, **ctx)` fails with `status` and a message containing `phrase`."""
    result = check(exercise_id, fn, **ctx)
    assert (result.status, phrase in result.message) == (status, True), result.line
    assert "[case " in result.message, f"the failing case's inputs are not shown: {result.line}"
    return result


def expect_pass(exercise_id: str, fn: Callable[..., Any], **ctx: Any) -> None:
    result = check(exercise_id, fn, **ctx)
    assert result.passed, result.line


def leaking(
    fn: Callable[..., Any], model: Any, hook_name: str = "blocks.0.hook_resid_pre"
) -> Callable[..., Any]:
    """A correct solution that also leaves a hook attached (a doubling hook: it would move every later result)."""

    def learner(**kwargs: Any) -> Any:
        model.bridge.add_hook(hook_name, lambda activation, hook: activation * 2)
        return fn(**kwargs)

    return learner


def assert_leak_named(exercise_id: str, fn: Callable[..., Any], model: Any, **ctx: Any) -> None:
    """A leaked hook fails the check by name, is removed, and the next check of a correct function passes."""
    before = count_hooks(model)
    result = expect(
        exercise_id, leaking(fn, model), "hook_leak", "blocks.0.hook_resid_pre", model=model, **ctx
    )
    assert "with hooks(model" in result.message and "the check removed it" in result.message
    assert count_hooks(model) == before
    expect_pass(exercise_id, fn, model=model, **ctx)


def stub(*args: Any, **kwargs: Any) -> Any:
    """A learner who has not started: the exercise's stub as the notebook ships it."""
    raise NotImplementedError("write this function")


def assert_not_attempted(exercise_id: str, **ctx: Any) -> None:
    """A stub that raises NotImplementedError is reported as 'not attempted' (not as a failure)."""
    result = check(exercise_id, stub, **ctx)
    assert result.status == "not_attempted", result.line


def assert_mistakes_named(
    exercise_id: str,
    *,
    at_least: int = 1,
    exact: bool = True,
    learner: Callable[[Any, Callable[..., Any]], Callable[..., Any]] | None = None,
    **ctx: Any,
) -> None:
    """The exercise names at least `at_least` typical mistakes, and the check of each one fails with status
    'alternative' and that mistake's text before the failing case's inputs: exactly that text, or with
    `exact=False` that text at the end (after a scalar's "got 0.5, expected 0.63: ").

    `learner(exercise, mistake)` turns a registered mistake into the function a learner would write (by default
    the mistake itself)."""
    exercise = get(exercise_id)
    assert len(exercise.alternatives) >= at_least, f"{exercise_id} names fewer than {at_least} mistakes"
    for name, mistake in exercise.alternatives.items():
        result = check(exercise_id, learner(exercise, mistake) if learner else mistake, **ctx)
        said = result.message.split(" [case")[0]
        assert result.status == "alternative" and (said == name or not exact and said.endswith(name)), (
            result.line
        )


def mistake_or_reference(exercise: Any, mistake: Callable[..., Any]) -> Callable[..., Any]:
    """A learner who makes this mistake, and otherwise answers like the reference where it does not apply (the
    mistake returns None on such a case)."""

    def learner(**kwargs: Any) -> Any:
        out = mistake(**kwargs)
        return exercise.reference(**kwargs) if out is None else out

    return learner


def assert_reference_stub_and_mistakes(exercise_id: str, **ctx: Any) -> None:
    """Chapters 00 and 01: the reference passes, the stub is 'not attempted', and each named mistake is named (a
    mistake that does not apply to a case answers like the reference there)."""
    expect_pass(exercise_id, get(exercise_id).reference, **ctx)
    assert_not_attempted(exercise_id, **ctx)
    assert_mistakes_named(exercise_id, exact=False, learner=mistake_or_reference, **ctx)


@contextmanager
def registered(*exercises: Exercise) -> Iterator[tuple[Exercise, ...]]:
    """Synthetic exercises in the registry while the block runs, removed afterwards (also when it raises)."""
    for exercise in exercises:
        register(exercise)
    try:
        yield exercises
    finally:
        for exercise in exercises:
            registry._REGISTRY.pop(exercise.id, None)
