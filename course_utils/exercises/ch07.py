"""Chapter 07 (adversarial suffixes): checked exercises. References live in `course_utils.gcg` and
`course_utils.attribution`.

The GCG exercises run on a toy objective (no model, milliseconds): the "embedding" is a random matrix W_E and
the loss of a suffix is a smooth function of its embeddings, L(E) = sum_i |E_i W_E - T_i|^2 + tanh-mixing between
neighbours. Its `keep_valid` drops candidates with two equal neighbouring tokens (standing in for suffixes that
re-tokenize differently), and ids 0..2 are "special" (not allowed). The cases are chosen so that each named
mistake changes the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from course_utils import attribution, gcg
from course_utils.exercises.registry import Case, Exercise, register

VOCAB, D, N_SUFFIX, N_SPECIAL = 40, 6, 5, 3


class ToyObjective:
    """A model-free stand-in for `gcg.SuffixObjective` with the same three methods."""

    def __init__(self, seed: int, targets: Tensor | None = None):
        gen = torch.Generator().manual_seed(seed)
        self.W_E = torch.randn(VOCAB, D, generator=gen)
        self.T = torch.randn(N_SUFFIX, D, generator=gen) if targets is None else targets

    def one_hot_loss(self, one_hot: Tensor) -> Tensor:
        """L = sum_i |E_i W_E - T_i|^2 + sum_i tanh(E_i W_E . E_{i+1} W_E)."""
        x = one_hot @ self.W_E
        return ((x - self.T) ** 2).sum() + torch.tanh((x[:-1] * x[1:]).sum(dim=-1)).sum()

    def batch_loss(self, suffixes: Tensor) -> Tensor:
        """Exact loss of each row of suffixes [batch, n] (float32)."""
        one_hots = F.one_hot(suffixes, self.W_E.shape[0]).float()
        return torch.stack([self.one_hot_loss(row) for row in one_hots]).detach()

    def keep_valid(self, suffixes: Tensor) -> Tensor:
        """Drop rows with two equal neighbouring tokens."""
        return suffixes[(suffixes[:, 1:] != suffixes[:, :-1]).all(dim=1)]

    def __repr__(self) -> str:
        return "ToyObjective()"


def _allowed(vocab: int = VOCAB) -> Tensor:
    allowed = torch.ones(vocab, dtype=torch.bool)
    allowed[:N_SPECIAL] = False
    return allowed


def _token_gradient_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(
            one_hot_loss=ToyObjective(seed).one_hot_loss,
            suffix_ids=torch.randint(N_SPECIAL, VOCAB, (N_SUFFIX,)),
            vocab_size=VOCAB,
        )
        for seed in (0, 1)
    ]


def _step_cases(ctx: Mapping[str, Any]) -> list[Case]:
    cases = []
    for seed in (0, 1, 2):
        objective = ToyObjective(seed)
        suffix = torch.randint(N_SPECIAL, VOCAB, (N_SUFFIX,))
        loss = float(objective.batch_loss(suffix[None])[0])
        cases.append(
            dict(
                objective=objective,
                suffix_ids=suffix,
                current_loss=loss,
                allowed=_allowed(),
                top_k=4,
                n_candidates=24,
                seed=seed,
            )
        )
    # a case where no candidate beats the current loss: the current suffix must be kept
    cases.append({**cases[0], "current_loss": -100.0})
    # seed 18 (found by search): the best swap repeats a neighbour, so keep_valid changes the answer
    objective = ToyObjective(18)
    suffix = torch.randint(N_SPECIAL, VOCAB, (N_SUFFIX,), generator=torch.Generator().manual_seed(18))
    loss = float(objective.batch_loss(suffix[None])[0])
    cases.append({**cases[0], "objective": objective, "suffix_ids": suffix, "current_loss": loss, "seed": 18})
    return cases


def _step_variant(
    objective: Any,
    suffix_ids: Tensor,
    current_loss: float,
    allowed: Tensor,
    top_k: int,
    n_candidates: int,
    seed: int,
    *,
    sign: float = -1.0,
    mask: bool = True,
    validate: bool = True,
    keep_current: bool = True,
) -> tuple[Tensor, float]:
    """gcg_step with one of its ingredients changed (the named mistakes)."""
    grad = gcg.token_gradients(objective.one_hot_loss, suffix_ids, allowed.shape[0])
    if mask:
        grad = grad.masked_fill(~allowed, -sign * float("inf"))
    top_ids = (sign * grad).topk(top_k, dim=1).indices
    candidates = gcg.sample_candidates(suffix_ids, top_ids, n_candidates, torch.Generator().manual_seed(seed))
    if validate:
        candidates = objective.keep_valid(candidates)
    losses = objective.batch_loss(candidates)
    best = int(losses.argmin())
    if keep_current and float(losses[best]) >= current_loss:
        return suffix_ids, current_loss
    return candidates[best], float(losses[best])


def _dfa_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(z=torch.randn(3, 4, 5), W_O=torch.randn(3, 4, 5, 8), direction=3.0 * torch.randn(8)),
        dict(z=torch.randn(2, 3, 4, 5), W_O=torch.randn(3, 4, 5, 8), direction=0.5 * torch.randn(8)),
    ]


def _unnormalised_dfa(z: Tensor, W_O: Tensor, direction: Tensor) -> Tensor:
    return torch.einsum("...lhd,lhdm,m->...lh", z, W_O, direction)


def _mass_cases(ctx: Mapping[str, Any]) -> list[Case]:
    cases = []
    for batch, heads, seq in ((2, 3, 7), (1, 4, 9)):
        scores = torch.randn(batch, heads, seq, seq) + torch.triu(torch.full((seq, seq), -1e9), diagonal=1)
        cases.append(dict(pattern=torch.softmax(scores, dim=-1), key_mask=torch.rand(batch, seq) > 0.5))
    cases.append({**cases[0], "query": 3})
    return cases


register(
    Exercise(
        id="07.token_gradients",
        reference=gcg.token_gradients,
        title="Gradients with respect to one-hot tokens",
        difficulty=2,
        importance=4,
        minutes=10,
        hints=(
            "Make the suffix differentiable: represent the tokens as one-hot vectors that require a gradient.",
            "One-hot the suffix ids over the vocabulary as a float leaf tensor with requires_grad, compute the loss through one_hot_loss, and return the gradient with respect to the one-hot.",
        ),
        cases=_token_gradient_cases,
    )
)

register(
    Exercise(
        id="07.gcg_step",
        reference=gcg.gcg_step,
        title="One step of greedy coordinate gradient",
        difficulty=3,
        importance=5,
        minutes=20,
        hints=(
            "A GCG step: gradients propose token swaps, a forward pass on the candidates picks the best.",
            "Block disallowed tokens, take the top_k most negative gradient entries per position, sample candidate suffixes, keep valid ones, score them in a batch, and replace the suffix only if the best loss is lower.",
        ),
        cases=_step_cases,
        alternatives={
            "you took the top-k of +gradient: those swaps INCREASE the loss; use (-grad).topk(...)": (
                lambda **case: _step_variant(**case, sign=1.0)
            ),
            "you did not exclude the disallowed tokens (special / unprintable): "
            "grad.masked_fill(~allowed, inf) before the top-k": lambda **case: _step_variant(
                **case, mask=False
            ),
            "you did not drop the invalid candidates: call objective.keep_valid(candidates) before scoring them": (
                lambda **case: _step_variant(**case, validate=False)
            ),
            "you returned the best candidate even though it is worse than the current suffix: keep "
            "(suffix_ids, current_loss) unless a candidate is lower": (
                lambda **case: _step_variant(**case, keep_current=False)
            ),
        },
    )
)

register(
    Exercise(
        id="07.head_dfa",
        reference=attribution.head_dfa,
        title="Direct feature attribution of every head",
        difficulty=2,
        importance=4,
        minutes=10,
        hints=(
            "A head writes z @ W_O into the stream; its direct effect on the direction is the projection of that write.",
            "Multiply each head's z by its own W_O slice to get what it writes, then take the dot product with the unit direction, keeping the layer and head axes.",
        ),
        cases=_dfa_cases,
        alternatives={
            "you did not normalise the direction: use r_hat = direction / direction.norm()": _unnormalised_dfa,
        },
    )
)

register(
    Exercise(
        id="07.attention_mass",
        reference=attribution.attention_mass,
        title="Attention mass on a set of tokens",
        difficulty=1,
        importance=3,
        minutes=5,
        hints=(
            "The pattern's last axis is the key position; pick the query row first.",
            "Select the query position, keep only the keys in key_mask, and sum the attention over those keys for every batch row and head.",
        ),
        cases=_mass_cases,
        alternatives={
            "you used the first query position; the mass is read from `query` (default -1, the last)": (
                lambda pattern, key_mask, query=-1: attribution.attention_mass(pattern, key_mask, query=0)
            ),
            "you summed over the keys OUTSIDE the mask": (
                lambda pattern, key_mask, query=-1: attribution.attention_mass(
                    pattern, ~key_mask, query=query
                )
            ),
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 07.gcg_search
# --------------------------------------------------------------------------------------------------------------
class _LossBelow:
    """A stopping rule `stop(suffix_ids, loss) -> loss < threshold` that reads well in a failing case's line."""

    def __init__(self, threshold: float):
        self.threshold = threshold

    def __call__(self, suffix_ids: Tensor, loss: float) -> bool:
        return loss < self.threshold

    def __repr__(self) -> str:
        return f"stop(loss < {self.threshold:g})"


def _search_cases(ctx: Mapping[str, Any]) -> list[Case]:
    cases = []
    for seed in (0, 1):
        objective = ToyObjective(seed)
        suffix = torch.randint(N_SPECIAL, VOCAB, (N_SUFFIX,))
        cases.append(
            dict(
                objective=objective,
                suffix_ids=suffix,
                allowed=_allowed(),
                n_steps=4,
                top_k=4,
                n_candidates=12,
                seed=seed + 5,
            )
        )
    start = float(cases[0]["objective"].batch_loss(cases[0]["suffix_ids"][None])[0])
    cases.append({**cases[0], "stop": _LossBelow(start + 1.0)})  # already good enough: no step at all
    losses = gcg.gcg_search(**_unstopped(cases[1]))[1]
    cases.append(
        {
            **cases[1],
            "stop": _LossBelow((losses[1] + losses[2]) / 2 if losses[2] < losses[1] else losses[1] + 1e-3),
        }
    )
    return cases


def _unstopped(case: Case) -> Case:
    return {k: v for k, v in case.items() if k != "stop"}


def _search_variant(
    objective: Any,
    suffix_ids: Tensor,
    allowed: Tensor,
    n_steps: int,
    top_k: int,
    n_candidates: int,
    seed: int,
    stop: Any = None,
    *,
    seeds: str = "generator",
    record_start: bool = True,
    update: bool = True,
    stop_after: bool = False,
) -> tuple[Tensor, list[float]]:
    """gcg_search with one ingredient changed (the named mistakes)."""
    generator = torch.Generator().manual_seed(seed)
    start = suffix_ids
    loss = float(objective.batch_loss(suffix_ids.unsqueeze(0))[0])
    losses = [loss]
    for _ in range(n_steps):
        if stop is not None and not stop_after and stop(suffix_ids, loss):
            break
        if seeds == "generator":
            step_seed = int(torch.randint(2**62, (1,), generator=generator))
        elif seeds == "reseeded":
            step_seed = int(torch.randint(2**62, (1,), generator=torch.Generator().manual_seed(seed)))
        else:
            step_seed = seed
        new, loss = gcg.gcg_step(
            objective, suffix_ids if update else start, loss, allowed, top_k, n_candidates, step_seed
        )
        suffix_ids = new
        losses.append(loss)
        if stop is not None and stop_after and stop(suffix_ids, loss):
            break
    return suffix_ids, losses if record_start else losses[1:]


register(
    Exercise(
        id="07.gcg_search",
        reference=gcg.gcg_search,
        title="The GCG loop, end to end",
        difficulty=3,
        importance=4,
        minutes=15,
        hints=(
            "The loop carries two things from step to step (the suffix and its loss) and one random generator "
            "that is created once, before the loop.",
            "Score the start as a batch of one and record it; then each step: ask `stop` first, draw the step "
            "seed from the one generator, call gcg_step with the CURRENT suffix and loss, record the new loss.",
        ),
        cases=_search_cases,
        alternatives={
            "you passed the same `seed` to every step: each step must draw a fresh step seed from ONE generator "
            "seeded once with `seed` (otherwise every step samples the same positions and ranks)": (
                lambda **case: _search_variant(**case, seeds="fixed")
            ),
            "you created the generator inside the loop: re-seeding it every step gives the same step seed every "
            "time; create torch.Generator().manual_seed(seed) once, before the loop": (
                lambda **case: _search_variant(**case, seeds="reseeded")
            ),
            "losses must start with the loss of the starting suffix (losses[0]), then one entry per step": (
                lambda **case: _search_variant(**case, record_start=False)
            ),
            "every step started again from the initial suffix: pass the CURRENT suffix (the one the last step "
            "returned) to gcg_step": lambda **case: _search_variant(**case, update=False),
            "you asked `stop` after the step; ask it BEFORE each step, so a suffix that already succeeds is "
            "returned without another step": lambda **case: (
                _search_variant(**case, stop_after=True) if case.get("stop") is not None else None
            ),
        },
        atol=1e-6,
    )
)
