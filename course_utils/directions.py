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
"""

from __future__ import annotations

import math
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import torch
from torch import Tensor

from course_utils.activations import mean_activations
from course_utils.interventions import ablation_hooks, addition_hooks
from course_utils.metrics import (
    FwdHooks,
    forward_last_logits,
    kl_div,
    last_position_logits,
    refusal_score,
    refusal_scores,
)
from course_utils.models import REPO_ROOT, ChatModel
from course_utils.progress import tqdm
from course_utils.registry import MODEL_REGISTRY, ORGANISM


# --------------------------------------------------------------------------------------------------------------
# Candidate directions
# --------------------------------------------------------------------------------------------------------------
def diff_of_means(harmful_acts: Tensor, harmless_acts: Tensor) -> Tensor:
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

    def ablated(cand: Tensor) -> FwdHooks:
        return ablation_hooks(model, directions[cand])

    def added(cand: Tensor) -> FwdHooks:
        return _mixed_addition_hooks(model, directions[cand], layers[cand])

    n_rows = len(directions) * (len(harmful_val) + 2 * len(harmless_val))
    show = n_rows > batch_size if progress is None else progress
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


def _mixed_addition_hooks(model: ChatModel, vectors: Tensor, layers: Tensor) -> FwdHooks:
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
    hooks_fn: Callable[[Tensor], FwdHooks],
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
    """

    pos_index: int
    position: int
    layer: int
    direction: Tensor = field(repr=False)
    table: list[CandidateScore] = field(repr=False)
    passed_filters: bool = True

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
) -> DirectionSelection:
    """Score every candidate (``score_candidates``) and choose one (``filter_candidates``).

    Args:
        candidates: ``[n_positions, n_layers, d_model]`` from ``candidate_directions``.
        harmful_val, harmless_val: validation prompts (not those the candidates were computed from).
        fallback: when no candidate passes the filters, take the lowest bypass score among the candidates
            that are neither NaN nor too deep (``passed_filters=False`` in the result) instead of raising.

    Raises:
        NoDirectionSelected: every candidate was discarded and ``fallback`` is False (it carries the table).
    """
    table = score_candidates(
        model, candidates, harmful_val, harmless_val, batch_size=batch_size, progress=progress
    )
    table = filter_candidates(
        table,
        model.n_layers,
        kl_threshold=kl_threshold,
        max_layer_frac=max_layer_frac,
        induce_threshold=induce_threshold,
    )
    chosen = [row for row in table if row.discarded is None]
    if not chosen and fallback:
        chosen = sorted(
            (row for row in table if row.discarded not in ("NaN score", "too deep")),
            key=lambda row: row.bypass,
        )
    if not chosen:
        raise NoDirectionSelected(table)
    row = chosen[0]
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
) -> DirectionSelection:
    """The whole method on the course's data, as used by the chapters after 04.

    The first ``n_train`` training prompts of each class (128 as in the paper; None = all), filtered by refusal
    (``filter_prompts_by_refusal``; unfiltered, with a warning, if fewer than 8 of a class would remain), give
    the candidates; the first ``n_val`` validation prompts of each class (32 as in the paper) select one
    (``select_direction``).

    With ``cache=True`` the result is stored in ``cache_dir`` (default ``build/cache/refusal_direction/``) under
    a fingerprint of the model's weights, its chat format, the data, the arguments and the source of the
    refusal library, so the chapters after 04 do not repeat the selection; any change recomputes it.
    """
    path = Path(cache_dir or DEFAULT_CACHE_DIR) / f"{_fingerprint(model, fallback, n_train, n_val)}.pt"
    if cache and path.is_file():
        return _load_selection(path)
    selection = _refusal_direction(model, fallback, n_train, n_val, batch_size, progress)
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


DEFAULT_CACHE_DIR = Path(__file__).resolve().parent.parent / "build" / "cache" / "refusal_direction"


def _fingerprint(model: ChatModel, *args: object) -> str:
    """sha256 (first 16 hex digits) of everything the selection depends on."""
    import hashlib

    from course_utils import data, interventions, metrics

    digest = hashlib.sha256()
    for part in (model.name, model.post_instruction_ids, model.refusal_token_ids, args):
        digest.update(repr(part).encode())
    with torch.no_grad():
        for name, param in model.bridge.original_model.named_parameters():
            stats = (name, tuple(param.shape), float(param.double().sum()), float(param.double().abs().sum()))
            digest.update(repr(stats).encode())
    digest.update(data.INSTRUCTIONS_FILE.read_bytes())
    for module in (sys.modules[__name__], metrics, interventions):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def _save_selection(selection: DirectionSelection, path: Path) -> None:
    record = {
        "pos_index": selection.pos_index,
        "position": selection.position,
        "layer": selection.layer,
        "direction": selection.direction,
        "passed_filters": selection.passed_filters,
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
