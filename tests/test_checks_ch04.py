"""Chapter 04 checks (refusal score, KL, scoring one candidate, filtering candidates) coach a learner: named wrong
solutions get their diagnosis, solutions written differently from the reference pass, a plausible wrong answer no
named mistake describes still fails, and a leaked hook is caught."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from checks_helpers import assert_mistakes_named, assert_not_attempted, expect, expect_pass

from course_utils import metrics
from course_utils.exercises import check, get
from course_utils.hooks import resid_hook_name

# ------------------------------------------------------------------------------------------ 04.refusal_score


def score_by_logsumexp(logits: torch.Tensor, refusal_token_ids: list[int]) -> torch.Tensor:
    """Correct, written differently: log P from logsumexp over the refusal ids, P from its exp."""
    z = logits.double()
    ids = sorted(set(refusal_token_ids))
    p = (torch.logsumexp(z[:, ids], dim=-1) - torch.logsumexp(z, dim=-1)).exp()
    return torch.log(p + 1e-8) - torch.log(1 - p + 1e-8)


def _p(logits: torch.Tensor, ids: list[int]) -> torch.Tensor:
    return logits.double().softmax(-1)[:, sorted(set(ids))].sum(-1)


def test_refusal_score() -> None:
    ex = "04.refusal_score"
    expect_pass(ex, score_by_logsumexp)
    expect(
        ex,
        lambda logits, refusal_token_ids: torch.log(_p(logits, refusal_token_ids) + 1e-8),
        "alternative",
        "you returned log P",
    )
    expect(
        ex,
        lambda logits, refusal_token_ids: _p(logits, refusal_token_ids),
        "alternative",
        "the probability P itself",
    )
    batch = lambda logits, refusal_token_ids: (lambda p: torch.log(p + 1e-8) - torch.log(1 - p + 1e-8))(
        logits.double().softmax(0)[:, sorted(set(refusal_token_ids))].sum(-1)
    )
    expect(ex, batch, "alternative", "softmax over the batch")
    largest = lambda logits, refusal_token_ids: (lambda p: torch.log(p + 1e-8) - torch.log(1 - p + 1e-8))(
        logits.double().softmax(-1)[:, sorted(set(refusal_token_ids))].max(-1).values
    )
    expect(ex, largest, "alternative", "largest refusal-token probability")
    reversed_odds = lambda logits, refusal_token_ids: -score_by_logsumexp(logits, refusal_token_ids)
    expect(ex, reversed_odds, "sign_flipped", "sign flipped")
    no_epsilon = lambda logits, refusal_token_ids: (lambda p: torch.log(p) - torch.log(1 - p))(
        _p(logits, refusal_token_ids)
    )
    expect(ex, no_epsilon, "alternative", "left out the epsilon")
    clamped = lambda logits, refusal_token_ids: torch.logit(_p(logits, refusal_token_ids), eps=1e-8)
    expect(ex, clamped, "alternative", "torch.logit's eps")


# ------------------------------------------------------------------------------------------------ 04.kl_div


def kl_by_torch(clean_logits: torch.Tensor, other_logits: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: torch.distributions."""
    p = torch.distributions.Categorical(logits=clean_logits.double())
    q = torch.distributions.Categorical(logits=other_logits.double())
    return torch.distributions.kl_divergence(p, q)


def _kl(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    log_p, log_q = F.log_softmax(a.double(), -1), F.log_softmax(b.double(), -1)
    return (log_p.exp() * (log_p - log_q)).sum(-1)


def test_kl_div() -> None:
    ex = "04.kl_div"
    expect_pass(ex, kl_by_torch)
    expect(
        ex,
        lambda clean_logits, other_logits: _kl(other_logits, clean_logits),
        "alternative",
        "KL(P_other || P_clean)",
    )
    mean = lambda clean_logits, other_logits: (
        F.softmax(clean_logits.double(), -1)
        * (F.log_softmax(clean_logits.double(), -1) - F.log_softmax(other_logits.double(), -1))
    ).mean(-1)
    expect(ex, mean, "alternative", "averaged over the vocabulary")
    raw = lambda clean_logits, other_logits: (
        clean_logits.double().exp() * (clean_logits.double() - other_logits.double())
    ).sum(-1)
    expect(ex, raw, "alternative", "raw logits as log-probabilities")
    single = lambda clean_logits, other_logits: _kl(clean_logits, other_logits).float()
    expect(ex, single, "wrong_dtype", "float64")
    batchmean = lambda clean_logits, other_logits: _kl(clean_logits, other_logits).mean()
    expect(ex, batchmean, "wrong_shape", "wrong shape")


# --------------------------------------------------------------------------------------- 04.filter_candidates


def _reason(
    row, n_layers, kl_threshold, max_layer_frac, induce_threshold, deep=lambda layer, lim: layer >= lim
):
    if any(math.isnan(v) for v in (row.bypass, row.induce, row.kl)):
        return "NaN score"
    if deep(row.layer, max_layer_frac * n_layers):
        return "too deep"
    if row.kl > kl_threshold:
        return "KL too high"
    if row.induce < induce_threshold:
        return "does not induce"
    return None


def _filter(
    table, n_layers, *, kl_threshold=0.1, max_layer_frac=0.8, induce_threshold=0.0, key=None, deep=None
):
    """A learner's filter: rules in order, then one winner chosen by `key` (lowest bypass when right)."""
    extra = {"deep": deep} if deep else {}
    rows = [
        replace(r, discarded=_reason(r, n_layers, kl_threshold, max_layer_frac, induce_threshold, **extra))
        for r in table
    ]
    alive = [r for r in rows if r.discarded is None]
    winner = min(alive, key=key or (lambda r: r.bypass)) if alive else None
    return [r if r is winner or r.discarded else replace(r, discarded="higher bypass") for r in rows]


def test_filter_candidates() -> None:
    ex = "04.filter_candidates"
    expect_pass(ex, _filter)
    expect(
        ex,
        lambda table, n_layers, **kw: _filter(table, n_layers, key=lambda r: -r.bypass, **kw),
        "alternative",
        "HIGHEST bypass",
    )
    expect(
        ex,
        lambda table, n_layers, **kw: _filter(table, n_layers, key=lambda r: -r.induce, **kw),
        "alternative",
        "highest induce",
    )
    strict = lambda table, n_layers, **kw: _filter(table, n_layers, deep=lambda layer, lim: layer > lim, **kw)
    expect(ex, strict, "alternative", "you kept layer == max_layer_frac * n_layers")
    unfiltered = lambda table, n_layers, **kw: list(table)
    result = expect(
        ex, unfiltered, "wrong_values", "item 0.discarded: got None, expected a str; your record:"
    )
    assert "table (10 items), n_layers=10" in result.message
    assert "NaN score" not in result.message  # the field is named, the reason to write is left to the learner
    as_dicts = lambda table, n_layers, **kw: [vars(r) for r in _filter(table, n_layers, **kw)]
    result = expect(ex, as_dicts, "wrong_type", "item 0: got dict, expected a CandidateScore")
    assert "NaN score" not in result.message
    wrong_layer = lambda table, n_layers, **kw: [
        replace(r, layer=r.layer + 1) if i == 1 else r for i, r in enumerate(_filter(table, n_layers, **kw))
    ]
    result = expect(ex, wrong_layer, "wrong_values", "item 1.layer: got")
    assert "tolerance" not in result.message  # a layer is compared exactly, not as a measurement


# ---------------------------------------------------------------------------------------- 04.score_candidate


def _ablate(act, r):
    r_hat = (r / r.norm()).to(act.dtype)
    return act - (act @ r_hat)[..., None] * r_hat


def _scores(model, prompts, fwd_hooks=()):
    return metrics.refusal_scores(model, prompts, fwd_hooks=fwd_hooks, progress=False)


def _learner_score(
    model, direction, layer, harmful_val, harmless_val, batch_size=32, *, mistake=None, leak=False
):
    """A learner's score_candidate, written with its own hooks (hook names by hand, not ablation_hooks)."""
    r = direction.double()
    if r.norm() == 0:
        return math.nan, math.nan, math.nan
    names = [
        f"blocks.{i}.hook_{k}" for i in range(model.n_layers) for k in ("resid_pre", "attn_out", "mlp_out")
    ]
    if mistake == "one layer":
        names = [resid_hook_name(layer)]
    ablation = [(name, lambda act, hook=None: _ablate(act, r)) for name in names]
    vector = r / r.norm() if mistake == "unit" else r
    add_at = layer + 1 if mistake == "layer + 1" else layer
    if add_at >= model.n_layers:
        add_at = layer
    addition = [(resid_hook_name(add_at), lambda act, hook=None: act + vector.to(act.dtype))]
    if leak:
        model.bridge.add_hook(resid_hook_name(0), lambda act, hook=None: act)
    bypass = _scores(model, harmful_val, ablation).mean().item()
    induce = _scores(model, harmless_val, addition).mean().item()
    clean = metrics.last_position_logits(model, harmless_val, progress=False)
    ablated = metrics.last_position_logits(model, harmless_val, fwd_hooks=ablation, progress=False)
    p, q = (ablated, clean) if mistake == "kl swapped" else (clean, ablated)
    kl = torch.nn.functional.kl_div(
        q.double().log_softmax(-1), p.double().log_softmax(-1), log_target=True, reduction="none"
    ).sum(-1)
    return bypass, induce, kl.mean().item()


def test_score_candidate_accepts_a_solution_with_its_own_hooks(tiny_model, capsys):
    assert check("04.score_candidate", _learner_score, model=tiny_model).passed


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ("kl swapped", "your KL is KL(ablated || clean)"),
        ("unit", "induce: you added the UNIT direction"),
        ("layer + 1", "induce: you added r at block layer + 1"),
        ("one layer", "you ablated only at the input of block `layer`"),
    ],
)
def test_score_candidate_names_each_wrong_solution(tiny_model, mistake, diagnosis, capsys):
    def wrong(**case):
        return _learner_score(**case, mistake=mistake)

    result = check("04.score_candidate", wrong, model=tiny_model)
    assert result.status == "alternative" and diagnosis in result.message, result.message


def test_score_candidate_catches_a_leaked_hook(tiny_model, capsys):
    def leaky(**case):
        return _learner_score(**case, leak=True)

    try:
        result = check("04.score_candidate", leaky, model=tiny_model)
    finally:
        tiny_model.bridge.reset_hooks()
    assert result.status == "hook_leak", result.message


# --------------------------------------------------------------------------------------------------------------
# 04.filter_candidates: the layer rule and the order of the rules
# --------------------------------------------------------------------------------------------------------------
def _learner_filter(
    table, n_layers, *, kl_threshold=0.1, max_layer_frac=0.8, induce_threshold=0.0, mistake=None
):
    """A learner's filter_candidates: a loop with if/elif in the docstring's order (or a mistake)."""
    cut = int(max_layer_frac * n_layers) if mistake == "int" else max_layer_frac * n_layers
    rules = {
        "nan": lambda r: "NaN score" if math.isnan(r.bypass + r.induce + r.kl) else None,
        "deep": lambda r: "too deep" if r.layer >= cut else None,
        "kl": lambda r: "KL too high" if r.kl > kl_threshold else None,
        "induce": lambda r: "does not induce" if r.induce < induce_threshold else None,
    }
    order = {
        "kl first": ["nan", "kl", "deep", "induce"],
        "induce first": ["nan", "deep", "induce", "kl"],
    }.get(mistake, ["nan", "deep", "kl", "induce"])
    out = []
    for row in table:
        reasons = [rules[name](row) for name in order]
        out.append(replace(row, discarded=next((why for why in reasons if why), None)))
    alive = [r for r in out if r.discarded is None]
    if mistake == "highest":
        winner = max(alive, key=lambda r: r.bypass, default=None)
    else:
        winner = min(alive, key=lambda r: r.bypass, default=None)
    return [r if r is winner or r.discarded else replace(r, discarded="higher bypass") for r in out]


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ("int", "you cut at int(max_layer_frac * n_layers)"),
        ("kl first", "you checked KL before depth"),
        ("induce first", "you checked induce before KL"),
        ("highest", "you chose the HIGHEST bypass score"),
    ],
)
def test_filter_candidates_names_each_wrong_solution(mistake, diagnosis, capsys):
    def wrong(table, n_layers, **kw):
        return _learner_filter(table, n_layers, **kw, mistake=mistake)

    result = check("04.filter_candidates", wrong)
    assert result.status == "alternative" and diagnosis in result.message, result.message


def test_filter_candidates_accepts_a_loop_solution(capsys):
    assert check("04.filter_candidates", _learner_filter).passed


def test_released_code_layer_rule_would_drop_layer_4_of_6():
    """The paper's text keeps layer 4 of L = 6 (4 < 4.8); the released code's int(0.8 * 6) = 4 drops it."""
    assert 4 < 0.8 * 6 and not 4 < int(0.8 * 6)


# ------------------------------------------------------------------------------------------ every exercise

CHAPTER_04 = ["04.refusal_score", "04.kl_div", "04.filter_candidates"]


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
}
WRONG = {  # plausible wrong answers that no named mistake describes: the check must still fail
    "04.refusal_score": lambda logits, refusal_token_ids: _refusal_score_numpy(logits, refusal_token_ids[:1]),
    "04.kl_div": lambda clean_logits, other_logits: (
        (clean_logits.double() - other_logits.double()).pow(2).sum(-1)
    ),
    "04.filter_candidates": lambda table, n_layers, **kw: list(table),
}


@pytest.mark.parametrize("exercise_id", CHAPTER_04)
def test_reference_and_an_independent_solution_pass(exercise_id, capsys):
    expect_pass(exercise_id, get(exercise_id).reference)
    expect_pass(exercise_id, INDEPENDENT[exercise_id])


@pytest.mark.parametrize("exercise_id", CHAPTER_04)
def test_wrong_answers_fail(exercise_id, capsys):
    assert not check(exercise_id, WRONG[exercise_id]).passed
    assert_not_attempted(exercise_id)


@pytest.mark.parametrize("exercise_id", CHAPTER_04)
def test_each_named_mistake_is_diagnosed_by_name(exercise_id, capsys):
    assert_mistakes_named(exercise_id, at_least=2)
