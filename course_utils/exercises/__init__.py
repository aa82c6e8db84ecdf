"""Checked exercises: `check(id, fn)`, `hint(id)`, `solution(id)`, `use(id, fn)`; the registry; the notebook builder.

See docs/EXERCISES.md for how a notebook author declares an exercise.
"""

from course_utils.exercises.checking import CheckResult, check, hint, solution, use
from course_utils.exercises.registry import Exercise, all_exercises, get, register

__all__ = ["CheckResult", "Exercise", "all_exercises", "check", "get", "hint", "register", "solution", "use"]
