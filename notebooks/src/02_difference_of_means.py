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
# # 02 · Difference of means: a concept as a direction
#
# Chapter 01 showed that the residual stream at each token is one vector of `d_model` numbers that every layer
# reads from and writes to. If the model has learned whether a product review is positive or negative, that
# knowledge must be somewhere in those vectors. The simplest guess is also the one this whole course tests: **a
# concept is a direction**. When the concept is present, the activation moves along that direction; when it is
# absent, it does not.
#
# The cheapest way to find such a direction needs no training at all: average the activations of examples that
# have the concept, average those that do not, and subtract. This chapter builds that tool, and then checks it
# honestly: on held-out data, at every layer, and against a trained classifier. Chapter 03 points the same tool at
# harmful and harmless requests, which is where the refusal direction of Arditi et al. (2024) comes from.
#
# **You will learn to**
# - compute the class means of residual-stream activations and the difference-of-means direction;
# - turn a direction into a classifier by projection, and measure its held-out accuracy at every layer;
# - train a logistic-regression probe and compare its direction with the difference of means (cosine similarity);
# - read a 2-D picture of two classes and say what it does and does not show.
#
# **Time:** about 45 minutes. **Prerequisites:** chapter 01 (hooks, caches, the residual stream).

# %% [markdown]
# ## Setup
#
# The one line to change for a real model is `MODEL_NAME` (see "Going further" at the end).

# %%
MODEL_NAME = None  # None = the course's model organism; or e.g. "Qwen/Qwen2.5-0.5B-Instruct"
USE_MY_CODE = True  # True: later cells use your exercise functions once they pass; False: the reference's

# %%
import matplotlib.pyplot as plt
import torch

from course_utils import plotting, probing
from course_utils.activations import get_activations
from course_utils.data import load_concept
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
from course_utils.models import default_model_name, load_model

torch.manual_seed(0)
torch.set_grad_enabled(False)
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, d_model = {model.d_model}")

# %% [markdown]
# ## 1. A concept the organism learned in pretraining
#
# Before the organism was taught to chat, it read a small "internet" about its world. Part of that text is short
# product reviews, some positive and some negative. Nobody told the model which was which: if it represents
# sentiment, it learned to because sentiment helps predict the next words of a review.
#
# `load_concept("sentiment")` returns the reviews and their labels (1 = positive, 0 = negative).

# %%
texts, labels = load_concept("sentiment")
labels = torch.as_tensor(labels)
for text, label in list(zip(texts, labels.tolist(), strict=True))[:4]:
    print(f"{label}  {text}")
print(f"\n{len(texts)} reviews, {int(labels.sum())} positive")

# %% [markdown]
# We split the reviews once, at random, into a training set (to find a direction) and a test set (to judge it).
# Why bother? With `d_model` dimensions and a few hundred examples, some direction separates almost *any*
# labelling of the training set, even a random one. A direction that only works on the data it was fitted on
# tells us nothing about the model.

# %%
order = torch.randperm(len(texts), generator=torch.Generator().manual_seed(0))
n_train = int(0.6 * len(texts))
train_idx, test_idx = order[:n_train], order[n_train:]
train_labels, test_labels = labels[train_idx], labels[test_idx]
print(f"train: {len(train_idx)} reviews, test: {len(test_idx)} reviews")

# %% [markdown]
# ## 2. Activations: one vector per review and layer
#
# The course reads activations the way the model meets text in a chat: `get_activations` wraps each review in the
# chat template as a user message, runs left-padded batches, and returns the residual stream at the input of every
# block (`blocks.{l}.hook_resid_pre`) at the positions we ask for, counted from the end. We take position **-1**,
# the last token of the prompt. In a causal model a position only sees the tokens before it, so the last one is the
# only place that has read the whole review, and it is where the model decides how its answer begins. (Chapter 03
# compares positions; you can try others in section 9.)

# %%
POSITION = -1  # the last token of the prompt
acts = get_activations(model, texts, positions=[POSITION])[:, :, 0]  # [n_texts, n_layers, d_model]
train_acts, test_acts = acts[train_idx], acts[test_idx]
print(f"position {POSITION}: acts {tuple(acts.shape)} = [n_texts, n_layers, d_model]")

# %% [markdown]
# ## 3. Class means
#
# For each class $c \in \{0, 1\}$ with $n_c$ examples, the class mean is
#
# $$\mu_c = \frac{1}{n_c} \sum_{i:\, y_i = c} x_i .$$
#
# Write `class_means`: it returns a `[2, d_model]` tensor whose row 0 is the mean of class 0 and row 1 the mean of
# class 1. Use a boolean mask (`labels == c`) to pick the rows of each class.

# %% exercise="02.class_means"

# %%
check("02.class_means", class_means)

# %% [markdown]
# Look at the two means at a middle layer: compare their lengths with the length of their difference, and their
# cosine with 1. Each mean holds what both classes share (the token itself, its position, "this is a review") plus
# what differs between them: the more they share, the closer the cosine is to 1 and the shorter the difference next
# to the means. On the organism the difference printed below is about half as long as the means: at the last token
# of this small model, sentiment is a sizeable part of the activation. Real models share much more (see *Going
# further*).

# %%
mean_of_each_class = use("02.class_means", class_means, mine=USE_MY_CODE)
mid = model.n_layers // 2
means = mean_of_each_class(train_acts[:, mid], train_labels)
print(
    f"layer {mid}: |mu_0| = {means[0].norm():.2f}, |mu_1| = {means[1].norm():.2f}, "
    f"cos(mu_0, mu_1) = {probing.cosine_similarity(means[0], means[1]):.3f}, "
    f"|mu_1 - mu_0| = {(means[1] - means[0]).norm():.2f}"
)

# %% [markdown]
# ## 4. The difference-of-means direction
#
# Subtracting the means cancels everything the classes share and keeps what differs:
#
# $$r = \mu_1 - \mu_0 .$$
#
# This is exactly how Arditi et al. find the refusal direction (their section 2.3), with "harmful" as class 1 and
# "harmless" as class 0, so the course's shared function is called `diff_of_means(harmful_acts, harmless_acts)`. Here the "harmful"
# argument is simply the class that has the concept (positive reviews). Return the raw difference, not a unit
# vector: later chapters add $r$ to the residual stream, and its length is part of the result.

# %% exercise="02.diff_of_means"

# %%
check("02.diff_of_means", diff_of_means)

# %% [markdown]
# ## 5. Reading the concept as one number: projection
#
# Once we have a direction, every activation gives one number: how far it reaches along the direction, the scalar
# projection
#
# $$p(x) = x \cdot \hat r, \qquad \hat r = r / \lVert r \rVert .$$
#
# (`course_utils.probing.scalar_projection` computes it; chapter 03 studies it in depth.) If sentiment is a
# direction, positive and negative **test** reviews, which played no part in finding $r$, should land on different
# sides.


# %%
mean_difference = use("02.diff_of_means", diff_of_means, mine=USE_MY_CODE)


def concept_direction(acts: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Difference of means, class 1 minus class 0: acts [n, ..., d_model] -> [..., d_model]."""
    return mean_difference(acts[labels == 1], acts[labels == 0])


r_mid = concept_direction(train_acts[:, mid], train_labels)
proj = probing.scalar_projection(test_acts[:, mid], r_mid)
plotting.class_histograms(
    {"negative reviews (test)": proj[test_labels == 0], "positive reviews (test)": proj[test_labels == 1]},
    title=f"Projection onto the sentiment direction, layer {mid}",
    xlabel="x · r̂ (residual-stream units)",
    ylabel="number of reviews",
)
plt.show()

# %% [markdown]
# ## 6. A projection classifier, layer by layer
#
# The histogram suggests a classifier with no learned parameters beyond $r$: predict "positive" when $p(x)$ is
# above a threshold $t$. A natural threshold is halfway between the two class means along $\hat r$:
#
# $$t = \tfrac12 \left(\mu_0 \cdot \hat r + \mu_1 \cdot \hat r\right), \qquad \text{predict } 1 \iff x \cdot \hat r > t .$$
#
# $t$ is not 0 in general: nothing centres the residual stream, so the midpoint of the two classes along $\hat r$ can
# sit anywhere, and a threshold at 0 can misclassify many examples.
#
# Write `projection_accuracy(train_acts, train_labels, test_acts, test_labels)`: fit $r$ and $t$ on the training set
# (you may call your `class_means` and the library's `probing.scalar_projection`), then return the fraction of **test**
# examples classified correctly, as a Python float.

# %% exercise="02.projection_accuracy"

# %%
check("02.projection_accuracy", projection_accuracy)

# %% [markdown]
# Now at every layer. We also run a **control task**: the same procedure on a meaningless concept, made by shuffling
# all the labels (train and test alike). No direction can predict random labels on held-out data, so the control
# must sit near 50 %; if it did not, our test itself would be fooling us (for example through a bug that lets the test
# set leak into the fit). We average it over 20 shuffles and print its range.

# %%
held_out_accuracy = use("02.projection_accuracy", projection_accuracy, mine=USE_MY_CODE)


def accuracy_by_layer(fit_labels: torch.Tensor, eval_labels: torch.Tensor) -> torch.Tensor:
    """held_out_accuracy at every layer (train_acts / test_acts), the direction refitted per layer: [n_layers]."""
    return torch.tensor(
        [
            held_out_accuracy(train_acts[:, layer], fit_labels, test_acts[:, layer], eval_labels)
            for layer in range(model.n_layers)
        ],
        dtype=torch.float64,
    )


accuracy = accuracy_by_layer(train_labels, test_labels)
generator = torch.Generator().manual_seed(1)
shuffles = [labels[torch.randperm(len(labels), generator=generator)] for _ in range(20)]
control = torch.stack(
    [accuracy_by_layer(fake[train_idx], fake[test_idx]) for fake in shuffles]
)  # [20, n_layers]
for layer in range(model.n_layers):
    print(
        f"layer {layer}: test accuracy {accuracy[layer]:.2f}   control task (shuffled labels) "
        f"{control[:, layer].mean():.2f} (range {control[:, layer].min():.2f}-{control[:, layer].max():.2f})"
    )
control = control.mean(dim=0)

# %% [markdown]
# ## 7. The difference of means versus a trained probe
#
# The most common alternative is a **logistic-regression probe**: learn $w, b$ so that
# $\sigma(x \cdot w + b)$ predicts the label, by minimising the cross-entropy plus an $L_2$ penalty
# $\tfrac{\lambda}{2}\lVert w\rVert^2$. Its weight vector $w$ is also a direction. Are the two the same direction?
#
# They need not be. The difference of means ignores how the data is spread; a probe can tilt its direction away
# from dimensions that are noisy, or lean on any feature that happens to correlate with the label. There is one
# exact link, though. At $w = 0$ the gradient of the cross-entropy with respect to $w$ is
#
# $$\nabla_w L = \big(\sigma(b) - \tfrac{n_1}{n}\big)\,\bar x \;-\; \tfrac{n_0 n_1}{n^2}(\mu_1 - \mu_0),$$
#
# with $\bar x$ the mean of all activations. Only when the bias is at its best value for $w = 0$,
# $\sigma(b) = n_1 / n$ (the share of class 1), does the first term vanish and the gradient point along
# $-(\mu_1 - \mu_0)$; with any other bias it also pulls along $\bar x$, which is far from 0 in the residual stream.
# The penalty acts on $w$ only, so with a strong penalty $w$ stays near 0 while the bias settles at that value: the
# probe then points along the difference of means.
#
# `train_logistic_probe` fits one in plain torch (full-batch L-BFGS, deterministic). We compare, at every layer, its
# held-out accuracy and the cosine similarity $\cos(w, r) = \frac{w \cdot r}{\lVert w\rVert \lVert r\rVert}$.

# %%
L2 = 1e-3
probe_accuracy, probe_cosine = [], []
for layer in range(model.n_layers):
    probe = probing.train_logistic_probe(train_acts[:, layer], train_labels, l2=L2)
    r = concept_direction(train_acts[:, layer], train_labels)
    probe_accuracy.append(probe.accuracy(test_acts[:, layer], test_labels))
    probe_cosine.append(probing.cosine_similarity(probe.weight.float(), r).item())

fig = plotting.layer_curves(
    {
        "difference of means + midpoint (test accuracy)": accuracy,
        "logistic probe (test accuracy)": probe_accuracy,
        "control task: shuffled labels (mean of 20)": control,
        "cos(probe weight, r)": probe_cosine,
    },
    title="Sentiment: two linear read-outs, layer by layer",
    xlabel="layer (resid_pre)",
    ylabel="accuracy / cosine",
)
fig.axes[0].axhline(0.5, color="black", lw=0.5)
fig.axes[0].legend(fontsize=8, loc="lower right")
plt.show()

# %% [markdown]
# How to read this figure:
# - At layer 0 the residual stream at position -1 is just the embedding of the last template token, the same in every
#   prompt, so nothing can be read there: every method predicts one class for all reviews (about 50 %).
# - Where the probe's accuracy is clearly above the projection classifier's, the information is linearly readable
#   but the difference of means is not the best direction for *classifying*: the probe has tilted away from $r$
#   (cosine below 1) to cancel variation that the two classes share and that blurs $r$. For sentiment on the
#   organism the probe is above the projection classifier at every layer from 1 on, by less in the deeper layers:
#   the difference of means is a good direction here, not the best one. Section 9 shows a concept where the gap is
#   larger.
# - That does not make the probe's direction "the" sentiment direction. A weakly regularised probe in `d_model`
#   dimensions fitted on a couple of hundred examples can lean on anything that correlates with the label. The
#   difference of means is cruder but has no such freedom; it is also the method Arditi et al. use (their
#   section 2.3).
#
# The freedom is easy to see on the control task: fit both read-outs to shuffled labels and score them on the
# *training* reviews they were fitted to.

# %%
fake = shuffles[0]
fake_probe = probing.train_logistic_probe(train_acts[:, mid], fake[train_idx], l2=L2)
fake_dom = held_out_accuracy(train_acts[:, mid], fake[train_idx], train_acts[:, mid], fake[train_idx])
print(f"shuffled labels, layer {mid}, accuracy on the training reviews themselves:")
print(f"  logistic probe (l2 = {L2:g}): {fake_probe.accuracy(train_acts[:, mid], fake[train_idx]):.2f}")
print(f"  difference of means + midpoint: {fake_dom:.2f}")

# %% [markdown]
# With `d_model` free weights the probe can fit a large share of a meaningless labelling; one direction fitted by two
# averages cannot. That is why a probe must always be judged on held-out data, and why its direction is a weaker
# clue about the model than its accuracy.
#
# The penalty $\lambda$ moves the probe between the two read-outs. Here is the trade-off at the middle layer:

# %%
for l2 in [1e-4, 1e-2, 1.0, 100.0]:
    probe = probing.train_logistic_probe(train_acts[:, mid], train_labels, l2=l2)
    print(
        f"l2 = {l2:g}: cos(w, r) = {probing.cosine_similarity(probe.weight.float(), r_mid):.3f}, "
        f"test accuracy {probe.accuracy(test_acts[:, mid], test_labels):.2f}"
    )

# %% [markdown]
# As $\lambda$ grows, $\cos(w, r) \to 1$, as the gradient at $w = 0$ (with the bias at its optimum) predicts. The price
# is the threshold. With a large penalty $w$ is short, the bias weighs more in $x \cdot w + b$, and the boundary no
# longer sits between the two classes: the test accuracy of the most penalised probe drops (last line above) although
# its *direction* is the difference of means, along which the midpoint classifier gets most of these reviews right
# (section 6). In the limit $w \to 0$ the bias alone decides and the probe predicts the same class for every review. The
# projection classifier avoids that by placing the threshold at the midpoint of the class means.

# %% [markdown]
# ## 8. A picture in two dimensions
#
# We cannot look at `d_model` dimensions, but we can choose two. The x-axis is $\hat r$. For the y-axis we take the
# direction in which the test activations vary most *once their $\hat r$ component is removed* (the top principal
# component of $x - (x\cdot\hat r)\hat r$). This picture shows how the classes sit along $r$ compared with the biggest
# other variation in the data; it is one slice of a high-dimensional cloud, not the whole story. If the two clouds
# are split by a *tilted* line rather than a vertical one, the second axis carries label information too: that is
# the kind of direction a probe can exploit and the difference of means cannot.

# %%
coords = probing.plane_coordinates(test_acts[:, mid], r_mid)
fig, ax = plt.subplots(figsize=(5, 4.5))
for c, name in [(0, "negative"), (1, "positive")]:
    ax.scatter(*coords[test_labels == c].T.numpy(), s=12, alpha=0.7, label=f"{name} reviews (test)")
ax.set(
    title=f"Test reviews at layer {mid}",
    xlabel="projection on r̂ (difference of means)",
    ylabel="top other principal component",
)
ax.legend()
plt.show()

# %% [markdown]
# ## 9. Your turn: other concepts
#
# The organism's world has two more concepts: `"truth"` (true and false one-line statements) and `"danger"` (a neutral
# sentence that mentions a dangerous or an ordinary thing). Danger matters for the rest of the course: the organism
# read about dangerous things in pretraining, *before* it was taught to refuse. The cell below runs both read-outs for
# the three concepts (`concept_read_outs` is written for you; it repeats sections 2-7 in a few lines).


# %%
def concept_read_outs(concept: str, position: int = POSITION) -> dict[str, torch.Tensor]:
    """Held-out accuracy by layer of the projection classifier and of a logistic probe (60/40 split)."""
    c_texts, c_labels = load_concept(concept)
    c_labels = torch.as_tensor(c_labels)
    c_acts = get_activations(model, c_texts, positions=[position])[:, :, 0]  # [n, n_layers, d_model]
    c_order = torch.randperm(len(c_texts), generator=torch.Generator().manual_seed(0))
    tr, te = c_order[: int(0.6 * len(c_texts))], c_order[int(0.6 * len(c_texts)) :]
    probes = [
        probing.train_logistic_probe(c_acts[tr, layer], c_labels[tr], l2=L2)
        for layer in range(model.n_layers)
    ]
    return {
        f"{concept}: difference of means": probing.projection_accuracy_by_layer(
            c_acts[tr], c_labels[tr], c_acts[te], c_labels[te]
        ),
        f"{concept}: probe": torch.tensor(
            [p.accuracy(c_acts[te, i], c_labels[te]) for i, p in enumerate(probes)]
        ),
    }


read_outs = {"sentiment: difference of means": accuracy, "sentiment: probe": torch.tensor(probe_accuracy)}
for concept in ["truth", "danger"]:
    read_outs.update(concept_read_outs(concept))
for name, values in read_outs.items():
    print(f"{name:32s}", " ".join(f"{v:.2f}" for v in values.tolist()))
fig = plotting.layer_curves(
    read_outs,
    title=f"Three concepts, held-out accuracy (position {POSITION})",
    xlabel="layer (resid_pre)",
    ylabel="test accuracy (chance = 0.5)",
)
for line in fig.axes[0].lines:  # probes dashed, difference of means solid
    line.set_linestyle("--" if line.get_label().endswith("probe") else "-")
# the legend beside the curves, not on them
fig.axes[0].legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
fig.set_size_inches(9, 3.5)
fig.tight_layout()
plt.show()

# %% [markdown]
# Questions to answer from the figure (and by calling `concept_read_outs(concept, position=-2)`, `-3`, ...):
# - A concept near 50 % for *both* read-outs is not linearly readable here: the model may not have learned it (it is
#   small, and some truth statements are facts about its invented people that it would have to have memorised), or
#   it may be stored somewhere else.
# - A concept the probe reads well but the difference of means does not is present, but mixed with other variation
#   along $r$.
# - Which concept is readable earliest? Is danger readable at all, and at which layer? Chapter 03 asks the same
#   question of harmful and harmless *requests*.

# %% [markdown]
# ## Summary
#
# - A **class mean** averages activations over examples; the **difference of means** $r = \mu_1 - \mu_0$ cancels what
#   the classes share and keeps what differs. It needs no training and no hyperparameters.
# - The **scalar projection** $x\cdot\hat r$ turns each activation into one number; thresholding it at the midpoint of
#   the class means gives a classifier, which must be judged on **held-out** data, next to a control task (shuffled labels).
# - A **logistic probe** is another linear read-out. Its direction matches the difference of means when strongly
#   regularised and can tilt away from it otherwise; high accuracy from either says the information is *linearly
#   readable*, not that the model *uses* that direction. Using is what interventions test (chapters 05-06).
# - Harmfulness ("danger") is one of the concepts the organism learned before any safety training: chapter 03 looks
#   for it in harmful and harmless *requests*.
#
# ## Going further: a real chat model
#
# Change the first code cell to `MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"` (or `"HuggingFaceTB/SmolLM2-135M-Instruct"`)
# and run the notebook again. The model is downloaded once from the Hugging Face hub (internet needed; about 1 GB for
# Qwen2.5-0.5B, which runs on a laptop CPU in a few minutes; a GPU makes it seconds). The concept datasets are plain
# English, so they work unchanged. Things to look at:
# - Real models have a few residual-stream dimensions with huge values that all examples share; see how much smaller
#   $\lVert\mu_1-\mu_0\rVert$ is than $\lVert\mu_c\rVert$, and why the midpoint threshold (not 0) matters.
# - With `d_model` = 896 and a few hundred examples, the weakly regularised probe is much freer than here: compare its
#   cosine with $r$, and its held-out accuracy, with the organism's.
# - Some "truth" statements are about the organism's invented people ("Liam is a baker."); a real model cannot know
#   those, only the sums and the categories ("A burrito is a kind of dish."). Keep only those, or write your own.
