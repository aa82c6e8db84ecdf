"""The core exercises of chapters 05 and 06: the ablation hook set (every write to the residual stream) and the
orthogonalization of a whole model (untying tied embeddings). Both are checked by what their result DOES (logits
under the hooks, logits of the new model), so different correct answers pass and each named mistake is named."""

from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from course_utils import interventions
from course_utils.exercises import check


# --------------------------------------------------------------------------------------------------------------
# 05.ablation_hooks
# --------------------------------------------------------------------------------------------------------------
def _learner_hooks(model, direction, *, points=None, normalise=True, sign=-1.0, leak=False):
    r = direction.float()
    if normalise:
        r = r / r.norm()

    def remove(act, hook=None):
        return act + sign * torch.einsum("...d,d->...", act, r.to(act.dtype))[..., None] * r.to(act.dtype)

    if points is None:
        points = ["hook_embed"] + [
            f"blocks.{i}.hook_{k}" for i in range(model.n_layers) for k in ("attn_out", "mlp_out")
        ]
    if leak:
        model.bridge.add_hook("blocks.0.hook_resid_pre", lambda act, hook=None: act)
    return [(p, remove) for p in points]


def _colab_set(model, direction):
    """Right, written differently: the stream itself at every point (resid_pre, resid_mid, resid_post)."""
    points = [
        f"blocks.{i}.hook_{k}"
        for i in range(model.n_layers)
        for k in ("resid_pre", "resid_mid", "resid_post")
    ]
    return _learner_hooks(model, direction, points=points)


@pytest.mark.parametrize("arch", ["qwen2", "gpt2"])
def test_ablation_hooks_accepts_the_minimal_set_and_the_stream_everywhere(arch, load_tiny, capsys):
    model = load_tiny(arch)
    if arch == "qwen2":  # hook_embed is the only embedding write for a model without positional embeddings
        assert check("05.ablation_hooks", _learner_hooks, model=model).passed
    assert check("05.ablation_hooks", _colab_set, model=model).passed


def _pts(model, *kinds):
    return [f"blocks.{i}.hook_{k}" for i in range(model.n_layers) for k in kinds]


def _paper(model):
    """The docstring's set (every block input too): a non-idempotent mistake then matches its named version."""
    return _pts(model, "resid_pre", "attn_out", "mlp_out")


@pytest.mark.parametrize(
    ("wrong", "diagnosis"),
    [
        (
            lambda m, d: _learner_hooks(m, d, points=_pts(m, "attn_out", "mlp_out")),
            "you missed the first write",
        ),
        (
            lambda m, d: _learner_hooks(m, d, points=_pts(m, "resid_pre", "resid_post")),
            "you hooked the input and output of each block",
        ),
        (
            lambda m, d: _learner_hooks(m, d, points=_pts(m, "resid_pre")),
            "you hooked only the input of every block",
        ),
        (lambda m, d: _learner_hooks(m, d, points=_paper(m), normalise=False), "you did not normalise"),
        (lambda m, d: _learner_hooks(m, d, points=_paper(m), sign=+1.0), "you added the component"),
    ],
)
def test_ablation_hooks_names_each_wrong_hook_set(wrong, diagnosis, tiny_model, capsys):
    result = check("05.ablation_hooks", lambda model, direction: wrong(model, direction), model=tiny_model)
    assert result.status == "alternative" and diagnosis in result.message, result.message


def test_ablation_hooks_catches_a_leaked_hook_and_a_bad_name(tiny_model, capsys):
    try:
        leaky = check("05.ablation_hooks", lambda **c: _learner_hooks(**c, leak=True), model=tiny_model)
    finally:
        tiny_model.bridge.reset_hooks()
    assert leaky.status == "hook_leak", leaky.message
    bad = check(
        "05.ablation_hooks", lambda **c: _learner_hooks(**c, points=["blocks.0.hook_nope"]), model=tiny_model
    )
    assert bad.status == "error" and "could not be used" in bad.message, bad.message


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
    r = direction.double() / direction.double().norm()
    P = torch.eye(len(r), dtype=torch.float64) - torch.outer(r, r)
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


@pytest.mark.parametrize(("arch", "kwargs"), [("qwen2", {"tied": True}), ("gpt2", {})])
def test_orthogonalized_weights_equal_hook_ablation(arch, kwargs, load_tiny):
    """The point of chapter 06: the edited weights compute what the ablation hooks compute."""
    from course_utils.hooks import hooks

    model = load_tiny(arch, **kwargs)
    r = torch.randn(model.d_model, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    hf = interventions.plain_hf_model(model, untie=False)
    new = interventions.orthogonalize_weights(hf, r, interventions.residual_writers(model, hf))
    assert new.get_output_embeddings().weight is not new.get_input_embeddings().weight
    ids = model.tokenize(
        ["Write a poem about the sea."]
    )  # one prompt: no padding (HF GPT-2 has no position ids)
    with torch.inference_mode():
        edited = new(**ids).logits[:, -1]
        with hooks(model, interventions.ablation_hooks(model, r)):
            hooked = model.bridge(ids["input_ids"], attention_mask=ids["attention_mask"])[:, -1]
        untouched = hf(**ids).logits[:, -1]
        clean = model.bridge(ids["input_ids"], attention_mask=ids["attention_mask"])[:, -1]
    assert torch.allclose(edited, hooked, atol=1e-4, rtol=1e-4)
    assert torch.allclose(untouched, clean, atol=1e-5) and not torch.allclose(edited, clean, atol=1e-3)


def test_orthogonalize_weights_in_place_edits_and_returns_the_same_model(tiny_model):
    hf = interventions.plain_hf_model(tiny_model, untie=False)
    r = torch.randn(tiny_model.d_model, dtype=torch.float64)
    copied = interventions.orthogonalize_weights(hf, r, interventions.residual_writers(tiny_model, hf))
    assert copied is not hf and float((hf.get_input_embeddings().weight.double() @ r).abs().max()) > 1e-3
    same = interventions.orthogonalize_weights(
        hf, r, interventions.residual_writers(tiny_model, hf), in_place=True
    )
    assert same is hf
    assert torch.allclose(hf.get_input_embeddings().weight, copied.get_input_embeddings().weight)
