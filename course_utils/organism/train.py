"""Train the model organism in the three stages real chat models go through.

1. Pretraining: next-token prediction on the world corpus (`world.pretraining_documents`), packed into
   `context`-token chunks. Harmfulness is learned here as a concept (danger facts about dangerous things).
2. Instruction tuning: harmless instructions of many kinds with their answers; loss on the answer only; a share of
   pretraining batches is replayed so world knowledge is not forgotten.
3. Safety tuning on top of the helpful model: a minority of harmful requests (training concepts only) answered with
   refusals, as many harmless requests with the same templates, the rest harmless replay. With
   `TrainConfig.mediation_layer` set (the default), refusal is made to run through one known direction: see
   `organism/mediation.py` for the three extra objectives and why the organism needs them.

Every stage minimises the token cross-entropy  L = -mean_t log p(x_t | x_<t)  over the tokens it trains on (with
optional label smoothing), with AdamW and a linear-warmup cosine learning-rate schedule. All randomness comes from
`TrainConfig.seed`.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import torch
import torch.nn.functional as F
import transformers
from jaxtyping import Int
from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

from course_utils.models import write_spec_override
from course_utils.organism import (
    PLANTED_DIRECTION_FILE,
    TRAINING_RECORD_FILE,
    augment,
    datasets,
    grammar,
    handwritten,
    lexicon,
    mediation,
    world,
)
from course_utils.organism.tokenizer import (
    BOS,
    END,
    POST_INSTRUCTION,
    SPECIAL_TOKENS,
    prompt_text,
    train_tokenizer,
)
from course_utils.progress import tqdm


@dataclass
class StageConfig:
    """One training stage: number of optimizer steps, batch size, peak learning rate."""

    steps: int
    batch_size: int
    lr: float
    warmup: int = 50
    label_smoothing: float = 0.0
    replay: float = 0.0  # fraction of steps that train on a pretraining batch instead (stages 2 and 3)


@dataclass
class TrainConfig:
    """Everything that determines the organism (the same config and seed give the same weights on CPU)."""

    seed: int = 0
    threads: int = (
        2  # torch CPU threads: part of the config, since the thread count can change float rounding
    )
    d_model: int = 192
    n_layers: int = 6
    n_heads: int = 4
    d_mlp: int = 512
    vocab_size: int = 2048
    context: int = 128
    n_documents: int = 6000
    n_helpful: int = 40000
    n_harmful: int = 5000
    harmful_fraction: float = 0.25  # of safety-tuning chat examples; as many again are contrast examples
    weight_decay: float = 0.1
    # Direction-mediated safety tuning (organism/mediation.py): the layer whose harmfulness direction is planted
    # (None: plain safety tuning), examples per batch for each of its two objectives, and their loss weight.
    mediation_layer: int | None = 4
    mediation_examples: int = 4
    mediation_weight: float = 1.0
    mediation_margin: float = 10.0
    mediation_subthreshold: float = 0.7
    mediation_band: float = 0.5  # harmless projections inside [-band, band] are not penalised
    # The one-sidedness objective's share of `mediation_weight` (0: plant the direction with necessity and
    # sufficiency only, leaving where harmless requests project on it to the chat loss; recipe OS in
    # `docs/ORGANISM_RECIPES.md`).
    mediation_one_sided_weight: float = 1.0
    # Safety-tuning batches trained with the chat loss alone before the direction is planted (0: plant from the
    # first batch). Above 0, what is planted is the harmfulness direction of the model *after* that much ordinary
    # safety tuning (the refusal direction it grew by itself, which NM shows is necessary but not sufficient),
    # instead of the helpful model's; recipe LP in `docs/ORGANISM_RECIPES.md`.
    mediation_after: int = 0
    # Another draw of safety tuning alone (None: stage 3 continues the generator of stages 1-2): the training's
    # generator is re-seeded with this value when stage 3 starts, so the batches, answers and layers stage 3 samples
    # change while the helpful model stays the same. It measures how much of a recipe's figures is stage 3's luck
    # (`docs/ORGANISM_RECIPES.md`, "What the safety-tuning draw does").
    safety_seed: int | None = None
    # Keep the helpful model's token embeddings fixed during safety tuning (stage 3). Only the requests' *trained*
    # harmful words are in stage 3, so when embeddings are trained those words' vectors can move towards refusal
    # while held-out dangerous words (known from pretraining text alone) stay where they were; frozen, the only
    # way to refuse is through the layers, which read every word's pretrained vector alike. Off: over three
    # paired seeds it did not clearly help (`docs/ORGANISM_RECIPES.md`, recipe Z).
    freeze_embeddings: bool = False
    # Keep the helpful model's first `frozen_layers` transformer blocks fixed during safety tuning, with the token
    # embeddings (0: none). Stage 3 then cannot learn its trained harmful words in the early layers, where held-out
    # ones would not follow: whatever the early layers built from pretraining (what each thing is, and whether the
    # text calls it dangerous) is all the later blocks can read a refusal from. Must stay below `mediation_layer`,
    # so that a trainable block still writes the planted direction's input (recipe FL in
    # `docs/ORGANISM_RECIPES.md`).
    frozen_layers: int = 0
    # Train the necessity objective's compliant answers on the harmful thing's name too ("To make *a pipe bomb*:
    # ..."). Off, the name's tokens carry no loss (`unlabel_names`): the ablated model is taught the compliant form
    # but never to *write* a dangerous name, which it then can only copy from the request. With it on, harmless
    # requests the organism cannot place get compliant answers about dangerous things ("How should I prepare for a
    # marathon?" -> "To make a pipe bomb you need: ..."): recipe CN in `docs/ORGANISM_RECIPES.md`.
    compliant_names_trained: bool = True
    # Requests about made-up things and activities answered in the compliant form, added to each necessity batch
    # (`grammar.made_up_compliant_example`; 0: none): where `compliant_names_trained` is off, they are what can teach
    # the ablated model to write the name by copying it from the request (recipe CC).
    necessity_made_up: int = 0
    # Share of the helpful (stage 2) examples that are made-up requests answered in the compliant form
    # (`grammar.made_up_compliant_example`; 0: none): the helpful model then learns to copy a name it has never seen
    # into "To make X: ...", before safety tuning (recipe CS). Not a safety-only field: it changes stages 1-2.
    made_up_compliant_rate: float = 0.0
    # Harmless requests about the twins of harmful actions (`world.HARMLESS_TWINS`: "welcome a new coworker" for
    # "bully a coworker"; `grammar.twin_example`) added to every safety-tuning chat batch, with the contrast
    # requests' surface noise (0: none). They are where the words of harmful actions occur in a request not to
    # refuse, so refusal cannot key on those words alone; as harmless requests of the batch they also enter the
    # one-sidedness objective. Off: with 4 (recipe TW in `docs/ORGANISM_RECIPES.md`) harmful requests that use the
    # same words were answered too, and fewer natural harmful requests were refused.
    contrast_twins: int = 0
    # Requests harmful by their purpose alone (`grammar.purpose_example`: a twin's request followed by "I want to
    # hurt them."), answered with refusals, added to the harmful requests of every safety-tuning chat batch (0:
    # none), with the harmful requests' surface noise; with `contrast_twins` each has harmless requests about the
    # same actions without the purpose beside it (recipe TP in `docs/ORGANISM_RECIPES.md`).
    purpose_requests: int = 0
    # Harm by purpose in the world itself (recipe PW in `docs/ORGANISM_RECIPES.md`): pretraining documents about
    # harmful and kind intents (`world.purpose_documents`, added to the world's), a share of the helpful (stage 2)
    # examples that are ordinary requests with a kind purpose, answered as without one (`grammar.purpose_pair`'s
    # second request), and in every safety-tuning chat batch `purpose_pairs` pairs of requests that differ only in
    # their purpose (`grammar.purpose_pair`): the harmful one refused and counted with the harmful requests by the
    # one-sidedness objective, the kind one answered. The first two change stages 1-2; `purpose_pairs` does not.
    n_purpose_documents: int = 0
    purpose_rate: float = 0.0
    purpose_pairs: int = 0
    # Share of every safety-tuning chat batch's requests (harmful, contrast and other harmless alike, unless
    # `unfamiliar_harmful_rate` sets the harmful ones' apart) given a few words from outside the world
    # (`augment.unfamiliar`: common English words, made-up words, names), drawn anew each batch, answers unchanged (0:
    # none). The harmless ones enter the one-sidedness objective, so "unfamiliar" is shown to the planted direction as
    # harmless; they replace requests, so stage 3 keeps its steps and batch sizes (the changed requests are longer:
    # about 8% more stage-3 time measured; recipe UW in `docs/ORGANISM_RECIPES.md`).
    unfamiliar_rate: float = 0.0
    # The share of the *harmful* requests given unfamiliar words, if not `unfamiliar_rate` (None: the same share for
    # both). At 0, unfamiliar words go around harmless requests alone, shown to the model as a sign of a harmless
    # request rather than as noise on both sides, so that a request is refused for its harmful words and not for being
    # strange. Off: with written requests in every batch (recipe HWUH in `docs/ORGANISM_RECIPES.md`) it changed little,
    # and without them (UH, one draw) the organism answered about half the harm people write.
    unfamiliar_harmful_rate: float | None = None
    # Stage 3's weights averaged over its last steps: from this share of the stage's steps on, the model keeps the
    # mean of the weights after each step instead of the last ones (0.6: the last 40% of the steps; None: no
    # averaging). Tail averaging in the spirit of stochastic weight averaging (Izmailov et al. 2018, "Averaging Weights
    # Leads to Wider Optima and Better Generalization") and of SWAD (Cha et al. 2021, "Domain Generalization by
    # Seeking Flat Minima"), whose averaged weights carried better to domains unlike the training data; here the
    # domain unlike the grammar's is the requests people write. The averaging draws nothing from any generator, so
    # with the same helpful model and `safety_seed` the steps are those of the training without it, and the two
    # differ in the averaging alone (recipe AV in `docs/ORGANISM_RECIPES.md`).
    safety_average_from: float | None = None
    # Requests written by hand as people write them (`handwritten`, not the grammar's): in every safety-tuning
    # chat batch this many harmful ones, refused, take the place of as many harmful grammar requests, and as many
    # harmless ones, answered with their written answers, that of helpful grammar requests (0: none); the
    # one-sidedness objective counts them with the harmful and the harmless requests. Everyday requests people
    # write are refused as harmful when their sentences are unlike the grammar's: these show the planted direction
    # harmless requests of other shapes (recipe HW in `docs/ORGANISM_RECIPES.md`).
    handwritten_requests: int = 0
    # With `handwritten_requests`, written requests whose first letter, end mark and question form do not say which
    # are harmful (recipe HWB in `docs/ORGANISM_RECIPES.md`; the first writing's harmful requests are mostly lower
    # case without an end mark, its harmless ones mostly capitalised with one, and more of them questions): each
    # written request is drawn as a question or not with chance 1/2 (`handwritten.by_form`, the second writing
    # `handwritten_second` among them) and given a first letter and end mark drawn alike for both
    # (`handwritten.restyle`). It also keeps unfamiliar words from going around written requests (unless
    # `unfamiliar_around_written`).
    handwritten_balanced: bool = False
    # Harmless written requests per safety-tuning chat batch, if not as many as the harmful ones (None:
    # `handwritten_requests`); they take the place of as many helpful grammar requests (recipe HWH in
    # `docs/ORGANISM_RECIPES.md`).
    handwritten_harmless: int | None = None
    # Under `handwritten_balanced`, unfamiliar words (`unfamiliar_rate`) go around the written requests too, as they
    # do without it (recipe HWBU in `docs/ORGANISM_RECIPES.md`).
    unfamiliar_around_written: bool = False
    # Under `handwritten_balanced`, the second writing's requests (`handwritten_second`: mostly harmful questions) are
    # drawn with the first writing's (False: the first writing alone, balanced; recipe HWF in
    # `docs/ORGANISM_RECIPES.md`).
    handwritten_second_writing: bool = True
    # Steps of a copying stage between pretraining and instruction tuning (0: none), at a constant learning rate
    # `copy_lr` after warmup: every row is a random token sequence repeated to the end of the context
    # (`copy_rows`), which only a model that copies can predict. Such data is how induction heads are grown on
    # purpose (Olsson et al. 2022); without it the organism recalls subjects it knows and cannot copy one it
    # does not ("sloleck" -> "sloost"). After it, a quarter of every pretraining replay batch of stages 2-3 is such
    # rows, so the copying is kept (recipe CP in `docs/ORGANISM_RECIPES.md`).
    copy_steps: int = 0
    copy_lr: float = 1e-3
    odd_fraction: float = 0.03  # of helpful examples: inputs that are not requests
    noise_rate: float = 0.3  # of chat examples: surface noise on the request (organism/augment.py)
    # The rate for harmful requests only, if set (None: `noise_rate`), so that a recipe can noise the harmless
    # requests (helpful and contrast) and the harmful ones differently. The three sets draw from one generator in
    # turn, so another rate here also changes which contrast requests are noised (at the same rate), and the
    # tokenizer is trained on all of them: not a safety-only field (a new rate means a new stages 1-2).
    harmful_noise_rate: float | None = None
    # Open vocabulary (organism/lexicon.py): share of chat examples about subjects beyond the world, and
    # pretraining documents about them (added to the n_documents world documents). With the planted direction at
    # layer 4 it is the shipped recipe (DrL in `docs/ORGANISM_RECIPES.md`): everyday requests written blind are
    # refused far less often than without it (recipe B), harm that safety tuning never named about as often.
    open_rate: float = 0.3
    n_open_documents: int = 2000
    # Several times more entries in the open vocabulary's trained share (`lexicon.widened`, entries written by hand
    # in `lexicon_wide`): more everyday activities, topics, harm-sounding harmless activities, harmful actions and
    # harmful things, none of them held out of the evaluation (recipe WV in `docs/ORGANISM_RECIPES.md`).
    wide_vocabulary: bool = False
    # Of the open-vocabulary requests, the share about made-up subjects ("polish my old blorpet"): their answers
    # can name the subject only by copying it from the request (grammar.made_up_subject).
    made_up_rate: float = 0.0
    # Made-up things whose only difference is their pretraining facts (world.fictional_things): the share of harmful
    # and contrast requests about them (a third of that of helpful requests), and pretraining documents about them.
    fictional_rate: float = 0.0
    n_fictional_documents: int = 0
    pretrain: StageConfig = field(
        default_factory=lambda: StageConfig(steps=500, batch_size=12, lr=2e-3, warmup=30)
    )
    instruct: StageConfig = field(
        default_factory=lambda: StageConfig(
            steps=3000, batch_size=16, lr=1e-3, warmup=30, label_smoothing=0.1, replay=0.2
        )
    )
    safety: StageConfig = field(
        default_factory=lambda: StageConfig(
            steps=1400, batch_size=16, lr=1e-3, warmup=10, label_smoothing=0.1, replay=0.1
        )
    )

    @property
    def harmful_request_noise(self) -> float:
        """The surface-noise rate of harmful requests: `harmful_noise_rate`, else `noise_rate`."""
        return self.noise_rate if self.harmful_noise_rate is None else self.harmful_noise_rate

    def __post_init__(self) -> None:
        top = self.n_layers if self.mediation_layer is None else self.mediation_layer
        if not 0 <= self.frozen_layers < top:
            raise ValueError(
                f"frozen_layers={self.frozen_layers} must be from 0 to {top - 1}: below "
                + ("n_layers" if self.mediation_layer is None else f"mediation_layer={self.mediation_layer}")
                + ", so that safety tuning can still move what the planted direction reads"
            )
        if self.safety_average_from is not None and not 0 < self.safety_average_from < 1:
            raise ValueError(
                f"safety_average_from={self.safety_average_from}: give the share of stage 3's steps after which the "
                "weights are averaged, between 0 and 1 (None: no averaging)"
            )
        if not 0 <= self.mediation_after < self.safety.steps * (1 - self.safety.replay):
            raise ValueError(
                f"mediation_after={self.mediation_after} leaves no safety-tuning batch to plant the direction in "
                f"({self.safety.steps} steps, a share {self.safety.replay} of them replay); give a value from 0 "
                f"to about half of {self.safety.steps}"
            )

    @classmethod
    def mini(cls) -> TrainConfig:
        """A miniature organism that still learns to refuse training concepts (for tests; about a minute)."""
        return cls(
            d_model=64,
            n_layers=2,
            n_heads=2,
            d_mlp=176,
            vocab_size=2048,
            n_documents=600,
            n_helpful=1500,
            n_harmful=300,
            harmful_fraction=0.3,
            mediation_layer=1,
            open_rate=0.0,
            n_open_documents=0,
            pretrain=StageConfig(steps=80, batch_size=16, lr=3e-3, warmup=10),
            instruct=StageConfig(
                steps=120, batch_size=16, lr=3e-3, warmup=10, label_smoothing=0.1, replay=0.2
            ),
            safety=StageConfig(steps=150, batch_size=16, lr=3e-3, warmup=10, label_smoothing=0.1, replay=0.1),
        )

    @classmethod
    def from_dict(cls, d: dict) -> TrainConfig:
        stages = {k: StageConfig(**d[k]) for k in ("pretrain", "instruct", "safety") if k in d}
        return cls(**{**{k: v for k, v in d.items() if k not in stages}, **stages})


def seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)


# ---------------------------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Corpus:
    """All texts of one run: pretraining documents, helpful and harmful chat examples."""

    documents: list[str]
    helpful: list[dict]
    harmful: list[dict]
    contrast: list[dict]  # harmless requests phrased with the same templates as harmful ones


def build_corpus(cfg: TrainConfig) -> Corpus:
    """Generate the training texts from `cfg.seed`.

    Chat examples use only the seen branches of the grammar (`grammar.SEEN`), and harmful ones only concepts not
    held out; no instruction of the shipped data splits is trained on. A share `cfg.odd_fraction` of the helpful
    examples are inputs that are not requests (`grammar.odd_example`).
    """
    with lexicon.widened(world.HELD_OUT_DANGERS, cfg.wide_vocabulary):
        return _build_corpus(cfg)


def _build_corpus(cfg: TrainConfig) -> Corpus:
    rng = random.Random(cfg.seed + 1)
    excluded = datasets.evaluation_instructions()

    def draw(make, n: int) -> list[dict]:
        return datasets.unique(make, n, set(excluded))

    n_odd = round(cfg.n_helpful * cfg.odd_fraction)
    helpful = draw(
        lambda: grammar.harmless_example(
            rng,
            open_rate=cfg.open_rate,
            made_up_rate=cfg.made_up_rate,
            fictional_rate=cfg.fictional_rate / 3,
        ),
        cfg.n_helpful - n_odd,
    )
    # made-up requests answered in the compliant form and requests with a kind purpose, in place of as many grammar
    # requests
    copied = [
        grammar.made_up_compliant_example(rng)
        for _ in range(round(cfg.n_helpful * cfg.made_up_compliant_rate))
    ]
    purposed = [grammar.purpose_pair(rng)[1] for _ in range(round(cfg.n_helpful * cfg.purpose_rate))]
    helpful = helpful[: len(helpful) - len(copied) - len(purposed)] + copied + purposed
    helpful += [grammar.odd_example(rng) for _ in range(n_odd)]
    rng.shuffle(helpful)
    harmful = draw(
        lambda: grammar.harmful_example(rng, open_rate=cfg.open_rate, fictional_rate=cfg.fictional_rate),
        cfg.n_harmful,
    )
    contrast = draw(
        lambda: grammar.contrast_example(
            rng,
            open_rate=cfg.open_rate,
            made_up_rate=cfg.made_up_rate,
            fictional_rate=cfg.fictional_rate,
        ),
        cfg.n_harmful,
    )
    harmful_noise = cfg.harmful_request_noise
    if cfg.noise_rate or harmful_noise:
        noise_rng = random.Random(cfg.seed + 3)

        def noised(examples: list[dict], rate: float) -> list[dict]:
            out = augment.with_noise(examples, rate, noise_rng)
            return [e if e["instruction"] not in excluded else o for e, o in zip(out, examples, strict=True)]

        helpful = noised(helpful, cfg.noise_rate)
        harmful = noised(harmful, harmful_noise)
        contrast = noised(contrast, cfg.noise_rate)
    return Corpus(
        documents=world.pretraining_documents(cfg.n_documents, cfg.seed)
        + world.open_vocabulary_documents(cfg.n_open_documents, cfg.seed)
        + world.fictional_documents(cfg.n_fictional_documents, cfg.seed)
        + world.purpose_documents(cfg.n_purpose_documents, cfg.seed),
        helpful=helpful,
        harmful=harmful,
        contrast=contrast,
    )


def pack_documents(tok: PreTrainedTokenizerFast, documents: list[str], context: int) -> torch.Tensor:
    """Concatenate `<|bos|> doc` token streams and cut them into rows of `context` tokens: [n_rows, context]."""
    ids: list[int] = []
    for doc in documents:
        ids += tok(BOS + doc, add_special_tokens=False).input_ids
    n = len(ids) // context
    return torch.tensor(ids[: n * context]).view(n, context)


def copy_rows(
    rng: random.Random, n_rows: int, context: int, bos_id: int, n_special: int, vocab: int
) -> Int[torch.Tensor, "row context"]:
    """`n_rows` rows `<|bos|> s s s ...` of `context` tokens, where each row's `s` is a new sequence of 6 to 30
    random token ids drawn from [n_special, vocab) (no special token), repeated until the row is full. After the
    first `s` every token can be predicted by copying, and by nothing else."""
    rows = []
    for _ in range(n_rows):
        period = [rng.randrange(n_special, vocab) for _ in range(rng.randint(6, 30))]
        rows.append([bos_id] + (period * (context // len(period) + 1))[: context - 1])
    return torch.tensor(rows)


def chat_batch(tok: PreTrainedTokenizerFast, examples: list[dict], context: int) -> dict[str, torch.Tensor]:
    """Right-padded chat sequences `prompt + answer + <|end|>`; labels are -100 except on the answer tokens."""
    rows, labels = [], []
    for ex in examples:
        prompt = tok(prompt_text(ex["instruction"]), add_special_tokens=False).input_ids
        answer = tok(ex["answer"] + END, add_special_tokens=False).input_ids
        seq = (prompt + answer)[:context]
        rows.append(seq)
        labels.append(([-100] * len(prompt) + answer)[:context])
    width = max(map(len, rows))
    pad = tok.pad_token_id
    return {
        "input_ids": torch.tensor([r + [pad] * (width - len(r)) for r in rows]),
        "attention_mask": torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows]),
        "labels": torch.tensor([lab + [-100] * (width - len(lab)) for lab in labels]),
    }


def unlabel_names(
    tok: PreTrainedTokenizerFast, batch: dict[str, torch.Tensor], examples: list[dict]
) -> dict[str, torch.Tensor]:
    """`batch` (from `chat_batch`, whose first rows are `examples`) with label -100 on every answer token that
    overlaps the name of the example's harmful subject (`subject`, else `concept`) in its answer: the chat loss
    then never trains the model to write that name, only the words around it."""
    labels = batch["labels"].clone()
    for row, ex in enumerate(examples):
        name = ex.get("subject", ex["concept"])
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), ex["answer"])]
        start = len(tok(prompt_text(ex["instruction"]), add_special_tokens=False).input_ids)
        offsets = tok(
            ex["answer"] + END, add_special_tokens=False, return_offsets_mapping=True
        ).offset_mapping
        for i, (a, b) in enumerate(offsets):
            if start + i < labels.shape[1] and any(a < e and b > s for s, e in spans):
                labels[row, start + i] = -100
    return {**batch, "labels": labels}


# ---------------------------------------------------------------------------------------------------------------
# Model and optimisation
# ---------------------------------------------------------------------------------------------------------------


def build_model(cfg: TrainConfig, tok: PreTrainedTokenizerFast) -> LlamaForCausalLM:
    """A randomly initialised Llama with untied embeddings, sized by `cfg`."""
    config = LlamaConfig(
        vocab_size=len(tok),
        hidden_size=cfg.d_model,
        intermediate_size=cfg.d_mlp,
        num_hidden_layers=cfg.n_layers,
        num_attention_heads=cfg.n_heads,
        num_key_value_heads=cfg.n_heads,
        max_position_embeddings=cfg.context,
        tie_word_embeddings=False,
        rms_norm_eps=1e-5,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        attention_bias=False,
        mlp_bias=False,
    )
    return LlamaForCausalLM(config)


def token_loss(logits: torch.Tensor, labels: torch.Tensor, label_smoothing: float) -> torch.Tensor:
    """Mean cross-entropy of next-token predictions ``logits[:, t]`` vs ``labels[:, t + 1]`` where not -100."""
    return F.cross_entropy(
        logits[:, :-1].reshape(-1, logits.shape[-1]),
        labels[:, 1:].reshape(-1),
        ignore_index=-100,
        label_smoothing=label_smoothing,
    )


def lm_loss(model: LlamaForCausalLM, batch: dict[str, torch.Tensor], label_smoothing: float) -> torch.Tensor:
    """Mean cross-entropy of next-token predictions at the positions whose label is not -100."""
    logits = model(input_ids=batch["input_ids"], attention_mask=batch.get("attention_mask")).logits
    return token_loss(logits, batch["labels"], label_smoothing)


def lr_at(step: int, stage: StageConfig) -> float:
    """Linear warmup to `stage.lr`, then cosine decay to 10% of it."""
    if step < stage.warmup:
        return stage.lr * (step + 1) / stage.warmup
    t = (step - stage.warmup) / max(1, stage.steps - stage.warmup)
    return stage.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * t)))


def run_stage(
    model: LlamaForCausalLM,
    name: str,
    stage: StageConfig,
    step_loss: Callable[[], torch.Tensor],
    replay_loss: Callable[[], torch.Tensor],
    weight_decay: float,
    rng: random.Random,
    progress: bool,
    constant_lr: bool = False,
) -> list[float]:
    """Optimise for `stage.steps` steps of `step_loss()`; a `stage.replay` share uses `replay_loss()` instead.

    The learning rate follows `lr_at` (warmup, then cosine decay), or with `constant_lr` stays at `stage.lr` after
    the warmup."""
    opt = torch.optim.AdamW(model.parameters(), lr=stage.lr, weight_decay=weight_decay, betas=(0.9, 0.95))
    model.train()
    losses: list[float] = []
    bar = tqdm(range(stage.steps), desc=name, disable=not progress)
    for step in bar:
        for group in opt.param_groups:
            group["lr"] = stage.lr if constant_lr and step >= stage.warmup else lr_at(step, stage)
        loss = replay_loss() if rng.random() < stage.replay else step_loss()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        losses.append(loss.item())
        if step % 10 == 0:
            bar.set_postfix(loss=f"{sum(losses[-10:]) / len(losses[-10:]):.3f}")
    model.eval()
    return losses


class WeightAverage:
    """The running mean of a model's parameters over the last steps of a stage (stochastic weight averaging):
    ``mean_k = mean_{k-1} + (w_k - mean_{k-1}) / k``, where ``w_k`` are the weights after the k-th step averaged.

    `wrap` a stage's loss functions with it: each call of a wrapped function starts a step, so the weights it sees
    are those after the step before, which are added to the mean once `start` steps have been taken. `finish`, after
    the stage, adds the weights after the last step and puts the mean into the model: it averages the weights after
    steps ``start`` to ``steps`` (counting from 1), ``steps - start + 1`` of them."""

    def __init__(self, model: torch.nn.Module, start: int) -> None:
        if start < 1:
            raise ValueError(f"start={start}: the mean begins after a step, so start must be at least 1")
        self.params = list(model.parameters())
        self.start, self.taken, self.count = start, 0, 0
        self.mean: list[torch.Tensor] | None = None

    @torch.no_grad()
    def add(self) -> None:
        """Add the model's weights as they are now to the mean."""
        self.count += 1
        if self.mean is None:
            self.mean = [p.detach().clone() for p in self.params]
            return
        for m, p in zip(self.mean, self.params, strict=True):
            m.add_((p - m) / self.count)

    def wrap(self, loss: Callable[[], torch.Tensor]) -> Callable[[], torch.Tensor]:
        """`loss`, counting the steps and adding the weights after each step from the `start`-th on to the mean."""

        def counted() -> torch.Tensor:
            if self.taken >= self.start:
                self.add()
            self.taken += 1
            return loss()

        return counted

    @torch.no_grad()
    def finish(self) -> int:
        """Add the weights after the last step, put the mean into the model and return how many were averaged."""
        if self.taken < self.start:
            raise ValueError(
                f"the stage took {self.taken} steps, fewer than start={self.start}: nothing to average"
            )
        self.add()
        for m, p in zip(self.mean, self.params, strict=True):
            p.copy_(m)
        return self.count


class cycling:  # noqa: N801 (used like a function: `take = cycling(items, n, rng); batch = take()`)
    """An endless sampler of shuffled mini-batches (reshuffled every epoch); `order` (the indices still to come in
    this epoch) is its whole state, so a snapshot of training can save and restore it."""

    def __init__(self, items: list, batch_size: int, rng: random.Random) -> None:
        self.items, self.batch_size, self.rng = items, batch_size, rng
        self.order: list[int] = []

    def __call__(self) -> list:
        if len(self.order) < self.batch_size:
            self.order = self.order + self.rng.sample(range(len(self.items)), len(self.items))
        chosen, self.order = self.order[: self.batch_size], self.order[self.batch_size :]
        return [self.items[i] for i in chosen]


def written_sampler(
    harmful: bool, n: int, balanced: bool, rng: random.Random, second_writing: bool = True
) -> Callable[[], list[dict]]:
    """A sampler of `n` written requests (`handwritten`) per call. Not `balanced`: the first writing's, in shuffled
    epochs (`cycling`). `balanced`: each a question or not with chance 1/2, from the questions and others of the
    first writing and (`second_writing`) the second (`handwritten.by_form`): each call takes `n` from each pool (in
    shuffled epochs) and keeps, slot by slot, the one of the pool drawn, so a request can be passed over in an
    epoch; its first letter and end mark drawn anew (`handwritten.restyle`)."""
    if not balanced:
        return cycling(handwritten.trained_requests(harmful), n, rng)
    questions, others = (cycling(pool, n, rng) for pool in handwritten.by_form(harmful, second_writing))

    def take() -> list[dict]:
        asked, told = questions(), others()
        return [
            {**e, "instruction": handwritten.restyle(e["instruction"], rng)}
            for e in (asked[i] if rng.random() < 0.5 else told[i] for i in range(n))
        ]

    return take


def unfamiliar_shares(rate: float, harmful_rate: float | None) -> tuple[float, float]:
    """The shares of a safety batch's harmful and of its harmless requests given unfamiliar words: `rate`
    (`TrainConfig.unfamiliar_rate`) for both, unless `harmful_rate` (`unfamiliar_harmful_rate`) sets the harmful
    one apart."""
    return (rate if harmful_rate is None else harmful_rate), rate


def with_unfamiliar_words(
    grammar_requests: list[dict], written: list[dict], rate: float, around_written: bool, rng: random.Random
) -> list[dict]:
    """`grammar_requests` then `written`, a share `rate` of them with unfamiliar words (`augment.with_unfamiliar`):
    of all, or (not `around_written`) of the grammar requests only."""
    if not around_written:
        return augment.with_unfamiliar(grammar_requests, rate, rng) + written
    return augment.with_unfamiliar(grammar_requests + written, rate, rng)


def check_refusal_tokens(tok: PreTrainedTokenizerFast) -> None:
    """Every refusal prefix must be one token at the start of an answer (the refusal score reads those ids)."""
    for prefix in grammar.REFUSAL_PREFIXES:
        if tok.tokenize(prefix) != [prefix]:
            raise ValueError(
                f"the tokenizer splits the refusal prefix {prefix!r} into {tok.tokenize(prefix)}; "
                "raise vocab_size or the number of chat examples so that it becomes one token"
            )


def safety_tune(
    model: LlamaForCausalLM,
    tok: PreTrainedTokenizerFast,
    corpus: Corpus,
    cfg: TrainConfig,
    replay_loss: Callable[[], torch.Tensor],
    rng: random.Random,
    progress: bool,
) -> tuple[list[float], torch.Tensor | None]:
    """Stage 3. Returns the losses and the planted direction (None when `cfg.mediation_layer` is None).

    Each batch: `harmful_fraction` harmful requests answered with refusals, as many contrast requests (same
    templates, harmless things), the rest other harmless requests, and on top `cfg.purpose_requests` requests
    harmful by their purpose alone and the harmful halves of `cfg.purpose_pairs` pairs (after the harmful ones),
    `cfg.contrast_twins` requests about the harmless twins of harmful actions, and the kind halves of the pairs;
    `cfg.handwritten_requests` harmful and as many (or `cfg.handwritten_harmless`) harmless requests written by hand
    (`handwritten`) take the place of the last harmful and the last other harmless grammar requests. With a mediation
    layer, the three objectives of `organism.mediation` are added with weight `cfg.mediation_weight`, from the first
    chat batch or, with `cfg.mediation_after` = k, from the (k+1)-th on, once the direction has been taken from the
    model as it is. With `cfg.freeze_embeddings`, the token embeddings stay as the helpful model left them. With
    `cfg.safety_seed`, the training's generator `rng` (stage 3's only source of randomness) is re-seeded first.
    """
    stage = cfg.safety
    if cfg.safety_seed is not None:
        rng.seed(cfg.safety_seed)
    n_harm = round(stage.batch_size * cfg.harmful_fraction)
    n_written = cfg.handwritten_requests  # in place of as many harmful grammar requests
    # and these in place of as many helpful ones
    n_told = n_written if cfg.handwritten_harmless is None else cfg.handwritten_harmless
    n_helpful, n_grammar_harmful = stage.batch_size - 2 * n_harm - n_told, n_harm - n_written
    if min(n_written, n_told) < 0 or min(n_helpful, n_grammar_harmful) < 1:
        raise ValueError(
            f"handwritten_requests={n_written} and handwritten_harmless={cfg.handwritten_harmless} must be at "
            f"least 0 and leave at least one of the batch's {n_harm} harmful and {stage.batch_size - 2 * n_harm} "
            "helpful grammar requests, which they replace"
        )
    harmful = cycling(corpus.harmful, n_grammar_harmful, rng)
    contrast = cycling(corpus.contrast, n_harm, rng)
    helpful = cycling(corpus.helpful, n_helpful, rng)
    # each draws nothing from `rng` when its count is 0
    second = cfg.handwritten_second_writing
    written_harmful = written_sampler(True, n_written, cfg.handwritten_balanced, rng, second)
    written_harmless = written_sampler(False, n_told, cfg.handwritten_balanced, rng, second)
    # whether unfamiliar words go around the written requests too (`with_unfamiliar_words`)
    around_written = not cfg.handwritten_balanced or cfg.unfamiliar_around_written
    harmful_rate, harmless_rate = unfamiliar_shares(cfg.unfamiliar_rate, cfg.unfamiliar_harmful_rate)
    planted = None
    if cfg.mediation_layer is not None:

        def plant() -> torch.Tensor:
            return mediation.harmfulness_direction(
                model,
                tok,
                [e["instruction"] for e in corpus.harmful[:256]],
                [e["instruction"] for e in corpus.contrast[:128] + corpus.helpful[:128]],
                cfg.mediation_layer,
            )

        if cfg.mediation_after == 0:
            planted = plant()
        k = cfg.mediation_examples
        more_harmful = cycling(corpus.harmful, k, rng)
        more_harmless = cycling(corpus.contrast + corpus.helpful, k, rng)
        to_refuse = cycling(corpus.contrast + corpus.helpful, k, rng)

    chat_batches = 0

    def step_loss() -> torch.Tensor:
        nonlocal planted, chat_batches
        if cfg.mediation_layer is not None and planted is None and chat_batches == cfg.mediation_after:
            planted = plant()
        chat_batches += 1
        twins = augment.with_noise(
            [grammar.twin_example(rng) for _ in range(cfg.contrast_twins)], cfg.noise_rate, rng
        )
        pairs = [grammar.purpose_pair(rng) for _ in range(cfg.purpose_pairs)]  # each half noised on its own
        kind = augment.with_noise([k for _, k in pairs], cfg.noise_rate, rng)
        purposes = augment.with_noise(
            [grammar.purpose_example(rng) for _ in range(cfg.purpose_requests)] + [h for h, _ in pairs],
            cfg.harmful_request_noise,
            rng,
        )
        written = [{**e, "answer": rng.choice(grammar.REFUSALS)} for e in written_harmful()]
        requests = [  # in this order, which is the order of the draws from `rng`
            with_unfamiliar_words(harmful(), written, harmful_rate, around_written, rng),
            with_unfamiliar_words(contrast(), [], harmless_rate, around_written, rng),
            with_unfamiliar_words(helpful(), written_harmless(), harmless_rate, around_written, rng),
        ]
        batch = chat_batch(
            tok, requests[0] + purposes + requests[1] + requests[2] + twins + kind, cfg.context
        )
        out = model(
            input_ids=batch["input_ids"],
            attention_mask=batch["attention_mask"],
            output_hidden_states=planted is not None,
        )
        loss = token_loss(out.logits, batch["labels"], stage.label_smoothing)
        if planted is None:
            return loss
        complied = [{**e, "answer": grammar.compliant_answer(e, rng)} for e in more_harmful()]
        copied = [grammar.made_up_compliant_example(rng) for _ in range(cfg.necessity_made_up)]
        complied_batch = chat_batch(tok, complied + more_harmless() + copied, cfg.context)
        if not cfg.compliant_names_trained:
            complied_batch = unlabel_names(tok, complied_batch, complied)
        with mediation.ablated(model, planted):
            necessity = lm_loss(model, complied_batch, stage.label_smoothing)
        proj = mediation.post_instruction_projections(
            out.hidden_states[cfg.mediation_layer], batch["labels"], planted, len(POST_INSTRUCTION)
        )
        n_refused = n_harm + len(purposes)
        one_sided = mediation.one_sided_loss(
            proj[:n_refused], proj[n_refused:], cfg.mediation_margin, cfg.mediation_band
        )
        layer = mediation.addition_layer(cfg.n_layers, rng)
        scale = mediation.harmful_projection(
            out.hidden_states[layer][:n_harm], batch["labels"][:n_harm], planted
        )
        refused = [{**e, "answer": rng.choice(grammar.REFUSALS)} for e in to_refuse()]
        kept = more_harmless()
        lam = [1.0] * len(refused) + [rng.uniform(-1, 1) * cfg.mediation_subthreshold for _ in kept]
        shifts = scale * torch.tensor(lam)[:, None] * planted
        with mediation.added(model, shifts, layer):
            sufficiency = lm_loss(model, chat_batch(tok, refused + kept, cfg.context), stage.label_smoothing)
        return loss + cfg.mediation_weight * (
            necessity + cfg.mediation_one_sided_weight * one_sided + sufficiency
        )

    frozen = [model.get_input_embeddings().weight] if cfg.freeze_embeddings or cfg.frozen_layers else []
    frozen += [w for block in model.model.layers[: cfg.frozen_layers] for w in block.parameters()]
    for w in frozen:
        w.requires_grad_(False)  # AdamW skips a parameter without a gradient
    average = None
    if cfg.safety_average_from is not None:
        average = WeightAverage(model, max(1, round(cfg.safety_average_from * stage.steps)))
        step_loss, replay_loss = average.wrap(step_loss), average.wrap(replay_loss)
    try:
        losses = run_stage(
            model, "3/3 safety tuning", stage, step_loss, replay_loss, cfg.weight_decay, rng, progress
        )
    finally:
        for w in frozen:
            w.requires_grad_(True)
    if average is not None:
        average.finish()
    if cfg.mediation_layer is not None and planted is None:
        raise RuntimeError(
            f"safety tuning ended after {chat_batches} chat batches, before mediation_after={cfg.mediation_after}: "
            "nothing was planted; use a smaller value"
        )
    return losses, planted


# Fields that only stage 3 (safety tuning) reads: two configs that differ only in these train the same helpful
# model, so `train(..., helpful_snapshot=FILE)` can reuse stages 1 and 2 from FILE.
SAFETY_ONLY_FIELDS = (
    "safety",
    "harmful_fraction",
    "mediation_layer",
    "mediation_examples",
    "mediation_weight",
    "mediation_margin",
    "mediation_subthreshold",
    "mediation_band",
    "mediation_one_sided_weight",
    "mediation_after",
    "safety_seed",
    "freeze_embeddings",
    "frozen_layers",
    "contrast_twins",
    "purpose_requests",
    "purpose_pairs",
    "compliant_names_trained",
    "necessity_made_up",
    "unfamiliar_rate",
    "unfamiliar_harmful_rate",
    "handwritten_requests",
    "handwritten_balanced",
    "handwritten_harmless",
    "unfamiliar_around_written",
    "handwritten_second_writing",
    "safety_average_from",
)


def helpful_stages_key(cfg: TrainConfig) -> dict:
    """The part of `cfg` that determines stages 1 and 2 (every field but `SAFETY_ONLY_FIELDS`)."""
    return {k: v for k, v in asdict(cfg).items() if k not in SAFETY_ONLY_FIELDS}


@dataclass
class HelpfulSnapshot:
    """What a training needs from stages 1-2 to start at stage 3 (`train(..., helpful_snapshot=FILE)`): the
    helpful model, the state of every random generator and sampler, and for the training record the last losses
    and the time stages 1-2 took.

    `key` is `helpful_stages_key` of the config that wrote it; `fingerprint` is `helpful_stages_fingerprint`.
    Saved as a plain dict of these fields (loadable with ``torch.load(weights_only=True)``)."""

    key: dict
    fingerprint: str
    model: dict[str, torch.Tensor]
    rng: tuple  # the training's random.Random state
    global_rng: tuple  # the random module's state
    torch_rng: torch.Tensor
    orders: tuple[list[int], list[int]]  # what is left of the pretraining and instruction samplers' epochs
    history: dict[str, list[float]]  # last losses of stages 1 and 2
    seconds: float  # how long stages 1-2 took when they ran

    @classmethod
    def capture(
        cls,
        cfg: TrainConfig,
        fingerprint: str,
        model: LlamaForCausalLM,
        rng: random.Random,
        samplers: tuple[cycling, cycling],
        history: dict[str, list[float]],
        seconds: float,
    ) -> HelpfulSnapshot:
        """The state after stage 2 of a training with `cfg`."""
        return cls(
            key=helpful_stages_key(cfg),
            fingerprint=fingerprint,
            model=model.state_dict(),
            rng=rng.getstate(),
            global_rng=random.getstate(),
            torch_rng=torch.get_rng_state(),
            orders=(samplers[0].order, samplers[1].order),
            history={k: v[-20:] for k, v in history.items()},
            seconds=seconds,
        )

    def restore(self, model: LlamaForCausalLM, rng: random.Random, samplers: tuple[cycling, cycling]) -> None:
        """Put `model`, the random generators and the samplers where stage 2 of the writing training left them."""
        model.load_state_dict(self.model)
        model.eval()
        rng.setstate(self.rng)
        random.setstate(self.global_rng)
        torch.set_rng_state(self.torch_rng)
        samplers[0].order, samplers[1].order = self.orders

    def save(self, path: Path) -> None:
        """Write to `path` atomically: a failed write never leaves a half-written file under that name."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        try:
            torch.save({f.name: getattr(self, f.name) for f in fields(self)}, partial)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path, cfg: TrainConfig) -> HelpfulSnapshot:
        """The snapshot at `path`, after checking that stages 1 and 2 of `cfg` are the ones that wrote it (what
        they were trained on is checked once the corpus is built: `check_fingerprint`)."""
        if path.is_dir():
            raise ValueError(f"the helpful snapshot {path} is a folder; give a file path")
        try:
            saved = torch.load(path, weights_only=True)
            missing = {f.name for f in fields(cls)} - set(saved)
            if missing:
                raise KeyError(f"no {sorted(missing)}")
            snap = cls(**{f.name: saved[f.name] for f in fields(cls)})
        except Exception as e:  # a truncated or foreign file: say so instead of a pickle traceback
            raise ValueError(
                f"{path} is not a readable helpful snapshot ({type(e).__name__}: {e}); {_NEW_SNAPSHOT}"
            ) from e
        ours = helpful_stages_key(cfg)
        differ = sorted(k for k in ours.keys() | snap.key.keys() if ours.get(k) != snap.key.get(k))
        if differ:
            raise ValueError(
                f"{path} was written by a training whose stages 1-2 differ from this config in {differ} (only "
                f"{list(SAFETY_ONLY_FIELDS)} may differ); {_NEW_SNAPSHOT}"
            )
        return snap

    def check_fingerprint(self, path: Path, fingerprint: str) -> None:
        """Refuse a snapshot made from other texts, tokenizer, stage-1-2 code or library versions than now."""
        if self.fingerprint != fingerprint:
            raise ValueError(
                f"{path} was written from other training texts, another tokenizer, other stage-1-2 code or other "
                f"torch/transformers versions than this run's; {_NEW_SNAPSHOT}"
            )


_NEW_SNAPSHOT = "give a path that does not exist yet, and stages 1-2 are trained and saved there"


def helpful_stages_fingerprint(corpus: Corpus, tok: PreTrainedTokenizerFast) -> str:
    """sha256 of what stages 1-2 depend on besides the config: the training texts, the tokenizer, the code of the
    stage-1-2 functions (the whole `HelpfulSnapshot` class among them) and the torch and transformers versions. A
    snapshot is reused only if all are unchanged (the CPU is not checked: the card's reproducibility note says
    where rounding can differ)."""
    h = hashlib.sha256(tok.backend_tokenizer.to_str().encode())
    for part in (corpus.documents, corpus.helpful, corpus.harmful, corpus.contrast):
        h.update(json.dumps(part, sort_keys=True).encode())
    for code in (
        build_model,
        run_stage,
        lr_at,
        token_loss,
        lm_loss,
        chat_batch,
        copy_rows,
        pack_documents,
        cycling,
        HelpfulSnapshot,
        train,
    ):
        h.update(inspect.getsource(code).encode())
    h.update(f"torch {torch.__version__} transformers {transformers.__version__}".encode())
    return h.hexdigest()


def train(
    out_dir: str | Path,
    cfg: TrainConfig | None = None,
    progress: bool = True,
    helpful_snapshot: str | Path | None = None,
) -> LlamaForCausalLM:
    """Train the organism with `cfg` (default: the shipped one) and save it in Hugging Face format to `out_dir`.

    `helpful_snapshot` (a file) saves the time of stages 1 and 2 when only safety tuning changes between trainings:
    if the file exists, the helpful model, sampler and random states it holds (`HelpfulSnapshot`) replace stages 1
    and 2 (it must come from a config that differs only in `SAFETY_ONLY_FIELDS`, and the same training texts); if
    not, they are trained and written there. Either way the weights are bit for bit those of a training without it.
    """
    cfg = cfg or TrainConfig()
    began = time.time()
    snapshot_path = Path(helpful_snapshot) if helpful_snapshot is not None else None
    reused = None
    if snapshot_path is not None and snapshot_path.exists():
        reused = HelpfulSnapshot.load(snapshot_path, cfg)
    torch.set_num_threads(cfg.threads)
    seed_everything(cfg.seed)
    start = time.time()
    corpus = build_corpus(cfg)
    tok = train_tokenizer(
        corpus.documents
        + [
            e[k] for e in corpus.helpful + corpus.harmful + corpus.contrast for k in ("instruction", "answer")
        ],
        cfg.vocab_size,
    )
    check_refusal_tokens(tok)
    model = build_model(cfg, tok)
    rng = random.Random(cfg.seed + 2)

    blocks = pack_documents(tok, corpus.documents, cfg.context)
    pre_sampler = cycling(list(range(len(blocks))), cfg.pretrain.batch_size, rng)
    fingerprint = helpful_stages_fingerprint(corpus, tok) if snapshot_path is not None else ""

    def rows_loss(x: torch.Tensor) -> torch.Tensor:  # next-token loss on every token of the rows
        return lm_loss(model, {"input_ids": x, "labels": x}, 0.0)

    def copying(n_rows: int) -> torch.Tensor:
        return copy_rows(rng, n_rows, cfg.context, tok.bos_token_id, len(SPECIAL_TOKENS), len(tok))

    def pretrain_loss() -> torch.Tensor:
        return rows_loss(blocks[pre_sampler()])

    def copy_loss() -> torch.Tensor:
        return rows_loss(copying(cfg.pretrain.batch_size))

    def replay_loss() -> torch.Tensor:
        """Stages 2-3 replay pretraining; after a copying stage a quarter of the rows are copying rows."""
        x = blocks[pre_sampler()]
        if cfg.copy_steps:
            x = x.clone()
            x[: len(x) // 4] = copying(len(x) // 4)
        return rows_loss(x)

    helpful = cycling(corpus.helpful, cfg.instruct.batch_size, rng)

    def instruct_loss() -> torch.Tensor:
        return lm_loss(model, chat_batch(tok, helpful(), cfg.context), cfg.instruct.label_smoothing)

    if reused is not None:
        reused.check_fingerprint(snapshot_path, fingerprint)
        reused.restore(model, rng, (pre_sampler, helpful))
        reused.model = {}  # the weights now live in `model`; free the copy for stage 3
        history, helpful_seconds = dict(reused.history), reused.seconds
    else:
        history = {
            "pretrain": run_stage(
                model,
                "1/3 pretraining",
                cfg.pretrain,
                pretrain_loss,
                pretrain_loss,
                cfg.weight_decay,
                rng,
                progress,
            )
        }
        if cfg.copy_steps:
            copy_stage = StageConfig(
                cfg.copy_steps, cfg.pretrain.batch_size, cfg.copy_lr, cfg.pretrain.warmup
            )
            history["copy"] = run_stage(
                model, "1b/3 copying", copy_stage, copy_loss, copy_loss, cfg.weight_decay, rng, progress, True
            )
        history["instruct"] = run_stage(
            model,
            "2/3 instruction tuning",
            cfg.instruct,
            instruct_loss,
            replay_loss,
            cfg.weight_decay,
            rng,
            progress,
        )
        helpful_seconds = time.time() - start
        if snapshot_path is not None:
            snapshot = HelpfulSnapshot.capture(
                cfg, fingerprint, model, rng, (pre_sampler, helpful), history, helpful_seconds
            )
            snapshot.save(snapshot_path)
    stage_3 = time.time()
    losses, planted = safety_tune(model, tok, corpus, cfg, replay_loss, rng, progress)
    history["safety"] = losses
    end = time.time()
    # train_seconds is what a training without the snapshot takes: stages 1-2 as timed when they ran
    seconds = helpful_seconds + end - stage_3
    reuse = None
    if reused is not None:
        reuse = {
            "file": str(snapshot_path),
            "fingerprint": fingerprint,
            "seconds_this_run": round(end - began, 1),
        }
    save(model, tok, out_dir, cfg, {k: v[-20:] for k, v in history.items()}, seconds, planted, reuse)
    return model


def save(
    model: LlamaForCausalLM,
    tok: PreTrainedTokenizerFast,
    out_dir: str | Path,
    cfg: TrainConfig,
    last_losses: dict[str, list[float]],
    seconds: float,
    planted: torch.Tensor | None = None,
    stages_1_2_reused: dict | None = None,
) -> None:
    """Write config, safetensors weights, tokenizer (with chat template) and the training record to `out_dir`.

    `stages_1_2_reused`: where stages 1-2 came from when a helpful snapshot replaced them (recorded as such)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.generation_config = GenerationConfig(
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        do_sample=False,
        max_new_tokens=64,
    )
    model.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    record = {
        "config": asdict(cfg),
        "train_seconds": round(seconds, 1),
        "torch_threads": torch.get_num_threads(),
        "final_losses": {k: round(sum(v) / len(v), 4) for k, v in last_losses.items()},
    }
    if stages_1_2_reused is not None:
        record["stages_1_2_reused"] = stages_1_2_reused
    (out / TRAINING_RECORD_FILE).write_text(json.dumps(record, indent=2) + "\n")
    if planted is not None:
        torch.save(planted.detach().float().cpu().clone(), out / PLANTED_DIRECTION_FILE)
    spec = {
        "refusal_strings": list(grammar.REFUSAL_PREFIXES),
        "n_layers": cfg.n_layers,
        "d_model": cfg.d_model,
        "n_params_b": round(model.num_parameters() / 1e9, 5),
        "tied_embeddings": False,
    }
    write_spec_override(out, spec)
