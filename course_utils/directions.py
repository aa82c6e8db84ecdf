"""Finding the refusal direction: difference of means, candidate directions, and the paper's selection.

For every post-instruction position ``p`` and layer ``l`` the candidate is

    r[p, l] = mean_{harmful} x[l, p] - mean_{harmless} x[l, p]      (x = resid_pre, accumulated in float64)

Each candidate is scored on held-out validation prompts (Arditi et al., 2024, section 2.3 / appendix C):

* **bypass**: mean refusal score on harmful prompts with ``r`` ablated everywhere (low = refusal removed);
* **induce**: mean refusal score on harmless prompts with ``r`` added at layer ``l`` (high = refusal induced);
* **KL**: mean KL divergence of the harmless next-token distribution, clean vs ablated (low = harmless
  behaviour kept).

``filter_candidates`` discards candidates with NaN scores, too deep (``l >= 0.8 L``), KL > 0.1 or induce < 0,
and picks the lowest bypass score among the rest.

``score_candidate`` is the plain definition for one candidate. ``select_direction`` has three exact ways to the
paper's choice ("batched": every score, for the plots; "loop": ``score_candidate`` one after the other; "fast":
the same choice and bit-for-bit the same scores with less work) and one approximation for slow machines
("screened": ``screen_scores`` ranks the candidates from one activation pass, only the top k are scored).
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import torch
from jaxtyping import Float
from torch import Tensor

from course_utils._paths import BUILD_DIR, REPO_ROOT
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
from course_utils.registry import MODEL_REGISTRY, ORGANISM


# --------------------------------------------------------------------------------------------------------------
# Candidate directions
# --------------------------------------------------------------------------------------------------------------
def diff_of_means(
    harmful_acts: Float[Tensor, "n_harmful *rest d_model"],
    harmless_acts: Float[Tensor, "n_harmless *rest d_model"],
) -> Float[Tensor, "*rest d_model"]:
    """Difference of class means: ``mean_i harmful_acts[i] - mean_j harmless_acts[j]``.

    The means are taken over the first (batch) dimension and accumulated in float64. The result is not
    normalised: its length is the distance between the class means, which activation addition uses.

    Args:
        harmful_acts: ``[n_harmful, ...]``, e.g. ``[n_harmful, d_model]``.
        harmless_acts: ``[n_harmless, ...]`` with the same trailing shape.

    Returns:
        ``[...]`` float64, e.g. ``[d_model]``.
    """
    harmful_mean = harmful_acts.to(torch.float64).mean(dim=0)
    harmless_mean = harmless_acts.to(torch.float64).mean(dim=0)
    return harmful_mean - harmless_mean


def candidate_directions(
    model: ChatModel,
    harmful: Sequence[str],
    harmless: Sequence[str],
    *,
    batch_size: int = 32,
    progress: bool | None = None,
) -> Tensor:
    """Difference-of-means candidates at every post-instruction position and every layer's ``resid_pre``.

    Returns:
        ``[n_positions, n_layers, d_model]`` float64, positions in the order of
        ``model.post_instruction_positions`` (e.g. -5 .. -1).
    """
    kwargs = dict(positions=model.post_instruction_positions, batch_size=batch_size, progress=progress)
    harmful_mean = mean_activations(model, harmful, **kwargs)  # [n_layers, n_positions, d_model]
    harmless_mean = mean_activations(model, harmless, **kwargs)
    return (harmful_mean - harmless_mean).permute(1, 0, 2).contiguous()


def filter_prompts_by_refusal(
    model: ChatModel,
    harmful: Sequence[str],
    harmless: Sequence[str],
    *,
    batch_size: int = 32,
    progress: bool | None = None,
) -> tuple[list[str], list[str]]:
    """Keep the harmful prompts the model refuses (score > 0) and the harmless ones it does not (score < 0).

    As in the paper, so that the classes differ in the model's behaviour, not only in their topic.
    """
    kw = dict(batch_size=batch_size, progress=progress)
    harmful_scores = refusal_scores(model, harmful, **kw)
    harmless_scores = refusal_scores(model, harmless, **kw)
    kept_harmful = [p for p, s in zip(harmful, harmful_scores.tolist(), strict=True) if s > 0]
    kept_harmless = [p for p, s in zip(harmless, harmless_scores.tolist(), strict=True) if s < 0]
    return kept_harmful, kept_harmless


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
    """``forward_last_logits`` of one tokenized batch.

    The whole sequence is unembedded, as in ``score_candidate``: unembedding the last position only would save
    up to a quarter of a pass on large vocabularies, but a matrix product of another shape rounds differently
    (measured: scores off by up to 1.5e-6 on the organism), and this path is meant to be bit-for-bit the
    reference.
    """
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


def _fast_table(
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


def _top_candidates(scores: Tensor, k: int, max_layer_frac: float) -> list[tuple[int, int]]:
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


# --------------------------------------------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------------------------------------------
def filter_candidates(
    table: Sequence[CandidateScore],
    n_layers: int,
    *,
    kl_threshold: float = 0.1,
    max_layer_frac: float = 0.8,
    induce_threshold: float = 0.0,
) -> list[CandidateScore]:
    """Apply the paper's filters and choose the candidate with the lowest bypass score.

    A candidate is discarded, checking in this order, when
      1. a score is NaN                              -> "NaN score"
      2. layer >= max_layer_frac * n_layers          -> "too deep"
      3. kl > kl_threshold                           -> "KL too high"
      4. induce < induce_threshold                   -> "does not induce"
    Among the survivors the lowest ``bypass`` wins; the other survivors get "higher bypass".

    Returns:
        the rows in the same order, with ``discarded`` set on every row except the chosen one (None there).
        If every row is discarded, no row has ``discarded`` None.
    """
    rows = []
    for row in table:
        if any(math.isnan(v) for v in (row.bypass, row.induce, row.kl)):
            reason = "NaN score"
        elif row.layer >= max_layer_frac * n_layers:
            reason = "too deep"
        elif row.kl > kl_threshold:
            reason = "KL too high"
        elif row.induce < induce_threshold:
            reason = "does not induce"
        else:
            reason = None
        rows.append(replace(row, discarded=reason))
    survivors = [i for i, row in enumerate(rows) if row.discarded is None]
    best = min(survivors, key=lambda i: rows[i].bypass, default=None)
    return [
        row if i == best or row.discarded else replace(row, discarded="higher bypass")
        for i, row in enumerate(rows)
    ]


@dataclass
class DirectionSelection:
    """The selected refusal direction and the evidence for it.

    Attributes:
        pos_index, position, layer: where the chosen candidate was taken (``candidates[pos_index, layer]``).
        direction: ``[d_model]`` float64, the raw (unnormalised) difference of means.
        table: every candidate's scores and why it was discarded (``filter_candidates`` output).
        passed_filters: False when no candidate passed the filters and ``select_direction(fallback=True)``
            took the lowest bypass score among the candidates that are not NaN and not too deep.
        method: how it was selected: "batched", "loop", "fast" (all three exact: the paper's choice) or
            "screened" (an approximation: only the ``top_k`` candidates of ``screen_scores`` were scored).
    """

    pos_index: int
    position: int
    layer: int
    direction: Tensor = field(repr=False)
    table: list[CandidateScore] = field(repr=False)
    passed_filters: bool = True
    method: str = "batched"

    @property
    def r_hat(self) -> Tensor:
        """The unit direction ``direction / |direction|``."""
        return self.direction / self.direction.norm()

    @property
    def chosen(self) -> CandidateScore:
        """The chosen candidate's row of the table."""
        return next(row for row in self.table if (row.pos_index, row.layer) == (self.pos_index, self.layer))


class NoDirectionSelected(ValueError):
    """Every candidate was discarded by the filters; ``.table`` holds the scores and the reasons."""

    def __init__(self, table: list[CandidateScore]) -> None:
        counts: dict[str, int] = {}
        for row in table:
            counts[str(row.discarded)] = counts.get(str(row.discarded), 0) + 1
        super().__init__(
            f"no candidate passed the filters ({counts}). Inspect error.table (e.g. plot bypass / induce / KL "
            "by layer), or loosen the thresholds: select_direction(..., kl_threshold=..., max_layer_frac=...)."
        )
        self.table = table


SELECTION_METHODS = ("batched", "fast", "loop", "screened")


def select_direction(
    model: ChatModel,
    candidates: Tensor,
    harmful_val: Sequence[str],
    harmless_val: Sequence[str],
    *,
    batch_size: int = 32,
    progress: bool | None = None,
    kl_threshold: float = 0.1,
    max_layer_frac: float = 0.8,
    induce_threshold: float = 0.0,
    fallback: bool = False,
    method: str = "batched",
    top_k: int = 8,
) -> DirectionSelection:
    """Score the candidates and choose one with the paper's filters; three exact ways to do the same.

    * ``"batched"`` (default): every candidate gets all three scores (``score_candidates``, candidate x prompt
      rows batched together), then ``filter_candidates``. The full table, for plots.
    * ``"loop"``: the plain reference, ``score_candidate`` one candidate after the other, then
      ``filter_candidates``.
    * ``"fast"``: the same choice and bit-for-bit the same scores, with less work. Candidates a free filter
      discards (zero, too deep) never run; the others are scored from the cheapest filter on: induce from the
      cached clean prefix (blocks below ``l`` see the clean input, so only blocks ``l .. L-1`` run), then KL,
      then bypass only for candidates that passed every filter. The clean harmless pass is shared by all
      candidates and one set of ablation hooks by a candidate's KL and bypass passes; every forward pass has
      the inputs and shapes of the loop's. A score that was not needed is NaN and ``discarded`` names the
      filter that decided (a candidate failing both induce and KL reads "does not induce" here, "KL too high"
      in ``filter_candidates``, which checks KL first).

    Args:
        candidates: ``[n_positions, n_layers, d_model]`` from ``candidate_directions``.
        harmful_val, harmless_val: validation prompts (not those the candidates were computed from).
        fallback: when no candidate passes the filters, take the lowest bypass score among the candidates
            that are neither NaN nor too deep (``passed_filters=False`` in the result) instead of raising.
        method: "batched", "fast" or "loop" (see above), or "screened": an APPROXIMATION for slow machines,
            which ranks the candidates by ``screen_scores`` (one activation pass, no intervention) and scores
            only the ``top_k`` best with the fast path; the others read "not screened". It finds the paper's
            choice only when that candidate ranks in the top k.
        top_k: candidates scored by the "screened" method.

    Raises:
        NoDirectionSelected: every candidate was discarded and ``fallback`` is False (it carries the table).
    """
    thresholds = dict(
        kl_threshold=kl_threshold, max_layer_frac=max_layer_frac, induce_threshold=induce_threshold
    )
    if method in ("fast", "screened"):
        only = None
        if method == "screened":
            scores = screen_scores(
                model, candidates, harmful_val, harmless_val, batch_size=batch_size, progress=progress
            )
            only = set(_top_candidates(scores, top_k, max_layer_frac))
        table = _fast_table(
            model,
            candidates,
            harmful_val,
            harmless_val,
            batch_size=batch_size,
            progress=progress,
            fallback=fallback,
            only=only,
            **thresholds,
        )
    elif method in ("batched", "loop"):
        score = score_candidates if method == "batched" else _score_candidates_loop
        table = score(model, candidates, harmful_val, harmless_val, batch_size=batch_size, progress=progress)
        table = filter_candidates(table, model.n_layers, **thresholds)
    else:
        raise ValueError(f"method must be one of {SELECTION_METHODS}, got {method!r}.")
    return replace(_selection(candidates, table, fallback), method=method)


def _score_candidates_loop(
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


_NOT_COMPARED = ("NaN score", "too deep", "not screened")


def chosen_row(table: Sequence[CandidateScore], *, fallback: bool = False) -> CandidateScore:
    """The row of a filtered table (``filter_candidates``) that passed every filter; with ``fallback``, when none
    did, the lowest bypass among the rows that were compared (not NaN, not too deep, not left out by screening:
    check ``row.discarded`` to tell). Raises ``NoDirectionSelected`` when there is no such row."""
    chosen = [row for row in table if row.discarded is None]
    if not chosen and fallback:
        chosen = sorted(
            (row for row in table if row.discarded not in _NOT_COMPARED and not math.isnan(row.bypass)),
            key=lambda row: row.bypass,
        )
    if not chosen:
        raise NoDirectionSelected(list(table))
    return chosen[0]


def _selection(candidates: Tensor, table: list[CandidateScore], fallback: bool) -> DirectionSelection:
    """The table's chosen row (``chosen_row``) as a ``DirectionSelection``."""
    row = chosen_row(table, fallback=fallback)
    return DirectionSelection(
        pos_index=row.pos_index,
        position=row.position,
        layer=row.layer,
        direction=candidates[row.pos_index, row.layer].to(torch.float64).cpu().clone(),
        table=table,
        passed_filters=row.discarded is None,
    )


def refusal_direction(
    model: ChatModel,
    *,
    fallback: bool = True,
    n_train: int | None = 128,
    n_val: int | None = 32,
    batch_size: int = 32,
    progress: bool | None = None,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    method: str = "fast",
    top_k: int = 8,
) -> DirectionSelection:
    """The whole method on the course's data, as used by the chapters after 04.

    The first ``n_train`` training prompts of each class (128 as in the paper; None = all), filtered by refusal
    (``filter_prompts_by_refusal``; unfiltered, with a warning, if fewer than 8 of a class would remain), give
    the candidates; the first ``n_val`` validation prompts of each class (32 as in the paper) select one
    (``select_direction(..., method=method, top_k=top_k)``).

    On a CPU with a real model (see the README's "What runs where"): the selection's cost grows linearly with
    ``n_val`` (``n_val=16`` halves it; the scores get noisier), and ``method="screened"`` scores only the
    ``top_k`` candidates ranked by ``screen_scores`` -- an approximation that can miss the paper's choice. The
    default ``method="fast"`` gives exactly the paper's choice.

    With ``cache=True`` the result is stored in ``cache_dir`` (default ``build/cache/refusal_direction/``) under
    a fingerprint of the model's weights, its chat format, the data, the arguments and the source of the
    refusal library, so the chapters after 04 do not repeat the selection; any change recomputes it.
    """
    if method not in SELECTION_METHODS:
        raise ValueError(f"method must be one of {SELECTION_METHODS}, got {method!r}.")
    key = _fingerprint(model, fallback, n_train, n_val, method, top_k if method == "screened" else None)
    path = Path(cache_dir or DEFAULT_CACHE_DIR) / f"{key}.pt"
    if cache and path.is_file():
        return _load_selection(path)
    selection = _refusal_direction(model, fallback, n_train, n_val, batch_size, progress, method, top_k)
    if cache:
        _save_selection(selection, path)
    return selection


def _refusal_direction(
    model: ChatModel,
    fallback: bool,
    n_train: int | None,
    n_val: int | None,
    batch_size: int,
    progress: bool | None,
    method: str,
    top_k: int,
) -> DirectionSelection:
    from course_utils.data import load_instructions

    harmful = load_instructions("harmful", "train")[:n_train]
    harmless = load_instructions("harmless", "train")[:n_train]
    kept_harmful, kept_harmless = filter_prompts_by_refusal(
        model, harmful, harmless, batch_size=batch_size, progress=progress
    )
    if min(len(kept_harmful), len(kept_harmless)) >= 8:
        harmful, harmless = kept_harmful, kept_harmless
    else:
        warnings.warn(
            f"only {len(kept_harmful)} harmful prompts are refused and {len(kept_harmless)} harmless ones are "
            "not: using all training prompts for the candidates.",
            UserWarning,
            stacklevel=3,
        )
    candidates = candidate_directions(model, harmful, harmless, batch_size=batch_size, progress=progress)
    return select_direction(
        model,
        candidates,
        load_instructions("harmful", "val")[:n_val],
        load_instructions("harmless", "val")[:n_val],
        batch_size=batch_size,
        progress=progress,
        fallback=fallback,
        method=method,
        top_k=top_k,
    )


def planted_direction(model: ChatModel | str | Path) -> Tensor | None:
    """The direction a model organism's refusal was planted along (``planted_direction.pt``), else None.

    Only the course's organism has one (its safety tuning made refusal run through it; see its model card); for a
    real chat model there is no ground truth and this returns None. Returns ``[d_model]`` float64, unit norm.
    """
    name = model.name if isinstance(model, ChatModel) else str(model)
    folder = REPO_ROOT / MODEL_REGISTRY[ORGANISM].local_dir if name == ORGANISM else Path(name).expanduser()
    path = folder / "planted_direction.pt"
    if not path.is_file():
        return None
    u = torch.load(path, map_location="cpu").to(torch.float64)
    return u / u.norm()


DEFAULT_CACHE_DIR = BUILD_DIR / "cache" / "refusal_direction"


def _fingerprint(model: ChatModel, *args: object) -> str:
    """sha256 (first 16 hex digits) of everything the selection depends on.

    The model (name, parameters, chat template and the token ids read from it), the instruction data, the
    arguments, the versions of torch / transformers / transformer-lens, and the source of every course module
    the selection can run (``library_sources()``: derived from the imports, not listed by hand).
    """
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    from course_utils import data

    digest = hashlib.sha256()
    chat = (model.tokenizer.chat_template, model.spec.template_kwargs)
    for part in (model.name, chat, model.post_instruction_ids, model.refusal_token_ids, args):
        digest.update(repr(part).encode())
    for package in ("torch", "transformers", "transformer-lens"):
        try:
            digest.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    with torch.no_grad():
        for name, param in model.bridge.original_model.named_parameters():
            stats = (name, tuple(param.shape), float(param.double().sum()), float(param.double().abs().sum()))
            digest.update(repr(stats).encode())
    digest.update(data.INSTRUCTIONS_FILE.read_bytes())
    for path in library_sources():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def library_sources(module: str = __name__) -> list[Path]:
    """Source files of ``module`` and of every ``course_utils`` module it imports, transitively.

    Found by parsing the imports of each file (also those inside functions and under ``TYPE_CHECKING``, so the
    list errs on the side of too many), plus the ``__init__.py`` of every package on the way, which Python runs
    on import. Sorted, without duplicates.
    """
    import ast

    root = Path(__file__).resolve().parent  # the course_utils package
    package = root.name

    def files_of(name: str) -> list[Path]:
        """The files Python runs to import ``name`` (a module, or a name inside one: its module)."""
        parts = name.split(".")[1:]
        found = [root / "__init__.py"]
        folder = root
        for part in parts:
            if (folder / part / "__init__.py").is_file():
                folder = folder / part
                found.append(folder / "__init__.py")
            else:
                if (folder / f"{part}.py").is_file():
                    found.append(folder / f"{part}.py")
                break
        return found

    seen: set[Path] = set()
    todo = files_of(module)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        here = path.relative_to(root.parent).parts[:-1]  # the package the file is in
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from .x import y
                    base = ".".join([*here[: len(here) - node.level + 1], *([base] if base else [])])
                names = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            todo += [f for name in names if name.split(".")[0] == package for f in files_of(name)]
    return sorted(seen)


def _save_selection(selection: DirectionSelection, path: Path) -> None:
    record = {
        "pos_index": selection.pos_index,
        "position": selection.position,
        "layer": selection.layer,
        "direction": selection.direction,
        "passed_filters": selection.passed_filters,
        "method": selection.method,
        "table": [asdict(row) for row in selection.table],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(record, path)
    except OSError as err:  # a read-only checkout: the result is still returned
        warnings.warn(f"could not cache the refusal direction in {path}: {err}", UserWarning, stacklevel=3)


def _load_selection(path: Path) -> DirectionSelection:
    record = torch.load(path, weights_only=True)
    record["table"] = [CandidateScore(**row) for row in record["table"]]
    return DirectionSelection(**record)


def table_grid(table: Sequence[CandidateScore], score: str) -> Tensor:
    """One score of the table as a ``[n_positions, n_layers]`` float64 grid (NaN where absent), for plots.

    Args:
        score: "bypass", "induce" or "kl".
    """
    if score not in ("bypass", "induce", "kl"):
        raise ValueError(f"score must be 'bypass', 'induce' or 'kl', got {score!r}.")
    n_pos = 1 + max(row.pos_index for row in table)
    n_layers = 1 + max(row.layer for row in table)
    grid = torch.full((n_pos, n_layers), math.nan, dtype=torch.float64)
    for row in table:
        grid[row.pos_index, row.layer] = getattr(row, score)
    return grid
