# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · The refusal direction: find it, and choose it by what it does
#
# Chapter 03 showed that harmful and harmless requests separate along a difference-of-means direction, at many
# layers and at the post-instruction tokens. Separation is a *correlation*. Arditi et al. (2024) go one step
# further: they choose the direction by its **effect on behaviour**. A good refusal direction should pass three
# tests. Remove it from the residual stream and a harmful request is no longer refused. Add it and a harmless
# request is refused. And removing it should leave harmless requests alone. This chapter builds that selection
# procedure piece by piece and runs it on every candidate direction, one per post-instruction position and
# layer.
#
# **You will learn to**
# - turn "is the model about to refuse?" into one number, the refusal score (a log-odds);
# - build the candidate directions at every post-instruction position and layer with a difference of means;
# - score every candidate by three interventions (bypass, induce, KL) and read the paper's figures of them;
# - apply the paper's filters and pick the refusal direction;
# - check that the chosen direction reads harmfulness: harmful prompts project far above harmless ones;
# - on the organism, compare the chosen direction with the known, planted answer.
#
# **Time:** about 80 minutes. **Prerequisites:** chapters 00 (refusal probability), 02 (difference of means) and
# 03 (projections, cosine similarity).

# %% [markdown]
# ## Setup
#
# `MODEL_NAME` is the one line to change to run this notebook on a real chat model (see *Going further*).

# %%
MODEL_NAME = None  # None = the course's model organism; or e.g. "Qwen/Qwen2.5-0.5B-Instruct"
USE_MY_CODE = True  # True: later cells use your functions where they pass their checks; False: the reference

# %%
import math
import time
from collections import Counter
from dataclasses import replace  # noqa: F401 (useful in 04.filter_candidates)

import matplotlib.pyplot as plt
import torch

from course_utils import directions, metrics, plotting, probing
from course_utils.activations import get_activations
from course_utils.data import load_instructions
from course_utils.directions import CandidateScore  # noqa: F401 (the rows of 04.filter_candidates)
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
from course_utils.interventions import ablation_hooks, addition_hooks  # noqa: F401 (in 04.score_candidate)
from course_utils.metrics import refusal_probability  # noqa: F401 (chapter 00; useful in 04.refusal_score)
from course_utils.models import default_model_name, load_model

torch.manual_seed(0)
torch.set_grad_enabled(False)
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, d_model = {model.d_model}")

# As in the paper (section 2.2): 128 training prompts per class for the candidates, 32 validation prompts per class
harmful_train, harmless_train = (
    load_instructions("harmful", "train")[:128],
    load_instructions("harmless", "train")[:128],
)
harmful_val, harmless_val = (
    load_instructions("harmful", "val")[:32],
    load_instructions("harmless", "val")[:32],
)
harmful_test, harmless_test = load_instructions("harmful", "test"), load_instructions("harmless", "test")
print(
    f"train {len(harmful_train)} + {len(harmless_train)}, val {len(harmful_val)} + {len(harmless_val)}, "
    f"test {len(harmful_test)} + {len(harmless_test)} (harmful + harmless)"
)

# %% [markdown]
# ## 1. One number for "about to refuse": the refusal score
#
# In chapter 00 you computed $P$, the probability that the model's reply *starts* like a refusal: the total
# softmax probability of the refusal tokens (for the organism "I" and "Sorry", as in "I cannot help with that").
# To compare many interventions we want one number per prompt that reads the same way everywhere, and $P$ is
# awkward: it piles up near 0 and 1, where a large change in the model's preference barely moves it. The paper
# uses the **log-odds** instead,
#
# $$\text{score} = \log(P + \epsilon) - \log(1 - P + \epsilon), \qquad \epsilon = 10^{-8},$$
#
# which is 0 at $P = 1/2$, positive when a refusal is more likely than not, and grows without bound as the model
# becomes certain. The $\epsilon$ keeps it finite when $P$ is exactly 0 or 1 in floating point. Compute the
# softmax in float64: in float32, $1 - P$ rounds to 0 once $P$ is within about $3 \cdot 10^{-8}$ of 1.

# %% exercise="04.refusal_score"

# %%
check("04.refusal_score", refusal_score)

# %% [markdown]
# The library's `metrics.refusal_scores(model, prompts)` formats the prompts, runs them in left-padded batches
# and applies the reference `refusal_score` to the last position's logits. On validation prompts all, or nearly all,
# of the organism's harmful and harmless prompts sit on opposite sides of zero; the histogram shows any that do not.

# %%
score_harmful_val = metrics.refusal_scores(model, harmful_val)
score_harmless_val = metrics.refusal_scores(model, harmless_val)
plotting.class_histograms(
    {"harmful (val)": score_harmful_val, "harmless (val)": score_harmless_val},
    title="Refusal score before any intervention",
    xlabel="refusal score  log P - log(1 - P)  (> 0: refusal more likely)",
)
plt.axvline(0, color="black", lw=0.8)
plt.show()
print(f"mean score: harmful {score_harmful_val.mean():.2f}, harmless {score_harmless_val.mean():.2f}")

# %% [markdown]
# **Keep only prompts the model treats as the label says.** The direction should capture the difference between
# *refusing* and *complying*, not between two topics. So, as in the paper, we compute the candidates from the
# harmful training prompts the model refuses (score > 0) and the harmless ones it answers (score < 0).
# The paper's code filters the validation prompts the same way (`filter_train` and `filter_val`, both on, in
# `pipeline/config.py` of [its repository](https://github.com/andyrdt/refusal_direction)). Without that, a harmless
# validation prompt the model already refuses would add a large KL to *every* candidate in section 3 (ablating the
# refusal direction removes that refusal, a change of several nats, the unit of KL defined in section 3, at the first
# token: just what we want it to do),
# and a harmful prompt it answers anyway would dilute every bypass score.

# %%
# `kept_or_all` is `filter_prompts_by_refusal` with the library's fallback: every prompt, with a warning, if fewer
# than 8 of a class would remain (a model that refuses almost nothing)
harmful_kept, harmless_kept = directions.kept_or_all(model, harmful_train, harmless_train, "training")
print(
    f"using {len(harmful_kept)} / {len(harmful_train)} harmful and {len(harmless_kept)} / "
    f"{len(harmless_train)} harmless training prompts"
)
n_val = len(harmful_val), len(harmless_val)
harmful_val, harmless_val = directions.kept_or_all(model, harmful_val, harmless_val, "validation")
print(
    f"using {len(harmful_val)} / {n_val[0]} harmful and {len(harmless_val)} / {n_val[1]} harmless validation prompts"
)
filtered_out = (len(harmful_val), len(harmless_val)) != n_val
if filtered_out:  # the "no intervention" baselines of section 3, over the prompts kept
    score_harmful_val = metrics.refusal_scores(model, harmful_val)
    score_harmless_val = metrics.refusal_scores(model, harmless_val)

# %% [markdown]
# ## 2. Candidate directions: one per post-instruction position and layer
#
# Where does the model store its decision? Chapter 03 pointed at the post-instruction tokens, the template tokens
# between the end of the request and the start of the answer. Rather than guess a layer, the paper makes a
# candidate at **every** post-instruction position $p$ and **every** layer $l$, from the residual stream at the
# input of block $l$ (`resid_pre`):
#
# $$r_{p,l} = \frac{1}{|\mathcal{H}|}\sum_{i \in \mathcal{H}} x_i^{(l)}[p] - \frac{1}{|\mathcal{B}|}\sum_{j \in
# \mathcal{B}} x_j^{(l)}[p].$$
#
# That is your `diff_of_means` from chapter 02, applied to activations of shape `[n, n_layers, n_positions,
# d_model]`: the means run over the first axis only, so one call gives every candidate at once.

# %%
positions = model.post_instruction_positions
tokens = [model.tokenizer.decode([i]) for i in model.post_instruction_ids]  # as text: "\n", not "Ċ"
print("post-instruction tokens:", dict(zip(positions, tokens, strict=True)))
acts_harmful = get_activations(model, harmful_kept, positions=positions)  # [n, n_layers, n_pos, d_model]
acts_harmless = get_activations(model, harmless_kept, positions=positions)
candidates = directions.diff_of_means(acts_harmful, acts_harmless).transpose(0, 1).contiguous()
print("candidates:", tuple(candidates.shape), "= [n_positions, n_layers, d_model]")

# %% [markdown]
# For a real model, holding every activation of every prompt can take gigabytes. The library's
# `directions.candidate_directions` computes the same means batch by batch (`activations.mean_activations`)
# without ever holding more than one batch; on a few prompts both give the same candidates:

# %%
few = directions.candidate_directions(model, harmful_kept[:16], harmless_kept[:16])
by_hand = directions.diff_of_means(acts_harmful[:16], acts_harmless[:16]).transpose(0, 1)
print(f"max |candidate_directions - diff_of_means| = {(few - by_hand).abs().max():.2e}")

# %% [markdown]
# How long are the candidates? The length $\lVert r_{p,l} \rVert$ is the distance between the two class means.
# At layer 0 the residual stream is just the token embedding, and every prompt has the *same* template tokens at
# these positions, so the two means are equal and the candidate is exactly zero: nothing can distinguish the
# classes before any attention layer has looked at the request.

# %%
norms = candidates.norm(dim=-1)  # [n_pos, n_layers]
plotting.layer_curves(
    {f"position {p} ({t!r})": norms[i] for i, (p, t) in enumerate(zip(positions, tokens, strict=True))},
    title="Length of each candidate direction",
    ylabel="‖r‖ = distance between class means",
    xlabel="layer (resid_pre)",
)
plt.show()

# %% [markdown]
# Are the candidates of different layers the same direction? The cosine similarity between the candidates at
# the last position (chapter 03's tool) shows how the direction evolves with depth. Layer 0 (zero vector) has no
# direction and is left out. On the organism the candidates fall into two groups that agree within themselves,
# layers 1-3 and layers 4-5, with low cosines between the groups: the direction turns at the layer where the
# candidates grow long (the figure above).

# %%
last = candidates[-1, 1:]  # position -1, layers 1 .. L-1
cosines = probing.cosine_similarity_matrix(last)
plotting.heatmap(
    cosines,
    title=f"Cosine similarity between candidates at position {positions[-1]}",
    xlabel="layer",
    ylabel="layer",
    colorbar_label="cosine similarity",
    xticklabels=[str(layer) for layer in range(1, model.n_layers)],
    yticklabels=[str(layer) for layer in range(1, model.n_layers)],
    cmap="RdBu_r",
)
plt.show()
print("cosine of each layer's candidate with the next layer's:")
print("  ".join(f"{i + 1}-{i + 2}: {cosines[i, i + 1]:.2f}" for i in range(len(cosines) - 1)))

# %% [markdown]
# ## 3. What does each candidate *do*? Three interventions
#
# For each candidate $r$ (with $\hat r = r / \lVert r \rVert$) the paper asks three questions on validation
# prompts, which were not used to build the candidates:
#
# | score | intervention | on | a good direction gives |
# |---|---|---|---|
# | **bypass** | *ablate* $\hat r$ everywhere: $x \leftarrow x - (x \cdot \hat r)\,\hat r$ at every layer and position | harmful | a low mean refusal score (refusal gone) |
# | **induce** | *add* $r$ at layer $l$'s input, every position: $x \leftarrow x + r$ | harmless | a high mean refusal score (refusal appears) |
# | **KL** | ablate, as for bypass | harmless | a small change of the next-token distribution |
#
# Chapter 05 builds both interventions by hand; here we use them from the library (`ablation_hooks`,
# `addition_hooks`). The KL divergence measures how much the ablation changes what the model would say next on
# a harmless prompt, with the clean distribution as the reference:
#
# $$\mathrm{KL}(P_{\text{clean}} \,\Vert\, P_{\text{ablated}}) = \sum_t p_{\text{clean}}(t)\,
# \bigl(\log p_{\text{clean}}(t) - \log p_{\text{ablated}}(t)\bigr) \quad \text{(nats)}.$$

# %% exercise="04.kl_div"

# %%
check("04.kl_div", kl_div)

# %% [markdown]
# Now score one candidate yourself, straight from the table's definitions. The library gives you the pieces:
# `ablation_hooks(model, r)` and `addition_hooks(model, r, layer)` build the interventions (chapter 05 builds them
# by hand), `metrics.refusal_scores(model, prompts, fwd_hooks=...)` scores prompts under hooks, and
# `metrics.last_position_logits(model, prompts, fwd_hooks=...)` returns the next-token logits. Use the validation
# prompts you are given (never the training prompts the candidate came from), and average over prompts. A zero
# candidate (layer 0) has no direction to ablate: return three NaNs.

# %% exercise="04.score_candidate"

# %%
check("04.score_candidate", score_candidate, model=model)

# %%
kl = use("04.kl_div", kl_div, mine=USE_MY_CODE)
score_one = use("04.score_candidate", score_candidate, mine=USE_MY_CODE, model=model)
layer_demo = model.n_layers // 2
bypass_demo, induce_demo, kl_demo = score_one(
    model, candidates[-1, layer_demo], layer_demo, harmful_val, harmless_val
)
print(f"candidate (position -1, layer {layer_demo}):")
print(f"  bypass  {bypass_demo:6.2f}   (harmful, no intervention: {score_harmful_val.mean():6.2f})")
print(f"  induce  {induce_demo:6.2f}   (harmless, no intervention: {score_harmless_val.mean():6.2f})")
print(f"  KL      {kl_demo:6.3f} nats")
clean_logits = metrics.last_position_logits(model, harmless_val)
ablated_logits = metrics.last_position_logits(
    model, harmless_val, fwd_hooks=ablation_hooks(model, candidates[-1, layer_demo])
)
print(f"  KL again, with the kl_div of exercise 2: {kl(clean_logits, ablated_logits).mean():6.3f} nats")

# %% [markdown]
# `directions.score_candidates` does this for every candidate, and gets the same numbers (the cell below checks
# one). It batches the work: one forward pass holds many
# (candidate, prompt) pairs, each row with its own direction in the hooks, so the number of forward passes grows
# with the total number of rows, not with the number of candidates times a fixed batch overhead. Candidates that
# are zero (layer 0) get NaN scores.

# %%
start = time.perf_counter()
table = directions.score_candidates(model, candidates, harmful_val, harmless_val)
print(f"scored {len(table)} candidates in {time.perf_counter() - start:.1f} s")
bypass, induce, kl_grid = (directions.table_grid(table, name) for name in ("bypass", "induce", "kl"))
same = next(row for row in table if row.pos_index == len(positions) - 1 and row.layer == layer_demo)
print(
    f"the table's row for that candidate: bypass {same.bypass:.2f}, induce {same.induce:.2f}, KL {same.kl:.3f}"
)

# %% [markdown]
# The scores of every candidate, drawn as the paper draws them for its models (Arditi et al. 2024, appendix C): the
# mean refusal score under each intervention, by layer, one line per position. The
# dashed lines are the scores without intervention. A candidate that mediates refusal pulls the harmful line far
# below its baseline (left) and the harmless line far above its baseline (middle) while keeping the KL small
# (right).

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 3.8))
labels = [f"pos {p} ({t!r})" for p, t in zip(positions, tokens, strict=True)]
panels = [
    (bypass, "Ablation on harmful prompts (bypass)", "mean refusal score", score_harmful_val.mean()),
    (induce, "Addition on harmless prompts (induce)", "mean refusal score", score_harmless_val.mean()),
    (kl_grid, "Ablation on harmless prompts", "mean KL (nats), log scale", None),
]
for ax, (grid, title, ylabel, baseline) in zip(axes, panels, strict=True):
    plotting.layer_curves(
        dict(zip(labels, grid, strict=True)),
        title=title,
        ylabel=ylabel,
        xlabel="layer of the candidate",
        ax=ax,
    )
    if baseline is not None:
        ax.axhline(float(baseline), color="black", ls="--", lw=1, label="no intervention")
        ax.legend(fontsize=7)
    else:
        ax.set_yscale("log")
        ax.axhline(0.1, color="red", ls=":", lw=1, label="KL threshold 0.1")
        ax.legend(fontsize=7)
plt.show()
for layer_l in range(1, model.n_layers):  # layer 0's candidates are zero vectors (NaN scores)
    best = min((row for row in table if row.layer == layer_l), key=lambda row: row.bypass)
    print(
        f"layer {layer_l}: lowest bypass {best.bypass:+.2f} (position {best.position}),"
        f" that candidate's induce {best.induce:+.2f} and KL {best.kl:.3f}"
    )

# %% [markdown]
# On the organism the figure splits the layers in two (the lines under it give each layer's best candidate). With
# the candidates of layers 1 to 3, harmful prompts stay refused and harmless ones stay below zero (or barely above
# it); the candidates of layers 4 and 5 remove the refusal and induce it, with a KL on harmless prompts under the 0.1
# threshold. Among those, the filters below decide.
#
# ## 4. Choosing one: the paper's filters
#
# The lowest bypass score alone is not enough. The paper discards a candidate when (Arditi et al. 2024, section 2.3
# and appendix C)
# 1. a score is NaN (here: the zero candidates of layer 0);
# 2. it comes from a layer $l \ge 0.8 L$, as the paper's text states it (on the organism, $L = 6$: $0.8 L = 4.8$,
#    so only layer 5): directions right before the unembedding act on the output tokens directly, rather than on a
#    decision the model computes. The authors' released code computes the cut as `layer >= int(0.8 * L)`, which
#    differs whenever $0.8 L$ is not a whole number: on the organism `int(4.8) = 4`, so it also drops layer 4
#    (the cell after the check shows what that changes here). This course follows the text;
# 3. its KL on harmless prompts exceeds 0.1: the ablation would change the model's behaviour in general;
# 4. its induce score is below 0: adding it does not make harmless prompts refused, so it does not *cause* refusal.
#
# Among the survivors, the lowest bypass score wins. Write it as a pure function of the table: return the rows in
# the same order, each with its `discarded` reason (`"NaN score"`, `"too deep"`, `"KL too high"`,
# `"does not induce"`, or `"higher bypass"` for survivors that lost), and `None` only for the winner. The rows
# are frozen dataclasses: make a changed copy with `replace(row, discarded=...)`.

# %% exercise="04.filter_candidates"

# %%
check("04.filter_candidates", filter_candidates)

# %%
choose = use("04.filter_candidates", filter_candidates, mine=USE_MY_CODE)
filtered = choose(table, model.n_layers)
print("why candidates were discarded:", dict(Counter(str(row.discarded) for row in filtered)))
# a model where the filters are too strict falls back on the lowest bypass; chapter 05+ do the same
chosen = directions.chosen_row(filtered, fallback=True)
if chosen.discarded is None:
    print(
        f"chosen: position {chosen.position}, layer {chosen.layer}: "
        f"bypass {chosen.bypass:.2f}, induce {chosen.induce:.2f}, KL {chosen.kl:.3f}"
    )
else:
    print(
        f"No candidate passed every filter; the lowest bypass among the rest: position {chosen.position}, "
        f"layer {chosen.layer} (bypass {chosen.bypass:.2f}, induce {chosen.induce:.2f}, KL {chosen.kl:.3f})"
    )

# %% [markdown]
# The paper's text and the authors' code disagree on the layer cut whenever $0.8 L$ is not a whole number. What
# does the code's rule do on this model?

# %%
text_cut, code_cut = 0.8 * model.n_layers, int(0.8 * model.n_layers)
print(
    f"L = {model.n_layers}: the text drops layers >= {text_cut:g}, the released code drops layers >= {code_cut}"
)
as_in_code = choose(table, model.n_layers, max_layer_frac=code_cut / model.n_layers)
code_choice = [row for row in as_in_code if row.discarded is None]
print(
    f"chosen with the text's rule: position {chosen.position}, layer {chosen.layer} (bypass {chosen.bypass:.2f})"
)
if code_choice:
    c = code_choice[0]
    print(f"chosen with the code's rule: position {c.position}, layer {c.layer} (bypass {c.bypass:.2f})")
else:
    print("with the code's rule no candidate passes")

# %% [markdown]
# On the organism the two rules differ. Every candidate that removes refusal (bypass below zero) sits at layer 4 or
# 5, so the code's cut keeps only candidates of layers 1 to 3, and the one it picks passes every filter while its
# ablation leaves harmful prompts refused (its bypass score is above zero). The filters ask that a candidate's
# ablation be the *best* at removing refusal among those that pass, not that it remove it. On a model that decides
# to refuse this late, where the layer cut falls decides whether the method finds the refusal direction at all.

# %% [markdown]
# ### How much does the choice depend on the thresholds?
#
# The thresholds are the paper's choices for chat models with billions of parameters, not laws. On the organism
# several candidates pass them; on another model the filters can leave nothing (then `select_direction(...,
# fallback=True)` takes the lowest bypass among the candidates that are neither NaN nor too deep, and says so).
# Your `filter_candidates` is a pure function of the table, so trying other thresholds costs nothing: does the
# choice move when the KL limit is looser, or when adding the direction only has to raise the refusal score part
# of the way?

# %%
print(f"{'KL threshold':>13} {'induce threshold':>17}   chosen (position, layer)")
for kl_threshold in (0.1, 0.2):
    for induce_threshold in (0.0, -1.5, -3.0):
        rows = choose(table, model.n_layers, kl_threshold=kl_threshold, induce_threshold=induce_threshold)
        best = [(row.position, row.layer) for row in rows if row.discarded is None]
        print(f"{kl_threshold:>13} {induce_threshold:>17}   {best[0] if best else 'none'}")

# %% [markdown]
# If every row of that table names the same candidate, the choice does not hinge on the exact thresholds; if it
# moves, the thresholds are doing real work and deserve a second look.
#
# The five best survivors and the five best candidates overall, with the reasons they lost:


# %%
def show(rows: list) -> None:
    print(f"{'pos':>4} {'layer':>5} {'bypass':>8} {'induce':>8} {'KL':>8}  discarded")
    for row in rows:
        print(
            f"{row.position:>4} {row.layer:>5} {row.bypass:>8.2f} {row.induce:>8.2f} {row.kl:>8.3f}  "
            f"{row.discarded or '<- chosen'}"
        )


finite = sorted((r for r in filtered if not math.isnan(r.bypass)), key=lambda r: r.bypass)
survivors = [r for r in finite if r.discarded in (None, "higher bypass")]
if survivors:
    show(survivors[:5])
else:
    print("(no candidate survived the filters)")
print()
show(finite[:5])

# %% [markdown]
# `directions.select_direction` runs `score_candidates` and `filter_candidates` in one call and returns a
# `DirectionSelection`: the position, the layer, the raw (unnormalised) vector and the full table. Later chapters
# get the same result from `directions.refusal_direction(model)`, which runs this whole notebook's method on the
# course data.

# %%
refusal_dir = candidates[chosen.pos_index, chosen.layer]  # [d_model], float64, not normalised
print(f"refusal direction: position {chosen.position}, layer {chosen.layer}, ‖r‖ = {refusal_dir.norm():.2f}")

# %% [markdown]
# ### The same choice with less work, and a cheaper approximation
#
# The table above scored every candidate fully. When only the chosen direction is needed (chapters 05-08), much of
# that work can be skipped **without changing the answer**:
# - a zero candidate or one too deep ($l \ge 0.8L$) is never run;
# - the filters are checked from the cheapest: induce first, and it needs only blocks $l..L-1$, because the blocks
#   below $l$ see the clean input (their output, recorded once in a clean pass, is reused); then KL; the bypass
#   score only for candidates that passed both;
# - the clean pass over the harmless prompts is shared by all candidates.
#
# `select_direction(..., method="fast")` does this. It is **exact**: bit for bit the scores of scoring one candidate
# at a time (`directions.score_candidate`, the plain definition) and the same choice; a score it did not need is
# NaN, and the table says which filter decided.
#
# With a real model on a laptop CPU even that can take long (the README's *What runs where* has measured costs).
# `method="screened"` is an **approximation** for that case. It ranks every candidate by a cheap score from one
# activation pass over the validation prompts, with no intervention,
#
# $$s_{p,l} = \frac{1}{L-l}\sum_{l'=l}^{L-1} \cos\left(r_{p,l},\, d_{l'}\right),$$
#
# where $d_{l'}$ is the harmful-minus-harmless difference of means at the last position and layer $l'$: does the
# candidate point where the two classes still differ when the answer is produced? Then it scores only the top
# $k$ (default 8) with the fast path. Judging candidates by cosine similarities of activations rather than by the
# model's outputs follows COSMIC (Siu et al., 2025, *COSMIC: Generalized Refusal Direction Identification in LLM
# Activations*); this score is a simpler one. It finds the paper's choice only when that candidate ranks in the
# top $k$, so check it whenever you can afford the exact selection.

# %%
eligible = [row for row in filtered if row.discarded not in ("NaN score", "too deep")]
print(f"this notebook's table: method='batched', every candidate scored ({len(table)} candidates)")
print(f"  chosen: position {chosen.position}, layer {chosen.layer}")
for method in ("fast", "screened"):
    start = time.perf_counter()
    other = directions.select_direction(
        model, candidates, harmful_val, harmless_val, method=method, fallback=True
    )
    seconds = time.perf_counter() - start
    scored = sum(not math.isnan(row.induce) for row in other.table)
    same = (other.pos_index, other.layer) == (chosen.pos_index, chosen.layer)
    print(
        f"method={method!r}: position {other.position}, layer {other.layer} "
        f"({'the same choice' if same else 'a DIFFERENT choice'}), {scored} of {len(eligible)} candidates run, "
        f"{seconds:.1f} s"
    )
screen = directions.screen_scores(model, candidates, harmful_val, harmless_val)
ranking = sorted(eligible, key=lambda row: -float(screen[row.pos_index, row.layer]))
rank = [(row.pos_index, row.layer) for row in ranking].index((chosen.pos_index, chosen.layer)) + 1
print(f"the screening score ranks the exact choice {rank} of {len(eligible)} (top k = 8 are scored)")

# %% [markdown]
# ## 5. Does the chosen direction read "harmful"?
#
# A refusal feature should be much stronger for harmful requests than for harmless ones. Project the held-out
# **test** prompts' residual stream at the chosen position onto $\hat r$, layer by layer, and average each class.
# What we hope to see: from the layer of the chosen direction on, harmful prompts project far above harmless ones.
#
# What the construction does *not* give: a harmless projection near zero. $r$ is a difference of **uncentred** means (of
# the raw activations, nothing subtracted from them first), so on training prompts the two class means project
# $\lVert r \rVert$ apart at the direction's layer, but where the harmless mean lands,
# $\mu_{\text{harmless}} \cdot \hat r$, is whatever the model's activations happen to be: nothing subtracts it. Whether removing $\hat r$ leaves harmless
# requests alone is therefore a property of the trained model, not of the method, and the selection *measures* it: that
# is the KL score of section 3 (the chosen candidate's KL is printed above). On the organism the harmless mean does land
# near zero: not the method's doing, but its training's, which asked for it (section 6).

# %%
pos = chosen.position
proj = {}
for label, prompts in (("harmful (test)", harmful_test), ("harmless (test)", harmless_test)):
    acts = get_activations(model, prompts, positions=[pos])[:, :, 0]  # [n, n_layers, d_model]
    proj[label] = probing.scalar_projection(acts, refusal_dir)  # [n, n_layers]
fig, ax = plt.subplots(figsize=(7, 3.8))
for label, values in proj.items():
    mean, std = values.mean(0), values.std(0)
    ax.plot(range(model.n_layers), mean, marker="o", label=label)
    ax.fill_between(range(model.n_layers), mean - std, mean + std, alpha=0.2)
ax.axhline(0, color="black", lw=0.8)
ax.axvline(chosen.layer, color="grey", ls=":", label=f"layer of the direction ({chosen.layer})")
ax.set(
    title=f"Projection on the refusal direction at position {pos} (mean ± 1 sd)",
    xlabel="layer (resid_pre)",
    ylabel="x · r̂",
)
ax.legend()
plt.show()
at = {label: values[:, chosen.layer].mean().item() for label, values in proj.items()}
print("mean projection at the direction's layer:", {k: round(v, 2) for k, v in at.items()})

# %% [markdown]
# ## 6. Check against the ground truth (organism only)
#
# With a real chat model nobody knows the "true" refusal direction; the paper's evidence is causal (ablate, add). The
# organism is different. Earlier versions of it, safety-tuned the ordinary way, did refuse harmful requests, but no
# candidate passed the filters above: adding the best candidates did not make harmless requests refused, or ablating
# them changed harmless answers too much. A 3.4-million-parameter model trained for minutes did not, in this project,
# grow a refusal feature that is on for harmful requests and off for harmless ones. (A later check with the data of the
# organism shipped before this one, recipe NM in `docs/ORGANISM_RECIPES.md`, found a candidate that passes the filters
# on two seeds out of three, but adding it made harmless requests refused only part of the time.) So the current
# organism's safety tuning **planted** one. A direction $u$ was fixed before safety tuning (the helpful model's own
# harmful-minus-harmless difference of means at layer 4, last token), and training asked the model to refuse when the
# residual stream has a large component along $u$, to answer when it has none, and to comply with harmful requests when
# $u$ is ablated (the model card, `data/models/refusal-organism/README.md`, describes how). The method you just ran
# never saw $u$. So we can ask: did the difference of means plus the selection find it?
#
# The figure shows $\cos(r_{p,l}, u)$ for every candidate. Expect a clear match, but not a perfect one: the class means
# differ in more than harmfulness (harmful requests use only the six tasks shared with harmless ones, the harmless split
# has sixteen kinds of task), and a difference of means mixes those differences in. That the selected direction passes
# the causal tests anyway says something about the tests, at least on this organism: ablation and addition do not need
# the exact direction, only one that carries enough of the feature the model reads. Look where the match is best
# (remember $u$ was defined at layer 4, last token) and where the chosen candidate, the star, sits.

# %%
planted = directions.planted_direction(model)
if planted is None:
    print("This model has no planted direction: there is no ground truth, only the causal tests above.")
else:
    cos_planted = torch.nn.functional.cosine_similarity(candidates, planted.to(candidates.dtype), dim=-1)
    cos_planted = torch.nan_to_num(cos_planted)  # layer 0 candidates are zero vectors
    fig, ax = plt.subplots(figsize=(7, 2.8))
    plotting.heatmap(
        cos_planted,
        title="Cosine of each candidate with the planted direction u",
        xlabel="layer",
        ylabel="position",
        colorbar_label="cos(candidate, u)",
        yticklabels=[str(p) for p in model.post_instruction_positions],
        cmap="RdBu_r",
        vmin=-1,
        vmax=1,
        ax=ax,
    )
    ax.scatter([chosen.layer], [chosen.pos_index], marker="*", s=160, color="gold", label="chosen")
    ax.legend(loc="upper left")
    plt.show()
    print(f"chosen candidate: cosine {cos_planted[chosen.pos_index, chosen.layer]:.2f} with u")

# %% [markdown]
# ## Summary
#
# - The **refusal score** $\log P - \log(1-P)$ turns the model's next-token distribution into one signed number:
#   positive means "about to refuse".
# - **Candidates** are differences of class means at every post-instruction position and layer; layer 0 gives
#   zero vectors because the template tokens are identical for both classes.
# - Only prompts the model treats as their label says are used, for the candidates and for judging them (the
#   paper's code filters both the training and the validation prompts).
# - Each candidate is judged by what it **does**: ablating it should remove refusal (bypass), adding it should
#   cause refusal (induce), and ablating it should barely change harmless behaviour (KL).
# - The **filters** (no NaN, layer < 0.8 L, KL ≤ 0.1, induce ≥ 0; Arditi et al. 2024, section 2.3 and appendix C)
#   and the lowest bypass pick one direction. The authors' released code cuts at `int(0.8 L)` instead, which on
#   the organism also drops layer 4, where the text's rule finds the direction: with the code's cut the chosen
#   candidate does not remove refusal (section 4 prints both choices).
# - The chosen direction projects far higher for harmful than for harmless prompts. The difference of means
#   fixes only that gap, not where harmless prompts sit; that ablation leaves harmless behaviour alone is a
#   trained property, which the KL filter measures.
# - On the organism, whose refusal direction was planted, the method finds a direction clearly aligned with the
#   planted one (the cosine printed above) without ever seeing it, though not equal to it: the difference of
#   means also carries the other ways the two prompt sets differ. This checks the *method* on a model where the
#   answer is known; it says nothing about whether real models have such a direction (that is the paper's
#   evidence, which *Going further* lets you test).
#
# Chapter 05 builds ablation and addition yourself, generates text with them, and measures refusal rates the way
# the paper does.

# %% [markdown]
# ## Going further: a real chat model
#
# Change the one line at the top, for example
#
# ```python
# MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"   # 24 layers, 5 post-instruction tokens
# ```
#
# and rerun. It downloads about 1 GB once. On a laptop CPU the candidate scoring dominates (120 candidates, each scored
# on up to 96 rows: the kept harmful validation prompts ablated, the kept harmless ones ablated and with the addition,
# up to 32 of each) and takes well over an hour: the README's *What runs where* has the measured costs (a GPU is much
# faster, but no GPU time was measured for this course). There, use fewer validation prompts (e.g. 8 per class) for the
# figures, and `method="screened"` or `"fast"` for the choice; raise `batch_size` on a GPU. What to look for:
# - the selected position and layer, relative to the paper's choices for larger models (Arditi et al. 2024,
#   appendix C: Qwen 1.8B position -1, layer 15 of 24; Gemma 2B position -2, layer 10 of 18; Llama-3 8B
#   position -5, layer 12 of 32), that is at 62.5 %, 56 % and 37.5 % of the depth. The filters do not aim for the
#   middle: they only drop the last 20 % of the layers (and candidates that fail KL or induce); where the winner
#   lands among the rest is up to the bypass scores. For Qwen 1.8B ($L = 24$) the text's cut is 19.2 and the
#   code's `int(0.8 * 24)` is 19: the two rules differ on layer 19;
# - whether the filters leave any candidate (if not, `select_direction(..., fallback=True)` takes the lowest
#   bypass among the candidates that are neither NaN nor too deep, and says so);
# - Gemma-2 and Gemma-3 normalise each sublayer's output: the ablation hooks are still exact, but the scores can
#   behave differently (users of the paper's code reported every candidate filtered out on Gemma-2).
