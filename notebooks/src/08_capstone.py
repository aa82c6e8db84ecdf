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
# # 08 · Capstone: make (and test) a linear-representation claim of your own
#
# The course followed one claim from start to finish: *a chat model represents "refuse this" as a direction*.
# Each notebook added a kind of evidence: the classes separate along the direction (02, 03), removing it removes
# the behaviour and adding it creates it (04, 05), and it costs little elsewhere (06). Now you do the whole thing
# for a concept of your choice, and you write down the evidence the way a careful paper would: with **controls**.
#
# The claim you will test: *"the model represents concept C along direction r, and uses it."* The checklist:
#
# | # | evidence | question | control |
# |---|---|---|---|
# | 1 | classification by projection | does $x \cdot \hat r$ separate the two classes on **held-out** texts? | random directions |
# | 2 | causal: ablation | does removing $\hat r$ everywhere hurt the model's use of C (its answers)? | random directions of the same norm |
# | 3 | causal: addition | does adding $r$ push the answers toward the concept? | random vectors of the same norm |
# | 4 | specificity | how much does the edit change the model on **unrelated** prompts (next-token KL)? | random directions |
#
# **You will:** choose a concept, find its direction, write three small tools for controls and effect sizes
# (checked), run the four tests, and fill in the checklist.
#
# **Time:** 60 to 90 minutes (open-ended). **Prerequisites:** notebooks 02 to 06. Runs on a laptop CPU with the
# organism in a few minutes (generation under several interventions is the slow part).

# %% [markdown]
# ## Setup
#
# Two choices: the model (`MODEL_NAME`, as in every notebook) and the concept. The organism knows three concepts
# besides refusal, each shipped as labelled texts by `load_concept`: `"sentiment"` (product reviews, 1 = positive),
# `"truth"` (statements, 1 = true) and `"danger"` (sentences mentioning a thing, 1 = dangerous). To test whether the
# model *uses* the direction we need a task whose answer depends on the concept: `TASKS` holds one question per
# concept and the two answer words. The organism was trained on the sentiment question; for the others, check
# first whether the model answers at all (that is part of the evidence).

# %%
MODEL_NAME = None  # None = the course's model organism; or e.g. "Qwen/Qwen2.5-0.5B-Instruct"
CONCEPT = "sentiment"  # "sentiment", "truth" or "danger"

TASKS = {  # question template, (answer word for label 0, answer word for label 1)
    "sentiment": ("Is this review positive or negative? {text}", ("negative", "positive")),
    "truth": ("Is this statement true or false? {text}", ("false", "true")),
    "danger": ("Is the thing in this sentence dangerous or safe? {text}", ("safe", "dangerous")),
}

# %%
import matplotlib.pyplot as plt
import torch

from course_utils import evidence, plotting, probing  # evidence.*: the library's versions of your tools
from course_utils.activations import get_activations
from course_utils.data import load_concept, load_instructions
from course_utils.exercises import check, hint, solution  # noqa: F401 (hint, solution: when stuck)
from course_utils.generation import generate
from course_utils.interventions import ablation_hooks, addition_hooks
from course_utils.metrics import kl_div, last_position_logits
from course_utils.models import default_model_name, load_model

torch.manual_seed(0)
torch.set_grad_enabled(False)
model = load_model(MODEL_NAME or default_model_name())
print(f"{model.name}: {model.n_layers} layers, d_model = {model.d_model}")

# %% [markdown]
# ## Step 1. The data, split before anything else
#
# Every number that counts as evidence is measured on texts the direction was **not** fitted on. Split once, with
# a fixed seed, and never look at the test half while choosing things.

# %%
texts, labels = load_concept(CONCEPT)
labels = torch.tensor(labels)
order = torch.randperm(len(texts), generator=torch.Generator().manual_seed(0))
n_train = int(0.6 * len(texts))
train_idx, test_idx = order[:n_train], order[n_train:]
question, answer_words = TASKS[CONCEPT]
print(f"{CONCEPT}: {len(texts)} texts ({labels.sum()} with label 1), {n_train} train / {len(test_idx)} test")
print("label 0 example:", repr(texts[int((labels == 0).nonzero()[0])]))
print("label 1 example:", repr(texts[int((labels == 1).nonzero()[0])]))

# %% [markdown]
# ## Step 2. Find the direction
#
# As in notebook 02: the residual stream at the last token, at every layer; the difference of class means on the
# training texts; the held-out accuracy of the projection classifier at each layer. One choice matters: we read
# the activations of the **task prompts** (the question wrapped around each text), at the last token, where the
# model has to decide its answer. That is where a direction the model *uses* for the task should live. (Try the
# bare texts instead, as in notebook 02, and compare the causal tests.) We pick the layer with the best **held-out** accuracy (on a real study you would pick it on a separate
# validation split; here the test split is also what the later steps use, so treat step 2's accuracy as
# optimistic).

# %%
task_prompts = [question.format(text=t) for t in texts]
acts = get_activations(model, task_prompts, positions=[-1], progress=False)[
    :, :, 0
]  # [n_texts, n_layers, d_model]
accuracy_by_layer = probing.projection_accuracy_by_layer(
    acts[train_idx], labels[train_idx], acts[test_idx], labels[test_idx]
)
layer = int(accuracy_by_layer.argmax())
means = probing.class_means(acts[train_idx, layer], labels[train_idx])  # [2, d_model]
direction = means[1] - means[0]  # [d_model], not normalised
r_hat = direction / direction.norm()
print(f"chosen layer {layer}: held-out accuracy {accuracy_by_layer[layer]:.2f}, |r| = {direction.norm():.2f}")

fig = plotting.layer_curves(
    {f"{CONCEPT} direction": accuracy_by_layer},
    title=f"Classification by projection onto the {CONCEPT} direction (held-out texts)",
    ylabel="accuracy",
    xlabel="layer (resid_pre)",
)
fig.axes[0].axhline(0.5, color="grey", linestyle=":", label="chance")
fig.axes[0].legend()
plt.show()

# %% [markdown]
# ## Step 3. Controls: random directions of the same norm
#
# A number means little alone. Is 0.9 accuracy impressive? In $d_{\text{model}}$ dimensions, a random direction
# sometimes separates two classes well too, and an intervention of norm $\lVert r \rVert$ may change the model's
# answers whatever its direction. So every test below is repeated with **random directions of the same norm**.
# Write the generator of controls (the docstring fixes the seed and the order of the random draws so the check
# is reproducible).

# %% exercise="08.matched_random_directions"

# %%
check("08.matched_random_directions", matched_random_directions)

# %% [markdown]
# ### Evidence 1: classification by projection
#
# For a direction that was not fitted to the classes, the classifier still needs a threshold: the midpoint of the
# two training class means' projections, as in `probing.projection_accuracy`.

# %%
N_CONTROLS = 5
controls = evidence.matched_random_directions(direction, N_CONTROLS, seed=0)  # [N_CONTROLS, d_model]


def accuracy_along(d: torch.Tensor) -> float:
    """Held-out accuracy of thresholding x . d_hat at the midpoint of the training class means' projections."""
    threshold = probing.scalar_projection(means, d).mean()
    projections = probing.scalar_projection(acts[test_idx, layer], d)
    predictions = (projections > threshold) == (probing.scalar_projection(means[1], d) > threshold)
    return (predictions == labels[test_idx].bool()).double().mean().item()


results = {"classification accuracy": (accuracy_along(direction), [accuracy_along(c) for c in controls])}
print(
    f"accuracy: concept direction {results['classification accuracy'][0]:.2f}, "
    f"random directions {[round(a, 2) for a in results['classification accuracy'][1]]}"
)

fig = plotting.class_histograms(
    {
        f"label 0 ({answer_words[0]})": probing.scalar_projection(
            acts[test_idx, layer][labels[test_idx] == 0], direction
        ),
        f"label 1 ({answer_words[1]})": probing.scalar_projection(
            acts[test_idx, layer][labels[test_idx] == 1], direction
        ),
    },
    title=f"Held-out texts projected on the {CONCEPT} direction (layer {layer})",
    xlabel="x · r_hat (residual units)",
)
plt.show()

# %% [markdown]
# ## Step 4. Does the model *use* the direction?
#
# Separation shows the information is *there*; it does not show the model *uses* it. For that we ask the model
# the task question and read its answers. `answer_rate(completions, word)` is the fraction of answers that contain
# the answer word as a whole word ("Positive." counts, "positively" does not).

# %% exercise="08.answer_rate"

# %%
check("08.answer_rate", answer_rate)

# %%
N_BEHAVIOUR = 48  # test texts per class used for the behavioural tests (generation is the slow part)
test_by_label = {
    lab: [texts[i] for i in test_idx.tolist() if int(labels[i]) == lab][:N_BEHAVIOUR] for lab in (0, 1)
}
prompts_by_label = {
    lab: [question.format(text=t) for t in ts] for lab, ts in test_by_label.items()
}  # held out


def task_accuracy(fwd_hooks=()) -> float:
    """Mean over the two classes of the rate of answers that name the right label (greedy, 8 new tokens)."""
    rates = []
    for lab, prompts in prompts_by_label.items():
        completions = generate(model, prompts, max_new_tokens=8, fwd_hooks=fwd_hooks)
        rates.append(evidence.answer_rate(completions, answer_words[lab]))
    return sum(rates) / len(rates)


print("an answer:", repr(generate(model, prompts_by_label[1][:1], max_new_tokens=8)[0]))
baseline_accuracy = task_accuracy()
print(f"task accuracy without intervention: {baseline_accuracy:.2f}")

# %% [markdown]
# If the baseline is near 0, the model does not do the task (or answers with other words): the causal tests
# below cannot show anything, whatever the direction. Change the question in `TASKS` or pick another concept.
#
# ### Evidence 2: ablation
#
# Remove $\hat r$ from every residual-stream write at every layer and position (notebook 05's `ablation_hooks`).
# If the model reads the concept from this direction only, its task accuracy should fall toward chance. The
# controls ablate random directions of the same norm.
#
# How far from the controls is the effect? `control_z_score(effect, control_effects)` says how many of the
# controls' standard deviations separate them.

# %% exercise="08.control_z_score"

# %%
check("08.control_z_score", control_z_score)

# %%
results["task accuracy under ablation"] = (
    task_accuracy(ablation_hooks(model, direction)),
    [task_accuracy(ablation_hooks(model, c)) for c in controls],
)
ablated, ablated_controls = results["task accuracy under ablation"]
print(
    f"task accuracy: none {baseline_accuracy:.2f}, ablate the {CONCEPT} direction {ablated:.2f}, "
    f"ablate random directions {[round(a, 2) for a in ablated_controls]}"
)

# %% [markdown]
# ### Evidence 3: addition
#
# Add the direction $r$ (the difference of means, label 1 minus label 0) times a coefficient at the chosen layer, at
# every position, to prompts whose true label is 0. If the model reads the concept along $r$, its answers should
# move to the label-1 word. Controls: random vectors of the same norm, same coefficient, same layer. The paper used
# coefficient 1 for refusal; a concept whose class means are close together (small $\lVert r \rVert$) may need a
# larger push, so `ADD_COEFF` is a knob: a dose-response curve (several coefficients) is stronger evidence than
# one point.


# %%
def label1_rate_on_label0(fwd_hooks=()) -> float:
    """Fraction of label-0 prompts answered with the label-1 word."""
    completions = generate(model, prompts_by_label[0], max_new_tokens=8, fwd_hooks=fwd_hooks)
    return evidence.answer_rate(completions, answer_words[1])


ADD_COEFF = 4.0
before_addition = label1_rate_on_label0()
results[f"'{answer_words[1]}' on label-0 prompts, +{ADD_COEFF:g} r"] = (
    label1_rate_on_label0(addition_hooks(model, direction, layer, ADD_COEFF)),
    [label1_rate_on_label0(addition_hooks(model, c, layer, ADD_COEFF)) for c in controls],
)
added, added_controls = results[f"'{answer_words[1]}' on label-0 prompts, +{ADD_COEFF:g} r"]
print(
    f"label-0 prompts answered '{answer_words[1]}': none {before_addition:.2f}, +r {added:.2f}, "
    f"+random {[round(a, 2) for a in added_controls]}"
)

# %% [markdown]
# ### Evidence 4: specificity
#
# An intervention that wrecks the model also changes its answers. Measure what the ablation does to prompts that
# have nothing to do with the concept: the KL divergence of the next-token distribution at the end of harmless
# instructions, clean vs ablated (notebook 04). Small is good; compare with the controls.

# %%
unrelated = load_instructions("harmless", "test")[:64]
clean_logits = last_position_logits(model, unrelated, progress=False)


def unrelated_kl(d: torch.Tensor) -> float:
    """Mean next-token KL(clean || ablated) on unrelated prompts, in nats."""
    ablated_logits = last_position_logits(
        model, unrelated, fwd_hooks=ablation_hooks(model, d), progress=False
    )
    return kl_div(clean_logits, ablated_logits).mean().item()


results["KL on unrelated prompts (ablation)"] = (
    unrelated_kl(direction),
    [unrelated_kl(c) for c in controls],
)
print(
    f"KL: {CONCEPT} direction {results['KL on unrelated prompts (ablation)'][0]:.4f} nats, random "
    f"{[round(k, 4) for k in results['KL on unrelated prompts (ablation)'][1]]}"
)

# %% [markdown]
# ## Step 5. The checklist
#
# Every measurement next to its controls, as a z-score. A convincing claim has: held-out accuracy far above
# the random directions (z > 3); ablation lowering the task accuracy far below what random ablations do
# (z < -3); addition raising the label-1 answers far above random additions (z > 3); and a KL on unrelated
# prompts that is small in absolute terms (here: below 0.1 nats, the paper's threshold), whatever the controls do.

# %%
rows = []
for name, (value, control_values) in results.items():
    z = evidence.control_z_score(value, torch.tensor(control_values, dtype=torch.float64))
    rows.append((name, value, sum(control_values) / len(control_values), z))
    print(f"{name:45s} {value:7.3f}   controls {rows[-1][2]:7.3f}   z = {z:+7.1f}")

passes = {
    "1 classification beats the controls": rows[0][3] > 3,
    "2 ablation hurts the task": rows[1][3] < -3 and rows[1][1] < baseline_accuracy - 0.2,
    "3 addition pushes the answers": rows[2][3] > 3 and rows[2][1] > before_addition + 0.2,
    "4 specific (KL < 0.1 nats)": rows[3][1] < 0.1,
}
for item, ok in passes.items():
    print(f"[{'x' if ok else ' '}] {item}")

fig, axes = plt.subplots(1, len(rows), figsize=(3.2 * len(rows), 3))
for ax, (name, value, _, z) in zip(axes, rows, strict=True):
    control_values = results[name][1]
    ax.scatter([0] * len(control_values), control_values, color="tab:blue", label="random directions")
    ax.scatter([0], [value], color="tab:red", marker="*", s=150, label=f"{CONCEPT} direction")
    ax.set(title=f"{name}\n(z = {z:+.1f})", xticks=[], ylabel="value")
    ax.title.set_fontsize(8)
axes[0].legend(fontsize=7)
fig.suptitle(f"Evidence for the {CONCEPT} direction (layer {layer}) against {N_CONTROLS} random controls")
fig.tight_layout()
plt.show()

# %% [markdown]
# **When we ran the solution on the organism** (sentiment, layer 5 chosen, 5 controls), the checklist came out
# mixed, which is the point of keeping one:
#
# * classification: 0.97 held-out accuracy, but random directions reached 0.57 to 0.91 (z = +1.5): sentiment is
#   so easy to read at this layer that random directions read much of it too, so this test does not single the
#   direction out;
# * ablation: task accuracy 1.00 without intervention, 1.00 with the direction ablated and 1.00 with every random
#   direction ablated (z = +0.0): removing the direction does not hurt the answers, so there is no evidence that
#   the model *needs* it to answer;
# * addition (coefficient 4, |r| = 7.23): "positive" answers to negative reviews rose from 0.00 to 0.81, against at
#   most 0.02 for random vectors of the same norm (z = +86.8): pushing along this direction, and not along random
#   ones, steers the answers;
# * specificity: ablating it moved the next-token distribution of unrelated prompts by 0.011 nats (random 0.0009
#   to 0.0065): well under the paper's 0.1 limit, although a few times what random directions do.
#
# A fair write-up: "at layer 5 the organism's task-prompt activations separate positive from negative reviews along
# a difference-of-means direction (held-out accuracy 0.97, though random directions also read sentiment well);
# adding 4 r turns most answers to negative reviews positive while random vectors do not, and removing it barely
# disturbs unrelated prompts; but removing it does not hurt the answers either, so the direction is shown to be
# *sufficient* to steer the answer, not *necessary* for it". Your numbers may differ if you change the concept,
# the layer, the coefficient or the seed.

# %% [markdown]
# ## Step 6. Write it up
#
# In three or four sentences, as you would in a paper: the claim, the evidence (with the numbers and controls
# above), and what the evidence does **not** show. Things to consider:
#
# * Which evidence failed, if any, and does that falsify the claim or only this test? (A direction can be
#   *present* without being *used*: evidence 1 without 2 and 3.)
# * Is one direction the whole story? Ablation that only partly removes the behaviour suggests the concept is
#   also carried elsewhere (other directions, other positions).
# * Addition with one coefficient is one point: try several (smaller, larger, negative) to see a dose-response
#   curve.
# * The direction was chosen on the test split's accuracy (step 2): a real study uses a separate validation split.
#
# ## Summary
#
# * A linear-representation claim is several claims: the direction separates the classes (on held-out data), the
#   model uses it (ablation removes the behaviour, addition induces it), and it is specific (little change
#   elsewhere).
# * Every one of these needs a control; random directions of the same norm are the simplest, and a z-score
#   against them turns "the number looks big" into "random directions do not do this".
#
# ## Going further
#
# * **A real model's refusal direction (GPU):** set `MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"`, take the direction
#   from `course_utils.directions.refusal_direction(model)`, and run the same checklist with harmful prompts and the
#   refusal rate (`course_utils.metrics.refusal_rate`) as the behaviour: the paper's evidence, with controls.
# * Try the other concepts: does the organism *use* its truth direction for anything?
