"""`check`, `hint`, `solution`, `use`: run a learner's function against the reference and diagnose the first mistake.

`check(id, fn, **ctx)` builds the exercise's cases (under a fixed seed), calls the reference and the learner's
function on each (the learner's on copies of the inputs), and stops at the first case that differs with ONE line
that ends with that case's inputs:

    ✔ passed · 02.diff_of_means: 3 cases match the reference
    ○ not attempted · 02.diff_of_means: replace `raise NotImplementedError(...)` with your code
    ✘ failed · 02.diff_of_means: wrong shape: got (4, 64), expected (64,) [case 1 of 3: harmful_acts (8, 64) ...]
    ✘ failed · 02.projection_accuracy: got 0.5, expected 0.6333 (tolerance 7e-05): you thresholded at 0 ... [...]

Hooks: models in the context or the cases must carry no hook before the check (else `hooks_before`, so the
reference never runs on a hooked model); a hook the learner's function leaves attached fails the case (`hook_leak`),
is named and removed. The diagnoses, first match wins: not attempted; a leaked hook; the learner's exception (type,
message, line of their code); wrong type; a named alternative (a known mistake registered with the exercise) when
the output matches it; wrong shape; wrong dtype; wrong device; NaN or inf; not normalised; transposed; sign flipped;
off by a constant factor (tensors only, named when the factor is n/(n-1), a count, ...); for single numbers "got X,
expected Y (tolerance T)" plus the generic relations that hold (count vs fraction, percentage, variance vs std,
population vs sample, 1 - p, log/exp); close but outside tolerance; wrong values; modified an input in place.
`use(id, fn)` returns `fn` when it passed its check, else the reference, with a visible note (notebook figures).
The markers "✔ passed", "not attempted" and "✘ failed" are stable: tests search the outputs for them.
"""

from __future__ import annotations

import contextvars
import copy
import dataclasses
import html
import inspect
import math
import traceback
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch

from course_utils.exercises.registry import Case, Exercise, get

PASSED, NOT_ATTEMPTED, FAILED = "✔ passed", "○ not attempted", "✘ failed"
_COLOURS = {PASSED: "#1a7f37", NOT_ATTEMPTED: "#9a6700", FAILED: "#cf222e"}
_MAX_MESSAGE = 480


@dataclass
class CheckResult:
    """The outcome of `check`. `status` is a short code tests can assert on:

    passed, not_attempted, error, bad_call, wrong_type, wrong_shape, wrong_dtype, wrong_device, nan, not_normalised,
    sign_flipped, transposed, alternative, scaled, not_close, wrong_values, modified_input, hooks_before, hook_leak.
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
        return CheckResult(exercise.id, status == "passed", status, message)

    if not callable(fn):
        return result(
            "bad_call", f"pass your function itself, e.g. check({exercise.id!r}, {exercise.function_name})"
        )
    missing = [name for name in exercise.requires if name not in ctx]
    if missing:
        args = ", ".join(f"{name}={name}" for name in missing)
        return result("bad_call", f"this check needs {args}: call check({exercise.id!r}, fn, {args})")
    models = _models(ctx.values())
    attached = {label: where for label, where in ((_label(m), _attached_hooks(m)) for m in models) if where}
    if attached:
        label, where = next(iter(attached.items()))
        return result(
            "hooks_before",
            f"{label} already has {_hooks_phrase(where)} attached before this check, left by an earlier cell "
            f"(a hook added outside a `with` block, or a cell that raised): run "
            f"`{'model.bridge' if label == 'model.bridge' else 'model'}.reset_hooks()`, then add hooks only with "
            "`with hooks(model, [...]):` (course_utils.hooks), which removes them even when the code raises",
        )
    cases = _build_cases(exercise, ctx)
    for index, case in enumerate(cases):
        diagnosis = _run_case(exercise, fn, case, models)
        if diagnosis is not None:
            where = ""
            if diagnosis.status != "not_attempted":
                where = f" [case {index + 1} of {len(cases)}: {describe_case(case)}]"
            return result(diagnosis.status, _shorten(diagnosis.message, _MAX_MESSAGE - len(where)) + where)
    matches = "1 case matches" if len(cases) == 1 else f"{len(cases)} cases match"
    return result("passed", f"{matches} the reference")


def _build_cases(exercise: Exercise, ctx: Mapping[str, Any]) -> list[Case]:
    """The exercise's cases, built under seed 0 without disturbing the caller's random state."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        return list(exercise.cases(ctx))


def _run_case(exercise: Exercise, fn: Callable[..., Any], case: Case, models: list[Any]) -> _Diagnosis | None:
    """Diagnose one case; None when the learner's output matches the reference.

    The reference runs first, on a model without hooks (a leak is removed at once and fails the check, so a later
    case starts clean too). The hooks on every model are snapshotted before the learner's call and compared after.
    """
    models = models + [m for m in _models(case.values()) if all(m is not known for known in models)]
    reference_case = _copy(case)
    expected = exercise.reference(**reference_case)
    if exercise.evaluate is not None:
        expected = exercise.evaluate(expected, reference_case)
    learner_case = _copy(case)
    before = [_hook_keys(m) for m in models]
    try:
        got = fn(**learner_case)
    except NotImplementedError:
        leak = _remove_leaked_hooks(models, before)
        if leak:
            return _Diagnosis("hook_leak", f"{leak}; it then raised NotImplementedError")
        return _Diagnosis("not_attempted", "replace `raise NotImplementedError(...)` with your code")
    except Exception as err:  # noqa: BLE001 - any learner error becomes one line
        leak = _remove_leaked_hooks(models, before)
        error = _describe_exception(err, fn)
        return (
            _Diagnosis("hook_leak", f"{leak}; it also raised: {error}")
            if leak
            else _Diagnosis("error", error)
        )
    leak = _remove_leaked_hooks(models, before)
    if leak:
        return _Diagnosis("hook_leak", leak)
    if exercise.evaluate is not None:
        try:
            got = exercise.evaluate(got, learner_case)
        except Exception as err:  # noqa: BLE001 - e.g. a hook name that does not exist
            return _Diagnosis(
                "error", f"your result could not be used: {type(err).__name__}: {_shorten(str(err), 160)}"
            )
    diagnosis = _diagnose(exercise, case, got, expected)
    if diagnosis is None:
        changed = _modified_inputs(case, learner_case)
        if changed:
            return _Diagnosis(
                "modified_input",
                f"right output, but your function modified `{changed}` in place (use a copy)",
            )
    return diagnosis


# ------------------------------------------------------------------------------------------------------ hooks


def _models(values: Any) -> list[Any]:
    """The models among `values`: course ChatModels (with a `.bridge`) and bare torch modules, each once."""
    found: list[Any] = []
    for value in values:
        if hasattr(value, "bridge") or isinstance(value, torch.nn.Module):
            if all(_module(value) is not _module(known) for known in found):
                found.append(value)
    return found


def _module(model: Any) -> torch.nn.Module:
    return getattr(model, "bridge", model)


def _label(model: Any) -> str:
    return "model.bridge" if hasattr(model, "bridge") else "the model"


_HOOK_DICTS = ("_forward_hooks", "_forward_pre_hooks", "_backward_hooks", "_backward_pre_hooks")


def _hook_keys(model: Any) -> dict[tuple[str, str], set[int]]:
    """Every torch hook on every submodule: (module name, kind) -> hook ids. TransformerLens hook points register
    their hooks as torch forward hooks, so this sees `add_hook`, `hooks(...)`, and raw `register_forward_hook`."""
    keys = {}
    for name, module in _module(model).named_modules():
        for kind in _HOOK_DICTS:
            hooks = getattr(module, kind, None)
            if hooks:
                keys[(name, kind)] = set(hooks)
    return keys


def _aliases(module: Any) -> dict[int, list[str]]:
    """Hook point (by id) -> its names, the resid_* alias first (`blocks.0.hook_resid_pre` = `blocks.0.hook_in`)."""
    names: dict[int, set[str]] = {}
    for alias, point in (getattr(module, "hook_dict", None) or {}).items():
        names.setdefault(id(point), set()).add(alias)
    return {key: sorted(value, key=lambda a: ("resid" not in a, a)) for key, value in names.items()}


def _point_label(aliases: dict[int, list[str]], point: Any, name: str = "") -> str:
    names = aliases.get(id(point))
    if names:
        return " = ".join(names[:2])
    return getattr(point, "name", None) or name.removeprefix("original_model.") or "the model"


def _attached_hooks(model: Any) -> list[str]:
    """Names of the hook points holding a removable (non-permanent) TransformerLens hook."""
    bridge = _module(model)
    points = getattr(bridge, "hook_points", None)
    if points is None:
        return []
    where = []
    aliases = _aliases(bridge)
    for point in {id(p): p for p in points()}.values():
        handles = [h for h in [*point.fwd_hooks, *point.bwd_hooks] if not getattr(h, "is_permanent", False)]
        where += [_point_label(aliases, point)] * len(handles)
    return where


def _hooks_phrase(where: list[str]) -> str:
    names = sorted(set(where))
    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
    return f"{len(where)} hook{'s' if len(where) != 1 else ''} ({shown})"


def _remove_leaked_hooks(models: list[Any], before: list[dict[tuple[str, str], set[int]]]) -> str | None:
    """Remove every hook added since `before`; a message naming them and the fix, or None when there were none."""
    leaked: list[str] = []
    for model, old in zip(models, before, strict=True):
        module = _module(model)
        aliases = _aliases(module)
        for name, sub in module.named_modules():
            for kind in _HOOK_DICTS:
                hooks = getattr(sub, kind, None)
                new = [key for key in (hooks or {}) if key not in old.get((name, kind), set())]
                for key in new:
                    hooks.pop(key, None)
                    getattr(sub, "_forward_hooks_with_kwargs", {}).pop(key, None)
                    getattr(sub, "_forward_hooks_always_called", {}).pop(key, None)
                    getattr(sub, "_forward_pre_hooks_with_kwargs", {}).pop(key, None)
                leaked += [_point_label(aliases, sub, name)] * len(new)
            alive = {key for kind in _HOOK_DICTS for key in (getattr(sub, kind, None) or {})}
            for attr in ("fwd_hooks", "bwd_hooks"):  # TransformerLens' own list of handles on a hook point
                handles = getattr(sub, attr, None)
                if isinstance(handles, list):
                    handles[:] = [
                        h for h in handles if getattr(getattr(h, "hook", None), "id", None) in alive
                    ]
    if not leaked:
        return None
    return (
        f"your function left {_hooks_phrase(leaked)} attached to the model (the check removed it): every later "
        "forward pass would still run it. Add hooks with `with hooks(model, [(name, fn)]):` (course_utils.hooks) "
        "or `with model.bridge.hooks(fwd_hooks=[...]):`, so they are removed even when your code raises"
    )


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


_CASE_SIZES: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "case_sizes", default=frozenset()
)


def _sizes(value: Any) -> set[int]:
    """Every size in a case: tensor dimensions, list lengths, int arguments (for naming factors like n / (n - 1))."""
    if isinstance(value, torch.Tensor):
        return set(value.shape)
    if isinstance(value, bool):
        return set()
    if isinstance(value, int):
        return {value}
    if isinstance(value, (list, tuple)):
        found = {len(value)}
        for item in value[:50]:
            found |= _sizes(item) if isinstance(item, (torch.Tensor, list, tuple)) else set()
        return found
    if isinstance(value, Mapping):
        return set().union(*(_sizes(v) for v in value.values())) if value else set()
    return set()


def _diagnose(exercise: Exercise, case: Case, got: Any, expected: Any) -> _Diagnosis | None:
    """None if `got` matches `expected`; else the most precise diagnosis (named alternatives first)."""
    token = _CASE_SIZES.set(frozenset(_sizes(dict(case))))
    try:
        return _diagnose_case(exercise, case, got, expected)
    finally:
        _CASE_SIZES.reset(token)


def _diagnose_case(exercise: Exercise, case: Case, got: Any, expected: Any) -> _Diagnosis | None:
    generic = _compare(got, expected, exercise)
    if generic is None:
        return None
    for name, alternative in exercise.alternatives.items():
        alt_case = _copy(case)
        alt = alternative(**alt_case)
        if alt is not None and exercise.evaluate is not None:
            alt = exercise.evaluate(alt, alt_case)
        if alt is not None and _compare(got, alt, exercise) is None:
            if _is_number(expected) and _is_number(got):
                return _Diagnosis(
                    "alternative", f"{_scalar_head(float(got), float(expected), exercise)}: {name}"
                )
            return _Diagnosis("alternative", name)
    return generic


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _compare(got: Any, expected: Any, exercise: Exercise, path: str = "") -> _Diagnosis | None:
    """Structural and numerical comparison of any output: tensors, numbers, strings, sequences, dicts and dataclass
    records (field by field)."""
    prefix = f"{path}: " if path else ""
    if isinstance(expected, torch.Tensor):
        return _compare_tensors(got, expected, exercise, prefix)
    if (
        isinstance(expected, bool)
        and not isinstance(got, bool)
        and type(got).__name__ not in ("bool_", "bool")
    ):
        hint = " (use a comparison or bool(...))" if isinstance(got, (int, float, torch.Tensor)) else ""
        return _Diagnosis("wrong_type", f"{prefix}got {_type_name(got)} {got!r}, expected a bool{hint}")
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
    if dataclasses.is_dataclass(expected) and not isinstance(expected, type):
        # another type: say what to return, not the expected record (it holds the answer)
        if type(got) is not type(expected):
            return _Diagnosis(
                "wrong_type", f"{prefix}got {_type_name(got)}, expected a {type(expected).__name__}"
            )
        # field by field, so the message names the one field that differs (not two whole records to compare by eye)
        for item in dataclasses.fields(expected):
            if not item.compare:  # as the record's own == does
                continue
            mine, theirs = getattr(got, item.name), getattr(expected, item.name)
            where = f"{path or 'output'}.{item.name}"
            # an optional field set or left empty: say which, not the value
            if (mine is None) != (theirs is None):
                wanted = "None" if theirs is None else f"a {type(theirs).__name__}"
                diagnosis = _Diagnosis("wrong_values", f"{where}: got {mine!r}, expected {wanted}")
            elif isinstance(theirs, int) and not isinstance(theirs, bool):  # an index or a count: exact
                diagnosis = (
                    None
                    if mine == theirs
                    else _Diagnosis("wrong_values", f"{where}: got {mine!r}, expected {theirs!r}")
                )
            else:
                diagnosis = _compare(mine, theirs, exercise, where)
            # with the learner's own record, to see which row it is (not the expected one)
            if diagnosis is not None:
                return _Diagnosis(diagnosis.status, f"{diagnosis.message}; your record: {got!r}")
        return None
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
        flipped = got.ndim >= 2 and tuple(got.shape) == tuple(expected.shape[:-2]) + tuple(
            expected.shape[-2:][::-1]
        )
        return _Diagnosis(
            "wrong_shape",
            f"{prefix}wrong shape: got {tuple(got.shape)}, expected {tuple(expected.shape)}"
            + (" (transposed? the last two axes are swapped)" if flipped else ""),
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
    if got.ndim >= 2 and got.shape[-1] == got.shape[-2] and close(got.transpose(-1, -2), expected):
        return _Diagnosis(
            "transposed", f"{prefix}transposed: your output is the transpose of the expected one"
        )
    if nonzero and close(-got, expected):
        return _Diagnosis("sign_flipped", f"{prefix}sign flipped: your output is minus the expected one")
    if nonzero and int((expected != 0).sum()) > 1:  # a factor between two single numbers means nothing
        factor = (got * expected).sum().item() / (expected * expected).sum().item()
        if abs(factor - 1) > 1e-3 and abs(factor) > 1e-6 and close(got, factor * expected):
            names = _factor_names(factor, lambda f: close(got, f * expected))
            named = f": {names[0]}" if names else ""
            return _Diagnosis(
                "scaled",
                f"{prefix}off by a constant factor: your output is {factor:.4g} x the expected one{named}",
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
    got, expected = float(got), float(expected)
    if _numbers_close(got, expected, exercise) or got == expected or math.isnan(got) and math.isnan(expected):
        return None
    head = prefix + _scalar_head(got, expected, exercise)
    if not math.isfinite(got) and math.isfinite(expected):
        return _Diagnosis("nan", f"{head}: your value is NaN or inf")
    if not math.isfinite(
        expected
    ):  # an expected NaN or inf (e.g. the scores of a zero candidate): no relations
        return _Diagnosis("wrong_values", head)
    relations = _relations(got, expected, lambda a, b: _numbers_close(a, b, exercise))
    if relations:
        status = "sign_flipped" if relations[0].startswith("sign flipped") else "wrong_values"
        return _Diagnosis(status, f"{head}: " + "; or ".join(relations))
    if _numbers_close(got, expected, exercise, scale=100.0):
        return _Diagnosis("not_close", f"{head}: close, but outside the tolerance")
    return _Diagnosis("wrong_values", head)


def _numbers_close(a: float, b: float, exercise: Exercise, scale: float = 1.0) -> bool:
    return abs(a - b) <= scale * (exercise.atol + exercise.rtol * abs(b))


def _scalar_head(got: float, expected: float, exercise: Exercise) -> str:
    """'got 0.81, expected 0.6 (tolerance 7e-05)' with enough digits that the two numbers differ."""
    digits = 4
    while digits < 12 and f"{got:.{digits}g}" == f"{expected:.{digits}g}":
        digits += 2
    tolerance = exercise.atol + exercise.rtol * abs(expected)
    return f"got {got:.{digits}g}, expected {expected:.{digits}g} (tolerance {tolerance:.1g})"


def _relations(got: float, expected: float, close: Callable[[float, float], bool]) -> list[str]:
    """Named relations between a wrong number and the expected one (the usual slips), those that hold."""
    found = []
    if expected != 0 and close(got, -expected):
        found.append("sign flipped: you returned minus the expected value")
    if 0 < expected < 1 and close(got, 1 - expected):
        found.append("you returned 1 - expected: the complement (swapped classes or a negated condition?)")
    if expected != 0 and close(got, 100 * expected):
        found.append("a percentage where a fraction is expected (do not multiply by 100)")
    if expected != 0 and close(got, expected / 100):
        found.append("a fraction where a percentage is expected")
    if abs(expected) > 1e-12 and abs(abs(expected) - 1) > 1e-6:
        if close(got, expected**2):
            found.append(
                "the square of the expected value: a variance where a standard deviation is expected?"
            )
        if expected > 0 and close(got, math.sqrt(expected)):
            found.append(
                "the square root of the expected value: a standard deviation where a variance is expected?"
            )
    if 0 < expected < 60 and close(got, math.exp(expected)):
        found.append("exp of the expected value: a probability or ratio where its log is expected?")
    if expected > 0 and got != 0 and close(got, math.log(expected)):
        found.append("the log of the expected value: a log where the value itself is expected?")
    if expected != 0 and got != 0:
        percent = any(name.startswith(("a percentage", "a fraction where")) for name in found)
        factors = _factor_names(got / expected, lambda f: close(got, f * expected))
        found += [name for name in factors if not (percent and name.startswith(("100 x", "1/100 ")))]
    return found


def _factor_names(ratio: float, holds: Callable[[float], bool]) -> list[str]:
    """Names for `got = factor x expected`: population vs sample, a count or sum vs a fraction or mean.

    Only factors made from a size of the case (a tensor dimension, a list length, an int argument) are named, so
    that 0.4 vs 0.6 is not called "n vs n - 1 with n = 3" when nothing in the case has 3 elements.
    """
    found = []
    sizes = _CASE_SIZES.get()
    for n in sorted(n for n in sizes if n >= 2):
        factors = {math.sqrt((n - 1) / n), math.sqrt(n / (n - 1)), (n - 1) / n, n / (n - 1)}
        if any(abs(f - 1) > 1e-5 and holds(f) for f in factors):
            found.append(
                f"population vs sample: a divisor n where n - 1 belongs or the reverse (n = {n}): "
                "use the unbiased (n - 1) estimate unless the docstring says otherwise"
            )
            break
    k = round(ratio)
    if k in sizes and k >= 2 and holds(float(k)):
        found.append(
            f"{k} x the expected value: a count or sum where a fraction or mean is expected (divide by {k})"
        )
    k = round(1 / ratio) if ratio > 0 else 0
    if k in sizes and k >= 2 and holds(1.0 / k):
        found.append(f"1/{k} of the expected value: a fraction or mean where a count or sum is expected")
    return found


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
    """Clone tensors (also inside dicts, lists, tuples and activation caches) and bare torch modules; ChatModels and
    tokenizers are shared."""
    if isinstance(value, torch.Tensor):
        return value.clone()
    if isinstance(value, torch.nn.Module):  # a bare model given as an input: each call gets its own copy
        return copy.deepcopy(value)
    if type(value).__name__ == "ActivationCache":  # TransformerLens cache: copy its tensors, share the model
        tensors = {k: v.clone() for k, v in value.cache_dict.items()}
        return type(value)(tensors, value.model, has_batch_dim=getattr(value, "has_batch_dim", True))
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_copy(v) for v in value)
    return value


def describe_case(case: Case, limit: int = 180) -> str:
    """The inputs of a case in one readable line: `acts (3, 5, 12) float32, layer=0, instruction='Hi'`."""
    parts = []
    for name, value in case.items():
        parts.append(_describe_value(name, value))
    text = ", ".join(parts)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe_value(name: str, value: Any) -> str:
    if isinstance(value, torch.Tensor):
        dtype = str(value.dtype).removeprefix("torch.")
        return f"{name} {tuple(value.shape)} {dtype}"
    if isinstance(value, str):
        return f"{name}={_short_text(value)}"
    if isinstance(value, float):
        return f"{name}={value:.4g}"
    if value is None or isinstance(value, (bool, int)):
        return f"{name}={value!r}"
    if hasattr(value, "bridge") or isinstance(value, torch.nn.Module):
        return name
    if type(value).__name__ == "ActivationCache":
        return f"{name} (a cache of {len(value.cache_dict)} activations)"
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, str) for v in value):
            return f"{name}=[{len(value)} texts: {_short_text(value[0], 24)}, ...]"
        if len(value) <= 6 and all(isinstance(v, (bool, int, float)) for v in value):
            return f"{name}={list(value)!r}"
        return f"{name} ({len(value)} items)"
    if isinstance(value, Mapping):
        keys = ", ".join(map(str, list(value)[:4])) + (", ..." if len(value) > 4 else "")
        return f"{name} (dict: {keys})"
    if inspect.isfunction(value) or inspect.ismethod(value):
        return f"{name}={value.__name__}"
    return f"{name} ({type(value).__name__})"


def _short_text(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


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
