"""A clock time against a part of the same day: "at 4:10 a.m. on Monday" / "on Monday
afternoon"."""

from __future__ import annotations

from checker import dates as dates_mod
from checker.checks.base import Candidate, Pair, Story, mention_candidate, pair_features
from checker.types import FindingKind

NAME = "times"

# Minutes after midnight each part of a day covers (night wraps round).
PARTS_OF_DAY = {
    "morning": (300, 720),
    "afternoon": (720, 1080),
    "evening": (1020, 1380),
    "night": (1140, 360),
}


def check_pair(pair: Pair, story: Story) -> list[Candidate]:
    found = []
    for x, y in ((pair.a, pair.b), (pair.b, pair.a)):
        for q in x.quantities:
            if q.dimension != "time_of_day":
                continue
            for d in y.dates:
                part = d.text.split()[-1].lower()
                if part not in PARTS_OF_DAY or not any(dates_mod.compatible(d, own) for own in x.dates):
                    continue  # no part of day, or not said to be the same day
                low, high = PARTS_OF_DAY[part]
                inside = [(m % 1440) for m in (q.low, q.high)]
                if any((low <= m < high) if low < high else (m >= low or m < high) for m in inside):
                    continue  # the time is in that part of the day: no conflict
                rule = 0.55 + 0.4 * min(1.0, (pair.similarity - 0.4) / 0.4) if pair.similarity >= 0.4 else 0.0
                found.append(
                    mention_candidate(
                        NAME,
                        FindingKind.DATE,
                        x.claim,
                        y.claim,
                        f"The times differ: '{q.text}' in {story.where(x.claim)} is not in the "
                        f"{part} of '{d.text}' in {story.where(y.claim)}.",
                        ((q.start, q.end),),
                        ((d.start, d.end),),
                        {**pair_features(pair), "rule_score": rule},
                        rule,
                        {"similarity": round(pair.similarity, 3)},
                    )
                )
    return found
