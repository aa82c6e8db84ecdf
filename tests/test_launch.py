"""Launching the course: the Colab set-up cell (simulated Colab and non-Colab kernels), launch URLs, Binder's file.

Nothing here touches the network: `subprocess.run` is replaced by a recorder that plays git and pip.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from course_utils import launch
from course_utils.exercises import build

ROOT = Path(__file__).resolve().parent.parent


class FakeSubprocess:
    """Records each `subprocess.run` command; a `git clone` creates the clone's notebooks/ folder."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []

    def run(self, command: list[str], **kwargs: Any) -> subprocess.CompletedProcess:
        assert kwargs.get("check") is True, f"{command}: a failed install must stop the cell (check=True)"
        self.commands.append([str(part) for part in command])
        if command[:2] == ["git", "clone"]:
            (Path(command[-1]) / "notebooks").mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0)


@pytest.fixture
def kernel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeSubprocess:
    """A sandbox for running the cell: working folder, sys.path and subprocess.run restored afterwards."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    fake = FakeSubprocess()
    monkeypatch.setattr(subprocess, "run", fake.run)
    return fake


def _run_cell(source: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(source, "<colab setup cell>", "exec"), namespace)
    return namespace


def _on_colab(monkeypatch: pytest.MonkeyPatch) -> None:
    colab = types.ModuleType("google.colab")
    monkeypatch.setitem(sys.modules, "google.colab", colab)


def _cell_for(monkeypatch: pytest.MonkeyPatch, clone_dir: Path) -> str:
    monkeypatch.setattr(launch, "COLAB_CLONE_DIR", str(clone_dir))
    return launch.colab_setup_source()


def test_elsewhere_the_cell_does_nothing(kernel: FakeSubprocess, tmp_path: Path) -> None:
    assert "google.colab" not in sys.modules
    path_before, cwd_before = list(sys.path), os.getcwd()
    namespace = _run_cell(launch.colab_setup_source())
    assert kernel.commands == []
    assert sys.path == path_before and os.getcwd() == cwd_before
    assert set(namespace) == {"__builtins__", "sys"}  # it leaves nothing else in the learner's namespace


def test_on_colab_clones_installs_and_enters_notebooks(
    kernel: FakeSubprocess, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _on_colab(monkeypatch)
    clone = tmp_path / "content" / "course"
    _run_cell(_cell_for(monkeypatch, clone))
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    assert kernel.commands == [
        ["git", "clone", "--depth", "1", "--branch", launch.BRANCH, launch.REPOSITORY_URL, str(clone)],
        [*pip, "-e", str(clone)],
    ]  # torch is installed here (as on Colab), so it is left alone
    assert sys.path[0] == str(clone)  # importable in this kernel without a restart
    assert Path(os.getcwd()) == clone / "notebooks"

    kernel.commands.clear()  # running the cell again: no second clone, nothing added twice to sys.path
    _run_cell(_cell_for(monkeypatch, clone))
    assert kernel.commands == [[*pip, "-e", str(clone)]]
    assert sys.path.count(str(clone)) == 1


def test_on_colab_without_torch_installs_the_cpu_build_first(
    kernel: FakeSubprocess, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _on_colab(monkeypatch)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real_find_spec(name, *a)
    )
    _run_cell(_cell_for(monkeypatch, tmp_path / "course"))
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    assert kernel.commands[0] == [*pip, "torch", "--index-url", launch.PYTORCH_CPU_INDEX]
    assert [c[:2] for c in kernel.commands[1:]] == [["git", "clone"], [sys.executable, "-m"]]


def test_a_failed_install_stops_the_cell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _on_colab(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))

    def fail(command: list[str], **kwargs: Any) -> None:
        raise subprocess.CalledProcessError(128, command)

    monkeypatch.setattr(subprocess, "run", fail)
    with pytest.raises(subprocess.CalledProcessError):
        _run_cell(_cell_for(monkeypatch, tmp_path / "course"))
    assert Path(os.getcwd()) == tmp_path


@pytest.mark.parametrize("source", build.sources(), ids=lambda s: s.stem)
def test_every_notebook_starts_with_the_colab_cell(source: Path) -> None:
    for target in build.targets(source):
        first = json.loads(target.read_text(encoding="utf-8"))["cells"][0]
        assert first["id"] == "colab-setup" and first["cell_type"] == "code", target
        assert "".join(first["source"]) == launch.colab_setup_source(), f"{target}: run `course build`"
        assert "remove-cell" in first["metadata"]["tags"]  # kept off the website


def test_launch_urls_derive_from_the_one_repository_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(launch, "REPOSITORY_URL", "https://github.com/someone/fork.git")
    notebook = "notebooks/05_ablation_and_addition.ipynb"
    assert launch.colab_url(notebook) == (
        "https://colab.research.google.com/github/someone/fork/blob/main/" + notebook
    )
    assert launch.binder_url(notebook) == f"https://mybinder.org/v2/gh/someone/fork/main?labpath={notebook}"
    monkeypatch.setattr(launch, "REPOSITORY_URL", "https://gitlab.com/someone/fork")
    with pytest.raises(ValueError, match="github.com/OWNER/NAME"):
        launch.colab_url(notebook)


def test_binder_builds_from_environment_yml() -> None:
    """What repo2docker needs from environment.yml: an exact Python, pip, the CPU torch index, the repo itself.

    repo2docker builds the environment after copying the repository when the pip list has a local requirement
    (`-e .`), so the course is installed; mybinder.org has no GPU, hence the CPU wheel index for torch.
    """
    text = (ROOT / "environment.yml").read_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "- python=3.11" in lines and "- pip" in lines and "- -e ." in lines
    assert f"- --extra-index-url {launch.PYTORCH_CPU_INDEX}" in lines
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()  # it is the file Binder reads
