"""`check`, `hint`, `solution`: run a learner's function against the reference and diagnose the first mistake.

`check(id, fn, **ctx)` builds the exercise's cases (under a fixed seed), calls the reference and the learner's
function on each (the learner's on copies of the inputs), and stops at the first case that differs with ONE line:

    ✔ passed · 02.diff_of_means: 3 cases match the reference
    ○ not attempted · 02.diff_of_means: replace `raise NotImplementedError(...)` with your code
    ✘ failed · 02.diff_of_means: wrong shape: got (4, 64), expected (64,) [case 1 of 3]

The diagnoses, first match wins: not attempted; the learner's exception (type, message, line of their code);
wrong type; a named alternative (a known mistake registered with the exercise, e.g. wrong layer) when the output
matches it; wrong shape; wrong dtype; wrong device; NaN or inf; not normalised; sign flipped; off by a constant
factor; close but outside tolerance; wrong values (max error); modified an input in place.
The markers "✔ passed", "not attempted" and "✘ failed" are stable: tests search the outputs for them.
"""

from __future__ import annotations

import html
import inspect
import traceback
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch

from course_utils.exercises.registry import Case, Exercise, get

PASSED, NOT_ATTEMPTED, FAILED = "✔ passed", "○ not attempted", "✘ failed"
_COLOURS = {PASSED: "#1a7f37", NOT_ATTEMPTED: "#9a6700", FAILED: "#cf222e"}
_MAX_MESSAGE = 300


@dataclass
class CheckResult:
    """The outcome of `check`. `status` is a short code tests can assert on:

    passed, not_attempted, error, bad_call, wrong_type, wrong_shape, wrong_dtype, wrong_device, nan, not_normalised,
    sign_flipped, alternative, scaled, not_close, wrong_values, modified_input.
    """

    exercise_id: str
    passed: bool
    status: str
    message: str
    _shown: bool = field(default=False, repr=False, compare=False)

    @property
    def label(self) -> str:
        """One of the stable markers PASSED, NOT_ATTEMPTED, FAILED."""
        return PASSED if self.passed else NOT_ATTEMPTED if self.status == "not_attempted" else FAILED

    @property
    def line(self) -> str:
        """The one line shown to the learner."""
        return f"{self.label} · {self.exercise_id}: {self.message}"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, str]:
        colour = _COLOURS[self.label]
        body = f"<b>{html.escape(self.label)}</b> · <code>{html.escape(self.exercise_id)}</code>: "
        body += html.escape(self.message)
        return {"text/plain": self.line, "text/html": f'<div style="color:{colour}">{body}</div>'}

    def _ipython_display_(self) -> None:
        # `check` already displayed this result; when it is also a cell's last value, do not show it twice.
        if self._shown:
            self._shown = False
            return
        _display(self)


@dataclass(frozen=True)
class _Diagnosis:
    status: str
    message: str


def check(exercise_id: str, fn: Callable[..., Any], /, **ctx: Any) -> CheckResult:
    """Compare `fn` with the reference of `exercise_id` on every case; show and return the first diagnosis.

    Extra keyword arguments (`model=model`, ...) are the context the exercise's cases are built from.
    """
    exercise = get(exercise_id)
    result = _run(exercise, fn, ctx)
    _remember(exercise.id, fn, ctx, result)
    _display(result)
    result._shown = True
    return result


def use(exercise_id: str, fn: Any, /, *, mine: bool = True, **ctx: Any) -> Callable[..., Any]:
    """The function the notebook's later cells should call for `exercise_id`: yours if it passes, else the reference.

    `mine` is the notebook's switch (`USE_MY_CODE = True` in its setup cell): False always returns the reference.
    With `mine=True`, `fn` is checked (the result of an earlier `check` of the same function with the same context
    is reused) and returned when it passed; otherwise the reference is returned and a visible note says why:
    "using the reference for 04.kl_div: not attempted". Pass the same context as to `check` (e.g. model=model).

        USE_MY_CODE = True  # setup cell: False = every figure from the reference functions
        ...
        kl = use("04.kl_div", kl_div, mine=USE_MY_CODE)  # later cells call kl(...)
    """
    exercise = get(exercise_id)
    if not mine:
        _note(exercise, f"using the reference for {exercise.id} (USE_MY_CODE is False)")
        return exercise.reference
    result = _cached_result(exercise, fn, ctx)
    if result.passed:
        _note(exercise, f"using your {exercise.function_name} for {exercise.id} (it passed its check)")
        return fn
    why = (
        "not attempted"
        if result.status == "not_attempted"
        else f"your function failed its check ({result.message})"
    )
    _note(exercise, f"using the reference for {exercise.id}: {why}")
    return exercise.reference


_RESULTS: weakref.WeakKeyDictionary[Any, dict[tuple, CheckResult]] = weakref.WeakKeyDictionary()


def _context_key(exercise_id: str, ctx: Mapping[str, Any]) -> tuple:
    return (exercise_id, *sorted((name, id(value)) for name, value in ctx.items()))


def _remember(exercise_id: str, fn: Any, ctx: Mapping[str, Any], result: CheckResult) -> None:
    try:
        _RESULTS.setdefault(fn, {})[_context_key(exercise_id, ctx)] = result
    except TypeError:  # not weak-referenceable (not a function): nothing to cache
        pass


def _cached_result(exercise: Exercise, fn: Any, ctx: Mapping[str, Any]) -> CheckResult:
    try:
        cached = _RESULTS.get(fn, {}).get(_context_key(exercise.id, ctx))
    except TypeError:
        cached = None
    if cached is None:
        cached = _run(exercise, fn, ctx)
        _remember(exercise.id, fn, ctx, cached)
    return cached


def _note(exercise: Exercise, text: str) -> None:
    """A visible one-line note (grey in a notebook) saying which implementation later cells use."""
    if _in_notebook():
        from IPython.display import display

        body = f'<div style="color:#57606a">↳ {html.escape(text)}</div>'
        display({"text/plain": f"↳ {text}", "text/html": body}, raw=True)
    else:
        print(f"↳ {text}")


def hint(exercise_id: str, level: int = 1) -> None:
    """Print the exercise's hints up to `level`, in order: 1 = a nudge, 2 = a stronger one, ... ."""
    exercise = get(exercise_id)
    n = len(exercise.hints)
    if not isinstance(level, int) or not 1 <= level <= n:
        raise ValueError(
            f"{exercise.id} has hints 1 to {n}: call hint({exercise.id!r}, level=k) with k in 1..{n}"
        )
    lines = [f"Hints for {exercise.id} ({exercise.title}, ~{exercise.minutes} min):"]
    lines += [f"  {k}. {text.strip()}" for k, text in enumerate(exercise.hints[:level], start=1)]
    more = (
        f"a stronger hint: hint({exercise.id!r}, level={level + 1})"
        if level < n
        else f"the solution: solution({exercise.id!r})"
    )
    lines.append(f"Still stuck? {more}")
    print("\n".join(lines))


def solution(exercise_id: str) -> None:
    """Print the reference solution's source (the same function the library uses)."""
    exercise = get(exercise_id)
    where = f"{exercise.reference.__module__}.{exercise.reference.__qualname__}"
    print(f"# Reference solution of {exercise.id}: {where}\n{inspect.getsource(exercise.reference)}")


# --------------------------------------------------------------------------------------------------- running


def _run(exercise: Exercise, fn: Callable[..., Any], ctx: Mapping[str, Any]) -> CheckResult:
    """Run every case; the first diagnosis becomes the result."""

    def result(status: str, message: str) -> CheckResult:
        return CheckResult(exercise.id, status == "passed", status, _shorten(message))

    if not callable(fn):
        return result(
            "bad_call", f"pass your function itself, e.g. check({exercise.id!r}, {exercise.function_name})"
        )
    missing = [name for name in exercise.requires if name not in ctx]
    if missing:
        args = ", ".join(f"{name}={name}" for name in missing)
        return result("bad_call", f"this check needs {args}: call check({exercise.id!r}, fn, {args})")
    cases = _build_cases(exercise, ctx)
    for index, case in enumerate(cases):
        diagnosis = _run_case(exercise, fn, case)
        if diagnosis is not None:
            where = (
                f" [case {index + 1} of {len(cases)}]"
                if len(cases) > 1 and diagnosis.status != "not_attempted"
                else ""
            )
            return result(diagnosis.status, diagnosis.message + where)
    matches = "1 case matches" if len(cases) == 1 else f"{len(cases)} cases match"
    return result("passed", f"{matches} the reference")


def _build_cases(exercise: Exercise, ctx: Mapping[str, Any]) -> list[Case]:
    """The exercise's cases, built under seed 0 without disturbing the caller's random state."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        return list(exercise.cases(ctx))


def _run_case(exercise: Exercise, fn: Callable[..., Any], case: Case) -> _Diagnosis | None:
    """Diagnose one case; None when the learner's output matches the reference."""
    expected = exercise.reference(**_copy(case))
    learner_case = _copy(case)
    try:
        got = fn(**learner_case)
    except NotImplementedError:
        return _Diagnosis("not_attempted", "replace `raise NotImplementedError(...)` with your code")
    except Exception as err:  # noqa: BLE001 - any learner error becomes one line
        return _Diagnosis("error", _describe_exception(err, fn))
    diagnosis = _diagnose(exercise, case, got, expected)
    if diagnosis is None:
        changed = _modified_inputs(case, learner_case)
        if changed:
            return _Diagnosis(
                "modified_input",
                f"right output, but your function modified `{changed}` in place (use a copy)",
            )
    return diagnosis


def _describe_exception(err: BaseException, fn: Callable[..., Any]) -> str:
    """`TypeError: message (line 3 of my_fn: `code`)`, pointing at the deepest frame of the learner's code."""
    frames = traceback.extract_tb(err.__traceback__)
    learner_file = getattr(getattr(fn, "__code__", None), "co_filename", None)
    mine = [f for f in frames if f.filename == learner_file] or [f for f in frames if f.filename != __file__]
    where = ""
    if mine:
        frame = mine[-1]
        code = getattr(fn, "__code__", None)
        line = frame.lineno - code.co_firstlineno + 1 if code and frame.name == fn.__name__ else frame.lineno
        where = f" (line {line} of {frame.name}: `{(frame.line or '').strip()}`)"
    return f"your function raised {type(err).__name__}: {_shorten(str(err), 160)}{where}"


# --------------------------------------------------------------------------------------------------- diagnosis


def _diagnose(exercise: Exercise, case: Case, got: Any, expected: Any) -> _Diagnosis | None:
    """None if `got` matches `expected`; else the most precise diagnosis (named alternatives first)."""
    generic = _compare(got, expected, exercise)
    if generic is None:
        return None
    for name, alternative in exercise.alternatives.items():
        alt = alternative(**_copy(case))
        if alt is not None and _compare(got, alt, exercise) is None:
            return _Diagnosis("alternative", name)
    return generic


def _compare(got: Any, expected: Any, exercise: Exercise, path: str = "") -> _Diagnosis | None:
    """Structural and numerical comparison of any output: tensors, numbers, strings, sequences, dicts."""
    prefix = f"{path}: " if path else ""
    if isinstance(expected, torch.Tensor):
        return _compare_tensors(got, expected, exercise, prefix)
    if isinstance(expected, bool) or expected is None:
        return (
            None
            if got is expected or got == expected
            else _Diagnosis("wrong_values", f"{prefix}got {got!r}, expected {expected!r}")
        )
    if isinstance(expected, (int, float)):
        return _compare_numbers(got, expected, exercise, prefix)
    if isinstance(expected, str):
        return _compare_strings(got, expected, prefix)
    if isinstance(expected, (list, tuple)):
        return _compare_sequences(got, expected, exercise, path)
    if isinstance(expected, Mapping):
        return _compare_mappings(got, expected, exercise, path)
    return (
        None if got == expected else _Diagnosis("wrong_values", f"{prefix}got {got!r}, expected {expected!r}")
    )


def _type_name(value: Any) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _compare_tensors(got: Any, expected: torch.Tensor, exercise: Exercise, prefix: str) -> _Diagnosis | None:
    if not isinstance(got, torch.Tensor):
        advice = " (convert with torch.as_tensor, or stay in torch)" if hasattr(got, "__array__") else ""
        return _Diagnosis("wrong_type", f"{prefix}got {_type_name(got)}, expected a torch.Tensor{advice}")
    if got.shape != expected.shape:
        return _Diagnosis(
            "wrong_shape", f"{prefix}wrong shape: got {tuple(got.shape)}, expected {tuple(expected.shape)}"
        )
    if got.dtype != expected.dtype:
        return _Diagnosis("wrong_dtype", f"{prefix}wrong dtype: got {got.dtype}, expected {expected.dtype}")
    if got.device != expected.device:
        return _Diagnosis(
            "wrong_device", f"{prefix}wrong device: got {got.device}, expected {expected.device}"
        )
    if not (got.is_floating_point() or got.is_complex()):
        if torch.equal(got, expected):
            return None
        wrong = (got != expected).nonzero()[0].tolist()
        return _Diagnosis(
            "wrong_values",
            f"{prefix}{int((got != expected).sum())} of {got.numel()} values differ, first at index {wrong}: "
            f"got {got[tuple(wrong)].item()}, expected {expected[tuple(wrong)].item()}",
        )
    return _compare_floats(got.detach().cpu().double(), expected.detach().cpu().double(), exercise, prefix)


def _compare_floats(
    got: torch.Tensor, expected: torch.Tensor, exercise: Exercise, prefix: str
) -> _Diagnosis | None:
    """Numerical diagnoses of two float64 tensors of the same shape."""
    bad = ~torch.isfinite(got) & torch.isfinite(expected)
    if bad.any():
        return _Diagnosis("nan", f"{prefix}{int(bad.sum())} of {got.numel()} values are NaN or inf")

    def close(a: torch.Tensor, b: torch.Tensor, scale: float = 1.0) -> bool:
        return torch.allclose(a, b, atol=exercise.atol * scale, rtol=exercise.rtol * scale, equal_nan=True)

    if close(got, expected):
        return None
    if exercise.normalised and got.ndim >= 1:
        norms = got.norm(dim=-1)
        if not torch.allclose(norms, torch.ones_like(norms), atol=1e-3):
            return _Diagnosis(
                "not_normalised", f"{prefix}not normalised: norm {norms.flatten()[0].item():.4g}, expected 1"
            )
    nonzero = expected.abs().max().item() > 0
    if nonzero and close(-got, expected):
        return _Diagnosis("sign_flipped", f"{prefix}sign flipped: your output is minus the expected one")
    if nonzero:
        factor = (got * expected).sum().item() / (expected * expected).sum().item()
        if abs(factor - 1) > 1e-3 and abs(factor) > 1e-6 and close(got, factor * expected):
            return _Diagnosis(
                "scaled", f"{prefix}off by a constant factor: your output is {factor:.4g} x the expected one"
            )
    error = (got - expected).abs()
    worst = error.argmax()
    index = list(torch.unravel_index(worst, error.shape)) if error.ndim else []
    at = f" at index {[int(i) for i in index]}" if index else ""
    tolerance = exercise.atol + exercise.rtol * expected.abs().max().item()
    detail = f"max |error| = {error.max().item():.3g}{at} (got {got.flatten()[worst].item():.6g}, expected {expected.flatten()[worst].item():.6g})"
    if close(got, expected, scale=100.0):
        return _Diagnosis(
            "not_close", f"{prefix}close but outside tolerance: {detail}, tolerance ~{tolerance:.2g}"
        )
    return _Diagnosis("wrong_values", f"{prefix}wrong values: {detail}")


def _compare_numbers(got: Any, expected: float, exercise: Exercise, prefix: str) -> _Diagnosis | None:
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        return _Diagnosis(
            "wrong_type", f"{prefix}got a one-element tensor, expected a Python number (use .item())"
        )
    if isinstance(got, bool) or not isinstance(got, (int, float)) and not hasattr(got, "__float__"):
        return _Diagnosis(
            "wrong_type", f"{prefix}got {_type_name(got)}, expected a number ({_type_name(expected)})"
        )
    if isinstance(expected, int) and isinstance(got, float) and not got.is_integer():
        return _Diagnosis("wrong_type", f"{prefix}got the float {got!r}, expected an int")
    as_tensor = torch.tensor([float(got)], dtype=torch.float64)
    return _compare_floats(as_tensor, torch.tensor([float(expected)], dtype=torch.float64), exercise, prefix)


def _compare_strings(got: Any, expected: str, prefix: str) -> _Diagnosis | None:
    if not isinstance(got, str):
        return _Diagnosis("wrong_type", f"{prefix}got {_type_name(got)}, expected a str")
    if got == expected:
        return None
    first = next(
        (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
        min(len(got), len(expected)),
    )
    start = max(0, first - 15)
    return _Diagnosis(
        "wrong_values",
        f"{prefix}strings differ at character {first}: got ...{got[start : first + 15]!r}..., "
        f"expected ...{expected[start : first + 15]!r}... (lengths {len(got)} and {len(expected)})",
    )


def _compare_sequences(got: Any, expected: list | tuple, exercise: Exercise, path: str) -> _Diagnosis | None:
    prefix = f"{path}: " if path else ""
    if not isinstance(got, (list, tuple)):
        return _Diagnosis("wrong_type", f"{prefix}got {_type_name(got)}, expected a {_type_name(expected)}")
    if len(got) != len(expected):
        return _Diagnosis(
            "wrong_shape", f"{prefix}wrong length: got {len(got)} items, expected {len(expected)}"
        )
    for i, (a, b) in enumerate(zip(got, expected, strict=False)):
        diagnosis = _compare(a, b, exercise, f"{path}[{i}]" if path else f"item {i}")
        if diagnosis is not None:
            return diagnosis
    return None


def _compare_mappings(got: Any, expected: Mapping, exercise: Exercise, path: str) -> _Diagnosis | None:
    prefix = f"{path}: " if path else ""
    if not isinstance(got, Mapping):
        return _Diagnosis("wrong_type", f"{prefix}got {_type_name(got)}, expected a dict")
    if set(got) != set(expected):
        missing, extra = (
            sorted(map(str, set(expected) - set(got))),
            sorted(map(str, set(got) - set(expected))),
        )
        return _Diagnosis("wrong_shape", f"{prefix}wrong keys: missing {missing}, unexpected {extra}")
    for key in expected:
        diagnosis = _compare(got[key], expected[key], exercise, f"{path}[{key!r}]")
        if diagnosis is not None:
            return diagnosis
    return None


# --------------------------------------------------------------------------------------------------- helpers


def _copy(value: Any) -> Any:
    """Clone tensors (also inside dicts, lists, tuples and activation caches); models and tokenizers are shared."""
    if isinstance(value, torch.Tensor):
        return value.clone()
    if type(value).__name__ == "ActivationCache":  # TransformerLens cache: copy its tensors, share the model
        tensors = {k: v.clone() for k, v in value.cache_dict.items()}
        return type(value)(tensors, value.model, has_batch_dim=getattr(value, "has_batch_dim", True))
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_copy(v) for v in value)
    return value


def _modified_inputs(original: Case, used: Case) -> str | None:
    """The name of the first tensor argument the learner changed in place, if any."""
    for name, value in original.items():
        if isinstance(value, torch.Tensor) and not torch.equal(value, used[name]):
            return name
    return None


def _shorten(text: str, limit: int = _MAX_MESSAGE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def _display(result: CheckResult) -> None:
    """Coloured HTML in a notebook (with a plain-text twin), a plain line elsewhere."""
    if _in_notebook():
        from IPython.display import display

        display(result._repr_mimebundle_(), raw=True)
    else:
        print(result.line)
