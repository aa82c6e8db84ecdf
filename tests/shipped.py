"""The model organism as shipped in this checkout (`course_utils.registry.ORGANISM_DIR`), for the tests that use it.

Mark such a test `@needs_organism` (or a whole module `pytestmark = needs_organism`): it is skipped, with the reason,
in a checkout where the organism has not been built; the `organism` fixture (tests/conftest.py) loads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course_utils.registry import ORGANISM_DIR, ORGANISM_TRAIN_COMMAND

SHIPPED = Path(__file__).resolve().parent.parent / ORGANISM_DIR
needs_organism = pytest.mark.skipif(
    not (SHIPPED / "config.json").is_file(),
    reason=f"no shipped organism (build it: {ORGANISM_TRAIN_COMMAND})",
)
