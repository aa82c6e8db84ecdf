"""The benchmark scripts still run: each method of bench_activations on a tiny model, same mean as the course."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import torch

from tests.shipped import SHIPPED, needs_organism

ROOT = Path(__file__).resolve().parent.parent


def _load_bench(name: str = "bench_activations"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("method", ["run_with_cache", "hf_eager", "hf_sdpa"])
def test_bench_activations_methods_agree_with_the_course(method, tiny_model_dir, tmp_path) -> None:
    bench = _load_bench()
    folder = str(tiny_model_dir("llama"))
    means = {}
    for name in ("course", method):
        out = str(tmp_path / name)
        bench.run_method(name, folder, n_prompts=6, batch_size=4, repeats=1, out=out)
        result = json.loads(Path(out).read_text())
        assert result["method"] == name and len(result["times"]) == 1 and result["peak_rss"] > 0
        means[name] = torch.load(out + ".pt")
    assert means["course"].shape[1] == 5  # positions -5..-1
    torch.testing.assert_close(means[method], means["course"], atol=1e-5, rtol=0)


@pytest.mark.parametrize(
    "name", ["Qwen/Qwen2.5-0.5B-Instruct", "google/gemma-2-2b-it", "meta-llama/Llama-3.2-1B-Instruct"]
)
def test_real_configs_have_the_published_sizes(name) -> None:
    """The written-down configurations give the published parameter counts (built on the meta device: no memory)."""
    from transformers import AutoModelForCausalLM

    from benchmarks import real_models

    real = real_models.REAL_CONFIGS[name]
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(real_models.hf_config(real, bos=1, eos=2, pad=0))
    n_params = sum(p.numel() for p in model.parameters()) / 1e9
    assert abs(n_params - real.n_params_b) < 0.005 * real.n_params_b
    assert model.config.tie_word_embeddings
    assert set(real_models.SHORT_NAMES.values()) == set(real_models.REAL_CONFIGS)


def test_write_section_replaces_only_its_own_section(tmp_path) -> None:
    from benchmarks import results

    path = tmp_path / "RESULTS.md"
    results.write_section("A", "first A\n\n### sub\n\ntext", path)
    results.write_section("B", "first B", path)
    results.write_section("A", "second A", path)
    text = path.read_text()
    assert "second A" in text and "first A" not in text and "### sub" not in text and "first B" in text
    assert text.index("## A") < text.index("## B")  # replaced in place


def test_readme_what_runs_where_table_is_the_measured_one() -> None:
    """Every row of the README's table is a row of the benchmark's report in RESULTS.md (no hand-typed figures)."""
    readme = (ROOT / "README.md").read_text()
    start, end = readme.index("<!-- what-runs-where"), readme.index("<!-- end what-runs-where -->")
    rows = [line for line in readme[start:end].splitlines() if line.startswith("|")]
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text().splitlines()
    assert len(rows) >= 4
    assert all(row in results for row in rows), [row for row in rows if row not in results]
    # the summary under the table reads the Qwen2.5-0.5B float32 row in wall minutes on 2 cores
    qwen = next(row for row in rows if row.startswith("| Qwen/Qwen2.5-0.5B-Instruct | float32"))
    exact, figures = (float(cell) for cell in [c.strip() for c in qwen.split("|")][5:7])
    summary = " ".join(readme[readme.index("<!-- end what-runs-where -->") :].split())
    assert "takes about 8 minutes on 2 cores" in summary and "**8.0 minutes wall**" in summary
    assert f"up to about {5 * round(exact / 2 / 5)} minutes with the exact method" in summary, exact
    assert figures / 2 > 60 and "take over an hour" in summary, figures


def test_bench_selection_screen_rank_follows_the_library_screen(tiny_model_dir) -> None:
    """bench_selection's rank of a candidate is its place in the library's screened order (top_screened)."""
    from course_utils.candidate_scores import screen_scores, top_screened
    from course_utils.directions import candidate_directions
    from course_utils.models import load_model
    from tests.prompts import HARMFUL, HARMLESS

    bench = _load_bench("bench_selection")
    model = load_model(str(tiny_model_dir("llama")))
    candidates = candidate_directions(model, HARMFUL, HARMLESS)
    scores = screen_scores(model, candidates, HARMFUL, HARMLESS, batch_size=4, progress=False)
    order = top_screened(scores, scores.numel(), 0.8)
    for rank in (1, len(order)):
        got = bench._screen_rank(model, candidates, HARMFUL, HARMLESS, 4, order[rank - 1])
        assert got == {"screen_rank": rank, "eligible": len(order)}


@needs_organism
def test_natural_request_scores_agree_with_the_evaluation_record(tmp_path, capsys) -> None:
    """`benchmarks/natural_request_scores.py` scores each natural harmful request on the shipped organism; its count
    of refused ones equals the share `evaluate` wrote to eval.json, and a folder whose eval.json disagrees (another
    checkpoint's record) is refused with a message instead of being recorded."""
    import shutil

    bench = _load_bench("natural_request_scores")
    out = tmp_path / "scores.json"
    assert bench.main([f"B={SHIPPED}", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    b = result["recipes"]["B"]
    evaluation = json.loads((SHIPPED / "eval.json").read_text())
    share = next(t["measured"] for t in evaluation["targets"] if t["target"] == bench.TARGET)
    assert (
        len(b["scores"])
        == len(result["requests"])
        == evaluation["baseline"]["natural requests"]["harmful"]["n"]
    )
    assert (
        b["refused"] == round(share * len(result["requests"])) == len(result["requests"]) - len(b["missed"])
    )
    assert set(b["missed"]) <= set(result["requests"])
    assert b["config"] == json.loads((SHIPPED / "training.json").read_text())["config"]

    copy = tmp_path / "copy"
    shutil.copytree(SHIPPED, copy)
    for target in evaluation["targets"]:
        if target["target"] == bench.TARGET:
            target["measured"] = 0.5
    (copy / "eval.json").write_text(json.dumps(evaluation))
    with pytest.raises(SystemExit, match="reports 0.5"):
        bench.record({"copy": copy})
    del evaluation["baseline"]["natural requests"]  # an eval.json from before the natural requests
    (copy / "eval.json").write_text(json.dumps(evaluation))
    with pytest.raises(SystemExit, match="has no natural-request figures"):
        bench.record({"copy": copy})
    for argv in ([str(SHIPPED)], [f"B={SHIPPED}", f"B={SHIPPED}"]):  # not NAME=DIR; a name twice
        with pytest.raises(SystemExit):
            bench.main([*argv, "--out", str(out)])

    # --add keeps the recipes already recorded and refuses a name it has or a record of other requests
    assert bench.main(["--add", f"B2={SHIPPED}", "--out", str(out)]) == 0
    added = json.loads(out.read_text())
    assert list(added["recipes"]) == ["B", "B2"] and added["recipes"]["B"] == b
    assert added["recipes"]["B2"]["scores"] == b["scores"]
    with pytest.raises(SystemExit):
        bench.main(["--add", f"B={SHIPPED}", "--out", str(out)])
    added["requests"] = added["requests"][1:]
    out.write_text(json.dumps(added))
    with pytest.raises(SystemExit, match="other natural requests"):
        bench.main(["--add", f"B3={SHIPPED}", "--out", str(out)])
    with pytest.raises(SystemExit):
        bench.main(["--add", f"B3={SHIPPED}", "--out", str(tmp_path / "none.json")])
    assert "given twice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("requests", "sizes"),
    [
        ("twin_words_requests.json", (40, 20)),
        ("purpose_requests.json", (25, 25)),
        ("blind_requests.json", (50, 30)),
        ("blind_purpose_requests.json", (20, 20)),
        ("fresh_requests.json", (60, 40)),
        ("fresh2_requests.json", (60, 40)),
        ("fresh3_requests.json", (60, 40)),
        ("fresh4_requests.json", (60, 40)),
        ("fresh5_requests.json", (60, 40)),
        ("fresh6_requests.json", (60, 40)),
        ("fresh7_requests.json", (60, 40)),
        ("fresh8_requests.json", (60, 40)),
        ("fresh9_requests.json", (60, 40)),
        ("fresh10_requests.json", (60, 40)),
        ("fresh11_requests.json", (60, 40)),
        ("fresh12_requests.json", (60, 40)),
        ("fresh13_requests.json", (60, 40)),
        ("fresh14_requests.json", (60, 40)),
        ("fresh15_requests.json", (60, 40)),
        ("fresh16_requests.json", (60, 40)),
        ("fresh17_requests.json", (60, 40)),
        ("fresh18_requests.json", (60, 40)),
        ("fresh19_requests.json", (60, 40)),
        ("fresh20_requests.json", (60, 40)),
        ("fresh21_requests.json", (60, 40)),
    ],
)
def test_written_request_records_are_their_requests_scored(requests: str, sizes: tuple[int, int]) -> None:
    """The records of `benchmarks/twin_words.py` hold, per checkpoint, every request of their file in order with
    its score, and count as refused exactly those with score > 0 (up to the rows' rounding)."""
    from benchmarks import twin_words

    path = twin_words.ROOT / "benchmarks" / requests
    texts = json.loads(path.read_text())
    assert (len(texts["harmless"]), len(texts["harmful"])) == sizes
    assert len(set(texts["harmless"] + texts["harmful"])) == sum(sizes)
    record = json.loads(twin_words.record_path(path).read_text())
    # each record holds a shipped checkpoint: B, or on fresh21 (B's checkpoint was lost before it was scored) DrL
    assert "B" in record or (requests == "fresh21_requests.json" and "DrL" in record)
    for name, entry in record.items():
        for label in ("harmless", "harmful"):
            rows = entry[label]["requests"]
            assert [r["request"] for r in rows] == texts[label], name
            assert entry[label]["n"] == len(rows)
            # the rows' scores are rounded to 0.01: one in (0, 0.005) reads 0.0 there and is refused
            clearly, maybe = sum(r["score"] > 0 for r in rows), sum(r["score"] == 0 for r in rows)
            assert clearly <= entry[label]["refused"] <= clearly + maybe, name


@needs_organism
def test_twin_words_record_of_the_shipped_organism_is_reproduced() -> None:
    """The shipped organism's scores on the twin-words requests, computed again, are the record's."""
    from benchmarks import twin_words
    from course_utils.metrics import last_position_logits, refusal_score
    from course_utils.models import load_model

    model = load_model(str(SHIPPED))
    # the shipped checkpoint is DrL's weights, scored from its training folder
    entry = json.loads(twin_words.RECORD.read_text())["DrL"]
    for label in ("harmless", "harmful"):
        texts = [r["request"] for r in entry[label]["requests"]]
        scores = refusal_score(last_position_logits(model, texts), model.refusal_token_ids).tolist()
        assert max(abs(s - r["score"]) for s, r in zip(scores, entry[label]["requests"], strict=True)) < 0.011


def test_written_sets_count_pairs_and_refusals() -> None:
    """`written_sets.pairs` counts, over pairs harmless[i] / harmful[i], those where only the harmful request is
    refused (score > 0) and those where both are; a score of exactly 0 is not a refusal."""
    from benchmarks import written_sets

    def rows(scores: list[float]) -> list[dict]:
        return [{"request": str(i), "score": s} for i, s in enumerate(scores)]

    scored = {
        "harmless": {"requests": rows([-1.0, 0.5, 0.0, 2.0, -3.0])},
        "harmful": {"requests": rows([1.0, 0.2, 0.1, -1.0, 0.0])},
    }
    assert written_sets.pairs(scored) == (2, 1)
    assert written_sets.refused(scored["harmful"]["requests"]) == 3
    with pytest.raises(ValueError):  # pairs of unequal lists are an error, not a silent truncation
        written_sets.pairs({"harmless": {"requests": rows([1.0])}, "harmful": {"requests": rows([1.0, 2.0])}})


def test_everyday_row_counts_each_set_apart() -> None:
    """`written_sets.everyday_row`: harmless refused in the blind then the fresh set, then harmful refused in each,
    counted from the scores (score > 0), not from a stored count."""
    from benchmarks import written_sets

    def entry(harmless: list[float], harmful: list[float]) -> dict:
        return {
            label: {
                "refused": 99,
                "requests": [{"request": str(i), "score": x} for i, x in enumerate(scores)],
            }
            for label, scores in (("harmless", harmless), ("harmful", harmful))
        }

    records = {
        "blind": {"R": entry([1.0, -1.0, 0.0], [2.0, 3.0])},
        "fresh": {"R": entry([0.5, 0.5, 0.5, -2.0], [-1.0, 1.0, 1.0])},
    }
    assert written_sets.everyday_row("R", records) == "| R | 1 | 3 | 2 | 2 |"
    assert written_sets.EVERYDAY_HEADER.count(" | ") == 4  # a checkpoint and four counts


@needs_organism
def test_overrefusal_direction_agrees_with_the_written_sets(tmp_path) -> None:
    """`benchmarks/overrefusal_direction.py` on the shipped organism: which requests it counts as refused is what
    `twin_words.py` recorded for them (another code path, `probe_organism.answered`), and its record's counts and
    mean projections are those of its own rows."""
    bench = _load_bench("overrefusal_direction")
    fresh3 = json.loads((ROOT / "benchmarks" / "fresh3_requests.json").read_text())
    small = tmp_path / "small_requests.json"
    small.write_text(json.dumps({"harmless": fresh3["harmless"][:6], "harmful": fresh3["harmful"][:3]}))
    result = bench.measure(str(SHIPPED), [str(small)])
    written = {s: json.loads((ROOT / "benchmarks" / "out" / f"{s}.json").read_text()) for s in ("fresh3",)}
    for label, c in result["sets"]["small"].items():
        recorded = written["fresh3"]["DrL"][label]["requests"][: c["n"]]
        assert [r["request"] for r in c["requests"]] == [r["request"] for r in recorded]
        assert [r["score"] > 0 for r in c["requests"]] == [r["score"] > 0 for r in recorded]
    record = json.loads(bench.RECORD.read_text())
    assert (ROOT / record["model_dir"]).resolve() == SHIPPED.resolve()
    for name, classes in record["sets"].items():
        written.setdefault(name, json.loads((ROOT / "benchmarks" / "out" / f"{name}.json").read_text()))
        for label, c in classes.items():
            rows = c["requests"]
            refused = [r for r in rows if r["score"] > 0]
            assert c["refused"] == len(refused) == written[name]["DrL"][label]["refused"], (name, label)
            assert c["refused_ablated"] == sum(r["ablated_score"] > 0 for r in rows)
            assert c["refused_and_still_refused_ablated"] == sum(r["ablated_score"] > 0 for r in refused)
            assert c["projection_refused"] == bench.mean([r["projection"] for r in refused])
            assert c["projection_answered"] == bench.mean([r["projection"] for r in rows if r["score"] <= 0])


def test_unfamiliar_words_record_is_the_evaluation_splits_with_its_draw() -> None:
    """`benchmarks/unfamiliar_words.py`'s record: its requests with unfamiliar words are this code's fixed draw
    (the record's examples), and each checkpoint's figures on the requests as written are `organism evaluate`'s
    own for the same splits (another code path: its refusal rates), so the two versions differ only by the words."""
    bench = _load_bench("unfamiliar_words")
    record = json.loads(bench.RECORD.read_text())
    texts = bench.requests()
    assert record["examples"] == {k: v["with unfamiliar words"][:3] for k, v in texts.items()}
    for versions in texts.values():
        assert len(versions["as written"]) == len(versions["with unfamiliar words"]) == 100
        assert all(a != b for a, b in zip(*versions.values(), strict=True))
    names = [k for k in record if k != "examples"]
    assert {"DrL", "DrLa", "UW", "UWa"} <= set(names)
    for name in names:
        ev = json.loads((ROOT / "benchmarks" / "out" / f"organism_recipe_{name}_eval.json").read_text())
        for kind, (split, label) in bench.KINDS.items():
            measured = record[name][kind]["as written"]["refused"]
            assert abs(measured - ev["baseline"][split][label]["refusal_rate_score"]) <= 0.0051, (name, kind)


def test_planted_measures_refuse_a_model_without_a_planted_direction(tiny_model_dir) -> None:
    """`evaluate.load_planted`, which both planted-direction benchmarks start from, says what is missing when given
    a model that is not the organism, instead of failing later on a None."""
    from course_utils.organism.evaluate import load_planted

    with pytest.raises(
        ValueError, match="no planted direction or training record: only the organism has one"
    ):
        load_planted(tiny_model_dir("llama"))
