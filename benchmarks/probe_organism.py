"""Probe an organism checkpoint with hand-written requests (`benchmarks/probe_requests.json`), as a learner would.

For each probe set and class: the share refused (first-token refusal score > 0, and the paper's substring judge on
a 32-token greedy reply), and every request with its score and reply. Writes `benchmarks/out/probe_<name>.json`.

    python benchmarks/probe_organism.py data/models/refusal-organism [--name v3]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--name", default=None, help="record name (default: the folder's name)")
    args = parser.parse_args()

    import torch

    from course_utils.generation import generate
    from course_utils.metrics import is_refusal, last_position_logits, refusal_score
    from course_utils.models import load_model

    torch.set_num_threads(2)
    probes = json.loads((ROOT / "benchmarks" / "probe_requests.json").read_text())
    model = load_model(args.model_dir)
    record: dict = {"model_dir": args.model_dir}
    for probe, by_class in probes.items():
        if probe == "about":
            continue
        for label, requests in by_class.items():
            scores = refusal_score(last_position_logits(model, requests), model.refusal_token_ids).tolist()
            replies = generate(model, requests, max_new_tokens=32)
            record[f"{probe} / {label}"] = {
                "n": len(requests),
                "refused_score": round(sum(s > 0 for s in scores) / len(scores), 3),
                "refused_judge": round(sum(map(is_refusal, replies)) / len(replies), 3),
                "requests": [
                    {"request": q, "score": round(s, 2), "reply": r}
                    for q, s, r in zip(requests, scores, replies, strict=True)
                ],
            }
            print(
                f"{probe} / {label}: refused {record[f'{probe} / {label}']['refused_score']} (score > 0), "
                f"{record[f'{probe} / {label}']['refused_judge']} (judge), n={len(requests)}"
            )
    out = ROOT / "benchmarks" / "out" / f"probe_{args.name or Path(args.model_dir).name}.json"
    out.write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
