"""Benchmark: where the memory of ``refusal_direction(model, method="screened")`` goes, step by step.

The steps of ``directions._refusal_direction`` are run one after the other on a random model with a registry
model's exact configuration (default Qwen2.5-0.5B-Instruct; ``benchmarks/real_models.py``), each through the
library's own function:

    filter      filter_prompts_by_refusal on n_train + n_train training prompts
    candidates  candidate_directions on the same prompts (resid_pre, every layer, post-instruction positions)
    screen      screen_scores on n_val + n_val validation prompts
    fast        fast_scores_table on the screen's top k (fallback on: random weights pass no filter)

With ``--exact`` two single passes over the first batch of harmless validation prompts come first: ``full``, the
bridge's plain forward (every position unembedded; the row kept is ``logits[:, -1]``), and ``last``,
``metrics.forward_last_logits`` (only the last position unembedded); the record adds max |full - last|.

Before each step the kernel's peak-RSS counter is reset (``echo 5 > /proc/self/clear_refs``, Linux), so each
row's peak is that step's own. After each step: RSS, then RSS after ``malloc_trim(0)`` (the difference is what
glibc's allocator kept of the memory freed inside the step). CPU and wall seconds of each step come with it.

    OMP_WAIT_POLICY=PASSIVE nice -n 19 python benchmarks/bench_memory_steps.py [--n-train 64] [--n-val 32]
"""

from __future__ import annotations

import argparse
import ctypes
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_models import REAL_CONFIGS, SHORT_NAMES, build_random_model  # noqa: E402


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="qwen2.5-0.5b")
    parser.add_argument("--n-train", type=int, default=64)
    parser.add_argument("--n-val", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--top-k", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--folder", default="", help="a model already built by build_random_model (reused)")
    parser.add_argument("--json", default="", help="write the rows here")
    parser.add_argument("--exact", action="store_true", help="compare forward_last_logits with a full pass")
    args = parser.parse_args()

    import torch

    from course_utils import directions
    from course_utils.candidate_scores import fast_scores_table, screen_scores, top_screened
    from course_utils.data import load_instructions
    from course_utils.metrics import forward_last_logits
    from course_utils.models import load_model

    torch.set_num_threads(args.threads)
    libc = ctypes.CDLL("libc.so.6")
    rows: list[dict] = []

    def step(name: str, fn):
        rss_before = _status_mb("VmRSS")
        _reset_peak()
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        row = dict(
            step=name,
            cpu_s=round(time.process_time() - cpu, 1),
            wall_s=round(time.perf_counter() - wall, 1),
            rss_before_mb=round(rss_before),
            peak_mb=round(_status_mb("VmHWM")),
            rss_after_mb=round(_status_mb("VmRSS")),
        )
        libc.malloc_trim(0)
        row["rss_after_trim_mb"] = round(_status_mb("VmRSS"))
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
        return out

    real = REAL_CONFIGS[SHORT_NAMES.get(args.model, args.model)]
    tmp = tempfile.TemporaryDirectory(prefix="bench-mem-")
    folder = Path(args.folder) if args.folder else Path(tmp.name) / "model"
    if not (folder / "config.json").is_file():
        step("build", lambda: build_random_model(real.name, folder))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = step("load", lambda: load_model(folder, device="cpu", dtype=torch.float32))
    harmful = load_instructions("harmful", "train")[: args.n_train]
    harmless = load_instructions("harmless", "train")[: args.n_train]
    harmful_val = load_instructions("harmful", "val")[: args.n_val]
    harmless_val = load_instructions("harmless", "val")[: args.n_val]
    kw = dict(batch_size=args.batch_size, progress=False)
    extra = {}
    if args.exact:
        enc = model.tokenize(harmless_val[: args.batch_size])

        def full_pass() -> torch.Tensor:
            with torch.inference_mode():
                logits = model.bridge(enc.input_ids, attention_mask=enc.attention_mask)
            return logits[:, -1].clone()

        full = step("full", full_pass)
        last = step("last", lambda: forward_last_logits(model, enc.input_ids, enc.attention_mask))
        extra = dict(max_abs_diff=float((full - last).abs().max()), logits_abs_max=float(full.abs().max()))
        print(json.dumps(extra), file=sys.stderr, flush=True)
    step("filter", lambda: directions.filter_prompts_by_refusal(model, harmful, harmless, **kw))
    candidates = step("candidates", lambda: directions.candidate_directions(model, harmful, harmless, **kw))
    scores = step("screen", lambda: screen_scores(model, candidates, harmful_val, harmless_val, **kw))
    only = set(top_screened(scores, args.top_k, 0.8))
    step(
        "fast",
        lambda: fast_scores_table(
            model,
            candidates,
            harmful_val,
            harmless_val,
            kl_threshold=0.1,
            max_layer_frac=0.8,
            induce_threshold=0.0,
            fallback=True,
            only=only,
            **kw,
        ),
    )
    tmp.cleanup()
    record = json.dumps(dict(args=vars(args), rows=rows, **extra), indent=1)
    print(record)
    if args.json:
        Path(args.json).write_text(record)


if __name__ == "__main__":
    main()
