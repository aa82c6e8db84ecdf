"""Shared code for the course "Linear Representations in Language Models"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ChatModel", "load_model"]

if TYPE_CHECKING:
    from course_utils.models import ChatModel, load_model


def __getattr__(name: str) -> Any:
    """Re-export load_model and ChatModel lazily, so `import course_utils` stays fast (no torch import)."""
    if name in __all__:
        from course_utils import models

        return getattr(models, name)
    raise AttributeError(f"module 'course_utils' has no attribute {name!r}")
