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
# | 1 | classification by projection | does $x \cdot \hat r$ separate the two classes on **held-out** texts? | random directions; directions fitted to shuffled labels |
# | 2 | causal: ablation | does removing $\hat r$ everywhere hurt the model's use of C (its answers)? | random directions (ablation uses only the unit vector, so the norm plays no role) |
# | 3 | causal: addition | does adding $r$ push the answers toward the concept? | random vectors of the same norm |
# | 4 | specificity | how much does the edit change the model on **unrelated** prompts (next-token KL)? | random directions |
#
# **You will:** choose a concept, find its direction, write five small tools for controls, effect sizes and
# their uncertainty (checked), run the four tests against 20 controls each, and fill in the checklist with
# p-values and confidence intervals.
#
# **Time:** 75 to 105 minutes (open-ended). **Prerequisites:** notebooks 02 to 06. With the organism it takes
# under a minute of machine time on a 2-core CPU (generation under several interventions is the slow part).

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
USE_MY_CODE = True  # True: later cells use your functions where they pass their checks; False: the reference
CONCEPT = "sentiment"  # "sentiment", "truth" or "danger"

TASKS = {  # question template, (answer word for label 0, answer word for label 1)
    "sentiment": ("Is this review positive or negative? {text}", ("negative", "positive")),
    "truth": ("Is this statement true or false? {text}", ("false", "true")),
    "danger": ("Is the thing in this sentence dangerous or safe? {text}", ("safe", "dangerous")),
}

# %%
import matplotlib.pyplot as plt
import torch

from course_utils import evidence, plotting, probing  # noqa: F401 (evidence.*: the library's versions of your tools)
from course_utils.activations import get_activations
from course_utils.data import load_concept, load_instructions
from course_utils.exercises import check, hint, solution, use  # noqa: F401 (hint, solution: when stuck)
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
# ## Step 3. Controls: random directions
#
# A number means little alone. Is 0.9 accuracy impressive? In $d_{\text{model}}$ dimensions, a random direction
# sometimes separates two classes well too, and an intervention of norm $\lVert r \rVert$ may change the model's
# answers whatever its direction. So every test below is repeated with **20 random directions**, drawn with the
# same norm as $r$ (the norm matters for addition, which adds the vector itself; ablation and projection use only
# the unit vector). Why 20? Step 5 turns the comparison into a rank p-value, and with $n$ controls the smallest
# p-value there is is $1/(n+1)$: 20 controls can show $p < 0.05$, 5 never can. Write the generator of controls (the
# docstring fixes the seed and the order of the random draws so the check is reproducible).

# %% exercise="08.matched_random_directions"

# %%
check("08.matched_random_directions", matched_random_directions)

# %% [markdown]
# ### Evidence 1: classification by projection
#
# For a direction that was not fitted to the classes, the classifier still needs a threshold: the midpoint of the
# two training class means' projections, as in `probing.projection_accuracy`. We keep one 0/1 entry per test
# text (right or wrong), so that step 5 can resample the texts.
#
# A second control, from notebook 02's control task: a **permutation test** of the whole procedure. Shuffle all
# the labels (training and test together, so they mean nothing), fit the direction on the shuffled training
# labels, measure it on the shuffled test labels. That answers a different question from the random directions:
# not "is this direction special among all directions?" but "would our procedure score this well on labels that
# mean nothing?". Step 2 chose the layer with the best held-out accuracy, which flatters the result; the control
# must make the same choice (the best layer of each permutation), so it is flattered in the same way. Write it.

# %% exercise="08.shuffled_label_accuracies"

# %%
check("08.shuffled_label_accuracies", shuffled_label_accuracies)

# %%
N_CONTROLS = 20
make_controls = use("08.matched_random_directions", matched_random_directions, mine=USE_MY_CODE)
controls = make_controls(direction, N_CONTROLS, seed=0)  # [N_CONTROLS, d_model]


def correct_along(d: torch.Tensor) -> torch.Tensor:
    """[n_test] 0/1: is each held-out text classified right by thresholding x . d_hat at the training midpoint?"""
    threshold = probing.scalar_projection(means, d).mean()
    projections = probing.scalar_projection(acts[test_idx, layer], d)
    predictions = (projections > threshold) == (probing.scalar_projection(means[1], d) > threshold)
    return (predictions == labels[test_idx].bool()).double()


permutation_control = use("08.shuffled_label_accuracies", shuffled_label_accuracies, mine=USE_MY_CODE)
shuffled_best = permutation_control(
    acts[train_idx], labels[train_idx], acts[test_idx], labels[test_idx], n=N_CONTROLS, seed=1
).tolist()

per_text = correct_along(direction)
results = {
    "classification accuracy": (per_text, [float(correct_along(c).mean()) for c in controls], "greater"),
}
print(
    f"accuracy: concept direction {per_text.mean():.2f}; random directions "
    f"{min(results['classification accuracy'][1]):.2f} to {max(results['classification accuracy'][1]):.2f}; "
    f"shuffled labels (best layer) {min(shuffled_best):.2f} to {max(shuffled_best):.2f}"
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
N_BEHAVIOUR = 24  # test texts per class used for the behavioural tests (generation is the slow part)
MAX_NEW = 6  # the organism answers in a word or a short sentence ("Positive."); raise it for a chattier model
rate = use("08.answer_rate", answer_rate, mine=USE_MY_CODE)
test_by_label = {
    lab: [texts[i] for i in test_idx.tolist() if int(labels[i]) == lab][:N_BEHAVIOUR] for lab in (0, 1)
}
prompts_by_label = {
    lab: [question.format(text=t) for t in ts] for lab, ts in test_by_label.items()
}  # held out


def answers_right(fwd_hooks=()) -> torch.Tensor:
    """[2 * N_BEHAVIOUR] 0/1: does each answer name its prompt's label (greedy, MAX_NEW new tokens)?"""
    right = []
    for lab, prompts in prompts_by_label.items():
        completions = generate(model, prompts, max_new_tokens=MAX_NEW, fwd_hooks=fwd_hooks, progress=False)
        right += [rate([c], answer_words[lab]) for c in completions]
    return torch.tensor(right, dtype=torch.float64)


print("an answer:", repr(generate(model, prompts_by_label[1][:1], max_new_tokens=MAX_NEW)[0]))
baseline_right = answers_right()
baseline_accuracy = float(baseline_right.mean())
print(f"task accuracy without intervention: {baseline_accuracy:.2f}")

# %% [markdown]
# If the baseline is near 0, the model does not do the task (or answers with other words): the causal tests
# below cannot show anything, whatever the direction. Change the question in `TASKS` or pick another concept.
#
# ### Evidence 2: ablation
#
# Remove $\hat r$ from every residual-stream write at every layer and position (notebook 05's `ablation_hooks`).
# If the model reads the concept from this direction only, its task accuracy should fall toward chance. The
# controls ablate the 20 random directions (only their unit vectors matter here). The effect is measured per
# prompt, as the change in correctness against the same prompt without intervention.
#
# How far from the controls is the effect? A first, common summary: `control_z_score(effect, control_effects)`,
# how many of the controls' standard deviations separate them.

# %% exercise="08.control_z_score"

# %%
check("08.control_z_score", control_z_score)

# %%
ablated_right = answers_right(ablation_hooks(model, direction))
control_accuracies = [float(answers_right(ablation_hooks(model, c)).mean()) for c in controls]
results["change in task accuracy under ablation"] = (
    ablated_right - baseline_right,  # per prompt: -1 (now wrong), 0 or +1 (now right)
    [a - baseline_accuracy for a in control_accuracies],
    "less",  # the claim: ablating r hurts the answers MORE than random ablations do
)
print(
    f"task accuracy: none {baseline_accuracy:.2f}, ablate the {CONCEPT} direction {ablated_right.mean():.2f}, "
    f"ablate random directions {min(control_accuracies):.2f} to {max(control_accuracies):.2f}"
)

# %% [markdown]
# ### Evidence 3: addition
#
# Add the direction $r$ (the difference of means, label 1 minus label 0) times a coefficient at the chosen layer, at
# every position, to prompts whose true label is 0. If the model reads the concept along $r$, its answers should
# move to the label-1 word. Controls: random vectors of the same norm, same coefficient, same layer (here the norm
# matters: addition adds the vector itself). The paper used coefficient 1 for refusal (Arditi et al. 2024,
# section 2.4); a concept whose class means are close together (small $\lVert r \rVert$) may need a larger push,
# so `ADD_COEFF` is a knob: a dose-response curve (several coefficients) is stronger evidence than one point.


# %%
def label1_answers_on_label0(fwd_hooks=()) -> torch.Tensor:
    """[N_BEHAVIOUR] 0/1: is each label-0 prompt answered with the label-1 word?"""
    completions = generate(
        model, prompts_by_label[0], max_new_tokens=MAX_NEW, fwd_hooks=fwd_hooks, progress=False
    )
    return torch.tensor([rate([c], answer_words[1]) for c in completions], dtype=torch.float64)


ADD_COEFF = 4.0
before_addition = float(label1_answers_on_label0().mean())
addition_name = f"'{answer_words[1]}' on label-0 prompts, +{ADD_COEFF:g} r"
results[addition_name] = (
    label1_answers_on_label0(addition_hooks(model, direction, layer, ADD_COEFF)),
    [float(label1_answers_on_label0(addition_hooks(model, c, layer, ADD_COEFF)).mean()) for c in controls],
    "greater",
)
added, added_controls, _ = results[addition_name]
print(
    f"label-0 prompts answered '{answer_words[1]}': none {before_addition:.2f}, +r {added.mean():.2f}, "
    f"+random {min(added_controls):.2f} to {max(added_controls):.2f}"
)

# %% [markdown]
# ### Evidence 4: specificity
#
# An intervention that wrecks the model also changes its answers. Measure what the ablation does to prompts that
# have nothing to do with the concept: the KL divergence of the next-token distribution at the end of harmless
# instructions, clean vs ablated (notebook 04). Small is good: the paper's selection discards directions above
# 0.1 nats (Arditi et al. 2024, section 2.3). Against the controls the question is the opposite one: does this
# direction disturb unrelated prompts *more* than random directions do?

# %%
unrelated = load_instructions("harmless", "test")[:64]
clean_logits = last_position_logits(model, unrelated, progress=False)


def unrelated_kl(d: torch.Tensor) -> torch.Tensor:
    """[n_unrelated] next-token KL(clean || ablated) per unrelated prompt, in nats."""
    ablated_logits = last_position_logits(
        model, unrelated, fwd_hooks=ablation_hooks(model, d), progress=False
    )
    return kl_div(clean_logits, ablated_logits)


results["KL on unrelated prompts (ablation)"] = (
    unrelated_kl(direction),
    [float(unrelated_kl(c).mean()) for c in controls],
    "greater",  # small p: this direction disturbs unrelated prompts more than random ones
)
kl_values, kl_controls, _ = results["KL on unrelated prompts (ablation)"]
print(
    f"KL: {CONCEPT} direction {kl_values.mean():.4f} nats, random {min(kl_controls):.4f} to "
    f"{max(kl_controls):.4f}"
)

# %% [markdown]
# ## Step 5. The checklist, with statistics
#
# **What a z-score against a few controls can and cannot show.** A z-score says how far the effect sits from
# the controls' mean, in units of their standard deviation. Reading $z > 3$ as "$p < 0.003$" assumes the control
# effects follow a normal distribution whose spread we know. Neither holds here: rates of 24 or 48 answers are
# bounded and tie often (identical controls give $z = \pm\infty$), and the spread is *estimated* from the
# controls themselves: with $n$ controls its relative standard error is about $1/\sqrt{2(n-1)}$, 35 % for
# $n = 5$. So $z > 3$ against 5 controls shows "outside these five, by a margin", not a significance level; it
# is a description, not a test.
#
# **A rank p-value** needs no distribution. If the direction had no special role, its effect would be just one
# more draw among the $n + 1$ values (the effect and the $n$ controls), equally likely to rank anywhere, so
#
# $$p = \frac{1 + \#\{\text{controls at least as extreme as the effect}\}}{n + 1}.$$
#
# It never goes below $1/(n+1)$: 0.048 with 20 controls, 0.17 with 5. Write it.

# %% exercise="08.rank_p_value"

# %%
check("08.rank_p_value", rank_p_value)

# %% [markdown]
# **A confidence interval** answers the other question: how much would the effect move with other prompts of the
# same kind? We have one set of prompts, so we resample it: the **percentile bootstrap** draws the prompts again
# with replacement many times, recomputes the mean each time, and reads the interval off those means. (For
# ablation we resample the per-prompt *change* against no intervention, so the interval is for the change itself.)

# %% exercise="08.bootstrap_ci"

# %%
check("08.bootstrap_ci", bootstrap_ci)

# %%
p_value = use("08.rank_p_value", rank_p_value, mine=USE_MY_CODE)
interval = use("08.bootstrap_ci", bootstrap_ci, mine=USE_MY_CODE)
z_score = use("08.control_z_score", control_z_score, mine=USE_MY_CODE)

print(f"{'measurement':44s} {'value':>6s} {'95% CI':>16s} {'controls (mean)':>16s} {'rank p':>7s} {'z':>7s}")
rows = {}
for name, (per_item, control_values, side) in results.items():
    value = float(per_item.mean())
    low, high = interval(per_item)
    controls_t = torch.tensor(control_values, dtype=torch.float64)
    rows[name] = dict(
        value=value, low=low, high=high, p=p_value(value, controls_t, side), z=z_score(value, controls_t)
    )
    r = rows[name]
    print(
        f"{name:44s} {value:6.3f} [{low:6.3f}, {high:6.3f}] {controls_t.mean():16.3f} {r['p']:7.3f} {r['z']:+7.1f}"
    )
shuffled_p = p_value(
    rows["classification accuracy"]["value"], torch.tensor(shuffled_best, dtype=torch.float64)
)
print(
    f"classification accuracy vs {N_CONTROLS} shuffled-label fits (best layer each): rank p = {shuffled_p:.3f}"
)

alpha = 0.05
classification, ablation_row = rows["classification accuracy"], rows["change in task accuracy under ablation"]
addition_row, kl_row = rows[addition_name], rows["KL on unrelated prompts (ablation)"]
passes = {
    "1 classification beats random directions and shuffled labels": classification["p"] <= alpha
    and shuffled_p <= alpha,
    "2 ablation hurts the task more than random ablations, and the change's CI is below 0": ablation_row["p"]
    <= alpha
    and ablation_row["high"] < 0,
    "3 addition pushes the answers more than random vectors, CI above the no-addition rate": addition_row["p"]
    <= alpha
    and addition_row["low"] > before_addition,
    "4 specific: KL on unrelated prompts < 0.1 nats (whole CI)": kl_row["high"] < 0.1,
}
for item, ok in passes.items():
    print(f"[{'x' if ok else ' '}] {item}")

fig, axes = plt.subplots(1, len(rows), figsize=(3.4 * len(rows), 3.2))
for ax, (name, r) in zip(axes, rows.items(), strict=True):
    control_values = results[name][1]
    ax.scatter(
        range(len(control_values)), sorted(control_values), color="tab:blue", s=12, label="random controls"
    )
    ax.errorbar(
        [len(control_values) / 2],
        [r["value"]],
        yerr=[[r["value"] - r["low"]], [r["high"] - r["value"]]],
        color="tab:red",
        marker="*",
        markersize=12,
        capsize=4,
        label=f"{CONCEPT} direction (95% CI)",
    )
    ax.set(title=f"{name}\n(rank p = {r['p']:.3f})", xlabel="controls, sorted", ylabel="value")
    ax.title.set_fontsize(8)
axes[0].legend(fontsize=7)
fig.suptitle(f"Evidence for the {CONCEPT} direction (layer {layer}) against {N_CONTROLS} random controls")
fig.tight_layout()
plt.show()

# %% [markdown]
# **When we ran the solution on the organism** (sentiment, 20 controls; the cells above print the chosen layer
# and every number), three of the four items passed; only item 2, ablation, failed. A checklist is worth keeping for
# exactly that: it says which claim the evidence carries and which it does not.
#
# * classification: the held-out accuracy beat all 20 permutations of the labels and all 20 random directions
#   (rank p = 1/21 = 0.048 for both, the smallest 20 controls can give), although at the chosen layer sentiment is
#   so strongly present that some random directions, each with its own midpoint threshold, come close (the z-score,
#   about 2, says the margin is modest). Item 1 passes;
# * ablation: the model answered every test prompt correctly without intervention, and still did with the direction
#   removed (the change and its interval are exactly 0), as with every random ablation; the rank p-value for
#   "hurts more than random" is 1. This is evidence *against* "the model needs this direction to answer";
# * addition (coefficient 4): adding 4 r to the label-0 prompts made more than half of them answered with the
#   label-1 word, against none without addition and a few at most with random vectors of the same norm (rank p =
#   0.048). At this layer and coefficient the direction steers the answer; one coefficient is one point, so try
#   others (step 6) to see how the effect grows with the push;
# * specificity: the KL on unrelated prompts is well under the paper's 0.1-nat limit over its whole interval, and
#   within the range of what the random directions do (one of them disturbs more; rank p about 0.1 for "disturbs
#   more than random").
#
# A fair write-up: "the organism's task-prompt activations separate positive from negative reviews along a
# difference-of-means direction (held-out accuracy above every label permutation and every random direction, rank
# p = 0.048 with 20 each); removing the direction does not change the model's answers to the sentiment question,
# as no random ablation does, while adding 4 r turns more than half of the negative reviews' answers positive
# (random vectors of the same norm: a few at most); removing it disturbs unrelated prompts far less than 0.1 nats,
# as random directions do. The evidence says that sentiment is present along this direction and that adding it
# steers the answer, not that the model needs it to answer". Your numbers may differ if you change the concept, the
# layer, the coefficient or the seed.

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
#   The shuffled-label control was given the same advantage (best layer of each shuffle); the random directions
#   were not, so their comparison flatters the concept direction a little.
# * Four tests at $\alpha = 0.05$ each: with several tests, one passing by luck is likelier than 5 %.
#
# ## Summary
#
# * A linear-representation claim is several claims: the direction separates the classes (on held-out data), the
#   model uses it (ablation removes the behaviour, addition induces it), and it is specific (little change
#   elsewhere).
# * Every one of these needs a control: random directions (of the same norm, for addition), and for
#   classification also the same procedure on shuffled labels. With 20 or more controls a rank p-value,
#   $(1 + \#\{\text{controls at least as extreme}\})/(n + 1)$, turns "the number looks big" into "random
#   directions rarely do this", without assuming any distribution; a z-score against a handful of controls only
#   describes the gap.
# * A bootstrap confidence interval (resampling the prompts) says how much the effect itself depends on the
#   particular prompts; "beats the controls" and "is large" are separate claims.
#
# ## Going further
#
# * **A real model's refusal direction (GPU):** set `MODEL_NAME = "Qwen/Qwen2.5-0.5B-Instruct"`, take the direction
#   from `course_utils.directions.refusal_direction(model)`, and run the same checklist with harmful prompts and the
#   refusal rate (`course_utils.metrics.refusal_rate`) as the behaviour: the paper's evidence, with controls.
# * Try the other concepts: does the organism *use* its truth direction for anything?
