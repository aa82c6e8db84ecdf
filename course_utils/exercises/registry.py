"""The exercise registry: one `Exercise` (plain data) per checked exercise, registered by its chapter module.

Ids are "<chapter>.<name>", e.g. "02.diff_of_means". `get(id)` imports `course_utils.exercises.ch<chapter>` on first
use, so a chapter's exercises (and its heavy imports) load only when a notebook asks for them.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Case = dict[str, Any]
"""Keyword arguments for one call of the exercise function."""

_ID = re.compile(r"^(\d\d)\.[A-Za-z_][A-Za-z0-9_]*$")
_REGISTRY: dict[str, Exercise] = {}


@dataclass(frozen=True)
class Exercise:
    """One checked exercise.

    Attributes:
        id: "<chapter>.<name>", e.g. "02.diff_of_means" (chapter = two digits of the notebook).
        reference: the reference solution, an ordinary course_utils function (the library uses it too).
        title: a few words, shown in the banner.
        difficulty, importance: 1 (easy / nice to know) to 5 (hard / essential).
        minutes: time budget; past it, read the hints, then the solution.
        hints: tiered hints, shown one at a time by `hint(id)`, `hint(id, level=2)`, ...: first a nudge (which
            idea or tool), then a stronger one (the steps). At least two, each one line, and none may contain a
            line of the reference's body (a hint coaches; `solution(id)` shows the code). Never in the stub.
        cases: `cases(ctx) -> list[Case]`, keyword-argument dicts for the function. `ctx` holds the extra
            keyword arguments given to `check` (e.g. `model=model`); cases are built under a fixed seed.
        alternatives: named plausible mistakes, `name -> fn(**case)`; when the learner's output matches one,
            the name is the diagnosis ("you used layer l+1 instead of l"). An alternative may return None
            when it does not apply to a case.
        normalised: the output is a unit vector along its last dimension (enables the "not normalised" check).
        atol, rtol: tolerance of `torch.allclose` (float outputs are compared in float64).
        requires: names `check` must receive in ctx (e.g. ("model",)); a clear message if one is missing.
        evaluate: for outputs that cannot be compared directly (hook lists, models): `evaluate(output, case)`
            turns the reference's, the learner's and each alternative's output into comparable values (e.g. the
            logits of a forward pass under the returned hooks), so every correct answer passes, however written.
    """

    id: str
    reference: Callable[..., Any]
    title: str
    difficulty: int
    importance: int
    minutes: int
    hints: tuple[str, ...]
    cases: Callable[[Mapping[str, Any]], list[Case]]
    alternatives: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    normalised: bool = False
    atol: float = 1e-5
    rtol: float = 1e-4
    requires: tuple[str, ...] = ()
    evaluate: Callable[[Any, Case], Any] | None = None

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(
                f"exercise id {self.id!r} must look like '02.diff_of_means' (two-digit chapter, dot, name)"
            )
        for name, value in (("difficulty", self.difficulty), ("importance", self.importance)):
            if not 1 <= value <= 5:
                raise ValueError(f"exercise {self.id}: {name} must be 1..5, got {value}")
        if isinstance(self.hints, str) or len(self.hints) < 2:
            raise ValueError(
                f"exercise {self.id}: hints must be a tuple of at least two one-line hints "
                "(a nudge, then a stronger one), e.g. hints=('Which axis is the batch?', 'Average over dim 0, ...')"
            )
        for level, text in enumerate(self.hints, start=1):
            if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
                raise ValueError(f"exercise {self.id}: hint {level} must be one non-empty line")
        leaked = [
            line for line in reference_body_lines(self.reference) for text in self.hints if line in text
        ]
        if leaked:
            raise ValueError(
                f"exercise {self.id}: a hint contains a line of the reference solution ({leaked[0]!r}); "
                "describe the step in words instead"
            )

    @property
    def chapter(self) -> str:
        """The two-digit chapter, e.g. "02"."""
        return self.id.split(".", 1)[0]

    @property
    def function_name(self) -> str:
        """The name the learner's function gets in the notebook: the reference's `__name__`."""
        return self.reference.__name__


def reference_body_lines(fn: Callable[..., Any]) -> list[str]:
    """The significant lines of a function's body (after the docstring), stripped, comments removed.

    "Significant": at least 12 characters, so `return x`, brackets and `else:` do not count. A learner notebook
    or a hint containing one of these lines gives the solution away (tests/test_build.py checks both).
    """
    try:
        source = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError):  # a function without source (built in a test with exec): nothing to leak
        return []
    node = ast.parse(source).body[0]
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.body:
        return []
    first = node.body[0]
    has_doc = isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant)
    start = first.end_lineno if has_doc and isinstance(first.value.value, str) else first.lineno - 1
    lines = []
    for line in source.splitlines()[start : node.end_lineno]:
        code = line.split("  #", 1)[0].strip()
        if len(code) >= 12 and not code.startswith("#"):
            lines.append(code)
    return lines


def register(exercise: Exercise) -> Exercise:
    """Add `exercise` to the registry (re-registering the same id from the same module replaces it)."""
    old = _REGISTRY.get(exercise.id)
    if old is not None and old.reference.__module__ != exercise.reference.__module__:
        raise ValueError(
            f"exercise id {exercise.id!r} is already registered for {old.reference.__module__}."
            f"{old.function_name}; choose another id"
        )
    _REGISTRY[exercise.id] = exercise
    return exercise


def get(exercise_id: str) -> Exercise:
    """The registered exercise `exercise_id`, importing its chapter module if needed."""
    if not isinstance(exercise_id, str) or not _ID.match(exercise_id):
        raise KeyError(f"{exercise_id!r} is not an exercise id; ids look like '02.diff_of_means'")
    chapter = exercise_id[:3]  # "02."
    if exercise_id not in _REGISTRY:
        try:
            _load_chapter(chapter[:2])
        except KeyError:  # no chapter module: exercises registered by hand (tests) still count
            if not any(e.startswith(chapter) for e in _REGISTRY):
                raise
    if exercise_id not in _REGISTRY:
        known = ", ".join(sorted(e for e in _REGISTRY if e.startswith(chapter))) or "none"
        raise KeyError(f"no exercise {exercise_id!r}; exercises of this chapter: {known}")
    return _REGISTRY[exercise_id]


def all_exercises() -> dict[str, Exercise]:
    """Every registered exercise after importing every chapter module found in this package."""
    from importlib import resources

    for entry in resources.files(__package__).iterdir():
        match = re.match(r"^ch(\d\d)\.py$", entry.name)
        if match:
            _load_chapter(match.group(1))
    return dict(sorted(_REGISTRY.items()))


def _load_chapter(chapter: str) -> None:
    """Import `course_utils.exercises.ch<chapter>` (which calls `register`); a clear error if absent."""
    module = f"{__package__}.ch{chapter}"
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name != module:
            raise
        raise KeyError(f"no exercises for chapter {chapter}: module {module} does not exist") from None
