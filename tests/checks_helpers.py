"""Helpers for the per-chapter check tests (tests/test_checks_chNN.py): run a learner's function through `check`
and assert the diagnosis a learner would see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from course_utils.exercises.checking import CheckResult, check
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
