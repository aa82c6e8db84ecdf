"""Residual-stream activations of chat prompts, at chosen layers and (negative) token positions.

For prompt i, layer l and position p, the residual stream x_i[l, p] in R^{d_model} is the input of block l
(`resid_pre`), the stream after its attention (`resid_mid`) or its output (`resid_post`). Prompts are
chat-formatted and left-padded, so the negative position -1 is the last template token of every prompt.

Only the requested hook points are hooked, each hook keeps only the requested positions and moves them to the
CPU, and the forward pass is stopped right after the last layer needed: memory is O(n_prompts * n_layers_sel
* n_positions * d_model), never O(all activations of a batch).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import torch

from course_utils.hooks import RESID_KINDS, ResidKind, hooks, resid_hook_name
from course_utils.models import ChatModel, instruction_list
from course_utils.progress import batch_slices


class _StopForward(Exception):
    """Raised by the last capture hook: nothing after it is needed."""


def _check_args(
    model: ChatModel,
    instructions: Sequence[str],
    layers: Sequence[int] | None,
    positions: Sequence[int],
    kind: str,
    batch_size: int,
) -> list[int]:
    """Validate the arguments; return the selected layers (all layers when None)."""
    instruction_list(instructions)
    if kind not in RESID_KINDS:
        raise ValueError(f"kind must be one of {RESID_KINDS}, got {kind!r}.")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}.")
    layers = list(range(model.n_layers)) if layers is None else [int(layer) for layer in layers]
    bad = [layer for layer in layers if not 0 <= layer < model.n_layers]
    if not layers or bad:
        raise ValueError(
            f"layers must be in 0..{model.n_layers - 1} (the model has {model.n_layers}); got {layers}."
        )
    if not positions or any(int(p) >= 0 for p in positions):
        raise ValueError(
            f"positions must be negative indices counted from the end of the prompt (left padding makes "
            f"non-negative ones point into the padding), e.g. model.post_instruction_positions; got {list(positions)}."
        )
    return layers


def _batch_activations(
    model: ChatModel,
    instructions: Sequence[str],
    layers: list[int],
    positions: list[int],
    kind: ResidKind,
    suffix: str,
) -> torch.Tensor:
    """Activations of one batch: float32 CPU tensor [batch, n_layers_sel, n_positions, d_model]."""
    enc = model.tokenize(instructions, suffix=suffix)
    if -min(positions) > enc.input_ids.shape[1]:
        raise ValueError(
            f"position {min(positions)} is before the start of the shortest batch ({enc.input_ids.shape[1]})."
        )
    names = [resid_hook_name(layer, kind) for layer in layers]
    last = resid_hook_name(max(layers), kind)
    store: dict[str, torch.Tensor] = {}

    def capture(name: str):  # hook.name is the canonical name (e.g. hook_in), so bind ours
        def fn(act: torch.Tensor, hook: object) -> None:
            store[name] = act[:, positions, :].detach().to("cpu", torch.float32)
            if name == last:
                raise _StopForward

        return fn

    with torch.inference_mode(), hooks(model, [(name, capture(name)) for name in dict.fromkeys(names)]):
        try:
            model.bridge(enc.input_ids, attention_mask=enc.attention_mask)
        except _StopForward:
            pass
    return torch.stack([store[name] for name in names], dim=1)


def iter_activations(
    model: ChatModel,
    instructions: Sequence[str],
    *,
    layers: Sequence[int] | None = None,
    positions: Sequence[int] = (-1,),
    kind: ResidKind = "resid_pre",
    batch_size: int = 32,
    suffix: str = "",
    progress: bool | None = None,
) -> Iterator[torch.Tensor]:
    """Yield the activations batch by batch: float32 CPU tensors [batch, n_layers_sel, n_positions, d_model].

    `progress=None` shows a progress bar when there is more than one batch; False never, True always.
    """
    layers = _check_args(model, instructions, layers, positions, kind, batch_size)
    positions = [int(p) for p in positions]
    for batch in batch_slices(len(instructions), batch_size, progress=progress, desc=f"activations ({kind})"):
        yield _batch_activations(model, list(instructions[batch]), layers, positions, kind, suffix)


def get_activations(
    model: ChatModel,
    instructions: Sequence[str],
    *,
    layers: Sequence[int] | None = None,
    positions: Sequence[int] = (-1,),
    kind: ResidKind = "resid_pre",
    batch_size: int = 32,
    suffix: str = "",
    progress: bool | None = None,
) -> torch.Tensor:
    """Residual-stream activations x_i[l, p] of every prompt.

    Args:
        model: the ChatModel.
        instructions: n_prompts instructions (chat-formatted here; `suffix` is appended to each).
        layers: layer indices (default: all).
        positions: negative token positions, e.g. `model.post_instruction_positions`.
        kind: "resid_pre" (block input), "resid_mid" (after attention) or "resid_post" (block output).
        batch_size: prompts per forward pass.
        progress: progress bar (None: only when there is more than one batch).

    Returns:
        float32 CPU tensor [n_prompts, n_layers_sel, n_positions, d_model].
    """
    batches = iter_activations(
        model,
        instructions,
        layers=layers,
        positions=positions,
        kind=kind,
        batch_size=batch_size,
        suffix=suffix,
        progress=progress,
    )
    return torch.cat(list(batches), dim=0)


def mean_activations(
    model: ChatModel,
    instructions: Sequence[str],
    *,
    layers: Sequence[int] | None = None,
    positions: Sequence[int] = (-1,),
    kind: ResidKind = "resid_pre",
    batch_size: int = 32,
    suffix: str = "",
    progress: bool | None = None,
) -> torch.Tensor:
    """Mean activation over prompts, mu[l, p] = (1/n) sum_i x_i[l, p], accumulated in float64 batch by batch.

    Same arguments as `get_activations`; only one batch of activations is held at a time.

    Returns:
        float64 CPU tensor [n_layers_sel, n_positions, d_model].
    """
    total: torch.Tensor | None = None
    batches = iter_activations(
        model,
        instructions,
        layers=layers,
        positions=positions,
        kind=kind,
        batch_size=batch_size,
        suffix=suffix,
        progress=progress,
    )
    for acts in batches:
        batch_sum = acts.to(torch.float64).sum(dim=0)
        total = batch_sum if total is None else total + batch_sum
    assert total is not None  # _check_args rejects an empty list
    return total / len(instructions)
