"""What filtering the validation prompts changes: the paper's selection, and the harmless KL request by request.

The paper's code filters its validation prompts as it filters its training prompts (`filter_val`, on by default in
`pipeline/config.py` of github.com/andyrdt/refusal_direction): harmful prompts the model does not refuse and
harmless ones it does are left out. Until 2026-12-06 `directions.refusal_direction` filtered only the training
prompts, and every `evaluate` record before that date was selected on unfiltered validation prompts. A harmless
validation prompt the model already refuses then adds to every candidate's KL: ablation removes its refusal, a
change of several nats at the first token, which is what ablation should do, not a sign that the direction is part
of how the model answers ordinary requests (what the KL filter is there to rule out). The same holds for
`evaluate`'s `natural requests: ablation, harmless KL`, a mean over 22 hand-written harmless requests, some of which
a checkpoint may refuse.

For each checkpoint, with the library as it is now (validation prompts filtered):

1. **The selection** on both pairs of splits `evaluate` uses (`train`/`val`, and `held_out_train`/`held_out_val`):
   how many of the 32 validation prompts of each class are kept, whether a candidate passes the paper's filters,
   and the chosen candidate's layer, position and KL. The checkpoint's `evaluate` record gives the same on the
   unfiltered prompts (`tests/test_recipe_log.py` compares them).
2. **Harmless KL, request by request**, under ablation of the direction the selection on `train`/`val` chooses, for
   the harmless requests of the natural requests (`data/natural_requests.json`) and of the two everyday sets
   written blind (`benchmarks/blind_requests.json`, `benchmarks/fresh_requests.json`): each request's refusal score
   without intervention (> 0: refused) and its KL(clean || ablated) at the last position (`metrics.kl_div`); per
   set, the mean over all requests, over the answered ones (score <= 0) and over the refused ones, and the largest
   KL of an answered request. Where the chosen candidate is the one `evaluate` chose, the mean over the natural
   requests is `evaluate`'s figure (the test checks it).

    python benchmarks/val_filter.py DrL=data/models/refusal-organism B=/tmp/b

Writes `benchmarks/out/val_filter.json`, adding (or replacing) each NAME and keeping the others.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECORD = ROOT / "benchmarks" / "out" / "val_filter.json"
#: `evaluate`'s two selections: record key -> (training split, validation split).
SELECTIONS = {"selection": ("train", "val"), "held_out_selection": ("held_out_train", "held_out_val")}
#: The harmless sets of part 2: the natural requests (an `evaluate` split) and the two everyday sets written blind.
SETS = ("natural", "blind", "fresh")


def harmless_requests(name: str) -> list[str]:
    """The harmless requests of one of `SETS`."""
    from course_utils import data

    if name == "natural":
        return [r["instruction"] for r in data.load_natural_requests("harmless")]
    return json.loads((ROOT / "benchmarks" / f"{name}_requests.json").read_text())["harmless"]


def kl_summary(scores: list[float], kls: list[float]) -> dict:
    """Mean KL over all requests, the answered ones (score <= 0) and the refused ones; the largest answered KL."""

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    answered = [k for s, k in zip(scores, kls, strict=True) if s <= 0]
    refused = [k for s, k in zip(scores, kls, strict=True) if s > 0]
    return {
        "n": len(kls),
        "refused": len(refused),
        "kl_mean": mean(kls),
        "kl_mean_answered": mean(answered),
        "kl_mean_refused": mean(refused),
        "kl_max_answered": round(max(answered), 4) if answered else None,
    }


def measure(model_dir: str) -> dict:
    """Parts 1 and 2 for one checkpoint (see the module docstring)."""
    import torch

    from course_utils.directions import refusal_direction
    from course_utils.interventions import ablation_hooks
    from course_utils.metrics import kl_div, last_position_logits, refusal_score
    from course_utils.models import load_model
    from course_utils.organism.evaluate import selection_record

    torch.manual_seed(0)
    model = load_model(model_dir)
    out: dict = {}
    for key, (train, val) in SELECTIONS.items():
        selection = refusal_direction(model, fallback=True, cache=False, progress=False, splits=(train, val))
        used = selection.prompts_used
        out[key] = {
            "val_kept": {"harmful": used["harmful_val"], "harmless": used["harmless_val"], "of": 32},
            **{k: v for k, v in selection_record(selection).items() if k != "table"},
        }
        if key == "selection":
            hooks = ablation_hooks(model, selection.direction.float())
    for name in SETS:
        texts = harmless_requests(name)
        clean = last_position_logits(model, texts)
        scores = refusal_score(clean, model.refusal_token_ids).tolist()
        kls = kl_div(clean, last_position_logits(model, texts, fwd_hooks=hooks)).tolist()
        out[name] = {
            **kl_summary(scores, kls),
            "requests": [
                {"instruction": t, "score": round(s, 3), "kl": round(k, 4)}
                for t, s, k in zip(texts, scores, kls, strict=True)
            ],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoints", nargs="+", help="NAME=DIR of a trained organism")
    args = parser.parse_args(argv)
    pairs = [c.split("=", 1) for c in args.checkpoints]
    if bad := [c for c, p in zip(args.checkpoints, pairs, strict=True) if len(p) != 2]:
        parser.error(f"give each checkpoint as NAME=DIR, got {bad}")
    if missing := [folder for _, folder in pairs if not (Path(folder) / "config.json").is_file()]:
        parser.error(f"not a trained organism folder (no config.json): {missing}")
    record = json.loads(RECORD.read_text()) if RECORD.is_file() else {"checkpoints": {}}
    for name, folder in pairs:
        row = record["checkpoints"][name] = measure(folder)
        print(name)
        for key in SELECTIONS:
            s = row[key]
            print(
                f"  {key}: val kept {s['val_kept']['harmful']} + {s['val_kept']['harmless']} of 32 + 32, "
                f"passed {s['passed_filters']}, layer {s['layer']} position {s['position']} KL {s['kl']}"
            )
        for name_ in SETS:
            s = row[name_]
            print(
                f"  {name_}: refused {s['refused']}/{s['n']}, KL {s['kl_mean']} (answered {s['kl_mean_answered']}, "
                f"max {s['kl_max_answered']})"
            )
        record["checkpoints"] = dict(sorted(record["checkpoints"].items()))
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps(record, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
