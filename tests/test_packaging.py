"""Packaging: environment.yml == pyproject dependencies (+ dev and site extras), ruff clean, the README's commands exist."""

from __future__ import annotations

import importlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _normalise(requirement: str) -> str:
    """'Transformer_Lens >= 4.3, <5' -> 'transformer-lens>=4.3,<5' (PEP 503 name, no spaces)."""
    requirement = requirement.replace(" ", "")
    name = re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0)
    return re.sub(r"[-_.]+", "-", name).lower() + requirement[len(name) :]


def _environment_pip_requirements() -> list[str]:
    """The entries of the `- pip:` list in environment.yml (a deliberately tiny YAML reader)."""
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- pip:")
    indent = len(lines[start + 1]) - len(lines[start + 1].lstrip())
    entries = []
    for line in lines[start + 1 :]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(line) - len(line.lstrip()) < indent:
            break
        entries.append(line.strip().removeprefix("- ").strip().strip("\"'"))
    return entries


def test_environment_matches_pyproject() -> None:
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    expected = sorted(_normalise(r) for r in project["dependencies"] + extras["dev"] + extras["site"])
    entries = _environment_pip_requirements()
    assert "-e ." in entries, "environment.yml must install the package itself with `-e .`"
    listed = sorted(_normalise(e) for e in entries if not e.startswith("-"))
    assert listed == expected, (
        "environment.yml (pip list) and pyproject.toml (dependencies + dev and site extras) differ:\n"
        f"only in environment.yml: {sorted(set(listed) - set(expected))}\n"
        f"only in pyproject.toml: {sorted(set(expected) - set(listed))}"
    )


def _ruff() -> list[str]:
    if shutil.which("ruff"):
        return ["ruff"]
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    pytest.fail("ruff is not installed: it is in the dev extra, `pip install -e '.[dev]'`")


@pytest.mark.parametrize(
    "command", [["check", "--output-format", "concise"], ["format", "--check"]], ids=["check", "format"]
)
def test_ruff_clean(command: list[str]) -> None:
    result = subprocess.run([*_ruff(), *command, "."], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (
        f"`ruff {command[0]} .` failed (fix: ruff check --fix . && ruff format .):\n{result.stdout[-4000:]}{result.stderr[-2000:]}"
    )


def test_console_script_and_readme_commands() -> None:
    from course_utils import cli

    assert PYPROJECT["project"]["scripts"]["course"] == "course_utils.cli:main"
    readme = (ROOT / "README.md").read_text()
    for sub, flags in re.findall(r"`course (\w+)((?: --[\w-]+)*)", readme):
        assert sub in ("run", "build", "site", "grade"), (
            f"README mentions `course {sub}`, which cli.main does not provide"
        )
        if sub == "site":
            from course_utils.site import main_site

            for flag in flags.split():
                assert flag in _run_flags(main_site), f"README mentions `course site {flag}`, which it lacks"
        if sub == "run":
            for flag in flags.split():
                assert flag in _run_flags(cli), (
                    f"README mentions `course run {flag}`, which `course run` lacks"
                )
    for module in set(re.findall(r"python -m ([\w.]+)", readme)):
        if module.startswith("course_utils"):
            assert importlib.util.find_spec(module) is not None, (
                f"README runs `python -m {module}`: not found"
            )


def _run_flags(cli: object) -> set[str]:
    """Option strings accepted by `course run` (read from its --help), or by a `main_*(argv)` function given."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        (cli if callable(cli) else cli.main_run)(["--help"])
    return set(re.findall(r"--[\w-]+", out.getvalue()))
