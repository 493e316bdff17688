"""Different names in the same place ("held in Geneva" / "held in Vienna") and swapped
roles ("A sued B" / "B sued A")."""

from __future__ import annotations

from checker import names as names_mod
from checker.checks.base import Candidate, Pair, Story, in_claim, mention_candidate, pair_features
from checker.types import FindingKind

NAME = "names"
ROLES = "roles"


def check_pair(pair: Pair, story: Story) -> list[Candidate]:
    a, b = pair.a.claim, pair.b.claim
    shared = pair_features(pair)
    found = []
    for diff in names_mod.name_differences(a.core, b.core, story.known_names):
        if diff.misspelling:
            continue  # spelling is checked across the whole story, once per name
        only_b = names_mod.name_tokens(diff.b.text) - names_mod.name_tokens(diff.a.text)
        only_a = names_mod.name_tokens(diff.a.text) - names_mod.name_tokens(diff.b.text)
        # An article that names both elsewhere uses them for different things.
        named_elsewhere = story.known_to(a, only_b) or story.known_to(b, only_a)
        rule = (
            0.0
            if pair.similarity < 0.55 or named_elsewhere
            else 0.45 + 0.5 * min(1.0, (pair.similarity - 0.55) / 0.3)
        )
        found.append(
            mention_candidate(
                NAME,
                FindingKind.NAME,
                a,
                b,
                f"Different names in the same place: '{diff.a.text}' vs '{diff.b.text}'.",
                in_claim(a, (diff.a.start, diff.a.end)),
                in_claim(b, (diff.b.start, diff.b.end)),
                {
                    **shared,
                    "named_elsewhere": float(named_elsewhere),
                    "name_differences": 1.0,
                    "rule_score": rule,
                },
                rule,
                {"similarity": round(pair.similarity, 3)},
            )
        )
    swap = names_mod.role_swap(a.core, b.core, story.known_names)
    if swap:
        rule = 0.6 + 0.35 * min(1.0, (pair.similarity - 0.5) / 0.3) if pair.similarity >= 0.5 else 0.0
        found.append(
            Candidate(
                ROLES,
                FindingKind.ROLES,
                a,
                b,
                f"The roles are swapped: who {swap.verb} whom differs between "
                f"'{swap.first}' and '{swap.second}'.",
                (),
                (),
                {**shared, "rule_score": rule},
                rule,
                {"similarity": round(pair.similarity, 3)},
            )
        )
    return found
