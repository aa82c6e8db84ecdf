"""course_utils.models / registry: chat format, BOS, post-instruction ids, refusal ids, clear errors."""

from __future__ import annotations

import time
import warnings

import pytest
import torch
from transformers import AutoModelForCausalLM

from course_utils import _environment, models
from course_utils.models import load_model, resolve_spec
from course_utils.registry import MODEL_REGISTRY, ORGANISM, ORGANISM_TRAIN_COMMAND

ARCHS = ("qwen2", "llama", "gpt2")


@pytest.mark.parametrize("arch", ARCHS)
def test_post_instruction_ids_are_the_prompt_tail(load_tiny, arch: str) -> None:
    model = load_tiny(arch)
    tok = model.tokenizer
    # Independent: the template is "<|user|>\n{msg}<|end|>\n<|assistant|>\n"
    expected = tok("<|end|>\n<|assistant|>\n", add_special_tokens=False).input_ids
    assert model.post_instruction_ids == expected
    assert len(model.post_instruction_ids) == 4
    assert model.post_instruction_positions == [-4, -3, -2, -1]
    enc = model.tokenize(["Hi", "How do I bake bread at home, step by step?"], suffix=" zq!")
    for row, mask in zip(enc.input_ids, enc.attention_mask, strict=True):
        assert row[-4:].tolist() == expected
        assert mask[-1] == 1


@pytest.mark.parametrize("arch", ARCHS)
def test_exactly_one_bos_and_left_padding(load_tiny, arch: str) -> None:
    model = load_tiny(arch)
    enc = model.tokenize(["Hi", "A much longer instruction about the quick brown fox."])
    assert model.tokenizer.padding_side == "left"
    bos = model.tokenizer.bos_token_id
    n_bos = (enc.input_ids == bos).sum(dim=1)
    # llama's template emits BOS itself; qwen2/gpt2 templates and tokenizers use none
    assert n_bos.tolist() == ([1, 1] if arch == "llama" else [0, 0])
    short = enc.input_ids[0][enc.attention_mask[0].bool()]
    assert (enc.attention_mask[0] == 0).any() and enc.attention_mask[0][0] == 0  # padded on the left
    alone = model.tokenize(["Hi"]).input_ids[0]
    assert torch.equal(short, alone)
    assert enc.input_ids.device == model.device


def test_bos_added_when_tokenizer_prepends_but_template_does_not(tiny_model) -> None:
    tok = tiny_model.tokenizer
    spec = tiny_model.spec
    original = models._tokenizer_prepends_bos
    try:
        models._tokenizer_prepends_bos = lambda t: True
        text = models.format_chat(tok, "x", spec)
    finally:
        models._tokenizer_prepends_bos = original
    assert text.startswith(tok.bos_token) and text.count(tok.bos_token) == 1


def test_refusal_ids_and_sizes(tiny_model) -> None:
    tok = tiny_model.tokenizer
    assert tiny_model.refusal_token_ids == [
        tok.encode(s, add_special_tokens=False)[0] for s in ("I", "As", "Sorry")
    ]
    cfg = tiny_model.bridge.cfg
    assert (tiny_model.n_layers, tiny_model.d_model, tiny_model.n_heads, tiny_model.d_head) == (2, 64, 4, 16)
    assert cfg.n_layers == 2
    assert tiny_model.device == torch.device("cpu")


def test_unknown_model_warns(tiny_model_dir) -> None:
    with pytest.warns(UserWarning, match="not in course_utils.registry"):
        load_model(tiny_model_dir("qwen2"), device="cpu")


def test_missing_chat_template_message(tiny_model_dir, tmp_path) -> None:
    import shutil

    folder = tmp_path / "no_template"
    shutil.copytree(tiny_model_dir("qwen2"), folder)
    (folder / "chat_template.jinja").unlink()
    with pytest.raises(ValueError, match="chat_template="):
        load_model(folder, device="cpu")
    template = "{% for m in messages %}Q: {{ m['content'] }}\n{% endfor %}A:"
    with pytest.warns(UserWarning):
        model = load_model(folder, device="cpu", chat_template=template)
    assert model.format_chat("hi") == ["Q: hi\nA:"]
    assert model.tokenizer.decode(model.post_instruction_ids) == "\nA:"


def test_spec_override_file(tiny_model_dir, tmp_path) -> None:
    import json
    import shutil

    folder = tmp_path / "override"
    shutil.copytree(tiny_model_dir("qwen2"), folder)
    (folder / "course_spec.json").write_text(json.dumps({"refusal_strings": ["Sorry"]}))
    spec, _ = resolve_spec(str(folder))
    assert spec.refusal_strings == ("Sorry",)
    (folder / "course_spec.json").write_text(json.dumps({"refusal_tokens": ["Sorry"]}))
    with pytest.raises(ValueError, match="unknown fields"):
        resolve_spec(str(folder))


def test_organism_missing_message(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(models, "REPO_ROOT", tmp_path)
    with pytest.raises(FileNotFoundError, match="has not been trained") as err:
        load_model()
    assert ORGANISM_TRAIN_COMMAND in str(err.value)


def test_offline_hub_id_fails_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(OSError) as err:
        load_model("Qwen/Qwen2.5-0.5B-Instruct")
    assert time.perf_counter() - start < 5
    message = str(err.value)
    assert "load_model()" in message and "HF_HUB_OFFLINE" in message and "cache" in message


def test_unreachable_hub_fails_fast(monkeypatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    start = time.perf_counter()
    with pytest.raises(OSError, match="cannot be reached"):
        _environment.check_downloadable("some-org/some-model-that-is-not-cached")
    assert time.perf_counter() - start < 5


def test_default_model_name(monkeypatch) -> None:
    monkeypatch.delenv("COURSE_MODEL", raising=False)
    assert models.default_model_name() is None
    monkeypatch.setenv("COURSE_MODEL", "")
    assert models.default_model_name() is None
    monkeypatch.setenv("COURSE_MODEL", "Qwen/Qwen2.5-0.5B-Instruct")
    assert models.default_model_name() == "Qwen/Qwen2.5-0.5B-Instruct"


def test_memory_warning(tiny_model_dir, monkeypatch) -> None:
    monkeypatch.setattr(_environment, "free_memory_bytes", lambda device: 1000)
    with pytest.warns(ResourceWarning, match="needs about"):
        _environment.warn_if_too_big(
            MODEL_REGISTRY["google/gemma-2-2b-it"], "x", torch.device("cpu"), torch.float32
        )
    monkeypatch.setattr(_environment, "free_memory_bytes", lambda device: 10**12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _environment.warn_if_too_big(
            MODEL_REGISTRY["google/gemma-2-2b-it"], "x", torch.device("cpu"), torch.float32
        )


def test_free_memory_reads_meminfo() -> None:
    free = _environment.free_memory_bytes(torch.device("cpu"))
    assert free is not None and free > 10**8


def test_registry_entries_are_consistent() -> None:
    expected = {
        "Qwen/Qwen2.5-0.5B-Instruct",
        "Qwen/Qwen2.5-1.5B-Instruct",
        "Qwen/Qwen3-0.6B",
        "HuggingFaceTB/SmolLM2-135M-Instruct",
        "HuggingFaceTB/SmolLM2-360M-Instruct",
        "meta-llama/Llama-3.2-1B-Instruct",
        "google/gemma-2-2b-it",
        "google/gemma-3-1b-it",
        ORGANISM,
    }
    assert set(MODEL_REGISTRY) == expected
    for name, spec in MODEL_REGISTRY.items():
        assert spec.name == name and spec.refusal_strings
        if spec.n_params_b is not None:
            assert spec.memory_gb_fp32 == pytest.approx(2 * spec.memory_gb_bf16, abs=0.11)
        if spec.architecture.startswith("Gemma"):
            assert spec.orthogonalization_exact is False
    assert "As" in MODEL_REGISTRY["Qwen/Qwen2.5-0.5B-Instruct"].refusal_strings
    assert MODEL_REGISTRY["Qwen/Qwen3-0.6B"].template_kwargs == {"enable_thinking": False}


def test_weight_estimate_of_local_folder(tiny_model_dir) -> None:
    folder = tiny_model_dir("qwen2")
    spec, path = resolve_spec(str(folder))
    n_params = sum(p.numel() for p in AutoModelForCausalLM.from_pretrained(folder).parameters())
    estimate = _environment.estimated_weight_bytes(spec, path, torch.bfloat16)
    assert estimate == pytest.approx(2 * n_params, rel=0.05)  # safetensors header adds a little


def test_too_long_instruction_is_cut_with_a_warning(tiny_model) -> None:
    """The chat template and post-instruction tokens survive; the instruction's start is kept; a warning says so."""
    long = "Tell me about a banana. " * 400
    with pytest.warns(UserWarning, match="only its first"):
        enc = tiny_model.tokenize([long, "Hi"])
    assert enc["input_ids"].shape[1] <= tiny_model.context_length
    ids = enc["input_ids"][0].tolist()
    assert ids[-len(tiny_model.post_instruction_ids) :] == tiny_model.post_instruction_ids
    assert "Tell me about a banana." in tiny_model.tokenizer.decode(ids)
    with pytest.warns(UserWarning, match="more than the 40"):
        assert tiny_model.tokenize(long, max_length=40)["input_ids"].shape[1] <= 40
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tiny_model.tokenize("A short one.")
