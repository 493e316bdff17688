"""Ranks that cannot both hold: "the third minister to resign" / "the second minister to
leave", "the largest insurer" / "the second-largest insurer", "finished third" / "came
second"."""

from __future__ import annotations

import math

from checker.checks.base import (
    Candidate,
    Pair,
    Story,
    context_overlap,
    in_claim,
    mention_candidate,
    pair_features,
    relevance,
    unmatched_conflicts,
)
from checker.ordinals import Ordinal
from checker.types import FindingKind

NAME = "ordinals"


def comparable(x: Ordinal, y: Ordinal) -> bool | None:
    """True when both name the same rank of the same kind, False when the ranks differ
    on one scale (one measure, or plain ordinals), None when they rank different things."""
    if x.measure != y.measure:
        return None  # "the largest" against "the third": not one scale
    return x.rank == y.rank


def check_pair(pair: Pair, story: Story) -> list[Candidate]:
    a, b = pair.a, pair.b
    if not a.ordinals or not b.ordinals:
        return []
    agree, conflicts = unmatched_conflicts(a.ordinals, b.ordinals, comparable)
    shared = pair_features(pair)
    found = []
    for i, j in conflicts:
        x, y = a.ordinals[i], b.ordinals[j]
        span_a, span_b = in_claim(a.claim, (x.start, x.end)), in_claim(b.claim, (y.start, y.end))
        context = context_overlap(pair, span_a[0], span_b[0]) if span_a and span_b else 0.0
        rel = relevance(context, pair.similarity, pair.mutual)
        same_head = bool(x.head and x.head == y.head)
        # Hand-set baseline: one thing ranked two ways in closely matching claims.
        rule = 0.45 + 0.4 * rel if (same_head or x.measure) and rel >= 0.45 else 0.0
        features = {
            **shared,
            "relevance": rel,
            "context_overlap": context,
            "same_head": float(same_head),
            "superlative": float(bool(x.measure)),
            "log_rank_gap": math.log1p(abs(x.rank - y.rank)),
            "ordinals_agree": float(agree),
            "ordinal_count": float(len(a.ordinals) + len(b.ordinals)),
            "rule_score": rule,
        }
        found.append(
            mention_candidate(
                NAME,
                FindingKind.QUANTITY,
                a.claim,
                b.claim,
                f"The ranks differ: '{x.text}' in {story.where(a.claim)} "
                f"vs '{y.text}' in {story.where(b.claim)}.",
                span_a,
                span_b,
                features,
                rule,
                {"similarity": round(pair.similarity, 3)},
            )
        )
    return found
