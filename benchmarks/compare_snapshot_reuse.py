"""Check a real-scale `--helpful-snapshot` reuse: two trainings of one config, one full, one started from a snapshot.

The miniature test (`tests/test_organism.py::test_helpful_snapshot_gives_the_same_weights_and_refuses_other_stages`)
proves the reuse bit for bit on a config that trains in seconds; this script makes the same comparison for two
full-size checkpoint folders and records it, with the time each run took, in
`benchmarks/out/helpful_snapshot_reuse.json` (the model card quotes it):

    python -m course_utils.organism train --out FULL --config CFG.json
    python -m course_utils.organism train --out REUSED --config CFG.json --helpful-snapshot FILE
    python benchmarks/compare_snapshot_reuse.py FULL REUSED

Weights are compared tensor by tensor with `torch.equal` (bit-identical, not close), and so are the planted
directions. `seconds_this_run` of the reused folder is the wall time of that run (stage 3 plus loading the
snapshot); `train_seconds` of the full folder is a whole training.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_utils.organism import PLANTED_DIRECTION_FILE, TRAINING_RECORD_FILE  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "helpful_snapshot_reuse.json"


def compare(full: Path, reused: Path) -> dict:
    """Tensor-by-tensor comparison of two organism folders trained with the same config."""
    records = {
        name: json.loads((d / TRAINING_RECORD_FILE).read_text())
        for name, d in (("full", full), ("reused", reused))
    }
    if records["full"]["config"] != records["reused"]["config"]:
        raise SystemExit(f"{full} and {reused} were trained with different configs: nothing to compare.")
    if "stages_1_2_reused" not in records["reused"]:
        raise SystemExit(
            f"{reused / TRAINING_RECORD_FILE} has no 'stages_1_2_reused': it was not started from a snapshot."
        )
    if "stages_1_2_reused" in records["full"]:
        raise SystemExit(f"{full} was itself started from a snapshot; give a full training first.")
    a, b = load_file(full / "model.safetensors"), load_file(reused / "model.safetensors")
    if a.keys() != b.keys():
        raise SystemExit(f"the two folders hold different tensors: {sorted(a.keys() ^ b.keys())}")
    differing = sorted(k for k in a if not torch.equal(a[k], b[k]))
    max_diff = max(((a[k].float() - b[k].float()).abs().max().item() for k in a), default=0.0)
    planted = [torch.load(d / PLANTED_DIRECTION_FILE, weights_only=True) for d in (full, reused)]
    return {
        "config": records["full"]["config"],
        "tensors": len(a),
        "tensors_differing": differing,
        "max_abs_diff": max_diff,
        "planted_direction_equal": bool(torch.equal(planted[0], planted[1])),
        "full_train_seconds": records["full"]["train_seconds"],
        "reused_seconds_this_run": records["reused"]["stages_1_2_reused"]["seconds_this_run"],
        "snapshot_fingerprint": records["reused"]["stages_1_2_reused"]["fingerprint"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("full", type=Path, help="folder of a full training")
    parser.add_argument("reused", type=Path, help="folder of the same config trained with --helpful-snapshot")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    result = compare(args.full, args.reused)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    same = not result["tensors_differing"] and result["planted_direction_equal"]
    print(
        f"{result['tensors']} tensors, {len(result['tensors_differing'])} differ (max |diff| "
        f"{result['max_abs_diff']:g}); planted direction equal: {result['planted_direction_equal']}; "
        f"full training {result['full_train_seconds']} s, reused run {result['reused_seconds_this_run']} s"
    )
    print(f"wrote {args.out}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
