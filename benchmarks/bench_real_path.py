"""Benchmark: a CPU learner's whole real-model path, run end to end at the paper's counts (nothing extrapolated).

One process, one random model with a registry model's exact configuration (default Qwen2.5-0.5B-Instruct;
``benchmarks/real_models.py``), the course's default batch size (32), 2 torch threads:

    load           load_model(folder, dtype)
    direction      refusal_direction(model, method="screened", top_k=8, cache=False): the learner's one call
                   for chapters 04-08 on a CPU -- filter 128 + 128 training prompts, candidates at every layer
                   and post-instruction position, one screening pass, the top 8 scored with the exact fast
                   path on 32 + 32 validation prompts
    clean          one pass over the 32 harmless validation prompts: the cost of one KL pass, which the fast
                   path skips for a candidate that fails "induce" (all of them on random weights; see below)
    generate       one batch of the notebooks' generation: 16 harmful prompts x 16 new tokens, ablation hooks on
    orthogonalize  orthogonalize(model, r): chapter 06's edited copy of the weights

Wall and CPU seconds (process time of all threads) and the peak RSS after each stage; the load average is
sampled after each stage (the machine may be shared: compare CPU seconds). Random weights refuse nothing, so
every screened candidate fails "induce" and the fast path skips its KL pass; a trained model's candidates that
pass induce also get a KL pass: the report adds that worst case as (8 - KL passes run) x the clean pass,
labelled ESTIMATED.

    OMP_WAIT_POLICY=PASSIVE nice -n 19 python benchmarks/bench_real_path.py [--model qwen2.5-0.5b] [--write-results]

``--batch-peaks 8,16,32`` measures instead what one batch adds to memory: after loading, ``last_position_logits``
over 32 harmless prompts at each batch size, smallest first (the peak RSS only grows, so each batch size's peak is
read after its pass). ``forward_last_logits`` unembeds only the last position (``logits_to_keep=1``); before
2026-12-02 12:40 UTC it unembedded every position, so a batch held [batch, tokens, vocab] logits, and each batch's
last row was a view that kept them alive until the batches were concatenated.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT_DIR = ROOT / "benchmarks" / "out"
SECTION = "The whole real-model path on CPU, end to end (benchmarks/bench_real_path.py)"

from benchmarks.bench_real_models import Stages, _peak_mb  # noqa: E402
from benchmarks.real_models import REAL_CONFIGS, SHORT_NAMES, build_random_model  # noqa: E402
from benchmarks.results import write_section  # noqa: E402


def measure(name: str, dtype_name: str, top_k: int, gen: tuple[int, int]) -> dict:
    import torch

    from course_utils import directions
    from course_utils.data import load_instructions
    from course_utils.generation import generate
    from course_utils.interventions import ablation_hooks, orthogonalize
    from course_utils.metrics import last_position_logits
    from course_utils.models import load_model

    real = REAL_CONFIGS[SHORT_NAMES.get(name, name)]
    stages = Stages()
    load_avg = {"start": os.getloadavg()}

    def run(stage: str, fn, **extra):
        out = stages.run(stage, fn, **extra)
        load_avg[stage] = os.getloadavg()
        return out

    tmp = tempfile.TemporaryDirectory(prefix="bench-path-")  # kept to the end: the bridge reads it lazily
    folder = run("build", lambda: build_random_model(real.name, Path(tmp.name) / "model"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = run("load", lambda: load_model(folder, device="cpu", dtype=getattr(torch, dtype_name)))
        selection = run(
            "direction",
            lambda: directions.refusal_direction(
                model, method="screened", top_k=top_k, cache=False, progress=True
            ),
        )
    table = selection.table
    computed = {k: sum(not math.isnan(getattr(row, k)) for row in table) for k in ("induce", "kl", "bypass")}
    discarded: dict[str, int] = {}
    for row in table:
        discarded[str(row.discarded)] = discarded.get(str(row.discarded), 0) + 1
    harmless_val = load_instructions("harmless", "val")[:32]
    run("clean", lambda: last_position_logits(model, harmless_val, progress=False), prompts=32)
    n_prompts, n_new = gen
    hooks = ablation_hooks(model, selection.direction)
    run(
        "generate",
        lambda: generate(
            model, load_instructions("harmful", "val")[:n_prompts], max_new_tokens=n_new, fwd_hooks=hooks
        ),
        prompts=n_prompts,
        max_new_tokens=n_new,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        edited = run("orthogonalize", lambda: orthogonalize(model, selection.direction))
    del edited
    tmp.cleanup()
    return dict(
        model=real.name,
        short=name,
        dtype=dtype_name,
        threads=torch.get_num_threads(),
        top_k=top_k,
        n_layers=model.n_layers,
        n_positions=len(model.post_instruction_positions),
        chosen=[selection.position, selection.layer],
        passed_filters=selection.passed_filters,
        computed=computed,
        discarded=discarded,
        stages=stages.rows,
        load_avg=load_avg,
        peak_mb=_peak_mb(),
        date=f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
    )


def measure_batch_peaks(name: str, dtype_name: str, batch_sizes: list[int]) -> dict:
    """Peak RSS after a 32-prompt ``last_position_logits`` pass at each batch size (ascending), after loading."""
    import torch

    from course_utils.data import load_instructions
    from course_utils.metrics import last_position_logits
    from course_utils.models import load_model

    real = REAL_CONFIGS[SHORT_NAMES.get(name, name)]
    stages = Stages()
    tmp = tempfile.TemporaryDirectory(prefix="bench-path-")
    folder = stages.run("build", lambda: build_random_model(real.name, Path(tmp.name) / "model"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = stages.run("load", lambda: load_model(folder, device="cpu", dtype=getattr(torch, dtype_name)))
    prompts = load_instructions("harmless", "val")[:32]
    for b in sorted(batch_sizes):
        stages.run(
            f"batch {b}",
            lambda b=b: last_position_logits(model, prompts, batch_size=b, progress=False),
            batch_size=b,
        )
    tmp.cleanup()
    return dict(
        model=real.name,
        short=name,
        dtype=dtype_name,
        stages=stages.rows,
        load_avg=os.getloadavg(),
        date=f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
    )


def batch_report(rec: dict) -> list[str]:
    st = rec["stages"]
    after_load = st["load"]["rss_mb"]
    lines = [
        f"### Memory of one batch: {rec['model']} ({rec['dtype']}), {rec['date']}",
        "",
        f"Command: `OMP_WAIT_POLICY=PASSIVE nice -n 19 python benchmarks/bench_real_path.py --model {rec['short']}"
        f" --dtype {rec['dtype']} --batch-peaks {','.join(str(v['batch_size']) for v in st.values() if 'batch_size' in v)}"
        " --write-results`; 32 harmless prompts through `last_position_logits`, load average"
        f" {rec['load_avg'][0]:.1f} at the end.",
        "",
        "| batch size | CPU s | wall s | peak RSS so far (load included), GB | that peak - RSS after loading, GB |",
        "|---:|---:|---:|---:|---:|",
    ]
    for v in st.values():
        if "batch_size" in v:
            lines.append(
                f"| {v['batch_size']} | {v['cpu_s']:.1f} | {v['wall_s']:.1f} | {v['peak_mb'] / 1024:.2f} "
                f"| {(v['peak_mb'] - after_load) / 1024:.2f} |"
            )
    return [*lines, "", f"RSS after loading: {after_load / 1024:.2f} GB.", ""]


def report(records: list[dict], command: str) -> str:
    lines = [
        f"- machine: {platform.machine()}, {platform.system()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; 2 torch threads, OMP_WAIT_POLICY=PASSIVE, `nice -n 19`",
        f"- report written by: `{command}`",
        '- measured, not extrapolated: `refusal_direction(model, method="screened", top_k=8, cache=False)` at the'
        " paper's counts (128 + 128 training, 32 + 32 validation prompts) and the default batch size 32",
        "",
    ]
    for rec in records:
        if "direction" not in rec["stages"]:
            lines += batch_report(rec)
            continue
        st = rec["stages"]
        loads = [v[0] for v in rec["load_avg"].values()]
        clean = st["clean"]
        missing_kl = rec["top_k"] - rec["computed"]["kl"]
        lines += [
            f"### {rec['model']} ({rec['dtype']}), {rec['date']}",
            "",
            f"Command: `OMP_WAIT_POLICY=PASSIVE nice -n 19 python benchmarks/bench_real_path.py --model {rec['short']}"
            f" --dtype {rec['dtype']} --top-k {rec['top_k']} --write-results`",
            "",
            f"Load average (1 min) sampled after each stage: {min(loads):.1f} to {max(loads):.1f}"
            + (
                " (machine shared: wall time inflated, compare CPU seconds; on 2 idle cores wall is about CPU / 2)"
                if max(loads) > 1.5
                else ""
            )
            + ".",
            "",
            "| stage | CPU s | wall s | CPU min | peak RSS GB (process, so far) |",
            "|---|---:|---:|---:|---:|",
        ]
        for stage, r in st.items():
            lines.append(
                f"| {stage} | {r['cpu_s']:.1f} | {r['wall_s']:.1f} | {r['cpu_s'] / 60:.1f} | {r['peak_mb'] / 1024:.2f} |"
            )
        worst = st["direction"]["cpu_s"] + missing_kl * clean["cpu_s"]
        lines += [
            "",
            f"- chosen: position {rec['chosen'][0]}, layer {rec['chosen'][1]}"
            f"{'' if rec['passed_filters'] else ' (fallback: no candidate passed the filters, as expected of random weights)'};"
            f" scores computed: induce {rec['computed']['induce']}, KL {rec['computed']['kl']}, bypass"
            f" {rec['computed']['bypass']}; table: {rec['discarded']}",
            f"- the direction: {st['direction']['cpu_s'] / 60:.1f} CPU min, {st['direction']['wall_s'] / 60:.1f} wall min"
            f" (2 cores: about {st['direction']['cpu_s'] / 120:.1f} min on an idle machine, if both threads stay busy)",
            f"- worst case on a trained model (every screened candidate also gets its KL pass): + {missing_kl} x"
            f" {clean['cpu_s']:.1f} CPU s = {worst / 60:.1f} CPU min (ESTIMATED from the measured clean pass)",
            f"- peak RSS of the whole path (build, load, direction, generation, orthogonalization):"
            f" {rec['peak_mb'] / 1024:.2f} GB",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="qwen2.5-0.5b", help=f"one of {list(SHORT_NAMES)}")
    parser.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--top-k", type=int, default=8)
    parser.add_argument("--gen", default="16x16", help="generation: PROMPTSxTOKENS")
    parser.add_argument(
        "--batch-peaks", default="", help="comma-separated batch sizes: measure one batch's memory instead"
    )
    parser.add_argument("--report", action="store_true", help="only rebuild the report from benchmarks/out/")
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    if not args.report:
        import torch

        torch.set_num_threads(args.threads)
        OUT_DIR.mkdir(exist_ok=True)
        if args.batch_peaks:
            sizes = [int(b) for b in args.batch_peaks.split(",")]
            rec = measure_batch_peaks(args.model, args.dtype, sizes)
            (OUT_DIR / f"path-{args.model}-{args.dtype}-batch.json").write_text(json.dumps(rec, indent=1))
        else:
            rec = measure(args.model, args.dtype, args.top_k, tuple(int(x) for x in args.gen.split("x")))
            (OUT_DIR / f"path-{args.model}-{args.dtype}.json").write_text(json.dumps(rec, indent=1))
    records = [json.loads(p.read_text()) for p in sorted(OUT_DIR.glob("path-*.json"))]
    text = report(
        records,
        "OMP_WAIT_POLICY=PASSIVE nice -n 19 python benchmarks/bench_real_path.py " + " ".join(sys.argv[1:]),
    )
    print(text)
    if args.write_results:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
