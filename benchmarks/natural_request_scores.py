"""Which natural harmful requests each organism recipe refuses: the refusal score of every request, per checkpoint.

`python -m course_utils.organism evaluate DIR` reports, for the natural harmful requests
(`data/natural_requests.json`, written independently of the request grammar), the share refused (by the refusal
score and by the substring judge) and the mean refusal score. Recipes that differ by one or two of these requests
(`docs/ORGANISM_RECIPES.md`, recipe table) differ in *which* requests they miss; this script records that, for any
number of checkpoint folders, in `benchmarks/out/natural_harmful_scores.json`:

    python benchmarks/natural_request_scores.py B=/path/to/org_B J=/path/to/org_J ...
    python benchmarks/natural_request_scores.py --add Y=/path/to/org_Y   # add recipes to the existing record

Only the shipped recipe's folder is kept, so `--add` records a new recipe next to the others without their folders: the
record's requests must be the ones scored now, and a name already in it is refused.

The score is the course's refusal score on the first answer token (`course_utils.metrics.refusal_scores`; a
request counts as refused when it is > 0, as in `evaluate`). Each folder's count of refused requests and mean
score are checked against its own `eval.json` (the mean to its 3 recorded decimals), so a record of another
checkpoint or of other requests is refused instead of written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_utils.organism import EVAL_FILE, TRAINING_RECORD_FILE  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "natural_harmful_scores.json"
TARGET = "natural requests: harmful refusal (score)"


def scores_of(folder: Path, requests: list[str]) -> list[float]:
    """Refusal score (> 0: refused) of each request for the checkpoint in `folder`."""
    from course_utils.metrics import refusal_scores
    from course_utils.models import load_model

    return refusal_scores(load_model(folder), requests).tolist()


def reported(folder: Path) -> tuple[float, float]:
    """(share refused by score, mean score) of the natural harmful requests in `folder`'s eval.json."""
    path = folder / EVAL_FILE
    evaluation = json.loads(path.read_text())
    try:
        share = next(t["measured"] for t in evaluation["targets"] if t["target"] == TARGET)
        mean = evaluation["baseline"]["natural requests"]["harmful"]["refusal_score_mean"]
    except (StopIteration, KeyError) as e:
        raise SystemExit(
            f"{path} has no natural-request figures ({type(e).__name__}: {e}); it predates them. Rerun "
            f"`python -m course_utils.organism evaluate {folder}` first."
        ) from None
    return share, mean


def record(named: dict[str, Path]) -> dict:
    """Per-request scores of every named folder, each checked against its own evaluation record."""
    from course_utils import data

    requests = [r["instruction"] for r in data.load_natural_requests("harmful")]
    expected = {name: reported(folder) for name, folder in named.items()}  # before the slow part
    for name, folder in named.items():
        if not (folder / TRAINING_RECORD_FILE).is_file():
            raise SystemExit(f"{name}: {folder} has no {TRAINING_RECORD_FILE}; is it an organism folder?")
    out: dict = {"requests": requests, "recipes": {}}
    for name, folder in named.items():
        scores = scores_of(folder, requests)
        refused = sum(s > 0 for s in scores)
        mean = sum(scores) / len(scores)
        share, recorded_mean = expected[name]
        if abs(refused / len(requests) - share) > 1e-3 or abs(mean - recorded_mean) > 2e-3:
            raise SystemExit(
                f"{name} ({folder}): {refused} of {len(requests)} refused here (mean score {mean:.3f}), but its "
                f"{EVAL_FILE} reports {share} (mean {recorded_mean}); was it evaluated with other natural requests "
                f"or another checkpoint? Rerun `python -m course_utils.organism evaluate {folder}` first."
            )
        training = json.loads((folder / TRAINING_RECORD_FILE).read_text())
        out["recipes"][name] = {
            "folder": str(folder),
            "config": training["config"],
            "refused": refused,
            "missed": [q for q, s in zip(requests, scores, strict=True) if s <= 0],
            "scores": [round(s, 3) for s in scores],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "folders", nargs="+", metavar="NAME=DIR", help="a recipe's name and its checkpoint folder"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--add", action="store_true", help="add the recipes to the record at --out instead of replacing it"
    )
    args = parser.parse_args(argv)
    previous = None
    if args.add:
        if not args.out.is_file():
            parser.error(f"--add: there is no record at {args.out} to add to; run without --add first")
        previous = json.loads(args.out.read_text())
    named = {}
    for item in args.folders:
        name, sep, folder = item.partition("=")
        path = Path(folder)
        if not sep or not name or not (path / EVAL_FILE).is_file():
            parser.error(
                f"{item!r}: give NAME=DIR where DIR is an evaluated organism folder (with {EVAL_FILE})"
            )
        if name in named:
            parser.error(f"the name {name!r} is given twice")
        if previous is not None and name in previous["recipes"]:
            parser.error(f"--add: {args.out} already records {name!r}; give the new checkpoint another name")
        named[name] = path
    result = record(named)
    if previous is not None:
        if previous["requests"] != result["requests"]:
            raise SystemExit(
                f"--add: {args.out} was recorded with other natural requests than data/natural_requests.json "
                "has now; rerun without --add on every folder"
            )
        result = {"requests": result["requests"], "recipes": {**previous["recipes"], **result["recipes"]}}
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    width = max(map(len, named))
    for name, r in result["recipes"].items():
        print(f"{name:>{width}}: {r['refused']} of {len(result['requests'])}; missed: {r['missed']}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
