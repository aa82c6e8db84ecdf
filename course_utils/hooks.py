"""Adding hooks safely, and the names of the residual-stream hook points.

A forward hook is a pair `(name, fn)`, where `fn(activation, hook) -> activation | None` runs every time the
model computes the activation called `name` (return a tensor to replace it, None to leave it). Hooks must be
removed afterwards, even when the code in between raises: otherwise a forgotten ablation hook silently changes
every later result. So the course adds hooks to a ChatModel only through the `hooks(model, fwd_hooks)` context
manager. (The organism's trainer, `organism/mediation.py`, works on a plain Hugging Face model without a bridge and
registers raw PyTorch hooks, removed in a `finally` in the same way.)

Hook names are built here: `resid_hook_name` for the residual stream, `block_hook_name` for any point of a block.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

import torch

HookFn = Callable[..., torch.Tensor | None]
Hook = tuple[str | Callable[[str], bool], HookFn]
ResidKind = Literal["resid_pre", "resid_mid", "resid_post"]
RESID_KINDS: tuple[str, ...] = ("resid_pre", "resid_mid", "resid_post")


def _bridge(model: Any) -> Any:
    """The TransformerLens bridge of a ChatModel (or the bridge itself)."""
    return getattr(model, "bridge", model)


@contextlib.contextmanager
def hooks(model: Any, fwd_hooks: Sequence[Hook] = (), bwd_hooks: Sequence[Hook] = ()) -> Iterator[Any]:
    """Run the body with the given hooks attached; they are removed on exit, also when the body raises.

    Built on `bridge.hooks(...)`, which removes the hooks it added in a `finally`. As a second guarantee, the
    hook count is compared before and after, and a hook left over (a TransformerLens bug) raises.

    Example:
        with hooks(model, [("blocks.3.hook_resid_pre", fn)]):
            logits = model.bridge(tokens, attention_mask=mask)
    """
    bridge = _bridge(model)
    before = count_hooks(bridge)
    try:
        with bridge.hooks(fwd_hooks=list(fwd_hooks), bwd_hooks=list(bwd_hooks)) as hooked:
            yield hooked
    finally:
        leftover = count_hooks(bridge) - before
        if leftover > 0:  # bridge.hooks removes its hooks in a `finally`; this would be a TransformerLens bug
            raise RuntimeError(
                f"{leftover} hook(s) are still attached after the hooks() context: call model.bridge.reset_hooks()."
            )


def count_hooks(model: Any) -> int:
    """Number of forward + backward hook functions attached to the model's hook points (each point counted once;
    the bridge's registry lists a point under its canonical name and its aliases)."""
    points = {id(hp): hp for hp in _bridge(model).hook_points()}
    return sum(len(hp.fwd_hooks) + len(hp.bwd_hooks) for hp in points.values())


def block_hook_name(layer: int, point: str) -> str:
    """Name of a hook point inside block `layer`: `blocks.{layer}.{point}`.

    `point` is the name within the block, e.g. "hook_attn_out" (what attention adds to the stream),
    "hook_mlp_out", "attn.hook_z" (head outputs before W_O), "attn.hook_pattern" (attention probabilities).
    """
    if layer < 0:
        raise ValueError(f"layer must be >= 0, got {layer}.")
    return f"blocks.{layer}.{point}"


def resid_hook_name(layer: int, kind: ResidKind = "resid_pre") -> str:
    """Hook name of the residual stream at a layer: `blocks.{layer}.hook_{kind}`.

    resid_pre = input of block `layer`; resid_mid = after its attention; resid_post = its output
    (= resid_pre of block `layer + 1`).
    """
    if kind not in RESID_KINDS:
        raise ValueError(f"kind must be one of {RESID_KINDS}, got {kind!r}.")
    return block_hook_name(layer, f"hook_{kind}")
