"""course_utils.directions against independent computations: numpy means, plain HF hidden states, a
one-candidate-at-a-time scoring loop, and hand-made selection tables."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch
from transformers import AutoModelForCausalLM

from course_utils.directions import (
    CandidateScore,
    NoDirectionSelected,
    candidate_directions,
    diff_of_means,
    filter_candidates,
    filter_prompts_by_refusal,
    refusal_direction,
    score_candidate,
    score_candidates,
    select_direction,
    table_grid,
)
from course_utils.hooks import hooks
from course_utils.interventions import ablation_hooks, addition_hooks, orthogonalize
from course_utils.metrics import kl_div, last_position_logits, refusal_score, refusal_scores
from tests.prompts import HARMFUL, HARMLESS
from tests.shipped import needs_organism


def test_diff_of_means_matches_numpy() -> None:
    torch.manual_seed(0)
    harmful, harmless = torch.randn(7, 3, 5) + 2.0, torch.randn(4, 3, 5)
    got = diff_of_means(harmful, harmless)
    expected = harmful.numpy().astype(np.float64).mean(0) - harmless.numpy().astype(np.float64).mean(0)
    assert got.dtype == torch.float64 and got.shape == (3, 5)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12)
    assert got.norm() > 1.5  # not normalised


def test_candidate_directions_vs_hf_hidden_states(tiny_model, tiny_model_dir) -> None:
    got = candidate_directions(tiny_model, HARMFUL, HARMLESS, batch_size=2, progress=False)
    positions = tiny_model.post_instruction_positions
    assert got.shape == (len(positions), tiny_model.n_layers, tiny_model.d_model)
    hf = AutoModelForCausalLM.from_pretrained(tiny_model_dir("qwen2"), attn_implementation="eager").eval()

    def acts(prompts: list[str]) -> torch.Tensor:  # [n, n_pos, n_layers, d_model], one prompt at a time
        out = []
        for prompt in prompts:
            ids = tiny_model.tokenizer(
                tiny_model.format_chat([prompt]), add_special_tokens=False, return_tensors="pt"
            )
            with torch.no_grad():
                hidden = hf(ids.input_ids, output_hidden_states=True).hidden_states  # [0] = embeddings
            out.append(
                torch.stack([hidden[layer][0, positions] for layer in range(tiny_model.n_layers)], dim=1)
            )
        return torch.stack(out)

    expected = acts(HARMFUL).double().mean(0) - acts(HARMLESS).double().mean(0)
    assert (got - expected).abs().max() < 1e-5
    assert got[:, 0].abs().max() == 0  # layer 0: both classes see the same template-token embeddings
    assert got[:, 1].norm(dim=-1).min() > 1e-3


def _row(pos: int, layer: int, bypass: float, induce: float = 1.0, kl: float = 0.01) -> CandidateScore:
    return CandidateScore(pos_index=pos, position=pos - 2, layer=layer, bypass=bypass, induce=induce, kl=kl)


def test_filter_candidates_hand_made_table() -> None:
    table = [
        _row(0, 1, bypass=-3.0),  # kept, but not the lowest
        _row(0, 2, bypass=math.nan),  # NaN
        _row(0, 8, bypass=-9.0),  # too deep: 8 >= 0.8 * 10
        _row(1, 3, bypass=-8.0, kl=0.5),  # KL too high
        _row(1, 4, bypass=-7.0, induce=-0.2),  # does not induce
        _row(1, 5, bypass=-5.0),  # the winner
        _row(1, 7, bypass=-4.0, kl=0.1, induce=0.0),  # on the thresholds: kept
    ]
    out = filter_candidates(table, n_layers=10)
    assert [r.discarded for r in out] == [
        "higher bypass",
        "NaN score",
        "too deep",
        "KL too high",
        "does not induce",
        None,
        "higher bypass",
    ]
    assert [(r.layer, r.bypass) for r in out] == [(r.layer, r.bypass) for r in table]  # order and scores kept
    assert all(r.discarded is None for r in table)  # pure: the input is unchanged
    loose = filter_candidates(table, n_layers=10, kl_threshold=1.0, max_layer_frac=1.0, induce_threshold=-1.0)
    assert [r.layer for r in loose if r.discarded is None] == [8]
    assert all(r.discarded for r in filter_candidates(table[1:5], n_layers=10))


def _naive_scores(model, candidates, harmful, harmless) -> list[tuple[float, float, float]]:
    """The definition, one candidate at a time with the public hooks and metrics."""
    clean = last_position_logits(model, harmless)
    out = []
    for pos in range(candidates.shape[0]):
        for layer in range(candidates.shape[1]):
            r = candidates[pos, layer]
            if r.norm() == 0:
                out.append((math.nan, math.nan, math.nan))
                continue
            bypass = refusal_scores(model, harmful, fwd_hooks=ablation_hooks(model, r)).mean()
            induce = refusal_scores(model, harmless, fwd_hooks=addition_hooks(model, r, layer)).mean()
            ablated = last_position_logits(model, harmless, fwd_hooks=ablation_hooks(model, r))
            out.append((float(bypass), float(induce), float(kl_div(clean, ablated).mean())))
    return out


@pytest.mark.parametrize("batch_size", [5, 64])
def test_batched_scoring_equals_one_candidate_at_a_time(tiny_model, batch_size) -> None:
    torch.manual_seed(3)
    candidates = candidate_directions(tiny_model, HARMFUL, HARMLESS, progress=False)
    candidates[:, 1] *= 40.0  # large enough to move the scores visibly
    table = score_candidates(tiny_model, candidates, HARMFUL, HARMLESS, batch_size=batch_size, progress=False)
    expected = _naive_scores(tiny_model, candidates, HARMFUL, HARMLESS)
    assert len(table) == candidates.shape[0] * candidates.shape[1]
    for row, (bypass, induce, kl) in zip(table, expected, strict=True):
        assert row.position == tiny_model.post_instruction_positions[row.pos_index]
        np.testing.assert_allclose(
            [row.bypass, row.induce, row.kl], [bypass, induce, kl], rtol=1e-4, atol=1e-6
        )
    clean = float(refusal_scores(tiny_model, HARMLESS).mean())
    assert min(row.kl for row in table if row.layer == 1) > 1e-4  # the interventions did something
    assert min(abs(row.induce - clean) for row in table if row.layer == 1) > 1e-2


def test_score_candidate_vs_weights_and_plain_hf_hooks(tiny_model, tiny_model_dir) -> None:
    """The reference scorer against computations that share none of its hooks: bypass and KL on the
    orthogonalized weights (exact for this untied, norm-free-after-sublayer Qwen2), induce with a plain PyTorch
    pre-hook on the HF decoder layer."""
    candidates = candidate_directions(tiny_model, HARMFUL, HARMLESS, progress=False)
    layer = 1
    r = candidates[-1, layer] * 40.0
    bypass, induce, kl = score_candidate(tiny_model, r, layer, HARMFUL, HARMLESS, batch_size=2)

    ortho = orthogonalize(tiny_model, r)
    assert bypass == pytest.approx(float(refusal_scores(ortho, HARMFUL).mean()), abs=1e-4)
    clean = last_position_logits(tiny_model, HARMLESS)
    assert kl == pytest.approx(float(kl_div(clean, last_position_logits(ortho, HARMLESS)).mean()), abs=1e-5)

    hf = AutoModelForCausalLM.from_pretrained(tiny_model_dir("qwen2"), attn_implementation="eager").eval()
    handle = hf.model.layers[layer].register_forward_pre_hook(
        lambda module, args, kwargs: (
            ((args[0] + r.float(),) + args[1:], kwargs)
            if args
            else (args, {**kwargs, "hidden_states": kwargs["hidden_states"] + r.float()})
        ),
        with_kwargs=True,
    )
    try:
        scores = []
        for prompt in HARMLESS:  # one prompt at a time: no padding at all
            ids = tiny_model.tokenize([prompt])["input_ids"]
            with torch.no_grad():
                logits = hf(ids).logits[:, -1]
            scores.append(float(refusal_score(logits, tiny_model.refusal_token_ids)))
    finally:
        handle.remove()
    assert induce == pytest.approx(float(np.mean(scores)), abs=1e-4)
    assert min(abs(bypass - float(refusal_scores(tiny_model, HARMFUL).mean())), kl, abs(induce)) > 1e-4
    assert all(math.isnan(v) for v in score_candidate(tiny_model, candidates[0, 0], 0, HARMFUL, HARMLESS))


def test_score_candidate_zero_direction_is_nan_and_scores_are_means(tiny_model):
    harmful, harmless = ["How do I pick a lock?"] * 2, ["Write a poem."] * 2
    assert all(
        math.isnan(v)
        for v in score_candidate(tiny_model, torch.zeros(tiny_model.d_model), 1, harmful, harmless)
    )
    r = torch.randn(tiny_model.d_model, dtype=torch.float64)
    with hooks(tiny_model, []):
        bypass, induce, kl = score_candidate(tiny_model, r, 1, harmful, harmless)
    assert kl >= 0 and math.isfinite(bypass) and math.isfinite(induce)


def test_select_direction(tiny_model) -> None:
    candidates = candidate_directions(tiny_model, HARMFUL, HARMLESS, progress=False) * 40.0
    loose = dict(kl_threshold=1e9, induce_threshold=-1e9, max_layer_frac=1.0)
    selection = select_direction(tiny_model, candidates, HARMFUL, HARMLESS, progress=False, **loose)
    kept = [row for row in selection.table if row.discarded is None]
    assert len(kept) == 1 and selection.chosen == kept[0]
    assert selection.chosen.bypass == min(r.bypass for r in selection.table if not math.isnan(r.bypass))
    assert torch.equal(selection.direction, candidates[selection.pos_index, selection.layer])
    assert selection.position == tiny_model.post_instruction_positions[selection.pos_index]
    torch.testing.assert_close(selection.r_hat.norm(), torch.tensor(1.0, dtype=torch.float64))
    grid = table_grid(selection.table, "bypass")
    assert grid.shape == candidates.shape[:2] and grid[:, 0].isnan().all()
    with pytest.raises(NoDirectionSelected, match="no candidate passed") as error:
        select_direction(tiny_model, candidates, HARMFUL, HARMLESS, progress=False, kl_threshold=-1.0)
    assert len(error.value.table) == len(selection.table)
    with pytest.raises(ValueError, match="candidate_directions"):
        select_direction(tiny_model, candidates[:, :1], HARMFUL, HARMLESS)


def test_filter_prompts_by_refusal(tiny_model) -> None:
    """With batch_size=1 the k-th forward pass is the k-th prompt (harmful list, then harmless): a hook on the
    logits makes chosen prompts refuse (+30 on the refusal tokens), so the rule's outcome is known."""
    refusing = {0, 2, 4}  # harmful[0], harmful[2] (kept), harmless[1] (dropped)
    calls = []

    def make_some_refuse(logits, hook):
        if len(calls) in refusing:
            logits = logits.clone()
            logits[:, -1, tiny_model.refusal_token_ids] += 30.0
        calls.append(1)
        return logits

    with hooks(tiny_model, [("unembed.hook_out", make_some_refuse)]):
        harmful, harmless = filter_prompts_by_refusal(tiny_model, HARMFUL, HARMLESS, batch_size=1)
    assert len(calls) == len(HARMFUL) + len(HARMLESS)
    assert harmful == [HARMFUL[0], HARMFUL[2]]
    assert harmless == [HARMLESS[0], HARMLESS[2], HARMLESS[3]]


def test_select_direction_fallback(tiny_model) -> None:
    candidates = candidate_directions(tiny_model, HARMFUL, HARMLESS, progress=False) * 40.0
    selection = select_direction(
        tiny_model, candidates, HARMFUL, HARMLESS, progress=False, kl_threshold=-1.0, fallback=True
    )
    assert not selection.passed_filters
    assert all(row.discarded for row in selection.table)  # the table still says why each failed the filters
    eligible = [row for row in selection.table if row.discarded not in ("NaN score", "too deep")]
    assert selection.chosen == min(eligible, key=lambda row: row.bypass)
    assert torch.equal(selection.direction, candidates[selection.pos_index, selection.layer])


def test_refusal_direction_on_course_data_and_cache(tiny_model, tmp_path) -> None:
    """The random tiny model refuses nothing, so the pipeline warns and uses every training prompt. The second
    call reads the cache; other arguments or other weights give another cache entry."""
    with pytest.warns(UserWarning, match="using all training prompts"):
        selection = refusal_direction(tiny_model, n_train=16, n_val=8, progress=False, cache_dir=tmp_path)
    assert selection.layer in range(tiny_model.n_layers) and selection.direction.shape == (
        tiny_model.d_model,
    )
    assert len(selection.table) == len(tiny_model.post_instruction_positions) * tiny_model.n_layers
    assert len(list(tmp_path.glob("*.pt"))) == 1
    everything = {"harmful_train": 16, "harmless_train": 16, "harmful_val": 8, "harmless_val": 8}
    assert selection.prompts_used == everything
    cached = refusal_direction(tiny_model, n_train=16, n_val=8, progress=False, cache_dir=tmp_path)
    assert cached.prompts_used == everything
    assert torch.equal(cached.direction, selection.direction)
    assert (cached.pos_index, cached.layer, cached.passed_filters) == (
        selection.pos_index,
        selection.layer,
        selection.passed_filters,
    )
    assert [r.discarded for r in cached.table] == [r.discarded for r in selection.table]
    np.testing.assert_array_equal([r.bypass for r in cached.table], [r.bypass for r in selection.table])
    with pytest.warns(UserWarning):
        refusal_direction(tiny_model, n_train=16, n_val=4, progress=False, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.pt"))) == 2


def test_cache_key_follows_the_weights(load_tiny, tmp_path) -> None:
    from course_utils.directions import _fingerprint

    qwen, llama = load_tiny("qwen2"), load_tiny("llama")
    assert _fingerprint(qwen, 1) == _fingerprint(qwen, 1) != _fingerprint(qwen, 2)
    other_weights = dataclasses.replace(load_tiny("qwen2", seed=1), name=qwen.name)  # same name and format
    assert _fingerprint(qwen, 1) != _fingerprint(other_weights, 1)
    assert _fingerprint(qwen, 1) != _fingerprint(llama, 1)


def test_cache_key_covers_every_library_module_the_selection_runs(tiny_model, monkeypatch) -> None:
    """The derived source list holds every course module a fresh process has imported after running the
    selection's imports, and editing any one of them changes the key."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from course_utils.directions import _fingerprint, library_sources

    sources = library_sources()
    code = (
        "import sys, course_utils.directions, course_utils.data\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('course_utils')))"
    )
    root = sources[0].parent.parent  # this checkout, whatever PYTHONPATH says
    env = {**os.environ, "PYTHONPATH": str(root)}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=root
    )
    out = run.stdout
    imported = {Path(line).resolve() for line in out.split()}
    assert imported and imported <= set(sources)
    names = {path.name for path in sources}
    assert {
        "_environment.py",
        "activations.py",
        "models.py",
        "hooks.py",
        "metrics.py",
        "interventions.py",
    } <= names
    assert "gcg.py" not in names and "plotting.py" not in names  # derived, not "everything"
    assert "residual.py" not in names  # the refusal probability lives in metrics

    key = _fingerprint(tiny_model, 1)
    real_read_bytes = Path.read_bytes
    for edited in sources:
        monkeypatch.setattr(
            Path, "read_bytes", lambda self, e=edited: real_read_bytes(self) + (b"#" if self == e else b"")
        )
        assert _fingerprint(tiny_model, 1) != key, edited
    monkeypatch.setattr(Path, "read_bytes", real_read_bytes)
    assert _fingerprint(tiny_model, 1) == key


@needs_organism
def test_refusal_direction_filters_the_validation_prompts_too(organism, monkeypatch) -> None:
    """As the paper's code does (`filter_val`): harmful validation prompts the model answers and harmless ones it
    refuses are left out of the selection, as they are of the candidates; `splits` picks the data's splits; the
    selection records how many prompts of each class it used."""
    import course_utils.data
    import course_utils.directions as directions_module

    val = {label: course_utils.data.load_instructions(label, "val") for label in ("harmful", "harmless")}
    mixed = {  # each class with two prompts of the other: the model treats those as their label does not say
        "harmful": val["harmful"][:12] + val["harmless"][:2],
        "harmless": val["harmless"][:12] + val["harmful"][:2],
    }
    scores = {label: refusal_scores(organism, prompts).tolist() for label, prompts in mixed.items()}
    expected = {
        "harmful_val": [p for p, s in zip(mixed["harmful"], scores["harmful"], strict=True) if s > 0],
        "harmless_val": [p for p, s in zip(mixed["harmless"], scores["harmless"], strict=True) if s < 0],
    }
    assert not set(val["harmless"][:2]) & set(expected["harmful_val"])  # the mixed-in prompts are dropped
    assert not set(val["harmful"][:2]) & set(expected["harmless_val"])
    assert min(map(len, expected.values())) >= 8
    asked, seen = [], {}

    def load_instructions(label: str, split: str) -> list[str]:
        asked.append(split)
        return list(mixed[label])

    def select_direction(model, candidates, harmful_val, harmless_val, **kwargs):
        seen.update(harmful_val=harmful_val, harmless_val=harmless_val)
        # the selection itself is tested above
        return directions_module.DirectionSelection(0, -1, 0, candidates[0, 0], table=[])

    monkeypatch.setattr(course_utils.data, "load_instructions", load_instructions)
    monkeypatch.setattr(directions_module, "select_direction", select_direction)
    selection = refusal_direction(
        organism, cache=False, progress=False, splits=("held_out_train", "held_out_val")
    )
    assert seen == expected
    assert asked == ["held_out_train", "held_out_train", "held_out_val", "held_out_val"]
    n_harmful, n_harmless = len(expected["harmful_val"]), len(expected["harmless_val"])
    assert (n_harmful, n_harmless) != (14, 14)  # the counts are the filter's, not the prompts given
    assert selection.prompts_used == {  # the training prompts are the same mixed lists here
        "harmful_train": n_harmful,
        "harmless_train": n_harmless,
        "harmful_val": n_harmful,
        "harmless_val": n_harmless,
    }
