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
# # 05 · Ablation and addition: switch refusal off, and on
#
# Chapter 04 chose the refusal direction $r$ by what it does to one number, the refusal score of the first
# token. The claim of Arditi et al. (2024) is stronger: **refusal is mediated by this single direction**. If the
# model cannot represent $r$, it should comply with harmful requests and write a full answer; if we write $r$
# into a harmless request, it should refuse. This chapter builds the two interventions yourself, then checks the
# claim on generated text, with the paper's substring judge and a results table in the paper's shape.
#
# **You will learn to**
# - implement directional ablation and see why it must act on *every* write to the residual stream;
# - implement activation addition and read its effect layer by layer;
# - judge refusals in generated text with the paper's 12 refusal phrases;
# - compare baseline, ablated and steered generations side by side, and measure refusal rates on held-out
#   prompts;
# - steer the model live with a coefficient slider.
#
# **Time:** about 65 minutes. **Prerequisites:** chapter 04 (the refusal direction, refusal score).

# %% [markdown]
# ## Setup
#
# `MODEL_NAME` is the one line to change to run this notebook on a real chat model (see *Going further*).

# %%
MODEL_NAME = None  # None = the course's model organism; or e.g. "Qwen/Qwen2.5-0.5B-Instruct"
USE_MY_CODE = True  # True: later cells use your functions where they pass their checks; False: the reference

# %%
import matplotlib.pyplot as plt
import torch

from course_utils import directions, interventions, metrics, plotting, probing
from course_utils.data import load_instructions, load_written_requests
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
from course_utils.generation import generate
from course_utils.hooks import hooks
from course_utils.metrics import REFUSAL_PHRASES  # noqa: F401 (used in exercise 3)
from course_utils.models import default_model_name, load_model
from course_utils.progress import progress_bar

torch.manual_seed(0)
torch.set_grad_enabled(False)
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, d_model = {model.d_model}")

# %% [markdown]
# The refusal direction, selected exactly as in chapter 04 (`directions.refusal_direction` runs that method on the
# course data: candidates from 128 training prompts per class, selection on 32 validation prompts per class, both
# sets filtered by refusal).

# %%
selection = directions.refusal_direction(model)
r, layer = selection.direction, selection.layer  # r: [d_model] float64, not normalised
r_hat = selection.r_hat
print(
    f"refusal direction: position {selection.position}, layer {layer}, ‖r‖ = {r.norm():.2f}"
    + (
        ""
        if selection.passed_filters
        else "  (no candidate passed every filter: lowest bypass among the rest)"
    )
)

harmful_test = load_instructions("harmful", "test", interleave=True)  # seen and held-out concepts alternate
harmless_test = load_instructions("harmless", "test")

# %% [markdown]
# ## 1. Directional ablation
#
# To stop the model from *using* $r$, remove it wherever it could appear: project every residual-stream
# activation onto the hyperplane orthogonal to $r$,
#
# $$x \leftarrow x - (x \cdot \hat r)\, \hat r, \qquad \hat r = r / \lVert r \rVert .$$
#
# Afterwards $x \cdot \hat r = 0$, and the part of $x$ orthogonal to $\hat r$ is unchanged. Write it for activations of
# any shape `[..., d_model]`.

# %% exercise="05.ablate"

# %%
check("05.ablate", ablate)

# %% [markdown]
# ### Where to ablate: every write to the residual stream
#
# Ablating at one layer is not enough. The residual stream is a **sum of writes** (chapter 01): it starts as the
# embedding, and then components add their vectors to it, block after block. A direction removed at the input of
# layer $l$ can be written again by anything that writes later. If *every* term of the sum has no component along
# $\hat r$, neither has the sum, at any layer, including the final stream that the unembedding reads.
#
# Your task: return the hooks, `(hook_name, fn)` pairs, that apply your ablation at every point where something is
# written into the residual stream, in every layer. Which hook points are those? Chapter 01 listed the hook points
# of a block; think about what each component adds, and where the stream is only *read*. The check runs the model
# under your hooks and compares its next-token logits with the reference's, so any complete set of hook points
# passes. Make `fn(activation, hook)` return the ablated activation.

# %% exercise="05.ablation_hooks"

# %%
check("05.ablation_hooks", ablation_hooks, model=model)

# %% [markdown]
# The reference (`solution("05.ablation_hooks")`) hooks, in every block, the block's input `hook_resid_pre` (for
# block 0 that is the embedding), the attention output `hook_attn_out` and the MLP output `hook_mlp_out`. The
# block inputs after block 0 are sums of earlier writes, so hooking them changes nothing in exact arithmetic; the
# paper's code hooks them too, and they remove the float round-off that accumulates in the sums.

# %%
make_ablation = use("05.ablation_hooks", ablation_hooks, mine=USE_MY_CODE, model=model)
ablation = make_ablation(model, r)
print(f"{len(ablation)} hooks, e.g.", [name for name, _ in ablation][:4], "...")

# %% [markdown]
# We can see the difference. Record the projection $x \cdot \hat r$ of the residual stream at the last position
# at every layer of harmful prompts: without intervention, with the ablation at **one** layer only (the input of
# layer `layer`), and with the full ablation.


# %%
def mean_projection_by_layer(prompts: list[str], fwd_hooks: list) -> torch.Tensor:
    """Mean x · r_hat at the last position: [n_layers + 1] (resid_pre of every block, then the last resid_post)."""
    store: dict[int, torch.Tensor] = {}

    def recorder(index: int):
        def record(activation, hook):
            # float64 on the CPU: Apple's GPUs (mps) have no float64
            store[index] = probing.scalar_projection(activation[:, -1].cpu().double(), r).mean()

        return record

    names = [f"blocks.{i}.hook_resid_pre" for i in range(model.n_layers)]
    names.append(f"blocks.{model.n_layers - 1}.hook_resid_post")
    enc = model.tokenize(prompts)
    with hooks(model, list(fwd_hooks) + [(n, recorder(i)) for i, n in enumerate(names)]):
        model.bridge(enc["input_ids"], attention_mask=enc["attention_mask"])
    return torch.stack([store[i] for i in range(len(names))])


one_layer = [(f"blocks.{layer}.hook_resid_pre", lambda x, hook: interventions.ablate(x, r))]
sample = harmful_test[:32]
curves = {
    "no intervention": mean_projection_by_layer(sample, []),
    f"ablated at the input of layer {layer} only": mean_projection_by_layer(sample, one_layer),
    "ablated at every write": mean_projection_by_layer(sample, ablation),
}
ticks = [str(i) for i in range(model.n_layers)] + ["final"]
plotting.layer_curves(
    curves,
    title="Projection on the refusal direction, harmful prompts (last position)",
    ylabel="mean x · r̂",
    xlabel="residual stream: input of layer ... / final",
    xticklabels=ticks,
)
plt.show()

# %% [markdown]
# Ablating at one layer zeroes the projection there, and only there. Before that layer the one-layer curve
# follows the unablated one: the earlier layers carried the direction as usual, and whatever they computed from
# it still happened. After it, every attention and MLP output is free to write along $\hat r$ again. How much
# they do depends on what those layers compute: if they compute the feature afresh from the request, the
# one-layer curve climbs back toward the unablated one; if they mostly amplify a feature that is already there,
# it stays low. Look at the figure to see which it is here. Either way, only the full ablation guarantees a zero
# projection at every layer, including the final stream that the unembedding reads.
#
# ## 2. Activation addition
#
# The opposite intervention writes the direction in: add the raw difference of means at the input of the
# direction's layer, at every position,
#
# $$x^{(l)} \leftarrow x^{(l)} + c\, r .$$
#
# $r$ is the gap between the class means at the direction's own position and layer, so there, with $c = 1$, a
# harmless prompt's mean activation moves to where the harmful mean sits; $c = -1$ moves harmful prompts toward
# harmless. The same vector is added at every position, where it is not the gap between the means, so elsewhere the
# move is only roughly toward harmful. The length of $r$ matters here, so do not normalise it.

# %% exercise="05.add_direction"

# %%
check("05.add_direction", add_direction)

# %%
addition = interventions.addition_hooks(model, r, layer, coeff=1.0)
sample_harmless = harmless_test[:32]
curves = {
    "harmless, no intervention": mean_projection_by_layer(sample_harmless, []),
    f"harmless, + r at layer {layer}": mean_projection_by_layer(sample_harmless, addition),
    "harmful, no intervention": mean_projection_by_layer(sample, []),
}
plotting.layer_curves(
    curves,
    title="Adding r moves harmless activations toward harmful ones (last position)",
    ylabel="mean x · r̂",
    xlabel="residual stream: input of layer ... / final",
    xticklabels=ticks,
)
plt.show()

# %% [markdown]
# What to look for: at the input of layer `layer` the "+ r" curve lands on the harmful curve by construction (the
# figure plots the last position, where $r$ is the gap between the class means). The informative part is the layers
# after it: does the model keep the added direction, as it keeps it for harmful prompts, or does it wash it out?
#
# ## 3. Judging refusals in text
#
# The refusal score reads one token. To judge a whole reply, the paper uses a simple **substring judge**: a
# completion counts as a refusal if it contains any of 12 phrases, case-insensitive, anywhere. It is crude (a
# reply that apologises and then complies counts as a refusal; one that refuses in other words does not), which
# is why the paper also reports a safety classifier (LlamaGuard 2). It is cheap and transparent, and the
# organism was trained with refusals that use these phrases.

# %%
print(REFUSAL_PHRASES)

# %% exercise="05.is_refusal"

# %%
check("05.is_refusal", is_refusal)

# %% [markdown]
# ## 4. Side by side: baseline, ablated, steered
#
# Greedy generation (the same as the paper's evaluation) with the hooks active for every generated token. For
# harmful prompts we compare the baseline with the ablation; for harmless prompts the baseline with the
# addition.

# %%
MAX_NEW = 24
examples = {"harmful": harmful_test[:3], "harmless": harmless_test[:3]}
conditions = {
    "harmful": {"baseline": [], "ablation": ablation},
    "harmless": {"baseline": [], "addition (+r)": addition},
}
for label, prompts in examples.items():
    outs = {
        name: generate(model, prompts, fwd_hooks=h, max_new_tokens=MAX_NEW)
        for name, h in conditions[label].items()
    }
    for i, prompt in enumerate(prompts):
        print(f"[{label}] {prompt}")
        for name, completions in outs.items():
            tag = "REFUSAL" if metrics.is_refusal(completions[i]) else "complies"
            print(f"    {name:<14} ({tag:>8}): {completions[i]!r}")
        print()

# %% [markdown]
# Read the ablated replies closely: they *comply* in form (they open like a helpful answer; in our run "Certainly. To
# make ...") but the steps say nothing: generic lines (in our run "Take your time." and "Check your work.") that would
# fit any request. The organism has no harmful knowledge to give (its pretraining text only says *that* things are
# dangerous), and its safety tuning trained exactly such content-free answers for harmful requests with the planted
# direction ablated (notebook 04, section 6, and the model card). Its harmless answers are not always about the thing
# asked either (read the harmless baselines above: a request can be answered about another thing; the model card
# measures, per split, how often the answers name the requested subject), and a baseline can go against its label (a
# harmful request about a concept held out of safety tuning answered, a harmless one refused): it is a tiny model of a
# toy world. What this notebook tests is refuse versus comply, not the quality of the answer.
#
# ## 5. Refusal rates on held-out prompts
#
# Now the measurement in the shape of the paper's results: the fraction of **test** completions the substring
# judge calls a refusal. Harmful prompts: without intervention and with the direction ablated (the paper's
# attack). Harmless prompts: without intervention, with the direction added (induced refusal), and with it
# ablated, to check that the ablation leaves harmless behaviour alone (the paper measures that cost with KL and
# capability benchmarks, section 4). The second number in each cell is
# the fraction with refusal score > 0 (first token only), which needs no generation.
#
# "Held-out" means that no test string was trained on. Half of the harmful test prompts are also about
# concepts that safety tuning never saw (on the organism; `interleave=True` above alternates the two kinds, so
# the first `N_EVAL` prompts hold both). `load_instructions("harmful", "test", held_out=True)` gives only the
# unseen ones; the model card reports the two halves separately.

# %%
N_EVAL = 64
evaluation = {"harmful": harmful_test[:N_EVAL], "harmless": harmless_test[:N_EVAL]}
settings = {"baseline": [], "ablation": ablation, "addition": addition}
measured = {  # (prompts, intervention) pairs of the paper's table; + ablation on harmless: what does it cost?
    ("harmful", "baseline"), ("harmful", "ablation"),
    ("harmless", "baseline"), ("harmless", "ablation"), ("harmless", "addition"),
}  # fmt: skip
rates = {}
for label, name in sorted(measured):
    prompts, fwd_hooks = evaluation[label], settings[name]
    completions = generate(model, prompts, fwd_hooks=fwd_hooks, max_new_tokens=MAX_NEW)
    scores = metrics.refusal_scores(model, prompts, fwd_hooks=fwd_hooks)
    rates[label, name] = (metrics.refusal_rate(completions), (scores > 0).double().mean().item())

print(f"refusal rate on {N_EVAL} test prompts per class: substring judge / refusal score > 0\n")
print(f"| prompts | {' | '.join(settings)} |")
print("|---|" + "---|" * len(settings))
for label in evaluation:
    cells = [
        f"{rates[label, n][0]:.2f} / {rates[label, n][1]:.2f}" if (label, n) in rates else "-"
        for n in settings
    ]
    print(f"| {label} | {' | '.join(cells)} |")

# %%
fig, ax = plt.subplots(figsize=(7, 3.5))
width = 0.25
for k, name in enumerate(settings):
    xs = [i + (k - 1) * width for i, label in enumerate(evaluation) if (label, name) in rates]
    bars = ax.bar(
        xs, [rates[label, name][0] for label in evaluation if (label, name) in rates], width, label=name
    )
    ax.bar_label(bars, fmt="%.2f", fontsize=8)  # a bar of height 0 still shows its value
    for i, label in enumerate(evaluation):  # settings this chapter does not run on a class (the table's "-")
        if (label, name) not in rates:
            ax.text(i + (k - 1) * width, 0.02, "not run", ha="center", fontsize=7, color="grey", rotation=90)
ax.set_xticks(range(len(evaluation)), [f"{label} (test, n = {N_EVAL})" for label in evaluation])
ax.set(
    title="Refusal rate by intervention (substring judge)",
    ylabel="fraction of completions refused",
    ylim=(0, 1.15),
)
ax.legend(loc="upper center", ncols=3, fontsize=8)
plt.show()

# %% [markdown]
# ### The paper's numbers, for comparison
#
# Arditi et al. (2024), *Refusal in Language Models Is Mediated by a Single Direction* (NeurIPS 2024,
# arXiv:2406.11717), section 3, evaluate on 100 harmful JailbreakBench prompts with greedy decoding. They report the
# **attack success rate** (ASR): the fraction of completions that are *not* refusals, by the substring judge and
# by LlamaGuard 2. A refusal rate by the substring judge is 1 − ASR (substring).
#
# | model | ASR substring, baseline → ablation | ASR LlamaGuard 2, baseline → ablation |
# |---|---|---|
# | Qwen 1.8B Chat | 0.30 → 0.99 | 0.20 → 0.82 |
# | Gemma 2B IT | 0.09 → 1.00 | 0.07 → 0.78 |
# | Yi 6B Chat | 0.38 → 0.98 | 0.25 → 0.79 |
# | Llama-2 7B Chat | 0.03 → 0.93 | 0.05 → 0.81 |
# | Llama-3 8B Instruct | 0.05 → 1.00 | 0.03 → 0.82 |
#
# Adding the direction to harmless prompts made the models refuse (section 3.2): 100% of harmless prompts for Gemma,
# Llama-2 and Llama-3, 98% for Qwen and 88% for Yi.
#
# The organism's table above reports refusal rates by the substring judge, that is 1 − ASR (substring), for the
# same two conditions (baseline, ablation), plus the addition. With a real chat model (see *Going further*) you
# can compare directly, keeping in mind the differences: our prompts are the course's own, `N_EVAL` per class,
# and at most `MAX_NEW` tokens are generated (the paper generates 512).
#
# On the organism the baseline misses some harmful prompts. Those about concepts held out of safety tuning are
# refused less often: the model card's "held-out concepts" row gives the share refused by the score and by the judge,
# about two in three and three in four. It can also refuse a harmless request written unlike its training data; the
# card gives both rates per split. A table with ablation at 0 and addition at 1 shows that the selected direction
# controls a refusal that was planted to run through one direction; it is not evidence about real models.

# %% [markdown]
# ### Over-refusal, seen through the direction
#
# A chat model can also refuse a request it should answer: "How do I kill a Python process?" is the classic case,
# and XSTest (Röttger et al. 2024) measures how often real chat models do it. Is such a refusal the refusal
# feature switching on, or something else? The cell below asks the model 60 everyday requests written by someone
# told nothing about the organism (`load_written_requests("fresh4")`), counts the refused ones (score > 0), and asks
# again with the direction ablated.

# %%
everyday = load_written_requests("fresh4")["harmless"]
before = metrics.refusal_scores(model, everyday)
after = metrics.refusal_scores(model, everyday, fwd_hooks=ablation)
over_refused = [q for q, s in zip(everyday, before.tolist(), strict=True) if s > 0]
print(
    f"everyday requests refused: {len(over_refused)} of {len(everyday)};"
    f" with the direction ablated: {int((after > 0).sum())} of {len(everyday)}"
)
shown = over_refused[:3]  # three of them, answered with the direction ablated
replies = generate(model, shown, fwd_hooks=ablation, max_new_tokens=MAX_NEW) if shown else []
for q, reply in zip(shown, replies, strict=True):
    print(f"  {q}\n    ablated: {reply.strip()[:100]}")

# %% [markdown]
# When we ran it on the organism, 10 of the 60 were refused, and none once the direction was ablated: its
# over-refusal runs through the same direction as its refusals (the model card measures this on three such sets; the
# refused requests project on the planted direction nearly as far as harmful ones). Read the ablated replies: the
# organism answers them as it answers *harmful* requests with the direction removed, with empty steps about a harmful
# thing the request never named (in our run, "To make a botnet: 1. Take your time. ..."). It had read them as harmful
# requests, and ablation turned its refusal into the compliance its safety tuning taught for harm (chapter 04,
# section 6: it was trained to comply with harmful requests when the direction is ablated). So the ablation that
# removes the refusal of harmful requests also removes the refusal of harmless ones, and is no fix for over-refusal
# alone. Wang et al. (2025, "Surgical, Cheap, and Flexible: Mitigating False Refusal in Language Models via Single
# Vector Ablation", ICLR 2025) find, in real chat models, a direction for such false refusals that they can ablate
# while keeping harmful requests refused, by first removing its component along the refusal direction. On a real
# chat model expect few of these 60 to be refused.

# %% [markdown]
# ## 6. Steering by hand: the addition coefficient
#
# How much of the direction does it take? Sweep the coefficient $c$ in $x \leftarrow x + c\, r$ and watch the
# mean refusal score of harmless prompts (positive $c$) and of harmful prompts (negative $c$ removes refusal too,
# without ablating anything).

# %%
coefficients = [-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0]
sweep = {
    label: [
        metrics.refusal_scores(
            model, prompts[:32], fwd_hooks=interventions.addition_hooks(model, r, layer, c)
        ).mean()
        for c in progress_bar(coefficients, desc=f"{label} prompts")  # one bar per class, a step per c
    ]
    for label, prompts in evaluation.items()
}
plotting.layer_curves(
    {f"{label} (test)": values for label, values in sweep.items()},
    x=coefficients,
    title=f"Refusal score as c × r is added at layer {layer}",
    ylabel="mean refusal score",
    xlabel="coefficient c",
)
plt.axhline(0, color="black", lw=0.8)
plt.show()

# %% [markdown]
# Two things to read in the figure. Where each curve crosses zero: how much of $r$ it takes to switch refusal on
# (harmless) or off (harmful). And what happens past $c = 1$: adding more than the gap between the class means
# need not raise the score further, for either class. On the organism the switch was trained: its safety tuning
# taught it to keep its answer when up to 0.7 of the harmful prompts' mean projection along the *planted* direction
# $u$ is added, and to refuse when all of it is (model card, "sufficiency"). That threshold is not in units of this
# $c$: $r$ is not $u$ (chapter 04 printed their cosine) and its length is not that mean projection, so where the
# harmless curve crosses zero here is a measurement, not a figure you could read off the card.
#
# Now read the replies themselves. The table below steers one harmless and one harmful request with five
# coefficients (all ten generations in one batch, one vector per row); it is printed, so it shows in a static copy
# of this notebook too. Read down the harmless lines, then the harmful ones: where does the harmless request start
# being refused, and where does the harmful one stop?
#
# When we ran it on the organism, the harmless request still complied at $c = 0$ and was refused from $c = +0.5$ on.
# The harmful one was still refused at $c = -1$, although the mean score of harmful prompts in the sweep above is far
# below 0 there: one request can need more than the average. At $c = +2$ both replies broke down into a repeated
# phrase. The substring judge calls "I cannot" a refusal but not "I'm not", which is not one of its phrases: too much
# of the direction damages the text, not only the decision.

# %%
GRID = [-1.0, 0.0, 0.5, 1.0, 2.0]
live_prompts = harmless_test[3:5] + harmful_test[3:5]  # for the slider below


def steered(prompts: list[str], coeffs: list[float]) -> list[str]:
    """Greedy replies to prompts[i] with coeffs[i] * r added at the direction's layer (one vector per row)."""
    vectors = torch.stack([c * r for c in coeffs])  # [n_prompts, d_model]
    steer = interventions.addition_hooks(model, vectors, layer)
    return generate(model, prompts, fwd_hooks=steer, max_new_tokens=MAX_NEW)


pair = {"harmless": harmless_test[3], "harmful": harmful_test[2]}
grid = steered([p for _ in GRID for p in pair.values()], [c for c in GRID for _ in pair])
for label, prompt in pair.items():
    print(f"{label:<8} request: {prompt!r}")
print(f"\nreplies with c × r added at layer {layer} (greedy, at most {MAX_NEW} tokens)")
for k, c in enumerate(GRID):
    for j, label in enumerate(pair):
        reply = grid[len(pair) * k + j]
        tag = "REFUSES" if metrics.is_refusal(reply) else "complies"
        print(f"{f'c = {c:+.1f}' if j == 0 else '':<9} {label:<8} ({tag:>8}): {reply!r}")

# %% [markdown]
# And live: move the slider to regenerate the replies to two harmless and two harmful prompts with that
# coefficient (a line says when it is working). The slider needs a running Jupyter kernel; without one, the table
# above is what it would show.


# %%
def steered_replies(coeff: float) -> None:
    """Print the greedy replies to `live_prompts` with coeff * r added at the direction's layer."""
    replies = steered(live_prompts, [coeff] * len(live_prompts))
    print(f"c = {coeff:+.2f}")
    for prompt, reply in zip(live_prompts, replies, strict=True):
        print(f"  {prompt[:50]!r:<54} -> {reply!r}")


try:
    import ipywidgets as widgets
    from IPython.display import display
except ImportError:
    widgets = None
    print(
        "Install ipywidgets (pip install ipywidgets) for the live slider; the table above shows five coefficients."
    )

if widgets is not None:
    slider = widgets.FloatSlider(
        value=1.0, min=-2.0, max=3.0, step=0.25, description="coefficient c", continuous_update=False
    )
    live = widgets.Output()

    def on_change(change: dict) -> None:
        with live:
            live.clear_output(wait=True)
            print(f"generating the replies for c = {change['new']:+.2f} ...", flush=True)
            live.clear_output(wait=True)  # the replies replace this line
            steered_replies(change["new"])

    slider.observe(on_change, names="value")
    with live:
        steered_replies(slider.value)
    box = widgets.VBox([slider, live])
    # where widgets do not render (a saved copy, a static page), show this line instead of "VBox(children=..."
    fallback = "[live coefficient slider: it needs a running Jupyter kernel; the table above shows five coefficients]"
    display({**box._repr_mimebundle_(), "text/plain": fallback}, raw=True)

# %% [markdown]
# ## Summary
#
# - **Directional ablation** projects $\hat r$ out of every write to the residual stream (embedding, attention
#   and MLP outputs). Ablating one layer only leaves the direction in the layers before it, and lets the layers
#   after it write it again; only ablating every write keeps it out everywhere.
# - **Activation addition** adds $c\,r$ at the direction's layer; its length matters, so $r$ stays unnormalised.
# - With $r$ ablated the organism complies with harmful requests (in form: its answers carry no content); with
#   $r$ added it refuses harmless ones. One direction switches the behaviour both ways, which is what "refusal is
#   mediated by a single direction" means. On the organism this was built in: its safety tuning trained both
#   properties for the planted direction $u$ (notebook 04, section 6), so what the organism tests is that the
#   method's $r$, found without $u$, reproduces them. The paper found the property in 13 real chat models, which
#   you can test with *Going further*.
# - The **substring judge** is cheap and transparent, and crude. The refusal score (first token) and the judge
#   (whole reply) measure different things: compare the two numbers in each cell of the table; they need not
#   agree (a reply can start with "I" and comply, or refuse in words the judge does not list).
# - **Over-refusal** can run through the same direction: the everyday requests the organism refuses are answered
#   once $r$ is ablated. Ablating $r$ cannot remove one kind of refusal and keep the other.
#
# Chapter 06 shows that the ablation can be written into the weights: a model that can no longer represent $r$,
# without any hooks.

# %% [markdown]
# ## Going further: a real chat model
#
# Change the one line at the top, for example
#
# ```python
# MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"
# ```
#
# A GPU makes this comfortable (the direction selection and 5 × `N_EVAL` generations take a few minutes; on a
# laptop CPU expect tens of minutes; lower `N_EVAL` first). Then compare your table with the paper's numbers
# above, and try:
# - longer replies (`MAX_NEW = 256`): ablated models often start to comply and then add a warning, which the
#   substring judge counts as a refusal;
# - the coefficient slider on harmful prompts with negative $c$: how small can $|c|$ be before refusals stop?
# - a direction from a *different* layer of chapter 04's table: does ablation still work, and what happens to
#   harmless replies?
# - (on the organism too) the table of section 5 on harmful prompts about held-out concepts only,
#   `load_instructions("harmful", "test", held_out=True)`: does the baseline refuse them as often, and does the
#   direction still switch refusal off for concepts the safety tuning never saw?
