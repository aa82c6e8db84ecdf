"""Interventions along a direction: ablate it, add it, or remove it from the weights.

* **Directional ablation** (inference time): project ``r_hat`` out of every write to the residual stream,
  ``x <- x - (x . r_hat) r_hat``, at every layer and position. The model can then never represent ``r``.
* **Activation addition**: ``x <- x + coeff * r`` at one layer's input, every position.
* **Weight orthogonalization**: the same ablation baked into the weights. Every matrix that writes to the
  residual stream (the embedding, every attention output projection, every MLP output projection, and their
  biases) is replaced by ``W <- W - r_hat r_hat^T W``; nothing it writes can have a component along ``r_hat``.
  For pre-norm models without norms after the sublayers this equals hook ablation exactly.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Sequence
from typing import Any

import torch
from jaxtyping import Float
from torch import Tensor, nn

from course_utils.hooks import Hook, block_hook_name, resid_hook_name
from course_utils.models import ChatModel, chat_model_from_hf, plain_hf_model, unwrapped_name


# --------------------------------------------------------------------------------------------------------------
# The math (exercise references)
# --------------------------------------------------------------------------------------------------------------
def ablate(
    x: Float[Tensor, "... d_model"], direction: Float[Tensor, "*dir d_model"]
) -> Float[Tensor, "... d_model"]:
    """Remove the component of ``x`` along ``direction``: ``x - (x . r_hat) r_hat``, ``r_hat = r / |r|``.

    Args:
        x: ``[..., d_model]`` activations.
        direction: ``[d_model]`` (or any shape that broadcasts against ``x``, e.g. ``[batch, 1, d_model]``
            for one direction per batch row); need not be normalised.

    Returns:
        ``[..., d_model]``, same dtype and device as ``x``, with zero projection on ``direction``.
    """
    r = direction.to(x.device, x.dtype)  # a direction kept on the CPU works on a GPU's activations too
    r_hat = r / r.norm(dim=-1, keepdim=True)
    return x - (x * r_hat).sum(dim=-1, keepdim=True) * r_hat


def add_direction(
    x: Float[Tensor, "... d_model"], vector: Float[Tensor, " d_model"], coeff: float = 1.0
) -> Float[Tensor, "... d_model"]:
    """Activation addition: ``x + coeff * vector`` at every position.

    Args:
        x: ``[..., d_model]`` activations.
        vector: ``[d_model]`` (broadcast against ``x``), used as is (not normalised).
        coeff: scale; +1 adds the refusal direction, -1 subtracts it.

    Returns:
        ``[..., d_model]``, same dtype as ``x``.
    """
    return x + coeff * vector.to(x.device, x.dtype)


def orthogonalize_matrix(
    W: Float[Tensor, "d_model d_in"], direction: Float[Tensor, " d_model"]
) -> Float[Tensor, "d_model d_in"]:
    """Project ``direction`` out of a matrix's outputs: ``W - r_hat (r_hat^T W)``.

    For ``y = W x`` (``W`` of shape ``[d_out, d_in]``, ``d_out = d_model``), the new output is
    ``y - (y . r_hat) r_hat``: ``W`` can no longer write along ``r_hat``.

    Args:
        W: ``[d_model, d_in]`` (an ``nn.Linear`` weight that writes to the residual stream).
        direction: ``[d_model]``, need not be normalised.

    Returns:
        ``[d_model, d_in]``, same dtype as ``W``.
    """
    r_hat = direction.to(W.dtype) / direction.to(W.dtype).norm()
    return W - torch.outer(r_hat, r_hat @ W)


def orthogonalize_embedding(
    W_E: Float[Tensor, "d_vocab d_model"], direction: Float[Tensor, " d_model"]
) -> Float[Tensor, "d_vocab d_model"]:
    """Project ``direction`` out of every embedding row: ``W_E - (W_E r_hat) r_hat^T``.

    An embedding matrix is stored ``[d_vocab, d_model]``: row ``t`` is the vector written for token ``t``,
    so the written vectors are the rows (the transpose of an ``nn.Linear`` weight).

    Args:
        W_E: ``[d_vocab, d_model]``.
        direction: ``[d_model]``, need not be normalised.

    Returns:
        ``[d_vocab, d_model]``, same dtype as ``W_E``; every row has zero projection on ``direction``.
    """
    return orthogonalize_matrix(W_E.T, direction).T


def orthogonalize_bias(
    b: Float[Tensor, " d_model"], direction: Float[Tensor, " d_model"]
) -> Float[Tensor, " d_model"]:
    """Project ``direction`` out of a bias that is added to the residual stream: ``b - (b . r_hat) r_hat``.

    Args:
        b: ``[d_model]``.
        direction: ``[d_model]``, need not be normalised.

    Returns:
        ``[d_model]``, same dtype as ``b``.
    """
    return ablate(b, direction)


# --------------------------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------------------------
def _unit_rows(model: ChatModel, direction: Tensor) -> Tensor:
    """``direction / |direction|`` per row (``[d_model]`` or ``[batch, 1, d_model]``), checked, on the model's device.

    Rows with a zero direction become zero (they are left unchanged by the ablation); all-zero is an error.
    """
    r = _per_row(direction, model.d_model, "direction")
    norms = r.norm(dim=-1, keepdim=True)
    if bool((norms == 0).all()):
        raise ValueError("cannot ablate a zero vector: the direction has norm 0.")
    r_hat = torch.where(norms > 0, r / norms.clamp_min(torch.finfo(r.dtype).tiny), torch.zeros_like(r))
    return r_hat.to(model.device)


def _per_row(vector: Tensor, d_model: int, what: str) -> Tensor:
    """``[d_model]`` stays as is; ``[batch, d_model]`` becomes ``[batch, 1, d_model]`` (one per row)."""
    if not isinstance(vector, Tensor) or vector.shape[-1:] != (d_model,) or vector.ndim not in (1, 2):
        shape = tuple(vector.shape) if isinstance(vector, Tensor) else type(vector).__name__
        raise ValueError(
            f"{what} must have shape [d_model] = [{d_model}] (or [batch, {d_model}]), got {shape}."
        )
    if not bool(torch.isfinite(vector).all()):
        raise ValueError(f"{what} contains NaN or inf.")
    return vector if vector.ndim == 1 else vector[:, None, :]


def ablation_hooks(model: ChatModel, direction: Float[Tensor, "*rows d_model"]) -> list[Hook]:
    """Forward hooks that ablate ``direction`` from EVERY write to the residual stream, at every position.

    Each hook replaces an activation ``x [batch, pos, d_model]`` by ``x - (x . r_hat) r_hat`` with
    ``r_hat = r / |r|``. Hook every point where something is added to the residual stream, in every layer, so
    that no residual state can have a component along ``r_hat``; as in the paper's code, the input of every block
    is hooked too (ablating twice changes nothing, and it removes the float round-off of the sums).

    Args:
        direction: ``[d_model]``, need not be normalised; or ``[batch, d_model]`` for one direction per batch row
            (rows with a zero direction are left unchanged; the library's batched scoring uses this).

    Returns:
        ``(hook_name, fn)`` pairs in the order the model computes them. Use them only inside
        ``course_utils.hooks.hooks(model, ablation_hooks(model, r))``, which removes them afterwards.
    """
    r_hat = _unit_rows(model, direction)

    def remove_direction(activation: Tensor, hook: Any = None) -> Tensor:
        unit = r_hat.to(activation.device, activation.dtype)  # device: models split over GPUs
        return activation - (activation * unit).sum(dim=-1, keepdim=True) * unit

    names = []
    for layer in range(model.n_layers):
        names += [
            resid_hook_name(layer, "resid_pre"),
            block_hook_name(layer, "hook_attn_out"),
            block_hook_name(layer, "hook_mlp_out"),
        ]
    return [(name, remove_direction) for name in names]


def addition_hooks(model: ChatModel, vector: Tensor, layer: int, coeff: float = 1.0) -> list[Hook]:
    """A forward hook adding ``coeff * vector`` to the input of block ``layer`` (``resid_pre``), all positions.

    Args:
        vector: ``[d_model]`` (not normalised), or ``[batch, d_model]`` for one vector per batch row.
        layer: 0 .. n_layers - 1.
    """
    if not 0 <= layer < model.n_layers:
        raise ValueError(f"layer must be in 0 .. {model.n_layers - 1} for this model, got {layer}.")
    v = _per_row(vector, model.d_model, "vector").to(model.device)

    def hook_fn(activation: Tensor, hook: Any = None) -> Tensor:
        return add_direction(activation, v, coeff)  # add_direction moves v to the activation's device

    return [(resid_hook_name(layer, "resid_pre"), hook_fn)]


# --------------------------------------------------------------------------------------------------------------
# Weight orthogonalization
# --------------------------------------------------------------------------------------------------------------
def residual_writers(model: ChatModel, hf: nn.Module) -> list[str]:
    """Names, in the plain HF model ``hf``, of every module that writes to the residual stream.

    Found through the bridge (no per-family names): ``embed`` (and ``pos_embed``), and each block's
    ``attn.o`` and ``mlp.out`` output projections.
    """
    bridge = model.bridge
    plain = {n for n, _ in hf.named_modules()}
    names = {}
    for n, m in bridge.original_model.named_modules(remove_duplicate=False):
        if unwrapped_name(n) in plain:
            names.setdefault(id(m), unwrapped_name(n))
    writers = [getattr(bridge, e).original_component for e in ("embed", "pos_embed") if hasattr(bridge, e)]
    for layer, block in enumerate(bridge.blocks):
        for parent, child in (("attn", "o"), ("mlp", "out")):
            sub = getattr(getattr(block, parent, None), child, None)
            if sub is None:
                raise NotImplementedError(
                    f"block {layer} has no {parent}.{child} output projection in the TransformerLens bridge "
                    "(mixture-of-experts or an unusual block?): orthogonalize() supports dense models only; "
                    "use ablation_hooks() instead."
                )
            writers.append(sub.original_component)
    return [names[id(m)] for m in writers]


def post_sublayer_norms(model: ChatModel) -> list[str]:
    """Names of norms applied to a sublayer's output before it is added to the stream (e.g. Gemma-2/3).

    Read from the bridge's block structure: TransformerLens names such norms ``ln1_post`` / ``ln2_post``.
    """
    block = model.bridge.blocks[0]
    return [name for name, _ in block.named_children() if name.startswith("ln") and name.endswith("_post")]


@torch.no_grad()
def _orthogonalize_module(module: nn.Module, r_hat: Tensor) -> None:
    """In place: remove ``r_hat`` from everything ``module`` writes (weight, and bias if any), in float64.

    ``nn.Linear`` stores ``[d_model, d_in]``; ``nn.Embedding`` ``[vocab, d_model]`` and transformers' ``Conv1D``
    ``[d_in, d_model]`` store the written vectors as rows, so they are transposed around the projection.
    """
    weight = module.weight
    chunk = 8192  # written vectors at a time: float64 copies of a whole embedding would need gigabytes
    if isinstance(module, nn.Linear):
        for start in range(0, weight.shape[1], chunk):  # columns are the written vectors
            cols = weight[:, start : start + chunk]
            cols.copy_(orthogonalize_matrix(cols.double(), r_hat).to(weight.dtype))
    elif isinstance(module, nn.Embedding) or weight.shape[-1] == r_hat.shape[0]:
        for start in range(0, weight.shape[0], chunk):  # rows are the written vectors
            rows = weight[start : start + chunk]
            rows.copy_(orthogonalize_embedding(rows.double(), r_hat).to(weight.dtype))
    else:
        raise NotImplementedError(f"do not know which axis of a {type(module).__name__} weight is d_model.")
    if getattr(module, "bias", None) is not None:
        module.bias.copy_(orthogonalize_bias(module.bias.double(), r_hat).to(module.bias.dtype))


def orthogonalize_weights(
    hf: nn.Module, direction: Float[Tensor, " d_model"], writers: Sequence[str], in_place: bool = False
) -> nn.Module:
    """A NEW Hugging Face model whose residual-stream writers cannot write ``direction``; ``hf`` is not changed.

    Every vector that a module named in ``writers`` (e.g. from ``residual_writers``) adds to the residual stream
    loses its component along ``r_hat = r / |r|`` (computed in float64, stored back in the weights' dtype):

        nn.Linear weight W [d_model, d_in] (its columns are written):   W <- W - r_hat (r_hat^T W)
        embedding E [vocab, d_model] (its rows are written):            E <- E - (E r_hat) r_hat^T
        bias b [d_model]:                                               b <- b - (b . r_hat) r_hat

    Many chat models TIE the unembedding to the embedding: one matrix object, used twice. The unembedding reads
    from the stream, it does not write to it, so it must keep the original values: in a tied model it first gets
    a copy of its own (and the config says the weights are no longer tied).

    ``in_place=True`` edits ``hf`` itself and returns it (the library does this on a fresh copy, to save memory).
    """
    new = hf if in_place else copy.deepcopy(hf)
    embedding, unembedding = new.get_input_embeddings(), new.get_output_embeddings()
    if unembedding is not None and unembedding.weight is embedding.weight:  # tied: untie before editing
        unembedding.weight = nn.Parameter(embedding.weight.detach().clone())
        for config in {id(c): c for c in (new.config, new.config.get_text_config())}.values():
            config.tie_word_embeddings = False
    r = direction.detach().to(embedding.weight.device, torch.float64)
    for name in writers:
        _orthogonalize_module(new.get_submodule(name), r / r.norm())
    return new


def orthogonalize(model: ChatModel, direction: Tensor) -> ChatModel:
    """A NEW ChatModel whose weights cannot write ``direction`` into the residual stream.

    ``orthogonalize_weights`` on a plain copy of the model's weights, with every residual-stream writer
    (``residual_writers``: the embedding, positional embeddings if any, every attention and MLP output projection,
    and their biases); the unembedding keeps the original embedding when the two are tied. The original model is
    not changed. Warns when the architecture has norms after its sublayers (then the result only approximates
    hook ablation).

    Args:
        direction: ``[d_model]``, need not be normalised.
    """
    r = _per_row(direction, model.d_model, "direction")
    if r.ndim != 1 or float(r.norm()) == 0:
        raise ValueError("orthogonalize needs one non-zero direction of shape [d_model].")
    _warn_if_not_exact(model)
    hf = plain_hf_model(model, untie=False)
    hf = orthogonalize_weights(
        hf, r, residual_writers(model, hf), in_place=True
    )  # hf is already a fresh copy
    return chat_model_from_hf(model, hf)


def _warn_if_not_exact(model: ChatModel) -> None:
    norms = post_sublayer_norms(model)
    if norms:
        warnings.warn(
            f"{model.name} normalises each sublayer's output before adding it to the residual stream "
            f"({', '.join(norms)}): the norm rescales per token, so a direction removed from W_O / W_out is "
            "partly re-created. The orthogonalized model only approximates hook ablation; use "
            "ablation_hooks() for the exact intervention.",
            UserWarning,
            stacklevel=3,
        )
