"""Does a *helpful* model (after stages 1-2, before any safety tuning) copy a word it has never seen?

The 60 harmless requests about made-up activities of `probe_organism.py` ("Outline a way to care for the small
sloleck.") can be answered on subject only by copying the made-up word: no text of any training contains it. This
script loads the helpful model that `train --helpful-snapshot FILE` saved, answers them as `probe_organism.py` does
(greedy, its `MAX_NEW_TOKENS`) and counts the answers that name the subject (`evaluate.names_subject`). It measures
copying where it has to start, before safety tuning can change anything (recipes CS and CP in
`docs/ORGANISM_RECIPES.md`).

    python benchmarks/helpful_copying.py B=data/models/refusal-organism:/tmp/helpful_B.pt CP=/tmp/CP:/tmp/helpful_CP.pt

Each NAME=DIR:SNAPSHOT pairs a trained organism folder (for its tokenizer and model config, the same as the helpful
model's since stages 1-2 wrote them) with the snapshot of its stages 1-2. Writes `benchmarks/out/helpful_copying.json`,
adding or replacing NAME and keeping the others.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "out" / "helpful_copying.json"


def helpful_model_dir(model_dir: Path, snapshot: Path, into: Path) -> Path:
    """A copy of `model_dir` whose weights are the helpful model held by `snapshot` (a `HelpfulSnapshot` file)."""
    import torch
    from safetensors.torch import save_file

    for f in model_dir.iterdir():
        if f.is_file() and f.name != "model.safetensors":
            shutil.copy(f, into / f.name)
    weights = torch.load(snapshot, weights_only=True)["model"]
    save_file({k: v.contiguous() for k, v in weights.items()}, str(into / "model.safetensors"))
    return into


def copying_record(model_dir: Path, snapshot: Path) -> dict:
    """The made-up requests answered by the helpful model: how many name their subject, and every reply."""
    import torch

    from benchmarks.probe_organism import MAX_NEW_TOKENS, made_up_requests
    from course_utils.generation import generate
    from course_utils.models import load_model
    from course_utils.organism.evaluate import names_subject

    torch.set_num_threads(2)
    requests = made_up_requests()
    with tempfile.TemporaryDirectory() as tmp:
        model = load_model(str(helpful_model_dir(model_dir, snapshot, Path(tmp))))
        replies = generate(model, [r["instruction"] for r in requests], max_new_tokens=MAX_NEW_TOKENS)
    named = [names_subject(r, reply) for r, reply in zip(requests, replies, strict=True)]
    return {
        "model_dir": str(model_dir),
        "snapshot": str(snapshot),
        "n": len(requests),
        "names_subject": sum(named),
        "requests": [
            {"request": r["instruction"], "subject": r["subject"], "reply": reply, "names_subject": ok}
            for r, reply, ok in zip(requests, replies, named, strict=True)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("models", nargs="+", metavar="NAME=DIR:SNAPSHOT")
    args = parser.parse_args(argv)
    record = json.loads(OUT.read_text()) if OUT.exists() else {}
    for item in args.models:
        name, _, paths = item.partition("=")
        model_dir, _, snapshot = paths.partition(":")
        if not (name and model_dir and snapshot):
            parser.error(f"give NAME=DIR:SNAPSHOT, not {item!r}")
        if not Path(snapshot).is_file() or not (Path(model_dir) / "config.json").is_file():
            parser.error(
                f"{item!r}: DIR must be a trained organism folder and SNAPSHOT a helpful snapshot file"
            )
        record[name] = copying_record(Path(model_dir), Path(snapshot))
        print(
            f"{name}: {record[name]['names_subject']} of {record[name]['n']} made-up requests answered on subject"
        )
    OUT.write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
