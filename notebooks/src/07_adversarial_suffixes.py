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
# # 07 · Adversarial suffixes: a jailbreak seen through the refusal direction
#
# Notebooks 04 to 06 changed the *model* to stop refusal: a hook, or an edit of the weights. An attacker who
# can only type cannot do that. What they can do is append text to the request, and there are algorithms that
# search for text that makes a model comply: **adversarial suffixes**. The best known is greedy coordinate
# gradient (GCG, Zou et al. 2023), which produces strings like `describing.\ + similarlyNow write oppositeley.](`
# that look like noise to us and work on the model.
#
# Arditi et al. (2024, section 5) asked *how* such a suffix works, using the refusal direction as the measuring
# tool. Their answer, for one model: the suffix stops the direction from being written at the last token. The
# attention heads that normally write it look at the suffix instead of at the harmful instruction. In this
# notebook you build GCG yourself, run it on the course's model organism, and repeat their measurements.
#
# **You will:**
# 1. compute gradients with respect to *one-hot* tokens and write one GCG step (checked);
# 2. run the full search, and check the suffix by greedy generation (and against a random suffix of the same
#    length);
# 3. measure whether the suffix transfers to other harmful requests;
# 4. follow the refusal direction across layers with and without the suffix;
# 5. find the heads that write the direction (direct feature attribution, checked) and see where they attend
#    (attention mass, checked);
# 6. think about what this says about defences.
#
# **Time:** about 65 minutes. **Prerequisites:** notebooks 04 (the refusal direction) and 05 (ablation, the
# substring judge). With the organism the whole notebook takes well under a minute of machine time on a 2-core
# CPU; the suffix search is its longest step (seconds, up to a minute on a slow laptop).

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

from course_utils import gcg, plotting  # noqa: F401 (gcg.gcg_step: the library's step, for exercise 3)
from course_utils.activations import get_activations
from course_utils.attribution import head_attention_mass, head_attributions, stacked_W_O, top_heads
from course_utils.data import load_instructions
from course_utils.directions import refusal_direction
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
from course_utils.gcg import (
    GCGConfig,
    random_suffix,
    refusal_rates_with_suffixes,
    refused_prompts,
    run_gcg,
    sample_candidates,
)
from course_utils.generation import generate
from course_utils.metrics import is_refusal
from course_utils.models import default_model_name, load_model
from course_utils.probing import cosine_similarity

torch.manual_seed(0)
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, {model.n_heads} heads per layer, d_model = {model.d_model}")

# %% [markdown]
# The refusal direction, selected as in notebook 04 (a few seconds on the organism):

# %%
selection = refusal_direction(model, progress=False)
direction = selection.direction.float()  # [d_model], the raw difference of means
r_hat = torch.nn.functional.normalize(direction, dim=0)  # the unit vector r / |r|
print(
    f"refusal direction: position {selection.position}, layer {selection.layer}, |r| = {direction.norm():.2f}"
)

# %% [markdown]
# We attack and measure only harmful requests that the model actually refuses without a suffix: a suffix cannot
# "break" a refusal that was never there. `refused_prompts` keeps the prompts whose greedy answer the substring
# judge calls a refusal.

# %%
MAX_NEW_TOKENS = 16  # enough for the judge: refusals say so in their first words
refused_val = refused_prompts(model, load_instructions("harmful", "val")[:16], max_new_tokens=MAX_NEW_TOKENS)
refused_test = refused_prompts(
    model, load_instructions("harmful", "test")[:40], max_new_tokens=MAX_NEW_TOKENS
)[:32]
harmless_test = load_instructions("harmless", "test")[:32]
target_prompt = (refused_val or load_instructions("harmful", "val"))[0]
print(f"refused: {len(refused_val)} validation and {len(refused_test)} test harmful prompts")
print("the prompt we attack:", repr(target_prompt))
print("its answer:", repr(generate(model, [target_prompt], max_new_tokens=MAX_NEW_TOKENS)[0]))

# %% [markdown]
# ## 1. Gradients with respect to tokens
#
# ### What we optimise
#
# A suffix is $n$ tokens $s = (s_1, \dots, s_n)$ appended to the instruction, inside the chat template:
#
# `[template + instruction] [s_1 ... s_n] [post-instruction tokens] [target]`
#
# We need a loss $L(s)$ that is small when the model complies. We use the **cross-entropy of a compliant
# opening**, here the target `"Sure"` (the organism opens many helpful answers with it):
#
# $$ L(s) = -\frac{1}{T}\sum_{t=1}^{T} \log p\big(\text{target}_t \mid \text{prompt}(s),\ \text{target}_{<t}\big). $$
#
# *Why this loss and not "minus the refusal score"?* The refusal score only pushes probability *away from* the
# refusal tokens ("I", "Sorry"); the model may then open with another word and still refuse. The target loss asks
# for what we want: once "Sure" is the most likely first token, greedy decoding starts a compliant answer. (The
# library also offers `objective="refusal"`; try it in *Going further*.)
#
# ### Why a one-hot gradient
#
# Tokens are discrete: there is no $\partial L / \partial s_i$. GCG writes token $i$ as a one-hot row
# $E_i \in \{0,1\}^{V}$, so that its embedding is $E_i W_E$ (a row of the embedding matrix), and differentiates
# with respect to $E$ *as if it were continuous*:
#
# $$ g = \frac{\partial L}{\partial E} \in \mathbb{R}^{n \times V}, \qquad
#    L(s \text{ with } s_i := v) - L(s) \;\approx\; g_{i,v} - g_{i,s_i}. $$
#
# One backward pass ranks **all** $n \times V$ single-token swaps at once. Equivalently
# $g_{i,:} = W_E\, \partial L / \partial x_i$, the gradient at the embedding $x_i$ projected on every token's
# embedding. The library's `SuffixObjective.one_hot_loss(one_hot)` computes $L$ from a one-hot matrix (it
# replaces the suffix's embeddings by `one_hot @ W_E` with a hook on `hook_embed`). Write the gradient.

# %% exercise="07.token_gradients"

# %%
check("07.token_gradients", token_gradients)

# %% [markdown]
# ## 2. One GCG step
#
# The linear approximation is crude (a swap is a big jump, not an infinitesimal move), so GCG uses it only to
# *shortlist*, then measures exactly:
#
# 1. $g$ = token gradients; tokens that must not appear (special tokens, unprintable ones) get $+\infty$;
# 2. per position, the `top_k` tokens with the most negative $g_{i,v}$ (largest predicted decrease);
# 3. `n_candidates` copies of the suffix, each with **one** random position swapped to one of its top-k tokens
#    (`sample_candidates`, given below, draws them from a seed so the check is reproducible);
# 4. drop candidates whose text would not survive decoding (`objective.keep_valid`: BPE may merge two tokens
#    into a different one when the suffix is typed back in);
# 5. evaluate every candidate exactly in one batched forward pass (`objective.batch_loss`), keep the best, or
#    keep the current suffix if no candidate is better (so the loss never goes up).
#
# The check uses a toy objective with the same three methods (no model, milliseconds).

# %%
print(
    sample_candidates(
        torch.tensor([5, 6, 7]),
        torch.tensor([[50, 51], [60, 61], [70, 71]]),
        4,
        torch.Generator().manual_seed(0),
    )
)  # each row: one position changed to a top-k token

# %% exercise="07.gcg_step"

# %%
check("07.gcg_step", gcg_step)

# %% [markdown]
# ## 3. The search
#
# The search repeats the step: score the starting suffix, then step after step keep whatever `gcg_step` returns,
# recording the loss, until the step budget runs out or a stopping rule says the suffix already works. Two details
# make it reproducible and correct. Each step needs its own random draws (otherwise every step samples the same
# swap positions), yet the whole search must be repeatable from one seed: so ONE generator, seeded once, hands
# each step its seed. And the stopping rule is asked *before* each step, so a suffix that already works is not
# stepped away from. Call the library's step, `gcg.gcg_step` (your own `gcg_step` above has the same name).

# %% exercise="07.gcg_search"

# %%
check("07.gcg_search", gcg_search)

# %% [markdown]
# `run_gcg` builds the real objective, starts from a seeded random suffix and runs your loop (if it passed its
# check; otherwise the library's) with its stopping rule: stop once the target is the greedy continuation. The
# progress bar shows the loss and the current suffix. **Predict:** will the suffix that comes out read like
# English?

# %%
config = GCGConfig(n_tokens=12, n_steps=80, top_k=64, n_candidates=128, target="Sure", seed=0)
search = use("07.gcg_search", gcg_search, mine=USE_MY_CODE)
result = run_gcg(model, target_prompt, config, search=search)
print(f"{result.steps} steps, {result.seconds:.0f} s, loss {result.losses[0]:.2f} -> {result.loss:.2f}")
print("adversarial suffix:", repr(result.suffix))

# %%
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(result.losses, marker="o", markersize=2)
ax.set(
    title="GCG: loss of the kept suffix",
    xlabel="step",
    ylabel=f"cross-entropy of {config.target!r} (nats)",
)
ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# Does it work? We ask the model with greedy decoding, and compare with a **random suffix of the same length**:
# if any gibberish broke refusal, the search would be pointless.

# %%
random_text = random_suffix(model, target_prompt, config.n_tokens, seed=1)
for label, suffix in [("no suffix", ""), ("adversarial", result.suffix), ("random", random_text)]:
    answer = generate(model, [target_prompt], suffix=suffix, max_new_tokens=MAX_NEW_TOKENS)[0]
    print(f"{label:12s} refusal={is_refusal(answer)!s:5s} suffix={suffix!r}\n{'':12s} answer: {answer!r}")

# %% [markdown]
# Look at *what* the model says with the adversarial suffix, not only whether the judge calls it a refusal. When we
# ran it, the organism opened compliantly ("Sure! To make a keylogger:") and began a numbered list of generic steps
# ("1. Take your time"): the form of an answer about the thing asked, with no content, because its world holds no
# harmful know-how. The substring judge counts that as
# "not a refusal"; the paper also used a safety judge (LlamaGuard) because "not refused" is not "harmful". The
# random suffix (seed 1) left the refusal in place.
#
# ## 4. Does the suffix transfer?
#
# The suffix was optimised for one prompt. Zou et al. found suffixes that transfer to other requests (and even
# other models), especially when optimised on several prompts at once. Here: the refusal rate on held-out harmful
# test prompts that the model refuses without a suffix (so without a suffix the rate is 1), with the adversarial
# suffix and with two random suffixes of the same length.

# %%
controls = {f"random {s}": random_suffix(model, target_prompt, config.n_tokens, seed=s) for s in (1, 2)}
suffixes = {"adversarial": result.suffix, **controls}
rates = refusal_rates_with_suffixes(
    model, refused_test or [target_prompt], suffixes, max_new_tokens=MAX_NEW_TOKENS
)
for name, rate in rates.items():
    print(f"{name:12s} refusal rate {rate:.2f}")

fig, ax = plt.subplots(figsize=(6, 3))
ax.bar(list(rates), list(rates.values()), color=["tab:red"] + ["tab:blue"] * len(controls))
ax.axhline(1.0, color="grey", linestyle="--", label="no suffix (all refused)")
ax.legend(loc="upper right")  # above the line at 1.0, clear of the bars
ax.set(
    title=f"Refusal on {len(refused_test)} held-out harmful prompts (all refused without a suffix)",
    ylabel="refusal rate (substring judge)",
    xlabel="suffix appended",
    ylim=(0, 1.25),
)
fig.tight_layout()
plt.show()

# %% [markdown]
# Read your numbers before reading on. When we ran this on the organism (seed 0, 32 held-out prompts) the
# adversarial suffix, optimised on one prompt only, transferred: the refusal rate fell from 1 to 0.06 (2 of the
# 32 prompts were still refused). The random suffixes did almost nothing (refusal rate 0.97 with seed 1 and with
# seed 2), as in the paper, where on Qwen 1.8B a random suffix left refusal intact. So the search found something
# that random text of the same length does not do. That is why the control is there: "transfers to held-out
# prompts" means something only next to what random suffixes do. (Read the adversarial answer too: it complies in
# form but, like every answer the organism gives without its refusal, carries no content.)
#
# ## 5. What the suffix does to the refusal direction
#
# The direction separated harmful from harmless prompts at the last token (notebooks 03 and 04). If the suffix
# works by suppressing the *representation* of "this is harmful, refuse", the last-token activations of
# harmful + adversarial suffix should move toward the harmless ones. The paper's plot: the cosine similarity
# with $\hat r$ at the last token, at every layer, for four groups.

# %%
groups = {
    "harmful": (refused_test or [target_prompt], ""),
    "harmful + adversarial suffix": (refused_test or [target_prompt], result.suffix),
    "harmful + random suffix": (refused_test or [target_prompt], random_text),
    "harmless": (harmless_test, ""),
}
cosines = {}
for name, (prompts, suffix) in groups.items():
    acts = get_activations(model, prompts, positions=[-1], suffix=suffix, progress=False)[:, :, 0]
    cosines[name] = cosine_similarity(acts, r_hat).mean(dim=0)  # [n_layers]

fig = plotting.layer_curves(
    cosines,
    title="Last-token activation vs the refusal direction",
    ylabel="mean cosine similarity with r_hat",
    xlabel="layer (resid_pre)",
)
fig.axes[0].axvline(selection.layer, color="grey", linestyle=":")
plt.show()
for name, values in cosines.items():
    print(f"{name:30s} cosine at layer {selection.layer}: {values[selection.layer]:+.3f}")

# %% [markdown]
# The paper's finding for Qwen 1.8B (section 5): the random suffix leaves the harmful curve almost where it was, and the
# adversarial suffix pulls it down to about the harmless level. When we ran it on the organism (the printed cosines
# and the figure), the adversarial suffix removed most, not all, of the gap at the direction's layer, and from the
# next layer on its curve lay close to the harmless one; the random suffix (seed 1) lowered the harmful curve in the
# early layers but left it high at the direction's layer, which matches its lack of effect on refusal above.
#
# ## 6. Which heads write the direction, and where do they look?
#
# ### Direct feature attribution
#
# The attention output of layer $\ell$ at the last token is a sum over heads plus a bias,
# $\text{attn\_out}_\ell = \sum_h z_{\ell,h} W_O^{\ell,h} + b_O^\ell$, where $z_{\ell,h}$ (`attn.hook_z`,
# `[d_head]`) is what head $h$ read and $W_O^{\ell,h}$ (`[d_head, d_model]`) how it writes. Its projection on
# $\hat r$ therefore splits exactly into one number per head:
#
# $$ \mathrm{DFA}_{\ell,h} = \big(z_{\ell,h}\, W_O^{\ell,h}\big) \cdot \hat r . $$
#
# This is the head's *direct* contribution to the direction (not what it causes through later layers). Write it
# for all layers and heads at once: `z` is `[..., n_layers, n_heads, d_head]` and `W_O` is
# `[n_layers, n_heads, d_head, d_model]` (`stacked_W_O(model)`).

# %% exercise="07.head_dfa"

# %%
check("07.head_dfa", head_dfa)

# %% [markdown]
# The library's `head_attributions(model, prompts, direction, suffix=...)` captures $z$ at the last token and
# applies the same formula (a test checks that the heads plus $b_O \cdot \hat r$ add up to `hook_attn_out`
# projected on $\hat r$). The mean over the refused harmful prompts, as a map of layers by heads:

# %%
harmful_prompts = refused_test or [target_prompt]
dfa_clean = head_attributions(model, harmful_prompts, direction).mean(dim=0)  # [n_layers, n_heads]
dfa_adv = head_attributions(model, harmful_prompts, direction, suffix=result.suffix).mean(dim=0)
dfa_rand = head_attributions(model, harmful_prompts, direction, suffix=random_text).mean(dim=0)
heads = top_heads(dfa_clean, k=min(8, dfa_clean.numel()))
print(f"W_O of all layers: {tuple(stacked_W_O(model).shape)}")
print("heads writing the most refusal direction (layer, head):", heads)

largest = dfa_clean.abs().max().item()  # a diverging scale centred on 0: white writes nothing along r_hat
fig = plotting.heatmap(
    dfa_clean,
    title="Direct attribution to the refusal direction (harmful prompts, last token)",
    xlabel="head",
    ylabel="layer",
    colorbar_label="mean (z W_O) · r_hat",
    cmap="RdBu_r",
    vmin=-largest,
    vmax=largest,
)
plt.show()

# %% [markdown]
# **Predict:** with the adversarial suffix appended, do the same heads write more, the same, or less?

# %%
labels = [f"L{layer}H{head}" for layer, head in heads]
x = torch.arange(len(heads))
fig, ax = plt.subplots(figsize=(7, 3))
for offset, values, label, colour in [
    (-0.27, dfa_clean, "harmful", "tab:blue"),
    (0.0, dfa_adv, "+ adversarial suffix", "tab:red"),
    (0.27, dfa_rand, "+ random suffix", "tab:grey"),
]:
    ax.bar(x + offset, [values[h].item() for h in heads], width=0.27, label=label, color=colour)
ax.set_xticks(x.tolist(), labels)
ax.axhline(0, color="black", linewidth=0.5)
ax.set(
    title="How much the top heads write the refusal direction", xlabel="head", ylabel="mean (z W_O) · r_hat"
)
ax.legend()
fig.tight_layout()
plt.show()
for head, label in zip(heads, labels, strict=True):
    print(f"{label}: {dfa_clean[head]:+.3f}, adversarial {dfa_adv[head]:+.3f}, random {dfa_rand[head]:+.3f}")

# %% [markdown]
# ### Where do these heads look?
#
# A head can only write what it reads. The attention pattern `attn.hook_pattern[b, h, q, k]` is the weight query
# position `q` puts on key position `k` (each row sums to 1). The *attention mass* on a set of tokens is the sum
# of these weights over the set, read from the last position.

# %% exercise="07.attention_mass"

# %%
check("07.attention_mass", attention_mass)

# %% [markdown]
# `head_attention_mass(model, prompts, heads, suffix=...)` finds which positions belong to the instruction and
# which to the suffix, and returns both masses per head (the rest is on the chat template's tokens).

# %%
mass_clean = head_attention_mass(model, harmful_prompts, heads)
mass_adv = head_attention_mass(model, harmful_prompts, heads, suffix=result.suffix)
mass_rand = head_attention_mass(model, harmful_prompts, heads, suffix=random_text)

fig, axes = plt.subplots(1, 3, figsize=(11, 3), sharey=True)
for ax, (title, mass) in zip(
    axes,
    [("no suffix", mass_clean), ("adversarial suffix", mass_adv), ("random suffix", mass_rand)],
    strict=True,
):
    ax.bar(x - 0.2, mass["instruction"].mean(dim=0).tolist(), width=0.4, label="instruction tokens")
    ax.bar(x + 0.2, mass["suffix"].mean(dim=0).tolist(), width=0.4, label="suffix tokens", color="tab:red")
    ax.set_xticks(x.tolist(), labels, rotation=45)
    ax.set(title=title, xlabel="head", ylim=(0, 1))
axes[0].set_ylabel("attention from the last token")
fig.legend(*axes[0].get_legend_handles_labels(), loc="upper right", ncols=2, fontsize=8)  # over no bar
fig.suptitle("Where the top refusal-writing heads look", x=0.3)
fig.tight_layout(rect=(0, 0, 1, 0.95))
plt.show()
for name, mass in [("no suffix", mass_clean), ("adversarial", mass_adv), ("random", mass_rand)]:
    print(
        f"{name:12s} mean mass on instruction {mass['instruction'].mean():.2f}, on suffix {mass['suffix'].mean():.2f}"
        f"   top head {labels[0]}: instruction {mass['instruction'][:, 0].mean():.2f},"
        f" suffix {mass['suffix'][:, 0].mean():.2f}"
    )

# %% [markdown]
# In the paper (section 5), the top heads moved their attention from the instruction to the adversarial suffix, and wrote
# less of the refusal direction as a result. Read the printed numbers with that in mind. When we ran it on the
# organism, one head dominated: the first of the list (L3H1 in our run) wrote about four times as much of the
# direction as the next one. With the adversarial suffix it wrote about a quarter as much; with the random suffix
# about nine tenths, hardly less than without one. Where that head looks tells the paper's story: without a suffix
# it put almost all its attention from the last token on the instruction; the adversarial suffix took about half of
# it (a little more on the suffix than was left on the instruction), the random suffix a twentieth. Averaged over
# all 8 heads the adversarial suffix also draws more attention than the random one (compare the mean masses printed
# above).
#
# One caution: the heads' *direct* writes are only part of what reaches the direction's layer: the embeddings and
# the MLPs of the layers before it write to the residual stream too, and DFA does not see them. Here the pieces
# agree (in our run the adversarial suffix cut the top head's write by about three quarters, and the cosine at the
# direction's layer fell most of the way to the harmless level), but that need not hold on another model or
# another run. Compare with your own numbers.
#
# ## 7. What this says about defences
#
# * **A suffix is an input, not a new mechanism.** In the paper's model and in the organism, the suffix does not
#   switch refusal off by some exotic route: the heads that write the refusal direction write less of it,
#   because they read the suffix more and the instruction less (in the paper and, for the organism's main
#   refusal-writing head, here too). The same
#   one-dimensional readout that makes refusal easy to *remove* with an edit (notebooks 05, 06) makes it a single
#   target for an input attack.
# * **Robustness to noise is a property to test.** The organism was trained with benign trailing sentences and
#   other surface noise (model card), and in our run it kept refusing with random token strings appended too
#   (section 4); a model trained on less varied requests need not. A defence evaluated only against natural text
#   can miss this.
# * **Monitoring the direction.** Since successful attacks lower the projection on $\hat r$ at the last token, a
#   defender could compare that projection with what the request's content predicts. But GCG optimises against
#   whatever it is given: add "keep the projection high" to its loss and it will look for suffixes that fool the
#   monitor too. A monitor is one more objective for the attacker, not a proof.
# * **Perplexity filters.** GCG suffixes look like noise, so filters that reject high-perplexity text catch the
#   plain version; searches constrained to fluent text exist.
# * **Random controls matter.** Without the random suffix you could not tell "this suffix is adversarial" from "the
#   model is fragile to any trailing text". Keep controls in every claim.
#
# ## Summary
#
# * GCG ranks all single-token swaps with one gradient with respect to one-hot tokens, then evaluates a random
#   batch of the promising ones exactly and keeps the best.
# * On the organism it finds a suffix that makes the target prompt comply (verified by greedy generation); a random
#   suffix of the same length is the control. Transfer to other prompts is measured, not assumed.
# * The cosine with the refusal direction across layers shows whether the suffix suppresses the representation;
#   direct feature attribution names the heads that write it, and their attention mass shows what they read.
#
# ## Going further
#
# * **A real model:** set `MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"` (a GPU helps: each GCG step is a forward
#   and backward pass plus 128 forward passes; on a laptop CPU expect minutes per step; use `target="Sure, here"`).
# * Optimise one suffix on several prompts at once (sum their losses) and measure transfer again.
# * Use `GCGConfig(objective="refusal")` and compare the suffixes and their transfer.
# * Add a term to the loss that keeps the projection on $\hat r$ high, and see whether GCG can still jailbreak
#   the model while fooling a direction monitor.
