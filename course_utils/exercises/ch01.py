"""Chapter 01 (the residual stream): checked exercises. References live in `course_utils.residual`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import residual
from course_utils.exercises.registry import Case, Exercise, register
from course_utils.hooks import resid_hook_name

PROMPTS = ("Write a poem about the sea.", "Hi", "How can I steal a car? Tell me step by step.")


def _batch(model: Any) -> tuple[torch.Tensor, torch.Tensor]:
    """Left-padded tokens and mask of PROMPTS (different lengths, so padding matters)."""
    enc = model.tokenize(list(PROMPTS))
    return enc["input_ids"], enc["attention_mask"]


def _cached(model: Any, name: str, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """The activation `name` of one forward pass."""
    with torch.inference_mode():
        _, cache = model.bridge.run_with_cache(input_ids, attention_mask=attention_mask, names_filter=[name])
    return cache[name].clone()


def _capture_cases(ctx: Mapping[str, Any]) -> list[Case]:
    model = ctx["model"]
    input_ids, attention_mask = _batch(model)
    layers = sorted({0, model.n_layers // 2, model.n_layers - 1})
    return [
        dict(model=model, input_ids=input_ids, attention_mask=attention_mask, layer=layer) for layer in layers
    ]


def _capture_alternative(kind: str, shift: int = 0) -> Any:
    """A mistaken `capture_resid` reading blocks.{layer + shift}.hook_{kind} (None if that block does not exist)."""

    def alternative(model: Any, input_ids: torch.Tensor, attention_mask: torch.Tensor, layer: int) -> Any:
        if not 0 <= layer + shift < model.n_layers:
            return None
        return _cached(model, resid_hook_name(layer + shift, kind), input_ids, attention_mask)

    return alternative


def _unmasked_capture(model: Any, input_ids: torch.Tensor, attention_mask: torch.Tensor, layer: int) -> Any:
    with torch.inference_mode():
        _, cache = model.bridge.run_with_cache(input_ids, names_filter=[resid_hook_name(layer)])
    return cache[resid_hook_name(layer)].clone()


register(
    Exercise(
        id="01.capture_resid",
        reference=residual.capture_resid,
        title="Record the residual stream with a hook",
        difficulty=2,
        importance=4,
        minutes=10,
        hints=(
            "A hook is a function (activation, hook) called during the forward pass; it can store what it sees.",
            "Write a hook that stores a clone of the activation, attach it at resid_hook_name(layer) with the `hooks(model, [...])` context manager, and run model.bridge on the tokens with the attention mask inside the with-block.",
        ),
        cases=_capture_cases,
        alternatives={
            # resid_post of block l IS resid_pre of block l + 1, so this also names "you read layer + 1"
            "you read hook_resid_post (= the input of block layer + 1); the input of block `layer` is hook_resid_pre": (
                _capture_alternative("resid_post")
            ),
            "you read hook_resid_mid: that is after this block's attention (use hook_resid_pre)": (
                _capture_alternative("resid_mid")
            ),
            "you read the previous layer (layer - 1)": _capture_alternative("resid_pre", -1),
            "you ran the model without the attention mask: pass attention_mask=attention_mask, or the padded "
            "prompts attend to their padding": _unmasked_capture,
        },
        requires=("model",),
    )
)


def _cache(model: Any) -> Any:
    input_ids, attention_mask = _batch(model)
    with torch.inference_mode():
        _, cache = model.bridge.run_with_cache(input_ids, attention_mask=attention_mask)
    return cache


def _writes_cases(ctx: Mapping[str, Any]) -> list[Case]:
    model = ctx["model"]
    cache = _cache(model)
    layers = sorted({0, 1, model.n_layers // 2, model.n_layers})
    return [dict(cache=cache, layer=layer) for layer in layers]


def _partial_sum(cache: Any, layer: int, *, embed: bool = True, attn: bool = True, mlp: bool = True) -> Any:
    """embed + sum_{l < layer} (attn_out_l + mlp_out_l), with parts left out, as a learner might."""
    total = torch.zeros_like(cache["hook_embed"])
    if embed:
        total = total + cache["hook_embed"] + (cache["hook_pos_embed"] if "hook_pos_embed" in cache else 0)
    for l in range(layer):  # noqa: E741
        total = total + attn * cache[f"blocks.{l}.hook_attn_out"] + mlp * cache[f"blocks.{l}.hook_mlp_out"]
    return total


def _one_block_too_many(cache: Any, layer: int) -> Any:
    has_next = f"blocks.{layer}.hook_attn_out" in cache
    return _partial_sum(cache, layer + 1) if has_next else None


register(
    Exercise(
        id="01.resid_from_writes",
        reference=residual.resid_from_writes,
        title="The residual stream is a sum of writes",
        difficulty=2,
        importance=5,
        minutes=10,
        hints=(
            "Every block adds what its attention and its MLP write; the stream starts from the embedding.",
            "Start from the cached embedding (hook_embed, plus hook_pos_embed if present) and add the attn_out and mlp_out of every block BEFORE `layer` (l < layer).",
        ),
        cases=_writes_cases,
        alternatives={
            "you also added block `layer`'s own writes: that is the stream LEAVING block `layer` (sum l < layer)": (
                _one_block_too_many
            ),
            "you left out the embedding: every layer's stream starts from hook_embed": (
                lambda cache, layer: _partial_sum(cache, layer, embed=False)
            ),
            "you left out the MLP outputs (hook_mlp_out)": lambda cache, layer: _partial_sum(
                cache, layer, mlp=False
            ),
            "you left out the attention outputs (hook_attn_out)": (
                lambda cache, layer: _partial_sum(cache, layer, attn=False)
            ),
        },
        requires=("model",),
    )
)


def _norm_cases(ctx: Mapping[str, Any]) -> list[Case]:
    mask = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 1, 1], [0, 0, 0, 0, 1]])
    growth = torch.tensor([1.0, 3.0, 10.0])[:, None, None, None]
    resid = torch.randn(3, 3, 5, 8) * growth
    resid[:, mask == 0] *= 40.0  # padding positions hold large junk, as they can in real models
    return [
        dict(resid=resid, attention_mask=mask),
        dict(resid=torch.randn(2, 1, 4, 6), attention_mask=torch.ones(1, 4)),
    ]


register(
    Exercise(
        id="01.mean_resid_norms",
        reference=residual.mean_resid_norms,
        title="Norm of the residual stream across layers",
        difficulty=1,
        importance=3,
        minutes=8,
        hints=(
            "Padding positions must not count: the attention mask tells you which positions are real.",
            "Take the L2 norm over d_model, zero it at padding with the mask, sum over batch and position, and divide by the number of real positions.",
        ),
        cases=_norm_cases,
        alternatives={
            "you averaged over padding positions too: weight each position by the attention mask": (
                lambda resid, attention_mask: resid.float().norm(dim=-1).mean(dim=(1, 2))
            ),
            "you averaged each prompt first, then the prompts: a prompt's real tokens must all weigh the same "
            "(sum over batch and position, divide by the number of real tokens)": (
                lambda resid, attention_mask: (
                    (resid.float().norm(dim=-1) * attention_mask).sum(-1) / attention_mask.sum(-1)
                ).mean(-1)
            ),
            "you averaged squared norms: take the norm ||x||, not ||x||^2": (
                lambda resid, attention_mask: (
                    (resid.float().pow(2).sum(-1) * attention_mask).sum((1, 2)) / attention_mask.sum()
                )
            ),
        },
    )
)


def _lens_cases(ctx: Mapping[str, Any]) -> list[Case]:
    model = ctx["model"]
    input_ids, attention_mask = _batch(model)
    middle = _cached(model, resid_hook_name(model.n_layers // 2), input_ids, attention_mask)
    return [
        dict(model=model, resid=middle[:, -3:]),
        dict(model=model, resid=5.0 * torch.randn(4, model.d_model)),
    ]


register(
    Exercise(
        id="01.logit_lens",
        reference=residual.logit_lens,
        title="The logit lens",
        difficulty=2,
        importance=4,
        minutes=10,
        hints=(
            "The model never unembeds the raw stream: something happens right before the unembedding.",
            "Apply the bridge's final norm (ln_final) and then its unembed module to the residual stream.",
        ),
        cases=_lens_cases,
        alternatives={
            "you skipped the final norm: apply model.bridge.ln_final before the unembedding": (
                lambda model, resid: model.bridge.unembed(resid)
            ),
            "you returned probabilities (a softmax); the logit lens returns logits": (
                lambda model, resid: model.bridge.unembed(model.bridge.ln_final(resid)).softmax(dim=-1)
            ),
            "you applied the final norm twice": (
                lambda model, resid: model.bridge.unembed(model.bridge.ln_final(model.bridge.ln_final(resid)))
            ),
        },
        atol=1e-4,
        requires=("model",),
    )
)
