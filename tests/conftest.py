"""Shared test setup: no network, one CPU thread, tiny locally built models.

The offline switches must be set before transformers / huggingface_hub are imported, so they are set at the top
of this file (pytest imports conftest.py before any test module).
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import ipaddress  # noqa: E402
import socket  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import torch  # noqa: E402

from tests.shipped import SHIPPED  # noqa: E402
from tests.tiny_models import build_tiny_model  # noqa: E402

torch.set_num_threads(1)


class NetworkAccessError(RuntimeError):
    """Raised when a test tries to reach a non-loopback host."""


def _is_loopback(host: object) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _blocked(what: str, host: object) -> NetworkAccessError:
    return NetworkAccessError(
        f"Tests must not use the network, but something tried to {what} {host!r}. "
        "Build what you need locally (tests/tiny_models.py) instead of downloading it."
    )


_real_getaddrinfo = socket.getaddrinfo


def _guarded(connect: Callable[..., object]) -> Callable[..., object]:
    """`connect` (socket.connect or connect_ex) refusing any non-loopback internet address."""

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            raise _blocked("connect to", host)
        return connect(self, address)

    return guarded


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if not _is_loopback(host):
        raise _blocked("resolve", host)
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded(socket.socket.connect)  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded(socket.socket.connect_ex)  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Factory `tiny_model_dir(arch="qwen2", *, tied=False, bias=False, seed=0) -> Path`, built once per session."""
    built: dict[tuple, Path] = {}

    def make(arch: str = "qwen2", *, tied: bool = False, bias: bool = False, seed: int = 0) -> Path:
        key = (arch, tied, bias, seed)
        if key not in built:
            name = f"{arch}{'-tied' if tied else ''}{'-bias' if bias else ''}-s{seed}"
            built[key] = build_tiny_model(
                tmp_path_factory.mktemp(name), arch, tied=tied, bias=bias, seed=seed
            )
        return built[key]

    return make


@pytest.fixture(scope="session")
def load_tiny(tiny_model_dir: Callable[..., Path]) -> Callable[..., object]:
    """Factory `load_tiny(arch="qwen2", **build_kwargs) -> ChatModel`, each loaded once per session (do not edit it)."""
    import warnings

    from course_utils.models import load_model

    loaded: dict[tuple, object] = {}

    def make(arch: str = "qwen2", **kwargs: object) -> object:
        key = (arch, tuple(sorted(kwargs.items())))
        if key not in loaded:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # "not in the registry" for tiny models
                loaded[key] = load_model(tiny_model_dir(arch, **kwargs), device="cpu")
        return loaded[key]

    return make


@pytest.fixture(scope="session")
def tiny_model(load_tiny: Callable[..., object]) -> object:
    """A loaded tiny Qwen2 ChatModel (shared by the session: do not modify its weights)."""
    return load_tiny("qwen2")


@pytest.fixture(scope="session")
def organism() -> object:
    """The shipped model organism as a ChatModel, loaded once (with 2 threads); tests using it are
    `@needs_organism` (tests/shipped.py)."""
    from course_utils.models import load_model

    torch.set_num_threads(2)
    return load_model(str(SHIPPED))
