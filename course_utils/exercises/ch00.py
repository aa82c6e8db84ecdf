"""Chapter 00 (setup): checked exercises. References live in `course_utils.residual` and `course_utils.metrics`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import metrics, residual
from course_utils.exercises.registry import Case, Exercise, register

INSTRUCTIONS = ("Write a poem about the sea.", "How do I bake bread at home?", "Hi")


def _instruction_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [dict(model=ctx["model"], instruction=text) for text in INSTRUCTIONS]


def _tokens(model: Any, instruction: str) -> list[int]:
    return model.tokenize([instruction])["input_ids"][0].tolist()


register(
    Exercise(
        id="00.post_instruction_tokens",
        reference=residual.post_instruction_tokens,
        title="The tokens after the instruction",
        difficulty=1,
        importance=4,
        minutes=5,
        hints=(
            "The chat template adds the same tokens after every instruction; model.post_instruction_ids knows how many.",
            "Tokenize the one-instruction batch with model.tokenize, keep that many ids from the END of the sequence, and turn ids into vocabulary strings with the tokenizer's convert_ids_to_tokens.",
        ),
        cases=_instruction_cases,
        alternatives={
            "you took the FIRST tokens of the prompt; the template's tail is at the END (negative indices)": (
                lambda model, instruction: model.tokenizer.convert_ids_to_tokens(
                    _tokens(model, instruction)[: len(model.post_instruction_ids)]
                )
            ),
            "you also kept the instruction's last token: keep exactly len(model.post_instruction_ids) tokens": (
                lambda model, instruction: model.tokenizer.convert_ids_to_tokens(
                    _tokens(model, instruction)[-len(model.post_instruction_ids) - 1 :]
                )
            ),
            "you returned token ids; convert them with model.tokenizer.convert_ids_to_tokens": (
                lambda model, instruction: _tokens(model, instruction)[-len(model.post_instruction_ids) :]
            ),
            "you decoded the ids to text; return them as vocabulary entries (model.tokenizer.convert_ids_to_tokens),"
            " where a newline is written 'Ċ'": (
                lambda model, instruction: [
                    model.tokenizer.decode([i])
                    for i in _tokens(model, instruction)[-len(model.post_instruction_ids) :]
                ]
            ),
        },
        requires=("model",),
    )
)


def _top_cases(ctx: Mapping[str, Any]) -> list[Case]:
    tokenizer = ctx["model"].tokenizer
    vocab = len(tokenizer)
    return [
        dict(logits=torch.randn(3, vocab) * 3, tokenizer=tokenizer, k=5),
        dict(logits=torch.randn(2, vocab), tokenizer=tokenizer, k=1),
    ]


register(
    Exercise(
        id="00.top_tokens",
        reference=residual.top_tokens,
        title="The most likely next tokens",
        difficulty=1,
        importance=3,
        minutes=5,
        hints=(
            "torch has a function that returns the k largest entries along a dimension, in order.",
            "For each row, take the indices of the k largest logits (most likely first) and decode each id on its own with tokenizer.decode([id]).",
        ),
        cases=_top_cases,
        alternatives={
            "you took the k LEAST likely tokens: sort in descending order (topk does)": (
                lambda logits, tokenizer, k: [
                    [tokenizer.decode([i]) for i in row]
                    for row in logits.topk(k, dim=-1, largest=False).indices.tolist()
                ]
            ),
            "you returned token ids; decode each with tokenizer.decode([i])": (
                lambda logits, tokenizer, k: logits.topk(k, dim=-1).indices.tolist()
            ),
            "you returned raw vocabulary entries (convert_ids_to_tokens); use tokenizer.decode([i]) for text": (
                lambda logits, tokenizer, k: [
                    tokenizer.convert_ids_to_tokens(row) for row in logits.topk(k, dim=-1).indices.tolist()
                ]
            ),
        },
        requires=("model",),
    )
)


def _probability_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(logits=torch.randn(4, 50) * 2, refusal_token_ids=[3]),
        dict(logits=torch.randn(3, 50) * 4, refusal_token_ids=[7, 1, 7]),
        dict(logits=torch.randn(1, 50, dtype=torch.float64), refusal_token_ids=[0, 49]),
    ]


def _softmax64(logits: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.softmax(logits.double(), dim=dim)


register(
    Exercise(
        id="00.refusal_probability",
        reference=metrics.refusal_probability,
        title="Probability of starting a refusal",
        difficulty=1,
        importance=5,
        minutes=8,
        hints=(
            "Logits are not probabilities: turn each row into a distribution over the vocabulary first (in float64).",
            "Softmax over the last dim, then add up the probability columns of the refusal ids, counting each distinct id once.",
        ),
        cases=_probability_cases,
        alternatives={
            "you summed raw logits: apply softmax over the vocabulary first": (
                lambda logits, refusal_token_ids: logits.double()[:, sorted(set(refusal_token_ids))].sum(-1)
            ),
            "you took the softmax over the batch (dim=0); it belongs over the vocabulary (dim=-1)": (
                lambda logits, refusal_token_ids: _softmax64(logits, 0)[
                    :, sorted(set(refusal_token_ids))
                ].sum(-1)
            ),
            "you counted a repeated refusal id twice: use each distinct id once (set)": (
                lambda logits, refusal_token_ids: _softmax64(logits)[:, list(refusal_token_ids)].sum(-1)
            ),
            "you took the max over refusal tokens; the probability of 'any of them' is the sum": (
                lambda logits, refusal_token_ids: (
                    _softmax64(logits)[:, sorted(set(refusal_token_ids))].max(-1).values
                )
            ),
        },
    )
)
