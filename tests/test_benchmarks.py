"""The benchmark scripts still run: each method of bench_activations on a tiny model, same mean as the course."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parent.parent


def _load_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_activations", ROOT / "benchmarks" / "bench_activations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("method", ["run_with_cache", "hf_eager", "hf_sdpa"])
def test_bench_activations_methods_agree_with_the_course(method, tiny_model_dir, tmp_path) -> None:
    bench = _load_bench()
    folder = str(tiny_model_dir("llama"))
    means = {}
    for name in ("course", method):
        out = str(tmp_path / name)
        bench.run_method(name, folder, n_prompts=6, batch_size=4, repeats=1, out=out)
        result = json.loads(Path(out).read_text())
        assert result["method"] == name and len(result["times"]) == 1 and result["peak_rss"] > 0
        means[name] = torch.load(out + ".pt")
    assert means["course"].shape[1] == 5  # positions -5..-1
    torch.testing.assert_close(means[method], means["course"], atol=1e-5, rtol=0)
