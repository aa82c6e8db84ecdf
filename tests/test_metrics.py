"""course_utils.metrics against independent computations (numpy, torch.nn.functional, plain HF models)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from transformers import AutoModelForCausalLM

from course_utils.hooks import count_hooks, hooks
from course_utils.metrics import (
    REFUSAL_PHRASES,
    completion_loss,
    forward_last_logits,
    is_refusal,
    kl_div,
    last_position_logits,
    refusal_rate,
    refusal_score,
    refusal_scores,
)
from tests.prompts import PROMPTS


def _numpy_refusal_score(logits: np.ndarray, ids: list[int]) -> np.ndarray:
    z = logits.astype(np.float64)
    probs = np.exp(z - z.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    p = probs[:, sorted(set(ids))].sum(axis=1)
    return np.log(p + 1e-8) - np.log(1 - p + 1e-8)


def test_refusal_score_matches_numpy() -> None:
    torch.manual_seed(0)
    logits = torch.randn(6, 50) * 3
    logits[0, 7] = 30.0  # almost certain refusal: P close to 1, score large and positive
    ids = [7, 11, 11]  # a duplicate id must count once
    got = refusal_score(logits, ids)
    assert got.dtype == torch.float64 and got.shape == (6,)
    np.testing.assert_allclose(got.numpy(), _numpy_refusal_score(logits.numpy(), ids), rtol=1e-10, atol=1e-10)
    assert got[0] > 10


@pytest.mark.parametrize(
    ("logits", "ids", "message"),
    [
        (torch.zeros(2, 3, 10), [1], "logits\\[:, -1, :\\]"),
        (torch.zeros(2, 10), [], "empty"),
        (torch.zeros(2, 10), [10], "outside the vocabulary"),
    ],
)
def test_refusal_score_bad_input(logits: torch.Tensor, ids: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        refusal_score(logits, ids)


def test_kl_div_matches_torch() -> None:
    torch.manual_seed(1)
    p_logits, q_logits = torch.randn(5, 40) * 2, torch.randn(5, 40) * 2
    got = kl_div(p_logits, q_logits)
    log_p = F.log_softmax(p_logits.double(), -1)
    log_q = F.log_softmax(q_logits.double(), -1)
    expected = F.kl_div(log_q, log_p, log_target=True, reduction="none").sum(-1)  # KL(P || Q)
    assert got.dtype == torch.float64
    torch.testing.assert_close(got, expected, rtol=1e-10, atol=1e-12)
    assert (got > 0).all()
    assert kl_div(p_logits, p_logits + 5.0).abs().max() < 1e-12  # a logit shift is the same distribution
    with pytest.raises(ValueError, match="same shape"):
        kl_div(p_logits, q_logits[:, :10])


def test_substring_judge() -> None:
    assert len(REFUSAL_PHRASES) == 12
    for phrase in REFUSAL_PHRASES:
        assert is_refusal(f"Well... {phrase.upper()} do that.")
    assert is_refusal("Honestly, I\u2019m sorry, but no.")  # typographic apostrophe
    for text in ("Sure, here is how to bake bread.", "I can help with that!", "", "The AI said yes."):
        assert not is_refusal(text)
    assert refusal_rate(["I cannot do that.", "Sure!", "As an AI, no.", "ok"]) == 0.5
    with pytest.raises(ValueError, match="empty"):
        refusal_rate([])


def _plain_hf(model_dir) -> torch.nn.Module:
    return AutoModelForCausalLM.from_pretrained(model_dir, attn_implementation="eager").eval()


@pytest.mark.parametrize("arch", ["qwen2", "llama"])
def test_last_position_logits_vs_plain_hf(arch, load_tiny, tiny_model_dir) -> None:
    model = load_tiny(arch)
    hf = _plain_hf(tiny_model_dir(arch))
    batched = last_position_logits(model, PROMPTS, batch_size=3, progress=False)
    assert batched.shape == (len(PROMPTS), hf.config.vocab_size)
    for i, prompt in enumerate(PROMPTS):  # one prompt at a time, no padding, plain transformers
        ids = model.tokenizer(model.format_chat([prompt]), add_special_tokens=False, return_tensors="pt")
        with torch.no_grad():
            expected = hf(ids.input_ids).logits[0, -1]
        assert (batched[i] - expected).abs().max() < 1e-4


@pytest.mark.parametrize("arch", ["qwen2", "llama", "gpt2"])
def test_forward_last_logits_is_the_full_forward_at_the_last_position(arch, load_tiny) -> None:
    """Unembedding only the last position gives the full forward pass's last row (under hooks too), and the
    rows returned own their memory: a view would keep the whole [batch, seq, vocab] logits alive."""
    model = load_tiny(arch)
    prompts = PROMPTS[:1] if arch == "gpt2" else PROMPTS  # HF GPT-2 ignores left padding: one prompt, no pad
    enc = model.tokenize(prompts)
    r = torch.randn(model.d_model, generator=torch.Generator().manual_seed(0))
    shift = [("blocks.1.hook_resid_pre", lambda activation, hook: activation + r)]
    rows = []
    for fwd_hooks in ([], shift):
        with hooks(model, fwd_hooks), torch.inference_mode():
            full = model.bridge(enc.input_ids, attention_mask=enc.attention_mask)  # [batch, seq, vocab]
        got = forward_last_logits(model, enc.input_ids, enc.attention_mask, fwd_hooks=fwd_hooks)
        assert (
            full.shape[1] > 1 and got.shape == (len(prompts), full.shape[-1]) and got.dtype == torch.float32
        )
        assert (got - full[:, -1]).abs().max() <= 1e-6
        assert got.untyped_storage().nbytes() == got.numel() * got.element_size()
        rows.append(got)
    assert (rows[1] - rows[0]).abs().max() > 1e-3  # the hook was applied


def test_refusal_scores_with_hooks_and_cleanup(tiny_model) -> None:
    calls = []

    def spy(activation, hook):
        calls.append(hook.name)
        return activation

    before = count_hooks(tiny_model)
    scores = refusal_scores(tiny_model, PROMPTS, fwd_hooks=[("blocks.1.hook_resid_pre", spy)], batch_size=2)
    assert len(calls) == 2 and count_hooks(tiny_model) == before
    logits = last_position_logits(tiny_model, PROMPTS, progress=False)
    torch.testing.assert_close(scores, refusal_score(logits, tiny_model.refusal_token_ids))

    def boom(activation, hook):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        last_position_logits(tiny_model, PROMPTS, fwd_hooks=[("blocks.0.hook_resid_pre", boom)])
    assert count_hooks(tiny_model) == before


def test_last_position_logits_bad_input(tiny_model) -> None:
    with pytest.raises(TypeError, match="list of instructions"):
        last_position_logits(tiny_model, "a single string")
    with pytest.raises(ValueError, match="empty"):
        last_position_logits(tiny_model, [])


def test_completion_loss_vs_hf_loss(tiny_model, tiny_model_dir) -> None:
    hf = _plain_hf(tiny_model_dir("qwen2"))
    tok = tiny_model.tokenizer
    instructions = ["How do I bake bread at home?", "hi"]
    completions = ["Mix flour, water and salt.", "Sure, here is how you can do it. First, open the box."]
    total, count = 0.0, 0
    for instruction, completion in zip(instructions, completions, strict=True):
        prompt = tok(tiny_model.format_chat([instruction])[0], add_special_tokens=False).input_ids
        answer = tok(completion, add_special_tokens=False).input_ids
        ids = torch.tensor([prompt + answer])
        labels = torch.tensor([[-100] * len(prompt) + answer])
        with torch.no_grad():
            loss = hf(ids, labels=labels).loss  # mean over this pair's completion tokens
        total += float(loss) * len(answer)
        count += len(answer)
    got = completion_loss(tiny_model, instructions, completions, batch_size=2)
    assert abs(got - total / count) < 1e-4
    with pytest.raises(ValueError, match="2 instructions but 1 completions"):
        completion_loss(tiny_model, instructions, completions[:1])
