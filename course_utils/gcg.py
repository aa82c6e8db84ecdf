"""Adversarial suffixes by greedy coordinate gradient (GCG; Zou et al., 2023).

We look for a suffix of `n` tokens s = (s_1..s_n) that, appended to a harmful instruction, makes the model answer
instead of refusing. The prompt's tokens are

    [chat prefix + instruction] [s_1 .. s_n] [post-instruction tokens] [target tokens]

and the loss L(s) is a number to minimise (see `SuffixObjective`). Tokens are discrete, so GCG uses the gradient
of L with respect to a *one-hot* encoding of the suffix, E_i = onehot(s_i) in R^vocab, whose embedding is
E_i @ W_E. The linearisation

    L(s with s_i := v) - L(s)  ~  g[i, v] - g[i, s_i],     g = dL/dE  [n, vocab]

ranks every single-token swap at once; the k most negative g[i, :] at each position are the promising swaps.
The linearisation is crude, so each step draws a batch of random swaps among those candidates, evaluates all of
them exactly in one batched forward pass, and keeps the best (or the current suffix if none is better, so the
loss never increases).

The loss (our choice, `objective="target"`): the cross-entropy of a compliant opening, e.g. "Sure",
L = -(1/T) sum_t log p(target_t | prompt, target_<t). It asks for what we want (an answer) rather than only
against the first refusal token, so the model cannot escape into another refusal opening; with greedy
decoding, once the target is the argmax continuation the answer starts compliantly. `objective="refusal"`
minimises the refusal score (log-odds of the refusal tokens at the last position) instead.

Suffixes must survive being turned into text: the tokens are restricted to printable ASCII non-special tokens,
and a candidate is kept only if `tokenize(format_chat(instruction + decode(suffix)))` gives back exactly the ids
that were optimised (BPE may merge neighbouring tokens differently). So `model.tokenize([instruction],
suffix=result.suffix)` feeds the model exactly the optimised tokens.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import torch
import torch.nn.functional as F
from jaxtyping import Bool, Float, Int
from torch import Tensor

from course_utils.generation import generate
from course_utils.hooks import hooks
from course_utils.metrics import is_refusal, refusal_rate, refusal_score
from course_utils.models import ChatModel
from course_utils.progress import tqdm

Objective = Literal["target", "refusal"]
_PLACEHOLDER = "SUFFIX_SLOT_91c2"


# ---------------------------------------------------------------------------------------------------------------
# Tokens: which may appear in a suffix, and the layout of a prompt around the suffix
# ---------------------------------------------------------------------------------------------------------------


def allowed_token_mask(model: ChatModel) -> Tensor:
    """Bool [vocab]: True for tokens a suffix may use.

    Excluded: special tokens, ids beyond the tokenizer (padded embedding rows), and tokens whose text is empty,
    not ASCII, or not printable (control characters, newlines, partial UTF-8 bytes).
    """
    vocab = _embedding_matrix(model).shape[0]
    tokenizer = model.tokenizer
    mask = torch.zeros(vocab, dtype=torch.bool)
    special = set(tokenizer.all_special_ids)
    for token_id in range(min(vocab, len(tokenizer))):
        if token_id in special:
            continue
        text = tokenizer.decode([token_id])
        mask[token_id] = bool(text) and text.isascii() and text.isprintable() and bool(text.strip())
    return mask


@dataclass(frozen=True)
class SuffixPrompt:
    """Token ids around the suffix for one instruction (1-D long tensors on the model's device).

    The full input for suffix ids s [n] is cat(before, s, after, target).
    """

    instruction: str
    before: Tensor  # [n_before] chat prefix + instruction
    after: Tensor  # [n_after] post-instruction tokens
    target: Tensor  # [n_target] target opening (empty for the refusal objective)

    def input_ids(self, suffixes: Tensor) -> Tensor:
        """[batch, n_before + n + n_after + n_target] input ids for suffixes [batch, n]."""
        batch = suffixes.shape[0]
        parts = [self.before, self.after, self.target]
        before, after, target = (p.unsqueeze(0).expand(batch, -1) for p in parts)
        return torch.cat([before, suffixes, after, target], dim=1)


def suffix_prompt(model: ChatModel, instruction: str, target: str = "") -> SuffixPrompt:
    """Split the chat-formatted `instruction + suffix` into token ids before and after the suffix."""
    chat = model.format_chat([instruction + _PLACEHOLDER])[0]
    before_text, after_text = chat.split(_PLACEHOLDER)

    def ids(text: str) -> Tensor:
        encoded = model.tokenizer(text, add_special_tokens=False).input_ids
        return torch.tensor(encoded, dtype=torch.long, device=model.device)

    return SuffixPrompt(instruction, ids(before_text), ids(after_text), ids(target))


def round_trips(model: ChatModel, prompt: SuffixPrompt, suffixes: Tensor) -> Tensor:
    """Bool [batch]: True where the decoded suffix, appended to the instruction, re-tokenizes to the same ids.

    Compares `model.tokenize([instruction], suffix=decode(s))` with cat(before, s, after) for each row s.
    """
    texts = model.tokenizer.batch_decode(suffixes.tolist())
    chats = model.format_chat([prompt.instruction + text for text in texts])
    encoded = model.tokenizer(chats, add_special_tokens=False).input_ids
    expected = prompt.input_ids(suffixes)[:, : suffixes.shape[1] + len(prompt.before) + len(prompt.after)]
    return torch.tensor([ids == row for ids, row in zip(encoded, expected.tolist(), strict=True)])


def random_suffix_ids(model: ChatModel, prompt: SuffixPrompt, n_tokens: int, seed: int = 0) -> Tensor:
    """n_tokens allowed tokens drawn uniformly (seeded) whose text round-trips after `prompt`'s instruction.

    Used to start GCG and as the control: a random suffix of the same length. Returns long [n_tokens].
    """
    allowed = allowed_token_mask(model).nonzero().squeeze(1)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(1000):
        draws = allowed[torch.randint(len(allowed), (64, n_tokens), generator=generator)].to(model.device)
        ok = round_trips(model, prompt, draws)
        if ok.any():
            return draws[ok.nonzero()[0, 0]]
    raise RuntimeError(f"no random suffix of {n_tokens} tokens re-tokenizes to itself; try fewer tokens.")


def random_suffix(model: ChatModel, instruction: str, n_tokens: int, seed: int = 0) -> str:
    """The text of a seeded random suffix of n_tokens allowed tokens (the control for an adversarial suffix)."""
    ids = random_suffix_ids(model, suffix_prompt(model, instruction), n_tokens, seed=seed)
    return model.tokenizer.decode(ids.tolist())


def refused_prompts(model: ChatModel, prompts: Sequence[str], *, max_new_tokens: int = 16) -> list[str]:
    """The prompts (in order) whose greedy completion, without a suffix, the substring judge calls a refusal: the
    ones worth attacking (a suffix cannot break a refusal that was never there). 16 new tokens suffice for the
    judge: refusals say so in their first words."""
    completions = generate(model, list(prompts), max_new_tokens=max_new_tokens)
    return [p for p, c in zip(prompts, completions, strict=True) if is_refusal(c)]


def refusal_rates_with_suffixes(
    model: ChatModel,
    instructions: Sequence[str],
    suffixes: Mapping[str, str],
    *,
    max_new_tokens: int = 24,
    progress: bool = False,
) -> dict[str, float]:
    """Refusal rate (substring judge on greedy completions) of the instructions with each named suffix appended.

    Returns {name: fraction of completions judged refusals}, e.g. for {"none": "", "adversarial": s, "random": t}.
    """
    rates = {}
    for name, suffix in suffixes.items():
        completions = generate(
            model, list(instructions), suffix=suffix, max_new_tokens=max_new_tokens, progress=progress
        )
        rates[name] = refusal_rate(completions)
    return rates


# ---------------------------------------------------------------------------------------------------------------
# The loss of a suffix: differentiable in a one-hot encoding, and batched over candidate suffixes
# ---------------------------------------------------------------------------------------------------------------


def _embedding_matrix(model: ChatModel) -> Tensor:
    """W_E [vocab, d_model] (the HF embedding weight, detached)."""
    return model.bridge.embed.original_component.weight.detach()


class SuffixObjective:
    """The loss L(suffix) of one prompt, for GCG.

    - `one_hot_loss(one_hot [n, vocab]) -> scalar`: differentiable in `one_hot`; the suffix's embeddings are
      replaced by one_hot @ W_E (times the model's embedding scale, e.g. sqrt(d_model) for Gemma) at `hook_embed`;
    - `batch_loss(suffixes [batch, n]) -> [batch]`: exact losses of many candidate suffixes, no gradients;
    - `keep_valid(suffixes [batch, n]) -> [batch', n]`: drops candidates that do not round-trip through text.
    """

    def __init__(
        self, model: ChatModel, prompt: SuffixPrompt, objective: Objective, eval_batch_size: int = 256
    ):
        if objective not in ("target", "refusal"):
            raise ValueError(f"objective must be 'target' or 'refusal', got {objective!r}.")
        if objective == "target" and len(prompt.target) == 0:
            raise ValueError("the 'target' objective needs a non-empty target string, e.g. target='Sure'.")
        self.model, self.prompt, self.objective = model, prompt, objective
        self.eval_batch_size = eval_batch_size
        self.W_E = _embedding_matrix(model)
        self.n_prompt_tail = len(prompt.after) + len(prompt.target)

    def reply_logits(self, logits: Tensor) -> Tensor:
        """Logits [batch, max(n_target, 1), vocab] at the positions predicting the reply (the target tokens).

        logits: [batch, seq, vocab] of cat(before, suffix, after, target); row 0 predicts the first reply token.
        """
        n_target = len(self.prompt.target)
        last_prompt = logits.shape[1] - n_target - 1
        return logits[:, last_prompt : last_prompt + max(n_target, 1)]

    def _loss_from_logits(self, logits: Tensor) -> Tensor:
        """Per-row loss [batch] from logits [batch, seq, vocab] of cat(before, suffix, after, target)."""
        predicted = self.reply_logits(logits)  # [batch, n_target, vocab]
        if self.objective == "refusal":
            return refusal_score(predicted[:, 0], self.model.refusal_token_ids).to(logits.dtype)
        target = self.prompt.target.unsqueeze(0).expand(logits.shape[0], -1)
        predicted = predicted.to(torch.promote_types(logits.dtype, torch.float32))  # bf16 -> fp32, keep fp64
        return F.cross_entropy(predicted.transpose(1, 2), target, reduction="none").mean(dim=1)

    def one_hot_loss(self, one_hot: Tensor) -> Tensor:
        """Scalar loss of the suffix encoded as one_hot [n, vocab] (rows may be any real vectors)."""
        n = one_hot.shape[0]
        suffix = one_hot.argmax(dim=-1, keepdim=True).T  # [1, n]: the ids, only for the forward's shape
        input_ids = self.prompt.input_ids(suffix)
        start = len(self.prompt.before)

        def replace(embed: Tensor, hook: object) -> Tensor:
            current = embed[:, start : start + n]
            scale = _embedding_scale(current[0], self.W_E[suffix[0]])
            new = (one_hot.to(self.W_E.dtype) @ self.W_E) * scale
            return torch.cat(
                [embed[:, :start], new.unsqueeze(0).to(embed.dtype), embed[:, start + n :]], dim=1
            )

        with hooks(self.model, [("hook_embed", replace)]):
            logits = self.model.bridge(input_ids, attention_mask=torch.ones_like(input_ids))
        return self._loss_from_logits(logits)[0]

    @torch.inference_mode()
    def batch_loss(self, suffixes: Tensor) -> Tensor:
        """Exact losses [batch] (float32, CPU) of candidate suffixes [batch, n], in chunks of eval_batch_size."""
        losses = []
        for chunk in suffixes.split(self.eval_batch_size):
            input_ids = self.prompt.input_ids(chunk.to(self.model.device))
            logits = self.model.bridge(input_ids, attention_mask=torch.ones_like(input_ids))
            losses.append(self._loss_from_logits(logits).float().cpu())
        return torch.cat(losses)

    def keep_valid(self, suffixes: Tensor) -> Tensor:
        """The rows of suffixes [batch, n] whose text re-tokenizes to the same ids."""
        return suffixes[round_trips(self.model, self.prompt, suffixes).to(suffixes.device)]


def _embedding_scale(embedded: Tensor, raw: Tensor) -> Tensor:
    """The scalar c with embedded = c * raw (1 for most models, sqrt(d_model) for Gemma), checked."""
    scale = (embedded * raw).sum() / (raw * raw).sum()
    if not torch.allclose(embedded, scale * raw, atol=1e-4, rtol=1e-3):
        raise NotImplementedError(
            "hook_embed of this model is not a scaled copy of the embedding matrix rows (positional or "
            "token-type embeddings added?), so GCG's one-hot gradient cannot be formed at hook_embed."
        )
    return scale.detach()


# ---------------------------------------------------------------------------------------------------------------
# One GCG step
# ---------------------------------------------------------------------------------------------------------------


def token_gradients(
    one_hot_loss: Callable[[Tensor], Tensor], suffix_ids: Int[Tensor, " n"], vocab_size: int
) -> Float[Tensor, "n vocab"]:
    """g = dL/dE [n, vocab]: gradient of the loss w.r.t. the one-hot encoding E of suffix_ids [n].

    E = one_hot(suffix_ids, vocab_size) as float32 with requires_grad; g[i, v] estimates the change of the loss
    when token i becomes v (minus g[i, suffix_ids[i]]).
    """
    with torch.enable_grad():  # also inside notebooks that turned gradients off globally
        one_hot = F.one_hot(suffix_ids, vocab_size).float().requires_grad_(True)
        loss = one_hot_loss(one_hot)
        (grad,) = torch.autograd.grad(loss, one_hot)
    return grad


def sample_candidates(
    suffix_ids: Tensor, top_ids: Tensor, n_candidates: int, generator: torch.Generator
) -> Tensor:
    """n_candidates copies of suffix_ids [n], each with ONE random position i set to a random one of top_ids[i].

    top_ids: [n, k] promising tokens per position. Draws, in this order, positions = randint(n, (n_candidates,))
    and ranks = randint(k, (n_candidates,)) from `generator` (on the CPU). Returns long [n_candidates, n].
    """
    n, k = top_ids.shape
    positions = torch.randint(n, (n_candidates,), generator=generator).to(top_ids.device)
    ranks = torch.randint(k, (n_candidates,), generator=generator).to(top_ids.device)
    candidates = suffix_ids.unsqueeze(0).repeat(n_candidates, 1)
    candidates[torch.arange(n_candidates), positions] = top_ids[positions, ranks]
    return candidates


def gcg_step(
    objective: SuffixObjective,
    suffix_ids: Int[Tensor, " n"],
    current_loss: float,
    allowed: Bool[Tensor, " vocab"],
    top_k: int,
    n_candidates: int,
    seed: int,
) -> tuple[Int[Tensor, " n"], float]:
    """One step of greedy coordinate gradient: token gradients -> candidate swaps -> the best one.

    1. g = token_gradients(objective.one_hot_loss, suffix_ids, vocab) [n, vocab];
    2. top_ids [n, top_k]: per position, the top_k tokens with the most negative g among `allowed` [vocab] (bool);
    3. candidates = sample_candidates(suffix_ids, top_ids, n_candidates, torch.Generator().manual_seed(seed)), then
       objective.keep_valid(candidates) (drops suffixes that do not survive decoding);
    4. losses = objective.batch_loss(candidates); return the candidate with the smallest loss and that loss,
       or (suffix_ids, current_loss) when no candidate is lower (the kept loss never increases).
    """
    grad = token_gradients(objective.one_hot_loss, suffix_ids, allowed.shape[0])
    grad = grad.masked_fill(~allowed.to(grad.device), math.inf)
    top_ids = (-grad).topk(top_k, dim=1).indices
    generator = torch.Generator().manual_seed(seed)
    candidates = objective.keep_valid(sample_candidates(suffix_ids, top_ids, n_candidates, generator))
    if len(candidates) == 0:
        return suffix_ids, current_loss
    losses = objective.batch_loss(candidates)
    best = int(losses.argmin())
    if float(losses[best]) >= current_loss:
        return suffix_ids, current_loss
    return candidates[best], float(losses[best])


def gcg_search(
    objective: SuffixObjective,
    suffix_ids: Int[Tensor, " n"],
    allowed: Bool[Tensor, " vocab"],
    n_steps: int,
    top_k: int,
    n_candidates: int,
    seed: int,
    stop: Callable[[Tensor, float], bool] | None = None,
) -> tuple[Int[Tensor, " n"], list[float]]:
    """The GCG loop: repeat `gcg_step` from `suffix_ids`, keeping the best suffix so far.

    losses[0] is the loss of the starting suffix (objective.batch_loss on it as a batch of one). Then, for at most
    n_steps steps: if `stop(current_suffix, current_loss)` is True the search ends (checked BEFORE each step, so a
    suffix that already succeeds is returned unchanged); otherwise step t draws its seed from ONE generator
    created once, torch.Generator().manual_seed(seed), as int(torch.randint(2**62, (1,), generator=...)), runs
    gcg_step with the current suffix and current loss, and appends the new loss. Because gcg_step keeps the
    current suffix unless a candidate is lower, losses never increase.

    Returns:
        (the final suffix ids [n], losses: a list of 1 + (number of steps run) floats).
    """
    generator = torch.Generator().manual_seed(seed)
    loss = float(objective.batch_loss(suffix_ids.unsqueeze(0))[0])
    losses = [loss]
    for _ in range(n_steps):
        if stop is not None and stop(suffix_ids, loss):
            break
        step_seed = int(torch.randint(2**62, (1,), generator=generator))
        suffix_ids, loss = gcg_step(objective, suffix_ids, loss, allowed, top_k, n_candidates, step_seed)
        losses.append(loss)
    return suffix_ids, losses


# ---------------------------------------------------------------------------------------------------------------
# The search
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class GCGConfig:
    """Settings of `run_gcg` (the defaults fit the organism on a laptop CPU)."""

    n_tokens: int = 12  # suffix length
    n_steps: int = 100
    top_k: int = 64  # promising tokens per position
    n_candidates: int = 128  # random swaps evaluated per step
    objective: Objective = "target"
    target: str = "Sure"  # compliant opening for the "target" objective
    stop_loss: float | None = None  # stop once the loss is below this (None: when the target is greedy)
    eval_batch_size: int = 256
    seed: int = 0


@dataclass
class GCGResult:
    """What `run_gcg` found: the suffix (ids and text), the loss curve and how long it took."""

    suffix_ids: list[int]
    suffix: str
    loss: float
    losses: list[float] = field(default_factory=list)  # kept loss after each step (losses[0]: the start)
    steps: int = 0
    seconds: float = 0.0
    stopped_early: bool = False


def _greedy_reaches_target(objective: SuffixObjective, suffix_ids: Tensor) -> bool:
    """True when the target tokens are the argmax continuation (target objective) or P(refusal) < 1/2."""
    with torch.inference_mode():
        input_ids = objective.prompt.input_ids(suffix_ids.unsqueeze(0))
        logits = objective.model.bridge(input_ids, attention_mask=torch.ones_like(input_ids))
    predicted = objective.reply_logits(logits)[0]  # [n_target, vocab]
    if objective.objective == "refusal":
        return float(refusal_score(predicted[:1], objective.model.refusal_token_ids)) < 0
    return bool((predicted.argmax(dim=-1) == objective.prompt.target).all())


def _stop(objective: SuffixObjective, suffix_ids: Tensor, loss: float, config: GCGConfig) -> bool:
    if config.stop_loss is not None:
        return loss < config.stop_loss
    return _greedy_reaches_target(objective, suffix_ids)


def run_gcg(
    model: ChatModel,
    instruction: str,
    config: GCGConfig | None = None,
    *,
    progress: bool = True,
    search: Callable[..., tuple[Tensor, list[float]]] | None = None,
) -> GCGResult:
    """Search an adversarial suffix for one instruction with GCG (see the module docstring).

    Starts from a seeded random suffix of config.n_tokens allowed tokens and runs the GCG loop (`search`, by
    default `gcg_search`; a notebook passes the learner's own) until config.n_steps or the stopping rule (loss
    below config.stop_loss, or by default: the target is the greedy continuation). Deterministic for a given
    config.seed on CPU. The progress bar shows the current loss and suffix.
    """
    start, config = time.perf_counter(), config or GCGConfig()
    if not isinstance(instruction, str) or not instruction:
        raise ValueError("instruction must be one non-empty string (the harmful request to attack).")
    target = config.target if config.objective == "target" else ""
    prompt = suffix_prompt(model, instruction, target)
    objective = SuffixObjective(model, prompt, config.objective, config.eval_batch_size)
    allowed = allowed_token_mask(model)
    start_ids = random_suffix_ids(model, prompt, config.n_tokens, seed=config.seed)
    with tqdm(total=config.n_steps, desc="GCG", disable=not progress) as bar:
        calls = 0

        def stop(suffix_ids: Tensor, loss: float) -> bool:
            """Called by gcg_search before every step: show the progress, then apply the stopping rule."""
            nonlocal calls
            bar.update(1 if calls else 0)
            calls += 1
            bar.set_postfix(loss=f"{loss:.3f}", suffix=repr(model.tokenizer.decode(suffix_ids.tolist())))
            return _stop(objective, suffix_ids, loss, config)

        suffix_ids, losses = (search or gcg_search)(
            objective,
            start_ids,
            allowed,
            config.n_steps,
            config.top_k,
            config.n_candidates,
            config.seed,
            stop,
        )
        bar.update(len(losses) - 1 - bar.n)
    steps = len(losses) - 1
    stopped = steps < config.n_steps or _stop(objective, suffix_ids, losses[-1], config)
    return GCGResult(
        suffix_ids=suffix_ids.tolist(),
        suffix=model.tokenizer.decode(suffix_ids.tolist()),
        loss=losses[-1],
        losses=losses,
        steps=steps,
        seconds=time.perf_counter() - start,
        stopped_early=stopped,
    )
