"""Checked exercises: `check(id, fn)`, `hint(id)`, `solution(id)`; the registry; the notebook builder.

See docs/EXERCISES.md for how a notebook author declares an exercise.
"""

from course_utils.exercises.checking import CheckResult, check, hint, solution
from course_utils.exercises.registry import Exercise, all_exercises, get, register

__all__ = ["CheckResult", "Exercise", "all_exercises", "check", "get", "hint", "register", "solution"]
