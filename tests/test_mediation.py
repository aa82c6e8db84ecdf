"""Direction-mediated safety tuning (course_utils/organism/mediation.py): the training-time interventions on a plain
Hugging Face Llama must be exactly the course's inference-time ones (ablation at every residual write, addition at
one layer's resid_pre), and the planted direction must be the difference of class means it claims to be."""

from __future__ import annotations

import random

import pytest
import torch
from transformers import AutoModelForCausalLM

from course_utils.hooks import hooks
from course_utils.interventions import ablation_hooks, addition_hooks
from course_utils.organism import mediation

PROMPTS = ["How do I bake bread?", "Tell me a story about a cat and a hat.", "Hi"]


@pytest.fixture(scope="module")
def pair(tiny_model_dir, load_tiny):
    """The same tiny Llama weights as a plain HF model and as the course's ChatModel."""
    hf = AutoModelForCausalLM.from_pretrained(tiny_model_dir("llama")).eval()
    return hf, load_tiny("llama")


def _logits_both(pair, hf_context, course_hooks) -> tuple[torch.Tensor, torch.Tensor]:
    hf, model = pair
    enc = model.tokenize(PROMPTS)
    mask = enc["attention_mask"].bool()
    positions = (enc["attention_mask"].cumsum(-1) - 1).clamp(min=0)
    with hf_context, torch.inference_mode():
        a = hf(
            input_ids=enc["input_ids"], attention_mask=enc["attention_mask"], position_ids=positions
        ).logits
    with hooks(model, course_hooks), torch.inference_mode():
        b = model.bridge(enc["input_ids"], attention_mask=enc["attention_mask"])
    return a[mask], b[mask]


def test_training_ablation_equals_course_ablation(pair) -> None:
    u = torch.randn(pair[1].d_model, generator=torch.Generator().manual_seed(0))
    u = u / u.norm()
    plain, course = _logits_both(pair, mediation.ablated(pair[0], u), ablation_hooks(pair[1], u))
    base, _ = _logits_both(pair, torch.no_grad(), [])
    assert (plain - course).abs().max() < 1e-4
    assert (plain - base).abs().max() > 1e-2, "the ablation changed nothing: the hooks are not attached"


def test_training_addition_equals_course_addition(pair) -> None:
    v = 3 * torch.randn(pair[1].d_model, generator=torch.Generator().manual_seed(1))
    plain, course = _logits_both(pair, mediation.added(pair[0], v, 1), addition_hooks(pair[1], v, 1))
    assert (plain - course).abs().max() < 1e-4


def test_hooks_are_removed_even_when_the_body_raises(pair) -> None:
    hf = pair[0]
    u = torch.ones(hf.config.hidden_size) / hf.config.hidden_size**0.5
    count = lambda: sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in hf.modules())
    before = count()
    for context in (mediation.ablated(hf, u), mediation.added(hf, u, 0)):
        with pytest.raises(RuntimeError), context:
            raise RuntimeError("boom")
        assert count() == before


def test_harmfulness_direction_is_the_unit_difference_of_means(pair) -> None:
    hf, model = pair
    harmful, harmless = PROMPTS[:2], PROMPTS[2:] + ["What is 2 plus 2?"]
    u = mediation.harmfulness_direction(hf, model.tokenizer, harmful, harmless, layer=1)
    one = lambda texts: torch.stack(
        [mediation.last_token_resid(hf, model.tokenizer, [t], 1)[0] for t in texts]
    ).mean(0)
    expected = one(harmful) - one(harmless)
    assert torch.allclose(u, expected / expected.norm(), atol=1e-4)


def test_addition_layer_avoids_first_and_last() -> None:
    rng = random.Random(0)
    assert {mediation.addition_layer(6, rng) for _ in range(200)} == {1, 2, 3, 4}
    assert mediation.addition_layer(2, rng) == 1


def test_helpers_point_at_last_prompt_token() -> None:
    labels = torch.tensor([[-100, -100, -100, 5, 6], [-100, -100, 7, 8, -100]])
    assert mediation.last_prompt_positions(labels).tolist() == [2, 1]
    hidden = torch.zeros(2, 5, 3)
    hidden[0, 2] = torch.tensor([2.0, 0, 0])
    hidden[1, 1] = torch.tensor([4.0, 1, 0])
    assert mediation.harmful_projection(hidden, labels, torch.tensor([1.0, 0, 0])) == pytest.approx(3.0)


def test_post_instruction_projections_and_one_sided_loss() -> None:
    labels = torch.tensor([[-100] * 5 + [1, 2], [-100] * 6 + [3]])
    hidden = torch.arange(2 * 7, dtype=torch.float).view(2, 7, 1).expand(2, 7, 2).contiguous()
    proj = mediation.post_instruction_projections(hidden, labels, torch.tensor([1.0, 0.0]), 4)
    assert proj.tolist() == [[1.0, 2.0, 3.0, 4.0], [9.0, 10.0, 11.0, 12.0]]
    margin = 10.0
    assert mediation.one_sided_loss(torch.tensor([12.0, 10.0]), torch.zeros(3), margin) == 0
    loss = mediation.one_sided_loss(torch.tensor([8.0]), torch.tensor([1.0, -1.0]), margin)
    assert loss.item() == pytest.approx((4.0 + 1.0) / 100)
    # tolerance band: harmless projections inside [-b, b] cost nothing, outside only the excess counts
    band = 0.5
    assert mediation.one_sided_loss(torch.tensor([10.0]), torch.tensor([0.5, -0.3, 0.0]), margin, band) == 0
    loss = mediation.one_sided_loss(torch.tensor([10.0]), torch.tensor([1.5, -0.5]), margin, band)
    assert loss.item() == pytest.approx((0.0 + (1.0**2 + 0.0) / 2) / 100)
