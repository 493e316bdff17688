"""The checks, and the registry the compare stage runs.

A new kind of check is one module here with a ``NAME`` and a ``check_pair(pair, story)``
(an aligned claim pair) or ``check_story(story)`` (all claims at once) that returns
candidates; one line below; and a refit of the scorer (``scripts/fit_scorer.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from checker.checks import (
    ages,
    days,
    figures,
    malformed,
    meaning,
    names,
    ordinals,
    role_holders,
    spelling,
    times,
)
from checker.checks.base import Candidate, Pair, Story

PAIR_CHECKS: tuple[Callable[[Pair, Story], list[Candidate]], ...] = (
    figures.check_pair,
    days.check_pair,
    times.check_pair,
    names.check_pair,
    ordinals.check_pair,
    meaning.check_pair,
)
STORY_CHECKS: tuple[Callable[[Story], list[Candidate]], ...] = (
    malformed.check_story,
    ages.check_story,
    role_holders.check_story,
    spelling.check_story,
)

__all__ = ["PAIR_CHECKS", "STORY_CHECKS", "Candidate", "Pair", "Story"]
