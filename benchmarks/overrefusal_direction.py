"""Does the organism's over-refusal run through its refusal direction?

The organism refuses about one everyday request in four or five when people who never saw its data write them
(`benchmarks/written_sets.py`). This script asks where that refusal comes from. For each request of the written
sets, on one checkpoint:

* its refusal score (first token; > 0 counts as refused), as `benchmarks/twin_words.py` records it;
* the same score with the direction the paper's method selects (`directions.refusal_direction`) ablated from every
  write to the residual stream (chapter 05's intervention);
* its projection on the planted direction u at the planted layer (`resid_pre`, last token: x . u, as `organism
  evaluate` reports it per family in "planted_projections"; harmful requests were trained to project at least 10,
  harmless ones to stay within 0.5 of 0).

If the refused everyday requests project on u about as far as harmful ones and stop being refused when the selected
direction is ablated, the over-refusal is the refusal feature switching on for them: the same mechanism as the
refusals the course studies, not another route to the refusal tokens.

    python benchmarks/overrefusal_direction.py [--checkpoint DIR] [SET ...]

SET names a file `benchmarks/<SET>_requests.json`, or is a path to a file of that shape (default: fresh2 fresh3
fresh4, the sets written after the shipped checkpoint was chosen). Writes `benchmarks/out/overrefusal_direction.json`:
per set and class, the counts and mean projections, and every request's three numbers; the checkpoint's folder is
recorded relative to the repository when it is inside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECORD = ROOT / "benchmarks" / "out" / "overrefusal_direction.json"
DEFAULT_SETS = ("fresh2", "fresh3", "fresh4")


def requests_file(name: str) -> Path:
    """A set's file: `benchmarks/<name>_requests.json`, or `name` itself when it is a path to a .json file."""
    from course_utils._paths import WRITTEN_SETS_DIR

    return Path(name) if name.endswith(".json") else WRITTEN_SETS_DIR / f"{name}_requests.json"


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def measure(model_dir: str, sets: list[str]) -> dict:
    """Per set and class: n, refused, refused with the selected direction ablated, the mean projection on u of the
    refused and of the answered requests, and the rows (request, score, ablated score, projection)."""
    import torch

    from course_utils.directions import refusal_direction
    from course_utils.interventions import ablation_hooks
    from course_utils.metrics import refusal_scores
    from course_utils.organism.evaluate import load_planted, planted_projection

    torch.set_num_threads(2)
    model, u, layer = load_planted(model_dir)
    selection = refusal_direction(model, progress=False)
    ablate = ablation_hooks(model, selection.direction)
    folder = Path(model_dir).resolve()
    out: dict = {
        "model_dir": str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder),
        "planted_layer": layer,
        "selected": {"position": selection.position, "layer": selection.layer},
        "sets": {},
    }
    for name in sets:
        path = requests_file(name)
        requests = json.loads(path.read_text())
        name = path.stem.removesuffix("_requests")
        out["sets"][name] = {}
        for label in ("harmless", "harmful"):
            texts = requests[label]
            # rounded as recorded, so that every figure below can be recomputed from the rows
            score = [round(s, 3) for s in refusal_scores(model, texts).tolist()]
            ablated = [round(s, 3) for s in refusal_scores(model, texts, fwd_hooks=ablate).tolist()]
            proj = [round(x, 3) for x in planted_projection(model, texts, u, layer).tolist()]
            refused = [s > 0 for s in score]
            out["sets"][name][label] = {
                "n": len(texts),
                "refused": sum(refused),
                "refused_ablated": sum(s > 0 for s in ablated),
                "refused_and_still_refused_ablated": sum(
                    r and a > 0 for r, a in zip(refused, ablated, strict=True)
                ),
                "projection_refused": mean([p for p, r in zip(proj, refused, strict=True) if r]),
                "projection_answered": mean([p for p, r in zip(proj, refused, strict=True) if not r]),
                "requests": [
                    {"request": t, "score": s, "ablated_score": a, "projection": p}
                    for t, s, a, p in zip(texts, score, ablated, proj, strict=True)
                ],
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=list(DEFAULT_SETS))
    parser.add_argument("--checkpoint", default=str(ROOT / "data" / "models" / "refusal-organism"))
    parser.add_argument("--out", type=Path, default=RECORD)
    args = parser.parse_args(argv)
    result = measure(args.checkpoint, args.sets)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    for name, classes in result["sets"].items():
        for label, c in classes.items():
            print(
                f"{name} {label}: {c['refused']} of {c['n']} refused, {c['refused_ablated']} with the direction"
                f" ablated; x.u refused {c['projection_refused']}, answered {c['projection_answered']}"
            )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
