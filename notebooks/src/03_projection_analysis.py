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
# # 03 · Projection analysis: where and when does a direction light up?
#
# Chapter 02 found a concept direction at one place: the last token, at each layer. A chat model reads a request in a
# fixed frame, the chat template, and the question for the rest of the course is whether it represents "this request
# is harmful" as a direction, the way it represented sentiment. This chapter brings in the refusal data for the first
# time, **harmful and harmless instructions**, and maps the difference-of-means direction across the two axes of the
# residual stream: **layers** (depth) and **token positions** (time). The measuring tool is the projection from
# chapter 02 and two relatives: the cosine similarity and a separation score in standard deviations.
#
# **You will learn to**
# - project activations at every layer and token position onto a direction, and read the result as a heatmap;
# - measure how well a direction separates two classes in standard deviations (Cohen's d), on held-out prompts;
# - find which token positions carry the signal (the post-instruction tokens of the chat template);
# - compare the directions of different layers with a cosine-similarity matrix;
# - say when to use the scalar projection and when the cosine similarity.
#
# **Time:** about 40 minutes. **Prerequisites:** chapter 02 (class means, difference of means, projection).
#
# Here the direction is simply the difference of means at one chosen place. Chapter 04 chooses the place properly,
# with the paper's selection procedure, by testing what each candidate direction *does* to the model.

# %% [markdown]
# ## Setup

# %%
MODEL_NAME = None  # None = the course's model organism; or e.g. "Qwen/Qwen2.5-0.5B-Instruct"
USE_MY_CODE = True  # True: later cells use your exercise functions once they pass; False: the reference's

# %%
import matplotlib.pyplot as plt
import torch

from course_utils import directions, plotting, probing
from course_utils.activations import get_activations
from course_utils.data import load_instructions
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
from course_utils.models import default_model_name, load_model

torch.manual_seed(0)
torch.set_grad_enabled(False)
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, d_model = {model.d_model}")

# %% [markdown]
# ## 1. Harmful and harmless requests in the chat template
#
# The organism was first trained on its world's text, then taught to answer harmless requests helpfully, then to refuse
# harmful ones (its safety tuning made that refusal run through one direction: chapter 04 tells how, and checks
# whether the method finds it). Its data has train, validation and test splits; we find directions on **train** and measure them on
# **validation** prompts, which the directions have never seen.

# %%
harmful_train = load_instructions("harmful", "train")
harmless_train = load_instructions("harmless", "train")
harmful_val = load_instructions("harmful", "val")
harmless_val = load_instructions("harmless", "val")
print(
    f"train: {len(harmful_train)} harmful, {len(harmless_train)} harmless; "
    f"val: {len(harmful_val)} harmful, {len(harmless_val)} harmless"
)
for text in harmful_train[:3] + harmless_train[:3]:
    print("  ", text)

# %% [markdown]
# The model never sees a bare instruction: it sees the instruction wrapped in its chat template. Every prompt ends
# with the same few **post-instruction tokens**, the part of the template between the end of the user's text and
# the start of the model's answer. With left padding, negative positions address them in every prompt of a batch:
# position -1 is always the last template token, whatever the length of the instruction.

# %%
example = model.format_chat(harmful_train[0])[0]
print(repr(example))
ids = model.tokenize([harmful_train[0]]).input_ids[0]
n_post = len(model.post_instruction_positions)
N_SHOWN = n_post + 4  # the post-instruction tokens and the last 4 tokens of the instruction
positions = list(range(-N_SHOWN, 0))
print("last positions of this prompt:", [model.tokenizer.decode(ids[p]) for p in positions])
# Axis labels: template tokens are the same in every prompt; instruction tokens differ from prompt to prompt.
token_labels = [
    f"{p}: {model.tokenizer.decode(ids[p])!r}" if p >= -n_post else f"{p}: (instruction)" for p in positions
]
print(f"post-instruction positions: {model.post_instruction_positions}")

# %% [markdown]
# ## 2. Activations at every layer and the last positions
#
# `get_activations` runs left-padded batches and returns the residual stream at the input of every block
# (`resid_pre`) at the positions we ask for: a tensor `[n_prompts, n_layers, n_positions, d_model]`.

# %%
acts = {
    (label, split): get_activations(model, prompts, positions=positions)
    for (label, split), prompts in [
        (("harmful", "train"), harmful_train),
        (("harmless", "train"), harmless_train),
        (("harmful", "val"), harmful_val),
        (("harmless", "val"), harmless_val),
    ]
}
print(
    "harmful train:", tuple(acts["harmful", "train"].shape), "= [n_prompts, n_layers, n_positions, d_model]"
)

# %% [markdown]
# ## 3. One direction, projected everywhere
#
# Take a single direction: the difference of means at the last position (-1) of a middle layer,
# $r = \mu_{\text{harmful}} - \mu_{\text{harmless}}$, found on the training prompts. Now project **validation**
# prompts onto it at every layer and position, $p = x \cdot \hat r$, and average over prompts. The two heatmaps
# share one colour scale.

# %%
LAYER = model.n_layers // 2
r = directions.diff_of_means(acts["harmful", "train"][:, LAYER, -1], acts["harmless", "train"][:, LAYER, -1])

fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
maps = {
    label: probing.scalar_projection(acts[label, "val"], r).mean(dim=0) for label in ("harmful", "harmless")
}
vmax = max(m.abs().max().item() for m in maps.values())
for ax, (label, grid) in zip(axes, maps.items(), strict=True):
    image = ax.imshow(grid.numpy(), aspect="auto", cmap="RdBu_r", vmin=-vmax, vmax=vmax, origin="lower")
    ax.set(title=f"{label} (val): mean x · r̂", xlabel="token position", ylabel="layer (resid_pre)")
    ax.set_xticks(range(len(positions)), token_labels, rotation=60, ha="right", fontsize=7)
fig.colorbar(image, ax=axes, label=f"mean projection on r̂ (layer {LAYER}, position -1)")
plt.show()
print(f"harmful (val), position -1, mean projection on r̂ (r from layer {LAYER}):")
print("  ".join(f"layer {layer}: {maps['harmful'][layer, -1]:.1f}" for layer in range(model.n_layers)))

# %% [markdown]
# Three things to notice. First, the direction found at one layer still gives a signal at the layers after it: the
# residual stream carries what was written into it forward, and on the organism it grows further one layer later. At the
# layers before it the harmful projection is smaller: the signal is still being written. Second, it lights up all the
# post-instruction positions, not only position -1 where it was found, and the instruction tokens much less. Third, a
# projection mixes two effects: how much of the concept is present, and how large the activations are. The rest of the
# chapter separates them.

# %% [markdown]
# ## 4. How well does a direction separate the classes? Cohen's d
#
# A mean projection does not say whether the classes overlap. The standard answer is to measure the gap between the
# class means *in units of the spread within each class*. With $p = x\cdot\hat r$ for each prompt,
#
# $$d = \frac{\bar p_1 - \bar p_0}{\sqrt{(s_1^2 + s_0^2)/2}},$$
#
# where $\bar p_c$ and $s_c^2$ are the mean and (unbiased) variance of the projections in class $c$ (1 = harmful).
# $|d| = 1$ means the means are one standard deviation apart (the classes overlap a lot); $|d| > 4$ means they hardly
# overlap. Note that $d$ does not change when you rescale $r$, or rescale all activations.
#
# Write `separation(acts, labels, direction)`. It must work for one layer (`acts` `[batch, d_model]`, `direction`
# `[d_model]`) and for many positions or layers at once (`acts` `[batch, ..., d_model]`, `direction` `[..., d_model]`):
# reduce over the batch (dim 0) only.

# %% exercise="03.separation"

# %%
check("03.separation", separation)

# %% [markdown]
# Now the real question: for **each** position and layer, fit that cell's own difference-of-means direction on the
# training prompts, and measure its separation on the validation prompts. Where is harmfulness linearly readable?

# %%
val_acts = torch.cat([acts["harmful", "val"], acts["harmless", "val"]])
val_labels = torch.cat([torch.ones(len(harmful_val)), torch.zeros(len(harmless_val))]).long()
candidates = directions.diff_of_means(
    acts["harmful", "train"], acts["harmless", "train"]
)  # [n_layers, n_pos, d]
cohens_d = use("03.separation", separation, mine=USE_MY_CODE)
d_grid = cohens_d(val_acts, val_labels, candidates)  # [n_layers, n_positions]

fig = plotting.heatmap(
    d_grid,
    title="Held-out separation of harmful vs harmless (val)",
    xlabel="token position (dashed line: the template starts)",
    ylabel="layer (resid_pre)",
    colorbar_label="Cohen's d of x · r̂ (r fitted on train)",
    xticklabels=token_labels,
    annotations=[[f"{d:.1f}" for d in row] for row in d_grid.tolist()],
)
fig.axes[0].axvline(len(positions) - n_post - 0.5, color="white", ls="--", lw=1)
plt.show()
best_layer, best_pos = divmod(int(d_grid.argmax()), d_grid.shape[1])
print(f"largest separation: d = {d_grid.max():.1f} at position {positions[best_pos]}, layer {best_layer}")

# %% [markdown]
# At layer 0 the residual stream is just the token embeddings, so at the template positions every prompt has the same
# vector and nothing separates them ($d = 0$). Anything the template tokens know about the request at later layers
# was written there by attention.
#
# **Which positions carry the signal?** The last tokens of the instruction are different words in every prompt
# (`' should'`, `' i'`, `' get'`, `'?'` in the prompt printed in section 1), so their activations mostly encode those
# words. The post-instruction tokens are the same in every prompt, so whatever differs between harmful and harmless
# prompts there must have been *moved* there by attention: these positions summarise the request, right before the
# model starts its answer. Arditi et al. look for the refusal direction at the post-instruction positions only (their
# section 2.3), and chapter 04 does the same.
#
# A histogram makes a $d$ value concrete. Compare the best cell with an instruction-token cell at the same layer:

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
for ax, pos_index in zip(axes, [best_pos, 0], strict=True):
    p = probing.scalar_projection(val_acts[:, best_layer, pos_index], candidates[best_layer, pos_index])
    plotting.class_histograms(
        {"harmful (val)": p[val_labels == 1], "harmless (val)": p[val_labels == 0]},
        title=f"position {positions[pos_index]}, layer {best_layer}: d = {d_grid[best_layer, pos_index]:.1f}",
        xlabel="x · r̂ (residual-stream units)",
        ylabel="number of prompts",
        ax=ax,
    )
plt.show()

# %% [markdown]
# ## 5. Is it the same direction at every layer?
#
# Each layer has its own difference-of-means direction $r_\ell$ (at position -1, say). If the model wrote the concept
# once and later layers only carried it forward, the $r_\ell$ would point the same way. The cosine similarity
#
# $$\cos(r_i, r_j) = \frac{r_i \cdot r_j}{\lVert r_i\rVert\, \lVert r_j\rVert}$$
#
# measures that, whatever their lengths. Write `cosine_similarity_matrix(directions)`: for `directions` `[n, d_model]`
# return the `[n, n]` matrix of cosines between rows.

# %% exercise="03.cosine_similarity_matrix"

# %%
check("03.cosine_similarity_matrix", cosine_similarity_matrix)

# %%
layer_dirs = candidates[:, -1]  # position -1: [n_layers, d_model]
cosine_matrix = use("03.cosine_similarity_matrix", cosine_similarity_matrix, mine=USE_MY_CODE)
sim = cosine_matrix(layer_dirs)
plotting.heatmap(
    sim,
    title="Cosine similarity of the layers' directions (position -1)",
    xlabel="layer",
    ylabel="layer",
    colorbar_label="cos(r_i, r_j)",
    annotations=[[f"{v:.2f}" for v in row] for row in sim.tolist()],
    figsize=(5.5, 4.5),
)
plt.show()
print("cosine of each layer's direction with the next layer's:")
print("  ".join(f"{i}-{i + 1}: {sim[i, i + 1]:.2f}" for i in range(1, len(sim) - 1)))

# %% [markdown]
# Read the matrix: row and column 0 are 0, not 1. At layer 0, position -1 holds the same embedding in every prompt,
# so $r_0$ is the zero vector and has no direction (the function returns 0 for it). Then look for blocks of high
# cosines: on the organism layers 1 to 3 form one block and layers 4 and 5 another, with low cosines between them:
# the direction turns between layers 3 and 4, where the separation at the template positions rises again (the
# Cohen's d map of section 4).
#
# ## 6. Scalar projection or cosine similarity?
#
# Two numbers say how much an activation $x$ points along $r$:
#
# - the **scalar projection** $x\cdot\hat r$: a length, in the units of the residual stream. It is what an intervention
#   acts on: ablating the direction subtracts exactly $(x\cdot\hat r)\,\hat r$ (chapter 05).
# - the **cosine similarity** $\frac{x\cdot\hat r}{\lVert x\rVert}$: the same number divided by the length of $x$, between
#   -1 and 1. It says what *fraction* of the activation is along $r$.
#
# They tell different stories across layers, because the residual stream grows as layers add their outputs. Write
# `cosine_similarity(acts, direction)` for `acts` `[..., d_model]` and `direction` `[d_model]`.

# %% exercise="03.cosine_similarity"

# %%
check("03.cosine_similarity", cosine_similarity)

# %%
cosine_with = use("03.cosine_similarity", cosine_similarity, mine=USE_MY_CODE)
last = {label: val_acts[val_labels == c][:, :, -1] for c, label in [(1, "harmful"), (0, "harmless")]}
fig, axes = plt.subplots(1, 3, figsize=(14, 3.6))
plotting.layer_curves(
    {label: x.norm(dim=-1).mean(dim=0) for label, x in last.items()},
    title="Size of the residual stream (position -1, val)",
    ylabel="mean ||x||",
    ax=axes[0],
)
plotting.layer_curves(
    {label: probing.scalar_projection(x, r).mean(dim=0) for label, x in last.items()},
    title=f"Scalar projection on r̂ (r from layer {LAYER})",
    ylabel="mean x · r̂",
    ax=axes[1],
)
plotting.layer_curves(
    {label: cosine_with(x, r).mean(dim=0) for label, x in last.items()},
    title=f"Cosine similarity with r (r from layer {LAYER})",
    ylabel="mean cos(x, r)",
    ax=axes[2],
)
plt.show()

# %% [markdown]
# Compare the middle and right panels: where the projection keeps rising but the cosine is flat or falling, the growth
# comes from the residual stream getting bigger, not from the direction getting stronger.
#
# Use the **cosine** to compare across layers or across models (it is unit-free), and the **scalar projection** when
# you are about to intervene at one layer, or to compare prompts at the same layer. Chapter 07 uses the cosine with
# the refusal direction, layer by layer, to show how an adversarial suffix hides a harmful request.

# %% [markdown]
# ## Summary
#
# - Projecting activations at every layer and position onto one direction gives a map of where that direction is
#   present; a direction found at one layer is still readable at the layers after it.
# - **Cohen's d** of the projections, on held-out prompts, says how well a direction separates two classes, in
#   standard deviations; it ignores the scale of the direction and of the activations.
# - Harmfulness is most separable at the **post-instruction tokens**: template tokens that are the same in every
#   prompt, where attention has gathered a summary of the request. This is where the refusal direction is looked for.
# - The **cosine-similarity matrix** of the layer directions shows how much the direction turns from layer to layer.
# - The **scalar projection** measures length in residual-stream units (what interventions change); the **cosine
#   similarity** measures a fraction and is comparable across layers.
#
# Chapter 04 turns these candidates (one per position and layer) into one chosen refusal direction by testing what each
# one does to the model's behaviour.
#
# ## Going further: a real chat model
#
# Set `MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"` in the first code cell and run again (internet for the first
# download, about 1 GB; a laptop CPU handles the few hundred short prompts here in minutes, a GPU in seconds). Qwen's
# template ends each prompt with `<|im_end|>`, `\n`, `<|im_start|>`, `assistant`, `\n`: five post-instruction positions.
# Things to look at:
# - Does the separation concentrate on the template tokens as it does here, and at which depth (as a fraction of the
#   number of layers)? In three of the paper's models the selected direction (Arditi et al., Appendix C) sits between
#   about 38 % and 63 % of the depth: layer 15 of 24 for Qwen 1.8B (62.5 %), 10 of 18 for Gemma 2B (56 %) and 12 of
#   32 for Llama-3 8B (37.5 %). So "somewhere in the middle", not a fixed fraction.
# - Real residual streams have a few dimensions with very large values that all prompts share. Compare the scalar
#   projection and the cosine plots: which one would mislead you about where the signal is?
# - Compare `cosine_similarity_matrix` between the Qwen layers with the organism's: is there one direction or a slowly
#   turning one?
