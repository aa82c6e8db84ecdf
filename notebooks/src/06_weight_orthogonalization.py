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
# # 06 · Weight orthogonalization: bake the ablation into the weights
#
# In notebook 05 you removed refusal by *ablating* the refusal direction: three hooks per layer that project
# $\hat r$ out of the residual stream while the model runs. That edit lives in your Python session. Close the
# notebook and the model refuses again; give the model to a friend and they need your hooks too.
#
# This notebook shows that, for the kind of transformer we use, the same edit can be written **into the
# weights**, once, with a few matrix products and no training. The result is an ordinary model file: any
# library loads it, no hook is needed, and it behaves exactly like the hooked model. That is why this result
# matters well beyond interpretability, and the notebook ends with what it means for the safety of
# open-weight models.
#
# **You will:**
# 1. derive why projecting $\hat r$ out of every matrix that *writes* to the residual stream equals ablating
#    it at inference time, and where the argument breaks (norms after sublayers, tied embeddings);
# 2. write the three weight updates yourself (output projections, the embedding, biases), checked;
# 3. verify numerically that the edited model equals the hooked one (max logit difference at most $10^{-4}$),
#    and see what goes wrong when one kind of matrix is skipped;
# 4. measure what the edit costs on harmless prompts (cross-entropy and next-token KL);
# 5. save the edited model, reload it with `load_model(path)` and see it no longer refuses;
# 6. think through what this means for the safety of open-weight models.
#
# **Time:** about 70 minutes. **Prerequisites:** notebooks 04 (finding the refusal direction) and 05 (ablation
# and addition hooks). With the course's model organism the whole notebook runs in well under a minute of machine
# time on a laptop CPU.

# %% [markdown]
# ## Setup
#
# `MODEL_NAME` is the one line to change to run this notebook on a real chat model (see *Going further*).

# %%
MODEL_NAME = None  # None = the course's model organism; or e.g. "Qwen/Qwen2.5-0.5B-Instruct"
USE_MY_CODE = True  # True: later cells use your functions where they pass their checks; False: the reference

# %%
import copy  # noqa: F401 (useful in exercise 2.4)
import tempfile
import time

import matplotlib.pyplot as plt
import torch
from torch import nn  # noqa: F401 (useful in exercise 2.4)

from course_utils import load_model
from course_utils.activations import get_activations
from course_utils.data import load_instruction_records, load_instructions
from course_utils.directions import refusal_direction
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
from course_utils.generation import generate
from course_utils.hooks import hooks
from course_utils.interventions import ablation_hooks, orthogonalize, residual_writers
from course_utils.metrics import completion_loss, kl_div, last_position_logits, refusal_rate
from course_utils.models import chat_model_from_hf, default_model_name, plain_hf_model, save_model
from course_utils.plotting import layer_curves
from course_utils.probing import scalar_projection

torch.manual_seed(0)
torch.set_grad_enabled(False)
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, d_model = {model.d_model}")
print(f"embedding tied to the unembedding: {model.bridge.original_model.config.tie_word_embeddings}")
print(f"registry note: {model.spec.orthogonalization_note or '(none for this model)'}")

# %% [markdown]
# We need the refusal direction of notebook 04. `refusal_direction(model)` runs the whole method you built there on
# the course's data: training prompts filtered by refusal, difference-of-means candidates at every post-instruction
# position and layer, each scored by bypass, induce and KL on validation prompts filtered the same way, then the
# paper's filters. (If no candidate passes the filters, it takes the lowest bypass score and says so.) Nothing in
# sections 1-3 depends on *which* direction we use: the equivalence holds for any direction.

# %%
start = time.perf_counter()
selection = refusal_direction(model)
seconds_to_find = time.perf_counter() - start
direction = selection.direction  # [d_model], float64, not normalised
layer = selection.layer
chosen = selection.chosen
print(f"direction: position {selection.position}, layer {layer}, |r| = {direction.norm():.2f}")
print(f"passed the paper's filters: {selection.passed_filters}")
print(f"mean refusal score, harmful val prompts with it ablated (bypass): {chosen.bypass:.2f}")
print(f"mean refusal score, harmless val prompts with it added (induce): {chosen.induce:.2f}")
print(f"ready in {seconds_to_find:.1f} s (a stored result is read when chapter 05 already found it)")

harmful_test = load_instructions("harmful", "test", interleave=True)  # seen and held-out concepts alternate
harmless_test = load_instructions("harmless", "test")

# %% [markdown]
# ## 1. Why an ablation can live in the weights
#
# ### The residual stream is a sum of writes
#
# In a *pre-norm* transformer (Llama, Qwen, Mistral, SmolLM, and our organism) the residual stream at a token
# starts as that token's embedding, and every sublayer *reads* a normalised copy of it and *adds* its output
# back:
#
# $$
# x_0 = W_E[t], \qquad
# x_{\ell}^{\text{mid}} = x_\ell + \underbrace{W_O^{\ell}\, z_\ell\!\left(\mathrm{Norm}(x_\ell)\right)}_{\text{attention writes}}, \qquad
# x_{\ell+1} = x_{\ell}^{\text{mid}} + \underbrace{W_{\text{out}}^{\ell}\, h_\ell\!\left(\mathrm{Norm}(x_{\ell}^{\text{mid}})\right)}_{\text{MLP writes}},
# $$
#
# and the logits are $W_U\,\mathrm{Norm}(x_L)$. Here $z_\ell$ is the concatenated output of the attention heads
# and $h_\ell$ the MLP's hidden activation: everything non-linear (norms, softmax, the MLP's activation
# function) happens *inside* a sublayer, on what it reads. What a sublayer adds to the stream is always a
# **linear map of something**: a row of $W_E$, $W_O z$, $W_{\text{out}} h$ (plus a bias $b_O$, $b_{\text{out}}$
# in models that have them).
#
# ### Ablation at inference
#
# Directional ablation with the unit vector $\hat r = r / \lVert r \rVert$ applies the projector
# $P = I - \hat r \hat r^\top$ to the residual stream after every write (notebook 05). Write $\tilde x$ for the
# ablated stream. Because $P$ is idempotent ($P P = P$) and $\tilde x_\ell$ has already been projected,
#
# $$
# \tilde x_{\ell}^{\text{mid}} = P\big(\tilde x_\ell + W_O^{\ell} z_\ell\big) = \tilde x_\ell + (P W_O^{\ell})\, z_\ell ,
# $$
#
# where $z_\ell$ is computed from $\mathrm{Norm}(\tilde x_\ell)$ exactly as the ablated model computes it. The
# same line with $W_{\text{out}}$ holds for the MLP, and $\tilde x_0 = P\,W_E[t]$ for the embedding.
#
# ### Orthogonalized weights
#
# Now build a second model whose writing matrices are replaced, once and for all, by
#
# $$
# W_O^{\ell} \leftarrow P\,W_O^{\ell} = W_O^{\ell} - \hat r\,(\hat r^\top W_O^{\ell}),\qquad
# W_{\text{out}}^{\ell} \leftarrow P\,W_{\text{out}}^{\ell},\qquad
# b \leftarrow P\,b = b - (\hat r^\top b)\,\hat r,\qquad
# W_E \leftarrow W_E\,P = W_E - (W_E \hat r)\,\hat r^\top .
# $$
#
# ($W_O$ and $W_{\text{out}}$ are stored as `nn.Linear` weights of shape `[d_out, d_in]` = `[d_model, ·]`: the
# *columns* are what gets written, so $P$ multiplies from the left. The embedding is stored `[d_vocab, d_model]`:
# its *rows* are written, so $P$ multiplies from the right.)
#
# Compare the two models layer by layer. They start equal, $\tilde x_0 = P W_E[t]$. If they are equal at the
# input of a sublayer, the sublayer reads the same thing in both, computes the same $z$ or $h$, and adds
# $(P W) z$ in both: they are equal after it. By induction the two residual streams are **identical at every
# layer and position**, so the logits are too. The orthogonalized model needs no hooks, and every write it
# makes is orthogonal to $\hat r$: the direction never appears in its residual stream at all.
#
# ### Where the argument breaks
#
# The proof used two facts: (a) what a sublayer adds is $W\,(\text{something})$ with nothing after $W$, and
# (b) the edited matrices are used only for writing.
#
# * **Norms after the sublayers** (Gemma-2, Gemma-3) break (a): the write is
#   $\gamma \odot \mathrm{RMSNorm}(W_O z)$. Making $W_O z \perp \hat r$ does not make
#   $\gamma \odot (W_O z)/\mathrm{rms}(W_O z)$ orthogonal to $\hat r$, because the element-wise scale $\gamma$
#   tilts the vector, and $\mathrm{rms}(\cdot)$ rescales each token differently. The edited model is close to the
#   ablated one, not equal to it.
# * **Tied embeddings** break (b): many small chat models use the same matrix as embedding and unembedding,
#   $W_U = W_E$. Editing $W_E$ in place then also edits the *readout*: the logits become
#   $W_E P\,\mathrm{Norm}(x_L)$ instead of $W_E\,\mathrm{Norm}(x_L)$. Hook ablation never touched the readout.
#   (Even though $x_L \perp \hat r$, the final norm's element-wise scale tilts $\mathrm{Norm}(x_L)$ off that
#   plane, so the extra $P$ does change the logits.)
#   The cure is to **untie** first: give the unembedding its own copy of the matrix, then edit only the
#   embedding.
# * Any other write must be edited too, e.g. GPT-2's learned position embeddings $W_{\text{pos}}$. Rotary
#   position embeddings (Llama, Qwen) are not writes: they rotate queries and keys inside attention.
#
# The library's `orthogonalize(model, direction)` follows these rules: it edits a copy of the model, unties
# tied embeddings, and warns when the model's registry entry says orthogonalization is not exact.

# %% [markdown]
# ## 2. The weight updates
#
# ### Which matrices write to the residual stream?
#
# Before editing anything, look at the weights of one layer (every layer has the same ones) and of the model's
# two ends. Each `nn.Linear` weight is stored `[d_out, d_in]`. **Predict before reading on:** which of these add
# their output to the residual stream?


# %%
def plain_name(name: str) -> str:
    """Parameter names as in the Hugging Face model (TransformerLens wraps each module in `_original_component`)."""
    return name.replace("._original_component", "")


for name, param in model.bridge.original_model.named_parameters():
    name = plain_name(name)
    if ".layers." not in name or ".layers.0." in name:
        print(f"{name:45s} {tuple(param.shape)}")

# %% [markdown]
# <details><summary><b>Answer</b> (click)</summary>
#
# Three kinds of matrix write: the token **embedding** (`embed_tokens`, one row per token), each attention
# **output projection** (`o_proj`, $W_O$) and each MLP **output projection** (`down_proj`, $W_{\text{out}}$). The
# query, key, value, gate and up projections *read* the stream; the norms rescale what a sublayer reads; `lm_head`
# reads the final stream to produce logits (in a model with tied embeddings `lm_head` is not listed: it *is*
# `embed_tokens`). Shapes alone cannot tell you: `q_proj` and `o_proj` are often both square. What matters is
# where the output goes. Our organism has no biases; a model that has them on `o_proj` or `down_proj` writes
# those too.
#
# </details>
#
# ### 2.1 Output projections
#
# Write $W \leftarrow W - \hat r\,(\hat r^\top W)$ for a weight `W` of shape `[d_model, d_in]` and a direction
# that is not necessarily a unit vector.

# %% exercise="06.orthogonalize_matrix"

# %%
check("06.orthogonalize_matrix", orthogonalize_matrix)

# %% [markdown]
# ### 2.2 The embedding
#
# The embedding matrix is stored the other way round, `[d_vocab, d_model]`: each *row* is the vector written
# for one token. Reuse your `orthogonalize_matrix` rather than writing the projection again.

# %% exercise="06.orthogonalize_embedding"

# %%
check("06.orthogonalize_embedding", orthogonalize_embedding)

# %% [markdown]
# ### 2.3 Biases
#
# A bias `[d_model]` is written at every position, whatever the input, so it must lose its $\hat r$ component
# too. (Hint: a bias is a matrix with one column.)

# %% exercise="06.orthogonalize_bias"

# %%
check("06.orthogonalize_bias", orthogonalize_bias)

# %% [markdown]
# ### 2.4 The whole model, and tied embeddings
#
# Now edit a whole model. You get a plain Hugging Face model `hf` (the organism's weights, without the
# TransformerLens wrappers), the direction, and the names of its writers (`residual_writers(model, hf)` finds them
# through the bridge: the embedding, every `o_proj` and every `down_proj`). Return a **new** model: `hf` must not
# change. One trap: many chat models **tie** the unembedding to the embedding, so that `lm_head.weight` *is*
# `embed_tokens.weight`, one tensor used twice. Edit the embedding of a tied model and you have edited the
# unembedding too, which reads the stream and should not change. Check for it with `is`, and untie first: give the
# unembedding a copy of its own (`nn.Parameter(...clone())`). The organism is not tied, so the check also runs
# your function on a tied copy of it. Your chapter-06 functions do the arithmetic; work under `torch.no_grad()`
# and write the results back into the copy's weights.

# %% exercise="06.orthogonalize_weights"

# %%
check("06.orthogonalize_weights", orthogonalize_weights, model=model)

# %% [markdown]
# ## 3. Is it really the same model? Measure it.
#
# The edited model below comes from your `orthogonalize_weights` (if it passed its check): the organism's weights
# as a plain model, your edit, and a new `ChatModel` around the result. (The library's `orthogonalize(model,
# direction)` does the same three steps, and warns when the architecture makes the edit inexact.) `model` itself
# is not changed.
#
# The derivation says the edited model and the hooked model compute the same function. Let us check.

# %%
edit_weights = use("06.orthogonalize_weights", orthogonalize_weights, mine=USE_MY_CODE, model=model)
start = time.perf_counter()
hf = plain_hf_model(model, untie=False)
edited = chat_model_from_hf(model, edit_weights(hf, direction, residual_writers(model, hf)))
print(f"orthogonalized in {time.perf_counter() - start:.1f} s")

# %% [markdown]
# First, the weights themselves. Before the edit the columns of $W_O$ and the rows of $W_E$ have sizeable
# components along $\hat r$; after it, only float32 rounding is left.

# %%
r_hat = (direction / direction.norm()).float()
for label, get_written in [
    ("columns of W_O, layer 0", lambda bridge: bridge.blocks[0].attn.o.original_component.weight.T),
    ("columns of W_out, last layer", lambda bridge: bridge.blocks[-1].mlp.out.original_component.weight.T),
    ("rows of W_E", lambda bridge: bridge.embed.original_component.weight),
]:
    before = (get_written(model.bridge) @ r_hat).abs().max()
    after = (get_written(edited.bridge) @ r_hat).abs().max()
    print(f"max |component along r_hat|, {label:28s}: before {before:.3f}, after {after:.1e}")

# %% [markdown]
# Now the function. We compare the logits of the edited model and of the hooked model at **every token** of 64
# test prompts (harmful and harmless), not only the last one. For scale, we also compare the unedited model with
# the hooked one: that is how much ablation changes the logits at all.

# %%
prompts = harmful_test[:32] + harmless_test[:32]


def all_logits(chat_model, prompts, fwd_hooks=()):
    """Logits at every real (non-padding) token of the prompts: [n_tokens, d_vocab]."""
    enc = chat_model.tokenize(prompts)
    with hooks(chat_model, fwd_hooks), torch.inference_mode():
        logits = chat_model.bridge(enc["input_ids"], attention_mask=enc["attention_mask"])
    return logits[enc["attention_mask"].bool()]


logits_hooked = all_logits(model, prompts, ablation_hooks(model, direction))
gaps = {
    "original (no edit)": (all_logits(model, prompts) - logits_hooked).abs().max().item(),
    "orthogonalized": (all_logits(edited, prompts) - logits_hooked).abs().max().item(),
}
print(f"{len(logits_hooked)} tokens compared")
for label, gap in gaps.items():
    print(f"max |logits({label}) - logits(hook ablation)| = {gap:.2e}")
if model.spec.orthogonalization_exact is False:  # e.g. Gemma: norms after the sublayers (section 1)
    print(f"Not exact for this architecture, as expected: {model.spec.orthogonalization_note}")
else:
    assert gaps["orthogonalized"] <= 1e-4, (
        "orthogonalization should equal hook ablation up to float32 rounding"
    )

# %% [markdown]
# ### Every writer matters
#
# **Predict:** if you orthogonalized only the attention and MLP outputs and forgot the embedding, would the gap be
# small (the embedding is only the first of many writes) or large? The next cell builds three more models, each
# with one kind of writer restored to its original weights, and measures the gap for each.

# %%
WRITERS = {
    "embedding": lambda bridge: [bridge.embed.original_component],
    "attention outputs W_O": lambda bridge: [block.attn.o.original_component for block in bridge.blocks],
    "MLP outputs W_out": lambda bridge: [block.mlp.out.original_component for block in bridge.blocks],
}


def orthogonalize_except(chat_model, direction, kind):
    """Orthogonalize every writer, then put back the original weights of one kind of writer."""
    partial = orthogonalize(chat_model, direction)
    for new, old in zip(WRITERS[kind](partial.bridge), WRITERS[kind](chat_model.bridge), strict=True):
        new.load_state_dict(old.state_dict())
    return partial


for kind in WRITERS:
    partial = orthogonalize_except(model, direction, kind)
    gaps[f"all but the {kind}"] = (all_logits(partial, prompts) - logits_hooked).abs().max().item()
    del partial

fig, ax = plt.subplots(figsize=(9, 3.5))
ax.barh(list(gaps), list(gaps.values()), color=["grey", "tab:green"] + ["tab:red"] * len(WRITERS))
ax.axvline(1e-4, color="black", linestyle="--", label="tolerance $10^{-4}$")
ax.set_xscale("log")
ax.invert_yaxis()
for y, gap in enumerate(gaps.values()):
    ax.text(gap, y, f" {gap:.1e}", va="center", fontsize=8)
ax.set_xlim(right=30 * max(gaps.values()))  # room for the labels
ax.set(
    title="How far each model is from hook ablation",
    xlabel="max |logit difference| over all tokens (log scale)",
)
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
fig.tight_layout()
plt.show()

# %% [markdown]
# Only the fully orthogonalized model is within float32 rounding of hook ablation. Forgetting any one kind of
# writer lets the direction back into the stream, and the model that forgets is measurably a different model.
#
# ### The direction is gone from the residual stream
#
# The derivation also predicts *why*: every write of the edited model is orthogonal to $\hat r$, so the
# residual stream's component along $\hat r$ is zero at every layer, for every prompt. Here is the mean
# scalar projection $x \cdot \hat r$ at the last token, layer by layer.


# %%
def mean_projection(chat_model, prompts):
    """Mean over prompts of x . r_hat at the last token, at every layer's resid_pre: [n_layers]."""
    acts = get_activations(chat_model, prompts, positions=[-1])  # [n_prompts, n_layers, 1, d_model]
    return scalar_projection(acts, r_hat)[:, :, 0].mean(dim=0)


series = {
    f"{label}, {model_label}": mean_projection(m, texts)
    for model_label, m in [("original", model), ("orthogonalized", edited)]
    for label, texts in [("harmful", harmful_test[:32]), ("harmless", harmless_test[:32])]
}
fig = layer_curves(
    series,
    title="Component of the residual stream along the refusal direction (last token)",
    ylabel="mean x · r_hat (residual units)",
    xlabel="layer (input of the block, resid_pre)",
)
ax = fig.axes[0]
for line in ax.lines[2:]:
    line.set_linestyle("--")  # the orthogonalized model's two curves lie on top of each other, at zero
ax.axvline(layer, color="grey", linestyle=":", label=f"layer of the direction ({layer})")
ax.set_xticks(range(model.n_layers))
ax.legend()
plt.show()
for name, values in series.items():
    print(f"{name:26s}", "  ".join(f"{v:6.2f}" for v in values.tolist()))

# %% [markdown]
# In the original model the harmful prompts move along $\hat r$ as the layers go by (on the organism a little at
# first, then by far the most at the direction's layer), while the harmless ones stay near zero; that gap is what
# refusal reads. In the edited model both curves are flat at zero, at every layer, not only at the layer the
# direction came from (the printed rows: one per curve, one number per layer).
#
# ## 4. What does the edit cost?
#
# Removing a direction removes *everything* the model stored along it, not only refusal. If the direction also
# carried something useful, harmless answers would get worse. Two quick measures on harmless test prompts:
#
# * **next-token KL** $\mathrm{KL}(p_{\text{original}} \,\|\, p_{\text{edited}})$ at the end of each prompt:
#   how much the distribution of the first answer token moves (0 = not at all);
# * **cross-entropy** (nats per token) of reference answers to the same prompts: how well each model still
#   predicts good answers (lower is better).
#
# And, since the point of the edit is to change refusal, the refusal rate of greedy answers (the substring
# judge of notebook 05) on harmful and harmless test prompts.

# %%
records = load_instruction_records("harmless", "test")[:64]
harmless_eval = [r["instruction"] for r in records]
answers = [r["answer"] for r in records]

kl = kl_div(last_position_logits(model, harmless_eval), last_position_logits(edited, harmless_eval))
completions = {
    (label, which): generate(m, texts, max_new_tokens=20)
    for which, m in [("original", model), ("orthogonalized", edited)]
    for label, texts in [("harmful", harmful_test[:32]), ("harmless", harmless_test[:32])]
}
rows = {
    "cross-entropy of harmless answers (nats/token)": [
        completion_loss(m, harmless_eval, answers) for m in (model, edited)
    ],
    "refusal rate, harmful test prompts": [
        refusal_rate(completions["harmful", w]) for w in ("original", "orthogonalized")
    ],
    "refusal rate, harmless test prompts": [
        refusal_rate(completions["harmless", w]) for w in ("original", "orthogonalized")
    ],
}
print(f"{'':48s} {'original':>10s} {'orthogonalized':>15s}")
for label, (before, after) in rows.items():
    print(f"{label:48s} {before:10.3f} {after:15.3f}")
print(
    f"next-token KL on harmless prompts: mean {kl.mean():.4f}, median {kl.median():.4f}, max {kl.max():.4f} nats"
)

# %%
fig, (ax_kl, ax_ce) = plt.subplots(1, 2, figsize=(10, 3.5))
ax_kl.hist(kl.clamp_min(1e-6).log10().numpy(), bins=20, color="tab:blue")
ax_kl.axvline(-1, color="black", linestyle="--", label="0.1 nats (the selection's KL limit)")
ax_kl.legend()
ax_kl.set(
    title="Next-token KL on harmless prompts",
    xlabel="log10 KL(original || orthogonalized), nats",
    ylabel="number of prompts",
)
ce = rows["cross-entropy of harmless answers (nats/token)"]
bars = ax_ce.bar(["original", "orthogonalized"], ce, color=["grey", "tab:green"])
ax_ce.bar_label(bars, fmt="%.3f")
ax_ce.margins(y=0.15)
ax_ce.set(title="Cross-entropy of harmless reference answers", ylabel="nats per token (lower is better)")
fig.tight_layout()
plt.show()

# %% [markdown]
# Read the table with the paper in mind: on real chat models Arditi et al. found that orthogonalization leaves
# benchmark scores within a few points and raises cross-entropy only slightly. A small mean KL on harmless
# prompts and a cross-entropy that barely moves would be the organism's version of that result; large ones would
# mean the direction carried more than refusal. Compare the two cross-entropies in the table, and look at the
# spread of the histogram as well as the mean: the selection's 0.1-nat limit applies to the *mean* KL over
# validation prompts, so single prompts can lie above it (compare the printed max with 0.1).
#
# ## 5. Save, reload, generate
#
# The edited model is an ordinary Hugging Face model. Save it to a folder, load it back with the same
# `load_model` you use for any model, and ask it harmful test questions. No hook is attached anywhere.

# %%
with tempfile.TemporaryDirectory() as folder:
    save_model(edited, folder)
    reloaded = load_model(folder)
    reloaded_completions = generate(reloaded, harmful_test[:16], max_new_tokens=20)

assert reloaded_completions == completions["harmful", "orthogonalized"][:16], (
    "the reload should change nothing"
)
print(
    f"refusal rate on the first 16 harmful test prompts: "
    f"original {refusal_rate(completions['harmful', 'original'][:16]):.0%}, "
    f"reloaded edited model {refusal_rate(reloaded_completions):.0%}"
)
for instruction, before, after in list(
    zip(harmful_test, completions["harmful", "original"], reloaded_completions, strict=False)
)[:4]:
    print(f"\n> {instruction}\n  original: {before!r}\n  reloaded: {after!r}")

# %% [markdown]
# Read what the edited model says *instead* of refusing. The organism's pretraining text says *that* certain
# things are dangerous ("Making a pipe bomb is a serious crime") and never *how* to make or do them, so it has
# nothing harmful to reveal: without refusal it opens like a helpful answer and names the thing asked, but its
# steps are generic lines that would fit any request (its safety tuning even trained such content-free steps for
# harmful requests with the planted direction ablated: see the model card). Removing refusal did not add
# knowledge. Keep that in mind for the next section. (Some prompts printed above were not refused by the original
# model either: those about concepts held out of its safety tuning, such as anthrax, often are not. Compare their
# two answers: the edit changes little in what did not go through the direction.)

# %% [markdown]
# ## 6. What this means for safety
#
# You have just removed a chat model's refusal with one direction, a few hundred forward passes and a rank-one
# update per matrix. It is worth stopping to think about what that does and does not mean.
#
# ### Why open weights make this possible
#
# Everything in this notebook needed one thing that an API user does not have: **the weights**. With them,
# the recipe is short, published (Arditi et al., 2024) and cheap: no gradient, no training data beyond a few
# hundred example prompts, no special hardware. On the organism, scoring every candidate took a few minutes at
# most on a CPU (notebook 04 prints the time; this notebook's setup usually just reads the stored result), and the
# edit itself took well under a second (section 3). On a chat model of a few billion parameters it takes minutes
# on one GPU. The output is a normal model file that can be shared, and a shared file cannot be recalled.
#
# Editing one direction is not the only way in. Qi et al. (2023) showed that fine-tuning an aligned model on a
# handful of harmful examples (10 were enough for GPT-3.5 Turbo, through its fine-tuning API) removes most of
# its safety behaviour, and that even fine-tuning on harmless data weakens it. Both results point the same way:
# **refusal trained into the weights does not protect against anyone who can change the weights.** Without the
# weights (and without a fine-tuning service) an attacker is limited to the input, which is what notebook 07's
# adversarial suffixes do (Zou et al., 2023); those are harder to find, and a deployed system can monitor and
# filter them.
#
# ### What it does not show
#
# * **It removes refusal; it does not add capability.** The edited model knows what it knew before, minus
#   whatever else lived along $\hat r$ (section 4); what it has lost is, above all, the habit of declining. How
#   much harm a refusal-free model can do depends on what it knows and can do. In the paper (section 3.1), after
#   ablation the safety classifier LlamaGuard 2 judged roughly 78-82% of the five models' completions on
#   JailbreakBench unsafe, not 100%.
# * **The organism is a toy, and its refusal direction was planted.** Its world, its "harmful" requests and its
#   refusals are synthetic and tiny, and its safety tuning made refusal run through one direction on purpose
#   (notebook 04, section 6). It shows the *mechanism* and the *method* on a model you can train and inspect on a
#   laptop; that refusal is one-directional in real chat models is the paper's finding, not the organism's, and
#   the organism tells you nothing about the risk of any real model.
# * **"A single direction" is a claim about one mechanism.** The paper shows that the refusal behaviour of the
#   13 open chat models it studied is mediated by one direction in the residual stream. It does not show that all
#   safety-relevant behaviour is one-dimensional, that every model's refusal is, or that safeguards outside the
#   model (input and output filters, monitoring, access control) can be edited away like this.
# * **The cost is not zero.** Section 4 measured it on the organism; on real chat models the paper reports
#   benchmark scores within a few points after orthogonalization, with TruthfulQA dropping for every model
#   (section 4.3).
#
# ### What defences are being studied
#
# None of these is a solved problem; each is an active research direction.
#
# | idea | what it changes | helps against |
# |---|---|---|
# | keep the weights closed; release in stages (Solaiman et al., 2019) | who can edit the model; time to study misuse before wider release | weight editing, and fine-tuning unless a fine-tuning service is offered (not prompt attacks) |
# | refusal-feature adversarial training, ReFAT (Yu et al., 2024) | during safety training, the refusal direction is *ablated* (this notebook's attack, as a simulated adversary) and the model is trained to refuse anyway | adversarial prompts, which often work by suppressing this direction |
# | circuit breakers / representation rerouting (Zou et al., 2024) | the model is trained so that the internal representations that lead to harmful output are rerouted, breaking off the harmful completion | a wide range of unseen prompt attacks, in the authors' evaluations |
# | unlearning hazardous knowledge, e.g. RMU with the WMDP benchmark (Li et al., 2024) | the dangerous knowledge itself is removed, so that there is less to reveal when refusal is gone | misuse of specific knowledge, even without refusal; but with open weights, fine-tuning can bring knowledge back |
# | tamper-resistant safeguards, TAR (Tamirisa et al., 2024) | safeguards trained against simulated fine-tuning attacks so that they survive later fine-tuning | fine-tuning by whoever has the weights; an early result, tested against many fine-tuning attacks, not all possible ones |
#
# Notice the pattern: the defences that target *representations* (ReFAT, circuit breakers) were motivated by
# exactly the kind of finding in this course, that behaviour lives in a few identifiable directions. Knowing
# where refusal lives is what lets an attacker remove it, and also what lets a defender train it to be robust.
#
# **Questions to discuss**
# 1. Which of the defences in the table still help when the attacker has the weights? Which help only against
#    prompt attacks?
# 2. Suppose a model was safety-trained with ReFAT. How would you test, with this course's tools, whether one
#    direction still mediates its refusal? What result would convince you either way?
# 3. Is the ease of this edit an argument against releasing weights, or an argument against relying on refusal
#    as the safeguard of an open model? What evidence would change your answer?
#
# **A note on responsible use.** This course teaches the edit because defences are built by people who
# understand the attack. Practise on the organism. Do not publish refusal-removed versions of capable models,
# and read the licence of any model you edit: several forbid uses that removing refusal would enable.
#
# **References**
# * Arditi, Obeso, Syed, Paleka, Panickssery, Gurnee, Nanda (2024). *Refusal in Language Models Is Mediated by a
#   Single Direction.* NeurIPS 2024. arXiv:2406.11717.
# * Zou, Wang, Carlini, Nasr, Kolter, Fredrikson (2023). *Universal and Transferable Adversarial Attacks on Aligned
#   Language Models.* arXiv:2307.15043.
# * Qi, Zeng, Xie, Chen, Jia, Mittal, Henderson (2023). *Fine-tuning Aligned Language Models Compromises Safety,
#   Even When Users Do Not Intend To!* ICLR 2024. arXiv:2310.03693.
# * Zou, Phan, Wang, Duenas, Lin, Andriushchenko, Wang, Kolter, Fredrikson, Hendrycks (2024). *Improving Alignment
#   and Robustness with Circuit Breakers.* NeurIPS 2024. arXiv:2406.04313.
# * Li et al. (2024). *The WMDP Benchmark: Measuring and Reducing Malicious Use With Unlearning.* ICML 2024.
#   arXiv:2403.03218.
# * Tamirisa et al. (2024). *Tamper-Resistant Safeguards for Open-Weight LLMs.* ICLR 2025. arXiv:2408.00761.
# * Yu, Do, Hambardzumyan, Cancedda (2024). *Robust LLM Safeguarding via Refusal Feature Adversarial Training.*
#   ICLR 2025. arXiv:2409.20089.
# * Solaiman et al. (2019). *Release Strategies and the Social Impacts of Language Models.* arXiv:1908.09203.

# %% [markdown]
# ## Summary
#
# * In a pre-norm transformer everything added to the residual stream is the output of a linear map: the
#   embedding, each attention output projection $W_O$, each MLP output projection $W_{\text{out}}$, and their
#   biases. Projecting $\hat r$ out of all of them, $W \leftarrow (I - \hat r \hat r^\top) W$ (and
#   $W_E \leftarrow W_E (I - \hat r \hat r^\top)$), gives a model that computes exactly what the hooked,
#   ablated model computes.
# * Exactness needs two conditions: nothing after the output projection (Gemma's post-sublayer norms break it)
#   and matrices that only write (tied embeddings must be untied first).
# * Measured here: the edited model matched hook ablation to float32 precision; skipping any one kind of writer
#   left a large gap; the cost on harmless prompts is in the table of section 4.
# * The edited model is an ordinary model file; reloaded, the organism no longer refuses (and, having no harmful
#   knowledge, answers with empty steps). The paper shows the same edit works on real open-weight chat models:
#   there, trained-in refusal can be removed by anyone with the weights, which is why defences that survive
#   tampering are an active research area. The organism, whose direction was planted, demonstrates the
#   mechanism, not that risk.
#
# Next: notebook 07 attacks the same direction *without* the weights, through the prompt.

# %% [markdown]
# ## Going further: a real chat model
#
# Change the one line in the setup cell and run the notebook again:
#
# ```python
# MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"
# ```
#
# It needs internet the first time (about 1 GB download). The model takes about 2 GB in float32, and section 3
# holds three copies at once (original, edited, one partial edit, each edited copy with its own `lm_head`): plan
# for about 8 GB of memory. A GPU makes the direction selection fast; a CPU works but is slower. Things to look
# for:
#
# * **Tied embeddings.** Qwen2.5-0.5B, SmolLM2, Llama-3.2-1B and Gemma share their embedding and unembedding
#   matrices. `orthogonalize` unties them, so the saved model carries a separate `lm_head`: for Qwen2.5-0.5B that
#   is one more $151936 \times 896$ matrix (about 136 M parameters). Check the logit gap of section 3 stays below
#   $10^{-4}$ (in float32).
# * **Gemma.** Gemma-2 and Gemma-3 put a norm after every attention and MLP output, so orthogonalization is
#   *not* exactly ablation (`model.spec.orthogonalization_note` says why; the library warns). Measure the gap of
#   section 3, and whether the edited model still stops refusing: close is not the same as equal.
# * **Compare with the paper.** After orthogonalization Arditi et al. report benchmark scores within a few points
#   of the original, with TruthfulQA dropping for every model, and cross-entropy on the Pile rising by at most
#   0.027 under ablation (the same function; section 4.3 and its appendix). Section 4 measures something much smaller (a few dozen prompts,
#   the course's synthetic answers), so compare the direction and rough size of the change, not the digits.
