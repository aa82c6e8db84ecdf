"""Chapter 07 checks (token gradients, one GCG step, the GCG loop, head attribution, attention mass) coach a
learner: named wrong solutions get their diagnosis, solutions written differently from the reference pass."""

from __future__ import annotations

import pytest
import torch
from checks_helpers import assert_mistakes_named, expect, expect_pass

from course_utils import gcg
from course_utils.exercises import check, get
from course_utils.gcg import gcg_step

# ---------------------------------------------------------------------------------------- 07.token_gradients


def gradients_by_backward(one_hot_loss, suffix_ids: torch.Tensor, vocab_size: int) -> torch.Tensor:
    """Correct, written differently: a one-hot built by scatter, gradient by .backward()."""
    one_hot = torch.zeros(len(suffix_ids), vocab_size)
    one_hot[torch.arange(len(suffix_ids)), suffix_ids] = 1.0
    one_hot.requires_grad_(True)
    with torch.enable_grad():
        one_hot_loss(one_hot).backward()
    return one_hot.grad


def test_token_gradients() -> None:
    ex = "07.token_gradients"
    expect_pass(ex, gradients_by_backward)
    ascent = lambda one_hot_loss, suffix_ids, vocab_size: (
        -gradients_by_backward(one_hot_loss, suffix_ids, vocab_size)
    )
    expect(ex, ascent, "sign_flipped", "sign flipped")
    at_tokens = lambda one_hot_loss, suffix_ids, vocab_size: gradients_by_backward(
        one_hot_loss, suffix_ids, vocab_size
    ).gather(1, suffix_ids[:, None])
    expect(ex, at_tokens, "wrong_shape", "got (5, 1), expected (5, 40)")
    double = lambda one_hot_loss, suffix_ids, vocab_size: gradients_by_backward(
        one_hot_loss, suffix_ids, vocab_size
    ).double()
    expect(ex, double, "wrong_dtype", "got torch.float64, expected torch.float32")
    per_row = lambda one_hot_loss, suffix_ids, vocab_size: torch.nn.functional.normalize(
        gradients_by_backward(one_hot_loss, suffix_ids, vocab_size), dim=-1
    )
    expect(ex, per_row, "wrong_values", "wrong values")  # normalising each row (as some GCG code does)


# ------------------------------------------------------------------------------------------------ 07.gcg_step


def step_spelled_out(objective, suffix_ids, current_loss, allowed, top_k, n_candidates, seed):
    """Correct, written differently: the disallowed tokens get -inf in -grad, then the same sampling and scoring."""
    scores = -gcg.token_gradients(objective.one_hot_loss, suffix_ids, allowed.shape[0])
    scores[:, ~allowed] = -float("inf")
    top_ids = scores.topk(top_k, dim=1).indices
    candidates = gcg.sample_candidates(suffix_ids, top_ids, n_candidates, torch.Generator().manual_seed(seed))
    candidates = objective.keep_valid(candidates)
    if len(candidates) == 0:
        return suffix_ids, current_loss
    losses = objective.batch_loss(candidates)
    best = int(torch.argmin(losses))
    return (
        (candidates[best], float(losses[best])) if losses[best] < current_loss else (suffix_ids, current_loss)
    )


def _variant(**change):
    def learner(objective, suffix_ids, current_loss, allowed, top_k, n_candidates, seed):
        grad = gcg.token_gradients(objective.one_hot_loss, suffix_ids, allowed.shape[0])
        sign = change.get("sign", -1.0)
        if change.get("mask", True):
            grad = grad.masked_fill(~allowed, -sign * float("inf"))
        top_ids = (sign * grad).topk(top_k, dim=1).indices
        candidates = gcg.sample_candidates(
            suffix_ids, top_ids, n_candidates, torch.Generator().manual_seed(seed)
        )
        if change.get("validate", True):
            candidates = objective.keep_valid(candidates)
        losses = objective.batch_loss(candidates)
        best = int(losses.argmin())
        if change.get("keep", True) and float(losses[best]) >= current_loss:
            return suffix_ids, current_loss
        return candidates[best], float(losses[best])

    return learner


def test_gcg_step() -> None:
    ex = "07.gcg_step"
    expect_pass(ex, step_spelled_out)
    expect(ex, _variant(sign=1.0), "alternative", "top-k of +gradient")
    expect(ex, _variant(mask=False), "alternative", "did not exclude the disallowed tokens")
    expect(ex, _variant(validate=False), "alternative", "did not drop the invalid candidates")
    expect(ex, _variant(keep=False), "alternative", "worse than the current suffix")


# --------------------------------------------------------------------------------------------- 07.head_dfa


def dfa_by_matmul(z: torch.Tensor, W_O: torch.Tensor, direction: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: project W_O on r_hat first ([l, h, d_head]), then a product with z."""
    w_r = W_O @ torch.nn.functional.normalize(direction, dim=0)  # [layers, heads, d_head]
    return (z * w_r).sum(dim=-1)


def test_head_dfa() -> None:
    ex = "07.head_dfa"
    expect_pass(ex, dfa_by_matmul)
    raw = lambda z, W_O, direction: (z * (W_O @ direction)).sum(-1)
    expect(ex, raw, "alternative", "did not normalise the direction")
    ablated_sign = lambda z, W_O, direction: -dfa_by_matmul(z, W_O, direction)
    expect(ex, ablated_sign, "sign_flipped", "sign flipped")
    summed_heads = lambda z, W_O, direction: dfa_by_matmul(z, W_O, direction).sum(-1)
    expect(ex, summed_heads, "wrong_shape", "got (3,), expected (3, 4)")
    write_norm = lambda z, W_O, direction: torch.einsum("...lhd,lhdm->...lhm", z, W_O).norm(dim=-1)
    expect(ex, write_norm, "wrong_values", "wrong values")  # the size of the write, not its part along r


# ------------------------------------------------------------------------------------------ 07.attention_mass


def mass_by_where(pattern: torch.Tensor, key_mask: torch.Tensor, query: int = -1) -> torch.Tensor:
    """Correct, written differently: torch.where over the keys."""
    rows = pattern[:, :, query]  # [batch, heads, keys]
    return torch.where(key_mask[:, None, :], rows, torch.zeros_like(rows)).sum(-1)


def test_attention_mass() -> None:
    ex = "07.attention_mass"
    expect_pass(ex, mass_by_where)
    first = lambda pattern, key_mask, query=-1: mass_by_where(pattern, key_mask, 0)
    expect(ex, first, "alternative", "first query position")
    outside = lambda pattern, key_mask, query=-1: mass_by_where(pattern, ~key_mask, query)
    expect(ex, outside, "alternative", "OUTSIDE the mask")
    all_queries = lambda pattern, key_mask, query=-1: (pattern * key_mask[:, None, None, :]).sum(-1).mean(-1)
    expect(ex, all_queries, "wrong_values", "wrong values")
    over_heads = lambda pattern, key_mask, query=-1: mass_by_where(pattern, key_mask, query).mean(1)
    expect(ex, over_heads, "wrong_shape", "got (2,), expected (2, 3)")


# ---------------------------------------------------------------------------------------------------------------
# 07.gcg_search: the loop, on the toy objective of the exercises
# ---------------------------------------------------------------------------------------------------------------
def search_while(objective, suffix_ids, allowed, n_steps, top_k, n_candidates, seed, stop=None):
    """Right, written differently (the loop run_gcg had before gcg_search existed): a while loop with a counter."""
    generator = torch.Generator().manual_seed(seed)
    losses = [objective.batch_loss(suffix_ids[None]).tolist()[0]]
    steps = 0
    while steps < n_steps and not (stop and stop(suffix_ids, losses[-1])):
        step_seed = torch.randint(2**62, (1,), generator=generator).item()
        suffix_ids, loss = gcg_step(
            objective, suffix_ids, losses[-1], allowed, top_k, n_candidates, step_seed
        )
        losses.append(loss)
        steps += 1
    return suffix_ids, losses


def _search_wrong(objective, suffix_ids, allowed, n_steps, top_k, n_candidates, seed, stop=None, *, mistake):
    generator = torch.Generator().manual_seed(seed)
    first = suffix_ids
    losses = [float(objective.batch_loss(suffix_ids[None])[0])]
    for _ in range(n_steps):
        if stop is not None and mistake != "stop after" and stop(suffix_ids, losses[-1]):
            break
        if mistake == "same seed":
            step_seed = seed
        elif mistake == "generator in loop":
            step_seed = int(torch.randint(2**62, (1,), generator=torch.Generator().manual_seed(seed)))
        else:
            step_seed = int(torch.randint(2**62, (1,), generator=generator))
        start = first if mistake == "from the start" else suffix_ids
        suffix_ids, loss = gcg_step(objective, start, losses[-1], allowed, top_k, n_candidates, step_seed)
        losses.append(loss)
        if stop is not None and mistake == "stop after" and stop(suffix_ids, loss):
            break
    return suffix_ids, losses[1:] if mistake == "no start" else losses


@pytest.mark.parametrize(
    ("mistake", "diagnosis"),
    [
        ("same seed", "you passed the same `seed` to every step"),
        ("generator in loop", "you created the generator inside the loop"),
        ("no start", "losses must start with the loss of the starting suffix"),
        ("from the start", "every step started again from the initial suffix"),
        ("stop after", "you asked `stop` after the step"),
    ],
)
def test_gcg_search_names_each_wrong_loop(mistake, diagnosis, capsys):
    def wrong(**kwargs):
        return _search_wrong(**kwargs, mistake=mistake)

    result = check("07.gcg_search", wrong)
    assert result.status == "alternative" and diagnosis in result.message, result.message


def test_gcg_search_accepts_a_while_loop_and_its_losses_never_increase(capsys):
    assert check("07.gcg_search", search_while).passed
    for case in get("07.gcg_search").cases({}):
        suffix, losses = gcg.gcg_search(**case)
        assert all(b <= a for a, b in zip(losses, losses[1:], strict=False))
        assert float(case["objective"].batch_loss(suffix[None])[0]) == pytest.approx(losses[-1])


# ------------------------------------------------------------------------------------------ every exercise


@pytest.mark.parametrize(
    "exercise_id", ["07.token_gradients", "07.gcg_step", "07.head_dfa", "07.attention_mass"]
)
def test_ch07_exercises_pass_the_reference_and_name_each_mistake(exercise_id):
    expect_pass(exercise_id, get(exercise_id).reference)
    assert_mistakes_named(exercise_id, at_least=0)
