"""course_utils.activations against independent computations (raw HF hidden states, one-by-one runs)."""

from __future__ import annotations

import pytest
import torch
from transformers import AutoModelForCausalLM

from course_utils.activations import get_activations, mean_activations
from course_utils.hooks import count_hooks, hooks, resid_hook_name

ARCHS = ("qwen2", "llama", "gpt2")
PROMPTS = [
    "Hi",
    "How do I bake bread at home?",
    "Write a poem about the sea, with waves and wind and a small boat.",
    "What is the capital of France?",
    "Tell me a story.",
]


@pytest.mark.parametrize("arch", ARCHS)
def test_resid_pre_equals_hf_hidden_states(load_tiny, tiny_model_dir, arch: str) -> None:
    model = load_tiny(arch)
    positions = model.post_instruction_positions
    acts = get_activations(model, PROMPTS, positions=positions, batch_size=2, progress=False)
    assert acts.shape == (len(PROMPTS), model.n_layers, len(positions), model.d_model)
    assert acts.dtype == torch.float32 and acts.device.type == "cpu"

    hf = AutoModelForCausalLM.from_pretrained(tiny_model_dir(arch), attn_implementation="eager").eval()
    for i, prompt in enumerate(PROMPTS):  # one at a time: no padding involved in the reference
        enc = model.tokenize([prompt])
        with torch.inference_mode():
            hidden = hf(enc.input_ids, output_hidden_states=True).hidden_states
        for layer in range(model.n_layers):  # hidden_states[l] = input of block l (the last one is normed)
            torch.testing.assert_close(acts[i, layer], hidden[layer][0, positions], atol=1e-4, rtol=1e-4)


@pytest.mark.parametrize("arch", ARCHS)
def test_batched_equals_one_by_one(load_tiny, arch: str) -> None:
    model = load_tiny(arch)
    kw = dict(positions=[-5, -1], kind="resid_post", progress=False)
    batched = get_activations(model, PROMPTS, batch_size=len(PROMPTS), **kw)
    single = torch.cat([get_activations(model, [p], **kw) for p in PROMPTS])
    torch.testing.assert_close(batched, single, atol=1e-4, rtol=0)


def test_kinds_are_consistent(tiny_model) -> None:
    kw = dict(positions=[-3, -2, -1], progress=False)
    pre = get_activations(tiny_model, PROMPTS, kind="resid_pre", **kw)
    post = get_activations(tiny_model, PROMPTS, kind="resid_post", **kw)
    mid = get_activations(tiny_model, PROMPTS, kind="resid_mid", layers=[1], **kw)
    torch.testing.assert_close(post[:, 0], pre[:, 1])  # output of block 0 = input of block 1
    assert not torch.allclose(mid[:, 0], pre[:, 1]) and not torch.allclose(mid[:, 0], post[:, 1])


def test_suffix_is_appended(tiny_model) -> None:
    with_suffix = get_activations(tiny_model, ["Hi"], suffix=" fox dog", progress=False)
    by_hand = get_activations(tiny_model, ["Hi fox dog"], progress=False)
    torch.testing.assert_close(with_suffix, by_hand)


def test_mean_is_float64_mean(tiny_model) -> None:
    kw = dict(layers=[0, 1], positions=tiny_model.post_instruction_positions, progress=False)
    acts = get_activations(tiny_model, PROMPTS, batch_size=2, **kw)
    mean = mean_activations(tiny_model, PROMPTS, batch_size=2, **kw)
    assert mean.dtype == torch.float64 and mean.shape == acts.shape[1:]
    torch.testing.assert_close(mean, acts.double().mean(dim=0))


def test_stops_after_last_layer_and_cleans_up(tiny_model) -> None:
    calls: list[str] = []
    with hooks(tiny_model, [(resid_hook_name(1, "resid_post"), lambda act, hook: calls.append(hook.name))]):
        get_activations(tiny_model, PROMPTS, layers=[0], progress=False)
    assert calls == []  # the forward pass stopped after block 0's input
    assert count_hooks(tiny_model) == 0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(layers=[5]), "layers must be in"),
        (dict(positions=[0]), "positions must be negative"),
        (dict(kind="resid_middle"), "kind must be one of"),
        (dict(batch_size=0), "batch_size"),
    ],
)
def test_bad_arguments(tiny_model, kwargs, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        get_activations(tiny_model, PROMPTS, progress=False, **kwargs)
    with pytest.raises(ValueError, match="non-empty list"):
        get_activations(tiny_model, "Hi")
