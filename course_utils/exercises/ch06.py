"""Chapter 06 (weight orthogonalization): checked exercises. References live in `course_utils.interventions`.

The first case of each matrix exercise is square, so that projecting the wrong side of the matrix is *named* by
its diagnosis; the later cases are not square (the same mistake would be a shape error there). Directions are not
unit vectors, so a forgotten normalisation shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from course_utils import interventions, models
from course_utils.exercises.registry import Case, Exercise, register

D_MODEL = 12


def _unit(direction: torch.Tensor) -> torch.Tensor:
    return direction / direction.norm()


def _matrix_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(W=torch.randn(D_MODEL, D_MODEL), direction=0.3 * torch.randn(D_MODEL)),
        dict(W=torch.randn(D_MODEL, 20), direction=3.0 * torch.randn(D_MODEL)),
        dict(W=torch.randn(D_MODEL, 5), direction=torch.randn(D_MODEL)),
    ]


def _embedding_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(W_E=torch.randn(D_MODEL, D_MODEL), direction=0.5 * torch.randn(D_MODEL)),
        dict(W_E=torch.randn(30, D_MODEL), direction=2.0 * torch.randn(D_MODEL)),
    ]


def _bias_cases(ctx: Mapping[str, Any]) -> list[Case]:
    return [
        dict(b=torch.randn(D_MODEL), direction=4.0 * torch.randn(D_MODEL)),
        dict(b=torch.randn(D_MODEL) + 1.0, direction=0.2 * torch.randn(D_MODEL)),
    ]


def _left(W: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
    """W - r (r^T W): remove r from each column (r is used as given, normalised or not)."""
    return W - torch.outer(r, r @ W)


def _right(W: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
    """W - (W r) r^T: remove r from each row (r is used as given)."""
    return W - torch.outer(W @ r, r)


def _square(W: torch.Tensor) -> bool:
    """Projecting the wrong side of W is only a *named* mistake for square W (elsewhere it is a shape error)."""
    return W.shape[0] == W.shape[1]


register(
    Exercise(
        id="06.orthogonalize_matrix",
        reference=interventions.orthogonalize_matrix,
        title="Remove a direction from everything a matrix writes",
        difficulty=2,
        importance=5,
        minutes=10,
        hints=(
            "Each column of W is a vector written into the residual stream; remove its component along the unit direction.",
            "With the unit direction r, every column w loses (r . w) r; for all columns at once that is W minus an outer product of r with (r^T W).",
        ),
        cases=_matrix_cases,
        alternatives={
            "you did not normalise the direction: use r_hat = direction / direction.norm()": (
                lambda W, direction: _left(W, direction)
            ),
            "you returned the part of W along r_hat (r_hat r_hat^T W); subtract it from W instead": (
                lambda W, direction: W - _left(W, _unit(direction))
            ),
            "you projected the rows (W - (W r_hat) r_hat^T): an nn.Linear weight is [d_out, d_in] and its "
            "columns are what it writes, so multiply by (I - r_hat r_hat^T) from the left": (
                lambda W, direction: _right(W, _unit(direction)) if _square(W) else None
            ),
        },
    )
)

register(
    Exercise(
        id="06.orthogonalize_embedding",
        reference=interventions.orthogonalize_embedding,
        title="Remove a direction from the embedding",
        difficulty=2,
        importance=4,
        minutes=8,
        hints=(
            "In an embedding matrix the ROWS are what gets written into the stream.",
            "Transpose so the written vectors are columns, apply your column-wise orthogonalization, transpose back.",
        ),
        cases=_embedding_cases,
        alternatives={
            "you did not normalise the direction: use r_hat = direction / direction.norm()": (
                lambda W_E, direction: _right(W_E, direction)
            ),
            "you returned the part of W_E along r_hat; subtract it from W_E instead": (
                lambda W_E, direction: W_E - _right(W_E, _unit(direction))
            ),
            "you projected the columns, as for an nn.Linear weight: the embedding is stored [d_vocab, d_model] "
            "and each ROW is the vector written for one token": (
                lambda W_E, direction: _left(W_E, _unit(direction)) if _square(W_E) else None
            ),
        },
    )
)

register(
    Exercise(
        id="06.orthogonalize_bias",
        reference=interventions.orthogonalize_bias,
        title="Remove a direction from a bias",
        difficulty=1,
        importance=3,
        minutes=5,
        hints=(
            "A bias is a single vector written into the stream at every position.",
            "Remove its component along the unit direction, exactly as for one column of a matrix.",
        ),
        cases=_bias_cases,
        alternatives={
            "you did not normalise the direction: use r_hat = direction / direction.norm()": (
                lambda b, direction: b - (b @ direction) * direction
            ),
            "you returned the part of b along r_hat, (b . r_hat) r_hat; subtract it from b instead": (
                lambda b, direction: (b @ _unit(direction)) * _unit(direction)
            ),
        },
    )
)


# --------------------------------------------------------------------------------------------------------------
# 06.orthogonalize_weights
# --------------------------------------------------------------------------------------------------------------
def _weights_cases(ctx: Mapping[str, Any]) -> list[Case]:
    """The model's own weights (as a plain HF model), and a TIED variant of them (the unembedding is the
    embedding matrix), so that forgetting to untie shows on any model."""
    import copy

    model = ctx["model"]
    hf = models.plain_hf_model(model, untie=True)
    writers = interventions.residual_writers(model, hf)
    tied = copy.deepcopy(hf)
    tied.get_output_embeddings().weight = tied.get_input_embeddings().weight
    return [
        dict(hf=hf, direction=2.0 * torch.randn(model.d_model, dtype=torch.float64), writers=writers),
        dict(hf=tied, direction=0.3 * torch.randn(model.d_model, dtype=torch.float64), writers=writers),
    ]


def _what_the_models_say(new: Any, case: Case) -> dict[str, torch.Tensor]:
    """What a weight edit DOES: last-position logits of the new model, and of the original (it must not change)."""
    gen = torch.Generator().manual_seed(0)
    vocab = case["hf"].get_input_embeddings().weight.shape[0]
    ids = torch.randint(vocab, (2, 9), generator=gen).to(case["hf"].device)

    def logits(m: Any) -> torch.Tensor:
        with torch.inference_mode():
            return m(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[:, -1].float().cpu()

    return {
        "your model's logits": logits(new),
        "the original model's logits (it must not change)": logits(case["hf"]),
    }


def _edit(
    hf: Any,
    direction: torch.Tensor,
    writers: Any,
    *,
    copy_first: bool = True,
    untie: bool = True,
    biases: bool = True,
    skip_embedding: bool = False,
    unembedding: bool = False,
) -> Any:
    """orthogonalize_weights with one ingredient changed (the named mistakes)."""
    import copy

    from torch import nn

    new = copy.deepcopy(hf) if copy_first else hf
    emb, unemb = new.get_input_embeddings(), new.get_output_embeddings()
    if untie and unemb.weight is emb.weight:
        unemb.weight = nn.Parameter(emb.weight.detach().clone())
    r = _unit(direction.double())
    with torch.no_grad():
        for name in writers:
            module = new.get_submodule(name)
            W = module.weight
            if isinstance(module, nn.Linear):
                W.copy_(_left(W.double(), r).to(W.dtype))
            elif not skip_embedding:
                W.copy_(_right(W.double(), r).to(W.dtype))
            if biases and getattr(module, "bias", None) is not None:
                module.bias.copy_(module.bias - (module.bias.double() @ r * r).to(module.bias.dtype))
        if unembedding:
            unemb.weight.copy_(_right(unemb.weight.double(), r).to(unemb.weight.dtype))
    return new


register(
    Exercise(
        id="06.orthogonalize_weights",
        reference=interventions.orthogonalize_weights,
        title="Orthogonalize a whole model (and untie its embeddings)",
        difficulty=3,
        importance=5,
        minutes=25,
        hints=(
            "Work on a deep copy. Which matrices write to the stream is given (`writers`); for each, which of its "
            "axes is d_model? And look at the unembedding: is it a separate matrix, or the embedding itself?",
            "Deep-copy the model; if get_output_embeddings().weight IS get_input_embeddings().weight, give the "
            "unembedding its own Parameter (a clone); then, under no_grad, replace each writer's weight (and bias) "
            "with your chapter-06 functions, in float64.",
        ),
        cases=_weights_cases,
        evaluate=_what_the_models_say,
        alternatives={
            "you did not untie: in a tied model the unembedding IS the embedding matrix, so editing the "
            "embedding also edited the unembedding (which reads from the stream and must keep its values)": (
                lambda hf, direction, writers: _edit(hf, direction, writers, untie=False)
            ),
            "you edited the original model in place: deep-copy it first (copy.deepcopy), then edit the copy": (
                lambda hf, direction, writers: _edit(hf, direction, writers, copy_first=False)
            ),
            "you did not orthogonalize the biases: a bias is added to the stream too (b - (b . r_hat) r_hat)": (
                lambda hf, direction, writers: _edit(hf, direction, writers, biases=False)
            ),
            "you also orthogonalized the unembedding: it READS from the stream (it is not a write), so it keeps "
            "its values": lambda hf, direction, writers: _edit(hf, direction, writers, unembedding=True),
            "you left the embedding out: it is the first write to the residual stream": (
                lambda hf, direction, writers: _edit(hf, direction, writers, skip_embedding=True)
            ),
        },
        atol=1e-4,
        rtol=1e-4,
        requires=("model",),
    )
)
