"""Chapter 04 (the refusal direction): checked exercises. References: `course_utils.metrics.refusal_score`,
`course_utils.metrics.kl_div` and `course_utils.directions.filter_candidates`.

The difference of means itself is exercise 02.diff_of_means (chapter 04 applies it to every position and layer).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import torch

from course_utils import directions, metrics
from course_utils.directions import CandidateScore
from course_utils.exercises.registry import Case, Exercise, register

VOCAB = 40


# --------------------------------------------------------------------------------------------------------------
# 04.refusal_score
# --------------------------------------------------------------------------------------------------------------
def _refusal_score_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """Random logits of different scales; one row where a refusal token is almost certain (P close to 1)."""
    sure = torch.randn(3, VOCAB)
    sure[0, 5] = 25.0
    return [
        dict(logits=2.0 * torch.randn(4, VOCAB), refusal_token_ids=[3]),
        dict(logits=torch.randn(5, VOCAB), refusal_token_ids=[7, 2, 30]),
        dict(logits=sure, refusal_token_ids=[5, 6]),
    ]


def _p(logits: torch.Tensor, ids: list[int], dim: int = -1) -> torch.Tensor:
    return torch.softmax(logits.double(), dim=dim)[:, ids].sum(-1)


def _log_odds(p: torch.Tensor) -> torch.Tensor:
    return torch.log(p + 1e-8) - torch.log(1 - p + 1e-8)


register(
    Exercise(
        id="04.refusal_score",
        reference=metrics.refusal_score,
        title="The refusal score: log-odds of starting a refusal",
        difficulty=1,
        importance=5,
        minutes=8,
        hints=(
            "The score is the log-odds of starting a refusal: first the probability P of any refusal token, in float64.",
            "P = sum of softmax probabilities of the refusal ids at the last position; return log(P + eps) minus log(1 - P + eps) with the epsilon of the docstring.",
        ),
        cases=_refusal_score_cases,
        alternatives={
            "you returned log P; the score is the log-odds log(P) - log(1 - P)": (
                lambda logits, refusal_token_ids: torch.log(_p(logits, refusal_token_ids) + 1e-8)
            ),
            "you returned the probability P itself; the score is its log-odds log(P) - log(1 - P)": (
                lambda logits, refusal_token_ids: _p(logits, refusal_token_ids)
            ),
            "you took the softmax over the batch (dim=0); it must run over the vocabulary (dim=-1)": (
                lambda logits, refusal_token_ids: _log_odds(_p(logits, refusal_token_ids, dim=0))
            ),
            "you used the largest refusal-token probability; P is the SUM over the refusal tokens": (
                lambda logits, refusal_token_ids: _log_odds(
                    torch.softmax(logits.double(), -1)[:, refusal_token_ids].max(-1).values
                )
            ),
            "you left out the epsilon of the docstring: where a refusal is almost certain, 1 - P is tiny and log(1 - P)"
            " alone runs off towards -inf, so the score needs the same small constant inside both logs": (
                lambda logits, refusal_token_ids: (lambda p: torch.log(p) - torch.log(1 - p))(
                    _p(logits, refusal_token_ids)
                )
            ),
            "you clamped P to [eps, 1 - eps] (torch.logit's eps); the docstring adds the epsilon inside both logs,"
            " log(P + eps) - log(1 - P + eps), which differs where a refusal is almost certain": (
                lambda logits, refusal_token_ids: torch.logit(_p(logits, refusal_token_ids), eps=1e-8)
            ),
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 04.kl_div
# --------------------------------------------------------------------------------------------------------------
def _kl_cases(ctx: Mapping[str, Any]) -> list[Case]:
    clean = 2.0 * torch.randn(4, VOCAB)
    return [
        dict(clean_logits=clean, other_logits=clean + 0.7 * torch.randn(4, VOCAB)),
        dict(clean_logits=3.0 * torch.randn(3, VOCAB), other_logits=torch.randn(3, VOCAB)),
    ]


def _kl(p_logits: torch.Tensor, q_logits: torch.Tensor) -> torch.Tensor:
    log_p, log_q = torch.log_softmax(p_logits.double(), -1), torch.log_softmax(q_logits.double(), -1)
    return (log_p.exp() * (log_p - log_q)).sum(-1)


register(
    Exercise(
        id="04.kl_div",
        reference=metrics.kl_div,
        title="How much an intervention changes the next-token distribution",
        difficulty=2,
        importance=4,
        minutes=10,
        hints=(
            "KL is an average of log-ratios under ONE distribution: which one is the reference here?",
            "Work with float64 log-softmax of both logits; weight the difference (clean minus other) by the clean probabilities and sum over the vocabulary.",
        ),
        cases=_kl_cases,
        alternatives={
            "you computed KL(P_other || P_clean); the clean distribution is the reference: sum p_clean log(p_clean/p_other)": (
                lambda clean_logits, other_logits: _kl(other_logits, clean_logits)
            ),
            "you averaged over the vocabulary; KL is a SUM over tokens": (
                lambda clean_logits, other_logits: _kl(clean_logits, other_logits) / clean_logits.shape[-1]
            ),
            "you used raw logits as log-probabilities; apply log_softmax first": (
                lambda clean_logits, other_logits: (
                    clean_logits.double().exp() * (clean_logits.double() - other_logits.double())
                ).sum(-1)
            ),
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 04.filter_candidates
# --------------------------------------------------------------------------------------------------------------
def _row(
    layer: int, bypass: float, induce: float = 1.0, kl: float = 0.02, pos_index: int = 0
) -> CandidateScore:
    return CandidateScore(pos_index, pos_index - 2, layer, bypass, induce, kl)


def _filter_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """One table with every kind of row; one where the best bypass is too deep; one where nothing survives."""
    mixed = [
        _row(0, math.nan, math.nan, math.nan),
        _row(1, -2.0, induce=0.5),
        _row(6, -2.5, induce=3.0),
        _row(3, -6.0, kl=0.4),  # KL too high
        _row(4, -5.0, induce=-1.0),  # does not induce
        _row(5, -4.0, pos_index=1),  # the winner
        _row(7, -3.0, kl=0.1, induce=0.0, pos_index=1),  # on both thresholds: kept
        _row(8, -9.0),  # 8 >= 0.8 * 10: too deep
        _row(
            9, -1.0, kl=0.5, induce=-2.0
        ),  # too deep AND KL too high AND does not induce: "too deep" (order)
        _row(2, -1.5, kl=0.3, induce=-2.0),  # KL too high AND does not induce: "KL too high" (order)
    ]
    deep_best = [_row(2, -1.0), _row(3, -2.0), _row(4, -8.0)]  # 4 >= 0.8 * 5
    none_left = [_row(1, math.nan), _row(2, -3.0, kl=0.5), _row(3, -3.0, induce=-0.1)]
    # L = 6 (the organism): the paper's text drops layer >= 4.8 (layer 5 only); int(0.8 * 6) = 4 would drop layer 4
    six = [_row(1, -1.0), _row(2, -2.0), _row(3, -2.5), _row(4, -4.0), _row(5, -6.0)]
    return [
        dict(table=mixed, n_layers=10),
        dict(table=six, n_layers=6),
        dict(table=deep_best, n_layers=5),
        dict(table=none_left, n_layers=10),
        dict(table=mixed, n_layers=10, kl_threshold=0.5, induce_threshold=-2.0),
    ]


def _pick(
    table: list[CandidateScore], n_layers: int, best: Any, frac: float = 0.8, **kw: Any
) -> list[CandidateScore]:
    """filter_candidates with a different winner rule (`best(survivor_rows) -> row`) or layer fraction."""
    rows = directions.filter_candidates(table, n_layers, max_layer_frac=frac, **kw)
    survivors = [i for i, r in enumerate(rows) if r.discarded in (None, "higher bypass")]
    if not survivors:
        return rows
    win = best([rows[i] for i in survivors])
    return [
        replace(r, discarded=None if r is win else "higher bypass") if i in survivors else r
        for i, r in enumerate(rows)
    ]


register(
    Exercise(
        id="04.filter_candidates",
        reference=directions.filter_candidates,
        title="The paper's filters, and the winner",
        difficulty=3,
        importance=4,
        minutes=15,
        hints=(
            "Apply the rules in the docstring's order; a candidate is discarded by the first rule it fails.",
            "Record the failing rule's reason for each discarded row; among the survivors, the lowest bypass score keeps no reason and every other survivor gets 'higher bypass'.",
        ),
        cases=_filter_cases,
        alternatives={
            "you chose the HIGHEST bypass score; the best direction makes the harmful refusal score LOWEST": (
                lambda table, n_layers, **kw: _pick(
                    table, n_layers, lambda rows: max(rows, key=lambda r: r.bypass), **kw
                )
            ),
            "you chose the highest induce score; the winner is the survivor with the lowest bypass score": (
                lambda table, n_layers, **kw: _pick(
                    table, n_layers, lambda rows: max(rows, key=lambda r: r.induce), **kw
                )
            ),
            "you kept layer == max_layer_frac * n_layers; discard layer >= max_layer_frac * n_layers": (
                lambda table, n_layers, **kw: _pick(
                    table, n_layers, lambda rows: min(rows, key=lambda r: r.bypass), frac=0.8 + 1e-9, **kw
                )
            ),
            "you cut at int(max_layer_frac * n_layers), as the authors' released code does; the paper's text, used "
            "here, discards layer >= max_layer_frac * n_layers (with L = 6 it keeps layer 4)": (
                lambda table, n_layers, **kw: _filter_variant(table, n_layers, layer_rule="int", **kw)
            ),
            "rules out of order: a row failing several gets the reason of the FIRST (NaN, too deep, KL, induce); "
            "you checked KL before depth": (
                lambda table, n_layers, **kw: _filter_variant(
                    table, n_layers, order=("nan", "kl", "deep", "induce"), **kw
                )
            ),
            "rules out of order: a row failing several gets the reason of the FIRST (NaN, too deep, KL, induce); "
            "you checked induce before KL": (
                lambda table, n_layers, **kw: _filter_variant(
                    table, n_layers, order=("nan", "deep", "induce", "kl"), **kw
                )
            ),
        },
    )
)


def _reason(
    row: CandidateScore, n_layers: int, order: tuple[str, ...], layer_rule: str, kw: Mapping
) -> str | None:
    """The first failing rule, checking in `order`; `layer_rule` "text" (layer >= f L) or "int" (>= int(f L))."""
    frac = kw.get("max_layer_frac", 0.8)
    limit = int(frac * n_layers) if layer_rule == "int" else frac * n_layers
    fails = {
        "nan": any(math.isnan(v) for v in (row.bypass, row.induce, row.kl)),
        "deep": row.layer >= limit,
        "kl": row.kl > kw.get("kl_threshold", 0.1),
        "induce": row.induce < kw.get("induce_threshold", 0.0),
    }
    names = {"nan": "NaN score", "deep": "too deep", "kl": "KL too high", "induce": "does not induce"}
    return next((names[rule] for rule in order if fails[rule]), None)


def _filter_variant(
    table: list[CandidateScore],
    n_layers: int,
    *,
    order: tuple[str, ...] = ("nan", "deep", "kl", "induce"),
    layer_rule: str = "text",
    **kw: Any,
) -> list[CandidateScore]:
    """filter_candidates with the rules checked in another order or the layer cut computed another way."""
    rows = [replace(r, discarded=_reason(r, n_layers, order, layer_rule, kw)) for r in table]
    survivors = [i for i, r in enumerate(rows) if r.discarded is None]
    best = min(survivors, key=lambda i: rows[i].bypass, default=None)
    return [
        r if i == best or r.discarded else replace(r, discarded="higher bypass") for i, r in enumerate(rows)
    ]


# --------------------------------------------------------------------------------------------------------------
# 04.score_candidate
# --------------------------------------------------------------------------------------------------------------
def _score_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """Four validation prompts per class (CPU-cheap); random candidates with norms far from 1; first and last layer;
    a zero candidate (NaN scores)."""
    from course_utils.data import load_instructions

    model = ctx["model"]
    harmful, harmless = load_instructions("harmful", "val")[:4], load_instructions("harmless", "val")[:4]
    d, last = model.d_model, model.n_layers - 1
    common = dict(model=model, harmful_val=harmful, harmless_val=harmless)
    return [
        dict(**common, direction=0.6 * torch.randn(d, dtype=torch.float64), layer=max(1, last // 2)),
        dict(**common, direction=0.3 * torch.randn(d, dtype=torch.float64), layer=last),
        dict(**common, direction=0.5 * torch.randn(d, dtype=torch.float64), layer=0),
        dict(**common, direction=torch.zeros(d, dtype=torch.float64), layer=1),
    ]


def _score_variant(
    model: Any,
    direction: torch.Tensor,
    layer: int,
    harmful_val: list[str],
    harmless_val: list[str],
    batch_size: int = 32,
    *,
    add: str = "raw",
    add_layer: int = 0,
    ablate: str = "everywhere",
    kl_swapped: bool = False,
    prompts_swapped: bool = False,
) -> tuple[float, float, float] | None:
    """score_candidate with one ingredient changed (the named mistakes); None when it does not apply."""
    from course_utils.hooks import resid_hook_name
    from course_utils.interventions import ablate as ablate_fn
    from course_utils.interventions import ablation_hooks, addition_hooks

    r = direction.double()
    if float(r.norm()) == 0 or not 0 <= layer + add_layer < model.n_layers:
        return None
    harmful, harmless = (harmless_val, harmful_val) if prompts_swapped else (harmful_val, harmless_val)
    if ablate == "everywhere":
        ablation = ablation_hooks(model, r)
    else:  # only the input of block `layer`
        ablation = [(resid_hook_name(layer), lambda act, hook=None: ablate_fn(act, r.to(act.dtype)))]
    vector = {"raw": r, "unit": r / r.norm(), "minus": -r}[add]
    kw = dict(batch_size=batch_size, progress=False)
    bypass = metrics.refusal_scores(model, harmful, fwd_hooks=ablation, **kw).mean()
    induce = metrics.refusal_scores(
        model, harmless, fwd_hooks=addition_hooks(model, vector, layer + add_layer), **kw
    ).mean()
    clean = metrics.last_position_logits(model, harmless_val, **kw)
    ablated = metrics.last_position_logits(model, harmless_val, fwd_hooks=ablation, **kw)
    kl = metrics.kl_div(ablated, clean) if kl_swapped else metrics.kl_div(clean, ablated)
    return float(bypass), float(induce), float(kl.mean())


register(
    Exercise(
        id="04.score_candidate",
        reference=directions.score_candidate,
        title="Score one candidate: bypass, induce, KL",
        difficulty=3,
        importance=5,
        minutes=20,
        hints=(
            "Three questions, three interventions: ablate everywhere on harmful prompts, add at `layer` on "
            "harmless prompts, ablate everywhere on harmless prompts and compare with no intervention.",
            "Build the hooks with ablation_hooks / addition_hooks, get refusal scores or last-position logits "
            "with the metrics helpers, average over prompts, KL with the clean logits as the reference; a zero "
            "candidate has no direction: return three NaNs.",
        ),
        cases=_score_cases,
        alternatives={
            "your KL is KL(ablated || clean); the clean distribution is the reference: KL(P_clean || P_ablated)": (
                lambda **case: _score_variant(**case, kl_swapped=True)
            ),
            "induce: you added the UNIT direction; activation addition adds the raw difference of means r, whose "
            "length is the distance between the class means": lambda **case: _score_variant(
                **case, add="unit"
            ),
            "induce: you subtracted the direction; adding +r should make harmless prompts refused": (
                lambda **case: _score_variant(**case, add="minus")
            ),
            "induce: you added r at block layer + 1 (that is resid_post of `layer`); the candidate was read at "
            "resid_pre of `layer`, so add it there": lambda **case: _score_variant(**case, add_layer=1),
            "bypass and induce are on the wrong prompts: bypass ablates on the HARMFUL prompts, induce adds on "
            "the HARMLESS ones": lambda **case: _score_variant(**case, prompts_swapped=True),
            "you ablated only at the input of block `layer`; the paper ablates every write to the residual "
            "stream, at every layer (ablation_hooks)": lambda **case: _score_variant(
                **case, ablate="one layer"
            ),
        },
        atol=1e-9,  # KL values can be ~1e-5: a swapped KL must not pass on absolute tolerance
        rtol=1e-5,
        requires=("model",),
    )
)
