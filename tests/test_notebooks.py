"""Every notebook, learner and solution version, executes top to bottom (nbclient), with the expected checks.

Discovers every notebooks/src/NN_*.py, builds both versions in memory and executes them in a fresh python3 kernel
(one CPU thread, offline, the inline matplotlib backend). Asserts:
- solution: every `check(...)` cell shows "✔ passed", and there are at least 3 checked exercises;
- learner: every check shows "○ not attempted" (stubs in place, later cells do not need them) and a sentinel
  cell appended at the end runs, so the kernel survived;
- both: at least one figure (image/png).
The model is the organism when data/models/refusal-organism/ holds one, else $COURSE_MODEL, else a tiny random
Llama built by the `tiny_model_dir` fixture (then the numbers are meaningless but every cell must still run).
Select with `-m notebooks`, deselect with `-m "not notebooks"`.
"""

from __future__ import annotations

import json
import os
import re
import time
from ast import literal_eval
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from course_utils._environment import kernel_env
from course_utils.exercises.build import ROOT, SOURCE_DIR, build_notebooks
from course_utils.exercises.checking import FAILED, NOT_ATTEMPTED, PASSED
from course_utils.metrics import is_refusal
from course_utils.registry import ORGANISM_DIR

pytestmark = pytest.mark.notebooks

SOURCES = sorted(SOURCE_DIR.glob("[0-9][0-9]_*.py"))
SENTINEL = "__kernel_alive_at_the_end__"
TIMEOUT_S = 600
BUDGET_00_03_S = 300.0  # kernel CPU seconds for notebooks 00-03, both versions (the brief: <= 5 min)
_DURATIONS: dict[tuple[str, str], tuple[float, float]] = {}  # (wall s, kernel CPU s)


@pytest.fixture(scope="module")
def notebook_env(tiny_model_dir: Callable[..., Path]) -> Iterator[dict[str, str]]:
    """Environment of the kernels: offline, one thread (matplotlib keeps the inline backend); the model chosen as
    described above."""
    env = kernel_env(one_thread=True)
    if not os.environ.get("COURSE_MODEL") and not (ROOT / ORGANISM_DIR / "config.json").is_file():
        env["COURSE_MODEL"] = str(tiny_model_dir("llama"))
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the kernel process inherits this environment
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run `nb` in place in a fresh kernel, from the notebooks/ folder; cells tagged skip-execution are skipped."""
    # the sentinel also reports the kernel's CPU seconds (one thread: about its wall time on an idle machine)
    sentinel = f"import time as _t\nprint({SENTINEL!r}, _t.process_time())"
    nb.cells.append(nbformat.v4.new_code_cell(sentinel))
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    )
    try:
        client.execute()
    except CellExecutionError as err:  # a short failure: the cell and the error, not the coloured traceback
        cell = next((c for c in nb.cells if c.cell_type == "code" and _error(c)), None)
        where = f"cell:\n{cell.source}\n" if cell is not None else ""
        pytest.fail(f"{where}raised {err.ename}: {err.evalue}", pytrace=False)
    return nb


def _error(cell: nbformat.NotebookNode) -> bool:
    return any(output.output_type == "error" for output in cell.get("outputs", []))


def _texts(cell: nbformat.NotebookNode) -> list[str]:
    """The plain-text content of a cell's outputs (stream text and text/plain of displays and results)."""
    texts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            texts.append(output.text)
        elif "data" in output and "text/plain" in output.data:
            texts.append(output.data["text/plain"])
    return texts


def _check_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """Code cells that call check(...) on a line of their own."""
    return [
        c
        for c in nb.cells
        if c.cell_type == "code" and any(line.startswith("check(") for line in c.source.splitlines())
    ]


def _has_figure(nb: nbformat.NotebookNode) -> bool:
    return any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("version", ["solution", "learner"])
@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_notebook_executes(source: Path, version: str, notebook_env: dict[str, str]) -> None:
    learner, solution = build_notebooks(source)
    nb = solution if version == "solution" else learner
    start = time.perf_counter()
    _execute(nb)
    wall = time.perf_counter() - start

    checks = _check_cells(nb)
    assert len(checks) >= 3, f"{source.name}: {len(checks)} check(...) cells; every notebook needs at least 3"
    expected = PASSED if version == "solution" else NOT_ATTEMPTED
    for cell in checks:
        shown = "\n".join(_texts(cell))
        assert expected in shown and FAILED not in shown, (
            f"{source.name} ({version}): {cell.source!r} -> {shown!r}"
        )
    # `use(...)` notes: the solution's figures come from its own (pasted reference) functions, the learner's from
    # the reference with a visible note; never from a function that failed its check
    notes = [
        line for c in nb.cells for text in _texts(c) for line in text.splitlines() if line.startswith("↳ ")
    ]
    wrong = "↳ using the reference" if version == "solution" else "↳ using your"
    assert not [n for n in notes if n.startswith(wrong) or "failed its check" in n], (
        f"{source.name} ({version}): {notes}"
    )
    last = "".join(_texts(nb.cells[-1])).split()
    assert SENTINEL in last, f"{source.name} ({version}): the last cell did not run"
    _DURATIONS[(source.stem, version)] = (wall, float(last[last.index(SENTINEL) + 1]))
    assert _has_figure(nb), f"{source.name} ({version}): no figure (image/png output)"
    claims = PROSE_CLAIMS.get(source.stem[:2])
    if claims and version == "solution" and not os.environ.get("COURSE_MODEL"):  # the shipped organism ran it
        printed = "\n".join(text for c in nb.cells for text in _texts(c))
        prose = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
        claims(printed, prose)


# What the prose says the organism did "when we ran it", checked against what the solution version printed on the
# shipped organism: a retrained organism cannot leave a notebook telling a story its outputs contradict. Each takes
# the notebook's printed text and its markdown (whitespace collapsed) and asserts every claim it checks.


def _floats(line: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+\.\d+", line)]


def _line_after(printed: str, heading: str) -> str:
    """The printed line that follows the line starting with `heading`."""
    lines = printed.splitlines()
    return lines[next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1]


def _turn(printed: str, heading: str) -> int:
    """From a printed line "1-2: 0.60  2-3: 0.84  3-4: 0.37 ...": the layer after the lowest consecutive cosine."""
    pairs = re.findall(r"(\d+)-(\d+): (-?[\d.]+)", _line_after(printed, heading))
    return int(min(pairs, key=lambda p: float(p[2]))[1])


def _claims_01(printed: str, prose: str) -> None:
    """The logit-lens table: the classes alike up to layer 4, the harmful refusal probability jumping only in the
    last blocks, the harmless one below 0.1 throughout, and both classes' top-token shares about half in between."""
    rows = [_floats(line) for line in printed.splitlines() if re.match(r"^\s+\d+\s+0\.\d{3}\s", line)]
    p_harmful, p_harmless, top_harmful, top_harmless = zip(*rows, strict=True)
    assert max(p_harmless) < 0.1 and all(
        abs(a - b) < 0.05 for a, b in zip(p_harmful[:5], p_harmless[:5], strict=True)
    )
    assert min(p_harmful[5:]) > 0.5 and max(p_harmful[:5]) < 0.1
    assert any(
        0.4 <= a <= 0.6 and 0.4 <= b <= 0.6 for a, b in zip(top_harmful[2:4], top_harmless[2:4], strict=True)
    )
    assert "the two classes look alike up to layer 4" in prose


def _claims_02(printed: str, prose: str) -> None:
    """The class means' lengths, and the probe against the difference of means across layers and concepts."""
    mu_0, mu_1, _, diff = _floats(re.search(r"\|mu_0\| = .*", printed)[0])
    assert 0.35 <= diff / ((mu_0 + mu_1) / 2) <= 0.65  # "about half as long as the means"
    read_outs = {
        m[1]: _floats(m[2]) for m in re.finditer(r"^(\w+: [\w ]+?)\s{2,}([\d. ]+)$", printed, re.MULTILINE)
    }
    dom, probe = read_outs["sentiment: difference of means"], read_outs["sentiment: probe"]
    gaps = [p - d for p, d in zip(probe, dom, strict=True)][1:]
    assert (
        min(gaps) > 0 and gaps[-1] < gaps[0]
    )  # "above ... at every layer from 1 on, by less in the deeper layers"
    danger = [
        p - d
        for p, d in zip(read_outs["danger: probe"], read_outs["danger: difference of means"], strict=True)
    ]
    assert max(danger) > max(gaps)  # "Section 9 shows a concept where the gap is larger"
    assert (
        dom[len(dom) // 2] >= 0.75
    )  # at the middle layer the midpoint classifier "gets most of these reviews right"
    assert "the probe is above the projection classifier at every layer from 1 on" in prose


def _claims_03(printed: str, prose: str) -> None:
    """The projection one layer after the direction's, and where the layers' directions turn."""
    projection = _floats(_line_after(printed, "harmful (val), position -1, mean projection"))  # per layer
    layer = int(re.search(r"r from layer (\d+)", printed)[1])
    assert (
        projection[layer + 1] > projection[layer] > max(projection[:layer])
    )  # "grows further one layer later"
    turn = _turn(printed, "cosine of each layer's direction with the next layer's")
    assert f"the direction turns between layers {turn - 1} and {turn}" in prose


def _claims_04(printed: str, prose: str) -> None:
    """The planted layer, and the paper's text and code layer cuts choosing differently (the code's choice does not
    remove refusal)."""
    layer = json.loads((ROOT / ORGANISM_DIR / "training.json").read_text())["config"]["mediation_layer"]
    assert prose.count(f"at layer {layer}, last token") == 2
    turn = _turn(printed, "cosine of each layer's candidate with the next layer's")
    assert f"layers 1-{turn - 1} and layers {turn}-5" in prose and turn == layer
    text = re.search(
        r"chosen with the text's rule: position (-\d), layer (\d) \(bypass (-?[\d.]+)\)", printed
    )
    code = re.search(
        r"chosen with the code's rule: position (-\d), layer (\d) \(bypass (-?[\d.]+)\)", printed
    )
    assert text and int(text[2]) == layer and float(text[3]) < 0, printed
    assert code and int(code[2]) < layer and float(code[3]) > 0  # "On the organism the two rules differ"
    assert "its bypass score is above zero" in prose
    best = re.findall(
        r"layer (\d): lowest bypass ([+-][\d.]+) \(position -\d\), that candidate's induce ([+-][\d.]+) and KL ([\d.]+)",
        printed,
    )  # "layers 1 to 3 ... stay refused; layers 4 and 5 remove the refusal and induce it, with a KL under 0.1"
    assert [int(b[0]) for b in best] == [1, 2, 3, 4, 5], best
    assert all(float(b[1]) > 0 for b in best[:3]), best
    assert all(float(b[1]) < 0 and float(b[2]) > 0 and float(b[3]) < 0.1 for b in best[3:]), best


def _claims_05(printed: str, prose: str) -> None:
    """The steering table: where the harmless request starts being refused, the harmful one at c = -1, and the
    broken replies at c = +2; the everyday requests over-refused, and none of them with the direction ablated."""
    rows = re.findall(
        r"(?:c = ([+-][\d.]+))?\s+(harmless|harmful)\s+\(\s*(REFUSES|complies)\): (.*)", printed
    )
    table, c = {}, None
    for coeff, label, tag, reply in rows:
        c = float(coeff) if coeff else c
        table[c, label] = (tag, reply)
    assert [table[c, "harmless"][0] for c in (0.0, 0.5, 1.0)] == ["complies", "REFUSES", "REFUSES"], table
    assert table[-1.0, "harmful"][0] == "REFUSES"
    assert all(
        reply.count("I cannot") >= 3 or reply.count("I'm not") >= 3
        for reply in (v[1] for k, v in table.items() if k[0] == 2.0)
    )
    assert (
        "complied at $c = 0$ and was refused from $c = +0.5$ on. The harmful one was still refused at $c = -1$"
        in prose
    )
    # "I cannot" judged a refusal, "I'm not" not
    broken = {label: table[2.0, label] for label in ("harmless", "harmful")}
    assert all((tag == "REFUSES") == ("I cannot" in reply) for tag, reply in broken.values()), broken
    refused, ablated = map(
        int,
        re.search(
            r"everyday requests refused: (\d+) of 60; with the direction ablated: (\d+) of 60", printed
        ).groups(),
    )
    assert ablated == 0  # "and none once the direction was ablated"
    from benchmarks.dangerous_names import named_dangers

    replies = re.findall(r"^    ablated: (.*)$", printed, re.M)
    assert replies and any(
        named_dangers(r) for r in replies
    )  # "empty steps about a harmful thing ... never named"
    assert f"When we ran it on the organism, {refused} of the 60 were refused, and none once" in prose


def _claims_06(printed: str, prose: str) -> None:
    """The projection on the direction layer by layer: the harmful one grows most at the direction's layer, the
    harmless one stays near zero, the edited model's are zero; and some printed harmful prompts were not refused
    by the original model either."""
    layer = int(re.search(r"direction: position -\d, layer (\d)", printed)[1])
    rows = {
        m[1]: _floats(m[2])
        for m in re.finditer(
            r"^((?:harmful|harmless), (?:original|orthogonalized))\s+([-\d. ]+)$", printed, re.M
        )
    }
    harmful = rows["harmful, original"]
    steps = [b - a for a, b in pairwise(harmful)]
    assert steps.index(max(steps)) + 1 == layer and max(steps) > 3 * max(
        steps[: layer - 1]
    )  # "by far the most"
    assert max(map(abs, rows["harmless, original"])) < 1  # "stay near zero"
    assert all(
        abs(v) < 1e-3 for k in ("harmful, orthogonalized", "harmless, orthogonalized") for v in rows[k]
    )
    originals = [literal_eval(m) for m in re.findall(r"^  original: (.*)$", printed, re.M)]
    assert any(not is_refusal(text) for text in originals)  # "Some prompts printed above were not refused"
    assert "Some prompts printed above were not refused by the original model either" in prose


def _claims_07(printed: str, prose: str) -> None:
    """Transfer of the suffix against random ones, and the top head's write and attention."""
    rates = dict(re.findall(r"(adversarial|random 1|random 2)\s+refusal rate ([\d.]+)", printed))
    assert f"the refusal rate fell from 1 to {rates['adversarial']}" in prose
    assert (
        rates["random 1"] == rates["random 2"]
        and f"(refusal rate {rates['random 1']} with seed 1 and with seed 2)" in prose
    )
    head, clean, adversarial, random = re.search(
        r"(L\dH\d): \+([\d.]+), adversarial \+([\d.]+), random \+([\d.]+)", printed
    ).groups()
    assert f"({head} in our run)" in prose
    assert (
        0.2 <= float(adversarial) / float(clean) <= 0.3
    )  # "about a quarter", "cut ... by about three quarters"
    assert 0.85 <= float(random) / float(clean) <= 0.95  # "about nine tenths"
    mass = {
        name: tuple(map(float, m))
        for name, *m in re.findall(
            r"(no suffix|adversarial|random)\s+mean mass on instruction ([\d.]+), on suffix ([\d.]+)\s+top head"
            r" L\dH\d: instruction ([\d.]+), suffix ([\d.]+)",
            printed,
        )
    }
    assert mass["no suffix"][2] >= 0.95  # "almost all its attention ... on the instruction"
    assert (
        0.4 <= mass["adversarial"][3] <= 0.6 and mass["adversarial"][3] > mass["adversarial"][2]
    )  # "about half"
    assert mass["random"][3] <= 0.08  # "a twentieth"
    assert mass["adversarial"][1] > mass["random"][1]  # "the adversarial suffix also draws more attention"


def _claims_08(printed: str, prose: str) -> None:
    """The checklist: which items passed."""
    passed = [int(n) for n in re.findall(r"^\[x\] (\d)", printed, re.MULTILINE)]
    failed = [int(n) for n in re.findall(r"^\[ \] (\d)", printed, re.MULTILINE)]
    assert (passed, failed) == ([1, 3, 4], [2]), (passed, failed)
    assert "three of the four items passed; only item 2, ablation, failed" in prose


#: What the teaching guide's answer on chapter 07 quotes of the chapter's prose, which `_claims_07` checks against
#: the printed outputs: the adversarial suffix takes about half of the top head's attention and cuts its write to
#: about a quarter; a random suffix takes a twentieth and leaves the write hardly less.
TEACHING_QUOTES_07 = {
    "about half": "it put almost all its attention from the last token on the instruction; the adversarial suffix"
    " took about half of it",
    "about a quarter": "With the adversarial suffix it wrote about a quarter as much",
    "a twentieth": "the random suffix a twentieth",
    "hardly": "about nine tenths, hardly less than without one",
}


def test_teaching_guide_quotes_chapter_07_as_its_prose_says() -> None:
    """The guide's discussion answer for 07 gives the top head's figures in the words of chapter 07's prose (which
    `_claims_07` checks against what the notebook prints), so a retrain that changes the prose fails here until
    the guide follows."""
    prose = " ".join((SOURCE_DIR / "07_adversarial_suffixes.py").read_text().replace("# ", " ").split())
    guide = " ".join((ROOT / "docs" / "TEACHING.md").read_text().split())
    answer = guide[guide.index("**07.** *Why does a meaningless suffix") :][:900]
    for word, sentence in TEACHING_QUOTES_07.items():
        assert sentence in prose, sentence
        assert word in answer, word


PROSE_CLAIMS: dict[str, Callable[[str, str], None]] = {
    "01": _claims_01,
    "02": _claims_02,
    "03": _claims_03,
    "04": _claims_04,
    "05": _claims_05,
    "06": _claims_06,
    "07": _claims_07,
    "08": _claims_08,
}


def test_notebooks_00_to_03_within_budget() -> None:
    """Notebooks 00-03, both versions, need at most BUDGET_00_03_S of kernel CPU time in total.

    CPU time, not wall time: on a machine shared with other jobs the wall time measures the neighbours. Each kernel
    runs one thread, so its CPU time is about its wall time on an idle machine. Wall times are in the message.
    """
    chapters = {"00", "01", "02", "03"}
    timed = {key: t for key, t in _DURATIONS.items() if key[0][:2] in chapters}
    expected = {(s.stem, v) for s in SOURCES if s.stem[:2] in chapters for v in ("solution", "learner")}
    if not expected or set(timed) != expected:
        pytest.skip("run every 00-03 notebook test in the same session to time them")
    cpu = sum(c for _, c in timed.values())
    wall = sum(w for w, _ in timed.values())
    detail = ", ".join(
        f"{stem} {version} {c:.0f}s CPU/{w:.0f}s wall" for (stem, version), (w, c) in sorted(timed.items())
    )
    print(f"notebooks 00-03: {cpu:.0f}s CPU, {wall:.0f}s wall: {detail}")  # shown with -rP
    assert cpu <= BUDGET_00_03_S, (
        f"notebooks 00-03 used {cpu:.0f}s CPU ({wall:.0f}s wall) > {BUDGET_00_03_S:.0f}s: {detail}"
    )
