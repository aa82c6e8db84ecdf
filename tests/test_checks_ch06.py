"""Chapter 06 checks (orthogonalizing a matrix, an embedding, a bias, a whole model) coach a learner: named wrong
solutions get their diagnosis, solutions written differently from the reference pass. The whole model is checked by
what the new model DOES (its logits), so a state-dict solution passes and untying tied embeddings is required."""

from __future__ import annotations

import copy

import pytest
import torch
import torch.nn.functional as F
from checks_helpers import assert_mistakes_named, assert_not_attempted, expect, expect_pass
from torch import nn

from course_utils.exercises import check, get


def _projector(direction: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    r = F.normalize(direction.to(dtype), dim=0)
    return torch.eye(r.shape[0], dtype=dtype) - torch.outer(r, r)


# ------------------------------------------------------------------------------------ 06.orthogonalize_matrix


def test_orthogonalize_matrix() -> None:
    ex = "06.orthogonalize_matrix"
    expect_pass(ex, lambda W, direction: _projector(direction, W.dtype) @ W)  # (I - r r^T) W
    expect(
        ex, lambda W, direction: W - torch.outer(direction, direction @ W), "alternative", "did not normalise"
    )
    along = lambda W, direction: W - _projector(direction, W.dtype) @ W
    expect(ex, along, "alternative", "you returned the part of W along r_hat")
    rows = lambda W, direction: W @ _projector(direction, W.dtype)
    expect(ex, rows, "alternative", "you projected the rows")  # case 1 is square: the wrong side is named
    in_place = lambda W, direction: W.copy_(_projector(direction, W.dtype) @ W)
    expect(ex, in_place, "modified_input", "modified `W` in place")


# --------------------------------------------------------------------------------- 06.orthogonalize_embedding


def test_orthogonalize_embedding() -> None:
    ex = "06.orthogonalize_embedding"
    expect_pass(
        ex, lambda W_E, direction: W_E @ _projector(direction, W_E.dtype)
    )  # each row times (I - r r^T)
    raw = lambda W_E, direction: W_E - torch.outer(W_E @ direction, direction)
    expect(ex, raw, "alternative", "did not normalise")
    along = lambda W_E, direction: W_E - W_E @ _projector(direction, W_E.dtype)
    expect(ex, along, "alternative", "you returned the part of W_E along r_hat")
    columns = lambda W_E, direction: _projector(direction, W_E.dtype) @ W_E
    expect(ex, columns, "alternative", "you projected the columns")  # square case first
    transposed = lambda W_E, direction: (W_E @ _projector(direction, W_E.dtype)).T
    expect(ex, transposed, "transposed", "the transpose of the expected one")


# ------------------------------------------------------------------------------------- 06.orthogonalize_bias


def test_orthogonalize_bias() -> None:
    ex = "06.orthogonalize_bias"
    expect_pass(ex, lambda b, direction: _projector(direction, b.dtype) @ b)
    raw = lambda b, direction: b - (b @ direction) * direction
    expect(ex, raw, "alternative", "did not normalise")
    along = lambda b, direction: b - _projector(direction, b.dtype) @ b
    expect(ex, along, "alternative", "you returned the part of b along r_hat")
    matrix = lambda b, direction: (_projector(direction, b.dtype) @ b)[:, None]
    expect(ex, matrix, "wrong_shape", "wrong shape: got (12, 1), expected (12,)")
    in_place = lambda b, direction: b.sub_(
        (b @ F.normalize(direction, dim=0)) * F.normalize(direction, dim=0)
    )
    expect(ex, in_place, "modified_input", "modified `b` in place")


# --------------------------------------------------------------------------------------------------------------
# 06.orthogonalize_weights
# --------------------------------------------------------------------------------------------------------------
def _trained_like(model):
    """A copy of a tiny random model whose norm weights and biases are not at their init values (1 and 0), as in a
    trained model: otherwise an untouched unembedding or bias makes no difference and the mistakes cannot show."""
    model = copy.deepcopy(model)
    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for name, param in model.bridge.original_model.named_parameters():
            if "norm" in name or "ln" in name or name.endswith("bias"):
                param.add_(0.5 * torch.randn(param.shape, generator=gen))
    return model


def _learner_orthogonalize(
    hf, direction, writers, *, untie=True, copy_first=True, biases=True, embedding=True
):
    """A learner's version through the state dict: P = I - r r^T applied on the d_model axis of each writer."""
    new = copy.deepcopy(hf) if copy_first else hf
    emb, unemb = new.get_input_embeddings(), new.get_output_embeddings()
    if untie and unemb.weight is emb.weight:
        unemb.weight = nn.Parameter(emb.weight.detach().clone())
    P = _projector(direction, torch.float64)
    with torch.no_grad():
        for name in writers:
            module = new.get_submodule(name)
            W = module.weight
            if isinstance(module, nn.Linear):
                W.copy_((P @ W.double()).to(W.dtype))  # [d_model, d_in]: d_model first
            elif embedding or not isinstance(module, nn.Embedding):
                W.copy_((W.double() @ P).to(W.dtype))  # embeddings and GPT-2's Conv1D: d_model last
            if biases and getattr(module, "bias", None) is not None:
                module.bias.copy_((P @ module.bias.double()).to(module.bias.dtype))
    return new


@pytest.mark.parametrize(
    ("arch", "kwargs"), [("qwen2", {"tied": True}), ("gpt2", {}), ("llama", {"bias": True})]
)
def test_orthogonalize_weights_accepts_a_state_dict_solution(arch, kwargs, load_tiny, capsys):
    assert check("06.orthogonalize_weights", _learner_orthogonalize, model=load_tiny(arch, **kwargs)).passed


@pytest.mark.parametrize(
    ("arch", "kwargs", "mistake", "diagnosis"),
    [
        ("qwen2", {}, {"untie": False}, "you did not untie"),
        ("qwen2", {}, {"copy_first": False}, "you edited the original model in place"),
        ("llama", {"bias": True}, {"biases": False}, "you did not orthogonalize the biases"),
        ("qwen2", {}, {"embedding": False}, "you left the embedding out"),
    ],
)
def test_orthogonalize_weights_names_each_wrong_solution(arch, kwargs, mistake, diagnosis, load_tiny, capsys):
    def wrong(hf, direction, writers):
        return _learner_orthogonalize(hf, direction, writers, **mistake)

    result = check("06.orthogonalize_weights", wrong, model=_trained_like(load_tiny(arch, **kwargs)))
    assert result.status == "alternative" and diagnosis in result.message, result.message


# ------------------------------------------------------------------------------------------ every exercise

CHAPTER_06 = ["06.orthogonalize_matrix", "06.orthogonalize_embedding", "06.orthogonalize_bias"]
P64 = torch.float64


# Right answers written another way than the references: an explicit projector matrix in float64.
INDEPENDENT = {
    "06.orthogonalize_matrix": lambda W, direction: (_projector(direction, P64) @ W.double()).to(W.dtype),
    "06.orthogonalize_embedding": lambda W_E, direction: (W_E.double() @ _projector(direction, P64)).to(
        W_E.dtype
    ),
    "06.orthogonalize_bias": lambda b, direction: (_projector(direction, P64) @ b.double()).to(b.dtype),
}


@pytest.mark.parametrize("exercise_id", CHAPTER_06)
def test_reference_and_an_independent_solution_pass(exercise_id, capsys):
    expect_pass(exercise_id, get(exercise_id).reference)
    expect_pass(exercise_id, INDEPENDENT[exercise_id])


@pytest.mark.parametrize("exercise_id", CHAPTER_06)
def test_each_named_mistake_is_diagnosed_by_name(exercise_id, capsys):
    assert_mistakes_named(exercise_id, at_least=2)


@pytest.mark.parametrize("exercise_id", CHAPTER_06)
def test_a_stub_is_not_attempted_and_an_identity_is_wrong(exercise_id, capsys):
    assert_not_attempted(exercise_id)
    identity = lambda **kwargs: next(iter(kwargs.values())).clone()  # returns the weight unchanged
    assert not check(exercise_id, identity).passed


def test_the_result_has_no_component_along_the_direction():
    """The invariant behind all three exercises, on every case: r_hat . (each written vector) = 0."""
    for exercise_id, written in [
        ("06.orthogonalize_matrix", lambda out: out.T),  # columns of [d_out, d_in]
        ("06.orthogonalize_embedding", lambda out: out),  # rows of [d_vocab, d_model]
        ("06.orthogonalize_bias", lambda out: out[None]),
    ]:
        exercise = get(exercise_id)
        for case in exercise.cases({}):
            r_hat = case["direction"] / case["direction"].norm()
            out = exercise.reference(**case)
            assert (written(out) @ r_hat).abs().max() < 1e-5, exercise_id
