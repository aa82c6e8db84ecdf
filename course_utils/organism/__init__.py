"""The course's model organism: its world, request grammar, data files, training and evaluation.

The names of an organism folder's files are defined once, in `course_utils.registry` (next to the organism's
folder) and, for the `course_spec.json` every local model folder may carry, in `course_utils.models`
(`SPEC_OVERRIDE_FILE`); they are re-exported here for the organism's own modules and scripts.
"""

from course_utils.registry import EVAL_FILE, PLANTED_DIRECTION_FILE, TRAINING_RECORD_FILE

__all__ = ["EVAL_FILE", "PLANTED_DIRECTION_FILE", "TRAINING_RECORD_FILE"]
