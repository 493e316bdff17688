"""Dates that cannot both hold: "on Tuesday" (11 March) / "on March 4", "last month" /
"last year". Dates are resolved to intervals against each article's publication date."""

from __future__ import annotations

import math

from checker import dates as dates_mod
from checker.checks.base import (
    Candidate,
    Pair,
    Story,
    conflict_candidate,
    context_overlap,
    pair_features,
    relevance,
    unmatched_conflicts,
)
from checker.types import FindingKind

NAME = "days"
MIN_RELEVANCE = 0.45  # hand-set baseline


def days_apart(a: dates_mod.DateMention | None, b: dates_mod.DateMention | None) -> float:
    if a and b and a.earliest and a.latest and b.earliest and b.latest:
        return max(0, (max(a.earliest, b.earliest) - min(a.latest, b.latest)).days)
    return 0.0


def check_pair(pair: Pair, story: Story) -> list[Candidate]:
    a, b = pair.a, pair.b
    undated_article = not pair.across and story.sources[a.source_index].published is None
    compatible = dates_mod.compatible_in_one_article if undated_article else dates_mod.compatible
    agree, conflicts = unmatched_conflicts(a.dates, b.dates, compatible)
    shared = pair_features(pair)
    found = []
    for i, j in conflicts:
        da, db = a.dates[i], b.dates[j]
        context = context_overlap(pair, (da.start, da.end), (db.start, db.end))
        rel = relevance(context, pair.similarity, pair.mutual)
        only_ones = bool(
            pair.across
            and da.date is not None
            and db.date is not None
            and story.unaccounted_days(a.source_index, b.source_index) == 1
            and story.unaccounted_days(b.source_index, a.source_index) == 1
        )
        if only_ones:
            # The one day each article gives that the other lacks: likely one event
            # dated two ways ("will walk out on Monday" / "a strike starting on 17 September").
            rel = min(1.0, rel + 0.15)
        # In an undated article both sides share the nominal day the verdict used.
        apart = days_apart(*map(dates_mod.nominal, (da, db))) if undated_article else days_apart(da, db)
        nli = (
            0.05
            if pair.forward is None or pair.backward is None
            else 0.05 * (pair.forward.contradiction + pair.backward.contradiction)
        )
        rule = 0.45 + 0.4 * rel + nli if rel >= MIN_RELEVANCE else 0.0
        features = {
            **shared,
            "relevance": rel,
            "context_overlap": context,
            "only_unaccounted": float(only_ones),
            "both_days": float(da.date is not None and db.date is not None),
            "both_relative": float(da.kind == db.kind == "relative"),
            "log_days_apart": math.log1p(apart),
            "dates_agree": float(agree),
            "date_count": float(len(a.dates) + len(b.dates)),
            "rule_score": rule,
        }
        sides = (
            (da.text, dates_mod.describe(da), da.start, da.end),
            (db.text, dates_mod.describe(db), db.start, db.end),
        )
        found.append(
            conflict_candidate(NAME, FindingKind.DATE, "dates", pair, story, sides, features, rule, rel)
        )
    return found
