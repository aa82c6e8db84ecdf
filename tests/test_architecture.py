"""docs/ARCHITECTURE.md against the code: the chapter -> module table, and the shape of the import graph.

The import graph is read from the source with `ast` (nothing is imported): an edge A -> B for every
`import course_utils.B` / `from course_utils.B import ...` / `from course_utils import B` in module A, at the top of
the file or inside a function ("lazy"), TYPE_CHECKING blocks included (they are dependencies of meaning, too).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from course_utils._paths import DOCS_DIR, REPO_ROOT, SOURCE_DIR

PACKAGE = REPO_ROOT / "course_utils"
ARCHITECTURE = DOCS_DIR / "ARCHITECTURE.md"

# The layers of the package, lowest first: a module may import its own layer and the layers below, never above.
# (docs/ARCHITECTURE.md, "Layers", describes the same list.)
LAYERS: tuple[tuple[str, ...], ...] = (
    # 0. facts and tools that know nothing of language models
    (
        "_paths",
        "_environment",
        "registry",
        "hooks",
        "progress",
        "launch",
        "plotting",
        "probing",
        "data",
    ),
    # 1. a chat model
    ("models",),
    # 2. reading and changing a model's computation
    ("residual", "activations", "generation", "metrics", "interventions", "attribution"),
    # 3. the methods built on them
    ("candidate_scores", "directions", "gcg", "evidence"),
    # 4. the organism and the exercises (references, checks)
    (
        "organism",
        "organism.__main__",
        "organism.lexicon_wide",
        "organism.lexicon",
        "organism.world",
        "organism.tokenizer",
        "organism.grammar",
        "organism.augment",
        "organism.common_words",
        "organism.handwritten_second",
        "organism.handwritten",
        "organism.mediation",
        "organism.datasets",
        "organism.train",
        "organism.evaluate",
        "exercises",
        "exercises.registry",
        "exercises.checking",
        *(f"exercises.ch{n:02d}" for n in range(9)),
    ),
    # 5. tools that run notebooks
    ("exercises.build", "grading", "site"),
    # 6. entry points
    ("cli", ""),  # "" is the package itself (course_utils/__init__.py)
)

# A lazy import that closes a cycle, known and accepted: the organism's data generator asks the trainer for its
# corpus settings inside a function (organism/datasets.py); the trainer imports the generator at the top.
KNOWN_LAZY_CYCLES = {frozenset({"organism.datasets", "organism.train"})}


def _module_names() -> dict[str, Path]:
    """'models' -> course_utils/models.py, 'organism' -> course_utils/organism/__init__.py, '' -> the package."""
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _imported(node: ast.AST, modules: dict[str, Path]) -> set[str]:
    """The course_utils modules an import statement names (relative to the package; '' is the package)."""
    found = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == "course_utils" or alias.name.startswith("course_utils."):
                found.add(alias.name.removeprefix("course_utils").removeprefix("."))
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        if node.module == "course_utils" or node.module.startswith("course_utils."):
            base = node.module.removeprefix("course_utils").removeprefix(".")
            for alias in node.names:
                sub = f"{base}.{alias.name}" if base else alias.name
                found.add(
                    sub if sub in modules else base
                )  # `from course_utils import plotting` names a module
    return found


def import_graph(*, lazy: bool) -> dict[str, set[str]]:
    """Module -> the course_utils modules it imports; `lazy=False` keeps only the module's top-level statements
    (those run when it is imported), `lazy=True` adds imports inside functions."""
    modules = _module_names()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        nodes = ast.walk(tree) if lazy else _top_level(tree)
        graph[name] = {m for node in nodes for m in _imported(node, modules) if m != name}
    return graph


def _top_level(tree: ast.Module) -> list[ast.AST]:
    """Statements run at import time: the module body, descending into if / try / with, not into functions."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If | ast.Try | ast.With):
            for field in ("body", "orelse", "finalbody", "handlers"):
                todo += getattr(node, field, [])
        elif isinstance(node, ast.ExceptHandler):
            todo += node.body
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle found by depth-first search, each as the list of its modules (one per cycle found
    from its smallest member)."""
    found: list[list[str]] = []

    def visit(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                found.append([*path])
            elif nxt > start and nxt not in path:
                visit(start, nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, start, [start])
    return found


def test_graph_reader_sees_cycles_and_layers() -> None:
    """The cycle finder on a made-up graph (so that a passing test below means something)."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    graph = import_graph(lazy=False)
    assert "hooks" in graph["activations"] and "models" in graph["activations"]
    assert "site" not in graph["cli"] and "site" in import_graph(lazy=True)["cli"]  # a lazy import


def test_no_import_cycles() -> None:
    assert cycles(import_graph(lazy=False)) == [], "modules import each other at import time"
    lazy = [c for c in cycles(import_graph(lazy=True)) if frozenset(c) not in KNOWN_LAZY_CYCLES]
    assert lazy == [], "a function-level import closes a cycle"


def test_every_module_has_a_layer_and_imports_only_downwards() -> None:
    layer_of = {name: i for i, layer in enumerate(LAYERS) for name in layer}
    graph = import_graph(lazy=True)
    assert set(graph) == set(layer_of), "add new modules to LAYERS (and to docs/ARCHITECTURE.md)"
    upward = [
        f"{a} (layer {layer_of[a]}) imports {b} (layer {layer_of[b]})"
        for a, deps in graph.items()
        for b in deps
        if layer_of[b] > layer_of[a]
    ]
    assert upward == []


def notebook_modules(source: Path) -> set[str]:
    """The course_utils modules a notebook source imports (`from course_utils import load_model` is `models`)."""
    modules = _module_names()
    found = set()
    for node in ast.walk(ast.parse(source.read_text())):
        found |= _imported(node, modules)
    if "" in found:  # the package re-exports load_model and ChatModel from models
        found = (found - {""}) | {"models"}
    return found


def documented_table() -> dict[str, set[str]]:
    """The rows of docs/ARCHITECTURE.md's chapter -> module table: notebook stem -> module names."""
    rows = re.findall(r"^\| `(\d\d_\w+)` \| ([^|]+) \|", ARCHITECTURE.read_text(), flags=re.M)
    return {stem: set(re.findall(r"`([\w.]+)`", cell)) for stem, cell in rows}


def test_chapter_module_table_matches_the_notebooks() -> None:
    table = documented_table()
    sources = {path.stem: notebook_modules(path) for path in sorted(SOURCE_DIR.glob("[0-9][0-9]_*.py"))}
    assert len(sources) == 9
    assert set(table) == set(sources), "one row per notebook source"
    for stem, modules in sources.items():
        assert table[stem] == modules, (
            f"{stem}: the table says {sorted(table[stem])}, the source imports {sorted(modules)}"
        )


@pytest.mark.parametrize("claim", ["only code that knows their paths", "only ever added through"])
def test_architecture_doc_makes_no_false_claims(claim: str) -> None:
    """Two claims the code contradicted (organism/mediation.py adds raw PyTorch hooks; several modules knew paths)."""
    assert claim not in ARCHITECTURE.read_text()


ORGANISM_FILE_NAMES = {
    "PLANTED_DIRECTION_FILE": "planted_direction.pt",
    "TRAINING_RECORD_FILE": "training.json",
    "EVAL_FILE": "eval.json",
    "SPEC_OVERRIDE_FILE": "course_spec.json",
}


def test_organism_file_names_are_spelled_in_one_place() -> None:
    """Each file name of an organism folder is a string literal in exactly one module, the one that defines its
    constant (issue 11: 'paths of the organism's files are known in one place'); others use the constant.
    Docstrings and comments may name the file; string constants in code may not."""
    modules = _module_names()
    spelled: dict[str, set[str]] = {name: set() for name in ORGANISM_FILE_NAMES.values()}
    defined: dict[str, set[str]] = {const: set() for const in ORGANISM_FILE_NAMES}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and id(node) not in docstrings and isinstance(node.value, str):
                for name in spelled:
                    if name in node.value:
                        spelled[name].add(module)
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id in defined:
                        defined[target.id].add(module)
    for const, name in ORGANISM_FILE_NAMES.items():
        assert len(defined[const]) == 1, f"{const} is assigned in {sorted(defined[const])}; define it once"
        assert spelled[name] == defined[const], (
            f"{name!r} is spelled in {sorted(spelled[name])}; use {const} from {sorted(defined[const])}"
        )
