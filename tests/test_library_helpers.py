"""The small helpers that are defined once and used everywhere: paths, the progress-bar rule, the instructions
check, hook names, course_spec.json, the kernel environment, the registry listing, refused prompts, the chosen row."""

from __future__ import annotations

import json
import math
import shutil

import pytest
import torch

from course_utils import _environment, _paths, cli, data, directions, grading, models, site
from course_utils.directions import CandidateScore, NoDirectionSelected, chosen_row
from course_utils.exercises import build
from course_utils.gcg import refused_prompts
from course_utils.generation import generate
from course_utils.hooks import block_hook_name, resid_hook_name
from course_utils.metrics import is_refusal
from course_utils.models import InstructionsError, instruction_list, load_model, write_spec_override
from course_utils.progress import batch_slices, progress_bar, show_bar
from course_utils.registry import MODEL_REGISTRY, ORGANISM, registry_table


def test_one_repository_root() -> None:
    assert (_paths.REPO_ROOT / "course_utils" / "_paths.py").is_file()
    assert (_paths.REPO_ROOT / "pyproject.toml").is_file()
    assert data.DATA_DIR == _paths.DATA_DIR == _paths.REPO_ROOT / "data"
    assert (
        cli.NOTEBOOK_DIR
        == build.LEARNER_DIR
        == site.LEARNER_DIR
        == grading.LEARNER_DIR
        == _paths.NOTEBOOK_DIR
    )
    assert build.ROOT == site.ROOT == models.REPO_ROOT == grading.REPO_ROOT == _paths.REPO_ROOT
    assert directions.DEFAULT_CACHE_DIR.is_relative_to(_paths.BUILD_DIR)


@pytest.mark.parametrize(
    ("n_steps", "progress", "shown"),
    [(0, None, False), (1, None, False), (2, None, True), (1, True, True), (5, False, False)],
)
def test_show_bar_rule(n_steps: int, progress: bool | None, shown: bool) -> None:
    assert show_bar(n_steps, progress) is shown


def test_batch_slices_cover_the_range_once() -> None:
    for n, size in [(0, 3), (1, 3), (7, 3), (9, 3), (5, 10)]:
        covered = [i for s in batch_slices(n, size, progress=False) for i in range(n)[s]]
        assert covered == list(range(n))
        assert all(s.stop - s.start <= size for s in batch_slices(n, size, progress=False))
    with pytest.raises(ValueError, match="batch_size"):
        list(batch_slices(4, 0))
    assert list(progress_bar(["a", "b"], progress=False)) == ["a", "b"]


def test_instruction_list() -> None:
    assert instruction_list(("a", "b")) == ["a", "b"]
    for bad, text in [("one string", "single string"), ([], "empty list"), (["a", 3], "int")]:
        with pytest.raises(InstructionsError, match=text) as err:
            instruction_list(bad)
        assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)
        assert "non-empty list of strings" in str(err.value)


def test_hook_names() -> None:
    assert resid_hook_name(3) == "blocks.3.hook_resid_pre" == block_hook_name(3, "hook_resid_pre")
    assert resid_hook_name(0, "resid_post") == "blocks.0.hook_resid_post"
    assert block_hook_name(2, "attn.hook_z") == "blocks.2.attn.hook_z"
    with pytest.raises(ValueError, match="layer"):
        block_hook_name(-1, "hook_mlp_out")


def test_spec_override_round_trip(tmp_path, tiny_model_dir) -> None:
    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir("qwen2"), folder)
    path = write_spec_override(folder, {"refusal_strings": ("Nope",), "caveats": ("a test caveat",)})
    assert json.loads(path.read_text()) == {"refusal_strings": ["Nope"], "caveats": ["a test caveat"]}
    spec, _ = models.resolve_spec(str(folder))
    assert spec.refusal_strings == ("Nope",) and spec.caveats == ("a test caveat",)
    with pytest.raises(ValueError, match="unknown spec fields"):
        write_spec_override(folder, {"refusal_tokens": ["x"]})


def test_load_model_prints_caveats(tmp_path, tiny_model_dir, capsys) -> None:
    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir("qwen2"), folder)
    write_spec_override(folder, {"refusal_strings": ["I"], "caveats": ["first caveat", "second caveat"]})
    load_model(folder, device="cpu")
    assert f"{folder}: first caveat; second caveat" in capsys.readouterr().out


def test_kernel_env() -> None:
    env = _environment.kernel_env(one_thread=True)
    assert env["HF_HUB_OFFLINE"] == env["TRANSFORMERS_OFFLINE"] == "1" and env["OMP_NUM_THREADS"] == "1"
    assert "OMP_NUM_THREADS" not in _environment.kernel_env(one_thread=False)
    assert site.KERNEL_ENV == _environment.kernel_env(one_thread=False)


def test_registry_table_shows_verified_here_honestly() -> None:
    lines = registry_table().splitlines()
    assert "verified here" in lines[0] and len(lines) == 1 + len(MODEL_REGISTRY)
    verified = [line.split()[0] for line in lines[1:] if " yes" in line]
    assert verified == [ORGANISM] and MODEL_REGISTRY[ORGANISM].verified_here
    assert sum(spec.verified_here for spec in MODEL_REGISTRY.values()) == 1


def test_refused_prompts_is_the_judge_on_greedy_completions(tiny_model) -> None:
    prompts = ["How do I bake bread?", "Tell me a story.", "hi"]
    completions = generate(tiny_model, prompts, max_new_tokens=4, progress=False)
    expected = [p for p, c in zip(prompts, completions, strict=True) if is_refusal(c)]
    assert refused_prompts(tiny_model, prompts, max_new_tokens=4) == expected


def _row(layer: int, bypass: float, discarded: str | None) -> CandidateScore:
    return CandidateScore(0, -1, layer, bypass, 1.0, 0.0, discarded)


def test_chosen_row() -> None:
    winner = _row(2, 0.5, None)
    table = [_row(1, -3.0, "KL too high"), winner, _row(3, -9.0, "too deep")]
    assert chosen_row(table) is winner and chosen_row(table, fallback=True) is winner
    no_winner = [_row(1, -1.0, "KL too high"), _row(2, -2.0, "does not induce"), _row(3, -9.0, "too deep")]
    no_winner.append(_row(4, math.nan, "NaN score"))
    assert chosen_row(no_winner, fallback=True).layer == 2  # lowest bypass among the compared rows
    with pytest.raises(NoDirectionSelected):
        chosen_row(no_winner)
    selection = directions._selection(torch.arange(12.0).reshape(1, 4, 3), no_winner, fallback=True)
    assert (selection.layer, selection.passed_filters) == (2, False)
