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

The scores are computed in ``course_utils.candidate_scores`` (re-exported here: ``CandidateScore``,
``score_candidate``, ``score_candidates``, ``screen_scores``); this module chooses among them.
``score_candidate`` is the plain definition for one candidate. ``select_direction`` has three exact ways to the
paper's choice ("batched": every score, for the plots; "loop": ``score_candidate`` one after the other; "fast":
the same choice and bit-for-bit the same scores with less work) and one approximation for slow machines
("screened": ``screen_scores`` ranks the candidates from one activation pass, only the top k are scored).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import torch
from jaxtyping import Float
from torch import Tensor

from course_utils._paths import BUILD_DIR, REPO_ROOT
from course_utils.activations import mean_activations
from course_utils.candidate_scores import (
    CandidateScore,
    fast_scores_table,
    score_candidates,
    score_candidates_loop,
    screen_scores,
    top_screened,
)
from course_utils.candidate_scores import score_candidate as score_candidate  # re-exported: the public API
from course_utils.metrics import refusal_scores
from course_utils.models import ChatModel
from course_utils.registry import MODEL_REGISTRY, ORGANISM, PLANTED_DIRECTION_FILE


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

    As in the paper, so that the classes differ in the model's behaviour, not only in their topic. The paper's
    code filters the validation prompts the same way (``filter_train`` and ``filter_val``, both on by default,
    in ``pipeline/config.py`` of github.com/andyrdt/refusal_direction): a harmless validation prompt the model
    already refuses would otherwise count in every candidate's KL (ablation removes its refusal, a change of
    several nats at the first token) and a harmful one it does not refuse in every bypass score.
    """
    kw = dict(batch_size=batch_size, progress=progress)
    harmful_scores = refusal_scores(model, harmful, **kw)
    harmless_scores = refusal_scores(model, harmless, **kw)
    kept_harmful = [p for p, s in zip(harmful, harmful_scores.tolist(), strict=True) if s > 0]
    kept_harmless = [p for p, s in zip(harmless, harmless_scores.tolist(), strict=True) if s < 0]
    return kept_harmful, kept_harmless


def kept_or_all(
    model: ChatModel,
    harmful: Sequence[str],
    harmless: Sequence[str],
    what: str,
    *,
    batch_size: int = 32,
    progress: bool | None = None,
) -> tuple[list[str], list[str]]:
    """``filter_prompts_by_refusal``, or every prompt (with a warning) if fewer than 8 of a class would remain.

    ``what`` names the prompts in the warning ("training", "validation"). A model that refuses almost nothing (a
    base model, random weights) leaves too few prompts to average over; the method then runs on all of them.
    """
    kept_harmful, kept_harmless = filter_prompts_by_refusal(
        model, harmful, harmless, batch_size=batch_size, progress=progress
    )
    if min(len(kept_harmful), len(kept_harmless)) >= 8:
        return kept_harmful, kept_harmless
    warnings.warn(
        f"only {len(kept_harmful)} harmful {what} prompts are refused and {len(kept_harmless)} harmless ones are "
        f"not: using all {what} prompts.",
        UserWarning,
        stacklevel=4,  # the caller of refusal_direction
    )
    return list(harmful), list(harmless)


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
        prompts_used: set by ``refusal_direction``: how many prompts of each class the candidates
            ("harmful_train", "harmless_train") and the selection ("harmful_val", "harmless_val") were computed on,
            after the refusal filter (``kept_or_all``: all of them when it would keep fewer than 8). Empty when
            ``select_direction`` was called directly.
    """

    pos_index: int
    position: int
    layer: int
    direction: Tensor = field(repr=False)
    table: list[CandidateScore] = field(repr=False)
    passed_filters: bool = True
    method: str = "batched"
    prompts_used: dict[str, int] = field(default_factory=dict)

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
            only = set(top_screened(scores, top_k, max_layer_frac))
        table = fast_scores_table(
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
        score = score_candidates if method == "batched" else score_candidates_loop
        table = score(model, candidates, harmful_val, harmless_val, batch_size=batch_size, progress=progress)
        table = filter_candidates(table, model.n_layers, **thresholds)
    else:
        raise ValueError(f"method must be one of {SELECTION_METHODS}, got {method!r}.")
    return replace(_selection(candidates, table, fallback), method=method)


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
    splits: tuple[str, str] = ("train", "val"),
) -> DirectionSelection:
    """The whole method on the course's data, as used by the chapters after 04.

    The first ``n_train`` training prompts of each class (128 as in the paper; None = all), filtered by refusal,
    give the candidates; the first ``n_val`` validation prompts of each class (32 as in the paper), filtered the
    same way, select one (``select_direction(..., method=method, top_k=top_k)``). Both filters are
    ``kept_or_all``: every prompt, with a warning, if fewer than 8 of a class would remain. ``splits`` names the
    data's training and validation splits (the organism's evaluation also selects on ``("held_out_train",
    "held_out_val")``, requests in phrasings its training never used).

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
    key = _fingerprint(
        model, fallback, n_train, n_val, method, top_k if method == "screened" else None, tuple(splits)
    )
    path = Path(cache_dir or DEFAULT_CACHE_DIR) / f"{key}.pt"
    if cache and path.is_file():
        return _load_selection(path)
    selection = _refusal_direction(
        model, fallback, n_train, n_val, batch_size, progress, method, top_k, tuple(splits)
    )
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
    splits: tuple[str, str],
) -> DirectionSelection:
    from course_utils.data import load_instructions

    kw = dict(batch_size=batch_size, progress=progress)
    train, val = splits
    harmful, harmless = kept_or_all(
        model,
        load_instructions("harmful", train)[:n_train],
        load_instructions("harmless", train)[:n_train],
        "training",
        **kw,
    )
    candidates = candidate_directions(model, harmful, harmless, **kw)
    harmful_val, harmless_val = kept_or_all(
        model,
        load_instructions("harmful", val)[:n_val],
        load_instructions("harmless", val)[:n_val],
        "validation",
        **kw,
    )
    selection = select_direction(
        model,
        candidates,
        harmful_val,
        harmless_val,
        batch_size=batch_size,
        progress=progress,
        fallback=fallback,
        method=method,
        top_k=top_k,
    )
    used = (harmful, harmless, harmful_val, harmless_val)
    names = ("harmful_train", "harmless_train", "harmful_val", "harmless_val")
    return replace(selection, prompts_used={k: len(v) for k, v in zip(names, used, strict=True)})


def planted_direction(model: ChatModel | str | Path) -> Tensor | None:
    """The direction a model organism's refusal was planted along (`PLANTED_DIRECTION_FILE` in its folder), else None.

    Only the course's organism has one (its safety tuning made refusal run through it; see its model card); for a
    real chat model there is no ground truth and this returns None. Returns ``[d_model]`` float64, unit norm.
    """
    name = model.name if isinstance(model, ChatModel) else str(model)
    folder = REPO_ROOT / MODEL_REGISTRY[ORGANISM].local_dir if name == ORGANISM else Path(name).expanduser()
    path = folder / PLANTED_DIRECTION_FILE
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
        "prompts_used": selection.prompts_used,
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
