"""The open vocabulary (organism/lexicon.py): its held-out share stays out of training, and requests about it get
answers that pass the evaluation's own checks; made-up and fictional words are new to the world, and held-out
fictional things are described in pretraining but asked about in no chat example."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from course_utils.organism import datasets, grammar, lexicon, world
from course_utils.organism.evaluate import in_form, names_subject
from course_utils.organism.train import TrainConfig, build_corpus

LISTS = {
    "everyday actions": [a for acts in lexicon.EVERYDAY_ACTIONS.values() for a in acts]
    + lexicon.HARM_SOUNDING,
    "topics": lexicon.TOPICS,
    "occasions": lexicon.OCCASIONS,
    "pieces": lexicon.PIECES,
    **{f"harmful {k}": v for k, v in lexicon.HARMFUL_ACTIONS_WIDE.items()},
    **{f"harmful things {k}": v for k, v in lexicon.HARMFUL_THINGS_WIDE.items()},
}


def held_out_entries() -> list[str]:
    return [e for entries in LISTS.values() for e in lexicon.split(entries, True)]


def test_split_partitions_every_list() -> None:
    for name, entries in LISTS.items():
        trained, held = lexicon.split(entries, False), lexicon.split(entries, True)
        assert not set(trained) & set(held), name
        assert set(trained) | set(held) | (set(entries) & lexicon.SEEN_ELSEWHERE) == set(entries), name
    assert len(set(held_out_entries())) >= 60


def test_no_entry_is_duplicated_or_also_a_world_subject() -> None:
    entries = [e for v in LISTS.values() for e in v]
    assert len(entries) == len(set(entries)), [e for e in entries if entries.count(e) > 1]
    world_names = {s.name for s in grammar.ordinary_subjects() + grammar.harmful_subjects()}
    assert not set(entries) & world_names


@pytest.mark.parametrize("wide", [False, True])
def test_held_out_share_appears_in_no_training_text(wide: bool) -> None:
    """Whole-word search of every instruction, answer and pretraining document of a training corpus, with and
    without the wide vocabulary."""
    cfg = replace(
        TrainConfig.mini(), open_rate=0.3, n_open_documents=200, made_up_rate=0.5, wide_vocabulary=wide
    )
    corpus = build_corpus(cfg)
    texts = [
        e[k] for e in corpus.helpful + corpus.harmful + corpus.contrast for k in ("instruction", "answer")
    ]
    text = "\n".join(texts + corpus.documents).lower()
    leaks = [h for h in held_out_entries() if re.search(r"\b" + re.escape(h.lower()) + r"\b", text)]
    assert not leaks
    # the trained share is there: requests and pretraining facts about it
    assert sum(a in text for a in lexicon.everyday_actions()) > len(lexicon.everyday_actions()) // 2
    assert any(a in " ".join(corpus.documents) for a, _ in lexicon.harmful_actions())
    extra = lexicon._wide(world.HELD_OUT_DANGERS)
    wide_entries = extra["everyday_actions"] + extra["topics"]
    assert (
        sum(a in text for a in wide_entries) > 100
    ) == wide  # the wide entries are trained only when asked


def test_widened_adds_new_entries_to_the_trained_share_only() -> None:
    """`lexicon.widened`: inside it the trained shares grow by `_wide`'s entries, which are new and name no held-out
    concept; the held-out shares (the evaluation's new subjects) and the whole lists stay as they are; the switch
    is off again after the block, even when the block raises."""
    lists = (lexicon.everyday_actions, lexicon.harmful_actions, lexicon.harmful_things, lexicon.topics)
    before = {f: (f(False), f(True), f(None)) for f in lists}
    with pytest.raises(RuntimeError), lexicon.widened(world.HELD_OUT_DANGERS):
        wide = {f: (f(False), f(True), f(None)) for f in lists}
        raise RuntimeError
    for f in lists:
        trained, held, everything = wide[f]
        assert trained[: len(before[f][0])] == before[f][0] and len(trained) > 1.5 * len(before[f][0]), f
        assert (held, everything) == before[f][1:], f
        assert not set(trained[len(before[f][0]) :]) & set(before[f][2]), f  # new entries only
        assert (f(False), f(True), f(None)) == before[f], f  # off again
    with lexicon.widened(world.HELD_OUT_DANGERS, False):
        assert lexicon.everyday_actions() == before[lexicon.everyday_actions][0]
    held = [h.lower() for h in held_out_entries()]
    concept_words = {"anthrax", "botnet", "landmine", "thallium", "smallpox", "diploma", "wallet", "dox"}
    for key, entries in lexicon._wide(world.HELD_OUT_DANGERS).items():
        names = [e if isinstance(e, str) else e[0] for e in entries]
        assert not [n for n in names if any(h in n.lower() for h in held)], key
        assert not [n for n in names if set(re.findall(r"[a-z]+", n.lower())) & concept_words], key


def test_open_requests_get_answers_that_pass_the_evaluation_checks() -> None:
    rng = random.Random(0)
    for _ in range(400):
        record = grammar.open_example(rng)
        assert names_subject(record, record["answer"]), record
        assert in_form(record, record["answer"]), record
        assert not record["answer"].startswith(grammar.REFUSAL_PREFIXES), record
    for _ in range(300):
        record = grammar.open_example(rng, made_up_rate=1.0)
        assert names_subject(record, record["answer"]) and in_form(record, record["answer"]), record
    for _ in range(100):
        record = grammar.harmful_example(rng, open_rate=1.0)
        assert record["answer"] in grammar.REFUSALS
        assert record["concept"] in {a for a, _ in lexicon.harmful_actions()} | {
            t for t, _ in lexicon.harmful_things()
        }


def test_new_subject_split_is_about_the_held_out_share_only() -> None:
    split = datasets.new_subject_requests()
    held = held_out_entries()
    assert len(split["harmful"]) == len(split["harmless"]) == datasets.NEW_SUBJECTS_SIZE
    for record in split["harmful"]:
        assert record["concept"] in held, record
    for record in split["harmless"]:
        assert any(h in record["instruction"].lower() for h in held), record
        assert names_subject(record, record["answer"]) and in_form(record, record["answer"]), record
    assert split == datasets.new_subject_requests()  # deterministic


def test_open_vocabulary_pretraining_facts_are_one_sided() -> None:
    """Sentences about everyday activities never speak of danger; every harmful action gets danger facts."""
    rng = random.Random(1)
    sentences = [s for _ in range(300) for s in world.open_vocabulary_document(rng).split(". ")]
    everyday = [s for s in sentences if any(a in s for a in lexicon.everyday_actions())]
    harmful = [s for s in sentences if any(a in s for a, _ in lexicon.harmful_actions())]
    danger = ("crime", "prison", "wrong", "hurts", "police", "dangerous")
    assert everyday and harmful
    assert not [s for s in everyday if any(w in s for w in danger)]
    assert all(any(w in s for w in danger + ("Nobody should", "The news")) for s in harmful)


def test_made_up_subjects_are_new_words_in_neutral_activities() -> None:
    """Made-up words avoid every word the world and the lexicon name (so none is harmful or known)."""
    rng = random.Random(2)
    known = grammar._known_words()
    subjects = [grammar.made_up_subject(rng) for _ in range(500)]
    assert len({s.name for s in subjects}) > 490
    for s in subjects:
        verb_and_det = s.name.rsplit(" ", 1)[0]
        assert s.name.rsplit(" ", 1)[1] not in known, s
        assert not s.harmful and s.form == "action"
        assert not re.search(r"\ba [aeiou]|\ban [^aeiou]", s.name), s  # "an old blorpet", "a new one"
        assert any(verb_and_det.startswith(v + " ") for v in lexicon.MADE_UP_VERBS), s


def test_fictional_things_are_held_out_of_chat_but_not_of_pretraining() -> None:
    """A held-out made-up thing is described in pretraining (so its facts are there to read) and asked about in
    no chat example; the trained share is asked about, dangerous ones refused and ordinary ones answered."""
    corpus = build_corpus(replace(TrainConfig.mini(), fictional_rate=0.3, n_fictional_documents=300))
    chat = corpus.helpful + corpus.harmful + corpus.contrast
    text = "\n".join(e[k] for e in chat for k in ("instruction", "answer")).lower()
    documents = "\n".join(corpus.documents).lower()
    held_out, trained = world.fictional_things(True), world.fictional_things(False)
    assert len(held_out) == world.N_FICTIONAL // lexicon.HELD_OUT_EVERY
    assert {t.dangerous for t in held_out} == {True, False}
    word = lambda t: re.compile(r"\b" + re.escape(t.bare) + r"\b")  # noqa: E731
    assert not [t for t in held_out if word(t).search(text)]
    assert sum(bool(word(t).search(documents)) for t in held_out) >= 0.9 * len(held_out)
    assert sum(bool(word(t).search(text)) for t in trained) >= 0.5 * len(trained)
    dangerous = {t.bare for t in trained if t.dangerous}
    harmless_words = {
        w for e in corpus.helpful + corpus.contrast for w in re.findall(r"[a-z]+", e["instruction"].lower())
    }
    assert not dangerous & harmless_words  # a dangerous made-up thing is never in a harmless request
    assert {t.bare for t in world.fictional_things()}.isdisjoint(
        w for s in grammar.ordinary_subjects() + grammar.harmful_subjects() for w in s.name.split()
    )
