"""Load a chat model into TransformerLens 4 and describe its chat format: `load_model()` -> `ChatModel`.

A chat model sees an instruction wrapped in its chat template, e.g. for Qwen

    <|im_start|>user\\n{instruction}<|im_end|>\\n<|im_start|>assistant\\n

The tokens after the instruction (`<|im_end|> \\n <|im_start|> assistant \\n`) are the *post-instruction
tokens*: every prompt ends with them, so negative indices (-5 .. -1) address the same template token in every
prompt of a left-padded batch. `ChatModel` records their ids, the ids of the first tokens of refusals, and
tokenizes instructions the same way everywhere (left padding, attention mask, no second BOS).

Also here: the check every function taking instructions runs (`instruction_list`), the `course_spec.json` a local
model folder may carry (read by `resolve_spec`, written by `write_spec_override`), and the way back from a bridge
to a plain Hugging Face model (`plain_hf_model`, `chat_model_from_hf`, `save_model`). The machine around a load
(hub cache, memory, log silencing) lives in the private `course_utils._environment`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from torch import nn
from transformers import AutoTokenizer, BatchEncoding, PreTrainedTokenizerBase

from course_utils._environment import check_downloadable, default_device, quiet_loading, warn_if_too_big
from course_utils._paths import REPO_ROOT
from course_utils.registry import (
    FALLBACK_REFUSAL_STRINGS,
    MODEL_REGISTRY,
    ORGANISM,
    ORGANISM_TRAIN_COMMAND,
    ModelSpec,
    unknown_spec,
)

if TYPE_CHECKING:
    from transformer_lens.model_bridge import TransformerBridge

SPEC_OVERRIDE_FILE = "course_spec.json"
_PLACEHOLDER = "PLACEHOLDER_INSTRUCTION_7f3a"
_CHECK_INSTRUCTIONS = ("Hello there.", "What is 2 + 2?", "Write a poem about the sea")


class InstructionsError(TypeError, ValueError):
    """Instructions that are not a non-empty list of strings. Both a TypeError (a single string, a non-string) and
    a ValueError (an empty list), so that callers may catch either, as numpy's AxisError is both."""


def instruction_list(instructions: Sequence[str]) -> list[str]:
    """`instructions` as a new list, checked: a non-empty sequence of strings (a single string is refused, since
    iterating over it would give characters). Every function that takes instructions checks them here."""
    if isinstance(instructions, str):
        raise InstructionsError(
            "instructions must be a non-empty list of strings, got a single string: pass a list of instructions "
            "(wrap it: [instruction])."
        )
    instructions = list(instructions)
    if not instructions:
        raise InstructionsError("instructions must be a non-empty list of strings, got an empty list.")
    bad = sorted({type(x).__name__ for x in instructions if not isinstance(x, str)})
    if bad:
        raise InstructionsError(f"instructions must be a non-empty list of strings; found {bad}.")
    return instructions


@dataclass
class ChatModel:
    """A TransformerLens bridge plus everything the course needs to know about the model's chat format.

    Attributes:
        bridge: the TransformerLens 4 `TransformerBridge` (hook names `blocks.{l}.hook_resid_pre`, ...).
        tokenizer: its tokenizer, `padding_side="left"`, pad token set.
        spec: the registry entry.
        name: hub id or local path.
        n_layers, d_model, n_heads, d_head: model sizes.
        post_instruction_ids: token ids the template appends after the instruction.
        refusal_token_ids: first token of each refusal string.
        device: where the weights (and the tokenized inputs) live.
    """

    bridge: TransformerBridge
    tokenizer: PreTrainedTokenizerBase
    spec: ModelSpec
    name: str
    n_layers: int
    d_model: int
    n_heads: int
    d_head: int
    post_instruction_ids: list[int]
    refusal_token_ids: list[int]
    device: torch.device

    @property
    def post_instruction_positions(self) -> list[int]:
        """Negative positions of the post-instruction tokens, e.g. [-4, -3, -2, -1]."""
        n = len(self.post_instruction_ids)
        return list(range(-n, 0))

    def format_chat(self, instructions: str | Sequence[str]) -> list[str]:
        """Wrap each instruction as one user turn plus the generation prompt (no system prompt).

        The strings contain BOS exactly once when the model needs it: the template's own, or one added here
        when the tokenizer normally prepends BOS but the template does not emit it.
        """
        if isinstance(instructions, str):
            instructions = [instructions]
        return [format_chat(self.tokenizer, text, self.spec) for text in instructions]

    @property
    def context_length(self) -> int:
        """The longest token sequence the model was built for (`n_ctx`)."""
        return int(self.bridge.cfg.n_ctx)

    def tokenize(
        self, instructions: str | Sequence[str], suffix: str = "", max_length: int | None = None
    ) -> BatchEncoding:
        """Chat-format `instruction + suffix` for each instruction; left-padded `input_ids`, `attention_mask`.

        Tokenized with `add_special_tokens=False` (the chat string already has its BOS), on `self.device`.
        The suffix is appended to the instruction text as is (include a leading space if you want one).
        A formatted prompt longer than `max_length` tokens (default: the context length) keeps its chat template
        and the start of its instruction; the end of the instruction is cut, with a warning.
        """
        instructions = instruction_list([instructions] if isinstance(instructions, str) else instructions)
        limit = max_length or self.context_length
        texts = [self._fit(text + suffix, limit) for text in instructions]
        enc = self.tokenizer(
            self.format_chat(texts), return_tensors="pt", padding=True, add_special_tokens=False
        )
        return enc.to(self.device)

    def _fit(self, text: str, limit: int) -> str:
        """`text` itself, or its longest token prefix whose chat-formatted prompt has at most `limit` tokens."""
        count = lambda t: len(self.tokenizer(self.format_chat(t)[0], add_special_tokens=False).input_ids)
        n = count(text)
        if n <= limit:
            return text
        ids = self.tokenizer(text, add_special_tokens=False).input_ids
        keep = max(0, len(ids) - (n - limit))
        while keep > 0 and count(cut := self.tokenizer.decode(ids[:keep])) > limit:
            keep -= 1
        cut = self.tokenizer.decode(ids[:keep]) if keep > 0 else ""
        warnings.warn(
            f"An instruction is {n} tokens long once chat-formatted, more than the {limit} this model can take "
            f"here (context {self.context_length}); only its first {keep} tokens are kept. Shorten it to avoid "
            "this.",
            stacklevel=3,
        )
        return cut


# ---------------------------------------------------------------------------------------------------------------
# Chat format
# ---------------------------------------------------------------------------------------------------------------


def _tokenizer_prepends_bos(tokenizer: PreTrainedTokenizerBase) -> bool:
    """True when plain `tokenizer(text)` starts with BOS, i.e. the model was trained to see BOS first."""
    if tokenizer.bos_token_id is None:
        return False
    ids = tokenizer("a", add_special_tokens=True).input_ids
    return len(ids) > 0 and ids[0] == tokenizer.bos_token_id


def format_chat(tokenizer: PreTrainedTokenizerBase, instruction: str, spec: ModelSpec) -> str:
    """One user turn + generation prompt via `tokenizer.apply_chat_template`, with exactly one BOS if needed."""
    text = tokenizer.apply_chat_template(
        [{"role": "user", "content": instruction}],
        add_generation_prompt=True,
        tokenize=False,
        **spec.template_kwargs,
    )
    bos = tokenizer.bos_token
    if bos and not text.startswith(bos) and _tokenizer_prepends_bos(tokenizer):
        text = bos + text
    return text


def post_instruction_ids(tokenizer: PreTrainedTokenizerBase, spec: ModelSpec) -> list[int]:
    """Token ids the chat template appends after the instruction, derived from the template itself.

    Format a placeholder instruction, tokenize the text after it, and check that real formatted prompts end
    with exactly those ids (a tokenizer could merge the instruction's last characters with the template).
    """
    text = format_chat(tokenizer, _PLACEHOLDER, spec)
    if text.count(_PLACEHOLDER) != 1:
        raise ValueError(
            f"The chat template of {spec.name} does not contain the instruction exactly once: {text!r}"
        )
    tail = text.split(_PLACEHOLDER, 1)[1]
    ids = tokenizer(tail, add_special_tokens=False).input_ids
    if not ids:
        raise ValueError(f"The chat template of {spec.name} adds nothing after the instruction: {text!r}")
    for instruction in _CHECK_INSTRUCTIONS:
        full = tokenizer(format_chat(tokenizer, instruction, spec), add_special_tokens=False).input_ids
        if full[-len(ids) :] != ids:
            raise ValueError(
                f"Post-instruction tokens of {spec.name} are not stable: the template tail {tail!r} tokenizes "
                f"to {ids}, but the prompt for {instruction!r} ends with {full[-len(ids) :]}."
            )
    return ids


def refusal_token_ids(tokenizer: PreTrainedTokenizerBase, spec: ModelSpec) -> list[int]:
    """First token id of each of the spec's refusal strings (deduplicated, in order)."""
    ids: list[int] = []
    for text in spec.refusal_strings:
        tokens = tokenizer(text, add_special_tokens=False).input_ids
        if tokens and tokens[0] not in ids:
            ids.append(tokens[0])
    return ids


# ---------------------------------------------------------------------------------------------------------------
# Resolving a name to a spec and a folder
# ---------------------------------------------------------------------------------------------------------------


def default_model_name() -> str | None:
    """The model the notebooks use: `$COURSE_MODEL` if set (and not empty), else None (the organism)."""
    return os.environ.get("COURSE_MODEL") or None


def _load_spec_override(spec: ModelSpec, folder: Path) -> ModelSpec:
    """Apply `course_spec.json` from a local model folder (e.g. the organism's refusal strings)."""
    path = folder / SPEC_OVERRIDE_FILE
    if not path.is_file():
        return spec
    changes = json.loads(path.read_text())
    unknown = set(changes) - set(ModelSpec.__dataclass_fields__)
    if unknown:
        raise ValueError(
            f"{path} has unknown fields {sorted(unknown)}; allowed: {sorted(ModelSpec.__dataclass_fields__)}"
        )
    for key in ("refusal_strings", "caveats"):
        if key in changes:
            changes[key] = tuple(changes[key])
    return spec.replace(**changes)


def write_spec_override(folder: str | Path, fields: Mapping[str, Any]) -> Path:
    """Write `course_spec.json` into a local model folder: registry fields (`ModelSpec` names, e.g.
    `refusal_strings`) that `load_model(folder)` applies on top of the registry entry. The one writer of the file
    (the organism's trainer and `save_model` use it); returns the file's path."""
    unknown = set(fields) - set(ModelSpec.__dataclass_fields__)
    if unknown:
        raise ValueError(
            f"unknown spec fields {sorted(unknown)}; allowed: {sorted(ModelSpec.__dataclass_fields__)}"
        )
    path = Path(folder) / SPEC_OVERRIDE_FILE
    plain = {key: list(value) if isinstance(value, tuple) else value for key, value in fields.items()}
    path.write_text(json.dumps(plain, indent=2) + "\n")
    return path


def _architecture(folder: Path) -> str:
    """HF architecture name from a local folder's config.json."""
    config = json.loads((folder / "config.json").read_text())
    return (config.get("architectures") or ["unknown"])[0]


def resolve_spec(name_or_path: str | None) -> tuple[ModelSpec, str]:
    """(registry spec, path or hub id to load) for a name; None means the organism."""
    name = ORGANISM if name_or_path is None else str(name_or_path)
    if name == ORGANISM:
        spec = MODEL_REGISTRY[ORGANISM]
        folder = REPO_ROOT / spec.local_dir
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(
                f"The course's model organism has not been trained or shipped yet: {folder} has no config.json.\n"
                f"Train it with:  {ORGANISM_TRAIN_COMMAND}\n"
                "or pass a model name, e.g. load_model('Qwen/Qwen2.5-0.5B-Instruct') (needs internet)."
            )
        return _load_spec_override(spec, folder), str(folder)
    folder = Path(name).expanduser()
    if folder.is_dir():
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(f"{folder} is a folder but has no config.json: is it a saved HF model?")
        spec = MODEL_REGISTRY.get(name) or unknown_spec(str(folder), _architecture(folder))
        return _load_spec_override(spec, folder), str(folder)
    spec = MODEL_REGISTRY.get(name)
    if spec is None:
        spec = unknown_spec(name)
    return spec, name


# ---------------------------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------------------------


def load_tokenizer(path: str, spec: ModelSpec, chat_template: str | None = None) -> PreTrainedTokenizerBase:
    """The model's tokenizer with left padding, a pad token (EOS if none) and a chat template."""
    tokenizer = AutoTokenizer.from_pretrained(path)
    configure_tokenizer(tokenizer, spec, chat_template)
    return tokenizer


def configure_tokenizer(
    tokenizer: PreTrainedTokenizerBase, spec: ModelSpec, chat_template: str | None = None
) -> PreTrainedTokenizerBase:
    """Left padding; pad token = EOS if missing; chat template from the argument, the model, or the registry."""
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if chat_template is not None:
        tokenizer.chat_template = chat_template
    elif not tokenizer.chat_template:
        if spec.chat_template is None:
            raise ValueError(
                f"The tokenizer of {spec.name} has no chat template, and the registry has no fallback for it. "
                'Pass one as a Jinja string: load_model(name, chat_template="{% for m in messages %}..."), '
                "using the template the model was trained with (see its model card)."
            )
        tokenizer.chat_template = spec.chat_template
    return tokenizer


def _boot_bridge(path: str, device: torch.device | None, dtype: torch.dtype, device_map: Any) -> Any:
    """TransformerBridge.boot_transformers, quietly (device_map for multi-device placement).

    The bridge loads its own tokenizer and changes it (it makes it always prepend BOS); the ChatModel keeps a
    separate, unmodified tokenizer for chat strings.
    """
    from transformer_lens.model_bridge import TransformerBridge

    kwargs: dict[str, Any] = {"dtype": dtype}
    if device_map is not None:
        kwargs["device_map"] = device_map
    else:
        kwargs["device"] = device
    with quiet_loading():
        bridge = TransformerBridge.boot_transformers(path, **kwargs)
    bridge.eval()
    return bridge


def _chat_model(bridge: Any, tokenizer: PreTrainedTokenizerBase, spec: ModelSpec, name: str) -> ChatModel:
    """Assemble a ChatModel: sizes from the bridge config, chat-format ids from the tokenizer."""
    cfg = bridge.cfg
    refusal_ids = refusal_token_ids(tokenizer, spec)
    if spec.refusal_strings == FALLBACK_REFUSAL_STRINGS:
        warnings.warn(
            f"{name} is not in course_utils.registry: using generic refusal tokens {list(FALLBACK_REFUSAL_STRINGS)}. "
            "Check the model's refusals and, if they start differently, add a registry entry.",
            UserWarning,
            stacklevel=3,
        )
    device = next(bridge.parameters()).device
    return ChatModel(
        bridge=bridge,
        tokenizer=tokenizer,
        spec=spec,
        name=name,
        n_layers=cfg.n_layers,
        d_model=cfg.d_model,
        n_heads=cfg.n_heads,
        d_head=cfg.d_head,
        post_instruction_ids=post_instruction_ids(tokenizer, spec),
        refusal_token_ids=refusal_ids,
        device=device,
    )


def load_model(
    name_or_path: str | os.PathLike | None = None,
    *,
    device: str | torch.device | None = None,
    dtype: torch.dtype | None = None,
    device_map: str | dict | None = None,
    chat_template: str | None = None,
) -> ChatModel:
    """Load a chat model as a `ChatModel` (TransformerLens bridge + chat format).

    Args:
        name_or_path: None for the course's model organism (offline), a registry / hub id such as
            "Qwen/Qwen2.5-0.5B-Instruct", or a local folder saved with `save_pretrained`.
        device: "cuda", "mps" or "cpu"; default: the first available in that order.
        dtype: weight dtype; default float32.
        device_map: accelerate device map (e.g. "auto") for models split over devices; excludes `device`.
        chat_template: a Jinja chat template, for tokenizers that ship without one.

    Prints the registry's `caveats` of the model (one line), if it has any.
    """
    if device is not None and device_map is not None:
        raise ValueError("Pass either device= or device_map=, not both.")
    spec, path = resolve_spec(None if name_or_path is None else str(name_or_path))
    if not Path(path).is_dir():
        check_downloadable(path)
    dtype = torch.float32 if dtype is None else dtype
    target = default_device() if device is None else torch.device(device)
    warn_if_too_big(spec, path, target, dtype)
    with quiet_loading():
        tokenizer = load_tokenizer(path, spec, chat_template)
    bridge = _boot_bridge(path, None if device_map is not None else target, dtype, device_map)
    if spec.caveats:
        print(f"{spec.name}: " + "; ".join(spec.caveats))
    return _chat_model(bridge, tokenizer, spec, str(name_or_path) if name_or_path is not None else ORGANISM)


# ---------------------------------------------------------------------------------------------------------------
# Saving, and the plain Hugging Face model behind a bridge
# ---------------------------------------------------------------------------------------------------------------
_WRAPPER = re.compile(r"\._original_component(?=\.|$)")


def unwrapped_name(name: str) -> str:
    """The name a module of `bridge.original_model` has in a plain HF model: the bridge wraps HF modules in place,
    which inserts `._original_component` into their names."""
    return _WRAPPER.sub("", name)


def plain_hf_model(model: ChatModel, *, untie: bool = True) -> nn.Module:
    """A new, plain Hugging Face model (no TransformerLens wrappers) with the model's current weights.

    The bridge wraps the HF modules in place, so ``bridge.original_model`` cannot be saved or copied as a
    plain model. This builds a fresh model from the config and loads copies of the current weights into it.
    ``untie=True`` gives the unembedding its own copy of the embedding matrix when they are tied.
    """
    from transformers import AutoModelForCausalLM

    wrapped = model.bridge.original_model
    config = copy.deepcopy(wrapped.config)
    if untie:
        for cfg in {id(c): c for c in (config, config.get_text_config())}.values():
            cfg.tie_word_embeddings = False
    state = {unwrapped_name(k): v for k, v in wrapped.state_dict().items()}
    dtype = next(wrapped.parameters()).dtype
    with quiet_loading(), torch.device(model.device):
        fresh = AutoModelForCausalLM.from_config(config, dtype=dtype)
    names = {m: n for n, m in fresh.named_modules()}
    unembed_key = names[fresh.get_output_embeddings()] + ".weight"
    if unembed_key not in state:  # tied: the wrapped model lists the shared matrix under the embedding only
        state[unembed_key] = state[names[fresh.get_input_embeddings()] + ".weight"]
    missing = [k for k in fresh.state_dict() if k not in state]
    if missing:
        raise RuntimeError(
            f"could not map the bridge's weights back to a plain {type(fresh).__name__}: missing {missing[:5]}."
        )
    fresh.load_state_dict({k: state[k] for k in fresh.state_dict()}, strict=True)  # copies into fresh
    fresh.eval()
    return fresh


def chat_model_from_hf(model: ChatModel, hf: nn.Module) -> ChatModel:
    """A ChatModel around a plain HF model ``hf`` (e.g. from ``orthogonalize_weights``), with ``model``'s tokenizer
    and chat format; the name says it was orthogonalized."""
    from transformer_lens.model_bridge import TransformerBridge

    dtype = next(hf.parameters()).dtype
    with quiet_loading():
        bridge = TransformerBridge.boot_transformers(
            model.name, hf_model=hf, tokenizer=copy.deepcopy(model.tokenizer), dtype=dtype
        )
    bridge.eval()
    return dataclasses.replace(model, bridge=bridge, name=f"{model.name} (orthogonalized)")


def save_model(model: ChatModel, path: str | Path) -> Path:
    """Save a ChatModel in Hugging Face format (weights, config, tokenizer with its chat template).

    ``load_model(path)`` loads it back. The registry's refusal strings are written to ``course_spec.json``
    so the reloaded model scores refusals with the same tokens.
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    plain_hf_model(model, untie=False).save_pretrained(path)
    model.tokenizer.save_pretrained(path)
    write_spec_override(path, {"refusal_strings": model.spec.refusal_strings})
    return path
