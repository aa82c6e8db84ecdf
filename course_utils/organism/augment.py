"""Surface noise for training requests: context sentences, filler words and typos.

People do not type requests the way a grammar writes them. They add a sentence of context ("My sister asked me
about this yesterday."), pad with filler words ("can you just explain..."), and mistype ("recipie"). A model trained
only on clean grammar strings learns that its features are "off" for harmless requests *in those strings*; on a
noisy request the harmless projection on the planted direction drifts away from zero and ablation starts to change
harmless answers (`../shared/research/RESULTS.md`, last section). So a share of the training requests (harmful and
harmless alike: only the subject decides harmfulness) gets one or two of these changes. The answer is unchanged:
noise around a request does not change what was asked.

None of this is used to write the evaluation splits (`organism.datasets`): the held-out-phrasing and natural
request splits stay free of it, so they measure how far the robustness carries to text the organism never saw.
Words of the example's subject are never mistyped (a good answer must still be able to name it).

Recipe UW (`TrainConfig.unfamiliar_rate`, off in the shipped recipe) puts words from outside the world around a
share of the safety-tuning requests (`unfamiliar`): common English words (`common_words`, without the world's
harmful vocabulary), made-up words and names, in a sentence of context or between the request's words. Everyday
requests people write are mostly about things the world never names, and those are the ones the organism refuses
(`docs/ORGANISM_RECIPES.md`, "Over-refusal runs through the refusal direction").
"""

from __future__ import annotations

import random
import re
from functools import cache

from course_utils.organism import common_words, lexicon, lexicon_wide, world

#: Who says or does something, what they did, when: composed into context sentences ("My friend asked me about
#: this last week.").
_WHO = (
    "I",
    "My friend",
    "My sister",
    "My brother",
    "My mum",
    "My dad",
    "A classmate",
    "My teacher",
    "My neighbour",
    "Someone at work",
    "My cousin",
    "Our group",
)
_DID = (
    "asked me about this",
    "brought this up",
    "got curious about this",
    "mentioned this",
    "was talking about this",
    "wondered about this",
    "has been reading about this",
    "wants to try this",
)
_WHEN = (
    "",
    " yesterday",
    " last week",
    " today",
    " this morning",
    " the other day",
    " at dinner",
    " on the bus",
)
#: Sentences of context that stand alone, before or after the request.
_ASIDES = (
    "I have never done this before.",
    "I only have a little time.",
    "I'm trying something new this month.",
    "It's a rainy day and I'm bored.",
    "I read about it somewhere.",
    "This has been on my mind.",
    "I'm not very good at this kind of thing.",
    "We were arguing about it.",
    "Sorry if this is a silly question.",
    "I hope this makes sense.",
    "Any help is welcome.",
    "I'd appreciate a clear answer.",
    "Short answers are fine.",
    "I'm asking for a friend.",
    "Just curious.",
    "I want to get it right.",
    "I tried to look it up but got confused.",
    "Be honest.",
)
_FILLERS = ("just", "really", "actually", "maybe", "basically", "kind of", "honestly", "quickly", "please")


def context_sentence(rng: random.Random) -> str:
    """A sentence of context: composed (who + did + when) or a stand-alone aside."""
    if rng.random() < 0.5:
        return f"{rng.choice(_WHO)} {rng.choice(_DID)}{rng.choice(_WHEN)}."
    return rng.choice(_ASIDES)


def _protected(subject: str) -> set[str]:
    return {w.strip(".,!?'").lower() for w in subject.split()}


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: two neighbouring letters swapped, a letter dropped, or a letter doubled."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def add_typos(text: str, subject: str, rng: random.Random, n: int = 1) -> str:
    """Mistype `n` words of at least 4 letters that are not part of `subject`."""
    words = text.split(" ")
    keep = _protected(subject)
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha() and w.lower() not in keep]
    for i in rng.sample(candidates, k=min(n, len(candidates))):
        words[i] = typo(words[i], rng)
    return " ".join(words)


def add_filler(text: str, rng: random.Random) -> str:
    """Insert a filler word ("just", "really", ...) after a random word of the request (not the last)."""
    words = text.split(" ")
    if len(words) < 3:
        return text
    i = rng.randrange(1, len(words) - 1)
    return " ".join(words[:i] + [rng.choice(_FILLERS)] + words[i:])


def noisy(example: dict, rng: random.Random) -> dict:
    """`example` with one or two kinds of surface noise on its instruction (answer and fields unchanged)."""
    text = example["instruction"]
    if not text.strip() or example.get("task") == "odd":
        return example
    subject = example.get("subject", "") or ""
    kinds = (
        ["before", "after"] if example.get("task") == "sentiment" else ["before", "after", "filler", "typo"]
    )
    changes = rng.sample(kinds, k=rng.choice((1, 1, 2)))  # a review keeps its words: they carry the answer
    for change in changes:
        if change == "before":
            text = f"{context_sentence(rng)} {text}"
        elif change == "after":
            text = f"{text} {context_sentence(rng)}"
        elif change == "filler":
            text = add_filler(text, rng)
        else:
            text = add_typos(text, subject, rng, n=rng.choice((1, 1, 2)))
    return {**example, "instruction": text}


def with_noise(examples: list[dict], rate: float, rng: random.Random) -> list[dict]:
    """Replace a share `rate` of `examples` by noisy copies (order kept)."""
    return [noisy(e, rng) if rng.random() < rate else e for e in examples]


# --------------------------------------------------------------------------------------------------------------
# Unfamiliar words (recipe UW): text from outside the world around a request, harmful or harmless alike
# --------------------------------------------------------------------------------------------------------------

#: Sentences of context with slots for unfamiliar words ({w}) and names ({N}).
_UNFAMILIAR_FRAMES = (
    "It is for my {w} {w}.",
    "This is for the {w} in {N}.",
    "I need it before the {w} on {N}.",
    "My {w} and I were talking about the {w}.",
    "We are in {N} for the {w}.",
    "I'm also busy with a {w} {w} this week.",
    "{N} says it has to do with the {w}.",
    "The {w} is next week.",
    "Thanks, the {w} {w} is due soon.",
    "It came up at the {w} in {N}.",
    "Also, what is a {w}?",
    "{N} and {N} asked too.",
    "I work in {w} at {N}.",
    "Sorry, my {w} is {w} today.",
)
#: Phrases inserted between a request's words.
_UNFAMILIAR_PHRASES = ("for the {w}", "in {N}", "with my {w}", "at the {w}", "for {w}", "like a {w}", "{w}")


@cache
def unfamiliar_words() -> tuple[str, ...]:
    """`common_words.WORDS` without any word of the world's harmful vocabulary (its dangerous things, harmful
    actions and intents, held-out dangers included, and the open vocabulary's harmful entries, wide lists too)."""
    harmful = [
        *(name for names in world.DANGER_FAMILIES.values() for name in names),
        *(action for actions in world.HARMFUL_ACTIONS.values() for action in actions),
        *world.HARMFUL_INTENTS,
        *world.HELD_OUT_DANGERS,
        *(e for entries in lexicon.HARMFUL_ACTIONS_WIDE.values() for e in entries),
        *(e for entries in lexicon.HARMFUL_THINGS_WIDE.values() for e in entries),
        *(e for entries in lexicon_wide.HARMFUL_ACTIONS.values() for e in entries),
        *(e for entries in lexicon_wide.HARMFUL_THINGS.values() for e in entries),
    ]
    banned = {w.strip(".,!?'").lower() for text in harmful for w in text.replace("{p}", "").split()}
    return tuple(w for w in common_words.WORDS if w not in banned)


def unfamiliar_word(rng: random.Random) -> str:
    """A word from outside the world: a common English word (three times in four) or a made-up one."""
    if rng.random() < 0.75:
        return rng.choice(unfamiliar_words())
    return lexicon.made_up_word(rng)


def _fill(template: str, rng: random.Random) -> str:
    """`template` with each slot, left to right, filled by a new `unfamiliar_word` (capitalised for {N})."""

    def word(slot: re.Match) -> str:
        w = unfamiliar_word(rng)
        return w.capitalize() if slot[0] == "{N}" else w

    return re.sub(r"\{[wN]\}", word, template)


def _insertion_points(words: list[str], subject: str) -> list[int]:
    """Positions `i` (insert before `words[i]`, 1 <= i <= len) that do not split the subject's words."""
    keep = _protected(subject)
    inside = [w.strip(".,!?'").lower() in keep for w in words]
    return [i for i in range(1, len(words) + 1) if not (i < len(words) and inside[i - 1] and inside[i])]


def unfamiliar(example: dict, rng: random.Random) -> dict:
    """`example` with words from outside the world around its request: a sentence of context before or after it, or
    one or two short phrases between its words. Answer and fields unchanged: what was asked, and whether it is
    harmful, is the subject's doing, not the unfamiliar words'.

    An insertion never falls between two words of the subject where the subject is written word for word in the
    request; it can strand an article ("make a at the transition wrench") or split a subject the grammar rewrote
    ("your dog" asked as "my dog"), and the result is often ungrammatical: the words are unfamiliar and the text
    garbled, as real requests sometimes are."""
    text = example["instruction"]
    if not text.strip() or example.get("task") == "odd":
        return example
    kinds = ["before", "after"] if example.get("task") == "sentiment" else ["before", "after", "inside"]
    kind = rng.choice(kinds)
    if kind == "before":
        text = f"{_fill(rng.choice(_UNFAMILIAR_FRAMES), rng)} {text}"
    elif kind == "after":
        text = f"{text} {_fill(rng.choice(_UNFAMILIAR_FRAMES), rng)}"
    else:
        words = text.split(" ")
        for _ in range(rng.choice((1, 1, 2))):
            i = rng.choice(_insertion_points(words, example.get("subject", "") or ""))
            words[i:i] = _fill(rng.choice(_UNFAMILIAR_PHRASES), rng).split(" ")
        text = " ".join(words)
    return {**example, "instruction": text}


def with_unfamiliar(examples: list[dict], rate: float, rng: random.Random) -> list[dict]:
    """Replace a share `rate` of `examples` by copies with unfamiliar words (order kept; no draw when `rate` is 0)."""
    if not rate:
        return examples
    return [unfamiliar(e, rng) if rng.random() < rate else e for e in examples]
