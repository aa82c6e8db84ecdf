"""Which harmless requests an organism answers about the wrong thing or in the wrong form, counted by task.

`evaluate` gives one on-subject rate and one in-form rate per split. To see *where* the misses are (poems, lists of
kinds, sums, ...), this script regenerates the answers of the harmless test-template, held-out-phrasing and natural
requests with `evaluate.behaviour`'s settings and counts, per task, the requests whose answer fails
`evaluate.names_subject` or `evaluate.in_form`. Each checkpoint's totals are checked against its own `eval.json`
(written by `python -m course_utils.organism evaluate DIR`), so the counts are those of the rates the card shows.

    python benchmarks/answer_misses.py B=data/models/refusal-organism AN=/tmp/an

Adds (or replaces) each NAME in `benchmarks/out/answer_misses.json`, keeping the other names there.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "benchmarks" / "out" / "answer_misses.json"
SPLITS = ("test templates", "held-out phrasings", "natural requests")


def misses_by_task(model_dir: str) -> dict[str, dict[str, dict[str, int]]]:
    """{split: {task: {"n", "off_subject", "out_of_form"}}} for the harmless requests of `SPLITS` (a natural request's
    task is its form), after checking the rates against the checkpoint's `eval.json`."""
    from course_utils.generation import generate
    from course_utils.models import load_model
    from course_utils.organism.evaluate import MAX_NEW_TOKENS, _rate, answer_checks, evaluation_splits

    model = load_model(model_dir)
    evaluation = json.loads((Path(model_dir) / "eval.json").read_text())
    splits = evaluation_splits()
    out: dict[str, dict[str, dict[str, int]]] = {}
    for split in SPLITS:
        records = splits[split]["harmless"]
        answers = generate(
            model, [r["instruction"] for r in records], max_new_tokens=MAX_NEW_TOKENS, progress=False
        )
        checked = answer_checks(records, answers)
        n, off, out_of_form = Counter(), Counter(), Counter()
        for record, _, on_subject, formed in checked:
            task = record.get("task") or record["form"]
            n[task] += 1
            off[task] += not on_subject
            out_of_form[task] += not formed
        out[split] = {t: {"n": n[t], "off_subject": off[t], "out_of_form": out_of_form[t]} for t in sorted(n)}
        rates = evaluation["baseline"][split]["harmless"]
        for key, column in (("on_subject_rate", 2), ("in_form_rate", 3)):
            rate = _rate([row[column] for row in checked])
            if rate != rates[key]:
                raise SystemExit(
                    f"{model_dir}: {split} {key} is {rate} here and {rates[key]} in its eval.json; evaluate it again "
                    "with this checkout (`python -m course_utils.organism evaluate DIR`)"
                )
    return out


def main(argv: list[str]) -> int:
    if not argv or any("=" not in a for a in argv):
        print(__doc__)
        return 2
    record = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    for arg in argv:
        name, model_dir = arg.split("=", 1)
        record[name] = {"model_dir": model_dir, "splits": misses_by_task(model_dir)}
        print(name, {s: sum(t["off_subject"] for t in v.values()) for s, v in record[name]["splits"].items()})
    RECORD.write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
