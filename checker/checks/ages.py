"""An age changed within one article: "Viktor Lang, 61" ... "The 64-year-old"."""

from __future__ import annotations

import re

from checker import quantities as qty
from checker.checks.base import Candidate, Story, mention_candidate, quoted
from checker.facts import ClaimFacts
from checker.types import FindingKind

NAME = "ages"

_NAMED_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s*$|\b[A-Z][\w'’-]+\s*\($")  # "Viktor Lang, 61"
_BACK_REFERENCE = re.compile(r"\s*(?:The|the)\s+")  # "The 64-year-old showed no emotion"


def check_story(story: Story) -> list[Candidate]:
    """The back-reference cannot mean anyone else when only one age is named."""
    found = []
    by_source: dict[int, list[tuple[ClaimFacts, qty.Quantity, bool]]] = {}
    for facts in story.facts:
        for q in facts.quantities:
            if q.dimension != "age":
                continue
            before = facts.claim.text[: q.start]
            named = bool(_NAMED_AGE.search(before))
            if named or _BACK_REFERENCE.fullmatch(before):
                by_source.setdefault(facts.source_index, []).append((facts, q, named))
    for mentions in by_source.values():
        named = [(f, q) for f, q, is_named in mentions if is_named]
        if len({q.value for _, q in named}) != 1:
            continue  # no age, or ages of several people: the back-reference is ambiguous
        first, age = named[0]
        for facts, q, is_named in mentions:
            if is_named or q.value == age.value or facts.claim.start < first.claim.start:
                continue
            found.append(
                mention_candidate(
                    NAME,
                    FindingKind.QUANTITY,
                    first.claim,
                    facts.claim,
                    f"The ages differ within {story.where(facts.claim)}: "
                    f"{quoted(age.text, qty.describe(age))} and later "
                    f"{quoted(q.text, qty.describe(q))}, which can only refer back to the same person.",
                    ((age.start, age.end),),
                    ((q.start, q.end),),
                    {"named_ages": float(len(named)), "rule_score": 0.78},
                    0.78,
                )
            )
    return found
