"""Batched greedy generation from chat prompts, with forward hooks active (e.g. ablating a direction).

Greedy decoding: y_{t+1} = argmax_v logits(x, y_1..y_t)[v], until EOS or `max_new_tokens`. Two TransformerLens 4
traps are handled here: `bridge.generate(fwd_hooks=...)` ignores hooks, so generation runs inside the
`hooks(...)` context instead; and with transformers >= 5.24 the attention layers receive the KV cache as `cache`,
which TransformerLens 4.3 does not read (cached generation then silently ignores the prompt), so a shim maps it
back to `past_key_values`.

With the KV cache, a hook sees the whole prompt on the first step and then one new position per step, so a hook
that acts on every position (ablation, addition) acts on every token exactly once, as without the cache.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import torch
import transformers

from course_utils.hooks import Hook, hooks
from course_utils.models import ChatModel, instruction_list
from course_utils.progress import batch_slices

_SHIM_ATTR = "_course_kv_cache_shim"


def _transformers_renamed_cache(version: str = transformers.__version__) -> bool:
    """True for transformers >= 5.24, which passes the KV cache to attention as `cache`."""
    major, minor = (int(part) for part in version.split(".")[:2])
    return (major, minor) >= (5, 24)


def _with_cache_alias(update_kv_cache: Any) -> Any:
    """Wrap `AttentionBridge._update_kv_cache` so that a `cache=` kwarg is read as `past_key_values=`."""

    @functools.wraps(update_kv_cache)
    def wrapper(
        self: Any, k: torch.Tensor, v: torch.Tensor, **kwargs: Any
    ) -> tuple[torch.Tensor, torch.Tensor]:
        if kwargs.get("past_key_values") is None and kwargs.get("cache") is not None:
            kwargs["past_key_values"] = kwargs["cache"]
        return update_kv_cache(self, k, v, **kwargs)

    setattr(wrapper, _SHIM_ATTR, True)
    return wrapper


def install_kv_cache_shim(force: bool = False) -> bool:
    """Patch TransformerLens's attention bridge for transformers >= 5.24 (idempotent). Returns True if active."""
    from transformer_lens.model_bridge.generalized_components.attention import AttentionBridge

    current = AttentionBridge._update_kv_cache
    if getattr(current, _SHIM_ATTR, False):
        return True
    if not (force or _transformers_renamed_cache()):
        return False
    AttentionBridge._update_kv_cache = _with_cache_alias(current)
    return True


def _eos_ids(model: ChatModel) -> list[int]:
    """End-of-turn ids: the tokenizer's EOS plus the generation config's (Llama-3 has several)."""
    ids = [model.tokenizer.eos_token_id]
    config = getattr(model.bridge.original_model, "generation_config", None)
    extra = getattr(config, "eos_token_id", None)
    ids += extra if isinstance(extra, list) else [extra]
    return list(dict.fromkeys(i for i in ids if i is not None))


def _cut_at_eos(tokens: torch.Tensor, eos_ids: list[int]) -> list[list[int]]:
    """Each row of generated ids [batch, n_new] up to (excluding) its first EOS."""
    rows = []
    for row in tokens.tolist():
        end = next((i for i, token in enumerate(row) if token in eos_ids), len(row))
        rows.append(row[:end])
    return rows


def _generate_batch(
    model: ChatModel, batch: Sequence[str], max_new_tokens: int, suffix: str, use_kv_cache: bool
) -> list[str]:
    """Greedy completions of one batch (hooks, if any, are already attached)."""
    enc = model.tokenize(batch, suffix=suffix, max_length=max(1, model.context_length - max_new_tokens))
    eos_ids = _eos_ids(model)
    out = model.bridge.generate(
        enc.input_ids,
        attention_mask=enc.attention_mask,
        max_new_tokens=max_new_tokens,
        do_sample=False,
        use_past_kv_cache=use_kv_cache,
        stop_at_eos=True,
        eos_token_id=eos_ids,
        return_type="tokens",
        verbose=False,
    )
    new_tokens = out[:, enc.input_ids.shape[1] :]
    return [model.tokenizer.decode(row, skip_special_tokens=True) for row in _cut_at_eos(new_tokens, eos_ids)]


def generate(
    model: ChatModel,
    instructions: Sequence[str],
    *,
    max_new_tokens: int = 64,
    fwd_hooks: Sequence[Hook] = (),
    batch_size: int = 16,
    suffix: str = "",
    use_kv_cache: bool = True,
    progress: bool | None = None,
) -> list[str]:
    """Greedy completions of chat-formatted instructions, with `fwd_hooks` active during generation.

    Args:
        model: the ChatModel.
        instructions: the user messages (`suffix` is appended to each, e.g. an adversarial suffix).
        max_new_tokens: generation stops at EOS (per row) or after this many tokens.
        fwd_hooks: TransformerLens forward hooks `(name, fn)` active for the whole generation.
        batch_size: prompts per batch (left-padded, with attention mask).
        use_kv_cache: reuse keys/values of earlier tokens (same result, faster).
        progress: progress bar over batches (None: only when there are several).

    Returns:
        One completion per instruction: the generated text only (no prompt), special tokens removed.
    """
    instructions = instruction_list(instructions)
    if max_new_tokens < 1 or batch_size < 1:
        raise ValueError(
            f"max_new_tokens and batch_size must be >= 1; got {max_new_tokens} and {batch_size}."
        )
    if use_kv_cache:
        install_kv_cache_shim()
    completions: list[str] = []
    with torch.inference_mode(), hooks(model, fwd_hooks):
        for batch in batch_slices(len(instructions), batch_size, progress=progress, desc="generate"):
            completions += _generate_batch(
                model, list(instructions[batch]), max_new_tokens, suffix, use_kv_cache
            )
    return completions
