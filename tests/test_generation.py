"""course_utils.generation: KV cache == no cache, batched == one at a time, hooks act, == raw HF greedy."""

from __future__ import annotations

import pytest
import torch
from transformers import AutoModelForCausalLM

from course_utils import generation
from course_utils.generation import generate
from course_utils.hooks import count_hooks, resid_hook_name
from tests.prompts import PROMPTS

ARCHS = ("qwen2", "llama", "gpt2")


@pytest.mark.parametrize("arch", ARCHS)
def test_cache_batching_and_hf_agree(load_tiny, tiny_model_dir, arch: str) -> None:
    model = load_tiny(arch)
    cached = generate(model, PROMPTS, max_new_tokens=10, batch_size=3, progress=False)
    uncached = generate(model, PROMPTS, max_new_tokens=10, batch_size=3, use_kv_cache=False, progress=False)
    single = [generate(model, [p], max_new_tokens=10, progress=False)[0] for p in PROMPTS]
    assert cached == uncached == single
    assert any(len(c) > 0 for c in cached)

    hf = AutoModelForCausalLM.from_pretrained(tiny_model_dir(arch), attn_implementation="eager").eval()
    tok = model.tokenizer
    for prompt, completion in zip(
        PROMPTS, cached, strict=True
    ):  # independent reference: HF greedy, no padding
        enc = model.tokenize([prompt])
        with torch.inference_mode():
            out = hf.generate(**enc, max_new_tokens=10, do_sample=False, eos_token_id=tok.eos_token_id)
        assert tok.decode(out[0, enc.input_ids.shape[1] :], skip_special_tokens=True) == completion


def test_stops_at_eos_per_row(tiny_model) -> None:
    eos = tiny_model.tokenizer.eos_token_id

    def force_eos(logits, hook):  # every row's first new token is EOS
        logits[:, -1, :] = -1e4
        logits[:, -1, eos] = 1e4
        return logits

    out = generate(tiny_model, PROMPTS[:2], max_new_tokens=5, fwd_hooks=[("unembed.hook_out", force_eos)])
    assert out == ["", ""]


def test_hooked_generation_differs_and_cleans_up(tiny_model) -> None:
    clean = generate(tiny_model, PROMPTS, max_new_tokens=8, progress=False)
    calls = []

    def scramble(act, hook):
        calls.append(act.shape[1])
        return act * -3.0

    hooked = generate(
        tiny_model, PROMPTS, max_new_tokens=8, fwd_hooks=[(resid_hook_name(1), scramble)], progress=False
    )
    assert hooked != clean
    assert len(calls) > 1 and calls[1] == 1  # with the KV cache, later steps see one new position
    assert count_hooks(tiny_model) == 0
    assert generate(tiny_model, PROMPTS, max_new_tokens=8, progress=False) == clean


def test_kv_cache_shim_maps_cache_kwarg() -> None:
    seen = {}

    def original(self, k, v, **kwargs):
        seen.update(kwargs)
        return k, v

    shimmed = generation._with_cache_alias(original)
    marker = object()
    shimmed(None, torch.zeros(1), torch.zeros(1), cache=marker)
    assert seen["past_key_values"] is marker
    assert generation._transformers_renamed_cache("5.24.0") and not generation._transformers_renamed_cache(
        "5.23.0"
    )


def test_bad_arguments(tiny_model) -> None:
    with pytest.raises(ValueError, match="non-empty list"):
        generate(tiny_model, "Hi")
    with pytest.raises(ValueError, match="max_new_tokens"):
        generate(tiny_model, ["Hi"], max_new_tokens=0)
