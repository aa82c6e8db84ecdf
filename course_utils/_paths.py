"""Where things are in a checkout of the course: the one place that knows the repository's layout.

Every module that reads or writes a file of the repository (datasets, notebooks, the organism's folder, build
outputs) builds its path from these constants, so moving a folder is a one-line change here.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
"""The repository's top folder (the one holding `course_utils/`, `notebooks/`, `data/`)."""
DATA_DIR = REPO_ROOT / "data"
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
SOURCE_DIR = NOTEBOOK_DIR / "src"
SOLUTION_DIR = NOTEBOOK_DIR / "solutions"
DOCS_DIR = REPO_ROOT / "docs"
BUILD_DIR = REPO_ROOT / "build"
WRITTEN_SETS_DIR = REPO_ROOT / "benchmarks"
"""Where the sets of requests written by hand for the organism are (`<name>_requests.json`; `benchmarks/written_sets.py`
lists them)."""
