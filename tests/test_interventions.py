"""course_utils.interventions: the math vs explicit projection matrices, hooks on tiny models, and weight
orthogonalization vs hook ablation (qwen2, llama with biases, tied qwen2, gpt2, and a post-norm Gemma-2)."""

from __future__ import annotations

import warnings

import pytest
import torch
from transformers import AutoModelForCausalLM, Gemma2Config

from course_utils import interventions
from course_utils.hooks import count_hooks, hooks
from course_utils.interventions import (
    ablate,
    ablation_hooks,
    add_direction,
    addition_hooks,
    orthogonalize,
    orthogonalize_bias,
    orthogonalize_embedding,
    orthogonalize_matrix,
    post_sublayer_norms,
)
from course_utils.metrics import last_position_logits
from course_utils.models import load_model, save_model
from tests.prompts import PROMPTS
from tests.tiny_models import build_tokenizer

D = 16


def _projector(r: torch.Tensor) -> torch.Tensor:
    """I - r_hat r_hat^T, built explicitly (float64)."""
    r_hat = r.double() / r.double().norm()
    return torch.eye(len(r), dtype=torch.float64) - torch.outer(r_hat, r_hat)


def test_ablate_is_the_orthogonal_projection() -> None:
    torch.manual_seed(0)
    x, r = torch.randn(3, 5, D, dtype=torch.float64), 7.0 * torch.randn(D, dtype=torch.float64)
    got = ablate(x, r)
    torch.testing.assert_close(got, x @ _projector(r))  # P is symmetric
    assert (got @ r).abs().max() < 1e-12
    torch.testing.assert_close(ablate(got, r), got)  # idempotent
    assert ablate(x.float(), r).dtype == torch.float32
    # one direction per batch row
    rows = torch.randn(3, D, dtype=torch.float64)
    per_row = ablate(x, rows[:, None, :])
    for i in range(3):
        torch.testing.assert_close(per_row[i], ablate(x[i], rows[i]))


def test_add_direction() -> None:
    x, v = torch.randn(2, 4, D), torch.randn(D)
    torch.testing.assert_close(add_direction(x, v, coeff=-2.0), x - 2.0 * v)
    torch.testing.assert_close(add_direction(x, v), x + v)


def test_a_direction_on_the_cpu_meets_activations_on_another_device() -> None:
    """The course keeps directions on the CPU (`select_direction`, the cache); on a GPU the activations are not.
    `meta` tensors stand in for a GPU's: the functions must move the direction, not fail on the device mismatch."""
    from course_utils.probing import cosine_similarity, scalar_projection

    x, r = torch.randn(2, 3, D, device="meta"), torch.randn(D, dtype=torch.float64)
    for out in (ablate(x, r), add_direction(x, r), scalar_projection(x, r), cosine_similarity(x, r)):
        assert (out.device.type, out.dtype) == ("meta", torch.float32)


def test_orthogonalize_matrix_embedding_bias() -> None:
    torch.manual_seed(1)
    r = 3.0 * torch.randn(D, dtype=torch.float64)
    W, x = torch.randn(D, 9, dtype=torch.float64), torch.randn(9, dtype=torch.float64)
    W_new = orthogonalize_matrix(W, r)
    torch.testing.assert_close(W_new, _projector(r) @ W)
    torch.testing.assert_close(W_new @ x, ablate(W @ x, r))  # writes the ablated output
    W_E = torch.randn(30, D, dtype=torch.float64)
    torch.testing.assert_close(orthogonalize_embedding(W_E, r), W_E @ _projector(r))
    assert (orthogonalize_embedding(W_E, r) @ r).abs().max() < 1e-12
    b = torch.randn(D, dtype=torch.float64)
    torch.testing.assert_close(orthogonalize_bias(b, r), _projector(r) @ b)


def _direction(model) -> torch.Tensor:
    """A direction with a large component in the stream: 3x the mean last-token resid_pre of layer 1."""
    enc = model.tokenize(PROMPTS)
    with torch.inference_mode():
        _, cache = model.bridge.run_with_cache(enc.input_ids, attention_mask=enc.attention_mask)
    return 3.0 * cache["blocks.1.hook_resid_pre"][:, -1].mean(0).double()


def _record(model, fwd_hooks, names) -> dict[str, torch.Tensor]:
    store: dict[str, torch.Tensor] = {}

    def saver(name):
        def save(activation, hook):
            store[name] = activation.detach().clone()

        return save

    enc = model.tokenize(PROMPTS)
    with hooks(model, list(fwd_hooks) + [(n, saver(n)) for n in names]), torch.inference_mode():
        model.bridge(enc.input_ids, attention_mask=enc.attention_mask)
    return store


@pytest.mark.parametrize("arch", ["qwen2", "gpt2"])
def test_ablation_removes_the_direction_everywhere(arch, load_tiny) -> None:
    model = load_tiny(arch)
    r = _direction(model)
    r_hat = (r / r.norm()).float()
    fwd = ablation_hooks(model, r)
    writes = ("resid_pre", "attn_out", "mlp_out")  # the block's input, and the two sublayers' outputs
    assert [name for name, _ in fwd] == [
        f"blocks.{i}.hook_{k}" for i in range(model.n_layers) for k in writes
    ]
    assert len(fwd) == 3 * model.n_layers
    names = [
        f"blocks.{layer}.hook_{k}"
        for layer in range(model.n_layers)
        for k in ("resid_pre", "resid_mid", "resid_post")
    ]
    names += ["hook_embed", f"blocks.{model.n_layers - 1}.hook_attn_out"]
    clean = _record(model, [], names)
    ablated = _record(model, fwd, names)
    for name in names[:-2]:  # every residual, including what the final norm reads (last resid_post)
        scale = clean[name].abs().max()
        assert (ablated[name] @ r_hat).abs().max() < 1e-5 * scale, name
    assert (clean[f"blocks.{model.n_layers - 1}.hook_resid_post"] @ r_hat).abs().max() > 0.1
    assert (ablated[names[-1]] @ r_hat).abs().max() < 1e-5 * clean[names[-1]].abs().max()  # a sublayer write
    # hook_embed is not hooked: the raw embedding still has the direction, resid_pre of block 0 does not
    assert (ablated["hook_embed"] @ r_hat).abs().max() > 1e-3
    before = count_hooks(model)
    assert (
        last_position_logits(model, PROMPTS, fwd_hooks=fwd) - last_position_logits(model, PROMPTS)
    ).abs().max() > 1e-2
    assert count_hooks(model) == before


def test_per_row_ablation_equals_one_at_a_time(tiny_model) -> None:
    torch.manual_seed(2)
    directions = torch.randn(len(PROMPTS), tiny_model.d_model, dtype=torch.float64)
    batched = last_position_logits(tiny_model, PROMPTS, fwd_hooks=ablation_hooks(tiny_model, directions))
    for i, prompt in enumerate(PROMPTS):
        single = last_position_logits(
            tiny_model, [prompt], fwd_hooks=ablation_hooks(tiny_model, directions[i])
        )
        assert (batched[i] - single[0]).abs().max() < 1e-5


def test_addition_hooks(tiny_model) -> None:
    v = torch.randn(tiny_model.d_model, dtype=torch.float64)
    name = "blocks.1.hook_resid_pre"
    clean = _record(tiny_model, [], [name])[name]
    added = _record(tiny_model, addition_hooks(tiny_model, v, layer=1, coeff=-0.5), [name])[name]
    torch.testing.assert_close(added, clean - 0.5 * v.float())
    with pytest.raises(ValueError, match="layer must be in 0 .. 1"):
        addition_hooks(tiny_model, v, layer=2)
    with pytest.raises(ValueError, match="shape \\[d_model\\]"):
        addition_hooks(tiny_model, v[:5], layer=0)
    with pytest.raises(ValueError, match="zero vector"):
        ablation_hooks(tiny_model, torch.zeros(tiny_model.d_model))


@pytest.mark.parametrize(
    ("arch", "kwargs"), [("qwen2", {}), ("llama", {"bias": True}), ("qwen2", {"tied": True}), ("gpt2", {})]
)
def test_orthogonalize_equals_hook_ablation(arch, kwargs, load_tiny) -> None:
    model = load_tiny(arch, **kwargs)
    r = _direction(model)
    clean = last_position_logits(model, PROMPTS)
    hooked = last_position_logits(model, PROMPTS, fwd_hooks=ablation_hooks(model, r))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # exact architectures must not warn
        edited = orthogonalize(model, r)
    orth = last_position_logits(edited, PROMPTS)
    assert (hooked - clean).abs().max() > 1e-2  # the comparison is not trivially satisfied
    assert (orth - hooked).abs().max() <= 1e-4
    assert torch.equal(last_position_logits(model, PROMPTS), clean)  # the original is untouched
    hf = edited.bridge.original_model
    embed = hf.get_input_embeddings().original_component.weight
    assert (embed.double() @ (r / r.norm())).abs().max() < 1e-5


@pytest.mark.parametrize(("arch", "kwargs"), [("qwen2", {"tied": True}), ("gpt2", {})])
def test_orthogonalized_weights_equal_hook_ablation(arch, kwargs, load_tiny):
    """The point of chapter 06: the edited weights compute what the ablation hooks compute."""
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


def test_save_orthogonalized_model_reloads(load_tiny, tmp_path) -> None:
    model = load_tiny("qwen2", tied=True)
    edited = orthogonalize(model, _direction(model))
    path = save_model(edited, tmp_path / "edited")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        reloaded = load_model(path, device="cpu")
    assert reloaded.refusal_token_ids == model.refusal_token_ids
    assert reloaded.post_instruction_ids == model.post_instruction_ids
    assert torch.equal(last_position_logits(reloaded, PROMPTS), last_position_logits(edited, PROMPTS))


def _tiny_gemma2(path) -> str:
    tok = build_tokenizer()
    config = Gemma2Config(
        vocab_size=len(tok),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=16,
        max_position_embeddings=512,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
    )
    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(config).save_pretrained(path)
    tok.save_pretrained(path)
    return str(path)


def test_post_norm_architecture_warns(tmp_path, tiny_model) -> None:
    assert post_sublayer_norms(tiny_model) == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        gemma = load_model(_tiny_gemma2(tmp_path / "gemma2"), device="cpu")
    assert post_sublayer_norms(gemma) == ["ln1_post", "ln2_post"]
    r = _direction(gemma)
    with pytest.warns(UserWarning, match="only approximates hook ablation"):
        edited = orthogonalize(gemma, r)
    hooked = last_position_logits(gemma, PROMPTS, fwd_hooks=ablation_hooks(gemma, r))
    assert (last_position_logits(edited, PROMPTS) - hooked).abs().max() > 1e-3  # really not exact
