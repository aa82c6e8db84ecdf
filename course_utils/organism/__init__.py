"""The course's model organism: its world, request grammar, data files, training and evaluation.

File names inside an organism folder are known here and in `course_utils.models` (`SPEC_OVERRIDE_FILE`, the
`course_spec.json` every local model folder may carry); nothing else spells them out.
"""

#: The planted refusal direction `u` (a float32 tensor `[d_model]`, unit norm) in an organism folder.
PLANTED_DIRECTION_FILE = "planted_direction.pt"
#: The training record (config, time, losses) in an organism folder.
TRAINING_RECORD_FILE = "training.json"
#: The evaluation record (`python -m course_utils.organism evaluate DIR`) in an organism folder.
EVAL_FILE = "eval.json"
