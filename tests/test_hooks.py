"""course_utils.hooks: hooks are always removed, names are right."""

from __future__ import annotations

import pytest
import torch

from course_utils.hooks import count_hooks, hooks, resid_hook_name


def test_hooks_removed_after_exception(tiny_model) -> None:
    enc = tiny_model.tokenize(["Hello there."])
    calls = []

    def record(act, hook):
        calls.append(hook.name)

    assert count_hooks(tiny_model) == 0
    with pytest.raises(ZeroDivisionError):
        with hooks(tiny_model, [(resid_hook_name(0), record), (resid_hook_name(1, "resid_post"), record)]):
            assert count_hooks(tiny_model) == 2
            with torch.inference_mode():
                tiny_model.bridge(enc.input_ids, attention_mask=enc.attention_mask)
            raise ZeroDivisionError("boom")
    assert len(calls) == 2
    assert count_hooks(tiny_model) == 0


def test_hook_changes_output_only_inside(tiny_model) -> None:
    enc = tiny_model.tokenize(["Hello there."])

    def run() -> torch.Tensor:
        with torch.inference_mode():
            return tiny_model.bridge(enc.input_ids, attention_mask=enc.attention_mask)

    clean = run()
    with hooks(tiny_model, [(resid_hook_name(1), lambda act, hook: act * 0.0)]):
        hooked = run()
    after = run()
    assert (clean - hooked).abs().max() > 1e-3
    torch.testing.assert_close(clean, after)


def test_bad_hook_name_leaves_no_hooks(tiny_model) -> None:
    with pytest.raises(KeyError):
        with hooks(
            tiny_model, [(resid_hook_name(0), lambda a, h: None), ("blocks.0.hook_typo", lambda a, h: None)]
        ):
            pass
    assert count_hooks(tiny_model) == 0


def test_resid_hook_name() -> None:
    assert resid_hook_name(3) == "blocks.3.hook_resid_pre"
    assert resid_hook_name(0, "resid_mid") == "blocks.0.hook_resid_mid"
    with pytest.raises(ValueError, match="kind must be one of"):
        resid_hook_name(0, "resid_middle")
    with pytest.raises(ValueError, match="layer must be >= 0"):
        resid_hook_name(-1)
