"""The models the course knows: one `ModelSpec` (plain data) per model, no per-family code.

A family's quirks live here as data: which first tokens start a refusal, whether the embeddings are tied, whether
weight orthogonalization is exactly equivalent to directional ablation, extra chat-template arguments, memory.

Provenance of the facts. Parameter counts, layer counts, widths, tied embeddings and gating are taken from the
models' published configs and model cards; none of these hub models can be downloaded on the machines this course
is developed on, so every hub entry has `verified_here=False`: their templates and refusal tokens have not been
run here. Only the organism, trained and tested in this repository, has `verified_here=True`. `registry_table()`
lists both (notebook 00 prints it), and `load_model` prints a model's `caveats` when it loads it. Memory figures are the weights alone (parameters x 4 bytes in fp32, x 2 in bf16), rounded; activations
and the KV cache come on top. The refusal strings follow Arditi et al. (2024): "I" for every family, plus "As"
for Qwen ("As an AI ...").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

ORGANISM = "organism"
ORGANISM_DIR = "data/models/refusal-organism"  # relative to the repository root
ORGANISM_TRAIN_COMMAND = f"python -m course_utils.organism train --out {ORGANISM_DIR}"
# The files of an organism folder besides a Hugging Face model's own (`course_spec.json`, which any local model
# folder may carry, is `course_utils.models.SPEC_OVERRIDE_FILE`). Named here, the lowest layer, so that every
# module that reads them (the trainer, `organism evaluate`, `directions.planted_direction`) uses one spelling.
#: The planted refusal direction `u` (a float32 tensor `[d_model]`, unit norm).
PLANTED_DIRECTION_FILE = "planted_direction.pt"
#: The training record (config, time, losses).
TRAINING_RECORD_FILE = "training.json"
#: The evaluation record (`python -m course_utils.organism evaluate DIR`).
EVAL_FILE = "eval.json"

FALLBACK_REFUSAL_STRINGS: tuple[str, ...] = ("I", "As", "Sorry")

_EXACT = (
    "pre-norm model without norms after the sublayers: orthogonalizing W_E, W_O and W_out equals ablation"
)
_TIED = (
    "tied embeddings: orthogonalizing the embedding also edits the unembedding; untie (copy) it first "
    "to stay exactly equivalent to ablation"
)
_POST_NORM = (
    "norms after each attention and MLP output (post-sublayer RMSNorm) rescale the sublayer's write after "
    "the output projection, so a direction removed from W_O / W_out is partly re-added: orthogonalization is "
    "NOT exactly equivalent to hook ablation (measured on a tiny Gemma-2 here: max logit difference 0.23)"
)


@dataclass(frozen=True)
class ModelSpec:
    """Registry entry for one chat model. Plain data; `load_model` reads it.

    Attributes:
        name: hub id, or "organism" for the course's own model.
        architecture: HF architecture class name.
        n_params_b: parameters in billions (from the model card / config), None if unknown.
        n_layers, d_model: from the config, None if unknown.
        refusal_strings: strings whose FIRST token starts a typical refusal ("I" for "I cannot ...").
        tied_embeddings: the unembedding is the embedding matrix (editing one edits the other).
        orthogonalization_exact: weight orthogonalization equals directional ablation (up to float error).
        orthogonalization_note: why (or why not).
        chat_template: fallback template, ONLY for models known to ship without one.
        template_kwargs: extra arguments for `tokenizer.apply_chat_template` (e.g. enable_thinking=False).
        caveats: things a learner should know before using this model (printed by `load_model`).
        memory_gb_fp32, memory_gb_bf16: approximate weight memory in GB.
        gated: the hub requires accepting a licence (`huggingface-cli login`).
        verified_here: loaded and checked on this project's machines (shown by `registry_table`).
        local_dir: folder relative to the repository root (the organism), else None.
    """

    name: str
    architecture: str
    n_params_b: float | None = None
    n_layers: int | None = None
    d_model: int | None = None
    refusal_strings: tuple[str, ...] = ("I",)
    tied_embeddings: bool | None = None
    orthogonalization_exact: bool | None = None
    orthogonalization_note: str = ""
    chat_template: str | None = None
    template_kwargs: dict[str, Any] = field(default_factory=dict)
    caveats: tuple[str, ...] = ()
    memory_gb_fp32: float | None = None
    memory_gb_bf16: float | None = None
    gated: bool = False
    verified_here: bool = False
    local_dir: str | None = None

    def replace(self, **changes: Any) -> ModelSpec:
        """A copy with some fields changed (specs are frozen)."""
        return dataclasses.replace(self, **changes)


def _mem(n_params_b: float) -> dict[str, float]:
    """Weight memory in GB: 4 bytes per parameter in fp32, 2 in bf16."""
    return {"memory_gb_fp32": round(4 * n_params_b, 1), "memory_gb_bf16": round(2 * n_params_b, 1)}


def _tied_note(base: str) -> str:
    return f"{base}; {_TIED}"


_SPECS = [
    ModelSpec(
        name=ORGANISM,
        architecture="LlamaForCausalLM",
        refusal_strings=("I",),
        orthogonalization_exact=True,
        orthogonalization_note=_EXACT,
        # its exact size and refusal strings come from course_spec.json in its folder (written by its trainer)
        caveats=("trained from scratch by this repository; a toy: its language and knowledge are tiny",),
        verified_here=True,
        local_dir=ORGANISM_DIR,
    ),
    ModelSpec(
        name="Qwen/Qwen2.5-0.5B-Instruct",
        architecture="Qwen2ForCausalLM",
        n_params_b=0.49,
        n_layers=24,
        d_model=896,
        refusal_strings=("I", "As"),
        tied_embeddings=True,
        orthogonalization_exact=True,
        orthogonalization_note=_tied_note(_EXACT),
        caveats=("the chat template inserts a default system prompt when none is given",),
        **_mem(0.49),
    ),
    ModelSpec(
        name="Qwen/Qwen2.5-1.5B-Instruct",
        architecture="Qwen2ForCausalLM",
        n_params_b=1.54,
        n_layers=28,
        d_model=1536,
        refusal_strings=("I", "As"),
        tied_embeddings=True,
        orthogonalization_exact=True,
        orthogonalization_note=_tied_note(_EXACT),
        caveats=("the chat template inserts a default system prompt when none is given",),
        **_mem(1.54),
    ),
    ModelSpec(
        name="Qwen/Qwen3-0.6B",
        architecture="Qwen3ForCausalLM",
        n_params_b=0.6,
        n_layers=28,
        d_model=1024,
        refusal_strings=("I", "As"),
        tied_embeddings=True,
        orthogonalization_exact=True,
        orthogonalization_note=_tied_note(
            _EXACT + " (its q/k norms act inside attention, not on the stream)"
        ),
        template_kwargs={"enable_thinking": False},
        caveats=(
            "thinking mode: the template is called with enable_thinking=False, which appends an empty "
            "<think></think> block; those tokens are part of the post-instruction positions",
        ),
        **_mem(0.6),
    ),
    ModelSpec(
        name="HuggingFaceTB/SmolLM2-135M-Instruct",
        architecture="LlamaForCausalLM",
        n_params_b=0.135,
        n_layers=30,
        d_model=576,
        refusal_strings=("I",),
        tied_embeddings=True,
        orthogonalization_exact=True,
        orthogonalization_note=_tied_note(_EXACT),
        caveats=(
            "the chat template inserts a default system prompt when none is given",
            "very small: refuses rarely and inconsistently; a quick smoke test, not a faithful replication",
        ),
        **_mem(0.135),
    ),
    ModelSpec(
        name="HuggingFaceTB/SmolLM2-360M-Instruct",
        architecture="LlamaForCausalLM",
        n_params_b=0.36,
        n_layers=32,
        d_model=960,
        refusal_strings=("I",),
        tied_embeddings=True,
        orthogonalization_exact=True,
        orthogonalization_note=_tied_note(_EXACT),
        caveats=("the chat template inserts a default system prompt when none is given",),
        **_mem(0.36),
    ),
    ModelSpec(
        name="meta-llama/Llama-3.2-1B-Instruct",
        architecture="LlamaForCausalLM",
        n_params_b=1.24,
        n_layers=16,
        d_model=2048,
        refusal_strings=("I",),
        tied_embeddings=True,
        orthogonalization_exact=True,
        orthogonalization_note=_tied_note(_EXACT),
        template_kwargs={"date_string": "26 Jul 2024"},
        caveats=(
            "the template emits <|begin_of_text|> itself (never add a second BOS) and a default system "
            "block with today's date; the date is fixed here so that prompts are deterministic",
        ),
        gated=True,
        **_mem(1.24),
    ),
    ModelSpec(
        name="google/gemma-2-2b-it",
        architecture="Gemma2ForCausalLM",
        n_params_b=2.6,
        n_layers=26,
        d_model=2304,
        refusal_strings=("I",),
        tied_embeddings=True,
        orthogonalization_exact=False,
        orthogonalization_note=_POST_NORM,
        caveats=(
            "the template emits <bos> itself and rejects a system role",
            "logit and attention soft-capping; embeddings are scaled by sqrt(d_model)",
        ),
        gated=True,
        **_mem(2.6),
    ),
    ModelSpec(
        name="google/gemma-3-1b-it",
        architecture="Gemma3ForCausalLM",
        n_params_b=1.0,
        n_layers=26,
        d_model=1152,
        refusal_strings=("I",),
        tied_embeddings=True,
        orthogonalization_exact=False,
        orthogonalization_note=_POST_NORM,
        caveats=("the template emits <bos> itself", "embeddings are scaled by sqrt(d_model)"),
        gated=True,
        **_mem(1.0),
    ),
]

MODEL_REGISTRY: dict[str, ModelSpec] = {spec.name: spec for spec in _SPECS}


def unknown_spec(name: str, architecture: str = "unknown") -> ModelSpec:
    """Spec for a model the registry does not list: fallback refusal strings, nothing else assumed (`load_model`
    warns that the refusal tokens are a generic guess)."""
    return ModelSpec(name=name, architecture=architecture, refusal_strings=FALLBACK_REFUSAL_STRINGS)


def registry_table(specs: Sequence[ModelSpec] | None = None) -> str:
    """The models the course knows, one line each: size, layers, weight memory in fp32 and bf16, whether the model
    was loaded and checked on this course's machines (`verified_here`), and notes (gated, tied embeddings)."""
    specs = list(MODEL_REGISTRY.values()) if specs is None else list(specs)
    lines = [
        f"{'model':<40} {'params':>7} {'layers':>6} {'fp32 GB':>8} {'bf16 GB':>8} {'verified here':>13}  notes"
    ]
    for spec in specs:
        params = f"{spec.n_params_b:.2f}B" if spec.n_params_b else "tiny"
        notes = ", ".join(
            note for note, flag in (("gated", spec.gated), ("tied embeddings", spec.tied_embeddings)) if flag
        )
        lines.append(
            f"{spec.name:<40} {params:>7} {spec.n_layers or '':>6} {spec.memory_gb_fp32 or '':>8} "
            f"{spec.memory_gb_bf16 or '':>8} {'yes' if spec.verified_here else 'no':>13}  {notes}".rstrip()
        )
    return "\n".join(lines)
