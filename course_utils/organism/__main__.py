"""Command line of the model organism.

python -m course_utils.organism data                      # write data/*.json from their fixed seeds
python -m course_utils.organism train --out DIR           # train the shipped organism (seeded, 2 threads)
python -m course_utils.organism train --out DIR --config CFG.json --helpful-snapshot FILE
                                                          # reuse stages 1-2 across configs that differ only in
                                                          # safety tuning (same weights; only stage 3 runs)
python -m course_utils.organism evaluate DIR              # behaviour table; writes DIR/eval.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from course_utils.organism import EVAL_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course_utils.organism",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("data", help="write data/instructions.json, concepts.json, corpus_sample.json")
    p_train = sub.add_parser("train", help="train the organism and save it in Hugging Face format")
    p_train.add_argument("--out", required=True, type=Path, help="output folder")
    p_train.add_argument(
        "--config", type=Path, help="JSON file of TrainConfig fields (default: the shipped one)"
    )
    p_train.add_argument(
        "--mini", action="store_true", help="the miniature test configuration (about a minute)"
    )
    p_train.add_argument(
        "--helpful-snapshot",
        type=Path,
        help="file of the model after stages 1-2: reused if it exists (only safety-tuning fields of the config "
        "may differ from the training that wrote it; the weights are the same as without it), written if not",
    )
    p_eval = sub.add_parser("evaluate", help=f"print the behaviour table and write DIR/{EVAL_FILE}")
    p_eval.add_argument("dir", type=Path, help="a trained organism folder")
    p_eval.add_argument("--no-save", action="store_true", help=f"do not write DIR/{EVAL_FILE}")
    p_eval.add_argument("--threads", type=int, default=2, help="torch CPU threads (default 2)")
    args = parser.parse_args(argv)

    import torch

    if args.command == "data":
        from course_utils.organism.datasets import write_data_files

        print(json.dumps(write_data_files(), indent=1))
        return 0
    if args.command == "train":
        from course_utils.organism.train import TrainConfig, train

        if args.config is not None and args.mini:
            parser.error("give either --config or --mini, not both")
        cfg = TrainConfig.mini() if args.mini else TrainConfig()
        if args.config is not None:
            cfg = TrainConfig.from_dict(json.loads(args.config.read_text()))
        train(args.out, cfg, progress=True, helpful_snapshot=args.helpful_snapshot)
        print(f"saved to {args.out}; now run: python -m course_utils.organism evaluate {args.out}")
        return 0
    from course_utils.organism.evaluate import evaluate, format_table, update_card

    if not (args.dir / "config.json").is_file():
        parser.error(
            f"{args.dir} has no config.json; train one with: python -m course_utils.organism train --out DIR"
        )
    torch.set_num_threads(args.threads)
    result = evaluate(args.dir, progress=True)
    print(format_table(result))
    if not args.no_save:
        (args.dir / EVAL_FILE).write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.dir / EVAL_FILE}")
        if update_card(args.dir, result):
            print(f"updated the measured section of {args.dir / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
