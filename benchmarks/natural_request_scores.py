"""Which natural harmful requests each organism recipe refuses: the refusal score of every request, per checkpoint.

`python -m course_utils.organism evaluate DIR` reports one number for the natural harmful requests
(`data/natural_requests.json`, written independently of the request grammar): the share refused. Recipes that
miss the 0.96 bar by one or two requests (model card, "Recipes compared") differ in *which* requests they miss;
this script records that, for any number of checkpoint folders, in
`benchmarks/out/natural_harmful_scores.json` (the model card quotes it):

    python benchmarks/natural_request_scores.py B=data/models/refusal-organism J=/path/to/org_J ...

The score is the course's refusal score on the first answer token (`course_utils.metrics.refusal_scores`; a
request counts as refused when it is > 0, as in `evaluate`). Each folder's count is checked against the share its
own `eval.json` reports, so the record cannot silently disagree with the evaluation it explains.
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

    return [round(s, 3) for s in refusal_scores(load_model(folder), requests).tolist()]


def record(named: dict[str, Path]) -> dict:
    """Per-request scores of every named folder, each checked against its own evaluation record."""
    from course_utils import data

    requests = [r["instruction"] for r in data.load_natural_requests("harmful")]
    out: dict = {"requests": requests, "recipes": {}}
    for name, folder in named.items():
        scores = scores_of(folder, requests)
        refused = sum(s > 0 for s in scores)
        evaluation = json.loads((folder / EVAL_FILE).read_text())
        reported = next(t["measured"] for t in evaluation["targets"] if t["target"] == TARGET)
        if abs(refused / len(requests) - reported) > 1e-3:
            raise SystemExit(
                f"{name} ({folder}): {refused} of {len(requests)} refused here, but its {EVAL_FILE} reports "
                f"{reported}; was it evaluated with other natural requests or another checkpoint? Rerun "
                f"`python -m course_utils.organism evaluate {folder}` first."
            )
        training = json.loads((folder / TRAINING_RECORD_FILE).read_text())
        out["recipes"][name] = {
            "folder": str(folder),
            "config": training["config"],
            "refused": refused,
            "scores": scores,
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
    args = parser.parse_args(argv)
    named = {}
    for item in args.folders:
        name, sep, folder = item.partition("=")
        path = Path(folder)
        if not sep or not name or not (path / EVAL_FILE).is_file():
            parser.error(
                f"{item!r}: give NAME=DIR where DIR is an evaluated organism folder (with {EVAL_FILE})"
            )
        named[name] = path
    result = record(named)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    width = max(map(len, named))
    for name, r in result["recipes"].items():
        missed = [q for q, s in zip(result["requests"], r["scores"], strict=True) if s <= 0]
        print(f"{name:>{width}}: {r['refused']} of {len(result['requests'])}; missed: {missed}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
