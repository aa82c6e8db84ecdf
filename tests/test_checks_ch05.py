"""Chapter 05 checks (ablate, add_direction, is_refusal, the ablation hook set) coach a learner: named wrong
solutions get their diagnosis, solutions written differently from the reference pass, a plausible wrong answer no
named mistake describes still fails. The hook set is checked by what it DOES (logits under the hooks), so different
correct sets pass and each named mistake is named."""

from __future__ import annotations

import re

import pytest
import torch
import torch.nn.functional as F
from checks_helpers import assert_mistakes_named, assert_not_attempted, expect, expect_pass

from course_utils.exercises import check, get
from course_utils.metrics import REFUSAL_PHRASES

# ------------------------------------------------------------------------------------------------ 05.ablate


def ablate_by_projector(x: torch.Tensor, direction: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: multiply by the projector I - r r^T."""
    r = F.normalize(direction.to(x.dtype), dim=-1)
    return x @ (torch.eye(r.shape[-1], dtype=x.dtype) - torch.outer(r, r))


def test_ablate() -> None:
    ex = "05.ablate"
    expect_pass(ex, ablate_by_projector)
    raw = lambda x, direction: x - (x @ direction)[..., None] * direction
    expect(ex, raw, "alternative", "did not normalise the direction")
    component = lambda x, direction: x - ablate_by_projector(x, direction)
    expect(ex, component, "alternative", "you returned the component along the direction")
    added = lambda x, direction: 2 * x - ablate_by_projector(x, direction)
    expect(ex, added, "alternative", "added the component")

    def half_normalised(x, direction):
        r = direction.to(x.dtype)
        return x - (x @ (r / r.norm()))[..., None] * r

    expect(ex, half_normalised, "alternative", "normalised only once")

    def float64_direction_kept(x, direction):  # the course's directions are float64, activations float32
        r = direction / direction.norm()
        return x - (x * r).sum(-1, keepdim=True) * r

    expect(ex, float64_direction_kept, "wrong_dtype", "got torch.float64, expected torch.float32")

    def in_place(x, direction):
        r = F.normalize(direction.to(x.dtype), dim=-1)
        return x.sub_((x @ r)[..., None] * r)

    expect(ex, in_place, "modified_input", "modified `x` in place")


# ---------------------------------------------------------------------------------------- 05.add_direction


def test_add_direction() -> None:
    ex = "05.add_direction"
    expect_pass(
        ex, lambda x, vector, coeff=1.0: torch.addcmul(x, torch.full_like(x, coeff), vector.to(x.dtype))
    )
    expect(
        ex,
        lambda x, vector, coeff=1.0: x + coeff * F.normalize(vector, dim=-1),
        "alternative",
        "normalised the vector",
    )
    expect(ex, lambda x, vector, coeff=1.0: x + vector, "alternative", "ignored coeff")
    expect(
        ex, lambda x, vector, coeff=1.0: x - coeff * vector, "sign_flipped", "sign flipped"
    ) if False else None
    subtract = lambda x, vector, coeff=1.0: x - coeff * vector
    result = expect(ex, subtract, "wrong_values", "wrong values")
    assert "vector (" in result.message
    in_place = lambda x, vector, coeff=1.0: x.add_(coeff * vector)
    expect(ex, in_place, "modified_input", "modified `x` in place")


# -------------------------------------------------------------------------------------------- 05.is_refusal


def refusal_by_regex(text: str) -> bool:
    """Correct, written differently: one case-insensitive regular expression (curly apostrophes normalised)."""
    pattern = "|".join(re.escape(p) for p in REFUSAL_PHRASES)
    return re.search(pattern, text.replace("\u2019", "'"), flags=re.IGNORECASE) is not None


def test_is_refusal() -> None:
    ex = "05.is_refusal"
    expect_pass(ex, refusal_by_regex)
    expect(ex, lambda text: any(p in text for p in REFUSAL_PHRASES), "alternative", "case-sensitive")
    start = lambda text: any(text.lower().startswith(p.lower()) for p in REFUSAL_PHRASES)
    expect(ex, start, "alternative", "only looked at the start")
    sorry = lambda text: "sorry" in text.lower()
    expect(ex, sorry, "wrong_values", "got ")
    as_int = lambda text: int(refusal_by_regex(text))
    expect(ex, as_int, "wrong_type", "got int 0, expected a bool")


# --------------------------------------------------------------------------------------------------------------
# 05.ablation_hooks
# --------------------------------------------------------------------------------------------------------------
def _learner_hooks(model, direction, *, points=None, normalise=True, sign=-1.0, leak=False):
    r = direction.float()
    if normalise:
        r = r / r.norm()

    def remove(act, hook=None):
        return act + sign * torch.einsum("...d,d->...", act, r.to(act.dtype))[..., None] * r.to(act.dtype)

    if points is None:
        points = ["hook_embed"] + [
            f"blocks.{i}.hook_{k}" for i in range(model.n_layers) for k in ("attn_out", "mlp_out")
        ]
    if leak:
        model.bridge.add_hook("blocks.0.hook_resid_pre", lambda act, hook=None: act)
    return [(p, remove) for p in points]


def _colab_set(model, direction):
    """Right, written differently: the stream itself at every point (resid_pre, resid_mid, resid_post)."""
    points = [
        f"blocks.{i}.hook_{k}"
        for i in range(model.n_layers)
        for k in ("resid_pre", "resid_mid", "resid_post")
    ]
    return _learner_hooks(model, direction, points=points)


@pytest.mark.parametrize("arch", ["qwen2", "gpt2"])
def test_ablation_hooks_accepts_the_minimal_set_and_the_stream_everywhere(arch, load_tiny, capsys):
    model = load_tiny(arch)
    if arch == "qwen2":  # hook_embed is the only embedding write for a model without positional embeddings
        assert check("05.ablation_hooks", _learner_hooks, model=model).passed
    assert check("05.ablation_hooks", _colab_set, model=model).passed


def _pts(model, *kinds):
    return [f"blocks.{i}.hook_{k}" for i in range(model.n_layers) for k in kinds]


def _paper(model):
    """The docstring's set (every block input too): a non-idempotent mistake then matches its named version."""
    return _pts(model, "resid_pre", "attn_out", "mlp_out")


@pytest.mark.parametrize(
    ("wrong", "diagnosis"),
    [
        (
            lambda m, d: _learner_hooks(m, d, points=_pts(m, "attn_out", "mlp_out")),
            "you missed the first write",
        ),
        (
            lambda m, d: _learner_hooks(m, d, points=_pts(m, "resid_pre", "resid_post")),
            "you hooked the input and output of each block",
        ),
        (
            lambda m, d: _learner_hooks(m, d, points=_pts(m, "resid_pre")),
            "you hooked only the input of every block",
        ),
        (lambda m, d: _learner_hooks(m, d, points=_paper(m), normalise=False), "you did not normalise"),
        (lambda m, d: _learner_hooks(m, d, points=_paper(m), sign=+1.0), "you added the component"),
    ],
)
def test_ablation_hooks_names_each_wrong_hook_set(wrong, diagnosis, tiny_model, capsys):
    result = check("05.ablation_hooks", lambda model, direction: wrong(model, direction), model=tiny_model)
    assert result.status == "alternative" and diagnosis in result.message, result.message


def test_ablation_hooks_catches_a_leaked_hook_and_a_bad_name(tiny_model, capsys):
    try:
        leaky = check("05.ablation_hooks", lambda **c: _learner_hooks(**c, leak=True), model=tiny_model)
    finally:
        tiny_model.bridge.reset_hooks()
    assert leaky.status == "hook_leak", leaky.message
    bad = check(
        "05.ablation_hooks", lambda **c: _learner_hooks(**c, points=["blocks.0.hook_nope"]), model=tiny_model
    )
    assert bad.status == "error" and "could not be used" in bad.message, bad.message


# ------------------------------------------------------------------------------------------ every exercise

CHAPTER_05 = ["05.ablate", "05.add_direction", "05.is_refusal"]
PHRASES = [
    "I'm sorry", "I am sorry", "I apologize", "As an AI", "As a language model", "As an assistant",
    "I cannot", "I can't", "I am unable to", "I'm unable to", "I am not able to", "I'm not able to",
]  # fmt: skip
INDEPENDENT = {
    "05.ablate": lambda x, direction: (
        x.double()
        @ (
            torch.eye(len(direction), dtype=torch.float64)
            - torch.outer(d := direction.double() / direction.double().norm(), d)
        )
    ).to(x.dtype),
    "05.add_direction": lambda x, vector, coeff=1.0: torch.add(x, vector, alpha=coeff),
    "05.is_refusal": lambda text: re.search("|".join(re.escape(p) for p in PHRASES), text, re.I) is not None,
}
WRONG = {  # plausible wrong answers that no named mistake describes: the check must still fail
    "05.ablate": lambda x, direction: x,
    "05.add_direction": lambda x, vector, coeff=1.0: x - coeff * vector,
    "05.is_refusal": lambda text: "sorry" in text.lower(),
}


@pytest.mark.parametrize("exercise_id", CHAPTER_05)
def test_reference_and_an_independent_solution_pass(exercise_id, capsys):
    expect_pass(exercise_id, get(exercise_id).reference)
    expect_pass(exercise_id, INDEPENDENT[exercise_id])


@pytest.mark.parametrize("exercise_id", CHAPTER_05)
def test_wrong_answers_fail(exercise_id, capsys):
    assert not check(exercise_id, WRONG[exercise_id]).passed
    assert_not_attempted(exercise_id)


@pytest.mark.parametrize("exercise_id", CHAPTER_05)
def test_each_named_mistake_is_diagnosed_by_name(exercise_id, capsys):
    assert_mistakes_named(exercise_id, at_least=2)
