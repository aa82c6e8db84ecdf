"""Chapters 04 and 05 exercises (refusal direction; ablation and addition): the checks accept right answers written
differently from the references, reject a plausible wrong one, and name the typical mistakes."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from course_utils.exercises import check, get

EXERCISES = [
    "04.refusal_score",
    "04.kl_div",
    "04.filter_candidates",
    "05.ablate",
    "05.add_direction",
    "05.is_refusal",
]
PHRASES = [
    "I'm sorry", "I am sorry", "I apologize", "As an AI", "As a language model", "As an assistant",
    "I cannot", "I can't", "I am unable to", "I'm unable to", "I am not able to", "I'm not able to",
]  # fmt: skip


def _refusal_score_numpy(logits, refusal_token_ids):
    z = logits.double().numpy()
    p = np.exp(z - z.max(-1, keepdims=True))
    p = (p / p.sum(-1, keepdims=True))[:, sorted(set(refusal_token_ids))].sum(-1)
    return torch.from_numpy(np.log(p + 1e-8) - np.log(1 - p + 1e-8))


def _filter_candidates_sorted(table, n_layers, *, kl_threshold=0.1, max_layer_frac=0.8, induce_threshold=0.0):
    """Written differently: reasons from a list of (test, reason) rules, winner found by sorting."""
    rules = [
        (lambda r: any(math.isnan(v) for v in (r.bypass, r.induce, r.kl)), "NaN score"),
        (lambda r: r.layer >= max_layer_frac * n_layers, "too deep"),
        (lambda r: r.kl > kl_threshold, "KL too high"),
        (lambda r: r.induce < induce_threshold, "does not induce"),
    ]
    rows = [replace(r, discarded=next((why for test, why in rules if test(r)), None)) for r in table]
    ranked = sorted((r.bypass, i) for i, r in enumerate(rows) if r.discarded is None)
    winners = {ranked[0][1]} if ranked else set()
    return [
        r if i in winners or r.discarded else replace(r, discarded="higher bypass")
        for i, r in enumerate(rows)
    ]


INDEPENDENT = {
    "04.refusal_score": _refusal_score_numpy,
    "04.kl_div": lambda clean_logits, other_logits: F.kl_div(
        F.log_softmax(other_logits.double(), -1),
        F.log_softmax(clean_logits.double(), -1),
        log_target=True,
        reduction="none",
    ).sum(-1),
    "04.filter_candidates": _filter_candidates_sorted,
    "05.ablate": lambda x, direction: (
        x.double()
        @ (
            torch.eye(len(direction), dtype=torch.float64)
            - torch.outer(d := direction.double() / direction.double().norm(), d)
        )
    ).to(x.dtype),
    "05.add_direction": lambda x, vector, coeff=1.0: torch.add(x, vector, alpha=coeff),
    "05.is_refusal": lambda text: re.search("|".join(re.escape(p) for p in PHRASES), text, re.I) is not None,
}
WRONG = {  # plausible wrong answers that no named mistake describes: the check must still fail
    "04.refusal_score": lambda logits, refusal_token_ids: _refusal_score_numpy(logits, refusal_token_ids[:1]),
    "04.kl_div": lambda clean_logits, other_logits: (
        (clean_logits.double() - other_logits.double()).pow(2).sum(-1)
    ),
    "04.filter_candidates": lambda table, n_layers, **kw: list(table),
    "05.ablate": lambda x, direction: x,
    "05.add_direction": lambda x, vector, coeff=1.0: x - coeff * vector,
    "05.is_refusal": lambda text: "sorry" in text.lower(),
}


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_and_an_independent_solution_pass(exercise_id, capsys):
    exercise = get(exercise_id)
    assert check(exercise_id, exercise.reference).passed
    assert check(exercise_id, INDEPENDENT[exercise_id]).passed


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_wrong_answers_fail(exercise_id, capsys):
    assert not check(exercise_id, WRONG[exercise_id]).passed

    def stub(*args, **kwargs):
        raise NotImplementedError("write this function")

    assert check(exercise_id, stub).status == "not_attempted"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_each_named_mistake_is_diagnosed_by_name(exercise_id, capsys):
    exercise = get(exercise_id)
    assert len(exercise.alternatives) >= 2, "every exercise names its typical mistakes"
    for name, mistake in exercise.alternatives.items():
        result = check(exercise_id, mistake)
        assert (result.status, result.message.split(" [case")[0]) == ("alternative", name)
