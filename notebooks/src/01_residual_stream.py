# %% [markdown]
# # 01 · The residual stream
#
# Every claim in this course has the form "the model stores X as a direction in its activations". Which
# activations? Nearly always the **residual stream**: one vector per token that every layer reads from and adds
# to. It is the model's working memory, and the place where Arditi et al. find, and later remove, the refusal
# direction. This notebook builds the picture you will use for the rest of the course, with the tools to look at
# it: hooks and caches.
#
# **You will learn to**
# - record any activation with a hook or a cache, and remove hooks safely;
# - verify that the residual stream is exactly the sum of the embedding and every attention and MLP output;
# - measure how the stream grows across layers;
# - read intermediate layers with the *logit lens*, and find the layer where the refusal token takes the lead.
#
# **Time:** about 45 minutes. **Prerequisites:** notebook 00; matrix multiplication; what attention and an MLP
# compute, roughly.

# %%
import matplotlib.pyplot as plt
import torch

from course_utils import metrics, plotting, residual
from course_utils.data import load_instructions
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
from course_utils.hooks import hooks, resid_hook_name  # noqa: F401 (hooks: for exercise 01.capture_resid)
from course_utils.models import default_model_name, load_model

torch.manual_seed(0)
torch.set_grad_enabled(False)

MODEL_NAME = None  # None = the course's model organism; or e.g. "Qwen/Qwen2.5-0.5B-Instruct"
USE_MY_CODE = True  # True: later cells use your exercise functions once they pass; False: the reference's
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, d_model = {model.d_model}")

harmful = load_instructions("harmful", "train")[:16]
harmless = load_instructions("harmless", "train")[:16]
enc = model.tokenize(harmful + harmless)
input_ids, attention_mask = enc["input_ids"], enc["attention_mask"]
print("batch:", tuple(input_ids.shape), "(prompts x positions, left-padded)")

# %% [markdown]
# ## 1. The picture
#
# A decoder-only transformer keeps a vector $x \in \mathbb{R}^{d_\text{model}}$ at every position. The embedding
# writes its first value; then each block $l$ *reads* the stream and *adds* its result back:
#
# $$x_0 = \text{embed}(t), \qquad x_{l}^{\text{mid}} = x_l + \text{attn}_l(x_l), \qquad
#   x_{l+1} = x_{l}^{\text{mid}} + \text{mlp}_l(x_{l}^{\text{mid}}), \qquad \text{logits} = W_U\,\text{norm}(x_L).$$
#
# Nothing is ever overwritten, only added. Unrolling the recursion,
#
# $$x_l = \text{embed}(t) + \sum_{k<l} \big(\text{attn}_k + \text{mlp}_k\big),$$
#
# so the stream at layer $l$ is literally the sum of everything written before it. This is why directions make
# sense: a write that adds $c\,r$ along a direction $r$ stays in the stream for every later layer to read with a dot
# product, unless a later layer writes $-c\,r$.
#
# TransformerLens names these vectors after the picture: `blocks.{l}.hook_resid_pre` is $x_l$ (the input of block
# $l$), `hook_resid_mid` is $x_l^{\text{mid}}$, `hook_resid_post` is $x_{l+1}$; the writes are `hook_embed`,
# `blocks.{l}.hook_attn_out` and `blocks.{l}.hook_mlp_out`.

# %% [markdown]
# ## 2. Caches and hooks
#
# A **cache** records activations during one forward pass. `names_filter` keeps only what you need (a full cache of
# a real model is large):

# %%
names = [resid_hook_name(0), "blocks.0.hook_attn_out", "blocks.0.hook_mlp_out"]
logits, cache = model.bridge.run_with_cache(input_ids, attention_mask=attention_mask, names_filter=names)
for name in names:
    print(f"{name:<28} {tuple(cache[name].shape)}")  # [batch, pos, d_model]

# %% [markdown]
# A **hook** is a function `fn(activation, hook)` that the model calls whenever it computes the activation of that
# name. Returning nothing leaves the activation as it is (useful for recording); returning a tensor replaces it
# (that is how later chapters ablate and add directions). Caches are built from hooks.
#
# A hook left attached by mistake silently changes every later result. So the course adds hooks only inside the
# context manager `hooks(model, [(name, fn)])`: they are removed when the `with` block ends, even when the code
# inside raises an error. Write `capture_resid` with it.

# %% exercise="01.capture_resid"

# %%
check("01.capture_resid", capture_resid, model=model)

# %% [markdown]
# Recorded by a hook and recorded by the cache, the stream entering block 0 is the same tensor:

# %%
record_resid = use("01.capture_resid", capture_resid, mine=USE_MY_CODE, model=model)
recorded = record_resid(model, input_ids, attention_mask, 0)
print("max |hook - cache| =", (recorded - cache[resid_hook_name(0)]).abs().max().item())

# %% [markdown]
# ## 3. The stream is a sum of writes
#
# Check the decomposition above on real activations: rebuild $x_l$ from the embedding and the attention and MLP
# outputs of the blocks before $l$ (for $l = n_\text{layers}$ you get the final stream).

# %% exercise="01.resid_from_writes"

# %%
check("01.resid_from_writes", resid_from_writes, model=model)

# %% [markdown]
# The library's version, on every layer: the error is at the level of float32 rounding (or exactly zero), so
# the stream really is nothing but a sum of writes.

# %%
rebuild_resid = use("01.resid_from_writes", resid_from_writes, mine=USE_MY_CODE, model=model)
logits, cache = model.bridge.run_with_cache(input_ids, attention_mask=attention_mask)
stream = [cache[resid_hook_name(layer)] for layer in range(model.n_layers)]
stream.append(cache[resid_hook_name(model.n_layers - 1, "resid_post")])  # x_L, the final stream
for layer, x in enumerate(stream):
    error = (rebuild_resid(cache, layer) - x).abs().max().item()
    print(f"layer {layer:>2}: max |rebuilt - cached| = {error:.2e}")

# %% [markdown]
# ## 4. How big is the stream?
#
# Each block adds to the stream, so its norm tends to grow with depth. This matters later: a direction's
# *coefficient* means little without the norm of the vector it sits in, and adding a fixed vector does more at a
# layer where the stream is small. When averaging over a left-padded batch, count only real tokens: the padding
# positions hold activations the model never uses.

# %% exercise="01.mean_resid_norms"

# %%
check("01.mean_resid_norms", mean_resid_norms)

# %%
mean_norms = use("01.mean_resid_norms", mean_resid_norms, mine=USE_MY_CODE)
stack = torch.stack(stream)  # [n_layers + 1, batch, pos, d_model]
n = len(harmful)
norms = {
    "harmful": mean_norms(stack[:, :n], attention_mask[:n]),
    "harmless": mean_norms(stack[:, n:], attention_mask[n:]),
}
write_norms = {
    "attention output": [
        mean_norms(cache[f"blocks.{layer}.hook_attn_out"][None], attention_mask)[0]
        for layer in range(model.n_layers)
    ],
    "MLP output": [
        mean_norms(cache[f"blocks.{layer}.hook_mlp_out"][None], attention_mask)[0]
        for layer in range(model.n_layers)
    ],
}
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.5))
plotting.layer_curves(
    norms,
    title=f"{model.name}: residual stream norm",
    ylabel="mean ||x_l|| over tokens",
    xlabel="layer l (input of block l; last point = final stream)",
    ax=left,
)
plotting.layer_curves(
    write_norms,
    title="Size of each block's writes",
    ylabel="mean ||write|| over tokens",
    xlabel="block",
    ax=right,
)
plt.show()

# %% [markdown]
# What to notice: the embedding itself can be small next to what the blocks write (check layer 0 against layer 1
# on the left); on the right, the first MLP often writes more than the first attention layer (it acts like an
# extension of the embedding), and some blocks write much more than others (which ones, on this model?); and the
# stream keeps growing because the writes add up rather than cancel. The printed ratio says how much larger the
# final stream is than the stream after the first block:

# %%
growth = norms["harmless"][-1] / norms["harmless"][1]
print(f"||x_L|| / ||x_1|| = {growth:.2f} (harmless prompts, mean over real tokens)")

# %% [markdown]
# ## 5. The logit lens: what would the model say at layer $l$?
#
# The unembedding turns the *final* stream into logits. Since every layer writes into the same space, we can
# apply the same read-out to an intermediate $x_l$: $\text{logits}_l = W_U\,\text{norm}(x_l)$. The final norm
# matters: $W_U$ was trained on normalised vectors, and the stream's scale changes with depth. This *logit lens*
# is a rough tool (early layers were never trained to be read this way), but it shows when a prediction forms.

# %% exercise="01.logit_lens"

# %%
check("01.logit_lens", logit_lens, model=model)

# %% [markdown]
# At the last position (the first token of the reply), how likely is a refusal token at each layer? We read the
# stream of every layer through the lens and sum the probability of the refusal tokens, as in notebook 00.

# %%
lens = use("01.logit_lens", logit_lens, mine=USE_MY_CODE, model=model)
last = stack[:, :, -1]  # [n_layers + 1, batch, d_model]: the last position (left padding aligns it)
lens_logits = lens(model, last)  # [n_layers + 1, batch, d_vocab]
p_refuse = torch.stack(
    [metrics.refusal_probability(layer_logits, model.refusal_token_ids) for layer_logits in lens_logits]
)  # [n_layers + 1, batch]
layers = list(range(model.n_layers + 1))
plotting.layer_curves(
    {"harmful instructions": p_refuse[:, :n].mean(1), "harmless instructions": p_refuse[:, n:].mean(1)},
    title=f"{model.name}: logit lens at the last position",
    ylabel="mean P(refusal token)",
    xlabel="layer l (last point = the model's output)",
)
plt.show()

# %% [markdown]
# Where does the refusal token *win*, i.e. become the single most likely token? For one harmful prompt, the
# lens's top token at every layer:

# %%
example = 0
top = residual.top_tokens(lens_logits[:, example], model.tokenizer, k=1)
refusal_tokens = {model.tokenizer.decode([i]) for i in model.refusal_token_ids}
print(f"prompt: {harmful[example]!r}")
for layer, (token,) in enumerate(top):
    print(
        f"layer {layer:>2}: top token {token!r}" + ("   <- refusal token" if token in refusal_tokens else "")
    )

# %%
is_top = lens_logits.argmax(-1)[..., None] == torch.tensor(
    model.refusal_token_ids
)  # [layers, batch, n_refusal]
wins = is_top.any(-1).float()  # [n_layers + 1, batch]: a refusal token is the lens's top-1 token
plotting.layer_curves(
    {"harmful instructions": wins[:, :n].mean(1), "harmless instructions": wins[:, n:].mean(1)},
    title="Where the refusal token takes the lead",
    ylabel="fraction of prompts with a refusal token on top",
    xlabel="layer l (last point = the model's output)",
)
plt.show()

# %% [markdown]
# The same numbers as a table, so you can quote them:

# %%
print("layer  P(refuse) harmful  harmless   refusal token on top: harmful  harmless")
for layer in layers:
    print(
        f"{layer:>5}  {p_refuse[layer, :n].mean():>17.3f}  {p_refuse[layer, n:].mean():>8.3f}"
        f"   {wins[layer, :n].mean():>29.2f}  {wins[layer, n:].mean():>8.2f}"
    )

# %% [markdown]
# Read the figures before moving on. At layer 0 the stream holds only the embedding of the last template token,
# which is the same for every prompt, so the lens cannot tell harmful from harmless there. Then, on harmful
# prompts only, the refusal probability and the share of prompts with a refusal token on top grow in the later
# layers: the decision is not present from the start, it is assembled by the blocks and *accumulated* in the
# stream, as the sum-of-writes picture suggests. (On the organism the two classes look alike up to layer 4, and the
# harmful refusal probability jumps only in the last blocks, while the harmless one stays below 0.1 throughout. In
# the middle layers the lens puts a refusal token on top for about half the prompts of *both* classes, before any
# decision is made: read the table's last two columns.)
# Chapter 02 looks for the *direction* along which this accumulates.
#
# ## Summary
# - The residual stream $x_l = \text{embed} + \sum_{k<l}(\text{attn}_k + \text{mlp}_k)$ is a sum of writes,
#   exactly; TransformerLens names each term (`hook_embed`, `hook_attn_out`, `hook_mlp_out`, `hook_resid_pre`).
# - Caches record activations; hooks read or replace them, and are added only through `hooks(...)` so they are
#   always removed.
# - The stream's norm grows with depth: compare directions and coefficients with it in mind.
# - The logit lens $W_U\,\text{norm}(x_l)$ shows where the refusal token wins on harmful prompts.
#
# ## Going further: a real chat model
# Set `MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"` at the top and rerun (its weights take about 2 GB in float32, and
# a run peaks at about 5 GB; a laptop CPU works, a GPU is faster; see the table in notebook 00 and the README). Things to look for: the decomposition still holds to
# float error; the norm of real models often jumps at the first layers and on the first token (an "attention
# sink"), so average over real tokens as you did; on Qwen the refusal tokens are "I" and "As". On Gemma the lens
# differs slightly from the model's output on Gemma-2, which caps its final logits (softcapping,
# $30 \tanh(z / 30)$); Gemma-3 dropped the final softcap, so there the lens of the last layer is the output.
