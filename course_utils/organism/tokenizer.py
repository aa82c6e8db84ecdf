"""A byte-level BPE tokenizer for the organism, trained with the `tokenizers` library on its own corpus.

Byte-level BPE falls back to single bytes, so any English (or any UTF-8) text tokenizes, including words the world
never uses. Special tokens are atomic. The chat template puts four tokens after every instruction, as real chat
templates do (Arditi et al. call them the post-instruction tokens):

    <|bos|><|user|>\\n{instruction}<|end|>\\n<|assistant|>\\n          ->  post-instruction: <|end|> \\n <|assistant|> \\n

No BOS is added by the tokenizer itself (`tokenizer(text)` adds nothing): the chat template writes `<|bos|>`, and
pretraining documents are prefixed with it by the trainer, so no text ever gets a doubled BOS.
"""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

BOS, USER, ASSISTANT, END, PAD = "<|bos|>", "<|user|>", "<|assistant|>", "<|end|>", "<|pad|>"
SPECIAL_TOKENS = [PAD, BOS, USER, ASSISTANT, END]
#: The tokens the chat template writes after every instruction.
POST_INSTRUCTION = (END, "\n", ASSISTANT, "\n")

#: Jinja chat template; `add_generation_prompt=True` appends the assistant header.
CHAT_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'user' %}{{ '<|user|>\n' + message['content'] + '<|end|>\n' }}"
    "{% elif message['role'] == 'assistant' %}{{ '<|assistant|>\n' + message['content'] + '<|end|>\n' }}"
    "{% else %}{{ raise_exception('The organism knows only the user and assistant roles, not ' + message['role']) }}"
    "{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}"
)


def prompt_text(instruction: str) -> str:
    """The chat-formatted prompt for one instruction (equal to `apply_chat_template(..., add_generation_prompt=True)`)."""
    return f"{BOS}{USER}\n{instruction}{END}\n{ASSISTANT}\n"


def train_tokenizer(texts: Iterable[str], vocab_size: int) -> PreTrainedTokenizerFast:
    """Train byte-level BPE on `texts` and wrap it as a Hugging Face fast tokenizer with the chat template."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        min_frequency=2,
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    hf = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=BOS,
        eos_token=END,
        pad_token=PAD,
        additional_special_tokens=[USER, ASSISTANT],
        padding_side="left",
        model_max_length=128,
        clean_up_tokenization_spaces=False,
    )
    hf.chat_template = CHAT_TEMPLATE
    return hf
