"""Scoring candidate refusal directions: the paper's three scores, computed plainly, batched, or fast.

A candidate ``r`` taken at layer ``l`` (from ``directions.candidate_directions``) is scored on held-out validation
prompts (Arditi et al., 2024, section 2.3 / appendix C):

* **bypass**: mean refusal score on harmful prompts with ``r`` ablated everywhere (low = refusal removed);
* **induce**: mean refusal score on harmless prompts with ``r`` added at layer ``l`` (high = refusal induced);
* **KL**: mean KL divergence of the harmless next-token distribution, clean vs ablated (low = harmless
  behaviour kept).

``score_candidate`` is the plain definition for one candidate (four forward passes per prompt batch);
``score_candidates`` computes every score of every candidate in batches of (candidate, prompt) rows, for the plots;
``fast_scores_table`` reaches the paper's choice with bit-for-bit the same scores and less work (each candidate scored
only as far as its first failing filter, clean prefixes computed once); ``screen_scores`` is a cheap ranking from
one activation pass (an approximation). Choosing among the scored candidates is ``directions.filter_candidates``
and ``directions.select_direction``; ``course_utils.directions`` re-exports the public names here.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import torch
from jaxtyping import Float
from torch import Tensor

from course_utils.activations import mean_activations
from course_utils.hooks import Hook, resid_hook_name
from course_utils.interventions import ablation_hooks, addition_hooks
from course_utils.metrics import (
    forward_last_logits,
    kl_div,
    last_position_logits,
    refusal_score,
    refusal_scores,
)
from course_utils.models import ChatModel
from course_utils.progress import batch_slices, progress_bar, show_bar, tqdm


# --------------------------------------------------------------------------------------------------------------
# Scoring every candidate
# --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CandidateScore:
    """One row of the selection table.

    Attributes:
        pos_index: index into the candidates' first axis (``model.post_instruction_positions``).
        position: the negative token position, e.g. -1.
        layer: the layer whose ``resid_pre`` gave the candidate (and where addition is applied).
        bypass: mean refusal score on harmful validation prompts with the direction ablated.
        induce: mean refusal score on harmless validation prompts with the direction added.
        kl: mean last-position KL(clean || ablated) on harmless validation prompts.
        discarded: why ``filter_candidates`` did not choose it; None for the chosen candidate (and before
            filtering).
    """

    pos_index: int
    position: int
    layer: int
    bypass: float
    induce: float
    kl: float
    discarded: str | None = None


def score_candidate(
    model: ChatModel,
    direction: Float[Tensor, " d_model"],
    layer: int,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    *,
    batch_size: int = 32,
) -> tuple[float, float, float]:
    """The paper's three scores of ONE candidate, straight from the definitions (the reference).

    With ``r`` the candidate, ``r_hat = r / |r|``, ``s(x)`` the refusal score of prompt ``x`` (log-odds of the
    refusal tokens at the last position, ``metrics.refusal_score``), ``H`` the harmful and ``B`` the harmless
    validation prompts:

        bypass = (1/|H|) sum_{x in H} s(x | r_hat ablated from every residual write)
        induce = (1/|B|) sum_{x in B} s(x | r added to resid_pre of block ``layer``, every position)
        kl     = (1/|B|) sum_{x in B} KL(P_clean(. | x) || P_ablated(. | x))   (last position, nats)

    Four plain batched passes (ablated harmful, added harmless, clean harmless, ablated harmless), nothing
    shared with other candidates: ``select_direction(method="fast")`` computes the same numbers with less work.

    Args:
        direction: ``[d_model]`` the raw (unnormalised) candidate; a zero or non-finite one gives NaN scores.
        layer: the layer the candidate was taken at (where it is added for ``induce``).
        batch_size: prompts per forward pass.

    Returns:
        ``(bypass, induce, kl)`` as floats.
    """
    r = direction.detach().to("cpu", torch.float64)
    if not bool(torch.isfinite(r).all()) or float(r.norm()) == 0:
        return math.nan, math.nan, math.nan
    kw = dict(batch_size=batch_size, progress=False)
    ablate = ablation_hooks(model, r)
    bypass = refusal_scores(model, harmful_val, fwd_hooks=ablate, **kw).mean()
    induce = refusal_scores(model, harmless_val, fwd_hooks=addition_hooks(model, r, layer), **kw).mean()
    clean = last_position_logits(model, harmless_val, **kw)
    ablated = last_position_logits(model, harmless_val, fwd_hooks=ablate, **kw)
    kl = kl_div(clean, ablated).mean()
    return float(bypass), float(induce), float(kl)


def score_candidates(
    model: ChatModel,
    candidates: Tensor,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    *,
    batch_size: int = 32,
    progress: bool | None = None,
) -> list[CandidateScore]:
    """Bypass, induce and KL scores of every candidate ``candidates[pos_index, layer]``.

    Candidates are batched: a batch holds ``(candidate, prompt)`` rows, each row with its own direction in
    the hooks, so the model runs ``ceil(n_candidates * n_prompts / batch_size)`` times per score instead of
    once per candidate. A candidate that is zero (e.g. layer 0, where both classes see the same template
    embeddings) or not finite has NaN scores.

    Args:
        candidates: ``[n_positions, n_layers, d_model]`` from ``candidate_directions``.
        batch_size: rows (candidate x prompt pairs) per forward pass.

    Returns:
        one ``CandidateScore`` per candidate, position-major (``pos_index``, then ``layer``).
    """
    n_pos, n_layers, _ = _check_candidates(model, candidates)
    flat = candidates.reshape(n_pos * n_layers, -1).to(torch.float64)
    valid = torch.isfinite(flat).all(dim=-1) & (flat.norm(dim=-1) > 0)
    bypass, induce, kl = (torch.full((len(flat),), math.nan, dtype=torch.float64) for _ in range(3))
    if bool(valid.any()):
        scores = _score_valid(
            model,
            flat[valid],
            torch.arange(n_layers).repeat(n_pos)[valid],
            harmful_val,
            harmless_val,
            batch_size=batch_size,
            progress=progress,
        )
        bypass[valid], induce[valid], kl[valid] = scores
    positions = model.post_instruction_positions
    return [
        CandidateScore(
            pos_index=i // n_layers,
            position=positions[i // n_layers],
            layer=i % n_layers,
            bypass=float(bypass[i]),
            induce=float(induce[i]),
            kl=float(kl[i]),
        )
        for i in range(len(flat))
    ]


def _score_valid(
    model: ChatModel,
    directions: Tensor,
    layers: Tensor,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    *,
    batch_size: int,
    progress: bool | None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Bypass, induce and KL (each ``[n_candidates]`` float64) for non-zero ``directions [n_candidates, d_model]``
    taken at ``layers [n_candidates]``."""
    harmful = model.tokenize(list(harmful_val))
    harmless = model.tokenize(list(harmless_val))
    clean = last_position_logits(model, list(harmless_val), batch_size=batch_size, progress=False)

    def refusal(logits: Tensor, prompts: Tensor) -> Tensor:
        return refusal_score(logits, model.refusal_token_ids)

    def kl_from_clean(logits: Tensor, prompts: Tensor) -> Tensor:
        return kl_div(clean[prompts], logits)

    def ablated(cand: Tensor) -> list[Hook]:
        return ablation_hooks(model, directions[cand])

    def added(cand: Tensor) -> list[Hook]:
        return _mixed_addition_hooks(model, directions[cand], layers[cand])

    n_rows = len(directions) * (len(harmful_val) + 2 * len(harmless_val))
    show = show_bar(math.ceil(n_rows / batch_size), progress)
    with tqdm(total=n_rows, desc="scoring candidates", disable=not show, leave=False) as bar:

        def mean_score(encoding: Mapping[str, Tensor], score_fn: Callable, hooks_fn: Callable) -> Tensor:
            return _mean_per_candidate(model, encoding, len(directions), score_fn, hooks_fn, batch_size, bar)

        bypass = mean_score(harmful, refusal, ablated)
        induce = mean_score(harmless, refusal, added)
        kl = mean_score(harmless, kl_from_clean, ablated)
    return bypass, induce, kl


def _check_candidates(model: ChatModel, candidates: Tensor) -> tuple[int, int, int]:
    expected = (len(model.post_instruction_positions), model.n_layers, model.d_model)
    if not isinstance(candidates, Tensor) or tuple(candidates.shape) != expected:
        got = tuple(candidates.shape) if isinstance(candidates, Tensor) else type(candidates).__name__
        raise ValueError(
            f"candidates must have shape [n_positions, n_layers, d_model] = {list(expected)} for this model, "
            f"got {got}. Build them with candidate_directions(model, harmful, harmless)."
        )
    return expected


def _mixed_addition_hooks(model: ChatModel, vectors: Tensor, layers: Tensor) -> list[Hook]:
    """Addition hooks for a batch whose rows add their own vector at their own layer.

    At each layer present in the batch, rows belonging to another layer add a zero vector.
    """
    hooks = []
    for layer in layers.unique().tolist():
        masked = vectors * (layers == layer)[:, None].to(vectors.dtype)
        hooks += addition_hooks(model, masked, layer)
    return hooks


def _mean_per_candidate(
    model: ChatModel,
    encoding: Mapping[str, Tensor],
    n_cand: int,
    score_fn: Callable[[Tensor, Tensor], Tensor],
    hooks_fn: Callable[[Tensor], list[Hook]],
    batch_size: int,
    bar: tqdm,
) -> Tensor:
    """Mean over prompts of ``score_fn(logits, prompt_ids)`` for every candidate, in batches of rows.

    Row ``k`` of the flattened work list is candidate ``k // n_prompts`` on prompt ``k % n_prompts``;
    ``hooks_fn(candidate_ids)`` gives the hooks for a batch of rows.
    """
    input_ids, attention_mask = encoding["input_ids"], encoding["attention_mask"]
    n_prompts = input_ids.shape[0]
    totals = torch.zeros(n_cand, dtype=torch.float64)
    for start in range(0, n_cand * n_prompts, batch_size):
        rows = torch.arange(start, min(start + batch_size, n_cand * n_prompts))
        cand, prompts = rows // n_prompts, rows % n_prompts
        logits = forward_last_logits(
            model, input_ids[prompts], attention_mask[prompts], fwd_hooks=hooks_fn(cand)
        )
        totals.index_add_(0, cand, score_fn(logits, prompts).cpu())
        bar.update(len(rows))
    return totals / n_prompts


# --------------------------------------------------------------------------------------------------------------
# The exact fast selection: the same scores as score_candidate, with less work
# --------------------------------------------------------------------------------------------------------------
class _PassThrough(torch.nn.Module):
    """Stands in for a skipped block: returns the residual stream it gets (blocks return a tensor in transformers
    5: ``hidden_states = layer(hidden_states, ...)`` in every decoder loop)."""

    def forward(self, hidden_states: Tensor, *args: object, **kwargs: object) -> Tensor:
        return hidden_states


@contextlib.contextmanager
def _skip_blocks(model: ChatModel, n: int) -> Iterator[None]:
    """Blocks ``0 .. n-1`` do nothing while the body runs (restored on exit, also when it raises).

    ``bridge.blocks`` is the HF model's own list of decoder layers, so the HF loop runs the stand-ins; each block
    keeps its index, so per-layer settings (e.g. Gemma-2's alternating sliding-window masks) stay right. Use it
    with a hook at ``blocks.{n}.hook_resid_pre`` that replaces the stream with a cached one.
    """
    blocks = model.bridge.blocks
    saved = [blocks[i] for i in range(n)]
    try:
        for i in range(n):
            blocks[i] = _PassThrough()
        yield
    finally:
        for i, block in enumerate(saved):
            blocks[i] = block


def _last_logits(
    model: ChatModel, encoding: Mapping[str, Tensor], fwd_hooks: Sequence[Hook] = ()
) -> Float[Tensor, "batch vocab"]:
    """``forward_last_logits`` of one tokenized batch: the function ``score_candidate`` reaches through
    ``last_position_logits``, on batches of the same shapes (``_encodings``), so the scores are bit-for-bit the
    reference's."""
    return forward_last_logits(model, encoding["input_ids"], encoding["attention_mask"], fwd_hooks=fwd_hooks)


def _encodings(model: ChatModel, prompts: Sequence[str], batch_size: int) -> list[Mapping[str, Tensor]]:
    """The prompt batches exactly as ``metrics.last_position_logits`` forms them (same padding, same shapes)."""
    prompts = list(prompts)
    return [model.tokenize(prompts[b]) for b in batch_slices(len(prompts), batch_size, progress=False)]


@dataclass
class _ValidationPasses:
    """What every candidate's scoring shares: the tokenized validation batches, the clean harmless logits and the
    clean ``resid_pre`` of the harmless prompts at the layers where candidates are added."""

    harmful: list[Mapping[str, Tensor]]
    harmless: list[Mapping[str, Tensor]]
    clean_logits: Tensor  # [n_harmless, vocab]
    resid: dict[int, list[Tensor]]  # layer -> per harmless batch [batch, seq, d_model]


def _validation_passes(
    model: ChatModel,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    layers: set[int],
    batch_size: int,
    progress: bool | None = None,
) -> _ValidationPasses:
    """One clean pass over the harmless batches, recording the logits and ``resid_pre`` at ``layers``."""
    harmless = _encodings(model, harmless_val, batch_size)
    resid: dict[int, list[Tensor]] = {layer: [] for layer in sorted(layers)}
    logits = []

    def record(layer: int) -> Callable:
        def fn(activation: Tensor, hook: object = None) -> None:
            resid[layer].append(activation.detach().clone())

        return fn

    records = [(resid_hook_name(layer), record(layer)) for layer in resid]
    for encoding in progress_bar(harmless, progress=progress, desc="clean pass (shared)"):
        logits.append(_last_logits(model, encoding, records))
    return _ValidationPasses(_encodings(model, harmful_val, batch_size), harmless, torch.cat(logits), resid)


def _fast_induce(model: ChatModel, r: Tensor, layer: int, passes: _ValidationPasses) -> float:
    """induce from the cached clean prefix: blocks below ``layer`` see the clean input, so their output is the
    recorded ``resid_pre``; only blocks ``layer .. L-1`` run, on ``recorded + r``."""
    add = addition_hooks(model, r, layer)[0][1]  # the same function as in score_candidate
    scores = []
    for batch, encoding in enumerate(passes.harmless):
        cached = passes.resid[layer][batch]

        def replace_stream(activation: Tensor, hook: object = None, cached: Tensor = cached) -> Tensor:
            return add(cached)

        with _skip_blocks(model, layer):
            logits = _last_logits(model, encoding, [(resid_hook_name(layer), replace_stream)])
        scores.append(refusal_score(logits, model.refusal_token_ids))
    return float(torch.cat(scores).mean())


def _ablated_mean(
    model: ChatModel, ablate: list[Hook], encodings: list, score: Callable[[Tensor], Tensor]
) -> float:
    """Mean of ``score(logits)`` over the prompts of ``encodings`` with the ablation hooks on."""
    return float(score(torch.cat([_last_logits(model, enc, ablate) for enc in encodings])).mean())


def fast_scores_table(
    model: ChatModel,
    candidates: Tensor,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    *,
    batch_size: int,
    progress: bool | None,
    kl_threshold: float,
    max_layer_frac: float,
    induce_threshold: float,
    fallback: bool,
    only: set[tuple[int, int]] | None = None,
) -> list[CandidateScore]:
    """The selection table with each candidate scored only as far as its first failing filter.

    Filters are evaluated from the cheapest: NaN (a zero candidate) and too deep (free), induce (runs blocks
    ``l .. L-1`` only), KL (a full ablated pass on harmless prompts), bypass (a full ablated pass on harmful
    prompts, only for candidates that passed every filter). A score that was not needed is NaN, and
    ``discarded`` names the filter that decided. With ``fallback`` and no survivor, the bypass scores the
    fallback compares are computed as well. ``only`` restricts scoring to those ``(pos_index, layer)`` pairs
    (the others: ``discarded="not screened"``).
    """
    n_pos, n_layers, _ = _check_candidates(model, candidates)
    positions = model.post_instruction_positions
    rows: dict[tuple[int, int], CandidateScore] = {}
    todo = []
    for p in range(n_pos):
        for layer in range(n_layers):
            r = candidates[p, layer].detach().to("cpu", torch.float64)
            row = CandidateScore(p, positions[p], layer, math.nan, math.nan, math.nan)
            if not bool(torch.isfinite(r).all()) or float(r.norm()) == 0:
                row = replace(row, discarded="NaN score")
            elif layer >= max_layer_frac * n_layers:
                row = replace(row, discarded="too deep")
            elif only is not None and (p, layer) not in only:
                row = replace(row, discarded="not screened")
            else:
                todo.append((p, layer, r))
            rows[p, layer] = row
    layers = {layer for _, layer, _ in todo}
    passes = _validation_passes(model, harmful_val, harmless_val, layers, batch_size, progress)

    def refusal(logits: Tensor) -> Tensor:
        return refusal_score(logits, model.refusal_token_ids)

    def kl_from_clean(logits: Tensor) -> Tensor:
        return kl_div(passes.clean_logits, logits)

    for p, layer, r in progress_bar(todo, progress=progress, desc="scoring candidates (exact, fast)"):
        row = replace(rows[p, layer], induce=_fast_induce(model, r, layer, passes))
        ablate = ablation_hooks(model, r)  # built once, shared by the KL and bypass passes
        if row.induce < induce_threshold:
            row = replace(row, discarded="does not induce")
        else:
            row = replace(row, kl=_ablated_mean(model, ablate, passes.harmless, kl_from_clean))
            if row.kl > kl_threshold:
                row = replace(row, discarded="KL too high")
            else:
                row = replace(row, bypass=_ablated_mean(model, ablate, passes.harmful, refusal))
        rows[p, layer] = row
    survivors = [key for key in rows if rows[key].discarded is None]
    if not survivors and fallback and todo:  # the fallback compares the bypass of every row not NaN/too deep
        for p, layer, r in todo:
            if math.isnan(rows[p, layer].bypass):
                bypass = _ablated_mean(model, ablation_hooks(model, r), passes.harmful, refusal)
                rows[p, layer] = replace(rows[p, layer], bypass=bypass)
        p, layer, r = min(todo, key=lambda item: rows[item[0], item[1]].bypass)
        if math.isnan(rows[p, layer].kl):  # the fallback's choice gets its full row
            kl = _ablated_mean(model, ablation_hooks(model, r), passes.harmless, kl_from_clean)
            rows[p, layer] = replace(rows[p, layer], kl=kl)
    best = min(survivors, key=lambda key: rows[key].bypass, default=None)
    return [
        row if key == best or row.discarded else replace(row, discarded="higher bypass")
        for key, row in rows.items()
    ]


# --------------------------------------------------------------------------------------------------------------
# Screening: a cheap ranking of the candidates (an approximation, for slow machines)
# --------------------------------------------------------------------------------------------------------------
def screen_scores(
    model: ChatModel,
    candidates: Tensor,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    *,
    batch_size: int = 32,
    progress: bool | None = None,
) -> Float[Tensor, "n_positions n_layers"]:
    """How much each candidate agrees with the harmful-harmless difference where the answer is produced.

    One activation pass over the validation prompts gives, at the last position (where the first token of the
    answer is predicted) and every layer ``l'``, the difference of class means ``d[l']``. A candidate taken at
    layer ``l`` is scored by its mean cosine similarity with the differences from its own layer to the last:

        screen[p, l] = (1 / (L - l)) * sum_{l' = l}^{L - 1} cos(r[p, l], d[l'])

    A direction that mediates refusal should be the one along which the classes still differ when the output is
    decided; ablating it then removes that difference. No intervention and no output is used: one pass instead
    of three per candidate. The idea of judging candidates by cosine similarity of activations rather than by
    the model's outputs follows COSMIC (Siu et al., 2025, "COSMIC: Generalized Refusal Direction Identification
    in LLM Activations", Findings of ACL 2025, arXiv:2506.00085); this score is a simpler one of our own, not
    COSMIC's. It is a heuristic: it ranks, it does not decide.

    Returns:
        ``[n_positions, n_layers]`` float64; NaN for zero or non-finite candidates.
    """
    _check_candidates(model, candidates)
    kw = dict(positions=[-1], batch_size=batch_size, progress=progress)
    diff = mean_activations(model, harmful_val, **kw) - mean_activations(model, harmless_val, **kw)
    d_hat = diff[:, 0] / diff[:, 0].norm(dim=-1, keepdim=True)  # [n_layers, d_model]
    r = candidates.to(torch.float64).cpu()
    cos = torch.einsum("pld,md->plm", r / r.norm(dim=-1, keepdim=True), d_hat)  # [n_pos, n_layers, n_layers]
    downstream = torch.triu(torch.ones(model.n_layers, model.n_layers, dtype=torch.float64))  # m >= l
    score = (cos.nan_to_num() * downstream).sum(-1) / downstream.sum(-1)
    valid = torch.isfinite(r).all(-1) & (r.norm(dim=-1) > 0)
    return torch.where(valid, score, torch.full_like(score, math.nan))


def top_screened(scores: Tensor, k: int, max_layer_frac: float) -> list[tuple[int, int]]:
    """The ``k`` best ``(pos_index, layer)`` by ``scores`` among the candidates the free filters keep."""
    if k < 1:
        raise ValueError(f"top_k must be a positive integer, got {k}.")
    n_pos, n_layers = scores.shape
    eligible = [
        (float(scores[p, layer]), p, layer)
        for p in range(n_pos)
        for layer in range(n_layers)
        if layer < max_layer_frac * n_layers and not math.isnan(float(scores[p, layer]))
    ]
    eligible.sort(key=lambda item: -item[0])  # stable: ties keep position-major order
    return [(p, layer) for _, p, layer in eligible[:k]]


def score_candidates_loop(
    model: ChatModel,
    candidates: Tensor,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    *,
    batch_size: int = 32,
    progress: bool | None = None,
) -> list[CandidateScore]:
    """``score_candidate`` for every candidate, one after the other (the straightforward loop)."""
    n_pos, n_layers, _ = _check_candidates(model, candidates)
    pairs = [(p, layer) for p in range(n_pos) for layer in range(n_layers)]
    return [
        CandidateScore(
            p,
            model.post_instruction_positions[p],
            layer,
            *score_candidate(
                model, candidates[p, layer], layer, harmful_val, harmless_val, batch_size=batch_size
            ),
        )
        for p, layer in progress_bar(pairs, progress=progress, desc="scoring candidates (loop)")
    ]
