"""Which attention heads write the refusal direction, and where do they look? (notebook 07)

Direct feature attribution. The attention output of layer l at a position is a sum over heads plus a bias,

    attn_out_l = sum_h z_{l,h} @ W_O^{l,h} + b_O^l,      z_{l,h} [d_head] (`attn.hook_z`), W_O^{l,h} [d_head, d_model],

so its projection on the unit direction r_hat splits exactly into one number per head plus the bias term:

    attn_out_l . r_hat = sum_h  (z_{l,h} @ W_O^{l,h}) . r_hat  +  b_O^l . r_hat.

DFA[l, h] = (z_{l,h} @ W_O^{l,h}) . r_hat is how much head (l, h) *directly* writes the direction at that
position (not what it causes through later layers). Attention mass says where a head reads from: the sum of its
attention probabilities, from the last position, over the instruction's tokens or over the suffix's tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from jaxtyping import Bool, Float
from torch import Tensor

from course_utils.hooks import block_hook_name, hooks
from course_utils.models import ChatModel

Head = tuple[int, int]


def head_dfa(
    z: Float[Tensor, "... n_layers n_heads d_head"],
    W_O: Float[Tensor, "n_layers n_heads d_head d_model"],
    direction: Float[Tensor, " d_model"],
) -> Float[Tensor, "... n_layers n_heads"]:
    """Direct feature attribution of every head onto a direction: DFA[..., l, h] = (z[..., l, h] @ W_O[l, h]) . r_hat.

    Args:
        z: [..., n_layers, n_heads, d_head] head outputs before W_O (`attn.hook_z`) at one position.
        W_O: [n_layers, n_heads, d_head, d_model] output weights per head.
        direction: [d_model], normalised here: r_hat = direction / |direction|.

    Returns:
        [..., n_layers, n_heads], in the units of the residual stream.
    """
    r_hat = direction / direction.norm()
    return torch.einsum("...lhd,lhdm,m->...lh", z, W_O, r_hat)


def attention_mass(
    pattern: Float[Tensor, "batch n_heads q k"], key_mask: Bool[Tensor, "batch k"], query: int = -1
) -> Float[Tensor, "batch n_heads"]:
    """Attention a query position pays to a set of key positions: sum_{k in mask} pattern[b, h, query, k].

    Args:
        pattern: [batch, n_heads, q, k] attention probabilities (`attn.hook_pattern`).
        key_mask: [batch, k] bool, True at the keys to sum over.
        query: the query position (default: the last).

    Returns:
        [batch, n_heads], in [0, 1].
    """
    return (pattern[:, :, query, :] * key_mask[:, None, :].to(pattern.dtype)).sum(dim=-1)


def stacked_W_O(model: ChatModel) -> Tensor:
    """W_O of every layer, [n_layers, n_heads, d_head, d_model] (from the per-block views, detached)."""
    return torch.stack([block.attn.W_O.detach() for block in model.bridge.blocks])


def stacked_b_O(model: ChatModel) -> Tensor:
    """b_O of every layer, [n_layers, d_model] (zeros where the model has no output bias)."""
    rows = []
    for block in model.bridge.blocks:
        bias = getattr(block.attn, "b_O", None)
        rows.append(torch.zeros(model.d_model) if bias is None else bias.detach().float().cpu())
    return torch.stack(rows)


def _last_position_z(model: ChatModel, instructions: Sequence[str], suffix: str) -> Tensor:
    """z at the last position of every layer, [n_prompts, n_layers, n_heads, d_head] (float32, CPU)."""
    enc = model.tokenize(list(instructions), suffix=suffix)
    store: dict[int, Tensor] = {}

    def capture(layer: int):
        def fn(z: Tensor, hook: object) -> None:
            store[layer] = z[:, -1].detach().float().cpu()

        return fn

    names = [(block_hook_name(layer, "attn.hook_z"), capture(layer)) for layer in range(model.n_layers)]
    with torch.inference_mode(), hooks(model, names):
        model.bridge(enc.input_ids, attention_mask=enc.attention_mask)
    return torch.stack([store[layer] for layer in range(model.n_layers)], dim=1)


def head_attributions(
    model: ChatModel, instructions: Sequence[str], direction: Tensor, *, suffix: str = ""
) -> Tensor:
    """DFA of every head onto `direction` at the last position of each prompt: [n_prompts, n_layers, n_heads].

    `suffix` is appended to every instruction (e.g. an adversarial suffix). Average over dim 0 for the
    [n_layers, n_heads] map.
    """
    z = _last_position_z(model, instructions, suffix)
    return head_dfa(z, stacked_W_O(model).float().cpu(), direction.float().cpu())


def top_heads(dfa: Tensor, k: int = 8) -> list[Head]:
    """The k (layer, head) pairs with the largest attribution in dfa [n_layers, n_heads], largest first."""
    if dfa.ndim != 2:
        raise ValueError(
            f"top_heads expects a [n_layers, n_heads] map (average over prompts first); got {tuple(dfa.shape)}."
        )
    flat = dfa.flatten().topk(min(k, dfa.numel())).indices
    return [(int(i) // dfa.shape[1], int(i) % dfa.shape[1]) for i in flat]


def instruction_and_suffix_masks(
    model: ChatModel, instructions: Sequence[str], suffix: str, seq_len: int
) -> tuple[Tensor, Tensor]:
    """Bool masks [n_prompts, seq_len] of the instruction's and the suffix's tokens in a left-padded batch.

    Token counts come from tokenizing the chat text up to the instruction, up to the end of the instruction,
    and up to the end of the suffix; a ValueError if the suffix merges with the instruction's last token.
    """
    n_after = len(model.post_instruction_ids)
    instr_masks, suffix_masks = [], []
    for instruction in instructions:
        chat = model.format_chat([instruction + suffix])[0]
        start = chat.index(instruction)
        n_prefix = _prefix_tokens(model, chat, start)
        n_instr_end = _prefix_tokens(model, chat, start + len(instruction))
        total = _prefix_tokens(model, chat, len(chat))
        n_suffix = total - n_after - n_instr_end
        if suffix and n_suffix <= 0:
            raise ValueError(
                f"the suffix {suffix!r} merges with the template's tokens; it has no tokens of its own."
            )
        pad = seq_len - total
        instr = torch.zeros(seq_len, dtype=torch.bool)
        instr[pad + n_prefix : pad + n_instr_end] = True
        suf = torch.zeros(seq_len, dtype=torch.bool)
        suf[pad + n_instr_end : pad + n_instr_end + n_suffix] = True
        instr_masks.append(instr)
        suffix_masks.append(suf)
    return torch.stack(instr_masks), torch.stack(suffix_masks)


def _prefix_tokens(model: ChatModel, chat: str, end: int) -> int:
    """Number of tokens of chat[:end], checked to be a prefix of the tokens of the whole chat string."""
    full = model.tokenizer(chat, add_special_tokens=False).input_ids
    part = model.tokenizer(chat[:end], add_special_tokens=False).input_ids
    if full[: len(part)] != part:
        raise ValueError(
            f"the text before character {end} of {chat!r} tokenizes differently alone and in the whole prompt "
            "(a token spans the boundary between instruction and suffix); start the suffix with a space."
        )
    return len(part)


def head_attention_mass(
    model: ChatModel, instructions: Sequence[str], heads: Sequence[Head], *, suffix: str = ""
) -> dict[str, Tensor]:
    """Attention from the last position of each prompt onto its instruction and its suffix tokens, per head.

    Returns:
        {"instruction": [n_prompts, n_heads_sel], "suffix": [n_prompts, n_heads_sel]} (the rest of the mass is
        on the chat template's tokens), heads in the order given.
    """
    enc = model.tokenize(list(instructions), suffix=suffix)
    instr_mask, suffix_mask = instruction_and_suffix_masks(
        model, instructions, suffix, enc.input_ids.shape[1]
    )
    layers = sorted({layer for layer, _ in heads})
    store: dict[int, Tensor] = {}

    def capture(layer: int):
        def fn(pattern: Tensor, hook: object) -> None:
            store[layer] = pattern[:, :, -1:].detach().float().cpu()

        return fn

    with (
        torch.inference_mode(),
        hooks(model, [(block_hook_name(layer, "attn.hook_pattern"), capture(layer)) for layer in layers]),
    ):
        model.bridge(enc.input_ids, attention_mask=enc.attention_mask)
    result = {}
    for name, mask in (("instruction", instr_mask), ("suffix", suffix_mask)):
        per_head = [attention_mass(store[layer], mask)[:, head] for layer, head in heads]
        result[name] = torch.stack(per_head, dim=1)
    return result
