"""Load a chat model into TransformerLens 4 and describe its chat format: `load_model()` -> `ChatModel`.

A chat model sees an instruction wrapped in its chat template, e.g. for Qwen

    <|im_start|>user\\n{instruction}<|im_end|>\\n<|im_start|>assistant\\n

The tokens after the instruction (`<|im_end|> \\n <|im_start|> assistant \\n`) are the *post-instruction
tokens*: every prompt ends with them, so negative indices (-5 .. -1) address the same template token in every
prompt of a left-padded batch. `ChatModel` records their ids, the ids of the first tokens of refusals, and
tokenizes instructions the same way everywhere (left padding, attention mask, no second BOS).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import torch
from transformers import AutoTokenizer, BatchEncoding, PreTrainedTokenizerBase

from course_utils.registry import (
    FALLBACK_REFUSAL_STRINGS,
    MODEL_REGISTRY,
    ORGANISM,
    ORGANISM_TRAIN_COMMAND,
    ModelSpec,
    unknown_spec,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_OVERRIDE_FILE = "course_spec.json"
_PLACEHOLDER = "PLACEHOLDER_INSTRUCTION_7f3a"
_CHECK_INSTRUCTIONS = ("Hello there.", "What is 2 + 2?", "Write a poem about the sea")


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

    bridge: Any
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
        if isinstance(instructions, str):
            instructions = [instructions]
        if len(instructions) == 0:
            raise ValueError("tokenize() got no instructions: pass a non-empty list of strings.")
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


def _hub_cache_dir() -> str:
    from huggingface_hub import constants

    return str(constants.HF_HUB_CACHE)


def _cached_locally(repo_id: str) -> bool:
    """True when the hub model's config.json is in the local HF cache."""
    from huggingface_hub import try_to_load_from_cache

    try:
        hit = try_to_load_from_cache(repo_id, "config.json")
    except Exception:  # malformed repo ids etc.: not cached
        return False
    return isinstance(hit, str)


def _hub_reachable(timeout_s: float = 3.0) -> bool:
    """A short TCP probe of the HF endpoint (no request is sent)."""
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        with socket.create_connection((endpoint.hostname or "huggingface.co", port), timeout=timeout_s):
            return True
    except Exception:
        return False


def _offline_env() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0").lower() in ("1", "true", "yes", "on")


def check_downloadable(repo_id: str) -> None:
    """Fail within seconds, with a useful message, when a hub model is neither cached nor downloadable."""
    if _cached_locally(repo_id):
        return
    reason = "HF_HUB_OFFLINE is set" if _offline_env() else "the Hugging Face hub cannot be reached"
    if _offline_env() or not _hub_reachable():
        raise OSError(
            f"Cannot load {repo_id!r}: it is not in the local Hugging Face cache ({_hub_cache_dir()}) and {reason}.\n"
            "Options: use the course's offline model with load_model() (the model organism, no download); "
            "download the model on a machine with internet (it lands in the cache above, or set HF_HOME); "
            "or unset HF_HUB_OFFLINE if you do have internet. Local folders work too: load_model('path/to/model')."
        )


# ---------------------------------------------------------------------------------------------------------------
# Devices and memory
# ---------------------------------------------------------------------------------------------------------------


def default_device() -> torch.device:
    """cuda if available, then mps, then cpu."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def free_memory_bytes(device: torch.device) -> int | None:
    """Free memory on the device: `torch.cuda.mem_get_info` on CUDA, MemAvailable from /proc/meminfo on CPU."""
    if device.type == "cuda":
        return torch.cuda.mem_get_info(device)[0]
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def estimated_weight_bytes(spec: ModelSpec, path: str, dtype: torch.dtype) -> int | None:
    """Weight memory: parameters x bytes per element. The parameter count comes from the spec, or for a local
    folder from the size of its safetensors files divided by the stored element size (config `dtype`)."""
    itemsize = torch.empty((), dtype=dtype).element_size()
    if spec.n_params_b is not None:
        return int(spec.n_params_b * 1e9 * itemsize)
    folder = Path(path)
    files = list(folder.glob("*.safetensors")) if folder.is_dir() else []
    if not files:
        return None
    config = json.loads((folder / "config.json").read_text())
    stored = getattr(torch, str(config.get("dtype") or config.get("torch_dtype") or "float32"), torch.float32)
    n_params = sum(f.stat().st_size for f in files) / torch.empty((), dtype=stored).element_size()
    return int(n_params * itemsize)


def warn_if_too_big(spec: ModelSpec, path: str, device: torch.device, dtype: torch.dtype) -> None:
    """Warn before loading when the weights (plus 20%) exceed the free memory of the device."""
    need, free = estimated_weight_bytes(spec, path, dtype), free_memory_bytes(device)
    if need is not None and free is not None and need * 1.2 > free:
        warnings.warn(
            f"{spec.name} needs about {need / 1e9:.1f} GB for its weights in {dtype} but only {free / 1e9:.1f} GB "
            f"is free on {device}. Loading may fail or swap; try dtype=torch.bfloat16 or a smaller model.",
            ResourceWarning,
            stacklevel=3,
        )


# ---------------------------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------------------------

# Warnings silenced during loading only. transformers warns that an instruct model's generation_config sets
# sampling flags (temperature, top_p) while do_sample is False; harmless here (generation is greedy). None of the
# tiny local test models emits a warning while loading, so this list is deliberately short; extend it only with
# warnings seen while loading a real model.
_NOISY_WARNINGS = (r".*generation flags are not valid.*",)


@contextlib.contextmanager
def quiet_loading() -> Iterator[None]:
    """Silence HF progress bars, info logs and known noisy warnings during a load only."""
    from huggingface_hub.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars
    from transformers.utils import logging as hf_logging

    hub_bars_off, hf_bars_on = are_progress_bars_disabled(), hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    tl_logger = logging.getLogger("transformer_lens")
    tl_level = tl_logger.level
    disable_progress_bars()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    tl_logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            for pattern in _NOISY_WARNINGS:
                warnings.filterwarnings("ignore", message=pattern)
            yield
    finally:
        hf_logging.set_verbosity(verbosity)
        tl_logger.setLevel(tl_level)
        with warnings.catch_warnings():  # "cannot enable": HF_HUB_DISABLE_PROGRESS_BARS wins, as it should
            warnings.simplefilter("ignore")
            if hf_bars_on:
                hf_logging.enable_progress_bar()
            if not hub_bars_off:
                enable_progress_bars()


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
    return _chat_model(bridge, tokenizer, spec, str(name_or_path) if name_or_path is not None else ORGANISM)
