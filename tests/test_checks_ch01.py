"""Chapter 01 checks coach a learner (named wrong solutions, correct alternatives, leaked and stale hooks), on the
tiny Llama (tests/tiny_models.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import torch
from checks_helpers import assert_leak_named, assert_reference_stub_and_mistakes, expect, expect_pass

from course_utils import residual
from course_utils.exercises import check
from course_utils.hooks import count_hooks, resid_hook_name


@pytest.fixture(scope="module")
def model(load_tiny: Callable[..., Any]) -> Any:
    return load_tiny("llama")


# ------------------------------------------------------------------------------------------ 01.capture_resid


def capture_with_cache(model: Any, input_ids: torch.Tensor, attention_mask: torch.Tensor, layer: int) -> Any:
    """Correct, written differently: run_with_cache with a names filter instead of a hand-written hook."""
    name = f"blocks.{layer}.hook_resid_pre"
    with torch.inference_mode():
        _, cache = model.bridge.run_with_cache(input_ids, attention_mask=attention_mask, names_filter=[name])
    return cache[name].clone()


def _capture(model: Any, input_ids: Any, attention_mask: Any, name: str, mask: bool = True) -> Any:
    stored = {}

    def save(activation: torch.Tensor, hook: Any) -> None:
        stored["x"] = activation.clone()

    with model.bridge.hooks(fwd_hooks=[(name, save)]), torch.inference_mode():
        model.bridge(input_ids, attention_mask=attention_mask if mask else None)
    return stored["x"]


def test_capture_resid(model: Any) -> None:
    ex = "01.capture_resid"
    expect_pass(ex, capture_with_cache, model=model)
    post = lambda model, input_ids, attention_mask, layer: _capture(
        model, input_ids, attention_mask, resid_hook_name(layer, "resid_post")
    )
    expect(ex, post, "alternative", "you read hook_resid_post", model=model)
    mid = lambda model, input_ids, attention_mask, layer: _capture(
        model, input_ids, attention_mask, resid_hook_name(layer, "resid_mid")
    )
    expect(ex, mid, "alternative", "you read hook_resid_mid", model=model)
    unmasked = lambda model, input_ids, attention_mask, layer: _capture(
        model, input_ids, attention_mask, resid_hook_name(layer), mask=False
    )
    expect(ex, unmasked, "alternative", "without the attention mask", model=model)
    # layer 0 is the first case: reading layer - 1 only shows on a later case, with that case's inputs
    previous = lambda model, input_ids, attention_mask, layer: _capture(
        model, input_ids, attention_mask, resid_hook_name(max(layer - 1, 0))
    )
    result = expect(ex, previous, "alternative", "previous layer (layer - 1)", model=model)
    assert (
        "[case 2 of" in result.message and "input_ids (3, " in result.message and "layer=" in result.message
    )
    assert_leak_named(ex, residual.capture_resid, model)


def test_a_leak_raised_with_an_error_is_named_and_removed(model: Any) -> None:
    def half_done(model: Any, input_ids: Any, attention_mask: Any, layer: int) -> Any:
        model.bridge.add_hook(resid_hook_name(layer), lambda activation, hook: activation)
        raise RuntimeError("forgot the rest")

    expect(
        "01.capture_resid",
        half_done,
        "hook_leak",
        "it also raised: your function raised RuntimeError",
        model=model,
    )
    assert count_hooks(model) == 0


def test_a_raw_torch_hook_left_on_a_module_is_named_and_removed(model: Any) -> None:
    def raw(model: Any, input_ids: Any, attention_mask: Any, layer: int) -> Any:
        model.bridge.blocks[0].register_forward_hook(lambda module, args, output: None)
        return capture_with_cache(model, input_ids, attention_mask, layer)

    before = sum(len(m._forward_hooks) for m in model.bridge.modules())
    result = expect("01.capture_resid", raw, "hook_leak", "left 1 hook (", model=model)
    assert "layers.0)" in result.message or "blocks.0)" in result.message
    assert sum(len(m._forward_hooks) for m in model.bridge.modules()) == before


def test_a_half_written_function_that_leaks_then_raises_not_implemented_is_caught(model: Any) -> None:
    def half_done(model: Any, input_ids: Any, attention_mask: Any, layer: int) -> Any:
        model.bridge.add_hook(resid_hook_name(layer), lambda activation, hook: activation)
        raise NotImplementedError

    expect("01.capture_resid", half_done, "hook_leak", "then raised NotImplementedError", model=model)
    assert count_hooks(model) == 0


def test_hooks_left_by_an_earlier_cell_stop_the_check_before_the_reference_runs(model: Any) -> None:
    """A stale hook (here one that would change every activation) is named; the reference is never run on it."""
    model.bridge.add_hook("blocks.1.hook_resid_pre", lambda activation, hook: activation + 1.0)
    try:
        result = check("01.capture_resid", residual.capture_resid, model=model)
        assert result.status == "hooks_before", result.line
        assert "blocks.1.hook_resid_pre" in result.message and "reset_hooks()" in result.message
    finally:
        model.bridge.reset_hooks()
    assert check("01.capture_resid", residual.capture_resid, model=model).passed


# --------------------------------------------------------------------------------------- 01.resid_from_writes


def writes_stacked(cache: Any, layer: int) -> torch.Tensor:
    """Correct, written differently: stack every write and sum once (cache.stack_activation is not used)."""
    writes = [cache["hook_embed"]]
    if "hook_pos_embed" in cache:
        writes.append(cache["hook_pos_embed"])
    for l in range(layer):  # noqa: E741
        writes += [cache[f"blocks.{l}.hook_attn_out"], cache[f"blocks.{l}.hook_mlp_out"]]
    return torch.stack(writes).sum(dim=0)


def _writes(cache: Any, layer: int, upto: int, embed: bool = True, mlp: bool = True) -> torch.Tensor:
    total = cache["hook_embed"] * embed
    for l in range(upto):  # noqa: E741
        total = total + cache[f"blocks.{l}.hook_attn_out"] + mlp * cache[f"blocks.{l}.hook_mlp_out"]
    return total


def test_resid_from_writes(model: Any) -> None:
    ex = "01.resid_from_writes"
    expect_pass(ex, writes_stacked, model=model)
    too_many = lambda cache, layer: _writes(cache, layer, min(layer + 1, model.n_layers))
    expect(ex, too_many, "alternative", "you also added block `layer`'s own writes", model=model)
    no_embed = lambda cache, layer: _writes(cache, layer, layer, embed=False)
    expect(ex, no_embed, "alternative", "you left out the embedding", model=model)
    no_mlp = lambda cache, layer: _writes(cache, layer, layer, mlp=False)
    expect(ex, no_mlp, "alternative", "you left out the MLP outputs", model=model)
    in_place = lambda cache, layer: (
        cache["hook_embed"].add_(0) if layer == 0 else writes_stacked(cache, layer)
    )
    expect_pass(ex, in_place, model=model)  # add_(0) changes nothing: not a false "modified in place"
    assert_leak_named(ex, residual.resid_from_writes, model)


# ---------------------------------------------------------------------------------------- 01.mean_resid_norms


def norms_by_selection(resid: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: select the real positions with a boolean index, then average."""
    real = resid.float()[:, attention_mask.bool()]  # [n_layers, n_real, d_model]
    return real.norm(dim=-1).mean(dim=-1)


def test_mean_resid_norms() -> None:
    ex = "01.mean_resid_norms"
    expect_pass(ex, norms_by_selection)
    with_padding = lambda resid, attention_mask: resid.norm(dim=-1).mean(dim=(1, 2))
    expect(ex, with_padding, "alternative", "averaged over padding positions")
    per_prompt = lambda resid, attention_mask: (
        (resid.norm(dim=-1) * attention_mask).sum(-1) / attention_mask.sum(-1)
    ).mean(-1)
    expect(ex, per_prompt, "alternative", "you averaged each prompt first")
    squared = lambda resid, attention_mask: (
        (resid.pow(2).sum(-1) * attention_mask).sum((1, 2)) / attention_mask.sum()
    )
    expect(ex, squared, "alternative", "squared norms")
    wrong_axis = lambda resid, attention_mask: resid.norm(dim=-1).mean(dim=(0, 1))
    result = expect(ex, wrong_axis, "wrong_shape", "wrong shape: got (5,), expected (3,)")
    assert "resid (3, 3, 5, 8) float32, attention_mask (3, 5) int64" in result.message


# ------------------------------------------------------------------------------------------- 01.logit_lens


def lens_by_hand(model: Any, resid: torch.Tensor) -> torch.Tensor:
    """Correct, written differently: the unembedding module's weights by hand."""
    normed = model.bridge.ln_final(resid)
    return model.bridge.unembed(normed.clone())


def test_logit_lens(model: Any) -> None:
    ex = "01.logit_lens"
    expect_pass(ex, lens_by_hand, model=model)
    no_norm = lambda model, resid: model.bridge.unembed(resid)
    expect(ex, no_norm, "alternative", "you skipped the final norm", model=model)
    probs = lambda model, resid: model.bridge.unembed(model.bridge.ln_final(resid)).softmax(-1)
    expect(ex, probs, "alternative", "you returned probabilities", model=model)
    twice = lambda model, resid: model.bridge.unembed(model.bridge.ln_final(model.bridge.ln_final(resid)))
    expect(ex, twice, "alternative", "final norm twice", model=model)
    last = lambda model, resid: model.bridge.unembed(model.bridge.ln_final(resid))[..., -1, :]
    expect(ex, last, "wrong_shape", "wrong shape", model=model)
    assert_leak_named(ex, residual.logit_lens, model)


# ------------------------------------------------------------------------- every exercise, two architectures


@pytest.mark.parametrize("arch", ["llama", "gpt2"])
@pytest.mark.parametrize(
    "exercise_id", ["01.capture_resid", "01.resid_from_writes", "01.mean_resid_norms", "01.logit_lens"]
)
def test_reference_passes_stub_is_not_attempted_and_each_mistake_is_named(
    exercise_id: str, arch: str, load_tiny: Callable[..., Any]
) -> None:
    assert_reference_stub_and_mistakes(exercise_id, model=load_tiny(arch))
