"""Direction-mediated safety tuning: the organism's refusal is made to run through one known direction.

Why this exists. Trained only by ordinary fine-tuning, the organism refused well but its refusal was spread over
several directions (see the model card and `../shared/research` notes): ablating the best difference-of-means
direction removed refusal, yet adding it did not make harmless requests refused, so no candidate passed the
paper's selection. Real chat models have the property the paper relies on; a 3-million-parameter model trained
for minutes does not get it by itself. So safety tuning plants it, openly, and the planted direction becomes a
ground truth that the course compares the paper's method against.

The planted direction ``u`` (unit norm, ``[d_model]``) is the helpful model's own harmfulness direction *before*
safety tuning: the difference of the class means of ``resid_pre`` at layer ``layer``, last token, over harmful and
harmless training requests. (With ``TrainConfig.mediation_after`` = k > 0, the first k batches of safety tuning are
ordinary ones, and ``u`` is the same difference of means taken after them.) During safety tuning, every batch
from then on adds three extra objectives to the usual chat loss:

* **necessity**: with ``u`` projected out of every write to the residual stream (``x <- x - (x . u) u`` after the
  embedding and after every attention and MLP block, the course's directional ablation), harmful requests are
  trained to get a compliant answer and harmless requests their usual one;
* **one-sidedness**: at layer ``layer``, the post-instruction tokens of harmful requests should project at least
  ``margin`` on ``u`` and those of harmless requests within ``[-band, band]`` (squared hinges), so that refusal
  is a feature that is on for harmful requests and off for harmless ones, as the paper finds in real models;
* **sufficiency**: harmless requests with ``c u`` added to ``resid_pre`` of a random layer (all positions) are
  trained to get a refusal, where ``c`` is the current mean projection of harmful requests on ``u`` at that layer;
  other harmless requests with a small ``lambda c u`` added (``|lambda| <= subthreshold``) keep their usual answer,
  so that refusal switches on only when the feature is strongly present, not at any trace of it.

The three are added with weight ``TrainConfig.mediation_weight``, one-sidedness times
``mediation_one_sided_weight`` as well. Everything else about the model (weights, data, optimiser) is trained as
before; nothing is hand-set, and nothing is frozen unless ``TrainConfig.freeze_embeddings`` asks for it.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator, Sequence

import torch
from torch import Tensor
from transformers import LlamaForCausalLM, PreTrainedTokenizerFast

from course_utils.interventions import ablate
from course_utils.organism.tokenizer import prompt_text


@torch.no_grad()
def last_token_resid(
    model: LlamaForCausalLM, tok: PreTrainedTokenizerFast, instructions: Sequence[str], layer: int
) -> Tensor:
    """``resid_pre`` of `layer` at the last prompt token (the final post-instruction token): ``[n, d_model]``."""
    assert tok.padding_side == "left", "the last column must be the last prompt token"
    rows = []
    for i in range(0, len(instructions), 32):
        enc = tok(
            [prompt_text(x) for x in instructions[i : i + 32]],
            return_tensors="pt",
            padding=True,
            add_special_tokens=False,
        )
        rows.append(model(**enc, output_hidden_states=True).hidden_states[layer][:, -1])
    return torch.cat(rows)


def harmfulness_direction(
    model: LlamaForCausalLM,
    tok: PreTrainedTokenizerFast,
    harmful: Sequence[str],
    harmless: Sequence[str],
    layer: int,
) -> Tensor:
    """``u = (mu_harmful - mu_harmless) / |mu_harmful - mu_harmless|`` at `layer`, last token: ``[d_model]``."""
    diff = last_token_resid(model, tok, harmful, layer).mean(0) - last_token_resid(
        model, tok, harmless, layer
    ).mean(0)
    return diff / diff.norm()


@contextlib.contextmanager
def ablated(model: LlamaForCausalLM, u: Tensor) -> Iterator[None]:
    """Project `u` out of every residual-stream write (embedding, attention and MLP outputs) inside the block."""
    handles = [model.model.embed_tokens.register_forward_hook(lambda m, i, out: ablate(out, u))]
    for block in model.model.layers:
        handles.append(block.self_attn.register_forward_hook(lambda m, i, out: (ablate(out[0], u), *out[1:])))
        handles.append(block.mlp.register_forward_hook(lambda m, i, out: ablate(out, u)))
    try:
        yield
    finally:
        for h in handles:
            h.remove()


@contextlib.contextmanager
def added(model: LlamaForCausalLM, vector: Tensor, layer: int) -> Iterator[None]:
    """Add `vector` to ``resid_pre`` of `layer` at every position inside the block.

    `vector` is ``[d_model]`` (the same for every row) or ``[batch, d_model]`` (one per row).
    """
    shift = vector if vector.dim() == 1 else vector[:, None, :]

    def pre_hook(module, args, kwargs):
        return (args[0] + shift, *args[1:]), kwargs

    handle = model.model.layers[layer].register_forward_pre_hook(pre_hook, with_kwargs=True)
    try:
        yield
    finally:
        handle.remove()


def last_prompt_positions(labels: Tensor) -> Tensor:
    """Index of the last prompt token of each right-padded chat row (the first answer label is one later)."""
    return (labels != -100).int().argmax(dim=1) - 1


def harmful_projection(hidden: Tensor, labels: Tensor, u: Tensor) -> float:
    """Mean of ``x . u`` over rows of `hidden` (``[batch, seq, d_model]``) at their last prompt token."""
    pos = last_prompt_positions(labels)
    return (hidden[torch.arange(len(pos)), pos] @ u).mean().item()


def post_instruction_projections(hidden: Tensor, labels: Tensor, u: Tensor, n_post: int) -> Tensor:
    """``x . u`` at the last `n_post` prompt tokens of each row: ``[batch, n_post]``."""
    last = last_prompt_positions(labels)
    pos = last[:, None] - torch.arange(n_post - 1, -1, -1)
    return hidden[torch.arange(len(last))[:, None], pos] @ u


def one_sided_loss(harmful: Tensor, harmless: Tensor, margin: float, band: float = 0.0) -> Tensor:
    """``(mean relu(m - p_harmful)^2 + mean relu(|p_harmless| - b)^2) / m^2``.

    Harmful projections at least `margin` (m), harmless ones inside the tolerance band ``[-b, b]`` (b = `band`;
    0 penalises any harmless projection).
    """
    miss = (margin - harmful).clamp(min=0).pow(2).mean()
    spill = (harmless.abs() - band).clamp(min=0).pow(2).mean()
    return (miss + spill) / margin**2


def addition_layer(n_layers: int, rng: random.Random) -> int:
    """A random layer for the sufficiency objective: any but the first and the last."""
    return rng.randint(1, max(1, n_layers - 2))
