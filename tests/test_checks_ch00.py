"""Chapter 00 checks coach a learner: each plausible wrong solution gets its named diagnosis, solutions written
differently from the reference pass, and a leaked hook is caught. On the tiny Llama (tests/tiny_models.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import torch
from checks_helpers import assert_leak_named, assert_reference_stub_and_mistakes, expect, expect_pass

from course_utils import residual


@pytest.fixture(scope="module")
def model(load_tiny: Callable[..., Any]) -> Any:
    return load_tiny("llama")


# ------------------------------------------------------------------------------- 00.post_instruction_tokens


def _prompt_ids(model: Any, instruction: str) -> list[int]:
    return model.tokenize([instruction])["input_ids"][0].tolist()


def tail_tokens_by_length(model: Any, instruction: str) -> list[str]:
    """Correct, written differently: slice by absolute positions and convert one id at a time."""
    ids = _prompt_ids(model, instruction)
    start = len(ids) - len(model.post_instruction_ids)
    return [model.tokenizer.convert_ids_to_tokens(i) for i in ids[start:]]


def test_post_instruction_tokens(model: Any) -> None:
    ex = "00.post_instruction_tokens"
    n = len(model.post_instruction_ids)
    expect_pass(ex, tail_tokens_by_length, model=model)
    first = lambda model, instruction: model.tokenizer.convert_ids_to_tokens(
        _prompt_ids(model, instruction)[:n]
    )
    expect(ex, first, "alternative", "FIRST tokens", model=model)
    one_more = lambda model, instruction: model.tokenizer.convert_ids_to_tokens(
        _prompt_ids(model, instruction)[-n - 1 :]
    )
    expect(ex, one_more, "alternative", "instruction's last token", model=model)
    ids = lambda model, instruction: _prompt_ids(model, instruction)[-n:]
    expect(ex, ids, "alternative", "you returned token ids", model=model)
    assert_leak_named(ex, residual.post_instruction_tokens, model)


# ------------------------------------------------------------------------------------------- 00.top_tokens


def top_by_sorting(logits: torch.Tensor, tokenizer: Any, k: int = 5) -> list[list[str]]:
    """Correct, written differently: argsort descending instead of topk."""
    order = logits.argsort(dim=-1, descending=True)[:, :k]
    return [[tokenizer.decode([int(i)]) for i in row] for row in order]


def test_top_tokens(model: Any) -> None:
    ex = "00.top_tokens"
    expect_pass(ex, top_by_sorting, model=model)
    least = lambda logits, tokenizer, k=5: [
        [tokenizer.decode([i]) for i in row] for row in logits.argsort(dim=-1)[:, :k].tolist()
    ]
    expect(ex, least, "alternative", "LEAST likely", model=model)
    ids = lambda logits, tokenizer, k=5: logits.topk(k).indices.tolist()
    expect(ex, ids, "alternative", "you returned token ids", model=model)
    raw = lambda logits, tokenizer, k=5: [
        tokenizer.convert_ids_to_tokens(r) for r in logits.topk(k).indices.tolist()
    ]
    expect(ex, raw, "alternative", "raw vocabulary entries", model=model)
    flat = lambda logits, tokenizer, k=5: [tokenizer.decode([i]) for i in logits[0].topk(k).indices.tolist()]
    expect(ex, flat, "wrong_shape", "wrong length", model=model)  # only the first row
    assert_leak_named(ex, residual.top_tokens, model)


# ---------------------------------------------------------------------------------- 00.refusal_probability


def probability_by_mask(logits: torch.Tensor, refusal_token_ids: list[int]) -> torch.Tensor:
    """Correct, written differently: exp / sum by hand, a boolean mask over the vocabulary."""
    z = logits.double() - logits.double().max(dim=-1, keepdim=True).values
    probs = z.exp() / z.exp().sum(dim=-1, keepdim=True)
    mask = torch.zeros(logits.shape[-1], dtype=torch.bool)
    mask[list(refusal_token_ids)] = True
    return (probs * mask).sum(dim=-1)


def test_refusal_probability() -> None:
    ex = "00.refusal_probability"
    expect_pass(ex, probability_by_mask)
    raw = lambda logits, refusal_token_ids: logits.double()[:, sorted(set(refusal_token_ids))].sum(-1)
    expect(ex, raw, "alternative", "summed raw logits")
    batch = lambda logits, refusal_token_ids: (
        logits.double().softmax(0)[:, sorted(set(refusal_token_ids))].sum(-1)
    )
    expect(ex, batch, "alternative", "over the batch (dim=0)")
    twice = lambda logits, refusal_token_ids: logits.double().softmax(-1)[:, list(refusal_token_ids)].sum(-1)
    expect(ex, twice, "alternative", "counted a repeated refusal id twice")
    single = lambda logits, refusal_token_ids: logits.softmax(-1)[:, sorted(set(refusal_token_ids))].sum(-1)
    expect(ex, single, "wrong_dtype", "float64")  # softmax in the logits' float32


# ------------------------------------------------------------------------- every exercise, two architectures


@pytest.mark.parametrize("arch", ["llama", "gpt2"])
@pytest.mark.parametrize(
    "exercise_id", ["00.post_instruction_tokens", "00.top_tokens", "00.refusal_probability"]
)
def test_reference_passes_stub_is_not_attempted_and_each_mistake_is_named(
    exercise_id: str, arch: str, load_tiny: Callable[..., Any]
) -> None:
    assert_reference_stub_and_mistakes(exercise_id, model=load_tiny(arch))
