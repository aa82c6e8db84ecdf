"""course_utils.cli: `course run` on tiny dummy notebooks (real kernels), `course build` wiring."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from course_utils import cli


def _notebook(path: Path, cells: list[str]) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_run_passes_model_reports_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("COURSE_MODEL", raising=False)
    good = _notebook(
        tmp_path / "01_good.ipynb", ["MODEL_NAME = None\nimport os", "print(os.environ['COURSE_MODEL'])"]
    )
    _notebook(tmp_path / "02_bad.ipynb", ["x = 1", "raise ValueError('broken on purpose')"])
    out = tmp_path / "build"
    argv = ["run", "--model", "some/model", "--notebooks", str(tmp_path / "*.ipynb"), "--out", str(out)]
    assert cli.main(argv) == 1  # one notebook failed
    executed = nbformat.read(out / "executed" / good.name, as_version=4)
    assert executed.cells[1].outputs[0]["text"] == "some/model\n"
    assert (out / "executed" / "02_bad.ipynb").is_file()
    summary = (out / "run_summary.md").read_text()
    assert "| 01_good.ipynb | ok |" in summary
    assert "| 02_bad.ipynb | failed |" in summary and "broken on purpose" in summary
    assert "1/2 notebooks" in summary
    assert "| 01_good.ipynb | ok |" in capsys.readouterr().out
    assert "COURSE_MODEL" not in os.environ  # run restores the environment it changed


def test_find_notebooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "solutions").mkdir()
    for name in ("00_a.ipynb", "01_b.ipynb", "solutions/00_a.ipynb", "notes.txt"):
        (tmp_path / name).touch()
    monkeypatch.setattr(cli, "NOTEBOOK_DIR", tmp_path)
    monkeypatch.setattr(cli, "SOLUTION_DIR", tmp_path / "solutions")
    assert [p.name for p in cli.find_notebooks(None, False)] == ["00_a.ipynb", "01_b.ipynb"]
    assert [p.name for p in cli.find_notebooks("01*", False)] == ["01_b.ipynb"]
    assert [p.name for p in cli.find_notebooks("01", False)] == ["01_b.ipynb"]  # a bare prefix
    assert cli.find_notebooks("02", False) == []
    assert cli.find_notebooks(None, True) == [tmp_path / "solutions" / "00_a.ipynb"]
    assert cli.find_notebooks(str(tmp_path / "solutions" / "*.ipynb"), False) == [
        tmp_path / "solutions" / "00_a.ipynb"
    ]


def test_run_no_match_and_usage(tmp_path: Path) -> None:
    assert cli.main(["run", "--notebooks", str(tmp_path / "*.ipynb")]) == 2
    assert cli.main([]) == 2
    assert cli.main(["--help"]) == 0


def test_build_is_wired(monkeypatch: pytest.MonkeyPatch) -> None:
    import course_utils.exercises.build as build

    seen = []
    monkeypatch.setattr(build, "main_build", lambda argv: seen.append(list(argv)) or 0)
    assert cli.main(["build", "--check"]) == 0
    assert seen == [["--check"]]
