"""The machine around the course (private): the Hugging Face hub, devices and memory, library logging, and the
environment of the course's notebook kernels.

None of this is about language models; `course_utils.models` calls it while loading one:

* hub probing: is a model cached, can the hub be reached (`check_downloadable` fails fast with advice);
* devices and memory: `default_device`, `free_memory_bytes`, and a warning before loading weights that will not fit;
* logging: `quiet_loading` silences download bars, info logs and known harmless warnings during a load only;
* kernels: `kernel_env()` is the one definition of the environment every tool that runs notebooks for the course
  gives its kernels: the website build (`course site`), the grading workers (`course grade`), and the notebook and
  browser tests. `course run` does not use it: a learner running the notebooks on a hub model may need downloads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:  # torch is imported where it is used: `kernel_env` users (grading, site) stay light
    import torch

    from course_utils.registry import ModelSpec

# ---------------------------------------------------------------------------------------------------------------
# The Hugging Face hub
# ---------------------------------------------------------------------------------------------------------------


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
    import torch

    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def free_memory_bytes(device: torch.device) -> int | None:
    """Free memory on the device: `torch.cuda.mem_get_info` on CUDA, MemAvailable from /proc/meminfo on CPU."""
    import torch

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
    import torch

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
# Logging while loading
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


# ---------------------------------------------------------------------------------------------------------------
# Notebook kernels
# ---------------------------------------------------------------------------------------------------------------

OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",  # nothing is downloaded: the course's model is local, tests block the network
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",  # no download bars in saved outputs
    "TOKENIZERS_PARALLELISM": "false",  # no tokenizer threads (and no fork warning) in a kernel
}
ONE_THREAD_ENV: dict[str, str] = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def kernel_env(*, one_thread: bool = True) -> dict[str, str]:
    """Environment variables for a notebook kernel run by the course's tools: `OFFLINE_ENV`, plus
    `ONE_THREAD_ENV` (one BLAS / OpenMP thread, for kernels that share the CPU with others) when `one_thread`."""
    return {**OFFLINE_ENV, **(ONE_THREAD_ENV if one_thread else {})}
