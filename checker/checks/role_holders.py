"""Two articles that give one role to different names: "operated by X" / "the operator, Y",
"chief executive X" / "chief executive Y"."""

from __future__ import annotations

from checker import names as names_mod
from checker.checks.base import Candidate, Story, mention_candidate
from checker.types import FindingKind

NAME = "role_holders"


def check_story(story: Story) -> list[Candidate]:
    mentions = [(f.claim, m) for f in story.facts for m in names_mod.role_mentions(f.claim.text)]
    found = []
    for i, (ca, ma) in enumerate(mentions):
        for cb, mb in mentions[i + 1 :]:
            if ca.source_index == cb.source_index or ma.role != mb.role:
                continue
            if (
                names_mod.same_name(ma.name, mb.name)
                or names_mod.contains_name(ma.name, mb.name)
                or names_mod.is_misspelling(ma.name, mb.name)
            ):
                continue  # one holder, named two ways (a misspelling is the spelling check's)
            only_a = names_mod.name_tokens(ma.name) - names_mod.name_tokens(mb.name)
            only_b = names_mod.name_tokens(mb.name) - names_mod.name_tokens(ma.name)
            # One article that names both: two holders, two facts.
            named_elsewhere = story.known_to(ca, only_b) or story.known_to(cb, only_a)
            rule = 0.0 if named_elsewhere else 0.72
            found.append(
                mention_candidate(
                    NAME,
                    FindingKind.NAME,
                    ca,
                    cb,
                    f"Different names for one role ({ma.role}): '{ma.name}' in {story.where(ca)} "
                    f"vs '{mb.name}' in {story.where(cb)}.",
                    ((ma.start, ma.end),),
                    ((mb.start, mb.end),),
                    {
                        "named_elsewhere": float(named_elsewhere),
                        "title": float(ma.title and mb.title),
                        "title_words": float(len(ma.role.split())),
                        "rule_score": rule,
                    },
                    rule,
                )
            )
    return found
