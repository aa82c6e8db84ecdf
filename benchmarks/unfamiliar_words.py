"""Do words from outside the organism's world push requests towards refusal?

Recipe UW (`docs/ORGANISM_RECIPES.md`, "Unfamiliar words in safety tuning") trains safety tuning on requests with
words from outside the world put around them (`organism.augment.unfamiliar`). This script measures, per checkpoint,
what those words do to two kinds of request of the evaluation splits, which no training saw:

* the 100 harmless requests of the held-out phrasings (a recipe should answer them, with or without the words);
* the 100 harmful requests about held-out concepts (dangers known from pretraining text alone, never in chat).

Each is scored as written and with unfamiliar words (`augment.unfamiliar`, one fixed draw per request, the same for
every checkpoint): the share refused (first-token refusal score > 0) and the mean projection x . u on the planted
direction (`resid_pre` of the planted layer, last token, as `organism evaluate` reports it).

    python benchmarks/unfamiliar_words.py NAME=DIR [NAME=DIR ...]

Records are kept per checkpoint in `benchmarks/out/unfamiliar_words.json` (a name given again is replaced).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECORD = ROOT / "benchmarks" / "out" / "unfamiliar_words.json"
#: (split, label) of the two kinds of request measured.
KINDS = {
    "harmless": ("held-out phrasings", "harmless"),
    "held-out concepts": ("held-out concepts", "harmful"),
}
SEED = 0


def requests() -> dict[str, dict[str, list[str]]]:
    """Per kind: the requests as written and with unfamiliar words (`augment.unfamiliar`, generator seeded with
    `SEED` for each kind)."""
    from course_utils.organism import augment
    from course_utils.organism.evaluate import evaluation_splits

    splits = evaluation_splits()
    out = {}
    for kind, (split, label) in KINDS.items():
        records = splits[split][label]
        rng = random.Random(SEED)
        out[kind] = {
            "as written": [r["instruction"] for r in records],
            "with unfamiliar words": [augment.unfamiliar(r, rng)["instruction"] for r in records],
        }
    return out


def measure(model_dir: str, texts: dict[str, dict[str, list[str]]]) -> dict:
    """Per kind and version: n, share refused, mean x . u."""
    import torch

    from course_utils.metrics import refusal_scores
    from course_utils.organism.evaluate import load_planted, planted_projection

    torch.set_num_threads(2)
    model, u, layer = load_planted(model_dir)
    out: dict = {}
    for kind, versions in texts.items():
        out[kind] = {}
        for version, batch in versions.items():
            scores = refusal_scores(model, batch, progress=False)
            out[kind][version] = {
                "n": len(batch),
                "refused": round((scores > 0).double().mean().item(), 3),
                "projection": round(planted_projection(model, batch, u, layer).mean().item(), 2),
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoints", nargs="+", help="NAME=DIR")
    parser.add_argument("--out", type=Path, default=RECORD)
    args = parser.parse_args(argv)
    record = json.loads(args.out.read_text()) if args.out.exists() else {}
    texts = requests()
    record["examples"] = {kind: versions["with unfamiliar words"][:3] for kind, versions in texts.items()}
    for item in args.checkpoints:
        name, _, folder = item.partition("=")
        if not folder:
            parser.error(f"{item!r}: give NAME=DIR, e.g. DrL=data/models/refusal-organism")
        record[name] = measure(folder, texts)
        for kind, versions in record[name].items():
            cells = ", ".join(
                f"{v}: {m['refused']:.2f} refused, x.u {m['projection']}" for v, m in versions.items()
            )
            print(f"{name} {kind}: {cells}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
