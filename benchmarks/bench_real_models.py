"""Benchmark: what each stage of the course's pipeline costs at real model sizes, on CPU.

For each model of ``benchmarks/real_models.py`` (random weights, exact configuration), in its own process (so its
peak memory is its own), one model at a time:

    load          load_model(folder, dtype) of the saved random model
    forward       one forward pass over a batch of validation prompts (the unit everything else is made of)
    filter        filter_prompts_by_refusal on n_train prompts per class (last-position refusal scores)
    candidates    candidate_directions on n_train prompts per class (resid_pre, every layer, 5 positions)
    score_one     score_candidate: the paper's three scores of one candidate, plainly (4 passes)
    fast_one      the exact fast path's cost for one candidate that passes every filter (measured on the
                  middle-layer candidate; induce runs only blocks l..L-1, so this is an average-depth candidate)
    screen        screen_scores: the screened selection's one activation pass over the validation prompts
    generate      greedy generation with ablation hooks (tokens per second)
    orthogonalize orthogonalize(model, r): a new model with the direction removed from its weights

The whole selection is then EXTRAPOLATED from the measured stages (labelled so in the report): exact loop =
(candidates that are not zero) x score_one; exact fast, worst case (every candidate passes every filter) =
clean pass + (candidates above 0.8 L excluded) x fast_one; screened (top k) = screen + clean + k x fast_one.
Timings: wall and CPU seconds (process time of all threads); the machine may be shared, so CPU seconds are the
figure to compare.

    nice -n 10 python benchmarks/bench_real_models.py --models all --threads 2 [--dtype float32] [--write-results]
    nice -n 10 python benchmarks/bench_real_models.py --report   # rebuild the report from benchmarks/out/*.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT_DIR = ROOT / "benchmarks" / "out"

from benchmarks.real_models import REAL_CONFIGS, SHORT_NAMES, build_random_model, hf_config  # noqa: E402
from benchmarks.results import write_section  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


class Stages:
    """Times stages (wall and CPU seconds) and records the peak RSS after each."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}

    def run(self, name: str, fn, **extra):
        print(f"  {name} ...", file=sys.stderr, flush=True)
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.rows[name] = dict(wall_s=wall, cpu_s=cpu, rss_mb=_rss_mb(), peak_mb=_peak_mb(), **extra)
        print(
            f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak {_peak_mb():.0f} MB",
            file=sys.stderr,
            flush=True,
        )
        return out


PIPELINE_STAGES = ("filter", "candidates", "score_one", "fast_one", "clean", "screen")


def measure(
    name: str,
    dtype_name: str,
    n_train: int,
    n_val: int,
    batch_size: int,
    gen: tuple[int, int],
    lite: bool,
    skip: frozenset[str] = frozenset(),
) -> dict:
    """Every stage on one model (``lite``: not the PIPELINE_STAGES, which the report then extrapolates from the
    forward pass; ``skip``: stages not run, e.g. "orthogonalize" where two copies of the weights do not fit in
    memory); returns the record written to benchmarks/out/."""
    import torch

    from course_utils import directions
    from course_utils.data import load_instructions
    from course_utils.generation import generate
    from course_utils.interventions import ablation_hooks, orthogonalize
    from course_utils.metrics import last_position_logits
    from course_utils.models import load_model

    dtype = getattr(torch, dtype_name)
    real = REAL_CONFIGS[SHORT_NAMES.get(name, name)]
    stages = Stages()
    a = torch.randn(2048, 2048)
    stages.run("matmul", lambda: [a @ a for _ in range(20)])  # calibration: 20 x 2 * 2048^3 FLOP
    tmp = tempfile.TemporaryDirectory(prefix="bench-real-")  # kept to the end: the bridge reads it lazily
    folder = stages.run("build", lambda: build_random_model(real.name, Path(tmp.name) / "model"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = stages.run("load", lambda: load_model(folder, device="cpu", dtype=dtype))
    harmful = load_instructions("harmful", "train")[:n_train]
    harmless = load_instructions("harmless", "train")[:n_train]
    harmful_val = load_instructions("harmful", "val")[:n_val]
    harmless_val = load_instructions("harmless", "val")[:n_val]
    chats = model.format_chat(harmless_val + harmful_val)
    tokens = [len(model.tokenizer(text, add_special_tokens=False).input_ids) for text in chats]
    kw = dict(batch_size=batch_size, progress=False)
    last_position_logits(model, harmless_val[:1], **kw)  # warm-up (first-call costs are not per prompt)
    n_fwd = min(batch_size, n_val)
    stages.run("forward", lambda: last_position_logits(model, harmless_val[:n_fwd], **kw), prompts=n_fwd)
    layer = model.n_layers // 2
    r = torch.randn(model.d_model, dtype=torch.float64)
    if not lite:
        pair = harmful, harmless
        stages.run(
            "filter", lambda: directions.filter_prompts_by_refusal(model, *pair, **kw), prompts=2 * n_train
        )
        candidates = stages.run(
            "candidates", lambda: directions.candidate_directions(model, *pair, **kw), prompts=2 * n_train
        )
        r = candidates[-1, layer]
        val = harmful_val, harmless_val
        stages.run(
            "score_one",
            lambda: directions.score_candidate(model, r, layer, *val, batch_size=batch_size),
            prompts=2 * n_val,
        )
        one = torch.zeros_like(candidates)
        one[-1, layer] = r  # only this candidate is non-zero: the fast path scores exactly one, fully
        loose = dict(kl_threshold=math.inf, induce_threshold=-math.inf)
        stages.run(
            "fast_one",
            lambda: directions.select_direction(model, one, *val, method="fast", **kw, **loose),
            prompts=2 * n_val,
        )
        stages.run("clean", lambda: last_position_logits(model, harmless_val, **kw), prompts=n_val)
        stages.run(
            "screen", lambda: directions.screen_scores(model, candidates, *val, **kw), prompts=2 * n_val
        )
    n_prompts, n_new = gen
    hooks = ablation_hooks(model, r)
    texts = stages.run(
        "generate",
        lambda: generate(
            model, harmful_val[:n_prompts], max_new_tokens=n_new, fwd_hooks=hooks, progress=False
        ),
    )
    n_generated = sum(len(model.tokenizer(t, add_special_tokens=False).input_ids) for t in texts)
    stages.rows["generate"].update(prompts=n_prompts, max_new_tokens=n_new, tokens_decoded=n_generated)
    if "orthogonalize" not in skip:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            edited = stages.run("orthogonalize", lambda: orthogonalize(model, r))
        del edited
    tmp.cleanup()
    return dict(
        model=real.name,
        short=name,
        n_params_b=real.n_params_b,
        n_layers=model.n_layers,
        d_model=model.d_model,
        vocab=real.config["vocab_size"],
        n_positions=len(model.post_instruction_positions),
        dtype=dtype_name,
        threads=torch.get_num_threads(),
        n_train=n_train,
        n_val=n_val,
        batch_size=batch_size,
        lite=lite,
        skipped=sorted(skip),
        date=f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        nice=os.nice(0),
        load_avg=os.getloadavg(),
        mean_prompt_tokens=sum(tokens) / len(tokens),
        stages=stages.rows,
        gflops_cpu=20 * 2 * 2048**3 / 1e9 / stages.rows["matmul"]["cpu_s"],
        peak_mb=_peak_mb(),
    )


# --------------------------------------------------------------------------------------------------------------
# Extrapolation and report
# --------------------------------------------------------------------------------------------------------------
PAPER_TRAIN, PAPER_VAL = 128, 32
# Post-instruction tokens of the real templates (Qwen2.5 and SmolLM2 <|im_end|>\n<|im_start|>assistant\n, Llama-3
# <|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n, Gemma-2 <end_of_turn>\n<start_of_turn>model\n): 5
# each; the candidate counts are extrapolated with 5 (the organism's tokenizer used here has 4).
REAL_POSITIONS = 5
# What notebooks 05 and 06 run after the direction is found (counted from notebooks/src): forward passes over
# prompts (refusal scores, sweeps, projections, KL, completion loss counted twice for its longer sequences) and
# greedy generation at batch 16 (decode steps = generations / 16 x new tokens).
CHAPTER_WORK = {
    "05": dict(prompt_passes=1030, decode_steps=math.ceil(320 / 16) * 24 + 6 * 24),
    "06": dict(prompt_passes=640, decode_steps=math.ceil(128 / 16) * 20 + 20, orthogonalize=2),
}


def _per_prompt(rec: dict, stage: str, ratios: dict[str, float]) -> float:
    """CPU seconds per prompt of a stage: measured, or (lite records) the forward pass's times ``ratios[stage]``."""
    st = rec["stages"]
    if stage in st:
        return st[stage]["cpu_s"] / st[stage]["prompts"]
    return ratios[stage] * _per_prompt(rec, "forward", ratios)


def stage_ratios(records: list[dict]) -> dict[str, float]:
    """Each pipeline stage's CPU seconds per prompt over the forward pass's, averaged over the fully measured
    records: how lite records are extrapolated."""
    full = [rec for rec in records if not rec.get("lite")]
    return {
        stage: sum(_per_prompt(r, stage, {}) / _per_prompt(r, "forward", {}) for r in full)
        / max(len(full), 1)
        for stage in PIPELINE_STAGES
    }


def derived(
    rec: dict, ratios: dict[str, float], n_train: int = PAPER_TRAIN, n_val: int = PAPER_VAL, top_k: int = 8
) -> dict:
    """CPU seconds of the chapter-04 pipeline at the paper's prompt counts, EXTRAPOLATED linearly in prompts from
    the measured stages (cost per prompt is about constant at a fixed batch size and prompt length)."""
    per = lambda stage: _per_prompt(rec, stage, ratios)  # noqa: E731
    L, n_pos = rec["n_layers"], REAL_POSITIONS
    clean = per("clean") * n_val
    fast_one = per("fast_one") * 2 * n_val - clean  # induce + KL + bypass of one candidate
    eligible = n_pos * math.ceil(0.8 * L) - n_pos  # layers below 0.8 L, minus the zero layer-0 candidates
    out = dict(
        filter=per("filter") * 2 * n_train,
        candidates=per("candidates") * 2 * n_train,
        score_one=per("score_one") * 2 * n_val,
        fast_one=fast_one,
        loop=per("score_one") * 2 * n_val * n_pos * (L - 1),
        fast_worst=clean + eligible * fast_one,
        screened=per("screen") * 2 * n_val + clean + min(top_k, eligible) * fast_one,
    )
    out["chapter04_screened"] = out["filter"] + out["candidates"] + out["screened"]
    out["chapter04_fast"] = out["filter"] + out["candidates"] + out["fast_worst"]
    gen = rec["stages"]["generate"]
    step = gen["cpu_s"] / gen["max_new_tokens"]  # one decode step at the measured batch (prefill included)
    for chapter, work in CHAPTER_WORK.items():
        if work.get("orthogonalize") and "orthogonalize" not in rec["stages"]:
            out[f"chapter{chapter}"] = math.nan  # not measured (skipped)
            continue
        ortho = (
            work["orthogonalize"] * rec["stages"]["orthogonalize"]["cpu_s"] if "orthogonalize" in work else 0
        )
        out[f"chapter{chapter}"] = (
            work["prompt_passes"] * per("forward") + work["decode_steps"] * step + ortho
        )
    out["gen_tok_per_cpu_s"] = gen["prompts"] * gen["max_new_tokens"] / gen["cpu_s"]
    out["gen_tok_per_s"] = gen["prompts"] * gen["max_new_tokens"] / gen["wall_s"]
    return out


def report(records: list[dict], command: str) -> str:
    def m(seconds: float) -> str:
        return "-" if math.isnan(seconds) else f"{seconds / 60:.1f}"

    ratios = stage_ratios(records)
    lines = [
        "Random weights with each model's exact configuration (`benchmarks/real_models.py`; parameter counts match",
        "the published ones), the organism's tokenizer with each template's default system text (prompt lengths",
        "in the table). One process per model, one model at a time.",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, {platform.system()},"
        f" {os.cpu_count()} cores (shared with other jobs: compare CPU seconds, not wall), Python"
        f" {platform.python_version()}",
        f"- report written by: `{command}` (measuring commands: the notes at the end of this file)",
        "",
        "### Measured stages (CPU seconds; wall in brackets)",
        "",
        "| model | params | dtype | layers x d | vocab | tokens/prompt | load | forward, 1 batch | filter | candidates "
        "| score_one (loop) | fast_one | screen | orthogonalize | generation tok/CPU-s | peak RSS GB | matmul GFLOP/CPU-s |",
        "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rec in (r for r in records if not r.get("scaled")):
        st = rec["stages"]

        def c(k: str, st: dict = st) -> str:
            return f"{st[k]['cpu_s']:.1f} ({st[k]['wall_s']:.1f})" if k in st else "-"

        d = derived(rec, ratios)
        lines.append(
            f"| {rec['model']} | {rec['n_params_b']:.2f} B | {rec['dtype']} | {rec['n_layers']} x {rec['d_model']} "
            f"| {rec['vocab']} | {rec['mean_prompt_tokens']:.0f} | {c('load')} | {c('forward')} | {c('filter')} "
            f"| {c('candidates')} | {c('score_one')} | {c('fast_one')} | {c('screen')} | {c('orthogonalize')} "
            f"| {d['gen_tok_per_cpu_s']:.1f} | {rec['peak_mb'] / 1024:.1f} | {rec['gflops_cpu']:.0f} |"
        )
    lines += [
        "",
        "Counts: "
        + "; ".join(
            f"{r['short']}: {r['n_train']}+{r['n_train']} train, {r['n_val']}+{r['n_val']} val prompts, batch "
            f"{r['batch_size']}, {r['threads']} threads, generation {r['stages']['generate']['prompts']} prompts x "
            f"{r['stages']['generate']['max_new_tokens']} tokens"
            + (
                f", run {r['date']} at nice {r['nice']}, load average {r['load_avg'][0]:.1f} at its end"
                if "date" in r
                else ""
            )
            + (
                " (orthogonalize re-measured in a later run, after its memory fix)"
                if r.get("remeasured")
                else ""
            )
            for r in records
            if not r.get("scaled")
        ),
        "",
        "### Extrapolated to the paper's counts (128 + 128 train, 32 + 32 validation prompts), CPU minutes",
        "",
        "Linear in prompts from the stages above (EXTRAPOLATED, not run at these counts). `loop` = every non-zero",
        "candidate through `score_candidate`; `fast` = the exact fast selection in its WORST case (every candidate",
        "passes induce and KL, so each is fully scored; real models discard many early); `screened` = one screening",
        "pass + the top 8 fully scored. Chapter 04 = filter + candidates + selection. Divide CPU minutes by the",
        "cores a learner has (2 here) for wall minutes on an otherwise idle machine. Rows marked (est.) measured",
        "only load, one forward pass, generation and (unless labelled) orthogonalization: their pipeline stages are the forward",
        "pass's per-prompt cost times each stage's ratio to it on the fully measured models. Rows marked NOT measured"
        " are the Qwen2.5-0.5B float32 row scaled by FLOPs per token (time) and parameters (memory): models that did"
        " not fit the benchmark's time on the shared machine (ratios: "
        + ", ".join(f"{k} {v:.1f}x" for k, v in ratios.items())
        + ").",
        "",
        "| model | filter | candidates | one candidate, loop | one candidate, fast | selection: loop | fast (worst) "
        "| screened top 8 | chapter 04, screened | chapter 04, fast |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rec in records:
        d = derived(rec, ratios)
        lines.append(
            f"| {rec['model']} ({rec['dtype']}){_label(rec)} | {m(d['filter'])} | {m(d['candidates'])} | {m(d['score_one'])} "
            f"| {m(d['fast_one'])} | {m(d['loop'])} | {m(d['fast_worst'])} | {m(d['screened'])} "
            f"| {m(d['chapter04_screened'])} | {m(d['chapter04_fast'])} |"
        )
    lines += [
        "",
        "### What runs where (for the README)",
        "",
        "CPU minutes at the paper's counts, EXTRAPOLATED from the stages above ('direction': refusal_direction, i.e.",
        "filter + candidates + selection; 'ch. 04 figures': notebook 04 scores every candidate for its plots, about",
        "the loop's cost; 05 and 06: their forward passes and decode steps, counted from the notebooks, times the measured",
        "per-prompt and per-step costs; decode steps measured at batch 2, the notebooks decode 16 at a time, which",
        "costs somewhat more per step). Divide by the cores you have for wall minutes. 'Laptop': chapter 04",
        "(screened) under 20 CPU minutes (10 minutes on 2 cores); the memory needed is added where it is over 6 GB.",
        "'(run end to end)': `benchmarks/bench_real_path.py` ran the screened direction at the paper's counts and",
        "batch 32 (section below); its peak memory is the whole path's at batch 32.",
        "",
        what_runs_where(records, ratios),
    ]
    return "\n".join(lines)


def _label(rec: dict) -> str:
    if rec.get("scaled"):
        return f" (NOT measured: 0.5B x {rec['scaled']:.1f} by FLOPs/token)"
    if "orthogonalize" in rec.get("skipped", ()):
        return " (est.; orthogonalization not run: memory without chapter 06's copy of the weights)"
    return " (est.)" if rec.get("lite") else ""


def end_to_end(rec: dict) -> dict | None:
    """The record of ``bench_real_path.py`` for the same model and dtype (the chapter-04 direction run end to end
    at the paper's counts), if there is one."""
    path = OUT_DIR / f"path-{rec['short']}-{rec['dtype']}.json"
    return None if rec.get("scaled") or not path.is_file() else json.loads(path.read_text())


def what_runs_where(records: list[dict], ratios: dict[str, float]) -> str:
    """The README table: per model, memory, CPU minutes per chapter, and whether a 2-core laptop is enough."""
    rows = [
        "| model | dtype | peak memory GB | direction, screened | direction, exact (worst case) "
        "| ch. 04 figures (every candidate) | ch. 05 | ch. 06 | 2-core laptop? |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]

    def cell(minutes: float) -> str:
        return "-" if math.isnan(minutes) else f"{minutes:.0f}"

    for rec in records:
        d = derived(rec, ratios)
        peak = rec["peak_mb"] / 1024
        ch04 = d["chapter04_screened"] / 60
        peak_cell, ch04_cell = f"{peak:.1f}", f"{ch04:.0f}"
        path = end_to_end(rec)
        if path is not None:  # measured end to end: replaces the extrapolation and the small-batch memory
            st = path["stages"]
            peak, ch04 = max(peak, path["peak_mb"] / 1024), st["direction"]["cpu_s"] / 60
            # random weights: the screened candidates fail "induce", so their KL passes were skipped; a trained
            # model's may all need one (bench_real_path's worst case)
            worst = ch04 + (path["top_k"] - path["computed"]["kl"]) * st["clean"]["cpu_s"] / 60
            peak_cell = f"{peak:.1f} (batch 32)"
            ch04_cell = f"{ch04:.0f} (run end to end; worst case {worst:.0f})"
        verdict = "yes" if ch04 <= 20 else "slow (tens of minutes)" if ch04 <= 60 else "GPU recommended"
        if peak > 6:
            verdict += f"; needs {math.ceil(peak)} GB of memory"
        rows.append(
            f"| {rec['model']}{_label(rec)} | {rec['dtype']} | {peak_cell} | {ch04_cell} "
            f"| {d['chapter04_fast'] / 60:.0f} | {d['loop'] / 60:.0f} | {cell(d['chapter05'] / 60)} "
            f"| {cell(d['chapter06'] / 60)} | {verdict} |"
        )
    return "\n".join(rows)


def merge_remeasured(records: list[dict]) -> list[dict]:
    """A lite record of the same model and dtype as a full one re-measured its orthogonalization (after the chunked
    float64 projection, which lowered its memory): that stage replaces the full record's, whose peak memory is
    then the largest of its stages'. The lite record is dropped."""
    full = {(r["short"], r["dtype"]): r for r in records if not r["lite"]}
    out = []
    for rec in records:
        twin = full.get((rec["short"], rec["dtype"]))
        if rec["lite"] and twin is not None:
            twin["stages"]["orthogonalize"] = {**rec["stages"]["orthogonalize"], "remeasured": True}
            twin["peak_mb"] = max(stage["peak_mb"] for stage in twin["stages"].values())
            twin["remeasured"] = "orthogonalize"
        else:
            out.append(rec)
    return out


def gflop_per_token(name: str) -> float:
    """2 x (parameters), the multiply-adds per token of the body and the unembedding (tied: counted once), in
    GFLOP; attention over ~55 tokens adds little."""
    import torch
    from transformers import AutoModelForCausalLM

    real = REAL_CONFIGS[SHORT_NAMES.get(name, name)]
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(hf_config(real, bos=1, eos=2, pad=0))
    return 2 * sum(p.numel() for p in model.parameters()) / 1e9


SCALE_FROM = "qwen2.5-0.5b"


def scaled_records(records: list[dict]) -> list[dict]:
    """For every float32 model without a record: the Qwen2.5-0.5B float32 record with every stage's time scaled
    by the ratio of FLOPs per token and the peak memory by the ratio of parameters. NOT measured: marked
    ``scaled`` and labelled in the tables."""
    base = next(
        (r for r in records if r["short"] == SCALE_FROM and r["dtype"] == "float32" and not r["lite"]), None
    )
    have = {r["short"] for r in records if r["dtype"] == "float32"}
    if base is None:
        return []
    out = []
    for short, name in SHORT_NAMES.items():
        if short in have:
            continue
        real = REAL_CONFIGS[name]
        ratio = gflop_per_token(short) / gflop_per_token(SCALE_FROM)
        stages = {
            k: {**v, "cpu_s": v["cpu_s"] * ratio, "wall_s": v["wall_s"] * ratio}
            for k, v in base["stages"].items()
        }
        out.append(
            {
                **base,
                "model": name,
                "short": short,
                "n_params_b": real.n_params_b,
                "n_layers": real.config["num_hidden_layers"],
                "d_model": real.config["hidden_size"],
                "vocab": real.config["vocab_size"],
                "stages": stages,
                "peak_mb": base["peak_mb"] * real.n_params_b / base["n_params_b"],
                "scaled": ratio,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--models", default="all", help=f"comma-separated, from {list(SHORT_NAMES)}, or 'all'"
    )
    parser.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--n-train", type=int, default=16, help="training prompts per class")
    parser.add_argument("--n-val", type=int, default=8, help="validation prompts per class")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--gen", default="4x16", help="generation: PROMPTSxTOKENS")
    parser.add_argument(
        "--lite",
        default="",
        help="comma-separated models measured without the pipeline stages (extrapolated)",
    )
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated stages not to run (only 'orthogonalize': two copies of the weights)",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one model in this process
    parser.add_argument("--report", action="store_true", help="only rebuild the report from benchmarks/out/")
    parser.add_argument(
        "--write-results", action="store_true", help="write the report into benchmarks/RESULTS.md"
    )
    args = parser.parse_args()
    gen = tuple(int(x) for x in args.gen.split("x"))
    if args.one:
        import torch

        torch.set_num_threads(args.threads)
        lite = args.one in args.lite.split(",")
        skip = frozenset(filter(None, args.skip.split(",")))
        if not skip <= {"orthogonalize"}:
            parser.error(f"--skip: only 'orthogonalize' can be skipped, got {sorted(skip)}")
        rec = measure(args.one, args.dtype, args.n_train, args.n_val, args.batch_size, gen, lite, skip)
        OUT_DIR.mkdir(exist_ok=True)
        (OUT_DIR / f"{args.one}-{args.dtype}{'-lite' if lite else ''}.json").write_text(
            json.dumps(rec, indent=1)
        )
        return
    names = list(SHORT_NAMES) if args.models == "all" else args.models.split(",")
    if not args.report:
        for name in names:
            print(f"{name} ({args.dtype}):", file=sys.stderr, flush=True)
            cmd = [sys.executable, __file__, "--one", name, *sys.argv[1:]]
            cmd = [c for c in cmd if c not in ("--write-results",)]
            # PASSIVE: idle OpenMP threads sleep instead of spinning, so CPU time counts work, not waiting for a
            # descheduled sibling thread (on a shared machine spinning inflated CPU time several times)
            env = {
                **os.environ,
                "HF_HUB_OFFLINE": "1",
                "TOKENIZERS_PARALLELISM": "false",
                "OMP_WAIT_POLICY": "PASSIVE",
            }
            subprocess.run(cmd, check=True, env=env)
    order = {n: i for i, n in enumerate(SHORT_NAMES)}
    records = [
        json.loads(p.read_text())
        for p in sorted(OUT_DIR.glob("*float*.json"))
        if not p.name.startswith("path-")  # bench_real_path.py's records
    ]
    records = merge_remeasured(records)
    records += scaled_records(records)
    records.sort(key=lambda r: (order.get(r["short"], 99), r["dtype"]))
    text = report(
        records, f"nice -n {os.nice(0)} python benchmarks/bench_real_models.py " + " ".join(sys.argv[1:])
    )
    print(text)
    if args.write_results:
        write_section("real models on CPU (benchmarks/bench_real_models.py)", text)


if __name__ == "__main__":
    main()
