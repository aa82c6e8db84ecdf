"""Benchmark: the exact fast selection against the straightforward loop, side by side in one run.

Methods of ``select_direction`` on the same candidates and validation prompts, one after the other in one
process (CPU seconds are the figure to compare on a shared machine):

    loop            score_candidate for every candidate (4 passes each), then filter_candidates (the reference)
    batched         score_candidates (candidate x prompt rows batched), then filter_candidates
    fast            the exact fast selection with the paper's thresholds (and fallback, as refusal_direction)
    fast, all pass  the exact fast selection with the filters opened (every candidate fully scored: its
                    worst case, no early discard)
    screened        the screened approximation (top k by screen_scores, then fast scoring)

Every fast table is checked against the loop's: same choice, and every score it computed equal (max abs
difference printed). Models: the organism at the paper's counts, and a random model with
Qwen2.5-0.5B-Instruct's exact configuration (benchmarks/real_models.py) at few prompts and positions
(the loop alone would take hours of CPU at the paper's counts on a shared 2-core machine: one position, every
third layer, one validation prompt per class; counts are written in the report).

    nice -n 10 python benchmarks/bench_selection.py [--models organism,qwen2.5-0.5b] [--write-results]

A model may also be the folder of another trained organism (another seed or checkpoint), measured like the
shipped one; for every organism the report says where the screen ranks the exact choice and whether the top k
contains it. Train one first, e.g. a 4-layer miniature with another seed (TrainConfig.mini() with ``seed``,
``n_layers=4``, ``mediation_layer=2`` written to a JSON file):

    python -m course_utils.organism train --out /tmp/seed1 --config seed1.json
    nice -n 10 python benchmarks/bench_selection.py --models /tmp/seed1,/tmp/seed2 --write-results
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_models import build_random_model  # noqa: E402
from benchmarks.results import write_section  # noqa: E402

SECTION = "Exact fast selection vs the straightforward loop (benchmarks/bench_selection.py)"
OUT = ROOT / "benchmarks" / "out" / "selection.json"


def _workload(name: str, tmp: str) -> tuple:
    """(model, candidates, harmful_val, harmless_val, batch_size, counts) for one benchmark model."""
    from course_utils import directions
    from course_utils.data import load_instructions
    from course_utils.models import load_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if _is_organism(name):
            model = load_model(None if name == "organism" else name, device="cpu")
            n_train, n_val, batch, positions = 128, 32, 32, None
        else:
            model = load_model(build_random_model(name, Path(tmp) / "model"), device="cpu")
            n_train, n_val, batch, positions = 4, 1, 1, [-1]
    harmful = load_instructions("harmful", "train")[:n_train]
    harmless = load_instructions("harmless", "train")[:n_train]
    kept = directions.filter_prompts_by_refusal(model, harmful, harmless, batch_size=batch, progress=False)
    if min(map(len, kept)) >= 8:
        harmful, harmless = kept
    candidates = directions.candidate_directions(model, harmful, harmless, batch_size=batch, progress=False)
    layers = list(range(model.n_layers))
    if positions is not None:  # a subset: the other candidates are zeroed, so no method scores them
        layers = layers[1::3]  # every third layer, from 1: spread over the depth, some too deep
        mask = torch.zeros(candidates.shape[:2], dtype=torch.bool)
        for p in positions:
            mask[model.post_instruction_positions.index(p), layers] = True
        candidates[~mask] = 0
    counts = dict(
        train=f"{len(harmful)} + {len(harmless)}",
        val=f"{n_val} + {n_val}",
        batch_size=batch,
        positions=positions or model.post_instruction_positions,
        layers=model.n_layers,
        candidate_layers=layers,
        nonzero_candidates=int((candidates.norm(dim=-1) > 0).sum()),
    )
    val = load_instructions("harmful", "val")[:n_val], load_instructions("harmless", "val")[:n_val]
    return model, candidates, *val, batch, counts


def _is_organism(name: str) -> bool:
    """The shipped organism, or the folder of another trained one (measured at the paper's counts)."""
    from course_utils.organism import TRAINING_RECORD_FILE

    return name == "organism" or (Path(name) / TRAINING_RECORD_FILE).is_file()


def _screen_rank(model, candidates, harmful_val, harmless_val, batch: int, chosen: tuple[int, int]) -> dict:
    """Where ``screen_scores`` ranks the ``chosen`` (pos_index, layer) among the candidates the free filters
    keep (1 = first), and how many those are."""
    from course_utils.candidate_scores import screen_scores, top_screened

    scores = screen_scores(model, candidates, harmful_val, harmless_val, batch_size=batch, progress=False)
    ranking = top_screened(scores, scores.numel(), 0.8)
    rank = ranking.index(chosen) + 1 if chosen in ranking else None
    return dict(screen_rank=rank, eligible=len(ranking))


def _max_diff(fast, loop) -> float:
    """Largest |fast - loop| over the scores the fast path computed (inf if the choice differs)."""
    if (fast.pos_index, fast.layer) != (loop.pos_index, loop.layer):
        return math.inf
    diffs = [
        abs(getattr(f, k) - getattr(r, k))
        for f, r in zip(fast.table, loop.table, strict=True)
        for k in ("bypass", "induce", "kl")
        if not math.isnan(getattr(f, k))
    ]
    return max(diffs, default=0.0)


def run(name: str, top_k: int) -> dict:
    from course_utils.directions import _selection, filter_candidates, select_direction

    with tempfile.TemporaryDirectory() as tmp:
        model, candidates, harmful_val, harmless_val, batch, counts = _workload(name, tmp)
        loose = dict(kl_threshold=math.inf, induce_threshold=-math.inf)
        variants = {
            "loop": dict(method="loop"),
            "fast": dict(method="fast"),
            "fast, all pass": dict(method="fast", **loose),
            f"screened (top {top_k})": dict(method="screened", top_k=top_k),
        }
        if _is_organism(name):  # the course's current default (every candidate fully scored, for the plots)
            variants = {"loop": variants.pop("loop"), "batched": dict(method="batched"), **variants}
        else:  # time: the screened path is costed by bench_real_models
            variants.pop(f"screened (top {top_k})")
        results, selections = {}, {}
        for label, kw in variants.items():
            print(f"{name}: {label} ...", file=sys.stderr, flush=True)
            wall, cpu = time.perf_counter(), time.process_time()
            sel = select_direction(
                model,
                candidates,
                harmful_val,
                harmless_val,
                batch_size=batch,
                progress=False,
                fallback=True,
                **kw,
            )
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            selections[label] = sel
            results[label] = dict(
                wall_s=wall,
                cpu_s=cpu,
                chosen=[sel.position, sel.layer],
                passed_filters=sel.passed_filters,
                scored=sum(not math.isnan(r.bypass) or not math.isnan(r.induce) for r in sel.table),
            )
            print(f"  {wall:.1f} s wall, {cpu:.1f} s CPU, chosen {sel.position}/{sel.layer}", file=sys.stderr)
        results["fast"]["max_abs_diff_vs_loop"] = _max_diff(selections["fast"], selections["loop"])
        # the loop's scores do not depend on the thresholds: its all-pass choice is a re-filtering of its table
        loop_all_pass = _selection(
            candidates, filter_candidates(selections["loop"].table, model.n_layers, **loose), True
        )
        results["fast, all pass"]["max_abs_diff_vs_loop"] = _max_diff(
            selections["fast, all pass"], loop_all_pass
        )
        screened = selections.get(f"screened (top {top_k})")
        if screened is not None:
            same = (screened.pos_index, screened.layer) == (
                selections["fast"].pos_index,
                selections["fast"].layer,
            )
            results[f"screened (top {top_k})"]["same_choice_as_exact"] = same
        screen = {}
        if screened is not None:  # organisms: where the screen ranks the exact choice
            exact = selections["fast"]
            screen = _screen_rank(
                model, candidates, harmful_val, harmless_val, batch, (exact.pos_index, exact.layer)
            )
            screen.update(exact_passed_filters=exact.passed_filters, top_k=top_k)
            kls = [
                row.kl for row in selections["loop"].table if row.discarded not in ("NaN score", "too deep")
            ]
            screen["kl_range"] = [min(kls), max(kls)]  # the loop scores every eligible candidate
    return dict(
        model=name,
        counts=counts,
        threads=torch.get_num_threads(),
        results=results,
        screen=screen,
        trained=_training_config(name),
    )


def _training_config(name: str) -> dict:
    """Seed, size, mediation layer and total steps of a trained organism (from its training record), else {}."""
    from course_utils.organism import TRAINING_RECORD_FILE

    folder = ROOT / "data" / "models" / "refusal-organism" if name == "organism" else Path(name)
    record = folder / TRAINING_RECORD_FILE
    if not _is_organism(name) or not record.is_file():
        return {}
    config = json.loads(record.read_text())["config"]
    keys = ("seed", "n_layers", "d_model", "mediation_layer")
    return {k: config.get(k) for k in keys} | {
        "steps": sum(config[stage]["steps"] for stage in ("pretrain", "instruct", "safety"))
    }


def report(records: list[dict], command: str) -> str:
    lines = [
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other jobs (CPU seconds are the figure to compare), torch "
        f"{torch.__version__}",
        f"- command (this report): `{command}`; each model's own run: its date, command and load below",
        "- every method in one process, one after the other, on the same candidates and prompts;"
        " `max |diff|` = largest difference of a score the fast path computed from the loop's (with the same"
        " thresholds; the all-pass rows against the loop with all filters opened)",
        "",
    ]
    for rec in records:
        c = rec["counts"]
        lines += [
            f"### {rec['model']}",
            "",
            f"{c['layers']} layers; candidates at positions {c['positions']} and layers {c.get('candidate_layers', 'all')}"
            f" ({c['nonzero_candidates']} non-zero, the others zeroed); "
            f"candidates from {c['train']} training prompts; validation {c['val']} prompts, batch {c['batch_size']};"
            f" {rec['threads']} threads."
            + (
                f" Run {rec['date']}, load average {rec['load_avg']:.1f} at its end: `{rec['command']}`"
                if "date" in rec
                else ""
            ),
            "",
            "| method | CPU s | wall s | loop CPU / this | chosen (position, layer) | candidates scored | max abs diff vs loop |",
            "|---|---:|---:|---:|---|---:|---:|",
        ]
        res = rec["results"]
        for label, r in res.items():
            ref = res["loop"]  # its time does not depend on the thresholds
            diff = r.get("max_abs_diff_vs_loop")
            note = "" if diff is None else f"{diff:.1e}"
            if "same_choice_as_exact" in r:
                note = "same choice as exact" if r["same_choice_as_exact"] else "DIFFERENT choice from exact"
            lines.append(
                f"| {label} | {r['cpu_s']:.1f} | {r['wall_s']:.1f} | {ref['cpu_s'] / r['cpu_s']:.1f}x "
                f"| {tuple(r['chosen'])}{'' if r['passed_filters'] else ' (fallback)'} | {r['scored']} | {note} |"
            )
        lines.append("")
    organisms = [rec for rec in records if "screen_rank" in rec.get("screen", {})]
    if organisms:
        lines += [
            "### Does the screen's top k contain the exact choice?",
            "",
            "Rank of the exact selection's choice (`method=\"fast\"`, the paper's thresholds) in `screen_scores`"
            " among the candidates the free filters keep (not zero, below 0.8 L); 'fallback': no candidate passed"
            " the paper's filters, so the exact choice is the fallback's (lowest bypass); KL: smallest and largest over the"
            " eligible candidates (the paper's filter keeps KL <= 0.1).",
            "",
            "| organism | seed | layers x d_model | training steps | exact choice (position, layer) "
            "| screen rank / eligible | top k contains it | screened choice | KL of the eligible candidates |",
            "|---|---:|---|---:|---|---:|---|---|---|",
        ]
        for rec in organisms:
            sc, res = rec["screen"], rec["results"]
            screened = res.get(f"screened (top {sc['top_k']})")
            hit = sc["screen_rank"] is not None and sc["screen_rank"] <= sc["top_k"]
            tr = rec.get("trained", {})
            lines.append(
                f"| {rec['model']} | {tr.get('seed', '?')} | {tr.get('n_layers', '?')} x {tr.get('d_model', '?')} "
                f"| {tr.get('steps', '?')} | {tuple(res['fast']['chosen'])}"
                f"{'' if sc['exact_passed_filters'] else ' (fallback)'} | {sc['screen_rank']} / {sc['eligible']} "
                f"| {'yes' if hit else 'NO'} (k = {sc['top_k']}) "
                f"| {tuple(screened['chosen']) if screened else '-'} "
                f"| {'-' if 'kl_range' not in sc else '{:.2f} to {:.2f}'.format(*sc['kl_range'])} |"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--models", default="organism,qwen2.5-0.5b")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--top-k", type=int, default=8)
    parser.add_argument("--write-results", action="store_true")
    parser.add_argument(
        "--report", action="store_true", help="only rebuild the report from benchmarks/out/selection.json"
    )
    # run with OMP_WAIT_POLICY=PASSIVE on a shared machine: spinning OpenMP threads inflate CPU time
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    done = {rec["model"]: rec for rec in json.loads(OUT.read_text())} if OUT.is_file() else {}
    for name in (
        [] if args.report else args.models.split(",")
    ):  # one model at a time; earlier models' records are kept
        done[name] = {
            **run(name, args.top_k),
            "date": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
            "load_avg": os.getloadavg()[0],
            "command": f"nice -n {os.nice(0)} python benchmarks/bench_selection.py {' '.join(sys.argv[1:])}",
        }
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(list(done.values()), indent=1))
    records = list(done.values())
    text = report(
        records, f"nice -n {os.nice(0)} python benchmarks/bench_selection.py " + " ".join(sys.argv[1:])
    )
    print(text)
    if args.write_results:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
