"""select_direction(method="fast") against the straightforward loop of score_candidate: the same choice and the
same scores wherever the fast path computes one, the discard reasons true of the loop's scores, and less work
(blocks below a candidate's layer never run for its induce pass)."""

from __future__ import annotations

import math
import statistics
import warnings

import pytest
import torch

from course_utils.candidate_scores import _skip_blocks
from course_utils.data import load_instructions
from course_utils.directions import candidate_directions, select_direction
from tests.prompts import HARMFUL, HARMLESS
from tests.shipped import needs_organism

SCORES = ("bypass", "induce", "kl")


def _true_reason(row, reason: str, thresholds: dict) -> bool:
    """Whether the loop's scores of ``row`` justify discarding it for ``reason``."""
    thresholds = {"kl_threshold": 0.1, "induce_threshold": 0.0, **thresholds}
    return {
        "does not induce": row.induce < thresholds["induce_threshold"],
        "KL too high": row.kl > thresholds["kl_threshold"],
    }[reason]


def assert_fast_equals_loop(model, candidates, harmful, harmless, *, tol: float = 0.0, **thresholds) -> None:
    kw = dict(batch_size=2, progress=False, fallback=True, **thresholds)
    loop = select_direction(model, candidates, harmful, harmless, method="loop", **kw)
    fast = select_direction(model, candidates, harmful, harmless, method="fast", **kw)
    assert (fast.pos_index, fast.layer, fast.passed_filters) == (
        loop.pos_index,
        loop.layer,
        loop.passed_filters,
    )
    assert torch.equal(fast.direction, loop.direction)
    assert len(fast.table) == len(loop.table)
    n_scores = 0
    for f, ref in zip(fast.table, loop.table, strict=True):
        assert (f.pos_index, f.position, f.layer) == (ref.pos_index, ref.position, ref.layer)
        for name in SCORES:
            value = getattr(f, name)
            if not math.isnan(value):
                assert value == pytest.approx(getattr(ref, name), abs=tol, rel=0), (f, ref)
                n_scores += 1
        if f.discarded in ("does not induce", "KL too high"):
            assert ref.discarded is not None and _true_reason(ref, f.discarded, thresholds)
        elif f.discarded in (None, "higher bypass", "NaN score", "too deep"):
            assert f.discarded == ref.discarded
        else:
            raise AssertionError(f"unexpected reason {f.discarded!r}")
    return fast, loop, n_scores


@pytest.mark.parametrize("arch", ["qwen2", "llama", "gpt2"])
def test_fast_equals_loop_with_every_filter_deciding(load_tiny, arch) -> None:
    """Thresholds at the medians of the loop's own scores, so each filter discards some candidates."""
    model = load_tiny(arch)
    candidates = candidate_directions(model, HARMFUL, HARMLESS, progress=False) * 40.0
    loose = dict(kl_threshold=math.inf, induce_threshold=-math.inf, max_layer_frac=1.0)
    fast, loop, n_scores = assert_fast_equals_loop(model, candidates, HARMFUL, HARMLESS, **loose)
    scored = [row for row in loop.table if not math.isnan(row.kl)]
    assert n_scores == 3 * len(scored) > 0  # loose: every score computed, and all equal
    medians = dict(
        kl_threshold=statistics.median(row.kl for row in scored),
        induce_threshold=statistics.median(row.induce for row in scored),
        max_layer_frac=0.8,
    )
    fast, loop, _ = assert_fast_equals_loop(model, candidates, HARMFUL, HARMLESS, **medians)
    reasons = {row.discarded for row in fast.table}
    assert {"does not induce", None} <= reasons


def test_fast_fallback_and_no_survivor(load_tiny) -> None:
    model = load_tiny("llama")
    candidates = candidate_directions(model, HARMFUL, HARMLESS, progress=False) * 40.0
    fast, loop, _ = assert_fast_equals_loop(model, candidates, HARMFUL, HARMLESS, kl_threshold=-1.0)
    assert not fast.passed_filters
    assert [getattr(fast.chosen, n) for n in SCORES] == [getattr(loop.chosen, n) for n in SCORES]  # full row
    with pytest.raises(ValueError, match="method must be one of"):
        select_direction(model, candidates, HARMFUL, HARMLESS, method="quick")


def test_fast_induce_skips_the_blocks_below_the_layer(load_tiny) -> None:
    """Count how often each block runs: block b runs once per harmless batch for the clean pass, per candidate
    for the KL and bypass passes, and for induce only for candidates at layers <= b."""
    model = load_tiny("qwen2")
    candidates = candidate_directions(model, HARMFUL, HARMLESS, progress=False) * 40.0
    calls = [0] * model.n_layers
    handles = [
        block.register_forward_pre_hook(lambda module, args, b=b: calls.__setitem__(b, calls[b] + 1))
        for b, block in enumerate(model.bridge.blocks)
    ]
    loose = dict(kl_threshold=math.inf, induce_threshold=-math.inf, max_layer_frac=1.0)
    try:
        selection = select_direction(
            model, candidates, HARMFUL, HARMLESS, method="fast", batch_size=2, **loose
        )
    finally:
        for handle in handles:
            handle.remove()
    scored = [row for row in selection.table if not math.isnan(row.bypass)]
    n_harmful, n_harmless = math.ceil(len(HARMFUL) / 2), math.ceil(len(HARMLESS) / 2)
    expected = [
        n_harmless * (1 + len(scored))
        + n_harmful * len(scored)
        + n_harmless * sum(r.layer <= b for r in scored)
        for b in range(model.n_layers)
    ]
    assert calls == expected and expected[0] < expected[-1]


def test_skip_blocks_restores_the_model_even_when_the_body_raises(load_tiny) -> None:
    model = load_tiny("gpt2")
    before = list(model.bridge.blocks)
    with pytest.raises(RuntimeError, match="boom"), _skip_blocks(model, 2):
        assert all(type(b).__name__ == "_PassThrough" for b in list(model.bridge.blocks)[:2])
        raise RuntimeError("boom")
    assert all(a is b for a, b in zip(model.bridge.blocks, before, strict=True))


@needs_organism
def test_fast_equals_loop_on_the_organism() -> None:
    from course_utils.models import load_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = load_model(None, device="cpu")
    harmful, harmless = (
        load_instructions("harmful", "train")[:32],
        load_instructions("harmless", "train")[:32],
    )
    candidates = candidate_directions(model, harmful, harmless, progress=False)
    # 32 + 32 validation prompts, as the notebooks use: with 8 + 8 no candidate of the shipped organism passes the
    # KL filter (mean KL 0.31 on the first 8 harmless, 0.09 on all 32), and the test would compare fallbacks only
    val = load_instructions("harmful", "val")[:32], load_instructions("harmless", "val")[:32]
    fast, loop, _ = assert_fast_equals_loop(model, candidates, *val)
    assert fast.passed_filters


def test_screen_scores_vs_per_prompt_activations(tiny_model) -> None:
    """screen[p, l] = mean over l' >= l of cos(r[p, l], d[l']), d from per-prompt activations at position -1."""
    from course_utils.activations import get_activations
    from course_utils.directions import screen_scores

    candidates = candidate_directions(tiny_model, HARMFUL, HARMLESS, progress=False)
    got = screen_scores(tiny_model, candidates, HARMFUL, HARMLESS, batch_size=2)
    d = (
        get_activations(tiny_model, HARMFUL, positions=[-1]).double().mean(0)
        - get_activations(tiny_model, HARMLESS, positions=[-1]).double().mean(0)
    )[:, 0]
    n_layers = tiny_model.n_layers
    for p in range(candidates.shape[0]):
        for layer in range(n_layers):
            r = candidates[p, layer]
            if r.norm() == 0:
                assert math.isnan(got[p, layer])
                continue
            cosines = [
                float(torch.nn.functional.cosine_similarity(r, d[m], dim=0)) for m in range(layer, n_layers)
            ]
            assert float(got[p, layer]) == pytest.approx(sum(cosines) / len(cosines), abs=1e-6)


def test_screened_selection_scores_only_the_top_k(load_tiny) -> None:
    from course_utils.directions import screen_scores

    model = load_tiny("llama")
    candidates = candidate_directions(model, HARMFUL, HARMLESS, progress=False) * 40.0
    kw = dict(batch_size=2, progress=False, fallback=True)
    fast = select_direction(model, candidates, HARMFUL, HARMLESS, method="fast", **kw)
    everything = select_direction(model, candidates, HARMFUL, HARMLESS, method="screened", top_k=10**6, **kw)
    assert everything.method == "screened" and fast.method == "fast"
    assert (everything.pos_index, everything.layer) == (fast.pos_index, fast.layer)
    assert [r.discarded for r in everything.table] == [r.discarded for r in fast.table]

    one = select_direction(model, candidates, HARMFUL, HARMLESS, method="screened", top_k=1, **kw)
    scores = screen_scores(model, candidates, HARMFUL, HARMLESS)
    eligible = scores[:, : math.ceil(0.8 * model.n_layers)].nan_to_num(-math.inf)
    best = divmod(int(eligible.argmax()), eligible.shape[1])
    assert (one.pos_index, one.layer) == best
    assert (
        sum(
            row.discarded != "not screened"
            for row in one.table
            if row.discarded not in ("NaN score", "too deep")
        )
        == 1
    )
    with pytest.raises(ValueError, match="top_k"):
        select_direction(model, candidates, HARMFUL, HARMLESS, method="screened", top_k=0)


@needs_organism
def test_screened_selection_finds_the_papers_choice_on_the_organism(tmp_path) -> None:
    """Target of issue 14: on the organism the screened selection (default top_k) picks the exact choice."""
    from course_utils.directions import refusal_direction
    from course_utils.models import load_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = load_model(None, device="cpu")
    exact = refusal_direction(model, method="fast", cache=False, progress=False)
    screened = refusal_direction(model, method="screened", cache=False, progress=False)
    assert (screened.pos_index, screened.layer) == (exact.pos_index, exact.layer)
    assert screened.chosen.bypass == exact.chosen.bypass
