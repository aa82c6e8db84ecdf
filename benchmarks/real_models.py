"""Randomly initialised chat models with the exact configurations of the course registry's real models.

No hub access: each configuration is written down here, from the model's published ``config.json`` (sizes,
attention layout, vocabulary, positional encoding, norms, tying). The weights are random, so the models cost
exactly what the real ones cost per token but refuse nothing.

Tokenizer: the course organism's (data/models/refusal-organism, 2048 tokens, word-level-ish BPE), with its chat
template preceded by the system text the real model's own template inserts when no system prompt is given
(Qwen2.5, SmolLM2 and Llama-3.2 insert one; Gemma-2 does not), so prompts have about the real number of tokens.
Token ids stay below 2048, which any of these vocabularies accepts; the unembedding still computes every
vocabulary entry.

    folder = build_random_model("Qwen/Qwen2.5-0.5B-Instruct", "/tmp/qwen-random")  # then load_model(folder)
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from course_utils.models import SPEC_OVERRIDE_FILE, write_spec_override

ROOT = Path(__file__).resolve().parent.parent
ORGANISM_DIR = ROOT / "data" / "models" / "refusal-organism"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja")


@dataclass(frozen=True)
class RealConfig:
    """One real model: its hub id, HF architecture, config.json fields, and the system text its template adds."""

    name: str
    architecture: str
    config: dict[str, Any]
    n_params_b: float  # published size, for the record (checked against the built model)
    system_text: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


_QWEN_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
_SMOL_SYSTEM = "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
_LLAMA_SYSTEM = "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024"


def _smollm2(
    hidden: int, intermediate: int, layers: int, heads: int, kv: int, theta: float
) -> dict[str, Any]:
    return dict(
        hidden_size=hidden,
        intermediate_size=intermediate,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv,
        head_dim=hidden // heads,
        vocab_size=49152,
        max_position_embeddings=8192,
        rms_norm_eps=1e-5,
        rope_theta=theta,
        hidden_act="silu",
        tie_word_embeddings=True,
        attention_bias=False,
        mlp_bias=False,
    )


REAL_CONFIGS: dict[str, RealConfig] = {
    c.name: c
    for c in (
        RealConfig(
            "HuggingFaceTB/SmolLM2-135M-Instruct",
            "llama",
            _smollm2(576, 1536, 30, 9, 3, 100000.0),
            0.135,
            _SMOL_SYSTEM,
        ),
        RealConfig(
            "HuggingFaceTB/SmolLM2-360M-Instruct",
            "llama",
            _smollm2(960, 2560, 32, 15, 5, 100000.0),
            0.362,
            _SMOL_SYSTEM,
        ),
        RealConfig(
            "Qwen/Qwen2.5-0.5B-Instruct",
            "qwen2",
            dict(
                hidden_size=896,
                intermediate_size=4864,
                num_hidden_layers=24,
                num_attention_heads=14,
                num_key_value_heads=2,
                vocab_size=151936,
                max_position_embeddings=32768,
                rms_norm_eps=1e-6,
                rope_theta=1000000.0,
                hidden_act="silu",
                tie_word_embeddings=True,
                use_sliding_window=False,
                sliding_window=32768,
                max_window_layers=21,
            ),
            0.494,
            _QWEN_SYSTEM,
        ),
        RealConfig(
            "meta-llama/Llama-3.2-1B-Instruct",
            "llama",
            dict(
                hidden_size=2048,
                intermediate_size=8192,
                num_hidden_layers=16,
                num_attention_heads=32,
                num_key_value_heads=8,
                head_dim=64,
                vocab_size=128256,
                max_position_embeddings=131072,
                rms_norm_eps=1e-5,
                rope_theta=500000.0,
                rope_scaling=dict(
                    rope_type="llama3",
                    factor=32.0,
                    high_freq_factor=4.0,
                    low_freq_factor=1.0,
                    original_max_position_embeddings=8192,
                ),
                hidden_act="silu",
                tie_word_embeddings=True,
                attention_bias=False,
                mlp_bias=False,
            ),
            1.236,
            _LLAMA_SYSTEM,
        ),
        RealConfig(
            "HuggingFaceTB/SmolLM2-1.7B-Instruct",
            "llama",
            _smollm2(2048, 8192, 24, 32, 32, 130000.0),
            1.711,
            _SMOL_SYSTEM,
        ),
        RealConfig(
            "google/gemma-2-2b-it",
            "gemma2",
            dict(
                hidden_size=2304,
                intermediate_size=9216,
                num_hidden_layers=26,
                num_attention_heads=8,
                num_key_value_heads=4,
                head_dim=256,
                vocab_size=256000,
                max_position_embeddings=8192,
                rms_norm_eps=1e-6,
                rope_theta=10000.0,
                hidden_activation="gelu_pytorch_tanh",
                attn_logit_softcapping=50.0,
                final_logit_softcapping=30.0,
                query_pre_attn_scalar=256,
                sliding_window=4096,
                tie_word_embeddings=True,
            ),
            2.614,
            "",
            ("norms after attention and MLP outputs: orthogonalization is approximate (chapter 06)",),
        ),
    )
}
SHORT_NAMES = {
    "smollm2-135m": "HuggingFaceTB/SmolLM2-135M-Instruct",
    "smollm2-360m": "HuggingFaceTB/SmolLM2-360M-Instruct",
    "qwen2.5-0.5b": "Qwen/Qwen2.5-0.5B-Instruct",
    "llama3.2-1b": "meta-llama/Llama-3.2-1B-Instruct",
    "smollm2-1.7b": "HuggingFaceTB/SmolLM2-1.7B-Instruct",
    "gemma2-2b": "google/gemma-2-2b-it",
}


def hf_config(real: RealConfig, *, bos: int, eos: int, pad: int) -> Any:
    """The transformers config object of ``real`` (special token ids from the tokenizer used)."""
    from transformers import Gemma2Config, LlamaConfig, Qwen2Config

    cls = {"llama": LlamaConfig, "qwen2": Qwen2Config, "gemma2": Gemma2Config}[real.architecture]
    return cls(bos_token_id=bos, eos_token_id=eos, pad_token_id=pad, **real.config)


def build_random_model(name: str, folder: str | Path, *, seed: int = 0) -> Path:
    """Write a randomly initialised model with ``name``'s exact configuration into ``folder`` (bfloat16 on disk,
    like the published checkpoints), with the organism's tokenizer and a chat template that adds the real
    template's default system text. Load it with ``course_utils.models.load_model(folder, dtype=...)``."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    real = REAL_CONFIGS[SHORT_NAMES.get(name, name)]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for file in TOKENIZER_FILES:
        shutil.copy(ORGANISM_DIR / file, folder / file)
    template = (ORGANISM_DIR / "chat_template.jinja").read_text()
    if real.system_text:  # the organism's template starts with {{ bos_token }}: put the system text after it
        template = template.replace(
            "{{ bos_token }}", "{{ bos_token }}" + real.system_text.replace("\n", " ") + "\n", 1
        )
    (folder / "chat_template.jinja").write_text(template)
    spec = json.loads((ORGANISM_DIR / SPEC_OVERRIDE_FILE).read_text())
    write_spec_override(folder, {"refusal_strings": spec["refusal_strings"]})
    tok = AutoTokenizer.from_pretrained(folder)
    config = hf_config(real, bos=tok.bos_token_id, eos=tok.eos_token_id, pad=tok.pad_token_id)
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16)
    n_params = sum(p.numel() for p in model.parameters()) / 1e9
    if abs(n_params - real.n_params_b) > 0.02 * real.n_params_b:
        raise RuntimeError(
            f"{name}: built {n_params:.3f} B parameters, the real model has {real.n_params_b} B."
        )
    model.save_pretrained(folder)
    del model
    return folder
