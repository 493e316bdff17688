"""Figures that cannot both hold: "four cars" / "six cars", "52.3%" / "53.2 percent".

Only figures of one dimension whose value ranges do not overlap become candidates (a
length against a sum of money is not a conflict); whether they describe one fact is
left to the features: the words around them, what they count, whether the other
article states the figure elsewhere, how far apart the values are.
"""

from __future__ import annotations

import math
import re

from checker import quantities as qty
from checker.checks.base import (
    Candidate,
    Pair,
    Story,
    conflict_candidate,
    context_overlap,
    pair_features,
    relevance,
    window_words,
)
from checker.lexicon import OUTCOMES
from checker.types import FindingKind
from checker.words import MEASURED, figure_kind

NAME = "figures"

_EXPECTATION = re.compile(
    r"\b(?:expected|expects?|expecting|forecasts?|predicted|projected|estimates?|target(?:ed|ing)?|hoped|"
    r"aims?|budgeted|pre-sale)\b[^.;]*$",
    re.I,
)
# Hand-set baseline: the relevance two figures need before the old design reported them.
MIN_RELEVANCE = 0.35
MIN_RELEVANCE_WITHIN = 0.75  # one article often gives several figures of a kind about one subject


def expected(text: str, start: int) -> bool:
    """Whether a figure is a forecast or target rather than what happened."""
    return bool(_EXPECTATION.search(text, max(0, start - 45), start))


def outcomes(text: str, start: int, end: int) -> set[str]:
    """What happened to the counted people, from the words near a figure ("killed": death)."""
    return {OUTCOMES[w] for w in window_words(text, start, end, set()) if w in OUTCOMES}


def _kind_features(q: qty.Quantity) -> dict[str, float]:
    group = "measure" if q.dimension in MEASURED else q.dimension
    if group == "count" and not q.noun:
        group = "bare_count"
    return {f"dim_{group}": 1.0}


def check_pair(pair: Pair, story: Story) -> list[Candidate]:
    a, b = pair.a, pair.b
    agree, conflicts = pair.figure_verdicts
    found = []
    shared = pair_features(pair)
    for i, j in conflicts:
        qa, qb = a.quantities[i], b.quantities[j]
        if qa.malformed or qb.malformed:
            continue  # reported by the malformed-number check
        stated = pair.across and (story.stated_in(qa, b.source_index) or story.stated_in(qb, a.source_index))
        high, low = max(abs(qa.value), abs(qb.value)), min(abs(qa.value), abs(qb.value))
        far_apart = qa.dimension in ("count", "money") and high >= 100 * max(1e-9, low)
        expectation_mismatch = expected(a.claim.text, qa.start) != expected(b.claim.text, qb.start)
        out_a = outcomes(a.claim.text, qa.start, qa.end)
        out_b = outcomes(b.claim.text, qb.start, qb.end)
        outcome_mismatch = bool(out_a and out_b and not out_a & out_b)
        context = context_overlap(pair, (qa.start, qa.end), (qb.start, qb.end), (qa.noun, qb.noun, "people"))
        rel = relevance(context, pair.similarity, pair.mutual)
        same_noun = bool(qa.noun) and qty.noun_group(qa.noun) == qty.noun_group(qb.noun)
        same_unit = qa.dimension in MEASURED and qa.unit == qb.unit
        rel = min(1.0, rel + (0.2 if same_noun else 0.15 if same_unit else 0.0))
        kind = figure_kind(qa)
        only_ones = bool(
            pair.across
            and kind
            and kind == figure_kind(qb)
            and story.unaccounted(a.source_index, b.source_index, kind) == 1
            and story.unaccounted(b.source_index, a.source_index, kind) == 1
        )
        if only_ones and pair.similarity >= 0.25 and out_a == out_b:
            # The one figure of its kind that each article gives and the other lacks:
            # most likely two versions of one fact ("offered 5%" / "only 3 percent").
            rel = min(1.0, rel + 0.2)
        vetoed = stated or far_apart or expectation_mismatch or outcome_mismatch
        floor = MIN_RELEVANCE if pair.across else MIN_RELEVANCE_WITHIN
        rule = 0.0 if vetoed or rel < floor else 0.5 + 0.4 * rel + _nli_bonus(pair)
        features = {
            **shared,
            **_kind_features(qa),
            "relevance": rel,
            "context_overlap": context,
            "same_noun": float(same_noun),
            "same_unit": float(same_unit),
            "stated_elsewhere": float(stated),
            "log_ratio": min(3.0, math.log10(high / max(low, 1e-9))) if high > 0 else 0.0,
            "far_apart": float(far_apart),
            "expectation_mismatch": float(expectation_mismatch),
            "outcome_mismatch": float(outcome_mismatch),
            "only_unaccounted": float(only_ones),
            "figures_agree": float(agree),
            "figure_count": float(len(a.quantities) + len(b.quantities)),
            "rule_score": rule,
        }
        sides = ((qa.text, qty.describe(qa), qa.start, qa.end), (qb.text, qty.describe(qb), qb.start, qb.end))
        found.append(
            conflict_candidate(NAME, FindingKind.QUANTITY, "figures", pair, story, sides, features, rule, rel)
        )
    return found


def _nli_bonus(pair: Pair) -> float:
    if pair.forward is None or pair.backward is None:
        return 0.05
    return 0.1 * (pair.forward.contradiction + pair.backward.contradiction) / 2
