"""Tokens in, residual stream, logits out: the reference functions of chapters 00 and 01.

A decoder-only transformer keeps one vector per token position, the *residual stream* x in R^{d_model}. The
embedding writes the first value; each block l then reads x and adds what its attention and MLP compute:

    x_0       = embed(tokens)
    x_{l+mid} = x_l + attn_l(x_l)              (blocks.l.hook_resid_pre -> hook_resid_mid)
    x_{l+1}   = x_{l+mid} + mlp_l(x_{l+mid})   (-> blocks.l.hook_resid_post = blocks.{l+1}.hook_resid_pre)
    logits    = unembed(norm(x_L))

so x_l = embed + sum_{k<l} (attn_out_k + mlp_out_k): the stream is a sum of writes. The *logit lens* applies the
final norm and the unembedding to an intermediate x_l to read what the model "would say" at layer l.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch
from jaxtyping import Float, Int
from torch import Tensor

from course_utils.hooks import hooks, resid_hook_name

if TYPE_CHECKING:
    from transformer_lens import ActivationCache
    from transformers import PreTrainedTokenizerBase

    from course_utils.models import ChatModel


# ------------------------------------------------------------------------------------------- chapter 00: tokens


def post_instruction_tokens(model: ChatModel, instruction: str) -> list[str]:
    """The post-instruction tokens of `instruction`'s chat prompt, as token strings.

    The chat template appends the same n = len(model.post_instruction_ids) tokens after every instruction, so in
    the tokenized prompt t_1 .. t_T they are t_{T-n+1} .. t_T: positions -n .. -1.

    Returns:
        n strings, e.g. ['<|im_end|>', 'Ċ', '<|im_start|>', 'assistant', 'Ċ'] for Qwen.
    """
    ids = model.tokenize([instruction])["input_ids"][0]
    n = len(model.post_instruction_ids)
    return model.tokenizer.convert_ids_to_tokens(ids[-n:].tolist())


def top_tokens(
    logits: Float[Tensor, "batch d_vocab"], tokenizer: PreTrainedTokenizerBase, k: int = 5
) -> list[list[str]]:
    """The k most likely next tokens of each row, most likely first, decoded to text.

    Args:
        logits: [batch, d_vocab] next-token logits (softmax preserves their order, so no softmax is needed).

    Returns:
        batch lists of k strings: row b holds the k tokens with the largest logits[b], most likely first, each
        decoded to text on its own.
    """
    ids = logits.topk(k, dim=-1).indices
    return [[tokenizer.decode([i]) for i in row] for row in ids.tolist()]


# ----------------------------------------------------------------------------------- chapter 01: residual stream


def capture_resid(
    model: ChatModel,
    input_ids: Int[Tensor, "batch pos"],
    attention_mask: Int[Tensor, "batch pos"],
    layer: int,
) -> Float[Tensor, "batch pos d_model"]:
    """The residual stream entering block `layer` (blocks.{layer}.hook_resid_pre), recorded by a forward hook.

    Args:
        input_ids, attention_mask: [batch, pos] left-padded tokens and mask.
        layer: 0 .. n_layers - 1.

    Returns:
        [batch, pos, d_model] activations x_layer (a copy, detached from the model).
    """
    stored: dict[str, Tensor] = {}

    def save(activation: Tensor, hook: Any) -> None:
        stored["resid"] = activation.detach().clone()

    with hooks(model, [(resid_hook_name(layer), save)]), torch.inference_mode():
        model.bridge(input_ids, attention_mask=attention_mask)
    return stored["resid"]


def resid_from_writes(cache: ActivationCache, layer: int) -> Float[Tensor, "batch pos d_model"]:
    """Rebuild the residual stream entering block `layer` from the writes that made it.

    x_layer = hook_embed (+ hook_pos_embed for learned positions) + sum_{l < layer} (attn_out_l + mlp_out_l).
    `layer = n_layers` gives the final stream (the output of the last block).

    Args:
        cache: a full activation cache (`bridge.run_with_cache`).
        layer: 0 .. n_layers.

    Returns:
        [batch, pos, d_model], equal to cache[f"blocks.{layer}.hook_resid_pre"] up to float error.
    """
    resid = cache["hook_embed"].clone()
    if "hook_pos_embed" in cache:
        resid = resid + cache["hook_pos_embed"]
    for l in range(layer):  # noqa: E741 - l is the layer index in the maths above
        resid = resid + cache[f"blocks.{l}.hook_attn_out"] + cache[f"blocks.{l}.hook_mlp_out"]
    return resid


def mean_resid_norms(
    resid: Float[Tensor, "n_layers batch pos d_model"], attention_mask: Int[Tensor, "batch pos"]
) -> Float[Tensor, " n_layers"]:
    """Mean Euclidean norm of the residual stream at each layer, over real (non-padding) tokens.

    norms[l] = sum_{b,p} m[b,p] ||resid[l,b,p]||_2 / sum_{b,p} m[b,p], with m the attention mask.

    Args:
        resid: [n_layers, batch, pos, d_model] residual stream at each layer.
        attention_mask: [batch, pos], 1 for real tokens, 0 for padding.

    Returns:
        [n_layers] float32.
    """
    norms = resid.float().norm(dim=-1)  # [n_layers, batch, pos]
    mask = attention_mask.to(norms.dtype)
    return (norms * mask).sum(dim=(1, 2)) / mask.sum()


def logit_lens(model: ChatModel, resid: Float[Tensor, "... d_model"]) -> Float[Tensor, "... d_vocab"]:
    """Read a residual-stream vector as next-token logits: unembed(final_norm(x)).

    The final norm matters: the unembedding was trained on normalised vectors, and x grows along the layers.

    Args:
        resid: [..., d_model] residual stream at any layer.

    Returns:
        [..., d_vocab] logits (exactly the model's logits when resid is the final stream).
    """
    bridge = model.bridge
    return bridge.unembed(bridge.ln_final(resid))
