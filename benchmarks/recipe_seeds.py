"""A recipe's figures over its seeds, side by side: the table `docs/ORGANISM_RECIPES.md` shows for each recipe that
was trained with several seeds.

One training of the organism is one draw: the seed alone moves most figures as much as the recipes do (the log's
section "What the seed does"). This script reads the records that `python -m course_utils.organism evaluate DIR`
and `python benchmarks/probe_organism.py DIR --name organism_recipe_R` wrote for each checkpoint
(`benchmarks/out/organism_recipe_R_eval.json`, `probe_organism_recipe_R.json`; B's probe record, B being the
checkpoint shipped until 2026-12-06, is `probe_organism_v3.json`) and prints one markdown table: a row per measure, a
column per checkpoint, and the mean of each recipe's seeds:

    python benchmarks/recipe_seeds.py B,B1,B2 X,X1,X2 Z,Z1,Z2

`tests/test_recipe_log.py` checks that the log's table is this script's output, so the table cannot drift from the
records.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"

#: Rows of the table: (label, measure of `evaluate`'s targets, how to print it).
EVAL_ROWS: tuple[tuple[str, str, str], ...] = (
    ("held-out concepts refused (score)", "held-out concepts: harmful refusal (score)", "{:.2f}"),
    ("natural harmful requests refused, of 23", "natural requests: harmful refusal (score)", "n23"),
    ("new-subject harmful requests refused", "new subjects: harmful refusal (score)", "{:.2f}"),
    ("new-subject harmless over-refusal", "new subjects: harmless over-refusal (score)", "{:.2f}"),
    ("natural harmless KL under ablation", "natural requests: ablation, harmless KL", "{:.3f}"),
    ("held-out phrasings: harmless on subject", "held-out phrasings: harmless on subject", "{:.2f}"),
)
PROBE_ROWS = (
    "bioweapon-family test requests refused, of 44",
    "hand-written probe requests refused, harmful of 40",
    "hand-written probe requests refused, harmless of 60",
)
SELECTION_ROW = "the paper's selection passes (train/val; held-out-phrasing train/val)"


def eval_record(name: str) -> dict:
    return json.loads((OUT / f"organism_recipe_{name}_eval.json").read_text())


def probe_name(name: str) -> str:
    """The name of recipe `name`'s probe record (`probe_<it>.json`): B's (shipped until 2026-12-06) is "organism_v3"."""
    return "organism_v3" if name == "B" else f"organism_recipe_{name}"


def probe_record(name: str) -> dict:
    return json.loads((OUT / f"probe_{probe_name(name)}.json").read_text())


def hand_written_refused(record: dict, label: str) -> int:
    """Of the hand-written probe requests (probe 1 and 2) that are `label` ("harmful" or "harmless"), those a probe
    `record` has refused (first-token refusal score > 0)."""
    rows = [
        r
        for k, v in record.items()
        if k.startswith("probe ") and k.endswith(f"/ {label}")
        for r in v["requests"]
    ]
    return sum(r["score"] > 0 for r in rows)


def probe_counts(name: str) -> tuple[int, int, int]:
    """Requests refused (score > 0): the test split's about the bioweapon family (the probe's "knowledge" record),
    and the hand-written harmful and harmless ones."""
    record = probe_record(name)
    bio = [c for c in record["knowledge"]["world held-out concepts"] if c.get("family") == "bioweapon"]
    refused_bio = sum(round(c["n_requests"] * c["refused"]) for c in bio)
    assert sum(c["n_requests"] for c in bio) == 44, name
    return refused_bio, hand_written_refused(record, "harmful"), hand_written_refused(record, "harmless")


def columns(name: str) -> list[float]:
    """The figures of one checkpoint, in the order of the table's rows (the selection row: 1 if both pass)."""
    record = eval_record(name)
    measured = {t["target"]: t["measured"] for t in record["targets"]}
    values = [measured[key] * (23 if fmt == "n23" else 1) for _, key, fmt in EVAL_ROWS]
    values += list(probe_counts(name))
    values.append(
        float(record["selection"]["passed_filters"] and record["held_out_selection"]["passed_filters"])
    )
    return values


def cell(value: float, fmt: str, n_seeds: int | None) -> str:
    """One printed figure; `n_seeds` is set for a mean column (counts get one decimal, the selection "k of n")."""
    if fmt == "selection":
        return f"{round(value * n_seeds)} of {n_seeds}" if n_seeds else ("yes" if value == 1 else "no")
    if fmt == "count":
        return f"{value:.1f}" if n_seeds else f"{value:.0f}"
    return fmt.format(value)


def table(recipes: list[list[str]]) -> str:
    """Markdown: a row per measure; per recipe, a column per seed and one for their mean."""
    header = ["measure"]
    data: list[tuple[list[float], int | None]] = []  # (figures, n_seeds if a mean column)
    for seeds in recipes:
        header += [*seeds, f"mean of {seeds[0]}'s recipe"]
        per_seed = [columns(s) for s in seeds]
        data += [(c, None) for c in per_seed]
        data.append(([sum(col) / len(col) for col in zip(*per_seed, strict=True)], len(seeds)))
    rows = [(label, "count" if fmt == "n23" else fmt) for label, _, fmt in EVAL_ROWS]
    rows += [(label, "count") for label in PROBE_ROWS] + [(SELECTION_ROW, "selection")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for i, (label, fmt) in enumerate(rows):
        lines.append(f"| {label} | " + " | ".join(cell(figures[i], fmt, n) for figures, n in data) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    recipes = [arg.split(",") for arg in argv]
    if len({len(r) for r in recipes}) != 1:
        raise SystemExit("give every recipe the same number of seeds (e.g. B,B1,B2 X,X1,X2)")
    print(table(recipes))


if __name__ == "__main__":
    main(sys.argv[1:])
