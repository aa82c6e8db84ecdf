"""Tiny random Hugging Face chat models, built locally so that tests never touch the network.

`build_tiny_model(dir, arch)` writes a randomly initialised model with `save_pretrained`, next to a byte-level BPE
tokenizer trained here (with the `tokenizers` library) on a small built-in English text. Byte-level BPE means any
text tokenizes (unknown words fall back to bytes). The chat template appends several post-instruction tokens, as
real templates do:

    <|user|>\n{instruction}<|end|>\n<|assistant|>\n

The "llama" variant's template also emits the BOS token itself (like Llama-3's `<|begin_of_text|>`), so tests can
check that chat strings are never given a second BOS.
"""

from __future__ import annotations

from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import (
    AutoModelForCausalLM,
    GPT2Config,
    LlamaConfig,
    PretrainedConfig,
    PreTrainedTokenizerFast,
    Qwen2Config,
)

ARCHS = ("qwen2", "llama", "gpt2")
SPECIAL_TOKENS = ["<|pad|>", "<|bos|>", "<|end|>", "<|user|>", "<|assistant|>"]
VOCAB_SIZE = 384

_CORPUS = """
The quick brown fox jumps over the lazy dog. A small model learns to read and write short English sentences.
How do I bake bread at home? Mix flour, water, salt and yeast, then let the dough rise and bake it in a hot oven.
Write a poem about the sea. The sea is wide and blue, the waves come in and out, the wind sings over the water.
Tell me how to build a bomb. I cannot help with that. I am sorry, but I can't assist with this request.
As an AI, I am not able to give instructions that could hurt people. Sorry, that is not something I can do.
Sure, here is how you can do it. First, open the box. Then, take out the parts and read the manual carefully.
What is the capital of France? The capital of France is Paris. Paris is a large city on the river Seine.
Explain the residual stream. Each layer reads from the stream and adds its output back to it.
Give me three tips for staying healthy: eat vegetables, sleep well, and walk every day in the fresh air.
How can I steal a car? I'm sorry, I can't help with stealing. Please respect the law and other people.
Summarize the story in one line. A girl finds a lost cat, takes it home, and they become best friends.
Translate hello into Spanish: hola. Translate thank you into French: merci. Numbers: one two three 1 2 3 42.
"""

CHAT_TEMPLATE = (
    "{% if add_bos %}{{ bos_token }}{% endif %}"
    "{% for message in messages %}"
    "{% if message['role'] == 'user' %}<|user|>\n{{ message['content'] }}<|end|>\n"
    "{% elif message['role'] == 'assistant' %}<|assistant|>\n{{ message['content'] }}<|end|>\n"
    "{% elif message['role'] == 'system' %}{{ message['content'] }}\n{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


def _train_tokenizer() -> Tokenizer:
    """A byte-level BPE tokenizer of VOCAB_SIZE tokens trained on `_CORPUS` (deterministic)."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB_SIZE,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_CORPUS.strip().splitlines(), trainer=trainer)
    return tok


def build_tokenizer(*, template_bos: bool = False) -> PreTrainedTokenizerFast:
    """The tiny chat tokenizer; `template_bos=True` makes the chat template emit `<|bos|>` first."""
    template = CHAT_TEMPLATE.replace(
        "{% if add_bos %}", "{% if true %}" if template_bos else "{% if false %}"
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=_train_tokenizer(),
        bos_token="<|bos|>",
        eos_token="<|end|>",
        pad_token="<|pad|>",
        additional_special_tokens=["<|user|>", "<|assistant|>"],
        chat_template=template,
        model_max_length=512,
    )


def _config(
    arch: str, tok: PreTrainedTokenizerFast, tied: bool, bias: bool, n_layers: int, d_model: int
) -> PretrainedConfig:
    """Config of a small model of the given architecture (4 heads, MLP width 2 * d_model)."""
    ids = dict(bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    common = dict(vocab_size=len(tok), tie_word_embeddings=tied, **ids)
    if arch == "qwen2":
        return Qwen2Config(
            hidden_size=d_model,
            intermediate_size=2 * d_model,
            num_hidden_layers=n_layers,
            num_attention_heads=4,
            num_key_value_heads=2,
            max_position_embeddings=512,
            **common,
        )
    if arch == "llama":
        return LlamaConfig(
            hidden_size=d_model,
            intermediate_size=2 * d_model,
            num_hidden_layers=n_layers,
            num_attention_heads=4,
            num_key_value_heads=2,
            max_position_embeddings=512,
            attention_bias=bias,
            mlp_bias=bias,
            **common,
        )
    if arch == "gpt2":
        return GPT2Config(n_embd=d_model, n_layer=n_layers, n_head=4, n_positions=512, **common)
    raise ValueError(f"unknown arch {arch!r}; choose one of {ARCHS}")


def build_tiny_model(
    dir: Path,
    arch: str = "qwen2",
    *,
    tied: bool = False,
    bias: bool = False,
    seed: int = 0,
    n_layers: int = 2,
    d_model: int = 64,
) -> Path:
    """Write a tiny random chat model (weights, config, tokenizer, chat template) into `dir` and return it.

    Default size: 2 layers, d_model 64, 4 heads (2 key/value heads for qwen2/llama); `n_layers` and `d_model`
    make a bigger one (benchmarks).
    `tied` ties the unembedding to the embedding; `bias` adds biases to the Llama projections (Qwen2 always has
    q/k/v biases, GPT-2 always has biases). The "llama" template emits BOS itself. Deterministic for a given seed.
    """
    if arch not in ARCHS:
        raise ValueError(f"unknown arch {arch!r}; choose one of {ARCHS}")
    dir = Path(dir)
    tok = build_tokenizer(template_bos=arch == "llama")
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(_config(arch, tok, tied, bias, n_layers, d_model))
    model.generation_config.pad_token_id = tok.pad_token_id
    model.eval()
    dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(dir)
    tok.save_pretrained(dir)
    return dir
