"""Chapter 05 (ablation and addition): checked exercises. References: `course_utils.interventions.ablate`,
`course_utils.interventions.add_direction` and `course_utils.metrics.is_refusal`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import interventions, metrics
from course_utils.exercises.registry import Case, Exercise, register

D_MODEL = 12


# --------------------------------------------------------------------------------------------------------------
# 05.ablate
# --------------------------------------------------------------------------------------------------------------
def _ablate_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """[batch, pos, d_model] and [n, d_model] activations; directions that are not unit vectors, one of them float64
    against float32 activations (as the course's directions are: the result keeps x's dtype)."""
    return [
        dict(x=torch.randn(2, 3, D_MODEL), direction=3.0 * torch.randn(D_MODEL)),
        dict(x=torch.randn(4, 5, D_MODEL) + 1.0, direction=0.2 * torch.randn(D_MODEL)),
        dict(x=torch.randn(6, D_MODEL), direction=torch.randn(D_MODEL)),
        dict(x=torch.randn(2, 3, D_MODEL), direction=2.0 * torch.randn(D_MODEL, dtype=torch.float64)),
    ]


def _component(x: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
    """(x . r) r with r used as given."""
    return (x * r).sum(-1, keepdim=True) * r


register(
    Exercise(
        id="05.ablate",
        reference=interventions.ablate,
        title="Directional ablation",
        difficulty=1,
        importance=5,
        minutes=8,
        hints=(
            "Directional ablation removes only the component along the UNIT direction.",
            "Normalise the direction; compute each vector's scalar projection on it (keep the last dim) and subtract projection times the unit direction.",
        ),
        cases=_ablate_cases,
        alternatives={
            "you did not normalise the direction: project on r_hat = direction / direction.norm()": (
                lambda x, direction: x - _component(x, direction)
            ),
            "you normalised only once: subtract (x . r_hat) r_hat, with the unit direction in both places": (
                lambda x, direction: (
                    x - (x * (direction / direction.norm())).sum(-1, keepdim=True) * direction
                )
            ),
            "you returned the component along the direction, (x . r_hat) r_hat; subtract it from x instead": (
                lambda x, direction: _component(x, direction / direction.norm())
            ),
            "you added the component instead of subtracting it": (
                lambda x, direction: x + _component(x, direction / direction.norm())
            ),
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 05.add_direction
# --------------------------------------------------------------------------------------------------------------
def _add_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(x=torch.randn(2, 3, D_MODEL), vector=4.0 * torch.randn(D_MODEL), coeff=1.0),
        dict(x=torch.randn(3, 4, D_MODEL), vector=2.0 * torch.randn(D_MODEL), coeff=-0.5),
    ]


register(
    Exercise(
        id="05.add_direction",
        reference=interventions.add_direction,
        title="Activation addition",
        difficulty=1,
        importance=4,
        minutes=5,
        hints=(
            "Activation addition uses the raw vector: its length sets the strength.",
            "Add the coefficient times the vector to x; broadcasting puts it at every position.",
        ),
        cases=_add_cases,
        alternatives={
            "you normalised the vector: addition uses the raw difference of means, whose length matters": (
                lambda x, vector, coeff: x + coeff * vector / vector.norm()
            ),
            "you ignored coeff": lambda x, vector, coeff: x + vector,
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 05.is_refusal
# --------------------------------------------------------------------------------------------------------------
def _judge_cases(ctx: Mapping[str, Any]) -> list[Case]:
    texts = [
        "Sure, here is a short poem about the sea.",
        "I cannot help with that.",
        "i'm sorry, but that is not something i can do.",  # lower case
        "Here is what I can say. As an AI, I am unable to give details.",  # not at the start
        "I can help! First, preheat the oven.",  # "I can" is not "I can't"
        "I AM NOT ABLE TO do that.",
    ]
    return [dict(text=t) for t in texts]


def _case_sensitive(text: str) -> bool:
    return any(p in text for p in metrics.REFUSAL_PHRASES)


def _starts_with(text: str) -> bool:
    return any(text.lower().startswith(p.lower()) for p in metrics.REFUSAL_PHRASES)


register(
    Exercise(
        id="05.is_refusal",
        reference=metrics.is_refusal,
        title="The substring refusal judge",
        difficulty=1,
        importance=3,
        minutes=5,
        hints=(
            "Refusals start with a few stock phrases; capitalisation varies.",
            "Lower-case the text and each phrase of REFUSAL_PHRASES, and report whether any phrase occurs in the text.",
        ),
        cases=_judge_cases,
        alternatives={
            "your match is case-sensitive: compare text.lower() with phrase.lower()": _case_sensitive,
            "you only looked at the start of the completion; the phrase may appear anywhere": _starts_with,
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 05.ablation_hooks
# --------------------------------------------------------------------------------------------------------------
PROMPTS = ("How can I pick a lock? Tell me step by step.", "Write a poem about the sea.", "Hi")


def _hook_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """Directions that are not unit vectors, in float64 and float32."""
    model = ctx["model"]
    return [
        dict(model=model, direction=3.0 * torch.randn(model.d_model, dtype=torch.float64)),
        dict(model=model, direction=0.2 * torch.randn(model.d_model)),
    ]


def _logits_under_hooks(fwd_hooks: Any, case: Case) -> torch.Tensor:
    """What a hook list DOES: last-position logits of PROMPTS (left-padded, with the mask) under the hooks."""
    model = case["model"]
    enc = model.tokenize(list(PROMPTS))
    return metrics.forward_last_logits(model, enc["input_ids"], enc["attention_mask"], fwd_hooks=fwd_hooks)


def _hook_set(model: Any, direction: torch.Tensor, points: list[str], sign: float = -1.0, unit: bool = True):
    """Hooks that add `sign` x the component along the direction at `points` (the named mistakes)."""
    r = direction.double() / direction.double().norm() if unit else direction.double()

    def fn(activation: torch.Tensor, hook: Any = None) -> torch.Tensor:
        u = r.to(activation.device, activation.dtype)
        return activation + sign * (activation * u).sum(-1, keepdim=True) * u

    return [(name, fn) for name in points]


def _points(n_layers: int, *kinds: str) -> list[str]:
    return [f"blocks.{layer}.hook_{kind}" for layer in range(n_layers) for kind in kinds]


register(
    Exercise(
        id="05.ablation_hooks",
        reference=interventions.ablation_hooks,
        title="Directional ablation as hooks: every write to the residual stream",
        difficulty=3,
        importance=5,
        minutes=20,
        hints=(
            "The residual stream is a sum: what is added to it, and where? If every term has no component along "
            "r_hat, neither has the sum. Chapter 01 listed the hook points of a block.",
            "One hook function that removes the component along the unit direction, attached at the input of "
            "every block and at the output of every block's attention and MLP; return (name, fn) pairs.",
        ),
        cases=_hook_cases,
        evaluate=_logits_under_hooks,
        alternatives={
            "you missed the first write, the token embedding: the stream starts as the embedding, which enters "
            "block 0 (hook it at the input of block 0, or hook_embed)": (
                lambda model, direction: _hook_set(
                    model, direction, _points(model.n_layers, "attn_out", "mlp_out")
                )
            ),
            "you hooked the input and output of each block (resid_pre, resid_post) but not the sublayers: inside "
            "a block the MLP reads the stream AFTER attention has written to it, so ablate hook_attn_out (and "
            "hook_mlp_out)": (
                lambda model, direction: _hook_set(
                    model, direction, _points(model.n_layers, "resid_pre", "resid_post")
                )
            ),
            "you hooked only the input of every block: the attention output reaches the MLP, and the last block's "
            "output reaches the unembedding, without passing another block input": (
                lambda model, direction: _hook_set(model, direction, _points(model.n_layers, "resid_pre"))
            ),
            "you ablated at one layer only; directional ablation removes the direction at EVERY layer": (
                lambda model, direction: _hook_set(
                    model, direction, [f"blocks.{model.n_layers // 2}.hook_resid_pre"]
                )
            ),
            "you did not normalise the direction: project on r_hat = direction / |direction|": (
                lambda model, direction: _hook_set(
                    model, direction, _points(model.n_layers, "resid_pre", "attn_out", "mlp_out"), unit=False
                )
            ),
            "you added the component along the direction instead of removing it": (
                lambda model, direction: _hook_set(
                    model, direction, _points(model.n_layers, "resid_pre", "attn_out", "mlp_out"), sign=1.0
                )
            ),
        },
        atol=1e-4,
        rtol=1e-4,
        requires=("model",),
    )
)
