"""Benchmark: mean residual-stream activations over 512 chat prompts, all layers, 5 positions, three ways.

    (a) course_utils.activations.mean_activations (position-sliced hooks, early stop)
    (b) TransformerLens run_with_cache with no names filter, per batch (then the same slicing and sum)
    (c) the raw HF model with output_hidden_states=True (eager attention, as the bridge uses; and sdpa)

Each method runs in its own subprocess, so its peak memory (`ru_maxrss`) is its own. The activation memory is
peak RSS minus the RSS right after loading the model. Timing: the best pass over all prompts, with the methods'
processes interleaved over `--rounds` rounds (the CPU is shared, so load changes over minutes).

    python benchmarks/bench_activations.py [--prompts 512] [--batch-size 32] [--rounds 3] [--threads 1] [--write-results]

Model: the organism (data/models/refusal-organism) if it exists, else a random model with SmolLM2-135M-Instruct's
configuration built with benchmarks/real_models.py. Every method's mean is checked against (a) (max abs difference printed).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
ORGANISM = ROOT / "data" / "models" / "refusal-organism"
METHODS = ("course", "run_with_cache", "hf_eager", "hf_sdpa")
ACTIVATIONS_SECTION = "Mean residual activations (benchmarks/bench_activations.py)"

_TOPICS = [
    "bread",
    "the sea",
    "a small cat",
    "Paris",
    "the moon",
    "a bicycle",
    "tea",
    "chess",
    "rain",
    "music",
]
_TEMPLATES = [
    "How do I make {t}?",
    "Write a short poem about {t}.",
    "Explain {t} to a child in three sentences.",
    "Give me three facts about {t}, and say why each one matters.",
    "What is the history of {t}?",
    "Summarize what people usually think about {t} in one line.",
    "Tell me a long story about {t}, with a beginning, a middle, an end, and a surprising twist at the end.",
    "List five questions about {t}.",
]


def prompts(n: int) -> list[str]:
    """n deterministic, varied English instructions (lengths differ, so batches are padded)."""
    base = [tpl.format(t=t) for tpl in _TEMPLATES for t in _TOPICS]
    return [base[i % len(base)] + ("" if i < len(base) else f" (version {i // len(base)})") for i in range(n)]


def _rss_bytes() -> int:
    """Current resident set size from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes


# ------------------------------------------------------------------------------------------------------------------
# The three methods; each returns the float64 mean [n_layers, n_positions, d_model]
# ------------------------------------------------------------------------------------------------------------------


def _batches(texts: list[str], batch_size: int) -> list[list[str]]:
    return [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]


def mean_course(model, texts: list[str], positions: list[int], batch_size: int) -> torch.Tensor:
    from course_utils.activations import mean_activations

    return mean_activations(model, texts, positions=positions, batch_size=batch_size, progress=False)


def mean_run_with_cache(model, texts: list[str], positions: list[int], batch_size: int) -> torch.Tensor:
    total = torch.zeros(model.n_layers, len(positions), model.d_model, dtype=torch.float64)
    for batch in _batches(texts, batch_size):
        enc = model.tokenize(batch)
        with torch.inference_mode():
            _, cache = model.bridge.run_with_cache(enc.input_ids, attention_mask=enc.attention_mask)
        stacked = torch.stack(
            [cache[f"blocks.{layer}.hook_resid_pre"][:, positions] for layer in range(model.n_layers)]
        )
        total += stacked.to(torch.float64).sum(dim=1)
        del cache
    return total / len(texts)


def mean_hf(hf_model, model, texts: list[str], positions: list[int], batch_size: int) -> torch.Tensor:
    total = torch.zeros(model.n_layers, len(positions), model.d_model, dtype=torch.float64)
    for batch in _batches(texts, batch_size):
        enc = model.tokenize(batch, max_length=hf_model.config.max_position_embeddings)  # no bridge to ask
        with torch.inference_mode():
            hidden = hf_model(**enc, output_hidden_states=True).hidden_states
        stacked = torch.stack([hidden[layer][:, positions] for layer in range(model.n_layers)])
        total += stacked.to(torch.float64).sum(dim=1)
    return total / len(texts)


def run_method(method: str, model_dir: str, n_prompts: int, batch_size: int, repeats: int, out: str) -> None:
    """Child process: load, run `repeats` passes, write timings, memory and the mean to `out`."""
    import warnings

    from transformers import AutoModelForCausalLM

    from course_utils.models import load_model, quiet_loading

    warnings.simplefilter("ignore")
    model = load_model(model_dir, device="cpu")
    positions = list(range(-5, 0))
    texts = prompts(n_prompts)
    if method.startswith("hf_"):
        attn = method.removeprefix("hf_")
        with quiet_loading():
            hf_model = AutoModelForCausalLM.from_pretrained(model_dir, attn_implementation=attn).eval()
        model.bridge = None  # drop the bridge: only the raw HF model is measured
        import gc

        gc.collect()
        fn = lambda: mean_hf(hf_model, model, texts, positions, batch_size)
    else:
        fn = {"course": mean_course, "run_with_cache": mean_run_with_cache}[method]
        fn = (lambda f: lambda: f(model, texts, positions, batch_size))(fn)
    rss_loaded = _rss_bytes()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        mean = fn()
        times.append(time.perf_counter() - start)
    torch.save(mean, out + ".pt")
    result = {"method": method, "times": times, "rss_loaded": rss_loaded, "peak_rss": _peak_rss_bytes()}
    Path(out).write_text(json.dumps(result))


# ------------------------------------------------------------------------------------------------------------------
# Driver
# ------------------------------------------------------------------------------------------------------------------


def model_dir(tmp: Path) -> tuple[str, str]:
    """(folder, description): the organism if shipped, else a random SmolLM2-135M built locally."""
    if (ORGANISM / "config.json").is_file():
        return str(ORGANISM), "the model organism (data/models/refusal-organism)"
    from real_models import build_random_model  # benchmarks/ is on sys.path when run as a script

    folder = build_random_model("smollm2-135m", tmp / "smollm2-135m-random")
    return str(folder), "random weights, SmolLM2-135M-Instruct's configuration (benchmarks/real_models.py)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=512)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=1, help="passes per process")
    parser.add_argument("--rounds", type=int, default=3, help="processes per method, interleaved")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    parser.add_argument("--write-results", action="store_true", help="write benchmarks/RESULTS.md")
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--model-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.child:
        run_method(args.child[0], args.model_dir, args.prompts, args.batch_size, args.repeats, args.child[1])
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder, description = model_dir(Path(tmp))
        results: dict[str, dict] = {}
        for round_ in range(args.rounds):  # round-robin, so that load from other processes hits every method
            for method in args.methods:
                out = str(Path(tmp) / f"{method}-{round_}")
                cmd = [sys.executable, __file__, "--child", method, out, "--model-dir", folder]
                cmd += ["--prompts", str(args.prompts), "--batch-size", str(args.batch_size)]
                cmd += ["--repeats", str(args.repeats), "--threads", str(args.threads)]
                print(f"round {round_ + 1}/{args.rounds}: {method} ...", flush=True)
                subprocess.run(cmd, check=True, cwd=ROOT)
                merge(results, json.loads(Path(out).read_text()), torch.load(out + ".pt"))
    report = format_report(results, description, args)
    print(report)
    if args.write_results:  # its own section of RESULTS.md; the other benchmarks' sections are kept
        from results import write_section

        body = "\n".join(("#" + line if line.startswith("#") else line) for line in report.splitlines()[1:])
        write_section(ACTIVATIONS_SECTION, body)


def merge(results: dict, child: dict, mean: torch.Tensor) -> None:
    """Add one child process's figures: all times, the largest peak and activation memory."""
    r = results.setdefault(child["method"], {"times": [], "peak_rss": 0, "act_bytes": 0, "mean": mean})
    r["times"] += child["times"]
    r["peak_rss"] = max(r["peak_rss"], child["peak_rss"])
    r["act_bytes"] = max(r["act_bytes"], child["peak_rss"] - child["rss_loaded"])


def format_report(results: dict, description: str, args: argparse.Namespace) -> str:
    """Markdown: machine, settings, a table of time and memory per method, and the targets."""
    ref = results.get("course")
    rows = []
    for method, r in results.items():
        best = min(r["times"])
        act_mb = r["act_bytes"] / 2**20
        diff = (r["mean"] - ref["mean"]).abs().max().item() if ref else float("nan")
        rows.append(
            f"| {method} | {best:.2f} | {', '.join(f'{t:.2f}' for t in r['times'])} | "
            f"{r['peak_rss'] / 2**20:.0f} | {act_mb:.0f} | {diff:.1e} |"
        )
    lines = [
        "# Benchmark: mean residual activations (benchmarks/bench_activations.py)",
        "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {platform.processor() or platform.machine()}, "
        f"{platform.system()}, Python {platform.python_version()}, torch {torch.__version__}",
        f"- model: {description}",
        f"- {args.prompts} prompts, batch size {args.batch_size}, all layers (resid_pre), 5 positions (-5..-1), "
        f"float64 accumulation, {args.threads} torch thread(s), best of {args.rounds} x {args.repeats} "
        "(methods interleaved, one process per method and round)",
        "- memory: peak RSS of the method's own process; 'activation MB' = peak RSS - RSS after loading "
        "(largest over rounds)",
        "",
        "| method | best s | all runs s | peak RSS MB | activation MB | max abs diff vs course |",
        "|---|---:|---|---:|---:|---:|",
        *rows,
        "",
    ]
    lines += targets(results)
    return "\n".join(lines) + "\n"


def targets(results: dict) -> list[str]:
    """The two targets: (a) time within 1.2x of raw HF; (a) >= 3x less activation memory than (b)."""
    out = ["## Targets", ""]
    if "course" not in results:
        return out
    course = results["course"]
    t_course = min(course["times"])
    mem = lambda r: max(r["act_bytes"], 1)
    for hf in ("hf_eager", "hf_sdpa"):
        if hf in results:
            ratio = t_course / min(results[hf]["times"])
            verdict = "met" if ratio <= 1.2 else "NOT met"
            out.append(f"- time, course / {hf}: {ratio:.2f}x (target <= 1.2x): {verdict}")
    if "run_with_cache" in results:
        ratio = mem(results["run_with_cache"]) / mem(course)
        verdict = "met" if ratio >= 3 else "NOT met"
        out.append(f"- activation memory, run_with_cache / course: {ratio:.1f}x (target >= 3x): {verdict}")
        t_ratio = min(results["run_with_cache"]["times"]) / t_course
        out.append(f"- time, run_with_cache / course: {t_ratio:.2f}x")
    return out


if __name__ == "__main__":
    main()
