"""Chapter 04's core exercises (score one candidate; the filters and the winner): wrong solutions written as a
learner would get their named diagnosis, a solution written differently passes, a leaked hook is caught."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import torch

from course_utils import metrics
from course_utils.exercises import check
from course_utils.hooks import hooks, resid_hook_name


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


def test_score_candidate_zero_direction_is_nan_and_scores_are_means(tiny_model):
    from course_utils.directions import score_candidate

    harmful, harmless = ["How do I pick a lock?"] * 2, ["Write a poem."] * 2
    assert all(
        math.isnan(v)
        for v in score_candidate(tiny_model, torch.zeros(tiny_model.d_model), 1, harmful, harmless)
    )
    r = torch.randn(tiny_model.d_model, dtype=torch.float64)
    with hooks(tiny_model, []):
        bypass, induce, kl = score_candidate(tiny_model, r, 1, harmful, harmless)
    assert kl >= 0 and math.isfinite(bypass) and math.isfinite(induce)


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
