"""One course website built per test session, shared by tests/test_site.py and tests/test_browser.py.

It is the real site (every chapter, every guide) with only chapter 00 executed (`--execute "00*"`), so that CI pays
for one short notebook run; `course site` builds the same pages with every chapter executed.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

EXECUTED = "00_setup.ipynb"


@functools.cache
def build_test_site(base: Path) -> tuple[Path, Path, list[str]]:
    """(site folder, work folder, Sphinx warnings) of the site built under `base` (once per session)."""
    pytest.importorskip("myst_nb", reason="the site extra is not installed: pip install -e '.[site]'")
    from course_utils.site import build_site

    result = build_site(base / "site", work_dir=base / "site_work", execute=EXECUTED, quiet=True)
    return result.out_dir, base / "site_work", result.warnings
