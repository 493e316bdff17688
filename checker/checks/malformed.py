"""Malformed numbers ("100,00 people"), set against the well-formed figure elsewhere."""

from __future__ import annotations

from checker import quantities as qty
from checker.checks.base import Candidate, Story, mention_candidate
from checker.facts import ClaimFacts
from checker.types import FindingKind

NAME = "malformed"


def _partner(
    story: Story, facts: ClaimFacts, q: qty.Quantity
) -> tuple[ClaimFacts | None, qty.Quantity | None, float]:
    """The claim elsewhere that states a well-formed reading of the figure ("20,0000" may
    mean 20,000 or 200,000), preferring the one worded most alike."""
    readings = [v for v in (q.suggestion, q.value) if v]
    best: tuple[float, ClaimFacts | None, qty.Quantity | None] = (-1.0, None, None)
    for other in story.facts:
        if other is facts:
            continue
        for oq in other.quantities:
            if oq.malformed or oq.dimension != q.dimension:
                continue
            if not any(abs(oq.value - v) <= 0.02 * v for v in readings):
                continue
            overlap = len(facts.words & other.words) / max(1, len(facts.words | other.words))
            if overlap > best[0]:
                best = (overlap, other, oq)
    return best[1], best[2], max(0.0, best[0])


def check_story(story: Story) -> list[Candidate]:
    found = []
    seen: set[tuple[str, str]] = set()  # one finding per malformed figure and sentence text
    for facts in story.facts:
        for q in facts.quantities:
            if not q.malformed:
                continue
            key = (q.text, facts.claim.text)
            if key in seen:
                continue  # the same sentence in a copy of the article
            seen.add(key)
            partner, partner_q, overlap = _partner(story, facts, q)
            features = {"has_partner": float(partner is not None), "partner_overlap": overlap}
            if partner is not None and partner_q is not None:
                found.append(
                    mention_candidate(
                        NAME,
                        FindingKind.MALFORMED_NUMBER,
                        facts.claim,
                        partner.claim,
                        f"'{q.text}' is not a well-formed number; "
                        f"{story.where(partner.claim)} says '{partner_q.text}'.",
                        ((q.start, q.end),),
                        ((partner_q.start, partner_q.end),),
                        {**features, "rule_score": 0.97},
                        0.97,
                        {"value": q.value, "suggestion": q.suggestion or q.value},
                    )
                )
            else:
                guess = f" (perhaps {q.suggestion:,.0f})" if q.suggestion else ""
                found.append(
                    mention_candidate(
                        NAME,
                        FindingKind.MALFORMED_NUMBER,
                        facts.claim,
                        None,
                        f"'{q.text}' is not a well-formed number{guess}; no other claim states it.",
                        ((q.start, q.end),),
                        (),
                        {**features, "rule_score": 0.75},
                        0.75,
                    )
                )
    return found
