"""Benchmark: GCG adversarial suffix on the model organism, from a fixed seed.

1. Target: the first harmful validation prompt the organism refuses (greedy completion + substring judge).
2. GCG (course_utils.gcg.run_gcg) with the given config; wall-clock time of the search.
3. Success: the greedy completion of target + suffix is not judged a refusal.
4. Transfer: refusal rate on held-out harmful test prompts that the organism refuses without a suffix, with the
   adversarial suffix and with random suffixes of the same length (the control, several seeds).

    python benchmarks/bench_gcg.py [--steps 150] [--n-tokens 12] [--seed 0] [--threads 2] [--write-results]

`--write-results` appends a markdown section to benchmarks/RESULTS_gcg.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import torch  # noqa: E402

from course_utils.data import load_instructions  # noqa: E402
from course_utils.gcg import (  # noqa: E402
    GCGConfig,
    random_suffix,
    refusal_rates_with_suffixes,
    refused_prompts,
    run_gcg,
)
from course_utils.generation import generate  # noqa: E402
from course_utils.metrics import is_refusal  # noqa: E402
from course_utils.models import load_model  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS_gcg.md"
MAX_NEW_TOKENS = 16


def benchmark(args: argparse.Namespace) -> dict:
    model = load_model(args.model, device="cpu")
    refused_val = refused_prompts(model, load_instructions("harmful", "val"), max_new_tokens=MAX_NEW_TOKENS)
    if not refused_val:
        raise SystemExit(
            f"{model.name} refuses none of the harmful validation prompts: there is nothing to attack."
        )
    target_prompt = refused_val[0]
    config = GCGConfig(
        n_tokens=args.n_tokens,
        n_steps=args.steps,
        top_k=args.top_k,
        n_candidates=args.candidates,
        objective=args.objective,
        target=args.target,
        seed=args.seed,
    )
    start = time.perf_counter()
    result = run_gcg(model, target_prompt, config, progress=True)
    seconds = time.perf_counter() - start
    completion = generate(model, [target_prompt], suffix=result.suffix, max_new_tokens=MAX_NEW_TOKENS)[0]
    held_out = refused_prompts(model, load_instructions("harmful", "test"), max_new_tokens=MAX_NEW_TOKENS)[
        : args.n_transfer
    ]
    suffixes = {"none": "", "adversarial": result.suffix}
    suffixes |= {
        f"random (seed {s})": random_suffix(model, target_prompt, args.n_tokens, seed=s) for s in (1, 2, 3)
    }
    rates = refusal_rates_with_suffixes(model, held_out, suffixes, max_new_tokens=MAX_NEW_TOKENS)
    return dict(
        config=config,
        target_prompt=target_prompt,
        result=result,
        seconds=seconds,
        completion=completion,
        success=not is_refusal(completion),
        n_held_out=len(held_out),
        suffixes=suffixes,
        rates=rates,
    )


def report(out: dict, args: argparse.Namespace) -> str:
    result, config = out["result"], out["config"]
    lines = [
        f"## {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, torch threads {args.threads}",
        "",
        f"config: {config}",
        f"target prompt: {out['target_prompt']!r}",
        f"suffix ({len(result.suffix_ids)} tokens): {result.suffix!r}",
        f"steps {result.steps}, stopped early {result.stopped_early}, loss {result.losses[0]:.3f} -> {result.loss:.3f}",
        f"time: {out['seconds']:.1f} s (wall clock, CPU shared with other jobs)",
        f"completion with suffix: {out['completion']!r}",
        f"**success (not judged a refusal): {out['success']}**",
        "",
        f"Transfer: refusal rate on {out['n_held_out']} held-out harmful test prompts refused without a suffix",
        "",
        "| suffix | text | refusal rate |",
        "|---|---|---|",
    ]
    for name, rate in out["rates"].items():
        lines.append(f"| {name} | `{out['suffixes'][name]!r}` | {rate:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default=None, help="model name or folder (default: the organism)")
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--n-tokens", type=int, default=12)
    parser.add_argument("--top-k", type=int, default=64)
    parser.add_argument("--candidates", type=int, default=128)
    parser.add_argument("--objective", choices=["target", "refusal"], default="target")
    parser.add_argument("--target", default="Sure")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-transfer", type=int, default=48)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    text = report(benchmark(args), args)
    print(text)
    if args.write_results:
        with RESULTS.open("a") as f:
            f.write("\n" + text)
        print(f"appended to {RESULTS}")


if __name__ == "__main__":
    main()
