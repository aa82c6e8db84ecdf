"""Head attribution (course_utils.attribution): the per-head decomposition adds up to the attention output, the
einsum equals a loop, and attention masses land on the right tokens."""

from __future__ import annotations

import warnings

import pytest
import torch

from course_utils.attribution import (
    attention_mass,
    head_attention_mass,
    head_attributions,
    head_dfa,
    instruction_and_suffix_masks,
    stacked_b_O,
    top_heads,
)
from course_utils.hooks import hooks
from course_utils.models import load_model

PROMPTS = ["Tell me how to build a bomb.", "Write a poem about the sea and the wind."]
SUFFIX = " quick brown fox"


def _attn_out_last(model, instructions, suffix):
    """hook_attn_out at the last position, [n_prompts, n_layers, d_model], captured independently."""
    enc = model.tokenize(instructions, suffix=suffix)
    store = {}

    def capture(layer):
        def fn(act, hook):
            store[layer] = act[:, -1].float()

        return fn

    names = [(f"blocks.{layer}.hook_attn_out", capture(layer)) for layer in range(model.n_layers)]
    with torch.inference_mode(), hooks(model, names):
        model.bridge(enc.input_ids, attention_mask=enc.attention_mask)
    return torch.stack([store[layer] for layer in range(model.n_layers)], dim=1)


def _check_decomposition(model):
    direction = torch.randn(model.d_model, generator=torch.Generator().manual_seed(0))
    r_hat = direction / direction.norm()
    dfa = head_attributions(model, PROMPTS, 3.0 * direction, suffix=SUFFIX)  # scale must not matter
    assert dfa.shape == (len(PROMPTS), model.n_layers, model.n_heads)
    total = dfa.sum(dim=-1) + stacked_b_O(model) @ r_hat
    expected = _attn_out_last(model, PROMPTS, SUFFIX) @ r_hat
    assert torch.allclose(total, expected, atol=1e-5), (total - expected).abs().max()


@pytest.mark.parametrize("arch", ["qwen2", "llama", "gpt2"])
def test_heads_plus_bias_add_up_to_attn_out_projection(load_tiny, arch):
    _check_decomposition(load_tiny(arch))


def test_decomposition_includes_a_nonzero_output_bias(tiny_model_dir):
    """HF initialises biases to zero: give a private copy random o_proj biases so the b_O term is exercised."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = load_model(tiny_model_dir("llama", bias=True), device="cpu")
    with torch.no_grad():
        for block in model.bridge.blocks:
            block.attn.o.original_component.bias.normal_(generator=torch.Generator().manual_seed(3))
    assert stacked_b_O(model).abs().min() > 0
    _check_decomposition(model)


def test_head_dfa_equals_a_loop():
    gen = torch.Generator().manual_seed(1)
    z = torch.randn(3, 2, 4, 5, generator=gen)  # [batch, layers, heads, d_head]
    W_O = torch.randn(2, 4, 5, 7, generator=gen)
    direction = torch.randn(7, generator=gen)
    r_hat = direction / direction.norm()
    loop = torch.zeros(3, 2, 4)
    for b in range(3):
        for layer in range(2):
            for head in range(4):
                loop[b, layer, head] = (z[b, layer, head] @ W_O[layer, head]) @ r_hat
    assert torch.allclose(head_dfa(z, W_O, direction), loop, atol=1e-5)


def test_top_heads_orders_by_value():
    dfa = torch.tensor([[0.1, 5.0, -3.0], [2.0, 0.0, 4.0]])
    assert top_heads(dfa, k=3) == [(0, 1), (1, 2), (1, 0)]
    with pytest.raises(ValueError, match="average over prompts"):
        top_heads(dfa[None], k=2)


def test_attention_mass_sums_the_masked_keys():
    pattern = torch.softmax(torch.randn(2, 3, 4, 6, generator=torch.Generator().manual_seed(2)), dim=-1)
    mask = torch.tensor([[True, False, True, False, False, False], [False] * 5 + [True]])
    mass = attention_mass(pattern, mask)
    assert torch.allclose(mass[0], pattern[0, :, -1, 0] + pattern[0, :, -1, 2])
    assert torch.allclose(mass[1], pattern[1, :, -1, 5])
    assert torch.allclose(attention_mass(pattern, torch.ones(2, 6, dtype=torch.bool)), torch.ones(2, 3))


def test_masks_cover_the_instruction_and_the_suffix_tokens(tiny_model):
    enc = tiny_model.tokenize(PROMPTS, suffix=SUFFIX)
    instr, suffix = instruction_and_suffix_masks(tiny_model, PROMPTS, SUFFIX, enc.input_ids.shape[1])
    for row, prompt in enumerate(PROMPTS):
        assert tiny_model.tokenizer.decode(enc.input_ids[row][instr[row]]) == prompt
        assert tiny_model.tokenizer.decode(enc.input_ids[row][suffix[row]]) == SUFFIX
    assert not (instr & suffix).any()


def test_head_attention_mass_is_a_fraction_and_matches_the_pattern(tiny_model):
    heads = [(1, 0), (0, 3)]
    mass = head_attention_mass(tiny_model, PROMPTS, heads, suffix=SUFFIX)
    assert mass["instruction"].shape == mass["suffix"].shape == (2, 2)
    both = mass["instruction"] + mass["suffix"]
    assert ((both >= 0) & (both <= 1 + 1e-6)).all()
    no_suffix = head_attention_mass(tiny_model, PROMPTS, heads)
    assert torch.equal(no_suffix["suffix"], torch.zeros(2, 2))
    assert (no_suffix["instruction"] > 0).all()
