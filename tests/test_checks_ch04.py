"""Chapter 04 checks (the existing exercises: refusal score, KL, filtering candidates) coach a learner: named wrong
solutions get their diagnosis, solutions written differently from the reference pass."""

from __future__ import annotations

import math
from dataclasses import replace

import torch
import torch.nn.functional as F
from checks_helpers import expect, expect_pass

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
    result = expect(ex, unfiltered, "wrong_values", "item 0")
    assert "table (10 items), n_layers=10" in result.message
